/* scen_int — what the loader's files share and nothing outside scenario/
 * includes: the loading context, the presets' catalogue, and each place's
 * field list (one list per object of the format, in scen_keys.c, from which
 * both the accepted keys and the readers' table come). */
#ifndef SCEN_INT_H
#define SCEN_INT_H

#include <math.h>
#include <stddef.h>
#include <cJSON.h>
#include "scenario/scen_load.h"

#define NOLIM HUGE_VAL
#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_SEED 9007199254740992.0    /* 2^53: exact in a JSON number */

/* What the presets resolve to: the catalogues plus defaults for generated teams. */
typedef struct cat {
    org_scenario s;                 /* techs, templates, models, hostings, sections */
    int stack[ORG_TASK_KINDS];      /* default technology per kind (-1 none) */
    int pt_count, pt_size;
    double pt_fpw;
    double pt_second;               /* second_service_probability of every team */
    char pt_prefix[ORG_NAME_MAX];
    int pt_stack[ORG_TASK_KINDS];   /* stack of generated teams */
    org_policy *policies;           /* change policies models may name (owned; not run) */
    int n_policies;
} cat;

/* One pass of loading (the presets, or a scenario on top of them). */
typedef struct ld {
    const char *file;
    util_diags *d;
    util_path p;
    int presets;                    /* reading presets.json */
    const org_scenario *preset;     /* a scenario's presets (NULL while reading them) */
    scen_overrides *ov;
    char ovp[256];                  /* overrides prefix, e.g. "models.traditional_ops" */
    char basis[96];                 /* "preset" or "base true_devops:" */
    int note;                       /* record overrides now */
    int oom;
    const cat *C;                   /* the catalogue being read (models look up policies in it) */
} ld;

/* ---- field lists ------------------------------------------------------------
 * Every key a place accepts is one entry of its list; the entry says how the
 * key is read. scen__read_fields reads every entry whose type has a generic
 * reader, in list order (which is therefore the order of problems and of the
 * overrides lines); T_OWN entries are structure (names, bases, lists, tasks)
 * that the place's own code reads, named in the list's comment. */
enum ftype {
    T_DBL, T_INT, T_BOOL, T_U64,    /* numbers in [lo, hi], and a machine-protection limit */
    T_LABEL,                        /* free text for display, char[ORG_NAME_MAX] */
    T_CURRENCY,                     /* an ISO 4217 code (three capital letters), char[4] */
    T_OWNER,                        /* "product" or "central": org_executor */
    T_DEPLOY,                       /* "window" or "on_demand": org_deploy_mode */
    T_COVER,                        /* "business_hours", "24x7" or "follow_the_sun": org_cover */
    T_ROUTES, T_NUMS, T_BOOLS,      /* a value per kind of work, with "default" */
    T_DIST,                         /* a distribution of days: sim_dist */
    T_STACK,                        /* a technology per kind of work: int[ORG_TASK_KINDS] */
    T_SECTION,                      /* a nested object, read with its own place's list */
    T_OWN                           /* read by the place's own code */
};

typedef struct fdef {
    const char *key;
    unsigned char type;
    unsigned char lo_open, hi_open;
    size_t off;             /* of the value in the object being filled */
    double lo, hi;          /* allowed range (numbers) */
    double limit;           /* machine-protection limit, NOLIM when none */
    int sub;                /* T_SECTION: its place */
} fdef;

/* The places of the format, as scen_keys names them. */
enum place {
    P_SCENARIO, P_RUN, P_TECHNOLOGY, P_TEMPLATE, P_TASK, P_PROJECT_TASK, P_PROJECT, P_MODEL, P_POLICY,
    P_HOSTING, P_TEAM, P_SERVICE, P_HOSTING_PLAN, P_PRODUCT_TEAMS, P_CENTRAL_TEAM, P_KNOWLEDGE, P_PEOPLE,
    P_INCIDENTS, P_ONCALL, P_ENABLEMENT, P_UPKEEP, P_FLOW, P_TARGETS, P_COSTS, P_EVENT, P_HIRING, P_COUNT
};

typedef struct scen__place {
    const char *name;
    const char *const *keys;        /* the keys of fields, in the same order */
    const fdef *fields;
    size_t n;
} scen__place;

extern const scen__place scen__places[P_COUNT];

/* The kinds of work a task can be (org_kind 0 .. ORG_TASK_KINDS-1), by name. */
extern const char *const scen__kind_names[ORG_TASK_KINDS];

/* ---- the context (scen_fields.c) ------------------------------------------- */

static inline const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static inline size_t push(ld *L, const char *key)
{
    return util_path_key(&L->p, key);
}

static inline void pop(ld *L, size_t mark)
{
    util_path_pop(&L->p, mark);
}

static inline const char *desc(const cJSON *v, char *buf, size_t n)
{
    return util_json_describe(v, buf, n);
}

/* A problem at the current path. */
void scen__err(ld *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* calloc that reports "out of memory" once; n 0 allocates 1. */
void *scen__calloc(ld *L, size_t n, size_t size);
/* A number as the messages print it: integers without decimals, else %.10g. */
void scen__fmt_num(double v, char *buf, size_t n);
/* Records "prefix.key = newv (basis oldv)" when overrides are noted and newv differs. */
void scen__note(ld *L, const char *key, const char *newv, const char *oldv);
/* Adds a line to the overrides (o may be NULL). */
void scen__overrides_add(scen_overrides *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "a, b, c" from a list of names, clipped to size. */
void scen__join(char *buf, size_t size, const char *const *names, size_t n);

/* ---- readers (scen_fields.c) ----------------------------------------------- */

/* Unknown and duplicate keys of obj against the place's list. */
int scen__check_keys(ld *L, const cJSON *obj, const scen__place *pl);
/* Presets mode: an object without base must set every key of its place but
 * "name", "base" and the last `skip_last` entries. */
void scen__require_keys(ld *L, const cJSON *obj, const scen__place *pl, size_t skip_last);
/* Reads every generically read field of the place present in obj into base
 * (the object the offsets refer to), noting overrides. S resolves technology
 * names; complete: maps by kind must end up with every kind set. */
void scen__read_fields(ld *L, const cJSON *obj, const scen__place *pl, void *base,
                       const org_scenario *S, int complete);

int scen__valid_name(const char *s);
/* A name (identifier) from v; 0 or -1. */
int scen__read_name_value(ld *L, const cJSON *v, char out[ORG_NAME_MAX]);
/* The required "name" of obj; 0 or -1. */
int scen__read_name(ld *L, const cJSON *obj, char out[ORG_NAME_MAX]);
/* The index of v among choices, or -1 with a problem. */
int scen__read_choice(ld *L, const cJSON *v, const char *const *choices, size_t n);
/* A kind of task (app .. facility), or -1 with a problem. */
int scen__read_task_kind(ld *L, const cJSON *v);
/* A technology's index; -1 for null (when allow_null), -2 on a problem. */
int scen__read_tech_ref(ld *L, const cJSON *v, const org_scenario *S, int allow_null);
/* A distribution of a duration in days ≥ 0; 0 or -1. */
int scen__read_dist(ld *L, const cJSON *v, sim_dist *out);
int scen__dist_equal(const sim_dist *x, const sim_dist *y);
/* obj[key], {kind: technology or null}, into stack, noting changes. */
void scen__read_stack(ld *L, const cJSON *obj, const char *key, const org_scenario *S, int *stack);

/* ---- catalogue and task lists (scen_catalog.c) ----------------------------- */

void scen__tasks_free(org_task_spec *t, int n);
/* Technologies, the scenario's stack, models, hosting points and templates. */
void scen__read_catalog(ld *L, const cJSON *root, cat *C);
/* A task list (a template's or, is_template 0, a project's): 0 with the list, or -1. */
int scen__read_tasks(ld *L, const cJSON *arr, int is_template, const org_scenario *S,
                     org_task_spec **out, int *n_out);
void scen__cat_init(cat *C);
/* Deep copy of a hosting point: 0, or -1 (memory; L->oom set). */
int scen__hosting_copy(ld *L, org_hosting *dst, const org_hosting *src);
/* Deep copy of the presets into a scenario being built (no teams, projects). */
int scen__cat_copy(ld *L, cat *dst, const cat *src);
/* Releases what a catalogue owns besides its scenario (the policies). */
void scen__cat_free_policies(cat *C);

/* ---- teams, projects, checks (scen_teams.c) --------------------------------- */

void scen__read_product_teams(ld *L, const cJSON *root, cat *C);
void scen__read_teams(ld *L, const cJSON *root, cat *C);
void scen__read_projects(ld *L, const cJSON *root, org_scenario *S);
/* ---- services and hosting plans (scen_services.c) -------------------------- */

/* Every team's services (listed, or one named after the team). */
void scen__read_services(ld *L, const cJSON *root, org_scenario *S);
/* root.hosting_plans: the plans become the columns (S->hostings), the
 * hosting points they use S->points. */
void scen__read_plans(ld *L, const cJSON *root, org_scenario *S);

/* ---- timeline (scen_timeline.c) ---------------------------------------------- */

/* The presets' models and hosting points before the scenario selects its
 * designs: an event may name one the scenario does not run. */
typedef struct scen__stash {
    int n_models, n_hostings;
    org_model *models;
    org_hosting *hostings;
} scen__stash;
void scen__stash_catalog(ld *L, const org_scenario *S, scen__stash *st);
void scen__stash_free(scen__stash *st);

/* "timeline": dated events against the teams, models and hosting points
 * already read (the designs first, then st), within the run's horizon;
 * sorted by day into S->events, their targets copied into S->tl_models and
 * S->tl_hostings. */
void scen__read_timeline(ld *L, const cJSON *root, org_scenario *S, const scen__stash *st);

/* Checks that need the whole scenario (stacks, the central team, dates, targets, limits). */
void scen__cross_checks(ld *L, const cJSON *root, cat *C);

#endif
