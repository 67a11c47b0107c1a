/* charts_plan — a scenario's plan in words for the deck's assumptions: its
 * dated events (the timeline's, and teams that start later) in day order,
 * and its services (which team owns each, where it runs, the hosting plans
 * that place them). Read from the scenario embedded in results.json
 * ("scenario_file"), so `plot` says the same as `run`. Pure functions over
 * cJSON; the text is the caller's to free. */
#ifndef CHARTS_PLAN_H
#define CHARTS_PLAN_H

#include <cJSON.h>
#include "util/util_buf.h"

/* Appends one line ('\n'-terminated) per dated event of scenario to out, in
 * day order (ties in file order): "Week 70 (day 350): four engineers move
 * from the central team to team-1, with their knowledge". Returns the number
 * of lines (0 without a timeline or later teams); out->err on no memory. */
int charts_plan_events(const cJSON *scenario, util_buf *out);

/* The days of the timeline's events (not the later teams), in file order,
 * into days[max]: their count (at most max). */
int charts_plan_event_days(const cJSON *scenario, double *days, int max);

/* Whether the scenario's timeline has an event of kind what ("model",
 * "migrate", …). */
int charts_plan_timeline_does(const cJSON *scenario, const char *what);

/* Appends one line per team that lists services ("team-1 owns checkout,
 * payments (today on IaaS)") and one per hosting plan ("Plan half-paas:
 * checkout on PaaS, cart on PaaS; the rest where they run today"). Returns
 * the number of lines (0 when no team lists services and there are no
 * plans: each team then owns one service named after it). */
int charts_plan_services(const cJSON *scenario, util_buf *out);

#endif
