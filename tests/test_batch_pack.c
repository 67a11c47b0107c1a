/* test_batch_pack — the wire format MPI ranks use to send one replication's
 * results to rank 0 (batch/batch_pack.c): a real replication survives packing
 * and unpacking bit for bit, several jobs share a buffer, failed jobs carry
 * no results, and truncated or corrupt input is refused without leaks. */
#include "tests/testutil.h"

#include "batch/batch_pack.h"
#include "models/org_sim.h"
#include "scenario/scen_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void assert_same_rep(const org_rep *a, const org_rep *b)
{
    assert_int_equal(a->n_values, b->n_values);
    if (a->n_values)
        assert_memory_equal(a->values, b->values, (size_t)a->n_values * sizeof(double));
    assert_int_equal(a->n_lead, b->n_lead);
    if (a->n_lead)
        assert_memory_equal(a->lead_times, b->lead_times, a->n_lead * sizeof(double));
    assert_int_equal(a->n_waits, b->n_waits);
    if (a->n_waits)
        assert_memory_equal(a->ticket_waits, b->ticket_waits, a->n_waits * sizeof(double));
    assert_memory_equal(a->nonproduct_fte_by_kind, b->nonproduct_fte_by_kind,
                        sizeof a->nonproduct_fte_by_kind);
    assert_memory_equal(&a->central_arrivals_per_day, &b->central_arrivals_per_day, sizeof(double));
    assert_memory_equal(&a->central_service_days, &b->central_service_days, sizeof(double));
    assert_memory_equal(&a->measured_days, &b->measured_days, sizeof(double));
    assert_int_equal(a->events, b->events);
}

/* One replication of a bundled scenario with a central team (ticket waits). */
static void real_rep(org_rep *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/scenarios/postgres-upgrade.json", test_srcdir());
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    int rc = scen_load_file(path, &s, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    util_diags_free(&d);
    assert_int_equal(rc, 0);
    org_sim_opts o;
    org_sim_opts_init(&o);
    assert_int_equal(org_sim_run(&s, 0, 0, 0, &o, out), 0);
    org_scenario_destroy(&s);
    assert_true(out->n_values > 0);
    assert_true(out->n_lead > 0);
}

static void test_round_trip_real(void **state)
{
    (void)state;
    org_rep r, back;
    real_rep(&r);
    /* NAN and -0.0 must survive as bits, not as values. */
    r.values[0] = (double)NAN;
    r.values[1] = -0.0;
    util_buf b = { 0 };
    assert_int_equal(batch_rep_pack(&b, &r), 0);
    size_t pos = 0;
    assert_int_equal(batch_rep_unpack(b.p, b.n, &pos, &back), 0);
    assert_int_equal(pos, b.n);
    assert_same_rep(&r, &back);
    org_rep_destroy(&back);
    org_rep_destroy(&r);
    util_buf_free(&b);
}

static void test_jobs_share_a_buffer(void **state)
{
    (void)state;
    org_rep r, empty, back;
    real_rep(&r);
    memset(&empty, 0, sizeof empty);      /* no values, no lead times */
    empty.measured_days = 260.0;
    util_buf b = { 0 };
    assert_int_equal(batch_job_pack(&b, 7, 0, &r), 0);
    assert_int_equal(batch_job_pack(&b, 8, -1, NULL), 0);   /* failed: no results */
    assert_int_equal(batch_job_pack(&b, 1L << 40, 0, &empty), 0);
    size_t pos = 0;
    int64_t job;
    int32_t status;
    assert_int_equal(batch_job_unpack(b.p, b.n, &pos, &job, &status, &back), 0);
    assert_int_equal(job, 7);
    assert_int_equal(status, 0);
    assert_same_rep(&r, &back);
    org_rep_destroy(&back);
    assert_int_equal(batch_job_unpack(b.p, b.n, &pos, &job, &status, &back), 0);
    assert_int_equal(job, 8);
    assert_int_equal(status, -1);
    assert_null(back.values);
    assert_int_equal(batch_job_unpack(b.p, b.n, &pos, &job, &status, &back), 0);
    assert_true(job == (int64_t)1 << 40);
    assert_same_rep(&empty, &back);
    assert_null(back.values);
    assert_int_equal(pos, b.n);
    org_rep_destroy(&back);
    org_rep_destroy(&r);
    util_buf_free(&b);
}

static void test_truncated_and_corrupt(void **state)
{
    (void)state;
    org_rep r, back;
    real_rep(&r);
    util_buf b = { 0 };
    assert_int_equal(batch_job_pack(&b, 3, 0, &r), 0);
    /* Every truncation is refused and leaves nothing to free (ASan checks). */
    for (size_t n = 0; n < b.n; n++) {
        size_t pos = 0;
        int64_t job;
        int32_t status;
        assert_int_equal(batch_job_unpack(b.p, n, &pos, &job, &status, &back), -1);
        assert_null(back.values);
        assert_null(back.lead_times);
        assert_null(back.ticket_waits);
    }
    /* A wrong magic number. */
    b.p[0] ^= 0xFF;
    size_t pos = 0;
    int64_t job;
    int32_t status;
    assert_int_equal(batch_job_unpack(b.p, b.n, &pos, &job, &status, &back), -1);
    b.p[0] ^= 0xFF;
    /* An absurd array length (the lead-time count) is refused before allocating. */
    util_buf c = { 0 };
    assert_int_equal(batch_rep_pack(&c, &r), 0);
    size_t off = 4 + 4 + (size_t)r.n_values * sizeof(double);
    uint64_t huge = UINT64_MAX / 2;
    memcpy(c.p + off, &huge, sizeof huge);
    pos = 0;
    assert_int_equal(batch_rep_unpack(c.p, c.n, &pos, &back), -1);
    assert_null(back.values);
    org_rep_destroy(&r);
    util_buf_free(&b);
    util_buf_free(&c);
}

int test_group_batch_pack(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_real),
        cmocka_unit_test(test_jobs_share_a_buffer),
        cmocka_unit_test(test_truncated_and_corrupt),
    };
    return cmocka_run_group_tests_name("batch_pack", tests, NULL, NULL);
}
