/* test_stats — Welford against two passes, time averages, type-7 quantiles
 * (numpy's default), Student-t quantiles and intervals against values
 * computed independently, and the 95% interval's coverage. */
#include "tests/testutil.h"
#include <gsl/gsl_randist.h>
#include "sim/sim_rng.h"
#include "sim/sim_stats.h"

static void test_welford(void **state)
{
    (void)state;
    const double x[] = { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 };   /* offset: catches naive sums */
    sim_welford w;
    sim_welford_init(&w);
    assert_near(sim_welford_variance(&w), 0, 0);
    assert_near(sim_welford_sem(&w), 0, 0);
    for (int i = 0; i < 4; i++)
        sim_welford_add(&w, x[i]);
    assert_int_equal(w.n, 4);
    assert_near(w.mean, 1e9 + 10, 1e-6);
    assert_near(sim_welford_variance(&w), 30, 1e-6);        /* (36+9+9+36)/3 */
    assert_near(sim_welford_sem(&w), sqrt(30.0 / 4), 1e-6);
    assert_near(w.min, 1e9 + 4, 0);
    assert_near(w.max, 1e9 + 16, 0);
    sim_welford_init(&w);
    sim_welford_add(&w, 5);
    assert_near(sim_welford_variance(&w), 0, 0);
    assert_near(w.mean, 5, 0);
}

static void test_timeavg(void **state)
{
    (void)state;
    sim_timeavg a;
    sim_timeavg_init(&a, 0, 0);
    assert_near(sim_timeavg_mean(&a, 0), 0, 0);
    sim_timeavg_set(&a, 1, 2);
    sim_timeavg_set(&a, 3, 1);
    assert_near(sim_timeavg_mean(&a, 5), (0 * 1 + 2 * 2 + 1 * 2) / 5.0, 1e-15);
    assert_near(sim_timeavg_mean(&a, 3), 4.0 / 3, 1e-15);
    sim_timeavg_reset(&a, 4);               /* value 1 carries on from t = 4 */
    assert_near(sim_timeavg_mean(&a, 4), 1, 0);
    sim_timeavg_set(&a, 6, 3);
    sim_timeavg_set(&a, 6, 5);              /* two changes at one time: the last wins */
    assert_near(sim_timeavg_mean(&a, 8), (1 * 2 + 5 * 2) / 4.0, 1e-15);
}

static void test_quantile_type7(void **state)
{
    (void)state;
    const double s[] = { 1, 2, 3, 4 };
    /* numpy.quantile([1,2,3,4], p) */
    assert_near(sim_quantile_sorted(s, 4, 0), 1, 0);
    assert_near(sim_quantile_sorted(s, 4, 0.25), 1.75, 1e-15);
    assert_near(sim_quantile_sorted(s, 4, 0.5), 2.5, 1e-15);
    assert_near(sim_quantile_sorted(s, 4, 0.9), 3.7, 1e-15);
    assert_near(sim_quantile_sorted(s, 4, 1), 4, 0);
    assert_near(sim_quantile_sorted(s + 2, 1, 0.3), 3, 0);
    assert_true(isnan(sim_quantile_sorted(s, 0, 0.5)));
    double d[] = { 10, 3, 7, 1, 5 };        /* sorted: 1 3 5 7 10 */
    assert_near(sim_quantile(d, 5, 0.85), 7 + 0.4 * 3, 1e-12);  /* h = 3.4 */
    assert_near(d[0], 1, 0);
    assert_near(d[4], 10, 0);
    assert_true(isnan(sim_quantile(d, 0, 0.5)));
}

static void test_t_quantile(void **state)
{
    (void)state;
    assert_near(sim_t_quantile(0.975, 9), 2.2621571627409915, 1e-9);
    assert_near(sim_t_quantile(0.975, 4), 2.7764451051977987, 1e-9);
    assert_near(sim_t_quantile(0.975, 1), 12.706204736174698, 1e-7);
    assert_near(sim_t_quantile(0.5, 5), 0, 1e-12);
    assert_near(sim_t_quantile(0.025, 9), -2.2621571627409915, 1e-9);
    assert_true(isnan(sim_t_quantile(0.975, 0)));
    assert_true(isnan(sim_t_quantile(1, 3)));
}

static void test_ci95(void **state)
{
    (void)state;
    const double x[] = { 1, 2, 3, 4, 5 };
    sim_ci ci = sim_ci95(x, 5);
    double half = 2.7764451051977987 * sqrt(2.5 / 5);
    assert_int_equal(ci.n, 5);
    assert_near(ci.mean, 3, 1e-15);
    assert_near(ci.half_width, half, 1e-9);
    assert_near(ci.low, 3 - half, 1e-9);
    assert_near(ci.high, 3 + half, 1e-9);
    ci = sim_ci95(x + 1, 1);
    assert_near(ci.mean, 2, 0);
    assert_near(ci.half_width, 0, 0);
    assert_near(ci.low, 2, 0);
    assert_near(ci.high, 2, 0);
    ci = sim_ci95(x, 0);
    assert_int_equal(ci.n, 0);
    assert_true(isnan(ci.mean));
}

static void test_paired(void **state)
{
    (void)state;
    const double a[] = { 2, 4, 6, 8, 10, 13 }, b[] = { 1.5, 2, 3, 4.5, 5, 6 };
    sim_ci ci = sim_ci95_paired(a, b, 6);
    double d[6];
    for (int i = 0; i < 6; i++)
        d[i] = a[i] - b[i];
    sim_ci ref = sim_ci95(d, 6);
    assert_near(ci.mean, 3.5, 1e-12);
    assert_near(ci.half_width, ref.half_width, 1e-12);
    /* t = 3.7596, 5 dof: reference by numerical integration of the t density */
    assert_near(sim_paired_p_value(a, b, 6), 0.013162899415018803, 1e-9);
    /* 2 dof has a closed form: p = 1 - t / sqrt(2 + t^2) */
    const double a2[] = { 1, 3, 8 }, b2[] = { 0, 1, 2 };
    assert_near(sim_paired_p_value(a2, b2, 3), 0.18849732879931091, 1e-9);
    /* degenerate cases */
    assert_near(sim_paired_p_value(a, b, 1), 1, 0);
    assert_near(sim_paired_p_value(a, a, 6), 1, 0);
    const double c[] = { 3, 4, 5 }, e[] = { 2, 3, 4 };  /* constant difference 1 */
    assert_near(sim_paired_p_value(c, e, 3), 0, 0);
}

static void test_unpaired_welch(void **state)
{
    (void)state;
    const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 2, 4, 6 };
    sim_ci ci = sim_ci95_unpaired(a, 5, b, 3);
    /* Welch: se 1.354006, dof 3.532847, t quantile by numerical inversion */
    assert_near(ci.mean, -1, 1e-12);
    assert_near(ci.half_width, 3.963725522186366, 1e-6);
    assert_near(ci.low, -1 - 3.963725522186366, 1e-6);
    assert_int_equal(ci.n, 8);
    ci = sim_ci95_unpaired(a, 1, b, 3);
    assert_near(ci.mean, -3, 1e-12);
    assert_near(ci.half_width, 0, 0);
}

/* Of many 95% intervals from normal samples of 5, about 95% cover the truth:
 * SE of the coverage sqrt(0.95 * 0.05 / n). */
static void test_ci_coverage(void **state)
{
    (void)state;
    enum { REPS = 4000, N = 5 };
    gsl_rng *r = sim_rng_new(11, 0, "coverage", 0);
    int cover = 0, cover_paired = 0;
    for (int k = 0; k < REPS; k++) {
        double x[N], y[N];
        for (int i = 0; i < N; i++) {
            x[i] = 10 + 3 * gsl_ran_gaussian(r, 1);
            y[i] = x[i] - 2 + gsl_ran_gaussian(r, 1);   /* correlated pairs, mean diff 2 */
        }
        sim_ci ci = sim_ci95(x, N);
        cover += ci.low <= 10 && 10 <= ci.high;
        ci = sim_ci95_paired(x, y, N);
        cover_paired += ci.low <= 2 && 2 <= ci.high;
    }
    double se = sqrt(0.95 * 0.05 / REPS);
    assert_near((double)cover / REPS, 0.95, 4 * se);
    assert_near((double)cover_paired / REPS, 0.95, 4 * se);
    gsl_rng_free(r);
}

int test_group_stats(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welford),
        cmocka_unit_test(test_timeavg),
        cmocka_unit_test(test_quantile_type7),
        cmocka_unit_test(test_t_quantile),
        cmocka_unit_test(test_ci95),
        cmocka_unit_test(test_paired),
        cmocka_unit_test(test_unpaired_welch),
        cmocka_unit_test(test_ci_coverage),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
