/* scen_keys — the one list of keys per place of the scenario format. Each
 * X(key, how) line gives a key and how it is read (a range-checked number,
 * a map by kind of work, a nested section, or T_OWN: structure the place's
 * own code reads); the accepted keys and the readers' table are both made
 * from that line, so no key is accepted without a reader and none is read
 * without being accepted. List order is reading order. */
#include "scenario/scen_int.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

const char *const scen__kind_names[ORG_TASK_KINDS] = {
    "app", "test", "ci", "cd", "deploy", "iac", "vm", "db", "container", "network",
    "monitoring", "security", "integration", "facility",
};

/* How a key is read: the rest of its fdef. */
#define NUM(s, f, lopen, lo_, hi_, hopen, lim) \
    .type = T_DBL, .off = offsetof(s, f), .lo_open = lopen, .lo = lo_, .hi = hi_, .hi_open = hopen, .limit = lim
#define INT(s, f, lo_, hi_, lim) .type = T_INT, .off = offsetof(s, f), .lo = lo_, .hi = hi_, .limit = lim
#define GE0(s, f)     NUM(s, f, 0, 0, NOLIM, 0, NOLIM)
#define GT0(s, f)     NUM(s, f, 1, 0, NOLIM, 0, NOLIM)
#define P01(s, f)     NUM(s, f, 0, 0, 1, 0, NOLIM)
#define DAYS(s, f)    NUM(s, f, 0, 0, SCEN_MAX_DELAY_DAYS, 0, NOLIM)
#define BOOL(s, f)    .type = T_BOOL, .off = offsetof(s, f), .hi = 1, .limit = NOLIM
#define U64(s, f, hi_) .type = T_U64, .off = offsetof(s, f), .hi = hi_, .limit = NOLIM
#define TYPED(t, s, f) .type = t, .off = offsetof(s, f)
#define SECTION(s, f, place) .type = T_SECTION, .off = offsetof(s, f), .sub = place
#define SECTION_SELF(place) .type = T_SECTION, .off = 0, .sub = place   /* fields of the base itself */
#define OWN           .type = T_OWN

#define AS_KEY(k, ...) k,
#define AS_DEF(k, ...) { .key = k, __VA_ARGS__ },

/* The top level; base org_scenario. "stack" fills the presets' default
 * stack, and the lists below it are read by scen_catalog.c and scen_teams.c. */
#define SCENARIO_FIELDS(X) \
    X("$schema", OWN) \
    X("name", OWN) \
    X("description", OWN) \
    X("summary", OWN) \
    X("seed", U64(org_scenario, run.seed, MAX_SEED)) \
    X("replications", INT(org_scenario, run.replications, 1, NOLIM, SCEN_MAX_REPLICATIONS)) \
    X("hours_per_day", NUM(org_scenario, hours_per_day, 1, 0, 24, 0, NOLIM)) \
    X("run", SECTION(org_scenario, run, P_RUN)) \
    X("knowledge", SECTION(org_scenario, knowledge, P_KNOWLEDGE)) \
    X("people", SECTION(org_scenario, people, P_PEOPLE)) \
    X("incidents", SECTION(org_scenario, incidents, P_INCIDENTS)) \
    X("oncall", SECTION(org_scenario, oncall, P_ONCALL)) \
    X("enablement", SECTION(org_scenario, enablement, P_ENABLEMENT)) \
    X("upkeep", SECTION(org_scenario, upkeep, P_UPKEEP)) \
    X("flow", SECTION(org_scenario, flow, P_FLOW)) \
    X("targets", SECTION(org_scenario, targets, P_TARGETS)) \
    X("costs", SECTION(org_scenario, costs, P_COSTS)) \
    X("central_team", SECTION_SELF(P_CENTRAL_TEAM)) \
    X("technologies", OWN) \
    X("stack", OWN) \
    X("policies", OWN) \
    X("models", OWN) \
    X("hosting", OWN) \
    X("templates", OWN) \
    X("product_teams", OWN) \
    X("teams", OWN) \
    X("projects", OWN) \
    X("hosting_plans", OWN) \
    X("uncertain", OWN) \
    X("timeline", OWN) \
    X("hiring_rule", SECTION(org_scenario, hiring, P_HIRING)) \
    X("calibrate", OWN)

/* scen_timeline.c reads each event; which keys an event needs depends on "do" */
#define EVENT_FIELDS(X) \
    X("day", OWN) \
    X("week", OWN) \
    X("do", OWN) \
    X("model", OWN) \
    X("from", OWN) \
    X("to", OWN) \
    X("team", OWN) \
    X("count", OWN) \
    X("until_day", OWN) \
    X("hosting", OWN) \
    X("service", OWN) \
    X("kind", OWN) \
    X("effort_days", OWN)

#define HIRING_FIELDS(X) \
    X("central_when_share_above", P01(org_hiring_rule, central_when_share_above)) \
    X("window_weeks", INT(org_hiring_rule, window_weeks, 1, 52, NOLIM)) \
    X("max_hires", INT(org_hiring_rule, max_hires, 0, NOLIM, SCEN_MAX_ENGINEERS))

#define RUN_FIELDS(X) \
    X("warmup_days", NUM(org_run, warmup_days, 0, 0, NOLIM, 0, SCEN_MAX_HORIZON_DAYS)) \
    X("measure_days", NUM(org_run, measure_days, 1, 0, NOLIM, 0, SCEN_MAX_HORIZON_DAYS)) \
    X("drain_max_days", NUM(org_run, drain_max_days, 0, 0, NOLIM, 0, SCEN_MAX_HORIZON_DAYS))

/* read_techs */
#define TECHNOLOGY_FIELDS(X) \
    X("name", OWN) \
    X("kind", OWN)

/* read_list names and bases it; template_read reads the tasks */
#define TEMPLATE_FIELDS(X) \
    X("name", OWN) \
    X("base", OWN) \
    X("weight", NUM(org_template, weight, 0, 0, 1e6, 0, NOLIM)) \
    X("tasks", OWN)

/* read_tasks reads all but probability, in this order */
#define TASK_FIELDS(X) \
    X("name", OWN) \
    X("kind", OWN) \
    X("tech", OWN) \
    X("effort_days", OWN) \
    X("probability", P01(org_task_spec, probability)) \
    X("after", OWN)

#define PROJECT_TASK_FIELDS(X) \
    X("name", OWN) \
    X("kind", OWN) \
    X("tech", OWN) \
    X("effort_days", OWN) \
    X("after", OWN)

/* read_projects reads name, team and tasks */
#define PROJECT_FIELDS(X) \
    X("name", OWN) \
    X("start_day", NUM(org_project, start_day, 0, 0, NOLIM, 0, SCEN_MAX_HORIZON_DAYS)) \
    X("team", OWN) \
    X("tasks", OWN)

#define MODEL_FIELDS(X) \
    X("name", OWN) \
    X("base", OWN) \
    X("central_name", TYPED(T_LABEL, org_model, central_name)) \
    X("route", TYPED(T_ROUTES, org_model, route)) \
    X("toil_owner", TYPED(T_OWNER, org_model, toil_owner)) \
    X("incident_first_response", TYPED(T_OWNER, org_model, incident_first_response)) \
    X("effort_factor", TYPED(T_NUMS, org_model, effort_factor)) \
    X("evaluation_delay_days", DAYS(org_model, evaluation_delay_days)) \
    X("evaluation_skill_threshold", P01(org_model, evaluation_skill_threshold)) \
    X("ticket_handling_days", DAYS(org_model, ticket_handling_days)) \
    X("context_switch_days", DAYS(org_model, context_switch_days)) \
    X("clarification_prob", P01(org_model, clarification_prob)) \
    X("clarification_answer_days", DAYS(org_model, clarification_answer_days)) \
    X("clarification_latency_days", DAYS(org_model, clarification_latency_days)) \
    X("clarification_max_rounds", INT(org_model, clarification_max_rounds, 0, 100, NOLIM)) \
    X("enablement", BOOL(org_model, enablement)) \
    X("deploy_mode", TYPED(T_DEPLOY, org_model, deploy_mode)) \
    X("change_board_every_days", DAYS(org_model, change_board_every_days)) \
    X("release_window_every_days", DAYS(org_model, release_window_every_days)) \
    X("change_policy", OWN)

/* A change policy (scen_catalog.c applies it to the models naming it after
 * their own fields). The last four entries of MODEL_FIELDS are the policy's
 * fields and "change_policy": a preset model names a policy or sets the
 * fields (scen_catalog.c relies on this order). */
#define POLICY_FIELDS(X) \
    X("name", OWN) \
    X("base", OWN) \
    X("deploy_mode", TYPED(T_DEPLOY, org_policy, deploy_mode)) \
    X("change_board_every_days", DAYS(org_policy, change_board_every_days)) \
    X("release_window_every_days", DAYS(org_policy, release_window_every_days)) \
    X("deploy_effort_factor", NUM(org_policy, deploy_effort_factor, 0, 0, 1, 0, NOLIM)) \
    X("ci_effort_factor", NUM(org_policy, ci_effort_factor, 0, 0, 1, 0, NOLIM))

#define HOSTING_FIELDS(X) \
    X("name", OWN) \
    X("base", OWN) \
    X("exists", TYPED(T_BOOLS, org_hosting, exists)) \
    X("volume", TYPED(T_NUMS, org_hosting, volume)) \
    X("effort", TYPED(T_NUMS, org_hosting, effort)) \
    X("restore_days", TYPED(T_DIST, org_hosting, restore_days)) \
    X("toil_days_per_service_week", NUM(org_hosting, toil_days_per_service_week, 0, 0, SCEN_MAX_TOIL_DAYS_PER_SERVICE_WEEK, 0, NOLIM)) \
    X("incidents_per_service_week", NUM(org_hosting, incidents_per_service_week, 0, 0, SCEN_MAX_INCIDENTS_PER_SERVICE_WEEK, 0, NOLIM)) \
    X("procurement_days", DAYS(org_hosting, procurement_days)) \
    X("test_automation", P01(org_hosting, test_automation)) \
    X("hosting_cost_per_service_month", GE0(org_hosting, hosting_cost_per_service_month))

/* read_teams reads the name, scen__read_services the services */
#define TEAM_FIELDS(X) \
    X("name", OWN) \
    X("size", INT(org_team, size, 1, NOLIM, SCEN_MAX_ENGINEERS)) \
    X("features_per_week", NUM(org_team, features_per_week, 0, 0, SCEN_MAX_FEATURES_PER_WEEK, 0, NOLIM)) \
    X("stack", TYPED(T_STACK, org_team, stack)) \
    X("second_service_probability", P01(org_team, second_service_prob)) \
    X("services", OWN) \
    X("starts_day", NUM(org_team, starts_day, 0, 0, NOLIM, 0, SCEN_MAX_HORIZON_DAYS))

/* scen__read_services reads the name and the hosting point */
#define SERVICE_FIELDS(X) \
    X("name", OWN) \
    X("weight", NUM(org_service, weight, 1, 0, 1e6, 0, NOLIM)) \
    X("stack", TYPED(T_STACK, org_service, stack)) \
    X("hosting", OWN)

/* scen__read_plans reads all of it */
#define HOSTING_PLAN_FIELDS(X) \
    X("name", OWN) \
    X("default", OWN) \
    X("services", OWN)

/* base cat; read_product_teams reads name_prefix and (in a scenario) the
 * stack, which stays last: the presets need not give it */
#define PRODUCT_TEAMS_FIELDS(X) \
    X("count", INT(cat, pt_count, 0, NOLIM, SCEN_MAX_TEAMS)) \
    X("size", INT(cat, pt_size, 1, NOLIM, SCEN_MAX_ENGINEERS)) \
    X("features_per_week", NUM(cat, pt_fpw, 0, 0, SCEN_MAX_FEATURES_PER_WEEK, 0, NOLIM)) \
    X("second_service_probability", P01(cat, pt_second)) \
    X("name_prefix", OWN) \
    X("stack", OWN)

#define CENTRAL_TEAM_FIELDS(X) \
    X("size", INT(org_scenario, central_size, 0, NOLIM, SCEN_MAX_ENGINEERS))

#define KNOWLEDGE_FIELDS(X) \
    X("product_context_own", P01(org_knowledge, product_context_own)) \
    X("product_context_infra", P01(org_knowledge, product_context_infra)) \
    X("product_skill_infra", P01(org_knowledge, product_skill_infra)) \
    X("product_skill_app", P01(org_knowledge, product_skill_app)) \
    X("central_skill", P01(org_knowledge, central_skill)) \
    X("central_context", P01(org_knowledge, central_context)) \
    X("novice_skill", P01(org_knowledge, novice_skill)) \
    X("learning_penalty", NUM(org_knowledge, learning_penalty, 0, 0, 100, 0, NOLIM)) \
    X("skill_gain_per_day", P01(org_knowledge, skill_gain_per_day)) \
    X("context_gain_per_day", P01(org_knowledge, context_gain_per_day)) \
    X("skill_half_life_days", GT0(org_knowledge, skill_half_life_days)) \
    X("context_half_life_days", GT0(org_knowledge, context_half_life_days)) \
    X("threshold", P01(org_knowledge, threshold)) \
    X("specialization", P01(org_knowledge, specialization)) \
    X("context_spillover", P01(org_knowledge, context_spillover)) \
    X("context_capacity", GE0(org_knowledge, context_capacity)) \
    X("central_techs_per_engineer", INT(org_knowledge, central_techs_per_engineer, 0, 1000, NOLIM))

#define PEOPLE_FIELDS(X) \
    X("attrition_per_year", NUM(org_people, attrition_per_year, 0, 0, 10, 0, NOLIM)) \
    X("hiring_delay_days", DAYS(org_people, hiring_delay_days))

#define INCIDENTS_FIELDS(X) \
    X("change_failure_base", P01(org_incidents, change_failure_base)) \
    X("change_failure_context_gap", P01(org_incidents, change_failure_context_gap)) \
    X("batch_diagnosis_factor", NUM(org_incidents, batch_diagnosis_factor, 0, 0, 100, 0, NOLIM)) \
    X("app_fault_share", P01(org_incidents, app_fault_share)) \
    X("escalation_delay_days", DAYS(org_incidents, escalation_delay_days)) \
    X("skill_gap_factor", GE0(org_incidents, skill_gap_factor)) \
    X("context_gap_factor", GE0(org_incidents, context_gap_factor)) \
    X("nobody_knows_factor", NUM(org_incidents, nobody_knows_factor, 0, 1, NOLIM, 0, NOLIM))

#define ONCALL_FIELDS(X) \
    X("calendar_clock", BOOL(org_oncall, calendar_clock)) \
    X("cover", TYPED(T_COVER, org_oncall, cover)) \
    X("night_restore_factor", NUM(org_oncall, night_restore_factor, 0, 1, 100, 0, NOLIM)) \
    X("rest_per_night_hour", NUM(org_oncall, rest_per_night_hour, 0, 0, 24, 0, NOLIM)) \
    X("min_rotation", INT(org_oncall, min_rotation, 1, 1000, NOLIM)) \
    X("min_rotation_per_site", INT(org_oncall, min_rotation_per_site, 1, 1000, NOLIM)) \
    X("product_teams_per_rotation", INT(org_oncall, product_teams_per_rotation, 1, 100000, NOLIM)) \
    X("business_hours_incident_ratio", NUM(org_oncall, business_hours_incident_ratio, 1, 0, 1000, 0, NOLIM))

#define ENABLEMENT_FIELDS(X) \
    X("item_effort_days", NUM(org_enablement, item_effort_days, 1, 0, SCEN_MAX_DELAY_DAYS, 0, NOLIM)) \
    X("effort_cut", NUM(org_enablement, effort_cut, 0, 0, 1, 1, NOLIM)) \
    X("learning_cut", P01(org_enablement, learning_cut)) \
    X("floor", NUM(org_enablement, floor, 1, 0, 1, 0, NOLIM)) \
    X("adoption_days", DAYS(org_enablement, adoption_days)) \
    X("upkeep_days_per_item_week", GE0(org_enablement, upkeep_days_per_item_week)) \
    X("support_days_per_item_team_week", GE0(org_enablement, support_days_per_item_team_week)) \
    X("payback_days", NUM(org_enablement, payback_days, 1, 0, SCEN_MAX_DELAY_DAYS, 0, NOLIM))

#define UPKEEP_FIELDS(X) \
    X("days_per_component_week", GE0(org_upkeep, days_per_component_week)) \
    X("days_per_technology_week", GE0(org_upkeep, days_per_technology_week))

#define FLOW_FIELDS(X) \
    X("interruption_share", NUM(org_flow, interruption_share, 0, 0, 0.9, 0, NOLIM)) \
    X("interruption_sd", NUM(org_flow, interruption_sd, 0, 0, 0.5, 0, NOLIM)) \
    X("review_share", NUM(org_flow, review_share, 0, 0, 1, 0, NOLIM)) \
    X("continuity", P01(org_flow, continuity)) \
    X("iteration_days", DAYS(org_flow, iteration_days)) \
    X("switch_loss", NUM(org_flow, switch_loss, 0, 0, 0.75, 0, NOLIM)) \
    X("switch_waiting_weight", P01(org_flow, switch_waiting_weight)) \
    X("wip_limit", INT(org_flow, wip_limit, 0, 100000, NOLIM)) \
    X("unplanned_share", NUM(org_flow, unplanned_share, 0, 0, 0.6, 0, NOLIM)) \
    X("unplanned_effort_days", NUM(org_flow, unplanned_effort_days, 0, 0.01, 20, 0, NOLIM)) \
    X("unplanned_net_days", NUM(org_flow, unplanned_net_days, 0, 0, 260, 0, NOLIM))

#define TARGETS_FIELDS(X) \
    X("lead_time_p85_days", GE0(org_targets, lead_time_p85_days)) \
    X("ticket_wait_p85_days", GE0(org_targets, ticket_wait_p85_days)) \
    X("max_utilization", P01(org_targets, max_utilization)) \
    X("service_level_share", P01(org_targets, service_level_share)) \
    X("service_level_days", GE0(org_targets, service_level_days)) \
    X("enablement_engineers", INT(org_targets, enablement_engineers, 0, NOLIM, SCEN_MAX_ENGINEERS)) \
    X("platform_search_max", INT(org_targets, platform_search_max, 0, 1000, NOLIM))

#define COSTS_FIELDS(X) \
    X("product_engineer_per_year", GE0(org_costs, product_engineer_per_year)) \
    X("central_engineer_per_year", GE0(org_costs, central_engineer_per_year)) \
    X("oncall_standby_per_week", GE0(org_costs, oncall_standby_per_week)) \
    X("currency", TYPED(T_CURRENCY, org_costs, currency))

#define PLACE_LISTS(LIST, id) \
    static const char *const keys_##id[] = { LIST(AS_KEY) }; \
    static const fdef fields_##id[] = { LIST(AS_DEF) };

PLACE_LISTS(SCENARIO_FIELDS, scenario)
PLACE_LISTS(RUN_FIELDS, run)
PLACE_LISTS(TECHNOLOGY_FIELDS, technology)
PLACE_LISTS(TEMPLATE_FIELDS, template)
PLACE_LISTS(TASK_FIELDS, task)
PLACE_LISTS(PROJECT_TASK_FIELDS, project_task)
PLACE_LISTS(PROJECT_FIELDS, project)
PLACE_LISTS(MODEL_FIELDS, model)
PLACE_LISTS(POLICY_FIELDS, policy)
PLACE_LISTS(HOSTING_FIELDS, hosting)
PLACE_LISTS(TEAM_FIELDS, team)
PLACE_LISTS(SERVICE_FIELDS, service)
PLACE_LISTS(HOSTING_PLAN_FIELDS, hosting_plan)
PLACE_LISTS(PRODUCT_TEAMS_FIELDS, product_teams)
PLACE_LISTS(CENTRAL_TEAM_FIELDS, central_team)
PLACE_LISTS(KNOWLEDGE_FIELDS, knowledge)
PLACE_LISTS(PEOPLE_FIELDS, people)
PLACE_LISTS(INCIDENTS_FIELDS, incidents)
PLACE_LISTS(ONCALL_FIELDS, oncall)
PLACE_LISTS(ENABLEMENT_FIELDS, enablement)
PLACE_LISTS(UPKEEP_FIELDS, upkeep)
PLACE_LISTS(FLOW_FIELDS, flow)
PLACE_LISTS(TARGETS_FIELDS, targets)
PLACE_LISTS(COSTS_FIELDS, costs)
PLACE_LISTS(EVENT_FIELDS, event)
PLACE_LISTS(HIRING_FIELDS, hiring_rule)

#define PLACE(P, id) [P] = { #id, keys_##id, fields_##id, NKEYS(keys_##id) }

const scen__place scen__places[P_COUNT] = {
    PLACE(P_SCENARIO, scenario),
    PLACE(P_RUN, run),
    PLACE(P_TECHNOLOGY, technology),
    PLACE(P_TEMPLATE, template),
    PLACE(P_TASK, task),
    PLACE(P_PROJECT_TASK, project_task),
    PLACE(P_PROJECT, project),
    PLACE(P_MODEL, model),
    PLACE(P_POLICY, policy),
    PLACE(P_HOSTING, hosting),
    PLACE(P_TEAM, team),
    PLACE(P_SERVICE, service),
    PLACE(P_HOSTING_PLAN, hosting_plan),
    PLACE(P_PRODUCT_TEAMS, product_teams),
    PLACE(P_CENTRAL_TEAM, central_team),
    PLACE(P_KNOWLEDGE, knowledge),
    PLACE(P_PEOPLE, people),
    PLACE(P_INCIDENTS, incidents),
    PLACE(P_ONCALL, oncall),
    PLACE(P_ENABLEMENT, enablement),
    PLACE(P_UPKEEP, upkeep),
    PLACE(P_FLOW, flow),
    PLACE(P_TARGETS, targets),
    PLACE(P_COSTS, costs),
    PLACE(P_EVENT, event),
    PLACE(P_HIRING, hiring_rule),
};

const char *const *scen_keys(const char *place, size_t *n)
{
    for (size_t i = 0; place && i < P_COUNT; i++)
        if (strcmp(place, scen__places[i].name) == 0) {
            if (n)
                *n = scen__places[i].n;
            return scen__places[i].keys;
        }
    if (n)
        *n = 0;
    return NULL;
}
