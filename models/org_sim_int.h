/* org_sim_int — the organisation simulation's internal state, shared by
 * org_sim.c (the event loop and mechanics) and org_metrics.c (what a
 * replication measures). Not part of the public API: include org_sim.h. */
#ifndef ORG_SIM_INT_H
#define ORG_SIM_INT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <gsl/gsl_rng.h>

#include "models/org_const.h"
#include "models/org_sim.h"
#include "models/org_trace.h"
#include "sim/sim_event.h"
#include "sim/sim_iheap.h"
#include "sim/sim_pqueue.h"
#include "sim/sim_warmup.h"

/* Tracing can be compiled out (-DORG_SIM_NO_TRACE) to measure what the
 * disabled trace costs; normally it is one pointer test. */
#ifdef ORG_SIM_NO_TRACE
#define TRACING(S) 0
#else
#define TRACING(S) ((S)->trace != NULL)
#endif

#define NONE (-1)
#define DAYS_PER_WEEK ORG_DAYS_PER_WEEK
#define DAYS_PER_YEAR ORG_DAYS_PER_YEAR
#define TOIL_UNIT_DAYS 0.5          /* mean effort of one toil item */
#define TRIAGE_SHARE 0.25           /* share of restore effort a non-owner spends before escalating */
#define CLAR_CONTEXT_GAIN 0.15      /* an answered round trip teaches the asker this share of the gap */
#define SAMPLE_EVERY_DAYS ORG_DAYS_PER_WEEK   /* bus factor sampled weekly */
#define ORG_UPKEEP_EVERY_DAYS 20.0  /* upkeep runs in a monthly cycle (a working month) */
#define CENTRAL_ATTR_KEY 0xffff     /* attrition stream key of the central team (product teams use their index) */
#define PRIO_INCIDENT 0
#define PRIO_RESUME 1
#define PRIO_WORK 2

enum ev_kind {
    EV_ARRIVAL, EV_DONE, EV_READY, EV_TOIL, EV_INCIDENT, EV_LEAVE, EV_HIRE,
    EV_PROJECT, EV_SAMPLE, EV_END_MEASURE, EV_UPKEEP, EV_ADOPT,
    EV_TIMELINE,        /* arg: index of the scenario's event (org_timeline.c) */
    EV_RULE_HIRE,       /* arg: the central slot the hiring rule fills */
    EV_TEAM_START,      /* arg: a product team that starts later (starts_day) */
    EV_UNPLANNED        /* arg: a product team whose unplanned stream fires (org_unplanned.c) */
};

enum channel { CH_INTERNAL, CH_TICKET, CH_SERVICE };
enum tstate { TS_WAIT, TS_DELAYED, TS_QUEUED, TS_RUNNING, TS_CLARIFY, TS_DONE,
              TS_HELD };    /* a first task of a feature waiting for its team's WIP limit (org_wip.c) */
enum tclass { TC_FEATURE, TC_TOIL, TC_INCIDENT, TC_ANSWER, TC_ENABLEMENT,  /* TC_ENABLEMENT: support of adopted items */
              TC_REVIEW,    /* a feature task's review (org_flow.c): parent is the task, asker its author */
              TC_MIGRATION, /* a service's share of a timeline's hosting migration */
              TC_REST,      /* rest after a night page (org_oncall.c), booked as incident time */
              TC_UNPLANNED };   /* unplanned work and rework of a product team (org_unplanned.c) */

typedef struct kv {
    double v, t;        /* value v at time t; decays with the half-life afterwards
                           (when it falls below the threshold: kv_below) */
} kv;

/* One engineer's explicit context on one component (org_know.c), stored
 * in the component's list of knowers so that scans of a component read one
 * array; whose it is is in who, whether it is counted in the engineer's map
 * slot. The ordering key and the owner sit beside the value, so learning
 * reads and writes one line and an insertion writes one (session 11). Lists
 * are KENT_BYTES-aligned: two entries a line, none across two. */
#define KENT_BYTES 32
typedef struct kent {
    kv k;               /* the value */
    double key;         /* orders k.v: log(v) + decay·t (contexts decay at one
                           rate, so this orders values at any time); scans
                           prune on it without evaluating the value */
    int who;            /* the engineer e when central, ~e otherwise (KLIST_WHO),
                           so that scans test team and idleness without a look-up */
    int spare;          /* 32 bytes: two entries a line, never one across two */
} kent;

/* The engineers holding an explicit context on one component (any order). */
typedef struct klist {
    kent *p;            /* 32-byte aligned (org_know.c) */
    int n, cap;
} klist;
#define KLIST_WHO(e, central) ((central) ? (e) : ~(e))
/* The engineer of who-code w. */
static inline int klist_eng(int w) { return w >= 0 ? w : ~w; }

/* An engineer's explicit contexts: comp → index in that component's klist;
 * open addressing, capacity a power of two (0: none yet). Memory grows with
 * what the engineer touched, never with the size of the organisation. A
 * service's components hash to neighbouring slots (org_know.c). idx is
 * 2 × the index + armed (counted as a knower in kcnt: present, above the
 * threshold), kept here because learning reads the slot anyway. */
typedef struct kslot { int comp, idx; } kslot;
typedef struct kmap {
    kslot *e;
    int n, cap, bits;   /* cap = 2^bits */
    int group;          /* components per service (the catalogue's technologies) */
} kmap;

/* A pending threshold crossing: engineer e's context on comp was counted as
 * above the threshold until t (org_know.c). */
typedef struct xitem { double t; int e, comp; unsigned gen; } xitem;

typedef struct ivec { int *p; int n, cap; } ivec;

/* One weekly sample of the series the steady-state check reads. */
enum { ORG_SERIES_BUS, ORG_SERIES_QUEUE, ORG_SERIES_ENABLE, ORG_SERIES_COUNT };
typedef struct srow { double v[ORG_SERIES_COUNT]; } srow;


/* 96 bytes; the tasks array is 64-byte aligned (org_setup.c), so every
 * task spans two cache lines and the first 64 bytes, what dispatch, a start
 * and an end read, are one line for every other task. Small fields hold
 * small enums and counts (rounds <= clarification_max_rounds <= 100). */
typedef struct task {
    signed char cls;    /* enum tclass */
    signed char kind;
    signed char channel;
    signed char state;
    signed char skip;
    signed char prio;
    signed char started;    /* work has begun at least once */
    signed char begun;      /* it has been started once (its first start counted) */
    int feature;        /* TC_FEATURE: feature index */
    int spec;           /* TC_FEATURE: index in its template/project */
    int tech, comp;
    int svc;            /* the service the work is for (comp = svc × n_techs + tech) */
    int owner;          /* its owning product team */
    int exec;           /* executing team (n_teams = central) */
    int npred;
    double base_effort; /* days at skill 1, after hosting and model multipliers */
    double frac_left;   /* share of the work still to do */
    double t_queued;
    /* second line: first queueing, clarification, incidents, release windows */
    double t_first_queued;
    double t_window;
    int parent;         /* TC_ANSWER: the task waiting; TC_INCIDENT: incident index */
    int asker;          /* engineer who asked for a clarification */
    int batch;          /* windowed deploy: index into sim.batches */
    signed char rounds; /* clarification round trips so far */
    signed char windowed;   /* deploy released at a window (t_window) */
    signed char planned;    /* TC_TOIL: recurring upkeep (org_upkeep.c), not an interrupt */
} task;

/* The changes of one service released at one window: one deployment. */
typedef struct org_batch {
    double window_day;  /* its release window */
    int changes;        /* changes released together (final once the window opens) */
    int failed;         /* 1 once one of them failed: the deployment failed */
} org_batch;

typedef struct feature {
    int team, tmpl, project;
    int first, n, left;
    int handoffs, clarifications, measured;
    int active;         /* tasks of this feature being worked on right now */
    int wip;            /* org_wip.c: 0 not started, 1 waiting for the team's WIP limit, 2 started */
    double active_since;
    double t_arrive, t_done, t_code_done, hands_on;   /* hands_on: union of worked intervals */
} feature;

typedef struct incident {
    int team, svc, comp, tech, app_fault, measured;
    double t_open, t_restored, restore_base;
    double cal_open, cal_restored;  /* calendar hours (org_clock.h); cal_restored < 0: not yet */
    int stage;          /* 1: first response, 2: escalated */
    int paged;          /* 1: out of business hours, the on-call engineer was paged */
} incident;

typedef struct eng {
    int team, member, present;
    int task;           /* running task, or NONE */
    int enable_kind;    /* enablement item being built, or NONE */
    int clarify;        /* the running work ends in a clarification request */
    sim_event_id ev;
    double started, ov_days, work_days, learn_frac, eff_full;
    double idle_since, joined;
    double avail_run;   /* share of the running task's elapsed time spent on it (org_flow.c) */
    double flow_avail;  /* 1 − this engineer-week's interruption share ... */
    int flow_week;      /* ... drawn for week flow_week − 1 (0: none yet) */
    double switch_run;  /* share of the running task's elapsed time lost to switching between features */
    int *carry;         /* features this engineer carries (org_wip.c; cleaned lazily), n_carry of cap_carry */
    int n_carry, cap_carry;
    int last_owner;
    int gen;
    kv *skill;          /* per technology (the catalogue, not the organisation) */
    kmap ctx;           /* explicit contexts; the rest is the base layer or 0 */
    int ctx_base;       /* hired with the central team's context on every infrastructure component */
    int vacant;         /* a slot nobody holds: timeline capacity not yet filled, or moved away */
    unsigned kgen;      /* bumped when the engineer leaves or is replaced: stale crossings */
} eng;

/* One change to a large team's idle set, for the skill indexes to catch up
 * with (org_dispatch.c): member, and what (IDX_OFF, IDX_ON, or a technology
 * whose skill rose while idle). */
typedef struct idx_change { int member, what; } idx_change;

/* Dispatch indexes of a large team (org_dispatch.c): idle members by
 * (idle_since, member), by member, and per technology by skill. */
typedef struct team_idx {
    sim_iheap idle_time, idle_pos;
    sim_iheap *skill;   /* per technology: idle members keyed by −(time-free skill key) */
    unsigned char *skill_live;  /* per technology: its skill index is built (on first use) */
    idx_change *log;    /* the last log_cap changes of the idle set (a ring) ... */
    long n_log;         /* ... of n_log so far */
    int log_cap;
    long *synced;       /* per technology: n_log when its skill index was last brought up to date */
} team_idx;

typedef struct vec {
    void *p;
    size_t n, cap, size;
    size_t pad;         /* the tasks' vec: p − its allocation (p 64-byte aligned); 0 for the others */
} vec;

typedef struct sim {
    const org_scenario *s;
    const org_model *m;
    const org_hosting *h;       /* the column: a hosting point, or a plan's summary (names only) */
    const org_sim_opts *o;
    int rep, n_teams, central, n_techs, n_comps;
    int n_svcs;                 /* services; components are (service × technology) */
    const org_hosting **svc_h;  /* per service: the hosting point it runs on now (read per use) */
    int *team_size;
    int **tmpl_succ, **tmpl_off, **proj_succ, **proj_off;   /* successor lists (CSR) */
    double enable_progress[ORG_TASK_KINDS];
    int closing;
    sim_eventq *ev;
    sim_pqueue **queue;         /* per team (n_teams + 1): ready tasks by (prio, t_queued, arrival) */
    int **members;              /* per team: engineer indices */
    int *n_members;
    int *n_idle;                /* per team: present engineers with nothing to do */
    eng *engs;
    int n_engs;
    vec tasks, features, incidents;
    ivec task_free;             /* slots of finished side tasks, reused (org__task_new) */
    ivec *blk_free;             /* [n]: first slots of finished features' blocks of n tasks */
    int n_blk_free;
    gsl_rng **r_arrival, **r_feature, **r_toil, **r_incident, **r_cfr, **r_assign, **r_clar, **r_project;
    gsl_rng **r_cf_incident;    /* per service: restore and kind of a failed change's incident */
    gsl_rng **r_attr;
    gsl_rng **r_svc;            /* per team: which of its services a feature touches */
    gsl_rng **r_flow;           /* per team: interruption shares, continuity (org_flow.c) */
    int cont_eng, cont_feature; /* the engineer who just finished a task of this feature (NONE: none) */
    int *wip_open;              /* per product team: features started and not finished (org_wip.c) */
    int *q_stale;               /* per team: queue entries of tasks taken out of order (org_wip.c), or NULL */
    int carried_first;          /* idle engineers take their carried features' tasks first (org_wip.c) */
    double carried_sum;         /* features carried at the starts of tasks that pay the switching loss, */
    long carried_n;             /* ... and those starts, in the measured window */
    ivec *wip_q;                /* per product team: features waiting for the WIP limit, FIFO from wip_head */
    gsl_rng **r_unplanned;      /* per team: arrivals [team], who takes an item [n_teams + team]; only with flow.unplanned_share > 0 (org_unplanned.c) */
    int *unpl_bound;            /* ... per team: the member slots its next candidate arrival was drawn for */
    long unpl_items, unpl_started;  /* unplanned items arrived / first started in the measured window */
    double unpl_wait_sum;       /* ... the latter's waits from queued to first start, days */
    double *unpl_ops;           /* per team, with flow.unplanned_net_days > 0: running (exponentially weighted) */
    double *unpl_avail;         /* ... operations interrupt days booked, and available member-days */
    double *unpl_since;         /* ... the day both were last brought up to date */
    int *unpl_present;          /* ... members present since then */
    double unpl_netted;         /* ... the days they count, booked in the measured window, all product teams */
    int *wip_head;
    double now, w0, w1, t_end;
    int measure_ended, open;
    double eval_done_at_init;
    double *eval_done_at;       /* per tech: evaluation finished (central) */
    double enable_factor[ORG_TASK_KINDS], learn_factor[ORG_TASK_KINDS];
    double pain[ORG_TASK_KINDS], pain_learn[ORG_TASK_KINDS], pain_t[ORG_TASK_KINDS];  /* smoothed effort (and its learning part) per kind (org_enable.c) */
    int enable_delivered[ORG_TASK_KINDS], enable_adopted[ORG_TASK_KINDS];
    int enable_items_adopted;
    long enable_items_measured;  /* items delivered in the measured window */
    int *cen_rank, n_cen_techs; /* per tech: rank among the central team's technologies (-1: none) */
    int n_cen_known;            /* components in the central base layer */
    int *n_held;                /* per engineer: contexts counted above the threshold (cognitive load) */
    struct srow *series;        /* weekly from day 0 (org_steady.c) */
    int n_series, cap_series;
    int *team_open;             /* per team (n_teams + 1): its features (not projects) arrived and not done */
    double *team_series;        /* weekly in the measured window: team_open of the product teams, n_teams a row */
    int n_team_series, cap_team_series;
    int enable_busy[ORG_TASK_KINDS];
    double decay_skill, decay_ctx; /* ln2 / half-life */
    /* accounting within [w0, w1] */
    double busy[2][ORG_CAT_ALL], avail[2];
    double *team_busy, *team_avail;  /* per team (n_teams + 1): the same summed over categories, member-days */
    double nonprod_kind[ORG_KIND_COUNT];
    double central_req_busy;
    long central_arrivals;
    int *active, *infra;        /* per component flags */
    double *bus_sum, *bus_le1;
    int n_samples;
    double truck;
    long deploys, changes, deploys_failed, events, left;
    uintptr_t heap_advised;     /* heap top given huge pages so far (util_heap_hugepages) */
    double *last_window;        /* per service: the last release window counted */
    vec batches;                /* org_batch, one per service and window */
    int *batch_cur;             /* per service: its latest batch in batches (NONE: none yet) */
    int tickets_in_window;
    vec waits;
    double pool_engs_sum; int pool_samples;
    FILE *trace;
    int fail;
    /* Knowledge held sparsely (org_know.c). */
    double *skill_def[2];       /* per tech: a new hire's skill (product, central), before the novice cap */
    int *cen_known;             /* per comp: central hires start with central_context on it */
    int *cen_list;              /* those components in increasing order (n_cen_known of them) */
    kv cbase;                   /* that base context (set on day 0) */
    double cbase_below;         /* ... when it falls below the threshold (kv_below, kept: read per practice) */
    double cbase_key;           /* its ordering key (org__ctx_key), the key of every copy */
    int n_base_present;         /* present engineers holding the base layer */
    int *base_over;             /* per comp: of those, how many hold an explicit entry instead */
    int *kcnt;                  /* per comp: present engineers with explicit context above threshold */
    klist *knowers;             /* per comp: the explicit contexts held on it */
    unsigned char *kmark;       /* per comp: scratch of org__known_active (all 0 between calls) */
    xitem *xh;                  /* min-heap of threshold crossings to come */
    size_t xn, xcap;
    team_idx **idx;             /* per team: dispatch indexes, or NULL for a small team */
    ivec walk;                  /* scratch for the best-knowledge walk: heap positions */
    struct kcand *cand;         /* ... and its candidates */
    int n_cand, cap_cand;
    unsigned char *idle_flag;   /* per engineer: present and idle (compact, for scans of knowers) */
    unsigned char *present_flag; /* per engineer: present (compact) */
    int check_dispatch;         /* DEVOPSIM_CHECK_DISPATCH set: every indexed choice checked by a full scan */
    long n_checked[3];          /* ... how many: idle picks, most-knowledge picks, carried-feature picks (reported when freed) */
    /* Timeline and weekly series (org_timeline.c). */
    int tl_on;                  /* apply the scenario's timeline events (0: staying put) */
    double *wk;                 /* weekly accumulators [week * WK_COUNT + field], or NULL */
    int n_wk;
    double freeze_until;        /* feature work waits until this day */
    int mig_left, mig_to;       /* migration tasks still open; the hosting point they lead to */
    int rule_pending, rule_hires;   /* hiring rule: a hire on its way; hires made */
    double first_hire_day, first_hire_engs;
    /* The calendar clock and the on-call rotation (org_oncall.c). */
    double *inc_cal;            /* per service: calendar hour of its pending background incident */
    double *oncall_free;        /* per team (n_teams + 1): calendar hour its on-call engineer is free again */
    long oncall_pages;          /* measured incidents that paged an on-call engineer out of hours */
    long oncall_out_of_hours;   /* measured incidents opened out of business hours */
    /* Rotations held over the measured window (org__oncall_mark). */
    double oncall_mark_t;       /* day of the last mark */
    double oncall_rot_days;     /* rotations × days within [w0, w1] up to the last mark */
    double oncall_member_days;  /* their members × days, likewise */
    int oncall_changed;         /* who holds a rotation changed inside the window */
    int oncall_w1_rot, oncall_w1_members;   /* held at w1 (-1: not yet marked) */
} sim;

/* A hint that the bytes at p will be read soon; changes nothing. */
static inline void org__prefetch(const void *p)
{
#if defined(__GNUC__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

/* An EV_DONE event's arg: the engineer (low 32 bits) and the task it
 * finishes + 1 (high 32 bits; 0 for an enablement item), so that the loop
 * can fetch both before the event comes (org__prefetch_next). */
static inline uint64_t org__done_arg(int e, int t)
{
    return (uint64_t)(uint32_t)e | (uint64_t)(uint32_t)(t + 1) << 32;
}

#define TASK(S, i) (&((task *)(S)->tasks.p)[i])
#define FEAT(S, i) (&((feature *)(S)->features.p)[i])
#define INC(S, i) (&((incident *)(S)->incidents.p)[i])

/* Knowledge values decay exactly: v·e^{−decay·(now − t)} (the lazy half-life form). */
static inline double kv_get(const sim *S, const kv *k, double decay)
{
    if (k->v <= 0.0)
        return 0.0;
    return k->v * exp(-decay * (S->now - k->t));
}

/* When k's decayed value falls below the threshold: t + ln(v / threshold) /
 * decay; +inf when it never does (no decay, or a threshold of 0), -inf when
 * it is below already. Computed from v and t with the operands and order
 * of the time kv_set once stored (t is the time it was set), so it is the
 * same double; the scenario's threshold and the half-lives never change
 * during a run. */
static inline double kv_below(const sim *S, const kv *k, double decay)
{
    double thr = S->s->knowledge.threshold;
    if (k->v >= thr && thr > 0.0 && decay > 0.0)
        return k->t + log(k->v / thr) / decay;
    return k->v >= thr ? INFINITY : -INFINITY;
}

static inline void kv_set(const sim *S, kv *k, double v)
{
    k->v = v;
    k->t = S->now;
}

/* Practice: v ← 1 − (1 − v)·e^{−gain·days}, after decay to now. */
static inline void kv_learn(sim *S, kv *k, double gain_per_day, double days, double decay)
{
    double v = kv_get(S, k, decay);
    v = 1.0 - (1.0 - v) * exp(-gain_per_day * days);
    kv_set(S, k, v);
}

/* org_setup.c: one replication's state. The setup calls return 0, or -1
 * when memory ran out (S is then freeable by org__sim_free). */
int org__setup_arrays(sim *S);
int org__setup_people(sim *S, int central_size);
void org__setup_components(sim *S);
void org__sim_free(sim *S);

/* Appends a zeroed element to v: its address, or NULL (S->fail set) when
 * memory ran out. */
void *org__vec_push(sim *S, vec *v);
/* A zeroed task slot: a finished side task's (org__task_release), or a new
 * one at the end of the list; NONE (S->fail set) when memory ran out. A
 * feature's tasks are pushed together at the end instead (they stay
 * contiguous and are never released). */
int org__task_new(sim *S);
/* The first of n contiguous zeroed task slots for one feature: a finished
 * feature's block of n (org__block_release), or new ones at the end of the
 * list; NONE (S->fail set) when memory ran out. */
int org__block_new(sim *S, int n);
/* Every task of the block first..first+n−1 is done and nothing refers to
 * them any more (not while tracing, as org__task_release). */
void org__block_release(sim *S, int first, int n);
/* Side task t is finished and nothing refers to it any more: its slot may
 * be reused (not while tracing, which names tasks by index). */
void org__task_release(sim *S, int t);

/* Makes room for one more element in a growable array *p of *cap elements
 * of elem bytes holding n (doubling, at least 4): 0, or -1 when memory ran
 * out (the array is unchanged). */
int org__grow(void **p, int *cap, int n, size_t elem);

/* ---- sparse knowledge (org_know.c) ---- */
/* Sets up the per-component and per-technology tables: 0, or -1 (memory). */
int org__know_init(sim *S);
void org__know_free(sim *S);
/* Engineer E's explicit context entry on comp, or NULL; valid until the
 * next entry is created on comp. */
kent *org__ctx_find(const sim *S, const eng *E, int comp);
/* E's context on comp now (explicit, base layer or 0); 1 for comp < 0. */
double org__ctx_of(const sim *S, const eng *E, int comp);
/* The explicit entry of engineer e on comp, created from the base layer
 * (or 0) when missing; NULL when memory ran out (S->fail set). After
 * changing its value call org__ctx_changed with the same e and comp. */
kent *org__ctx_slot(sim *S, int e, int comp);
void org__ctx_changed(sim *S, int e, int comp, kent *k);
/* Practice: engineer e worked days on comp (comp >= 0). Context on comp
 * grows at context_gain_per_day (kv_learn, times the load factor);
 * infrastructure work also teaches the service's other infrastructure
 * components in technologies e has some skill in, at context_spillover of
 * that rate, in increasing component order. */
void org__ctx_practice(sim *S, int e, int comp, double days);
/* A new person in slot e (hire): skills and contexts of the role at now. */
void org__know_hire(sim *S, int e, int novice);
/* Engineer e leaves: no longer counted anywhere. */
void org__know_leave(sim *S, int e);
/* Applies the threshold crossings up to now. */
void org__know_flush(sim *S);
/* Present engineers whose context on comp is above the threshold now
 * (call org__know_flush first). */
int org__knowers(const sim *S, int comp);
/* The ordering key of a context value (see klist). */
double org__ctx_key(const sim *S, const kv *k);
/* Cognitive load: the share of the full learning rate engineer e gets,
 * capacity / (capacity + components held above the threshold); 1 without a limit
 * (call org__know_flush first, or a component that faded since the last flush
 * still counts). */
double org__load_factor(const sim *S, int e);
/* The largest context on comp among the present members of team. */
double org__ctx_max(sim *S, int team, int comp);
/* The active components engineer i knows above the threshold now, into
 * out (capacity S->n_comps, in no particular order); returns their count,
 * 0 with S->fail set when memory ran out. Call org__know_flush first. */
int org__known_active(sim *S, int i, int *out);

/* ---- mechanics of org_sim.c used by the modules below ---- */
/* One replication; tl_on 0 ignores the scenario's timeline (staying put). */
int org__sim_once(const org_scenario *s, int m, int h, int rep, const org_sim_opts *opts, int tl_on, org_rep *out);
/* Engineer e joins now (novice: a new hire's skills) / leaves now (work
 * requeued, presence closed, knowledge uncounted; nobody replaces them). */
void org__hire(sim *S, int e, int novice);
void org__engineer_out(sim *S, int e);
void org__dispatch_team(sim *S, int team);
/* A trace line for task t (e: the engineer, or NONE; extra: more JSON members
 * starting with a comma, or NULL); nothing when not tracing. */
void org__trace_task(sim *S, org_trace_ev ev, int t, int e, const char *extra);
/* Opens an incident on service svc (see org_sim.c open_incident). */
void org__open_incident(sim *S, int svc, int app_fault, int change_failure, double diagnosis, double cal_open);
/* Deploy task t has run (org_deploy.c): counts the change and deployment,
 * draws whether it failed and opens the batch's incident when it did.
 * May grow the task vector: re-fetch task pointers afterwards. */
void org__deployed(sim *S, int t);
sim_event_id org__schedule(sim *S, double t, int kind, uint64_t arg);
/* Holds ready task t for delay days (why: the trace's reason): delayed, it
 * becomes ready again then (EV_READY). */
void org__delay_ready(sim *S, int t, double delay, const char *why);
/* A generated task (toil, incident, upkeep, support) of service svc on
 * kind, executed by exec: its index, or NONE (memory). */
int org__side_task(sim *S, int cls, int svc, int kind, int exec, double effort);
void org__enqueue(sim *S, int t);

/* ---- enablement as a product (org_enable.c) ---- */
/* days of effort, learning_days of them learning, were spent on kind
 * (non-product kinds only count). */
void org__enable_pain(sim *S, int kind, double days, double learning_days);
/* The effort (cut = effort_cut) or learning (learning_cut) factor after
 * `items` adopted items: residual + (1 − residual)(1 − cut)^items. */
double org__enable_curve(const org_enablement *en, double cut, int items);
/* The kind whose next item has the best net saving per day (pain saved
 * minus the item's upkeep and support), if that repays the item's effort
 * within payback_days; NONE otherwise. */
int org__enable_pick(sim *S, double *net_per_day);
/* An item of kind k was delivered (adoption follows) / is adopted now. */
void org__enable_delivered(sim *S, int k);
void org__enable_adopt(sim *S, int k);

/* ---- services apart from teams (org_service.c) ---- */
/* The services a new feature of team touches, into svcs (room for 2): one
 * drawn by weight, and with the team's second_service_prob a second one
 * drawn by weight among the others; returns their count. Draws only from
 * the team's service-choice stream, and only when it has several services. */
int org__svc_pick(sim *S, int team, int *svcs);
/* The first toil item and incident of each of team's services, drawn from
 * t0 (day 0, or the day the team starts). */
void org__svc_start(sim *S, int team, double t0);
/* An infrastructure kind present in service svc at its hosting point,
 * weighted by how much of it there is (volume × effort); NONE if none. */
int org__svc_infra_kind(sim *S, int svc, gsl_rng *r);
/* A toil item of service svc arrives (EV_TOIL), and the next is scheduled. */
void org__svc_toil(sim *S, int svc);

/* ---- work inside a team (org_flow.c) ---- */
/* The share of elapsed time engineer e spends on task T from now: 1 − the
 * interruption share of e's current week, drawn once per engineer-week; 1
 * for incidents (they interrupt everything else) and with the mechanism
 * off (flow.interruption_share 0). */
double org__flow_available(sim *S, int e, const task *T);
/* The time [a, b) of a member of team went to meetings and interruptions:
 * it leaves the available time of the team and its kind (utilisation is of
 * the rest). */
void org__flow_unavailable(sim *S, int team, double a, double b);
/* Engineer author finished feature task t: when it needs a review
 * (flow.review_share > 0, not a deploy, another member present in its
 * team), a review task is queued in that team and 1 returned — t is done
 * when its review is; 0 otherwise (t is done now). */
int org__review_open(sim *S, int t, int author);
/* The engineer of team to take task t, dispatch having picked pick: pick,
 * or for a review picked by its author another idle member, or NONE when
 * the author is the only one idle (the review waits). */
int org__review_pick(sim *S, int team, int t, int pick);
/* Continuity: with probability flow.continuity the engineer who just
 * finished a task of the same feature (S->cont_eng) takes task t when idle
 * in team; pick otherwise. */
int org__continuity_pick(sim *S, int team, int t, int pick);

/* ---- switching between features and the WIP limit (org_wip.c) ---- */
/* Per-team WIP state: 0, or -1 when memory ran out. org__wip_free frees it
 * and every engineer's carried list (safe on a zeroed sim). */
int org__wip_init(sim *S);
void org__wip_free(sim *S);
/* Engineer e starts task T now: the share of the time left after
 * interruptions that goes to T, 1 − loss(n') with n the distinct features e
 * carries counting T's (flow.switch_loss > 0; a team's own feature tasks
 * and reviews only) and n' = n − w + switch_waiting_weight × w, w of them
 * (T's aside) with no feature task queued in e's team (a colleague's
 * running task does not count); a
 * feature task adds its feature to e's carried list. *carried, *waiting:
 * n and w for a task that pays, else 0. */
double org__switch_keep(sim *S, int e, const task *T, int *carried, int *waiting);
/* Engineer e leaves their team: carries nothing any more. */
void org__carry_drop(sim *S, int e);
/* Carried features first (flow.switch_loss > 0): the task idle engineer e
 * (NONE: nobody) takes instead of its team's queue head: the oldest waiting
 * task, in queue order (ties by task number), of a feature e carries, or
 * NONE when the head is of one, is an incident, or none waits (e takes the
 * head). The task returned stays in the queue as a stale entry (counted;
 * org__queue_stale skips it). Costs the carried features' tasks, not the
 * queue. */
int org__carried_pick(sim *S, int e, int head);
/* The entry (t, prio, time) at the head of team's queue is stale (its task
 * was taken by org__carried_pick, or is queued again under another key): 1,
 * and it is uncounted; 0 for a live entry. */
int org__queue_stale(sim *S, int team, int t, int prio, double time);
/* Waiting tasks in team's queue, stale entries not counted. */
size_t org__queue_len(const sim *S, int team);
/* Feature task t is ready to be queued now: 1 when it is held instead
 * (flow.wip_limit > 0, its feature not started and its team at the limit;
 * the feature then waits FIFO in the team's backlog), 0 otherwise (the
 * feature counts as started). May grow the task vector. */
int org__wip_hold(sim *S, int t);
/* Feature fi is done: when it counted against its team's limit, the next
 * waiting feature starts (its held tasks are queued). */
void org__wip_done(sim *S, int fi);

/* ---- unplanned work and rework (org_unplanned.c) ---- */
/* With flow.unplanned_share > 0: the streams and the first candidate
 * arrival of each product team (from its starts_day); 0, or -1 when memory
 * ran out. Nothing, and no random number, with the share 0.
 * org__unplanned_free frees what init made (safe on a zeroed sim). */
int org__unplanned_init(sim *S);
void org__unplanned_free(sim *S);
/* Team's stream fires (EV_UNPLANNED): an unplanned item is queued when
 * the candidate is accepted, and the next candidate is scheduled. */
void org__unplanned_arrival(sim *S, int team);
/* The idle engineer of team who takes unplanned item t: the dispatch rule
 * of feature tasks with the specialisation draw from the team's unplanned
 * stream (so the assignment stream is left alone). */
int org__unplanned_pick(sim *S, int team, int t);
/* Unplanned item t starts for the first time now (its wait is counted). */
void org__unplanned_started(sim *S, const task *T);
/* With flow.unplanned_net_days > 0: days an engineer of team booked now
 * on task T (overhead, learning and work, not meetings) when T is an
 * operations interrupt (an incident, rest after a page, toil that is not
 * upkeep); nothing for other work or teams. */
void org__unplanned_ops(sim *S, int team, const task *T, double days);
/* The net rule's running sums of one product team brought forward by dt
 * days (nothing unless dt > 0): both decay by exp(-dt/tau) and the
 * available member-days gain present × (1 − interruption_share) for the
 * time, in the same weighting. Pure, for the tests. */
void org__unplanned_net_step(double *ops, double *avail, int present, double interruption_share, double tau,
                             double dt);
/* The unplanned-work metrics (org_metric_unplanned_base onwards), if on. */
void org__unplanned_collect(sim *S, double *v, double days);

/* ---- planning cadence (org_cadence.c) ---- */
/* Raises *delay (days from now), naming the reason in *why, to hold feature
 * task T that is ready now: until a timeline's freeze ends, and until the
 * first iteration start at or after its feature's arrival (flow.iteration_days
 * > 0; not for projects). Other tasks are left as they are. */
void org__plan_delay(sim *S, const task *T, double *delay, const char **why);

/* ---- calendar clock and on-call rotation (org_oncall.c) ---- */
/* Per-team arrays: 0, or -1 when memory ran out. */
int org__oncall_init(sim *S);
void org__oncall_free(sim *S);
/* The calendar hour (org_clock.h) of working time now. */
double org__cal_now(const sim *S);
/* Schedules service svc's next background incident (EV_INCIDENT) after day
 * from: in working time, or around the clock under the calendar clock (then
 * org__incident_cal gives its calendar hour when it fires); none at a
 * hosting point without background incidents. */
void org__incident_next(sim *S, int svc, double from);
/* The calendar hour of service svc's background incident firing now; NAN
 * without the calendar clock (the incident opens now). */
double org__incident_cal(const sim *S, int svc);
/* Incident ii, opened now but out of business hours at I->cal_open: the
 * on-call engineer of *responder works it at night at the cover's terms.
 * Returns 1 when it was restored before the business morning (I is then
 * closed); 0 when the morning task is still needed, with *responder,
 * *effort (days at full skill) and *owner_responds updated. */
int org__oncall_night(sim *S, int ii, int *responder, double *effort, int *owner_responds);
/* The calendar-clock metrics (org_metric_oncall_base onwards); after the
 * incident metrics (org_metrics.c), from which it takes the restore median. */
void org__oncall_collect(sim *S, double *v, double weeks);
/* Counts the rotations held since the last mark into the measured window;
 * call before anything changes who holds one (a hire, a move, a migration,
 * a team's start) and at the window's end. */
void org__oncall_mark(sim *S);
/* An engineer's restore multiplier on (tech, comp): skill and context gaps,
 * nobody-knows (org_sim.c). */
double org__incident_mult(sim *S, const eng *E, int tech, int comp);

/* ---- fixed upkeep (org_upkeep.c) ---- */
/* Team's monthly upkeep cycle (and the next one scheduled). */
void org__upkeep_tick(sim *S, int team);

/* ---- dispatch indexes (org_dispatch.c) ---- */
int org__dispatch_init(sim *S);
void org__dispatch_free(sim *S);
/* The next event, when a task or an item is done, will read its engineer
 * and task: they are fetched into the cache while this event is handled (a
 * large organisation's engineers and tasks are cache misses otherwise).
 * Changes nothing. */
void org__prefetch_next(const sim *S);
/* Engineer e becomes idle / stops being idle (n_idle and the indexes). */
void org__idle_on(sim *S, int e);
void org__idle_off(sim *S, int e);
/* Engineer e's skill in tech rose (night work): if e is idle, its key in
 * the skill index (set on becoming idle) is renewed, so that dispatch's
 * best-first walk and bounds read the skill of now. */
void org__skill_changed(sim *S, int e, int tech);
/* The idle engineer of team who takes task t (on its comp with its tech;
 * exact "longest idle, or with probability specialization the most skill +
 * context"); NONE when nobody is idle. With DEVOPSIM_CHECK_DISPATCH set
 * (read when the replication starts: any value but empty or "0"), the
 * indexed choices of a large team are also made by a full scan of the team,
 * and a disagreement aborts with a message naming the task, the team and
 * both engineers: a debug check, slow in large teams. */
int org__idle_pick(sim *S, int team, int t);
/* org__idle_pick with the specialisation draw from r instead of the team's
 * assignment stream. */
int org__idle_pick_r(sim *S, int team, int t, gsl_rng *r);
/* The idle member of team first in member order, or NONE. */
int org__idle_first(const sim *S, int team);
/* Whom a task arriving in team (nobody idle) preempts: the first present
 * member in member order with the least urgent work — enablement (any
 * request), or for an incident (is_incident) otherwise the least urgent
 * task above incident priority; NONE when nobody qualifies. Checked against the full
 * scan with DEVOPSIM_CHECK_DISPATCH. */
int org__preempt_victim(sim *S, int team, int is_incident);

/* ---- steady state (org_steady.c) ---- */
/* A weekly sample of the series (every week from day 0). */
void org__steady_sample(sim *S);
/* The suggested warm-up (MSER-5) and the measured window's drift into v. */
void org__steady_collect(sim *S, double *v);
/* The drift test (5 batch means, as the whole organisation's series) of
 * product team t's open features, sampled weekly in the measured window:
 * 0 and *out filled, or -1 when the window holds fewer than
 * ORG_GROW_MIN_SAMPLES samples ("too short to tell") or memory ran out
 * (then S->fail is set). */
int org__steady_team_drift(sim *S, int t, sim_drift *out);

/* ---- timeline and weekly series (org_timeline.c) ---- */
/* Vacant slots team needs for the timeline's arrivals and the hiring rule. */
int org__tl_slots(const sim *S, int team);
/* Weekly accumulators and the timeline's events: 0, or -1 (memory). */
int org__tl_start(sim *S);
void org__tl_event(sim *S, int i);
void org__tl_rule_hire(sim *S, int e);
void org__tl_team_start(sim *S, int team);
/* Busy time of category cat on team kind tk over [a, b) / presence of E over [a, b). */
void org__tl_busy(sim *S, int tk, int cat, double a, double b);
void org__tl_presence(sim *S, const eng *E, double a, double b);
void org__tl_feature_done(sim *S, const feature *F);
void org__tl_incident(sim *S);
/* A migration task finished. */
void org__tl_migrated(sim *S, const task *T);
/* Weekly from day 0: hosting cost and the hiring rule. */
void org__tl_week(sim *S);
/* The series into out (with a timeline) and the hiring rule's metrics into extra. */
void org__tl_collect(sim *S, org_rep *out, double *extra);

/* Weekly bus-factor sample of every active component (measured period). */
void org__sample_bus(sim *S);
/* Avelino's greedy truck factor over the active components, now. */
double org__truck_factor(sim *S);
/* Fills out->values (allocated by the caller) and the samples from S. */
void org__collect(sim *S, org_rep *out);

#endif
