/* util_progress — the progress line on stderr ("label done/total runs,
 * runs/s, ETA"), drawn only when stderr is a terminal, and a monotonic
 * clock. Used by `run`, `staff` and `batch`. */
#ifndef UTIL_PROGRESS_H
#define UTIL_PROGRESS_H

typedef struct util_progress {
    int enabled;        /* 1: stderr is a terminal and not quiet */
    double t0;          /* util_now_seconds at init */
    const char *label;  /* not owned */
} util_progress;

void util_progress_init(util_progress *p, const char *label, int quiet);
/* An org_progress_fn: ctx is a util_progress. */
void util_progress_update(void *ctx, long done, long total);
/* Clears the line. */
void util_progress_end(util_progress *p);
/* Seconds on a monotonic clock. */
double util_now_seconds(void);

#endif
