/* plot_out — PNG, SVG and PDF output of a draw callback, rendered into
 * memory, made reproducible (SVG ids renumbered, PDF dates from the caller)
 * and written atomically; multi-page PDF decks. */
#include "plots/plot_out.h"
#include "plots/plot_svg.h"
#include "plots/plot_text.h"
#include "util/util_buf.h"
#include "util/util_file.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_DATE "1970-01-01T00:00:00Z"

void plot_err_set(char *err, size_t err_len, const char *fmt, ...)
{
    if (!err || err_len == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
}

static const char *errno_text(int e, char *buf, size_t len)
{
    if (strerror_r(e, buf, len) != 0)
        snprintf(buf, len, "error %d", e);
    return buf;
}

int plot_date_iso(long long epoch_s, char *buf, size_t len)
{
    if (!buf || len < 21)
        return PLOT_EINVAL;
    time_t t = (time_t)epoch_s;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return PLOT_EINVAL;
    if (strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return PLOT_EINVAL;
    return PLOT_OK;
}

long long plot_export_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s || strlen(s) > 15)
        return PLOT_EXPORT_EPOCH_DEFAULT;
    long long v = 0;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9')
            return PLOT_EXPORT_EPOCH_DEFAULT;
        v = v * 10 + (*c - '0');
    }
    return v;
}

/* ---- memory stream ------------------------------------------------------ */

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int len)
{
    return util_buf_put(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Runs draw on a fresh context for surface; checks both statuses. */
static int draw_on(cairo_surface_t *surface, double w, double h, plot_draw_fn draw, const void *ctx,
                   const char *what, char *err, size_t err_len)
{
    cairo_t *cr = cairo_create(surface);
    cairo_status_t cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(cr);
        plot_err_set(err, err_len, "plot: %s: cannot create a cairo context: %s", what,
                cairo_status_to_string(cs));
        return PLOT_ECAIRO;
    }
    plot_text_setup(cr);
    int st = draw(cr, w, h, ctx);
    cs = cairo_status(cr);
    cairo_destroy(cr);
    if (st) {
        plot_err_set(err, err_len, "plot: %s: drawing failed: %s", what, plot_strerror(st));
        return st;
    }
    if (cs != CAIRO_STATUS_SUCCESS) {
        plot_err_set(err, err_len, "plot: %s: cairo: %s", what, cairo_status_to_string(cs));
        return PLOT_ECAIRO;
    }
    return PLOT_OK;
}

static int surface_ok(cairo_surface_t *s, const char *what, const char *when, char *err, size_t err_len)
{
    cairo_status_t cs = cairo_surface_status(s);
    if (cs == CAIRO_STATUS_SUCCESS)
        return PLOT_OK;
    plot_err_set(err, err_len, "plot: %s: cairo surface %s: %s", what, when, cairo_status_to_string(cs));
    return PLOT_ECAIRO;
}

static int check_args(plot_draw_fn draw, unsigned char **out, size_t *out_len, double w, double h,
                      const char *what, char *err, size_t err_len)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!draw || !out || !out_len || !(w >= 1.0) || !(h >= 1.0) || w > 1e5 || h > 1e5) {
        plot_err_set(err, err_len, "plot: %s: invalid arguments (size %gx%g)", what, w, h);
        return PLOT_EINVAL;
    }
    return PLOT_OK;
}

int plot_render_png(int w_px, int h_px, plot_draw_fn draw, const void *ctx, unsigned char **out,
                    size_t *out_len, char *err, size_t err_len)
{
    int st = check_args(draw, out, out_len, (double)w_px, (double)h_px, "PNG", err, err_len);
    if (st)
        return st;
    if (w_px > 20000 || h_px > 20000) {
        plot_err_set(err, err_len, "plot: PNG: %dx%d pixels is too large", w_px, h_px);
        return PLOT_EINVAL;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w_px, h_px);
    if ((st = surface_ok(s, "PNG", "creation", err, err_len)) == 0)
        st = draw_on(s, (double)w_px, (double)h_px, draw, ctx, "PNG", err, err_len);
    util_buf b = { 0 };
    if (!st) {
        cairo_surface_flush(s);
        cairo_status_t cs = cairo_surface_write_to_png_stream(s, mem_write, &b);
        if (cs != CAIRO_STATUS_SUCCESS) {
            plot_err_set(err, err_len, "plot: PNG: encoding failed: %s", cairo_status_to_string(cs));
            st = cs == CAIRO_STATUS_NO_MEMORY ? PLOT_ENOMEM : PLOT_ECAIRO;
        }
    }
    cairo_surface_destroy(s);
    if (st) {
        free(b.p);
        return st;
    }
    *out = b.p;
    *out_len = b.n;
    return PLOT_OK;
}

int plot_render_svg(double w, double h, plot_draw_fn draw, const void *ctx, unsigned char **out,
                    size_t *out_len, char *err, size_t err_len)
{
    int st = check_args(draw, out, out_len, w, h, "SVG", err, err_len);
    if (st)
        return st;
    util_buf b = { 0 };
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(mem_write, &b, w, h);
    if ((st = surface_ok(s, "SVG", "creation", err, err_len)) == 0) {
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
        st = draw_on(s, w, h, draw, ctx, "SVG", err, err_len);
        cairo_surface_finish(s);
        if (!st)
            st = surface_ok(s, "SVG", "finish", err, err_len);
    }
    cairo_surface_destroy(s);
    if (st) {
        free(b.p);
        return st;
    }
    char *fixed = NULL;
    size_t fixed_n = 0;
    st = plot_svg_renumber_ids((const char *)b.p, b.n, &fixed, &fixed_n);
    free(b.p);
    if (st) {
        plot_err_set(err, err_len, "plot: SVG: renumbering ids: %s", plot_strerror(st));
        return st;
    }
    *out = (unsigned char *)fixed;
    *out_len = fixed_n;
    return PLOT_OK;
}

static void pdf_metadata(cairo_surface_t *s, const plot_doc_info *info)
{
    const char *date = info && info->date_iso ? info->date_iso : DEFAULT_DATE;
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    if (info && info->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info->title);
    if (info && info->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info->author);
    if (info && info->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, info->subject);
    if (info && info->creator)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, info->creator);
}

int plot_render_pdf(double w_pt, double h_pt, const plot_doc_info *info, plot_draw_fn draw,
                    const void *ctx, unsigned char **out, size_t *out_len, char *err, size_t err_len)
{
    int st = check_args(draw, out, out_len, w_pt, h_pt, "PDF", err, err_len);
    if (st)
        return st;
    util_buf b = { 0 };
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mem_write, &b, w_pt, h_pt);
    if ((st = surface_ok(s, "PDF", "creation", err, err_len)) == 0) {
        pdf_metadata(s, info);
        st = draw_on(s, w_pt, h_pt, draw, ctx, "PDF", err, err_len);
        cairo_surface_finish(s);
        if (!st)
            st = surface_ok(s, "PDF", "finish", err, err_len);
    }
    cairo_surface_destroy(s);
    if (st) {
        free(b.p);
        return st;
    }
    *out = b.p;
    *out_len = b.n;
    return PLOT_OK;
}

/* ---- atomic files ------------------------------------------------------------ */

int plot_file_write_atomic(const char *path, const void *data, size_t n, char *err, size_t err_len)
{
    if (!path || !*path || (n > 0 && !data)) {
        plot_err_set(err, err_len, "plot: invalid file path or data");
        return PLOT_EINVAL;
    }
    int e = util_write_file_atomic(path, data, n);
    if (e == ENOMEM) {
        plot_err_set(err, err_len, "plot: %s: out of memory", path);
        return PLOT_ENOMEM;
    }
    if (e) {
        char eb[128];
        plot_err_set(err, err_len, "plot: %s: cannot write: %s", path, errno_text(e, eb, sizeof eb));
        return PLOT_EIO;
    }
    return PLOT_OK;
}

static int write_rendered(const char *path, int st, unsigned char *data, size_t n, char *err,
                          size_t err_len)
{
    if (!st)
        st = plot_file_write_atomic(path, data, n, err, err_len);
    else if (err && err_len) {
        /* prefix the message with the file it was for */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", err);
        plot_err_set(err, err_len, "%s (%s)", msg, path ? path : "?");
    }
    free(data);
    return st;
}

int plot_write_png(const char *path, int w_px, int h_px, plot_draw_fn draw, const void *ctx,
                   char *err, size_t err_len)
{
    unsigned char *data = NULL;
    size_t n = 0;
    int st = plot_render_png(w_px, h_px, draw, ctx, &data, &n, err, err_len);
    return write_rendered(path, st, data, n, err, err_len);
}

int plot_write_svg(const char *path, double w, double h, plot_draw_fn draw, const void *ctx,
                   char *err, size_t err_len)
{
    unsigned char *data = NULL;
    size_t n = 0;
    int st = plot_render_svg(w, h, draw, ctx, &data, &n, err, err_len);
    return write_rendered(path, st, data, n, err, err_len);
}

int plot_write_pdf(const char *path, double w_pt, double h_pt, const plot_doc_info *info,
                   plot_draw_fn draw, const void *ctx, char *err, size_t err_len)
{
    unsigned char *data = NULL;
    size_t n = 0;
    int st = plot_render_pdf(w_pt, h_pt, info, draw, ctx, &data, &n, err, err_len);
    return write_rendered(path, st, data, n, err, err_len);
}

/* ---- decks ------------------------------------------------------------------ */

struct plot_deck {
    char *path;
    double w, h;
    util_buf buf;
    cairo_surface_t *surface;
    int pages;
    int status;     /* first failure, kept */
    char msg[256];  /* and its message */
};

plot_deck *plot_deck_new(const char *path, double w_pt, double h_pt, const plot_doc_info *info,
                         char *err, size_t err_len)
{
    if (!path || !*path || !(w_pt >= 1.0) || !(h_pt >= 1.0) || w_pt > 1e5 || h_pt > 1e5) {
        plot_err_set(err, err_len, "plot: deck: invalid path or page size");
        return NULL;
    }
    plot_deck *d = calloc(1, sizeof *d);
    if (!d || !(d->path = strdup(path))) {
        free(d);
        plot_err_set(err, err_len, "plot: %s: out of memory", path);
        return NULL;
    }
    d->w = w_pt;
    d->h = h_pt;
    d->surface = cairo_pdf_surface_create_for_stream(mem_write, &d->buf, w_pt, h_pt);
    if (surface_ok(d->surface, path, "creation", err, err_len)) {
        cairo_surface_destroy(d->surface);
        free(d->path);
        free(d);
        return NULL;
    }
    pdf_metadata(d->surface, info);
    return d;
}

int plot_deck_page(plot_deck *d, plot_draw_fn draw, const void *ctx, char *err, size_t err_len)
{
    if (!d || !draw) {
        plot_err_set(err, err_len, "plot: deck: invalid arguments");
        return PLOT_EINVAL;
    }
    if (d->status) {
        plot_err_set(err, err_len, "%s", d->msg);
        return d->status;
    }
    char what[300];
    snprintf(what, sizeof what, "%s: page %d", d->path, d->pages + 1);
    int st = draw_on(d->surface, d->w, d->h, draw, ctx, what, d->msg, sizeof d->msg);
    if (!st) {
        cairo_surface_show_page(d->surface);
        st = surface_ok(d->surface, what, "after page", d->msg, sizeof d->msg);
    }
    if (st) {
        d->status = st;
        plot_err_set(err, err_len, "%s", d->msg);
        return st;
    }
    d->pages++;
    return PLOT_OK;
}

int plot_deck_page_count(const plot_deck *d)
{
    return d ? d->pages : 0;
}

void plot_deck_discard(plot_deck *d)
{
    if (!d)
        return;
    if (d->surface) {
        cairo_surface_finish(d->surface);
        cairo_surface_destroy(d->surface);
    }
    free(d->buf.p);
    free(d->path);
    free(d);
}

int plot_deck_close(plot_deck *d, char *err, size_t err_len)
{
    if (!d) {
        plot_err_set(err, err_len, "plot: deck: NULL");
        return PLOT_EINVAL;
    }
    int st = d->status;
    if (st) {
        plot_err_set(err, err_len, "%s", d->msg);
    } else if (d->pages == 0) {
        plot_err_set(err, err_len, "plot: %s: deck has no pages", d->path);
        st = PLOT_EINVAL;
    } else {
        cairo_surface_finish(d->surface);
        st = surface_ok(d->surface, d->path, "finish", err, err_len);
        if (!st)
            st = plot_file_write_atomic(d->path, d->buf.p, d->buf.n, err, err_len);
    }
    plot_deck_discard(d);
    return st;
}
