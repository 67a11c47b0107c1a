/* batch_summary — what a batch writes across its scenarios: OUT/summary.csv
 * (every scenario's summary.csv under one header) and a chart comparing the
 * p85 lead time of every scenario, hosting point and model, with the drawn
 * numbers beside it. Built from the scenario folders on disk, so scenarios
 * skipped as up to date count as much as those just run. See batch.h. */
#include "batch/batch_summary.h"
#include "report/charts.h"
#include "report/charts_label.h"
#include "report/charts_data.h"
#include "plots/plot_ticks.h"
#include "util/util_msg.h"
#include "util/util_file.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plots/plot.h"
#include "plots/plot_chart.h"
#include "plots/plot_out.h"
#include "plots/plot_text.h"

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

#define CHART "lead_time_p85"
/* Scenarios per page: a grid of up to 3 x 2 small charts. */
#define PER_PAGE 6
#define N_FIELDS 8

/* One scenario's panel: its hosting points (categories) and models (series),
 * values [model][hosting], and the summary.csv fields of each bar as written. */
typedef struct panel {
    const org_scenario *s;
    int n_h, n_m;
    double *v;                  /* [3][n_m][n_h]: mean, low, high */
    const char **f;             /* [n_m][n_h][N_FIELDS], NULL when missing */
    char subtitle[96];
    unsigned char *warn, *unstable;  /* [n_m][n_h]: validity warnings, unstable (results.json) */
    plot_series series[PLOT_MAX_SERIES];
    const char *cats[PLOT_MAX_CATEGORIES];
    plot_chart chart;
} panel;

typedef struct page_ctx {
    panel *p;                   /* this page's panels */
    int n;
    int page, pages;
    batch_summary_probe_fn probe;   /* may be NULL */
    void *probe_ctx;
} page_ctx;

static double num(const char *s)
{
    if (!s || !*s)
        return NAN;
    char *end;
    double v = strtod(s, &end);
    return *end ? (double)NAN : v;
}

/* Splits line (modified) at commas into f[N_FIELDS]; 0 when it has them all. */
static int split(char *line, const char **f)
{
    int k = 0;
    f[k++] = line;
    for (char *p = line; *p; p++)
        if (*p == ',') {
            *p = '\0';
            if (k == N_FIELDS)
                return -1;
            f[k++] = p + 1;
        }
    return k == N_FIELDS ? 0 : -1;
}

static int panel_init(panel *P, const org_scenario *s)
{
    memset(P, 0, sizeof *P);
    P->s = s;
    P->n_h = s->n_hostings < PLOT_MAX_CATEGORIES ? s->n_hostings : PLOT_MAX_CATEGORIES;
    P->n_m = s->n_models < PLOT_MAX_SERIES ? s->n_models : PLOT_MAX_SERIES;
    size_t cells = (size_t)(P->n_m > 0 ? P->n_m : 1) * (size_t)(P->n_h > 0 ? P->n_h : 1);
    P->v = malloc(3 * cells * sizeof *P->v);
    P->f = calloc(cells * N_FIELDS, sizeof *P->f);
    P->warn = calloc(cells, 1);
    P->unstable = calloc(cells, 1);
    if (!P->v || !P->f || !P->warn || !P->unstable)
        return -1;
    for (size_t i = 0; i < 3 * cells; i++)
        P->v[i] = NAN;
    return 0;
}

/* Takes one summary.csv row (split into f) if it is a p85 lead time. */
static void panel_row(panel *P, const char **f, const char *metric)
{
    if (strcmp(f[3], metric) != 0)
        return;
    int m = -1, h = -1;
    for (int i = 0; i < P->n_m; i++)
        if (!strcmp(P->s->models[i].name, f[1]))
            m = i;
    for (int i = 0; i < P->n_h; i++)
        if (!strcmp(P->s->hostings[i].name, f[2]))
            h = i;
    if (m < 0 || h < 0)
        return;
    size_t cells = (size_t)P->n_m * (size_t)P->n_h, c = (size_t)m * (size_t)P->n_h + (size_t)h;
    P->v[c] = num(f[4]);
    P->v[cells + c] = num(f[5]);
    P->v[2 * cells + c] = num(f[6]);
    memcpy(&P->f[c * N_FIELDS], f, N_FIELDS * sizeof *f);
}

/* The warnings and stability of each bar, from the scenario's results.json
 * (as its own lead-time chart marks them); a missing or unreadable file
 * leaves the bars unmarked. Unstable bars get no value: the hatched marker
 * stands in their place and they do not stretch the shared axis. */
static void panel_marks(panel *P, const char *dir)
{
    char *path = util_path_join(dir, "results.json");
    util_diags diags;
    util_diags_init(&diags);
    cJSON *root = path ? charts_json_read(path, &diags) : NULL;
    util_diags_free(&diags);
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(root, "results")) {
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(r, "model"), *hn = cJSON_GetObjectItemCaseSensitive(r, "hosting");
        int m = -1, h = -1;
        for (int i = 0; i < P->n_m && cJSON_IsString(mn); i++)
            if (!strcmp(P->s->models[i].name, mn->valuestring))
                m = i;
        for (int i = 0; i < P->n_h && cJSON_IsString(hn); i++)
            if (!strcmp(P->s->hostings[i].name, hn->valuestring))
                h = i;
        if (m < 0 || h < 0)
            continue;
        size_t c = (size_t)m * (size_t)P->n_h + (size_t)h;
        charts_cell cell;
        charts_unstable_of(&cell, cJSON_GetObjectItemCaseSensitive(r, "summary"));
        P->warn[c] = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "warnings")) > 0;
        P->unstable[c] = (unsigned char)cell.unstable;
    }
    cJSON_Delete(root);
    free(path);
}

static void panel_chart(panel *P)
{
    size_t cells = (size_t)P->n_m * (size_t)P->n_h;
    for (size_t c = 0; c < cells; c++)
        if (P->unstable[c])
            P->v[c] = P->v[cells + c] = P->v[2 * cells + c] = NAN;
    int other = 0;
    for (int m = 0; m < P->n_m; m++) {
        /* The names and colours of a run's charts (report/charts.c). */
        const char *name = P->s->models[m].name;
        int preset = strcmp(charts_model_label(name), name) != 0;
        P->series[m].name = charts_model_label(name);
        P->series[m].colour = charts_model_colour(name, preset ? 0 : other);
        other += !preset;
        P->series[m].values = P->v + (size_t)m * (size_t)P->n_h;
        P->series[m].low = P->v + cells + (size_t)m * (size_t)P->n_h;
        P->series[m].high = P->v + 2 * cells + (size_t)m * (size_t)P->n_h;
    }
    for (int h = 0; h < P->n_h; h++)
        P->cats[h] = charts_hosting_label(P->s->hostings[h].name);
    snprintf(P->subtitle, sizeof P->subtitle, "%d replication%s \xc2\xb7 seed %llu",
             P->s->run.replications, P->s->run.replications == 1 ? "" : "s",
             (unsigned long long)P->s->run.seed);
    plot_chart_init(&P->chart, PLOT_BARS);
    P->chart.title = P->s->name;
    P->chart.subtitle = P->subtitle;
    P->chart.y_title = "p85 lead time (working days)";
    P->chart.categories = P->cats;
    P->chart.n_categories = (size_t)P->n_h;
    P->chart.series = P->series;
    P->chart.n_series = (size_t)P->n_m;
    P->chart.marked = P->unstable;      /* the hatched marker, no "n/a" */
}

/* A page: a title, then the panels in a grid, each on its own scale. */
static int page_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const page_ctx *pc = ctx;
    double s = sqrt(w * h / (1600.0 * 900.0));
    cairo_save(cr);
    plot_colour_set(cr, 0xFFFFFF, 1.0);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
    plot_text_setup(cr);
    double m = 40.0 * s, y = 28.0 * s, lh;
    plot_text_font(cr, 34.0 * s, 1);
    plot_text_metrics(cr, NULL, NULL, &lh);
    plot_colour_set(cr, 0x222222, 1.0);
    plot_text_draw(cr, "p85 lead time by scenario, hosting point and ownership model", m, y, PLOT_ALIGN_LEFT);
    y += lh;
    char sub[200];
    snprintf(sub, sizeof sub, "One scale for all \xc2\xb7 bars: mean, whiskers: 95%% CI \xc2\xb7 \xe2\x9a\xa0 validity "
             "warning \xc2\xb7 hatched: unstable \xc2\xb7 numbers in " CHART ".csv%s", "");
    if (pc->pages > 1) {
        size_t l = strlen(sub);
        snprintf(sub + l, sizeof sub - l, " \xc2\xb7 page %d of %d", pc->page + 1, pc->pages);
    }
    plot_text_font(cr, 22.0 * s, 0);
    plot_text_metrics(cr, NULL, NULL, &lh);
    plot_colour_set(cr, 0x5E5E5E, 1.0);
    plot_text_draw(cr, sub, m, y, PLOT_ALIGN_LEFT);
    y += lh + 12.0 * s;
    cairo_restore(cr);

    int cols = pc->n <= 1 ? 1 : pc->n <= 2 ? 2 : pc->n <= 4 && pc->n != 3 ? 2 : 3;
    int rows = (pc->n + cols - 1) / cols;
    if (rows < 1)
        rows = 1;
    double gw = (w - 2.0 * m + 20.0 * s) / cols, gh = (h - y - 10.0 * s) / rows;
    double fs = cols == 1 ? 0.9 : cols == 2 && rows == 1 ? 0.75 : cols == 2 ? 0.62 : rows == 1 ? 0.62 : 0.55;
    for (int i = 0; i < pc->n; i++) {
        panel *P = &pc->p[i];
        P->chart.font_scale = fs * s;
        cairo_save(cr);
        cairo_translate(cr, m - 10.0 * s + (i % cols) * gw, y + (i / cols) * gh);
        int rc = plot_chart_draw(cr, gw, gh, &P->chart);
        plot_layout *L = rc ? NULL : malloc(sizeof *L);
        if (!rc && !L)
            rc = PLOT_ENOMEM;
        if (!rc && (rc = plot_chart_layout(cr, gw, gh, &P->chart, L)) == 0) {
            charts_mark_warnings(cr, &P->chart, L, P->warn);
            charts_mark_unstable(cr, &P->chart, L, P->unstable);
            if (pc->probe)
                pc->probe(pc->probe_ctx, pc->page * PER_PAGE + i, w, h, m - 10.0 * s + (i % cols) * gw,
                          y + (i / cols) * gh, &P->chart, L);
        }
        free(L);
        cairo_restore(cr);
        if (rc != 0)
            return rc;
    }
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : PLOT_ECAIRO;
}

static char *page_path(const char *out, int page, const char *ext)
{
    char name[64];
    if (page == 0)
        snprintf(name, sizeof name, "%s.%s", CHART, ext);
    else
        snprintf(name, sizeof name, "%s-%d.%s", CHART, page + 1, ext);
    return util_path_join(out, name);
}

static int write_chart(const char *out, panel *panels, int n, batch_summary_probe_fn probe, void *probe_ctx)
{
    /* one y axis for every panel: scenarios compare at a glance */
    double top = 0.0;
    for (int i = 0; i < n; i++) {
        panel_chart(&panels[i]);
        size_t cells = (size_t)panels[i].n_m * (size_t)panels[i].n_h;
        for (size_t c = 0; c < cells; c++) {
            double hi = isfinite(panels[i].v[2 * cells + c]) ? panels[i].v[2 * cells + c] : panels[i].v[c];
            if (isfinite(hi) && hi > top)
                top = hi;
        }
    }
    plot_ticks t;
    if (top > 0.0 && plot_ticks_nice(0.0, top, 6, &t) == 0)
        for (int i = 0; i < n; i++) {
            panels[i].chart.y_min = 0.0;
            panels[i].chart.y_max = t.hi;
        }
    int pages = (n + PER_PAGE - 1) / PER_PAGE;
    char date[64], *datep = NULL;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        util_date_iso(date, sizeof date);
        datep = date;
    }
    plot_doc_info info = { "p85 lead time across scenarios", NULL, "devopsim batch",
                           "devopsim " DEVOPSIM_VERSION, datep };
    char err[512];
    int rc = 0;
    char *pdf = page_path(out, 0, "pdf");
    plot_deck *deck = pdf ? plot_deck_new(pdf, 960, 540, &info, err, sizeof err) : NULL;
    if (!deck) {
        util_error("%s", pdf ? err : "out of memory");
        rc = -1;
    }
    for (int p = 0; p < pages && rc == 0; p++) {
        page_ctx pc = { panels + p * PER_PAGE, n - p * PER_PAGE < PER_PAGE ? n - p * PER_PAGE : PER_PAGE,
                        p, pages, probe, probe_ctx };
        char *png = page_path(out, p, "png"), *svg = page_path(out, p, "svg");
        if (!png || !svg) {
            util_error("out of memory");
            rc = -1;
        } else if (plot_write_png(png, 1600, 900, page_draw, &pc, err, sizeof err) != 0
                   || plot_write_svg(svg, 960, 540, page_draw, &pc, err, sizeof err) != 0
                   || plot_deck_page(deck, page_draw, &pc, err, sizeof err) != 0) {
            util_error("%s", err);
            rc = -1;
        }
        free(png);
        free(svg);
    }
    if (deck && rc == 0 && plot_deck_close(deck, err, sizeof err) != 0) {
        util_error("%s", err);
        rc = -1;
    } else if (deck && rc != 0) {
        plot_deck_discard(deck);
    }
    free(pdf);
    /* Pages a larger earlier batch left behind. */
    for (int p = pages > 0 ? pages : 1; rc == 0; p++) {
        char *png = page_path(out, p, "png"), *svg = page_path(out, p, "svg");
        int none = !png || !svg || (unlink(png) != 0) + (unlink(svg) != 0) == 2;
        free(png);
        free(svg);
        if (none)
            break;
    }
    return rc;
}

static int write_chart_csv(const char *out, const panel *panels, int n)
{
    util_file f;
    if (util_file_open(&f, out, CHART ".csv") != 0)
        return -1;
    fputs("scenario,hosting,model,mean,ci95_low,ci95_high,n\n", f.fp);
    for (int i = 0; i < n; i++) {
        const panel *P = &panels[i];
        for (int h = 0; h < P->n_h; h++)
            for (int m = 0; m < P->n_m; m++) {
                const char **b = &P->f[((size_t)m * (size_t)P->n_h + (size_t)h) * N_FIELDS];
                if (b[0])
                    fprintf(f.fp, "%s,%s,%s,%s,%s,%s,%s\n", b[0], b[2], b[1], b[4], b[5], b[6], b[7]);
            }
    }
    return util_file_commit(&f);
}

int batch_summary_write(const char *out, const batch_done_scen *sc, int n)
{
    return batch_summary_write_probed(out, sc, n, NULL, NULL);
}

int batch_summary_write_probed(const char *out, const batch_done_scen *sc, int n, batch_summary_probe_fn probe,
                               void *probe_ctx)
{
    char **texts = calloc((size_t)(n > 0 ? n : 1), sizeof *texts);
    panel *panels = calloc((size_t)(n > 0 ? n : 1), sizeof *panels);
    util_file f;
    int rc = -1, opened = 0;
    if (!texts || !panels) {
        util_error("out of memory writing the batch summary");
        goto done;
    }
    if (util_file_open(&f, out, "summary.csv") != 0)
        goto done;
    opened = 1;
    char p85[160];
    const char *header = NULL;
    for (int i = 0; i < n; i++) {
        const org_scenario *s = sc[i].s;
        org_metric_name(s, ORG_M_LEAD_P85, p85, sizeof p85);
        if (panel_init(&panels[i], s) != 0) {
            util_error("out of memory writing the batch summary");
            goto done;
        }
        char *path = util_path_join(sc[i].dir, "summary.csv");
        size_t len;
        texts[i] = path ? util_read_file(path, UTIL_READ_MAX, &len) : NULL;
        char *nl = texts[i] ? strchr(texts[i], '\n') : NULL;
        if (!nl) {
            util_error("%s: cannot read its header: %s", path ? path : sc[i].dir,
                      texts[i] ? "no header line" : strerror(errno));
            free(path);
            goto done;
        }
        *nl = '\0';
        if (!header) {
            header = texts[i];
            fprintf(f.fp, "%s\n", header);
        } else if (strcmp(header, texts[i]) != 0) {
            util_error("%s: its columns differ from the other scenarios' summary.csv", path);
            free(path);
            goto done;
        }
        free(path);
        for (char *line = nl + 1; *line; ) {
            char *end = strchr(line, '\n');
            if (end)
                *end = '\0';
            if (*line)
                fprintf(f.fp, "%s\n", line);
            const char *fl[N_FIELDS];
            if (*line && split(line, fl) == 0)
                panel_row(&panels[i], fl, p85);
            if (!end)
                break;
            line = end + 1;
        }
    }
    for (int i = 0; i < n; i++)
        panel_marks(&panels[i], sc[i].dir);
    opened = 0;
    if (util_file_commit(&f) != 0 || write_chart_csv(out, panels, n) != 0
        || (n > 0 && write_chart(out, panels, n, probe, probe_ctx) != 0))
        goto done;
    rc = 0;
done:
    if (opened)
        util_file_abort(&f);
    for (int i = 0; i < n && texts; i++)
        free(texts[i]);
    for (int i = 0; i < n && panels; i++) {
        free(panels[i].v);
        free(panels[i].f);
        free(panels[i].warn);
        free(panels[i].unstable);
    }
    free(texts);
    free(panels);
    return rc;
}
