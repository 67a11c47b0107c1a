/* org_clock — the calendar behind the working-day clock. The simulation runs
 * in working days (5 a week); this maps them onto calendar hours (168 a
 * week) so that incidents can arrive at night and at weekends and restore
 * times can be reported in calendar hours (docs/model.md "Clock").
 *
 * The mapping: working day d (0-based, from a Monday) is calendar day
 * d mod 5 of week ⌊d/5⌋; its business hours run from ORG_CLOCK_DAY_START_H
 * for hours_per_day hours. Working time t = d + f (0 ≤ f < 1) is calendar hour
 * 168·⌊d/5⌋ + 24·(d mod 5) + ORG_CLOCK_DAY_START_H + f·hours_per_day. The time
 * out of business hours (evenings, nights, weekends) has no working time: it
 * collapses onto the instant t = d + 1 at which the next business morning
 * starts. Pure functions, no state. */
#ifndef ORG_CLOCK_H
#define ORG_CLOCK_H

#define ORG_CLOCK_HOURS_PER_WEEK 168.0
#define ORG_CLOCK_WEEKS_PER_YEAR 52.0
#define ORG_CLOCK_DAY_START_H 9.0   /* business hours start at 09:00 (earlier when a day is longer than 15 h) */

/* Calendar hours since Monday 00:00 of week 0 at working time t_days. */
double org_clock_hours(double t_days, double hours_per_day);

/* 1 when calendar hour c (since Monday 00:00 of week 0) is in business
 * hours, 0 otherwise. */
int org_clock_in_hours(double c, double hours_per_day);

/* The working time at calendar hour c: exact in business hours; out of
 * them, the start of the next business morning (an integer). */
double org_clock_days(double c, double hours_per_day);

/* Hours of business hours in a calendar week (5 working days). */
double org_clock_business_hours_per_week(double hours_per_day);

/* A time-of-day incident profile: the hourly rates in and out of business
 * hours, *in_per_h = ratio × *out_per_h, that keep per_week events a
 * calendar week (ratio 1: flat, per_week / 168 both). */
void org_clock_profile_rates(double per_week, double ratio, double hours_per_day, double *in_per_h,
                             double *out_per_h);

/* Exact inversion of a piecewise-constant rate: the calendar hour c > c0 at
 * which the integral from c0 of the rate (in_per_h in business hours,
 * out_per_h out of them, both > 0) reaches hazard >= 0. With hazard an
 * Exp(1) draw, c is the next event of that nonhomogeneous Poisson process. */
double org_clock_after(double c0, double hazard, double in_per_h, double out_per_h, double hours_per_day);

#endif
