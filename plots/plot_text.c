/* plot_text — measuring, drawing, wrapping and cutting text with cairo's toy
 * font API. Substrings are copied into a bounded buffer to NUL-terminate. */
#include "plots/plot_text.h"

#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"

void plot_text_setup(cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_subpixel_order(fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
}

void plot_text_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, PLOT_FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size > 0.1 ? size : 0.1);
}

/* A NUL-terminated copy of s[0..n) (+ "…"): in buf when it fits, else malloc'd. */
static char *dup_n(const char *s, size_t n, int ellipsis, char *buf, size_t buflen)
{
    size_t need = n + (ellipsis ? sizeof ELLIPSIS : 1);
    char *p = need <= buflen ? buf : malloc(need);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    if (ellipsis)
        memcpy(p + n, ELLIPSIS, sizeof ELLIPSIS);
    return p;
}

static double width_e(cairo_t *cr, const char *s, size_t n, int ellipsis)
{
    char buf[512];
    char *p = dup_n(s, n, ellipsis, buf, sizeof buf);
    if (!p)
        return 0.0;
    cairo_text_extents_t te;
    cairo_text_extents(cr, p, &te);
    if (p != buf)
        free(p);
    return te.x_advance;
}

double plot_text_width_n(cairo_t *cr, const char *s, size_t n)
{
    if (!s)
        return 0.0;
    if (n == (size_t)-1)
        n = strlen(s);
    return width_e(cr, s, n, 0);
}

double plot_text_width(cairo_t *cr, const char *s)
{
    return plot_text_width_n(cr, s, (size_t)-1);
}

void plot_text_metrics(cairo_t *cr, double *ascent, double *descent, double *line_h)
{
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    if (ascent) *ascent = fe.ascent;
    if (descent) *descent = fe.descent;
    if (line_h) *line_h = fe.ascent + fe.descent;
}

void plot_text_draw_n(cairo_t *cr, const char *s, size_t n, int ellipsis,
                      double x, double y_top, int halign)
{
    if (!s)
        return;
    char buf[512];
    char *p = dup_n(s, n, ellipsis, buf, sizeof buf);
    if (!p)
        return;
    cairo_text_extents_t te;
    cairo_font_extents_t fe;
    cairo_text_extents(cr, p, &te);
    cairo_font_extents(cr, &fe);
    double x0 = x;
    if (halign == PLOT_ALIGN_CENTRE)
        x0 = x - te.x_advance / 2.0;
    else if (halign == PLOT_ALIGN_RIGHT)
        x0 = x - te.x_advance;
    cairo_move_to(cr, x0, y_top + fe.ascent);
    cairo_show_text(cr, p);
    cairo_new_path(cr);
    if (p != buf)
        free(p);
}

void plot_text_draw(cairo_t *cr, const char *s, double x, double y_top, int halign)
{
    if (s)
        plot_text_draw_n(cr, s, strlen(s), 0, x, y_top, halign);
}

static size_t utf8_back(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0u) == 0x80u)
        i--;
    return i;
}

size_t plot_text_fit(cairo_t *cr, const char *s, size_t n, double max_w, int *cut)
{
    if (cut)
        *cut = 0;
    if (!s || n == 0 || width_e(cr, s, n, 0) <= max_w)
        return n;
    if (cut)
        *cut = 1;
    /* Binary search over character boundaries: lo fits with "…", hi does not. */
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t m = utf8_back(s, (lo + hi) / 2);
        if (m <= lo) {
            m = lo + 1;
            while (m < hi && ((unsigned char)s[m] & 0xC0u) == 0x80u)
                m++;
            if (m >= hi)
                break;
        }
        if (width_e(cr, s, m, 1) <= max_w)
            lo = m;
        else
            hi = m;
    }
    lo = utf8_back(s, lo);
    while (lo > 0 && s[lo - 1] == ' ')
        lo--;
    return lo;
}

static int is_soft_break(char c)
{
    return c == '_' || c == '-' || c == '/';
}

int plot_text_wrap(cairo_t *cr, const char *s, double max_w, int max_lines, plot_wrap *out)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return 0;
    if (max_lines < 1)
        max_lines = 1;
    if (max_lines > PLOT_WRAP_MAX)
        max_lines = PLOT_WRAP_MAX;
    size_t n = strlen(s), p = 0;
    while (p < n && out->n < max_lines) {
        while (p < n && s[p] == ' ')
            p++;
        if (p >= n)
            break;
        if (s[p] == '\n') { /* blank line */
            out->start[out->n] = p;
            out->len[out->n++] = 0;
            p++;
            continue;
        }
        size_t para_end = p;
        while (para_end < n && s[para_end] != '\n')
            para_end++;
        size_t end = p; /* accepted end of line */
        size_t q = p;
        while (q < para_end) {
            size_t we = q;
            while (we < para_end && s[we] == ' ')
                we++;
            while (we < para_end && s[we] != ' ')
                we++;
            if (width_e(cr, s + p, we - p, 0) <= max_w) {
                end = we;
                q = we;
                continue;
            }
            break;
        }
        if (end == p) {
            /* The first word alone is too wide: break inside it. */
            size_t we = p;
            while (we < para_end && s[we] != ' ')
                we++;
            size_t best = 0;
            for (size_t i = p; i < we; i++)
                if (is_soft_break(s[i]) && i + 1 < we && width_e(cr, s + p, i + 1 - p, 0) <= max_w)
                    best = i + 1;
            if (!best) {
                int cut;
                best = p + plot_text_fit(cr, s + p, we - p, max_w, &cut);
                (void)cut;
                if (best <= p) { /* not even one character fits: take one anyway */
                    best = p + 1;
                    while (best < we && ((unsigned char)s[best] & 0xC0u) == 0x80u)
                        best++;
                }
            }
            end = best;
        }
        size_t len = end;
        while (len > p && s[len - 1] == ' ')
            len--;
        out->start[out->n] = p;
        out->len[out->n] = len - p;
        out->n++;
        p = end;
        while (p < n && s[p] == ' ')
            p++;
        if (p < n && s[p] == '\n')
            p++;
    }
    while (p < n && (s[p] == ' ' || s[p] == '\n'))
        p++;
    if (p < n && out->n > 0) {
        /* Text remains: the last line takes what fits of the rest, with "…". */
        int i = out->n - 1;
        size_t st = out->start[i], e = st;
        while (e < n && s[e] != '\n')
            e++;
        int cut;
        size_t k = plot_text_fit(cr, s + st, e - st, max_w, &cut);
        if (!cut) {
            /* the whole line fits: still mark the cut, making room for "…" */
            while (k > 0 && width_e(cr, s + st, k, 1) > max_w)
                k = utf8_back(s + st, k - 1);
        }
        out->len[i] = k;
        out->ellipsis[i] = 1;
    }
    for (int i = 0; i < out->n; i++) {
        double wl = width_e(cr, s + out->start[i], out->len[i], out->ellipsis[i]);
        if (wl > out->width)
            out->width = wl;
    }
    return out->n;
}

void plot_text_draw_wrap(cairo_t *cr, const char *s, const plot_wrap *w,
                         double x, double y_top, double line_h, int halign)
{
    for (int i = 0; i < w->n; i++)
        plot_text_draw_n(cr, s + w->start[i], w->len[i], w->ellipsis[i], x,
                         y_top + line_h * (double)i, halign);
}
