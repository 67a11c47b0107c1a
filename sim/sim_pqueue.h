/* sim_pqueue — a priority queue of waiting work for a discrete-event model:
 * a 4-ary heap ordered by (priority, time, insertion sequence), smallest
 * first. Lower priority numbers come out first; within a priority, earlier
 * times; at equal priority and time, the order of insertion. O(log n) push
 * and pop, O(1) for an entry pushed not before the last one so pushed (a
 * FIFO run beside the heap: a queue of work queued as it comes costs O(1)
 * per entry); memory O(entries). Knows nothing of what the entries mean.
 *
 * Ownership: the queue owns its arrays only; the caller's payload is an
 * integer (arg). Create with sim_pqueue_new(), free with sim_pqueue_free(). */
#ifndef SIM_PQUEUE_H
#define SIM_PQUEUE_H

#include <stddef.h>
#include <stdint.h>

typedef struct sim_pqueue sim_pqueue;

/* An empty queue; NULL when memory ran out. */
sim_pqueue *sim_pqueue_new(size_t capacity_hint);
void sim_pqueue_free(sim_pqueue *q);

/* Adds arg at (prio, time): 0, or -1 when memory ran out or time is NaN. */
int sim_pqueue_push(sim_pqueue *q, int prio, double time, uint64_t arg);

/* Removes the first entry by (prio, time, sequence) into *arg (and its
 * priority and time when those pointers are not NULL): 0, or -1 when empty. */
int sim_pqueue_pop(sim_pqueue *q, uint64_t *arg, int *prio, double *time);

/* The first entry, left in the queue (as sim_pqueue_pop reports it):
 * 0, or -1 when empty. O(1). */
int sim_pqueue_peek(const sim_pqueue *q, uint64_t *arg, int *prio, double *time);

size_t sim_pqueue_size(const sim_pqueue *q);

#endif
