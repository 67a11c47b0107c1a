/* sim_design — Latin hypercubes, full factorials, one-at-a-time designs, and
 * Saltelli's scheme with the Saltelli (2010) / Jansen (1999) estimators of
 * Sobol' indices and their percentile bootstrap. */
#include "sim/sim_design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_rng.h"
#include "sim/sim_stats.h"

/* Fisher–Yates shuffle of perm[0..n) with unbiased draws. */
static void shuffle(size_t *perm, size_t n, gsl_rng *r)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)gsl_rng_uniform_int(r, (unsigned long)i);
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
}

int sim_design_lhs(double *x, size_t n, size_t d, uint64_t seed)
{
    /* gsl_rng_uniform_int draws below 2^32: strata beyond that are not needed */
    if (!x || n == 0 || d == 0 || n > 0xffffffffu)
        return -1;
    size_t *perm = malloc(n * sizeof *perm);
    gsl_rng *r = gsl_rng_alloc(sim_rng_type);
    if (!perm || !r) {
        free(perm);
        if (r)
            gsl_rng_free(r);
        return -1;
    }
    for (size_t j = 0; j < d; j++) {
        sim_rng_reset(r, seed, 0, "design.lhs", j);
        for (size_t i = 0; i < n; i++)
            perm[i] = i;
        shuffle(perm, n, r);
        for (size_t i = 0; i < n; i++) {
            double u = (perm[i] + gsl_rng_uniform(r)) / (double)n;
            /* rounding may reach the stratum's upper edge; stay inside it */
            if (u >= (perm[i] + 1.0) / (double)n)
                u = nextafter((perm[i] + 1.0) / (double)n, 0.0);
            x[i * d + j] = u;
        }
    }
    free(perm);
    gsl_rng_free(r);
    return 0;
}

size_t sim_design_grid_size(const size_t *levels, size_t d, size_t max_points)
{
    if (!levels || d == 0)
        return 0;
    size_t n = 1;
    for (size_t j = 0; j < d; j++) {
        if (levels[j] == 0 || n > max_points / levels[j])
            return 0;
        n *= levels[j];
    }
    return n;
}

int sim_design_grid(size_t *idx, const size_t *levels, size_t d)
{
    size_t n = sim_design_grid_size(levels, d, (size_t)-1);
    if (!idx || n == 0)
        return -1;
    for (size_t r = 0; r < n; r++) {
        size_t rest = r;
        for (size_t j = d; j-- > 0;) {
            idx[r * d + j] = rest % levels[j];
            rest /= levels[j];
        }
    }
    return 0;
}

size_t sim_design_oat_size(size_t d)
{
    return 1 + 2 * d;
}

int sim_design_oat(double *x, size_t d)
{
    if (!x || d == 0)
        return -1;
    size_t n = sim_design_oat_size(d);
    for (size_t i = 0; i < n * d; i++)
        x[i] = SIM_DESIGN_BASE;
    for (size_t j = 0; j < d; j++) {
        x[(1 + 2 * j) * d + j] = 0.0;
        x[(2 + 2 * j) * d + j] = 1.0;
    }
    return 0;
}

size_t sim_saltelli_rows(size_t n, size_t d)
{
    return n * (d + 2);
}

int sim_saltelli_design(double *x, size_t n, size_t d, uint64_t seed)
{
    if (!x || n < 2 || d == 0)
        return -1;
    gsl_rng *r = gsl_rng_alloc(sim_rng_type);
    if (!r)
        return -1;
    double *a = x, *b = x + n * d;
    for (size_t j = 0; j < 2 * d; j++) {
        double *m = j < d ? a : b;
        size_t col = j < d ? j : j - d;
        sim_rng_reset(r, seed, 0, j < d ? "design.saltelli.a" : "design.saltelli.b", col);
        for (size_t k = 0; k < n; k++)
            m[k * d + col] = gsl_rng_uniform(r);
    }
    gsl_rng_free(r);
    for (size_t i = 0; i < d; i++) {
        double *ab = x + (2 + i) * n * d;
        memcpy(ab, a, n * d * sizeof *ab);
        for (size_t k = 0; k < n; k++)
            ab[k * d + i] = b[k * d + i];
    }
    return 0;
}

/* The estimates on base rows rows[0..n) (or 0..n-1 when rows is NULL) into
 * s1[0..d), st[0..d). Returns 0, or -2 when the outputs have zero variance. */
static int sobol_estimate(const double *y, size_t n, size_t d, const size_t *rows,
                          double *s1, double *st)
{
    const double *fa = y, *fb = y + n;
    /* variance of the 2n outputs of A and B (two-pass, for accuracy) */
    double mean = 0.0;
    for (size_t k = 0; k < n; k++) {
        size_t r = rows ? rows[k] : k;
        mean += fa[r] + fb[r];
    }
    mean /= (double)(2 * n);
    double var = 0.0;
    for (size_t k = 0; k < n; k++) {
        size_t r = rows ? rows[k] : k;
        var += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
    }
    var /= (double)(2 * n - 1);
    if (!(var > 0.0))
        return -2;
    for (size_t i = 0; i < d; i++) {
        const double *fab = y + (2 + i) * n;
        double first = 0.0, total = 0.0;
        for (size_t k = 0; k < n; k++) {
            size_t r = rows ? rows[k] : k;
            first += fb[r] * (fab[r] - fa[r]);                /* Saltelli 2010 (b) */
            total += (fa[r] - fab[r]) * (fa[r] - fab[r]);     /* Jansen 1999 */
        }
        s1[i] = first / (double)n / var;
        st[i] = total / (2.0 * (double)n) / var;
    }
    return 0;
}

static double sample_sd(const double *v, size_t n)
{
    sim_welford w;
    sim_welford_init(&w);
    for (size_t i = 0; i < n; i++)
        sim_welford_add(&w, v[i]);
    return sqrt(sim_welford_variance(&w));
}

int sim_sobol_indices(const double *y, size_t n, size_t d, size_t n_boot, uint64_t seed,
                      sim_sobol_index *out)
{
    if (!y || !out || n < 2 || d == 0 || n > 0xffffffffu)
        return -1;
    for (size_t k = 0; k < sim_saltelli_rows(n, d); k++)
        if (!isfinite(y[k]))
            return -1;
    double *s1 = malloc(2 * d * sizeof *s1);
    if (!s1)
        return -1;
    double *st = s1 + d;
    int rc = sobol_estimate(y, n, d, NULL, s1, st);
    if (rc != 0) {
        free(s1);
        return rc;
    }
    for (size_t i = 0; i < d; i++) {
        sim_sobol_index *o = &out[i];
        memset(o, 0, sizeof *o);
        o->s1 = o->s1_low = o->s1_high = s1[i];
        o->st = o->st_low = o->st_high = st[i];
    }
    if (n_boot == 0) {
        free(s1);
        return 0;
    }
    /* boot[(2i) * n_boot + b] = S1_i of resample b, boot[(2i+1) * n_boot + b] = ST_i */
    double *boot = malloc(2 * d * n_boot * sizeof *boot);
    double *bs = malloc(2 * d * sizeof *bs);
    size_t *rows = malloc(n * sizeof *rows);
    gsl_rng *r = sim_rng_new(seed, 0, "design.bootstrap", 0);
    if (!boot || !bs || !rows || !r) {
        rc = -1;
        goto done;
    }
    size_t kept = 0;
    for (size_t b = 0; b < n_boot; b++) {
        for (size_t k = 0; k < n; k++)
            rows[k] = (size_t)gsl_rng_uniform_int(r, (unsigned long)n);
        if (sobol_estimate(y, n, d, rows, bs, bs + d) != 0)
            continue;   /* a resample of identical outputs: no information */
        for (size_t i = 0; i < d; i++) {
            boot[(2 * i) * n_boot + kept] = bs[i];
            boot[(2 * i + 1) * n_boot + kept] = bs[d + i];
        }
        kept++;
    }
    for (size_t i = 0; kept >= 2 && i < d; i++) {
        double *v1 = boot + (2 * i) * n_boot, *vt = boot + (2 * i + 1) * n_boot;
        sim_sobol_index *o = &out[i];
        o->s1_se = sample_sd(v1, kept);
        o->st_se = sample_sd(vt, kept);
        o->s1_low = sim_quantile(v1, kept, 0.025);
        o->s1_high = sim_quantile_sorted(v1, kept, 0.975);
        o->st_low = sim_quantile(vt, kept, 0.025);
        o->st_high = sim_quantile_sorted(vt, kept, 0.975);
    }
done:
    free(boot);
    free(bs);
    free(rows);
    free(s1);
    if (r)
        gsl_rng_free(r);
    return rc;
}

/* Group of coordinate v: its bin (n_bins > 0), else the index of v among
 * the distinct values seen so far in lv[0..*nl) (added when new). */
static size_t group_of(double v, size_t n_bins, double *lv, size_t *nl)
{
    if (n_bins > 0) {
        double b = floor(v * (double)n_bins);
        return b < 0 ? 0 : b >= (double)n_bins ? n_bins - 1 : (size_t)b;
    }
    for (size_t g = 0; g < *nl; g++)
        if (lv[g] == v)
            return g;
    lv[*nl] = v;
    return (*nl)++;
}

double sim_first_order_binned(const double *y, const double *x, size_t n, size_t stride, size_t n_bins)
{
    if (!y || !x || n == 0 || stride == 0)
        return NAN;
    size_t ng = n_bins > 0 ? n_bins : n;
    double *sum = calloc(ng, sizeof *sum), *lv = calloc(ng, sizeof *lv);
    size_t *cnt = calloc(ng, sizeof *cnt);
    double est = NAN;
    if (!sum || !lv || !cnt)
        goto done;
    size_t used = 0, nl = 0;
    double mean = 0;
    for (size_t p = 0; p < n; p++) {
        if (!isfinite(y[p]))
            continue;
        size_t g = group_of(x[p * stride], n_bins, lv, &nl);
        sum[g] += y[p];
        cnt[g]++;
        used++;
        mean += (y[p] - mean) / (double)used;
    }
    if (used < (n_bins > 0 ? n_bins + 2 : 3))
        goto done;
    double ss_total = 0, ss_between = 0;
    for (size_t p = 0; p < n; p++)
        if (isfinite(y[p]))
            ss_total += (y[p] - mean) * (y[p] - mean);
    for (size_t g = 0; g < ng; g++)
        if (cnt[g] > 0) {
            double m = sum[g] / (double)cnt[g] - mean;
            ss_between += (double)cnt[g] * m * m;
        }
    if (!(ss_total > 0))
        goto done;
    double eta2 = fmin(1.0, ss_between / ss_total);
    est = n_bins > 0 ? 1.0 - (1.0 - eta2) * (double)(used - 1) / (double)(used - n_bins) : eta2;
done:
    free(sum);
    free(lv);
    free(cnt);
    return est;
}
