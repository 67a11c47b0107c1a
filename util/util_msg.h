/* util_msg — the one way devopsim reports a problem to a person:
 * "devopsim: message" on stderr. Used by every layer above util/ that
 * prints its own failures (files it cannot write, memory that ran out). */
#ifndef UTIL_MSG_H
#define UTIL_MSG_H

#include "util/util_buf.h"

/* Appends s to b with every control character (C0 but newline and tab when
 * keep_newline, DEL, C1 in UTF-8) written as \xNN or \u00NN, so that text
 * from a file (a trace, a results file) cannot move the cursor, recolour or
 * retitle a terminal. Errors set b->err. */
void util_term_escape(util_buf *b, const char *s, int keep_newline);

/* Prints "devopsim: <message>\n" to stderr (printf-style), its
 * control characters escaped (util_term_escape, newlines kept). */
void util_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* v rounded to a whole number (halves away from zero) with thousands
 * separators, for people to read ("4,320", "-12", "1,364"); "n/a" when v is
 * not finite. A buf shorter than the text cuts it (32 bytes hold any
 * headcount). Returns buf. */
const char *util_fmt_whole(double v, char *buf, size_t n);

/* Characters (UTF-8 code points: continuation bytes not counted) of s, the
 * width a table gives text; 0 for NULL. */
size_t util_utf8_chars(const char *s);

#endif
