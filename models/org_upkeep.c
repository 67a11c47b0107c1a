/* org_upkeep — the fixed work of running what exists, independent of the
 * feature rate: patching, version upgrades, certificates and security
 * findings per infrastructure component (a service's technology) and per
 * distinct technology each executing team runs, scaled by the service's
 * hosting point's effort multiplier of the kind (so it shrinks along the continuum
 * as kinds move to the provider), plus the upkeep and support load of the
 * enablement items the platform team has delivered. One monthly cycle per
 * product team (all its services), staggered; the work goes to whoever owns toil. */
#include "models/org_sim_int.h"

/* The executing team of team's toil and upkeep. */
static int toil_exec(const sim *S, int team)
{
    return S->m->toil_owner == ORG_EXEC_PRODUCT || S->team_size[S->central] == 0 ? team : S->central;
}

static void add_work(sim *S, int cls, int svc, int kind, int exec, double effort, int keep_comp)
{
    if (effort <= 0.0)
        return;
    int t = org__side_task(S, cls, svc, kind, exec, effort);
    if (t == NONE)
        return;
    if (!keep_comp)
        TASK(S, t)->comp = NONE;      /* learning the technology, not a component */
    TASK(S, t)->planned = cls == TC_TOIL;   /* recurring: not an interrupt (org_unplanned.c) */
    org__enqueue(S, t);
}

/* Is technology tech run by exec (one of the teams whose toil it executes)
 * for a service before svc in index order? Then it was already counted. */
static int counted_before(const sim *S, int svc, int tech, int exec)
{
    for (int j = 0; j < svc; j++) {
        if (toil_exec(S, S->s->services[j].team) != exec)
            continue;
        for (int k = 0; k < ORG_TASK_KINDS; k++)
            if (S->s->services[j].stack[k] == tech && S->svc_h[j]->exists[k] && !org_kind_is_product((org_kind)k))
                return 1;
    }
    return 0;
}

/* One service's upkeep of this cycle. */
static void service_upkeep(sim *S, int svc, int exec, double weeks)
{
    const org_upkeep *U = &S->s->upkeep;
    const org_service *sv = &S->s->services[svc];
    const org_hosting *H = S->svc_h[svc];
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        int tech = sv->stack[k];
        if (tech < 0 || !H->exists[k] || org_kind_is_product((org_kind)k))
            continue;
        double scale = weeks * H->effort[k];
        add_work(S, TC_TOIL, svc, k, exec, U->days_per_component_week * scale, 1);
        /* A distinct technology is kept current once per executing team
         * (the first of its services here carries it). */
        if (!counted_before(S, svc, tech, exec))
            add_work(S, TC_TOIL, svc, k, exec, U->days_per_technology_week * scale, 0);
    }
}

void org__upkeep_tick(sim *S, int team)
{
    double weeks = ORG_UPKEEP_EVERY_DAYS / DAYS_PER_WEEK;
    int exec = toil_exec(S, team);
    const org_team *ot = &S->s->teams[team];
    for (int v = ot->first_service; v < ot->first_service + ot->n_services; v++)
        service_upkeep(S, v, exec, weeks);
    /* Delivered enablement items: upkeep of each, and this team's questions
     * about the adopted ones (the platform team answers). */
    if (S->m->enablement && S->team_size[S->central] > 0) {
        const org_enablement *en = &S->s->enablement;
        for (int k = 0; k < ORG_TASK_KINDS; k++) {
            if (team == 0)
                add_work(S, TC_TOIL, ot->first_service, k, S->central,
                         en->upkeep_days_per_item_week * weeks * S->enable_delivered[k], 0);
            add_work(S, TC_ENABLEMENT, ot->first_service, k, S->central,
                     en->support_days_per_item_team_week * weeks * S->enable_adopted[k], 0);
        }
    }
    org__schedule(S, S->now + ORG_UPKEEP_EVERY_DAYS, EV_UPKEEP, (uint64_t)team);
}
