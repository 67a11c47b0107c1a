/* org_series — the weekly series of a scenario with a timeline, across
 * replications: per design (model × hosting point), with the timeline
 * ("plan") or staying put, a mean and Student-t 95% interval per week and
 * metric; and the payback of the plan in cumulative features delivered. */
#ifndef ORG_SERIES_H
#define ORG_SERIES_H

#include "models/org_exp.h"

/* Weeks of x's series (0 when the scenario has no timeline). */
int org_series_weeks(const org_exp *x);

/* Mean and 95% interval of metric (org_ts_metric) over weeks [w0, w1) at
 * (m, h), with the timeline (stay 0) or staying put (stay 1): each
 * replication's mean over those weeks (its defined values), then the mean
 * and Student-t interval over the replications where it is defined. */
org_summary org_series_summary(const org_exp *x, int m, int h, int stay, int w0, int w1, int metric);

/* When the plan's cumulative features delivered catch up with staying put,
 * from the paired differences plan − stay per replication (same random
 * numbers). Weeks count from day 0. */
typedef struct org_payback {
    int n;                      /* replications */
    int first_event_week;       /* the timeline's first event (-1: none) */
    int week;                   /* the first week from which the mean difference stays >= 0
                                   after having been negative; 0 when it never dipped;
                                   -1: not within the horizon */
    int week_early, week_late;  /* the same for the interval's upper and lower ends (95%,
                                   pointwise): payback lies between them; -1: not within the horizon */
    double dip;                 /* the most negative mean difference (features; 0: no dip) */
    int dip_week;
    double dip_high;            /* the interval's upper end in that week (< 0: a significant dip) */
    int detectable;             /* 1 when in some week the interval excludes 0 */
    double final, final_low, final_high;   /* the difference at the last week, 95% interval */
} org_payback;

/* The paired difference plan − stay of cumulative features delivered at
 * week w of (m, h): mean and 95% interval over the replications where both
 * are defined (one replication: the interval is the mean; none, or w out of
 * range, or memory out: NAN, n 0). The payback chart's points. */
org_summary org_series_payback_at(const org_exp *x, int m, int h, int w);

/* Fills *out for (m, h): 0, or -1 when memory ran out or there are no series. */
int org_series_payback(const org_exp *x, int m, int h, org_payback *out);

#endif
