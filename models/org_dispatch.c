/* org_dispatch — who takes a task: the longest-idle engineer of the team,
 * or, with probability `specialization`, the idle engineer with the most
 * skill + context (DESIGN.md §4). A small team is scanned; a large team
 * (IDX_MIN_MEMBERS or more) keeps indexes of its idle members so every
 * decision costs O(log n) plus the engineers that could be the answer:
 * idle members by (idle_since, member) and by member, and per technology by
 * skill. Skill decays at one rate for everybody, so ordering by
 * log(v) + decay·t is ordering by today's value at any time; the key only
 * changes while an engineer is busy (practice), so it is set on becoming idle
 * (and renewed when night work raises it). A technology's skill index is
 * built the first time a task of that technology asks for the most skill +
 * context in the team, and kept from then on: a team's tasks use few of the
 * catalogue's technologies. Skill indexes are brought up to date when asked
 * (sync_skill), not at every idle on/off: a large team logs the changes to
 * its idle set, and an index replays those since it was last asked, or is
 * rebuilt from the idle members when that is cheaper. Also here: the event
 * loop's prefetch of the engineer and task the next event will read
 * (org__prefetch_next), the other half of the cost of a decision. */
#include "models/org_sim_int.h"
#include "util/util_sys.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IDX_MIN_MEMBERS 32          /* teams this large keep dispatch indexes */
#define BOUND_SLACK 1e-9            /* relative and absolute rounding allowance of bounds computed from keys */
#define WALK_SLACK 1e-9             /* candidates within this of the best are re-scanned in member order */
#define IDX_OFF (-1)                /* idx_change.what: the member stopped being idle */
#define IDX_ON (-2)                 /* ... became idle (a technology >= 0: its skill rose while idle) */

/* A candidate of the best-knowledge choice: engineer and knowledge. */
typedef struct kcand { int e; double k; } kcand;

static double skill_key(const sim *S, const kv *k)
{
    if (k->v <= 0.0)
        return -INFINITY;
    return log(k->v) + S->decay_skill * k->t;
}

int org__dispatch_init(sim *S)
{
    int nt = S->n_teams + 1;
    S->idx = calloc((size_t)nt, sizeof *S->idx);
    S->idle_flag = calloc((size_t)(S->n_engs ? S->n_engs : 1), 1);
    S->present_flag = calloc((size_t)(S->n_engs ? S->n_engs : 1), 1);
    S->check_dispatch = util_env_flag("DEVOPSIM_CHECK_DISPATCH");
    if (!S->idx || !S->idle_flag || !S->present_flag)
        return -1;
    for (int t = 0; t < nt; t++) {
        int n = S->n_members[t];     /* every slot, vacant ones included */
        if (n < IDX_MIN_MEMBERS)
            continue;
        team_idx *x = calloc(1, sizeof *x);
        if (!x)
            return -1;
        S->idx[t] = x;
        x->skill = calloc((size_t)(S->n_techs ? S->n_techs : 1), sizeof *x->skill);
        x->skill_live = calloc((size_t)(S->n_techs ? S->n_techs : 1), 1);
        x->synced = calloc((size_t)(S->n_techs ? S->n_techs : 1), sizeof *x->synced);
        x->log_cap = 2 * n;
        x->log = malloc((size_t)x->log_cap * sizeof *x->log);
        if (!x->skill || !x->skill_live || !x->synced || !x->log || sim_iheap_init(&x->idle_time, n) != 0
            || sim_iheap_init(&x->idle_pos, n) != 0)
            return -1;
    }
    return 0;
}

void org__dispatch_free(sim *S)
{
    if (S->check_dispatch)
        fprintf(stderr, "devopsim: dispatch check: replication %d: %ld idle and %ld most-knowledge choices of large "
                "teams agreed with a full scan, and %ld carried-feature picks\n", S->rep, S->n_checked[0],
                S->n_checked[1], S->n_checked[2]);
    free(S->idle_flag);
    free(S->present_flag);
    free(S->cand);
    free(S->walk.p);
    if (!S->idx)
        return;
    for (int t = 0; t < S->n_teams + 1; t++) {
        team_idx *x = S->idx[t];
        if (!x)
            continue;
        sim_iheap_destroy(&x->idle_time);
        sim_iheap_destroy(&x->idle_pos);
        if (x->skill)
            for (int k = 0; k < S->n_techs; k++)
                if (x->skill_live[k])
                    sim_iheap_destroy(&x->skill[k]);
        free(x->skill);
        free(x->skill_live);
        free(x->synced);
        free(x->log);
        free(x);
    }
    free(S->idx);
}

void org__prefetch_next(const sim *S)
{
    int kind;
    uint64_t arg;
    if (sim_eventq_peek(S->ev, &kind, &arg) != 0 || kind != EV_DONE)
        return;
    const char *E = (const char *)&S->engs[(uint32_t)arg];
    org__prefetch(E);
    org__prefetch(E + 64);
    org__prefetch(E + 128);
    int t = (int)(arg >> 32) - 1;
    if (t >= 0) {
        const char *T = (const char *)TASK(S, t);
        org__prefetch(T);
        org__prefetch(T + 64);
    }
}

/* Logs a change of team x's idle set for the skill indexes. */
static void log_change(team_idx *x, int member, int what)
{
    idx_change *c = &x->log[x->n_log++ % x->log_cap];
    c->member = member;
    c->what = what;
}

void org__idle_on(sim *S, int e)
{
    eng *E = &S->engs[e];
    S->n_idle[E->team]++;
    S->idle_flag[e] = 1;
    team_idx *x = S->idx[E->team];
    if (!x)
        return;
    sim_iheap_insert(&x->idle_time, E->member, E->idle_since);
    sim_iheap_insert(&x->idle_pos, E->member, (double)E->member);
    log_change(x, E->member, IDX_ON);
}

void org__idle_off(sim *S, int e)
{
    eng *E = &S->engs[e];
    S->n_idle[E->team]--;
    S->idle_flag[e] = 0;
    team_idx *x = S->idx[E->team];
    if (!x)
        return;
    sim_iheap_remove(&x->idle_time, E->member);
    sim_iheap_remove(&x->idle_pos, E->member);
    log_change(x, E->member, IDX_OFF);
}

/* An idle engineer's skill in tech rose (night work): the skill index
 * (kept for idle members only) takes the new key when next brought up to
 * date, so that the best-first walk and the bounds read the skill of now. */
void org__skill_changed(sim *S, int e, int tech)
{
    const eng *E = &S->engs[e];
    team_idx *x = S->idx[E->team];
    if (!x || !S->idle_flag[e] || tech < 0 || !x->skill_live[tech])
        return;
    log_change(x, E->member, tech);
}

/* Member m of team (idle now) into the skill index h of tech, keyed by
 * the skill of now. */
static void skill_insert(const sim *S, sim_iheap *h, int team, int m, int tech)
{
    sim_iheap_insert(h, m, -skill_key(S, &S->engs[S->members[team][m]].skill[tech]));
}

/* Brings team's skill index of tech up to date with the idle set: the
 * changes logged since it was last asked, replayed (a member's key is
 * the skill of now: skill changes only while busy, or by night work,
 * which is logged), or, when more of them than idle members or no longer
 * in the log, a rebuild from the idle members. Either way it then holds
 * every idle member keyed by their skill of now, as if kept up to date at
 * each change; a walk's answer does not depend on the heap's layout. */
static void sync_skill(const sim *S, team_idx *x, int team, int tech)
{
    sim_iheap *h = &x->skill[tech];
    long d = x->n_log - x->synced[tech];
    int n_idle = sim_iheap_size(&x->idle_pos);
    if (d <= x->log_cap && d <= n_idle) {
        for (long i = x->synced[tech]; i < x->n_log; i++) {
            const idx_change *c = &x->log[i % x->log_cap];
            if (c->what == IDX_ON) {
                skill_insert(S, h, team, c->member, tech);
            } else if (c->what == IDX_OFF) {
                sim_iheap_remove(h, c->member);
            } else if (c->what == tech && sim_iheap_contains(h, c->member)) {
                sim_iheap_remove(h, c->member);     /* idle at that point: re-keyed */
                skill_insert(S, h, team, c->member, tech);
            }
        }
    } else {
        while (sim_iheap_size(h) > 0)
            sim_iheap_remove(h, sim_iheap_id_at(h, sim_iheap_size(h) - 1));
        for (int p = 0; p < n_idle; p++)
            skill_insert(S, h, team, sim_iheap_id_at(&x->idle_pos, p), tech);
    }
    x->synced[tech] = x->n_log;
}

static int is_idle(const eng *E)
{
    return E->present && E->task == NONE && E->enable_kind == NONE;
}

/* The idle member first in member order by a scan, or NONE. */
static int plain_idle_first(const sim *S, int team)
{
    for (int i = 0; i < S->n_members[team]; i++)
        if (is_idle(&S->engs[S->members[team][i]]))
            return S->members[team][i];
    return NONE;
}

int org__idle_first(const sim *S, int team)
{
    const team_idx *x = S->idx[team];
    if (x) {
        int m = sim_iheap_top(&x->idle_pos);
        return m < 0 ? NONE : S->members[team][m];
    }
    return plain_idle_first(S, team);
}

static double skill_of(const sim *S, const eng *e, int tech)
{
    return tech >= 0 ? kv_get(S, &e->skill[tech], S->decay_skill) : 1.0;
}

static double knowledge_of(const sim *S, const eng *E, int comp, int tech)
{
    return org__ctx_of(S, E, comp) + skill_of(S, E, tech);
}

static int cmp_cand(const void *a, const void *b)
{
    int x = ((const kcand *)a)->e, y = ((const kcand *)b)->e;
    return (x > y) - (x < y);
}

static int add_cand(sim *S, int e, double k)
{
    if (org__grow((void **)&S->cand, &S->cap_cand, S->n_cand, sizeof *S->cand) != 0) {
        S->fail = 1;
        return -1;
    }
    S->cand[S->n_cand].e = e;
    S->cand[S->n_cand++].k = k;
    return 0;
}

static int push(sim *S, ivec *v, int x)
{
    if (org__grow((void **)&v->p, &v->cap, v->n, sizeof *v->p) != 0) {
        S->fail = 1;
        return -1;
    }
    v->p[v->n++] = x;
    return 0;
}

/* The plain rule over candidates in member order: the first whose
 * knowledge beats the best so far by more than ORG_TIE_EPS. */
static int scan_best(const kcand *c, int n)
{
    int best = NONE;
    double best_k = -1.0;
    for (int i = 0; i < n; i++)
        if (c[i].k > best_k + ORG_TIE_EPS) {
            best_k = c[i].k;
            best = c[i].e;
        }
    return best;
}

/* The smallest context key an engineer whose skill is at most top_skill
 * needs to come within WALK_SLACK of best: context + top_skill + slack must
 * reach best − slack, with a relative slack for the rounding of keys. */
static double prune_key(double best, double top_skill, double dnow)
{
    double need = (best - 2.0 * WALK_SLACK - top_skill) / (1.0 + WALK_SLACK);
    return need > 0.0 ? log(need) + dnow : -(double)INFINITY;
}

/* The plain rule over the candidates within WALK_SLACK of best, in member
 * order. */
static int best_of_cands(sim *S, double best)
{
    int n = 0;
    for (int i = 0; i < S->n_cand; i++)
        if (S->cand[i].k >= best - WALK_SLACK)
            S->cand[n++] = S->cand[i];
    qsort(S->cand, (size_t)n, sizeof *S->cand, cmp_cand);
    return scan_best(S->cand, n);
}

/* Entry i of kn (idle member e's explicit context): a candidate when its
 * knowledge comes within WALK_SLACK of *best, which it raises (and *min_key
 * with it) when larger. 0, or -1 when memory ran out. */
static int consider(sim *S, const klist *kn, int i, int e, int tech, double top_skill, double dnow,
                    double *best, double *min_key)
{
    double k = kv_get(S, &kn->p[i].k, S->decay_ctx) + skill_of(S, &S->engs[e], tech);   /* = knowledge_of */
    if (k >= *best - WALK_SLACK && add_cand(S, e, k) != 0)
        return -1;
    if (k > *best) {
        *best = k;
        *min_key = prune_key(*best, top_skill, dnow);
    }
    return 0;
}

/* Team's skill index of tech (idle members keyed by skill), built the
 * first time it is asked for and brought up to date (sync_skill); NULL
 * (S->fail set) when memory ran out. */
static const sim_iheap *skill_index(sim *S, int team, int tech)
{
    team_idx *x = S->idx[team];
    sim_iheap *h = &x->skill[tech];
    if (!x->skill_live[tech]) {
        if (sim_iheap_init(h, S->n_members[team]) != 0) {
            S->fail = 1;
            return NULL;
        }
        x->skill_live[tech] = 1;
        x->synced[tech] = x->n_log - x->log_cap - 1;      /* built from the idle members */
    }
    sync_skill(S, x, team, tech);
    return h;
}

/* The most skill + context among the idle members of a large team. Every
 * idle engineer's knowledge is skill + (explicit context, the base layer, or
 * 0): those holding an explicit context on comp are evaluated directly; the
 * others are walked best-skill first until skill + the base layer cannot
 * come within WALK_SLACK of the best. The candidates within WALK_SLACK are
 * then scanned in member order with the plain rule, which gives the plain
 * scan's answer (it differs only if values lie within ORG_TIE_EPS of the
 * WALK_SLACK boundary). */
static int best_known(sim *S, int team, int comp, int tech)
{
    S->n_cand = 0;
    const sim_iheap *h = skill_index(S, team, tech);
    if (!h)
        return NONE;
    /* A first candidate: the most skilled idle member; its knowledge bounds
     * the best from below, and its skill bounds every idle member's. */
    int top = S->members[team][sim_iheap_top(h)];
    double top_skill = skill_of(S, &S->engs[top], tech);
    double best = knowledge_of(S, &S->engs[top], comp, tech);
    if (add_cand(S, top, best) != 0)
        return NONE;
    /* Those holding an explicit context on comp: skipped without computing
     * when their context + the top skill cannot come within WALK_SLACK. */
    const klist *kn = &S->knowers[comp];
    int central = team == S->central;
    double dnow = S->decay_ctx * S->now;
    double min_key = prune_key(best, top_skill, dnow);
    double dsnow = S->decay_skill * S->now;
    int m0 = S->members[team][0];
    for (int i = 0; i < kn->n; i++) {
        if (kn->p[i].key < min_key)
            continue;
        int w = kn->p[i].who, e = klist_eng(w);
        if ((w >= 0) != central || !S->idle_flag[e] || e == top)
            continue;
        if (!central && S->engs[e].team != team)
            continue;       /* a knower in another product team is not this team's to ask */
        /* Bounds from the keys (compact arrays, no look-up of the entry or
         * the engineer): context from its key, skill from the member's key
         * in the skill index (re-keyed when night work raises it), each
         * rounded up generously. */
        unsigned m = (unsigned)(e - m0);
        if (m < (unsigned)S->n_members[team]) {
            double hk = h->keys[h->pos[m]];
            double ub = exp(kn->p[i].key - dnow) + (hk < (double)INFINITY ? exp(-hk - dsnow) : 0.0);
            if (ub * (1.0 + BOUND_SLACK) + BOUND_SLACK < best - WALK_SLACK)
                continue;
        }
        if (consider(S, kn, i, e, tech, top_skill, dnow, &best, &min_key) != 0)
            return NONE;
    }
    double base = team == S->central && S->cen_known[comp] ? kv_get(S, &S->cbase, S->decay_ctx) : 0.0;
    ivec *w = &S->walk;       /* frontier of heap positions, a binary heap on the heap's keys */
    w->n = 0;
    if (sim_iheap_size(h) > 0 && push(S, w, 0) != 0)
        return NONE;
    while (w->n > 0) {
        /* pop the frontier's smallest key */
        int p = w->p[0], last = w->p[--w->n];
        int i = 0;
        for (;;) {
            int c = 2 * i + 1;
            if (c >= w->n)
                break;
            if (c + 1 < w->n && sim_iheap_key_at(h, w->p[c + 1]) < sim_iheap_key_at(h, w->p[c]))
                c++;
            if (!(sim_iheap_key_at(h, w->p[c]) < sim_iheap_key_at(h, last)))
                break;
            w->p[i] = w->p[c];
            i = c;
        }
        if (w->n > 0)
            w->p[i] = last;
        int e = S->members[team][sim_iheap_id_at(h, p)];
        const eng *E = &S->engs[e];
        double sk = skill_of(S, E, tech);
        if (sk + base < best - WALK_SLACK)
            break;
        if (e != top && !org__ctx_find(S, E, comp)) {
            double k = knowledge_of(S, E, comp, tech);
            if (k >= best - WALK_SLACK && add_cand(S, e, k) != 0)
                return NONE;
            if (k > best)
                best = k;
        }
        for (int c = 2 * p + 1; c <= 2 * p + 2 && c < sim_iheap_size(h); c++) {
            if (push(S, w, c) != 0)
                return NONE;
            int j = w->n - 1;
            while (j > 0) {
                int up = (j - 1) / 2;
                if (!(sim_iheap_key_at(h, w->p[j]) < sim_iheap_key_at(h, w->p[up])))
                    break;
                int t = w->p[j];
                w->p[j] = w->p[up];
                w->p[up] = t;
                j = up;
            }
        }
    }
    return best_of_cands(S, best);
}

/* The plain rules, a scan of every member of the team: small teams use
 * them, and the dispatch check compares the indexes' answers with them. */

/* The idle member who has waited longest (the first in member order among
 * equals), or NONE; *n_idle: how many are idle. */
static int plain_longest_idle(const sim *S, int team, int *n_idle)
{
    int best = NONE, n = 0;
    double best_idle = INFINITY;
    for (int i = 0; i < S->n_members[team]; i++) {
        const eng *e = &S->engs[S->members[team][i]];
        if (!is_idle(e))
            continue;
        n++;
        if (e->idle_since < best_idle) {
            best_idle = e->idle_since;
            best = S->members[team][i];
        }
    }
    *n_idle = n;
    return best;
}

/* plain_longest_idle's answer for a small team from the compact idle flags
 * (a team's members are consecutive engineers, so their flags share a cache
 * line): only idle members are read, and the scan stops at the last of
 * them. */
static int small_longest_idle(const sim *S, int team, int *n_idle)
{
    int best = NONE, left = S->n_idle[team];
    double best_idle = INFINITY;
    const int *mem = S->members[team];
    for (int i = 0; i < S->n_members[team] && left > 0; i++) {
        if (!S->idle_flag[mem[i]])
            continue;
        left--;
        double t = S->engs[mem[i]].idle_since;
        if (t < best_idle) {
            best_idle = t;
            best = mem[i];
        }
    }
    *n_idle = S->n_idle[team] - left;
    return best;
}

/* The idle member with the most skill + context on (comp, tech) by the
 * plain rule (scan_best in member order), or NONE; NONE with S->fail set
 * when memory ran out. Uses S->cand. */
static int plain_best_known(sim *S, int team, int comp, int tech)
{
    S->n_cand = 0;
    for (int i = 0; i < S->n_members[team]; i++) {
        int e = S->members[team][i];
        if (is_idle(&S->engs[e]) && add_cand(S, e, knowledge_of(S, &S->engs[e], comp, tech)) != 0)
            return NONE;
    }
    return scan_best(S->cand, S->n_cand);
}

/* ---- the dispatch check (DEVOPSIM_CHECK_DISPATCH=1) ---- */

static const char *tname(const sim *S, int team)
{
    return team == S->central ? "central" : S->s->teams[team].name;
}

/* "engineer 12 (team-1#3.0, knowledge 1.234)" into buf (e may be NONE). */
static const char *eng_desc(const sim *S, int e, int comp, int tech, char *buf, size_t n)
{
    if (e == NONE) {
        snprintf(buf, n, "nobody");
        return buf;
    }
    const eng *E = &S->engs[e];
    if (comp >= 0)
        snprintf(buf, n, "engineer %d (%s#%d.%d, idle since day %.9g, knowledge %.17g)", e, tname(S, E->team),
                 E->member, E->gen, E->idle_since, knowledge_of(S, E, comp, tech));
    else
        snprintf(buf, n, "engineer %d (%s#%d.%d, idle since day %.9g)", e, tname(S, E->team), E->member,
                 E->gen, E->idle_since);
    return buf;
}

/* An indexed choice of rule `what` for task t in team differs from the
 * plain scan's: a bug in the indexes. Says so on stderr and aborts (a
 * debug check, on only with DEVOPSIM_CHECK_DISPATCH=1). */
static void check_failed(const sim *S, int team, int t, const char *what, int indexed, int plain)
{
    const task *T = TASK(S, t);
    char a[192], b[192];
    fprintf(stderr,
            "devopsim: dispatch check failed (replication %d, day %.9g): %s for task %d (component %d, "
            "technology %d) in team %s: the indexes chose %s, a full scan of the team %s\n",
            S->rep, S->now, what, t, T->comp, T->tech, tname(S, team),
            eng_desc(S, indexed, T->comp, T->tech, a, sizeof a), eng_desc(S, plain, T->comp, T->tech, b, sizeof b));
    abort();
}

/* With the check on, the indexed answers of a large team against the plain
 * scan: longest idle (and how many are idle), first idle in member order. */
static void check_idle(sim *S, int team, int t, int best, int n_idle)
{
    int n, plain = plain_longest_idle(S, team, &n);
    if (plain != best || n != n_idle)
        check_failed(S, team, t, n != n_idle ? "idle count" : "longest idle", best, plain);
    int first = org__idle_first(S, team), pfirst = plain_idle_first(S, team);
    if (first != pfirst)
        check_failed(S, team, t, "first idle", first, pfirst);
    S->n_checked[0]++;
}

#define PRIO_ENABLEMENT 99          /* building an enablement item: the least urgent work */

/* How urgent member e's work is: PRIO_ENABLEMENT, its task's priority, or
 * -1 when idle. */
static int work_prio(const sim *S, const eng *E)
{
    return E->enable_kind != NONE ? PRIO_ENABLEMENT : E->task != NONE ? TASK(S, E->task)->prio : -1;
}

/* The victim by the plain rule, scanning members in order until nobody
 * later can be less urgent than worst_possible. */
static int plain_victim(const sim *S, int team, int is_incident, int worst_possible)
{
    int victim = NONE, worst = -1;
    for (int i = 0; i < S->n_members[team] && worst < worst_possible; i++) {
        int ei = S->members[team][i];
        const eng *E = &S->engs[ei];
        if (!E->present)
            continue;
        int p = work_prio(S, E);
        if ((p == PRIO_ENABLEMENT || (is_incident && p > PRIO_INCIDENT)) && p > worst) {
            worst = p;
            victim = ei;
        }
    }
    return victim;
}

int org__preempt_victim(sim *S, int team, int is_incident)
{
    /* The scan may stop at the least urgent work there can be: enablement
     * when an item is being built (only central engineers build, one each
     * kind: enable_busy), else ordinary work. In a large team that ends it
     * early, where reading every member's task was a cache miss each. */
    int top = PRIO_WORK;
    for (int k = 0; team == S->central && k < ORG_TASK_KINDS; k++)
        if (S->enable_busy[k])
            top = PRIO_ENABLEMENT;
    int victim = is_incident || top == PRIO_ENABLEMENT ? plain_victim(S, team, is_incident, top) : NONE;
    if (S->check_dispatch) {
        int plain = plain_victim(S, team, is_incident, INT_MAX);
        if (plain != victim) {
            char a[192], b[192];
            fprintf(stderr, "devopsim: dispatch check failed (replication %d, day %.9g): preemption victim in team %s: "
                    "the early stop chose %s, a full scan of the team %s\n", S->rep, S->now, tname(S, team),
                    eng_desc(S, victim, -1, -1, a, sizeof a), eng_desc(S, plain, -1, -1, b, sizeof b));
            abort();
        }
    }
    return victim;
}

int org__idle_pick(sim *S, int team, int t)
{
    return org__idle_pick_r(S, team, t, S->r_assign[team]);
}

int org__idle_pick_r(sim *S, int team, int t, gsl_rng *r)
{
    const task *T = TASK(S, t);
    int comp = T->comp, tech = T->tech;
    team_idx *x = S->idx[team];
    int best, n_idle;
    if (x) {
        int m = sim_iheap_top(&x->idle_time);
        best = m < 0 ? NONE : S->members[team][m];
        n_idle = sim_iheap_size(&x->idle_time);
        if (S->check_dispatch)
            check_idle(S, team, t, best, n_idle);
    } else {
        best = small_longest_idle(S, team, &n_idle);
        if (S->check_dispatch) {
            int n, plain = plain_longest_idle(S, team, &n);
            if (plain != best || n != n_idle)
                check_failed(S, team, t, n != n_idle ? "idle count (small team)" : "longest idle (small team)", best,
                             plain);
        }
    }
    if (n_idle <= 1 || comp < 0)
        return best;
    /* With probability `specialization`, the most knowledgeable idle engineer
     * takes it (the "database person"); otherwise whoever has waited longest. */
    if (gsl_rng_uniform(r) < S->s->knowledge.specialization) {
        if (!x) {
            int k = plain_best_known(S, team, comp, tech);
            return k == NONE ? best : k;
        }
        int k = best_known(S, team, comp, tech);
        if (S->check_dispatch && !S->fail) {
            int plain = plain_best_known(S, team, comp, tech);
            if (plain != k)
                check_failed(S, team, t, "most skill + context", k, plain);
            S->n_checked[1]++;
        }
        return k;
    }
    return best;
}
