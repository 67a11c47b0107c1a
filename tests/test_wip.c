/* test_wip — work in progress (models/org_wip.c): switching between
 * features (flow.switch_loss) and the WIP limit per product team
 * (flow.wip_limit). Each test switches the mechanism on and off on an
 * otherwise identical small organisation (2 product teams of 4, a central
 * team of 3, true_devops at serverless) with the other flow mechanisms off,
 * so that the elapsed time of a task is exactly its effort ÷ what switching
 * leaves. */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_exp.h"
#include "scenario/scen_load.h"

#define ORG_FMT                                                                                           \
    "{ \"name\": \"wip\", \"seed\": 7, \"replications\": 4,"                                             \
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"                     \
    "  \"central_team\": { \"size\": 3 },"                                                                \
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"                 \
    "  \"models\": [ \"%s\" ], \"hosting\": [ \"serverless\" ],"                                          \
    "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": %s,"              \
    "  \"continuity\": 0, \"iteration_days\": 0, \"switch_loss\": %s, \"wip_limit\": %s } }"

/* Switching at Weinberg's figure with every carried feature counted
 * (flow.switch_waiting_weight 1, the rule before session 8): the tests of
 * the loss itself use it, so that its effects are large in this small
 * organisation; test_switch_waiting and test_switch_elapsed test the
 * weight's default 0. */
#define SL_FULL "0.2, \"switch_waiting_weight\": 1"

static void load(const char *model, const char *review, const char *sl, const char *wip, org_scenario *s)
{
    char buf[2048];
    snprintf(buf, sizeof buf, ORG_FMT, model, review, sl, wip);
    assert_int_equal(test_scen_load(buf, "wip.json", s), 0);
}

static void run_reviewed(const char *model, const char *review, const char *sl, const char *wip, org_exp *x)
{
    org_scenario s;
    load(model, review, sl, wip, &s);
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, x), 0);
    org_scenario_destroy(&s);
}

static void run(const char *model, const char *sl, const char *wip, org_exp *x)
{
    run_reviewed(model, "0", sl, wip, x);
}

static double mean(org_exp *x, int metric)
{
    return org_exp_summary(x, 0, 0, metric).mean;
}

/* The mean share of team kind tk's (0 product, 1 central) time lost to
 * switching between features: with switching on, the metrics end with the
 * switching block (org_metric_switch_base). */
static double switching_share(org_exp *x, int tk)
{
    return mean(x, x->n_metrics - ORG_MT_COUNT - ORG_MS_COUNT + ORG_MS_SHARE_PRODUCT + tk);   /* then the per-team block */
}

/* Replication 0's trace (caller closes). */
static FILE *trace0(const char *model, const char *review, const char *sl, const char *wip)
{
    org_scenario s;
    load(model, review, sl, wip, &s);
    FILE *f = test_trace_run(&s, 0, 0, 0);
    org_scenario_destroy(&s);
    return f;
}

/* Elapsed time of every task of class cls ("feature", "review") of
 * replication 0's trace that ran without preemption, against its work
 * (with reviews on a feature task finishes when its review does: check
 * the reviews then): an engineer carrying n features
 * (their task's own counted), w of them with no work ready or in progress
 * in the team, takes effort ÷ (1 − min(0.75, 0.2 (n − w + weight × w − 1))).
 * by_n[k]: tasks checked with n = k (7: more); *with_w: those with w > 0. */
static int check_elapsed(const char *model, const char *review, const char *sl, double weight, const char *cls,
                         int by_n[8], int *with_w)
{
    char cls_key[48];
    snprintf(cls_key, sizeof cls_key, "\"class\":\"%s\"", cls);
    FILE *f = trace0(model, review, sl, "0");
    enum { CAP = 1 << 16 };
    static double start[CAP], work[CAP];
    static int carried[CAP], waiting[CAP];
    int checked = 0;
    char line[4096];
    for (int i = 0; i < CAP; i++)
        start[i] = -1.0;
    for (int i = 0; i < 8; i++)
        by_n[i] = 0;
    *with_w = 0;
    while (fgets(line, sizeof line, f)) {
        double t = test_num_after(line, "\"t\":");
        int id = test_int_after(line, "\"task\":");
        if (id < 0 || id >= CAP)
            continue;
        if (strstr(line, "\"ev\":\"task_started\"") && strstr(line, cls_key)
            && strstr(line, "\"features_carried\":")) {
            double ov = test_num_after(line, "\"overhead_days\":");
            start[id] = ov > 0.0 ? -1.0 : t;     /* another team's ticket: not switching */
            work[id] = test_num_after(line, "\"work_days\":");
            carried[id] = test_int_after(line, "\"features_carried\":");
            waiting[id] = test_int_after(line, "\"features_waiting\":");
        } else if (strstr(line, "\"ev\":\"task_preempted\"")) {
            start[id] = -1.0;
        } else if (strstr(line, "\"ev\":\"task_finished\"") && start[id] >= 0.0) {
            int n = carried[id], w = waiting[id];
            assert_true(w >= 0 && w < (n > 0 ? n : 1));
            double loss = 0.2 * ((double)(n - w) + weight * w - 1.0);
            loss = loss < 0.75 ? loss : 0.75;
            if (n >= 1 && work[id] > 0.01) {
                assert_near((t - start[id]) * (1.0 - loss), work[id], 2e-4 + 1e-4 * work[id]);
                by_n[n < 7 ? n : 7]++;
                *with_w += w > 0;
                checked++;
            }
            start[id] = -1.0;
        }
    }
    fclose(f);
    return checked;
}

/* The index in names (n of them, at most cap) of the engineer a trace line
 * names, added when new; cap when the table is full. */
static int engineer_index(const char *line, char (*names)[48], int *n, int cap)
{
    const char *ep = strstr(line, "\"engineer\":\"");
    char who[48];
    assert_non_null(ep);
    assert_int_equal(sscanf(ep + 12, "%47[^\"]", who), 1);
    int e = 0;
    while (e < *n && strcmp(names[e], who) != 0)
        e++;
    if (e == *n && *n < cap)
        snprintf(names[(*n)++], sizeof names[0], "%s", who);
    return e;
}

/* The waiting count of every paying feature task start, recomputed from
 * the trace alone: the features the engineer carries besides the task's
 * own that have a feature task queued in the team are those whose feature
 * tasks the engineer started before (a feature with a queued task there is
 * not done there, so still carried) and that have one queued now (queued,
 * started, preempted: back in the queue). features_carried − 1 −
 * features_waiting must equal that number. Returns the starts checked;
 * *with_w: those with a waiting feature. */
static int recount_waiting(const char *model, const char *review, const char *sl, int *with_w)
{
    FILE *f = trace0(model, review, sl, "0");
    enum { FEATS = 1 << 14, TASKS = 1 << 17, ENGS = 64, TEAMS = 8 };
    static unsigned char did[ENGS][FEATS], queued[TASKS];
    static short qcnt[FEATS][TEAMS];
    static char engs[ENGS][48], teams[TEAMS][32];
    memset(did, 0, sizeof did);
    memset(queued, 0, sizeof queued);
    memset(qcnt, 0, sizeof qcnt);
    int n_engs = 0, n_teams = 0, checked = 0;
    char line[4096];
    *with_w = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, "\"class\":\"feature\""))
            continue;
        int t = test_int_after(line, "\"task\":"), fid = test_int_after(line, "\"feature\":");
        const char *tp = strstr(line, "\"team\":\"");
        if (t < 0 || t >= TASKS || fid < 0 || fid >= FEATS || !tp)
            continue;
        char tn[32];
        assert_int_equal(sscanf(tp + 8, "%31[^\"]", tn), 1);
        int ti = 0;
        while (ti < n_teams && strcmp(teams[ti], tn) != 0)
            ti++;
        if (ti == n_teams) {
            assert_true(n_teams < TEAMS);
            snprintf(teams[n_teams++], sizeof teams[0], "%s", tn);
        }
        int q = strstr(line, "\"ev\":\"task_queued\"") || strstr(line, "\"ev\":\"task_preempted\"");
        int started = strstr(line, "\"ev\":\"task_started\"") != NULL;
        if (q && !queued[t]) {
            queued[t] = 1;
            qcnt[fid][ti]++;
        }
        if (!started)
            continue;
        if (queued[t]) {
            queued[t] = 0;
            qcnt[fid][ti]--;
        }
        if (!strstr(line, "\"features_carried\":"))
            continue;
        int e = engineer_index(line, engs, &n_engs, ENGS);
        assert_true(e < ENGS);
        int active = 0;
        for (int g = 0; g < FEATS; g++)
            active += g != fid && did[e][g] && qcnt[g][ti] > 0;
        int n = test_int_after(line, "\"features_carried\":"), w = test_int_after(line, "\"features_waiting\":");
        assert_int_equal(n - 1 - w, active);
        *with_w += w > 0;
        did[e][fid] = 1;
        checked++;
    }
    fclose(f);
    return checked;
}

/* Weinberg's table: 1.25 × effort with two features carried (20% lost),
 * every carried feature counted (weight 1); at the default weight 0 the
 * carried features whose only open task a colleague is running (or whose
 * next task is not yet ready) count nothing, and the feature tasks that
 * start with such features follow that rule. */
static void test_switch_elapsed(void **state)
{
    (void)state;
    int by_n[8], with_w;
    int checked = check_elapsed("true_devops", "0", SL_FULL, 1.0, "feature", by_n, &with_w);
    /* the rule was exercised: alone, with two (effort ÷ 0.8) and with more */
    assert_true(by_n[1] > 20);
    assert_true(by_n[2] > 20);
    assert_true(by_n[3] + by_n[4] + by_n[5] + by_n[6] + by_n[7] > 5);
    assert_true(checked > 100);
    checked = check_elapsed("true_devops", "0", "0.2", 0.0, "feature", by_n, &with_w);
    assert_true(checked > 100);
    assert_true(with_w > 20);       /* features waiting beside the task's own: counted at 0 */
    /* and the waiting count the trace reports is the one the trace implies */
    int recounted = recount_waiting("true_devops", "0", "0.2", &with_w);
    assert_true(recounted > 100 && with_w > 20);
    recounted = recount_waiting("traditional_ops", "0.1", "0.2", &with_w);
    assert_true(recounted > 100 && with_w > 20);
}

/* What a waiting carried feature costs (flow.switch_waiting_weight): with
 * reviews a feature waits for its reviewer, so engineers carry features
 * with no work ready. At the default 0 those cost nothing; at 1 they count
 * in full (Weinberg's figure for every carried feature), and the same
 * organisation loses more of its time to switching. The reviews' elapsed
 * times follow the rule at both. */
static void test_switch_waiting(void **state)
{
    (void)state;
    int by_n[8], w0, w1;
    int c0 = check_elapsed("traditional_ops", "0.1", "0.2", 0.0, "review", by_n, &w0);
    int c1 = check_elapsed("traditional_ops", "0.1", "0.2, \"switch_waiting_weight\": 1", 1.0, "review", by_n, &w1);
    assert_true(c0 > 100 && c1 > 100);
    assert_true(w0 > 20 && w1 > 20);       /* waiting carried features were there to weigh */
    org_exp x0, x1;
    run_reviewed("traditional_ops", "0.1", "0.2", "0", &x0);
    run_reviewed("traditional_ops", "0.1", "0.2, \"switch_waiting_weight\": 1", "0", &x1);
    double s0 = switching_share(&x0, 0), s1 = switching_share(&x1, 0);
    print_message("traditional_ops: product time lost to switching %.4f (waiting features free) vs %.4f (in full); "
                  "tasks with a waiting carried feature %d / %d\n", s0, s1, w0, c0);
    assert_true(s1 > s0);
    org_exp_destroy(&x0);
    org_exp_destroy(&x1);
}

/* Switched on, the lost time is no hands-on time of the feature (flow
 * efficiency falls, lead time grows) but busy time booked as overhead
 * (product teams' handoff share rises from none, utilisation rises).
 * Switched off (0) every result is exactly as with the key absent, and
 * the trace says nothing about carried features. */
static void test_switch_effect(void **state)
{
    (void)state;
    org_exp on, off, none;
    /* Without carried features first, engineers carry several features
     * (test_carried_first): the loss is large enough to see in every
     * result. With the preference most tasks start carrying one, and flow
     * efficiency falls about 1% (0.897 -> 0.886). */
    setenv("DEVOPSIM_NO_CARRIED_FIRST", "1", 1);
    run("devops_team", SL_FULL, "0", &on);
    unsetenv("DEVOPSIM_NO_CARRIED_FIRST");
    run("devops_team", "0", "0", &off);
    org_scenario s;
    {
        const char *text = "{ \"name\": \"wip\", \"seed\": 7, \"replications\": 4,"
            "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"
            "  \"central_team\": { \"size\": 3 },"
            "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"
            "  \"models\": [ \"devops_team\" ], \"hosting\": [ \"serverless\" ],"
            "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"
            "  \"continuity\": 0, \"iteration_days\": 0 } }";
        assert_int_equal(test_scen_load(text, "wip.json", &s), 0);
        assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &none), 0);
        org_scenario_destroy(&s);
    }
    int nm = off.n_metrics;
    assert_int_equal(on.n_metrics, nm + ORG_MS_COUNT);     /* the switching metrics */
    for (int m = 0; m < nm; m++) {
        double a = mean(&off, m), b = mean(&none, m);
        assert_true((isnan(a) && isnan(b)) || a == b);
    }
    double fe_on = mean(&on, ORG_M_FLOW_EFFICIENCY), fe_off = mean(&off, ORG_M_FLOW_EFFICIENCY);
    print_message("flow efficiency %.3f -> %.3f, lead %.2f -> %.2f d, product utilisation %.3f -> %.3f\n", fe_off, fe_on,
                  mean(&off, ORG_M_LEAD_MEAN), mean(&on, ORG_M_LEAD_MEAN), mean(&off, ORG_M_UTIL_PRODUCT),
                  mean(&on, ORG_M_UTIL_PRODUCT));
    assert_true(fe_on < 0.95 * fe_off);
    assert_true(mean(&on, ORG_M_LEAD_MEAN) > mean(&off, ORG_M_LEAD_MEAN));
    assert_true(mean(&on, ORG_M_UTIL_PRODUCT) > mean(&off, ORG_M_UTIL_PRODUCT) + 0.02);
    assert_true(mean(&on, ORG_M_FEATURES_UNFINISHED) == 0.0);     /* the teams keep up */
    org_exp_destroy(&on);
    org_exp_destroy(&off);
    org_exp_destroy(&none);
    FILE *f = trace0("devops_team", "0", "0", "0");
    char line[4096];
    int started = 0;
    while (fgets(line, sizeof line, f)) {
        started += strstr(line, "\"ev\":\"task_started\"") != NULL;
        assert_null(strstr(line, "features_carried"));
    }
    fclose(f);
    assert_true(started > 100);
}

/* A review pays the loss of the features its reviewer carries but does not
 * make the reviewer carry the feature: reviews start with a loss, and no
 * engineer carries more distinct features than they started feature tasks
 * of (checked on the count the trace reports). */
static void test_switch_reviews(void **state)
{
    (void)state;
    FILE *f = trace0("true_devops", "0.1", SL_FULL, "0");
    enum { ENGS = 64, FEATS = 1 << 14 };
    static char names[ENGS][48];
    static unsigned char did[ENGS][FEATS];     /* engineer started a feature task of the feature */
    static int n_did[ENGS];
    memset(did, 0, sizeof did);
    memset(n_did, 0, sizeof n_did);
    int n_names = 0, checked = 0;
    char line[4096];
    int reviews = 0, reviews_lost = 0;
    while (fgets(line, sizeof line, f)) {
        int review = strstr(line, "\"class\":\"review\"") != NULL;
        if (!strstr(line, "\"ev\":\"task_started\"") || !strstr(line, "\"features_carried\":"))
            continue;
        int e = engineer_index(line, names, &n_names, ENGS);
        int fid = review ? 0 : test_int_after(line, "\"feature\":");   /* a review's line names no feature */
        if (e >= ENGS || fid < 0 || fid >= FEATS)
            continue;
        if (!review && !did[e][fid]) {
            did[e][fid] = 1;
            n_did[e]++;
        }
        /* carried: only features this engineer started tasks of, plus the one reviewed */
        int carried = test_int_after(line, "\"features_carried\":");
        assert_true(carried <= n_did[e] + review);
        checked++;
        if (!review)
            continue;
        reviews++;
        double loss = test_num_after(line, "\"switch_loss\":");
        assert_false(isnan(loss));
        reviews_lost += loss > 0.0;
    }
    fclose(f);
    assert_true(reviews > 100);
    assert_true(reviews_lost > 10);
    assert_true(checked > 300);
}

/* Feature id, team and day of each trace event of interest. */
typedef struct fev { int feature; char team[32]; } fev;

/* A WIP limit of 1: features wait in their team's backlog (task_delayed,
 * reason wip), released FIFO — the features of a team start in the order
 * they arrived, and a team never has two started and unfinished at once —
 * so engineers carry fewer features, lose less to switching and the
 * backlog wait lengthens lead time. Without a limit nothing waits for it. */
static void test_wip_limit(void **state)
{
    (void)state;
    FILE *f = trace0("true_devops", "0", SL_FULL, "1");
    enum { CAP = 1 << 16 };
    static signed char started[CAP];
    memset(started, 0, sizeof started);
    int open[2] = { 0, 0 }, last[2] = { -1, -1 }, held = 0, starts = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        int fid = test_int_after(line, "\"feature\":");
        if (fid < 0 || fid >= CAP)
            continue;
        const char *tp = strstr(line, "\"team\":\"");
        int team = tp && !strncmp(tp + 8, "team-2", 6) ? 1 : 0;
        if (strstr(line, "\"ev\":\"task_delayed\"") && strstr(line, "\"reason\":\"wip\"")) {
            held++;
        } else if (strstr(line, "\"ev\":\"task_queued\"") && strstr(line, "\"class\":\"feature\"")
                   && !strstr(line, "\"owner\":\"central\"") && !started[fid]) {
            const char *op = strstr(line, "\"owner\":\"");
            team = op && !strncmp(op + 9, "team-2", 6) ? 1 : 0;
            started[fid] = 1;
            starts++;
            assert_int_equal(open[team], 0);    /* at most one started and unfinished */
            assert_true(fid > last[team]);      /* FIFO: in order of arrival */
            last[team] = fid;
            open[team]++;
        } else if (strstr(line, "\"ev\":\"feature_done\"") && started[fid]) {
            open[team]--;
        }
    }
    fclose(f);
    assert_true(held > 50);
    assert_true(starts > 100);

    FILE *g = trace0("true_devops", "0", SL_FULL, "0");
    while (fgets(line, sizeof line, g))
        assert_null(strstr(line, "\"reason\":\"wip\""));
    fclose(g);

    org_exp lim, free_;
    run("true_devops", SL_FULL, "1", &lim);
    run("true_devops", SL_FULL, "0", &free_);
    /* less switching: a smaller switching share; a longer wait in the backlog */
    double sw_lim = switching_share(&lim, 0), sw_free = switching_share(&free_, 0);
    assert_true(sw_free > 0.0);
    assert_true(sw_lim < 0.5 * sw_free);
    assert_true(mean(&lim, ORG_M_LEAD_MEAN) > mean(&free_, ORG_M_LEAD_MEAN));
    org_exp_destroy(&lim);
    org_exp_destroy(&free_);
}

static double carried_in_trace(FILE *f);

/* The time lost to switching between features is booked in its own
 * category (time_share_<team>_switching, present only with switching on):
 * busy time — utilisation counts it and the shares with it sum to 1 — but
 * neither product nor non-product work, so product_nonproduct_share and
 * the hiring rule's weekly non-product share leave it out. Measured with
 * the preference for carried features off, where switching takes 0.43 of
 * the product teams' time (non-product 0.12): a hiring rule at 0.3 never
 * hires, and would in every replication if switching counted as
 * non-product (0.55 > 0.3; it did before: startup-growth hired earlier). */
static void test_switch_booked(void **state)
{
    (void)state;
    const char *text = "{ \"name\": \"wip\", \"seed\": 7, \"replications\": 4,"
        "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"
        "  \"central_team\": { \"size\": 3 },"
        "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 },"
        "  \"models\": [ \"true_devops\" ], \"hosting\": [ \"serverless\" ],"
        "  \"hiring_rule\": { \"central_when_share_above\": 0.3, \"window_weeks\": 4, \"max_hires\": 1 },"
        "  \"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0,"
        "  \"continuity\": 0, \"iteration_days\": 0, \"switch_loss\": 0.2, \"switch_waiting_weight\": 1 } }";
    org_scenario s;
    assert_int_equal(test_scen_load(text, "wip.json", &s), 0);
    int sb = org_metric_switch_base(&s);
    assert_int_equal(sb, org_metric_count(&s) - ORG_MT_COUNT - ORG_MS_COUNT);   /* the per-team metrics come last */
    char name[96];
    assert_string_equal(org_metric_name(&s, sb, name, sizeof name), "time_share_product_switching");
    assert_string_equal(org_metric_name(&s, sb + 1, name, sizeof name), "time_share_central_switching");
    assert_string_equal(org_metric_name(&s, sb + 2, name, sizeof name), "features_carried_mean");
    setenv("DEVOPSIM_NO_CARRIED_FIRST", "1", 1);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    unsetenv("DEVOPSIM_NO_CARRIED_FIRST");
    int hire_day = ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT;
    assert_string_equal(org_metric_name(&s, hire_day, name, sizeof name), "first_central_hire_day");
    double old_np = 0.0;
    for (int i = 0; i < x.reps; i++) {
        const double *v = x.runs[i].values, *p = v + ORG_M_FIXED_COUNT;
        double np, busy, all;
        test_product_shares(v, &all, &busy, &np);
        assert_true(v[sb] > 0.2);                   /* most features carried: much switching */
        assert_near(v[sb + 1], 0.0, 0);             /* the central team carries no features */
        assert_near(p[ORG_CAT_HANDOFF], 0.0, 0);    /* no longer booked as handoff */
        assert_near(v[ORG_M_PRODUCT_NONPRODUCT_SHARE], np, 1e-12);
        assert_near(v[ORG_M_UTIL_PRODUCT], busy + v[sb], 1e-12);
        assert_near(all + v[sb], 1.0, 1e-12);
        assert_true(isnan(v[hire_day]));            /* the rule never hired */
        old_np += (np + v[sb]) / x.reps;
    }
    print_message("product teams: switching %.3f, non-product %.3f of their time\n", switching_share(&x, 0),
                  mean(&x, ORG_M_PRODUCT_NONPRODUCT_SHARE));
    assert_true(old_np > 0.3 + 0.15);               /* counted as non-product, the rule would hire */
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

/* Fewer carried features with the limit: the mean count at task start. */
static double carried_mean(const char *wip)
{
    FILE *f = trace0("true_devops", "0", SL_FULL, wip);
    return carried_in_trace(f);
}

/* The mean features carried at the start of a feature task in trace f
 * (closed here). */
static double carried_in_trace(FILE *f)
{
    char line[4096];
    double sum = 0.0;
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, "\"ev\":\"task_started\"") || !strstr(line, "\"class\":\"feature\""))
            continue;
        double c = test_num_after(line, "\"features_carried\":");
        if (!isnan(c)) {
            sum += c;
            n++;
        }
    }
    fclose(f);
    assert_true(n > 100);
    return sum / n;
}

static void test_wip_carried(void **state)
{
    (void)state;
    /* measured without carried features first, which by itself keeps
     * engineers near one feature (test_carried_first) */
    setenv("DEVOPSIM_NO_CARRIED_FIRST", "1", 1);
    double lim = carried_mean("1"), free_ = carried_mean("0");
    unsetenv("DEVOPSIM_NO_CARRIED_FIRST");
    assert_true(lim < 1.3);         /* one feature a team: mostly one */
    assert_true(free_ > lim + 0.3);
}

/* Carried features first: an idle engineer takes a waiting task of a
 * feature they carry before starting another. With the preference off (the
 * test hook DEVOPSIM_NO_CARRIED_FIRST: the oldest ready task of any
 * feature) engineers soon carry most of their team's open features; with it
 * on they carry fewer, lose less to switching and finish features sooner.
 * Fails when the preference is removed (both runs alike). */
static void test_carried_first(void **state)
{
    (void)state;
    setenv("DEVOPSIM_NO_CARRIED_FIRST", "1", 1);
    double off = carried_mean("0");
    org_exp xoff;
    run("true_devops", SL_FULL, "0", &xoff);
    unsetenv("DEVOPSIM_NO_CARRIED_FIRST");
    double on = carried_mean("0");
    org_exp xon;
    run("true_devops", SL_FULL, "0", &xon);
    print_message("features carried at a task's start: %.2f without the preference, %.2f with it; "
                  "mean lead time %.1f -> %.1f d\n", off, on, mean(&xoff, ORG_M_LEAD_MEAN), mean(&xon, ORG_M_LEAD_MEAN));
    assert_true(on < off - 0.3);
    assert_true(mean(&xon, ORG_M_LEAD_MEAN) < mean(&xoff, ORG_M_LEAD_MEAN));
    /* the same in the results (features_carried_mean: the measured window,
     * every task that pays, reviews too) */
    int cm = xon.n_metrics - ORG_MT_COUNT - ORG_MS_COUNT + ORG_MS_CARRIED_MEAN;
    print_message("features_carried_mean %.2f -> %.2f\n", mean(&xoff, cm), mean(&xon, cm));
    assert_true(mean(&xon, cm) < mean(&xoff, cm) - 0.3);
    org_exp_destroy(&xoff);
    org_exp_destroy(&xon);
}

/* Switched off, the mechanism is absent: the bundled postgres-upgrade.json
 * and a copy with "flow": { "switch_loss": 0, "wip_limit": 0 } give every
 * value of every replication bit for bit (also checked against main's
 * binary before the mechanism existed: runs.csv identical, docs/calibration.md). */
static void test_switch_off_bundled(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/scenarios/postgres-upgrade.json", test_srcdir());
    size_t n = 0;
    unsigned char *text = test_read_file(path, &n);
    assert_non_null(text);
    const char *flow = "{ \"flow\": { \"switch_loss\": 0, \"wip_limit\": 0 }, ";
    const char *brace = strchr((const char *)text, '{');
    assert_non_null(brace);
    size_t pre = (size_t)(brace - (const char *)text), fl = strlen(flow);
    char *copy = malloc(n + fl + 1);
    assert_non_null(copy);
    memcpy(copy, text, pre);
    memcpy(copy + pre, flow, fl);
    memcpy(copy + pre + fl, brace + 1, n - pre - 1);
    copy[n + fl - 1] = '\0';
    org_scenario a, b;
    util_diags d;
    util_diags_init(&d);
    assert_int_equal(scen_load_text((const char *)text, n, path, &a, &d), 0);
    assert_int_equal(scen_load_text(copy, strlen(copy), "copy.json", &b, &d), 0);
    util_diags_free(&d);
    free(text);
    free(copy);
    assert_near(b.flow.switch_loss, 0.0, 0);
    org_exp xa, xb;
    assert_int_equal(org_exp_run(&a, 3, 2, NULL, NULL, NULL, &xa), 0);
    assert_int_equal(org_exp_run(&b, 3, 2, NULL, NULL, NULL, &xb), 0);
    assert_int_equal(xa.n_metrics, xb.n_metrics);
    int runs = xa.n_models * xa.n_hostings * xa.reps;
    for (int i = 0; i < runs; i++) {
        assert_int_equal(xa.runs[i].n_values, xb.runs[i].n_values);
        assert_memory_equal(xa.runs[i].values, xb.runs[i].values, (size_t)xa.runs[i].n_values * sizeof(double));
    }
    org_exp_destroy(&xa);
    org_exp_destroy(&xb);
    org_scenario_destroy(&a);
    org_scenario_destroy(&b);
}

/* Off by default (docs/calibration.md says why), like the WIP limit and
 * unplanned work (tests/test_unplanned.c; a mean item of half a day). */
static void test_wip_defaults(void **state)
{
    (void)state;
    org_scenario s;
    assert_int_equal(test_scen_load("{ \"name\": \"t\" }", "t.json", &s), 0);
    assert_near(s.flow.switch_loss, 0.0, 0);
    assert_near(s.flow.switch_waiting_weight, 0.0, 0);
    assert_int_equal(s.flow.wip_limit, 0);
    assert_near(s.flow.unplanned_share, 0.0, 0);
    assert_near(s.flow.unplanned_effort_days, 0.5, 0);
    assert_near(s.flow.unplanned_net_days, 20.0, 0);
    assert_int_equal(org_metric_unplanned_base(&s), -1);
    org_scenario_destroy(&s);
}

int test_group_wip(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch_elapsed),
        cmocka_unit_test(test_switch_waiting),
        cmocka_unit_test(test_switch_effect),
        cmocka_unit_test(test_switch_reviews),
        cmocka_unit_test(test_wip_limit),
        cmocka_unit_test(test_wip_carried),
        cmocka_unit_test(test_carried_first),
        cmocka_unit_test(test_switch_booked),
        cmocka_unit_test(test_switch_off_bundled),
        cmocka_unit_test(test_wip_defaults),
    };
    return cmocka_run_group_tests_name("wip", tests, NULL, NULL);
}
