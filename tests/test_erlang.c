/* test_erlang — Erlang B/C, M/M/c waits and service levels and
 * Pollaczek–Khinchine against the published check values (REFERENCE.md). */
#include "tests/testutil.h"
#include "sim/sim_erlang.h"

static void test_erlang_b(void **state)
{
    (void)state;
    assert_near(sim_erlang_b(2, 3), 0.2105, 5e-5);
    assert_near(sim_erlang_b(2, 3), (8.0 / 6) / (1 + 2 + 2 + 8.0 / 6), 1e-15);  /* A^c/c! / sum */
    assert_near(sim_erlang_b(5, 0), 1, 0);
    assert_near(sim_erlang_b(0, 3), 0, 0);
    assert_near(sim_erlang_b(1, 1), 0.5, 1e-15);
    /* large c stays finite (no factorials) */
    double b = sim_erlang_b(900, 1000);
    assert_true(b > 0 && b < 1e-3);
    assert_true(isnan(sim_erlang_b(-1, 3)));
}

static void test_erlang_c_check_values(void **state)
{
    (void)state;
    assert_near(sim_erlang_c(0.5, 1), 0.5, 1e-12);
    assert_near(sim_erlang_c(1, 2), 0.3333, 5e-5);
    assert_near(sim_erlang_c(2, 3), 0.4444, 5e-5);
    assert_near(sim_erlang_c(2.7, 3), 0.8171, 5e-5);
    const double c10[] = { 0.6821, 0.4494, 0.2853, 0.1741, 0.1020 };
    for (int c = 11; c <= 15; c++)
        assert_near(sim_erlang_c(10, c), c10[c - 11], 5e-5);
    assert_near(sim_erlang_c(3, 3), 1, 0);       /* unstable */
    assert_near(sim_erlang_c(4, 3), 1, 0);
    assert_near(sim_erlang_c(0, 3), 0, 0);
}

static void test_mmc_waits(void **state)
{
    (void)state;
    assert_near(sim_mmc_wq(2, 1, 3), 0.4444, 5e-5);
    /* A = 2.7, c = 3, mu = 1: mean time in system W_q + 1/mu */
    assert_near(sim_mmc_wq(2.7, 1, 3) + 1, 3.7235, 5e-5);
    /* M/M/1: W_q = rho / (mu - lambda) */
    assert_near(sim_mmc_wq(0.9, 1, 1), 9, 1e-12);
    assert_true(isinf(sim_mmc_wq(3, 1, 3)));
    assert_true(isinf(sim_mmc_wq(5, 1, 3)));
    assert_near(sim_mmc_wq(0, 1, 3), 0, 0);
}

static void test_service_level(void **state)
{
    (void)state;
    /* A = 10 erlangs with a 180 s service time: lambda = 10/180 per second */
    const double lambda = 10.0 / 180, mu = 1.0 / 180;
    const double sl[] = { 0.3896, 0.6402, 0.7956, 0.8884, 0.9415 };
    for (int c = 11; c <= 15; c++)
        assert_near(sim_mmc_service_level(lambda, mu, c, 20), sl[c - 11], 5e-5);
    assert_near(sim_mmc_service_level(lambda, mu, 12, 0), 1 - sim_erlang_c(10, 12), 1e-15);
    assert_near(sim_mmc_service_level(lambda, mu, 9, 20), 0, 0);         /* unstable */
    assert_near(sim_mmc_service_level(lambda, mu, 10, 20), 0, 1e-9);     /* critical */
    assert_int_equal(sim_mmc_servers_for_service_level(lambda, mu, 20, 0.8, 100), 14);
    assert_int_equal(sim_mmc_servers_for_service_level(lambda, mu, 20, 0.9, 100), 15);
    assert_int_equal(sim_mmc_servers_for_service_level(lambda, mu, 20, 0.8, 13), -1);
}

static void test_pollaczek_khinchine(void **state)
{
    (void)state;
    assert_near(sim_mg1_wq(0.9, 1, 0), 4.5, 1e-12);        /* M/D/1 */
    assert_near(sim_mg1_wq(0.9, 1, 1), 9, 1e-12);          /* M/M/1 */
    assert_near(sim_mg1_wq(0.9, 1, 1), sim_mmc_wq(0.9, 1, 1), 1e-12);
    assert_near(sim_mg1_wq(0.5, 1, 0), 0.5, 1e-12);
    assert_true(isinf(sim_mg1_wq(1, 1, 0)));
}

int test_group_erlang(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_b),
        cmocka_unit_test(test_erlang_c_check_values),
        cmocka_unit_test(test_mmc_waits),
        cmocka_unit_test(test_service_level),
        cmocka_unit_test(test_pollaczek_khinchine),
    };
    return cmocka_run_group_tests_name("erlang", tests, NULL, NULL);
}
