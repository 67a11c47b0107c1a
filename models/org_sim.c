/* org_sim — the organisation simulation (DESIGN.md §4): engineers with skill
 * and context, features expanding into task graphs, data-driven routing to
 * product or central teams with the boundary's costs, toil, incidents with
 * preemption and escalation, platform enablement, attrition; and the
 * per-replication metrics of §5. Time is in working days. */
#include "models/org_sim.h"
#include "models/org_change.h"
#include "models/org_sim_int.h"
#include "models/org_trace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_event.h"
#include "sim/sim_pqueue.h"
#include "sim/sim_rng.h"
#include "sim/sim_stats.h"
#include "util/util_sys.h"
#include <gsl/gsl_randist.h>

/* ---------------------------------------------------------------- helpers */

/* Schedules an event of kind at time t; a failed push (memory ran out)
 * marks the replication failed, so no event is ever silently lost. */
static sim_event_id schedule(sim *S, double t, int kind, uint64_t arg)
{
    sim_event_id id = sim_eventq_push(S->ev, t, kind, NULL, arg);
    if (!id)
        S->fail = 1;
    return id;
}

sim_event_id org__schedule(sim *S, double t, int kind, uint64_t arg)
{
    return schedule(S, t, kind, arg);
}

void org__delay_ready(sim *S, int t, double delay, const char *why)
{
    TASK(S, t)->state = TS_DELAYED;
    schedule(S, S->now + delay, EV_READY, (uint64_t)t);
    if (TRACING(S)) {
        char extra[96];
        snprintf(extra, sizeof extra, ",\"reason\":\"%s\",\"delay_days\":%.4f", why, delay);
        org__trace_task(S, ORG_TR_TASK_DELAYED, t, NONE, extra);
    }
}

static int team_kind(const sim *S, int team) { return team == S->central ? 1 : 0; }

static double skill_of(const sim *S, const eng *e, int tech)
{
    return tech >= 0 ? kv_get(S, &e->skill[tech], S->decay_skill) : 1.0;
}

static double ctx_of(const sim *S, const eng *e, int comp)
{
    return comp >= 0 ? org__ctx_of(S, e, comp) : 1.0;
}

/* Busy time [a, b) of a member of team in category cat (kind: the task's,
 * or -1), counted in the measured window per team kind, per category and
 * per team (org_metrics.c: utilization_product_max). */
static void account(sim *S, int team, int cat, int kind, double a, double b)
{
    int tk = team_kind(S, team);
    if (S->wk)
        org__tl_busy(S, tk, cat, a, b);
    double lo = a > S->w0 ? a : S->w0, hi = b < S->w1 ? b : S->w1;
    if (hi <= lo)
        return;
    S->busy[tk][cat] += hi - lo;
    S->team_busy[team] += hi - lo;
    if (cat == ORG_CAT_NONPRODUCT && kind >= 0)
        S->nonprod_kind[kind] += hi - lo;
    if (tk == 1 && cat != ORG_CAT_ENABLEMENT)
        S->central_req_busy += hi - lo;
}

static void account_presence(sim *S, const eng *e, double until)
{
    if (S->wk)
        org__tl_presence(S, e, e->joined, until);
    double lo = e->joined > S->w0 ? e->joined : S->w0, hi = until < S->w1 ? until : S->w1;
    if (hi > lo) {
        S->avail[team_kind(S, e->team)] += hi - lo;
        S->team_avail[e->team] += hi - lo;
    }
}

static const char *team_name(const sim *S, int team)
{
    return team == S->central ? "central" : S->s->teams[team].name;
}

static const char *tech_name(const sim *S, int tech)
{
    return tech >= 0 ? S->s->techs[tech].name : "";
}

static void trace_head(sim *S, org_trace_ev ev)
{
    fprintf(S->trace, "{\"t\":%.6f,\"model\":\"%s\",\"hosting\":\"%s\",\"rep\":%d,\"ev\":\"%s\"",
            S->now, S->m->name, S->h->name, S->rep, org_trace_ev_name(ev));
}

static void trace_task(sim *S, org_trace_ev ev, int t, int e, const char *extra)
{
    if (!TRACING(S))
        return;
    task *T = TASK(S, t);
    trace_head(S, ev);
    fprintf(S->trace, ",\"task\":%d", t);
    if (T->cls == TC_FEATURE) {
        feature *F = FEAT(S, T->feature);
        if (F->project >= 0)
            fprintf(S->trace, ",\"project\":\"%s\"", S->s->projects[F->project].name);
        fprintf(S->trace, ",\"feature\":%d,\"name\":\"%s\"", T->feature,
                F->project >= 0 ? S->s->projects[F->project].tasks[T->spec].name
                                : S->s->templates[F->tmpl].tasks[T->spec].name);
    }
    static const char *cls_names[] = { "feature", "toil", "incident", "clarification", "enablement", "review",
                                       "migration", "oncall_rest", "unplanned" };
    fprintf(S->trace, ",\"class\":\"%s\",\"kind\":\"%s\",\"tech\":\"%s\",\"owner\":\"%s\",\"team\":\"%s\"",
            cls_names[T->cls], org_kind_name((org_kind)T->kind), tech_name(S, T->tech),
            team_name(S, T->owner), team_name(S, T->exec));
    if (e >= 0)
        fprintf(S->trace, ",\"engineer\":\"%s#%d.%d\"", team_name(S, S->engs[e].team),
                S->engs[e].member, S->engs[e].gen);
    if (extra)
        fputs(extra, S->trace);
    fputs("}\n", S->trace);
}

/* Hands-on time of a feature is the union of the intervals in which at
 * least one of its tasks is being worked on (parallel tasks count once). */
static void feature_work_begin(sim *S, const task *T)
{
    if (T->cls != TC_FEATURE && T->cls != TC_REVIEW)
        return;
    feature *F = FEAT(S, T->feature);
    if (F->active++ == 0)
        F->active_since = S->now;
}

/* avail: the share of the interval spent on the work (org_flow.c), of the
 * engineer whose task ends the interval. */
static void feature_work_end(sim *S, const task *T, double avail)
{
    if (T->cls != TC_FEATURE && T->cls != TC_REVIEW)
        return;
    feature *F = FEAT(S, T->feature);
    if (--F->active == 0)
        F->hands_on += (S->now - F->active_since) * avail;
}

/* ------------------------------------------------------------- dispatching */

static void start_work(sim *S, int e, int t);
static void enqueue(sim *S, int t);
static void task_done(sim *S, int t);
static void dispatch(sim *S, int team);

static void push_queue(sim *S, int t)
{
    task *T = TASK(S, t);
    if (sim_pqueue_push(S->queue[T->exec], T->prio, T->t_queued, (uint64_t)t) != 0)
        S->fail = 1;
    T->state = TS_QUEUED;
}

/* The time lost to switching between features in a run of span days whose
 * work ended at end is busy time in its own category, neither product nor
 * non-product work (org_wip.c): returns where it ends. */
static double switch_lost(sim *S, const eng *E, double end, double span)
{
    if (!(E->switch_run > 0.0))
        return end;
    double lost = span * E->switch_run;
    account(S, E->team, ORG_CAT_SWITCHING, -1, end, end + lost);
    return end + lost;
}

/* The time category of task T's work (after overhead and learning). */
static int task_cat(const task *T)
{
    return T->cls == TC_INCIDENT || T->cls == TC_REST ? ORG_CAT_INCIDENT
         : T->cls == TC_TOIL ? ORG_CAT_TOIL
         : T->cls == TC_ANSWER ? ORG_CAT_CLARIFICATION
         : T->cls == TC_ENABLEMENT ? ORG_CAT_ENABLEMENT
         : T->cls == TC_UNPLANNED ? ORG_CAT_UNPLANNED
         : org_kind_is_product((org_kind)T->kind) ? ORG_CAT_PRODUCT : ORG_CAT_NONPRODUCT;
}

/* Stops engineer e's current work at now, keeping its remaining share. */
static void preempt(sim *S, int e, int requeue)
{
    eng *E = &S->engs[e];
    sim_eventq_cancel(S->ev, E->ev);
    E->ev = 0;
    double elapsed = S->now - E->started;
    if (E->enable_kind != NONE) {
        int k = E->enable_kind;
        account(S, E->team, ORG_CAT_ENABLEMENT, k, E->started, S->now);
        S->enable_progress[k] += S->now - E->started;
        S->enable_busy[k] = 0;
        E->enable_kind = NONE;
        E->idle_since = S->now;
        org__idle_on(S, e);
        return;
    }
    int t = E->task;
    if (t == NONE)
        return;
    task *T = TASK(S, t);
    double ov = elapsed < E->ov_days ? elapsed : E->ov_days;
    double work = elapsed - ov;
    account(S, E->team, ORG_CAT_HANDOFF, -1, E->started, E->started + ov);
    if (work > 0.0) {
        double a = E->started + ov, span = work;
        work *= E->avail_run;
        double end = E->avail_run < 1.0 ? a + work : S->now;
        org__flow_unavailable(S, E->team, switch_lost(S, E, end, span), a + span);
        double lw = work * E->learn_frac;
        account(S, E->team, ORG_CAT_LEARNING, -1, a, a + lw);
        int cat = task_cat(T);
        account(S, E->team, cat, T->kind, a + lw, end);
        if (S->unpl_ops)    /* the whole booked time of the task: overhead, learning, work */
            org__unplanned_ops(S, E->team, T, end - E->started);
        if (E->work_days > 0.0)
            T->frac_left *= 1.0 - work / E->work_days;
        if (T->frac_left < 0.0)
            T->frac_left = 0.0;
    }
    feature_work_end(S, T, E->avail_run);
    E->task = NONE;
    E->clarify = 0;
    E->idle_since = S->now;
    org__idle_on(S, e);
    if (!S->closing)
        trace_task(S, ORG_TR_TASK_PREEMPTED, t, e, NULL);
    if (requeue) {
        if (T->prio > PRIO_RESUME)
            T->prio = PRIO_RESUME;
        T->t_queued = T->t_first_queued;
        push_queue(S, t);
    }
}

void org__enqueue(sim *S, int t)
{
    enqueue(S, t);
}

static void enqueue(sim *S, int t)
{
    task *T = TASK(S, t);
    if (T->t_first_queued < 0.0) {
        T->t_first_queued = S->now;
        if (T->exec == S->central && T->cls != TC_REVIEW && S->now >= S->w0 && S->now < S->w1)
            S->central_arrivals++;
    }
    T->t_queued = S->now;
    push_queue(S, t);
    trace_task(S, ORG_TR_TASK_QUEUED, t, NONE, NULL);
    int team = T->exec;
    int may_preempt = T->prio == PRIO_INCIDENT || (team == S->central && S->m->enablement);
    if (may_preempt && S->n_idle[team] == 0) {
        /* An incident preempts the least urgent work in the team; any request
         * preempts enablement in the central team. */
        int victim = org__preempt_victim(S, team, T->prio == PRIO_INCIDENT);
        if (victim != NONE)
            preempt(S, victim, 1);
    }
    dispatch(S, team);
}

static void start_enablement(sim *S, int e)
{
    /* The item with the best expected net return (org_enable.c). */
    double best_net = 0.0;
    int best = org__enable_pick(S, &best_net);
    if (best == NONE)
        return;
    eng *E = &S->engs[e];
    E->enable_kind = best;
    S->enable_busy[best] = 1;
    org__idle_off(S, e);
    E->started = S->now;
    E->ov_days = 0.0;
    double left = S->s->enablement.item_effort_days - S->enable_progress[best];
    if (left < 0.0)
        left = 0.0;
    E->work_days = left;
    E->ev = schedule(S, S->now + left, EV_DONE, org__done_arg(e, NONE));
    if (TRACING(S)) {
        trace_head(S, ORG_TR_ENABLEMENT_STARTED);
        fprintf(S->trace, ",\"kind\":\"%s\",\"team\":\"central\",\"engineer\":\"central#%d.%d\",\"net_saving_per_day\":%.4f}\n",
                org_kind_name((org_kind)best), E->member, E->gen, best_net);
    }
}

static void dispatch(sim *S, int team)
{
    int held[16], n_held = 0;   /* reviews whose author is the only one idle */
    for (;;) {
        if (sim_pqueue_size(S->queue[team]) == 0 || S->n_idle[team] <= 0)
            break;
        uint64_t qt;
        int prio;
        double time;
        sim_pqueue_peek(S->queue[team], &qt, &prio, &time);
        int t = (int)qt;
        task *T = TASK(S, t);
        if (org__queue_stale(S, team, t, prio, time)) {
            sim_pqueue_pop(S->queue[team], NULL, NULL, NULL);
            continue;
        }
        int pick = T->cls == TC_UNPLANNED ? org__unplanned_pick(S, team, t)
                 : org__continuity_pick(S, team, t, org__idle_pick(S, team, t));
        int u = org__carried_pick(S, pick, t);     /* a feature pick carries comes first (org_wip.c) */
        if (u != NONE) {
            start_work(S, pick, u);
            continue;
        }
        sim_pqueue_pop(S->queue[team], NULL, NULL, NULL);
        if (T->cls == TC_REVIEW && (pick = org__review_pick(S, team, t, pick)) == NONE) {
            held[n_held++] = t;
            if (n_held == 16)
                break;
            continue;
        }
        start_work(S, pick, t);
    }
    for (int i = 0; i < n_held; i++)
        push_queue(S, held[i]);
    uint64_t head;      /* the task the team's next free engineer will read first */
    if (sim_pqueue_peek(S->queue[team], &head, NULL, NULL) == 0)
        org__prefetch(TASK(S, (int)head));
    /* Idle members in member order take enablement items; whether one is
     * worth starting does not depend on who asks, so the first refusal
     * ends the round. */
    if (team == S->central && S->m->enablement) {
        for (;;) {
            int ei = org__idle_first(S, team);
            if (ei == NONE)
                break;
            start_enablement(S, ei);
            if (S->engs[ei].enable_kind == NONE)
                break;
        }
    }
}

double org__incident_mult(sim *S, const eng *E, int tech, int comp)
{
    const org_incidents *in = &S->s->incidents;
    double m = (1.0 + in->skill_gap_factor * (1.0 - skill_of(S, E, tech)))
             * (1.0 + in->context_gap_factor * (1.0 - ctx_of(S, E, comp)));
    /* Nobody left in the org with context on the component: slow diagnosis. */
    org__know_flush(S);
    if (org__knowers(S, comp) == 0)
        m *= in->nobody_knows_factor;
    return m;
}

static void start_work(sim *S, int e, int t)
{
    eng *E = &S->engs[e];
    task *T = TASK(S, t);
    const org_model *M = S->m;
    E->task = t;
    E->started = S->now;
    E->clarify = 0;
    org__idle_off(S, e);
    T->state = TS_RUNNING;
    if (!T->begun) {
        T->begun = 1;
        if (T->cls == TC_UNPLANNED)
            org__unplanned_started(S, T);
        if (T->exec == S->central && T->channel != CH_INTERNAL
            && T->t_first_queued >= S->w0 && T->t_first_queued < S->w1) {
            double *w = org__vec_push(S, &S->waits);
            if (w)
                *w = S->now - T->t_first_queued;
        }
    }
    double ov = 0.0;
    if (T->channel != CH_INTERNAL && T->exec != T->owner) {
        ov += M->ticket_handling_days;
        if (E->last_owner != T->owner)
            ov += M->context_switch_days;
    }
    double eff, pen = 1.0;
    if (T->cls == TC_INCIDENT) {
        eff = T->base_effort * org__incident_mult(S, E, T->tech, T->comp);
    } else if (T->cls == TC_ANSWER || T->cls == TC_ENABLEMENT || T->cls == TC_REST || T->cls == TC_UNPLANNED) {
        eff = T->base_effort;
    } else {
        int k = T->kind;
        double f = k < ORG_TASK_KINDS ? S->enable_factor[k] : 1.0;
        double lf = k < ORG_TASK_KINDS ? S->learn_factor[k] : 1.0;
        pen = 1.0 + S->s->knowledge.learning_penalty * lf * (1.0 - skill_of(S, E, T->tech));
        eff = T->base_effort * f * pen;
    }
    E->eff_full = eff;
    E->learn_frac = pen > 1.0 ? (pen - 1.0) / pen : 0.0;
    E->ov_days = ov;
    /* Clarification: before work begins on a ticket, the executor may lack the
     * context to proceed and must ask the product team (a round trip). */
    if (T->channel == CH_TICKET && !T->started && T->rounds < M->clarification_max_rounds) {
        double p = M->clarification_prob * (1.0 - ctx_of(S, E, T->comp));
        if (gsl_rng_uniform(S->r_clar[T->owner]) < p)
            E->clarify = 1;
    }
    E->work_days = E->clarify ? 0.0 : eff * T->frac_left;
    if (!E->clarify)
        T->started = 1;
    E->avail_run = org__flow_available(S, e, T);
    E->switch_run = 0.0;
    int carried, waiting;
    double keep = org__switch_keep(S, e, T, &carried, &waiting);  /* switching between features (org_wip.c) */
    if (keep < 1.0) {
        E->switch_run = E->avail_run * (1.0 - keep);
        E->avail_run *= keep;
    }
    E->ev = schedule(S, S->now + ov + E->work_days / E->avail_run, EV_DONE, org__done_arg(e, t));
    feature_work_begin(S, T);
    if (TRACING(S)) {
        char extra[200];
        int n = snprintf(extra, sizeof extra, ",\"overhead_days\":%.4f,\"work_days\":%.4f,\"learning_share\":%.4f",
                         ov, E->work_days, E->learn_frac);
        if (carried > 0 && n > 0 && (size_t)n < sizeof extra)
            snprintf(extra + n, sizeof extra - (size_t)n,
                     ",\"features_carried\":%d,\"features_waiting\":%d,\"switch_loss\":%.4f,"
                     "\"switching_share\":%.4f", carried, waiting, 1.0 - keep, E->switch_run);
        trace_task(S, ORG_TR_TASK_STARTED, t, e, extra);
    }
}

/* Engineer e (of the central team) delivered an enablement item: it is
 * adopted after adoption_days, and e is idle again. */
static void finish_enablement(sim *S, int e)
{
    eng *E = &S->engs[e];
    int k = E->enable_kind;
    const org_enablement *en = &S->s->enablement;
    account(S, E->team, ORG_CAT_ENABLEMENT, k, E->started, S->now);
    org__enable_delivered(S, k);
    schedule(S, S->now + en->adoption_days, EV_ADOPT, (uint64_t)k);
    E->enable_kind = NONE;
    E->idle_since = S->now;
    org__idle_on(S, e);
    if (TRACING(S)) {
        trace_head(S, ORG_TR_ENABLEMENT_DELIVERED);
        fprintf(S->trace, ",\"kind\":\"%s\",\"team\":\"central\",\"effort_factor\":%.4f}\n",
                org_kind_name((org_kind)k), org__enable_curve(en, en->effort_cut, S->enable_delivered[k]));
    }
    dispatch(S, E->team);
}

/* Books the time engineer E spent on task T since it started: the handoff
 * overhead, time lost to switching, learning, then the work itself by T's
 * category. Returns the days of work done (at the engineer's availability)
 * and, in *learned, the part of them spent learning. */
static double book_task_time(sim *S, eng *E, const task *T, double *learned)
{
    double a = E->started, ov = E->ov_days;
    account(S, E->team, ORG_CAT_HANDOFF, -1, a, a + ov);
    double work = S->now - a - ov;
    if (work < 0.0)
        work = 0.0;
    double span = work;
    work *= E->avail_run;
    double end = E->avail_run < 1.0 ? a + ov + work : S->now;
    org__flow_unavailable(S, E->team, switch_lost(S, E, end, span), a + ov + span);
    double lw = work * E->learn_frac;
    account(S, E->team, ORG_CAT_LEARNING, -1, a + ov, a + ov + lw);
    account(S, E->team, task_cat(T), T->kind, a + ov + lw, end);
    if (S->unpl_ops)        /* the whole booked time of the task: overhead, learning, work */
        org__unplanned_ops(S, E->team, T, end - a);
    feature_work_end(S, T, E->avail_run);
    *learned = lw;
    return work;
}

/* Practice raises skill and context; the product team's extra effort on
 * non-product work is the pain the platform team sees. */
static void practice(sim *S, int e, const task *T, double work, double learned)
{
    eng *E = &S->engs[e];
    const org_knowledge *K = &S->s->knowledge;
    if (work > 0.0 && T->cls != TC_ANSWER) {
        if (T->tech >= 0)
            kv_learn(S, &E->skill[T->tech], K->skill_gain_per_day, work, S->decay_skill);
        /* Infrastructure work also teaches how the rest of the service's
         * infrastructure fits together, at a fraction of the rate — for
         * technologies the engineer knows at all (org_know.c). */
        if (T->comp >= 0)
            org__ctx_practice(S, e, T->comp, work);
    }
    /* Non-product feature work and toil, by any team (the central team's
     * own toil included), is the pain enablement can remove; an idle
     * platform team reconsiders its backlog whenever it grows. */
    if ((T->cls == TC_FEATURE || T->cls == TC_TOIL) && T->kind < ORG_TASK_KINDS) {
        org__enable_pain(S, T->kind, work, learned);
        if (S->m->enablement && E->team != S->central && S->n_idle[S->central] > 0)
            dispatch(S, S->central);
    }
}

/* Engineer e stopped task t to ask its owner a question: t waits for the
 * answer, a task of the owning team. 0, or -1 when memory ran out. */
static int ask_clarification(sim *S, int e, int t)
{
    task *T = TASK(S, t);
    T->state = TS_CLARIFY;
    T->rounds++;
    T->asker = e;
    if (T->cls == TC_FEATURE)
        FEAT(S, T->feature)->clarifications++;
    trace_task(S, ORG_TR_CLARIFICATION_REQUESTED, t, e, NULL);
    int ai = org__task_new(S);
    if (ai == NONE)
        return -1;
    T = TASK(S, t);
    task *A = TASK(S, ai);
    A->cls = TC_ANSWER;
    A->feature = NONE;
    A->kind = T->kind;
    A->tech = T->tech;
    A->comp = T->comp;
    A->owner = T->owner;
    A->exec = T->owner;
    A->channel = CH_INTERNAL;
    A->prio = PRIO_RESUME;
    A->parent = t;
    A->base_effort = S->m->clarification_answer_days;
    A->frac_left = 1.0;
    A->t_first_queued = -1.0;
    enqueue(S, ai);
    return 0;
}

/* Engineer e's current work ends now: an enablement item, or a task —
 * its time booked, its practice learned, then the task asks a question,
 * goes to review, or is done; e is idle and its team dispatches. */
static void finish_engineer(sim *S, int e)
{
    eng *E = &S->engs[e];
    E->ev = 0;
    if (E->enable_kind != NONE) {
        finish_enablement(S, e);
        return;
    }
    int t = E->task;
    task *T = TASK(S, t);
    double learned, work = book_task_time(S, E, T, &learned);
    practice(S, e, T, work, learned);
    E->task = NONE;
    E->idle_since = S->now;
    org__idle_on(S, e);
    if (T->exec != T->owner)
        E->last_owner = T->owner;
    if (E->clarify) {
        E->clarify = 0;
        if (ask_clarification(S, e, t) != 0)
            return;
    } else if (!(T->cls == TC_FEATURE && org__review_open(S, t, e))) {
        T->state = TS_DONE;
        trace_task(S, ORG_TR_TASK_FINISHED, t, e, NULL);
        S->cont_eng = T->cls == TC_FEATURE ? e : NONE;
        S->cont_feature = T->feature;
        task_done(S, t);
        S->cont_eng = NONE;
        if (TASK(S, t)->cls != TC_FEATURE)
            org__task_release(S, t);
    }
    dispatch(S, E->team);
}

/* ------------------------------------------------------------ task graph */

/* Adds a change of team's service to the batch released at window_day and
 * returns the batch's index (NONE when memory runs out). Windows are reached
 * in order, so a team's latest batch is the only one still filling. */
static int batch_join(sim *S, int svc, double window_day)
{
    int b = S->batch_cur[svc];
    if (b != NONE && ((org_batch *)S->batches.p)[b].window_day == window_day) {
        ((org_batch *)S->batches.p)[b].changes++;
        return b;
    }
    org_batch *B = org__vec_push(S, &S->batches);
    if (!B)
        return NONE;
    B->window_day = window_day;
    B->changes = 1;
    b = (int)S->batches.n - 1;
    S->batch_cur[svc] = b;
    return b;
}

static void make_ready(sim *S, int t)
{
    task *T = TASK(S, t);
    if (T->skip) {
        T->state = TS_DONE;
        task_done(S, t);
        return;
    }
    double delay = 0.0;
    const char *why = NULL;
    if (T->kind == ORG_KIND_FACILITY && S->svc_h[T->svc]->procurement_days > 0.0) {
        delay += S->svc_h[T->svc]->procurement_days;
        why = "procurement";
    }
    if (T->exec == S->central && T->channel == CH_TICKET && S->m->evaluation_delay_days > 0.0
        && T->tech >= 0) {
        /* Resistance to change: a technology nobody in the central team knows
         * waits for an evaluation before the team takes it on. */
        double best = 0.0;
        if (S->eval_done_at[T->tech] < 0.0) {
            for (int i = 0; i < S->n_members[S->central]; i++) {
                eng *E = &S->engs[S->members[S->central][i]];
                if (E->present) {
                    double sk = skill_of(S, E, T->tech);
                    if (sk > best)
                        best = sk;
                }
            }
            /* Evaluated once per technology: known now, or after the evaluation. */
            S->eval_done_at[T->tech] = best >= S->m->evaluation_skill_threshold
                                     ? 0.0 : S->now + S->m->evaluation_delay_days;
        }
        {
            double d = S->eval_done_at[T->tech] - S->now;
            if (d > delay) {
                delay = d;
                why = "evaluation";
            }
        }
    }
    org__plan_delay(S, T, &delay, &why);   /* a freeze, the next iteration start */
    if (T->kind == ORG_KIND_DEPLOY && S->m->deploy_mode == ORG_DEPLOY_WINDOW) {
        double at = org_change_release_day(S->m, S->now + delay);
        if (at - S->now > delay) {
            delay = at - S->now;
            why = "release_window";
        }
        T->windowed = 1;
        T->t_window = at;
        T->batch = batch_join(S, T->svc, at);
    }
    if (delay > 0.0) {
        org__delay_ready(S, t, delay, why);
        return;
    }
    if (org__wip_hold(S, t))
        return;                             /* its team is at its WIP limit */
    T = TASK(S, t);
    if (T->exec != T->owner)
        trace_task(S, ORG_TR_TASK_HANDOFF, t, NONE, NULL);
    enqueue(S, t);
}

static void open_incident(sim *S, int svc, int app_fault, int change_failure, double diagnosis, double cal_open);

/* A clarification's answer is done: the asker learns from it, and the task
 * that asked resumes after the answer's latency. */
static void answer_done(sim *S, int t)
{
    int p = TASK(S, t)->parent;
    task *P = TASK(S, p);
    if (P->asker >= 0 && P->comp >= 0) {
        double c = ctx_of(S, &S->engs[P->asker], P->comp);
        kent *k = org__ctx_slot(S, P->asker, P->comp);
        if (!k)
            return;
        kv_set(S, &k->k, c + CLAR_CONTEXT_GAIN * (1.0 - c));
        org__ctx_changed(S, P->asker, P->comp, k);
    }
    trace_task(S, ORG_TR_CLARIFICATION_ANSWERED, p, NONE, NULL);
    P->prio = PRIO_RESUME;
    P->state = TS_DELAYED;
    schedule(S, S->now + S->m->clarification_latency_days, EV_READY, (uint64_t)p);
}

/* An incident's task is done: restored, or — a first responder across the
 * boundary facing an application fault it cannot fix — escalated to the
 * owning product team as a new task. */
static void incident_done(sim *S, int t)
{
    task *T = TASK(S, t);
    incident *I = INC(S, T->parent);
    if (I->stage == 1 && T->exec != T->owner && I->app_fault) {
        I->stage = 2;
        int ni = org__task_new(S);
        if (ni == NONE)
            return;
        T = TASK(S, t);
        task *N = TASK(S, ni);
        *N = *T;
        N->exec = T->owner;
        N->channel = CH_INTERNAL;
        N->base_effort = I->restore_base;
        N->frac_left = 1.0;
        N->started = 0;
        N->t_first_queued = -1.0;
        N->begun = 0;
        N->state = TS_DELAYED;
        trace_task(S, ORG_TR_INCIDENT_ESCALATED, ni, NONE, NULL);
        schedule(S, S->now + S->s->incidents.escalation_delay_days, EV_READY, (uint64_t)ni);
        return;
    }
    I->t_restored = S->now;
    I->cal_restored = org__cal_now(S);
    trace_task(S, ORG_TR_INCIDENT_RESTORED, t, NONE, NULL);
}

/* The feature's whole journey is over: its books are closed and its block
 * of tasks freed. */
static void feature_done(sim *S, int t)
{
    feature *F = FEAT(S, TASK(S, t)->feature);
    F->t_done = S->now;
    S->open--;
    if (F->project < 0)
        S->team_open[F->team]--;
    if (S->wk)
        org__tl_feature_done(S, F);
    if (TRACING(S)) {
        trace_head(S, ORG_TR_FEATURE_DONE);
        fprintf(S->trace, ",\"feature\":%d,\"team\":\"%s\",\"lead_time_days\":%.17g,"
                "\"hands_on_days\":%.17g,\"handoffs\":%d,\"clarifications\":%d,\"measured\":%d,"
                "\"code_done_day\":%.17g,\"done_day\":%.17g}\n",
                TASK(S, t)->feature, team_name(S, F->team), F->t_done - F->t_arrive,
                F->hands_on, F->handoffs, F->clarifications, F->measured, F->t_code_done, F->t_done);
    }
    int fi = TASK(S, t)->feature;
    org__block_release(S, F->first, F->n);
    org__wip_done(S, fi);
}

/* One of a feature's tasks is done: a deploy ships, the successors whose
 * predecessors are all done become ready, and the last task closes the
 * feature. */
static void feature_task_done(sim *S, int t)
{
    task *T = TASK(S, t);
    feature *F = FEAT(S, T->feature);
    if (!T->skip && org_kind_is_product((org_kind)T->kind) && S->now > F->t_code_done)
        F->t_code_done = S->now;
    if (!T->skip && T->kind == ORG_KIND_DEPLOY) {
        org__deployed(S, t);
        T = TASK(S, t);
        F = FEAT(S, T->feature);
    }
    const int *succ, *off;
    if (F->project >= 0) {
        succ = S->proj_succ[F->project];
        off = S->proj_off[F->project];
    } else {
        succ = S->tmpl_succ[F->tmpl];
        off = S->tmpl_off[F->tmpl];
    }
    /* a feature holds one copy of its template per service it touches */
    int first = t - T->spec;
    for (int k = off[T->spec]; k < off[T->spec + 1]; k++) {
        int j = first + succ[k];
        task *U = TASK(S, j);
        if (--U->npred == 0 && U->state == TS_WAIT)
            make_ready(S, j);
    }
    F = FEAT(S, TASK(S, t)->feature);
    if (--F->left == 0)
        feature_done(S, t);
}

/* Task t is done (its state already TS_DONE, or an answer, an incident's
 * stage): what follows from it, by its class. */
static void task_done(sim *S, int t)
{
    task *T = TASK(S, t);
    switch (T->cls) {
    case TC_ANSWER:
        answer_done(S, t);
        return;
    case TC_INCIDENT:
        incident_done(S, t);
        return;
    case TC_REVIEW: {
        /* reviewed: the task it reviews is done */
        int p = T->parent;
        TASK(S, p)->state = TS_DONE;
        trace_task(S, ORG_TR_TASK_FINISHED, p, T->asker, NULL);
        S->cont_eng = T->asker;     /* the author continues */
        task_done(S, p);
        return;
    }
    case TC_MIGRATION:
        org__tl_migrated(S, T);
        return;
    case TC_FEATURE:
        feature_task_done(S, t);
        return;
    default:
        return;
    }
}

/* Creates a feature (tmpl >= 0) or a project (project >= 0) for a team:
 * one copy of its tasks for each of the n_svc services in svcs it touches,
 * the first drawn from r, the others from the team's service-choice stream
 * (so a second service leaves every other feature's numbers alone).
 * Every random number is drawn whether or not the task exists here, so the
 * same features arrive under every model and hosting point. */
static void create_work(sim *S, int team, int tmpl, int project, gsl_rng *r, const int *svcs, int n_svc)
{
    const org_task_spec *specs;
    int n;
    if (project >= 0) {
        specs = S->s->projects[project].tasks;
        n = S->s->projects[project].n_tasks;
    } else {
        specs = S->s->templates[tmpl].tasks;
        n = S->s->templates[tmpl].n_tasks;
    }
    feature *F = org__vec_push(S, &S->features);
    if (!F)
        return;
    int fi = (int)S->features.n - 1;
    F->team = team;
    F->tmpl = tmpl;
    F->project = project;
    F->t_arrive = S->now;
    F->t_done = -1.0;
    F->t_code_done = S->now;
    F->measured = project < 0 && S->now >= S->w0 && S->now < S->w1;
    F->first = org__block_new(S, n * n_svc);
    if (F->first == NONE)
        return;
    F->n = n * n_svc;
    F->left = n * n_svc;
    S->open++;
    if (project < 0)
        S->team_open[team]++;
    int handoffs = 0;
    for (int c = 0; c < n * n_svc; c++) {
        int i = c % n, svc = svcs[c / n];
        const org_hosting *H = S->svc_h[svc];
        const org_task_spec *sp = &specs[i];
        gsl_rng *rc = c < n ? r : S->r_svc[team];
        double u = gsl_rng_uniform(rc);
        double effort = sim_dist_sample(&sp->effort_days, rc);
        task *T = TASK(S, F->first + c);
        int k = sp->kind;
        int owner = team;
        T->cls = TC_FEATURE;
        T->feature = fi;
        T->spec = i;
        T->kind = k;
        T->tech = sp->tech >= 0 ? sp->tech : S->s->services[svc].stack[k];
        T->comp = T->tech >= 0 ? svc * S->n_techs + T->tech : NONE;
        T->svc = svc;
        T->owner = owner;
        double p = project >= 0 ? 1.0 : sp->probability * H->volume[k];
        T->skip = !H->exists[k] || u >= p || T->tech < 0;
        const org_route *rt = &S->m->route[k];
        T->exec = rt->executor == ORG_EXEC_PRODUCT || S->team_size[S->central] == 0 ? owner : S->central;
        T->channel = T->exec == owner ? CH_INTERNAL
                   : rt->channel == ORG_CHANNEL_TICKET ? CH_TICKET : CH_SERVICE;
        T->prio = PRIO_WORK;
        T->base_effort = effort * H->effort[k] * S->m->effort_factor[k];
        T->frac_left = 1.0;
        T->npred = sp->n_after;
        T->parent = NONE;
        T->asker = NONE;
        T->t_first_queued = -1.0;
        T->state = TS_WAIT;
        if (!T->skip && T->exec != owner)
            handoffs++;
    }
    F = FEAT(S, fi);
    F->handoffs = handoffs;
    if (TRACING(S)) {
        trace_head(S, project >= 0 ? ORG_TR_PROJECT_STARTED : ORG_TR_FEATURE_CREATED);
        fprintf(S->trace, ",\"feature\":%d,\"team\":\"%s\",\"%s\":\"%s\",\"tasks\":%d,\"handoffs\":%d,\"measured\":%d}\n",
                fi, team_name(S, team), project >= 0 ? "project" : "template",
                project >= 0 ? S->s->projects[project].name : S->s->templates[tmpl].name,
                F->n, handoffs, F->measured);
        for (int j = F->first; j < F->first + F->n; j++)
            if (!TASK(S, j)->skip)
                trace_task(S, ORG_TR_TASK_CREATED, j, NONE, NULL);
    }
    for (int j = F->first; j < F->first + F->n; j++)
        if (TASK(S, j)->npred == 0 && TASK(S, j)->state == TS_WAIT)
            make_ready(S, j);
}

/* ------------------------------------------------------ toil and incidents */

int org__side_task(sim *S, int cls, int svc, int kind, int exec, double effort)
{
    int t = org__task_new(S);
    if (t == NONE)
        return NONE;
    task *T = TASK(S, t);
    T->cls = cls;
    T->feature = NONE;
    T->kind = kind;
    T->tech = kind >= 0 && kind < ORG_TASK_KINDS ? S->s->services[svc].stack[kind] : NONE;
    T->comp = T->tech >= 0 ? svc * S->n_techs + T->tech : NONE;
    T->svc = svc;
    T->owner = S->s->services[svc].team;
    T->exec = exec;
    T->channel = CH_INTERNAL;
    T->prio = cls == TC_INCIDENT ? PRIO_INCIDENT : PRIO_WORK;
    T->base_effort = effort;
    T->frac_left = 1.0;
    T->parent = NONE;
    T->asker = NONE;
    T->t_first_queued = -1.0;
    return t;
}

/* Opens an incident on a service; diagnosis multiplies its restore effort
 * (a failed batch of changes takes longer to pin down, 1 otherwise).
 * cal_open: the calendar hour it happened (NAN: now); out of business hours
 * the on-call rotation answers first (org_oncall.c). A failed change's
 * restore effort and kind come from the service's change-failure-incidents
 * stream, a background incident's from its incidents stream, so designs that
 * fail different changes still share every background incident. */
static void open_incident(sim *S, int svc, int app_fault, int change_failure, double diagnosis, double cal_open)
{
    gsl_rng *r = change_failure ? S->r_cf_incident[svc] : S->r_incident[svc];
    int team = S->s->services[svc].team;
    double base = sim_dist_sample(&S->svc_h[svc]->restore_days, r) * diagnosis;
    int kind = app_fault ? ORG_KIND_APP : org__svc_infra_kind(S, svc, r);
    if (kind == NONE)
        kind = ORG_KIND_APP;
    incident *I = org__vec_push(S, &S->incidents);
    if (!I)
        return;
    int ii = (int)S->incidents.n - 1;
    I->team = team;
    I->svc = svc;
    I->app_fault = kind == ORG_KIND_APP;
    I->t_open = S->now;
    I->t_restored = -1.0;
    I->cal_open = isnan(cal_open) ? org__cal_now(S) : cal_open;
    I->cal_restored = -1.0;
    I->paged = 0;
    I->restore_base = base;
    I->stage = 1;
    I->measured = S->now >= S->w0 && S->now < S->w1;
    I->tech = kind < ORG_TASK_KINDS ? S->s->services[svc].stack[kind] : NONE;
    I->comp = I->tech >= 0 ? svc * S->n_techs + I->tech : NONE;
    if (S->wk)
        org__tl_incident(S);
    /* First response per the model; facility faults belong to the central team. */
    int responder = S->m->incident_first_response == ORG_EXEC_PRODUCT ? team : S->central;
    if (kind == ORG_KIND_FACILITY && S->team_size[S->central] > 0)
        responder = S->central;
    if (S->team_size[S->central] == 0)
        responder = team;
    int owner_is_responder = responder == team || !I->app_fault;
    double effort = owner_is_responder ? base : base * TRIAGE_SHARE;
    if (org__oncall_night(S, ii, &responder, &effort, &owner_is_responder)) {
        if (TRACING(S)) {       /* restored at night: no task */
            I = INC(S, ii);
            trace_head(S, ORG_TR_INCIDENT_OPENED);
            fprintf(S->trace, ",\"incident\":%d,\"team\":\"%s\",\"change_failure\":%d,\"app_fault\":%d,\"paged\":1}\n",
                    ii, team_name(S, team), change_failure, I->app_fault);
            trace_head(S, ORG_TR_INCIDENT_RESTORED);
            fprintf(S->trace, ",\"incident\":%d,\"team\":\"%s\",\"paged\":1,\"calendar_hours\":%.4f}\n",
                    ii, team_name(S, team), I->cal_restored - I->cal_open);
        }
        return;
    }
    int t = org__side_task(S, TC_INCIDENT, svc, kind, responder, effort);
    if (t == NONE)
        return;
    task *T = TASK(S, t);
    T->parent = ii;
    I = INC(S, ii);
    I->comp = T->comp;
    I->tech = T->tech;
    if (!owner_is_responder)
        T->owner = team;   /* exec != owner marks the need to escalate */
    if (TRACING(S)) {
        char extra[96];
        snprintf(extra, sizeof extra, ",\"incident\":%d,\"change_failure\":%d,\"app_fault\":%d",
                 ii, change_failure, I->app_fault);
        trace_task(S, ORG_TR_INCIDENT_OPENED, t, NONE, extra);
    }
    if (I->stage == 2) {
        /* Triaged at night by a central on-call engineer: handed to the
         * owning team this morning, across the boundary. */
        T->state = TS_DELAYED;
        trace_task(S, ORG_TR_INCIDENT_ESCALATED, t, NONE, NULL);
        schedule(S, S->now + S->s->incidents.escalation_delay_days, EV_READY, (uint64_t)t);
        return;
    }
    enqueue(S, t);
}

/* -------------------------------------------------------------- knowledge */


void org__engineer_out(sim *S, int e)
{
    eng *E = &S->engs[e];
    if (E->task != NONE || E->enable_kind != NONE)
        preempt(S, e, 1);
    account_presence(S, E, S->now);
    org__idle_off(S, e);
    E->present = 0;
    S->present_flag[e] = 0;
    org__carry_drop(S, e);
    org__know_leave(S, e);
}

void org__dispatch_team(sim *S, int team) { dispatch(S, team); }
void org__trace_task(sim *S, org_trace_ev ev, int t, int e, const char *extra) { trace_task(S, ev, t, e, extra); }
void org__open_incident(sim *S, int svc, int app_fault, int change_failure, double diagnosis, double cal_open)
{
    open_incident(S, svc, app_fault, change_failure, diagnosis, cal_open);
}

/* ------------------------------------------------------------- event loop */

/* A feature arrives at team i: its template drawn by weight, its services
 * picked, its work created; the team's next arrival scheduled. */
static void feature_arrival(sim *S, int i)
{
    gsl_rng *r = S->r_feature[i];
    int tmpl = 0;
    if (S->s->n_templates > 1) {
        double total = 0.0;
        for (int k = 0; k < S->s->n_templates; k++)
            total += S->s->templates[k].weight;
        double u = gsl_rng_uniform(r) * total;
        for (tmpl = 0; tmpl < S->s->n_templates - 1; tmpl++) {
            if (u < S->s->templates[tmpl].weight)
                break;
            u -= S->s->templates[tmpl].weight;
        }
    }
    int svcs[2];
    int n_svc = org__svc_pick(S, i, svcs);
    create_work(S, i, tmpl, NONE, r, svcs, n_svc);
    double rate = S->s->teams[i].features_per_week / DAYS_PER_WEEK;
    double next = S->now + gsl_ran_exponential(S->r_arrival[i], 1.0 / rate);
    if (next < S->w1)
        schedule(S, next, EV_ARRIVAL, (uint64_t)i);
}

/* Task i's inputs are ready: held by a work-in-progress limit, or queued. */
static void task_ready(sim *S, int i)
{
    if (org__wip_hold(S, i))
        return;
    task *T = TASK(S, i);
    if (T->exec != T->owner && T->cls == TC_FEATURE && T->rounds == 0)
        trace_task(S, ORG_TR_TASK_HANDOFF, i, NONE, NULL);
    enqueue(S, i);
}

/* A background incident of service i, and the service's next one. */
static void incident_arrival(sim *S, int i)
{
    gsl_rng *r = S->r_incident[i];
    int app = gsl_rng_uniform(r) < S->s->incidents.app_fault_share;
    open_incident(S, i, app, 0, 1.0, org__incident_cal(S, i));
    org__incident_next(S, i, S->now);
}

static void trace_engineer(sim *S, org_trace_ev kind, const eng *E)
{
    if (!TRACING(S))
        return;
    trace_head(S, kind);
    fprintf(S->trace, ",\"team\":\"%s\",\"engineer\":\"%s#%d.%d\"}\n",
            team_name(S, E->team), team_name(S, E->team), E->member, E->gen);
}

/* Engineer slot i leaves (attrition): out of the team, the replacement's
 * hire scheduled after the hiring delay. */
static void engineer_leaves(sim *S, int i)
{
    eng *E = &S->engs[i];
    if (!E->present)
        return;
    org__engineer_out(S, i);
    if (S->now >= S->w0 && S->now < S->w1)
        S->left++;
    trace_engineer(S, ORG_TR_ENGINEER_LEFT, E);
    schedule(S, S->now + S->s->people.hiring_delay_days, EV_HIRE, (uint64_t)i);
    dispatch(S, E->team);
}

/* A new person takes slot i. */
static void engineer_joins(sim *S, int i)
{
    eng *E = &S->engs[i];
    E->gen++;
    org__hire(S, i, 1);
    trace_engineer(S, ORG_TR_ENGINEER_JOINED, E);
    dispatch(S, E->team);
}

static void handle(sim *S, const sim_event *ev)
{
    int i = (int)(uint32_t)ev->arg;     /* EV_DONE carries its task above (org__done_arg) */
    switch (ev->kind) {
    case EV_ARRIVAL:
        feature_arrival(S, i);
        break;
    case EV_PROJECT: {
        int owner = S->s->projects[i].tasks[0].team >= 0 ? S->s->projects[i].tasks[0].team : 0;
        int svc = S->s->teams[owner].first_service;
        create_work(S, owner, NONE, i, S->r_project[i], &svc, 1);
        break;
    }
    case EV_DONE:
        finish_engineer(S, i);
        break;
    case EV_READY:
        task_ready(S, i);
        break;
    case EV_TOIL:
        org__svc_toil(S, i);
        break;
    case EV_INCIDENT:
        incident_arrival(S, i);
        break;
    case EV_LEAVE:
        engineer_leaves(S, i);
        break;
    case EV_HIRE:
        engineer_joins(S, i);
        break;
    case EV_SAMPLE:
        if (S->wk)
            org__tl_week(S);
        org__sample_bus(S);
        if (S->now + SAMPLE_EVERY_DAYS < S->w1)
            schedule(S, S->now + SAMPLE_EVERY_DAYS, EV_SAMPLE, 0);
        break;
    case EV_UPKEEP:
        org__upkeep_tick(S, i);
        break;
    case EV_ADOPT:
        org__enable_adopt(S, i);
        break;
    case EV_TIMELINE:
        org__tl_event(S, i);
        break;
    case EV_RULE_HIRE:
        org__tl_rule_hire(S, i);
        break;
    case EV_TEAM_START:
        org__tl_team_start(S, i);
        break;
    case EV_UNPLANNED:
        org__unplanned_arrival(S, i);
        break;
    case EV_END_MEASURE:
        org__oncall_mark(S);
        S->truck = org__truck_factor(S);
        S->measure_ended = 1;
        break;
    default:
        break;
    }
}

void org_sim_opts_init(org_sim_opts *o)
{
    memset(o, 0, sizeof *o);
    o->central_size = -1;
}

/* ---------------------------------------------------------------- sources */

/* Day 0: everybody hired, the first arrival, toil and incident of every
 * service, the projects' starts, the measurement's sampling and end. */
static void start_sources(sim *S, int central_size)
{
    const org_scenario *s = S->s;
    S->now = 0.0;
    for (int i = 0; i < S->n_engs; i++)
        if (!S->engs[i].vacant)
            org__hire(S, i, 0);
    for (int i = 0; i < S->n_teams; i++) {
        double t0 = s->teams[i].starts_day;     /* a team that starts later starts its work then */
        if (s->teams[i].features_per_week > 0.0 && s->n_templates > 0) {
            double first = t0 + gsl_ran_exponential(S->r_arrival[i], DAYS_PER_WEEK / s->teams[i].features_per_week);
            if (first < S->w1)
                schedule(S, first, EV_ARRIVAL, (uint64_t)i);
        }
        org__svc_start(S, i, t0);
    }
    for (int p = 0; p < s->n_projects; p++)
        schedule(S, s->projects[p].start_day, EV_PROJECT, (uint64_t)p);
    /* Monthly upkeep cycles, staggered over the month by team. */
    for (int i = 0; i < S->n_teams; i++)
        schedule(S, s->teams[i].starts_day + ORG_UPKEEP_EVERY_DAYS * (i + 1) / S->n_teams, EV_UPKEEP, (uint64_t)i);
    schedule(S, 0.0, EV_SAMPLE, 0);     /* weekly from day 0: the steady-state series */
    schedule(S, S->w1, EV_END_MEASURE, 0);
    if (TRACING(S)) {
        trace_head(S, ORG_TR_RUN_STARTED);
        fprintf(S->trace, ",\"scenario\":\"%s\",\"seed\":%llu,\"warmup_days\":%g,\"measure_days\":%g,"
                "\"central_size\":%d,\"teams\":%d}\n", s->name, (unsigned long long)s->run.seed,
                s->run.warmup_days, s->run.measure_days, central_size, S->n_teams);
    }
}

/* ------------------------------------------------------------------- loop */

/* Events in time order until the drain limit, or until the measurement has
 * ended and no feature is open; a failure stops it. */
static void run_loop(sim *S)
{
    sim_event ev;
    while (!S->fail && sim_eventq_pop(S->ev, &ev) == 0) {
        if (ev.time > S->t_end)
            break;
        S->now = ev.time;
        S->events++;
        if ((S->events & 4095) == 0)
            util_heap_hugepages(&S->heap_advised);
        org__prefetch_next(S);
        handle(S, &ev);
        if (S->measure_ended && S->open == 0)
            break;
    }
    if (S->now < S->w1)
        S->now = S->w1;
}

/* ------------------------------------------------------------------ books */

/* Checks the idle counters, closes running work and presence at now
 * (clipped to the window) and fills *out. A failed check or allocation
 * sets S->fail. */
static void close_books(sim *S, org_rep *out)
{
    int nt = S->n_teams + 1;
    /* The idle counters must agree with the engineers' states. */
    for (int tm = 0; tm < nt && !S->fail; tm++) {
        int idle = 0;
        for (int i = 0; i < S->n_members[tm]; i++) {
            eng *E = &S->engs[S->members[tm][i]];
            idle += E->present && E->task == NONE && E->enable_kind == NONE;
        }
        if (idle != S->n_idle[tm])
            S->fail = 1;
    }
    S->closing = 1;
    for (int i = 0; i < S->n_engs; i++) {
        eng *E = &S->engs[i];
        if (E->present && (E->task != NONE || E->enable_kind != NONE))
            preempt(S, i, 0);
        if (E->present)
            account_presence(S, E, S->now);
    }
    if (TRACING(S)) {
        trace_head(S, ORG_TR_RUN_FINISHED);
        fprintf(S->trace, ",\"open\":%d,\"events\":%ld}\n", S->open, S->events);
    }
    if (!S->fail) {
        out->n_values = org_metric_count(S->s);
        out->values = malloc((size_t)out->n_values * sizeof(double));
        if (!out->values)
            S->fail = 1;
        else
            org__collect(S, out);
    }
    out->events = S->events;
}

int org__sim_once(const org_scenario *s, int m, int h, int rep, const org_sim_opts *opts, int tl_on, org_rep *out)
{
    org_sim_opts defaults;
    if (!opts) {
        org_sim_opts_init(&defaults);
        opts = &defaults;
    }
    memset(out, 0, sizeof *out);
    sim S0, *S = &S0;
    memset(S, 0, sizeof *S);
    S->s = s;
    S->m = &s->models[m];
    S->h = &s->hostings[h];
    S->o = opts;
    S->rep = rep;
    S->trace = opts->trace;
    S->tl_on = tl_on;
    int central_size = opts->central_size >= 0 ? opts->central_size : s->central_size;
    util_heap_hugepages(&S->heap_advised);
    if (org__setup_arrays(S) != 0 || org__setup_people(S, central_size) != 0) {
        org__sim_free(S);
        return -1;
    }
    org__setup_components(S);
    if (org__wip_init(S) != 0)
        S->fail = 1;
    start_sources(S, central_size);
    if (org__unplanned_init(S) != 0)
        S->fail = 1;
    if (org__tl_start(S) != 0)
        S->fail = 1;
    run_loop(S);
    close_books(S, out);
    int failed = S->fail;
    org__wip_free(S);
    org__unplanned_free(S);
    org__sim_free(S);
    if (failed) {
        org_rep_destroy(out);
        return -1;
    }
    return 0;
}
