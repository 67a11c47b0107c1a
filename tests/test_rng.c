/* test_rng — the xoshiro256** generator (published test vector, seeding),
 * stream keys and the independence and reproducibility of streams. */
#include "tests/testutil.h"
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include "sim/sim_rng.h"

static void test_type(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(sim_rng_type);
    assert_non_null(r);
    assert_string_equal(gsl_rng_name(r), "xoshiro256**");
    assert_true(gsl_rng_max(r) == 0xffffffffUL);
    assert_true(gsl_rng_min(r) == 0);
    assert_int_equal(gsl_rng_size(r), 32);
    for (int i = 0; i < 100000; i++) {
        double u = gsl_rng_uniform(r);
        assert_true(u >= 0 && u < 1);
        assert_true(gsl_rng_get(r) <= 0xffffffffUL);
        assert_true(gsl_rng_uniform_int(r, 10) < 10);
    }
    gsl_rng_free(r);
}

/* The reference test vector of xoshiro256** from state {1, 2, 3, 4}; the
 * doubles are the top 53 bits of each 64-bit output. */
static void test_known_vector(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(sim_rng_type);
    uint64_t *s = gsl_rng_state(r);
    s[0] = 1, s[1] = 2, s[2] = 3, s[3] = 4;
    const uint64_t expect[] = { 11520u, 0u, 1509978240u, 1215971899390074240u };
    for (int i = 0; i < 4; i++)
        assert_true(gsl_rng_uniform(r) == (double)(expect[i] >> 11) * 0x1.0p-53);
    s[0] = 1, s[1] = 2, s[2] = 3, s[3] = 4;
    for (int i = 0; i < 4; i++)
        assert_true(gsl_rng_get(r) == (unsigned long)(expect[i] >> 32));
    gsl_rng_free(r);
}

/* Seeding, FNV-1a and the key, against values computed independently
 * (a separate Python implementation of the published algorithms). */
static void test_seeding_and_key_values(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(sim_rng_type);
    gsl_rng_set(r, 12345);
    const unsigned long hi[] = { 0xbe6a3637UL, 0x214aaa06UL, 0xf69d16deUL, 0x0c60048cUL, 0x8e2076aeUL };
    for (int i = 0; i < 5; i++)
        assert_true(gsl_rng_get(r) == hi[i]);
    gsl_rng_free(r);

    assert_true(sim_rng_purpose("arrivals") == 0xb10bc22ca203cc53u);
    assert_true(sim_rng_purpose("") == 0xcbf29ce484222325u);
    assert_true(sim_rng_key(42, 3, sim_rng_purpose("arrivals"), 7) == 0xb41c130047f7b309u);
    r = sim_rng_new(42, 3, "arrivals", 7);
    assert_true(gsl_rng_uniform(r) == 0.8811483533759245);
    assert_true(gsl_rng_uniform(r) == 0.04607474441030124);
    assert_true(gsl_rng_uniform(r) == 0.7337148678476024);
    gsl_rng_free(r);
}

static void test_uniform_moments_and_bins(void **state)
{
    (void)state;
    enum { N = 640000, BINS = 64 };
    gsl_rng *r = sim_rng_new(7, 0, "uniform", 0);
    double sum = 0, sum2 = 0;
    unsigned long count[BINS] = { 0 };
    for (int i = 0; i < N; i++) {
        double u = gsl_rng_uniform(r);
        sum += u;
        sum2 += u * u;
        count[gsl_rng_get(r) >> 26]++;
    }
    double mean = sum / N, var = sum2 / N - mean * mean;
    /* SE of the mean sqrt(1/12/N); of the variance sqrt((mu4 - sigma^4)/N), mu4 = 1/80 */
    assert_near(mean, 0.5, 4 * sqrt(1.0 / 12 / N));
    assert_near(var, 1.0 / 12, 4 * sqrt((1.0 / 80 - 1.0 / 144) / N));
    double chi2 = 0, e = (double)N / BINS;
    for (int b = 0; b < BINS; b++)
        chi2 += ((double)count[b] - e) * ((double)count[b] - e) / e;
    assert_true(chi2 < gsl_cdf_chisq_Qinv(1e-4, BINS - 1));
    gsl_rng_free(r);
}

static void draw(gsl_rng *r, double *x, int n)
{
    for (int i = 0; i < n; i++)
        x[i] = gsl_rng_uniform(r);
}

static void test_reproducible(void **state)
{
    (void)state;
    enum { N = 1000 };
    double a[N], b[N];
    gsl_rng *r = sim_rng_new(99, 2, "effort", 5);
    draw(r, a, N);
    gsl_rng *s = sim_rng_new(99, 2, "effort", 5);
    draw(s, b, N);
    assert_memory_equal(a, b, sizeof a);
    sim_rng_reset(r, 99, 2, "effort", 5);
    draw(r, b, N);
    assert_memory_equal(a, b, sizeof a);
    gsl_rng_free(r);
    gsl_rng_free(s);
}

/* Streams differing in any one coordinate give different sequences. */
static void test_streams_differ(void **state)
{
    (void)state;
    enum { N = 64 };
    double base[N], other[N];
    gsl_rng *r = sim_rng_new(1, 0, "arrivals", 0);
    draw(r, base, N);
    const struct { uint64_t seed, rep; const char *purpose; uint64_t index; } v[] = {
        { 2, 0, "arrivals", 0 }, { 1, 1, "arrivals", 0 }, { 1, 0, "arrivalz", 0 },
        { 1, 0, "effort", 0 },   { 1, 0, "arrivals", 1 }, { 0, 0, "arrivals", 0 },
    };
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        sim_rng_reset(r, v[k].seed, v[k].rep, v[k].purpose, v[k].index);
        draw(r, other, N);
        int same = 0;
        for (int i = 0; i < N; i++)
            same += base[i] == other[i];
        assert_int_equal(same, 0);
    }
    gsl_rng_free(r);
}

/* Sample correlation of two streams: under independence its SE is 1/sqrt(n). */
static double correlation(gsl_rng *a, gsl_rng *b, int n)
{
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (int i = 0; i < n; i++) {
        double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);
        sa += x, sb += y, saa += x * x, sbb += y * y, sab += x * y;
    }
    double cov = sab / n - (sa / n) * (sb / n);
    return cov / sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
}

static void test_streams_uncorrelated(void **state)
{
    (void)state;
    enum { N = 200000 };
    const struct { uint64_t seed, rep; const char *purpose; uint64_t index; } v[][2] = {
        { { 1, 0, "arrivals", 0 }, { 1, 0, "effort", 0 } },
        { { 1, 0, "arrivals", 0 }, { 1, 0, "arrivals", 1 } },
        { { 1, 0, "arrivals", 0 }, { 1, 1, "arrivals", 0 } },
        { { 1, 0, "arrivals", 0 }, { 2, 0, "arrivals", 0 } },
        { { 0, 0, "a", 0 }, { 0, 0, "b", 0 } },
    };
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        gsl_rng *a = sim_rng_new(v[k][0].seed, v[k][0].rep, v[k][0].purpose, v[k][0].index);
        gsl_rng *b = sim_rng_new(v[k][1].seed, v[k][1].rep, v[k][1].purpose, v[k][1].index);
        assert_near(correlation(a, b, N), 0, 4 / sqrt((double)N));
        gsl_rng_free(a);
        gsl_rng_free(b);
    }
    /* and a stream with itself one step later (lag-1 autocorrelation) */
    gsl_rng *a = sim_rng_new(5, 0, "lag", 0), *b = sim_rng_new(5, 0, "lag", 0);
    gsl_rng_uniform(b);
    assert_near(correlation(a, b, N), 0, 4 / sqrt((double)N));
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* Drawing from a new stream in between leaves another stream's numbers alone. */
static void test_adding_stream_changes_nothing(void **state)
{
    (void)state;
    enum { N = 500 };
    double alone[N], together[N];
    gsl_rng *a = sim_rng_new(3, 1, "arrivals", 0);
    draw(a, alone, N);
    sim_rng_reset(a, 3, 1, "arrivals", 0);
    gsl_rng *extra = sim_rng_new(3, 1, "a_new_purpose", 0);
    for (int i = 0; i < N; i++) {
        together[i] = gsl_rng_uniform(a);
        gsl_rng_uniform(extra);
        gsl_rng_uniform(extra);
    }
    assert_memory_equal(alone, together, sizeof alone);
    gsl_rng_free(a);
    gsl_rng_free(extra);
}

static int popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

/* Neighbouring inputs give unrelated keys: about half the bits differ
 * (binomial(64, 1/2): mean 32, sd 4), and no collisions on a grid. */
static void test_key_avalanche(void **state)
{
    (void)state;
    enum { N = 1000 };
    double sum = 0;
    int pairs = 0;
    uint64_t p = sim_rng_purpose("x");
    for (uint64_t i = 0; i < N; i++) {
        uint64_t k = sim_rng_key(i, i % 7, p, i % 3);
        sum += popcount64(k ^ sim_rng_key(i + 1, i % 7, p, i % 3));
        sum += popcount64(k ^ sim_rng_key(i, i % 7 + 1, p, i % 3));
        sum += popcount64(k ^ sim_rng_key(i, i % 7, p + 1, i % 3));
        sum += popcount64(k ^ sim_rng_key(i, i % 7, p, i % 3 + 1));
        pairs += 4;
    }
    assert_near(sum / pairs, 32, 4 * 4 / sqrt((double)pairs));

    enum { G = 12 };
    static uint64_t keys[G * G * G * G];
    size_t n = 0;
    for (uint64_t a = 0; a < G; a++)
        for (uint64_t b = 0; b < G; b++)
            for (uint64_t c = 0; c < G; c++)
                for (uint64_t d = 0; d < G; d++) {
                    uint64_t k = sim_rng_key(a, b, c, d);
                    assert_true(k != 0);
                    keys[n++] = k;
                }
    qsort(keys, n, sizeof keys[0], cmp_u64);
    for (size_t i = 1; i < n; i++)
        assert_true(keys[i - 1] != keys[i]);
}

int test_group_rng(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type),
        cmocka_unit_test(test_known_vector),
        cmocka_unit_test(test_seeding_and_key_values),
        cmocka_unit_test(test_uniform_moments_and_bins),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_streams_differ),
        cmocka_unit_test(test_streams_uncorrelated),
        cmocka_unit_test(test_adding_stream_changes_nothing),
        cmocka_unit_test(test_key_avalanche),
    };
    return cmocka_run_group_tests_name("rng", tests, NULL, NULL);
}
