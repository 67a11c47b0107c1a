/* org_estimate — how much memory a run of a scenario needs, estimated from
 * the scenario alone before anything runs (issue 19): engineers × held
 * knowledge, work items, pending events, the values kept per replication and
 * the rows written. Used to refuse a run that would not fit and to print
 * the estimate with --dry-run. Upper-leaning estimates, not measurements. */
#ifndef ORG_ESTIMATE_H
#define ORG_ESTIMATE_H

#include "models/org_types.h"

typedef struct org_estimate {
    double engineers;           /* the organisation simulated */
    double context_entries;     /* explicit knowledge held per replication (all engineers) */
    double work_items;          /* tasks created per replication (features' tasks, toil, incidents) */
    double events;              /* pending events at a time, at most */
    double bytes_per_rep;       /* peak working set of one replication */
    double concurrent;          /* replications held in memory at once (threads) */
    double runs;                /* replications in all (models × hosting points × reps) */
    double bytes_results;       /* values and samples kept until the files are written */
    double output_rows;         /* rows of runs.csv, summary.csv, comparisons.csv and timeseries.csv */
    double bytes_total;         /* concurrent × per replication + results + output */
} org_estimate;

/* Estimates a run of s with reps replications on jobs threads. */
void org_estimate_run(const org_scenario *s, int reps, int jobs, org_estimate *e);

/* Writes "1.2 GiB"-style text for bytes into buf; returns buf. */
const char *org_estimate_bytes_text(double bytes, char *buf, unsigned size);

#endif
