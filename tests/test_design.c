/* test_design — designs (Latin hypercube strata, factorial order, one at a
 * time, Saltelli blocks, determinism) and the Sobol' estimators on functions
 * with analytic indices: Ishigami (a = 7, b = 0.1) with a dummy input, and
 * Sobol's g-function. Tolerances are 4 bootstrap standard errors (a two-sided
 * normal tail of 6e-5 per index) and every standard error must be small, so
 * a wrong estimator cannot pass by being noisy. First-order indices from a
 * single Latin hypercube or grid (the lhs and grid headlines): Ishigami again,
 * and an additive function on a grid where they are exact. */
#include "tests/testutil.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim/sim_design.h"

#define PI 3.14159265358979323846
#define N_SOBOL 32768         /* base rows: n (d + 2) model runs */
#define N_BOOT 500
#define Z_TOL 4.0             /* |estimate - analytic| <= Z_TOL standard errors */
#define SE_MAX 0.02           /* the estimates must be this precise to mean anything */

static int verbose(void)
{
    const char *v = getenv("TEST_VERBOSE");
    return v && *v && strcmp(v, "0") != 0;
}

static void test_lhs_strata(void **state)
{
    (void)state;
    const size_t sizes[] = { 1, 2, 7, 100, 1000 };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s], d = 5;
        double *x = malloc(n * d * sizeof *x);
        int *seen = calloc(n, sizeof *seen);
        assert_non_null(x);
        assert_non_null(seen);
        assert_int_equal(sim_design_lhs(x, n, d, 42), 0);
        for (size_t j = 0; j < d; j++) {
            memset(seen, 0, n * sizeof *seen);
            for (size_t i = 0; i < n; i++) {
                double u = x[i * d + j];
                assert_true(u >= 0.0 && u < 1.0);
                size_t k = (size_t)(u * (double)n);
                assert_true(k < n);
                assert_true(u >= (double)k / (double)n);   /* floor(u n) is its stratum */
                seen[k]++;
            }
            for (size_t k = 0; k < n; k++)
                assert_int_equal(seen[k], 1);              /* exactly one point per stratum */
        }
        free(seen);
        free(x);
    }
}

static void test_lhs_columns_independent_of_d(void **state)
{
    (void)state;
    double a[50 * 2], b[50 * 3];
    assert_int_equal(sim_design_lhs(a, 50, 2, 9), 0);
    assert_int_equal(sim_design_lhs(b, 50, 3, 9), 0);
    for (size_t i = 0; i < 50; i++)
        for (size_t j = 0; j < 2; j++)
            assert_true(a[i * 2 + j] == b[i * 3 + j]);
    /* and the columns are not copies of each other */
    int same = 1;
    for (size_t i = 0; i < 50; i++)
        same &= b[i * 3] == b[i * 3 + 1];
    assert_false(same);
}

static void test_determinism(void **state)
{
    (void)state;
    enum { N = 64, D = 4 };
    double x1[N * D], x2[N * D], x3[N * D];
    assert_int_equal(sim_design_lhs(x1, N, D, 2026), 0);
    assert_int_equal(sim_design_lhs(x2, N, D, 2026), 0);
    assert_int_equal(sim_design_lhs(x3, N, D, 2027), 0);
    assert_memory_equal(x1, x2, sizeof x1);
    assert_memory_not_equal(x1, x3, sizeof x1);

    size_t rows = sim_saltelli_rows(N, D);
    double *s1 = malloc(rows * D * sizeof *s1), *s2 = malloc(rows * D * sizeof *s2);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_int_equal(sim_saltelli_design(s1, N, D, 5), 0);
    assert_int_equal(sim_saltelli_design(s2, N, D, 5), 0);
    assert_memory_equal(s1, s2, rows * D * sizeof *s1);
    /* a fifth parameter leaves A's and B's first four columns where they were */
    double *s5 = malloc(sim_saltelli_rows(N, D + 1) * (D + 1) * sizeof *s5);
    assert_non_null(s5);
    assert_int_equal(sim_saltelli_design(s5, N, D + 1, 5), 0);
    for (size_t blk = 0; blk < 2; blk++)
        for (size_t k = 0; k < N; k++)
            for (size_t j = 0; j < D; j++)
                assert_true(s5[(blk * N + k) * (D + 1) + j] == s1[(blk * N + k) * D + j]);
    free(s5);

    double *y = malloc(rows * sizeof *y);
    assert_non_null(y);
    for (size_t r = 0; r < rows; r++)
        y[r] = s1[r * D] + 2 * s1[r * D + 1] * s1[r * D + 2];
    sim_sobol_index o1[D], o2[D];
    assert_int_equal(sim_sobol_indices(y, N, D, 100, 11, o1), 0);
    assert_int_equal(sim_sobol_indices(y, N, D, 100, 11, o2), 0);
    assert_memory_equal(o1, o2, sizeof o1);
    free(y);
    free(s1);
    free(s2);
}

static void test_grid_and_oat(void **state)
{
    (void)state;
    const size_t levels[] = { 2, 3 };
    assert_int_equal(sim_design_grid_size(levels, 2, 100), 6);
    assert_int_equal(sim_design_grid_size(levels, 2, 5), 0);       /* over the cap */
    const size_t zero[] = { 2, 0 };
    assert_int_equal(sim_design_grid_size(zero, 2, 100), 0);
    size_t idx[12];
    assert_int_equal(sim_design_grid(idx, levels, 2), 0);
    const size_t want[] = { 0, 0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 2 };  /* last factor fastest */
    assert_memory_equal(idx, want, sizeof want);

    double x[7 * 3];
    assert_int_equal(sim_design_oat_size(3), 7);
    assert_int_equal(sim_design_oat(x, 3), 0);
    for (size_t r = 0; r < 7; r++)
        for (size_t j = 0; j < 3; j++) {
            double v = x[r * 3 + j];
            if (r == 1 + 2 * j)
                assert_true(v == 0.0);
            else if (r == 2 + 2 * j)
                assert_true(v == 1.0);
            else
                assert_true(v == SIM_DESIGN_BASE);
        }
}

static void test_saltelli_blocks(void **state)
{
    (void)state;
    enum { N = 16, D = 3 };
    double x[N * (D + 2) * D];
    assert_int_equal(sim_saltelli_design(x, N, D, 3), 0);
    const double *a = x, *b = x + N * D;
    for (size_t i = 0; i < D; i++) {
        const double *ab = x + (2 + i) * N * D;
        for (size_t k = 0; k < N; k++)
            for (size_t j = 0; j < D; j++)
                assert_true(ab[k * D + j] == (j == i ? b : a)[k * D + j]);
    }
    for (size_t k = 0; k < N * D; k++)
        assert_true(a[k] != b[k] && a[k] >= 0 && a[k] < 1 && b[k] >= 0 && b[k] < 1);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    double x[8];
    assert_int_equal(sim_design_lhs(x, 0, 2, 1), -1);
    assert_int_equal(sim_design_lhs(x, 2, 0, 1), -1);
    assert_int_equal(sim_saltelli_design(x, 1, 2, 1), -1);
    assert_int_equal(sim_design_oat(x, 0), -1);
    /* constant outputs: indices undefined */
    double y[4 * 3];
    for (size_t i = 0; i < 12; i++)
        y[i] = 2.5;
    sim_sobol_index o[1];
    assert_int_equal(sim_sobol_indices(y, 4, 1, 10, 1, o), -2);
    y[5] = NAN;
    assert_int_equal(sim_sobol_indices(y, 4, 1, 10, 1, o), -1);
}

/* Runs f over a Saltelli design of d inputs in [0,1)^d and estimates. */
static void estimate(double (*f)(const double *), size_t d, uint64_t seed, sim_sobol_index *out)
{
    size_t rows = sim_saltelli_rows(N_SOBOL, d);
    double *x = malloc(rows * d * sizeof *x), *y = malloc(rows * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    assert_int_equal(sim_saltelli_design(x, N_SOBOL, d, seed), 0);
    for (size_t r = 0; r < rows; r++)
        y[r] = f(x + r * d);
    assert_int_equal(sim_sobol_indices(y, N_SOBOL, d, N_BOOT, seed, out), 0);
    free(x);
    free(y);
}

static void check_index(const char *what, size_t i, double est, double se, double low,
                        double high, double exact)
{
    if (verbose())
        printf("  %-14s x%zu: %.4f  (se %.4f, 95%% CI [%.4f, %.4f])  analytic %.4f  %s  z %.2f\n",
               what, i + 1, est, se, low, high, exact,
               low <= exact && exact <= high ? "inside" : "OUTSIDE", se > 0 ? (est - exact) / se : 0.0);
    assert_true(se <= SE_MAX);
    assert_true(low <= est + 1e-12 && est <= high + 1e-12);
    assert_near(est, exact, Z_TOL * se + 1e-12);
}

/* Ishigami on [-pi, pi]^3; the fourth input is a dummy the function ignores. */
#define ISH_A 7.0
#define ISH_B 0.1
static double ishigami(const double *u)
{
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    return sin(x1) + ISH_A * sin(x2) * sin(x2) + ISH_B * pow(x3, 4) * sin(x1);
}

static void test_ishigami(void **state)
{
    (void)state;
    double pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double v1 = 0.5 * (1 + ISH_B * pi4 / 5) * (1 + ISH_B * pi4 / 5);
    double v2 = ISH_A * ISH_A / 8;
    double v13 = 8 * ISH_B * ISH_B * pi8 / 225;
    double v = v1 + v2 + v13;
    const double s1[4] = { v1 / v, v2 / v, 0, 0 };
    const double st[4] = { (v1 + v13) / v, v2 / v, v13 / v, 0 };
    /* the published values, to catch a slip in the formulas above */
    assert_near(s1[0], 0.3139, 5e-5);
    assert_near(s1[1], 0.4424, 5e-5);
    assert_near(st[0], 0.5576, 5e-5);
    assert_near(st[2], 0.2437, 5e-5);

    sim_sobol_index o[4];
    estimate(ishigami, 4, 20260101, o);
    if (verbose())
        printf("Ishigami (a = 7, b = 0.1), n = %d base rows, %d runs, %d resamples\n",
               N_SOBOL, (int)sim_saltelli_rows(N_SOBOL, 4), N_BOOT);
    for (size_t i = 0; i < 4; i++) {
        check_index("Ishigami S1", i, o[i].s1, o[i].s1_se, o[i].s1_low, o[i].s1_high, s1[i]);
        check_index("Ishigami ST", i, o[i].st, o[i].st_se, o[i].st_low, o[i].st_high, st[i]);
    }
    /* x3 acts only through its interaction with x1: its first-order interval holds 0 */
    assert_true(o[2].s1_low <= 0 && 0 <= o[2].s1_high);
    /* the dummy cannot change the output: both intervals hold 0 */
    assert_true(o[3].s1_low <= 0 && 0 <= o[3].s1_high);
    assert_true(o[3].st_low <= 0 && 0 <= o[3].st_high);
    /* the real inputs are told apart from nothing */
    assert_true(o[0].s1_low > 0 && o[1].s1_low > 0 && o[2].st_low > 0);
}

/* Sobol's g-function: prod (|4u - 2| + a_i) / (1 + a_i); small a_i = important. */
#define G_D 5
static const double g_a[G_D] = { 0, 1, 4.5, 9, 99 };
static double gfun(const double *u)
{
    double p = 1;
    for (size_t i = 0; i < G_D; i++)
        p *= (fabs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
    return p;
}

static void test_g_function(void **state)
{
    (void)state;
    double vi[G_D], prod = 1;
    for (size_t i = 0; i < G_D; i++) {
        vi[i] = 1.0 / (3 * (1 + g_a[i]) * (1 + g_a[i]));
        prod *= 1 + vi[i];
    }
    double v = prod - 1;
    sim_sobol_index o[G_D];
    estimate(gfun, G_D, 77, o);
    if (verbose())
        printf("g-function a = (0, 1, 4.5, 9, 99), n = %d base rows, %d runs\n",
               N_SOBOL, (int)sim_saltelli_rows(N_SOBOL, G_D));
    for (size_t i = 0; i < G_D; i++) {
        double s1 = vi[i] / v, st = vi[i] * prod / (1 + vi[i]) / v;
        check_index("g S1", i, o[i].s1, o[i].s1_se, o[i].s1_low, o[i].s1_high, s1);
        check_index("g ST", i, o[i].st, o[i].st_se, o[i].st_low, o[i].st_high, st);
    }
    /* the ranking the a_i imply */
    for (size_t i = 0; i + 1 < G_D; i++)
        assert_true(o[i].st > o[i + 1].st);
}

/* First-order indices from plain Latin hypercubes (sim_first_order_binned):
 * Ishigami with a dummy, N = 4096 rows, 64 bins, over R independent designs.
 * The mean of the R estimates must lie within 4 of its standard errors (the
 * spread of the R estimates / sqrt(R)) plus the binning bias bound (the
 * conditional mean's variance inside a bin, E[g'^2] / (12 B^2) / V: below
 * 0.002 here) of the analytic S1. x2 acts through sin^2, so a squared
 * correlation would give it 0, not 0.442; the dummy's bias without the
 * correction is (B - 1) / (N - 1) = 0.015, many standard errors. */
#define N_FO 4096
#define R_FO 12
static void test_first_order_lhs(void **state)
{
    (void)state;
    double pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double v1 = 0.5 * (1 + ISH_B * pi4 / 5) * (1 + ISH_B * pi4 / 5);
    double v2 = ISH_A * ISH_A / 8, v13 = 8 * ISH_B * ISH_B * pi8 / 225, v = v1 + v2 + v13;
    const double s1[4] = { v1 / v, v2 / v, 0, 0 };
    double *x = malloc(N_FO * 4 * sizeof *x), *y = malloc(N_FO * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    double sum[4] = { 0 }, sum2[4] = { 0 };
    for (int r = 0; r < R_FO; r++) {
        assert_int_equal(sim_design_lhs(x, N_FO, 4, 1000 + (uint64_t)r), 0);
        for (size_t p = 0; p < N_FO; p++)
            y[p] = ishigami(x + p * 4);
        for (size_t j = 0; j < 4; j++) {
            double e = sim_first_order_binned(y, x + j, N_FO, 4, 64);
            assert_true(isfinite(e));
            sum[j] += e;
            sum2[j] += e * e;
        }
    }
    for (size_t j = 0; j < 4; j++) {
        double m = sum[j] / R_FO, sd = sqrt(fmax(0, (sum2[j] - R_FO * m * m) / (R_FO - 1)));
        double se = sd / sqrt(R_FO);
        if (verbose())
            printf("  LHS first order x%zu: %.4f (se %.4f) analytic %.4f\n", j + 1, m, se, s1[j]);
        assert_true(se < 0.01);
        assert_near(m, s1[j], Z_TOL * se + 0.002);
    }
    free(x);
    free(y);
}

/* On a full factorial the main effect's share is exact: y = 4a + 2b on a
 * 5 x 5 grid of equally spaced levels gives 16/20 and 4/20; a constant gives
 * NAN; rows with a non-finite output are left out. */
static void test_first_order_grid(void **state)
{
    (void)state;
    double x[25 * 2], y[25];
    for (size_t p = 0; p < 25; p++) {
        x[2 * p] = (double)(p / 5) / 4.0;
        x[2 * p + 1] = (double)(p % 5) / 4.0;
        y[p] = 4 * x[2 * p] + 2 * x[2 * p + 1];
    }
    assert_near(sim_first_order_binned(y, x, 25, 2, 0), 0.8, 1e-12);
    assert_near(sim_first_order_binned(y, x + 1, 25, 2, 0), 0.2, 1e-12);
    double c[25];
    for (size_t p = 0; p < 25; p++)
        c[p] = 3.0;
    assert_true(isnan(sim_first_order_binned(c, x, 25, 2, 0)));
    y[24] = NAN;
    double e = sim_first_order_binned(y, x, 25, 2, 0);
    assert_true(isfinite(e) && e > 0.7 && e < 0.9);
}

int test_group_design(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lhs_strata),
        cmocka_unit_test(test_lhs_columns_independent_of_d),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_grid_and_oat),
        cmocka_unit_test(test_saltelli_blocks),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_ishigami),
        cmocka_unit_test(test_g_function),
        cmocka_unit_test(test_first_order_lhs),
        cmocka_unit_test(test_first_order_grid),
    };
    return cmocka_run_group_tests_name("design", tests, NULL, NULL);
}
