/* cmd_run — `devopsim run SCENARIO.json -o DIR`: every model × hosting point
 * with replications; writes results, CSVs, comparisons, provenance (and an
 * event trace on request) and prints the readable report. */
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/charts.h"
#include "cli/cli_io.h"
#include "cli/pipeline.h"
#include "cli/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#include "models/org_exp.h"
#include "models/scen_load.h"

static const char usage[] =
    "usage: devopsim run SCENARIO.json -o DIR [options]\n"
    "\n"
    "Runs every ownership model at every hosting point the scenario names, with\n"
    "replications and common random numbers, and writes into DIR:\n"
    "  results.json      everything, with the scenario and seed embedded\n"
    "  runs.csv          scenario,model,hosting,replication,metric,value\n"
    "  summary.csv       scenario,model,hosting,metric,mean,ci95_low,ci95_high,n\n"
    "  comparisons.csv   paired differences between models, Holm-corrected\n"
    "  provenance.json   date, host, command line, threads (the only file that varies)\n"
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
    "  --trace FILE.jsonl   write one replication's event log (JSON Lines)\n"
    "  --trace-rep N        which replication to trace (default 0)\n"
    "  --format LIST        chart formats, from png,svg,pdf (default: all three)\n"
    "  --no-charts          write no charts\n"
    "  --dry-run            print the memory estimate and stop (no -o needed)\n"
    "  --max-memory SIZE    refuse (exit 2) when the estimate exceeds SIZE, e.g. 4G\n"
    "                       (default: the machine's memory)\n"
    "  -q, --quiet          no report on stdout, no progress\n"
    "  -h, --help           this help\n";

typedef struct run_opts {
    const char *scenario, *out, *trace, *baseline, *formats;
    int no_charts;
    long reps, jobs, trace_rep, max_reps;
    double precision;
    uint64_t seed;
    int has_seed, quiet, dry_run;
    double max_memory;
} run_opts;

static int parse(int argc, char **argv, run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->reps = -1;
    o->jobs = 0;
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
            if (!next) { cli_error("--trace needs a file"); return -1; }
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
                cli_error("--precision: must be a relative half-width like 5%% or 0.05 (between 0 and 1), got '%s'",
                          next ? next : "");
                return -1;
            }
            o->precision = v;
            i++;
        } else if (!strcmp(a, "--max-reps")) {
            if (cli_parse_int(a, next, 2, 10000, &o->max_reps)) return -1;
            i++;
        } else if (!strcmp(a, "--no-charts")) {
            o->no_charts = 1;
        } else if (!strcmp(a, "--format")) {
            unsigned fmts;
            if (charts_parse_formats(a, next, &fmts) != 0) return -1;
            o->formats = next; i++;
        } else if (!strcmp(a, "--baseline")) {
            if (!next) { cli_error("--baseline needs a model name"); return -1; }
            o->baseline = next; i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            cli_error("run: unknown option '%s' (see devopsim run --help)", a);
            return -1;
        } else if (!o->scenario) {
            o->scenario = a;
        } else {
            cli_error("run: one scenario at a time (use 'devopsim batch' for several), got '%s'", a);
            return -1;
        }
    }
    if (!o->scenario) {
        cli_error("run: no scenario file given (see devopsim run --help)");
        return -1;
    }
    if (!o->out && !o->dry_run) {
        cli_error("run: no output directory given: add -o DIR");
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
        cli_error("out of memory");
        return -1;
    }
    if (slash) {
        *slash = '\0';
        name = slash + 1;
    } else {
        strcpy(dir, ".");
    }
    cli_file f;
    if (cli_file_open(&f, dir, name) != 0) {
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
        cli_error("out of memory while tracing");
        cli_file_abort(&f);
        return -1;
    }
    return cli_file_commit(&f);
}

int cmd_run(int argc, char **argv)
{
    run_opts o;
    int p = parse(argc, argv, &o);
    if (p != 0)
        return p > 0 ? CLI_OK : CLI_USAGE;
    pipeline_opts po = { o.has_seed, o.seed, (int)o.reps, o.baseline };
    pipeline pl;
    if (pipeline_load(&pl, o.scenario, &po) != 0)
        return CLI_USAGE;
    int jobs = o.jobs > 0 ? (int)o.jobs : omp_get_num_procs();
    int fits = pipeline_check_memory(&pl, jobs, o.max_memory, o.dry_run ? stdout : NULL);
    if (fits != 0 || o.dry_run) {
        pipeline_free(&pl);
        return fits != 0 ? CLI_USAGE : CLI_OK;
    }
    if (o.trace_rep >= pl.s.run.replications) {
        cli_error("--trace-rep %ld: the run has only %d replications (0..%d)", o.trace_rep,
                  pl.s.run.replications, pl.s.run.replications - 1);
        pipeline_free(&pl);
        return CLI_USAGE;
    }
    cli_progress prog;
    cli_progress_init(&prog, "run", o.quiet);
    org_exp x;
    int status = CLI_OK;
    if (org_exp_run(&pl.s, pl.s.run.replications, jobs, NULL, cli_progress_update, &prog, &x) != 0) {
        cli_progress_end(&prog);
        cli_error("out of memory running %s", o.scenario);
        pipeline_free(&pl);
        return CLI_FAIL;
    }
    cli_progress_end(&prog);
    pipeline_out out = { .jobs = jobs, .argc = argc, .argv = argv, .charts = !o.no_charts, .formats = o.formats,
                         .precision = o.precision, .precision_why = "" };
    char why[1024] = "";
    if (o.precision > 0.0) {
        /* Rounds: double the replications until precise or at the cap. The
         * first n replications are the same whatever the total. */
        int max = o.max_reps > 0 ? (int)o.max_reps : 200;
        if (max < x.reps)
            max = x.reps;
        out.max_reps = max;
        while (!(out.precision_met = org_exp_precise(&x, o.precision, why, sizeof why)) && x.reps < max) {
            int next = x.reps * 2 < max ? x.reps * 2 : max;
            cli_progress_init(&prog, "precision", o.quiet);
            if (org_exp_grow(&x, next, jobs, NULL, cli_progress_update, &prog) != 0) {
                cli_progress_end(&prog);
                cli_error("out of memory running %s", o.scenario);
                org_exp_destroy(&x);
                pipeline_free(&pl);
                return CLI_FAIL;
            }
            cli_progress_end(&prog);
        }
        out.precision_why = why;
    }
    /* The report first; the staffing search (when the scenario has targets)
     * runs while writing and prints its table after it. */
    if (!o.quiet) {
        report_ctx rc;
        pipeline_report_ctx(&pl, &x, &out, &rc);
        report_print(&x, &rc, stdout);
        fflush(stdout);
        out.print_staffing = 1;
    }
    if (pipeline_write(&pl, &x, o.out, &out) != 0 || (o.trace && write_trace(&pl.s, &o) != 0))
        status = CLI_FAIL;
    org_exp_destroy(&x);
    pipeline_free(&pl);
    return status;
}
