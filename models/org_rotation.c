/* org_rotation — the on-call rotation rule shared by the simulation and the
 * staffing search (see org_rotation.h). */
#include "models/org_rotation.h"

#include "models/org_clock.h"

/* 1 when service v has background incidents; *facility: its hosting point
 * has facility work (faults the central team answers). */
static int pages(const org_scenario *s, const org_hosting *const *svc_h, int h, int v, int *facility)
{
    const org_hosting *H = svc_h ? svc_h[v] : org_plan_hosting(s, h, v);
    *facility = H->exists[ORG_KIND_FACILITY];
    return H->incidents_per_service_week > 0.0;
}

int org_rotation_holds(const org_scenario *s, const org_model *M, const org_hosting *const *svc_h, int h,
                       int team, int central_staffed)
{
    /* Without the calendar clock nothing is simulated out of hours: no
     * rotation to staff or pay, as in the run. */
    if (!s->oncall.calendar_clock || s->oncall.cover == ORG_COVER_BUSINESS_HOURS)
        return 0;
    int product_first = M->incident_first_response == ORG_EXEC_PRODUCT || !central_staffed;
    int facility;
    if (team < s->n_teams) {
        const org_team *T = &s->teams[team];
        for (int v = T->first_service; product_first && v < T->first_service + T->n_services; v++)
            if (pages(s, svc_h, h, v, &facility))
                return 1;
        return 0;
    }
    if (!central_staffed)
        return 0;
    for (int v = 0; v < s->n_services; v++)
        if (pages(s, svc_h, h, v, &facility) && (!product_first || facility))
            return 1;
    return 0;
}

int org_rotation_pool_start(const org_scenario *s, int team)
{
    int k = s->oncall.product_teams_per_rotation > 1 ? s->oncall.product_teams_per_rotation : 1;
    return team >= s->n_teams ? team : team / k * k;
}

int org_rotation_pool_end(const org_scenario *s, int team)
{
    int k = s->oncall.product_teams_per_rotation > 1 ? s->oncall.product_teams_per_rotation : 1;
    if (team >= s->n_teams)
        return team + 1;
    int end = org_rotation_pool_start(s, team) + k;
    return end < s->n_teams ? end : s->n_teams;
}

int org_rotation_min_size(const org_scenario *s)
{
    switch (s->oncall.cover) {
    case ORG_COVER_24X7: return s->oncall.min_rotation;
    case ORG_COVER_FOLLOW_THE_SUN: return 2 * s->oncall.min_rotation_per_site;
    default: return 0;
    }
}

double org_rotation_standby_per_year(const org_scenario *s, double rotations)
{
    return s->oncall.cover == ORG_COVER_24X7
        ? rotations * ORG_CLOCK_WEEKS_PER_YEAR * s->costs.oncall_standby_per_week : 0.0;
}
