/* report_headline — the headline sentences (report_headline.h). */
#include "report/report_headline.h"

#include <math.h>
#include <stdio.h>

#include "models/org_sim.h"

const report_headline_metric report_headline_metrics[REPORT_HEADLINES] = {
    { "lead_time_p85_days", "p85 lead time", "days", ORG_M_LEAD_P85, 1 },
    { "bus_factor_infra_mean", "the infrastructure bus factor", "people", ORG_M_BUS_INFRA_MEAN, 0 },
    { "nonproduct_fte", "non-product load", "FTE", ORG_M_NONPRODUCT_FTE, 1 },
    { "handoffs_per_feature", "handoffs per feature", "", ORG_M_HANDOFFS, 1 },
    { "time_to_restore_p50_days", "time to restore (p50)", "days", ORG_M_RESTORE_P50, 1 },
};

int report_headline_pick(const report_cmp *cmp, int n, int k, const unsigned char *unstable, int n_hostings,
                         int *skipped)
{
    int best = -1;
    double best_rel = 0.0;
    for (int i = 0; i < n; i++) {
        const report_cmp *c = &cmp[i];
        if (!c->significant || c->k != k)
            continue;
        if (unstable && (unstable[c->a * n_hostings + c->h] || unstable[c->b * n_hostings + c->h])) {
            if (skipped)
                (*skipped)++;
            continue;
        }
        double denom = fmax(fabs(c->mean_a), fabs(c->mean_b));
        double rel = denom > 1e-9 ? fabs(c->mean) / denom : 0.0;
        if (rel > best_rel + 1e-12) {
            best_rel = rel;
            best = i;
        }
    }
    return best;
}

void report_headline_text(const report_cmp *c, const char *const *models, const char *const *hostings, char *buf,
                          size_t n)
{
    const report_headline_metric *hl = &report_headline_metrics[c->k];
    int from = c->b, to = c->a;
    double diff = c->mean, lo = c->low, hi = c->high, vf = c->mean_b, vt = c->mean_a;
    int a_better = hl->lower_is_better ? c->mean < 0 : c->mean > 0;
    if (!a_better) {
        from = c->a;
        to = c->b;
        diff = -c->mean;
        lo = -c->high;
        hi = -c->low;
        vf = c->mean_a;
        vt = c->mean_b;
    }
    snprintf(buf, n, "At %s, moving from %s to %s %s %s from %.3g to %.3g%s%s (%+.3g, 95%% CI %+.3g to %+.3g).",
             hostings[c->h], models[from], models[to], diff < 0 ? "cuts" : "raises", hl->label, vf, vt,
             *hl->unit ? " " : "", hl->unit, diff, lo, hi);
}
