/* sweep_charts — a sweep's charts, each as PNG, SVG and PDF plus the CSV of
 * exactly what it draws (like report/charts): a tornado per key metric, pair
 * of models and hosting point (oat: the difference A − B at each parameter's
 * low and high end, the base case as a line), and for a grid of two
 * parameters a heatmap of A − B over the grid per key metric, pair and
 * hosting point (the sign change is where the winner changes). Files go to
 * DIR/charts/. Bytes do not depend on the date (PDF dates are fixed). */
#ifndef SWEEP_CHARTS_H
#define SWEEP_CHARTS_H

#include <stddef.h>

/* One tornado: bars of params[0..n) (already in drawing order) at the low
 * and high end, base the difference at the base case. */
typedef struct sweep_tornado {
    const char *metric, *hosting, *model_a, *model_b;
    const char *const *params;
    const double *d_low, *d_high;
    size_t n;
    double d_base;
} sweep_tornado;

/* Writes DIR/charts/tornado-METRIC-A-vs-B-HOSTING.{png,svg,pdf,csv}. 0 or -1
 * (message printed). */
int sweep_chart_tornado(const char *dir, const sweep_tornado *t);

/* One heatmap: d[r * n_cols + c] is A − B with the first parameter at
 * rows[r] and the second at cols[c]. */
typedef struct sweep_heat {
    const char *metric, *hosting, *model_a, *model_b;
    const char *row_param, *col_param;
    const char *const *rows, *const *cols;
    size_t n_rows, n_cols;
    const double *d;
    int higher_better;
} sweep_heat;

/* Writes DIR/charts/winner-METRIC-A-vs-B-HOSTING.{png,svg,pdf,csv}. 0, 1
 * when the grid is too large to draw (nothing written), or -1 (message
 * printed). */
int sweep_chart_heat(const char *dir, const sweep_heat *h);

#endif
