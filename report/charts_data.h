/* charts_data — what the charts and the deck draw, read and checked from a
 * run's results.json tree (and its staffing data when there is any). Every
 * key the charts use is checked for presence and type first, so a bad file
 * is reported with its JSON path and nothing is drawn from it. The strings
 * point into the cJSON trees, which must outlive the data. See docs/charts.md. */
#ifndef CHARTS_DATA_H
#define CHARTS_DATA_H

#include <stddef.h>
#include <cJSON.h>
#include "util/util_json.h"
#include "report/report_headline.h"

#define CHARTS_PERCENTILES 101   /* lead_time_percentiles: 0, 1, …, 100 % */
#define CHARTS_MAX_CATS 16       /* time-share categories per team kind */
#define CHARTS_CURRENCY "EUR"    /* costs.currency when the scenario names none (the preset) */

/* A summary entry of results.json: mean with its 95% interval (NAN for null). */
typedef struct charts_stat {
    double mean, low, high;
    int n;
} charts_stat;

enum { CHARTS_TEAM_PRODUCT = 0, CHARTS_TEAM_CENTRAL, CHARTS_TEAMS };

/* The DORA 2024 bands results.json gives per cell. */
enum { CHARTS_DORA_LEAD = 0, CHARTS_DORA_DEPLOY, CHARTS_DORA_CFR, CHARTS_DORA_RESTORE, CHARTS_DORA_KEYS };

/* One model × hosting point. */
typedef struct charts_cell {
    charts_stat lead_p85, lead_mean;           /* days */
    charts_stat bus_infra;                     /* engineers */
    charts_stat nonproduct_fte;                /* FTE */
    charts_stat deploys, change_lead, cfr, restore;  /* per week, days, share, days */
    double restore_cal_hours;                  /* p50 restore in calendar hours (calendar clock), NAN without */
    double change_lead_cal;                    /* p50 lead time for changes in calendar days (calendar clock,
                                                  since session 20), NAN without */
    const char *dora[CHARTS_DORA_KEYS];        /* "elite", "high", "medium", "low" or "n/a" */
    int dora_unsure[CHARTS_DORA_KEYS];         /* 1: the figure's 95% interval reaches into another band
                                                  (results.json's dora_ci95; 0 without it) */
    double pct[CHARTS_PERCENTILES];            /* lead-time percentiles (days), NAN for null */
    double share[CHARTS_TEAMS][CHARTS_MAX_CATS];  /* time-share means, NAN when missing */
    const cJSON *warnings;                     /* array of strings */
    const cJSON *summary;                      /* its "summary" object (every metric), or NULL */
    double staff_central, staff_total;         /* staffing headcounts; NAN when none or unreachable */
    double staff_lead_p85;                     /* staffing: product p85 lead time (days) at the found sizes */
    double staff_cost_year;                    /* staffing cost_per_year (currency per year); NAN when none */
    double staff_cost_today;                   /* staffing.json's cost_today_per_year: the design at the
                                                  scenario's sizes; NAN when none */
    int staff_rows;                            /* staffing rows seen for this cell */
    int staff_marginal;                        /* staffing.json's cells: bit 0 the central team's answer is
                                                  marginal (a target inside a 95% interval at the answer or one
                                                  below), bit 1 the product teams' */
    int unstable;                              /* 1: not a steady state (charts_unstable_of) */
    char unstable_why[64];                     /* its reason, short ("queue grows: central team at 100%") */
    int drifts;                                /* 1: its measured window still drifts (org_exp_drifts) */
    double unfinished_share;                   /* measured features unfinished, 0..1; NAN when unknown */
    double headline_mean[REPORT_HEADLINES];    /* means of the headline metrics; NAN when missing */
    double rule_hires;                         /* central_rule_hires' mean: the hiring rule's hires by
                                                  the run's end; NAN without (no rule, older files) */
} charts_cell;

typedef struct charts_data {
    const char *file;                /* results file name for messages */
    const char *version, *scenario, *description, *summary, *scenario_hash;
    char seed[32];                   /* as text */
    int reps;
    double hours_per_day;
    double restore_hours;            /* hours in a day of time_to_restore_p50_days: 24 when the results
                                        have calendar hours (the calendar clock), else hours_per_day */
    int n_models, n_hostings;
    const char **model;              /* [n_models] */
    const char **central_team;       /* [n_models] */
    const char **change_policy;      /* [n_models]; NULL entries: not in the results (older files) */
    const char **hosting;            /* [n_hostings] */
    charts_cell *cells;              /* [m * n_hostings + h] */
    struct charts_name_ix *model_ix, *hosting_ix;   /* the names sorted, for lookups (private) */
    int n_model_ix, n_hosting_ix;
    int n_cats;                      /* time-share categories, in results order */
    const char *cat[CHARTS_MAX_CATS];
    const cJSON *assumptions;        /* array of strings */
    const cJSON *scenario_file;      /* the scenario as run (an object), or NULL */
    int has_staffing;                /* staff_* filled from a staffing file */
    char *staffing_file;             /* its name (owned), or NULL */
    char run_date[40];               /* ISO 8601 */
    double today_product, today_central;  /* the scenario's team sizes (people), from scenario_file and
                                             the presets; NAN when unknown */
    double start_product;            /* product engineers on day 0 (teams that start later left out) */
    double end_product, end_central; /* at the run's end: every team started, the timeline's hires
                                        and moves applied (NAN when unknown) */
    int central_hires;               /* the most central engineers the hiring rule may add (0: none) */
    char end_central_name[48];       /* the central team's name under the last model the timeline
                                        switches to ("platform team"), or "": no switch */
    double warmup_days;              /* run.warmup_days (or the presets'); NAN when unknown */
    report_cmp *cmp;                 /* headline-metric comparisons from comparisons.csv (owned), or NULL */
    int n_cmp;
    char (*cmp_robust)[160];         /* [n_cmp] robustness labels from robustness.csv (owned; cmp[i].robust
                                        points into it), or NULL */
    int robust_perturbations;        /* perturbations per comparison in robustness.csv (0: not checked) */
    int robust_reps;                 /* their replications */
    const char *currency;            /* ISO 4217 code of costs (scenario costs.currency, else CHARTS_CURRENCY) */
    char *transition_csv;            /* charts/transition.csv beside the results (owned), or NULL: no timeline */
    char *payback_csv;               /* payback.csv beside the results (owned), or NULL */
    char *payback_chart_csv;         /* charts/payback.csv beside the results (owned), or NULL */
    char *uncertainty_csv;           /* uncertainty.csv beside the results (owned), or NULL */
    char *robustness_csv;            /* robustness.csv beside the results (owned), or NULL */
} charts_data;

static inline charts_cell *charts_cell_at(const charts_data *d, int m, int h)
{
    return &d->cells[(size_t)m * (size_t)d->n_hostings + (size_t)h];
}

/* A design is unstable — its numbers are no steady state and are drawn as an
 * "unstable" marker, never as a bar — when a team kind is loaded at or beyond
 * CHARTS_UTIL_UNSTABLE of its capacity on average or in any replication (its
 * queue grows without bound: the same rule as results.json's warnings) or more than CHARTS_UNFINISHED_UNSTABLE
 * of its measured features did not finish. */
#define CHARTS_UNFINISHED_MARK 0.01  /* lead_time_cdf marks a curve from this share unfinished */
#define CHARTS_UTIL_UNSTABLE REPORT_UNSTABLE_UTIL
#define CHARTS_UNFINISHED_UNSTABLE REPORT_UNSTABLE_UNFINISHED

/* Sets cell's unstable, unstable_why, drifts and unfinished_share from a
 * results summary object (utilization_central and utilization_product with
 * their per-replication values, features_unfinished, features_done,
 * drift_max; missing keys count as unknown). */
void charts_unstable_of(charts_cell *cell, const cJSON *summary);

/* Reads and checks the results tree root (file names the source in
 * messages). 0, or -1 with every problem found in diags (first ones; nothing
 * to free). Release with charts_data_free. */
int charts_data_from_json(const cJSON *root, const char *file, charts_data *out, util_diags *diags);

/* Adds staffing headcounts from a staffing tree (staffing.json: rows with
 * model, hosting, team = "central" | "product", headcount, total_headcount;
 * as an array or under "rows") or from staffing.csv text (the columns of
 * docs/staffing.md). 0 when used; 1 when it does not belong to these results
 * (another scenario or other models: ignored, reason in why); -1 with
 * problems in diags when it is malformed. */
int charts_data_staffing_json(charts_data *d, const cJSON *root, const char *file, char *why,
                              size_t why_len, util_diags *diags);
int charts_data_staffing_csv(charts_data *d, const char *text, const char *file, char *why,
                             size_t why_len, util_diags *diags);

/* Adds the headline metrics' paired comparisons from comparisons.csv text
 * (docs/outputs.md columns). 0 when used, 1 when it does not fit these
 * results or is malformed (reason in why; the summary then has no
 * comparisons). */
int charts_data_comparisons_csv(charts_data *d, const char *text, const char *file, char *why, size_t why_len);

/* Adds the robustness labels of robustness.csv text (report_robust.h) to
 * the comparisons read before (charts_data_comparisons_csv). 0 when used, 1
 * when it does not fit these results or is malformed (reason in why; no
 * labels then). */
int charts_data_robustness_csv(charts_data *d, const char *text, const char *file, char *why, size_t why_len);

void charts_data_free(charts_data *d);

/* The path of the file name beside results_path (in its folder; "./name"
 * for a bare file name), malloc'd (caller frees); NULL without a
 * results_path or memory. How the charts find staffing.json,
 * comparisons.csv, payback.csv and the rest a run writes next to results.json. */
char *charts_beside(const char *results_path, const char *name);

/* Reads a whole JSON file: the tree, or NULL with a positioned problem in
 * diags (missing, unreadable, not JSON). */
cJSON *charts_json_read(const char *path, util_diags *diags);

#endif
