/* batch_comm — the processes of a batch: MPI ranks in the MPI build
 * (-DDEVOPSIM_MPI), or one process otherwise, behind one small interface. */
#ifndef BATCH_COMM_H
#define BATCH_COMM_H

#include <stddef.h>
#include "util/util_buf.h"

typedef struct batch_comm {
    int rank, size;
    int mpi;                    /* 1: MPI_Init was called here */
} batch_comm;

/* Starts MPI in the MPI build (threads funnelled through the main thread);
 * rank 0 of 1 otherwise. 0 or -1 (message printed). */
int batch_comm_init(batch_comm *c, int *argc, char ***argv);
void batch_comm_finalize(batch_comm *c);
/* Aborts every rank (MPI) after an unrecoverable error. */
void batch_comm_abort(batch_comm *c, int status);
/* Rank 0's buffer to every rank (others' b is replaced). 0 or -1. */
int batch_comm_bcast(batch_comm *c, util_buf *b);
/* The largest of every rank's value (a collective). */
long batch_comm_max(batch_comm *c, long v);
/* Sends len bytes to rank 0. 0 or -1. */
int batch_comm_send(batch_comm *c, const void *data, size_t len);
/* Rank 0: receives the next message from any rank into b. 0 or -1. */
int batch_comm_recv(batch_comm *c, util_buf *b);
/* "Open MPI 4.1.4" or "none". */
const char *batch_comm_library(void);

#endif
