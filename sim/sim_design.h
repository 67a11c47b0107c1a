/* sim_design — experimental designs on the unit hypercube and Sobol'
 * sensitivity indices. Knows nothing of organisations: a design is an n × d
 * matrix of coordinates (row-major, rows are points), the caller maps each
 * coordinate to a parameter value (a range, a quantile of a distribution, a
 * level) and evaluates its model at every row.
 *
 * Randomness comes from sim_rng keyed streams, one per (purpose, column):
 * the same seed gives the same bytes, and a design of d + 1 columns shares
 * its first d columns with the design of d columns.
 *
 * Sources:
 *  - Latin hypercube: McKay, Beckman & Conover (1979), Technometrics 21(2).
 *  - Sampling scheme and first-order estimator: Saltelli et al. (2010),
 *    "Variance based sensitivity analysis of model output. Design and
 *    estimator for the total sensitivity index", Comput. Phys. Commun. 181,
 *    259–270 (Table 2, estimator (b) for S_i).
 *  - Total-order estimator: Jansen (1999), "Analysis of variance designs for
 *    model output", Comput. Phys. Commun. 117, 35–43 (Table 2 (f) in Saltelli 2010).
 *  - Percentile bootstrap: Efron & Tibshirani (1993), An Introduction to the
 *    Bootstrap, ch. 13; for Sobol' indices Archer, Saltelli & Sobol' (1997),
 *    J. Stat. Comput. Simul. 58, 99–120.
 * docs/sensitivity.md explains the choices (plain random base sample, not QMC). */
#ifndef SIM_DESIGN_H
#define SIM_DESIGN_H

#include <stddef.h>
#include <stdint.h>

/* Latin hypercube: fills x[n*d] with n points in [0,1)^d such that in every
 * column each stratum [k/n, (k+1)/n), k = 0..n-1, holds exactly one point
 * (a random permutation of the strata, a uniform position inside each).
 * Column j draws from stream (seed, 0, "design.lhs", j). Returns 0, or -1 when
 * n or d is 0 or memory ran out. */
int sim_design_lhs(double *x, size_t n, size_t d, uint64_t seed);

/* Number of points of the full factorial with levels[0..d) levels per factor:
 * their product, or 0 when d is 0, a factor has 0 levels or the product
 * overflows max_points. */
size_t sim_design_grid_size(const size_t *levels, size_t d, size_t max_points);

/* Full factorial: fills idx[n*d] (n = sim_design_grid_size) with level indices,
 * the last factor varying fastest (row r is r written in the mixed radix
 * levels[]). Returns 0, or -1 on bad input. */
int sim_design_grid(size_t *idx, const size_t *levels, size_t d);

/* One at a time: (1 + 2d) rows of d columns. Row 0 is the base case (every
 * column SIM_DESIGN_BASE); row 1 + 2j sets column j to 0 (low end) and row
 * 2 + 2j to 1 (high end), every other column SIM_DESIGN_BASE. The caller
 * decides what base, low and high mean for each parameter. Returns 0 or -1. */
#define SIM_DESIGN_BASE (-1.0)
size_t sim_design_oat_size(size_t d);
int sim_design_oat(double *x, size_t d);

/* ---- Sobol' indices by Saltelli's scheme ------------------------------------
 * Two independent n × d uniform matrices A and B (column j of A from stream
 * (seed, 0, "design.saltelli.a", j), of B from "design.saltelli.b"), and for each i the
 * matrix A_B^i: A with its column i taken from B. The design stacks them in
 * blocks of n rows: block 0 = A, block 1 = B, block 2 + i = A_B^i, so row
 * b*n + k is row k of block b: n (d + 2) model runs in all. */
size_t sim_saltelli_rows(size_t n, size_t d);
/* Fills x[sim_saltelli_rows(n, d) * d]. Returns 0, or -1 (n < 2, d == 0, memory). */
int sim_saltelli_design(double *x, size_t n, size_t d, uint64_t seed);

/* One parameter's indices with their bootstrap standard errors and 95%
 * percentile intervals. */
typedef struct sim_sobol_index {
    double s1, s1_se, s1_low, s1_high;   /* first order (Saltelli 2010) */
    double st, st_se, st_low, st_high;   /* total order (Jansen 1999) */
} sim_sobol_index;

/* Estimates first- and total-order indices from y[sim_saltelli_rows(n, d)],
 * the model outputs in the design's row order, into out[0..d). The variance
 * is that of the 2n outputs of A and B together. Bootstrap: n_boot resamples
 * of the n base rows with replacement (stream (seed, 0, "design.bootstrap", 0)),
 * every index recomputed on each; se is the resamples' standard deviation and
 * [low, high] their 2.5% and 97.5% quantiles. n_boot may be 0 (then se = 0 and
 * low = high = the estimate). Returns 0; -1 on bad arguments, memory, or a
 * non-finite output; -2 when the outputs have zero variance (indices undefined). */
int sim_sobol_indices(const double *y, size_t n, size_t d, size_t n_boot, uint64_t seed,
                      sim_sobol_index *out);

/* ---- First-order indices from a single design (lhs, grid) -----------------
 * The correlation ratio eta² = Var(E[Y | X_j]) / Var(Y) (Pearson 1903; the
 * first-order Sobol' index of X_j, McKay 1995), with E[Y | X_j] estimated by
 * the mean of y over groups of rows:
 *  - n_bins > 0 (a Latin hypercube): n_bins equal bins of the coordinate in
 *    [0, 1) (each holds N / n_bins rows of an LHS); eta² is then biased up by
 *    about (n_bins - 1) / (N - 1) when X_j does nothing, so the estimate is
 *    epsilon² = 1 - (1 - eta²) (N - 1) / (N - n_bins) (Kelley 1935), which
 *    may be slightly negative;
 *  - n_bins == 0 (a full factorial): one group per distinct coordinate
 *    value (the factor's levels); eta² is then the main effect's share of
 *    the factorial's sum of squares, exact on the grid, no correction.
 * x[p * stride] is row p's coordinate of X_j, y[p] its output; rows whose
 * output is not finite are left out. Returns the estimate, or NAN when fewer
 * than n_bins + 2 rows (n_bins == 0: 3) are left or the outputs do not vary. */
double sim_first_order_binned(const double *y, const double *x, size_t n, size_t stride, size_t n_bins);

#endif
