/* batch_pack — the wire format of one replication's results (MPI): every
 * field of org_rep, doubles bit for bit, so rank 0 writes exactly what a
 * single process would. */
#ifndef BATCH_PACK_H
#define BATCH_PACK_H

#include <stddef.h>
#include <stdint.h>
#include "models/org_sim.h"
#include "util/util_buf.h"

/* Appends r to b: every field of org_rep, doubles bit for bit (native byte
 * order: nodes are identical). 0 or -1 when memory ran out. */
int batch_rep_pack(util_buf *b, const org_rep *r);
/* Reads one org_rep packed by batch_rep_pack from p[*pos .. n), advancing
 * *pos. Fills *out (the caller releases it with org_rep_destroy). 0, or -1
 * when the data are malformed or memory ran out (*out then owns nothing). */
int batch_rep_unpack(const unsigned char *p, size_t n, size_t *pos, org_rep *out);

/* A job's result on the wire: its position in the flat job list, whether it
 * ran (status 0) and, if so, its org_rep. */
int batch_job_pack(util_buf *b, int64_t job, int32_t status, const org_rep *r);
int batch_job_unpack(const unsigned char *p, size_t n, size_t *pos, int64_t *job,
                     int32_t *status, org_rep *out);

#endif
