/* sim_iheap — an indexed binary min-heap over a fixed set of ids 0..n-1,
 * ordered by (key, id): O(log n) insert, remove by id and key change, O(1)
 * membership test and minimum. Ties in key come out by smaller id. The heap
 * array is readable (sim_iheap_id_at, sim_iheap_key_at: children of position
 * p are 2p+1 and 2p+2) for best-first walks. Knows nothing of what ids mean.
 *
 * Ownership: sim_iheap_init() allocates three arrays of n entries that
 * sim_iheap_destroy() frees; the struct itself is the caller's. */
#ifndef SIM_IHEAP_H
#define SIM_IHEAP_H

typedef struct sim_iheap {
    int *ids;       /* heap order: ids[0] is the minimum */
    double *keys;   /* keys[p] belongs to ids[p] */
    int *pos;       /* pos[id]: position in the heap, or -1 when absent */
    int n, cap;
} sim_iheap;

/* An empty heap for ids 0..n_ids-1: 0, or -1 when memory ran out. */
int sim_iheap_init(sim_iheap *h, int n_ids);
void sim_iheap_destroy(sim_iheap *h);

/* Inserts id (absent, in range) with key (not NaN). */
void sim_iheap_insert(sim_iheap *h, int id, double key);
/* Removes id if present. */
void sim_iheap_remove(sim_iheap *h, int id);

static inline int sim_iheap_contains(const sim_iheap *h, int id) { return h->pos[id] >= 0; }
static inline int sim_iheap_size(const sim_iheap *h) { return h->n; }
/* The id with the smallest (key, id), or -1 when empty. */
static inline int sim_iheap_top(const sim_iheap *h) { return h->n ? h->ids[0] : -1; }
static inline int sim_iheap_id_at(const sim_iheap *h, int p) { return h->ids[p]; }
static inline double sim_iheap_key_at(const sim_iheap *h, int p) { return h->keys[p]; }

#endif
