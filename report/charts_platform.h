/* charts_platform — the platform team's size as a chart (docs/staffing.md,
 * "The platform team's size"): total yearly cost and total headcount at
 * equal delivery against the enablement engineers on the platform team, one
 * line per model × hosting point whose staffing searched it (curves equal
 * at every point drawn as one line, named after all of them), read from
 * staffing.json's "platform_search" curves; sizes a curve did not try (or
 * could not staff) are left out, never labelled; charts/platform.{png,svg,
 * pdf,csv}. Same curves ⇒ same bytes. */
#ifndef CHARTS_PLATFORM_H
#define CHARTS_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "plots/plot_chart.h"
#include "plots/plot_panels.h"
#include "util/util_buf.h"
#include "util/util_json.h"

#define CHARTS_PLATFORM_CURVES 16   /* curves drawn at most (more are left out, said in the caption) */
#define CHARTS_PLATFORM_POINTS 32   /* enablement values on the x axis at most */

/* The chart built from the curves: its two panels (cost, headcount), the
 * shared legend and the CSV of exactly the numbers drawn. Everything the
 * specs point to lives inside. Release with charts_platform_free. */
typedef struct charts_platform {
    size_t n_curves, n_points, left_out;
    char name[CHARTS_PLATFORM_CURVES][160];
    char cat[CHARTS_PLATFORM_POINTS][16];
    const char *cat_ptr[CHARTS_PLATFORM_POINTS];
    double enablement[CHARTS_PLATFORM_POINTS];
    double cost_m[CHARTS_PLATFORM_CURVES][CHARTS_PLATFORM_POINTS];    /* millions a year; NAN: not tried */
    double headcount[CHARTS_PLATFORM_CURVES][CHARTS_PLATFORM_POINTS];
    int chosen[CHARTS_PLATFORM_CURVES];                               /* index into the points, -1 none */
    /* drawn: curves equal at every point are one line with a joined name */
    size_t n_drawn;
    char drawn_name[CHARTS_PLATFORM_CURVES][400];
    unsigned char no_point[CHARTS_PLATFORM_CURVES * CHARTS_PLATFORM_POINTS];  /* [drawn × n_points]: left out */
    uint32_t colour[CHARTS_PLATFORM_CURVES];   /* per curve: the model's, darker along the continuum */
    char currency[8];
    char title[160], subtitle[200], caption[1400], y_cost[64];
    const char *headings[2];
    plot_series series[2][CHARTS_PLATFORM_CURVES];
    plot_chart panel[2];
    plot_panels panels;
    util_buf csv;
} charts_platform;

/* Builds *p from a staffing.json tree (file names it in messages, with JSON
 * paths). 0 with curves; 1 when there are none (nothing to draw); -1 for a
 * malformed curve (message in diags) or no memory. *p needs
 * charts_platform_free after 0 (and is safe to free after any return). */
int charts_platform_build(charts_platform *p, const cJSON *staffing, const char *file, util_diags *diags);
void charts_platform_free(charts_platform *p);

/* plot_draw_fn: ctx is a const charts_platform *. */
int charts_platform_draw(cairo_t *cr, double w, double h, const void *ctx);

/* Reads staffing.json beside results_path and, when it has curves, writes
 * platform.{png,svg,pdf} (formats: CHARTS_FMT_* bits of png, svg, pdf) and
 * platform.csv into dir (which exists). CHARTS_OK (also without a file or
 * curves), CHARTS_EINPUT or CHARTS_EFAIL (message printed). */
int charts_platform_write(const char *results_path, const char *dir, unsigned formats);

#endif
