/* util_msg — "devopsim: message" on stderr; text for a terminal with its
 * control characters escaped (see util_msg.h). */
#include "util/util_msg.h"

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
