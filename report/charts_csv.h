/* charts_csv — reading the CSV files a run writes beside its results for
 * the deck's later pages (charts/transition.csv, payback.csv,
 * robustness.csv, uncertainty.csv): RFC 4180 cells, the header's columns
 * found by name, numbers read strictly. Pure functions over text. */
#ifndef CHARTS_CSV_H
#define CHARTS_CSV_H

#include <stddef.h>

#define CHARTS_CSV_MAXF 20   /* fields a row may have */

/* Splits one CSV line in place into f[max] (RFC 4180 quoting: "a, b" and
 * doubled quotes; a quoted cell util_csv neutralised with a leading ' gets
 * it taken off). The field count, or -1 when there are more than max. */
int charts_csv_split_quoted(char *line, char **f, int max);

/* The columns need[0..n_need) in a CSV header f[0..n) into col[], the
 * largest into *maxc: 0, or 1 with the first missing one in why. */
int charts_csv_header(char *const *f, int n, const char *const *need, int n_need, int *col, int *maxc,
                      const char *file, char *why, size_t why_len);

/* The index of s among names[0..n), or -1. */
int charts_csv_name_index(const char *const *names, int n, const char *s);

/* Whether the header (first line) of CSV text has a column called name: for
 * a column only newer files have. */
int charts_csv_has_column(const char *text, const char *name);

/* Called for each row after the header: its fields f[n] and the header's
 * columns col[] (need[] of charts_csv_each, in order). 0 to go on, -1 to
 * stop (reason in why). */
typedef int (*charts_csv_row_fn)(void *ctx, char **f, int n, const int *col, int line_no, char *why,
                                 size_t why_len);

/* The lines of text (modified in place; '\r' dropped) split into cells:
 * the header's columns need[n_need] looked up into col[], then fn for each
 * row. 0, or -1 with the reason in why (file names the text): a missing
 * column, a short row, an empty text, or fn's. */
int charts_csv_each(char *text, const char *file, const char *const *need, int n_need, int *col,
                    charts_csv_row_fn fn, void *ctx, char *why, size_t why_len);

/* A number cell into *v: empty → NAN, "not_within_horizon" → -1, else a
 * finite number written whole. 0, or -1 when it is not one. */
int charts_csv_cell(const char *s, double *v);

#endif
