/* org_service — services apart from teams: which of its services a team's
 * feature touches, and each service's own streams of toil and incidents at
 * the hosting point it runs on (S->svc_h, read at every use so that a
 * service can move). Components are (service × technology). */
#include "models/org_sim_int.h"

#include <gsl/gsl_randist.h>

/* A service of team drawn by weight, skipping `not` (NONE: none skipped). */
static int draw(sim *S, const org_team *T, int not, gsl_rng *r)
{
    const org_service *sv = S->s->services;
    double total = 0.0;
    for (int v = T->first_service; v < T->first_service + T->n_services; v++)
        total += v == not ? 0.0 : sv[v].weight;
    double u = gsl_rng_uniform(r) * total;
    int last = NONE;
    for (int v = T->first_service; v < T->first_service + T->n_services; v++) {
        if (v == not)
            continue;
        last = v;
        if (u < sv[v].weight)
            return v;
        u -= sv[v].weight;
    }
    return last;    /* rounding at the top end */
}

int org__svc_pick(sim *S, int team, int *svcs)
{
    const org_team *T = &S->s->teams[team];
    svcs[0] = T->first_service;
    if (T->n_services < 2)
        return 1;
    gsl_rng *r = S->r_svc[team];
    svcs[0] = draw(S, T, NONE, r);
    if (T->second_service_prob <= 0.0 || gsl_rng_uniform(r) >= T->second_service_prob)
        return 1;
    svcs[1] = draw(S, T, svcs[0], r);
    return 2;
}

/* Picks an infrastructure kind present in this service at this hosting
 * point, weighted by how much of it there is (volume × effort). */
int org__svc_infra_kind(sim *S, int svc, gsl_rng *r)
{
    const org_hosting *H = S->svc_h[svc];
    static const int kinds[] = { ORG_KIND_VM, ORG_KIND_DB, ORG_KIND_CONTAINER, ORG_KIND_NETWORK,
                                 ORG_KIND_MONITORING, ORG_KIND_SECURITY, ORG_KIND_FACILITY,
                                 ORG_KIND_CI, ORG_KIND_CD, ORG_KIND_IAC, ORG_KIND_INTEGRATION };
    double w[sizeof kinds / sizeof kinds[0]], total = 0.0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        int k = kinds[i];
        w[i] = H->exists[k] && S->s->services[svc].stack[k] >= 0 ? H->volume[k] * H->effort[k] : 0.0;
        total += w[i];
    }
    double u = gsl_rng_uniform(r) * total;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (u < w[i])
            return kinds[i];
        u -= w[i];
    }
    return total > 0.0 ? ORG_KIND_DB : NONE;
}

void org__svc_toil(sim *S, int svc)
{
    gsl_rng *r = S->r_toil[svc];
    int kind = org__svc_infra_kind(S, svc, r);
    double effort = gsl_ran_exponential(r, TOIL_UNIT_DAYS);
    int team = S->s->services[svc].team;
    int exec = S->m->toil_owner == ORG_EXEC_PRODUCT || S->team_size[S->central] == 0 ? team : S->central;
    if (kind != NONE) {
        int t = org__side_task(S, TC_TOIL, svc, kind, exec, effort * S->svc_h[svc]->effort[kind]);
        if (t != NONE)
            org__enqueue(S, t);
    }
    double rate = S->svc_h[svc]->toil_days_per_service_week / DAYS_PER_WEEK / TOIL_UNIT_DAYS;
    if (rate > 0.0)
        org__schedule(S, S->now + gsl_ran_exponential(r, 1.0 / rate), EV_TOIL, (uint64_t)svc);
}

void org__svc_start(sim *S, int team, double t0)
{
    const org_team *T = &S->s->teams[team];
    for (int v = T->first_service; v < T->first_service + T->n_services; v++) {
        const org_hosting *H = S->svc_h[v];
        if (H->toil_days_per_service_week > 0.0) {
            double rate = H->toil_days_per_service_week / DAYS_PER_WEEK / TOIL_UNIT_DAYS;
            org__schedule(S, t0 + gsl_ran_exponential(S->r_toil[v], 1.0 / rate), EV_TOIL, (uint64_t)v);
        }
        org__incident_next(S, v, t0);
    }
}
