/* sweep_observed — reading OBSERVED.json: figures, values, tolerances. */
#include "sweep/sweep_observed.h"
#include "models/org_const.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct figure_def {
    const char *name;
    int metric, per_week;
    double upper;
    const char *unit;
} figure_def;

#define AS_DEF(k, m, w, u, unit) { k, m, w, u, unit },
static const figure_def figures[SWEEP_OBS_COUNT] = { SWEEP_OBS_FIGURES(AS_DEF) };
#undef AS_DEF

static const char *const keys_top[] = { "$schema", "description", "model", "hosting", "tolerance", "observed" };
static const char *const keys_fig[] = { "value", "tolerance" };

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

const char *sweep_obs_name(sweep_obs_figure f)
{
    return (unsigned)f < SWEEP_OBS_COUNT ? figures[f].name : "?";
}

const char *sweep_obs_unit(sweep_obs_figure f)
{
    return (unsigned)f < SWEEP_OBS_COUNT ? figures[f].unit : "?";
}

int sweep_obs_metric(sweep_obs_figure f)
{
    return figures[f].metric;
}

double sweep_obs_scale(sweep_obs_figure f, const org_scenario *s)
{
    return figures[f].per_week ? ORG_DAYS_PER_WEEK / s->run.measure_days : 1.0;
}

/* Where the reader is: the file, its problems, the JSON path. */
typedef struct parser {
    const char *file;
    util_diags *d;
    util_path path;
} parser;

/* A problem at the reader's current path. */
#define perr(P, ...) util_diags_at((P)->d, (P)->file, (P)->path.buf, __VA_ARGS__)

/* A tolerance: a positive number (absolute) or "P%" with 0 < P <= 1000.
 * Fills *abs_tol (or 0) and *pct (or 0); 0 or -1 (reported at P's path). */
static int read_tolerance(parser *P, const cJSON *v, double *abs_tol, double *pct)
{
    char got[96];
    *abs_tol = 0;
    *pct = 0;
    if (cJSON_IsNumber(v)) {
        if (!isfinite(v->valuedouble) || v->valuedouble <= 0) {
            perr(P, "must be a positive number (absolute, in the figure's unit) or a percentage "
                    "such as \"10%%\", got %.15g", v->valuedouble);
            return -1;
        }
        *abs_tol = v->valuedouble;
        return 0;
    }
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        char *end = NULL;
        double x = strtod(s, &end);
        if (end != s && end && strcmp(end, "%") == 0 && isfinite(x) && x > 0 && x <= 1000) {
            *pct = x;
            return 0;
        }
    }
    perr(P, "must be a positive number (absolute, in the figure's unit) or a percentage from "
            "just above 0%% to 1000%% such as \"10%%\", got %s", util_json_describe(v, got, sizeof got));
    return -1;
}

/* Reads one figure's entry (a number, or {"value", "tolerance"}). */
static void read_figure(parser *P, const cJSON *e, sweep_obs_figure f, double dflt_pct, sweep_observed *out)
{
    char got[96];
    const cJSON *val = e, *tol = NULL;
    if (cJSON_IsObject(e)) {
        util_json_check_keys(e, keys_fig, N_OF(keys_fig), P->file, &P->path, P->d);
        val = cJSON_GetObjectItemCaseSensitive(e, "value");
        tol = cJSON_GetObjectItemCaseSensitive(e, "tolerance");
        if (!val) {
            perr(P, "missing \"value\" (a number in %s)", figures[f].unit);
            return;
        }
    } else if (!cJSON_IsNumber(e)) {
        perr(P, "must be a number (%s) or {\"value\": V, \"tolerance\": T}, got %s", figures[f].unit,
             util_json_describe(e, got, sizeof got));
        return;
    }
    size_t mark = val != e ? util_path_key(&P->path, "value") : 0;
    int bad = 0;
    if (!cJSON_IsNumber(val) || !isfinite(val->valuedouble)) {
        perr(P, "must be a number (%s), got %s", figures[f].unit, util_json_describe(val, got, sizeof got));
        bad = 1;
    } else if (val->valuedouble < 0) {
        perr(P, "must be at least 0 (%s), got %.15g", figures[f].unit, val->valuedouble);
        bad = 1;
    } else if (figures[f].upper > 0 && val->valuedouble > figures[f].upper) {
        perr(P, "is a share: at most %g, got %.15g", figures[f].upper, val->valuedouble);
        bad = 1;
    }
    if (val != e)
        util_path_pop(&P->path, mark);
    double abs_tol = 0, pct = dflt_pct;
    if (tol) {
        mark = util_path_key(&P->path, "tolerance");
        if (read_tolerance(P, tol, &abs_tol, &pct) != 0)
            bad = 1;
        util_path_pop(&P->path, mark);
    }
    if (bad)
        return;
    double v = val->valuedouble, t = pct > 0 ? v * pct / 100.0 : abs_tol;
    if (!(t > 0)) {
        perr(P, "is 0, so a tolerance in percent of it is 0: give an absolute tolerance "
                "({\"value\": 0, \"tolerance\": T})");
        return;
    }
    sweep_obs *o = &out->items[out->n++];
    o->figure = f;
    o->value = v;
    o->tolerance = t;
    o->tol_pct = pct > 0 ? pct : 0;
}

static void read_name(parser *P, const cJSON *root, const char *key, char *dst, size_t size)
{
    char got[96];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!v)
        return;
    size_t mark = util_path_key(&P->path, key);
    if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) >= size)
        perr(P, "must be the name of one of the scenario's %s (a text of 1 to %zu characters), got %s",
             strcmp(key, "model") ? "hosting points" : "models", size - 1, util_json_describe(v, got, sizeof got));
    else
        snprintf(dst, size, "%s", v->valuestring);
    util_path_pop(&P->path, mark);
}

static void read_observed(parser *P, const cJSON *obs, double dflt_pct, sweep_observed *out)
{
    char got[96];
    size_t mark = util_path_key(&P->path, "observed");
    if (!cJSON_IsObject(obs) || !obs->child) {
        perr(P, "must be an object with at least one figure, e.g. {\"lead_time_p85_days\": 18}, got %s",
             util_json_describe(obs, got, sizeof got));
        util_path_pop(&P->path, mark);
        return;
    }
    const char *names[SWEEP_OBS_COUNT];
    for (int f = 0; f < SWEEP_OBS_COUNT; f++)
        names[f] = figures[f].name;
    int seen[SWEEP_OBS_COUNT] = { 0 };
    for (const cJSON *e = obs->child; e; e = e->next) {
        size_t m2 = util_path_key(&P->path, e->string);
        int f = -1;
        for (int i = 0; i < SWEEP_OBS_COUNT; i++)
            if (strcmp(e->string, figures[i].name) == 0)
                f = i;
        if (f < 0) {
            const char *s = util_suggest(e->string, names, SWEEP_OBS_COUNT);
            char q[160];
            perr(P, "unknown figure %s%s%s%s (the figures: lead_time_p50_days, lead_time_p85_days, "
                    "ticket_wait_mean_days, utilization_central, deploys_per_week, change_failure_rate, "
                    "time_to_restore_p50_days, incidents_per_week, features_per_week, utilization_product)",
                 util_json_quote(e->string, q, sizeof q), s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        } else if (seen[f]) {
            perr(P, "is given twice");
        } else {
            seen[f] = 1;
            read_figure(P, e, (sweep_obs_figure)f, dflt_pct, out);
        }
        util_path_pop(&P->path, m2);
    }
    util_path_pop(&P->path, mark);
}

int sweep_observed_parse(const char *text, size_t len, const char *file, sweep_observed *out,
                         util_diags *d)
{
    memset(out, 0, sizeof *out);
    int before = util_diags_count(d);
    cJSON *root = util_json_parse(text, len, file, d);
    if (!root)
        return -1;
    parser P = { .file = file, .d = d };
    util_path_init(&P.path);
    char got[96];
    if (!cJSON_IsObject(root)) {
        perr(&P, "must be an object {\"model\": M, \"hosting\": H, \"observed\": {...}}, got %s",
             util_json_describe(root, got, sizeof got));
        cJSON_Delete(root);
        return -1;
    }
    util_json_check_keys(root, keys_top, N_OF(keys_top), file, &P.path, d);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "description");
    if (v && !cJSON_IsString(v)) {
        size_t mark = util_path_key(&P.path, "description");
        perr(&P, "must be a text in double quotes, got %s", util_json_describe(v, got, sizeof got));
        util_path_pop(&P.path, mark);
    }
    read_name(&P, root, "model", out->model, sizeof out->model);
    read_name(&P, root, "hosting", out->hosting, sizeof out->hosting);
    double dflt_pct = SWEEP_OBS_DEFAULT_TOL_PCT, abs_tol = 0;
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "tolerance"))) {
        size_t mark = util_path_key(&P.path, "tolerance");
        double pct = 0;
        if (read_tolerance(&P, v, &abs_tol, &pct) == 0 && pct == 0)
            perr(&P, "the default tolerance must be a percentage such as \"10%%\" (the figures have "
                     "different units); give an absolute tolerance on a figure instead");
        else if (pct > 0)
            dflt_pct = pct;
        util_path_pop(&P.path, mark);
    }
    v = cJSON_GetObjectItemCaseSensitive(root, "observed");
    if (!v)
        perr(&P, "missing \"observed\": the measured figures, e.g. {\"lead_time_p85_days\": 18}");
    else
        read_observed(&P, v, dflt_pct, out);
    cJSON_Delete(root);
    return util_diags_count(d) > before ? -1 : 0;
}
