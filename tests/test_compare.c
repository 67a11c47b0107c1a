/* test_compare — decision-grade answers: common random numbers make paired
 * intervals narrower than unpaired ones; identical designs differ by exactly
 * zero; Holm's correction; precision-driven replications; and the event
 * trace replays to the run's metrics exactly. */
#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "models/org_clock.h"
#include "models/org_exp.h"
#include "scenario/scen_load.h"
#include "sim/sim_stats.h"

static int load(const char *text, org_scenario *s)
{
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(text, strlen(text), "test.json", s, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    util_diags_free(&d);
    return rc;
}

static const char *two_models =
    "{ \"seed\": 11, \"replications\": 12,"
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 200, \"drain_max_days\": 200 },"
    "  \"product_teams\": { \"count\": 3, \"size\": 4, \"features_per_week\": 1.5 },"
    "  \"central_team\": { \"size\": 3 },"
    "  \"models\": [ \"devops_team\", \"true_devops\","
    "               { \"name\": \"devops_twin\", \"base\": \"devops_team\" } ],"
    "  \"hosting\": [ \"iaas\" ] }";

/* two_models loaded into *s and run with reps replications (0: the
 * scenario's) on two threads into *x. */
static void run_two_models(int reps, org_scenario *s, org_exp *x)
{
    assert_int_equal(load(two_models, s), 0);
    assert_int_equal(org_exp_run(s, reps, 2, NULL, NULL, NULL, x), 0);
}

static void test_pairing_narrows(void **state)
{
    (void)state;
    org_scenario s;
    org_exp x;
    run_two_models(0, &s, &x);
    /* Unpaired: the same designs run on independent random numbers (another seed). */
    org_scenario s2;
    assert_int_equal(load(two_models, &s2), 0);
    s2.run.seed = 12345;
    org_exp y;
    assert_int_equal(org_exp_run(&s2, 0, 2, NULL, NULL, NULL, &y), 0);
    double a[64], b[64];
    int n = org_exp_values(&x, 0, 0, ORG_M_LEAD_MEAN, a);
    int nb = org_exp_values(&y, 1, 0, ORG_M_LEAD_MEAN, b);
    assert_int_equal(n, 12);
    assert_int_equal(nb, 12);
    double bp[64];
    assert_int_equal(org_exp_values(&x, 1, 0, ORG_M_LEAD_MEAN, bp), 12);
    sim_ci paired = sim_ci95_paired(a, bp, (size_t)n);
    sim_ci unpaired = sim_ci95_unpaired(a, (size_t)n, b, (size_t)nb);
    if (!(paired.half_width < unpaired.half_width)) {
        print_error("paired half-width %.4f not below unpaired %.4f\n", paired.half_width, unpaired.half_width);
        fail();
    }
    /* The comparison table uses the paired interval. */
    org_diff *d;
    int nd = org_exp_compare(&x, -1, &d);
    assert_true(nd > 0);
    int found = 0;
    for (int i = 0; i < nd; i++)
        if (d[i].metric == ORG_M_LEAD_MEAN && d[i].a == 0 && d[i].b == 1) {
            assert_near(d[i].mean, paired.mean, 1e-12);
            assert_near(d[i].high - d[i].low, 2.0 * paired.half_width, 1e-9);
            found = 1;
        }
    assert_true(found);
    free(d);
    org_exp_destroy(&x);
    org_exp_destroy(&y);
    org_scenario_destroy(&s);
    org_scenario_destroy(&s2);
}

static void test_identical_models_differ_by_zero(void **state)
{
    (void)state;
    org_scenario s;
    org_exp x;
    run_two_models(6, &s, &x);
    org_diff *d;
    int nd = org_exp_compare(&x, -1, &d);
    assert_true(nd > 0);
    int checked = 0;
    for (int i = 0; i < nd; i++) {
        if (!(d[i].a == 0 && d[i].b == 2) || d[i].n == 0)
            continue;
        /* Same design, same random numbers: every replication is identical. */
        assert_near(d[i].mean, 0.0, 0.0);
        assert_true(d[i].low <= 0.0 && d[i].high >= 0.0);
        assert_int_equal(d[i].significant, 0);
        checked++;
    }
    assert_true(checked > 10);
    free(d);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

static void test_holm(void **state)
{
    (void)state;
    /* Many metrics differ between devops_team and true_devops, none between twins. */
    org_scenario s;
    org_exp x;
    run_two_models(8, &s, &x);
    org_diff *d;
    int nd = org_exp_compare(&x, 0, &d);   /* baseline devops_team */
    int sig_handoffs = 0;
    for (int i = 0; i < nd; i++) {
        assert_int_equal(d[i].b, 0);        /* every row: other − baseline */
        if (d[i].metric == ORG_M_HANDOFFS && d[i].a == 1)
            sig_handoffs = d[i].significant;
        if (d[i].a == 2)
            assert_int_equal(d[i].significant, 0);
        /* Holm never calls significant what the raw test does not. */
        if (d[i].significant)
            assert_true(d[i].p <= 0.05);
    }
    assert_true(sig_handoffs);
    free(d);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

static void test_precision_rounds(void **state)
{
    (void)state;
    org_scenario s;
    org_exp x;
    run_two_models(3, &s, &x);
    /* Growing keeps the replications already run. */
    double before = org_exp_rep(&x, 1, 0, 2)->values[ORG_M_LEAD_MEAN];
    assert_false(org_exp_precise(&x, 0.001, NULL, 0));
    assert_int_equal(org_exp_grow(&x, 7, 2, NULL, NULL, NULL), 0);
    assert_int_equal(x.reps, 7);
    assert_near(org_exp_rep(&x, 1, 0, 2)->values[ORG_M_LEAD_MEAN], before, 0.0);
    /* ...and equals running 7 from the start. */
    org_exp y;
    assert_int_equal(org_exp_run(&s, 7, 1, NULL, NULL, NULL, &y), 0);
    for (long j = 0; j < org_exp_jobs(&x); j++)
        assert_memory_equal(x.runs[j].values, y.runs[j].values, (size_t)x.runs[j].n_values * sizeof(double));
    /* A loose target is met, a tight one is not. */
    assert_true(org_exp_precise(&x, 0.9, NULL, 0));
    char why[512];
    assert_false(org_exp_precise(&x, 1e-4, why, sizeof why));
    assert_non_null(strstr(why, "lead_time"));
    org_exp_destroy(&x);
    org_exp_destroy(&y);
    org_scenario_destroy(&s);
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Replays a trace: lead times and handoffs of measured features, and the
 * lead time for changes from each feature's code-done and done times, in
 * working days and (the calendar clock) in calendar days: nights and
 * weekends between the two count. */
static void test_trace_replay(void **state)
{
    (void)state;
    org_scenario s;
    assert_int_equal(load(two_models, &s), 0);
    for (int m = 0; m < 2; m++) {
        FILE *f = tmpfile();
        assert_non_null(f);
        org_sim_opts o;
        org_sim_opts_init(&o);
        o.trace = f;
        org_rep r;
        assert_int_equal(org_sim_run(&s, m, 0, 1, &o, &r), 0);
        /* The traced run is the run: same metrics as without a trace (a
         * traced run keeps every task in its own slot, an untraced one
         * reuses finished tasks' slots: which slot a task has changes nothing). */
        org_rep plain;
        assert_int_equal(org_sim_run(&s, m, 0, 1, NULL, &plain), 0);
        assert_memory_equal(r.values, plain.values, (size_t)r.n_values * sizeof(double));
        rewind(f);
        static char line[1 << 16];
        char measured[20000];
        memset(measured, 0, sizeof measured);
        int n_measured = 0, n_done = 0, handoffs = 0, clar = 0;
        double sum_lt = 0.0;
        static double cl[20000], cc[20000];
        while (fgets(line, sizeof line, f)) {
            cJSON *o2 = cJSON_Parse(line);
            assert_non_null(o2);
            const char *ev = cJSON_GetObjectItemCaseSensitive(o2, "ev")->valuestring;
            cJSON *fe = cJSON_GetObjectItemCaseSensitive(o2, "feature");
            int fid = cJSON_IsNumber(fe) ? fe->valueint : -1;
            if (!strcmp(ev, "feature_created")) {
                int meas = cJSON_GetObjectItemCaseSensitive(o2, "measured")->valueint;
                assert_true(fid >= 0 && fid < (int)sizeof measured);
                measured[fid] = (char)meas;
                n_measured += meas;
            } else if (fid >= 0 && measured[fid] && !strcmp(ev, "task_handoff")) {
                handoffs++;
            } else if (fid >= 0 && measured[fid] && !strcmp(ev, "clarification_requested")) {
                clar++;
            } else if (!strcmp(ev, "feature_done") && fid >= 0 && measured[fid]) {
                double code = cJSON_GetObjectItemCaseSensitive(o2, "code_done_day")->valuedouble;
                double done = cJSON_GetObjectItemCaseSensitive(o2, "done_day")->valuedouble;
                assert_true(n_done < 20000);
                cl[n_done] = done - code;
                cc[n_done] = (org_clock_hours(done, s.hours_per_day) - org_clock_hours(code, s.hours_per_day)) / 24.0;
                n_done++;
                sum_lt += cJSON_GetObjectItemCaseSensitive(o2, "lead_time_days")->valuedouble;
            }
            cJSON_Delete(o2);
        }
        fclose(f);
        assert_true(n_done > 20);
        assert_near(n_done, r.values[ORG_M_FEATURES_DONE], 0.0);
        assert_near(sum_lt / n_done, r.values[ORG_M_LEAD_MEAN], 1e-9 * r.values[ORG_M_LEAD_MEAN]);
        assert_near((double)handoffs / n_measured, r.values[ORG_M_HANDOFFS], 1e-12);
        assert_near((double)clar / n_measured, r.values[ORG_M_CLARIFICATIONS], 1e-12);
        qsort(cl, (size_t)n_done, sizeof *cl, cmp_dbl);
        qsort(cc, (size_t)n_done, sizeof *cc, cmp_dbl);
        int ob = org_metric_oncall_base(&s);
        assert_true(ob >= 0);
        double wd = sim_quantile_sorted(cl, (size_t)n_done, 0.5), cal = sim_quantile_sorted(cc, (size_t)n_done, 0.5);
        print_message("model %d: lead time for changes p50 %.3f working days, %.3f calendar days\n", m, wd, cal);
        assert_near(wd, r.values[ORG_M_CHANGE_LEAD_P50], 0.0);
        assert_near(cal, r.values[ob + ORG_MO_CHANGE_LEAD_P50_CAL_DAYS], 0.0);
        assert_true(cal != wd * 7.0 / 5.0);     /* not the old conversion */
        if (m == 0)
            assert_true(handoffs > 0);
        else
            assert_int_equal(handoffs, 0);
        org_rep_destroy(&r);
        org_rep_destroy(&plain);
    }
    org_scenario_destroy(&s);
}

/* Reads a trace's incidents opened before day `end`: the background ones'
 * (time, owning team, app fault) as lines into bg (at most cap), returning
 * how many; *n_cf gets the count of failed changes' incidents and *cf_t the
 * sum of their times. (The drain
 * after the measured window lasts as long as each design's features take.) */
static int trace_incidents(FILE *f, double end, char (*bg)[96], int cap, int *n_cf, double *cf_t)
{
    static char line[1 << 16];
    int n = 0;
    *n_cf = 0;
    *cf_t = 0.0;
    rewind(f);
    while (fgets(line, sizeof line, f)) {
        cJSON *o = cJSON_Parse(line);
        assert_non_null(o);
        const char *ev = cJSON_GetObjectItemCaseSensitive(o, "ev")->valuestring;
        double t = cJSON_GetObjectItemCaseSensitive(o, "t")->valuedouble;
        if (!strcmp(ev, "incident_opened") && t < end) {
            if (cJSON_GetObjectItemCaseSensitive(o, "change_failure")->valueint) {
                (*n_cf)++;
                *cf_t += t;
            } else {
                /* The owner: "owner" on a task, "team" when restored at night. */
                cJSON *own = cJSON_GetObjectItemCaseSensitive(o, "owner");
                if (!own)
                    own = cJSON_GetObjectItemCaseSensitive(o, "team");
                assert_true(n < cap);
                snprintf(bg[n++], sizeof bg[0], "%.6f %s %d", t, own->valuestring,
                         cJSON_GetObjectItemCaseSensitive(o, "app_fault")->valueint);
            }
        }
        cJSON_Delete(o);
    }
    return n;
}

/* Common random numbers hold for background incidents: two designs that
 * fail different changes face the same background incidents at the same
 * times. A failed change's incident draws from a stream of its own
 * ("change-failure-incidents"); drawn from the service's incident stream,
 * it would shift every later background incident of that service. */
static void test_background_incidents_paired(void **state)
{
    (void)state;
    /* Six services, 0.5 background incidents a service-week: about 110
     * before the window ends, and several dozen failed changes. */
    static const char *scen =
        "{ \"seed\": 11, \"replications\": 1,"
        "  \"run\": { \"warmup_days\": 60, \"measure_days\": 200, \"drain_max_days\": 200 },"
        "  \"product_teams\": { \"count\": 6, \"size\": 4, \"features_per_week\": 1.5 },"
        "  \"central_team\": { \"size\": 5 },"
        "  \"models\": [ \"devops_team\", \"true_devops\" ],"
        "  \"hosting\": [ { \"name\": \"iaas\", \"incidents_per_service_week\": 0.5 } ] }";
    org_scenario s;
    assert_int_equal(load(scen, &s), 0);
    enum { CAP = 4096 };
    static char bg[2][CAP][96];
    int n[2], cf[2];
    double cf_t[2];
    for (int m = 0; m < 2; m++) {
        FILE *f = test_trace_run(&s, m, 0, 1);
        n[m] = trace_incidents(f, s.run.warmup_days + s.run.measure_days, bg[m], CAP, &cf[m], &cf_t[m]);
        fclose(f);
    }
    /* The premise: both designs fail changes, and not the same ones. */
    assert_true(cf[0] > 0 && cf[1] > 0);
    assert_true(cf_t[0] != cf_t[1]);
    assert_true(n[0] > 20);
    assert_int_equal(n[0], n[1]);
    for (int i = 0; i < n[0]; i++)
        if (strcmp(bg[0][i], bg[1][i]) != 0) {
            print_error("background incident %d: \"%s\" against \"%s\"\n", i, bg[0][i], bg[1][i]);
            fail();
        }
    org_scenario_destroy(&s);
}

/* Design m's four bands (into band) and which are unsure; its restore band
 * must be "high" at the mean and at the interval's low end and want_hi at
 * its high end, unsure exactly when that differs, and every band must lie
 * between its ends' bands. */
static void expect_restore_bands(const org_exp *x, int m, const char *want_lo, const char *want_hi,
                                 const char *band[4], int unsure[4])
{
    const char *lo[4], *hi[4];
    org_dora_bands(x, m, 0, band);
    org_dora_bands_ci(x, m, 0, lo, hi);
    org_dora_uncertain(x, m, 0, unsure);
    assert_string_equal(band[3], "high");
    assert_string_equal(lo[3], want_lo);
    assert_string_equal(hi[3], want_hi);
    assert_int_equal(unsure[3], strcmp(want_lo, want_hi) != 0);
    for (int k = 0; k < 4; k++)
        assert_true(strcmp(lo[k], hi[k]) == 0 ? strcmp(band[k], lo[k]) == 0 : 1);
}

/* A DORA band is only as sure as its figure: the bands at the ends of the
 * figure's 95% interval name both, and a band is unsure when they differ
 * (postgres-upgrade's restore medians of 20-25 hours, [13, 28]: "high" or
 * "medium"); the band of the mean is unchanged. */
static void test_dora_band_interval(void **state)
{
    (void)state;
    org_scenario s;
    org_exp x;
    run_two_models(4, &s, &x);
    int ob = org_metric_oncall_base(&s);
    assert_true(ob >= 0);   /* the calendar clock (the default): restore banded in calendar hours */
    int restore = ob + ORG_MO_RESTORE_P50_HOURS;
    /* design 0: restore medians close together, all "high"; deploys all 0.98 a week (no spread) */
    static const double tight[4] = { 22.0, 23.0, 23.0, 22.0 }, wide[4] = { 12.0, 32.0, 14.0, 30.0 };
    for (int r = 0; r < 4; r++) {
        x.runs[(0 * x.n_hostings + 0) * x.reps + r].values[restore] = tight[r];
        x.runs[(0 * x.n_hostings + 0) * x.reps + r].values[ORG_M_DEPLOYS_PER_WEEK] = 0.98;
        x.runs[(1 * x.n_hostings + 0) * x.reps + r].values[restore] = wide[r];
    }
    const char *band[4];
    int unsure[4];
    expect_restore_bands(&x, 0, "high", "high", band, unsure);
    assert_string_equal(band[1], "medium");      /* weekly to monthly: under one a week */
    assert_int_equal(unsure[1], 0);              /* no spread, no doubt */
    /* design 1: the same mean (22 hours) spread wide: [7.6, 36.4] reaches past a day */
    expect_restore_bands(&x, 1, "high", "medium", band, unsure);
    org_exp_destroy(&x);
    org_scenario_destroy(&s);
}

int test_group_compare(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairing_narrows),
        cmocka_unit_test(test_identical_models_differ_by_zero),
        cmocka_unit_test(test_holm),
        cmocka_unit_test(test_precision_rounds),
        cmocka_unit_test(test_trace_replay),
        cmocka_unit_test(test_background_incidents_paired),
        cmocka_unit_test(test_dora_band_interval),
    };
    return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
