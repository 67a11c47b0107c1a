/* main — the devopsim command line: dispatches to one function per command
 * (cli/cmd_*.c), prints the usage summary and the version. Only main()
 * decides the exit status: 0 ok, 1 internal failure, 2 bad input or usage. */
#include "cli/cli.h"
#include "plots/plot.h"
#include "util/util_json.h"
#include "util/util_sys.h"

#include <stdio.h>
#include <string.h>
#include <cJSON.h>
#include <cairo.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *synopsis;
    const char *summary;
} command;

static const command commands[] = {
    { "run", cmd_run, "run SCENARIO.json -o DIR",
      "every model × hosting point the scenario names, with replications; results and charts" },
    { "batch", cmd_batch, "batch FILES_OR_DIRS… -o DIR",
      "many scenarios on all cores (--jobs), with a summary across them; resumable" },
    { "sweep", cmd_sweep, "sweep SCENARIO.json --params PARAMS.json -o DIR",
      "parameter sweeps (oat, grid, lhs, sobol): tornado, robustness, Sobol indices; resumable" },
    { "calibrate", cmd_calibrate, "calibrate SCENARIO.json --observed OBSERVED.json -o DIR",
      "fits the scenario's unknown parameters to what the company measures today" },
    { "staff", cmd_staff, "staff SCENARIO.json [-o DIR]",
      "staffing search: team sizes and cost per model × hosting point" },
    { "plot", cmd_plot, "plot RESULTS -o DIR [--format png,svg,pdf]",
      "charts again from stored results, without rerunning" },
    { "validate", cmd_validate, "validate FILES…",
      "checks scenario files; every problem with file and line:column or JSON path" },
    { "explain", cmd_explain, "explain TRACE.jsonl --feature ID",
      "one feature's journey through the simulation, day by day" },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: devopsim COMMAND [options]\n\n"
               "Simulates engineering organisations — three ownership models (traditional_ops,\n"
               "devops_team, true_devops) across the hosting continuum (on_prem … serverless).\n\n"
               "commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  devopsim %s\n      %s\n", commands[i].synopsis, commands[i].summary);
    fprintf(f, "\ncommon options: --help on every command, --seed N, --reps N, --quiet\n"
               "  devopsim --version        version and library versions\n"
               "  devopsim COMMAND --help   the command's options\n\n"
               "Scenario format: scenarios/README.md. Exit status: 0 ok, 1 internal failure,\n"
               "2 bad input or usage, 3 calibrate: the model does not fit the observations.\n");
}

static void version(void)
{
    printf("devopsim %s\n", DEVOPSIM_VERSION);
    printf("built with GSL %s, cJSON %d.%d.%d, cairo %s\n", GSL_VERSION, CJSON_VERSION_MAJOR,
           CJSON_VERSION_MINOR, CJSON_VERSION_PATCH, CAIRO_VERSION_STRING);
    printf("running with GSL %s, cJSON %s, cairo %s\n", gsl_version, cJSON_Version(), cairo_version_string());
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    util_heap_prepare();    /* huge pages for a large organisation's knowledge */
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
        version();
        return CLI_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(cmd, commands[i].name)) {
            int rc = commands[i].run(argc - 1, argv + 1);
            /* Release cairo's and fontconfig's caches: a clean exit for leak checkers. */
            plot_shutdown();
            return rc;
        }
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    const char *s = util_suggest(cmd, names, N_COMMANDS);
    char q[96];
    util_json_quote(cmd, q, sizeof q);
    if (s)
        util_error("unknown command %s; did you mean '%s'? (devopsim --help lists the commands)", q, s);
    else if (cmd[0] == '-')
        util_error("unknown option %s before the command (devopsim --help lists the commands)", q);
    else
        util_error("unknown command %s (devopsim --help lists the commands)", q);
    return CLI_USAGE;
}
