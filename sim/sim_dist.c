/* sim_dist — constructors, samplers and closed-form moments of the model's
 * distributions. Sampling uses GSL's samplers (and the inverse CDF for the
 * triangular, which GSL lacks). */
#include "sim/sim_dist.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

/* z such that Phi(z) = 0.9 (the standard normal's 90th percentile). */
#define Z_090 1.2815515655446004

static void set(sim_dist *d, sim_dist_kind kind, double a, double b, double c)
{
    d->kind = kind;
    d->a = a;
    d->b = b;
    d->c = c;
    d->values = NULL;
    d->n = 0;
}

int sim_dist_constant(sim_dist *d, double value)
{
    if (!isfinite(value))
        return -1;
    set(d, SIM_DIST_CONSTANT, value, 0, 0);
    return 0;
}

int sim_dist_exponential(sim_dist *d, double mean)
{
    if (!isfinite(mean) || mean < 0)
        return -1;
    set(d, SIM_DIST_EXPONENTIAL, mean, 0, 0);
    return 0;
}

int sim_dist_lognormal_median_p90(sim_dist *d, double median, double p90)
{
    if (!isfinite(median) || !isfinite(p90) || !(median > 0) || !(p90 > median))
        return -1;
    double sigma = log(p90 / median) / Z_090;
    if (!(sigma > 0) || !isfinite(sigma))
        return -1;
    set(d, SIM_DIST_LOGNORMAL, log(median), sigma, 0);
    return 0;
}

int sim_dist_triangular(sim_dist *d, double min, double mode, double max)
{
    if (!isfinite(min) || !isfinite(mode) || !isfinite(max) || min > mode || mode > max)
        return -1;
    set(d, SIM_DIST_TRIANGULAR, min, mode, max);
    return 0;
}

int sim_dist_gamma(sim_dist *d, double shape, double scale)
{
    if (!isfinite(shape) || !isfinite(scale) || !(shape > 0) || !(scale > 0))
        return -1;
    set(d, SIM_DIST_GAMMA, shape, scale, 0);
    return 0;
}

int sim_dist_uniform(sim_dist *d, double low, double high)
{
    if (!isfinite(low) || !isfinite(high) || low > high)
        return -1;
    set(d, SIM_DIST_UNIFORM, low, high, 0);
    return 0;
}

int sim_dist_empirical(sim_dist *d, const double *values, size_t n)
{
    if (!values || n == 0 || n > SIZE_MAX / sizeof(double))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(values[i]))
            return -1;
    double *copy = malloc(n * sizeof *copy);
    if (!copy)
        return -1;
    memcpy(copy, values, n * sizeof *copy);
    set(d, SIM_DIST_EMPIRICAL, 0, 0, 0);
    d->values = copy;
    d->n = n;
    return 0;
}

void sim_dist_destroy(sim_dist *d)
{
    if (!d)
        return;
    free(d->values);
    d->values = NULL;
    d->n = 0;
}

int sim_dist_copy(sim_dist *dst, const sim_dist *src)
{
    if (src->kind == SIM_DIST_EMPIRICAL)
        return dst == src ? 0 : sim_dist_empirical(dst, src->values, src->n);
    if (dst != src) {
        *dst = *src;
        dst->values = NULL;
        dst->n = 0;
    }
    return 0;
}

/* Inverse CDF of the triangular distribution on [a, c] with mode b. */
static double triangular_sample(double a, double b, double c, gsl_rng *r)
{
    double u = gsl_rng_uniform(r);
    double width = c - a;
    if (!(width > 0))
        return a;
    double f = (b - a) / width;
    if (u < f)
        return a + sqrt(u * width * (b - a));
    return c - sqrt((1 - u) * width * (c - b));
}

double sim_dist_sample(const sim_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
        return d->a;
    case SIM_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, d->a);            /* takes the mean */
    case SIM_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, d->a, d->b);
    case SIM_DIST_TRIANGULAR:
        return triangular_sample(d->a, d->b, d->c, r);
    case SIM_DIST_GAMMA:
        return gsl_ran_gamma(r, d->a, d->b);            /* shape, scale */
    case SIM_DIST_UNIFORM:
        return d->a == d->b ? d->a : gsl_ran_flat(r, d->a, d->b);
    case SIM_DIST_EMPIRICAL:
        if (d->n == 0 || !d->values)
            return (double)NAN;
        return d->n == 1 ? d->values[0] : d->values[gsl_rng_uniform_int(r, d->n)];
    }
    return (double)NAN;
}

double sim_dist_mean(const sim_dist *d)
{
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
    case SIM_DIST_EXPONENTIAL:
        return d->a;
    case SIM_DIST_LOGNORMAL:
        return exp(d->a + 0.5 * d->b * d->b);
    case SIM_DIST_TRIANGULAR:
        return (d->a + d->b + d->c) / 3;
    case SIM_DIST_GAMMA:
        return d->a * d->b;
    case SIM_DIST_UNIFORM:
        return 0.5 * (d->a + d->b);
    case SIM_DIST_EMPIRICAL: {
        if (d->n == 0 || !d->values)
            return (double)NAN;
        double s = 0;
        for (size_t i = 0; i < d->n; i++)
            s += d->values[i];
        return s / (double)d->n;
    }
    }
    return (double)NAN;
}

double sim_dist_variance(const sim_dist *d)
{
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
        return 0;
    case SIM_DIST_EXPONENTIAL:
        return d->a * d->a;
    case SIM_DIST_LOGNORMAL: {
        double s2 = d->b * d->b;
        return expm1(s2) * exp(2 * d->a + s2);
    }
    case SIM_DIST_TRIANGULAR: {
        double a = d->a, b = d->b, c = d->c;
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case SIM_DIST_GAMMA:
        return d->a * d->b * d->b;
    case SIM_DIST_UNIFORM: {
        double w = d->b - d->a;
        return w * w / 12;
    }
    case SIM_DIST_EMPIRICAL: {
        /* the variance of the discrete distribution (divide by n) */
        double m = sim_dist_mean(d), s = 0;
        for (size_t i = 0; i < d->n; i++)
            s += (d->values[i] - m) * (d->values[i] - m);
        return d->n ? s / (double)d->n : (double)NAN;
    }
    }
    return (double)NAN;
}

int sim_dist_scaled(sim_dist *dst, const sim_dist *src, double factor)
{
    if (!isfinite(factor) || !(factor > 0))
        return -1;
    sim_dist out = *src;
    switch (src->kind) {
    case SIM_DIST_CONSTANT:
    case SIM_DIST_EXPONENTIAL:
        out.a *= factor;
        break;
    case SIM_DIST_LOGNORMAL:
        out.a += log(factor);
        break;
    case SIM_DIST_TRIANGULAR:
        out.a *= factor;
        out.b *= factor;
        out.c *= factor;
        break;
    case SIM_DIST_GAMMA:
        out.b *= factor;
        break;
    case SIM_DIST_UNIFORM:
        out.a *= factor;
        out.b *= factor;
        break;
    case SIM_DIST_EMPIRICAL:
        if (dst == src) {
            for (size_t i = 0; i < src->n; i++)
                dst->values[i] *= factor;
            return 0;
        }
        if (sim_dist_empirical(&out, src->values, src->n) != 0)
            return -1;
        for (size_t i = 0; i < out.n; i++)
            out.values[i] *= factor;
        break;
    default:
        return -1;
    }
    *dst = out;
    return 0;
}
