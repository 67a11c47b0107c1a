/* sim_warmup — choosing and checking the warm-up of a simulation output
 * series: MSER-5 truncation (White 1997; Spratt 1998; White, Cobb & Spratt
 * 2000) and a drift test of the retained window (least-squares trend of
 * batch means, Student t). A series is equally spaced observations in time
 * order (e.g. daily queue length, lead times in completion order).
 *
 * Sources: K. P. White Jr. (1997), "An effective truncation heuristic for bias
 * reduction in simulation output", Simulation 69(6), 323–334; K. P. White Jr.,
 * M. J. Cobb & S. C. Spratt (2000), "A comparison of five steady-state
 * truncation heuristics for simulation", Proc. Winter Simulation Conf.;
 * W. L. Franklin & K. P. White (2008), "Stationarity tests and MSER-5",
 * Proc. WSC (why the search stops at half the series). Batch means: Law
 * (2015), Simulation Modeling and Analysis, 5th ed., §9.5.3. */
#ifndef SIM_WARMUP_H
#define SIM_WARMUP_H

#include <stddef.h>

#define SIM_MSER_BATCH 5

typedef struct sim_mser {
    size_t truncate;        /* observations to delete from the start (a multiple of 5) */
    size_t n_batches;       /* batch means of 5 formed (a partial last batch is dropped) */
    double statistic;       /* MSER at the chosen truncation */
    int at_limit;           /* 1 when the minimum fell on the last candidate (half the
                               batches): the transient may be longer than the run */
} sim_mser;

/* MSER-5: forms batch means Z_1..Z_k of 5 consecutive observations and returns
 * the d in [0, k/2] minimising MSER(d) = sum_{i>d} (Z_i - mean_{i>d} Z)^2 / (k-d)^2
 * (ties: the smallest d), as truncate = 5 d. The search stops at half the
 * batches, as Franklin & White (2008) advise. Returns 0, or -1 when fewer than
 * 4 batches (20 observations) or a value is not finite. */
int sim_mser5(const double *x, size_t n, sim_mser *out);

/* Drift of a window: x[0..n) cut into `batches` equal consecutive batches
 * (the first n mod batches observations are dropped), a least-squares line
 * through the batch means against batch index, and the two-sided p-value of
 * its slope (t with batches - 2 degrees of freedom). With batches large
 * enough to be nearly independent (each much longer than the correlation
 * time), p < alpha says the window still drifts. */
typedef struct sim_drift {
    double slope_per_obs;   /* fitted change of the level per observation */
    double change;          /* fitted change from first to last batch (slope × span) */
    double mean;            /* mean of the batch means */
    double p_value;         /* two-sided; 1 when the batch means are all equal */
    size_t batches;
} sim_drift;

/* Returns 0, or -1 when batches < 3, n < batches or a value is not finite. */
int sim_drift_test(const double *x, size_t n, size_t batches, sim_drift *out);

#endif
