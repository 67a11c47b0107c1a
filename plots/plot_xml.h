/* plot_xml — a growable text buffer for writing XML by hand: raw markup,
 * printf-formatted markup, and escaped character data / attribute values
 * (& < > " ' escaped; invalid UTF-8 and characters XML 1.0 forbids replaced
 * by U+FFFD, so any input gives a well-formed document).
 *
 * Ownership: the buffer owns its bytes; plot_xml_take hands them to the
 * caller (free with free()), plot_xml_free discards them. After a failed
 * allocation the buffer remembers it (failed = 1) and ignores further writes. */
#ifndef PLOT_XML_H
#define PLOT_XML_H

#include <stddef.h>

typedef struct plot_xml {
    char *p;      /* NUL-terminated text, or NULL while empty */
    size_t n;     /* bytes written */
    size_t cap;   /* bytes allocated */
    int failed;   /* 1 after running out of memory */
} plot_xml;

/* Appends markup as it is (no escaping). */
void plot_xml_raw(plot_xml *x, const char *s);
/* Appends printf-formatted markup (arguments are not escaped). */
void plot_xml_printf(plot_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s (UTF-8) escaped for use as character data or inside a quoted
 * attribute value. NULL appends nothing. */
void plot_xml_text(plot_xml *x, const char *s);
/* Same for the first len bytes of s. */
void plot_xml_text_n(plot_xml *x, const char *s, size_t len);
/* The text (caller frees) and its length in *len; NULL when the buffer
 * failed (the buffer is freed either way and left empty). */
char *plot_xml_take(plot_xml *x, size_t *len);
/* Frees the text and empties the buffer. */
void plot_xml_free(plot_xml *x);

#endif
