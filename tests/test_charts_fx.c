/* test_charts_fx — the synthetic results tree the chart and deck tests
 * share (tests/test_charts.c, tests/test_deck.c): three models × three
 * hosting points, every statistic the charts read. */
#include "tests/testutil.h"
#include "tests/test_charts_fx.h"

#include <cJSON.h>

const char *const fx_models[] = { "true_devops", "my_sre", "traditional_ops" };
const char *const fx_hostings[] = { "on_prem", "iaas", "serverless" };

const char *const fx_stats[] = {
    "lead_time_p85_days", "lead_time_mean_days", "bus_factor_infra_mean", "nonproduct_fte",
    "deploys_per_week", "change_lead_time_p50_days", "change_failure_rate", "time_to_restore_p50_days",
    "time_share_product_product", "time_share_product_nonproduct", "time_share_product_idle",
    "time_share_central_nonproduct", "time_share_central_toil", "time_share_central_idle",
    "handoffs_per_feature",
};
const size_t fx_n_stats = sizeof fx_stats / sizeof fx_stats[0];
#define FX_STATS fx_n_stats

double fx_value(int m, int h, size_t k)
{
    if (k >= 8 && k < 14) { /* shares: product 0.5/0.2/0.3, central 0.4/0.2/0.4 */
        static const double share[6] = { 0.5, 0.2, 0.3, 0.4, 0.2, 0.4 };
        return share[k - 8];
    }
    return 1.0 + (double)k + 2.0 * m + 0.5 * h;
}

/* A results tree like report_results_json's, with only what the charts read
 * plus some that they do not. One warning at (0, 0). */
cJSON *fx_results(void)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "program", "devopsim");
    cJSON_AddStringToObject(r, "version", "0.0.test");
    cJSON_AddStringToObject(r, "scenario", "unit");
    cJSON_AddStringToObject(r, "scenario_hash", "0123456789abcdef");
    cJSON_AddNumberToObject(r, "seed", 7);
    cJSON_AddStringToObject(r, "seed_text", "7");
    cJSON_AddNumberToObject(r, "replications", 4);
    cJSON_AddNumberToObject(r, "hours_per_day", 8);
    cJSON *models = cJSON_AddArrayToObject(r, "models");
    for (int m = 0; m < FX_M; m++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", fx_models[m]);
        cJSON_AddStringToObject(o, "central_team", m == 1 ? "SRE team" : "platform team");
        cJSON_AddItemToArray(models, o);
    }
    cJSON *hostings = cJSON_AddArrayToObject(r, "hostings");
    for (int h = 0; h < FX_H; h++)
        cJSON_AddItemToArray(hostings, cJSON_CreateString(fx_hostings[h]));
    cJSON *metrics = cJSON_AddArrayToObject(r, "metrics");
    for (size_t k = 0; k < FX_STATS; k++)
        cJSON_AddItemToArray(metrics, cJSON_CreateString(fx_stats[k]));
    cJSON *results = cJSON_AddArrayToObject(r, "results");
    for (int m = 0; m < FX_M; m++)
        for (int h = 0; h < FX_H; h++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "model", fx_models[m]);
            cJSON_AddStringToObject(o, "hosting", fx_hostings[h]);
            cJSON *sum = cJSON_AddObjectToObject(o, "summary");
            for (size_t k = 0; k < FX_STATS; k++) {
                cJSON *e = cJSON_CreateObject();
                double v = fx_value(m, h, k);
                cJSON_AddNumberToObject(e, "mean", v);
                cJSON_AddNumberToObject(e, "ci95_low", v * 0.9);
                cJSON_AddNumberToObject(e, "ci95_high", v * 1.1);
                cJSON_AddNumberToObject(e, "n", 4);
                cJSON_AddArrayToObject(e, "values");
                cJSON_AddItemToObject(sum, fx_stats[k], e);
            }
            cJSON *dora = cJSON_AddObjectToObject(o, "dora");
            cJSON_AddStringToObject(dora, "lead_time_for_changes", "high");
            cJSON_AddStringToObject(dora, "deployment_frequency", "elite");
            cJSON_AddStringToObject(dora, "change_failure_rate", "medium");
            cJSON_AddStringToObject(dora, "time_to_restore", "low");
            cJSON *q = cJSON_AddArrayToObject(o, "lead_time_percentiles");
            for (int k = 0; k <= 100; k++)
                cJSON_AddItemToArray(q, cJSON_CreateNumber(1.0 + 0.2 * k + m + (k == 100 ? 50.0 : 0.0)));
            cJSON_AddObjectToObject(o, "nonproduct_fte_by_kind");
            cJSON *w = cJSON_AddArrayToObject(o, "warnings");
            if (m == 0 && h == 0)
                cJSON_AddItemToArray(w, cJSON_CreateString("central team loaded at 100% of capacity"));
            cJSON_AddItemToArray(results, o);
        }
    cJSON *ov = cJSON_AddArrayToObject(r, "assumptions_changed");
    cJSON_AddItemToArray(ov, cJSON_CreateString("central_team.size = 3 (preset 4)"));
    cJSON *scen = cJSON_AddObjectToObject(r, "scenario_file");
    cJSON_AddStringToObject(scen, "name", "unit");
    cJSON_AddStringToObject(scen, "description", "A synthetic results file for the chart tests.");
    return r;
}

charts_data *fx_data(cJSON *r, charts_data *cd)
{
    util_diags d;
    util_diags_init(&d);
    assert_int_equal(charts_data_from_json(r, "r.json", cd, &d), 0);
    util_diags_free(&d);
    return cd;
}

