/* test_dist — every distribution's sample mean and variance against its
 * closed form within ~4.5 standard errors (the variance's SE from the sample
 * fourth moment), lognormal quantiles, empirical frequencies, scaling, copies
 * and parameter checks. */
#include "tests/testutil.h"
#include <stdlib.h>
#include <gsl/gsl_randist.h>
#include "sim/sim_dist.h"
#include "sim/sim_rng.h"
#include "sim/sim_stats.h"

#define N_DRAWS 200000
#define K_SE 4.5

typedef struct moments {
    double mean, var, m4;
} moments;

static moments sample_moments(const sim_dist *d, gsl_rng *r, double *keep)
{
    double *x = keep ? keep : malloc(N_DRAWS * sizeof *x);
    double sum = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        x[i] = sim_dist_sample(d, r);
        sum += x[i];
    }
    moments m = { sum / N_DRAWS, 0, 0 };
    for (int i = 0; i < N_DRAWS; i++) {
        double e = x[i] - m.mean, e2 = e * e;
        m.var += e2;
        m.m4 += e2 * e2;
    }
    m.var /= N_DRAWS - 1;
    m.m4 /= N_DRAWS;
    if (!keep)
        free(x);
    return m;
}

/* Sample mean and variance of d agree with sim_dist_mean/variance. */
static void check_moments(const sim_dist *d, const char *purpose)
{
    gsl_rng *r = sim_rng_new(2024, 0, purpose, 0);
    moments m = sample_moments(d, r, NULL);
    double mean = sim_dist_mean(d), var = sim_dist_variance(d);
    double se_mean = sqrt(var / N_DRAWS);
    double se_var = sqrt((m.m4 - m.var * m.var) / N_DRAWS);
    assert_near(m.mean, mean, K_SE * se_mean);
    assert_near(m.var, var, K_SE * se_var);
    gsl_rng_free(r);
}

static void test_constant(void **state)
{
    (void)state;
    sim_dist d;
    assert_int_equal(sim_dist_constant(&d, 3.25), 0);
    gsl_rng *r = sim_rng_new(1, 0, "c", 0);
    for (int i = 0; i < 10; i++)
        assert_near(sim_dist_sample(&d, r), 3.25, 0);
    assert_near(sim_dist_mean(&d), 3.25, 0);
    assert_near(sim_dist_variance(&d), 0, 0);
    gsl_rng_free(r);
}

static void test_exponential(void **state)
{
    (void)state;
    sim_dist d;
    assert_int_equal(sim_dist_exponential(&d, 2.5), 0);   /* a mean, not a rate */
    assert_near(sim_dist_mean(&d), 2.5, 0);
    assert_near(sim_dist_variance(&d), 6.25, 1e-12);
    check_moments(&d, "exponential");
}

static void test_lognormal(void **state)
{
    (void)state;
    sim_dist d;
    const double median = 2, p90 = 5;
    assert_int_equal(sim_dist_lognormal_median_p90(&d, median, p90), 0);
    assert_near(d.a, log(2), 1e-15);
    assert_near(d.b, log(2.5) / 1.2815515655446004, 1e-15);
    check_moments(&d, "lognormal");

    /* quantiles: SE of the p-quantile is sqrt(p(1-p)/n) / f(x_p) */
    double *x = malloc(N_DRAWS * sizeof *x);
    gsl_rng *r = sim_rng_new(2024, 0, "lognormal-q", 0);
    for (int i = 0; i < N_DRAWS; i++)
        x[i] = sim_dist_sample(&d, r);
    double q50 = sim_quantile(x, N_DRAWS, 0.5);
    double q90 = sim_quantile_sorted(x, N_DRAWS, 0.9);
    double se50 = sqrt(0.25 / N_DRAWS) / gsl_ran_lognormal_pdf(median, d.a, d.b);
    double se90 = sqrt(0.09 / N_DRAWS) / gsl_ran_lognormal_pdf(p90, d.a, d.b);
    assert_near(q50, median, K_SE * se50);
    assert_near(q90, p90, K_SE * se90);
    free(x);
    gsl_rng_free(r);
}

static void test_triangular(void **state)
{
    (void)state;
    sim_dist d;
    assert_int_equal(sim_dist_triangular(&d, 1, 2, 6), 0);
    assert_near(sim_dist_mean(&d), 3, 1e-12);
    assert_near(sim_dist_variance(&d), (1 + 4 + 36 - 2 - 6 - 12) / 18.0, 1e-12);
    check_moments(&d, "triangular");
    /* mode at an end point */
    assert_int_equal(sim_dist_triangular(&d, 0, 0, 3), 0);
    check_moments(&d, "triangular-left");
    assert_int_equal(sim_dist_triangular(&d, 0, 3, 3), 0);
    check_moments(&d, "triangular-right");
    /* all draws inside [min, max] */
    gsl_rng *r = sim_rng_new(1, 0, "tri", 0);
    assert_int_equal(sim_dist_triangular(&d, 1, 2, 6), 0);
    for (int i = 0; i < 10000; i++) {
        double x = sim_dist_sample(&d, r);
        assert_true(x >= 1 && x <= 6);
    }
    gsl_rng_free(r);
}

static void test_gamma(void **state)
{
    (void)state;
    sim_dist d;
    assert_int_equal(sim_dist_gamma(&d, 2.5, 1.5), 0);   /* shape, scale */
    assert_near(sim_dist_mean(&d), 3.75, 1e-12);
    assert_near(sim_dist_variance(&d), 5.625, 1e-12);
    check_moments(&d, "gamma");
    assert_int_equal(sim_dist_gamma(&d, 0.4, 3), 0);      /* shape < 1 */
    check_moments(&d, "gamma-small-shape");
}

static void test_uniform(void **state)
{
    (void)state;
    sim_dist d;
    assert_int_equal(sim_dist_uniform(&d, -1, 3), 0);
    assert_near(sim_dist_mean(&d), 1, 0);
    assert_near(sim_dist_variance(&d), 16.0 / 12, 1e-12);
    check_moments(&d, "uniform");
}

static void test_empirical(void **state)
{
    (void)state;
    const double v[] = { 1, 2, 2, 7, 10 };
    sim_dist d;
    assert_int_equal(sim_dist_empirical(&d, v, 5), 0);
    assert_near(sim_dist_mean(&d), 4.4, 1e-12);
    /* population variance of the five values */
    assert_near(sim_dist_variance(&d), (11.56 + 5.76 + 5.76 + 6.76 + 31.36) / 5, 1e-12);
    check_moments(&d, "empirical");

    /* each value drawn with probability (its multiplicity)/5 */
    gsl_rng *r = sim_rng_new(9, 0, "empirical-freq", 0);
    const double vals[] = { 1, 2, 7, 10 }, prob[] = { 0.2, 0.4, 0.2, 0.2 };
    long count[4] = { 0 };
    for (int i = 0; i < N_DRAWS; i++) {
        double x = sim_dist_sample(&d, r);
        int hit = 0;
        for (int k = 0; k < 4; k++)
            if (x == vals[k])
                count[k]++, hit = 1;
        assert_true(hit);
    }
    for (int k = 0; k < 4; k++)
        assert_near((double)count[k] / N_DRAWS, prob[k], K_SE * sqrt(prob[k] * (1 - prob[k]) / N_DRAWS));
    sim_dist_destroy(&d);
    assert_null(d.values);
    sim_dist_destroy(&d);       /* twice is safe */

    /* a single value */
    assert_int_equal(sim_dist_empirical(&d, v + 3, 1), 0);
    assert_near(sim_dist_sample(&d, r), 7, 0);
    assert_near(sim_dist_variance(&d), 0, 0);
    sim_dist_destroy(&d);
    gsl_rng_free(r);
}

static void test_invalid_parameters(void **state)
{
    (void)state;
    sim_dist d;
    assert_int_equal(sim_dist_constant(&d, (double)NAN), -1);
    assert_int_equal(sim_dist_exponential(&d, -1), -1);
    assert_int_equal(sim_dist_exponential(&d, (double)INFINITY), -1);
    assert_int_equal(sim_dist_lognormal_median_p90(&d, 2, 2), -1);
    assert_int_equal(sim_dist_lognormal_median_p90(&d, 2, 1), -1);
    assert_int_equal(sim_dist_lognormal_median_p90(&d, 0, 1), -1);
    assert_int_equal(sim_dist_lognormal_median_p90(&d, -1, 1), -1);
    assert_int_equal(sim_dist_triangular(&d, 2, 1, 3), -1);
    assert_int_equal(sim_dist_triangular(&d, 1, 4, 3), -1);
    assert_int_equal(sim_dist_gamma(&d, 0, 1), -1);
    assert_int_equal(sim_dist_gamma(&d, 1, -1), -1);
    assert_int_equal(sim_dist_uniform(&d, 3, 1), -1);
    const double bad[] = { 1, (double)NAN };
    assert_int_equal(sim_dist_empirical(&d, bad, 2), -1);
    assert_int_equal(sim_dist_empirical(&d, bad, 0), -1);
    assert_int_equal(sim_dist_empirical(&d, NULL, 3), -1);
    assert_int_equal(sim_dist_exponential(&d, 1), 0);
    sim_dist s;
    assert_int_equal(sim_dist_scaled(&s, &d, 0), -1);
    assert_int_equal(sim_dist_scaled(&s, &d, -2), -1);
    assert_int_equal(sim_dist_scaled(&s, &d, (double)NAN), -1);
}

/* Scaling multiplies every draw by the factor (same stream, same draws), so
 * the mean scales by f and the variance by f^2. */
static void test_scaled(void **state)
{
    (void)state;
    const double f = 2.5, v[] = { 1, 3, 8 };
    sim_dist ds[7];
    assert_int_equal(sim_dist_constant(&ds[0], 4), 0);
    assert_int_equal(sim_dist_exponential(&ds[1], 3), 0);
    assert_int_equal(sim_dist_lognormal_median_p90(&ds[2], 3, 8), 0);
    assert_int_equal(sim_dist_triangular(&ds[3], 1, 2, 6), 0);
    assert_int_equal(sim_dist_gamma(&ds[4], 2, 1.5), 0);
    assert_int_equal(sim_dist_uniform(&ds[5], 1, 4), 0);
    assert_int_equal(sim_dist_empirical(&ds[6], v, 3), 0);
    for (int k = 0; k < 7; k++) {
        sim_dist s;
        assert_int_equal(sim_dist_scaled(&s, &ds[k], f), 0);
        assert_true(s.kind == ds[k].kind);
        assert_near(sim_dist_mean(&s), f * sim_dist_mean(&ds[k]), 1e-12 * sim_dist_mean(&s));
        assert_near(sim_dist_variance(&s), f * f * sim_dist_variance(&ds[k]),
                    1e-12 * (1 + sim_dist_variance(&s)));
        gsl_rng *r1 = sim_rng_new(5, 0, "scaled", (uint64_t)k);
        gsl_rng *r2 = sim_rng_new(5, 0, "scaled", (uint64_t)k);
        for (int i = 0; i < 1000; i++) {
            double x = sim_dist_sample(&ds[k], r1), y = sim_dist_sample(&s, r2);
            assert_near(y, f * x, 1e-12 * fabs(y));
        }
        gsl_rng_free(r1);
        gsl_rng_free(r2);
        if (k == 6)
            assert_true(s.values != ds[k].values);      /* its own copy */
        sim_dist_destroy(&s);
    }
    /* lognormal: the median scales, sigma is unchanged */
    sim_dist s;
    assert_int_equal(sim_dist_scaled(&s, &ds[2], f), 0);
    assert_near(exp(s.a), f * 3, 1e-12);
    assert_near(s.b, ds[2].b, 0);
    /* in place */
    assert_int_equal(sim_dist_scaled(&ds[6], &ds[6], 2), 0);
    assert_near(ds[6].values[2], 16, 0);
    assert_int_equal(sim_dist_scaled(&ds[1], &ds[1], 2), 0);
    assert_near(sim_dist_mean(&ds[1]), 6, 0);
    sim_dist_destroy(&ds[6]);
}

static void test_copy(void **state)
{
    (void)state;
    const double v[] = { 4, 5, 6 };
    sim_dist a, b, c, e;
    assert_int_equal(sim_dist_empirical(&a, v, 3), 0);
    assert_int_equal(sim_dist_copy(&b, &a), 0);
    assert_true(b.values != a.values);
    assert_int_equal(b.n, 3);
    sim_dist_destroy(&a);
    assert_near(sim_dist_mean(&b), 5, 1e-12);
    sim_dist_destroy(&b);
    assert_int_equal(sim_dist_gamma(&c, 2, 3), 0);
    assert_int_equal(sim_dist_copy(&e, &c), 0);
    assert_true(e.kind == SIM_DIST_GAMMA && e.a == 2 && e.b == 3 && e.values == NULL);
    sim_dist_destroy(&e);
}

int test_group_dist(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constant),
        cmocka_unit_test(test_exponential),
        cmocka_unit_test(test_lognormal),
        cmocka_unit_test(test_triangular),
        cmocka_unit_test(test_gamma),
        cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_empirical),
        cmocka_unit_test(test_invalid_parameters),
        cmocka_unit_test(test_scaled),
        cmocka_unit_test(test_copy),
    };
    return cmocka_run_group_tests_name("dist", tests, NULL, NULL);
}
