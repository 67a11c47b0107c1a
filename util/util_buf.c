/* util_buf — the growable buffer and the grow helper (see util_buf.h). */
#include "util/util_buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int util_grow(void *v, size_t *cap, size_t need, size_t elem, size_t min)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : (min ? min : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (elem && c > SIZE_MAX / elem)
        return -1;
    /* v is the address of some T *: read and write it through memcpy, not
     * through a void ** (which would break the aliasing rules). POSIX
     * guarantees every object pointer has void *'s representation. */
    void *old;
    memcpy(&old, v, sizeof old);
    void *p = realloc(old, c * elem);
    if (!p)
        return -1;
    memcpy(v, &p, sizeof p);
    *cap = c;
    return 0;
}

int util_buf_reserve(util_buf *b, size_t len)
{
    if (len > SIZE_MAX - b->n - 1)
        return -1;
    return util_grow(&b->p, &b->cap, b->n + len + 1, 1, 4096);
}

int util_buf_put(util_buf *b, const void *data, size_t len)
{
    if (util_buf_reserve(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->p + b->n, data, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

void util_buf_vadd(util_buf *b, const char *fmt, va_list ap)
{
    if (b->err)
        return;
    va_list aq;
    va_copy(aq, ap);
    int k = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (k < 0 || util_buf_reserve(b, (size_t)k) != 0) {
        b->err = 1;
        return;
    }
    vsnprintf((char *)b->p + b->n, (size_t)k + 1, fmt, ap);
    b->n += (size_t)k;
}

void util_buf_add(util_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    util_buf_vadd(b, fmt, ap);
    va_end(ap);
}

const char *util_buf_str(const util_buf *b)
{
    return b->p ? (const char *)b->p : "";
}

void util_buf_free(util_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
    b->err = 0;
}
