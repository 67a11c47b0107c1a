/* cli_args — small helpers for parsing command options strictly: integers
 * and numbers with range checks, and progress lines on a terminal. */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include <stdint.h>

/* Parses a whole decimal integer in [lo, hi]; 0 or -1 (message printed,
 * naming the option). */
int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out);
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

/* The memory a run may use: the machine's physical memory, or less when
 * the address space is limited (ulimit -v). */
double cli_machine_memory(void);

/* Progress line on stderr ("done/total, runs/s, ETA"), only when stderr is a
 * terminal; ctx is a cli_progress. */
typedef struct cli_progress {
    int enabled;
    double t0;
    const char *label;
} cli_progress;

void cli_progress_init(cli_progress *p, const char *label, int quiet);
void cli_progress_update(void *ctx, long done, long total);
void cli_progress_end(cli_progress *p);
double cli_now_seconds(void);

#endif
