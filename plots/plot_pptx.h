/* plot_pptx — writes a slide deck as native PowerPoint (Office Open XML
 * PresentationML, 16:9, 13.33 x 7.5 in): one title per slide, a picture
 * (PNG) fitted below it or a list of bullet lines, and speaker notes. The
 * package holds only the parts every reader needs (content types, package and
 * part relationships, presentation, one slide master, one "Title Only"
 * layout, a theme, the slides, a notes master and notes slides when any slide
 * has notes, docProps core and app), in a fixed order.
 *
 * Reproducible: every zip entry carries the same timestamp and the document
 * properties the same dates, taken from the caller (plot_export_epoch in
 * plot_out.h gives SOURCE_DATE_EPOCH or a fixed date), so equal input gives
 * equal bytes.
 *
 * Errors: 0 or a negative PLOT_E* status, with a one-line message naming the
 * file (and slide) in err[err_len] when err is not NULL. Nothing here keeps
 * state; calls may run on threads side by side. */
#ifndef PLOT_PPTX_H
#define PLOT_PPTX_H

#include <stddef.h>

/* One slide: a title and either a picture or bullets (not both), with or
 * without notes. Strings are UTF-8 and may hold anything (they are escaped). */
typedef struct plot_pptx_slide {
    const char *title;         /* required */
    const unsigned char *png;  /* picture bytes (a PNG file image), or NULL */
    size_t png_len;
    const char *png_path;      /* or a PNG file to read when png is NULL; NULL = none */
    const char *bullets;       /* text slide: one paragraph per line ('\n'), by its prefix:
                                  "# " a heading (bold, no bullet), "> " plain text, "- " or
                                  anything else a bullet (the prefixes are not shown); NULL = none */
    const char *notes;         /* speaker notes, one paragraph per line; NULL = none */
} plot_pptx_slide;

/* Document properties (docProps/core.xml). Strings may be NULL. */
typedef struct plot_pptx_info {
    const char *title;
    const char *author;      /* dc:creator and cp:lastModifiedBy */
    const char *application; /* docProps/app.xml Application, e.g. "devopsim 0.1.0" */
    long long epoch_s;       /* zip entry times and document dates (plot_export_epoch) */
} plot_pptx_info;

/* The deck as a .pptx file image in *out (malloc'd, caller frees), *out_len bytes. */
int plot_pptx_render(const plot_pptx_info *info, const plot_pptx_slide *slides, size_t n_slides,
                     unsigned char **out, size_t *out_len, char *err, size_t err_len);

/* Renders the deck and writes it to path atomically (plot_file_write_atomic). */
int plot_pptx_write(const char *path, const plot_pptx_info *info, const plot_pptx_slide *slides,
                    size_t n_slides, char *err, size_t err_len);

#endif
