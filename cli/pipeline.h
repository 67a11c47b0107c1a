/* pipeline — the steps `run` and `batch` share: load a scenario file (with
 * command-line overrides, every problem reported), and write everything a
 * run writes into its output directory (results, CSVs, comparisons,
 * provenance, charts). */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stdint.h>
#include <stdio.h>
#include "cli/report.h"
#include "models/org_exp.h"
#include "models/scen_load.h"

typedef struct pipeline {
    const char *path;
    char *text;                 /* the scenario file verbatim (owned) */
    size_t len;
    org_scenario s;             /* owned */
    scen_overrides ov;          /* owned */
    char hash[17];              /* of text */
    int baseline;               /* model index or -1 */
} pipeline;

typedef struct pipeline_opts {
    int has_seed;
    uint64_t seed;
    int reps;                   /* > 0: override */
    const char *baseline;       /* model name or NULL */
} pipeline_opts;

/* Loads path; on any problem prints every diagnostic to stderr and returns
 * -1 with nothing to free. */
int pipeline_load(pipeline *p, const char *path, const pipeline_opts *o);
void pipeline_free(pipeline *p);

/* Where the charts go and in which formats (NULL: png,svg,pdf). */
typedef struct pipeline_out {
    int jobs;
    int argc;
    char **argv;
    const char *formats;
    int charts;                 /* 0: no charts */
    int print_staffing;         /* 1: print the staffing table on stdout */
    double precision;           /* --precision as a fraction (0: off) */
    int max_reps;               /* --max-reps */
    int precision_met;          /* 1 when the precision target was met */
    const char *precision_why;  /* what was still imprecise, or "" */
} pipeline_out;

/* Writes every result file of x into dir (created). 0 or -1 (message printed). */
int pipeline_write(const pipeline *p, const org_exp *x, const char *dir, const pipeline_out *o);

/* The memory a run of p (its replications, on jobs threads) needs,
 * estimated before it starts (models/org_estimate). Prints the estimate on
 * out when out is not NULL. Returns 0 when it fits in limit bytes (0: the
 * machine's memory), or -1 with a message naming the file and the figures. */
int pipeline_check_memory(const pipeline *p, int jobs, double limit, FILE *out);

/* Fills a report context for p and x. */
void pipeline_report_ctx(const pipeline *p, const org_exp *x, const pipeline_out *o, report_ctx *rc);

#endif
