/* test_timeline — a scenario's timeline, its weekly series and the payback
 * (models/org_timeline.c, models/org_series.c, scenario/scen_timeline.c):
 * a timeline that changes nothing leaves every number of the plain run
 * as it was and gives series identical to staying put; a transition shows
 * a dip and its recovery; each kind of event does what it says (hire, move,
 * freeze, migrate), teams start on their day, the hiring rule hires; bad
 * timelines are refused with their JSON path. Fixed seeds; tolerances are
 * exact where the run is the same and from the 95% intervals otherwise. */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_exp.h"
#include "models/org_series.h"
#include "scenario/scen_load.h"

typedef struct run { org_scenario s; org_exp x; } run;

/* "org" is the organisation and anything else the scenario says. The
 * organisations were sized, and the dips and paybacks below derived, without
 * the flow mechanisms (on by default), so they are off (TEST_FLOW_OFF). */
static void run_reps(const char *org, int reps, run *R)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "{ \"name\": \"tl\", \"seed\": 7, \"replications\": %d, " TEST_FLOW_OFF ", "
             "\"run\": { \"warmup_days\": 0, \"measure_days\": 600, \"drain_max_days\": 50 }, %s }", reps, org);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(buf, strlen(buf), "tl.json", &R->s, &d);
    if (rc != 0) {
        util_diags_print(&d, stderr);
        fprintf(stderr, "scenario was: %s\n", buf);
    }
    util_diags_free(&d);
    assert_int_equal(rc, 0);
    assert_int_equal(org_exp_run(&R->s, R->s.run.replications, 2, NULL, NULL, NULL, &R->x), 0);
}

static void run_text(const char *org, run *R)
{
    run_reps(org, 6, R);
}

static void run_free(run *R)
{
    org_exp_destroy(&R->x);
    org_scenario_destroy(&R->s);
}

/* Mean over replications of metric over weeks [w0, w1), with the timeline or staying put. */
static double series_mean(const run *R, int stay, int w0, int w1, int metric)
{
    return org_series_summary(&R->x, 0, 0, stay, w0, w1, metric).mean;
}

#define ORG4 "\"product_teams\": { \"count\": 4, \"size\": 4, \"features_per_week\": 1.5 }, " \
             "\"central_team\": { \"size\": 6 }, \"hosting\": [\"iaas\"]"

/* A timeline that changes nothing: every metric of every replication is
 * the plain run's, bit for bit, and the series equal staying put's. */
static void test_tl_noop(void **state)
{
    (void)state;
    run plain, empty, noop;
    run_text(ORG4 ", \"models\": [\"devops_team\"]", &plain);
    run_text(ORG4 ", \"models\": [\"devops_team\"], \"timeline\": []", &empty);
    run_text(ORG4 ", \"models\": [\"devops_team\"], \"timeline\": [ { \"week\": 10, \"do\": \"model\", "
             "\"model\": \"devops_team\" }, { \"day\": 300, \"do\": \"migrate\", \"hosting\": \"iaas\" } ]", &noop);
    assert_int_equal(org_series_weeks(&plain.x), 0);
    assert_int_equal(org_series_weeks(&noop.x), 120);
    for (int r = 0; r < plain.x.reps; r++) {
        const org_rep *a = org_exp_rep(&plain.x, 0, 0, r), *b = org_exp_rep(&empty.x, 0, 0, r),
                      *c = org_exp_rep(&noop.x, 0, 0, r);
        assert_int_equal(a->n_values, c->n_values);
        assert_memory_equal(a->values, b->values, (size_t)a->n_values * sizeof(double));
        assert_memory_equal(a->values, c->values, (size_t)a->n_values * sizeof(double));
        assert_int_equal(a->n_lead, c->n_lead);
        assert_memory_equal(a->lead_times, c->lead_times, a->n_lead * sizeof(double));
        assert_int_equal(c->n_weeks, 120);
        assert_memory_equal(c->series, c->series_stay, (size_t)c->n_weeks * ORG_TS_COUNT * sizeof(double));
        assert_memory_equal(b->series, c->series, (size_t)c->n_weeks * ORG_TS_COUNT * sizeof(double));
    }
    org_payback p;
    assert_int_equal(org_series_payback(&noop.x, 0, 0, &p), 0);
    assert_int_equal(p.detectable, 0);
    assert_near(p.final, 0.0, 0.0);
    /* the series add up to the run's own figures: features finished in the
     * measured window (all of it here) against the weekly counts */
    double weekly = series_mean(&noop, 0, 0, 120, ORG_TS_FEATURES_DONE) * 120;
    double done = org_exp_summary(&noop.x, 0, 0, ORG_M_FEATURES_DONE).mean;
    assert_true(weekly <= done + 1e-9 && weekly > 0.9 * done);
    run_free(&plain);
    run_free(&empty);
    run_free(&noop);
}

/* The DevOps team becomes a platform team and four of its six engineers
 * join the product teams (week 20): product teams now do their own
 * infrastructure work, with the skills the movers bring and little of
 * their own, so features fall behind staying put (a dip whose interval
 * excludes 0); as they learn, the backlog clears and the plan catches up
 * (arrivals are the same: in the long run both deliver what arrives). */
static void test_tl_dip_and_recovery(void **state)
{
    (void)state;
    run R;
    run_reps("\"product_teams\": { \"count\": 4, \"size\": 4, \"features_per_week\": 2.1 }, "
             "\"central_team\": { \"size\": 6 }, \"hosting\": [\"iaas\"], \"models\": [\"devops_team\"], \"timeline\": ["
             " { \"week\": 20, \"do\": \"model\", \"model\": \"true_devops\" },"
             " { \"week\": 20, \"do\": \"move\", \"from\": \"central\", \"to\": \"team-1\", \"count\": 1 },"
             " { \"week\": 20, \"do\": \"move\", \"from\": \"central\", \"to\": \"team-2\", \"count\": 1 },"
             " { \"week\": 20, \"do\": \"move\", \"from\": \"central\", \"to\": \"team-3\", \"count\": 1 },"
             " { \"week\": 20, \"do\": \"move\", \"from\": \"central\", \"to\": \"team-4\", \"count\": 1 } ]", 12, &R);
    org_payback p;
    assert_int_equal(org_series_payback(&R.x, 0, 0, &p), 0);
    print_message("dip %.2f features in week %d (upper 95%% %.2f); payback week %d [%d, %d]; end %+.2f [%.2f, %.2f]\n",
                  p.dip, p.dip_week, p.dip_high, p.week, p.week_early, p.week_late, p.final, p.final_low,
                  p.final_high);
    assert_int_equal(p.first_event_week, 20);
    /* before the first event both runs are the same run */
    for (int w = 0; w < 20; w++)
        assert_near(series_mean(&R, 0, w, w + 1, ORG_TS_CUM_FEATURES),
                    series_mean(&R, 1, w, w + 1, ORG_TS_CUM_FEATURES), 0.0);
    assert_true(p.dip_week > 20);
    assert_true(p.dip_high < 0.0);          /* the dip is real */
    assert_true(p.detectable);
    /* it is made up within the horizon: from week_early on the plan is no
     * longer significantly behind, and at the end the gap is a fraction of the dip */
    assert_true(p.week_early > p.dip_week && p.week_early < 120);
    assert_true(fabs(p.final) < 0.25 * fabs(p.dip));
    /* the payback chart's points: the paired difference of the two runs'
     * cumulative features each week (the mean of differences is the
     * difference of means over the same replications), its lowest point
     * the dip, its last the final gain with the same interval */
    int weeks = org_series_weeks(&R.x);
    double lowest = 0.0;
    for (int w = 0; w < weeks; w++) {
        org_summary d = org_series_payback_at(&R.x, 0, 0, w);
        double plan = series_mean(&R, 0, w, w + 1, ORG_TS_CUM_FEATURES);
        assert_int_equal(d.n, 12);
        assert_true(fabs(d.mean - (plan - series_mean(&R, 1, w, w + 1, ORG_TS_CUM_FEATURES))) <= 1e-9 * (1.0 + plan));
        assert_true(d.low <= d.mean && d.mean <= d.high);
        if (d.mean < lowest)
            lowest = d.mean;
    }
    assert_true(lowest == p.dip);
    org_summary last = org_series_payback_at(&R.x, 0, 0, weeks - 1), dip = org_series_payback_at(&R.x, 0, 0, p.dip_week);
    assert_true(last.mean == p.final && last.low == p.final_low && last.high == p.final_high);
    assert_true(dip.high == p.dip_high);
    assert_int_equal(org_series_payback_at(&R.x, 0, 0, weeks).n, 0);     /* out of range: nothing */
    assert_true(isnan(org_series_payback_at(&R.x, 0, 0, -1).mean));
    /* the movers: the product teams' headcount rose by 4, the total did not move */
    assert_near(series_mean(&R, 0, 30, 40, ORG_TS_ENGINEERS), series_mean(&R, 1, 30, 40, ORG_TS_ENGINEERS), 0.5);
    run_free(&R);
}

/* Hiring: three novices join team-1 in week 10 (no attrition: exact). */
static void test_tl_hire(void **state)
{
    (void)state;
    run R;
    run_text(ORG4 ", \"models\": [\"devops_team\"], \"people\": { \"attrition_per_year\": 0 }, \"timeline\": ["
             " { \"week\": 10, \"do\": \"hire\", \"team\": \"team-1\", \"count\": 3 } ]", &R);
    assert_near(series_mean(&R, 1, 5, 6, ORG_TS_ENGINEERS), 22.0, 1e-9);
    assert_near(series_mean(&R, 0, 5, 6, ORG_TS_ENGINEERS), 22.0, 1e-9);
    assert_near(series_mean(&R, 0, 12, 13, ORG_TS_ENGINEERS), 25.0, 1e-9);
    assert_near(series_mean(&R, 1, 12, 13, ORG_TS_ENGINEERS), 22.0, 1e-9);
    /* cost follows the people: three product engineers' weekly cost more */
    double more = series_mean(&R, 0, 12, 13, ORG_TS_COST) - series_mean(&R, 1, 12, 13, ORG_TS_COST);
    assert_near(more, 3 * 150000.0 / 250.0 * 5.0, 1e-6);
    run_free(&R);
}

/* A freeze from day 200 to day 260: no feature finishes in its last weeks
 * (work under way drains in the first), then the backlog clears. */
static void test_tl_freeze(void **state)
{
    (void)state;
    run R;
    run_text(ORG4 ", \"models\": [\"devops_team\"], \"timeline\": ["
             " { \"day\": 200, \"do\": \"freeze\", \"until_day\": 260 } ]", &R);
    double during = series_mean(&R, 0, 46, 52, ORG_TS_FEATURES_DONE);
    double stay = series_mean(&R, 1, 46, 52, ORG_TS_FEATURES_DONE);
    print_message("freeze: %.3f features/week in its last weeks, %.3f staying put\n", during, stay);
    assert_near(during, 0.0, 0.0);
    assert_true(stay > 4.0);
    /* the held work waits for the next release windows, then the backlog goes out */
    assert_true(series_mean(&R, 0, 56, 62, ORG_TS_FEATURES_DONE) > 2.0 * series_mean(&R, 1, 56, 62, ORG_TS_FEATURES_DONE));
    org_payback p;
    assert_int_equal(org_series_payback(&R.x, 0, 0, &p), 0);
    assert_true(p.dip < -20.0);             /* six weeks of about 6 features */
    /* A freeze only delays: afterwards the plan catches up with staying put
     * but cannot get ahead, so the mean difference ends near 0 and whether
     * it "stays >= 0" (p.week) is noise. What must hold: the interval's upper
     * end is back at 0 after the freeze and within the horizon, and the final
     * difference is not significant. */
    assert_true(p.week_early > 52 && p.week_early < 120);
    assert_true(p.final_low <= 0.0 && p.final_high >= 0.0);
    run_free(&R);
}

/* Migration from on-prem to serverless (week 10, 5 days per service of
 * the DevOps team's iac work): once done, toil and upkeep shrink, so the
 * non-product time of the last year is well below staying put. */
static void test_tl_migrate(void **state)
{
    (void)state;
    run R;
    run_text("\"product_teams\": { \"count\": 4, \"size\": 4, \"features_per_week\": 1.5 }, "
             "\"central_team\": { \"size\": 6 }, \"hosting\": [\"on_prem\"], \"models\": [\"devops_team\"], "
             "\"timeline\": [ { \"week\": 10, \"do\": \"migrate\", \"hosting\": \"serverless\", \"effort_days\": 5 } ]", &R);
    org_summary plan = org_series_summary(&R.x, 0, 0, 0, 70, 120, ORG_TS_NONPRODUCT_FTE);
    org_summary stay = org_series_summary(&R.x, 0, 0, 1, 70, 120, ORG_TS_NONPRODUCT_FTE);
    print_message("migrate: non-product FTE %.2f [%.2f, %.2f] against %.2f [%.2f, %.2f] staying put\n",
                  plan.mean, plan.low, plan.high, stay.mean, stay.low, stay.high);
    assert_true(plan.high < stay.low);
    /* before the event the two are one run; busy time is booked when work
     * stops, its learning share first, so a task running across the event
     * can move a sliver of its earlier time between categories */
    double before = series_mean(&R, 1, 0, 10, ORG_TS_NONPRODUCT_FTE);
    assert_near(series_mean(&R, 0, 0, 10, ORG_TS_NONPRODUCT_FTE), before, 1e-4 * before);
    run_free(&R);
}

/* One service migrates (on-prem to serverless, week 10): the organisation's
 * non-product time falls, but by less than when every service moves. */
static void test_tl_migrate_one(void **state)
{
    (void)state;
    const char *org = "\"product_teams\": { \"count\": 4, \"size\": 4, \"features_per_week\": 1.5 }, "
                      "\"central_team\": { \"size\": 6 }, \"hosting\": [\"on_prem\"], \"models\": [\"devops_team\"], ";
    char text[1024];
    run one, all;
    snprintf(text, sizeof text, "%s\"timeline\": [ { \"week\": 10, \"do\": \"migrate\", \"hosting\": \"serverless\", "
             "\"service\": \"team-1\", \"effort_days\": 5 } ]", org);
    run_text(text, &one);
    snprintf(text, sizeof text, "%s\"timeline\": [ { \"week\": 10, \"do\": \"migrate\", \"hosting\": \"serverless\", "
             "\"effort_days\": 5 } ]", org);
    run_text(text, &all);
    org_summary p1 = org_series_summary(&one.x, 0, 0, 0, 70, 120, ORG_TS_NONPRODUCT_FTE);
    org_summary pa = org_series_summary(&all.x, 0, 0, 0, 70, 120, ORG_TS_NONPRODUCT_FTE);
    org_summary st = org_series_summary(&one.x, 0, 0, 1, 70, 120, ORG_TS_NONPRODUCT_FTE);
    print_message("migrate one of 4 services: non-product FTE %.2f [%.2f, %.2f]; all %.2f [%.2f, %.2f]; "
                  "staying put %.2f [%.2f, %.2f]\n", p1.mean, p1.low, p1.high, pa.mean, pa.low, pa.high,
                  st.mean, st.low, st.high);
    assert_true(p1.high < st.low);
    assert_true(p1.low > pa.high);
    run_free(&one);
    run_free(&all);
}

/* A team that starts on day 100 and the hiring rule of a growing startup. */
static void test_tl_growth_and_rule(void **state)
{
    (void)state;
    run R;
    run_text("\"teams\": [ { \"name\": \"core\", \"size\": 3, \"features_per_week\": 1.5 },"
             " { \"name\": \"late\", \"size\": 4, \"features_per_week\": 1.2, \"starts_day\": 100 } ],"
             " \"product_teams\": { \"count\": 0 }, \"central_team\": { \"size\": 0 },"
             " \"people\": { \"attrition_per_year\": 0 }, \"hosting\": [\"iaas\"], \"models\": [\"devops_team\"],"
             " \"hiring_rule\": { \"central_when_share_above\": 0.05, \"window_weeks\": 4, \"max_hires\": 2 },"
             " \"timeline\": []", &R);
    assert_near(series_mean(&R, 0, 10, 11, ORG_TS_ENGINEERS), 3.0, 1e-9);
    int m_day = ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT, m_engs = m_day + 1, m_hires = m_day + 2;
    /* the on-call metrics follow when the calendar clock is on (the default), then the per-team ones */
    int oncall = R.s.oncall.calendar_clock ? ORG_MO_COUNT : 0;
    assert_int_equal(org_metric_count(&R.s), m_hires + 1 + oncall + ORG_MT_COUNT);
    assert_int_equal(org_metric_team_base(&R.s), m_hires + 1 + oncall);
    char name[64];
    assert_string_equal(org_metric_name(&R.s, m_day, name, sizeof name), "first_central_hire_day");
    assert_string_equal(org_metric_name(&R.s, m_engs, name, sizeof name), "engineers_at_first_central_hire");
    assert_string_equal(org_metric_name(&R.s, m_hires, name, sizeof name), "central_rule_hires");
    /* the hires made: whole, within the cap, and the engineers present at
     * the series' last week are the two teams and exactly those hires */
    double hires_sum = 0.0;
    for (int r = 0; r < R.x.reps; r++) {
        double h = org_exp_rep(&R.x, 0, 0, r)->values[m_hires];
        assert_true(h >= 1.0 && h <= 2.0 && h == floor(h));
        hires_sum += h;
    }
    org_summary hires = org_exp_summary(&R.x, 0, 0, m_hires);
    assert_int_equal(hires.n, R.x.reps);
    assert_near(hires.mean, hires_sum / R.x.reps, 1e-12);
    assert_near(series_mean(&R, 0, 119, 120, ORG_TS_ENGINEERS), 3.0 + 4.0 + hires.mean, 1e-9);
    org_summary day = org_exp_summary(&R.x, 0, 0, m_day), engs = org_exp_summary(&R.x, 0, 0, m_engs);
    print_message("rule: first central hire on day %.1f with %.1f engineers\n", day.mean, engs.mean);
    assert_int_equal(day.n, R.x.reps);
    /* the rule looks back 4 weeks (first decision in week 4, day 20); the hire joins 60 days later */
    assert_true(day.mean >= 20.0 + 60.0 - 1e-9);
    assert_near(series_mean(&R, 0, 25, 26, ORG_TS_ENGINEERS), 3.0 + 4.0 + (day.mean < 125 ? 1 : 0), 1.0);
    assert_true(engs.mean >= 4.0);
    run_free(&R);
    /* a threshold nobody reaches: never */
    run_text("\"teams\": [ { \"name\": \"core\", \"size\": 3 } ], \"product_teams\": { \"count\": 0 },"
             " \"central_team\": { \"size\": 0 }, \"hosting\": [\"paas\"], \"models\": [\"devops_team\"],"
             " \"hiring_rule\": { \"central_when_share_above\": 1, \"max_hires\": 1 }", &R);
    assert_int_equal(org_exp_summary(&R.x, 0, 0, ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT).n, 0);
    org_summary none = org_exp_summary(&R.x, 0, 0, ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + 2);
    assert_int_equal(none.n, R.x.reps);     /* no hire is a count of 0, not a missing value */
    assert_near(none.mean, 0.0, 0.0);
    run_free(&R);
}

static void load_bad(const char *timeline, const char *needle)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "{ \"teams\": [ { \"name\": \"a\", \"size\": 3 }, { \"name\": \"b\", \"starts_day\": 100 } ],"
             " \"product_teams\": { \"count\": 0 }, \"central_team\": { \"size\": 4 }, \"models\": [\"devops_team\"],"
             " \"run\": { \"warmup_days\": 0, \"measure_days\": 500 }, \"timeline\": %s }", timeline);
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    int rc = scen_load_text(buf, strlen(buf), "bad.json", &s, &d);
    if (rc == 0 || !util_diags_contains(&d, needle)) {
        fprintf(stderr, "timeline %s\n  wanted a problem containing: %s\n  got:\n", timeline, needle);
        util_diags_print(&d, stderr);
        if (rc == 0)
            org_scenario_destroy(&s);
    }
    assert_int_equal(rc, -1);
    assert_true(util_diags_contains(&d, needle));
    assert_null(s.events);
    util_diags_free(&d);
}

static void test_tl_bad(void **state)
{
    (void)state;
    load_bad("{}", "$.timeline: must be a list of dated events");
    load_bad("[3]", "$.timeline[0]: must be an event");
    load_bad("[{\"day\": 500, \"do\": \"freeze\", \"until_day\": 501}]",
             "$.timeline[0].day: day 500 is at or beyond the horizon: the run ends on day 500");
    load_bad("[{\"week\": 120, \"do\": \"hire\", \"team\": \"a\", \"count\": 1}]",
             "$.timeline[0].week: week 120 (day 600) is at or beyond the horizon");
    load_bad("[{\"do\": \"hire\", \"team\": \"a\", \"count\": 1}]", "$.timeline[0]: missing: when it happens");
    load_bad("[{\"day\": 1, \"week\": 1, \"do\": \"hire\", \"team\": \"a\", \"count\": 1}]",
             "$.timeline[0].week: give \"day\" or \"week\", not both");
    load_bad("[{\"day\": -1, \"do\": \"hire\", \"team\": \"a\", \"count\": 1}]", "$.timeline[0].day: is -1, outside");
    load_bad("[{\"day\": 1, \"do\": \"fire\"}]", "$.timeline[0].do: unknown value \"fire\"; did you mean 'hire'?");
    load_bad("[{\"day\": 1, \"do\": \"hire\", \"team\": \"zz\", \"count\": 1}]", "$.timeline[0].team: unknown team \"zz\"");
    load_bad("[{\"day\": 1, \"do\": \"hire\", \"team\": \"a\", \"count\": 0}]", "$.timeline[0].count: is 0, outside [1,");
    load_bad("[{\"day\": 1, \"do\": \"hire\", \"team\": \"a\", \"count\": 1, \"until_day\": 4}]",
             "$.timeline[0].until_day: is not a field of a \"hire\" event");
    load_bad("[{\"day\": 1, \"do\": \"hire\", \"team\": \"a\", \"cuont\": 1}]", "$.timeline[0]: unknown key \"cuont\"");
    load_bad("[{\"day\": 1, \"do\": \"move\", \"from\": \"a\", \"to\": \"a\", \"count\": 1}]",
             "$.timeline[0].to: moves engineers from a team to itself");
    load_bad("[{\"day\": 1, \"do\": \"move\", \"from\": \"central\", \"to\": \"a\", \"count\": 3},"
             " {\"day\": 2, \"do\": \"move\", \"from\": \"central\", \"to\": \"a\", \"count\": 2}]",
             "$.timeline[1].count: moves 2 engineers out of 'central', which has 1 on day 2");
    /* the order of the file does not matter, the days do */
    load_bad("[{\"day\": 9, \"do\": \"move\", \"from\": \"a\", \"to\": \"central\", \"count\": 4},"
             " {\"day\": 2, \"do\": \"move\", \"from\": \"a\", \"to\": \"central\", \"count\": 1}]",
             "$.timeline[0].count: moves 4 engineers out of 'a', which has 2 on day 9");
    load_bad("[{\"day\": 50, \"do\": \"hire\", \"team\": \"b\", \"count\": 1}]",
             "$.timeline[0].team: team 'b' starts on day 100 (its starts_day), after this event on day 50");
    load_bad("[{\"day\": 5, \"do\": \"model\", \"model\": \"true_devops\"}, {\"day\": 5, \"do\": \"model\", \"model\": \"devops_team\"}]",
             "$.timeline[1]: a second \"model\" event on day 5");
    load_bad("[{\"day\": 5, \"do\": \"model\", \"model\": \"sre\"}]", "$.timeline[0].model: unknown model \"sre\"");
    load_bad("[{\"day\": 5, \"do\": \"migrate\", \"hosting\": \"mars\"}]",
             "$.timeline[0].hosting: unknown hosting point \"mars\"");
    load_bad("[{\"day\": 5, \"do\": \"migrate\", \"hosting\": \"paas\", \"service\": \"zz\"}]",
             "$.timeline[0].service: unknown service \"zz\"");
    load_bad("[{\"day\": 5, \"do\": \"migrate\", \"hosting\": \"paas\", \"service\": 3}]",
             "$.timeline[0].service: ");
    load_bad("[{\"day\": 5, \"do\": \"migrate\", \"hosting\": \"paas\", \"service\": \"a\"},"
             " {\"day\": 5, \"do\": \"migrate\", \"hosting\": \"paas\"}]",
             "$.timeline[1]: a second \"migrate\" event on day 5");
    load_bad("[{\"day\": 5, \"do\": \"freeze\", \"until_day\": 5}]", "$.timeline[0].until_day: is 5, not after");
    load_bad("[{\"day\": 5, \"do\": \"freeze\", \"until_day\": 900}]", "$.timeline[0].until_day: is 900, outside [0, 500]");
}

int test_group_timeline(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tl_noop),
        cmocka_unit_test(test_tl_dip_and_recovery),
        cmocka_unit_test(test_tl_hire),
        cmocka_unit_test(test_tl_freeze),
        cmocka_unit_test(test_tl_migrate),
        cmocka_unit_test(test_tl_migrate_one),
        cmocka_unit_test(test_tl_growth_and_rule),
        cmocka_unit_test(test_tl_bad),
    };
    return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
