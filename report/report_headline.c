/* report_headline — the headline sentences (report_headline.h). */
#include "report/report_headline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_sim.h"
#include "util/util_msg.h"

const report_headline_metric report_headline_metrics[REPORT_HEADLINES] = {
    { "lead_time_p85_days", "p85 lead time", "days", ORG_M_LEAD_P85, 1 },
    { "bus_factor_infra_mean", "the infrastructure bus factor", "people", ORG_M_BUS_INFRA_MEAN, 0 },
    { "nonproduct_fte", "non-product work", "busy FTE", ORG_M_NONPRODUCT_FTE, 1 },
    { "handoffs_per_feature", "handoffs per feature", "", ORG_M_HANDOFFS, 1 },
    { "time_to_restore_p50_days", "time to restore (p50)", "days", ORG_M_RESTORE_P50, 1 },
};

static int stable_at(const report_cmp *c, const unsigned char *unstable, int n_hostings)
{
    return !unstable || (!unstable[c->a * n_hostings + c->h] && !unstable[c->b * n_hostings + c->h]);
}

/* Whether c says the same as p at another hosting point: +1 (the same two
 * models, in either order, differ significantly in p's direction), -1 (in
 * the opposite direction), 0 (another metric, pair or the same hosting
 * point, not significant, or an unstable design). */
static int agrees(const report_cmp *p, const report_cmp *c, const unsigned char *unstable, int n_hostings)
{
    int same = c->a == p->a && c->b == p->b, swapped = c->a == p->b && c->b == p->a;
    if (c->k != p->k || c->h == p->h || !c->significant || !(same || swapped) || !stable_at(c, unstable, n_hostings))
        return 0;
    double d = swapped ? -c->mean : c->mean;      /* a − b of p, in c's terms */
    if ((d > 0.0 && p->mean > 0.0) || (d < 0.0 && p->mean < 0.0))
        return 1;
    return (d > 0.0 && p->mean < 0.0) || (d < 0.0 && p->mean > 0.0) ? -1 : 0;
}

/* Whether c's direction is the minority one for its pair: the same two
 * models differ significantly the other way at more hosting points than
 * this way (c's own included). */
static int minority(const report_cmp *cmp, int n, const report_cmp *c, const unsigned char *unstable,
                    int n_hostings)
{
    int net = 1;
    for (int i = 0; i < n; i++)
        net += agrees(c, &cmp[i], unstable, n_hostings);
    return net < 0;
}

/* Hosting points at[0..k) as "A, B and C" into buf at o; the new length. */
static size_t list_hostings(const int *at, int k, const char *const *hostings, char *buf, size_t size, size_t o)
{
    for (int i = 0; i < k && o + 1 < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i == 0 ? "" : i == k - 1 ? " and " : ", ", hostings[at[i]]);
    return o < size ? o : size - 1;
}

static void sort_ints(int *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

int report_headline_pick(const report_cmp *cmp, int n, int k, const unsigned char *unstable, int n_hostings,
                         int *skipped)
{
    int best = -1;
    double best_rel = 0.0;
    for (int i = 0; i < n; i++) {
        const report_cmp *c = &cmp[i];
        if (!c->significant || c->k != k)
            continue;
        if (!stable_at(c, unstable, n_hostings)) {
            if (skipped)
                (*skipped)++;
            continue;
        }
        if (minority(cmp, n, c, unstable, n_hostings))
            continue;
        double denom = fmax(fabs(c->mean_a), fabs(c->mean_b));
        double rel = denom > 1e-9 ? fabs(c->mean) / denom : 0.0;
        /* Ties (within the rounding of comparisons.csv's %.10g) go to the
         * first hosting point, then pair, so the terminal report (in the
         * experiment's order) and the deck (in the CSV's) pick the same. */
        const report_cmp *o = best >= 0 ? &cmp[best] : NULL;
        int first = o && (c->h != o->h ? c->h < o->h : c->a != o->a ? c->a < o->a : c->b < o->b);
        if (rel > best_rel + 1e-9 * best_rel + 1e-12 || (o && first && rel >= best_rel - 1e-9 * best_rel)) {
            best_rel = rel;
            best = i;
        }
    }
    return best;
}

/* The hosting points other than cmp[pick]'s at which the same two models
 * differ significantly in pick's direction (dir 1) or the other way (-1),
 * into a new *at (free it), unsorted; *total: the hosting points at which
 * they are compared at all, neither design unstable, pick's included.
 * How many, or -1 (no pick, or out of memory). */
static int pair_points(const report_cmp *cmp, int n, int pick, const unsigned char *unstable, int n_hostings, int dir,
                       int **at, int *total)
{
    *at = NULL;
    *total = 1;
    if (pick < 0 || pick >= n || !(*at = malloc((size_t)n * sizeof **at)))
        return -1;
    const report_cmp *p = &cmp[pick];
    int k = 0;
    for (int i = 0; i < n; i++) {
        const report_cmp *c = &cmp[i];
        int same = c->a == p->a && c->b == p->b, swapped = c->a == p->b && c->b == p->a;
        if (i == pick || c->k != p->k || c->h == p->h || !(same || swapped) || !stable_at(c, unstable, n_hostings))
            continue;
        (*total)++;
        if (agrees(p, c, unstable, n_hostings) == dir)
            (*at)[k++] = c->h;
    }
    return k;
}

int report_headline_reversals(const report_cmp *cmp, int n, int pick, const unsigned char *unstable, int n_hostings,
                              const char *const *hostings, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    int *at, total, k = pair_points(cmp, n, pick, unstable, n_hostings, -1, &at, &total);
    /* in hosting order, each once (a hosting point holds one comparison of a pair) */
    sort_ints(at, k);
    if (k > 0 && size) {
        size_t o = (size_t)snprintf(buf, size, "the opposite holds, significantly, at ");
        list_hostings(at, k, hostings, buf, size, o < size ? o : size - 1);
    }
    free(at);
    return k > 0 ? k : 0;
}

int report_headline_support(const report_cmp *cmp, int n, int pick, const unsigned char *unstable, int n_hostings,
                            const char *const *hostings, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    int *at, total, k = pair_points(cmp, n, pick, unstable, n_hostings, 1, &at, &total);
    if (k < 0) {
        free(at);
        return 0;
    }
    at[k++] = cmp[pick].h;              /* room: pick is not among the others */
    int few = 2 * k < total;
    if (few && size) {
        sort_ints(at, k);
        size_t o = (size_t)snprintf(buf, size, "it holds, significantly, only at ");
        o = list_hostings(at, k, hostings, buf, size, o < size ? o : size - 1);
        if (o + 1 < size)
            snprintf(buf + o, size - o, " (%d of %d hosting points)", k, total);
    }
    free(at);
    return few ? k : 0;
}

/* "1,130", not "1.13e+03": a board reads these (report_headline.h). */
const char *report_headline_num(double v, int plus, char *buf, size_t n)
{
    if (!isfinite(v) || fabs(v) < 999.5) {
        snprintf(buf, n, plus ? "%+.3g" : "%.3g", v);
        return buf;
    }
    double unit = pow(10.0, floor(log10(fabs(v))) - 2.0);
    size_t k = plus && v > 0 && n > 1 ? 1 : 0;
    if (k)
        buf[0] = '+';
    util_fmt_whole(copysign(round(fabs(v) / unit) * unit, v), buf + k, n - k);
    return buf;
}

/* 1 when design a of c does better than b (the sentence goes from b to a). */
static int a_better(const report_cmp *c)
{
    return report_headline_metrics[c->k].lower_is_better ? c->mean < 0 : c->mean > 0;
}

int report_headline_sign(const report_cmp *c)
{
    return a_better(c) ? 1 : -1;
}

int report_headline_policy_note(const report_cmp *c, const char *const *policies, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    if (!policies)
        return 0;
    const char *pf = policies[a_better(c) ? c->b : c->a], *pt = policies[a_better(c) ? c->a : c->b];
    if (!pf || !pt || !*pf || !*pt || !strcmp(pf, pt))
        return 0;
    snprintf(buf, n, "the change policy changes too, from %s to %s", pf, pt);
    return 1;
}

void report_headline_text(const report_cmp *c, const char *const *models, const char *const *hostings,
                          double restore_hours, char *buf, size_t n)
{
    const report_headline_metric *hl = &report_headline_metrics[c->k];
    const char *unit = hl->unit;
    int from = c->b, to = c->a;
    double diff = c->mean, lo = c->low, hi = c->high, vf = c->mean_b, vt = c->mean_a;
    if (!a_better(c)) {
        from = c->a;
        to = c->b;
        diff = -c->mean;
        lo = -c->high;
        hi = -c->low;
        vf = c->mean_a;
        vt = c->mean_b;
    }
    if (hl->org_metric == ORG_M_RESTORE_P50 && restore_hours > 0.0 && fabs(vf) < 2.0 && fabs(vt) < 2.0) {
        vf *= restore_hours;
        vt *= restore_hours;
        diff *= restore_hours;
        lo *= restore_hours;
        hi *= restore_hours;
        unit = "hours";
    }
    char f[5][32];
    snprintf(buf, n, "At %s, moving from %s to %s %s %s from %s to %s%s%s (%s, 95%% CI %s to %s).",
             hostings[c->h], models[from], models[to], diff < 0 ? "cuts" : "raises", hl->label,
             report_headline_num(vf, 0, f[0], sizeof f[0]), report_headline_num(vt, 0, f[1], sizeof f[1]),
             *unit ? " " : "", unit, report_headline_num(diff, 1, f[2], sizeof f[2]),
             report_headline_num(lo, 1, f[3], sizeof f[3]), report_headline_num(hi, 1, f[4], sizeof f[4]));
}

int report_headline_unstable(const org_exp *x, int m, int h)
{
    return org_exp_unstable(x, m, h);
}

static int drifts(const org_exp *x, int m, int h)
{
    org_summary d = org_exp_summary(x, m, h, ORG_M_DRIFT_MAX);
    return org_exp_drifts(d.mean, d.low, d.high, d.n);
}

int report_headline_collect(const org_exp *x, int baseline, report_cmp *picks, int *n_picks, int *skipped,
                            int *n_unstable)
{
    *n_picks = *skipped = *n_unstable = 0;
    if (x->n_models < 2)
        return 0;
    org_diff *d;
    int n = org_exp_compare(x, baseline, &d);
    if (n <= 0) {
        free(n == 0 ? d : NULL);
        return n == 0 ? 0 : -1;
    }
    report_cmp *c = malloc((size_t)n * sizeof *c);
    unsigned char *unstable = malloc((size_t)x->n_models * (size_t)x->n_hostings);
    const char **hostings = malloc((size_t)x->n_hostings * sizeof *hostings);
    if (!c || !unstable || !hostings) {
        free(c);
        free(unstable);
        free(hostings);
        free(d);
        return -1;
    }
    for (int h = 0; h < x->n_hostings; h++)
        hostings[h] = x->s->hostings[h].name;
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++)
            *n_unstable += unstable[m * x->n_hostings + h] = (unsigned char)report_headline_unstable(x, m, h);
    int nc = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < REPORT_HEADLINES; k++)
            if (d[i].metric == report_headline_metrics[k].org_metric)
                c[nc++] = (report_cmp){ k, d[i].h, d[i].a, d[i].b, d[i].mean, d[i].low, d[i].high,
                                        d[i].significant, org_exp_summary(x, d[i].a, d[i].h, d[i].metric).mean,
                                        org_exp_summary(x, d[i].b, d[i].h, d[i].metric).mean, NULL, 0, "", "" };
    for (int k = 0; k < REPORT_HEADLINES && nc; k++) {
        int best = report_headline_pick(c, nc, k, unstable, x->n_hostings, skipped);
        if (best >= 0) {
            report_cmp *p = &picks[(*n_picks)++];
            *p = c[best];
            p->drifts = drifts(x, p->a, p->h) || drifts(x, p->b, p->h);
            report_headline_reversals(c, nc, best, unstable, x->n_hostings, hostings, p->reversed, sizeof p->reversed);
            report_headline_support(c, nc, best, unstable, x->n_hostings, hostings, p->support, sizeof p->support);
        }
    }
    free(hostings);
    free(c);
    free(unstable);
    free(d);
    return 0;
}
