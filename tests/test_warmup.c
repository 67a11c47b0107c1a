/* test_warmup — MSER-5 and the drift test on synthetic series whose truth is
 * known (and, last, the model's steady-state warning on real runs): an exponential transient decaying to a level, plus AR(1) noise, and
 * the same noise without transient. Ten fixed seeds each. Tolerances come from
 * the AR(1) theory: the variance of a mean of m observations is about
 * sigma^2 / (1 - phi)^2 / m. */
#include "tests/testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "sim/sim_rng.h"
#include "sim/sim_warmup.h"
#include "models/org_exp.h"
#include "report/report_headline.h"
#include "scenario/scen_load.h"

#define N_OBS 5000
#define LEVEL 10.0
#define AMP 20.0          /* transient: AMP exp(-t / TAU) above the level */
#define TAU 100.0
#define PHI 0.7
#define SIGMA 1.0         /* innovation standard deviation */
#define SEEDS 10
#define ALPHA 0.001       /* drift flagged when p < ALPHA */

/* x_t = LEVEL + amp exp(-t/TAU) + slope_total t/n + e_t, e AR(1) started stationary. */
static void series(double *x, size_t n, double amp, double drift_total, uint64_t seed)
{
    gsl_rng *r = sim_rng_new(seed, 0, "test.warmup", 0);
    assert_non_null(r);
    double e = gsl_ran_gaussian(r, SIGMA / sqrt(1 - PHI * PHI));
    for (size_t t = 0; t < n; t++) {
        if (t > 0)
            e = PHI * e + gsl_ran_gaussian(r, SIGMA);
        x[t] = LEVEL + amp * exp(-(double)t / TAU) + drift_total * (double)t / (double)n + e;
    }
    gsl_rng_free(r);
}

/* Standard error of the mean of m AR(1) observations (long-run variance). */
static double ar1_sem(size_t m)
{
    return SIGMA / (1 - PHI) / sqrt((double)m);
}

static void test_mser_truncates_transient(void **state)
{
    (void)state;
    double *x = malloc(N_OBS * sizeof *x);
    assert_non_null(x);
    for (uint64_t s = 1; s <= SEEDS; s++) {
        series(x, N_OBS, AMP, 0, s);
        sim_mser m;
        assert_int_equal(sim_mser5(x, N_OBS, &m), 0);
        assert_int_equal(m.n_batches, N_OBS / 5);
        assert_false(m.at_limit);
        assert_int_equal(m.truncate % 5, 0);
        /* past the transient: MSER minimises (roughly) the mean squared error
         * of the retained mean, so what is left of the transient biases that
         * mean by less than its standard error (a cut at 0 leaves 8 of them) */
        size_t kept = N_OBS - m.truncate;
        double left = AMP * exp(-(double)m.truncate / TAU) / (1 - exp(-1 / TAU)) / (double)kept;
        assert_true(left <= ar1_sem(kept));
        assert_true(m.truncate >= TAU);
        /* ... without throwing away most of the run */
        assert_true(m.truncate <= N_OBS / 4);
        /* the retained mean estimates the level within 3 standard errors */
        double mean = 0;
        for (size_t t = m.truncate; t < N_OBS; t++)
            mean += x[t];
        mean /= (double)kept;
        assert_near(mean, LEVEL, 3 * ar1_sem(kept));
        /* and the retained window shows no drift (a transient that short sits
         * in the first of 20 batches: finding it is MSER's job, not the trend's) */
        sim_drift dr;
        assert_int_equal(sim_drift_test(x + m.truncate, kept, 20, &dr), 0);
        assert_true(dr.p_value >= ALPHA);
    }
    /* without truncation the mean is biased by AMP TAU / N = 0.4, about 8 standard errors */
    assert_true(AMP * TAU / N_OBS > 3 * ar1_sem(N_OBS));
    free(x);
}

static void test_mser_stationary(void **state)
{
    (void)state;
    double *x = malloc(N_OBS * sizeof *x);
    assert_non_null(x);
    for (uint64_t s = 1; s <= SEEDS; s++) {
        series(x, N_OBS, 0, 0, 100 + s);
        sim_mser m;
        assert_int_equal(sim_mser5(x, N_OBS, &m), 0);
        assert_false(m.at_limit);
        assert_true(m.truncate <= N_OBS / 10);
        sim_drift dr;
        assert_int_equal(sim_drift_test(x, N_OBS, 20, &dr), 0);
        assert_true(dr.p_value >= ALPHA);
        assert_near(dr.mean, LEVEL, 4 * ar1_sem(N_OBS - N_OBS % 20));
    }
    free(x);
}

static void test_drift_detected(void **state)
{
    (void)state;
    double *x = malloc(N_OBS * sizeof *x);
    assert_non_null(x);
    /* a rise of 1.5 over the window: the fitted change has a standard error of
     * about 0.16 with 20 batches of 250, so t is near 9 */
    for (uint64_t s = 1; s <= SEEDS; s++) {
        series(x, N_OBS, 0, 1.5, 200 + s);
        sim_drift dr;
        assert_int_equal(sim_drift_test(x, N_OBS, 20, &dr), 0);
        assert_true(dr.p_value < ALPHA);
        assert_near(dr.change, 1.5 * 19.0 / 20.0, 5 * 0.16);
        assert_near(dr.slope_per_obs, 1.5 / N_OBS, 5 * 0.16 / (19.0 * 250));
        /* a slow decay over the whole window (time constant a third of it, as
         * knowledge decaying with a long half-life) is flagged, downwards */
        for (size_t t = 0; t < N_OBS; t++)
            x[t] += 3.0 * exp(-3.0 * (double)t / N_OBS) - 1.5 * (double)t / N_OBS;
        assert_int_equal(sim_drift_test(x, N_OBS, 20, &dr), 0);
        assert_true(dr.p_value < ALPHA);
        assert_true(dr.change < 0);
    }
    free(x);
}

static void test_exact_and_bad(void **state)
{
    (void)state;
    /* a step: 10 batches at 100 then 30 at 0 — MSER cuts exactly at the step */
    double x[200];
    for (size_t t = 0; t < 200; t++)
        x[t] = t < 50 ? 100 : 0;
    sim_mser m;
    assert_int_equal(sim_mser5(x, 200, &m), 0);
    assert_int_equal(m.truncate, 50);
    assert_near(m.statistic, 0, 0);
    /* a line through batch means 0, 1, 2: slope exactly 1 per batch, p = 0 */
    double y[9] = { 0, 0, 0, 1, 1, 1, 2, 2, 2 };
    sim_drift dr;
    assert_int_equal(sim_drift_test(y, 9, 3, &dr), 0);
    assert_near(dr.slope_per_obs, 1.0 / 3, 1e-15);
    assert_near(dr.change, 2, 1e-15);
    assert_near(dr.p_value, 0, 0);
    double c[9] = { 4, 4, 4, 4, 4, 4, 4, 4, 4 };
    assert_int_equal(sim_drift_test(c, 9, 3, &dr), 0);
    assert_near(dr.p_value, 1, 0);
    assert_int_equal(sim_mser5(x, 19, &m), -1);
    assert_int_equal(sim_drift_test(x, 2, 3, &dr), -1);
    assert_int_equal(sim_drift_test(x, 10, 2, &dr), -1);
    x[7] = NAN;
    assert_int_equal(sim_mser5(x, 200, &m), -1);
}

/* ---- the model's steady-state warning (models/org_steady.c) ---------------------- */

/* 5 teams of 5 at serverless: product engineers start with infrastructure
 * context 0.6 that decays below the 0.5 threshold after about 66 days (half
 * life 250) where nobody works on it. warmup_days: the warm-up. The
 * organisations were sized without the flow mechanisms (on by default; with
 * them the light one saturates, which is unbounded growth, not drift), so
 * they are off here (TEST_FLOW_OFF). */
static void steady_run_for(int warmup_days, int measure_days, const char *org, const char *models, const char *hosting,
                           org_scenario *s, org_exp *x)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "{ \"name\": \"steady\", \"seed\": 11, \"replications\": 3, %s, " TEST_FLOW_OFF ","
             " \"run\": { \"warmup_days\": %d, \"measure_days\": %d, \"drain_max_days\": 200 },"
             " \"models\": [ %s ], \"hosting\": [ %s ] }", org, warmup_days, measure_days, models, hosting);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(buf, strlen(buf), "steady.json", s, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    util_diags_free(&d);
    assert_int_equal(rc, 0);
    assert_int_equal(org_exp_run(s, 0, 2, NULL, NULL, NULL, x), 0);
}

static void steady_run(int warmup_days, const char *org, const char *models, const char *hosting, org_scenario *s,
                       org_exp *x)
{
    steady_run_for(warmup_days, 250, org, models, hosting, s, x);
}

static int warns(const org_exp *x, int m, int h, const char *what)
{
    char buf[4096] = "";
    org_exp_warnings(x, m, h, buf, sizeof buf);
    return strstr(buf, what) != NULL;
}

#define ORG_LIGHT "\"product_teams\": { \"count\": 5, \"size\": 5, \"features_per_week\": 1.0 }, \"central_team\": { \"size\": 6 }"

/* No warm-up: the threshold crossing falls inside the measured window, the
 * infrastructure bus factor drops by more than its level, and the warning
 * fires. A 400-day warm-up (past the crossing): it does not. An overloaded
 * central team has no steady state for a warm-up to reach: it is said
 * once, as unbounded growth, not as drift. */
static void test_steady_warning(void **state)
{
    (void)state;
    org_scenario s;
    org_exp x;
    steady_run(0, ORG_LIGHT, "\"traditional_ops\", \"true_devops\"", "\"serverless\"", &s, &x);
    for (int m = 0; m < 2; m++) {
        org_summary bus = org_exp_summary(&x, m, 0, ORG_M_DRIFT_BUS);
        fprintf(stderr, "# warm-up 0, model %d: bus-factor drift %+.2f, MSER-5 %.0f days\n", m, bus.mean,
                org_exp_summary(&x, m, 0, ORG_M_WARMUP_MSER_DAYS).mean);
        assert_true(bus.mean < -0.10);
        assert_true(warns(&x, m, 0, "still drifts"));
        assert_true(warns(&x, m, 0, "MSER-5 asks for a warm-up"));      /* no change by design here */
        /* the warning names the series that drift, each by the same rule,
         * and no other (session 14: it used to say "knowledge, queues or
         * enablement") */
        assert_true(warns(&x, m, 0, "knowledge -"));
        static const struct { org_metric metric; const char *name; } series[] = {
            { ORG_M_DRIFT_BUS, "knowledge " }, { ORG_M_DRIFT_QUEUE, "queues " }, { ORG_M_DRIFT_ENABLE, "enablement " }
        };
        for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
            org_summary d = org_exp_summary(&x, m, 0, series[i].metric);
            assert_int_equal(d.n, 3);
            fprintf(stderr, "#   %sdrift %+.3f [%+.3f, %+.3f]\n", series[i].name, d.mean, d.low, d.high);
            assert_int_equal(warns(&x, m, 0, series[i].name), org_exp_drifts(d.mean, d.low, d.high, d.n));
        }
    }
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    /* The same drift while a timeline changes the organisation inside the
     * window (a freeze from day 100): a transition by design, which a
     * longer warm-up would not remove, so the warning says that instead of
     * asking for one (session 14). A change before the window is the
     * warm-up's to settle (org_exp_design_change_day below). */
    steady_run(0, ORG_LIGHT ", \"timeline\": [ { \"day\": 100, \"do\": \"freeze\", \"until_day\": 105 } ]",
               "\"traditional_ops\"", "\"serverless\"", &s, &x);
    assert_true(warns(&x, 0, 0, "still drifts (infrastructure knowledge -"));
    assert_true(warns(&x, 0, 0, "as the scenario changes the organisation from day 100 (its timeline): results are a "
                      "transition"));
    assert_false(warns(&x, 0, 0, "MSER-5 asks"));
    assert_near(org_exp_design_change_day(&s), 100.0, 0);
    s.run.warmup_days = 101.0;      /* the freeze before the window: the warm-up's to settle */
    assert_near(org_exp_design_change_day(&s), -1.0, 0);
    s.run.warmup_days = 0.0;
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    steady_run(400, ORG_LIGHT, "\"traditional_ops\", \"true_devops\"", "\"serverless\"", &s, &x);
    for (int m = 0; m < 2; m++)
        assert_false(warns(&x, m, 0, "still drifts"));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    steady_run(120, "\"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 }, "
               "\"central_team\": { \"size\": 1 }", "\"traditional_ops\"", "\"on_prem\"", &s, &x);
    assert_true(warns(&x, 0, 0, "without bound"));
    assert_false(warns(&x, 0, 0, "still drifts"));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    /* a measured window of 9 weeks has too few samples for the drift test:
     * said, not silently skipped (session 11); 10 weeks are tested */
    steady_run_for(400, 45, ORG_LIGHT, "\"traditional_ops\"", "\"serverless\"", &s, &x);
    assert_int_equal(org_exp_summary(&x, 0, 0, ORG_M_DRIFT_MAX).n, 0);
    assert_true(warns(&x, 0, 0, "too short to test"));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    steady_run_for(400, 50, ORG_LIGHT, "\"traditional_ops\"", "\"serverless\"", &s, &x);
    assert_int_equal(org_exp_summary(&x, 0, 0, ORG_M_DRIFT_MAX).n, 3);
    assert_false(warns(&x, 0, 0, "too short to test"));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

/* Loads text (a whole scenario) and runs it. */
static void run_text(const char *text, org_scenario *s, org_exp *x)
{
    assert_int_equal(test_scen_load(text, "team.json", s), 0);
    assert_int_equal(org_exp_run(s, 0, 2, NULL, NULL, NULL, x), 0);
}

/* enterprise.json cut to three product teams of ten (3.5 features a week)
 * and a central team of 12, true_devops on-prem, a 60-day drain: session
 * 11's claims review found one team of such an organisation at p50 lead
 * time 188 days while the others were near 21, at a mean product
 * utilisation of 0.86, with no warning. */
#define ORG_THREE_TEAMS                                                                                      \
    "{ \"name\": \"three-teams\", \"seed\": 1, \"replications\": 6,"                                    \
    " \"run\": { \"warmup_days\": 300, \"measure_days\": 260, \"drain_max_days\": 60 },"                 \
    " \"product_teams\": { \"count\": %d, \"size\": 10, \"features_per_week\": 3.5 },"                  \
    " \"central_team\": { \"size\": 12 }, \"models\": [ \"true_devops\" ], \"hosting\": [ \"on_prem\" ] }"

/* A saturated product team does not hide behind the mean over the teams:
 * the busiest team's utilisation is at least the mean (a maximum is at
 * least any weighted mean of the same numbers) and equals it with one team;
 * a replication in which one team is busy at 95% or more and left over 10%
 * of its own features unfinished counts as saturated even when the
 * organisation's figures do not (the rule before session 12 did not flag
 * this design: checked below on its own figures), and the design is then
 * unstable: warned of, and no headline. */
static void test_saturated_team(void **state)
{
    (void)state;
    char text[1024];
    org_scenario s;
    org_exp x;
    snprintf(text, sizeof text, ORG_THREE_TEAMS, 1);
    run_text(text, &s, &x);
    int tb = org_metric_team_base(&s);
    for (int r = 0; r < x.reps; r++) {
        const double *v = org_exp_rep(&x, 0, 0, r)->values;
        assert_true(fabs(v[tb + ORG_MT_UTIL_PRODUCT_MAX] - v[ORG_M_UTIL_PRODUCT]) <= 1e-9 * v[ORG_M_UTIL_PRODUCT]);
        assert_true(v[tb + ORG_MT_TEAMS_SATURATED]
                    == org_rep_saturated(v[ORG_M_UTIL_PRODUCT], v[ORG_M_FEATURES_UNFINISHED], v[ORG_M_FEATURES_DONE]));
    }
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    /* the central team (the last of the per-team arrays) is no product team:
     * a central team of one far busier than the product team leaves the
     * busiest product team equal to the product teams' figure */
    run_text("{ \"name\": \"busy-central\", \"seed\": 1, \"replications\": 1,"
             " \"run\": { \"warmup_days\": 0, \"measure_days\": 100, \"drain_max_days\": 30 },"
             " \"product_teams\": { \"count\": 1, \"size\": 5, \"features_per_week\": 0.5 },"
             " \"central_team\": { \"size\": 1 }, \"models\": [ \"traditional_ops\" ], \"hosting\": [ \"on_prem\" ] }",
             &s, &x);
    tb = org_metric_team_base(&s);
    const double *vc = org_exp_rep(&x, 0, 0, 0)->values;
    print_message("busy central: central %.3f, product %.3f, busiest product team %.3f\n", vc[ORG_M_UTIL_CENTRAL],
                  vc[ORG_M_UTIL_PRODUCT], vc[tb + ORG_MT_UTIL_PRODUCT_MAX]);
    assert_true(vc[ORG_M_UTIL_CENTRAL] > vc[ORG_M_UTIL_PRODUCT] + 0.1);
    assert_true(fabs(vc[tb + ORG_MT_UTIL_PRODUCT_MAX] - vc[ORG_M_UTIL_PRODUCT]) <= 1e-9 * vc[ORG_M_UTIL_PRODUCT]);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    snprintf(text, sizeof text, ORG_THREE_TEAMS, 3);
    run_text(text, &s, &x);
    tb = org_metric_team_base(&s);
    int by_team = 0, by_team_or_growth = 0;
    for (int r = 0; r < x.reps; r++) {
        const double *v = org_exp_rep(&x, 0, 0, r)->values;
        print_message("rep %d: utilisation %.3f, busiest team %.3f, teams saturated %.0f, growing %.0f, unfinished %.0f of "
                      "%.0f\n", r, v[ORG_M_UTIL_PRODUCT], v[tb + ORG_MT_UTIL_PRODUCT_MAX], v[tb + ORG_MT_TEAMS_SATURATED],
                      v[tb + ORG_MT_TEAMS_GROWING], v[ORG_M_FEATURES_UNFINISHED],
                      v[ORG_M_FEATURES_UNFINISHED] + v[ORG_M_FEATURES_DONE]);
        by_team_or_growth += v[tb + ORG_MT_TEAMS_SATURATED] > 0.0 || v[tb + ORG_MT_TEAMS_GROWING] > 0.0;
        assert_true(v[tb + ORG_MT_UTIL_PRODUCT_MAX] >= v[ORG_M_UTIL_PRODUCT] - 1e-12);
        assert_true(v[tb + ORG_MT_UTIL_PRODUCT_MAX] <= 1.0 + 1e-9);
        /* before: the organisation's own figures never saturate */
        assert_false(org_rep_saturated(v[ORG_M_UTIL_PRODUCT], v[ORG_M_FEATURES_UNFINISHED], v[ORG_M_FEATURES_DONE]));
        by_team += v[tb + ORG_MT_TEAMS_SATURATED] > 0.0;
    }
    double up = org_exp_summary(&x, 0, 0, ORG_M_UTIL_PRODUCT).mean;
    double un = org_exp_summary(&x, 0, 0, ORG_M_FEATURES_UNFINISHED).mean;
    double dn = org_exp_summary(&x, 0, 0, ORG_M_FEATURES_DONE).mean;
    assert_true(up < ORG_UNSTABLE_UTIL && un / (un + dn) <= ORG_UNSTABLE_UNFINISHED);   /* before: the means neither */
    assert_false(org_unstable_means(NAN, up, un, dn));
    /* after: one team saturated in some replication, counted and said */
    assert_true(by_team > 0);
    int n;
    /* the replications counted: saturated by the old rule or growing (org_team_grows) */
    assert_int_equal(org_exp_saturated_reps(&x, 0, 0, ORG_M_UTIL_PRODUCT, &n), by_team_or_growth);
    assert_int_equal(n, x.reps);
    assert_true(report_headline_unstable(&x, 0, 0));
    char want[96];
    snprintf(want, sizeof want, "product team saturated in %d of %d replications", by_team, x.reps);
    assert_true(warns(&x, 0, 0, want));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

/* org_team_grows, numbers in and flag out. A stable queue's open count has
 * the same distribution at every time, so its fitted change across the
 * window has zero mean; a saturated team's grows by (lambda - mu) T. Cases:
 * a team of arrival rate 4.3 a week served at 3.4 a week grows by 0.9 x 52
 * = 47 features over a 260-day window in which 224 arrive (21% of them); the
 * drift test's change spans 4 of the 5 batches, 37 of them. */
static void test_team_grows_rule(void **state)
{
    (void)state;
    double alpha3 = 2.0 * ORG_GROW_ALPHA / 3.0;      /* two-sided p at the one-sided Bonferroni limit, 3 teams */
    assert_true(org_team_grows(37.0, 0.001, 224.0, 1.0, 3));
    assert_true(org_team_grows(37.0, alpha3 * 0.99, 224.0, 0.95, 3));
    assert_false(org_team_grows(37.0, alpha3, 224.0, 1.0, 3));         /* at the limit: not below it */
    /* Bonferroni: the same evidence in one team of 480 is what chance gives */
    assert_true(org_team_grows(37.0, 0.002, 224.0, 1.0, 3));
    assert_false(org_team_grows(37.0, 0.002, 224.0, 1.0, 480));
    assert_true(org_team_grows(37.0, 1e-5, 224.0, 1.0, 480));
    /* a stable queue: no change, or a significant fall (drained by luck) */
    assert_false(org_team_grows(0.0, 1.0, 224.0, 1.0, 3));
    assert_false(org_team_grows(-37.0, 0.001, 224.0, 1.0, 3));
    /* growth of 10% of the arrivals or less is not material */
    assert_false(org_team_grows(22.4, 0.001, 224.0, 1.0, 3));
    assert_true(org_team_grows(22.5, 0.001, 224.0, 1.0, 3));
    /* a team that grows while idle 5% of its time waits on others: not its own backlog */
    assert_false(org_team_grows(37.0, 0.001, 224.0, 0.949, 3));
    /* no evidence */
    assert_false(org_team_grows(NAN, 0.001, 224.0, 1.0, 3));
    assert_false(org_team_grows(37.0, NAN, 224.0, 1.0, 3));
    assert_false(org_team_grows(37.0, 0.001, 0.0, 1.0, 3));
    assert_false(org_team_grows(37.0, 0.001, 224.0, NAN, 3));
    assert_false(org_team_grows(37.0, 0.001, 224.0, 1.0, 0));
    /* a growing team counts for the product teams' rule (session 14), the
     * central team has no per-team counts */
    assert_true(org_rep_kind_saturated(0.5, 0.0, 100.0, 0.0, 1.0));
    assert_false(org_rep_kind_saturated(0.5, 0.0, 100.0, 0.0, 0.0));
    assert_false(org_rep_kind_saturated(0.5, 0.0, 100.0, 0.0, NAN));
}

/* Three product teams of ten, one given 4.3 features a week (about 1.2 of
 * its capacity), the others 3.5, true_devops on-prem, a 260-day window and a
 * 250-day drain that finishes every feature: before session 14 no
 * replication was flagged (nothing unfinished); the growth test flags the
 * overloaded team in most. With every team at 3.0 a week (busiest team
 * 0.86 over 1,000 days) nothing is flagged; a 145-day window is too short
 * to tell, and says so. */
#define ORG_GROWING_TEAM                                                                                      \
    "{ \"name\": \"growing-team\", \"seed\": 1, \"replications\": 10,"                                     \
    " \"run\": { \"warmup_days\": 600, \"measure_days\": %d, \"drain_max_days\": 250 },"                   \
    " \"product_teams\": { \"count\": 0, \"size\": 10, \"features_per_week\": %.1f },"                     \
    " \"teams\": [ { \"name\": \"svc-a\" }, { \"name\": \"svc-b\" }, { \"name\": \"svc-c\", \"features_per_week\": %.1f } ]," \
    " \"central_team\": { \"size\": 12 }, \"models\": [ \"true_devops\" ], \"hosting\": [ \"on_prem\" ] }"

static void test_growing_team(void **state)
{
    (void)state;
    char text[1024];
    org_scenario s;
    org_exp x;
    snprintf(text, sizeof text, ORG_GROWING_TEAM, 260, 3.5, 4.3);
    run_text(text, &s, &x);
    int tb = org_metric_team_base(&s), growing = 0;
    for (int r = 0; r < x.reps; r++) {
        const double *v = org_exp_rep(&x, 0, 0, r)->values;
        print_message("rep %d: busiest team %.3f, saturated %.0f, growing %.0f, unfinished %.0f\n", r,
                      v[tb + ORG_MT_UTIL_PRODUCT_MAX], v[tb + ORG_MT_TEAMS_SATURATED], v[tb + ORG_MT_TEAMS_GROWING],
                      v[ORG_M_FEATURES_UNFINISHED]);
        /* before: the drain finished everything, so the old rule is silent */
        assert_false(org_rep_kind_saturated(v[ORG_M_UTIL_PRODUCT], v[ORG_M_FEATURES_UNFINISHED], v[ORG_M_FEATURES_DONE],
                                            v[tb + ORG_MT_TEAMS_SATURATED], NAN));
        assert_true(v[tb + ORG_MT_TEAMS_GROWING] <= 1.0);     /* one overloaded team */
        growing += v[tb + ORG_MT_TEAMS_GROWING] > 0.0;
    }
    /* after: flagged in most (16 of 20 at seed 1 with 20 replications;
     * below 6 of 10 has binomial probability under 4% at that power) */
    assert_true(growing >= 6);
    int n;
    assert_int_equal(org_exp_saturated_reps(&x, 0, 0, ORG_M_UTIL_PRODUCT, &n), growing);
    assert_true(org_exp_unstable(&x, 0, 0));
    assert_true(report_headline_unstable(&x, 0, 0));
    char want[96];
    snprintf(want, sizeof want, "product team backlog grew through the measured window in %d of %d", growing, x.reps);
    assert_true(warns(&x, 0, 0, want));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    /* a stable organisation: no team flagged */
    snprintf(text, sizeof text, ORG_GROWING_TEAM, 260, 3.0, 3.0);
    run_text(text, &s, &x);
    assert_int_equal(org_exp_summary(&x, 0, 0, tb + ORG_MT_TEAMS_GROWING).n, x.reps);
    assert_int_equal(org_exp_saturated_reps(&x, 0, 0, ORG_M_UTIL_PRODUCT, &n), 0);
    assert_false(org_exp_unstable(&x, 0, 0));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);

    /* 29 weekly samples: too short to tell, said; 30 are tested */
    snprintf(text, sizeof text, ORG_GROWING_TEAM, 145, 3.0, 3.0);
    run_text(text, &s, &x);
    assert_int_equal(org_exp_summary(&x, 0, 0, tb + ORG_MT_TEAMS_GROWING).n, 0);
    assert_true(warns(&x, 0, 0, "too short to tell whether a product team's backlog grows"));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    snprintf(text, sizeof text, ORG_GROWING_TEAM, 150, 3.0, 3.0);
    run_text(text, &s, &x);
    assert_int_equal(org_exp_summary(&x, 0, 0, tb + ORG_MT_TEAMS_GROWING).n, x.reps);
    assert_false(warns(&x, 0, 0, "too short to tell"));
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

int test_group_warmup(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mser_truncates_transient),
        cmocka_unit_test(test_mser_stationary),
        cmocka_unit_test(test_drift_detected),
        cmocka_unit_test(test_exact_and_bad),
        cmocka_unit_test(test_steady_warning),
        cmocka_unit_test(test_saturated_team),
        cmocka_unit_test(test_team_grows_rule),
        cmocka_unit_test(test_growing_team),
    };
    return cmocka_run_group_tests_name("warmup", tests, NULL, NULL);
}
