/* cmd_sweep — `devopsim sweep SCENARIO.json --params PARAMS.json -o OUT`:
 * a parameter sweep (oat, grid, lhs, sobol) over one scenario; every point
 * runs every model × hosting point with the scenario's seed, as jobs of the
 * batch layer. See sweep/sweep_run.h and docs/sensitivity.md. */
#include "batch/batch_comm.h"
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "sweep/sweep_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

static const char usage[] =
    "usage: devopsim sweep SCENARIO.json --params PARAMS.json -o OUT [options]\n"
    "\n"
    "Varies scenario fields (named by JSON path in PARAMS.json) over a design —\n"
    "oat (one at a time), grid (full factorial), lhs (Latin hypercube) or sobol\n"
    "(Saltelli's scheme) — and runs every model × hosting point at every point with\n"
    "the scenario's own seed (common random numbers). Writes:\n"
    "  OUT/summary.txt       first line: the parameters that decide the answer\n"
    "  OUT/sweep.csv         point, parameter values, model, hosting, metric, mean, CI\n"
    "  OUT/tornado.csv       oat: differences between models at each parameter's ends\n"
    "  OUT/robustness.csv    lhs, grid, sobol: how often model A beats model B\n"
    "  OUT/winners.csv       grid: the best model at each grid point\n"
    "  OUT/indices.csv       sobol: first- and total-order indices, 95% bootstrap CIs\n"
    "  OUT/points/           each point's scenario file and its full results\n"
    "Resumable: a rerun after an interruption (even SIGKILL) runs only the points\n"
    "without results and writes the same bytes. The PARAMS format: docs/sensitivity.md.\n"
    "\n"
    "options:\n"
    "  --params FILE       the PARAMS.json file (required)\n"
    "  -o, --output OUT    output directory (created if missing)\n"
    "  --reps N            replications at every point (default: the scenario's)\n"
    "  -j, --jobs N        threads (default: OMP_NUM_THREADS, else all cores); results\n"
    "                      do not depend on it\n"
    "  --force             rerun every point even when its results are up to date\n"
    "  --no-staffing       no staffing search at the points even when the scenario\n"
    "                      has targets (no staffed headcount or cost metrics; the\n"
    "                      search runs each point's replications many times over)\n"
    "  -q, --quiet         nothing on stdout, no progress; errors only\n"
    "  -h, --help          this help\n"
    "\n"
    "Many machines: 'mpirun -np N devopsim-mpi sweep …' writes the same bytes.\n"
    "\n"
    "exit status: 0 done; 2 bad scenario, PARAMS or argument; 1 internal failure;\n"
    "130 after SIGINT, 143 after SIGTERM (rerun the same command to resume).\n";

int cmd_sweep(int argc, char **argv)
{
    batch_comm comm;
    if (batch_comm_init(&comm, &argc, &argv) != 0)
        return CLI_FAIL;
    int loud = comm.rank == 0;
    sweep_opts o;
    memset(&o, 0, sizeof o);
    long reps = -1, jobs = 0;
    int quiet = 0, status = CLI_OK;
    cli_common_ptrs cp = { &o.out, &reps, &jobs, NULL, NULL, &quiet, NULL, NULL };
    for (int i = 1; i < argc && status == CLI_OK; i++) {
        const char *a = argv[i];
        int r;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            if (loud)
                fputs(usage, stdout);
            batch_comm_finalize(&comm);
            return CLI_OK;
        } else if (!strcmp(a, "--params")) {
            if (i + 1 >= argc) {
                util_error("--params needs a PARAMS.json file");
                status = CLI_USAGE;
            } else {
                o.params = argv[++i];
            }
        } else if ((r = cli_common_arg(argc, argv, &i, &cp)) != 0) {
            if (r < 0)
                status = CLI_USAGE;
        } else if (!strcmp(a, "--force")) {
            o.force = 1;
        } else if (!strcmp(a, "--no-staffing")) {
            o.no_staffing = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            util_error("sweep: unknown option '%s' (see devopsim sweep --help)", a);
            status = CLI_USAGE;
        } else if (o.scenario) {
            util_error("sweep: one scenario at a time ('%s' and '%s')", o.scenario, a);
            status = CLI_USAGE;
        } else {
            o.scenario = a;
        }
    }
    if (status == CLI_OK && !o.scenario) {
        util_error("sweep: no scenario file given (see devopsim sweep --help)");
        status = CLI_USAGE;
    }
    if (status == CLI_OK && !o.params) {
        util_error("sweep: no PARAMS file given: add --params PARAMS.json");
        status = CLI_USAGE;
    }
    if (status == CLI_OK && !o.out) {
        util_error("sweep: no output directory given: add -o OUT");
        status = CLI_USAGE;
    }
    if (status == CLI_OK) {
        o.reps = reps;
        o.quiet = quiet;
        o.threads = jobs > 0 ? (int)jobs : getenv("OMP_NUM_THREADS") ? omp_get_max_threads() : omp_get_num_procs();
        o.argc = argc;
        o.argv = argv;
        status = sweep_run(&o, &comm);
    }
    batch_comm_finalize(&comm);
    return status;
}
