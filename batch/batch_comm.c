/* batch_comm — the processes of a batch: MPI ranks in the MPI build
 * (-DDEVOPSIM_MPI, `make mpi`), a single rank 0 otherwise. Only the main
 * thread calls MPI (MPI_THREAD_FUNNELED), never inside a parallel region.
 * See batch.h. */
#include "batch/batch_comm.h"
#include "util/util_msg.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef DEVOPSIM_MPI
#include <mpi.h>

#define TAG_RESULTS 7

int batch_comm_init(batch_comm *c, int *argc, char ***argv)
{
    memset(c, 0, sizeof *c);
    int inited = 0, provided = 0;
    MPI_Initialized(&inited);
    if (!inited) {
        if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
            util_error("batch: MPI_Init_thread failed");
            return -1;
        }
        c->mpi = 1;
        if (provided < MPI_THREAD_FUNNELED) {
            util_error("batch: the MPI library does not allow threads (MPI_THREAD_FUNNELED)");
            MPI_Finalize();
            c->mpi = 0;
            return -1;
        }
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &c->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &c->size);
    return 0;
}

void batch_comm_finalize(batch_comm *c)
{
    if (c->mpi)
        MPI_Finalize();
    c->mpi = 0;
}

void batch_comm_abort(batch_comm *c, int status)
{
    if (c->size > 1)
        MPI_Abort(MPI_COMM_WORLD, status);
}

int batch_comm_bcast(batch_comm *c, util_buf *b)
{
    if (c->size == 1)
        return 0;
    unsigned long long n = b->n;
    MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    if (n > INT_MAX) {
        util_error("batch: the list of scenarios is too large to send (%llu bytes)", n);
        return -1;
    }
    if (c->rank != 0) {
        b->n = 0;
        if (util_buf_reserve(b, (size_t)n + 1) != 0) {
            util_error("out of memory");
            batch_comm_abort(c, 1);   /* exit status 1: internal failure */
            return -1;
        }
        b->n = (size_t)n;
    }
    MPI_Bcast(b->p, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD);
    return 0;
}

long batch_comm_max(batch_comm *c, long v)
{
    if (c->size == 1)
        return v;
    long out = v;
    MPI_Allreduce(&v, &out, 1, MPI_LONG, MPI_MAX, MPI_COMM_WORLD);
    return out;
}

int batch_comm_send(batch_comm *c, const void *data, size_t len)
{
    if (len > INT_MAX)
        return -1;
    return MPI_Send(data, (int)len, MPI_BYTE, 0, TAG_RESULTS, MPI_COMM_WORLD) == MPI_SUCCESS ? 0 : -1;
}

int batch_comm_recv(batch_comm *c, util_buf *b)
{
    MPI_Status st;
    int n = 0;
    if (MPI_Probe(MPI_ANY_SOURCE, TAG_RESULTS, MPI_COMM_WORLD, &st) != MPI_SUCCESS
        || MPI_Get_count(&st, MPI_BYTE, &n) != MPI_SUCCESS || n < 0)
        return -1;
    b->n = 0;
    if (util_buf_reserve(b, (size_t)n + 1) != 0)
        return -1;
    if (MPI_Recv(b->p, n, MPI_BYTE, st.MPI_SOURCE, TAG_RESULTS, MPI_COMM_WORLD, MPI_STATUS_IGNORE)
        != MPI_SUCCESS)
        return -1;
    b->n = (size_t)n;
    return 0;
}

const char *batch_comm_library(void)
{
    static char v[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0;
    if (v[0] == '\0' && MPI_Get_library_version(v, &len) == MPI_SUCCESS) {
        char *nl = strpbrk(v, ",\n");   /* "Open MPI v4.1.4, package: ..." */
        if (nl)
            *nl = '\0';
    }
    return v;
}

#else /* one process */

int batch_comm_init(batch_comm *c, int *argc, char ***argv)
{
    memset(c, 0, sizeof *c);
    c->size = 1;
    return 0;
}

void batch_comm_finalize(batch_comm *c)
{
}

void batch_comm_abort(batch_comm *c, int status)
{
}

int batch_comm_bcast(batch_comm *c, util_buf *b)
{
    return 0;
}

long batch_comm_max(batch_comm *c, long v)
{
    return v;
}

int batch_comm_send(batch_comm *c, const void *data, size_t len)
{
    return -1;
}

int batch_comm_recv(batch_comm *c, util_buf *b)
{
    return -1;
}

const char *batch_comm_library(void)
{
    return "none";
}

#endif
