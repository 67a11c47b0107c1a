/* plot_style — the house style shared by charts and pages: ink colours, the
 * reference canvas the sizes are designed on (1600 x 900), and the frame every
 * chart and page has (title, subtitle at the top, caption at the bottom).
 * Internal to plots/ (names plot__*); callers use plot_chart.h / plot_page.h. */
#ifndef PLOT_STYLE_H
#define PLOT_STYLE_H

#include <cairo.h>
#include "plots/plot_text.h"

#define PLOT__INK        0x222222u /* titles */
#define PLOT__INK2       0x3B3B3Bu /* axis titles, category labels, body text */
#define PLOT__INK3       0x5E5E5Eu /* subtitle, ticks, captions */
#define PLOT__GRID       0xE2E2E2u /* gridlines */
#define PLOT__BASELINE   0x4A4A4Au /* the zero line / axis */
#define PLOT__NA         0x8C8C8Cu /* "n/a" text */
#define PLOT__REF        0x3B3B3Bu /* default reference line */
#define PLOT__ZEBRA      0xF4F5F7u /* table row stripes */

/* The canvas the sizes below are designed for; others scale by sqrt(area). */
#define PLOT__REF_W 1600.0
#define PLOT__REF_H 900.0

/* Text sizes on the reference canvas (pixels at 1600 x 900). */
#define PLOT__FS_TITLE   36.0
#define PLOT__FS_SUB     24.0
#define PLOT__FS_LEGEND  22.0
#define PLOT__FS_AXIS    22.0
#define PLOT__FS_CAT     22.0
#define PLOT__FS_TICK    20.0
#define PLOT__FS_CAPTION 20.0
#define PLOT__FS_VALUE   20.0

/* Scale for a w x h canvas: font_scale when > 0, else sqrt(w h / (1600 x 900)). */
double plot__scale(double w, double h, double font_scale);

/* Title block and caption: measured once, drawn by plot__frame_draw. */
typedef struct plot__frame {
    double s;                 /* scale */
    double ml, mr, mt, mb;    /* outer margins */
    double fs_title, fs_sub, fs_caption;
    plot_wrap title_w, sub_w, caption_w;
    double title_y, sub_y, caption_y;
    double top;               /* first free y below the title block */
    double bottom;            /* last free y above the caption */
} plot__frame;

/* Lays out title (bold, up to 2 lines), subtitle (up to 2) and caption (up to
 * 3) across the width inside the margins. Strings may be NULL. */
void plot__frame_layout(cairo_t *cr, double w, double h, double s, const char *title,
                        const char *subtitle, const char *caption, plot__frame *f);
/* Paints the white background and draws title, subtitle and caption. */
void plot__frame_draw(cairo_t *cr, double w, double h, const plot__frame *f, const char *title,
                      const char *subtitle, const char *caption);

#endif
