/* test_charts — the charts of a run (report/charts*.c) on a synthetic results
 * tree: option parsing, colours and labels, every key checked with its JSON
 * path, staffing data from JSON and CSV, the files (PNG size, SVG
 * well-formed, deck page count, CSV beside each chart), identical bytes
 * whatever the order, the threads or the process, nothing written for bad
 * input; and the plots/ additions the charts use (panels, quantile lines,
 * dodged lines) by their geometry in pixels. */
#include "tests/testutil.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cJSON.h>

#include "report/charts.h"
#include "report/charts_label.h"
#include "report/charts_data.h"
#include "report/charts_int.h"
#include "report/charts_platform.h"
#include "report/report_headline.h"
#include "plots/plot.h"
#include "plots/plot_chart.h"
#include "plots/plot_out.h"
#include "plots/plot_panels.h"
#include "tests/test_charts_fx.h"

/* ---- fixtures: tests/test_charts_fx.h ---------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    assert_non_null(test_mkdtemp(tmpdir, sizeof tmpdir, "charts"));
}



static char *path_in(const char *dir, const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}


static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void write_json(const char *path, const cJSON *root)
{
    char *t = cJSON_Print(root);
    assert_non_null(t);
    write_text(path, t);
    free(t);
}

/* Same bytes in both files. */
static void assert_same_file(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    unsigned char *pa = test_read_file(a, &na), *pb = test_read_file(b, &nb);
    if (!pa || !pb || na != nb || memcmp(pa, pb, na) != 0) {
        print_error("%s and %s differ (%zu and %zu bytes)\n", a, b, na, nb);
        free(pa);
        free(pb);
        fail();
    }
    free(pa);
    free(pb);
}

/* Start and end tags balance (a small well-formedness check). */
static int xml_balanced(const char *s)
{
    if (strncmp(s, "<?xml", 5) != 0)
        return 0;
    char stack[64][48];
    int depth = 0, elements = 0;
    for (const char *p = s; (p = strchr(p, '<')) != NULL;) {
        const char *e = strchr(p, '>');
        if (!e)
            return 0;
        if (p[1] == '?' || p[1] == '!') {
            p = e + 1;
            continue;
        }
        int closing = p[1] == '/';
        const char *nm = p + 1 + closing;
        size_t k = strcspn(nm, " />\t\n");
        if (k == 0 || k >= 48)
            return 0;
        if (closing) {
            if (depth == 0 || strncmp(stack[depth - 1], nm, k) != 0 || stack[depth - 1][k] != '\0')
                return 0;
            depth--;
        } else if (e[-1] != '/') {
            if (depth == 64)
                return 0;
            memcpy(stack[depth], nm, k);
            stack[depth++][k] = '\0';
        }
        elements++;
        p = e + 1;
    }
    return depth == 0 && elements > 0;
}



static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* ---- options, colours, labels ------------------------------------------------------ */

static void test_options(void **state)
{
    (void)state;
    unsigned f = 0;
    assert_int_equal(charts_parse_formats("--format", "png,svg", &f), 0);
    assert_int_equal(f, CHARTS_FMT_PNG | CHARTS_FMT_SVG);
    assert_int_equal(charts_parse_formats("--format", "pdf,png,svg", &f), 0);
    assert_int_equal(f, CHARTS_FMT_ALL);
    assert_int_equal(charts_parse_formats("--format", "gif", &f), -1);
    assert_int_equal(charts_parse_formats("--format", "png,,svg", &f), -1);
    assert_int_equal(charts_parse_formats("--format", "", &f), -1);
    assert_int_equal(charts_parse_formats("--format", NULL, &f), -1);
    unsigned o = 0;
    assert_int_equal(charts_parse_only("--only", "staffing,lead_time", &o), 0);
    assert_int_equal(o, (1u << CHARTS_STAFFING) | (1u << CHARTS_LEAD_TIME));
    assert_int_equal(charts_parse_only("--only", "lead_time,lead_time_cdf,time_split,bus_factor,staffing", &o), 0);
    assert_int_equal(o, (1u << CHARTS_N) - 1u);
    assert_int_equal(charts_parse_only("--only", "lead-time", &o), -1);
    for (int i = 0; i < CHARTS_N; i++) {
        assert_int_equal(charts_parse_only("--only", charts_name(i), &o), 0);
        assert_int_equal(o, 1u << i);
    }
}

static void test_colours_and_labels(void **state)
{
    (void)state;
    /* the three presets: fixed, whatever their position; others in order */
    assert_int_equal(charts_model_colour("traditional_ops", 5), PLOT_VERMILLION);
    assert_int_equal(charts_model_colour("devops_team", 0), PLOT_ORANGE);
    assert_int_equal(charts_model_colour("true_devops", 2), PLOT_BLUE);
    assert_int_equal(charts_model_colour("sre", 0), PLOT_SKY_BLUE);
    assert_int_equal(charts_model_colour("platform_x", 1), PLOT_BLUISH_GREEN);
    assert_int_equal(charts_model_colour("hybrid", 2), PLOT_REDDISH_PURPLE);
    assert_string_equal(charts_model_label("true_devops"), "True DevOps");
    assert_string_equal(charts_model_label("my_sre"), "my_sre");
    assert_string_equal(charts_hosting_label("on_prem"), "On-prem");
    assert_string_equal(charts_hosting_label("iaas"), "IaaS");
    assert_string_equal(charts_hosting_label("edge"), "edge");
}

/* ---- reading and checking results ------------------------------------------------------ */

static void test_data_ok(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    util_diags d;
    util_diags_init(&d);
    charts_data cd;
    assert_int_equal(charts_data_from_json(r, "r.json", &cd, &d), 0);
    assert_int_equal(util_diags_count(&d), 0);
    assert_int_equal(cd.n_models, FX_M);
    assert_int_equal(cd.n_hostings, FX_H);
    assert_int_equal(cd.reps, 4);
    assert_string_equal(cd.seed, "7");
    assert_string_equal(cd.scenario, "unit");
    assert_string_equal(cd.central_team[1], "SRE team");
    /* time-share categories: product's, then central's new ones, in order */
    assert_int_equal(cd.n_cats, 4);
    assert_string_equal(cd.cat[0], "product");
    assert_string_equal(cd.cat[1], "nonproduct");
    assert_string_equal(cd.cat[2], "idle");
    assert_string_equal(cd.cat[3], "toil");
    const charts_cell *c = charts_cell_at(&cd, 2, 1);
    assert_near(c->lead_p85.mean, fx_value(2, 1, 0), 1e-12);
    assert_near(c->lead_p85.low, 0.9 * fx_value(2, 1, 0), 1e-12);
    assert_near(c->bus_infra.high, 1.1 * fx_value(2, 1, 2), 1e-12);
    assert_int_equal(c->lead_p85.n, 4);
    assert_near(c->pct[50], 1.0 + 10.0 + 2, 1e-12);
    assert_near(c->share[CHARTS_TEAM_CENTRAL][3], 0.2, 1e-12);
    assert_true(isnan(c->share[CHARTS_TEAM_PRODUCT][3])); /* product teams have no toil metric here */
    assert_string_equal(c->dora[CHARTS_DORA_RESTORE], "low");
    assert_int_equal(cJSON_GetArraySize(charts_cell_at(&cd, 0, 0)->warnings), 1);
    assert_true(isnan(c->staff_central));
    charts_data_free(&cd);
    util_diags_free(&d);
    cJSON_Delete(r);
}

typedef void (*mutate_fn)(cJSON *r);

static cJSON *result_at(cJSON *r, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(r, "results"), i);
}
static void mut_no_results(cJSON *r) { cJSON_DeleteItemFromObject(r, "results"); }
static void mut_mean_string(cJSON *r)
{
    cJSON *e = cJSON_GetObjectItem(cJSON_GetObjectItem(result_at(r, 1), "summary"), "lead_time_p85_days");
    cJSON_ReplaceItemInObject(e, "mean", cJSON_CreateString("x"));
}
static void mut_reps_zero(cJSON *r) { cJSON_ReplaceItemInObject(r, "replications", cJSON_CreateNumber(0)); }
static void mut_model_number(cJSON *r)
{
    cJSON_ReplaceItemInArray(cJSON_GetObjectItem(r, "models"), 0, cJSON_CreateNumber(3));
}
static void mut_unknown_hosting(cJSON *r)
{
    cJSON_ReplaceItemInObject(result_at(r, 0), "hosting", cJSON_CreateString("nowhere"));
}
static void mut_missing_cell(cJSON *r) { cJSON_DeleteItemFromArray(cJSON_GetObjectItem(r, "results"), 8); }
static void mut_duplicate_cell(cJSON *r)
{
    cJSON_ReplaceItemInObject(result_at(r, 1), "hosting", cJSON_CreateString("on_prem"));
}
static void mut_percentiles(cJSON *r)
{
    cJSON_DeleteItemFromArray(cJSON_GetObjectItem(result_at(r, 4), "lead_time_percentiles"), 0);
}
static void mut_dora(cJSON *r) { cJSON_DeleteItemFromObject(cJSON_GetObjectItem(result_at(r, 2), "dora"), "time_to_restore"); }
static void mut_warning_type(cJSON *r)
{
    cJSON_AddItemToArray(cJSON_GetObjectItem(result_at(r, 3), "warnings"), cJSON_CreateTrue());
}
static void mut_program(cJSON *r) { cJSON_ReplaceItemInObject(r, "program", cJSON_CreateString("other")); }
static void mut_no_summary_key(cJSON *r)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(result_at(r, 5), "summary"), "nonproduct_fte");
}

static void test_data_errors(void **state)
{
    (void)state;
    static const struct {
        mutate_fn fn;
        const char *needle;
    } cases[] = {
        { mut_no_results, "$: missing key \"results\"" },
        { mut_mean_string, "$.results[1].summary.lead_time_p85_days.mean: expected a number or null, got \"x\"" },
        { mut_reps_zero, "$.replications: expected an integer >= 1, got 0" },
        { mut_model_number, "$.models[0]: expected an object" },
        { mut_unknown_hosting, "$.results[0].hosting: hosting point \"nowhere\" is not in $.hostings" },
        { mut_missing_cell, "$.results: no result for model \"traditional_ops\" at hosting point \"serverless\"" },
        { mut_duplicate_cell, "$.results[1]: a second result for model \"true_devops\"" },
        { mut_percentiles, "$.results[4].lead_time_percentiles: expected 101 percentiles" },
        { mut_dora, "$.results[2].dora: missing key \"time_to_restore\"" },
        { mut_warning_type, "$.results[3].warnings[0]: expected a string, got true" },
        { mut_program, "$.program: expected \"devopsim\", got \"other\"" },
        { mut_no_summary_key, "$.results[5].summary: missing key \"nonproduct_fte\"" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *r = fx_results();
        cases[i].fn(r);
        util_diags d;
        util_diags_init(&d);
        charts_data cd;
        int rc = charts_data_from_json(r, "bad.json", &cd, &d);
        if (rc != -1 || !util_diags_contains(&d, cases[i].needle)) {
            print_error("case %zu: status %d, want -1 with \"%s\"; first problem: %s\n", i, rc, cases[i].needle,
                        util_diags_first(&d));
            fail();
        }
        assert_string_equal(d.items[0].file, "bad.json");
        util_diags_free(&d);
        cJSON_Delete(r);
    }
    /* not an object at all */
    cJSON *arr = cJSON_CreateArray();
    util_diags d;
    util_diags_init(&d);
    charts_data cd;
    assert_int_equal(charts_data_from_json(arr, "a.json", &cd, &d), -1);
    assert_true(util_diags_contains(&d, "$: expected a results object"));
    util_diags_free(&d);
    cJSON_Delete(arr);
}

/* ---- staffing ---------------------------------------------------------------------- */

static cJSON *fx_staffing(const char *hash)
{
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "scenario_hash", hash);
    cJSON_AddStringToObject(s, "seed_text", "7");
    cJSON *rows = cJSON_AddArrayToObject(s, "rows");
    for (int m = 0; m < FX_M; m++)
        for (int h = 0; h < FX_H; h++)
            for (int t = 0; t < 2; t++) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "model", fx_models[m]);
                cJSON_AddStringToObject(o, "hosting", fx_hostings[h]);
                cJSON_AddStringToObject(o, "team", t ? "product" : "central");
                cJSON_AddNumberToObject(o, "headcount", t ? 20 + m : 5 - h);
                if (m == 2)
                    cJSON_AddNullToObject(o, "total_headcount"); /* out of reach */
                else
                    cJSON_AddNumberToObject(o, "total_headcount", 25 + m - h);
                cJSON_AddItemToArray(rows, o);
            }
    return s;
}

static void test_staffing(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    util_diags d;
    util_diags_init(&d);
    charts_data cd;
    assert_int_equal(charts_data_from_json(r, "r.json", &cd, &d), 0);
    char why[256] = "";

    cJSON *s = fx_staffing("0123456789abcdef");
    assert_int_equal(charts_data_staffing_json(&cd, s, "dir/staffing.json", why, sizeof why, &d), 0);
    assert_true(cd.has_staffing);
    assert_string_equal(cd.staffing_file, "staffing.json"); /* the base name: no path in the charts */
    assert_near(charts_cell_at(&cd, 1, 2)->staff_central, 3, 0);
    assert_near(charts_cell_at(&cd, 1, 2)->staff_total, 24, 0);
    assert_true(isnan(charts_cell_at(&cd, 2, 0)->staff_total));
    assert_false(charts_cell_at(&cd, 1, 2)->staff_marginal);   /* no "cells": nothing marginal */
    /* staffing.json's cells: a marginal answer of either team marks its
     * design; unknown designs and other shapes are skipped */
    cJSON *cells = cJSON_AddArrayToObject(s, "cells");
    for (int i = 0; i < 4; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "model", i == 3 ? "nobody" : fx_models[i % 2]);
        cJSON_AddStringToObject(o, "hosting", fx_hostings[i % FX_H]);
        cJSON_AddBoolToObject(cJSON_AddObjectToObject(o, "central"), "marginal", i == 0 || i == 3);
        cJSON_AddBoolToObject(cJSON_AddObjectToObject(o, "product"), "marginal", i == 1);
        cJSON_AddItemToArray(cells, o);
    }
    cJSON_AddItemToArray(cells, cJSON_CreateString("not a cell"));
    assert_int_equal(charts_data_staffing_json(&cd, s, "dir/staffing.json", why, sizeof why, &d), 0);
    assert_int_equal(charts_cell_at(&cd, 0, 0)->staff_marginal, 1);    /* central marginal: bit 0 */
    assert_int_equal(charts_cell_at(&cd, 1, 1)->staff_marginal, 2);    /* product marginal: bit 1 */
    assert_int_equal(charts_cell_at(&cd, 0, 2)->staff_marginal, 0);    /* neither */
    assert_int_equal(charts_cell_at(&cd, 1, 2)->staff_marginal, 0);
    cJSON_Delete(s);

    /* another version of the scenario: not used, and why */
    cd.has_staffing = 0;
    s = fx_staffing("ffffffffffffffff");
    assert_int_equal(charts_data_staffing_json(&cd, s, "staffing.json", why, sizeof why, &d), 1);
    assert_non_null(strstr(why, "another version of the scenario"));
    assert_false(cd.has_staffing);
    /* a malformed row: an error with its path */
    cJSON_ReplaceItemInObject(s, "scenario_hash", cJSON_CreateString("0123456789abcdef"));
    cJSON_ReplaceItemInObject(cJSON_GetArrayItem(cJSON_GetObjectItem(s, "rows"), 3), "team", cJSON_CreateString("ops"));
    assert_int_equal(charts_data_staffing_json(&cd, s, "staffing.json", why, sizeof why, &d), -1);
    assert_true(util_diags_contains(&d, "$.rows[3].team: expected \"central\" or \"product\""));
    util_diags_clear(&d);
    cJSON_Delete(s);

    /* staffing.csv with the columns */
    const char *hdr = "scenario,model,hosting,team,headcount,p85_days,ci95_low,ci95_high,utilization,"
                      "erlang_c_headcount,total_headcount,cost_per_year,cost_per_feature\n";
    char csv[8192];
    size_t k = (size_t)snprintf(csv, sizeof csv, "%s", hdr);
    for (int m = 0; m < FX_M; m++)
        for (int h = 0; h < FX_H; h++) {
            k += (size_t)snprintf(csv + k, sizeof csv - k, "unit,%s,%s,central,%d,1,1,1,0.5,3,%d,1,1\n",
                                  fx_models[m], fx_hostings[h], 10 + h, 40 + m);
            k += (size_t)snprintf(csv + k, sizeof csv - k, "unit,%s,%s,product,30,1,1,1,0.5,,%d,1,1\n",
                                  fx_models[m], fx_hostings[h], 40 + m);
        }
    assert_int_equal(charts_data_staffing_csv(&cd, csv, "x/staffing.csv", why, sizeof why, &d), 0);
    assert_true(cd.has_staffing);
    assert_near(charts_cell_at(&cd, 2, 2)->staff_central, 12, 0);
    assert_near(charts_cell_at(&cd, 2, 2)->staff_total, 42, 0);
    assert_int_equal(charts_data_staffing_csv(&cd, "scenario,model\nunit,x\n", "s.csv", why, sizeof why, &d), -1);
    assert_true(util_diags_contains(&d, "no column 'hosting'") || strstr(util_diags_first(&d), "hosting"));
    util_diags_clear(&d);
    /* another scenario's file */
    char other[256];
    snprintf(other, sizeof other, "%sother,true_devops,iaas,central,1,1,1,1,1,1,1,1,1\n", hdr);
    assert_int_equal(charts_data_staffing_csv(&cd, other, "s.csv", why, sizeof why, &d), 1);
    /* rows for only some cells: not these results' */
    snprintf(other, sizeof other, "%sunit,true_devops,iaas,central,1,1,1,1,1,1,1,1,1\n", hdr);
    assert_int_equal(charts_data_staffing_csv(&cd, other, "s.csv", why, sizeof why, &d), 1);
    assert_int_equal(util_diags_count(&d), 0);

    charts_data_free(&cd);
    util_diags_free(&d);
    cJSON_Delete(r);
}

/* ---- files ------------------------------------------------------------------------------ */

static const char *const exts[] = { "png", "svg", "pdf", "csv" };

/* Writes the fixture's results.json (+ provenance.json, staffing.json when
 * asked) into dir. */
static void fx_write_dir(const char *dir, int staffing)
{
    mkdir(dir, 0777);
    cJSON *r = fx_results();
    write_json(path_in(dir, "results.json"), r);
    cJSON_Delete(r);
    write_text(path_in(dir, "provenance.json"), "{ \"date\": \"2024-05-01T12:00:00Z\", \"host\": \"x\" }\n");
    if (staffing) {
        cJSON *s = fx_staffing("0123456789abcdef");
        write_json(path_in(dir, "staffing.json"), s);
        cJSON_Delete(s);
    }
}

static void test_files(void **state)
{
    (void)state;
    make_tmpdir();
    char in[256], out[256];
    snprintf(in, sizeof in, "%s/run", tmpdir);
    snprintf(out, sizeof out, "%s/run/charts", tmpdir);
    fx_write_dir(in, 1);
    charts_opts o = { 0 };
    assert_int_equal(charts_write(path_in(in, "results.json"), out, &o), CHARTS_OK);
    char name[64];
    for (int c = 0; c < CHARTS_N; c++)
        for (int e = 0; e < 4; e++) {
            snprintf(name, sizeof name, "%s.%s", charts_name(c), exts[e]);
            if (!file_exists(path_in(out, name))) {
                print_error("missing %s\n", name);
                fail();
            }
        }
    size_t n;
    unsigned char *p = test_read_file(path_in(out, "lead_time.png"), &n);
    assert_non_null(p);
    assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
    unsigned w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
    unsigned h = (unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 | p[23];
    assert_int_equal(w, 1600);
    assert_int_equal(h, 900);
    free(p);
    for (int c = 0; c < CHARTS_N; c++) {
        snprintf(name, sizeof name, "%s.svg", charts_name(c));
        p = test_read_file(path_in(out, name), &n);
        assert_non_null(p);
        if (!xml_balanced((const char *)p)) {
            print_error("%s is not well-formed\n", name);
            fail();
        }
        free(p);
        snprintf(name, sizeof name, "%s.pdf", charts_name(c));
        p = test_read_file(path_in(out, name), &n);
        assert_memory_equal(p, "%PDF-", 5);
        assert_int_equal(test_pdf_pages(p, n), 1);
        free(p);
    }
    /* the deck: title, executive summary, headcount and cost (9 rows), 5 charts,
       1 table page (9 rows), assumptions, warnings */
    p = test_read_file(path_in(out, "deck.pdf"), &n);
    assert_non_null(p);
    assert_int_equal(test_pdf_pages(p, n), 1 + 1 + 1 + CHARTS_N + 1 + 1 + 1);
    assert_true(test_contains(p, n, "(20240501000000")); /* the run day from provenance.json */
    free(p);
    /* CSVs: the header and one row per bar / point drawn */
    p = test_read_file(path_in(out, "lead_time.csv"), &n);
    assert_non_null(strstr((char *)p, "hosting,model,lead_time_p85_days,ci95_low,ci95_high,n,lead_time_mean_days,warnings,unstable\n"));
    int lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += p[i] == '\n';
    assert_int_equal(lines, 1 + FX_M * FX_H);
    assert_non_null(strstr((char *)p, "\non_prem,true_devops,1,0.9,1.1,4,2,1,\n"));
    free(p);
    p = test_read_file(path_in(out, "staffing.csv"), &n);
    assert_non_null(strstr((char *)p, "hosting,model,central_headcount,total_headcount\n"));
    assert_non_null(strstr((char *)p, "\nserverless,my_sre,3,24\n"));
    assert_non_null(strstr((char *)p, "\niaas,traditional_ops,4,\n")); /* out of reach: empty */
    free(p);
    p = test_read_file(path_in(out, "lead_time_cdf.csv"), &n);
    lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += p[i] == '\n';
    assert_int_equal(lines, 1 + FX_M * 101);
    assert_non_null(strstr((char *)p, "\niaas,my_sre,100,72\n")); /* the middle hosting point by default */
    free(p);
    p = test_read_file(path_in(out, "time_split.csv"), &n);
    assert_non_null(strstr((char *)p, "\niaas,true_devops,central,toil,0.2\n"));
    assert_non_null(strstr((char *)p, "\niaas,true_devops,product,product,0.5\n"));
    free(p);
    /* no temporary files left behind */
    DIR *d = opendir(out);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp."));
    closedir(d);
    test_remove_tree(tmpdir);
}

static void test_identical_bytes(void **state)
{
    (void)state;
    make_tmpdir();
    char in[256], a[256], b[256], c[256], t1[256], t2[256];
    snprintf(in, sizeof in, "%s/run", tmpdir);
    snprintf(a, sizeof a, "%s/a", tmpdir);
    snprintf(b, sizeof b, "%s/b", tmpdir);
    snprintf(c, sizeof c, "%s/c", tmpdir);
    snprintf(t1, sizeof t1, "%s/t1", tmpdir);
    snprintf(t2, sizeof t2, "%s/t2", tmpdir);
    fx_write_dir(in, 0);
    const char *res = path_in(in, "results.json");
    charts_opts o1 = { 0 }, o2 = { 0 }, o3 = { 0 };
    o1.jobs = 1;
    o2.jobs = 3;
    o2.only = (1u << CHARTS_N) - 1u;
    /* a subset, in another order, drawn after other charts in this process */
    assert_int_equal(charts_parse_only("--only", "time_split,lead_time", &o3.only), 0);
    assert_int_equal(charts_write(res, a, &o1), CHARTS_OK);
    assert_int_equal(charts_write(res, b, &o2), CHARTS_OK);
    assert_int_equal(charts_write(res, c, &o3), CHARTS_OK);
    /* and on two threads at once */
    int rc1 = -9, rc2 = -9;
#pragma omp parallel sections num_threads(2)
    {
#pragma omp section
        rc1 = charts_write(res, t1, &o1);
#pragma omp section
        rc2 = charts_write(res, t2, &o2);
    }
    assert_int_equal(rc1, CHARTS_OK);
    assert_int_equal(rc2, CHARTS_OK);
    char name[64];
    for (int ch = 0; ch < CHARTS_N; ch++)
        for (int e = 0; e < 4; e++) {
            snprintf(name, sizeof name, "%s.%s", charts_name(ch), exts[e]);
            assert_same_file(path_in(a, name), path_in(b, name));
            assert_same_file(path_in(a, name), path_in(t1, name));
            assert_same_file(path_in(a, name), path_in(t2, name));
            if (ch == CHARTS_LEAD_TIME || ch == CHARTS_TIME_SPLIT)
                assert_same_file(path_in(a, name), path_in(c, name));
            else
                assert_false(file_exists(path_in(c, name)));
        }
    assert_same_file(path_in(a, "deck.pdf"), path_in(b, "deck.pdf"));
    assert_same_file(path_in(a, "deck.pdf"), path_in(t2, "deck.pdf"));
    /* chart PDFs carry the fixed date, not today's */
    size_t n;
    unsigned char *p = test_read_file(path_in(a, "lead_time.pdf"), &n);
    assert_true(test_contains(p, n, "(19700101000000"));
    free(p);
    test_remove_tree(tmpdir);
}

static void test_bad_input_writes_nothing(void **state)
{
    (void)state;
    make_tmpdir();
    char in[256], out[256];
    snprintf(in, sizeof in, "%s/run", tmpdir);
    snprintf(out, sizeof out, "%s/out", tmpdir);
    mkdir(in, 0777);
    charts_opts o = { 0 };
    /* missing, not JSON, wrong structure */
    assert_int_equal(charts_write(path_in(in, "nothing.json"), out, &o), CHARTS_EINPUT);
    write_text(path_in(in, "broken.json"), "{ \"program\": \"devopsim\",\n  \"version\": }\n");
    assert_int_equal(charts_write(path_in(in, "broken.json"), out, &o), CHARTS_EINPUT);
    write_text(path_in(in, "list.json"), "[1, 2, 3]\n");
    assert_int_equal(charts_write(path_in(in, "list.json"), out, &o), CHARTS_EINPUT);
    /* a good results file with a bad staffing file beside it */
    fx_write_dir(in, 0);
    write_text(path_in(in, "staffing.json"), "{ \"rows\": 3 }\n");
    assert_int_equal(charts_write(path_in(in, "results.json"), out, &o), CHARTS_EINPUT);
    unlink(path_in(in, "staffing.json"));
    /* an unknown hosting point for the distribution */
    o.cdf_hosting = "moon";
    assert_int_equal(charts_write(path_in(in, "results.json"), out, &o), CHARTS_EINPUT);
    assert_false(file_exists(out));
    o.cdf_hosting = "serverless";
    o.split_hosting = "on_prem";
    o.formats = CHARTS_FMT_PNG;
    assert_int_equal(charts_write(path_in(in, "results.json"), out, &o), CHARTS_OK);
    assert_true(file_exists(path_in(out, "lead_time.png")));
    assert_false(file_exists(path_in(out, "lead_time.svg")));
    assert_false(file_exists(path_in(out, "deck.pdf"))); /* the deck comes with pdf */
    test_remove_tree(tmpdir);
}

/* ---- plots/ additions, by their pixels ---------------------------------------------------- */

static uint32_t pixel(cairo_surface_t *s, double x, double y)
{
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t v = *(uint32_t *)(void *)(d + (int)y * stride + 4 * (int)x);
    return v & 0xFFFFFFu;
}

static void test_quantile_line_and_dodge(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *cr = cairo_create(s);
    /* quantiles of a uniform 0..100: the line passes through (50, 50%) */
    double q[101];
    for (int k = 0; k <= 100; k++)
        q[k] = k;
    plot_series se = { 0 };
    se.name = "u";
    se.colour = PLOT_BLUE;
    se.values = q;
    se.n_values = 101;
    plot_chart c;
    plot_chart_init(&c, PLOT_ECDF);
    c.series = &se;
    c.n_series = 1;
    c.ecdf_quantiles = 1;
    c.x_min = 0;
    c.x_max = 80; /* fixed: the line stops at the axis end */
    plot_layout L;
    assert_int_equal(plot_chart_draw(cr, 1600, 900, &c), 0);
    assert_int_equal(plot_chart_layout(cr, 1600, 900, &c, &L), 0);
    assert_int_equal(pixel(s, plot_layout_value_x(&L, 50), plot_layout_value_y(&L, 0.5)), PLOT_BLUE);
    assert_int_equal(pixel(s, plot_layout_value_x(&L, 25), plot_layout_value_y(&L, 0.25)), PLOT_BLUE);
    /* a step function would put (50, 50%) on a corner, not (25.5, 25.5%) on the line */
    assert_int_equal(pixel(s, plot_layout_value_x(&L, 25.5), plot_layout_value_y(&L, 0.255)), PLOT_BLUE);
    /* beyond the fixed axis: nothing drawn */
    assert_int_not_equal(pixel(s, L.px1 + 6, plot_layout_value_y(&L, 0.85)), PLOT_BLUE);

    /* dodged lines: equal values stay side by side */
    double v1[3] = { 2, 2, 2 }, v2[3] = { 2, 2, 2 };
    const char *cats[3] = { "a", "b", "c" };
    plot_series ls[2] = { { 0 }, { 0 } };
    ls[0].name = "one";
    ls[0].colour = PLOT_ORANGE;
    ls[0].values = v1;
    ls[1].name = "two";
    ls[1].colour = PLOT_BLUE;
    ls[1].values = v2;
    plot_chart_init(&c, PLOT_LINES);
    c.categories = cats;
    c.n_categories = 3;
    c.series = ls;
    c.n_series = 2;
    c.lines_dodge = 0.1;
    assert_int_equal(plot_chart_draw(cr, 1600, 900, &c), 0);
    assert_int_equal(plot_chart_layout(cr, 1600, 900, &c, &L), 0);
    double y = plot_layout_value_y(&L, 2), dx = 0.05 * L.band;
    assert_int_equal(pixel(s, L.cat_x[1] - dx, y), PLOT_ORANGE); /* marker centres */
    assert_int_equal(pixel(s, L.cat_x[1] + dx, y), PLOT_BLUE);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void test_panels(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *cr = cairo_create(s);
    double v[2][3] = { { 1, 2, 3 }, { 30, 20, 10 } };
    const char *cats[3] = { "On-prem", "IaaS", "Serverless" };
    plot_series se[2][1] = { { { 0 } }, { { 0 } } };
    plot_chart pc[2];
    for (int k = 0; k < 2; k++) {
        se[k][0].name = "model";
        se[k][0].colour = PLOT_VERMILLION;
        se[k][0].values = v[k];
        plot_chart_init(&pc[k], PLOT_LINES);
        pc[k].categories = cats;
        pc[k].n_categories = 3;
        pc[k].series = se[k];
        pc[k].n_series = 1;
        pc[k].title = "ignored";
    }
    const char *headings[2] = { "Central team", "Total" };
    plot_panels p = { 0 };
    p.title = "Two panels";
    p.subtitle = "Scenario x";
    p.caption = "A caption";
    p.panels = pc;
    p.headings = headings;
    p.n_panels = 2;
    p.legend = se[0];
    p.n_legend = 1;
    p.legend_kind = PLOT_LINES;
    assert_int_equal(plot_panels_draw(cr, 1600, 900, &p), 0);
    double r0[4], r1[4];
    assert_int_equal(plot_panels_rect(cr, 1600, 900, &p, 0, r0), 0);
    assert_int_equal(plot_panels_rect(cr, 1600, 900, &p, 1, r1), 0);
    assert_near(r0[0], 0, 1e-9);
    assert_near(r0[2], 800, 1e-9);
    assert_near(r1[0], 800, 1e-9);
    assert_near(r0[1], r1[1], 1e-9);
    assert_true(r0[1] > 100 && r0[1] + r0[3] < 880); /* below the title block, above the caption */
    /* each panel's line where its own layout says */
    for (int k = 0; k < 2; k++) {
        const double *r = k ? r1 : r0;
        plot_chart c = pc[k];
        c.title = NULL;
        c.legend = PLOT_LEGEND_NONE;
        c.font_scale = 1.0;
        plot_layout L;
        assert_int_equal(plot_chart_layout(cr, r[2], r[3], &c, &L), 0);
        assert_int_equal(pixel(s, r[0] + L.cat_x[1], r[1] + plot_layout_value_y(&L, v[k][1])), PLOT_VERMILLION);
    }
    assert_int_equal(plot_panels_rect(cr, 1600, 900, &p, 2, r0), PLOT_EINVAL);
    p.n_panels = 0;
    assert_int_equal(plot_panels_draw(cr, 1600, 900, &p), PLOT_EINVAL);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static int teardown_group(void **state)
{
    (void)state;
    plot_shutdown();
    return 0;
}


/* ---- issue 18: unstable designs, labels, marks ------------------------------------------ */

/* Sets summary.key of result (m, h) to mean (creating it). */
static void fx_set(cJSON *r, int m, int h, const char *key, double mean)
{
    cJSON *sum = cJSON_GetObjectItem(result_at(r, m * FX_H + h), "summary");
    cJSON_DeleteItemFromObjectCaseSensitive(sum, key);
    cJSON *e = cJSON_AddObjectToObject(sum, key);
    cJSON_AddNumberToObject(e, "mean", mean);
    cJSON_AddNumberToObject(e, "ci95_low", mean);
    cJSON_AddNumberToObject(e, "ci95_high", mean);
    cJSON_AddNumberToObject(e, "n", 4);
}

/* Pixels of colour inside [x0, x1] x [y0, y1]. */
static int count_colour(cairo_surface_t *s, double x0, double y0, double x1, double y1, uint32_t colour)
{
    int n = 0;
    for (int y = (int)y0; y <= (int)y1; y++)
        for (int x = (int)x0; x <= (int)x1; x++)
            n += pixel(s, x, y) == colour;
    return n;
}

/* Without staffing targets the staffing chart shows non-product work across
 * the hosting points as lines; with one hosting point a line is a lone dot,
 * so it is drawn as bars with whiskers and titled for that point (session
 * 14, acme-transition). */
static void test_nonproduct_one_hosting(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    assert_false(cd.has_staffing);
    for (int one = 0; one < 2; one++) {
        if (one)
            cd.n_hostings = 1;      /* the first hosting point alone (cells keep their stride-1 prefix) */
        charts_one *o = charts_one_new(&cd, CHARTS_STAFFING, 0);
        assert_non_null(o);
        const plot_chart *c = charts_one_chart(o, 0);
        assert_int_equal(c->kind, one ? PLOT_BARS : PLOT_LINES);
        assert_int_equal((int)c->n_categories, one ? 1 : FX_H);
        if (one)
            assert_non_null(strstr(c->title, "Non-product engineering work at "));
        else
            assert_non_null(strstr(c->title, "across the hosting continuum"));
        assert_non_null(c->series[0].low);  /* its interval: whiskers or band */
        charts_one_free(o);
    }
    cd.n_hostings = FX_H;
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* A design whose queue grows without bound is a hatched marker at the axis
 * top, not a bar: the axis is not stretched to its 1000 days, the marker is
 * there (its colour's edges and hatching), the CSV gives the reason, and
 * the stable bars are still drawn where their values say. */
static void test_unstable_marker(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    fx_set(r, 0, 1, "utilization_central", 1.0);
    fx_set(r, 0, 1, "lead_time_p85_days", 1000.0);
    fx_set(r, 2, 0, "features_unfinished", 30.0);
    fx_set(r, 2, 0, "features_done", 70.0);
    charts_data cd;
    fx_data(r, &cd);
    assert_true(charts_cell_at(&cd, 0, 1)->unstable);
    assert_non_null(strstr(charts_cell_at(&cd, 0, 1)->unstable_why, "central team at 100%"));
    assert_true(charts_cell_at(&cd, 2, 0)->unstable);
    assert_non_null(strstr(charts_cell_at(&cd, 2, 0)->unstable_why, "30% of features unfinished"));
    assert_false(charts_cell_at(&cd, 1, 1)->unstable);

    charts_one *o = charts_one_new(&cd, CHARTS_LEAD_TIME, 0);
    assert_non_null(o);
    const char *csv = charts_one_csv(o);
    if (!strstr(csv, "\niaas,true_devops,1000,1000,1000,4,2.5,0,queue grows: central team at 100%\n"))
        print_error("%s", csv);
    assert_non_null(strstr(csv, "\niaas,true_devops,1000,1000,1000,4,2.5,0,queue grows: central team at 100%\n"));
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(charts_one_draw(cr, 1600, 900, o), 0);
    const plot_chart *c = charts_one_chart(o, 0);
    plot_layout L;
    assert_int_equal(plot_chart_layout(cr, 1600, 900, c, &L), 0);
    /* the axis ends near the stable values (at most 20 days), far below 1000 */
    assert_true(plot_layout_value_y(&L, 20.0) <= L.py0 + 1.0);
    assert_true(plot_layout_value_y(&L, 1000.0) < L.py0 - 1000.0);
    double xl, xr;
    plot_layout_bar_span(&L, c, 1, 0, &xl, &xr);
    int marker = count_colour(s, xl, L.py0, xr, L.py0 + 0.2 * (L.py1 - L.py0), c->series[0].colour);
    int area = (int)((xr - xl) * 0.2 * (L.py1 - L.py0));
    assert_true(marker > area / 10);   /* hatched: a good share in the model's colour … */
    assert_true(marker < area * 9 / 10); /* … but not a solid bar */
    /* nothing of it near the baseline: no bar */
    assert_int_equal(count_colour(s, xl + 2, L.py1 - 20, xr - 2, L.py1 - 2, c->series[0].colour), 0);
    /* a stable bar, drawn to its value within 1 px */
    plot_layout_bar_span(&L, c, 1, 1, &xl, &xr);
    double top = plot_layout_value_y(&L, charts_cell_at(&cd, 1, 1)->lead_p85.mean);
    assert_int_equal(pixel(s, xl + 3, top + 1.5), c->series[1].colour);
    assert_int_not_equal(pixel(s, xl + 3, top - 1.5), c->series[1].colour);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    charts_one_free(o);

    /* the headline never compares against an unstable design, and counts it */
    report_cmp cmp[2] = {
        { 0, 1, 0, 1, -990.0, -995.0, -985.0, 1, 1000.0, 10.0, NULL, 0, "", "" }, /* true_devops (unstable) vs my_sre at iaas */
        { 0, 1, 1, 2, -1.0, -1.5, -0.5, 1, 10.0, 11.0, NULL, 0, "", "" },
    };
    unsigned char unstable[FX_M * FX_H] = { 0 };
    unstable[0 * FX_H + 1] = 1;
    int skipped = 0;
    assert_int_equal(report_headline_pick(cmp, 2, 0, NULL, FX_H, NULL), 0); /* without: the larger one */
    assert_int_equal(report_headline_pick(cmp, 2, 0, unstable, FX_H, &skipped), 1);
    assert_int_equal(skipped, 1);
    char line[512];
    const char *names[3] = { "A", "B", "C" }, *hosts[3] = { "X", "Y", "Z" };
    report_headline_text(&cmp[1], names, hosts, 24.0, line, sizeof line);
    assert_string_equal(line, "At Y, moving from C to B cuts p85 lead time from 11 to 10 days (-1, 95% CI -1.5 to -0.5).");
    /* the change policy named when the two designs differ in it, in the sentence's direction */
    const char *pol[3] = { "windows", "on_demand", "board" }, *same[3] = { "p", "p", "p" }, *none[3] = { "", "", "" };
    char note[128];
    assert_int_equal(report_headline_policy_note(&cmp[1], pol, note, sizeof note), 1);
    assert_string_equal(note, "the change policy changes too, from board to on_demand");
    assert_int_equal(report_headline_policy_note(&cmp[1], same, note, sizeof note), 0);
    assert_string_equal(note, "");
    assert_int_equal(report_headline_policy_note(&cmp[1], none, note, sizeof note), 0);
    assert_int_equal(report_headline_policy_note(&cmp[1], NULL, note, sizeof note), 0);
    /* from 1,000 on, three significant digits with thousands separators, not
     * "1.13e+03" (large-enterprise's deck) */
    report_cmp big = { 2, 0, 2, 0, -496.2, -524.4, -467.9, 1, 631.3, 1127.4, NULL, 0, "", "" };
    report_headline_text(&big, names, hosts, 24.0, line, sizeof line);
    assert_string_equal(line, "At X, moving from A to C cuts non-product work from 1,130 to 631 busy FTE (-496, 95% CI -524 to -468).");
    report_cmp huge = { 2, 2, 1, 0, 1999.7, 999.6, 12345.6, 1, 25000.0, 23000.3, NULL, 0, "", "" };
    report_headline_text(&huge, names, hosts, 24.0, line, sizeof line);
    assert_string_equal(line, "At Z, moving from B to A cuts non-product work from 25,000 to 23,000 busy FTE (-2,000, 95% CI "
                              "-12,300 to -1,000).");
    /* a time to restore under 2 days reads in hours (enterprise's summary
     * said "from 0.854 to 0.0498 days"): calendar hours with the calendar
     * clock, working hours without; from 2 days on, or without a factor,
     * in days */
    report_cmp ttr = { 4, 0, 2, 0, -0.8042, -0.821, -0.788, 1, 0.0498, 0.854, NULL, 0, "", "" };
    report_headline_text(&ttr, names, hosts, 24.0, line, sizeof line);
    assert_string_equal(line, "At X, moving from A to C cuts time to restore (p50) from 20.5 to 1.2 hours "
                              "(-19.3, 95% CI -19.7 to -18.9).");
    report_headline_text(&ttr, names, hosts, 8.0, line, sizeof line);
    assert_string_equal(line, "At X, moving from A to C cuts time to restore (p50) from 6.83 to 0.398 hours "
                              "(-6.43, 95% CI -6.57 to -6.3).");
    report_headline_text(&ttr, names, hosts, 0.0, line, sizeof line);
    assert_string_equal(line, "At X, moving from A to C cuts time to restore (p50) from 0.854 to 0.0498 days "
                              "(-0.804, 95% CI -0.821 to -0.788).");
    ttr.mean_b = 2.5;
    ttr.mean = ttr.mean_a - ttr.mean_b;
    report_headline_text(&ttr, names, hosts, 24.0, line, sizeof line);
    assert_non_null(strstr(line, "from 2.5 to 0.0498 days"));
    /* the factor the deck uses: 24 when the results have calendar hours */
    assert_near(cd.restore_hours, cd.hours_per_day, 0.0);
    charts_data_free(&cd);
    cJSON *res0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "results"), 0);
    cJSON *sum0 = cJSON_GetObjectItemCaseSensitive(res0, "summary");
    cJSON *cal = cJSON_CreateObject();
    cJSON_AddNumberToObject(cal, "mean", 1.2);
    cJSON_AddNumberToObject(cal, "ci95_low", 1.0);
    cJSON_AddNumberToObject(cal, "ci95_high", 1.4);
    cJSON_AddNumberToObject(cal, "n", 4);
    cJSON_AddItemToObject(sum0, "time_to_restore_p50_hours", cal);
    fx_data(r, &cd);
    assert_near(cd.restore_hours, 24.0, 0.0);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* A headline that reverses elsewhere says where (enterprise's deck: "at
 * Serverless, moving from True DevOps to Traditional ops raises the bus
 * factor" while True DevOps is ahead from on-prem to containers): only
 * significant differences of the same pair and metric in the opposite
 * direction count, in either order of the pair, never at an unstable design
 * or the pick's own hosting point, in hosting order. */
static void test_headline_reversals(void **state)
{
    (void)state;
    const char *hosts[4] = { "W", "X", "Y", "Z" };
    report_cmp cmp[] = {
        { 1, 3, 0, 1, 1.14, 1.11, 1.18, 1, 1.89, 0.75, NULL, 0, "", "" },     /* Z: a − b > 0 */
        { 1, 0, 0, 1, -2.35, -2.42, -2.28, 1, 2.0, 4.35, NULL, 0, "", "" },   /* W: a − b < 0, significant */
        { 1, 2, 1, 0, 0.66, 0.60, 0.73, 1, 3.0, 2.34, NULL, 0, "", "" },      /* Y: pair swapped: a − b = −0.66 */
        { 1, 1, 0, 1, -0.30, -0.70, 0.10, 0, 2.0, 2.3, NULL, 0, "", "" },     /* X: a − b < 0, not significant */
        { 0, 0, 0, 1, 5.0, 4.0, 6.0, 1, 10.0, 5.0, NULL, 0, "", "" },         /* another metric at W */
        { 1, 0, 0, 2, -3.0, -4.0, -2.0, 1, 1.0, 4.0, NULL, 0, "", "" },       /* another pair at W */
    };
    int n = (int)(sizeof cmp / sizeof cmp[0]);
    char buf[200];
    /* the pick at Z: reversed at W and (pair swapped) at Y; X is not significant */
    assert_int_equal(report_headline_reversals(cmp, n, 0, NULL, 4, hosts, buf, sizeof buf), 2);
    assert_string_equal(buf, "the opposite holds, significantly, at W and Y");
    /* model 1 unstable at W: that reversal is no steady state, left out */
    unsigned char unstable[3 * 4] = { 0 };
    unstable[1 * 4 + 0] = 1;
    assert_int_equal(report_headline_reversals(cmp, n, 0, unstable, 4, hosts, buf, sizeof buf), 1);
    assert_string_equal(buf, "the opposite holds, significantly, at Y");
    /* the pick at W: only Z goes the other way */
    assert_int_equal(report_headline_reversals(cmp, n, 1, NULL, 4, hosts, buf, sizeof buf), 1);
    assert_string_equal(buf, "the opposite holds, significantly, at Z");
    /* X significant the other way, Y too: three read as a list, in hosting order */
    cmp[3] = (report_cmp){ 1, 1, 0, 1, 0.40, 0.10, 0.70, 1, 2.4, 2.0, NULL, 0, "", "" };
    cmp[2].mean = -0.66;
    assert_int_equal(report_headline_reversals(cmp, n, 1, NULL, 4, hosts, buf, sizeof buf), 3);
    assert_string_equal(buf, "the opposite holds, significantly, at X, Y and Z");
    /* every other hosting point the same way: nothing */
    cmp[0].mean = -1.14;
    cmp[2].mean = 0.66;
    cmp[3].mean = -0.40;
    assert_int_equal(report_headline_reversals(cmp, n, 1, NULL, 4, hosts, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* no room: cut, never past the buffer; no pick: nothing */
    cmp[0].mean = 1.14;
    char tiny[8];
    assert_int_equal(report_headline_reversals(cmp, n, 1, NULL, 4, hosts, tiny, sizeof tiny), 1);
    assert_int_equal(strlen(tiny), 7);
    assert_int_equal(report_headline_reversals(cmp, n, -1, NULL, 4, hosts, buf, sizeof buf), 0);
}

/* A majority pick can still hold at few hosting points: timeseries-feature's
 * bus factor is significant at PaaS and Serverless only, not significant
 * (and the other way) from on-prem to containers. Under half: the sentence
 * says where it holds; half or more, or an unstable point out of the count:
 * nothing. */
static void test_headline_support(void **state)
{
    (void)state;
    const char *hosts[6] = { "U", "V", "W", "X", "Y", "Z" };
    report_cmp cmp[] = {
        { 1, 5, 0, 1, 1.0, 0.8, 1.2, 1, 2.0, 1.0, NULL, 0, "", "" },      /* Z: the pick */
        { 1, 4, 1, 0, -0.9, -1.1, -0.7, 1, 1.1, 2.0, NULL, 0, "", "" },   /* Y: pair swapped, the same way */
        { 1, 0, 0, 1, -0.1, -0.3, 0.1, 0, 2.0, 2.1, NULL, 0, "", "" },    /* U..X: not significant */
        { 1, 1, 0, 1, -0.1, -0.3, 0.1, 0, 2.0, 2.1, NULL, 0, "", "" },
        { 1, 2, 0, 1, 0.1, -0.1, 0.3, 0, 2.1, 2.0, NULL, 0, "", "" },
        { 1, 3, 0, 1, -0.2, -0.4, 0.0, 0, 2.0, 2.2, NULL, 0, "", "" },
        { 0, 0, 0, 1, 5.0, 4.0, 6.0, 1, 10.0, 5.0, NULL, 0, "", "" },     /* another metric: not counted */
    };
    int n = (int)(sizeof cmp / sizeof cmp[0]);
    char buf[200];
    assert_int_equal(report_headline_pick(cmp, n, 1, NULL, 6, NULL), 0);
    assert_int_equal(report_headline_support(cmp, n, 0, NULL, 6, hosts, buf, sizeof buf), 2);
    assert_string_equal(buf, "it holds, significantly, only at Y and Z (2 of 6 hosting points)");
    /* U and V unstable: 2 of 4, half: no note */
    unsigned char unstable[2 * 6] = { 0 };
    unstable[0 * 6 + 0] = unstable[1 * 6 + 1] = 1;
    assert_int_equal(report_headline_support(cmp, n, 0, unstable, 6, hosts, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* W significant the same way too: 3 of 6, half: no note */
    cmp[4].significant = 1;
    assert_int_equal(report_headline_support(cmp, n, 0, NULL, 6, hosts, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* only the pick: "only at Z (1 of 6 …)" */
    cmp[4].significant = 0;
    cmp[1].significant = 0;
    assert_int_equal(report_headline_support(cmp, n, 0, NULL, 6, hosts, buf, sizeof buf), 1);
    assert_string_equal(buf, "it holds, significantly, only at Z (1 of 6 hosting points)");
    assert_int_equal(report_headline_support(cmp, n, -1, NULL, 6, hosts, buf, sizeof buf), 0);
}

/* The time split's bars say how many people they are, and when the run
 * changes that: startup-growth's "Ops team (0)" showed a team of three
 * hires busy at 99%, and acme's "DevOps team (9)" three people after the
 * timeline's moves. Teams that start later, the timeline's hires and moves
 * (between product teams: no change) and the hiring rule's hires count. */
static void test_team_size_label(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    cJSON *scen = cJSON_GetObjectItemCaseSensitive(r, "scenario_file");
    cJSON_AddItemToObject(scen, "teams", cJSON_Parse("[{\"name\": \"core\", \"size\": 5},"
                                                     " {\"name\": \"growth\", \"size\": 4, \"starts_day\": 125}]"));
    cJSON_AddItemToObject(scen, "product_teams", cJSON_Parse("{\"count\": 0}"));
    cJSON_AddItemToObject(scen, "central_team", cJSON_Parse("{\"size\": 9}"));
    charts_data cd;
    char buf[40];
    fx_data(r, &cd);
    assert_int_equal(charts__team_size_label(&cd, NULL, 1, buf, sizeof buf), 1);
    assert_string_equal(buf, " (5\xc2\xa0\xe2\x86\x92\xc2\xa0" "9)");
    assert_int_equal(charts__team_size_label(&cd, NULL, 0, buf, sizeof buf), 0);
    assert_string_equal(buf, " (9)");
    charts_data_free(&cd);
    /* the timeline: six move from central to product teams, two hired into
     * central, one moves between product teams (no change) */
    cJSON_AddItemToObject(scen, "timeline", cJSON_Parse(
        "[{\"week\": 70, \"do\": \"move\", \"from\": \"central\", \"to\": \"core\", \"count\": 6},"
        " {\"week\": 71, \"do\": \"hire\", \"team\": \"central\", \"count\": 2},"
        " {\"week\": 72, \"do\": \"move\", \"from\": \"core\", \"to\": \"growth\", \"count\": 1},"
        " {\"week\": 73, \"do\": \"model\", \"model\": \"true_devops\"}]"));
    fx_data(r, &cd);
    assert_int_equal(charts__team_size_label(&cd, NULL, 1, buf, sizeof buf), 1);
    assert_string_equal(buf, " (5\xc2\xa0\xe2\x86\x92\xc2\xa0" "15)");
    assert_int_equal(charts__team_size_label(&cd, NULL, 0, buf, sizeof buf), 1);
    assert_string_equal(buf, " (9\xc2\xa0\xe2\x86\x92\xc2\xa0" "5)");
    /* the model switch: the central team ends as true_devops's (acme's
     * "DevOps team (9 → 3)" was a platform team after week 70) */
    char name[64];
    assert_string_equal(cd.end_central_name, "platform team");
    for (int m = 0; m < cd.n_models; m++) {
        int renamed = charts__central_bar_name(&cd, m, name, sizeof name);
        assert_int_equal(renamed, strcmp(cd.central_team[m], "platform team") != 0);
        if (renamed)
            assert_non_null(strstr(name, " \xe2\x86\x92 platform team"));
    }
    charts_data_free(&cd);
    /* the latest switch counts, whatever the file's order; a scenario's own
     * model names its team */
    cJSON_AddItemToObject(scen, "models", cJSON_Parse("[{\"name\": \"my_sre\", \"central_name\": \"SRE team\"}]"));
    cJSON *tl = cJSON_GetObjectItemCaseSensitive(scen, "timeline");
    cJSON_AddItemToArray(tl, cJSON_Parse("{\"day\": 400, \"do\": \"model\", \"model\": \"my_sre\"}"));
    cJSON_AddItemToArray(tl, cJSON_Parse("{\"week\": 75, \"do\": \"model\", \"model\": \"traditional_ops\"}"));
    fx_data(r, &cd);
    assert_string_equal(cd.end_central_name, "SRE team");
    assert_int_equal(charts__central_bar_name(&cd, 0, name, sizeof name), 1);
    char want[96];
    snprintf(want, sizeof want, "%c%s \xe2\x86\x92 SRE team", toupper((unsigned char)cd.central_team[0][0]),
             cd.central_team[0] + 1);
    assert_string_equal(name, want);
    charts_data_free(&cd);
    cJSON_DeleteItemFromObjectCaseSensitive(scen, "models");
    /* the hiring rule: at most three more, "up to", when the results do not
     * count its hires (older files) */
    cJSON_DeleteItemFromObjectCaseSensitive(scen, "timeline");
    cJSON_ReplaceItemInObjectCaseSensitive(scen, "central_team", cJSON_Parse("{\"size\": 0}"));
    cJSON_AddItemToObject(scen, "hiring_rule", cJSON_Parse("{\"central_when_share_above\": 0.2, \"max_hires\": 3}"));
    fx_data(r, &cd);
    assert_true(isnan(cd.cells[0].rule_hires));
    assert_int_equal(charts__team_size_label(&cd, &cd.cells[0], 0, buf, sizeof buf), 3);
    assert_string_equal(buf, " (0\xc2\xa0\xe2\x86\x92\xc2\xa0up\xc2\xa0to\xc2\xa0" "3)");
    charts_data_free(&cd);
    /* when they count them (central_rule_hires), the bar says what its
     * design hired: startup-growth's "Ops team (0 → up to 3)" read the same
     * for designs that hired none and all three */
    static const double made[] = { 2.4, 3.0, 0.0, 0.96 };
    static const char *const want_label[] = { "2.4)", "3)", NULL, "1)" };
    cJSON *results = cJSON_GetObjectItemCaseSensitive(r, "results");
    for (int k = 0; k < 4; k++) {
        cJSON *sum = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(results, k), "summary");
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "mean", made[k]);
        cJSON_AddNumberToObject(e, "n", 4);
        cJSON_AddItemToObject(sum, "central_rule_hires", e);
    }
    fx_data(r, &cd);
    for (int k = 0; k < 4; k++) {
        const charts_cell *c = charts_cell_at(&cd, k / cd.n_hostings, k % cd.n_hostings);
        assert_near(c->rule_hires, made[k], 0.0);
        int got = charts__team_size_label(&cd, c, 0, buf, sizeof buf);
        if (!want_label[k]) {
            assert_int_equal(got, 0);
            assert_string_equal(buf, " (0)");
            continue;
        }
        char expect[40];
        snprintf(expect, sizeof expect, " (0\xc2\xa0\xe2\x86\x92\xc2\xa0%s", want_label[k]);
        assert_int_equal(got, 5);
        assert_string_equal(buf, expect);
    }
    /* the product teams' bars do not count the central team's hires */
    assert_int_equal(charts__team_size_label(&cd, charts_cell_at(&cd, 0, 0), 1, buf, sizeof buf), 1);
    assert_string_equal(buf, " (5\xc2\xa0\xe2\x86\x92\xc2\xa0" "9)");
    charts_data_free(&cd);
    /* a rule that never fires (threshold 0) adds nothing; no scenario: no size */
    cJSON_ReplaceItemInObjectCaseSensitive(scen, "hiring_rule", cJSON_Parse("{\"central_when_share_above\": 0, \"max_hires\": 3}"));
    fx_data(r, &cd);
    assert_int_equal(charts__team_size_label(&cd, NULL, 0, buf, sizeof buf), 0);
    assert_string_equal(buf, " (0)");
    charts_data_free(&cd);
    cJSON_DeleteItemFromObjectCaseSensitive(r, "scenario_file");
    fx_data(r, &cd);
    assert_int_equal(charts__team_size_label(&cd, NULL, 1, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* The headline goes the way most hosting points go: enterprise's bus-factor
 * sentence led with Serverless, where Traditional ops is ahead, while True
 * DevOps is ahead at four hosting points. A comparison whose direction the
 * same pair reverses, significantly, at more hosting points than it holds
 * (its own included) is not picked; a tie keeps the largest; a reversal at
 * an unstable design or a non-significant one is no vote. */
static void test_headline_majority(void **state)
{
    (void)state;
    report_cmp cmp[] = {
        { 1, 3, 0, 1, 1.14, 1.11, 1.18, 1, 1.89, 0.75, NULL, 0, "", "" },     /* Z: a ahead, the largest (0.60) */
        { 1, 0, 0, 1, -2.35, -2.42, -2.28, 1, 2.0, 4.35, NULL, 0, "", "" },   /* W: b ahead (0.54) */
        { 1, 2, 1, 0, 0.66, 0.60, 0.73, 1, 3.0, 2.34, NULL, 0, "", "" },      /* Y: b ahead, pair swapped (0.22) */
        { 0, 1, 0, 1, 9.0, 8.0, 10.0, 1, 10.0, 1.0, NULL, 0, "", "" },        /* another metric: no vote */
    };
    int n = (int)(sizeof cmp / sizeof cmp[0]);
    /* Z is one against two: W, the largest of the majority */
    assert_int_equal(report_headline_pick(cmp, n, 1, NULL, 4, NULL), 1);
    /* Y unstable: one against one, the largest */
    unsigned char unstable[3 * 4] = { 0 };
    unstable[1 * 4 + 2] = 1;
    int skipped = 0;
    assert_int_equal(report_headline_pick(cmp, n, 1, unstable, 4, &skipped), 0);
    assert_int_equal(skipped, 1);
    /* Y not significant: the same */
    cmp[2].significant = 0;
    assert_int_equal(report_headline_pick(cmp, n, 1, NULL, 4, NULL), 0);
    /* Y significant the way Z goes: two against one */
    cmp[2].significant = 1;
    cmp[2].mean = -0.66;
    assert_int_equal(report_headline_pick(cmp, n, 1, NULL, 4, NULL), 0);
}

/* Every page's subtitle says when the designs change during the run (a
 * timeline): the acme deck named "DevOps team at IaaS" on every page while
 * the organisation became True DevOps on containers halfway through. */
static void test_subtitle_timeline(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    util_diags d;
    util_diags_init(&d);
    assert_int_equal(charts_data_from_json(r, "r.json", &cd, &d), 0);
    char sub[256];
    charts_subtitle(&cd, sub, sizeof sub);
    assert_null(strstr(sub, "timeline"));
    cJSON *scen = cJSON_GetObjectItemCaseSensitive(r, "scenario_file");
    cJSON *tl = cJSON_AddArrayToObject(scen, "timeline");
    charts_subtitle(&cd, sub, sizeof sub);
    assert_null(strstr(sub, "timeline"));       /* an empty timeline changes nothing */
    cJSON_AddItemToArray(tl, cJSON_Parse("{ \"week\": 70, \"do\": \"model\", \"model\": \"true_devops\" }"));
    charts_subtitle(&cd, sub, sizeof sub);
    assert_non_null(strstr(sub, " \xc2\xb7 with its timeline: each design named as it starts"));
    charts_data_free(&cd);
    util_diags_free(&d);
    cJSON_Delete(r);
}

/* Value labels never overlap or touch (a quarter line of air between any
 * two: the staffing chart's 141 and 140 at PaaS touched with exactly one
 * line height) and stay above their markers. */
static void test_label_stack(void **state)
{
    (void)state;
    static const double ys[][4] = { { 100, 100, 100, 100 }, { 100, 105, 300, 98 }, { 50, 400, 52, 49 },
                                    { 200, 201, 150, 199.5 } };
    for (size_t t = 0; t < sizeof ys / sizeof ys[0]; t++) {
        double out[4];
        charts_label_stack(ys[t], 4, 12.0, 5.0, out);
        for (int i = 0; i < 4; i++) {
            assert_true(out[i] <= ys[t][i] - 5.0 + 1e-9);
            for (int j = 0; j < i; j++)
                assert_true(fabs(out[i] - out[j]) >= 12.0 * 1.25 - 1e-9);
        }
    }
    double one = 70, o1;
    charts_label_stack(&one, 1, 12.0, 5.0, &o1);
    assert_near(o1, 65.0, 0);
}

/* The staffing chart: a marker at every value (within 1 px), a dashed
 * "today" line at the scenario's sizes on both panels, and value labels
 * (ink in each model's darkened colour near each point). */
static void test_staffing_chart(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    char why[256];
    util_diags d;
    util_diags_init(&d);
    cJSON *st = fx_staffing("0123456789abcdef");
    assert_int_equal(charts_data_staffing_json(&cd, st, "staffing.json", why, sizeof why, &d), 0);
    assert_near(cd.today_product, 24.0, 0); /* the presets: 4 teams of 6 */
    assert_near(cd.today_central, 4.0, 0);
    charts_one *o = charts_one_new(&cd, CHARTS_STAFFING, 0);
    assert_non_null(o);
    const plot_panels *p = charts_one_panels(o);
    assert_non_null(p);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(charts_one_draw(cr, 1600, 900, o), 0);
    for (int k = 0; k < 2; k++) {
        double rc[4];
        assert_int_equal(plot_panels_rect(cr, 1600, 900, p, (size_t)k, rc), 0);
        plot_chart c = *charts_one_chart(o, k);
        c.title = c.subtitle = c.caption = NULL;
        c.legend = PLOT_LEGEND_NONE;
        c.font_scale = 1.0;
        plot_layout L;
        assert_int_equal(plot_chart_layout(cr, rc[2], rc[3], &c, &L), 0);
        assert_near(c.ref_value, k ? 28.0 : 4.0, 0);
        assert_non_null(strstr(c.ref_label, k ? "today 28" : "today 4"));
        /* the dashed line: dark pixels along it between two categories */
        double y = rc[1] + plot_layout_value_y(&L, c.ref_value);
        int dark = 0;
        for (double x = rc[0] + L.px0; x < rc[0] + L.px1; x += 1.0)
            dark += (pixel(s, x, y) & 0xFF) < 0x60;
        assert_true(dark > (int)((L.px1 - L.px0) * 0.3));
        for (size_t m = 0; m < c.n_series; m++)
            for (size_t h = 0; h < c.n_categories; h++) {
                double v = c.series[m].values[h];
                if (!isfinite(v))
                    continue;
                double dx = ((double)m - (double)(c.n_series - 1) / 2.0) * c.lines_dodge * L.band;
                double px = rc[0] + L.cat_x[h] + dx, py = rc[1] + plot_layout_value_y(&L, v);
                /* the marker (the dashed line may cross its centre) */
                assert_true(pixel(s, px, py) == c.series[m].colour || pixel(s, px, py + 4) == c.series[m].colour);
                /* its label: darkened ink beside the point (test_staffing_labels_clear: where) */
                uint32_t ink = charts_colour_darken(c.series[m].colour, 0.35);
                assert_true(count_colour(s, px - 0.6 * L.band, py - 80, px + 0.6 * L.band, py + 80, ink) > 0);
            }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    charts_one_free(o);
    cJSON_Delete(st);
    util_diags_free(&d);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* Issue 18 item 5: the staffing panels' value labels touch no line (any
 * model's segment or the dashed "today" line), no marker and no other
 * label — sampled along every segment — with enterprise's central-team
 * sizes, where the usual place (right, above) of some labels lies on a
 * line; a label stays beside its marker. */
static void test_staffing_labels_clear(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    static const double central[FX_M][FX_H] = { { 8, 1, 1 }, { 47, 33, 20 }, { 54, 39, 32 } };
    cd.has_staffing = 1;
    cd.today_central = 48;
    cd.today_product = 140;
    for (int m = 0; m < FX_M; m++)
        for (int h = 0; h < FX_H; h++) {
            charts_cell_at(&cd, m, h)->staff_central = central[m][h];
            charts_cell_at(&cd, m, h)->staff_total = 140 + central[m][h];
        }
    charts_one *o = charts_one_new(&cd, CHARTS_STAFFING, 0);
    assert_non_null(o);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *cr = cairo_create(s);
    double rc[4];
    assert_int_equal(plot_panels_rect(cr, 1600, 900, charts_one_panels(o), 0, rc), 0);
    plot_chart c = *charts_one_chart(o, 0);
    c.title = c.subtitle = c.caption = NULL;
    c.legend = PLOT_LEGEND_NONE;
    c.font_scale = 1.0;
    plot_layout L;
    assert_int_equal(plot_chart_layout(cr, rc[2], rc[3], &c, &L), 0);
    charts_vlabel lab[FX_M * FX_H];
    size_t n = charts__value_labels(cr, &c, &L, lab, FX_M * FX_H);
    assert_int_equal(n, FX_M * FX_H);
    int usual_hit = 0;
    for (size_t j = 0; j < n; j++) {
        const charts_box *b = &lab[j].box;
        double mx = L.cat_x[lab[j].cat], my = plot_layout_value_y(&L, c.series[lab[j].series].values[lab[j].cat]);
        assert_true(fabs((b->x0 + b->x1) / 2 - mx) < L.band && fabs((b->y0 + b->y1) / 2 - my) < 0.25 * (L.py1 - L.py0));
        double w = b->x1 - b->x0, lh = b->y1 - b->y0;
        charts_box usual = { mx + 0.22 * L.band, my - 8.0 - lh, mx + 0.22 * L.band + w, my - 8.0 };
        for (size_t k = 0; k < c.n_series; k++)
            for (size_t i = 0; i + 1 < c.n_categories; i++) {
                double x0 = L.cat_x[i], y0 = plot_layout_value_y(&L, c.series[k].values[i]);
                double x1 = L.cat_x[i + 1], y1 = plot_layout_value_y(&L, c.series[k].values[i + 1]);
                for (int t = 0; t <= 200; t++) {
                    double px = x0 + (x1 - x0) * t / 200.0, py = y0 + (y1 - y0) * t / 200.0;
                    assert_false(px >= b->x0 - 1 && px <= b->x1 + 1 && py >= b->y0 - 1 && py <= b->y1 + 1);
                    usual_hit |= px >= usual.x0 && px <= usual.x1 && py >= usual.y0 && py <= usual.y1;
                }
            }
        double ry = plot_layout_value_y(&L, c.ref_value);     /* the dashed line at today's 48 */
        assert_false(ry >= b->y0 - 1 && ry <= b->y1 + 1 && b->x1 > L.px0 && b->x0 < L.px1);
        for (size_t i = 0; i < j; i++)
            assert_false(b->x0 < lab[i].box.x1 && lab[i].box.x0 < b->x1 && b->y0 < lab[i].box.y1
                         && lab[i].box.y0 < b->y1);
    }
    assert_true(usual_hit);   /* the case is a real one: the usual place would touch a line */
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    charts_one_free(o);
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* "Today" (the deck's headline and the staffing chart's dashed line): listed
 * teams and the teams product_teams generates beside them both count
 * (large-enterprise: 180 listed and 300 generated teams of nine read as 1,620
 * product engineers instead of 4,320). */
static void test_today_sizes(void **state)
{
    (void)state;
    static const char *const scens[] = {
        "{\"teams\":[{\"name\":\"a\",\"size\":9},{\"name\":\"b\"}],"
        "\"product_teams\":{\"count\":3,\"size\":5},\"central_team\":{\"size\":7}}",
        "{\"teams\":[{\"name\":\"a\",\"size\":9},{\"name\":\"b\"}],\"product_teams\":{\"count\":0,\"size\":5}}",
        "{\"teams\":[{\"name\":\"a\",\"size\":9},{\"name\":\"b\"}]}",
        "{\"product_teams\":{\"count\":3,\"size\":5}}",
    };
    static const double want[] = { 9 + 5 + 3 * 5, 9 + 5, 9 + 6, 3 * 5 };   /* the presets: teams of 6, central 4 */
    for (size_t k = 0; k < sizeof scens / sizeof scens[0]; k++) {
        cJSON *r = fx_results();
        cJSON_ReplaceItemInObject(r, "scenario_file", cJSON_Parse(scens[k]));
        charts_data cd;
        fx_data(r, &cd);
        assert_near(cd.today_product, want[k], 0);
        assert_near(cd.today_central, k == 0 ? 7.0 : 4.0, 0);
        charts_data_free(&cd);
        cJSON_Delete(r);
    }
}

/* The time split names each team's size and its title fits one line; the
 * lead-time CDF marks a design that left features unfinished (legend and a
 * ▲ at its curve's end) and not one that finished them all. */
static void test_split_and_cdf_marks(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    cJSON *scen = cJSON_GetObjectItem(r, "scenario_file");
    cJSON *pt = cJSON_AddObjectToObject(scen, "product_teams");
    cJSON_AddNumberToObject(pt, "count", 10);
    cJSON_AddNumberToObject(pt, "size", 6);
    cJSON *ct = cJSON_AddObjectToObject(scen, "central_team");
    cJSON_AddNumberToObject(ct, "size", 64);
    fx_set(r, 1, 1, "features_unfinished", 50.0);
    fx_set(r, 1, 1, "features_done", 50.0);
    fx_set(r, 0, 1, "features_unfinished", 0.0);
    fx_set(r, 0, 1, "features_done", 50.0);
    charts_data cd;
    fx_data(r, &cd);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *cr = cairo_create(s);

    charts_one *o = charts_one_new(&cd, CHARTS_TIME_SPLIT, 1);
    assert_non_null(o);
    const plot_chart *c = charts_one_chart(o, 0);
    int product = 0, central = 0;
    for (size_t i = 0; i < c->n_categories; i++) {
        product += strstr(c->categories[i], "(60)") != NULL;
        central += strstr(c->categories[i], "(64)") != NULL;
    }
    assert_int_equal(product, FX_M);
    assert_true(central >= 1);
    /* an unstable design's bars are marked †, and the caption says what that means */
    int daggers = 0, unstable_m = 0;
    for (size_t i = 0; i < c->n_categories; i++)
        daggers += strstr(c->categories[i], "\xc2\xa0\xe2\x80\xa0") != NULL;
    for (int m = 0; m < FX_M; m++)
        unstable_m += charts_cell_at(&cd, m, 1)->unstable;
    assert_true(unstable_m >= 1);                   /* my_sre: half its features unfinished */
    assert_true(daggers >= unstable_m);             /* its product bar, and its central bar if drawn */
    assert_true(daggers <= 2 * unstable_m);
    assert_non_null(strstr(c->caption, "\xe2\x80\xa0 Unstable design: no steady state"));
    plot_layout L;
    assert_int_equal(plot_chart_layout(cr, 1600, 900, c, &L), 0);
    assert_int_equal(L.frame.title_w.n, 1);
    assert_int_equal(plot_chart_layout(cr, 960, 540, c, &L), 0);
    assert_int_equal(L.frame.title_w.n, 1);
    charts_one_free(o);

    o = charts_one_new(&cd, CHARTS_LEAD_TIME_CDF, 1);
    assert_non_null(o);
    c = charts_one_chart(o, 0);
    assert_non_null(strstr(c->series[1].name, "50% unfinished"));
    assert_null(strstr(c->series[0].name, "unfinished"));
    assert_null(strstr(c->series[2].name, "unfinished"));
    assert_int_equal(charts_one_draw(cr, 1600, 900, o), 0);
    assert_int_equal(plot_chart_layout(cr, 1600, 900, c, &L), 0);
    /* the ▲ rises above the 100% line at the curve's end: only there */
    double y = plot_layout_value_y(&L, 1.0) - 4.0;
    double xmax = isfinite(c->x_max) ? c->x_max : HUGE_VAL;
    double x1 = plot_layout_value_x(&L, fmin(c->series[1].values[100], xmax));
    double x0 = plot_layout_value_x(&L, fmin(c->series[0].values[100], xmax));
    assert_true(count_colour(s, x1 - 3, y - 1, x1 + 3, y + 2, c->series[1].colour) > 0);
    assert_int_equal(count_colour(s, x0 - 3, y - 1, x0 + 3, y + 2, c->series[0].colour), 0);
    charts_one_free(o);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    charts_data_free(&cd);
    cJSON_Delete(r);
}


/* comparisons.csv for the deck's summary: the headline metrics' rows are
 * kept with both means, others skipped; another scenario or a bad header is
 * refused with a reason. */
static void test_comparisons(void **state)
{
    (void)state;
    cJSON *r = fx_results();
    charts_data cd;
    fx_data(r, &cd);
    char why[256] = "";
    const char *csv = "scenario,hosting,metric,model_a,model_b,diff_mean,diff_ci95_low,diff_ci95_high,n,significant\r\n"
                      "unit,iaas,lead_time_p85_days,true_devops,my_sre,-2,-2.5,-1.5,4,1\r\n"
                      "unit,iaas,deploys_per_week,true_devops,my_sre,1,0.5,1.5,4,1\n"
                      "unit,serverless,nonproduct_fte,my_sre,traditional_ops,0.1,-0.2,0.4,4,0\n";
    assert_int_equal(charts_data_comparisons_csv(&cd, csv, "comparisons.csv", why, sizeof why), 0);
    assert_int_equal(cd.n_cmp, 2);
    assert_int_equal(cd.cmp[0].k, 0);
    assert_int_equal(cd.cmp[0].h, 1);
    assert_int_equal(cd.cmp[0].a, 0);
    assert_int_equal(cd.cmp[0].b, 1);
    assert_near(cd.cmp[0].low, -2.5, 0);
    assert_int_equal(cd.cmp[0].significant, 1);
    assert_near(cd.cmp[0].mean_a, charts_cell_at(&cd, 0, 1)->lead_p85.mean, 0);
    assert_near(cd.cmp[0].mean_b, charts_cell_at(&cd, 1, 1)->lead_p85.mean, 0);
    assert_int_equal(cd.cmp[1].k, 2);
    assert_int_equal(cd.cmp[1].significant, 0);
    assert_int_equal(charts_data_comparisons_csv(&cd, "scenario,hosting,metric\nunit,iaas,x\n", "c.csv", why,
                                                 sizeof why), 1);
    assert_non_null(strstr(why, "no column 'model_a'"));
    assert_null(cd.cmp);
    assert_int_equal(charts_data_comparisons_csv(&cd, "scenario,hosting,metric,model_a,model_b,diff_mean,diff_ci95_low,"
                                                 "diff_ci95_high,n,significant\nother,iaas,nonproduct_fte,my_sre,"
                                                 "true_devops,1,1,1,4,1\n", "c.csv", why, sizeof why), 1);
    assert_non_null(strstr(why, "for scenario 'other'"));
    charts_data_free(&cd);
    cJSON_Delete(r);
}

/* The platform team's size chart (report/charts_platform): one line per
 * model × hosting point that searched it, x labels the enablement engineers
 * tried (aligned across curves; untried points are NAN), cost in millions,
 * the chosen points in the caption, the CSV of exactly what is drawn; a
 * malformed curve names its JSON path; no curves, nothing to draw. */
static void test_platform_chart(void **state)
{
    (void)state;
    const char *text =
        "{ \"scenario\": \"plat\", \"costs\": { \"currency\": \"USD\" }, \"cells\": ["
        " { \"model\": \"true_devops\", \"hosting\": \"on_prem\", \"platform_search\": { \"curve\": ["
        "   { \"enablement_engineers\": 0, \"total_headcount\": 31, \"cost_per_year\": 4948000, \"chosen\": false },"
        "   { \"enablement_engineers\": 1, \"total_headcount\": 26, \"cost_per_year\": 4208000, \"chosen\": true },"
        "   { \"enablement_engineers\": 2, \"total_headcount\": 27, \"cost_per_year\": 4368000, \"chosen\": false } ] } },"
        " { \"model\": \"devops_team\", \"hosting\": \"on_prem\", \"platform_search\": null },"
        " { \"model\": \"true_devops\", \"hosting\": \"serverless\", \"platform_search\": { \"curve\": ["
        "   { \"enablement_engineers\": 0, \"total_headcount\": 25, \"cost_per_year\": 3940000, \"chosen\": true },"
        "   { \"enablement_engineers\": 1, \"total_headcount\": null, \"cost_per_year\": null, \"chosen\": false } ] } } ] }";
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    charts_platform *p = calloc(1, sizeof *p);
    assert_non_null(p);
    util_diags d;
    util_diags_init(&d);
    assert_int_equal(charts_platform_build(p, root, "x/staffing.json", &d), 0);
    assert_int_equal(p->n_curves, 2);
    assert_int_equal(p->n_points, 3);
    assert_string_equal(p->panel[0].categories[0], "0");
    assert_string_equal(p->panel[0].categories[2], "2");
    assert_string_equal(p->series[0][0].name, "True DevOps · On-prem");
    assert_string_equal(p->series[1][1].name, "True DevOps · Serverless");
    assert_int_equal(p->series[0][0].colour, charts_model_colour("true_devops", 0));   /* the model's colour */
    assert_true(p->series[0][1].colour != p->series[0][0].colour);                      /* darker along the continuum */
    assert_near(p->panel[0].series[0].values[1], 4.208, 1e-12);
    assert_near(p->panel[1].series[0].values[1], 26.0, 1e-12);
    assert_true(isnan(p->panel[0].series[1].values[1]));    /* not reachable */
    assert_true(isnan(p->panel[0].series[1].values[2]));    /* not tried */
    /* points without a value are left out, never labelled "n/a" (#14) */
    for (int g = 0; g < 2; g++) {
        const unsigned char *mk = p->panel[g].marked;
        assert_non_null(mk);
        for (size_t k = 0; k < 2; k++)
            for (size_t i = 0; i < 3; i++)
                assert_int_equal(mk[k * 3 + i], isnan(p->panel[g].series[k].values[i]));
    }
    assert_int_equal(p->panels.n_legend, 2);
    assert_null(strstr(p->caption, "n/a"));
    assert_non_null(strstr(p->panel[0].y_title, "millions USD"));
    assert_string_equal(p->panel[0].x_title, "Enablement engineers on the platform team");
    assert_string_equal(p->headings[1], "Total headcount");
    assert_non_null(strstr(p->caption, "True DevOps · On-prem 1, True DevOps · Serverless 0"));
    assert_non_null(strstr(p->subtitle, "plat"));
    assert_string_equal(util_buf_str(&p->csv),
                        "model,hosting,enablement_engineers,total_headcount,cost_per_year_millions,chosen,currency\n"
                        "true_devops,on_prem,0,31,4.948,0,USD\n"
                        "true_devops,on_prem,1,26,4.208,1,USD\n"
                        "true_devops,on_prem,2,27,4.368,0,USD\n"
                        "true_devops,serverless,0,25,3.94,1,USD\n");
    unsigned char *png = NULL;
    size_t n = 0;
    assert_int_equal(plot_render_png(800, 450, charts_platform_draw, p, &png, &n, NULL, 0), 0);
    assert_true(n > 1000);
    free(png);
    charts_platform_free(p);

    /* curves equal at every point are one line, named after both: the
       legend does not list lines drawn on top of each other */
    cJSON *cells = cJSON_GetObjectItemCaseSensitive(root, "cells");
    cJSON *twin = cJSON_Duplicate(cJSON_GetArrayItem(cells, 0), 1);
    cJSON_ReplaceItemInObjectCaseSensitive(twin, "hosting", cJSON_CreateString("iaas"));
    cJSON_AddItemToArray(cells, twin);
    assert_int_equal(charts_platform_build(p, root, "x/staffing.json", &d), 0);
    assert_int_equal(p->n_curves, 3);
    assert_int_equal(p->panels.n_legend, 2);
    assert_int_equal(p->panel[0].n_series, 2);
    assert_string_equal(p->series[0][0].name, "True DevOps · On-prem = IaaS");
    assert_string_equal(p->series[1][1].name, "True DevOps · Serverless");
    assert_non_null(strstr(util_buf_str(&p->csv), "true_devops,iaas,1,26,4.208,1,USD\n"));   /* the CSV keeps every curve */
    charts_platform_free(p);
    cJSON_DeleteItemFromArray(cells, 3);

    /* malformed: the path of the cell and point */
    cJSON *pt = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "cells"), 2), "platform_search"), "curve"), 1);
    cJSON_ReplaceItemInObjectCaseSensitive(pt, "chosen", cJSON_CreateString("yes"));
    assert_int_equal(charts_platform_build(p, root, "x/staffing.json", &d), -1);
    assert_true(util_diags_contains(&d, "$.cells[2]: platform_search.curve[1]"));
    charts_platform_free(p);
    cJSON_Delete(root);

    /* no curves: nothing to draw */
    root = cJSON_Parse("{ \"cells\": [ { \"model\": \"devops_team\", \"hosting\": \"iaas\", \"platform_search\": null } ] }");
    assert_int_equal(charts_platform_build(p, root, "x/staffing.json", &d), 1);
    charts_platform_free(p);
    cJSON_Delete(root);
    util_diags_free(&d);
    free(p);
}

/* A design is unstable when a replication saturates — busy and leaving
 * features unfinished — even if the mean does not (the mean hides a queue that
 * grew in that run; a busy run that finished its work is noise), and a headline says
 * so when the measured window of one of its designs still drifts: the rule
 * of results.json's drift warning (org_exp_drifts), read from the summary. */
static void test_unstable_per_replication_and_drift(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int unstable, drifts;
        const char *why;
    } cases[] = {
        { "{\"utilization_central\":{\"mean\":0.9,\"values\":[0.85,0.97,0.88]},"
          "\"features_unfinished\":{\"mean\":10,\"values\":[0,30,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          1, 0, "queue grows: central team in 1 of 3 replications" },
        { "{\"utilization_product\":{\"mean\":0.6,\"values\":[0.3,0.95,0.55]},"
          "\"features_unfinished\":{\"mean\":4,\"values\":[0,12,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          1, 0, "backlog grows: a product team in 1 of 3 replications" },
        /* one product team saturated while the mean over the teams is not:
         * flagged per team (product_teams_saturated), not by the mean */
        { "{\"utilization_product\":{\"mean\":0.85,\"values\":[0.8,0.9,0.85]},"
          "\"product_teams_saturated\":{\"mean\":0.33,\"values\":[0,1,0]},"
          "\"features_unfinished\":{\"mean\":4,\"values\":[0,12,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          1, 0, "backlog grows: a product team in 1 of 3 replications" },
        { "{\"utilization_product\":{\"mean\":0.85,\"values\":[0.8,0.9,0.85]},"
          "\"product_teams_saturated\":{\"mean\":0,\"values\":[0,0,0]},"
          "\"features_unfinished\":{\"mean\":4,\"values\":[0,12,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          0, 0, "" },
        /* one product team's backlog grew through the window though the
         * drain finished it (product_teams_growing, session 14); a results.json
         * without the metric (null values) is read as before */
        { "{\"utilization_product\":{\"mean\":0.85,\"values\":[0.8,0.9,0.85]},"
          "\"product_teams_saturated\":{\"mean\":0,\"values\":[0,0,0]},"
          "\"product_teams_growing\":{\"mean\":0.33,\"values\":[0,0,1]},"
          "\"features_unfinished\":{\"mean\":0,\"values\":[0,0,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          1, 0, "backlog grows: a product team in 1 of 3 replications" },
        { "{\"utilization_product\":{\"mean\":0.85,\"values\":[0.8,0.9,0.85]},"
          "\"product_teams_saturated\":{\"mean\":0,\"values\":[0,0,0]},"
          "\"product_teams_growing\":{\"mean\":null,\"values\":[null,null,null]},"
          "\"features_unfinished\":{\"mean\":0,\"values\":[0,0,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          0, 0, "" },
        /* the busiest product team's mean is no rule: the maximum over many
         * teams reaches 95% by chance */
        { "{\"utilization_product\":{\"mean\":0.85},\"utilization_product_max\":{\"mean\":0.99}}", 0, 0, "" },
        /* busy in one replication but every feature finished: noise around a stable load */
        { "{\"utilization_central\":{\"mean\":0.9,\"values\":[0.85,0.97,0.88]},"
          "\"features_unfinished\":{\"mean\":0.7,\"values\":[0,2,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          0, 0, "" },
        /* many unfinished in a replication that was not busy: not this rule's */
        { "{\"utilization_central\":{\"mean\":0.9,\"values\":[0.85,0.94,0.91]},"
          "\"features_unfinished\":{\"mean\":10,\"values\":[0,30,0]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          0, 0, "" },
        { "{\"utilization_central\":{\"mean\":0.9,\"values\":[0.85,null,0.97]},"
          "\"features_unfinished\":{\"mean\":10,\"values\":[0,0,30]},\"features_done\":{\"mean\":100,\"values\":[100,100,100]}}",
          1, 0, "queue grows: central team in 1 of 2 replications" },
        { "{\"utilization_central\":{\"mean\":0.9}}", 0, 0, "" },       /* no values: the mean's rule */
        { "{\"drift_max\":{\"mean\":0.3,\"ci95_low\":0.2,\"ci95_high\":0.4,\"n\":3}}", 0, 1, "" },
        { "{\"drift_max\":{\"mean\":-0.3,\"ci95_low\":-0.4,\"ci95_high\":-0.2,\"n\":3}}", 0, 1, "" },
        { "{\"drift_max\":{\"mean\":0.3,\"ci95_low\":-0.1,\"ci95_high\":0.7,\"n\":3}}", 0, 0, "" },
        { "{\"drift_max\":{\"mean\":0.05,\"ci95_low\":0.04,\"ci95_high\":0.06,\"n\":3}}", 0, 0, "" },
        { "{\"drift_max\":{\"mean\":0.3,\"ci95_low\":null,\"ci95_high\":null,\"n\":1}}", 0, 1, "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *sum = cJSON_Parse(cases[i].json);
        assert_non_null(sum);
        charts_cell cell;
        memset(&cell, 0, sizeof cell);
        charts_unstable_of(&cell, sum);
        if (cell.unstable != cases[i].unstable || cell.drifts != cases[i].drifts
            || strcmp(cell.unstable_why, cases[i].why) != 0)
            print_error("case %zu: unstable %d drifts %d why '%s'\n", i, cell.unstable, cell.drifts, cell.unstable_why);
        assert_int_equal(cell.unstable, cases[i].unstable);
        assert_int_equal(cell.drifts, cases[i].drifts);
        assert_string_equal(cell.unstable_why, cases[i].why);
        cJSON_Delete(sum);
    }
    assert_true(org_rep_saturated(0.95, 11.0, 89.0));
    assert_false(org_rep_saturated(0.95, 10.0, 90.0));   /* exactly 10% unfinished: not more */
    assert_false(org_rep_saturated(0.949, 50.0, 50.0));
    assert_false(org_rep_saturated(NAN, 50.0, 50.0));
    assert_false(org_rep_saturated(1.0, 0.0, 0.0));
    assert_true(org_rep_kind_saturated(0.5, 0.0, 100.0, 1.0, NAN));    /* one team saturated, the kind not */
    assert_false(org_rep_kind_saturated(0.5, 0.0, 100.0, 0.0, NAN));
    assert_false(org_rep_kind_saturated(0.5, 0.0, 100.0, NAN, NAN));   /* the central team: no per-team count */
    assert_true(org_rep_kind_saturated(0.95, 11.0, 89.0, NAN, NAN));
    assert_true(org_unstable_means(NAN, 0.95, 0.0, 100.0));
    assert_false(org_unstable_means(NAN, 0.949, 0.0, 100.0));
    assert_false(org_unstable_means(NAN, NAN, NAN, NAN));
    assert_true(org_unstable_means(0.95, NAN, NAN, NAN));
    assert_false(org_unstable_means(0.949, NAN, NAN, NAN));
    assert_true(org_unstable_means(NAN, NAN, 11.0, 89.0));
    assert_false(org_unstable_means(NAN, NAN, 10.0, 90.0));
    assert_false(org_unstable(NAN, NAN, NAN, NAN, 0, 0));
    assert_true(org_unstable(NAN, NAN, NAN, NAN, 1, 0));
    assert_true(org_unstable(NAN, NAN, NAN, NAN, 0, 1));
    assert_true(org_unstable(0.95, NAN, NAN, NAN, 0, 0));
}

int test_group_charts(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_colours_and_labels),
        cmocka_unit_test(test_data_ok),
        cmocka_unit_test(test_data_errors),
        cmocka_unit_test(test_staffing),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_identical_bytes),
        cmocka_unit_test(test_bad_input_writes_nothing),
        cmocka_unit_test(test_quantile_line_and_dodge),
        cmocka_unit_test(test_panels),
        cmocka_unit_test(test_unstable_marker),
        cmocka_unit_test(test_nonproduct_one_hosting),
        cmocka_unit_test(test_unstable_per_replication_and_drift),
        cmocka_unit_test(test_headline_reversals),
        cmocka_unit_test(test_headline_majority),
        cmocka_unit_test(test_team_size_label),
        cmocka_unit_test(test_headline_support),
        cmocka_unit_test(test_subtitle_timeline),
        cmocka_unit_test(test_label_stack),
        cmocka_unit_test(test_staffing_chart),
        cmocka_unit_test(test_staffing_labels_clear),
        cmocka_unit_test(test_today_sizes),
        cmocka_unit_test(test_split_and_cdf_marks),
        cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_platform_chart),
    };
    return cmocka_run_group_tests_name("charts", tests, NULL, teardown_group);
}
