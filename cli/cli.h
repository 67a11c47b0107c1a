/* cli — the devopsim command front end: one function per command, each
 * taking argv after the command name and returning the process exit status
 * (0 ok, 1 internal failure, 2 bad input or usage). Only main() exits. */
#ifndef CLI_H
#define CLI_H

/* Errors are printed with util_error ("devopsim: message" on stderr). */
#include "util/util_msg.h"

#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_staff(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);

#endif
