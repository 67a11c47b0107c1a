/* org_cadence — the planning cadence of a product team (issue 15): new
 * features are committed to at iteration starts, so a feature that arrives
 * mid-iteration waits for the next start before any of its work begins.
 * Pure function of the scenario's numbers; the simulator keeps the state. */
#ifndef ORG_CADENCE_H
#define ORG_CADENCE_H

/* The first iteration start at or after arrive_day (working days) of a team
 * whose iterations of iteration_days working days begin at team_start_day;
 * arrive_day itself when iteration_days is 0 (no cadence) or arrive_day is
 * before the team starts. A feature arriving exactly at a start is taken at
 * once. */
double org_cadence_start_day(double iteration_days, double team_start_day, double arrive_day);

#endif
