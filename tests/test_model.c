/* test_model — the organisation model's mechanics, one test each: every test
 * switches one mechanic off (or changes only its parameter) on an otherwise
 * identical scenario with the same seed, and asserts the effect the
 * mechanic exists to produce. Removing the mechanic makes its test fail. */
#include "tests/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_cadence.h"
#include "models/org_change.h"
#include "models/org_exp.h"
#include "scenario/scen_load.h"

/* A small organisation: 2 product teams of 4, a central team of 3, one
 * model and one hosting point chosen per test. %s slots: teams, models,
 * hosting, run, central team, flow, then extra top-level keys (each starting
 * with a comma). */
#define BASE_FMT \
    "{ \"name\": \"t\", \"seed\": 7, \"replications\": 6%s," \
    "  \"models\": [ %s ], \"hosting\": [ %s ] %s%s%s%s }"

/* A "flow" section with every work-inside-a-team mechanism given:
 * meetings' mean share and spread, review share, continuity, iteration. */
#define FLOW(share, sd, review, cont, iter) \
    ", \"flow\": { \"interruption_share\": " #share ", \"interruption_sd\": " #sd \
    ", \"review_share\": " #review ", \"continuity\": " #cont ", \"iteration_days\": " #iter " }"
/* The flow mechanisms are on by default (models/presets.json). This small
 * organisation was sized without them (with meetings its teams of four run
 * near saturation) and each test isolates one mechanic on an otherwise
 * identical scenario, so they are off unless a test gives its own "flow"
 * section — the flow tests below, each switching on one mechanism. */
#define FLOW_OFF ", " TEST_FLOW_OFF

static int load(const char *models, const char *hosting, const char *extra, org_scenario *s)
{
    char buf[8192];
    /* Default run length and central team unless the test sets its own. */
    const char *run = ", \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 }";
    const char *central = ", \"central_team\": { \"size\": 3 }";
    if (extra && strstr(extra, "\"run\""))
        run = "";
    if (extra && strstr(extra, "\"central_team\""))
        central = "";
    const char *teams = ", \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 }";
    if (extra && strstr(extra, "\"product_teams\""))
        teams = "";
    const char *flow = extra && strstr(extra, "\"flow\"") ? "" : FLOW_OFF;
    snprintf(buf, sizeof buf, BASE_FMT, teams, models, hosting, run, central, flow, extra ? extra : "");
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(buf, strlen(buf), "test.json", s, &d);
    if (rc != 0) {
        util_diags_print(&d, stderr);
        fprintf(stderr, "scenario was: %s\n", buf);
    }
    util_diags_free(&d);
    return rc;
}

/* Mean of a metric over replications at (model m, hosting h). */
static double mean_of(const char *models, const char *hosting, const char *extra, int m, int h, int metric)
{
    org_scenario s;
    assert_int_equal(load(models, hosting, extra, &s), 0);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    org_summary su = org_exp_summary(&x, m, h, metric);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    return su.mean;
}

static int metric_index(const char *name)
{
    org_scenario s;
    if (load("\"traditional_ops\"", "\"iaas\"", NULL, &s) != 0)
        return -1;
    char buf[128];
    int found = -1;
    for (int i = 0; i < org_metric_count(&s); i++)
        if (!strcmp(org_metric_name(&s, i, buf, sizeof buf), name))
            found = i;
    org_scenario_destroy(&s);
    return found;
}

/* ---- people and knowledge ---------------------------------------------- */

static void test_learning_penalty(void **state)
{
    (void)state;
    int learn = metric_index("time_share_product_learning");
    assert_true(learn >= 0);
    const char *low = ", \"knowledge\": { \"product_skill_app\": 0.3, \"learning_penalty\": 1 }";
    const char *none = ", \"knowledge\": { \"product_skill_app\": 0.3, \"learning_penalty\": 0 }";
    double l1 = mean_of("\"true_devops\"", "\"iaas\"", low, 0, 0, learn);
    double l0 = mean_of("\"true_devops\"", "\"iaas\"", none, 0, 0, learn);
    assert_true(l1 > 0.01);
    assert_near(l0, 0.0, 1e-12);
    double p1 = mean_of("\"true_devops\"", "\"iaas\"", low, 0, 0, ORG_M_LEAD_MEAN);
    double p0 = mean_of("\"true_devops\"", "\"iaas\"", none, 0, 0, ORG_M_LEAD_MEAN);
    assert_true(p1 > p0);
}

static void test_learning_curve(void **state)
{
    (void)state;
    int learn = metric_index("time_share_product_learning");
    /* Practice raises skill: with a learning rate, less time is lost to learning. */
    const char *learns = ", \"knowledge\": { \"product_skill_app\": 0.2, \"skill_gain_per_day\": 0.05 }";
    const char *never = ", \"knowledge\": { \"product_skill_app\": 0.2, \"skill_gain_per_day\": 0 }";
    double a = mean_of("\"true_devops\"", "\"iaas\"", learns, 0, 0, learn);
    double b = mean_of("\"true_devops\"", "\"iaas\"", never, 0, 0, learn);
    assert_true(a < 0.5 * b);
}

static void test_knowledge_decay(void **state)
{
    (void)state;
    /* Unused context fades: a short half-life leaves fewer people knowing each component. */
    const char *slow = ", \"knowledge\": { \"context_half_life_days\": 1000 }";
    const char *fast = ", \"knowledge\": { \"context_half_life_days\": 20 }";
    double a = mean_of("\"devops_team\"", "\"iaas\"", slow, 0, 0, ORG_M_BUS_INFRA_MEAN);
    double b = mean_of("\"devops_team\"", "\"iaas\"", fast, 0, 0, ORG_M_BUS_INFRA_MEAN);
    assert_true(a > b + 0.5);
}

static void test_attrition(void **state)
{
    (void)state;
    const char *churn = ", \"people\": { \"attrition_per_year\": 1.5, \"hiring_delay_days\": 40 }";
    const char *stay = ", \"people\": { \"attrition_per_year\": 0 }";
    double left = mean_of("\"true_devops\"", "\"iaas\"", churn, 0, 0, ORG_M_ATTRITION);
    double none = mean_of("\"true_devops\"", "\"iaas\"", stay, 0, 0, ORG_M_ATTRITION);
    assert_true(left >= 5.0);
    assert_near(none, 0.0, 1e-12);
    /* Knowledge leaves with people; novices ramp up. */
    double bus_churn = mean_of("\"true_devops\"", "\"iaas\"", churn, 0, 0, ORG_M_BUS_INFRA_MEAN);
    double bus_stay = mean_of("\"true_devops\"", "\"iaas\"", stay, 0, 0, ORG_M_BUS_INFRA_MEAN);
    assert_true(bus_churn < bus_stay);
}

/* ---- routing and the boundary's costs ------------------------------------ */

static void test_routing_handoffs(void **state)
{
    (void)state;
    double trad = mean_of("\"traditional_ops\"", "\"iaas\"", NULL, 0, 0, ORG_M_HANDOFFS);
    double prod = mean_of("\"true_devops\"", "\"iaas\"", NULL, 0, 0, ORG_M_HANDOFFS);
    assert_true(trad > 1.0);          /* every feature's deploy plus its infra tasks */
    assert_near(prod, 0.0, 1e-12);    /* no facility at iaas: nothing crosses */
    /* A custom design routing only db work to the central team. */
    double custom = mean_of("{ \"name\": \"db_only\", \"base\": \"true_devops\", \"route\": { \"db\": \"central\" } }",
                            "\"iaas\"", NULL, 0, 0, ORG_M_HANDOFFS);
    assert_true(custom > 0.05 && custom < trad);
}

static double makespan(const char *models, const char *hosting, const char *extra);

static void test_clarification(void **state)
{
    (void)state;
    const char *on = "{ \"name\": \"devops_team\", \"clarification_prob\": 1 }";
    const char *off = "{ \"name\": \"devops_team\", \"clarification_prob\": 0 }";
    double c1 = mean_of(on, "\"iaas\"", NULL, 0, 0, ORG_M_CLARIFICATIONS);
    double c0 = mean_of(off, "\"iaas\"", NULL, 0, 0, ORG_M_CLARIFICATIONS);
    assert_true(c1 > 0.3);
    assert_near(c0, 0.0, 1e-12);
    /* On the critical path (the project's database before its application
     * code), each round trip adds at least its latency. */
    const char *k0 = ", \"knowledge\": { \"central_context\": 0 }";
    double l1 = makespan(on, "\"iaas\"", k0);
    double l0 = makespan(off, "\"iaas\"", k0);
    assert_true(l1 > l0 + 1.0);
    /* Context removes the need to ask: a central team that knows every component never asks. */
    double ck = mean_of(on, "\"iaas\"", ", \"knowledge\": { \"central_context\": 1, \"context_half_life_days\": 1e9 }",
                        0, 0, ORG_M_CLARIFICATIONS);
    assert_true(ck < 0.1 * c1);
}

static void test_shared_queue(void **state)
{
    (void)state;
    const char *one = ", \"central_team\": { \"size\": 1 }";
    const char *five = ", \"central_team\": { \"size\": 6 }";
    double w1 = mean_of("\"devops_team\"", "\"serverless\"", one, 0, 0, ORG_M_TICKET_WAIT_P85);
    double w5 = mean_of("\"devops_team\"", "\"serverless\"", five, 0, 0, ORG_M_TICKET_WAIT_P85);
    assert_true(w1 > w5 + 0.5);
}

static void test_context_switching(void **state)
{
    (void)state;
    int handoff = metric_index("time_share_central_handoff");
    const char *sw = "{ \"name\": \"devops_team\", \"context_switch_days\": 0.5, \"ticket_handling_days\": 0 }";
    const char *nosw = "{ \"name\": \"devops_team\", \"context_switch_days\": 0, \"ticket_handling_days\": 0 }";
    double a = mean_of(sw, "\"iaas\"", NULL, 0, 0, handoff);
    double b = mean_of(nosw, "\"iaas\"", NULL, 0, 0, handoff);
    assert_true(a > 0.02);
    assert_near(b, 0.0, 1e-12);
}

static void test_release_windows(void **state)
{
    (void)state;
    const char *win = "{ \"name\": \"traditional_ops\", \"deploy_mode\": \"window\", \"release_window_every_days\": 10 }";
    const char *dem = "{ \"name\": \"traditional_ops\", \"deploy_mode\": \"on_demand\" }";
    double a = mean_of(win, "\"serverless\"", NULL, 0, 0, ORG_M_CHANGE_LEAD_P50);
    double b = mean_of(dem, "\"serverless\"", NULL, 0, 0, ORG_M_CHANGE_LEAD_P50);
    /* Waiting for the next of 10-day windows costs about 5 days on average. */
    assert_true(a > b + 2.0);
}

static const char *project_fmt =
    ", \"projects\": [ { \"name\": \"p\", \"team\": \"team-1\", \"start_day\": 80, \"tasks\": ["
    "  { \"name\": \"store\", \"kind\": \"db\", \"tech\": \"cassandra\", \"effort_days\": 2 },"
    "  { \"name\": \"rack\", \"kind\": \"facility\", \"effort_days\": 1 },"
    "  { \"name\": \"app\", \"kind\": \"app\", \"tech\": \"cql\", \"effort_days\": 2, \"after\": [\"store\"] } ] } ]";

static double makespan(const char *models, const char *hosting, const char *extra)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s%s", project_fmt, extra ? extra : "");
    return mean_of(models, hosting, buf, 0, 0, ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT);
}

static void test_evaluation_delay(void **state)
{
    (void)state;
    /* Cassandra is new to everyone: the ops team evaluates it first. */
    double a = makespan("{ \"name\": \"devops_team\", \"evaluation_delay_days\": 20 }", "\"iaas\"", NULL);
    double b = makespan("{ \"name\": \"devops_team\", \"evaluation_delay_days\": 0 }", "\"iaas\"", NULL);
    assert_true(a > b + 10.0);
}

static void test_procurement_and_exists(void **state)
{
    (void)state;
    /* On-prem, racking waits for hardware; at iaas the facility task does not exist.
     * Fixed upkeep is switched off so that the product teams' queue (not the
     * mechanism under test) does not set the makespan without procurement. */
    const char *quiet = ", \"upkeep\": { \"days_per_component_week\": 0, \"days_per_technology_week\": 0 }";
    double slow = makespan("\"true_devops\"", "{ \"name\": \"on_prem\", \"procurement_days\": 40 }", quiet);
    double fast = makespan("\"true_devops\"", "{ \"name\": \"on_prem\", \"procurement_days\": 0 }", quiet);
    assert_true(slow > fast + 30.0);
    double cloud = makespan("\"true_devops\"", "{ \"name\": \"iaas\", \"procurement_days\": 40 }", quiet);
    assert_true(cloud < slow - 30.0);
}

/* ---- toil, incidents, enablement --------------------------------------- */

static void test_toil_owner(void **state)
{
    (void)state;
    int ptoil = metric_index("time_share_product_toil");
    int ctoil = metric_index("time_share_central_toil");
    assert_true(mean_of("\"true_devops\"", "\"on_prem\"", NULL, 0, 0, ptoil) > 0.02);
    assert_near(mean_of("\"devops_team\"", "\"on_prem\"", NULL, 0, 0, ptoil), 0.0, 1e-12);
    assert_true(mean_of("\"devops_team\"", "\"on_prem\"", NULL, 0, 0, ctoil) > 0.05);
    /* Toil falls along the continuum. */
    assert_true(mean_of("\"devops_team\"", "\"serverless\"", NULL, 0, 0, ctoil)
                < 0.5 * mean_of("\"devops_team\"", "\"on_prem\"", NULL, 0, 0, ctoil));
}

static void test_incidents_preempt_and_escalate(void **state)
{
    (void)state;
    int inc = metric_index("time_share_product_incident");
    const char *many = "{ \"name\": \"iaas\", \"incidents_per_service_week\": 2 }";
    const char *none = "{ \"name\": \"iaas\", \"incidents_per_service_week\": 0 }";
    const char *nocfr = ", \"incidents\": { \"change_failure_base\": 0, \"change_failure_context_gap\": 0 }";
    assert_true(mean_of("\"true_devops\"", many, nocfr, 0, 0, inc) > 0.01);
    assert_near(mean_of("\"true_devops\"", none, nocfr, 0, 0, inc), 0.0, 1e-12);
    /* Incidents preempt feature work: lead times grow with the incident rate. */
    assert_true(mean_of("\"true_devops\"", many, nocfr, 0, 0, ORG_M_LEAD_MEAN)
                > mean_of("\"true_devops\"", none, nocfr, 0, 0, ORG_M_LEAD_MEAN));
    /* Escalation across the boundary adds its delay to application faults. */
    const char *esc = ", \"incidents\": { \"app_fault_share\": 1, \"escalation_delay_days\": 2 }";
    const char *noesc = ", \"incidents\": { \"app_fault_share\": 1, \"escalation_delay_days\": 0 }";
    double r1 = mean_of("\"devops_team\"", many, esc, 0, 0, ORG_M_RESTORE_P50);
    double r0 = mean_of("\"devops_team\"", many, noesc, 0, 0, ORG_M_RESTORE_P50);
    assert_true(r1 > r0 + 1.5);
}

/* Counts trace lines containing needle for replication 0 of (m, h). */
static int trace_count(const org_scenario *s, int m, int h, const char *needle)
{
    FILE *f = test_trace_run(s, m, h, 0);
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, needle))
            n++;
    fclose(f);
    return n;
}

static void test_incident_preemption(void **state)
{
    (void)state;
    /* One engineer per team, long features, frequent incidents: incidents
     * interrupt feature work, which later resumes. */
    org_scenario s;
    assert_int_equal(load("\"true_devops\"", "{ \"name\": \"iaas\", \"incidents_per_service_week\": 3 }",
                          ", \"teams\": [ { \"name\": \"solo\", \"size\": 1, \"features_per_week\": 0.5 } ]", &s), 0);
    int preempted = trace_count(&s, 0, 0, "\"ev\":\"task_preempted\"");
    int restored = trace_count(&s, 0, 0, "\"ev\":\"incident_restored\"");
    assert_true(preempted > 10);
    assert_true(restored > 50);
    org_scenario_destroy(&s);
}

static void test_nobody_knows(void **state)
{
    (void)state;
    /* Nobody with context on a component: restores take nobody_knows_factor longer. */
    const char *k = ", \"knowledge\": { \"product_context_own\": 0, \"product_context_infra\": 0,"
                    " \"central_context\": 0, \"context_gain_per_day\": 0, \"context_spillover\": 0 }";
    char a[512], b[512];
    snprintf(a, sizeof a, "%s, \"incidents\": { \"nobody_knows_factor\": 4 }", k);
    snprintf(b, sizeof b, "%s, \"incidents\": { \"nobody_knows_factor\": 1 }", k);
    double r4 = mean_of("\"true_devops\"", "\"iaas\"", a, 0, 0, ORG_M_RESTORE_P50);
    double r1 = mean_of("\"true_devops\"", "\"iaas\"", b, 0, 0, ORG_M_RESTORE_P50);
    assert_true(r4 > 2.0 * r1);
}

/* ---- change policy and change failure (models/org_change.c) ------------ */

static void test_change_release_day(void **state)
{
    (void)state;
    org_model m = { .change_board_every_days = 5, .release_window_every_days = 10 };
    assert_near(org_change_release_day(&m, 3), 10, 1e-12);   /* board 5, window 10 */
    assert_near(org_change_release_day(&m, 7), 20, 1e-12);   /* board 10 = window: the next one */
    assert_near(org_change_release_day(&m, 10), 20, 1e-12);
    m.change_board_every_days = 0;                            /* no board: the next window */
    assert_near(org_change_release_day(&m, 7), 10, 1e-12);
    assert_near(org_change_release_day(&m, 10), 10, 1e-12);
    m.release_window_every_days = 0;                          /* neither: at once */
    assert_near(org_change_release_day(&m, 7), 7, 1e-12);
}

static void test_change_board(void **state)
{
    (void)state;
    /* A 10-day window is a multiple of the 5-day board; the board still
     * delays: approval at a board goes into a window strictly after it.
     * Theory: the board adds 5 days on average (2.5 to the board, then 7.5
     * instead of 5 to the window). */
    const char *board = "{ \"name\": \"traditional_ops\", \"change_board_every_days\": 5, \"release_window_every_days\": 10 }";
    const char *none = "{ \"name\": \"traditional_ops\", \"change_board_every_days\": 0, \"release_window_every_days\": 10 }";
    double a = mean_of(board, "\"serverless\"", NULL, 0, 0, ORG_M_CHANGE_LEAD_P50);
    double b = mean_of(none, "\"serverless\"", NULL, 0, 0, ORG_M_CHANGE_LEAD_P50);
    assert_true(a > b + 2.5);
}

/* A design is an ownership model × a change policy. The presets pair
 * traditional ops with a board and windows and the DevOps team with on
 * demand and a pipeline; swap only the policies and the comparison
 * reverses, so the lead-time gap is the policy's, not the ownership's. */
static void change_policy_axis(const char *extra)
{
    const char *designs =
        "\"traditional_ops\", \"devops_team\","
        " { \"name\": \"ops_on_demand\", \"base\": \"traditional_ops\", \"change_policy\": \"on_demand_pipeline\" },"
        " { \"name\": \"devops_windows\", \"base\": \"devops_team\", \"change_policy\": \"board_and_windows\" }";
    org_scenario s;
    assert_int_equal(load(designs, "\"iaas\"", extra, &s), 0);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 0, 2, NULL, NULL, NULL, &x), 0);
    double lt[4];
    for (int m = 0; m < 4; m++)
        lt[m] = org_exp_summary(&x, m, 0, ORG_M_LEAD_P85).mean;
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    print_message("p85 lead time: traditional_ops %.1f, devops_team %.1f, ops_on_demand %.1f, devops_windows %.1f%s\n",
                  lt[0], lt[1], lt[2], lt[3], extra ? " (flow mechanisms on)" : "");
    /* presets: traditional ops slower by most of a board and a window (> 5 days) */
    assert_true(lt[0] > lt[1] + 5.0);
    /* swapped policies: the order reverses by as much */
    assert_true(lt[3] > lt[2] + 5.0);
    /* at the same policy the two split-ownership designs are within 15% */
    assert_true(fabs(lt[2] - lt[1]) < 0.15 * lt[1]);
    assert_true(fabs(lt[3] - lt[0]) < 0.15 * lt[0]);
}

/* The mirror, with the flow mechanisms off (the small organisation was
 * sized without them) and on at their defaults, with teams of 6 and a
 * central team of 4 that keep up with meetings, reviews and iterations. */
static void test_change_policy_axis(void **state)
{
    (void)state;
    change_policy_axis(NULL);
    change_policy_axis(", \"flow\": { }, \"product_teams\": { \"count\": 2, \"size\": 6, \"features_per_week\": 1.5 },"
                       " \"central_team\": { \"size\": 4 }");
}

/* Partial availability (models/org_flow.c): meetings and interruptions take
 * a share of the day, so a task's elapsed time is effort ÷ (1 − share) and
 * the feature's hands-on time stays its effort. With a constant share of 0.3
 * flow efficiency falls to at most 0.7 of its value without (waits only
 * lower it further); switched off (0) it is the mechanism-free value. */
static void test_interruptions(void **state)
{
    (void)state;
    const char *on = FLOW(0.3, 0, 0, 0, 0);
    const char *drawn = FLOW(0.3, 0.15, 0, 0, 0);
    const char *off = FLOW(0, 0.15, 0, 0, 0);
    double fe_on = mean_of("\"true_devops\"", "\"serverless\"", on, 0, 0, ORG_M_FLOW_EFFICIENCY);
    double fe_dr = mean_of("\"true_devops\"", "\"serverless\"", drawn, 0, 0, ORG_M_FLOW_EFFICIENCY);
    double fe_off = mean_of("\"true_devops\"", "\"serverless\"", off, 0, 0, ORG_M_FLOW_EFFICIENCY);
    double fe_none = mean_of("\"true_devops\"", "\"serverless\"", NULL, 0, 0, ORG_M_FLOW_EFFICIENCY);
    assert_true(fe_on < 0.72 * fe_off);
    assert_true(fe_on > 0.4 * fe_off);
    assert_true(fe_dr < 0.8 * fe_off);
    assert_near(fe_off, fe_none, 0);          /* off: a spread without a mean does nothing */
    /* the product team is busy a larger share of what is left of its time */
    double u_on = mean_of("\"true_devops\"", "\"serverless\"", on, 0, 0, ORG_M_UTIL_PRODUCT);
    double u_off = mean_of("\"true_devops\"", "\"serverless\"", off, 0, 0, ORG_M_UTIL_PRODUCT);
    assert_true(u_on > u_off);
}

/* Second-person review (org_flow.c): a finished task waits for a review by
 * another member of its team, who learns the component doing it. Switched
 * on, lead time grows by at least the review's effort and more engineers
 * know each application (bus factor). */
static void test_reviews(void **state)
{
    (void)state;
    int bus = metric_index("bus_factor_min");
    assert_true(bus >= 0);
    const char *on = FLOW(0, 0, 0.3, 0, 0);
    const char *off = FLOW(0, 0, 0, 0, 0);
    /* no learning decay or gain elsewhere would hide the reviewers' */
    const char *kn = ", \"knowledge\": { \"product_context_own\": 0.3, \"specialization\": 1 }";
    char on_kn[256], off_kn[256];
    snprintf(on_kn, sizeof on_kn, "%s%s", on, kn);
    snprintf(off_kn, sizeof off_kn, "%s%s", off, kn);
    double lt_on = mean_of("\"true_devops\"", "\"serverless\"", on, 0, 0, ORG_M_LEAD_P50);
    double lt_off = mean_of("\"true_devops\"", "\"serverless\"", off, 0, 0, ORG_M_LEAD_P50);
    double b_on = mean_of("\"true_devops\"", "\"serverless\"", on_kn, 0, 0, bus);
    double b_off = mean_of("\"true_devops\"", "\"serverless\"", off_kn, 0, 0, bus);
    assert_true(lt_on > lt_off * 1.1);
    assert_true(b_on > b_off);
}

/* A review is of its task's service: in a team owning two services, the
 * review of a later team's task was opened on the service whose index is
 * that team's (org__review_open passed the team), so its owner was another
 * team and it read as a handoff. Every review's owner is the team of the
 * work reviewed. */
static void test_review_service(void **state)
{
    (void)state;
    static const char text[] =
        "{\"replications\":1,\"run\":{\"warmup_days\":20,\"measure_days\":80,\"drain_max_days\":60},"
        "\"teams\":[{\"name\":\"a\",\"size\":4,\"services\":[\"a1\",\"a2\"]},{\"name\":\"b\",\"size\":4},"
        "{\"name\":\"c\",\"size\":4}],"
        "\"product_teams\":{\"count\":0,\"features_per_week\":1.5},"
        "\"models\":[\"true_devops\"],\"hosting\":[\"paas\"]}";
    org_scenario s;
    assert_int_equal(test_scen_load(text, "review-service.json", &s), 0);
    assert_int_equal(s.n_services, 4);
    FILE *f = test_trace_run(&s, 0, 0, 0);
    char line[4096];
    int reviews = 0, foreign = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, "\"ev\":\"task_started\"") || !strstr(line, "\"class\":\"review\""))
            continue;
        char owner[64], team[64];
        const char *o = strstr(line, "\"owner\":\""), *t = strstr(line, "\"team\":\"");
        assert_true(o && t);
        assert_int_equal(sscanf(o + 9, "%63[^\"]", owner), 1);
        assert_int_equal(sscanf(t + 8, "%63[^\"]", team), 1);
        reviews++;
        foreign += strcmp(owner, team) != 0;
    }
    fclose(f);
    org_scenario_destroy(&s);
    assert_true(reviews > 50);
    assert_int_equal(foreign, 0);
}

/* Replication 0 of true_devops at serverless traced into a temporary file,
 * rewound for reading; the caller closes it. */
static FILE *trace_rep0(const char *extra)
{
    org_scenario s;
    assert_int_equal(load("\"true_devops\"", "\"serverless\"", extra, &s), 0);
    FILE *f = test_trace_run(&s, 0, 0, 0);
    org_scenario_destroy(&s);
    return f;
}

/* Engineers per feature in replication 0's trace: distinct (feature,
 * engineer) pairs among started feature tasks, per feature. */
static double engineers_per_feature(const char *extra)
{
    FILE *f = trace_rep0(extra);
    enum { CAP = 20000 };
    static int feat[CAP];
    static char who[CAP][48];
    int n = 0, pairs = 0, feats = 0;
    char line[4096];
    while (fgets(line, sizeof line, f) && n < CAP) {
        const char *fp = strstr(line, "\"feature\":"), *ep = strstr(line, "\"engineer\":\"");
        if (!strstr(line, "\"ev\":\"task_started\"") || !fp || !ep)
            continue;
        int id = atoi(fp + 10);
        char eng[48];
        if (sscanf(ep + 12, "%47[^\"]", eng) != 1)
            continue;
        int seen_pair = 0, seen_feat = 0;
        for (int i = 0; i < n; i++)
            if (feat[i] == id) {
                seen_feat = 1;
                if (!strcmp(who[i], eng))
                    seen_pair = 1;
            }
        pairs += !seen_pair;
        feats += !seen_feat;
        feat[n] = id;
        snprintf(who[n], sizeof who[n], "%s", eng);
        n++;
    }
    fclose(f);
    assert_true(feats > 50);
    return (double)pairs / feats;
}

/* Continuity (org_flow.c): the engineer who finished a task takes its
 * successor when idle, so a feature passes through fewer hands; switched
 * off, tasks go to the longest-idle engineer (specialization 0). */
static void test_continuity(void **state)
{
    (void)state;
    double on = engineers_per_feature(FLOW(0, 0, 0, 1, 0) ", \"knowledge\": { \"specialization\": 0 }");
    double off = engineers_per_feature(FLOW(0, 0, 0, 0, 0) ", \"knowledge\": { \"specialization\": 0 }");
    assert_true(on < 0.85 * off);
    assert_true(on >= 1.0);
}

/* The planning cadence's start day (models/org_cadence.h): the first
 * iteration start at or after arrival, counted from the team's start. */
static void test_cadence_start_day(void **state)
{
    (void)state;
    assert_near(org_cadence_start_day(0.0, 0.0, 3.7), 3.7, 0);        /* off: at once */
    assert_near(org_cadence_start_day(10.0, 0.0, 3.7), 10.0, 0);
    assert_near(org_cadence_start_day(10.0, 0.0, 10.0), 10.0, 0);     /* on a start: at once */
    assert_near(org_cadence_start_day(10.0, 0.0, 10.5), 20.0, 0);
    assert_near(org_cadence_start_day(10.0, 4.0, 4.5), 14.0, 0);      /* from the team's start */
    assert_near(org_cadence_start_day(10.0, 4.0, 2.0), 2.0, 0);       /* before it: no cadence yet */
}

/* Mean wait for the iteration start per feature created in replication 0's
 * trace (features that waited for nothing count as 0). */
static double iteration_wait_mean(const char *extra)
{
    FILE *f = trace_rep0(extra);
    int created = 0, last = -1;
    double sum = 0.0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "\"ev\":\"feature_created\"")) {
            created++;
            continue;
        }
        const char *fp = strstr(line, "\"feature\":"), *dp = strstr(line, "\"delay_days\":");
        if (!strstr(line, "\"reason\":\"iteration\"") || !fp || !dp)
            continue;
        int id = atoi(fp + 10);
        if (id == last)
            continue;               /* the feature's other first tasks wait as long */
        last = id;
        sum += atof(dp + 13);
    }
    fclose(f);
    assert_true(created > 150);
    return sum / created;
}

/* Planning cadence (org_cadence.c): features arriving mid-iteration wait for
 * the next start. Poisson arrivals fall uniformly within an iteration of N
 * days, so the mean wait is N/2 (standard error N/√(12 n)); the lead time
 * grows and flow efficiency falls, and switched off (0) no feature waits. */
static void test_cadence(void **state)
{
    (void)state;
    const char *on = FLOW(0, 0, 0, 0, 10);
    const char *off = FLOW(0, 0, 0, 0, 0);
    double w = iteration_wait_mean(on);
    assert_near(w, 5.0, 4.0 * 10.0 / sqrt(12.0 * 150.0));
    assert_near(iteration_wait_mean(off), 0.0, 0);
    double fe_on = mean_of("\"true_devops\"", "\"serverless\"", on, 0, 0, ORG_M_FLOW_EFFICIENCY);
    double fe_off = mean_of("\"true_devops\"", "\"serverless\"", off, 0, 0, ORG_M_FLOW_EFFICIENCY);
    double lt_on = mean_of("\"true_devops\"", "\"serverless\"", on, 0, 0, ORG_M_LEAD_MEAN);
    double lt_off = mean_of("\"true_devops\"", "\"serverless\"", off, 0, 0, ORG_M_LEAD_MEAN);
    assert_true(lt_on > lt_off + 0.8 * 5.0);  /* at least most of the mean wait */
    assert_true(fe_on < 0.8 * fe_off);        /* switched off, flow efficiency rises back */
}

/* The flow mechanisms are on by default at their sourced figures
 * (docs/calibration.md, "Work inside a team"): a scenario without a "flow"
 * section gets meetings 0.3 +- 0.1, review 0.1, continuity 1 and 10-day
 * iterations, and an empty section changes nothing. */
static void test_flow_defaults(void **state)
{
    (void)state;
    org_scenario s;
    util_diags d;
    util_diags_init(&d);
    const char *text = "{ \"name\": \"t\" }";
    assert_int_equal(scen_load_text(text, strlen(text), "t.json", &s, &d), 0);
    util_diags_free(&d);
    assert_near(s.flow.interruption_share, 0.3, 0);
    assert_near(s.flow.interruption_sd, 0.1, 0);
    assert_near(s.flow.review_share, 0.1, 0);
    assert_near(s.flow.continuity, 1.0, 0);
    assert_near(s.flow.iteration_days, 10.0, 0);
    org_scenario_destroy(&s);
    double dflt = mean_of("\"true_devops\"", "\"serverless\"", ", \"flow\": {}", 0, 0, ORG_M_FLOW_EFFICIENCY);
    double all = mean_of("\"true_devops\"", "\"serverless\"", FLOW(0.3, 0.1, 0.1, 1, 10), 0, 0,
                         ORG_M_FLOW_EFFICIENCY);
    assert_near(dflt, all, 0);
}

static void test_change_failure_author(void **state)
{
    (void)state;
    /* Who presses deploy does not matter: a central team deploying on demand
     * fails as often as the product team that wrote the change ... */
    const char *central = "{ \"name\": \"traditional_ops\", \"deploy_mode\": \"on_demand\" }";
    double c = mean_of(central, "\"iaas\"", NULL, 0, 0, ORG_M_CFR);
    double p = mean_of("\"true_devops\"", "\"iaas\"", NULL, 0, 0, ORG_M_CFR);
    assert_true(fabs(c - p) < 0.02);
    /* ... but the authors' context does (held fixed: no learning, no decay):
     * 0.15 × (1 − 0.2) × (1 − iaas' 0.1 test automation) = 0.108 more. */
    const char *low = ", \"knowledge\": { \"product_context_own\": 0.2, \"context_gain_per_day\": 0,"
                      " \"context_half_life_days\": 1e9 }";
    const char *full = ", \"knowledge\": { \"product_context_own\": 1, \"context_gain_per_day\": 0,"
                       " \"context_half_life_days\": 1e9 }";
    double l = mean_of("\"true_devops\"", "\"iaas\"", low, 0, 0, ORG_M_CFR);
    double f = mean_of("\"true_devops\"", "\"iaas\"", full, 0, 0, ORG_M_CFR);
    assert_true(l > f + 0.06);
}

static void test_change_test_automation(void **state)
{
    (void)state;
    /* The hosting point's automation catches a share of faulty changes:
     * with 0.5 the rate halves; switched off, it is the bare rate. */
    const char *on = "{ \"name\": \"iaas\", \"test_automation\": 0.5 }";
    const char *off = "{ \"name\": \"iaas\", \"test_automation\": 0 }";
    double a = mean_of("\"true_devops\"", on, NULL, 0, 0, ORG_M_CFR);
    double b = mean_of("\"true_devops\"", off, NULL, 0, 0, ORG_M_CFR);
    assert_true(a < 0.7 * b && a > 0.3 * b);
}

static void test_change_batch_failure(void **state)
{
    (void)state;
    /* A window ships its changes as one deployment that fails when any of
     * them does: 1.5 changes a week per service make 3 per 10-day window, so
     * the deployment fails about 1 − (1 − p)^3 ≈ 2.8 p. On demand, batches of
     * one: the change failure rate is p. */
    const char *win = "{ \"name\": \"traditional_ops\", \"change_board_every_days\": 0, \"release_window_every_days\": 10 }";
    const char *dem = "{ \"name\": \"traditional_ops\", \"deploy_mode\": \"on_demand\" }";
    double a = mean_of(win, "\"iaas\"", NULL, 0, 0, ORG_M_CFR);
    double b = mean_of(dem, "\"iaas\"", NULL, 0, 0, ORG_M_CFR);
    assert_true(a > 2.0 * b);
}

static void test_change_batch_diagnosis(void **state)
{
    (void)state;
    /* A failed batch takes longer to pin down; with the factor switched off
     * its incidents restore like any other. Only the restore effort of
     * change-failure incidents changes, so the effect is one-sided. */
    int ttr = metric_index("time_to_restore_p50_days");
    assert_true(ttr >= 0);
    const char *win = "{ \"name\": \"traditional_ops\", \"change_board_every_days\": 0, \"release_window_every_days\": 20 }";
    double a = mean_of(win, "\"iaas\"", ", \"incidents\": { \"batch_diagnosis_factor\": 2 }", 0, 0, ttr);
    double b = mean_of(win, "\"iaas\"", ", \"incidents\": { \"batch_diagnosis_factor\": 0 }", 0, 0, ttr);
    assert_true(a > 1.1 * b);
    assert_near(org_change_diagnosis_factor(&(org_incidents){ .batch_diagnosis_factor = 0.25 }, 8), 1.75, 1e-12);
    assert_near(org_change_diagnosis_factor(&(org_incidents){ .batch_diagnosis_factor = 0.25 }, 1), 1.0, 1e-12);
}

static void test_enablement(void **state)
{
    (void)state;
    int en = metric_index("time_share_central_enablement");
    const char *on = "{ \"name\": \"true_devops\", \"enablement\": true }";
    const char *off = "{ \"name\": \"true_devops\", \"enablement\": false }";
    /* Items are built only when they repay their effort and upkeep: an item
     * serves every team, so a larger organisation gets more items per team. */
    const char *two = ", \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 }";
    const char *eight = ", \"product_teams\": { \"count\": 8, \"size\": 4, \"features_per_week\": 1.5 }";
    double i2 = mean_of(on, "\"on_prem\"", two, 0, 0, ORG_M_ENABLE_ITEMS);
    double i8 = mean_of(on, "\"on_prem\"", eight, 0, 0, ORG_M_ENABLE_ITEMS);
    assert_true(i2 / 2.0 < i8 / 8.0);
    double e1 = mean_of(on, "\"on_prem\"", eight, 0, 0, en);
    double e0 = mean_of(off, "\"on_prem\"", eight, 0, 0, en);
    assert_true(e1 > 0.05);
    assert_near(e0, 0.0, 1e-12);
    /* Delivered items cut the product teams' non-product effort. */
    double s1 = mean_of(on, "\"on_prem\"", eight, 0, 0, ORG_M_PRODUCT_NONPRODUCT_SHARE);
    double s0 = mean_of(off, "\"on_prem\"", eight, 0, 0, ORG_M_PRODUCT_NONPRODUCT_SHARE);
    assert_true(s1 < s0 - 0.01);
    /* Each effect on its own: effort cuts alone, and learning cuts alone. */
    char buf[256];
    snprintf(buf, sizeof buf, "%s, \"enablement\": { \"learning_cut\": 0 }", eight);
    double se = mean_of(on, "\"on_prem\"", buf, 0, 0, ORG_M_PRODUCT_NONPRODUCT_SHARE);
    snprintf(buf, sizeof buf, "%s, \"enablement\": { \"effort_cut\": 0 }", eight);
    double sl = mean_of(on, "\"on_prem\"", buf, 0, 0, ORG_M_PRODUCT_NONPRODUCT_SHARE);
    assert_true(se < s0 - 0.005);
    /* Learning cuts alone pay for few items (their saving shrinks as skill
     * grows on the job), so their effect is small but still a saving. */
    assert_true(sl < s0);
}

/* ---- run length, common random numbers, determinism ------------------ */

static void test_drain(void **state)
{
    (void)state;
    const char *nodrain = ", \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 0 }";
    assert_true(mean_of("\"traditional_ops\"", "\"iaas\"", nodrain, 0, 0, ORG_M_FEATURES_UNFINISHED) > 1.0);
    assert_near(mean_of("\"traditional_ops\"", "\"iaas\"", NULL, 0, 0, ORG_M_FEATURES_UNFINISHED), 0.0, 1e-12);
}

static void test_common_random_numbers(void **state)
{
    (void)state;
    org_scenario s;
    assert_int_equal(load("\"traditional_ops\", \"devops_team\", \"true_devops\"",
                          "\"on_prem\", \"serverless\"", NULL, &s), 0);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 3, 2, NULL, NULL, NULL, &x), 0);
    for (int r = 0; r < 3; r++) {
        const org_rep *a = org_exp_rep(&x, 0, 0, r);
        double n0 = a->values[ORG_M_FEATURES_DONE] + a->values[ORG_M_FEATURES_UNFINISHED];
        for (int m = 0; m < 3; m++)
            for (int h = 0; h < 2; h++) {
                const org_rep *b = org_exp_rep(&x, m, h, r);
                /* The same features arrive under every design and hosting point. */
                assert_near(b->values[ORG_M_FEATURES_DONE] + b->values[ORG_M_FEATURES_UNFINISHED], n0, 0.0);
            }
    }
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

static void test_deterministic_across_threads(void **state)
{
    (void)state;
    org_scenario s;
    assert_int_equal(load("\"traditional_ops\", \"true_devops\"", "\"iaas\"", NULL, &s), 0);
    org_exp a, b;
    assert_int_equal(org_exp_run(&s, 4, 1, NULL, NULL, NULL, &a), 0);
    assert_int_equal(org_exp_run(&s, 4, 2, NULL, NULL, NULL, &b), 0);
    for (long j = 0; j < org_exp_jobs(&a); j++) {
        assert_int_equal(a.runs[j].n_values, b.runs[j].n_values);
        assert_memory_equal(a.runs[j].values, b.runs[j].values, (size_t)a.runs[j].n_values * sizeof(double));
    }
    org_exp_destroy(&a);
    org_exp_destroy(&b);
    org_scenario_destroy(&s);
}

static void test_time_shares_sum_to_one(void **state)
{
    (void)state;
    org_scenario s;
    assert_int_equal(load("\"traditional_ops\", \"true_devops\"", "\"on_prem\", \"paas\"", NULL, &s), 0);
    org_exp x;
    assert_int_equal(org_exp_run(&s, 2, 2, NULL, NULL, NULL, &x), 0);
    for (long j = 0; j < org_exp_jobs(&x); j++)
        for (int tk = 0; tk < 2; tk++) {
            double sum = 0.0;
            for (int c = 0; c < ORG_CAT_COUNT; c++)
                sum += x.runs[j].values[ORG_M_FIXED_COUNT + tk * ORG_CAT_COUNT + c];
            assert_near(sum, 1.0, 1e-9);
        }
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

int test_group_model(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learning_penalty),
        cmocka_unit_test(test_learning_curve),
        cmocka_unit_test(test_knowledge_decay),
        cmocka_unit_test(test_attrition),
        cmocka_unit_test(test_routing_handoffs),
        cmocka_unit_test(test_clarification),
        cmocka_unit_test(test_shared_queue),
        cmocka_unit_test(test_context_switching),
        cmocka_unit_test(test_release_windows),
        cmocka_unit_test(test_evaluation_delay),
        cmocka_unit_test(test_procurement_and_exists),
        cmocka_unit_test(test_toil_owner),
        cmocka_unit_test(test_incidents_preempt_and_escalate),
        cmocka_unit_test(test_incident_preemption),
        cmocka_unit_test(test_nobody_knows),
        cmocka_unit_test(test_change_release_day),
        cmocka_unit_test(test_change_board),
        cmocka_unit_test(test_change_policy_axis),
        cmocka_unit_test(test_interruptions),
        cmocka_unit_test(test_reviews),
        cmocka_unit_test(test_review_service),
        cmocka_unit_test(test_continuity),
        cmocka_unit_test(test_cadence_start_day),
        cmocka_unit_test(test_cadence),
        cmocka_unit_test(test_flow_defaults),
        cmocka_unit_test(test_change_failure_author),
        cmocka_unit_test(test_change_test_automation),
        cmocka_unit_test(test_change_batch_failure),
        cmocka_unit_test(test_change_batch_diagnosis),
        cmocka_unit_test(test_enablement),
        cmocka_unit_test(test_drain),
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_deterministic_across_threads),
        cmocka_unit_test(test_time_shares_sum_to_one),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
