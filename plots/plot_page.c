/* plot_page — table pages and text pages (see plot_page.h): measured column
 * widths, headers wrapped onto two lines, zebra rows and cell fills with
 * contrasting text; paragraphs, bullets and headings wrapped to a readable
 * measure; both shrink their text (to 64% at most) before cutting. */
#include "plots/plot_page.h"
#include "plots/plot_style.h"
#include "plots/plot_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 32

static const char *cell_at(const plot_table *t, size_t r, size_t c)
{
    const char *s = t->cells[r * t->n_cols + c];
    return s ? s : "";
}

/* A cell that reads as a number: starts with a digit, a sign or a point. */
static int numeric_cell(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    else if (strncmp(s, "\xe2\x88\x92", 3) == 0) /* U+2212 MINUS SIGN */
        s += 3;
    if (*s == '.')
        s++;
    return *s >= '0' && *s <= '9';
}

/* The caller's alignment, else right for columns of numbers and left for text. */
static char align_of(const plot_table *t, size_t c)
{
    if (t->align && strlen(t->align) > c && strchr("lcr", t->align[c]))
        return t->align[c];
    int any = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *s = cell_at(t, r, c);
        if (!*s)
            continue;
        if (!numeric_cell(s))
            return 'l';
        any = 1;
    }
    return any ? 'r' : 'l';
}

/* Width of text when wrapped onto at most two lines as evenly as spaces allow. */
static double two_line_width(cairo_t *cr, const char *s)
{
    double best = plot_text_width(cr, s);
    size_t n = strlen(s);
    for (size_t j = 1; j + 1 < n; j++)
        if (s[j] == ' ')
            best = fmin(best, fmax(plot_text_width_n(cr, s, j), plot_text_width_n(cr, s + j + 1, n - j - 1)));
    return best;
}

static void draw_cell_text(cairo_t *cr, const char *s, double x, double w, double pad, double y_top,
                           char align)
{
    int cut;
    size_t k = plot_text_fit(cr, s, strlen(s), w - 2 * pad, &cut);
    if (align == 'c')
        plot_text_draw_n(cr, s, k, cut, x + w / 2, y_top, PLOT_ALIGN_CENTRE);
    else if (align == 'r')
        plot_text_draw_n(cr, s, k, cut, x + w - pad, y_top, PLOT_ALIGN_RIGHT);
    else
        plot_text_draw_n(cr, s, k, cut, x + pad, y_top, PLOT_ALIGN_LEFT);
}

/* Starts a page of w × h points: checks cr, saves its state (the caller
 * restores it), clips to the page and draws the frame (title, subtitle,
 * caption); *s gets the type scale, *f the frame's margins. PLOT_OK, or
 * PLOT_ECAIRO (nothing saved) when cr is in error. */
static int page_begin(cairo_t *cr, double w, double h, double font_scale, const char *title, const char *subtitle,
                      const char *caption, double *s, plot__frame *f)
{
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return PLOT_ECAIRO;
    *s = plot__scale(w, h, font_scale);
    cairo_save(cr);
    plot_text_setup(cr);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_clip(cr);
    plot__frame_layout(cr, w, h, *s, title, subtitle, caption, f);
    plot__frame_draw(cr, w, h, f, title, subtitle, caption);
    return PLOT_OK;
}

/* A table's layout on its page: font, column widths, row heights, and how
 * many rows fit. */
typedef struct table_layout {
    double colw[MAX_COLS], fs, pad, lh, header_h, row_h, sum;
    size_t rows;                /* rows drawn */
    int more;                   /* rows left out */
} table_layout;

/* The largest text that fits avail_w × avail_h: short tables grow (to 130%),
 * long ones shrink to 20 units (91%) and then lose rows rather than become
 * unreadable; the columns then share the width left. */
static void table_layout_fit(cairo_t *cr, const plot_table *t, double s, double avail_w, double avail_h,
                             table_layout *L)
{
    static const double factors[] = { 1.3, 1.15, 1.0, 0.91 };
    double *colw = L->colw;
    for (size_t fi = 0; fi < sizeof factors / sizeof factors[0]; fi++) {
        L->fs = 22.0 * s * factors[fi];
        L->pad = 14.0 * s * factors[fi];
        int two = 0;
        L->sum = 0;
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *hd = t->header[c] ? t->header[c] : "";
            plot_text_font(cr, L->fs, 0);
            double cw = 0;
            for (size_t r = 0; r < t->n_rows; r++)
                cw = fmax(cw, plot_text_width(cr, cell_at(t, r, c)));
            plot_text_font(cr, L->fs, 1);
            double full = plot_text_width(cr, hd), hw = full;
            if (full > cw)
                hw = fmax(cw, two_line_width(cr, hd));
            if (hw < full)
                two = 1;
            colw[c] = fmax(cw, hw) + 2 * L->pad;
            L->sum += colw[c];
        }
        plot_text_font(cr, L->fs, 0);
        plot_text_metrics(cr, NULL, NULL, &L->lh);
        L->header_h = L->lh * (two ? 2.0 : 1.0) + 0.8 * L->lh;
        L->row_h = L->lh * 1.75;
        double need = L->header_h + L->row_h * (double)t->n_rows;
        if (L->sum <= avail_w && need <= avail_h && (factors[fi] <= 1.0 || need <= 0.75 * avail_h))
            break;
    }
    if (L->sum > avail_w) { /* still too wide: narrow every column, cells get "…" */
        for (size_t c = 0; c < t->n_cols; c++)
            colw[c] *= avail_w / L->sum;
        L->sum = avail_w;
    } else {
        double target = fmin(avail_w, fmax(L->sum, 0.85 * avail_w));
        for (size_t c = 0; c < t->n_cols; c++)
            colw[c] += (target - L->sum) / (double)t->n_cols;
        L->sum = target;
    }
    L->rows = t->n_rows;
    L->more = 0;
    if (L->header_h + L->row_h * (double)L->rows > avail_h) {
        double fit = floor((avail_h - L->header_h - L->row_h) / L->row_h);
        L->rows = fit > 0 ? (size_t)fit : 0;
        L->more = 1;
    }
}

/* The header: bold, bottom-aligned, from (x0, y0). */
static void table_draw_header(cairo_t *cr, const plot_table *t, const table_layout *L, double x0, double y0)
{
    double x = x0;
    plot_text_font(cr, L->fs, 1);
    plot_colour_set(cr, PLOT__INK, 1.0);
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *hd = t->header[c] ? t->header[c] : "";
        plot_wrap wr;
        plot_text_wrap(cr, hd, L->colw[c] - 2 * L->pad + 0.5, 2, &wr);
        double ty = y0 + L->header_h - 0.5 * L->lh - L->lh * (double)wr.n;
        char a = align_of(t, c);
        double tx = a == 'c' ? x + L->colw[c] / 2 : a == 'r' ? x + L->colw[c] - L->pad : x + L->pad;
        plot_text_draw_wrap(cr, hd, &wr, tx, ty, L->lh,
                            a == 'c' ? PLOT_ALIGN_CENTRE : a == 'r' ? PLOT_ALIGN_RIGHT : PLOT_ALIGN_LEFT);
        x += L->colw[c];
    }
}

/* The rows that fit, zebra-striped, cells with their fill, from (x0, y). */
static void table_draw_rows(cairo_t *cr, const plot_table *t, const table_layout *L, double s, double x0, double y)
{
    plot_text_font(cr, L->fs, 0);
    for (size_t r = 0; r < L->rows; r++) {
        double ry = y + L->row_h * (double)r;
        if (r % 2 == 1) {
            cairo_rectangle(cr, x0, ry, L->sum, L->row_h);
            plot_colour_set(cr, PLOT__ZEBRA, 1.0);
            cairo_fill(cr);
        }
        double x = x0;
        for (size_t c = 0; c < t->n_cols; c++) {
            uint32_t fill = t->cell_fill ? t->cell_fill[r * t->n_cols + c] : PLOT_COLOUR_NONE;
            uint32_t ink = PLOT__INK2;
            if (fill != PLOT_COLOUR_NONE) {
                cairo_rectangle(cr, x + 3.0 * s, ry + 3.0 * s, L->colw[c] - 6.0 * s, L->row_h - 6.0 * s);
                plot_colour_set(cr, fill & 0xFFFFFFu, 1.0);
                cairo_fill(cr);
                ink = plot_colour_text_on(fill & 0xFFFFFFu);
            }
            plot_colour_set(cr, ink, 1.0);
            draw_cell_text(cr, cell_at(t, r, c), x, L->colw[c], L->pad, ry + (L->row_h - L->lh) / 2,
                           align_of(t, c));
            x += L->colw[c];
        }
    }
}

int plot_table_draw(cairo_t *cr, double w, double h, const plot_table *t)
{
    if (!cr || !t || t->n_cols == 0 || t->n_cols > MAX_COLS || !t->header ||
        (t->n_rows > 0 && !t->cells) || !(w > 0) || !(h > 0))
        return PLOT_EINVAL;
    double s;
    plot__frame f;
    if (page_begin(cr, w, h, t->font_scale, t->title, t->subtitle, t->caption, &s, &f) != PLOT_OK)
        return PLOT_ECAIRO;

    double x0 = f.ml, avail_w = w - f.ml - f.mr;
    double y0 = f.top + 28.0 * s, y1 = f.bottom - ((t->caption && *t->caption) ? 20.0 * s : 4.0 * s);
    table_layout L;
    table_layout_fit(cr, t, s, avail_w, y1 - y0, &L);
    table_draw_header(cr, t, &L, x0, y0);
    double y = y0 + L.header_h;
    table_draw_rows(cr, t, &L, s, x0, y);
    /* a rule beneath the header, a thin one beneath the last row */
    double yl = y + L.row_h * (double)L.rows;
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x0 + L.sum, y);
    cairo_set_line_width(cr, 2.0 * s);
    plot_colour_set(cr, PLOT__INK2, 1.0);
    cairo_stroke(cr);
    cairo_move_to(cr, x0, yl);
    cairo_line_to(cr, x0 + L.sum, yl);
    cairo_set_line_width(cr, 1.0 * s);
    plot_colour_set(cr, PLOT__INK3, 1.0);
    cairo_stroke(cr);
    if (L.more) {
        char msg[64];
        snprintf(msg, sizeof msg, "\xe2\x80\xa6 %zu more rows not shown", t->n_rows - L.rows);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        plot_text_draw(cr, msg, x0 + L.pad, yl + (L.row_h - L.lh) / 2, PLOT_ALIGN_LEFT);
    }
    cairo_restore(cr);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? PLOT_OK : PLOT_ECAIRO;
}

int plot_table_draw_fn(cairo_t *cr, double w, double h, const void *ctx)
{
    return plot_table_draw(cr, w, h, (const plot_table *)ctx);
}

/* ---- text pages ------------------------------------------------------------- */

typedef struct text_style {
    double fs_body, fs_head, indent, measure;
} text_style;

/* Height of the blocks in style ts; draws them from y when draw != 0 and
 * stops (with "…") before y_max. */
static double blocks_run(cairo_t *cr, const plot_text_page *p, const text_style *ts, double x,
                         double y, double y_max, int draw)
{
    double y_start = y, lh;
    double last_x = -1, last_y = 0; /* end of the last line drawn, for a closing "…" */
    for (size_t b = 0; b < p->n_blocks; b++) {
        const plot_text_block *bl = &p->blocks[b];
        const char *tx = bl->text ? bl->text : "";
        int head = bl->kind == PLOT_BLOCK_HEADING, bullet = bl->kind == PLOT_BLOCK_BULLET;
        plot_text_font(cr, head ? ts->fs_head : ts->fs_body, head);
        plot_text_metrics(cr, NULL, NULL, &lh);
        double spacing = head ? 1.2 * lh : 1.32 * lh;
        if (head && b > 0)
            y += 0.7 * lh;
        double xi = x + (bullet ? ts->indent : 0.0);
        plot_wrap wr;
        plot_text_wrap(cr, tx, ts->measure - (xi - x), PLOT_WRAP_MAX, &wr);
        if (draw) {
            int fit = (int)floor((y_max - y - lh) / spacing) + 1, last = 0;
            if (fit < wr.n) {
                if (fit <= 0) {
                    if (last_x >= 0) { /* say that something was left out */
                        plot_text_font(cr, ts->fs_body, 0);
                        plot_colour_set(cr, PLOT__INK3, 1.0);
                        plot_text_draw(cr, " \xe2\x80\xa6", last_x, last_y, PLOT_ALIGN_LEFT);
                    }
                    return y - y_start;
                }
                wr.n = fit;
                wr.ellipsis[fit - 1] = 1;
                last = 1;
            }
            plot_colour_set(cr, head ? PLOT__INK : PLOT__INK2, 1.0);
            if (bullet) {
                plot_colour_set(cr, PLOT_BLUE, 1.0);
                plot_text_draw(cr, "\xe2\x80\xa2", x + ts->indent * 0.3, y, PLOT_ALIGN_LEFT);
                plot_colour_set(cr, PLOT__INK2, 1.0);
            }
            plot_text_draw_wrap(cr, tx, &wr, xi, y, spacing, PLOT_ALIGN_LEFT);
            if (last)
                return y_max - y_start;
            if (wr.n > 0) {
                int k = wr.n - 1;
                last_y = y + spacing * (double)k;
                last_x = xi + plot_text_width_n(cr, tx + wr.start[k], wr.len[k]);
            }
        }
        y += spacing * (double)(wr.n > 0 ? wr.n - 1 : 0) + lh;
        y += head ? 0.35 * lh : bullet ? 0.45 * lh : 0.75 * lh;
    }
    return y - y_start;
}

/* Draws the page's frame (and a cover's title) and chooses the text size:
 * the largest that fits, else the smallest. *fits: whether the blocks fit
 * whole at that size. Leaves cr saved (the caller restores it) and sets ts,
 * *x, *y, *y_max for blocks_run. PLOT_OK or a PLOT_E* status (nothing saved). */
static int text_page_layout(cairo_t *cr, double w, double h, const plot_text_page *p, text_style *out,
                            double *px, double *py, double *py_max, int *fits)
{
    if (!cr || !p || (p->n_blocks > 0 && !p->blocks) || !(w > 0) || !(h > 0))
        return PLOT_EINVAL;
    double s;
    plot__frame f;
    const char *ft = p->cover ? NULL : p->title, *fsub = p->cover ? NULL : p->subtitle;
    if (page_begin(cr, w, h, p->font_scale, ft, fsub, p->caption, &s, &f) != PLOT_OK)
        return PLOT_ECAIRO;
    double cw = w - f.ml - f.mr, x = f.ml;
    double y = f.top + ((ft && *ft) || (fsub && *fsub) ? 30.0 * s : 0.0);
    double y_max = f.bottom - 20.0 * s;

    if (p->cover) {
        /* accent rule, big title, subtitle; the blocks follow */
        double lt, ls;
        plot_wrap tw, sw;
        plot_text_font(cr, 60.0 * s, 1);
        plot_text_metrics(cr, NULL, NULL, &lt);
        plot_text_wrap(cr, p->title, cw * 0.9, 3, &tw);
        plot_text_font(cr, 30.0 * s, 0);
        plot_text_metrics(cr, NULL, NULL, &ls);
        plot_text_wrap(cr, p->subtitle, cw * 0.9, 3, &sw);
        y = h * 0.30;
        cairo_rectangle(cr, x, y - 34.0 * s, 120.0 * s, 9.0 * s);
        plot_colour_set(cr, PLOT_BLUE, 1.0);
        cairo_fill(cr);
        plot_text_font(cr, 60.0 * s, 1);
        plot_colour_set(cr, PLOT__INK, 1.0);
        plot_text_draw_wrap(cr, p->title, &tw, x, y, lt * 1.05, PLOT_ALIGN_LEFT);
        y += lt * 1.05 * (double)tw.n + 14.0 * s;
        plot_text_font(cr, 30.0 * s, 0);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        plot_text_draw_wrap(cr, p->subtitle, &sw, x, y, ls * 1.15, PLOT_ALIGN_LEFT);
        y += ls * 1.15 * (double)sw.n + 44.0 * s;
    }

    static const double factors[] = { 1.0, 0.95, 0.9, 0.87 }; /* body text down to 20 units */
    text_style ts = { 0 };
    for (size_t fi = 0; fi < sizeof factors / sizeof factors[0]; fi++) {
        double k = factors[fi];
        ts.fs_body = (p->cover ? 24.0 : 23.0) * s * k;
        ts.fs_head = 27.0 * s * k;
        ts.indent = 34.0 * s * k;
        ts.measure = fmin(cw, 1240.0 * s);
        if (blocks_run(cr, p, &ts, x, y, y_max, 0) <= y_max - y)
            break;
    }
    *out = ts;
    *px = x;
    *py = y;
    *py_max = y_max;
    *fits = blocks_run(cr, p, &ts, x, y, y_max, 0) <= y_max - y;
    return PLOT_OK;
}

int plot_text_page_draw(cairo_t *cr, double w, double h, const plot_text_page *p)
{
    text_style ts;
    double x, y, y_max;
    int fits, st = text_page_layout(cr, w, h, p, &ts, &x, &y, &y_max, &fits);
    if (st != PLOT_OK)
        return st;
    blocks_run(cr, p, &ts, x, y, y_max, 1);
    cairo_restore(cr);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? PLOT_OK : PLOT_ECAIRO;
}

int plot_text_page_fits(double w, double h, const plot_text_page *p)
{
    cairo_surface_t *sf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(sf);
    text_style ts;
    double x, y, y_max;
    int fits = 0, st = text_page_layout(cr, w, h, p, &ts, &x, &y, &y_max, &fits);
    if (st == PLOT_OK)
        cairo_restore(cr);
    else
        fits = st;
    cairo_destroy(cr);
    cairo_surface_destroy(sf);
    return fits;
}

int plot_text_page_draw_fn(cairo_t *cr, double w, double h, const void *ctx)
{
    return plot_text_page_draw(cr, w, h, (const plot_text_page *)ctx);
}
