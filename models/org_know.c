/* org_know — engineers' knowledge held sparsely: skill per technology (the
 * catalogue's size), and context only on the components an engineer touched
 * or was given; the central team's day-0 context on every infrastructure
 * component is one shared base layer, not a copy per engineer. Values decay
 * exactly (the lazy half-life form of org_sim_int.h). Counts of knowers per
 * component (context above the threshold) are kept up to date as values
 * cross the threshold: upward when set, downward from a heap of the times
 * they will fall below it, applied before every count is read. */
#include "models/org_sim_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KEY_SLACK 1e-9              /* keys this close may order values either way after rounding */

/* ------------------------------------------------------------ the map */

/* A component's home slot: Fibonacci hashing of its service (the top `bits`
 * bits of service × 2⁶⁴/φ) plus its technology, so that one service's
 * components sit side by side (work on a service's infrastructure touches
 * several of them at once: one cache line instead of one each). */
static unsigned comp_slot(const kmap *m, int comp)
{
    unsigned v = (unsigned)(comp / m->group), tech = (unsigned)(comp % m->group);
    unsigned h = m->bits ? (unsigned)(((uint64_t)v * 0x9E3779B97F4A7C15ull) >> (64 - m->bits)) : 0u;
    return (h + tech) & ((unsigned)m->cap - 1);
}

/* The slot holding comp, or the empty slot where it would go (the map has
 * room: it is never more than half full). */
static kslot *map_probe(const kmap *m, int comp)
{
    unsigned mask = (unsigned)m->cap - 1;
    for (unsigned i = comp_slot(m, comp);; i = (i + 1) & mask) {
        kslot *k = &m->e[i];
        if (k->comp == comp || k->comp < 0)
            return k;
    }
}

static kslot *map_find(const eng *E, int comp)
{
    if (!E->ctx.cap)
        return NULL;
    kslot *k = map_probe(&E->ctx, comp);
    return k->comp == comp ? k : NULL;
}

/* A slot's entry: its index in the component's list, and whether it is
 * armed (counted as a knower in kcnt: present, above the threshold, a
 * crossing pending). */
static int slot_at(const kslot *m) { return m->idx >> 1; }
static int slot_armed(const kslot *m) { return m->idx & 1; }

kent *org__ctx_find(const sim *S, const eng *E, int comp)
{
    const kslot *k = map_find(E, comp);
    return k ? &S->knowers[comp].p[slot_at(k)] : NULL;
}

static int map_grow(kmap *m)
{
    int cap = m->cap ? m->cap * 2 : 16;
    kslot *e = malloc((size_t)cap * sizeof *e);
    if (!e)
        return -1;
    for (int i = 0; i < cap; i++)
        e[i].comp = -1;
    kmap n = { e, m->n, cap, 0, m->group };
    while ((1 << n.bits) < cap)
        n.bits++;
    for (int i = 0; i < m->cap; i++)
        if (m->e[i].comp >= 0)
            *map_probe(&n, m->e[i].comp) = m->e[i];
    free(m->e);
    *m = n;
    return 0;
}

int org__grow(void **p, int *cap, int n, size_t elem)
{
    if (n < *cap)
        return 0;
    if (*cap > INT_MAX / 2)
        return -1;
    int c = *cap ? *cap * 2 : 4;
    void *q = realloc(*p, (size_t)c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* Room for one more entry in l: 0, or -1 when memory ran out (l
 * unchanged). Lists grow by half (not double): they are most of a large
 * organisation's memory, and a list's growth is rare beside its reads.
 * Entries are 32-byte aligned, so none spans two cache lines. */
static int klist_room(klist *l)
{
    if (l->n < l->cap)
        return 0;
    if (l->cap > INT_MAX / 6)
        return -1;      /* map slots hold 2 × index */
    int cap = l->cap < 4 ? 4 : l->cap + l->cap / 2;
    kent *p = aligned_alloc(KENT_BYTES, (size_t)cap * sizeof *p);
    if (!p)
        return -1;
    if (l->n)
        memcpy(p, l->p, (size_t)l->n * sizeof *p);
    free(l->p);
    l->p = p;
    l->cap = cap;
    return 0;
}

double org__ctx_key(const sim *S, const kv *k)
{
    return k->v > 0.0 ? log(k->v) + S->decay_ctx * k->t : -(double)INFINITY;
}

/* ------------------------------------------------------- crossings heap */

static int xh_push(sim *S, xitem it)
{
    if (S->xn == S->xcap) {
        size_t cap = S->xcap ? S->xcap * 2 : 1024;
        xitem *p = realloc(S->xh, cap * sizeof *p);
        if (!p)
            return -1;
        S->xh = p;
        S->xcap = cap;
    }
    size_t i = S->xn++;
    while (i > 0) {
        size_t up = (i - 1) / 2;
        if (!(it.t < S->xh[up].t))
            break;
        S->xh[i] = S->xh[up];
        i = up;
    }
    S->xh[i] = it;
    return 0;
}

static xitem xh_pop(sim *S)
{
    xitem top = S->xh[0], last = S->xh[--S->xn];
    size_t i = 0, n = S->xn;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && S->xh[c + 1].t < S->xh[c].t)
            c++;
        if (!(S->xh[c].t < last.t))
            break;
        S->xh[i] = S->xh[c];
        i = c;
    }
    if (n > 0)
        S->xh[i] = last;
    return top;
}

/* Arms engineer e's entry on comp, whose map slot is m (counted, with a
 * crossing pending), if it is above the threshold. */
static void arm(sim *S, int e, int comp, kslot *m)
{
    if (slot_armed(m))
        return;
    double below = kv_below(S, &S->knowers[comp].p[slot_at(m)].k, S->decay_ctx);
    if (!(below > S->now))
        return;
    m->idx |= 1;
    S->kcnt[comp]++;
    S->n_held[e]++;
    if (isfinite(below)) {
        xitem it = { below, e, comp, S->engs[e].kgen };
        if (xh_push(S, it) != 0)
            S->fail = 1;
    }
}

void org__know_flush(sim *S)
{
    while (S->xn && S->xh[0].t <= S->now) {
        xitem it = xh_pop(S);
        eng *E = &S->engs[it.e];
        if (it.gen != E->kgen)
            continue;                   /* left or replaced since: already uncounted */
        kslot *m = map_find(E, it.comp);
        if (!m || !slot_armed(m))
            continue;
        double below = kv_below(S, &S->knowers[it.comp].p[slot_at(m)].k, S->decay_ctx);
        if (below > S->now) {           /* raised since: falls later */
            it.t = below;
            if (xh_push(S, it) != 0)
                S->fail = 1;
            continue;
        }
        m->idx &= ~1;
        S->kcnt[it.comp]--;
        S->n_held[it.e]--;
    }
}

/* ------------------------------------------------------------ contexts */

double org__ctx_of(const sim *S, const eng *E, int comp)
{
    const kent *k = org__ctx_find(S, E, comp);
    if (k)
        return kv_get(S, &k->k, S->decay_ctx);
    if (E->ctx_base && S->cen_known[comp])
        return kv_get(S, &S->cbase, S->decay_ctx);
    return 0.0;
}

/* Engineer e's new explicit entry on comp, which e's map lacks: m is where
 * map_probe puts it (NULL when the map has no slots yet); returns its map
 * slot, or NULL when memory ran out (S->fail set). */
static kslot *slot_insert(sim *S, int e, int comp, kslot *m)
{
    eng *E = &S->engs[e];
    klist *l = &S->knowers[comp];
    if ((E->ctx.n + 1) * 2 > E->ctx.cap) {
        E->ctx.group = S->n_techs;
        if (map_grow(&E->ctx) != 0) {
            S->fail = 1;
            return NULL;
        }
        m = map_probe(&E->ctx, comp);
    }
    if (klist_room(l) != 0) {
        S->fail = 1;
        return NULL;
    }
    m->comp = comp;
    m->idx = 2 * l->n;
    E->ctx.n++;
    kent *k = &l->p[l->n++];
    if (E->ctx_base && S->cen_known[comp]) {
        k->k = S->cbase;                /* the base layer, now held explicitly */
        k->key = S->cbase_key;
        if (E->present)
            S->base_over[comp]++;
    } else {
        k->k.v = 0.0;
        k->k.t = S->now;
        k->key = org__ctx_key(S, &k->k);
    }
    k->who = KLIST_WHO(e, E->team == S->central);
    k->spare = 0;
    return m;
}

kent *org__ctx_slot(sim *S, int e, int comp)
{
    eng *E = &S->engs[e];
    kslot *m = E->ctx.cap ? map_probe(&E->ctx, comp) : NULL;
    if (!m || m->comp != comp)
        m = slot_insert(S, e, comp, m);
    return m ? &S->knowers[comp].p[slot_at(m)] : NULL;
}

/* org__ctx_changed, given the entry's map slot m. */
static void changed_at(sim *S, int e, int comp, kent *k, kslot *m)
{
    k->key = org__ctx_key(S, &k->k);
    if (S->engs[e].present)
        arm(S, e, comp, m);
}

void org__ctx_changed(sim *S, int e, int comp, kent *k)
{
    changed_at(S, e, comp, k, map_find(&S->engs[e], comp));
}

/* The two exponentials of kv_learn for one engineer's updates at one time:
 * entries set at the same time decay by the same factor, and entries
 * learned at the same rate for the same days keep the same share. */
typedef struct exp_memo { double t, decayed, gain, kept; } exp_memo;

/* kv_learn on a context value, each exponential computed only when its
 * argument differs from the last one's (identical results). */
static void learn_cached(sim *S, kv *k, double gain_per_day, double days, exp_memo *x)
{
    double v = 0.0;
    if (k->v > 0.0) {
        if (!(k->t == x->t)) {
            x->t = k->t;
            x->decayed = exp(-S->decay_ctx * (S->now - k->t));
        }
        v = k->v * x->decayed;
    }
    if (!(gain_per_day == x->gain)) {
        x->gain = gain_per_day;
        x->kept = exp(-gain_per_day * days);
    }
    kv_set(S, k, 1.0 - (1.0 - v) * x->kept);
}

#define PRACTICE_BATCH 32         /* components probed ahead of their updates */

/* Practice on comps[0..n) (in that order) at gain_per_day[i] for days. The
 * home slots and list heads of all are asked for at once, then their map
 * slots are found and their list entries asked for at once, so the cache
 * misses overlap instead of following one another;
 * then each is learned as org__ctx_slot, kv_learn and org__ctx_changed
 * would, in the same order (the load factor read anew each time). */
static void practice_batch(sim *S, int e, const int *comps, const double *gain_per_day, int n, double days)
{
    eng *E = &S->engs[e];
    kslot *ms[PRACTICE_BATCH];
    org__know_flush(S);                 /* the load factor counts what is held now */
    for (int i = 0; i < n; i++) {       /* home slots and list heads: misses without a dependence */
        if (E->ctx.cap)
            org__prefetch(&E->ctx.e[comp_slot(&E->ctx, comps[i])]);
        org__prefetch(&S->knowers[comps[i]]);
    }
    for (int i = 0; i < n; i++) {
        int c = comps[i];
        kslot *m = ms[i] = E->ctx.cap ? map_probe(&E->ctx, c) : NULL;
        const klist *l = &S->knowers[c];
        if (m && m->comp == c)
            org__prefetch(&l->p[slot_at(m)]);
        else if (l->n < l->cap)         /* where it will go */
            org__prefetch(&l->p[l->n]);
    }
    /* The map grows (and only grows) when an insertion needs room: its
     * capacity, not its address, tells whether ms[] still points into it
     * (two growths could hand the first array's address back). */
    const int cap0 = E->ctx.cap;
    exp_memo memo = { NAN, 0.0, NAN, 0.0 };
    for (int i = 0; i < n; i++) {
        int c = comps[i];
        kslot *m = ms[i];
        if (E->ctx.cap != cap0 || (m && m->comp >= 0 && m->comp != c))
            m = map_probe(&E->ctx, c);  /* the map grew, or an insertion took the slot */
        if (!m || m->comp != c)
            m = slot_insert(S, e, c, m);
        if (!m)
            return;
        kent *k = &S->knowers[c].p[slot_at(m)];
        learn_cached(S, &k->k, gain_per_day[i] * org__load_factor(S, e), days, &memo);
        changed_at(S, e, c, k, m);
    }
}

/* Asks at once for what practice on the infrastructure of the service
 * whose first component is base reads: its components' flags and list
 * heads, engineer E's skills and the map slots where the service's
 * components live (their misses overlap instead of following one another). */
static void prefetch_service(const sim *S, const eng *E, int base)
{
    int nt = S->n_techs;
    const char *p = (const char *)&S->infra[base], *q = (const char *)&S->infra[base + nt];
    for (; p < q; p += 64)
        org__prefetch(p);
    org__prefetch(q - 1);
    for (p = (const char *)&S->knowers[base], q = (const char *)&S->knowers[base + nt]; p < q; p += 64)
        org__prefetch(p);
    org__prefetch(q - 1);
    for (p = (const char *)&E->skill[0], q = (const char *)&E->skill[nt]; p < q; p += 64)
        org__prefetch(p);
    org__prefetch(q - 1);
    if (E->ctx.cap) {
        unsigned mask = (unsigned)E->ctx.cap - 1, home = comp_slot(&E->ctx, base);
        for (unsigned i = 0; i < (unsigned)nt + 8; i += 8)
            org__prefetch(&E->ctx.e[(home + i) & mask]);
    }
}

void org__ctx_practice(sim *S, int e, int comp, double days)
{
    const org_knowledge *K = &S->s->knowledge;
    const eng *E = &S->engs[e];
    int comps[PRACTICE_BATCH], n = 1;
    double gain[PRACTICE_BATCH];
    comps[0] = comp;
    gain[0] = K->context_gain_per_day;
    if (S->infra[comp] && K->context_spillover > 0.0) {
        int base = (comp / S->n_techs) * S->n_techs;
        prefetch_service(S, E, base);
        for (int c = base; c < base + S->n_techs; c++) {
            if (c == comp || !S->infra[c] || !(E->skill[c - base].v > 0.0))
                continue;
            if (n == PRACTICE_BATCH) {
                practice_batch(S, e, comps, gain, n, days);
                n = 0;
            }
            comps[n] = c;
            gain[n++] = K->context_gain_per_day * K->context_spillover;
        }
    }
    practice_batch(S, e, comps, gain, n, days);
}

/* Forgets everything slot e held (a new person takes the slot). */
static void ctx_clear(sim *S, int e)
{
    eng *E = &S->engs[e];
    for (int i = 0; i < E->ctx.cap; i++) {
        kslot *m = &E->ctx.e[i];
        if (m->comp < 0)
            continue;
        /* Swap-remove from the component's list; the moved entry's owner
         * learns its new index. */
        klist *l = &S->knowers[m->comp];
        int last = --l->n, j = slot_at(m);
        if (j != last) {
            l->p[j] = l->p[last];
            kslot *o = map_find(&S->engs[klist_eng(l->p[j].who)], m->comp);
            o->idx = 2 * j + slot_armed(o);
        }
        m->comp = -1;
    }
    E->ctx.n = 0;
    E->ctx_base = 0;
    E->kgen++;
}

void org__know_leave(sim *S, int e)
{
    eng *E = &S->engs[e];
    for (int i = 0; i < E->ctx.cap; i++) {
        if (E->ctx.e[i].comp < 0)
            continue;
        kslot *m = &E->ctx.e[i];
        int c = m->comp;
        if (slot_armed(m)) {
            m->idx &= ~1;
            S->kcnt[c]--;
        }
        S->n_held[e] = 0;
        if (E->ctx_base && S->cen_known[c])
            S->base_over[c]--;
    }
    if (E->ctx_base)
        S->n_base_present--;
    E->kgen++;
}

/* Skill in the technologies the role runs (every stack's technologies) and
 * context: a product engineer on their own service, the central team on
 * every service's infrastructure (the base layer); a novice (a replacement)
 * gets capped skill and no context. The engineer must already be present. */
void org__know_hire(sim *S, int e, int novice)
{
    eng *E = &S->engs[e];
    const org_knowledge *K = &S->s->knowledge;
    int product = E->team != S->central;
    ctx_clear(S, e);
    int per = K->central_techs_per_engineer, nc = S->n_cen_techs;
    for (int k = 0; k < S->n_techs; k++) {
        double sk = S->skill_def[!product][k];
        /* A central engineer is hired for a few technologies, spread round
         * the team so that each is covered: the rest must be learned. */
        if (!product && per > 0 && per < nc && S->cen_rank[k] >= 0
            && ((S->cen_rank[k] - E->member * per) % nc + nc) % nc >= per)
            sk = 0.0;
        if (novice && sk > K->novice_skill)
            sk = K->novice_skill;
        kv_set(S, &E->skill[k], sk > 0.0 ? sk : 0.0);
    }
    if (novice)
        return;
    if (!product) {
        E->ctx_base = K->central_context > 0.0;
        S->n_base_present += E->ctx_base;
        return;
    }
    const org_team *ot = &S->s->teams[E->team];
    for (int j = 0; j < ot->n_services * ORG_TASK_KINDS; j++) {
        int v = ot->first_service + j / ORG_TASK_KINDS, k = j % ORG_TASK_KINDS;
        int tech = S->s->services[v].stack[k];
        if (tech < 0)
            continue;
        double cx = org_kind_is_product((org_kind)k) ? K->product_context_own : K->product_context_infra;
        int comp = v * S->n_techs + tech;
        kent *c = org__ctx_find(S, E, comp);
        if (cx > (c ? kv_get(S, &c->k, S->decay_ctx) : 0.0)) {
            c = org__ctx_slot(S, e, comp);
            if (!c)
                return;
            kv_set(S, &c->k, cx);
            org__ctx_changed(S, e, comp, c);
        }
    }
}

double org__load_factor(const sim *S, int e)
{
    double cap = S->s->knowledge.context_capacity;
    if (cap <= 0.0)
        return 1.0;
    double held = S->n_held[e];
    if (S->engs[e].ctx_base && S->cbase_below > S->now)
        held += S->n_cen_known;
    return cap / (cap + held);
}

int org__knowers(const sim *S, int comp)
{
    int n = S->kcnt[comp];
    if (S->cen_known[comp] && S->cbase_below > S->now)
        n += S->n_base_present - S->base_over[comp];
    return n;
}

double org__ctx_max(sim *S, int team, int comp)
{
    double best = 0.0;
    if (!S->idx[team]) {
        for (int i = 0; i < S->n_members[team]; i++) {     /* the members' home slots at once */
            const eng *E = &S->engs[S->members[team][i]];
            if (E->ctx.cap)
                org__prefetch(&E->ctx.e[comp_slot(&E->ctx, comp)]);
        }
        for (int i = 0; i < S->n_members[team]; i++) {
            eng *E = &S->engs[S->members[team][i]];
            if (E->present) {
                double c = org__ctx_of(S, E, comp);
                if (c > best)
                    best = c;
            }
        }
        return best;
    }
    /* A large team: only those holding an explicit entry can differ from
     * the base layer. An entry whose key is below the best's by more than
     * KEY_SLACK has a smaller value whatever the rounding; the others are
     * evaluated (the maximum does not depend on the order). */
    const klist *kn = &S->knowers[comp];
    int central = team == S->central;
    double best_key = -(double)INFINITY;
    for (int i = 0; i < kn->n; i++) {
        if (kn->p[i].key < best_key - KEY_SLACK)
            continue;
        int w = kn->p[i].who;
        if ((w >= 0) != central || !S->present_flag[klist_eng(w)])
            continue;
        const kent *x = &kn->p[i];
        if (x->key > best_key)
            best_key = x->key;
        double c = kv_get(S, &x->k, S->decay_ctx);
        if (c > best)
            best = c;
    }
    if (central && S->cen_known[comp] && S->n_base_present - S->base_over[comp] > 0) {
        double c = kv_get(S, &S->cbase, S->decay_ctx);
        if (c > best)
            best = c;
    }
    return best;
}

int org__known_active(sim *S, int i, int *out)
{
    const eng *E = &S->engs[i];
    int n = 0;
    if (!E->present)
        return 0;
    int base = E->ctx_base && S->cbase_below > S->now;
    if (!S->kmark && !(S->kmark = calloc((size_t)(S->n_comps ? S->n_comps : 1), 1))) {
        S->fail = 1;
        return 0;
    }
    /* The explicit entries above the threshold: after a flush an entry is
     * armed exactly when it is (values only rise while armed). With the
     * base layer above the threshold, also every component the base layer
     * covers and no entry overrides (marked while the entries are read,
     * unmarked after). */
    for (int j = 0; j < E->ctx.cap; j++) {
        const kslot *m = &E->ctx.e[j];
        if (m->comp < 0)
            continue;
        if (S->active[m->comp] && slot_armed(m))
            out[n++] = m->comp;
        if (base)
            S->kmark[m->comp] |= 1;
    }
    if (base)
        for (int j = 0; j < S->n_cen_known; j++) {
            int c = S->cen_list[j];
            if (S->active[c] && !S->kmark[c])
                out[n++] = c;
        }
    if (base)
        for (int j = 0; j < E->ctx.cap; j++)
            if (E->ctx.e[j].comp >= 0)
                S->kmark[E->ctx.e[j].comp] = 0;
    return n;
}

/* ------------------------------------------------------------ set-up */

int org__know_init(sim *S)
{
    const org_scenario *s = S->s;
    const org_knowledge *K = &s->knowledge;
    size_t nc = (size_t)(S->n_comps ? S->n_comps : 1), nt = (size_t)(S->n_techs ? S->n_techs : 1);
    S->skill_def[0] = calloc(nt, sizeof(double));
    S->skill_def[1] = calloc(nt, sizeof(double));
    S->cen_known = calloc(nc, sizeof(int));
    S->base_over = calloc(nc, sizeof(int));
    S->kcnt = calloc(nc, sizeof(int));
    S->knowers = calloc(nc, sizeof(klist));
    S->cen_rank = malloc(nt * sizeof(int));
    S->n_held = calloc((size_t)(S->n_engs ? S->n_engs : 1), sizeof(int));
    if (!S->skill_def[0] || !S->skill_def[1] || !S->cen_known || !S->base_over || !S->kcnt || !S->knowers
        || !S->cen_rank || !S->n_held)
        return -1;
    /* A hire's skill in a technology is the largest its role gets from any
     * stack that uses it: product engineers product_skill_app for product
     * kinds, product_skill_infra otherwise; central engineers central_skill
     * for infrastructure kinds. */
    for (int v = 0; v < S->n_svcs; v++)
        for (int k = 0; k < ORG_TASK_KINDS; k++) {
            int tech = s->services[v].stack[k];
            if (tech < 0)
                continue;
            int app = org_kind_is_product((org_kind)k);
            double sp = app ? K->product_skill_app : K->product_skill_infra, sc = app ? 0.0 : K->central_skill;
            if (sp > S->skill_def[0][tech])
                S->skill_def[0][tech] = sp;
            if (sc > S->skill_def[1][tech])
                S->skill_def[1][tech] = sc;
            if (!app)
                S->cen_known[v * S->n_techs + tech] = 1;
        }
    S->n_cen_techs = 0;
    for (int k = 0; k < S->n_techs; k++)
        S->cen_rank[k] = S->skill_def[1][k] > 0.0 ? S->n_cen_techs++ : -1;
    /* Cognitive load: context given on more components than the capacity
     * is spread thinner (capacity / components of each). */
    int n_known = 0;
    S->cen_list = malloc(nc * sizeof(int));
    if (!S->cen_list)
        return -1;
    for (size_t c = 0; c < nc; c++)
        if (S->cen_known[c])
            S->cen_list[n_known++] = (int)c;
    S->n_cen_known = n_known;
    double base = K->central_context > 0.0 ? K->central_context : 0.0;
    if (K->context_capacity > 0.0 && n_known > K->context_capacity)
        base *= K->context_capacity / n_known;
    double now = S->now;
    S->now = 0.0;
    kv_set(S, &S->cbase, base);
    S->cbase_key = org__ctx_key(S, &S->cbase);
    S->cbase_below = kv_below(S, &S->cbase, S->decay_ctx);
    S->now = now;
    return 0;
}

void org__know_free(sim *S)
{
    free(S->skill_def[0]);
    free(S->skill_def[1]);
    free(S->cen_known);
    free(S->cen_list);
    free(S->base_over);
    free(S->kcnt);
    free(S->cen_rank);
    free(S->n_held);
    if (S->knowers)
        for (int c = 0; c < S->n_comps; c++) {
            free(S->knowers[c].p);
        }
    free(S->knowers);
    free(S->xh);
    free(S->kmark);
    if (S->engs)
        for (int i = 0; i < S->n_engs; i++)
            free(S->engs[i].ctx.e);
}
