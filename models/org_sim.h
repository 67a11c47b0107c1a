/* org_sim — one replication of one ownership model at one hosting point:
 * the discrete-event simulation of DESIGN.md §4 on the sim/ kernel, and the
 * per-replication metrics of §5. Stateless between calls; thread-safe (each
 * call owns its whole state), so replications can run side by side. */
#ifndef ORG_SIM_H
#define ORG_SIM_H

#include <stdio.h>
#include "models/org_types.h"

/* Categories of engineering time (DESIGN.md §5 "where the time goes"). */
typedef enum org_cat {
    ORG_CAT_PRODUCT,        /* app and test work on features and projects */
    ORG_CAT_NONPRODUCT,     /* ci .. facility work (split by kind in nonproduct_by_kind) */
    ORG_CAT_HANDOFF,        /* ticket handling and context switching at the boundary */
    ORG_CAT_CLARIFICATION,  /* answering clarification round trips */
    ORG_CAT_LEARNING,       /* extra effort from low skill */
    ORG_CAT_INCIDENT,
    ORG_CAT_TOIL,
    ORG_CAT_ENABLEMENT,
    ORG_CAT_IDLE,
    ORG_CAT_COUNT,          /* the categories every run reports */
    /* Time lost switching between features (flow.switch_loss, org_wip.c):
     * busy, neither product nor non-product work; reported only with
     * switching on, after the other metrics but the per-team ones
     * (org_metric_switch_base). */
    ORG_CAT_SWITCHING = ORG_CAT_COUNT,
    /* Unplanned work and rework of product teams (flow.unplanned_share,
     * org_unplanned.c): busy, neither feature work nor non-product work;
     * reported only with it on, after the switching metrics
     * (org_metric_unplanned_base). */
    ORG_CAT_UNPLANNED,
    ORG_CAT_ALL
} org_cat;

const char *org_cat_name(org_cat c);

/* The fixed metrics of one replication, in output order. */
typedef enum org_metric {
    ORG_M_LEAD_MEAN, ORG_M_LEAD_P50, ORG_M_LEAD_P85, ORG_M_LEAD_P95,
    ORG_M_FEATURES_DONE, ORG_M_FEATURES_UNFINISHED, ORG_M_FLOW_EFFICIENCY,
    ORG_M_HANDOFFS, ORG_M_CLARIFICATIONS, ORG_M_DEPLOYS_PER_WEEK,
    ORG_M_CHANGE_LEAD_P50, ORG_M_CFR, ORG_M_RESTORE_P50, ORG_M_PAGES_PER_ENG_WEEK,
    ORG_M_NONPRODUCT_FTE, ORG_M_PRODUCT_NONPRODUCT_SHARE,
    ORG_M_UTIL_PRODUCT, ORG_M_UTIL_CENTRAL,
    ORG_M_BUS_MIN, ORG_M_BUS_INFRA_MEAN, ORG_M_BUS_SHARE_LE1, ORG_M_TRUCK,
    ORG_M_TICKET_WAIT_MEAN, ORG_M_TICKET_WAIT_P85, ORG_M_TICKETS_PER_WEEK,
    ORG_M_CENTRAL_SERVICE_MEAN, ORG_M_INCIDENTS, ORG_M_ATTRITION,
    ORG_M_ENABLE_ITEMS,       /* enablement items delivered in the measured window */
    ORG_M_WARMUP_MSER_DAYS,   /* MSER-5 truncation of the slowest weekly series from day 0 */
    ORG_M_DRIFT_BUS,          /* fitted change of the infra bus factor over the window / its mean */
    ORG_M_DRIFT_MAX,          /* the largest such relative drift of the series (knowledge, queues, enablement) */
    ORG_M_DRIFT_QUEUE,        /* fitted change of the total queue over the window / (its mean + 1) */
    ORG_M_DRIFT_ENABLE,       /* fitted change of the mean enablement effort factor over the window / its mean */
    ORG_M_FIXED_COUNT
} org_metric;

/* Number of metrics for a scenario: the fixed ones, then
 * time_share_<product|central>_<category> (2 × ORG_CAT_COUNT), then
 * makespan_days_<project> per project, then, with a hiring rule,
 * first_central_hire_day and engineers_at_first_central_hire (NAN when the
 * rule never hired) and central_rule_hires (its hires by the run's end, 0
 * when none), then — only with the calendar clock
 * (oncall.calendar_clock) — the on-call metrics below, then — only with
 * switching between features on (flow.switch_loss > 0) — the switching
 * metrics below, then — only with unplanned work on (flow.unplanned_share
 * > 0) — the unplanned-work metrics below, then — only with it net
 * (flow.unplanned_net_days > 0) — unplanned_netted_share, then the per-team
 * metrics below. */
int org_metric_count(const org_scenario *s);

/* The switching metrics, from org_metric_switch_base(s) onwards (-1 when
 * switching between features is off). */
typedef enum org_metric_switch {
    ORG_MS_SHARE_PRODUCT,       /* time_share_product_switching */
    ORG_MS_SHARE_CENTRAL,       /* time_share_central_switching */
    ORG_MS_CARRIED_MEAN,        /* features carried at the start of a task that pays the loss, mean */
    ORG_MS_COUNT
} org_metric_switch;
int org_metric_switch_base(const org_scenario *s);

/* The unplanned-work metrics, from org_metric_unplanned_base(s) onwards (-1
 * when flow.unplanned_share is 0). */
typedef enum org_metric_unplanned {
    ORG_MU_SHARE_PRODUCT,       /* time_share_product_unplanned */
    ORG_MU_SHARE_CENTRAL,       /* time_share_central_unplanned (0: the central team gets none) */
    ORG_MU_ITEMS_PER_WEEK,      /* unplanned_items_per_week: items arrived in the window, all product teams */
    ORG_MU_WAIT_MEAN,           /* unplanned_wait_mean_days: queued to first start, items started in the window */
    ORG_MU_COUNT
} org_metric_unplanned;
int org_metric_unplanned_base(const org_scenario *s);
/* With the share net of the teams' interrupts (flow.unplanned_share > 0 and
 * flow.unplanned_net_days > 0) one more metric after the unplanned-work
 * block, unplanned_netted_share: the product teams' booked time on the
 * interrupts that count towards the share (incidents, rest after pages,
 * toil other than upkeep; overhead and learning included), over their
 * available time, in the measured window; its index, or -1. */
int org_metric_unplanned_net(const org_scenario *s);

/* The per-team metrics, last of all, from org_metric_team_base(s) onwards
 * (every scenario has them). A mean over the product teams can hide one
 * team whose backlog grows (docs/metrics.md). */
typedef enum org_metric_team {
    ORG_MT_UTIL_PRODUCT_MAX,    /* utilization_product_max: the busiest product team's busy share of its available time */
    ORG_MT_TEAMS_SATURATED,     /* product_teams_saturated: product teams saturated in the replication
                                 * (org_rep_saturated on the team's utilisation and its own measured features) */
    ORG_MT_TEAMS_GROWING,       /* product_teams_growing: product teams whose open features grew through the measured
                                 * window (org_team_grows); no value when the window is too short to tell */
    ORG_MT_COUNT
} org_metric_team;
int org_metric_team_base(const org_scenario *s);

/* The on-call metrics, from org_metric_oncall_base(s) onwards. */
typedef enum org_metric_oncall {
    ORG_MO_RESTORE_P50_HOURS,     /* median restore time in calendar hours */
    ORG_MO_OUT_OF_HOURS_SHARE,    /* share of incidents opened out of business hours */
    ORG_MO_PAGES_PER_ENG_WEEK,    /* out-of-hours pages per rotation member per week */
    ORG_MO_COST_PER_YEAR,         /* stand-by allowances of the rotations (24x7 cover) */
    ORG_MO_CHANGE_LEAD_P50_CAL_DAYS,  /* median lead time for changes in calendar days (nights and
                                         weekends included): what DORA's lead-time band reads */
    ORG_MO_COUNT
} org_metric_oncall;

/* Index of the first on-call metric, or -1 without the calendar clock. */
int org_metric_oncall_base(const org_scenario *s);
/* Writes metric i's name into buf; returns buf. */
const char *org_metric_name(const org_scenario *s, int i, char *buf, size_t size);

/* The weekly series of a scenario with a timeline (models/org_timeline.c),
 * one value per week from day 0 to the end of the measured window. */
typedef enum org_ts_metric {
    ORG_TS_FEATURES_DONE,     /* features finished that week */
    ORG_TS_CUM_FEATURES,      /* features finished from day 0 to the end of that week */
    ORG_TS_LEAD_MEAN,         /* mean lead time (days) of the features finished that week (NAN: none) */
    ORG_TS_NONPRODUCT_FTE,    /* non-product busy time of all teams / 5 days */
    ORG_TS_BUS_INFRA,         /* mean knowers per infrastructure component, at the week's start */
    ORG_TS_UTIL_PRODUCT,      /* busy share of present product engineers' time (NAN: nobody) */
    ORG_TS_UTIL_CENTRAL,      /* busy share of present central engineers' time (NAN: nobody) */
    ORG_TS_INCIDENTS,         /* incidents opened that week */
    ORG_TS_COST,              /* people (present engineers' salaries) and hosting cost of the week */
    ORG_TS_ENGINEERS,         /* engineers present at the week's end (FTE over the week) */
    ORG_TS_COUNT
} org_ts_metric;

const char *org_ts_name(org_ts_metric m);

/* Everything one replication measured. Free with org_rep_destroy(). */
typedef struct org_rep {
    int n_values;
    double *values;               /* org_metric_count() values, NAN when undefined */
    size_t n_lead;
    double *lead_times;           /* lead times (days) of measured finished features, sorted */
    size_t n_waits;
    double *ticket_waits;         /* central-team queue waits (days), sorted */
    double nonproduct_fte_by_kind[ORG_KIND_COUNT];  /* busy FTE, all teams */
    double central_arrivals_per_day;   /* work items reaching the central team */
    double central_service_days;       /* their mean hands-on time */
    double measured_days;
    long events;                  /* events processed (benchmarks) */
    int n_weeks;                  /* a scenario with a timeline: weeks of the series, else 0 */
    double *series;               /* [week * ORG_TS_COUNT + metric] with the timeline applied */
    double *series_stay;          /* the same replication staying put (no events), same random numbers */
} org_rep;

void org_rep_destroy(org_rep *r);

/* Options for one replication. */
typedef struct org_sim_opts {
    FILE *trace;                  /* JSON Lines event trace, or NULL */
    int central_size;             /* -1: the scenario's; else override (staffing search) */
    int product_extra;            /* engineers added to every product team (staffing search) */
} org_sim_opts;

void org_sim_opts_init(org_sim_opts *o);

/* Runs replication rep (0-based) of model m and hosting h of s.
 * Random streams depend on (s->run.seed, rep) and the purpose only, never on
 * m or h, so comparisons across models and hosting points are paired.
 * Returns 0 and fills *out, or -1 when memory ran out. */
int org_sim_run(const org_scenario *s, int m, int h, int rep, const org_sim_opts *opts, org_rep *out);

#endif
