/* plot_ticks — axis ticks by Heckbert's "nice numbers" (Graphics Gems I,
 * "Nice numbers for graph labels": steps of 1, 2 or 5 x 10^k, loose labels
 * that enclose the data) and locale-independent number formatting for tick
 * and value labels (no "0.30000000000000004", a real minus sign). */
#ifndef PLOT_TICKS_H
#define PLOT_TICKS_H

#include <stddef.h>

#define PLOT_TICKS_MAX 32

typedef struct plot_ticks {
    double lo, hi;  /* axis range: first and last tick (enclose the data) */
    double step;    /* tick spacing: 1, 2 or 5 x 10^k */
    int n;          /* number of ticks: v[i] = lo + i * step, i < n */
    int n_frac;     /* decimals that print every tick exactly */
    double v[PLOT_TICKS_MAX];
} plot_ticks;

/* Heckbert's nicenum: a 1, 2, 5 or 10 x 10^k number near x > 0; rounded to
 * the nearest when round != 0, else the smallest one >= x. */
double plot_nice_number(double x, int round);

/* Loose nice ticks enclosing [lo, hi] with about n_target ticks (>= 2).
 * A zero-width range is widened (0..1 when both are 0). Returns 0, PLOT_EINVAL
 * for non-finite input, PLOT_ERANGE when more than PLOT_TICKS_MAX ticks. */
int plot_ticks_nice(double lo, double hi, int n_target, plot_ticks *out);

/* Decimals Heckbert would print for a tick step (max(-floor(log10 step), 0)). */
int plot_decimals_for_step(double step);

/* Decimals to show about three significant digits of values up to
 * max_abs in size (0 for >= 10, 1 for >= 1, 2 below; capped at 3). */
int plot_decimals_for_values(double max_abs);

enum {
    PLOT_FMT_THOUSANDS = 1u, /* 12,345 */
    PLOT_FMT_PERCENT = 2u    /* value is a share: print 100 v with a % sign; n_frac counts the share's decimals */
};

/* Formats v with n_frac decimals into buf (always NUL-terminated; "n/a" for
 * NAN). Locale-independent; negative numbers use U+2212 MINUS SIGN; -0
 * prints as 0. Returns the length written (excluding the NUL). */
size_t plot_number_format(double v, int n_frac, unsigned flags, char *buf, size_t len);

#endif
