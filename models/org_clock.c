/* org_clock — the calendar behind the working-day clock (see org_clock.h). */
#include "models/org_clock.h"

#include <math.h>

#define WORKDAYS_PER_WEEK 5.0

static double day_start(double hours_per_day)
{
    double latest = 24.0 - hours_per_day;
    return ORG_CLOCK_DAY_START_H < latest ? ORG_CLOCK_DAY_START_H : latest;
}

double org_clock_hours(double t_days, double hours_per_day)
{
    double w = floor(t_days / WORKDAYS_PER_WEEK);
    double r = t_days - WORKDAYS_PER_WEEK * w;
    double d = floor(r);
    return w * ORG_CLOCK_HOURS_PER_WEEK + 24.0 * d + day_start(hours_per_day) + (r - d) * hours_per_day;
}

int org_clock_in_hours(double c, double hours_per_day)
{
    double w = floor(c / ORG_CLOCK_HOURS_PER_WEEK);
    double r = c - ORG_CLOCK_HOURS_PER_WEEK * w;
    double d = floor(r / 24.0), h = r - 24.0 * d, h0 = day_start(hours_per_day);
    return d < WORKDAYS_PER_WEEK && h >= h0 && h < h0 + hours_per_day;
}

double org_clock_days(double c, double hours_per_day)
{
    double w = floor(c / ORG_CLOCK_HOURS_PER_WEEK);
    double r = c - ORG_CLOCK_HOURS_PER_WEEK * w;
    double d = floor(r / 24.0), h = r - 24.0 * d, h0 = day_start(hours_per_day);
    double base = w * WORKDAYS_PER_WEEK;
    if (d >= WORKDAYS_PER_WEEK)
        return base + WORKDAYS_PER_WEEK;            /* weekend: Monday morning */
    if (h < h0)
        return base + d;                            /* before the day starts */
    if (h < h0 + hours_per_day)
        return base + d + (h - h0) / hours_per_day; /* business hours */
    return base + d + 1.0;                          /* evening: the next morning */
}
