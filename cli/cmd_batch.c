/* cmd_batch — `devopsim batch FILES_OR_DIRS… -o OUT`: many scenarios as one
 * flat list of jobs (scenario × model × hosting × replication) on all cores
 * (OpenMP) and, in the MPI build, on many processes; each scenario written
 * to OUT/<name>/ exactly as `run` writes it as soon as its last job is done,
 * marked finished last (.done) so that a rerun skips it; then OUT/summary.csv
 * and a chart across scenarios. See docs/batch.md. */
#include "batch/batch_comm.h"
#include "batch/batch_done.h"
#include "batch/batch_inputs.h"
#include "batch/batch_outdir.h"
#include "batch/batch_pack.h"
#include "batch/batch_run.h"
#include "batch/batch_signal.h"
#include "batch/batch_summary.h"
#include "cli/cli.h"
#include "report/charts.h"
#include "cli/cli_args.h"
#include "util/util_file.h"
#include "report/pipeline.h"
#include "sweep/sweep_uncertain.h"

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
    "  --no-staffing       no staffing search even for scenarios with targets\n"
    "  --format LIST       per-scenario chart formats, from png,svg,pdf,pptx,xlsx\n"
    "                      (default: png,svg,pdf; pptx: deck.pptx, xlsx: results.xlsx)\n"
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
    int has_seed, quiet, force, dry_run, no_charts, no_staffing;
    double max_memory;          /* --max-memory (0: the machine's) */
    const char *baseline;
    const char *formats;        /* --format, or NULL */
    char **inputs;              /* into argv */
    int n_inputs;
} batch_opts;

static int parse(int argc, char **argv, batch_opts *o, int loud)
{
    memset(o, 0, sizeof *o);
    o->reps = -1;
    o->inputs = calloc((size_t)argc, sizeof *o->inputs);
    if (!o->inputs) {
        util_error("out of memory");
        return -1;
    }
    int options_done = 0;
    int r;
    cli_common_ptrs cp = { &o->out, &o->reps, &o->jobs, &o->seed, &o->has_seed, &o->quiet, NULL, &o->max_memory };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (!strcmp(a, "-")) {
                util_error("batch: standard input ('-') cannot be batched; give files or directories");
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
        } else if (!strcmp(a, "--no-staffing")) {
            o->no_staffing = 1;
        } else if (!strcmp(a, "--format")) {
            unsigned f;
            if (i + 1 >= argc) {
                util_error("--format needs a list, e.g. png,pdf,pptx");
                return -1;
            }
            if (charts_parse_formats(a, argv[i + 1], &f) != 0)
                return -1;
            o->formats = argv[++i];
        } else if (!strcmp(a, "--baseline")) {
            if (i + 1 >= argc) {
                util_error("--baseline needs a model name");
                return -1;
            }
            o->baseline = argv[++i];
        } else if (!strcmp(a, "-n") || !strcmp(a, "--dry-run")) {
            o->dry_run = 1;
        } else {
            util_error("batch: unknown option '%s' (see devopsim batch --help)", a);
            return -1;
        }
    }
    if (o->n_inputs == 0) {
        util_error("batch: no scenario files or directories given (see devopsim batch --help)");
        return -1;
    }
    if (!o->out) {
        util_error("batch: no output directory given: add -o OUT");
        return -1;
    }
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
static int prepare(batch_scen *sc, int n, const batch_opts *o, int threads)
{
    pipeline_opts po = { o->has_seed, o->seed, (int)o->reps, o->baseline, o->no_staffing };
    int bad = 0;
    for (int i = 0; i < n; i++) {
        batch_scen *S = &sc[i];
        if (S->state == BATCH_BAD_INPUT)
            continue;
        if (pipeline_load(&S->pl, S->path, &po) != 0) {
            S->state = BATCH_BAD_INPUT;
            S->why = "invalid scenario";
            continue;
        }
        S->loaded = 1;
        if (sweep_uncertain_present(S->pl.text, S->pl.len)) {
            util_error("%s: $.uncertain: batch does not propagate input uncertainty (second-order Monte Carlo "
                       "runs only in 'devopsim run'); run this scenario with 'devopsim run', or remove the section",
                       S->path);
            S->state = BATCH_BAD_INPUT;
            S->why = "uncertain: use run";
            continue;
        }
        if (pipeline_check_rows(&S->pl) != 0) {
            S->state = BATCH_BAD_INPUT;
            S->why = "too many output rows";
            continue;
        }
        if (pipeline_check_memory(&S->pl, threads, o->max_memory, o->dry_run && !o->quiet ? stdout : NULL) != 0) {
            S->state = BATCH_BAD_INPUT;
            S->why = "too large for memory";
            continue;
        }
        if (!usable_name(S->pl.s.name)) {
            util_error("%s: $.name: \"%s\" is taken by the batch's own files; choose another name",
                      S->path, S->pl.s.name);
            S->state = BATCH_BAD_INPUT;
            S->why = "unusable name";
        }
    }
    for (int i = 0; i < n; i++) {
        if (!sc[i].loaded || sc[i].state == BATCH_BAD_INPUT)
            continue;
        int first = 1;
        for (int k = i + 1; k < n; k++) {
            if (!sc[k].loaded || strcmp(sc[i].pl.s.name, sc[k].pl.s.name))
                continue;
            if (first)
                util_error("%s: $.name: scenario \"%s\" is also the name of %s; output folders are "
                          "named after scenarios: give each a distinct \"name\"",
                          sc[i].path, sc[i].pl.s.name, sc[k].path);
            else
                util_error("%s: $.name: scenario \"%s\" is used again", sc[k].path, sc[k].pl.s.name);
            first = 0;
            sc[k].state = BATCH_BAD_INPUT;
            sc[k].why = "duplicate scenario name";
        }
        if (!first) {
            sc[i].state = BATCH_BAD_INPUT;
            sc[i].why = "duplicate scenario name";
        }
    }
    for (int i = 0; i < n; i++) {
        batch_scen *S = &sc[i];
        if (S->state == BATCH_BAD_INPUT) {
            bad++;
            continue;
        }
        S->dir = util_path_join(o->out, S->pl.s.name);
        if (!S->dir)
            return -1;
        batch_key_of(&S->pl, !o->no_charts, o->formats, &S->key);
        const char *why = NULL;
        if (!o->force && batch_done_check(S->dir, &S->key, &why)) {
            S->state = BATCH_UP_TO_DATE;
        } else {
            S->state = BATCH_TO_RUN;
            S->why = o->force ? "--force" : why ? why : "no results yet";
        }
    }
    return bad;
}

/* The list every rank runs: path and scenario hash of each, and rank 0's threads. */
static int pack_plan(util_buf *b, batch_scen **run, int n, int threads)
{
    int rc = util_buf_put(b, &n, sizeof n) | util_buf_put(b, &threads, sizeof threads);
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(run[i]->path);
        rc |= util_buf_put(b, &len, sizeof len) | util_buf_put(b, run[i]->path, (size_t)len)
              | util_buf_put(b, run[i]->pl.hash, 17);
    }
    return rc ? -1 : 0;
}

/* ------------------------------------------------------------ reporting */

static const char *state_text(const batch_scen *S)
{
    switch (S->state) {
    case BATCH_BAD_INPUT: return "FAILED";
    case BATCH_UP_TO_DATE: return "up to date (skipped)";
    case BATCH_TO_RUN: return "to run";
    case BATCH_WRITTEN: return "written";
    case BATCH_FAILED: return "FAILED";
    case BATCH_UNFINISHED: return "not finished";
    }
    return "?";
}

static void print_table(FILE *f, const batch_scen *sc, int n, int dry_run)
{
    for (int i = 0; i < n; i++) {
        const batch_scen *S = &sc[i];
        const char *name = S->loaded ? S->pl.s.name : "-";
        long runs = S->loaded ? (long)S->pl.s.n_models * S->pl.s.n_hostings * S->pl.s.run.replications : 0;
        char what[160];
        if (S->state == BATCH_BAD_INPUT)
            snprintf(what, sizeof what, "FAILED: %s (%s)", S->why, S->path);
        else if (S->state == BATCH_TO_RUN && dry_run)
            snprintf(what, sizeof what, "to run (%s) -> %s/", S->why, S->dir);
        else
            snprintf(what, sizeof what, "%s -> %s/", state_text(S), S->dir);
        fprintf(f, "  %-28s %7ld runs  %s\n", name, runs, what);
    }
}

/* ------------------------------------------------------------ the command */

/* What the command holds across its steps. */
typedef struct batch_cmd {
    batch_opts o;
    batch_comm comm;
    batch_scen *sc;             /* every input (rank 0), or the list to run (other ranks) */
    int n_sc, bad;              /* bad: inputs that failed to load */
    batch_scen **run;           /* the scenarios to run, in the order all ranks agree on */
    int n_run;
    int threads, lock;
    pipeline_out pout;
    batch_inputs in;
    util_buf plan;              /* the list every rank runs (pack_plan) */
    double t0;
    long runs;                  /* replications run */
    int write_errors;
} batch_cmd;

/* Rank 0: finds and loads every input, decides what is up to date, says
 * so, and packs the list every rank runs into B->plan. A CLI_ status. */
static int root_setup(batch_cmd *B)
{
    /* An unusable or busy -o is a usage problem, found before anything runs. */
    if (!B->o.dry_run && (util_mkdir_p(B->o.out) != 0 || (B->lock = batch_lock(B->o.out)) < 0)) {
        return CLI_USAGE;
    }
    if (batch_inputs_find(B->o.inputs, B->o.n_inputs, B->o.out, &B->in) != 0) {
        return CLI_FAIL;
    }
    if (!B->o.dry_run)
        batch_clean_temps(B->o.out);
    if (B->in.n == 0) {
        util_error("batch: no scenario files found (directories are searched for *.json)");
        return CLI_USAGE;
    }
    B->sc = calloc((size_t)B->in.n, sizeof *B->sc);
    if (!B->sc) {
        util_error("out of memory");
        return CLI_FAIL;
    }
    B->n_sc = B->in.n;
    for (int i = 0; i < B->n_sc; i++) {
        B->sc[i].path = B->in.v[i].path;
        B->sc[i].state = BATCH_TO_RUN;
        if (B->in.v[i].missing) {
            util_error("%s: no such file or directory", B->sc[i].path);
            B->sc[i].state = BATCH_BAD_INPUT;
            B->sc[i].why = "no such file";
        }
    }
    B->bad = prepare(B->sc, B->n_sc, &B->o, B->threads);
    if (B->bad < 0) {
        util_error("out of memory");
        return CLI_FAIL;
    }
    B->run = malloc((size_t)(B->n_sc > 0 ? B->n_sc : 1) * sizeof *B->run);
    if (!B->run) {
        return CLI_FAIL;
    }
    for (int i = 0; i < B->n_sc; i++) {
        if (B->sc[i].state == BATCH_TO_RUN)
            B->run[B->n_run++] = &B->sc[i];
        if (B->o.quiet || B->o.dry_run)
            continue;       /* a dry run's table says it all */
        if (B->sc[i].state == BATCH_UP_TO_DATE)
            fprintf(stderr, "devopsim: batch: %s: up to date in %s/, skipped\n", B->sc[i].pl.s.name, B->sc[i].dir);
        else if (B->sc[i].state == BATCH_TO_RUN && B->sc[i].why && strcmp(B->sc[i].why, "no results yet"))
            fprintf(stderr, "devopsim: batch: %s: rerunning (%s)\n", B->sc[i].pl.s.name, B->sc[i].why);
    }
    if (B->o.dry_run) {
        if (!B->o.quiet) {
            long runs = 0;
            for (int i = 0; i < B->n_run; i++)
                runs += (long)B->run[i]->pl.s.n_models * B->run[i]->pl.s.n_hostings
                        * B->run[i]->pl.s.run.replications;
            printf("devopsim batch (dry run): %d scenario%s, %d to run (%ld runs), %d up to date, %d failed\n",
                   B->n_sc, B->n_sc == 1 ? "" : "s", B->n_run, runs,
                   B->n_sc - B->n_run - B->bad, B->bad);
            print_table(stdout, B->sc, B->n_sc, 1);
        }
        B->n_run = 0;
    }
    if (pack_plan(&B->plan, B->run, B->n_run, B->threads) != 0) {
        util_error("out of memory");
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* Every rank (MPI): the same list of scenarios to run, from rank 0's plan;
 * the other ranks load each file and check it is the one rank 0 read.
 * Takes and returns a CLI_ status. */
static int share_plan(batch_cmd *B, int status)
{
    if (B->comm.size > 1) {
        if (B->comm.rank == 0 && status != CLI_OK) {
            int zero[2] = { 0, 0 };
            B->plan.n = 0;
            util_buf_put(&B->plan, zero, sizeof zero);
        }
        if (batch_comm_bcast(&B->comm, &B->plan) != 0) {
            batch_comm_abort(&B->comm, CLI_FAIL);
            status = CLI_FAIL;
        }
        if (B->comm.rank != 0) {
            int n = 0;
            size_t pos = 2 * sizeof(int);
            if (B->plan.n >= pos)
                memcpy(&n, B->plan.p, sizeof n);
            B->sc = calloc((size_t)(n > 0 ? n : 1), sizeof *B->sc);
            B->run = malloc((size_t)(n > 0 ? n : 1) * sizeof *B->run);
            long ok = B->sc && B->run;
            B->n_sc = ok ? n : 0;
            pipeline_opts po = { B->o.has_seed, B->o.seed, (int)B->o.reps, B->o.baseline, B->o.no_staffing };
            for (int i = 0; i < B->n_sc && ok; i++) {
                int len;
                memcpy(&len, B->plan.p + pos, sizeof len);
                pos += sizeof len;
                char *path = malloc((size_t)len + 1);
                if (!path) {
                    ok = 0;
                    break;
                }
                memcpy(path, B->plan.p + pos, (size_t)len);
                path[len] = '\0';
                pos += (size_t)len;
                B->sc[i].path = path;      /* owned: freed at the end */
                if (pipeline_load(&B->sc[i].pl, path, &po) != 0 || memcmp(B->sc[i].pl.hash, B->plan.p + pos, 17) != 0) {
                    util_error("batch: rank %d: %s differs from what rank 0 read; every rank must "
                              "see the same files", B->comm.rank, path);
                    if (B->sc[i].pl.text)
                        pipeline_free(&B->sc[i].pl);
                    ok = 0;
                    break;
                }
                B->sc[i].loaded = 1;
                pos += 17;
                B->run[B->n_run++] = &B->sc[i];
            }
            if (batch_comm_max(&B->comm, ok ? 0 : 1) != 0)
                status = CLI_FAIL;
        } else if (batch_comm_max(&B->comm, 0) != 0) {
            util_error("batch: another rank could not load the scenarios; nothing was run");
            status = CLI_FAIL;
        }
    }
    return status;
}

/* Rank 0, at the end: the summary across scenarios, the final table, what
 * failed or did not finish. Takes and returns the exit status. */
static int root_finish(batch_cmd *B, int status)
{
    int finished = 0, unfinished = 0, failed = 0;
    for (int i = 0; i < B->n_sc; i++) {
        if (B->sc[i].state == BATCH_TO_RUN && !B->o.dry_run)
            B->sc[i].state = BATCH_UNFINISHED;
        finished += B->sc[i].state == BATCH_WRITTEN || B->sc[i].state == BATCH_UP_TO_DATE;
        unfinished += B->sc[i].state == BATCH_UNFINISHED;
        failed += B->sc[i].state == BATCH_FAILED;
    }
    /* The summary across scenarios, over every finished folder. */
    int summary_written = 0;
    if (!batch_signal && !B->o.dry_run && status == CLI_OK && finished > 0 && unfinished == 0) {
        batch_done_scen *ds = malloc((size_t)finished * sizeof *ds);
        int k = 0;
        for (int i = 0; ds && i < B->n_sc; i++)
            if (B->sc[i].state == BATCH_WRITTEN || B->sc[i].state == BATCH_UP_TO_DATE)
                ds[k++] = (batch_done_scen){ B->sc[i].dir, &B->sc[i].pl.s };
        if (!ds || batch_summary_write(B->o.out, ds, k) != 0)
            failed++;
        else
            summary_written = 1;
        free(ds);
    }
    double el = util_now_seconds() - B->t0;
    if (!B->o.quiet && !B->o.dry_run) {
        long runs = B->runs;
        printf("devopsim batch: %d scenario%s -> %s/\n", B->n_sc, B->n_sc == 1 ? "" : "s", B->o.out);
        print_table(stdout, B->sc, B->n_sc, 0);
        printf("%ld runs in %.1f s (%.1f runs/s) on %d thread%s", runs, el,
               el > 0 ? (double)runs / el : 0.0, B->threads, B->threads == 1 ? "" : "s");
        if (B->comm.size > 1)
            printf(" x %d processes", B->comm.size);
        printf("\n");
        if (summary_written)
            printf("summary: %s/summary.csv; chart: %s/lead_time_p85.png (.svg .pdf .csv)\n", B->o.out, B->o.out);
        fflush(stdout);
    }
    if (B->bad > 0) {
        util_error("batch: %d of %d scenario%s failed and got no folder:", B->bad, B->n_sc, B->n_sc == 1 ? "" : "s");
        for (int i = 0; i < B->n_sc; i++)
            if (B->sc[i].state == BATCH_BAD_INPUT)
                fprintf(stderr, "  %s (%s)\n", B->sc[i].path, B->sc[i].why);
    }
    if (batch_signal) {
        util_error("batch: stopped by %s: %d scenario%s finished, %d not finished; rerun the same "
                  "command to resume", batch_signal == SIGINT ? "SIGINT" : "SIGTERM",
                  finished, finished == 1 ? "" : "s", unfinished);
        for (int i = 0; i < B->n_sc; i++)
            if (B->sc[i].state == BATCH_WRITTEN || B->sc[i].state == BATCH_UP_TO_DATE)
                fprintf(stderr, "  finished:     %s\n", B->sc[i].pl.s.name);
        for (int i = 0; i < B->n_sc; i++)
            if (B->sc[i].state == BATCH_UNFINISHED)
                fprintf(stderr, "  not finished: %s\n", B->sc[i].pl.s.name);
    }
    if (batch_signal)
        status = 128 + (int)batch_signal;
    else if (status == CLI_OK && (failed > 0 || B->write_errors > 0 || unfinished > 0))
        status = CLI_FAIL;
    else if (status == CLI_OK && B->bad > 0)
        status = CLI_USAGE;
    return status;
}


int cmd_batch(int argc, char **argv)
{
    batch_cmd cmd, *B = &cmd;
    memset(B, 0, sizeof *B);
    B->lock = -1;
    if (batch_comm_init(&B->comm, &argc, &argv) != 0)
        return CLI_FAIL;
    int root = B->comm.rank == 0;
    int p = parse(argc, argv, &B->o, root);
    if (p != 0) {
        free(B->o.inputs);
        batch_comm_finalize(&B->comm);
        return p > 0 ? CLI_OK : CLI_USAGE;
    }
    B->threads = B->o.jobs > 0 ? (int)B->o.jobs
                 : getenv("OMP_NUM_THREADS") ? omp_get_max_threads() : omp_get_num_procs();
    B->pout = (pipeline_out){ .jobs = B->threads, .argc = argc, .argv = argv, .formats = B->o.formats,
                              .charts = !B->o.no_charts };
    B->t0 = util_now_seconds();

    int status = root ? root_setup(B) : CLI_OK;
    if (B->comm.size > 1)
        status = share_plan(B, status);

    if (status == CLI_OK && B->n_run > 0) {
        /* ---- every rank: run the jobs (then the staffing rounds), rank 0 writing */
        batch_signal_saved saved;
        batch_signal_catch("batch", !root, &saved);
        batch_run_opts ro = { .threads = B->threads, .quiet = (int)B->o.quiet, .pout = B->pout };
        if (B->comm.size > 1)
            memcpy(&ro.threads0, B->plan.p + sizeof(int), sizeof ro.threads0);
        if (batch_run(B->run, B->n_run, &B->comm, &ro, &B->runs, &B->write_errors) != 0)
            status = CLI_FAIL;
        batch_signal_restore(&saved);
    }

    if (root && B->sc)
        status = root_finish(B, status);
    else if (!root && batch_signal)
        status = 128 + (int)batch_signal;

    for (int i = 0; i < B->n_sc; i++) {
        batch_scen_release(&B->sc[i]);
        if (B->sc[i].loaded)
            pipeline_free(&B->sc[i].pl);
        free(B->sc[i].dir);
    }
    if (!root)
        for (int i = 0; i < B->n_sc; i++)
            free((char *)B->sc[i].path);
    free(B->sc);
    free(B->run);
    util_buf_free(&B->plan);
    batch_inputs_free(&B->in);
    free(B->o.inputs);
    if (B->lock >= 0)
        close(B->lock);
    batch_comm_finalize(&B->comm);
    return status;
}
