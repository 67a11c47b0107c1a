/* sweep_uncertain — second-order Monte Carlo over a scenario's "uncertain"
 * section. */
#include "sweep/sweep_uncertain.h"
#include "sweep/sweep_params.h"
#include "models/org_exp.h"
#include "report/charts_label.h"
#include "scenario/scen_load.h"
#include "sim/sim_stats.h"
#include "util/util_buf.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sweep_uncertain {
    char *file;
    cJSON *scenario;            /* the scenario without its "uncertain" section */
    cJSON *presets;
    sweep_params sp;
    double *u;                  /* [samples × sp.n] */
    size_t samples;
};

void sweep_uncertain_free(sweep_uncertain *u)
{
    if (!u)
        return;
    free(u->file);
    cJSON_Delete(u->scenario);
    cJSON_Delete(u->presets);
    sweep_params_destroy(&u->sp);
    free(u->u);
    free(u);
}

size_t sweep_uncertain_samples(const sweep_uncertain *u)
{
    return u->samples;
}

int sweep_uncertain_new(const char *text, size_t len, const char *file, sweep_uncertain **out)
{
    *out = NULL;
    util_diags d;
    util_diags_init(&d);
    cJSON *scen = util_json_parse(text, len, file, &d);
    if (!scen) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        return -1;
    }
    cJSON *unc = cJSON_DetachItemFromObjectCaseSensitive(scen, "uncertain");
    if (!unc) {
        cJSON_Delete(scen);
        util_diags_free(&d);
        return 0;
    }
    int bad = 0;
    if (!cJSON_IsObject(unc)) {
        util_error("%s: $.uncertain: expected an object {\"samples\": N, \"params\": [...]}, got %s", file,
                   cJSON_IsArray(unc) ? "an array" : "a scalar");
        bad = 1;
    }
    long samples = SWEEP_UNCERTAIN_DEFAULT_SAMPLES;
    const cJSON *it, *keys_of = bad ? NULL : unc;
    cJSON_ArrayForEach(it, keys_of) {
        if (!strcmp(it->string, "samples")) {
            if (!cJSON_IsNumber(it) || it->valuedouble != floor(it->valuedouble) || it->valuedouble < 2
                || it->valuedouble > SWEEP_UNCERTAIN_MAX_SAMPLES) {
                util_error("%s: $.uncertain.samples: expected a whole number of outer samples in 2 … %d",
                           file, SWEEP_UNCERTAIN_MAX_SAMPLES);
                bad = 1;
            } else {
                samples = (long)it->valuedouble;
            }
        } else if (strcmp(it->string, "seed") && strcmp(it->string, "params")) {
            static const char *const known[] = { "samples", "seed", "params" };
            const char *s = util_suggest(it->string, known, 3);
            util_error("%s: $.uncertain: unknown key \"%s\"%s%s%s (expected samples, seed, params)", file,
                       it->string, s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
            bad = 1;
        }
    }
    sweep_uncertain *U = calloc(1, sizeof *U);
    if (bad || !U) {
        if (!U)
            util_error("out of memory");
        free(U);
        cJSON_Delete(unc);
        cJSON_Delete(scen);
        util_diags_free(&d);
        return -1;
    }
    /* the section as a PARAMS document: a Latin hypercube of the samples */
    cJSON_DeleteItemFromObjectCaseSensitive(unc, "samples");
    cJSON_AddStringToObject(unc, "design", "lhs");
    cJSON_AddNumberToObject(unc, "points", (double)samples);
    char *ptext = cJSON_PrintUnformatted(unc);
    cJSON_Delete(unc);
    int rc = -1;
    if (ptext && sweep_params_parse(ptext, strlen(ptext), file, &U->sp, &d) == 0) {
        U->presets = sweep_presets_parse(&d);
        if (U->presets && sweep_params_check(&U->sp, scen, U->presets, file, file, &d) == 0
            && sweep_design_unit(&U->sp, &U->u, &U->samples) == 0)
            rc = 0;
    } else {
        memset(&U->sp, 0, sizeof U->sp);
    }
    free(ptext);
    if (rc != 0) {
        sweep_diags_print_in(&d, file, "uncertain");
        util_diags_free(&d);
        cJSON_Delete(scen);
        sweep_uncertain_free(U);
        return -1;
    }
    util_diags_free(&d);
    U->scenario = scen;
    size_t n = strlen(file) + 1;
    U->file = malloc(n);
    if (!U->file) {
        sweep_uncertain_free(U);
        return -1;
    }
    memcpy(U->file, file, n);
    *out = U;
    return 0;
}

int sweep_uncertain_present(const char *text, size_t len)
{
    cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
    int has = cJSON_HasObjectItem(root, "uncertain") && cJSON_GetObjectItemCaseSensitive(root, "uncertain");
    cJSON_Delete(root);
    return has;
}

/* Outer sample i as a loaded scenario in *s (the caller destroys it): 0, 2
 * when it is not a valid scenario (printed), 1 on an internal failure. */
static int sample_load(const sweep_uncertain *U, size_t i, org_scenario *s, util_diags *d)
{
    cJSON *pt = cJSON_Duplicate(U->scenario, 1);
    if (!pt) {
        util_error("out of memory");
        return 1;
    }
    if (sweep_apply_point(pt, U->presets, &U->sp, U->u + i * U->sp.n, U->file, U->file, d) != 0) {
        sweep_diags_print_in(d, U->file, "uncertain");
        cJSON_Delete(pt);
        return 2;
    }
    char *text = cJSON_PrintUnformatted(pt);
    cJSON_Delete(pt);
    if (!text) {
        util_error("out of memory");
        return 1;
    }
    int rc = scen_load_text(text, strlen(text), U->file, s, d);
    free(text);
    if (rc != 0) {
        util_diags_print(d, stderr);
        util_error("%s: $.uncertain: outer sample %zu is not a valid scenario", U->file, i);
        return 2;
    }
    return 0;
}

int sweep_uncertain_check(const sweep_uncertain *U)
{
    util_diags d;
    util_diags_init(&d);
    int status = 0;
    for (size_t i = 0; i < U->samples && status == 0; i++) {
        org_scenario s;
        status = sample_load(U, i, &s, &d);
        if (status == 0)
            org_scenario_destroy(&s);
    }
    util_diags_free(&d);
    return status;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int sweep_uncertain_run(const sweep_uncertain *U, const org_scenario *base, int jobs, util_buf *csv, FILE *report)
{
    int nm = base->n_models, nh = base->n_hostings, nk = ORG_M_FIXED_COUNT;
    size_t S = U->samples, cells = (size_t)nm * (size_t)nh * (size_t)nk;
    double *y = malloc(S * cells * sizeof *y);      /* [sample][cell][metric] */
    if (!y) {
        util_error("out of memory");
        return 1;
    }
    int status = 0;
    util_diags d;
    util_diags_init(&d);
    for (size_t i = 0; i < S && status == 0; i++) {
        org_scenario s;
        if ((status = sample_load(U, i, &s, &d)) != 0)
            break;
        s.run.seed = base->run.seed;
        s.run.replications = base->run.replications;
        org_exp x;
        if (org_exp_run(&s, s.run.replications, jobs, NULL, NULL, NULL, &x) != 0) {
            util_error("%s: outer sample %zu could not be run (memory)", U->file, i);
            org_scenario_destroy(&s);
            status = 1;
            break;
        }
        for (int m = 0; m < nm; m++)
            for (int h = 0; h < nh; h++)
                for (int k = 0; k < nk; k++)
                    y[i * cells + ((size_t)m * (size_t)nh + (size_t)h) * (size_t)nk + (size_t)k]
                        = org_exp_summary(&x, m, h, k).mean;
        org_exp_destroy(&x);
        org_scenario_destroy(&s);
    }
    util_diags_free(&d);
    util_buf b = { 0 };
    double *col = malloc(S * sizeof *col);
    if (status == 0 && !col)
        status = 1;
    util_buf_add(&b, "model,hosting,metric,mean,input_ci95_low,input_ci95_high,samples,replications,interval\n");
    char name[128];
    for (int m = 0; status == 0 && m < nm; m++)
        for (int h = 0; h < nh; h++)
            for (int k = 0; k < nk; k++) {
                size_t n = 0;
                double sum = 0;
                for (size_t i = 0; i < S; i++) {
                    double v = y[i * cells + ((size_t)m * (size_t)nh + (size_t)h) * (size_t)nk + (size_t)k];
                    if (isfinite(v)) {
                        col[n++] = v;
                        sum += v;
                    }
                }
                qsort(col, n, sizeof *col, cmp_double);
                double lo = n ? sim_quantile_sorted(col, n, 0.025) : (double)NAN;
                double hi = n ? sim_quantile_sorted(col, n, 0.975) : (double)NAN;
                util_buf_add(&b, "%s,%s,%s,", base->models[m].name, base->hostings[h].name,
                             org_metric_name(base, k, name, sizeof name));
                charts_csv_num(&b, n ? sum / (double)n : (double)NAN);
                util_buf_add(&b, ",");
                charts_csv_num(&b, lo);
                util_buf_add(&b, ",");
                charts_csv_num(&b, hi);
                util_buf_add(&b, ",%zu,%d,input uncertainty and replication noise\n", n, base->run.replications);
                if (report && k == ORG_M_LEAD_P85) {
                    if (m == 0 && h == 0)
                        fprintf(report, "\nWith input uncertainty (%zu outer samples of $.uncertain x %d "
                                        "replications): p85 lead time, mean [95%% interval over the inputs]\n",
                                S, base->run.replications);
                    fprintf(report, "  %-16s %-12s %8.2f [%.2f, %.2f] days\n", base->models[m].name,
                            base->hostings[h].name, n ? sum / (double)n : (double)NAN, lo, hi);
                }
            }
    if (status == 0 && b.err) {
        util_error("out of memory writing uncertainty.csv");
        status = 1;
    }
    if (status == 0) {
        *csv = b;
        memset(&b, 0, sizeof b);
    }
    util_buf_free(&b);
    free(col);
    free(y);
    return status;
}
