/* report_timeseries — what a scenario with a timeline adds to a run's
 * output: timeseries.csv (weekly means with 95% intervals of every series,
 * with the timeline and staying put), payback.csv and its sentences on
 * stdout, and the transition chart (the J-curve: features delivered per
 * four weeks, one line per design and plan, 95% bands, events marked) as
 * charts/transition.{png,svg,pdf} with transition.csv, and the payback chart
 * (features delivered so far, timeline minus staying put, paired per
 * replication) as charts/payback.{png,svg,pdf} with its payback.csv.
 * Without a timeline none of these is written. */
#ifndef REPORT_TIMESERIES_H
#define REPORT_TIMESERIES_H

#include <stdint.h>
#include <stdio.h>
#include "models/org_exp.h"
#include "models/org_series.h"
#include "plots/plot_chart.h"
#include "util/util_buf.h"

/* timeseries.csv and payback.csv into dir (which exists), when the
 * scenario has a timeline. 0, or -1 (message printed). */
int report_ts_write(const org_exp *x, const char *dir);

/* The payback of each design, one sentence each (nothing without a timeline). */
void report_ts_print(const org_exp *x, FILE *out);

/* The payback sentence of one design ("behind by up to 7.8 features (week
 * 71); not shown to pay back: not significantly ahead within the horizon
 * (no longer significantly behind from week 73; the mean crosses 0 for good
 * in week 104); +1.0 features at the end (95% CI -0.6 to +2.6)"): what the
 * 95% interval shows first, the mean's crossing in brackets. Appended to
 * out: the terminal report's and the deck's (from payback.csv). */
void report_ts_payback_text(const org_payback *p, util_buf *out);

/* The transition chart: lines (design × {timeline, staying put}) of
 * features done per week over periods of step weeks, with 95% bands. Filled
 * from the experiment here, from transition.csv by the deck
 * (report/charts_transition). Everything the spec points to lives inside. */
typedef struct report_ts_chart_t {
    int n_lines, n_periods, step;
    int last_week;                  /* the payback chart's last point (the series' last week); 0: none */
    double warmup_days;             /* the run's warm-up (working days), for the transition chart's
                                       caption; 0 or NAN: not said */
    char (*cat)[24];
    const char **cats;
    double *mean, *low, *high;      /* [line * n_periods + period], NAN until filled */
    char (*name)[2 * ORG_NAME_MAX + 24];
    plot_series series[PLOT_MAX_SERIES];   /* colours: the filler's */
    plot_chart c;
    char subtitle[256], caption[512];
} report_ts_chart_t;

/* Storage for n_lines (at most PLOT_MAX_SERIES kept) × n_periods. 0, or -1
 * (out of memory; free it anyway). */
int report_ts_chart_alloc(report_ts_chart_t *t, int n_lines, int n_periods, int step);
/* Categories (★ on periods holding one of the event days), series and
 * titles, once names and values are filled. */
void report_ts_chart_spec(report_ts_chart_t *t, const double *event_days, int n_events, const char *subtitle);
/* The same for the payback chart: one line a design, the difference
 * timeline − staying put of features delivered so far at the end of each
 * period, 95% bands, a reference line at 0 ("staying put"). */
void report_ts_payback_spec(report_ts_chart_t *t, const double *event_days, int n_events, const char *subtitle);
/* The week of the payback chart's point p: the period's last week (the
 * series' last week for the last period). */
int report_ts_period_end(const report_ts_chart_t *t, int p);
void report_ts_chart_free(report_ts_chart_t *t);
/* base.{png,svg,pdf} of t's chart in dir, the formats asked (CHARTS_FMT_PNG,
 * _SVG, _PDF bits); title: the PDF's. 0 or -1 (message printed). */
int report_ts_chart_files(const report_ts_chart_t *t, const char *dir, const char *base, const char *title,
                          unsigned formats);
/* The colour of design d's staying-put line. */
uint32_t report_ts_stay_colour(int design);

/* transition.{png,svg,pdf} (formats: CHARTS_FMT_* bits, 0 = all three) and
 * transition.csv, then the payback chart the same way (payback.*, with
 * payback.csv: design, week, metric, mean, ci95_low, ci95_high), into the
 * charts folder dir (which exists). 0 or -1 (message printed). */
int report_ts_chart(const org_exp *x, const char *dir, unsigned formats);

#endif
