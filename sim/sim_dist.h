/* sim_dist — the probability distributions the model draws from, described
 * by value (a small struct) so scenario files can name them. Parameters are in
 * the caller's units (days, hours); a mean is a mean, never a rate. */
#ifndef SIM_DIST_H
#define SIM_DIST_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

typedef enum sim_dist_kind {
    SIM_DIST_CONSTANT,      /* a = value */
    SIM_DIST_EXPONENTIAL,   /* a = mean */
    SIM_DIST_LOGNORMAL,     /* a = mu, b = sigma of log; see sim_dist_lognormal_median_p90 */
    SIM_DIST_TRIANGULAR,    /* a = min, b = mode, c = max */
    SIM_DIST_GAMMA,         /* a = shape, b = scale */
    SIM_DIST_UNIFORM,       /* a = low, b = high */
    SIM_DIST_EMPIRICAL      /* values[0..n), drawn with equal probability */
} sim_dist_kind;

typedef struct sim_dist {
    sim_dist_kind kind;
    double a, b, c;
    double *values;         /* EMPIRICAL only; owned, released by sim_dist_destroy */
    size_t n;
} sim_dist;

/* Constructors fill *d and return 0, or -1 when the parameters are invalid
 * (negative mean, p90 <= median, min > mode, ...). */
int sim_dist_constant(sim_dist *d, double value);
int sim_dist_exponential(sim_dist *d, double mean);
/* Lognormal from the way engineers estimate: median and 90th percentile (p90 > median > 0). */
int sim_dist_lognormal_median_p90(sim_dist *d, double median, double p90);
int sim_dist_triangular(sim_dist *d, double min, double mode, double max);
int sim_dist_gamma(sim_dist *d, double shape, double scale);
int sim_dist_uniform(sim_dist *d, double low, double high);
/* Copies values (n >= 1); -1 on bad input or out of memory. */
int sim_dist_empirical(sim_dist *d, const double *values, size_t n);
/* Releases what a constructor allocated; safe on any initialised dist. */
void sim_dist_destroy(sim_dist *d);
/* Deep copy; 0 or -1 when memory ran out. */
int sim_dist_copy(sim_dist *dst, const sim_dist *src);

double sim_dist_sample(const sim_dist *d, gsl_rng *r);
double sim_dist_mean(const sim_dist *d);
double sim_dist_variance(const sim_dist *d);
/* Returns a copy of d scaled by factor > 0 (every draw multiplied by factor). */
int sim_dist_scaled(sim_dist *dst, const sim_dist *src, double factor);

#endif
