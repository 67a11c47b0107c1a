/* batch — the parts of `devopsim batch` (cli/cmd_batch.c) that live in their
 * own files: finding scenario files, the resume marker of a finished
 * scenario folder, the wire format of one replication's results (MPI), the
 * communicator (MPI, or a single process), and the summary across scenarios.
 * See docs/batch.md. */
#ifndef BATCH_H
#define BATCH_H

#include <stddef.h>
#include <stdint.h>
#include "report/pipeline.h"
#include "models/org_sim.h"
#include "util/util_buf.h"

/* ---- finding scenario files (batch_files.c) --------------------------------- */

/* The inputs of a batch, in order: each argument that is a file as given;
 * each directory searched recursively for "*.json", entries in byte order of
 * their names, skipping hidden entries, the output directory, JSON Schema
 * documents and files devopsim itself wrote. The same file reached twice is
 * listed once. */
typedef struct batch_input {
    char *path;                 /* owned */
    int missing;                /* 1: the argument does not exist (reported as failed) */
} batch_input;

typedef struct batch_inputs {
    batch_input *v;
    int n, cap;
    int skipped;                /* files left out of directory searches */
} batch_inputs;

/* Collects the inputs named by args (files or directories); out_dir is left
 * out of directory searches. 0, or -1 when memory ran out (message printed).
 * Free with batch_inputs_free. */
int batch_inputs_find(char *const *args, int n_args, const char *out_dir, batch_inputs *in);
void batch_inputs_free(batch_inputs *in);

/* ---- the resume marker OUT/<name>/.done (batch_files.c) ---------------------- */

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
} batch_key;

/* The key of p's outputs; charts is 0 when the batch writes no charts. */
void batch_key_of(const pipeline *p, int charts, batch_key *k);

/* Checks dir/.done against k and the files it lists (present, same size).
 * Returns 1 when the folder is finished and up to date, 0 when it must be
 * (re)written; *why (static text) says why not, NULL when no marker exists. */
int batch_done_check(const char *dir, const batch_key *k, const char **why);
/* Removes dir/.done (the folder is being rewritten). 0 or -1 (message printed). */
int batch_done_remove(const char *dir);
/* Writes dir/.done last: k and every file in dir (recursively; not
 * provenance.json, temporaries or .done) with its size and hash. The folder
 * is synced first. 0 or -1 (message printed). */
int batch_done_write(const char *dir, const batch_key *k, const char *scenario_name);

/* Removes temporary files ("NAME.tmp.PID.N") left in dir and its folders
 * (three levels) by processes that no longer run; returns how many. */
int batch_clean_temps(const char *dir);

/* Takes an exclusive lock on dir/.lock so that two batches never write into
 * the same directory at once. Returns the lock's descriptor, or -1 (message
 * printed) when another batch holds it. The lock ends with the process. */
int batch_lock(const char *dir);

/* 1 when name is a file the batch writes at the top of OUT itself. */
int batch_reserved_name(const char *name);

/* ---- the wire format of one replication (batch_pack.c) --------------------- */

/* Appends r to b: every field of org_rep, doubles bit for bit (native byte
 * order: nodes are identical). 0 or -1 when memory ran out. */
int batch_rep_pack(util_buf *b, const org_rep *r);
/* Reads one org_rep packed by batch_rep_pack from p[*pos .. n), advancing
 * *pos. Fills *out (the caller releases it with org_rep_destroy). 0, or -1
 * when the data are malformed or memory ran out (*out then owns nothing). */
int batch_rep_unpack(const unsigned char *p, size_t n, size_t *pos, org_rep *out);

/* A job's result on the wire: its position in the flat job list, whether it
 * ran (status 0) and, if so, its org_rep. */
int batch_job_pack(util_buf *b, int64_t job, int32_t status, const org_rep *r);
int batch_job_unpack(const unsigned char *p, size_t n, size_t *pos, int64_t *job,
                     int32_t *status, org_rep *out);

/* ---- processes (batch_comm.c): MPI ranks, or one process ------------------- */

typedef struct batch_comm {
    int rank, size;
    int mpi;                    /* 1: MPI_Init was called here */
} batch_comm;

/* Starts MPI in the MPI build (threads funnelled through the main thread);
 * rank 0 of 1 otherwise. 0 or -1 (message printed). */
int batch_comm_init(batch_comm *c, int *argc, char ***argv);
void batch_comm_finalize(batch_comm *c);
/* Aborts every rank (MPI) after an unrecoverable error. */
void batch_comm_abort(batch_comm *c, int status);
/* Rank 0's buffer to every rank (others' b is replaced). 0 or -1. */
int batch_comm_bcast(batch_comm *c, util_buf *b);
/* The largest of every rank's value (a collective). */
long batch_comm_max(batch_comm *c, long v);
/* Sends len bytes to rank 0. 0 or -1. */
int batch_comm_send(batch_comm *c, const void *data, size_t len);
/* Rank 0: receives the next message from any rank into b. 0 or -1. */
int batch_comm_recv(batch_comm *c, util_buf *b);
/* "Open MPI 4.1.4" or "none". */
const char *batch_comm_library(void);

/* ---- the summary across scenarios (batch_summary.c) ------------------------ */

typedef struct batch_done_scen {
    const char *dir;            /* OUT/<name> */
    const org_scenario *s;
} batch_done_scen;

/* Writes OUT/summary.csv (every scenario's summary.csv rows under one
 * header, in the order given) and the comparison chart across scenarios:
 * lead_time_p85.{csv,png,svg,pdf}. 0 or -1 (message printed). */
int batch_summary_write(const char *out, const batch_done_scen *sc, int n);

#endif
