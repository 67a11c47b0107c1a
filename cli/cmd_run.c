/* cmd_run — `devopsim run SCENARIO.json -o DIR`: every model × hosting point
 * with replications; writes results, CSVs, comparisons, provenance (and an
 * event trace on request) and prints the readable report. */
#include "cli/cli.h"
#include "sweep/sweep_uncertain.h"
#include "cli/cli_args.h"
#include "report/charts.h"
#include "util/util_file.h"
#include "report/pipeline.h"
#include "report/report.h"
#include "report/report_staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch_outdir.h"

#include "models/org_exp.h"
#include "scenario/scen_load.h"

static const char usage[] =
    "usage: devopsim run SCENARIO.json -o DIR [options]\n"
    "\n"
    "Runs every ownership model at every hosting point the scenario names, with\n"
    "replications and common random numbers, and writes into DIR:\n"
    "  results.json      everything, with the scenario and seed embedded\n"
    "  runs.csv          scenario,model,hosting,replication,metric,value\n"
    "  summary.csv       scenario,model,hosting,metric,mean,ci95_low,ci95_high,n\n"
    "  comparisons.csv   paired differences between models, Holm-corrected\n"
    "  robustness.csv    each headline comparison rerun with the main modelling\n"
    "                    choices scaled by 0.5 and 1.5 one at a time: robust or\n"
    "                    fragile (docs/comparisons.md)\n"
    "  provenance.json   date, host, command line, threads, and any test hook set in\n"
    "                    the environment (the only file that varies)\n"
    "  charts/           lead_time, bus_factor, staffing, time_split, lead_time_cdf as\n"
    "                    .png (1600x900), .svg, .pdf and .csv (the numbers drawn), and\n"
    "                    deck.pdf, dated like provenance.json (docs/charts.md;\n"
    "                    redraw with devopsim plot)\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     output directory (created if missing)\n"
    "  --reps N             replications (default: the scenario's)\n"
    "  --seed S             master seed (default: the scenario's)\n"
    "  --jobs N             threads (default: all cores); results do not depend on it\n"
    "  --baseline MODEL     compare every model against MODEL instead of all pairs\n"
    "  --precision P        add replications in rounds until each key metric's 95% CI\n"
    "                       half-width is within P of its mean (e.g. 5% or 0.05)\n"
    "  --max-reps N         cap for --precision (default 200)\n"
    "  --trace FILE.jsonl   write one replication's event log (JSON Lines); never the\n"
    "                       scenario itself or one of the run's own files in DIR\n"
    "  --force              let --trace replace an existing file\n"
    "  --trace-rep N        which replication to trace (default 0)\n"
    "  --format LIST        chart formats, from png,svg,pdf,pptx,xlsx (default:\n"
    "                       png,svg,pdf; pdf adds deck.pdf, pptx deck.pptx, xlsx\n"
    "                       results.xlsx)\n"
    "  --no-charts          write no charts\n"
    "  --robustness-reps N  replications of each robustness rerun (default 2, at most\n"
    "                       the run's; 0: no robustness labels, no robustness.csv)\n"
    "  --no-robustness      the same as --robustness-reps 0 (a quicker run)\n"
    "  --no-staffing        no staffing search even when the scenario has targets (no\n"
    "                       staffing.* files, no cost page; a quicker run)\n"
    "  --dry-run            print the memory estimate and stop (no -o needed)\n"
    "  --max-memory SIZE    refuse (exit 2) when the estimate exceeds SIZE, e.g. 4G\n"
    "                       (default: the machine's memory)\n"
    "  -q, --quiet          no report on stdout, no progress\n"
    "  -h, --help           this help\n";

typedef struct run_opts {
    const char *scenario, *out, *trace, *baseline, *formats;
    int no_charts, no_staffing;
    long reps, jobs, trace_rep, max_reps, robust_reps;
    double precision;
    uint64_t seed;
    int has_seed, quiet, force, dry_run;
    double max_memory;
} run_opts;

static int parse(int argc, char **argv, run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->reps = -1;
    o->jobs = 0;
    o->robust_reps = REPORT_ROBUST_DEFAULT_REPS;
    int r;
    cli_common_ptrs cp = { &o->out, &o->reps, &o->jobs, &o->seed, &o->has_seed, &o->quiet, &o->dry_run,
                           &o->max_memory };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 1;
        } else if ((r = cli_common_arg(argc, argv, &i, &cp)) != 0) {
            if (r < 0)
                return -1;
        } else if (!strcmp(a, "--trace")) {
            if (!next) { util_error("--trace needs a file"); return -1; }
            o->trace = next; i++;
        } else if (!strcmp(a, "--trace-rep")) {
            if (cli_parse_int(a, next, 0, 9999, &o->trace_rep)) return -1;
            i++;
        } else if (!strcmp(a, "--precision")) {
            char *end;
            double v = next ? strtod(next, &end) : 0.0;
            if (next && end != next && *end == '%' && end[1] == '\0')
                v /= 100.0;
            else if (!next || end == next || *end != '\0')
                v = -1.0;
            if (!(v > 0.0 && v < 1.0)) {
                util_error("--precision: must be a relative half-width like 5%% or 0.05 (between 0 and 1), got '%s'",
                          next ? next : "");
                return -1;
            }
            o->precision = v;
            i++;
        } else if (!strcmp(a, "--max-reps")) {
            if (cli_parse_int(a, next, 2, 10000, &o->max_reps)) return -1;
            i++;
        } else if (!strcmp(a, "--force")) {
            o->force = 1;
        } else if (!strcmp(a, "--no-charts")) {
            o->no_charts = 1;
        } else if (!strcmp(a, "--robustness-reps")) {
            if (cli_parse_int(a, next, 0, 10000, &o->robust_reps)) return -1;
            i++;
        } else if (!strcmp(a, "--no-robustness")) {
            o->robust_reps = 0;
        } else if (!strcmp(a, "--no-staffing")) {
            o->no_staffing = 1;
        } else if (!strcmp(a, "--format")) {
            unsigned fmts;
            if (charts_parse_formats(a, next, &fmts) != 0) return -1;
            o->formats = next; i++;
        } else if (!strcmp(a, "--baseline")) {
            if (!next) { util_error("--baseline needs a model name"); return -1; }
            o->baseline = next; i++;
        } else if (cli_one_file("run", "scenario", "use 'devopsim batch' for several", a, &o->scenario) != 0) {
            return -1;
        }
    }
    if (!o->scenario) {
        util_error("run: no scenario file given (see devopsim run --help)");
        return -1;
    }
    if (!o->out && !o->dry_run) {
        util_error("run: no output directory given: add -o DIR");
        return -1;
    }
    return 0;
}

/* Makes o->out a usable output directory before anything is simulated:
 * created when missing, a directory, writable, and locked against another
 * run or batch (the lock lives until the process ends). 0 or -1 (message
 * printed). */
static int prepare_out(const run_opts *o)
{
    struct stat st;
    if (stat(o->out, &st) == 0 && !S_ISDIR(st.st_mode)) {
        util_error("-o %s: exists and is not a directory", o->out);
        return -1;
    }
    if (util_mkdir_p(o->out) != 0)
        return -1;
    if (access(o->out, W_OK | X_OK) != 0) {
        util_error("-o %s: cannot write into it: %s", o->out, strerror(errno));
        return -1;
    }
    return batch_lock_dir(o->out) < 0 ? -1 : 0;
}

/* Refuses a --trace path that is the scenario, a directory, one of the
 * run's own files in o->out (or inside its charts or staging folders), or
 * an existing file without --force. 0 or -1 (message printed). Called
 * after prepare_out (o->out exists). */
static int check_trace(const run_opts *o)
{
    struct stat tst, sst;
    int exists = lstat(o->trace, &tst) == 0;
    if (exists && stat(o->trace, &tst) == 0 && stat(o->scenario, &sst) == 0 && tst.st_dev == sst.st_dev
        && tst.st_ino == sst.st_ino) {
        util_error("--trace %s: is the scenario file; choose another file", o->trace);
        return -1;
    }
    if (exists && S_ISDIR(tst.st_mode)) {
        util_error("--trace %s: is a directory; give a file name", o->trace);
        return -1;
    }
    /* The folder the trace goes into, resolved, against the output's. */
    char *copy = strdup(o->trace), *slash = copy ? strrchr(copy, '/') : NULL;
    const char *name = slash ? o->trace + (slash - copy) + 1 : o->trace;
    if (copy && !*name) {
        util_error("--trace '%s': needs a file name", o->trace);
        free(copy);
        return -1;
    }
    if (copy && slash)
        slash == copy ? (void)(slash[1] = '\0') : (void)(*slash = '\0');
    char *tdir = copy ? realpath(slash ? copy : ".", NULL) : NULL;
    if (copy && !tdir) {
        util_error("--trace %s: its folder %s: %s", o->trace, slash ? copy : ".", strerror(errno));
        free(copy);
        return -1;
    }
    char *odir = realpath(o->out, NULL);
    int bad = 0;
    if (tdir && odir) {
        size_t n = strlen(odir);
        const char *rest = !strncmp(tdir, odir, n) && (tdir[n] == '/' || tdir[n] == '\0') ? tdir + n : NULL;
        if (rest && *rest == '\0')
            bad = pipeline_owns(name) || !strcmp(name, ".lock");
        else if (rest) {
            /* inside a folder of the output: its first component */
            const char *first = rest + 1, *end = strchr(first, '/');
            char top[256];
            snprintf(top, sizeof top, "%.*s", (int)(end ? (size_t)(end - first) : strlen(first)), first);
            bad = pipeline_owns(top);
        }
    }
    free(copy);
    free(tdir);
    free(odir);
    if (bad) {
        util_error("--trace %s: is one of the run's own outputs in %s; choose another file", o->trace, o->out);
        return -1;
    }
    if (exists && !o->force) {
        util_error("--trace %s: exists; add --force to replace it", o->trace);
        return -1;
    }
    return 0;
}

/* Re-runs one replication of every combination with tracing, in order. */
static int write_trace(const org_scenario *s, const run_opts *o)
{
    char *dir = strdup(o->trace), *slash = dir ? strrchr(dir, '/') : NULL;
    const char *name = o->trace;
    if (!dir) {
        util_error("out of memory");
        return -1;
    }
    if (slash) {
        *slash = '\0';
        name = slash + 1;
    } else {
        strcpy(dir, ".");
    }
    util_file f;
    if (util_file_open(&f, dir, name) != 0) {
        free(dir);
        return -1;
    }
    free(dir);
    int rc = 0;
    for (int m = 0; m < s->n_models && rc == 0; m++)
        for (int h = 0; h < s->n_hostings && rc == 0; h++) {
            org_sim_opts so;
            org_sim_opts_init(&so);
            so.trace = f.fp;
            org_rep r;
            if (org_sim_run(s, m, h, (int)o->trace_rep, &so, &r) != 0)
                rc = -1;
            else
                org_rep_destroy(&r);
        }
    if (rc != 0) {
        util_error("out of memory while tracing");
        util_file_abort(&f);
        return -1;
    }
    return util_file_commit(&f);
}

/* The progress line of the experiment: "run", then "precision" for each
 * round that adds replications. */
typedef struct run_progress {
    util_progress prog;
    int quiet;
} run_progress;

static void run_progress_update(void *ctx, long done, long total)
{
    util_progress_update(&((run_progress *)ctx)->prog, done, total);
}

static void run_progress_round(void *ctx, int round)
{
    run_progress *rp = ctx;
    util_progress_end(&rp->prog);
    util_progress_init(&rp->prog, "precision", rp->quiet);
}

int cmd_run(int argc, char **argv)
{
    run_opts o;
    int p = parse(argc, argv, &o);
    if (p != 0)
        return p > 0 ? CLI_OK : CLI_USAGE;
    pipeline_opts po = { o.has_seed, o.seed, (int)o.reps, o.baseline, o.no_staffing };
    pipeline pl;
    if (pipeline_load(&pl, o.scenario, &po) != 0)
        return CLI_USAGE;
    if (pipeline_check_rows(&pl) != 0) {
        pipeline_free(&pl);
        return CLI_USAGE;
    }
    int jobs, gate;
    if (cli_memory_gate(&pl, o.jobs, o.max_memory, o.dry_run, &jobs, &gate))
        return gate;
    if (o.trace_rep >= pl.s.run.replications) {
        util_error("--trace-rep %ld: the run has only %d replications (0..%d)", o.trace_rep,
                  pl.s.run.replications, pl.s.run.replications - 1);
        pipeline_free(&pl);
        return CLI_USAGE;
    }
    sweep_uncertain *unc = NULL;      /* the scenario's "uncertain" section */
    if (sweep_uncertain_new(pl.text, pl.len, pl.path, &unc) != 0) {
        pipeline_free(&pl);
        return CLI_USAGE;
    }
    if (prepare_out(&o) != 0 || (o.trace && check_trace(&o) != 0)) {
        sweep_uncertain_free(unc);
        pipeline_free(&pl);
        return CLI_USAGE;
    }
    /* Compute everything first (experiment, precision rounds, staffing
     * search), then print and write from the results. */
    run_progress rp;
    rp.quiet = (int)o.quiet;
    util_progress_init(&rp.prog, "run", o.quiet);
    pipeline_analysis an = { .jobs = jobs, .precision = o.precision, .max_reps = (int)o.max_reps,
                             .progress = run_progress_update, .round = run_progress_round, .ctx = &rp,
                             .robust_reps = (int)o.robust_reps };
    pipeline_results res;
    int rc = pipeline_analyse(&pl, &an, &res);
    util_progress_end(&rp.prog);
    if (rc != 0) {
        sweep_uncertain_free(unc);
        pipeline_free(&pl);
        return CLI_FAIL;
    }
    pipeline_out out = { .jobs = jobs, .argc = argc, .argv = argv, .charts = !o.no_charts, .formats = o.formats };
    int status = CLI_OK;
    /* The report, then the staffing search's table when there was one. */
    if (!o.quiet) {
        report_ctx rctx;
        pipeline_report_ctx(&pl, &res, &out, &rctx);
        report_print(&res.x, &rctx, stdout);
        if (res.has_staff)
            staff_print(&res.staff, stdout);
        fflush(stdout);
    }
    /* Second-order Monte Carlo over the input uncertainty, labelled apart;
     * uncertainty.csv is written with the other files (the deck reads it). */
    util_buf unc_csv = { 0 };
    int unc_status = unc ? sweep_uncertain_run(unc, &pl.s, jobs, &unc_csv, o.quiet ? NULL : stdout) : 0;
    out.uncertainty_csv = unc_status == 0 && unc ? util_buf_str(&unc_csv) : NULL;
    out.uncertainty_len = unc_csv.n;
    if (pipeline_write(&pl, &res, o.out, &out) != 0 || (o.trace && write_trace(&pl.s, &o) != 0))
        status = CLI_FAIL;
    if (status == CLI_OK && unc_status != 0)
        status = unc_status;
    util_buf_free(&unc_csv);
    sweep_uncertain_free(unc);
    pipeline_results_free(&res);
    pipeline_free(&pl);
    return status;
}
