/* org_steady — is the measured window at steady state? (And does one
 * product team's backlog grow through it? org__steady_team_drift.) Weekly series from
 * day 0 of the quantities that settle slowest: knowledge (the mean number of
 * people who know an infrastructure component), the queues (all teams'
 * ready work) and the enablement state (the mean effort factor of the
 * non-product kinds). MSER-5 (sim_warmup) on each series from day 0 gives
 * the warm-up the output asks for; a batch-means drift test of the measured
 * part says whether it still drifts. org_exp_warnings turns both into
 * warnings (docs/model.md "Steady state"). */
#include "models/org_sim_int.h"

#include <stdlib.h>

#include "models/org_exp.h"
#include "sim/sim_warmup.h"

#define DRIFT_BATCHES 5     /* batch means of the measured window (Law 2015 §9.5.3 uses 5–30) */
_Static_assert(ORG_STEADY_MIN_SAMPLES == 2 * DRIFT_BATCHES, "two weekly samples a batch mean at least");

void org__steady_sample(sim *S)
{
    if (org__grow((void **)&S->series, &S->cap_series, S->n_series, sizeof *S->series) != 0) {
        S->fail = 1;
        return;
    }
    org__know_flush(S);
    double bus = 0.0;
    int n = 0;
    for (int c = 0; c < S->n_comps; c++)
        if (S->active[c] && S->infra[c]) {
            bus += org__knowers(S, c);
            n++;
        }
    double queue = 0.0;
    for (int t = 0; t <= S->n_teams; t++)
        queue += (double)org__queue_len(S, t);
    double f = 0.0;
    int nk = 0;
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        if (!org_kind_is_product((org_kind)k)) {
            f += S->enable_factor[k];
            nk++;
        }
    /* Each product team's open features, in the measured window only. */
    if (S->now >= S->w0 - ORG_TIE_EPS && S->n_teams > 0) {
        if (org__grow((void **)&S->team_series, &S->cap_team_series, S->n_team_series,
                      (size_t)S->n_teams * sizeof *S->team_series) != 0) {
            S->fail = 1;
            return;
        }
        double *trow = S->team_series + (size_t)S->n_team_series++ * (size_t)S->n_teams;
        for (int t = 0; t < S->n_teams; t++)
            trow[t] = (double)S->team_open[t];
    }
    double *row = S->series[S->n_series++].v;
    row[ORG_SERIES_BUS] = n ? bus / n : 0.0;
    row[ORG_SERIES_QUEUE] = queue;
    row[ORG_SERIES_ENABLE] = nk ? f / nk : 1.0;
}

int org__steady_team_drift(sim *S, int t, sim_drift *out)
{
    int n = S->n_team_series;
    if (n < ORG_GROW_MIN_SAMPLES || t < 0 || t >= S->n_teams)
        return -1;
    double *x = malloc((size_t)n * sizeof *x);
    if (!x) {
        S->fail = 1;
        return -1;
    }
    for (int i = 0; i < n; i++)
        x[i] = S->team_series[(size_t)i * (size_t)S->n_teams + (size_t)t];
    int rc = sim_drift_test(x, (size_t)n, DRIFT_BATCHES, out);
    free(x);
    return rc;
}

void org__steady_collect(sim *S, double *v)
{
    int n = S->n_series;
    double *x = malloc((size_t)(n ? n : 1) * sizeof *x);
    if (!x) {
        S->fail = 1;
        return;
    }
    /* The first sample at or after the warm-up. */
    int first = 0;
    while (first < n && first * SAMPLE_EVERY_DAYS < S->w0 - ORG_TIE_EPS)
        first++;
    double mser_days = 0.0, drift = 0.0;
    int have_mser = 0, have_drift = 0;
    for (int j = 0; j < ORG_SERIES_COUNT; j++) {
        for (int i = 0; i < n; i++)
            x[i] = S->series[i].v[j];
        sim_mser m;
        if (sim_mser5(x, (size_t)n, &m) == 0) {
            double d = (double)m.truncate * SAMPLE_EVERY_DAYS;
            if (!have_mser || d > mser_days)
                mser_days = d;
            have_mser = 1;
        }
        /* Relative fitted change over the measured window; the queue's
         * scale is its mean plus one item (an empty queue cannot drift by
         * a share of zero). */
        sim_drift dr;
        if (n - first >= ORG_STEADY_MIN_SAMPLES && sim_drift_test(x + first, (size_t)(n - first), DRIFT_BATCHES, &dr) == 0) {
            double scale = j == ORG_SERIES_QUEUE ? fabs(dr.mean) + 1.0 : fabs(dr.mean);
            double rel = scale > 0.0 ? dr.change / scale : 0.0;
            if (!have_drift || fabs(rel) > fabs(drift))
                drift = rel;
            have_drift = 1;
            static const org_metric per_series[ORG_SERIES_COUNT] = {
                [ORG_SERIES_BUS] = ORG_M_DRIFT_BUS, [ORG_SERIES_QUEUE] = ORG_M_DRIFT_QUEUE,
                [ORG_SERIES_ENABLE] = ORG_M_DRIFT_ENABLE
            };
            v[per_series[j]] = rel;
        }
    }
    free(x);
    if (have_mser)
        v[ORG_M_WARMUP_MSER_DAYS] = mser_days;
    if (have_drift)
        v[ORG_M_DRIFT_MAX] = drift;
}
