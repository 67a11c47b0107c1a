/* batch_signal — the batch layer's SIGINT/SIGTERM handler (batch_signal.h). */
#include "batch/batch_signal.h"
#include "batch/batch_run.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Written before the handler is installed; the handler only reads them. */
static char signal_msg[160];
static size_t signal_msg_len;
static volatile sig_atomic_t signal_silent;

static void on_signal(int sig)
{
    if (batch_signal) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    batch_signal = sig;
    static const char clear[] = "\r\033[K";
    if (signal_silent)
        return;
    ssize_t w = 0;
    if (batch_progress_line)
        w = write(STDERR_FILENO, clear, sizeof clear - 1);
    w = write(STDERR_FILENO, signal_msg, signal_msg_len);
    (void)w;
}

void batch_signal_catch(const char *command, int silent, batch_signal_saved *saved)
{
    int n = snprintf(signal_msg, sizeof signal_msg,
                     "devopsim: %s: stopping after the runs in progress (again to quit at once)\n", command);
    signal_msg_len = n < 0 ? 0 : (size_t)n < sizeof signal_msg ? (size_t)n : sizeof signal_msg - 1;
    signal_silent = silent;
    batch_signal = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &saved->old_int);
    sigaction(SIGTERM, &sa, &saved->old_term);
}

void batch_signal_restore(const batch_signal_saved *saved)
{
    sigaction(SIGINT, &saved->old_int, NULL);
    sigaction(SIGTERM, &saved->old_term, NULL);
}
