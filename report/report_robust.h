/* report_robust — how sure a headline is: each headline comparison of a run
 * (report_headline.h) rerun under a fixed set of one-at-a-time perturbations
 * of the model's main modelling choices (docs/calibration.md), each scaled
 * by REPORT_ROBUST_LOW and REPORT_ROBUST_HIGH, on the same random numbers
 * (the same seed and replication indices, so only the perturbation differs),
 * and labelled "robust" when the sign of the paired difference holds under
 * every perturbation, or "fragile: flips when X ×f" naming the first one
 * that flips it. Written to robustness.csv; the terminal report and the
 * deck's executive summary carry the label after each sentence.
 *
 * Ownership: report_robust_run fills a report_robust the caller releases
 * with report_robust_free; the perturbation table it points to is not
 * owned (static, or the caller's, which must outlive it). */
#ifndef REPORT_ROBUST_H
#define REPORT_ROBUST_H

#include <stddef.h>
#include "models/org_types.h"
#include "report/report_headline.h"
#include "util/util_buf.h"

/* The two scalings of every perturbed parameter: -50% and +50% (a value
 * with an upper bound, a probability or share, is capped at it). */
#define REPORT_ROBUST_LOW 0.5
#define REPORT_ROBUST_HIGH 1.5

/* Replications of each perturbed run unless the command says otherwise
 * (never more than the run's own): paired differences on common random
 * numbers need few. */
#define REPORT_ROBUST_DEFAULT_REPS 2

/* One modelling choice to perturb: apply scales it by factor in s (every
 * model's or hosting point's copy where it is per model or hosting point). */
typedef struct report_perturb {
    const char *name;           /* named in labels and robustness.csv, e.g. "specialization" */
    void (*apply)(org_scenario *s, double factor);
} report_perturb;

/* The fixed set (docs/calibration.md, "Robustness labels"). */
extern const report_perturb report_robust_default[];
extern const int report_robust_n_default;

/* One headline comparison under every perturbation. */
typedef struct report_robust_row {
    report_cmp c;               /* the headline (a - b of metric c.k at hosting c.h) */
    double *diff;               /* [2 × n_pert]: mean paired a - b under perturbation p scaled
                                   by LOW (2p) and HIGH (2p + 1); NAN when undefined (owned) */
    double base;                /* the same replications' mean paired a - b without any
                                   perturbation (report_robust_base), NAN until set */
    int flips;                  /* how many of those do not keep the headline's sign */
    char label[160];            /* "robust" or "fragile: flips when specialization ×0.5" */
} report_robust_row;

typedef struct report_robust {
    int n_rows;
    report_robust_row rows[REPORT_HEADLINES];
    const report_perturb *pert; /* not owned */
    int n_pert;
    int reps;                   /* replications of each perturbed run */
} report_robust;

/* Reruns models c.a and c.b at hosting c.h of each of heads[0..n) (n <=
 * REPORT_HEADLINES) under every perturbation of pert[0..n_pert) at both
 * scalings, replications 0..reps-1 of s's seed, on jobs threads, and labels
 * each. s is not changed. 0, or -1 when memory ran out (*out owns nothing). */
int report_robust_run(const org_scenario *s, const report_cmp *heads, int n, const report_perturb *pert,
                      int n_pert, int reps, int jobs, report_robust *out);

/* Sets each row's base: the mean paired a - b over the first r->reps
 * replications of x, the run the reruns perturb (the reruns' own baseline:
 * the headline's difference is over all of x's replications). */
void report_robust_base(report_robust *r, const org_exp *x);
void report_robust_free(report_robust *r);

/* The label of a headline whose difference is base_diff, from diff[0..2n)
 * as in report_robust_row under pert[0..n): writes it into label and
 * returns the number of scalings that do not keep base_diff's sign (NAN or
 * zero counts as not keeping it). Pure. */
int report_robust_label(double base_diff, const double *diff, const report_perturb *pert, int n, char *label,
                        size_t size);

/* Sets picks[i].robust to its row's label where r has a row for the same
 * comparison (same metric, hosting point and models). r may be NULL. */
void report_robust_attach(const report_robust *r, report_cmp *picks, int n);

/* robustness.csv of r for scenario s into buf (util_buf text): one row per
 * headline × perturbation × scaling. 0 or -1 (memory). */
int report_robust_csv(const report_robust *r, const org_scenario *s, util_buf *b);

#endif
