/* sim_iheap — indexed binary min-heap by (key, id); see sim_iheap.h. */
#include "sim/sim_iheap.h"

#include <stdlib.h>

int sim_iheap_init(sim_iheap *h, int n_ids)
{
    size_t n = (size_t)(n_ids > 0 ? n_ids : 1);
    h->ids = malloc(n * sizeof *h->ids);
    h->keys = malloc(n * sizeof *h->keys);
    h->pos = malloc(n * sizeof *h->pos);
    h->n = 0;
    h->cap = n_ids;
    if (!h->ids || !h->keys || !h->pos) {
        sim_iheap_destroy(h);
        return -1;
    }
    for (int i = 0; i < n_ids; i++)
        h->pos[i] = -1;
    return 0;
}

void sim_iheap_destroy(sim_iheap *h)
{
    free(h->ids);
    free(h->keys);
    free(h->pos);
    h->ids = h->pos = NULL;
    h->keys = NULL;
    h->n = h->cap = 0;
}

static int less(double ka, int ia, double kb, int ib)
{
    return ka < kb || (ka == kb && ia < ib);
}

static void place(sim_iheap *h, int p, int id, double key)
{
    h->ids[p] = id;
    h->keys[p] = key;
    h->pos[id] = p;
}

static void sift_up(sim_iheap *h, int p, int id, double key)
{
    while (p > 0) {
        int parent = (p - 1) / 2;
        if (!less(key, id, h->keys[parent], h->ids[parent]))
            break;
        place(h, p, h->ids[parent], h->keys[parent]);
        p = parent;
    }
    place(h, p, id, key);
}

static void sift_down(sim_iheap *h, int p, int id, double key)
{
    for (;;) {
        int c = 2 * p + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && less(h->keys[c + 1], h->ids[c + 1], h->keys[c], h->ids[c]))
            c++;
        if (!less(h->keys[c], h->ids[c], key, id))
            break;
        place(h, p, h->ids[c], h->keys[c]);
        p = c;
    }
    place(h, p, id, key);
}

void sim_iheap_insert(sim_iheap *h, int id, double key)
{
    sift_up(h, h->n++, id, key);
}

void sim_iheap_remove(sim_iheap *h, int id)
{
    int p = h->pos[id];
    if (p < 0)
        return;
    h->pos[id] = -1;
    int last = --h->n;
    if (p == last)
        return;
    int lid = h->ids[last];
    double lkey = h->keys[last];
    if (p > 0 && less(lkey, lid, h->keys[(p - 1) / 2], h->ids[(p - 1) / 2]))
        sift_up(h, p, lid, lkey);
    else
        sift_down(h, p, lid, lkey);
}
