/* util_progress — the progress line on a terminal (see util_progress.h). */
#include "util/util_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double util_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void util_progress_init(util_progress *p, const char *label, int quiet)
{
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->t0 = util_now_seconds();
    p->label = label;
}

void util_progress_update(void *ctx, long done, long total)
{
    util_progress *p = ctx;
    if (!p->enabled)
        return;
    double el = util_now_seconds() - p->t0;
    double rate = el > 0 ? (double)done / el : 0.0;
    double eta = rate > 0 ? (double)(total - done) / rate : 0.0;
    fprintf(stderr, "\r%s %ld/%ld runs  %.1f runs/s  ETA %.0fs   ", p->label, done, total, rate, eta);
    fflush(stderr);
}

void util_progress_end(util_progress *p)
{
    if (p->enabled)
        fputs("\r\033[K", stderr);
}
