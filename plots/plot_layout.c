/* plot_layout — validates a chart spec and computes where everything goes:
 * the title block, legend, axes, category labels (horizontal, wrapped on '_'
 * or spaces, or rotated), the plot area and the value axes. Every margin is
 * measured from text extents; nothing depends on the surface type. */
#include "plots/plot_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEG (3.14159265358979323846 / 180.0)

void plot_chart_init(plot_chart *c, plot_kind kind)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->legend = PLOT_LEGEND_AUTO;
    c->y_min = c->y_max = NAN;
    c->x_min = c->x_max = NAN;
    c->ref_value = NAN;
    c->ref_colour = PLOT__REF;
    c->y_percent = kind == PLOT_ECDF;
    c->value_labels = 1;
    c->value_decimals = -1;
    c->heat_scale = PLOT_SCALE_VIRIDIS;
    c->z_min = c->z_max = NAN;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile7(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);
    if (i + 1 >= n)
        return s[n - 1];
    return s[i] + (h - (double)i) * (s[i + 1] - s[i]);
}

int plot_box_stats_from_data(const double *x, size_t n, plot_box_stats *out)
{
    if (!out || (n > 0 && !x))
        return PLOT_EINVAL;
    out->lo = out->q1 = out->median = out->q3 = out->hi = NAN;
    double *s = n ? malloc(n * sizeof *s) : NULL;
    if (n && !s)
        return PLOT_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            s[m++] = x[i];
    if (m > 0) {
        qsort(s, m, sizeof *s, cmp_double);
        out->q1 = quantile7(s, m, 0.25);
        out->median = quantile7(s, m, 0.5);
        out->q3 = quantile7(s, m, 0.75);
        double iqr = out->q3 - out->q1;
        double lo_fence = out->q1 - 1.5 * iqr, hi_fence = out->q3 + 1.5 * iqr;
        out->lo = out->q1;
        out->hi = out->q3;
        for (size_t i = 0; i < m; i++)
            if (s[i] >= lo_fence) {
                out->lo = fmin(s[i], out->q1);
                break;
            }
        for (size_t i = m; i-- > 0;)
            if (s[i] <= hi_fence) {
                out->hi = fmax(s[i], out->q3);
                break;
            }
    }
    free(s);
    return PLOT_OK;
}

/* ---- validation and data ranges ---------------------------------------- */

static int validate(const plot_chart *c)
{
    if (!c || (int)c->kind < PLOT_BARS || (int)c->kind > PLOT_HEATMAP)
        return PLOT_EINVAL;
    if (c->n_series > PLOT_MAX_SERIES)
        return PLOT_ERANGE;
    if (c->n_series > 0 && !c->series)
        return PLOT_EINVAL;
    if (c->kind != PLOT_ECDF) {
        if (c->n_categories == 0 || !c->categories)
            return PLOT_EINVAL;
        if (c->n_categories > PLOT_MAX_CATEGORIES)
            return PLOT_ERANGE;
    }
    for (size_t s = 0; s < c->n_series; s++) {
        const plot_series *se = &c->series[s];
        switch (c->kind) {
        case PLOT_ECDF:
            if (se->n_values > 0 && !se->values)
                return PLOT_EINVAL;
            break;
        case PLOT_BOX:
            if (!se->box && !(se->samples && se->n_samples))
                return PLOT_EINVAL;
            break;
        default:
            if (!se->values)
                return PLOT_EINVAL;
        }
    }
    return PLOT_OK;
}

typedef struct range {
    double lo, hi;
    int any;
} range;

static void grow(range *r, double v)
{
    if (!isfinite(v))
        return;
    if (!r->any) {
        r->lo = r->hi = v;
        r->any = 1;
    } else {
        r->lo = fmin(r->lo, v);
        r->hi = fmax(r->hi, v);
    }
}

/* Stacked bar i: sum of positive and of negative finite segments. */
static void stack_sums(const plot_chart *c, size_t i, double *pos, double *neg, int *any)
{
    *pos = *neg = 0.0;
    *any = 0;
    for (size_t s = 0; s < c->n_series; s++) {
        double v = c->series[s].values[i];
        if (!isfinite(v))
            continue;
        *any = 1;
        if (v >= 0)
            *pos += v;
        else
            *neg += v;
    }
}

static void box_range(const plot_chart *c, range *r)
{
    for (size_t s = 0; s < c->n_series; s++) {
        const plot_series *se = &c->series[s];
        for (size_t i = 0; i < c->n_categories; i++) {
            if (se->box) {
                grow(r, se->box[i].lo);
                grow(r, se->box[i].hi);
                grow(r, se->box[i].q1);
                grow(r, se->box[i].q3);
            }
            if (se->samples && se->n_samples && se->samples[i])
                for (size_t k = 0; k < se->n_samples[i]; k++)
                    grow(r, se->samples[i][k]);
        }
    }
}

/* The data range on the value axis (y; heatmaps: colour; ECDF: x). */
static range value_range(const plot_chart *c)
{
    range r = { 0, 0, 0 };
    switch (c->kind) {
    case PLOT_BARS:
    case PLOT_LINES:
    case PLOT_HEATMAP:
        for (size_t s = 0; s < c->n_series; s++)
            for (size_t i = 0; i < c->n_categories; i++) {
                grow(&r, c->series[s].values[i]);
                if (c->kind != PLOT_HEATMAP && c->series[s].low && c->series[s].high) {
                    grow(&r, c->series[s].low[i]);
                    grow(&r, c->series[s].high[i]);
                }
            }
        break;
    case PLOT_BOX:
        box_range(c, &r);
        break;
    case PLOT_STACKED:
        for (size_t i = 0; i < c->n_categories; i++) {
            double pos, neg;
            int any;
            stack_sums(c, i, &pos, &neg, &any);
            if (!any)
                continue;
            if (c->stack_shares) {
                grow(&r, 0.0);
                grow(&r, 1.0);
            } else {
                grow(&r, pos);
                grow(&r, neg);
            }
        }
        break;
    case PLOT_ECDF:
        for (size_t s = 0; s < c->n_series; s++)
            for (size_t k = 0; k < c->series[s].n_values; k++)
                grow(&r, c->series[s].values[k]);
        break;
    }
    return r;
}

/* Ticks for [lo, hi]: Heckbert's loose ticks, or, for a fixed range, the
 * nice ticks that fall inside it. */
static int axis_ticks(double lo, double hi, int fixed, int n_target, plot_ticks *t,
                      double *axis_lo, double *axis_hi)
{
    int st = plot_ticks_nice(lo, hi, n_target, t);
    if (st)
        return st;
    if (!fixed) {
        /* Heckbert's loose labels can overshoot the data by most of a step:
           of the targets near n_target, take the one whose ticks enclose the
           data most tightly (ties: the nearer target). */
        for (int k = n_target - 1; k <= 2 * n_target; k++) {
            plot_ticks alt;
            if (k < 3 || k == n_target || plot_ticks_nice(lo, hi, k, &alt) != 0)
                continue;
            if (alt.n > n_target + 2)
                continue;
            double span_alt = alt.hi - alt.lo, span = t->hi - t->lo;
            if (span_alt < span * (1.0 - 1e-9))
                *t = alt;
        }
        *axis_lo = t->lo;
        *axis_hi = t->hi;
        return PLOT_OK;
    }
    *axis_lo = lo;
    *axis_hi = hi;
    double eps = t->step * 1e-6;
    int k = 0;
    for (int i = 0; i < t->n; i++)
        if (t->v[i] >= lo - eps && t->v[i] <= hi + eps)
            t->v[k++] = t->v[i];
    t->n = k;
    if (k > 0) {
        t->lo = t->v[0];
        t->hi = t->v[k - 1];
    }
    return PLOT_OK;
}

/* ---- category labels --------------------------------------------------- */

/* Category label i ("" for NULL). */
static const char *label_of(const plot_chart *c, size_t i)
{
    const char *s = c->categories[i];
    return s ? s : "";
}

static double oneline_width(cairo_t *cr, const char *s, size_t n)
{
    char buf[512];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    for (size_t k = 0; k < n; k++)
        buf[k] = s[k] == '\n' ? ' ' : s[k];
    buf[n] = '\0';
    return plot_text_width(cr, buf);
}

/* The best two-line break of s: line 1 = [0, *len1), line 2 = [*brk, end).
 * Breaks after '_', '-', '/' (kept on line 1) or at a space (dropped).
 * Returns the wider line's width, or INFINITY when s has no break point. */
static double best_break(cairo_t *cr, const char *s, size_t *len1, size_t *brk)
{
    size_t n = strlen(s);
    double best = INFINITY;
    for (size_t j = 0; j < n; j++) {
        if (s[j] == '\n') { /* the caller's own break wins */
            *len1 = j;
            *brk = j + 1;
            return fmax(plot_text_width_n(cr, s, j), plot_text_width_n(cr, s + j + 1, n - j - 1));
        }
    }
    for (size_t j = 1; j + 1 < n; j++) {
        size_t l1, b;
        if (s[j] == '_' || s[j] == '-' || s[j] == '/') {
            l1 = j + 1;
            b = j + 1;
        } else if (s[j] == ' ') {
            l1 = j;
            b = j + 1;
        } else {
            continue;
        }
        double wmax = fmax(plot_text_width_n(cr, s, l1), plot_text_width_n(cr, s + b, n - b));
        if (wmax < best) {
            best = wmax;
            *len1 = l1;
            *brk = b;
        }
    }
    return best;
}

static void quad_rect(plot_quad *q, double x0, double y0, double x1, double y1)
{
    q->x[0] = x0; q->y[0] = y0;
    q->x[1] = x1; q->y[1] = y0;
    q->x[2] = x1; q->y[2] = y1;
    q->x[3] = x0; q->y[3] = y1;
}

/* Positions the category bands between px0 and px1 (extra gaps between
 * groups) and lays out their labels; sets label_h. */
/* Tries horizontal then two-line labels at font size fs; 1 when they fit. */
static int labels_flat(cairo_t *cr, const plot_chart *c, plot_layout *L, double fs, double slot)
{
    size_t n = c->n_categories;
    double lh;
    plot_text_font(cr, fs, 0);
    plot_text_metrics(cr, NULL, NULL, &lh);
    int one = 1, two = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = label_of(c, i);
        L->label_len[i] = L->label_len1[i] = strlen(s);
        L->label_brk[i] = 0;
        L->label_cut[i] = 0;
        L->label_shown[i] = 1;
        if (!strchr(s, '\n') && plot_text_width(cr, s) <= slot)
            continue;
        one = 0;
        size_t l1 = 0, b = 0;
        if (best_break(cr, s, &l1, &b) > slot)
            return 0;
        L->label_len1[i] = l1;
        L->label_brk[i] = b;
        two = 1;
    }
    L->label_font = fs;
    L->label_angle_deg = 0.0;
    L->label_mode = one ? PLOT_LABELS_HORIZONTAL : PLOT_LABELS_WRAPPED;
    for (size_t i = 0; i < n; i++) {
        const char *s = label_of(c, i);
        double w = plot_text_width(cr, s);
        int lines = 1;
        if (L->label_brk[i]) {
            w = fmax(plot_text_width_n(cr, s, L->label_len1[i]),
                     plot_text_width_n(cr, s + L->label_brk[i], strlen(s) - L->label_brk[i]));
            lines = 2;
        }
        quad_rect(&L->label_box[i], L->cat_x[i] - w / 2, L->label_top, L->cat_x[i] + w / 2,
                  L->label_top + lh * (double)lines);
    }
    L->label_h = lh * (two ? 2.0 : 1.0);
    L->label_overflow = 0.0;
    return 1;
}

/* Positions the category bands between px0 and px1 (extra gaps between
 * groups) and lays out their labels: one line, else two lines (at the label
 * size, then at tick size), else rotated by the smallest of 35, 45, 60, 90
 * degrees at which neighbours clear. Rotated labels are cut to max_label_h;
 * label_overflow says how far the first reaches left of left_limit (cut to
 * fit when cut_left). Sets label_h. */
static void layout_categories(cairo_t *cr, const plot_chart *c, plot_layout *L, double slot_frac,
                              double max_label_h, double left_limit, int cut_left)
{
    size_t n = c->n_categories;
    L->n_categories = n;
    int groups = 1;
    if (c->category_groups)
        for (size_t i = 1; i < n; i++) {
            const char *a = c->category_groups[i - 1], *b = c->category_groups[i];
            if (strcmp(a ? a : "", b ? b : "") != 0)
                groups++;
        }
    L->n_groups = c->category_groups ? groups : 0;
    const double gap_units = 0.6;
    double units = (double)n + gap_units * (double)(groups - 1);
    L->band = (L->px1 - L->px0) / units;
    double x = L->px0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && c->category_groups) {
            const char *a = c->category_groups[i - 1], *b = c->category_groups[i];
            if (strcmp(a ? a : "", b ? b : "") != 0)
                x += gap_units * L->band;
        }
        L->cat_x[i] = x + L->band / 2.0;
        x += L->band;
    }

    double slot = L->band * slot_frac;
    if (labels_flat(cr, c, L, L->fs_cat, slot) || labels_flat(cr, c, L, L->fs_tick, slot))
        return;

    /* rotated, one line each */
    double fs = L->fs_cat, lh;
    plot_text_font(cr, fs, 0);
    plot_text_metrics(cr, NULL, NULL, &lh);
    for (size_t i = 0; i < n; i++) {
        L->label_brk[i] = 0;
        L->label_len[i] = L->label_len1[i] = strlen(label_of(c, i));
        L->label_cut[i] = 0;
        L->label_shown[i] = 1;
    }
    static const double angles[] = { 35.0, 45.0, 60.0, 90.0 };
    double theta = 90.0;
    for (size_t k = 0; k < sizeof angles / sizeof angles[0]; k++)
        if (L->band * sin(angles[k] * DEG) >= 1.15 * lh) {
            theta = angles[k];
            break;
        }
    if (L->band < 1.15 * lh) {
        /* even upright they touch: smaller text (not below 60%), then thin out */
        double f = fmax(0.6, L->band / (1.15 * lh));
        fs *= f;
        plot_text_font(cr, fs, 0);
        plot_text_metrics(cr, NULL, NULL, &lh);
        size_t step = (size_t)ceil(1.15 * lh / L->band);
        for (size_t i = 0; i < n; i++)
            L->label_shown[i] = step <= 1 || i % step == 0;
    }
    L->label_font = fs;
    L->label_mode = PLOT_LABELS_ROTATED;
    L->label_angle_deg = theta;
    double sn = sin(theta * DEG), cs = theta >= 90.0 ? 0.0 : cos(theta * DEG);
    double ell = plot_text_width(cr, "\xe2\x80\xa6");
    double h_max = 0.0;
    L->label_overflow = 0.0;
    for (size_t i = 0; i < n; i++) {
        const char *s = label_of(c, i);
        double wmax = (max_label_h - lh * cs) / sn;
        if (cut_left && cs > 0.0)
            wmax = fmin(wmax, (L->cat_x[i] - left_limit - lh / 2 * sn) / cs);
        if (wmax < lh)
            wmax = lh;
        double w = oneline_width(cr, s, L->label_len[i]);
        if (w > wmax) {
            int cut;
            L->label_len[i] = plot_text_fit(cr, s, L->label_len[i], wmax, &cut);
            L->label_cut[i] = cut;
            w = oneline_width(cr, s, L->label_len[i]) + (cut ? ell : 0.0);
        }
        /* corners of the text box [-w, 0] x [-lh/2, lh/2], rotated by -theta
           about the anchor (cat_x, label_top + lh/2 cos) */
        double ax = L->cat_x[i], ay = L->label_top + lh / 2 * cs;
        const double u[4] = { -w, 0, 0, -w }, v[4] = { -lh / 2, -lh / 2, lh / 2, lh / 2 };
        for (int k = 0; k < 4; k++) {
            L->label_box[i].x[k] = ax + u[k] * cs + v[k] * sn;
            L->label_box[i].y[k] = ay - u[k] * sn + v[k] * cs;
        }
        if (!L->label_shown[i])
            continue;
        double ext = w * sn + lh * cs;
        if (ext > h_max)
            h_max = ext;
        double left = ax - w * cs - lh / 2 * sn;
        if (left_limit - left > L->label_overflow)
            L->label_overflow = left_limit - left;
    }
    L->label_h = h_max;
}

/* ---- legend ------------------------------------------------------------- */

static int legend_lines(plot_kind k)
{
    return k == PLOT_LINES || k == PLOT_ECDF;
}

static double swatch_w(const plot_chart *c, const plot_layout *L)
{
    return (legend_lines(c->kind) ? 36.0 : 20.0) * L->scale;
}

/* Flow layout of the legend in rows from (x0, y0) within width cw. */
static void legend_top(cairo_t *cr, const plot_chart *c, plot_layout *L, double x0, double y0,
                       double cw)
{
    double lh, s = L->scale, gap = 30.0 * s, sw = swatch_w(c, L);
    plot_text_font(cr, L->fs_legend, 0);
    plot_text_metrics(cr, NULL, NULL, &lh);
    L->legend_row_h = lh * 1.15;
    double x = x0, y = y0, right = x0;
    for (size_t e = 0; e <= c->n_series; e++) {
        double ew;
        if (e == 0) {
            if (!c->legend_title || !*c->legend_title) {
                L->entry_w[0] = 0;
                continue;
            }
            ew = fmin(plot_text_width(cr, c->legend_title), cw);
        } else {
            const char *nm = c->series[e - 1].name ? c->series[e - 1].name : "";
            ew = fmin(sw + 8.0 * s + plot_text_width(cr, nm), cw);
        }
        if (x > x0 && x + ew > x0 + cw) {
            x = x0;
            y += L->legend_row_h;
        }
        L->entry_x[e] = x;
        L->entry_y[e] = y;
        L->entry_w[e] = ew;
        x += ew + gap;
        right = fmax(right, x - gap);
    }
    L->legend_x = x0;
    L->legend_y = y0;
    L->legend_w = right - x0;
    L->legend_h = y + L->legend_row_h - y0;
}

/* Legend as a column; stacked bars list segments top first, like the bars. */
static double legend_right_width(cairo_t *cr, const plot_chart *c, plot_layout *L, double max_w)
{
    double s = L->scale, sw = swatch_w(c, L), w = 0;
    plot_text_font(cr, L->fs_legend, 0);
    if (c->legend_title && *c->legend_title)
        w = plot_text_width(cr, c->legend_title);
    for (size_t e = 0; e < c->n_series; e++) {
        const char *nm = c->series[e].name ? c->series[e].name : "";
        w = fmax(w, sw + 8.0 * s + plot_text_width(cr, nm));
    }
    return fmin(w, max_w);
}

static void legend_right(cairo_t *cr, const plot_chart *c, plot_layout *L, double x0, double y0)
{
    double lh;
    plot_text_font(cr, L->fs_legend, 0);
    plot_text_metrics(cr, NULL, NULL, &lh);
    L->legend_row_h = lh * 1.45;
    double y = y0;
    L->entry_w[0] = 0;
    if (c->legend_title && *c->legend_title) {
        L->entry_x[0] = x0;
        L->entry_y[0] = y;
        L->entry_w[0] = L->legend_w;
        y += L->legend_row_h;
    }
    for (size_t k = 0; k < c->n_series; k++) {
        size_t e = c->kind == PLOT_STACKED ? c->n_series - k : k + 1;
        L->entry_x[e] = x0;
        L->entry_y[e] = y;
        L->entry_w[e] = L->legend_w;
        y += L->legend_row_h;
    }
    L->legend_x = x0;
    L->legend_y = y0;
    L->legend_h = y - y0;
}

/* ---- the layout ---------------------------------------------------------- */

static int resolve_legend(const plot_chart *c)
{
    if (c->kind == PLOT_HEATMAP || c->n_series == 0)
        return PLOT_LEGEND_NONE;
    if (c->legend != PLOT_LEGEND_AUTO)
        return c->legend;
    if (c->kind == PLOT_STACKED)
        return PLOT_LEGEND_RIGHT;
    if (c->n_series == 1 && !(c->series[0].name && *c->series[0].name))
        return PLOT_LEGEND_NONE;
    return PLOT_LEGEND_TOP;
}

static double max_tick_width(cairo_t *cr, const plot_ticks *t, int fmt)
{
    double w = 0;
    char buf[64];
    for (int i = 0; i < t->n; i++) {
        plot_number_format(t->v[i], t->n_frac, (unsigned)fmt, buf, sizeof buf);
        w = fmax(w, plot_text_width(cr, buf));
    }
    return w;
}

/* What layout_impl works out before fitting the axes: the value ranges
 * (ECDF: x holds the data, y is 0..1), the plot area's edges so far and the
 * line heights of the axis, tick and category fonts. */
typedef struct layout_geom {
    double lo, hi, x_lo, x_hi;
    int fixed_y, fixed_x;
    double xl, xr, yb;       /* left and right edges, bottom of the labels */
    double row_w;            /* heatmap: widest row label */
    double lh_axis, lh_tick, lh_cat;
} layout_geom;

/* The value ranges of c into G (fixed when c gives them), L's formats and no_data. */
static void layout_ranges(const plot_chart *c, plot_layout *L, layout_geom *G)
{
    range r = value_range(c);
    G->fixed_y = c->y_min < c->y_max;
    if (c->kind == PLOT_HEATMAP)
        G->fixed_y = c->z_min < c->z_max;
    if (G->fixed_y) {
        G->lo = c->kind == PLOT_HEATMAP ? c->z_min : c->y_min;
        G->hi = c->kind == PLOT_HEATMAP ? c->z_max : c->y_max;
    } else {
        L->no_data = !r.any;
        G->lo = r.any ? r.lo : 0.0;
        G->hi = r.any ? r.hi : 1.0;
        if (c->kind != PLOT_HEATMAP && c->kind != PLOT_ECDF && isfinite(c->ref_value)) {
            G->lo = fmin(G->lo, c->ref_value);
            G->hi = fmax(G->hi, c->ref_value);
        }
        int zero = c->kind == PLOT_BARS || c->kind == PLOT_STACKED ||
                   ((c->kind == PLOT_LINES || c->kind == PLOT_BOX || c->kind == PLOT_ECDF) &&
                    !c->tight_range);
        if (zero) {
            G->lo = fmin(G->lo, 0.0);
            G->hi = fmax(G->hi, 0.0);
        }
    }
    L->no_data = !r.any;
    L->y_fmt = PLOT_FMT_THOUSANDS | ((c->y_percent || (c->kind == PLOT_STACKED && c->stack_shares))
                                         ? PLOT_FMT_PERCENT : 0);
    L->x_fmt = PLOT_FMT_THOUSANDS;
    G->x_lo = G->lo; /* ECDF: the data are on x, y is 0..1 */
    G->x_hi = G->hi;
    G->fixed_x = 0;
    if (c->kind == PLOT_ECDF) {
        G->fixed_x = c->x_min < c->x_max;
        if (G->fixed_x) {
            G->x_lo = c->x_min;
            G->x_hi = c->x_max;
        }
        G->lo = 0.0;
        G->hi = 1.0;
        G->fixed_y = 0;
    }
}

/* Room for the title block, legend, captions, axis titles, the reference
 * label and heatmap row labels: L->py0 and G's edges. */
static void layout_margins(cairo_t *cr, double w, const plot_chart *c, plot_layout *L, layout_geom *G)
{
    double s = L->scale;
    const plot__frame *F = &L->frame;
    int legend_pos = L->legend_pos;
    double cw = w - F->ml - F->mr;
    /* top: title block, then the legend row(s) */
    double y_top = F->top + ((c->title && *c->title) || (c->subtitle && *c->subtitle) ? 20.0 * s : 0);
    if (legend_pos == PLOT_LEGEND_TOP) {
        legend_top(cr, c, L, F->ml, y_top, cw);
        y_top += L->legend_h + 22.0 * s;
    } else {
        y_top += 10.0 * s;
    }
    L->py0 = y_top + (c->kind == PLOT_HEATMAP ? 0.0 : G->lh_tick / 2);

    /* bottom: caption, x title, group labels */
    G->yb = F->bottom - ((c->caption && *c->caption) ? 18.0 * s : 0);
    if (c->x_title && *c->x_title) {
        L->xtitle_y = G->yb - G->lh_axis;
        G->yb = L->xtitle_y - 10.0 * s;
    }
    if (c->category_groups && c->kind != PLOT_ECDF) {
        L->group_y = G->yb - G->lh_cat;
        G->yb = L->group_y - 12.0 * s;
    }

    /* left: y title; right: legend column, reference label, colour bar */
    G->xl = F->ml;
    if (c->y_title && *c->y_title) {
        L->ytitle_x = F->ml;
        G->xl += G->lh_axis + 14.0 * s;
    }
    G->xr = w - F->mr;
    if (legend_pos == PLOT_LEGEND_RIGHT) {
        L->legend_w = legend_right_width(cr, c, L, 0.3 * w);
        G->xr = w - F->mr - L->legend_w - 28.0 * s;
    }
    if (isfinite(c->ref_value) && c->kind != PLOT_HEATMAP && c->ref_label && *c->ref_label) {
        plot_text_font(cr, L->fs_tick, 1);
        plot_text_wrap(cr, c->ref_label, 220.0 * s, 3, &L->ref_w);
        G->xr = fmin(G->xr, w - F->mr - L->ref_w.width - 14.0 * s);
    }
    G->row_w = 0;
    if (c->kind == PLOT_HEATMAP) {
        plot_text_font(cr, L->fs_cat, 0);
        for (size_t k = 0; k < c->n_series; k++) {
            const char *nm = c->series[k].name ? c->series[k].name : "";
            plot_wrap wr;
            plot_text_wrap(cr, nm, 0.22 * w, 2, &wr);
            G->row_w = fmax(G->row_w, wr.width);
        }
        L->row_label_w = G->row_w;
        L->cbar_w = 26.0 * s;
    }
}

/* Fits the axes' ticks and the category labels into G's edges (a few rounds:
 * the labels' height moves the plot's bottom). PLOT_OK or an error status. */
static int layout_fit(cairo_t *cr, double w, double h, const plot_chart *c, plot_layout *L, layout_geom *G)
{
    double s = L->scale;
    const plot__frame *F = &L->frame;
    double label_h = G->lh_cat; /* first guess, refined below */
    double xl0 = G->xl, extra_left = 0.0;
    for (int iter = 0; iter < 8; iter++) {
        double old_label_h = label_h;
        L->py1 = G->yb - label_h - 12.0 * s;
        if (c->kind == PLOT_ECDF)
            L->py1 = G->yb - G->lh_tick - 12.0 * s;
        double plot_h = L->py1 - L->py0;
        if (plot_h < 40.0 * s)
            plot_h = 40.0 * s;
        int n_target = (int)lround(plot_h / (85.0 * s));
        n_target = n_target < 4 ? 4 : n_target > 8 ? 8 : n_target;
        if (c->kind == PLOT_HEATMAP)
            n_target = 5;
        int st = axis_ticks(G->lo, G->hi, G->fixed_y || c->kind == PLOT_HEATMAP, n_target, &L->y, &L->y_lo,
                            &L->y_hi);
        if (st)
            return st;
        if (c->kind == PLOT_HEATMAP && !G->fixed_y) {
            /* the colour scale spans the data exactly */
            L->y_lo = G->lo;
            L->y_hi = G->hi > G->lo ? G->hi : G->lo + 1.0;
        }
        plot_text_font(cr, L->fs_tick, 0);
        double tw = max_tick_width(cr, &L->y, L->y_fmt);
        if (c->kind == PLOT_HEATMAP) {
            double zt = (c->z_title && *c->z_title) ? G->lh_axis + 12.0 * s : 0.0;
            L->px1 = G->xr - (34.0 * s + L->cbar_w + 10.0 * s + tw + zt);
            L->cbar_x = L->px1 + 34.0 * s;
            L->px0 = G->xl + G->row_w + 16.0 * s;
        } else {
            L->px0 = G->xl + tw + 12.0 * s;
            L->px1 = G->xr;
        }
        if (c->kind == PLOT_ECDF) {
            st = axis_ticks(G->x_lo, G->x_hi, G->fixed_x, (int)fmax(4.0, fmin(9.0, (L->px1 - L->px0) / (150.0 * s))),
                            &L->x, &L->x_lo, &L->x_hi);
            if (st)
                return st;
            if (L->x_hi <= L->x_lo)
                L->x_hi = L->x_lo + 1.0;
            /* room for half of the last x tick label right of the axis */
            char buf[64];
            plot_number_format(L->x.v[L->x.n - 1], L->x.n_frac, (unsigned)L->x_fmt, buf, sizeof buf);
            double half = plot_text_width(cr, buf) / 2.0;
            if (L->px1 + half > w - F->mr * 0.5)
                L->px1 = w - F->mr * 0.5 - half;
            label_h = G->lh_tick;
            L->label_top = L->py1 + 10.0 * s;
            L->label_h = G->lh_tick;
            break;
        }
        L->label_top = L->py1 + 12.0 * s;
        double left_limit = 10.0 * s;
        int cut_left = extra_left >= 0.15 * w;
        layout_categories(cr, c, L, c->kind == PLOT_HEATMAP ? 0.96 : 0.92, 0.30 * h, left_limit,
                          cut_left);
        label_h = L->label_h;
        if (L->label_overflow > 0.5 && !cut_left) {
            /* rotated labels reach off the left edge: move the plot right */
            extra_left = fmin(extra_left + L->label_overflow, 0.15 * w);
            G->xl = xl0 + extra_left;
            continue;
        }
        if (fabs(label_h - old_label_h) < 0.5 && iter > 0)
            break;
    }
    return PLOT_OK;
}

static int layout_impl(cairo_t *cr, double w, double h, const plot_chart *c, plot_layout *L,
                       int legend_pos)
{
    memset(L, 0, sizeof *L);
    double s = plot__scale(w, h, c->font_scale);
    L->width = w;
    L->height = h;
    L->scale = s;
    L->fs_legend = PLOT__FS_LEGEND * s;
    L->fs_axis = PLOT__FS_AXIS * s;
    L->fs_tick = PLOT__FS_TICK * s;
    L->fs_cat = PLOT__FS_CAT * s;
    L->fs_value = PLOT__FS_VALUE * s;
    L->legend_pos = legend_pos;
    L->n_rows = c->kind == PLOT_HEATMAP ? c->n_series : 0;
    plot__frame_layout(cr, w, h, s, c->title, c->subtitle, c->caption, &L->frame);
    layout_geom geom, *G = &geom;
    plot_text_font(cr, L->fs_axis, 0);
    plot_text_metrics(cr, NULL, NULL, &G->lh_axis);
    plot_text_font(cr, L->fs_tick, 0);
    plot_text_metrics(cr, NULL, NULL, &G->lh_tick);
    plot_text_font(cr, L->fs_cat, 0);
    plot_text_metrics(cr, NULL, NULL, &G->lh_cat);

    layout_ranges(c, L, G);
    layout_margins(cr, w, c, L, G);
    int st = layout_fit(cr, w, h, c, L, G);
    if (st)
        return st;
    if (L->y_hi <= L->y_lo)
        L->y_hi = L->y_lo + 1.0;

    if (legend_pos == PLOT_LEGEND_RIGHT)
        legend_right(cr, c, L, G->xr + 28.0 * s, L->py0);
    if (isfinite(c->ref_value) && c->kind != PLOT_HEATMAP) {
        L->ref_y = plot_layout_value_y(L, c->ref_value);
        L->ref_x = L->px1 + 14.0 * s;
    }
    return PLOT_OK;
}

int plot_chart_layout(cairo_t *cr, double w, double h, const plot_chart *c, plot_layout *out)
{
    if (!cr || !out || !(w > 0) || !(h > 0))
        return PLOT_EINVAL;
    int st = validate(c);
    if (st)
        return st;
    cairo_save(cr);
    plot_text_setup(cr);
    int pos = resolve_legend(c);
    st = layout_impl(cr, w, h, c, out, pos);
    if (!st && pos == PLOT_LEGEND_RIGHT && out->ref_w.n > 0) {
        /* the reference label shares the right column: if they collide, the
           legend moves to the top */
        double lh;
        plot_text_font(cr, out->fs_tick, 1);
        plot_text_metrics(cr, NULL, NULL, &lh);
        double r0 = out->ref_y - lh * (double)out->ref_w.n / 2.0 - 6.0 * out->scale;
        double r1 = out->ref_y + lh * (double)out->ref_w.n / 2.0 + 6.0 * out->scale;
        if (r1 > out->legend_y && r0 < out->legend_y + out->legend_h)
            st = layout_impl(cr, w, h, c, out, PLOT_LEGEND_TOP);
    }
    cairo_restore(cr);
    return st;
}

double plot_layout_value_y(const plot_layout *L, double v)
{
    return L->py1 - (v - L->y_lo) / (L->y_hi - L->y_lo) * (L->py1 - L->py0);
}

double plot_layout_value_x(const plot_layout *L, double x)
{
    return L->px0 + (x - L->x_lo) / (L->x_hi - L->x_lo) * (L->px1 - L->px0);
}

int plot_layout_bar_span(const plot_layout *L, const plot_chart *c, size_t i, size_t s,
                         double *x_left, double *x_right)
{
    if (!L || !c || i >= L->n_categories || (c->kind != PLOT_STACKED && s >= c->n_series))
        return PLOT_EINVAL;
    double cx = L->cat_x[i];
    if (c->kind == PLOT_STACKED) {
        double bw = fmin(L->band * 0.62, 150.0 * L->scale);
        *x_left = cx - bw / 2;
        *x_right = cx + bw / 2;
        return PLOT_OK;
    }
    double ns = (double)(c->n_series ? c->n_series : 1);
    double group = fmin(L->band * (c->n_series <= 1 ? 0.55 : 0.8), ns * 110.0 * L->scale);
    double slot = group / ns;
    double gap = c->n_series > 1 ? fmin(slot * 0.12, 8.0 * L->scale) : 0.0;
    *x_left = cx - group / 2 + (double)s * slot + gap / 2;
    *x_right = *x_left + slot - gap;
    return PLOT_OK;
}
