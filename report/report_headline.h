/* report_headline — the report's headline sentences, shared by the terminal
 * report (report.c, from the experiment) and the deck's executive summary
 * (charts_deck.c, from results.json and comparisons.csv): for each key
 * metric, its largest significant relative difference between two designs at
 * one hosting point, phrased from the design that does worse to the one that
 * does better, with its 95% interval. Comparisons that involve an unstable
 * design (a queue that grows without bound, many unfinished features: its
 * number is no steady state) are skipped and counted. Pure functions. */
#ifndef REPORT_HEADLINE_H
#define REPORT_HEADLINE_H

#include <stddef.h>
#include "models/org_exp.h"

/* A design is unstable when a team kind is loaded at or beyond this share of
 * its capacity (its queue grows without bound: results.json warns of it), or
 * more than this share of its measured features did not finish — on average,
 * or both in one replication (org_rep_saturated). */
#define REPORT_UNSTABLE_UTIL ORG_UNSTABLE_UTIL
#define REPORT_UNSTABLE_UNFINISHED ORG_UNSTABLE_UNFINISHED

typedef struct report_headline_metric {
    const char *key;        /* results.json summary key, e.g. "lead_time_p85_days" */
    const char *label;      /* "p85 lead time" */
    const char *unit;       /* "days", "" */
    int org_metric;         /* ORG_M_* */
    int lower_is_better;
} report_headline_metric;

#define REPORT_HEADLINES 5
extern const report_headline_metric report_headline_metrics[REPORT_HEADLINES];

/* One paired comparison: a - b of headline metric k at hosting point h, with
 * the two means. */
typedef struct report_cmp {
    int k, h, a, b;
    double mean, low, high;     /* a - b and its 95% interval */
    int significant;
    double mean_a, mean_b;
    const char *robust;         /* its robustness label (report_robust.h), or NULL: not checked */
    int drifts;                 /* 1: design a or b at h is not at steady state (org_exp_drifts) */
    char reversed[192];         /* report_headline_collect's picks: where the opposite holds
                                   (report_headline_reversals, hosting names), or "" */
    char support[192];          /* …: where it holds when that is under half the hosting points
                                   (report_headline_support), or "" */
} report_cmp;

/* What a headline says of itself when one of its designs drifts. */
#define REPORT_DRIFT_NOTE "not a steady state: the measured window still drifts (see the warnings)"

/* The headline comparison of metric k among cmp[n]: the significant one of
 * largest relative difference (ties within a relative 1e-9 to the first
 * hosting point, then models a and b: the same whatever cmp's order) among
 * those whose direction is not the minority one for their pair (the same
 * two models differ significantly the other way at more hosting points than
 * this way, its own included; a tie is no minority), skipping any whose a or b is unstable
 * (unstable[m * n_hostings + h] != 0; NULL: none is). Adds to *skipped (when
 * not NULL) how many significant comparisons of k were skipped for that.
 * Index into cmp, or -1. */
int report_headline_pick(const report_cmp *cmp, int n, int k, const unsigned char *unstable, int n_hostings,
                         int *skipped);

/* Where the headline cmp[pick] does not hold: the other hosting points at
 * which the same two models (in either order) differ significantly on the
 * same metric in the opposite direction, neither design unstable there
 * (unstable as for report_headline_pick; NULL: none is). Writes "the
 * opposite holds, significantly, at X, Y and Z" (hostings[h] names) into
 * buf, "" when there is none, and returns how many there are. A board
 * reading "at Serverless, A beats B" must learn that B beats A on-prem. */
int report_headline_reversals(const report_cmp *cmp, int n, int pick, const unsigned char *unstable, int n_hostings,
                              const char *const *hostings, char *buf, size_t size);

/* v to about three significant digits, as %.3g does below 1,000 and with
 * thousands separators from there ("1,130", not "1.13e+03"); plus: a sign
 * also on positive values. Returns buf. */
const char *report_headline_num(double v, int plus, char *buf, size_t n);

/* The sentence's direction: +1 when it reports c->mean (it moves from b to
 * a), -1 when it reports -c->mean (from a to b). */
int report_headline_sign(const report_cmp *c);

/* Where the headline cmp[pick] holds, when that is under half the hosting
 * points at which the same two models are compared on the same metric
 * (neither design unstable): "it holds, significantly, only at PaaS and
 * Serverless (2 of 6 hosting points)" into buf, hosting order; "" when it
 * holds at half of them or more. Returns how many it holds at when it
 * writes the note, else 0. A majority pick (report_headline_pick) can still
 * hold at few points: timeseries-feature's bus factor is significant at 2
 * of 6, not significant the other way at the rest. */
int report_headline_support(const report_cmp *cmp, int n, int pick, const unsigned char *unstable, int n_hostings,
                            const char *const *hostings, char *buf, size_t size);

/* The sentence of comparison c, "At H, moving from A to B cuts p85 lead time
 * from 20.5 to 15.4 days (-5.1, 95% CI -6 to -4.2)." with the given names.
 * A time to restore whose two values are under 2 days is given in hours
 * ("from 20.5 to 1.2 hours", not "0.854 to 0.0498 days") when restore_hours,
 * the hours in one of its days, is positive: 24 with the calendar clock
 * (calendar days), hours_per_day without (working days). */
void report_headline_text(const report_cmp *c, const char *const *models, const char *const *hostings,
                          double restore_hours, char *buf,
                          size_t n);

/* When the two designs of c follow different change policies (policies[m]:
 * a model's change_policy, "" or NULL when unnamed), writes "the change
 * policy changes too, from A to B" into buf, in the sentence's direction (from
 * the design that does worse), and returns 1: the difference is not ownership alone
 * (a design is an ownership model × a change policy). Else 0 and "". */
int report_headline_policy_note(const report_cmp *c, const char *const *policies, char *buf, size_t n);

/* 1 when model m at hosting point h of x is unstable (the rule above). */
int report_headline_unstable(const org_exp *x, int m, int h);

/* The headline comparisons of experiment x, every pair compared (or each
 * model against baseline >= 0), as report_headline_pick chooses them: one
 * per key metric that has one, in metric order, into picks (room for
 * REPORT_HEADLINES), each with drifts and reversed set; *n_picks is their count, *skipped the significant
 * comparisons left out for an unstable design, *n_unstable the unstable
 * designs. 0, or -1 when memory ran out. */
int report_headline_collect(const org_exp *x, int baseline, report_cmp *picks, int *n_picks, int *skipped,
                            int *n_unstable);

#endif
