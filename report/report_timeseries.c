/* report_timeseries — timeseries.csv, payback.csv, the payback sentences
 * and the transition chart of a scenario with a timeline (see the header).
 * The numbers come from models/org_series; this file only writes them. */
#include "report/report_timeseries.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_const.h"
#include "models/org_series.h"
#include "plots/plot_chart.h"
#include "plots/plot_out.h"
#include "report/charts.h"
#include "report/charts_label.h"
#include "util/util_buf.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#define TS_PNG_W 1600
#define TS_PNG_H 900
#define TS_PAGE_W 960.0
#define TS_PAGE_H 540.0
#define TS_MAX_PERIODS 60     /* chart points: weeks grouped so that at most this many remain */


static void fmt_num(char *buf, size_t size, double v)
{
    if (isnan(v))
        buf[0] = '\0';
    else
        snprintf(buf, size, "%.10g", v);
}

static void design_name(const org_exp *x, int m, int h, int stay, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s%s", x->s->models[m].name, x->s->hostings[h].name, stay ? "/stay" : "");
}

static int write_series(const org_exp *x, const char *dir, int weeks)
{
    util_file f;
    if (util_file_open(&f, dir, "timeseries.csv") != 0)
        return -1;
    char design[2 * ORG_NAME_MAX + 8], a[64], b[64], c[64];
    fputs("scenario,design,week,metric,mean,ci95_low,ci95_high,n\n", f.fp);
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++)
            for (int stay = 0; stay < 2; stay++) {
                design_name(x, m, h, stay, design, sizeof design);
                for (int w = 0; w < weeks; w++)
                    for (int i = 0; i < ORG_TS_COUNT; i++) {
                        org_summary su = org_series_summary(x, m, h, stay, w, w + 1, i);
                        fmt_num(a, sizeof a, su.mean);
                        fmt_num(b, sizeof b, su.low);
                        fmt_num(c, sizeof c, su.high);
                        util_csv_fput_cells(f.fp, 2, x->s->name, design);
                        fprintf(f.fp, "%d,", w);
                        util_csv_fput_cells(f.fp, 1, org_ts_name((org_ts_metric)i));
                        fprintf(f.fp, "%s,%s,%s,%d\n", a, b, c, su.n);
                    }
            }
    return util_file_commit(&f);
}

static void fmt_week(char *buf, size_t n, int w)
{
    if (w < 0)
        snprintf(buf, n, "not_within_horizon");
    else
        snprintf(buf, n, "%d", w);
}

static int write_payback(const org_exp *x, const char *dir)
{
    util_file f;
    if (util_file_open(&f, dir, "payback.csv") != 0)
        return -1;
    fputs("scenario,model,hosting,metric,first_event_week,payback_week,payback_week_early,payback_week_late,"
          "dip,dip_week,dip_ci95_high,detectable,final_gain,final_gain_ci95_low,final_gain_ci95_high,n\n", f.fp);
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++) {
            org_payback p;
            if (org_series_payback(x, m, h, &p) != 0)
                continue;
            char w[3][32], v[5][64];
            fmt_week(w[0], sizeof w[0], p.week);
            fmt_week(w[1], sizeof w[1], p.week_early);
            fmt_week(w[2], sizeof w[2], p.week_late);
            fmt_num(v[0], sizeof v[0], p.dip);
            fmt_num(v[1], sizeof v[1], p.final);
            fmt_num(v[2], sizeof v[2], p.final_low);
            fmt_num(v[3], sizeof v[3], p.final_high);
            fmt_num(v[4], sizeof v[4], p.dip_high);
            util_csv_fput_cells(f.fp, 4, x->s->name, x->s->models[m].name, x->s->hostings[h].name,
                                org_ts_name(ORG_TS_CUM_FEATURES));
            fprintf(f.fp, "%d,%s,%s,%s,%s,%d,%s,%d,%s,%s,%s,%d\n", p.first_event_week, w[0], w[1], w[2], v[0],
                    p.dip_week, v[4], p.detectable, v[1], v[2], v[3], p.n);
        }
    return util_file_commit(&f);
}

int report_ts_write(const org_exp *x, const char *dir)
{
    int weeks = org_series_weeks(x);
    if (weeks == 0)
        return 0;
    return write_series(x, dir, weeks) != 0 || write_payback(x, dir) != 0 ? -1 : 0;
}

void report_ts_payback_text(const org_payback *p, util_buf *out)
{
    if (!p->detectable)
        util_buf_add(out, "no detectable difference from staying put (%+.1f features at the end, 95%% CI "
                     "%+.1f to %+.1f)", p->final, p->final_low, p->final_high);
    else if (p->dip >= 0.0)
        util_buf_add(out, "never behind staying put (%+.1f features at the end, 95%% CI %+.1f to %+.1f)",
                     p->final, p->final_low, p->final_high);
    else {
        /* What the 95% interval shows leads: a mean line that crosses 0 only
         * within the noise (late in the horizon, say) is not a payback a
         * board can be told of; its week (payback.csv's payback_week, where
         * the payback chart's line crosses 0 for good) follows in brackets. */
        util_buf_add(out, "behind by up to %.1f features (week %d%s); ", -p->dip, p->dip_week,
                     p->dip_high >= 0.0 ? ", within the noise: its 95% CI includes 0" : "");
        if (p->week_late >= 0)
            util_buf_add(out, "paid back: significantly ahead from week %d (", p->week_late);
        else if (p->week >= 0)
            util_buf_add(out, "not shown to pay back: not significantly ahead within the horizon (");
        else
            util_buf_add(out, "not paid back within the horizon (");
        if (p->week_early < 0)
            util_buf_add(out, "significantly behind to the end");
        else if (p->week_early == 0)
            util_buf_add(out, "never significantly behind");
        else
            util_buf_add(out, "no longer significantly behind from week %d", p->week_early);
        if (p->week >= 0)
            util_buf_add(out, "; the mean crosses 0 for good in week %d", p->week);
        else if (p->week_late < 0)
            util_buf_add(out, ", not significantly ahead within the horizon");
        util_buf_add(out, "); %+.1f features at the end (95%% CI %+.1f to %+.1f)", p->final, p->final_low,
                     p->final_high);
    }
}

void report_ts_print(const org_exp *x, FILE *out)
{
    if (org_series_weeks(x) == 0)
        return;
    fprintf(out, "\npayback (cumulative features delivered, timeline against staying put, same random numbers):\n");
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++) {
            org_payback p;
            if (org_series_payback(x, m, h, &p) != 0)
                continue;
            util_buf b = { 0 };
            report_ts_payback_text(&p, &b);
            fprintf(out, "  %s at %s: %s\n", x->s->models[m].name, x->s->hostings[h].name, util_buf_str(&b));
            util_buf_free(&b);
        }
}

/* ------------------------------------------------------------------ chart */

int report_ts_chart_alloc(report_ts_chart_t *t, int n_lines, int n_periods, int step)
{
    memset(t, 0, sizeof *t);
    t->n_lines = n_lines < PLOT_MAX_SERIES ? n_lines : PLOT_MAX_SERIES;
    t->n_periods = n_periods;
    t->step = step;
    size_t np = (size_t)(n_periods > 0 ? n_periods : 1), nl = (size_t)(t->n_lines > 0 ? t->n_lines : 1);
    t->cat = calloc(np, sizeof *t->cat);
    t->cats = calloc(np, sizeof *t->cats);
    t->mean = calloc(np * nl * 3, sizeof *t->mean);
    t->name = calloc(nl, sizeof *t->name);
    if (!t->cat || !t->cats || !t->mean || !t->name)
        return -1;
    t->low = t->mean + np * nl;
    t->high = t->low + np * nl;
    for (size_t k = 0; k < np * nl * 3; k++)
        t->mean[k] = (double)NAN;
    return 0;
}

int report_ts_period_end(const report_ts_chart_t *t, int p)
{
    int end = (p + 1) * t->step - 1;
    return p == t->n_periods - 1 && t->last_week > 0 && t->last_week < end ? t->last_week : end;
}

/* Categories (the week of each point, ★ on a period holding an event day:
 * a star reads as itself when the labels are turned 45°, where ▲ read as an
 * arrow and a diamond as a square)
 * and series of t, the parts both charts share; end: label a period by its
 * last week (both charts do) instead of its first. */
static void spec_common(report_ts_chart_t *t, const double *event_days, int n_events, const char *subtitle, int end)
{
    size_t np = (size_t)t->n_periods;
    for (int p = 0; p < t->n_periods; p++) {
        int marked = 0;
        for (int e = 0; e < n_events; e++) {
            int w = (int)floor(event_days[e] / ORG_DAYS_PER_WEEK);
            marked |= w >= p * t->step && w < (p + 1) * t->step;
        }
        snprintf(t->cat[p], sizeof t->cat[p], "%s%d", marked ? "\xe2\x98\x85" : "",
                 end ? report_ts_period_end(t, p) : p * t->step);
        t->cats[p] = t->cat[p];
    }
    for (int l = 0; l < t->n_lines; l++) {
        plot_series *s = &t->series[l];
        s->name = t->name[l];
        s->values = t->mean + (size_t)l * np;
        s->low = t->low + (size_t)l * np;
        s->high = t->high + (size_t)l * np;
    }
    plot_chart *c = &t->c;
    plot_chart_init(c, PLOT_LINES);
    snprintf(t->subtitle, sizeof t->subtitle, "%s", subtitle);
    c->subtitle = t->subtitle;
    c->caption = t->caption;
    c->categories = t->cats;
    c->n_categories = np;
    c->series = t->series;
    c->n_series = (size_t)t->n_lines;
    c->legend_title = "Design";
}

void report_ts_chart_spec(report_ts_chart_t *t, const double *event_days, int n_events, const char *subtitle)
{
    /* labelled by each period's last week, as the payback chart is: the
     * same period reads as the same week on both (acme's dip was "week 68"
     * on one and "week 71" on the other and in the payback sentence) */
    spec_common(t, event_days, n_events, subtitle, 1);
    plot_chart *c = &t->c;
    c->title = "Transition: features delivered per week";
    char warm[200] = "";
    if (t->warmup_days > 0) {
        int w = (int)ceil(t->warmup_days / ORG_DAYS_PER_WEEK);
        snprintf(warm, sizeof warm, " Weeks 0\xe2\x80\x93%d are the warm-up: the simulated organisation starts "
                 "empty, so its first weeks are not the company's history.", w - 1);
    }
    snprintf(t->caption, sizeof t->caption, "Mean over %d-week periods, each shown at its last week; bands: "
             "95%% CI over replications. \xe2\x98\x85 marks a period with a timeline event. Staying put: the "
             "same replications without the timeline (same random numbers).%s", t->step, warm);
    c->x_title = "Week (end of period)";
    c->y_title = "Features done per week";
}

void report_ts_payback_spec(report_ts_chart_t *t, const double *event_days, int n_events, const char *subtitle)
{
    spec_common(t, event_days, n_events, subtitle, 1);
    plot_chart *c = &t->c;
    c->title = "Transition: does the plan pay back?";
    snprintf(t->caption, sizeof t->caption, "Features delivered so far with the timeline minus staying put, in "
             "the same replication (same random numbers): mean and 95%% CI (pointwise) at the end of every "
             "%d-week period. Below 0 the plan is behind; it has paid back once the band is above 0. "
             "Where both keep up with demand they deliver the same in the long run and the line returns to 0: "
             "a lasting gain shows in lead time and cost. \xe2\x98\x85 marks a period with a timeline event.",
             t->step);
    c->x_title = "Week (end of period)";
    c->y_title = "Features delivered: timeline \xe2\x88\x92 staying put";
    c->ref_value = 0.0;
    c->ref_label = "staying put";
}

void report_ts_chart_free(report_ts_chart_t *t)
{
    free(t->cat);
    free(t->cats);
    free(t->mean);
    free(t->name);
    memset(t, 0, sizeof *t);
}

uint32_t report_ts_stay_colour(int design)
{
    static const uint32_t palette[] = { 0xE69F00, 0x56B4E9, 0x009E73, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000 };
    return palette[(2 * design + 1) % 7];
}

/* Weeks grouped so that at most TS_MAX_PERIODS points remain, at least 4. */
static int period_step(int weeks)
{
    int step = (weeks + TS_MAX_PERIODS - 1) / TS_MAX_PERIODS;
    return step < 4 ? 4 : step;
}

/* The event days of x's timeline into a new array (NULL: out of memory) and
 * the charts' subtitle into sub. */
static double *event_days(const org_exp *x, char *sub, size_t n)
{
    double *days = calloc((size_t)x->s->n_events + 1, sizeof *days);
    if (days)
        for (int e = 0; e < x->s->n_events; e++)
            days[e] = x->s->events[e].day;
    snprintf(sub, n, "Scenario %s \xc2\xb7 %d replications \xc2\xb7 seed %llu", x->s->name, x->reps,
             (unsigned long long)x->s->run.seed);
    return days;
}

/* Lines: every (model, hosting) × {timeline, stay}, as many as fit. */
static int chart_build(const org_exp *x, report_ts_chart_t *t, int weeks)
{
    int designs = x->n_models * x->n_hostings, step = period_step(weeks);
    if (report_ts_chart_alloc(t, 2 * designs, (weeks + step - 1) / step, step) != 0)
        return -1;
    size_t np = (size_t)t->n_periods;
    for (int l = 0; l < t->n_lines; l++) {
        int d = l / 2, stay = l % 2, m = d / x->n_hostings, h = d % x->n_hostings;
        snprintf(t->name[l], sizeof t->name[l], "%s at %s, %s", charts_model_label(x->s->models[m].name),
                 charts_hosting_label(x->s->hostings[h].name), stay ? "staying put" : "with the timeline");
        for (int p = 0; p < t->n_periods; p++) {
            int w1 = (p + 1) * t->step < weeks ? (p + 1) * t->step : weeks;
            org_summary su = org_series_summary(x, m, h, stay, p * t->step, w1, ORG_TS_FEATURES_DONE);
            size_t k = (size_t)l * np + (size_t)p;
            t->mean[k] = su.mean;
            t->low[k] = su.low;
            t->high[k] = su.high;
        }
        t->series[l].colour = stay ? report_ts_stay_colour(d) : charts_model_colour(x->s->models[m].name, 2 * d);
    }
    char sub[256];
    double *days = event_days(x, sub, sizeof sub);
    if (!days)
        return -1;
    t->warmup_days = x->s->run.warmup_days;
    report_ts_chart_spec(t, days, x->s->n_events, sub);
    free(days);
    return 0;
}

/* Lines: every (model, hosting), the paired difference timeline − staying
 * put of features delivered so far at the end of each period. */
static int payback_build(const org_exp *x, report_ts_chart_t *t, int weeks)
{
    int designs = x->n_models * x->n_hostings, step = period_step(weeks);
    if (report_ts_chart_alloc(t, designs, (weeks + step - 1) / step, step) != 0)
        return -1;
    t->last_week = weeks - 1;
    size_t np = (size_t)t->n_periods;
    for (int l = 0; l < t->n_lines; l++) {
        int m = l / x->n_hostings, h = l % x->n_hostings;
        snprintf(t->name[l], sizeof t->name[l], "%s at %s", charts_model_label(x->s->models[m].name),
                 charts_hosting_label(x->s->hostings[h].name));
        for (int p = 0; p < t->n_periods; p++) {
            org_summary su = org_series_payback_at(x, m, h, report_ts_period_end(t, p));
            size_t k = (size_t)l * np + (size_t)p;
            t->mean[k] = su.mean;
            t->low[k] = su.low;
            t->high[k] = su.high;
        }
        t->series[l].colour = charts_model_colour(x->s->models[m].name, 2 * l);
    }
    char sub[256];
    double *days = event_days(x, sub, sizeof sub);
    if (!days)
        return -1;
    report_ts_payback_spec(t, days, x->s->n_events, sub);
    free(days);
    return 0;
}

/* name.csv: a row per line and point (week: the period's first, or for
 * the payback chart its last), the metric named. */
static int chart_csv(const report_ts_chart_t *t, const char *dir, const char *file, const char *week_col,
                     int payback, org_ts_metric metric)
{
    util_file f;
    if (util_file_open(&f, dir, file) != 0)
        return -1;
    fprintf(f.fp, "design,%s,metric,mean,ci95_low,ci95_high\n", week_col);
    char a[64], b[64], c[64];
    for (int l = 0; l < t->n_lines; l++)
        for (int p = 0; p < t->n_periods; p++) {
            size_t k = (size_t)l * (size_t)t->n_periods + (size_t)p;
            fmt_num(a, sizeof a, t->mean[k]);
            fmt_num(b, sizeof b, t->low[k]);
            fmt_num(c, sizeof c, t->high[k]);
            util_csv_fput_cells(f.fp, 1, t->name[l]);
            fprintf(f.fp, "%d,", payback ? report_ts_period_end(t, p) : p * t->step);
            util_csv_fput_cells(f.fp, 1, org_ts_name(metric));
            fprintf(f.fp, "%s,%s,%s\n", a, b, c);
        }
    return util_file_commit(&f);
}

/* base.{png,svg,pdf} of t's chart, the formats asked. 0 or -1 (message printed). */
int report_ts_chart_files(const report_ts_chart_t *t, const char *dir, const char *base, const char *title,
                       unsigned formats)
{
    char err[512] = "";
    plot_doc_info info = { title, NULL, NULL, "devopsim " DEVOPSIM_VERSION, NULL };
    static const char *const ext[3] = { "png", "svg", "pdf" };
    for (int i = 0; i < 3; i++) {
        if (!(formats & (1u << i)))
            continue;
        char name[32];
        snprintf(name, sizeof name, "%s.%s", base, ext[i]);
        char *path = util_path_join(dir, name);
        if (!path)
            return -1;
        int st = i == 0 ? plot_write_png(path, TS_PNG_W, TS_PNG_H, plot_chart_draw_fn, &t->c, err, sizeof err)
               : i == 1 ? plot_write_svg(path, TS_PAGE_W, TS_PAGE_H, plot_chart_draw_fn, &t->c, err, sizeof err)
               : plot_write_pdf(path, TS_PAGE_W, TS_PAGE_H, &info, plot_chart_draw_fn, &t->c, err, sizeof err);
        free(path);
        if (st != 0) {
            util_error("%s", err[0] ? err : "cannot write a transition chart");
            return -1;
        }
    }
    return 0;
}

int report_ts_chart(const org_exp *x, const char *dir, unsigned formats)
{
    int weeks = org_series_weeks(x);
    if (weeks == 0)
        return 0;
    if (!formats)
        formats = CHARTS_FMT_ALL;
    report_ts_chart_t t;
    memset(&t, 0, sizeof t);
    if (chart_build(x, &t, weeks) != 0) {
        report_ts_chart_free(&t);
        util_error("out of memory drawing the transition chart");
        return -1;
    }
    int rc = chart_csv(&t, dir, "transition.csv", "period_start_week", 0, ORG_TS_FEATURES_DONE);
    if (rc == 0)
        rc = report_ts_chart_files(&t, dir, "transition", "Transition", formats);
    report_ts_chart_free(&t);
    if (rc != 0)
        return rc;
    if (payback_build(x, &t, weeks) != 0) {
        report_ts_chart_free(&t);
        util_error("out of memory drawing the payback chart");
        return -1;
    }
    rc = chart_csv(&t, dir, "payback.csv", "week", 1, ORG_TS_CUM_FEATURES);
    if (rc == 0)
        rc = report_ts_chart_files(&t, dir, "payback", "Payback", formats);
    report_ts_chart_free(&t);
    return rc;
}
