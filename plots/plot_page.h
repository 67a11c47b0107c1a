/* plot_page — the two non-chart pages of a deck: a table page (header row and
 * rows of text, optional cell fills, e.g. key numbers with their DORA bands)
 * and a text page (title, paragraphs, bullets; a cover variant for the title
 * page). Same frame, fonts and scale as the charts; text shrinks to fit (not
 * below 20 units at 1600 x 900) and is then cut with "…" rather than spilling
 * off the page.
 *
 * Ownership: as for charts, specs are borrowed for the duration of a call. */
#ifndef PLOT_PAGE_H
#define PLOT_PAGE_H

#include <stddef.h>
#include <stdint.h>
#include <cairo.h>
#include "plots/plot.h"

typedef struct plot_table {
    const char *title, *subtitle, *caption;
    size_t n_cols, n_rows;
    const char *const *header;  /* [n_cols]; may wrap onto two lines */
    const char *const *cells;   /* [n_rows * n_cols], row-major; NULL cells are empty */
    const uint32_t *cell_fill;  /* optional [n_rows * n_cols]; PLOT_COLOUR_NONE = none.
                                   Text turns white on dark fills. */
    const char *align;          /* optional, one of 'l', 'c', 'r' per column; default:
                                   right for columns of numbers, left for text */
    double font_scale;          /* 0 = automatic, as for charts */
} plot_table;

/* Draws the table page into [0, w] x [0, h]. Text grows for short tables and
 * shrinks to 20 units (at 1600 x 900) for long ones; rows that still do not
 * fit are left out and a "… N more rows not shown" line says so.
 * Returns 0, PLOT_EINVAL or PLOT_ECAIRO. */
int plot_table_draw(cairo_t *cr, double w, double h, const plot_table *t);
/* plot_draw_fn adaptor: ctx is a const plot_table *. */
int plot_table_draw_fn(cairo_t *cr, double w, double h, const void *ctx);

typedef enum plot_block_kind {
    PLOT_BLOCK_PARAGRAPH = 0,
    PLOT_BLOCK_BULLET,
    PLOT_BLOCK_HEADING
} plot_block_kind;

typedef struct plot_text_block {
    plot_block_kind kind;
    const char *text;      /* UTF-8; '\n' starts a new line */
} plot_text_block;

typedef struct plot_text_page {
    const char *title, *subtitle, *caption;
    const plot_text_block *blocks;
    size_t n_blocks;
    int cover;             /* a deck's title page: large title low on the page */
    double font_scale;     /* 0 = automatic */
} plot_text_page;

/* Draws the text page into [0, w] x [0, h]. Returns 0, PLOT_EINVAL or PLOT_ECAIRO. */
int plot_text_page_draw(cairo_t *cr, double w, double h, const plot_text_page *p);
/* 1 when every block of p fits whole on a w × h page (at the smallest text
 * size at most), 0 when plot_text_page_draw would cut the text, or a
 * negative PLOT_E* status. Measures on a scratch surface: callers split
 * long pages with it before drawing. */
int plot_text_page_fits(double w, double h, const plot_text_page *p);
/* plot_draw_fn adaptor: ctx is a const plot_text_page *. */
int plot_text_page_draw_fn(cairo_t *cr, double w, double h, const void *ctx);

#endif
