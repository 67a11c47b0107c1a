/* sim_resource — c servers, one line kept as a binary heap keyed by
 * (priority, order), job records in a recycled pool, completion events on the
 * caller's sim_eventq (cancelled when a job is preempted). */
#include "sim/sim_resource.h"

#include <math.h>
#include <stdlib.h>
#include "sim/sim_stats.h"

enum { REC_FREE, REC_QUEUED, REC_SERVING };

#define NO_REC UINT32_MAX

typedef struct job_rec {
    sim_job job;
    double arrival_time;
    double first_start;
    double seg_start;       /* start of the current service segment */
    double remaining;       /* work left at seg_start (or now, when queued) */
    double queued_since;
    double wait;
    uint64_t start_seq;     /* order of the latest start: picks preemption victims */
    sim_event_id ev;        /* pending completion while serving */
    uint32_t preemptions;
    uint32_t state;
    uint32_t link;          /* serving[] index while serving; free-list link when free */
} job_rec;

/* A waiting job: ordered by priority, then order (arrival sequence, or a
 * negative, decreasing number for preempted jobs so they go to the head of
 * their class). */
typedef struct line_entry {
    int priority;
    uint32_t rec;
    int64_t order;
} line_entry;

struct sim_resource {
    sim_eventq *q;
    int servers;
    int kind;
    sim_resource_discipline discipline;

    job_rec *recs;
    uint32_t nrecs, cap, free_head;

    line_entry *line;       /* heap; capacity = cap */
    uint32_t line_len;

    uint32_t *serving;      /* records in service; capacity = servers */
    int busy;

    int64_t next_order, next_front;
    uint64_t next_start;

    /* statistics */
    sim_timeavg busy_avg, queue_avg;
    double stats_t0;
    uint64_t arrivals, completions, preemptions;
    double work_arrived, work_served;
};

sim_resource *sim_resource_new(sim_eventq *q, int servers, sim_resource_discipline discipline,
                               int completion_kind)
{
    if (!q || servers < 1 || (discipline != SIM_RESOURCE_FIFO && discipline != SIM_RESOURCE_PRIORITY
                              && discipline != SIM_RESOURCE_PREEMPTIVE))
        return NULL;
    sim_resource *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->serving = malloc((size_t)servers * sizeof *r->serving);
    if (!r->serving) {
        free(r);
        return NULL;
    }
    r->q = q;
    r->servers = servers;
    r->kind = completion_kind;
    r->discipline = discipline;
    r->free_head = NO_REC;
    r->next_order = 1;
    r->next_front = -1;
    sim_timeavg_init(&r->busy_avg, 0, 0);
    sim_timeavg_init(&r->queue_avg, 0, 0);
    return r;
}

void sim_resource_free(sim_resource *r)
{
    if (!r)
        return;
    free(r->recs);
    free(r->line);
    free(r->serving);
    free(r);
}

int sim_resource_servers(const sim_resource *r)
{
    return r->servers;
}

int sim_resource_busy(const sim_resource *r)
{
    return r->busy;
}

size_t sim_resource_queue_length(const sim_resource *r)
{
    return r->line_len;
}

size_t sim_resource_memory(const sim_resource *r)
{
    return sizeof *r + (size_t)r->cap * (sizeof(job_rec) + sizeof(line_entry))
           + (size_t)r->servers * sizeof(uint32_t);
}

/* ---- record pool --------------------------------------------------------- */

static uint32_t rec_alloc(sim_resource *r)
{
    if (r->free_head != NO_REC) {
        uint32_t i = r->free_head;
        r->free_head = r->recs[i].link;
        return i;
    }
    if (r->nrecs == r->cap) {
        if (r->cap > UINT32_MAX / 4)
            return NO_REC;
        uint32_t cap = r->cap ? 2 * r->cap : 16;
        job_rec *recs = realloc(r->recs, (size_t)cap * sizeof *recs);
        if (!recs)
            return NO_REC;
        r->recs = recs;
        /* the line never holds more entries than there are records */
        line_entry *line = realloc(r->line, (size_t)cap * sizeof *line);
        if (!line)
            return NO_REC;
        r->line = line;
        r->cap = cap;
    }
    return r->nrecs++;
}

static void rec_release(sim_resource *r, uint32_t i)
{
    r->recs[i].state = REC_FREE;
    r->recs[i].link = r->free_head;
    r->free_head = i;
}

/* ---- the waiting line ------------------------------------------------------ */

static int line_less(const line_entry *a, const line_entry *b)
{
    return a->priority < b->priority || (a->priority == b->priority && a->order < b->order);
}

static void line_push(sim_resource *r, line_entry e)
{
    uint32_t pos = r->line_len++;
    while (pos > 0) {
        uint32_t parent = (pos - 1) / 2;
        if (!line_less(&e, &r->line[parent]))
            break;
        r->line[pos] = r->line[parent];
        pos = parent;
    }
    r->line[pos] = e;
}

static uint32_t line_pop(sim_resource *r)
{
    uint32_t top = r->line[0].rec;
    line_entry e = r->line[--r->line_len];
    uint32_t n = r->line_len, pos = 0;
    for (;;) {
        uint32_t child = 2 * pos + 1;
        if (child >= n)
            break;
        if (child + 1 < n && line_less(&r->line[child + 1], &r->line[child]))
            child++;
        if (!line_less(&r->line[child], &e))
            break;
        r->line[pos] = r->line[child];
        pos = child;
    }
    if (n > 0)
        r->line[pos] = e;
    return top;
}

/* Puts record i in line; at_front puts it ahead of its priority class. */
static void enqueue(sim_resource *r, double now, uint32_t i, int at_front)
{
    job_rec *j = &r->recs[i];
    j->state = REC_QUEUED;
    j->queued_since = now;
    line_entry e = {
        r->discipline == SIM_RESOURCE_FIFO ? 0 : j->job.priority,
        i,
        at_front ? r->next_front-- : r->next_order++,
    };
    line_push(r, e);
    sim_timeavg_set(&r->queue_avg, now, (double)r->line_len);
}

/* ---- service --------------------------------------------------------------- */

/* Puts record i on a free server whose completion event ev is already
 * scheduled. */
static void occupy(sim_resource *r, double now, uint32_t i, sim_event_id ev)
{
    job_rec *j = &r->recs[i];
    if (j->state == REC_QUEUED)
        j->wait += now - j->queued_since;
    if (isnan(j->first_start))
        j->first_start = now;
    j->state = REC_SERVING;
    j->ev = ev;
    j->seg_start = now;
    j->start_seq = r->next_start++;
    j->link = (uint32_t)r->busy;
    r->serving[r->busy++] = i;
    sim_timeavg_set(&r->busy_avg, now, (double)r->busy);
}

/* Schedules the completion of record i if it started now; 0 when memory ran out. */
static sim_event_id schedule(sim_resource *r, double now, uint32_t i)
{
    return sim_eventq_push(r->q, now + r->recs[i].remaining, r->kind, r, i);
}

/* Starts record i on a free server: -1 (nothing changed) when its completion
 * could not be scheduled. */
static int start(sim_resource *r, double now, uint32_t i)
{
    sim_event_id ev = schedule(r, now, i);
    if (!ev)
        return -1;
    occupy(r, now, i, ev);
    return 0;
}

/* Takes record i off its server, crediting the service it received. */
static void stop(sim_resource *r, double now, uint32_t i)
{
    job_rec *j = &r->recs[i];
    double from = j->seg_start > r->stats_t0 ? j->seg_start : r->stats_t0;
    if (now > from)
        r->work_served += now - from;
    uint32_t k = j->link, last = r->serving[--r->busy];
    r->serving[k] = last;
    r->recs[last].link = k;
    sim_timeavg_set(&r->busy_avg, now, (double)r->busy);
}

/* The job in service a new arrival of priority p may interrupt, or NO_REC:
 * the least urgent, the latest started among equals, if less urgent than p. */
static uint32_t victim(const sim_resource *r, int p)
{
    uint32_t best = NO_REC;
    for (int k = 0; k < r->busy; k++) {
        uint32_t i = r->serving[k];
        const job_rec *j = &r->recs[i];
        if (best == NO_REC || j->job.priority > r->recs[best].job.priority
            || (j->job.priority == r->recs[best].job.priority
                && j->start_seq > r->recs[best].start_seq))
            best = i;
    }
    return best != NO_REC && r->recs[best].job.priority > p ? best : NO_REC;
}

int sim_resource_arrive(sim_resource *r, double now, const sim_job *job)
{
    if (!job || !isfinite(job->work) || job->work < 0)
        return -1;
    uint32_t v, i = rec_alloc(r);
    if (i == NO_REC)
        return -1;
    job_rec *j = &r->recs[i];
    j->job = *job;
    j->arrival_time = now;
    j->first_start = (double)NAN;
    j->remaining = job->work;
    j->queued_since = now;
    j->wait = 0;
    j->preemptions = 0;
    j->state = REC_FREE;
    j->ev = 0;

    if (r->busy < r->servers) {
        if (start(r, now, i) != 0)
            goto fail;
    } else if (r->discipline == SIM_RESOURCE_PREEMPTIVE
               && (v = victim(r, job->priority)) != NO_REC) {
        /* schedule first, so running out of memory changes nothing */
        sim_event_id ev = schedule(r, now, i);
        if (!ev)
            goto fail;
        job_rec *vj = &r->recs[v];
        sim_eventq_cancel(r->q, vj->ev);
        stop(r, now, v);
        double left = vj->remaining - (now - vj->seg_start);
        vj->remaining = left > 0 ? left : 0;
        vj->ev = 0;
        vj->preemptions++;
        r->preemptions++;
        enqueue(r, now, v, 1);
        occupy(r, now, i, ev);
    } else {
        enqueue(r, now, i, 0);
    }
    r->arrivals++;
    r->work_arrived += job->work;
    return 0;
fail:
    rec_release(r, i);
    return -1;
}

int sim_resource_complete(sim_resource *r, double now, const sim_event *ev, sim_job_done *out)
{
    if (!ev || ev->kind != r->kind || ev->data != (void *)r || ev->arg >= r->nrecs)
        return -1;
    uint32_t i = (uint32_t)ev->arg;
    job_rec *j = &r->recs[i];
    if (j->state != REC_SERVING || j->ev != ev->id)
        return -1;
    stop(r, now, i);
    out->job = j->job;
    out->arrival_time = j->arrival_time;
    out->start_time = j->first_start;
    out->end_time = now;
    out->wait_time = j->wait;
    out->preemptions = j->preemptions;
    rec_release(r, i);
    r->completions++;

    if (r->line_len > 0) {
        uint32_t next = line_pop(r);
        sim_timeavg_set(&r->queue_avg, now, (double)r->line_len);
        if (start(r, now, next) != 0) {
            double since = r->recs[next].queued_since;
            enqueue(r, now, next, 1);
            r->recs[next].queued_since = since;
            return -2;
        }
    }
    return 0;
}

void sim_resource_reset_stats(sim_resource *r, double now)
{
    sim_timeavg_reset(&r->busy_avg, now);
    sim_timeavg_reset(&r->queue_avg, now);
    r->stats_t0 = now;
    r->arrivals = r->completions = r->preemptions = 0;
    r->work_arrived = r->work_served = 0;
}

void sim_resource_get_stats(const sim_resource *r, double now, sim_resource_stats *out)
{
    out->mean_busy = sim_timeavg_mean(&r->busy_avg, now);
    out->mean_queue = sim_timeavg_mean(&r->queue_avg, now);
    out->utilisation = out->mean_busy / (double)r->servers;
    out->arrivals = r->arrivals;
    out->completions = r->completions;
    out->preemptions = r->preemptions;
    out->work_arrived = r->work_arrived;
    /* service received by jobs still in service counts up to now */
    double served = r->work_served;
    for (int k = 0; k < r->busy; k++) {
        const job_rec *j = &r->recs[r->serving[k]];
        double from = j->seg_start > r->stats_t0 ? j->seg_start : r->stats_t0;
        if (now > from)
            served += now - from;
    }
    out->work_served = served;
}
