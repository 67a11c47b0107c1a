/* plot_ticks — Heckbert's nice numbers, loose tick labels and number
 * formatting by integer arithmetic (independent of the C locale). */
#include "plots/plot_ticks.h"
#include "plots/plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

double plot_nice_number(double x, int round)
{
    if (!(x > 0.0) || !isfinite(x))
        return 0.0;
    double expv = floor(log10(x));
    double f = x / pow(10.0, expv); /* 1 <= f < 10 */
    double nf;
    if (round)
        nf = f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0;
    else
        nf = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0;
    return nf * pow(10.0, expv);
}

int plot_decimals_for_step(double step)
{
    if (!(step > 0.0) || !isfinite(step))
        return 0;
    int d = -(int)floor(log10(step) + 1e-9);
    return d > 0 ? d : 0;
}

int plot_decimals_for_values(double max_abs)
{
    if (!(max_abs > 0.0) || !isfinite(max_abs))
        return 0;
    int d = 1 - (int)floor(log10(max_abs) + 1e-9);
    return d < 0 ? 0 : d > 3 ? 3 : d;
}

int plot_ticks_nice(double lo, double hi, int n_target, plot_ticks *out)
{
    if (!out || !isfinite(lo) || !isfinite(hi))
        return PLOT_EINVAL;
    memset(out, 0, sizeof *out);
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (n_target < 2)
        n_target = 2;
    if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
        if (lo == 0.0 && hi == 0.0) {
            hi = 1.0;
        } else {
            double pad = fabs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
    }
    double range = plot_nice_number(hi - lo, 0);
    double d = plot_nice_number(range / (double)(n_target - 1), 1);
    if (!(d > 0.0))
        return PLOT_EINVAL;
    /* Tick indices are integers k * d: no accumulated rounding error. */
    double k0 = floor(lo / d + 1e-9), k1 = ceil(hi / d - 1e-9);
    double n = k1 - k0 + 1.0;
    if (n > (double)PLOT_TICKS_MAX)
        return PLOT_ERANGE;
    out->n = (int)n;
    out->step = d;
    out->n_frac = plot_decimals_for_step(d);
    for (int i = 0; i < out->n; i++) {
        double v = (k0 + (double)i) * d;
        out->v[i] = v == 0.0 ? 0.0 : v; /* no -0 */
    }
    out->lo = out->v[0];
    out->hi = out->v[out->n - 1];
    return PLOT_OK;
}

size_t plot_number_format(double v, int n_frac, unsigned flags, char *buf, size_t len)
{
    if (!buf || len == 0)
        return 0;
    if (isnan(v))
        return (size_t)snprintf(buf, len, "n/a") < len ? 3 : strlen(buf);
    const char *suffix = "";
    if (flags & PLOT_FMT_PERCENT) {
        v *= 100.0;
        n_frac = n_frac > 2 ? n_frac - 2 : 0;
        suffix = "%";
    }
    if (n_frac < 0)
        n_frac = 0;
    if (!isfinite(v) || fabs(v) >= 1e15 || n_frac > 9) {
        int w = snprintf(buf, len, "%.*g%s", 6, v, suffix);
        return w < 0 ? 0 : (size_t)w < len ? (size_t)w : len - 1;
    }
    long long scale = 1;
    for (int i = 0; i < n_frac; i++)
        scale *= 10;
    long long q = llround(v * (double)scale);
    int neg = q < 0;
    unsigned long long a = (unsigned long long)(neg ? -q : q);
    unsigned long long ip = a / (unsigned long long)scale, fp = a % (unsigned long long)scale;

    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%llu", ip);
    size_t nd = strlen(digits), g = 0;
    int sep = (flags & PLOT_FMT_THOUSANDS) && ip >= 1000;
    for (size_t i = 0; i < nd; i++) {
        if (sep && i > 0 && (nd - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    char frac[32] = "";
    if (n_frac > 0)
        snprintf(frac, sizeof frac, ".%0*llu", n_frac, fp);
    int w = snprintf(buf, len, "%s%s%s%s", neg ? "\xe2\x88\x92" : "", grouped, frac, suffix);
    return w < 0 ? 0 : (size_t)w < len ? (size_t)w : len - 1;
}
