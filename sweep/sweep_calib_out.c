/* sweep_calib_out — calibrated.json, calibration.txt, .json and .csv. */
#include "sweep/sweep_calib_out.h"
#include "report/charts_label.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cJSON.h>

static void add_range(util_buf *b, double lo, double hi)
{
    util_buf_add(b, "[%.4g, %.4g]", lo, hi);
}

static void text_params(const sweep_calib_result *r, util_buf *b)
{
    util_buf_add(b, "\nFitted parameters (95%% interval from the curvature of the misses, "
                    "each tolerance read as one standard uncertainty):\n");
    for (size_t i = 0; i < r->n_params; i++) {
        const sweep_calib_param *p = &r->params[i];
        util_buf_add(b, "  %s = %.6g  ", p->name, p->fit);
        if (isfinite(p->se)) {
            util_buf_add(b, "(se %.3g; 95%% interval ", p->se);
            add_range(b, p->ci_low, p->ci_high);
            util_buf_add(b, ")");
        } else {
            util_buf_add(b, "(not identified by these observations: any value in its range fits as well)");
        }
        util_buf_add(b, "  range ");
        add_range(b, p->low, p->high);
        if (p->at_edge)
            util_buf_add(b, "  AT THE EDGE of its range: the best value may lie outside it");
        util_buf_add(b, "\n");
    }
}

static void text_figures(const sweep_calib_result *r, util_buf *b)
{
    util_buf_add(b, "\nObserved against simulated (mean and 95%% interval over %d replications):\n", r->reps);
    util_buf_add(b, "  %-26s %12s %12s %12s %23s %8s\n", "figure", "observed", "tolerance", "simulated",
                 "95% CI", "miss/tol");
    for (int k = 0; k < r->n_figures; k++) {
        const sweep_calib_figure *g = &r->figures[k];
        char ci[64];
        if (isfinite(g->low))
            snprintf(ci, sizeof ci, "[%.4g, %.4g]", g->low, g->high);
        else
            snprintf(ci, sizeof ci, "%s", isfinite(g->mean) ? "(one value)" : "(undefined)");
        util_buf_add(b, "  %-26s %12.4g %12.4g %12.4g %23s %8.2f  %s\n", sweep_obs_name(g->obs.figure),
                     g->obs.value, g->obs.tolerance, g->mean, ci, g->z, g->within ? "ok" : "MISSED");
    }
}

void sweep_calib_text(const sweep_calib_result *r, const char *scen_file, const char *obs_file, util_buf *b)
{
    util_buf_add(b, "Calibration of %s to %s\n", scen_file, obs_file);
    util_buf_add(b, "Today's design: %s at %s; %d replication%s per evaluation, seed %llu (common random numbers).\n",
                 r->model, r->hosting, r->reps, r->reps == 1 ? "" : "s", (unsigned long long)r->seed);
    util_buf_add(b, "Nelder-Mead: %d evaluations, %s; sum of squared standardised misses %.4g.\n", r->evals,
                 r->converged ? "converged" : "STOPPED AT THE EVALUATION BUDGET (raise --max-evals)", r->objective);
    text_params(r, b);
    text_figures(r, b);
    int missed = 0, wide = 0;
    for (int k = 0; k < r->n_figures; k++) {
        const sweep_calib_figure *g = &r->figures[k];
        missed += !g->within;
        if (isfinite(g->high) && (g->high - g->low) / 2 > g->obs.tolerance)
            util_buf_add(b, "%s  %s: the 95%% interval is wider than the tolerance; more replications "
                            "(--reps) would make its verdict firmer\n", wide++ ? "" : "\nNote:\n",
                         sweep_obs_name(g->obs.figure));
    }
    if (!missed) {
        util_buf_add(b, "\nVerdict: FITS. Every observed figure is reproduced within its tolerance.\n");
        return;
    }
    util_buf_add(b, "\nVerdict: DOES NOT FIT. The model cannot reproduce %d of %d observed figure%s within "
                    "tolerance at the best values found in the ranges:\n", missed, r->n_figures,
                 r->n_figures == 1 ? "" : "s");
    for (int k = 0; k < r->n_figures; k++) {
        const sweep_calib_figure *g = &r->figures[k];
        if (g->within)
            continue;
        if (!isfinite(g->mean)) {
            util_buf_add(b, "  %s: the model does not define it here (e.g. no incidents, no central team)\n",
                         sweep_obs_name(g->obs.figure));
            continue;
        }
        double miss = g->mean - g->obs.value;
        util_buf_add(b, "  %s: simulated %.4g against observed %.4g ± %.4g: %.4g %s too %s (%.1f tolerances)\n",
                     sweep_obs_name(g->obs.figure), g->mean, g->obs.value, g->obs.tolerance, fabs(miss),
                     sweep_obs_unit(g->obs.figure), miss > 0 ? "high" : "low", fabs(g->z));
    }
    util_buf_add(b, "Widen the ranges, calibrate other parameters, or check the observations "
                    "(exit status 3).\n");
}

static void csv_cell(util_buf *b, double v)
{
    util_buf_add(b, ",");
    charts_csv_num(b, v);
}

static int write_csv(const sweep_calib_result *r, const char *dir)
{
    util_buf b = { 0 };
    util_buf_add(&b, "kind,name,unit,value,ci95_low,ci95_high,n,observed,tolerance,standardised_miss,within,"
                     "se,range_low,range_high,at_edge\n");
    for (int k = 0; k < r->n_figures; k++) {
        const sweep_calib_figure *g = &r->figures[k];
        util_buf_add(&b, "figure,%s,", sweep_obs_name(g->obs.figure));
        util_csv_field(&b, sweep_obs_unit(g->obs.figure));
        csv_cell(&b, g->mean);
        csv_cell(&b, g->low);
        csv_cell(&b, g->high);
        util_buf_add(&b, ",%d", g->n);
        csv_cell(&b, g->obs.value);
        csv_cell(&b, g->obs.tolerance);
        csv_cell(&b, g->z);
        util_buf_add(&b, ",%d,,,,\n", g->within);
    }
    for (size_t i = 0; i < r->n_params; i++) {
        const sweep_calib_param *p = &r->params[i];
        util_buf_add(&b, "parameter,");
        util_csv_field(&b, p->name);
        util_buf_add(&b, ",");
        csv_cell(&b, p->fit);
        csv_cell(&b, p->ci_low);
        csv_cell(&b, p->ci_high);
        util_buf_add(&b, ",,,,,");
        csv_cell(&b, p->se);
        csv_cell(&b, p->low);
        csv_cell(&b, p->high);
        util_buf_add(&b, ",%d\n", p->at_edge);
    }
    int rc = b.err ? -1 : util_write_atomic(dir, "calibration.csv", b.p, b.n);
    util_buf_free(&b);
    return rc;
}

/* A finite number, or null. */
static cJSON *num(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

static cJSON *json_report(const sweep_calib_result *r, const char *scen_file, const char *obs_file)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "scenario", scen_file);
    cJSON_AddStringToObject(root, "observed", obs_file);
    cJSON_AddStringToObject(root, "model", r->model);
    cJSON_AddStringToObject(root, "hosting", r->hosting);
    cJSON_AddNumberToObject(root, "replications", r->reps);
    cJSON_AddNumberToObject(root, "seed", (double)r->seed);
    cJSON_AddStringToObject(root, "method", "Nelder-Mead (GSL nmsimplex2) on a logistic transform of the ranges, "
                                            "from the best of the middle and a Halton scan of the ranges; "
                                            "common random numbers; standard errors from the curvature (Gauss-Newton)");
    cJSON_AddNumberToObject(root, "evaluations", r->evals);
    cJSON_AddBoolToObject(root, "converged", r->converged);
    cJSON_AddItemToObject(root, "objective", num(r->objective));
    cJSON_AddStringToObject(root, "verdict", r->fits ? "fits" : "does_not_fit");
    cJSON *params = cJSON_AddArrayToObject(root, "params");
    for (size_t i = 0; i < r->n_params; i++) {
        const sweep_calib_param *p = &r->params[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(params, o);
        cJSON_AddStringToObject(o, "path", p->path);
        cJSON_AddStringToObject(o, "name", p->name);
        cJSON_AddItemToObject(o, "value", num(p->fit));
        cJSON_AddItemToObject(o, "se", num(p->se));
        cJSON_AddItemToObject(o, "ci95_low", num(p->ci_low));
        cJSON_AddItemToObject(o, "ci95_high", num(p->ci_high));
        cJSON_AddBoolToObject(o, "identified", isfinite(p->se));
        cJSON_AddItemToObject(o, "range", cJSON_CreateDoubleArray((double[]){ p->low, p->high }, 2));
        cJSON_AddBoolToObject(o, "at_edge", p->at_edge);
    }
    cJSON *figs = cJSON_AddArrayToObject(root, "figures");
    for (int k = 0; k < r->n_figures; k++) {
        const sweep_calib_figure *g = &r->figures[k];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(figs, o);
        cJSON_AddStringToObject(o, "figure", sweep_obs_name(g->obs.figure));
        cJSON_AddStringToObject(o, "unit", sweep_obs_unit(g->obs.figure));
        cJSON_AddItemToObject(o, "observed", num(g->obs.value));
        cJSON_AddItemToObject(o, "tolerance", num(g->obs.tolerance));
        cJSON_AddItemToObject(o, "simulated_mean", num(g->mean));
        cJSON_AddItemToObject(o, "ci95_low", num(g->low));
        cJSON_AddItemToObject(o, "ci95_high", num(g->high));
        cJSON_AddNumberToObject(o, "n", g->n);
        cJSON_AddItemToObject(o, "standardised_miss", num(g->z));
        cJSON_AddBoolToObject(o, "within", g->within);
    }
    return root;
}

int sweep_calib_write(const sweep_calib_result *r, const char *dir, const char *scen_file,
                      const char *obs_file)
{
    if (util_mkdir_p(dir) != 0) {
        util_error("%s: cannot create the output directory", dir);
        return -1;
    }
    util_buf b = { 0 };
    sweep_calib_text(r, scen_file, obs_file, &b);
    int rc = 0;
    if (util_write_atomic(dir, "calibrated.json", r->calibrated, strlen(r->calibrated)) != 0 ||
        b.err || util_write_atomic(dir, "calibration.txt", b.p, b.n) != 0 ||
        write_csv(r, dir) != 0 ||
        util_write_json(dir, "calibration.json", json_report(r, scen_file, obs_file)) != 0) {
        util_error("%s: cannot write the calibration's files", dir);
        rc = -1;
    }
    util_buf_free(&b);
    return rc;
}
