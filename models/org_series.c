/* org_series — summaries of the weekly series over replications and the
 * payback of a timeline against staying put (see org_series.h). */
#include "models/org_series.h"

#include <math.h>
#include <stdlib.h>

#include "models/org_const.h"

int org_series_weeks(const org_exp *x)
{
    if (!x->s->has_timeline || !x->runs || x->reps == 0)
        return 0;
    return x->runs[0].n_weeks;
}

static double value(const org_rep *r, int stay, int w, int metric)
{
    const double *s = stay ? r->series_stay : r->series;
    if (!s || w >= r->n_weeks)
        return NAN;
    return s[(size_t)w * ORG_TS_COUNT + (size_t)metric];
}

org_summary org_series_summary(const org_exp *x, int m, int h, int stay, int w0, int w1, int metric)
{
    org_summary su = { NAN, NAN, NAN, 0 };
    double *v = malloc((size_t)(x->reps ? x->reps : 1) * sizeof *v);
    if (!v)
        return su;
    int n = 0;
    for (int r = 0; r < x->reps; r++) {
        double sum = 0.0;
        int k = 0;
        for (int w = w0; w < w1; w++) {
            double a = value(org_exp_rep(x, m, h, r), stay, w, metric);
            if (!isnan(a)) {
                sum += a;
                k++;
            }
        }
        if (k > 0)
            v[n++] = sum / k;
    }
    su = org_summarise(v, n);
    free(v);
    return su;
}

/* The first week from which y[w] >= 0 to the end, given that y dipped
 * below 0 before it; 0 when it never dipped; -1 when y ends below 0. */
static int crossing(const double *y, int weeks)
{
    if (weeks == 0 || !(y[weeks - 1] >= 0.0))
        return -1;
    int w = weeks - 1;
    while (w > 0 && y[w - 1] >= 0.0)
        w--;
    return w;
}

/* The paired difference plan − stay of cumulative features delivered in
 * week w over the replications of (m, h), d the replications' room. One
 * replication: no interval, the mean is all there is. */
static org_summary diff_at(const org_exp *x, int m, int h, int w, double *d)
{
    int n = 0;
    for (int r = 0; r < x->reps; r++) {
        const org_rep *rep = org_exp_rep(x, m, h, r);
        double a = value(rep, 0, w, ORG_TS_CUM_FEATURES), b = value(rep, 1, w, ORG_TS_CUM_FEATURES);
        if (!isnan(a) && !isnan(b))
            d[n++] = a - b;
    }
    org_summary su = org_summarise(d, n);
    if (n <= 1)
        su.low = su.high = su.mean;
    return su;
}

org_summary org_series_payback_at(const org_exp *x, int m, int h, int w)
{
    org_summary su = { NAN, NAN, NAN, 0 };
    double *d = malloc((size_t)(x->reps ? x->reps : 1) * sizeof *d);
    if (!d || w < 0 || w >= org_series_weeks(x)) {
        free(d);
        return su;
    }
    su = diff_at(x, m, h, w, d);
    free(d);
    return su;
}

int org_series_payback(const org_exp *x, int m, int h, org_payback *out)
{
    int weeks = org_series_weeks(x);
    out->n = x->reps;
    out->first_event_week = x->s->n_events ? (int)floor(x->s->events[0].day / ORG_DAYS_PER_WEEK) : -1;
    out->week = out->week_early = out->week_late = -1;
    out->dip = 0.0;
    out->dip_week = -1;
    out->dip_high = NAN;
    out->detectable = 0;
    out->final = out->final_low = out->final_high = NAN;
    if (weeks == 0)
        return -1;
    double *d = malloc((size_t)x->reps * sizeof *d);
    double *mean = calloc((size_t)weeks * 3, sizeof *mean);
    if (!d || !mean) {
        free(d);
        free(mean);
        return -1;
    }
    double *lo = mean + weeks, *hi = lo + weeks;
    for (int w = 0; w < weeks; w++) {
        org_summary su = diff_at(x, m, h, w, d);
        mean[w] = su.mean;
        lo[w] = su.low;
        hi[w] = su.high;
        if (mean[w] < out->dip) {
            out->dip = mean[w];
            out->dip_week = w;
            out->dip_high = hi[w];
        }
        out->detectable |= su.n > 1 && (lo[w] > 0.0 || hi[w] < 0.0);
    }
    out->week = crossing(mean, weeks);
    out->week_early = crossing(hi, weeks);
    out->week_late = crossing(lo, weeks);
    out->final = mean[weeks - 1];
    out->final_low = lo[weeks - 1];
    out->final_high = hi[weeks - 1];
    free(d);
    free(mean);
    return 0;
}
