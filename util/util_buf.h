/* util_buf — the project's one growable buffer and one grow helper (after
 * Lua's luaM_growvector): capacity doubles, so appending n bytes one piece
 * at a time costs O(n). The buffer keeps a NUL after its bytes, so it is a
 * string builder too.
 *
 * Ownership: a util_buf owns p; util_buf_free releases it (a zeroed
 * util_buf is empty and valid). util_buf_take hands p to the caller. */
#ifndef UTIL_BUF_H
#define UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* v is the address of a T * (T of size elem), e.g. util_grow(&a->items,
 * &a->cap, a->n + 1, sizeof *a->items, 16).
 * Makes room for at least need elements of size elem in *v (capacity *cap,
 * first allocation at least min elements), doubling. 0, or -1 when memory
 * ran out or the size overflows (then *v and *cap are unchanged). */
int util_grow(void *v, size_t *cap, size_t need, size_t elem, size_t min);

typedef struct util_buf {
    unsigned char *p;   /* n bytes, then a NUL (p is NULL while empty) */
    size_t n, cap;
    int err;            /* 1 once memory ran out in a util_buf_add* call */
} util_buf;

/* Makes room for len more bytes (and the NUL); 0 or -1 when memory ran out. */
int util_buf_reserve(util_buf *b, size_t len);
/* Appends len bytes; 0 or -1 when memory ran out. */
int util_buf_put(util_buf *b, const void *data, size_t len);
/* Appends formatted text; on failure sets b->err (checked once at the end). */
void util_buf_add(util_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void util_buf_vadd(util_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The text so far ("" while empty). */
const char *util_buf_str(const util_buf *b);
void util_buf_free(util_buf *b);

#endif
