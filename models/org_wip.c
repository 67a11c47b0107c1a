/* org_wip — work in progress (issue 15): switching between features and a
 * work-in-progress limit per product team. An engineer carries the features
 * whose tasks they started until the feature's part in their team is done;
 * a task started while carrying n features loses min(0.75, switch_loss ×
 * (n − 1)) of the engineer's time (Weinberg's table for concurrent
 * projects), where a carried feature with no work ready or in progress in
 * the team counts switch_waiting_weight (0 by default: a feature that only
 * waits is not a project being switched to). A team at its WIP limit holds
 * new features, FIFO, until one of its features is done. */
#include "models/org_sim_int.h"
#include "util/util_sys.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWITCH_LOSS_MAX 0.75    /* Weinberg: five or more projects leave a quarter of the time */

int org__wip_init(sim *S)
{
    int nt = S->n_teams;
    if (S->s->flow.switch_loss > 0.0) {
        /* Carried features are tracked: idle engineers take their tasks first
         * (a test hook turns the preference off to measure it). */
        S->carried_first = !util_env_flag("DEVOPSIM_NO_CARRIED_FIRST");
        static atomic_flag said = ATOMIC_FLAG_INIT;     /* once a process, whatever the threads */
        if (!S->carried_first && !atomic_flag_test_and_set(&said))
            fprintf(stderr, "devopsim: DEVOPSIM_NO_CARRIED_FIRST is set: engineers do not prefer features they "
                            "carry (a test hook; results differ from a plain run)\n");
        S->q_stale = calloc((size_t)nt + 1, sizeof *S->q_stale);
        if (!S->q_stale)
            return -1;
    }
    if (S->s->flow.wip_limit <= 0)
        return 0;
    S->wip_open = calloc((size_t)nt + 1, sizeof *S->wip_open);
    S->wip_head = calloc((size_t)nt + 1, sizeof *S->wip_head);
    S->wip_q = calloc((size_t)nt + 1, sizeof *S->wip_q);
    return S->wip_open && S->wip_head && S->wip_q ? 0 : -1;
}

void org__wip_free(sim *S)
{
    if (S->wip_q)
        for (int i = 0; i <= S->n_teams; i++)
            free(S->wip_q[i].p);
    free(S->wip_q);
    free(S->q_stale);
    S->q_stale = NULL;
    free(S->wip_open);
    free(S->wip_head);
    S->wip_q = NULL;
    S->wip_open = S->wip_head = NULL;
    if (S->engs)
        for (int i = 0; i < S->n_engs; i++) {
            free(S->engs[i].carry);
            S->engs[i].carry = NULL;
        }
}

/* ---- switching between features ------------------------------------------ */

enum { CARRY_DONE, CARRY_WAITING, CARRY_ACTIVE };

/* Feature fi in team: CARRY_DONE when it has no task there that is not
 * done (a task waiting for its review is not done: TS_WAIT), else
 * CARRY_ACTIVE when one of its feature tasks there is queued (work ready
 * for the engineer to switch to), else CARRY_WAITING (for a review, a
 * colleague's running task — the engineer starting a task runs no other,
 * so a running one is a colleague's —, a ticket, a clarification, a delay).
 * A feature's tasks are one block. */
static int carry_state(const sim *S, int fi, int team)
{
    const feature *F = FEAT(S, fi);
    if (F->t_done >= 0.0)
        return CARRY_DONE;
    int open = 0;
    for (int j = F->first; j < F->first + F->n; j++) {
        const task *U = TASK(S, j);
        if (U->exec != team || U->skip || U->state == TS_DONE)
            continue;
        if (U->cls == TC_FEATURE && U->state == TS_QUEUED)
            return CARRY_ACTIVE;
        open = 1;
    }
    return open ? CARRY_WAITING : CARRY_DONE;
}

/* Drops from e's list the features whose part in e's team is done; returns
 * whether fi is still on it. With waiting (not NULL), *waiting is the
 * number of the others (fi aside) with no work ready or in progress. */
static int carry_clean(sim *S, eng *E, int fi, int *waiting)
{
    int k = 0, has = 0, w = 0;
    for (int i = 0; i < E->n_carry; i++) {
        int f = E->carry[i];
        int st = carry_state(S, f, E->team);
        if (st != CARRY_DONE) {
            E->carry[k++] = f;
            has |= f == fi;
            w += st == CARRY_WAITING && f != fi;
        }
    }
    E->n_carry = k;
    if (waiting)
        *waiting = w;
    return has;
}

double org__switch_keep(sim *S, int e, const task *T, int *carried, int *waiting_out)
{
    double sl = S->s->flow.switch_loss;
    *carried = *waiting_out = 0;
    if (!(sl > 0.0) || (T->cls != TC_FEATURE && T->cls != TC_REVIEW))
        return 1.0;
    const task *W = T->cls == TC_REVIEW ? TASK(S, T->parent) : T;  /* the work reviewed */
    if (W->exec != W->owner)
        return 1.0;     /* another team's ticket or request: its handling and switch overhead apply */
    eng *E = &S->engs[e];
    int fi = T->feature;
    int waiting = 0;
    int n = E->n_carry > 0 && carry_clean(S, E, fi, &waiting) ? E->n_carry : E->n_carry + 1;
    if (T->cls == TC_FEATURE && n > E->n_carry) {
        /* a feature task: e carries its feature from now (a review does not) */
        if (E->n_carry == E->cap_carry && org__grow((void **)&E->carry, &E->cap_carry, E->n_carry, sizeof(int)) != 0) {
            S->fail = 1;
            return 1.0;
        }
        E->carry[E->n_carry++] = fi;
    }
    *carried = n;
    *waiting_out = waiting;
    if (S->now >= S->w0 && S->now < S->w1) {
        S->carried_sum += n;
        S->carried_n++;
    }
    /* a carried feature that only waits counts switch_waiting_weight */
    double counted = (double)(n - waiting) + S->s->flow.switch_waiting_weight * (double)waiting;
    double loss = sl * (counted - 1.0);
    return 1.0 - (loss < SWITCH_LOSS_MAX ? loss : SWITCH_LOSS_MAX);
}

void org__carry_drop(sim *S, int e)
{
    S->engs[e].n_carry = 0;
}

/* ---- carried features first -------------------------------------------------- */

/* 1 when waiting task j comes out of its queue before task b (NONE: none
 * yet): by priority, then the time queued, then the task number. */
static int queued_before(const sim *S, int j, int b)
{
    if (b == NONE)
        return 1;
    const task *U = TASK(S, j), *B = TASK(S, b);
    if (U->prio != B->prio)
        return U->prio < B->prio;
    if (U->t_queued != B->t_queued)
        return U->t_queued < B->t_queued;
    return j < b;
}

/* 1 when task j is a waiting task of a feature for team to do. */
static int feature_waiting(const sim *S, int j, int team)
{
    const task *U = TASK(S, j);
    return U->state == TS_QUEUED && U->cls == TC_FEATURE && U->exec == team && !U->skip;
}

/* The dispatch check's answer: every task of the simulation scanned. */
static int carried_pick_full(const sim *S, const eng *E)
{
    int best = NONE;
    for (int j = 0; j < (int)S->tasks.n; j++) {
        if (!feature_waiting(S, j, E->team))
            continue;
        int carried = 0;
        for (int i = 0; i < E->n_carry && !carried; i++)
            carried = E->carry[i] == TASK(S, j)->feature;
        if (carried && queued_before(S, j, best))
            best = j;
    }
    return best;
}

int org__carried_pick(sim *S, int e, int head)
{
    if (!S->q_stale || !S->carried_first || e == NONE || S->engs[e].n_carry == 0)
        return NONE;
    const task *H = TASK(S, head);
    if (H->prio == PRIO_INCIDENT || H->cls == TC_UNPLANNED)
        return NONE;                    /* an incident, or unplanned work (org_unplanned.c), comes first */
    if (S->r_unplanned && H->prio == PRIO_RESUME)
        return NONE;                    /* an unplanned item may wait behind a resumed task or an answer */
    eng *E = &S->engs[e];
    if (carry_clean(S, E, H->cls == TC_FEATURE ? H->feature : NONE, NULL))
        return NONE;                    /* the head is of a carried feature: the oldest of them */
    int best = NONE;
    for (int i = 0; i < E->n_carry; i++) {
        const feature *F = FEAT(S, E->carry[i]);
        for (int j = F->first; j < F->first + F->n; j++)
            if (feature_waiting(S, j, E->team) && queued_before(S, j, best))
                best = j;
    }
    if (S->check_dispatch) {
        int full = carried_pick_full(S, E);
        if (full != best) {
            fprintf(stderr, "devopsim: dispatch check failed (replication %d, day %.9g): carried-feature pick of "
                    "engineer %d: the carried list chose task %d, a full scan of the tasks %d\n",
                    S->rep, S->now, e, best, full);
            abort();
        }
        S->n_checked[2]++;
    }
    if (best != NONE)
        S->q_stale[E->team]++;          /* its entry stays in the queue, skipped when it comes out */
    return best;
}

int org__queue_stale(sim *S, int team, int t, int prio, double time)
{
    if (!S->q_stale || S->q_stale[team] == 0)
        return 0;
    const task *T = TASK(S, t);
    if (T->state == TS_QUEUED && T->prio == prio && T->t_queued == time)
        return 0;
    S->q_stale[team]--;
    return 1;
}

size_t org__queue_len(const sim *S, int team)
{
    size_t n = sim_pqueue_size(S->queue[team]);
    return S->q_stale ? n - (size_t)S->q_stale[team] : n;
}

/* ---- the work-in-progress limit -------------------------------------------- */

int org__wip_hold(sim *S, int t)
{
    int lim = S->s->flow.wip_limit;
    task *T = TASK(S, t);
    if (lim <= 0 || T->cls != TC_FEATURE)
        return 0;
    feature *F = FEAT(S, T->feature);
    if (F->project >= 0 || F->wip == 2)
        return 0;                       /* projects are planned work; started features go on */
    int team = F->team;
    if (F->wip == 0 && S->wip_open[team] < lim) {
        F->wip = 2;
        S->wip_open[team]++;
        return 0;
    }
    if (F->wip == 0) {
        ivec *q = &S->wip_q[team];
        if (q->n == q->cap && org__grow((void **)&q->p, &q->cap, q->n, sizeof(int)) != 0) {
            S->fail = 1;
            return 0;
        }
        q->p[q->n++] = T->feature;
        F->wip = 1;
    }
    T->state = TS_HELD;
    org__trace_task(S, ORG_TR_TASK_DELAYED, t, NONE, ",\"reason\":\"wip\"");
    return 1;
}

/* Feature fi starts now: its held tasks are queued. */
static void wip_start(sim *S, int fi)
{
    feature *F = FEAT(S, fi);
    F->wip = 2;
    S->wip_open[F->team]++;
    int first = F->first, n = F->n;
    for (int j = first; j < first + n; j++) {
        task *T = TASK(S, j);
        if (T->state != TS_HELD)
            continue;
        double delay = 0.0;
        const char *why = NULL;
        org__plan_delay(S, T, &delay, &why);    /* inside a timeline's freeze: wait for its end */
        if (delay > 0.0) {
            org__delay_ready(S, j, delay, why);
            continue;
        }
        T->state = TS_WAIT;
        if (T->exec != T->owner)
            org__trace_task(S, ORG_TR_TASK_HANDOFF, j, NONE, NULL);
        org__enqueue(S, j);
    }
}

void org__wip_done(sim *S, int fi)
{
    feature *F = FEAT(S, fi);
    if (F->wip != 2 || !S->wip_open)
        return;
    int team = F->team;
    S->wip_open[team]--;
    ivec *q = &S->wip_q[team];
    while (S->wip_head[team] < q->n && S->wip_open[team] < S->s->flow.wip_limit) {
        int g = q->p[S->wip_head[team]++];
        if (S->wip_head[team] == q->n)
            S->wip_head[team] = q->n = 0;   /* emptied: reuse the array from its start */
        wip_start(S, g);
    }
}
