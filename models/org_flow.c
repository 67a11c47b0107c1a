/* org_flow — work inside a team (issue 15): partial availability. Meetings
 * and interruptions take a share of each engineer's day, drawn per
 * engineer-week, so a task's elapsed time is its effort ÷ the share left;
 * the lost time is neither hands-on time of the feature nor available time. */
#include "models/org_sim_int.h"

#include <gsl/gsl_randist.h>

double org__flow_available(sim *S, int e, const task *T)
{
    const org_flow *fl = &S->s->flow;
    if (!(fl->interruption_share > 0.0) || T->cls == TC_INCIDENT)
        return 1.0;
    eng *E = &S->engs[e];
    int week = (int)floor(S->now / DAYS_PER_WEEK) + 1;
    if (E->flow_week != week) {
        double m = fl->interruption_share, sd = fl->interruption_sd, x = m;
        if (sd > 0.0) {
            /* Beta with mean m and standard deviation sd (the loader checks
             * sd² < m(1 − m)): a + b = m(1 − m)/sd² − 1. */
            double k = m * (1.0 - m) / (sd * sd) - 1.0;
            x = gsl_ran_beta(S->r_flow[E->team], m * k, (1.0 - m) * k);
        }
        E->flow_week = week;
        E->flow_avail = 1.0 - x;
        if (E->flow_avail < 0.05)
            E->flow_avail = 0.05;        /* a week of nothing but meetings still moves work */
    }
    return E->flow_avail;
}

void org__flow_unavailable(sim *S, int team, double a, double b)
{
    double lo = a > S->w0 ? a : S->w0, hi = b < S->w1 ? b : S->w1;
    if (hi > lo) {
        S->avail[team == S->central ? 1 : 0] -= hi - lo;
        S->team_avail[team] -= hi - lo;
    }
}

/* ---- second-person review ------------------------------------------------ */

int org__review_open(sim *S, int t, int author)
{
    double share = S->s->flow.review_share;
    task *T = TASK(S, t);
    if (!(share > 0.0) || T->skip || T->kind == ORG_KIND_DEPLOY)
        return 0;
    int team = T->exec, other = 0;
    for (int i = 0; i < S->n_members[team] && !other; i++) {
        int m = S->members[team][i];
        other = m != author && S->present_flag[m];
    }
    if (!other)
        return 0;                   /* nobody else to review: done unreviewed */
    int r = org__side_task(S, TC_REVIEW, T->svc, T->kind, team, share * T->base_effort);
    if (r == NONE)
        return 0;
    T = TASK(S, t);                 /* the task list may have moved */
    task *R = TASK(S, r);
    R->feature = T->feature;
    R->spec = T->spec;
    R->tech = T->tech;
    R->comp = T->comp;              /* the reviewer learns the component: context from reviews */
    R->parent = t;
    R->asker = author;
    T->state = TS_WAIT;
    org__enqueue(S, r);
    return 1;
}

int org__review_pick(sim *S, int team, int t, int pick)
{
    int author = TASK(S, t)->asker;
    if (pick != author)
        return pick;
    for (int i = 0; i < S->n_members[team]; i++) {
        int m = S->members[team][i];
        if (m != author && S->idle_flag[m])
            return m;
    }
    return NONE;
}

/* ---- continuity ------------------------------------------------------------ */

int org__continuity_pick(sim *S, int team, int t, int pick)
{
    double p = S->s->flow.continuity;
    int c = S->cont_eng;
    const task *T = TASK(S, t);
    if (!(p > 0.0) || c == NONE || c == pick || T->cls != TC_FEATURE || T->feature != S->cont_feature
        || S->engs[c].team != team || !S->idle_flag[c])
        return pick;
    return p >= 1.0 || gsl_rng_uniform(S->r_flow[team]) < p ? c : pick;
}
