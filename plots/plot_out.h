/* plot_out — turns a draw callback into files: PNG (pixels), SVG and PDF, and
 * multi-page PDF decks. Every file is written atomically (rendered in memory,
 * written to "PATH.tmp.<pid>.<n>", synced, renamed over PATH; the temporary
 * is removed on failure), and SVG and PDF bytes are reproducible: the same
 * drawing gives the same bytes whatever else the process draws, in any order,
 * on any thread (SVG ids renumbered, PDF dates taken from the caller).
 *
 * Errors: functions return 0 or a negative PLOT_E* status and, when err is
 * not NULL, write a one-line message naming the file into err[err_len]. */
#ifndef PLOT_OUT_H
#define PLOT_OUT_H

#include <stddef.h>
#include "plots/plot.h"

/* Document metadata for PDF files and decks. Any field may be NULL. */
typedef struct plot_doc_info {
    const char *title;    /* PDF /Title */
    const char *author;   /* PDF /Author */
    const char *subject;  /* PDF /Subject */
    const char *creator;  /* PDF /Creator, e.g. "devopsim 0.1.0" */
    const char *date_iso; /* creation and modification date, ISO 8601
                             ("2024-05-01T12:00:00Z"); NULL = 1970-01-01T00:00:00Z.
                             Pass SOURCE_DATE_EPOCH or the run's provenance date. */
} plot_doc_info;

/* Writes a printf-formatted one-line message into err[err_len] (nothing
 * when err is NULL or err_len is 0). The writers' shared error helper. */
void plot_err_set(char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ISO 8601 UTC date for seconds since the epoch (e.g. SOURCE_DATE_EPOCH)
 * into buf (>= 21 bytes): "YYYY-MM-DDThh:mm:ssZ". Returns 0 or PLOT_EINVAL. */
int plot_date_iso(long long epoch_s, char *buf, size_t len);

/* Seconds since the epoch for reproducible document dates (PowerPoint and
 * Excel files): SOURCE_DATE_EPOCH when it is a plain non-negative integer,
 * else PLOT_EXPORT_EPOCH_DEFAULT (2020-01-01T00:00:00Z). Reads the
 * environment; never fails. */
#define PLOT_EXPORT_EPOCH_DEFAULT 1577836800LL
long long plot_export_epoch(void);

/* ---- in memory: *out is malloc'd, the caller frees it ------------------- */

/* w_px x h_px opaque RGB PNG; draw gets w = w_px, h = h_px (1 unit = 1 pixel). */
int plot_render_png(int w_px, int h_px, plot_draw_fn draw, const void *ctx,
                    unsigned char **out, size_t *out_len, char *err, size_t err_len);
/* SVG of w x h CSS pixels (draw gets w, h), ids renumbered (plot_svg.h). */
int plot_render_svg(double w, double h, plot_draw_fn draw, const void *ctx,
                    unsigned char **out, size_t *out_len, char *err, size_t err_len);
/* One-page PDF of w_pt x h_pt points (960 x 540 is a 16:9 slide; A4 is 595 x 842). */
int plot_render_pdf(double w_pt, double h_pt, const plot_doc_info *info, plot_draw_fn draw,
                    const void *ctx, unsigned char **out, size_t *out_len, char *err,
                    size_t err_len);

/* ---- files (atomic) ------------------------------------------------------- */

int plot_write_png(const char *path, int w_px, int h_px, plot_draw_fn draw, const void *ctx,
                   char *err, size_t err_len);
int plot_write_svg(const char *path, double w, double h, plot_draw_fn draw, const void *ctx,
                   char *err, size_t err_len);
int plot_write_pdf(const char *path, double w_pt, double h_pt, const plot_doc_info *info,
                   plot_draw_fn draw, const void *ctx, char *err, size_t err_len);

/* Writes data to path atomically (temporary file in the same directory,
 * fsync, rename). Returns 0 or PLOT_EIO. */
int plot_file_write_atomic(const char *path, const void *data, size_t n, char *err, size_t err_len);

/* ---- multi-page PDF deck ---------------------------------------------------
 * Pages are rendered into memory as they are added; nothing is written until
 * plot_deck_close, which writes the file atomically and frees the deck. */
typedef struct plot_deck plot_deck;

/* A new deck of w_pt x h_pt pages for path (copied). Returns NULL on failure
 * (message in err). Free with plot_deck_close or plot_deck_discard. */
plot_deck *plot_deck_new(const char *path, double w_pt, double h_pt, const plot_doc_info *info,
                         char *err, size_t err_len);
/* Adds one page drawn by draw. After a failure the deck keeps the error and
 * plot_deck_close writes nothing. */
int plot_deck_page(plot_deck *deck, plot_draw_fn draw, const void *ctx, char *err, size_t err_len);
/* Pages added so far. */
int plot_deck_page_count(const plot_deck *deck);
/* Finishes the PDF, writes it atomically, frees the deck (always). */
int plot_deck_close(plot_deck *deck, char *err, size_t err_len);
/* Frees the deck without writing anything. NULL is fine. */
void plot_deck_discard(plot_deck *deck);

#endif
