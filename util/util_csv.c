/* util_csv — text cells of the CSVs the tool writes (see util_csv.h). */
#include "util/util_csv.h"

#include <stdarg.h>
#include <string.h>

static void put(util_buf *b, const char *s, size_t n)
{
    if (!b->err && util_buf_put(b, s, n) != 0)
        b->err = 1;
}

int util_csv_risky(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r'", s[0]) != NULL;
}

void util_csv_field(util_buf *b, const char *s)
{
    int risky = util_csv_risky(s);
    if (!risky && !strpbrk(s, ",\"\n\r")) {
        put(b, s, strlen(s));
        return;
    }
    put(b, risky ? "\"'" : "\"", risky ? 2 : 1);
    for (const char *p = s; *p; p++) {
        const char *q = strchr(p, '"');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        put(b, p, n);
        if (!q)
            break;
        put(b, "\"\"", 2);
        p = q;
    }
    put(b, "\"", 1);
}

void util_csv_fput(FILE *fp, const char *s)
{
    if (!util_csv_risky(s) && !strpbrk(s, ",\"\n\r")) {
        fputs(s, fp);
        return;
    }
    util_buf b = { 0 };
    util_csv_field(&b, s);
    fputs(util_buf_str(&b), fp);
    util_buf_free(&b);
}

void util_csv_fput_cells(FILE *fp, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        util_csv_fput(fp, va_arg(ap, const char *));
        fputc(',', fp);
    }
    va_end(ap);
}
