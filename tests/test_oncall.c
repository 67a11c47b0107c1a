/* test_oncall — the calendar clock (models/org_clock.c) and the on-call
 * rotation (models/org_oncall.c): the mapping between working days and
 * calendar hours, then each mechanism switched on and off on a small
 * organisation (paired runs: common random numbers make the "off" cases
 * exact). */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "models/org_clock.h"
#include "models/org_exp.h"
#include "scenario/scen_load.h"

/* ---- the clock ---------------------------------------------------------- */

static void test_clock_mapping(void **state)
{
    (void)state;
    /* Day 0 starts Monday 09:00; half a working day of 8 hours is 13:00. */
    assert_near(org_clock_hours(0.0, 8.0), 9.0, 1e-12);
    assert_near(org_clock_hours(0.5, 8.0), 13.0, 1e-12);
    /* Friday (day 4) 09:00, then the next Monday (day 5) 09:00 = 168 + 9. */
    assert_near(org_clock_hours(4.0, 8.0), 4 * 24.0 + 9.0, 1e-12);
    assert_near(org_clock_hours(5.0, 8.0), 168.0 + 9.0, 1e-12);
    /* Business hours: Monday 09:00–17:00, not 08:59, 17:00 or Saturday. */
    assert_true(org_clock_in_hours(9.0, 8.0));
    assert_true(org_clock_in_hours(16.99, 8.0));
    assert_false(org_clock_in_hours(8.99, 8.0));
    assert_false(org_clock_in_hours(17.0, 8.0));
    assert_false(org_clock_in_hours(5 * 24.0 + 12.0, 8.0));
    /* Calendar hours back to working time: exact in hours, the next morning
     * out of them (Monday evening → Tuesday, Saturday → Monday). */
    assert_near(org_clock_days(13.0, 8.0), 0.5, 1e-12);
    assert_near(org_clock_days(20.0, 8.0), 1.0, 1e-12);
    assert_near(org_clock_days(3.0, 8.0), 0.0, 1e-12);
    assert_near(org_clock_days(4 * 24.0 + 18.0, 8.0), 5.0, 1e-12);
    assert_near(org_clock_days(5 * 24.0 + 3.0, 8.0), 5.0, 1e-12);
    for (double t = 0.0; t < 20.0; t += 0.37)
        assert_near(org_clock_days(org_clock_hours(t, 8.0), 8.0), t, 1e-9);
    /* A 16-hour working day starts early enough to end by midnight. */
    assert_near(org_clock_hours(0.0, 16.0), 8.0, 1e-12);
    /* 40 of the 168 hours of a week are business hours. */
    int in = 0;
    for (int h = 0; h < 168; h++)
        in += org_clock_in_hours(h + 0.5, 8.0);
    assert_int_equal(in, 40);
}

/* The time-of-day profile, exactly: Exp(1) hazards inverted through the
 * piecewise-constant rate give a Poisson process whose share of events out
 * of business hours is the rate's integral there over its weekly integral,
 * (168 − 40) ÷ (ratio × 40 + 168 − 40), and whose count keeps the weekly
 * rate; tolerances 4 binomial / Poisson standard errors. */
static void test_clock_profile(void **state)
{
    (void)state;
    /* Flat: the inversion is c0 + hazard / rate, whatever the hour. */
    assert_near(org_clock_after(3.0, 0.5, 0.1, 0.1, 8.0), 8.0, 1e-9);
    assert_near(org_clock_after(100.0, 2.0 * 6.0, 1.0 / 28, 1.0 / 28, 8.0), 100.0 + 2 * 168.0 + 0.0, 1e-9);
    /* Monday 09:00 with rates 2 in hours and 1 out: 8 h of business hours
     * hold 16, then the evening at 1 an hour. */
    assert_near(org_clock_after(9.0, 16.0, 2.0, 1.0, 8.0), 17.0, 1e-9);
    assert_near(org_clock_after(9.0, 18.0, 2.0, 1.0, 8.0), 19.0, 1e-9);
    /* Friday 17:00 to Monday 09:00 is 64 h out of hours. */
    assert_near(org_clock_after(4 * 24.0 + 17.0, 64.0 + 1.0, 2.0, 1.0, 8.0), 168.0 + 9.0 + 0.5, 1e-9);
    const double ratios[] = { 1.0, 3.0, 0.5 };
    for (size_t k = 0; k < sizeof ratios / sizeof ratios[0]; k++) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, 20261130);
        double per_week = 5.0, in_h, out_h;
        org_clock_profile_rates(per_week, ratios[k], 8.0, &in_h, &out_h);
        assert_near(in_h * 40.0 + out_h * 128.0, per_week, 1e-12);
        const int n = 40000;
        int out = 0;
        double c = 0.0;
        for (int i = 0; i < n; i++) {
            c = org_clock_after(c, gsl_ran_exponential(r, 1.0), in_h, out_h, 8.0);
            out += !org_clock_in_hours(c, 8.0);
        }
        double p = 128.0 / (ratios[k] * 40.0 + 128.0);
        assert_near((double)out / n, p, 4.0 * sqrt(p * (1.0 - p) / n));
        /* n events in c hours: the rate per week within 4 Poisson SEs */
        double weeks = c / 168.0;
        assert_near(n / weeks, per_week, 4.0 * sqrt((double)n) / weeks);
        gsl_rng_free(r);
    }
}

/* ---- the mechanisms on a small organisation ------------------------------ */

/* 5 teams of 5 on one hosting point with many incidents (5 a service-week)
 * and no change failures, so that every incident is a background one. */
#define ONC_ORG "\"product_teams\": { \"count\": 5, \"size\": 5, \"features_per_week\": 0.8 }, " \
    "\"central_team\": { \"size\": 6 }, \"run\": { \"warmup_days\": 20, \"measure_days\": 150, \"drain_max_days\": 100 }"
#define ONC_REPS 2

static double onc_rate = 5.0;   /* background incidents per service-week */

typedef struct orun { org_scenario s; org_exp x; int ob; } orun;

/* The scenario with models, the oncall section's keys, more incidents keys
 * (incidents: "" or ", \"key\": …") and more top-level keys (extra: likewise). */
static void orun_full(const char *models, const char *oncall, const char *incidents, const char *extra, orun *R)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "{ \"name\": \"onc\", \"seed\": 5, \"replications\": %d, %s, \"models\": [ %s ],"
             " \"hosting\": [ { \"name\": \"onc\", \"base\": \"serverless\", \"incidents_per_service_week\": %g } ],"
             " \"incidents\": { \"change_failure_base\": 0, \"change_failure_context_gap\": 0%s },"
             " \"oncall\": { %s }%s }", ONC_REPS, ONC_ORG, models, onc_rate, incidents, oncall, extra);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(buf, strlen(buf), "onc.json", &R->s, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    util_diags_free(&d);
    assert_int_equal(rc, 0);
    assert_int_equal(org_exp_run(&R->s, 0, 2, NULL, NULL, NULL, &R->x), 0);
    R->ob = org_metric_oncall_base(&R->s);
}

static void orun_more(const char *models, const char *oncall, const char *extra, orun *R)
{
    orun_full(models, oncall, "", extra, R);
}

static void orun_text(const char *models, const char *oncall, orun *R)
{
    orun_full(models, oncall, "", "", R);
}

static void orun_free(orun *R)
{
    org_exp_destroy(&R->x);
    org_scenario_destroy(&R->s);
}

static double oval(const orun *R, int m, int metric)
{
    return org_exp_summary(&R->x, m, 0, metric).mean;
}

static double omo(const orun *R, int m, int mo)
{
    assert_true(R->ob >= 0);
    return oval(R, m, R->ob + mo);
}

/* Stand-by and pages per engineer count the rotations held over the
 * measured window (days 20 to 170), not those held at the end of the run.
 * traditional_ops switches to true_devops at week 10 (day 50): one central
 * rotation of 6 for 30 days, then five product rotations of 5 for 120
 * days; means 4.2 rotations and 21.2 members. A switch at week 2 (day 10,
 * in the warm-up) gives five rotations of 5 throughout. */
static void test_oncall_rotations_over_window(void **state)
{
    (void)state;
    orun mid, late;
    orun_more("\"traditional_ops\"", "\"cover\": \"24x7\"", ", \"costs\": { \"oncall_standby_per_week\": 500 },"
              " \"timeline\": [ { \"week\": 10, \"do\": \"model\", \"model\": \"true_devops\" } ]", &mid);
    orun_more("\"traditional_ops\"", "\"cover\": \"24x7\"", ", \"costs\": { \"oncall_standby_per_week\": 500 },"
              " \"timeline\": [ { \"week\": 2, \"do\": \"model\", \"model\": \"true_devops\" } ]", &late);
    assert_near(omo(&mid, 0, ORG_MO_COST_PER_YEAR), (1.0 * 30 + 5.0 * 120) / 150.0 * 52 * 500.0, 1e-6);
    assert_near(omo(&late, 0, ORG_MO_COST_PER_YEAR), 5.0 * 52 * 500.0, 1e-9);
    /* Pages per member-week: the pages seen over the mean members. */
    double pages_mid = omo(&mid, 0, ORG_MO_PAGES_PER_ENG_WEEK) * 21.2 * (150.0 / 5.0);
    double pages_late = omo(&late, 0, ORG_MO_PAGES_PER_ENG_WEEK) * 25.0 * (150.0 / 5.0);
    /* 25 services' out-of-hours incidents page someone either way: the same
     * count within 4 Poisson SEs (per replication). */
    assert_true(pages_mid > 100.0);
    assert_near(pages_mid, pages_late, 4.0 * sqrt(pages_mid + pages_late));
    orun_free(&mid);
    orun_free(&late);
}

/* Pooled rotations (oncall.product_teams_per_rotation): the five product
 * teams of true_devops share one rotation, at 0.5 incidents a service-week.
 * Stand-by is one rotation's, the pages are spread over all 25 engineers,
 * and four pages in five reach an engineer of another team, with less
 * context on the service: restores take longer (measured: median 3.92 h
 * against 2.34). With the context penalty off (context_gap_factor 0,
 * nobody-knows 1) the difference goes (1.67 against 1.54). */
static void test_oncall_pooled(void **state)
{
    (void)state;
    const char *gap = ", \"context_gap_factor\": 0, \"nobody_knows_factor\": 1";
    const char *cost = ", \"costs\": { \"oncall_standby_per_week\": 500 }";
    const char *pool = "\"cover\": \"24x7\", \"product_teams_per_rotation\": 5";
    orun own, pooled, own0, pooled0;
    onc_rate = 0.5;     /* few enough that a page seldom waits for the last one */
    orun_more("\"true_devops\"", "\"cover\": \"24x7\"", cost, &own);
    orun_more("\"true_devops\"", pool, cost, &pooled);
    orun_full("\"true_devops\"", "\"cover\": \"24x7\"", gap, cost, &own0);
    orun_full("\"true_devops\"", pool, gap, cost, &pooled0);
    onc_rate = 5.0;
    assert_near(omo(&own, 0, ORG_MO_COST_PER_YEAR), 5 * 52 * 500.0, 1e-9);
    assert_near(omo(&pooled, 0, ORG_MO_COST_PER_YEAR), 1 * 52 * 500.0, 1e-9);
    double r_own = omo(&own, 0, ORG_MO_RESTORE_P50_HOURS), r_pool = omo(&pooled, 0, ORG_MO_RESTORE_P50_HOURS);
    double r_own0 = omo(&own0, 0, ORG_MO_RESTORE_P50_HOURS), r_pool0 = omo(&pooled0, 0, ORG_MO_RESTORE_P50_HOURS);
    print_message("restore p50 (calendar h): own rotations %.2f, one pooled %.2f; without the context penalty "
                  "%.2f, %.2f; pages/eng-week %.3f, %.3f\n", r_own, r_pool, r_own0, r_pool0,
                  omo(&own, 0, ORG_MO_PAGES_PER_ENG_WEEK), omo(&pooled, 0, ORG_MO_PAGES_PER_ENG_WEEK));
    /* The same pages, over 5 people a rotation or 25 in one. */
    assert_near(omo(&pooled, 0, ORG_MO_PAGES_PER_ENG_WEEK), omo(&own, 0, ORG_MO_PAGES_PER_ENG_WEEK),
                0.05 * omo(&own, 0, ORG_MO_PAGES_PER_ENG_WEEK));
    /* About 570 paged incidents a design: a median's relative standard
     * error is about 1.25 / sqrt(570) ≈ 5%; paired runs share the incidents.
     * With the context penalty the pooled median is far above (≥ 30%);
     * without it, within 15% (3 standard errors: what is left is the odd
     * page waiting for the last one and skill). */
    assert_true(r_pool > 1.3 * r_own);
    assert_true(r_pool0 < 1.15 * r_own0 && r_pool0 > r_own0 / 1.15);
    orun_free(&own);
    orun_free(&pooled);
    orun_free(&own0);
    orun_free(&pooled0);
}

/* Off: no calendar metrics and today's working-time restore. On: 128 of
 * the 168 hours of a week are out of business hours, so that share of the
 * (Poisson, uniform in calendar time) incidents arrive out of hours;
 * tolerance 4 standard errors of a binomial share over the incidents seen. */
static void test_oncall_calendar_clock(void **state)
{
    (void)state;
    orun off, on;
    orun_text("\"true_devops\"", "\"calendar_clock\": false", &off);
    orun_text("\"true_devops\"", "\"calendar_clock\": true, \"cover\": \"24x7\"", &on);
    assert_int_equal(off.ob, -1);
    assert_int_equal(off.x.n_metrics, on.x.n_metrics - ORG_MO_COUNT);
    double n = oval(&on, 0, ORG_M_INCIDENTS) * ONC_REPS;
    double p = 128.0 / 168.0, se = sqrt(p * (1.0 - p) / n);
    assert_true(n > 500.0);
    assert_near(omo(&on, 0, ORG_MO_OUT_OF_HOURS_SHARE), p, 4.0 * se);
    /* The same weekly rate: the incident counts agree within 4 Poisson SEs. */
    double n_off = oval(&off, 0, ORG_M_INCIDENTS) * ONC_REPS;
    assert_near(n, n_off, 4.0 * sqrt(n + n_off));
    orun_free(&off);
    orun_free(&on);
}

/* The cover: out of hours, business-hours cover waits for the morning
 * (restore in calendar hours far longer than with an on-call engineer);
 * no rotation, no pages, no stand-by cost. */
static void test_oncall_cover(void **state)
{
    (void)state;
    orun bh, all;
    orun_text("\"true_devops\", \"traditional_ops\"", "\"cover\": \"business_hours\"", &bh);
    orun_text("\"true_devops\", \"traditional_ops\"", "\"cover\": \"24x7\"", &all);
    /* Under traditional_ops the central on-call engineer only triages an
     * application fault at night; the product team takes it over in the
     * morning, so 24x7 cover shortens its restores far less. */
    for (int m = 0; m < 2; m++) {
        double wait = omo(&bh, m, ORG_MO_RESTORE_P50_HOURS), paged = omo(&all, m, ORG_MO_RESTORE_P50_HOURS);
        double gain = m == 0 ? 2.0 : 1.0;
        if (!(wait > gain * paged)) {
            print_error("model %d: business-hours restore %.2f h not above %g x 24x7 %.2f h\n", m, wait, gain, paged);
            fail();
        }
        assert_near(omo(&bh, m, ORG_MO_COST_PER_YEAR), 0.0, 0.0);
        assert_true(isnan(omo(&bh, m, ORG_MO_PAGES_PER_ENG_WEEK)));
    }
    /* Stand-by: a rotation per responder team, 52 weeks at 500 a week:
     * true_devops 5 product teams; traditional_ops the central team. */
    assert_near(omo(&all, 0, ORG_MO_COST_PER_YEAR), 5 * 52 * 500.0, 1e-9);
    assert_near(omo(&all, 1, ORG_MO_COST_PER_YEAR), 1 * 52 * 500.0, 1e-9);
    print_message("restore p50 (calendar h): true_devops %.2f (24x7) vs %.2f (business hours); "
                  "traditional_ops %.2f vs %.2f\n", omo(&all, 0, ORG_MO_RESTORE_P50_HOURS),
                  omo(&bh, 0, ORG_MO_RESTORE_P50_HOURS), omo(&all, 1, ORG_MO_RESTORE_P50_HOURS),
                  omo(&bh, 1, ORG_MO_RESTORE_P50_HOURS));
    /* Pages per rotation member per week: the out-of-hours arrivals of a
     * service, 5 × 128/168 a week, over a rotation of 5 (true_devops);
     * 4 Poisson SEs over the pages seen. */
    double expect = 5.0 * 128.0 / 168.0 / 5.0;
    double pages = expect * 5 * 5 * (150.0 / 5.0) * ONC_REPS;
    assert_near(omo(&all, 0, ORG_MO_PAGES_PER_ENG_WEEK), expect, 4.0 * expect / sqrt(pages));
    orun_free(&bh);
    orun_free(&all);
}

/* The night penalty and the lost rest: follow-the-sun is 24x7 without
 * either, so 24x7 with the penalty at 1 and no rest gives exactly its
 * results; the penalty alone lengthens night restores, the rest alone adds
 * incident time the next morning. */
static void test_oncall_night_and_rest(void **state)
{
    (void)state;
    orun sun, flat, pen, rest;
    orun_text("\"true_devops\"", "\"cover\": \"follow_the_sun\", \"night_restore_factor\": 3, \"rest_per_night_hour\": 1", &sun);
    orun_text("\"true_devops\"", "\"cover\": \"24x7\", \"night_restore_factor\": 1, \"rest_per_night_hour\": 0", &flat);
    orun_text("\"true_devops\"", "\"cover\": \"24x7\", \"night_restore_factor\": 3, \"rest_per_night_hour\": 0", &pen);
    orun_text("\"true_devops\"", "\"cover\": \"24x7\", \"night_restore_factor\": 1, \"rest_per_night_hour\": 1", &rest);
    for (int i = 0; i < ORG_M_FIXED_COUNT; i++) {
        double a = oval(&sun, 0, i), b = oval(&flat, 0, i);
        if (!(isnan(a) && isnan(b)))
            assert_near(a, b, 1e-9);
    }
    assert_near(omo(&sun, 0, ORG_MO_RESTORE_P50_HOURS), omo(&flat, 0, ORG_MO_RESTORE_P50_HOURS), 1e-9);
    double h_flat = omo(&flat, 0, ORG_MO_RESTORE_P50_HOURS), h_pen = omo(&pen, 0, ORG_MO_RESTORE_P50_HOURS);
    if (!(h_pen > 1.5 * h_flat)) {
        print_error("night penalty 3: restore p50 %.3f h not above 1.5 x %.3f h\n", h_pen, h_flat);
        fail();
    }
    char name[96];
    int inc = -1;
    for (int i = 0; i < flat.x.n_metrics; i++)
        if (strcmp(org_metric_name(&flat.s, i, name, sizeof name), "time_share_product_incident") == 0)
            inc = i;
    assert_true(inc >= 0);
    double s_flat = oval(&flat, 0, inc), s_rest = oval(&rest, 0, inc);
    if (!(s_rest > 1.2 * s_flat)) {
        print_error("rest 1 h per night hour: incident share %.4f not above 1.2 x %.4f\n", s_rest, s_flat);
        fail();
    }
    orun_free(&sun);
    orun_free(&flat);
    orun_free(&pen);
    orun_free(&rest);
}

/* The time-of-day profile in the run: with a day peak (ratio 3) the share
 * of background incidents out of hours is 128 / (3 × 40 + 128) (4 binomial
 * SEs) instead of 128/168, and fewer pages reach the rotation; the flat
 * profile (ratio 1, the default) gives today's results bit for bit. */
static void test_oncall_profile(void **state)
{
    (void)state;
    orun def, flat, peak;
    orun_text("\"true_devops\"", "\"cover\": \"24x7\"", &def);
    orun_text("\"true_devops\"", "\"cover\": \"24x7\", \"business_hours_incident_ratio\": 1", &flat);
    orun_text("\"true_devops\"", "\"cover\": \"24x7\", \"business_hours_incident_ratio\": 3", &peak);
    for (int i = 0; i < def.x.n_metrics; i++) {
        double a = oval(&def, 0, i), b = oval(&flat, 0, i);
        assert_true(memcmp(&a, &b, sizeof a) == 0);
    }
    double n = oval(&peak, 0, ORG_M_INCIDENTS) * ONC_REPS;
    double p = 128.0 / (3.0 * 40.0 + 128.0), se = sqrt(p * (1.0 - p) / n);
    assert_true(n > 500.0);
    assert_near(omo(&peak, 0, ORG_MO_OUT_OF_HOURS_SHARE), p, 4.0 * se);
    double p0 = 128.0 / 168.0;
    assert_true(omo(&def, 0, ORG_MO_OUT_OF_HOURS_SHARE) > p0 - 4.0 * sqrt(p0 * (1.0 - p0) / n));
    double pg0 = omo(&def, 0, ORG_MO_PAGES_PER_ENG_WEEK), pg = omo(&peak, 0, ORG_MO_PAGES_PER_ENG_WEEK);
    if (!(pg < 0.8 * pg0)) {
        print_error("day peak 3: pages per engineer-week %.3f not below 0.8 x flat %.3f\n", pg, pg0);
        fail();
    }
    print_message("out-of-hours share flat %.3f, day peak 3 %.3f (theory %.3f); pages/eng-week %.3f vs %.3f\n",
                  omo(&def, 0, ORG_MO_OUT_OF_HOURS_SHARE), omo(&peak, 0, ORG_MO_OUT_OF_HOURS_SHARE), p, pg0, pg);
    orun_free(&def);
    orun_free(&flat);
    orun_free(&peak);
}

int test_group_oncall(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_mapping),
        cmocka_unit_test(test_oncall_calendar_clock),
        cmocka_unit_test(test_oncall_cover),
        cmocka_unit_test(test_oncall_rotations_over_window),
        cmocka_unit_test(test_oncall_pooled),
        cmocka_unit_test(test_oncall_night_and_rest),
        cmocka_unit_test(test_clock_profile),
        cmocka_unit_test(test_oncall_profile),
    };
    return cmocka_run_group_tests_name("oncall", tests, NULL, NULL);
}
