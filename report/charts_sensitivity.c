/* charts_sensitivity — the deck's sensitivity page from robustness.csv and
 * uncertainty.csv (see charts_sensitivity.h). */
#include "report/charts_sensitivity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/charts_csv.h"
#include "report/report_robust.h"
#include "util/util_msg.h"

#define MAX_GROUPS 64      /* comparisons robustness.csv may hold (REPORT_HEADLINES a run) */
#define FLIPS_TEXT 600


/* ---- robustness.csv: each comparison with every perturbation that flips it ---- */

typedef struct robust_group {
    int k, h, a, b;
    double diff;
    double lo, hi;           /* the smallest and largest perturbed difference */
    char lo_by[80], hi_by[80];  /* the perturbations that gave them ("review_share ×1.5") */
    double base;             /* the same replications without a perturbation (NAN: not in the file) */
    int tried, flipped;
    char flips[FLIPS_TEXT];
} robust_group;

typedef struct robust_ctx {
    const charts_data *d;
    int has_base;            /* robustness.csv has same_reps_difference (runs since session 17) */
    robust_group g[MAX_GROUPS];
    int n;
    int reps;
} robust_ctx;

static int robust_row(void *vctx, char **f, int n, const int *col, int line_no, char *why, size_t why_len)
{
    (void)n;
    robust_ctx *c = vctx;
    int k = -1;
    for (int j = 0; j < REPORT_HEADLINES; j++)
        if (!strcmp(f[col[0]], report_headline_metrics[j].key))
            k = j;
    int h = charts_csv_name_index(c->d->hosting, c->d->n_hostings, f[col[1]]);
    int a = charts_csv_name_index(c->d->model, c->d->n_models, f[col[2]]);
    int b = charts_csv_name_index(c->d->model, c->d->n_models, f[col[3]]);
    double diff, factor, holds, reps, pd;
    double base = (double)NAN;
    if (k < 0 || h < 0 || a < 0 || b < 0 || charts_csv_cell(f[col[4]], &diff) || charts_csv_cell(f[col[6]], &factor)
        || charts_csv_cell(f[col[7]], &reps) || charts_csv_cell(f[col[8]], &holds) || charts_csv_cell(f[col[9]], &pd)
        || (c->has_base && *f[col[10]] && charts_csv_cell(f[col[10]], &base))) {
        snprintf(why, why_len, "robustness.csv:%d: does not fit these results", line_no);
        return -1;
    }
    robust_group *g = NULL;
    for (int i = 0; i < c->n && !g; i++)
        if (c->g[i].k == k && c->g[i].h == h && c->g[i].a == a && c->g[i].b == b)
            g = &c->g[i];
    if (!g) {
        if (c->n == MAX_GROUPS)
            return 0;
        g = &c->g[c->n++];
        *g = (robust_group){ .k = k, .h = h, .a = a, .b = b, .diff = diff, .lo = INFINITY, .hi = -INFINITY,
                             .base = base };
    }
    if (isfinite(pd) && pd < g->lo) {
        g->lo = pd;
        snprintf(g->lo_by, sizeof g->lo_by, "%.60s \xc3\x97%g", f[col[5]], factor);
    }
    if (isfinite(pd) && pd > g->hi) {
        g->hi = pd;
        snprintf(g->hi_by, sizeof g->hi_by, "%.60s \xc3\x97%g", f[col[5]], factor);
    }
    g->tried++;
    c->reps = (int)reps;
    if (holds == 0.0) {
        size_t o = strlen(g->flips);
        if (o + 80 < sizeof g->flips)
            snprintf(g->flips + o, sizeof g->flips - o, "%s%s \xc3\x97%g", g->flipped ? ", " : "", f[col[5]], factor);
        g->flipped++;
    }
    return 0;
}

/* The sentence of group g: the headline's when the comparisons hold it, else
 * the bare comparison. Its direction: +1 when it states a − b as
 * robustness.csv does, -1 when b − a. */
static int group_sentence(const charts_data *d, const robust_group *g, const char **models, const char **hostings,
                          util_buf *out)
{
    for (int i = 0; i < d->n_cmp; i++) {
        const report_cmp *c = &d->cmp[i];
        if (c->k == g->k && c->h == g->h && c->a == g->a && c->b == g->b) {
            char line[720];
            report_headline_text(c, models, hostings, d->restore_hours, line, sizeof line);
            util_buf_add(out, "%s", line);
            return report_headline_sign(c);
        }
    }
    char v[32];
    util_buf_add(out, "At %s, %s against %s on %s (difference %s).", hostings[g->h], models[g->a], models[g->b],
                 report_headline_metrics[g->k].label, report_headline_num(g->diff, 1, v, sizeof v));
    return 1;
}

/* How far the reruns moved g's difference, in its sentence's direction
 * (sign), beside the same replications without a change (the headline's
 * own difference is over all the run's replications, the reruns' over the
 * first few): " On the same 2 replications (-0.779 without a change) the
 * reruns put it between -0.798 (interruption_sd ×0.5) and -0.755
 * (review_share ×1.5)." */
static void group_range(const robust_group *g, int sign, int reps, util_buf *out)
{
    if (!(g->lo <= g->hi))
        return;
    double a = sign > 0 ? g->lo : -g->hi, b = sign > 0 ? g->hi : -g->lo;
    const char *a_by = sign > 0 ? g->lo_by : g->hi_by, *b_by = sign > 0 ? g->hi_by : g->lo_by;
    char x[32], y[32], z[32];
    report_headline_num(a, 1, x, sizeof x);
    report_headline_num(b, 1, y, sizeof y);
    if (isfinite(g->base))
        util_buf_add(out, " On the same %d replication%s (%s without a change) the reruns put it ", reps,
                     reps == 1 ? "" : "s", report_headline_num(sign * g->base, 1, z, sizeof z));
    else
        util_buf_add(out, " The reruns (%d replication%s each) put it ", reps, reps == 1 ? "" : "s");
    if (!strcmp(x, y))
        util_buf_add(out, "at %s in every one.", x);
    else
        util_buf_add(out, "between %s (%s) and %s (%s).", x, a_by, y, b_by);
}

static int robustness_lines(const charts_data *d, const char **models, const char **hostings, util_buf *out,
                            char *why, size_t why_len)
{
    static const char *const need[] = { "metric", "hosting", "model_a", "model_b", "difference", "perturbation",
                                        "factor", "replications", "sign_holds", "perturbed_difference",
                                        "same_reps_difference" };
    robust_ctx *c = calloc(1, sizeof *c);
    char *text = strdup(d->robustness_csv);
    int col[11], lines = 0;
    if (!c || !text) {
        free(c);
        free(text);
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    c->d = d;
    c->has_base = charts_csv_has_column(d->robustness_csv, "same_reps_difference");
    int rc = charts_csv_each(text, "robustness.csv", need, c->has_base ? 11 : 10, col, robust_row, c, why, why_len);
    free(text);
    if (rc == 0 && c->n > 0) {
        util_buf_add(out, "# Is the answer robust to the modelling choices?\n> Each headline comparison rerun with "
                     "every one of %d modelling choices scaled \xc3\x97%g and \xc3\x97%g, one at a time, on the same "
                     "random numbers (the run's first %d replication%s): robust when the difference keeps its sign "
                     "under all of them. docs/comparisons.md.\n", c->g[0].tried / 2, REPORT_ROBUST_LOW,
                     REPORT_ROBUST_HIGH, c->reps, c->reps == 1 ? "" : "s");
        lines += 2;
        for (int fragile = 1; fragile >= 0; fragile--)   /* the fragile ones first */
            for (int i = 0; i < c->n; i++) {
                const robust_group *g = &c->g[i];
                if ((g->flipped > 0) != fragile)
                    continue;
                util_buf_add(out, "- ");
                int sign = group_sentence(d, g, models, hostings, out);
                if (fragile)
                    util_buf_add(out, " Fragile: the sign flips in %d of %d reruns, when %s.", g->flipped, g->tried,
                                 g->flips);
                else
                    util_buf_add(out, " Robust: the sign holds in all %d reruns.", g->tried);
                group_range(g, sign, c->reps, out);
                util_buf_add(out, "\n");
                lines++;
            }
    }
    free(c);
    return rc ? -1 : lines;
}

/* ---- uncertainty.csv: intervals over the inputs beside the replication-only ones ---- */

enum { U_LEAD, U_NONPRODUCT, U_BUS, U_METRICS };
static const char *const u_keys[U_METRICS] = { "lead_time_p85_days", "nonproduct_fte", "bus_factor_infra_mean" };
static const char *const u_words[U_METRICS] = { "p85 lead time", "non-product work", "infrastructure bus factor" };
static const char *const u_units[U_METRICS] = { " days", " busy FTE", "" };

typedef struct unc_ctx {
    const charts_data *d;
    double *lo, *hi;      /* [cell * U_METRICS + metric] */
    int samples, reps;
} unc_ctx;

static int unc_row(void *vctx, char **f, int n, const int *col, int line_no, char *why, size_t why_len)
{
    (void)n;
    unc_ctx *c = vctx;
    int m = charts_csv_name_index(c->d->model, c->d->n_models, f[col[0]]);
    int h = charts_csv_name_index(c->d->hosting, c->d->n_hostings, f[col[1]]);
    double lo, hi, s, r;
    if (m < 0 || h < 0 || charts_csv_cell(f[col[3]], &lo) || charts_csv_cell(f[col[4]], &hi)
        || charts_csv_cell(f[col[5]], &s) || charts_csv_cell(f[col[6]], &r)) {
        snprintf(why, why_len, "uncertainty.csv:%d: does not fit these results", line_no);
        return -1;
    }
    for (int k = 0; k < U_METRICS; k++)
        if (!strcmp(f[col[2]], u_keys[k])) {
            size_t i = ((size_t)m * (size_t)c->d->n_hostings + (size_t)h) * U_METRICS + (size_t)k;
            c->lo[i] = lo;
            c->hi[i] = hi;
        }
    c->samples = (int)s;
    c->reps = (int)r;
    return 0;
}

static const charts_stat *cell_stat(const charts_cell *c, int k)
{
    return k == U_LEAD ? &c->lead_p85 : k == U_NONPRODUCT ? &c->nonproduct_fte : &c->bus_infra;
}

static int uncertainty_lines(const charts_data *d, const char **models, const char **hostings, util_buf *out,
                             char *why, size_t why_len)
{
    static const char *const need[] = { "model", "hosting", "metric", "input_ci95_low", "input_ci95_high", "samples",
                                        "replications" };
    size_t cells = (size_t)d->n_models * (size_t)d->n_hostings;
    unc_ctx c = { .d = d, .lo = malloc((cells * U_METRICS + 1) * 2 * sizeof(double)) };
    char *text = strdup(d->uncertainty_csv);
    int col[7], lines = 0;
    if (!c.lo || !text) {
        free(c.lo);
        free(text);
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    c.hi = c.lo + cells * U_METRICS + 1;
    for (size_t i = 0; i < cells * U_METRICS; i++)
        c.lo[i] = c.hi[i] = (double)NAN;
    int rc = charts_csv_each(text, "uncertainty.csv", need, 7, col, unc_row, &c, why, why_len);
    free(text);
    if (rc == 0) {
        util_buf_add(out, "# How much the uncertain inputs widen the intervals\n> 95%% intervals from the "
                     "replications alone (results.json) beside those over the scenario's uncertain inputs "
                     "(uncertainty.csv: %d outer samples \xc3\x97 %d replications, second-order Monte Carlo).\n",
                     c.samples, c.reps);
        lines += 2;
        for (int m = 0; m < d->n_models; m++)
            for (int h = 0; h < d->n_hostings; h++) {
                const charts_cell *cell = charts_cell_at(d, m, h);
                util_buf_add(out, "- %s at %s:", models[m], hostings[h]);
                int any = 0;
                for (int k = 0; k < U_METRICS; k++) {
                    size_t i = ((size_t)m * (size_t)d->n_hostings + (size_t)h) * U_METRICS + (size_t)k;
                    const charts_stat *s = cell_stat(cell, k);
                    if (isnan(c.lo[i]))
                        continue;
                    char a[32], b[32], x[32], y[32];
                    util_buf_add(out, "%s %s %s to %s%s (replications), %s to %s with the inputs", any++ ? ";" : "",
                                 u_words[k], charts_fmt(s->low, a, sizeof a), charts_fmt(s->high, b, sizeof b),
                                 u_units[k], charts_fmt(c.lo[i], x, sizeof x), charts_fmt(c.hi[i], y, sizeof y));
                }
                util_buf_add(out, "%s\n", any ? "." : " not in uncertainty.csv.");
                lines++;
            }
    }
    free(c.lo);
    return rc ? -1 : lines;
}

int charts_sensitivity_text(const charts_data *d, util_buf *out, char *why, size_t why_len)
{
    const char **models = calloc((size_t)d->n_models + 1, sizeof *models);
    const char **hostings = calloc((size_t)d->n_hostings + 1, sizeof *hostings);
    if (!models || !hostings) {
        free(models);
        free(hostings);
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    for (int m = 0; m < d->n_models; m++)
        models[m] = charts_model_label(d->model[m]);
    for (int h = 0; h < d->n_hostings; h++)
        hostings[h] = charts_hosting_label(d->hosting[h]);
    int n = 0, r = 0;
    if (d->robustness_csv)
        n = robustness_lines(d, models, hostings, out, why, why_len);
    if (n >= 0 && d->uncertainty_csv && (r = uncertainty_lines(d, models, hostings, out, why, why_len)) < 0)
        n = -1;
    free(models);
    free(hostings);
    return n < 0 ? -1 : n + r;
}

int charts_sensitivity_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    if (!d->robustness_csv && !d->uncertainty_csv)
        return PLOT_OK;
    util_buf text = { 0 };
    char why[300] = "";
    int n = charts_sensitivity_text(d, &text, why, sizeof why);
    if (n <= 0 || text.err) {
        if (n < 0)
            util_error("note: %s; the deck has no sensitivity page", why);
        int st = text.err ? PLOT_ENOMEM : PLOT_OK;
        if (st)
            snprintf(err, err_len, "out of memory drawing the deck");
        util_buf_free(&text);
        return st;
    }
    plot_text_block *blocks = calloc((size_t)n + 1, sizeof *blocks);
    if (!blocks) {
        util_buf_free(&text);
        snprintf(err, err_len, "out of memory drawing the deck");
        return PLOT_ENOMEM;
    }
    size_t nb = charts__text_blocks((char *)text.p, blocks, (size_t)n);
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    plot_text_page page = { 0 };
    page.title = "Sensitivity: what would change the answer";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = nb;
    page.caption = d->uncertainty_csv
                       ? "Robustness: modelling choices the data cannot pin down (robustness.csv). Input uncertainty: "
                         "the scenario's \"uncertain\" section, sampled (uncertainty.csv; docs/sensitivity.md)."
                       : "Robustness: modelling choices the data cannot pin down (robustness.csv). A scenario's "
                         "\"uncertain\" section adds the input uncertainty here (docs/sensitivity.md).";
    int st = charts__text_pages(deck, &page, err, err_len);
    free(blocks);
    util_buf_free(&text);
    return st;
}
