/* plot_svg — makes cairo's SVG output reproducible. cairo numbers the ids it
 * writes (surfaceN, glyphF-G, clipN, maskN, patternN, imageN, linearN, ...)
 * partly from process-wide counters, so the same chart drawn twice gets other
 * ids. This renumbers every such id, per prefix, in order of first
 * appearance, together with its references (url(#id), href="#id"). */
#ifndef PLOT_SVG_H
#define PLOT_SVG_H

#include <stddef.h>

/* Rewrites svg[0..n) into a new malloc'd, NUL-terminated buffer *out (of
 * length *out_len; the caller frees it). Ids made of a non-digit prefix and
 * digits/hyphens ("glyph0-3") become prefix + 1, 2, 3 ... ("glyph1"); other ids
 * are kept. Returns 0, PLOT_EINVAL or PLOT_ENOMEM. */
int plot_svg_renumber_ids(const char *svg, size_t n, char **out, size_t *out_len);

#endif
