/* util_msg — the one way devopsim reports a problem to a person:
 * "devopsim: message" on stderr. Used by every layer above util/ that
 * prints its own failures (files it cannot write, memory that ran out). */
#ifndef UTIL_MSG_H
#define UTIL_MSG_H

/* Prints "devopsim: <message>\n" to stderr (printf-style). */
void util_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
