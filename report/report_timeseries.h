/* report_timeseries — what a scenario with a timeline adds to a run's
 * output: timeseries.csv (weekly means with 95% intervals of every series,
 * with the timeline and staying put), payback.csv and its sentences on
 * stdout, and the transition chart (the J-curve: features delivered per
 * four weeks, one line per design and plan, 95% bands, events marked) as
 * charts/transition.{png,svg,pdf} with transition.csv. Without a timeline
 * none of these is written. */
#ifndef REPORT_TIMESERIES_H
#define REPORT_TIMESERIES_H

#include <stdio.h>
#include "models/org_exp.h"

/* timeseries.csv and payback.csv into dir (which exists), when the
 * scenario has a timeline. 0, or -1 (message printed). */
int report_ts_write(const org_exp *x, const char *dir);

/* The payback of each design, one sentence each (nothing without a timeline). */
void report_ts_print(const org_exp *x, FILE *out);

/* transition.{png,svg,pdf} (formats: CHARTS_FMT_* bits, 0 = all three) and
 * transition.csv into the charts folder dir (which exists). 0 or -1
 * (message printed). */
int report_ts_chart(const org_exp *x, const char *dir, unsigned formats);

#endif
