/* org_staff — the staffing search and cost analysis. See org_staff.h and
 * docs/staffing.md. Each model × hosting point is a small state machine
 * (probe, central search, product search, final); every round gathers the
 * candidates all cells need next and runs their replications in one parallel
 * loop, so both cores stay busy even when one cell needs fewer candidates. */
#include "models/org_staff.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#include "models/org_const.h"
#include "models/org_rotation.h"
#include "sim/sim_erlang.h"
#include "sim/sim_stats.h"
#include "util/util_buf.h"

#define UNFINISHED_MAX 0.05          /* product "meets" also needs this few unfinished features */
#define OVERLOADED_UTIL 0.95         /* a probe this busy underestimates demand, and a candidate this busy
                                       * gives no shape for the secant (its backlog grows through the run) */
#define P85 0.85
#define SCV_BURSTY 1.2               /* service-time CV² above which Erlang C underestimates waits */
#define SCV_REGULAR 0.8              /* ... and below which it overestimates them */
#define TICKETS_PER_FEATURE_BATCHY 1.2  /* tickets per feature above which arrivals come in batches */
#define ERLANG_NEGLIGIBLE 1e-9       /* an Erlang prediction this small cannot scale a measurement */
#define MARGIN_FLOOR 1e-3            /* a measured time is at least this share of its target (log margin) */
#define MARGIN_FLOOR_UTIL 1e-6       /* a measured utilisation is at least this (log margin) */
#define STAFF_CAP_MIN 64.0           /* the central search's upper bound is at least this ... */
#define STAFF_CAP_MAX 100000.0       /* ... and at most this many engineers (the scenario limit) */

/* ---- the search rule ------------------------------------------------------ */

void org_staff_search_init(org_staff_search *q, int lo_bound, int hi_bound)
{
    memset(q, 0, sizeof *q);
    if (hi_bound < lo_bound)
        hi_bound = lo_bound;
    q->lo_bound = lo_bound;
    q->hi_bound = hi_bound;
    q->lo = lo_bound - 1;
    q->hi = hi_bound + 1;
    q->step = 1;
}

void org_staff_search_hint(org_staff_search *q, int c)
{
    q->hint = c;
    q->has_hint = 1;
}

int org_staff_search_next(const org_staff_search *q, int *c)
{
    if (q->hi - q->lo <= 1)
        return 0;
    if (q->has_hint && q->hint > q->lo && q->hint < q->hi) {
        *c = q->hint;
        return 1;
    }
    if (q->evaluations == 0) {
        *c = q->lo_bound;
        return 1;
    }
    if (q->dir < 0) {                   /* bracket downwards by doubling steps */
        long n = (long)q->hi - q->step;
        if (n > q->lo) {
            *c = (int)n;
            return 1;
        }
    } else if (q->dir > 0) {            /* bracket upwards by doubling steps */
        long n = (long)q->lo + q->step;
        if (n > q->hi_bound)
            n = q->hi_bound;
        if (n < q->hi) {
            *c = (int)n;
            return 1;
        }
    }
    *c = q->lo + (q->hi - q->lo) / 2;   /* bisection */
    return 1;
}

void org_staff_search_report(org_staff_search *q, int c, int meets)
{
    if (c <= q->lo || c >= q->hi)
        return;                          /* not a size next() could propose */
    int first = q->evaluations == 0, was_hint = q->has_hint && c == q->hint;
    q->evaluations++;
    if (was_hint)
        q->has_hint = 0;
    int dir = meets ? -1 : 1;
    if (meets)
        q->hi = c;
    else
        q->lo = c;
    if (first || was_hint) {
        q->dir = dir;                    /* bracket away from here, first step 1 */
        q->step = 1;
    } else if (q->dir == dir) {
        q->step *= 2;                    /* still on the same side: double the step */
    } else {
        q->dir = 0;                      /* bracketed on both sides: bisect */
    }
}

int org_staff_search_result(const org_staff_search *q)
{
    return q->hi;
}

/* ---- Erlang C ----------------------------------------------------------------- */

int org_staff_erlang_headcount(double lambda, double service_days, const org_targets *t, int max_c)
{
    if (!(lambda > 0.0))
        return 0;
    if (!(service_days > 0.0))
        return 1;
    double mu = 1.0 / service_days, A = lambda * service_days;
    int c = 1;
    if (A >= 1.0)
        c = (int)floor(A) + 1;           /* stability: c > A */
    if (c > max_c)
        return -1;
    if (t->max_utilization > 0.0) {
        double need = ceil(A / t->max_utilization - ORG_CEIL_EPS);
        if (need > (double)max_c)
            return -1;
        if ((int)need > c)
            c = (int)need;
    }
    if (t->ticket_wait_p85_days > 0.0) {
        int n = sim_mmc_servers_for_service_level(lambda, mu, t->ticket_wait_p85_days, P85, max_c);
        if (n < 0)
            return -1;
        if (n > c)
            c = n;
    }
    if (t->service_level_share > 0.0) {
        int n = sim_mmc_servers_for_service_level(lambda, mu, t->service_level_days, t->service_level_share, max_c);
        if (n < 0)
            return -1;
        if (n > c)
            c = n;
    }
    return c;
}

double org_staff_share_within(const double *sorted, size_t n, double t)
{
    if (n == 0)
        return (double)NAN;
    /* upper bound: first index with value > t */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= t + ORG_TIE_EPS)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (double)lo / (double)n;
}

/* ---- one candidate's replications ---------------------------------------------- */

static org_summary summarise(double *v, int n)
{
    org_summary su = { NAN, NAN, NAN, 0 };
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(v[i]))
            v[k++] = v[i];
    return k == 0 ? su : org_summarise(v, k);
}

static int meets_central(const org_targets *t, const org_staff_eval *e)
{
    int ok = 1;
    if (t->ticket_wait_p85_days > 0.0 && !isnan(e->wait_p85.mean))
        ok &= e->wait_p85.mean <= t->ticket_wait_p85_days + ORG_TIE_EPS;
    if (t->max_utilization > 0.0 && !isnan(e->util_central.mean))
        ok &= e->util_central.mean <= t->max_utilization + ORG_TIE_EPS;
    if (t->service_level_share > 0.0 && !isnan(e->service_level.mean))
        ok &= e->service_level.mean >= t->service_level_share - ORG_TIE_EPS;
    return ok;
}

static int meets_product(const org_targets *t, const org_staff_eval *e)
{
    if (!(t->lead_time_p85_days > 0.0))
        return 1;
    if (isnan(e->lead_p85.mean) || e->lead_p85.mean > t->lead_time_p85_days + ORG_TIE_EPS)
        return 0;
    double all = e->features_done + e->features_unfinished;
    return !(all > 0.0) || e->features_unfinished / all <= UNFINISHED_MAX;
}

/* Reduces reps replications of one candidate into e. */
static void reduce_eval(const org_scenario *s, const org_rep *runs, int reps, org_staff_eval *e, double *buf)
{
    const org_targets *t = &s->targets;
#define SUMMARY(field, expr) do { for (int r = 0; r < reps; r++) { const org_rep *R = &runs[r]; buf[r] = (expr); } \
                                  e->field = summarise(buf, reps); } while (0)
    SUMMARY(wait_p85, R->values[ORG_M_TICKET_WAIT_P85]);
    SUMMARY(util_central, R->values[ORG_M_UTIL_CENTRAL]);
    SUMMARY(service_level, t->service_level_share > 0.0
            ? org_staff_share_within(R->ticket_waits, R->n_waits, t->service_level_days) : (double)NAN);
    SUMMARY(lead_p85, R->values[ORG_M_LEAD_P85]);
    SUMMARY(util_product, R->values[ORG_M_UTIL_PRODUCT]);
#undef SUMMARY
    double done = 0.0, unf = 0.0, arr = 0.0, svc = 0.0, pain = 0.0;
    int n_svc = 0, engineers = 0;
    for (int k = 0; k < s->n_teams; k++)
        engineers += s->teams[k].size + e->extra;
    memset(e->nonproduct_fte_by_kind, 0, sizeof e->nonproduct_fte_by_kind);
    for (int r = 0; r < reps; r++) {
        const org_rep *R = &runs[r];
        double d = R->values[ORG_M_FEATURES_DONE], u = R->values[ORG_M_FEATURES_UNFINISHED];
        done += isnan(d) ? 0.0 : d;
        unf += isnan(u) ? 0.0 : u;
        arr += R->central_arrivals_per_day;
        if (!isnan(R->central_service_days)) {
            svc += R->central_service_days;
            n_svc++;
        }
        for (int k = 0; k < ORG_KIND_COUNT; k++)
            e->nonproduct_fte_by_kind[k] += R->nonproduct_fte_by_kind[k] / reps;
        double share = R->values[ORG_M_PRODUCT_NONPRODUCT_SHARE];
        pain += isnan(share) ? 0.0 : share * engineers;
    }
    e->product_nonproduct_fte = pain / reps;
    e->features_done = done / reps;
    e->features_unfinished = unf / reps;
    e->arrivals_per_day = arr / reps;
    e->service_days = n_svc ? svc / n_svc : (double)NAN;
    e->meets_central = meets_central(t, e);
    e->meets_product = meets_product(t, e);
}

/* ---- where to look first: Erlang C, calibrated on a simulated candidate ---- */

static void central_task_moments(const org_scenario *s, int m, int h, double *per_feature, double *mean, double *scv);

/* M/M/c p-quantile of the wait (days): 0 when P(wait) <= 1 - p. */
static double erlang_wait_quantile(double lambda, double mu, int c, double p)
{
    double slack = (double)c * mu - lambda;
    if (!(slack > 0.0))
        return (double)INFINITY;
    double C = sim_erlang_c(lambda / mu, c);
    return C <= 1.0 - p ? 0.0 : log(C / (1.0 - p)) / slack;
}

/* M/M/c P(wait > t). */
static double erlang_tail(double lambda, double mu, int c, double t)
{
    double slack = (double)c * mu - lambda;
    if (!(slack > 0.0))
        return 1.0;
    return sim_erlang_c(lambda / mu, c) * exp(-slack * t);
}

/* A starting guess for the central size from candidate e: Erlang C with the
 * demand simulated there (template_service_days: the mean service time of
 * feature tasks from the templates, used when e was overloaded), each target scaled by how far the simulation was
 * from Erlang C at e's size (a constant factor on the p85 wait or on the
 * share waiting longer than the service level — as Allen–Cunneen scales
 * waits for variable service). Uncalibrated when e was overloaded or met a
 * target trivially. Only a hint: the bracket and bisection decide. */
static int calibrated_guess(const org_targets *t, const org_staff_eval *e, double template_service_days, int cap)
{
    double lambda = e->arrivals_per_day, S = e->service_days;
    int overloaded = !isnan(e->util_central.mean) && e->util_central.mean > OVERLOADED_UTIL;
    /* At capacity, busy time per arrival understates the service time: take
     * at least the feature tasks' mean from the templates. */
    if (overloaded && template_service_days > 0.0 && !(S >= template_service_days))
        S = template_service_days;
    if (!(lambda > 0.0) || !(S > 0.0))
        return 1;
    double mu = 1.0 / S, A = lambda * S;
    int guess = A >= 1.0 ? (int)floor(A) + 1 : 1;
    if (t->max_utilization > 0.0) {
        double busy = !overloaded && !isnan(e->util_central.mean) ? e->util_central.mean * e->central : A;
        double need = ceil(busy / t->max_utilization - ORG_CEIL_EPS);
        if (need > (double)guess)
            guess = need > (double)cap ? cap : (int)need;
    }
    if (t->ticket_wait_p85_days > 0.0) {
        double r = 1.0, erl = erlang_wait_quantile(lambda, mu, e->central, P85);
        if (!overloaded && erl > ERLANG_NEGLIGIBLE && isfinite(erl) && e->wait_p85.mean > 0.0)
            r = e->wait_p85.mean / erl;
        int c = guess;
        while (c < cap && r * erlang_wait_quantile(lambda, mu, c, P85) > t->ticket_wait_p85_days)
            c++;
        guess = c;
    }
    if (t->service_level_share > 0.0) {
        double r = 1.0, erl = erlang_tail(lambda, mu, e->central, t->service_level_days);
        double meas = 1.0 - e->service_level.mean;
        if (!overloaded && erl > ERLANG_NEGLIGIBLE && erl < 1.0 && meas > 0.0)
            r = meas / erl;
        int c = guess;
        while (c < cap && r * erlang_tail(lambda, mu, c, t->service_level_days) > 1.0 - t->service_level_share + ORG_TIE_EPS)
            c++;
        guess = c;
    }
    return guess;
}

/* How far a candidate is from meeting (<= 0: meets): the largest of the
 * targets' log-ratios (a linear gap for a service level), for interpolating
 * between a failing and a meeting size. */
static double margin(const org_targets *t, const org_staff_eval *e, int product)
{
    double g = -INFINITY;
    if (product) {
        if (isnan(e->lead_p85.mean))
            return (double)NAN;
        return log(fmax(e->lead_p85.mean, MARGIN_FLOOR * t->lead_time_p85_days) / t->lead_time_p85_days);
    }
    if (t->ticket_wait_p85_days > 0.0 && !isnan(e->wait_p85.mean))
        g = fmax(g, log(fmax(e->wait_p85.mean, MARGIN_FLOOR * t->ticket_wait_p85_days) / t->ticket_wait_p85_days));
    if (t->max_utilization > 0.0 && !isnan(e->util_central.mean))
        g = fmax(g, log(fmax(e->util_central.mean, MARGIN_FLOOR_UTIL) / t->max_utilization));
    if (t->service_level_share > 0.0 && !isnan(e->service_level.mean))
        g = fmax(g, t->service_level_share - e->service_level.mean);
    return isinf(g) ? (double)NAN : g;
}

/* ---- one model × hosting point ----------------------------------------------------- */

enum phase { PH_PROBE, PH_CENTRAL, PH_PRODUCT, PH_FINAL, PH_DONE };

typedef struct cell_state {
    int phase;
    int probe_c;
    int central_idx, final_idx;     /* indices into evals, -1 none */
    int central_base;               /* the central size before enablement and floors */
    size_t cap_alloc;               /* of the cell's evals */
    int calib_left;                 /* calibrated Erlang C hints still to give */
    int interp_left;                /* interpolation hints still to give */
    int secant_width[2];            /* the central bracket's width at the last two secants between usable
                                     * ends, newest first (0: none since the last bisection) */
    int secant_next_to_end;         /* the last of them proposed a size next to a bracket end */
    int out_of_reach;               /* product search stopped early: the largest extra tried, else -1 */
    org_staff_search q;
} cell_state;

static int has_central_targets(const org_targets *t)
{
    return t->ticket_wait_p85_days > 0.0 || t->max_utilization > 0.0 || t->service_level_share > 0.0;
}

static int find_eval(const org_staff_cell *c, int central, int extra)
{
    for (int i = 0; i < c->n_evals; i++)
        if (c->evals[i].central == central && c->evals[i].extra == extra)
            return i;
    return -1;
}

static int min_team_size(const org_scenario *s)
{
    int mn = s->n_teams ? s->teams[0].size : 1;
    for (int i = 1; i < s->n_teams; i++)
        if (s->teams[i].size < mn)
            mn = s->teams[i].size;
    return mn;
}

static int max_team_size(const org_scenario *s)
{
    int mx = 1;
    for (int i = 0; i < s->n_teams; i++)
        if (s->teams[i].size > mx)
            mx = s->teams[i].size;
    return mx;
}

static void note_add(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note_add(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 2 >= size)
        return;
    if (len) {
        buf[len++] = ' ';
        buf[len] = '\0';
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

/* Moments of the service time of feature tasks the central team gets at
 * (m, h), from the templates: tickets per feature, mean, and squared
 * coefficient of variation (ticket overhead included as a constant). */
static void central_task_moments(const org_scenario *s, int m, int h, double *per_feature, double *mean, double *scv)
{
    const org_model *M = &s->models[m];
    const org_hosting *H = &s->hostings[h];
    double wsum = 0.0, n = 0.0, m1 = 0.0, m2 = 0.0;
    for (int i = 0; i < s->n_templates; i++)
        wsum += s->templates[i].weight;
    for (int i = 0; i < s->n_templates && wsum > 0.0; i++) {
        const org_template *T = &s->templates[i];
        double w = T->weight / wsum;
        for (int j = 0; j < T->n_tasks; j++) {
            int k = (int)T->tasks[j].kind;
            if (k < 0 || k >= ORG_TASK_KINDS || M->route[k].executor != ORG_EXEC_CENTRAL || !H->exists[k])
                continue;
            double p = T->tasks[j].probability * H->volume[k];
            if (p > 1.0)
                p = 1.0;
            double f = H->effort[k] * M->effort_factor[k];
            double mu = f * sim_dist_mean(&T->tasks[j].effort_days);
            double var = f * f * sim_dist_variance(&T->tasks[j].effort_days);
            double ov = M->ticket_handling_days + M->context_switch_days;
            n += w * p;
            m1 += w * p * (mu + ov);
            m2 += w * p * (var + (mu + ov) * (mu + ov));
        }
    }
    *per_feature = n;
    if (n > 0.0) {
        *mean = m1 / n;
        *scv = (m2 / n) / (*mean * *mean) - 1.0;
    } else {
        *mean = *scv = (double)NAN;
    }
}

/* Why simulation and Erlang C differ: the mechanisms present at (m, h),
 * as one paragraph: "The simulation needs N more than Erlang C …: a; b; c." */
static void explain_gap(const org_scenario *s, org_staff_cell *c)
{
    c->erlang_note[0] = '\0';
    if (c->erlang_headcount < 0 || c->central_required < 0 || !c->central_targets || !c->central_work)
        return;
    int gap = c->central_required - c->erlang_headcount;
    if (gap >= -1 && gap <= 1)
        return;
    const org_model *M = &s->models[c->m];
    const org_hosting *H = &s->hostings[c->h];
    double per_feature, mean, scv;
    central_task_moments(s, c->m, c->h, &per_feature, &mean, &scv);
    int ticket = 0, deploy_central = M->route[ORG_KIND_DEPLOY].executor == ORG_EXEC_CENTRAL && H->exists[ORG_KIND_DEPLOY];
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        if (M->route[k].executor == ORG_EXEC_CENTRAL && M->route[k].channel == ORG_CHANNEL_TICKET && H->exists[k])
            ticket = 1;
    int central_incidents = M->incident_first_response == ORG_EXEC_CENTRAL && H->incidents_per_service_week > 0.0;
    char r[8][200];
    int n = 0;
    if (gap > 0) {
        if (!isnan(scv) && scv > SCV_BURSTY)
            snprintf(r[n++], sizeof r[0], "service times are heavy-tailed (CV² ≈ %.1f against 1): waits grow "
                     "about as (1 + CV²)/2 ≈ %.1f× (Allen–Cunneen)", scv, (1.0 + scv) / 2.0);
        if (per_feature > TICKETS_PER_FEATURE_BATCHY)
            snprintf(r[n++], sizeof r[0], "tickets come in batches (a feature opens %.1f on average, most at "
                     "once), burstier than Poisson", per_feature);
        if (deploy_central && M->deploy_mode == ORG_DEPLOY_WINDOW)
            snprintf(r[n++], sizeof r[0], "a release window's deploys reach the queue together");
        if (ticket && M->clarification_prob > 0.0)
            snprintf(r[n++], sizeof r[0], "clarification round trips send tickets back through the queue");
        if (central_incidents)
            snprintf(r[n++], sizeof r[0], "incidents preempt tickets (priority), which Erlang C's single class ignores");
        if (s->knowledge.learning_penalty > 0.0 || s->people.attrition_per_year > 0.0)
            snprintf(r[n++], sizeof r[0], "service time depends on who takes a ticket (learning at low skill), "
                     "and leavers are replaced by novices after a hiring gap");
    } else {
        if (!isnan(scv) && scv < SCV_REGULAR)
            snprintf(r[n++], sizeof r[0], "service times vary less than exponential (CV² ≈ %.1f against 1)", scv);
        if (M->toil_owner == ORG_EXEC_CENTRAL && H->toil_days_per_service_week > 0.0)
            snprintf(r[n++], sizeof r[0], "toil counts in the offered load, but the wait target applies to tickets");
        if (central_incidents)
            snprintf(r[n++], sizeof r[0], "incident work counts in the offered load, but the wait target applies "
                     "to tickets");
        if (s->knowledge.learning_penalty > 0.0)
            snprintf(r[n++], sizeof r[0], "engineers gain skill with practice, so a smaller, busier team serves "
                     "faster than the average service time measured at another size");
    }
    if (n == 0)
        snprintf(r[n++], sizeof r[0], "the simulated queue is not M/M/c (arrival pattern, priorities or service "
                 "times); compare the candidates in staffing.json");
    char *b = c->erlang_note;
    size_t sz = sizeof c->erlang_note;
    snprintf(b, sz, "The simulation needs %d %s than Erlang C (M/M/c: one FIFO class, Poisson arrivals, "
             "exponential service):", gap > 0 ? gap : -gap, gap > 0 ? "more" : "fewer");
    for (int i = 0; i < n; i++) {
        size_t len = strlen(b);
        snprintf(b + len, sz - len, " %s%s", r[i], i + 1 < n ? ";" : ".");
    }
    if (c->central_marginal)
        note_add(b, sz, "The simulated answer is marginal (a target lies inside a 95%% interval at the answer or "
                 "one below): more replications would settle it.");
}

typedef struct staff_ctx {
    const org_scenario *s;
    int reps;
    org_staff_cell *cells;
    cell_state *st;
    int n;
} staff_ctx;

/* The candidate cell i needs next, consuming cached evaluations; 0 when done. */
static int cell_next(staff_ctx *X, int i, int *central, int *extra);

static int push_eval(org_staff_cell *c, cell_state *st, const org_staff_eval *e)
{
    if (util_grow(&c->evals, &st->cap_alloc, (size_t)c->n_evals + 1, sizeof *c->evals, 16) != 0)
        return -1;
    c->evals[c->n_evals++] = *e;
    return 0;
}

/* ---- the platform team's size (docs/staffing.md) ------------------------------ */

/* The enablement engineers tried after e: 0, 1, 2, 4, 8, 16, 32, …
 * (doubling: each point costs a product search of the whole organisation;
 * the same grid in every cell, so curves line up); -1 beyond the bound. */
static int platform_next(int e, int bound)
{
    int n = e < 1 ? 1 : 2 * e;
    return n > bound ? -1 : n;
}

/* Points on a curve up to bound (the size of the cell's curve). */
static int platform_points(int bound)
{
    int n = 0;
    for (int e = 0; e >= 0; e = platform_next(e, bound))
        n++;
    return n;
}

/* The central team's size with c->enablement_added on top of base, raised to
 * the on-call floor when it holds a rotation (org_rotation.h: the rule the
 * run simulates). */
static void set_central_size(const org_scenario *s, org_staff_cell *c, int base)
{
    int floor_size = org_rotation_min_size(s);
    c->central_size = base + c->enablement_added;
    c->oncall_central_floor = 0;
    if (c->central_size < floor_size
        && org_rotation_holds(s, &s->models[c->m], NULL, c->h, s->n_teams, c->central_size > 0)) {
        c->central_size = floor_size;
        c->oncall_central_floor = 1;
    }
}

static void note_floor(const org_scenario *s, org_staff_cell *c, int base)
{
    if (c->oncall_central_floor)
        note_add(c->note, sizeof c->note, "The %s on-call rotation raises the %s from %d to %d.",
                 org_cover_names[s->oncall.cover], s->models[c->m].central_name, base + c->enablement_added,
                 org_rotation_min_size(s));
}

/* The most enablement engineers worth trying: enablement cuts the product
 * teams' non-product work, so engineers costing more than all of it
 * (measured by e0: the required size, no enablement engineers, the
 * scenario's product teams) cannot pay for themselves; never more than
 * targets.platform_search_max (0 without e0). */
static void platform_bound(const org_scenario *s, org_staff_cell *c, const org_staff_eval *e0)
{
    const org_costs *k = &s->costs;
    int bound = e0 ? s->targets.platform_search_max : 0;
    c->platform_pain_fte = e0 ? e0->product_nonproduct_fte : (double)NAN;
    if (e0 && k->central_engineer_per_year > 0.0) {
        double repaid = floor(e0->product_nonproduct_fte * k->product_engineer_per_year / k->central_engineer_per_year
                              + ORG_CEIL_EPS);
        if (repaid < (double)bound)
            bound = repaid > 0.0 ? (int)repaid : 0;
    }
    c->platform_bound = bound;
    c->n_platform = 0;
}

/* The product search for the lead-time target with the central team at its
 * current size, from hint. */
static void start_product(const org_scenario *s, org_staff_cell *c, cell_state *st, int hint)
{
    int lo = 1 - min_team_size(s);
    int hi = 2 * max_team_size(s);
    if (hi < 8)
        hi = 8;
    org_staff_search_init(&st->q, lo, hi);
    org_staff_search_hint(&st->q, hint < lo ? lo : hint > hi ? hi : hint);
    st->calib_left = 0;
    st->interp_left = 2;
    st->out_of_reach = INT_MIN;
    c->product_searched = 1;
    st->phase = PH_PRODUCT;
}

/* Headcount and cost of the organisation with c's current sizes. */
static void cell_cost(const org_scenario *s, org_staff_cell *c)
{
    const org_model *M = &s->models[c->m];
    int product = 0, added = 0, floor_size = org_rotation_min_size(s);
    int staffed = c->central_size > 0;
    int rotations = org_rotation_holds(s, M, NULL, c->h, s->n_teams, staffed);
    /* Product teams' rotations, a pool of teams each (org_rotation.h): one
     * that holds is raised to the floor as a whole. */
    for (int p = 0; p < s->n_teams; p = org_rotation_pool_end(s, p)) {
        int people = 0, held = 0;
        for (int k = p; k < org_rotation_pool_end(s, p); k++) {
            int size = s->teams[k].size + c->product_extra;
            product += size;
            people += size;
            held |= size > 0 && org_rotation_holds(s, M, NULL, c->h, k, staffed);
        }
        if (held) {
            rotations++;
            if (people < floor_size)
                added += floor_size - people;
        }
    }
    c->oncall_rotations = rotations;
    c->oncall_product_added = added;
    c->product_headcount = product + added;
    c->total_headcount = c->product_headcount + c->central_size;
    c->cost_product = c->product_headcount * s->costs.product_engineer_per_year;
    c->cost_central = c->central_size * s->costs.central_engineer_per_year;
    c->cost_hosting = s->hostings[c->h].hosting_cost_per_service_month * ORG_MONTHS_PER_YEAR * s->n_services;
    c->cost_oncall = org_rotation_standby_per_year(s, rotations);
    c->cost_per_year = c->cost_product + c->cost_central + c->cost_hosting + c->cost_oncall;
}

/* Records the finished product search as a point of the curve. 1 when the
 * next point's product search has started; 0 when the curve is complete and
 * c holds the cheapest point (the smallest platform team on a tie). */
static int platform_point(const org_scenario *s, org_staff_cell *c, cell_state *st)
{
    int base = st->central_base;
    if (c->n_platform == 0) {
        int k0 = find_eval(c, c->central_size, 0);  /* the product search's first candidate */
        platform_bound(s, c, k0 >= 0 ? &c->evals[k0] : NULL);
    }
    org_staff_platform_point *p = &c->platform[c->n_platform++];
    cell_cost(s, c);
    p->enablement = c->enablement_added;
    p->central = c->central_size;
    p->product_extra = c->product_extra;
    p->reachable = c->product_reachable;
    p->marginal = c->product_marginal;
    p->product_headcount = c->product_headcount;
    p->total_headcount = c->total_headcount;
    p->cost_per_year = c->product_reachable ? c->cost_per_year : (double)NAN;
    int k = find_eval(c, c->central_size, c->product_extra);
    p->lead_p85 = k >= 0 ? c->evals[k].lead_p85.mean : (double)NAN;
    int next = platform_next(p->enablement, c->platform_bound);
    /* Every product team is resized alike, so a larger platform team is
     * cheaper only if every team sheds an engineer: no point once the
     * product teams' non-product work left here is under one engineer a
     * team, or they are at their smallest size (while the lead-time target
     * is out of reach, enablement may bring it in). */
    double pain = k >= 0 ? c->evals[k].product_nonproduct_fte : (double)NAN;
    p->product_nonproduct_fte = pain;
    int worth = !p->reachable || (pain >= (double)s->n_teams - ORG_TIE_EPS && p->product_extra > st->q.lo_bound);
    if (next >= 0 && c->n_platform < platform_points(c->platform_bound) && worth) {
        c->enablement_added = next;
        set_central_size(s, c, base);
        start_product(s, c, st, p->reachable ? p->product_extra : 0);
        return 1;
    }
    int best = 0;
    for (int i = 1; i < c->n_platform; i++)
        if (c->platform[i].reachable
            && (!c->platform[best].reachable || c->platform[i].cost_per_year < c->platform[best].cost_per_year - ORG_TIE_EPS))
            best = i;
    const org_staff_platform_point *b = &c->platform[best];
    c->platform_best = best;
    c->enablement_added = b->enablement;
    set_central_size(s, c, base);
    c->product_extra = b->product_extra;
    c->product_reachable = b->reachable;
    c->product_marginal = b->marginal;
    note_floor(s, c, base);
    return 0;
}

static void finish_central(staff_ctx *X, int i)
{
    const org_scenario *s = X->s;
    org_staff_cell *c = &X->cells[i];
    cell_state *st = &X->st[i];
    const org_targets *t = &s->targets;
    const org_model *M = &s->models[c->m];
    c->central_evals = c->n_evals;
    if (c->central_targets && c->central_work) {
        c->central_required = org_staff_search_result(&st->q);
        if (c->central_required > st->q.hi_bound)
            c->central_required = -1;
        if (c->central_required < 0)
            note_add(c->note, sizeof c->note, "No central team up to %d engineers meets the targets.", st->q.hi_bound);
    }
    int base = c->central_required < 0 ? st->q.hi_bound : c->central_required;
    st->central_base = base;
    st->central_idx = find_eval(c, base, 0);
    /* marginal: a target inside the 95% interval at the answer or one below */
    if (c->central_targets && c->central_work && c->central_required > 0) {
        for (int d = 0; d <= 1; d++) {
            int k = find_eval(c, c->central_required - d, 0);
            if (k < 0)
                continue;
            const org_staff_eval *e = &c->evals[k];
            if ((t->ticket_wait_p85_days > 0.0 && e->wait_p85.low <= t->ticket_wait_p85_days
                 && e->wait_p85.high >= t->ticket_wait_p85_days)
                || (t->max_utilization > 0.0 && e->util_central.low <= t->max_utilization
                    && e->util_central.high >= t->max_utilization)
                || (t->service_level_share > 0.0 && e->service_level.low <= t->service_level_share
                    && e->service_level.high >= t->service_level_share))
                c->central_marginal = 1;
        }
    }
    c->enablement_added = M->enablement ? t->enablement_engineers : 0;
    c->platform_searched = M->enablement && t->enablement_engineers == 0 && t->platform_search_max > 0
                           && t->lead_time_p85_days > 0.0;
    c->platform_best = -1;
    set_central_size(s, c, base);
    if (!c->platform_searched)
        note_floor(s, c, base);
    /* Erlang C from the demand simulated at the required size. */
    c->erlang_headcount = -1;
    c->erlang_lambda_per_day = c->erlang_service_days = c->erlang_load = (double)NAN;
    if (st->central_idx >= 0) {
        const org_staff_eval *e = &c->evals[st->central_idx];
        c->erlang_lambda_per_day = e->arrivals_per_day;
        c->erlang_service_days = e->service_days;
        c->erlang_load = e->arrivals_per_day * (isnan(e->service_days) ? 0.0 : e->service_days);
        if (c->central_targets)
            c->erlang_headcount = org_staff_erlang_headcount(e->arrivals_per_day, e->service_days, t,
                                                             4 * st->q.hi_bound + 1000);
    } else if (!c->central_work) {
        c->erlang_lambda_per_day = c->erlang_load = 0.0;
        c->erlang_headcount = c->central_targets ? 0 : -1;
    }
    explain_gap(s, c);
    if (t->lead_time_p85_days > 0.0) {
        start_product(s, c, st, 0);
    } else {
        c->product_extra = 0;
        c->product_reachable = 1;
        st->phase = PH_FINAL;
    }
}

static void finish_product(staff_ctx *X, int i)
{
    const org_scenario *s = X->s;
    org_staff_cell *c = &X->cells[i];
    cell_state *st = &X->st[i];
    int r = org_staff_search_result(&st->q);
    c->product_marginal = 0;
    if (r > st->q.hi_bound) {
        c->product_reachable = 0;
        c->product_extra = st->out_of_reach != INT_MIN ? st->out_of_reach : st->q.hi_bound;
    } else {
        c->product_reachable = 1;
        c->product_extra = r;
        for (int d = 0; d <= 1; d++) {
            int k = find_eval(c, c->central_size, r - d);
            if (k < 0)
                continue;
            const org_staff_eval *e = &c->evals[k];
            double T = s->targets.lead_time_p85_days;
            if (e->lead_p85.low <= T && e->lead_p85.high >= T)
                c->product_marginal = 1;
        }
    }
    if (c->platform_searched) {
        int more = platform_point(s, c, st);
        if (more)
            return;                     /* the next point's product search has started */
    }
    if (!c->product_reachable && st->out_of_reach != INT_MIN)
        note_add(c->note, sizeof c->note, "The lead-time target (p85 ≤ %g days) is out of reach by adding product "
                 "engineers: even falling as fast as its last two candidates allow, the p85 would still be above it "
                 "with %d more engineers in every team (search stopped at %+d; docs/staffing.md).",
                 s->targets.lead_time_p85_days, st->q.hi_bound, st->out_of_reach);
    else if (!c->product_reachable)
        note_add(c->note, sizeof c->note, "The lead-time target (p85 ≤ %g days) is not reached even with %d more "
                 "engineers in every product team.", s->targets.lead_time_p85_days, st->q.hi_bound);
    st->phase = PH_FINAL;
}

static void finish_cell(staff_ctx *X, int i)
{
    const org_scenario *s = X->s;
    org_staff_cell *c = &X->cells[i];
    cell_state *st = &X->st[i];
    const org_model *M = &s->models[c->m];
    st->final_idx = find_eval(c, c->central_size, c->product_extra);
    if (st->final_idx >= 0 && c->central_targets && c->central_required > 0 && c->product_extra != 0
        && !c->evals[st->final_idx].meets_central)
        note_add(c->note, sizeof c->note, "With the product teams resized, the %s just misses its targets "
                 "(it was sized with the scenario's product teams; see the candidates).", M->central_name);
    /* what the same design costs at the scenario's sizes: the comparison a
     * CFO asks for first (cell_cost is a function of the sizes alone) */
    org_staff_cell *today = malloc(sizeof *today);
    c->cost_today_per_year = (double)NAN;
    if (today) {
        *today = *c;
        today->central_size = s->central_size;
        today->product_extra = 0;
        cell_cost(s, today);
        c->cost_today_per_year = today->cost_per_year;
        free(today);
    }
    cell_cost(s, c);
    if (c->oncall_product_added && s->oncall.product_teams_per_rotation > 1)
        note_add(c->note, sizeof c->note, "Product teams respond to incidents first, and every %d teams share a %s "
                 "rotation: %d engineers added to rotations smaller than %d (counted in the headcount and cost; "
                 "not simulated, they would only shorten lead times).", s->oncall.product_teams_per_rotation,
                 org_cover_names[s->oncall.cover], c->oncall_product_added, org_rotation_min_size(s));
    else if (c->oncall_product_added)
        note_add(c->note, sizeof c->note, "Product teams respond to incidents first, so each is its own %s "
                 "rotation: %d engineers added to teams smaller than %d (counted in the headcount and cost; "
                 "not simulated, they would only shorten lead times).", org_cover_names[s->oncall.cover],
                 c->oncall_product_added, org_rotation_min_size(s));
    c->features_per_year = (double)NAN;
    c->cost_per_feature = (double)NAN;
    if (st->final_idx >= 0 && s->run.measure_days > 0.0) {
        c->features_per_year = c->evals[st->final_idx].features_done / s->run.measure_days * ORG_DAYS_PER_YEAR;
        if (c->features_per_year > 0.0)
            c->cost_per_feature = c->cost_per_year / c->features_per_year;
    }
    st->phase = PH_DONE;
}

/* The product search's early stop (docs/staffing.md, "Stopping early"):
 * while it still brackets upwards, take the two largest extras tried, a < b,
 * neither meeting the lead-time target. Lead time falls ever more slowly
 * as engineers are added (convex: diminishing returns), so the steepest fall
 * both 95% intervals allow, continued in a straight line from b to the
 * search's bound, is an optimistic forecast. If even that stays above the
 * target, no larger team reaches it: the search ends as unreachable without
 * simulating the largest (dearest) candidates. */
int org_staff_out_of_reach(double target, int a, org_summary La, int b, org_summary Lb, int bound)
{
    if (!(target > 0.0) || b <= a || b >= bound)
        return 0;
    if (!isfinite(La.high) || !isfinite(Lb.low) || !(Lb.low > target))
        return 0;
    double slope = (La.high - Lb.low) / (double)(b - a);   /* days per engineer, falling */
    if (slope < 0.0)
        slope = 0.0;
    return Lb.low - slope * (double)(bound - b) > target;
}

static void product_stop_early(const org_scenario *s, org_staff_cell *c, cell_state *st)
{
    org_staff_search *q = &st->q;
    if (q->dir <= 0 || q->hi <= q->hi_bound || q->lo < q->lo_bound)
        return;                         /* not bracketing upwards from a failed candidate */
    int b = q->lo, a = INT_MIN, kb = find_eval(c, c->central_size, b), ka = -1;
    for (int k = 0; k < c->n_evals; k++) {
        const org_staff_eval *e = &c->evals[k];
        if (e->central == c->central_size && e->extra < b && e->extra > a && !e->meets_product) {
            a = e->extra;
            ka = k;
        }
    }
    if (kb < 0 || ka < 0)
        return;
    if (org_staff_out_of_reach(s->targets.lead_time_p85_days, a, c->evals[ka].lead_p85, b, c->evals[kb].lead_p85,
                               q->hi_bound)) {
        st->out_of_reach = b;
        q->lo = q->hi_bound;            /* next() is done; result() = hi_bound + 1: unreachable */
        q->hi = q->hi_bound + 1;
        q->has_hint = 0;
    }
}

/* A central candidate whose team was at capacity (utilisation above
 * OVERLOADED_UTIL) says nothing about the shape of the targets' curves: its
 * backlog grows through the run, so its wait measures the run's length. */
static int central_shape_usable(const org_staff_eval *e)
{
    return !isnan(e->util_central.mean) && e->util_central.mean <= OVERLOADED_UTIL;
}

/* The size where a measure m, falling as a power of the team size (a straight
 * line in log m against log c through (ca, ma) and (cb, mb)), reaches target:
 * NAN when it does not fall between the two. Measures are floored at
 * floor_value (> 0) as in margin(). */
static double power_root(double ca, double ma, double cb, double mb, double target, double floor_value)
{
    ma = fmax(ma, floor_value);
    mb = fmax(mb, floor_value);
    if (!(ca > 0.0) || !(cb > 0.0) || ca == cb || !isfinite(ma) || !isfinite(mb))
        return (double)NAN;
    double beta = (log(ma) - log(mb)) / (log(ca) - log(cb));
    if (!(beta < 0.0))
        return (double)NAN;
    return exp(log(cb) + (log(target) - log(mb)) / beta);
}

/* Where the central targets are met, from two candidates a and b (neither at
 * capacity), each target's measure taken as a power of the team size (the
 * p85 wait, the utilisation — busy time over c, exactly a power -1 when the
 * busy time does not change —, the share of tickets waiting longer than
 * the service level): the largest of the targets' sizes. NAN when a target
 * not met at both cannot be placed (its measure does not fall with c). */
static double central_secant(const org_targets *t, const org_staff_eval *a, const org_staff_eval *b)
{
    double need = -INFINITY, ca = a->central, cb = b->central;
    struct { int on; double ma, mb, target, floor_value; } m[3] = {
        { t->ticket_wait_p85_days > 0.0, a->wait_p85.mean, b->wait_p85.mean, t->ticket_wait_p85_days,
          MARGIN_FLOOR * t->ticket_wait_p85_days },
        { t->max_utilization > 0.0, a->util_central.mean, b->util_central.mean, t->max_utilization, MARGIN_FLOOR_UTIL },
        { t->service_level_share > 0.0, 1.0 - a->service_level.mean, 1.0 - b->service_level.mean,
          1.0 - t->service_level_share, MARGIN_FLOOR * (1.0 - t->service_level_share) },
    };
    for (int k = 0; k < 3; k++) {
        if (!m[k].on || isnan(m[k].ma) || isnan(m[k].mb))
            continue;
        double x = power_root(ca, m[k].ma, cb, m[k].mb, m[k].target, m[k].floor_value);
        if (isnan(x)) {
            if (fmax(m[k].ma, m[k].mb) <= m[k].target + ORG_TIE_EPS)
                continue;               /* met at both: it does not bind here */
            return (double)NAN;
        }
        need = fmax(need, x);
    }
    return isinf(need) ? (double)NAN : need;
}

/* The central size proposed by the secant: between the bracket's ends
 * when neither was at capacity, else from the two smallest usable meeting
 * sizes (or the two largest usable failing ones) beyond the end that was.
 * NAN when there are no two such candidates. */
static double central_secant_guess(const org_staff_cell *c, const org_staff_search *q, const org_targets *t)
{
    int ka = q->lo >= q->lo_bound ? find_eval(c, q->lo, 0) : -1;
    int kb = q->hi <= q->hi_bound ? find_eval(c, q->hi, 0) : -1;
    if (ka >= 0 && !central_shape_usable(&c->evals[ka]))
        ka = -1;
    if (kb >= 0 && !central_shape_usable(&c->evals[kb]))
        kb = -1;
    if (ka < 0 && kb < 0)
        return (double)NAN;
    if (ka < 0 || kb < 0) {             /* the nearest other usable candidate on the same side */
        int end = ka >= 0 ? q->lo : q->hi, best = -1;
        for (int k = 0; k < c->n_evals; k++) {
            const org_staff_eval *e = &c->evals[k];
            if (e->extra != 0 || e->central == end || !central_shape_usable(e))
                continue;
            if (ka >= 0 ? e->central < end && (best < 0 || e->central > c->evals[best].central)
                        : e->central > end && (best < 0 || e->central < c->evals[best].central))
                best = k;
        }
        if (best < 0)
            return (double)NAN;
        if (ka >= 0)
            kb = best;
        else
            ka = best;
    }
    return central_secant(t, &c->evals[ka], &c->evals[kb]);
}

/* Both ends of the central bracket usable (neither at capacity): the next
 * size is where the power-law secant through them meets the targets (its
 * root lies between them) — a regula falsi in log(measure) against log(c).
 * It stalls when one end stays put, so when the last two secants have not
 * together halved the bracket the next size is a bisection — unless the
 * secant proposes the size next to an end for the first time in a row: that
 * candidate closes the bracket when the secant was right. 1 with a hint
 * given; 0 when the secant cannot be drawn (a target failing at both ends
 * whose measure does not fall). */
static int central_bracket_secant(const org_staff_cell *c, cell_state *st, const org_targets *t)
{
    org_staff_search *q = &st->q;
    int w = q->hi - q->lo;
    double x = central_secant(t, &c->evals[find_eval(c, q->lo, 0)], &c->evals[find_eval(c, q->hi, 0)]);
    if (isnan(x))
        return 0;
    int h = x >= (double)q->hi ? q->hi - 1 : (int)ceil(x - ORG_CEIL_EPS);
    if (h <= q->lo)
        h = q->lo + 1;
    if (h >= q->hi)
        h = q->hi - 1;
    int next_to_end = h == q->lo + 1 || h == q->hi - 1;
    if ((!next_to_end || st->secant_next_to_end) && st->secant_width[1] > 0 && 2 * w > st->secant_width[1]) {
        h = q->lo + w / 2;              /* bisection: the secant stalls on one side */
        st->secant_width[0] = st->secant_width[1] = 0;
        st->secant_next_to_end = 0;
    } else {
        st->secant_width[1] = st->secant_width[0];
        st->secant_width[0] = w;
        st->secant_next_to_end = next_to_end;
    }
    org_staff_search_hint(q, h);
    return 1;
}

/* The least size worth trying after a central size e at capacity (0 if e
 * was not): its team was busy all the time, so its busy time is at least
 * util x size and the utilisation target needs at least that over
 * max_utilization. Without such a target (or if it does not reach past the
 * size), at least double. Where to look only, capped at cap. */
static int capacity_floor(const org_targets *t, const org_staff_eval *e, int cap)
{
    if (isnan(e->util_central.mean) || !(e->util_central.mean > OVERLOADED_UTIL))
        return 0;
    double need = t->max_utilization > 0.0
                  ? ceil(e->util_central.mean * e->central / t->max_utilization - ORG_CEIL_EPS) : 0.0;
    if (!(need > (double)e->central))
        need = 2.0 * e->central;
    return need > (double)cap ? cap : (int)need;
}

/* After a reported candidate: where to look next. While one side is open,
 * a calibrated Erlang C guess (central team, once). Once bracketed: for the
 * central team, the size the power-law secant of the targets' measures
 * gives (central_secant_guess; a bracket end at capacity is replaced by the
 * calibrated guess from the other, once, or by a second candidate beyond
 * the other end); for the product teams, or where the secant cannot be
 * drawn, the size where the margin interpolates to 0 between the
 * bracket's ends. Twice at most, so the worst case stays bisection. While
 * only failing central sizes are known and the calibrated guess is spent,
 * the power-law secant continued through the two largest usable failing
 * sizes (counted against the same two). Once both ends of the central
 * bracket are usable, the secant through them is not counted: it is taken
 * as long as it closes the bracket fast (central_bracket_secant). */
static void next_hint_rule(staff_ctx *X, int i, int product, const org_staff_eval *e)
{
    org_staff_cell *c = &X->cells[i];
    cell_state *st = &X->st[i];
    org_staff_search *q = &st->q;
    const org_targets *t = &X->s->targets;
    if (q->has_hint && q->hint > q->lo && q->hint < q->hi)
        return;
    int bracketed = q->lo >= q->lo_bound && q->hi <= q->hi_bound;
    int klo = bracketed && !product ? find_eval(c, q->lo, 0) : -1;
    int khi = bracketed && !product ? find_eval(c, q->hi, 0) : -1;
    if (klo >= 0 && khi >= 0 && st->calib_left > 0 && central_shape_usable(e)
        && (!central_shape_usable(&c->evals[klo]) || !central_shape_usable(&c->evals[khi]))) {
        /* bracketed, but one end was at capacity: calibrate on the newest */
        double nf, mean, scv;
        central_task_moments(X->s, c->m, c->h, &nf, &mean, &scv);
        int h = calibrated_guess(t, e, mean, q->hi_bound);
        st->calib_left--;
        if (h > q->lo && h < q->hi) {
            org_staff_search_hint(q, h);
            return;
        }
    }
    if (klo >= 0 && khi >= 0 && q->hi - q->lo > 2 && central_shape_usable(&c->evals[klo])
        && central_shape_usable(&c->evals[khi]) && central_bracket_secant(c, st, t))
        return;
    if (bracketed && q->hi - q->lo > 2 && st->interp_left > 0) {
        double x = product ? (double)NAN : central_secant_guess(c, q, t);
        if (isnan(x)) {
            int a = product ? find_eval(c, c->central_size, q->lo) : find_eval(c, q->lo, 0);
            int b = product ? find_eval(c, c->central_size, q->hi) : find_eval(c, q->hi, 0);
            if (a < 0 || b < 0)
                return;
            double ga = margin(t, &c->evals[a], product), gb = margin(t, &c->evals[b], product);
            if (!isfinite(ga) || !isfinite(gb) || !(ga > gb))
                return;
            x = q->lo + ga / (ga - gb) * (q->hi - q->lo);
        }
        int h = x >= (double)q->hi ? q->hi - 1 : (int)ceil(x - ORG_CEIL_EPS);
        if (h <= q->lo)
            h = q->lo + 1;
        if (h >= q->hi)
            h = q->hi - 1;
        org_staff_search_hint(q, h);
        st->interp_left--;
    } else if (!bracketed && !product && st->calib_left > 0) {
        double nf, mean, scv;
        central_task_moments(X->s, c->m, c->h, &nf, &mean, &scv);
        org_staff_search_hint(q, calibrated_guess(t, e, mean, q->hi_bound));
        st->calib_left--;
    } else if (!bracketed && !product && q->lo >= q->lo_bound && st->interp_left > 0) {
        /* only failing sizes so far, the calibrated guess spent: continue the
         * power laws through the two largest usable failing sizes beyond them */
        int ka = -1, kb = -1;
        for (int k = 0; k < c->n_evals; k++) {
            const org_staff_eval *f = &c->evals[k];
            if (f->extra != 0 || f->meets_central || f->central > q->lo || !central_shape_usable(f))
                continue;
            if (kb < 0 || f->central > c->evals[kb].central) {
                ka = kb;
                kb = k;
            } else if (ka < 0 || f->central > c->evals[ka].central) {
                ka = k;
            }
        }
        if (ka < 0 || kb < 0)
            return;
        double x = central_secant(t, &c->evals[ka], &c->evals[kb]);
        if (!(x > (double)q->lo))
            return;
        int h = x >= (double)q->hi_bound ? q->hi_bound : (int)ceil(x - ORG_CEIL_EPS);
        if (h <= q->lo)
            h = q->lo + 1;
        org_staff_search_hint(q, h);
        st->interp_left--;
    }
}

/* next_hint_rule, then: while only failing central sizes are known and the
 * newest (largest) was at capacity, the next size (hint or step up) is at
 * least capacity_floor of it. */
static void next_hint(staff_ctx *X, int i, int product, const org_staff_eval *e)
{
    org_staff_search *q = &X->st[i].q;
    next_hint_rule(X, i, product, e);
    if (product || e->extra != 0 || e->meets_central || e->central != q->lo || q->hi <= q->hi_bound)
        return;
    int need = capacity_floor(&X->s->targets, e, q->hi_bound), n;
    if (need > q->lo && org_staff_search_next(q, &n) && n > q->lo && n < need)
        org_staff_search_hint(q, need);
}

static int cell_next(staff_ctx *X, int i, int *central, int *extra)
{
    const org_scenario *s = X->s;
    org_staff_cell *c = &X->cells[i];
    cell_state *st = &X->st[i];
    for (;;) {
        int want_c = -1, want_x = 0;
        switch (st->phase) {
        case PH_PROBE:
            want_c = st->probe_c;
            break;
        case PH_CENTRAL: {
            int n;
            if (!org_staff_search_next(&st->q, &n)) {
                finish_central(X, i);
                continue;
            }
            want_c = n;
            break;
        }
        case PH_PRODUCT: {
            int n;
            if (!org_staff_search_next(&st->q, &n)) {
                finish_product(X, i);
                continue;
            }
            want_c = c->central_size;
            want_x = n;
            break;
        }
        case PH_FINAL:
            want_c = c->central_size;
            want_x = c->product_extra;
            break;
        default:
            return 0;
        }
        int k = find_eval(c, want_c, want_x);
        if (k < 0) {
            *central = want_c;
            *extra = want_x;
            return 1;
        }
        /* cached: feed it and go on */
        const org_staff_eval *e = &c->evals[k];
        switch (st->phase) {
        case PH_PROBE: {
            const org_targets *t = &s->targets;
            c->central_work = e->arrivals_per_day > 0.0;
            c->central_targets = has_central_targets(t);
            if (!c->central_work) {
                c->central_required = 0;
                finish_central(X, i);
            } else if (!c->central_targets) {
                c->central_required = s->central_size;
                note_add(c->note, sizeof c->note, "No central target (ticket_wait_p85_days, max_utilization or "
                         "service_level_share): the central team keeps the scenario's size.");
                finish_central(X, i);
            } else {
                double A = e->arrivals_per_day * (isnan(e->service_days) ? 0.0 : e->service_days);
                int cap = (int)fmin(STAFF_CAP_MAX, fmax(STAFF_CAP_MIN, fmax(8.0 * st->probe_c, 4.0 * ceil(A) + 16.0)));
                org_staff_search_init(&st->q, 1, cap);
                org_staff_search_report(&st->q, st->probe_c, e->meets_central);
                double nf, mean, scv;
                central_task_moments(s, c->m, c->h, &nf, &mean, &scv);
                int guess = calibrated_guess(t, e, mean, cap);
                int need = capacity_floor(t, e, cap);
                if (guess < need)
                    guess = need;
                if (guess > cap)
                    guess = cap;
                if (guess >= 1)
                    org_staff_search_hint(&st->q, guess);
                st->calib_left = 1;
                st->interp_left = 2;
                st->phase = PH_CENTRAL;
            }
            break;
        }
        case PH_CENTRAL:
            org_staff_search_report(&st->q, want_c, e->meets_central);
            next_hint(X, i, 0, e);
            break;
        case PH_PRODUCT:
            org_staff_search_report(&st->q, want_x, e->meets_product);
            product_stop_early(s, c, st);
            next_hint(X, i, 1, e);
            break;
        case PH_FINAL:
            finish_cell(X, i);
            break;
        default:
            break;
        }
    }
}

void org_staff_opts_init(org_staff_opts *o)
{
    memset(o, 0, sizeof *o);
}

struct org_staff_state {
    const org_scenario *s;
    org_staff_opts o;
    org_staff_result *out;
    staff_ctx X;
    cell_state *st;
    org_staff_cand *cand;       /* the current round's candidates [n] */
    int n_cand;
    double *buf;                /* reps doubles for reduce_eval */
    double t0;
};

int org_staff_begin(const org_scenario *s, const org_staff_opts *o, org_staff_result *out, org_staff_state **stp)
{
    org_staff_opts defaults;
    if (!o) {
        org_staff_opts_init(&defaults);
        o = &defaults;
    }
    *stp = NULL;
    memset(out, 0, sizeof *out);
    out->s = s;
    out->reps = o->reps > 0 ? o->reps : s->run.replications;
    if (out->reps < 1)
        out->reps = 1;
    out->n_models = s->n_models;
    out->n_hostings = s->n_hostings;
    int n = s->n_models * s->n_hostings, reps = out->reps;
    org_staff_state *st = calloc(1, sizeof *st);
    out->cells = calloc((size_t)(n ? n : 1), sizeof *out->cells);
    if (st) {
        st->st = calloc((size_t)(n ? n : 1), sizeof *st->st);
        st->cand = malloc((size_t)(n ? n : 1) * sizeof *st->cand);
        st->buf = malloc((size_t)reps * sizeof *st->buf);
    }
    if (!st || !out->cells || !st->st || !st->cand || !st->buf) {
        if (st) {
            free(st->st);
            free(st->cand);
            free(st->buf);
            free(st);
        }
        org_staff_destroy(out);
        return -1;
    }
    st->s = s;
    st->o = *o;
    st->out = out;
    st->t0 = omp_get_wtime();
    for (int i = 0; i < n; i++) {
        org_staff_cell *c = &out->cells[i];
        c->m = i / s->n_hostings;
        c->h = i % s->n_hostings;
        c->erlang_headcount = -1;
        st->st[i].phase = PH_PROBE;
        st->st[i].probe_c = s->central_size > 0 ? s->central_size : 1;
        st->st[i].central_idx = st->st[i].final_idx = -1;
        c->platform_best = -1;
        if (s->models[c->m].enablement && s->targets.platform_search_max > 0) {
            c->platform = calloc((size_t)platform_points(s->targets.platform_search_max), sizeof *c->platform);
            if (!c->platform) {
                org_staff_end(st, 0);
                return -1;
            }
        }
    }
    st->X = (staff_ctx){ s, reps, out->cells, st->st, n };
    *stp = st;
    return 0;
}

int org_staff_round(org_staff_state *st, const org_staff_cand **cands)
{
    int n = st->X.n, nr = 0, done_cells = 0;
    for (int i = 0; i < n; i++) {
        int cc, xx;
        if (cell_next(&st->X, i, &cc, &xx)) {
            st->cand[nr].cell = i;
            st->cand[nr].m = st->out->cells[i].m;
            st->cand[nr].h = st->out->cells[i].h;
            st->cand[nr].central = cc;
            st->cand[nr].extra = xx;
            nr++;
        } else {
            done_cells++;
        }
    }
    if (st->o.progress)
        st->o.progress(st->o.ctx, done_cells, n);
    st->n_cand = nr;
    *cands = st->cand;
    return nr;
}

int org_staff_run_job(const org_scenario *s, const org_staff_cand *c, int rep, org_rep *out)
{
    org_sim_opts so;
    org_sim_opts_init(&so);
    so.central_size = c->central;
    so.product_extra = c->extra;
    return org_sim_run(s, c->m, c->h, rep, &so, out);
}

int org_staff_feed(org_staff_state *st, const org_rep *runs)
{
    int reps = st->X.reps;
    st->out->runs += (long)st->n_cand * reps;
    st->out->rounds++;
    for (int k = 0; k < st->n_cand; k++) {
        org_staff_eval e;
        memset(&e, 0, sizeof e);
        e.central = st->cand[k].central;
        e.extra = st->cand[k].extra;
        reduce_eval(st->s, &runs[(size_t)k * (size_t)reps], reps, &e, st->buf);
        if (push_eval(&st->out->cells[st->cand[k].cell], &st->st[st->cand[k].cell], &e) != 0)
            return -1;
    }
    st->n_cand = 0;
    return 0;
}

int org_staff_end(org_staff_state *st, int ok)
{
    if (!st)
        return -1;
    org_staff_result *out = st->out;
    if (ok) {
        for (int i = 0; i < st->X.n; i++) {
            org_staff_cell *c = &out->cells[i];
            c->product_evals = c->n_evals - c->central_evals;
            c->central_eval = st->st[i].central_idx >= 0 ? &c->evals[st->st[i].central_idx] : NULL;
            c->final_eval = st->st[i].final_idx >= 0 ? &c->evals[st->st[i].final_idx] : NULL;
        }
        out->seconds = omp_get_wtime() - st->t0;
    } else {
        org_staff_destroy(out);
    }
    free(st->st);
    free(st->cand);
    free(st->buf);
    free(st);
    return ok ? 0 : -1;
}

int org_staff_run(const org_scenario *s, const org_staff_opts *o, org_staff_result *out)
{
    org_staff_state *st;
    if (org_staff_begin(s, o, out, &st) != 0)
        return -1;
    int jobs = o && o->jobs > 0 ? o->jobs : omp_get_num_procs();
    int reps = out->reps, ok = 1;
    const org_staff_cand *cand;
    int nr;
    while (ok && (nr = org_staff_round(st, &cand)) > 0) {
        long total = (long)nr * reps;
        org_rep *runs = calloc((size_t)total, sizeof *runs);
        if (!runs) {
            ok = 0;
            break;
        }
        int failed = 0;
        /* Each job fills its own slot: results do not depend on the schedule. */
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs) reduction(| : failed)
        for (long j = 0; j < total; j++)
            if (org_staff_run_job(s, &cand[j / reps], (int)(j % reps), &runs[j]) != 0)
                failed |= 1;
        if (failed || org_staff_feed(st, runs) != 0)
            ok = 0;
        for (long j = 0; j < total; j++)
            org_rep_destroy(&runs[j]);
        free(runs);
    }
    return org_staff_end(st, ok);
}

void org_staff_destroy(org_staff_result *r)
{
    if (!r)
        return;
    if (r->cells) {
        for (int i = 0; i < r->n_models * r->n_hostings; i++) {
            free(r->cells[i].evals);
            free(r->cells[i].platform);
        }
        free(r->cells);
    }
    memset(r, 0, sizeof *r);
}
