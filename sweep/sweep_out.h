/* sweep_out — the files of a finished sweep, computed from the points'
 * measurements (a sweep_table) and the design: the tidy sweep.csv; per
 * design, tornado.csv (oat: differences between models at each parameter's
 * low and high end), robustness.csv (lhs, grid, sobol: how often model A
 * beats model B over the uncertainty), winners.csv (grid: the best model at
 * each grid cell), indices.csv (sobol: first- and total-order indices with
 * bootstrap intervals); and summary.txt, whose first line names the
 * parameters that decide the answer. Formats: docs/sensitivity.md. */
#ifndef SWEEP_OUT_H
#define SWEEP_OUT_H

#include <stdio.h>
#include "sweep/sweep_params.h"

struct sweep_table;

/* Metric names of the staffing search's results in a sweep_table. */
#define SWEEP_STAFF_HEADCOUNT "staff_total_headcount"
#define SWEEP_STAFF_COST "staff_cost_per_year"

/* Writes the sweep's files into dir (u: the design's unit coordinates, one
 * row per point). The summary is also printed on report when not NULL.
 * 0 or -1 (message printed). */
int sweep_out_write(const char *dir, const sweep_params *sp, const double *u,
                    const struct sweep_table *t, FILE *report);

#endif
