/* plot_xml — hand-written XML with correct escaping (see plot_xml.h). */
#include "plots/plot_xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for len more bytes plus the NUL; 0 or -1 (and failed set). */
static int reserve(plot_xml *x, size_t len)
{
    if (x->failed)
        return -1;
    if (x->n + len + 1 <= x->cap)
        return 0;
    size_t cap = x->cap ? x->cap : 4096;
    while (x->n + len + 1 > cap) {
        if (cap > ((size_t)-1) / 2) {
            x->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(x->p, cap);
    if (!p) {
        x->failed = 1;
        return -1;
    }
    x->p = p;
    x->cap = cap;
    return 0;
}

static void append(plot_xml *x, const char *s, size_t len)
{
    if (reserve(x, len) != 0)
        return;
    memcpy(x->p + x->n, s, len);
    x->n += len;
    x->p[x->n] = '\0';
}

void plot_xml_raw(plot_xml *x, const char *s)
{
    if (s)
        append(x, s, strlen(s));
}

void plot_xml_printf(plot_xml *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        x->failed = 1;
        return;
    }
    if (reserve(x, (size_t)len) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(x->p + x->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    x->n += (size_t)len;
}

/* Decodes one UTF-8 sequence at s[0..len); returns its length (1..4) and the
 * code point in *cp, or 0 for an invalid, overlong or truncated sequence. */
static size_t utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
    unsigned char c = s[0];
    size_t need;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        need = 2; v = c & 0x1Fu; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 3; v = c & 0x0Fu; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 4; v = c & 0x07u; min = 0x10000;
    } else {
        return 0;
    }
    if (need > len)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return need;
}

/* XML 1.0's Char production. */
static int xml_char_ok(unsigned long cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

void plot_xml_text_n(plot_xml *x, const char *s, size_t len)
{
    if (!s)
        return;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t k = utf8_decode(u + i, len - i, &cp);
        if (k == 0 || !xml_char_ok(cp)) {
            append(x, "\xEF\xBF\xBD", 3); /* U+FFFD */
            i += k ? k : 1;
            continue;
        }
        switch (cp) {
        case '&': append(x, "&amp;", 5); break;
        case '<': append(x, "&lt;", 4); break;
        case '>': append(x, "&gt;", 4); break;
        case '"': append(x, "&quot;", 6); break;
        case '\'': append(x, "&apos;", 6); break;
        default: append(x, s + i, k); break;
        }
        i += k;
    }
}

void plot_xml_text(plot_xml *x, const char *s)
{
    if (s)
        plot_xml_text_n(x, s, strlen(s));
}

char *plot_xml_take(plot_xml *x, size_t *len)
{
    if (x->failed) {
        plot_xml_free(x);
        return NULL;
    }
    if (reserve(x, 0) != 0) { /* an empty buffer still gets its NUL */
        plot_xml_free(x);
        return NULL;
    }
    x->p[x->n] = '\0';
    char *p = x->p;
    if (len)
        *len = x->n;
    x->p = NULL;
    x->n = x->cap = 0;
    return p;
}

void plot_xml_free(plot_xml *x)
{
    free(x->p);
    x->p = NULL;
    x->n = x->cap = 0;
    x->failed = 0;
}
