/* test_event — the event list against a reference (a stable sort), with many
 * ties, random cancellations, stale ids and memory reuse. */
#include "tests/testutil.h"
#include <stdlib.h>
#include <gsl/gsl_rng.h>
#include "sim/sim_event.h"
#include "sim/sim_rng.h"

typedef struct ref_ev {
    double time;
    uint64_t arg;           /* insertion number: the reference tie order */
    sim_event_id id;
    int cancelled;
} ref_ev;

static int ref_cmp(const void *pa, const void *pb)
{
    const ref_ev *a = pa, *b = pb;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return (a->arg > b->arg) - (a->arg < b->arg);
}

/* Everything left in q pops in the order of the reference's n events
 * (sorted here), the cancelled ones left out. */
static void pops_match(sim_eventq *q, ref_ev *ref, int n)
{
    qsort(ref, (size_t)n, sizeof *ref, ref_cmp);
    int j = 0;
    sim_event e;
    while (sim_eventq_pop(q, &e) == 0) {
        while (ref[j].cancelled)
            j++;
        assert_int_equal(e.arg, ref[j].arg);
        assert_near(e.time, ref[j].time, 0);
        j++;
    }
    while (j < n && ref[j].cancelled)
        j++;
    assert_int_equal(j, n);
}

static void test_empty(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(0);
    assert_non_null(q);
    sim_event e;
    assert_int_equal(sim_eventq_pop(q, &e), -1);
    assert_true(isinf(sim_eventq_peek_time(q)));
    assert_int_equal(sim_eventq_size(q), 0);
    assert_int_equal(sim_eventq_cancel(q, 0), -1);
    assert_int_equal(sim_eventq_cancel(q, 12345), -1);
    assert_int_equal(sim_eventq_push(q, (double)NAN, 1, NULL, 0), 0);
    sim_eventq_free(q);
    sim_eventq_free(NULL);
}

static void test_payload_and_peek(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(4);
    int x;
    sim_event_id a = sim_eventq_push(q, 2.5, 7, &x, 99);
    sim_event_id b = sim_eventq_push(q, 1.0, 3, NULL, 5);
    assert_true(a != 0 && b != 0 && a != b);
    assert_near(sim_eventq_peek_time(q), 1.0, 0);
    sim_event e;
    assert_int_equal(sim_eventq_pop(q, &e), 0);
    assert_near(e.time, 1.0, 0);
    assert_int_equal(e.kind, 3);
    assert_null(e.data);
    assert_int_equal(e.arg, 5);
    assert_true(e.id == b);
    assert_int_equal(sim_eventq_pop(q, &e), 0);
    assert_int_equal(e.kind, 7);
    assert_ptr_equal(e.data, &x);
    assert_int_equal(e.arg, 99);
    assert_true(e.id == a);
    /* popped events cannot be cancelled */
    assert_int_equal(sim_eventq_cancel(q, a), -1);
    assert_int_equal(sim_eventq_cancel(q, b), -1);
    sim_eventq_free(q);
}

/* Random times drawn from a handful of values (so most events tie), popped
 * order must equal a stable sort by time. */
static void test_order_vs_sort_with_ties(void **state)
{
    (void)state;
    enum { N = 20000 };
    gsl_rng *r = sim_rng_new(1, 0, "test_event", 0);
    sim_eventq *q = sim_eventq_new(1);
    ref_ev *ref = malloc(N * sizeof *ref);
    for (int i = 0; i < N; i++) {
        ref[i].time = (double)gsl_rng_uniform_int(r, 17) * 0.5;
        ref[i].arg = (uint64_t)i;
        ref[i].id = sim_eventq_push(q, ref[i].time, i % 5, NULL, ref[i].arg);
        assert_true(ref[i].id != 0);
    }
    assert_int_equal(sim_eventq_size(q), N);
    qsort(ref, N, sizeof *ref, ref_cmp);
    for (int i = 0; i < N; i++) {
        sim_event e;
        assert_near(sim_eventq_peek_time(q), ref[i].time, 0);
        assert_int_equal(sim_eventq_pop(q, &e), 0);
        assert_near(e.time, ref[i].time, 0);
        assert_int_equal(e.arg, ref[i].arg);
        assert_true(e.id == ref[i].id);
    }
    assert_int_equal(sim_eventq_size(q), 0);
    free(ref);
    sim_eventq_free(q);
    gsl_rng_free(r);
}

/* Interleaved pushes and pops, as in a simulation: pushes never go into the
 * past, and everything pops in (time, insertion) order. */
static void test_interleaved_monotone(void **state)
{
    (void)state;
    gsl_rng *r = sim_rng_new(2, 0, "test_event", 0);
    sim_eventq *q = sim_eventq_new(8);
    double now = 0, last_time = -1;
    uint64_t last_arg = 0, next_arg = 0;
    for (int i = 0; i < 50; i++)
        sim_eventq_push(q, (double)gsl_rng_uniform_int(r, 4), 0, NULL, next_arg++);
    for (int step = 0; step < 100000; step++) {
        sim_event e;
        assert_int_equal(sim_eventq_pop(q, &e), 0);
        assert_true(e.time > last_time || (e.time == last_time && e.arg > last_arg));
        last_time = e.time;
        last_arg = e.arg;
        now = e.time;
        int pushes = (int)gsl_rng_uniform_int(r, 3);
        if (sim_eventq_size(q) == 0 && pushes == 0)
            pushes = 1;
        for (int k = 0; k < pushes; k++)
            sim_eventq_push(q, now + (double)gsl_rng_uniform_int(r, 3), 0, NULL, next_arg++);
    }
    sim_eventq_free(q);
    gsl_rng_free(r);
}

/* Random cancels: cancelled events never pop, the rest pop in order, and a
 * second cancel of the same id returns -1. */
static void test_cancel_random(void **state)
{
    (void)state;
    enum { N = 10000 };
    gsl_rng *r = sim_rng_new(3, 0, "test_event", 0);
    sim_eventq *q = sim_eventq_new(16);
    ref_ev *ref = malloc(N * sizeof *ref);
    for (int i = 0; i < N; i++) {
        ref[i].time = (double)gsl_rng_uniform_int(r, 50);
        ref[i].arg = (uint64_t)i;
        ref[i].cancelled = 0;
        ref[i].id = sim_eventq_push(q, ref[i].time, 0, NULL, ref[i].arg);
    }
    size_t live = N;
    for (int k = 0; k < N / 3; k++) {
        int i = (int)gsl_rng_uniform_int(r, N);
        int rc = sim_eventq_cancel(q, ref[i].id);
        if (ref[i].cancelled) {
            assert_int_equal(rc, -1);
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(sim_eventq_cancel(q, ref[i].id), -1);
            ref[i].cancelled = 1;
            live--;
        }
        assert_int_equal(sim_eventq_size(q), live);
    }
    pops_match(q, ref, N);
    free(ref);
    sim_eventq_free(q);
    gsl_rng_free(r);
}

/* A slot reused after a cancel or pop gets a new id: the stale id stays dead. */
static void test_stale_ids(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(1);
    sim_event_id a = sim_eventq_push(q, 1, 0, NULL, 1);
    assert_int_equal(sim_eventq_cancel(q, a), 0);
    sim_event_id b = sim_eventq_push(q, 2, 0, NULL, 2);   /* reuses a's slot */
    assert_true(b != a);
    assert_int_equal(sim_eventq_cancel(q, a), -1);
    assert_int_equal(sim_eventq_size(q), 1);
    sim_event e;
    assert_int_equal(sim_eventq_pop(q, &e), 0);
    assert_int_equal(e.arg, 2);
    sim_event_id c = sim_eventq_push(q, 3, 0, NULL, 3);
    assert_int_equal(sim_eventq_cancel(q, b), -1);
    assert_int_equal(sim_eventq_cancel(q, c), 0);
    /* clear invalidates pending ids */
    sim_event_id d = sim_eventq_push(q, 4, 0, NULL, 4);
    sim_eventq_clear(q);
    assert_int_equal(sim_eventq_size(q), 0);
    assert_int_equal(sim_eventq_cancel(q, d), -1);
    assert_int_equal(sim_eventq_pop(q, &e), -1);
    sim_eventq_free(q);
}

/* Cancelling from the middle, the end and the root keeps the heap valid. */
static void test_cancel_positions(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(1);
    sim_event_id id[10];
    for (int i = 0; i < 10; i++)
        id[i] = sim_eventq_push(q, (double)(9 - i), 0, NULL, (uint64_t)(9 - i));
    assert_int_equal(sim_eventq_cancel(q, id[9]), 0);   /* the root (time 0) */
    assert_int_equal(sim_eventq_cancel(q, id[0]), 0);   /* time 9 */
    assert_int_equal(sim_eventq_cancel(q, id[4]), 0);   /* time 5 */
    double expect[] = { 1, 2, 3, 4, 6, 7, 8 };
    sim_event e;
    for (int i = 0; i < 7; i++) {
        assert_int_equal(sim_eventq_pop(q, &e), 0);
        assert_near(e.time, expect[i], 0);
    }
    assert_int_equal(sim_eventq_pop(q, &e), -1);
    sim_eventq_free(q);
}

/* Memory depends on the most events pending at once, not on how many passed. */
static void test_memory_flat(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(0);
    for (int i = 0; i < 100; i++)
        sim_eventq_push(q, (double)i, 0, NULL, 0);
    size_t m0 = sim_eventq_memory(q);
    sim_event e;
    double t = 100;
    for (int i = 0; i < 1000000; i++) {
        assert_int_equal(sim_eventq_pop(q, &e), 0);
        sim_event_id id = sim_eventq_push(q, t++, 0, NULL, 0);
        if (i % 3 == 0) {
            sim_eventq_cancel(q, id);
            sim_eventq_push(q, t++, 0, NULL, 0);
        }
    }
    assert_int_equal(sim_eventq_size(q), 100);
    assert_int_equal(sim_eventq_memory(q), m0);
    sim_eventq_free(q);
}

/* The insertion counter passing 32 bits: pending events are renumbered in
 * their order, so ties keep coming out in insertion order across it. */
static void test_sequence_renumbering(void **state)
{
    (void)state;
    enum { N = 3000 };
    gsl_rng *r = sim_rng_new(4, 0, "test_event", 0);
    sim_eventq *q = sim_eventq_new(0);
    ref_ev *ref = malloc(N * sizeof *ref);
    for (int i = 0; i < N; i++) {
        if (i == N / 3)
            sim_eventq__skip_seq(q, UINT64_C(1) << 33);     /* the next push renumbers */
        if (i == 2 * N / 3)
            sim_eventq__skip_seq(q, (UINT64_C(1) << 32) - 2501);   /* renumbers at the 2,500th push */
        ref[i].time = (double)gsl_rng_uniform_int(r, 7);
        ref[i].arg = (uint64_t)i;
        ref[i].cancelled = i % 11 == 0;
        ref[i].id = sim_eventq_push(q, ref[i].time, 0, NULL, ref[i].arg);
        assert_true(ref[i].id != 0);
    }
    for (int i = 0; i < N; i += 11)
        assert_int_equal(sim_eventq_cancel(q, ref[i].id), 0);
    pops_match(q, ref, N);
    free(ref);
    sim_eventq_free(q);
    gsl_rng_free(r);
}

/* Cancelled events wait in the heap until they reach the top or the heap
 * is full: a full heap with an eighth or more cancelled entries is compacted
 * instead of grown, so cancelling events that never reach the top (later
 * than everything pending) never grows the queue past 16/7 of the events
 * pending. */
static void test_cancel_compacts(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(64);
    size_t m0 = sim_eventq_memory(q);
    for (int i = 0; i < 40; i++)
        sim_eventq_push(q, 1e9 + i, 0, NULL, 0);    /* pending, never reached */
    double t = 0;
    for (int i = 0; i < 100000; i++) {
        sim_event_id id = sim_eventq_push(q, 2e9 + t++, 0, NULL, 1);  /* behind every pending one */
        assert_int_equal(sim_eventq_cancel(q, id), 0);
        assert_int_equal(sim_eventq_cancel(q, id), -1);
        sim_eventq_push(q, t, 0, NULL, 2);
        sim_event e;
        assert_int_equal(sim_eventq_pop(q, &e), 0);
        assert_int_equal(e.arg, 2);
        assert_int_equal(sim_eventq_size(q), 40);
    }
    assert_int_equal(sim_eventq_memory(q), m0);
    sim_eventq_free(q);
}

/* Compaction rebuilds the heap: with a third of the events cancelled where
 * they lie (random times with ties, pushes and pops interleaved), the heap
 * fills and is compacted again and again, and everything pops in the
 * reference order. */
static void test_compaction_order(void **state)
{
    (void)state;
    enum { N = 6000 };
    gsl_rng *r = sim_rng_new(5, 0, "test_event", 0);
    sim_eventq *q = sim_eventq_new(64);
    ref_ev *ref = malloc(N * sizeof *ref);
    assert_non_null(ref);
    int n = 0, popped = 0;
    double now = 0.0;
    for (int i = 0; i < N; i++) {
        ref[n].time = now + (double)gsl_rng_uniform_int(r, 40);
        ref[n].arg = (uint64_t)i;
        ref[n].cancelled = i % 3 == 0;
        ref[n].id = sim_eventq_push(q, ref[n].time, 0, NULL, ref[n].arg);
        if (ref[n].cancelled)
            assert_int_equal(sim_eventq_cancel(q, ref[n].id), 0);
        n++;
        if (i % 4 == 3) {                   /* one pop in four pushes: the heap keeps growing */
            sim_event e;
            assert_int_equal(sim_eventq_pop(q, &e), 0);
            now = e.time;
            int best = -1;                  /* the reference's first pending event */
            for (int j = 0; j < n; j++)
                if (!ref[j].cancelled && (best < 0 || ref_cmp(&ref[j], &ref[best]) < 0))
                    best = j;
            assert_true(best >= 0);
            assert_int_equal(e.arg, ref[best].arg);
            ref[best].cancelled = 1;        /* popped: out of the reference */
            popped++;
        }
    }
    assert_true(popped > 1000);
    pops_match(q, ref, n);
    free(ref);
    sim_eventq_free(q);
    gsl_rng_free(r);
}

int test_group_event(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_payload_and_peek),
        cmocka_unit_test(test_order_vs_sort_with_ties),
        cmocka_unit_test(test_interleaved_monotone),
        cmocka_unit_test(test_cancel_random),
        cmocka_unit_test(test_stale_ids),
        cmocka_unit_test(test_cancel_positions),
        cmocka_unit_test(test_memory_flat),
        cmocka_unit_test(test_compaction_order),
        cmocka_unit_test(test_sequence_renumbering),
        cmocka_unit_test(test_cancel_compacts),
    };
    return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}
