/* sweep_calib — fitting a scenario's unknown parameters to observed figures
 * by simulation (Nelder–Mead on a logistic transform of the ranges, common
 * random numbers, curvature for the standard errors). */
#include "sweep/sweep_calib.h"
#include "sweep/sweep_params.h"
#include "models/org_exp.h"
#include "scenario/scen_load.h"
#include "sim/sim_stats.h"
#include "util/util_msg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>

/* A figure the model leaves undefined at a point counts as missed by this
 * many tolerances (docs/calibrate.md). */
#define UNDEFINED_Z 1000.0
/* The simplex stops when its size (mean distance of the vertices from their
 * centre, in the transformed space) is below this. */
#define SIZE_TOL 1e-2
/* Central-difference step for the curvature, as a share of each range. */
#define STEP_SHARE 0.02

typedef struct calib {
    const sweep_calib_opts *o;
    const char *file;           /* the scenario file, for messages */
    cJSON *scenario;            /* parsed, "calibrate" section included */
    cJSON *presets;
    sweep_params sp;            /* the calibrate section as PARAMS (ranges only) */
    sweep_observed ob;
    int m, h;                   /* today's model and hosting point */
    int reps;
    uint64_t seed;
    int evals;
    int status;                 /* set when an evaluation failed: 1 or 2 */
    double best_f;              /* the smallest objective evaluated */
    double *best;               /* [sp.n]: where (the first such point) */
} calib;

/* The simulated figures at one point: mean, 95% interval, replications. */
typedef struct point_figs {
    double mean[SWEEP_OBS_COUNT], low[SWEEP_OBS_COUNT], high[SWEEP_OBS_COUNT];
    double sem[SWEEP_OBS_COUNT];    /* standard error of the mean (0 with one replication) */
    int n[SWEEP_OBS_COUNT];
} point_figs;

/* The scenario with the values theta[0..sp.n) written in (NULL with the
 * problem printed). */
static cJSON *scenario_at(calib *C, const double *theta)
{
    util_diags d;
    util_diags_init(&d);
    cJSON *pt = cJSON_Duplicate(C->scenario, 1);
    int rc = pt ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < C->sp.n; i++) {
        cJSON *v = cJSON_CreateNumber(theta[i]);
        if (!v || sweep_apply(pt, C->presets, &C->sp.params[i], i, v, C->file, C->file, &d) != 0)
            rc = -1;
        cJSON_Delete(v);
    }
    if (rc != 0) {
        if (util_diags_count(&d))
            sweep_diags_print_in(&d, C->file, "calibrate");
        else
            util_error("out of memory");
        cJSON_Delete(pt);
        pt = NULL;
    }
    util_diags_free(&d);
    return pt;
}

/* Loads the scenario at theta into *s (seed and replications set once
 * C->reps is). 0, or
 * -1 with C->status set and the problem printed. */
static int load_at(calib *C, const double *theta, org_scenario *s)
{
    cJSON *pt = scenario_at(C, theta);
    /* Today: a timeline's events are the future, not what was observed
     * (calibrated.json keeps them). */
    if (pt)
        cJSON_DeleteItemFromObjectCaseSensitive(pt, "timeline");
    char *text = pt ? cJSON_PrintUnformatted(pt) : NULL;
    cJSON_Delete(pt);
    if (!text) {
        C->status = 1;
        return -1;
    }
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(text, strlen(text), C->file, s, &d);
    free(text);
    if (rc != 0) {
        util_diags_print(&d, stderr);
        util_error("%s: $.calibrate: the scenario is not valid at %s", C->file,
                   C->sp.n == 1 ? "this value" : "these values");
        for (size_t i = 0; i < C->sp.n; i++)
            util_error("%s: $.calibrate.params[%zu]: %s = %.10g", C->file, i, C->sp.params[i].path, theta[i]);
        C->status = 2;
    }
    util_diags_free(&d);
    if (rc == 0 && C->reps > 0) {
        s->run.seed = C->seed;
        s->run.replications = C->reps;
    }
    return rc;
}

/* Simulates today's design at theta: every replication, the figures'
 * means and intervals into *pf. 0 or -1 (C->status set). */
static int simulate(calib *C, const double *theta, point_figs *pf)
{
    org_scenario s;
    if (load_at(C, theta, &s) != 0)
        return -1;
    org_exp x;
    if (org_exp_alloc(&s, C->reps, &x) != 0) {
        org_scenario_destroy(&s);
        C->status = 1;
        return -1;
    }
    long first = ((long)C->m * x.n_hostings + C->h) * x.reps;
    int failed = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(C->o->jobs) reduction(| : failed)
    for (long j = first; j < first + x.reps; j++)
        if (org_exp_run_job(&x, j, NULL) != 0)
            failed |= 1;
    double *buf = malloc((size_t)x.reps * sizeof *buf);
    if (failed || !buf) {
        util_error("out of memory while simulating");
        free(buf);
        org_exp_destroy(&x);
        org_scenario_destroy(&s);
        C->status = 1;
        return -1;
    }
    for (int k = 0; k < C->ob.n; k++) {
        sweep_obs_figure f = C->ob.items[k].figure;
        double scale = sweep_obs_scale(f, &s);
        int n = org_exp_values(&x, C->m, C->h, sweep_obs_metric(f), buf);
        for (int r = 0; r < n; r++)
            buf[r] *= scale;
        sim_ci ci = sim_ci95(buf, (size_t)n);
        pf->mean[f] = n ? ci.mean : (double)NAN;
        pf->low[f] = n ? ci.low : (double)NAN;
        pf->high[f] = n ? ci.high : (double)NAN;
        pf->sem[f] = n > 1 ? ci.half_width / sim_t_quantile(0.975, (double)(n - 1)) : 0.0;
        pf->n[f] = n;
    }
    free(buf);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
    return 0;
}

static double z_of(const sweep_obs *o, double mean)
{
    return isfinite(mean) ? (mean - o->value) / o->tolerance : UNDEFINED_Z;
}

static double theta_of(const sweep_param *p, double x)
{
    return p->a + (p->b - p->a) / (1.0 + exp(-x));
}

/* The objective at a point of the transformed space. */
static double objective(const gsl_vector *xv, void *ctx)
{
    calib *C = ctx;
    if (C->status)
        return HUGE_VAL;
    double theta[SWEEP_MAX_PARAMS];
    for (size_t i = 0; i < C->sp.n; i++)
        theta[i] = theta_of(&C->sp.params[i], gsl_vector_get(xv, i));
    point_figs pf;
    if (simulate(C, theta, &pf) != 0)
        return HUGE_VAL;
    double f = 0;
    for (int k = 0; k < C->ob.n; k++) {
        double z = z_of(&C->ob.items[k], pf.mean[C->ob.items[k].figure]);
        f += z * z;
    }
    C->evals++;
    if (f < C->best_f) {
        C->best_f = f;
        memcpy(C->best, theta, C->sp.n * sizeof *theta);
    }
    if (C->o->progress && C->evals % 10 == 0)
        fprintf(C->o->progress, "calibrate: %d evaluations, best sum of squared misses %.4g\n",
                C->evals, C->best_f);
    return f;
}

/* Nelder–Mead from x (updated to the best point) with the given step. */
static int simplex(calib *C, gsl_vector *x, double step, int budget, int *converged)
{
    size_t d = C->sp.n;
    gsl_multimin_function fn = { .f = objective, .n = d, .params = C };
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, d);
    gsl_vector *steps = gsl_vector_alloc(d);
    if (!s || !steps) {
        gsl_multimin_fminimizer_free(s);
        gsl_vector_free(steps);
        C->status = 1;
        return -1;
    }
    gsl_vector_set_all(steps, step);
    int rc = gsl_multimin_fminimizer_set(s, &fn, x, steps);
    *converged = 0;
    while (rc == GSL_SUCCESS && !C->status && C->evals < budget) {
        rc = gsl_multimin_fminimizer_iterate(s);
        if (rc != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), SIZE_TOL) == GSL_SUCCESS) {
            *converged = 1;
            break;
        }
    }
    if (!C->status)
        gsl_vector_memcpy(x, gsl_multimin_fminimizer_x(s));
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(steps);
    if (C->status)
        return -1;
    /* GSL_ENOPROG: the simplex cannot shrink further — it has stopped */
    if (rc == GSL_ENOPROG)
        *converged = 1;
    return 0;
}

/* The start of the simplex: the middle of every range, or the best point of
 * a scan of START_SCAN_PER_PARAM × d points (at most START_SCAN_MAX and a
 * quarter of the evaluation budget) spread over the ranges by a Halton
 * sequence — a simplex started where every vertex saturates a team reads a
 * flat objective and stops there (docs/calibrate.md). Parameters past the
 * START_PRIMES-th stay in the middle. x: the start in the transformed
 * space, set. 0 or -1. */
#define START_SCAN_PER_PARAM 6
#define START_SCAN_MAX 48
static int start_point(calib *C, gsl_vector *x, int budget)
{
    static const unsigned primes[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53 };
    enum { START_PRIMES = sizeof primes / sizeof primes[0] };
    size_t d = C->sp.n;
    int n = (int)(d * START_SCAN_PER_PARAM < START_SCAN_MAX ? d * START_SCAN_PER_PARAM : START_SCAN_MAX);
    if (n > budget / 4 - 1)     /* a small --max-evals leaves most to the simplex */
        n = budget / 4 - 1 > 0 ? budget / 4 - 1 : 0;
    gsl_vector *y = gsl_vector_alloc(d);
    if (!y) {
        C->status = 1;
        return -1;
    }
    gsl_vector_set_all(x, 0.0);
    double best = objective(x, C);
    for (int i = 1; i <= n && !C->status; i++) {
        for (size_t j = 0; j < d; j++) {
            /* the i-th Halton point in base primes[j]: in (0, 1), never an end */
            double u = 0.5;
            if (j < START_PRIMES) {
                u = 0;
                double f = 1.0 / primes[j];
                for (unsigned k = (unsigned)i; k > 0; k /= primes[j], f /= primes[j])
                    u += f * (double)(k % primes[j]);
            }
            gsl_vector_set(y, j, log(u / (1.0 - u)));
        }
        double f = objective(y, C);
        if (f < best) {
            best = f;
            gsl_vector_memcpy(x, y);
        }
    }
    gsl_vector_free(y);
    return C->status ? -1 : 0;
}

/* se[j] = sqrt of the diagonal of (J'J)^-1 over the parameters that move
 * some figure (a zero column of J: HUGE_VAL, not identified); all HUGE_VAL
 * when the rest are not jointly identified (J'J singular). F: d × d work. */
static void covariance_se(const gsl_matrix *J, gsl_matrix *F, double *se)
{
    size_t d = J->size2, n = 0, idx[SWEEP_MAX_PARAMS];
    for (size_t j = 0; j < d; j++) {
        double norm = 0;
        for (size_t k = 0; k < J->size1; k++)
            norm += fabs(gsl_matrix_get(J, k, j));
        se[j] = HUGE_VAL;
        if (norm > 0)
            idx[n++] = j;
    }
    if (n == 0)
        return;
    gsl_matrix_view Fs = gsl_matrix_submatrix(F, 0, 0, n, n);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            double v = 0;
            for (size_t k = 0; k < J->size1; k++)
                v += gsl_matrix_get(J, k, idx[a]) * gsl_matrix_get(J, k, idx[b]);
            gsl_matrix_set(&Fs.matrix, a, b, v);
        }
    if (gsl_linalg_cholesky_decomp1(&Fs.matrix) != GSL_SUCCESS ||
        gsl_linalg_cholesky_invert(&Fs.matrix) != GSL_SUCCESS)
        return;
    for (size_t a = 0; a < n; a++) {
        double v = gsl_matrix_get(&Fs.matrix, a, a);
        se[idx[a]] = v > 0 && isfinite(v) ? sqrt(v) : HUGE_VAL;
    }
}

/* Standard errors from the curvature at theta: J = d(mean_k / sigma_k) /
 * d(theta_j) by central differences (one-sided at a range's end), sigma_k
 * the tolerance and the simulation's standard error together; cov =
 * (J'J)^-1. se[j] = INFINITY when J'J is singular. 0 or -1. */
static int curvature(calib *C, const double *theta, const point_figs *at, double *se)
{
    size_t d = C->sp.n;
    int nf = C->ob.n;
    gsl_matrix *J = gsl_matrix_alloc((size_t)nf, d), *F = gsl_matrix_alloc(d, d);
    double *tp = malloc(d * sizeof *tp);
    if (!J || !F || !tp) {
        gsl_matrix_free(J);
        gsl_matrix_free(F);
        free(tp);
        return -1;
    }
    int rc = 0;
    for (size_t j = 0; j < d && rc == 0; j++) {
        const sweep_param *p = &C->sp.params[j];
        double h = STEP_SHARE * (p->b - p->a);
        double up = fmin(theta[j] + h, p->b), dn = fmax(theta[j] - h, p->a);
        point_figs fu, fd;
        memcpy(tp, theta, d * sizeof *tp);
        tp[j] = up;
        if (simulate(C, tp, &fu) != 0) {
            rc = -1;
            break;
        }
        tp[j] = dn;
        if (simulate(C, tp, &fd) != 0) {
            rc = -1;
            break;
        }
        for (int k = 0; k < nf; k++) {
            sweep_obs_figure f = C->ob.items[k].figure;
            double sem = isfinite(at->sem[f]) ? at->sem[f] : 0.0;
            double sigma = sqrt(C->ob.items[k].tolerance * C->ob.items[k].tolerance + sem * sem);
            double g = (fu.mean[f] - fd.mean[f]) / (up - dn) / sigma;
            gsl_matrix_set(J, (size_t)k, j, isfinite(g) ? g : 0.0);
        }
    }
    if (rc == 0)
        covariance_se(J, F, se);
    gsl_matrix_free(J);
    gsl_matrix_free(F);
    free(tp);
    return rc;
}

/* ---- inputs -------------------------------------------------------------- */

/* The scenario's "calibrate" section as a PARAMS document, parsed and
 * checked against the scenario: ranges only. 0 or -1 (printed). */
static int read_section(calib *C)
{
    const cJSON *sec = cJSON_GetObjectItemCaseSensitive(C->scenario, "calibrate");
    if (!sec) {
        util_error("%s: $: the scenario has no \"calibrate\" section: add {\"calibrate\": {\"params\": "
                   "[{\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 6}]}} "
                   "naming the unknown parameters and their ranges (docs/calibrate.md)", C->file);
        return -1;
    }
    if (!cJSON_IsObject(sec)) {
        util_error("%s: $.calibrate: must be an object {\"params\": [...]}", C->file);
        return -1;
    }
    int bad = 0;
    for (const cJSON *it = sec->child; it; it = it->next)
        if (strcmp(it->string, "params") != 0 && strcmp(it->string, "description") != 0) {
            char q[160];
            util_error("%s: $.calibrate: unknown key %s (expected params, description)", C->file,
                       util_json_quote(it->string, q, sizeof q));
            bad = 1;
        }
    cJSON *doc = cJSON_CreateObject();
    cJSON *params = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(sec, "params"), 1);
    if (!doc || !cJSON_AddStringToObject(doc, "design", "oat") || (params && !cJSON_AddItemToObject(doc, "params", params))) {
        cJSON_Delete(doc);
        util_error("out of memory");
        return -1;
    }
    char *text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    util_diags d;
    util_diags_init(&d);
    int rc = text ? sweep_params_parse(text, strlen(text), C->file, &C->sp, &d) : -1;
    free(text);
    if (rc != 0) {
        memset(&C->sp, 0, sizeof C->sp);
    } else {
        for (size_t i = 0; i < C->sp.n; i++) {
            char at[64];
            snprintf(at, sizeof at, "$.params[%zu]", i);
            if (C->sp.params[i].kind != SWEEP_RANGE)
                util_diags_at(&d, C->file, at, "needs a range (\"low\", \"high\"): calibration fits a value "
                                               "within it (distributions and levels are for sweeps)");
            else if (C->sp.params[i].integer)
                util_diags_at(&d, C->file, at, "\"integer\": calibration fits continuous values; "
                                               "leave a whole-number field out of the calibration");
        }
        C->presets = sweep_presets_parse(&d);
        if (util_diags_count(&d) == 0 && C->presets)
            sweep_params_check(&C->sp, C->scenario, C->presets, C->file, C->file, &d);
        if (util_diags_count(&d))
            rc = -1;
    }
    if (rc != 0)
        sweep_diags_print_in(&d, C->file, "calibrate");
    util_diags_free(&d);
    return rc == 0 && !bad ? 0 : -1;
}

/* The index of name among n names (stride apart), or -1 with the problem
 * printed at the observed file's key. */
static int find_design(const calib *C, const char *key, const char *name, const char *first,
                       size_t stride, int n)
{
    if (!name[0]) {
        if (n == 1)
            return 0;
        util_error("%s: $: the scenario runs %d %s: say which the company runs today with \"%s\"",
                   C->o->observed, n, strcmp(key, "model") ? "hosting points" : "models", key);
        return -1;
    }
    const char *names[SCEN_MAX_MODELS];
    for (int i = 0; i < n && i < SCEN_MAX_MODELS; i++) {
        names[i] = first + (size_t)i * stride;
        if (strcmp(names[i], name) == 0)
            return i;
    }
    const char *s = util_suggest(name, names, (size_t)(n < SCEN_MAX_MODELS ? n : SCEN_MAX_MODELS));
    char q[160];
    util_error("%s: $.%s: %s is not one of the scenario's %s%s%s%s", C->o->observed, key,
               util_json_quote(name, q, sizeof q), strcmp(key, "model") ? "hosting points" : "models",
               s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
    return -1;
}

/* Reads and checks everything before anything is simulated. 0 or -1. */
static int read_inputs(calib *C)
{
    const sweep_calib_opts *o = C->o;
    util_diags d;
    util_diags_init(&d);
    size_t len = 0;
    char *text = scen_read_file(o->scenario, &len, &d);
    if (text)
        C->scenario = util_json_parse(text, len, o->scenario, &d);
    free(text);
    size_t olen = 0;
    char *otext = scen_read_file(o->observed, &olen, &d);
    int bad = !C->scenario;
    if (!otext || sweep_observed_parse(otext, olen, o->observed, &C->ob, &d) != 0)
        bad = 1;
    free(otext);
    util_diags_print(&d, stderr);
    util_diags_free(&d);
    if (!C->scenario)
        return -1;
    if (read_section(C) != 0)
        bad = 1;
    if (bad)
        return -1;
    /* the scenario must load at both ends of every range and in the middle */
    double lo[SWEEP_MAX_PARAMS], hi[SWEEP_MAX_PARAMS], mid[SWEEP_MAX_PARAMS];
    for (size_t i = 0; i < C->sp.n; i++) {
        lo[i] = C->sp.params[i].a;
        hi[i] = C->sp.params[i].b;
        mid[i] = 0.5 * (lo[i] + hi[i]);
    }
    org_scenario s;
    C->reps = 0;        /* the scenario's own seed and replications while checking */
    if (load_at(C, lo, &s) != 0)
        return -1;
    org_scenario_destroy(&s);
    if (load_at(C, hi, &s) != 0)
        return -1;
    org_scenario_destroy(&s);
    if (load_at(C, mid, &s) != 0)
        return -1;
    C->reps = o->reps > 0 ? o->reps : s.run.replications;
    C->seed = o->has_seed ? o->seed : s.run.seed;
    C->m = find_design(C, "model", C->ob.model, s.models[0].name, sizeof s.models[0], s.n_models);
    C->h = find_design(C, "hosting", C->ob.hosting, s.hostings[0].name, sizeof s.hostings[0], s.n_hostings);
    if (C->m >= 0)
        snprintf(C->ob.model, sizeof C->ob.model, "%s", s.models[C->m].name);
    if (C->h >= 0)
        snprintf(C->ob.hosting, sizeof C->ob.hosting, "%s", s.hostings[C->h].name);
    org_scenario_destroy(&s);
    return C->m >= 0 && C->h >= 0 ? 0 : -1;
}

/* ---- the fit -------------------------------------------------------------- */

void sweep_calib_result_free(sweep_calib_result *r)
{
    for (size_t i = 0; r->params && i < r->n_params; i++) {
        free(r->params[i].path);
        free(r->params[i].name);
    }
    free(r->params);
    free(r->calibrated);
    memset(r, 0, sizeof *r);
}

/* Fills r's parameters and figures from the fit at theta. 0 or -1. */
static int fill_result(const calib *C, const double *theta, const double *se, const point_figs *at,
                       sweep_calib_result *r)
{
    r->n_params = C->sp.n;
    r->params = calloc(C->sp.n, sizeof *r->params);
    if (!r->params)
        return -1;
    for (size_t i = 0; i < C->sp.n; i++) {
        const sweep_param *p = &C->sp.params[i];
        sweep_calib_param *q = &r->params[i];
        q->path = strdup(p->path);
        q->name = strdup(p->name);
        if (!q->path || !q->name)
            return -1;
        q->low = p->a;
        q->high = p->b;
        q->fit = theta[i];
        q->se = se[i];
        q->ci_low = isfinite(se[i]) ? fmax(p->a, theta[i] - 1.96 * se[i]) : p->a;
        q->ci_high = isfinite(se[i]) ? fmin(p->b, theta[i] + 1.96 * se[i]) : p->b;
        q->at_edge = theta[i] - p->a < 0.01 * (p->b - p->a) || p->b - theta[i] < 0.01 * (p->b - p->a);
    }
    r->n_figures = C->ob.n;
    r->objective = 0;
    r->fits = 1;
    for (int k = 0; k < C->ob.n; k++) {
        sweep_calib_figure *g = &r->figures[k];
        sweep_obs_figure f = C->ob.items[k].figure;
        g->obs = C->ob.items[k];
        g->mean = at->mean[f];
        g->low = at->low[f];
        g->high = at->high[f];
        g->n = at->n[f];
        g->z = z_of(&g->obs, g->mean);
        g->within = isfinite(g->mean) && fabs(g->mean - g->obs.value) <= g->obs.tolerance;
        r->objective += g->z * g->z;
        if (!g->within)
            r->fits = 0;
    }
    return 0;
}

/* The calibrated scenario's text at theta (NULL: printed). */
static char *calibrated_text(calib *C, const double *theta)
{
    cJSON *pt = scenario_at(C, theta);
    char *t = pt ? cJSON_Print(pt) : NULL;
    cJSON_Delete(pt);
    size_t n = t ? strlen(t) : 0;
    char *out = t ? realloc(t, n + 2) : NULL;
    if (!out) {
        free(t);
        return NULL;
    }
    out[n] = '\n';
    out[n + 1] = '\0';
    return out;
}

int sweep_calib_run(const sweep_calib_opts *o, sweep_calib_result *r)
{
    memset(r, 0, sizeof *r);
    calib C;
    memset(&C, 0, sizeof C);
    C.o = o;
    C.file = o->scenario;
    C.best_f = HUGE_VAL;
    int status = 0;
    gsl_vector *x = NULL;
    double *theta = NULL, *se = NULL;
    if (read_inputs(&C) != 0) {
        status = C.status == 1 ? 1 : 2;
        goto out;
    }
    size_t d = C.sp.n;
    x = gsl_vector_calloc(d);
    theta = calloc(d, sizeof *theta);
    C.best = calloc(d, sizeof *C.best);
    se = calloc(d, sizeof *se);
    if (!x || !theta || !se || !C.best) {
        util_error("out of memory");
        status = 1;
        goto out;
    }
    /* start at the best of the middle and a scan of the ranges; a unit step
     * in the logistic space reaches a quarter of the range either side; then
     * one restart from the best point with a smaller simplex (docs/calibrate.md) */
    int budget = o->max_evals > 0 ? o->max_evals : SWEEP_CALIB_MAX_EVALS, conv = 0;
    if (start_point(&C, x, budget) == 0 && simplex(&C, x, 1.0, budget, &conv) == 0 && C.evals < budget)
        simplex(&C, x, 0.25, budget, &conv);
    /* the best point evaluated (the simplex's best vertex, or earlier) */
    point_figs at;
    memcpy(theta, C.best, d * sizeof *theta);
    if (C.status || simulate(&C, theta, &at) != 0 || curvature(&C, theta, &at, se) != 0) {
        status = C.status ? C.status : 1;
        goto out;
    }
    r->reps = C.reps;
    r->seed = C.seed;
    r->evals = C.evals;
    r->converged = conv;
    snprintf(r->model, sizeof r->model, "%s", C.ob.model);
    snprintf(r->hosting, sizeof r->hosting, "%s", C.ob.hosting);
    if (fill_result(&C, theta, se, &at, r) != 0 || !(r->calibrated = calibrated_text(&C, theta))) {
        util_error("out of memory");
        status = 1;
    }
out:
    if (status != 0)
        sweep_calib_result_free(r);
    gsl_vector_free(x);
    free(theta);
    free(se);
    free(C.best);
    cJSON_Delete(C.scenario);
    cJSON_Delete(C.presets);
    sweep_params_destroy(&C.sp);
    return status;
}
