/* plot_text — text on cairo's toy API with "DejaVu Sans" pinned: font set-up
 * (no hinted metrics, so layout is the same on PNG, SVG and PDF), measuring,
 * aligned drawing, word wrapping and ellipsis. Used by the chart and page
 * code; callers of the library need not use it. */
#ifndef PLOT_TEXT_H
#define PLOT_TEXT_H

#include <stddef.h>
#include <cairo.h>

#define PLOT_FONT_FAMILY "DejaVu Sans"

enum { PLOT_ALIGN_LEFT = 0, PLOT_ALIGN_CENTRE = 1, PLOT_ALIGN_RIGHT = 2 };

/* Sets font options on cr for reproducible output: grey antialiasing, no
 * hinting, unhinted metrics. Call once per drawing (the charts do). */
void plot_text_setup(cairo_t *cr);

/* Selects DejaVu Sans (bold or regular) at size (user units). */
void plot_text_font(cairo_t *cr, double size, int bold);

/* Advance width of the first n bytes of s (all of s when n == (size_t)-1). */
double plot_text_width_n(cairo_t *cr, const char *s, size_t n);
double plot_text_width(cairo_t *cr, const char *s);

/* Ascent, descent and line height of the current font (any may be NULL). */
void plot_text_metrics(cairo_t *cr, double *ascent, double *descent, double *line_h);

/* Draws n bytes of s (plus "…" when ellipsis) with the top of its line box at
 * y_top; x is the left edge, centre or right edge per halign. */
void plot_text_draw_n(cairo_t *cr, const char *s, size_t n, int ellipsis,
                      double x, double y_top, int halign);
void plot_text_draw(cairo_t *cr, const char *s, double x, double y_top, int halign);

/* Bytes of s[0..n) that fit in max_w with "…" appended when cut (at a UTF-8
 * boundary); *cut says whether it was cut. */
size_t plot_text_fit(cairo_t *cr, const char *s, size_t n, double max_w, int *cut);

#define PLOT_WRAP_MAX 24

/* Lines of a wrapped text: byte ranges into the source string. */
typedef struct plot_wrap {
    int n;                        /* number of lines */
    size_t start[PLOT_WRAP_MAX];  /* byte offset of each line */
    size_t len[PLOT_WRAP_MAX];    /* byte length of each line */
    int ellipsis[PLOT_WRAP_MAX];  /* line was cut: draw "…" after it */
    double width;                 /* widest line, including any "…" */
} plot_wrap;

/* Greedy word wrap of s (NULL = empty) at spaces and '\n' into at most
 * max_lines lines of at most max_w wide in the current font. A word wider
 * than max_w breaks after '_', '-' or '/' or, failing that, between
 * characters. Text beyond max_lines ends in "…". Returns the line count. */
int plot_text_wrap(cairo_t *cr, const char *s, double max_w, int max_lines, plot_wrap *out);

/* Draws wrapped lines, the first line box's top at y_top, line_h apart. */
void plot_text_draw_wrap(cairo_t *cr, const char *s, const plot_wrap *w,
                         double x, double y_top, double line_h, int halign);

#endif
