/* cmd_validate — `devopsim validate FILE…`: loads each scenario file exactly
 * as `run` would and reports every problem; exit 0 when all are valid. */
#include "cli/cli.h"
#include "scenario/scen_load.h"
#include "sweep/sweep_uncertain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: devopsim validate [--quiet] FILE…\n"
    "\n"
    "Checks scenario files: JSON syntax (with line:column), every key, type, range\n"
    "and name (with its JSON path, and a suggestion for typos), task graphs (cycles),\n"
    "and the limits that keep a run to a sensible size; an \"uncertain\" section in\n"
    "full (its paths, distributions, and every outer sample it draws). Prints\n"
    "\"FILE: ok\" for each valid file; problems go to stderr. '-' reads standard\n"
    "input. JSON Schema files (a top-level \"$schema\" naming json-schema.org) are\n"
    "skipped with a note.\n"
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
            util_error("validate: unknown option '%s' (see devopsim validate --help)", a);
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
        const char *shown = strcmp(a, "-") ? a : "<stdin>";
        util_diags d;
        util_diags_init(&d);
        size_t len = 0;
        char *text = scen_read_file(a, &len, &d);
        org_scenario s;
        if (text && util_json_is_schema(text, len)) {
            /* `validate scenarios/NAME.json` meets scenarios/schema.json */
            fprintf(stderr, "devopsim: %s: a JSON Schema, not a scenario: skipped\n", shown);
        } else if (text && scen_load_text(text, len, shown, &s, &d) == 0) {
            org_scenario_destroy(&s);
            /* the "uncertain" section in full: paths, distributions, and
             * every outer sample a valid scenario (what run will build) */
            sweep_uncertain *unc = NULL;
            int ok = sweep_uncertain_new(text, len, shown, &unc) == 0 && (!unc || sweep_uncertain_check(unc) == 0);
            sweep_uncertain_free(unc);
            if (!ok)
                bad++;
            else if (!quiet)
                printf("%s: ok\n", shown);
        } else {
            bad++;
            util_diags_print(&d, stderr);
        }
        free(text);
        util_diags_free(&d);
    }
    if (files == 0) {
        util_error("validate: no files given (see devopsim validate --help)");
        return CLI_USAGE;
    }
    fflush(stdout);
    return bad ? CLI_USAGE : CLI_OK;
}
