/* plot_style — the frame shared by charts and pages: margins, the title block
 * at the top left and the caption at the bottom left. */
#include "plots/plot_style.h"
#include "plots/plot.h"

#include <math.h>
#include <string.h>

double plot__scale(double w, double h, double font_scale)
{
    if (font_scale > 0.0)
        return font_scale;
    double s = sqrt((w / PLOT__REF_W) * (h / PLOT__REF_H));
    return s > 0.0 ? s : 1.0;
}

void plot__frame_layout(cairo_t *cr, double w, double h, double s, const char *title,
                        const char *subtitle, const char *caption, plot__frame *f)
{
    memset(f, 0, sizeof *f);
    f->s = s;
    f->ml = 44.0 * s;
    f->mr = 44.0 * s;
    f->mt = 34.0 * s;
    f->mb = 26.0 * s;
    f->fs_title = PLOT__FS_TITLE * s;
    f->fs_sub = PLOT__FS_SUB * s;
    f->fs_caption = PLOT__FS_CAPTION * s;
    double cw = w - f->ml - f->mr, lh;

    double y = f->mt;
    if (title && *title) {
        plot_text_font(cr, f->fs_title, 1);
        plot_text_metrics(cr, NULL, NULL, &lh);
        plot_text_wrap(cr, title, cw, 2, &f->title_w);
        f->title_y = y;
        y += lh * (double)f->title_w.n;
    }
    if (subtitle && *subtitle) {
        plot_text_font(cr, f->fs_sub, 0);
        plot_text_metrics(cr, NULL, NULL, &lh);
        y += 4.0 * s;
        plot_text_wrap(cr, subtitle, cw, 2, &f->sub_w);
        f->sub_y = y;
        y += lh * (double)f->sub_w.n;
    }
    f->top = y;

    double yb = h - f->mb;
    if (caption && *caption) {
        plot_text_font(cr, f->fs_caption, 0);
        plot_text_metrics(cr, NULL, NULL, &lh);
        plot_text_wrap(cr, caption, cw, 3, &f->caption_w);
        f->caption_y = yb - lh * (double)f->caption_w.n;
        yb = f->caption_y;
    }
    f->bottom = yb;
}

void plot__frame_draw(cairo_t *cr, double w, double h, const plot__frame *f, const char *title,
                      const char *subtitle, const char *caption)
{
    double lh;
    cairo_rectangle(cr, 0, 0, w, h);
    plot_colour_set(cr, 0xFFFFFFu, 1.0);
    cairo_fill(cr);
    if (title && *title) {
        plot_text_font(cr, f->fs_title, 1);
        plot_text_metrics(cr, NULL, NULL, &lh);
        plot_colour_set(cr, PLOT__INK, 1.0);
        plot_text_draw_wrap(cr, title, &f->title_w, f->ml, f->title_y, lh, PLOT_ALIGN_LEFT);
    }
    if (subtitle && *subtitle) {
        plot_text_font(cr, f->fs_sub, 0);
        plot_text_metrics(cr, NULL, NULL, &lh);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        plot_text_draw_wrap(cr, subtitle, &f->sub_w, f->ml, f->sub_y, lh, PLOT_ALIGN_LEFT);
    }
    if (caption && *caption) {
        plot_text_font(cr, f->fs_caption, 0);
        plot_text_metrics(cr, NULL, NULL, &lh);
        plot_colour_set(cr, PLOT__INK3, 1.0);
        plot_text_draw_wrap(cr, caption, &f->caption_w, f->ml, f->caption_y, lh, PLOT_ALIGN_LEFT);
    }
}
