/* sim_event — the event list: a min-heap of compact entries keyed by
 * (time, insertion sequence), 4-ary, plus a slot table holding each pending event's
 * payload and its heap position so that cancellation by id is O(log n).
 * Freed slots are recycled through a free list; memory is O(pending events). */
#include "sim/sim_event.h"

#include <math.h>
#include <stdlib.h>

/* One heap entry: the ordering key and the slot holding the payload. */
typedef struct heap_entry {
    double time;
    uint64_t seq;           /* insertion order: breaks ties in time */
    uint32_t slot;
} heap_entry;

#define SLOT_FREE UINT32_MAX    /* heap_pos of a slot not in the heap */

/* One slot: payload of a pending event, or a link in the free list. */
typedef struct slot_entry {
    uint32_t heap_pos;      /* index in heap, or SLOT_FREE */
    uint32_t gen;           /* bumped whenever the slot is freed: stale ids fail */
    uint32_t next_free;     /* free-list link when heap_pos == SLOT_FREE */
    int kind;
    void *data;
    uint64_t arg;
} slot_entry;

struct sim_eventq {
    heap_entry *heap;
    slot_entry *slots;
    uint32_t size;          /* pending events = heap entries */
    uint32_t nslots;        /* slots ever handed out (<= cap) */
    uint32_t cap;           /* capacity of both arrays */
    uint32_t free_head;     /* first free slot, or SLOT_FREE */
    uint64_t next_seq;
};

/* An id packs the slot's generation (high 32 bits) and slot + 1 (low 32 bits),
 * so it is never 0. */
static sim_event_id make_id(uint32_t slot, uint32_t gen)
{
    return ((uint64_t)gen << 32) | ((uint64_t)slot + 1u);
}

static int grow(sim_eventq *q, uint32_t want)
{
    if (want <= q->cap)
        return 0;
    if (want > UINT32_MAX / 2)
        return -1;
    uint32_t cap = q->cap ? q->cap : 16;
    while (cap < want)
        cap *= 2;
    heap_entry *h = realloc(q->heap, (size_t)cap * sizeof *h);
    if (!h)
        return -1;
    q->heap = h;
    slot_entry *s = realloc(q->slots, (size_t)cap * sizeof *s);
    if (!s)
        return -1;
    q->slots = s;
    q->cap = cap;
    return 0;
}

sim_eventq *sim_eventq_new(size_t capacity_hint)
{
    sim_eventq *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->free_head = SLOT_FREE;
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
    free(q->heap);
    free(q->slots);
    free(q);
}

static void slot_release(sim_eventq *q, uint32_t slot)
{
    slot_entry *s = &q->slots[slot];
    s->heap_pos = SLOT_FREE;
    s->gen++;
    s->data = NULL;
    s->next_free = q->free_head;
    q->free_head = slot;
}

void sim_eventq_clear(sim_eventq *q)
{
    for (uint32_t i = 0; i < q->size; i++)
        slot_release(q, q->heap[i].slot);
    q->size = 0;
}

/* The heap is 4-ary: children of i are 4i+1 .. 4i+4. Half the depth of a
 * binary heap, and the four children share one or two cache lines, which
 * matters when the queue holds many thousands of events. Keys are unique
 * (time, sequence), so the pop order is the same whatever the arity. */
#define ARITY 4u

static int key_less(double ta, uint64_t sa, double tb, uint64_t sb)
{
    return ta < tb || (ta == tb && sa < sb);
}

/* Writes the entry (time, seq, slot) at heap position pos. */
static void heap_put(sim_eventq *q, uint32_t pos, double time, uint64_t seq, uint32_t slot)
{
    q->heap[pos].time = time;
    q->heap[pos].seq = seq;
    q->heap[pos].slot = slot;
    q->slots[slot].heap_pos = pos;
}

/* Moves the entry at heap position from to position to. */
static void heap_move(sim_eventq *q, uint32_t to, uint32_t from)
{
    q->heap[to] = q->heap[from];
    q->slots[q->heap[to].slot].heap_pos = to;
}

/* Moves the entry (time, seq, slot) up from position pos to where it
 * belongs. The key travels as scalars, not as a struct: copying a struct
 * through the stack stalled the store-to-load forwarding of every push. */
static void sift_up(sim_eventq *q, uint32_t pos, double time, uint64_t seq, uint32_t slot)
{
    while (pos > 0) {
        uint32_t parent = (pos - 1) / ARITY;
        if (!key_less(time, seq, q->heap[parent].time, q->heap[parent].seq))
            break;
        heap_move(q, pos, parent);
        pos = parent;
    }
    heap_put(q, pos, time, seq, slot);
}

/* Moves the entry (time, seq, slot) down from position pos to where it belongs. */
static void sift_down(sim_eventq *q, uint32_t pos, double time, uint64_t seq, uint32_t slot)
{
    const heap_entry *h = q->heap;
    uint32_t n = q->size;
    for (;;) {
        uint32_t first = ARITY * pos + 1;
        if (first >= n)
            break;
        uint32_t last = first + ARITY < n ? first + ARITY : n, best = first;
        for (uint32_t c = first + 1; c < last; c++)
            if (key_less(h[c].time, h[c].seq, h[best].time, h[best].seq))
                best = c;
        if (!key_less(h[best].time, h[best].seq, time, seq))
            break;
        heap_move(q, pos, best);
        pos = best;
    }
    heap_put(q, pos, time, seq, slot);
}

sim_event_id sim_eventq_push(sim_eventq *q, double time, int kind, void *data, uint64_t arg)
{
    if (isnan(time))
        return 0;
    uint32_t slot;
    if (q->free_head != SLOT_FREE) {
        slot = q->free_head;
        q->free_head = q->slots[slot].next_free;
    } else {
        if (grow(q, q->nslots + 1) != 0)
            return 0;
        slot = q->nslots++;
        q->slots[slot].gen = 1;
    }
    slot_entry *s = &q->slots[slot];
    s->kind = kind;
    s->data = data;
    s->arg = arg;
    q->size++;
    sift_up(q, q->size - 1, time, q->next_seq++, slot);
    return make_id(slot, s->gen);
}

/* Removes the heap entry at pos, restoring the heap property. */
static void heap_remove_at(sim_eventq *q, uint32_t pos)
{
    q->size--;
    if (pos == q->size)
        return;
    const heap_entry *last = &q->heap[q->size];
    double time = last->time;
    uint64_t seq = last->seq;
    uint32_t slot = last->slot;
    if (pos > 0 && key_less(time, seq, q->heap[(pos - 1) / ARITY].time, q->heap[(pos - 1) / ARITY].seq))
        sift_up(q, pos, time, seq, slot);
    else
        sift_down(q, pos, time, seq, slot);
}

int sim_eventq_cancel(sim_eventq *q, sim_event_id id)
{
    uint64_t low = id & 0xffffffffu;
    if (low == 0 || low > q->nslots)
        return -1;
    uint32_t slot = (uint32_t)(low - 1);
    slot_entry *s = &q->slots[slot];
    if (s->heap_pos == SLOT_FREE || s->gen != (uint32_t)(id >> 32))
        return -1;
    heap_remove_at(q, s->heap_pos);
    slot_release(q, slot);
    return 0;
}

int sim_eventq_pop(sim_eventq *q, sim_event *out)
{
    if (q->size == 0)
        return -1;
    uint32_t slot = q->heap[0].slot;
    slot_entry *s = &q->slots[slot];
    out->time = q->heap[0].time;
    out->kind = s->kind;
    out->data = s->data;
    out->arg = s->arg;
    out->id = make_id(slot, s->gen);
    heap_remove_at(q, 0);
    slot_release(q, slot);
    return 0;
}

double sim_eventq_peek_time(const sim_eventq *q)
{
    return q->size ? q->heap[0].time : (double)INFINITY;
}

size_t sim_eventq_size(const sim_eventq *q)
{
    return q->size;
}

size_t sim_eventq_memory(const sim_eventq *q)
{
    return sizeof *q + (size_t)q->cap * (sizeof(heap_entry) + sizeof(slot_entry));
}
