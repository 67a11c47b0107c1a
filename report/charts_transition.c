/* charts_transition — the deck's transition chart and payback pages from the
 * files a run with a timeline writes (see charts_transition.h). The chart's
 * spec and the payback sentences are report_timeseries's own, so the deck
 * says exactly what charts/transition.png and the terminal report say. */
#include "report/charts_transition.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/charts.h"
#include "report/charts_csv.h"
#include "report/charts_plan.h"
#include "report/report_timeseries.h"
#include "util/util_file.h"
#include "util/util_msg.h"

/* ---- payback.csv -------------------------------------------------------------------- */

typedef struct payback_ctx {
    const charts_data *d;
    util_buf *out;
    int designs;
} payback_ctx;

static int payback_row(void *vctx, char **f, int n, const int *col, int line_no, char *why, size_t why_len)
{
    (void)n;
    payback_ctx *c = vctx;
    int m = charts_csv_name_index(c->d->model, c->d->n_models, f[col[0]]);
    int h = charts_csv_name_index(c->d->hosting, c->d->n_hostings, f[col[1]]);
    double v[12];
    int bad = m < 0 || h < 0;
    for (int k = 0; k < 12 && !bad; k++)
        bad = charts_csv_cell(f[col[2 + k]], &v[k]) != 0;
    if (bad) {
        snprintf(why, why_len, "payback.csv:%d: does not fit these results", line_no);
        return -1;
    }
    org_payback p = { .n = (int)v[11], .first_event_week = (int)v[0], .week = (int)v[1], .week_early = (int)v[2],
                      .week_late = (int)v[3], .dip = v[4], .dip_week = (int)v[5], .dip_high = v[6],
                      .detectable = (int)v[7], .final = v[8], .final_low = v[9], .final_high = v[10] };
    util_buf_add(c->out, "%s at %s: ", charts_model_label(c->d->model[m]), charts_hosting_label(c->d->hosting[h]));
    report_ts_payback_text(&p, c->out);
    util_buf_add(c->out, ".\n");
    c->designs++;
    return 0;
}

int charts_transition_payback(const charts_data *d, const char *csv, util_buf *out, char *why, size_t why_len)
{
    static const char *const need[] = { "model", "hosting", "first_event_week", "payback_week", "payback_week_early",
                                        "payback_week_late", "dip", "dip_week", "dip_ci95_high", "detectable",
                                        "final_gain", "final_gain_ci95_low", "final_gain_ci95_high", "n" };
    enum { NEED = sizeof need / sizeof need[0] };
    char *text = strdup(csv);
    int col[NEED];
    payback_ctx c = { d, out, 0 };
    if (!text) {
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    int rc = charts_csv_each(text, "payback.csv", need, NEED, col, payback_row, &c, why, why_len);
    free(text);
    return rc ? -1 : c.designs;
}

/* ---- charts/transition.csv ---------------------------------------------------------- */

typedef struct ts_ctx {
    const charts_data *d;
    const char *file;         /* its name in messages */
    report_ts_chart_t *t;     /* NULL on the counting pass */
    int lines, periods, step, first_week, last_week;
    char last[2 * ORG_NAME_MAX + 24];
    int period;
} ts_ctx;

static int ts_row(void *vctx, char **f, int n, const int *col, int line_no, char *why, size_t why_len)
{
    (void)n;
    ts_ctx *c = vctx;
    double w, v[3];
    if (charts_csv_cell(f[col[1]], &w) != 0 || w < 0 || charts_csv_cell(f[col[2]], &v[0]) != 0 || charts_csv_cell(f[col[3]], &v[1]) != 0
        || charts_csv_cell(f[col[4]], &v[2]) != 0) {
        snprintf(why, why_len, "%s:%d: expected numbers", c->file, line_no);
        return -1;
    }
    if (c->lines == 0 || strcmp(c->last, f[col[0]]) != 0) {   /* a new line */
        snprintf(c->last, sizeof c->last, "%s", f[col[0]]);
        c->lines++;
        c->period = 0;
    }
    if (c->lines == 1 && c->period == 0)
        c->first_week = (int)w;
    if (c->lines == 1 && c->period == 1)
        c->step = (int)w - c->first_week;
    if (c->lines == 1) {
        c->periods = c->period + 1;
        c->last_week = (int)w;
    }
    if (c->t && c->lines <= c->t->n_lines && c->period < c->t->n_periods) {
        size_t k = (size_t)(c->lines - 1) * (size_t)c->t->n_periods + (size_t)c->period;
        snprintf(c->t->name[c->lines - 1], sizeof c->t->name[0], "%s", f[col[0]]);
        c->t->mean[k] = v[0];
        c->t->low[k] = v[1];
        c->t->high[k] = v[2];
    }
    c->period++;
    return 0;
}

/* Reads a transition chart's csv text (file: transition.csv, lines a
 * design's timeline then its staying put, weeks in period_start_week; or
 * payback.csv, a line a design, weeks in week: the period's last) into *t
 * (allocated here: free it with report_ts_chart_free whatever the return).
 * 0, or -1 with why. */
static int read_chart(const charts_data *d, const char *csv, const char *file, report_ts_chart_t *t, char *why,
                      size_t why_len)
{
    int payback = !strcmp(file, "payback.csv");
    const char *need[] = { "design", payback ? "week" : "period_start_week", "mean", "ci95_low", "ci95_high" };
    int col[5];
    memset(t, 0, sizeof *t);
    ts_ctx c = { .d = d, .file = file };
    for (int pass = 0; pass < 2; pass++) {
        char *text = strdup(csv);
        if (!text) {
            snprintf(why, why_len, "out of memory");
            return -1;
        }
        int rc = charts_csv_each(text, file, need, 5, col, ts_row, &c, why, why_len);
        free(text);
        if (rc)
            return -1;
        if (pass == 0) {
            if (c.lines == 0 || c.periods == 0) {
                snprintf(why, why_len, "%s: no lines", file);
                return -1;
            }
            if (report_ts_chart_alloc(t, c.lines, c.periods, c.step > 0 ? c.step : 4) != 0) {
                snprintf(why, why_len, "out of memory");
                return -1;
            }
            if (payback)
                t->last_week = c.last_week;
            c = (ts_ctx){ .d = d, .file = file, .t = t };
        }
    }
    /* colours as report_timeseries gives them: for design d = model × hosting, the
     * transition chart's line 2d + stay, the payback chart's line d */
    for (int l = 0; l < t->n_lines; l++) {
        int dd = payback ? l : l / 2, m = d->n_hostings ? dd / d->n_hostings : 0;
        t->series[l].colour = !payback && l % 2 ? report_ts_stay_colour(dd)
                                                : charts_model_colour(m < d->n_models ? d->model[m] : "", 2 * dd);
    }
    return 0;
}

/* The transition chart (payback 0: from d->transition_csv) or the payback
 * chart (1: from d->payback_chart_csv) into *t (free it whatever the
 * return): for a deck page (deck 1: the deck's subtitle) or as `run` draws
 * it from the experiment (0: its subtitle, so `plot` writes the same
 * files). 0, or -1 with why. */
static int chart_from_csv(const charts_data *d, int payback, int deck, report_ts_chart_t *t, char *why,
                          size_t why_len)
{
    if (read_chart(d, payback ? d->payback_chart_csv : d->transition_csv, payback ? "payback.csv" : "transition.csv",
                   t, why, why_len) != 0)
        return -1;
    double days[64];
    int n_days = charts_plan_event_days(d->scenario_file, days, 64);
    char sub[256];
    if (deck)
        charts_subtitle(d, sub, sizeof sub);
    else
        snprintf(sub, sizeof sub, "Scenario %s \xc2\xb7 %d replications \xc2\xb7 seed %s", d->scenario, d->reps, d->seed);
    if (payback) {
        report_ts_payback_spec(t, days, n_days, sub);
    } else {
        t->warmup_days = d->warmup_days;
        report_ts_chart_spec(t, days, n_days, sub);
    }
    return 0;
}

int charts_transition_write(const charts_data *d, const char *dir, unsigned formats)
{
    const char *csv[2] = { d->transition_csv, d->payback_chart_csv };
    static const char *const base[2] = { "transition", "payback" }, *const title[2] = { "Transition", "Payback" };
    for (int k = 0; k < 2; k++) {
        if (!csv[k])
            continue;
        report_ts_chart_t t;
        char why[300] = "", file[32];
        if (chart_from_csv(d, k, 0, &t, why, sizeof why) != 0) {
            util_error("note: charts/%s; no %s chart", why, base[k]);
            report_ts_chart_free(&t);
            continue;
        }
        snprintf(file, sizeof file, "%s.csv", base[k]);
        int rc = report_ts_chart_files(&t, dir, base[k], title[k], formats & CHARTS_FMT_ALL);
        if (rc == 0 && util_write_atomic(dir, file, csv[k], strlen(csv[k])) != 0)
            rc = -1;
        report_ts_chart_free(&t);
        if (rc)
            return -1;
    }
    return 0;
}

int charts_transition_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    if (!d->transition_csv)
        return PLOT_OK;
    report_ts_chart_t t;
    char why[300] = "";
    if (chart_from_csv(d, 0, 1, &t, why, sizeof why) != 0) {
        util_error("note: %s; the deck has no transition page", why);
        report_ts_chart_free(&t);
        return PLOT_OK;
    }
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    int st = charts_sink_page(deck, plot_chart_draw_fn, &t.c, NULL, t.c.title, d->transition_csv, err, err_len);
    report_ts_chart_free(&t);
    if (st)
        return st;
    /* the payback chart (charts/payback.csv, written with the transition chart) */
    if (d->payback_chart_csv) {
        if (chart_from_csv(d, 1, 1, &t, why, sizeof why) != 0)
            util_error("note: charts/%s; the deck has no payback chart", why);
        else
            st = charts_sink_page(deck, plot_chart_draw_fn, &t.c, NULL, t.c.title, d->payback_chart_csv, err,
                                  err_len);
        report_ts_chart_free(&t);
        if (st)
            return st;
    }
    if (!d->payback_csv)
        return st;

    /* the payback, one sentence per design */
    util_buf text = { 0 };
    int n = charts_transition_payback(d, d->payback_csv, &text, why, sizeof why);
    if (n < 0) {
        util_error("note: %s; the deck has no payback page", why);
        util_buf_free(&text);
        return PLOT_OK;
    }
    plot_text_block *blocks = calloc((size_t)n + 2, sizeof *blocks);
    if (!blocks || text.err) {
        free(blocks);
        util_buf_free(&text);
        snprintf(err, err_len, "out of memory drawing the deck");
        return PLOT_ENOMEM;
    }
    size_t nb = 0;
    blocks[nb++] = (plot_text_block){ PLOT_BLOCK_HEADING, "Cumulative features delivered: the timeline against "
                                      "staying put" };
    nb += charts__text_blocks((char *)text.p, blocks + nb, (size_t)n);
    plot_text_page page = { 0 };
    page.title = "Transition: the payback, design by design";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = nb;
    page.caption = "Every replication also runs staying put on the same random numbers. Paid back, significantly "
                   "ahead, no longer significantly behind: from when the 95% interval (pointwise) of the difference "
                   "says so; the week the mean crosses 0 for good (the payback chart's line) is in brackets, and "
                   "alone it may be noise. From payback.csv.";
    st = charts__text_pages(deck, &page, err, err_len);
    free(blocks);
    util_buf_free(&text);
    return st;
}
