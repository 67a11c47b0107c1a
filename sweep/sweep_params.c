/* sweep_params — parsing PARAMS.json, the design's unit coordinates, and
 * writing a point's values into a scenario by JSON path under the preset rule
 * (docs/sensitivity.md, "Paths into the scenario and its presets"). */
#include "sweep/sweep_params.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "models/org_types.h"
#include "scenario/scen_load.h"
#include "sim/sim_design.h"
#include "sim/sim_dist.h"
#include "util/util_msg.h"

static const char *const design_names[] = { "oat", "grid", "lhs", "sobol" };
static const char *const keys_top[] = { "$schema", "description", "design", "points", "seed", "params" };
static const char *const keys_param[] = { "path", "name", "low", "high", "dist", "levels", "integer" };
static const char *const dist_names[] = { "uniform", "triangular", "lognormal" };
static const char *const keys_uniform[] = { "low", "high" };
static const char *const keys_triangular[] = { "min", "mode", "max" };
static const char *const keys_lognormal[] = { "median", "p90" };

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

const char *sweep_design_name(sweep_design_kind k)
{
    return (unsigned)k < N_OF(design_names) ? design_names[k] : "?";
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* ---- paths ------------------------------------------------------------------ */

typedef enum seg_type { SEG_KEY, SEG_INDEX, SEG_NAME } seg_type;

typedef struct seg {
    seg_type type;
    char text[128];     /* key or name */
    size_t index;
} seg;

#define MAX_SEGS 32

/* Splits "$.a.b[3].c[name=x]" into segments. Returns the count, or 0 with a
 * reason in why. */
static size_t path_split(const char *path, seg *segs, char *why, size_t why_size)
{
    const char *p = path;
    size_t n = 0;
    if (*p != '$') {
        snprintf(why, why_size, "must start with '$' (the scenario's root), e.g. \"$.product_teams.features_per_week\"");
        return 0;
    }
    p++;
    while (*p) {
        if (n == MAX_SEGS) {
            snprintf(why, why_size, "has more than %d steps", MAX_SEGS);
            return 0;
        }
        seg *s = &segs[n];
        size_t col = (size_t)(p - path) + 1;
        if (*p == '.') {
            p++;
            size_t k = 0;
            if (!(isalpha((unsigned char)*p) || *p == '_')) {
                snprintf(why, why_size, "expected a key after '.' at character %zu", col + 1);
                return 0;
            }
            while (isalnum((unsigned char)*p) || *p == '_') {
                if (k + 1 >= sizeof s->text) {
                    snprintf(why, why_size, "key too long at character %zu", col + 1);
                    return 0;
                }
                s->text[k++] = *p++;
            }
            s->text[k] = '\0';
            s->type = SEG_KEY;
        } else if (*p == '[') {
            const char *close = strchr(p, ']');
            if (!close) {
                snprintf(why, why_size, "'[' at character %zu is not closed", col);
                return 0;
            }
            size_t len = (size_t)(close - p - 1);
            if (len > 0 && strspn(p + 1, "0123456789") == len) {
                if (len > 9) {
                    snprintf(why, why_size, "index too large at character %zu", col + 1);
                    return 0;
                }
                s->type = SEG_INDEX;
                s->index = (size_t)strtoul(p + 1, NULL, 10);
            } else if (len > 5 && strncmp(p + 1, "name=", 5) == 0 && len - 5 < sizeof s->text) {
                s->type = SEG_NAME;
                memcpy(s->text, p + 6, len - 5);
                s->text[len - 5] = '\0';
            } else {
                snprintf(why, why_size, "expected [index] or [name=NAME] at character %zu", col);
                return 0;
            }
            p = close + 1;
        } else {
            snprintf(why, why_size, "unexpected '%c' at character %zu (steps are .key, [index] or [name=NAME])",
                     isprint((unsigned char)*p) ? *p : '?', col);
            return 0;
        }
        n++;
    }
    if (n == 0)
        snprintf(why, why_size, "names no field (write e.g. \"$.product_teams.features_per_week\")");
    return n;
}

/* ---- parsing -------------------------------------------------------------- */

typedef struct parser {
    const char *file;
    util_diags *d;
    util_path path;
    int errors;
} parser;

static void perr(parser *P, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void perr(parser *P, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    util_diags_at(P->d, P->file, P->path.buf, "%s", msg);
    P->errors++;
}

/* Reads obj[key] as a finite number into *out. Returns 1 read, 0 absent (an
 * error when required), -1 wrong. */
static int get_number(parser *P, const cJSON *obj, const char *key, int required, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    size_t mark = util_path_key(&P->path, key);
    int rc = 1;
    char got[96];
    if (!v) {
        if (required) {
            util_path_pop(&P->path, mark);
            perr(P, "missing \"%s\" (a number)", key);
            return -1;
        }
        rc = 0;
    } else if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        perr(P, "must be a number, got %s", util_json_describe(v, got, sizeof got));
        rc = -1;
    } else {
        *out = v->valuedouble;
    }
    util_path_pop(&P->path, mark);
    return rc;
}

/* Reads obj[key] as an integer in [lo, hi]. Returns 1, 0 (absent), -1. */
static int get_integer(parser *P, const cJSON *obj, const char *key, double lo, double hi, double *out)
{
    double v = 0;
    int rc = get_number(P, obj, key, 0, &v);
    if (rc != 1)
        return rc;
    if (v != floor(v) || v < lo || v > hi) {
        size_t mark = util_path_key(&P->path, key);
        perr(P, "must be an integer from %.15g to %.15g, got %.15g", lo, hi, v);
        util_path_pop(&P->path, mark);
        return -1;
    }
    *out = v;
    return 1;
}

static int parse_dist(parser *P, const cJSON *dist, sweep_param *p)
{
    char got[96];
    size_t mark = util_path_key(&P->path, "dist");
    int rc = -1;
    size_t count = 0;
    for (const cJSON *c = cJSON_IsObject(dist) ? dist->child : NULL; c; c = c->next)
        count++;
    if (!cJSON_IsObject(dist) || count != 1) {
        perr(P, "must be an object with one key, the distribution (%s, %s or %s), got %s",
             dist_names[0], dist_names[1], dist_names[2], util_json_describe(dist, got, sizeof got));
        goto out;
    }
    const char *kind = dist->child->string;
    const cJSON *args = dist->child;
    if (util_json_check_keys(dist, dist_names, N_OF(dist_names), P->file, &P->path, P->d) > 0) {
        P->errors++;
        goto out;
    }
    size_t m2 = util_path_key(&P->path, kind);
    if (!cJSON_IsObject(args)) {
        perr(P, "must be an object, got %s", util_json_describe(args, got, sizeof got));
    } else if (strcmp(kind, "uniform") == 0) {
        if (util_json_check_keys(args, keys_uniform, N_OF(keys_uniform), P->file, &P->path, P->d) > 0)
            P->errors++;
        else if (get_number(P, args, "low", 1, &p->a) == 1 && get_number(P, args, "high", 1, &p->b) == 1) {
            if (!(p->a < p->b))
                perr(P, "needs low < high, got low %.15g and high %.15g", p->a, p->b);
            else {
                p->kind = SWEEP_UNIFORM;
                rc = 0;
            }
        }
    } else if (strcmp(kind, "triangular") == 0) {
        if (util_json_check_keys(args, keys_triangular, N_OF(keys_triangular), P->file, &P->path, P->d) > 0)
            P->errors++;
        else if (get_number(P, args, "min", 1, &p->a) == 1 && get_number(P, args, "mode", 1, &p->b) == 1 &&
                 get_number(P, args, "max", 1, &p->c) == 1) {
            if (!(p->a <= p->b && p->b <= p->c && p->a < p->c))
                perr(P, "needs min <= mode <= max and min < max, got %.15g, %.15g, %.15g", p->a, p->b, p->c);
            else {
                p->kind = SWEEP_TRIANGULAR;
                rc = 0;
            }
        }
    } else {
        double median = 0, p90 = 0;
        sim_dist ln;
        if (util_json_check_keys(args, keys_lognormal, N_OF(keys_lognormal), P->file, &P->path, P->d) > 0)
            P->errors++;
        else if (get_number(P, args, "median", 1, &median) == 1 && get_number(P, args, "p90", 1, &p90) == 1) {
            if (sim_dist_lognormal_median_p90(&ln, median, p90) != 0)
                perr(P, "needs p90 > median > 0, got median %.15g and p90 %.15g", median, p90);
            else {
                p->kind = SWEEP_LOGNORMAL;
                p->a = ln.a;
                p->b = ln.b;
                sim_dist_destroy(&ln);
                rc = 0;
            }
        }
    }
    util_path_pop(&P->path, m2);
out:
    util_path_pop(&P->path, mark);
    return rc;
}

static int parse_levels(parser *P, const cJSON *lv, sweep_param *p)
{
    char got[96];
    size_t mark = util_path_key(&P->path, "levels");
    int n = cJSON_IsArray(lv) ? cJSON_GetArraySize(lv) : 0;
    int rc = -1;
    if (!cJSON_IsArray(lv) || n < 1 || n > SWEEP_MAX_LEVELS) {
        perr(P, "must be a list of 1 to %d values, got %s", SWEEP_MAX_LEVELS,
             util_json_describe(lv, got, sizeof got));
        goto out;
    }
    int i = 0, bad = 0;
    for (const cJSON *c = lv->child; c; c = c->next, i++) {
        int scalar = cJSON_IsNumber(c) || cJSON_IsString(c) || cJSON_IsBool(c);
        int same = (cJSON_IsNumber(c) && cJSON_IsNumber(lv->child)) ||
                   (cJSON_IsString(c) && cJSON_IsString(lv->child)) ||
                   (cJSON_IsBool(c) && cJSON_IsBool(lv->child));
        if (!scalar || !same) {
            size_t m2 = util_path_index(&P->path, i);
            perr(P, "levels must be numbers, strings or true/false, all of one kind; got %s",
                 util_json_describe(c, got, sizeof got));
            util_path_pop(&P->path, m2);
            bad = 1;
        }
    }
    if (bad)
        goto out;
    p->levels = cJSON_Duplicate(lv, 1);
    if (!p->levels) {
        perr(P, "out of memory");
        goto out;
    }
    p->n_levels = (size_t)n;
    p->kind = SWEEP_LEVELS;
    rc = 0;
out:
    util_path_pop(&P->path, mark);
    return rc;
}

static int parse_param(parser *P, const cJSON *o, sweep_param *p)
{
    char got[96];
    if (!cJSON_IsObject(o)) {
        perr(P, "must be an object with \"path\" and a range (\"low\", \"high\"), \"dist\" or \"levels\"; got %s",
             util_json_describe(o, got, sizeof got));
        return -1;
    }
    if (util_json_check_keys(o, keys_param, N_OF(keys_param), P->file, &P->path, P->d) > 0) {
        P->errors++;
        return -1;
    }
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(o, "path");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
    const cJSON *dist = cJSON_GetObjectItemCaseSensitive(o, "dist");
    const cJSON *lv = cJSON_GetObjectItemCaseSensitive(o, "levels");
    const cJSON *integer = cJSON_GetObjectItemCaseSensitive(o, "integer");
    int has_range = cJSON_GetObjectItemCaseSensitive(o, "low") || cJSON_GetObjectItemCaseSensitive(o, "high");
    int rc = 0;
    size_t mark = util_path_key(&P->path, "path");
    if (!path) {
        util_path_pop(&P->path, mark);
        perr(P, "missing \"path\" (the JSON path of a scenario field, e.g. \"$.product_teams.features_per_week\")");
        return -1;
    }
    seg segs[MAX_SEGS];
    char why[256];
    if (!cJSON_IsString(path)) {
        perr(P, "must be a string, got %s", util_json_describe(path, got, sizeof got));
        rc = -1;
    } else if (path_split(path->valuestring, segs, why, sizeof why) == 0) {
        perr(P, "%s %s", util_json_quote(path->valuestring, got, sizeof got), why);
        rc = -1;
    } else if (!(p->path = dup_str(path->valuestring))) {
        perr(P, "out of memory");
        rc = -1;
    }
    util_path_pop(&P->path, mark);
    if (name) {
        mark = util_path_key(&P->path, "name");
        if (!cJSON_IsString(name) || !*name->valuestring) {
            perr(P, "must be a non-empty string, got %s", util_json_describe(name, got, sizeof got));
            rc = -1;
        } else if (!(p->name = dup_str(name->valuestring))) {
            perr(P, "out of memory");
            rc = -1;
        }
        util_path_pop(&P->path, mark);
    }
    int forms = has_range + (dist != NULL) + (lv != NULL);
    if (forms != 1) {
        perr(P, "%s: give one of a range (\"low\", \"high\"), \"dist\" or \"levels\"",
             forms == 0 ? "says nothing about the values" : "has more than one set of values");
        return -1;
    }
    if (has_range) {
        if (get_number(P, o, "low", 1, &p->a) == 1 && get_number(P, o, "high", 1, &p->b) == 1) {
            if (!(p->a < p->b)) {
                perr(P, "needs low < high, got low %.15g and high %.15g", p->a, p->b);
                rc = -1;
            } else {
                p->kind = SWEEP_RANGE;
            }
        } else {
            rc = -1;
        }
    } else if (dist) {
        rc |= parse_dist(P, dist, p);
    } else {
        rc |= parse_levels(P, lv, p);
    }
    if (integer) {
        mark = util_path_key(&P->path, "integer");
        if (!cJSON_IsBool(integer)) {
            perr(P, "must be true or false, got %s", util_json_describe(integer, got, sizeof got));
            rc = -1;
        } else if (lv && cJSON_IsTrue(integer)) {
            perr(P, "applies to ranges and distributions, not to levels (write the levels as integers)");
            rc = -1;
        } else {
            p->integer = cJSON_IsTrue(integer);
        }
        util_path_pop(&P->path, mark);
    }
    if (rc == 0 && !p->name)
        p->name = dup_str(p->path);
    if (rc == 0 && !p->name) {
        perr(P, "out of memory");
        rc = -1;
    }
    return rc;
}

void sweep_params_destroy(sweep_params *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n; i++) {
        free(sp->params[i].path);
        free(sp->params[i].name);
        cJSON_Delete(sp->params[i].levels);
    }
    free(sp->params);
    memset(sp, 0, sizeof *sp);
}

/* Count of points, or 0 when above SWEEP_MAX_POINTS. */
static size_t count_points(const sweep_params *sp)
{
    size_t d = sp->n;
    switch (sp->design) {
    case SWEEP_OAT:
        return sim_design_oat_size(d);
    case SWEEP_LHS:
        return sp->points <= SWEEP_MAX_POINTS ? sp->points : 0;
    case SWEEP_SOBOL:
        return sp->points <= SWEEP_MAX_POINTS / (d + 2) ? sim_saltelli_rows(sp->points, d) : 0;
    case SWEEP_GRID: {
        size_t n = 1;
        for (size_t i = 0; i < d; i++) {
            size_t l = sp->params[i].kind == SWEEP_LEVELS ? sp->params[i].n_levels : sp->points;
            if (l == 0 || n > SWEEP_MAX_POINTS / l)
                return 0;
            n *= l;
        }
        return n;
    }
    }
    return 0;
}

size_t sweep_params_count(const sweep_params *sp)
{
    return count_points(sp);
}

int sweep_params_parse(const char *text, size_t len, const char *file,
                       sweep_params *out, util_diags *d)
{
    memset(out, 0, sizeof *out);
    parser P = { .file = file, .d = d };
    util_path_init(&P.path);
    char got[96];
    cJSON *root = util_json_parse(text, len, file, d);
    if (!root)
        return -1;
    if (!cJSON_IsObject(root)) {
        perr(&P, "a parameters file is an object with \"design\" and \"params\", got %s",
             util_json_describe(root, got, sizeof got));
        cJSON_Delete(root);
        return -1;
    }
    if (util_json_check_keys(root, keys_top, N_OF(keys_top), file, &P.path, d) > 0)
        P.errors++;

    const cJSON *design = cJSON_GetObjectItemCaseSensitive(root, "design");
    size_t mark = util_path_key(&P.path, "design");
    int have_design = 0;
    if (!design) {
        util_path_pop(&P.path, mark);
        perr(&P, "missing \"design\" (one of oat, grid, lhs, sobol)");
    } else if (!cJSON_IsString(design)) {
        perr(&P, "must be one of oat, grid, lhs, sobol; got %s", util_json_describe(design, got, sizeof got));
    } else {
        for (size_t i = 0; i < N_OF(design_names); i++)
            if (strcmp(design->valuestring, design_names[i]) == 0) {
                out->design = (sweep_design_kind)i;
                have_design = 1;
            }
        if (!have_design) {
            const char *s = util_suggest(design->valuestring, design_names, N_OF(design_names));
            perr(&P, "unknown design %s%s%s%s (one of oat, grid, lhs, sobol)",
                 util_json_describe(design, got, sizeof got), s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        }
    }
    util_path_pop(&P.path, mark);

    double v = 0;
    out->seed = 1;
    if (get_integer(&P, root, "seed", 0, 9007199254740992.0, &v) == 1)
        out->seed = (uint64_t)v;
    int have_points = get_integer(&P, root, "points", 1, SWEEP_MAX_POINTS, &v);
    if (have_points == 1)
        out->points = (size_t)v;

    const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "params");
    mark = util_path_key(&P.path, "params");
    int np = cJSON_IsArray(params) ? cJSON_GetArraySize(params) : 0;
    if (!params) {
        util_path_pop(&P.path, mark);
        perr(&P, "missing \"params\" (the list of parameters to vary)");
    } else if (!cJSON_IsArray(params) || np < 1 || np > SWEEP_MAX_PARAMS) {
        perr(&P, "must be a list of 1 to %d parameters, got %s", SWEEP_MAX_PARAMS,
             util_json_describe(params, got, sizeof got));
    } else if (!(out->params = calloc((size_t)np, sizeof *out->params))) {
        perr(&P, "out of memory");
    } else {
        int i = 0;
        for (const cJSON *c = params->child; c; c = c->next, i++) {
            size_t m2 = util_path_index(&P.path, i);
            sweep_param *p = &out->params[out->n++];
            if (parse_param(&P, c, p) == 0) {
                for (size_t j = 0; j + 1 < out->n; j++)
                    if (out->params[j].path && strcmp(out->params[j].path, p->path) == 0) {
                        size_t m3 = util_path_key(&P.path, "path");
                        perr(&P, "the same field as $.params[%zu] (a path may appear once)", j);
                        util_path_pop(&P.path, m3);
                        break;
                    }
            }
            util_path_pop(&P.path, m2);
        }
    }
    util_path_pop(&P.path, mark);

    if (have_design && P.errors == 0) {
        int needs_points = out->design == SWEEP_LHS || out->design == SWEEP_SOBOL;
        for (size_t i = 0; out->design == SWEEP_GRID && i < out->n; i++)
            needs_points |= out->params[i].kind != SWEEP_LEVELS;
        mark = util_path_key(&P.path, "points");
        if (needs_points && have_points != 1)
            perr(&P, "%s needs \"points\" (%s)", sweep_design_name(out->design),
                 out->design == SWEEP_LHS ? "the number of points" :
                 out->design == SWEEP_SOBOL ? "the base sample size N; the runs are N (parameters + 2)" :
                 "the levels of each range or distribution");
        else if (!needs_points && have_points == 1)
            perr(&P, "is not used by %s (%s)", sweep_design_name(out->design),
                 out->design == SWEEP_OAT ? "it runs the base case and each parameter at its low and high end"
                                          : "a grid of levels alone runs every combination of them");
        else if (needs_points && out->points < 2)
            perr(&P, "must be at least 2 for %s, got %zu", sweep_design_name(out->design), out->points);
        else if (count_points(out) == 0)
            perr(&P, "the %s design would need more than %d model runs", sweep_design_name(out->design),
                 SWEEP_MAX_POINTS);
        util_path_pop(&P.path, mark);
    }
    cJSON_Delete(root);
    if (P.errors > 0) {
        sweep_params_destroy(out);
        return -1;
    }
    return 0;
}

/* ---- designs ---------------------------------------------------------------- */

int sweep_design_unit(const sweep_params *sp, double **u, size_t *count)
{
    size_t n = count_points(sp), d = sp->n;
    *u = NULL;
    *count = 0;
    if (n == 0 || d == 0)
        return -1;
    double *x = malloc(n * d * sizeof *x);
    if (!x)
        return -1;
    int rc = -1;
    switch (sp->design) {
    case SWEEP_OAT:
        rc = sim_design_oat(x, d);
        for (size_t k = 0; rc == 0 && k < n * d; k++)
            if (sp->params[k % d].kind == SWEEP_LOGNORMAL && x[k] != SIM_DESIGN_BASE)
                x[k] = x[k] == 0.0 ? 0.1 : 0.9;   /* an unbounded tail has no end: p10, p90 */
        break;
    case SWEEP_LHS:
        rc = sim_design_lhs(x, n, d, sp->seed);
        break;
    case SWEEP_SOBOL:
        rc = sim_saltelli_design(x, sp->points, d, sp->seed);
        break;
    case SWEEP_GRID: {
        size_t *lv = malloc(d * sizeof *lv), *idx = malloc(n * d * sizeof *idx);
        if (lv && idx) {
            for (size_t j = 0; j < d; j++)
                lv[j] = sp->params[j].kind == SWEEP_LEVELS ? sp->params[j].n_levels : sp->points;
            rc = sim_design_grid(idx, lv, d);
            for (size_t k = 0; rc == 0 && k < n * d; k++) {
                const sweep_param *p = &sp->params[k % d];
                double L = (double)lv[k % d], i = (double)idx[k];
                if (p->kind == SWEEP_LEVELS || p->kind == SWEEP_LOGNORMAL)
                    x[k] = (i + 0.5) / L;
                else
                    x[k] = L > 1 ? i / (L - 1) : 0.5;
            }
        }
        free(lv);
        free(idx);
        break;
    }
    }
    if (rc != 0) {
        free(x);
        return -1;
    }
    *u = x;
    *count = n;
    return 0;
}

cJSON *sweep_param_value(const sweep_param *p, double u)
{
    if (!(u >= 0.0))
        u = 0.0;
    if (u > 1.0)
        u = 1.0;
    double v = 0.0;
    switch (p->kind) {
    case SWEEP_LEVELS: {
        size_t k = (size_t)(u * (double)p->n_levels);
        if (k >= p->n_levels)
            k = p->n_levels - 1;
        return cJSON_Duplicate(cJSON_GetArrayItem(p->levels, (int)k), 1);
    }
    case SWEEP_RANGE:
    case SWEEP_UNIFORM:
        v = p->a + u * (p->b - p->a);
        if (v > p->b)
            v = p->b;
        break;
    case SWEEP_TRIANGULAR: {
        double w = p->c - p->a, fc = (p->b - p->a) / w;
        v = u < fc ? p->a + sqrt(u * w * (p->b - p->a)) : p->c - sqrt((1.0 - u) * w * (p->c - p->b));
        break;
    }
    case SWEEP_LOGNORMAL: {
        /* the tails are unbounded: coordinates 0 and 1 stand for 1e-9 from the end */
        double q = u < 1e-9 ? 1e-9 : u > 1.0 - 1e-9 ? 1.0 - 1e-9 : u;
        v = exp(p->a + p->b * gsl_cdf_ugaussian_Pinv(q));
        break;
    }
    }
    if (p->integer)
        v = round(v);
    return cJSON_CreateNumber(v);
}

/* ---- applying values ------------------------------------------------------- */

/* How the loader combines a scenario object with the preset object behind it
 * (scenarios/README.md, "How presets are selected, overridden and extended"). */
typedef enum merge_kind {
    MERGE_NONE,     /* the scenario's value replaces the preset's whole */
    MERGE_ROOT,     /* the scenario file itself */
    MERGE_SECTION,  /* run, stack, knowledge, ...: key by key */
    MERGE_ITEM,     /* an entry of models/hosting/templates: the preset's fields it does not give */
    MERGE_KINDMAP   /* route, effort_factor, exists, volume, effort: kinds not named */
} merge_kind;

static const char *const sections[] = {
    "run", "stack", "knowledge", "people", "incidents", "enablement", "costs",
    "central_team", "product_teams", "targets", "flow",
};
static const char *const preset_lists[] = { "models", "hosting", "templates" };
static const char *const kind_maps[] = { "route", "effort_factor", "exists", "volume", "effort" };

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

typedef struct applier {
    const char *params_file, *scen_file;
    util_diags *d;
    char at[UTIL_PATH_MAX + 16];    /* "$.params[i].path" in the PARAMS file */
    const char *path;               /* the parameter's path, for messages */
} applier;

static int aerr(applier *A, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int aerr(applier *A, const char *fmt, ...)
{
    char msg[1024], q[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    util_diags_at(A->d, A->params_file, A->at, "%s in %s: %s",
                  util_json_quote(A->path, q, sizeof q), A->scen_file, msg);
    return -1;
}

/* The name an entry of a named list goes by: a string entry, or its "name". */
static const char *entry_name(const cJSON *e)
{
    if (cJSON_IsString(e))
        return e->valuestring;
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(e, "name");
    return cJSON_IsString(n) ? n->valuestring : NULL;
}

static cJSON *find_named(const cJSON *arr, const char *name)
{
    for (cJSON *c = arr ? arr->child : NULL; c; c = c->next) {
        const char *n = entry_name(c);
        if (n && strcmp(n, name) == 0)
            return c;
    }
    return NULL;
}

/* Appends up to 100 names (or keys) for a suggestion. */
static size_t collect(const cJSON *container, int names, const char **out, size_t n, size_t cap)
{
    for (const cJSON *c = container ? container->child : NULL; c && n < cap; c = c->next) {
        const char *s = names ? entry_name(c) : c->string;
        if (s)
            out[n++] = s;
    }
    return n;
}

/* A model's field its change policy supplies (deploy_mode, the board, the
 * window): the value in the policy the model (or the preset behind it)
 * names, in the scenario's "policies" through their bases, then the
 * presets'; NULL when none. */
static const cJSON *policy_value(const cJSON *scenario, const cJSON *presets, const cJSON *model,
                                 const cJSON *preset_model, const char *key)
{
    const cJSON *cp = cJSON_GetObjectItemCaseSensitive(model, "change_policy");
    if (!cJSON_IsString(cp))
        cp = cJSON_GetObjectItemCaseSensitive(preset_model, "change_policy");
    const char *name = cJSON_IsString(cp) ? cp->valuestring : NULL;
    const cJSON *sl = cJSON_GetObjectItemCaseSensitive(scenario, "policies");
    const cJSON *pl = cJSON_GetObjectItemCaseSensitive(presets, "policies");
    for (int depth = 0; name && depth < 8; depth++) {
        const cJSON *e = find_named(sl, name);
        if (cJSON_IsObject(e)) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);
            const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "base");
            if (v)
                return v;
            if (cJSON_IsString(b)) {
                name = b->valuestring;
                continue;
            }
        }
        e = find_named(pl, name);
        return e ? cJSON_GetObjectItemCaseSensitive(e, key) : NULL;
    }
    return NULL;
}

static int same_type(const cJSON *a, const cJSON *b)
{
    return (cJSON_IsNumber(a) && cJSON_IsNumber(b)) || (cJSON_IsString(a) && cJSON_IsString(b)) ||
           (cJSON_IsBool(a) && cJSON_IsBool(b));
}

static int check_leaf(applier *A, const char *where, const cJSON *current, const cJSON *value)
{
    char got[96], v[96];
    if (!same_type(current, value))
        return aerr(A, "%s is %s; the parameter's values (%s) are of another kind", where,
                    util_json_describe(current, got, sizeof got), util_json_describe(value, v, sizeof v));
    return 0;
}

/* Checks value against current (where: its path) and puts a copy of it into
 * parent: in place of item when given, else under key (replacing what key
 * holds). 0 when set (walk_key's "done"), -1 on an error (reported). */
static int set_leaf(applier *A, const char *where, const cJSON *current, const cJSON *value, cJSON *parent,
                    const char *key, cJSON *item)
{
    if (check_leaf(A, where, current, value) != 0)
        return -1;
    cJSON *nv = cJSON_Duplicate(value, 1);
    int ok = 0;
    if (nv && item)
        ok = cJSON_ReplaceItemViaPointer(parent, item, nv);
    else if (nv && cJSON_GetObjectItemCaseSensitive(parent, key))
        ok = cJSON_ReplaceItemInObjectCaseSensitive(parent, key, nv);
    else if (nv)
        ok = cJSON_AddItemToObject(parent, key, nv);
    if (!ok) {
        cJSON_Delete(nv);
        return aerr(A, "out of memory");
    }
    return 0;
}

/* Where sweep_apply's walk down a path has got to: the scenario's value (cs)
 * and the preset showing through it (cp), how the loader merges there, the
 * preset list stepped into (models/hosting/templates) and whether the current
 * object is an entry of models; at: the JSON path so far. */
typedef struct walk {
    cJSON *scenario, *cs;
    const cJSON *presets, *cp;
    merge_kind cm;
    const char *list;
    int in_model;
    util_path at;
} walk;

/* One key step of the walk (last: it names the value to set). 0 when the
 * value was set, 1 to go on, -1 on an error (reported). */
static int walk_key(applier *A, walk *W, const seg *s, int last, const cJSON *value)
{
    char got[96];
    const char *key = s->text;
    if (!cJSON_IsObject(W->cs))
        return aerr(A, "%s is %s, which has no key '%s'", W->at.buf,
                    util_json_describe(W->cs, got, sizeof got), key);
    if (W->cm == MERGE_ROOT && strcmp(key, "technologies") == 0)
        return aerr(A, "technologies have no numbers to vary (sweep the hosting points' or models' fields)");
    cJSON *sc = cJSON_GetObjectItemCaseSensitive(W->cs, key);
    const cJSON *pc = NULL;
    /* the preset shows through where the loader merges, except that
     * targets are off unless the scenario gives them, and a list the
     * scenario gives is the whole selection */
    if (W->cm != MERGE_NONE && cJSON_IsObject(W->cp) &&
        !(W->cm == MERGE_ROOT && !sc && strcmp(key, "targets") == 0) &&
        !(W->cm == MERGE_ROOT && sc && in_list(key, preset_lists, N_OF(preset_lists))))
        pc = cJSON_GetObjectItemCaseSensitive(W->cp, key);
    if (!sc && !pc && W->cm == MERGE_ITEM && W->in_model)
        pc = policy_value(W->scenario, W->presets, W->cs, W->cp, key);
    merge_kind next = MERGE_NONE;
    if (W->cm == MERGE_ROOT && in_list(key, sections, N_OF(sections)))
        next = MERGE_SECTION;
    else if (W->cm == MERGE_ITEM && in_list(key, kind_maps, N_OF(kind_maps)))
        next = MERGE_KINDMAP;
    if (!sc && !pc) {
        /* a kind a map by kind does not name takes its "default" */
        const cJSON *dflt = NULL;
        if (W->cm == MERGE_KINDMAP) {
            int k = org_kind_from_name(key);
            if (k >= 0 && k < ORG_TASK_KINDS) {
                dflt = cJSON_GetObjectItemCaseSensitive(W->cs, "default");
                if (!dflt && W->cp)
                    dflt = cJSON_GetObjectItemCaseSensitive(W->cp, "default");
            }
        }
        if (dflt && last)
            return set_leaf(A, W->at.buf, dflt, value, W->cs, key, NULL);
        const char *cands[200];
        size_t nc = collect(W->cs, 0, cands, 0, 100);
        if (W->cm != MERGE_NONE)
            nc = collect(W->cp, 0, cands, nc, 200);
        const char *sug = util_suggest(key, cands, nc);
        if (W->cm == MERGE_ROOT && strcmp(key, "targets") == 0)
            return aerr(A, "the scenario sets no targets (they are off unless given)");
        return aerr(A, "%s has no key '%s' in the scenario or its presets%s%s%s",
                    W->at.buf, key, sug ? "; did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
    }
    if (last) {
        util_path_key(&W->at, key);
        return set_leaf(A, W->at.buf, sc ? sc : pc, value, W->cs, key, NULL);
    }
    if (!sc) {
        /* materialise. A section or map merged key by key starts empty
         * (a copy could change its meaning: product_teams' count is 0
         * when teams are given, 4 in the presets); anything else is a
         * copy of the preset, which means what leaving it out meant. */
        sc = next == MERGE_SECTION || next == MERGE_KINDMAP ? cJSON_CreateObject()
                                                             : cJSON_Duplicate(pc, 1);
        /* product_teams given generates its count (4 in the presets)
         * even next to explicit teams: keep it at none */
        if (sc && W->cm == MERGE_ROOT && strcmp(key, "product_teams") == 0 &&
            cJSON_GetObjectItemCaseSensitive(W->cs, "teams") &&
            !cJSON_AddNumberToObject(sc, "count", 0)) {
            cJSON_Delete(sc);
            sc = NULL;
        }
        if (!sc || !cJSON_AddItemToObject(W->cs, key, sc)) {
            cJSON_Delete(sc);
            return aerr(A, "out of memory");
        }
    }
    W->list = W->cm == MERGE_ROOT && in_list(key, preset_lists, N_OF(preset_lists)) ? key : NULL;
    W->cs = sc;
    W->cp = pc;
    W->cm = next;
    util_path_key(&W->at, key);
    return 1;
}

/* One list step (an index or [name=…]) of the walk, as walk_key. */
static int walk_item(applier *A, walk *W, const seg *s, int last, const cJSON *value)
{
    char got[96];
    if (!cJSON_IsArray(W->cs))
        return aerr(A, "%s is %s, not a list", W->at.buf, util_json_describe(W->cs, got, sizeof got));
    cJSON *item = NULL;
    if (s->type == SEG_INDEX) {
        int size = cJSON_GetArraySize(W->cs);
        if (s->index >= (size_t)size)
            return aerr(A, "%s has %d entr%s; index %zu is past its end", W->at.buf, size,
                        size == 1 ? "y" : "ies", s->index);
        item = cJSON_GetArrayItem(W->cs, (int)s->index);
    } else {
        item = find_named(W->cs, s->text);
        if (!item) {
            const char *cands[100];
            size_t nc = collect(W->cs, 1, cands, 0, 100);
            const char *sug = util_suggest(s->text, cands, nc);
            return aerr(A, "%s has no entry named '%s'%s%s%s", W->at.buf, s->text,
                        sug ? "; did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
        }
    }
    const cJSON *pi = NULL;
    merge_kind next = MERGE_NONE;
    if (W->list) {
        /* an entry of models/hosting/templates stands on a preset: its
         * own name, or its base */
        const cJSON *plist = cJSON_GetObjectItemCaseSensitive(W->presets, W->list);
        const cJSON *base = cJSON_IsObject(item) ? cJSON_GetObjectItemCaseSensitive(item, "base") : NULL;
        const char *pname = cJSON_IsString(base) ? base->valuestring : entry_name(item);
        pi = pname ? find_named(plist, pname) : NULL;
        next = MERGE_ITEM;
        W->in_model = strcmp(W->list, "models") == 0;
        if (cJSON_IsString(item) && !last) {
            /* "iaas" → {"name": "iaas"}: the same preset, now open to an override */
            cJSON *obj = cJSON_CreateObject();
            if (!obj || !cJSON_AddStringToObject(obj, "name", item->valuestring) ||
                !cJSON_ReplaceItemViaPointer(W->cs, item, obj)) {
                cJSON_Delete(obj);
                return aerr(A, "out of memory");
            }
            item = obj;
        }
    }
    if (s->type == SEG_INDEX)
        util_path_index(&W->at, (int)s->index);
    else {
        char b[160];
        snprintf(b, sizeof b, "[name=%s]", s->text);
        size_t l = strlen(W->at.buf);
        snprintf(W->at.buf + l, sizeof W->at.buf - l, "%s", b);
        W->at.len = strlen(W->at.buf);
    }
    if (last)
        return set_leaf(A, W->at.buf, item, value, W->cs, NULL, item);
    W->cs = item;
    W->cp = pi;
    W->cm = next;
    if (!W->list)
        W->in_model = 0;
    W->list = NULL;
    return 1;
}

int sweep_apply(cJSON *scenario, const cJSON *presets, const sweep_param *p, size_t index,
                const cJSON *value, const char *params_file, const char *scen_file,
                util_diags *d)
{
    applier A = { .params_file = params_file, .scen_file = scen_file, .d = d, .path = p->path };
    snprintf(A.at, sizeof A.at, "$.params[%zu].path", index);
    seg segs[MAX_SEGS];
    char why[256];
    size_t n = path_split(p->path, segs, why, sizeof why);
    if (n == 0)
        return aerr(&A, "the path %s", why);
    walk W = { .scenario = scenario, .cs = scenario, .presets = presets, .cp = presets, .cm = MERGE_ROOT };
    util_path_init(&W.at);
    for (size_t i = 0; i < n; i++) {
        int last = i + 1 == n;
        int st = segs[i].type == SEG_KEY ? walk_key(&A, &W, &segs[i], last, value)
                                         : walk_item(&A, &W, &segs[i], last, value);
        if (st <= 0)
            return st;
    }
    return -1;   /* not reached: the last step returns */
}

int sweep_apply_point(cJSON *scenario, const cJSON *presets, const sweep_params *sp,
                      const double *u, const char *params_file, const char *scen_file,
                      util_diags *d)
{
    int rc = 0;
    for (size_t i = 0; i < sp->n; i++) {
        if (u[i] == SIM_DESIGN_BASE)
            continue;
        cJSON *v = sweep_param_value(&sp->params[i], u[i]);
        if (!v) {
            util_diags_at(d, params_file, NULL, "out of memory");
            return -1;
        }
        if (sweep_apply(scenario, presets, &sp->params[i], i, v, params_file, scen_file, d) != 0)
            rc = -1;
        cJSON_Delete(v);
    }
    return rc;
}

int sweep_params_check(const sweep_params *sp, const cJSON *scenario, const cJSON *presets,
                       const char *params_file, const char *scen_file, util_diags *d)
{
    int rc = 0;
    for (size_t i = 0; i < sp->n; i++) {
        cJSON *copy = cJSON_Duplicate(scenario, 1);
        cJSON *v = sweep_param_value(&sp->params[i], 0.5);
        if (!copy || !v) {
            cJSON_Delete(copy);
            cJSON_Delete(v);
            util_diags_at(d, params_file, NULL, "out of memory");
            return -1;
        }
        if (sweep_apply(copy, presets, &sp->params[i], i, v, params_file, scen_file, d) != 0)
            rc = -1;
        cJSON_Delete(copy);
        cJSON_Delete(v);
    }
    return rc;
}

cJSON *sweep_presets_parse(util_diags *d)
{
    size_t len = 0;
    const char *text = scen_presets_text(&len);
    return util_json_parse(text, len, "presets.json", d);
}

void sweep_diags_print_in(const util_diags *d, const char *file, const char *section)
{
    for (int i = 0; i < d->n; i++) {
        const util_diag *g = &d->items[i];
        if (g->path && g->path[0] == '$')
            util_error("%s: $.%s%s: %s", file, section, g->path + 1, g->message);
        else
            util_error("%s: $.%s: %s", file, section, g->message);
    }
    if (d->more)
        util_error("… and %d more", d->more);
}
