/* sim_stats — Welford moments, time-weighted averages, type-7 quantiles and
 * Student-t intervals (one sample, paired, Welch) for simulation output. */
#include "sim/sim_stats.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>

void sim_welford_init(sim_welford *w)
{
    w->n = 0;
    w->mean = 0;
    w->m2 = 0;
    w->min = (double)INFINITY;
    w->max = -(double)INFINITY;
}

void sim_welford_add(sim_welford *w, double x)
{
    w->n++;
    double delta = x - w->mean;
    w->mean += delta / (double)w->n;
    w->m2 += delta * (x - w->mean);
    if (x < w->min)
        w->min = x;
    if (x > w->max)
        w->max = x;
}

double sim_welford_variance(const sim_welford *w)
{
    return w->n < 2 ? 0 : w->m2 / (double)(w->n - 1);
}

double sim_welford_sem(const sim_welford *w)
{
    return w->n < 2 ? 0 : sqrt(sim_welford_variance(w) / (double)w->n);
}

void sim_timeavg_init(sim_timeavg *a, double t0, double value)
{
    a->t_start = t0;
    a->t_last = t0;
    a->value = value;
    a->area = 0;
}

void sim_timeavg_set(sim_timeavg *a, double t, double value)
{
    if (t > a->t_last) {
        a->area += a->value * (t - a->t_last);
        a->t_last = t;
    }
    a->value = value;
}

void sim_timeavg_reset(sim_timeavg *a, double t)
{
    a->t_start = t;
    a->t_last = t;
    a->area = 0;
}

double sim_timeavg_mean(const sim_timeavg *a, double t_end)
{
    double span = t_end - a->t_start;
    if (!(span > 0))
        return a->value;
    double area = a->area;
    if (t_end > a->t_last)
        area += a->value * (t_end - a->t_last);
    return area / span;
}

double sim_quantile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 0 || isnan(p))
        return (double)NAN;
    if (p <= 0)
        return sorted[0];
    if (p >= 1)
        return sorted[n - 1];
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo >= n - 1)
        return sorted[n - 1];
    double frac = h - (double)lo;
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/* Ascending, NaNs last (so they never split the numbers). */
static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    if (isnan(a) || isnan(b))
        return isnan(a) - isnan(b);
    return (a > b) - (a < b);
}

double sim_quantile(double *data, size_t n, double p)
{
    if (n == 0)
        return (double)NAN;
    qsort(data, n, sizeof *data, cmp_double);
    return sim_quantile_sorted(data, n, p);
}

double sim_t_quantile(double p, double dof)
{
    if (!(p > 0 && p < 1) || !(dof > 0))
        return (double)NAN;
    return gsl_cdf_tdist_Pinv(p, dof);
}

static sim_ci ci_from(double mean, double sd, size_t n)
{
    sim_ci ci = { mean, 0, mean, mean, n };
    if (n >= 2 && sd > 0) {
        ci.half_width = sim_t_quantile(0.975, (double)(n - 1)) * sd / sqrt((double)n);
        ci.low = mean - ci.half_width;
        ci.high = mean + ci.half_width;
    }
    return ci;
}

sim_ci sim_ci95(const double *x, size_t n)
{
    if (n == 0)
        return (sim_ci){ (double)NAN, 0, (double)NAN, (double)NAN, 0 };
    sim_welford w;
    sim_welford_init(&w);
    for (size_t i = 0; i < n; i++)
        sim_welford_add(&w, x[i]);
    return ci_from(w.mean, sqrt(sim_welford_variance(&w)), n);
}

static void paired_moments(const double *a, const double *b, size_t n, sim_welford *w)
{
    sim_welford_init(w);
    for (size_t i = 0; i < n; i++)
        sim_welford_add(w, a[i] - b[i]);
}

sim_ci sim_ci95_paired(const double *a, const double *b, size_t n)
{
    if (n == 0)
        return (sim_ci){ (double)NAN, 0, (double)NAN, (double)NAN, 0 };
    sim_welford w;
    paired_moments(a, b, n, &w);
    return ci_from(w.mean, sqrt(sim_welford_variance(&w)), n);
}

sim_ci sim_ci95_unpaired(const double *a, size_t na, const double *b, size_t nb)
{
    if (na == 0 || nb == 0)
        return (sim_ci){ (double)NAN, 0, (double)NAN, (double)NAN, na + nb };
    sim_welford wa, wb;
    sim_welford_init(&wa);
    sim_welford_init(&wb);
    for (size_t i = 0; i < na; i++)
        sim_welford_add(&wa, a[i]);
    for (size_t i = 0; i < nb; i++)
        sim_welford_add(&wb, b[i]);
    double diff = wa.mean - wb.mean;
    sim_ci ci = { diff, 0, diff, diff, na + nb };
    if (na < 2 || nb < 2)
        return ci;
    double va = sim_welford_variance(&wa) / (double)na;
    double vb = sim_welford_variance(&wb) / (double)nb;
    double se2 = va + vb;
    if (!(se2 > 0))
        return ci;
    /* Welch–Satterthwaite degrees of freedom */
    double dof = se2 * se2 / (va * va / (double)(na - 1) + vb * vb / (double)(nb - 1));
    ci.half_width = sim_t_quantile(0.975, dof) * sqrt(se2);
    ci.low = diff - ci.half_width;
    ci.high = diff + ci.half_width;
    return ci;
}

double sim_paired_p_value(const double *a, const double *b, size_t n)
{
    if (n < 2)
        return 1;
    sim_welford w;
    paired_moments(a, b, n, &w);
    double var = sim_welford_variance(&w);
    if (!(var > 0))
        return w.mean == 0 ? 1 : 0;
    double t = w.mean / sqrt(var / (double)n);
    double p = 2 * gsl_cdf_tdist_Q(fabs(t), (double)(n - 1));
    return p > 1 ? 1 : p;
}
