/* test_queueing — the kernel end to end (event list, resource, streams,
 * distributions, statistics) against queueing theory: M/M/1 and M/M/3 mean
 * waits against Erlang C, P(W <= t) against 1 - C e^{-(c mu - lambda) t},
 * M/D/1 against Pollaczek–Khinchine, and Little's law measured.
 *
 * Waits within one run are autocorrelated, so the standard error comes from
 * REPS independent replications (each warmed up, warm-up discarded): each
 * replication gives one estimate, and the tolerance is the 99.9% Student-t
 * half-width t_{0.9995, REPS-1} * SE over them. Each check also asserts that
 * this tolerance is tight enough to mean something (a stated fraction of the
 * theoretical value). Fixed seeds. */
#include "tests/testutil.h"
#include <stdio.h>
#include "sim/sim_dist.h"
#include "sim/sim_erlang.h"
#include "sim/sim_event.h"
#include "sim/sim_resource.h"
#include "sim/sim_rng.h"
#include "sim/sim_stats.h"

#define REPS 30
#define WARMUP_CUSTOMERS 10000.0
#define MEASURED_CUSTOMERS 150000.0
#define MAX_T 3

enum { EV_ARRIVE = 1, EV_DONE, EV_WARM, EV_END };

typedef struct model {
    int servers;
    double lambda;              /* arrivals per unit time */
    sim_dist service;           /* service time (mean 1 everywhere here: mu = 1) */
    double t[MAX_T];            /* P(W <= t) is measured at these */
    int nt;
    uint64_t seed;
} model;

/* One replication's estimates, from customers arriving in [t0, t1). */
typedef struct rep_out {
    double mean_wait;
    double frac_wait_le[MAX_T];
    double L;                   /* time-average number in system over [t0, t1] */
    double lambda_w;            /* (arrivals in window / window) * mean sojourn */
    double utilisation;
} rep_out;

static void simulate(const model *m, uint64_t rep, rep_out *out)
{
    sim_eventq *q = sim_eventq_new(64);
    sim_resource *res = sim_resource_new(q, m->servers, SIM_RESOURCE_FIFO, EV_DONE);
    gsl_rng *ra = sim_rng_new(m->seed, rep, "arrivals", 0);
    gsl_rng *rs = sim_rng_new(m->seed, rep, "service", 0);
    assert_true(q && res && ra && rs);
    sim_dist gap;
    assert_int_equal(sim_dist_exponential(&gap, 1 / m->lambda), 0);
    const double t0 = WARMUP_CUSTOMERS / m->lambda;
    const double t1 = t0 + MEASURED_CUSTOMERS / m->lambda;

    sim_eventq_push(q, sim_dist_sample(&gap, ra), EV_ARRIVE, NULL, 0);
    sim_eventq_push(q, t0, EV_WARM, NULL, 0);
    sim_eventq_push(q, t1, EV_END, NULL, 0);
    uint64_t arrived = 0, completed = 0, n = 0, le[MAX_T] = { 0 };
    double sum_wait = 0, sum_sojourn = 0;
    sim_resource_stats st = { 0 };
    sim_event ev;
    while (sim_eventq_pop(q, &ev) == 0) {
        double now = ev.time;
        switch (ev.kind) {
        case EV_ARRIVE: {
            sim_job job = { arrived++, 0, sim_dist_sample(&m->service, rs), NULL };
            assert_int_equal(sim_resource_arrive(res, now, &job), 0);
            double next = now + sim_dist_sample(&gap, ra);
            if (next < t1)
                sim_eventq_push(q, next, EV_ARRIVE, NULL, 0);
            break;
        }
        case EV_DONE: {
            sim_job_done d;
            assert_int_equal(sim_resource_complete(res, now, &ev, &d), 0);
            completed++;
            if (d.arrival_time >= t0 && d.arrival_time < t1) {
                n++;
                sum_wait += d.wait_time;
                sum_sojourn += d.end_time - d.arrival_time;
                for (int k = 0; k < m->nt; k++)
                    le[k] += d.wait_time <= m->t[k];
            }
            break;
        }
        case EV_WARM:
            sim_resource_reset_stats(res, now);
            break;
        case EV_END:
            sim_resource_get_stats(res, now, &st);
            break;
        default:
            fail();
        }
    }
    /* no customer lost, none served twice */
    assert_int_equal(completed, arrived);
    assert_true(n > 0);
    out->mean_wait = sum_wait / (double)n;
    for (int k = 0; k < m->nt; k++)
        out->frac_wait_le[k] = (double)le[k] / (double)n;
    out->L = st.mean_busy + st.mean_queue;
    out->lambda_w = ((double)n / (t1 - t0)) * (sum_sojourn / (double)n);
    out->utilisation = st.utilisation;
    sim_resource_free(res);
    sim_eventq_free(q);
    gsl_rng_free(ra);
    gsl_rng_free(rs);
}

static void replicate(const model *m, rep_out *out)
{
    for (int r = 0; r < REPS; r++)
        simulate(m, (uint64_t)r, &out[r]);
}

/* The replications' mean of x agrees with expect within the 99.9% t
 * half-width, and that half-width is below max_tol (the check has power). */
static void check(const char *what, const double *x, double expect, double max_tol)
{
    sim_welford w;
    sim_welford_init(&w);
    for (int r = 0; r < REPS; r++)
        sim_welford_add(&w, x[r]);
    double tol = sim_t_quantile(0.9995, REPS - 1) * sim_welford_sem(&w);
    print_message("  %-34s %9.5f  theory %9.5f  tol %.5f\n", what, w.mean, expect, tol);
    assert_true(tol > 0);
    assert_true(tol <= max_tol);
    assert_near(w.mean, expect, tol);
}

/* M/M/c with mu = 1 at utilisation rho: mean wait vs Erlang C, and the
 * waiting-time distribution at a few multiples of 1 / (c mu - lambda). */
static void check_mmc(int c, double rho, uint64_t seed)
{
    model m = { c, rho * c, { 0 }, { 0 }, 3, seed };
    assert_int_equal(sim_dist_exponential(&m.service, 1), 0);
    double slack = c - m.lambda;
    m.t[0] = 0.25 / slack;
    m.t[1] = 1 / slack;
    m.t[2] = 3 / slack;
    rep_out out[REPS];
    replicate(&m, out);
    double x[REPS], wq = sim_mmc_wq(m.lambda, 1, c);
    char what[64];
    for (int r = 0; r < REPS; r++)
        x[r] = out[r].mean_wait;
    snprintf(what, sizeof what, "M/M/%d rho=%.1f Wq", c, rho);
    check(what, x, wq, 0.05 * wq);
    for (int k = 0; k < m.nt; k++) {
        for (int r = 0; r < REPS; r++)
            x[r] = out[r].frac_wait_le[k];
        snprintf(what, sizeof what, "M/M/%d rho=%.1f P(W<=%.3g)", c, rho, m.t[k]);
        check(what, x, sim_mmc_service_level(m.lambda, 1, c, m.t[k]), 0.015);
    }
    for (int r = 0; r < REPS; r++)
        x[r] = out[r].utilisation;
    snprintf(what, sizeof what, "M/M/%d rho=%.1f utilisation", c, rho);
    check(what, x, rho, 0.02);
}

static void test_mm1_rho05(void **state) { (void)state; check_mmc(1, 0.5, 101); }
static void test_mm1_rho08(void **state) { (void)state; check_mmc(1, 0.8, 102); }
static void test_mm1_rho09(void **state) { (void)state; check_mmc(1, 0.9, 103); }
static void test_mm3_rho05(void **state) { (void)state; check_mmc(3, 0.5, 301); }
static void test_mm3_rho08(void **state) { (void)state; check_mmc(3, 0.8, 302); }
static void test_mm3_rho09(void **state) { (void)state; check_mmc(3, 0.9, 303); }

/* M/D/1: constant service 1, Pollaczek–Khinchine W_q = rho / (2 (1 - rho)). */
static void check_md1(double rho, uint64_t seed)
{
    model m = { 1, rho, { 0 }, { 0 }, 0, seed };
    assert_int_equal(sim_dist_constant(&m.service, 1), 0);
    rep_out out[REPS];
    replicate(&m, out);
    double x[REPS], wq = sim_mg1_wq(rho, 1, 0);
    for (int r = 0; r < REPS; r++)
        x[r] = out[r].mean_wait;
    char what[64];
    snprintf(what, sizeof what, "M/D/1 rho=%.1f Wq", rho);
    check(what, x, wq, 0.05 * wq);
}

static void test_md1(void **state)
{
    (void)state;
    check_md1(0.5, 501);
    check_md1(0.9, 502);
}

/* Little's law on M/M/2 at rho = 0.8: the time-average number in system
 * (from the resource's time-weighted statistics) equals the arrival rate times
 * the mean sojourn (from per-customer records), replication by replication,
 * and both equal the theory's L = lambda (W_q + 1/mu). */
static void test_little(void **state)
{
    (void)state;
    model m = { 2, 1.6, { 0 }, { 0 }, 0, 701 };
    assert_int_equal(sim_dist_exponential(&m.service, 1), 0);
    rep_out out[REPS];
    replicate(&m, out);
    double L[REPS], lw[REPS], diff[REPS];
    for (int r = 0; r < REPS; r++) {
        L[r] = out[r].L;
        lw[r] = out[r].lambda_w;
        diff[r] = L[r] - lw[r];
    }
    double theory = m.lambda * (sim_mmc_wq(m.lambda, 1, 2) + 1);
    check("M/M/2 rho=0.8 L - lambda*W", diff, 0, 0.01 * theory);
    check("M/M/2 rho=0.8 L (time average)", L, theory, 0.1 * theory);
    check("M/M/2 rho=0.8 lambda*W", lw, theory, 0.1 * theory);
}

int test_group_queueing(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mm1_rho05),
        cmocka_unit_test(test_mm1_rho08),
        cmocka_unit_test(test_mm1_rho09),
        cmocka_unit_test(test_mm3_rho05),
        cmocka_unit_test(test_mm3_rho08),
        cmocka_unit_test(test_mm3_rho09),
        cmocka_unit_test(test_md1),
        cmocka_unit_test(test_little),
    };
    return cmocka_run_group_tests_name("queueing", tests, NULL, NULL);
}
