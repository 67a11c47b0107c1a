/* cmd_calibrate — `devopsim calibrate SCENARIO.json --observed OBSERVED.json
 * -o DIR`: fits the scenario's unknown parameters (its "calibrate" section)
 * to what a company measures today. See sweep/sweep_calib.h and
 * docs/calibrate.md. */
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "sweep/sweep_calib.h"
#include "sweep/sweep_calib_out.h"
#include "util/util_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

static const char usage[] =
    "usage: devopsim calibrate SCENARIO.json --observed OBSERVED.json -o DIR [options]\n"
    "\n"
    "Fits the parameters the scenario marks as unknown (its \"calibrate\" section:\n"
    "JSON paths with ranges) to what the company measures today (OBSERVED.json: any\n"
    "of lead_time_p50_days, lead_time_p85_days, ticket_wait_mean_days,\n"
    "utilization_central, deploys_per_week, change_failure_rate,\n"
    "time_to_restore_p50_days, incidents_per_week, features_per_week,\n"
    "utilization_product, each with a tolerance; default 10%). Every evaluation\n"
    "simulates today's model and hosting point with the scenario's seed (common\n"
    "random numbers); Nelder-Mead minimises the sum of squared misses in\n"
    "tolerances. Writes:\n"
    "  DIR/calibrated.json    the scenario with the fitted values (loads with validate)\n"
    "  DIR/calibration.txt    the report printed here: fitted values with 95% intervals,\n"
    "                         observed against simulated with CIs, the verdict\n"
    "  DIR/calibration.json   the same as data\n"
    "  DIR/calibration.csv    one row per figure and per parameter\n"
    "Both formats: docs/calibrate.md.\n"
    "\n"
    "options:\n"
    "  --observed FILE     the OBSERVED.json file (required)\n"
    "  -o, --output DIR    output directory (created if missing)\n"
    "  --reps N            replications per evaluation (default: the scenario's)\n"
    "  --seed S            master seed (default: the scenario's)\n"
    "  --max-evals N       simulation evaluations the fit may use, start scan included\n"
    "                      (default 300)\n"
    "  -j, --jobs N        threads (default: OMP_NUM_THREADS, else all cores); results\n"
    "                      do not depend on it\n"
    "  -q, --quiet         no report, no progress; errors only\n"
    "  -h, --help          this help\n"
    "\n"
    "exit status: 0 the model reproduces every observed figure within its tolerance;\n"
    "3 it does not (the report says which figures miss and by how much; the files are\n"
    "written all the same); 2 bad scenario, OBSERVED file or argument; 1 internal failure.\n";

int cmd_calibrate(int argc, char **argv)
{
    sweep_calib_opts o;
    memset(&o, 0, sizeof o);
    const char *out = NULL;
    long reps = -1, jobs = 0, evals = 0;
    int quiet = 0, has_seed = 0;
    uint64_t seed = 0;
    cli_common_ptrs cp = { &out, &reps, &jobs, &seed, &has_seed, &quiet, NULL, NULL };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return CLI_OK;
        } else if (!strcmp(a, "--observed")) {
            if (i + 1 >= argc) {
                util_error("--observed needs an OBSERVED.json file");
                return CLI_USAGE;
            }
            o.observed = argv[++i];
        } else if (!strcmp(a, "--max-evals")) {
            if (i + 1 >= argc) {
                util_error("--max-evals needs a number of evaluations");
                return CLI_USAGE;
            }
            if (cli_parse_int("--max-evals", argv[++i], 1, 100000, &evals) != 0)
                return CLI_USAGE;
        } else if ((r = cli_common_arg(argc, argv, &i, &cp)) != 0) {
            if (r < 0)
                return CLI_USAGE;
        } else if (a[0] == '-' && a[1] != '\0') {
            util_error("calibrate: unknown option '%s' (see devopsim calibrate --help)", a);
            return CLI_USAGE;
        } else if (o.scenario) {
            util_error("calibrate: one scenario at a time ('%s' and '%s')", o.scenario, a);
            return CLI_USAGE;
        } else {
            o.scenario = a;
        }
    }
    if (!o.scenario) {
        util_error("calibrate: no scenario file given (see devopsim calibrate --help)");
        return CLI_USAGE;
    }
    if (!o.observed) {
        util_error("calibrate: no observed figures given: add --observed OBSERVED.json");
        return CLI_USAGE;
    }
    if (!out) {
        util_error("calibrate: no output directory given: add -o DIR");
        return CLI_USAGE;
    }
    if (util_mkdir_p(out) != 0) {
        util_error("calibrate: %s: cannot create the output directory", out);
        return CLI_USAGE;
    }
    o.reps = reps > 0 ? (int)reps : 0;
    o.has_seed = has_seed;
    o.seed = seed;
    o.max_evals = (int)evals;
    o.jobs = jobs > 0 ? (int)jobs : getenv("OMP_NUM_THREADS") ? omp_get_max_threads() : omp_get_num_procs();
    o.progress = quiet ? NULL : stderr;
    sweep_calib_result r;
    int status = sweep_calib_run(&o, &r);
    if (status != 0)
        return status;
    if (sweep_calib_write(&r, out, o.scenario, o.observed) != 0)
        status = CLI_FAIL;
    if (!quiet) {
        util_buf b = { 0 };
        sweep_calib_text(&r, o.scenario, o.observed, &b);
        if (!b.err)
            fputs(util_buf_str(&b), stdout);
        util_buf_free(&b);
    }
    if (status == 0 && !r.fits)
        status = SWEEP_CALIB_NO_FIT;
    sweep_calib_result_free(&r);
    return status;
}
