/* test_robust — the robustness labels of headline comparisons
 * (report/report_robust): the label rule on given numbers; a comparison
 * built to flip under exactly one perturbation is labelled fragile naming
 * it; a large structural difference is robust under the fixed set; the
 * reruns do not depend on the number of threads; robustness.csv has a row
 * per headline × perturbation × scaling. */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_exp.h"
#include "report/report_robust.h"
#include "scenario/scen_load.h"
#include "util/util_buf.h"

/* Sized without the flow mechanisms (on by default): the comparisons built
 * here to flip, or to be large, were derived with them off, so they stay off
 * (TEST_FLOW_OFF). */
#define ORG "\"product_teams\": { \"count\": 4, \"size\": 4, \"features_per_week\": 1.0 }, \"central_team\": { \"size\": 5 }," \
            " \"run\": { \"warmup_days\": 60, \"measure_days\": 120, \"drain_max_days\": 150 }, " TEST_FLOW_OFF

static void load(const char *models, org_scenario *s)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "{ \"name\": \"robust\", \"seed\": 7, \"replications\": 3, %s, \"models\": [ %s ],"
             " \"hosting\": [ \"iaas\" ] }", ORG, models);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(buf, strlen(buf), "robust.json", s, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    util_diags_free(&d);
    assert_int_equal(rc, 0);
}

/* The headline of metric k (report_headline_metrics index) of x: it must exist. */
static report_cmp headline(const org_exp *x, int k)
{
    report_cmp picks[REPORT_HEADLINES];
    int n, skipped, n_unstable;
    assert_int_equal(report_headline_collect(x, -1, picks, &n, &skipped, &n_unstable), 0);
    for (int i = 0; i < n; i++)
        if (picks[i].k == k)
            return picks[i];
    print_error("no significant headline for %s\n", report_headline_metrics[k].key);
    fail();
    return picks[0];
}

static void nothing(org_scenario *s, double f)
{
    s->costs.product_engineer_per_year *= f;    /* moves no simulated number */
}

static const report_perturb fake[3] = { { "first", nothing }, { "second", nothing }, { "third", nothing } };

static void test_label_rule(void **state)
{
    (void)state;
    char label[160];
    double all_neg[6] = { -1, -2, -0.5, -3, -1, -1 };
    assert_int_equal(report_robust_label(-2.0, all_neg, fake, 3, label, sizeof label), 0);
    assert_string_equal(label, "robust");
    double one_flip[6] = { -1, -2, -0.5, 0.25, -1, -1 };      /* "second" × HIGH */
    assert_int_equal(report_robust_label(-2.0, one_flip, fake, 3, label, sizeof label), 1);
    assert_string_equal(label, "fragile: flips when second ×1.5");
    double two[6] = { 1, 2, 0.0, NAN, 1, 1 };                 /* zero and undefined do not keep the sign */
    assert_int_equal(report_robust_label(2.0, two, fake, 3, label, sizeof label), 2);
    assert_string_equal(label, "fragile: flips when second ×0.5 (and 1 more)");
}

/* Model b answers clarifications every time (a = traditional_ops: 0.6); the
 * perturbation "b_clarification" at ×0.5 makes b never ask, so b's lead time
 * drops below a's: the headline's sign flips under it and under nothing else. */
static void b_clarification(org_scenario *s, double f)
{
    if (f < 1.0)
        s->models[1].clarification_prob = 0.0;
}

static void test_built_to_flip(void **state)
{
    (void)state;
    org_scenario s;
    load("\"traditional_ops\", { \"name\": \"asks_more\", \"base\": \"traditional_ops\", \"clarification_prob\": 1,"
         " \"clarification_latency_days\": 4 }", &s);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    report_cmp c = headline(&x, 0);                 /* p85 lead time */
    assert_int_equal(c.a, 0);
    assert_int_equal(c.b, 1);
    assert_true(c.mean < 0);                        /* traditional_ops is faster */
    const report_perturb pert[2] = { { "engineer_cost", nothing }, { "b_clarification", b_clarification } };
    report_robust r;
    assert_int_equal(report_robust_run(&s, &c, 1, pert, 2, 2, 2, &r), 0);
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(r.rows[0].flips, 1);
    assert_string_equal(r.rows[0].label, "fragile: flips when b_clarification ×0.5");
    assert_true(r.rows[0].diff[2] > 0);             /* b now faster */
    assert_true(r.rows[0].diff[0] < 0 && r.rows[0].diff[1] < 0 && r.rows[0].diff[3] < 0);
    /* the neutral perturbation reruns the first 2 replications exactly */
    double base = 0;
    for (int i = 0; i < 2; i++)
        base += x.runs[(0 * 1 + 0) * x.reps + i].values[ORG_M_LEAD_P85] - x.runs[(1 * 1 + 0) * x.reps + i].values[ORG_M_LEAD_P85];
    assert_near(r.rows[0].diff[0], base / 2, 1e-12);
    /* the reruns' own baseline, robustness.csv's same_reps_difference: the
     * run's first 2 replications, the neutral rerun's value to the bit */
    assert_true(isnan(r.rows[0].base));
    report_robust_base(&r, &x);
    assert_memory_equal(&r.rows[0].base, &r.rows[0].diff[0], sizeof(double));
    report_cmp picks[1] = { c };
    report_robust_attach(&r, picks, 1);
    assert_ptr_equal(picks[0].robust, r.rows[0].label);
    report_robust_free(&r);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

/* traditional_ops hands every infrastructure task to the ops team,
 * true_devops none: no modelling choice can flip that; and the fixed set's
 * reruns are the same on 1 and on 2 threads. */
static void test_large_difference_robust(void **state)
{
    (void)state;
    org_scenario s;
    load("\"traditional_ops\", \"true_devops\"", &s);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    report_cmp c = headline(&x, 3);                 /* handoffs per feature */
    assert_true(c.mean > 0.5);
    report_robust r1, r2;
    assert_int_equal(report_robust_run(&s, &c, 1, report_robust_default, report_robust_n_default, 2, 1, &r1), 0);
    assert_int_equal(report_robust_run(&s, &c, 1, report_robust_default, report_robust_n_default, 2, 2, &r2), 0);
    assert_string_equal(r1.rows[0].label, "robust");
    assert_int_equal(r1.rows[0].flips, 0);
    for (int j = 0; j < 2 * report_robust_n_default; j++)
        assert_memory_equal(&r1.rows[0].diff[j], &r2.rows[0].diff[j], sizeof(double));
    util_buf b = { 0 };
    assert_int_equal(report_robust_csv(&r1, &s, &b), 0);
    int lines = 0;
    for (size_t i = 0; i < b.n; i++)
        lines += b.p[i] == '\n';
    assert_int_equal(lines, 1 + 2 * report_robust_n_default);
    assert_true(test_contains(b.p, b.n, "handoffs_per_feature,iaas,traditional_ops,true_devops,"));
    util_buf_free(&b);
    report_robust_free(&r1);
    report_robust_free(&r2);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

int test_group_robust(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_rule),
        cmocka_unit_test(test_built_to_flip),
        cmocka_unit_test(test_large_difference_robust),
    };
    return cmocka_run_group_tests_name("robust", tests, NULL, NULL);
}
