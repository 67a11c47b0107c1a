/* test_report — the output layer's round trip: a scenario analysed by
 * pipeline_analyse (experiment and staffing search), written by
 * pipeline_write, read back by the chart reader (charts_data), compares
 * field by field with the results structure it was written from. */
#include "tests/testutil.h"
#include "report/charts_data.h"
#include "report/pipeline.h"
#include "report/report_staff.h"
#include "models/org_estimate.h"
#include "sim/sim_stats.h"
#include "util/util_file.h"

#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Doubles that went through JSON: null stands for NaN. cJSON prints %1.15g
 * and falls back to %1.17g only when the shorter form differs by more than
 * its compare_double's relative epsilon (DBL_EPSILON), so a number may come
 * back one unit in the last place off: allow 2 DBL_EPSILON relative. */
#define assert_same_double(got, want) do {                                       \
        double g_ = (got), w_ = (want);                                          \
        if (isnan(w_) ? !isnan(g_)                                               \
                      : !(fabs(g_ - w_) <= 2.0 * DBL_EPSILON * fmax(fabs(g_), fabs(w_)))) { \
            print_error("%s = %.17g, written %s = %.17g\n", #got, g_, #want, w_); \
            fail();                                                              \
        }                                                                        \
    } while (0)

static void assert_stat(const charts_stat *got, org_summary want)
{
    assert_same_double(got->mean, want.mean);
    assert_same_double(got->low, want.low);
    assert_same_double(got->high, want.high);
    assert_int_equal(got->n, want.n);
}

/* mmc-queue.json with targets (so the staffing search runs) and 3
 * replications, written to dir/scenario.json. */
static char *write_scenario(const char *dir)
{
    char src[1024];
    snprintf(src, sizeof src, "%s/scenarios/mmc-queue.json", test_srcdir());
    size_t n;
    char *text = util_read_file(src, UTIL_READ_MAX, &n);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    free(text);
    assert_non_null(root);
    cJSON_DeleteItemFromObjectCaseSensitive(root, "$schema");
    cJSON_AddItemToObject(root, "targets",
                          cJSON_Parse("{ \"ticket_wait_p85_days\": 2, \"lead_time_p85_days\": 6 }"));
    cJSON_ReplaceItemInObjectCaseSensitive(root, "replications", cJSON_CreateNumber(3));
    assert_int_equal(util_write_json(dir, "scenario.json", root), 0);
    return util_path_join(dir, "scenario.json");
}

static void test_results_round_trip(void **state)
{
    (void)state;
    char dir[128];
    assert_non_null(test_mkdtemp(dir, sizeof dir, "report"));
    char *path = write_scenario(dir);
    pipeline p;
    assert_int_equal(pipeline_load(&p, path, NULL), 0);
    pipeline_analysis an = { .jobs = 2 };
    pipeline_results r;
    assert_int_equal(pipeline_analyse(&p, &an, &r), 0);
    assert_true(r.has_staff);
    char *out = util_path_join(dir, "out");
    pipeline_out po = { .jobs = 2, .charts = 0 };
    assert_int_equal(pipeline_write(&p, &r, out, &po), 0);

    /* Read back exactly as `devopsim plot` does. */
    util_diags diags;
    util_diags_init(&diags);
    char *res_path = util_path_join(out, "results.json"), *staff_path = util_path_join(out, "staffing.json");
    cJSON *res = charts_json_read(res_path, &diags), *staff = charts_json_read(staff_path, &diags);
    assert_non_null(res);
    assert_non_null(staff);
    charts_data d;
    assert_int_equal(charts_data_from_json(res, res_path, &d, &diags), 0);
    char why[256] = "";
    assert_int_equal(charts_data_staffing_json(&d, staff, staff_path, why, sizeof why, &diags), 0);
    assert_int_equal(util_diags_count(&diags), 0);

    const org_scenario *s = &p.s;
    const org_exp *x = &r.x;
    assert_string_equal(d.version, DEVOPSIM_VERSION);
    assert_string_equal(d.scenario, s->name);
    assert_string_equal(d.scenario_hash, p.hash);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)s->run.seed);
    assert_string_equal(d.seed, seed);
    assert_int_equal(d.reps, x->reps);
    assert_same_double(d.hours_per_day, s->hours_per_day);
    assert_int_equal(d.n_models, s->n_models);
    assert_int_equal(d.n_hostings, s->n_hostings);
    for (int m = 0; m < s->n_models; m++) {
        assert_string_equal(d.model[m], s->models[m].name);
        assert_string_equal(d.central_team[m], s->models[m].central_name);
    }
    for (int h = 0; h < s->n_hostings; h++)
        assert_string_equal(d.hosting[h], s->hostings[h].name);
    assert_true(d.has_staffing);

    for (int m = 0; m < s->n_models; m++)
        for (int h = 0; h < s->n_hostings; h++) {
            const charts_cell *c = charts_cell_at(&d, m, h);
            assert_stat(&c->lead_p85, org_exp_summary(x, m, h, ORG_M_LEAD_P85));
            assert_stat(&c->lead_mean, org_exp_summary(x, m, h, ORG_M_LEAD_MEAN));
            assert_stat(&c->bus_infra, org_exp_summary(x, m, h, ORG_M_BUS_INFRA_MEAN));
            assert_stat(&c->nonproduct_fte, org_exp_summary(x, m, h, ORG_M_NONPRODUCT_FTE));
            assert_stat(&c->deploys, org_exp_summary(x, m, h, ORG_M_DEPLOYS_PER_WEEK));
            assert_stat(&c->change_lead, org_exp_summary(x, m, h, ORG_M_CHANGE_LEAD_P50));
            assert_stat(&c->cfr, org_exp_summary(x, m, h, ORG_M_CFR));
            assert_stat(&c->restore, org_exp_summary(x, m, h, ORG_M_RESTORE_P50));
            assert_string_equal(c->dora[CHARTS_DORA_LEAD],
                                org_dora_lead_time_band(org_exp_summary(x, m, h, ORG_M_CHANGE_LEAD_P50).mean));
            assert_string_equal(c->dora[CHARTS_DORA_DEPLOY],
                                org_dora_deploy_band(org_exp_summary(x, m, h, ORG_M_DEPLOYS_PER_WEEK).mean));
            assert_string_equal(c->dora[CHARTS_DORA_CFR], org_dora_cfr_band(org_exp_summary(x, m, h, ORG_M_CFR).mean));
            assert_string_equal(c->dora[CHARTS_DORA_RESTORE],
                                org_dora_restore_band(org_exp_summary(x, m, h, ORG_M_RESTORE_P50).mean,
                                                      s->hours_per_day));
            /* the pooled lead-time distribution, percentile by percentile */
            size_t n;
            double *lt = org_exp_pooled_lead_times(x, m, h, &n);
            assert_non_null(lt);
            assert_true(n > 0);
            for (int k = 0; k < CHARTS_PERCENTILES; k++)
                assert_same_double(c->pct[k], sim_quantile_sorted(lt, n, k / 100.0));
            free(lt);
            /* time shares: every category the reader found, against its metric */
            for (int t = 0; t < CHARTS_TEAMS; t++)
                for (int k = 0; k < d.n_cats; k++) {
                    char want[200], name[160];
                    snprintf(want, sizeof want, "time_share_%s_%s", t ? "central" : "product", d.cat[k]);
                    int found = -1;
                    for (int i = 0; i < x->n_metrics; i++)
                        if (!strcmp(org_metric_name(s, i, name, sizeof name), want))
                            found = i;
                    if (found < 0)
                        assert_true(isnan(c->share[t][k]));
                    else
                        assert_same_double(c->share[t][k], org_exp_summary(x, m, h, found).mean);
                }
            /* warnings, line by line */
            char warn[4096] = "";
            org_exp_warnings(x, m, h, warn, sizeof warn);
            int i = 0;
            for (char *line = warn; *line; i++) {
                char *nl = strchr(line, '\n');
                if (nl)
                    *nl = '\0';
                const cJSON *w = cJSON_GetArrayItem(c->warnings, i);
                assert_non_null(w);
                assert_string_equal(w->valuestring, line);
                if (!nl)
                    break;
                line = nl + 1;
            }
            assert_int_equal(cJSON_GetArraySize(c->warnings), i);
            /* staffing */
            const org_staff_cell *sc = org_staff_cell_at(&r.staff, m, h);
            assert_int_equal(c->staff_rows, 2);
            if (sc->central_required >= 0)
                assert_same_double(c->staff_central, (double)sc->central_size);
            else
                assert_true(isnan(c->staff_central));
        }

    charts_data_free(&d);
    cJSON_Delete(res);
    cJSON_Delete(staff);
    util_diags_free(&diags);
    free(res_path);
    free(staff_path);
    pipeline_results_free(&r);
    pipeline_free(&p);
    free(out);
    free(path);
    test_remove_tree(dir);
}

/* The memory estimate counts the output rows the pipeline counts (and
 * refuses on): runs, summaries, every pair of models at each hosting point,
 * and with a timeline the weekly series. Until session 11 it also counted
 * pairs of hosting points, which no file holds (acme-transition has a
 * timeline, enterprise three models). */
static void test_estimate_rows(void **state)
{
    (void)state;
    static const char *const names[] = { "enterprise", "acme-transition", "startup-growth", "mmc-queue" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/scenarios/%s.json", test_srcdir(), names[i]);
        pipeline p;
        assert_int_equal(pipeline_load(&p, path, NULL), 0);
        pipeline_rows rows;
        pipeline_count_rows(&p, &rows);
        org_estimate e;
        org_estimate_run(&p.s, p.s.run.replications, 2, &e);
        print_message("%s: %.0f rows (comparisons %.0f, timeseries %.0f), estimate %.0f\n",
                      names[i], rows.total, rows.comparisons, rows.timeseries, e.output_rows);
        assert_true(rows.total > 0.0);
        assert_true(e.output_rows == rows.total);
        if (p.s.has_timeline)
            assert_true(rows.timeseries > 0.0);
        pipeline_free(&p);
    }
}

int test_group_report(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_round_trip),
        cmocka_unit_test(test_estimate_rows),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
