/* plot_draw — draws a laid-out chart: the frame (titles, legend, axes, grid,
 * category labels, reference line) and the marks of each kind (bars and
 * whiskers, lines and bands, boxes, ECDF steps, stacked segments, heatmap
 * cells with a colour bar). Missing values (NAN) show as "n/a" or gaps. */
#include "plots/plot_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define WHISKER_INK 0x1A1A1Au

/* A horizontal 1-device-pixel-sharp y for a line of width lw (user units). */
static double snap_y(cairo_t *cr, double y, double lw)
{
    double dx = 0, dy = y, wx = 0, wy = lw;
    cairo_user_to_device(cr, &dx, &dy);
    cairo_user_to_device_distance(cr, &wx, &wy);
    double px = fabs(wy) < 1.0 ? 1.0 : round(fabs(wy));
    double snapped = ((int)px % 2) ? floor(dy) + 0.5 : round(dy);
    cairo_device_to_user(cr, &dx, &snapped);
    return snapped;
}

static void hline(cairo_t *cr, double x0, double x1, double y, double lw, uint32_t rgb)
{
    y = snap_y(cr, y, lw);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_set_line_width(cr, lw);
    plot_colour_set(cr, rgb, 1.0);
    cairo_stroke(cr);
}

static void set_font(cairo_t *cr, double size, int bold, double *lh)
{
    plot_text_font(cr, size, bold);
    if (lh)
        plot_text_metrics(cr, NULL, NULL, lh);
}

/* "n/a" centred on x just above the baseline y, upright when it is too wide. */
static void draw_na_ink(cairo_t *cr, const plot_layout *L, double x, double y_base, double room_w,
                        uint32_t ink)
{
    double lh;
    set_font(cr, L->fs_value * 0.9, 0, &lh);
    plot_colour_set(cr, ink, 1.0);
    double tw = plot_text_width(cr, "n/a");
    if (tw <= room_w || room_w <= 0) {
        plot_text_draw(cr, "n/a", x, y_base - lh - 4.0 * L->scale, PLOT_ALIGN_CENTRE);
    } else {
        cairo_save(cr);
        cairo_translate(cr, x, y_base - 4.0 * L->scale);
        cairo_rotate(cr, -PI / 2);
        plot_text_draw(cr, "n/a", 0, -lh / 2, PLOT_ALIGN_LEFT);
        cairo_restore(cr);
    }
}

static void draw_na(cairo_t *cr, const plot_layout *L, double x, double y_base, double room_w)
{
    draw_na_ink(cr, L, x, y_base, room_w, PLOT__NA);
}

/* ---- axes and labels ------------------------------------------------------ */

static void draw_y_axis(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double s = L->scale, lh;
    char buf[64];
    set_font(cr, L->fs_tick, 0, &lh);
    for (int i = 0; i < L->y.n; i++) {
        double y = plot_layout_value_y(L, L->y.v[i]);
        if (L->y.v[i] != 0.0 || c->kind == PLOT_ECDF)
            hline(cr, L->px0, L->px1, y, 1.0 * s, PLOT__GRID);
        plot_number_format(L->y.v[i], L->y.n_frac, (unsigned)L->y_fmt, buf, sizeof buf);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        plot_text_draw(cr, buf, L->px0 - 10.0 * s, y - lh / 2, PLOT_ALIGN_RIGHT);
    }
}

/* The value axis title, reading upwards, centred on the plot area's height. */
static void draw_y_title(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    if (!(c->y_title && *c->y_title))
        return;
    set_font(cr, L->fs_axis, 0, NULL);
    plot_colour_set(cr, PLOT__INK2, 1.0);
    int cut;
    size_t k = plot_text_fit(cr, c->y_title, strlen(c->y_title), L->py1 - L->py0 + 20.0 * L->scale, &cut);
    cairo_save(cr);
    cairo_translate(cr, L->ytitle_x, (L->py0 + L->py1) / 2);
    cairo_rotate(cr, -PI / 2);
    plot_text_draw_n(cr, c->y_title, k, cut, 0, 0, PLOT_ALIGN_CENTRE);
    cairo_restore(cr);
}

static void draw_x_ticks(cairo_t *cr, const plot_layout *L)
{
    double s = L->scale, lh;
    char buf[64];
    set_font(cr, L->fs_tick, 0, &lh);
    for (int i = 0; i < L->x.n; i++) {
        double x = plot_layout_value_x(L, L->x.v[i]);
        if (x < L->px0 - 0.5 || x > L->px1 + 0.5)
            continue;
        cairo_move_to(cr, x, L->py0);
        cairo_line_to(cr, x, L->py1);
        cairo_set_line_width(cr, 1.0 * s);
        plot_colour_set(cr, PLOT__GRID, 1.0);
        cairo_stroke(cr);
        plot_number_format(L->x.v[i], L->x.n_frac, (unsigned)L->x_fmt, buf, sizeof buf);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        plot_text_draw(cr, buf, x, L->label_top, PLOT_ALIGN_CENTRE);
    }
}

static void draw_x_title(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    if (!(c->x_title && *c->x_title))
        return;
    set_font(cr, L->fs_axis, 0, NULL);
    plot_colour_set(cr, PLOT__INK2, 1.0);
    int cut;
    size_t k = plot_text_fit(cr, c->x_title, strlen(c->x_title), L->width - L->frame.ml - L->frame.mr,
                             &cut);
    double cx = (L->px0 + L->px1) / 2;
    plot_text_draw_n(cr, c->x_title, k, cut, cx, L->xtitle_y, PLOT_ALIGN_CENTRE);
}

static void draw_categories(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double lh;
    set_font(cr, L->label_font, 0, &lh);
    plot_colour_set(cr, PLOT__INK2, 1.0);
    for (size_t i = 0; i < L->n_categories; i++) {
        if (!L->label_shown[i])
            continue;
        const char *sl = c->categories[i] ? c->categories[i] : "";
        if (L->label_mode == PLOT_LABELS_ROTATED) {
            char buf[512];
            size_t n = L->label_len[i] < sizeof buf - 1 ? L->label_len[i] : sizeof buf - 1;
            for (size_t k = 0; k < n; k++)
                buf[k] = sl[k] == '\n' ? ' ' : sl[k];
            double th = L->label_angle_deg * PI / 180.0;
            double cs = L->label_angle_deg >= 90.0 ? 0.0 : cos(th);
            cairo_save(cr);
            cairo_translate(cr, L->cat_x[i], L->label_top + lh / 2 * cs);
            cairo_rotate(cr, -th);
            plot_text_draw_n(cr, buf, n, L->label_cut[i], 0, -lh / 2, PLOT_ALIGN_RIGHT);
            cairo_restore(cr);
        } else if (L->label_brk[i]) {
            plot_text_draw_n(cr, sl, L->label_len1[i], 0, L->cat_x[i], L->label_top, PLOT_ALIGN_CENTRE);
            plot_text_draw_n(cr, sl + L->label_brk[i], strlen(sl) - L->label_brk[i], 0, L->cat_x[i],
                             L->label_top + lh, PLOT_ALIGN_CENTRE);
        } else {
            plot_text_draw_n(cr, sl, L->label_len[i], 0, L->cat_x[i], L->label_top, PLOT_ALIGN_CENTRE);
        }
    }
    if (!c->category_groups)
        return;
    /* group labels: a thin rule over each run of equal names, the name below */
    double s = L->scale, lhg;
    set_font(cr, L->fs_cat, 1, &lhg);
    size_t a = 0;
    for (size_t i = 1; i <= L->n_categories; i++) {
        const char *ga = c->category_groups[a] ? c->category_groups[a] : "";
        const char *gi = i < L->n_categories && c->category_groups[i] ? c->category_groups[i] : "";
        if (i < L->n_categories && strcmp(ga, gi) == 0)
            continue;
        double x0 = L->cat_x[a] - L->band * 0.45, x1 = L->cat_x[i - 1] + L->band * 0.45;
        hline(cr, x0, x1, L->group_y - 6.0 * s, 1.5 * s, PLOT__INK3);
        plot_colour_set(cr, PLOT__INK2, 1.0);
        int cut;
        size_t k = plot_text_fit(cr, ga, strlen(ga), x1 - x0 + L->band * 0.5, &cut);
        plot_text_draw_n(cr, ga, k, cut, (x0 + x1) / 2, L->group_y, PLOT_ALIGN_CENTRE);
        a = i;
    }
}

static void draw_legend(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    if (L->legend_pos == PLOT_LEGEND_NONE || L->legend_pos == PLOT_LEGEND_AUTO)
        return;
    double s = L->scale, lh;
    set_font(cr, L->fs_legend, 0, &lh);
    double rh = L->legend_row_h;
    if (L->entry_w[0] > 0 && c->legend_title) {
        plot_colour_set(cr, PLOT__INK3, 1.0);
        int cut;
        size_t k = plot_text_fit(cr, c->legend_title, strlen(c->legend_title), L->entry_w[0], &cut);
        plot_text_draw_n(cr, c->legend_title, k, cut, L->entry_x[0], L->entry_y[0] + (rh - lh) / 2,
                         PLOT_ALIGN_LEFT);
    }
    int lines = c->kind == PLOT_LINES || c->kind == PLOT_ECDF;
    double sw = (lines ? 36.0 : 20.0) * s;
    for (size_t k = 0; k < c->n_series; k++) {
        const plot_series *se = &c->series[k];
        double x = L->entry_x[k + 1], y = L->entry_y[k + 1], cy = y + rh / 2;
        if (lines) {
            cairo_move_to(cr, x, cy);
            cairo_line_to(cr, x + sw, cy);
            cairo_set_line_width(cr, (c->kind == PLOT_ECDF ? 3.0 : 3.5) * s);
            plot_colour_set(cr, se->colour, 1.0);
            cairo_stroke(cr);
            if (c->kind == PLOT_LINES) {
                cairo_arc(cr, x + sw / 2, cy, 6.0 * s, 0, 2 * PI);
                plot_colour_set(cr, se->colour, 1.0);
                cairo_fill_preserve(cr);
                cairo_set_line_width(cr, 2.0 * s);
                plot_colour_set(cr, 0xFFFFFFu, 1.0);
                cairo_stroke(cr);
            }
        } else {
            double q = 20.0 * s;
            cairo_rectangle(cr, x, cy - q / 2, q, q);
            if (c->kind == PLOT_BOX) {
                plot_colour_set(cr, plot_colour_tint(se->colour, 0.55), 1.0);
                cairo_fill_preserve(cr);
                cairo_set_line_width(cr, 2.0 * s);
                plot_colour_set(cr, se->colour, 1.0);
                cairo_stroke(cr);
            } else {
                plot_colour_set(cr, se->colour, 1.0);
                cairo_fill(cr);
            }
        }
        const char *nm = se->name ? se->name : "";
        double tx = x + sw + 8.0 * s;
        int cut;
        size_t n = plot_text_fit(cr, nm, strlen(nm), L->entry_w[k + 1] - (tx - x) + 0.5, &cut);
        plot_colour_set(cr, PLOT__INK2, 1.0);
        plot_text_draw_n(cr, nm, n, cut, tx, y + (rh - lh) / 2, PLOT_ALIGN_LEFT);
    }
}

void plot__legend_draw(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    draw_legend(cr, c, L);
}

static void draw_ref(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    if (!isfinite(c->ref_value) || c->kind == PLOT_HEATMAP)
        return;
    if (c->ref_value < fmin(L->y_lo, L->y_hi) || c->ref_value > fmax(L->y_lo, L->y_hi))
        return;
    double s = L->scale, y = L->ref_y;
    double dash[2] = { 10.0 * s, 6.0 * s };
    cairo_save(cr);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, L->px0, y);
    cairo_line_to(cr, L->px1 + 6.0 * s, y);
    cairo_set_line_width(cr, 2.5 * s);
    plot_colour_set(cr, c->ref_colour, 1.0);
    cairo_stroke(cr);
    cairo_restore(cr);
    if (L->ref_w.n > 0) {
        double lh;
        set_font(cr, L->fs_tick, 1, &lh);
        plot_colour_set(cr, c->ref_colour, 1.0);
        plot_text_draw_wrap(cr, c->ref_label, &L->ref_w, L->ref_x, y - lh * (double)L->ref_w.n / 2, lh,
                            PLOT_ALIGN_LEFT);
    }
}

/* ---- marks ------------------------------------------------------------------ */

/* An interval whisker with caps; halo: a white outline first, for dark bars. */
static void whisker(cairo_t *cr, double x, double y_lo, double y_hi, double cap, double s, int halo)
{
    for (int pass = halo ? 0 : 1; pass < 2; pass++) {
        cairo_move_to(cr, x, y_lo);
        cairo_line_to(cr, x, y_hi);
        cairo_move_to(cr, x - cap, y_lo);
        cairo_line_to(cr, x + cap, y_lo);
        cairo_move_to(cr, x - cap, y_hi);
        cairo_line_to(cr, x + cap, y_hi);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        if (pass == 0) {
            cairo_set_line_width(cr, 5.0 * s);
            plot_colour_set(cr, 0xFFFFFFu, 0.85);
        } else {
            cairo_set_line_width(cr, 2.0 * s);
            plot_colour_set(cr, WHISKER_INK, 1.0);
        }
        cairo_stroke(cr);
    }
}

/* 1 when the caller marks series k's missing value at category i itself. */
static int marked(const plot_chart *c, size_t k, size_t i)
{
    return c->marked && c->marked[k * c->n_categories + i];
}

/* Whether every value of series k is missing and unmarked (NAN, no
 * caller's marker). */
static int all_missing(const plot_chart *c, size_t k)
{
    for (size_t i = 0; i < c->n_categories; i++)
        if (!isnan(c->series[k].values[i]) || marked(c, k, i))
            return 0;
    return 1;
}

static double base_y(const plot_layout *L)
{
    double y0 = plot_layout_value_y(L, 0.0);
    return fmin(fmax(y0, L->py0), L->py1);
}

static void draw_bars(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double y0 = base_y(L), s = L->scale;
    for (size_t i = 0; i < L->n_categories; i++)
        for (size_t k = 0; k < c->n_series; k++) {
            double xl, xr, v = c->series[k].values[i];
            plot_layout_bar_span(L, c, i, k, &xl, &xr);
            if (isnan(v)) {
                if (!marked(c, k, i))
                    draw_na(cr, L, (xl + xr) / 2, y0, xr - xl);
                continue;
            }
            double yv = plot_layout_value_y(L, v);
            cairo_rectangle(cr, xl, fmin(y0, yv), xr - xl, fabs(yv - y0));
            plot_colour_set(cr, c->series[k].colour, 1.0);
            cairo_fill(cr);
        }
    for (size_t i = 0; i < L->n_categories; i++)
        for (size_t k = 0; k < c->n_series; k++) {
            const plot_series *se = &c->series[k];
            if (!se->low || !se->high || isnan(se->values[i]))
                continue;
            double lo = se->low[i], hi = se->high[i];
            if (!isfinite(lo) || !isfinite(hi))
                continue;
            double xl, xr;
            plot_layout_bar_span(L, c, i, k, &xl, &xr);
            double cap = fmin((xr - xl) * 0.22, 12.0 * s);
            whisker(cr, (xl + xr) / 2, plot_layout_value_y(L, lo), plot_layout_value_y(L, hi), cap, s,
                    plot_colour_luminance(se->colour) < 0.08);
        }
}

static void draw_lines(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double s = L->scale;
    size_t n = L->n_categories;
    /* bands */
    for (size_t k = 0; k < c->n_series; k++) {
        const plot_series *se = &c->series[k];
        double dx = ((double)k - (double)(c->n_series - 1) / 2.0) * c->lines_dodge * L->band;
        if (!se->low || !se->high)
            continue;
        size_t i = 0;
        while (i < n) {
            while (i < n && !(isfinite(se->low[i]) && isfinite(se->high[i])))
                i++;
            size_t a = i;
            while (i < n && isfinite(se->low[i]) && isfinite(se->high[i]))
                i++;
            if (a >= n)
                break;
            if (i - a == 1) {
                cairo_move_to(cr, L->cat_x[a] + dx, plot_layout_value_y(L, se->low[a]));
                cairo_line_to(cr, L->cat_x[a] + dx, plot_layout_value_y(L, se->high[a]));
                cairo_set_line_width(cr, 8.0 * s);
                plot_colour_set(cr, se->colour, 0.25);
                cairo_stroke(cr);
                continue;
            }
            for (size_t j = a; j < i; j++)
                (j == a ? cairo_move_to : cairo_line_to)(cr, L->cat_x[j] + dx, plot_layout_value_y(L, se->high[j]));
            for (size_t j = i; j-- > a;)
                cairo_line_to(cr, L->cat_x[j] + dx, plot_layout_value_y(L, se->low[j]));
            cairo_close_path(cr);
            plot_colour_set(cr, se->colour, 0.16);
            cairo_fill(cr);
        }
    }
    /* lines, then markers on top */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < c->n_series; k++) {
            const plot_series *se = &c->series[k];
            double dx = ((double)k - (double)(c->n_series - 1) / 2.0) * c->lines_dodge * L->band;
            int open = 0;
            if (pass == 1 && n > 1 && all_missing(c, k)) {
                /* one note, not a row of "n/a" on the axis that reads as zeros */
                char note[96];
                snprintf(note, sizeof note, "%s: n/a at every point", se->name ? se->name : "");
                double lh;
                set_font(cr, L->fs_value * 0.9, 0, &lh);
                plot_colour_set(cr, se->colour, 1.0);
                plot_text_draw(cr, note, (L->px0 + L->px1) / 2, L->py1 - lh - 4.0 * L->scale - (double)k * L->fs_value * 1.2,
                               PLOT_ALIGN_CENTRE);
                continue;
            }
            for (size_t i = 0; i < n; i++) {
                double v = se->values[i];
                if (!isfinite(v)) {
                    open = 0;
                    if (pass == 1 && isnan(v) && !marked(c, k, i)) /* in the series' colour, one row per series */
                        draw_na_ink(cr, L, L->cat_x[i], L->py1 - (double)k * L->fs_value * 1.2, 0,
                                    se->colour);
                    continue;
                }
                double x = L->cat_x[i] + dx, y = plot_layout_value_y(L, v);
                if (pass == 0) {
                    (open ? cairo_line_to : cairo_move_to)(cr, x, y);
                    open = 1;
                } else { /* a marker: filled, with a white ring */
                    cairo_new_path(cr);
                    cairo_arc(cr, x, y, 6.5 * s, 0, 2 * PI);
                    plot_colour_set(cr, se->colour, 1.0);
                    cairo_fill_preserve(cr);
                    cairo_set_line_width(cr, 2.0 * s);
                    plot_colour_set(cr, 0xFFFFFFu, 1.0);
                    cairo_stroke(cr);
                }
            }
            if (pass == 0) {
                plot_colour_set(cr, se->colour, 1.0);
                cairo_set_line_width(cr, 3.5 * s);
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
                cairo_stroke(cr);
            }
        }
}

static void draw_box(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double s = L->scale, y0 = L->py1;
    for (size_t i = 0; i < L->n_categories; i++)
        for (size_t k = 0; k < c->n_series; k++) {
            const plot_series *se = &c->series[k];
            plot_box_stats b;
            if (se->box) {
                b = se->box[i];
            } else if (plot_box_stats_from_data(se->samples[i], se->samples[i] ? se->n_samples[i] : 0, &b)) {
                continue;
            }
            double xl, xr;
            plot_layout_bar_span(L, c, i, k, &xl, &xr);
            double cx = (xl + xr) / 2, bw = (xr - xl) * 0.82;
            if (isnan(b.median) || isnan(b.q1) || isnan(b.q3)) {
                if (!marked(c, k, i))
                    draw_na(cr, L, cx, y0, xr - xl);
                continue;
            }
            double yq1 = plot_layout_value_y(L, b.q1), yq3 = plot_layout_value_y(L, b.q3);
            double cap = bw * 0.25;
            /* whiskers */
            cairo_set_line_width(cr, 2.0 * s);
            plot_colour_set(cr, se->colour, 1.0);
            if (isfinite(b.lo)) {
                double y = plot_layout_value_y(L, b.lo);
                cairo_move_to(cr, cx, yq1);
                cairo_line_to(cr, cx, y);
                cairo_move_to(cr, cx - cap, y);
                cairo_line_to(cr, cx + cap, y);
            }
            if (isfinite(b.hi)) {
                double y = plot_layout_value_y(L, b.hi);
                cairo_move_to(cr, cx, yq3);
                cairo_line_to(cr, cx, y);
                cairo_move_to(cr, cx - cap, y);
                cairo_line_to(cr, cx + cap, y);
            }
            cairo_stroke(cr);
            /* box and median */
            cairo_rectangle(cr, cx - bw / 2, fmin(yq1, yq3), bw, fabs(yq1 - yq3));
            plot_colour_set(cr, plot_colour_tint(se->colour, 0.55), 1.0);
            cairo_fill_preserve(cr);
            plot_colour_set(cr, se->colour, 1.0);
            cairo_stroke(cr);
            double ym = plot_layout_value_y(L, b.median);
            cairo_move_to(cr, cx - bw / 2, ym);
            cairo_line_to(cr, cx + bw / 2, ym);
            cairo_set_line_width(cr, 3.5 * s);
            plot_colour_set(cr, WHISKER_INK, 1.0);
            cairo_stroke(cr);
            /* outliers from raw samples */
            if (!se->box && se->samples[i]) {
                for (size_t j = 0; j < se->n_samples[i]; j++) {
                    double v = se->samples[i][j];
                    if (!isfinite(v) || (v >= b.lo && v <= b.hi))
                        continue;
                    cairo_new_sub_path(cr);
                    cairo_arc(cr, cx, plot_layout_value_y(L, v), 3.5 * s, 0, 2 * PI);
                }
                cairo_set_line_width(cr, 1.5 * s);
                plot_colour_set(cr, se->colour, 1.0);
                cairo_stroke(cr);
            }
        }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int draw_ecdf(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double s = L->scale;
    for (size_t k = 0; k < c->n_series; k++) {
        const plot_series *se = &c->series[k];
        if (se->n_values == 0)
            continue;
        double *x = malloc(se->n_values * sizeof *x);
        if (!x)
            return PLOT_ENOMEM;
        size_t m = 0;
        for (size_t j = 0; j < se->n_values; j++)
            if (isfinite(se->values[j]))
                x[m++] = se->values[j];
        if (m > 0 && c->ecdf_quantiles) {
            /* the quantile function, linear between the given quantiles */
            double fn = (double)(se->n_values > 1 ? se->n_values - 1 : 1);
            int open = 0;
            for (size_t j = 0; j < se->n_values; j++) {
                double v = se->values[j];
                if (!isfinite(v))
                    continue;
                double px = plot_layout_value_x(L, v), py = plot_layout_value_y(L, (double)j / fn);
                (open ? cairo_line_to : cairo_move_to)(cr, px, py);
                open = 1;
            }
            cairo_set_line_width(cr, 3.0 * s);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
            plot_colour_set(cr, se->colour, 1.0);
            cairo_stroke(cr);
        } else if (m > 0) {
            qsort(x, m, sizeof *x, cmp_double);
            double fm = (double)m;
            /* from the smallest value at 0 to the largest at 1: the line ends where the data do */
            cairo_move_to(cr, plot_layout_value_x(L, x[0]), plot_layout_value_y(L, 0.0));
            for (size_t j = 0; j < m; j++) {
                double px = plot_layout_value_x(L, x[j]);
                cairo_line_to(cr, px, plot_layout_value_y(L, (double)j / fm));
                /* ties: one vertical step for the whole run */
                while (j + 1 < m && x[j + 1] == x[j])
                    j++;
                cairo_line_to(cr, px, plot_layout_value_y(L, (double)(j + 1) / fm));
            }
            cairo_set_line_width(cr, 3.0 * s);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
            plot_colour_set(cr, se->colour, 1.0);
            cairo_stroke(cr);
        }
        free(x);
    }
    return PLOT_OK;
}

static int label_decimals(const plot_chart *c, double max_abs, int percent)
{
    if (c->value_decimals >= 0)
        return c->value_decimals + (percent ? 2 : 0);
    return percent ? 2 : plot_decimals_for_values(max_abs);
}

static void draw_stacked(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double s = L->scale, y0 = base_y(L), lh;
    double max_abs = 0;
    for (size_t k = 0; k < c->n_series; k++)
        for (size_t i = 0; i < L->n_categories; i++)
            if (isfinite(c->series[k].values[i]))
                max_abs = fmax(max_abs, fabs(c->series[k].values[i]));
    int pct = c->stack_shares;
    int dec = label_decimals(c, max_abs, pct);
    unsigned fmt = PLOT_FMT_THOUSANDS | (pct ? PLOT_FMT_PERCENT : 0u);
    set_font(cr, L->fs_value, 0, &lh);
    for (size_t i = 0; i < L->n_categories; i++) {
        double xl, xr, pos = 0, neg = 0, total = 0;
        int any = 0;
        plot_layout_bar_span(L, c, i, 0, &xl, &xr);
        for (size_t k = 0; k < c->n_series; k++) {
            double v = c->series[k].values[i];
            if (isfinite(v)) {
                any = 1;
                total += fabs(v);
            }
        }
        if (!any) {
            draw_na(cr, L, (xl + xr) / 2, y0, xr - xl);
            continue;
        }
        for (size_t k = 0; k < c->n_series; k++) {
            double v = c->series[k].values[i];
            if (!isfinite(v) || v == 0.0)
                continue;
            if (pct)
                v = total > 0 ? v / total : 0.0;
            double a = v >= 0 ? pos : neg, b = a + v;
            if (v >= 0)
                pos = b;
            else
                neg = b;
            double ya = plot_layout_value_y(L, a), yb = plot_layout_value_y(L, b);
            double top = fmin(ya, yb), hgt = fabs(ya - yb);
            cairo_rectangle(cr, xl, top, xr - xl, hgt);
            plot_colour_set(cr, c->series[k].colour, 1.0);
            cairo_fill(cr);
            /* a hairline of white between segments */
            if (hgt > 1.5 * s)
                hline(cr, xl, xr, v >= 0 ? top : top + hgt, 1.5 * s, 0xFFFFFFu);
            if (c->value_labels && hgt >= lh * 1.05) {
                char buf[64];
                plot_number_format(v, dec, fmt, buf, sizeof buf);
                double room = (xr - xl) - 6.0 * s, tw = plot_text_width(cr, buf), lhs = lh;
                if (tw > room && tw * 0.8 <= room) { /* narrow bars: smaller, not never */
                    set_font(cr, L->fs_value * room / tw, 0, &lhs);
                    tw = room;
                }
                if (tw <= room) {
                    plot_colour_set(cr, plot_colour_text_on(c->series[k].colour), 1.0);
                    plot_text_draw(cr, buf, (xl + xr) / 2, top + (hgt - lhs) / 2, PLOT_ALIGN_CENTRE);
                }
                set_font(cr, L->fs_value, 0, &lh);
            }
        }
    }
}

static void draw_heatmap(cairo_t *cr, const plot_chart *c, const plot_layout *L)
{
    double s = L->scale, lh;
    size_t rows = c->n_series;
    if (rows == 0)
        return;
    double row_h = (L->py1 - L->py0) / (double)rows, gap = 3.0 * s;
    double max_abs = fmax(fabs(L->y_lo), fabs(L->y_hi));
    int dec = label_decimals(c, max_abs, c->value_percent);
    unsigned fmt = PLOT_FMT_THOUSANDS | (c->value_percent ? PLOT_FMT_PERCENT : 0u);
    double fs = fmin(L->fs_value * 1.1, row_h * 0.45);
    for (size_t r = 0; r < rows; r++) {
        const plot_series *se = &c->series[r];
        double y = L->py0 + row_h * (double)r;
        for (size_t i = 0; i < L->n_categories; i++) {
            double v = se->values[i];
            double x = L->cat_x[i] - L->band / 2;
            uint32_t fill = isfinite(v) ? plot_scale_colour(c->heat_scale, (v - L->y_lo) / (L->y_hi - L->y_lo))
                                        : 0xF0F0F0u;
            cairo_rectangle(cr, x + gap / 2, y + gap / 2, L->band - gap, row_h - gap);
            plot_colour_set(cr, fill, 1.0);
            cairo_fill(cr);
            if (!c->value_labels && isfinite(v))
                continue;
            char buf[64];
            plot_number_format(v, dec, fmt, buf, sizeof buf);
            double f = fs;
            set_font(cr, f, 0, &lh);
            double tw = plot_text_width(cr, buf);
            if (tw > L->band - 10.0 * s) {
                f *= (L->band - 10.0 * s) / tw;
                set_font(cr, f, 0, &lh);
            }
            plot_colour_set(cr, isfinite(v) ? plot_colour_text_on(fill) : PLOT__NA, 1.0);
            plot_text_draw(cr, buf, L->cat_x[i], y + (row_h - lh) / 2, PLOT_ALIGN_CENTRE);
        }
        /* row label, right-aligned left of the row */
        const char *nm = se->name ? se->name : "";
        plot_wrap wr;
        set_font(cr, fmin(L->fs_cat, row_h * 0.7), 0, &lh); /* many rows: smaller labels */
        plot_text_wrap(cr, nm, 0.22 * L->width, row_h >= 2.2 * lh ? 2 : 1, &wr);
        plot_colour_set(cr, PLOT__INK2, 1.0);
        plot_text_draw_wrap(cr, nm, &wr, L->px0 - 16.0 * s, y + (row_h - lh * (double)wr.n) / 2, lh,
                            PLOT_ALIGN_RIGHT);
    }
    /* colour bar with ticks */
    double bx = L->cbar_x, bw = L->cbar_w, top = L->py0 + gap / 2, bot = L->py1 - gap / 2;
    cairo_pattern_t *p = cairo_pattern_create_linear(0, bot, 0, top);
    for (int k = 0; k <= 20; k++) {
        uint32_t col = plot_scale_colour(c->heat_scale, (double)k / 20.0);
        cairo_pattern_add_color_stop_rgb(p, (double)k / 20.0, (double)((col >> 16) & 0xFF) / 255.0,
                                         (double)((col >> 8) & 0xFF) / 255.0, (double)(col & 0xFF) / 255.0);
    }
    cairo_rectangle(cr, bx, top, bw, bot - top);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    set_font(cr, L->fs_tick, 0, &lh);
    double tw_max = 0;
    for (int k = 0; k < L->y.n; k++) {
        double v = L->y.v[k];
        double y = bot - (v - L->y_lo) / (L->y_hi - L->y_lo) * (bot - top);
        cairo_move_to(cr, bx + bw, y);
        cairo_line_to(cr, bx + bw + 6.0 * s, y);
        cairo_set_line_width(cr, 1.5 * s);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        cairo_stroke(cr);
        char buf[64];
        plot_number_format(v, L->y.n_frac, fmt, buf, sizeof buf);
        tw_max = fmax(tw_max, plot_text_width(cr, buf));
        plot_text_draw(cr, buf, bx + bw + 10.0 * s, y - lh / 2, PLOT_ALIGN_LEFT);
    }
    if (c->z_title && *c->z_title) {
        double lha;
        set_font(cr, L->fs_axis, 0, &lha);
        plot_colour_set(cr, PLOT__INK2, 1.0);
        int cut;
        size_t k = plot_text_fit(cr, c->z_title, strlen(c->z_title), bot - top + 2.0 * lh, &cut);
        cairo_save(cr);
        cairo_translate(cr, bx + bw + 10.0 * s + tw_max + 12.0 * s, (top + bot) / 2);
        cairo_rotate(cr, -PI / 2);
        plot_text_draw_n(cr, c->z_title, k, cut, 0, 0, PLOT_ALIGN_CENTRE);
        cairo_restore(cr);
    }
}

/* ---- entry points ------------------------------------------------------------ */

int plot_chart_draw(cairo_t *cr, double w, double h, const plot_chart *c)
{
    if (!cr || !c)
        return PLOT_EINVAL;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return PLOT_ECAIRO;
    plot_layout *L = malloc(sizeof *L);
    if (!L)
        return PLOT_ENOMEM;
    int st = plot_chart_layout(cr, w, h, c, L);
    if (st) {
        free(L);
        return st;
    }
    double s = L->scale;
    cairo_save(cr);
    plot_text_setup(cr);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_clip(cr);
    plot__frame_draw(cr, w, h, &L->frame, c->title, c->subtitle, c->caption);

    if (c->kind != PLOT_HEATMAP)
        draw_y_axis(cr, c, L);
    draw_y_title(cr, c, L);
    if (c->kind == PLOT_ECDF)
        draw_x_ticks(cr, L);

    /* marks, clipped to the plot area with a little air for markers */
    cairo_save(cr);
    if (c->kind == PLOT_ECDF && c->x_min < c->x_max) { /* data beyond a fixed x axis are cut at its ends */
        cairo_rectangle(cr, L->px0, L->py0 - 10.0 * s, L->px1 - L->px0, L->py1 - L->py0 + 20.0 * s);
        cairo_clip(cr);
    } else if (c->kind != PLOT_HEATMAP) { /* heatmap row labels and colour bar lie outside */
        cairo_rectangle(cr, L->px0 - 10.0 * s, L->py0 - 10.0 * s, L->px1 - L->px0 + 20.0 * s,
                        L->py1 - L->py0 + 20.0 * s);
        cairo_clip(cr);
    }
    switch (c->kind) {
    case PLOT_BARS: draw_bars(cr, c, L); break;
    case PLOT_LINES: draw_lines(cr, c, L); break;
    case PLOT_BOX: draw_box(cr, c, L); break;
    case PLOT_ECDF: st = draw_ecdf(cr, c, L); break;
    case PLOT_STACKED: draw_stacked(cr, c, L); break;
    case PLOT_HEATMAP: draw_heatmap(cr, c, L); break;
    }
    cairo_restore(cr);

    if (c->kind != PLOT_HEATMAP) {
        hline(cr, L->px0, L->px1, c->kind == PLOT_ECDF ? L->py1 : base_y(L), 1.5 * s, PLOT__BASELINE);
        draw_ref(cr, c, L);
    }
    if (c->kind != PLOT_ECDF)
        draw_categories(cr, c, L);
    draw_x_title(cr, c, L);
    draw_legend(cr, c, L);
    if (L->no_data && c->kind != PLOT_HEATMAP) {
        double lh;
        set_font(cr, L->fs_axis * 1.2, 0, &lh);
        plot_colour_set(cr, PLOT__NA, 1.0);
        plot_text_draw(cr, "No data", (L->px0 + L->px1) / 2, (L->py0 + L->py1) / 2 - lh / 2,
                       PLOT_ALIGN_CENTRE);
    }
    cairo_restore(cr);
    free(L);
    if (!st && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = PLOT_ECAIRO;
    return st;
}

int plot_chart_draw_fn(cairo_t *cr, double w, double h, const void *ctx)
{
    return plot_chart_draw(cr, w, h, (const plot_chart *)ctx);
}
