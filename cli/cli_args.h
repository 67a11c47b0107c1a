/* cli_args — small helpers for parsing command options strictly: integers
 * and numbers with range checks. (The progress line is util/util_progress.) */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include <stdint.h>
#include "util/util_progress.h"

/* Parses a whole decimal integer in [lo, hi]; 0 or -1 (message printed,
 * naming the option). */
int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out);
/* The largest seed: 2^53, the scenario loader's cap (a JSON number holds
 * every integer up to it exactly). */
#define CLI_MAX_U64 9007199254740992ULL
/* Parses a whole decimal integer in [0, CLI_MAX_U64]; 0 or -1 (message
 * printed, naming the option). */
int cli_parse_u64(const char *opt, const char *text, uint64_t *out);

/* The options several commands share. A NULL pointer means the command
 * does not take that option. */
typedef struct cli_common_ptrs {
    const char **out;       /* -o, --output DIR */
    long *reps;             /* --reps N (1..10000) */
    long *jobs;             /* -j, --jobs N (1..4096) */
    uint64_t *seed;         /* --seed S (sets *has_seed) */
    int *has_seed;
    int *quiet;             /* -q, --quiet */
    int *dry_run;           /* --dry-run: print the memory estimate, run nothing */
    double *max_memory;     /* --max-memory SIZE (bytes; K, M, G, T suffixes in 1024s) */
} cli_common_ptrs;

/* Recognises argv[*i] as one of the shared options. Returns 1 when it was
 * (advancing *i past its value), 0 when it is not one of them, -1 on a bad
 * or missing value (message printed). */
int cli_common_arg(int argc, char **argv, int *i, const cli_common_ptrs *p);

/* The end of a command's option loop: argv[i] is neither a known option nor
 * its value. An unknown option (a leading '-') or a second file is an error
 * (message naming cmd, and what is taken once: "scenario", "results file";
 * hint, when not NULL, is added in parentheses after "one … at a time");
 * otherwise *file takes it. 0 or -1. */
int cli_one_file(const char *cmd, const char *what, const char *hint, const char *a, const char **file);

struct pipeline;
/* The memory check shared by run and staff: *jobs gets the thread count
 * (jobs_opt, else all cores); the estimate is printed with dry_run. Returns
 * 1 when the command ends here — over max_memory (exit status 2 in *status)
 * or a dry run (0) — with pl freed, else 0. */
int cli_memory_gate(struct pipeline *pl, long jobs_opt, double max_memory, int dry_run, int *jobs, int *status);

#endif
