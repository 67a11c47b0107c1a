/* stubs — commands that are not implemented yet. Each lands in its own
 * cli/cmd_<name>.c; delete its stub here when it does. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static int not_yet(const char *cmd, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("devopsim %s: not implemented yet\n", cmd);
            return CLI_OK;
        }
    cli_error("%s: not implemented yet", cmd);
    return CLI_FAIL;
}

int cmd_staff(int argc, char **argv)
{
    return not_yet("staff", argc, argv);
}

int cmd_plot(int argc, char **argv)
{
    return not_yet("plot", argc, argv);
}

int cmd_batch(int argc, char **argv)
{
    return not_yet("batch", argc, argv);
}
