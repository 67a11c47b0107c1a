/* org_types — the organisation model's parameters: everything a scenario file
 * can say, after presets are resolved. The scenario loader (scen_*) fills an
 * org_scenario; the simulator (org_sim) only reads it. Units are in the names:
 * days are working days (5 per week), rates are per week unless named. */
#ifndef ORG_TYPES_H
#define ORG_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include "sim/sim_dist.h"

/* The kinds of work (DESIGN.md §4). Order is fixed: it indexes arrays. */
typedef enum org_kind {
    ORG_KIND_APP, ORG_KIND_TEST, ORG_KIND_CI, ORG_KIND_CD, ORG_KIND_DEPLOY,
    ORG_KIND_IAC, ORG_KIND_VM, ORG_KIND_DB, ORG_KIND_CONTAINER, ORG_KIND_NETWORK,
    ORG_KIND_MONITORING, ORG_KIND_SECURITY, ORG_KIND_INTEGRATION, ORG_KIND_FACILITY,
    ORG_KIND_INCIDENT, ORG_KIND_TOIL, ORG_KIND_ENABLEMENT,
    ORG_KIND_COUNT
} org_kind;

/* Kinds a feature/project task may have (app .. facility). */
#define ORG_TASK_KINDS (ORG_KIND_FACILITY + 1)

/* Name of a kind ("app", "db", ...) and the reverse (-1 when unknown). */
const char *org_kind_name(org_kind k);
int org_kind_from_name(const char *name);
/* app and test are product work; everything else is non-product. */
int org_kind_is_product(org_kind k);

/* Who executes a kind of work. */
typedef enum org_executor {
    ORG_EXEC_PRODUCT,   /* the owning product team itself */
    ORG_EXEC_CENTRAL    /* the central team (ops / DevOps / platform) */
} org_executor;

/* How work reaches the central team. */
typedef enum org_channel {
    ORG_CHANNEL_TICKET,   /* ticket: shared queue, clarification loop, evaluation delay */
    ORG_CHANNEL_SERVICE   /* X-as-a-service request: shared queue, no clarification loop */
} org_channel;

/* How deployments happen. */
typedef enum org_deploy_mode {
    ORG_DEPLOY_WINDOW,    /* change approval at a board, then the next release window */
    ORG_DEPLOY_ON_DEMAND  /* as soon as the deploy task is done */
} org_deploy_mode;

#define ORG_NAME_MAX 64

typedef struct org_route {
    org_executor executor;
    org_channel channel;          /* when executor is central */
} org_route;

/* An ownership model: a routing preset (DESIGN.md §2), fully data. */
typedef struct org_model {
    char name[ORG_NAME_MAX];
    char central_name[ORG_NAME_MAX];     /* "ops team", "DevOps team", "platform team" */
    org_route route[ORG_TASK_KINDS];     /* per task kind */
    org_executor toil_owner;
    org_executor incident_first_response;
    org_deploy_mode deploy_mode;
    double change_board_every_days;      /* ORG_DEPLOY_WINDOW: approval at the next board */
    double release_window_every_days;    /* ORG_DEPLOY_WINDOW: deploys only at windows */
    double effort_factor[ORG_TASK_KINDS];/* automation: multiplies effort of a kind (deploy, ci) */
    double evaluation_delay_days;        /* central team without skill in a technology */
    double evaluation_skill_threshold;   /* "has skill" = some member at or above this */
    double ticket_handling_days;         /* per ticket, on the executor (handoff overhead) */
    double context_switch_days;          /* executor switching to another team's work */
    double clarification_prob;           /* P(round trip) at zero context; scaled by (1 - context) */
    double clarification_answer_days;    /* product-team effort to answer one */
    double clarification_latency_days;   /* calendar delay of one round trip */
    int clarification_max_rounds;
    int enablement;                      /* 1: central team fills idle time with enablement */
    char change_policy[ORG_NAME_MAX];    /* the change policy named last (a label; "" when none) */
} org_model;

/* A change policy (issue 15): how a change reaches production, apart from
 * who owns the work. A design is an ownership model × a change policy; the
 * loader copies a policy's fields into the model that names it (its
 * deploy_mode, change_board_every_days, release_window_every_days and the
 * pipeline's effort_factor for deploy and ci), so the simulator reads the
 * model only. */
typedef struct org_policy {
    char name[ORG_NAME_MAX];
    org_deploy_mode deploy_mode;
    double change_board_every_days;      /* window: approval at the next board (0: no board) */
    double release_window_every_days;    /* window: deploys only at windows (0: at approval) */
    double deploy_effort_factor;         /* the pipeline: multiplies the effort of a deploy */
    double ci_effort_factor;             /* ... and of a CI change */
} org_policy;

/* A hosting point on the complexity continuum (DESIGN.md §3). */
typedef struct org_hosting {
    char name[ORG_NAME_MAX];
    int exists[ORG_TASK_KINDS];          /* shared-responsibility split */
    double volume[ORG_TASK_KINDS];       /* multiplies how often a feature needs a kind */
    double effort[ORG_TASK_KINDS];       /* multiplies effort of a kind */
    double toil_days_per_service_week;   /* recurring toil effort per service */
    double incidents_per_service_week;   /* background incident rate per service */
    sim_dist restore_days;               /* hands-on restore effort of one incident */
    double procurement_days;             /* external lead time added to facility tasks */
    double test_automation;              /* share of faulty changes the hosting point's test and
                                            release automation catches before production */
    double hosting_cost_per_service_month;
} org_hosting;

/* A technology: skill is per technology. */
typedef struct org_tech {
    char name[ORG_NAME_MAX];
    int kind;                            /* the kind it mainly serves (-1 none) */
} org_tech;

/* One task of a feature template or project. */
typedef struct org_task_spec {
    char name[ORG_NAME_MAX];
    org_kind kind;
    int tech;                            /* index into scenario techs; -1: the team's stack for kind */
    int team;                            /* projects: owning product team; templates: -1 */
    sim_dist effort_days;                /* hands-on effort at skill 1, before multipliers */
    double probability;                  /* templates: P(task is part of a feature) */
    int n_after;
    int *after;                          /* indices of tasks in the same template/project; owned */
} org_task_spec;

/* A feature template: a small DAG of tasks, chosen with a weight. */
typedef struct org_template {
    char name[ORG_NAME_MAX];
    double weight;
    int n_tasks;
    org_task_spec *tasks;                /* owned */
} org_template;

/* A project: a fixed DAG started on a given day. */
typedef struct org_project {
    char name[ORG_NAME_MAX];
    double start_day;
    int n_tasks;
    org_task_spec *tasks;                /* owned */
} org_project;

/* A product team. It owns services [first_service, first_service +
 * n_services) of the scenario (one, named after the team, unless it lists
 * its own). */
typedef struct org_team {
    char name[ORG_NAME_MAX];
    int size;
    double features_per_week;
    int stack[ORG_TASK_KINDS];           /* technology per kind: its services' default stack (-1: none) */
    double second_service_prob;          /* P(a feature also touches a second of its services) */
    int first_service, n_services;
    double starts_day;                   /* the team exists from this day (0: from the start) */
} org_team;

/* A service: what runs, has a stack, a hosting point, toil, upkeep and
 * incidents. Its index is stable for a scenario: components are
 * (service × technology), comp = service × n_techs + tech. */
typedef struct org_service {
    char name[ORG_NAME_MAX];
    int team;                            /* the owning product team */
    double weight;                       /* its share of the team's features (relative) */
    int stack[ORG_TASK_KINDS];           /* technology per kind (-1: none) */
    int home;                            /* its own hosting point: index into points (-1: none) */
} org_service;

/* Knowledge: skill per technology, context per component (service × technology). */
typedef struct org_knowledge {
    double product_context_own;          /* product engineers' start context, own app/test */
    double product_context_infra;        /* ... on their own service's infrastructure */
    double product_skill_infra;          /* product engineers' start skill in infra technologies */
    double product_skill_app;            /* ... in app/test technologies */
    double central_skill;                /* central engineers' start skill in the technologies they run */
    double central_context;              /* central engineers' start context on each component */
    double novice_skill;                 /* a new hire's start skill */
    double learning_penalty;             /* effort multiplier at skill 0 is 1 + this */
    double skill_gain_per_day;           /* skill += (1 - skill) * gain * hands-on days */
    double context_gain_per_day;
    double skill_half_life_days;         /* unused knowledge halves in this many days */
    double context_half_life_days;
    double threshold;                    /* "knows the component" (bus factor) */
    double specialization;               /* P(task goes to the most knowledgeable idle engineer) */
    double context_spillover;            /* share of an infra task's context gain that spreads to
                                            the same service's other infra components */
    double context_capacity;             /* cognitive load: components an engineer holds context on
                                            at which learning runs at half rate (0: no limit) */
    int central_techs_per_engineer;      /* technologies a central hire is skilled in (0: all used) */
} org_knowledge;

/* Fixed upkeep of what runs (patching, upgrades, certificates, security
 * findings), independent of the feature rate; scaled by the hosting point's
 * effort multiplier of the technology's kind (org_upkeep.c). */
typedef struct org_upkeep {
    double days_per_component_week;      /* per (service, infrastructure technology) */
    double days_per_technology_week;     /* per distinct infrastructure technology, per team running it */
} org_upkeep;

/* Work inside a team (issue 15; models/org_flow.c). 0 switches each off. */
typedef struct org_flow {
    double interruption_share;           /* mean share of a working day lost to meetings and
                                            interruptions, drawn per engineer-week (Beta) */
    double interruption_sd;              /* its spread between engineer-weeks (0: the mean every week) */
    double review_share;                 /* a finished feature task (but a deploy) waits for a review by
                                            another member of its team, of this share of its effort */
    double continuity;                   /* P(the engineer who finished a task takes its successor
                                            when idle) instead of the usual choice */
    double iteration_days;               /* a product team commits to new features at iteration starts
                                            this many working days apart (org_cadence.c); 0: at once */
    double switch_loss;                  /* share of time lost per extra feature an engineer carries
                                            (org_wip.c): loss(n) = min(0.75, switch_loss × (n − 1)) */
    double switch_waiting_weight;        /* what a carried feature counts in n while none of its tasks is
                                            queued in the engineer's team (1: as one with work ready) */
    int wip_limit;                       /* features a product team may have started and not finished
                                            (org_wip.c); 0: no limit */
    double unplanned_share;              /* share of a product engineer's time after interruptions that
                                            goes to unplanned work and rework (org_unplanned.c); 0: off */
    double unplanned_effort_days;        /* mean effort of one unplanned item (exponential) */
    double unplanned_net_days;           /* the share is net of the team's own operations interrupts
                                            (incidents, rest after pages, unplanned toil), measured as a
                                            running share with this time constant in working days
                                            (org_unplanned.c); 0: gross (the share adds on top) */
} org_flow;

typedef struct org_people {
    double attrition_per_year;
    double hiring_delay_days;
} org_people;

typedef struct org_incidents {
    double change_failure_base;          /* P(a change fails) with full author context */
    double change_failure_context_gap;   /* added at zero author context (the writing team's) */
    double batch_diagnosis_factor;       /* failed batch of n: restore × (1 + this × log2 n) */
    double app_fault_share;              /* share of incidents that are application faults */
    double escalation_delay_days;        /* per boundary crossing */
    double skill_gap_factor;             /* restore × (1 + this × (1 - skill)) */
    double context_gap_factor;           /* restore × (1 + this × (1 - context)) */
    double nobody_knows_factor;          /* restore × this when nobody has context ≥ threshold */
} org_incidents;

/* Who answers an incident out of business hours (models/org_oncall.c). */
typedef enum org_cover {
    ORG_COVER_BUSINESS_HOURS,   /* nobody: it waits for the next business morning */
    ORG_COVER_24X7,             /* the first-responder team's on-call engineer, at night */
    ORG_COVER_FOLLOW_THE_SUN,   /* another site in its daytime: no night penalty, no lost rest */
    ORG_COVER_COUNT
} org_cover;

/* The scenario format's names of the covers, by org_cover. */
extern const char *const org_cover_names[ORG_COVER_COUNT];

/* The calendar clock of incidents and the on-call rotation (docs/model.md "Clock"). */
typedef struct org_oncall {
    int calendar_clock;                  /* 1: incidents arrive around the clock (168 h a week) */
    org_cover cover;
    double night_restore_factor;         /* a night restore takes this × the daytime hands-on hours */
    double rest_per_night_hour;          /* hours of the next working day lost per hour worked at night */
    int min_rotation;                    /* fewest people in a one-site 24x7 rotation (staffing floor) */
    int min_rotation_per_site;           /* ... per site of a two-site follow-the-sun rotation */
    int product_teams_per_rotation;      /* product teams sharing one rotation, in scenario order (1: each its own) */
    double business_hours_incident_ratio; /* background incident rate in business hours ÷ out of
                                            them (1: flat over the 168 hours of a week) */
} org_oncall;

typedef struct org_enablement {
    double item_effort_days;             /* one enablement item (script, library, service) */
    double effort_cut;                   /* each item multiplies its kind's effort by (1 - cut) */
    double learning_cut;                 /* ... and its learning penalty by (1 - cut) */
    double floor;                        /* the residual: the limit of the effort factor as items accumulate */
    double adoption_days;                /* a delivered item takes effect this long after delivery */
    double upkeep_days_per_item_week;    /* platform-team upkeep of one delivered item */
    double support_days_per_item_team_week; /* platform-team support per adopted item per product team */
    double payback_days;                 /* an item is built when its net saving over this repays its effort */
} org_enablement;

typedef struct org_run {
    double warmup_days;
    double measure_days;
    double drain_max_days;
    int replications;
    uint64_t seed;
} org_run;

typedef struct org_targets {
    int has_targets;
    double lead_time_p85_days;           /* product: p85 feature lead time */
    double ticket_wait_p85_days;         /* central: p85 ticket wait */
    double max_utilization;              /* central */
    double service_level_share;          /* optional: share of tickets started within ... */
    double service_level_days;           /* ... this many days (0: unused) */
    int enablement_engineers;            /* staffing: engineers added to a platform team (a model with
                                            enablement) for discretionary enablement work */
    int platform_search_max;             /* staffing: the most enablement engineers the platform-size
                                            search tries (0: no search) */
} org_targets;

typedef struct org_costs {
    double product_engineer_per_year;   /* in currency per year */
    double central_engineer_per_year;
    double oncall_standby_per_week;     /* stand-by allowance of one rotation week (one person on call) */
    char currency[4];                   /* ISO 4217 code of every cost, e.g. "EUR" */
} org_costs;

/* What a dated event of a timeline does (models/org_timeline.c). */
typedef enum org_tl_kind {
    ORG_TL_MODEL,       /* switch the ownership model */
    ORG_TL_MOVE,        /* move engineers between teams, with their knowledge */
    ORG_TL_HIRE,        /* hire engineers into a team (novices) */
    ORG_TL_FREEZE,      /* no feature work starts and nothing deploys until until_day */
    ORG_TL_MIGRATE,     /* move hosting: migration work per service, then the new hosting point */
    ORG_TL_KIND_COUNT
} org_tl_kind;

/* One dated event. Team indices: 0 .. n_teams-1 product teams, n_teams the
 * central team. */
typedef struct org_tl_event {
    org_tl_kind kind;
    double day;                          /* working day it happens (week w: day 5·w) */
    int model;                           /* MODEL: index into the scenario's tl_models */
    int from, to;                        /* MOVE: teams; HIRE: to */
    int count;                           /* MOVE, HIRE: engineers */
    double until_day;                    /* FREEZE: first day after the freeze */
    int hosting;                         /* MIGRATE: index into the scenario's tl_hostings */
    int service;                         /* MIGRATE: the service that moves (-1: the whole organisation) */
    int work_kind;                       /* MIGRATE: kind of the migration work (org_kind) */
    double effort_days;                  /* MIGRATE: effort per service at skill 1 */
} org_tl_event;

/* Hire a central engineer when the product teams' non-product share of
 * their time over the last window_weeks exceeds share (startups that grow). */
typedef struct org_hiring_rule {
    double central_when_share_above;     /* 0: never */
    int window_weeks;
    int max_hires;
} org_hiring_rule;

/* A whole scenario after preset resolution. Owns all arrays. */
typedef struct org_scenario {
    char name[ORG_NAME_MAX];
    char *description;                   /* owned, may be NULL */
    char *summary;                       /* owned, may be NULL: the deck cover's plain words */
    int n_techs;
    org_tech *techs;
    int n_teams;
    org_team *teams;
    int n_services;
    org_service *services;               /* by team (see org_team) */
    int central_size;                    /* engineers in the central team */
    int n_templates;
    org_template *templates;
    int n_projects;
    org_project *projects;
    int n_models;
    org_model *models;                   /* the models to run, in order */
    int n_hostings;
    org_hosting *hostings;               /* the columns compared, in order: hosting points, or
                                            with hosting plans one entry per plan (its services'
                                            mean: staffing hints, cost; org_plan_hosting) */
    int n_points;
    org_hosting *points;                 /* with hosting plans: the hosting points they use */
    int *plan_point;                     /* with hosting plans: n_hostings × n_services, column h
                                            puts service v on points[plan_point[h·n_services + v]];
                                            NULL: every service on hostings[h] */
    org_knowledge knowledge;
    org_people people;
    org_incidents incidents;
    org_oncall oncall;
    org_enablement enablement;
    org_upkeep upkeep;
    org_flow flow;
    org_run run;
    org_targets targets;
    org_costs costs;
    double hours_per_day;
    int has_timeline;                    /* "timeline" given (even empty): weekly series are kept */
    int n_events;
    org_tl_event *events;                /* in day order (ties: file order) */
    int n_tl_models, n_tl_hostings;
    org_model *tl_models;                /* the events' target models (copies: a design's or a preset) */
    org_hosting *tl_hostings;            /* the events' target hosting points (copies) */
    org_hiring_rule hiring;
} org_scenario;

/* The hosting point of service v in column h of s (see plan_point). */
const org_hosting *org_plan_hosting(const org_scenario *s, int h, int v);

/* Releases everything a scenario owns (not the struct itself). */
void org_scenario_destroy(org_scenario *s);

#endif
