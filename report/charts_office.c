/* charts_office — the deck as PowerPoint slides (deck.pptx) and the results
 * as an Excel workbook (results.xlsx), through the plots/ writers: the same
 * pages as deck.pdf go through one sink (charts_sink_page), chart and table
 * pages as 16:9 pictures with the numbers they draw in the notes, text pages
 * as bullet text. See charts_int.h and docs/export.md. */
#include "report/charts_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plots/plot_money.h"
#include "plots/plot_xlsx.h"
#include "util/util_buf.h"

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

#define SLIDE_PNG_W 1600
#define SLIDE_PNG_H 900

void charts_slides_free(charts_slides *sl)
{
    if (!sl)
        return;
    for (size_t i = 0; i < sl->n; i++) {
        free((char *)sl->s[i].title);
        free((char *)sl->s[i].bullets);
        free((char *)sl->s[i].notes);
        free((unsigned char *)sl->s[i].png);
    }
    free(sl->s);
    memset(sl, 0, sizeof *sl);
}

/* A text page as the lines of a text slide: the subtitle, then each block
 * on its own line, prefixed by its kind (plot_pptx.h: "# " heading, "> "
 * paragraph, "- " bullet), a blank line before every heading after the
 * first line. */
static char *text_bullets(const plot_text_page *p)
{
    util_buf b = { 0 };
    if (p->subtitle && *p->subtitle)
        util_buf_add(&b, "> %s\n", p->subtitle);
    for (size_t i = 0; i < p->n_blocks; i++) {
        plot_block_kind k = p->blocks[i].kind;
        if (k == PLOT_BLOCK_HEADING && b.n)
            util_buf_add(&b, "\n");
        util_buf_add(&b, "%s%s\n", k == PLOT_BLOCK_HEADING ? "# " : k == PLOT_BLOCK_BULLET ? "- " : "> ",
                     p->blocks[i].text ? p->blocks[i].text : "");
    }
    if (b.err) {
        util_buf_free(&b);
        return NULL;
    }
    if (b.n && b.p[b.n - 1] == '\n')
        b.p[--b.n] = '\0';
    return b.p ? (char *)b.p : strdup("");
}

static int add_slide(charts_slides *sl, plot_draw_fn draw, const void *ctx, const plot_text_page *text,
                     const char *title, const char *notes, char *err, size_t err_len)
{
    if (util_grow(&sl->s, &sl->cap, sl->n + 1, sizeof *sl->s, 16) != 0) {
        snprintf(err, err_len, "out of memory building deck.pptx");
        return PLOT_ENOMEM;
    }
    plot_pptx_slide *s = &sl->s[sl->n];
    memset(s, 0, sizeof *s);
    s->title = strdup(title && *title ? title : " ");
    s->notes = notes ? strdup(notes) : NULL;
    int st = PLOT_OK;
    if (text) {
        s->bullets = text_bullets(text);
        if (!s->bullets)
            st = PLOT_ENOMEM;
    } else {
        unsigned char *png = NULL;
        size_t len = 0;
        st = plot_render_png(SLIDE_PNG_W, SLIDE_PNG_H, draw, ctx, &png, &len, err, err_len);
        s->png = png;
        s->png_len = len;
    }
    sl->n++; /* owned from here on, freed with the rest */
    if (!st && (!s->title || (notes && !s->notes)))
        st = PLOT_ENOMEM;
    if (st == PLOT_ENOMEM)
        snprintf(err, err_len, "out of memory building deck.pptx");
    return st;
}

int charts_sink_page(charts_sink *sink, plot_draw_fn draw, const void *ctx, const plot_text_page *text,
                     const char *title, const char *notes, char *err, size_t err_len)
{
    int st = PLOT_OK;
    sink->pages++;
    if (text && plot_text_page_fits(CHARTS_PAGE_W, CHARTS_PAGE_H, text) != 1)
        sink->cut_pages++;
    if (sink->pdf)
        st = plot_deck_page(sink->pdf, draw, ctx, err, err_len);
    if (!st && sink->pptx)
        st = add_slide(sink->pptx, draw, ctx, text, title, notes, err, err_len);
    return st;
}

int charts_pptx_write(const charts_slides *sl, const charts_data *d, const char *path, char *err,
                      size_t err_len)
{
    char title[300];
    snprintf(title, sizeof title, "devopsim: %s", d->scenario);
    plot_pptx_info info = { title, "devopsim", "devopsim " DEVOPSIM_VERSION, plot_export_epoch() };
    return plot_pptx_write(path, &info, sl->s, sl->n, err, err_len);
}

/* ---- results.xlsx ------------------------------------------------------------------------ */

static plot_xlsx_cell num(double v)
{
    return (plot_xlsx_cell){ isfinite(v) ? PLOT_XLSX_NUMBER : PLOT_XLSX_EMPTY, v, NULL };
}

static plot_xlsx_cell txt(const char *s)
{
    return (plot_xlsx_cell){ PLOT_XLSX_TEXT, 0.0, s };
}

/* The workbook's sheets: Summary (one row per model × hosting point), Lead
 * time (p85 per hosting point, a column per model: the chart's data), and,
 * with staffing data, Staffing (headcounts and cost) and Cost (cost per
 * year, a column per model). Unstable designs have no lead-time value in the
 * Lead time sheet (the Summary says why). */
int charts_xlsx_write(const charts_data *d, const char *path, char *err, size_t err_len)
{
    enum { SUM_COLS = 13, STAFF_COLS = 5 };
    size_t nm = (size_t)d->n_models, nh = (size_t)d->n_hostings, rows = nm * nh;
    char cost_h[80], cost_fmt[40];
    snprintf(cost_h, sizeof cost_h, "Cost (%s/year)", d->currency);
    if (plot_money_excel_format(d->currency, cost_fmt, sizeof cost_fmt) != 0)
        snprintf(cost_fmt, sizeof cost_fmt, "#,##0");
    static const char *const sum_head[SUM_COLS] = {
        "Ownership model", "Hosting point", "p85 lead time (working days)", "p85 95% CI low (days)",
        "p85 95% CI high (days)", "Mean lead time (working days)", "Unfinished features (share)",
        "Bus factor, infrastructure (people)", "Non-product work (busy FTE)", "Deploys per week",
        "Change failure rate (share)", "Steady state", "Validity warnings",
    };
    static const char *const sum_fmt[SUM_COLS] = { NULL, NULL, "0.0", "0.0", "0.0", "0.0", "0%", "0.00", "0.0",
                                                   "0.00", "0%", NULL, NULL };
    const char *staff_head[STAFF_COLS] = { "Ownership model", "Hosting point", "Central team (people)",
                                           "Total headcount at equal delivery (people)", cost_h };
    const char *staff_fmt[STAFF_COLS] = { NULL, NULL, "0", "0", cost_fmt };
    plot_xlsx_cell *sum = calloc(rows * SUM_COLS, sizeof *sum);
    plot_xlsx_cell *lead = calloc(nh * (nm + 1), sizeof *lead);
    plot_xlsx_cell *staff = calloc(rows * STAFF_COLS, sizeof *staff);
    plot_xlsx_cell *cost = calloc(nh * (nm + 1), sizeof *cost);
    const char **wide_head = calloc(nm + 1, sizeof *wide_head);
    const char **wide_cost_head = calloc(nm + 1, sizeof *wide_cost_head);
    const char **wide_cost_fmt = calloc(nm + 1, sizeof *wide_cost_fmt);
    const char **wide_fmt = calloc(nm + 1, sizeof *wide_fmt);
    char (*warn)[1024] = calloc(rows ? rows : 1, sizeof *warn);
    char (*model_cost)[160] = calloc(nm ? nm : 1, sizeof *model_cost);
    size_t *series = calloc(nm ? nm : 1, sizeof *series);
    int st = PLOT_OK;
    if (!sum || !lead || !staff || !cost || !wide_head || !wide_cost_head || !wide_cost_fmt || !wide_fmt || !warn
        || !model_cost || !series) {
        snprintf(err, err_len, "out of memory building %s", path);
        st = PLOT_ENOMEM;
        goto out;
    }
    for (size_t m = 0; m < nm; m++)
        for (size_t h = 0; h < nh; h++) {
            const charts_cell *c = charts_cell_at(d, (int)m, (int)h);
            size_t r = m * nh + h;
            plot_xlsx_cell *row = sum + r * SUM_COLS;
            size_t o = 0;
            const cJSON *w;
            cJSON_ArrayForEach(w, c->warnings) {
                if (o + 4 < sizeof warn[r])
                    o += (size_t)snprintf(warn[r] + o, sizeof warn[r] - o, "%s%s", o ? "; " : "", w->valuestring);
            }
            row[0] = txt(d->model[m]);
            row[1] = txt(d->hosting[h]);
            row[2] = num(c->lead_p85.mean);
            row[3] = num(c->lead_p85.low);
            row[4] = num(c->lead_p85.high);
            row[5] = num(c->lead_mean.mean);
            row[6] = num(c->unfinished_share);
            row[7] = num(c->bus_infra.mean);
            row[8] = num(c->nonproduct_fte.mean);
            row[9] = num(c->deploys.mean);
            row[10] = num(c->cfr.mean);
            row[11] = txt(c->unstable ? c->unstable_why : "yes");
            row[12] = txt(warn[r]);
            plot_xlsx_cell *srow = staff + r * STAFF_COLS;
            srow[0] = txt(d->model[m]);
            srow[1] = txt(d->hosting[h]);
            srow[2] = num(c->staff_central);
            srow[3] = num(c->staff_total);
            srow[4] = num(c->staff_cost_year);
            lead[h * (nm + 1) + m + 1] = c->unstable ? num(NAN) : num(c->lead_p85.mean);
            cost[h * (nm + 1) + m + 1] = num(c->staff_cost_year);
        }
    wide_head[0] = wide_cost_head[0] = "Hosting point";
    for (size_t h = 0; h < nh; h++) {
        lead[h * (nm + 1)] = txt(charts_hosting_label(d->hosting[h]));
        cost[h * (nm + 1)] = txt(charts_hosting_label(d->hosting[h]));
    }
    for (size_t m = 0; m < nm; m++) {
        wide_head[m + 1] = charts_model_label(d->model[m]);
        snprintf(model_cost[m], sizeof model_cost[m], "%s (%s/year)", charts_model_label(d->model[m]), d->currency);
        wide_cost_head[m + 1] = model_cost[m];
        wide_cost_fmt[m + 1] = cost_fmt;
        wide_fmt[m + 1] = "0.0";
        series[m] = m + 1;
    }
    plot_xlsx_table tables[4] = {
        { "Summary", rows, SUM_COLS, sum_head, sum_fmt, sum },
        { "Lead time", nh, nm + 1, wide_head, wide_fmt, lead },
        { "Staffing", rows, STAFF_COLS, staff_head, staff_fmt, staff },
        { "Cost", nh, nm + 1, wide_cost_head, wide_cost_fmt, cost },
    };
    char cost_y[120];
    snprintf(cost_y, sizeof cost_y, "Cost (%s/year)", d->currency);
    size_t n_series = nm < 32 ? nm : 32;
    plot_xlsx_chart charts[2] = {
        { "p85 lead time, scenario team sizes", "Hosting point",
          "Working days", 1, 0, series, n_series },
        { "Yearly cost at the sizes found", "Hosting point", cost_y, 3, 0, series, n_series },
    };
    char title[300], comments[300];
    snprintf(title, sizeof title, "devopsim: %s", d->scenario);
    snprintf(comments, sizeof comments, "devopsim %s, seed %s, %d replications; lead times at the scenario's team "
             "sizes, headcount and cost at the sizes the staffing search found", d->version, d->seed, d->reps);
    plot_xlsx_info info = { title, "devopsim", comments, plot_export_epoch() };
    size_t n_tables = d->has_staffing ? 4 : 2, n_charts = d->has_staffing ? 2 : 1;
    if (nm == 0 || nh == 0)
        n_charts = 0;
    st = plot_xlsx_write(path, &info, tables, n_tables, charts, n_charts, err, err_len);
out:
    free(sum);
    free(lead);
    free(staff);
    free(cost);
    free(wide_head);
    free(wide_cost_head);
    free(wide_cost_fmt);
    free(wide_fmt);
    free(warn);
    free(model_cost);
    free(series);
    return st;
}
