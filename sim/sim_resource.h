/* sim_resource — a pool of c identical servers with one waiting line, served
 * first-come-first-served or by priority, optionally with preemptive resume.
 * It schedules its own completion events on the caller's sim_eventq; the
 * caller's event loop hands them back with sim_resource_complete().
 *
 * Ownership: the resource borrows the event queue (which must outlive it) and
 * owns its job records. Job payloads (sim_job.data) are the caller's and are
 * never touched. A completion event carries data = the resource and arg = an
 * internal record number, so several resources may share one event kind and
 * the loop can dispatch on ev.data. sim_resource_free() does not touch the
 * queue: free the resource only once its pending events will not be handed
 * back (after the run, or after sim_eventq_clear()).
 *
 * Work is measured in the queue's time unit at one server: a job of work w
 * started at t and never interrupted completes at t + w. */
#ifndef SIM_RESOURCE_H
#define SIM_RESOURCE_H

#include <stddef.h>
#include <stdint.h>
#include "sim/sim_event.h"

typedef struct sim_resource sim_resource;

typedef enum sim_resource_discipline {
    SIM_RESOURCE_FIFO,       /* one line in arrival order; priorities ignored */
    SIM_RESOURCE_PRIORITY,   /* lower priority number first, FIFO among equals;
                              * a job in service is never interrupted */
    SIM_RESOURCE_PREEMPTIVE  /* as PRIORITY, and an arrival more urgent than the
                              * least urgent job in service (the latest started
                              * among equals) interrupts it; the interrupted job
                              * goes to the head of its priority class and later
                              * resumes with its remaining work */
} sim_resource_discipline;

/* A job as the caller describes it. */
typedef struct sim_job {
    uint64_t id;            /* the caller's, returned untouched */
    int priority;           /* lower = more urgent */
    double work;            /* service needed (time units at one server), >= 0 */
    void *data;             /* the caller's payload, not owned */
} sim_job;

/* What a finished job looked like. */
typedef struct sim_job_done {
    sim_job job;            /* as it arrived (work = total work) */
    double arrival_time;
    double start_time;      /* first entry into service */
    double end_time;
    double wait_time;       /* total time in the line, including after preemptions */
    unsigned preemptions;   /* times it was interrupted */
} sim_job_done;

/* Statistics since creation or the last sim_resource_reset_stats(). */
typedef struct sim_resource_stats {
    double mean_busy;       /* time-average busy servers */
    double mean_queue;      /* time-average jobs waiting (not in service) */
    double utilisation;     /* mean_busy / servers */
    uint64_t arrivals, completions, preemptions;
    double work_arrived;    /* sum of work of the jobs that arrived */
    double work_served;     /* server time spent on jobs (counts partial service) */
} sim_resource_stats;

/* Creates an idle resource of servers >= 1 servers whose completion events are
 * pushed on q with kind completion_kind; statistics start at time 0. Free it
 * with sim_resource_free(). NULL on bad arguments or out of memory. */
sim_resource *sim_resource_new(sim_eventq *q, int servers, sim_resource_discipline discipline,
                               int completion_kind);
void sim_resource_free(sim_resource *r);

/* A job arrives at time now (>= every earlier call's now): it starts on an idle
 * server, preempts (PREEMPTIVE only), or waits. 0, or -1 when the job is
 * invalid (work negative or not finite) or memory ran out (nothing changed). */
int sim_resource_arrive(sim_resource *r, double now, const sim_job *job);

/* Hands back a popped completion event of this resource (ev->time == now):
 * fills *out with the finished job and starts the next waiting job, if any.
 * 0; -1 when ev is not a pending completion of this resource (nothing changed);
 * -2 when memory ran out scheduling the next job (*out is valid; that job
 * stays at the head of the line). */
int sim_resource_complete(sim_resource *r, double now, const sim_event *ev, sim_job_done *out);

int sim_resource_servers(const sim_resource *r);
int sim_resource_busy(const sim_resource *r);
size_t sim_resource_queue_length(const sim_resource *r);

/* Restarts the statistics at time now (end of warm-up); jobs present stay. */
void sim_resource_reset_stats(sim_resource *r, double now);
/* Statistics from the last reset to now. */
void sim_resource_get_stats(const sim_resource *r, double now, sim_resource_stats *out);

/* Bytes held by the resource (grows only with the most jobs ever present at once). */
size_t sim_resource_memory(const sim_resource *r);

#endif
