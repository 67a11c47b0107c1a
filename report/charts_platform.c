/* charts_platform — the platform team's size as a chart. See
 * charts_platform.h and docs/charts.md. */
#include "report/charts_platform.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/charts.h"
#include "report/charts_data.h"
#include "report/charts_label.h"
#include "plots/plot_out.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#define PNG_W 1600
#define PNG_H 900
#define PAGE_W 960.0
#define PAGE_H 540.0

void charts_platform_free(charts_platform *p)
{
    if (p)
        util_buf_free(&p->csv);
}

/* A number member, or null (NAN) when allow_null; -1 when neither. */
static int num_at(const cJSON *o, const char *key, int allow_null, double *v)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(x)) {
        *v = x->valuedouble;
        return 0;
    }
    if (allow_null && cJSON_IsNull(x)) {
        *v = (double)NAN;
        return 0;
    }
    return -1;
}

/* The x position of enablement value e, added in order when new; -1 when full. */
static int point_index(charts_platform *p, double e)
{
    size_t i = 0;
    while (i < p->n_points && p->enablement[i] < e)
        i++;
    if (i < p->n_points && p->enablement[i] == e)
        return (int)i;
    if (p->n_points == CHARTS_PLATFORM_POINTS)
        return -1;
    memmove(&p->enablement[i + 1], &p->enablement[i], (p->n_points - i) * sizeof p->enablement[0]);
    for (size_t k = 0; k < p->n_curves + 1 && k < CHARTS_PLATFORM_CURVES; k++) {
        memmove(&p->cost_m[k][i + 1], &p->cost_m[k][i], (p->n_points - i) * sizeof p->cost_m[k][0]);
        memmove(&p->headcount[k][i + 1], &p->headcount[k][i], (p->n_points - i) * sizeof p->headcount[k][0]);
        p->cost_m[k][i] = p->headcount[k][i] = (double)NAN;
        if (p->chosen[k] >= (int)i)
            p->chosen[k]++;
    }
    p->enablement[i] = e;
    p->n_points++;
    return (int)i;
}

/* Reads the curve of cells[ci] into curve p->n_curves. 0, 1 (no curve), -1 (bad). */
static int read_curve(charts_platform *p, const cJSON *cell, int ci, const char *file, util_diags *diags)
{
    char path[96];
    snprintf(path, sizeof path, "$.cells[%d]", ci);
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(cell, "platform_search");
    if (!ps || cJSON_IsNull(ps))
        return 1;
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(cell, "model");
    const cJSON *hosting = cJSON_GetObjectItemCaseSensitive(cell, "hosting");
    const cJSON *curve = cJSON_GetObjectItemCaseSensitive(ps, "curve");
    if (!cJSON_IsString(model) || !cJSON_IsString(hosting) || !cJSON_IsArray(curve)) {
        util_diags_at(diags, file, path, "expected \"model\" and \"hosting\" strings and \"platform_search\" "
                      "with a \"curve\" array (docs/staffing.md)");
        return -1;
    }
    if (p->n_curves == CHARTS_PLATFORM_CURVES) {
        p->left_out++;
        return 1;
    }
    size_t k = p->n_curves;
    for (size_t i = 0; i < CHARTS_PLATFORM_POINTS; i++)
        p->cost_m[k][i] = p->headcount[k][i] = (double)NAN;
    snprintf(p->name[k], sizeof p->name[k], "%s · %s", charts_model_label(model->valuestring),
             charts_hosting_label(hosting->valuestring));
    int j = 0;
    for (const cJSON *pt = curve->child; pt; pt = pt->next, j++) {
        double e, cost, head;
        const cJSON *chosen = cJSON_GetObjectItemCaseSensitive(pt, "chosen");
        if (num_at(pt, "enablement_engineers", 0, &e) != 0 || !(e >= 0.0) || num_at(pt, "cost_per_year", 1, &cost) != 0
            || num_at(pt, "total_headcount", 1, &head) != 0 || !cJSON_IsBool(chosen)) {
            util_diags_at(diags, file, path, "platform_search.curve[%d]: expected numbers \"enablement_engineers\" "
                          "(>= 0), \"cost_per_year\" and \"total_headcount\" (or null) and a boolean \"chosen\"", j);
            return -1;
        }
        int x = point_index(p, e);
        if (x < 0) {
            util_diags_at(diags, file, path, "platform_search.curve: more than %d enablement sizes in all",
                          CHARTS_PLATFORM_POINTS);
            return -1;
        }
        p->cost_m[k][x] = cost / 1e6;
        p->headcount[k][x] = head;
        if (cJSON_IsTrue(chosen))
            p->chosen[k] = x;
    }
    p->n_curves++;
    return 0;
}

/* The CSV of the numbers drawn: one row per curve and point. */
static void write_csv(charts_platform *p, const char *const *model, const char *const *hosting)
{
    util_buf_add(&p->csv, "model,hosting,enablement_engineers,total_headcount,cost_per_year_millions,chosen,currency\n");
    for (size_t k = 0; k < p->n_curves; k++)
        for (size_t i = 0; i < p->n_points; i++) {
            if (isnan(p->cost_m[k][i]) && isnan(p->headcount[k][i]))
                continue;
            util_csv_field(&p->csv, model[k]);
            util_buf_add(&p->csv, ",");
            util_csv_field(&p->csv, hosting[k]);
            util_buf_add(&p->csv, ",%.0f,", p->enablement[i]);
            charts_csv_num(&p->csv, p->headcount[k][i]);
            util_buf_add(&p->csv, ",");
            charts_csv_num(&p->csv, p->cost_m[k][i]);
            util_buf_add(&p->csv, ",%d,", p->chosen[k] == (int)i);
            util_csv_field(&p->csv, p->currency);
            util_buf_add(&p->csv, "\n");
        }
}

/* 1 when curves a and b have the same value (or none) at every point. */
static int same_curve(const charts_platform *p, size_t a, size_t b)
{
    for (size_t i = 0; i < p->n_points; i++) {
        double x[2] = { p->cost_m[a][i], p->headcount[a][i] }, y[2] = { p->cost_m[b][i], p->headcount[b][i] };
        for (int j = 0; j < 2; j++)
            if (isnan(x[j]) != isnan(y[j]) || (!isnan(x[j]) && x[j] != y[j]))
                return 0;
    }
    return 1;
}

/* The lines drawn: one per distinct curve, named after every curve it
 * stands for ("True DevOps · IaaS = Containers"), its points without a
 * value left out (marked, so no "n/a"). */
static void build_drawn(charts_platform *p, const char *const *model, const char *const *hosting)
{
    size_t of[CHARTS_PLATFORM_CURVES];
    p->n_drawn = 0;
    for (size_t k = 0; k < p->n_curves; k++) {
        size_t dj = 0;
        while (dj < p->n_drawn && !same_curve(p, of[dj], k))
            dj++;
        char *nm = p->drawn_name[dj];
        size_t o = strlen(nm);
        if (dj < p->n_drawn) {
            /* the same model: only the hosting point is added */
            const char *add = !strcmp(model[of[dj]], model[k]) ? charts_hosting_label(hosting[k]) : p->name[k];
            snprintf(nm + o, sizeof p->drawn_name[dj] - o, " = %s", add);
            continue;
        }
        of[p->n_drawn] = k;
        snprintf(nm, sizeof p->drawn_name[dj], "%s", p->name[k]);
        for (size_t i = 0; i < p->n_points; i++)
            p->no_point[dj * p->n_points + i] = isnan(p->cost_m[k][i]) || isnan(p->headcount[k][i]);
        p->n_drawn++;
    }
    for (size_t dj = 0; dj < p->n_drawn; dj++)
        for (int g = 0; g < 2; g++) {
            plot_series *se = &p->series[g][dj];
            size_t k = of[dj];
            se->name = p->drawn_name[dj];
            se->values = g ? p->headcount[k] : p->cost_m[k];
            se->colour = p->colour[k];
        }
}

/* Titles, panels and legend once the curves are read. */
static void build_specs(charts_platform *p, const char *scenario, const char *const *model,
                        const char *const *hosting)
{
    for (size_t i = 0; i < p->n_points; i++) {
        snprintf(p->cat[i], sizeof p->cat[i], "%.0f", p->enablement[i]);
        p->cat_ptr[i] = p->cat[i];
    }
    snprintf(p->title, sizeof p->title, "The platform team's size: total cost and headcount at equal delivery");
    if (snprintf(p->subtitle, sizeof p->subtitle, "%s · staffing search · common random numbers", scenario)
        >= (int)sizeof p->subtitle)
        p->subtitle[sizeof p->subtitle - 1] = '\0';   /* a very long scenario name is cut */
    util_buf cb = { 0 };
    util_buf_add(&cb, "x: engineers added to the platform team for enablement, beyond what its requests need. "
                 "Each point resizes the product teams for the lead-time target (equal delivery); sizes not "
                 "tried, or that no team size could staff, have no point. Cheapest:");
    int any = 0;
    for (size_t k = 0; k < p->n_curves; k++)
        if (p->chosen[k] >= 0)
            util_buf_add(&cb, "%s %s %.0f", any++ ? "," : "", p->name[k], p->enablement[p->chosen[k]]);
    util_buf_add(&cb, "%s.", any ? "" : " none");
    if (p->left_out)
        util_buf_add(&cb, " %zu more curves are in staffing_platform.csv.", p->left_out);
    size_t n = cb.n < sizeof p->caption ? cb.n : sizeof p->caption - 1;
    memcpy(p->caption, util_buf_str(&cb), n);
    p->caption[n] = '\0';
    util_buf_free(&cb);
    snprintf(p->y_cost, sizeof p->y_cost, "Total cost a year (millions %s)", p->currency);
    p->headings[0] = "Total cost a year";
    p->headings[1] = "Total headcount";
    build_drawn(p, model, hosting);
    for (int g = 0; g < 2; g++) {
        plot_chart *c = &p->panel[g];
        plot_chart_init(c, PLOT_LINES);
        c->categories = p->cat_ptr;
        c->n_categories = p->n_points;
        c->series = p->series[g];
        c->n_series = p->n_drawn;
        c->tight_range = 1;
        c->x_title = "Enablement engineers on the platform team";
        c->y_title = g ? "Engineers" : p->y_cost;
        c->marked = p->no_point;
    }
    p->panels = (plot_panels){ .title = p->title, .subtitle = p->subtitle, .caption = p->caption,
                               .panels = p->panel, .headings = p->headings, .n_panels = 2,
                               .legend = p->series[0], .n_legend = p->n_drawn, .legend_kind = PLOT_LINES,
                               .legend_title = "Model · hosting point" };
}

int charts_platform_build(charts_platform *p, const cJSON *staffing, const char *file, util_diags *diags)
{
    memset(p, 0, sizeof *p);
    for (size_t k = 0; k < CHARTS_PLATFORM_CURVES; k++)
        p->chosen[k] = -1;
    const cJSON *cells = cJSON_GetObjectItemCaseSensitive(staffing, "cells");
    if (!cJSON_IsArray(cells))
        return 1;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(staffing, "scenario");
    const cJSON *co = cJSON_GetObjectItemCaseSensitive(staffing, "costs");
    const cJSON *cur = co ? cJSON_GetObjectItemCaseSensitive(co, "currency") : NULL;
    snprintf(p->currency, sizeof p->currency, "%s", cJSON_IsString(cur) ? cur->valuestring : "EUR");
    const char *model[CHARTS_PLATFORM_CURVES], *hosting[CHARTS_PLATFORM_CURVES];
    /* colours: the model's fixed colour, darker along the continuum (cell order) */
    int ci = 0, per_model[CHARTS_PLATFORM_CURVES] = { 0 };
    for (const cJSON *cell = cells->child; cell; cell = cell->next, ci++) {
        size_t before = p->n_curves;
        int rc = read_curve(p, cell, ci, file, diags);
        if (rc < 0)
            return -1;
        if (p->n_curves == before)
            continue;
        model[before] = cJSON_GetObjectItemCaseSensitive(cell, "model")->valuestring;
        hosting[before] = cJSON_GetObjectItemCaseSensitive(cell, "hosting")->valuestring;
        int same = 0;
        for (size_t k = 0; k < before; k++)
            same += !strcmp(model[k], model[before]);
        per_model[before] = same;
    }
    if (p->n_curves == 0)
        return 1;
    for (size_t k = 0; k < p->n_curves; k++) {
        int of = 0;
        for (size_t j = 0; j < p->n_curves; j++)
            of += !strcmp(model[j], model[k]);
        double t = of > 1 ? 0.6 * per_model[k] / (of - 1) : 0.0;
        p->colour[k] = charts_colour_darken(charts_model_colour(model[k], 0), t);
    }
    build_specs(p, cJSON_IsString(sc) ? sc->valuestring : "", model, hosting);
    write_csv(p, model, hosting);
    return p->csv.err ? -1 : 0;
}

int charts_platform_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const charts_platform *p = ctx;
    return plot_panels_draw(cr, w, h, &p->panels);
}

int charts_platform_write(const char *results_path, const char *dir, unsigned formats)
{
    if (!results_path)
        return CHARTS_OK;
    char *path = charts_beside(results_path, "staffing.json");
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        free(path);
        return CHARTS_OK;
    }
    util_diags diags;
    util_diags_init(&diags);
    cJSON *root = charts_json_read(path, &diags);
    charts_platform *p = calloc(1, sizeof *p);
    int rc = root && p ? charts_platform_build(p, root, path, &diags) : -1;
    if (rc < 0)
        util_diags_print(&diags, stderr);
    util_diags_free(&diags);
    int out = rc < 0 ? (root ? CHARTS_EINPUT : CHARTS_EFAIL) : CHARTS_OK;
    if (rc == 0) {
        char err[512] = "";
        char *png = util_path_join(dir, "platform.png"), *svg = util_path_join(dir, "platform.svg");
        char *pdf = util_path_join(dir, "platform.pdf");
        plot_doc_info info = { p->title, NULL, NULL, "devopsim " DEVOPSIM_VERSION, NULL };
        if (!png || !svg || !pdf
            || ((formats & CHARTS_FMT_PNG) && plot_write_png(png, PNG_W, PNG_H, charts_platform_draw, p, err, sizeof err))
            || ((formats & CHARTS_FMT_SVG) && plot_write_svg(svg, PAGE_W, PAGE_H, charts_platform_draw, p, err, sizeof err))
            || ((formats & CHARTS_FMT_PDF)
                && plot_write_pdf(pdf, PAGE_W, PAGE_H, &info, charts_platform_draw, p, err, sizeof err))
            || util_write_atomic(dir, "platform.csv", util_buf_str(&p->csv), p->csv.n) != 0) {
            util_error("platform chart: %s", err[0] ? err : "cannot write");
            out = CHARTS_EFAIL;
        }
        free(png);
        free(svg);
        free(pdf);
    }
    charts_platform_free(p);
    free(p);
    cJSON_Delete(root);
    free(path);
    return out;
}
