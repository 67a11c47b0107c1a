/* batch_signal — SIGINT/SIGTERM while a batch layer runs (batch, sweep): the
 * first signal sets batch_signal (batch_run.h) so the runner stops after the
 * jobs in progress and says so on stderr; a second one quits at once with the
 * default action. */
#ifndef BATCH_SIGNAL_H
#define BATCH_SIGNAL_H

#include <signal.h>

typedef struct batch_signal_saved {
    struct sigaction old_int, old_term;
} batch_signal_saved;

/* Clears batch_signal and installs the handler for SIGINT and SIGTERM; the
 * previous handlers go to *saved. command names the command in the message
 * ("devopsim: <command>: stopping after the runs in progress …"); silent (MPI
 * ranks but 0) prints nothing. Not reentrant: one batch at a time. */
void batch_signal_catch(const char *command, int silent, batch_signal_saved *saved);

/* Puts back the handlers saved by batch_signal_catch. batch_signal keeps its
 * value for the caller's exit status. */
void batch_signal_restore(const batch_signal_saved *saved);

#endif
