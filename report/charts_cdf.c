/* charts_cdf — the lead-time distribution chart (lead_time_cdf) of one
 * hosting point: the models' ECDFs from their percentiles, a ▲ at the top end
 * of a design that left features unfinished. */
#include "report/charts_int.h"
#include "util/util_csv.h"

#include <math.h>
#include <stdio.h>

#include "plots/plot_chart.h"
#include "plots/plot_ticks.h"

/* A filled, dark-edged ▲ of colour at (x, y): a curve's top end (the legend
 * gives the share unfinished). */
static void partial_mark(cairo_t *cr, double x, double y, double s, uint32_t colour)
{
    double r = 7.0 * s;
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y + r * 0.8);
    cairo_line_to(cr, x - r, y + r * 0.8);
    cairo_close_path(cr);
    plot_colour_set(cr, colour, 1.0);
    cairo_fill_preserve(cr);
    plot_colour_set(cr, 0x1A1A1Au, 1.0);
    cairo_set_line_width(cr, 1.0 * s);
    cairo_stroke(cr);
}

/* The lead-time distribution's marks: a ▲ at the top end of each curve of a
 * design that left features unfinished. */
static void cdf_marks(cairo_t *cr, const built *b, const plot_layout *L)
{
    cairo_save(cr);
    for (size_t k = 0; k < b->chart.n_series; k++) {
        const plot_series *se = &b->chart.series[k];
        if (!(b->partial[k] > 0) || !isfinite(se->values[CHARTS_PERCENTILES - 1]))
            continue;
        double x = plot_layout_value_x(L, fmin(se->values[CHARTS_PERCENTILES - 1],
                                               isfinite(b->chart.x_max) ? b->chart.x_max : HUGE_VAL));
        partial_mark(cr, x, plot_layout_value_y(L, 1.0), L->scale, se->colour);
    }
    cairo_restore(cr);
}

static int cdf_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    return charts__chart_then(cr, w, h, ctx, cdf_marks);
}

int charts__build_lead_time_cdf(built *b, const charts_data *d, const uint32_t *colour, int h)
{
    int nm = charts__shown_models(d);
    double *v = charts__alloc_num(b, (size_t)nm * CHARTS_PERCENTILES);
    if (!v)
        return -1;
    plot_chart_init(&b->chart, PLOT_ECDF);
    util_buf_add(&b->csv, "hosting,model,percentile,lead_time_days\n");
    for (int m = 0; m < nm; m++) {
        const charts_cell *c = charts_cell_at(d, m, h);
        double *val = v + (size_t)m * CHARTS_PERCENTILES;
        for (int k = 0; k < CHARTS_PERCENTILES; k++) {
            val[k] = c->pct[k];
            util_csv_field(&b->csv, d->hosting[h]);
            util_buf_add(&b->csv, ",");
            util_csv_field(&b->csv, d->model[m]);
            util_buf_add(&b->csv, ",%d,", k);
            charts_csv_num(&b->csv, val[k]);
            util_buf_add(&b->csv, "\n");
        }
        b->series[m].name = charts_model_label(d->model[m]);
        /* a design that finished only part of its features says so in the
           legend, and its curve ends in a marked "of finished" label */
        if (isfinite(c->unfinished_share) && c->unfinished_share >= CHARTS_UNFINISHED_MARK) {
            snprintf(b->cat_text[m], sizeof b->cat_text[m], "%s (\xe2\x96\xb2 %.0f%% unfinished)", charts_model_label(d->model[m]),
                     100.0 * c->unfinished_share);
            b->series[m].name = b->cat_text[m];
            b->partial[m] = c->unfinished_share;
            b->any_partial = 1;
        }
        b->series[m].colour = colour[m];
        b->series[m].values = val;
        b->series[m].n_values = CHARTS_PERCENTILES;
    }
    /* the x axis ends at the largest p99 (a nice number) when the slowest 1%
       of features lie far out (beyond 1.5 times that) and would squeeze the rest */
    double p99 = 0, p100 = 0;
    for (int m = 0; m < nm; m++) {
        const charts_cell *c = charts_cell_at(d, m, h);
        if (isfinite(c->pct[99]))
            p99 = fmax(p99, c->pct[99]);
        if (isfinite(c->pct[100]))
            p100 = fmax(p100, c->pct[100]);
    }
    char tail[200] = "";
    plot_ticks t;
    if (p99 > 0 && plot_ticks_nice(0.0, p99, 8, &t) == 0 && p100 > 1.5 * t.hi) {
        b->chart.x_min = 0.0;
        b->chart.x_max = t.hi;
        char v1[32], v2[32];
        snprintf(tail, sizeof tail, " The axis ends at %s days: the slowest 1%% of features (up to %s days) lie beyond it.",
                 charts_fmt(t.hi, v1, sizeof v1), charts_fmt(p100, v2, sizeof v2));
    }
    b->chart.ecdf_quantiles = 1;
    char note[160];
    charts__left_out_note(d, 0, note, sizeof note);
    char at[160];
    snprintf(b->title, sizeof b->title, "Feature lead-time distribution at %s, by ownership model",
             charts__at_hosting(d->hosting[h], at, sizeof at));
    snprintf(b->caption, sizeof b->caption,
             "Lead times of the measured features of all %d replications pooled, drawn from their percentiles "
             "0\xe2\x80\x93" "100. Where the dashed line crosses a curve, read its p85 lead time.%s%s%s", d->reps,
             b->any_partial ? " A curve marked \xe2\x96\xb2 (unfinished in the legend) is of the finished features "
                              "only: that design left the rest unfinished, so its true curve stays below it." : "",
             tail, note);
    b->chart.title = b->title;
    b->chart.subtitle = b->subtitle;
    b->chart.caption = b->caption;
    b->chart.series = b->series;
    b->chart.n_series = (size_t)nm;
    b->chart.legend_title = "Ownership model";
    b->chart.x_title = "Lead time (working days)";
    b->chart.y_title = "Features done within";
    b->chart.ref_value = 0.85;
    b->chart.ref_label = "p85";
    b->draw = b->any_partial ? cdf_draw : plot_chart_draw_fn;
    b->ctx = b->any_partial ? (const void *)b : (const void *)&b->chart;
    return 0;
}
