/* sim_stats — statistics for simulation output: streaming moments (Welford),
 * time-weighted averages, exact quantiles, and Student-t 95% confidence
 * intervals over independent replications, paired or not. O(1) memory per
 * accumulator; quantiles need the sample in memory. */
#ifndef SIM_STATS_H
#define SIM_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct sim_welford {
    uint64_t n;
    double mean, m2, min, max;
} sim_welford;

void sim_welford_init(sim_welford *w);
void sim_welford_add(sim_welford *w, double x);
/* Sample variance (n - 1 denominator); 0 when n < 2. */
double sim_welford_variance(const sim_welford *w);
/* Standard error of the mean; 0 when n < 2. */
double sim_welford_sem(const sim_welford *w);

/* Time-weighted average of a piecewise-constant quantity (queue length, busy servers). */
typedef struct sim_timeavg {
    double t_start, t_last, value, area;
} sim_timeavg;

void sim_timeavg_init(sim_timeavg *a, double t0, double value);
/* The quantity changes to value at time t (t >= last change). */
void sim_timeavg_set(sim_timeavg *a, double t, double value);
/* Restarts the average at time t, keeping the current value (end of warm-up). */
void sim_timeavg_reset(sim_timeavg *a, double t);
/* Average from t_start to t_end (>= last change); the current value when no time passed. */
double sim_timeavg_mean(const sim_timeavg *a, double t_end);

/* Quantile p in [0,1] of sorted data, linear interpolation between order
 * statistics (Hyndman–Fan type 7, numpy's default). NAN when n == 0. */
double sim_quantile_sorted(const double *sorted, size_t n, double p);
/* Sorts data in place, then as above. */
double sim_quantile(double *data, size_t n, double p);

/* Two-sided 95% Student-t interval for a mean. */
typedef struct sim_ci {
    double mean, half_width, low, high;
    size_t n;
} sim_ci;

/* Quantile of Student's t with dof degrees of freedom (p in (0,1)). */
double sim_t_quantile(double p, double dof);
/* Interval over n independent observations; half_width 0 when n < 2
 * (and low = high = mean). */
sim_ci sim_ci95(const double *x, size_t n);
/* Interval for the mean of a[i] - b[i] (paired observations). */
sim_ci sim_ci95_paired(const double *a, const double *b, size_t n);
/* Welch interval for mean(a) - mean(b) from independent samples. */
sim_ci sim_ci95_unpaired(const double *a, size_t na, const double *b, size_t nb);
/* Two-sided p-value of the paired t-test (1 when n < 2 or zero variance and mean 0). */
double sim_paired_p_value(const double *a, const double *b, size_t n);

#endif
