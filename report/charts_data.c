/* charts_data — results.json (and staffing) to the numbers the charts draw,
 * every key checked. See charts_data.h. */
#include "report/charts_data.h"
#include "report/charts_csv.h"
#include "plots/plot_money.h"
#include "util/util_file.h"
#include "models/org_const.h"
#include "scenario/scen_load.h"
#include "util/util_buf.h"

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

/* The largest magnitude a chart draws: far beyond any metric of a run
 * (days, counts, shares), far below where a chart's scale overflows. */
#define CHARTS_MAX_VALUE 1e12

/* 1 when v (a number or null) is within CHARTS_MAX_VALUE; else reports it
 * under path.key and returns 0. */
static int drawable(chk *c, const cJSON *v, const char *key)
{
    if (!cJSON_IsNumber(v) || fabs(v->valuedouble) <= CHARTS_MAX_VALUE)
        return 1;
    size_t k = util_path_key(&c->p, key);
    problem(c, "%g is beyond what a chart can draw (magnitude at most %g)", v->valuedouble, CHARTS_MAX_VALUE);
    util_path_pop(&c->p, k);
    return 0;
}

/* A headcount from a staffing file: a whole number from 0 to this, or none. */
#define CHARTS_MAX_HEADCOUNT 1e9

static int headcount_ok(double v)
{
    return isnan(v) || (v >= 0 && v <= CHARTS_MAX_HEADCOUNT);
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
    else if (!drawable(c, m, "mean") || !drawable(c, lo, "ci95_low") || !drawable(c, hi, "ci95_high"))
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

/* The position of s among the time-share categories (at most CHARTS_MAX_CATS), or -1. */
static int cat_index(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (names[i] && !strcmp(names[i], s))
            return i;
    return -1;
}

/* A name and its position: names sorted for O(log n) lookups, so that a
 * results file with 200,000 models costs n log n, not n². */
struct charts_name_ix {
    const char *name;
    int i;
};

static int cmp_name_ix(const void *a, const void *b)
{
    const struct charts_name_ix *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The non-NULL names of names[0..n) sorted (ties by position) into *out
 * (*count of them); 0 or -1 when memory ran out. */
static int ix_build(const char *const *names, int n, struct charts_name_ix **out, int *count)
{
    *out = malloc((size_t)(n > 0 ? n : 1) * sizeof **out);
    *count = 0;
    if (!*out)
        return -1;
    for (int i = 0; i < n; i++)
        if (names[i])
            (*out)[(*count)++] = (struct charts_name_ix){ names[i], i };
    qsort(*out, (size_t)*count, sizeof **out, cmp_name_ix);
    return 0;
}

/* The first position of s in a sorted index, or -1. */
static int ix_find(const struct charts_name_ix *v, int n, const char *s)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(v[mid].name, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strcmp(v[lo].name, s) ? v[lo].i : -1;
}

static int model_of(const charts_data *d, const char *s)
{
    return ix_find(d->model_ix, d->n_model_ix, s);
}

static int hosting_of(const charts_data *d, const char *s)
{
    return ix_find(d->hosting_ix, d->n_hosting_ix, s);
}

/* Builds the index of names and reports a name that appears twice (at the
 * later position under the current path). 0, or -1 when memory ran out. */
static int ix_check(chk *c, const char *const *names, int n, const char *kind, struct charts_name_ix **ix,
                    int *count)
{
    if (ix_build(names, n, ix, count) != 0) {
        problem(c, "out of memory");
        return -1;
    }
    for (int k = 1; k < *count; k++)
        if (!strcmp((*ix)[k].name, (*ix)[k - 1].name)) {
            size_t mi = util_path_index(&c->p, (*ix)[k].i);
            char q[96];
            problem(c, "%s %s appears twice", kind, util_json_quote((*ix)[k].name, q, sizeof q));
            util_path_pop(&c->p, mi);
        }
    return 0;
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
            if (*cat && cat_index(d->cat, d->n_cats, cat) < 0 && d->n_cats < CHARTS_MAX_CATS)
                d->cat[d->n_cats++] = cat;
        }
    }
}

/* The mean of summary.key, NAN when missing (optional keys). */
static double opt_mean(const cJSON *sum, const char *key)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(sum, key);
    return num_or_nan(cJSON_GetObjectItemCaseSensitive(e, "mean"));
}

/* The i-th per-replication value of summary.key, NaN when missing or null. */
static double rep_value(const cJSON *sum, const char *key, int i)
{
    const cJSON *v = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(sum, key),
                                                                         "values"), i);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* The replications (summary.key's "values") in which that team kind is
 * saturated (org_rep_kind_saturated, with the replication's
 * features_unfinished, features_done and, when teams_key is not NULL, its
 * count of saturated teams and, when growing_key is not NULL, of growing ones);
 * *n: those with a utilisation value. */
static int saturated_reps(const cJSON *sum, const char *key, const char *teams_key, const char *growing_key, int *n)
{
    int k = 0, reps = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(sum, key),
                                                                          "values"));
    *n = 0;
    for (int i = 0; i < reps; i++) {
        double u = rep_value(sum, key, i);
        if (isnan(u))
            continue;
        (*n)++;
        k += org_rep_kind_saturated(u, rep_value(sum, "features_unfinished", i), rep_value(sum, "features_done", i),
                                    teams_key ? rep_value(sum, teams_key, i) : (double)NAN,
                                    growing_key ? rep_value(sum, growing_key, i) : (double)NAN);
    }
    return k;
}

/* The summary's drift_max (mean, interval, n) read as org_exp_drifts does;
 * 0 when missing. */
static int opt_drifts(const cJSON *sum)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(sum, "drift_max");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(e, "n");
    return e && org_exp_drifts(num_or_nan(cJSON_GetObjectItemCaseSensitive(e, "mean")),
                               num_or_nan(cJSON_GetObjectItemCaseSensitive(e, "ci95_low")),
                               num_or_nan(cJSON_GetObjectItemCaseSensitive(e, "ci95_high")),
                               cJSON_IsNumber(n) ? (int)n->valuedouble : 0);
}

void charts_unstable_of(charts_cell *cell, const cJSON *sum)
{
    double uc = opt_mean(sum, "utilization_central"), up = opt_mean(sum, "utilization_product");
    double un = opt_mean(sum, "features_unfinished"), dn = opt_mean(sum, "features_done");
    int nc, np, oc = saturated_reps(sum, "utilization_central", NULL, NULL, &nc);
    int op = saturated_reps(sum, "utilization_product", "product_teams_saturated", "product_teams_growing", &np);
    cell->unstable_why[0] = '\0';
    cell->drifts = opt_drifts(sum);
    /* The decision is org_unstable's (the rule of results.json's warnings
     * and the headlines); the chain below only says why. */
    cell->unstable = org_unstable(uc, up, un, dn, oc, op);
    if (!cell->unstable)
        cell->unstable_why[0] = '\0';
    else if (org_unstable_means(uc, NAN, NAN, NAN))
        snprintf(cell->unstable_why, sizeof cell->unstable_why, "queue grows: central team at %.0f%%", 100.0 * uc);
    else if (org_unstable_means(NAN, up, NAN, NAN))
        snprintf(cell->unstable_why, sizeof cell->unstable_why, "backlog grows: product teams at %.0f%%", 100.0 * up);
    else if (org_unstable_means(NAN, NAN, un, dn))
        snprintf(cell->unstable_why, sizeof cell->unstable_why, "%.0f%% of features unfinished",
                 100.0 * un / (un + dn));
    else if (oc)
        snprintf(cell->unstable_why, sizeof cell->unstable_why, "queue grows: central team in %d of %d replications", oc,
                 nc);
    else
        snprintf(cell->unstable_why, sizeof cell->unstable_why, "backlog grows: a product team in %d of %d replications",
                 op, np);
    for (int k = 0; k < REPORT_HEADLINES; k++)
        cell->headline_mean[k] = opt_mean(sum, report_headline_metrics[k].key);
    cell->unfinished_share = isfinite(un) && isfinite(dn) && un + dn > 0.0 ? un / (un + dn) : (double)NAN;
    cell->rule_hires = opt_mean(sum, "central_rule_hires");
    cell->change_lead_cal = opt_mean(sum, "change_lead_time_p50_calendar_days");
}

static int read_cell(chk *c, charts_data *d, const cJSON *r, charts_cell *cell)
{
    int bad = 0;
    const cJSON *sum = member(c, r, "summary", T_OBJ, "an object of metrics", 0);
    cell->summary = sum;
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
        cell->restore_cal_hours = NAN;
        if (cJSON_GetObjectItemCaseSensitive(sum, "time_to_restore_p50_hours")) {
            charts_stat st;
            if (stat_of(c, sum, "time_to_restore_p50_hours", &st) != 0)
                bad = 1;
            else
                cell->restore_cal_hours = st.mean;
        }
        charts_unstable_of(cell, sum);
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
    /* the bands at the figures' interval ends (since session 20; older files
     * have none): a band is unsure when they differ */
    const cJSON *dci = cJSON_GetObjectItemCaseSensitive(r, "dora_ci95");
    for (int k = 0; k < CHARTS_DORA_KEYS; k++) {
        const cJSON *pair = cJSON_GetObjectItemCaseSensitive(dci, dkeys[k]);
        const cJSON *lo = cJSON_GetArrayItem(pair, 0), *hi = cJSON_GetArrayItem(pair, 1);
        cell->dora_unsure[k] = cJSON_IsArray(pair) && cJSON_IsString(lo) && cJSON_IsString(hi)
                               && strcmp(lo->valuestring, hi->valuestring) != 0;
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
                } else if (cJSON_IsNumber(v) && !(fabs(v->valuedouble) <= CHARTS_MAX_VALUE)) {
                    size_t mi = util_path_index(&c->p, i);
                    problem(c, "%g is beyond what a chart can draw (magnitude at most %g)", v->valuedouble,
                            CHARTS_MAX_VALUE);
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
    cell->staff_central = cell->staff_total = cell->staff_cost_year = cell->staff_lead_p85 = NAN;
    cell->staff_cost_today = NAN;
    return bad ? -1 : 0;
}

/* Long (about 190 lines) on purpose: one straight walk down results.json's
 * top-level keys in document order, each key's check a few lines under its
 * own JSON path mark; cut into pieces, each would need the walker, the path
 * marks and the partly filled d passed around. */
/* A number at obj.key, else at presets.key (the presets built into the binary). */
static double size_or_preset(const cJSON *obj, const cJSON *presets_obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v))
        v = cJSON_GetObjectItemCaseSensitive(presets_obj, key);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* The central_name of the model called name in the array models (a
 * scenario's own or the presets'), or NULL. */
static const char *central_name_in(const cJSON *models, const char *name)
{
    const cJSON *m;
    if (!cJSON_IsArray(models))
        return NULL;
    cJSON_ArrayForEach(m, models) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(m, "name");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(m, "central_name");
        if (cJSON_IsString(n) && !strcmp(n->valuestring, name) && cJSON_IsString(c))
            return c->valuestring;
    }
    return NULL;
}

/* The central team's name under model `name`: the scenario's own model of
 * that name when it names its central team, else the preset's; NULL when
 * neither does. */
static const char *central_name_of(const cJSON *scen, const cJSON *presets, const char *name)
{
    const char *own = central_name_in(cJSON_GetObjectItemCaseSensitive(scen, "models"), name);
    return own ? own : central_name_in(cJSON_GetObjectItemCaseSensitive(presets, "models"), name);
}

/* How the run changes the team sizes (d->today_* set): product teams that
 * start after day 0 (teams[].starts_day), the timeline's hires and moves
 * (by team: "central" or a product team), the hiring rule's positions,
 * and the central team's name after the timeline's last model switch. */
static void size_changes(charts_data *d, const cJSON *scen, const cJSON *presets, double size)
{
    d->end_central_name[0] = '\0';
    double last_switch = -1.0;
    d->start_product = d->end_product = d->today_product;
    d->end_central = d->today_central;
    d->central_hires = 0;
    const cJSON *t, *teams = cJSON_GetObjectItemCaseSensitive(scen, "teams");
    if (!cJSON_IsArray(teams))
        teams = NULL;
    cJSON_ArrayForEach(t, teams) {
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(t, "starts_day");
        if (cJSON_IsNumber(st) && st->valuedouble > 0) {
            const cJSON *ts = cJSON_GetObjectItemCaseSensitive(t, "size");
            d->start_product -= cJSON_IsNumber(ts) ? ts->valuedouble : size;
        }
    }
    const cJSON *e, *tl = cJSON_GetObjectItemCaseSensitive(scen, "timeline");
    if (!cJSON_IsArray(tl))
        tl = NULL;
    cJSON_ArrayForEach(e, tl) {
        const cJSON *what = cJSON_GetObjectItemCaseSensitive(e, "do");
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(e, "count");
        const cJSON *model = cJSON_GetObjectItemCaseSensitive(e, "model");
        if (cJSON_IsString(what) && !strcmp(what->valuestring, "model") && cJSON_IsString(model)) {
            /* the latest switch is the one in force at the end (a file may
             * list its events in any order; on a tie the later one written,
             * as the loader orders them) */
            const cJSON *day = cJSON_GetObjectItemCaseSensitive(e, "day");
            const cJSON *week = cJSON_GetObjectItemCaseSensitive(e, "week");
            double at = cJSON_IsNumber(day) ? day->valuedouble
                      : cJSON_IsNumber(week) ? week->valuedouble * ORG_DAYS_PER_WEEK : 0.0;
            if (at >= last_switch) {
                const char *cn = central_name_of(scen, presets, model->valuestring);
                snprintf(d->end_central_name, sizeof d->end_central_name, "%s", cn ? cn : "");
                last_switch = at;
            }
            continue;
        }
        if (!cJSON_IsString(what) || !cJSON_IsNumber(count))
            continue;
        int hire = !strcmp(what->valuestring, "hire"), move = !strcmp(what->valuestring, "move");
        const cJSON *to = cJSON_GetObjectItemCaseSensitive(e, hire ? "team" : "to");
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(e, "from");
        if ((!hire && !move) || !cJSON_IsString(to) || (move && !cJSON_IsString(from)))
            continue;
        double n = count->valuedouble;
        int to_central = !strcmp(to->valuestring, "central");
        int from_central = move && !strcmp(from->valuestring, "central");
        if (move && to_central == from_central)
            continue;                   /* between product teams, or a central team to itself */
        *(to_central ? &d->end_central : &d->end_product) += n;
        if (move)
            *(from_central ? &d->end_central : &d->end_product) -= n;
    }
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(scen, "hiring_rule");
    const cJSON *share = cJSON_GetObjectItemCaseSensitive(rule, "central_when_share_above");
    const cJSON *most = cJSON_GetObjectItemCaseSensitive(rule, "max_hires");
    if (cJSON_IsNumber(share) && share->valuedouble > 0 && cJSON_IsNumber(most) && most->valuedouble > 0)
        d->central_hires = (int)most->valuedouble;
}

/* The scenario's team sizes, "today": its product teams (teams[].size, plus
 * product_teams.count × size generated beside them — the loader requires the
 * count there — or, without teams, product_teams.count × size) and its
 * central team, each defaulting to the presets as the loader does. */
static void today_sizes(charts_data *d, const cJSON *scen)
{
    size_t plen = 0;
    cJSON *presets = cJSON_Parse(scen_presets_text(&plen));
    const cJSON *pt = cJSON_GetObjectItemCaseSensitive(scen, "product_teams");
    const cJSON *ppt = cJSON_GetObjectItemCaseSensitive(presets, "product_teams");
    double size = size_or_preset(pt, ppt, "size");
    const cJSON *teams = cJSON_GetObjectItemCaseSensitive(scen, "teams");
    if (cJSON_IsArray(teams)) {
        double sum = 0.0;
        const cJSON *t;
        cJSON_ArrayForEach(t, teams) {
            const cJSON *ts = cJSON_GetObjectItemCaseSensitive(t, "size");
            sum += cJSON_IsNumber(ts) ? ts->valuedouble : size;
        }
        if (cJSON_IsObject(pt))
            sum += size_or_preset(pt, ppt, "count") * size;
        d->today_product = sum;
    } else {
        d->today_product = size_or_preset(pt, ppt, "count") * size;
    }
    d->today_central = size_or_preset(cJSON_GetObjectItemCaseSensitive(scen, "central_team"),
                                      cJSON_GetObjectItemCaseSensitive(presets, "central_team"), "size");
    size_changes(d, scen, presets, size);
    d->warmup_days = size_or_preset(cJSON_GetObjectItemCaseSensitive(scen, "run"),
                                    cJSON_GetObjectItemCaseSensitive(presets, "run"), "warmup_days");
    cJSON_Delete(presets);
}

/* The run's head: version, scenario, hash, seed, replications, hours a day. */
static void read_head(chk *c, const cJSON *root, charts_data *d)
{
    const cJSON *v;
    v = member(c, root, "version", T_STR, "a string", 0);
    d->version = v ? v->valuestring : "";
    v = member(c, root, "scenario", T_STR, "a string", 0);
    d->scenario = v ? v->valuestring : "";
    v = member(c, root, "scenario_hash", T_STR, "a string", 1);
    d->scenario_hash = v ? v->valuestring : NULL;
    v = member(c, root, "seed_text", T_STR, "a string", 1);
    if (v) {
        snprintf(d->seed, sizeof d->seed, "%s", v->valuestring);
    } else if ((v = member(c, root, "seed", T_NUM, "a number", 0)) != NULL) {
        snprintf(d->seed, sizeof d->seed, "%.0f", v->valuedouble);
    }
    v = member(c, root, "replications", T_NUM, "an integer >= 1", 0);
    if (v) {
        if (!(v->valuedouble >= 1 && v->valuedouble <= 1e9 && v->valuedouble == floor(v->valuedouble))) {
            size_t mk = util_path_key(&c->p, "replications");
            char buf[96];
            problem(c, "expected an integer >= 1, got %s", what(v, buf, sizeof buf));
            util_path_pop(&c->p, mk);
        } else {
            d->reps = (int)v->valuedouble;
        }
    }
    v = member(c, root, "hours_per_day", T_NUM, "a number of hours", 0);
    d->hours_per_day = v && v->valuedouble > 0 ? v->valuedouble : 8.0;
    d->restore_hours = d->hours_per_day;    /* working days, unless a cell has calendar hours */
}

/* $.models: each model's name and central team, names unique. */
static void read_models(chk *c, const cJSON *root, charts_data *d)
{
    const cJSON *models = member(c, root, "models", T_ARR, "an array of { name, central_team }", 0);
    if (models) {
        size_t mk = util_path_key(&c->p, "models");
        int n = cJSON_GetArraySize(models), i = 0;
        d->model = calloc((size_t)(n > 0 ? n : 1), sizeof *d->model);
        d->central_team = calloc((size_t)(n > 0 ? n : 1), sizeof *d->central_team);
        d->change_policy = calloc((size_t)(n > 0 ? n : 1), sizeof *d->change_policy);
        if (!d->model || !d->central_team || !d->change_policy) {
            util_diags_at(c->d, c->file, c->p.buf, "out of memory");
        } else {
            const cJSON *m;
            cJSON_ArrayForEach(m, models) {
                size_t mi = util_path_index(&c->p, i);
                char buf[96];
                if (!cJSON_IsObject(m)) {
                    problem(c, "expected an object { name, central_team }, got %s", what(m, buf, sizeof buf));
                } else {
                    const cJSON *nm = member(c, m, "name", T_STR, "a string", 0);
                    const cJSON *ct = member(c, m, "central_team", T_STR, "a string", 0);
                    d->model[i] = nm ? nm->valuestring : NULL;
                    d->central_team[i] = ct ? ct->valuestring : NULL;
                    if (cJSON_GetObjectItemCaseSensitive(m, "change_policy")) {   /* since session 11 */
                        const cJSON *cp = member(c, m, "change_policy", T_STR, "a string", 0);
                        d->change_policy[i] = cp ? cp->valuestring : NULL;
                    }
                }
                util_path_pop(&c->p, mi);
                i++;
            }
            d->n_models = n;
            ix_check(c, d->model, n, "model", &d->model_ix, &d->n_model_ix);
            if (n == 0)
                problem(c, "expected at least one model");
        }
        util_path_pop(&c->p, mk);
    }
}

/* Each of $.results into its cell (seen: the cells filled, [model * n_hostings
 * + hosting]); then, when nothing was wrong so far (before: the count of
 * problems at the start), the first pair without a result. */
static void read_results(chk *c, const cJSON *results, charts_data *d, char *seen, int before)
{
    size_t mk = util_path_key(&c->p, "results");
    int i = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, results) {
        size_t mi = util_path_index(&c->p, i++);
        char buf[96], q[96];
        if (!cJSON_IsObject(r)) {
            problem(c, "expected an object { model, hosting, summary, … }, got %s", what(r, buf, sizeof buf));
            util_path_pop(&c->p, mi);
            continue;
        }
        const cJSON *mv = member(c, r, "model", T_STR, "a model name", 0);
        const cJSON *hv = member(c, r, "hosting", T_STR, "a hosting point name", 0);
        int m = mv ? model_of(d, mv->valuestring) : -1;
        int h = hv ? hosting_of(d, hv->valuestring) : -1;
        if (mv && m < 0) {
            size_t k = util_path_key(&c->p, "model");
            problem(c, "model %s is not in $.models", util_json_quote(mv->valuestring, q, sizeof q));
            util_path_pop(&c->p, k);
        }
        if (hv && h < 0) {
            size_t k = util_path_key(&c->p, "hosting");
            problem(c, "hosting point %s is not in $.hostings", util_json_quote(hv->valuestring, q, sizeof q));
            util_path_pop(&c->p, k);
        }
        if (m >= 0 && h >= 0) {
            size_t at = (size_t)m * (size_t)d->n_hostings + (size_t)h;
            if (seen[at]) {
                char q2[96];
                problem(c, "a second result for model %s at hosting point %s",
                        util_json_quote(mv->valuestring, q, sizeof q), util_json_quote(hv->valuestring, q2, sizeof q2));
            } else {
                seen[at] = 1;
                read_cell(c, d, r, &d->cells[at]);
                if (isfinite(d->cells[at].restore_cal_hours))
                    d->restore_hours = 24.0;    /* the calendar clock: restore days are calendar days */
            }
        }
        util_path_pop(&c->p, mi);
        if (util_diags_count(c->d) - before >= UTIL_DIAGS_MAX)
            break;
    }
    for (int m = 0; m < d->n_models && util_diags_count(c->d) == before; m++)
        for (int h = 0; h < d->n_hostings; h++)
            if (!seen[(size_t)m * (size_t)d->n_hostings + (size_t)h]) {
                char q[96], q2[96];
                problem(c, "no result for model %s at hosting point %s",
                        util_json_quote(d->model[m], q, sizeof q), util_json_quote(d->hosting[h], q2, sizeof q2));
                break;
            }
    util_path_pop(&c->p, mk);
}

int charts_data_from_json(const cJSON *root, const char *file, charts_data *d, util_diags *diags)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->currency = CHARTS_CURRENCY;
    d->today_product = d->today_central = d->start_product = d->end_product = d->end_central = NAN;
    d->warmup_days = NAN;
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
    read_head(&c, root, d);

    /* models, hostings, metrics */
    read_models(&c, root, d);
    const cJSON *hostings = member(&c, root, "hostings", T_ARR, "an array of hosting point names", 0);
    if (hostings) {
        size_t mk = util_path_key(&c.p, "hostings");
        string_array(&c, hostings, &d->hosting, &d->n_hostings);
        if (d->hosting)
            ix_check(&c, d->hosting, d->n_hostings, "hosting point", &d->hosting_ix, &d->n_hosting_ix);
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
        d->scenario_file = scen;
        const cJSON *desc = cJSON_GetObjectItemCaseSensitive(scen, "description");
        d->description = cJSON_IsString(desc) ? desc->valuestring : NULL;
        const cJSON *sum = cJSON_GetObjectItemCaseSensitive(scen, "summary");
        d->summary = cJSON_IsString(sum) && *sum->valuestring ? sum->valuestring : NULL;
        today_sizes(d, scen);
        const cJSON *cur = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(scen, "costs"), "currency");
        if (cJSON_IsString(cur) && plot_currency_valid(cur->valuestring))
            d->currency = cur->valuestring;
    }
    if (util_diags_count(diags) > before)
        return charts_data_free(d), -1;

    /* results: one per model × hosting point */
    const cJSON *results = member(&c, root, "results", T_ARR, "an array of { model, hosting, summary, … }", 0);
    if (!results)
        return charts_data_free(d), -1;
    /* Every cell needs its result, so the cells' memory is bounded by the
     * file's size: far more cells than results is refused before allocating
     * them (a few missing are reported one by one below). */
    if ((size_t)d->n_models * (size_t)d->n_hostings > (size_t)cJSON_GetArraySize(results) + 1024) {
        size_t rk = util_path_key(&c.p, "results");
        problem(&c, "%d result(s) for %d model(s) x %d hosting point(s): expected one per pair",
                cJSON_GetArraySize(results), d->n_models, d->n_hostings);
        util_path_pop(&c.p, rk);
        return charts_data_free(d), -1;
    }
    d->cells = calloc((size_t)d->n_models * (size_t)d->n_hostings, sizeof *d->cells);
    char *seen = calloc((size_t)d->n_models * (size_t)d->n_hostings, 1);
    if (!d->cells || !seen) {
        free(seen);
        util_diags_at(diags, file, "$", "out of memory");
        return charts_data_free(d), -1;
    }
    read_results(&c, results, d, seen, before);
    free(seen);
    if (util_diags_count(diags) > before)
        return charts_data_free(d), -1;
    return 0;
}

void charts_data_free(charts_data *d)
{
    free(d->model);
    free(d->central_team);
    free(d->change_policy);
    free(d->hosting);
    free(d->cells);
    free(d->model_ix);
    free(d->hosting_ix);
    free(d->staffing_file);
    free(d->cmp);
    free(d->cmp_robust);
    free(d->transition_csv);
    free(d->payback_csv);
    free(d->payback_chart_csv);
    free(d->uncertainty_csv);
    free(d->robustness_csv);
    memset(d, 0, sizeof *d);
}

/* ---- staffing -------------------------------------------------------------- */

/* Records one staffing row. team: 0 central, 1 product. */
static void staff_put(charts_data *d, int m, int h, int central, double headcount, double total, double cost,
                      double p85, double cost_today)
{
    charts_cell *cell = charts_cell_at(d, m, h);
    cell->staff_rows++;
    if (isfinite(cost_today))
        cell->staff_cost_today = cost_today;
    if (!central)
        cell->staff_lead_p85 = p85;
    if (isfinite(cost))
        cell->staff_cost_year = cost;
    if (central)
        cell->staff_central = headcount;
    if (isfinite(total))
        cell->staff_total = total;
}

/* The marginal answers of staffing.json's "cells" (each { model, hosting,
 * central: { marginal }, product: { marginal } }), when it has them: what
 * the deck marks. Optional and informative: anything else is skipped. */
static void staff_marginal(charts_data *d, const cJSON *root)
{
    const cJSON *cells = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "cells") : NULL, *x;
    if (!cJSON_IsArray(cells))
        return;
    cJSON_ArrayForEach(x, cells) {
        const cJSON *mv = cJSON_GetObjectItemCaseSensitive(x, "model");
        const cJSON *hv = cJSON_GetObjectItemCaseSensitive(x, "hosting");
        if (!cJSON_IsString(mv) || !cJSON_IsString(hv))
            continue;
        int m = model_of(d, mv->valuestring), h = hosting_of(d, hv->valuestring);
        if (m < 0 || h < 0)
            continue;
        static const char *const teams[2] = { "central", "product" };
        for (int t = 0; t < 2; t++) {
            const cJSON *team = cJSON_GetObjectItemCaseSensitive(x, teams[t]);
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(team, "marginal")))
                charts_cell_at(d, m, h)->staff_marginal |= 1 << t;
        }
    }
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
            c->staff_central = c->staff_total = c->staff_cost_year = c->staff_lead_p85 = c->staff_cost_today = NAN;
            c->staff_rows = 0;
            c->staff_marginal = 0;
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
            } else if ((hc && !headcount_ok(num_or_nan(hc))) || (tot && !headcount_ok(num_or_nan(tot)))) {
                size_t k = util_path_key(&c.p, hc && !headcount_ok(num_or_nan(hc)) ? "headcount" : "total_headcount");
                problem(&c, "expected a headcount from 0 to %g", CHARTS_MAX_HEADCOUNT);
                util_path_pop(&c.p, k);
            } else if (mv && hv && tv && hc && tot) {
                int m = model_of(d, mv->valuestring);
                int h = hosting_of(d, hv->valuestring);
                if (m < 0 || h < 0)
                    unknown = 1;
                else
                    staff_put(d, m, h, !strcmp(tv->valuestring, "central"), num_or_nan(hc), num_or_nan(tot),
                              num_or_nan(cJSON_GetObjectItemCaseSensitive(r, "cost_per_year")),
                              num_or_nan(cJSON_GetObjectItemCaseSensitive(r, "p85_days")),
                              num_or_nan(cJSON_GetObjectItemCaseSensitive(r, "cost_today_per_year")));
            }
        }
        util_path_pop(&c.p, mi);
    }
    util_path_pop(&c.p, mk);
    if (util_diags_count(diags) > before) {
        staff_reset(d);
        return -1;
    }
    staff_marginal(d, root);
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

/* One CSV line of buf (strtok_r over '\n', *save its state; buf on the
 * first call, NULL after), its '\r' dropped, split into f[max]: the field
 * count, or -1 when it has more; *got 0 at the end. */
static int csv_line(char *buf, char **save, char **f, int max, int *got)
{
    char *line = strtok_r(buf, "\n", save);
    *got = line != NULL;
    if (!line)
        return 0;
    size_t L = strlen(line);
    if (L && line[L - 1] == '\r')
        line[L - 1] = '\0';
    return csv_split(line, f, max);
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
    /* A byte-order mark, as spreadsheets write one, is not part of the header. */
    if (!strncmp(text, "\xef\xbb\xbf", 3))
        text += 3;
    char *buf = strdup(text);
    if (!buf) {
        util_diags_add(diags, file, 0, 0, NULL, NULL, 0, "out of memory");
        return -1;
    }
    staff_reset(d);
    static const char *const need[] = { "scenario", "model", "hosting", "team", "headcount", "total_headcount" };
    int col[6], col_cost = -1, col_p85 = -1, nh = 0, line_no = 0, unknown = 0, rc = 0;
    char *save = NULL, *f[MAXF];
    for (int more = 1, n = csv_line(buf, &save, f, MAXF, &more); more; n = csv_line(NULL, &save, f, MAXF, &more)) {
        line_no++;
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
            for (int j = 0; j < n; j++)
                if (!strcmp(f[j], "cost_per_year") || !strncmp(f[j], "cost_per_year_", 14))
                    col_cost = j;
                else if (!strcmp(f[j], "p85_days"))
                    col_p85 = j;
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
        if (csv_num(f[col[4]], &hc) != 0 || csv_num(f[col[5]], &tot) != 0 || !headcount_ok(hc) || !headcount_ok(tot)) {
            util_diags_add(diags, file, line_no, 1, NULL, NULL, 0,
                           "headcount and total_headcount must be numbers from 0 to %g (or empty)", CHARTS_MAX_HEADCOUNT);
            rc = -1;
            break;
        }
        const char *team = f[col[3]];
        if (strcmp(team, "central") != 0 && strcmp(team, "product") != 0) {
            util_diags_add(diags, file, line_no, 1, NULL, NULL, 0, "team must be 'central' or 'product', got '%s'", team);
            rc = -1;
            break;
        }
        int m = model_of(d, f[col[1]]);
        int h = hosting_of(d, f[col[2]]);
        if (m < 0 || h < 0)
            unknown = 1;
        else {
            double cost = NAN, p85 = NAN;
            if (col_cost >= 0 && csv_num(f[col_cost], &cost) != 0)
                cost = NAN;
            if (col_p85 >= 0 && csv_num(f[col_p85], &p85) != 0)
                p85 = NAN;
            staff_put(d, m, h, !strcmp(team, "central"), hc, tot, cost, p85, (double)NAN);
        }
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

char *charts_beside(const char *results_path, const char *name)
{
    if (!results_path)
        return NULL;
    const char *slash = strrchr(results_path, '/');
    if (!slash)
        return util_path_join(".", name);
    char *dir = strndup(results_path, (size_t)(slash - results_path) + 1);
    char *p = dir ? util_path_join(dir, name) : NULL;
    free(dir);
    return p;
}

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

int charts_data_comparisons_csv(charts_data *d, const char *text, const char *file, char *why, size_t why_len)
{
    enum { MAXF = 16, NEED = 9 };
    static const char *const need[NEED] = { "scenario", "hosting", "metric", "model_a", "model_b", "diff_mean",
                                            "diff_ci95_low", "diff_ci95_high", "significant" };
    free(d->cmp);
    d->cmp = NULL;
    d->n_cmp = 0;
    char *buf = strdup(text);
    size_t cap = 0;
    int col[NEED], line_no = 0, bad = 0, maxc = 0;
    char *save = NULL, *f[MAXF];
    int more = buf != NULL;
    for (int n = buf ? csv_line(buf, &save, f, MAXF, &more) : 0; more && !bad;
         n = csv_line(NULL, &save, f, MAXF, &more)) {
        line_no++;
        if (line_no == 1) {
            bad = charts_csv_header(f, n, need, NEED, col, &maxc, file, why, why_len);
            continue;
        }
        if (n <= maxc) {
            snprintf(why, why_len, "%s:%d: expected at least %d fields", file, line_no, maxc + 1);
            bad = 1;
            break;
        }
        if (strcmp(f[col[0]], d->scenario) != 0) {
            snprintf(why, why_len, "%s is for scenario '%s', not '%s'", file, f[col[0]], d->scenario);
            bad = 1;
            break;
        }
        int k = -1;
        for (int j = 0; j < REPORT_HEADLINES; j++)
            if (!strcmp(f[col[2]], report_headline_metrics[j].key))
                k = j;
        if (k < 0)
            continue;
        int h = hosting_of(d, f[col[1]]);
        int a = model_of(d, f[col[3]]), b = model_of(d, f[col[4]]);
        double mean, lo, hi, sig;
        if (h < 0 || a < 0 || b < 0 || csv_num(f[col[5]], &mean) != 0 || csv_num(f[col[6]], &lo) != 0
            || csv_num(f[col[7]], &hi) != 0 || csv_num(f[col[8]], &sig) != 0) {
            snprintf(why, why_len, "%s:%d: does not fit these results", file, line_no);
            bad = 1;
            break;
        }
        if (util_grow(&d->cmp, &cap, (size_t)d->n_cmp + 1, sizeof *d->cmp, 64) != 0) {
            snprintf(why, why_len, "out of memory reading %s", file);
            bad = 1;
            break;
        }
        d->cmp[d->n_cmp++] = (report_cmp){ k, h, a, b, mean, lo, hi, sig == 1.0,
                                           charts_cell_at(d, a, h)->headline_mean[k],
                                           charts_cell_at(d, b, h)->headline_mean[k], NULL,
                                           charts_cell_at(d, a, h)->drifts || charts_cell_at(d, b, h)->drifts, "", "" };
    }
    if (!buf) {
        snprintf(why, why_len, "out of memory reading %s", file);
        bad = 1;
    }
    free(buf);
    if (bad) {
        free(d->cmp);
        d->cmp = NULL;
        d->n_cmp = 0;
        return 1;
    }
    return 0;
}

int charts_data_robustness_csv(charts_data *d, const char *text, const char *file, char *why, size_t why_len)
{
    enum { MAXF = 16, NEED = 7 };
    static const char *const need[NEED] = { "metric", "hosting", "model_a", "model_b", "perturbation",
                                            "replications", "label" };
    free(d->cmp_robust);
    d->cmp_robust = d->n_cmp ? calloc((size_t)d->n_cmp, sizeof *d->cmp_robust) : NULL;
    d->robust_perturbations = d->robust_reps = 0;
    char *buf = strdup(text);
    int col[NEED], line_no = 0, bad = !buf || (d->n_cmp && !d->cmp_robust), rows = 0, maxc = 0;
    if (bad)
        snprintf(why, why_len, "out of memory reading %s", file);
    char *save = NULL, *f[MAXF], last_pert[64] = "";
    report_cmp first = { 0 };
    int more = !bad;
    for (int n = more ? csv_line(buf, &save, f, MAXF, &more) : 0; more && !bad;
         n = csv_line(NULL, &save, f, MAXF, &more)) {
        if (++line_no == 1) {
            bad = charts_csv_header(f, n, need, NEED, col, &maxc, file, why, why_len);
            continue;
        }
        int k = -1, h = n > maxc ? hosting_of(d, f[col[1]]) : -1;
        int a = h >= 0 ? model_of(d, f[col[2]]) : -1, b = a >= 0 ? model_of(d, f[col[3]]) : -1;
        for (int j = 0; b >= 0 && j < REPORT_HEADLINES; j++)
            if (!strcmp(f[col[0]], report_headline_metrics[j].key))
                k = j;
        double reps;
        if (k < 0 || csv_num(f[col[5]], &reps) != 0) {
            snprintf(why, why_len, "%s:%d: does not fit these results", file, line_no);
            bad = 1;
            break;
        }
        /* the perturbations: the rows of the first comparison, two scalings each */
        if (rows++ == 0)
            first = (report_cmp){ .k = k, .h = h, .a = a, .b = b };
        if (first.k == k && first.h == h && first.a == a && first.b == b && strcmp(f[col[4]], last_pert) != 0) {
            snprintf(last_pert, sizeof last_pert, "%s", f[col[4]]);
            d->robust_perturbations++;
        }
        d->robust_reps = (int)reps;
        for (int i = 0; i < d->n_cmp; i++) {
            report_cmp *c = &d->cmp[i];
            if (c->k == k && c->h == h && c->a == a && c->b == b) {
                snprintf(d->cmp_robust[i], sizeof d->cmp_robust[i], "%s", f[col[6]]);
                c->robust = d->cmp_robust[i];
            }
        }
    }
    free(buf);
    if (bad) {
        for (int i = 0; i < d->n_cmp; i++)
            d->cmp[i].robust = NULL;
        free(d->cmp_robust);
        d->cmp_robust = NULL;
        d->robust_perturbations = d->robust_reps = 0;
        return 1;
    }
    return 0;
}
