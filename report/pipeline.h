/* pipeline — the steps `run` and `batch` share, computing apart from
 * writing: load a scenario file (with command-line overrides, every problem
 * reported); analyse it (the experiment, then the staffing search when the
 * scenario has targets) into a pipeline_results; write everything a run
 * writes into its output directory (results, CSVs, comparisons, staffing,
 * provenance, charts) from those results, computing nothing. */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stdint.h>
#include <stdio.h>
#include "report/report.h"
#include "report/report_robust.h"
#include "models/org_exp.h"
#include "models/org_staff.h"
#include "scenario/scen_load.h"

typedef struct pipeline {
    const char *path;
    char *text;                 /* the scenario file verbatim (owned) */
    size_t len;
    org_scenario s;             /* owned */
    scen_overrides ov;          /* owned */
    char hash[17];              /* of text */
    int baseline;               /* model index or -1 */
    int no_staffing;            /* 1: --no-staffing left out the search of a scenario with targets */
} pipeline;

typedef struct pipeline_opts {
    int has_seed;
    uint64_t seed;
    int reps;                   /* > 0: override */
    const char *baseline;       /* model name or NULL */
    int no_staffing;            /* 1: no staffing search even when the scenario has targets */
} pipeline_opts;

/* The most CSV rows one run writes (runs.csv, summary.csv and
 * comparisons.csv together; about 100 bytes a row): run and batch refuse a
 * scenario that would write more (pipeline_check_rows), before anything
 * runs. */
#define PIPELINE_MAX_ROWS 1000000

/* The CSV rows a run of p writes, counted from the scenario (doubles: the
 * products can exceed any integer type on hostile sizes). */
typedef struct pipeline_rows {
    double runs, summary, comparisons, timeseries, total;   /* timeseries: with a timeline, else 0 */
} pipeline_rows;
void pipeline_count_rows(const pipeline *p, pipeline_rows *r);
/* 0, or -1 with the counts printed when p's run would write more than
 * PIPELINE_MAX_ROWS rows. */
int pipeline_check_rows(const pipeline *p);

/* Loads path; on any problem prints every diagnostic to stderr and returns
 * -1 with nothing to free. */
int pipeline_load(pipeline *p, const char *path, const pipeline_opts *o);
void pipeline_free(pipeline *p);

/* What analysing a scenario computed. Owns x and, when has_staff, staff;
 * release with pipeline_results_free. */
typedef struct pipeline_results {
    org_exp x;                  /* every model × hosting point × replication */
    int has_staff;              /* 1: the scenario has targets and staff holds the search */
    org_staff_result staff;
    double precision;           /* --precision as a fraction (0: fixed replications) */
    int max_reps;               /* --max-reps */
    int precision_met;          /* 1 when the precision target was met */
    char precision_why[1024];   /* what was still imprecise, or "" */
    int has_robust;             /* 1: robust holds the headlines' robustness labels */
    report_robust robust;
} pipeline_results;

/* How to analyse: threads, the precision rule of `run`, and progress. */
typedef struct pipeline_analysis {
    int jobs;                   /* threads (> 0) */
    double precision;           /* > 0: double the replications until every
                                 * summary's 95% interval is within this fraction */
    int max_reps;               /* the cap of that doubling (<= 0: 200) */
    org_progress_fn progress;   /* experiment progress (may be NULL) */
    void (*round)(void *ctx, int round);   /* before each precision round >= 1 (may be NULL) */
    void *ctx;
    int robust_reps;            /* > 0: label the headlines' robustness on this many
                                 * replications (capped at the run's; report_robust.h) */
} pipeline_analysis;

/* Runs the experiment of p (with a's precision rule) and, when the scenario
 * has targets, the staffing search (with the scenario's replications and
 * seed), then, when a->robust_reps > 0, the headlines' robustness labels,
 * into *r. 0, or -1 when memory ran out (message printed; *r owns nothing).
 * `devopsim batch` computes the first two parts as jobs of its own list
 * (batch/batch_run.h) and fills a pipeline_results itself (no robustness
 * labels). */
int pipeline_analyse(const pipeline *p, const pipeline_analysis *a, pipeline_results *r);

void pipeline_results_free(pipeline_results *r);

/* How the command was called and what to draw (formats NULL: png,svg,pdf). */
typedef struct pipeline_out {
    int jobs;
    int argc;
    char **argv;
    const char *formats;
    int charts;                 /* 0: no charts */
    const char *uncertainty_csv; /* uncertainty.csv to write with the rest (the deck reads it), or NULL */
    size_t uncertainty_len;
} pipeline_out;

/* The prefix of the staging folder pipeline_write writes in: DIR/.staging.PID */
#define PIPELINE_STAGING ".staging."

/* Writes every result file of r into dir (created): results.json, the CSVs,
 * provenance.json, staffing.csv and staffing.json (when r has a staffing
 * search), the charts. Computes nothing. Everything is written into a
 * staging folder dir/.staging.PID first; only when all of it is written are
 * the files moved into dir, replacing the previous run's, and the names a
 * run owns that this run did not write (staffing.* without targets, charts/
 * with --no-charts) removed. A failure (a full disk) leaves dir as it was.
 * The caller holds dir's lock (batch_lock): staging folders found in dir
 * are those of killed runs and are removed. 0 or -1 (message printed). */
int pipeline_write(const pipeline *p, const pipeline_results *r, const char *dir, const pipeline_out *o);

/* 1 when name (a name in a run's output directory) is one pipeline_write
 * writes, replaces or removes: the result files, charts/, staging folders. */
int pipeline_owns(const char *name);

/* Fills a report context for p and r. */
void pipeline_report_ctx(const pipeline *p, const pipeline_results *r, const pipeline_out *o, report_ctx *rc);

/* The memory a run of p (its replications, on jobs threads) needs,
 * estimated before it starts (models/org_estimate). Prints the estimate on
 * out when out is not NULL. Returns 0 when it fits in limit bytes (0: the
 * machine's memory), or -1 with a message naming the file and the figures. */
int pipeline_check_memory(const pipeline *p, int jobs, double limit, FILE *out);

#endif
