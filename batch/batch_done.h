/* batch_done — the resume marker OUT/<name>/.done: what makes a scenario
 * folder's results what they are (the key), and the files it lists, so that
 * a rerun skips a finished folder and rewrites one that changed. */
#ifndef BATCH_DONE_H
#define BATCH_DONE_H

#include <stdint.h>
#include "report/pipeline.h"

#define BATCH_DONE_FILE ".done"

/* What makes a scenario folder's results what they are: the program version,
 * the embedded presets, the scenario text, the seed and replications. */
typedef struct batch_key {
    char version[32];
    char presets_hash[17];
    char scenario_hash[17];
    uint64_t seed;
    int reps;
    char baseline[64];          /* --baseline model, "" for all pairs */
    int charts;                 /* 0 with --no-charts */
    unsigned formats;           /* CHARTS_FMT_* bits drawn (--format; the default set when not given) */
    int no_staffing;            /* 1 with --no-staffing */
} batch_key;

/* The key of p's outputs; charts is 0 when the batch writes no charts,
 * formats the --format list (NULL: the default formats; already checked). */
void batch_key_of(const pipeline *p, int charts, const char *formats, batch_key *k);

/* Checks dir/.done against k and the files it lists (present, same size and
 * same FNV-1a hash of the content).
 * Returns 1 when the folder is finished and up to date, 0 when it must be
 * (re)written; *why (static text) says why not, NULL when no marker exists. */
int batch_done_check(const char *dir, const batch_key *k, const char **why);
/* Removes dir/.done (the folder is being rewritten). 0 or -1 (message printed). */
int batch_done_remove(const char *dir);
/* Writes dir/.done last: k and every file in dir (recursively; not
 * provenance.json, temporaries or .done) with its size and hash. The folder
 * is synced first. 0 or -1 (message printed). */
int batch_done_write(const char *dir, const batch_key *k, const char *scenario_name);

#endif
