/* plot_chart — one chart spec for six kinds of data chart (grouped bars with
 * interval whiskers, lines with interval bands, box plots, empirical CDFs,
 * stacked bars, heatmaps), its layout (every margin measured from text
 * extents) and its drawing on any cairo surface. The layout and the
 * data-to-point mapping are public so tests and callers can check geometry.
 *
 * Ownership: the library never keeps or frees the caller's pointers; a spec
 * and everything it points to must stay valid only during a call. */
#ifndef PLOT_CHART_H
#define PLOT_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <cairo.h>

#include "plots/plot.h"
#include "plots/plot_style.h"
#include "plots/plot_text.h"
#include "plots/plot_ticks.h"

#define PLOT_MAX_CATEGORIES 64
#define PLOT_MAX_SERIES 32

typedef enum plot_kind {
    PLOT_BARS = 0, /* grouped bars from zero; whiskers from series low/high */
    PLOT_LINES,    /* lines across the categories; bands from low/high */
    PLOT_BOX,      /* box plots per category and series */
    PLOT_ECDF,     /* empirical CDF step lines; x numeric (series samples) */
    PLOT_STACKED,  /* stacked bars: series are the stacked segments */
    PLOT_HEATMAP   /* series are the rows, categories the columns */
} plot_kind;

typedef enum plot_legend_pos {
    PLOT_LEGEND_AUTO = 0, /* right for stacked bars, none for heatmaps or one unnamed series, else top */
    PLOT_LEGEND_TOP,      /* rows under the subtitle, wrapping */
    PLOT_LEGEND_RIGHT,    /* a column right of the plot area */
    PLOT_LEGEND_NONE
} plot_legend_pos;

/* Five-number summary for a box: whisker ends and quartiles (same units as the axis). */
typedef struct plot_box_stats {
    double lo, q1, median, q3, hi;
} plot_box_stats;

/* Tukey's box of a sample: quartiles by linear interpolation (type 7), whiskers
 * at the most extreme data within 1.5 IQR of the box. NANs are skipped; an
 * empty sample gives all NAN. Returns 0, or PLOT_EINVAL / PLOT_ENOMEM. */
int plot_box_stats_from_data(const double *x, size_t n, plot_box_stats *out);

/* One data series: a colour and a name in the legend (a row for heatmaps, a
 * segment for stacked bars). Arrays have n_categories entries unless said.
 * NAN marks a missing value: drawn as "n/a" or a gap, never as zero. */
typedef struct plot_series {
    const char *name;          /* legend / row label, shown as given */
    uint32_t colour;           /* 0xRRGGBB; unused by heatmaps */
    const double *values;      /* bars, lines, stacked, heatmap: [n_categories];
                                  ECDF: the sample, [n_values] */
    size_t n_values;           /* ECDF only: sample size */
    const double *low, *high;  /* optional interval ends (bars: whiskers; lines: band) */
    const plot_box_stats *box; /* BOX: [n_categories] summaries, or NULL and ... */
    const double *const *samples; /* ... BOX: [n_categories] raw samples (outliers drawn) */
    const size_t *n_samples;   /* BOX: [n_categories] sample sizes */
} plot_series;

/* The chart spec. Initialise with plot_chart_init, then set what you need. */
typedef struct plot_chart {
    plot_kind kind;
    const char *title;      /* bold, top left */
    const char *subtitle;   /* e.g. "Scenario X · 20 replications · seed 42" */
    const char *x_title;    /* axis titles: say the units, e.g. "Lead time p85 (working days)" */
    const char *y_title;
    const char *caption;    /* footnote, e.g. "Whiskers: 95% CI over 20 replications" */

    const char *const *categories; /* display labels, [n_categories] (not ECDF) */
    size_t n_categories;
    const char *const *category_groups; /* optional [n_categories]: runs of equal
                                           names are labelled once under their bars */
    const plot_series *series;
    size_t n_series;
    const char *legend_title;  /* optional, e.g. "Ownership model" */
    plot_legend_pos legend;

    double y_min, y_max;  /* fixed value axis when y_min < y_max; else automatic */
    int tight_range;      /* LINES, BOX (y) and ECDF (x): the axis need not include 0 */
    int y_percent;        /* value ticks as percentages of shares (ECDF: on by default) */
    double x_min, x_max;  /* ECDF: fixed x axis when x_min < x_max (lines beyond it are cut
                             at the plot area's edge) */
    double lines_dodge;   /* LINES: series k is shifted right by (k - (n-1)/2) x this x the
                             category band, so lines with equal values stay visible side by
                             side (e.g. 0.04; default 0) */
    int ecdf_quantiles;   /* ECDF: each series' n values are its quantiles at 0, 1/(n-1), …, 1
                             (ascending; e.g. percentiles 0..100): drawn as the line through
                             (value_k, k/(n-1)) instead of a step function of a sample */

    double ref_value;     /* a horizontal reference line at this value; NAN = none */
    const char *ref_label;/* its label, drawn right of the plot area */
    uint32_t ref_colour;  /* default dark grey */

    int stack_shares;     /* STACKED: each bar normalised to 100% */
    int value_labels;     /* STACKED: values in segments that fit; HEATMAP: in cells (default on) */
    int value_decimals;   /* decimals of those labels; -1 = automatic */
    int value_percent;    /* HEATMAP: values are shares, print as % */

    plot_scale heat_scale;
    double z_min, z_max;  /* HEATMAP colour range when z_min < z_max; else data range */
    const char *z_title;  /* HEATMAP colour-scale title with units */

    double font_scale;    /* 0 = automatic: sqrt(w h / (1600 x 900)); text at
                             1600x900 is 36 (title) .. 20 (ticks) units */
    const unsigned char *marked; /* BAR, BOX, LINES: optional [n_series × n_categories] (series k,
                             category i at k × n_categories + i): a missing value there
                             gets no "n/a" because the caller draws its own mark or leaves
                             the point out on purpose (not owned) */
} plot_chart;

/* Defaults for kind: no ref line, automatic axes, legend AUTO, labels on,
 * ECDF y as percent. Pointers NULL, counts 0. */
void plot_chart_init(plot_chart *c, plot_kind kind);

/* A label's four corners in chart coordinates (rotated labels are not boxes). */
typedef struct plot_quad {
    double x[4], y[4];
} plot_quad;

enum { PLOT_LABELS_HORIZONTAL = 0, PLOT_LABELS_WRAPPED, PLOT_LABELS_ROTATED };

/* Where everything goes. Computed by plot_chart_layout; all in chart units
 * (points; pixels on PNG), origin top left of the chart rectangle. */
typedef struct plot_layout {
    double width, height, scale;  /* chart size and font scale */
    double px0, py0, px1, py1;    /* plot area: left, top, right, bottom */
    double y_lo, y_hi;            /* value axis range (heatmap: colour range) */
    plot_ticks y;                 /* value ticks (heatmap: colour-scale ticks) */
    double x_lo, x_hi;            /* ECDF x axis range */
    plot_ticks x;                 /* ECDF x ticks */
    int y_fmt, x_fmt;             /* PLOT_FMT_* flags for tick labels */

    size_t n_categories;          /* category bands (columns for heatmaps) */
    double band;                  /* width of one category band */
    double cat_x[PLOT_MAX_CATEGORIES];  /* band centres */
    size_t n_rows;                /* heatmap rows (= series) */

    int label_mode;               /* PLOT_LABELS_* */
    double label_angle_deg;       /* rotation when ROTATED (text runs down-left) */
    double label_font;            /* category label size */
    double label_top;             /* top of the category label area */
    double label_h;               /* height of the category label area */
    int label_shown[PLOT_MAX_CATEGORIES];     /* 0 when thinned out */
    plot_quad label_box[PLOT_MAX_CATEGORIES]; /* each label's outline */
    double label_overflow;        /* how far rotated labels would reach off the left edge */

    /* legend */
    int legend_pos;               /* PLOT_LEGEND_TOP / RIGHT / NONE */
    double legend_x, legend_y, legend_w, legend_h;
    double entry_x[PLOT_MAX_SERIES + 1], entry_y[PLOT_MAX_SERIES + 1]; /* [0] = title */
    double entry_w[PLOT_MAX_SERIES + 1];
    double legend_row_h;

    /* private to the drawing code below here */
    plot__frame frame;            /* title block and caption */
    double fs_legend, fs_axis, fs_tick, fs_cat, fs_value;
    plot_wrap ref_w;              /* reference line label */
    double xtitle_y, ytitle_x, group_y;
    size_t label_len[PLOT_MAX_CATEGORIES];   /* bytes of each label (one line or rotated) */
    size_t label_brk[PLOT_MAX_CATEGORIES];   /* wrapped: start of line 2 (0 = one line) */
    size_t label_len1[PLOT_MAX_CATEGORIES];  /* wrapped: bytes of line 1 */
    int label_cut[PLOT_MAX_CATEGORIES];      /* draw "…" after the label */
    double row_label_w;           /* heatmap row label column */
    double ref_y, ref_x;          /* reference line label position */
    double cbar_x, cbar_w;        /* heatmap colour bar */
    int no_data;                  /* nothing finite to plot */
    int n_groups;
} plot_layout;

/* Computes the layout of c in a w x h rectangle; cr is used to measure text
 * (its state is left unchanged). Returns 0, PLOT_EINVAL for an inconsistent
 * spec (message-free: see docs), PLOT_ERANGE when over the fixed limits. */
int plot_chart_layout(cairo_t *cr, double w, double h, const plot_chart *c, plot_layout *out);

/* Value v on the value axis to a y coordinate (not clamped). */
double plot_layout_value_y(const plot_layout *L, double v);
/* ECDF x value to an x coordinate (not clamped). */
double plot_layout_value_x(const plot_layout *L, double x);
/* Left and right edges of series s's bar (or box) in category i for grouped
 * bars and box plots; the whole bar for stacked bars (s ignored). */
int plot_layout_bar_span(const plot_layout *L, const plot_chart *c, size_t i, size_t s,
                         double *x_left, double *x_right);

/* Draws c into [0, w] x [0, h] of cr's user space (translate cr to place it).
 * cr's state is saved and restored. Returns 0 or a negative PLOT_E* status
 * (PLOT_ECAIRO when cr is in an error state afterwards). */
int plot_chart_draw(cairo_t *cr, double w, double h, const plot_chart *c);

/* plot_draw_fn adaptor: ctx is a const plot_chart *. */
int plot_chart_draw_fn(cairo_t *cr, double w, double h, const void *ctx);

/* Internal to plots/ (plot_panels.c): draws only the legend of a laid-out chart. */
void plot__legend_draw(cairo_t *cr, const plot_chart *c, const plot_layout *L);

#endif
