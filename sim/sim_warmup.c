/* sim_warmup — MSER-5 truncation and a batch-means trend test. */
#include "sim/sim_warmup.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

int sim_mser5(const double *x, size_t n, sim_mser *out)
{
    size_t k = n / SIM_MSER_BATCH;
    if (!x || !out || k < 4)
        return -1;
    double *z = malloc(k * sizeof *z);
    if (!z)
        return -1;
    for (size_t i = 0; i < k; i++) {
        double s = 0.0;
        for (size_t j = 0; j < SIM_MSER_BATCH; j++)
            s += x[i * SIM_MSER_BATCH + j];
        z[i] = s / SIM_MSER_BATCH;
        if (!isfinite(z[i])) {
            free(z);
            return -1;
        }
    }
    /* Suffix sums from the end give every MSER(d) in O(k); the sum of squared
     * deviations is computed as sum (z - ref)^2 - m (mean - ref)^2 around the
     * overall mean ref, which keeps the cancellation small. */
    double ref = 0.0;
    for (size_t i = 0; i < k; i++)
        ref += z[i];
    ref /= (double)k;
    size_t limit = k / 2;
    double s1 = 0.0, s2 = 0.0;
    double best = INFINITY;
    size_t best_d = 0;
    double *stat = malloc((limit + 1) * sizeof *stat);
    if (!stat) {
        free(z);
        return -1;
    }
    for (size_t i = k; i-- > 0;) {
        double dz = z[i] - ref;
        s1 += dz;
        s2 += dz * dz;
        if (i <= limit) {
            double m = (double)(k - i);
            double ss = s2 - s1 * s1 / m;
            stat[i] = (ss > 0.0 ? ss : 0.0) / (m * m);
        }
    }
    for (size_t dd = 0; dd <= limit; dd++)
        if (stat[dd] < best) {
            best = stat[dd];
            best_d = dd;
        }
    out->truncate = best_d * SIM_MSER_BATCH;
    out->n_batches = k;
    out->statistic = best;
    out->at_limit = best_d == limit;
    free(stat);
    free(z);
    return 0;
}

int sim_drift_test(const double *x, size_t n, size_t batches, sim_drift *out)
{
    if (!x || !out || batches < 3 || n < batches)
        return -1;
    size_t size = n / batches, skip = n - size * batches;
    double *z = malloc(batches * sizeof *z);
    if (!z)
        return -1;
    double zbar = 0.0;
    for (size_t b = 0; b < batches; b++) {
        double s = 0.0;
        for (size_t j = 0; j < size; j++)
            s += x[skip + b * size + j];
        z[b] = s / (double)size;
        if (!isfinite(z[b])) {
            free(z);
            return -1;
        }
        zbar += z[b];
    }
    zbar /= (double)batches;
    double tbar = (batches - 1) / 2.0, stt = 0.0, stz = 0.0;
    for (size_t b = 0; b < batches; b++) {
        stt += (b - tbar) * (b - tbar);
        stz += (b - tbar) * (z[b] - zbar);
    }
    double slope = stz / stt, sse = 0.0;
    for (size_t b = 0; b < batches; b++) {
        double e = z[b] - zbar - slope * (b - tbar);
        sse += e * e;
    }
    free(z);
    double dof = (double)batches - 2.0;
    double se = sqrt(sse / dof / stt);
    out->slope_per_obs = slope / (double)size;
    out->change = slope * (double)(batches - 1);
    out->mean = zbar;
    out->batches = batches;
    if (se > 0.0)
        out->p_value = 2.0 * gsl_cdf_tdist_Q(fabs(slope) / se, dof);
    else
        out->p_value = slope == 0.0 ? 1.0 : 0.0;
    return 0;
}
