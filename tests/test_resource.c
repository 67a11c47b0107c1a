/* test_resource — the server pool on scripted arrivals (FIFO, priority,
 * preemptive resume, victim choice), on a random preemptive workload (work
 * conserved, every job finishes once, sojourn = wait + work), statistics,
 * foreign events and memory reuse. */
#include "tests/testutil.h"
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "sim/sim_event.h"
#include "sim/sim_resource.h"
#include "sim/sim_rng.h"

enum { EV_ARRIVE = 1, EV_DONE = 2 };

typedef struct arrival {
    double time;
    int priority;
    double work;
} arrival;

/* Runs a script of arrivals (job id = index) to the end; fills done[] in
 * completion order and returns how many completed. */
static size_t run_script(sim_resource_discipline disc, int servers, const arrival *a, size_t n,
                         sim_job_done *done, sim_resource_stats *stats, double stats_at)
{
    sim_eventq *q = sim_eventq_new(16);
    sim_resource *res = sim_resource_new(q, servers, disc, EV_DONE);
    assert_non_null(res);
    for (size_t i = 0; i < n; i++)
        sim_eventq_push(q, a[i].time, EV_ARRIVE, NULL, i);
    size_t ndone = 0;
    sim_event ev;
    while (sim_eventq_pop(q, &ev) == 0) {
        if (ev.kind == EV_ARRIVE) {
            sim_job job = { ev.arg, a[ev.arg].priority, a[ev.arg].work, NULL };
            assert_int_equal(sim_resource_arrive(res, ev.time, &job), 0);
        } else {
            assert_int_equal(ev.kind, EV_DONE);
            assert_ptr_equal(ev.data, res);
            assert_int_equal(sim_resource_complete(res, ev.time, &ev, &done[ndone]), 0);
            ndone++;
        }
    }
    if (stats)
        sim_resource_get_stats(res, stats_at, stats);
    assert_int_equal(sim_resource_busy(res), 0);
    assert_int_equal(sim_resource_queue_length(res), 0);
    sim_resource_free(res);
    sim_eventq_free(q);
    return ndone;
}

static void expect_done(const sim_job_done *d, uint64_t id, double end, double wait, unsigned preemptions)
{
    assert_int_equal(d->job.id, id);
    assert_near(d->end_time, end, 1e-12);
    assert_near(d->wait_time, wait, 1e-12);
    assert_int_equal(d->preemptions, preemptions);
}

static void test_fifo_one_server(void **state)
{
    (void)state;
    const arrival a[] = { { 0, 0, 1 }, { 0, 9, 2 }, { 0.5, -3, 3 }, { 10, 0, 1 } };
    sim_job_done d[4];
    assert_int_equal(run_script(SIM_RESOURCE_FIFO, 1, a, 4, d, NULL, 0), 4);
    expect_done(&d[0], 0, 1, 0, 0);
    expect_done(&d[1], 1, 3, 1, 0);
    expect_done(&d[2], 2, 6, 2.5, 0);          /* priority ignored under FIFO */
    expect_done(&d[3], 3, 11, 0, 0);
    assert_near(d[2].start_time, 3, 0);
    assert_near(d[2].arrival_time, 0.5, 0);
}

static void test_fifo_servers(void **state)
{
    (void)state;
    const arrival a[] = { { 0, 0, 4 }, { 0, 0, 1 }, { 0, 0, 1 }, { 0, 0, 1 } };
    sim_job_done d[4];
    assert_int_equal(run_script(SIM_RESOURCE_FIFO, 2, a, 4, d, NULL, 0), 4);
    expect_done(&d[0], 1, 1, 0, 0);
    expect_done(&d[1], 2, 2, 1, 0);
    expect_done(&d[2], 3, 3, 2, 0);
    expect_done(&d[3], 0, 4, 0, 0);
}

/* Lower number first, FIFO among equals, the job in service keeps going. */
static void test_priority_order(void **state)
{
    (void)state;
    const arrival a[] = { { 0, 5, 10 }, { 1, 3, 1 }, { 1, 1, 1 }, { 1, 3, 1 }, { 1, 1, 1 }, { 2, 2, 1 } };
    sim_job_done d[6];
    assert_int_equal(run_script(SIM_RESOURCE_PRIORITY, 1, a, 6, d, NULL, 0), 6);
    expect_done(&d[0], 0, 10, 0, 0);
    expect_done(&d[1], 2, 11, 9, 0);
    expect_done(&d[2], 4, 12, 10, 0);
    expect_done(&d[3], 5, 13, 10, 0);
    expect_done(&d[4], 1, 14, 12, 0);
    expect_done(&d[5], 3, 15, 13, 0);
}

/* A more urgent arrival interrupts; the victim goes to the head of its class
 * (ahead of an equal-priority job that was already waiting) and resumes with
 * its remaining work. An equally urgent arrival does not interrupt. */
static void test_preemptive_resume(void **state)
{
    (void)state;
    const arrival a[] = {
        { 0, 5, 10 },   /* A: runs 0-3, preempted, resumes 6-13 */
        { 1, 5, 1 },    /* C: waits behind A's remainder: 13-14 */
        { 3, 1, 2 },    /* B: preempts A, 3-5 */
        { 4, 1, 1 },    /* D: as urgent as B: no preemption, 5-6 */
    };
    sim_job_done d[4];
    sim_resource_stats st;
    assert_int_equal(run_script(SIM_RESOURCE_PREEMPTIVE, 1, a, 4, d, &st, 14), 4);
    expect_done(&d[0], 2, 5, 0, 0);
    expect_done(&d[1], 3, 6, 1, 0);
    expect_done(&d[2], 0, 13, 3, 1);
    expect_done(&d[3], 1, 14, 12, 0);
    assert_near(d[2].start_time, 0, 0);
    assert_near(d[2].job.work, 10, 0);
    assert_int_equal(st.preemptions, 1);
    assert_near(st.work_served, 14, 1e-12);
    assert_near(st.work_arrived, 14, 1e-12);
    assert_near(st.mean_busy, 1, 1e-12);
}

/* The victim is the least urgent job in service, the latest started among equals. */
static void test_preemption_victim(void **state)
{
    (void)state;
    const arrival a[] = {
        { 0, 4, 10 },   /* X */
        { 1, 4, 10 },   /* Y: started later than X: the victim */
        { 2, 2, 1 },    /* Z: preempts Y at 2; Y resumes at 3 with 9 left */
    };
    sim_job_done d[3];
    assert_int_equal(run_script(SIM_RESOURCE_PREEMPTIVE, 2, a, 3, d, NULL, 0), 3);
    expect_done(&d[0], 2, 3, 0, 0);
    expect_done(&d[1], 0, 10, 0, 0);
    expect_done(&d[2], 1, 12, 1, 1);

    const arrival b[] = {
        { 0, 6, 10 },   /* P: least urgent, though started first: the victim */
        { 1, 3, 10 },   /* Q */
        { 2, 1, 1 },    /* R */
    };
    assert_int_equal(run_script(SIM_RESOURCE_PREEMPTIVE, 2, b, 3, d, NULL, 0), 3);
    expect_done(&d[0], 2, 3, 0, 0);
    expect_done(&d[1], 1, 11, 0, 0);
    expect_done(&d[2], 0, 11, 1, 1);
    /* the same script without preemption */
    assert_int_equal(run_script(SIM_RESOURCE_PRIORITY, 2, b, 3, d, NULL, 0), 3);
    expect_done(&d[0], 0, 10, 0, 0);
    expect_done(&d[1], 1, 11, 0, 0);    /* equal end times: scheduled first, done first */
    expect_done(&d[2], 2, 11, 8, 0);
}

/* Busy servers and queue length as time averages; reset at the end of warm-up. */
static void test_stats_and_reset(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(4);
    sim_resource *res = sim_resource_new(q, 1, SIM_RESOURCE_FIFO, EV_DONE);
    sim_job j1 = { 1, 0, 2, NULL }, j2 = { 2, 0, 2, NULL };
    assert_int_equal(sim_resource_arrive(res, 0, &j1), 0);
    assert_int_equal(sim_resource_arrive(res, 1, &j2), 0);
    assert_int_equal(sim_resource_busy(res), 1);
    assert_int_equal(sim_resource_queue_length(res), 1);
    sim_resource_stats st;
    sim_resource_get_stats(res, 1.5, &st);
    assert_near(st.work_served, 1.5, 1e-12);   /* counts service in progress */
    sim_event ev;
    sim_job_done d;
    sim_eventq_pop(q, &ev);
    assert_near(ev.time, 2, 0);
    assert_int_equal(sim_resource_complete(res, ev.time, &ev, &d), 0);
    /* the same event twice, and events that are not this resource's */
    assert_int_equal(sim_resource_complete(res, ev.time, &ev, &d), -1);
    sim_event foreign = ev;
    foreign.kind = EV_ARRIVE;
    assert_int_equal(sim_resource_complete(res, ev.time, &foreign, &d), -1);
    foreign = ev;
    foreign.data = NULL;
    assert_int_equal(sim_resource_complete(res, ev.time, &foreign, &d), -1);
    foreign = ev;
    foreign.arg = 1000;
    assert_int_equal(sim_resource_complete(res, ev.time, &foreign, &d), -1);
    sim_eventq_pop(q, &ev);
    assert_near(ev.time, 4, 0);
    assert_int_equal(sim_resource_complete(res, ev.time, &ev, &d), 0);
    assert_near(d.wait_time, 1, 0);
    sim_resource_get_stats(res, 5, &st);
    assert_near(st.mean_busy, 4.0 / 5, 1e-12);
    assert_near(st.utilisation, 4.0 / 5, 1e-12);
    assert_near(st.mean_queue, 1.0 / 5, 1e-12);
    assert_int_equal(st.arrivals, 2);
    assert_int_equal(st.completions, 2);
    assert_near(st.work_served, 4, 1e-12);
    sim_resource_free(res);

    /* reset at t = 1: the first job's service before 1 is not counted */
    res = sim_resource_new(q, 1, SIM_RESOURCE_FIFO, EV_DONE);
    sim_resource_arrive(res, 0, &j1);
    sim_resource_arrive(res, 1, &j2);
    sim_resource_reset_stats(res, 1);
    while (sim_eventq_pop(q, &ev) == 0)
        assert_int_equal(sim_resource_complete(res, ev.time, &ev, &d), 0);
    sim_resource_get_stats(res, 4, &st);
    assert_near(st.mean_busy, 1, 1e-12);
    assert_near(st.mean_queue, 1.0 / 3, 1e-12);
    assert_near(st.work_served, 3, 1e-12);
    assert_int_equal(st.arrivals, 0);
    assert_int_equal(st.completions, 2);
    sim_resource_free(res);
    sim_eventq_free(q);
}

static void test_invalid(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(4);
    assert_null(sim_resource_new(q, 0, SIM_RESOURCE_FIFO, EV_DONE));
    assert_null(sim_resource_new(NULL, 1, SIM_RESOURCE_FIFO, EV_DONE));
    assert_null(sim_resource_new(q, 1, (sim_resource_discipline)7, EV_DONE));
    sim_resource *res = sim_resource_new(q, 2, SIM_RESOURCE_FIFO, EV_DONE);
    sim_job bad = { 1, 0, -1, NULL };
    assert_int_equal(sim_resource_arrive(res, 0, &bad), -1);
    bad.work = (double)NAN;
    assert_int_equal(sim_resource_arrive(res, 0, &bad), -1);
    bad.work = (double)INFINITY;
    assert_int_equal(sim_resource_arrive(res, 0, &bad), -1);
    assert_int_equal(sim_resource_busy(res), 0);
    assert_int_equal(sim_eventq_size(q), 0);
    sim_job zero = { 2, 0, 0, NULL };           /* zero work completes at once */
    assert_int_equal(sim_resource_arrive(res, 3, &zero), 0);
    sim_event ev;
    sim_job_done d;
    assert_int_equal(sim_eventq_pop(q, &ev), 0);
    assert_near(ev.time, 3, 0);
    assert_int_equal(sim_resource_complete(res, ev.time, &ev, &d), 0);
    assert_int_equal(sim_resource_servers(res), 2);
    sim_resource_free(res);
    sim_resource_free(NULL);
    sim_eventq_free(q);
}

/* A heavy random preemptive workload (5 priority classes, 3 servers): every
 * job finishes exactly once, served work equals arrived work, each sojourn is
 * its wait plus its work, and busy-server time equals work served. */
static void test_preemption_conserves_work(void **state)
{
    (void)state;
    enum { N = 20000, SERVERS = 3 };
    gsl_rng *ra = sim_rng_new(77, 0, "arrivals", 0);
    gsl_rng *rs = sim_rng_new(77, 0, "service", 0);
    sim_eventq *q = sim_eventq_new(16);
    sim_resource *res = sim_resource_new(q, SERVERS, SIM_RESOURCE_PREEMPTIVE, EV_DONE);
    unsigned char *finished = calloc(N, 1);
    double arrived_work = 0, served_work = 0;
    uint64_t preempt_sum = 0, next_id = 0;
    size_t ndone = 0;
    sim_eventq_push(q, 0, EV_ARRIVE, NULL, 0);
    sim_event ev;
    double now = 0;
    while (sim_eventq_pop(q, &ev) == 0) {
        now = ev.time;
        if (ev.kind == EV_ARRIVE) {
            sim_job job = { next_id++, (int)gsl_rng_uniform_int(rs, 5),
                            gsl_ran_exponential(rs, 1.0), NULL };
            arrived_work += job.work;
            assert_int_equal(sim_resource_arrive(res, now, &job), 0);
            if (next_id < N)
                sim_eventq_push(q, now + gsl_ran_exponential(ra, 1.0 / 2.85), EV_ARRIVE, NULL, 0);
        } else {
            sim_job_done d;
            assert_int_equal(sim_resource_complete(res, now, &ev, &d), 0);
            assert_true(d.job.id < N);
            assert_int_equal(finished[d.job.id], 0);
            finished[d.job.id] = 1;
            ndone++;
            served_work += d.job.work;
            preempt_sum += d.preemptions;
            assert_near(d.end_time - d.arrival_time, d.wait_time + d.job.work,
                        1e-9 * (1 + d.end_time));
            assert_true(d.start_time >= d.arrival_time && d.start_time <= d.end_time);
        }
    }
    assert_int_equal(ndone, N);
    for (int i = 0; i < N; i++)
        assert_int_equal(finished[i], 1);
    sim_resource_stats st;
    sim_resource_get_stats(res, now, &st);
    assert_true(st.preemptions > 1000);                /* the mechanism was exercised */
    assert_int_equal(st.preemptions, preempt_sum);
    assert_near(served_work, arrived_work, 1e-9 * arrived_work);
    assert_near(st.work_served, st.work_arrived, 1e-9 * arrived_work);
    assert_near(st.work_arrived, arrived_work, 1e-9 * arrived_work);
    assert_near(st.mean_busy * now, st.work_served, 1e-9 * arrived_work);
    assert_int_equal(st.completions, N);
    free(finished);
    sim_resource_free(res);
    sim_eventq_free(q);
    gsl_rng_free(ra);
    gsl_rng_free(rs);
}

typedef struct rec {
    double arrival, start;
    int priority;
} rec;

/* Random non-preemptive workloads: when a job starts, no job then waiting is
 * more urgent, nor equally urgent and earlier (PRIORITY); start order is
 * arrival order (FIFO). */
static void test_order_random(void **state)
{
    (void)state;
    enum { N = 3000 };
    rec *r = malloc(N * sizeof *r);
    for (int disc = 0; disc < 2; disc++) {
        gsl_rng *g = sim_rng_new(5, (uint64_t)disc, "order", 0);
        arrival *a = malloc(N * sizeof *a);
        double t = 0;
        for (int i = 0; i < N; i++) {
            t += gsl_ran_exponential(g, 1.0 / 1.9);
            a[i].time = t;
            a[i].priority = (int)gsl_rng_uniform_int(g, 4);
            a[i].work = gsl_ran_exponential(g, 1.0);
        }
        sim_job_done *d = malloc(N * sizeof *d);
        sim_resource_discipline dd = disc ? SIM_RESOURCE_PRIORITY : SIM_RESOURCE_FIFO;
        assert_int_equal(run_script(dd, 2, a, N, d, NULL, 0), N);
        for (int i = 0; i < N; i++) {
            r[d[i].job.id].arrival = d[i].arrival_time;
            r[d[i].job.id].start = d[i].start_time;
            r[d[i].job.id].priority = d[i].job.priority;
        }
        for (int j = 0; j < N; j++)
            for (int k = 0; k < N; k++) {
                /* k was waiting when j started */
                int waiting = r[k].arrival < r[j].start && r[k].start > r[j].start;
                if (!waiting)
                    continue;
                if (dd == SIM_RESOURCE_FIFO)
                    assert_true(r[k].arrival > r[j].arrival);
                else
                    assert_true(r[k].priority > r[j].priority
                                || (r[k].priority == r[j].priority && r[k].arrival > r[j].arrival));
            }
        free(a);
        free(d);
        gsl_rng_free(g);
    }
    free(r);
}

/* Job records and the line are reused: memory stops growing once the most
 * jobs ever present at once has been reached. */
static void test_memory_reuse(void **state)
{
    (void)state;
    sim_eventq *q = sim_eventq_new(4);
    sim_resource *res = sim_resource_new(q, 2, SIM_RESOURCE_PREEMPTIVE, EV_DONE);
    size_t m1 = 0;
    double now = 0;
    for (int cycle = 0; cycle < 2000; cycle++) {
        for (int i = 0; i < 40; i++) {
            sim_job j = { (uint64_t)i, i % 3, 0.5, NULL };
            assert_int_equal(sim_resource_arrive(res, now, &j), 0);
        }
        sim_event ev;
        sim_job_done d;
        while (sim_eventq_pop(q, &ev) == 0) {
            now = ev.time;
            assert_int_equal(sim_resource_complete(res, now, &ev, &d), 0);
        }
        if (cycle == 0)
            m1 = sim_resource_memory(res);
    }
    assert_int_equal(sim_resource_memory(res), m1);
    sim_resource_free(res);
    sim_eventq_free(q);
}

int test_group_resource(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifo_one_server),
        cmocka_unit_test(test_fifo_servers),
        cmocka_unit_test(test_priority_order),
        cmocka_unit_test(test_preemptive_resume),
        cmocka_unit_test(test_preemption_victim),
        cmocka_unit_test(test_stats_and_reset),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_preemption_conserves_work),
        cmocka_unit_test(test_order_random),
        cmocka_unit_test(test_memory_reuse),
    };
    return cmocka_run_group_tests_name("resource", tests, NULL, NULL);
}
