/* charts_data — results.json (and staffing) to the numbers the charts draw,
 * every key checked. See charts_data.h. */
#include "report/charts_data.h"
#include "util/util_file.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A checker: the file, the path being walked, the problems found. */
typedef struct chk {
    const char *file;
    util_path p;
    util_diags *d;
} chk;

/* A problem at the path being walked (printf-style, literal formats). */
#define problem(c, ...) util_diags_at((c)->d, (c)->file, (c)->p.buf, __VA_ARGS__)

static const char *what(const cJSON *v, char *buf, size_t n)
{
    if (!v)
        return "nothing";
    if (cJSON_IsObject(v))
        return "an object";
    if (cJSON_IsArray(v))
        return "an array";
    return util_json_describe(v, buf, n);
}

enum { T_NUM = 1, T_NULL = 2, T_STR = 4, T_OBJ = 8, T_ARR = 16 };

static int has_type(const cJSON *v, int types)
{
    return ((types & T_NUM) && cJSON_IsNumber(v)) || ((types & T_NULL) && cJSON_IsNull(v))
        || ((types & T_STR) && cJSON_IsString(v) && v->valuestring)
        || ((types & T_OBJ) && cJSON_IsObject(v)) || ((types & T_ARR) && cJSON_IsArray(v));
}

/* The member key of obj with one of types, or NULL (problem reported at
 * path.key). optional: a missing key is no problem. */
static const cJSON *member(chk *c, const cJSON *obj, const char *key, int types, const char *expect,
                           int optional)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (!optional) {
            char q[96];
            problem(c, "missing key %s (expected %s)", util_json_quote(key, q, sizeof q), expect);
        }
        return NULL;
    }
    if (!has_type(v, types)) {
        size_t mk = util_path_key(&c->p, key);
        char buf[96];
        problem(c, "expected %s, got %s", expect, what(v, buf, sizeof buf));
        util_path_pop(&c->p, mk);
        return NULL;
    }
    return v;
}

static double num_or_nan(const cJSON *v)
{
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* A summary entry { mean, ci95_low, ci95_high, n } under summary.key. */
static int stat_of(chk *c, const cJSON *summary, const char *key, charts_stat *out)
{
    out->mean = out->low = out->high = NAN;
    out->n = 0;
    const cJSON *e = member(c, summary, key, T_OBJ, "an object { mean, ci95_low, ci95_high, n }", 0);
    if (!e)
        return -1;
    size_t mk = util_path_key(&c->p, key);
    int bad = 0;
    const cJSON *m = member(c, e, "mean", T_NUM | T_NULL, "a number or null", 0);
    const cJSON *lo = member(c, e, "ci95_low", T_NUM | T_NULL, "a number or null", 0);
    const cJSON *hi = member(c, e, "ci95_high", T_NUM | T_NULL, "a number or null", 0);
    const cJSON *n = member(c, e, "n", T_NUM, "a number", 0);
    if (!m || !lo || !hi || !n)
        bad = 1;
    else {
        out->mean = num_or_nan(m);
        out->low = num_or_nan(lo);
        out->high = num_or_nan(hi);
        out->n = n->valuedouble >= 0 && n->valuedouble < 1e9 ? (int)n->valuedouble : 0;
    }
    util_path_pop(&c->p, mk);
    return bad ? -1 : 0;
}

/* Strings of an array (each checked); count in *n. */
static int string_array(chk *c, const cJSON *arr, const char ***out, int *n)
{
    int k = cJSON_GetArraySize(arr);
    *out = calloc((size_t)(k > 0 ? k : 1), sizeof **out);
    *n = 0;
    if (!*out) {
        util_diags_at(c->d, c->file, c->p.buf, "out of memory");
        return -1;
    }
    int i = 0, bad = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, arr) {
        if (!cJSON_IsString(v) || !v->valuestring) {
            size_t mk = util_path_index(&c->p, i);
            char buf[96];
            problem(c, "expected a string, got %s", what(v, buf, sizeof buf));
            util_path_pop(&c->p, mk);
            bad = 1;
        } else {
            (*out)[i] = v->valuestring;
        }
        i++;
    }
    *n = i;
    return bad ? -1 : 0;
}

static int index_of(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (names[i] && !strcmp(names[i], s))
            return i;
    return -1;
}

static const char *const team_prefix[CHARTS_TEAMS] = { "time_share_product_", "time_share_central_" };

/* Time-share categories from the metrics list, in order, product first. */
static void find_cats(charts_data *d, const char *const *metrics, int n)
{
    for (int t = 0; t < CHARTS_TEAMS; t++) {
        size_t pl = strlen(team_prefix[t]);
        for (int i = 0; i < n; i++) {
            if (!metrics[i] || strncmp(metrics[i], team_prefix[t], pl) != 0)
                continue;
            const char *cat = metrics[i] + pl;
            if (*cat && index_of(d->cat, d->n_cats, cat) < 0 && d->n_cats < CHARTS_MAX_CATS)
                d->cat[d->n_cats++] = cat;
        }
    }
}

static int read_cell(chk *c, charts_data *d, const cJSON *r, charts_cell *cell)
{
    int bad = 0;
    const cJSON *sum = member(c, r, "summary", T_OBJ, "an object of metrics", 0);
    if (sum) {
        size_t mk = util_path_key(&c->p, "summary");
        static const struct {
            const char *key;
            size_t off;
        } stats[] = {
            { "lead_time_p85_days", offsetof(charts_cell, lead_p85) },
            { "lead_time_mean_days", offsetof(charts_cell, lead_mean) },
            { "bus_factor_infra_mean", offsetof(charts_cell, bus_infra) },
            { "nonproduct_fte", offsetof(charts_cell, nonproduct_fte) },
            { "deploys_per_week", offsetof(charts_cell, deploys) },
            { "change_lead_time_p50_days", offsetof(charts_cell, change_lead) },
            { "change_failure_rate", offsetof(charts_cell, cfr) },
            { "time_to_restore_p50_days", offsetof(charts_cell, restore) },
        };
        for (size_t i = 0; i < sizeof stats / sizeof stats[0]; i++)
            if (stat_of(c, sum, stats[i].key, (charts_stat *)(void *)((char *)cell + stats[i].off)) != 0)
                bad = 1;
        for (int t = 0; t < CHARTS_TEAMS; t++)
            for (int k = 0; k < d->n_cats; k++) {
                char key[160];
                snprintf(key, sizeof key, "%s%s", team_prefix[t], d->cat[k]);
                cell->share[t][k] = NAN;
                const cJSON *e = cJSON_GetObjectItemCaseSensitive(sum, key);
                if (!e)
                    continue; /* a team kind without this category */
                charts_stat st;
                if (stat_of(c, sum, key, &st) != 0)
                    bad = 1;
                else
                    cell->share[t][k] = st.mean;
            }
        util_path_pop(&c->p, mk);
    } else {
        bad = 1;
    }

    const cJSON *dora = member(c, r, "dora", T_OBJ, "an object of DORA bands", 0);
    static const char *const dkeys[CHARTS_DORA_KEYS] = { "lead_time_for_changes", "deployment_frequency",
                                                         "change_failure_rate", "time_to_restore" };
    if (dora) {
        size_t mk = util_path_key(&c->p, "dora");
        for (int k = 0; k < CHARTS_DORA_KEYS; k++) {
            const cJSON *b = member(c, dora, dkeys[k], T_STR, "a band name (a string)", 0);
            cell->dora[k] = b ? b->valuestring : NULL;
            if (!b)
                bad = 1;
        }
        util_path_pop(&c->p, mk);
    } else {
        bad = 1;
    }

    const cJSON *q = member(c, r, "lead_time_percentiles", T_ARR, "an array of 101 numbers", 0);
    if (q) {
        size_t mk = util_path_key(&c->p, "lead_time_percentiles");
        int n = cJSON_GetArraySize(q);
        if (n != CHARTS_PERCENTILES && n != 0) {
            char got[32];
            snprintf(got, sizeof got, "%d", n);
            problem(c, "expected 101 percentiles (0 to 100%%) or none, got %s values", got);
            bad = 1;
        } else {
            int i = 0;
            const cJSON *v;
            for (int k = 0; k < CHARTS_PERCENTILES; k++)
                cell->pct[k] = NAN;
            cJSON_ArrayForEach(v, q) {
                if (!cJSON_IsNumber(v) && !cJSON_IsNull(v)) {
                    size_t mi = util_path_index(&c->p, i);
                    char buf[96];
                    problem(c, "expected a number or null, got %s", what(v, buf, sizeof buf));
                    util_path_pop(&c->p, mi);
                    bad = 1;
                } else {
                    cell->pct[i] = num_or_nan(v);
                }
                i++;
            }
        }
        util_path_pop(&c->p, mk);
    } else {
        bad = 1;
    }

    const cJSON *w = member(c, r, "warnings", T_ARR, "an array of strings", 0);
    if (w) {
        size_t mk = util_path_key(&c->p, "warnings");
        const char **tmp;
        int n;
        if (string_array(c, w, &tmp, &n) != 0)
            bad = 1;
        free(tmp);
        util_path_pop(&c->p, mk);
        cell->warnings = w;
    } else {
        bad = 1;
    }
    cell->staff_central = cell->staff_total = NAN;
    return bad ? -1 : 0;
}

/* Long (about 190 lines) on purpose: one straight walk down results.json's
 * top-level keys in document order, each key's check a few lines under its
 * own JSON path mark; cut into pieces, each would need the walker, the path
 * marks and the partly filled d passed around. */
int charts_data_from_json(const cJSON *root, const char *file, charts_data *d, util_diags *diags)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    chk c = { file, { { 0 }, 0 }, diags };
    util_path_init(&c.p);
    int before = util_diags_count(diags);
    if (!cJSON_IsObject(root)) {
        char buf[96];
        problem(&c, "expected a results object (results.json of devopsim run), got %s",
                what(root, buf, sizeof buf));
        return -1;
    }
    const cJSON *prog = member(&c, root, "program", T_STR, "\"devopsim\"", 0);
    if (prog && strcmp(prog->valuestring, "devopsim") != 0) {
        size_t mk = util_path_key(&c.p, "program");
        char q[96];
        problem(&c, "expected \"devopsim\", got %s: not a devopsim results file",
                util_json_quote(prog->valuestring, q, sizeof q));
        util_path_pop(&c.p, mk);
    }
    if (!prog)
        return -1; /* not ours: one message is enough */
    const cJSON *v;
    v = member(&c, root, "version", T_STR, "a string", 0);
    d->version = v ? v->valuestring : "";
    v = member(&c, root, "scenario", T_STR, "a string", 0);
    d->scenario = v ? v->valuestring : "";
    v = member(&c, root, "scenario_hash", T_STR, "a string", 1);
    d->scenario_hash = v ? v->valuestring : NULL;
    v = member(&c, root, "seed_text", T_STR, "a string", 1);
    if (v) {
        snprintf(d->seed, sizeof d->seed, "%s", v->valuestring);
    } else if ((v = member(&c, root, "seed", T_NUM, "a number", 0)) != NULL) {
        snprintf(d->seed, sizeof d->seed, "%.0f", v->valuedouble);
    }
    v = member(&c, root, "replications", T_NUM, "an integer >= 1", 0);
    if (v) {
        if (!(v->valuedouble >= 1 && v->valuedouble <= 1e9 && v->valuedouble == floor(v->valuedouble))) {
            size_t mk = util_path_key(&c.p, "replications");
            char buf[96];
            problem(&c, "expected an integer >= 1, got %s", what(v, buf, sizeof buf));
            util_path_pop(&c.p, mk);
        } else {
            d->reps = (int)v->valuedouble;
        }
    }
    v = member(&c, root, "hours_per_day", T_NUM, "a number of hours", 0);
    d->hours_per_day = v && v->valuedouble > 0 ? v->valuedouble : 8.0;

    /* models, hostings, metrics */
    const cJSON *models = member(&c, root, "models", T_ARR, "an array of { name, central_team }", 0);
    if (models) {
        size_t mk = util_path_key(&c.p, "models");
        int n = cJSON_GetArraySize(models), i = 0;
        d->model = calloc((size_t)(n > 0 ? n : 1), sizeof *d->model);
        d->central_team = calloc((size_t)(n > 0 ? n : 1), sizeof *d->central_team);
        if (!d->model || !d->central_team) {
            util_diags_at(diags, file, c.p.buf, "out of memory");
        } else {
            const cJSON *m;
            cJSON_ArrayForEach(m, models) {
                size_t mi = util_path_index(&c.p, i);
                char buf[96];
                if (!cJSON_IsObject(m)) {
                    problem(&c, "expected an object { name, central_team }, got %s", what(m, buf, sizeof buf));
                } else {
                    const cJSON *nm = member(&c, m, "name", T_STR, "a string", 0);
                    const cJSON *ct = member(&c, m, "central_team", T_STR, "a string", 0);
                    d->model[i] = nm ? nm->valuestring : NULL;
                    d->central_team[i] = ct ? ct->valuestring : NULL;
                    if (nm && index_of(d->model, i, nm->valuestring) >= 0) {
                        char q[96];
                        problem(&c, "model %s appears twice", util_json_quote(nm->valuestring, q, sizeof q));
                    }
                }
                util_path_pop(&c.p, mi);
                i++;
            }
            d->n_models = n;
            if (n == 0)
                problem(&c, "expected at least one model");
        }
        util_path_pop(&c.p, mk);
    }
    const cJSON *hostings = member(&c, root, "hostings", T_ARR, "an array of hosting point names", 0);
    if (hostings) {
        size_t mk = util_path_key(&c.p, "hostings");
        string_array(&c, hostings, &d->hosting, &d->n_hostings);
        for (int i = 0; i < d->n_hostings; i++)
            if (d->hosting[i] && index_of(d->hosting, i, d->hosting[i]) >= 0) {
                size_t mi = util_path_index(&c.p, i);
                char q[96];
                problem(&c, "hosting point %s appears twice", util_json_quote(d->hosting[i], q, sizeof q));
                util_path_pop(&c.p, mi);
            }
        if (d->n_hostings == 0)
            problem(&c, "expected at least one hosting point");
        util_path_pop(&c.p, mk);
    }
    const cJSON *metrics = member(&c, root, "metrics", T_ARR, "an array of metric names", 0);
    if (metrics) {
        size_t mk = util_path_key(&c.p, "metrics");
        const char **names;
        int n;
        string_array(&c, metrics, &names, &n);
        if (names)
            find_cats(d, names, n);
        free(names);
        util_path_pop(&c.p, mk);
    }
    const cJSON *asm_ = member(&c, root, "assumptions_changed", T_ARR, "an array of strings", 0);
    if (asm_) {
        size_t mk = util_path_key(&c.p, "assumptions_changed");
        const char **tmp;
        int n;
        string_array(&c, asm_, &tmp, &n);
        free(tmp);
        util_path_pop(&c.p, mk);
        d->assumptions = asm_;
    }
    const cJSON *scen = member(&c, root, "scenario_file", T_OBJ | T_NULL, "the scenario (an object)", 1);
    if (scen && cJSON_IsObject(scen)) {
        const cJSON *desc = cJSON_GetObjectItemCaseSensitive(scen, "description");
        d->description = cJSON_IsString(desc) ? desc->valuestring : NULL;
    }
    if (util_diags_count(diags) > before)
        return charts_data_free(d), -1;

    /* results: one per model × hosting point */
    const cJSON *results = member(&c, root, "results", T_ARR, "an array of { model, hosting, summary, … }", 0);
    if (!results)
        return charts_data_free(d), -1;
    d->cells = calloc((size_t)d->n_models * (size_t)d->n_hostings, sizeof *d->cells);
    char *seen = calloc((size_t)d->n_models * (size_t)d->n_hostings, 1);
    if (!d->cells || !seen) {
        free(seen);
        util_diags_at(diags, file, "$", "out of memory");
        return charts_data_free(d), -1;
    }
    size_t mk = util_path_key(&c.p, "results");
    int i = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, results) {
        size_t mi = util_path_index(&c.p, i++);
        char buf[96], q[96];
        if (!cJSON_IsObject(r)) {
            problem(&c, "expected an object { model, hosting, summary, … }, got %s", what(r, buf, sizeof buf));
            util_path_pop(&c.p, mi);
            continue;
        }
        const cJSON *mv = member(&c, r, "model", T_STR, "a model name", 0);
        const cJSON *hv = member(&c, r, "hosting", T_STR, "a hosting point name", 0);
        int m = mv ? index_of(d->model, d->n_models, mv->valuestring) : -1;
        int h = hv ? index_of(d->hosting, d->n_hostings, hv->valuestring) : -1;
        if (mv && m < 0) {
            size_t k = util_path_key(&c.p, "model");
            problem(&c, "model %s is not in $.models", util_json_quote(mv->valuestring, q, sizeof q));
            util_path_pop(&c.p, k);
        }
        if (hv && h < 0) {
            size_t k = util_path_key(&c.p, "hosting");
            problem(&c, "hosting point %s is not in $.hostings", util_json_quote(hv->valuestring, q, sizeof q));
            util_path_pop(&c.p, k);
        }
        if (m >= 0 && h >= 0) {
            size_t at = (size_t)m * (size_t)d->n_hostings + (size_t)h;
            if (seen[at]) {
                char q2[96];
                problem(&c, "a second result for model %s at hosting point %s",
                        util_json_quote(mv->valuestring, q, sizeof q), util_json_quote(hv->valuestring, q2, sizeof q2));
            } else {
                seen[at] = 1;
                read_cell(&c, d, r, &d->cells[at]);
            }
        }
        util_path_pop(&c.p, mi);
        if (util_diags_count(diags) - before >= UTIL_DIAGS_MAX)
            break;
    }
    for (int m = 0; m < d->n_models && util_diags_count(diags) == before; m++)
        for (int h = 0; h < d->n_hostings; h++)
            if (!seen[(size_t)m * (size_t)d->n_hostings + (size_t)h]) {
                char q[96], q2[96];
                problem(&c, "no result for model %s at hosting point %s",
                        util_json_quote(d->model[m], q, sizeof q), util_json_quote(d->hosting[h], q2, sizeof q2));
                break;
            }
    util_path_pop(&c.p, mk);
    free(seen);
    if (util_diags_count(diags) > before)
        return charts_data_free(d), -1;
    return 0;
}

void charts_data_free(charts_data *d)
{
    free(d->model);
    free(d->central_team);
    free(d->hosting);
    free(d->cells);
    free(d->staffing_file);
    memset(d, 0, sizeof *d);
}

/* ---- staffing -------------------------------------------------------------- */

/* Records one staffing row. team: 0 central, 1 product. */
static void staff_put(charts_data *d, int m, int h, int central, double headcount, double total)
{
    charts_cell *cell = charts_cell_at(d, m, h);
    cell->staff_rows++;
    if (central)
        cell->staff_central = headcount;
    if (isfinite(total))
        cell->staff_total = total;
}

/* 0 when every model × hosting point got a central headcount. */
static int staff_complete(const charts_data *d)
{
    for (int m = 0; m < d->n_models; m++)
        for (int h = 0; h < d->n_hostings; h++) {
            if (charts_cell_at(d, m, h)->staff_rows == 0)
                return -1;
        }
    return 0;
}

static void staff_reset(charts_data *d)
{
    d->has_staffing = 0;
    for (int m = 0; m < d->n_models; m++)
        for (int h = 0; h < d->n_hostings; h++) {
            charts_cell *c = charts_cell_at(d, m, h);
            c->staff_central = c->staff_total = NAN;
            c->staff_rows = 0;
        }
}

static int staff_finish(charts_data *d, const char *file, int unknown, char *why, size_t why_len)
{
    if (unknown || staff_complete(d) != 0) {
        staff_reset(d);
        snprintf(why, why_len, "%s does not cover the models and hosting points of %s", file, d->file);
        return 1;
    }
    d->has_staffing = 1;
    /* its base name only: the charts must not depend on where the files lie */
    const char *base = strrchr(file, '/');
    free(d->staffing_file);
    d->staffing_file = strdup(base ? base + 1 : file);
    return 0;
}

int charts_data_staffing_json(charts_data *d, const cJSON *root, const char *file, char *why,
                              size_t why_len, util_diags *diags)
{
    chk c = { file, { { 0 }, 0 }, diags };
    util_path_init(&c.p);
    int before = util_diags_count(diags);
    staff_reset(d);
    const cJSON *rows = root;
    size_t mk = 0;
    if (cJSON_IsObject(root)) {
        const cJSON *hash = cJSON_GetObjectItemCaseSensitive(root, "scenario_hash");
        if (cJSON_IsString(hash) && d->scenario_hash && strcmp(hash->valuestring, d->scenario_hash) != 0) {
            snprintf(why, why_len, "%s is from another version of the scenario (scenario_hash %s, results %s)",
                     file, hash->valuestring, d->scenario_hash);
            return 1;
        }
        const cJSON *seed = cJSON_GetObjectItemCaseSensitive(root, "seed_text");
        if (cJSON_IsString(seed) && d->seed[0] && strcmp(seed->valuestring, d->seed) != 0) {
            snprintf(why, why_len, "%s is for seed %s, the results for seed %s", file, seed->valuestring, d->seed);
            return 1;
        }
        rows = member(&c, root, "rows", T_ARR, "an array of staffing rows", 0);
        if (!rows)
            return -1;
        mk = util_path_key(&c.p, "rows");
    } else if (!cJSON_IsArray(root)) {
        char buf[96];
        problem(&c, "expected staffing rows (an array, or an object with \"rows\"), got %s",
                what(root, buf, sizeof buf));
        return -1;
    }
    int i = 0, unknown = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, rows) {
        size_t mi = util_path_index(&c.p, i++);
        char buf[96];
        if (!cJSON_IsObject(r)) {
            problem(&c, "expected an object { model, hosting, team, headcount, total_headcount }, got %s",
                    what(r, buf, sizeof buf));
        } else {
            const cJSON *mv = member(&c, r, "model", T_STR, "a model name", 0);
            const cJSON *hv = member(&c, r, "hosting", T_STR, "a hosting point name", 0);
            const cJSON *tv = member(&c, r, "team", T_STR, "\"central\" or \"product\"", 0);
            const cJSON *hc = member(&c, r, "headcount", T_NUM | T_NULL, "a number or null", 0);
            const cJSON *tot = member(&c, r, "total_headcount", T_NUM | T_NULL, "a number or null", 0);
            if (tv && strcmp(tv->valuestring, "central") != 0 && strcmp(tv->valuestring, "product") != 0) {
                size_t k = util_path_key(&c.p, "team");
                char q[96];
                problem(&c, "expected \"central\" or \"product\", got %s", util_json_quote(tv->valuestring, q, sizeof q));
                util_path_pop(&c.p, k);
            } else if (mv && hv && tv && hc && tot) {
                int m = index_of(d->model, d->n_models, mv->valuestring);
                int h = index_of(d->hosting, d->n_hostings, hv->valuestring);
                if (m < 0 || h < 0)
                    unknown = 1;
                else
                    staff_put(d, m, h, !strcmp(tv->valuestring, "central"), num_or_nan(hc), num_or_nan(tot));
            }
        }
        util_path_pop(&c.p, mi);
    }
    util_path_pop(&c.p, mk);
    if (util_diags_count(diags) > before) {
        staff_reset(d);
        return -1;
    }
    return staff_finish(d, file, unknown, why, why_len);
}

/* Splits a CSV line (modified in place; no quoting: the staffing CSV has none). */
static int csv_split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == ',') {
            *p = '\0';
            if (n == max)
                return -1;
            f[n++] = p + 1;
        }
    return n;
}

static int csv_num(const char *s, double *out)
{
    if (!*s) {
        *out = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int charts_data_staffing_csv(charts_data *d, const char *text, const char *file, char *why,
                             size_t why_len, util_diags *diags)
{
    enum { MAXF = 32 };
    char *buf = strdup(text);
    if (!buf) {
        util_diags_add(diags, file, 0, 0, NULL, NULL, 0, "out of memory");
        return -1;
    }
    staff_reset(d);
    static const char *const need[] = { "scenario", "model", "hosting", "team", "headcount", "total_headcount" };
    int col[6], nh = 0, line_no = 0, unknown = 0, rc = 0;
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        size_t L = strlen(line);
        if (L && line[L - 1] == '\r')
            line[L - 1] = '\0';
        char *f[MAXF];
        int n = csv_split(line, f, MAXF);
        if (line_no == 1) {
            nh = n;
            for (int k = 0; k < 6; k++) {
                col[k] = -1;
                for (int j = 0; j < n; j++)
                    if (!strcmp(f[j], need[k]))
                        col[k] = j;
                if (col[k] < 0) {
                    util_diags_add(diags, file, 1, 1, NULL, NULL, 0,
                                   "the header has no column '%s' (expected the staffing.csv columns of docs/staffing.md)",
                                   need[k]);
                    rc = -1;
                }
            }
            if (rc)
                break;
            continue;
        }
        if (n == 1 && !*f[0])
            continue;
        if (n != nh) {
            util_diags_add(diags, file, line_no, 1, NULL, NULL, 0, "expected %d fields, got %d", nh, n);
            rc = -1;
            break;
        }
        if (strcmp(f[col[0]], d->scenario) != 0) {
            snprintf(why, why_len, "%s is for scenario '%s', not '%s'", file, f[col[0]], d->scenario);
            free(buf);
            staff_reset(d);
            return 1;
        }
        double hc, tot;
        if (csv_num(f[col[4]], &hc) != 0 || csv_num(f[col[5]], &tot) != 0) {
            util_diags_add(diags, file, line_no, 1, NULL, NULL, 0, "headcount and total_headcount must be numbers");
            rc = -1;
            break;
        }
        const char *team = f[col[3]];
        if (strcmp(team, "central") != 0 && strcmp(team, "product") != 0) {
            util_diags_add(diags, file, line_no, 1, NULL, NULL, 0, "team must be 'central' or 'product', got '%s'", team);
            rc = -1;
            break;
        }
        int m = index_of(d->model, d->n_models, f[col[1]]);
        int h = index_of(d->hosting, d->n_hostings, f[col[2]]);
        if (m < 0 || h < 0)
            unknown = 1;
        else
            staff_put(d, m, h, !strcmp(team, "central"), hc, tot);
    }
    if (rc == 0 && line_no == 0) {
        util_diags_add(diags, file, 0, 0, NULL, NULL, 0, "empty file (expected a header line)");
        rc = -1;
    }
    free(buf);
    if (rc) {
        staff_reset(d);
        return -1;
    }
    return staff_finish(d, file, unknown, why, why_len);
}

/* ---- reading ---------------------------------------------------------------- */

cJSON *charts_json_read(const char *path, util_diags *diags)
{
    size_t len = 0;
    errno = 0;
    char *text = util_read_file(path, UTIL_READ_MAX, &len);
    if (!text) {
        util_diags_add(diags, path, 0, 0, NULL, NULL, 0, "cannot read: %s",
                       errno ? strerror(errno) : "unknown error");
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root) {
        /* the scenario reader's strict check says where */
        int before = util_diags_count(diags);
        cJSON *again = len <= UTIL_JSON_MAX_BYTES ? util_json_parse(text, len, path, diags) : NULL;
        cJSON_Delete(again);
        if (util_diags_count(diags) == before)
            util_diags_add(diags, path, 0, 0, NULL, NULL, 0, "not valid JSON");
    }
    free(text);
    return root;
}
