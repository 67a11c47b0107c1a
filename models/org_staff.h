/* org_staff — the staffing and cost analysis (issue 5, docs/staffing.md): per
 * model × hosting point, the smallest central team meeting the scenario's
 * targets for the work it is asked to do (bracket from an Erlang C guess, then
 * bisection, common random numbers at every candidate), the on-call floor,
 * the product engineers needed for the lead-time target with that central
 * team, the yearly cost and cost per feature, and an Erlang C cross-check.
 * Every candidate's replications run in parallel (OpenMP); results do not
 * depend on the number of threads. */
#ifndef ORG_STAFF_H
#define ORG_STAFF_H

#include "models/org_exp.h"

/* ---- the search rule, independent of simulation (unit-testable) ----------
 * Finds the smallest size in [lo_bound, hi_bound] that "meets", from
 * answers the caller gets by evaluating the sizes next() proposes:
 * steps of 1, 2, 4, … away from the first size or a hint (downwards while
 * sizes meet, upwards while they fail), then bisection. Invariant:
 * every evaluated size is <= lo (and lo fails) or >= hi (and meets), so the
 * answer hi meets, hi - 1 was evaluated and failed (or hi == lo_bound), and
 * every evaluated size above hi meets: monotone by construction, whatever
 * the noise. A size is never proposed twice. */
typedef struct org_staff_search {
    int lo_bound, hi_bound;
    int lo;             /* largest failing size (lo_bound - 1: none yet) */
    int hi;             /* smallest size from which every evaluated one meets (hi_bound + 1: none) */
    int hint, has_hint; /* a size to try next, if has_hint */
    int dir;            /* -1: bracketing downwards, +1: upwards, 0: bisecting */
    int step;           /* the bracket's next step (doubles while the side holds) */
    int evaluations;
} org_staff_search;

void org_staff_search_init(org_staff_search *q, int lo_bound, int hi_bound);
/* Proposes c next (once), when it lies strictly between lo and hi. */
void org_staff_search_hint(org_staff_search *q, int c);
/* 1 with the next size to evaluate in *c, or 0 when the search is over. */
int org_staff_search_next(const org_staff_search *q, int *c);
/* Reports the outcome for a size next() proposed (others are ignored). */
void org_staff_search_report(org_staff_search *q, int c, int meets);
/* The answer once next() returns 0: the smallest meeting size; when no size
 * up to hi_bound meets (unreachable), hi_bound + 1. */
int org_staff_search_result(const org_staff_search *q);

/* Erlang C headcount for the central team's targets: the smallest c with
 * P(wait <= ticket_wait_p85_days) >= 0.85, P(wait <= service_level_days) >=
 * service_level_share and A / c <= max_utilization (each when set), and
 * c > A; lambda in items per day, mean service time in days, A = lambda ×
 * service. 0 when lambda is 0; -1 when none up to max_c. */
int org_staff_erlang_headcount(double lambda_per_day, double service_days, const org_targets *t, int max_c);

/* ---- the analysis ------------------------------------------------------- */

/* One evaluated candidate: replications of one (central size, product extra)
 * with the scenario's seed (common random numbers); means with 95% intervals. */
typedef struct org_staff_eval {
    int central, extra;
    org_summary wait_p85;             /* p85 ticket wait (days) */
    org_summary util_central;         /* requested work only (no enablement) */
    org_summary service_level;        /* share of tickets started within service_level_days */
    org_summary lead_p85;             /* p85 feature lead time (days) */
    org_summary util_product;
    double features_done, features_unfinished;   /* means per replication */
    double arrivals_per_day, service_days;       /* central team: means over replications */
    double nonproduct_fte_by_kind[ORG_KIND_COUNT];
    double product_nonproduct_fte;               /* product teams' non-product work (FTE), mean */
    int meets_central, meets_product;
} org_staff_eval;

/* One point of the platform-size curve (docs/staffing.md, "The platform
 * team's size"): `enablement` engineers on top of the size the requests
 * need, the product teams resized for the lead-time target with that
 * platform team, and what the whole organisation then costs. */
typedef struct org_staff_platform_point {
    int enablement;            /* engineers added for enablement */
    int central;               /* the platform team: required + enablement, raised to the on-call floor */
    int product_extra;         /* per product team, for the lead-time target with this platform team */
    int reachable;             /* 0: the lead-time target is not reached (headcount and cost unknown) */
    int marginal;              /* the product answer is marginal (as org_staff_cell.product_marginal) */
    int product_headcount, total_headcount;
    double cost_per_year;      /* NAN when not reachable */
    double lead_p85;           /* mean p85 lead time (days) at (central, product_extra) */
    double product_nonproduct_fte;  /* the product teams' non-product work there (FTE) */
} org_staff_platform_point;

/* The answer for one model × hosting point. */
typedef struct org_staff_cell {
    int m, h;
    int central_work;          /* 1: work reaches the central team here */
    int central_targets;       /* 1: the scenario gives a central target */
    int central_required;      /* smallest size meeting the central targets for requested work
                                * (the scenario's size without central targets); -1: unreachable */
    int central_marginal;      /* the target lies inside the 95% interval at required or required - 1 */
    int enablement_added;      /* engineers added for enablement: targets.enablement_engineers, or the
                                * platform search's answer (platform_searched) */
    int oncall_central_floor;  /* 1: the on-call floor raised the central team */
    int central_size;          /* final: max(required + enablement, floor) */
    int product_extra;         /* engineers added to (negative: removed from) every product team */
    int product_reachable;     /* 0: lead-time target not met up to the cap */
    int product_marginal;
    int product_searched;      /* 0: no lead-time target (extra = 0) */
    int oncall_product_added;  /* engineers added to product teams smaller than the rotation */
    int oncall_rotations;      /* teams holding an out-of-hours rotation (org_rotation.h) */
    int product_headcount;     /* all product engineers, on-call additions included */
    int total_headcount;
    double cost_product, cost_central, cost_hosting;
    double cost_oncall;        /* the rotations' stand-by allowance (org_rotation_standby_per_year) */
    double cost_per_year;      /* the four above */
    double cost_today_per_year;   /* the same design at the scenario's sizes (central team as given,
                                   * product teams unchanged, raised to the on-call floor as above) */
    double features_per_year, cost_per_feature;
    const org_staff_eval *central_eval;   /* at (central_required, 0) */
    const org_staff_eval *final_eval;     /* at (central_size, product_extra) */
    /* Erlang C cross-check from the demand simulated at central_required. */
    double erlang_lambda_per_day, erlang_service_days, erlang_load;
    int erlang_headcount;                 /* -1: none / not applicable */
    char erlang_note[1024];                /* why simulation and Erlang C differ (empty: within 1) */
    char note[512];                       /* other remarks (no targets, unreachable, floors) */
    int n_evals, central_evals, product_evals;
    org_staff_eval *evals;                /* every candidate, in evaluation order (owned) */
    /* The platform team's size as an answer (a model with enablement, a
     * lead-time target, targets.enablement_engineers 0 and
     * targets.platform_search_max > 0): enablement engineers 0, 1, 2, 4, 8,
     * 16, 32, … up to platform_bound, each with its own product
     * search, while the product teams' non-product work is at least one
     * engineer a team; the cheapest point (the smallest on a tie) is the
     * answer. */
    int platform_searched;
    double platform_pain_fte;             /* product teams' non-product FTE at the required size */
    int platform_bound;                   /* the most enablement engineers tried */
    int n_platform, platform_best;        /* points on the curve; the chosen one (-1: none) */
    org_staff_platform_point *platform;   /* [n_platform], by enablement (owned) */
} org_staff_cell;

typedef struct org_staff_opts {
    int reps;                  /* replications per candidate (<= 0: the scenario's) */
    int jobs;                  /* threads (<= 0: all cores) */
    org_progress_fn progress;  /* before each round: (model × hosting points done, all of them) */
    void *ctx;
} org_staff_opts;

typedef struct org_staff_result {
    const org_scenario *s;     /* not owned */
    int reps, n_models, n_hostings;
    org_staff_cell *cells;     /* [m * n_hostings + h] (owned) */
    long runs;                 /* replications simulated in all */
    int rounds;                /* parallel rounds of candidate evaluations */
    double seconds;            /* wall-clock time of the search */
} org_staff_result;

void org_staff_opts_init(org_staff_opts *o);

/* Runs the whole analysis for every model × hosting point of s (which needs
 * not have targets: without any, the central team keeps the scenario's size
 * and product teams are not resized). Fills *out (release with
 * org_staff_destroy). 0, or -1 when memory ran out (*out owns nothing). */
int org_staff_run(const org_scenario *s, const org_staff_opts *o, org_staff_result *out);
void org_staff_destroy(org_staff_result *r);

/* ---- the same search driven from outside, one round at a time ------------
 * org_staff_run is this loop on OpenMP threads; `devopsim batch` drives it
 * instead, so that the replications of every round are ordinary jobs in its
 * job list (every core, every MPI rank):
 *
 *   org_staff_begin(s, o, &r, &st);
 *   while ((n = org_staff_round(st, &cand)) > 0) {
 *       for k < n, rep < r.reps:  org_staff_run_job(s, &cand[k], rep, &runs[k * r.reps + rep]);
 *       org_staff_feed(st, runs);          (then destroy runs)
 *   }
 *   org_staff_end(st, 1);
 *
 * A candidate's replications may run anywhere in any order: feed takes them
 * in candidate-then-replication order, so the result is the same bits as
 * org_staff_run's. o->jobs is not used by this interface. */
typedef struct org_staff_state org_staff_state;

/* One candidate of a round: central size and product extra at (m, h). */
typedef struct org_staff_cand {
    int cell, m, h;
    int central, extra;
} org_staff_cand;

/* Starts a search into *out (as org_staff_run). 0, or -1 when memory ran
 * out (*out owns nothing, *st is NULL). */
int org_staff_begin(const org_scenario *s, const org_staff_opts *o, org_staff_result *out, org_staff_state **st);
/* The next round's candidates in *cand (owned by st, valid until the next
 * feed); 0 when the search is over. Calls o->progress. */
int org_staff_round(org_staff_state *st, const org_staff_cand **cand);
/* Simulates replication rep of candidate c into *out (any thread; the
 * caller destroys *out). 0 or -1 (memory). */
int org_staff_run_job(const org_scenario *s, const org_staff_cand *c, int rep, org_rep *out);
/* Takes the round's results, runs[k * reps + rep] (only read). 0 or -1. */
int org_staff_feed(org_staff_state *st, const org_rep *runs);
/* Ends the search and frees st: ok 1 finishes *out (0 returned); ok 0
 * releases it (-1 returned). */
int org_staff_end(org_staff_state *st, int ok);

static inline const org_staff_cell *org_staff_cell_at(const org_staff_result *r, int m, int h)
{
    return &r->cells[(size_t)m * (size_t)r->n_hostings + (size_t)h];
}

/* Share of the sorted waits (days) that are <= t. NAN when n is 0. */
double org_staff_share_within(const double *sorted, size_t n, double t);

/* The product search's early stop: 1 when the lead-time target is out of
 * reach below `bound` extra engineers a team, judged from two failed
 * candidates a < b (their p85 lead-time summaries) by the steepest fall their
 * 95% intervals allow, continued in a straight line (lead time is convex in
 * team size). 0 when that cannot be said (missing intervals, b at the bound,
 * b's interval reaching the target). */
int org_staff_out_of_reach(double target, int a, org_summary La, int b, org_summary Lb, int bound);

#endif
