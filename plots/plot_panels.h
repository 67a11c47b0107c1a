/* plot_panels — small multiples: several charts side by side on one canvas
 * under one frame (title, subtitle, caption) and one shared legend, each
 * chart under its own heading. For quantities that belong together but not
 * on one axis (e.g. a team's size and the total headcount).
 *
 * Ownership: specs are borrowed for the duration of a call, as for charts. */
#ifndef PLOT_PANELS_H
#define PLOT_PANELS_H

#include <stddef.h>
#include <cairo.h>
#include "plots/plot_chart.h"

#define PLOT_MAX_PANELS 4

typedef struct plot_panels {
    const char *title, *subtitle, *caption;
    const plot_chart *panels;      /* [n_panels], drawn left to right in equal widths; their
                                      title, subtitle, caption, legend and font_scale are
                                      ignored (the panels share the frame's) */
    const char *const *headings;   /* optional [n_panels]: a bold heading above each panel */
    size_t n_panels;
    const plot_series *legend;     /* shared legend entries (name and colour only); may be NULL */
    size_t n_legend;
    plot_kind legend_kind;         /* swatch style: PLOT_LINES / PLOT_ECDF lines, else squares */
    const char *legend_title;
    double font_scale;             /* 0 = automatic, as for charts */
} plot_panels;

/* Draws the panels into [0, w] x [0, h]. Returns 0 or a negative PLOT_E*
 * status (PLOT_EINVAL for no or too many panels or a bad panel spec). */
int plot_panels_draw(cairo_t *cr, double w, double h, const plot_panels *p);
/* plot_draw_fn adaptor: ctx is a const plot_panels *. */
int plot_panels_draw_fn(cairo_t *cr, double w, double h, const void *ctx);

/* The rectangle panel i is drawn into (x, y, width, height), for tests. */
int plot_panels_rect(cairo_t *cr, double w, double h, const plot_panels *p, size_t i, double rect[4]);

#endif
