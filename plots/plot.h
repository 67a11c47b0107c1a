/* plot — the shared vocabulary of the chart library: status codes, the draw
 * callback every output writer takes, and the colour palette (Okabe–Ito).
 * The library knows nothing of simulation: it draws arrays of numbers with
 * names and colours given by the caller. See docs/plots.md. */
#ifndef PLOT_H
#define PLOT_H

#include <stddef.h>
#include <stdint.h>
#include <cairo.h>

/* Status codes: 0 ok, negative on failure. */
enum {
    PLOT_OK = 0,
    PLOT_EINVAL = -1, /* bad argument or inconsistent chart spec */
    PLOT_ENOMEM = -2, /* out of memory */
    PLOT_EIO = -3,    /* could not write, sync or rename a file */
    PLOT_ECAIRO = -4, /* cairo reported an error (surface or context status) */
    PLOT_ERANGE = -5  /* too many categories, series or ticks for the fixed-size layout */
};

/* A short English description of a status code (static string, never NULL). */
const char *plot_strerror(int status);

/* Draws one chart or page into the rectangle [0, w] x [0, h] of cr's user
 * space (points; pixels for PNG). Returns 0 or a negative PLOT_E* status.
 * ctx is the caller's, passed through unchanged. */
typedef int (*plot_draw_fn)(cairo_t *cr, double w, double h, const void *ctx);

/* ---- colour ---------------------------------------------------------------
 * Colours are 0xRRGGBB. Okabe–Ito, the colour-blind-safe palette: give each
 * ownership model (or any series) one fixed colour and use it everywhere. */
#define PLOT_ORANGE         0xE69F00u
#define PLOT_SKY_BLUE       0x56B4E9u
#define PLOT_BLUISH_GREEN   0x009E73u
#define PLOT_BLUE           0x0072B2u
#define PLOT_VERMILLION     0xD55E00u
#define PLOT_REDDISH_PURPLE 0xCC79A7u
#define PLOT_BLACK          0x000000u
/* Okabe–Ito's eighth colour: too light for lines on white, fine for fills. */
#define PLOT_YELLOW         0xF0E442u
/* Neutral greys for "other", "idle" and similar segments. */
#define PLOT_GREY           0x999999u
#define PLOT_LIGHT_GREY     0xCCCCCCu

/* "No colour" where a colour is optional (e.g. table cell fills). */
#define PLOT_COLOUR_NONE    0xFFFFFFFFu

#define PLOT_PALETTE_SIZE 7
/* The seven Okabe–Ito colours in the order above (orange … black). */
extern const uint32_t plot_palette[PLOT_PALETTE_SIZE];

/* Releases cairo's and fontconfig's process-wide caches so that leak checkers
 * (LeakSanitizer, valgrind) see a clean exit. Call at most once, at the end of
 * main, when no thread draws any more; drawing afterwards still works but
 * reloads the font configuration. */
void plot_shutdown(void);

/* Sets cr's source to colour rgb with the given alpha (0..1). */
void plot_colour_set(cairo_t *cr, uint32_t rgb, double alpha);
/* rgb mixed with white: t = 0 gives rgb, t = 1 gives white (tints for fills). */
uint32_t plot_colour_tint(uint32_t rgb, double t);
/* WCAG relative luminance of an sRGB colour, 0 (black) .. 1 (white). */
double plot_colour_luminance(uint32_t rgb);
/* The text colour (near-black or white) with the better contrast on bg. */
uint32_t plot_colour_text_on(uint32_t bg);

/* Sequential and diverging colour scales for heatmaps. */
typedef enum plot_scale {
    PLOT_SCALE_VIRIDIS = 0, /* perceptually uniform, colour-blind safe (default) */
    PLOT_SCALE_BLUES,       /* white-ish to Okabe–Ito blue */
    PLOT_SCALE_DIVERGING    /* blue - near white - vermillion, centre at t = 0.5 */
} plot_scale;

/* Colour of scale at t in [0, 1] (clamped; NAN gives PLOT_LIGHT_GREY). */
uint32_t plot_scale_colour(plot_scale scale, double t);

#endif
