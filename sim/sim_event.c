/* sim_event — the event list: a 4-ary min-heap of 16-byte entries keyed by
 * (time, insertion sequence), laid out so that a node's four children share
 * one cache line, plus a slot table holding each pending event's payload.
 * Cancellation is lazy: a cancelled event's entry stays in the heap, marked
 * in its slot, until it reaches the top or the heap is compacted, so sifting
 * never writes to the slot table. Freed slots are recycled through a free
 * list; memory is O(pending events) (see grow_or_compact). */
#include "sim/sim_event.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One heap entry: the time, and the insertion sequence (high 32 bits) with
 * the slot holding the payload (low 32 bits), so that comparing keys
 * compares sequences, which are unique. */
typedef struct heap_entry {
    double time;
    uint64_t key;
} heap_entry;

#define SLOT_NONE UINT32_MAX    /* end of the free list */
#define SEQ_LIMIT (UINT64_C(1) << 32)
#define HEAP_PAD 3u             /* unused entries before heap[0]: children 4i+1..4i+4 start a cache line */
#define LINE 64u

enum slot_state { SLOT_FREE, SLOT_PENDING, SLOT_CANCELLED };

/* One slot: payload of a pending event, or a link in the free list. */
typedef struct slot_entry {
    uint32_t gen;           /* bumped when the event is cancelled or the slot freed: stale ids fail */
    uint32_t next_free;     /* free-list link when state is SLOT_FREE */
    int kind;
    int state;              /* enum slot_state */
    void *data;
    uint64_t arg;
} slot_entry;

struct sim_eventq {
    heap_entry *heap;       /* heap[0] is the earliest; HEAP_PAD entries precede it in mem */
    heap_entry *mem;        /* the allocation (LINE-aligned) */
    slot_entry *slots;
    uint32_t size;          /* heap entries, cancelled ones included */
    uint32_t n_cancelled;   /* cancelled entries still in the heap (never the top) */
    uint32_t nslots;        /* slots ever handed out (<= cap) */
    uint32_t cap;           /* capacity of both arrays */
    uint32_t free_head;     /* first free slot, or SLOT_NONE */
    uint64_t next_seq;      /* < SEQ_LIMIT; renumbered when it would reach it */
};

/* An id packs the slot's generation (high 32 bits) and slot + 1 (low 32 bits),
 * so it is never 0. */
static sim_event_id make_id(uint32_t slot, uint32_t gen)
{
    return ((uint64_t)gen << 32) | ((uint64_t)slot + 1u);
}

static uint32_t key_slot(uint64_t key) { return (uint32_t)(key & 0xffffffffu); }

static int grow(sim_eventq *q, uint32_t want)
{
    if (want <= q->cap)
        return 0;
    if (want > UINT32_MAX / 4)
        return -1;
    uint32_t cap = q->cap ? q->cap : 16;
    while (cap < want)
        cap *= 2;
    /* cap + HEAP_PAD + 1 entries: a multiple of four, so of LINE bytes */
    heap_entry *m = aligned_alloc(LINE, ((size_t)cap + HEAP_PAD + 1) * sizeof *m);
    if (!m)
        return -1;
    if (q->size)
        memcpy(m + HEAP_PAD, q->heap, (size_t)q->size * sizeof *m);
    slot_entry *s = realloc(q->slots, (size_t)cap * sizeof *s);
    if (!s) {
        free(m);
        return -1;
    }
    free(q->mem);
    q->mem = m;
    q->heap = m + HEAP_PAD;
    q->slots = s;
    q->cap = cap;
    return 0;
}

sim_eventq *sim_eventq_new(size_t capacity_hint)
{
    sim_eventq *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->free_head = SLOT_NONE;
    q->next_seq = 1;
    if (capacity_hint > UINT32_MAX / 4)
        capacity_hint = UINT32_MAX / 4;
    if (grow(q, capacity_hint ? (uint32_t)capacity_hint : 16) != 0) {
        sim_eventq_free(q);
        return NULL;
    }
    return q;
}

void sim_eventq_free(sim_eventq *q)
{
    if (!q)
        return;
    free(q->mem);
    free(q->slots);
    free(q);
}

static void slot_release(sim_eventq *q, uint32_t slot)
{
    slot_entry *s = &q->slots[slot];
    s->state = SLOT_FREE;
    s->gen++;
    s->data = NULL;
    s->next_free = q->free_head;
    q->free_head = slot;
}

void sim_eventq_clear(sim_eventq *q)
{
    for (uint32_t i = 0; i < q->size; i++)
        slot_release(q, key_slot(q->heap[i].key));
    q->size = 0;
    q->n_cancelled = 0;
}

/* The heap is 4-ary: children of i are 4i+1 .. 4i+4, one cache line (the
 * array starts HEAP_PAD entries into a LINE-aligned block). Keys are unique
 * (time, sequence), so the pop order is the same whatever the arity or the
 * layout. */
#define ARITY 4u

static int key_less(double ta, uint64_t ka, double tb, uint64_t kb)
{
    return ta < tb || (ta == tb && ka < kb);
}

/* Moves the entry (time, key) up from position pos to where it belongs.
 * The key travels as scalars, not as a struct: copying a struct through the
 * stack stalled the store-to-load forwarding of every push. */
static void sift_up(sim_eventq *q, uint32_t pos, double time, uint64_t key)
{
    heap_entry *h = q->heap;
    while (pos > 0) {
        uint32_t parent = (pos - 1) / ARITY;
        if (!key_less(time, key, h[parent].time, h[parent].key))
            break;
        h[pos] = h[parent];
        pos = parent;
    }
    h[pos].time = time;
    h[pos].key = key;
}

/* Moves the entry (time, key) down from position pos to where it belongs. */
static void sift_down(sim_eventq *q, uint32_t pos, double time, uint64_t key)
{
    heap_entry *h = q->heap;
    uint32_t n = q->size;
    for (;;) {
        uint32_t first = ARITY * pos + 1;
        if (first >= n)
            break;
        uint32_t last = first + ARITY < n ? first + ARITY : n, best = first;
        for (uint32_t c = first + 1; c < last; c++)
            if (key_less(h[c].time, h[c].key, h[best].time, h[best].key))
                best = c;
        if (!key_less(h[best].time, h[best].key, time, key))
            break;
        h[pos] = h[best];
        pos = best;
    }
    h[pos].time = time;
    h[pos].key = key;
}

/* Removes the top entry (its slot is the caller's to release). */
static void remove_top(sim_eventq *q)
{
    uint32_t n = --q->size;
    if (n > 0)
        sift_down(q, 0, q->heap[n].time, q->heap[n].key);
}

/* Keeps the top a pending event: cancelled entries that reach it leave. */
static void purge_top(sim_eventq *q)
{
    while (q->size > 0) {
        uint32_t slot = key_slot(q->heap[0].key);
        if (q->slots[slot].state != SLOT_CANCELLED)
            break;
        remove_top(q);
        slot_release(q, slot);
        q->n_cancelled--;
    }
}

/* Drops every cancelled entry and rebuilds the heap (Floyd): O(size). */
static void compact(sim_eventq *q)
{
    heap_entry *h = q->heap;
    uint32_t n = 0;
    for (uint32_t i = 0; i < q->size; i++) {
        uint32_t slot = key_slot(h[i].key);
        if (q->slots[slot].state == SLOT_CANCELLED)
            slot_release(q, slot);
        else
            h[n++] = h[i];
    }
    q->size = n;
    q->n_cancelled = 0;
    for (uint32_t i = n > 1 ? (n - 2) / ARITY + 1 : 0; i-- > 0;)
        sift_down(q, i, h[i].time, h[i].key);
}

/* Room for one more entry. A full heap of which an eighth or more are
 * cancelled entries is compacted instead of grown (each compaction is paid
 * for by as many cancels as an eighth of its work), so the arrays grow only
 * while more than 7/8 of them are pending events: memory stays below 16/7
 * of the most events pending at once. 0, or -1 when memory ran out. */
static int grow_or_compact(sim_eventq *q)
{
    if (q->size < q->cap)
        return 0;
    if (q->n_cancelled > 0 && q->n_cancelled >= q->size / 8) {
        compact(q);
        return 0;
    }
    return grow(q, q->size + 1);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The sequence counter would pass 32 bits: pending entries get sequences
 * 1..size in their order (an order-preserving renumbering keeps the heap
 * valid and the pop order unchanged). 0, or -1 when memory ran out. */
static int renumber(sim_eventq *q)
{
    uint64_t *k = malloc(((size_t)q->size + 1) * sizeof *k);
    if (!k)
        return -1;
    for (uint32_t i = 0; i < q->size; i++)
        k[i] = q->heap[i].key;
    qsort(k, q->size, sizeof *k, cmp_u64);
    for (uint32_t i = 0; i < q->size; i++) {
        const uint64_t *f = bsearch(&q->heap[i].key, k, q->size, sizeof *k, cmp_u64);
        q->heap[i].key = ((uint64_t)(f - k) + 1) << 32 | key_slot(q->heap[i].key);
    }
    q->next_seq = (uint64_t)q->size + 1;
    free(k);
    return 0;
}

sim_event_id sim_eventq_push(sim_eventq *q, double time, int kind, void *data, uint64_t arg)
{
    if (isnan(time))
        return 0;
    if (grow_or_compact(q) != 0 || (q->next_seq >= SEQ_LIMIT && renumber(q) != 0))
        return 0;
    uint32_t slot;
    if (q->free_head != SLOT_NONE) {
        slot = q->free_head;
        q->free_head = q->slots[slot].next_free;
    } else {
        slot = q->nslots++;
        q->slots[slot].gen = 1;
    }
    slot_entry *s = &q->slots[slot];
    s->kind = kind;
    s->state = SLOT_PENDING;
    s->data = data;
    s->arg = arg;
    q->size++;
    sift_up(q, q->size - 1, time, q->next_seq++ << 32 | slot);
    return make_id(slot, s->gen);
}

int sim_eventq_cancel(sim_eventq *q, sim_event_id id)
{
    uint64_t low = id & 0xffffffffu;
    if (low == 0 || low > q->nslots)
        return -1;
    uint32_t slot = (uint32_t)(low - 1);
    slot_entry *s = &q->slots[slot];
    if (s->state != SLOT_PENDING || s->gen != (uint32_t)(id >> 32))
        return -1;
    s->state = SLOT_CANCELLED;
    s->gen++;
    q->n_cancelled++;
    purge_top(q);
    return 0;
}

int sim_eventq_pop(sim_eventq *q, sim_event *out)
{
    if (q->size == 0)
        return -1;
    uint32_t slot = key_slot(q->heap[0].key);
    slot_entry *s = &q->slots[slot];
    out->time = q->heap[0].time;
    out->kind = s->kind;
    out->data = s->data;
    out->arg = s->arg;
    out->id = make_id(slot, s->gen);
    remove_top(q);
    slot_release(q, slot);
    purge_top(q);
    return 0;
}

double sim_eventq_peek_time(const sim_eventq *q)
{
    return q->size ? q->heap[0].time : (double)INFINITY;
}

int sim_eventq_peek(const sim_eventq *q, int *kind, uint64_t *arg)
{
    if (q->size == 0)
        return -1;
    const slot_entry *s = &q->slots[key_slot(q->heap[0].key)];
    *kind = s->kind;
    *arg = s->arg;
    return 0;
}

size_t sim_eventq_size(const sim_eventq *q)
{
    return q->size - q->n_cancelled;
}

size_t sim_eventq_memory(const sim_eventq *q)
{
    return sizeof *q + ((size_t)q->cap + HEAP_PAD + 1) * sizeof(heap_entry) + (size_t)q->cap * sizeof(slot_entry);
}

void sim_eventq__skip_seq(sim_eventq *q, uint64_t n)
{
    q->next_seq = n < SEQ_LIMIT - q->next_seq ? q->next_seq + n : SEQ_LIMIT;
}
