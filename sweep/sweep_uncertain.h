/* sweep_uncertain — input uncertainty inside a scenario: its optional
 * "uncertain" section ({"samples": S, "seed": N, "params": [...]}, params as
 * in PARAMS.json) makes `run` propagate it by second-order Monte Carlo: S
 * outer samples of the parameters (a Latin hypercube), each run with the
 * scenario's replications and seed (inner replications, common random
 * numbers), and intervals over the outer samples that include the input
 * uncertainty, written to uncertainty.csv and labelled as such. See
 * docs/sensitivity.md.
 *
 * Ownership: sweep_uncertain_new returns an object released with
 * sweep_uncertain_free. */
#ifndef SWEEP_UNCERTAIN_H
#define SWEEP_UNCERTAIN_H

#include <stddef.h>
#include <stdio.h>
#include "util/util_buf.h"
#include "models/org_sim.h"

#define SWEEP_UNCERTAIN_DEFAULT_SAMPLES 20
#define SWEEP_UNCERTAIN_MAX_SAMPLES 10000

typedef struct sweep_uncertain sweep_uncertain;

/* Reads and checks the "uncertain" section of the scenario text (file names
 * it in messages, as "FILE: $.uncertain.params[i].path: …"). Returns 0 with
 * *out NULL when there is none, 0 with *out set when there is one, -1 when it
 * is bad (every problem printed). */
int sweep_uncertain_new(const char *text, size_t len, const char *file, sweep_uncertain **out);
void sweep_uncertain_free(sweep_uncertain *u);

/* 1 when the scenario text has a top-level "uncertain" section (whatever
 * its content), else 0. For the commands that refuse it (batch, sweep). */
int sweep_uncertain_present(const char *text, size_t len);

/* Builds every outer sample's scenario and loads it as `run` would, without
 * running anything: 0 when all are valid, 2 when one is not (printed, at
 * the file's $.uncertain), 1 on an internal failure. For `validate`. */
int sweep_uncertain_check(const sweep_uncertain *u);

/* Number of outer samples. */
size_t sweep_uncertain_samples(const sweep_uncertain *u);

/* Runs every outer sample with base's replications and seed on jobs threads
 * and fills *csv (empty on entry; the caller frees it) with uncertainty.csv's
 * text, for `run` to write with its other files; prints a short labelled
 * table on report (may be NULL). 0, 2 when a sample is not a valid scenario
 * (printed), 1 on an internal failure (*csv then holds nothing). */
int sweep_uncertain_run(const sweep_uncertain *u, const org_scenario *base, int jobs, util_buf *csv, FILE *report);

#endif
