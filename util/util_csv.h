/* util_csv — the one way a text cell enters a CSV the tool writes: quoted
 * when it holds a comma, quote or line break (RFC 4180), and neutralised
 * against formula injection when it begins with '=', '+', '-', '@', a tab
 * or a carriage return (OWASP's rule): such a cell gets a leading single
 * quote and is always quoted, so a spreadsheet shows it as text. A cell that
 * begins with a single quote is prefixed the same way, so that the rule can
 * be undone without doubt (util_csv_unescape). Numbers are not text cells:
 * write them as they are (a negative number stays a number). */
#ifndef UTIL_CSV_H
#define UTIL_CSV_H

#include <stdio.h>
#include "util/util_buf.h"

/* 1 when s must be prefixed with a single quote (see above). */
int util_csv_risky(const char *s);
/* Appends the cell s to b (errors set b->err). */
void util_csv_field(util_buf *b, const char *s);
/* Writes the cell s to fp. */
void util_csv_fput(FILE *fp, const char *s);
/* Writes n text cells (const char *), each followed by a comma: the text
 * columns that begin a row. */
void util_csv_fput_cells(FILE *fp, int n, ...);

#endif
