/* plot_panels — charts side by side under one frame and one legend. The
 * frame and the legend are laid out as for a chart with the same title,
 * subtitle, caption and legend (so a panel page looks like its single-chart
 * neighbours); the panels share the space below the legend. */
#include "plots/plot_panels.h"
#include "plots/plot_style.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The frame and legend of p, laid out as a chart's (head and L are filled;
 * series and dummy are storage for head). */
typedef struct head {
    plot_chart chart;
    plot_series series[PLOT_MAX_SERIES];
    double dummy[1];
    const char *cat[1];
    plot_layout L;
    double s;
    double heading_y, heading_h; /* heading line box */
    double panel_y, panel_h;     /* rectangle of every panel */
} head;

static int layout_head(cairo_t *cr, double w, double h, const plot_panels *p, head *H)
{
    if (!p || !p->panels || p->n_panels == 0 || p->n_panels > PLOT_MAX_PANELS ||
        p->n_legend > PLOT_MAX_SERIES || (p->n_legend > 0 && !p->legend))
        return PLOT_EINVAL;
    memset(H, 0, sizeof *H);
    H->dummy[0] = NAN;
    H->cat[0] = "";
    plot_kind k = p->legend_kind == PLOT_LINES || p->legend_kind == PLOT_ECDF ? PLOT_LINES : PLOT_BARS;
    plot_chart_init(&H->chart, k);
    H->chart.title = p->title;
    H->chart.subtitle = p->subtitle;
    H->chart.caption = p->caption;
    H->chart.categories = H->cat;
    H->chart.n_categories = 1;
    for (size_t i = 0; i < p->n_legend; i++) {
        H->series[i].name = p->legend[i].name;
        H->series[i].colour = p->legend[i].colour;
        H->series[i].values = H->dummy;
    }
    H->chart.series = H->series;
    H->chart.n_series = p->n_legend;
    H->chart.legend_title = p->legend_title;
    H->chart.legend = p->n_legend > 0 ? PLOT_LEGEND_TOP : PLOT_LEGEND_NONE;
    H->chart.font_scale = p->font_scale;
    int st = plot_chart_layout(cr, w, h, &H->chart, &H->L);
    if (st)
        return st;
    const plot_layout *L = &H->L;
    double s = L->scale, lh;
    H->s = s;
    double top;
    if (L->legend_pos == PLOT_LEGEND_TOP)
        top = L->legend_y + L->legend_h + 20.0 * s;
    else
        top = L->frame.top + ((p->title && *p->title) || (p->subtitle && *p->subtitle) ? 20.0 * s : 0.0);
    cairo_save(cr);
    plot_text_setup(cr);
    plot_text_font(cr, PLOT__FS_SUB * s, 1);
    plot_text_metrics(cr, NULL, NULL, &lh);
    cairo_restore(cr);
    int any_heading = 0;
    for (size_t i = 0; p->headings && i < p->n_panels; i++)
        if (p->headings[i] && *p->headings[i])
            any_heading = 1;
    H->heading_y = top;
    H->heading_h = any_heading ? lh : 0.0;
    /* a panel without title starts its plot area 44 units below its top
       (frame margin 34 + 10): let it begin just under the heading */
    H->panel_y = top + H->heading_h + (any_heading ? 14.0 : 4.0) * s - 44.0 * s;
    double bottom = L->frame.bottom;
    H->panel_h = bottom - H->panel_y;
    if (H->panel_h < 100.0 * s)
        return PLOT_ERANGE;
    return PLOT_OK;
}

int plot_panels_rect(cairo_t *cr, double w, double h, const plot_panels *p, size_t i, double rect[4])
{
    head *H = malloc(sizeof *H);
    if (!H)
        return PLOT_ENOMEM;
    int st = layout_head(cr, w, h, p, H);
    if (!st && i >= p->n_panels)
        st = PLOT_EINVAL;
    if (!st) {
        double pw = w / (double)p->n_panels;
        rect[0] = pw * (double)i;
        rect[1] = H->panel_y;
        rect[2] = pw;
        rect[3] = H->panel_h;
    }
    free(H);
    return st;
}

int plot_panels_draw(cairo_t *cr, double w, double h, const plot_panels *p)
{
    if (!cr || !(w > 0) || !(h > 0))
        return PLOT_EINVAL;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return PLOT_ECAIRO;
    head *H = malloc(sizeof *H);
    if (!H)
        return PLOT_ENOMEM;
    int st = layout_head(cr, w, h, p, H);
    if (st) {
        free(H);
        return st;
    }
    double s = H->s, pw = w / (double)p->n_panels;
    cairo_save(cr);
    plot_text_setup(cr);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_clip(cr);
    plot__frame_draw(cr, w, h, &H->L.frame, p->title, p->subtitle, p->caption);
    for (size_t i = 0; i < p->n_panels && !st; i++) {
        plot_chart c = p->panels[i];
        c.title = c.subtitle = c.caption = NULL;
        c.legend = PLOT_LEGEND_NONE;
        c.font_scale = s;
        cairo_save(cr);
        cairo_translate(cr, pw * (double)i, H->panel_y);
        st = plot_chart_draw(cr, pw, H->panel_h, &c);
        cairo_restore(cr);
    }
    if (!st) {
        plot__legend_draw(cr, &H->chart, &H->L);
        plot_text_font(cr, PLOT__FS_SUB * s, 1);
        plot_colour_set(cr, PLOT__INK, 1.0);
        for (size_t i = 0; p->headings && i < p->n_panels; i++) {
            const char *t = p->headings[i];
            if (!t || !*t)
                continue;
            double x = pw * (double)i + H->L.frame.ml;
            int cut;
            size_t n = plot_text_fit(cr, t, strlen(t), pw - 2.0 * H->L.frame.ml, &cut);
            plot_text_draw_n(cr, t, n, cut, x, H->heading_y, PLOT_ALIGN_LEFT);
        }
    }
    cairo_restore(cr);
    free(H);
    if (!st && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = PLOT_ECAIRO;
    return st;
}

int plot_panels_draw_fn(cairo_t *cr, double w, double h, const void *ctx)
{
    return plot_panels_draw(cr, w, h, (const plot_panels *)ctx);
}
