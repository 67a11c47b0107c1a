/* sweep_run — `devopsim sweep`: a PARAMS design over one scenario. Every
 * point becomes a scenario file OUT/points/pNNNNN.json (the scenario with the
 * point's values written in by sweep_apply_point) run as one scenario of the
 * batch layer: all points' replications are one flat job list on every
 * thread and MPI rank, every point with the scenario's own seed (common
 * random numbers, docs/sensitivity.md), each point's folder marked finished
 * (.done) so that a rerun after an interruption or SIGKILL resumes. Then the
 * point folders are read back and the sweep's own files written
 * (sweep_out.h). See docs/sensitivity.md.
 *
 * Ownership: everything sweep_run allocates it releases. */
#ifndef SWEEP_RUN_H
#define SWEEP_RUN_H

#include <stddef.h>
#include "batch/batch_comm.h"
#include "sweep/sweep_params.h"

typedef struct sweep_opts {
    const char *scenario;       /* SCENARIO.json */
    const char *params;         /* PARAMS.json */
    const char *out;            /* OUT directory */
    int threads;                /* on this process (> 0) */
    long reps;                  /* > 0: replications of every point */
    int quiet, force;
    int no_staffing;            /* 1: no staffing search at any point (--no-staffing) */
    int argc;                   /* the command line, for provenance */
    char **argv;
} sweep_opts;

/* What the points measured, read back from their folders. Metric k of model
 * m at hosting h at point p is at ((p * n_models + m) * n_hostings + h) *
 * n_metrics + k; NAN where a point did not measure it. */
typedef struct sweep_table {
    size_t n_points;
    int n_models, n_hostings, n_metrics;
    char **model, **hosting, **metric;      /* owned names */
    double *mean, *low, *high;
} sweep_table;

static inline size_t sweep_at(const sweep_table *t, size_t p, int m, int h, int k)
{
    return (((p * (size_t)t->n_models + (size_t)m) * (size_t)t->n_hostings + (size_t)h)
            * (size_t)t->n_metrics) + (size_t)k;
}

void sweep_table_free(sweep_table *t);

/* Runs the sweep (every rank calls it with the same options). Returns the
 * exit status: 0 done, 1 internal failure, 2 bad input (every problem
 * printed with file and JSON path), 128 + signal when interrupted. */
int sweep_run(const sweep_opts *o, batch_comm *comm);

#endif
