/* org_setup — building and freeing one replication's state: the scenario's
 * constants and per-team arrays, the task graphs' successor lists, the
 * engineers with their knowledge storage and random streams, and which
 * components are active at the hosting point. The event loop is org_sim.c. */
#include "models/org_sim_int.h"
#include "util/util_sys.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "sim/sim_event.h"
#include "sim/sim_pqueue.h"
#include "sim/sim_rng.h"

static gsl_rng **streams(sim *S, const char *purpose, int n, uint64_t base)
{
    gsl_rng **r = calloc((size_t)(n ? n : 1), sizeof *r);
    if (!r) {
        S->fail = 1;
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        r[i] = sim_rng_new(S->s->run.seed, (uint64_t)S->rep, purpose, base + (uint64_t)i);
        if (!r[i])
            S->fail = 1;
    }
    return r;
}

static void free_streams(gsl_rng **r, int n)
{
    if (!r)
        return;
    for (int i = 0; i < n; i++)
        if (r[i])
            gsl_rng_free(r[i]);
    free(r);
}

/* CSR successor lists of a task graph: successors of i are
 * succ[off[i] .. off[i+1]). */
static int build_succ(const org_task_spec *t, int n, int **succ_out, int **off_out)
{
    int *off = calloc((size_t)n + 1, sizeof *off);
    int total = 0;
    for (int j = 0; j < n; j++)
        total += t[j].n_after;
    int *succ = malloc((size_t)(total ? total : 1) * sizeof *succ);
    int *fill = calloc((size_t)(n ? n : 1), sizeof *fill);
    if (!off || !succ || !fill) {
        free(off); free(succ); free(fill);
        return -1;
    }
    for (int j = 0; j < n; j++)
        for (int a = 0; a < t[j].n_after; a++)
            off[t[j].after[a] + 1]++;
    for (int i = 0; i < n; i++)
        off[i + 1] += off[i];
    for (int j = 0; j < n; j++)
        for (int a = 0; a < t[j].n_after; a++) {
            int i = t[j].after[a];
            succ[off[i] + fill[i]++] = j;
        }
    free(fill);
    *succ_out = succ;
    *off_out = off;
    return 0;
}

static void free_succ(int **succ, int **off, int n)
{
    for (int i = 0; i < n; i++) {
        if (succ)
            free(succ[i]);
        if (off)
            free(off[i]);
    }
    free(succ);
    free(off);
}

void *org__vec_push(sim *S, vec *v)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        void *p = realloc(v->p, cap * v->size);
        if (!p) { S->fail = 1; return NULL; }
        v->p = p;
        v->cap = cap;
        util_block_hugepages(p, cap * v->size);   /* a large vector is its own mapping, not the heap's */
    }
    void *e = (char *)v->p + v->n * v->size;
    memset(e, 0, v->size);
    v->n++;
    return e;
}

#define CACHE_LINE 64u     /* bytes: the task and engineer arrays start on a line (org_sim_int.h) */
_Static_assert(sizeof(task) == 96, "a task is 96 bytes: two cache lines at CACHE_LINE (org_sim_int.h)");
_Static_assert(sizeof(eng) == 192, "an engineer is three cache lines (org_sim_int.h)");
_Static_assert(sizeof(kent) == KENT_BYTES, "a knowledge entry is KENT_BYTES, its lists' alignment (org_sim_int.h)");
_Static_assert(ORG_TASK_KINDS <= 127 && TC_UNPLANNED <= 127, "a task's kind and class fit its signed char fields");

/* Appends a zeroed task slot: its index, or NONE (S->fail set) when memory
 * ran out. The array stays CACHE_LINE-aligned: it is allocated CACHE_LINE
 * bytes larger and starts pad bytes in (moved when a reallocation changes
 * the pad; realloc keeps a large block's address mod the page size). */
static int task_push(sim *S)
{
    vec *v = &S->tasks;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        char *old = v->p ? (char *)v->p - v->pad : NULL;
        char *raw = realloc(old, cap * v->size + CACHE_LINE);
        if (!raw) {
            S->fail = 1;
            return NONE;
        }
        size_t pad = (size_t)(-(uintptr_t)raw & (CACHE_LINE - 1));
        if (pad != v->pad)
            memmove(raw + pad, raw + v->pad, v->n * v->size);
        v->p = raw + pad;
        v->pad = pad;
        v->cap = cap;
        util_block_hugepages(raw, cap * v->size + CACHE_LINE);   /* a mapping of its own when large */
    }
    memset(TASK(S, (int)v->n), 0, v->size);
    return (int)v->n++;
}

int org__task_new(sim *S)
{
    if (S->task_free.n > 0) {
        int t = S->task_free.p[--S->task_free.n];
        memset(TASK(S, t), 0, sizeof(task));
        return t;
    }
    return task_push(S);
}

void org__task_release(sim *S, int t)
{
    /* A trace names tasks by index: while tracing every task keeps its own. */
    if (TRACING(S))
        return;
    if (org__grow((void **)&S->task_free.p, &S->task_free.cap, S->task_free.n, sizeof(int)) != 0)
        return;     /* the slot is not reused: memory, not results */
    S->task_free.p[S->task_free.n++] = t;
}

int org__block_new(sim *S, int n)
{
    if (n < S->n_blk_free && S->blk_free[n].n > 0) {
        int first = S->blk_free[n].p[--S->blk_free[n].n];
        memset(TASK(S, first), 0, (size_t)n * sizeof(task));
        return first;
    }
    int first = (int)S->tasks.n;
    for (int i = 0; i < n; i++)
        if (task_push(S) == NONE)
            return NONE;
    return first;
}

void org__block_release(sim *S, int first, int n)
{
    if (TRACING(S) || n <= 0)
        return;
    if (n >= S->n_blk_free) {
        ivec *p = realloc(S->blk_free, (size_t)(n + 1) * sizeof *p);
        if (!p)
            return;     /* not reused: memory, not results */
        memset(p + S->n_blk_free, 0, (size_t)(n + 1 - S->n_blk_free) * sizeof *p);
        S->blk_free = p;
        S->n_blk_free = n + 1;
    }
    ivec *l = &S->blk_free[n];
    if (org__grow((void **)&l->p, &l->cap, l->n, sizeof(int)) != 0)
        return;
    l->p[l->n++] = first;
}

void org__sim_free(sim *S)
{
    free_succ(S->tmpl_succ, S->tmpl_off, S->s->n_templates);
    free_succ(S->proj_succ, S->proj_off, S->s->n_projects);
    int nt = S->n_teams + 1;
    if (S->queue)
        for (int i = 0; i < nt; i++)
            sim_pqueue_free(S->queue[i]);
    free(S->queue);
    if (S->members)
        for (int i = 0; i < nt; i++)
            free(S->members[i]);
    free(S->members);
    free(S->n_members);
    free(S->n_idle);
    if (S->engs)
        for (int i = 0; i < S->n_engs; i++) {
            free(S->engs[i].skill);
        }
    org__know_free(S);
    org__dispatch_free(S);
    org__oncall_free(S);
    free(S->engs);
    if (S->tasks.p)
        free((char *)S->tasks.p - S->tasks.pad);
    free(S->task_free.p);
    for (int i = 0; i < S->n_blk_free; i++)
        free(S->blk_free[i].p);
    free(S->blk_free);
    free(S->features.p);
    free(S->incidents.p);
    free(S->waits.p);
    free(S->series);
    free(S->team_open);
    free(S->team_series);
    free(S->wk);
    free(S->eval_done_at);
    free(S->team_size);
    free(S->team_busy);
    free(S->team_avail);
    free(S->last_window);
    free(S->batch_cur);
    free(S->batches.p);
    free(S->active);
    free(S->infra);
    free(S->bus_sum);
    free(S->bus_le1);
    free_streams(S->r_arrival, S->n_teams);
    free_streams(S->r_feature, S->n_teams);
    free_streams(S->r_toil, S->n_svcs);
    free_streams(S->r_incident, S->n_svcs);
    free_streams(S->r_cfr, S->n_svcs);
    free_streams(S->r_cf_incident, S->n_svcs);
    free_streams(S->r_svc, S->n_teams);
    free(S->svc_h);
    free_streams(S->r_assign, nt);
    free_streams(S->r_clar, S->n_teams);
    free_streams(S->r_flow, S->n_teams + 1);
    free_streams(S->r_project, S->s->n_projects);
    free_streams(S->r_attr, S->n_engs);
    sim_eventq_free(S->ev);
}

/* The scenario's constants, the per-team arrays and the task graphs'
 * successor lists. 0, or -1 when memory ran out (S is then freeable). */
int org__setup_arrays(sim *S)
{
    const org_scenario *s = S->s;
    S->n_teams = s->n_teams;
    S->central = s->n_teams;
    S->n_techs = s->n_techs;
    S->n_svcs = s->n_services;
    S->n_comps = s->n_services * s->n_techs;
    S->w0 = s->run.warmup_days;
    S->w1 = s->run.warmup_days + s->run.measure_days;
    S->t_end = S->w1 + s->run.drain_max_days;
    S->decay_skill = s->knowledge.skill_half_life_days > 0 ? log(2.0) / s->knowledge.skill_half_life_days : 0.0;
    S->decay_ctx = s->knowledge.context_half_life_days > 0 ? log(2.0) / s->knowledge.context_half_life_days : 0.0;
    S->tasks.size = sizeof(task);
    S->features.size = sizeof(feature);
    S->incidents.size = sizeof(incident);
    S->batches.size = sizeof(org_batch);
    S->waits.size = sizeof(double);
    int nt = S->n_teams + 1;
    size_t nc = (size_t)(S->n_comps ? S->n_comps : 1);
    S->ev = sim_eventq_new(1024);
    S->queue = calloc((size_t)nt, sizeof *S->queue);
    S->members = calloc((size_t)nt, sizeof *S->members);
    S->n_members = calloc((size_t)nt, sizeof *S->n_members);
    S->n_idle = calloc((size_t)nt, sizeof *S->n_idle);
    S->eval_done_at = malloc((size_t)(S->n_techs ? S->n_techs : 1) * sizeof(double));
    S->active = calloc(nc, sizeof(int));
    S->infra = calloc(nc, sizeof(int));
    S->bus_sum = calloc(nc, sizeof(double));
    S->bus_le1 = calloc(nc, sizeof(double));
    S->team_size = calloc((size_t)nt, sizeof(int));
    S->team_busy = calloc((size_t)nt, sizeof(double));
    S->team_avail = calloc((size_t)nt, sizeof(double));
    S->team_open = calloc((size_t)nt, sizeof(int));
    size_t nsv = (size_t)S->n_svcs + 1;
    S->last_window = malloc(nsv * sizeof(double));
    S->batch_cur = malloc(nsv * sizeof(int));
    S->svc_h = malloc(nsv * sizeof *S->svc_h);
    if (org__oncall_init(S) != 0)
        return -1;
    if (!S->svc_h || !S->team_size || !S->team_busy || !S->team_avail || !S->team_open || !S->last_window || !S->batch_cur || !S->n_idle || !S->ev || !S->queue || !S->members || !S->n_members
        || !S->eval_done_at || !S->active || !S->infra || !S->bus_sum || !S->bus_le1)
        return -1;
    for (int i = 0; i < S->n_techs; i++)
        S->eval_done_at[i] = -1.0;
    for (size_t v = 0; v < nsv; v++) {
        S->last_window[v] = -1.0;
        S->batch_cur[v] = NONE;
    }
    int h = (int)(S->h - s->hostings);
    for (int v = 0; v < S->n_svcs; v++)
        S->svc_h[v] = org_plan_hosting(s, h, v);
    S->cont_eng = NONE;
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        S->enable_factor[k] = S->learn_factor[k] = 1.0;
    S->tmpl_succ = calloc((size_t)(s->n_templates ? s->n_templates : 1), sizeof(int *));
    S->tmpl_off = calloc((size_t)(s->n_templates ? s->n_templates : 1), sizeof(int *));
    S->proj_succ = calloc((size_t)(s->n_projects ? s->n_projects : 1), sizeof(int *));
    S->proj_off = calloc((size_t)(s->n_projects ? s->n_projects : 1), sizeof(int *));
    if (!S->tmpl_succ || !S->tmpl_off || !S->proj_succ || !S->proj_off)
        return -1;
    for (int i = 0; i < s->n_templates; i++)
        if (build_succ(s->templates[i].tasks, s->templates[i].n_tasks, &S->tmpl_succ[i], &S->tmpl_off[i]) != 0)
            return -1;
    for (int i = 0; i < s->n_projects; i++)
        if (build_succ(s->projects[i].tasks, s->projects[i].n_tasks, &S->proj_succ[i], &S->proj_off[i]) != 0)
            return -1;
    return 0;
}

/* The teams (the staffing search's sizes when opts override them), their
 * engineers with knowledge storage and attrition streams, and the other
 * random streams. 0, or -1 when memory ran out. */
int org__setup_people(sim *S, int central_size)
{
    const org_scenario *s = S->s;
    int nt = S->n_teams + 1, total = 0;
    for (int i = 0; i < nt; i++) {
        int size = i == S->central ? central_size : s->teams[i].size + S->o->product_extra;
        if (size < 0)
            size = 0;
        int slots = size + org__tl_slots(S, i);   /* vacant places for the timeline's arrivals */
        if (i < S->n_teams && s->teams[i].starts_day > 0.0)
            size = 0;       /* a team that starts later: every place vacant until then */
        S->team_size[i] = size;
        total += slots;
        S->queue[i] = sim_pqueue_new(64);
        S->members[i] = malloc((size_t)(slots ? slots : 1) * sizeof(int));
        if (!S->queue[i] || !S->members[i])
            return -1;
    }
    /* Cache-line aligned: an engineer is three whole lines (the loop
     * prefetches them, org__prefetch_next). */
    size_t eng_bytes = (size_t)(total ? total : 1) * sizeof *S->engs;
    S->engs = aligned_alloc(CACHE_LINE, (eng_bytes + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE);
    if (!S->engs)
        return -1;
    memset(S->engs, 0, eng_bytes);
    S->n_engs = total;
    S->r_attr = calloc((size_t)(total ? total : 1), sizeof *S->r_attr);
    if (!S->r_attr)
        return -1;
    int e = 0;
    for (int i = 0; i < nt; i++) {
        int slots = S->team_size[i] + org__tl_slots(S, i);
        if (i < S->n_teams && s->teams[i].starts_day > 0.0)
            slots += s->teams[i].size + S->o->product_extra;
        for (int j = 0; j < slots; j++, e++) {
            eng *E = &S->engs[e];
            E->team = i;
            E->member = j;
            E->vacant = j >= S->team_size[i];
            E->skill = calloc((size_t)(S->n_techs ? S->n_techs : 1), sizeof(kv));
            E->task = NONE;
            /* Attrition streams per (team, member) so that resizing one team
             * leaves every other engineer's draws unchanged. */
            S->r_attr[e] = sim_rng_new(s->run.seed, (uint64_t)S->rep, "attrition",
                                       ((uint64_t)(i == S->central ? CENTRAL_ATTR_KEY : i) << 20) | (uint64_t)j);
            if (!E->skill || !S->r_attr[e])
                return -1;
            S->members[i][S->n_members[i]++] = e;
        }
    }
    if (org__know_init(S) != 0 || org__dispatch_init(S) != 0)
        return -1;
    S->r_arrival = streams(S, "arrivals", S->n_teams, 0);
    S->r_feature = streams(S, "features", S->n_teams, 0);
    /* per service: with one service per team, service i is team i and
     * these are the streams of before services were apart from teams */
    S->r_toil = streams(S, "toil", S->n_svcs, 0);
    S->r_incident = streams(S, "incidents", S->n_svcs, 0);
    S->r_cfr = streams(S, "change-failures", S->n_svcs, 0);
    /* A failed change's incident draws its restore effort and kind from a
     * stream of its own: designs fail different changes, and the background
     * incidents they share must stay the same draws (common random numbers). */
    S->r_cf_incident = streams(S, "change-failure-incidents", S->n_svcs, 0);
    S->r_svc = streams(S, "service-choice", S->n_teams, 0);
    S->r_assign = streams(S, "assignment", nt, 0);
    S->r_clar = streams(S, "clarification", S->n_teams, 0);
    S->r_flow = streams(S, "interruptions", nt, 0);
    S->r_project = streams(S, "projects", s->n_projects, 0);
    return S->fail ? -1 : 0;
}

/* Marks a component active (and infrastructure unless the kind is product work). */
static void mark_component(sim *S, int svc, int tech, int kind)
{
    if (tech < 0 || !S->svc_h[svc]->exists[kind])
        return;
    S->active[svc * S->n_techs + tech] = 1;
    if (!org_kind_is_product((org_kind)kind))
        S->infra[svc * S->n_techs + tech] = 1;
}

/* Active components: each service's stack at its hosting point, plus what
 * its projects use (a project works on its team's first service). */
void org__setup_components(sim *S)
{
    const org_scenario *s = S->s;
    for (int v = 0; v < S->n_svcs; v++)
        for (int k = 0; k < ORG_TASK_KINDS && s->teams[s->services[v].team].starts_day <= S->now; k++)
            mark_component(S, v, s->services[v].stack[k], k);
    for (int p = 0; p < s->n_projects; p++)
        for (int j = 0; j < s->projects[p].n_tasks; j++) {
            const org_task_spec *sp = &s->projects[p].tasks[j];
            int team = sp->team >= 0 ? sp->team : 0;
            int svc = s->teams[team].first_service;
            int tech = sp->tech >= 0 ? sp->tech : s->services[svc].stack[sp->kind];
            if (s->teams[team].starts_day <= S->now)
                mark_component(S, svc, tech, sp->kind);
        }
}

/* A person joins slot e now: present, idle, the role's knowledge (a novice's
 * when novice), and their departure drawn. */
void org__hire(sim *S, int e, int novice)
{
    eng *E = &S->engs[e];
    E->present = 1;
    S->present_flag[e] = 1;
    org__know_hire(S, e, novice);
    E->task = NONE;
    E->enable_kind = NONE;
    E->joined = S->now;
    E->idle_since = S->now;
    E->last_owner = NONE;
    org__idle_on(S, e);
    double rate = S->s->people.attrition_per_year;
    if (rate > 0.0) {
        double stay = gsl_ran_exponential(S->r_attr[e], DAYS_PER_YEAR / rate);
        org__schedule(S, S->now + stay, EV_LEAVE, (uint64_t)e);
    }
}
