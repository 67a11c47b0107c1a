/* sweep_charts — tornado and winner heatmap charts of a sweep. */
#include "sweep/sweep_charts.h"
#include "report/charts_label.h"
#include "plots/plot_chart.h"
#include "plots/plot_out.h"
#include "util/util_buf.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_PX 1600
#define H_PX 900
#define W_PT 960
#define H_PT 540

/* Writes stem.{png,svg,pdf} of c and stem.csv of csv into dir/charts. */
static int write_all(const char *dir, const char *stem, const plot_chart *c, const util_buf *csv)
{
    char *cdir = util_path_join(dir, "charts");
    if (!cdir || util_mkdir_p(cdir) != 0) {
        free(cdir);
        util_error("%s/charts: cannot create the folder", dir);
        return -1;
    }
    static const char *const ext[] = { "png", "svg", "pdf", "csv" };
    char name[512], err[512];
    int rc = 0;
    plot_doc_info info = { c->title, NULL, "devopsim sweep", "devopsim", NULL };
    for (int i = 0; i < 4 && rc == 0; i++) {
        snprintf(name, sizeof name, "%s.%s", stem, ext[i]);
        char *path = util_path_join(cdir, name);
        if (!path) {
            util_error("out of memory");
            rc = -1;
            break;
        }
        int r = 0;
        err[0] = '\0';
        if (i == 0)
            r = plot_write_png(path, W_PX, H_PX, plot_chart_draw_fn, c, err, sizeof err);
        else if (i == 1)
            r = plot_write_svg(path, W_PT, H_PT, plot_chart_draw_fn, c, err, sizeof err);
        else if (i == 2)
            r = plot_write_pdf(path, W_PT, H_PT, &info, plot_chart_draw_fn, c, err, sizeof err);
        else
            r = util_write_atomic(cdir, name, csv->p ? (const void *)csv->p : (const void *)"", csv->n);
        if (r != 0) {
            util_error("%s: %s", path, err[0] ? err : "cannot write");
            rc = -1;
        }
        free(path);
    }
    free(cdir);
    return rc;
}

int sweep_chart_tornado(const char *dir, const sweep_tornado *t)
{
    size_t n = t->n < PLOT_MAX_CATEGORIES ? t->n : PLOT_MAX_CATEGORIES;
    char title[512], stem[512], ytitle[256], sub[256];
    snprintf(title, sizeof title, "What moves %s \xe2\x88\x92 %s", t->model_a, t->model_b);
    snprintf(sub, sizeof sub, "%s at %s, one parameter at a time", t->metric, t->hosting);
    snprintf(ytitle, sizeof ytitle, "%s: %s \xe2\x88\x92 %s", t->metric, t->model_a, t->model_b);
    snprintf(stem, sizeof stem, "tornado-%s-%s-vs-%s-%s", t->metric, t->model_a, t->model_b, t->hosting);
    plot_series s[2] = {
        { .name = "parameter at its low end", .colour = PLOT_SKY_BLUE, .values = t->d_low },
        { .name = "parameter at its high end", .colour = PLOT_VERMILLION, .values = t->d_high },
    };
    plot_chart c;
    plot_chart_init(&c, PLOT_BARS);
    c.title = title;
    c.subtitle = sub;
    c.y_title = ytitle;
    c.caption = "Bars: the difference between the two models with one parameter at its low or high end, "
                "the others at the scenario's values, widest swing first; line: the base case. "
                "Every point runs with the scenario's seed.";
    c.categories = t->params;
    c.n_categories = n;
    c.series = s;
    c.n_series = 2;
    c.ref_value = t->d_base;
    c.ref_label = "base case";
    util_buf csv = { 0 };
    util_buf_add(&csv, "param,diff_low,diff_high,diff_base\n");
    for (size_t i = 0; i < n; i++) {
        util_csv_field(&csv, t->params[i]);
        util_buf_add(&csv, ",");
        charts_csv_num(&csv, t->d_low[i]);
        util_buf_add(&csv, ",");
        charts_csv_num(&csv, t->d_high[i]);
        util_buf_add(&csv, ",");
        charts_csv_num(&csv, t->d_base);
        util_buf_add(&csv, "\n");
    }
    int rc = csv.err ? -1 : write_all(dir, stem, &c, &csv);
    util_buf_free(&csv);
    return rc;
}

int sweep_chart_heat(const char *dir, const sweep_heat *h)
{
    if (h->n_cols > PLOT_MAX_CATEGORIES || h->n_rows > PLOT_MAX_SERIES || h->n_rows == 0 || h->n_cols == 0)
        return 1;
    plot_series *s = calloc(h->n_rows, sizeof *s);
    if (!s) {
        util_error("out of memory");
        return -1;
    }
    double span = 0;
    for (size_t i = 0; i < h->n_rows * h->n_cols; i++)
        if (isfinite(h->d[i]) && fabs(h->d[i]) > span)
            span = fabs(h->d[i]);
    for (size_t r = 0; r < h->n_rows; r++) {
        s[r].name = h->rows[r];
        s[r].values = h->d + r * h->n_cols;
    }
    char title[512], stem[512], sub[512], ztitle[256], caption[512];
    snprintf(title, sizeof title, "Where %s beats %s", h->model_a, h->model_b);
    snprintf(sub, sizeof sub, "%s at %s; rows: %s, columns: %s", h->metric, h->hosting, h->row_param, h->col_param);
    snprintf(ztitle, sizeof ztitle, "%s \xe2\x88\x92 %s", h->model_a, h->model_b);
    snprintf(caption, sizeof caption, "Colour: the difference %s \xe2\x88\x92 %s on %s (%s is better); the winner "
             "changes where the colour crosses white. Every grid point runs with the scenario's seed.",
             h->model_a, h->model_b, h->metric, h->higher_better ? "higher" : "lower");
    snprintf(stem, sizeof stem, "winner-%s-%s-vs-%s-%s", h->metric, h->model_a, h->model_b, h->hosting);
    plot_chart c;
    plot_chart_init(&c, PLOT_HEATMAP);
    c.title = title;
    c.subtitle = sub;
    c.caption = caption;
    c.x_title = h->col_param;
    c.y_title = h->row_param;
    c.categories = h->cols;
    c.n_categories = h->n_cols;
    c.series = s;
    c.n_series = h->n_rows;
    c.heat_scale = PLOT_SCALE_DIVERGING;
    c.z_min = span > 0 ? -span : -1;
    c.z_max = span > 0 ? span : 1;
    c.z_title = ztitle;
    util_buf csv = { 0 };
    util_csv_field(&csv, h->row_param);
    util_buf_add(&csv, ",");
    util_csv_field(&csv, h->col_param);
    util_buf_add(&csv, ",diff_a_minus_b\n");
    for (size_t r = 0; r < h->n_rows; r++)
        for (size_t k = 0; k < h->n_cols; k++) {
            util_csv_field(&csv, h->rows[r]);
            util_buf_add(&csv, ",");
            util_csv_field(&csv, h->cols[k]);
            util_buf_add(&csv, ",");
            charts_csv_num(&csv, h->d[r * h->n_cols + k]);
            util_buf_add(&csv, "\n");
        }
    int rc = csv.err ? -1 : write_all(dir, stem, &c, &csv);
    util_buf_free(&csv);
    free(s);
    return rc;
}
