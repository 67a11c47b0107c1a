/* cmd_staff — `devopsim staff SCENARIO.json [-o DIR]`: the staffing search
 * per model × hosting point (docs/staffing.md); prints the table and, with
 * -o, writes staffing.csv and staffing.json. */
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "util/util_file.h"
#include "report/pipeline.h"
#include "report/report_staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/org_staff.h"

static const char usage[] =
    "usage: devopsim staff SCENARIO.json [-o DIR] [options]\n"
    "\n"
    "For every ownership model at every hosting point the scenario names, finds\n"
    "  - the smallest central team (ops, DevOps or platform team) meeting the\n"
    "    scenario's targets for the work it is asked to do: p85 ticket wait,\n"
    "    maximum utilisation and/or a service level (a share of tickets started\n"
    "    within some days), plus enablement engineers and the 24/7 on-call floor;\n"
    "  - the product engineers needed (added to or removed from every product\n"
    "    team) for the p85 lead-time target with that central team;\n"
    "  - the yearly cost (salaries by role and hosting bills) and cost per feature,\n"
    "and checks the central size against Erlang C. Candidates are compared with\n"
    "common random numbers (same seed and replications); method: docs/staffing.md.\n"
    "The scenario needs a \"targets\" object (and may set \"costs\").\n"
    "\n"
    "With -o DIR, writes:\n"
    "  staffing.csv    scenario,model,hosting,team,headcount,p85_days,ci95_low,\n"
    "                  ci95_high,utilization,erlang_c_headcount,total_headcount,\n"
    "                  oncall_standby_per_year,cost_per_year,cost_per_feature,\n"
    "                  currency (a central and a product row per model × hosting\n"
    "                  point; cost_per_year includes the on-call stand-by)\n"
    "  staffing.json   the same, plus non-product busy FTE by kind, the Erlang C\n"
    "                  cross-check and its explanation, on-call floors and every\n"
    "                  candidate evaluated\n"
    "  staffing_platform.csv  for a model with enablement and a lead-time target:\n"
    "                  the platform team's size curve (enablement engineers\n"
    "                  tried, product teams, total headcount and cost, chosen)\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     output directory (created if missing)\n"
    "  --reps N             replications per candidate (default: the scenario's)\n"
    "  --seed S             master seed (default: the scenario's)\n"
    "  --jobs N             threads (default: all cores); results do not depend on it\n"
    "  --dry-run            print the memory estimate and stop\n"
    "  --max-memory SIZE    refuse (exit 2) when the estimate exceeds SIZE, e.g. 4G\n"
    "  -q, --quiet          no table on stdout, no progress\n"
    "  -h, --help           this help\n";

typedef struct staff_opts {
    const char *scenario, *out;
    long reps, jobs;
    uint64_t seed;
    int has_seed, quiet, dry_run;
    double max_memory;
} staff_opts;

static int parse(int argc, char **argv, staff_opts *o)
{
    memset(o, 0, sizeof *o);
    o->reps = -1;
    int r;
    cli_common_ptrs cp = { &o->out, &o->reps, &o->jobs, &o->seed, &o->has_seed, &o->quiet, &o->dry_run,
                           &o->max_memory };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 1;
        } else if ((r = cli_common_arg(argc, argv, &i, &cp)) != 0) {
            if (r < 0)
                return -1;
        } else if (cli_one_file("staff", "scenario", NULL, a, &o->scenario) != 0) {
            return -1;
        }
    }
    if (!o->scenario) {
        util_error("staff: no scenario file given (see devopsim staff --help)");
        return -1;
    }
    return 0;
}

typedef struct staff_progress {
    int enabled;
    double t0;
} staff_progress;

static void progress(void *ctx, long done, long total)
{
    staff_progress *p = ctx;
    if (!p->enabled)
        return;
    fprintf(stderr, "\rstaff: %ld/%ld model × hosting points done  %.0fs   ", done, total,
            util_now_seconds() - p->t0);
    fflush(stderr);
}

int cmd_staff(int argc, char **argv)
{
    staff_opts o;
    int p = parse(argc, argv, &o);
    if (p != 0)
        return p > 0 ? CLI_OK : CLI_USAGE;
    pipeline_opts po = { o.has_seed, o.seed, (int)o.reps, NULL, 0 };
    pipeline pl;
    if (pipeline_load(&pl, o.scenario, &po) != 0)
        return CLI_USAGE;
    if (!pl.s.targets.has_targets) {
        util_error("%s: $.targets: staffing needs targets, and this scenario states none. Add for example\n"
                  "  \"targets\": { \"lead_time_p85_days\": 20, \"ticket_wait_p85_days\": 2, \"max_utilization\": 0.8 }\n"
                  "keys: lead_time_p85_days (product teams), ticket_wait_p85_days, max_utilization, "
                  "service_level_share with service_level_days (central team), "
                  "enablement_engineers (the on-call floor follows \"oncall\": cover, min_rotation); salaries in "
                  "\"costs\" (product_engineer_per_year, "
                  "central_engineer_per_year). See scenarios/README.md and docs/staffing.md.", o.scenario);
        pipeline_free(&pl);
        return CLI_USAGE;
    }
    int jobs, gate;
    if (cli_memory_gate(&pl, o.jobs, o.max_memory, o.dry_run, &jobs, &gate))
        return gate;
    if (o.out && util_mkdir_p(o.out) != 0) {
        pipeline_free(&pl);
        return CLI_FAIL;
    }
    staff_progress prog = { !o.quiet && isatty(2), util_now_seconds() };
    org_staff_opts so;
    org_staff_opts_init(&so);
    so.reps = pl.s.run.replications;
    so.jobs = jobs;
    so.progress = progress;
    so.ctx = &prog;
    org_staff_result r;
    int rc = org_staff_run(&pl.s, &so, &r);
    if (prog.enabled)
        fputs("\r\033[K", stderr);
    if (rc != 0) {
        util_error("out of memory in the staffing analysis of %s", o.scenario);
        pipeline_free(&pl);
        return CLI_FAIL;
    }
    int status = CLI_OK;
    if (o.out && staff_write_files(&r, pl.hash, o.out) != 0)
        status = CLI_FAIL;
    if (!o.quiet) {
        staff_print(&r, stdout);
        printf("\n%ld replications simulated (%d rounds of candidates, %d threads) in %.1f s\n", r.runs, r.rounds,
               jobs, r.seconds);
    }
    org_staff_destroy(&r);
    pipeline_free(&pl);
    return status;
}
