/* charts_csv — reading the CSV files a run writes beside its results (see
 * charts_csv.h): quoted cells, a header looked up by name, strict numbers. */
#include "report/charts_csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int charts_csv_header(char *const *f, int n, const char *const *need, int n_need, int *col, int *maxc,
                      const char *file, char *why, size_t why_len)
{
    *maxc = 0;
    for (int k = 0; k < n_need; k++) {
        col[k] = -1;
        for (int j = 0; j < n; j++)
            if (!strcmp(f[j], need[k]))
                col[k] = j;
        if (col[k] < 0) {
            snprintf(why, why_len, "%s: the header has no column '%s'", file, need[k]);
            return 1;
        }
        *maxc = col[k] > *maxc ? col[k] : *maxc;
    }
    return 0;
}

int charts_csv_name_index(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], s))
            return i;
    return -1;
}

int charts_csv_split_quoted(char *line, char **f, int max)
{
    int n = 0;
    char *r = line, *w = line;
    for (;;) {
        if (n == max)
            return -1;
        f[n++] = w;
        int quoted = *r == '"';
        if (quoted) {
            r++;
            for (; *r; r++) {
                if (*r == '"' && r[1] == '"')
                    *w++ = *r++;
                else if (*r == '"')
                    break;
                else
                    *w++ = *r;
            }
            if (*r == '"')
                r++;
            if (f[n - 1][0] == '\'' && w > f[n - 1])   /* util_csv's formula guard */
                memmove(f[n - 1], f[n - 1] + 1, (size_t)(--w - f[n - 1]));
        }
        while (*r && *r != ',')
            *w++ = *r++;
        int more = *r == ',';
        *w++ = '\0';
        if (!more)
            return n;
        r++;
    }
}

int charts_csv_has_column(const char *text, const char *name)
{
    size_t len = strcspn(text, "\r\n");
    char *line = malloc(len + 1), *f[CHARTS_CSV_MAXF];
    if (!line)
        return 0;
    memcpy(line, text, len);
    line[len] = '\0';
    int n = charts_csv_split_quoted(line, f, CHARTS_CSV_MAXF), found = 0;
    for (int i = 0; i < n && !found; i++)
        found = !strcmp(f[i], name);
    free(line);
    return found;
}

int charts_csv_each(char *text, const char *file, const char *const *need, int n_need, int *col,
                    charts_csv_row_fn fn, void *ctx, char *why, size_t why_len)
{
    char *save = NULL, *f[CHARTS_CSV_MAXF];
    int line_no = 0, maxc = 0;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t L = strlen(line);
        if (L && line[L - 1] == '\r')
            line[L - 1] = '\0';
        int n = charts_csv_split_quoted(line, f, CHARTS_CSV_MAXF);
        if (++line_no == 1) {
            if (charts_csv_header(f, n, need, n_need, col, &maxc, file, why, why_len) != 0)
                return -1;
            continue;
        }
        if (n <= maxc) {
            snprintf(why, why_len, "%s:%d: %d fields, expected %d", file, line_no, n, maxc + 1);
            return -1;
        }
        if (fn(ctx, f, n, col, line_no, why, why_len) != 0)
            return -1;
    }
    if (line_no == 0) {
        snprintf(why, why_len, "%s: empty", file);
        return -1;
    }
    return 0;
}

int charts_csv_cell(const char *s, double *v)
{
    if (!*s) {
        *v = (double)NAN;
        return 0;
    }
    if (!strcmp(s, "not_within_horizon")) {
        *v = -1.0;
        return 0;
    }
    char *end;
    *v = strtod(s, &end);
    return *end || !(isfinite(*v)) ? -1 : 0;
}

