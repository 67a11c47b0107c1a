/* cmd_validate — `devopsim validate FILE…`: loads each scenario file exactly
 * as `run` would and reports every problem; exit 0 when all are valid. */
#include "cli/cli.h"
#include "scenario/scen_load.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: devopsim validate [--quiet] FILE…\n"
    "\n"
    "Checks scenario files: JSON syntax (with line:column), every key, type, range\n"
    "and name (with its JSON path, and a suggestion for typos), task graphs (cycles),\n"
    "and the limits that keep a run to a sensible size. Prints \"FILE: ok\" for each\n"
    "valid file; problems go to stderr. '-' reads standard input.\n"
    "\n"
    "options:\n"
    "  -q, --quiet   print nothing for valid files\n"
    "  -h, --help    this help\n"
    "\n"
    "exit status: 0 when every file is valid, 2 otherwise.\n";

int cmd_validate(int argc, char **argv)
{
    int quiet = 0, files = 0, bad = 0, options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || !strcmp(a, "-"))
            continue;
        if (!strcmp(a, "--")) {
            options_done = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return CLI_OK;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else {
            cli_error("validate: unknown option '%s' (see devopsim validate --help)", a);
            return CLI_USAGE;
        }
    }
    options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && !strcmp(a, "--")) {
            options_done = 1;
            continue;
        }
        if (!options_done && a[0] == '-' && strcmp(a, "-") != 0)
            continue;
        files++;
        scen_diags d;
        scen_diags_init(&d);
        org_scenario s;
        if (scen_load_file(a, &s, &d) == 0) {
            org_scenario_destroy(&s);
            if (!quiet)
                printf("%s: ok\n", strcmp(a, "-") ? a : "<stdin>");
        } else {
            bad++;
            scen_diags_print(&d, stderr);
        }
        scen_diags_free(&d);
    }
    if (files == 0) {
        cli_error("validate: no files given (see devopsim validate --help)");
        return CLI_USAGE;
    }
    fflush(stdout);
    return bad ? CLI_USAGE : CLI_OK;
}
