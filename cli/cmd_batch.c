/* cmd_batch — `devopsim batch FILES_OR_DIRS… -o OUT`: many scenarios as one
 * flat list of jobs (scenario × model × hosting × replication) on all cores
 * (OpenMP) and, in the MPI build, on many processes; each scenario written
 * to OUT/<name>/ exactly as `run` writes it as soon as its last job is done,
 * marked finished last (.done) so that a rerun skips it; then OUT/summary.csv
 * and a chart across scenarios. See docs/batch.md. */
#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/cli_io.h"
#include "cli/pipeline.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <omp.h>

#include "models/org_exp.h"

static const char usage[] =
    "usage: devopsim batch FILES_OR_DIRS… -o OUT [options]\n"
    "\n"
    "Runs many scenarios as one list of independent jobs (scenario × model ×\n"
    "hosting × replication) on every core, and writes:\n"
    "  OUT/<scenario>/        exactly what 'devopsim run' writes, one folder per\n"
    "                         scenario, as soon as its last job is done\n"
    "  OUT/summary.csv        every scenario's summary rows in one table\n"
    "  OUT/lead_time_p85.*    p85 lead time across scenarios (.png .svg .pdf, and\n"
    "                         the drawn numbers in .csv)\n"
    "Directories are searched recursively for *.json (hidden entries, OUT, JSON\n"
    "Schema documents and devopsim's own output files left out). Folders are named\n"
    "after each scenario's \"name\"; two scenarios with one name are an error.\n"
    "\n"
    "Resumable: each finished folder gets OUT/<scenario>/.done, written last; a\n"
    "rerun skips scenarios whose results match (same scenario file, seed,\n"
    "replications and program version). Ctrl-C (SIGINT) or SIGTERM stops after the\n"
    "runs in progress, keeps every finished scenario and says what did not finish.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT    output directory (created if missing)\n"
    "  --reps N            replications for every scenario (default: each scenario's)\n"
    "  --seed S            master seed for every scenario (default: each scenario's)\n"
    "  -j, --jobs N        threads (default: OMP_NUM_THREADS, else all cores); results\n"
    "                      do not depend on it\n"
    "  --force             rerun scenarios even when their results are up to date\n"
    "  --no-charts         no per-scenario charts (the summary chart is still drawn)\n"
    "  --baseline MODEL    compare every model against MODEL in comparisons.csv (a\n"
    "                      scenario without MODEL is reported as bad input)\n"
    "  -n, --dry-run       list what would run and what is up to date, with each\n"
    "                      scenario's memory estimate; run nothing\n"
    "  --max-memory SIZE   a scenario whose estimate exceeds SIZE (e.g. 4G; default:\n"
    "                      the machine's memory) is refused like an invalid one\n"
    "  -q, --quiet         nothing on stdout, no progress; errors only\n"
    "  -h, --help          this help\n"
    "\n"
    "Many machines: the MPI build (make mpi) runs 'mpirun -np N devopsim-mpi batch …'\n"
    "with the same options and writes the same bytes (see docs/batch.md).\n"
    "\n"
    "exit status: 0 all scenarios finished; 2 a scenario or argument was bad (the\n"
    "others still ran); 1 internal failure (e.g. a disk error); 130 after SIGINT,\n"
    "143 after SIGTERM (rerun the same command to resume).\n";

/* ------------------------------------------------------------ options */

typedef struct batch_opts {
    const char *out;
    long reps, jobs;
    uint64_t seed;
    int has_seed, quiet, force, dry_run, no_charts;
    double max_memory;          /* --max-memory (0: the machine's) */
    const char *baseline;
    char **inputs;              /* into argv */
    int n_inputs;
} batch_opts;

static int parse(int argc, char **argv, batch_opts *o, int loud)
{
    memset(o, 0, sizeof *o);
    o->reps = -1;
    o->inputs = calloc((size_t)argc, sizeof *o->inputs);
    if (!o->inputs) {
        cli_error("out of memory");
        return -1;
    }
    int options_done = 0;
    int r;
    cli_common_ptrs cp = { &o->out, &o->reps, &o->jobs, &o->seed, &o->has_seed, &o->quiet, NULL, &o->max_memory };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (!strcmp(a, "-")) {
                cli_error("batch: standard input ('-') cannot be batched; give files or directories");
                return -1;
            }
            o->inputs[o->n_inputs++] = argv[i];
        } else if (!strcmp(a, "--")) {
            options_done = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            if (loud)
                fputs(usage, stdout);
            return 1;
        } else if ((r = cli_common_arg(argc, argv, &i, &cp)) != 0) {
            if (r < 0)
                return -1;
        } else if (!strcmp(a, "--force")) {
            o->force = 1;
        } else if (!strcmp(a, "--no-charts")) {
            o->no_charts = 1;
        } else if (!strcmp(a, "--baseline")) {
            if (i + 1 >= argc) {
                cli_error("--baseline needs a model name");
                return -1;
            }
            o->baseline = argv[++i];
        } else if (!strcmp(a, "-n") || !strcmp(a, "--dry-run")) {
            o->dry_run = 1;
        } else {
            cli_error("batch: unknown option '%s' (see devopsim batch --help)", a);
            return -1;
        }
    }
    if (o->n_inputs == 0) {
        cli_error("batch: no scenario files or directories given (see devopsim batch --help)");
        return -1;
    }
    if (!o->out) {
        cli_error("batch: no output directory given: add -o OUT");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ scenarios */

typedef enum scen_state {
    ST_BAD_INPUT,       /* missing, invalid, or its name is unusable: no folder */
    ST_UP_TO_DATE,      /* finished earlier, skipped */
    ST_TO_RUN,
    ST_WRITTEN,
    ST_FAILED,          /* ran, but a job or writing failed (internal) */
    ST_UNFINISHED       /* interrupted */
} scen_state;

typedef struct scen {
    const char *path;
    int loaded;
    pipeline pl;
    char *dir;                  /* OUT/<name> (owned) */
    batch_key key;
    scen_state state;
    const char *why;            /* why it is rerun, or why it is bad */
    org_exp x;
    int has_x;
    long first, n_jobs;         /* its jobs in the flat list (any order) */
    long remaining;
    int failed;
    double cost;                /* estimated cost of one job */
} scen;

/* A rough cost of one run: engineer-days plus arrivals over the horizon.
 * Used only to order the jobs, longest first. */
static double job_cost(const org_scenario *s)
{
    double engineers = s->central_size, per_week = 0.0;
    for (int t = 0; t < s->n_teams; t++) {
        engineers += s->teams[t].size;
        per_week += s->teams[t].features_per_week;
    }
    double days = s->run.warmup_days + s->run.measure_days + 0.25 * s->run.drain_max_days;
    return days * (engineers + 4.0 * per_week);
}

/* ------------------------------------------------------------ signals */

/* The only global state: a signal handler can reach nothing else. */
static volatile sig_atomic_t batch_signal;
static volatile sig_atomic_t batch_progress_line;   /* 1: a progress line is on stderr */
static volatile sig_atomic_t batch_signal_silent;   /* 1: MPI ranks but 0 say nothing */

static void on_signal(int sig)
{
    if (batch_signal) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    batch_signal = sig;
    static const char clear[] = "\r\033[K";
    static const char msg[] =
        "devopsim: batch: stopping after the runs in progress (again to quit at once)\n";
    if (batch_signal_silent)
        return;
    ssize_t w = 0;
    if (batch_progress_line)
        w = write(STDERR_FILENO, clear, sizeof clear - 1);
    w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
}

/* ------------------------------------------------------------ running */

typedef struct job {
    int sc;                     /* index into the run list */
    long j;                     /* job within its experiment */
} job;

typedef struct runner {
    scen **run;                 /* scenarios to run, in the order all ranks agree on */
    int n_run;
    job *jobs;                  /* the flat list, longest first */
    long n_jobs;
    signed char *status;        /* per position: 0 not run, 1 ran, -1 failed */
    int threads;
    batch_comm comm;
    pipeline_out pout;
    /* rank 0 */
    int *ready;                 /* scenarios whose jobs are all done, to write */
    int ready_head, ready_tail;
    cli_progress prog;
    double last_progress;
    long done;
    double cost_done, cost_total;   /* estimated, for the ETA */
    int write_errors;
} runner;

/* The progress line: done/total, runs per second, and an ETA from the share
 * of the estimated cost done (jobs run longest first, so the run rate climbs
 * towards the end and would overstate the time left). */
static void progress(runner *R, long done)
{
    double now = cli_now_seconds();
    if (!R->prog.enabled || (now - R->last_progress < 0.1 && done < R->n_jobs))
        return;
    R->last_progress = now;
    double el = now - R->prog.t0;
    double share = R->cost_total > 0 ? R->cost_done / R->cost_total : 0.0;
    if (R->comm.size > 1 || share <= 0.0)
        share = R->n_jobs > 0 ? (double)done / (double)R->n_jobs : 0.0;
    fprintf(stderr, "\r%s %ld/%ld runs  %.1f runs/s  ", R->prog.label, done, R->n_jobs,
            el > 0 ? (double)done / el : 0.0);
    if (share > 0.0 && done < R->n_jobs)
        fprintf(stderr, "ETA %.0fs   ", el * (1.0 - share) / share);
    else
        fputs("           ", stderr);
    fflush(stderr);
}

/* Writes one finished scenario: its folder, then its marker. Any thread. */
static void write_scen(runner *R, int i)
{
    scen *S = R->run[i];
    if (S->failed) {
        cli_error("%s: out of memory while running it; no results written", S->path);
        S->state = ST_FAILED;
    } else {
        org_exp_finish(&S->x);
        if (batch_done_remove(S->dir) == 0 && pipeline_write(&S->pl, &S->x, S->dir, &R->pout) == 0
            && batch_done_write(S->dir, &S->key, S->pl.s.name) == 0) {
            S->state = ST_WRITTEN;
        } else {
            S->state = ST_FAILED;
#pragma omp atomic
            R->write_errors++;
        }
    }
    org_exp_destroy(&S->x);
    S->has_x = 0;
}

static void write_ready(runner *R)
{
    for (;;) {
        int i = -1;
#pragma omp critical(batch_ready)
        {
            if (R->ready_head < R->ready_tail)
                i = R->ready[R->ready_head++];
        }
        if (i < 0)
            return;
        write_scen(R, i);
    }
}

/* Rank 0: job at position k is accounted for; a scenario whose last job this
 * was is queued for writing. Call inside critical(batch_ready). */
static void account(runner *R, long k, int ok)
{
    scen *S = R->run[R->jobs[k].sc];
    if (!ok)
        S->failed = 1;
    R->cost_done += S->cost;
    if (--S->remaining == 0)
        R->ready[R->ready_tail++] = R->jobs[k].sc;
    R->done++;
}

/* Runs the positions a + offset, a + offset + stride, … below b on this
 * process's threads. Single process (stride 1): accounts each job at once
 * and writes finished scenarios from whichever thread is free. */
static void run_positions(runner *R, long a, long b, long offset, long stride, int single)
{
    long my_done = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(R->threads)
    for (long k = a + offset; k < b; k += stride) {
        if (!batch_signal) {
            job *jb = &R->jobs[k];
            int rc = org_exp_run_job(&R->run[jb->sc]->x, jb->j, NULL);
            R->status[k] = rc == 0 ? 1 : -1;
#pragma omp critical(batch_ready)
            {
                if (single) {
                    account(R, k, rc == 0);
                    progress(R, R->done);
                } else if (R->comm.rank == 0) {
                    my_done++;
                    long est = R->done + my_done * R->comm.size;
                    progress(R, est < b ? est : b);
                }
            }
        }
        if (R->comm.rank == 0)
            write_ready(R);
    }
}

/* MPI: ranks send rank 0 the results of their positions of [a, b). */
static int send_results(runner *R, long a, long b)
{
    batch_buf buf = { 0 };
    int rc = 0;
    for (long k = a + R->comm.rank; k < b && rc == 0; k += R->comm.size) {
        scen *S = R->run[R->jobs[k].sc];
        org_rep *rep = &S->x.runs[R->jobs[k].j];
        if (batch_job_pack(&buf, k, R->status[k] == 1 ? 0 : -1, rep) != 0)
            rc = -1;
        org_rep_destroy(rep);
        /* Messages of at most 64 MB, whole jobs each. */
        if (rc == 0 && (buf.n > ((size_t)64 << 20) || k + R->comm.size >= b)) {
            rc = batch_comm_send(&R->comm, buf.p, buf.n);
            buf.n = 0;
        }
    }
    batch_buf_free(&buf);
    return rc;
}

/* MPI, rank 0: receives the other ranks' results of [a, b) into their slots. */
static int recv_results(runner *R, long a, long b)
{
    long expected = 0;
    for (long k = a; k < b; k++)
        if ((k - a) % R->comm.size != 0)
            expected++;
    batch_buf buf = { 0 };
    int rc = 0;
    while (expected > 0 && rc == 0) {
        if (batch_comm_recv(&R->comm, &buf) != 0) {
            rc = -1;
            break;
        }
        size_t pos = 0;
        while (pos < buf.n && rc == 0) {
            int64_t k;
            int32_t st;
            org_rep rep;
            if (batch_job_unpack(buf.p, buf.n, &pos, &k, &st, &rep) != 0 || k < a || k >= b
                || (k - a) % R->comm.size == 0 || R->status[k] != 0) {
                if (st == 0)
                    org_rep_destroy(&rep);
                cli_error("batch: malformed results from another rank");
                rc = -1;
                break;
            }
            scen *S = R->run[R->jobs[k].sc];
            S->x.runs[R->jobs[k].j] = rep;
            R->status[k] = st == 0 ? 1 : -1;
            expected--;
        }
    }
    batch_buf_free(&buf);
    return rc;
}

/* MPI: runs the flat list in waves of whole scenarios, each wave spread
 * round-robin over the ranks; after a wave rank 0 gathers its results and
 * writes the wave's scenarios while the next wave runs. */
static int run_mpi(runner *R, long wave_min)
{
    long a = 0;
    while (a < R->n_jobs) {
        /* The wave: whole scenarios (jobs are grouped by scenario) until wave_min. */
        long b = a;
        while (b < R->n_jobs) {
            int sc = R->jobs[b].sc;
            while (b < R->n_jobs && R->jobs[b].sc == sc)
                b++;
            if (b - a >= wave_min)
                break;
        }
        run_positions(R, a, b, R->comm.rank, R->comm.size, 0);
        long sig = batch_comm_max(&R->comm, (long)batch_signal);
        if (sig != 0) {
            if (!batch_signal)
                batch_signal = (int)sig;        /* another rank was stopped */
            break;
        }
        if (R->comm.rank != 0) {
            if (send_results(R, a, b) != 0) {
                cli_error("batch: rank %d could not send its results", R->comm.rank);
                batch_comm_abort(&R->comm, CLI_FAIL);
                return -1;
            }
        } else {
            if (recv_results(R, a, b) != 0) {
                batch_comm_abort(&R->comm, CLI_FAIL);
                return -1;
            }
            for (long k = a; k < b; k++)
                account(R, k, R->status[k] == 1);
            progress(R, R->done);
        }
        a = b;
    }
    if (R->comm.rank == 0)
        write_ready(R);
    return 0;
}

static int cmp_run(const void *pa, const void *pb)
{
    const scen *x = *(scen *const *)pa, *y = *(scen *const *)pb;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    return 0;
}

/* Builds the flat job list: scenarios longest job first (stable), each
 * scenario's jobs together. Allocates the experiments. 0 or -1. */
static int plan_jobs(runner *R)
{
    long total = 0;
    for (int i = 0; i < R->n_run; i++) {
        scen *S = R->run[i];
        if (org_exp_alloc(&S->pl.s, S->pl.s.run.replications, &S->x) != 0)
            return -1;
        S->has_x = 1;
        S->n_jobs = org_exp_jobs(&S->x);
        S->remaining = S->n_jobs;
        S->cost = job_cost(&S->pl.s);
        R->cost_total += S->cost * (double)S->n_jobs;
        total += S->n_jobs;
    }
    /* qsort is not stable: sort (cost, index) pairs through a copy. */
    scen **order = malloc((size_t)(R->n_run > 0 ? R->n_run : 1) * sizeof *order);
    R->jobs = malloc((size_t)(total ? total : 1) * sizeof *R->jobs);
    R->status = calloc((size_t)(total ? total : 1), 1);
    R->ready = malloc((size_t)(R->n_run > 0 ? R->n_run : 1) * sizeof *R->ready);
    if (!order || !R->jobs || !R->status || !R->ready) {
        free(order);
        return -1;
    }
    for (int i = 0; i < R->n_run; i++)
        order[i] = R->run[i];
    /* insertion sort: stable, and the lists are short */
    for (int i = 1; i < R->n_run; i++) {
        scen *v = order[i];
        int k = i;
        while (k > 0 && cmp_run(&order[k - 1], &v) > 0) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = v;
    }
    long n = 0;
    for (int i = 0; i < R->n_run; i++) {
        int sc = -1;
        for (int t = 0; t < R->n_run; t++)
            if (R->run[t] == order[i])
                sc = t;
        order[i]->first = n;
        for (long j = 0; j < order[i]->n_jobs; j++) {
            R->jobs[n].sc = sc;
            R->jobs[n].j = j;
            n++;
        }
    }
    R->n_jobs = n;
    free(order);
    return 0;
}

/* ------------------------------------------------------------ rank 0's set-up */

/* 1 when name can be a folder under OUT. */
static int usable_name(const char *name)
{
    return name[0] && name[0] != '.' && !strchr(name, '/') && !batch_reserved_name(name);
}

/* Loads every input, rejects unusable and duplicate names, and decides what
 * is up to date. Returns the number of bad inputs. */
static int prepare(scen *sc, int n, const batch_opts *o, int threads)
{
    pipeline_opts po = { o->has_seed, o->seed, (int)o->reps, o->baseline };
    int bad = 0;
    for (int i = 0; i < n; i++) {
        scen *S = &sc[i];
        if (S->state == ST_BAD_INPUT)
            continue;
        if (pipeline_load(&S->pl, S->path, &po) != 0) {
            S->state = ST_BAD_INPUT;
            S->why = "invalid scenario";
            continue;
        }
        S->loaded = 1;
        if (pipeline_check_memory(&S->pl, threads, o->max_memory, o->dry_run && !o->quiet ? stdout : NULL) != 0) {
            S->state = ST_BAD_INPUT;
            S->why = "too large for memory";
            continue;
        }
        if (!usable_name(S->pl.s.name)) {
            cli_error("%s: $.name: \"%s\" is taken by the batch's own files; choose another name",
                      S->path, S->pl.s.name);
            S->state = ST_BAD_INPUT;
            S->why = "unusable name";
        }
    }
    for (int i = 0; i < n; i++) {
        if (!sc[i].loaded || sc[i].state == ST_BAD_INPUT)
            continue;
        int first = 1;
        for (int k = i + 1; k < n; k++) {
            if (!sc[k].loaded || strcmp(sc[i].pl.s.name, sc[k].pl.s.name))
                continue;
            if (first)
                cli_error("%s: $.name: scenario \"%s\" is also the name of %s; output folders are "
                          "named after scenarios: give each a distinct \"name\"",
                          sc[i].path, sc[i].pl.s.name, sc[k].path);
            else
                cli_error("%s: $.name: scenario \"%s\" is used again", sc[k].path, sc[k].pl.s.name);
            first = 0;
            sc[k].state = ST_BAD_INPUT;
            sc[k].why = "duplicate scenario name";
        }
        if (!first) {
            sc[i].state = ST_BAD_INPUT;
            sc[i].why = "duplicate scenario name";
        }
    }
    for (int i = 0; i < n; i++) {
        scen *S = &sc[i];
        if (S->state == ST_BAD_INPUT) {
            bad++;
            continue;
        }
        S->dir = cli_path_join(o->out, S->pl.s.name);
        if (!S->dir)
            return -1;
        batch_key_of(&S->pl, !o->no_charts, &S->key);
        const char *why = NULL;
        if (!o->force && batch_done_check(S->dir, &S->key, &why)) {
            S->state = ST_UP_TO_DATE;
        } else {
            S->state = ST_TO_RUN;
            S->why = o->force ? "--force" : why ? why : "no results yet";
        }
    }
    return bad;
}

/* The list every rank runs: path and scenario hash of each, and rank 0's threads. */
static int pack_plan(batch_buf *b, scen **run, int n, int threads)
{
    int rc = batch_buf_put(b, &n, sizeof n) | batch_buf_put(b, &threads, sizeof threads);
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(run[i]->path);
        rc |= batch_buf_put(b, &len, sizeof len) | batch_buf_put(b, run[i]->path, (size_t)len)
              | batch_buf_put(b, run[i]->pl.hash, 17);
    }
    return rc ? -1 : 0;
}

/* ------------------------------------------------------------ reporting */

static const char *state_text(const scen *S)
{
    switch (S->state) {
    case ST_BAD_INPUT: return "FAILED";
    case ST_UP_TO_DATE: return "up to date (skipped)";
    case ST_TO_RUN: return "to run";
    case ST_WRITTEN: return "written";
    case ST_FAILED: return "FAILED";
    case ST_UNFINISHED: return "not finished";
    }
    return "?";
}

static void print_table(FILE *f, const scen *sc, int n, int dry_run)
{
    for (int i = 0; i < n; i++) {
        const scen *S = &sc[i];
        const char *name = S->loaded ? S->pl.s.name : "-";
        long runs = S->loaded ? (long)S->pl.s.n_models * S->pl.s.n_hostings * S->pl.s.run.replications : 0;
        char what[160];
        if (S->state == ST_BAD_INPUT)
            snprintf(what, sizeof what, "FAILED: %s (%s)", S->why, S->path);
        else if (S->state == ST_TO_RUN && dry_run)
            snprintf(what, sizeof what, "to run (%s) -> %s/", S->why, S->dir);
        else
            snprintf(what, sizeof what, "%s -> %s/", state_text(S), S->dir);
        fprintf(f, "  %-28s %7ld runs  %s\n", name, runs, what);
    }
}

/* ------------------------------------------------------------ the command */

int cmd_batch(int argc, char **argv)
{
    runner R;
    memset(&R, 0, sizeof R);
    if (batch_comm_init(&R.comm, &argc, &argv) != 0)
        return CLI_FAIL;
    int root = R.comm.rank == 0;
    batch_opts o;
    int p = parse(argc, argv, &o, root);
    if (p != 0) {
        free(o.inputs);
        batch_comm_finalize(&R.comm);
        return p > 0 ? CLI_OK : CLI_USAGE;
    }
    R.threads = o.jobs > 0 ? (int)o.jobs
                : getenv("OMP_NUM_THREADS") ? omp_get_max_threads() : omp_get_num_procs();
    R.pout = (pipeline_out){ .jobs = R.threads, .argc = argc, .argv = argv, .formats = NULL, .charts = !o.no_charts };

    int status = CLI_OK, lock = -1, n_sc = 0, bad = 0;
    scen *sc = NULL;
    batch_inputs in = { 0 };
    batch_buf plan = { 0 };
    double t0 = cli_now_seconds();

    /* ---- rank 0: find, load, check what is up to date */
    if (root) {
        if (!o.dry_run && (cli_mkdir_p(o.out) != 0 || (lock = batch_lock(o.out)) < 0)) {
            status = CLI_FAIL;
            goto plan_ready;
        }
        if (batch_inputs_find(o.inputs, o.n_inputs, o.out, &in) != 0) {
            status = CLI_FAIL;
            goto plan_ready;
        }
        if (!o.dry_run)
            batch_clean_temps(o.out);
        if (in.n == 0) {
            cli_error("batch: no scenario files found (directories are searched for *.json)");
            status = CLI_USAGE;
            goto plan_ready;
        }
        sc = calloc((size_t)in.n, sizeof *sc);
        if (!sc) {
            cli_error("out of memory");
            status = CLI_FAIL;
            goto plan_ready;
        }
        n_sc = in.n;
        for (int i = 0; i < n_sc; i++) {
            sc[i].path = in.v[i].path;
            sc[i].state = ST_TO_RUN;
            if (in.v[i].missing) {
                cli_error("%s: no such file or directory", sc[i].path);
                sc[i].state = ST_BAD_INPUT;
                sc[i].why = "no such file";
            }
        }
        bad = prepare(sc, n_sc, &o, R.threads);
        if (bad < 0) {
            cli_error("out of memory");
            status = CLI_FAIL;
            goto plan_ready;
        }
        R.run = malloc((size_t)(n_sc > 0 ? n_sc : 1) * sizeof *R.run);
        if (!R.run) {
            status = CLI_FAIL;
            goto plan_ready;
        }
        for (int i = 0; i < n_sc; i++) {
            if (sc[i].state == ST_TO_RUN)
                R.run[R.n_run++] = &sc[i];
            if (o.quiet || o.dry_run)
                continue;       /* a dry run's table says it all */
            if (sc[i].state == ST_UP_TO_DATE)
                fprintf(stderr, "devopsim: batch: %s: up to date in %s/, skipped\n", sc[i].pl.s.name, sc[i].dir);
            else if (sc[i].state == ST_TO_RUN && sc[i].why && strcmp(sc[i].why, "no results yet"))
                fprintf(stderr, "devopsim: batch: %s: rerunning (%s)\n", sc[i].pl.s.name, sc[i].why);
        }
        if (o.dry_run) {
            if (!o.quiet) {
                long runs = 0;
                for (int i = 0; i < R.n_run; i++)
                    runs += (long)R.run[i]->pl.s.n_models * R.run[i]->pl.s.n_hostings
                            * R.run[i]->pl.s.run.replications;
                printf("devopsim batch (dry run): %d scenario%s, %d to run (%ld runs), %d up to date, %d failed\n",
                       n_sc, n_sc == 1 ? "" : "s", R.n_run, runs,
                       n_sc - R.n_run - bad, bad);
                print_table(stdout, sc, n_sc, 1);
            }
            R.n_run = 0;
        }
        if (pack_plan(&plan, R.run, R.n_run, R.threads) != 0) {
            cli_error("out of memory");
            status = CLI_FAIL;
        }
    }
plan_ready:
    /* ---- every rank: the same list of scenarios to run */
    if (R.comm.size > 1) {
        if (root && status != CLI_OK) {
            int zero[2] = { 0, 0 };
            plan.n = 0;
            batch_buf_put(&plan, zero, sizeof zero);
        }
        if (batch_comm_bcast(&R.comm, &plan) != 0) {
            batch_comm_abort(&R.comm, CLI_FAIL);
            status = CLI_FAIL;
        }
        if (!root) {
            int n = 0;
            size_t pos = 2 * sizeof(int);
            if (plan.n >= pos)
                memcpy(&n, plan.p, sizeof n);
            sc = calloc((size_t)(n > 0 ? n : 1), sizeof *sc);
            R.run = malloc((size_t)(n > 0 ? n : 1) * sizeof *R.run);
            long ok = sc && R.run;
            n_sc = ok ? n : 0;
            pipeline_opts po = { o.has_seed, o.seed, (int)o.reps, o.baseline };
            for (int i = 0; i < n_sc && ok; i++) {
                int len;
                memcpy(&len, plan.p + pos, sizeof len);
                pos += sizeof len;
                char *path = malloc((size_t)len + 1);
                if (!path) {
                    ok = 0;
                    break;
                }
                memcpy(path, plan.p + pos, (size_t)len);
                path[len] = '\0';
                pos += (size_t)len;
                sc[i].path = path;      /* owned: freed at the end */
                if (pipeline_load(&sc[i].pl, path, &po) != 0 || memcmp(sc[i].pl.hash, plan.p + pos, 17) != 0) {
                    cli_error("batch: rank %d: %s differs from what rank 0 read; every rank must "
                              "see the same files", R.comm.rank, path);
                    if (sc[i].pl.text)
                        pipeline_free(&sc[i].pl);
                    ok = 0;
                    break;
                }
                sc[i].loaded = 1;
                pos += 17;
                R.run[R.n_run++] = &sc[i];
            }
            if (batch_comm_max(&R.comm, ok ? 0 : 1) != 0)
                status = CLI_FAIL;
        } else if (batch_comm_max(&R.comm, 0) != 0) {
            cli_error("batch: another rank could not load the scenarios; nothing was run");
            status = CLI_FAIL;
        }
    }
    if (status != CLI_OK || R.n_run == 0)
        goto finish;

    /* ---- every rank: run the jobs */
    if (plan_jobs(&R) != 0) {
        cli_error("out of memory planning the runs");
        batch_comm_abort(&R.comm, CLI_FAIL);    /* the other ranks would wait for us */
        status = CLI_FAIL;
        goto finish;
    }
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    batch_signal = 0;
    batch_signal_silent = !root;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    if (root) {
        cli_progress_init(&R.prog, "batch", o.quiet);
        batch_progress_line = R.prog.enabled;
    }
    /* Writing a scenario runs parallel loops of its own (charts, the staffing
     * search): let them use threads too, or the last scenario's write — the
     * staffing search can cost more than all its runs — is one thread's work
     * while the others wait. Their results do not depend on threads either. */
    int levels = omp_get_max_active_levels();
    omp_set_max_active_levels(levels > 2 ? levels : 2);
    if (R.comm.size == 1) {
        run_positions(&R, 0, R.n_jobs, 0, 1, 1);
        write_ready(&R);
    } else {
        int threads0 = 0;
        memcpy(&threads0, plan.p + sizeof(int), sizeof threads0);
        long wave_min = 4L * R.comm.size * (threads0 > 0 ? threads0 : 1);
        if (run_mpi(&R, wave_min) != 0)
            status = CLI_FAIL;
    }
    omp_set_max_active_levels(levels);
    if (root)
        cli_progress_end(&R.prog);
    batch_progress_line = 0;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

finish:
    if (root && sc) {
        int finished = 0, unfinished = 0, failed = 0;
        for (int i = 0; i < n_sc; i++) {
            if (sc[i].state == ST_TO_RUN && !o.dry_run)
                sc[i].state = ST_UNFINISHED;
            finished += sc[i].state == ST_WRITTEN || sc[i].state == ST_UP_TO_DATE;
            unfinished += sc[i].state == ST_UNFINISHED;
            failed += sc[i].state == ST_FAILED;
        }
        /* The summary across scenarios, over every finished folder. */
        int summary_written = 0;
        if (!batch_signal && !o.dry_run && status == CLI_OK && finished > 0 && unfinished == 0) {
            batch_done_scen *ds = malloc((size_t)finished * sizeof *ds);
            int k = 0;
            for (int i = 0; ds && i < n_sc; i++)
                if (sc[i].state == ST_WRITTEN || sc[i].state == ST_UP_TO_DATE)
                    ds[k++] = (batch_done_scen){ sc[i].dir, &sc[i].pl.s };
            if (!ds || batch_summary_write(o.out, ds, k) != 0)
                failed++;
            else
                summary_written = 1;
            free(ds);
        }
        double el = cli_now_seconds() - t0;
        if (!o.quiet && !o.dry_run) {
            long runs = 0;
            for (long k = 0; k < R.n_jobs; k++)
                runs += R.status[k] != 0;
            printf("devopsim batch: %d scenario%s -> %s/\n", n_sc, n_sc == 1 ? "" : "s", o.out);
            print_table(stdout, sc, n_sc, 0);
            printf("%ld runs in %.1f s (%.1f runs/s) on %d thread%s", runs, el,
                   el > 0 ? (double)runs / el : 0.0, R.threads, R.threads == 1 ? "" : "s");
            if (R.comm.size > 1)
                printf(" x %d processes", R.comm.size);
            printf("\n");
            if (summary_written)
                printf("summary: %s/summary.csv; chart: %s/lead_time_p85.png (.svg .pdf .csv)\n", o.out, o.out);
            fflush(stdout);
        }
        if (bad > 0) {
            cli_error("batch: %d of %d scenario%s failed and got no folder:", bad, n_sc, n_sc == 1 ? "" : "s");
            for (int i = 0; i < n_sc; i++)
                if (sc[i].state == ST_BAD_INPUT)
                    fprintf(stderr, "  %s (%s)\n", sc[i].path, sc[i].why);
        }
        if (batch_signal) {
            cli_error("batch: stopped by %s: %d scenario%s finished, %d not finished; rerun the same "
                      "command to resume", batch_signal == SIGINT ? "SIGINT" : "SIGTERM",
                      finished, finished == 1 ? "" : "s", unfinished);
            for (int i = 0; i < n_sc; i++)
                if (sc[i].state == ST_WRITTEN || sc[i].state == ST_UP_TO_DATE)
                    fprintf(stderr, "  finished:     %s\n", sc[i].pl.s.name);
            for (int i = 0; i < n_sc; i++)
                if (sc[i].state == ST_UNFINISHED)
                    fprintf(stderr, "  not finished: %s\n", sc[i].pl.s.name);
        }
        if (batch_signal)
            status = 128 + (int)batch_signal;
        else if (status == CLI_OK && (failed > 0 || R.write_errors > 0 || unfinished > 0))
            status = CLI_FAIL;
        else if (status == CLI_OK && bad > 0)
            status = CLI_USAGE;
    } else if (!root && batch_signal) {
        status = 128 + (int)batch_signal;
    }

    for (int i = 0; i < n_sc; i++) {
        if (sc[i].has_x)
            org_exp_destroy(&sc[i].x);
        if (sc[i].loaded)
            pipeline_free(&sc[i].pl);
        free(sc[i].dir);
    }
    if (!root)
        for (int i = 0; i < n_sc; i++)
            free((char *)sc[i].path);
    free(sc);
    free(R.run);
    free(R.jobs);
    free(R.status);
    free(R.ready);
    batch_buf_free(&plan);
    batch_inputs_free(&in);
    free(o.inputs);
    if (lock >= 0)
        close(lock);
    batch_comm_finalize(&R.comm);
    return status;
}
