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
    assert_int_equal(ub, org_metric_count(&s) - ORG_MT_COUNT - ORG_MU_COUNT);   /* the per-team metrics come last */
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
 * toil and incidents, nobody leaving (so presence is constant); %s: the
 * hosting (TOIL_ONLY: background incidents off), %s: the learning penalty (the net
 * rule counts an interrupt's whole booked time, learning included, while
 * the time shares book learning apart: 0 makes them comparable), %s:
 * upkeep's two rates, %s: more members of "flow". */
#define NET_FMT                                                                                           \
    "{ \"name\": \"unplanned-net\", \"seed\": 11, \"replications\": 16,"                                  \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 }, \"people\": { \"attrition_per_year\": 0 },"                     \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ], \"hosting\": [ %s ],"                                             \
    "  \"knowledge\": { \"learning_penalty\": %s }, \"upkeep\": { %s },"                                  \
    "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"               \
    "  \"continuity\": 0, \"iteration_days\": 0, \"unplanned_share\": 0.25%s } }"

/* On-prem without incidents: the interrupts are toil alone, whose booked
 * days per item are exponential (mean TOIL_UNIT_DAYS, effort factor 1
 * on-prem; learning penalty 0), so their second moment is known:
 * E[b²] ÷ E[b] = 2 × 0.5 = 1 day (KAPPA_DAYS; a preempted item booked in
 * pieces has less). Incidents' restore times are heavy-tailed (lognormal,
 * p90 6× the median, times a diagnosis factor): measured E[b²] ÷ E[b] of
 * 1–7 days per replication, so a tolerance from theory needs them out;
 * that they count is tested by the netted metric (test (e): its counter)
 * and, in the running share itself, by a paired check (test (j)). Only
 * background incidents are off: failed changes still open some (5–8 a
 * replication, 0.2–0.6% of the time; the session-11 review), whose heavier
 * second moment (about 4.7 days) would add 15–25% to the lag term, 2–4% of
 * the variance — inside the 4 sd, but not in the derivation. */
#define TOIL_ONLY "{ \"name\": \"on_prem\", \"incidents_per_service_week\": 0 }"
#define KAPPA_DAYS (2.0 * TOIL_UNIT_DAYS)
#define NET_TAU_DAYS 20.0       /* flow.unplanned_net_days' default */

static void run_net(const char *hosting, const char *penalty, const char *upkeep, const char *flow_more,
                    org_scenario *s, org_exp *x)
{
    char buf[2048];
    snprintf(buf, sizeof buf, NET_FMT, hosting, penalty, upkeep, flow_more);
    assert_int_equal(test_scen_load(buf, "unplanned-net.json", s), 0);
    assert_int_equal(org_exp_run(s, 0, 2, NULL, NULL, NULL, x), 0);
}

/* Product time on operations interrupts (incidents, rest, toil with upkeep). */
static double ops_share(const double *v)
{
    return v[ORG_M_FIXED_COUNT + ORG_CAT_INCIDENT] + v[ORG_M_FIXED_COUNT + ORG_CAT_TOIL];
}

/* The largest E[(X − a)+] of any distribution with mean mu and standard
 * deviation sigma: (sqrt(sigma² + (a − mu)²) − (a − mu)) ÷ 2 (Scarf's
 * bound, 1958; reached by a two-point distribution). A normal tail
 * understates it here: the running share is a skewed compound sum of
 * bookings that come in bursts (measured in test (i): 1.9 days a
 * replication against 0.2 for a normal tail, under this bound's 6). */
static double excess_bound(double mu, double sigma, double a)
{
    return (sqrt(sigma * sigma + (a - mu) * (a - mu)) - (a - mu)) / 2.0;
}

/* The clamp's share: an item cannot be negative, so while a team's running
 * share m exceeds the share the surplus is not netted and items +
 * interrupts exceed the share by E[(m − share)+] (one-sided). Quasi-static
 * over the members present n ~ Binomial(TEAM_SIZE, occupancy) (n = 0 keeps
 * nothing and books nothing): the team's interrupts come at R days a day
 * (ops × its mean available time), so at n the running share has mean
 * R ÷ a_n, a_n = n(1 − i), and — a compound Poisson sum of bookings of
 * second moment KAPPA_DAYS × their mean, weighted e^−t/τ — variance
 * R·KAPPA_DAYS ÷ (2τ·a_n²); its excess over the share at most
 * excess_bound. Weighted by a_n (the time it applies to) over the mean
 * available time. Quasi-static overstates it under attrition: after a
 * departure the running share rises over τ, not at once. */
static double clamp_share(double ops, double share, double interruption, double occupancy)
{
    double num = 0.0, den = 0.0, mean_avail = TEAM_SIZE * occupancy * (1.0 - interruption);
    double rate = ops * mean_avail;
    for (int n = 1; n <= TEAM_SIZE; n++) {
        double p = 1.0;         /* binomial probability of n present */
        for (int k = 0; k < n; k++)
            p *= (double)(TEAM_SIZE - k) / (double)(k + 1);
        p *= pow(occupancy, n) * pow(1.0 - occupancy, TEAM_SIZE - n);
        double a = n * (1.0 - interruption);
        num += p * a * excess_bound(rate / a, sqrt(rate * KAPPA_DAYS / (2.0 * NET_TAU_DAYS)) / a, share);
        den += p * a;
    }
    return num / den;
}

/* A net run's figures in the rule's own units (shares of present time ×
 * (1 − interruption_share)), means over its replications, and the standard
 * deviation of the mean of items + interrupts. */
typedef struct net_fig {
    double items, ops, sum, sd;
} net_fig;

/* The time shares are over the available time the model reports: presence
 * less the meetings of running tasks (an idle engineer has none) — not
 * the rule's presence × (1 − i). With i constant, meetings are i ÷ (1 − i)
 * of the booked time of tasks they stretch (all but incidents and the
 * handoff overhead), so presence = avail × (1 + i ÷ (1 − i) × x), x =
 * utilisation − incident − handoff shares, and a share in the rule's units
 * is the reported share ÷ ((1 − i) + i·x) (calibration.md, "Unplanned work
 * net of operations: what the sum reads").
 * Per replication the variance of items + interrupts (shares of the
 * rule's available time A) has four terms, independent:
 *  - items: N kept items (counted) of exponential effort e: a compound
 *    Poisson sum, variance 2e²N, so items² × 2 ÷ N as a share (test (a));
 *    A = N·e ÷ items;
 *  - the running share's lag: it nets each interrupt with weight 1 −
 *    e^−(w1−s)/τ inside the window and e^−(w0−s)/τ (1 − e^−W/τ) before it
 *    (after the warm-up of 3τ its ratio is unbiased), so what it nets less
 *    what the window booked has mean 0 and variance r·E[b²]·τ (both ends),
 *    r·E[b²] = ops·A ÷ W × KAPPA_DAYS: ops × KAPPA_DAYS × τ ÷ (W·A);
 *  - the window's ends: work in progress or queued at each end, about one
 *    item or toil task per engineer, residual booked days exponential of
 *    mean 0.5 (E[r²] = KAPPA_DAYS ÷ 2): at most slots × KAPPA_DAYS ÷ A²;
 *  - presence (attrition only, presence_range = ln TEAM_SIZE, else 0): with
 *    members present n(t) and their running mean n̄ (the same e^−t/τ
 *    weights), n ÷ n̄ − 1 = τ d(ln n̄)/dt, so each team nets
 *    τ·R·ln(n̄(w1) ÷ n̄(w0)) days more than with constant presence (R: its
 *    interrupt days a day, ops·A ÷ (W × TEAMS)); while n̄ stays in
 *    [1, TEAM_SIZE] that logarithm is within ±ln TEAM_SIZE, which bounds
 *    its root mean square, mean included: (τ·ops·ln 4 ÷ W)² ÷ TEAMS.
 * The mean of R replications has the mean variance ÷ R. */
static void net_figures(const org_scenario *s, const org_exp *x, double interruption, double presence_range,
                        net_fig *f)
{
    int ub = org_metric_unplanned_base(s);
    double var = 0.0;
    memset(f, 0, sizeof *f);
    for (int r = 0; r < x->reps; r++) {
        const double *v = x->runs[r].values;
        double busy = v[ORG_M_UTIL_PRODUCT] - v[ORG_M_FIXED_COUNT + ORG_CAT_INCIDENT]
                      - v[ORG_M_FIXED_COUNT + ORG_CAT_HANDOFF];
        double conv = (1.0 - interruption) + interruption * busy;
        double items = v[ub] / conv, ops = ops_share(v) / conv;
        double n = v[ub + ORG_MU_ITEMS_PER_WEEK] * MEASURE_DAYS / DAYS_PER_WEEK;
        double avail = n * EFFORT_DAYS / items;
        double pres = NET_TAU_DAYS * ops * presence_range / MEASURE_DAYS;
        var += items * items * 2.0 / n + ops * KAPPA_DAYS * NET_TAU_DAYS / (MEASURE_DAYS * avail)
             + TEAMS * TEAM_SIZE * KAPPA_DAYS / (avail * avail) + pres * pres / TEAMS;
        f->items += items / x->reps;
        f->ops += ops / x->reps;
    }
    f->sum = f->items + f->ops;
    f->sd = sqrt(var) / x->reps;
}

/* (e) Net of the teams' own operations interrupts (unplanned_net_days, on
 * by default): the items take the share asked for less the share the
 * team's toil already takes, so items + interrupts ≈ the share; switched
 * off (0) the items alone take it and the sum is higher by the interrupts.
 * Upkeep is recurring, planned work: it does not count, so adding it takes
 * nothing from the items (one-sided) and items + interrupts + upkeep exceed
 * the share. With incidents on, the netted metric equals the incident and
 * toil shares: incidents count in that metric's counter (in the running
 * share itself: test (j)).
 * Tolerances: 4 sd of the mean from net_figures (items, the running
 * share's lag, the window's ends; presence is constant), and above the
 * share also the clamp's share (clamp_share). The
 * interrupts must take more than twice the tolerance for the test to tell
 * the rule from no rule (asserted). */
static void test_unplanned_net(void **state)
{
    (void)state;
    const double share = 0.25;
    const char *no_upkeep = "\"days_per_component_week\": 0, \"days_per_technology_week\": 0";
    org_scenario s1, s2, s3, s4, s5;
    org_exp net, gross, upk, lrn, inc;
    run_net(TOIL_ONLY, "0", no_upkeep, "", &s1, &net);
    run_net(TOIL_ONLY, "0", no_upkeep, ", \"unplanned_net_days\": 0", &s2, &gross);
    run_net(TOIL_ONLY, "0", "\"days_per_component_week\": 0.1, \"days_per_technology_week\": 0.3", "", &s3, &upk);
    run_net(TOIL_ONLY, "1", no_upkeep, "", &s4, &lrn);
    run_net("\"on_prem\"", "0", no_upkeep, "", &s5, &inc);
    assert_near(s1.flow.unplanned_net_days, NET_TAU_DAYS, 0);   /* the time constant the tolerances use */
    net_fig fn, fg, fu, fl;
    net_figures(&s1, &net, 0.0, 0.0, &fn);
    net_figures(&s2, &gross, 0.0, 0.0, &fg);
    net_figures(&s3, &upk, 0.0, 0.0, &fu);
    net_figures(&s4, &lrn, 0.0, 0.0, &fl);
    double tol = 4.0 * fn.sd, clamp = clamp_share(fn.ops, share, 0.0, 1.0);
    print_message("net: items %.4f + interrupts %.4f = %.4f; gross: items %.4f + interrupts %.4f; "
                  "with upkeep: items %.4f, interrupts and upkeep %.4f; with learning: items %.4f + interrupts %.4f "
                  "(asked %.2f, tolerance %.4f, clamp up to %.4f; gross %.4f)\n",
                  fn.items, fn.ops, fn.sum, fg.items, fg.ops, fu.items, fu.ops, fl.items, fl.ops, share, tol, clamp,
                  4.0 * fg.sd);
    assert_true(fn.ops > 2.0 * tol);                     /* the interrupts are worth netting here */
    /* unplanned_netted_share: what was counted, here (no upkeep, no learning)
     * the interrupts' time shares, but for tasks straddling the window's ends */
    int un = org_metric_unplanned_net(&s1);
    assert_int_equal(un, org_metric_unplanned_base(&s1) + ORG_MU_COUNT);
    assert_int_equal(org_metric_unplanned_net(&s2), -1);
    char name[64];
    assert_string_equal(org_metric_name(&s1, un, name, sizeof name), "unplanned_netted_share");
    assert_near(mean(&net, un), fn.ops, 0.002);
    double incidents = mean(&inc, ORG_M_FIXED_COUNT + ORG_CAT_INCIDENT);
    print_message("with incidents: netted %.4f, incidents %.4f + toil %.4f\n", mean(&inc, un), incidents,
                  mean(&inc, ORG_M_FIXED_COUNT + ORG_CAT_TOIL));
    assert_true(incidents > 0.005);
    assert_near(mean(&inc, un), incidents + mean(&inc, ORG_M_FIXED_COUNT + ORG_CAT_TOIL), 0.002);
    assert_true(mean(&lrn, un) > fl.ops + 4.0 * fl.sd);  /* learning counted: more than the categories */
    assert_true(fn.sum > share - tol);                   /* net: the total is the share */
    assert_true(fn.sum < share + tol + clamp);
    assert_near(fg.items, share, 4.0 * fg.sd);           /* gross: the items alone are */
    assert_true(fg.sum > share + 2.0 * tol);
    assert_true(fu.ops - fn.ops > 2.0 * tol);            /* upkeep adds clearly ... */
    assert_true(fu.items > fn.items - tol);              /* ... and takes nothing from the items */
    assert_true(fu.sum > share + 2.0 * tol);
    /* With the learning penalty an interrupt's learning time counts too, and
     * it is booked as learning, outside these shares: the sum falls short of
     * the share by more than its tolerance. */
    assert_true(fl.sum < share - 4.0 * fl.sd);
    org_exp_destroy(&net);
    org_exp_destroy(&gross);
    org_exp_destroy(&upk);
    org_exp_destroy(&lrn);
    org_exp_destroy(&inc);
    org_scenario_destroy(&s1);
    org_scenario_destroy(&s2);
    org_scenario_destroy(&s3);
    org_scenario_destroy(&s4);
    org_scenario_destroy(&s5);
}

/* (j) Incidents count in the running share itself (not only in the netted
 * metric's counter): the net organisation of test (e) (toil only) run twice
 * on the same seed, background incidents off and on at INC_RATE a service a
 * week (4 × the preset's 0.15: 2–9% of the time a replication). With the
 * rule, items + interrupts ≈ the share in both, so the items fall by the
 * interrupts' extra share: per replication r the paired difference
 * d_r = (items_off − items_on) − (interrupts_on − interrupts_off)
 * is about 0 (interrupts: incidents and toil; the toil hardly moves).
 * Common random numbers (same seed; features, toil and the unplanned
 * candidates with their thinning draws have their own streams) cancel most
 * of each run's own noise, so d_r varies far less than either sum (sd of
 * the middle ones about 0.005 against 0.01 for a single sum). Its
 * distribution is not known in closed form and is heavy-tailed below:
 * incidents' restore times are lognormal (p90 6× the median, times a
 * diagnosis factor), and a long one lifts a team's running share above
 * the share, where items cannot go negative (the clamp) and the sum rises
 * (measured: one replication in 16 at −0.05). So the test is
 * distribution-free, on the median of d (replications are independent):
 * [d_(2), d_(15)] of PAIR_REPS = 16 sorted covers it with probability
 * 1 − 2 × P(Binomial(16, ½) ≤ 1) = 1 − 2 × 17 ÷ 65,536 = 0.9995; it must
 * contain 0, or on the lower side come within the clamp's share (the
 * median may sit below 0 by the clamp; clamp_share's bound at the on run's
 * interrupts with incidents' second moment E[b²] ÷ E[b] = median ×
 * e^(1.5σ²) = 4.7 days, σ = ln 6 ÷ 1.2816, for the preset's restore times,
 * in place of the toil's KAPPA_DAYS). A running share that leaves
 * incidents out nets nothing for them: the items do not fall, every d_r
 * moves down by its incidents' extra share, and d_(15) falls below −clamp
 * (asserted possible: the mean extra share exceeds the interval's width
 * plus the clamp; killed: see calibration.md). */
#define INC_RATE 0.6
#define PAIR_REPS 16
#define PAIR_K 2                /* the order statistics d_(K), d_(n+1−K) */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_unplanned_net_incidents(void **state)
{
    (void)state;
    const double share = 0.25;
    const char *no_upkeep = "\"days_per_component_week\": 0, \"days_per_technology_week\": 0";
    char hosting[160], buf[2048];
    snprintf(hosting, sizeof hosting, "{ \"name\": \"on_prem\", \"incidents_per_service_week\": %g }", INC_RATE);
    org_scenario s_off, s_on;
    org_exp off, on;
    snprintf(buf, sizeof buf, NET_FMT, TOIL_ONLY, "0", no_upkeep, "");
    assert_int_equal(test_scen_load(buf, "unplanned-net.json", &s_off), 0);
    assert_int_equal(org_exp_run(&s_off, PAIR_REPS, 2, NULL, NULL, NULL, &off), 0);
    snprintf(buf, sizeof buf, NET_FMT, hosting, "0", no_upkeep, "");
    assert_int_equal(test_scen_load(buf, "unplanned-net.json", &s_on), 0);
    assert_int_equal(org_exp_run(&s_on, PAIR_REPS, 2, NULL, NULL, NULL, &on), 0);
    assert_int_equal(off.reps, PAIR_REPS);
    assert_int_equal(on.reps, PAIR_REPS);
    int ub = org_metric_unplanned_base(&s_off);
    double d[PAIR_REPS], d_items = 0.0, d_inc = 0.0, d_ops = 0.0, ops_on = 0.0;
    for (int r = 0; r < PAIR_REPS; r++) {
        const double *a = off.runs[r].values, *b = on.runs[r].values;
        double di = a[ub] - b[ub], dop = ops_share(b) - ops_share(a);
        d[r] = di - dop;
        d_items += di / PAIR_REPS;
        d_ops += dop / PAIR_REPS;
        d_inc += (b[ORG_M_FIXED_COUNT + ORG_CAT_INCIDENT] - a[ORG_M_FIXED_COUNT + ORG_CAT_INCIDENT]) / PAIR_REPS;
        ops_on += ops_share(b) / PAIR_REPS;
    }
    qsort(d, PAIR_REPS, sizeof d[0], cmp_double);
    double lo = d[PAIR_K - 1], hi = d[PAIR_REPS - PAIR_K];
    /* clamp_share (nobody leaving, no interruptions) with incidents' second moment */
    const double sigma = log(6.0) / 1.2816, kappa_inc = 0.25 * exp(1.5 * sigma * sigma);
    double rate = ops_on * TEAM_SIZE;
    double clamp = excess_bound(ops_on, sqrt(rate * kappa_inc / (2.0 * NET_TAU_DAYS)) / TEAM_SIZE, share);
    print_message("incidents %g a service a week: items fall %.4f, interrupts rise %.4f (incidents %.4f); paired "
                  "difference per replication %.4f to %.4f, median between %.4f and %.4f (clamp up to %.4f)\n",
                  INC_RATE, d_items, d_ops, d_inc, d[0], d[PAIR_REPS - 1], lo, hi, clamp);
    assert_true(d_inc > 0.02);                          /* several % of the time */
    assert_true(d_ops > hi - lo + clamp);               /* incidents left out would show */
    assert_true(lo <= 0.0);
    assert_true(hi >= -clamp);
    org_exp_destroy(&off);
    org_exp_destroy(&on);
    org_scenario_destroy(&s_off);
    org_scenario_destroy(&s_on);
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
 * are served), toil only (TOIL_ONLY): the running share's available time
 * counts the members present, not the slots. */
#define ATTR_FMT                                                                                          \
    "{ \"name\": \"unplanned-net-attrition\", \"seed\": 11, \"replications\": 16,"                        \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 0.8 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"people\": { \"attrition_per_year\": 3, \"hiring_delay_days\": 60 },"                             \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ], \"hosting\": [ " TOIL_ONLY " ],"                                  \
    "  \"knowledge\": { \"learning_penalty\": 0 },"                                                       \
    "  \"upkeep\": { \"days_per_component_week\": 0, \"days_per_technology_week\": 0 },"                   \
    "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"               \
    "  \"continuity\": 0, \"iteration_days\": 0, \"unplanned_share\": 0.25 } }"

/* Runs the net organisation json (as file) and fills f (net_figures with
 * interruption and presence_range); label names it in the message, with
 * the tolerance and the clamp's share. */
static void net_run(const char *json, const char *file, const char *label, double interruption,
                    double presence_range, double share, net_fig *f)
{
    org_scenario s;
    org_exp x;
    assert_int_equal(test_scen_load(json, file, &s), 0);
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    net_figures(&s, &x, interruption, presence_range, f);
    print_message("%s: items %.4f + interrupts %.4f = %.4f in the rule's units (asked %.2f, 4 sd %.4f)\n", label,
                  f->items, f->ops, f->sum, share, 4.0 * f->sd);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

/* (h) Net under attrition: items + interrupts ≈ the share within 4 sd of
 * net_figures with its presence term (ln 4), and above it the clamp's
 * share at the slots' occupancy (a mean stay of 250 ÷ 3 working days
 * against vacancies of 60: 0.58). A running share over the member slots
 * instead of the members present understates the interrupts' share by
 * the empty slots' part and lets more items through (killed: see
 * calibration.md). */
static void test_unplanned_net_attrition(void **state)
{
    (void)state;
    const double share = 0.25, stay = DAYS_PER_YEAR / 3.0, occupancy = stay / (stay + 60.0);
    net_fig f;
    net_run(ATTR_FMT, "unplanned-net-attrition.json", "with attrition", 0.0, log(TEAM_SIZE), share, &f);
    double tol = 4.0 * f.sd, clamp = clamp_share(f.ops, share, 0.0, occupancy);
    print_message("clamp up to %.4f\n", clamp);
    assert_true(f.ops > 2.0 * tol);
    assert_true(f.sum > share - tol);
    assert_true(f.sum < share + tol + clamp);
}

/* The net organisation with interruption_share 0.3 (no spread), nobody
 * leaving, toil only and more of it (2 days a service a week against the
 * preset's 1.25), so that the interrupts take a large share: the running
 * share's available time is present × (1 − 0.3). */
#define INTR_FMT                                                                                          \
    "{ \"name\": \"unplanned-net-interruptions\", \"seed\": 11, \"replications\": 16,"                    \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 }, \"people\": { \"attrition_per_year\": 0 },"                     \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"true_devops\" ],"                                                                  \
    "  \"hosting\": [ { \"name\": \"on_prem\", \"toil_days_per_service_week\": 2,"                        \
    "  \"incidents_per_service_week\": 0 } ],"                                                            \
    "  \"knowledge\": { \"learning_penalty\": 0 },"                                                       \
    "  \"upkeep\": { \"days_per_component_week\": 0, \"days_per_technology_week\": 0 },"                   \
    "  \"flow\": { \"interruption_share\": 0.3, \"interruption_sd\": 0, \"review_share\": 0,"             \
    "  \"continuity\": 0, \"iteration_days\": 0, \"unplanned_share\": 0.25 } }"

/* (i) Net with interruptions: items + interrupts ≈ the share in the
 * rule's units (net_figures converts the reported shares), within 4 sd and
 * the clamp's share above; the interrupts' share × 0.3 must exceed the
 * tolerance. A running share over the whole presence, without the
 * (1 − 0.3) factor, reads 0.7 of itself and lets 0.3 × the interrupts'
 * share more items through (killed: see calibration.md). */
static void test_unplanned_net_interruptions(void **state)
{
    (void)state;
    const double share = 0.25;
    net_fig f;
    net_run(INTR_FMT, "unplanned-net-interruptions.json", "with interruptions 0.3", 0.3, 0.0, share, &f);
    double tol = 4.0 * f.sd, clamp = clamp_share(f.ops, share, 0.3, 1.0);
    print_message("clamp up to %.4f\n", clamp);
    assert_true(0.3 * f.ops > tol + clamp);              /* the factor is worth testing here */
    assert_true(f.sum > share - tol);
    assert_true(f.sum < share + tol + clamp);
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
        cmocka_unit_test(test_unplanned_net_incidents),
        cmocka_unit_test(test_unplanned_net_step),
        cmocka_unit_test(test_unplanned_net_attrition),
        cmocka_unit_test(test_unplanned_net_interruptions),
        cmocka_unit_test(test_unplanned_rate),
    };
    return cmocka_run_group_tests_name("unplanned", tests, NULL, NULL);
}
