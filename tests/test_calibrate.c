/* test_calibrate — OBSERVED.json for `devopsim calibrate`: every form of a
 * figure and its tolerance, the default tolerance, the figures' conversion
 * from the simulation's metrics, and the errors a user meets, each at its
 * JSON path. The fit itself is tested end to end (tests/e2e/test_calibrate.sh:
 * recovery of known parameters, an impossible set, --jobs). */
#include "tests/testutil.h"
#include <stdio.h>
#include <string.h>
#include "models/org_const.h"
#include "sweep/sweep_observed.h"

static int parse(const char *text, sweep_observed *o, util_diags *d)
{
    util_diags_init(d);
    return sweep_observed_parse(text, strlen(text), "obs.json", o, d);
}

static void test_observed_forms(void **state)
{
    (void)state;
    sweep_observed o;
    util_diags d;
    const char *text =
        "{\"model\": \"devops_team\", \"hosting\": \"iaas\", \"tolerance\": \"20%\", \"observed\": {\n"
        " \"lead_time_p85_days\": 18,\n"
        " \"utilization_central\": {\"value\": 0.7, \"tolerance\": 0.05},\n"
        " \"incidents_per_week\": {\"value\": 4, \"tolerance\": \"5%\"},\n"
        " \"change_failure_rate\": {\"value\": 0, \"tolerance\": 0.02}}}";
    assert_int_equal(parse(text, &o, &d), 0);
    util_diags_free(&d);
    assert_string_equal(o.model, "devops_team");
    assert_string_equal(o.hosting, "iaas");
    assert_int_equal(o.n, 4);
    /* file order; the file's 20% for the figure without its own */
    assert_int_equal(o.items[0].figure, SWEEP_OBS_ORG_M_LEAD_P85);
    assert_near(o.items[0].tolerance, 3.6, 1e-12);
    assert_near(o.items[0].tol_pct, 20, 0);
    assert_int_equal(o.items[1].figure, SWEEP_OBS_ORG_M_UTIL_CENTRAL);
    assert_near(o.items[1].tolerance, 0.05, 0);
    assert_near(o.items[1].tol_pct, 0, 0);
    assert_near(o.items[2].tolerance, 0.2, 1e-12);
    assert_near(o.items[3].value, 0, 0);
    /* without a file tolerance: 10% */
    assert_int_equal(parse("{\"observed\": {\"features_per_week\": 50}}", &o, &d), 0);
    util_diags_free(&d);
    assert_near(o.items[0].tolerance, 50 * SWEEP_OBS_DEFAULT_TOL_PCT / 100, 1e-12);
    assert_string_equal(o.model, "");
    /* counts become rates per working week of the measured window */
    org_scenario s;
    memset(&s, 0, sizeof s);
    s.run.measure_days = 200;
    assert_near(sweep_obs_scale(SWEEP_OBS_ORG_M_FEATURES_DONE, &s), ORG_DAYS_PER_WEEK / 200, 1e-15);
    assert_near(sweep_obs_scale(SWEEP_OBS_ORG_M_LEAD_P50, &s), 1, 0);
    assert_int_equal(sweep_obs_metric(SWEEP_OBS_ORG_M_INCIDENTS), ORG_M_INCIDENTS);
    assert_string_equal(sweep_obs_name(SWEEP_OBS_ORG_M_TICKET_WAIT_MEAN), "ticket_wait_mean_days");
    /* the product teams' busy share, as a company's time-sheets give it: without it a fit can
     * reproduce lead times with product teams three-quarters idle (acme's example) */
    assert_int_equal(parse("{\"observed\": {\"utilization_product\": {\"value\": 0.6, \"tolerance\": 0.05}}}",
                           &o, &d), 0);
    util_diags_free(&d);
    assert_int_equal(o.items[0].figure, SWEEP_OBS_ORG_M_UTIL_PRODUCT);
    assert_int_equal(sweep_obs_metric(SWEEP_OBS_ORG_M_UTIL_PRODUCT), ORG_M_UTIL_PRODUCT);
    assert_string_equal(sweep_obs_unit(SWEEP_OBS_ORG_M_UTIL_PRODUCT), "share");
}

static void expect_bad(const char *text, const char *where, const char *what)
{
    sweep_observed o;
    util_diags d;
    assert_int_equal(parse(text, &o, &d), -1);
    char both[512];
    snprintf(both, sizeof both, "%s: ", where);
    if (!util_diags_contains(&d, what) || !util_diags_contains(&d, both)) {
        util_diags_print(&d, stderr);
        fail_msg("expected '%s' at %s", what, where);
    }
    util_diags_free(&d);
}

static void test_observed_errors(void **state)
{
    (void)state;
    sweep_observed o;
    util_diags d;
    assert_int_equal(parse("{\"observed\":\n {\"features_per_week\": 5,, }}", &o, &d), -1);
    assert_int_equal(d.items[0].line, 2);
    util_diags_free(&d);
    expect_bad("[]", "$", "must be an object");
    expect_bad("{}", "$", "missing \"observed\"");
    expect_bad("{\"observd\": {}}", "$", "did you mean 'observed'");
    expect_bad("{\"observed\": []}", "$.observed", "at least one figure");
    expect_bad("{\"observed\": {\"lead_time_p58_days\": 3}}", "$.observed.lead_time_p58_days", "unknown figure");
    expect_bad("{\"observed\": {\"deploys_per_wek\": 3}}", "$.observed.deploys_per_wek", "did you mean 'deploys_per_week'");
    expect_bad("{\"observed\": {\"features_per_week\": -1}}", "$.observed.features_per_week", "at least 0");
    expect_bad("{\"observed\": {\"features_per_week\": \"5\"}}", "$.observed.features_per_week", "must be a number");
    expect_bad("{\"observed\": {\"features_per_week\": {\"value\": true}}}", "$.observed.features_per_week.value",
               "must be a number");
    expect_bad("{\"observed\": {\"features_per_week\": {\"tolerance\": 1}}}", "$.observed.features_per_week",
               "missing \"value\"");
    expect_bad("{\"observed\": {\"features_per_week\": {\"value\": 5, \"tol\": 1}}}", "$.observed.features_per_week",
               "unknown key");
    expect_bad("{\"observed\": {\"utilization_central\": 80}}", "$.observed.utilization_central", "is a share");
    expect_bad("{\"observed\": {\"utilization_product\": 1.2}}", "$.observed.utilization_product", "is a share");
    expect_bad("{\"observed\": {\"utilisation_product\": 0.5}}", "$.observed.utilisation_product",
               "did you mean 'utilization_product'");
    expect_bad("{\"observed\": {\"features_per_week\": {\"value\": 5, \"tolerance\": -1}}}",
               "$.observed.features_per_week.tolerance", "positive");
    expect_bad("{\"observed\": {\"features_per_week\": {\"value\": 5, \"tolerance\": \"0%\"}}}",
               "$.observed.features_per_week.tolerance", "percentage");
    expect_bad("{\"observed\": {\"incidents_per_week\": 0}}", "$.observed.incidents_per_week",
               "give an absolute tolerance");
    expect_bad("{\"tolerance\": 2, \"observed\": {\"features_per_week\": 5}}", "$.tolerance", "must be a percentage");
    expect_bad("{\"model\": 3, \"observed\": {\"features_per_week\": 5}}", "$.model", "name of one of the scenario's models");
}

int test_group_calibrate(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_observed_forms),
        cmocka_unit_test(test_observed_errors),
    };
    return cmocka_run_group_tests_name("calibrate", tests, NULL, NULL);
}
