/* charts_label — what the charts and the deck call things: model and
 * hosting labels, model colours, the subtitle, numbers for people, CSV
 * fields. See charts_label.h. */
#include "report/charts_label.h"
#include "plots/plot.h"
#include "plots/plot_ticks.h"

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
    snprintf(buf, n, "Scenario %s \xc2\xb7 %d replication%s \xc2\xb7 seed %s", d->scenario, d->reps,
             d->reps == 1 ? "" : "s", d->seed);
}

const char *charts_fmt(double v, char *buf, size_t n)
{
    plot_number_format(v, plot_decimals_for_values(fabs(v)), PLOT_FMT_THOUSANDS, buf, n);
    return buf;
}
