/* scen_load — resolves a scenario file against the built-in presets into an
 * org_scenario. One pass over the JSON tree collects every problem with its
 * path; the presets file is read by the same code in "presets" mode, where
 * every object must be complete and `base` refers to earlier entries. */
#include "scenario/scen_load.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Generated from models/presets.json by tools/embed (see the Makefile). */
extern const char scen_presets_json[];
extern const size_t scen_presets_json_len;

#define PRESETS_FILE "presets.json (built in)"
#define NOLIM HUGE_VAL
#define MAX_SEED 9007199254740992.0    /* 2^53: exact in a JSON number */

const char *scen_presets_text(size_t *len)
{
    if (len)
        *len = scen_presets_json_len;
    return scen_presets_json;
}

/* ---- overrides ------------------------------------------------------------ */

void scen_overrides_init(scen_overrides *o)
{
    memset(o, 0, sizeof *o);
}

void scen_overrides_free(scen_overrides *o)
{
    if (!o)
        return;
    for (int i = 0; i < o->n; i++)
        free(o->lines[i]);
    free(o->lines);
    memset(o, 0, sizeof *o);
}

static void overrides_add(scen_overrides *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void overrides_add(scen_overrides *o, const char *fmt, ...)
{
    if (!o || o->n >= 100000)
        return;
    if (o->n == o->alloc) {
        int na = o->alloc ? o->alloc * 2 : 16;
        char **nl = realloc(o->lines, (size_t)na * sizeof *nl);
        if (!nl)
            return;
        o->lines = nl;
        o->alloc = na;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf) + 1;
    char *s = malloc(n);
    if (!s)
        return;
    memcpy(s, buf, n);
    o->lines[o->n++] = s;
}

/* ---- the loading context --------------------------------------------------- */

/* What the presets resolve to: the catalogues plus defaults for generated teams. */
typedef struct cat {
    org_scenario s;                 /* techs, templates, models, hostings, sections */
    int stack[ORG_TASK_KINDS];      /* default technology per kind (-1 none) */
    int pt_count, pt_size;
    double pt_fpw;
    char pt_prefix[ORG_NAME_MAX];
    int pt_stack[ORG_TASK_KINDS];   /* stack of generated teams */
} cat;

typedef struct ld {
    const char *file;
    scen_diags *d;
    scen_path p;
    int presets;                    /* reading presets.json */
    scen_overrides *ov;
    char ovp[256];                  /* overrides prefix, e.g. "models.traditional_ops" */
    char basis[96];                 /* "preset" or "base true_devops:" */
    int note;                       /* record overrides now */
    int oom;
} ld;

static void err(ld *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void err(ld *L, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    scen_diags_at(L->d, L->file, L->p.buf, "%s", msg);
}

static void *xcalloc(ld *L, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    void *p = calloc(n, size);
    if (!p && !L->oom) {
        L->oom = 1;
        scen_diags_at(L->d, L->file, "$", "out of memory");
    }
    return p;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static size_t push(ld *L, const char *key)
{
    return scen_path_key(&L->p, key);
}

static void pop(ld *L, size_t mark)
{
    scen_path_pop(&L->p, mark);
}

static const char *desc(const cJSON *v, char *buf, size_t n)
{
    return scen_json_describe(v, buf, n);
}

static void fmt_num(double v, char *buf, size_t n)
{
    if (v == floor(v) && fabs(v) < 1e17)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.10g", v);
}

static void note(ld *L, const char *key, const char *newv, const char *oldv)
{
    if (!L->note || !L->ov || strcmp(newv, oldv) == 0)
        return;
    overrides_add(L->ov, "%s%s%s = %s (%s %s)", L->ovp, L->ovp[0] ? "." : "", key, newv,
                  L->basis, oldv);
}

/* "a, b, c" from a list of names. */
static void join(char *buf, size_t size, const char *const *names, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 4 < size; i++) {
        int w = snprintf(buf + o, size - o, "%s%s", i ? ", " : "", names[i]);
        if (w < 0)
            break;
        o += (size_t)w;
        if (o >= size) {
            o = size - 1;
            break;
        }
    }
}

static const char *const task_kind_names[ORG_TASK_KINDS] = {
    "app", "test", "ci", "cd", "deploy", "iac", "vm", "db", "container", "network",
    "monitoring", "security", "integration", "facility",
};

/* ---- the keys of each place ------------------------------------------------ */

static const char *const keys_scenario[] = {
    "$schema", "name", "description", "seed", "replications", "hours_per_day", "run",
    "technologies", "stack", "templates", "models", "hosting", "teams", "product_teams",
    "central_team", "projects", "knowledge", "people", "incidents", "enablement",
    "targets", "costs",
};
static const char *const keys_run[] = { "warmup_days", "measure_days", "drain_max_days" };
static const char *const keys_technology[] = { "name", "kind" };
static const char *const keys_template[] = { "name", "base", "weight", "tasks" };
static const char *const keys_task[] = { "name", "kind", "tech", "effort_days", "probability", "after" };
static const char *const keys_project_task[] = { "name", "kind", "tech", "effort_days", "after" };
static const char *const keys_project[] = { "name", "start_day", "team", "tasks" };
static const char *const keys_model[] = {
    "name", "base", "central_name", "route", "toil_owner", "incident_first_response",
    "deploy_mode", "change_board_every_days", "release_window_every_days", "effort_factor",
    "evaluation_delay_days", "evaluation_skill_threshold", "ticket_handling_days",
    "context_switch_days", "clarification_prob", "clarification_answer_days",
    "clarification_latency_days", "clarification_max_rounds", "enablement",
};
static const char *const keys_hosting[] = {
    "name", "base", "exists", "volume", "effort", "toil_days_per_service_week",
    "incidents_per_service_week", "restore_days", "procurement_days",
    "hosting_cost_per_service_month",
};
static const char *const keys_team[] = { "name", "size", "features_per_week", "stack" };
static const char *const keys_product_teams[] = { "count", "size", "features_per_week", "name_prefix", "stack" };
static const char *const keys_central_team[] = { "size" };
static const char *const keys_knowledge[] = {
    "product_context_own", "product_context_infra", "product_skill_infra", "product_skill_app",
    "central_skill", "central_context", "novice_skill", "learning_penalty", "skill_gain_per_day",
    "context_gain_per_day", "skill_half_life_days", "context_half_life_days", "threshold",
    "specialization", "context_spillover",
};
static const char *const keys_people[] = { "attrition_per_year", "hiring_delay_days" };
static const char *const keys_incidents[] = {
    "change_failure_base", "change_failure_context_gap", "app_fault_share",
    "escalation_delay_days", "skill_gap_factor", "context_gap_factor", "nobody_knows_factor",
};
static const char *const keys_enablement[] = { "item_effort_days", "effort_cut", "learning_cut", "floor" };
static const char *const keys_targets[] = {
    "lead_time_p85_days", "ticket_wait_p85_days", "max_utilization", "service_level_share",
    "service_level_days", "oncall_24x7", "oncall_min_rotation", "enablement_engineers",
};
static const char *const keys_costs[] = { "product_engineer_per_year", "central_engineer_per_year" };

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *place;
    const char *const *keys;
    size_t n;
} places[] = {
    { "scenario", keys_scenario, NKEYS(keys_scenario) },
    { "run", keys_run, NKEYS(keys_run) },
    { "technology", keys_technology, NKEYS(keys_technology) },
    { "template", keys_template, NKEYS(keys_template) },
    { "task", keys_task, NKEYS(keys_task) },
    { "project_task", keys_project_task, NKEYS(keys_project_task) },
    { "project", keys_project, NKEYS(keys_project) },
    { "model", keys_model, NKEYS(keys_model) },
    { "hosting", keys_hosting, NKEYS(keys_hosting) },
    { "team", keys_team, NKEYS(keys_team) },
    { "product_teams", keys_product_teams, NKEYS(keys_product_teams) },
    { "central_team", keys_central_team, NKEYS(keys_central_team) },
    { "knowledge", keys_knowledge, NKEYS(keys_knowledge) },
    { "people", keys_people, NKEYS(keys_people) },
    { "incidents", keys_incidents, NKEYS(keys_incidents) },
    { "enablement", keys_enablement, NKEYS(keys_enablement) },
    { "targets", keys_targets, NKEYS(keys_targets) },
    { "costs", keys_costs, NKEYS(keys_costs) },
};

const char *const *scen_keys(const char *place, size_t *n)
{
    for (size_t i = 0; i < NKEYS(places); i++)
        if (place && strcmp(place, places[i].place) == 0) {
            if (n)
                *n = places[i].n;
            return places[i].keys;
        }
    if (n)
        *n = 0;
    return NULL;
}

static int check_keys(ld *L, const cJSON *obj, const char *const *keys, size_t n)
{
    return scen_json_check_keys(obj, keys, n, L->file, &L->p, L->d);
}

/* Presets mode: an object without base must set every field. */
static void require_keys(ld *L, const cJSON *obj, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(keys[i], "name") || !strcmp(keys[i], "base"))
            continue;
        if (!get(obj, keys[i]))
            err(L, "missing '%s' (an entry without \"base\" in the presets must set every field)", keys[i]);
    }
}

/* ---- scalar fields --------------------------------------------------------- */

enum ftype { T_DBL, T_INT, T_BOOL, T_U64 };

typedef struct fdef {
    const char *key;
    size_t off;
    unsigned char type;
    unsigned char lo_open, hi_open;
    double lo, hi;          /* allowed range */
    double limit;           /* machine-protection limit, NOLIM when none */
} fdef;

#define F_GE0(s, f)   { #f, offsetof(s, f), T_DBL, 0, 0, 0, NOLIM, NOLIM }
#define F_GT0(s, f)   { #f, offsetof(s, f), T_DBL, 1, 0, 0, NOLIM, NOLIM }
#define F_P01(s, f)   { #f, offsetof(s, f), T_DBL, 0, 0, 0, 1, NOLIM }
#define F_BOOL(s, f)  { #f, offsetof(s, f), T_BOOL, 0, 0, 0, 1, NOLIM }

static void range_text(const fdef *f, char *buf, size_t n)
{
    const char *what = f->type == T_DBL ? "a number" : "an integer";
    if (f->type == T_BOOL) {
        snprintf(buf, n, "must be true or false");
        return;
    }
    char lo[32], hi[32];
    fmt_num(f->lo, lo, sizeof lo);
    fmt_num(f->hi, hi, sizeof hi);
    if (f->hi == NOLIM)
        snprintf(buf, n, "must be %s %s %s", what, f->lo_open ? ">" : "≥", lo);
    else
        snprintf(buf, n, "must be %s in %c%s, %s%c", what, f->lo_open ? '(' : '[', lo, hi,
                 f->hi_open ? ')' : ']');
}

static void value_text(const fdef *f, const void *base, char *buf, size_t n)
{
    const char *p = (const char *)base + f->off;
    switch (f->type) {
    case T_DBL: fmt_num(*(const double *)p, buf, n); break;
    case T_INT: snprintf(buf, n, "%d", *(const int *)p); break;
    case T_BOOL: snprintf(buf, n, "%s", *(const int *)p ? "true" : "false"); break;
    case T_U64: snprintf(buf, n, "%llu", (unsigned long long)*(const uint64_t *)p); break;
    default: buf[0] = '\0';
    }
}

/* Reads v into the field; 0 or -1 (problem reported at the current path). */
static int read_scalar(ld *L, const cJSON *v, const fdef *f, void *base)
{
    char *p = (char *)base + f->off;
    char rng[96], got[96];
    if (f->type == T_BOOL) {
        if (cJSON_IsBool(v)) {
            *(int *)p = cJSON_IsTrue(v) ? 1 : 0;
            return 0;
        }
        if (cJSON_IsNumber(v) && (v->valuedouble == 0 || v->valuedouble == 1)) {
            *(int *)p = v->valuedouble == 1;
            return 0;
        }
        err(L, "must be true or false, got %s", desc(v, got, sizeof got));
        return -1;
    }
    range_text(f, rng, sizeof rng);
    if (!cJSON_IsNumber(v)) {
        err(L, "%s, got %s", rng, desc(v, got, sizeof got));
        return -1;
    }
    double x = v->valuedouble;
    int bad = !isfinite(x);
    if (f->type != T_DBL && !bad && x != floor(x))
        bad = 1;
    if (!bad && (f->lo_open ? !(x > f->lo) : !(x >= f->lo)))
        bad = 1;
    if (!bad && f->hi != NOLIM && (f->hi_open ? !(x < f->hi) : !(x <= f->hi)))
        bad = 1;
    if (bad) {
        err(L, "%s, got %s", rng, desc(v, got, sizeof got));
        return -1;
    }
    if (f->limit != NOLIM && x > f->limit) {
        char lim[32];
        fmt_num(f->limit, lim, sizeof lim);
        err(L, "%s is above the limit of %s that protects the machine (the run would take hours); lower it",
            desc(v, got, sizeof got), lim);
        return -1;
    }
    switch (f->type) {
    case T_DBL: *(double *)p = x; break;
    case T_INT: *(int *)p = (int)x; break;
    case T_U64: *(uint64_t *)p = (uint64_t)x; break;
    default: break;
    }
    return 0;
}

/* Reads every field of tab present in obj into base, noting overrides. */
static void read_fields(ld *L, const cJSON *obj, const fdef *tab, size_t n, void *base)
{
    for (size_t i = 0; i < n; i++) {
        const cJSON *v = get(obj, tab[i].key);
        if (!v)
            continue;
        char before[64], after[64];
        value_text(&tab[i], base, before, sizeof before);
        size_t m = push(L, tab[i].key);
        if (read_scalar(L, v, &tab[i], base) == 0) {
            value_text(&tab[i], base, after, sizeof after);
            note(L, tab[i].key, after, before);
        }
        pop(L, m);
    }
}

static const fdef f_top[] = {
    { "seed", offsetof(org_scenario, run.seed), T_U64, 0, 0, 0, MAX_SEED, NOLIM },
    { "replications", offsetof(org_scenario, run.replications), T_INT, 0, 0, 1, NOLIM, SCEN_MAX_REPLICATIONS },
    { "hours_per_day", offsetof(org_scenario, hours_per_day), T_DBL, 1, 0, 0, 24, NOLIM },
};

static const fdef f_run[] = {
    { "warmup_days", offsetof(org_run, warmup_days), T_DBL, 0, 0, 0, NOLIM, SCEN_MAX_HORIZON_DAYS },
    { "measure_days", offsetof(org_run, measure_days), T_DBL, 1, 0, 0, NOLIM, SCEN_MAX_HORIZON_DAYS },
    { "drain_max_days", offsetof(org_run, drain_max_days), T_DBL, 0, 0, 0, NOLIM, SCEN_MAX_HORIZON_DAYS },
};

static const fdef f_knowledge[] = {
    F_P01(org_knowledge, product_context_own),
    F_P01(org_knowledge, product_context_infra),
    F_P01(org_knowledge, product_skill_infra),
    F_P01(org_knowledge, product_skill_app),
    F_P01(org_knowledge, central_skill),
    F_P01(org_knowledge, central_context),
    F_P01(org_knowledge, novice_skill),
    { "learning_penalty", offsetof(org_knowledge, learning_penalty), T_DBL, 0, 0, 0, 100, NOLIM },
    F_P01(org_knowledge, skill_gain_per_day),
    F_P01(org_knowledge, context_gain_per_day),
    F_GT0(org_knowledge, skill_half_life_days),
    F_GT0(org_knowledge, context_half_life_days),
    F_P01(org_knowledge, threshold),
    F_P01(org_knowledge, specialization),
    F_P01(org_knowledge, context_spillover),
};

static const fdef f_people[] = {
    { "attrition_per_year", offsetof(org_people, attrition_per_year), T_DBL, 0, 0, 0, 10, NOLIM },
    F_GE0(org_people, hiring_delay_days),
};

static const fdef f_incidents[] = {
    F_P01(org_incidents, change_failure_base),
    F_P01(org_incidents, change_failure_context_gap),
    F_P01(org_incidents, app_fault_share),
    F_GE0(org_incidents, escalation_delay_days),
    F_GE0(org_incidents, skill_gap_factor),
    F_GE0(org_incidents, context_gap_factor),
    { "nobody_knows_factor", offsetof(org_incidents, nobody_knows_factor), T_DBL, 0, 0, 1, NOLIM, NOLIM },
};

static const fdef f_enablement[] = {
    F_GT0(org_enablement, item_effort_days),
    { "effort_cut", offsetof(org_enablement, effort_cut), T_DBL, 0, 1, 0, 1, NOLIM },
    F_P01(org_enablement, learning_cut),
    { "floor", offsetof(org_enablement, floor), T_DBL, 1, 0, 0, 1, NOLIM },
};

static const fdef f_targets[] = {
    F_GE0(org_targets, lead_time_p85_days),
    F_GE0(org_targets, ticket_wait_p85_days),
    F_P01(org_targets, max_utilization),
    F_P01(org_targets, service_level_share),
    F_GE0(org_targets, service_level_days),
    F_BOOL(org_targets, oncall_24x7),
    { "oncall_min_rotation", offsetof(org_targets, oncall_min_rotation), T_INT, 0, 0, 1, 1000, NOLIM },
    { "enablement_engineers", offsetof(org_targets, enablement_engineers), T_INT, 0, 0, 0, NOLIM, SCEN_MAX_ENGINEERS },
};

static const fdef f_costs[] = {
    F_GE0(org_costs, product_engineer_per_year),
    F_GE0(org_costs, central_engineer_per_year),
};

static const fdef f_model[] = {
    F_GE0(org_model, change_board_every_days),
    F_GE0(org_model, release_window_every_days),
    F_GE0(org_model, evaluation_delay_days),
    F_P01(org_model, evaluation_skill_threshold),
    F_GE0(org_model, ticket_handling_days),
    F_GE0(org_model, context_switch_days),
    F_P01(org_model, clarification_prob),
    F_GE0(org_model, clarification_answer_days),
    F_GE0(org_model, clarification_latency_days),
    { "clarification_max_rounds", offsetof(org_model, clarification_max_rounds), T_INT, 0, 0, 0, 100, NOLIM },
    F_BOOL(org_model, enablement),
};

static const fdef f_hosting[] = {
    F_GE0(org_hosting, toil_days_per_service_week),
    F_GE0(org_hosting, incidents_per_service_week),
    F_GE0(org_hosting, procurement_days),
    F_GE0(org_hosting, hosting_cost_per_service_month),
};

static const fdef f_team[] = {
    { "size", offsetof(org_team, size), T_INT, 0, 0, 1, NOLIM, SCEN_MAX_ENGINEERS },
    { "features_per_week", offsetof(org_team, features_per_week), T_DBL, 0, 0, 0, NOLIM, SCEN_MAX_FEATURES_PER_WEEK },
};

static const fdef f_product_teams[] = {
    { "count", offsetof(cat, pt_count), T_INT, 0, 0, 0, NOLIM, SCEN_MAX_TEAMS },
    { "size", offsetof(cat, pt_size), T_INT, 0, 0, 1, NOLIM, SCEN_MAX_ENGINEERS },
    { "features_per_week", offsetof(cat, pt_fpw), T_DBL, 0, 0, 0, NOLIM, SCEN_MAX_FEATURES_PER_WEEK },
};

static const fdef f_central_team[] = {
    { "size", offsetof(org_scenario, central_size), T_INT, 0, 0, 0, NOLIM, SCEN_MAX_ENGINEERS },
};

/* ---- strings, names, enums -------------------------------------------------- */

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= ORG_NAME_MAX)
        return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

/* Reads a name (identifier) from v into out; 0 or -1. */
static int read_name_value(ld *L, const cJSON *v, char out[ORG_NAME_MAX])
{
    char got[96];
    if (!cJSON_IsString(v)) {
        err(L, "must be a name in double quotes, got %s", desc(v, got, sizeof got));
        return -1;
    }
    if (!valid_name(v->valuestring)) {
        if (strlen(v->valuestring) >= ORG_NAME_MAX)
            err(L, "name is too long (at most %d characters), got %s", ORG_NAME_MAX - 1,
                desc(v, got, sizeof got));
        else
            err(L, "must be a name of letters, digits, '_', '-' or '.' (starting with a letter or digit), got %s",
                desc(v, got, sizeof got));
        return -1;
    }
    snprintf(out, ORG_NAME_MAX, "%s", v->valuestring);
    return 0;
}

/* Reads the required "name" of obj. */
static int read_name(ld *L, const cJSON *obj, char out[ORG_NAME_MAX])
{
    const cJSON *v = get(obj, "name");
    if (!v) {
        err(L, "missing \"name\"");
        return -1;
    }
    size_t m = push(L, "name");
    int rc = read_name_value(L, v, out);
    pop(L, m);
    return rc;
}

/* A label: free text for display, 1..63 bytes, no control characters. */
static int read_label(ld *L, const cJSON *v, char out[ORG_NAME_MAX])
{
    char got[96];
    if (!cJSON_IsString(v) || !v->valuestring[0]) {
        err(L, "must be a non-empty text in double quotes, got %s", desc(v, got, sizeof got));
        return -1;
    }
    if (strlen(v->valuestring) >= ORG_NAME_MAX) {
        err(L, "is too long (at most %d bytes), got %s", ORG_NAME_MAX - 1, desc(v, got, sizeof got));
        return -1;
    }
    for (const unsigned char *s = (const unsigned char *)v->valuestring; *s; s++)
        if (*s < 0x20 || *s == 0x7F) {
            err(L, "must not contain control characters, got %s", desc(v, got, sizeof got));
            return -1;
        }
    snprintf(out, ORG_NAME_MAX, "%s", v->valuestring);
    return 0;
}

/* Reads a string that must be one of choices[]; returns its index or -1. */
static int read_choice(ld *L, const cJSON *v, const char *const *choices, size_t n)
{
    char got[96], list[256];
    join(list, sizeof list, choices, n);
    if (!cJSON_IsString(v)) {
        err(L, "must be one of %s, got %s", list, desc(v, got, sizeof got));
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(v->valuestring, choices[i]) == 0)
            return (int)i;
    const char *s = scen_suggest(v->valuestring, choices, n);
    if (s)
        err(L, "unknown value %s; did you mean '%s'? (one of %s)", desc(v, got, sizeof got), s, list);
    else
        err(L, "unknown value %s (one of %s)", desc(v, got, sizeof got), list);
    return -1;
}

/* Reads a task kind (app .. facility); -1 with a problem when not one. */
static int read_task_kind(ld *L, const cJSON *v)
{
    char got[96], list[256];
    join(list, sizeof list, task_kind_names, ORG_TASK_KINDS);
    if (!cJSON_IsString(v)) {
        err(L, "must be a kind of work (%s), got %s", list, desc(v, got, sizeof got));
        return -1;
    }
    int k = org_kind_from_name(v->valuestring);
    if (k >= 0 && k < ORG_TASK_KINDS)
        return k;
    if (k >= ORG_TASK_KINDS) {
        err(L, "'%s' is not a kind of task: incidents, toil and enablement are generated by the model "
               "(one of %s)", v->valuestring, list);
        return -1;
    }
    const char *s = scen_suggest(v->valuestring, task_kind_names, ORG_TASK_KINDS);
    if (s)
        err(L, "unknown kind of work %s; did you mean '%s'?", desc(v, got, sizeof got), s);
    else
        err(L, "unknown kind of work %s (one of %s)", desc(v, got, sizeof got), list);
    return -1;
}

/* Index of a technology by name, or -1. */
static int tech_find(const org_scenario *S, const char *name)
{
    for (int i = 0; i < S->n_techs; i++)
        if (strcmp(S->techs[i].name, name) == 0)
            return i;
    return -1;
}

/* Reads a technology reference; returns the index, -1 for null (when
 * allow_null), -2 on a problem. */
static int read_tech_ref(ld *L, const cJSON *v, const org_scenario *S, int allow_null)
{
    char got[96];
    if (allow_null && cJSON_IsNull(v))
        return -1;
    if (!cJSON_IsString(v)) {
        err(L, "must be the name of a technology%s, got %s", allow_null ? " or null" : "",
            desc(v, got, sizeof got));
        return -2;
    }
    int t = tech_find(S, v->valuestring);
    if (t >= 0)
        return t;
    const char **names = malloc((size_t)(S->n_techs > 0 ? S->n_techs : 1) * sizeof *names);
    const char *s = NULL;
    if (names) {
        for (int i = 0; i < S->n_techs; i++)
            names[i] = S->techs[i].name;
        s = scen_suggest(v->valuestring, names, (size_t)S->n_techs);
    }
    if (s)
        err(L, "unknown technology %s; did you mean '%s'? (add new ones under \"technologies\")",
            desc(v, got, sizeof got), s);
    else
        err(L, "unknown technology %s (add it under \"technologies\" with its kind)", desc(v, got, sizeof got));
    free(names);
    return -2;
}

/* ---- distributions ------------------------------------------------------- */

const char *scen_dist_describe(const sim_dist *dd, char *buf, size_t size)
{
    char a[32], b[32], c[32];
    switch (dd->kind) {
    case SIM_DIST_CONSTANT:
        fmt_num(dd->a, a, sizeof a);
        snprintf(buf, size, "%s", a);
        break;
    case SIM_DIST_EXPONENTIAL:
        fmt_num(dd->a, a, sizeof a);
        snprintf(buf, size, "exponential(mean %s)", a);
        break;
    case SIM_DIST_LOGNORMAL:
        fmt_num(exp(dd->a), a, sizeof a);
        fmt_num(exp(dd->a + 1.2815515655446004 * dd->b), b, sizeof b);
        snprintf(buf, size, "lognormal(median %s, p90 %s)", a, b);
        break;
    case SIM_DIST_TRIANGULAR:
        fmt_num(dd->a, a, sizeof a);
        fmt_num(dd->b, b, sizeof b);
        fmt_num(dd->c, c, sizeof c);
        snprintf(buf, size, "triangular(min %s, mode %s, max %s)", a, b, c);
        break;
    case SIM_DIST_GAMMA:
        fmt_num(dd->a, a, sizeof a);
        fmt_num(dd->b, b, sizeof b);
        snprintf(buf, size, "gamma(shape %s, scale %s)", a, b);
        break;
    case SIM_DIST_UNIFORM:
        fmt_num(dd->a, a, sizeof a);
        fmt_num(dd->b, b, sizeof b);
        snprintf(buf, size, "uniform(low %s, high %s)", a, b);
        break;
    case SIM_DIST_EMPIRICAL:
        fmt_num(dd->n ? sim_dist_mean(dd) : 0, a, sizeof a);
        snprintf(buf, size, "empirical(%zu values, mean %s)", dd->n, a);
        break;
    default:
        snprintf(buf, size, "?");
    }
    return buf;
}

static int dist_equal(const sim_dist *x, const sim_dist *y)
{
    if (x->kind != y->kind || x->a != y->a || x->b != y->b || x->c != y->c || x->n != y->n)
        return 0;
    for (size_t i = 0; i < x->n; i++)
        if (x->values[i] != y->values[i])
            return 0;
    return 1;
}

/* A parameter of a distribution object: a number with lower bound lo
 * (strict when open). 0 or -1. */
static int dist_param(ld *L, const cJSON *obj, const char *key, double lo, int open, double *out)
{
    const cJSON *v = get(obj, key);
    char got[96];
    if (!v) {
        err(L, "missing \"%s\"", key);
        return -1;
    }
    size_t m = push(L, key);
    int rc = 0;
    if (!cJSON_IsNumber(v) || (open ? !(v->valuedouble > lo) : !(v->valuedouble >= lo))) {
        err(L, "must be a number %s %g, got %s", open ? ">" : "≥", lo, desc(v, got, sizeof got));
        rc = -1;
    } else {
        *out = v->valuedouble;
    }
    pop(L, m);
    return rc;
}

static const char *const dist_names[] = {
    "constant", "exponential", "lognormal", "triangular", "gamma", "uniform", "empirical",
};

/* Reads a distribution of a non-negative duration in days. 0 or -1. */
static int read_dist(ld *L, const cJSON *v, sim_dist *out)
{
    char got[96];
    sim_dist r;
    memset(&r, 0, sizeof r);
    if (cJSON_IsNumber(v)) {
        if (!(v->valuedouble >= 0)) {
            err(L, "must be a number of days ≥ 0, got %s", desc(v, got, sizeof got));
            return -1;
        }
        sim_dist_constant(out, v->valuedouble);
        return 0;
    }
    if (!cJSON_IsObject(v)) {
        err(L, "must be a number of days, {\"median\": m, \"p90\": q} or {\"dist\": \"exponential\", "
               "\"mean\": m} (see scenarios/README.md), got %s", desc(v, got, sizeof got));
        return -1;
    }
    const cJSON *dv = get(v, "dist");
    int kind = 2;   /* lognormal from median and p90 */
    if (dv) {
        size_t m = push(L, "dist");
        kind = read_choice(L, dv, dist_names, NKEYS(dist_names));
        pop(L, m);
        if (kind < 0)
            return -1;
    } else if (!get(v, "median") && !get(v, "p90")) {
        static const char *const hint[] = { "dist", "median", "p90" };
        if (check_keys(L, v, hint, NKEYS(hint)) == 0)
            err(L, "give {\"median\": m, \"p90\": q} for an estimate, or \"dist\": one of "
                   "constant, exponential, lognormal, triangular, gamma, uniform, empirical");
        return -1;
    }
    static const char *const k_const[] = { "dist", "value" };
    static const char *const k_exp[] = { "dist", "mean" };
    static const char *const k_logn[] = { "dist", "median", "p90" };
    static const char *const k_tri[] = { "dist", "min", "mode", "max" };
    static const char *const k_gamma[] = { "dist", "shape", "scale" };
    static const char *const k_unif[] = { "dist", "low", "high" };
    static const char *const k_emp[] = { "dist", "values" };
    static const struct { const char *const *k; size_t n; } kk[] = {
        { k_const, NKEYS(k_const) }, { k_exp, NKEYS(k_exp) }, { k_logn, NKEYS(k_logn) },
        { k_tri, NKEYS(k_tri) }, { k_gamma, NKEYS(k_gamma) }, { k_unif, NKEYS(k_unif) },
        { k_emp, NKEYS(k_emp) },
    };
    if (check_keys(L, v, kk[kind].k, kk[kind].n) != 0)
        return -1;
    double a = 0, b = 0, c = 0;
    switch (kind) {
    case 0:
        if (dist_param(L, v, "value", 0, 0, &a) != 0)
            return -1;
        sim_dist_constant(out, a);
        return 0;
    case 1:
        if (dist_param(L, v, "mean", 0, 1, &a) != 0)
            return -1;
        sim_dist_exponential(out, a);
        return 0;
    case 2: {
        int e = dist_param(L, v, "median", 0, 1, &a);
        e |= dist_param(L, v, "p90", 0, 1, &b);
        if (e)
            return -1;
        if (!(b > a)) {
            size_t m = push(L, "p90");
            err(L, "must be greater than the median (%g), got %g; for a fixed effort give a plain number", a, b);
            pop(L, m);
            return -1;
        }
        if (sim_dist_lognormal_median_p90(out, a, b) != 0) {
            err(L, "median %g and p90 %g do not make a usable lognormal (too close or too far apart)", a, b);
            return -1;
        }
        return 0;
    }
    case 3: {
        int e = dist_param(L, v, "min", 0, 0, &a);
        e |= dist_param(L, v, "mode", 0, 0, &b);
        e |= dist_param(L, v, "max", 0, 0, &c);
        if (e)
            return -1;
        if (!(a <= b && b <= c) || !(c > a)) {
            err(L, "needs min ≤ mode ≤ max and min < max, got min %g, mode %g, max %g", a, b, c);
            return -1;
        }
        sim_dist_triangular(out, a, b, c);
        return 0;
    }
    case 4: {
        int e = dist_param(L, v, "shape", 0, 1, &a);
        e |= dist_param(L, v, "scale", 0, 1, &b);
        if (e)
            return -1;
        if (sim_dist_gamma(out, a, b) != 0) {
            err(L, "shape %g and scale %g are not a usable gamma distribution", a, b);
            return -1;
        }
        return 0;
    }
    case 5: {
        int e = dist_param(L, v, "low", 0, 0, &a);
        e |= dist_param(L, v, "high", 0, 0, &b);
        if (e)
            return -1;
        if (!(b >= a)) {
            err(L, "needs low ≤ high, got low %g, high %g", a, b);
            return -1;
        }
        sim_dist_uniform(out, a, b);
        return 0;
    }
    case 6: {
        const cJSON *arr = get(v, "values");
        if (!arr) {
            err(L, "missing \"values\"");
            return -1;
        }
        size_t m = push(L, "values");
        int n = cJSON_GetArraySize(arr);
        if (!cJSON_IsArray(arr) || n < 1 || n > 100000) {
            err(L, "must be an array of 1 to 100000 numbers of days ≥ 0, got %s",
                cJSON_IsArray(arr) ? (n < 1 ? "an empty array" : "too many values") : desc(arr, got, sizeof got));
            pop(L, m);
            return -1;
        }
        double *vals = xcalloc(L, (size_t)n, sizeof *vals);
        int i = 0, bad = 0;
        for (const cJSON *x = arr->child; x && vals; x = x->next, i++) {
            if (!cJSON_IsNumber(x) || !(x->valuedouble >= 0)) {
                size_t m2 = scen_path_index(&L->p, i);
                err(L, "must be a number of days ≥ 0, got %s", desc(x, got, sizeof got));
                pop(L, m2);
                bad = 1;
            } else {
                vals[i] = x->valuedouble;
            }
        }
        pop(L, m);
        int rc = -1;
        if (vals && !bad && sim_dist_empirical(out, vals, (size_t)n) == 0)
            rc = 0;
        free(vals);
        return rc;
    }
    default:
        return -1;
    }
}

/* Reads obj[key] as a distribution into *out (replacing it), noting the change. */
static void read_dist_field(ld *L, const cJSON *obj, const char *key, sim_dist *out)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    sim_dist nd;
    memset(&nd, 0, sizeof nd);
    if (read_dist(L, v, &nd) == 0) {
        char before[128], after[128];
        scen_dist_describe(out, before, sizeof before);
        scen_dist_describe(&nd, after, sizeof after);
        if (!dist_equal(out, &nd))
            note(L, key, after, before);
        sim_dist_destroy(out);
        *out = nd;
    }
    pop(L, m);
}

/* ---- maps by kind of work ---------------------------------------------------- */

enum mtype { M_ROUTE, M_NUM, M_BOOL };

static const char *const route_names[] = { "product", "central", "central_service" };

static void route_text(org_route r, char *buf, size_t n)
{
    snprintf(buf, n, "%s", r.executor == ORG_EXEC_PRODUCT ? "product"
                          : r.channel == ORG_CHANNEL_SERVICE ? "central_service" : "central");
}

static int map_value(ld *L, const cJSON *v, int mt, org_route *r, double *x, int *b)
{
    char got[96];
    if (mt == M_ROUTE) {
        int c = read_choice(L, v, route_names, NKEYS(route_names));
        if (c < 0)
            return -1;
        r->executor = c == 0 ? ORG_EXEC_PRODUCT : ORG_EXEC_CENTRAL;
        r->channel = c == 2 ? ORG_CHANNEL_SERVICE : ORG_CHANNEL_TICKET;
        return 0;
    }
    if (mt == M_NUM) {
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || !(v->valuedouble <= 1000)) {
            err(L, "must be a number in [0, 1000], got %s", desc(v, got, sizeof got));
            return -1;
        }
        *x = v->valuedouble;
        return 0;
    }
    if (cJSON_IsBool(v)) {
        *b = cJSON_IsTrue(v) ? 1 : 0;
        return 0;
    }
    if (cJSON_IsNumber(v) && (v->valuedouble == 0 || v->valuedouble == 1)) {
        *b = v->valuedouble == 1;
        return 0;
    }
    err(L, "must be true or false, got %s", desc(v, got, sizeof got));
    return -1;
}

static void map_text(int mt, const void *arr, int k, char *buf, size_t n)
{
    if (mt == M_ROUTE)
        route_text(((const org_route *)arr)[k], buf, n);
    else if (mt == M_NUM)
        fmt_num(((const double *)arr)[k], buf, n);
    else
        snprintf(buf, n, "%s", ((const int *)arr)[k] ? "true" : "false");
}

/* Reads obj[key], an object {kind: value, "default": value}, into arr
 * (ORG_TASK_KINDS entries). "default" sets every kind the map does not name.
 * When complete, every kind must end up set. */
static void read_kind_map(ld *L, const cJSON *obj, const char *key, int mt, void *arr, int complete)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    char got[96];
    if (!cJSON_IsObject(v)) {
        err(L, "must be an object mapping kinds of work to values, like {\"default\": …, \"db\": …}, got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    const char *keys[ORG_TASK_KINDS + 1];
    keys[0] = "default";
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        keys[k + 1] = task_kind_names[k];
    check_keys(L, v, keys, NKEYS(keys));
    org_route r_new[ORG_TASK_KINDS];
    double x_new[ORG_TASK_KINDS];
    int b_new[ORG_TASK_KINDS], set[ORG_TASK_KINDS];
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        set[k] = 0;
        if (mt == M_ROUTE) r_new[k] = ((org_route *)arr)[k];
        else if (mt == M_NUM) x_new[k] = ((double *)arr)[k];
        else b_new[k] = ((int *)arr)[k];
    }
    const cJSON *dflt = get(v, "default");
    if (dflt) {
        size_t m2 = push(L, "default");
        org_route r;
        double x = 0;
        int b = 0;
        memset(&r, 0, sizeof r);
        if (map_value(L, dflt, mt, &r, &x, &b) == 0)
            for (int k = 0; k < ORG_TASK_KINDS; k++) {
                r_new[k] = r;
                x_new[k] = x;
                b_new[k] = b;
                set[k] = 1;
            }
        pop(L, m2);
    }
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        const cJSON *kv = get(v, task_kind_names[k]);
        if (!kv)
            continue;
        size_t m2 = push(L, task_kind_names[k]);
        if (map_value(L, kv, mt, &r_new[k], &x_new[k], &b_new[k]) == 0)
            set[k] = 1;
        pop(L, m2);
    }
    if (complete) {
        char missing[256];
        size_t o = 0;
        missing[0] = '\0';
        for (int k = 0; k < ORG_TASK_KINDS; k++)
            if (!set[k] && o + 20 < sizeof missing)
                o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? ", " : "", task_kind_names[k]);
        if (o)
            err(L, "missing kinds %s (name them or give a \"default\")", missing);
    }
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        char before[48], after[48], kk[128];
        map_text(mt, arr, k, before, sizeof before);
        if (mt == M_ROUTE) ((org_route *)arr)[k] = r_new[k];
        else if (mt == M_NUM) ((double *)arr)[k] = x_new[k];
        else ((int *)arr)[k] = b_new[k];
        map_text(mt, arr, k, after, sizeof after);
        snprintf(kk, sizeof kk, "%s.%s", key, task_kind_names[k]);
        note(L, kk, after, before);
    }
    pop(L, m);
}

/* Reads obj[key], an object {kind: technology or null}, into stack. */
static void read_stack(ld *L, const cJSON *obj, const char *key, const org_scenario *S, int *stack)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    char got[96];
    if (!cJSON_IsObject(v)) {
        err(L, "must be an object mapping kinds of work to technologies, like {\"db\": \"postgresql\"}, got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    check_keys(L, v, task_kind_names, ORG_TASK_KINDS);
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        const cJSON *kv = get(v, task_kind_names[k]);
        if (!kv)
            continue;
        size_t m2 = push(L, task_kind_names[k]);
        int t = read_tech_ref(L, kv, S, 1);
        if (t >= -1) {
            char kk[128];
            snprintf(kk, sizeof kk, "%s.%s", key, task_kind_names[k]);
            note(L, kk, t >= 0 ? S->techs[t].name : "none", stack[k] >= 0 ? S->techs[stack[k]].name : "none");
            stack[k] = t;
        }
        pop(L, m2);
    }
    pop(L, m);
}

/* ---- tasks ------------------------------------------------------------------ */

static void tasks_free(org_task_spec *t, int n)
{
    if (!t)
        return;
    for (int i = 0; i < n; i++) {
        free(t[i].after);
        sim_dist_destroy(&t[i].effort_days);
    }
    free(t);
}

static org_task_spec *tasks_copy(ld *L, const org_task_spec *src, int n)
{
    org_task_spec *t = xcalloc(L, (size_t)n, sizeof *t);
    if (!t)
        return NULL;
    for (int i = 0; i < n; i++) {
        t[i] = src[i];
        t[i].after = NULL;
        t[i].effort_days.values = NULL;
        t[i].effort_days.n = 0;
        if (src[i].n_after > 0) {
            t[i].after = xcalloc(L, (size_t)src[i].n_after, sizeof *t[i].after);
            if (t[i].after)
                memcpy(t[i].after, src[i].after, (size_t)src[i].n_after * sizeof *t[i].after);
        }
        if (sim_dist_copy(&t[i].effort_days, &src[i].effort_days) != 0) {
            t[i].effort_days.values = NULL;
            t[i].effort_days.n = 0;
            L->oom = 1;
        }
        if ((src[i].n_after > 0 && !t[i].after) || L->oom) {
            tasks_free(t, i + 1);
            return NULL;
        }
    }
    return t;
}

/* Finds a cycle in the "after" graph; writes "a → b → a" into buf. 1 if found. */
static int find_cycle(const org_task_spec *t, int n, char *buf, size_t size)
{
    int *color = calloc((size_t)n, sizeof *color);
    int *stack = calloc((size_t)n, sizeof *stack);
    int *edge = calloc((size_t)n, sizeof *edge);
    int found = 0;
    if (!color || !stack || !edge)
        goto out;
    for (int s = 0; s < n && !found; s++) {
        if (color[s])
            continue;
        int sp = 0;
        stack[sp++] = s;
        color[s] = 1;
        edge[s] = 0;
        while (sp > 0 && !found) {
            int u = stack[sp - 1];
            if (edge[u] < t[u].n_after) {
                int w = t[u].after[edge[u]++];
                if (w < 0 || w >= n)
                    continue;
                if (color[w] == 1) {
                    /* the cycle is w .. u on the stack, then back to w */
                    int from = sp - 1;
                    while (from >= 0 && stack[from] != w)
                        from--;
                    size_t o = 0;
                    buf[0] = '\0';
                    for (int k = from; k < sp && o + 80 < size; k++)
                        o += (size_t)snprintf(buf + o, size - o, "%s → ", t[stack[k]].name);
                    snprintf(buf + o, size - o, "%s", t[w].name);
                    found = 1;
                } else if (color[w] == 0) {
                    color[w] = 1;
                    edge[w] = 0;
                    stack[sp++] = w;
                }
            } else {
                color[u] = 2;
                sp--;
            }
        }
    }
out:
    free(color);
    free(stack);
    free(edge);
    return found;
}

/* Reads a task list (a template's or a project's). 0 with the list in out and n_out,
 * or -1 (problems reported, nothing allocated). */
static int read_tasks(ld *L, const cJSON *arr, int is_template, const org_scenario *S,
                      org_task_spec **out, int *n_out)
{
    char got[96];
    int before = scen_diags_count(L->d);
    if (!cJSON_IsArray(arr)) {
        err(L, "must be an array of tasks [{\"name\": …, \"kind\": …, \"effort_days\": …}, …], got %s",
            desc(arr, got, sizeof got));
        return -1;
    }
    int n = cJSON_GetArraySize(arr);
    if (n < 1) {
        err(L, "must list at least one task");
        return -1;
    }
    if (n > SCEN_MAX_TASKS) {
        err(L, "has %d tasks, above the limit of %d; merge small tasks", n, SCEN_MAX_TASKS);
        return -1;
    }
    org_task_spec *t = xcalloc(L, (size_t)n, sizeof *t);
    const char **names = xcalloc(L, (size_t)n, sizeof *names);
    if (!t || !names) {
        free(t);
        free(names);
        return -1;
    }
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m = scen_path_index(&L->p, i);
        t[i].tech = -1;
        t[i].team = -1;
        t[i].probability = 1;
        names[i] = t[i].name;
        if (!cJSON_IsObject(it)) {
            err(L, "must be a task object {\"name\": …, \"kind\": …, \"effort_days\": …}, got %s",
                desc(it, got, sizeof got));
        } else if (read_name(L, it, t[i].name) == 0) {
            for (int j = 0; j < i; j++)
                if (strcmp(t[j].name, t[i].name) == 0) {
                    size_t m2 = push(L, "name");
                    err(L, "duplicate task name '%s' (also task [%d])", t[i].name, j);
                    pop(L, m2);
                    break;
                }
        }
        pop(L, m);
    }
    i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        if (!cJSON_IsObject(it))
            continue;
        size_t m = scen_path_index(&L->p, i);
        if (is_template)
            check_keys(L, it, keys_task, NKEYS(keys_task));
        else
            check_keys(L, it, keys_project_task, NKEYS(keys_project_task));
        const cJSON *v = get(it, "kind");
        if (!v) {
            err(L, "missing \"kind\" (the kind of work: app, test, db, …)");
        } else {
            size_t m2 = push(L, "kind");
            int k = read_task_kind(L, v);
            if (k >= 0)
                t[i].kind = (org_kind)k;
            pop(L, m2);
        }
        if ((v = get(it, "tech"))) {
            size_t m2 = push(L, "tech");
            int tt = read_tech_ref(L, v, S, 1);
            if (tt >= -1)
                t[i].tech = tt;
            pop(L, m2);
        }
        if (!(v = get(it, "effort_days"))) {
            err(L, "missing \"effort_days\" (a number of days, or {\"median\": m, \"p90\": q})");
        } else {
            size_t m2 = push(L, "effort_days");
            read_dist(L, v, &t[i].effort_days);
            pop(L, m2);
        }
        if (is_template && (v = get(it, "probability"))) {
            static const fdef fp = F_P01(org_task_spec, probability);
            size_t m2 = push(L, "probability");
            read_scalar(L, v, &fp, &t[i]);
            pop(L, m2);
        }
        if ((v = get(it, "after"))) {
            size_t m2 = push(L, "after");
            int na = cJSON_GetArraySize(v);
            if (!cJSON_IsArray(v)) {
                err(L, "must be an array of task names, like [\"app\"], got %s", desc(v, got, sizeof got));
            } else if (na > 0) {
                t[i].after = xcalloc(L, (size_t)na, sizeof *t[i].after);
                int j = 0;
                for (const cJSON *a = v->child; a && t[i].after; a = a->next, j++) {
                    size_t m3 = scen_path_index(&L->p, j);
                    int idx = -1;
                    if (!cJSON_IsString(a)) {
                        err(L, "must be the name of a task in this list, got %s", desc(a, got, sizeof got));
                    } else {
                        for (int q = 0; q < n; q++)
                            if (names[q][0] && strcmp(names[q], a->valuestring) == 0) {
                                idx = q;
                                break;
                            }
                        if (idx < 0) {
                            const char *s = scen_suggest(a->valuestring, names, (size_t)n);
                            if (s)
                                err(L, "unknown task %s; did you mean '%s'?", desc(a, got, sizeof got), s);
                            else
                                err(L, "unknown task %s (\"after\" names tasks of the same list)",
                                    desc(a, got, sizeof got));
                        } else {
                            for (int q = 0; q < t[i].n_after; q++)
                                if (t[i].after[q] == idx) {
                                    err(L, "task '%s' is listed twice", names[idx]);
                                    idx = -1;
                                    break;
                                }
                        }
                    }
                    if (idx >= 0)
                        t[i].after[t[i].n_after++] = idx;
                    pop(L, m3);
                }
            }
            pop(L, m2);
        }
        pop(L, m);
    }
    free(names);
    if (scen_diags_count(L->d) == before && !L->oom) {
        char cyc[512];
        if (find_cycle(t, n, cyc, sizeof cyc))
            err(L, "the tasks' \"after\" lists form a cycle: %s (each waits for the next, so none can start)", cyc);
    }
    if (scen_diags_count(L->d) != before || L->oom) {
        tasks_free(t, n);
        return -1;
    }
    *out = t;
    *n_out = n;
    return 0;
}

/* ---- models, hosting points, templates: catalogue lists ------------------------ */

typedef struct listops {
    const char *key;            /* "models" */
    const char *what;           /* "model" */
    const char *const *keys;
    size_t nkeys;
    size_t size;
    int max;
    int allow_blank;            /* a scenario may define one from scratch (no base) */
    int (*copy)(ld *L, void *dst, const void *src);
    void (*release)(void *e);
    void (*read)(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete);
} listops;

static int model_copy(ld *L, void *dst, const void *src)
{
    (void)L;
    memcpy(dst, src, sizeof(org_model));
    return 0;
}

static void model_release(void *e)
{
    (void)e;
}

static const char *const owner_names[] = { "product", "central" };
static const char *const deploy_names[] = { "window", "on_demand" };

static void read_owner(ld *L, const cJSON *obj, const char *key, org_executor *dst)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    int c = read_choice(L, v, owner_names, NKEYS(owner_names));
    if (c >= 0) {
        note(L, key, owner_names[c], owner_names[*dst == ORG_EXEC_PRODUCT ? 0 : 1]);
        *dst = c == 0 ? ORG_EXEC_PRODUCT : ORG_EXEC_CENTRAL;
    }
    pop(L, m);
}

static void model_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    (void)S;
    org_model *m = e;
    const cJSON *v;
    if ((v = get(obj, "central_name"))) {
        size_t mk = push(L, "central_name");
        char label[ORG_NAME_MAX];
        if (read_label(L, v, label) == 0) {
            note(L, "central_name", label, m->central_name);
            memcpy(m->central_name, label, sizeof label);
        }
        pop(L, mk);
    }
    read_kind_map(L, obj, "route", M_ROUTE, m->route, complete);
    read_owner(L, obj, "toil_owner", &m->toil_owner);
    read_owner(L, obj, "incident_first_response", &m->incident_first_response);
    if ((v = get(obj, "deploy_mode"))) {
        size_t mk = push(L, "deploy_mode");
        int c = read_choice(L, v, deploy_names, NKEYS(deploy_names));
        if (c >= 0) {
            note(L, "deploy_mode", deploy_names[c], deploy_names[m->deploy_mode == ORG_DEPLOY_WINDOW ? 0 : 1]);
            m->deploy_mode = c == 0 ? ORG_DEPLOY_WINDOW : ORG_DEPLOY_ON_DEMAND;
        }
        pop(L, mk);
    }
    read_kind_map(L, obj, "effort_factor", M_NUM, m->effort_factor, complete);
    read_fields(L, obj, f_model, NKEYS(f_model), m);
}

static int hosting_copy(ld *L, void *dst, const void *src)
{
    org_hosting *d = dst;
    const org_hosting *s = src;
    *d = *s;
    d->restore_days.values = NULL;
    d->restore_days.n = 0;
    if (sim_dist_copy(&d->restore_days, &s->restore_days) != 0) {
        d->restore_days.values = NULL;
        d->restore_days.n = 0;
        d->restore_days.kind = SIM_DIST_CONSTANT;
        L->oom = 1;
        return -1;
    }
    return 0;
}

static void hosting_release(void *e)
{
    sim_dist_destroy(&((org_hosting *)e)->restore_days);
}

static void hosting_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    (void)S;
    org_hosting *h = e;
    read_kind_map(L, obj, "exists", M_BOOL, h->exists, complete);
    read_kind_map(L, obj, "volume", M_NUM, h->volume, complete);
    read_kind_map(L, obj, "effort", M_NUM, h->effort, complete);
    read_dist_field(L, obj, "restore_days", &h->restore_days);
    read_fields(L, obj, f_hosting, NKEYS(f_hosting), h);
}

static int template_copy(ld *L, void *dst, const void *src)
{
    org_template *d = dst;
    const org_template *s = src;
    *d = *s;
    d->tasks = NULL;
    d->n_tasks = 0;
    if (s->n_tasks > 0) {
        d->tasks = tasks_copy(L, s->tasks, s->n_tasks);
        if (!d->tasks)
            return -1;
        d->n_tasks = s->n_tasks;
    }
    return 0;
}

static void template_release(void *e)
{
    org_template *t = e;
    tasks_free(t->tasks, t->n_tasks);
    t->tasks = NULL;
    t->n_tasks = 0;
}

static int tasks_equal(const org_task_spec *a, int na, const org_task_spec *b, int nb)
{
    if (na != nb)
        return 0;
    for (int i = 0; i < na; i++) {
        if (strcmp(a[i].name, b[i].name) || a[i].kind != b[i].kind || a[i].tech != b[i].tech ||
            a[i].team != b[i].team || a[i].probability != b[i].probability || a[i].n_after != b[i].n_after ||
            !dist_equal(&a[i].effort_days, &b[i].effort_days))
            return 0;
        for (int k = 0; k < a[i].n_after; k++)
            if (a[i].after[k] != b[i].after[k])
                return 0;
    }
    return 1;
}

static const fdef f_template[] = {
    { "weight", offsetof(org_template, weight), T_DBL, 0, 0, 0, 1e6, NOLIM },
};

static void template_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    (void)complete;
    org_template *t = e;
    read_fields(L, obj, f_template, NKEYS(f_template), t);
    const cJSON *v = get(obj, "tasks");
    if (!v) {
        if (t->n_tasks == 0)
            err(L, "missing \"tasks\" (a new template lists its tasks)");
        return;
    }
    size_t m = push(L, "tasks");
    org_task_spec *nt = NULL;
    int nn = 0;
    if (read_tasks(L, v, 1, S, &nt, &nn) == 0) {
        if (L->note && L->ov && t->n_tasks > 0 && !tasks_equal(t->tasks, t->n_tasks, nt, nn))
            overrides_add(L->ov, "%s.tasks = %d task%s (%s %d task%s)", L->ovp, nn, nn == 1 ? "" : "s",
                          L->basis, t->n_tasks, t->n_tasks == 1 ? "" : "s");
        tasks_free(t->tasks, t->n_tasks);
        t->tasks = nt;
        t->n_tasks = nn;
    }
    pop(L, m);
}

static const listops ops_models = {
    "models", "model", keys_model, NKEYS(keys_model), sizeof(org_model), SCEN_MAX_MODELS, 0,
    model_copy, model_release, model_read,
};
static const listops ops_hosting = {
    "hosting", "hosting point", keys_hosting, NKEYS(keys_hosting), sizeof(org_hosting), SCEN_MAX_MODELS, 0,
    hosting_copy, hosting_release, hosting_read,
};
static const listops ops_templates = {
    "templates", "template", keys_template, NKEYS(keys_template), sizeof(org_template), SCEN_MAX_ITEMS, 1,
    template_copy, template_release, template_read,
};

#define ELEM(arr, ops, i) ((char *)(arr) + (size_t)(i) * (ops)->size)

/* Reads root[ops->key]: in presets mode it defines the catalogue; in a scenario
 * it selects, overrides and extends the catalogue (*arr, *n on entry). */
static void read_list(ld *L, const cJSON *root, const listops *ops, void **arr, int *n, const org_scenario *S)
{
    const cJSON *v = get(root, ops->key);
    if (!v)
        return;
    char got[96];
    size_t m = push(L, ops->key);
    int count = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v)) {
        err(L, "must be an array of %s names or objects {\"name\": …, \"base\": …}, got %s", ops->what,
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (count < 1) {
        err(L, "must name at least one %s (leave \"%s\" out to use all presets)", ops->what, ops->key);
        pop(L, m);
        return;
    }
    if (count > ops->max) {
        err(L, "lists %d entries, above the limit of %d", count, ops->max);
        pop(L, m);
        return;
    }
    void *out = xcalloc(L, (size_t)count, ops->size);
    if (!out) {
        pop(L, m);
        return;
    }
    /* the catalogue a name or base refers to */
    void *cat_arr = L->presets ? out : *arr;
    int n_out = 0, errors_before = scen_diags_count(L->d);
    const char **cat_names = xcalloc(L, (size_t)(*n > count ? *n : count) + 1, sizeof *cat_names);
    int i = 0;
    for (const cJSON *it = v->child; it && cat_names; it = it->next, i++) {
        size_t mi = scen_path_index(&L->p, i);
        int n_cat = L->presets ? n_out : *n;
        for (int k = 0; k < n_cat; k++)
            cat_names[k] = (const char *)ELEM(cat_arr, ops, k);
        char name[ORG_NAME_MAX] = "";
        const cJSON *obj = NULL;
        int base = -2;   /* -2 problem, -1 blank, >= 0 catalogue index */
        char cat_list[512];
        join(cat_list, sizeof cat_list, cat_names, (size_t)n_cat);
        if (cJSON_IsString(it) && !L->presets) {
            for (int k = 0; k < n_cat; k++)
                if (strcmp(cat_names[k], it->valuestring) == 0)
                    base = k;
            if (base < 0) {
                const char *s = scen_suggest(it->valuestring, cat_names, (size_t)n_cat);
                if (s)
                    err(L, "unknown %s %s; did you mean '%s'? (presets: %s)", ops->what,
                        desc(it, got, sizeof got), s, cat_list);
                else
                    err(L, "unknown %s %s (presets: %s; to define a new one give {\"name\": …, \"base\": …})",
                        ops->what, desc(it, got, sizeof got), cat_list);
                base = -2;
            } else {
                snprintf(name, sizeof name, "%s", it->valuestring);
            }
        } else if (cJSON_IsObject(it)) {
            obj = it;
            check_keys(L, it, ops->keys, ops->nkeys);
            int named = read_name(L, it, name) == 0;
            const cJSON *bv = get(it, "base");
            int in_cat = -1;
            for (int k = 0; named && k < n_cat; k++)
                if (strcmp(cat_names[k], name) == 0)
                    in_cat = k;
            if (bv) {
                size_t mb = push(L, "base");
                if (!cJSON_IsString(bv)) {
                    err(L, "must be the name of a preset %s, got %s", ops->what, desc(bv, got, sizeof got));
                } else {
                    for (int k = 0; k < n_cat; k++)
                        if (strcmp(cat_names[k], bv->valuestring) == 0)
                            base = k;
                    if (base < 0) {
                        const char *s = scen_suggest(bv->valuestring, cat_names, (size_t)n_cat);
                        if (s)
                            err(L, "unknown %s %s; did you mean '%s'?", ops->what, desc(bv, got, sizeof got), s);
                        else
                            err(L, "unknown %s %s (%s: %s)", ops->what, desc(bv, got, sizeof got),
                                L->presets ? "earlier entries" : "presets", cat_list);
                        base = -2;
                    } else if (!L->presets && in_cat >= 0 && in_cat != base) {
                        err(L, "'%s' is a preset %s: leave out \"base\" to override it, or choose a new name",
                            name, ops->what);
                        base = -2;
                    }
                }
                pop(L, mb);
            } else if (L->presets) {
                if (named && in_cat >= 0)
                    err(L, "duplicate %s name '%s'", ops->what, name);
                base = -1;
                require_keys(L, it, ops->keys, ops->nkeys);
            } else if (named) {
                if (in_cat >= 0) {
                    base = in_cat;
                } else if (ops->allow_blank) {
                    base = -1;
                } else {
                    const char *s = scen_suggest(name, cat_names, (size_t)n_cat);
                    size_t mn = push(L, "name");
                    if (s)
                        err(L, "unknown %s '%s'; did you mean '%s'? (to define a new %s, add \"base\": one of %s)",
                            ops->what, name, s, ops->what, cat_list);
                    else
                        err(L, "unknown %s '%s': to define a new %s, add \"base\": one of %s",
                            ops->what, name, ops->what, cat_list);
                    pop(L, mn);
                }
            }
            if (!named)
                base = -2;
        } else {
            err(L, "must be %s name or an object {\"name\": …, \"base\": …}, got %s",
                L->presets ? "a" : "a preset", desc(it, got, sizeof got));
        }
        /* duplicates within this list */
        if (base >= -1) {
            for (int k = 0; k < n_out; k++)
                if (strcmp((const char *)ELEM(out, ops, k), name) == 0) {
                    err(L, "duplicate %s '%s' (also [%d])", ops->what, name, k);
                    base = -2;
                    break;
                }
        }
        if (base >= -1) {
            void *e = ELEM(out, ops, n_out);
            int ok = 1;
            if (base >= 0)
                ok = ops->copy(L, e, ELEM(cat_arr, ops, base)) == 0;
            else if (ops == &ops_templates)
                ((org_template *)e)->weight = 1;
            if (ok) {
                memcpy(e, name, sizeof name);   /* name is the first member */
                n_out++;
                if (obj) {
                    char ovp_save[sizeof L->ovp], basis_save[sizeof L->basis];
                    memcpy(ovp_save, L->ovp, sizeof ovp_save);
                    memcpy(basis_save, L->basis, sizeof basis_save);
                    snprintf(L->ovp, sizeof L->ovp, "%s.%s", ops->key, name);
                    if (base < 0 && !L->presets) {
                        snprintf(L->basis, sizeof L->basis, "default");
                        if (L->note && L->ov)
                            overrides_add(L->ov, "%s.%s = new %s", ops->key, name, ops->what);
                    } else if (base >= 0 && strcmp(cat_names[base], name) != 0) {
                        snprintf(L->basis, sizeof L->basis, "%s:", cat_names[base]);
                        if (L->note && L->ov)
                            overrides_add(L->ov, "%s.%s = new %s based on %s", ops->key, name, ops->what,
                                          cat_names[base]);
                    } else {
                        snprintf(L->basis, sizeof L->basis, "preset");
                    }
                    ops->read(L, obj, e, S, base < 0);
                    memcpy(L->ovp, ovp_save, sizeof ovp_save);
                    memcpy(L->basis, basis_save, sizeof basis_save);
                }
            }
        }
        scen_path_pop(&L->p, mi);
    }
    if (cat_names && !L->presets && L->note && L->ov && scen_diags_count(L->d) == errors_before) {
        int same = n_out == *n;
        for (int k = 0; same && k < n_out; k++)
            same = strcmp((const char *)ELEM(out, ops, k), (const char *)ELEM(*arr, ops, k)) == 0;
        if (!same) {
            const char **sel = xcalloc(L, (size_t)n_out, sizeof *sel);
            if (sel) {
                char a[512], b[512];
                for (int k = 0; k < n_out; k++)
                    sel[k] = (const char *)ELEM(out, ops, k);
                for (int k = 0; k < *n; k++)
                    cat_names[k] = (const char *)ELEM(*arr, ops, k);
                join(a, sizeof a, sel, (size_t)n_out);
                join(b, sizeof b, cat_names, (size_t)*n);
                overrides_add(L->ov, "%s = %s (preset: %s)", ops->key, a, b);
                free(sel);
            }
        }
    }
    free(cat_names);
    for (int k = 0; k < *n; k++)
        ops->release(ELEM(*arr, ops, k));
    free(*arr);
    *arr = out;
    *n = n_out;
    pop(L, m);
}

/* ---- technologies ------------------------------------------------------------ */

static void read_techs(ld *L, const cJSON *root, org_scenario *S)
{
    const cJSON *v = get(root, "technologies");
    if (!v)
        return;
    char got[96];
    size_t m = push(L, "technologies");
    int count = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v)) {
        err(L, "must be an array of {\"name\": …, \"kind\": …}, got %s", desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (count + S->n_techs > SCEN_MAX_ITEMS) {
        err(L, "too many technologies (limit %d)", SCEN_MAX_ITEMS);
        pop(L, m);
        return;
    }
    org_tech *nt = xcalloc(L, (size_t)(S->n_techs + count), sizeof *nt);
    int *from_list = xcalloc(L, (size_t)(S->n_techs + count), sizeof *from_list);
    if (!nt || !from_list) {
        free(nt);
        free(from_list);
        pop(L, m);
        return;
    }
    if (S->n_techs)
        memcpy(nt, S->techs, (size_t)S->n_techs * sizeof *nt);
    int n = S->n_techs, i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        size_t mi = scen_path_index(&L->p, i);
        char name[ORG_NAME_MAX];
        if (!cJSON_IsObject(it)) {
            err(L, "must be an object {\"name\": …, \"kind\": …}, got %s", desc(it, got, sizeof got));
        } else {
            check_keys(L, it, keys_technology, NKEYS(keys_technology));
            int kind = -1, kind_ok = 1;
            const cJSON *kv = get(it, "kind");
            if (kv && !cJSON_IsNull(kv)) {
                size_t mk = push(L, "kind");
                kind = read_task_kind(L, kv);
                kind_ok = kind >= 0;
                pop(L, mk);
            }
            if (read_name(L, it, name) == 0 && kind_ok) {
                int found = -1;
                for (int k = 0; k < n; k++)
                    if (strcmp(nt[k].name, name) == 0)
                        found = k;
                if (found >= 0 && from_list[found]) {
                    size_t mn = push(L, "name");
                    err(L, "duplicate technology '%s'", name);
                    pop(L, mn);
                } else if (found >= 0) {
                    if (L->note && L->ov && nt[found].kind != kind)
                        overrides_add(L->ov, "technologies.%s.kind = %s (preset %s)", name,
                                      kind >= 0 ? task_kind_names[kind] : "none",
                                      nt[found].kind >= 0 ? task_kind_names[nt[found].kind] : "none");
                    nt[found].kind = kind;
                    from_list[found] = 1;
                } else {
                    memcpy(nt[n].name, name, sizeof name);
                    nt[n].kind = kind;
                    from_list[n] = 1;
                    if (L->note && L->ov)
                        overrides_add(L->ov, "technologies.%s = new technology (kind %s)", name,
                                      kind >= 0 ? task_kind_names[kind] : "none");
                    n++;
                }
            }
        }
        scen_path_pop(&L->p, mi);
    }
    free(S->techs);
    S->techs = nt;
    S->n_techs = n;
    free(from_list);
    pop(L, m);
}

/* ---- teams and projects -------------------------------------------------------- */

static int team_find(const org_scenario *S, const char *name)
{
    for (int i = 0; i < S->n_teams; i++)
        if (strcmp(S->teams[i].name, name) == 0)
            return i;
    return -1;
}

static void note_team(ld *L, const org_scenario *S, const org_team *t, const int *stack)
{
    if (!L->note || !L->ov)
        return;
    char f[32];
    fmt_num(t->features_per_week, f, sizeof f);
    overrides_add(L->ov, "teams.%s = %d engineer%s, %s feature%s/week", t->name, t->size,
                  t->size == 1 ? "" : "s", f, t->features_per_week == 1 ? "" : "s");
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        if (t->stack[k] != stack[k])
            overrides_add(L->ov, "teams.%s.stack.%s = %s (scenario stack %s)", t->name, task_kind_names[k],
                          t->stack[k] >= 0 ? S->techs[t->stack[k]].name : "none",
                          stack[k] >= 0 ? S->techs[stack[k]].name : "none");
}

static void read_teams(ld *L, const cJSON *root, cat *C)
{
    org_scenario *S = &C->s;
    const cJSON *tv = get(root, "teams");
    const cJSON *pv = get(root, "product_teams");
    char got[96];
    int n_explicit = 0;
    if (tv) {
        n_explicit = cJSON_GetArraySize(tv);
        if (!cJSON_IsArray(tv)) {
            size_t m = push(L, "teams");
            err(L, "must be an array of teams [{\"name\": …, \"size\": …}, …], got %s", desc(tv, got, sizeof got));
            pop(L, m);
            n_explicit = 0;
        } else if (n_explicit > SCEN_MAX_TEAMS) {
            size_t m = push(L, "teams");
            err(L, "lists %d teams, above the limit of %d", n_explicit, SCEN_MAX_TEAMS);
            pop(L, m);
            return;
        }
    }
    int n_gen = (pv || !tv) ? C->pt_count : 0;
    if (n_explicit + n_gen > SCEN_MAX_TEAMS) {
        size_t m = push(L, "product_teams");
        err(L, "%d teams in all is above the limit of %d", n_explicit + n_gen, SCEN_MAX_TEAMS);
        pop(L, m);
        return;
    }
    if (n_explicit + n_gen == 0) {
        err(L, "a scenario needs at least one product team: give \"teams\" or \"product_teams\" with a count ≥ 1");
        return;
    }
    S->teams = xcalloc(L, (size_t)(n_explicit + n_gen), sizeof *S->teams);
    if (!S->teams)
        return;
    S->n_teams = 0;
    int i = 0;
    L->note = 0;
    for (const cJSON *it = tv && n_explicit ? tv->child : NULL; it; it = it->next, i++) {
        size_t m = push(L, "teams");
        scen_path_index(&L->p, i);
        org_team t;
        memset(&t, 0, sizeof t);
        t.size = C->pt_size;
        t.features_per_week = C->pt_fpw;
        memcpy(t.stack, C->stack, sizeof t.stack);
        if (!cJSON_IsObject(it)) {
            err(L, "must be a team object {\"name\": …, \"size\": …}, got %s", desc(it, got, sizeof got));
        } else {
            check_keys(L, it, keys_team, NKEYS(keys_team));
            int named = read_name(L, it, t.name) == 0;
            read_fields(L, it, f_team, NKEYS(f_team), &t);
            read_stack(L, it, "stack", S, t.stack);
            if (named && team_find(S, t.name) >= 0) {
                size_t mn = push(L, "name");
                err(L, "duplicate team name '%s'", t.name);
                pop(L, mn);
            } else if (named) {
                S->teams[S->n_teams++] = t;
            }
        }
        pop(L, m);
    }
    L->note = !L->presets;
    for (int k = 0; k < S->n_teams; k++)
        note_team(L, S, &S->teams[k], C->stack);
    for (int g = 1; g <= n_gen; g++) {
        org_team t;
        memset(&t, 0, sizeof t);
        char gen[ORG_NAME_MAX + 16];
        snprintf(gen, sizeof gen, "%s%d", C->pt_prefix, g);
        if (strlen(gen) >= sizeof t.name)
            gen[sizeof t.name - 1] = '\0';
        memcpy(t.name, gen, sizeof t.name);
        t.size = C->pt_size;
        t.features_per_week = C->pt_fpw;
        memcpy(t.stack, C->pt_stack, sizeof t.stack);
        if (team_find(S, t.name) >= 0) {
            size_t m = push(L, "product_teams");
            err(L, "generated team name '%s' is also the name of a team in \"teams\"; change \"name_prefix\"",
                t.name);
            pop(L, m);
            continue;
        }
        S->teams[S->n_teams++] = t;
    }
}

static void read_product_teams(ld *L, const cJSON *root, cat *C)
{
    const cJSON *v = get(root, "product_teams");
    memcpy(C->pt_stack, C->stack, sizeof C->pt_stack);
    if (!v)
        return;
    char got[96];
    size_t m = push(L, "product_teams");
    if (!cJSON_IsObject(v)) {
        err(L, "must be an object {\"count\": …, \"size\": …, \"features_per_week\": …}, got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    check_keys(L, v, keys_product_teams, NKEYS(keys_product_teams));
    if (L->presets)
        require_keys(L, v, keys_product_teams, NKEYS(keys_product_teams) - 1);
    snprintf(L->ovp, sizeof L->ovp, "product_teams");
    snprintf(L->basis, sizeof L->basis, "preset");
    read_fields(L, v, f_product_teams, NKEYS(f_product_teams), C);
    const cJSON *pv = get(v, "name_prefix");
    if (pv) {
        size_t mp = push(L, "name_prefix");
        char probe[ORG_NAME_MAX + 16];
        if (!cJSON_IsString(pv) || strlen(pv->valuestring) > 50 ||
            (snprintf(probe, sizeof probe, "%s1", pv->valuestring), !valid_name(probe))) {
            err(L, "must be a text of at most 50 letters, digits, '_', '-' or '.', got %s",
                desc(pv, got, sizeof got));
        } else {
            note(L, "name_prefix", pv->valuestring, C->pt_prefix);
            snprintf(C->pt_prefix, sizeof C->pt_prefix, "%s", pv->valuestring);
        }
        pop(L, mp);
    }
    if (!L->presets)
        read_stack(L, v, "stack", &C->s, C->pt_stack);
    L->ovp[0] = '\0';
    pop(L, m);
}

static const fdef f_project[] = {
    { "start_day", offsetof(org_project, start_day), T_DBL, 0, 0, 0, NOLIM, SCEN_MAX_HORIZON_DAYS },
};

static void read_projects(ld *L, const cJSON *root, org_scenario *S)
{
    const cJSON *v = get(root, "projects");
    if (!v)
        return;
    char got[96];
    size_t m = push(L, "projects");
    int count = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v)) {
        err(L, "must be an array of projects [{\"name\": …, \"team\": …, \"tasks\": […]}], got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (count > SCEN_MAX_ITEMS) {
        err(L, "lists %d projects, above the limit of %d", count, SCEN_MAX_ITEMS);
        pop(L, m);
        return;
    }
    S->projects = xcalloc(L, (size_t)count, sizeof *S->projects);
    if (!S->projects) {
        pop(L, m);
        return;
    }
    int i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        size_t mi = scen_path_index(&L->p, i);
        org_project p;
        memset(&p, 0, sizeof p);
        if (!cJSON_IsObject(it)) {
            err(L, "must be a project object {\"name\": …, \"team\": …, \"tasks\": […]}, got %s",
                desc(it, got, sizeof got));
            scen_path_pop(&L->p, mi);
            continue;
        }
        check_keys(L, it, keys_project, NKEYS(keys_project));
        int ok = read_name(L, it, p.name) == 0;
        for (int k = 0; ok && k < S->n_projects; k++)
            if (strcmp(S->projects[k].name, p.name) == 0) {
                size_t mn = push(L, "name");
                err(L, "duplicate project name '%s'", p.name);
                pop(L, mn);
                ok = 0;
            }
        int save = L->note;
        L->note = 0;
        read_fields(L, it, f_project, NKEYS(f_project), &p);
        L->note = save;
        int team = S->n_teams > 0 ? 0 : -1;
        const cJSON *tv = get(it, "team");
        if (tv) {
            size_t mt = push(L, "team");
            if (!cJSON_IsString(tv)) {
                err(L, "must be the name of a product team, got %s", desc(tv, got, sizeof got));
                team = -1;
            } else if ((team = team_find(S, tv->valuestring)) < 0) {
                const char **names = xcalloc(L, (size_t)S->n_teams + 1, sizeof *names);
                const char *s = NULL;
                if (names) {
                    for (int k = 0; k < S->n_teams; k++)
                        names[k] = S->teams[k].name;
                    s = scen_suggest(tv->valuestring, names, (size_t)S->n_teams);
                }
                if (s)
                    err(L, "unknown team %s; did you mean '%s'?", desc(tv, got, sizeof got), s);
                else
                    err(L, "unknown team %s (teams: %s%s…)", desc(tv, got, sizeof got),
                        S->n_teams ? S->teams[0].name : "", S->n_teams > 1 ? ", " : "");
                free(names);
            }
            pop(L, mt);
        }
        const cJSON *tk = get(it, "tasks");
        if (!tk) {
            err(L, "missing \"tasks\"");
            ok = 0;
        } else {
            size_t mt = push(L, "tasks");
            if (read_tasks(L, tk, 0, S, &p.tasks, &p.n_tasks) != 0)
                ok = 0;
            pop(L, mt);
        }
        if (ok && team >= 0) {
            for (int k = 0; k < p.n_tasks; k++)
                p.tasks[k].team = team;
            if (L->note && L->ov) {
                char sd[32];
                fmt_num(p.start_day, sd, sizeof sd);
                overrides_add(L->ov, "projects.%s = %d task%s for team %s, starting on day %s", p.name,
                              p.n_tasks, p.n_tasks == 1 ? "" : "s", S->teams[team].name, sd);
            }
            S->projects[S->n_projects++] = p;
        } else {
            tasks_free(p.tasks, p.n_tasks);
        }
        scen_path_pop(&L->p, mi);
    }
    pop(L, m);
}

/* ---- checks across the whole scenario -------------------------------------------- */

static void limit_problem(scen_diags *d, const char *file, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void limit_problem(scen_diags *d, const char *file, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    scen_diags_at(d, file, path, "%s", msg);
}

int scen_check_limits(const org_scenario *s, const char *file, scen_diags *d)
{
    int before = scen_diags_count(d);
    double engineers = s->central_size, fpw = 0;
    for (int i = 0; i < s->n_teams; i++) {
        engineers += s->teams[i].size;
        fpw += s->teams[i].features_per_week;
    }
    double horizon = s->run.warmup_days + s->run.measure_days + s->run.drain_max_days;
    double arrival_days = s->run.warmup_days + s->run.measure_days;
    double combos = (double)(s->n_models > 0 ? s->n_models : 1) * (s->n_hostings > 0 ? s->n_hostings : 1);
    double reps = s->run.replications > 0 ? s->run.replications : 1;
    if (engineers > SCEN_MAX_ENGINEERS)
        limit_problem(d, file, "$", "%.0f engineers in all teams is above the limit of %d that protects "
                      "the machine; model a representative slice of the organisation", engineers,
                      SCEN_MAX_ENGINEERS);
    if (horizon > SCEN_MAX_HORIZON_DAYS)
        limit_problem(d, file, "$.run", "warm-up + measured + drain = %.0f working days (%.1f years) is above "
                      "the limit of %.0f (20 years); shorten the run", horizon, horizon / 260,
                      SCEN_MAX_HORIZON_DAYS);
    if (s->run.replications > SCEN_MAX_REPLICATIONS)
        limit_problem(d, file, "$.replications", "%d is above the limit of %d that protects the machine; lower it",
                      s->run.replications, SCEN_MAX_REPLICATIONS);
    double work = engineers * horizon * reps * combos;
    if (work > SCEN_MAX_WORK)
        limit_problem(d, file, "$", "estimated work of %.3g engineer-days (%.0f engineers × %.0f days × %.0f "
                      "replications × %d models × %d hosting points) is above the limit of %.0e, so the run "
                      "would take hours: lower replications, shorten the run, model fewer engineers, or name "
                      "fewer models or hosting points", work, engineers, horizon, reps, s->n_models,
                      s->n_hostings, SCEN_MAX_WORK);
    double arrivals = fpw * arrival_days / 5.0 * reps * combos;
    if (arrivals > SCEN_MAX_ARRIVALS)
        limit_problem(d, file, "$", "about %.3g features would be simulated (%.4g per week × %.0f weeks × %.0f "
                      "replications × %.0f model/hosting combinations), above the limit of %.0e: lower "
                      "features_per_week, replications or the run length", arrivals, fpw, arrival_days / 5.0,
                      reps, combos, SCEN_MAX_ARRIVALS);
    return scen_diags_count(d) - before;
}

static void cross_checks(ld *L, const cJSON *root, cat *C)
{
    org_scenario *S = &C->s;
    int n_explicit = cJSON_IsArray(get(root, "teams")) ? cJSON_GetArraySize(get(root, "teams")) : 0;
    double total_fpw = 0, total_weight = 0;
    for (int i = 0; i < S->n_teams; i++)
        total_fpw += S->teams[i].features_per_week;
    for (int i = 0; i < S->n_templates; i++)
        total_weight += S->templates[i].weight;
    int features = total_fpw > 0 && total_weight > 0;
    if (total_fpw > 0 && !(total_weight > 0))
        scen_diags_at(L->d, L->file, "$.templates", "teams have features_per_week > 0 but no feature "
                      "template has a weight > 0");

    /* every task without a tech needs its team's stack technology for its kind */
    for (int i = 0; i < S->n_teams; i++) {
        int reported[ORG_TASK_KINDS] = { 0 };
        char path[64];
        /* generated teams share one stack: their template tasks are checked once */
        int check_templates = i <= n_explicit;
        if (i < n_explicit)
            snprintf(path, sizeof path, "$.teams[%d].stack", i);
        else
            snprintf(path, sizeof path, get(root, "product_teams") ? "$.product_teams.stack" : "$.stack");
        for (int t = 0; check_templates && features && S->teams[i].features_per_week > 0 && t < S->n_templates; t++)
            for (int k = 0; k < S->templates[t].n_tasks; k++) {
                const org_task_spec *ts = &S->templates[t].tasks[k];
                if (ts->tech < 0 && S->teams[i].stack[ts->kind] < 0 && !reported[ts->kind]) {
                    reported[ts->kind] = 1;
                    scen_diags_at(L->d, L->file, path, "team '%s' has no technology for '%s', which task '%s' "
                                  "of template '%s' needs: set one in \"stack\" or give the task a \"tech\"",
                                  S->teams[i].name, org_kind_name(ts->kind), ts->name, S->templates[t].name);
                }
            }
        for (int p = 0; p < S->n_projects; p++)
            for (int k = 0; k < S->projects[p].n_tasks; k++) {
                const org_task_spec *ts = &S->projects[p].tasks[k];
                if (ts->team == i && ts->tech < 0 && S->teams[i].stack[ts->kind] < 0 && !reported[ts->kind]) {
                    reported[ts->kind] = 1;
                    scen_diags_at(L->d, L->file, path, "team '%s' has no technology for '%s', which task '%s' "
                                  "of project '%s' needs: set one in \"stack\" or give the task a \"tech\"",
                                  S->teams[i].name, org_kind_name(ts->kind), ts->name, S->projects[p].name);
                }
            }
    }

    /* a central team of 0 cannot take the work a model sends it */
    if (S->central_size == 0) {
        int needed[ORG_TASK_KINDS] = { 0 }, exists[ORG_TASK_KINDS] = { 0 };
        double toil = 0, incidents = S->incidents.change_failure_base + S->incidents.change_failure_context_gap;
        for (int t = 0; features && t < S->n_templates; t++)
            for (int k = 0; k < S->templates[t].n_tasks; k++)
                if (S->templates[t].tasks[k].probability > 0 && S->templates[t].weight > 0)
                    needed[S->templates[t].tasks[k].kind] = 1;
        for (int p = 0; p < S->n_projects; p++)
            for (int k = 0; k < S->projects[p].n_tasks; k++)
                needed[S->projects[p].tasks[k].kind] = 1;
        for (int h = 0; h < S->n_hostings; h++) {
            for (int k = 0; k < ORG_TASK_KINDS; k++)
                exists[k] |= S->hostings[h].exists[k];
            toil += S->hostings[h].toil_days_per_service_week;
            incidents += S->hostings[h].incidents_per_service_week;
        }
        for (int mi = 0; mi < S->n_models; mi++) {
            const org_model *m = &S->models[mi];
            char what[256];
            size_t o = 0;
            what[0] = '\0';
            for (int k = 0; k < ORG_TASK_KINDS; k++)
                if (m->route[k].executor == ORG_EXEC_CENTRAL && needed[k] && exists[k] && o + 20 < sizeof what)
                    o += (size_t)snprintf(what + o, sizeof what - o, "%s%s", o ? ", " : "", org_kind_name((org_kind)k));
            if (m->toil_owner == ORG_EXEC_CENTRAL && toil > 0 && o + 20 < sizeof what)
                o += (size_t)snprintf(what + o, sizeof what - o, "%stoil", o ? ", " : "");
            if (m->incident_first_response == ORG_EXEC_CENTRAL && incidents > 0 && o + 20 < sizeof what)
                o += (size_t)snprintf(what + o, sizeof what - o, "%sincidents", o ? ", " : "");
            if (o)
                scen_diags_at(L->d, L->file, "$.central_team.size", "is 0, but model '%s' sends work to its %s "
                              "(%s): give the central team at least 1 engineer, or route that work to the "
                              "product teams", m->name, m->central_name, what);
        }
    }

    double end_of_arrivals = S->run.warmup_days + S->run.measure_days;
    for (int p = 0; p < S->n_projects; p++)
        if (S->projects[p].start_day > end_of_arrivals) {
            char path[64];
            snprintf(path, sizeof path, "$.projects[%d].start_day", p);
            scen_diags_at(L->d, L->file, path, "day %g is after the measured period ends (warm-up %g + "
                          "measured %g = day %g); start it earlier", S->projects[p].start_day,
                          S->run.warmup_days, S->run.measure_days, end_of_arrivals);
        }

    const org_targets *tg = &S->targets;
    if (tg->has_targets && !(tg->lead_time_p85_days > 0) && !(tg->ticket_wait_p85_days > 0) &&
        !(tg->max_utilization > 0) && !(tg->service_level_share > 0) && !tg->oncall_24x7)
        scen_diags_at(L->d, L->file, "$.targets", "states no target: give at least one of lead_time_p85_days, "
                      "ticket_wait_p85_days, max_utilization, service_level_share or oncall_24x7");

    scen_check_limits(S, L->file, L->d);
}

/* ---- the whole file ----------------------------------------------------------------- */

static void read_section(ld *L, const cJSON *root, const char *key, const fdef *tab, size_t n, void *base)
{
    const cJSON *v = get(root, key);
    if (!v)
        return;
    char got[96];
    size_t m = push(L, key);
    if (!cJSON_IsObject(v)) {
        err(L, "must be an object { … }, got %s", desc(v, got, sizeof got));
    } else {
        size_t nk = 0;
        const char *const *keys = scen_keys(key, &nk);
        if (keys)
            check_keys(L, v, keys, nk);
        if (L->presets && keys)
            require_keys(L, v, keys, nk);
        snprintf(L->ovp, sizeof L->ovp, "%s", key);
        snprintf(L->basis, sizeof L->basis, "preset");
        read_fields(L, v, tab, n, base);
        L->ovp[0] = '\0';
    }
    pop(L, m);
}

static const char *const presets_required[] = {
    "name", "seed", "replications", "hours_per_day", "run", "technologies", "stack", "templates",
    "models", "hosting", "product_teams", "central_team", "knowledge", "people", "incidents",
    "enablement", "targets", "costs",
};

static void default_name(const char *display, char out[ORG_NAME_MAX])
{
    const char *b = display ? strrchr(display, '/') : NULL;
    b = b ? b + 1 : (display ? display : "");
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".json") == 0)
        n -= 5;
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < ORG_NAME_MAX; i++) {
        char c = b[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 (o > 0 && (c == '_' || c == '-' || c == '.'));
        if (ok)
            out[o++] = c;
        else if (o > 0)
            out[o++] = '-';
    }
    out[o] = '\0';
    if (!valid_name(out))
        snprintf(out, ORG_NAME_MAX, "scenario");
}

static void apply(ld *L, const cJSON *root, cat *C)
{
    org_scenario *S = &C->s;
    char got[96];
    if (!cJSON_IsObject(root)) {
        err(L, "a scenario must be a JSON object { … }, got %s", desc(root, got, sizeof got));
        return;
    }
    if (get(root, "$defs") && cJSON_IsString(get(root, "$schema")) &&
        strstr(get(root, "$schema")->valuestring, "json-schema.org")) {
        err(L, "this is a JSON Schema (scenarios/schema.json), not a scenario");
        return;
    }
    check_keys(L, root, keys_scenario, NKEYS(keys_scenario));
    if (L->presets) {
        require_keys(L, root, presets_required, NKEYS(presets_required));
        if (get(root, "teams") || get(root, "projects"))
            err(L, "the presets define no teams or projects");
    }
    const cJSON *v;
    if ((v = get(root, "$schema")) && !cJSON_IsString(v)) {
        size_t m = push(L, "$schema");
        err(L, "must be the schema's address as a string, got %s", desc(v, got, sizeof got));
        pop(L, m);
    }
    if ((v = get(root, "name"))) {
        size_t m = push(L, "name");
        read_name_value(L, v, S->name);
        pop(L, m);
    }
    if ((v = get(root, "description"))) {
        size_t m = push(L, "description");
        if (!cJSON_IsString(v)) {
            err(L, "must be a text in double quotes, got %s", desc(v, got, sizeof got));
        } else if (strlen(v->valuestring) > 65536) {
            err(L, "is too long (at most 65536 bytes)");
        } else {
            free(S->description);
            size_t n = strlen(v->valuestring) + 1;
            S->description = xcalloc(L, n, 1);
            if (S->description)
                memcpy(S->description, v->valuestring, n);
        }
        pop(L, m);
    }
    snprintf(L->basis, sizeof L->basis, "preset");
    read_fields(L, root, f_top, NKEYS(f_top), S);
    read_section(L, root, "run", f_run, NKEYS(f_run), &S->run);
    read_section(L, root, "knowledge", f_knowledge, NKEYS(f_knowledge), &S->knowledge);
    read_section(L, root, "people", f_people, NKEYS(f_people), &S->people);
    read_section(L, root, "incidents", f_incidents, NKEYS(f_incidents), &S->incidents);
    read_section(L, root, "enablement", f_enablement, NKEYS(f_enablement), &S->enablement);
    read_section(L, root, "targets", f_targets, NKEYS(f_targets), &S->targets);
    if (get(root, "targets") && !L->presets)
        S->targets.has_targets = 1;
    read_section(L, root, "costs", f_costs, NKEYS(f_costs), &S->costs);
    read_section(L, root, "central_team", f_central_team, NKEYS(f_central_team), S);

    read_techs(L, root, S);
    snprintf(L->basis, sizeof L->basis, "preset");
    read_stack(L, root, "stack", S, C->stack);

    read_list(L, root, &ops_models, (void **)&S->models, &S->n_models, S);
    read_list(L, root, &ops_hosting, (void **)&S->hostings, &S->n_hostings, S);
    read_list(L, root, &ops_templates, (void **)&S->templates, &S->n_templates, S);

    read_product_teams(L, root, C);
    if (L->presets)
        return;
    read_teams(L, root, C);
    read_projects(L, root, S);
}

static void cat_init(cat *C)
{
    memset(C, 0, sizeof *C);
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        C->stack[k] = -1;
        C->pt_stack[k] = -1;
    }
}

/* Deep copy of the presets into a scenario being built (no teams, projects). */
static int cat_copy(ld *L, cat *dst, const cat *src)
{
    *dst = *src;
    org_scenario *d = &dst->s;
    const org_scenario *s = &src->s;
    d->description = NULL;
    d->techs = NULL;
    d->templates = NULL;
    d->models = NULL;
    d->hostings = NULL;
    d->teams = NULL;
    d->projects = NULL;
    d->n_techs = d->n_templates = d->n_models = d->n_hostings = d->n_teams = d->n_projects = 0;
    d->name[0] = '\0';
    d->techs = xcalloc(L, (size_t)s->n_techs, sizeof *d->techs);
    d->models = xcalloc(L, (size_t)s->n_models, sizeof *d->models);
    d->hostings = xcalloc(L, (size_t)s->n_hostings, sizeof *d->hostings);
    d->templates = xcalloc(L, (size_t)s->n_templates, sizeof *d->templates);
    if (!d->techs || !d->models || !d->hostings || !d->templates)
        return -1;
    memcpy(d->techs, s->techs, (size_t)s->n_techs * sizeof *d->techs);
    d->n_techs = s->n_techs;
    memcpy(d->models, s->models, (size_t)s->n_models * sizeof *d->models);
    d->n_models = s->n_models;
    for (int i = 0; i < s->n_hostings; i++) {
        if (hosting_copy(L, &d->hostings[i], &s->hostings[i]) != 0)
            return -1;
        d->n_hostings++;
    }
    for (int i = 0; i < s->n_templates; i++) {
        if (template_copy(L, &d->templates[i], &s->templates[i]) != 0)
            return -1;
        d->n_templates++;
    }
    return 0;
}

static int load_presets(cat *P, scen_diags *d)
{
    cat_init(P);
    int before = scen_diags_count(d);
    cJSON *root = scen_json_parse(scen_presets_json, scen_presets_json_len, PRESETS_FILE, d);
    if (!root)
        return -1;
    ld L;
    memset(&L, 0, sizeof L);
    L.file = PRESETS_FILE;
    L.d = d;
    L.presets = 1;
    scen_path_init(&L.p);
    apply(&L, root, P);
    cJSON_Delete(root);
    if (scen_diags_count(d) != before || L.oom) {
        org_scenario_destroy(&P->s);
        return -1;
    }
    return 0;
}

int scen_load_text_ex(const char *text, size_t len, const char *display_name,
                      org_scenario *out, scen_overrides *ov, scen_diags *d)
{
    memset(out, 0, sizeof *out);
    const char *file = display_name ? display_name : "<input>";
    int before = scen_diags_count(d);
    cat P, C;
    if (load_presets(&P, d) != 0) {
        scen_diags_at(d, file, "$", "internal error: the built-in presets do not load (see above)");
        return -1;
    }
    cJSON *root = scen_json_parse(text, len, file, d);
    if (!root) {
        org_scenario_destroy(&P.s);
        return -1;
    }
    ld L;
    memset(&L, 0, sizeof L);
    L.file = file;
    L.d = d;
    L.ov = ov;
    L.note = ov != NULL;
    scen_path_init(&L.p);
    snprintf(L.basis, sizeof L.basis, "preset");
    if (cat_copy(&L, &C, &P) == 0) {
        default_name(file, C.s.name);
        apply(&L, root, &C);
        if (scen_diags_count(d) == before && !L.oom)
            cross_checks(&L, root, &C);
    }
    cJSON_Delete(root);
    org_scenario_destroy(&P.s);
    if (scen_diags_count(d) != before || L.oom) {
        if (scen_diags_count(d) == before)
            scen_diags_at(d, file, "$", "out of memory");
        org_scenario_destroy(&C.s);
        if (ov) {
            scen_overrides_free(ov);
            scen_overrides_init(ov);
        }
        return -1;
    }
    *out = C.s;
    return 0;
}

int scen_load_text(const char *text, size_t len, const char *display_name, org_scenario *out, scen_diags *d)
{
    return scen_load_text_ex(text, len, display_name, out, NULL, d);
}

int scen_load_presets(org_scenario *out, scen_diags *d)
{
    return scen_load_text("{}", 2, "presets", out, d);
}

char *scen_read_file(const char *path, size_t *len, scen_diags *d)
{
    int fd;
    int is_stdin = strcmp(path, "-") == 0;
    const char *shown = is_stdin ? "<stdin>" : path;
    if (len)
        *len = 0;
    if (is_stdin) {
        fd = 0;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "cannot open: %s", strerror(errno));
            return NULL;
        }
        if (S_ISDIR(st.st_mode)) {
            scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is a directory, not a scenario file "
                           "(to check every scenario in it: devopsim validate %s/*.json)", path);
            return NULL;
        }
        if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
            scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is not a regular file");
            return NULL;
        }
        if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SCEN_JSON_MAX_BYTES) {
            scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is too large (%llu bytes; the limit is %zu MiB — "
                           "a scenario is a few KiB)", (unsigned long long)st.st_size, SCEN_JSON_MAX_BYTES >> 20);
            return NULL;
        }
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "cannot open: %s", strerror(errno));
            return NULL;
        }
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        if (!is_stdin)
            close(fd);
        scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "out of memory");
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            if (cap > SCEN_JSON_MAX_BYTES) {
                scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is too large (more than %zu MiB — a scenario "
                               "is a few KiB)", SCEN_JSON_MAX_BYTES >> 20);
                free(buf);
                if (!is_stdin)
                    close(fd);
                return NULL;
            }
            size_t ncap = cap * 2;
            if (ncap > SCEN_JSON_MAX_BYTES + 1)
                ncap = SCEN_JSON_MAX_BYTES + 1;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                if (!is_stdin)
                    close(fd);
                scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "out of memory");
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "cannot read: %s", strerror(errno));
            free(buf);
            if (!is_stdin)
                close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (!is_stdin)
        close(fd);
    if (n > SCEN_JSON_MAX_BYTES) {
        scen_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is too large (more than %zu MiB — a scenario is a few KiB)",
                       SCEN_JSON_MAX_BYTES >> 20);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int scen_load_file(const char *path, org_scenario *out, scen_diags *d)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = scen_read_file(path, &len, d);
    if (!text)
        return -1;
    int rc = scen_load_text(text, len, strcmp(path, "-") == 0 ? "<stdin>" : path, out, d);
    free(text);
    return rc;
}
