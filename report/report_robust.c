/* report_robust — robustness labels of the headline comparisons
 * (report_robust.h). */
#include "report/report_robust.h"
#include "report/charts_label.h"
#include "models/org_sim.h"
#include "util/util_buf.h"
#include "util/util_csv.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------ the fixed perturbations */

static double capped(double v, double factor, double cap)
{
    return fmin(v * factor, cap);
}

static void p_specialization(org_scenario *s, double f)
{
    s->knowledge.specialization = capped(s->knowledge.specialization, f, 1.0);
}

static void p_context_gain(org_scenario *s, double f)
{
    s->knowledge.context_gain_per_day = capped(s->knowledge.context_gain_per_day, f, 1.0);
}

static void p_context_half_life(org_scenario *s, double f)
{
    s->knowledge.context_half_life_days *= f;
}

static void p_clarification(org_scenario *s, double f)
{
    for (int m = 0; m < s->n_models; m++)
        s->models[m].clarification_prob = capped(s->models[m].clarification_prob, f, 1.0);
}

static void p_evaluation(org_scenario *s, double f)
{
    for (int m = 0; m < s->n_models; m++)
        s->models[m].evaluation_delay_days *= f;
}

static void p_cfr_gap(org_scenario *s, double f)
{
    s->incidents.change_failure_context_gap
        = capped(s->incidents.change_failure_context_gap, f, 1.0 - s->incidents.change_failure_base);
}

static void p_restore_context(org_scenario *s, double f)
{
    s->incidents.context_gap_factor *= f;
}

static void p_test_automation(org_scenario *s, double f)
{
    for (int h = 0; h < s->n_hostings; h++)
        s->hostings[h].test_automation = capped(s->hostings[h].test_automation, f, 1.0);
}

static void p_effort_cut(org_scenario *s, double f)
{
    s->enablement.effort_cut = capped(s->enablement.effort_cut, f, 0.99);
}

static void p_review_share(org_scenario *s, double f)
{
    s->flow.review_share = capped(s->flow.review_share, f, 1.0);
}

static void p_continuity(org_scenario *s, double f)
{
    s->flow.continuity = capped(s->flow.continuity, f, 1.0);   /* at 1, ×1.5 reruns the baseline */
}

/* The spread stays below the widest a Beta of the mean share allows. */
static void p_interruption_sd(org_scenario *s, double f)
{
    double m = s->flow.interruption_share;
    double widest = m > 0.0 && m < 1.0 ? 0.99 * sqrt(m * (1.0 - m)) : 0.0;
    s->flow.interruption_sd = capped(s->flow.interruption_sd, f, widest < 0.5 ? widest : 0.5);
}

/* The modelling choices that move the headline metrics most (lead time
 * through dispatch, learning, clarification and evaluation; the bus factor
 * through learning and forgetting; restore time and non-product load through
 * change failure, diagnosis and enablement; work inside a team through
 * reviews, continuity and the spread of meetings). docs/calibration.md gives each
 * one's default and reason. */
const report_perturb report_robust_default[] = {
    { "specialization", p_specialization },
    { "context_gain_per_day", p_context_gain },
    { "context_half_life_days", p_context_half_life },
    { "clarification_prob", p_clarification },
    { "evaluation_delay_days", p_evaluation },
    { "change_failure_context_gap", p_cfr_gap },
    { "context_gap_factor", p_restore_context },
    { "test_automation", p_test_automation },
    { "effort_cut", p_effort_cut },
    { "review_share", p_review_share },
    { "continuity", p_continuity },
    { "interruption_sd", p_interruption_sd },
};
const int report_robust_n_default = (int)(sizeof report_robust_default / sizeof report_robust_default[0]);

static double scaling(int j)
{
    return j % 2 ? REPORT_ROBUST_HIGH : REPORT_ROBUST_LOW;
}

/* ------------------------------------------------------------ labels */

int report_robust_label(double base_diff, const double *diff, const report_perturb *pert, int n, char *label,
                        size_t size)
{
    int flips = 0, first = -1;
    for (int j = 0; j < 2 * n; j++) {
        int holds = base_diff > 0 ? diff[j] > 0 : base_diff < 0 ? diff[j] < 0 : 0;
        if (!holds && flips++ == 0)
            first = j;
    }
    if (!flips)
        snprintf(label, size, "robust");
    else if (flips == 1)
        snprintf(label, size, "fragile: flips when %s ×%g", pert[first / 2].name, scaling(first));
    else
        snprintf(label, size, "fragile: flips when %s ×%g (and %d more)", pert[first / 2].name, scaling(first),
                 flips - 1);
    return flips;
}

void report_robust_attach(const report_robust *r, report_cmp *picks, int n)
{
    for (int i = 0; r && i < n; i++)
        for (int j = 0; j < r->n_rows; j++) {
            const report_cmp *c = &r->rows[j].c;
            if (c->k == picks[i].k && c->h == picks[i].h && c->a == picks[i].a && c->b == picks[i].b)
                picks[i].robust = r->rows[j].label;
        }
}

/* ------------------------------------------------------------ running */

/* The (model, hosting) cells the headlines need, each once. */
static int cells_of(const report_cmp *heads, int n, int cell[][2])
{
    int nc = 0;
    for (int i = 0; i < n; i++) {
        int want[2][2] = { { heads[i].a, heads[i].h }, { heads[i].b, heads[i].h } };
        for (int w = 0; w < 2; w++) {
            int found = 0;
            for (int c = 0; c < nc && !found; c++)
                found = cell[c][0] == want[w][0] && cell[c][1] == want[w][1];
            if (!found) {
                cell[nc][0] = want[w][0];
                cell[nc][1] = want[w][1];
                nc++;
            }
        }
    }
    return nc;
}

/* Copies of s under each perturbation and scaling: each owns only its
 * models and hosting points (the arrays perturbations change); everything
 * else is shared with s, read-only. */
static org_scenario *perturbed_copies(const org_scenario *s, const report_perturb *pert, int n_pert)
{
    int n = 2 * n_pert;
    org_scenario *v = calloc((size_t)n, sizeof *v);
    for (int j = 0; v && j < n; j++) {
        v[j] = *s;
        v[j].models = malloc((size_t)s->n_models * sizeof *s->models);
        v[j].hostings = malloc((size_t)s->n_hostings * sizeof *s->hostings);
        if (!v[j].models || !v[j].hostings) {
            for (int i = 0; i <= j; i++) {
                free(v[i].models);
                free(v[i].hostings);
            }
            free(v);
            return NULL;
        }
        memcpy(v[j].models, s->models, (size_t)s->n_models * sizeof *s->models);
        memcpy(v[j].hostings, s->hostings, (size_t)s->n_hostings * sizeof *s->hostings);
        pert[j / 2].apply(&v[j], scaling(j));
    }
    return v;
}

static void copies_free(org_scenario *v, int n)
{
    for (int j = 0; v && j < n; j++) {
        free(v[j].models);
        free(v[j].hostings);
    }
    free(v);
}

/* Runs every (scaling, cell, replication) job: val[job × REPORT_HEADLINES + k]
 * the headline metric k. 0 or -1 (memory). */
static int run_jobs(const org_scenario *v, int n_var, int cell[][2], int nc, int reps, int jobs, double *val)
{
    long total = (long)n_var * nc * reps;
    int failed = 0;
    if (jobs <= 0)
        jobs = omp_get_num_procs();
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs) reduction(| : failed)
    for (long j = 0; j < total; j++) {
        int r = (int)(j % reps), c = (int)(j / reps % nc), var = (int)(j / reps / nc);
        org_sim_opts so;
        org_sim_opts_init(&so);
        org_rep rep;
        if (org_sim_run(&v[var], cell[c][0], cell[c][1], r, &so, &rep) != 0) {
            failed = 1;
            continue;
        }
        for (int k = 0; k < REPORT_HEADLINES; k++)
            val[j * REPORT_HEADLINES + k] = rep.values[report_headline_metrics[k].org_metric];
        org_rep_destroy(&rep);
    }
    return failed ? -1 : 0;
}

static int cell_index(int cell[][2], int nc, int m, int h)
{
    for (int c = 0; c < nc; c++)
        if (cell[c][0] == m && cell[c][1] == h)
            return c;
    return -1;
}

int report_robust_run(const org_scenario *s, const report_cmp *heads, int n, const report_perturb *pert,
                      int n_pert, int reps, int jobs, report_robust *out)
{
    memset(out, 0, sizeof *out);
    if (n > REPORT_HEADLINES)
        n = REPORT_HEADLINES;
    int cell[2 * REPORT_HEADLINES][2], nc = cells_of(heads, n, cell), n_var = 2 * n_pert;
    org_scenario *v = perturbed_copies(s, pert, n_pert);
    double *val = malloc(((size_t)n_var * (size_t)nc * (size_t)reps * REPORT_HEADLINES + 1) * sizeof *val);
    int rc = v && val ? run_jobs(v, n_var, cell, nc, reps, jobs, val) : -1;
    out->pert = pert;
    out->n_pert = n_pert;
    out->reps = reps;
    for (int i = 0; rc == 0 && i < n; i++) {
        report_robust_row *row = &out->rows[out->n_rows++];
        row->c = heads[i];
        row->c.robust = NULL;
        row->base = (double)NAN;
        row->diff = malloc((size_t)n_var * sizeof *row->diff);
        if (!row->diff) {
            rc = -1;
            break;
        }
        int ca = cell_index(cell, nc, heads[i].a, heads[i].h), cb = cell_index(cell, nc, heads[i].b, heads[i].h);
        int k = heads[i].k;
        for (int var = 0; var < n_var; var++) {
            double sum = 0.0;
            int used = 0;
            for (int r = 0; r < reps; r++) {
                double ya = val[(((size_t)var * (size_t)nc + (size_t)ca) * (size_t)reps + (size_t)r) * REPORT_HEADLINES + (size_t)k];
                double yb = val[(((size_t)var * (size_t)nc + (size_t)cb) * (size_t)reps + (size_t)r) * REPORT_HEADLINES + (size_t)k];
                if (isfinite(ya) && isfinite(yb)) {
                    sum += ya - yb;
                    used++;
                }
            }
            row->diff[var] = used ? sum / used : (double)NAN;
        }
        row->flips = report_robust_label(heads[i].mean, row->diff, pert, n_pert, row->label, sizeof row->label);
    }
    copies_free(v, n_var);
    free(val);
    if (rc != 0)
        report_robust_free(out);
    return rc;
}

void report_robust_base(report_robust *r, const org_exp *x)
{
    for (int i = 0; i < r->n_rows; i++) {
        report_robust_row *row = &r->rows[i];
        int metric = report_headline_metrics[row->c.k].org_metric, used = 0;
        double sum = 0.0;
        for (int rep = 0; rep < r->reps && rep < x->reps; rep++) {
            double ya = org_exp_rep(x, row->c.a, row->c.h, rep)->values[metric];
            double yb = org_exp_rep(x, row->c.b, row->c.h, rep)->values[metric];
            if (isfinite(ya) && isfinite(yb)) {
                sum += ya - yb;
                used++;
            }
        }
        row->base = used ? sum / used : (double)NAN;
    }
}

void report_robust_free(report_robust *r)
{
    for (int i = 0; i < r->n_rows; i++)
        free(r->rows[i].diff);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ the CSV */

int report_robust_csv(const report_robust *r, const org_scenario *s, util_buf *b)
{
    util_buf_add(b, "metric,hosting,model_a,model_b,difference,ci95_low,ci95_high,perturbation,factor,"
                    "perturbed_difference,replications,sign_holds,label,same_reps_difference\n");
    for (int i = 0; i < r->n_rows; i++) {
        const report_robust_row *row = &r->rows[i];
        const report_cmp *c = &row->c;
        for (int j = 0; j < 2 * r->n_pert; j++) {
            double d = row->diff[j];
            int holds = c->mean > 0 ? d > 0 : c->mean < 0 ? d < 0 : 0;
            util_buf_add(b, "%s,", report_headline_metrics[c->k].key);
            util_csv_field(b, s->hostings[c->h].name);
            util_buf_add(b, ",");
            util_csv_field(b, s->models[c->a].name);
            util_buf_add(b, ",");
            util_csv_field(b, s->models[c->b].name);
            util_buf_add(b, ",");
            charts_csv_num(b, c->mean);
            util_buf_add(b, ",");
            charts_csv_num(b, c->low);
            util_buf_add(b, ",");
            charts_csv_num(b, c->high);
            util_buf_add(b, ",%s,%g,", r->pert[j / 2].name, scaling(j));
            charts_csv_num(b, d);
            util_buf_add(b, ",%d,%d,", r->reps, holds);
            util_csv_field(b, row->label);
            util_buf_add(b, ",");
            charts_csv_num(b, row->base);
            util_buf_add(b, "\n");
        }
    }
    return b->err ? -1 : 0;
}
