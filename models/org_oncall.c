/* org_oncall — incidents on the calendar clock and the on-call rotation.
 * Background incidents arrive around the clock (org_clock.h); those out of
 * business hours page the on-call engineer of the first-responder team
 * (a weekly rotation over its present members) at the scenario's cover, who
 * restores at a night penalty and loses rest the next working day. Restore
 * times, pages and stand-by cost are measured in calendar terms. */
#include "models/org_clock.h"
#include "models/org_rotation.h"
#include "models/org_sim_int.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

int org__oncall_init(sim *S)
{
    int nt = S->n_teams + 1, nv = S->n_svcs + 1;
    S->inc_cal = malloc((size_t)nv * sizeof *S->inc_cal);
    S->oncall_free = malloc((size_t)nt * sizeof *S->oncall_free);
    if (!S->inc_cal || !S->oncall_free)
        return -1;
    for (int i = 0; i < nv; i++)
        S->inc_cal[i] = NAN;
    for (int i = 0; i < nt; i++)
        S->oncall_free[i] = -INFINITY;
    S->oncall_w1_rot = S->oncall_w1_members = -1;
    return 0;
}

void org__oncall_free(sim *S)
{
    free(S->inc_cal);
    free(S->oncall_free);
}

double org__cal_now(const sim *S)
{
    return org_clock_hours(S->now, S->s->hours_per_day);
}

void org__incident_next(sim *S, int svc, double from)
{
    gsl_rng *r = S->r_incident[svc];
    double per_week = S->svc_h[svc]->incidents_per_service_week;
    if (!(per_week > 0.0))
        return;     /* none at this hosting point (a migration may start them again) */
    if (!S->s->oncall.calendar_clock) {
        double rate = per_week / DAYS_PER_WEEK;
        org__schedule(S, from + gsl_ran_exponential(r, 1.0 / rate), EV_INCIDENT, (uint64_t)svc);
        return;
    }
    /* The same weekly rate spread over the 168 hours of a calendar week:
     * flat, or business_hours_incident_ratio times as high in business
     * hours (exact inversion; the flat profile keeps its own draw). */
    double hpd = S->s->hours_per_day, ratio = S->s->oncall.business_hours_incident_ratio;
    double c0 = isnan(S->inc_cal[svc]) ? org_clock_hours(from, hpd) : S->inc_cal[svc];
    double c;
    if (ratio == 1.0) {
        c = c0 + gsl_ran_exponential(r, ORG_CLOCK_HOURS_PER_WEEK / per_week);
    } else {
        double in_per_h, out_per_h;
        org_clock_profile_rates(per_week, ratio, hpd, &in_per_h, &out_per_h);
        c = org_clock_after(c0, gsl_ran_exponential(r, 1.0), in_per_h, out_per_h, hpd);
    }
    S->inc_cal[svc] = c;
    org__schedule(S, org_clock_days(c, S->s->hours_per_day), EV_INCIDENT, (uint64_t)svc);
}

double org__incident_cal(const sim *S, int svc)
{
    return S->s->oncall.calendar_clock ? S->inc_cal[svc] : (double)NAN;
}

/* The engineer on call for team's rotation at calendar hour c: the
 * rotation (the members of every team of its pool, org_rotation.h) moves
 * by one present member, in team and member order, each calendar week;
 * NONE when nobody is present. */
static int on_call_engineer(const sim *S, int team, double c)
{
    int p0 = org_rotation_pool_start(S->s, team), p1 = org_rotation_pool_end(S->s, team);
    int n = 0;
    for (int t = p0; t < p1; t++)
        for (int i = 0; i < S->n_members[t]; i++)
            n += S->present_flag[S->members[t][i]];      /* compact: a large pool is one read per 64 members */
    if (n == 0)
        return NONE;
    long k = (long)floor(c / ORG_CLOCK_HOURS_PER_WEEK) % n;
    for (int t = p0; t < p1; t++)
        for (int i = 0; i < S->n_members[t]; i++) {
            int e = S->members[t][i];
            if (S->present_flag[e] && k-- == 0)
                return e;
        }
    return NONE;
}

/* Night work of days (productive, at full pace) teaches like day work. */
static void learn_at_night(sim *S, int e, const incident *I, double days)
{
    const org_knowledge *K = &S->s->knowledge;
    eng *E = &S->engs[e];
    if (I->tech >= 0) {
        kv_learn(S, &E->skill[I->tech], K->skill_gain_per_day, days, S->decay_skill);
        org__skill_changed(S, e, I->tech);
    }
    if (I->comp >= 0) {
        kent *k = org__ctx_slot(S, e, I->comp);
        if (!k)
            return;
        org__know_flush(S);
        kv_learn(S, &k->k, K->context_gain_per_day * org__load_factor(S, e), days, S->decay_ctx);
        org__ctx_changed(S, e, I->comp, k);
    }
}

/* Rest after night work on service svc: team loses rest_per_night_hour
 * hours of this working day per hour worked (at most a day), booked as
 * incident time. */
static void take_rest(sim *S, int team, int svc, double night_hours)
{
    double hpd = S->s->hours_per_day;
    double hours = night_hours * S->s->oncall.rest_per_night_hour;
    if (hours > hpd)
        hours = hpd;
    if (hours <= 0.0)
        return;
    int t = org__side_task(S, TC_REST, svc, ORG_KIND_INCIDENT, team, hours / hpd);
    if (t == NONE)
        return;
    task *T = TASK(S, t);
    T->owner = team;
    T->prio = PRIO_INCIDENT;    /* the engineer is away this morning: it comes first */
    org__enqueue(S, t);
}

int org__oncall_night(sim *S, int ii, int *responder, double *effort, int *owner_responds)
{
    const org_oncall *oc = &S->s->oncall;
    double hpd = S->s->hours_per_day;
    incident *I = INC(S, ii);
    if (!oc->calendar_clock || org_clock_in_hours(I->cal_open, hpd))
        return 0;
    if (I->measured)
        S->oncall_out_of_hours++;
    int team = *responder;
    int e = oc->cover == ORG_COVER_BUSINESS_HOURS ? NONE : on_call_engineer(S, team, I->cal_open);
    if (e == NONE)
        return 0;                               /* it waits for the business morning */
    I->paged = 1;
    if (I->measured)
        S->oncall_pages++;
    int night = oc->cover == ORG_COVER_24X7;
    double pen = night ? oc->night_restore_factor : 1.0;
    double need = *effort * org__incident_mult(S, &S->engs[e], I->tech, I->comp) * hpd * pen;
    int pool = org_rotation_pool_start(S->s, team);  /* one engineer on call for the pool */
    double start = I->cal_open > S->oncall_free[pool] ? I->cal_open : S->oncall_free[pool];
    double avail = org__cal_now(S) - start;    /* until this business morning */
    double worked = need < avail ? need : avail > 0.0 ? avail : 0.0;
    S->oncall_free[pool] = start + worked;
    if (worked > 0.0) {
        learn_at_night(S, e, I, worked / hpd / pen);
        if (night)
            take_rest(S, S->engs[e].team, I->svc, worked);  /* the paged engineer's own team */
        I = INC(S, ii);
    }
    if (worked < need) {
        *effort *= need > 0.0 ? 1.0 - worked / need : 0.0;   /* the rest by the team this morning */
        return 0;
    }
    if (!*owner_responds) {
        /* Triage done; the owning product team holds no rotation: it takes
         * the application fault over in the morning. */
        I->stage = 2;
        *responder = I->team;
        *effort = I->restore_base;
        *owner_responds = 1;
        return 0;
    }
    I->cal_restored = start + need;
    I->t_restored = S->now;
    return 1;
}

/* 1 when team holds an out-of-hours rotation (org_rotation.h), has started
 * and has people in it. */
static int has_rotation(const sim *S, int team)
{
    if (team < S->n_teams && S->s->teams[team].starts_day > S->now)
        return 0;
    return S->team_size[team] > 0
        && org_rotation_holds(S->s, S->m, S->svc_h, 0, team, S->team_size[S->central] > 0);
}

/* Rotations held now and their members: a pool (org_rotation.h) holds one
 * when any of its teams does; its members are all its started teams'. */
static void rotations_now(const sim *S, int *rotations, int *members)
{
    *rotations = *members = 0;
    for (int p = 0; p <= S->n_teams; p = org_rotation_pool_end(S->s, p)) {
        int held = 0, people = 0;
        for (int t = p; t < org_rotation_pool_end(S->s, p); t++) {
            held |= has_rotation(S, t);
            if (t == S->n_teams || S->s->teams[t].starts_day <= S->now)
                people += S->team_size[t];
        }
        if (held) {
            (*rotations)++;
            *members += people;
        }
    }
}

void org__oncall_mark(sim *S)
{
    if (org_metric_oncall_base(S->s) < 0)
        return;
    int r, m;
    rotations_now(S, &r, &m);
    double a = S->oncall_mark_t > S->w0 ? S->oncall_mark_t : S->w0, b = S->now < S->w1 ? S->now : S->w1;
    if (b > a) {
        S->oncall_rot_days += r * (b - a);
        S->oncall_member_days += m * (b - a);
    }
    if (S->now > S->w0 && S->now < S->w1)
        S->oncall_changed = 1;
    if (S->now >= S->w1 && S->oncall_w1_rot < 0) {
        S->oncall_w1_rot = r;           /* held up to w1: before this change */
        S->oncall_w1_members = m;
    }
    S->oncall_mark_t = S->now;
}

/* Stand-by cost and pages per engineer from the rotations held over the
 * measured window: those held at its end when nothing changed inside it
 * (the common case), else their time-weighted means (a timeline's moves,
 * hires and migrations, a hiring rule, a team that starts later). */
void org__oncall_collect(sim *S, double *v, double weeks)
{
    int base = org_metric_oncall_base(S->s);
    if (base < 0)
        return;
    /* The calendar restore median is collect_incidents' (calendar days). */
    v[base + ORG_MO_RESTORE_P50_HOURS] = v[ORG_M_RESTORE_P50] * 24.0;
    double n_inc = v[ORG_M_INCIDENTS];
    v[base + ORG_MO_OUT_OF_HOURS_SHARE] = n_inc > 0.0 ? (double)S->oncall_out_of_hours / n_inc : (double)NAN;
    int r, m;
    if (S->oncall_w1_rot >= 0) {
        r = S->oncall_w1_rot;
        m = S->oncall_w1_members;
    } else {
        rotations_now(S, &r, &m);
    }
    double rotations = r, members = m, span = S->w1 - S->w0;
    if (S->oncall_changed && span > 0.0) {
        double a = S->oncall_mark_t > S->w0 ? S->oncall_mark_t : S->w0;
        double rot_days = S->oncall_rot_days, member_days = S->oncall_member_days;
        if (S->w1 > a) {                /* the last stretch, up to w1 */
            rot_days += r * (S->w1 - a);
            member_days += m * (S->w1 - a);
        }
        rotations = rot_days / span;
        members = member_days / span;
    }
    v[base + ORG_MO_PAGES_PER_ENG_WEEK] = members > 0.0 ? (double)S->oncall_pages / members / weeks : (double)NAN;
    v[base + ORG_MO_COST_PER_YEAR] = org_rotation_standby_per_year(S->s, rotations);
}
