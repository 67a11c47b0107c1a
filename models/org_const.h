/* org_const — the model's fixed constants: its working calendar and the
 * numerical tolerances its comparisons use. Everything a user may tune is
 * data (models/presets.json, docs/calibration.md), not here. */
#ifndef ORG_CONST_H
#define ORG_CONST_H

/* The working calendar (docs/calibration.md "Time"): simulation time is in
 * working days; a week has 5 of them and a year 50 such weeks (holidays and
 * leave taken out), so a year is 250 working days everywhere — attrition
 * rates per year, features per year in the staffing table, cost per year. */
#define ORG_DAYS_PER_WEEK    5.0
#define ORG_WEEKS_PER_YEAR   50.0
#define ORG_DAYS_PER_YEAR    (ORG_DAYS_PER_WEEK * ORG_WEEKS_PER_YEAR)
#define ORG_MONTHS_PER_YEAR  12.0

/* Tolerances. ORG_TIE_EPS: two model quantities (knowledge levels, metric
 * means against targets) closer than this are equal, so rounding noise never
 * decides a choice. ORG_CEIL_EPS: ceil(x − ORG_CEIL_EPS) rounds up a count or
 * a calendar slot without a rounding error pushing an exact integer one up. */
#define ORG_TIE_EPS          1e-12
#define ORG_CEIL_EPS         1e-9

#endif
