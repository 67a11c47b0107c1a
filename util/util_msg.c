/* util_msg — "devopsim: message" on stderr; text for a terminal with its
 * control characters escaped (see util_msg.h). */
#include "util/util_msg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void util_term_escape(util_buf *b, const char *s, int keep_newline)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; ; i++) {
        unsigned c = p[i];
        /* C0, DEL, and C1 as UTF-8 (0xC2 0x80..0x9F), which some terminals obey. */
        int ctl = c != '\0' && ((c < 0x20 && !(keep_newline && (c == '\n' || c == '\t'))) || c == 0x7f
                                || (c == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f));
        if (c != '\0' && !ctl) {
            run++;
            continue;
        }
        if (run && util_buf_put(b, p + i - run, run) != 0)
            b->err = 1;
        run = 0;
        if (c == '\0')
            break;
        if (c == 0xc2)
            util_buf_add(b, "\\u%04x", p[++i]);
        else
            util_buf_add(b, "\\x%02x", c);
    }
}

void util_error(const char *fmt, ...)
{
    char small[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    char *text = small;
    if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    } else if (n >= (int)sizeof small) {
        text = small;
    }
    /* Names and values in a message can come from a file: never let them
     * drive the terminal. */
    util_buf b = { 0 };
    util_term_escape(&b, n < 0 ? fmt : text, 1);
    fputs("devopsim: ", stderr);
    fputs(b.err ? "(out of memory)" : util_buf_str(&b), stderr);
    fputc('\n', stderr);
    util_buf_free(&b);
    if (text != small)
        free(text);
}

const char *util_fmt_whole(double v, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    double r = round(v);    /* once, halves away from zero: -0.5 is -1, 2.5 is 3 */
    char digits[400];       /* %.0f of the largest double has 309 digits */
    int len = snprintf(digits, sizeof digits, "%.0f", fabs(r));
    size_t k = 0;
    if (r < 0 && k + 1 < n)
        buf[k++] = '-';
    for (int i = 0; i < len && k + 1 < n; i++) {
        buf[k++] = digits[i];
        if ((len - 1 - i) % 3 == 0 && i < len - 1 && k + 1 < n)
            buf[k++] = ',';
    }
    buf[k] = '\0';
    return buf;
}

size_t util_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}
