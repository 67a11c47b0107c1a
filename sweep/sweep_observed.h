/* sweep_observed — OBSERVED.json for `devopsim calibrate`: what a company
 * measures today (any subset of nine figures), each with the tolerance
 * within which a simulated figure counts as reproducing it, and the model
 * and hosting point the company runs today. The figures' definitions and
 * the file format are in docs/calibrate.md.
 *
 * Ownership: sweep_observed holds no pointers; nothing to release. */
#ifndef SWEEP_OBSERVED_H
#define SWEEP_OBSERVED_H

#include <stddef.h>
#include "models/org_sim.h"
#include "util/util_json.h"

/* The figures: X(key, org metric, per_week, upper bound, unit). A figure is
 * the org metric's replication value, turned into a rate per working week
 * over the measured window when per_week is 1 (a count). upper is the
 * largest value the figure can take (1 for shares, 0 for none). */
#define SWEEP_OBS_FIGURES(X) \
    X("lead_time_p50_days", ORG_M_LEAD_P50, 0, 0, "working days") \
    X("lead_time_p85_days", ORG_M_LEAD_P85, 0, 0, "working days") \
    X("ticket_wait_mean_days", ORG_M_TICKET_WAIT_MEAN, 0, 0, "working days") \
    X("utilization_central", ORG_M_UTIL_CENTRAL, 0, 1, "share") \
    X("deploys_per_week", ORG_M_DEPLOYS_PER_WEEK, 0, 0, "per product team per week") \
    X("change_failure_rate", ORG_M_CFR, 0, 1, "share") \
    X("time_to_restore_p50_days", ORG_M_RESTORE_P50, 0, 0, "working days") \
    X("incidents_per_week", ORG_M_INCIDENTS, 1, 0, "per week, whole organisation") \
    X("features_per_week", ORG_M_FEATURES_DONE, 1, 0, "per week, whole organisation") \
    X("utilization_product", ORG_M_UTIL_PRODUCT, 0, 1, "share")

#define SWEEP_OBS_AS_ENUM(k, m, w, u, unit) SWEEP_OBS_##m,
typedef enum sweep_obs_figure {
    SWEEP_OBS_FIGURES(SWEEP_OBS_AS_ENUM)
    SWEEP_OBS_COUNT
} sweep_obs_figure;
#undef SWEEP_OBS_AS_ENUM

/* The default tolerance when neither the figure nor the file gives one: 10%
 * of the observed value (docs/calibrate.md says why). */
#define SWEEP_OBS_DEFAULT_TOL_PCT 10.0

typedef struct sweep_obs {
    sweep_obs_figure figure;
    double value;
    double tolerance;           /* absolute, in the figure's unit (> 0) */
    double tol_pct;             /* the percentage it came from, or 0 when absolute */
} sweep_obs;

typedef struct sweep_observed {
    char model[64], hosting[64];   /* "" when not given */
    sweep_obs items[SWEEP_OBS_COUNT];
    int n;                          /* in the file's order */
} sweep_observed;

/* The figure's key ("lead_time_p85_days") and unit. */
const char *sweep_obs_name(sweep_obs_figure f);
const char *sweep_obs_unit(sweep_obs_figure f);

/* The org metric a figure reads and the factor that turns the metric's
 * replication value into the figure (1, or working days per week over the
 * measured days for counts). */
int sweep_obs_metric(sweep_obs_figure f);
double sweep_obs_scale(sweep_obs_figure f, const org_scenario *s);

/* Parses OBSERVED text (len bytes) into *out. Returns 0, or -1 with every
 * problem in d (file and line:column for syntax, JSON path otherwise: an
 * unknown figure with a did-you-mean, a value of the wrong type, negative or
 * above its bound, a tolerance that is not positive, no figures at all). */
int sweep_observed_parse(const char *text, size_t len, const char *file, sweep_observed *out,
                         util_diags *d);

#endif
