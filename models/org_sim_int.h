/* org_sim_int — the organisation simulation's internal state, shared by
 * org_sim.c (the event loop and mechanics) and org_metrics.c (what a
 * replication measures). Not part of the public API: include org_sim.h. */
#ifndef ORG_SIM_INT_H
#define ORG_SIM_INT_H

#include <stdio.h>
#include <gsl/gsl_rng.h>

#include "models/org_const.h"
#include "models/org_sim.h"
#include "sim/sim_event.h"
#include "sim/sim_pqueue.h"

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
#define ENABLE_PAIN_SHARE 0.5       /* an enablement item is built once the pain exceeds this share of its effort */
#define CENTRAL_ATTR_KEY 0xffff     /* attrition stream key of the central team (product teams use their index) */
#define PRIO_INCIDENT 0
#define PRIO_RESUME 1
#define PRIO_WORK 2

enum ev_kind {
    EV_ARRIVAL, EV_DONE, EV_READY, EV_TOIL, EV_INCIDENT, EV_LEAVE, EV_HIRE,
    EV_PROJECT, EV_SAMPLE, EV_END_MEASURE
};

enum channel { CH_INTERNAL, CH_TICKET, CH_SERVICE };
enum tstate { TS_WAIT, TS_DELAYED, TS_QUEUED, TS_RUNNING, TS_CLARIFY, TS_DONE };
enum tclass { TC_FEATURE, TC_TOIL, TC_INCIDENT, TC_ANSWER, TC_ENABLEMENT };

typedef struct kv {
    double v, t;        /* value v at time t; decays with the half-life afterwards */
    double t_below;     /* when the decayed value falls below the threshold (-inf: below now) */
} kv;

typedef struct task {
    int cls;            /* enum tclass */
    int feature;        /* TC_FEATURE: feature index */
    int spec;           /* TC_FEATURE: index in its template/project */
    int kind, tech, comp;
    int owner;          /* product team the work is for (service) */
    int exec;           /* executing team (n_teams = central) */
    int channel;
    int state, npred, skip;
    int prio;
    int rounds;         /* clarification round trips so far */
    int parent;         /* TC_ANSWER: the task waiting; TC_INCIDENT: incident index */
    int asker;          /* engineer who asked for a clarification */
    double base_effort; /* days at skill 1, after hosting and model multipliers */
    double frac_left;   /* share of the work still to do */
    double t_first_queued, t_queued, t_first_start, t_done;
    int started;        /* work has begun at least once */
    int windowed;       /* deploy released at a window (t_window) */
    double t_window;
} task;

typedef struct feature {
    int team, tmpl, project;
    int first, n, left;
    int handoffs, clarifications, measured;
    int active;         /* tasks of this feature being worked on right now */
    double active_since;
    double t_arrive, t_done, t_code_done, hands_on;   /* hands_on: union of worked intervals */
} feature;

typedef struct incident {
    int team, comp, tech, app_fault, measured;
    double t_open, t_restored, restore_base;
    int stage;          /* 1: first response, 2: escalated */
} incident;

typedef struct eng {
    int team, member, present;
    int task;           /* running task, or NONE */
    int enable_kind;    /* enablement item being built, or NONE */
    int clarify;        /* the running work ends in a clarification request */
    sim_event_id ev;
    double started, ov_days, work_days, learn_frac, eff_full;
    double idle_since, joined;
    int last_owner;
    int gen;
    kv *skill, *ctx;
} eng;

typedef struct vec { void *p; size_t n, cap, size; } vec;

typedef struct sim {
    const org_scenario *s;
    const org_model *m;
    const org_hosting *h;
    const org_sim_opts *o;
    int rep, n_teams, central, n_techs, n_comps;
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
    gsl_rng **r_arrival, **r_feature, **r_toil, **r_incident, **r_cfr, **r_assign, **r_clar, **r_project;
    gsl_rng **r_attr;
    double now, w0, w1, t_end;
    int measure_ended, open;
    double eval_done_at_init;
    double *eval_done_at;       /* per tech: evaluation finished (central) */
    double enable_factor[ORG_TASK_KINDS], learn_factor[ORG_TASK_KINDS];
    double pain[ORG_TASK_KINDS];
    int enable_busy[ORG_TASK_KINDS];
    double decay_skill, decay_ctx; /* ln2 / half-life */
    /* accounting within [w0, w1] */
    double busy[2][ORG_CAT_COUNT], avail[2];
    double nonprod_kind[ORG_KIND_COUNT];
    double central_req_busy;
    long central_arrivals;
    int *active, *infra;        /* per component flags */
    double *bus_sum, *bus_le1;
    int n_samples;
    double truck;
    long deploys, changes, deploys_failed, events, left;
    double *last_window;        /* per team: the last release window counted */
    int tickets_in_window;
    vec waits;
    double pool_engs_sum; int pool_samples;
    FILE *trace;
    int fail;
} sim;

#define TASK(S, i) (&((task *)(S)->tasks.p)[i])
#define FEAT(S, i) (&((feature *)(S)->features.p)[i])
#define INC(S, i) (&((incident *)(S)->incidents.p)[i])

/* Weekly bus-factor sample of every active component (measured period). */
void org__sample_bus(sim *S);
/* Avelino's greedy truck factor over the active components, now. */
double org__truck_factor(sim *S);
/* Fills out->values (allocated by the caller) and the samples from S. */
void org__collect(sim *S, org_rep *out);

#endif
