/* test_deck — the deck's pages beside the charts (report/charts_deck.c):
 * text that needs more than a page continues onto numbered pages and is
 * never cut; the transition page from payback.csv and timeseries.csv; the
 * sensitivity page from robustness.csv and uncertainty.csv; the assumptions'
 * timeline events and services. Pages are collected as deck.pptx slides
 * (their text), and every text page is measured against a deck page. */
#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "report/charts_data.h"
#include "report/charts_int.h"
#include "report/charts_label.h"
#include "plots/plot.h"
#include "report/charts_csv.h"
#include "report/charts_transition.h"
#include "report/report_timeseries.h"
#include "report/charts_sensitivity.h"
#include "tests/test_charts_fx.h"

/* The deck's pages of cd as slides (no chart pages); asserts they build. */
static void deck_slides(const charts_data *cd, charts_slides *sl, charts_sink *sink)
{
    memset(sl, 0, sizeof *sl);
    memset(sink, 0, sizeof *sink);
    sink->pptx = sl;
    char err[256] = "";
    int st = charts_deck_pages(sink, cd, NULL, 0, err, sizeof err);
    if (st)
        print_error("%s\n", err);
    assert_int_equal(st, 0);
    assert_int_equal(sink->pages, sl->n);
}

/* Slides whose title starts with prefix. */
static size_t slides_titled(const charts_slides *sl, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < sl->n; i++)
        n += !strncmp(sl->s[i].title, prefix, strlen(prefix));
    return n;
}

/* The first slide titled prefix…, or NULL. */
static const plot_pptx_slide *slide_titled(const charts_slides *sl, const char *prefix)
{
    for (size_t i = 0; i < sl->n; i++)
        if (!strncmp(sl->s[i].title, prefix, strlen(prefix)))
            return &sl->s[i];
    return NULL;
}

/* The deck of cd has no slide titled prefix… (a page whose file or
 * metrics are absent is left out). */
static void assert_no_slide(const charts_data *cd, const char *prefix)
{
    charts_slides sl;
    charts_sink sink;
    deck_slides(cd, &sl, &sink);
    assert_null(slide_titled(&sl, prefix));
    charts_slides_free(&sl);
}

/* A comparisons.csv with a significant difference for every headline metric
 * at every hosting point and pair, and a robustness.csv that calls each
 * fragile with a long list: the executive summary's longest case. */
static void many_sentences(charts_data *cd)
{
    util_buf c = { 0 }, r = { 0 };
    util_buf_add(&c, "scenario,hosting,metric,model_a,model_b,diff_mean,diff_ci95_low,diff_ci95_high,n,significant\n");
    util_buf_add(&r, "metric,hosting,model_a,model_b,difference,ci95_low,ci95_high,perturbation,factor,"
                 "perturbed_difference,replications,sign_holds,label\n");
    for (int k = 0; k < REPORT_HEADLINES; k++)
        for (int h = 0; h < FX_H; h++)
            for (int a = 0; a < FX_M; a++)
                for (int b = a + 1; b < FX_M; b++) {
                    const char *key = report_headline_metrics[k].key;
                    double d = -1.0 - 0.5 * h - a - b;
                    util_buf_add(&c, "unit,%s,%s,%s,%s,%g,%g,%g,4,1\n", fx_hostings[h], key, fx_models[a],
                                 fx_models[b], d, d - 0.3, d + 0.3);
                    util_buf_add(&r, "%s,%s,%s,%s,%g,%g,%g,context_half_life_days,0.5,1,2,0,fragile: flips when "
                                 "restore context-gap factor ×1.5 (and 8 more)\n", key, fx_hostings[h], fx_models[a], fx_models[b], d, d - 0.3,
                                 d + 0.3);
                }
    char why[256] = "";
    assert_false(c.err || r.err);
    assert_int_equal(charts_data_comparisons_csv(cd, util_buf_str(&c), "comparisons.csv", why, sizeof why), 0);
    assert_int_equal(charts_data_robustness_csv(cd, util_buf_str(&r), "robustness.csv", why, sizeof why), 0);
    util_buf_free(&c);
    util_buf_free(&r);
}

/* A headline whose designs differ in change policy says so in words: the
 * presets' policies as a board reads them ("an on-demand pipeline", not
 * "on demand pipeline"), another policy by its name. */
static void test_summary_policy_words(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(charts_policy_label("board_and_windows", buf, sizeof buf),
                        "a change board and windows");
    assert_string_equal(charts_policy_label("on_demand_pipeline", buf, sizeof buf), "an on-demand pipeline");
    assert_string_equal(charts_policy_label("my_cab_weekly", buf, sizeof buf), "my cab weekly");
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    many_sentences(&cd);
    cd.change_policy[0] = "my_cab_weekly";          /* true_devops */
    cd.change_policy[1] = "on_demand_pipeline";     /* my_sre: the headlines pair it with traditional_ops */
    cd.change_policy[2] = "board_and_windows";      /* traditional_ops */
    charts_slides sl;
    charts_sink sink;
    deck_slides(&cd, &sl, &sink);
    int words = 0, ids = 0;
    for (size_t i = 0; i < sl.n; i++)
        if (!strncmp(sl.s[i].title, "Executive summary", 17) && sl.s[i].bullets) {
            words += strstr(sl.s[i].bullets, "change policy changes too, from a change board and windows to an "
                                             "on-demand pipeline.") != NULL
                   || strstr(sl.s[i].bullets, "change policy changes too, from an on-demand pipeline to a change "
                                              "board and windows.") != NULL;
            ids += strstr(sl.s[i].bullets, "on_demand") != NULL || strstr(sl.s[i].bullets, "on demand") != NULL;
        }
    assert_true(words > 0);
    assert_int_equal(ids, 0);
    charts_slides_free(&sl);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* Issue 18 item 4: with every headline sentence long and fragile (and an
 * unstable design left out), the executive summary needs more than a page;
 * it continues onto "(2 of 2)", repeating its heading, and no text page of
 * the deck is cut. */
static void test_summary_continues(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    cd.today_product = 140;
    cd.today_central = 48;
    many_sentences(&cd);
    /* staffing found, and one unstable design (its comparisons are left out, and said so) */
    cd.has_staffing = 1;
    for (int m = 0; m < FX_M; m++)
        for (int h = 0; h < FX_H; h++) {
            charts_cell *c = charts_cell_at(&cd, m, h);
            c->staff_central = 10 + m;
            c->staff_total = 150 + 5 * m - h;
            c->staff_cost_year = 2.1e7 + 1e6 * m;
        }
    static const int unstable[3][2] = { { 2, 2 }, { 2, 0 }, { 1, 2 } };
    for (int i = 0; i < 3; i++) {
        charts_cell *u = charts_cell_at(&cd, unstable[i][0], unstable[i][1]);
        u->unstable = 1;
        snprintf(u->unstable_why, sizeof u->unstable_why, "queue grows: central team at %d%% of capacity", 104 + i);
    }
    charts_slides sl;
    charts_sink sink;
    charts_cell_at(&cd, 1, 0)->staff_marginal = 2;     /* product: the total marked */
    charts_cell_at(&cd, 1, 0)->staff_cost_today = 2.47e7;
    charts_cell_at(&cd, 2, 1)->staff_marginal = 1;     /* central: its column marked */
    charts_cell_at(&cd, 2, 0)->staff_marginal = 2;     /* the most people (160): the summary says so */
    charts_cell_at(&cd, 1, 2)->staff_total = NAN;      /* out of reach: its p85 is the largest tried's */
    charts_cell_at(&cd, 1, 2)->staff_lead_p85 = 38.0;
    deck_slides(&cd, &sl, &sink);
    assert_int_equal(sink.cut_pages, 0);
    /* a marginal staffing answer is marked, and the caption says what the mark means */
    const plot_pptx_slide *cost = slide_titled(&sl, "Headcount and cost");
    assert_non_null(cost);
    assert_non_null(strstr(cost->notes, " | 155 * | "));
    /* today's cost beside the found one; none known: n/a */
    assert_non_null(strstr(cost->notes, "On-prem | my_sre | 188 | 11 | 155 * | -33 | \xe2\x82\xac" "24.7M | \xe2\x82\xac"
                                        "22M | "));
    assert_non_null(strstr(cost->notes, "On-prem | True DevOps | 188 | 10 | 150 | -38 | n/a | \xe2\x82\xac" "21M | "));
    assert_non_null(strstr(cost->notes, " | 12 * | 159 | "));      /* central 10 + 2, total 150 + 10 − 1 */
    assert_non_null(strstr(cost->notes, "*: marginal (a target inside the 95% interval at that size or one below)."));
    assert_null(strstr(cost->notes, " | 150 * | "));
    assert_non_null(strstr(cost->notes, "Serverless | my_sre | 188 | 11 | n/a | n/a | "));
    assert_non_null(strstr(cost->notes, " | 38 (not met)\n"));
    assert_non_null(strstr(cost->notes, "(its p85 is then the largest size tried's: not met)."));
    {
        const char *sum = "";
        for (size_t i = 0; i < sl.n; i++)
            if (!strncmp(sl.s[i].title, "Executive summary", 17) && strstr(sl.s[i].bullets, "Fewest people"))
                sum = sl.s[i].bullets;
        assert_non_null(strstr(sum, "not estimates with an interval; the most is marginal (*)."));
        assert_null(strstr(sum, "meets the targets at no hosting point"));
    }
    {
        /* a design with no size anywhere is in neither answer: the line says so */
        double keep[FX_H];
        for (int h = 0; h < FX_H; h++) {
            keep[h] = charts_cell_at(&cd, 1, h)->staff_total;
            charts_cell_at(&cd, 1, h)->staff_total = NAN;
        }
        charts_slides sl2;
        charts_sink sink2;
        deck_slides(&cd, &sl2, &sink2);
        int said = 0;
        for (size_t i = 0; i < sl2.n; i++)
            said += !strncmp(sl2.s[i].title, "Executive summary", 17)
                    && strstr(sl2.s[i].bullets, "; the most is marginal (*). my_sre meets the targets at no hosting "
                                                "point.") != NULL;
        assert_int_equal(said, 1);
        charts_slides_free(&sl2);
        for (int h = 0; h < FX_H; h++)
            charts_cell_at(&cd, 1, h)->staff_total = keep[h];
    }
    /* the key numbers say what an unstable row is: no band colour, its p85 a lower bound */
    assert_non_null(strstr(slide_titled(&sl, "Key numbers")->notes, "\xe2\x80\xa0 Unstable: no steady state"));
    size_t n = slides_titled(&sl, "Executive summary");
    assert_true(n >= 2);
    const plot_pptx_slide *first = slide_titled(&sl, "Executive summary (1 of ");
    assert_non_null(first);
    /* every headline sentence is in the summary, once */
    size_t sentences = 0;
    for (size_t i = 0; i < sl.n; i++)
        if (!strncmp(sl.s[i].title, "Executive summary", 17))
            for (const char *p = sl.s[i].bullets; (p = strstr(p, "Fragile: flips when")); p++)
                sentences++;
    assert_int_equal(sentences, REPORT_HEADLINES);
    /* the second page starts with a heading (its group's, "(continued)", when it starts inside one) */
    const plot_pptx_slide *second = slide_titled(&sl, "Executive summary (2 of ");
    assert_non_null(second);
    const char *after = strchr(second->bullets, '\n');
    assert_non_null(after);
    after += strspn(after, "\n");
    assert_true(!strncmp(after, "# ", 2));
    charts_slides_free(&sl);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* A DORA band whose figure's 95% interval reaches into another band is
 * marked "~" in the key numbers, and the caption says what the mark means
 * (results.json's dora_ci95: the bands at the interval's ends); a file
 * without it (or with both ends alike) marks nothing. The marks in the drawn
 * cells are checked on a real deck by tests/e2e/test_deck.sh. */
static void test_key_numbers_unsure(void **state)
{
    (void)state;
    for (int with = 0; with < 2; with++) {
        cJSON *r = fx_results();    /* its bands: deploys elite, change lead high, CFR medium, restore low */
        cJSON *res0 = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "results"), 0);
        cJSON *res1 = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "results"), 1);
        if (with) {
            cJSON_AddItemToObject(res0, "dora_ci95", cJSON_Parse(
                "{ \"lead_time_for_changes\": [\"high\", \"high\"], \"deployment_frequency\": [\"elite\", \"elite\"],"
                "  \"change_failure_rate\": [\"medium\", \"medium\"], \"time_to_restore\": [\"medium\", \"low\"] }"));
            cJSON_AddItemToObject(res1, "dora_ci95", cJSON_Parse(
                "{ \"lead_time_for_changes\": [\"high\", \"high\"], \"deployment_frequency\": [\"elite\", \"elite\"],"
                "  \"change_failure_rate\": [\"high\", \"medium\"], \"time_to_restore\": [\"low\", \"low\"] }"));
        }
        charts_data cd;
        fx_data(r, &cd);
        for (int m = 0; m < FX_M; m++)
            for (int h = 0; h < FX_H; h++)
                charts_cell_at(&cd, m, h)->unstable = 0;
        assert_int_equal(charts_cell_at(&cd, 0, 0)->dora_unsure[CHARTS_DORA_RESTORE], with);
        assert_int_equal(charts_cell_at(&cd, 0, 1)->dora_unsure[CHARTS_DORA_RESTORE], 0);
        assert_int_equal(charts_cell_at(&cd, 0, 0)->dora_unsure[CHARTS_DORA_CFR], 0);
        assert_int_equal(charts_cell_at(&cd, 0, 1)->dora_unsure[CHARTS_DORA_CFR], with);
        /* the mark is on the cell of that figure, and only there: row (0, 0)
         * its restore time (column 6), row (0, 1) its change failure rate (5) */
        char text[CHARTS_KEY_COLS][CHARTS_DECK_CELL];
        uint32_t fill[CHARTS_KEY_COLS];
        for (int h = 0; h < 2; h++) {
            int got = charts__key_numbers_row(&cd, 0, h, text, fill);
            assert_int_equal((got & 4) != 0, with);
            for (int j = 0; j < CHARTS_KEY_COLS; j++) {
                int marked = strchr(text[j], '~') != NULL;
                assert_int_equal(marked, with && j == (h == 0 ? 6 : 5));
            }
        }
        assert_non_null(strstr(text[5], "\xc2\xb7 medium"));     /* the band of the mean, as before */
        charts_slides sl;
        charts_sink sink;
        deck_slides(&cd, &sl, &sink);
        const char *t = slide_titled(&sl, "Key numbers")->notes;
        size_t marks = 0;
        for (const char *p = t; (p = strstr(p, "~")); p++)
            marks++;
        if (!with) {
            assert_int_equal(marks, 0);
        } else {
            assert_non_null(strstr(t, "high~: the figure's 95% CI reaches into another band"));
            assert_int_equal(marks, 1);     /* the caption's; the cells are drawn (tests/e2e/test_deck.sh) */
        }
        assert_null(strstr(t, "Change lead time in calendar days"));
        charts_slides_free(&sl);
        charts_data_free(&cd);
        /* with the calendar clock the lead time for changes is shown in
         * calendar days, the figure its band reads (results from session 20) */
        cJSON *cal = cJSON_CreateObject();
        cJSON_AddNumberToObject(cal, "mean", 42.0);
        cJSON_AddItemToObject(cJSON_GetObjectItem(res0, "summary"), "change_lead_time_p50_calendar_days", cal);
        fx_data(r, &cd);
        int got0 = charts__key_numbers_row(&cd, 0, 0, text, fill);
        assert_true(got0 & 8);
        assert_true(!strncmp(text[4], "42 \xc2\xb7 ", 5));
        assert_false(charts__key_numbers_row(&cd, 0, 1, text, fill) & 8);
        assert_false(!strncmp(text[4], "42 ", 3));                  /* working days where there is none */
        deck_slides(&cd, &sl, &sink);
        assert_non_null(strstr(slide_titled(&sl, "Key numbers")->notes, "Change lead time in calendar days"));
        charts_slides_free(&sl);
        charts_data_free(&cd);
        cJSON_Delete(r);
    }
}

/* The summary's "What qualifies these" counts the results with warnings and
 * the unstable ones, and points at the warnings page only when there is one
 * (session 14: "0 of 18 results carry validity warnings (the last page lists
 * them)" pointed at a page the deck did not have). */
static void test_summary_qualifies(void **state)
{
    (void)state;
    char want[160];
    for (int warned = 0; warned < 2; warned++) {
        cJSON *r = fx_results();        /* one warning, on the first result */
        if (!warned)
            cJSON_DeleteItemFromArray(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "results"), 0),
                                                          "warnings"), 0);
        charts_data cd;
        fx_data(r, &cd);
        for (int m = 0; m < FX_M; m++)
            for (int h = 0; h < FX_H; h++)
                charts_cell_at(&cd, m, h)->unstable = 0;
        charts_slides sl;
        charts_sink sink;
        deck_slides(&cd, &sl, &sink);
        const char *b = slide_titled(&sl, "Executive summary")->bullets;
        if (warned)
            snprintf(want, sizeof want, "1 of %d results carries validity warnings (the last page lists them); "
                     "none is unstable.", FX_M * FX_H);
        else
            snprintf(want, sizeof want, "None of the %d results carries a validity warning, and none is unstable.",
                     FX_M * FX_H);
        assert_non_null(strstr(b, want));
        assert_int_equal(strstr(b, "last page") != NULL, warned);
        /* no unstable row: the key numbers say nothing of them */
        assert_null(strstr(slide_titled(&sl, "Key numbers")->notes, "Unstable"));
        charts_slides_free(&sl);
        charts_data_free(&cd);
        cJSON_Delete(r);
    }
}

/* The cover: the scenario's "summary" in full when it has one (plain words
 * for a board: the bundled descriptions are modellers' notes), else the
 * description's start, cut after the last sentence within 330 characters,
 * not bytes (a description of "é…" was cut at half its room). */
static void test_cover(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    cJSON *scen = cJSON_GetObjectItemCaseSensitive(r, "scenario_file");
    util_buf b = { 0 };
    util_buf_add(&b, "First sentence, in plain words.");
    for (int i = 0; i < 40; i++)
        util_buf_add(&b, " Caf\xc3\xa9 %02d.", i);     /* 9 characters, 10 bytes each */
    assert_false(b.err);
    cJSON_ReplaceItemInObjectCaseSensitive(scen, "description", cJSON_CreateString(util_buf_str(&b)));
    charts_data cd;
    charts_slides sl;
    charts_sink sink;
    fx_data(r, &cd);
    deck_slides(&cd, &sl, &sink);
    const char *t = sl.s[0].bullets;
    /* 31 + 33 × 9 = 328 characters (361 bytes) end at "Café 32."; the next would pass 330
     * (counted in bytes, the cut came after "Café 28.") */
    assert_non_null(strstr(t, "Caf\xc3\xa9 32. \xe2\x80\xa6"));
    assert_null(strstr(t, "Caf\xc3\xa9 33."));
    charts_slides_free(&sl);
    charts_data_free(&cd);
    cJSON_AddStringToObject(scen, "summary", "Acme today and its plan, for the board.");
    fx_data(r, &cd);
    deck_slides(&cd, &sl, &sink);
    t = sl.s[0].bullets;
    assert_non_null(strstr(t, "Acme today and its plan, for the board."));
    assert_null(strstr(t, "First sentence"));
    assert_null(strstr(t, "the timeline"));
    charts_slides_free(&sl);
    charts_data_free(&cd);
    /* a timeline that switches the model: the cover's model list is the start */
    cJSON_AddItemToObject(scen, "timeline", cJSON_Parse("[{\"week\": 70, \"do\": \"model\", \"model\": \"true_devops\"}]"));
    fx_data(r, &cd);
    deck_slides(&cd, &sl, &sink);
    t = sl.s[0].bullets;
    assert_non_null(strstr(t, "Traditional ops at the start (the timeline changes it during the run)\n"));
    assert_null(strstr(t, "migrates"));
    charts_slides_free(&sl);
    charts_data_free(&cd);
    util_buf_free(&b);
    cJSON_Delete(r);
}

/* The scenario's own question — how long its project takes, when the
 * hiring rule first hires and how many it hires — gets a table per design (session 16's review:
 * summary.csv had it, the deck did not): mean and 95% interval, "k of N
 * runs" when it happened in fewer, no interval from fewer than 3, "never"
 * when in none; without such metrics, no page. */
static void test_question_pages(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    assert_no_slide(&cd, "What the scenario asks");
    charts_slides sl;
    charts_sink sink;
    charts_data_free(&cd);

    cJSON_AddItemToArray(cJSON_GetObjectItem(r, "metrics"), cJSON_CreateString("makespan_days_pg-upgrade"));
    int i = 0;
    const cJSON *res;
    cJSON_ArrayForEach(res, cJSON_GetObjectItem(r, "results")) {
        int n = i == 0 ? 4 : i == 1 ? 2 : i == 2 ? 0 : 3;
        cJSON *e = cJSON_CreateObject();
        if (n)
            cJSON_AddNumberToObject(e, "mean", 50.4 + i);
        else
            cJSON_AddNullToObject(e, "mean");
        cJSON_AddNumberToObject(e, "ci95_low", 39.1);
        cJSON_AddNumberToObject(e, "ci95_high", 61.7 + i);
        cJSON_AddNumberToObject(e, "n", n);
        cJSON_AddArrayToObject(e, "values");
        cJSON_AddItemToObject(cJSON_GetObjectItem(res, "summary"), "makespan_days_pg-upgrade", e);
        i++;
    }
    fx_data(r, &cd);
    deck_slides(&cd, &sl, &sink);
    assert_int_equal(sink.cut_pages, 0);
    const plot_pptx_slide *q = slide_titled(&sl, "What the scenario asks: how long its projects take");
    assert_non_null(q);
    assert_true(q < slide_titled(&sl, "Key numbers"));
    const char *t = q->notes;
    assert_non_null(strstr(t, "A project: working days from its start to its last task done."));
    assert_null(strstr(t, "first central hire"));
    assert_non_null(strstr(t, "True DevOps | On-prem | 50 (39 to 62)\n"));           /* every run */
    assert_non_null(strstr(t, "True DevOps | IaaS | 51 \xc2\xb7 2 of 4\n"));          /* 2 runs: no interval */
    assert_non_null(strstr(t, "True DevOps | Serverless | never (0 of 4 runs)\n"));
    assert_non_null(strstr(t, "my_sre | On-prem | 53 (39 to 65) \xc2\xb7 3 of 4\n"));
    charts_slides_free(&sl);
    charts_data_free(&cd);

    /* the hiring rule's hires, counted in every run: an interval about a
     * mean near 0 is shown from 0 (startup-growth read "0.30 (-0.046 to
     * 0.65)" hires) */
    i = 0;
    cJSON_ArrayForEach(res, cJSON_GetObjectItem(r, "results")) {
        cJSON *sum = cJSON_GetObjectItem(res, "summary");
        cJSON_DeleteItemFromObjectCaseSensitive(sum, "makespan_days_pg-upgrade");
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "mean", i == 0 ? 0.3 : 2.0);
        cJSON_AddNumberToObject(e, "ci95_low", i == 0 ? -0.046 : 1.5);
        cJSON_AddNumberToObject(e, "ci95_high", i == 0 ? 0.65 : 2.5);
        cJSON_AddNumberToObject(e, "n", 4);
        cJSON_AddArrayToObject(e, "values");
        cJSON_AddItemToObject(sum, "central_rule_hires", e);
        i++;
    }
    fx_data(r, &cd);
    deck_slides(&cd, &sl, &sink);
    q = slide_titled(&sl, "What the scenario asks: when it hires central engineers");
    assert_non_null(q);
    t = q->notes;
    assert_non_null(strstr(t, "the hires it made: by the run's end, in every run (none is 0)."));
    assert_non_null(strstr(t, "True DevOps | On-prem | 0.30 (0 to 0.65)\n"));
    assert_non_null(strstr(t, "True DevOps | IaaS | 2.0 (1.5 to 2.5)\n"));
    charts_slides_free(&sl);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* Issue 18 item 3: the assumptions list every dated event in day order (a
 * team that starts later among them) and the services with their teams,
 * hosting and plans, in words; forty events continue over pages, none cut. */
static void test_assumptions_plan(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    cJSON *scen = cJSON_GetObjectItemCaseSensitive(r, "scenario_file");
    cJSON *parsed = cJSON_Parse(
        "{ \"teams\": [ { \"name\": \"team-1\", \"services\": [ \"checkout\", "
        "    { \"name\": \"payments\", \"hosting\": \"iaas\" } ] },"
        "  { \"name\": \"growth\", \"size\": 4, \"starts_day\": 127.5 } ],"
        "  \"hosting_plans\": [ { \"name\": \"half-paas\", \"services\": { \"checkout\": \"paas\" } } ],"
        "  \"timeline\": [ { \"week\": 70, \"do\": \"model\", \"model\": \"true_devops\" },"
        "    { \"day\": 20, \"do\": \"move\", \"from\": \"central\", \"to\": \"team-1\", \"count\": 2 },"
        "    { \"week\": 74, \"do\": \"migrate\", \"hosting\": \"containers\", \"service\": \"checkout\" } ] }");
    assert_non_null(parsed);
    cJSON *it;
    cJSON_ArrayForEach(it, parsed)
        cJSON_AddItemReferenceToObject(scen, it->string, it);
    charts_data cd;
    fx_data(r, &cd);
    charts_slides sl;
    charts_sink sink;
    deck_slides(&cd, &sl, &sink);
    assert_int_equal(sink.cut_pages, 0);
    util_buf all = { 0 };
    for (size_t i = 0; i < sl.n; i++)
        if (!strncmp(sl.s[i].title, "Assumptions", 11))
            util_buf_add(&all, "%s\n", sl.s[i].bullets);
    const char *t = util_buf_str(&all);
    const char *e1 = strstr(t, "- Week 4 (day 20): 2 engineers move from the central team to team-1, with their knowledge");
    const char *e2 = strstr(t, "- Day 127.5 (week 25.5): team growth starts with 4 engineers");
    const char *e3 = strstr(t, "- Week 70 (day 350): every team switches to True DevOps");
    const char *e4 = strstr(t, "- Week 74 (day 370): service checkout moves to Containers: 10 days of iac work");
    if (!(e1 && e2 && e3 && e4))
        print_error("%s\n", t);
    assert_true(e1 && e2 && e3 && e4);
    assert_true(e1 < e2 && e2 < e3 && e3 < e4);     /* in day order, not file order */
    assert_non_null(strstr(t, "- team-1 owns checkout, payments (today on IaaS)\n"));
    assert_non_null(strstr(t, "- Plan half-paas: checkout on PaaS; the rest where they run today\n"));
    util_buf_free(&all);
    charts_slides_free(&sl);

    /* without hosting plans the services run at the column's hosting point,
     * or start there when the timeline migrates them (the deck said "runs
     * at" beside a listed migration) */
    cJSON_DeleteItemFromObject(scen, "hosting_plans");
    cJSON *mig = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(parsed, "timeline"), 2);
    for (int migrates = 1; migrates >= 0; migrates--) {
        cJSON_ReplaceItemInObject(mig, "do", cJSON_CreateString(migrates ? "migrate" : "freeze"));
        deck_slides(&cd, &sl, &sink);
        for (size_t i = 0; i < sl.n; i++)
            if (!strncmp(sl.s[i].title, "Assumptions", 11))
                util_buf_add(&all, "%s\n", sl.s[i].bullets);
        t = util_buf_str(&all);
        assert_int_equal(strstr(t, "- Every service starts at the hosting point of the column shown (no hosting plans); "
                                   "the timeline's migration moves it\n") != NULL, migrates);
        assert_int_equal(strstr(t, "- Every service runs at the hosting point of the column shown (no hosting "
                                   "plans)\n") != NULL, !migrates);
        util_buf_free(&all);
        charts_slides_free(&sl);
    }
    cJSON_ReplaceItemInObject(mig, "do", cJSON_CreateString("migrate"));
    cJSON_AddItemReferenceToObject(scen, "hosting_plans", cJSON_GetObjectItemCaseSensitive(parsed, "hosting_plans"));

    /* forty events: more pages, each full one continued under its heading, nothing cut */
    cJSON *tl = cJSON_GetObjectItemCaseSensitive(parsed, "timeline");
    for (int w = 1; w <= 40; w++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "week", w);
        cJSON_AddStringToObject(e, "do", "hire");
        cJSON_AddStringToObject(e, "team", "team-1");
        cJSON_AddNumberToObject(e, "count", 1);
        cJSON_AddItemToArray(tl, e);
    }
    deck_slides(&cd, &sl, &sink);
    assert_int_equal(sink.cut_pages, 0);
    assert_true(slides_titled(&sl, "Assumptions (") >= 3);
    size_t hires = 0, continued = 0;
    for (size_t i = 0; i < sl.n; i++)
        if (!strncmp(sl.s[i].title, "Assumptions", 11)) {
            for (const char *p = sl.s[i].bullets; (p = strstr(p, "team-1 hires 1 engineer ")); p++)
                hires++;
            continued += strstr(sl.s[i].bullets, "# Timeline: dated events, in day order (continued)") != NULL;
        }
    assert_int_equal(hires, 40);
    assert_true(continued >= 1);
    charts_slides_free(&sl);
    charts_data_free(&cd);
    cJSON_Delete(r);
    cJSON_Delete(parsed);
}

/* The key defaults name the flow mechanisms in force (meetings, iterations
 * and reviews drive lead times since session 5), and say "no …" where the
 * scenario switches them off rather than "iterations of 0 working days". */
static void test_key_defaults_flow(void **state)
{
    (void)state;
    for (int off = 0; off < 2; off++) {
        cJSON *r = fx_results();
        cJSON_DeleteItemFromObjectCaseSensitive(r, "assumptions_changed");
        cJSON *a = cJSON_AddArrayToObject(r, "assumptions_changed");
        if (off) {
            cJSON_AddItemToArray(a, cJSON_CreateString("flow.interruption_share = 0 (preset 0.3)"));
            cJSON_AddItemToArray(a, cJSON_CreateString("flow.interruption_sd = 0 (preset 0.1)"));
            cJSON_AddItemToArray(a, cJSON_CreateString("flow.iteration_days = 0 (preset 10)"));
            cJSON_AddItemToArray(a, cJSON_CreateString("flow.review_share = 0 (preset 0.1)"));
        }
        charts_data cd;
        fx_data(r, &cd);
        charts_slides sl;
        charts_sink sink;
        deck_slides(&cd, &sl, &sink);
        util_buf all = { 0 };
        for (size_t i = 0; i < sl.n; i++)
            if (!strncmp(sl.s[i].title, "Assumptions", 11))
                util_buf_add(&all, "%s\n", sl.s[i].bullets);
        const char *t = util_buf_str(&all);
        const char *want[2][2] = {
            { "Meetings and interruptions take 30% of the day (sd 10% between engineer-weeks) \xe2\x80\x94 Clockwise",
              "Product teams plan in iterations of 10 working days; a second person reviews a change at 10% of its effort" },
            { "No time lost to meetings and interruptions \xe2\x80\x94 set by this scenario (above)",
              "No iterations (features start when they arrive) and no second-person review \xe2\x80\x94 set by this scenario" },
        };
        for (int k = 0; k < 2; k++) {
            if (!strstr(t, want[off][k]))
                print_error("missing: %s\nin: %s\n", want[off][k], t);
            assert_non_null(strstr(t, want[off][k]));
        }
        util_buf_free(&all);
        charts_slides_free(&sl);
        charts_data_free(&cd);
        cJSON_Delete(r);
    }
}

/* The transition chart says which weeks are the warm-up (acme's first point,
 * 1.1 features a week at week 0, is the simulation filling up, not the
 * company's history): from the scenario's run.warmup_days, or the presets'
 * 120 days; nothing without a warm-up. */
static void test_transition_warmup(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    assert_true(cd.warmup_days == 120.0);           /* the presets' */
    charts_data_free(&cd);
    cJSON_AddItemToObject(cJSON_GetObjectItemCaseSensitive(r, "scenario_file"), "run",
                          cJSON_Parse("{\"warmup_days\": 300}"));
    fx_data(r, &cd);
    assert_true(cd.warmup_days == 300.0);
    report_ts_chart_t t;
    memset(&t, 0, sizeof t);
    assert_int_equal(report_ts_chart_alloc(&t, 2, 3, 4), 0);
    t.warmup_days = cd.warmup_days;
    report_ts_chart_spec(&t, NULL, 0, "sub");
    assert_non_null(strstr(t.c.caption, "Weeks 0\xe2\x80\x93" "59 are the warm-up: the simulated organisation starts "
                                        "empty, so its first weeks are not the company's history."));
    t.warmup_days = 0;
    report_ts_chart_spec(&t, NULL, 0, "sub");
    assert_null(strstr(t.c.caption, "warm-up"));
    /* both charts show a period at its last week, the event's period
     * starred: acme's dip read "week 68" on one and "week 71" on the other */
    double event_day[] = { 6.0 * 5.0 };     /* week 6: the second period, weeks 4-7 */
    report_ts_chart_spec(&t, event_day, 1, "sub");
    assert_string_equal(t.cats[0], "3");
    assert_string_equal(t.cats[1], "\xe2\x98\x85" "7");
    char seen[3][16];
    for (int p = 0; p < 3; p++)
        snprintf(seen[p], sizeof seen[p], "%s", t.cats[p]);
    report_ts_payback_spec(&t, event_day, 1, "sub");
    for (int p = 0; p < 3; p++)
        assert_string_equal(t.cats[p], seen[p]);
    assert_string_equal(t.c.x_title, "Week (end of period)");
    report_ts_chart_free(&t);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* The payback sentence of p contains want. */
static void assert_payback_says(const org_payback *p, const char *want)
{
    util_buf b = { 0 };
    report_ts_payback_text(p, &b);
    if (!strstr(util_buf_str(&b), want))
        fail_msg("payback sentence \"%s\" lacks \"%s\"", util_buf_str(&b), want);
    util_buf_free(&b);
}

/* A payback sentence leads with what the 95% interval shows: a mean line
 * that crosses 0 late, while the interval never clears 0, is "not shown to
 * pay back", its week in brackets (acme's plan: the mean crossed in the
 * horizon's last week). */
static void test_payback_sentence(void **state)
{
    (void)state;
    org_payback late = { .n = 10, .first_event_week = 0, .week = 104, .week_early = 73, .week_late = -1,
                         .dip = -7.8, .dip_week = 71, .dip_high = -1.0, .detectable = 1,
                         .final = 1.0, .final_low = -0.6, .final_high = 2.6 };
    util_buf b = { 0 };
    report_ts_payback_text(&late, &b);
    assert_string_equal(util_buf_str(&b), "behind by up to 7.8 features (week 71); not shown to pay back: not "
                                          "significantly ahead within the horizon (no longer significantly behind "
                                          "from week 73; the mean crosses 0 for good in week 104); +1.0 features at "
                                          "the end (95% CI -0.6 to +2.6)");
    util_buf_free(&b);
    /* paid back: the interval clears 0 */
    org_payback paid = late;
    paid.week = 80;
    paid.week_late = 90;
    paid.final = 9.0;
    paid.final_low = 4.0;
    paid.final_high = 14.0;
    assert_payback_says(&paid, "; paid back: significantly ahead from week 90 (no longer significantly behind "
                               "from week 73; the mean crosses 0 for good in week 80);");
    /* never significantly behind, dip within the noise, the mean crossing */
    org_payback noise = late;
    noise.week_early = 0;
    noise.dip_high = 0.5;
    assert_payback_says(&noise, "(week 71, within the noise: its 95% CI includes 0); not shown to pay back: not "
                                "significantly ahead within the horizon (never significantly behind; the mean "
                                "crosses 0 for good in week 104)");
}

/* Issue 18 item 1: with a timeline's files beside the results, the deck
 * has the transition chart (its numbers in the notes), the payback chart
 * when charts/payback.csv is there, and a payback page
 * with the terminal report's sentences, after the charts and before the key
 * numbers; without them, neither page. Quoted CSV cells read back. */
static void test_transition_pages(void **state)
{
    (void)state;
    char line[] = "\"a, \"\"b\"\"\",'-1,3,\"'=x\",";
    char *f[8];
    assert_int_equal(charts_csv_split_quoted(line, f, 8), 5);
    assert_string_equal(f[0], "a, \"b\"");
    assert_string_equal(f[1], "'-1");     /* unquoted: as written */
    assert_string_equal(f[2], "3");
    assert_string_equal(f[3], "=x");      /* util_csv's guard taken off */
    assert_string_equal(f[4], "");

    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    assert_no_slide(&cd, "Transition");
    charts_slides sl;
    charts_sink sink;

    util_buf ts = { 0 };
    util_buf_add(&ts, "design,period_start_week,metric,mean,ci95_low,ci95_high\n");
    for (int line_k = 0; line_k < 2; line_k++)
        for (int w = 0; w < 12; w += 4)
            util_buf_add(&ts, "\"True DevOps at on_prem, %s\",%d,features_done,%g,%g,%g\n",
                         line_k ? "staying put" : "with the timeline", w, 3.0 + w, 2.0 + w, 4.0 + w);
    cd.transition_csv = strdup(util_buf_str(&ts));
    cd.payback_csv = strdup(
        "scenario,model,hosting,metric,first_event_week,payback_week,payback_week_early,payback_week_late,dip,dip_week,"
        "dip_ci95_high,detectable,final_gain,final_gain_ci95_low,final_gain_ci95_high,n\n"
        "unit,true_devops,on_prem,features_done_cumulative,4,9,8,10,-2.5,5,-0.5,1,7.25,1.5,13,10\n"
        "unit,my_sre,iaas,features_done_cumulative,4,not_within_horizon,not_within_horizon,not_within_horizon,"
        "-6,11,-2,1,-6,-9,-3,10\n");
    deck_slides(&cd, &sl, &sink);
    assert_int_equal(sink.cut_pages, 0);
    const plot_pptx_slide *chart = slide_titled(&sl, "Transition: features delivered per week");
    assert_non_null(chart);
    assert_non_null(chart->png);
    assert_string_equal(chart->notes, util_buf_str(&ts));
    const plot_pptx_slide *pay = slide_titled(&sl, "Transition: the payback, design by design");
    assert_non_null(pay);
    assert_true(pay == chart + 1);          /* no charts/payback.csv: no payback chart */
    assert_null(slide_titled(&sl, "Transition: does the plan pay back?"));
    assert_true(pay < slide_titled(&sl, "Key numbers"));
    assert_non_null(strstr(pay->bullets, "- True DevOps at On-prem: behind by up to 2.5 features (week 5); paid back: "
                                         "significantly ahead from week 10 (no longer significantly behind from week 8; "
                                         "the mean crosses 0 for good in week 9); +7.2 features at the end (95% CI "
                                         "+1.5 to +13.0).\n"));
    assert_non_null(strstr(pay->bullets, "- my_sre at IaaS: behind by up to 6.0 features (week 11); not paid back "
                                         "within the horizon (significantly behind to the end, not significantly "
                                         "ahead within the horizon); -6.0 features at the end (95% CI -9.0 to "
                                         "-3.0)."));
    /* the executive summary carries the same payback sentences */
    const plot_pptx_slide *sum = slide_titled(&sl, "Executive summary");
    assert_non_null(sum);
    assert_non_null(strstr(sum->bullets, "The transition: the timeline against staying put"));
    assert_non_null(strstr(sum->bullets, "- True DevOps at On-prem: behind by up to 2.5 features (week 5)"));
    assert_non_null(strstr(sum->bullets, "- my_sre at IaaS: behind by up to 6.0 features (week 11)"));
    charts_slides_free(&sl);

    /* with charts/payback.csv: the payback chart between the transition
     * chart and the sentences, its numbers in the notes */
    util_buf pc = { 0 };
    util_buf_add(&pc, "design,week,metric,mean,ci95_low,ci95_high\n");
    for (int w = 3; w < 12; w += 4)
        util_buf_add(&pc, "True DevOps at on_prem,%d,features_done_cumulative,%g,%g,%g\n", w, w - 7.0, w - 9.0,
                     w - 5.0);
    util_buf_add(&pc, "True DevOps at on_prem,13,features_done_cumulative,7.25,1.5,13\n");
    cd.payback_chart_csv = strdup(util_buf_str(&pc));
    deck_slides(&cd, &sl, &sink);
    chart = slide_titled(&sl, "Transition: features delivered per week");
    const plot_pptx_slide *pchart = slide_titled(&sl, "Transition: does the plan pay back?");
    assert_non_null(pchart);
    assert_non_null(pchart->png);
    assert_true(pchart == chart + 1);
    assert_string_equal(pchart->notes, util_buf_str(&pc));
    assert_true(slide_titled(&sl, "Transition: the payback, design by design") == pchart + 1);
    charts_slides_free(&sl);
    /* a charts/payback.csv that is no chart's: no payback chart, the rest stays */
    free(cd.payback_chart_csv);
    cd.payback_chart_csv = strdup("design,week,metric,mean,ci95_low,ci95_high\nx,three,m,1,0,2\n");
    deck_slides(&cd, &sl, &sink);
    assert_null(slide_titled(&sl, "Transition: does the plan pay back?"));
    assert_true(slide_titled(&sl, "Transition: the payback, design by design")
                == slide_titled(&sl, "Transition: features delivered per week") + 1);
    charts_slides_free(&sl);
    util_buf_free(&pc);

    /* a payback.csv of other results: no payback page, the chart stays */
    free(cd.payback_csv);
    cd.payback_csv = strdup("scenario,model,hosting\nunit,nobody,on_prem\n");
    deck_slides(&cd, &sl, &sink);
    assert_non_null(slide_titled(&sl, "Transition: features delivered per week"));
    assert_null(slide_titled(&sl, "Transition: the payback, design by design"));
    assert_null(strstr(slide_titled(&sl, "Executive summary")->bullets, "The transition"));
    charts_slides_free(&sl);
    util_buf_free(&ts);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* Issue 18 item 2: robustness.csv's reruns name every modelling choice that
 * flips a comparison (the fragile first); uncertainty.csv's intervals stand
 * beside the replication-only ones; neither file, no page. */
static void test_sensitivity_page(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    assert_no_slide(&cd, "Sensitivity");
    charts_slides sl;
    charts_sink sink;

    const char *head = "metric,hosting,model_a,model_b,difference,ci95_low,ci95_high,perturbation,factor,"
                       "perturbed_difference,replications,sign_holds,label\n";
    util_buf rb = { 0 };
    util_buf_add(&rb, "%s", head);
    static const char *const pert[3] = { "specialization", "context_gain_per_day", "context_half_life_days" };
    for (int p = 0; p < 3; p++)
        for (int f = 0; f < 2; f++) {
            util_buf_add(&rb, "lead_time_p85_days,iaas,true_devops,my_sre,-2,-2.5,-1.5,%s,%s,-1,2,1,robust\n",
                         pert[p], f ? "1.5" : "0.5");
            util_buf_add(&rb, "nonproduct_fte,on_prem,my_sre,traditional_ops,0.4,0.1,0.7,%s,%s,%s,2,%d,"
                         "fragile: flips when context_gain_per_day ×0.5 (and 1 more)\n", pert[p], f ? "1.5" : "0.5",
                         p > 0 && f == 0 ? "-0.1" : "0.3", !(p > 0 && f == 0));
        }
    cd.robustness_csv = strdup(util_buf_str(&rb));
    cd.uncertainty_csv = strdup("model,hosting,metric,mean,input_ci95_low,input_ci95_high,samples,replications,interval\n"
                                "my_sre,iaas,lead_time_p85_days,3.5,1.25,7.75,20,4,input uncertainty and replication noise\n"
                                "my_sre,iaas,nonproduct_fte,6.5,4.5,9.5,20,4,input uncertainty and replication noise\n");
    util_buf text = { 0 };
    char why[200] = "";
    assert_true(charts_sensitivity_text(&cd, &text, why, sizeof why) > 0);
    const char *t = util_buf_str(&text);
    const char *fragile = strstr(t, "- At On-prem, my_sre against Traditional ops on non-product work (difference +0.4). "
                                    "Fragile: the sign flips in 2 of 6 reruns, when context_gain_per_day ×0.5, "
                                    "context_half_life_days ×0.5. The reruns (2 replications each) put it between -0.1 "
                                    "(context_gain_per_day ×0.5) and +0.3 (specialization ×0.5).\n");
    const char *robust = strstr(t, "- At IaaS, True DevOps against my_sre on p85 lead time (difference -2). Robust: the "
                                   "sign holds in all 6 reruns. The reruns (2 replications each) put it at -1 in every "
                                   "one.\n");
    if (!fragile || !robust)
        print_error("%s\n", t);
    assert_true(fragile && robust && fragile < robust);
    assert_non_null(strstr(t, "3 modelling choices scaled ×0.5 and ×1.5"));
    /* as the headline sentence states it: my_sre does worse (less non-product
     * work is better), so the sentence moves the other way and so does the
     * range of the reruns (robustness.csv's a − b from -0.1 to +0.3) */
    report_cmp head_cmp = { 2, 0, 1, 2, 0.4, 0.1, 0.7, 1, 6.4, 6.0, NULL, 0, "", "" };
    cd.cmp = &head_cmp;
    cd.n_cmp = 1;
    util_buf t2 = { 0 };
    assert_true(charts_sensitivity_text(&cd, &t2, why, sizeof why) > 0);
    assert_non_null(strstr(util_buf_str(&t2), "- At On-prem, moving from my_sre to Traditional ops cuts non-product work "
                                              "from 6.4 to 6 busy FTE (-0.4, 95% CI -0.7 to -0.1). Fragile: the sign "
                                              "flips in 2 of 6 reruns, when context_gain_per_day ×0.5, "
                                              "context_half_life_days ×0.5. The reruns (2 replications each) put it "
                                              "between -0.3 (specialization ×0.5) and +0.1 (context_gain_per_day "
                                              "×0.5).\n"));
    util_buf_free(&t2);
    /* with the same replications' difference without a change (robustness.csv
     * since session 17): the range is set beside it, in the sentence's direction */
    util_buf rb2 = { 0 };
    for (const char *p = util_buf_str(&rb), *e; *p; p = e + 1) {
        e = strchr(p, '\n');
        util_buf_add(&rb2, "%.*s,%s\n", (int)(e - p), p,
                     p == util_buf_str(&rb) ? "same_reps_difference" : !strncmp(p, "lead", 4) ? "-1.5" : "0.35");
    }
    char *old_csv = cd.robustness_csv;
    cd.robustness_csv = (char *)util_buf_str(&rb2);
    assert_true(charts_sensitivity_text(&cd, &t2, why, sizeof why) > 0);
    assert_non_null(strstr(util_buf_str(&t2), "context_half_life_days ×0.5. On the same 2 replications (-0.35 without a "
                                              "change) the reruns put it between -0.3 (specialization ×0.5) and +0.1 "
                                              "(context_gain_per_day ×0.5).\n"));
    assert_non_null(strstr(util_buf_str(&t2), "Robust: the sign holds in all 6 reruns. On the same 2 replications (-1.5 "
                                              "without a change) the reruns put it at -1 in every one.\n"));
    util_buf_free(&t2);
    util_buf_free(&rb2);
    cd.robustness_csv = old_csv;
    cd.cmp = NULL;
    cd.n_cmp = 0;
    /* replication-only intervals are results.json's (0.9 and 1.1 × the mean in the fixture) */
    const charts_cell *c = charts_cell_at(&cd, 1, 1);
    char a[32], b[32], want[200];
    snprintf(want, sizeof want, "- my_sre at IaaS: p85 lead time %s to %s days (replications), 1.3 to 7.8 with the inputs; "
             "non-product work ", charts_fmt(c->lead_p85.low, a, sizeof a), charts_fmt(c->lead_p85.high, b, sizeof b));
    if (!strstr(t, want))
        print_error("want %s\nin %.300s\n", want, strstr(t, "- my_sre at IaaS") ? strstr(t, "- my_sre at IaaS") : t);
    assert_non_null(strstr(t, want));
    assert_non_null(strstr(t, "20 outer samples × 4 replications"));
    assert_non_null(strstr(t, "- True DevOps at On-prem: not in uncertainty.csv.\n"));
    util_buf_free(&text);

    deck_slides(&cd, &sl, &sink);
    assert_int_equal(sink.cut_pages, 0);
    const plot_pptx_slide *sens = slide_titled(&sl, "Sensitivity: what would change the answer");
    assert_non_null(sens);
    assert_true(sens < slide_titled(&sl, "Key numbers"));
    assert_non_null(strstr(sens->bullets, "# Is the answer robust to the modelling choices?"));
    charts_slides_free(&sl);

    /* a robustness.csv of other results: a note, no page from it */
    free(cd.robustness_csv);
    cd.robustness_csv = strdup("metric,hosting,model_a,model_b,difference,perturbation,factor,replications,sign_holds,"
                               "perturbed_difference\nlead_time_p85_days,mars,true_devops,my_sre,-2,x,0.5,2,1,-1\n");
    assert_int_equal(charts_sensitivity_text(&cd, &text, why, sizeof why), -1);
    assert_non_null(strstr(why, "robustness.csv:2: does not fit these results"));
    util_buf_free(&text);
    util_buf_free(&rb);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* fontconfig's caches, released at the group's end like the other chart groups */
static int teardown_group(void **state)
{
    (void)state;
    plot_shutdown();
    return 0;
}

int test_group_deck(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_continues),
        cmocka_unit_test(test_summary_qualifies),
        cmocka_unit_test(test_key_numbers_unsure),
        cmocka_unit_test(test_assumptions_plan),
        cmocka_unit_test(test_cover),
        cmocka_unit_test(test_question_pages),
        cmocka_unit_test(test_key_defaults_flow),
        cmocka_unit_test(test_transition_warmup),
        cmocka_unit_test(test_summary_policy_words),
        cmocka_unit_test(test_payback_sentence),
        cmocka_unit_test(test_transition_pages),
        cmocka_unit_test(test_sensitivity_page),
    };
    return cmocka_run_group_tests_name("deck", tests, NULL, teardown_group);
}
