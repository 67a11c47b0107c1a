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

void org__flow_unavailable(sim *S, int tk, double a, double b)
{
    double lo = a > S->w0 ? a : S->w0, hi = b < S->w1 ? b : S->w1;
    if (hi > lo)
        S->avail[tk] -= hi - lo;
}
