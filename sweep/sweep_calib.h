/* sweep_calib — `devopsim calibrate`: fits the unknown parameters a
 * scenario marks in its "calibrate" section (JSON paths with ranges, written
 * into the scenario by sweep_apply) to what a company measures
 * (OBSERVED.json, sweep_observed.h). Every evaluation runs the scenario's
 * replications of today's model × hosting point with the scenario's seed
 * (common random numbers: the objective is a deterministic function of the
 * parameters); GSL's Nelder–Mead simplex (nmsimplex2) minimises the sum of
 * squared standardised misses on an unbounded logistic transform of the
 * ranges, restarted once from its best point. The fitted values' standard
 * errors come from the curvature of that sum (Gauss–Newton: the Jacobian of
 * the standardised figures by central differences). docs/calibrate.md
 * describes the method and its choices.
 *
 * Ownership: sweep_calib_run fills a sweep_calib_result released with
 * sweep_calib_result_free; every string and array in it belongs to it. */
#ifndef SWEEP_CALIB_H
#define SWEEP_CALIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sweep/sweep_observed.h"

/* Exit status of a fit whose figures are not all within tolerance. */
#define SWEEP_CALIB_NO_FIT 3
/* Default budget of simulation evaluations for the simplex. */
#define SWEEP_CALIB_MAX_EVALS 300

typedef struct sweep_calib_opts {
    const char *scenario;       /* SCENARIO.json (with a "calibrate" section) */
    const char *observed;       /* OBSERVED.json */
    int reps;                   /* > 0: replications per evaluation (else the scenario's) */
    int has_seed;
    uint64_t seed;
    int jobs;                   /* threads (> 0) */
    int max_evals;              /* > 0: the simplex's evaluation budget */
    FILE *progress;             /* a line every 10 evaluations, or NULL */
} sweep_calib_opts;

typedef struct sweep_calib_param {
    char *path, *name;
    double low, high;           /* the range */
    double fit;                 /* the fitted value: the best point evaluated */
    double se;                  /* its standard error (INFINITY: not identified) */
    double ci_low, ci_high;     /* fit ± 1.96 se, within the range */
    int at_edge;                /* 1: within 1% of the range's width from an end */
} sweep_calib_param;

typedef struct sweep_calib_figure {
    sweep_obs obs;
    double mean, low, high;     /* simulated at the fit: mean and 95% Student-t interval */
    int n;                      /* replications defining it */
    double z;                   /* (mean - observed) / tolerance */
    int within;                 /* 1: |mean - observed| <= tolerance */
} sweep_calib_figure;

typedef struct sweep_calib_result {
    char model[64], hosting[64];
    int reps;
    uint64_t seed;
    size_t n_params;
    sweep_calib_param *params;
    int n_figures;
    sweep_calib_figure figures[SWEEP_OBS_COUNT];
    double objective;           /* sum of z² at the fit */
    int evals;                  /* simulation evaluations in the fit (not the curvature's) */
    int converged;              /* 1: the simplex shrank below its size tolerance */
    int fits;                   /* 1: every figure within its tolerance */
    char *calibrated;           /* the calibrated scenario's text (JSON, ends in a newline) */
} sweep_calib_result;

/* Runs the calibration. Returns 0 (done: *r filled, whatever the verdict),
 * 2 on bad input (every problem printed with file and line:column or JSON
 * path; nothing simulated), 1 on an internal failure (printed). */
int sweep_calib_run(const sweep_calib_opts *o, sweep_calib_result *r);
void sweep_calib_result_free(sweep_calib_result *r);

#endif
