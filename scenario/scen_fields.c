/* scen_fields — the loader's field readers: problems at the current JSON
 * path, overrides notes, numbers checked against a field list's ranges,
 * names, labels, choices, kinds of work, technology references,
 * distributions, maps by kind of work and stacks. */
#include "scenario/scen_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void scen__overrides_add(scen_overrides *o, const char *fmt, ...)
{
    if (!o || o->n >= 100000)
        return;
    if (o->n == o->alloc) {
        int na = o->alloc ? o->alloc * 2 : 16;
        char **nl = realloc(o->lines, (size_t)na * sizeof *nl);
        if (!nl)
            return;
        o->lines = nl;
        o->alloc = na;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf) + 1;
    char *s = malloc(n);
    if (!s)
        return;
    memcpy(s, buf, n);
    o->lines[o->n++] = s;
}

void scen__err(ld *L, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    util_diags_at(L->d, L->file, L->p.buf, "%s", msg);
}

void *scen__calloc(ld *L, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    void *p = calloc(n, size);
    if (!p && !L->oom) {
        L->oom = 1;
        util_diags_at(L->d, L->file, "$", "out of memory");
    }
    return p;
}

void scen__fmt_num(double v, char *buf, size_t n)
{
    if (v == floor(v) && fabs(v) < 1e17)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.10g", v);
}

void scen__note(ld *L, const char *key, const char *newv, const char *oldv)
{
    if (!L->note || !L->ov || strcmp(newv, oldv) == 0)
        return;
    scen__overrides_add(L->ov, "%s%s%s = %s (%s %s)", L->ovp, L->ovp[0] ? "." : "", key, newv,
                  L->basis, oldv);
}

/* "a, b, c" from a list of names. */
void scen__join(char *buf, size_t size, const char *const *names, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 4 < size; i++) {
        int w = snprintf(buf + o, size - o, "%s%s", i ? ", " : "", names[i]);
        if (w < 0)
            break;
        o += (size_t)w;
        if (o >= size) {
            o = size - 1;
            break;
        }
    }
}

static int check_keys(ld *L, const cJSON *obj, const char *const *keys, size_t n)
{
    return util_json_check_keys(obj, keys, n, L->file, &L->p, L->d);
}

/* Keys a place no longer accepts and what replaced them: an error naming
 * the replacement rather than "unknown key" (scenarios/README.md "Removed keys"). */
static const struct removed_key {
    int place;
    const char *key, *instead;
} removed_keys[] = {
    { P_TARGETS, "oncall_24x7", "the staffing search's on-call floor follows oncall.cover (24x7 or follow_the_sun: "
      "a rotation per first-responder team; business_hours: none)" },
    { P_TARGETS, "oncall_min_rotation", "oncall.min_rotation (one-site 24x7) and oncall.min_rotation_per_site "
      "(follow_the_sun)" },
};

#define PLACE_KEYS_MAX 64     /* a place with removed keys has at most this many (targets: 7) */

int scen__check_keys(ld *L, const cJSON *obj, const scen__place *pl)
{
    const char *keys[PLACE_KEYS_MAX + NKEYS(removed_keys)];
    size_t n = 0;
    int removed = 0;
    for (size_t i = 0; i < NKEYS(removed_keys); i++) {
        const struct removed_key *r = &removed_keys[i];
        if (&scen__places[r->place] != pl || pl->n > PLACE_KEYS_MAX)
            continue;
        keys[n++] = r->key;
        if (!get(obj, r->key))
            continue;
        size_t m = push(L, r->key);
        scen__err(L, "was removed: %s", r->instead);
        pop(L, m);
        removed++;
    }
    if (n == 0)
        return check_keys(L, obj, pl->keys, pl->n);
    for (size_t i = 0; i < pl->n; i++)
        keys[n++] = pl->keys[i];
    return check_keys(L, obj, keys, n) + removed;
}

void scen__require_keys(ld *L, const cJSON *obj, const scen__place *pl, size_t skip_last)
{
    for (size_t i = 0; i + skip_last < pl->n; i++) {
        const char *k = pl->keys[i];
        if (!strcmp(k, "name") || !strcmp(k, "base"))
            continue;
        if (!get(obj, k))
            scen__err(L, "missing '%s' (an entry without \"base\" in the presets must set every field)", k);
    }
}

/* ---- scalar fields --------------------------------------------------------- */

static void range_text(const fdef *f, char *buf, size_t n)
{
    const char *what = f->type == T_DBL ? "a number" : "an integer";
    if (f->type == T_BOOL) {
        snprintf(buf, n, "must be true or false");
        return;
    }
    char lo[32], hi[32];
    scen__fmt_num(f->lo, lo, sizeof lo);
    scen__fmt_num(f->hi, hi, sizeof hi);
    if (f->hi == NOLIM)
        snprintf(buf, n, "must be %s %s %s", what, f->lo_open ? ">" : "≥", lo);
    else
        snprintf(buf, n, "must be %s in %c%s, %s%c", what, f->lo_open ? '(' : '[', lo, hi,
                 f->hi_open ? ')' : ']');
}

static void value_text(const fdef *f, const void *base, char *buf, size_t n)
{
    const char *p = (const char *)base + f->off;
    switch (f->type) {
    case T_DBL: scen__fmt_num(*(const double *)p, buf, n); break;
    case T_INT: snprintf(buf, n, "%d", *(const int *)p); break;
    case T_BOOL: snprintf(buf, n, "%s", *(const int *)p ? "true" : "false"); break;
    case T_U64: snprintf(buf, n, "%llu", (unsigned long long)*(const uint64_t *)p); break;
    default: buf[0] = '\0';
    }
}

/* Reads v into the field; 0 or -1 (problem reported at the current path). */
static int read_scalar(ld *L, const cJSON *v, const fdef *f, void *base)
{
    char *p = (char *)base + f->off;
    char rng[96], got[96];
    if (f->type == T_BOOL) {
        if (cJSON_IsBool(v)) {
            *(int *)p = cJSON_IsTrue(v) ? 1 : 0;
            return 0;
        }
        if (cJSON_IsNumber(v) && (v->valuedouble == 0 || v->valuedouble == 1)) {
            *(int *)p = v->valuedouble == 1;
            return 0;
        }
        scen__err(L, "must be true or false, got %s", desc(v, got, sizeof got));
        return -1;
    }
    range_text(f, rng, sizeof rng);
    if (!cJSON_IsNumber(v)) {
        scen__err(L, "%s, got %s", rng, desc(v, got, sizeof got));
        return -1;
    }
    double x = v->valuedouble;
    int bad = !isfinite(x);
    if (f->type != T_DBL && !bad && x != floor(x))
        bad = 1;
    if (!bad && (f->lo_open ? !(x > f->lo) : !(x >= f->lo)))
        bad = 1;
    if (!bad && f->hi != NOLIM && (f->hi_open ? !(x < f->hi) : !(x <= f->hi)))
        bad = 1;
    if (bad) {
        scen__err(L, "%s, got %s", rng, desc(v, got, sizeof got));
        return -1;
    }
    if (f->limit != NOLIM && x > f->limit) {
        char lim[32];
        scen__fmt_num(f->limit, lim, sizeof lim);
        scen__err(L, "%s is above the limit of %s that protects the machine (the run would take hours); lower it",
            desc(v, got, sizeof got), lim);
        return -1;
    }
    switch (f->type) {
    case T_DBL: *(double *)p = x; break;
    case T_INT: *(int *)p = (int)x; break;
    case T_U64: *(uint64_t *)p = (uint64_t)x; break;
    default: break;
    }
    return 0;
}

/* Reads obj[f->key], a number or true/false, into base, noting the change. */
static void read_scalar_field(ld *L, const cJSON *obj, const fdef *f, void *base)
{
    const cJSON *v = get(obj, f->key);
    if (!v)
        return;
    char before[64], after[64];
    value_text(f, base, before, sizeof before);
    size_t m = push(L, f->key);
    if (read_scalar(L, v, f, base) == 0) {
        value_text(f, base, after, sizeof after);
        scen__note(L, f->key, after, before);
    }
    pop(L, m);
}

/* ---- strings, names, enums -------------------------------------------------- */

int scen__valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= ORG_NAME_MAX)
        return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

/* Reads a name (identifier) from v into out; 0 or -1. */
int scen__read_name_value(ld *L, const cJSON *v, char out[ORG_NAME_MAX])
{
    char got[96];
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be a name in double quotes, got %s", desc(v, got, sizeof got));
        return -1;
    }
    if (!scen__valid_name(v->valuestring)) {
        if (strlen(v->valuestring) >= ORG_NAME_MAX)
            scen__err(L, "name is too long (at most %d characters), got %s", ORG_NAME_MAX - 1,
                desc(v, got, sizeof got));
        else
            scen__err(L, "must be a name of letters, digits, '_', '-' or '.' (starting with a letter or digit), got %s",
                desc(v, got, sizeof got));
        return -1;
    }
    snprintf(out, ORG_NAME_MAX, "%s", v->valuestring);
    return 0;
}

/* Reads the required "name" of obj. */
int scen__read_name(ld *L, const cJSON *obj, char out[ORG_NAME_MAX])
{
    const cJSON *v = get(obj, "name");
    if (!v) {
        scen__err(L, "missing \"name\"");
        return -1;
    }
    size_t m = push(L, "name");
    int rc = scen__read_name_value(L, v, out);
    pop(L, m);
    return rc;
}

/* A label: free text for display, 1..63 bytes, no control characters. */
static int read_label(ld *L, const cJSON *v, char out[ORG_NAME_MAX])
{
    char got[96];
    if (!cJSON_IsString(v) || !v->valuestring[0]) {
        scen__err(L, "must be a non-empty text in double quotes, got %s", desc(v, got, sizeof got));
        return -1;
    }
    if (strlen(v->valuestring) >= ORG_NAME_MAX) {
        scen__err(L, "is too long (at most %d bytes), got %s", ORG_NAME_MAX - 1, desc(v, got, sizeof got));
        return -1;
    }
    for (const unsigned char *s = (const unsigned char *)v->valuestring; *s; s++)
        if (*s < 0x20 || *s == 0x7F) {
            scen__err(L, "must not contain control characters, got %s", desc(v, got, sizeof got));
            return -1;
        }
    snprintf(out, ORG_NAME_MAX, "%s", v->valuestring);
    return 0;
}

/* Reads a string that must be one of choices[]; returns its index or -1. */
int scen__read_choice(ld *L, const cJSON *v, const char *const *choices, size_t n)
{
    char got[96], list[256];
    scen__join(list, sizeof list, choices, n);
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be one of %s, got %s", list, desc(v, got, sizeof got));
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(v->valuestring, choices[i]) == 0)
            return (int)i;
    const char *s = util_suggest(v->valuestring, choices, n);
    if (s)
        scen__err(L, "unknown value %s; did you mean '%s'? (one of %s)", desc(v, got, sizeof got), s, list);
    else
        scen__err(L, "unknown value %s (one of %s)", desc(v, got, sizeof got), list);
    return -1;
}

/* Reads a task kind (app .. facility); -1 with a problem when not one. */
int scen__read_task_kind(ld *L, const cJSON *v)
{
    char got[96], list[256];
    scen__join(list, sizeof list, scen__kind_names, ORG_TASK_KINDS);
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be a kind of work (%s), got %s", list, desc(v, got, sizeof got));
        return -1;
    }
    int k = org_kind_from_name(v->valuestring);
    if (k >= 0 && k < ORG_TASK_KINDS)
        return k;
    if (k >= ORG_TASK_KINDS) {
        scen__err(L, "'%s' is not a kind of task: incidents, toil and enablement are generated by the model "
               "(one of %s)", v->valuestring, list);
        return -1;
    }
    const char *s = util_suggest(v->valuestring, scen__kind_names, ORG_TASK_KINDS);
    if (s)
        scen__err(L, "unknown kind of work %s; did you mean '%s'?", desc(v, got, sizeof got), s);
    else
        scen__err(L, "unknown kind of work %s (one of %s)", desc(v, got, sizeof got), list);
    return -1;
}

/* Index of a technology by name, or -1. */
static int tech_find(const org_scenario *S, const char *name)
{
    for (int i = 0; i < S->n_techs; i++)
        if (strcmp(S->techs[i].name, name) == 0)
            return i;
    return -1;
}

/* Reads a technology reference; returns the index, -1 for null (when
 * allow_null), -2 on a problem. */
int scen__read_tech_ref(ld *L, const cJSON *v, const org_scenario *S, int allow_null)
{
    char got[96];
    if (allow_null && cJSON_IsNull(v))
        return -1;
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be the name of a technology%s, got %s", allow_null ? " or null" : "",
            desc(v, got, sizeof got));
        return -2;
    }
    int t = tech_find(S, v->valuestring);
    if (t >= 0)
        return t;
    const char **names = malloc((size_t)(S->n_techs > 0 ? S->n_techs : 1) * sizeof *names);
    const char *s = NULL;
    if (names) {
        for (int i = 0; i < S->n_techs; i++)
            names[i] = S->techs[i].name;
        s = util_suggest(v->valuestring, names, (size_t)S->n_techs);
    }
    if (s)
        scen__err(L, "unknown technology %s; did you mean '%s'? (add new ones under \"technologies\")",
            desc(v, got, sizeof got), s);
    else
        scen__err(L, "unknown technology %s (add it under \"technologies\" with its kind)", desc(v, got, sizeof got));
    free(names);
    return -2;
}

/* ---- distributions ------------------------------------------------------- */

const char *scen_dist_describe(const sim_dist *dd, char *buf, size_t size)
{
    char a[32], b[32], c[32];
    switch (dd->kind) {
    case SIM_DIST_CONSTANT:
        scen__fmt_num(dd->a, a, sizeof a);
        snprintf(buf, size, "%s", a);
        break;
    case SIM_DIST_EXPONENTIAL:
        scen__fmt_num(dd->a, a, sizeof a);
        snprintf(buf, size, "exponential(mean %s)", a);
        break;
    case SIM_DIST_LOGNORMAL:
        scen__fmt_num(exp(dd->a), a, sizeof a);
        scen__fmt_num(exp(dd->a + 1.2815515655446004 * dd->b), b, sizeof b);
        snprintf(buf, size, "lognormal(median %s, p90 %s)", a, b);
        break;
    case SIM_DIST_TRIANGULAR:
        scen__fmt_num(dd->a, a, sizeof a);
        scen__fmt_num(dd->b, b, sizeof b);
        scen__fmt_num(dd->c, c, sizeof c);
        snprintf(buf, size, "triangular(min %s, mode %s, max %s)", a, b, c);
        break;
    case SIM_DIST_GAMMA:
        scen__fmt_num(dd->a, a, sizeof a);
        scen__fmt_num(dd->b, b, sizeof b);
        snprintf(buf, size, "gamma(shape %s, scale %s)", a, b);
        break;
    case SIM_DIST_UNIFORM:
        scen__fmt_num(dd->a, a, sizeof a);
        scen__fmt_num(dd->b, b, sizeof b);
        snprintf(buf, size, "uniform(low %s, high %s)", a, b);
        break;
    case SIM_DIST_EMPIRICAL:
        scen__fmt_num(dd->n ? sim_dist_mean(dd) : 0, a, sizeof a);
        snprintf(buf, size, "empirical(%zu values, mean %s)", dd->n, a);
        break;
    default:
        snprintf(buf, size, "?");
    }
    return buf;
}

int scen__dist_equal(const sim_dist *x, const sim_dist *y)
{
    if (x->kind != y->kind || x->a != y->a || x->b != y->b || x->c != y->c || x->n != y->n)
        return 0;
    for (size_t i = 0; i < x->n; i++)
        if (x->values[i] != y->values[i])
            return 0;
    return 1;
}

/* A parameter of a distribution object: a number with lower bound lo
 * (strict when open). 0 or -1. */
static int dist_param(ld *L, const cJSON *obj, const char *key, double lo, int open, double *out)
{
    const cJSON *v = get(obj, key);
    char got[96];
    if (!v) {
        scen__err(L, "missing \"%s\"", key);
        return -1;
    }
    size_t m = push(L, key);
    int rc = 0;
    if (!cJSON_IsNumber(v) || (open ? !(v->valuedouble > lo) : !(v->valuedouble >= lo))) {
        scen__err(L, "must be a number %s %g, got %s", open ? ">" : "≥", lo, desc(v, got, sizeof got));
        rc = -1;
    } else {
        *out = v->valuedouble;
    }
    pop(L, m);
    return rc;
}

static const char *const dist_names[] = {
    "constant", "exponential", "lognormal", "triangular", "gamma", "uniform", "empirical",
};

/* The "values" of an empirical distribution: 1 to 100000 days ≥ 0. 0 or -1. */
static int read_empirical(ld *L, const cJSON *v, sim_dist *out)
{
    char got[96];
    const cJSON *arr = get(v, "values");
    if (!arr) {
        scen__err(L, "missing \"values\"");
        return -1;
    }
    size_t m = push(L, "values");
    int n = cJSON_GetArraySize(arr);
    if (!cJSON_IsArray(arr) || n < 1 || n > 100000) {
        scen__err(L, "must be an array of 1 to 100000 numbers of days ≥ 0, got %s",
            cJSON_IsArray(arr) ? (n < 1 ? "an empty array" : "too many values") : desc(arr, got, sizeof got));
        pop(L, m);
        return -1;
    }
    double *vals = scen__calloc(L, (size_t)n, sizeof *vals);
    int i = 0, bad = 0;
    for (const cJSON *x = arr->child; x && vals; x = x->next, i++) {
        if (!cJSON_IsNumber(x) || !(x->valuedouble >= 0)) {
            size_t m2 = util_path_index(&L->p, i);
            scen__err(L, "must be a number of days ≥ 0, got %s", desc(x, got, sizeof got));
            pop(L, m2);
            bad = 1;
        } else {
            vals[i] = x->valuedouble;
        }
    }
    pop(L, m);
    int rc = -1;
    if (vals && !bad && sim_dist_empirical(out, vals, (size_t)n) == 0)
        rc = 0;
    free(vals);
    return rc;
}

/* The distribution of kind (an index of dist_names) from the parameters of v. 0 or -1. */
static int dist_from_params(ld *L, const cJSON *v, int kind, sim_dist *out)
{
    double a = 0, b = 0, c = 0;
    switch (kind) {
    case 0:
        if (dist_param(L, v, "value", 0, 0, &a) != 0)
            return -1;
        sim_dist_constant(out, a);
        return 0;
    case 1:
        if (dist_param(L, v, "mean", 0, 1, &a) != 0)
            return -1;
        sim_dist_exponential(out, a);
        return 0;
    case 2: {
        int e = dist_param(L, v, "median", 0, 1, &a);
        e |= dist_param(L, v, "p90", 0, 1, &b);
        if (e)
            return -1;
        if (!(b > a)) {
            size_t m = push(L, "p90");
            scen__err(L, "must be greater than the median (%g), got %g; for a fixed effort give a plain number", a, b);
            pop(L, m);
            return -1;
        }
        if (sim_dist_lognormal_median_p90(out, a, b) != 0) {
            scen__err(L, "median %g and p90 %g do not make a usable lognormal (too close or too far apart)", a, b);
            return -1;
        }
        return 0;
    }
    case 3: {
        int e = dist_param(L, v, "min", 0, 0, &a);
        e |= dist_param(L, v, "mode", 0, 0, &b);
        e |= dist_param(L, v, "max", 0, 0, &c);
        if (e)
            return -1;
        if (!(a <= b && b <= c) || !(c > a)) {
            scen__err(L, "needs min ≤ mode ≤ max and min < max, got min %g, mode %g, max %g", a, b, c);
            return -1;
        }
        sim_dist_triangular(out, a, b, c);
        return 0;
    }
    case 4: {
        int e = dist_param(L, v, "shape", 0, 1, &a);
        e |= dist_param(L, v, "scale", 0, 1, &b);
        if (e)
            return -1;
        if (sim_dist_gamma(out, a, b) != 0) {
            scen__err(L, "shape %g and scale %g are not a usable gamma distribution", a, b);
            return -1;
        }
        return 0;
    }
    case 5: {
        int e = dist_param(L, v, "low", 0, 0, &a);
        e |= dist_param(L, v, "high", 0, 0, &b);
        if (e)
            return -1;
        if (!(b >= a)) {
            scen__err(L, "needs low ≤ high, got low %g, high %g", a, b);
            return -1;
        }
        sim_dist_uniform(out, a, b);
        return 0;
    }
    case 6:
        return read_empirical(L, v, out);
    default:
        return -1;
    }
}

/* Reads a distribution of a non-negative duration in days. 0 or -1. */
int scen__read_dist(ld *L, const cJSON *v, sim_dist *out)
{
    char got[96];
    sim_dist r;
    memset(&r, 0, sizeof r);
    if (cJSON_IsNumber(v)) {
        if (!(v->valuedouble >= 0)) {
            scen__err(L, "must be a number of days ≥ 0, got %s", desc(v, got, sizeof got));
            return -1;
        }
        sim_dist_constant(out, v->valuedouble);
        return 0;
    }
    if (!cJSON_IsObject(v)) {
        scen__err(L, "must be a number of days, {\"median\": m, \"p90\": q} or {\"dist\": \"exponential\", "
               "\"mean\": m} (see scenarios/README.md), got %s", desc(v, got, sizeof got));
        return -1;
    }
    const cJSON *dv = get(v, "dist");
    int kind = 2;   /* lognormal from median and p90 */
    if (dv) {
        size_t m = push(L, "dist");
        kind = scen__read_choice(L, dv, dist_names, NKEYS(dist_names));
        pop(L, m);
        if (kind < 0)
            return -1;
    } else if (!get(v, "median") && !get(v, "p90")) {
        static const char *const hint[] = { "dist", "median", "p90" };
        if (check_keys(L, v, hint, NKEYS(hint)) == 0)
            scen__err(L, "give {\"median\": m, \"p90\": q} for an estimate, or \"dist\": one of "
                   "constant, exponential, lognormal, triangular, gamma, uniform, empirical");
        return -1;
    }
    static const char *const k_const[] = { "dist", "value" };
    static const char *const k_exp[] = { "dist", "mean" };
    static const char *const k_logn[] = { "dist", "median", "p90" };
    static const char *const k_tri[] = { "dist", "min", "mode", "max" };
    static const char *const k_gamma[] = { "dist", "shape", "scale" };
    static const char *const k_unif[] = { "dist", "low", "high" };
    static const char *const k_emp[] = { "dist", "values" };
    static const struct { const char *const *k; size_t n; } kk[] = {
        { k_const, NKEYS(k_const) }, { k_exp, NKEYS(k_exp) }, { k_logn, NKEYS(k_logn) },
        { k_tri, NKEYS(k_tri) }, { k_gamma, NKEYS(k_gamma) }, { k_unif, NKEYS(k_unif) },
        { k_emp, NKEYS(k_emp) },
    };
    if (check_keys(L, v, kk[kind].k, kk[kind].n) != 0)
        return -1;
    return dist_from_params(L, v, kind, out);
}

/* Reads obj[key] as a distribution into *out (replacing it), noting the change. */
static void read_dist_field(ld *L, const cJSON *obj, const char *key, sim_dist *out)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    sim_dist nd;
    memset(&nd, 0, sizeof nd);
    if (scen__read_dist(L, v, &nd) == 0) {
        char before[128], after[128];
        scen_dist_describe(out, before, sizeof before);
        scen_dist_describe(&nd, after, sizeof after);
        if (!scen__dist_equal(out, &nd))
            scen__note(L, key, after, before);
        sim_dist_destroy(out);
        *out = nd;
    }
    pop(L, m);
}

/* ---- maps by kind of work ---------------------------------------------------- */

enum mtype { M_ROUTE, M_NUM, M_BOOL };

static const char *const route_names[] = { "product", "central", "central_service" };

static void route_text(org_route r, char *buf, size_t n)
{
    snprintf(buf, n, "%s", r.executor == ORG_EXEC_PRODUCT ? "product"
                          : r.channel == ORG_CHANNEL_SERVICE ? "central_service" : "central");
}

static int map_value(ld *L, const cJSON *v, int mt, org_route *r, double *x, int *b)
{
    char got[96];
    if (mt == M_ROUTE) {
        int c = scen__read_choice(L, v, route_names, NKEYS(route_names));
        if (c < 0)
            return -1;
        r->executor = c == 0 ? ORG_EXEC_PRODUCT : ORG_EXEC_CENTRAL;
        r->channel = c == 2 ? ORG_CHANNEL_SERVICE : ORG_CHANNEL_TICKET;
        return 0;
    }
    if (mt == M_NUM) {
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || !(v->valuedouble <= 1000)) {
            scen__err(L, "must be a number in [0, 1000], got %s", desc(v, got, sizeof got));
            return -1;
        }
        *x = v->valuedouble;
        return 0;
    }
    if (cJSON_IsBool(v)) {
        *b = cJSON_IsTrue(v) ? 1 : 0;
        return 0;
    }
    if (cJSON_IsNumber(v) && (v->valuedouble == 0 || v->valuedouble == 1)) {
        *b = v->valuedouble == 1;
        return 0;
    }
    scen__err(L, "must be true or false, got %s", desc(v, got, sizeof got));
    return -1;
}

static void map_text(int mt, const void *arr, int k, char *buf, size_t n)
{
    if (mt == M_ROUTE)
        route_text(((const org_route *)arr)[k], buf, n);
    else if (mt == M_NUM)
        scen__fmt_num(((const double *)arr)[k], buf, n);
    else
        snprintf(buf, n, "%s", ((const int *)arr)[k] ? "true" : "false");
}

/* Reads obj[key], an object {kind: value, "default": value}, into arr
 * (ORG_TASK_KINDS entries). "default" sets every kind the map does not name.
 * When complete, every kind must end up set. */
static void read_kind_map(ld *L, const cJSON *obj, const char *key, int mt, void *arr, int complete)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    char got[96];
    if (!cJSON_IsObject(v)) {
        scen__err(L, "must be an object mapping kinds of work to values, like {\"default\": …, \"db\": …}, got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    const char *keys[ORG_TASK_KINDS + 1];
    keys[0] = "default";
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        keys[k + 1] = scen__kind_names[k];
    check_keys(L, v, keys, NKEYS(keys));
    org_route r_new[ORG_TASK_KINDS];
    double x_new[ORG_TASK_KINDS];
    int b_new[ORG_TASK_KINDS], set[ORG_TASK_KINDS];
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        set[k] = 0;
        if (mt == M_ROUTE) r_new[k] = ((org_route *)arr)[k];
        else if (mt == M_NUM) x_new[k] = ((double *)arr)[k];
        else b_new[k] = ((int *)arr)[k];
    }
    const cJSON *dflt = get(v, "default");
    if (dflt) {
        size_t m2 = push(L, "default");
        org_route r;
        double x = 0;
        int b = 0;
        memset(&r, 0, sizeof r);
        if (map_value(L, dflt, mt, &r, &x, &b) == 0)
            for (int k = 0; k < ORG_TASK_KINDS; k++) {
                r_new[k] = r;
                x_new[k] = x;
                b_new[k] = b;
                set[k] = 1;
            }
        pop(L, m2);
    }
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        const cJSON *kv = get(v, scen__kind_names[k]);
        if (!kv)
            continue;
        size_t m2 = push(L, scen__kind_names[k]);
        if (map_value(L, kv, mt, &r_new[k], &x_new[k], &b_new[k]) == 0)
            set[k] = 1;
        pop(L, m2);
    }
    if (complete) {
        char missing[256];
        size_t o = 0;
        missing[0] = '\0';
        for (int k = 0; k < ORG_TASK_KINDS; k++)
            if (!set[k] && o + 20 < sizeof missing)
                o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? ", " : "", scen__kind_names[k]);
        if (o)
            scen__err(L, "missing kinds %s (name them or give a \"default\")", missing);
    }
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        char before[48], after[48], kk[128];
        map_text(mt, arr, k, before, sizeof before);
        if (mt == M_ROUTE) ((org_route *)arr)[k] = r_new[k];
        else if (mt == M_NUM) ((double *)arr)[k] = x_new[k];
        else ((int *)arr)[k] = b_new[k];
        map_text(mt, arr, k, after, sizeof after);
        snprintf(kk, sizeof kk, "%s.%s", key, scen__kind_names[k]);
        scen__note(L, kk, after, before);
    }
    pop(L, m);
}

/* Reads obj[key], an object {kind: technology or null}, into stack. */
void scen__read_stack(ld *L, const cJSON *obj, const char *key, const org_scenario *S, int *stack)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    char got[96];
    if (!cJSON_IsObject(v)) {
        scen__err(L, "must be an object mapping kinds of work to technologies, like {\"db\": \"postgresql\"}, got %s",
            desc(v, got, sizeof got));
        pop(L, m);
        return;
    }
    check_keys(L, v, scen__kind_names, ORG_TASK_KINDS);
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        const cJSON *kv = get(v, scen__kind_names[k]);
        if (!kv)
            continue;
        size_t m2 = push(L, scen__kind_names[k]);
        int t = scen__read_tech_ref(L, kv, S, 1);
        if (t >= -1) {
            char kk[128];
            snprintf(kk, sizeof kk, "%s.%s", key, scen__kind_names[k]);
            scen__note(L, kk, t >= 0 ? S->techs[t].name : "none", stack[k] >= 0 ? S->techs[stack[k]].name : "none");
            stack[k] = t;
        }
        pop(L, m2);
    }
    pop(L, m);
}

/* ---- enumerations and labels of a model --------------------------------------- */

static const char *const owner_names[] = { "product", "central" };
static const char *const deploy_names[] = { "window", "on_demand" };

/* obj[key], one of names[0..1], noting the change from names[was]: its index,
 * or -1 when absent or not one of them (reported). */
static int read_two_way(ld *L, const cJSON *obj, const char *key, const char *const names[2], int was)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return -1;
    size_t m = push(L, key);
    int c = scen__read_choice(L, v, names, 2);
    if (c >= 0)
        scen__note(L, key, names[c], names[was]);
    pop(L, m);
    return c;
}

static void read_label_field(ld *L, const cJSON *obj, const char *key, char *dst)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    char label[ORG_NAME_MAX];
    if (read_label(L, v, label) == 0) {
        scen__note(L, key, label, dst);
        memcpy(dst, label, sizeof label);
    }
    pop(L, m);
}

/* obj[key], an ISO 4217 currency code: three capital letters into dst[4]. */
static void read_currency_field(ld *L, const cJSON *obj, const char *key, char *dst)
{
    const cJSON *v = get(obj, key);
    if (!v)
        return;
    size_t m = push(L, key);
    char got[96];
    if (!cJSON_IsString(v) || strlen(v->valuestring) != 3
        || strspn(v->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
        scen__err(L, "must be an ISO 4217 currency code (three capital letters, e.g. \"EUR\" or \"USD\"), got %s",
                  desc(v, got, sizeof got));
    } else {
        scen__note(L, key, v->valuestring, dst);
        memcpy(dst, v->valuestring, 4);
    }
    pop(L, m);
}

/* ---- a place's fields --------------------------------------------------------- */

/* obj[f->key], a nested object read with its place's list; overrides lines
 * are prefixed with the key ("knowledge.threshold = …"). */
static void read_section(ld *L, const cJSON *obj, const fdef *f, void *base, const org_scenario *S)
{
    const cJSON *v = get(obj, f->key);
    if (!v)
        return;
    const scen__place *pl = &scen__places[f->sub];
    char got[96];
    size_t m = push(L, f->key);
    if (!cJSON_IsObject(v)) {
        scen__err(L, "must be an object { … }, got %s", desc(v, got, sizeof got));
    } else {
        scen__check_keys(L, v, pl);
        if (L->presets)
            scen__require_keys(L, v, pl, 0);
        snprintf(L->ovp, sizeof L->ovp, "%s", f->key);
        snprintf(L->basis, sizeof L->basis, "preset");
        scen__read_fields(L, v, pl, base, S, 0);
        L->ovp[0] = '\0';
    }
    pop(L, m);
}

void scen__read_fields(ld *L, const cJSON *obj, const scen__place *pl, void *base,
                       const org_scenario *S, int complete)
{
    for (size_t i = 0; i < pl->n; i++) {
        const fdef *f = &pl->fields[i];
        void *at = (char *)base + f->off;
        switch (f->type) {
        case T_DBL: case T_INT: case T_BOOL: case T_U64:
            read_scalar_field(L, obj, f, base);
            break;
        case T_LABEL: read_label_field(L, obj, f->key, at); break;
        case T_CURRENCY: read_currency_field(L, obj, f->key, at); break;
        case T_OWNER: {
            org_executor *e = at;
            int c = read_two_way(L, obj, f->key, owner_names, *e == ORG_EXEC_PRODUCT ? 0 : 1);
            if (c >= 0)
                *e = c == 0 ? ORG_EXEC_PRODUCT : ORG_EXEC_CENTRAL;
            break;
        }
        case T_DEPLOY: {
            org_deploy_mode *dm = at;
            int c = read_two_way(L, obj, f->key, deploy_names, *dm == ORG_DEPLOY_WINDOW ? 0 : 1);
            if (c >= 0)
                *dm = c == 0 ? ORG_DEPLOY_WINDOW : ORG_DEPLOY_ON_DEMAND;
            break;
        }
        case T_COVER: {
            org_cover *cv = at;
            const cJSON *cj = get(obj, f->key);
            if (!cj)
                break;
            size_t m = push(L, f->key);
            int c = scen__read_choice(L, cj, org_cover_names, ORG_COVER_COUNT);
            if (c >= 0) {
                scen__note(L, f->key, org_cover_names[c], org_cover_names[*cv]);
                *cv = (org_cover)c;
            }
            pop(L, m);
            break;
        }
        case T_ROUTES: read_kind_map(L, obj, f->key, M_ROUTE, at, complete); break;
        case T_NUMS: read_kind_map(L, obj, f->key, M_NUM, at, complete); break;
        case T_BOOLS: read_kind_map(L, obj, f->key, M_BOOL, at, complete); break;
        case T_DIST: read_dist_field(L, obj, f->key, at); break;
        case T_STACK: scen__read_stack(L, obj, f->key, S, at); break;
        case T_SECTION: read_section(L, obj, f, at, S); break;
        default: break;     /* T_OWN: the place's own code reads it */
        }
    }
}
