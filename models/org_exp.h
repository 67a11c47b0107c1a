/* org_exp — an experiment: every model × hosting point × replication of a
 * scenario, run in parallel (OpenMP) and reduced in a fixed order so results
 * do not depend on scheduling; plus the analyses over replications: means
 * with Student-t intervals, paired comparisons with Holm's correction, DORA
 * bands and validity warnings. */
#ifndef ORG_EXP_H
#define ORG_EXP_H

#include "models/org_sim.h"

typedef struct org_exp {
    const org_scenario *s;        /* not owned */
    int n_models, n_hostings, reps;
    int n_metrics;
    org_rep *runs;                /* [(m * n_hostings + h) * reps + r] */
    long events;
} org_exp;

/* Called after each finished run with (done, total); from one thread at a time. */
typedef void (*org_progress_fn)(void *ctx, long done, long total);

/* Prepares x for s (allocates a slot per run; runs nothing): 0 or -1.
 * With org_exp_run_job and org_exp_finish this lets a caller (batch, MPI)
 * schedule jobs of many experiments itself. */
int org_exp_alloc(const org_scenario *s, int reps, org_exp *x);
/* Number of jobs (models × hostings × replications). */
long org_exp_jobs(const org_exp *x);
/* Runs job j (0 <= j < org_exp_jobs) into its slot: 0 or -1. Thread-safe
 * for distinct j. */
int org_exp_run_job(org_exp *x, long j, const org_sim_opts *base);
/* Totals after all jobs ran. */
void org_exp_finish(org_exp *x);

/* Runs everything with up to jobs threads (<= 0: all cores). Same scenario
 * and seed give identical results whatever jobs is. 0, or -1 on failure. */
int org_exp_run(const org_scenario *s, int reps, int jobs, const org_sim_opts *base,
                org_progress_fn progress, void *ctx, org_exp *out);
void org_exp_destroy(org_exp *x);

/* Adds replications up to reps (> x->reps), keeping those already run
 * (replication r is the same whatever the total). 0 or -1. */
int org_exp_grow(org_exp *x, int reps, int jobs, const org_sim_opts *base,
                 org_progress_fn progress, void *ctx);

/* The metrics whose precision --precision controls, with the absolute
 * half-width under which a metric near zero counts as precise. */
typedef struct org_precision_metric {
    int metric;
    double abs_floor;
} org_precision_metric;
extern const org_precision_metric org_precision_metrics[];
extern const int org_precision_n;

/* 1 when every precision metric at every (model, hosting) has a 95% half-width
 * within rel × |mean| or under its floor; else 0, with the first few
 * offenders described in why (may be NULL). */
int org_exp_precise(const org_exp *x, double rel, char *why, size_t size);

static inline const org_rep *org_exp_rep(const org_exp *x, int m, int h, int r)
{
    return &x->runs[((size_t)m * (size_t)x->n_hostings + (size_t)h) * (size_t)x->reps + (size_t)r];
}

/* Values of metric i over the replications of (m, h), NaNs dropped.
 * Writes at most x->reps values into buf; returns the count. */
int org_exp_values(const org_exp *x, int m, int h, int metric, double *buf);

/* 1 when a measured window's relative drift (ORG_M_DRIFT_MAX over the
 * replications: mean and 95% interval, n values) says it is not at steady
 * state: larger than 10% and, with several replications, its interval
 * excludes 0. The rule of results.json's drift warning and of the headlines'
 * label. */
int org_exp_drifts(double mean, double low, double high, int n);

/* The first working day inside the measured window on which the scenario
 * changes the organisation by design — a timeline event, a product team
 * that starts later, or a hiring rule (which may hire on any day: 0) — or
 * -1 when it does not. A window that drifts then holds a transition, which
 * a longer warm-up would not remove, and the drift warning says so; a
 * change before the window is the warm-up's to settle. */
double org_exp_design_change_day(const org_scenario *s);

/* What changes the organisation inside the measured window, in words,
 * into buf: "its timeline", "teams that start later", "its hiring rule",
 * joined by commas and "and"; "" when nothing does. */
void org_exp_design_change_what(const org_scenario *s, char *buf, size_t size);

/* A design is unstable (no steady state: results.json warns, charts draw a
 * marker, headlines skip it) when a team kind is loaded at ORG_UNSTABLE_UTIL
 * of its capacity or more, or more than ORG_UNSTABLE_UNFINISHED of its
 * measured features did not finish — on average over the replications, or
 * both at once in one replication, for the kind or for one product team
 * alone (org_rep_kind_saturated). */
#define ORG_UNSTABLE_UTIL 0.95

/* Weekly samples of the measured window the drift test needs (org_steady.c:
 * two per batch mean); a shorter window reports no drift and is warned of. */
#define ORG_STEADY_MIN_SAMPLES 10
#define ORG_UNSTABLE_UNFINISHED 0.10

/* 1 when one replication's figures say a team kind's queue grew in it: the
 * kind's utilisation at ORG_UNSTABLE_UTIL or more and more than
 * ORG_UNSTABLE_UNFINISHED of that replication's measured features
 * unfinished. A busy replication that still finished its features is noise
 * around a stable load, not saturation (more replications would otherwise
 * find more such runs). NaN: not saturated. */
int org_rep_saturated(double util, double unfinished, double done);

/* 1 when one replication's figures say a team kind's queue grew in it: the
 * kind as a whole is saturated (org_rep_saturated on its utilisation and all
 * measured features) or, for the product teams, one of them is on its own
 * (teams_saturated, the replication's product_teams_saturated, > 0; NaN for
 * the central team). The one rule of results.json's warnings, the terminal
 * and the deck. */
int org_rep_kind_saturated(double util, double unfinished, double done, double teams_saturated, double teams_growing);

/* Per-organisation false-flag rate of org_team_grows: its one-sided test
 * runs at ORG_GROW_ALPHA / n_teams per team (Bonferroni). */
#define ORG_GROW_ALPHA 0.05

/* Weekly samples (of 5 working days) of the measured window the growth
 * test needs: 5 batch means of 6 weeks, 150 days. In shorter windows a
 * stable team's surge, which is what makes it busy at ORG_UNSTABLE_UTIL,
 * looks like growth (docs/model.md "Steady state", the false-flag table);
 * the results then say it is too short to tell. */
#define ORG_GROW_MIN_SAMPLES 30

/* 1 when one product team's open features grew through the measured window
 * in one replication: the drift test of its weekly open count (fitted
 * change from the first to the last batch mean, change, and its two-sided
 * p_value; org_steady.c) says it grew (change > 0, one-sided p below
 * ORG_GROW_ALPHA / n_teams), the growth is more than ORG_UNSTABLE_UNFINISHED
 * of the features that arrived for it in the window (arrivals), and the
 * team was busy at ORG_UNSTABLE_UTIL or more of its available time (util).
 * A stable queue's open count has the same distribution at every time, so
 * its fitted change has zero mean; a saturated team's grows by (lambda -
 * mu) T. NaN anywhere: not growing. */
int org_team_grows(double change, double p_value, double arrivals, double util, int n_teams);

/* 1 when the means over the replications say a design is unstable: the
 * central team or the product teams together loaded at ORG_UNSTABLE_UTIL or
 * more, or more than ORG_UNSTABLE_UNFINISHED of the measured features
 * unfinished. NaN: no evidence. */
int org_unstable_means(double util_central, double util_product, double unfinished, double done);

/* THE rule of results.json's warnings, the terminal's headlines and the
 * deck: a design is unstable when its means say so (org_unstable_means) or
 * some replication saturated the central team (central_reps > 0) or a
 * product team (product_reps > 0; org_exp_saturated_reps). No rule on the
 * busiest team's mean utilisation: the maximum over many teams reaches
 * ORG_UNSTABLE_UTIL by chance in a large organisation. */
int org_unstable(double util_central, double util_product, double unfinished, double done, int central_reps,
                 int product_reps);

/* The replications of (m, h) in which the team kind whose utilisation is
 * util_metric (ORG_M_UTIL_PRODUCT or ORG_M_UTIL_CENTRAL) is saturated
 * (org_rep_kind_saturated); *n: those with a utilisation value. */
int org_exp_saturated_reps(const org_exp *x, int m, int h, int util_metric, int *n);

/* org_unstable on (m, h)'s means and replications. */
int org_exp_unstable(const org_exp *x, int m, int h);

/* Mean and 95% interval of metric i at (m, h). */
typedef struct org_summary {
    double mean, low, high;
    int n;
} org_summary;
org_summary org_exp_summary(const org_exp *x, int m, int h, int metric);
/* The same for n values (no NaN): the mean, and the Student-t 95% interval
 * when n > 1 (NAN otherwise); all NAN and n 0 when n <= 0. */
org_summary org_summarise(const double *v, int n);

/* Paired comparison of models a and b at hosting h: mean of (a - b) over
 * replications where both are defined, 95% interval and paired-t p-value. */
typedef struct org_diff {
    int h, a, b, metric;
    double mean, low, high, p;
    int n, significant;
} org_diff;

/* All pairs (a < b) of models at every hosting point for every metric, or,
 * with baseline >= 0, every model against the baseline. Significance at 5%
 * with Holm's step-down correction within each metric's family. Caller frees
 * *out. Returns the count, or -1 when memory ran out. */
int org_exp_compare(const org_exp *x, int baseline, org_diff **out);

/* DORA 2024 performance bands. */
const char *org_dora_lead_time_band(double days);
const char *org_dora_deploy_band(double per_week);
const char *org_dora_cfr_band(double rate);
const char *org_dora_restore_band(double days, double hours_per_day);
/* The four bands of (m, h) — lead time for changes, deployment frequency,
 * change failure rate, time to restore — from the mean figures. With the
 * calendar clock (oncall.calendar_clock) lead time and restore time are
 * banded in calendar time: lead time from change_lead_time_p50_calendar_days,
 * restore from time_to_restore_p50_hours (docs/metrics.md). */
void org_dora_bands(const org_exp *x, int m, int h, const char *band[4]);
/* The same bands at the ends of each figure's 95% interval: low[k] from its
 * ci95_low, high[k] from its ci95_high (the mean's band when there is no
 * interval: fewer than 2 values). A band is uncertain when the two differ:
 * the interval reaches into another band (org_dora_uncertain). */
void org_dora_bands_ci(const org_exp *x, int m, int h, const char *low[4], const char *high[4]);
/* 1 for each band k whose 95% interval reaches into another band. */
void org_dora_uncertain(const org_exp *x, int m, int h, int uncertain[4]);

/* Validity warnings for (m, h) as human sentences, one per line, appended to
 * buf (NUL-terminated). Returns the number of warnings. */
int org_exp_warnings(const org_exp *x, int m, int h, char *buf, size_t size);

/* Pooled lead times of all replications of (m, h), sorted; caller frees. */
double *org_exp_pooled_lead_times(const org_exp *x, int m, int h, size_t *n);

#endif
