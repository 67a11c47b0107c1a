/* scen_timeline — a scenario's "timeline": dated events (switch the ownership
 * model, move engineers between teams, hire, freeze, migrate the hosting),
 * checked against the teams, models and hosting points already read and
 * against the run's horizon, then sorted by day into org_scenario.events.
 * Contradictions (moving more people than a team has at that date, a team to
 * itself, two model switches on one day) are problems with their JSON path. */
#include "scenario/scen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_const.h"

static const char *const do_names[ORG_TL_KIND_COUNT] = { "model", "move", "hire", "freeze", "migrate" };

/* Which keys each kind of event reads besides day/week and do. */
static const char *const *needs(org_tl_kind k, size_t *n)
{
    static const char *const model[] = { "model" };
    static const char *const move[] = { "from", "to", "count" };
    static const char *const hire[] = { "team", "count" };
    static const char *const freeze[] = { "until_day" };
    static const char *const migrate[] = { "hosting", "service", "kind", "effort_days" };
    static const char *const *const all[ORG_TL_KIND_COUNT] = { model, move, hire, freeze, migrate };
    static const size_t ns[ORG_TL_KIND_COUNT] = { 1, 3, 2, 1, 4 };
    *n = ns[k];
    return all[k];
}

/* A team by name ("central": the central team, index n_teams); -1 with a problem. */
static int read_team(ld *L, const cJSON *obj, const char *key, const org_scenario *S)
{
    const cJSON *v = get(obj, key);
    size_t m = push(L, key);
    char name[ORG_NAME_MAX], got[96];
    int found = -1;
    if (!v) {
        scen__err(L, "missing: the name of a team, or \"central\" for the central team");
    } else if (scen__read_name_value(L, v, name) == 0) {
        if (strcmp(name, "central") == 0)
            found = S->n_teams;
        for (int i = 0; i < S->n_teams && found < 0; i++)
            if (strcmp(S->teams[i].name, name) == 0)
                found = i;
        if (found < 0)
            scen__err(L, "unknown team %s (a product team of \"teams\"/\"product_teams\", or \"central\")",
                      desc(v, got, sizeof got));
    }
    pop(L, m);
    return found;
}

/* A number in [lo, hi] (integer when integral) at obj[key]; -1 with a problem. */
static int read_num(ld *L, const cJSON *obj, const char *key, double lo, double hi, int integral, double *out)
{
    const cJSON *v = get(obj, key);
    size_t m = push(L, key);
    char got[96], a[32], b[32];
    int rc = -1;
    scen__fmt_num(lo, a, sizeof a);
    scen__fmt_num(hi, b, sizeof b);
    if (!v)
        scen__err(L, "missing: a number from %s to %s", a, b);
    else if (!cJSON_IsNumber(v) || (integral && v->valuedouble != (double)(long long)v->valuedouble))
        scen__err(L, "must be %s from %s to %s, got %s", integral ? "a whole number" : "a number", a, b,
                  desc(v, got, sizeof got));
    else if (!(v->valuedouble >= lo && v->valuedouble <= hi))
        scen__err(L, "is %s, outside [%s, %s]", desc(v, got, sizeof got), a, b);
    else {
        *out = v->valuedouble;
        rc = 0;
    }
    pop(L, m);
    return rc;
}

void scen__stash_catalog(ld *L, const org_scenario *S, scen__stash *st)
{
    memset(st, 0, sizeof *st);
    if (L->presets)
        return;
    st->models = scen__calloc(L, (size_t)S->n_models, sizeof *st->models);
    st->hostings = scen__calloc(L, (size_t)S->n_hostings, sizeof *st->hostings);
    if (!st->models || !st->hostings)
        return;
    memcpy(st->models, S->models, (size_t)S->n_models * sizeof *st->models);
    st->n_models = S->n_models;
    for (int i = 0; i < S->n_hostings; i++) {
        st->hostings[i] = S->hostings[i];
        st->hostings[i].restore_days.values = NULL;
        if (sim_dist_copy(&st->hostings[i].restore_days, &S->hostings[i].restore_days) != 0) {
            L->oom = 1;
            return;
        }
        st->n_hostings++;
    }
}

void scen__stash_free(scen__stash *st)
{
    for (int i = 0; i < st->n_hostings; i++)
        sim_dist_destroy(&st->hostings[i].restore_days);
    free(st->hostings);
    free(st->models);
    memset(st, 0, sizeof *st);
}

/* The name at obj[key] found among n entries of stride bytes (the name
 * first in each): its index, or -1. */
static int find_name(const void *base, size_t stride, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp((const char *)base + (size_t)i * stride, name) == 0)
            return i;
    return -1;
}

/* The target of a "model" event: one of the scenario's models, else a
 * preset; copied into S->tl_models. Its index there, or -1 with a problem. */
static int read_model_target(ld *L, const cJSON *obj, org_scenario *S, const scen__stash *st)
{
    const cJSON *v = get(obj, "model");
    size_t m = push(L, "model");
    char name[ORG_NAME_MAX], got[96];
    int idx = -1;
    if (!v) {
        scen__err(L, "missing: the ownership model from this day on");
    } else if (scen__read_name_value(L, v, name) == 0) {
        const org_model *src = NULL;
        int i = find_name(S->models, sizeof *S->models, S->n_models, name);
        if (i >= 0)
            src = &S->models[i];
        else if ((i = find_name(st->models, sizeof *st->models, st->n_models, name)) >= 0)
            src = &st->models[i];
        org_model *grown = src ? realloc(S->tl_models, (size_t)(S->n_tl_models + 1) * sizeof *grown) : NULL;
        if (!src)
            scen__err(L, "unknown model %s (one of the scenario's models or a preset)", desc(v, got, sizeof got));
        else if (!grown)
            L->oom = 1;
        else {
            S->tl_models = grown;
            S->tl_models[S->n_tl_models] = *src;
            idx = S->n_tl_models++;
        }
    }
    pop(L, m);
    return idx;
}

/* The same for a "migrate" event's hosting point (into S->tl_hostings). */
static int read_hosting_target(ld *L, const cJSON *obj, org_scenario *S, const scen__stash *st)
{
    const cJSON *v = get(obj, "hosting");
    size_t m = push(L, "hosting");
    char name[ORG_NAME_MAX], got[96];
    int idx = -1;
    if (!v) {
        scen__err(L, "missing: the hosting point to move to");
    } else if (scen__read_name_value(L, v, name) == 0) {
        const org_hosting *src = NULL;
        int i = find_name(S->hostings, sizeof *S->hostings, S->n_hostings, name);
        if (i >= 0)
            src = &S->hostings[i];
        else if ((i = find_name(st->hostings, sizeof *st->hostings, st->n_hostings, name)) >= 0)
            src = &st->hostings[i];
        org_hosting *grown = src ? realloc(S->tl_hostings, (size_t)(S->n_tl_hostings + 1) * sizeof *grown) : NULL;
        if (!src)
            scen__err(L, "unknown hosting point %s (one of the scenario's hosting points or a preset)",
                      desc(v, got, sizeof got));
        else if (!grown)
            L->oom = 1;
        else {
            S->tl_hostings = grown;
            org_hosting *d = &S->tl_hostings[S->n_tl_hostings];
            *d = *src;
            d->restore_days.values = NULL;
            if (sim_dist_copy(&d->restore_days, &src->restore_days) != 0)
                L->oom = 1;
            else
                idx = S->n_tl_hostings++;
        }
    }
    pop(L, m);
    return idx;
}

/* The event's day from "day" or "week" (exactly one), below horizon. */
static int read_day(ld *L, const cJSON *obj, double horizon, double *day)
{
    int has_d = get(obj, "day") != NULL, has_w = get(obj, "week") != NULL;
    if (!has_d && !has_w) {
        scen__err(L, "missing: when it happens, \"day\" (working day) or \"week\" (week w starts on day 5·w)");
        return -1;
    }
    if (has_d && has_w) {
        size_t m = push(L, "week");
        scen__err(L, "give \"day\" or \"week\", not both");
        pop(L, m);
        return -1;
    }
    const char *key = has_d ? "day" : "week";
    double v;
    double top = has_d ? SCEN_MAX_HORIZON_DAYS : SCEN_MAX_HORIZON_DAYS / ORG_DAYS_PER_WEEK;
    if (read_num(L, obj, key, 0, top, !has_d, &v) != 0)
        return -1;
    *day = has_d ? v : v * ORG_DAYS_PER_WEEK;
    if (*day >= horizon) {
        size_t m = push(L, key);
        char when[48] = "";
        if (!has_d)
            snprintf(when, sizeof when, " (day %g)", *day);
        scen__err(L, "%s %g%s is at or beyond the horizon: the run ends on day %g (warmup_days + measure_days)",
                  key, v, when, horizon);
        pop(L, m);
        return -1;
    }
    return 0;
}

/* The fields of one event of kind k. 0 or -1. */
static int read_event_body(ld *L, const cJSON *obj, org_scenario *S, const scen__stash *st, double horizon,
                           org_tl_event *e)
{
    char got[96];
    double v;
    int bad = 0;
    switch (e->kind) {
    case ORG_TL_MODEL:
        e->model = read_model_target(L, obj, S, st);
        return e->model < 0 ? -1 : 0;
    case ORG_TL_MOVE:
        e->from = read_team(L, obj, "from", S);
        e->to = read_team(L, obj, "to", S);
        bad = e->from < 0 || e->to < 0;
        if (read_num(L, obj, "count", 1, SCEN_MAX_ENGINEERS, 1, &v) == 0)
            e->count = (int)v;
        else
            bad = 1;
        if (!bad && e->from == e->to) {
            size_t m = push(L, "to");
            scen__err(L, "moves engineers from a team to itself");
            pop(L, m);
            bad = 1;
        }
        return bad ? -1 : 0;
    case ORG_TL_HIRE:
        e->to = read_team(L, obj, "team", S);
        if (read_num(L, obj, "count", 1, SCEN_MAX_ENGINEERS, 1, &v) == 0)
            e->count = (int)v;
        else
            bad = 1;
        return bad || e->to < 0 ? -1 : 0;
    case ORG_TL_FREEZE:
        if (read_num(L, obj, "until_day", 0, horizon, 0, &e->until_day) != 0)
            return -1;
        if (e->until_day <= e->day) {
            size_t m = push(L, "until_day");
            scen__err(L, "is %g, not after the freeze's first day %g", e->until_day, e->day);
            pop(L, m);
            return -1;
        }
        return 0;
    case ORG_TL_MIGRATE:
        e->hosting = read_hosting_target(L, obj, S, st);
        e->service = -1;    /* absent or null: the whole organisation moves */
        if (get(obj, "service") && !cJSON_IsNull(get(obj, "service"))) {
            size_t m = push(L, "service");
            char name[ORG_NAME_MAX];
            if (scen__read_name_value(L, get(obj, "service"), name) != 0)
                bad = 1;
            else if ((e->service = find_name(S->services, sizeof *S->services, S->n_services, name)) < 0) {
                scen__err(L, "unknown service %s (a service of teams[].services, or a team's name when it "
                             "lists none)", desc(get(obj, "service"), got, sizeof got));
                bad = 1;
            }
            pop(L, m);
        }
        e->work_kind = ORG_KIND_IAC;
        if (get(obj, "kind")) {
            size_t m = push(L, "kind");
            e->work_kind = scen__read_task_kind(L, get(obj, "kind"));
            pop(L, m);
            bad |= e->work_kind < 0;
        }
        e->effort_days = 10.0;
        if (get(obj, "effort_days") && read_num(L, obj, "effort_days", 0, SCEN_MAX_DELAY_DAYS, 0, &e->effort_days) != 0)
            bad = 1;
        return bad || e->hosting < 0 ? -1 : 0;
    default:
        return -1;
    }
}

/* Keys that belong to another kind of event. */
static void check_foreign_keys(ld *L, const cJSON *obj, org_tl_kind k)
{
    size_t n;
    const char *const *mine = needs(k, &n);
    for (const cJSON *it = obj->child; it; it = it->next) {
        if (!strcmp(it->string, "day") || !strcmp(it->string, "week") || !strcmp(it->string, "do"))
            continue;
        int ok = 0;
        for (size_t i = 0; i < n; i++)
            ok |= strcmp(it->string, mine[i]) == 0;
        if (!ok && scen__valid_name(it->string)) {
            size_t m = push(L, it->string);
            char list[256];
            scen__join(list, sizeof list, mine, n);
            scen__err(L, "is not a field of a \"%s\" event (its fields: day or week, do, %s)", do_names[k], list);
            pop(L, m);
        }
    }
}

static int by_day(const void *a, const void *b)
{
    const org_tl_event *x = a, *y = b;
    return x->day < y->day ? -1 : x->day > y->day ? 1 : 0;
}

/* Replays the headcount through the events in day order: a move out of a
 * team that has fewer engineers then, or two model switches on one day, is
 * a contradiction. idx maps sorted events to their place in the file. */
static void check_contradictions(ld *L, org_scenario *S, const int *idx)
{
    int nt = S->n_teams + 1;
    int *size = calloc((size_t)nt, sizeof *size);
    if (!size) {
        L->oom = 1;
        return;
    }
    for (int i = 0; i < S->n_teams; i++)
        size[i] = S->teams[i].size;
    size[S->n_teams] = S->central_size;
    for (int i = 0; i < S->n_events; i++) {
        const org_tl_event *e = &S->events[i];
        size_t m = util_path_index(&L->p, idx[i]);
        int named[2] = { e->kind == ORG_TL_MOVE ? e->from : -1,
                         e->kind == ORG_TL_MOVE || e->kind == ORG_TL_HIRE ? e->to : -1 };
        for (int j = 0; j < 2; j++)
            if (named[j] >= 0 && named[j] < S->n_teams && S->teams[named[j]].starts_day > e->day) {
                size_t mk = push(L, e->kind == ORG_TL_HIRE ? "team" : j ? "to" : "from");
                scen__err(L, "team '%s' starts on day %g (its starts_day), after this event on day %g",
                          S->teams[named[j]].name, S->teams[named[j]].starts_day, e->day);
                pop(L, mk);
            }
        if (e->kind == ORG_TL_MOVE) {
            if (size[e->from] < e->count) {
                size_t mc = push(L, "count");
                scen__err(L, "moves %d engineer%s out of '%s', which has %d on day %g (after the events before)",
                          e->count, e->count == 1 ? "" : "s",
                          e->from == S->n_teams ? "central" : S->teams[e->from].name, size[e->from], e->day);
                pop(L, mc);
            } else {
                size[e->from] -= e->count;
                size[e->to] += e->count;
            }
        } else if (e->kind == ORG_TL_HIRE) {
            size[e->to] += e->count;
        }
        for (int j = 0; j < i; j++)
            if (S->events[j].kind == e->kind && S->events[j].day == e->day
                && (e->kind == ORG_TL_MODEL
                    || (e->kind == ORG_TL_MIGRATE && (e->service < 0 || S->events[j].service < 0
                                                      || e->service == S->events[j].service)))) {
                scen__err(L, "a second \"%s\" event on day %g (timeline[%d] is on the same day)",
                          do_names[e->kind], e->day, idx[j]);
                break;
            }
        util_path_pop(&L->p, m);
    }
    free(size);
}

/* A team that starts later must start within the run, and not every team may. */
static void check_starts(ld *L, const cJSON *root, const org_scenario *S, double horizon)
{
    const cJSON *tv = get(root, "teams");
    int late = 0;
    for (int i = 0; i < S->n_teams; i++) {
        late += S->teams[i].starts_day > 0.0;
        if (S->teams[i].starts_day < horizon)
            continue;
        size_t m = push(L, "teams");
        size_t mi = util_path_index(&L->p, i < cJSON_GetArraySize(tv) ? i : 0);
        size_t ms = push(L, "starts_day");
        scen__err(L, "is %g, at or beyond the horizon: the run ends on day %g (warmup_days + measure_days)",
                  S->teams[i].starts_day, horizon);
        pop(L, ms);
        util_path_pop(&L->p, mi);
        pop(L, m);
    }
    if (S->n_teams > 0 && late == S->n_teams) {
        size_t m = push(L, "teams");
        scen__err(L, "every team has a starts_day after day 0: at least one team must exist from the start");
        pop(L, m);
    }
}

void scen__read_timeline(ld *L, const cJSON *root, org_scenario *S, const scen__stash *st)
{
    const cJSON *v = get(root, "timeline");
    check_starts(L, root, S, S->run.warmup_days + S->run.measure_days);
    if (!v)
        return;
    size_t m = push(L, "timeline");
    char got[96];
    int n = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v)) {
        scen__err(L, "must be a list of dated events [{\"day\": 60, \"do\": \"model\", \"model\": …}, …], got %s",
                  desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (n > SCEN_MAX_TEAMS) {
        scen__err(L, "lists %d events, above the limit of %d", n, SCEN_MAX_TEAMS);
        pop(L, m);
        return;
    }
    double horizon = S->run.warmup_days + S->run.measure_days;
    org_tl_event *ev = scen__calloc(L, (size_t)n, sizeof *ev);
    int *idx = scen__calloc(L, (size_t)n, sizeof *idx);
    int k = 0, i = 0, bad = 0;
    for (const cJSON *it = v->child; ev && idx && it; it = it->next, i++) {
        size_t mi = util_path_index(&L->p, i);
        org_tl_event e;
        memset(&e, 0, sizeof e);
        if (!cJSON_IsObject(it)) {
            scen__err(L, "must be an event {\"day\" or \"week\": …, \"do\": \"%s\"|\"%s\"|\"%s\"|\"%s\"|\"%s\", …}, got %s",
                      do_names[0], do_names[1], do_names[2], do_names[3], do_names[4], desc(it, got, sizeof got));
            bad = 1;
        } else {
            scen__check_keys(L, it, &scen__places[P_EVENT]);
            size_t md = push(L, "do");
            int kind = get(it, "do") ? scen__read_choice(L, get(it, "do"), do_names, ORG_TL_KIND_COUNT) : -1;
            if (!get(it, "do"))
                scen__err(L, "missing: what happens (one of model, move, hire, freeze, migrate)");
            pop(L, md);
            int day_ok = read_day(L, it, horizon, &e.day) == 0;
            if (kind >= 0) {
                e.kind = (org_tl_kind)kind;
                check_foreign_keys(L, it, e.kind);
                if (day_ok && read_event_body(L, it, S, st, horizon, &e) == 0) {
                    idx[k] = i;
                    ev[k++] = e;
                } else {
                    bad = 1;
                }
            } else {
                bad = 1;
            }
        }
        util_path_pop(&L->p, mi);
    }
    S->has_timeline = 1;
    if (ev && idx && !bad) {
        /* a stable sort by day: insertion, the lists are short */
        for (int a = 1; a < k; a++)
            for (int b = a; b > 0 && by_day(&ev[b - 1], &ev[b]) > 0; b--) {
                org_tl_event t = ev[b];
                ev[b] = ev[b - 1];
                ev[b - 1] = t;
                int ti = idx[b];
                idx[b] = idx[b - 1];
                idx[b - 1] = ti;
            }
        S->events = ev;
        S->n_events = k;
        ev = NULL;
        check_contradictions(L, S, idx);
    }
    free(ev);
    free(idx);
    pop(L, m);
}
