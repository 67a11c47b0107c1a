/* test_pqueue — the ready queue's (priority, time, sequence) order against a
 * reference (a stable sort), with many ties; where the key it replaced,
 * prio × 1e7 + time, agrees with it and where that key lost the order; and
 * the indexed heap of the dispatch indexes (sim_iheap) against a scan. */
#include "tests/testutil.h"
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include "sim/sim_iheap.h"
#include "sim/sim_pqueue.h"
#include "sim/sim_rng.h"

typedef struct ref_entry {
    int prio;
    double time;
    uint64_t arg;           /* insertion number: the reference tie order */
} ref_entry;

static int ref_cmp(const void *pa, const void *pb)
{
    const ref_entry *a = pa, *b = pb;
    if (a->prio != b->prio)
        return a->prio < b->prio ? -1 : 1;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return (a->arg > b->arg) - (a->arg < b->arg);
}

/* q's first entry is the smallest of the reference's *nref (peeked, then
 * popped), which leaves the reference. */
static void pop_matches(sim_pqueue *q, ref_entry *ref, size_t *nref)
{
    qsort(ref, *nref, sizeof *ref, ref_cmp);
    uint64_t arg;
    int prio;
    double time;
    assert_int_equal(sim_pqueue_peek(q, &arg, &prio, &time), 0);    /* the same entry, left in */
    assert_int_equal(arg, ref[0].arg);
    assert_int_equal(prio, ref[0].prio);
    assert_near(time, ref[0].time, 0);
    assert_int_equal(sim_pqueue_size(q), *nref);
    assert_int_equal(sim_pqueue_pop(q, &arg, &prio, &time), 0);
    assert_int_equal(arg, ref[0].arg);
    assert_int_equal(prio, ref[0].prio);
    assert_near(time, ref[0].time, 0);
    memmove(ref, ref + 1, (*nref - 1) * sizeof *ref);
    (*nref)--;
}

static void test_empty(void **state)
{
    (void)state;
    sim_pqueue *q = sim_pqueue_new(0);
    assert_non_null(q);
    uint64_t a = 7;
    assert_int_equal(sim_pqueue_pop(q, &a, NULL, NULL), -1);
    assert_int_equal(sim_pqueue_peek(q, &a, NULL, NULL), -1);
    assert_int_equal(a, 7);
    assert_int_equal(sim_pqueue_size(q), 0);
    assert_int_equal(sim_pqueue_push(q, 0, (double)NAN, 1), -1);
    assert_int_equal(sim_pqueue_size(q), 0);
    sim_pqueue_free(q);
    sim_pqueue_free(NULL);
}

/* Interleaved pushes and pops of N entries drawn by draw (priority and
 * time; *now is draw's), a push with probability p_fill in the first half of
 * every 5,000 steps and p_drain in the second: every pop is the reference's
 * minimum, and the queue ends empty. */
static void against_reference(uint64_t seed, double p_fill, double p_drain,
                              void (*draw)(gsl_rng *r, double *now, ref_entry *e))
{
    gsl_rng *r = sim_rng_new(seed, 0, "test-pqueue", 0);
    assert_non_null(r);
    enum { N = 20000 };
    ref_entry *ref = malloc(N * sizeof *ref);
    assert_non_null(ref);
    sim_pqueue *q = sim_pqueue_new(4);
    size_t nref = 0;
    uint64_t next = 0;
    double now = 0.0;
    for (int step = 0; step < 3 * N; step++) {
        int push = nref == 0 || (next < N && gsl_rng_uniform(r) < (step % 5000 < 2500 ? p_fill : p_drain));
        if (push && next < N) {
            ref_entry e;
            draw(r, &now, &e);
            e.arg = next++;
            assert_int_equal(sim_pqueue_push(q, e.prio, e.time, e.arg), 0);
            ref[nref++] = e;
        } else if (nref > 0) {
            pop_matches(q, ref, &nref);
        }
        assert_int_equal(sim_pqueue_size(q), nref);
    }
    uint64_t arg;
    assert_int_equal(sim_pqueue_pop(q, &arg, NULL, NULL), -1);
    free(ref);
    sim_pqueue_free(q);
    gsl_rng_free(r);
}

/* Random priorities 0..2 and times on a coarse grid: many exact ties. */
static void draw_grid(gsl_rng *r, double *now, ref_entry *e)
{
    (void)now;
    e->prio = (int)gsl_rng_uniform_int(r, 3);
    e->time = (double)gsl_rng_uniform_int(r, 50) * 0.5;
}

static void test_order_vs_sort(void **state)
{
    (void)state;
    against_reference(11, 0.6, 0.6, draw_grid);
}

/* A team's queue: most work is queued now, after everything queued before
 * (the FIFO run), some with an earlier time or a more urgent priority (a
 * preempted task, an incident: the heap). */
static void draw_team(gsl_rng *r, double *now, ref_entry *e)
{
    *now += (double)gsl_rng_uniform_int(r, 3) * 0.25;        /* often the same time */
    double u = gsl_rng_uniform(r);
    e->prio = u < 0.05 ? 0 : u < 0.1 ? 1 : 2;
    e->time = u < 0.1 ? *now - (double)gsl_rng_uniform_int(r, 40) : *now;
}

static void test_run_and_heap(void **state)
{
    (void)state;
    against_reference(13, 0.7, 0.3, draw_team);     /* the queue fills and drains, sometimes empty */
}

/* The key the model used before, prio × 1e7 + time, sorts the same as
 * (priority, time, sequence) while times differ by more than the key's
 * rounding (ulp(2e7) ≈ 3.7e-9 days) — the model's times do — and fails
 * below it: two times 1e-9 apart at priority 2 become one key and come out
 * in insertion order instead of time order. */
static void test_replaces_scaled_key(void **state)
{
    (void)state;
    double t_early = 100.0, t_late = 100.0 + 0x1p-30;   /* below half an ulp of 2e7 */
    assert_true(2 * 1.0e7 + t_late == 2 * 1.0e7 + t_early);   /* the old key collapses */
    sim_pqueue *q = sim_pqueue_new(4);
    assert_int_equal(sim_pqueue_push(q, 2, t_late, 1), 0);
    assert_int_equal(sim_pqueue_push(q, 2, t_early, 2), 0);
    assert_int_equal(sim_pqueue_push(q, 1, 4000.0, 3), 0);
    assert_int_equal(sim_pqueue_push(q, 0, 5000.0, 4), 0);
    uint64_t a;
    assert_int_equal(sim_pqueue_pop(q, &a, NULL, NULL), 0);
    assert_int_equal(a, 4);         /* priority first, whatever the time */
    assert_int_equal(sim_pqueue_pop(q, &a, NULL, NULL), 0);
    assert_int_equal(a, 3);
    assert_int_equal(sim_pqueue_pop(q, &a, NULL, NULL), 0);
    assert_int_equal(a, 2);         /* the earlier time, though pushed later */
    assert_int_equal(sim_pqueue_pop(q, &a, NULL, NULL), 0);
    assert_int_equal(a, 1);
    sim_pqueue_free(q);
}

/* Random inserts and removals by id, keys with many ties: the top is always
 * the smallest (key, id) among the members, found by a scan. */
static void test_iheap_vs_scan(void **state)
{
    (void)state;
    enum { N = 300 };
    gsl_rng *r = sim_rng_new(12, 0, "test-iheap", 0);
    assert_non_null(r);
    sim_iheap h;
    assert_int_equal(sim_iheap_init(&h, N), 0);
    double key[N];
    int in[N] = { 0 }, n = 0;
    assert_int_equal(sim_iheap_top(&h), -1);
    for (int step = 0; step < 50000; step++) {
        int id = (int)gsl_rng_uniform_int(r, N);
        if (in[id]) {
            sim_iheap_remove(&h, id);
            in[id] = 0;
            n--;
        } else {
            key[id] = (double)gsl_rng_uniform_int(r, 20);
            sim_iheap_insert(&h, id, key[id]);
            in[id] = 1;
            n++;
        }
        int want = -1;
        for (int i = 0; i < N; i++)
            if (in[i] && (want < 0 || key[i] < key[want]))
                want = i;        /* ascending scan: ties go to the smaller id */
        assert_int_equal(sim_iheap_top(&h), want);
        assert_int_equal(sim_iheap_size(&h), n);
        assert_int_equal(sim_iheap_contains(&h, id), in[id]);
        for (int p = 1; p < sim_iheap_size(&h); p++)   /* the heap property the walks rely on */
            assert_false(sim_iheap_key_at(&h, p) < sim_iheap_key_at(&h, (p - 1) / 2));
    }
    sim_iheap_destroy(&h);
    gsl_rng_free(r);
}

int test_group_pqueue(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_order_vs_sort),
        cmocka_unit_test(test_run_and_heap),
        cmocka_unit_test(test_replaces_scaled_key),
        cmocka_unit_test(test_iheap_vs_scan),
    };
    return cmocka_run_group_tests_name("pqueue", tests, NULL, NULL);
}
