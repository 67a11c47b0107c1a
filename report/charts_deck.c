/* charts_deck — the pages of deck.pdf other than the charts: the title page,
 * the key numbers with their DORA bands, the assumptions (what the scenario
 * changes from the presets, and the key defaults with their sources, read
 * from the embedded presets so they never drift from the model) and the
 * validity warnings. See charts_int.h and docs/charts.md. */
#include "report/charts_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scen_load.h"
#include "plots/plot_page.h"
#include "plots/plot_ticks.h"

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

#define TABLE_ROWS_PER_PAGE 12
#define TABLE_PAGES_MAX 12
#define ASSUMPTION_LINES_MAX 8
#define WARNING_LINES_MAX 14

/* ---- the title page ---------------------------------------------------------------- */

/* The cover has room for about four lines of description (the rest is in
 * results.json): longer ones end at the last sentence, or word, that fits. */
#define DESCRIPTION_MAX 330

static const char *short_description(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    if (len <= DESCRIPTION_MAX || n < DESCRIPTION_MAX + 4)
        return s;
    size_t cut = 0;
    for (size_t i = DESCRIPTION_MAX / 2; i < DESCRIPTION_MAX; i++)
        if ((s[i] == '.' || s[i] == ':' || s[i] == ';') && s[i + 1] == ' ')
            cut = i + 1;
    int sentence = cut > 0;
    if (!cut)
        for (size_t i = DESCRIPTION_MAX; i > 0 && !cut; i--)
            if (s[i] == ' ')
                cut = i;
    if (!cut)
        cut = DESCRIPTION_MAX;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
        cut--;
    if (sentence && s[cut - 1] != '.')
        cut--; /* "…: rest" becomes "… …" without the colon */
    memcpy(buf, s, cut);
    snprintf(buf + cut, n - cut, " \xe2\x80\xa6");
    return buf;
}

static int title_page(plot_deck *deck, const charts_data *d, char *err, size_t err_len)
{
    util_buf models = { 0 }, hostings = { 0 }, who = { 0 };
    util_buf_add(&models, "%d ownership model%s: ", d->n_models, d->n_models == 1 ? "" : "s");
    for (int m = 0; m < d->n_models; m++)
        util_buf_add(&models, "%s%s", m ? ", " : "", charts_model_label(d->model[m]));
    util_buf_add(&hostings, "%d hosting point%s: ", d->n_hostings, d->n_hostings == 1 ? "" : "s");
    for (int h = 0; h < d->n_hostings; h++)
        util_buf_add(&hostings, "%s%s", h ? ", " : "", charts_hosting_label(d->hosting[h]));
    util_buf_add(&who, "%d replication%s per model and hosting point (common random numbers), seed %s",
                   d->reps, d->reps == 1 ? "" : "s", d->seed);
    char prog[256];
    snprintf(prog, sizeof prog, "devopsim %s \xc2\xb7 run %s%s%s", d->version, d->run_date,
             d->scenario_hash ? " \xc2\xb7 scenario hash " : "", d->scenario_hash ? d->scenario_hash : "");
    plot_text_block blocks[5];
    size_t n = 0;
    char desc[DESCRIPTION_MAX + 8];
    if (d->description && *d->description)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH, short_description(d->description, desc, sizeof desc) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, util_buf_str(&models) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, util_buf_str(&hostings) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, util_buf_str(&who) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, prog };
    char title[200];
    snprintf(title, sizeof title, "%s", d->scenario);
    plot_text_page page = { 0 };
    page.title = title;
    page.subtitle = "Ownership models across the hosting continuum: simulated lead time, knowledge and staffing";
    page.blocks = blocks;
    page.n_blocks = n;
    page.cover = 1;
    int st = models.err || hostings.err || who.err ? PLOT_ENOMEM
                                                    : plot_deck_page(deck, plot_text_page_draw_fn, &page, err, err_len);
    util_buf_free(&models);
    util_buf_free(&hostings);
    util_buf_free(&who);
    return st;
}

/* ---- key numbers ----------------------------------------------------------------------- */

static uint32_t band_fill(const char *band)
{
    if (!band)
        return PLOT_COLOUR_NONE;
    if (!strcmp(band, "elite"))
        return plot_colour_tint(PLOT_BLUISH_GREEN, 0.55);
    if (!strcmp(band, "high"))
        return plot_colour_tint(PLOT_SKY_BLUE, 0.55);
    if (!strcmp(band, "medium"))
        return plot_colour_tint(PLOT_YELLOW, 0.45);
    if (!strcmp(band, "low"))
        return plot_colour_tint(PLOT_VERMILLION, 0.55);
    return PLOT_COLOUR_NONE;
}

/* "v · band" into buf; v already formatted. */
static void banded(char *buf, size_t n, const char *v, const char *band)
{
    if (band && strcmp(band, "n/a") != 0 && strcmp(v, "n/a") != 0)
        snprintf(buf, n, "%s \xc2\xb7 %s", v, band);
    else
        snprintf(buf, n, "%s", v);
}

size_t charts_table_rows_per_page(int n_hostings)
{
    /* whole models on a page when they fit */
    size_t h = (size_t)(n_hostings > 0 ? n_hostings : 1);
    return h <= TABLE_ROWS_PER_PAGE ? h * (TABLE_ROWS_PER_PAGE / h) : TABLE_ROWS_PER_PAGE;
}

#define COLS 9
#define CELL 48

static int table_pages(plot_deck *deck, const charts_data *d, char *err, size_t err_len)
{
    static const char *const header[COLS] = {
        "Ownership model", "Hosting", "p85 lead time (days)", "Deploys per week", "Change lead time p50 (days)",
        "Change failure rate", "Time to restore p50", "Bus factor (infra)", "Non-product FTE",
    };
    size_t rows = (size_t)d->n_models * (size_t)d->n_hostings;
    size_t per = charts_table_rows_per_page(d->n_hostings);
    size_t pages = (rows + per - 1) / per;
    if (pages > TABLE_PAGES_MAX)
        pages = TABLE_PAGES_MAX;
    char (*text)[CELL] = calloc(TABLE_ROWS_PER_PAGE * COLS, CELL);
    const char **cells = calloc(TABLE_ROWS_PER_PAGE * COLS, sizeof *cells);
    uint32_t *fill = calloc(TABLE_ROWS_PER_PAGE * COLS, sizeof *fill);
    if (!text || !cells || !fill) {
        free(text);
        free(cells);
        free(fill);
        snprintf(err, err_len, "out of memory drawing deck.pdf");
        return PLOT_ENOMEM;
    }
    char sub[256], caption[600], title[128];
    charts_subtitle(d, sub, sizeof sub);
    int st = PLOT_OK;
    for (size_t p = 0; p < pages && !st; p++) {
        size_t r0 = p * per, r1 = r0 + per;
        if (r1 > rows)
            r1 = rows;
        for (size_t r = r0; r < r1; r++) {
            int m = (int)(r / (size_t)d->n_hostings), h = (int)(r % (size_t)d->n_hostings);
            const charts_cell *c = charts_cell_at(d, m, h);
            size_t k = (r - r0) * COLS;
            char v[40];
            for (int j = 0; j < COLS; j++) {
                fill[k + (size_t)j] = PLOT_COLOUR_NONE;
                cells[k + (size_t)j] = text[k + (size_t)j];
            }
            snprintf(text[k + 0], CELL, "%s", charts_model_label(d->model[m]));
            snprintf(text[k + 1], CELL, "%s", charts_hosting_label(d->hosting[h]));
            charts_fmt(c->lead_p85.mean, text[k + 2], CELL);
            banded(text[k + 3], CELL, charts_fmt(c->deploys.mean, v, sizeof v), c->dora[CHARTS_DORA_DEPLOY]);
            banded(text[k + 4], CELL, charts_fmt(c->change_lead.mean, v, sizeof v), c->dora[CHARTS_DORA_LEAD]);
            plot_number_format(c->cfr.mean, 0, PLOT_FMT_PERCENT, v, sizeof v);
            banded(text[k + 5], CELL, v, c->dora[CHARTS_DORA_CFR]);
            /* restore: in working hours below a day */
            double rd = c->restore.mean;
            if (isfinite(rd) && rd * d->hours_per_day < d->hours_per_day) {
                char hv[32];
                snprintf(v, sizeof v, "%s h", charts_fmt(rd * d->hours_per_day, hv, sizeof hv));
            } else if (isfinite(rd)) {
                char dv[32];
                snprintf(v, sizeof v, "%s d", charts_fmt(rd, dv, sizeof dv));
            } else {
                snprintf(v, sizeof v, "n/a");
            }
            banded(text[k + 6], CELL, v, c->dora[CHARTS_DORA_RESTORE]);
            charts_fmt(c->bus_infra.mean, text[k + 7], CELL);
            charts_fmt(c->nonproduct_fte.mean, text[k + 8], CELL);
            fill[k + 3] = band_fill(c->dora[CHARTS_DORA_DEPLOY]);
            fill[k + 4] = band_fill(c->dora[CHARTS_DORA_LEAD]);
            fill[k + 5] = band_fill(c->dora[CHARTS_DORA_CFR]);
            fill[k + 6] = band_fill(c->dora[CHARTS_DORA_RESTORE]);
        }
        if (pages > 1)
            snprintf(title, sizeof title, "Key numbers with DORA 2024 bands (%zu of %zu)", p + 1, pages);
        else
            snprintf(title, sizeof title, "Key numbers with DORA 2024 bands");
        size_t more = p + 1 == pages && rows > r1 ? rows - r1 : 0;
        char extra[120] = "";
        if (more)
            snprintf(extra, sizeof extra, " %zu more rows are in summary.csv.", more);
        snprintf(caption, sizeof caption,
                 "Means over %d replications. Cell colour and word: the DORA 2024 band \xe2\x80\x94 elite, high, "
                 "medium, low (thresholds in docs/metrics.md). Restore time in working hours (h) or days (d).%s",
                 d->reps, extra);
        plot_table t = { 0 };
        t.title = title;
        t.subtitle = sub;
        t.caption = caption;
        t.n_cols = COLS;
        t.n_rows = r1 - r0;
        t.header = header;
        t.cells = cells;
        t.cell_fill = fill;
        t.align = "llrrrrrrr";
        st = plot_deck_page(deck, plot_table_draw_fn, &t, err, err_len);
    }
    free(text);
    free(cells);
    free(fill);
    return st;
}

/* ---- assumptions -------------------------------------------------------------------------- */

/* A key default: where it is in models/presets.json, how to say it, its label
 * and source (docs/calibration.md). Paths: keys joined by '.', "name=X"
 * selects the element of an array whose "name" is X. "{}" in text takes the
 * values in order; '%' after it prints a share as a percentage. */
typedef struct key_default {
    const char *text;
    const char *path[2];
    const char *source;
} key_default;

static const key_default key_defaults[] = {
    { "Attrition {%} a year; a replacement starts {} working days later",
      { "people.attrition_per_year", "people.hiring_delay_days" }, "commonly quoted industry figure" },
    { "Change failure rate {%} for a team deploying code it knows",
      { "incidents.change_failure_base", NULL }, "DORA 2024 elite band" },
    { "Restore time on-prem: median {} days, p90 {} days, log-normal",
      { "hosting.name=on_prem.restore_days.median", "hosting.name=on_prem.restore_days.p90" },
      "PagerDuty 2021; Davidovi\xc4\x8d (Google) 2021" },
    { "Toil per service a week: {} days on-prem, {} serverless",
      { "hosting.name=on_prem.toil_days_per_service_week", "hosting.name=serverless.toil_days_per_service_week" },
      "META Group 2002: 10\xe2\x80\x93" "20 servers per sysadmin" },
    { "Traditional ops: release windows every {} working days, change board every {}",
      { "models.name=traditional_ops.release_window_every_days", "models.name=traditional_ops.change_board_every_days" },
      "ITIL change-advisory practice" },
    { "Ticket handling {} and context switch {} days per ticket",
      { "models.name=traditional_ops.ticket_handling_days", "models.name=traditional_ops.context_switch_days" },
      "Weinberg (1992)" },
    { "Learning penalty {}: at zero skill a task takes (1 + penalty) times as long",
      { "knowledge.learning_penalty", NULL }, "ramp-up of 3\xe2\x80\x93" "9 months" },
    { "A 24/7 on-call rotation needs at least {} engineers",
      { "targets.oncall_min_rotation", NULL }, "Google SRE book" },
    { "An engineer knows a component at context \xe2\x89\xa5 {} (bus factor)",
      { "knowledge.threshold", NULL }, "modelling choice (cf. Avelino et al. 2016)" },
};

static const cJSON *preset_at(const cJSON *root, const char *path)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *v = root;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ".", &save); tok && v; tok = strtok_r(NULL, ".", &save)) {
        if (!strncmp(tok, "name=", 5) && cJSON_IsArray(v)) {
            const cJSON *e, *hit = NULL;
            cJSON_ArrayForEach(e, v) {
                const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
                if (cJSON_IsString(nm) && !strcmp(nm->valuestring, tok + 5))
                    hit = e;
            }
            v = hit;
        } else {
            v = cJSON_GetObjectItemCaseSensitive(v, tok);
        }
    }
    return cJSON_IsNumber(v) ? v : NULL;
}

/* The text of a key default with the preset values, or 0 when a value is missing. */
static int key_default_text(const cJSON *presets, const key_default *k, char *out, size_t n)
{
    size_t o = 0;
    int vi = 0;
    for (const char *p = k->text; *p && o + 1 < n; p++) {
        if (p[0] == '{' && (p[1] == '}' || (p[1] == '%' && p[2] == '}'))) {
            int pct = p[1] == '%';
            const cJSON *v = vi < 2 && k->path[vi] ? preset_at(presets, k->path[vi]) : NULL;
            if (!v)
                return 0;
            vi++;
            char num[40];
            double x = v->valuedouble;
            if (pct)
                plot_number_format(x, x * 100.0 == floor(x * 100.0) ? 2 : 3, PLOT_FMT_PERCENT, num, sizeof num);
            else
                plot_number_format(x, x == floor(x) ? 0 : 2, PLOT_FMT_THOUSANDS, num, sizeof num);
            /* drop trailing zeros of decimals: 0.50 → 0.5 */
            char *dot = strchr(num, '.');
            if (dot && !pct) {
                char *e = num + strlen(num) - 1;
                while (e > dot && *e == '0')
                    *e-- = '\0';
                if (e == dot)
                    *e = '\0';
            }
            o += (size_t)snprintf(out + o, n - o, "%s", num);
            p += pct ? 2 : 1;
        } else {
            out[o++] = *p;
        }
    }
    if (o >= n)
        o = n - 1;
    out[o] = '\0';
    snprintf(out + o, n - o, " \xe2\x80\x94 %s", k->source);
    return 1;
}

#define KEYS (sizeof key_defaults / sizeof key_defaults[0])

static int assumptions_page(plot_deck *deck, const charts_data *d, char *err, size_t err_len)
{
    int n_changed = cJSON_GetArraySize(d->assumptions);
    int shown = n_changed > ASSUMPTION_LINES_MAX ? ASSUMPTION_LINES_MAX - 1 : n_changed;
    plot_text_block *blocks = calloc((size_t)shown + KEYS + 8, sizeof *blocks);
    char (*keys)[320] = calloc(KEYS, sizeof *keys);
    size_t plen = 0;
    cJSON *presets = cJSON_Parse(scen_presets_text(&plen));
    if (!blocks || !keys) {
        free(blocks);
        free(keys);
        cJSON_Delete(presets);
        snprintf(err, err_len, "out of memory drawing deck.pdf");
        return PLOT_ENOMEM;
    }
    size_t n = 0;
    char more[160];
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, "What this scenario changes from the presets" };
    if (n_changed == 0)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH, "Nothing: it runs on the presets as they are." };
    for (int i = 0; i < shown; i++)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, cJSON_GetArrayItem(d->assumptions, i)->valuestring };
    if (shown < n_changed) {
        snprintf(more, sizeof more, "\xe2\x80\xa6 and %d more: assumptions_changed in results.json", n_changed - shown);
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, more };
    }
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, "Key defaults and their sources" };
    for (size_t k = 0; k < KEYS && presets; k++)
        if (key_default_text(presets, &key_defaults[k], keys[k], sizeof keys[k]))
            blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, keys[k] };
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    plot_text_page page = { 0 };
    page.title = "Assumptions";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = n;
    char caption[200];
    snprintf(caption, sizeof caption, "Defaults of devopsim %s (models/presets.json). Every default with its "
             "rationale and source: docs/calibration.md.", DEVOPSIM_VERSION);
    page.caption = caption;
    int st = plot_deck_page(deck, plot_text_page_draw_fn, &page, err, err_len);
    free(blocks);
    free(keys);
    cJSON_Delete(presets);
    return st;
}

/* ---- warnings ------------------------------------------------------------------------------- */

static int warnings_page(plot_deck *deck, const charts_data *d, char *err, size_t err_len)
{
    int total = 0;
    for (int m = 0; m < d->n_models; m++)
        for (int h = 0; h < d->n_hostings; h++)
            total += cJSON_GetArraySize(charts_cell_at(d, m, h)->warnings);
    if (total == 0)
        return PLOT_OK;
    int shown = total > WARNING_LINES_MAX ? WARNING_LINES_MAX - 1 : total;
    plot_text_block *blocks = calloc((size_t)shown + 2, sizeof *blocks);
    char (*lines)[640] = calloc((size_t)shown + 1, sizeof *lines);
    if (!blocks || !lines) {
        free(blocks);
        free(lines);
        snprintf(err, err_len, "out of memory drawing deck.pdf");
        return PLOT_ENOMEM;
    }
    int n = 0;
    for (int m = 0; m < d->n_models && n < shown; m++)
        for (int h = 0; h < d->n_hostings && n < shown; h++) {
            const cJSON *w;
            cJSON_ArrayForEach(w, charts_cell_at(d, m, h)->warnings) {
                if (n >= shown)
                    break;
                snprintf(lines[n], sizeof lines[n], "%s at %s: %s", charts_model_label(d->model[m]),
                         charts_hosting_label(d->hosting[h]), w->valuestring);
                blocks[n] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[n] };
                n++;
            }
        }
    size_t nb = (size_t)n;
    if (shown < total) {
        snprintf(lines[n], sizeof lines[n], "\xe2\x80\xa6 and %d more: the warnings of each result in results.json",
                 total - shown);
        blocks[nb++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[n] };
    }
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    plot_text_page page = { 0 };
    page.title = "Validity warnings: read the results above with these in mind";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = nb;
    page.caption = "A team loaded at or beyond capacity has queues that grow without bound; a short warm-up or "
                   "many unfinished features bias lead times. See docs/metrics.md.";
    int st = plot_deck_page(deck, plot_text_page_draw_fn, &page, err, err_len);
    free(blocks);
    free(lines);
    return st;
}

int charts_deck_pages(plot_deck *deck, const charts_data *d, const charts_page *pages, int n_pages, char *err,
                      size_t err_len)
{
    int st = title_page(deck, d, err, err_len);
    for (int i = 0; i < n_pages && !st; i++)
        st = plot_deck_page(deck, pages[i].draw, pages[i].ctx, err, err_len);
    if (!st)
        st = table_pages(deck, d, err, err_len);
    if (!st)
        st = assumptions_page(deck, d, err, err_len);
    if (!st)
        st = warnings_page(deck, d, err, err_len);
    return st;
}
