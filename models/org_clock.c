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

double org_clock_business_hours_per_week(double hours_per_day)
{
    return WORKDAYS_PER_WEEK * hours_per_day;
}

void org_clock_profile_rates(double per_week, double ratio, double hours_per_day, double *in_per_h,
                             double *out_per_h)
{
    double b = org_clock_business_hours_per_week(hours_per_day);
    *out_per_h = per_week / (ratio * b + (ORG_CLOCK_HOURS_PER_WEEK - b));
    *in_per_h = ratio * *out_per_h;
}

/* The first calendar hour after c at which business hours begin or end. */
static double next_edge(double c, double hours_per_day)
{
    double w = floor(c / ORG_CLOCK_HOURS_PER_WEEK);
    double r = c - ORG_CLOCK_HOURS_PER_WEEK * w;
    double d = floor(r / 24.0), h = r - 24.0 * d, h0 = day_start(hours_per_day);
    double week = w * ORG_CLOCK_HOURS_PER_WEEK;
    if (d < WORKDAYS_PER_WEEK && h < h0)
        return week + 24.0 * d + h0;
    if (d < WORKDAYS_PER_WEEK && h < h0 + hours_per_day)
        return week + 24.0 * d + h0 + hours_per_day;
    if (d + 1.0 < WORKDAYS_PER_WEEK)
        return week + 24.0 * (d + 1.0) + h0;
    return week + ORG_CLOCK_HOURS_PER_WEEK + h0;    /* Friday evening, weekend: Monday morning */
}

double org_clock_after(double c0, double hazard, double in_per_h, double out_per_h, double hours_per_day)
{
    double b = org_clock_business_hours_per_week(hours_per_day);
    double per_week = in_per_h * b + out_per_h * (ORG_CLOCK_HOURS_PER_WEEK - b);
    double weeks = floor(hazard / per_week);        /* whole weeks carry per_week each, from any start */
    double c = c0 + weeks * ORG_CLOCK_HOURS_PER_WEEK;
    hazard -= weeks * per_week;
    for (;;) {
        double edge = next_edge(c, hours_per_day);
        double rate = org_clock_in_hours(c, hours_per_day) ? in_per_h : out_per_h;
        double seg = rate * (edge - c);
        if (seg >= hazard)
            return c + hazard / rate;
        hazard -= seg;
        c = edge;
    }
}
