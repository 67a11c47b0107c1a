/* org_rotation — who holds an out-of-hours on-call rotation, how many people
 * it needs and what its stand-by costs: one rule, read by the simulation
 * (models/org_oncall.c: pages, stand-by cost) and by the staffing search
 * (models/org_staff.c: the on-call floor), so that both describe the same
 * rotations (docs/staffing.md "On-call", docs/model.md "Clock").
 * Pure functions of the scenario, no state. */
#ifndef ORG_ROTATION_H
#define ORG_ROTATION_H

#include "models/org_types.h"

/* 1 when team (0 .. n_teams-1 a product team, n_teams the central team)
 * holds a rotation under model M (never without the calendar clock:
 * nothing is simulated out of hours then) with services on the hosting points
 * svc_h[0 .. n_services-1] (NULL: those of column h, org_plan_hosting): the cover pages somebody out of hours (not
 * business_hours), and the team responds first to the background incidents
 * of a service that has any (incidents_per_service_week > 0): under a model
 * whose first response is "product" (or with no central team:
 * central_staffed 0) each product team for its own services and the central
 * team for facility faults; otherwise the central team alone. */
int org_rotation_holds(const org_scenario *s, const org_model *M, const org_hosting *const *svc_h, int h,
                       int team, int central_staffed);

/* The teams sharing team's rotation are [team's pool start, this end):
 * product teams in groups of oncall.product_teams_per_rotation in scenario
 * order (the last group may be smaller), the central team alone. Pools
 * start at 0 and at each end: for (p = 0; p <= n_teams; p = end(p)). */
int org_rotation_pool_start(const org_scenario *s, int team);
int org_rotation_pool_end(const org_scenario *s, int team);

/* The fewest people one team's rotation needs under s's cover (0: none,
 * business hours): oncall.min_rotation at one site (24x7), two sites of
 * oncall.min_rotation_per_site (follow_the_sun). */
int org_rotation_min_size(const org_scenario *s);

/* Stand-by allowance of `rotations` rotations (a mean over time in a run
 * whose rotations change) for a year (costs'
 * currency): 52 weeks × costs.oncall_standby_per_week each under 24x7 cover
 * (a night stand-by); 0 otherwise (follow-the-sun pages people in their
 * daytime; business hours pages nobody). */
double org_rotation_standby_per_year(const org_scenario *s, double rotations);

#endif
