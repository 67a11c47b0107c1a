/* org_unplanned — unplanned work and rework of product teams (issue 15;
 * flow.unplanned_share, off by default): work nobody planned — urgent
 * requests, bugs found late, redoing what was done — that the other
 * mechanisms do not model. Each product team receives items as a Poisson
 * stream sized so that they take unplanned_share of its present members'
 * time after interruptions; an item is queued ahead of feature work (behind
 * incidents), preempts nothing, and teaches context on one product
 * component of the team's own services. Its random numbers come from a
 * stream of its own per team, so switching it on leaves every other stream
 * as it was. With flow.unplanned_net_days > 0 (the default) the share is
 * the total of unplanned work: the team's own operations interrupts
 * (incidents, rest after night pages, toil other than upkeep), as a running
 * share of its available time, count towards it and only the rest arrives
 * as items. */
#include "models/org_sim_int.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "sim/sim_rng.h"

/* Share of a present member's time that is available for work (after
 * meetings and interruptions): the base of the share. */
static double after_share(double interruption_share)
{
    return interruption_share > 0.0 ? 1.0 - interruption_share : 1.0;
}

static double after_interruptions(const sim *S)
{
    return after_share(S->s->flow.interruption_share);
}

/* Candidate arrivals per member slot and working day: the share of a
 * present member's time after interruptions, in items of the mean effort.
 * Thinning by the members present turns these into the team's stream. */
static double rate_per_slot(const sim *S)
{
    const org_flow *fl = &S->s->flow;
    return fl->unplanned_share * after_interruptions(S) / fl->unplanned_effort_days;
}

void org__unplanned_net_step(double *ops, double *avail, int present, double interruption_share, double tau,
                             double dt)
{
    if (!(dt > 0.0))
        return;
    double keep = exp(-dt / tau);
    *ops *= keep;
    *avail = *avail * keep + present * after_share(interruption_share) * tau * (1.0 - keep);
}

/* Brings team's running sums up to now (org__unplanned_net_step), with the
 * members present counted at the last update: at each candidate (about 1.2
 * a day for a team of 4 at 0.21) and at the start. */
static void net_settle(sim *S, int team)
{
    double dt = S->now - S->unpl_since[team];
    if (!(dt > 0.0))
        return;
    org__unplanned_net_step(&S->unpl_ops[team], &S->unpl_avail[team], S->unpl_present[team],
                            S->s->flow.interruption_share, S->s->flow.unplanned_net_days, dt);
    S->unpl_since[team] = S->now;
}

/* Members of team present now. */
static int present_now(const sim *S, int team)
{
    int present = 0;
    for (int i = 0; i < S->n_members[team]; i++)
        present += S->present_flag[S->members[team][i]];
    return present;
}

void org__unplanned_ops(sim *S, int team, const task *T, double days)
{
    if (team == S->central || !(days > 0.0))
        return;
    if (T->cls != TC_INCIDENT && T->cls != TC_REST && !(T->cls == TC_TOIL && !T->planned))
        return;
    net_settle(S, team);
    S->unpl_ops[team] += days;
    if (S->now >= S->w0 && S->now < S->w1)
        S->unpl_netted += days;
}

/* Schedules team's next candidate arrival after day from, for the member
 * slots it has now (at least one, so that a team that gains members later
 * is still visited). */
static void next_candidate(sim *S, int team, double from)
{
    int bound = S->n_members[team] > 0 ? S->n_members[team] : 1;
    S->unpl_bound[team] = bound;
    double gap = gsl_ran_exponential(S->r_unplanned[team], 1.0 / (rate_per_slot(S) * bound));
    org__schedule(S, from + gap, EV_UNPLANNED, (uint64_t)team);
}

int org__unplanned_init(sim *S)
{
    if (!(S->s->flow.unplanned_share > 0.0))
        return 0;
    S->r_unplanned = calloc((size_t)(S->n_teams ? 2 * S->n_teams : 1), sizeof *S->r_unplanned);
    S->unpl_bound = calloc((size_t)(S->n_teams ? S->n_teams : 1), sizeof *S->unpl_bound);
    if (!S->r_unplanned || !S->unpl_bound)
        return -1;
    if (S->s->flow.unplanned_net_days > 0.0) {
        size_t n = (size_t)(S->n_teams ? S->n_teams : 1);
        S->unpl_ops = calloc(n, sizeof *S->unpl_ops);
        S->unpl_avail = calloc(n, sizeof *S->unpl_avail);
        S->unpl_since = calloc(n, sizeof *S->unpl_since);
        S->unpl_present = calloc(n, sizeof *S->unpl_present);
        if (!S->unpl_ops || !S->unpl_avail || !S->unpl_since || !S->unpl_present)
            return -1;
        for (int i = 0; i < S->n_teams; i++) {
            S->unpl_since[i] = S->s->teams[i].starts_day;
            S->unpl_present[i] = present_now(S, i);
        }
    }
    for (int i = 0; i < S->n_teams; i++) {
        /* Arrivals, components and efforts from one stream; who takes an
         * item from another, so that designs whose idle members differ
         * still see the same items (common random numbers). */
        S->r_unplanned[i] = sim_rng_new(S->s->run.seed, (uint64_t)S->rep, "unplanned", (uint64_t)i);
        S->r_unplanned[S->n_teams + i] = sim_rng_new(S->s->run.seed, (uint64_t)S->rep, "unplanned_assign", (uint64_t)i);
        if (!S->r_unplanned[i] || !S->r_unplanned[S->n_teams + i])
            return -1;
    }
    for (int i = 0; i < S->n_teams; i++)
        next_candidate(S, i, S->s->teams[i].starts_day);
    return 0;
}

void org__unplanned_free(sim *S)
{
    if (S->r_unplanned)
        for (int i = 0; i < 2 * S->n_teams; i++)
            if (S->r_unplanned[i])
                gsl_rng_free(S->r_unplanned[i]);
    free(S->r_unplanned);
    free(S->unpl_bound);
    free(S->unpl_ops);
    free(S->unpl_avail);
    free(S->unpl_since);
    free(S->unpl_present);
    S->r_unplanned = NULL;
    S->unpl_bound = NULL;
    S->unpl_ops = S->unpl_avail = S->unpl_since = NULL;
    S->unpl_present = NULL;
}

/* The service and product kind of a new item of team, uniform over the
 * product components (app, test) of the team's services; *kind
 * ORG_KIND_APP and the first service when the team has none. */
static int draw_component(sim *S, int team, gsl_rng *r, int *kind)
{
    static const int kinds[] = { ORG_KIND_APP, ORG_KIND_TEST };
    const org_team *T = &S->s->teams[team];
    int n = 0;
    for (int v = T->first_service; v < T->first_service + T->n_services; v++)
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            n += S->s->services[v].stack[kinds[k]] >= 0 && S->svc_h[v]->exists[kinds[k]];
    *kind = ORG_KIND_APP;
    if (n == 0)
        return T->first_service;
    int pick = (int)gsl_rng_uniform_int(r, (unsigned long)n);
    for (int v = T->first_service; v < T->first_service + T->n_services; v++)
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (S->s->services[v].stack[kinds[k]] >= 0 && S->svc_h[v]->exists[kinds[k]] && pick-- == 0) {
                *kind = kinds[k];
                return v;
            }
    return T->first_service;    /* not reached */
}

void org__unplanned_arrival(sim *S, int team)
{
    gsl_rng *r = S->r_unplanned[team];
    int present = present_now(S, team);
    double u = gsl_rng_uniform(r);
    double keep = present;      /* thinning: the rate of the members present */
    int kind = ORG_KIND_APP, svc = NONE;
    double effort = 0.0;
    if (S->unpl_ops) {          /* net: less the share the team's interrupts already take */
        /* Every candidate draws its item, kept or not, so that designs
         * which keep different candidates still draw the same items in
         * step (common random numbers). The gross stream draws only the
         * kept ones, as in session 9. */
        svc = draw_component(S, team, r, &kind);
        effort = gsl_ran_exponential(r, S->s->flow.unplanned_effort_days);
        net_settle(S, team);
        S->unpl_present[team] = present;
        double m = S->unpl_avail[team] > 0.0 ? S->unpl_ops[team] / S->unpl_avail[team] : 0.0;
        double rest = 1.0 - m / S->s->flow.unplanned_share;
        keep = present * (rest > 0.0 ? rest : 0.0);
    }
    if (u * S->unpl_bound[team] < keep) {
        if (!S->unpl_ops) {
            svc = draw_component(S, team, r, &kind);
            effort = gsl_ran_exponential(r, S->s->flow.unplanned_effort_days);
        }
        int t = org__side_task(S, TC_UNPLANNED, svc, kind, team, effort);
        if (t != NONE) {
            TASK(S, t)->prio = PRIO_RESUME;     /* ahead of feature work, behind incidents */
            if (S->now >= S->w0 && S->now < S->w1)
                S->unpl_items++;
            org__enqueue(S, t);
        }
    }
    next_candidate(S, team, S->now);
}

int org__unplanned_pick(sim *S, int team, int t)
{
    return org__idle_pick_r(S, team, t, S->r_unplanned[S->n_teams + TASK(S, t)->owner]);
}

void org__unplanned_started(sim *S, const task *T)
{
    if (T->t_first_queued >= S->w0 && T->t_first_queued < S->w1) {
        S->unpl_started++;
        S->unpl_wait_sum += S->now - T->t_first_queued;
    }
}

void org__unplanned_collect(sim *S, double *v, double days)
{
    int ub = org_metric_unplanned_base(S->s);
    if (ub < 0)
        return;
    v[ub + ORG_MU_ITEMS_PER_WEEK] = days > 0.0 ? (double)S->unpl_items / (days / DAYS_PER_WEEK) : (double)NAN;
    v[ub + ORG_MU_WAIT_MEAN] = S->unpl_started > 0 ? S->unpl_wait_sum / (double)S->unpl_started : (double)NAN;
    int un = org_metric_unplanned_net(S->s);
    if (un >= 0)
        v[un] = S->avail[0] > 0.0 ? S->unpl_netted / S->avail[0] : (double)NAN;
}
