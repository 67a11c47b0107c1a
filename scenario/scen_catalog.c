/* scen_catalog — the catalogue a scenario draws on: technologies, the
 * default stack, models, hosting points and feature templates (defined by
 * the presets, selected, overridden and extended by a scenario), and the
 * task lists of templates and projects with their "after" graphs. */
#include "scenario/scen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tasks ------------------------------------------------------------------ */

void scen__tasks_free(org_task_spec *t, int n)
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
    org_task_spec *t = scen__calloc(L, (size_t)n, sizeof *t);
    if (!t)
        return NULL;
    for (int i = 0; i < n; i++) {
        t[i] = src[i];
        t[i].after = NULL;
        t[i].effort_days.values = NULL;
        t[i].effort_days.n = 0;
        if (src[i].n_after > 0) {
            t[i].after = scen__calloc(L, (size_t)src[i].n_after, sizeof *t[i].after);
            if (t[i].after)
                memcpy(t[i].after, src[i].after, (size_t)src[i].n_after * sizeof *t[i].after);
        }
        if (sim_dist_copy(&t[i].effort_days, &src[i].effort_days) != 0) {
            t[i].effort_days.values = NULL;
            t[i].effort_days.n = 0;
            L->oom = 1;
        }
        if ((src[i].n_after > 0 && !t[i].after) || L->oom) {
            scen__tasks_free(t, i + 1);
            return NULL;
        }
    }
    return t;
}

/* Writes the cycle on[0] → on[1] → … → on[n-1] → on[0] into buf (size ≥ 256).
 * When it does not fit, the middle is left out as "…": the last edge shown,
 * on[n-1] → on[0], is always one that exists. */
static void cycle_text(const org_task_spec *t, const int *on, int n, char *buf, size_t size)
{
    const char *last = t[on[n - 1]].name, *first = t[on[0]].name;
    size_t reserve = strlen(last) + strlen(first) + 2 * ORG_NAME_MAX + 32, o = 0;
    int k = 0;
    buf[0] = '\0';
    for (; k < n - 1 && o + reserve < size; k++)
        o += (size_t)snprintf(buf + o, size - o, "%s → ", t[on[k]].name);
    if (k < n - 1)
        o += (size_t)snprintf(buf + o, size - o, "… → ");
    snprintf(buf + o, size - o, "%s → %s", last, first);
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
                    cycle_text(t, stack + from, sp - from, buf, size);
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

/* Reads a task's "after" list v (names among names[0..n)) into t. */
static void read_after(ld *L, const cJSON *v, org_task_spec *t, const char **names, int n)
{
    char got[96];
    int na = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v)) {
        scen__err(L, "must be an array of task names, like [\"app\"], got %s", desc(v, got, sizeof got));
        return;
    }
    if (na == 0)
        return;
    t->after = scen__calloc(L, (size_t)na, sizeof *t->after);
    int j = 0;
    for (const cJSON *a = v->child; a && t->after; a = a->next, j++) {
        size_t m3 = util_path_index(&L->p, j);
        int idx = -1;
        if (!cJSON_IsString(a)) {
            scen__err(L, "must be the name of a task in this list, got %s", desc(a, got, sizeof got));
        } else {
            for (int q = 0; q < n; q++)
                if (names[q][0] && strcmp(names[q], a->valuestring) == 0) {
                    idx = q;
                    break;
                }
            if (idx < 0) {
                const char *s = util_suggest(a->valuestring, names, (size_t)n);
                if (s)
                    scen__err(L, "unknown task %s; did you mean '%s'?", desc(a, got, sizeof got), s);
                else
                    scen__err(L, "unknown task %s (\"after\" names tasks of the same list)",
                              desc(a, got, sizeof got));
            } else {
                for (int q = 0; q < t->n_after; q++)
                    if (t->after[q] == idx) {
                        scen__err(L, "task '%s' is listed twice", names[idx]);
                        idx = -1;
                        break;
                    }
            }
        }
        if (idx >= 0)
            t->after[t->n_after++] = idx;
        pop(L, m3);
    }
}

/* Reads a task list (a template's or a project's). 0 with the list in out and n_out,
 * or -1 (problems reported, nothing allocated). */
int scen__read_tasks(ld *L, const cJSON *arr, int is_template, const org_scenario *S,
                      org_task_spec **out, int *n_out)
{
    char got[96];
    int before = util_diags_count(L->d);
    if (!cJSON_IsArray(arr)) {
        scen__err(L, "must be an array of tasks [{\"name\": …, \"kind\": …, \"effort_days\": …}, …], got %s",
            desc(arr, got, sizeof got));
        return -1;
    }
    int n = cJSON_GetArraySize(arr);
    if (n < 1) {
        scen__err(L, "must list at least one task");
        return -1;
    }
    int max = is_template ? SCEN_MAX_TEMPLATE_TASKS : SCEN_MAX_TASKS;
    if (n > max) {
        scen__err(L, "has %d tasks, above the limit of %d %s; merge small tasks", n, max,
                  is_template ? "for one feature" : "for a project");
        return -1;
    }
    org_task_spec *t = scen__calloc(L, (size_t)n, sizeof *t);
    const char **names = scen__calloc(L, (size_t)n, sizeof *names);
    if (!t || !names) {
        free(t);
        free(names);
        return -1;
    }
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m = util_path_index(&L->p, i);
        t[i].tech = -1;
        t[i].team = -1;
        t[i].probability = 1;
        names[i] = t[i].name;
        if (!cJSON_IsObject(it)) {
            scen__err(L, "must be a task object {\"name\": …, \"kind\": …, \"effort_days\": …}, got %s",
                desc(it, got, sizeof got));
        } else if (scen__read_name(L, it, t[i].name) == 0) {
            for (int j = 0; j < i; j++)
                if (strcmp(t[j].name, t[i].name) == 0) {
                    size_t m2 = push(L, "name");
                    scen__err(L, "duplicate task name '%s' (also task [%d])", t[i].name, j);
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
        size_t m = util_path_index(&L->p, i);
        const scen__place *pl = &scen__places[is_template ? P_TASK : P_PROJECT_TASK];
        scen__check_keys(L, it, pl);
        const cJSON *v = get(it, "kind");
        if (!v) {
            scen__err(L, "missing \"kind\" (the kind of work: app, test, db, …)");
        } else {
            size_t m2 = push(L, "kind");
            int k = scen__read_task_kind(L, v);
            if (k >= 0)
                t[i].kind = (org_kind)k;
            pop(L, m2);
        }
        if ((v = get(it, "tech"))) {
            size_t m2 = push(L, "tech");
            int tt = scen__read_tech_ref(L, v, S, 1);
            if (tt >= -1)
                t[i].tech = tt;
            pop(L, m2);
        }
        if (!(v = get(it, "effort_days"))) {
            scen__err(L, "missing \"effort_days\" (a number of days, or {\"median\": m, \"p90\": q})");
        } else {
            size_t m2 = push(L, "effort_days");
            scen__read_dist(L, v, &t[i].effort_days);
            pop(L, m2);
        }
        int save = L->note;     /* a task's fields are no overrides lines of their own */
        L->note = 0;
        scen__read_fields(L, it, pl, &t[i], S, 0);
        L->note = save;
        if ((v = get(it, "after"))) {
            size_t m2 = push(L, "after");
            read_after(L, v, &t[i], names, n);
            pop(L, m2);
        }
        pop(L, m);
    }
    free(names);
    if (util_diags_count(L->d) == before && !L->oom) {
        char cyc[512];
        if (find_cycle(t, n, cyc, sizeof cyc))
            scen__err(L, "the tasks' \"after\" lists form a cycle: %s (each waits for the next, so none can start)", cyc);
    }
    if (util_diags_count(L->d) != before || L->oom) {
        scen__tasks_free(t, n);
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
    int place;                  /* its keys */
    size_t size;
    int max;
    int allow_blank;            /* a scenario may define one from scratch (no base) */
    int policy_keys;            /* presets: the last keys, a policy's, that "change_policy" may stand for */
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

/* The change policy named by v (a problem at change_policy otherwise). */
static const org_policy *policy_find(ld *L, const cJSON *v)
{
    char got[96], list[512];
    const cat *C = L->C;
    int n = C ? C->n_policies : 0;
    const org_policy *found = NULL;
    const char **names = scen__calloc(L, (size_t)n + 1, sizeof *names);
    if (!names)
        return NULL;
    for (int i = 0; i < n; i++)
        names[i] = C->policies[i].name;
    scen__join(list, sizeof list, names, (size_t)n);
    size_t mk = push(L, "change_policy");
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be the name of a change policy (%s), got %s", list, desc(v, got, sizeof got));
    } else {
        for (int i = 0; i < n; i++)
            if (strcmp(names[i], v->valuestring) == 0)
                found = &C->policies[i];
        const char *sug = found ? NULL : util_suggest(v->valuestring, names, (size_t)n);
        if (!found && sug)
            scen__err(L, "unknown change policy %s; did you mean '%s'? (policies: %s)", desc(v, got, sizeof got),
                      sug, list);
        else if (!found)
            scen__err(L, "unknown change policy %s (policies: %s; define one under \"policies\" with "
                      "{\"name\": …, \"base\": …})", desc(v, got, sizeof got), list);
    }
    pop(L, mk);
    free(names);
    return found;
}

/* A design is an ownership model × a change policy: the policy named by
 * "change_policy" is applied first, then the object's own fields, which win
 * (its deploy_mode, board, window, effort_factor.deploy / .ci). A "default"
 * in the object's effort_factor covers every kind but the policy's two, so
 * the object is read with those two named from the policy. */
static void model_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    org_model *m = e;
    const org_policy *p = NULL;
    const cJSON *v = get(obj, "change_policy");
    cJSON *copy = NULL;
    if (v && (p = policy_find(L, v)) != NULL) {
        scen__note(L, "change_policy", p->name, m->change_policy[0] ? m->change_policy : "none");
        snprintf(m->change_policy, sizeof m->change_policy, "%s", p->name);
        m->deploy_mode = p->deploy_mode;
        m->change_board_every_days = p->change_board_every_days;
        m->release_window_every_days = p->release_window_every_days;
        m->effort_factor[ORG_KIND_DEPLOY] = p->deploy_effort_factor;
        m->effort_factor[ORG_KIND_CI] = p->ci_effort_factor;
        const cJSON *ef = get(obj, "effort_factor");
        if (cJSON_IsObject(ef) && get(ef, "default") && (!get(ef, "deploy") || !get(ef, "ci"))) {
            copy = cJSON_Duplicate(obj, 1);
            cJSON *cef = copy ? cJSON_GetObjectItemCaseSensitive(copy, "effort_factor") : NULL;
            if (!cef
                || (!get(cef, "deploy") && !cJSON_AddNumberToObject(cef, "deploy", p->deploy_effort_factor))
                || (!get(cef, "ci") && !cJSON_AddNumberToObject(cef, "ci", p->ci_effort_factor)))
                L->oom = 1;
            else
                obj = copy;
        }
    }
    scen__read_fields(L, obj, &scen__places[P_MODEL], e, S, complete);
    cJSON_Delete(copy);
}

static int policy_copy(ld *L, void *dst, const void *src)
{
    (void)L;
    memcpy(dst, src, sizeof(org_policy));
    return 0;
}

static void policy_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    scen__read_fields(L, obj, &scen__places[P_POLICY], e, S, complete);
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

int scen__hosting_copy(ld *L, org_hosting *dst, const org_hosting *src)
{
    return hosting_copy(L, dst, src);
}

static void hosting_release(void *e)
{
    sim_dist_destroy(&((org_hosting *)e)->restore_days);
}

static void hosting_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    scen__read_fields(L, obj, &scen__places[P_HOSTING], e, S, complete);
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
    scen__tasks_free(t->tasks, t->n_tasks);
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
            !scen__dist_equal(&a[i].effort_days, &b[i].effort_days))
            return 0;
        for (int k = 0; k < a[i].n_after; k++)
            if (a[i].after[k] != b[i].after[k])
                return 0;
    }
    return 1;
}

static void template_read(ld *L, const cJSON *obj, void *e, const org_scenario *S, int complete)
{
    org_template *t = e;
    scen__read_fields(L, obj, &scen__places[P_TEMPLATE], t, S, complete);
    const cJSON *v = get(obj, "tasks");
    if (!v) {
        if (t->n_tasks == 0)
            scen__err(L, "missing \"tasks\" (a new template lists its tasks)");
        return;
    }
    size_t m = push(L, "tasks");
    org_task_spec *nt = NULL;
    int nn = 0;
    if (scen__read_tasks(L, v, 1, S, &nt, &nn) == 0) {
        if (L->note && L->ov && t->n_tasks > 0 && !tasks_equal(t->tasks, t->n_tasks, nt, nn))
            scen__overrides_add(L->ov, "%s.tasks = %d task%s (%s %d task%s)", L->ovp, nn, nn == 1 ? "" : "s",
                          L->basis, t->n_tasks, t->n_tasks == 1 ? "" : "s");
        scen__tasks_free(t->tasks, t->n_tasks);
        t->tasks = nt;
        t->n_tasks = nn;
    }
    pop(L, m);
}

static const listops ops_models = {
    "models", "model", P_MODEL, sizeof(org_model), SCEN_MAX_MODELS, 0, 4,
    model_copy, model_release, model_read,
};
static const listops ops_policies = {
    "policies", "change policy", P_POLICY, sizeof(org_policy), SCEN_MAX_MODELS, 0, 0,
    policy_copy, model_release, policy_read,
};
static const listops ops_hosting = {
    "hosting", "hosting point", P_HOSTING, sizeof(org_hosting), SCEN_MAX_MODELS, 0, 0,
    hosting_copy, hosting_release, hosting_read,
};
static const listops ops_templates = {
    "templates", "template", P_TEMPLATE, sizeof(org_template), SCEN_MAX_ITEMS, 1, 0,
    template_copy, template_release, template_read,
};

#define ELEM(arr, ops, i) ((char *)(arr) + (size_t)(i) * (ops)->size)

/* The catalogue entry an item of a list refers to: an index, -1 for a new
 * entry from scratch, -2 after a problem; the item's name goes to name.
 * cat_names[0..n_cat) are the names it may refer to (cat_list joined). */
static int list_item_base(ld *L, const cJSON *it, const listops *ops, const char **cat_names, int n_cat,
                          const char *cat_list, char name[ORG_NAME_MAX])
{
    char got[96];
    int base = -2;
    if (cJSON_IsString(it) && !L->presets) {
        for (int k = 0; k < n_cat; k++)
            if (strcmp(cat_names[k], it->valuestring) == 0)
                base = k;
        if (base >= 0) {
            snprintf(name, ORG_NAME_MAX, "%s", it->valuestring);
            return base;
        }
        const char *s = util_suggest(it->valuestring, cat_names, (size_t)n_cat);
        if (s)
            scen__err(L, "unknown %s %s; did you mean '%s'? (presets: %s)", ops->what,
                      desc(it, got, sizeof got), s, cat_list);
        else
            scen__err(L, "unknown %s %s (presets: %s; to define a new one give {\"name\": …, \"base\": …})",
                      ops->what, desc(it, got, sizeof got), cat_list);
        return -2;
    }
    if (!cJSON_IsObject(it)) {
        scen__err(L, "must be %s name or an object {\"name\": …, \"base\": …}, got %s",
                  L->presets ? "a" : "a preset", desc(it, got, sizeof got));
        return -2;
    }
    scen__check_keys(L, it, &scen__places[ops->place]);
    int named = scen__read_name(L, it, name) == 0;
    const cJSON *bv = get(it, "base");
    int in_cat = -1;
    for (int k = 0; named && k < n_cat; k++)
        if (strcmp(cat_names[k], name) == 0)
            in_cat = k;
    if (bv) {
        size_t mb = push(L, "base");
        if (!cJSON_IsString(bv)) {
            scen__err(L, "must be the name of a preset %s, got %s", ops->what, desc(bv, got, sizeof got));
        } else {
            for (int k = 0; k < n_cat; k++)
                if (strcmp(cat_names[k], bv->valuestring) == 0)
                    base = k;
            if (base < 0) {
                const char *s = util_suggest(bv->valuestring, cat_names, (size_t)n_cat);
                if (s)
                    scen__err(L, "unknown %s %s; did you mean '%s'?", ops->what, desc(bv, got, sizeof got), s);
                else
                    scen__err(L, "unknown %s %s (%s: %s)", ops->what, desc(bv, got, sizeof got),
                              L->presets ? "earlier entries" : "presets", cat_list);
                base = -2;
            } else if (!L->presets && in_cat >= 0 && in_cat != base) {
                scen__err(L, "'%s' is a preset %s: leave out \"base\" to override it, or choose a new name",
                          name, ops->what);
                base = -2;
            }
        }
        pop(L, mb);
    } else if (L->presets) {
        if (named && in_cat >= 0)
            scen__err(L, "duplicate %s name '%s'", ops->what, name);
        base = -1;
        /* a model naming a change policy need not set the policy's fields;
         * one that names none sets them all */
        size_t skip = ops->policy_keys == 0 ? 0 : get(it, "change_policy") ? (size_t)ops->policy_keys : 1;
        scen__require_keys(L, it, &scen__places[ops->place], skip);
    } else if (named) {
        if (in_cat >= 0) {
            base = in_cat;
        } else if (ops->allow_blank) {
            base = -1;
        } else {
            const char *s = util_suggest(name, cat_names, (size_t)n_cat);
            size_t mn = push(L, "name");
            if (s)
                scen__err(L, "unknown %s '%s'; did you mean '%s'? (to define a new %s, add \"base\": one of %s)",
                          ops->what, name, s, ops->what, cat_list);
            else
                scen__err(L, "unknown %s '%s': to define a new %s, add \"base\": one of %s",
                          ops->what, name, ops->what, cat_list);
            pop(L, mn);
        }
    }
    return named ? base : -2;
}

/* Reads an item's object obj into entry e (copied from base_name, or new),
 * with overrides lines prefixed "models.NAME". */
static void list_item_read(ld *L, const listops *ops, const cJSON *obj, void *e, const char *name,
                           const char *base_name, const org_scenario *S)
{
    char ovp_save[sizeof L->ovp], basis_save[sizeof L->basis];
    memcpy(ovp_save, L->ovp, sizeof ovp_save);
    memcpy(basis_save, L->basis, sizeof basis_save);
    snprintf(L->ovp, sizeof L->ovp, "%s.%s", ops->key, name);
    if (!base_name && !L->presets) {
        snprintf(L->basis, sizeof L->basis, "default");
        if (L->note && L->ov)
            scen__overrides_add(L->ov, "%s.%s = new %s", ops->key, name, ops->what);
    } else if (base_name && strcmp(base_name, name) != 0) {
        snprintf(L->basis, sizeof L->basis, "%s:", base_name);
        if (L->note && L->ov)
            scen__overrides_add(L->ov, "%s.%s = new %s based on %s", ops->key, name, ops->what, base_name);
    } else {
        snprintf(L->basis, sizeof L->basis, "preset");
    }
    ops->read(L, obj, e, S, base_name == NULL);
    memcpy(L->ovp, ovp_save, sizeof ovp_save);
    memcpy(L->basis, basis_save, sizeof basis_save);
}

/* Notes "models = a, b (preset: a, b, c)" when the selection differs from the catalogue. */
static void note_selection(ld *L, const listops *ops, const void *out, int n_out, const void *arr, int n)
{
    int same = n_out == n;
    for (int k = 0; same && k < n_out; k++)
        same = strcmp((const char *)ELEM(out, ops, k), (const char *)ELEM(arr, ops, k)) == 0;
    if (same)
        return;
    const char **sel = scen__calloc(L, (size_t)n_out, sizeof *sel);
    const char **all = scen__calloc(L, (size_t)n, sizeof *all);
    if (sel && all) {
        char a[512], b[512];
        for (int k = 0; k < n_out; k++)
            sel[k] = (const char *)ELEM(out, ops, k);
        for (int k = 0; k < n; k++)
            all[k] = (const char *)ELEM(arr, ops, k);
        scen__join(a, sizeof a, sel, (size_t)n_out);
        scen__join(b, sizeof b, all, (size_t)n);
        scen__overrides_add(L->ov, "%s = %s (preset: %s)", ops->key, a, b);
    }
    free(sel);
    free(all);
}

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
        scen__err(L, "must be an array of %s names or objects {\"name\": …, \"base\": …}, got %s", ops->what,
                  desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (count < 1) {
        scen__err(L, "must name at least one %s (leave \"%s\" out to use all presets)", ops->what, ops->key);
        pop(L, m);
        return;
    }
    if (count > ops->max) {
        scen__err(L, "lists %d entries, above the limit of %d", count, ops->max);
        pop(L, m);
        return;
    }
    void *out = scen__calloc(L, (size_t)count, ops->size);
    if (!out) {
        pop(L, m);
        return;
    }
    /* the catalogue a name or base refers to */
    void *cat_arr = L->presets ? out : *arr;
    int n_out = 0, errors_before = util_diags_count(L->d);
    const char **cat_names = scen__calloc(L, (size_t)(*n > count ? *n : count) + 1, sizeof *cat_names);
    int i = 0;
    for (const cJSON *it = v->child; it && cat_names; it = it->next, i++) {
        size_t mi = util_path_index(&L->p, i);
        int n_cat = L->presets ? n_out : *n;
        for (int k = 0; k < n_cat; k++)
            cat_names[k] = (const char *)ELEM(cat_arr, ops, k);
        char name[ORG_NAME_MAX] = "", cat_list[512];
        scen__join(cat_list, sizeof cat_list, cat_names, (size_t)n_cat);
        int base = list_item_base(L, it, ops, cat_names, n_cat, cat_list, name);
        /* duplicates within this list */
        for (int k = 0; base >= -1 && k < n_out; k++)
            if (strcmp((const char *)ELEM(out, ops, k), name) == 0) {
                scen__err(L, "duplicate %s '%s' (also [%d])", ops->what, name, k);
                base = -2;
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
                if (cJSON_IsObject(it))
                    list_item_read(L, ops, it, e, name, base >= 0 ? cat_names[base] : NULL, S);
            }
        }
        util_path_pop(&L->p, mi);
    }
    if (cat_names && !L->presets && L->note && L->ov && util_diags_count(L->d) == errors_before)
        note_selection(L, ops, out, n_out, *arr, *n);
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
        scen__err(L, "must be an array of {\"name\": …, \"kind\": …}, got %s", desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (count + S->n_techs > SCEN_MAX_ITEMS) {
        scen__err(L, "too many technologies (limit %d)", SCEN_MAX_ITEMS);
        pop(L, m);
        return;
    }
    org_tech *nt = scen__calloc(L, (size_t)(S->n_techs + count), sizeof *nt);
    int *from_list = scen__calloc(L, (size_t)(S->n_techs + count), sizeof *from_list);
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
        size_t mi = util_path_index(&L->p, i);
        char name[ORG_NAME_MAX];
        if (!cJSON_IsObject(it)) {
            scen__err(L, "must be an object {\"name\": …, \"kind\": …}, got %s", desc(it, got, sizeof got));
        } else {
            scen__check_keys(L, it, &scen__places[P_TECHNOLOGY]);
            int kind = -1, kind_ok = 1;
            const cJSON *kv = get(it, "kind");
            if (kv && !cJSON_IsNull(kv)) {
                size_t mk = push(L, "kind");
                kind = scen__read_task_kind(L, kv);
                kind_ok = kind >= 0;
                pop(L, mk);
            }
            if (scen__read_name(L, it, name) == 0 && kind_ok) {
                int found = -1;
                for (int k = 0; k < n; k++)
                    if (strcmp(nt[k].name, name) == 0)
                        found = k;
                if (found >= 0 && from_list[found]) {
                    size_t mn = push(L, "name");
                    scen__err(L, "duplicate technology '%s'", name);
                    pop(L, mn);
                } else if (found >= 0) {
                    if (L->note && L->ov && nt[found].kind != kind)
                        scen__overrides_add(L->ov, "technologies.%s.kind = %s (preset %s)", name,
                                      kind >= 0 ? scen__kind_names[kind] : "none",
                                      nt[found].kind >= 0 ? scen__kind_names[nt[found].kind] : "none");
                    nt[found].kind = kind;
                    from_list[found] = 1;
                } else {
                    memcpy(nt[n].name, name, sizeof name);
                    nt[n].kind = kind;
                    from_list[n] = 1;
                    if (L->note && L->ov)
                        scen__overrides_add(L->ov, "technologies.%s = new technology (kind %s)", name,
                                      kind >= 0 ? scen__kind_names[kind] : "none");
                    n++;
                }
            }
        }
        util_path_pop(&L->p, mi);
    }
    free(S->techs);
    S->techs = nt;
    S->n_techs = n;
    free(from_list);
    pop(L, m);
}

/* ---- teams and projects -------------------------------------------------------- */

void scen__cat_init(cat *C)
{
    memset(C, 0, sizeof *C);
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        C->stack[k] = -1;
        C->pt_stack[k] = -1;
    }
}

/* Deep copy of the presets into a scenario being built (no teams, projects). */
int scen__cat_copy(ld *L, cat *dst, const cat *src)
{
    *dst = *src;
    org_scenario *d = &dst->s;
    const org_scenario *s = &src->s;
    d->description = NULL;
    d->summary = NULL;
    d->techs = NULL;
    d->templates = NULL;
    d->models = NULL;
    d->hostings = NULL;
    d->teams = NULL;
    d->projects = NULL;
    d->n_techs = d->n_templates = d->n_models = d->n_hostings = d->n_teams = d->n_projects = 0;
    d->name[0] = '\0';
    dst->policies = scen__calloc(L, (size_t)src->n_policies, sizeof *dst->policies);
    dst->n_policies = 0;
    if (!dst->policies)
        return -1;
    memcpy(dst->policies, src->policies, (size_t)src->n_policies * sizeof *dst->policies);
    dst->n_policies = src->n_policies;
    d->techs = scen__calloc(L, (size_t)s->n_techs, sizeof *d->techs);
    d->models = scen__calloc(L, (size_t)s->n_models, sizeof *d->models);
    d->hostings = scen__calloc(L, (size_t)s->n_hostings, sizeof *d->hostings);
    d->templates = scen__calloc(L, (size_t)s->n_templates, sizeof *d->templates);
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

void scen__cat_free_policies(cat *C)
{
    free(C->policies);
    C->policies = NULL;
    C->n_policies = 0;
}

/* ---- the catalogue of a file ------------------------------------------------------ */

void scen__read_catalog(ld *L, const cJSON *root, cat *C)
{
    org_scenario *S = &C->s;
    read_techs(L, root, S);
    snprintf(L->basis, sizeof L->basis, "preset");
    scen__read_stack(L, root, "stack", S, C->stack);
    read_list(L, root, &ops_policies, (void **)&C->policies, &C->n_policies, S);
    L->C = C;
    read_list(L, root, &ops_models, (void **)&S->models, &S->n_models, S);
    L->C = NULL;
    read_list(L, root, &ops_hosting, (void **)&S->hostings, &S->n_hostings, S);
    read_list(L, root, &ops_templates, (void **)&S->templates, &S->n_templates, S);
}
