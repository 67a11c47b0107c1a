/* util_msg — "devopsim: message" on stderr (see util_msg.h). */
#include "util/util_msg.h"

#include <stdarg.h>
#include <stdio.h>

void util_error(const char *fmt, ...)
{
    va_list ap;
    fputs("devopsim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
