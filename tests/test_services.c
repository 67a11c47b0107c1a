/* test_services — services apart from teams and hosting plans: one service
 * per team is what a team without "services" was; a plan with every
 * service on one hosting point is that hosting point; toil and incidents
 * are per service; features touch one or two services; the loader's
 * errors for services and plans. */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_exp.h"
#include "scenario/scen_load.h"

static int load(const char *text, org_scenario *s)
{
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(text, strlen(text), "svc.json", s, &d);
    if (rc != 0) {
        util_diags_print(&d, stderr);
        fprintf(stderr, "scenario was: %s\n", text);
    }
    util_diags_free(&d);
    return rc;
}

static void load_bad(const char *text, const char *needle)
{
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    int rc = scen_load_text(text, strlen(text), "svc.json", &s, &d);
    if (rc == 0)
        org_scenario_destroy(&s);
    if (rc == 0 || !util_diags_contains(&d, needle)) {
        util_diags_print(&d, stderr);
        fprintf(stderr, "expected a problem containing: %s\n", needle);
    }
    assert_int_not_equal(rc, 0);
    assert_true(util_diags_contains(&d, needle));
    util_diags_free(&d);
}

static int metric_index(const org_scenario *s, const char *name)
{
    char buf[128];
    for (int i = 0; i < org_metric_count(s); i++)
        if (!strcmp(org_metric_name(s, i, buf, sizeof buf), name))
            return i;
    return -1;
}

/* Runs a and b and asserts that every value of every replication at every
 * (model, column) is the same double. */
static void assert_same_results(const char *a, const char *b)
{
    org_scenario sa, sb;
    assert_int_equal(load(a, &sa), 0);
    assert_int_equal(load(b, &sb), 0);
    assert_int_equal(sa.n_hostings, sb.n_hostings);
    org_exp xa, xb;
    assert_int_equal(org_exp_run(&sa, 0, 2, NULL, NULL, NULL, &xa), 0);
    assert_int_equal(org_exp_run(&sb, 0, 2, NULL, NULL, NULL, &xb), 0);
    int n = org_metric_count(&sa), compared = 0;
    for (int m = 0; m < sa.n_models; m++)
        for (int h = 0; h < sa.n_hostings; h++)
            for (int r = 0; r < xa.reps; r++) {
                const org_rep *ra = org_exp_rep(&xa, m, h, r), *rb = org_exp_rep(&xb, m, h, r);
                for (int i = 0; i < n; i++) {
                    double va = ra->values[i], vb = rb->values[i];
                    if (!(va == vb || (isnan(va) && isnan(vb)))) {
                        char name[128];
                        fprintf(stderr, "%s at model %d column %d rep %d: %.17g against %.17g\n",
                                org_metric_name(&sa, i, name, sizeof name), m, h, r, va, vb);
                        fail();
                    }
                    compared++;
                }
            }
    assert_true(compared > 100);
    org_exp_destroy(&xa);
    org_exp_destroy(&xb);
    org_scenario_destroy(&sa);
    org_scenario_destroy(&sb);
}

#define SMALL "\"seed\": 11, \"replications\": 3, " \
    "\"run\": { \"warmup_days\": 40, \"measure_days\": 200, \"drain_max_days\": 200 }, " \
    "\"central_team\": { \"size\": 3 }, \"models\": [\"devops_team\", \"true_devops\"], "

/* A team without "services" is a team with one service named after it. */
static void test_one_service_per_team(void **state)
{
    (void)state;
    assert_same_results(
        "{" SMALL "\"hosting\": [\"iaas\", \"paas\"], \"teams\": ["
        "{\"name\": \"a\", \"size\": 4, \"features_per_week\": 1.5},"
        "{\"name\": \"b\", \"size\": 5, \"features_per_week\": 1, \"stack\": {\"db\": \"cassandra\"}}]}",
        "{" SMALL "\"hosting\": [\"iaas\", \"paas\"], \"teams\": ["
        "{\"name\": \"a\", \"size\": 4, \"features_per_week\": 1.5, \"services\": [\"a\"]},"
        "{\"name\": \"b\", \"size\": 5, \"features_per_week\": 1, \"services\": "
        "[{\"name\": \"b\", \"stack\": {\"db\": \"cassandra\"}}]}]}");
}

/* Several services per team: a plan with every service on one hosting point
 * is that hosting point as a column, whatever the services' own hosting. */
static void test_plan_on_one_point(void **state)
{
    (void)state;
    const char *teams = "\"teams\": ["
        "{\"name\": \"a\", \"size\": 5, \"features_per_week\": 1.5, \"services\": ["
        "{\"name\": \"checkout\", \"weight\": 2, \"hosting\": \"paas\"}, \"cart\", "
        "{\"name\": \"search\", \"stack\": {\"db\": \"cassandra\"}, \"hosting\": \"on_prem\"}]},"
        "{\"name\": \"b\", \"size\": 4, \"features_per_week\": 1}]";
    char a[2048], b[2048];
    snprintf(a, sizeof a, "{" SMALL "\"hosting\": [\"iaas\"], %s}", teams);
    snprintf(b, sizeof b, "{" SMALL "%s, \"hosting_plans\": [{\"name\": \"everything-iaas\", "
             "\"services\": {\"checkout\": \"iaas\", \"cart\": \"iaas\", \"search\": \"iaas\", \"b\": \"iaas\"}}]}",
             teams);
    assert_same_results(a, b);
    /* and the same through "default" */
    snprintf(b, sizeof b, "{" SMALL "%s, \"hosting_plans\": [{\"name\": \"iaas\", \"default\": \"iaas\"}]}", teams);
    assert_same_results(a, b);
}

/* The mean of a metric over the replications of column h. */
static double mean_at(const char *text, const char *metric, int h)
{
    org_scenario s;
    assert_int_equal(load(text, &s), 0);
    int i = metric_index(&s, metric);
    assert_true(i >= 0);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    double mean = org_exp_summary(&x, 0, h, i).mean;
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    return mean;
}

#define TOIL_FMT "{\"seed\": 5, \"replications\": 20, " \
        "\"run\": { \"warmup_days\": 0, \"measure_days\": 1000, \"drain_max_days\": 0 }, " \
        "\"central_team\": { \"size\": 2 }, \"models\": [\"true_devops\"], " \
        "\"hosting\": [{\"name\": \"h\", \"base\": \"iaas\", \"toil_days_per_service_week\": 1, " \
        "\"incidents_per_service_week\": 0.5}], " \
        "\"upkeep\": { \"days_per_component_week\": 0, \"days_per_technology_week\": 0 }, " \
        "\"people\": { \"attrition_per_year\": 0 }, " \
        "\"teams\": [{\"name\": \"a\", \"size\": 20, \"features_per_week\": 0, \"services\": [%s]}]}"

/* Toil and incidents arrive per service: a team with two services has twice
 * the toil and incidents of the same team with one. No features, no
 * upkeep, no attrition: the product team's toil time is the sum of its
 * services' toil items (compound Poisson). Over 20 replications of 200
 * weeks at 1 toil day per service-week (items of mean 0.5 days: variance
 * 2 × 0.5² × 2 × 200 = 200 day² per replication and service) the mean toil
 * of one service has a standard error of sqrt(200 / 20) / 200 = 1.6%; the
 * second service's is independent, so the ratio's standard error is about
 * 2 × 1.6% / sqrt(2) ≈ 0.045, and 0.2 is more than 4 of them. Incidents:
 * Poisson, 0.5 a week, 100 per replication and service, ratio standard
 * error 2 × sqrt(1 / 2000) ≈ 0.045; the same 0.2. */
static void test_toil_and_incidents_per_service(void **state)
{
    (void)state;
    char one[2048], two[2048];
    snprintf(one, sizeof one, TOIL_FMT, "\"s1\"");
    snprintf(two, sizeof two, TOIL_FMT, "\"s1\", \"s2\"");
    double toil1 = mean_at(one, "time_share_product_toil", 0), toil2 = mean_at(two, "time_share_product_toil", 0);
    assert_true(toil1 > 0.0);
    assert_near(toil2 / toil1, 2.0, 0.2);
    double inc1 = mean_at(one, "incidents", 0), inc2 = mean_at(two, "incidents", 0);
    assert_true(inc1 > 50.0);
    assert_near(inc2 / inc1, 2.0, 0.2);
}

#define TWO_FMT "{\"seed\": 9, \"replications\": 8, " \
        "\"run\": { \"warmup_days\": 50, \"measure_days\": 750, \"drain_max_days\": 300 }, " \
        "\"central_team\": { \"size\": 3 }, \"models\": [\"true_devops\"], \"hosting\": [\"paas\"], " \
        "\"teams\": [{\"name\": \"a\", \"size\": 10, \"features_per_week\": 1, " \
        "\"second_service_probability\": %s, \"services\": [\"s1\", {\"name\": \"s2\", \"weight\": 3}]}]}"

/* A feature touches one of its team's services, and with
 * second_service_probability a second one too (its tasks once per service):
 * at probability 1 every feature is twice the product work. Light load (one
 * feature a week for 10 engineers), so the product time share is the work
 * arriving. The first service's tasks are the same features in both arms
 * (the second's come from another stream), so the ratio is 1 + B/A with B
 * and A sums of 1,200 independent features' work: with a coefficient of
 * variation of about 1 per feature, a standard error of about
 * sqrt(2 / 1200) ≈ 0.04, and 0.2 is 5 of them. */
static void test_feature_touches_two_services(void **state)
{
    (void)state;
    char p0[2048], p1[2048];
    snprintf(p0, sizeof p0, TWO_FMT, "0");
    snprintf(p1, sizeof p1, TWO_FMT, "1");
    double w0 = mean_at(p0, "time_share_product_product", 0), w1 = mean_at(p1, "time_share_product_product", 0);
    assert_true(w0 > 0.0);
    assert_near(w1 / w0, 2.0, 0.2);
}

/* 12 services for 8 teams: loads, runs, gives finite lead times; plans are
 * the columns. */
static void test_twelve_services_eight_teams(void **state)
{
    (void)state;
    /* teams t0..t3 own two services (s and x), t4..t7 one */
    char text[4096];
    int o = snprintf(text, sizeof text, "{" SMALL "\"teams\": [");
    for (int t = 0; t < 8; t++) {
        char x[32] = "";
        if (t < 4)
            snprintf(x, sizeof x, ", \"x%d\"", t);
        o += snprintf(text + o, sizeof text - (size_t)o, "%s{\"name\": \"t%d\", \"size\": 5, "
                      "\"features_per_week\": 0.8, \"services\": [\"s%d\"%s]}", t ? "," : "", t, t, x);
    }
    snprintf(text + o, sizeof text - (size_t)o, "], \"hosting_plans\": ["
             "{\"name\": \"all-vms\", \"default\": \"iaas\"}, "
             "{\"name\": \"half-paas\", \"default\": \"iaas\", \"services\": "
             "{\"s0\": \"paas\", \"s1\": \"paas\", \"s2\": \"paas\", \"s3\": \"paas\", \"x0\": \"paas\", "
             "\"x1\": \"paas\"}}]}");
    org_scenario s;
    assert_int_equal(load(text, &s), 0);
    assert_int_equal(s.n_teams, 8);
    assert_int_equal(s.n_services, 12);
    assert_int_equal(s.n_hostings, 2);
    assert_string_equal(s.hostings[1].name, "half-paas");
    assert_string_equal(org_plan_hosting(&s, 1, s.teams[0].first_service + 1)->name, "paas");
    assert_string_equal(org_plan_hosting(&s, 1, s.teams[7].first_service)->name, "iaas");
    int lead = metric_index(&s, "lead_time_p85_days");
    assert_true(lead >= 0);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    for (int m = 0; m < s.n_models; m++)
        for (int h = 0; h < s.n_hostings; h++) {
            double v = org_exp_summary(&x, m, h, lead).mean;
            assert_true(isfinite(v) && v > 0.0);
        }
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

static void test_errors(void **state)
{
    (void)state;
    load_bad("{\"teams\": [{\"name\": \"a\", \"services\": [\"checkout\", \"cart\"]}, "
             "{\"name\": \"b\", \"services\": [\"checkout\"]}]}",
             "$.teams[1].services[0]: service 'checkout' is owned by two teams: 'a' ($.teams[0].services[0]) and 'b'");
    load_bad("{\"teams\": [{\"name\": \"a\", \"services\": [\"checkout\"]}, {\"name\": \"checkout\"}]}",
             "$.teams[1]: service 'checkout' is owned by two teams");
    load_bad("{\"teams\": [{\"name\": \"a\", \"services\": [\"x\", \"x\"]}]}",
             "$.teams[0].services[1]: duplicate service 'x' in team 'a'");
    load_bad("{\"teams\": [{\"name\": \"a\", \"services\": []}]}", "$.teams[0].services: must be a non-empty array");
    load_bad("{\"teams\": [{\"name\": \"a\", \"services\": [{\"name\": \"x\", \"wieght\": 2}]}]}",
             "$.teams[0].services[0]: unknown key \"wieght\"");
    load_bad("{\"teams\": [{\"name\": \"a\", \"services\": [{\"name\": \"x\", \"hosting\": \"pas\"}]}]}",
             "$.teams[0].services[0].hosting: unknown hosting point \"pas\"; did you mean 'paas'?");
    const char *teams = "\"teams\": [{\"name\": \"a\", \"services\": [\"checkout\", \"cart\"]}]";
    char text[1024];
    snprintf(text, sizeof text, "{%s, \"hosting_plans\": [{\"name\": \"p\", \"default\": \"iaas\", "
             "\"services\": {\"chekout\": \"paas\"}}]}", teams);
    load_bad(text, "$.hosting_plans[0].services.chekout: unknown service 'chekout'; did you mean 'checkout'?");
    snprintf(text, sizeof text, "{%s, \"hosting_plans\": [{\"name\": \"p\", \"default\": \"iaas\", "
             "\"services\": {\"checkout\": \"pas\"}}]}", teams);
    load_bad(text, "$.hosting_plans[0].services.checkout: unknown hosting point \"pas\"; did you mean 'paas'?");
    snprintf(text, sizeof text, "{%s, \"hosting\": [\"iaas\"], \"hosting_plans\": [{\"name\": \"p\", "
             "\"default\": \"cloud\"}]}", teams);
    load_bad(text, "$.hosting_plans[0].default: unknown hosting point \"cloud\" (hosting points: iaas, on_prem");
    snprintf(text, sizeof text, "{%s, \"hosting_plans\": [{\"name\": \"p\", \"services\": {\"cart\": \"paas\"}}]}",
             teams);
    load_bad(text, "$.hosting_plans[0]: does not place service 'checkout'");
    snprintf(text, sizeof text, "{%s, \"hosting_plans\": [{\"name\": \"p\", \"default\": \"iaas\"}, "
             "{\"name\": \"p\", \"default\": \"paas\"}]}", teams);
    load_bad(text, "$.hosting_plans[1]: duplicate plan 'p'");
    snprintf(text, sizeof text, "{%s, \"hosting_plans\": []}", teams);
    load_bad(text, "$.hosting_plans: must be an array of 1 to");
}

int test_group_services(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_one_service_per_team),
        cmocka_unit_test(test_plan_on_one_point),
        cmocka_unit_test(test_twelve_services_eight_teams),
        cmocka_unit_test(test_toil_and_incidents_per_service),
        cmocka_unit_test(test_feature_touches_two_services),
    };
    return cmocka_run_group_tests_name("services", tests, NULL, NULL);
}
