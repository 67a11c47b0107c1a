/* sweep_out — a finished sweep's files: sweep.csv, tornado.csv,
 * robustness.csv, winners.csv, indices.csv and summary.txt. */
#include "sweep/sweep_out.h"
#include "sweep/sweep_run.h"
#include "sweep/sweep_charts.h"
#include "report/charts_label.h"
#include "sim/sim_design.h"
#include "util/util_buf.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_BOOTSTRAP 500

/* The metrics a leader decides on, and which way is better. */
typedef struct key_metric {
    const char *name;
    int higher_better;
    const char *better;         /* "A is <better> than B" */
} key_metric;

static const key_metric keys[] = {
    { "lead_time_p85_days", 0, "faster (p85 lead time)" },
    { SWEEP_STAFF_COST, 0, "cheaper (staffed to the targets)" },
    { "bus_factor_infra_mean", 1, "safer (infrastructure bus factor)" },
};
#define N_KEYS ((int)(sizeof keys / sizeof keys[0]))

static int metric_index(const sweep_table *t, const char *name)
{
    for (int k = 0; k < t->n_metrics; k++)
        if (!strcmp(t->metric[k], name))
            return k;
    return -1;
}

/* A parameter's value at unit coordinate u as CSV text ("base": the
 * scenario's own value, oat). */
static void value_csv(util_buf *b, const sweep_param *p, double u)
{
    if (u < 0) {
        util_buf_add(b, "base");
        return;
    }
    cJSON *v = sweep_param_value(p, u);
    if (cJSON_IsNumber(v))
        charts_csv_num(b, v->valuedouble);
    else if (cJSON_IsString(v))
        util_csv_field(b, v->valuestring);
    else if (cJSON_IsBool(v))
        util_buf_add(b, "%s", cJSON_IsTrue(v) ? "true" : "false");
    cJSON_Delete(v);
}

/* The parameter columns of a row: ",name…" for the header (row NULL), else
 * ",value…" of the point whose unit coordinates are row[0..n). */
static void point_columns(util_buf *b, const sweep_params *sp, const double *row)
{
    for (size_t j = 0; j < sp->n; j++) {
        util_buf_add(b, ",");
        if (row)
            value_csv(b, &sp->params[j], row[j]);
        else
            util_csv_field(b, sp->params[j].name);
    }
}

static int commit(const char *dir, const char *name, util_buf *b)
{
    if (util_write_atomic(dir, name, b->p ? (const void *)b->p : (const void *)"", b->n) != 0) {
        util_error("%s/%s: cannot write", dir, name);
        return -1;
    }
    return 0;
}

/* Rows whose points are draws from the joint distribution: all of them, or
 * for sobol the A and B blocks (2N). */
static size_t random_rows(const sweep_params *sp, const sweep_table *t)
{
    return sp->design == SWEEP_SOBOL ? 2 * sp->points : t->n_points;
}

static double diff_at(const sweep_table *t, size_t p, int a, int b, int h, int k)
{
    return t->mean[sweep_at(t, p, a, h, k)] - t->mean[sweep_at(t, p, b, h, k)];
}

/* One contest the decision outputs speak of: key metric q (column k of the
 * table), hosting h, and the pair a < c of models. */
typedef struct contest {
    int q, k, h, a, c;
} contest;

#define CONTEST_FIRST { 0, -1, 0, 0, 0 }

/* Steps *x to the next contest (key metrics the table measures, then
 * hostings, then pairs a < c); *x starts as CONTEST_FIRST. 0 when done. */
static int contest_next(const sweep_table *t, contest *x)
{
    if (x->k >= 0 && ++x->c < t->n_models)
        return 1;
    for (;;) {
        if (x->k >= 0 && ++x->a + 1 < t->n_models) {
            x->c = x->a + 1;
            return 1;
        }
        if (x->k >= 0 && ++x->h < t->n_hostings) {
            x->a = -1;
            continue;
        }
        if (x->k >= 0)
            x->q++;
        for (x->k = -1; x->q < N_KEYS && (x->k = metric_index(t, keys[x->q].name)) < 0; x->q++)
            ;
        if (x->q >= N_KEYS || t->n_hostings < 1 || t->n_models < 2)
            return 0;
        x->h = 0;
        x->a = -1;
    }
}

/* ------------------------------------------------------------ sweep.csv */

static int write_tidy(const char *dir, const sweep_params *sp, const double *u, const sweep_table *t)
{
    util_buf b = { 0 };
    util_buf_add(&b, "point");
    point_columns(&b, sp, NULL);
    util_buf_add(&b, ",model,hosting,metric,mean,ci95_low,ci95_high\n");
    util_buf vals = { 0 };
    for (size_t p = 0; p < t->n_points; p++) {
        vals.n = 0;
        util_buf_add(&vals, "%zu", p);
        point_columns(&vals, sp, u + p * sp->n);
        for (int m = 0; m < t->n_models; m++)
            for (int h = 0; h < t->n_hostings; h++)
                for (int k = 0; k < t->n_metrics; k++) {
                    size_t at = sweep_at(t, p, m, h, k);
                    util_buf_add(&b, "%s,%s,%s,%s,", util_buf_str(&vals), t->model[m], t->hosting[h], t->metric[k]);
                    charts_csv_num(&b, t->mean[at]);
                    util_buf_add(&b, ",");
                    charts_csv_num(&b, t->low[at]);
                    util_buf_add(&b, ",");
                    charts_csv_num(&b, t->high[at]);
                    util_buf_add(&b, "\n");
                }
    }
    util_buf_free(&vals);
    int rc = commit(dir, "sweep.csv", &b);
    util_buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------ the answer */

/* The decision the headline speaks of: one key metric, hosting and pair. */
typedef struct decision {
    contest x;                  /* x.q: the key metric; x.c: model b */
    double p_a;                 /* share of plausible cases where a is better */
    size_t drivers[2];          /* the two most important parameters */
    double weight[2];           /* their importance (NAN: none) */
    const char *measure;        /* "total index", "first-order index", "swing" */
    int found;
} decision;

/* Share of rows [0, n) where a is better than b on key metric q (ties count
 * half); NAN when no row measured both. */
static double share_better(const sweep_table *t, size_t n, int a, int b, int h, int q, int *ties,
                           double *mean_diff)
{
    int k = metric_index(t, keys[q].name);
    double wins = 0, sum = 0;
    int used = 0;
    *ties = 0;
    for (size_t p = 0; p < n; p++) {
        double d = diff_at(t, p, a, b, h, k);
        if (!isfinite(d))
            continue;
        used++;
        sum += d;
        if (d == 0) {
            wins += 0.5;
            (*ties)++;
        } else if ((d > 0) == (keys[q].higher_better != 0)) {
            wins += 1;
        }
    }
    *mean_diff = used ? sum / used : (double)NAN;
    return used ? wins / used : (double)NAN;
}

/* The key metric the headline speaks of: staffed cost when the sweep
 * measured it, else p85 lead time (keys[1], keys[0]). */
static int headline_key(const sweep_table *t)
{
    return metric_index(t, SWEEP_STAFF_COST) >= 0 ? 1 : 0;
}

static int write_robustness(const char *dir, const sweep_params *sp, const sweep_table *t, decision *dec)
{
    util_buf b = { 0 };
    util_buf_add(&b, "metric,hosting,model_a,model_b,better,points,p_a_better,p_b_better,ties,mean_diff_a_minus_b\n");
    size_t n = random_rows(sp, t);
    int headline = headline_key(t);
    for (contest x = CONTEST_FIRST; contest_next(t, &x);) {
        int ties;
        double md, pa = share_better(t, n, x.a, x.c, x.h, x.q, &ties, &md);
        util_buf_add(&b, "%s,%s,%s,%s,%s,%zu,", keys[x.q].name, t->hosting[x.h], t->model[x.a], t->model[x.c],
                     keys[x.q].higher_better ? "higher" : "lower", n);
        charts_csv_num(&b, pa);
        util_buf_add(&b, ",");
        charts_csv_num(&b, isfinite(pa) ? 1 - pa : (double)NAN);
        util_buf_add(&b, ",%d,", ties);
        charts_csv_num(&b, md);
        util_buf_add(&b, "\n");
        /* the headline: the most contested pair on the headline metric
         * (a pair equal at every point decides nothing) */
        if (x.q == headline && isfinite(pa) && (size_t)ties < n
            && (!dec->found || fabs(pa - 0.5) < fabs(dec->p_a - 0.5))) {
            dec->found = 1;
            dec->x = x;
            dec->p_a = pa;
        }
    }
    int rc = commit(dir, "robustness.csv", &b);
    util_buf_free(&b);
    return rc;
}

/* grid of two parameters: a heatmap of A − B per key metric, hosting and
 * pair. The last parameter varies fastest: point = row * n_cols + col. */
static int chart_heats(const char *dir, const sweep_params *sp, const double *u, const sweep_table *t)
{
    size_t nr = sp->params[0].kind == SWEEP_LEVELS ? sp->params[0].n_levels : sp->points;
    size_t nc = sp->params[1].kind == SWEEP_LEVELS ? sp->params[1].n_levels : sp->points;
    if (nr * nc != t->n_points)
        return 0;
    util_buf lab = { 0 };
    size_t *off = malloc((nr + nc) * sizeof *off);
    const char **rows = malloc(nr * sizeof *rows), **cols = malloc(nc * sizeof *cols);
    double *d = malloc(t->n_points * sizeof *d);
    int rc = 0;
    if (!off || !rows || !cols || !d) {
        util_error("out of memory");
        rc = -1;
    }
    /* labels: the values at row r (column 0) and column c (column 1), NUL-separated */
    for (size_t i = 0; rc == 0 && i < nr + nc; i++) {
        off[i] = lab.n;
        if (i < nr)
            value_csv(&lab, &sp->params[0], u[(i * nc) * 2 + 0]);
        else
            value_csv(&lab, &sp->params[1], u[(i - nr) * 2 + 1]);
        util_buf_put(&lab, "", 1);
    }
    if (rc == 0 && lab.err)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < nr + nc; i++) {
        if (i < nr)
            rows[i] = (const char *)lab.p + off[i];
        else
            cols[i - nr] = (const char *)lab.p + off[i];
    }
    for (contest x = CONTEST_FIRST; rc == 0 && contest_next(t, &x);) {
        for (size_t p = 0; p < t->n_points; p++)
            d[p] = diff_at(t, p, x.a, x.c, x.h, x.k);
        sweep_heat hh = { keys[x.q].name, t->hosting[x.h], t->model[x.a], t->model[x.c],
                          sp->params[0].name, sp->params[1].name, rows, cols, nr, nc, d,
                          keys[x.q].higher_better };
        if (sweep_chart_heat(dir, &hh) < 0)
            rc = -1;
    }
    util_buf_free(&lab);
    free(off);
    free(rows);
    free(cols);
    free(d);
    return rc;
}

/* grid: the best model at each grid point, hosting and key metric. */
static int write_winners(const char *dir, const sweep_params *sp, const double *u, const sweep_table *t)
{
    util_buf b = { 0 };
    util_buf_add(&b, "point");
    point_columns(&b, sp, NULL);
    util_buf_add(&b, ",hosting,metric,winner,runner_up,margin\n");
    for (size_t p = 0; p < t->n_points; p++)
        for (int q = 0; q < N_KEYS; q++) {
            int k = metric_index(t, keys[q].name);
            if (k < 0)
                continue;
            for (int h = 0; h < t->n_hostings; h++) {
                int best = -1, second = -1;
                double sign = keys[q].higher_better ? 1 : -1;
                for (int m = 0; m < t->n_models; m++) {
                    double v = t->mean[sweep_at(t, p, m, h, k)];
                    if (!isfinite(v))
                        continue;
                    if (best < 0 || sign * v > sign * t->mean[sweep_at(t, p, best, h, k)]) {
                        second = best;
                        best = m;
                    } else if (second < 0 || sign * v > sign * t->mean[sweep_at(t, p, second, h, k)]) {
                        second = m;
                    }
                }
                util_buf_add(&b, "%zu", p);
                point_columns(&b, sp, u + p * sp->n);
                util_buf_add(&b, ",%s,%s,%s,%s,", t->hosting[h], keys[q].name, best >= 0 ? t->model[best] : "",
                             second >= 0 ? t->model[second] : "");
                charts_csv_num(&b, best >= 0 && second >= 0
                                   ? fabs(t->mean[sweep_at(t, p, best, h, k)] - t->mean[sweep_at(t, p, second, h, k)])
                                   : (double)NAN);
                util_buf_add(&b, "\n");
            }
        }
    int rc = commit(dir, "winners.csv", &b);
    util_buf_free(&b);
    return rc == 0 && sp->n == 2 ? chart_heats(dir, sp, u, t) : rc;
}

/* Picks the two largest of w[0..n) into dec. */
static void top_two(const double *w, size_t n, decision *dec)
{
    dec->weight[0] = dec->weight[1] = NAN;
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(w[j]))
            continue;
        if (!isfinite(dec->weight[0]) || w[j] > dec->weight[0]) {
            dec->weight[1] = dec->weight[0];
            dec->drivers[1] = dec->drivers[0];
            dec->weight[0] = w[j];
            dec->drivers[0] = j;
        } else if (!isfinite(dec->weight[1]) || w[j] > dec->weight[1]) {
            dec->weight[1] = w[j];
            dec->drivers[1] = j;
        }
    }
}

/* lhs, grid: importance of each parameter for the headline difference, its
 * first-order index (the share of the difference's variance over the points
 * that the parameter explains alone): sim_first_order_binned on ⌊√N⌋ bins
 * of the parameter's coordinate (lhs; bias-corrected) or on its grid levels
 * (grid; the main effect of the factorial ANOVA). */
static void first_order_drivers(const sweep_params *sp, const double *u, const sweep_table *t, decision *dec)
{
    size_t n = t->n_points, d = sp->n;
    double *w = calloc(d ? d : 1, sizeof *w), *y = malloc((n ? n : 1) * sizeof *y);
    if (!w || !y) {
        free(w);
        free(y);
        return;
    }
    for (size_t p = 0; p < n; p++)
        y[p] = diff_at(t, p, dec->x.a, dec->x.c, dec->x.h, dec->x.k);
    size_t bins = sp->design == SWEEP_GRID ? 0 : (size_t)floor(sqrt((double)n));
    for (size_t j = 0; j < d; j++)
        w[j] = sim_first_order_binned(y, u + j, n, d, bins < 2 && sp->design != SWEEP_GRID ? 2 : bins);
    dec->measure = "first-order index";
    top_two(w, d, dec);
    free(w);
    free(y);
}

/* ------------------------------------------------------------ oat */

/* The tornado chart of one key metric, hosting and pair; order: the
 * parameters widest swing first. */
static int chart_tornado(const char *dir, const sweep_params *sp, const sweep_table *t, const char *metric,
                         int h, int a, int c, const size_t *order, double base)
{
    size_t d = sp->n;
    int k = metric_index(t, metric);
    const char **names = malloc((d ? d : 1) * sizeof *names);
    double *lo = malloc((d ? d : 1) * sizeof *lo), *hi = malloc((d ? d : 1) * sizeof *hi);
    int rc = -1;
    if (names && lo && hi) {
        for (size_t i = 0; i < d; i++) {
            names[i] = sp->params[order[i]].name;
            lo[i] = diff_at(t, 1 + 2 * order[i], a, c, h, k);
            hi[i] = diff_at(t, 2 + 2 * order[i], a, c, h, k);
        }
        sweep_tornado tt = { metric, t->hosting[h], t->model[a], t->model[c], names, lo, hi, d, base };
        rc = sweep_chart_tornado(dir, &tt);
    } else {
        util_error("out of memory");
    }
    free(names);
    free(lo);
    free(hi);
    return rc;
}

/* Orders the d parameters widest swing first into order (insertion sort:
 * stable, d is small; an undefined swing goes last). */
static void order_by_swing(const double *swing, size_t d, size_t *order)
{
    for (size_t j = 0; j < d; j++)
        order[j] = j;
    for (size_t i = 1; i < d; i++)
        for (size_t j = i; j > 0 && (swing[order[j]] > swing[order[j - 1]]
                                     || (isfinite(swing[order[j]]) && !isfinite(swing[order[j - 1]])));
             j--) {
            size_t o = order[j];
            order[j] = order[j - 1];
            order[j - 1] = o;
        }
}

/* tornado.csv's rows of one contest, widest bar first. */
static void tornado_rows(util_buf *b, const sweep_params *sp, const double *u, const sweep_table *t,
                         const contest *x, double base, const double *swing, const size_t *order)
{
    size_t d = sp->n;
    for (size_t i = 0; i < d; i++) {
        size_t j = order[i];
        util_buf_add(b, "%s,%s,%s,%s,", keys[x->q].name, t->hosting[x->h], t->model[x->a], t->model[x->c]);
        util_csv_field(b, sp->params[j].name);
        util_buf_add(b, ",");
        value_csv(b, &sp->params[j], u[(1 + 2 * j) * d + j]);
        util_buf_add(b, ",");
        value_csv(b, &sp->params[j], u[(2 + 2 * j) * d + j]);
        double v[4] = { base, diff_at(t, 1 + 2 * j, x->a, x->c, x->h, x->k),
                        diff_at(t, 2 + 2 * j, x->a, x->c, x->h, x->k), swing[j] };
        for (int i4 = 0; i4 < 4; i4++) {
            util_buf_add(b, ",");
            charts_csv_num(b, v[i4]);
        }
        util_buf_add(b, "\n");
    }
}

static int write_tornado(const char *dir, const sweep_params *sp, const double *u, const sweep_table *t,
                         decision *dec)
{
    util_buf b = { 0 };
    util_buf_add(&b, "metric,hosting,model_a,model_b,param,value_low,value_high,diff_base,diff_low,diff_high,swing\n");
    size_t d = sp->n;
    size_t *order = malloc((d ? d : 1) * sizeof *order);
    double *swing = malloc((d ? d : 1) * sizeof *swing);
    int rc = order && swing ? 0 : -1;
    if (rc != 0)
        util_error("out of memory");
    int headline = headline_key(t);
    for (contest x = CONTEST_FIRST; rc == 0 && contest_next(t, &x);) {
        double base = diff_at(t, 0, x.a, x.c, x.h, x.k);
        for (size_t j = 0; j < d; j++)
            swing[j] = fabs(diff_at(t, 2 + 2 * j, x.a, x.c, x.h, x.k) - diff_at(t, 1 + 2 * j, x.a, x.c, x.h, x.k));
        order_by_swing(swing, d, order);
        tornado_rows(&b, sp, u, t, &x, base, swing, order);
        rc = chart_tornado(dir, sp, t, keys[x.q].name, x.h, x.a, x.c, order, base);
        if (x.q == headline && !dec->found && isfinite(base)) {
            dec->found = 1;
            dec->x = x;
            dec->p_a = NAN;
            dec->measure = "swing";
            top_two(swing, d, dec);
        }
    }
    free(order);
    free(swing);
    if (rc == 0)
        rc = commit(dir, "tornado.csv", &b);
    util_buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------ sobol */

static void index_row(util_buf *b, const char *metric, const char *hosting, const char *quantity,
                      const char *param, const sim_sobol_index *x, int rc)
{
    util_buf_add(b, "%s,%s,", metric, hosting);
    util_csv_field(b, quantity);
    util_buf_add(b, ",");
    util_csv_field(b, param);
    util_buf_add(b, ",");
    if (rc == 0) {
        double v[8] = { x->s1, x->s1_low, x->s1_high, x->s1_se, x->st, x->st_low, x->st_high, x->st_se };
        for (int i = 0; i < 8; i++) {
            charts_csv_num(b, v[i]);
            util_buf_add(b, ",");
        }
        util_buf_add(b, "\n");
    } else {
        util_buf_add(b, ",,,,,,,,%s\n", rc == -2 ? "no variation: indices undefined" : "not measured at every point");
    }
}

static int write_indices(const char *dir, const sweep_params *sp, const sweep_table *t, decision *dec)
{
    size_t n = sp->points, d = sp->n, rows = t->n_points;
    double *y = malloc(rows * sizeof *y);
    sim_sobol_index *ix = malloc((d ? d : 1) * sizeof *ix);
    if (!y || !ix) {
        free(y);
        free(ix);
        util_error("out of memory");
        return -1;
    }
    util_buf b = { 0 };
    util_buf_add(&b, "metric,hosting,quantity,param,S1,S1_ci95_low,S1_ci95_high,S1_se,ST,ST_ci95_low,ST_ci95_high,ST_se,note\n");
    char q[256];
    for (int k = 0; k < t->n_metrics; k++)
        for (int h = 0; h < t->n_hostings; h++) {
            /* each model's level */
            for (int m = 0; m < t->n_models; m++) {
                for (size_t p = 0; p < rows; p++)
                    y[p] = t->mean[sweep_at(t, p, m, h, k)];
                int rc = sim_sobol_indices(y, n, d, SWEEP_BOOTSTRAP, sp->seed, ix);
                for (size_t j = 0; j < d; j++)
                    index_row(&b, t->metric[k], t->hosting[h], t->model[m], sp->params[j].name, &ix[j], rc);
            }
            /* the difference of each pair on the key metrics */
            int key = -1;
            for (int qq = 0; qq < N_KEYS; qq++)
                if (!strcmp(keys[qq].name, t->metric[k]))
                    key = qq;
            if (key < 0)
                continue;
            for (int a = 0; a < t->n_models; a++)
                for (int c = a + 1; c < t->n_models; c++) {
                    for (size_t p = 0; p < rows; p++)
                        y[p] = diff_at(t, p, a, c, h, k);
                    int rc = sim_sobol_indices(y, n, d, SWEEP_BOOTSTRAP, sp->seed, ix);
                    snprintf(q, sizeof q, "%s - %s", t->model[a], t->model[c]);
                    for (size_t j = 0; j < d; j++)
                        index_row(&b, t->metric[k], t->hosting[h], q, sp->params[j].name, &ix[j], rc);
                    if (dec->found && dec->x.k == k && dec->x.h == h && dec->x.a == a && dec->x.c == c) {
                        double *w = malloc((d ? d : 1) * sizeof *w);
                        for (size_t j = 0; w && j < d; j++)
                            w[j] = rc == 0 ? ix[j].st : (double)NAN;
                        if (w)
                            top_two(w, d, dec);
                        free(w);
                        dec->measure = "total index";
                    }
                }
        }
    free(y);
    free(ix);
    int rc = commit(dir, "indices.csv", &b);
    util_buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------ summary */

static void headline(util_buf *b, const sweep_params *sp, const sweep_table *t, const decision *dec)
{
    if (!dec->found) {
        util_buf_add(b, "No key metric (p85 lead time, staffed cost, bus factor) was measured at every point.\n");
        return;
    }
    const key_metric *km = &keys[dec->x.q];
    util_buf_add(b, "Whether %s or %s is %s at %s depends mostly on ", t->model[dec->x.a], t->model[dec->x.c],
                 km->better, t->hosting[dec->x.h]);
    if (!isfinite(dec->weight[0])) {
        util_buf_add(b, "no parameter of the sweep (the difference does not move)");
    } else if (dec->weight[0] < 0.01 && !strcmp(dec->measure, "first-order index")) {
        util_buf_add(b, "no single parameter of the sweep (every first-order index is below 0.01: "
                        "interactions or noise)");
    } else {
        util_buf_add(b, "%s (%s %.2f)", sp->params[dec->drivers[0]].name, dec->measure, dec->weight[0]);
        if (isfinite(dec->weight[1]) && dec->weight[1] >= 0.01)
            util_buf_add(b, " and %s (%.2f)", sp->params[dec->drivers[1]].name, dec->weight[1]);
    }
    if (isfinite(dec->p_a)) {
        int a_wins = dec->p_a >= 0.5;
        util_buf_add(b, "; %s is %s in %.0f%% of plausible cases.\n", t->model[a_wins ? dec->x.a : dec->x.c],
                     km->better, 100 * (a_wins ? dec->p_a : 1 - dec->p_a));
    } else {
        util_buf_add(b, " (one at a time around the base case).\n");
    }
}

int sweep_out_write(const char *dir, const sweep_params *sp, const double *u, const sweep_table *t, FILE *report)
{
    decision dec;
    memset(&dec, 0, sizeof dec);
    dec.weight[0] = dec.weight[1] = NAN;
    if (write_tidy(dir, sp, u, t) != 0)
        return -1;
    int rc = 0;
    if (sp->design == SWEEP_OAT) {
        rc = write_tornado(dir, sp, u, t, &dec);
    } else {
        rc = write_robustness(dir, sp, t, &dec);
        if (rc == 0 && sp->design == SWEEP_GRID)
            rc = write_winners(dir, sp, u, t);
        if (rc == 0 && sp->design == SWEEP_SOBOL)
            rc = write_indices(dir, sp, t, &dec);
        else if (rc == 0 && dec.found)
            first_order_drivers(sp, u, t, &dec);
    }
    if (rc != 0)
        return -1;
    util_buf b = { 0 };
    headline(&b, sp, t, &dec);
    util_buf_add(&b, "\n%s design, %zu points, %zu parameters; every point run with the scenario's seed "
                     "(common random numbers).\nFiles: sweep.csv", sweep_design_name(sp->design), t->n_points, sp->n);
    if (sp->design == SWEEP_OAT)
        util_buf_add(&b, ", tornado.csv");
    else
        util_buf_add(&b, ", robustness.csv");
    if (sp->design == SWEEP_GRID)
        util_buf_add(&b, ", winners.csv");
    if (sp->design == SWEEP_SOBOL)
        util_buf_add(&b, ", indices.csv");
    util_buf_add(&b, "; each point's full results in points/pNNNNN/.\n");
    rc = commit(dir, "summary.txt", &b);
    if (rc == 0 && report)
        fputs(util_buf_str(&b), report);
    util_buf_free(&b);
    return rc;
}
