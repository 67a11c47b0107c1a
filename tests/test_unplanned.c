/* test_unplanned — unplanned work and rework of product teams
 * (models/org_unplanned.c, flow.unplanned_share). A small organisation (2
 * product teams of 4, a central team of 3, true_devops at serverless) with
 * the other flow mechanisms off, so that an item's booked time is exactly
 * its effort and the teams' available time is their presence. */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_exp.h"
#include "models/org_sim_int.h"
#include "scenario/scen_load.h"

#define TEAMS 2
#define TEAM_SIZE 4
#define MEASURE_DAYS 300.0
#define EFFORT_DAYS 0.5

/* %s: more members of "flow" (with a leading comma), or "". */
#define ORG_FMT                                                                                           \
    "{ \"name\": \"unplanned\", \"seed\": 7, \"replications\": 4,"                                       \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ], \"hosting\": [ \"serverless\" ],"                                 \
    "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"               \
    "  \"continuity\": 0, \"iteration_days\": 0%s } }"

static void load(const char *flow_more, org_scenario *s)
{
    char buf[2048];
    snprintf(buf, sizeof buf, ORG_FMT, flow_more);
    assert_int_equal(test_scen_load(buf, "unplanned.json", s), 0);
}

static void run(const char *flow_more, int reps, org_scenario *s, org_exp *x)
{
    load(flow_more, s);
    assert_int_equal(org_exp_run(s, reps, 2, NULL, NULL, NULL, x), 0);
}

static double mean(const org_exp *x, int metric)
{
    return org_exp_summary(x, 0, 0, metric).mean;
}

/* (a) The share of product time booked as unplanned is the share asked for
 * (gross: unplanned_net_days 0, so the teams' toil and incidents do not
 * count towards it).
 * Per replication the booked time is a compound Poisson sum: N items
 * (mean λT, λ = share × members ÷ mean effort per team and day) of
 * exponential effort (E[X²] = 2m²), so its relative standard deviation is
 * sqrt(2 / λT); with 2 teams of 4 at 0.25 and 0.5 days over 300 days,
 * λT = 1,200 and the share's sd is 0.25 × 0.041 = 0.010 per replication,
 * 0.005 for the mean of 4. Tolerances are 4 sd plus 0.005 for the work
 * straddling the window's ends (a few items of 0.5 days against 600 days). */
static void test_unplanned_share(void **state)
{
    (void)state;
    const double share = 0.25;
    org_scenario s;
    load(", \"unplanned_share\": 0.25, \"unplanned_effort_days\": 0.5, \"unplanned_net_days\": 0", &s);
    int ub = org_metric_unplanned_base(&s);
    assert_int_equal(ub, org_metric_count(&s) - ORG_MU_COUNT);
    char name[96];
    assert_string_equal(org_metric_name(&s, ub, name, sizeof name), "time_share_product_unplanned");
    assert_string_equal(org_metric_name(&s, ub + 1, name, sizeof name), "time_share_central_unplanned");
    assert_string_equal(org_metric_name(&s, ub + 2, name, sizeof name), "unplanned_items_per_week");
    assert_string_equal(org_metric_name(&s, ub + 3, name, sizeof name), "unplanned_wait_mean_days");
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    double lt = share * TEAM_SIZE / EFFORT_DAYS * MEASURE_DAYS;        /* items per team and replication */
    double sd_rep = share * sqrt(2.0 / (TEAMS * lt));
    double items_week = TEAMS * share * TEAM_SIZE / EFFORT_DAYS * 5.0;  /* while everyone is present */
    for (int i = 0; i < x.reps; i++) {
        const double *v = x.runs[i].values;
        double all, busy, np;
        test_product_shares(v, &all, &busy, &np);
        assert_near(v[ub], share, 4.0 * sd_rep + 0.005);
        assert_near(v[ub + 1], 0.0, 0);                 /* the central team gets none */
        assert_near(all + v[ub], 1.0, 1e-12);           /* the shares with it sum to 1 */
        assert_near(v[ORG_M_UTIL_PRODUCT], busy + v[ub], 1e-12);
        assert_near(v[ORG_M_PRODUCT_NONPRODUCT_SHARE], np, 1e-12);   /* not non-product work */
        /* arrivals: Poisson, fewer while somebody is away (attrition) */
        assert_true(v[ub + 2] <= items_week + 4.0 * sqrt(items_week * MEASURE_DAYS / 5.0) / (MEASURE_DAYS / 5.0));
        assert_true(v[ub + 2] > 0.8 * items_week);
        assert_true(v[ub + 3] >= 0.0 && v[ub + 3] < 1.0);  /* ahead of features: short waits */
    }
    print_message("product time on unplanned work %.4f (asked %.2f, sd of the mean %.4f); %.1f items a week\n",
                  mean(&x, ub), share, sd_rep / 2.0, mean(&x, ub + 2));
    assert_near(mean(&x, ub), share, 4.0 * sd_rep / 2.0 + 0.005);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

/* (b) Switched off (0) the results are those of a run without the key, to
 * the bit; on, flow efficiency falls and lead time grows (the effect
 * disappears when off). */
static void test_unplanned_off(void **state)
{
    (void)state;
    org_scenario sa, sb, sc;
    org_exp a, b, c;
    run("", 3, &sa, &a);
    run(", \"unplanned_share\": 0, \"unplanned_effort_days\": 2", 3, &sb, &b);
    run(", \"unplanned_share\": 0.3", 3, &sc, &c);
    assert_int_equal(a.n_metrics, b.n_metrics);
    assert_int_equal(c.n_metrics, a.n_metrics + ORG_MU_COUNT + 1);     /* net by default: unplanned_netted_share */
    for (int i = 0; i < a.reps; i++) {
        assert_int_equal(a.runs[i].n_values, b.runs[i].n_values);
        assert_memory_equal(a.runs[i].values, b.runs[i].values, (size_t)a.runs[i].n_values * sizeof(double));
    }
    double fe_off = mean(&a, ORG_M_FLOW_EFFICIENCY), fe_on = mean(&c, ORG_M_FLOW_EFFICIENCY);
    double lt_off = mean(&a, ORG_M_LEAD_P85), lt_on = mean(&c, ORG_M_LEAD_P85);
    print_message("flow efficiency %.3f off, %.3f at 0.3; p85 lead time %.1f d off, %.1f d at 0.3\n", fe_off, fe_on,
                  lt_off, lt_on);
    assert_true(fe_on < fe_off - 0.02);
    assert_true(lt_on > lt_off + 1.0);
    /* Its own random stream: the same features arrive at the same times. */
    double d = 0.0;
    for (int i = 0; i < a.reps; i++)
        d += fabs(c.runs[i].values[ORG_M_FEATURES_DONE] + c.runs[i].values[ORG_M_FEATURES_UNFINISHED]
                  - a.runs[i].values[ORG_M_FEATURES_DONE] - a.runs[i].values[ORG_M_FEATURES_UNFINISHED]);
    assert_near(d, 0.0, 0);
    org_exp_destroy(&a);
    org_exp_destroy(&b);
    org_exp_destroy(&c);
    org_scenario_destroy(&sa);
    org_scenario_destroy(&sb);
    org_scenario_destroy(&sc);
}

/* The trace's feature_created lines' times, in order, into t (at most cap);
 * returns how many. Closes f. */
static int created_times(FILE *f, double *t, int cap)
{
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, "\"ev\":\"feature_created\"") && n < cap)
            t[n++] = test_num_after(line, "\"t\":");
    fclose(f);
    return n;
}

/* Turning it on leaves the feature arrivals' stream alone: the same
 * features are created at the same times, in the trace of replication 0. */
static void test_unplanned_streams(void **state)
{
    (void)state;
    enum { CAP = 4096 };
    static double off[CAP], on[CAP];
    org_scenario a, b;
    load("", &a);
    load(", \"unplanned_share\": 0.3", &b);
    int n_off = created_times(test_trace_run(&a, 0, 0, 0), off, CAP);
    int n_on = created_times(test_trace_run(&b, 0, 0, 0), on, CAP);
    assert_true(n_off > 100);
    assert_int_equal(n_on, n_off);
    assert_memory_equal(off, on, (size_t)n_off * sizeof(double));
    org_scenario_destroy(&a);
    org_scenario_destroy(&b);
}

/* (c) Unplanned items go ahead of queued feature work: in replication 0's
 * trace no engineer starts a feature task for the first time while an
 * unplanned item waits in the team's queue (an item waits from its
 * task_queued line, or from a preemption, until it starts); and items do
 * overtake: counted are the feature tasks queued before an item (first
 * queued, never preempted) and still waiting when it starts. A preempted
 * task resumes at its first queueing time and may go first: those are left
 * out on both counts. */
enum { TCAP = 1 << 17, MAX_TEAMS = 8, WCAP = 4096 };
static unsigned char waiting_[TCAP], kind_[TCAP], preempted_[TCAP];
static int team_[TCAP];
static double queued_[TCAP];
static int wfeat_[MAX_TEAMS][WCAP], n_wfeat_[MAX_TEAMS];    /* waiting feature tasks per team */

/* Feature tasks waiting in team queued before time t. */
static long waiting_before(int team, double t)
{
    long n = 0;
    for (int i = 0; i < n_wfeat_[team]; i++)
        n += queued_[wfeat_[team][i]] < t;
    return n;
}

static void wfeat_remove(int team, int id)
{
    for (int i = 0; i < n_wfeat_[team]; i++)
        if (wfeat_[team][i] == id) {
            wfeat_[team][i] = wfeat_[team][--n_wfeat_[team]];
            return;
        }
}

/* flow_more: the flow members (with a leading comma). */
static void check_first(const char *flow_more)
{
    org_scenario s;
    load(flow_more, &s);
    FILE *f = test_trace_run(&s, 0, 0, 0);
    org_scenario_destroy(&s);
    memset(waiting_, 0, sizeof waiting_);
    memset(preempted_, 0, sizeof preempted_);
    memset(n_wfeat_, 0, sizeof n_wfeat_);
    long n_items_waiting[MAX_TEAMS] = { 0 };
    char line[4096];
    long overtaken = 0, violations = 0, items = 0, features = 0;
    while (fgets(line, sizeof line, f)) {
        int id = test_int_after(line, "\"task\":");
        if (id < 0 || id >= TCAP)
            continue;
        int unpl = strstr(line, "\"class\":\"unplanned\"") != NULL, feat = strstr(line, "\"class\":\"feature\"") != NULL;
        const char *tm = strstr(line, "\"team\":\"team-");
        int team = tm ? atoi(tm + strlen("\"team\":\"team-")) : -1;
        if (!(unpl || feat) || team < 0 || team >= MAX_TEAMS)
            continue;
        int pre = strstr(line, "\"ev\":\"task_preempted\"") != NULL;
        if (strstr(line, "\"ev\":\"task_queued\"") || pre) {
            preempted_[id] |= (unsigned char)pre;
            if (!waiting_[id]) {
                waiting_[id] = 1;
                kind_[id] = (unsigned char)unpl;
                team_[id] = team;
                queued_[id] = test_num_after(line, "\"t\":");
                if (unpl)
                    n_items_waiting[team]++;
                else if (!preempted_[id] && n_wfeat_[team] < WCAP)
                    wfeat_[team][n_wfeat_[team]++] = id;
            }
        } else if (strstr(line, "\"ev\":\"task_started\"") && waiting_[id]) {
            waiting_[id] = 0;
            int tmk = team_[id];
            if (unpl) {
                n_items_waiting[tmk]--;
                if (!preempted_[id])
                    overtaken += waiting_before(tmk, queued_[id]);
                items++;
            } else {
                wfeat_remove(tmk, id);
                if (!preempted_[id]) {
                    violations += n_items_waiting[tmk];     /* items waiting while a feature task starts */
                    features++;
                }
            }
        }
    }
    fclose(f);
    print_message("%ld unplanned items and %ld feature tasks started; %ld feature tasks queued before an item "
                  "still waited when it started; %ld out of order\n", items, features, overtaken, violations);
    assert_true(items > 500);
    assert_true(features > 200);
    assert_true(overtaken > 50);
    assert_int_equal(violations, 0);
}

static void test_unplanned_first(void **state)
{
    (void)state;
    check_first(", \"unplanned_share\": 0.3");
}

/* (d) With switching between features on, an engineer's carried feature
 * may take its task out of queue order — but never ahead of an unplanned
 * item, nor ahead of a resumed task or an answer heading the queue, since
 * an item may wait behind those (org_wip.c): the same trace check. */
static void test_unplanned_switching(void **state)
{
    (void)state;
    check_first(", \"unplanned_share\": 0.3, \"switch_loss\": 0.2, \"switch_waiting_weight\": 0.25");
}

/* The same organisation on-prem, where true_devops product teams carry
 * toil and incidents; %s: the learning penalty (the net rule counts an
 * interrupt's whole booked time, learning included, while the time shares
 * book learning apart: 0 makes them comparable), %s: upkeep's two rates,
 * %s: more members of "flow". */
#define NET_FMT                                                                                           \
    "{ \"name\": \"unplanned-net\", \"seed\": 11, \"replications\": 4,"                                  \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ], \"hosting\": [ \"on_prem\" ],"                                    \
    "  \"knowledge\": { \"learning_penalty\": %s }, \"upkeep\": { %s },"                                  \
    "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"               \
    "  \"continuity\": 0, \"iteration_days\": 0, \"unplanned_share\": 0.25%s } }"

static void run_net(const char *penalty, const char *upkeep, const char *flow_more, org_scenario *s, org_exp *x)
{
    char buf[2048];
    snprintf(buf, sizeof buf, NET_FMT, penalty, upkeep, flow_more);
    assert_int_equal(test_scen_load(buf, "unplanned-net.json", s), 0);
    assert_int_equal(org_exp_run(s, 0, 2, NULL, NULL, NULL, x), 0);
}

/* Product time on operations interrupts (incidents, rest, toil with upkeep). */
static double ops_share(const double *v)
{
    return v[ORG_M_FIXED_COUNT + ORG_CAT_INCIDENT] + v[ORG_M_FIXED_COUNT + ORG_CAT_TOIL];
}

/* (e) Net of the teams' own operations interrupts (unplanned_net_days, on
 * by default): the items take the share asked for less the share the
 * team's incidents and toil already take, so items + interrupts ≈ the
 * share; switched off (0) the items alone take it and the sum is higher by
 * the interrupts. Upkeep is recurring, planned work: it does not count, so
 * adding it takes nothing from the items (one-sided: they even gain a
 * little here, 0.168 → 0.172 as printed, the other interrupts changing
 * with upkeep)
 * and items + interrupts + upkeep exceed the share.
 * Tolerances: the items are the gross stream of test (a) thinned, so their
 * booked share's sd per replication is at most (a)'s 0.010 (0.005 for the
 * mean of 4); the interrupts' own noise is compensated by the running share
 * except for what happens within its time constant (20 of 300 days); 4 sd
 * plus (a)'s 0.005 for the window's ends and 0.005 for the running share's
 * lag and the presence it counts at candidates only: 0.03. The
 * interrupts must take more than twice that for the test to tell the rule
 * from no rule (asserted). */
static void test_unplanned_net(void **state)
{
    (void)state;
    const double share = 0.25, tol = 4.0 * 0.005 + 0.005 + 0.005;
    const char *no_upkeep = "\"days_per_component_week\": 0, \"days_per_technology_week\": 0";
    org_scenario s1, s2, s3, s4;
    org_exp net, gross, upk, lrn;
    run_net("0", no_upkeep, "", &s1, &net);
    run_net("0", no_upkeep, ", \"unplanned_net_days\": 0", &s2, &gross);
    run_net("0", "\"days_per_component_week\": 0.1, \"days_per_technology_week\": 0.3", "", &s3, &upk);
    run_net("1", no_upkeep, "", &s4, &lrn);
    int ub = org_metric_unplanned_base(&s1);
    double items_net = 0, ops_net = 0, items_gross = 0, ops_gross = 0, items_upk = 0, ops_upk = 0;
    double items_lrn = 0, ops_lrn = 0;
    for (int i = 0; i < net.reps; i++) {
        items_net += net.runs[i].values[ub] / net.reps;
        ops_net += ops_share(net.runs[i].values) / net.reps;
        items_gross += gross.runs[i].values[ub] / gross.reps;
        ops_gross += ops_share(gross.runs[i].values) / gross.reps;
        items_upk += upk.runs[i].values[ub] / upk.reps;
        ops_upk += ops_share(upk.runs[i].values) / upk.reps;
        items_lrn += lrn.runs[i].values[ub] / lrn.reps;
        ops_lrn += ops_share(lrn.runs[i].values) / lrn.reps;
    }
    print_message("net: items %.4f + interrupts %.4f = %.4f; gross: items %.4f + interrupts %.4f; "
                  "with upkeep: items %.4f, interrupts and upkeep %.4f; with learning: items %.4f + interrupts %.4f "
                  "(asked %.2f, tolerance %.3f)\n",
                  items_net, ops_net, items_net + ops_net, items_gross, ops_gross, items_upk, ops_upk, items_lrn, ops_lrn,
                  share, tol);
    assert_true(ops_net > 2.0 * tol);                    /* the interrupts are worth netting here */
    /* unplanned_netted_share: what was counted, here (no upkeep, no learning)
     * the interrupts' time shares, but for tasks straddling the window's ends */
    int un = org_metric_unplanned_net(&s1);
    assert_int_equal(un, ub + ORG_MU_COUNT);
    assert_int_equal(org_metric_unplanned_net(&s2), -1);
    char name[64];
    assert_string_equal(org_metric_name(&s1, un, name, sizeof name), "unplanned_netted_share");
    assert_near(mean(&net, un), ops_net, 0.002);
    assert_true(mean(&lrn, un) > ops_lrn + 4.0 * 0.005);  /* learning counted: more than the categories */
    assert_near(items_net + ops_net, share, tol);        /* net: the total is the share */
    assert_near(items_gross, share, tol);                /* gross: the items alone are */
    assert_true(items_gross + ops_gross > share + 2.0 * tol);
    assert_true(ops_upk - ops_net > 2.0 * tol);          /* upkeep adds clearly ... */
    assert_true(items_upk > items_net - tol);            /* ... and takes nothing from the items */
    assert_true(items_upk + ops_upk > share + 2.0 * tol);
    /* With the learning penalty an interrupt's learning time counts too, and
     * it is booked as learning, outside these shares: the sum falls short of
     * the share by more than the items' 4 sd (0.02). */
    assert_true(items_lrn + ops_lrn < share - 4.0 * 0.005);
    org_exp_destroy(&net);
    org_exp_destroy(&gross);
    org_exp_destroy(&upk);
    org_exp_destroy(&lrn);
    org_scenario_destroy(&s4);
    org_scenario_destroy(&s1);
    org_scenario_destroy(&s2);
    org_scenario_destroy(&s3);
}

/* (g) The running share's update (org__unplanned_net_step) against its
 * closed form: n members present, interruption share i, a booking of d
 * every Δ days, time constant τ. Settled just before a booking, in the
 * steady state (here 1,000 days = 50 τ: the transient e^−50 is gone) the
 * interrupt days are d·q/(1 − q), q = e^−Δ/τ, and the available days
 * n·(1 − i)·τ, so the share is d·q / ((1 − q)·n·(1 − i)·τ) — to rounding
 * (1e-9 relative) — which is d / (n·(1 − i)·Δ) within its relative
 * discretisation Δ/(2τ) (x·e^−x/(1 − e^−x) = 1 − x/2 + O(x²), x = Δ/τ).
 * Killed by dropping the (1 − i) factor (a share 0.7 of the truth) and by
 * steps that ignore dt. From empty, the available days after T without
 * bookings are n·(1 − i)·τ·(1 − e^−T/τ) whatever the steps. */
static void test_unplanned_net_step(void **state)
{
    (void)state;
    const int n = 4;
    const double i = 0.3, tau = 20.0, delta = 0.5, d = 0.1;
    double ops = 0.0, avail = 0.0;
    for (int k = 0; k < 2000; k++) {
        org__unplanned_net_step(&ops, &avail, n, i, tau, delta);
        if (k < 1999)
            ops += d;
    }
    double q = exp(-delta / tau), exact = d * q / ((1.0 - q) * n * (1.0 - i) * tau);
    double approx = d / (n * (1.0 - i) * delta);
    print_message("running share %.6f (closed form %.6f, continuous %.6f)\n", ops / avail, exact, approx);
    assert_near(avail, n * (1.0 - i) * tau, 1e-9 * n * tau);
    assert_near(ops / avail, exact, 1e-9 * exact);
    assert_near(ops / avail, approx, approx * delta / (2.0 * tau));
    /* No time, no change; then 30 days in uneven steps from empty. */
    double o = 1.0, a = 2.0;
    org__unplanned_net_step(&o, &a, n, i, tau, 0.0);
    assert_true(o == 1.0 && a == 2.0);
    o = 0.0, a = 0.0;
    const double steps[] = { 0.1, 2.5, 7.4, 0.001, 19.999 };
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        org__unplanned_net_step(&o, &a, n, i, tau, steps[k]);
    assert_near(a, n * (1.0 - i) * tau * (1.0 - exp(-30.0 / tau)), 1e-9 * n * tau);
    assert_true(o == 0.0);
    /* No interruptions: the whole presence counts. */
    o = 0.0, a = 0.0;
    org__unplanned_net_step(&o, &a, n, 0.0, tau, 1e6);
    assert_near(a, n * tau, 1e-9 * n * tau);
}

/* The net organisation with attrition (3 a year, vacancies 60 days, so
 * about a third of the slots are empty after the first year) and
 * features_per_week 0.8 (the busiest team about 0.7 busy, so the items
 * are served): the running share's available time counts the members
 * present, not the slots. */
#define ATTR_FMT                                                                                          \
    "{ \"name\": \"unplanned-net-attrition\", \"seed\": 11, \"replications\": 4,"                        \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 0.8 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"people\": { \"attrition_per_year\": 3, \"hiring_delay_days\": 60 },"                             \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ], \"hosting\": [ \"on_prem\" ],"                                    \
    "  \"knowledge\": { \"learning_penalty\": 0 },"                                                       \
    "  \"upkeep\": { \"days_per_component_week\": 0, \"days_per_technology_week\": 0 },"                   \
    "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"               \
    "  \"continuity\": 0, \"iteration_days\": 0, \"unplanned_share\": 0.25 } }"

/* Runs the net organisation json (as file) and returns items + the
 * interrupts' share; *ops gets the interrupts' share. label names it in
 * the message. */
static double net_sum(const char *json, const char *file, const char *label, double share, double tol,
                      double *ops)
{
    org_scenario s;
    org_exp x;
    assert_int_equal(test_scen_load(json, file, &s), 0);
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    int ub = org_metric_unplanned_base(&s);
    double items = mean(&x, ub);
    *ops = 0.0;
    for (int i = 0; i < x.reps; i++)
        *ops += ops_share(x.runs[i].values) / x.reps;
    print_message("%s: items %.4f + interrupts %.4f = %.4f (asked %.2f, tolerance %.3f)\n", label, items, *ops,
                  items + *ops, share, tol);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    return items + *ops;
}

/* (h) Net under attrition: items + interrupts ≈ the share, with (e)'s
 * tolerance (0.03). A running share over the member slots instead of the
 * members present understates the interrupts' share by the empty slots'
 * part and lets about 0.06 more items through (killed: 0.311 measured). */
static void test_unplanned_net_attrition(void **state)
{
    (void)state;
    const double share = 0.25, tol = 4.0 * 0.005 + 0.005 + 0.005;
    double ops, sum = net_sum(ATTR_FMT, "unplanned-net-attrition.json", "with attrition", share, tol, &ops);
    assert_true(ops > 2.0 * tol);
    assert_near(sum, share, tol);
}

/* The net organisation with interruption_share 0.3 (no spread) and more
 * toil on-prem (2 days a service a week against the preset's 1.25), so
 * that the interrupts take a large share (about 0.17): the running
 * share's available time is present × (1 − 0.3). */
#define INTR_FMT                                                                                          \
    "{ \"name\": \"unplanned-net-interruptions\", \"seed\": 11, \"replications\": 4,"                    \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ],"                                                                  \
    "  \"hosting\": [ { \"name\": \"on_prem\", \"toil_days_per_service_week\": 2 } ],"                    \
    "  \"knowledge\": { \"learning_penalty\": 0 },"                                                       \
    "  \"upkeep\": { \"days_per_component_week\": 0, \"days_per_technology_week\": 0 },"                   \
    "  \"flow\": { \"interruption_share\": 0.3, \"interruption_sd\": 0, \"review_share\": 0,"             \
    "  \"continuity\": 0, \"iteration_days\": 0, \"unplanned_share\": 0.25 } }"

/* (i) Net with interruptions: items + interrupts ≈ the share, with (e)'s
 * tolerance (0.03); the interrupts must take more than twice that. A
 * running share over the whole presence, without the (1 − 0.3) factor,
 * reads 0.7 of itself and lets 0.3 × the interrupts' share more items
 * through (about 0.05 here; killed: 0.296 measured). */
static void test_unplanned_net_interruptions(void **state)
{
    (void)state;
    const double share = 0.25, tol = 4.0 * 0.005 + 0.005 + 0.005;
    double ops, sum = net_sum(INTR_FMT, "unplanned-net-interruptions.json", "with interruptions 0.3", share, tol, &ops);
    assert_true(0.3 * ops > tol + 0.01);                 /* the factor is worth testing here */
    assert_near(sum, share, tol);
}

/* The organisation of ORG_FMT with interruption_share set (no spread) and
 * %s after it: more top-level members (with a leading comma) then flow's. */
#define RATE_FMT                                                                                          \
    "{ \"name\": \"unplanned-rate\", \"seed\": 5, \"replications\": 4,"                                  \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ], \"hosting\": [ \"serverless\" ]%s,"                               \
    "  \"flow\": { \"interruption_share\": %g, \"interruption_sd\": 0, \"review_share\": 0,"              \
    "  \"continuity\": 0, \"iteration_days\": 0%s } }"

/* more: ", \"people\": {...}" then the flow members, split at the first
 * ", \"unplanned" (the flow part). */
static void run_people(const char *more, double interruption, org_scenario *s, org_exp *x)
{
    const char *fl = strstr(more, ", \"unplanned");
    assert_non_null(fl);
    char top[256], buf[2048];
    snprintf(top, sizeof top, "%.*s", (int)(fl - more), more);
    snprintf(buf, sizeof buf, RATE_FMT, top, interruption, fl);
    assert_int_equal(test_scen_load(buf, "unplanned-rate.json", s), 0);
    assert_int_equal(org_exp_run(s, 0, 2, NULL, NULL, NULL, x), 0);
}

/* (f) The stream's rate: share × (1 − interruption_share) × present members
 * ÷ mean effort per working day (gross, so nothing else moves it).
 * With interruption_share 0.3 (no spread) and nobody leaving, items a week
 * at all teams are 2 × 0.25 × 0.7 × 4 ÷ 0.5 × 5 = 14: Poisson, over 60
 * weeks × 4 replications 3,360 expected, relative sd 1.7%, tolerance 4 sd.
 * With attrition 3 a year (mean stay 250 ÷ 3 ≈ 83 working days, each
 * vacancy 60) the rate follows the members present: their share of the
 * slots falls from 1 at the start towards 83 ÷ 143 = 0.58, so the items a
 * week fall to between 0.58 and 1 of the full rate; asserted below 0.9 (a
 * stream that ignored presence reads 1 ± 0.07) and above 0.58 − 0.07. */
static void test_unplanned_rate(void **state)
{
    (void)state;
    const char *flow = ", \"unplanned_share\": 0.25, \"unplanned_effort_days\": 0.5, \"unplanned_net_days\": 0";
    char more[256];
    org_scenario s1, s2;
    org_exp full, thin;
    snprintf(more, sizeof more, "%s%s", ", \"people\": { \"attrition_per_year\": 0 }", flow);
    run_people(more, 0.3, &s1, &full);
    snprintf(more, sizeof more, "%s%s", ", \"people\": { \"attrition_per_year\": 3, \"hiring_delay_days\": 60 }", flow);
    run_people(more, 0.3, &s2, &thin);
    int ub = org_metric_unplanned_base(&s1);
    double expect = TEAMS * 0.25 * 0.7 * TEAM_SIZE / EFFORT_DAYS * 5.0;
    double n = expect * MEASURE_DAYS / 5.0 * full.reps;
    double got = mean(&full, ub + ORG_MU_ITEMS_PER_WEEK), ratio = mean(&thin, ub + ORG_MU_ITEMS_PER_WEEK) / got;
    print_message("items a week %.2f (expected %.2f, tolerance %.2f); with attrition %.3f of that\n", got, expect,
                  4.0 * expect / sqrt(n), ratio);
    assert_near(got, expect, 4.0 * expect / sqrt(n));
    assert_true(ratio < 0.9);
    assert_true(ratio > 0.58 - 0.07);
    org_exp_destroy(&full);
    org_exp_destroy(&thin);
    org_scenario_destroy(&s1);
    org_scenario_destroy(&s2);
}

int test_group_unplanned(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unplanned_share),
        cmocka_unit_test(test_unplanned_off),
        cmocka_unit_test(test_unplanned_streams),
        cmocka_unit_test(test_unplanned_first),
        cmocka_unit_test(test_unplanned_switching),
        cmocka_unit_test(test_unplanned_net),
        cmocka_unit_test(test_unplanned_net_step),
        cmocka_unit_test(test_unplanned_net_attrition),
        cmocka_unit_test(test_unplanned_net_interruptions),
        cmocka_unit_test(test_unplanned_rate),
    };
    return cmocka_run_group_tests_name("unplanned", tests, NULL, NULL);
}
