/* scen_teams — the organisation a scenario describes: product teams (listed
 * and generated), projects, the checks that need the whole scenario, and the
 * machine-protection limits. */
#include "scenario/scen_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int team_find(const org_scenario *S, const char *name)
{
    for (int i = 0; i < S->n_teams; i++)
        if (strcmp(S->teams[i].name, name) == 0)
            return i;
    return -1;
}

/* Listed teams a and b read alike in the assumptions: size, rate, stack. */
static int teams_alike(const org_team *a, const org_team *b)
{
    if (a->size != b->size || a->features_per_week != b->features_per_week)
        return 0;
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        if (a->stack[k] != b->stack[k])
            return 0;
    return 1;
}

/* The assumptions' lines of listed teams t[0 .. n-1], all alike: one team by
 * name, a run of them as one group ("teams.py-1 … py-45 (45 teams)", two as
 * "teams.a and b (2 teams)"), so a
 * scenario listing hundreds of teams reads as its handful of kinds. */
static void note_teams(ld *L, const org_scenario *S, const org_team *t, int n, const int *stack)
{
    if (!L->note || !L->ov)
        return;
    char f[32], who[2 * ORG_NAME_MAX + 48];
    scen__fmt_num(t->features_per_week, f, sizeof f);
    if (n == 1)
        snprintf(who, sizeof who, "teams.%s", t->name);
    else
        snprintf(who, sizeof who, "teams.%s %s %s (%d teams)", t->name, n == 2 ? "and" : "…", t[n - 1].name, n);
    scen__overrides_add(L->ov, "%s = %d engineer%s, %s feature%s/week%s", who, t->size, t->size == 1 ? "" : "s", f,
                        t->features_per_week == 1 ? "" : "s", n == 1 ? "" : " each");
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        if (t->stack[k] != stack[k])
            scen__overrides_add(L->ov, "%s%sstack.%s = %s (scenario stack %s)", who, n == 1 ? "." : ": ",
                                scen__kind_names[k], t->stack[k] >= 0 ? S->techs[t->stack[k]].name : "none",
                                stack[k] >= 0 ? S->techs[stack[k]].name : "none");
}

void scen__read_teams(ld *L, const cJSON *root, cat *C)
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
            scen__err(L, "must be an array of teams [{\"name\": …, \"size\": …}, …], got %s", desc(tv, got, sizeof got));
            pop(L, m);
            n_explicit = 0;
        } else if (n_explicit > SCEN_MAX_TEAMS) {
            size_t m = push(L, "teams");
            scen__err(L, "lists %d teams, above the limit of %d", n_explicit, SCEN_MAX_TEAMS);
            pop(L, m);
            return;
        }
    }
    /* next to "teams", product_teams generates only the count it states:
     * the presets' count would add teams nobody asked for */
    if (tv && cJSON_IsObject(pv) && !get(pv, "count")) {
        size_t m = push(L, "product_teams");
        scen__err(L, "next to \"teams\", give \"count\": the number of generated teams to add (0 to only "
                     "set the listed teams' default size and features_per_week)");
        pop(L, m);
        return;
    }
    int n_gen = (pv || !tv) ? C->pt_count : 0;
    if (n_explicit + n_gen > SCEN_MAX_TEAMS) {
        size_t m = push(L, "product_teams");
        scen__err(L, "%d teams in all is above the limit of %d", n_explicit + n_gen, SCEN_MAX_TEAMS);
        pop(L, m);
        return;
    }
    if (n_explicit + n_gen == 0) {
        scen__err(L, "a scenario needs at least one product team: give \"teams\" or \"product_teams\" with a count ≥ 1");
        return;
    }
    S->teams = scen__calloc(L, (size_t)(n_explicit + n_gen), sizeof *S->teams);
    if (!S->teams)
        return;
    S->n_teams = 0;
    int i = 0;
    L->note = 0;
    for (const cJSON *it = tv && n_explicit ? tv->child : NULL; it; it = it->next, i++) {
        size_t m = push(L, "teams");
        util_path_index(&L->p, i);
        org_team t;
        memset(&t, 0, sizeof t);
        t.size = C->pt_size;
        t.features_per_week = C->pt_fpw;
        memcpy(t.stack, C->stack, sizeof t.stack);
        t.second_service_prob = C->pt_second;
        if (!cJSON_IsObject(it)) {
            scen__err(L, "must be a team object {\"name\": …, \"size\": …}, got %s", desc(it, got, sizeof got));
        } else {
            scen__check_keys(L, it, &scen__places[P_TEAM]);
            int named = scen__read_name(L, it, t.name) == 0;
            scen__read_fields(L, it, &scen__places[P_TEAM], &t, S, 0);
            if (named && team_find(S, t.name) >= 0) {
                size_t mn = push(L, "name");
                scen__err(L, "duplicate team name '%s'", t.name);
                pop(L, mn);
            } else if (named) {
                S->teams[S->n_teams++] = t;
            }
        }
        pop(L, m);
    }
    L->note = !L->presets;
    for (int k = 0, run; k < S->n_teams; k += run) {
        for (run = 1; k + run < S->n_teams && teams_alike(&S->teams[k], &S->teams[k + run]); run++)
            ;
        note_teams(L, S, &S->teams[k], run, C->stack);
    }
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
        t.second_service_prob = C->pt_second;
        if (team_find(S, t.name) >= 0) {
            size_t m = push(L, "product_teams");
            scen__err(L, "generated team name '%s' is also the name of a team in \"teams\"; change \"name_prefix\"",
                t.name);
            pop(L, m);
            continue;
        }
        S->teams[S->n_teams++] = t;
    }
}

void scen__read_product_teams(ld *L, const cJSON *root, cat *C)
{
    const cJSON *v = get(root, "product_teams");
    memcpy(C->pt_stack, C->stack, sizeof C->pt_stack);
    if (!v)
        return;
    char got[96];
    size_t m = push(L, "product_teams");
    if (!cJSON_IsObject(v)) {
        scen__err(L, "must be an object {\"count\": …, \"size\": …, \"features_per_week\": …}, got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    const scen__place *pl = &scen__places[P_PRODUCT_TEAMS];
    scen__check_keys(L, v, pl);
    if (L->presets)
        scen__require_keys(L, v, pl, 1);    /* all but the stack */
    snprintf(L->ovp, sizeof L->ovp, "product_teams");
    snprintf(L->basis, sizeof L->basis, "preset");
    scen__read_fields(L, v, pl, C, &C->s, 0);
    const cJSON *pv = get(v, "name_prefix");
    if (pv) {
        size_t mp = push(L, "name_prefix");
        char probe[ORG_NAME_MAX + 16];
        if (!cJSON_IsString(pv) || strlen(pv->valuestring) > 50 ||
            (snprintf(probe, sizeof probe, "%s1", pv->valuestring), !scen__valid_name(probe))) {
            scen__err(L, "must be a text of at most 50 letters, digits, '_', '-' or '.', got %s",
                desc(pv, got, sizeof got));
        } else {
            scen__note(L, "name_prefix", pv->valuestring, C->pt_prefix);
            snprintf(C->pt_prefix, sizeof C->pt_prefix, "%s", pv->valuestring);
        }
        pop(L, mp);
    }
    if (!L->presets)
        scen__read_stack(L, v, "stack", &C->s, C->pt_stack);
    L->ovp[0] = '\0';
    pop(L, m);
}

void scen__read_projects(ld *L, const cJSON *root, org_scenario *S)
{
    const cJSON *v = get(root, "projects");
    if (!v)
        return;
    char got[96];
    size_t m = push(L, "projects");
    int count = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v)) {
        scen__err(L, "must be an array of projects [{\"name\": …, \"team\": …, \"tasks\": […]}], got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    if (count > SCEN_MAX_ITEMS) {
        scen__err(L, "lists %d projects, above the limit of %d", count, SCEN_MAX_ITEMS);
        pop(L, m);
        return;
    }
    S->projects = scen__calloc(L, (size_t)count, sizeof *S->projects);
    if (!S->projects) {
        pop(L, m);
        return;
    }
    int i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        size_t mi = util_path_index(&L->p, i);
        org_project p;
        memset(&p, 0, sizeof p);
        if (!cJSON_IsObject(it)) {
            scen__err(L, "must be a project object {\"name\": …, \"team\": …, \"tasks\": […]}, got %s",
                desc(it, got, sizeof got));
            util_path_pop(&L->p, mi);
            continue;
        }
        scen__check_keys(L, it, &scen__places[P_PROJECT]);
        int ok = scen__read_name(L, it, p.name) == 0;
        for (int k = 0; ok && k < S->n_projects; k++)
            if (strcmp(S->projects[k].name, p.name) == 0) {
                size_t mn = push(L, "name");
                scen__err(L, "duplicate project name '%s'", p.name);
                pop(L, mn);
                ok = 0;
            }
        int save = L->note;
        L->note = 0;
        scen__read_fields(L, it, &scen__places[P_PROJECT], &p, S, 0);
        L->note = save;
        int team = S->n_teams > 0 ? 0 : -1;
        const cJSON *tv = get(it, "team");
        if (tv) {
            size_t mt = push(L, "team");
            if (!cJSON_IsString(tv)) {
                scen__err(L, "must be the name of a product team, got %s", desc(tv, got, sizeof got));
                team = -1;
            } else if ((team = team_find(S, tv->valuestring)) < 0) {
                const char **names = scen__calloc(L, (size_t)S->n_teams + 1, sizeof *names);
                const char *s = NULL;
                if (names) {
                    for (int k = 0; k < S->n_teams; k++)
                        names[k] = S->teams[k].name;
                    s = util_suggest(tv->valuestring, names, (size_t)S->n_teams);
                }
                if (s)
                    scen__err(L, "unknown team %s; did you mean '%s'?", desc(tv, got, sizeof got), s);
                else
                    scen__err(L, "unknown team %s (teams: %s%s…)", desc(tv, got, sizeof got),
                        S->n_teams ? S->teams[0].name : "", S->n_teams > 1 ? ", " : "");
                free(names);
            }
            pop(L, mt);
        }
        const cJSON *tk = get(it, "tasks");
        if (!tk) {
            scen__err(L, "missing \"tasks\"");
            ok = 0;
        } else {
            size_t mt = push(L, "tasks");
            if (scen__read_tasks(L, tk, 0, S, &p.tasks, &p.n_tasks) != 0)
                ok = 0;
            pop(L, mt);
        }
        if (ok && team >= 0) {
            for (int k = 0; k < p.n_tasks; k++)
                p.tasks[k].team = team;
            if (L->note && L->ov) {
                char sd[32];
                scen__fmt_num(p.start_day, sd, sizeof sd);
                scen__overrides_add(L->ov, "projects.%s = %d task%s for team %s, starting on day %s", p.name,
                              p.n_tasks, p.n_tasks == 1 ? "" : "s", S->teams[team].name, sd);
            }
            S->projects[S->n_projects++] = p;
        } else {
            scen__tasks_free(p.tasks, p.n_tasks);
        }
        util_path_pop(&L->p, mi);
    }
    pop(L, m);
}

/* ---- checks across the whole scenario -------------------------------------------- */

static void limit_problem(util_diags *d, const char *file, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void limit_problem(util_diags *d, const char *file, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    util_diags_at(d, file, path, "%s", msg);
}

int scen_check_limits(const org_scenario *s, const char *file, util_diags *d)
{
    int before = util_diags_count(d);
    /* the staffing search adds targets.enablement_engineers to a platform team */
    double engineers = (double)s->central_size + s->targets.enablement_engineers, fpw = 0;
    for (int i = 0; i < s->n_teams; i++) {
        engineers += s->teams[i].size;
        fpw += s->teams[i].features_per_week;
    }
    double horizon = s->run.warmup_days + s->run.measure_days + s->run.drain_max_days;
    double arrival_days = s->run.warmup_days + s->run.measure_days;
    double combos = (double)(s->n_models > 0 ? s->n_models : 1) * (s->n_hostings > 0 ? s->n_hostings : 1);
    double reps = s->run.replications > 0 ? s->run.replications : 1;
    if (engineers > SCEN_MAX_ENGINEERS)
        limit_problem(d, file, "$", "%.0f engineers in all teams%s is above the limit of %d that protects "
                      "the machine; model a representative slice of the organisation", engineers,
                      s->targets.enablement_engineers > 0 ? " and targets.enablement_engineers" : "",
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
    return util_diags_count(d) - before;
}

/* A central team of 0 cannot take the work a model sends it (until the
 * timeline or the hiring rule staffs it: the product teams do it until then):
 * one problem per model that sends it work which exists (features: whether
 * any features arrive). */
static void check_central_zero(ld *L, const org_scenario *S, int features)
{
int grows = S->hiring.central_when_share_above > 0.0 && S->hiring.max_hires > 0;
for (int i = 0; i < S->n_events; i++)
    grows |= (S->events[i].kind == ORG_TL_MOVE || S->events[i].kind == ORG_TL_HIRE)
             && S->events[i].to == S->n_teams;
if (S->central_size == 0 && !grows) {
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
            util_diags_at(L->d, L->file, "$.central_team.size", "is 0, but model '%s' sends work to its %s "
                          "(%s): give the central team at least 1 engineer, or route that work to the "
                          "product teams", m->name, m->central_name, what);
    }
}
}

void scen__cross_checks(ld *L, const cJSON *root, cat *C)
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
        util_diags_at(L->d, L->file, "$.templates", "teams have features_per_week > 0 but no feature "
                      "template has a weight > 0");

    /* every task without a tech needs its service's stack technology for its kind */
    for (int v = 0; v < S->n_services; v++) {
        const org_service *sv = &S->services[v];
        int i = sv->team;
        int implicit = S->teams[i].n_services == 1 && strcmp(sv->name, S->teams[i].name) == 0;
        int reported[ORG_TASK_KINDS] = { 0 };
        char path[96], who[2 * ORG_NAME_MAX + 32];
        /* generated teams share one stack: their template tasks are checked once */
        int check_templates = i <= n_explicit;
        if (!implicit)
            snprintf(path, sizeof path, "$.teams[%d].services[%d].stack", i, v - S->teams[i].first_service);
        else if (i < n_explicit)
            snprintf(path, sizeof path, "$.teams[%d].stack", i);
        else
            snprintf(path, sizeof path, get(root, "product_teams") ? "$.product_teams.stack" : "$.stack");
        if (implicit)
            snprintf(who, sizeof who, "team '%s'", S->teams[i].name);
        else
            snprintf(who, sizeof who, "service '%s' of team '%s'", sv->name, S->teams[i].name);
        for (int t = 0; check_templates && features && S->teams[i].features_per_week > 0 && t < S->n_templates; t++)
            for (int k = 0; k < S->templates[t].n_tasks; k++) {
                const org_task_spec *ts = &S->templates[t].tasks[k];
                if (ts->tech < 0 && sv->stack[ts->kind] < 0 && !reported[ts->kind]) {
                    reported[ts->kind] = 1;
                    util_diags_at(L->d, L->file, path, "%s has no technology for '%s', which task '%s' "
                                  "of template '%s' needs: set one in \"stack\" or give the task a \"tech\"",
                                  who, org_kind_name(ts->kind), ts->name, S->templates[t].name);
                }
            }
        for (int p = 0; p < S->n_projects && v == S->teams[i].first_service; p++)
            for (int k = 0; k < S->projects[p].n_tasks; k++) {
                const org_task_spec *ts = &S->projects[p].tasks[k];
                if (ts->team == i && ts->tech < 0 && sv->stack[ts->kind] < 0 && !reported[ts->kind]) {
                    reported[ts->kind] = 1;
                    util_diags_at(L->d, L->file, path, "%s has no technology for '%s', which task '%s' "
                                  "of project '%s' needs: set one in \"stack\" or give the task a \"tech\"",
                                  who, org_kind_name(ts->kind), ts->name, S->projects[p].name);
                }
            }
    }

    /* interruptions are drawn from a Beta of that mean and spread, which
     * exists only when the variance is below m(1 − m); a share of 0 is off */
    {
        double m = S->flow.interruption_share, sd = S->flow.interruption_sd;
        if (m > 0.0 && sd > 0.0 && !(sd * sd < m * (1.0 - m)))
            util_diags_at(L->d, L->file, "$.flow.interruption_sd", "%g is too wide for a share of mean %g: "
                          "a Beta draw needs a spread below sqrt(m(1 − m)) = %.4g",
                          sd, m, sqrt(m * (1.0 - m)));
    }

    check_central_zero(L, S, features);

    double end_of_arrivals = S->run.warmup_days + S->run.measure_days;
    for (int p = 0; p < S->n_projects; p++)
        if (S->projects[p].start_day > end_of_arrivals) {
            char path[64];
            snprintf(path, sizeof path, "$.projects[%d].start_day", p);
            util_diags_at(L->d, L->file, path, "day %g is after the measured period ends (warm-up %g + "
                          "measured %g = day %g); start it earlier", S->projects[p].start_day,
                          S->run.warmup_days, S->run.measure_days, end_of_arrivals);
        }

    const org_targets *tg = &S->targets;
    if (tg->has_targets && !(tg->lead_time_p85_days > 0) && !(tg->ticket_wait_p85_days > 0) &&
        !(tg->max_utilization > 0) && !(tg->service_level_share > 0))
        util_diags_at(L->d, L->file, "$.targets", "states no target: give at least one of lead_time_p85_days, "
                      "ticket_wait_p85_days, max_utilization or service_level_share (the on-call floor "
                      "follows oncall.cover)");

    scen_check_limits(S, L->file, L->d);
}

/* ---- the whole file ----------------------------------------------------------------- */
