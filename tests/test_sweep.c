/* test_sweep — PARAMS.json parsing (every form, every design, the errors a
 * user meets with their place and suggestion), the designs' unit coordinates
 * mapped to values, and writing values into real scenarios by JSON path under
 * the preset rule, checked through the scenario loader itself. */
#include "tests/testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scenario/scen_load.h"
#include "sim/sim_design.h"
#include "sweep/sweep_params.h"

static int parse(const char *text, sweep_params *sp, util_diags *d)
{
    util_diags_init(d);
    return sweep_params_parse(text, strlen(text), "params.json", sp, d);
}

static void test_parse_forms(void **state)
{
    (void)state;
    const char *text =
        "{\"design\": \"lhs\", \"points\": 50, \"seed\": 7, \"params\": [\n"
        " {\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 5, \"name\": \"rate\"},\n"
        " {\"path\": \"$.hosting[name=iaas].toil_days_per_service_week\", \"dist\": {\"uniform\": {\"low\": 0.2, \"high\": 1}}},\n"
        " {\"path\": \"$.people.attrition_per_year\", \"dist\": {\"triangular\": {\"min\": 0, \"mode\": 0.1, \"max\": 0.3}}},\n"
        " {\"path\": \"$.knowledge.context_half_life_days\", \"dist\": {\"lognormal\": {\"median\": 250, \"p90\": 500}}},\n"
        " {\"path\": \"$.central_team.size\", \"low\": 2, \"high\": 9, \"integer\": true},\n"
        " {\"path\": \"$.models[name=devops_team].deploy_mode\", \"levels\": [\"window\", \"on_demand\"]}\n"
        "]}";
    sweep_params sp;
    util_diags d;
    assert_int_equal(parse(text, &sp, &d), 0);
    assert_int_equal(util_diags_count(&d), 0);
    assert_int_equal(sp.design, SWEEP_LHS);
    assert_int_equal(sp.points, 50);
    assert_int_equal(sp.seed, 7);
    assert_int_equal(sp.n, 6);
    assert_string_equal(sp.params[0].name, "rate");
    assert_string_equal(sp.params[1].name, sp.params[1].path);
    assert_int_equal(sp.params[0].kind, SWEEP_RANGE);
    assert_int_equal(sp.params[1].kind, SWEEP_UNIFORM);
    assert_int_equal(sp.params[2].kind, SWEEP_TRIANGULAR);
    assert_int_equal(sp.params[3].kind, SWEEP_LOGNORMAL);
    assert_int_equal(sp.params[5].kind, SWEEP_LEVELS);
    assert_int_equal(sp.params[5].n_levels, 2);
    assert_int_equal(sweep_params_count(&sp), 50);

    /* values at unit coordinates: ends, quantiles, rounding, levels */
    cJSON *v = sweep_param_value(&sp.params[0], 0.25);
    assert_near(v->valuedouble, 2, 1e-12);
    cJSON_Delete(v);
    v = sweep_param_value(&sp.params[2], 1.0 / 3);           /* F(mode) = 0.1/0.3 */
    assert_near(v->valuedouble, 0.1, 1e-12);
    cJSON_Delete(v);
    v = sweep_param_value(&sp.params[3], 0.5);
    assert_near(v->valuedouble, 250, 1e-9);
    cJSON_Delete(v);
    v = sweep_param_value(&sp.params[3], 0.9);
    assert_near(v->valuedouble, 500, 1e-6);
    cJSON_Delete(v);
    v = sweep_param_value(&sp.params[4], 0.5);                /* 5.5 rounds to 6 */
    assert_near(v->valuedouble, 6, 0);
    cJSON_Delete(v);
    v = sweep_param_value(&sp.params[5], 0.99);
    assert_string_equal(v->valuestring, "on_demand");
    cJSON_Delete(v);

    double *u;
    size_t n;
    assert_int_equal(sweep_design_unit(&sp, &u, &n), 0);
    assert_int_equal(n, 50);
    double *ref = malloc(50 * 6 * sizeof *ref);
    assert_int_equal(sim_design_lhs(ref, 50, 6, 7), 0);       /* the kernel's design, same seed */
    assert_memory_equal(u, ref, 50 * 6 * sizeof *ref);
    free(ref);
    free(u);
    sweep_params_destroy(&sp);
    util_diags_free(&d);
}

static void test_designs(void **state)
{
    (void)state;
    sweep_params sp;
    util_diags d;
    const char *grid =
        "{\"design\": \"grid\", \"points\": 3, \"params\": ["
        " {\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 5},"
        " {\"path\": \"$.models[name=devops_team].deploy_mode\", \"levels\": [\"window\", \"on_demand\"]}]}";
    assert_int_equal(parse(grid, &sp, &d), 0);
    assert_int_equal(sweep_params_count(&sp), 6);
    double *u;
    size_t n;
    assert_int_equal(sweep_design_unit(&sp, &u, &n), 0);
    const double rate[6] = { 1, 1, 3, 3, 5, 5 };
    for (size_t r = 0; r < 6; r++) {
        cJSON *a = sweep_param_value(&sp.params[0], u[r * 2]);
        cJSON *b = sweep_param_value(&sp.params[1], u[r * 2 + 1]);
        assert_near(a->valuedouble, rate[r], 1e-12);           /* both ends included */
        assert_string_equal(b->valuestring, r % 2 ? "on_demand" : "window");
        cJSON_Delete(a);
        cJSON_Delete(b);
    }
    free(u);
    sweep_params_destroy(&sp);
    util_diags_free(&d);

    const char *oat =
        "{\"design\": \"oat\", \"params\": ["
        " {\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 5},"
        " {\"path\": \"$.knowledge.context_half_life_days\", \"dist\": {\"lognormal\": {\"median\": 250, \"p90\": 500}}}]}";
    assert_int_equal(parse(oat, &sp, &d), 0);
    assert_int_equal(sweep_params_count(&sp), 5);
    assert_int_equal(sweep_design_unit(&sp, &u, &n), 0);
    assert_true(u[0] == SIM_DESIGN_BASE && u[1] == SIM_DESIGN_BASE);
    assert_true(u[2] == 0 && u[3] == SIM_DESIGN_BASE);
    assert_true(u[4] == 1 && u[5] == SIM_DESIGN_BASE);
    assert_true(u[6] == SIM_DESIGN_BASE && u[7] == 0.1);        /* lognormal: p10 and p90 */
    assert_true(u[8] == SIM_DESIGN_BASE && u[9] == 0.9);
    free(u);
    sweep_params_destroy(&sp);
    util_diags_free(&d);

    const char *sobol =
        "{\"design\": \"sobol\", \"points\": 64, \"seed\": 3, \"params\": ["
        " {\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 5},"
        " {\"path\": \"$.people.attrition_per_year\", \"low\": 0, \"high\": 0.3}]}";
    assert_int_equal(parse(sobol, &sp, &d), 0);
    assert_int_equal(sweep_params_count(&sp), 64 * 4);
    assert_int_equal(sweep_design_unit(&sp, &u, &n), 0);
    double *ref = malloc(n * 2 * sizeof *ref);
    assert_int_equal(sim_saltelli_design(ref, 64, 2, 3), 0);
    assert_memory_equal(u, ref, n * 2 * sizeof *ref);
    free(ref);
    free(u);
    sweep_params_destroy(&sp);
    util_diags_free(&d);
}

/* One bad file: parse fails, and the first problem's place and message hold needles. */
static void expect_bad(const char *text, const char *where, const char *what)
{
    sweep_params sp;
    util_diags d;
    assert_int_equal(parse(text, &sp, &d), -1);
    assert_true(util_diags_count(&d) >= 1);
    assert_int_equal(sp.n, 0);
    assert_null(sp.params);
    int found = util_diags_contains(&d, what);
    if (where) {
        char both[512];
        snprintf(both, sizeof both, "%s: ", where);
        found = found && util_diags_contains(&d, both);
    }
    if (!found) {
        util_diags_print(&d, stderr);
        print_error("expected a problem at %s saying \"%s\"\n", where ? where : "(position)", what);
        fail();
    }
    util_diags_free(&d);
}

#define P1 "\"params\": [{\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 5}]"

static void test_parse_errors(void **state)
{
    (void)state;
    /* syntax: a position, not a path */
    sweep_params sp;
    util_diags d;
    assert_int_equal(parse("{\"design\": \"lhs\",\n \"points\": 5,, }", &sp, &d), -1);
    assert_int_equal(d.items[0].line, 2);
    assert_true(d.items[0].col > 0);
    util_diags_free(&d);

    expect_bad("[1]", "$", "is an object with \"design\"");
    expect_bad("{\"design\": \"sobl\", \"points\": 5, " P1 "}", "$.design", "did you mean 'sobol'");
    expect_bad("{\"desing\": \"lhs\", \"points\": 5, " P1 "}", "$", "did you mean 'design'");
    expect_bad("{\"design\": \"lhs\", " P1 "}", "$.points", "lhs needs \"points\"");
    expect_bad("{\"design\": \"oat\", \"points\": 5, " P1 "}", "$.points", "is not used by oat");
    expect_bad("{\"design\": \"sobol\", \"points\": 1, " P1 "}", "$.points", "at least 2");
    expect_bad("{\"design\": \"lhs\", \"points\": 2.5, " P1 "}", "$.points", "must be an integer");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"seed\": -1, " P1 "}", "$.seed", "must be an integer");
    expect_bad("{\"design\": \"lhs\", \"points\": 5}", "$", "missing \"params\"");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": []}", "$.params", "list of 1 to");
    expect_bad("{\"design\": \"sobol\", \"points\": 900000, " P1 "}", "$.points", "more than 1000000 model runs");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"low\": 1, \"hihg\": 5}]}",
               "$.params[0]", "did you mean 'high'");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"low\": 5, \"high\": 5}]}",
               "$.params[0]", "low < high");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"low\": 1}]}",
               "$.params[0]", "missing \"high\"");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\"}]}",
               "$.params[0]", "says nothing about the values");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"low\": 1, \"high\": 2, \"levels\": [1]}]}",
               "$.params[0]", "more than one set of values");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"low\": 1, \"high\": 2}]}",
               "$.params[0]", "missing \"path\"");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"teams[0].size\", \"low\": 1, \"high\": 2}]}",
               "$.params[0].path", "must start with '$'");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.teams[x].size\", \"low\": 1, \"high\": 2}]}",
               "$.params[0].path", "expected [index] or [name=NAME]");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$\", \"low\": 1, \"high\": 2}]}",
               "$.params[0].path", "names no field");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"dist\": {\"lognormal\": {\"median\": 5, \"p90\": 4}}}]}",
               "$.params[0].dist.lognormal", "p90 > median > 0");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"dist\": {\"lognormla\": {\"median\": 5, \"p90\": 9}}}]}",
               "$.params[0].dist", "did you mean 'lognormal'");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"dist\": {\"triangular\": {\"min\": 0, \"mode\": 3, \"max\": 2}}}]}",
               "$.params[0].dist.triangular", "min <= mode <= max");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"dist\": {\"uniform\": {\"low\": 0}, \"triangular\": {}}}]}",
               "$.params[0].dist", "one key");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"levels\": [1, \"x\"]}]}",
               "$.params[0].levels[1]", "all of one kind");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": [{\"path\": \"$.a\", \"levels\": [1, 2], \"integer\": true}]}",
               "$.params[0].integer", "not to levels");
    expect_bad("{\"design\": \"lhs\", \"points\": 5, \"params\": ["
               "{\"path\": \"$.a\", \"low\": 1, \"high\": 2}, {\"path\": \"$.a\", \"low\": 1, \"high\": 3}]}",
               "$.params[1].path", "the same field as $.params[0]");
}

/* ---- applying to scenarios ----------------------------------------------------- */

typedef struct fixture {
    cJSON *presets;
    util_diags d;
} fixture;

static cJSON *scenario_json(const char *text)
{
    util_diags d;
    util_diags_init(&d);
    cJSON *s = util_json_parse(text, strlen(text), "scenario.json", &d);
    assert_non_null(s);
    util_diags_free(&d);
    return s;
}

static cJSON *read_scenario(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/scenarios/%s", test_srcdir(), name);
    size_t n = 0;
    unsigned char *t = test_read_file(path, &n);
    assert_non_null(t);
    cJSON *s = scenario_json((const char *)t);
    free(t);
    return s;
}

/* Loads a scenario tree with the real loader: 0 ok. */
static int load(const cJSON *s, org_scenario *out, scen_overrides *ov)
{
    char *text = cJSON_PrintUnformatted(s);
    assert_non_null(text);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text_ex(text, strlen(text), "swept.json", out, ov, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    util_diags_free(&d);
    free(text);
    return rc;
}

/* Applies one parameter given as PARAMS text at unit coordinate u. */
static int apply_one(cJSON *scen, const cJSON *presets, const char *param_json, double u, util_diags *d)
{
    char text[2048];
    snprintf(text, sizeof text, "{\"design\": \"lhs\", \"points\": 2, \"params\": [%s]}", param_json);
    sweep_params sp;
    util_diags pd;
    if (parse(text, &sp, &pd) != 0) {
        util_diags_print(&pd, stderr);
        fail();
    }
    util_diags_free(&pd);
    util_diags_init(d);
    int rc = sweep_apply_point(scen, presets, &sp, &u, "params.json", "scenario.json", d);
    sweep_params_destroy(&sp);
    return rc;
}

static int find_hosting(const org_scenario *s, const char *name)
{
    for (int i = 0; i < s->n_hostings; i++)
        if (strcmp(s->hostings[i].name, name) == 0)
            return i;
    return -1;
}

/* Applies param_json at u to a copy of scen, loads the result into *out
 * (ov may be NULL) and returns the modified copy (caller deletes). */
static cJSON *apply_and_load(const cJSON *scen, const cJSON *presets, const char *param_json, double u,
                             org_scenario *out, scen_overrides *ov)
{
    cJSON *sc = cJSON_Duplicate(scen, 1);
    assert_non_null(sc);
    util_diags d;
    assert_int_equal(apply_one(sc, presets, param_json, u, &d), 0);
    util_diags_free(&d);
    assert_int_equal(load(sc, out, ov), 0);
    return sc;
}

static void test_apply_presets(void **state)
{
    (void)state;
    util_diags d;
    util_diags_init(&d);
    cJSON *presets = sweep_presets_parse(&d);
    assert_non_null(presets);
    util_diags_free(&d);

    /* enterprise.json names no hosting list: all six presets run. Setting
     * iaas's toil copies the preset list in; the loader then sees the same six
     * points, iaas changed, the other five as before. */
    cJSON *base = read_scenario("enterprise.json");
    org_scenario s0, s1;
    scen_overrides ov0, ov1;
    scen_overrides_init(&ov0);
    scen_overrides_init(&ov1);
    assert_int_equal(load(base, &s0, &ov0), 0);
    cJSON *sc = apply_and_load(base, presets,
        "{\"path\": \"$.hosting[name=iaas].toil_days_per_service_week\", \"low\": 0.2, \"high\": 1}",
        0.5, &s1, &ov1);
    assert_int_equal(s1.n_hostings, s0.n_hostings);
    int iaas = find_hosting(&s1, "iaas");
    assert_true(iaas >= 0);
    for (int i = 0; i < s1.n_hostings; i++) {
        assert_string_equal(s1.hostings[i].name, s0.hostings[i].name);
        if (i == iaas)
            assert_near(s1.hostings[i].toil_days_per_service_week, 0.6, 1e-12);
        else
            assert_memory_equal(&s1.hostings[i], &s0.hostings[i], sizeof s0.hostings[i]);
    }
    /* exactly one more difference from the presets than before */
    assert_int_equal(ov1.n, ov0.n + 1);
    int named = 0;
    for (int i = 0; i < ov1.n; i++)
        named |= strstr(ov1.lines[i], "toil_days_per_service_week") != NULL;
    assert_true(named);
    org_scenario_destroy(&s1);
    scen_overrides_free(&ov1);
    cJSON_Delete(sc);

    /* setting a field to its preset value changes nothing the loader sees */
    scen_overrides_init(&ov1);
    sc = apply_and_load(base, presets,
        "{\"path\": \"$.knowledge.context_half_life_days\", \"levels\": [250]}",
        0.5, &s1, &ov1);
    assert_int_equal(ov1.n, ov0.n);
    assert_memory_equal(&s1.knowledge, &s0.knowledge, sizeof s0.knowledge);
    org_scenario_destroy(&s1);
    scen_overrides_free(&ov1);
    cJSON_Delete(sc);

    /* an existing field is replaced in place */
    sc = apply_and_load(base, presets,
        "{\"path\": \"$.product_teams.features_per_week\", \"low\": 1, \"high\": 5}",
        0.25, &s1, NULL);
    assert_near(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(sc, "product_teams"),
                                                 "features_per_week")->valuedouble, 2, 1e-12);
    for (int i = 0; i < s1.n_teams; i++)
        assert_near(s1.teams[i].features_per_week, 2, 1e-12);
    assert_int_equal(s1.n_teams, 20);
    org_scenario_destroy(&s1);
    cJSON_Delete(sc);

    /* a kind a map by kind does not name takes "default": naming it overrides that kind alone */
    sc = apply_and_load(base, presets,
        "{\"path\": \"$.models[name=true_devops].effort_factor.db\", \"low\": 0.5, \"high\": 1}",
        0, &s1, NULL);
    int td = -1;
    for (int i = 0; i < s1.n_models; i++)
        if (strcmp(s1.models[i].name, "true_devops") == 0)
            td = i;
    assert_true(td >= 0);
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        assert_near(s1.models[td].effort_factor[k], k == ORG_KIND_DB ? 0.5 : s0.models[td].effort_factor[k], 0);
    org_scenario_destroy(&s1);
    cJSON_Delete(sc);

    /* into a preset template's task: the template's tasks are copied, one changed */
    sc = apply_and_load(base, presets,
        "{\"path\": \"$.templates[name=standard_feature].tasks[name=app].effort_days.median\", \"low\": 2, \"high\": 4}",
        0, &s1, NULL);
    assert_int_equal(s1.n_templates, s0.n_templates);
    assert_int_equal(s1.templates[0].n_tasks, s0.templates[0].n_tasks);
    for (int t = 0; t < s1.templates[0].n_tasks; t++) {
        const sim_dist *a = &s1.templates[0].tasks[t].effort_days, *b = &s0.templates[0].tasks[t].effort_days;
        assert_string_equal(s1.templates[0].tasks[t].name, s0.templates[0].tasks[t].name);
        if (t == 0) {   /* app: median 2, the preset's p90 of 8 kept */
            assert_string_equal(s1.templates[0].tasks[t].name, "app");
            assert_near(a->a, log(2.0), 1e-12);
            assert_near(a->b, log(8.0 / 2) / 1.2815515655446004, 1e-9);
        } else {
            assert_true(a->kind == b->kind && a->a == b->a && a->b == b->b && a->c == b->c);
        }
    }
    org_scenario_destroy(&s1);
    cJSON_Delete(sc);

    org_scenario_destroy(&s0);
    scen_overrides_free(&ov0);
    cJSON_Delete(base);

    /* a hosting list given by names: "iaas" becomes {"name": "iaas", ...}, on_prem stays a name */
    cJSON *tmp = scenario_json("{\"hosting\": [\"on_prem\", \"iaas\"], \"models\": [\"devops_team\"]}");
    sc = apply_and_load(tmp, presets,
        "{\"path\": \"$.hosting[1].procurement_days\", \"levels\": [7]}",
        0, &s1, NULL);
    cJSON_Delete(tmp);
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(sc, "hosting");
    assert_true(cJSON_IsString(cJSON_GetArrayItem(h, 0)));
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(h, 1), "name")->valuestring, "iaas");
    assert_int_equal(s1.n_hostings, 2);
    assert_near(s1.hostings[1].procurement_days, 7, 0);
    org_scenario_destroy(&s1);
    cJSON_Delete(sc);

    /* explicit teams and no product_teams: the teams' default rate changes, no
     * team is generated (a copy of the preset section would add 4) */
    tmp = scenario_json("{\"teams\": [{\"name\": \"a\", \"size\": 3}, {\"name\": \"b\", \"size\": 4, \"features_per_week\": 2}]}");
    sc = apply_and_load(tmp, presets,
        "{\"path\": \"$.product_teams.features_per_week\", \"low\": 0, \"high\": 3}",
        1, &s1, NULL);
    cJSON_Delete(tmp);
    assert_int_equal(s1.n_teams, 2);
    assert_near(s1.teams[0].features_per_week, 3, 0);
    assert_near(s1.teams[1].features_per_week, 2, 0);
    org_scenario_destroy(&s1);
    cJSON_Delete(sc);

    /* a new hosting point stands on its base */
    tmp = scenario_json("{\"hosting\": [{\"name\": \"edge\", \"base\": \"serverless\"}]}");
    sc = apply_and_load(tmp, presets,
        "{\"path\": \"$.hosting[name=edge].incidents_per_service_week\", \"low\": 0, \"high\": 0.2}",
        1, &s1, NULL);
    cJSON_Delete(tmp);
    assert_near(s1.hostings[0].incidents_per_service_week, 0.2, 1e-12);
    org_scenario_destroy(&s1);
    cJSON_Delete(sc);

    cJSON_Delete(presets);
}

/* Applying must fail, with the problem at $.params[0].path saying what. */
static void expect_apply_error(const char *scen_text, const char *param_json, const char *what)
{
    util_diags d;
    util_diags_init(&d);
    cJSON *presets = sweep_presets_parse(&d);
    cJSON *sc = scenario_json(scen_text);
    char before_buf[4096];
    char *before = cJSON_PrintUnformatted(sc);
    snprintf(before_buf, sizeof before_buf, "%s", before);
    free(before);
    /* the check leaves the scenario untouched and reports the same problem */
    char text[2048];
    snprintf(text, sizeof text, "{\"design\": \"lhs\", \"points\": 2, \"params\": [%s]}", param_json);
    sweep_params sp;
    util_diags pd;
    assert_int_equal(parse(text, &sp, &pd), 0);
    util_diags_free(&pd);
    assert_int_equal(sweep_params_check(&sp, sc, presets, "params.json", "scenario.json", &d), -1);
    char *after = cJSON_PrintUnformatted(sc);
    assert_string_equal(after, before_buf);
    free(after);
    sweep_params_destroy(&sp);
    if (!util_diags_contains(&d, "$.params[0].path: ") || !util_diags_contains(&d, what) ||
        !util_diags_contains(&d, "scenario.json")) {
        util_diags_print(&d, stderr);
        print_error("expected a problem saying \"%s\"\n", what);
        fail();
    }
    util_diags_free(&d);
    assert_int_equal(apply_one(sc, presets, param_json, 0.5, &d), -1);
    assert_true(util_diags_contains(&d, what));
    util_diags_free(&d);
    cJSON_Delete(sc);
    cJSON_Delete(presets);
}

static void test_apply_errors(void **state)
{
    (void)state;
    expect_apply_error("{}", "{\"path\": \"$.product_teams.feature_per_week\", \"low\": 1, \"high\": 2}",
                       "no key 'feature_per_week' in the scenario or its presets; did you mean 'features_per_week'?");
    expect_apply_error("{}", "{\"path\": \"$.hosting[name=IaaS].toil_days_per_service_week\", \"low\": 1, \"high\": 2}",
                       "no entry named 'IaaS'; did you mean 'iaas'?");
    expect_apply_error("{\"hosting\": [\"on_prem\"]}",
                       "{\"path\": \"$.hosting[name=iaas].toil_days_per_service_week\", \"low\": 1, \"high\": 2}",
                       "$.hosting has no entry named 'iaas'");
    expect_apply_error("{}", "{\"path\": \"$.targets.max_utilization\", \"low\": 0.5, \"high\": 0.9}",
                       "sets no targets");
    expect_apply_error("{}", "{\"path\": \"$.teams[0].size\", \"low\": 1, \"high\": 9}",
                       "$ has no key 'teams'");
    expect_apply_error("{\"teams\": [{\"name\": \"a\", \"size\": 3}]}",
                       "{\"path\": \"$.teams[1].size\", \"low\": 1, \"high\": 9}", "index 1 is past its end");
    expect_apply_error("{}", "{\"path\": \"$.knowledge\", \"low\": 1, \"high\": 9}",
                       "$.knowledge is an object");
    expect_apply_error("{}", "{\"path\": \"$.models[name=devops_team].deploy_mode\", \"low\": 1, \"high\": 9}",
                       "is \"on_demand\"");
    expect_apply_error("{}", "{\"path\": \"$.knowledge.threshold.x\", \"low\": 1, \"high\": 9}",
                       "$.knowledge.threshold is 0.5, which has no key 'x'");
    expect_apply_error("{\"hosting\": [{\"name\": \"on_prem\", \"restore_days\": {\"dist\": \"exponential\", \"mean\": 1}}]}",
                       "{\"path\": \"$.hosting[0].restore_days.median\", \"low\": 1, \"high\": 9}",
                       "$.hosting[0].restore_days has no key 'median'");
    expect_apply_error("{}", "{\"path\": \"$.technologies[0].kind\", \"levels\": [\"db\"]}",
                       "technologies have no numbers to vary");
    expect_apply_error("{}", "{\"path\": \"$.models[name=true_devops].effort_factor.dbb\", \"low\": 1, \"high\": 2}",
                       "no key 'dbb'");
}

int test_group_sweep(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_designs),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_apply_presets),
        cmocka_unit_test(test_apply_errors),
    };
    return cmocka_run_group_tests_name("sweep", tests, NULL, NULL);
}
