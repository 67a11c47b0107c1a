/* charts — results.json to the charts of a run, their CSVs and the deck.
 * Each chart is built as a plots/ spec from charts_data, rendered into
 * memory in every format (on several threads when asked: the bytes do not
 * depend on it), and only then are the files written. See charts.h. */
#include "report/charts.h"
#include "util/util_csv.h"
#include "report/charts_data.h"
#include "report/charts_int.h"
#include "report/charts_transition.h"
#include "report/charts_platform.h"
#include "report/charts_label.h"
#include "util/util_msg.h"
#include "util/util_file.h"

#include <errno.h>
#include <strings.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plots/plot.h"
#include "plots/plot_chart.h"
#include "plots/plot_out.h"
#include "plots/plot_panels.h"
#include "plots/plot_ticks.h"
#include "plots/plot_text.h"

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

/* Slide size: PNG in pixels; SVG and PDF at 960 x 540 (points / CSS pixels),
 * the same 16:9 page the deck uses. */
#define PNG_W 1600
#define PNG_H 900
#define PAGE_W CHARTS_PAGE_W
#define PAGE_H CHARTS_PAGE_H


static const char *const chart_names[CHARTS_N] = { "lead_time", "bus_factor", "staffing", "time_split",
                                                   "lead_time_cdf" };

const char *charts_name(int chart)
{
    return chart >= 0 && chart < CHARTS_N ? chart_names[chart] : "?";
}

/* ---- option parsing --------------------------------------------------------------- */

/* Calls fn on each comma-separated item of list; -1 at the first failure. */
static int each_item(const char *opt, const char *list, int (*fn)(const char *opt, const char *item, unsigned *out),
                     unsigned *out)
{
    if (!list || !*list) {
        util_error("%s needs a comma-separated list", opt);
        return -1;
    }
    *out = 0;
    const char *p = list;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char item[64];
        if (n == 0 || n >= sizeof item) {
            util_error("%s: bad list '%s' (expected names separated by commas)", opt, list);
            return -1;
        }
        memcpy(item, p, n);
        item[n] = '\0';
        if (fn(opt, item, out) != 0)
            return -1;
        if (!e)
            return 0;
        p = e + 1;
    }
}

static int one_format(const char *opt, const char *item, unsigned *out)
{
    static const char *const names[] = { "png", "svg", "pdf", "pptx", "xlsx" };
    for (int i = 0; i < 5; i++)
        if (!strcmp(item, names[i])) {
            *out |= 1u << i;
            return 0;
        }
    util_error("%s: unknown format '%s' (known: png, svg, pdf, pptx, xlsx)", opt, item);
    return -1;
}

static int one_chart(const char *opt, const char *item, unsigned *out)
{
    for (int i = 0; i < CHARTS_N; i++)
        if (!strcmp(item, chart_names[i])) {
            *out |= 1u << i;
            return 0;
        }
    util_error("%s: unknown chart '%s' (known: lead_time, bus_factor, staffing, time_split, lead_time_cdf)",
              opt, item);
    return -1;
}

int charts_parse_formats(const char *opt, const char *list, unsigned *out)
{
    return each_item(opt, list, one_format, out);
}

int charts_parse_only(const char *opt, const char *list, unsigned *out)
{
    return each_item(opt, list, one_chart, out);
}

/* ---- one chart: its spec, its storage, its CSV ---------------------------------------- */


/* Models and hosting points shown (the first ones, up to the caps). */
int charts__shown_models(const charts_data *d)
{
    return d->n_models < MAX_MODELS_SHOWN ? d->n_models : MAX_MODELS_SHOWN;
}

static int shown_hostings(const charts_data *d)
{
    return d->n_hostings < MAX_HOSTINGS_SHOWN ? d->n_hostings : MAX_HOSTINGS_SHOWN;
}

/* " Showing the first 8 of 12 models." when some are left out. */
void charts__left_out_note(const charts_data *d, int hostings_matter, char *buf, size_t n)
{
    buf[0] = '\0';
    if (d->n_models > MAX_MODELS_SHOWN)
        snprintf(buf, n, " Showing the first %d of %d models.", MAX_MODELS_SHOWN, d->n_models);
    if (hostings_matter && d->n_hostings > MAX_HOSTINGS_SHOWN) {
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, " Showing the first %d of %d hosting points.", MAX_HOSTINGS_SHOWN, d->n_hostings);
    }
}

/* n doubles (NAN) owned by b; NULL when memory ran out. */
double *charts__alloc_num(built *b, size_t n)
{
    b->num = malloc((n ? n : 1) * sizeof *b->num);
    if (b->num)
        for (size_t i = 0; i < n; i++)
            b->num[i] = NAN;
    return b->num;
}

static const char *hosting_axis_title(const charts_data *d);

static void hosting_categories(built *b, const charts_data *d, int nh)
{
    for (int h = 0; h < nh; h++)
        b->cats[h] = charts_hosting_label(d->hosting[h]);
}

/* Grouped bars of one statistic per hosting point and model, with 95% whiskers. */
static int build_bars(built *b, const charts_data *d, const uint32_t *colour, size_t stat_off,
                      const char *metric)
{
    int nm = charts__shown_models(d), nh = shown_hostings(d);
    double *v = charts__alloc_num(b, (size_t)nm * (size_t)nh * 4);
    if (!v)
        return -1;
    hosting_categories(b, d, nh);
    plot_chart_init(&b->chart, PLOT_BARS);
    util_buf_add(&b->csv, "hosting,model,%s,ci95_low,ci95_high,n%s\n", metric,
                   b->id == CHARTS_LEAD_TIME ? ",lead_time_mean_days,warnings,unstable" : "");
    for (int m = 0; m < nm; m++) {
        double *val = v + (size_t)m * (size_t)nh * 4, *lo = val + nh, *hi = lo + nh, *mk = hi + nh;
        for (int h = 0; h < nh; h++) {
            const charts_cell *c = charts_cell_at(d, m, h);
            const charts_stat *st = (const charts_stat *)(const void *)((const char *)c + stat_off);
            val[h] = st->mean;
            lo[h] = st->low;
            hi[h] = st->high;
            mk[h] = c->lead_mean.mean;
        }
        b->series[m].name = charts_model_label(d->model[m]);
        b->series[m].colour = colour[m];
        b->series[m].values = val;
        b->series[m].low = lo;
        b->series[m].high = hi;
    }
    for (int h = 0; h < nh; h++)
        for (int m = 0; m < nm; m++) {
            const double *val = v + (size_t)m * (size_t)nh * 4;
            const charts_stat *st = (const charts_stat *)(const void *)((const char *)charts_cell_at(d, m, h) + stat_off);
            util_csv_field(&b->csv, d->hosting[h]);
            util_buf_add(&b->csv, ",");
            util_csv_field(&b->csv, d->model[m]);
            util_buf_add(&b->csv, ",");
            charts_csv_num(&b->csv, val[h]);
            util_buf_add(&b->csv, ",");
            charts_csv_num(&b->csv, val[h + (size_t)nh]);
            util_buf_add(&b->csv, ",");
            charts_csv_num(&b->csv, val[h + 2 * (size_t)nh]);
            util_buf_add(&b->csv, ",%d", st->n);
            if (b->id == CHARTS_LEAD_TIME) {
                int nw = cJSON_GetArraySize(charts_cell_at(d, m, h)->warnings);
                util_buf_add(&b->csv, ",");
                charts_csv_num(&b->csv, val[h + 3 * (size_t)nh]);
                util_buf_add(&b->csv, ",%d", nw);
                b->warn_f[(size_t)m * (size_t)nh + (size_t)h] = nw > 0;
                b->any_warn |= nw > 0;
                util_buf_add(&b->csv, ",");
                const charts_cell *c = charts_cell_at(d, m, h);
                if (c->unstable) {
                    util_csv_field(&b->csv, c->unstable_why);
                    b->unstable[m][h] = c->unstable_why;
                    b->unst_f[(size_t)m * (size_t)nh + (size_t)h] = 1;
                    b->any_unstable = 1;
                }
            }
            util_buf_add(&b->csv, "\n");
        }
    /* an unstable design gets no bar: its number is no steady state, and a
       tall bar would rescale the chart (its marker is drawn at the axis top) */
    for (int m = 0; m < nm && b->id == CHARTS_LEAD_TIME; m++)
        for (int h = 0; h < nh; h++)
            if (b->unstable[m][h]) {
                double *val = v + (size_t)m * (size_t)nh * 4;
                val[h] = val[h + nh] = val[h + 2 * (size_t)nh] = val[h + 3 * (size_t)nh] = NAN;
            }
    b->chart.categories = b->cats;
    b->chart.n_categories = (size_t)nh;
    b->chart.series = b->series;
    b->chart.n_series = (size_t)nm;
    b->chart.legend_title = "Ownership model";
    b->chart.x_title = hosting_axis_title(d);
    b->chart.title = b->title;
    b->chart.subtitle = b->subtitle;
    b->chart.caption = b->caption;
    if (b->id == CHARTS_LEAD_TIME)
        b->chart.marked = b->unst_f;     /* the hatched marker, no "n/a" */
    b->draw = plot_chart_draw_fn;
    b->ctx = &b->chart;
    return 0;
}

/* Draws b's chart, then marks(cr, b, L) over it with the chart's layout. */
int charts__chart_then(cairo_t *cr, double w, double h, const built *b,
                      void (*marks)(cairo_t *cr, const built *b, const plot_layout *L))
{
    int st = plot_chart_draw(cr, w, h, &b->chart);
    if (st)
        return st;
    plot_layout *L = malloc(sizeof *L);
    if (!L)
        return PLOT_ENOMEM;
    st = plot_chart_layout(cr, w, h, &b->chart, L);
    if (!st) {
        marks(cr, b, L);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            st = PLOT_ECAIRO;
    }
    free(L);
    return st;
}

/* The lead-time chart's marks: a white mark at each mean, ⚠ and unstable markers. */
static void lead_time_marks(cairo_t *cr, const built *b, const plot_layout *L)
{
    size_t nh = b->chart.n_categories;
    cairo_save(cr);
    cairo_rectangle(cr, L->px0, L->py0, L->px1 - L->px0, L->py1 - L->py0);
    cairo_clip(cr);
    for (size_t k = 0; k < b->chart.n_series; k++)
        for (size_t i = 0; i < nh; i++) {
            double v = b->marks[k * nh * 4 + i];
            if (!isfinite(v) || !isfinite(b->chart.series[k].values[i]))
                continue;
            double xl, xr;
            plot_layout_bar_span(L, &b->chart, i, k, &xl, &xr);
            /* a white bar across the middle 60% of the bar, dark-edged: not a segment */
            double y = plot_layout_value_y(L, v), t = 6.0 * L->scale, inset = (xr - xl) * 0.2;
            cairo_rectangle(cr, xl + inset, y - t / 2, xr - xl - 2 * inset, t);
            plot_colour_set(cr, 0xFFFFFFu, 1.0);
            cairo_fill_preserve(cr);
            cairo_set_line_width(cr, 1.5 * L->scale);
            plot_colour_set(cr, 0x1A1A1Au, 1.0);
            cairo_stroke(cr);
            /* the whisker stays on top, as plots/ draws it */
            const plot_series *se = &b->chart.series[k];
            if (se->low && se->high && isfinite(se->low[i]) && isfinite(se->high[i])) {
                double cx = (xl + xr) / 2, s = L->scale;
                cairo_move_to(cr, cx, plot_layout_value_y(L, se->low[i]));
                cairo_line_to(cr, cx, plot_layout_value_y(L, se->high[i]));
                cairo_set_line_width(cr, 2.0 * s);
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
                cairo_stroke(cr);
            }
        }
    cairo_restore(cr);
    /* a warning sign above results with validity warnings; unstable ones hatched */
    charts_mark_warnings(cr, &b->chart, L, b->warn_f);
    charts_mark_unstable(cr, &b->chart, L, b->unst_f);
}

static int lead_time_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    return charts__chart_then(cr, w, h, ctx, lead_time_marks);
}

static int build_lead_time(built *b, const charts_data *d, const uint32_t *colour)
{
    char note[160];
    charts__left_out_note(d, 1, note, sizeof note);
    snprintf(b->title, sizeof b->title, "Feature lead time by hosting point: p85 (bars) and mean (white marks)");
    snprintf(b->caption, sizeof b->caption,
             "Lead time: from a feature's arrival in the backlog to running in production. Bars: p85, mean over "
             "%d replications; whiskers: its 95%% CI. White marks: mean lead time.%s", d->reps, note);
    if (build_bars(b, d, colour, offsetof(charts_cell, lead_p85), "lead_time_p85_days") != 0)
        return -1;
    b->chart.y_title = "Lead time (working days)";
    if (b->any_warn) {
        size_t k = strlen(b->caption);
        snprintf(b->caption + k, sizeof b->caption - k, " \xe2\x9a\xa0 Validity warning (overloaded team, "
                 "unfinished features or short warm-up): see the deck's warnings page.");
    }
    if (b->any_unstable) {
        size_t k = strlen(b->caption);
        snprintf(b->caption + k, sizeof b->caption - k, " Hatched \"unstable\": no steady state, so no bar (a team's "
                 "queue grows without bound, or over %.0f%% of features unfinished; each reason in lead_time.csv).",
                 100.0 * CHARTS_UNFINISHED_UNSTABLE);
    }
    b->marks = b->num + 3 * (size_t)shown_hostings(d);
    b->draw = lead_time_draw;
    b->ctx = b;
    return 0;
}

static int build_bus_factor(built *b, const charts_data *d, const uint32_t *colour)
{
    char note[160];
    charts__left_out_note(d, 1, note, sizeof note);
    snprintf(b->title, sizeof b->title, "Infrastructure bus factor by hosting point and ownership model");
    snprintf(b->caption, sizeof b->caption,
             "Engineers who know (context \xe2\x89\xa5 0.5) each infrastructure component, averaged over the "
             "measured period and the components. Whiskers: 95%% CI over %d replications. At or below the "
             "dashed line, one departure can take the knowledge with it.%s", d->reps, note);
    if (build_bars(b, d, colour, offsetof(charts_cell, bus_infra), "bus_factor_infra_mean") != 0)
        return -1;
    b->chart.y_title = "Engineers who know a component";
    b->chart.ref_value = 1.0;
    b->chart.ref_label = "1 person";
    return 0;
}

/* Lines across the continuum: one per model. k selects the panel storage. */
static void lines_spec(built *b, plot_chart *c, plot_series *se, const charts_data *d, const uint32_t *colour,
                       const double *v, int with_band)
{
    int nm = charts__shown_models(d), nh = shown_hostings(d);
    plot_chart_init(c, PLOT_LINES);
    for (int m = 0; m < nm; m++) {
        const double *val = v + (size_t)m * (size_t)nh * 3;
        se[m].name = charts_model_label(d->model[m]);
        se[m].colour = colour[m];
        se[m].values = val;
        if (with_band) {
            se[m].low = val + nh;
            se[m].high = val + 2 * nh;
        }
    }
    c->categories = b->cats;
    c->n_categories = (size_t)nh;
    c->series = se;
    c->n_series = (size_t)nm;
    c->legend_title = "Ownership model";
}

size_t charts__value_labels(cairo_t *cr, const plot_chart *c, const plot_layout *L, charts_vlabel *out, size_t max)
{
    size_t ns = c->n_series, nc = c->n_categories, n = 0, n_segs = 0;
    double *buf = malloc(sizeof(double) * (4 * (ns * nc + 1) + 3 * max + 1));
    if (!buf)
        return 0;
    double *segs = buf, *x = segs + 4 * (ns * nc + 1), *y = x + max, *w = y + max, lh, s = L->scale;
    plot_text_font(cr, 13.0 * s, 1);
    plot_text_metrics(cr, NULL, NULL, &lh);
    for (size_t k = 0; k < ns; k++) {
        double dodge = ((double)k - (double)(ns - 1) / 2.0) * c->lines_dodge * L->band;
        for (size_t i = 0; i < nc; i++) {
            double v = c->series[k].values[i];
            if (!isfinite(v))
                continue;
            double px = L->cat_x[i] + dodge, py = plot_layout_value_y(L, v);
            double v1 = i + 1 < nc ? c->series[k].values[i + 1] : (double)NAN;
            if (isfinite(v1)) {
                double *sg = segs + 4 * n_segs++;
                sg[0] = px, sg[1] = py, sg[2] = L->cat_x[i + 1] + dodge, sg[3] = plot_layout_value_y(L, v1);
            }
        }
    }
    if (isfinite(c->ref_value)) {   /* the dashed "today" line */
        double *sg = segs + 4 * n_segs++, ry = plot_layout_value_y(L, c->ref_value);
        sg[0] = L->px0, sg[1] = ry, sg[2] = L->px1, sg[3] = ry;
    }
    /* per category, the lowest marker first */
    for (size_t i = 0; i < nc; i++) {
        size_t first = n;
        for (size_t k = 0; k < ns && n < max; k++) {
            double v = c->series[k].values[i];
            if (!isfinite(v))
                continue;
            double dodge = ((double)k - (double)(ns - 1) / 2.0) * c->lines_dodge * L->band;
            size_t j = n++;
            while (j > first && y[j - 1] < plot_layout_value_y(L, v)) {
                out[j] = out[j - 1], x[j] = x[j - 1], y[j] = y[j - 1];
                j--;
            }
            out[j].series = k;
            out[j].cat = i;
            util_fmt_whole(v, out[j].text, sizeof out[j].text);
            x[j] = L->cat_x[i] + dodge;
            y[j] = plot_layout_value_y(L, v);
        }
    }
    for (size_t j = 0; j < n; j++)
        w[j] = plot_text_width(cr, out[j].text);
    charts_box area = { L->px0, L->py0 - lh, L->width, L->py1 };
    charts_box *box = malloc((n + 1) * sizeof *box);
    if (box) {
        charts_label_place(x, y, w, n, lh, 8.0 * s, 0.22 * L->band, segs, n_segs, 3.0 * s, 9.0 * s, &area, box);
        for (size_t j = 0; j < n; j++)
            out[j].box = box[j];
    }
    free(box);
    free(buf);
    return box ? n : 0;
}

/* Value labels of a lines panel: each headcount in its model's colour,
 * clear of every line, marker and other label (charts__value_labels). */
static void panel_value_labels(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    size_t max = c->n_series * c->n_categories;
    charts_vlabel *lab = malloc((max + 1) * sizeof *lab);
    if (!lab)
        return;
    plot_text_setup(cr);
    size_t n = charts__value_labels(cr, c, L, lab, max);
    for (size_t j = 0; j < n; j++) {
        plot_colour_set(cr, charts_colour_darken(c->series[lab[j].series].colour, 0.35), 1.0);
        plot_text_draw(cr, lab[j].text, lab[j].box.x0, lab[j].box.y0, PLOT_ALIGN_LEFT);
    }
    free(lab);
}

/* The staffing panels, then the value labels on each. */
static int staffing_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const built *b = ctx;
    int st = plot_panels_draw(cr, w, h, &b->panels);
    plot_layout *L = st ? NULL : malloc(sizeof *L);
    if (!st && !L)
        st = PLOT_ENOMEM;
    /* the panels are drawn at the frame's font scale: a whole-page chart's */
    double scale = 1.0;
    if (!st && (st = plot_chart_layout(cr, w, h, &b->panel[0], L)) == 0)
        scale = L->scale;
    for (size_t k = 0; k < b->panels.n_panels && !st; k++) {
        double r[4];
        st = plot_panels_rect(cr, w, h, &b->panels, k, r);
        if (st)
            break;
        plot_chart c = b->panel[k];
        c.title = c.subtitle = c.caption = NULL;
        c.legend = PLOT_LEGEND_NONE;
        c.font_scale = scale;
        cairo_save(cr);
        cairo_translate(cr, r[0], r[1]);
        st = plot_chart_layout(cr, r[2], r[3], &c, L);
        if (!st)
            panel_value_labels(cr, &c, L);
        cairo_restore(cr);
    }
    free(L);
    if (!st && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = PLOT_ECAIRO;
    return st;
}

static int build_staffing(built *b, const charts_data *d, const uint32_t *colour)
{
    int nm = charts__shown_models(d), nh = shown_hostings(d);
    char note[160];
    charts__left_out_note(d, 1, note, sizeof note);
    hosting_categories(b, d, nh);
    if (!d->has_staffing) {
        double *v = charts__alloc_num(b, (size_t)nm * (size_t)nh * 3);
        if (!v)
            return -1;
        util_buf_add(&b->csv, "hosting,model,nonproduct_fte,ci95_low,ci95_high,n\n");
        for (int m = 0; m < nm; m++)
            for (int h = 0; h < nh; h++) {
                const charts_stat *st = &charts_cell_at(d, m, h)->nonproduct_fte;
                double *val = v + (size_t)m * (size_t)nh * 3;
                val[h] = st->mean;
                val[nh + h] = st->low;
                val[2 * nh + h] = st->high;
            }
        for (int h = 0; h < nh; h++)
            for (int m = 0; m < nm; m++) {
                const double *val = v + (size_t)m * (size_t)nh * 3;
                util_csv_field(&b->csv, d->hosting[h]);
                util_buf_add(&b->csv, ",");
                util_csv_field(&b->csv, d->model[m]);
                util_buf_add(&b->csv, ",");
                charts_csv_num(&b->csv, val[h]);
                util_buf_add(&b->csv, ",");
                charts_csv_num(&b->csv, val[nh + h]);
                util_buf_add(&b->csv, ",");
                charts_csv_num(&b->csv, val[2 * nh + h]);
                util_buf_add(&b->csv, ",%d\n", charts_cell_at(d, m, h)->nonproduct_fte.n);
            }
        lines_spec(b, &b->chart, b->series, d, colour, v, 1);
        /* one hosting point is no continuum: a line through one category is a
         * lone dot, so bars with whiskers instead */
        if (nh == 1)
            b->chart.kind = PLOT_BARS;
        if (nh == 1)
            snprintf(b->title, sizeof b->title, "Non-product engineering work at %s",
                     charts_hosting_label(d->hosting[0]));
        else
            snprintf(b->title, sizeof b->title, "Non-product engineering work across the hosting continuum");
        snprintf(b->caption, sizeof b->caption,
                 "No staffing targets in this scenario, so no required headcount: the busy engineer-time of all "
                 "teams on anything but product work, in full-time equivalents of busy time (busy FTE; not headcount). %s: 95%% CI over %d "
                 "replications.%s", nh == 1 ? "Whiskers" : "Bands", d->reps, note);
        b->chart.title = b->title;
        b->chart.subtitle = b->subtitle;
        b->chart.caption = b->caption;
        b->chart.x_title = hosting_axis_title(d);
        b->chart.y_title = "Non-product work (busy FTE)";
        b->draw = plot_chart_draw_fn;
        b->ctx = &b->chart;
        return 0;
    }
    /* two panels: the central team, and the total at equal delivery */
    double *v = charts__alloc_num(b, 2 * (size_t)nm * (size_t)nh * 3);
    if (!v)
        return -1;
    util_buf_add(&b->csv, "hosting,model,central_headcount,total_headcount\n");
    for (int m = 0; m < nm; m++)
        for (int h = 0; h < nh; h++) {
            const charts_cell *c = charts_cell_at(d, m, h);
            v[(size_t)m * (size_t)nh * 3 + (size_t)h] = c->staff_central;
            v[((size_t)nm + (size_t)m) * (size_t)nh * 3 + (size_t)h] = c->staff_total;
        }
    for (int h = 0; h < nh; h++)
        for (int m = 0; m < nm; m++) {
            util_csv_field(&b->csv, d->hosting[h]);
            util_buf_add(&b->csv, ",");
            util_csv_field(&b->csv, d->model[m]);
            util_buf_add(&b->csv, ",");
            charts_csv_num(&b->csv, v[(size_t)m * (size_t)nh * 3 + (size_t)h]);
            util_buf_add(&b->csv, ",");
            charts_csv_num(&b->csv, v[((size_t)nm + (size_t)m) * (size_t)nh * 3 + (size_t)h]);
            util_buf_add(&b->csv, "\n");
        }
    int unreachable = 0;
    for (int i = 0; i < 2 * nm * nh; i++)
        if (isnan(v[(size_t)(i / nh) * (size_t)nh * 3 + (size_t)(i % nh)]))
            unreachable = 1;
    b->today[0] = d->today_central;
    b->today[1] = d->today_product + d->today_central;
    for (int k = 0; k < 2; k++) {
        lines_spec(b, &b->panel[k], b->pseries[k], d, colour, v + (size_t)k * (size_t)nm * (size_t)nh * 3, 0);
        b->panel[k].x_title = "Hosting point";
        b->panel[k].y_title = "Engineers";
        b->panel[k].lines_dodge = 0.12; /* headcounts are integers: equal ones side by side */
        if (isfinite(b->today[k])) {
            /* "today": the scenario's team sizes, a dashed reference */
            char whole[32];
            snprintf(b->today_label[k], sizeof b->today_label[k], "today %s",
                     util_fmt_whole(b->today[k], whole, sizeof whole));
            b->panel[k].ref_value = b->today[k];
            b->panel[k].ref_label = b->today_label[k];
        }
    }
    for (int m = 0; m < nm; m++)
        b->legend[m] = b->pseries[0][m];
    b->headings[0] = "Central team required";
    b->headings[1] = "Total headcount at equal delivery";
    snprintf(b->title, sizeof b->title, "Staffing across the hosting continuum: central team and total headcount");
    snprintf(b->caption, sizeof b->caption,
             "Central team: the smallest team meeting the scenario's targets. Total: product engineers needed for "
             "the lead-time target plus the central team. Dashed: today, the scenario's team sizes.%s From %s.%s",
             unreachable ? " n/a: a target is out of reach (notes in staffing.json)." : "",
             d->staffing_file ? d->staffing_file : "the staffing analysis", note);
    b->panels.title = b->title;
    b->panels.subtitle = b->subtitle;
    b->panels.caption = b->caption;
    b->panels.panels = b->panel;
    b->panels.headings = b->headings;
    b->panels.n_panels = 2;
    b->panels.legend = b->legend;
    b->panels.n_legend = (size_t)nm;
    b->panels.legend_kind = PLOT_LINES;
    b->panels.legend_title = "Ownership model";
    b->draw = staffing_draw;
    b->ctx = b;
    return 0;
}

/* Display names and colours of the time-share categories. */
static void cat_style(const char *cat, const char **label, uint32_t *colour)
{
    static const struct {
        const char *cat, *label;
        uint32_t colour;
    } map[] = {
        { "product", "Product work", PLOT_BLUISH_GREEN },
        { "nonproduct", "Non-product work", PLOT_SKY_BLUE },
        { "handoff", "Handoffs", PLOT_REDDISH_PURPLE },
        { "clarification", "Clarification", 0xE7BBD5u },
        { "learning", "Learning", PLOT_YELLOW },
        { "incident", "Incidents", PLOT_VERMILLION },
        { "toil", "Toil", PLOT_ORANGE },
        { "enablement", "Enablement", PLOT_BLUE },
        { "idle", "Idle", 0xDDDDDDu },
        { "switching", "Switching features", 0xF5D5A0u },   /* light orange: a cost of product work */
        { "unplanned", "Unplanned work and rework", 0x9ED9C8u },  /* light bluish green: product teams' other work */
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(cat, map[i].cat)) {
            *label = map[i].label;
            *colour = map[i].colour;
            return;
        }
    *label = cat;
    *colour = PLOT_GREY;
}

/* "IaaS" for a preset hosting point, "hosting point ‘x’" for others. */
const char *charts__at_hosting(const char *name, char *buf, size_t n)
{
    const char *l = charts_hosting_label(name);
    if (l != name)
        return l;
    snprintf(buf, n, "hosting point \xe2\x80\x98%s\xe2\x80\x99", name);
    return buf;
}

#define NBSP "\xc2\xa0"

int charts__team_size_label(const charts_data *d, const charts_cell *c, int product, char *buf, size_t n)
{
    /* the hiring rule's hires: their mean in this cell when the results
     * count them (a share of a person is what the replications made), else
     * the most the rule may make */
    int rule = !product && d->central_hires > 0;
    int mean = rule && c && isfinite(c->rule_hires);
    double start = product ? d->start_product : d->today_central;
    double end = product ? d->end_product : d->end_central + (mean ? c->rule_hires : rule ? d->central_hires : 0.0);
    char a[24], b[24];
    if (n)
        buf[0] = '\0';
    if (!isfinite(start))
        return 0;
    util_fmt_whole(start, a, sizeof a);
    if (!isfinite(end) || fabs(end - start) < (mean ? 0.05 : 0.5)) {
        snprintf(buf, n, " (%s)", a);
        return 0;
    }
    if (mean && fabs(end - round(end)) >= 0.05)
        snprintf(b, sizeof b, "%.1f", end);
    else
        util_fmt_whole(end, b, sizeof b);
    /* no-break spaces inside the brackets: a label wraps before "(", not
     * inside ("Ops team (0" over "→ up to 3)") */
    int upto = rule && !mean;
    snprintf(buf, n, " (%s" NBSP "\xe2\x86\x92" NBSP "%s%s)", a, upto ? "up" NBSP "to" NBSP : "", b);
    return upto ? 3 : mean ? 5 : 1;
}

/* The x axis title for hosting points: the continuum's direction when they
 * are the presets in their order. */
static const char *hosting_axis_title(const charts_data *d)
{
    static const char *const order[] = { "on_prem", "colocation", "iaas", "containers", "paas", "serverless" };
    int at = -1;
    for (int h = 0; h < d->n_hostings; h++) {
        int k = -1;
        for (int j = 0; j < 6; j++)
            if (!strcmp(d->hosting[h], order[j]))
                k = j;
        if (k <= at)
            return "Hosting point";
        at = k;
    }
    return d->n_hostings >= 2 ? "Hosting point (left: most operations work, right: least)" : "Hosting point";
}

static int hosting_index(const charts_data *d, const char *name)
{
    if (!name)
        return (d->n_hostings - 1) / 2;
    for (int h = 0; h < d->n_hostings; h++)
        if (!strcmp(d->hosting[h], name))
            return h;
    return -1;
}

static void capitalised(const char *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s", s);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

int charts__central_bar_name(const charts_data *d, int m, char *buf, size_t n)
{
    capitalised(d->central_team[m] ? d->central_team[m] : "Central team", buf, n);
    if (!d->end_central_name[0] || !d->central_team[m] || !strcasecmp(d->end_central_name, d->central_team[m]))
        return 0;
    size_t l = strlen(buf);
    if (l < n)
        snprintf(buf + l, n - l, " \xe2\x86\x92 %s", d->end_central_name);
    return 1;
}

static int build_time_split(built *b, const charts_data *d, int h)
{
    int nm = charts__shown_models(d);
    /* bars: per model, the product teams and (when it has any time) the central team */
    int bar_m[PLOT_MAX_CATEGORIES], bar_t[PLOT_MAX_CATEGORIES], nb = 0, changes = 0, unstable_bars = 0, renamed = 0;
    for (int m = 0; m < nm; m++)
        for (int t = 0; t < CHARTS_TEAMS; t++) {
            const charts_cell *c = charts_cell_at(d, m, h);
            int any = 0;
            for (int k = 0; k < d->n_cats; k++)
                if (isfinite(c->share[t][k]) && c->share[t][k] > 0)
                    any = 1;
            if (!any && t == CHARTS_TEAM_CENTRAL)
                continue; /* no central team in this design */
            bar_m[nb] = m;
            bar_t[nb] = t;
            nb++;
        }
    double *v = charts__alloc_num(b, (size_t)(d->n_cats ? d->n_cats : 1) * (size_t)(nb ? nb : 1));
    if (!v)
        return -1;
    for (int i = 0; i < nb; i++) {
        const charts_cell *c = charts_cell_at(d, bar_m[i], h);
        double total = 0;
        for (int k = 0; k < d->n_cats; k++)
            if (isfinite(c->share[bar_t[i]][k]) && c->share[bar_t[i]][k] > 0)
                total += c->share[bar_t[i]][k];
        for (int k = 0; k < d->n_cats; k++) {
            double s = c->share[bar_t[i]][k];
            v[(size_t)k * (size_t)nb + (size_t)i] = total > 0 && isfinite(s) ? (s > 0 ? s / total : 0.0) : (double)NAN;
        }
        /* each bar says how many people it is: 6 and 64 must not look the same */
        char name[64], size[32] = "";     /* 63 + 31 fit cat_text[96] */
        changes |= charts__team_size_label(d, c, bar_t[i] == CHARTS_TEAM_PRODUCT, size, sizeof size);
        /* an unstable design's bars are marked as in the key numbers (†, kept
         * with the size by a no-break space): its shares are measured, but not
         * of a steady state */
        size_t sl = strlen(size);
        int dagger = c->unstable && sl + 6 < sizeof size;
        unstable_bars |= dagger;
        if (dagger)
            snprintf(size + sl, sizeof size - sl, "%s\xe2\x80\xa0", sl ? NBSP : " ");
        if (nm > 4) /* many bars: short labels */
            snprintf(name, sizeof name, bar_t[i] == CHARTS_TEAM_PRODUCT ? "Product" : "Central");
        else if (bar_t[i] == CHARTS_TEAM_PRODUCT)
            snprintf(name, sizeof name, "Product teams");
        else
            renamed |= charts__central_bar_name(d, bar_m[i], name, sizeof name);
        snprintf(b->cat_text[i], sizeof b->cat_text[i], "%s%s", name, size);
        b->cats[i] = b->cat_text[i];
        b->groups[i] = charts_model_label(d->model[bar_m[i]]);
    }
    plot_chart_init(&b->chart, PLOT_STACKED);
    /* segments: the categories with time in some bar (an empty legend entry only distracts) */
    int seg_cat[CHARTS_MAX_CATS], ns = 0;
    for (int k = 0; k < d->n_cats; k++) {
        int any = 0;
        for (int i = 0; i < nb; i++)
            if (v[(size_t)k * (size_t)nb + (size_t)i] > 0)
                any = 1;
        if (!any)
            continue;
        cat_style(d->cat[k], &b->series[ns].name, &b->series[ns].colour);
        b->series[ns].values = v + (size_t)k * (size_t)nb;
        seg_cat[ns++] = k;
    }
    util_buf_add(&b->csv, "hosting,model,team,category,share\n");
    for (int i = 0; i < nb; i++)
        for (int j = 0; j < ns; j++) {
            int k = seg_cat[j];
            util_csv_field(&b->csv, d->hosting[h]);
            util_buf_add(&b->csv, ",");
            util_csv_field(&b->csv, d->model[bar_m[i]]);
            util_buf_add(&b->csv, ",%s,", bar_t[i] == CHARTS_TEAM_PRODUCT ? "product" : "central");
            util_csv_field(&b->csv, d->cat[k]);
            util_buf_add(&b->csv, ",");
            charts_csv_num(&b->csv, v[(size_t)k * (size_t)nb + (size_t)i]);
            util_buf_add(&b->csv, "\n");
        }
    char note[160];
    charts__left_out_note(d, 0, note, sizeof note);
    char at[160];
    snprintf(b->title, sizeof b->title, "Where engineering time goes at %s", charts__at_hosting(d->hosting[h], at, sizeof at));
    snprintf(b->caption, sizeof b->caption,
             "Shares of each team's available engineer-time in the measured period, by ownership model and team, "
             "means over %d replications (all product teams together). In brackets: the team's size in people "
             "(the scenario's%s).%s%s%s", d->reps,
             !changes ? ""
             : changes & 2 ? "; a \xe2\x86\x92 b: at the run's start and its end; up to: with every hire the hiring rule "
                             "may make"
             : changes & 4 ? "; a \xe2\x86\x92 b: at the run's start and its end, with the hiring rule's hires "
                             "as their mean over the replications"
                           : "; a \xe2\x86\x92 b: at the run's start and its end (teams that start later, the "
                             "timeline's hires and moves)",
             renamed ? " A central team named a \xe2\x86\x92 b: the timeline switches the model, and the team "
                       "ends as b; its shares are of the whole measured period." : "",
             unstable_bars ? " \xe2\x80\xa0 Unstable design: no steady state (a queue keeps growing); its shares "
                             "are of the measured window, not of a steady state." : "", note);
    b->chart.title = b->title;
    b->chart.subtitle = b->subtitle;
    b->chart.caption = b->caption;
    b->chart.categories = b->cats;
    b->chart.category_groups = b->groups;
    b->chart.n_categories = (size_t)(nb ? nb : 1);
    if (nb == 0) {
        b->cats[0] = "";
        b->groups[0] = "";
    }
    b->chart.series = b->series;
    b->chart.n_series = (size_t)ns;
    b->chart.stack_shares = 1;
    b->chart.y_title = "Share of available time";
    b->chart.legend_title = "Time spent on";
    b->chart.value_decimals = 0;
    b->draw = plot_chart_draw_fn;
    b->ctx = &b->chart;
    return 0;
}

static void built_free(built *b)
{
    free(b->num);
    util_buf_free(&b->csv);
    for (int f = 0; f < 3; f++)
        free(b->out[f]);
}

/* Builds chart id of d into c (zeroed): its spec, its CSV, with the subtitle
 * sub and the staffing level it shows. 0 or -1 (out of memory). */
static int build_one(built *c, const charts_data *d, int id, const uint32_t *colour, const char *sub, int h_cdf,
                     int h_split)
{
    c->id = id;
    /* every chart says which staffing level it shows */
    snprintf(c->subtitle, sizeof c->subtitle, "%s \xc2\xb7 %s", sub,
             id == CHARTS_STAFFING && d->has_staffing ? "team sizes found by the staffing search"
                                                      : "at the scenario's team sizes");
    int st = 0;
    switch (id) {
    case CHARTS_LEAD_TIME: st = build_lead_time(c, d, colour); break;
    case CHARTS_BUS_FACTOR: st = build_bus_factor(c, d, colour); break;
    case CHARTS_STAFFING: st = build_staffing(c, d, colour); break;
    case CHARTS_TIME_SPLIT: st = build_time_split(c, d, h_split); break;
    default: st = charts__build_lead_time_cdf(c, d, colour, h_cdf); break;
    }
    return st != 0 || c->csv.err ? -1 : 0;
}

struct charts_one {
    built b;
};

charts_one *charts_one_new(const charts_data *d, int id, int h)
{
    charts_one *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    uint32_t colour[MAX_MODELS_SHOWN];
    charts_model_colours(d, colour, MAX_MODELS_SHOWN);
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    if (id < 0 || id >= CHARTS_N || build_one(&o->b, d, id, colour, sub, h, h) != 0) {
        charts_one_free(o);
        return NULL;
    }
    return o;
}

int charts_one_draw(cairo_t *cr, double w, double h, const charts_one *o)
{
    return o->b.draw(cr, w, h, o->b.ctx);
}

const plot_chart *charts_one_chart(const charts_one *o, int panel)
{
    return o->b.id == CHARTS_STAFFING && o->b.draw != plot_chart_draw_fn ? &o->b.panel[panel ? 1 : 0] : &o->b.chart;
}

const plot_panels *charts_one_panels(const charts_one *o)
{
    return o->b.id == CHARTS_STAFFING && o->b.draw != plot_chart_draw_fn ? &o->b.panels : NULL;
}

const char *charts_one_csv(const charts_one *o)
{
    return util_buf_str(&o->b.csv);
}

void charts_one_free(charts_one *o)
{
    if (!o)
        return;
    built_free(&o->b);
    free(o);
}

/* ---- rendering and writing ------------------------------------------------------ */

/* Chart PDFs carry a date that never varies between runs: SOURCE_DATE_EPOCH
 * when set, else the epoch (1970-01-01T00:00:00Z). */
static const char *fixed_date(char *buf, size_t n)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (!errno && *end == '\0' && v >= 0 && plot_date_iso(v, buf, n) == 0)
            return buf;
    }
    return NULL;
}

static void render_one(built *b, int fmt)
{
    char date[40];
    plot_doc_info info = { b->title, NULL, NULL, "devopsim " DEVOPSIM_VERSION, fixed_date(date, sizeof date) };
    int st;
    switch (fmt) {
    case 0:
        st = plot_render_png(PNG_W, PNG_H, b->draw, b->ctx, &b->out[0], &b->out_len[0], b->err, sizeof b->err);
        break;
    case 1:
        st = plot_render_svg(PAGE_W, PAGE_H, b->draw, b->ctx, &b->out[1], &b->out_len[1], b->err, sizeof b->err);
        break;
    default:
        st = plot_render_pdf(PAGE_W, PAGE_H, &info, b->draw, b->ctx, &b->out[2], &b->out_len[2], b->err,
                             sizeof b->err);
        break;
    }
    if (st) {
#pragma omp critical(charts_status)
        if (!b->status)
            b->status = st;
    }
}

/* The run date for the deck: provenance.json's "date" beside the results
 * (written by the same run), else now (SOURCE_DATE_EPOCH when set). */
static void run_date(const char *results_path, char *out, size_t n)
{
    out[0] = '\0';
    if (results_path) {
        char *p = charts_beside(results_path, "provenance.json");
        char *text = p ? util_read_file(p, UTIL_READ_MAX, NULL) : NULL;
        cJSON *root = text ? cJSON_Parse(text) : NULL;
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(root, "date");
        if (cJSON_IsString(date) && date->valuestring && strlen(date->valuestring) < n && strlen(date->valuestring) >= 10)
            snprintf(out, n, "%s", date->valuestring);
        cJSON_Delete(root);
        free(text);
        free(p);
    }
    if (!out[0])
        util_date_iso(out, n);
    /* A deck is dated by the day: runs of the same day give the same deck
     * (and with SOURCE_DATE_EPOCH, runs of any day). */
    if (strlen(out) >= 10 && n > 10)
        out[10] = '\0';
}

/* Staffing data beside the results (staffing.json, else staffing.csv), or
 * embedded as "staffing" in results. 0 ok or none; -1 bad file (printed). */
static int load_staffing(charts_data *d, const cJSON *results, const char *results_path)
{
    util_diags diags;
    util_diags_init(&diags);
    char why[512] = "";
    int rc = 0;
    const cJSON *emb = cJSON_GetObjectItemCaseSensitive(results, "staffing");
    if (emb && (cJSON_IsArray(emb) || cJSON_IsObject(emb))) {
        char name[1100];
        snprintf(name, sizeof name, "%s ($.staffing)", results_path ? results_path : "results");
        rc = charts_data_staffing_json(d, emb, name, why, sizeof why, &diags);
    } else if (results_path) {
        char *pj = charts_beside(results_path, "staffing.json");
        char *pc = charts_beside(results_path, "staffing.csv");
        struct stat st;
        if (pj && stat(pj, &st) == 0) {
            cJSON *root = charts_json_read(pj, &diags);
            rc = root ? charts_data_staffing_json(d, root, pj, why, sizeof why, &diags) : -1;
            cJSON_Delete(root);
        } else if (pc && stat(pc, &st) == 0) {
            char *text = util_read_file(pc, UTIL_READ_MAX, NULL);
            if (!text) {
                util_diags_add(&diags, pc, 0, 0, NULL, NULL, 0, "cannot read: %s", strerror(errno));
                rc = -1;
            } else {
                rc = charts_data_staffing_csv(d, text, pc, why, sizeof why, &diags);
            }
            free(text);
        }
        free(pj);
        free(pc);
    }
    if (rc < 0) {
        util_diags_print(&diags, stderr);
    } else if (rc > 0) {
        util_error("note: %s; the staffing chart shows non-product work (busy FTE) instead", why);
        rc = 0;
    }
    util_diags_free(&diags);
    return rc;
}

/* The paired comparisons of comparisons.csv beside the results, for the
 * deck's summary, with the robustness labels of robustness.csv; none (a
 * note on stderr) when one is missing or does not fit. */
static void load_comparisons(charts_data *d, const char *results_path)
{
    char *pc = charts_beside(results_path, "comparisons.csv");
    char *text = pc ? util_read_file(pc, UTIL_READ_MAX, NULL) : NULL;
    char why[600] = "";
    int used = text && charts_data_comparisons_csv(d, text, "comparisons.csv", why, sizeof why) == 0;
    if (text && !used)
        util_error("note: %s; the deck's summary has no comparisons", why);
    free(text);
    free(pc);
    /* their robustness labels, when the run checked them (robustness.csv) */
    char *pr = used ? charts_beside(results_path, "robustness.csv") : NULL;
    text = pr ? util_read_file(pr, UTIL_READ_MAX, NULL) : NULL;
    if (text && charts_data_robustness_csv(d, text, "robustness.csv", why, sizeof why) != 0)
        util_error("note: %s; the deck's summary has no robustness labels", why);
    free(text);
    free(pr);
}

/* What a run writes beside its results for the deck's later pages, when it
 * did: the transition chart's numbers and the payback (a timeline), the
 * input uncertainty (an "uncertain" section), the robustness reruns.
 * Missing files: no pages. */
static void load_later(charts_data *d, const char *results_path)
{
    static const char *const names[5] = { "charts/transition.csv", "payback.csv", "charts/payback.csv",
                                          "uncertainty.csv", "robustness.csv" };
    char **into[5] = { &d->transition_csv, &d->payback_csv, &d->payback_chart_csv, &d->uncertainty_csv,
                       &d->robustness_csv };
    for (int i = 0; i < 5; i++) {
        char *p = charts_beside(results_path, names[i]);
        *into[i] = p ? util_read_file(p, UTIL_READ_MAX, NULL) : NULL;
        free(p);
    }
}

/* Long (about 160 lines) on purpose: the one place that states the order of
 * a chart run — read and check, build the specs, render every chart in every
 * format on threads, render the deck, then write — with one cleanup path for
 * every failure; each stage is a call or a short loop. */
int charts_write_tree(const cJSON *results, const char *results_path, const char *dir, const charts_opts *o)
{
    charts_opts dflt = { 0 };
    if (!o)
        o = &dflt;
    unsigned formats = o->formats ? o->formats : CHARTS_FMT_ALL;
    unsigned only = o->only ? o->only : (1u << CHARTS_N) - 1u;
    const char *name = results_path ? results_path : "results";

    util_diags diags;
    util_diags_init(&diags);
    charts_data d;
    if (charts_data_from_json(results, name, &d, &diags) != 0) {
        util_diags_print(&diags, stderr);
        util_diags_free(&diags);
        return CHARTS_EINPUT;
    }
    util_diags_free(&diags);
    int h_cdf = hosting_index(&d, o->cdf_hosting), h_split = hosting_index(&d, o->split_hosting);
    if (h_cdf < 0 || h_split < 0) {
        const char *bad = h_cdf < 0 ? o->cdf_hosting : o->split_hosting;
        const char *s = util_suggest(bad, d.hosting, (size_t)d.n_hostings);
        char list[512] = "";
        for (int h = 0; h < d.n_hostings; h++) {
            size_t k = strlen(list);
            snprintf(list + k, sizeof list - k, "%s%s", h ? ", " : "", d.hosting[h]);
        }
        util_error("%s: %s: no hosting point '%s' in these results%s%s%s (they have: %s)", name,
                  h_cdf < 0 ? "--cdf-hosting" : "--split-hosting", bad, s ? "; did you mean '" : "",
                  s ? s : "", s ? "'?" : "", list);
        charts_data_free(&d);
        return CHARTS_EINPUT;
    }
    if (load_staffing(&d, results, results_path) != 0) {
        charts_data_free(&d);
        return CHARTS_EINPUT;
    }
    run_date(results_path, d.run_date, sizeof d.run_date);
    load_comparisons(&d, results_path);
    load_later(&d, results_path);

    uint32_t colour[MAX_MODELS_SHOWN];
    charts_model_colours(&d, colour, MAX_MODELS_SHOWN);
    built *b = calloc(CHARTS_N, sizeof *b);
    if (!b) {
        util_error("out of memory drawing charts");
        charts_data_free(&d);
        return CHARTS_EFAIL;
    }
    int rc = CHARTS_OK, nb = 0;
    char sub[256];
    charts_subtitle(&d, sub, sizeof sub);
    for (int id = 0; id < CHARTS_N && rc == CHARTS_OK; id++) {
        if (!(only & (1u << id)))
            continue;
        built *c = &b[nb++];
        if (build_one(c, &d, id, colour, sub, h_cdf, h_split) != 0) {
            util_error("out of memory drawing charts");
            rc = CHARTS_EFAIL;
        }
    }

    /* render every chart in every format into memory: independent jobs */
    int n_jobs = nb * 3, threads = o->jobs > 1 ? o->jobs : 1;
    if (rc == CHARTS_OK) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1)
        for (int j = 0; j < n_jobs; j++)
            if (formats & (1u << (j % 3)))
                render_one(&b[j / 3], j % 3);
        for (int i = 0; i < nb && rc == CHARTS_OK; i++)
            if (b[i].status) {
                util_error("%s: %s", charts_name(b[i].id), b[i].err[0] ? b[i].err : plot_strerror(b[i].status));
                rc = CHARTS_EFAIL;
            }
    }

    /* the deck, rendered page by page into memory: deck.pdf and/or deck.pptx */
    plot_deck *deck = NULL;
    char *deck_path = NULL;
    charts_slides slides = { 0 };
    charts_sink sink = { NULL, (formats & CHARTS_FMT_PPTX) ? &slides : NULL, 0, 0 };
    if (rc == CHARTS_OK && (formats & (CHARTS_FMT_PDF | CHARTS_FMT_PPTX))) {
        char err[512] = "", title[300];
        snprintf(title, sizeof title, "devopsim: %s", d.scenario);
        char day[40];
        snprintf(day, sizeof day, "%.10sT00:00:00Z", d.run_date);
        plot_doc_info info = { title, NULL, "Ownership models across the hosting continuum",
                               "devopsim " DEVOPSIM_VERSION, day };
        if (formats & CHARTS_FMT_PDF) {
            deck_path = util_path_join(dir, "deck.pdf");
            deck = deck_path ? plot_deck_new(deck_path, PAGE_W, PAGE_H, &info, err, sizeof err) : NULL;
        }
        sink.pdf = deck;
        charts_page pages[CHARTS_N];
        for (int i = 0; i < nb; i++) {
            pages[i].draw = b[i].draw;
            pages[i].ctx = b[i].ctx;
            pages[i].title = b[i].title;
            pages[i].numbers = util_buf_str(&b[i].csv);
        }
        if (((formats & CHARTS_FMT_PDF) && !deck) || charts_deck_pages(&sink, &d, pages, nb, err, sizeof err) != 0) {
            util_error("%s", err[0] ? err : "out of memory drawing the deck");
            plot_deck_discard(deck);
            deck = NULL;
            rc = CHARTS_EFAIL;
        }
    }

    /* write: the directory, every chart file, the CSVs, the deck */
    if (rc == CHARTS_OK && util_mkdir_p(dir) != 0)
        rc = CHARTS_EFAIL;
    static const char *const ext[3] = { "png", "svg", "pdf" };
    for (int i = 0; i < nb && rc == CHARTS_OK; i++) {
        char file[64];
        for (int f = 0; f < 3 && rc == CHARTS_OK; f++) {
            if (!(formats & (1u << f)))
                continue;
            snprintf(file, sizeof file, "%s.%s", charts_name(b[i].id), ext[f]);
            if (util_write_atomic(dir, file, b[i].out[f], b[i].out_len[f]) != 0)
                rc = CHARTS_EFAIL;
        }
        snprintf(file, sizeof file, "%s.csv", charts_name(b[i].id));
        if (rc == CHARTS_OK && util_write_atomic(dir, file, util_buf_str(&b[i].csv), b[i].csv.n) != 0)
            rc = CHARTS_EFAIL;
    }
    /* the platform team's size, when the staffing beside the results searched it */
    if (rc == CHARTS_OK && (only & (1u << CHARTS_STAFFING)))
        rc = charts_platform_write(results_path, dir, formats);
    if (rc == CHARTS_OK && o->transition && !o->only && charts_transition_write(&d, dir, formats) != 0)
        rc = CHARTS_EFAIL;
    if (deck) {
        char err[512] = "";
        if (rc == CHARTS_OK) {
            if (plot_deck_close(deck, err, sizeof err) != 0) {
                util_error("%s", err);
                rc = CHARTS_EFAIL;
            }
        } else {
            plot_deck_discard(deck);
        }
    }
    if (rc == CHARTS_OK && (formats & (CHARTS_FMT_PPTX | CHARTS_FMT_XLSX))) {
        char err[512] = "";
        char *pp = util_path_join(dir, "deck.pptx"), *px = util_path_join(dir, "results.xlsx");
        if (!pp || !px) {
            util_error("out of memory");
            rc = CHARTS_EFAIL;
        } else if ((formats & CHARTS_FMT_PPTX) && charts_pptx_write(&slides, &d, pp, err, sizeof err) != 0) {
            util_error("%s", err);
            rc = CHARTS_EFAIL;
        } else if ((formats & CHARTS_FMT_XLSX) && charts_xlsx_write(&d, px, err, sizeof err) != 0) {
            util_error("%s", err);
            rc = CHARTS_EFAIL;
        }
        free(pp);
        free(px);
    }
    charts_slides_free(&slides);
    free(deck_path);
    for (int i = 0; i < nb; i++)
        built_free(&b[i]);
    free(b);
    charts_data_free(&d);
    return rc;
}

int charts_write(const char *results_path, const char *dir, const charts_opts *o)
{
    util_diags diags;
    util_diags_init(&diags);
    cJSON *root = charts_json_read(results_path, &diags);
    if (!root) {
        util_diags_print(&diags, stderr);
        util_diags_free(&diags);
        return CHARTS_EINPUT;
    }
    util_diags_free(&diags);
    int rc = charts_write_tree(root, results_path, dir, o);
    cJSON_Delete(root);
    return rc;
}
