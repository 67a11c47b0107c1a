/* org_timeline — a scenario's dated events inside one replication (switch
 * the ownership model, move engineers with their knowledge, hire novices,
 * freeze feature work, migrate the hosting point through migration work),
 * the hiring rule of a growing startup, and the weekly series a timeline
 * run reports. A replication of a scenario with a timeline runs twice with
 * the same random numbers: with its events and staying put (docs/model.md
 * "Timelines"). */
#include "models/org_sim_int.h"

#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

/* Weekly accumulators per week. */
enum { WK_FEAT, WK_LEAD, WK_NP, WK_NP_P, WK_BUSY_P, WK_BUSY_C, WK_AVAIL_P, WK_AVAIL_C, WK_INC, WK_COST,
       WK_COUNT };

const char *org_ts_name(org_ts_metric m)
{
    static const char *const names[ORG_TS_COUNT] = {
        "features_done", "features_done_cumulative", "lead_time_mean", "nonproduct_fte", "bus_factor_infra_mean",
        "utilization_product", "utilization_central", "incidents", "cost", "engineers",
    };
    return m >= 0 && m < ORG_TS_COUNT ? names[m] : "?";
}

static int rule_on(const org_scenario *s)
{
    return s->hiring.central_when_share_above > 0.0 && s->hiring.max_hires > 0;
}

int org__tl_slots(const sim *S, int team)
{
    const org_scenario *s = S->s;
    int n = team == S->central && rule_on(s) ? s->hiring.max_hires : 0;
    for (int i = 0; S->tl_on && i < s->n_events; i++) {
        const org_tl_event *e = &s->events[i];
        if ((e->kind == ORG_TL_MOVE || e->kind == ORG_TL_HIRE) && e->to == team)
            n += e->count;
    }
    return n;
}

int org__tl_start(sim *S)
{
    const org_scenario *s = S->s;
    S->mig_to = NONE;
    S->first_hire_day = S->first_hire_engs = NAN;
    for (int i = 0; i < S->n_teams; i++)
        if (s->teams[i].starts_day > 0.0)
            org__schedule(S, s->teams[i].starts_day, EV_TEAM_START, (uint64_t)i);
    if (!s->has_timeline && !rule_on(s))
        return 0;
    S->n_wk = (int)ceil(S->w1 / DAYS_PER_WEEK - 1e-9);
    S->wk = calloc((size_t)(S->n_wk ? S->n_wk : 1) * WK_COUNT, sizeof *S->wk);
    if (!S->wk)
        return -1;
    for (int i = 0; S->tl_on && i < s->n_events; i++)
        org__schedule(S, s->events[i].day, EV_TIMELINE, (uint64_t)i);
    return 0;
}

/* ------------------------------------------------------------ weekly sums */

/* Adds amount × (the part of [a, b) in each week) to field f. */
static void spread(sim *S, int f, double a, double b, double per_day)
{
    if (b <= a)
        return;
    int w0 = (int)floor(a / DAYS_PER_WEEK), w1 = (int)floor(b / DAYS_PER_WEEK);
    if (w0 < 0)
        w0 = 0;
    for (int w = w0; w <= w1 && w < S->n_wk; w++) {
        double lo = fmax(a, w * DAYS_PER_WEEK), hi = fmin(b, (w + 1) * DAYS_PER_WEEK);
        if (hi > lo)
            S->wk[(size_t)w * WK_COUNT + f] += (hi - lo) * per_day;
    }
}

static void bump(sim *S, int f, double v)
{
    int w = (int)floor(S->now / DAYS_PER_WEEK);
    if (w >= 0 && w < S->n_wk)
        S->wk[(size_t)w * WK_COUNT + f] += v;
}

void org__tl_busy(sim *S, int tk, int cat, double a, double b)
{
    if (cat == ORG_CAT_IDLE)
        return;
    if (cat != ORG_CAT_PRODUCT && cat != ORG_CAT_SWITCHING && cat != ORG_CAT_UNPLANNED) {  /* not non-product work */
        spread(S, WK_NP, a, b, 1.0);
        if (!tk)
            spread(S, WK_NP_P, a, b, 1.0);
    }
    if (!tk)
        spread(S, WK_BUSY_P, a, b, 1.0);
    else if (cat != ORG_CAT_ENABLEMENT)
        spread(S, WK_BUSY_C, a, b, 1.0);
}

void org__tl_presence(sim *S, const eng *E, double a, double b)
{
    int central = E->team == S->central;
    const org_costs *c = &S->s->costs;
    spread(S, central ? WK_AVAIL_C : WK_AVAIL_P, a, b, 1.0);
    spread(S, WK_COST, a, b, (central ? c->central_engineer_per_year : c->product_engineer_per_year) / DAYS_PER_YEAR);
}

void org__tl_feature_done(sim *S, const feature *F)
{
    if (F->project >= 0)
        return;
    bump(S, WK_FEAT, 1.0);
    bump(S, WK_LEAD, F->t_done - F->t_arrive);
}

void org__tl_incident(sim *S)
{
    bump(S, WK_INC, 1.0);
}

/* ----------------------------------------------------------------- events */

/* The first vacant never-used slot of team, or NONE. */
static int vacant_slot(const sim *S, int team)
{
    for (int i = 0; i < S->n_members[team]; i++)
        if (S->engs[S->members[team][i]].vacant == 1)
            return S->members[team][i];
    return NONE;
}

/* Engineer x moves into slot y of another team: skills and contexts go
 * with them (the slot's dispatch keys re-made), x's place is left empty. */
static void move_one(sim *S, int x, int y)
{
    eng *X = &S->engs[x], *Y = &S->engs[y];
    Y->vacant = 0;
    Y->gen++;
    org__hire(S, y, 1);
    org__idle_off(S, y);
    memcpy(Y->skill, X->skill, (size_t)S->n_techs * sizeof *Y->skill);
    Y->ctx_base = X->ctx_base;
    S->n_base_present += Y->ctx_base;
    for (int c = 0; c < S->n_comps && !S->fail; c++) {
        if (!org__ctx_find(S, X, c))
            continue;
        kent *ky = org__ctx_slot(S, y, c);
        const kent *kx = org__ctx_find(S, X, c);
        if (!ky || !kx)
            break;
        ky->k = kx->k;
        org__ctx_changed(S, y, c, ky);
    }
    org__idle_on(S, y);
    org__engineer_out(S, x);
    X->vacant = 2;      /* never filled again: x's pending departure must find nobody */
}

static void do_move(sim *S, const org_tl_event *e)
{
    for (int c = 0; c < e->count; c++) {
        int x = NONE;
        for (int i = S->n_members[e->from] - 1; i >= 0 && x == NONE; i--)
            if (S->engs[S->members[e->from][i]].present)
                x = S->members[e->from][i];
        int y = vacant_slot(S, e->to);
        if (x == NONE || y == NONE)
            break;      /* attrition took them: fewer people move */
        move_one(S, x, y);
        S->team_size[e->from]--;
        S->team_size[e->to]++;
    }
    org__dispatch_team(S, e->from);
    org__dispatch_team(S, e->to);
}

static void do_hire(sim *S, int team, int count, int novice)
{
    for (int c = 0; c < count; c++) {
        int y = vacant_slot(S, team);
        if (y == NONE)
            break;
        S->engs[y].vacant = 0;
        S->engs[y].gen++;
        org__hire(S, y, novice);
        S->team_size[team]++;
    }
    org__dispatch_team(S, team);
}

/* Moves service v to hosting point h (of tl_hostings): toil and incidents
 * its old point did not have start now. The caller marks the components. */
static void move_service(sim *S, int v, int h)
{
    const org_hosting *old = S->svc_h[v], *to = &S->s->tl_hostings[h];
    S->svc_h[v] = to;
    if (S->s->teams[S->s->services[v].team].starts_day > S->now)
        return;     /* its team starts later and starts its processes then */
    if (old->toil_days_per_service_week <= 0.0 && to->toil_days_per_service_week > 0.0)
        org__schedule(S, S->now + gsl_ran_exponential(S->r_toil[v], DAYS_PER_WEEK * TOIL_UNIT_DAYS
                                                     / to->toil_days_per_service_week), EV_TOIL, (uint64_t)v);
    if (old->incidents_per_service_week <= 0.0 && to->incidents_per_service_week > 0.0) {
        S->inc_cal[v] = NAN;    /* none was pending: the next is drawn from now */
        org__incident_next(S, v, S->now);
    }
}

/* The active components after a move. */
static void remark_components(sim *S)
{
    memset(S->active, 0, (size_t)S->n_comps * sizeof *S->active);
    memset(S->infra, 0, (size_t)S->n_comps * sizeof *S->infra);
    org__setup_components(S);
}

/* Moves every service to hosting point h: the organisation's point. */
static void switch_hosting(sim *S, int h)
{
    S->h = &S->s->tl_hostings[h];
    for (int v = 0; v < S->n_svcs; v++)
        move_service(S, v, h);
    remark_components(S);
}

/* Migration work, executed as the model routes its kind: for one service
 * (it moves when its work is done) or for every service (the organisation
 * moves when the last is done). Each task carries its event in parent. */
static void do_migrate(sim *S, const org_tl_event *e)
{
    const char *target = S->s->tl_hostings[e->hosting].name;
    int one = e->service;
    if (one >= 0 ? !strcmp(S->svc_h[one]->name, target) : (!strcmp(S->h->name, target) || S->mig_left > 0))
        return;     /* already there (a design at the target), or a migration under way */
    if (one < 0)
        S->mig_to = e->hosting;
    const org_route *rt = &S->m->route[e->work_kind];
    for (int v = one >= 0 ? one : 0; v < (one >= 0 ? one + 1 : S->n_svcs); v++) {
        int team = S->s->services[v].team;
        int exec = rt->executor == ORG_EXEC_PRODUCT || S->team_size[S->central] == 0 ? team : S->central;
        int t = org__side_task(S, TC_MIGRATION, v, e->work_kind, exec, e->effort_days);
        if (t == NONE)
            return;
        TASK(S, t)->parent = (int)(e - S->s->events);
        if (one < 0)
            S->mig_left++;
        org__enqueue(S, t);
    }
    if (one < 0 && S->mig_left == 0)
        switch_hosting(S, e->hosting);
}

void org__tl_migrated(sim *S, const task *T)
{
    const org_tl_event *e = &S->s->events[T->parent];
    org__oncall_mark(S);
    if (e->service >= 0) {
        move_service(S, T->svc, e->hosting);
        remark_components(S);
    } else if (--S->mig_left == 0 && S->mig_to != NONE) {
        switch_hosting(S, S->mig_to);
    }
}

void org__tl_event(sim *S, int i)
{
    const org_tl_event *e = &S->s->events[i];
    org__oncall_mark(S);
    switch (e->kind) {
    case ORG_TL_MODEL:
        S->m = &S->s->tl_models[e->model];
        break;
    case ORG_TL_MOVE:
        do_move(S, e);
        break;
    case ORG_TL_HIRE:
        do_hire(S, e->to, e->count, 1);
        break;
    case ORG_TL_FREEZE:
        if (e->until_day > S->freeze_until)
            S->freeze_until = e->until_day;
        break;
    case ORG_TL_MIGRATE:
        do_migrate(S, e);
        break;
    default:
        break;
    }
}

/* A team that starts later: its people join (hired for it: the role's
 * skills and context on their own new service) and its components count. */
void org__tl_team_start(sim *S, int team)
{
    org__oncall_mark(S);
    do_hire(S, team, S->s->teams[team].size + S->o->product_extra, 0);
    org__setup_components(S);
}

/* ------------------------------------------------------------ hiring rule */

static int engineers_present(const sim *S)
{
    int n = 0;
    for (int i = 0; i < S->n_engs; i++)
        n += S->engs[i].present;
    return n;
}

void org__tl_rule_hire(sim *S, int e)
{
    S->rule_pending = 0;
    if (S->engs[e].vacant != 1)
        return;
    org__oncall_mark(S);
    S->engs[e].vacant = 0;
    S->engs[e].gen++;
    org__hire(S, e, 0);
    S->team_size[S->central]++;
    if (S->rule_hires++ == 0) {
        S->first_hire_day = S->now;
        S->first_hire_engs = engineers_present(S);
    }
    org__dispatch_team(S, S->central);
}

/* The product teams' non-product share over the last window_weeks whole
 * weeks, against the present product engineers' time now. */
static void rule_check(sim *S, int w)
{
    const org_hiring_rule *r = &S->s->hiring;
    if (S->rule_pending || S->rule_hires >= r->max_hires || w < r->window_weeks)
        return;
    double np = 0.0;
    for (int k = w - r->window_weeks; k < w; k++)
        np += S->wk[(size_t)k * WK_COUNT + WK_NP_P];
    int people = 0;
    for (int i = 0; i < S->n_engs; i++)
        people += S->engs[i].present && S->engs[i].team != S->central;
    if (people == 0 || np / (people * r->window_weeks * DAYS_PER_WEEK) <= r->central_when_share_above)
        return;
    int y = vacant_slot(S, S->central);
    if (y == NONE)
        return;
    S->rule_pending = 1;
    org__schedule(S, S->now + S->s->people.hiring_delay_days, EV_RULE_HIRE, (uint64_t)y);
}

void org__tl_week(sim *S)
{
    int w = (int)floor(S->now / DAYS_PER_WEEK + 1e-9);
    if (w < 0 || w >= S->n_wk)
        return;
    double months = 12.0 / ORG_WEEKS_PER_YEAR;
    double hosting = 0.0;   /* a month of every service at its hosting point */
    for (int v = 0; v < S->n_svcs; v++)
        hosting += S->svc_h[v]->hosting_cost_per_service_month;
    S->wk[(size_t)w * WK_COUNT + WK_COST] += hosting * months;
    if (rule_on(S->s))
        rule_check(S, w);
}

/* ---------------------------------------------------------------- results */

static double ratio(double a, double b)
{
    return b > 0.0 ? a / b : (double)NAN;
}

void org__tl_collect(sim *S, org_rep *out, double *extra)
{
    if (rule_on(S->s)) {
        extra[0] = S->first_hire_day;
        extra[1] = S->first_hire_engs;
        extra[2] = S->rule_hires;
    }
    if (!S->s->has_timeline || !S->wk)
        return;
    out->series = malloc((size_t)(S->n_wk ? S->n_wk : 1) * ORG_TS_COUNT * sizeof *out->series);
    if (!out->series) {
        S->fail = 1;
        return;
    }
    out->n_weeks = S->n_wk;
    double cum = 0.0;
    for (int w = 0; w < S->n_wk; w++) {
        const double *a = &S->wk[(size_t)w * WK_COUNT];
        double *v = &out->series[(size_t)w * ORG_TS_COUNT];
        cum += a[WK_FEAT];
        v[ORG_TS_FEATURES_DONE] = a[WK_FEAT];
        v[ORG_TS_CUM_FEATURES] = cum;
        v[ORG_TS_LEAD_MEAN] = ratio(a[WK_LEAD], a[WK_FEAT]);
        v[ORG_TS_NONPRODUCT_FTE] = a[WK_NP] / DAYS_PER_WEEK;
        v[ORG_TS_BUS_INFRA] = w < S->n_series ? S->series[w].v[ORG_SERIES_BUS] : (double)NAN;
        v[ORG_TS_UTIL_PRODUCT] = ratio(a[WK_BUSY_P], a[WK_AVAIL_P]);
        v[ORG_TS_UTIL_CENTRAL] = ratio(a[WK_BUSY_C], a[WK_AVAIL_C]);
        v[ORG_TS_INCIDENTS] = a[WK_INC];
        v[ORG_TS_COST] = a[WK_COST];
        v[ORG_TS_ENGINEERS] = (a[WK_AVAIL_P] + a[WK_AVAIL_C]) / DAYS_PER_WEEK;
    }
}

/* ------------------------------------------------------------ replication */

int org_sim_run(const org_scenario *s, int m, int h, int rep, const org_sim_opts *opts, org_rep *out)
{
    if (!s->has_timeline)
        return org__sim_once(s, m, h, rep, opts, 1, out);
    if (org__sim_once(s, m, h, rep, opts, 1, out) != 0)
        return -1;
    size_t bytes = (size_t)(out->n_weeks ? out->n_weeks : 1) * ORG_TS_COUNT * sizeof(double);
    if (s->n_events == 0) {     /* nothing happens: staying put is the same run */
        out->series_stay = malloc(bytes);
        if (!out->series_stay) {
            org_rep_destroy(out);
            return -1;
        }
        memcpy(out->series_stay, out->series, bytes);
        return 0;
    }
    org_sim_opts o;
    org_sim_opts_init(&o);
    if (opts)
        o = *opts;
    o.trace = NULL;
    org_rep stay;
    if (org__sim_once(s, m, h, rep, &o, 0, &stay) != 0) {
        org_rep_destroy(out);
        return -1;
    }
    out->series_stay = stay.series;
    stay.series = NULL;
    org_rep_destroy(&stay);
    return 0;
}
