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
} org_model;

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

/* A product team, one per service. */
typedef struct org_team {
    char name[ORG_NAME_MAX];
    int size;
    double features_per_week;
    int stack[ORG_TASK_KINDS];           /* technology per kind for this service (-1: none) */
} org_team;

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
    ORG_COVER_FOLLOW_THE_SUN    /* another site in its daytime: no night penalty, no lost rest */
} org_cover;

/* The calendar clock of incidents and the on-call rotation (docs/model.md "Clock"). */
typedef struct org_oncall {
    int calendar_clock;                  /* 1: incidents arrive around the clock (168 h a week) */
    org_cover cover;
    double night_restore_factor;         /* a night restore takes this × the daytime hands-on hours */
    double rest_per_night_hour;          /* hours of the next working day lost per hour worked at night */
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
    int oncall_24x7;                     /* 1: a 24/7 rotation is required */
    int oncall_min_rotation;             /* SRE rule: >= 8 for one site */
    int enablement_engineers;            /* staffing: engineers added to a platform team (a model with
                                            enablement) for discretionary enablement work */
} org_targets;

typedef struct org_costs {
    double product_engineer_per_year;   /* in currency per year */
    double central_engineer_per_year;
    double oncall_standby_per_week;     /* stand-by allowance of one rotation week (one person on call) */
    char currency[4];                   /* ISO 4217 code of every cost, e.g. "EUR" */
} org_costs;

/* A whole scenario after preset resolution. Owns all arrays. */
typedef struct org_scenario {
    char name[ORG_NAME_MAX];
    char *description;                   /* owned, may be NULL */
    int n_techs;
    org_tech *techs;
    int n_teams;
    org_team *teams;
    int central_size;                    /* engineers in the central team */
    int n_templates;
    org_template *templates;
    int n_projects;
    org_project *projects;
    int n_models;
    org_model *models;                   /* the models to run, in order */
    int n_hostings;
    org_hosting *hostings;               /* the hosting points to run, in order */
    org_knowledge knowledge;
    org_people people;
    org_incidents incidents;
    org_oncall oncall;
    org_enablement enablement;
    org_upkeep upkeep;
    org_run run;
    org_targets targets;
    org_costs costs;
    double hours_per_day;
} org_scenario;

/* Releases everything a scenario owns (not the struct itself). */
void org_scenario_destroy(org_scenario *s);

#endif
