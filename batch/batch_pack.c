/* batch_pack — one replication's results as bytes, for sending them between
 * MPI ranks: every field of org_rep, doubles copied bit for bit so that rank
 * 0 writes exactly what a single process would. See batch.h. */
#include "batch/batch_pack.h"

#include <stdlib.h>
#include <string.h>

/* If org_rep gains a field, this fails: add it to pack and unpack below. */
struct batch_rep_shape {
    int n_values;
    double *values;
    size_t n_lead;
    double *lead_times;
    size_t n_waits;
    double *ticket_waits;
    double nonproduct_fte_by_kind[ORG_KIND_COUNT];
    double central_arrivals_per_day;
    double central_service_days;
    double measured_days;
    long events;
    int n_weeks;
    double *series;
    double *series_stay;
};
_Static_assert(sizeof(org_rep) == sizeof(struct batch_rep_shape),
               "org_rep changed: update batch_rep_pack / batch_rep_unpack");

#define REP_MAGIC 0x44565250u   /* "DVRP" */
#define JOB_MAGIC 0x44564a42u   /* "DVJB" */
/* More values than any scenario can have: a guard against corrupt input. */
#define MAX_ARRAY ((uint64_t)1 << 40)

static int put_u32(util_buf *b, uint32_t v) { return util_buf_put(b, &v, sizeof v); }
static int put_i32(util_buf *b, int32_t v) { return util_buf_put(b, &v, sizeof v); }
static int put_u64(util_buf *b, uint64_t v) { return util_buf_put(b, &v, sizeof v); }
static int put_i64(util_buf *b, int64_t v) { return util_buf_put(b, &v, sizeof v); }
static int put_f64s(util_buf *b, const double *v, size_t n)
{
    return util_buf_put(b, v, n * sizeof *v);
}

int batch_rep_pack(util_buf *b, const org_rep *r)
{
    size_t need = 64 + ((size_t)(r->n_values > 0 ? r->n_values : 0) + r->n_lead + r->n_waits
                        + ORG_KIND_COUNT + 3) * sizeof(double);
    size_t n_series = r->series ? (size_t)r->n_weeks * ORG_TS_COUNT : 0;
    size_t n_stay = r->series_stay ? (size_t)r->n_weeks * ORG_TS_COUNT : 0;
    need += 24 + (n_series + n_stay) * sizeof(double);
    if (util_buf_reserve(b, need) != 0)
        return -1;
    int rc = put_u32(b, REP_MAGIC);
    rc |= put_i32(b, r->n_values);
    rc |= put_f64s(b, r->values, r->n_values > 0 ? (size_t)r->n_values : 0);
    rc |= put_u64(b, r->n_lead);
    rc |= put_f64s(b, r->lead_times, r->n_lead);
    rc |= put_u64(b, r->n_waits);
    rc |= put_f64s(b, r->ticket_waits, r->n_waits);
    rc |= put_f64s(b, r->nonproduct_fte_by_kind, ORG_KIND_COUNT);
    rc |= put_f64s(b, &r->central_arrivals_per_day, 1);
    rc |= put_f64s(b, &r->central_service_days, 1);
    rc |= put_f64s(b, &r->measured_days, 1);
    rc |= put_i64(b, r->events);
    rc |= put_i32(b, r->n_weeks);
    rc |= put_u64(b, n_series);
    rc |= put_f64s(b, r->series, n_series);
    rc |= put_u64(b, n_stay);
    rc |= put_f64s(b, r->series_stay, n_stay);
    return rc ? -1 : 0;
}

static int get(const unsigned char *p, size_t n, size_t *pos, void *out, size_t len)
{
    if (*pos > n || n - *pos < len)
        return -1;
    memcpy(out, p + *pos, len);
    *pos += len;
    return 0;
}

/* Reads a count and that many doubles into a new array (NULL when 0). */
static int get_array(const unsigned char *p, size_t n, size_t *pos, uint64_t count, double **out)
{
    *out = NULL;
    if (count > MAX_ARRAY || count > (n - *pos) / sizeof(double))
        return -1;
    if (count == 0)
        return 0;
    *out = malloc((size_t)count * sizeof **out);
    if (!*out)
        return -1;
    return get(p, n, pos, *out, (size_t)count * sizeof **out);
}

int batch_rep_unpack(const unsigned char *p, size_t n, size_t *pos, org_rep *out)
{
    memset(out, 0, sizeof *out);
    uint32_t magic;
    int32_t nv;
    uint64_t nl, nw;
    int64_t ev;
    if (get(p, n, pos, &magic, sizeof magic) || magic != REP_MAGIC
        || get(p, n, pos, &nv, sizeof nv) || nv < 0
        || get_array(p, n, pos, (uint64_t)nv, &out->values))
        goto fail;
    out->n_values = nv;
    if (get(p, n, pos, &nl, sizeof nl) || get_array(p, n, pos, nl, &out->lead_times))
        goto fail;
    out->n_lead = (size_t)nl;
    if (get(p, n, pos, &nw, sizeof nw) || get_array(p, n, pos, nw, &out->ticket_waits))
        goto fail;
    out->n_waits = (size_t)nw;
    if (get(p, n, pos, out->nonproduct_fte_by_kind, sizeof out->nonproduct_fte_by_kind)
        || get(p, n, pos, &out->central_arrivals_per_day, sizeof(double))
        || get(p, n, pos, &out->central_service_days, sizeof(double))
        || get(p, n, pos, &out->measured_days, sizeof(double))
        || get(p, n, pos, &ev, sizeof ev))
        goto fail;
    out->events = (long)ev;
    int32_t nweeks;
    uint64_t ns, nst;
    if (get(p, n, pos, &nweeks, sizeof nweeks) || nweeks < 0
        || get(p, n, pos, &ns, sizeof ns) || get_array(p, n, pos, ns, &out->series)
        || get(p, n, pos, &nst, sizeof nst) || get_array(p, n, pos, nst, &out->series_stay)
        || (ns && ns != (uint64_t)nweeks * ORG_TS_COUNT) || (nst && nst != (uint64_t)nweeks * ORG_TS_COUNT))
        goto fail;
    out->n_weeks = nweeks;
    return 0;
fail:
    org_rep_destroy(out);
    return -1;
}

int batch_job_pack(util_buf *b, int64_t job, int32_t status, const org_rep *r)
{
    if (put_u32(b, JOB_MAGIC) || put_i64(b, job) || put_i32(b, status))
        return -1;
    return status == 0 ? batch_rep_pack(b, r) : 0;
}

int batch_job_unpack(const unsigned char *p, size_t n, size_t *pos, int64_t *job,
                     int32_t *status, org_rep *out)
{
    memset(out, 0, sizeof *out);
    uint32_t magic;
    if (get(p, n, pos, &magic, sizeof magic) || magic != JOB_MAGIC
        || get(p, n, pos, job, sizeof *job) || get(p, n, pos, status, sizeof *status))
        return -1;
    return *status == 0 ? batch_rep_unpack(p, n, pos, out) : 0;
}
