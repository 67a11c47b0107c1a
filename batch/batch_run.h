/* batch_run — the flat job list of a batch and its running. Every
 * scenario's replications (scenario × model × hosting point × replication)
 * form one list, scenarios with the costliest runs first, run on every
 * thread and, in the MPI build, every rank. Scenarios with staffing targets
 * then run their staffing searches together, round by round: each round's
 * candidate replications are ordinary jobs of the same kind, spread over the
 * same threads and ranks (org_staff_begin / _round / _feed). Rank 0 writes
 * each scenario (pipeline_write, then its .done marker) as soon as all its
 * work is done, while other jobs run. The bytes written do not depend on
 * threads or ranks. See docs/batch.md.
 *
 * Ownership: the caller owns the batch_scen array and everything in it; the
 * runner fills and releases each scenario's results (x, staff) itself. */
#ifndef BATCH_RUN_H
#define BATCH_RUN_H

#include <signal.h>
#include "batch/batch_comm.h"
#include "batch/batch_done.h"
#include "models/org_staff.h"
#include "report/pipeline.h"
#include "util/util_progress.h"

typedef enum batch_state {
    BATCH_BAD_INPUT,    /* missing, invalid, or its name is unusable: no folder */
    BATCH_UP_TO_DATE,   /* finished earlier, skipped */
    BATCH_TO_RUN,
    BATCH_WRITTEN,
    BATCH_FAILED,       /* ran, but a job or writing failed (internal) */
    BATCH_UNFINISHED    /* interrupted */
} batch_state;

/* One scenario of a batch. */
typedef struct batch_scen {
    const char *path;
    int loaded;
    pipeline pl;
    char *dir;                  /* OUT/<name> (owned) */
    batch_key key;
    batch_state state;
    const char *why;            /* why it is rerun, or why it is bad */
    /* the runner's */
    pipeline_results res;       /* the experiment, then the staffing search */
    int has_x;                  /* res.x allocated */
    int exp_done;               /* all its runs are in (org_exp_finish called) */
    org_staff_state *staff;     /* a staffing search in progress (rank 0) */
    long first, n_jobs;         /* its jobs in the flat list */
    long remaining;
    int failed;
    double cost;                /* estimated cost of one job */
} batch_scen;

/* Set by the command's SIGINT/SIGTERM handler: stop after the jobs in
 * progress (every rank agrees at the end of each wave). */
extern volatile sig_atomic_t batch_signal;
/* 1 while a progress line is on stderr (the handler clears it first). */
extern volatile sig_atomic_t batch_progress_line;

typedef struct batch_run_opts {
    int threads;                /* on this process */
    int threads0;               /* on rank 0 (MPI waves are sized from it) */
    int quiet;                  /* no progress line */
    pipeline_out pout;          /* how each scenario is written */
} batch_run_opts;

/* Runs run[0..n) (the same list, in the same order, on every rank) and, on
 * rank 0, writes each finished scenario, setting its state to BATCH_WRITTEN
 * or BATCH_FAILED; scenarios still BATCH_TO_RUN afterwards were interrupted.
 * *runs gets the replications simulated (on this rank, or in all on rank 0),
 * *write_errors the folders that could not be written. 0, or -1 on an
 * internal failure (message printed; MPI ranks aborted). */
int batch_run(batch_scen **run, int n, batch_comm *comm, const batch_run_opts *o, long *runs, int *write_errors);

/* Releases what the runner holds for S (after an interruption). */
void batch_scen_release(batch_scen *S);

#endif
