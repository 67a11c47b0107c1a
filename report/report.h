/* report — what `devopsim run` writes: results.json, runs.csv, summary.csv,
 * comparisons.csv, provenance.json, and the readable report on stdout. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>
#include "models/org_exp.h"
#include "scenario/scen_load.h"

typedef struct report_ctx {
    const char *scenario_path;
    const char *scenario_text;     /* verbatim, embedded in results.json */
    size_t scenario_len;
    const scen_overrides *overrides;
    char scenario_hash[17];
    uint64_t seed;
    int reps;
    int jobs;
    int baseline;                  /* model index or -1 */
    int argc;
    char **argv;
    double precision;              /* 0: fixed replications */
    int max_reps, precision_met;
    const char *precision_why;
    const struct report_robust *robust;  /* headline robustness (robustness.csv), or NULL: not checked */
} report_ctx;

/* Writes every result file into dir (which exists). 0, or -1 (message printed). */
int report_write(const org_exp *x, const report_ctx *rc, const char *dir);

/* Prints the readable report: headline comparisons, a table per hosting
 * point with DORA bands, and warnings. */
void report_print(const org_exp *x, const report_ctx *rc, FILE *out);

/* The cJSON tree of results.json (caller deletes), NULL when out of memory. */
struct cJSON *report_results_json(const org_exp *x, const report_ctx *rc);

#endif
