/* sim_pqueue — 4-ary min-heap of (priority, time, sequence, payload)
 * entries; see sim_pqueue.h for the order it promises. */
#include "sim/sim_pqueue.h"

#include <math.h>
#include <stdlib.h>

typedef struct pq_entry {
    int prio;
    double time;
    uint64_t seq;           /* insertion order: the last tie-break */
    uint64_t arg;
} pq_entry;

/* Entries pushed in order (each not before the last one in the run) go to
 * a FIFO run, a ring; the others to the heap. Both are sorted ways to read
 * the same total order, so the first entry is the smaller of the run's head
 * and the heap's top. A team's queue is mostly a run (work queued now, after
 * work queued earlier), so most pushes and pops touch one entry each. */
struct sim_pqueue {
    pq_entry *heap;
    size_t size, cap;
    pq_entry *run;          /* ring of run_cap entries (a power of two, or 0) */
    size_t run_head, run_n, run_cap;
    uint64_t next_seq;
};

static int pq_less(const pq_entry *a, const pq_entry *b)
{
    if (a->prio != b->prio)
        return a->prio < b->prio;
    if (a->time != b->time)
        return a->time < b->time;
    return a->seq < b->seq;
}

static int pq_grow(sim_pqueue *q, size_t want)
{
    if (want <= q->cap)
        return 0;
    size_t cap = q->cap ? q->cap : 16;
    while (cap < want) {
        if (cap > SIZE_MAX / 2 / sizeof(pq_entry))
            return -1;
        cap *= 2;
    }
    pq_entry *h = realloc(q->heap, cap * sizeof *h);
    if (!h)
        return -1;
    q->heap = h;
    q->cap = cap;
    return 0;
}

sim_pqueue *sim_pqueue_new(size_t capacity_hint)
{
    sim_pqueue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    if (pq_grow(q, capacity_hint ? capacity_hint : 16) != 0) {
        sim_pqueue_free(q);
        return NULL;
    }
    return q;
}

void sim_pqueue_free(sim_pqueue *q)
{
    if (!q)
        return;
    free(q->heap);
    free(q->run);
    free(q);
}

/* The heap is 4-ary: children of i are 4i+1 .. 4i+4. Half the depth of a
 * binary heap, and a node's children sit side by side in memory; the pops of
 * a long queue are what cost. Keys (prio, time, seq) are unique, so the order
 * of the pops is the same whatever the arity. */
#define PQ_ARITY 4u

/* The run's entry i (0: its head). */
static pq_entry *run_at(const sim_pqueue *q, size_t i)
{
    return &q->run[(q->run_head + i) & (q->run_cap - 1)];
}

/* Room for one more entry in the run: 0, or -1 when memory ran out. */
static int run_grow(sim_pqueue *q)
{
    if (q->run_n < q->run_cap)
        return 0;
    size_t cap = q->run_cap ? 2 * q->run_cap : 16;
    if (cap > SIZE_MAX / sizeof(pq_entry))
        return -1;
    pq_entry *r = malloc(cap * sizeof *r);
    if (!r)
        return -1;
    for (size_t i = 0; i < q->run_n; i++)
        r[i] = *run_at(q, i);
    free(q->run);
    q->run = r;
    q->run_head = 0;
    q->run_cap = cap;
    return 0;
}

int sim_pqueue_push(sim_pqueue *q, int prio, double time, uint64_t arg)
{
    if (isnan(time))
        return -1;
    pq_entry e = { prio, time, q->next_seq, arg };
    if (q->run_n == 0 || !pq_less(&e, run_at(q, q->run_n - 1))) {
        if (run_grow(q) != 0)
            return -1;
        q->next_seq++;
        *run_at(q, q->run_n++) = e;
        return 0;
    }
    if (pq_grow(q, q->size + 1) != 0)
        return -1;
    q->next_seq++;
    pq_entry *h = q->heap;
    size_t pos = q->size++;
    while (pos > 0) {
        size_t parent = (pos - 1) / PQ_ARITY;
        if (!pq_less(&e, &h[parent]))
            break;
        h[pos] = h[parent];
        pos = parent;
    }
    h[pos] = e;
    return 0;
}

/* The first entry: the run's head or the heap's top; NULL when empty.
 * *from_run: which. */
static const pq_entry *first(const sim_pqueue *q, int *from_run)
{
    *from_run = q->run_n > 0 && (q->size == 0 || pq_less(run_at(q, 0), &q->heap[0]));
    return *from_run ? run_at(q, 0) : q->size ? &q->heap[0] : NULL;
}

int sim_pqueue_pop(sim_pqueue *q, uint64_t *arg, int *prio, double *time)
{
    int from_run;
    const pq_entry *f = first(q, &from_run);
    if (!f)
        return -1;
    if (arg)
        *arg = f->arg;
    if (prio)
        *prio = f->prio;
    if (time)
        *time = f->time;
    if (from_run) {
        /* An emptied run starts again at the ring's first entry, so a queue
         * that is mostly empty or nearly so (a product team's) keeps
         * touching the same warm line instead of walking round the ring. */
        q->run_head = --q->run_n ? (q->run_head + 1) & (q->run_cap - 1) : 0;
        return 0;
    }
    pq_entry *h = q->heap;
    size_t n = --q->size;
    if (n == 0)
        return 0;
    const pq_entry *last = &h[n];
    size_t pos = 0;
    for (;;) {
        size_t first = PQ_ARITY * pos + 1;
        if (first >= n)
            break;
        size_t end = first + PQ_ARITY < n ? first + PQ_ARITY : n, best = first;
        for (size_t c = first + 1; c < end; c++)
            if (pq_less(&h[c], &h[best]))
                best = c;
        if (!pq_less(&h[best], last))
            break;
        h[pos] = h[best];
        pos = best;
    }
    h[pos] = *last;
    return 0;
}

int sim_pqueue_peek(const sim_pqueue *q, uint64_t *arg, int *prio, double *time)
{
    int from_run;
    const pq_entry *f = first(q, &from_run);
    if (!f)
        return -1;
    if (arg)
        *arg = f->arg;
    if (prio)
        *prio = f->prio;
    if (time)
        *time = f->time;
    return 0;
}

size_t sim_pqueue_size(const sim_pqueue *q)
{
    return q->size + q->run_n;
}
