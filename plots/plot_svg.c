/* plot_svg — renumbers cairo's SVG ids in order of first appearance (see
 * plot_svg.h). A single pass over the text with a small open-addressing map. */
#include "plots/plot_svg.h"
#include "plots/plot.h"
#include "util/util_buf.h"
#include "util/util_hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Appends n bytes of s to b (kept NUL-terminated); PLOT_OK or PLOT_ENOMEM. */
static int put(util_buf *b, const char *s, size_t n)
{
    return util_buf_put(b, s, n) == 0 ? PLOT_OK : PLOT_ENOMEM;
}

typedef struct entry {
    const char *old; /* points into the input */
    size_t old_len;
    char neu[48];
} entry;

typedef struct prefix_count {
    char prefix[32];
    unsigned count;
} prefix_count;

typedef struct idmap {
    entry *slots;
    size_t cap, used;
    prefix_count *prefixes;
    size_t n_prefixes, cap_prefixes;
} idmap;

static uint64_t hash(const char *s, size_t n)
{
    return util_hash64(s, n, UTIL_HASH_SEED);
}

static int map_grow(idmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    entry *s = calloc(cap, sizeof *s);
    if (!s)
        return PLOT_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].old)
            continue;
        size_t j = (size_t)(hash(m->slots[i].old, m->slots[i].old_len) & (cap - 1));
        while (s[j].old)
            j = (j + 1) & (cap - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
    return PLOT_OK;
}

/* Split id into a prefix (no digits) and a tail of digits and '-' that starts
 * with a digit; 0 when the id has no such form. */
static size_t numbered_prefix(const char *id, size_t n)
{
    size_t p = 0;
    while (p < n && !(id[p] >= '0' && id[p] <= '9'))
        p++;
    if (p == 0 || p == n || p >= sizeof ((prefix_count *)0)->prefix)
        return 0;
    for (size_t i = p; i < n; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
            return 0;
    return p;
}

/* The new name for id (assigned on first sight), or NULL to keep it. */
static const char *lookup(idmap *m, const char *id, size_t n, int *err)
{
    size_t p = numbered_prefix(id, n);
    if (!p)
        return NULL;
    if ((m->used + 1) * 2 > m->cap && map_grow(m)) {
        *err = PLOT_ENOMEM;
        return NULL;
    }
    size_t j = (size_t)(hash(id, n) & (m->cap - 1));
    while (m->slots[j].old) {
        if (m->slots[j].old_len == n && memcmp(m->slots[j].old, id, n) == 0)
            return m->slots[j].neu;
        j = (j + 1) & (m->cap - 1);
    }
    size_t k = 0;
    while (k < m->n_prefixes && !(strlen(m->prefixes[k].prefix) == p &&
                                  memcmp(m->prefixes[k].prefix, id, p) == 0))
        k++;
    if (k == m->n_prefixes) {
        if (util_grow(&m->prefixes, &m->cap_prefixes, m->n_prefixes + 1, sizeof *m->prefixes, 16) != 0) {
            *err = PLOT_ENOMEM;
            return NULL;
        }
        memcpy(m->prefixes[k].prefix, id, p);
        m->prefixes[k].prefix[p] = '\0';
        m->prefixes[k].count = 0;
        m->n_prefixes++;
    }
    entry *e = &m->slots[j];
    e->old = id;
    e->old_len = n;
    unsigned num = ++m->prefixes[k].count;
    /* prefix (< 32 bytes) + up to 10 digits fits in 48 */
    memcpy(e->neu, id, p);
    char digits[16];
    size_t nd = 0;
    do {
        digits[nd++] = (char)('0' + num % 10);
        num /= 10;
    } while (num);
    for (size_t i = 0; i < nd; i++)
        e->neu[p + i] = digits[nd - 1 - i];
    e->neu[p + nd] = '\0';
    m->used++;
    return e->neu;
}

int plot_svg_renumber_ids(const char *svg, size_t n, char **out, size_t *out_len)
{
    if (!svg || !out || !out_len)
        return PLOT_EINVAL;
    *out = NULL;
    *out_len = 0;
    util_buf b = { 0 };
    idmap m = { 0 };
    int err = PLOT_OK;
    size_t i = 0, copied = 0;
    static const struct {
        const char *open;
        char close;
    } pats[] = { { " id=\"", '"' }, { "\nid=\"", '"' }, { "url(#", ')' }, { "href=\"#", '"' } };
    while (i < n && !err) {
        int hit = -1;
        if (svg[i] == ' ' || svg[i] == '\n' || svg[i] == 'u' || svg[i] == 'h') {
            for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
                size_t L = strlen(pats[k].open);
                if (i + L <= n && memcmp(svg + i, pats[k].open, L) == 0) {
                    hit = (int)k;
                    break;
                }
            }
        }
        if (hit < 0) {
            i++;
            continue;
        }
        size_t start = i + strlen(pats[hit].open), end = start;
        while (end < n && svg[end] != pats[hit].close && svg[end] != '"' && svg[end] != '<')
            end++;
        const char *neu = lookup(&m, svg + start, end - start, &err);
        if (neu) {
            if ((err = put(&b, svg + copied, start - copied)) != 0)
                break;
            if ((err = put(&b, neu, strlen(neu))) != 0)
                break;
            copied = end;
        }
        i = end;
    }
    if (!err)
        err = put(&b, svg + copied, n - copied);
    free(m.slots);
    free(m.prefixes);
    if (err) {
        free(b.p);
        return err;
    }
    *out = (char *)b.p;
    *out_len = b.n;
    return PLOT_OK;
}
