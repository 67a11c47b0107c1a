/* scen_services — services apart from teams, and hosting plans. A team owns
 * the services it lists (or one service named after itself); each service
 * has its own stack, weight and, optionally, its own hosting point. A
 * hosting plan puts every service on a hosting point; when a scenario names
 * plans, they are the columns compared instead of the hosting points. */
#include "scenario/scen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int service_find(const org_scenario *S, const char *name)
{
    for (int v = 0; v < S->n_services; v++)
        if (strcmp(S->services[v].name, name) == 0)
            return v;
    return -1;
}

/* The index of the hosting point named by v among S->points: the
 * scenario's hosting points, then any other the presets define (copied in
 * when first named); -1 with a problem at the current path. */
static int point_ref(ld *L, const cJSON *v, org_scenario *S)
{
    char got[96];
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be the name of a hosting point, got %s", desc(v, got, sizeof got));
        return -1;
    }
    for (int p = 0; p < S->n_points; p++)
        if (strcmp(S->points[p].name, v->valuestring) == 0)
            return p;
    const org_scenario *P = L->preset;
    for (int p = 0; P && p < P->n_hostings; p++)
        if (strcmp(P->hostings[p].name, v->valuestring) == 0) {
            org_hosting *grown = realloc(S->points, ((size_t)S->n_points + 1) * sizeof *grown);
            if (!grown) {
                L->oom = 1;
                return -1;
            }
            S->points = grown;
            if (scen__hosting_copy(L, &S->points[S->n_points], &P->hostings[p]) != 0)
                return -1;
            return S->n_points++;
        }
    int n = S->n_points + (P ? P->n_hostings : 0);
    const char **names = scen__calloc(L, (size_t)n + 1, sizeof *names);
    if (!names)
        return -1;
    for (int p = 0; p < S->n_points; p++)
        names[p] = S->points[p].name;
    n = S->n_points;
    for (int p = 0; P && p < P->n_hostings; p++) {
        int seen = 0;
        for (int q = 0; q < S->n_points; q++)
            seen |= strcmp(S->points[q].name, P->hostings[p].name) == 0;
        if (!seen)
            names[n++] = P->hostings[p].name;
    }
    char list[512];
    scen__join(list, sizeof list, names, (size_t)n);
    const char *s = util_suggest(v->valuestring, names, (size_t)n);
    if (s)
        scen__err(L, "unknown hosting point %s; did you mean '%s'? (hosting points: %s)", desc(v, got, sizeof got),
                  s, list);
    else
        scen__err(L, "unknown hosting point %s (hosting points: %s)", desc(v, got, sizeof got), list);
    free(names);
    return -1;
}

/* S->points starts as a copy of the scenario's hosting points. */
static void points_init(ld *L, org_scenario *S)
{
    S->points = scen__calloc(L, (size_t)S->n_hostings, sizeof *S->points);
    for (int h = 0; S->points && h < S->n_hostings; h++) {
        if (scen__hosting_copy(L, &S->points[h], &S->hostings[h]) != 0)
            return;
        S->n_points++;
    }
}

/* Appends service sv to S->services unless its name is taken; where[v]
 * records the JSON path each service was declared at. */
static void add_service(ld *L, org_scenario *S, org_service *sv, char (*where)[96])
{
    int other = service_find(S, sv->name);
    if (other >= 0) {
        const org_service *o = &S->services[other];
        if (o->team == sv->team)
            scen__err(L, "duplicate service '%s' in team '%s'", sv->name, S->teams[sv->team].name);
        else
            scen__err(L, "service '%s' is owned by two teams: '%s' (%s) and '%s'; a service has one owning team",
                      sv->name, S->teams[o->team].name, where[other], S->teams[sv->team].name);
        return;
    }
    size_t n = strlen(L->p.buf) < sizeof where[0] ? strlen(L->p.buf) : sizeof where[0] - 1;
    memcpy(where[S->n_services], L->p.buf, n);
    where[S->n_services][n] = '\0';
    S->services[S->n_services++] = *sv;
}

/* One entry of a team's "services": a name, or an object. */
static void read_service(ld *L, const cJSON *it, org_scenario *S, int team, char (*where)[96])
{
    char got[96];
    org_service sv;
    memset(&sv, 0, sizeof sv);
    sv.team = team;
    sv.weight = 1.0;
    sv.home = -1;
    memcpy(sv.stack, S->teams[team].stack, sizeof sv.stack);
    if (cJSON_IsString(it)) {
        if (scen__read_name_value(L, it, sv.name) == 0)
            add_service(L, S, &sv, where);
        return;
    }
    if (!cJSON_IsObject(it)) {
        scen__err(L, "must be a service name or an object {\"name\": …, \"weight\": …, \"stack\": …, "
                  "\"hosting\": …}, got %s", desc(it, got, sizeof got));
        return;
    }
    scen__check_keys(L, it, &scen__places[P_SERVICE]);
    int named = scen__read_name(L, it, sv.name) == 0;
    scen__read_fields(L, it, &scen__places[P_SERVICE], &sv, S, 0);
    const cJSON *hv = get(it, "hosting");
    if (hv) {
        size_t m = push(L, "hosting");
        sv.home = point_ref(L, hv, S);
        pop(L, m);
    }
    if (named)
        add_service(L, S, &sv, where);
}

/* The JSON object of each listed team, by team index (NULL: generated). */
static const cJSON **team_objects(ld *L, const cJSON *root, const org_scenario *S)
{
    const cJSON **obj = scen__calloc(L, (size_t)S->n_teams + 1, sizeof *obj);
    const cJSON *tv = get(root, "teams");
    int next = 0;
    for (const cJSON *it = obj && cJSON_IsArray(tv) ? tv->child : NULL; it && next < S->n_teams; it = it->next) {
        const cJSON *nv = get(it, "name");
        if (cJSON_IsString(nv) && strcmp(nv->valuestring, S->teams[next].name) == 0)
            obj[next++] = it;
    }
    return obj;
}

void scen__read_services(ld *L, const cJSON *root, org_scenario *S)
{
    points_init(L, S);
    const cJSON **obj = team_objects(L, root, S);
    if (!obj)
        return;
    char got[96];
    int cap = 0;
    for (int i = 0; i < S->n_teams; i++) {
        const cJSON *sv = get(obj[i], "services");
        cap += cJSON_IsArray(sv) && cJSON_GetArraySize(sv) > 0 ? cJSON_GetArraySize(sv) : 1;
    }
    if (cap > SCEN_MAX_TEAMS) {
        util_diags_at(L->d, L->file, "$.teams", "%d services in all is above the limit of %d", cap, SCEN_MAX_TEAMS);
        free(obj);
        return;
    }
    S->services = scen__calloc(L, (size_t)cap, sizeof *S->services);
    char (*where)[96] = scen__calloc(L, (size_t)cap, sizeof *where);
    S->n_services = 0;
    for (int i = 0; i < S->n_teams && S->services && where; i++) {
        org_team *T = &S->teams[i];
        T->first_service = S->n_services;
        const cJSON *sv = get(obj[i], "services");
        if (!sv) {
            /* one service named after the team, with its stack */
            org_service one;
            memset(&one, 0, sizeof one);
            memcpy(one.name, T->name, sizeof one.name);
            one.team = i;
            one.weight = 1.0;
            one.home = -1;
            memcpy(one.stack, T->stack, sizeof one.stack);
            size_t m = push(L, obj[i] ? "teams" : "product_teams");
            if (obj[i])
                util_path_index(&L->p, i);
            add_service(L, S, &one, where);
            pop(L, m);
        } else {
            size_t m = push(L, "teams");
            util_path_index(&L->p, i);
            push(L, "services");
            if (!cJSON_IsArray(sv) || cJSON_GetArraySize(sv) == 0) {
                scen__err(L, "must be a non-empty array of services [\"checkout\", {\"name\": …, \"weight\": …}], "
                          "got %s", desc(sv, got, sizeof got));
            } else {
                int j = 0;
                for (const cJSON *it = sv->child; it; it = it->next, j++) {
                    size_t mj = util_path_index(&L->p, j);
                    read_service(L, it, S, i, where);
                    pop(L, mj);
                }
            }
            pop(L, m);
        }
        T->n_services = S->n_services - T->first_service;
    }
    free(where);
    free(obj);
}

/* ---- hosting plans ----------------------------------------------------------------- */

/* The plan's column: each service's hosting point averaged (exists: any
 * service has the kind), the restore distribution of the point most
 * services use. For staffing hints and hosting cost only; the simulation
 * reads every service's own point. 0, or -1 (memory). */
static int plan_column(ld *L, org_scenario *S, const int *pt, org_hosting *col)
{
    int nv = S->n_services, best = 0;
    int *uses = scen__calloc(L, (size_t)S->n_points, sizeof *uses);
    if (!uses)
        return -1;
    for (int v = 0; v < nv; v++)
        if (++uses[pt[v]] > uses[best])
            best = pt[v];
    free(uses);
    for (int v = 0; v < nv; v++) {
        const org_hosting *P = &S->points[pt[v]];
        for (int k = 0; k < ORG_TASK_KINDS; k++) {
            col->exists[k] |= P->exists[k];
            col->volume[k] += P->volume[k] / nv;
            col->effort[k] += P->effort[k] / nv;
        }
        col->toil_days_per_service_week += P->toil_days_per_service_week / nv;
        col->incidents_per_service_week += P->incidents_per_service_week / nv;
        col->procurement_days += P->procurement_days / nv;
        col->test_automation += P->test_automation / nv;
        col->hosting_cost_per_service_month += P->hosting_cost_per_service_month / nv;
    }
    if (sim_dist_copy(&col->restore_days, &S->points[best].restore_days) != 0) {
        L->oom = 1;
        return -1;
    }
    return 0;
}

/* One plan object into name and pt (a hosting point per service). */
static void read_plan(ld *L, const cJSON *it, org_scenario *S, char name[ORG_NAME_MAX], int *pt)
{
    char got[96];
    if (!cJSON_IsObject(it)) {
        scen__err(L, "must be a plan {\"name\": …, \"services\": {\"SERVICE\": \"HOSTING\", …}}, got %s",
                  desc(it, got, sizeof got));
        return;
    }
    scen__check_keys(L, it, &scen__places[P_HOSTING_PLAN]);
    scen__read_name(L, it, name);
    int def = -1;
    const cJSON *dv = get(it, "default");
    if (dv) {
        size_t m = push(L, "default");
        def = point_ref(L, dv, S);
        pop(L, m);
    }
    for (int v = 0; v < S->n_services; v++)
        pt[v] = def >= 0 ? def : S->services[v].home;
    const cJSON *sv = get(it, "services");
    size_t m = push(L, "services");
    if (sv && !cJSON_IsObject(sv)) {
        scen__err(L, "must be an object {\"SERVICE\": \"HOSTING\", …}, got %s", desc(sv, got, sizeof got));
    } else if (sv) {
        const char **names = scen__calloc(L, (size_t)S->n_services + 1, sizeof *names);
        for (int v = 0; names && v < S->n_services; v++)
            names[v] = S->services[v].name;
        for (const cJSON *e = sv->child; e && names; e = e->next) {
            size_t me = push(L, e->string);
            int v = service_find(S, e->string);
            if (v < 0) {
                const char *s = util_suggest(e->string, names, (size_t)S->n_services);
                if (s)
                    scen__err(L, "unknown service '%s'; did you mean '%s'?", e->string, s);
                else
                    scen__err(L, "unknown service '%s' (services: %s%s…)", e->string, names[0],
                              S->n_services > 1 ? ", " : "");
            } else {
                int p = point_ref(L, e, S);
                if (p >= 0)
                    pt[v] = p;
            }
            pop(L, me);
        }
        free(names);
    }
    pop(L, m);
    for (int v = 0; v < S->n_services; v++)
        if (pt[v] < 0) {
            scen__err(L, "does not place service '%s', which has no \"hosting\" of its own: name it in "
                      "\"services\" or give the plan a \"default\"", S->services[v].name);
            break;
        }
}

void scen__read_plans(ld *L, const cJSON *root, org_scenario *S)
{
    const cJSON *v = get(root, "hosting_plans");
    if (!v || !S->services)
        return;
    char got[96];
    size_t m = push(L, "hosting_plans");
    int n = cJSON_GetArraySize(v), before = util_diags_count(L->d);
    if (!cJSON_IsArray(v) || n < 1 || n > SCEN_MAX_MODELS) {
        scen__err(L, "must be an array of 1 to %d plans [{\"name\": …, \"services\": {…}}], got %s",
                  SCEN_MAX_MODELS, desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    int nv = S->n_services;
    int *pt = scen__calloc(L, (size_t)n * (size_t)nv, sizeof *pt);
    char (*names)[ORG_NAME_MAX] = scen__calloc(L, (size_t)n, sizeof *names);
    int i = 0;
    for (const cJSON *it = pt && names ? v->child : NULL; it; it = it->next, i++) {
        size_t mi = util_path_index(&L->p, i);
        read_plan(L, it, S, names[i], pt + (size_t)i * (size_t)nv);
        for (int k = 0; k < i && names[i][0]; k++)
            if (strcmp(names[k], names[i]) == 0) {
                scen__err(L, "duplicate plan '%s' (also [%d])", names[i], k);
                break;
            }
        pop(L, mi);
    }
    pop(L, m);
    org_hosting *cols = util_diags_count(L->d) == before && pt && names
                      ? scen__calloc(L, (size_t)n, sizeof *cols) : NULL;
    if (!cols) {
        free(pt);
        free(names);
        return;
    }
    /* the plans are the columns; the hosting points, the services' places */
    for (int h = 0; h < S->n_hostings; h++)
        sim_dist_destroy(&S->hostings[h].restore_days);
    free(S->hostings);
    S->hostings = cols;
    S->n_hostings = 0;
    S->plan_point = pt;
    for (int h = 0; h < n; h++) {
        memcpy(cols[h].name, names[h], ORG_NAME_MAX);
        if (plan_column(L, S, pt + (size_t)h * (size_t)nv, &cols[h]) != 0)
            break;
        S->n_hostings++;
    }
    free(names);
}
