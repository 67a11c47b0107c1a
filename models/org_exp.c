/* org_exp — running a scenario's experiment and the analyses over its
 * replications. See org_exp.h. */
#include "models/org_exp.h"
#include "models/org_clock.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#include "models/org_const.h"
#include "sim/sim_stats.h"

int org_exp_alloc(const org_scenario *s, int reps, org_exp *out)
{
    memset(out, 0, sizeof *out);
    out->s = s;
    out->n_models = s->n_models;
    out->n_hostings = s->n_hostings;
    out->reps = reps > 0 ? reps : s->run.replications;
    out->n_metrics = org_metric_count(s);
    long total = org_exp_jobs(out);
    out->runs = calloc((size_t)(total ? total : 1), sizeof *out->runs);
    return out->runs ? 0 : -1;
}

long org_exp_jobs(const org_exp *x)
{
    return (long)x->n_models * x->n_hostings * x->reps;
}

int org_exp_run_job(org_exp *x, long j, const org_sim_opts *base)
{
    org_sim_opts o;
    if (base)
        o = *base;
    else
        org_sim_opts_init(&o);
    o.trace = NULL;
    int r = (int)(j % x->reps);
    int h = (int)((j / x->reps) % x->n_hostings);
    int m = (int)(j / x->reps / x->n_hostings);
    return org_sim_run(x->s, m, h, r, &o, &x->runs[j]);
}

void org_exp_finish(org_exp *x)
{
    x->events = 0;
    for (long j = 0; j < org_exp_jobs(x); j++)
        x->events += x->runs[j].events;
}

int org_exp_run(const org_scenario *s, int reps, int jobs, const org_sim_opts *base,
                org_progress_fn progress, void *ctx, org_exp *out)
{
    if (org_exp_alloc(s, reps, out) != 0)
        return -1;
    long total = org_exp_jobs(out);
    if (jobs <= 0)
        jobs = omp_get_num_procs();
    int failed = 0;
    long done = 0;
    /* Each job fills its own slot; nothing depends on which thread ran it. */
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs) reduction(| : failed)
    for (long j = 0; j < total; j++) {
        if (org_exp_run_job(out, j, base) != 0)
            failed |= 1;
        if (progress) {
#pragma omp critical(org_exp_progress)
            {
                done++;
                progress(ctx, done, total);
            }
        }
    }
    org_exp_finish(out);
    if (failed) {
        org_exp_destroy(out);
        return -1;
    }
    return 0;
}

void org_exp_destroy(org_exp *x)
{
    if (!x || !x->runs)
        return;
    long total = (long)x->n_models * x->n_hostings * x->reps;
    for (long j = 0; j < total; j++)
        org_rep_destroy(&x->runs[j]);
    free(x->runs);
    x->runs = NULL;
}

int org_exp_grow(org_exp *x, int reps, int jobs, const org_sim_opts *base,
                 org_progress_fn progress, void *ctx)
{
    if (reps <= x->reps)
        return 0;
    size_t total = (size_t)x->n_models * (size_t)x->n_hostings * (size_t)reps;
    org_rep *runs = calloc(total, sizeof *runs);
    if (!runs)
        return -1;
    int old = x->reps;
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++)
            for (int r = 0; r < old; r++)
                runs[((size_t)m * (size_t)x->n_hostings + (size_t)h) * (size_t)reps + (size_t)r] =
                    *org_exp_rep(x, m, h, r);
    free(x->runs);
    x->runs = runs;
    x->reps = reps;
    long n_new = (long)x->n_models * x->n_hostings * (reps - old);
    if (jobs <= 0)
        jobs = omp_get_num_procs();
    int failed = 0;
    long done = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs) reduction(| : failed)
    for (long k = 0; k < n_new; k++) {
        long per = reps - old;
        long mh = k / per;
        long j = mh * reps + old + k % per;
        if (org_exp_run_job(x, j, base) != 0)
            failed |= 1;
        if (progress) {
#pragma omp critical(org_exp_progress)
            {
                done++;
                progress(ctx, done, n_new);
            }
        }
    }
    org_exp_finish(x);
    return failed ? -1 : 0;
}

const org_precision_metric org_precision_metrics[] = {
    { ORG_M_LEAD_MEAN, 0.1 },
    { ORG_M_LEAD_P85, 0.25 },
    { ORG_M_HANDOFFS, 0.05 },
    { ORG_M_BUS_INFRA_MEAN, 0.1 },
    { ORG_M_NONPRODUCT_FTE, 0.1 },
};
const int org_precision_n = (int)(sizeof org_precision_metrics / sizeof org_precision_metrics[0]);

int org_exp_precise(const org_exp *x, double rel, char *why, size_t size)
{
    int ok = 1, shown = 0;
    if (why && size)
        why[0] = '\0';
    char name[128];
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++)
            for (int i = 0; i < org_precision_n; i++) {
                const org_precision_metric *pm = &org_precision_metrics[i];
                org_summary su = org_exp_summary(x, m, h, pm->metric);
                if (su.n == 0)
                    continue;
                double hw = su.n > 1 ? (su.high - su.low) / 2.0 : (double)INFINITY;
                if (hw <= rel * fabs(su.mean) || hw <= pm->abs_floor)
                    continue;
                ok = 0;
                if (why && shown < 3) {
                    size_t len = strlen(why);
                    snprintf(why + len, size - len, "%s%s at %s: %s %.4g ± %.3g", shown ? "; " : "",
                             x->s->models[m].name, x->s->hostings[h].name,
                             org_metric_name(x->s, pm->metric, name, sizeof name), su.mean, hw);
                    shown++;
                }
            }
    return ok;
}

int org_exp_values(const org_exp *x, int m, int h, int metric, double *buf)
{
    int n = 0;
    for (int r = 0; r < x->reps; r++) {
        const org_rep *rep = org_exp_rep(x, m, h, r);
        if (metric < rep->n_values && !isnan(rep->values[metric]))
            buf[n++] = rep->values[metric];
    }
    return n;
}

org_summary org_summarise(const double *v, int n)
{
    org_summary su = { NAN, NAN, NAN, 0 };
    if (n <= 0)
        return su;
    sim_ci ci = sim_ci95(v, (size_t)n);
    su.mean = ci.mean;
    su.low = n > 1 ? ci.low : (double)NAN;
    su.high = n > 1 ? ci.high : (double)NAN;
    su.n = n;
    return su;
}

org_summary org_exp_summary(const org_exp *x, int m, int h, int metric)
{
    org_summary su = { NAN, NAN, NAN, 0 };
    double *v = malloc((size_t)(x->reps ? x->reps : 1) * sizeof *v);
    if (!v)
        return su;
    su = org_summarise(v, org_exp_values(x, m, h, metric, v));
    free(v);
    return su;
}

static int cmp_p(const void *a, const void *b)
{
    const org_diff *x = *(const org_diff *const *)a, *y = *(const org_diff *const *)b;
    if (x->p < y->p)
        return -1;
    if (x->p > y->p)
        return 1;
    /* ties: a stable, deterministic order */
    if (x->h != y->h)
        return x->h - y->h;
    if (x->a != y->a)
        return x->a - y->a;
    return x->b - y->b;
}

int org_exp_compare(const org_exp *x, int baseline, org_diff **out)
{
    *out = NULL;
    int M = x->n_models, H = x->n_hostings, K = x->n_metrics;
    int pairs = 0;
    for (int a = 0; a < M; a++)
        for (int b = a + 1; b < M; b++)
            if (baseline < 0 || a == baseline || b == baseline)
                pairs++;
    size_t n = (size_t)pairs * (size_t)H * (size_t)K;
    org_diff *d = calloc(n ? n : 1, sizeof *d);
    double *va = malloc((size_t)x->reps * sizeof *va), *vb = malloc((size_t)x->reps * sizeof *vb);
    org_diff **fam = malloc(((size_t)pairs * (size_t)H + 1) * sizeof *fam);
    if (!d || !va || !vb || !fam) {
        free(d); free(va); free(vb); free(fam);
        return -1;
    }
    size_t i = 0;
    for (int k = 0; k < K; k++) {
        size_t fam_start = i;
        for (int h = 0; h < H; h++)
            for (int a = 0; a < M; a++)
                for (int b = a + 1; b < M; b++) {
                    if (baseline >= 0 && a != baseline && b != baseline)
                        continue;
                    /* With a baseline, report other − baseline. */
                    int A = a, B = b;
                    if (baseline >= 0 && a == baseline) {
                        A = b;
                        B = a;
                    }
                    org_diff *e = &d[i++];
                    e->h = h; e->a = A; e->b = B; e->metric = k;
                    int c = 0;
                    for (int r = 0; r < x->reps; r++) {
                        double ya = org_exp_rep(x, A, h, r)->values[k];
                        double yb = org_exp_rep(x, B, h, r)->values[k];
                        if (!isnan(ya) && !isnan(yb)) {
                            va[c] = ya;
                            vb[c] = yb;
                            c++;
                        }
                    }
                    e->n = c;
                    if (c == 0) {
                        e->mean = e->low = e->high = NAN;
                        e->p = 1.0;
                        continue;
                    }
                    sim_ci ci = sim_ci95_paired(va, vb, (size_t)c);
                    e->mean = ci.mean;
                    e->low = c > 1 ? ci.low : (double)NAN;
                    e->high = c > 1 ? ci.high : (double)NAN;
                    e->p = c > 1 ? sim_paired_p_value(va, vb, (size_t)c) : 1.0;
                }
        /* Holm's step-down within this metric's family of comparisons. */
        size_t m = i - fam_start;
        for (size_t j = 0; j < m; j++)
            fam[j] = &d[fam_start + j];
        qsort(fam, m, sizeof *fam, cmp_p);
        int stop = 0;
        for (size_t j = 0; j < m; j++) {
            double thr = 0.05 / (double)(m - j);
            if (!stop && fam[j]->p <= thr && fam[j]->n > 1)
                fam[j]->significant = 1;
            else
                stop = 1;
        }
    }
    free(va);
    free(vb);
    free(fam);
    *out = d;
    return (int)i;
}

/* DORA performance bands (docs/metrics.md): lead time for changes in
 * working days (under a day, a week, a month), deployments per week (daily,
 * weekly, monthly), change failure rate. */
#define DORA_LEAD_ELITE_DAYS        1.0
#define DORA_LEAD_HIGH_DAYS         ORG_DAYS_PER_WEEK
#define DORA_LEAD_MEDIUM_DAYS       21.0
#define DORA_DEPLOY_ELITE_PER_WEEK  ORG_DAYS_PER_WEEK
#define DORA_DEPLOY_HIGH_PER_WEEK   1.0
#define DORA_DEPLOY_MEDIUM_PER_WEEK (12.0 / 52.0)
#define DORA_CFR_ELITE              0.05
#define DORA_CFR_HIGH               0.20
#define DORA_CFR_MEDIUM             0.30

const char *org_dora_lead_time_band(double days)
{
    if (isnan(days))
        return "n/a";
    if (days < DORA_LEAD_ELITE_DAYS)
        return "elite";
    if (days <= DORA_LEAD_HIGH_DAYS)
        return "high";
    if (days <= DORA_LEAD_MEDIUM_DAYS)
        return "medium";
    return "low";
}

const char *org_dora_deploy_band(double per_week)
{
    if (isnan(per_week))
        return "n/a";
    if (per_week >= DORA_DEPLOY_ELITE_PER_WEEK)
        return "elite";
    if (per_week >= DORA_DEPLOY_HIGH_PER_WEEK)
        return "high";
    if (per_week >= DORA_DEPLOY_MEDIUM_PER_WEEK)
        return "medium";
    return "low";
}

const char *org_dora_cfr_band(double rate)
{
    if (isnan(rate))
        return "n/a";
    if (rate <= DORA_CFR_ELITE)
        return "elite";
    if (rate <= DORA_CFR_HIGH)
        return "high";
    if (rate <= DORA_CFR_MEDIUM)
        return "medium";
    return "low";
}

const char *org_dora_restore_band(double days, double hours_per_day)
{
    if (isnan(days))
        return "n/a";
    double hours = days * hours_per_day;
    if (hours < 1.0)
        return "elite";
    if (days < 1.0)
        return "high";
    if (days <= 5.0)
        return "medium";
    return "low";
}

/* Calendar bands: lead time under a day, a week, a month (30 days) of
 * calendar time (change_lead_time_p50_calendar_days: each change's start and
 * end placed on the calendar, nights and weekends between them counted);
 * restore under an hour, a day, a week of calendar hours. */
#define DORA_CAL_LEAD_ELITE_DAYS    1.0
#define DORA_CAL_LEAD_HIGH_DAYS     7.0
#define DORA_CAL_LEAD_MEDIUM_DAYS   30.0

static const char *band3(double v, double elite, double high, double medium, int elite_strict, int high_strict)
{
    if (isnan(v))
        return "n/a";
    if (elite_strict ? v < elite : v <= elite)
        return "elite";
    if (high_strict ? v < high : v <= high)
        return "high";
    if (v <= medium)
        return "medium";
    return "low";
}

/* A figure of (m, h): its mean (end 0), or the low (-1) or high (+1) end
 * of its 95% interval, the mean when there is none. */
static double figure(const org_exp *x, int m, int h, int metric, int end)
{
    org_summary su = org_exp_summary(x, m, h, metric);
    double v = end < 0 ? su.low : end > 0 ? su.high : su.mean;
    return isnan(v) ? su.mean : v;
}

/* The four bands from the figures at one end (see figure). */
static void bands_at(const org_exp *x, int m, int h, int end, const char *band[4])
{
    const org_scenario *s = x->s;
    band[1] = org_dora_deploy_band(figure(x, m, h, ORG_M_DEPLOYS_PER_WEEK, end));
    band[2] = org_dora_cfr_band(figure(x, m, h, ORG_M_CFR, end));
    int ob = org_metric_oncall_base(s);
    if (ob < 0) {
        band[0] = org_dora_lead_time_band(figure(x, m, h, ORG_M_CHANGE_LEAD_P50, end));
        band[3] = org_dora_restore_band(figure(x, m, h, ORG_M_RESTORE_P50, end), s->hours_per_day);
        return;
    }
    band[0] = band3(figure(x, m, h, ob + ORG_MO_CHANGE_LEAD_P50_CAL_DAYS, end), DORA_CAL_LEAD_ELITE_DAYS,
                    DORA_CAL_LEAD_HIGH_DAYS, DORA_CAL_LEAD_MEDIUM_DAYS, 1, 0);
    band[3] = band3(figure(x, m, h, ob + ORG_MO_RESTORE_P50_HOURS, end), 1.0, 24.0, ORG_CLOCK_HOURS_PER_WEEK, 1, 1);
}

void org_dora_bands(const org_exp *x, int m, int h, const char *band[4])
{
    bands_at(x, m, h, 0, band);
}

void org_dora_bands_ci(const org_exp *x, int m, int h, const char *low[4], const char *high[4])
{
    bands_at(x, m, h, -1, low);
    bands_at(x, m, h, 1, high);
}

void org_dora_uncertain(const org_exp *x, int m, int h, int uncertain[4])
{
    const char *lo[4], *hi[4];
    org_dora_bands_ci(x, m, h, lo, hi);
    for (int k = 0; k < 4; k++)
        uncertain[k] = strcmp(lo[k], hi[k]) != 0;
}

/* Appends one formatted line to buf (NUL-terminated, size bytes); 1 when
 * there was room to start it, 0 when buf was already full. */
static int appendf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int appendf(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
    return 1;
}

#define STEADY_DRIFT_MAX 0.10     /* a 10% change across the measured window is not steady */

int org_exp_drifts(double mean, double low, double high, int n)
{
    return !isnan(mean) && fabs(mean) > STEADY_DRIFT_MAX && (n < 2 || isnan(low) || low > 0.0 || high < 0.0);
}

int org_rep_saturated(double util, double unfinished, double done)
{
    return util >= ORG_UNSTABLE_UTIL && unfinished + done > 0.0
           && unfinished / (unfinished + done) > ORG_UNSTABLE_UNFINISHED;
}

int org_rep_kind_saturated(double util, double unfinished, double done, double teams_saturated, double teams_growing)
{
    return org_rep_saturated(util, unfinished, done) || teams_saturated > 0.0 || teams_growing > 0.0;
}

int org_team_grows(double change, double p_value, double arrivals, double util, int n_teams)
{
    if (n_teams < 1 || !(change > 0.0) || !(arrivals > 0.0) || !(util >= ORG_UNSTABLE_UTIL))
        return 0;
    return p_value / 2.0 < ORG_GROW_ALPHA / (double)n_teams && change > ORG_UNSTABLE_UNFINISHED * arrivals;
}

int org_unstable_means(double util_central, double util_product, double unfinished, double done)
{
    return util_central >= ORG_UNSTABLE_UTIL || util_product >= ORG_UNSTABLE_UTIL
           || (unfinished + done > 0.0 && unfinished / (unfinished + done) > ORG_UNSTABLE_UNFINISHED);
}

int org_unstable(double util_central, double util_product, double unfinished, double done, int central_reps,
                 int product_reps)
{
    return org_unstable_means(util_central, util_product, unfinished, done) || central_reps > 0 || product_reps > 0;
}

/* org_exp_saturated_reps, the per-team growth test counted or not (growth). */
static int saturated_reps(const org_exp *x, int m, int h, int util_metric, int growth, int *n)
{
    int tb = org_metric_team_base(x->s), product = util_metric == ORG_M_UTIL_PRODUCT;
    int k = 0, ts = product ? tb + ORG_MT_TEAMS_SATURATED : -1, tg = product && growth ? tb + ORG_MT_TEAMS_GROWING : -1;
    *n = 0;
    for (int r = 0; r < x->reps; r++) {
        const double *v = org_exp_rep(x, m, h, r)->values;
        if (isnan(v[util_metric]))
            continue;
        (*n)++;
        k += org_rep_kind_saturated(v[util_metric], v[ORG_M_FEATURES_UNFINISHED], v[ORG_M_FEATURES_DONE],
                                    ts >= 0 ? v[ts] : (double)NAN, tg >= 0 ? v[tg] : (double)NAN);
    }
    return k;
}

int org_exp_saturated_reps(const org_exp *x, int m, int h, int util_metric, int *n)
{
    return saturated_reps(x, m, h, util_metric, 1, n);
}

int org_exp_unstable(const org_exp *x, int m, int h)
{
    int nc, np;
    return org_unstable(org_exp_summary(x, m, h, ORG_M_UTIL_CENTRAL).mean, org_exp_summary(x, m, h, ORG_M_UTIL_PRODUCT).mean,
                        org_exp_summary(x, m, h, ORG_M_FEATURES_UNFINISHED).mean,
                        org_exp_summary(x, m, h, ORG_M_FEATURES_DONE).mean,
                        org_exp_saturated_reps(x, m, h, ORG_M_UTIL_CENTRAL, &nc),
                        org_exp_saturated_reps(x, m, h, ORG_M_UTIL_PRODUCT, &np));
}

double org_exp_design_change_day(const org_scenario *s)
{
    double start = s->run.warmup_days, end = start + s->run.measure_days, first = -1.0;
    for (int i = 0; i < s->n_events; i++)
        if (s->events[i].day >= start && s->events[i].day < end && (first < 0.0 || s->events[i].day < first))
            first = s->events[i].day;
    for (int t = 0; t < s->n_teams; t++)
        if (s->teams[t].starts_day > 0.0 && s->teams[t].starts_day >= start && s->teams[t].starts_day < end
            && (first < 0.0 || s->teams[t].starts_day < first))
            first = s->teams[t].starts_day;
    if (s->hiring.central_when_share_above > 0.0)
        first = 0.0;
    return first;
}

void org_exp_design_change_what(const org_scenario *s, char *buf, size_t size)
{
    double start = s->run.warmup_days, end = start + s->run.measure_days;
    int timeline = 0, teams = 0;
    for (int i = 0; i < s->n_events; i++)
        timeline |= s->events[i].day >= start && s->events[i].day < end;
    for (int t = 0; t < s->n_teams; t++)
        teams |= s->teams[t].starts_day > 0.0 && s->teams[t].starts_day >= start && s->teams[t].starts_day < end;
    const char *what[3];
    int n = 0;
    if (timeline)
        what[n++] = "its timeline";
    if (teams)
        what[n++] = "teams that start later";
    if (s->hiring.central_when_share_above > 0.0)
        what[n++] = "its hiring rule";
    *buf = '\0';
    for (int k = 0, o = 0; k < n && o >= 0 && (size_t)o < size; k++)
        o += snprintf(buf + o, size - (size_t)o, "%s%s", k == 0 ? "" : k == n - 1 ? " and " : ", ", what[k]);
}

/* The series whose own drift passes the rule of the drift warning
 * (org_exp_drifts on its metric), each with its change: "queues +15%,
 * knowledge -12%" into buf; "" when none does on its own (the largest
 * drift came from different series in different replications). */
static void drifting_series(const org_exp *x, int m, int h, char *buf, size_t size)
{
    static const struct { org_metric metric; const char *name; } series[] = {
        { ORG_M_DRIFT_BUS, "infrastructure knowledge" }, { ORG_M_DRIFT_QUEUE, "queues" }, { ORG_M_DRIFT_ENABLE, "enablement" }
    };
    size_t o = 0;
    *buf = '\0';
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
        org_summary d = org_exp_summary(x, m, h, series[i].metric);
        if (!org_exp_drifts(d.mean, d.low, d.high, d.n))
            continue;
        int k = snprintf(buf + o, size - o, "%s%s %+.0f%%", o ? ", " : "", series[i].name, 100.0 * d.mean);
        if (k < 0 || (size_t)k >= size - o) {
            buf[o] = '\0';
            return;
        }
        o += (size_t)k;
    }
}

int org_exp_warnings(const org_exp *x, int m, int h, char *buf, size_t size)
{
    int n = 0, unstable = 0;
    org_summary uc = org_exp_summary(x, m, h, ORG_M_UTIL_CENTRAL);
    org_summary up = org_exp_summary(x, m, h, ORG_M_UTIL_PRODUCT);
    org_summary un = org_exp_summary(x, m, h, ORG_M_FEATURES_UNFINISHED);
    org_summary dn = org_exp_summary(x, m, h, ORG_M_FEATURES_DONE);
    org_summary p85 = org_exp_summary(x, m, h, ORG_M_LEAD_P85);
    org_summary umax = org_exp_summary(x, m, h, org_metric_team_base(x->s) + ORG_MT_UTIL_PRODUCT_MAX);
    /* The one rule (org_unstable), asked a part at a time for the text. */
    int central_over = org_unstable_means(uc.mean, NAN, NAN, NAN);
    int product_over = org_unstable_means(NAN, up.mean, NAN, NAN);
    unstable = central_over || product_over;
    if (central_over)
        n += appendf(buf, size, "central team loaded at %.0f%% of capacity: its queue grows without bound\n",
                     100.0 * uc.mean);
    if (product_over)
        n += appendf(buf, size, "product teams loaded at %.0f%% of capacity: backlogs grow without bound\n",
                     100.0 * up.mean);
    /* A mean below the limit can hide replications whose queue grew (busy
     * and leaving features unfinished), and a mean over the product teams
     * one team whose backlog grew: their lead times widen the interval. */
    int nv, over = isnan(uc.mean) || central_over ? 0 : org_exp_saturated_reps(x, m, h, ORG_M_UTIL_CENTRAL, &nv);
    if (over && org_unstable(NAN, NAN, NAN, NAN, over, 0))
        n += appendf(buf, size, "central team saturated in %d of %d replications (loaded at %.0f%% or more, over %.0f%% of "
                     "features unfinished; mean load %.1f%%): in those its queue grew without bound, which the mean hides\n",
                     over, nv, 100.0 * ORG_UNSTABLE_UTIL, 100.0 * ORG_UNSTABLE_UNFINISHED, 100.0 * uc.mean);
    over = isnan(up.mean) || product_over ? 0 : saturated_reps(x, m, h, ORG_M_UTIL_PRODUCT, 0, &nv);
    int grew = isnan(up.mean) || product_over ? 0 : org_exp_saturated_reps(x, m, h, ORG_M_UTIL_PRODUCT, &nv) - over;
    if (over && org_unstable(NAN, NAN, NAN, NAN, 0, over))
        n += appendf(buf, size, "product team saturated in %d of %d replications (one team, or all together, loaded at "
                     "%.0f%% or more with over %.0f%% of its features unfinished; mean load %.1f%%, busiest team %.1f%%): "
                     "in those a backlog grew without bound, which the mean hides\n",
                     over, nv, 100.0 * ORG_UNSTABLE_UTIL, 100.0 * ORG_UNSTABLE_UNFINISHED, 100.0 * up.mean,
                     100.0 * umax.mean);
    /* The growth test (org_team_grows) catches a team whose backlog the
     * drain cleared; said apart, in the replications the rule above did
     * not already count. */
    if (grew > 0 && org_unstable(NAN, NAN, NAN, NAN, 0, grew))
        n += appendf(buf, size, "product team backlog grew through the measured window in %d%s of %d replications (one "
                     "team busy at %.0f%% or more whose open features rose by over %.0f%% of its arrivals, a batch-means "
                     "trend test at %.0f%% over the teams): its lead times grow with the window although the drain "
                     "finished its features, which the mean hides\n",
                     grew, over ? " more" : "", nv, 100.0 * ORG_UNSTABLE_UTIL, 100.0 * ORG_UNSTABLE_UNFINISHED,
                     100.0 * ORG_GROW_ALPHA);
    org_summary tg = org_exp_summary(x, m, h, org_metric_team_base(x->s) + ORG_MT_TEAMS_GROWING);
    if (!unstable && tg.n == 0 && x->reps > 0)
        n += appendf(buf, size, "the measured window (%.0f days) is too short to tell whether a product team's backlog "
                     "grows (the growth test needs %d weekly samples): one team may be saturated unseen\n",
                     x->s->run.measure_days, ORG_GROW_MIN_SAMPLES);
    if (!isnan(un.mean) && !isnan(dn.mean) && un.mean + dn.mean > 0.0
        && un.mean / (un.mean + dn.mean) > 0.05)
        n += appendf(buf, size, "%.0f%% of measured features (%.1f per replication) did not finish within the drain\n",
                     100.0 * un.mean / (un.mean + dn.mean), un.mean);
    if (!isnan(p85.mean) && x->s->run.warmup_days < 2.0 * p85.mean)
        n += appendf(buf, size, "warm-up of %.0f days is shorter than twice the p85 lead time (%.0f days): the start may not be steady\n",
                     x->s->run.warmup_days, p85.mean);
    /* Steady state (org_steady.c): the measured window drifts when the
     * replications' relative drift is large (above STEADY_DRIFT_MAX) and,
     * with several replications, its 95% interval excludes 0. Not said of
     * an overloaded team: it has no steady state for a warm-up to reach
     * (said above). */
    org_summary dr = org_exp_summary(x, m, h, ORG_M_DRIFT_MAX);
    org_summary ms = org_exp_summary(x, m, h, ORG_M_WARMUP_MSER_DAYS);
    if (!unstable && dr.n == 0 && x->reps > 0)
        n += appendf(buf, size, "the measured window (%.0f days) is too short to test whether it is at steady state "
                     "(the drift test needs %d weekly samples): results may still drift\n",
                     x->s->run.measure_days, ORG_STEADY_MIN_SAMPLES);
    if (!unstable && org_exp_drifts(dr.mean, dr.low, dr.high, dr.n)) {
        char which[160];
        drifting_series(x, m, h, which, sizeof which);
        if (!*which)
            snprintf(which, sizeof which, "the largest change of knowledge, queues or enablement is %+.0f%%, from "
                     "one series in some replications and another in others,", 100.0 * dr.mean);
        double changes = org_exp_design_change_day(x->s);
        char what[96];
        org_exp_design_change_what(x->s, what, sizeof what);
        char when[48] = "within it";    /* a hiring rule hires on days nobody knows beforehand */
        if (!(x->s->hiring.central_when_share_above > 0.0))
            snprintf(when, sizeof when, "from day %.0f", changes);
        if (changes >= 0.0)     /* by design: a longer warm-up would not help */
            n += appendf(buf, size, "the measured window still drifts (%s across it), as the scenario changes the "
                         "organisation %s (%s): results are a transition, not a steady state\n", which, when, what);
        else
            n += appendf(buf, size, "the measured window still drifts (%s across it; MSER-5 asks for a warm-up of "
                         "about %.0f days, this run has %.0f): results are not at steady state\n", which, ms.mean,
                         x->s->run.warmup_days);
    }
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double *org_exp_pooled_lead_times(const org_exp *x, int m, int h, size_t *n)
{
    size_t total = 0;
    for (int r = 0; r < x->reps; r++)
        total += org_exp_rep(x, m, h, r)->n_lead;
    double *v = malloc((total ? total : 1) * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (int r = 0; r < x->reps; r++) {
        const org_rep *rep = org_exp_rep(x, m, h, r);
        memcpy(v + *n, rep->lead_times, rep->n_lead * sizeof *v);
        *n += rep->n_lead;
    }
    qsort(v, *n, sizeof *v, cmp_double);
    return v;
}
