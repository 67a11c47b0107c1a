/* org_cadence — the planning cadence (issue 15): a product team commits to
 * new features at iteration starts; a feature arriving mid-iteration waits
 * for the next. With Poisson arrivals the wait is uniform on [0, N), mean
 * N/2 for iterations of N working days. Also a timeline's freeze, the other
 * delay that holds feature work before it may be queued. */
#include "models/org_cadence.h"
#include "models/org_sim_int.h"

#include <math.h>

double org_cadence_start_day(double iteration_days, double team_start_day, double arrive_day)
{
    if (!(iteration_days > 0.0) || arrive_day <= team_start_day)
        return arrive_day;
    double k = ceil((arrive_day - team_start_day) / iteration_days);
    double at = team_start_day + k * iteration_days;
    return at > arrive_day ? at : arrive_day;
}

void org__plan_delay(sim *S, const task *T, double *delay, const char **why)
{
    if (T->cls != TC_FEATURE)
        return;
    if (S->freeze_until - S->now > *delay) {
        *delay = S->freeze_until - S->now;   /* a timeline's freeze: feature work and deploys wait */
        *why = "freeze";
    }
    const feature *F = FEAT(S, T->feature);
    double n = S->s->flow.iteration_days;
    if (!(n > 0.0) || F->project >= 0)
        return;                              /* projects are planned: they start on their day */
    double at = org_cadence_start_day(n, S->s->teams[F->team].starts_day, F->t_arrive);
    if (at - S->now > *delay) {
        *delay = at - S->now;
        *why = "iteration";
    }
}
