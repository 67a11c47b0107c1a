/* sim_event — the event list of a discrete-event simulation.
 * A 4-ary heap keyed by (time, insertion sequence): O(log n) push and pop,
 * events at equal times come out in insertion order, and any pending event can
 * be cancelled by its id in O(1) (lazily: its entry leaves the heap when it
 * reaches the top, O(log n) then, or at a compaction). Memory is
 * O(most events pending at once). Knows nothing of what events mean. */
#ifndef SIM_EVENT_H
#define SIM_EVENT_H

#include <stddef.h>
#include <stdint.h>

typedef struct sim_eventq sim_eventq;

/* Identifies a pushed event; 0 is never a valid id. */
typedef uint64_t sim_event_id;

typedef struct sim_event {
    double time;        /* simulation time (the model decides the unit) */
    int kind;           /* the caller's event type */
    void *data;         /* the caller's payload, not owned */
    uint64_t arg;       /* a second, integer payload */
    sim_event_id id;
} sim_event;

/* Creates an empty queue; free it with sim_eventq_free(). NULL on failure. */
sim_eventq *sim_eventq_new(size_t capacity_hint);
void sim_eventq_free(sim_eventq *q);
/* Empties the queue, keeping its memory. */
void sim_eventq_clear(sim_eventq *q);

/* Schedules an event; returns its id, or 0 when memory ran out.
 * time must not be NaN. */
sim_event_id sim_eventq_push(sim_eventq *q, double time, int kind, void *data, uint64_t arg);

/* Cancels a pending event: 0 when it was pending, -1 when unknown,
 * already popped or already cancelled. */
int sim_eventq_cancel(sim_eventq *q, sim_event_id id);

/* Removes the earliest event into *out: 0, or -1 when the queue is empty. */
int sim_eventq_pop(sim_eventq *q, sim_event *out);

/* Time of the earliest pending event, or +INFINITY when empty. */
double sim_eventq_peek_time(const sim_eventq *q);

/* The earliest pending event's kind and arg, left in the queue (a caller
 * may fetch what it will need into the cache): 0, or -1 when empty. */
int sim_eventq_peek(const sim_eventq *q, int *kind, uint64_t *arg);

size_t sim_eventq_size(const sim_eventq *q);

/* Bytes of memory currently held by the queue (for benchmarks). */
size_t sim_eventq_memory(const sim_eventq *q);

/* For tests: advances the insertion counter by n, as if n events had been
 * pushed and popped, so that the renumbering of sequences at 2^32 runs. */
void sim_eventq__skip_seq(sim_eventq *q, uint64_t n);

#endif
