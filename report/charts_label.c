/* charts_label — what the charts and the deck call things: model and
 * hosting labels, model colours, the subtitle, numbers for people, CSV
 * fields. See charts_label.h. */
#include "report/charts_label.h"
#include "plots/plot.h"
#include "plots/plot_ticks.h"
#include "plots/plot_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- labels and colours ------------------------------------------------------- */

static const struct {
    const char *name, *label;
    uint32_t colour;
} preset_models[] = {
    { "traditional_ops", "Traditional ops", PLOT_VERMILLION },
    { "devops_team", "DevOps team", PLOT_ORANGE },
    { "true_devops", "True DevOps", PLOT_BLUE },
};

/* Colours for other models, in order; then they repeat. */
static const uint32_t other_colours[] = { PLOT_SKY_BLUE, PLOT_BLUISH_GREEN, PLOT_REDDISH_PURPLE, PLOT_BLACK,
                                          PLOT_GREY };

uint32_t charts_model_colour(const char *name, int other_index)
{
    for (size_t i = 0; i < sizeof preset_models / sizeof preset_models[0]; i++)
        if (!strcmp(name, preset_models[i].name))
            return preset_models[i].colour;
    size_t n = sizeof other_colours / sizeof other_colours[0];
    return other_colours[(size_t)(other_index < 0 ? 0 : other_index) % n];
}

const char *charts_model_label(const char *name)
{
    for (size_t i = 0; i < sizeof preset_models / sizeof preset_models[0]; i++)
        if (!strcmp(name, preset_models[i].name))
            return preset_models[i].label;
    return name;
}

const char *charts_hosting_label(const char *name)
{
    static const char *const map[][2] = {
        { "on_prem", "On-prem" }, { "colocation", "Colocation" }, { "iaas", "IaaS" },
        { "containers", "Containers" }, { "paas", "PaaS" }, { "serverless", "Serverless" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(name, map[i][0]))
            return map[i][1];
    return name;
}

const char *charts_policy_label(const char *name, char *buf, size_t n)
{
    static const char *const map[][2] = {
        { "board_and_windows", "a change board and windows" },
        { "on_demand_pipeline", "an on-demand pipeline" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(name, map[i][0])) {
            snprintf(buf, n, "%s", map[i][1]);
            return buf;
        }
    snprintf(buf, n, "%s", name);
    for (char *p = buf; *p; p++)    /* policy names read as words on a slide */
        if (*p == '_')
            *p = ' ';
    return buf;
}

void charts_model_colours(const charts_data *d, uint32_t *out, int max)
{
    int other = 0;
    for (int m = 0; m < d->n_models && m < max; m++) {
        int preset = 0;
        for (size_t i = 0; i < sizeof preset_models / sizeof preset_models[0]; i++)
            if (!strcmp(d->model[m], preset_models[i].name))
                preset = 1;
        out[m] = charts_model_colour(d->model[m], preset ? 0 : other);
        if (!preset)
            other++;
    }
}

/* ---- text for charts, the deck and the CSVs --------------------------------------------- */

void charts_csv_num(util_buf *b, double v)
{
    if (isfinite(v))
        util_buf_add(b, "%.10g", v);
}

void charts_subtitle(const charts_data *d, char *buf, size_t n)
{
    /* with a timeline every design changes during the run: its name is the
     * one it starts as (a board read "DevOps team at IaaS" as the whole story) */
    const cJSON *tl = d->scenario_file ? cJSON_GetObjectItemCaseSensitive(d->scenario_file, "timeline") : NULL;
    int timeline = cJSON_IsArray(tl) && cJSON_GetArraySize(tl) > 0;
    snprintf(buf, n, "Scenario %s \xc2\xb7 %d replication%s \xc2\xb7 seed %s%s", d->scenario, d->reps,
             d->reps == 1 ? "" : "s", d->seed,
             timeline ? " \xc2\xb7 with its timeline: each design named as it starts" : "");
}

const char *charts_fmt(double v, char *buf, size_t n)
{
    plot_number_format(v, plot_decimals_for_values(fabs(v)), PLOT_FMT_THOUSANDS, buf, n);
    return buf;
}

void charts_label_stack(const double *y, size_t n, double lh, double gap, double *out)
{
    /* lowest marker (largest y) first; insertion sort: n is the number of models */
    size_t order[64];
    if (n > 64)
        n = 64;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && y[order[j - 1]] < y[i]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        double want = y[i] - gap;
        out[i] = k == 0 ? want : fmin(want, out[order[k - 1]] - lh * (1.0 + CHARTS_LABEL_AIR));
    }
}

int charts_segment_hits(double ax, double ay, double bx, double by, const charts_box *b, double clear)
{
    /* Liang–Barsky: clip the segment to the box grown by clear */
    double x0 = b->x0 - clear, x1 = b->x1 + clear, y0 = b->y0 - clear, y1 = b->y1 + clear;
    double dx = bx - ax, dy = by - ay, t0 = 0.0, t1 = 1.0;
    const double p[4] = { -dx, dx, -dy, dy }, q[4] = { ax - x0, x1 - ax, ay - y0, y1 - ay };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return 0;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0.0)
            t0 = t > t0 ? t : t0;
        else
            t1 = t < t1 ? t : t1;
        if (t0 > t1)
            return 0;
    }
    return 1;
}

/* 1 when box b is free: inside area, clear of every segment, marker and placed box. */
static int box_free(const charts_box *b, const double *x, const double *y, size_t n, const double *segs,
                    size_t n_segs, double clear, double r, const charts_box *area, const charts_box *placed,
                    size_t n_placed)
{
    if (b->x0 < area->x0 || b->x1 > area->x1 || b->y0 < area->y0 || b->y1 > area->y1)
        return 0;
    for (size_t s = 0; s < n_segs; s++)
        if (charts_segment_hits(segs[4 * s], segs[4 * s + 1], segs[4 * s + 2], segs[4 * s + 3], b, clear))
            return 0;
    for (size_t i = 0; i < n; i++) {
        double cx = fmax(b->x0, fmin(x[i], b->x1)), cy = fmax(b->y0, fmin(y[i], b->y1));
        if (hypot(cx - x[i], cy - y[i]) < r)
            return 0;
    }
    for (size_t i = 0; i < n_placed; i++)
        if (b->x0 < placed[i].x1 + clear && placed[i].x0 < b->x1 + clear && b->y0 < placed[i].y1 + clear
            && placed[i].y0 < b->y1 + clear)
            return 0;
    return 1;
}

void charts_label_place(const double *x, const double *y, const double *w, size_t n, double lh, double gap,
                        double dx, const double *segs, size_t n_segs, double clear, double r, const charts_box *area,
                        charts_box *out)
{
    enum { TRIES = 12 };
    for (size_t i = 0; i < n; i++) {
        double step = lh * (1.0 + CHARTS_LABEL_AIR);
        charts_box usual = { x[i] + dx, y[i] - gap - lh, x[i] + dx + w[i], y[i] - gap };
        out[i] = usual;
        for (int t = 0; t < TRIES; t++) {
            int left = t == 2 || t == 3, below = t % 2 == 1, far = t >= 4 ? (t - 2) / 2 : 0;
            charts_box b;
            b.x0 = left ? x[i] - dx - w[i] : x[i] + dx;
            b.x1 = b.x0 + w[i];
            b.y0 = below ? y[i] + gap + far * step : y[i] - gap - lh - far * step;
            b.y1 = b.y0 + lh;
            if (box_free(&b, x, y, n, segs, n_segs, clear, r, area, out, i)) {
                out[i] = b;
                break;
            }
        }
    }
}

uint32_t charts_colour_darken(uint32_t rgb, double t)
{
    uint32_t r = (rgb >> 16) & 0xFFu, g = (rgb >> 8) & 0xFFu, b = rgb & 0xFFu;
    double k = 1.0 - (t < 0 ? 0 : t > 1 ? 1 : t);
    return (uint32_t)lround(r * k) << 16 | (uint32_t)lround(g * k) << 8 | (uint32_t)lround(b * k);
}

void charts_mark_warnings(cairo_t *cr, const plot_chart *c, const plot_layout *L, const unsigned char *flags)
{
    size_t nh = c->n_categories;
    cairo_save(cr);
    plot_text_setup(cr);
    plot_text_font(cr, 20.0 * L->scale, 0);
    double lh;
    plot_text_metrics(cr, NULL, NULL, &lh);
    plot_colour_set(cr, 0x3B3B3Bu, 1.0);
    for (size_t k = 0; k < c->n_series; k++)
        for (size_t i = 0; i < nh; i++) {
            const plot_series *se = &c->series[k];
            if (!flags[k * nh + i] || !isfinite(se->values[i]))
                continue;
            double top = se->values[i];
            if (se->high && isfinite(se->high[i]) && se->high[i] > top)
                top = se->high[i];
            double xl, xr;
            plot_layout_bar_span(L, c, i, k, &xl, &xr);
            plot_text_draw(cr, "\xe2\x9a\xa0", (xl + xr) / 2, plot_layout_value_y(L, top) - lh - 2.0 * L->scale,
                           PLOT_ALIGN_CENTRE);
        }
    cairo_restore(cr);
}

void charts_mark_unstable(cairo_t *cr, const plot_chart *c, const plot_layout *L, const unsigned char *flags)
{
    size_t nh = c->n_categories;
    double s = L->scale, top = L->py0, hgt = (L->py1 - L->py0) * 0.2;
    cairo_save(cr);
    plot_text_setup(cr);
    plot_text_font(cr, 13.0 * s, 1);
    for (size_t k = 0; k < c->n_series; k++)
        for (size_t i = 0; i < nh; i++) {
            if (!flags[k * nh + i])
                continue;
            double xl, xr;
            plot_layout_bar_span(L, c, i, k, &xl, &xr);
            uint32_t col = c->series[k].colour;
            cairo_save(cr);
            cairo_rectangle(cr, xl, top, xr - xl, hgt);
            plot_colour_set(cr, 0xFFFFFFu, 1.0);
            cairo_fill_preserve(cr);
            cairo_clip(cr);
            plot_colour_set(cr, col, 1.0);
            cairo_set_line_width(cr, 2.0 * s);
            for (double x = xl - hgt; x < xr; x += 8.0 * s) {
                cairo_move_to(cr, x, top + hgt);
                cairo_line_to(cr, x + hgt, top);
            }
            cairo_stroke(cr);
            cairo_restore(cr);
            cairo_rectangle(cr, xl, top, xr - xl, hgt);
            plot_colour_set(cr, col, 1.0);
            cairo_set_line_width(cr, 2.0 * s);
            cairo_stroke(cr);
            /* the word, vertical, on a white band so the hatching never hides it */
            cairo_text_extents_t te;
            cairo_text_extents(cr, "unstable", &te);
            if (te.width + 6 * s > hgt || xr - xl < 14.0 * s)
                continue; /* no room: the hatching alone (the caption explains it) */
            cairo_save(cr);
            cairo_translate(cr, (xl + xr) / 2, top + hgt / 2);
            cairo_rotate(cr, -M_PI / 2);
            cairo_rectangle(cr, -te.width / 2 - 3 * s, -8.0 * s, te.width + 6 * s, 16.0 * s);
            plot_colour_set(cr, 0xFFFFFFu, 1.0);
            cairo_fill(cr);
            plot_colour_set(cr, 0x1A1A1Au, 1.0);
            cairo_move_to(cr, -te.width / 2 - te.x_bearing, -(te.y_bearing + te.height / 2));
            cairo_show_text(cr, "unstable");
            cairo_restore(cr);
        }
    cairo_restore(cr);
}
