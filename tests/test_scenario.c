/* test_scenario — the scenario-file layer: presets, bundled scenarios,
 * overrides field by field, new models and hosting points, distributions,
 * syntax positions, every kind of semantic error, limits, and agreement of
 * scenarios/schema.json and scenarios/README.md with the loader (through a
 * small JSON Schema validator for the subset the schema uses). */
#include "tests/testutil.h"
#include "scenario/scen_load.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------- */

static char *path_in_src(const char *rel)
{
    const char *root = test_srcdir();
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", root, rel);
    return p;
}

static char *slurp(const char *rel, size_t *len)
{
    char *p = path_in_src(rel);
    util_diags d;
    util_diags_init(&d);
    char *text = scen_read_file(p, len, &d);
    if (!text)
        util_diags_print(&d, stderr);
    assert_non_null(text);
    util_diags_free(&d);
    free(p);
    return text;
}

/* Loads text; on failure prints the problems and fails the test. */
static void load_ok(const char *text, org_scenario *s)
{
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(text, strlen(text), "test.json", s, &d);
    if (rc != 0)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(util_diags_count(&d), 0);
    util_diags_free(&d);
}

/* Loads text that must fail with a problem containing needle. */
static void load_bad(const char *text, const char *needle)
{
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    int rc = scen_load_text(text, strlen(text), "bad.json", &s, &d);
    if (rc == 0 || !util_diags_contains(&d, needle)) {
        fprintf(stderr, "input: %s\nwanted a problem containing: %s\ngot:\n", text, needle);
        util_diags_print(&d, stderr);
        if (rc == 0)
            org_scenario_destroy(&s);
    }
    assert_int_equal(rc, -1);
    assert_true(util_diags_contains(&d, needle));
    /* a failed load leaves nothing behind */
    assert_null(s.models);
    assert_null(s.teams);
    assert_int_equal(s.n_models, 0);
    util_diags_free(&d);
}

static const org_model *model(const org_scenario *s, const char *name)
{
    for (int i = 0; i < s->n_models; i++)
        if (!strcmp(s->models[i].name, name))
            return &s->models[i];
    return NULL;
}

static const org_hosting *hosting(const org_scenario *s, const char *name)
{
    for (int i = 0; i < s->n_hostings; i++)
        if (!strcmp(s->hostings[i].name, name))
            return &s->hostings[i];
    return NULL;
}

static int tech(const org_scenario *s, const char *name)
{
    for (int i = 0; i < s->n_techs; i++)
        if (!strcmp(s->techs[i].name, name))
            return i;
    return -1;
}

static int has_line(const scen_overrides *o, const char *line)
{
    for (int i = 0; i < o->n; i++)
        if (!strcmp(o->lines[i], line))
            return 1;
    return 0;
}

/* ---- presets ----------------------------------------------------------------- */

/* The design facts of DESIGN.md §2–§3 the presets must keep, whatever their
 * tuned numbers; the numbers themselves are compared with presets.json. */
static void test_presets(void **state)
{
    (void)state;
    org_scenario s;
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_presets(&s, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    util_diags_free(&d);

    /* the embedded copy is the file in the tree */
    size_t flen, elen;
    char *file = slurp("models/presets.json", &flen);
    const char *emb = scen_presets_text(&elen);
    assert_int_equal(flen, elen);
    assert_memory_equal(file, emb, flen);
    cJSON *pj = cJSON_Parse(file);
    assert_non_null(pj);
    free(file);

    assert_int_equal(s.n_models, 3);
    assert_string_equal(s.models[0].name, "traditional_ops");
    assert_string_equal(s.models[1].name, "devops_team");
    assert_string_equal(s.models[2].name, "true_devops");
    const char *cont[] = { "on_prem", "colocation", "iaas", "containers", "paas", "serverless" };
    assert_int_equal(s.n_hostings, 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(s.hostings[i].name, cont[i]);

    /* routing (DESIGN.md §2) */
    const org_model *t = &s.models[0], *dv = &s.models[1], *td = &s.models[2];
    assert_string_equal(t->central_name, "ops team");
    assert_string_equal(dv->central_name, "DevOps team");
    assert_string_equal(td->central_name, "platform team");
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        org_executor want = (k == ORG_KIND_APP || k == ORG_KIND_TEST) ? ORG_EXEC_PRODUCT : ORG_EXEC_CENTRAL;
        assert_int_equal(t->route[k].executor, want);
        assert_int_equal(dv->route[k].executor, want);
        if (want == ORG_EXEC_CENTRAL) {
            assert_int_equal(t->route[k].channel, ORG_CHANNEL_TICKET);
            assert_int_equal(dv->route[k].channel, ORG_CHANNEL_TICKET);
        }
        assert_int_equal(td->route[k].executor, k == ORG_KIND_FACILITY ? ORG_EXEC_CENTRAL : ORG_EXEC_PRODUCT);
    }
    assert_int_equal(td->route[ORG_KIND_FACILITY].channel, ORG_CHANNEL_SERVICE);
    assert_int_equal(t->deploy_mode, ORG_DEPLOY_WINDOW);
    assert_int_equal(dv->deploy_mode, ORG_DEPLOY_ON_DEMAND);
    assert_int_equal(td->deploy_mode, ORG_DEPLOY_ON_DEMAND);
    assert_int_equal(t->toil_owner, ORG_EXEC_CENTRAL);
    assert_int_equal(dv->toil_owner, ORG_EXEC_CENTRAL);
    assert_int_equal(td->toil_owner, ORG_EXEC_PRODUCT);
    assert_int_equal(t->incident_first_response, ORG_EXEC_CENTRAL);
    assert_int_equal(dv->incident_first_response, ORG_EXEC_CENTRAL);
    assert_int_equal(td->incident_first_response, ORG_EXEC_PRODUCT);
    assert_int_equal(t->enablement, 0);
    assert_int_equal(dv->enablement, 0);
    assert_int_equal(td->enablement, 1);
    /* devops_team differs by automation: pipelines shorten deploy and ci */
    assert_true(dv->effort_factor[ORG_KIND_DEPLOY] < t->effort_factor[ORG_KIND_DEPLOY]);
    assert_true(dv->effort_factor[ORG_KIND_CI] < t->effort_factor[ORG_KIND_CI]);
    assert_true(t->evaluation_delay_days >= dv->evaluation_delay_days);
    assert_true(dv->evaluation_delay_days >= td->evaluation_delay_days);
    const cJSON *pm = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pj, "models"), 0);
    const cJSON *pp = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pj, "policies"), 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(pm, "change_policy")->valuestring, "board_and_windows");
    assert_string_equal(t->change_policy, "board_and_windows");
    assert_string_equal(dv->change_policy, "on_demand_pipeline");
    assert_near(t->release_window_every_days,
                cJSON_GetObjectItemCaseSensitive(pp, "release_window_every_days")->valuedouble, 0);
    assert_near(t->clarification_prob, cJSON_GetObjectItemCaseSensitive(pm, "clarification_prob")->valuedouble, 0);

    /* hosting: the shared-responsibility split, and ops load falling left to right */
    for (int i = 0; i < 6; i++) {
        const org_hosting *h = &s.hostings[i];
        assert_int_equal(h->exists[ORG_KIND_DEPLOY], 1);
        assert_int_equal(h->exists[ORG_KIND_APP], 1);
        assert_int_equal(h->exists[ORG_KIND_DB], 1);
        assert_int_equal(h->exists[ORG_KIND_FACILITY], i <= 1);
        assert_int_equal(h->exists[ORG_KIND_VM], i <= 3);
        assert_int_equal(h->exists[ORG_KIND_CONTAINER], i <= 3);
        assert_int_equal(h->exists[ORG_KIND_NETWORK], i <= 4);
        assert_int_equal(h->restore_days.kind, SIM_DIST_LOGNORMAL);
        if (i > 0) {
            const org_hosting *l = &s.hostings[i - 1];
            assert_true(h->toil_days_per_service_week < l->toil_days_per_service_week);
            assert_true(h->incidents_per_service_week < l->incidents_per_service_week);
            assert_true(h->procurement_days <= l->procurement_days);
            assert_true(h->effort[ORG_KIND_DB] <= l->effort[ORG_KIND_DB]);
            assert_true(sim_dist_mean(&h->restore_days) <= sim_dist_mean(&l->restore_days));
        }
        for (int k = 0; k < ORG_TASK_KINDS; k++)
            assert_int_equal(s.hostings[0].exists[k], 1);
    }
    assert_true(s.hostings[0].procurement_days > 0);
    assert_near(s.hostings[5].procurement_days, 0, 0);

    /* technologies, stacks, teams */
    assert_int_equal(s.n_techs, 17);
    const char *stack[ORG_TASK_KINDS] = {
        "java", "junit", "jenkins", "argocd", "release-tooling", "terraform", "linux", "postgresql",
        "kubernetes", "network", "prometheus", "security-tooling", "integrations", "datacenter",
    };
    for (int k = 0; k < ORG_TASK_KINDS; k++) {
        int ti = tech(&s, stack[k]);
        assert_true(ti >= 0);
        assert_int_equal(s.techs[ti].kind, k);
        for (int i = 0; i < s.n_teams; i++)
            assert_int_equal(s.teams[i].stack[k], ti);
    }
    assert_int_equal(s.techs[tech(&s, "cassandra")].kind, ORG_KIND_DB);
    assert_int_equal(s.techs[tech(&s, "cql")].kind, ORG_KIND_APP);
    assert_int_equal(s.techs[tech(&s, "selenium")].kind, ORG_KIND_TEST);
    const cJSON *pt = cJSON_GetObjectItemCaseSensitive(pj, "product_teams");
    assert_int_equal(s.n_teams, cJSON_GetObjectItemCaseSensitive(pt, "count")->valueint);
    assert_string_equal(s.teams[0].name, "team-1");
    assert_int_equal(s.teams[0].size, cJSON_GetObjectItemCaseSensitive(pt, "size")->valueint);
    assert_true(s.central_size >= 1);

    /* the feature template: app, test after app, infrastructure in parallel, deploy last */
    assert_int_equal(s.n_templates, 1);
    const org_template *tp = &s.templates[0];
    assert_string_equal(tp->name, "standard_feature");
    assert_int_equal(tp->n_tasks, ORG_TASK_KINDS);
    for (int k = 0; k < tp->n_tasks; k++) {
        const org_task_spec *ts = &tp->tasks[k];
        assert_string_equal(ts->name, org_kind_name(ts->kind));
        assert_int_equal(ts->tech, -1);
        assert_int_equal(ts->team, -1);
        assert_true(ts->probability > 0 && ts->probability <= 1);
        if (ts->kind == ORG_KIND_DEPLOY) {
            assert_int_equal(ts->n_after, ORG_TASK_KINDS - 1);
            assert_near(ts->probability, 1, 0);
        } else if (ts->kind == ORG_KIND_TEST) {
            assert_int_equal(ts->n_after, 1);
            assert_int_equal(tp->tasks[ts->after[0]].kind, ORG_KIND_APP);
        } else {
            assert_int_equal(ts->n_after, 0);
        }
        if (ts->kind == ORG_KIND_APP)
            assert_near(ts->probability, 1, 0);
    }

    assert_int_equal(s.targets.has_targets, 0);
    assert_true(s.oncall.min_rotation >= 1);
    assert_true(s.run.replications >= 1);
    assert_true(s.run.measure_days > 0);
    org_scenario_destroy(&s);
    assert_null(s.models);
    cJSON_Delete(pj);
}

/* Giving every preset value again changes nothing; giving a different value
 * for each scalar field lists exactly that field — which proves every key
 * lands in its own field of the resolved structs. */
static double other_value(double v)
{
    return v == floor(v) ? v + 1 : v / 2;
}

static void test_presets_round_trip(void **state)
{
    (void)state;
    size_t len;
    const char *ptext = scen_presets_text(&len);
    cJSON *pj = cJSON_Parse(ptext);
    assert_non_null(pj);
    cJSON_DeleteItemFromObjectCaseSensitive(pj, "targets");   /* giving targets switches them on */
    cJSON_DeleteItemFromObjectCaseSensitive(pj, "name");
    cJSON_DeleteItemFromObjectCaseSensitive(pj, "description");
    char *same = cJSON_PrintUnformatted(pj);
    org_scenario s;
    scen_overrides ov;
    scen_overrides_init(&ov);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text_ex(same, strlen(same), "same.json", &s, &ov, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    for (int i = 0; i < ov.n; i++)
        fprintf(stderr, "unexpected override: %s\n", ov.lines[i]);
    assert_int_equal(ov.n, 0);
    org_scenario_destroy(&s);
    scen_overrides_free(&ov);
    free(same);

    /* change every number in the sections and every model's and hosting point's scalars */
    const char *sections[] = { "run", "knowledge", "people", "incidents", "enablement", "upkeep", "costs", "central_team",
                               "product_teams" };
    int expected = 0;
    char want[64][160];
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        cJSON *sec = cJSON_GetObjectItemCaseSensitive(pj, sections[i]);
        assert_non_null(sec);
        for (cJSON *m = sec->child; m; m = m->next) {
            if (!cJSON_IsNumber(m))
                continue;
            double v = m->valuedouble, nv = other_value(v);
            if (expected < 64)
                snprintf(want[expected], sizeof want[0], "%s.%s = %.10g (preset %.10g)", sections[i], m->string, nv, v);
            expected++;
            cJSON_SetNumberHelper(m, nv);
        }
    }
    const char *lists[] = { "models", "hosting" };
    for (size_t l = 0; l < 2; l++)
        for (cJSON *it = cJSON_GetObjectItemCaseSensitive(pj, lists[l])->child; it; it = it->next) {
            const char *name = cJSON_GetObjectItemCaseSensitive(it, "name")->valuestring;
            for (cJSON *m = it->child; m; m = m->next) {
                if (!cJSON_IsNumber(m))
                    continue;
                double v = m->valuedouble, nv = other_value(v);
                if (!strcmp(m->string, "clarification_max_rounds") && nv > 100)
                    nv = v - 1;
                if (expected < 64)
                    snprintf(want[expected], sizeof want[0], "%s.%s.%s = %.10g (preset %.10g)", lists[l], name,
                             m->string, nv, v);
                expected++;
                cJSON_SetNumberHelper(m, nv);
            }
        }
    char *changed = cJSON_PrintUnformatted(pj);
    scen_overrides_init(&ov);
    rc = scen_load_text_ex(changed, strlen(changed), "changed.json", &s, &ov, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    /* product_teams.count changes the generated teams, not an extra line */
    if (ov.n != expected)
        for (int i = 0; i < ov.n; i++)
            fprintf(stderr, "override: %s\n", ov.lines[i]);
    assert_int_equal(ov.n, expected);
    for (int i = 0; i < expected && i < 64; i++) {
        if (!has_line(&ov, want[i]))
            fprintf(stderr, "missing override line: %s\n", want[i]);
        assert_true(has_line(&ov, want[i]));
    }
    org_scenario_destroy(&s);
    scen_overrides_free(&ov);
    util_diags_free(&d);
    free(changed);
    cJSON_Delete(pj);
}

/* ---- bundled scenarios ---------------------------------------------------- */

static void test_bundled(void **state)
{
    (void)state;
    const char *files[] = { "postgres-upgrade", "timeseries-feature", "startup-growth", "enterprise", "mmc-queue" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "scenarios/%s.json", files[i]);
        char *p = path_in_src(rel);
        util_diags d;
        util_diags_init(&d);
        org_scenario s;
        int rc = scen_load_file(p, &s, &d);
        if (rc != 0)
            util_diags_print(&d, stderr);
        assert_int_equal(rc, 0);
        assert_string_equal(s.name, files[i]);
        assert_non_null(s.description);
        assert_true(strlen(s.description) > 40);
        org_scenario_destroy(&s);
        util_diags_free(&d);
        free(p);
    }

    org_scenario s;
    size_t len;
    char *text = slurp("scenarios/mmc-queue.json", &len);
    util_diags d;
    util_diags_init(&d);
    assert_int_equal(scen_load_text(text, len, "mmc-queue.json", &s, &d), 0);
    assert_int_equal(s.n_teams, 1);
    assert_int_equal(s.teams[0].size, 3);
    assert_near(s.teams[0].features_per_week, 12, 0);
    assert_int_equal(s.n_models, 1);
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        assert_int_equal(s.models[0].route[k].executor, ORG_EXEC_PRODUCT);
    assert_int_equal(s.models[0].toil_owner, ORG_EXEC_PRODUCT);
    assert_int_equal(s.models[0].enablement, 0);
    assert_int_equal(s.n_hostings, 1);
    assert_near(s.hostings[0].toil_days_per_service_week, 0, 0);
    assert_near(s.hostings[0].incidents_per_service_week, 0, 0);
    assert_int_equal(s.n_templates, 1);
    assert_int_equal(s.templates[0].n_tasks, 1);
    assert_int_equal(s.templates[0].tasks[0].kind, ORG_KIND_APP);
    assert_int_equal(s.templates[0].tasks[0].effort_days.kind, SIM_DIST_EXPONENTIAL);
    assert_near(sim_dist_mean(&s.templates[0].tasks[0].effort_days), 1, 0);
    assert_near(s.knowledge.learning_penalty, 0, 0);
    assert_near(s.people.attrition_per_year, 0, 0);
    assert_int_equal(s.central_size, 0);
    org_scenario_destroy(&s);
    free(text);

    text = slurp("scenarios/timeseries-feature.json", &len);
    assert_int_equal(scen_load_text(text, len, "ts.json", &s, &d), 0);
    assert_int_equal(s.n_projects, 1);
    const org_project *pr = &s.projects[0];
    int seen_cql = 0;
    for (int k = 0; k < pr->n_tasks; k++) {
        assert_int_equal(pr->tasks[k].team, 0);
        if (pr->tasks[k].tech == tech(&s, "cql"))
            seen_cql = 1;
    }
    assert_true(seen_cql);
    /* nobody's stack uses the new technologies */
    const char *fresh[] = { "cassandra", "cql", "selenium", "terraform", "jenkins" };
    for (int t = 0; t < 5; t++)
        for (int i = 0; i < s.n_teams; i++)
            for (int k = 0; k < ORG_TASK_KINDS; k++)
                assert_int_not_equal(s.teams[i].stack[k], tech(&s, fresh[t]));
    org_scenario_destroy(&s);
    free(text);

    text = slurp("scenarios/postgres-upgrade.json", &len);
    assert_int_equal(scen_load_text(text, len, "pg.json", &s, &d), 0);
    assert_int_equal(s.n_projects, 1);
    int db_task = -1;
    for (int k = 0; k < s.projects[0].n_tasks; k++)
        if (s.projects[0].tasks[k].kind == ORG_KIND_DB)
            db_task = k;
    assert_true(db_task >= 0);
    assert_int_equal(s.projects[0].tasks[db_task].tech, tech(&s, "postgresql"));
    assert_int_equal(s.n_hostings, 6);
    org_scenario_destroy(&s);
    free(text);

    text = slurp("scenarios/enterprise.json", &len);
    assert_int_equal(scen_load_text(text, len, "ent.json", &s, &d), 0);
    assert_int_equal(s.n_teams, 20);
    assert_true(s.central_size >= 1);
    assert_near(s.run.measure_days, 260, 0);     /* one working year measured */
    org_scenario_destroy(&s);
    free(text);
    util_diags_free(&d);
}

/* ---- change policies: a design is an ownership model × a change policy ---------- */

static void test_change_policy_pairs(void **state)
{
    (void)state;
    const char *text =
        "{ \"policies\": [ \"on_demand_pipeline\", \"board_and_windows\",\n"
        "    { \"name\": \"weekly\", \"base\": \"board_and_windows\", \"release_window_every_days\": 5 } ],\n"
        "  \"models\": [ \"traditional_ops\",\n"
        "    { \"name\": \"ops_on_demand\", \"base\": \"traditional_ops\", \"change_policy\": \"on_demand_pipeline\" },\n"
        "    { \"name\": \"devops_weekly\", \"base\": \"devops_team\", \"change_policy\": \"weekly\" },\n"
        "    { \"name\": \"devops_own\", \"base\": \"devops_team\", \"change_policy\": \"board_and_windows\",\n"
        "      \"release_window_every_days\": 20, \"effort_factor\": { \"deploy\": 0.3 } } ] }";
    org_scenario s;
    scen_overrides ov;
    scen_overrides_init(&ov);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text_ex(text, strlen(text), "p.json", &s, &ov, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    const org_model *t = model(&s, "traditional_ops"), *od = model(&s, "ops_on_demand");
    const org_model *wk = model(&s, "devops_weekly"), *own = model(&s, "devops_own");
    assert_non_null(t);
    assert_non_null(od);
    assert_non_null(wk);
    assert_non_null(own);
    /* the policy changes only the policy's fields: ownership stays traditional_ops' */
    assert_int_equal(od->deploy_mode, ORG_DEPLOY_ON_DEMAND);
    assert_near(od->effort_factor[ORG_KIND_DEPLOY], 0.2, 0);
    assert_near(od->effort_factor[ORG_KIND_CI], 0.6, 0);
    assert_near(od->effort_factor[ORG_KIND_DB], 1, 0);
    assert_near(od->evaluation_delay_days, t->evaluation_delay_days, 0);
    assert_near(od->clarification_prob, t->clarification_prob, 0);
    assert_string_equal(od->change_policy, "on_demand_pipeline");
    /* a policy defined in the scenario, from its base */
    assert_int_equal(wk->deploy_mode, ORG_DEPLOY_WINDOW);
    assert_near(wk->release_window_every_days, 5, 0);
    assert_near(wk->change_board_every_days, 5, 0);
    assert_near(wk->effort_factor[ORG_KIND_DEPLOY], 1, 0);
    assert_near(wk->evaluation_delay_days, 3, 0);          /* devops_team's */
    /* the object's own fields win over its policy */
    assert_int_equal(own->deploy_mode, ORG_DEPLOY_WINDOW);
    assert_near(own->release_window_every_days, 20, 0);
    assert_near(own->effort_factor[ORG_KIND_DEPLOY], 0.3, 0);
    assert_near(own->effort_factor[ORG_KIND_CI], 1, 0);
    assert_true(has_line(&ov, "models.ops_on_demand.change_policy = on_demand_pipeline (traditional_ops: board_and_windows)"));
    org_scenario_destroy(&s);
    scen_overrides_free(&ov);
    util_diags_free(&d);

    load_bad("{\"models\": [{\"name\": \"x\", \"base\": \"devops_team\", \"change_policy\": \"board_and_windowz\"}]}",
             "$.models[0].change_policy: unknown change policy \"board_and_windowz\"; did you mean 'board_and_windows'?");
    load_bad("{\"models\": [{\"name\": \"x\", \"base\": \"devops_team\", \"change_policy\": 3}]}",
             "$.models[0].change_policy: must be the name of a change policy");
    /* a scenario's list selects: a policy left out cannot be named */
    load_bad("{\"policies\": [\"on_demand_pipeline\"], \"models\": [{\"name\": \"x\", \"base\": \"devops_team\","
             " \"change_policy\": \"board_and_windows\"}]}",
             "unknown change policy \"board_and_windows\" (policies: on_demand_pipeline;");
    load_bad("{\"policies\": [{\"name\": \"mine\", \"deploy_mode\": \"window\"}]}",
             "$.policies[0].name: unknown change policy 'mine': to define a new change policy, add \"base\"");
    load_bad("{\"policies\": [{\"name\": \"mine\", \"base\": \"board_and_windows\", \"deploy_effort_factor\": 2}]}",
             "$.policies[0].deploy_effort_factor");
    /* flow: a Beta of that mean and spread must exist */
    load_bad("{\"flow\": {\"interruption_share\": 0.1, \"interruption_sd\": 0.4}}",
             "$.flow.interruption_sd: 0.4 is too wide for a share of mean 0.1");
    /* switching between features and the WIP limit (org_wip.c) */
    load_bad("{\"flow\": {\"switch_loss\": -0.1}}", "$.flow.switch_loss: must be a number in [0, 0.75], got -0.1");
    load_bad("{\"flow\": {\"switch_loss\": 0.8}}", "$.flow.switch_loss: must be a number in [0, 0.75], got 0.8");
    load_bad("{\"flow\": {\"switch_loss\": \"high\"}}", "$.flow.switch_loss");
    load_bad("{\"flow\": {\"wip_limit\": -1}}", "$.flow.wip_limit: must be an integer in [0, 100000], got -1");
    load_bad("{\"flow\": {\"wip_limit\": 1.5}}", "$.flow.wip_limit: must be an integer in [0, 100000], got 1.5");
    /* unplanned work and rework (org_unplanned.c) */
    load_bad("{\"flow\": {\"unplanned_share\": -0.01}}", "$.flow.unplanned_share: must be a number in [0, 0.6], got -0.01");
    load_bad("{\"flow\": {\"unplanned_effort_days\": 21}}", "$.flow.unplanned_effort_days: must be a number in [0.01, 20], got 21");
    load_bad("{\"flow\": {\"unplanned_net_days\": 261}}", "$.flow.unplanned_net_days: must be a number in [0, 260], got 261");
}

/* ---- overrides ---------------------------------------------------------------- */

/* Listed teams alike in size, rate and stack read as one group in the
 * assumptions (large-enterprise's 180 listed teams filled 37 deck pages);
 * a team unlike its neighbours stays on its own line. */
static void test_overrides_team_groups(void **state)
{
    (void)state;
    static const char text[] =
        "{\"technologies\":[{\"name\":\"python\",\"kind\":\"app\"}],"
        "\"teams\":[{\"name\":\"a-1\",\"stack\":{\"app\":\"python\"}},{\"name\":\"a-2\",\"stack\":{\"app\":\"python\"}},"
        "{\"name\":\"a-3\",\"stack\":{\"app\":\"python\"}},{\"name\":\"b-1\",\"size\":3},{\"name\":\"b-2\",\"size\":3},"
        "{\"name\":\"c\",\"size\":4,\"features_per_week\":2},{\"name\":\"b-3\",\"size\":3}]}";
    org_scenario s;
    scen_overrides ov;
    scen_overrides_init(&ov);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text_ex(text, strlen(text), "groups.json", &s, &ov, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    static const char *const want[] = {
        "teams.a-1 … a-3 (3 teams) = 6 engineers, 1 feature/week each",
        "teams.a-1 … a-3 (3 teams): stack.app = python (scenario stack java)",
        "teams.b-1 and b-2 (2 teams) = 3 engineers, 1 feature/week each",
        "teams.c = 4 engineers, 2 features/week",
        "teams.b-3 = 3 engineers, 1 feature/week",   /* alike b-1 and b-2 but not next to them */
    };
    int teams = 0;
    for (int i = 0; i < ov.n; i++)
        teams += strncmp(ov.lines[i], "teams.", 6) == 0;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!has_line(&ov, want[i]))
            fprintf(stderr, "missing override line: %s\n", want[i]);
        assert_true(has_line(&ov, want[i]));
    }
    assert_int_equal(teams, (int)(sizeof want / sizeof want[0]));
    org_scenario_destroy(&s);
    scen_overrides_free(&ov);
    util_diags_free(&d);
}

static void test_overrides(void **state)
{
    (void)state;
    const char *text =
        "{ \"models\": [ \"devops_team\", { \"name\": \"traditional_ops\", \"release_window_every_days\": 5,\n"
        "    \"route\": { \"test\": \"central\" }, \"effort_factor\": { \"deploy\": 0.5 } } ],\n"
        "  \"hosting\": [ { \"name\": \"iaas\", \"effort\": { \"db\": 0.5 }, \"restore_days\": 0.3 }, \"paas\" ],\n"
        "  \"knowledge\": { \"learning_penalty\": 2 }, \"replications\": 3, \"seed\": 42,\n"
        "  \"stack\": { \"db\": \"cassandra\" } }";
    org_scenario s;
    scen_overrides ov;
    scen_overrides_init(&ov);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text_ex(text, strlen(text), "o.json", &s, &ov, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    /* selection and order as written */
    assert_int_equal(s.n_models, 2);
    assert_string_equal(s.models[0].name, "devops_team");
    const org_model *t = model(&s, "traditional_ops");
    assert_non_null(t);
    assert_near(t->release_window_every_days, 5, 0);
    assert_near(t->change_board_every_days, 5, 0);        /* untouched */
    assert_near(t->evaluation_delay_days, 10, 0);         /* untouched */
    assert_int_equal(t->route[ORG_KIND_TEST].executor, ORG_EXEC_CENTRAL);
    assert_int_equal(t->route[ORG_KIND_APP].executor, ORG_EXEC_PRODUCT);   /* partial map */
    assert_near(t->effort_factor[ORG_KIND_DEPLOY], 0.5, 0);
    assert_near(t->effort_factor[ORG_KIND_CI], 1, 0);
    assert_near(model(&s, "devops_team")->effort_factor[ORG_KIND_DEPLOY], 0.2, 0);
    const org_hosting *h = hosting(&s, "iaas");
    assert_near(h->effort[ORG_KIND_DB], 0.5, 0);
    assert_near(h->effort[ORG_KIND_VM], 0.8, 0);          /* untouched */
    assert_int_equal(h->restore_days.kind, SIM_DIST_CONSTANT);
    assert_near(h->restore_days.a, 0.3, 0);
    assert_int_equal(hosting(&s, "paas")->restore_days.kind, SIM_DIST_LOGNORMAL);
    assert_near(s.knowledge.learning_penalty, 2, 0);
    assert_near(s.knowledge.novice_skill, 0.2, 0);
    assert_int_equal(s.run.replications, 3);
    assert_true(s.run.seed == 42);
    assert_int_equal(s.teams[0].stack[ORG_KIND_DB], tech(&s, "cassandra"));

    assert_true(has_line(&ov, "models.traditional_ops.release_window_every_days = 5 (preset 10)"));
    assert_true(has_line(&ov, "models.traditional_ops.route.test = central (preset product)"));
    assert_true(has_line(&ov, "models.traditional_ops.effort_factor.deploy = 0.5 (preset 1)"));
    assert_true(has_line(&ov, "hosting.iaas.effort.db = 0.5 (preset 0.8)"));
    assert_true(has_line(&ov, "hosting.iaas.restore_days = 0.3 (preset lognormal(median 0.2, p90 1.2))"));
    assert_true(has_line(&ov, "knowledge.learning_penalty = 2 (preset 1)"));
    assert_true(has_line(&ov, "replications = 3 (preset 10)"));
    assert_true(has_line(&ov, "seed = 42 (preset 1)"));
    assert_true(has_line(&ov, "stack.db = cassandra (preset postgresql)"));
    assert_true(has_line(&ov, "models = devops_team, traditional_ops (preset: traditional_ops, devops_team, true_devops)"));
    assert_true(has_line(&ov, "hosting = iaas, paas (preset: on_prem, colocation, iaas, containers, paas, serverless)"));
    /* a value equal to the preset is not an override */
    for (int i = 0; i < ov.n; i++)
        assert_null(strstr(ov.lines[i], "change_board"));
    scen_overrides_free(&ov);
    org_scenario_destroy(&s);

    /* "default" in a kind map, then a named kind */
    load_ok("{\"hosting\": [{\"name\": \"on_prem\", \"volume\": {\"default\": 0.5, \"db\": 2}}]}", &s);
    for (int k = 0; k < ORG_TASK_KINDS; k++)
        assert_near(s.hostings[0].volume[k], k == ORG_KIND_DB ? 2 : 0.5, 0);
    org_scenario_destroy(&s);

    /* the empty scenario equals the presets and lists no overrides */
    scen_overrides_init(&ov);
    assert_int_equal(scen_load_text_ex("{}", 2, "empty.json", &s, &ov, &d), 0);
    assert_int_equal(ov.n, 0);
    assert_string_equal(s.name, "empty");
    org_scenario_destroy(&s);
    scen_overrides_free(&ov);
    util_diags_free(&d);
}

static void test_new_model_and_hosting(void **state)
{
    (void)state;
    const char *text =
        "{ \"models\": [ \"traditional_ops\", \"devops_team\", \"true_devops\",\n"
        "    { \"name\": \"sre\", \"base\": \"devops_team\", \"central_name\": \"SRE team\",\n"
        "      \"incident_first_response\": \"product\", \"route\": { \"monitoring\": \"central_service\" } } ],\n"
        "  \"hosting\": [ \"on_prem\", \"colocation\", \"iaas\", \"containers\", \"paas\", \"serverless\",\n"
        "    { \"name\": \"edge\", \"base\": \"serverless\", \"toil_days_per_service_week\": 0.02,\n"
        "      \"exists\": { \"network\": true }, \"restore_days\": { \"dist\": \"exponential\", \"mean\": 0.1 } } ] }";
    org_scenario s;
    scen_overrides ov;
    scen_overrides_init(&ov);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text_ex(text, strlen(text), "n.json", &s, &ov, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(s.n_models, 4);
    const org_model *m = &s.models[3];
    assert_string_equal(m->name, "sre");
    assert_string_equal(m->central_name, "SRE team");
    assert_int_equal(m->incident_first_response, ORG_EXEC_PRODUCT);
    assert_int_equal(m->route[ORG_KIND_MONITORING].channel, ORG_CHANNEL_SERVICE);
    assert_int_equal(m->route[ORG_KIND_DB].executor, ORG_EXEC_CENTRAL);     /* from the base */
    assert_near(m->effort_factor[ORG_KIND_DEPLOY], 0.2, 0);                 /* from the base */
    assert_int_equal(s.n_hostings, 7);
    const org_hosting *h = &s.hostings[6];
    assert_string_equal(h->name, "edge");
    assert_near(h->toil_days_per_service_week, 0.02, 0);
    assert_int_equal(h->exists[ORG_KIND_NETWORK], 1);
    assert_int_equal(h->exists[ORG_KIND_VM], 0);                            /* from the base */
    assert_near(h->effort[ORG_KIND_DB], 0.15, 0);
    assert_int_equal(h->restore_days.kind, SIM_DIST_EXPONENTIAL);
    /* the base preset is unchanged */
    assert_int_equal(s.hostings[5].exists[ORG_KIND_NETWORK], 0);
    assert_true(has_line(&ov, "models.sre = new model based on devops_team"));
    assert_true(has_line(&ov, "models.sre.central_name = SRE team (devops_team: DevOps team)"));
    assert_true(has_line(&ov, "hosting.edge = new hosting point based on serverless"));
    assert_true(has_line(&ov, "hosting.edge.toil_days_per_service_week = 0.02 (serverless: 0.05)"));
    scen_overrides_free(&ov);
    org_scenario_destroy(&s);
    util_diags_free(&d);
}

static void test_templates_teams_projects(void **state)
{
    (void)state;
    org_scenario s;
    load_ok("{ \"technologies\": [ { \"name\": \"mysql\", \"kind\": \"db\" }, { \"name\": \"cassandra\", \"kind\": \"db\" } ],\n"
            "  \"templates\": [ { \"name\": \"standard_feature\", \"weight\": 3 },\n"
            "                 { \"name\": \"tiny\", \"tasks\": [ { \"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1 },\n"
            "                     { \"name\": \"d\", \"kind\": \"db\", \"tech\": \"mysql\", \"effort_days\": 1, \"after\": [\"a\"],\n"
            "                       \"probability\": 0.5 } ] } ],\n"
            "  \"teams\": [ { \"name\": \"checkout\", \"size\": 8, \"stack\": { \"db\": \"mysql\" } } ],\n"
            "  \"product_teams\": { \"count\": 2, \"size\": 3, \"features_per_week\": 2.5, \"name_prefix\": \"svc\" },\n"
            "  \"central_team\": { \"size\": 7 },\n"
            "  \"projects\": [ { \"name\": \"p\", \"team\": \"svc2\", \"start_day\": 100,\n"
            "                  \"tasks\": [ { \"name\": \"x\", \"kind\": \"iac\", \"effort_days\": { \"median\": 1, \"p90\": 2 } } ] } ] }",
            &s);
    assert_int_equal(s.n_techs, 18);
    assert_int_equal(s.techs[17].kind, ORG_KIND_DB);
    assert_int_equal(s.n_templates, 2);
    assert_near(s.templates[0].weight, 3, 0);
    assert_int_equal(s.templates[0].n_tasks, 14);
    assert_near(s.templates[1].weight, 1, 0);
    assert_int_equal(s.templates[1].tasks[1].tech, tech(&s, "mysql"));
    assert_near(s.templates[1].tasks[1].probability, 0.5, 0);
    assert_int_equal(s.templates[1].tasks[1].after[0], 0);
    assert_int_equal(s.n_teams, 3);
    assert_string_equal(s.teams[0].name, "checkout");
    assert_int_equal(s.teams[0].size, 8);
    assert_near(s.teams[0].features_per_week, 2.5, 0);    /* product_teams' default */
    assert_int_equal(s.teams[0].stack[ORG_KIND_DB], tech(&s, "mysql"));
    assert_int_equal(s.teams[0].stack[ORG_KIND_APP], tech(&s, "java"));
    assert_string_equal(s.teams[2].name, "svc2");
    assert_int_equal(s.teams[2].size, 3);
    assert_int_equal(s.teams[2].stack[ORG_KIND_DB], tech(&s, "postgresql"));
    assert_int_equal(s.central_size, 7);
    assert_int_equal(s.n_projects, 1);
    assert_near(s.projects[0].start_day, 100, 0);
    assert_int_equal(s.projects[0].tasks[0].team, 2);
    assert_int_equal(s.projects[0].tasks[0].tech, -1);
    org_scenario_destroy(&s);

    /* only explicit teams when product_teams is not given */
    load_ok("{ \"teams\": [ { \"name\": \"a\" }, { \"name\": \"b\", \"features_per_week\": 0 } ] }", &s);
    assert_int_equal(s.n_teams, 2);
    assert_int_equal(s.teams[0].size, 6);
    org_scenario_destroy(&s);
}

/* ---- distributions ------------------------------------------------------------ */

static void test_distributions(void **state)
{
    (void)state;
    struct {
        const char *json;
        sim_dist_kind kind;
        double mean;
    } cases[] = {
        { "2.5", SIM_DIST_CONSTANT, 2.5 },
        { "{\"dist\": \"constant\", \"value\": 4}", SIM_DIST_CONSTANT, 4 },
        { "{\"dist\": \"exponential\", \"mean\": 1.5}", SIM_DIST_EXPONENTIAL, 1.5 },
        { "{\"dist\": \"triangular\", \"min\": 1, \"mode\": 2, \"max\": 6}", SIM_DIST_TRIANGULAR, 3 },
        { "{\"dist\": \"gamma\", \"shape\": 2, \"scale\": 1.5}", SIM_DIST_GAMMA, 3 },
        { "{\"dist\": \"uniform\", \"low\": 1, \"high\": 3}", SIM_DIST_UNIFORM, 2 },
        { "{\"dist\": \"empirical\", \"values\": [1, 2, 6]}", SIM_DIST_EMPIRICAL, 3 },
        { "{\"median\": 3, \"p90\": 8}", SIM_DIST_LOGNORMAL, -1 },
        { "{\"dist\": \"lognormal\", \"median\": 3, \"p90\": 8}", SIM_DIST_LOGNORMAL, -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", "
                 "\"kind\": \"app\", \"effort_days\": %s}]}]}", cases[i].json);
        org_scenario s;
        load_ok(text, &s);
        const sim_dist *dd = &s.templates[0].tasks[0].effort_days;
        assert_int_equal(dd->kind, cases[i].kind);
        if (cases[i].mean >= 0)
            assert_near(sim_dist_mean(dd), cases[i].mean, 1e-12);
        else {
            /* median 3, p90 8: mu = ln 3, sigma = ln(8/3) / z0.9 */
            assert_near(dd->a, log(3.0), 1e-12);
            assert_near(dd->b, log(8.0 / 3.0) / 1.2815515655446004, 1e-9);
            char buf[96];
            assert_string_equal(scen_dist_describe(dd, buf, sizeof buf), "lognormal(median 3, p90 8)");
        }
        org_scenario_destroy(&s);
    }
    struct {
        const char *json, *needle;
    } bad[] = {
        { "-1", "must be a number of days ≥ 0, got -1" },
        { "\"3 days\"", "must be a number of days, {\"median\": m, \"p90\": q}" },
        { "{\"median\": 3}", "missing \"p90\"" },
        { "{\"median\": 0, \"p90\": 1}", "median: must be a number > 0, got 0" },
        { "{\"median\": 3, \"p90\": 3}", "must be greater than the median" },
        { "{\"dist\": \"exponential\"}", "missing \"mean\"" },
        { "{\"dist\": \"exponential\", \"mean\": 1, \"sd\": 2}", "unknown key \"sd\"" },
        { "{\"dist\": \"triangular\", \"min\": 3, \"mode\": 2, \"max\": 6}", "needs min ≤ mode ≤ max" },
        { "{\"dist\": \"gamma\", \"shape\": 0, \"scale\": 1}", "shape: must be a number > 0" },
        { "{\"dist\": \"uniform\", \"low\": 3, \"high\": 1}", "needs low ≤ high" },
        { "{\"dist\": \"empirical\", \"values\": []}", "got an empty array" },
        { "{\"dist\": \"poisson\", \"mean\": 1}", "unknown value \"poisson\"" },
        { "{\"mean\": 1}", "unknown key \"mean\"" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", "
                 "\"kind\": \"app\", \"effort_days\": %s}]}]}", bad[i].json);
        load_bad(text, bad[i].needle);
    }
    load_bad("{\"hosting\": [{\"name\": \"iaas\", \"restore_days\": {\"dist\": \"uniform\", \"low\": -1, \"high\": 1}}]}",
             "$.hosting[0].restore_days.low: must be a number ≥ 0, got -1");
}

/* ---- syntax errors and their positions -------------------------------------------- */

static void expect_pos(const char *text, size_t len, int line, int col, const char *needle)
{
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    int rc = scen_load_text(text, len, "pos.json", &s, &d);
    assert_int_equal(rc, -1);
    assert_int_equal(d.n, 1);
    if (d.items[0].line != line || d.items[0].col != col || !strstr(d.items[0].message, needle)) {
        fprintf(stderr, "input: %.*s\nwanted %d:%d %s\n", (int)len, text, line, col, needle);
        util_diags_print(&d, stderr);
    }
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].col, col);
    assert_non_null(strstr(d.items[0].message, needle));
    util_diags_free(&d);
}

#define POS(text, line, col, needle) expect_pos(text, sizeof(text) - 1, line, col, needle)

static void test_syntax_positions(void **state)
{
    (void)state;
    POS("{\n  \"a\": 1,\n}", 2, 9, "trailing comma");
    POS("{\"a\" 1}", 1, 6, "expected ':'");
    POS("{\n\n   \"name\": \"x\" \"seed\": 1}", 3, 16, "missing ','");
    POS("[1, 2,]", 1, 7, "trailing comma before ']'");
    POS("{\"a\": [1 2]}", 1, 10, "missing ',' between elements");
    POS("{\"a\": tru}", 1, 7, "unexpected word 'tru'");
    POS("{\"a\": \"x\\q\"}", 1, 9, "invalid escape");
    POS("{\"a\": \"\\ud800\"}", 1, 8, "high surrogate");
    POS("{\"a\": \"\\u0000\"}", 1, 8, "NUL character");
    POS("{\"a\": -}", 1, 7, "'-' must be followed by a digit");
    POS("{\"a\": 1.}", 1, 8, "a digit must follow the decimal point");
    POS("{\"a\": 1e}", 1, 7, "incomplete exponent");
    POS("{\"a\": .5}", 1, 7, "digit before the decimal point");
    POS("{\"a\": +1}", 1, 7, "cannot start with '+'");
    POS("{\"a\": Infinity}", 1, 7, "not a JSON number");
    POS("{\"a\": \"\t\"}", 1, 8, "control character");
    POS("{\"a\": 1} x", 1, 10, "unexpected text after the end");
    POS("{\"a\": [", 1, 8, "missing ']' for the array opened at line 1, column 7");
    POS("\xef\xbb\xbf{\"a\" 1}", 1, 6, "expected ':'");                  /* BOM is skipped, counted 1 column */
    POS("{\r\n\"a\": 1,\r\n}", 2, 7, "trailing comma");                /* CRLF */
    POS("{\"é€𝄞\": 1,}", 1, 10, "trailing comma");                     /* columns count characters */
    POS("{\"a\": \xc3\x28}", 1, 7, "invalid UTF-8");
    POS("{\"a\": \xed\xa0\x80}", 1, 7, "surrogate");
    POS("{\"a\": \xe2\x80\x9cx\xe2\x80\x9d}", 1, 7, "typographic quote");
    POS("{\"a\":\xc2\xa0" "1}", 1, 6, "non-breaking space");
    expect_pos("{\"a\": 1\0}", 9, 1, 8, "NUL byte");

    /* the excerpt shows the offending line with a caret under the error */
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    const char *text = "{\n\t\"seed\": 1,\n\t\"replications\": 2 3\n}";
    assert_int_equal(scen_load_text(text, strlen(text), "x.json", &s, &d), -1);
    assert_int_equal(d.items[0].line, 3);
    assert_string_equal(d.items[0].excerpt, " \"replications\": 2 3");
    assert_int_equal(d.items[0].caret, 19);
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    assert_non_null(f);
    assert_int_equal(util_diags_print(&d, f), 1);
    fclose(f);
    assert_non_null(strstr(buf, "devopsim: x.json:3:20: expected ',' or '}'"));
    assert_non_null(strstr(buf, " 3 |  \"replications\": 2 3\n   |                    ^\n"));
    free(buf);
    util_diags_free(&d);

    /* nesting: our limit, far below cJSON's */
    char deep[400];
    memset(deep, '[', 200);
    memset(deep + 200, ']', 200);
    expect_pos(deep, sizeof deep, 1, 65, "nested too deeply");
    expect_pos("", 0, 0, 0, "the file is empty");
    expect_pos(" \n\t ", 4, 0, 0, "the file is empty");
}

/* ---- semantic errors ---------------------------------------------------------------- */

static void test_semantic_errors(void **state)
{
    (void)state;
    struct {
        const char *text, *needle;
    } c[] = {
        /* types and ranges */
        { "\"x\"", "$: a scenario must be a JSON object { … }, got \"x\"" },
        { "{\"replications\": 0}", "$.replications: must be an integer ≥ 1, got 0" },
        { "{\"replications\": 2.5}", "$.replications: must be an integer ≥ 1, got 2.5" },
        { "{\"seed\": -1}", "$.seed: must be an integer in [0, 9007199254740992], got -1" },
        { "{\"hours_per_day\": 25}", "$.hours_per_day: must be a number in (0, 24], got 25" },
        { "{\"run\": {\"warmup_days\": -5}}", "$.run.warmup_days: must be a number ≥ 0, got -5" },
        { "{\"run\": []}", "$.run: must be an object { … }, got an array" },
        { "{\"knowledge\": {\"threshold\": 1.2}}", "$.knowledge.threshold: must be a number in [0, 1], got 1.2" },
        { "{\"knowledge\": {\"skill_half_life_days\": 0}}", "must be a number > 0, got 0" },
        { "{\"people\": {\"attrition_per_year\": null}}", "must be a number in [0, 10], got null" },
        { "{\"incidents\": {\"nobody_knows_factor\": 0.5}}", "must be a number ≥ 1, got 0.5" },
        { "{\"oncall\": {\"cover\": \"weekends\"}}",
          "$.oncall.cover: unknown value \"weekends\" (one of business_hours, 24x7, follow_the_sun)" },
        { "{\"oncall\": {\"night_restore_factor\": 0.5}}", "$.oncall.night_restore_factor: must be a number in [1, 100], got 0.5" },
        { "{\"enablement\": {\"effort_cut\": 1}}", "$.enablement.effort_cut: must be a number in [0, 1), got 1" },
        { "{\"targets\": {\"oncall_24x7\": true}}", "$.targets.oncall_24x7: was removed: the staffing search's on-call floor follows oncall.cover" },
        { "{\"targets\": {\"lead_time_p85_days\": 9, \"oncall_min_rotation\": 8}}",
          "$.targets.oncall_min_rotation: was removed: oncall.min_rotation (one-site 24x7)" },
        { "{\"oncall\": {\"business_hours_incident_ratio\": 0}}",
          "$.oncall.business_hours_incident_ratio: must be a number in (0, 1000], got 0" },
        { "{\"costs\": {\"product_engineer_per_year\": -1}}", "must be a number ≥ 0, got -1" },
        { "{\"teams\": [{\"name\": \"a\", \"size\": 0}]}", "$.teams[0].size: must be an integer ≥ 1, got 0" },
        { "{\"teams\": [{\"name\": \"a\", \"features_per_week\": -1}]}", "must be a number in [0, 100], got -1" },
        { "{\"teams\": [{\"size\": 3}]}", "$.teams[0]: missing \"name\"" },
        { "{\"teams\": [3]}", "$.teams[0]: must be a team object" },
        { "{\"teams\": {}}", "$.teams: must be an array of teams" },
        { "{\"central_team\": {\"size\": -1}}", "$.central_team.size: must be an integer ≥ 0, got -1" },
        { "{\"models\": [{\"name\": \"true_devops\", \"clarification_max_rounds\": 1.5}]}",
          "$.models[0].clarification_max_rounds: must be an integer in [0, 100], got 1.5" },
        { "{\"models\": [{\"name\": \"true_devops\", \"deploy_mode\": \"windows\"}]}",
          "$.models[0].deploy_mode: unknown value \"windows\"; did you mean 'window'?" },
        { "{\"models\": [{\"name\": \"true_devops\", \"toil_owner\": \"ops\"}]}", "unknown value \"ops\" (one of product, central)" },
        { "{\"models\": [{\"name\": \"true_devops\", \"effort_factor\": {\"deploy\": -1}}]}",
          "$.models[0].effort_factor.deploy: must be a number in [0, 1000], got -1" },
        { "{\"models\": [{\"name\": \"true_devops\", \"central_name\": \"\"}]}", "$.models[0].central_name: must be a non-empty text" },
        { "{\"models\": [{\"name\": \"true_devops\", \"route\": \"product\"}]}", "$.models[0].route: must be an object mapping kinds" },
        { "{\"models\": [{\"name\": \"true_devops\", \"route\": {\"toil\": \"product\"}}]}", "$.models[0].route: unknown key \"toil\"" },
        { "{\"models\": [3]}", "$.models[0]: must be a preset name or an object" },
        { "{\"models\": \"true_devops\"}", "$.models: must be an array of model names" },
        { "{\"hosting\": [{\"name\": \"iaas\", \"volume\": {\"db\": true}}]}", "$.hosting[0].volume.db: must be a number in [0, 1000], got true" },
        { "{\"product_teams\": {\"name_prefix\": \"a b\"}}", "$.product_teams.name_prefix: must be a text of at most 50" },
        { "{\"technologies\": [{\"name\": \"x\", \"kind\": \"database\"}]}", "$.technologies[0].kind: unknown kind of work \"database\"" },
        { "{\"technologies\": [{\"name\": \"x\"}, {\"name\": \"x\"}]}", "$.technologies[1].name: duplicate technology 'x'" },
        { "{\"name\": \"\"}", "$.name: must be a name of letters" },
        { "{\"name\": \"0123456789012345678901234567890123456789012345678901234567890123456789\"}", "name is too long" },
        { "{\"description\": 7}", "$.description: must be a text in double quotes, got 7" },
        { "{\"summary\": [\"a\"]}", "$.summary: must be a text in double quotes, got an array" },
        { "{\"summary\": \"\"}", "$.summary: is empty (leave it out: the deck's cover then shows the description's start)" },
        { "{\"costs\": {\"currency\": \"eur\"}}", "$.costs.currency: must be an ISO 4217 currency code (three capital letters" },
        { "{\"costs\": {\"currency\": 978}}", "$.costs.currency: must be an ISO 4217 currency code" },
        /* unknown keys, with suggestions */
        { "{\"knowlege\": {}}", "$: unknown key \"knowlege\"; did you mean 'knowledge'?" },
        { "{\"Seed\": 1}", "$: unknown key \"Seed\"; did you mean 'seed'?" },
        { "{\"run\": {\"warmup\": 10}}", "$.run: unknown key \"warmup\"; did you mean 'warmup_days'?" },
        { "{\"teams\": [{\"name\": \"a\", \"features\": 2}]}", "did you mean 'features_per_week'?" },
        { "{\"zzzzzz\": 1}", "unknown key \"zzzzzz\" (expected one of: $schema, name" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort\": 1}]}]}",
          "$.templates[0].tasks[0]: unknown key \"effort\"; did you mean 'effort_days'?" },
        { "{\"projects\": [{\"name\": \"p\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1, \"probability\": 1}]}]}",
          "$.projects[0].tasks[0]: unknown key \"probability\"" },
        /* names that do not exist */
        { "{\"hosting\": [\"on-prem\"]}", "unknown hosting point \"on-prem\"; did you mean 'on_prem'?" },
        { "{\"models\": [{\"name\": \"x\", \"base\": \"devops\"}]}", "$.models[0].base: unknown model \"devops\"; did you mean 'devops_team'?" },
        { "{\"templates\": [\"standard\"]}", "unknown template \"standard\"; did you mean 'standard_feature'?" },
        { "{\"templates\": [{\"name\": \"t\"}]}", "$.templates[0]: missing \"tasks\"" },
        { "{\"teams\": [{\"name\": \"a\", \"stack\": {\"db\": \"cassandr\"}}]}",
          "$.teams[0].stack.db: unknown technology \"cassandr\"; did you mean 'cassandra'?" },
        { "{\"teams\": [{\"name\": \"a\", \"stack\": {\"dbs\": \"cassandra\"}}]}", "$.teams[0].stack: unknown key \"dbs\"; did you mean 'db'?" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"tech\": \"jav\", \"effort_days\": 1}]}]}",
          "unknown technology \"jav\"; did you mean 'java'?" },
        { "{\"projects\": [{\"name\": \"p\", \"team\": \"nope\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}]}]}",
          "$.projects[0].team: unknown team \"nope\"" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"b\"]}]}]}",
          "unknown task \"b\"" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}, "
          "{\"name\": \"b\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"a\", \"a\"]}]}]}", "task 'a' is listed twice" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1, \"after\": \"b\"}]}]}",
          "after: must be an array of task names" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"incident\", \"effort_days\": 1}]}]}",
          "'incident' is not a kind of task" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": []}]}", "$.templates[0].tasks: must list at least one task" },
        /* cycles, duplicates */
        { "{\"projects\": [{\"name\": \"p\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"b\"]},"
          "{\"name\": \"b\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"a\"]}]}]}", "cycle: a → b → a" },
        { "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"x\", \"kind\": \"app\", \"effort_days\": 1},"
          "{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"x\", \"c\"]},"
          "{\"name\": \"b\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"a\"]},"
          "{\"name\": \"c\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"b\"]}]}]}", "cycle: a → c → b → a" },
        { "{\"models\": [\"true_devops\", \"true_devops\"]}", "$.models[1]: duplicate model 'true_devops'" },
        { "{\"projects\": [{\"name\": \"p\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}]},"
          "{\"name\": \"p\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}]}]}", "duplicate project name 'p'" },
        { "{\"teams\": [{\"name\": \"team-1\"}], \"product_teams\": {\"count\": 2}}", "generated team name 'team-1' is also the name" },
        { "{\"run\": {\"warmup_days\": 1, \"warmup_days\": 2}}", "$.run: duplicate key \"warmup_days\"" },
        /* cross-checks */
        { "{\"templates\": [{\"name\": \"standard_feature\", \"weight\": 0}]}", "no feature template has a weight > 0" },
        { "{\"teams\": [{\"name\": \"a\", \"stack\": {\"iac\": null}}]}", "$.teams[0].stack: team 'a' has no technology for 'iac'" },
        { "{\"models\": [\"devops_team\"], \"central_team\": {\"size\": 0}}", "is 0, but model 'devops_team' sends work to its DevOps team" },
        { "{\"targets\": {\"max_utilization\": 0}}", "$.targets: states no target" },
        /* limits */
        { "{\"run\": {\"warmup_days\": 3000, \"measure_days\": 3000}}", "$.run: warm-up + measured + drain = 6250 working days" },
        { "{\"replications\": 1e9}", "above the limit of 10000" },
        { "{\"teams\": [{\"name\": \"a\", \"size\": 200000}]}", "$.teams[0].size: 200000 is above the limit of 100000" },
        { "{\"product_teams\": {\"count\": 100, \"size\": 1000}, \"central_team\": {\"size\": 1}}", "100001 engineers in all teams" },
        { "{\"product_teams\": {\"count\": 20000}}", "$.product_teams.count: 20000 is above the limit of 10000" },
        { "{\"product_teams\": {\"features_per_week\": 100, \"count\": 5000, \"size\": 1}, \"replications\": 100}",
          "features would be simulated" },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        load_bad(c[i].text, c[i].needle);

    /* the presets ignore case nowhere: keys are case-sensitive */
    load_bad("{\"Models\": []}", "unknown key \"Models\"; did you mean 'models'?");

    /* a summary longer than the cover holds, counted in characters: 320
     * "é" (640 bytes) load, 321 do not */
    char text[16 + 2 * 321 + 4];
    for (int n = 320; n <= 321; n++) {
        size_t o = (size_t)snprintf(text, sizeof text, "{\"summary\": \"");
        for (int i = 0; i < n; i++)
            o += (size_t)snprintf(text + o, sizeof text - o, "\xc3\xa9");
        snprintf(text + o, sizeof text - o, "\"}");
        if (n == 320) {
            org_scenario ok;
            load_ok(text, &ok);
            assert_int_equal(strlen(ok.summary), 640);
            org_scenario_destroy(&ok);
        } else
            load_bad(text, "$.summary: is 321 characters: the deck's cover has room for 320 (put the rest in \"description\")");
    }
}

static void test_all_problems_reported(void **state)
{
    (void)state;
    const char *text = "{\"replications\": 0, \"run\": {\"measure_days\": -1}, \"teams\": [{\"name\": \"a\", \"size\": -3}],"
                       " \"modles\": [], \"knowledge\": {\"threshold\": 2}}";
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    assert_int_equal(scen_load_text(text, strlen(text), "m.json", &s, &d), -1);
    assert_int_equal(util_diags_count(&d), 5);
    assert_true(util_diags_contains(&d, "$.replications"));
    assert_true(util_diags_contains(&d, "$.run.measure_days"));
    assert_true(util_diags_contains(&d, "$.teams[0].size"));
    assert_true(util_diags_contains(&d, "did you mean 'models'"));
    assert_true(util_diags_contains(&d, "$.knowledge.threshold"));
    util_diags_free(&d);

    /* the cap: 50 stored, the rest counted and summarised */
    char big[8192];
    size_t o = 0;
    o += (size_t)snprintf(big + o, sizeof big - o, "{");
    for (int i = 0; i < 80; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "%s\"bogus%02d\": %d", i ? "," : "", i, i);
    snprintf(big + o, sizeof big - o, "}");
    util_diags_init(&d);
    assert_int_equal(scen_load_text(big, strlen(big), "cap.json", &s, &d), -1);
    assert_int_equal(d.n, UTIL_DIAGS_MAX);
    assert_int_equal(d.more, 30);
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    assert_int_equal(util_diags_print(&d, f), 80);
    fclose(f);
    assert_non_null(strstr(buf, "devopsim: cap.json: … and 30 more problems (the first 50 are shown)"));
    free(buf);
    util_diags_free(&d);
}

/* ---- suggestions, limits, files ------------------------------------------------------------ */

static void test_suggest(void **state)
{
    (void)state;
    assert_int_equal(util_edit_distance("kitten", "sitting", 10), 3);
    assert_int_equal(util_edit_distance("", "abc", 10), 3);
    assert_int_equal(util_edit_distance("same", "same", 0), 0);
    assert_int_equal(util_edit_distance("abcdef", "uvwxyz", 2), 3);   /* capped: cap + 1 */
    const char *c[] = { "traditional_ops", "devops_team", "true_devops" };
    assert_string_equal(util_suggest("traditonal_ops", c, 3), "traditional_ops");
    assert_string_equal(util_suggest("TRUE_DEVOPS", c, 3), "true_devops");
    assert_string_equal(util_suggest("true-devops", c, 3), "true_devops");
    assert_string_equal(util_suggest("devops", c, 3), "devops_team");
    assert_null(util_suggest("serverless", c, 3));
    assert_null(util_suggest("x", c, 3));
    const char *k[] = { "size", "name" };
    assert_string_equal(util_suggest("sise", k, 2), "size");
    assert_null(util_suggest("", k, 2));
}

static void test_limits_recheck(void **state)
{
    (void)state;
    org_scenario s;
    load_ok("{}", &s);
    util_diags d;
    util_diags_init(&d);
    assert_int_equal(scen_check_limits(&s, "x.json", &d), 0);
    s.run.replications = 5000;           /* e.g. --reps on the command line */
    s.teams[0].size = 1000;
    assert_true(scen_check_limits(&s, "x.json", &d) > 0);
    assert_true(util_diags_contains(&d, "estimated work"));
    util_diags_free(&d);
    util_diags_init(&d);
    s.run.replications = 20000;
    assert_true(scen_check_limits(&s, "x.json", &d) > 0);
    assert_true(util_diags_contains(&d, "$.replications: 20000 is above the limit of 10000"));
    util_diags_free(&d);
    org_scenario_destroy(&s);
}

static void test_files(void **state)
{
    (void)state;
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    assert_int_equal(scen_load_file("/nonexistent/devopsim/x.json", &s, &d), -1);
    assert_true(util_diags_contains(&d, "cannot open: No such file or directory"));
    assert_null(s.models);
    util_diags_clear(&d);
    assert_int_equal(scen_load_file(test_srcdir(), &s, &d), -1);
    assert_true(util_diags_contains(&d, "is a directory"));
    util_diags_clear(&d);
    char tmpl[] = "/tmp/devopsim-test-XXXXXX";   /* mkstemp's template */
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(scen_load_file(tmpl, &s, &d), -1);
    assert_true(util_diags_contains(&d, "the file is empty"));
    util_diags_clear(&d);
    /* just above the cap */
    FILE *f = fopen(tmpl, "w");
    assert_non_null(f);
    assert_int_equal(fseek(f, (long)UTIL_JSON_MAX_BYTES, SEEK_SET), 0);
    fputc(' ', f);
    fclose(f);
    assert_int_equal(scen_load_file(tmpl, &s, &d), -1);
    assert_true(util_diags_contains(&d, "is too large"));
    util_diags_clear(&d);
    /* the raw text comes back verbatim */
    f = fopen(tmpl, "w");
    fputs("{ \"seed\": 7 }\n", f);
    fclose(f);
    size_t len = 0;
    char *text = scen_read_file(tmpl, &len, &d);
    assert_non_null(text);
    assert_int_equal(len, 14);
    assert_string_equal(text, "{ \"seed\": 7 }\n");
    free(text);
    assert_int_equal(scen_load_file(tmpl, &s, &d), 0);
    assert_true(s.run.seed == 7);
    org_scenario_destroy(&s);
    unlink(tmpl);
    util_diags_free(&d);

    size_t plen = 0;
    const char *p = scen_presets_text(&plen);
    assert_true(plen > 1000);
    assert_int_equal(strlen(p), plen);
}

/* Inputs that once broke something or are easy to get wrong: each must give
 * a result or a message, never a crash (fuzzing regressions land here). */
static void test_regressions(void **state)
{
    (void)state;
    const char *inputs[] = {
        "{\"a\":\"\\ud83d\\ude00\"}",                 /* a valid surrogate pair */
        "{\"description\": \"\\u00e9\\n\"}",
        "{\"seed\": 9007199254740992}",
        "{\"seed\": 1e308}",
        "{\"replications\": -0}",
        "{\"replications\": 1E1}",
        "{\"models\": [{}]}",
        "{\"models\": [{\"name\": 1}]}",
        "{\"models\": [{\"name\": \"x\", \"base\": 1}]}",
        "{\"hosting\": [{\"name\": \"paas\", \"base\": \"paas\"}]}",
        "{\"templates\": [{\"name\": \"standard_feature\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1, \"after\": [\"a\"]}]}]}",
        "{\"projects\": [{}]}",
        "{\"projects\": [{\"name\": \"p\", \"team\": 3, \"tasks\": 4}]}",
        "{\"teams\": [], \"product_teams\": {\"count\": 1}}",
        "{\"stack\": {\"db\": null}, \"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}]}]}",
        "{\"technologies\": [{\"name\": \"java\", \"kind\": null}]}",
        "{\"\": 1}",
        "{\"a\\u0001\": 1}",
        "[]", "1", "null", "\"\"",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        util_diags d;
        util_diags_init(&d);
        org_scenario s;
        scen_overrides ov;
        scen_overrides_init(&ov);
        if (scen_load_text_ex(inputs[i], strlen(inputs[i]), "r.json", &s, &ov, &d) == 0)
            org_scenario_destroy(&s);
        else
            assert_true(util_diags_count(&d) > 0);
        FILE *f = fopen("/dev/null", "w");
        util_diags_print(&d, f);
        fclose(f);
        scen_overrides_free(&ov);
        util_diags_free(&d);
    }
    /* a valid seed at 2^53 keeps its value */
    org_scenario s;
    load_ok("{\"seed\": 9007199254740992}", &s);
    assert_true(s.run.seed == 9007199254740992ULL);
    org_scenario_destroy(&s);
    load_ok("{\"stack\": {\"db\": null}, \"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}]}]}", &s);
    assert_int_equal(s.teams[0].stack[ORG_KIND_DB], -1);
    org_scenario_destroy(&s);
}

/* ---- the schema and the README agree with the loader ------------------------------------------------ */

/* A validator for the subset of JSON Schema (2020-12) that scenarios/schema.json
 * uses. It refuses any keyword it does not know, so it never passes silently. */
typedef struct sv {
    const cJSON *root;
    char err[512];
    int depth;
} sv;

static int sv_validate(sv *v, const cJSON *schema, const cJSON *x, const char *path);

static int sv_fail(sv *v, const char *path, const char *what)
{
    if (!v->err[0])
        snprintf(v->err, sizeof v->err, "%s: %s", path, what);
    return 0;
}

static int sv_type_ok(const char *t, const cJSON *x)
{
    if (!strcmp(t, "object")) return cJSON_IsObject(x);
    if (!strcmp(t, "array")) return cJSON_IsArray(x);
    if (!strcmp(t, "string")) return cJSON_IsString(x);
    if (!strcmp(t, "number")) return cJSON_IsNumber(x);
    if (!strcmp(t, "integer")) return cJSON_IsNumber(x) && x->valuedouble == floor(x->valuedouble);
    if (!strcmp(t, "boolean")) return cJSON_IsBool(x);
    if (!strcmp(t, "null")) return cJSON_IsNull(x);
    fail_msg("schema uses unknown type %s", t);
    return 0;
}

static int sv_name_pattern(const char *s)
{
    /* ^[A-Za-z0-9][A-Za-z0-9_.-]*$ */
    if (!*s || !(isalnum((unsigned char)*s)))
        return 0;
    for (s++; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '-'))
            return 0;
    return 1;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int sv_validate(sv *v, const cJSON *schema, const cJSON *x, const char *path)
{
    if (++v->depth > 64) {
        v->depth--;
        return sv_fail(v, path, "schema recursion too deep");
    }
    int ok = 1;
    char sub[512];
    for (const cJSON *kw = schema->child; kw && ok; kw = kw->next) {
        const char *k = kw->string;
        if (!strcmp(k, "description") || !strcmp(k, "title") || !strcmp(k, "$schema") || !strcmp(k, "$id") ||
            !strcmp(k, "$defs")) {
            continue;
        } else if (!strcmp(k, "$ref")) {
            const char *prefix = "#/$defs/";
            assert_true(strncmp(kw->valuestring, prefix, strlen(prefix)) == 0);
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(v->root, "$defs"), kw->valuestring + strlen(prefix));
            if (!t)
                fail_msg("dangling $ref %s", kw->valuestring);
            ok = sv_validate(v, t, x, path);
        } else if (!strcmp(k, "type")) {
            if (cJSON_IsString(kw))
                ok = sv_type_ok(kw->valuestring, x);
            else {
                ok = 0;
                for (const cJSON *t = kw->child; t; t = t->next)
                    ok |= sv_type_ok(t->valuestring, x);
            }
            if (!ok)
                sv_fail(v, path, "wrong type");
        } else if (!strcmp(k, "enum")) {
            ok = 0;
            for (const cJSON *e = kw->child; e; e = e->next)
                if (cJSON_Compare(e, x, 1))
                    ok = 1;
            if (!ok)
                sv_fail(v, path, "not in enum");
        } else if (!strcmp(k, "const")) {
            if (!(ok = cJSON_Compare(kw, x, 1)))
                sv_fail(v, path, "not the const");
        } else if (!strcmp(k, "minimum")) {
            if (cJSON_IsNumber(x) && !(ok = x->valuedouble >= kw->valuedouble))
                sv_fail(v, path, "below minimum");
        } else if (!strcmp(k, "maximum")) {
            if (cJSON_IsNumber(x) && !(ok = x->valuedouble <= kw->valuedouble))
                sv_fail(v, path, "above maximum");
        } else if (!strcmp(k, "exclusiveMinimum")) {
            if (cJSON_IsNumber(x) && !(ok = x->valuedouble > kw->valuedouble))
                sv_fail(v, path, "not above exclusiveMinimum");
        } else if (!strcmp(k, "exclusiveMaximum")) {
            if (cJSON_IsNumber(x) && !(ok = x->valuedouble < kw->valuedouble))
                sv_fail(v, path, "not below exclusiveMaximum");
        } else if (!strcmp(k, "minLength")) {
            if (cJSON_IsString(x) && !(ok = utf8_chars(x->valuestring) >= (size_t)kw->valuedouble))
                sv_fail(v, path, "too short");
        } else if (!strcmp(k, "maxLength")) {
            if (cJSON_IsString(x) && !(ok = utf8_chars(x->valuestring) <= (size_t)kw->valuedouble))
                sv_fail(v, path, "too long");
        } else if (!strcmp(k, "pattern")) {
            if (!strcmp(kw->valuestring, "^[A-Z]{3}$")) { /* an ISO 4217 currency code */
                if (cJSON_IsString(x) && !(ok = strlen(x->valuestring) == 3
                                                && strspn(x->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3))
                    sv_fail(v, path, "is not three capital letters");
            } else {
                assert_string_equal(kw->valuestring, "^[A-Za-z0-9][A-Za-z0-9_.-]*$");
                if (cJSON_IsString(x) && !(ok = sv_name_pattern(x->valuestring)))
                    sv_fail(v, path, "does not match the name pattern");
            }
        } else if (!strcmp(k, "minItems")) {
            if (cJSON_IsArray(x) && !(ok = cJSON_GetArraySize(x) >= (int)kw->valuedouble))
                sv_fail(v, path, "too few items");
        } else if (!strcmp(k, "maxItems")) {
            if (cJSON_IsArray(x) && !(ok = cJSON_GetArraySize(x) <= (int)kw->valuedouble))
                sv_fail(v, path, "too many items");
        } else if (!strcmp(k, "items")) {
            int i = 0;
            for (const cJSON *it = cJSON_IsArray(x) ? x->child : NULL; it && ok; it = it->next, i++) {
                snprintf(sub, sizeof sub, "%s[%d]", path, i);
                ok = sv_validate(v, kw, it, sub);
            }
        } else if (!strcmp(k, "properties")) {
            for (const cJSON *m = cJSON_IsObject(x) ? x->child : NULL; m && ok; m = m->next) {
                const cJSON *ps = cJSON_GetObjectItemCaseSensitive(kw, m->string);
                if (ps) {
                    snprintf(sub, sizeof sub, "%s.%s", path, m->string);
                    ok = sv_validate(v, ps, m, sub);
                }
            }
        } else if (!strcmp(k, "additionalProperties")) {
            assert_true(cJSON_IsFalse(kw));
            const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
            for (const cJSON *m = cJSON_IsObject(x) ? x->child : NULL; m && ok; m = m->next)
                if (!cJSON_GetObjectItemCaseSensitive(props, m->string)) {
                    snprintf(sub, sizeof sub, "additional property %s", m->string);
                    ok = sv_fail(v, path, sub);
                }
        } else if (!strcmp(k, "required")) {
            for (const cJSON *r = kw->child; r && ok; r = r->next)
                if (cJSON_IsObject(x) && !cJSON_GetObjectItemCaseSensitive(x, r->valuestring)) {
                    snprintf(sub, sizeof sub, "missing required %s", r->valuestring);
                    ok = sv_fail(v, path, sub);
                }
        } else if (!strcmp(k, "anyOf") || !strcmp(k, "oneOf")) {
            int matches = 0;
            char saved[512];
            memcpy(saved, v->err, sizeof saved);
            for (const cJSON *alt = kw->child; alt; alt = alt->next) {
                v->err[0] = '\0';
                if (sv_validate(v, alt, x, path))
                    matches++;
            }
            memcpy(v->err, saved, sizeof saved);
            ok = k[0] == 'a' ? matches >= 1 : matches == 1;
            if (!ok)
                sv_fail(v, path, k[0] == 'a' ? "matches no anyOf alternative" : "does not match exactly one oneOf alternative");
        } else {
            fail_msg("the test's schema validator does not know the keyword '%s'", k);
        }
    }
    v->depth--;
    return ok;
}

static cJSON *parse_file(const char *rel)
{
    size_t len;
    char *text = slurp(rel, &len);
    cJSON *j = cJSON_Parse(text);
    free(text);
    assert_non_null(j);
    return j;
}

static int schema_accepts(const cJSON *schema, const cJSON *doc, char *why, size_t n)
{
    sv v;
    memset(&v, 0, sizeof v);
    v.root = schema;
    int ok = sv_validate(&v, schema, doc, "$");
    snprintf(why, n, "%s", v.err);
    return ok;
}

static void test_schema_agrees(void **state)
{
    (void)state;
    cJSON *schema = parse_file("scenarios/schema.json");
    const char *docs[] = {
        "scenarios/postgres-upgrade.json", "scenarios/timeseries-feature.json", "scenarios/startup-growth.json",
        "scenarios/enterprise.json", "scenarios/mmc-queue.json", "models/presets.json",
    };
    char why[512];
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        cJSON *doc = parse_file(docs[i]);
        int ok = schema_accepts(schema, doc, why, sizeof why);
        if (!ok)
            fprintf(stderr, "%s: %s\n", docs[i], why);
        assert_true(ok);
        cJSON_Delete(doc);
    }
    /* the validator does reject: a few bad files the schema can judge alone */
    const char *bad[] = {
        "{\"teams\": [{\"name\": \"a\", \"size\": -3}]}",
        "{\"replication\": 5}",
        "{\"models\": [\"tru_devops\"]}",
        "{\"templates\": [{\"name\": \"t\", \"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": {\"median\": 1}}]}]}",
        "{\"hosting\": [{\"name\": \"x\", \"exists\": {\"db\": \"no\"}}]}",
        "{\"teams\": [{\"name\": \"my team\"}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *doc = cJSON_Parse(bad[i]);
        assert_non_null(doc);
        assert_false(schema_accepts(schema, doc, why, sizeof why));
        /* and so does the loader */
        load_bad(bad[i], "");
        cJSON_Delete(doc);
    }

    /* the keys the schema lists are exactly the keys the loader accepts */
    const char *places[] = {
        "scenario", "run", "technology", "template", "task", "project_task", "project", "model", "policy", "hosting",
        "team", "service", "hosting_plan", "product_teams", "central_team", "knowledge", "people", "incidents",
        "oncall", "enablement", "upkeep", "flow", "targets", "costs",
        "event", "hiring_rule",
    };
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(schema, "$defs");
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        size_t n = 0;
        const char *const *keys = scen_keys(places[i], &n);
        assert_non_null(keys);
        const cJSON *obj = !strcmp(places[i], "scenario") ? schema : cJSON_GetObjectItemCaseSensitive(defs, places[i]);
        assert_non_null(obj);
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(obj, "properties");
        assert_non_null(props);
        assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(obj, "additionalProperties")));
        if ((size_t)cJSON_GetArraySize(props) != n)
            fprintf(stderr, "%s: schema has %d keys, loader %zu\n", places[i], cJSON_GetArraySize(props), n);
        assert_int_equal(cJSON_GetArraySize(props), (int)n);
        for (size_t k = 0; k < n; k++) {
            if (!cJSON_GetObjectItemCaseSensitive(props, keys[k]))
                fprintf(stderr, "%s: schema lacks '%s'\n", places[i], keys[k]);
            assert_non_null(cJSON_GetObjectItemCaseSensitive(props, keys[k]));
        }
    }
    assert_null(scen_keys("nowhere", NULL));
    cJSON_Delete(schema);
}

/* Every key a place accepts is read: a value no reader takes is reported at
 * that key's path (a key accepted without a reader would load silently). */
static void test_every_key_is_read(void **state)
{
    (void)state;
    static const char task_members[] = "\"name\": \"a\"|\"kind\": \"app\"|\"effort_days\": 1";
    static const struct {
        const char *place, *fmt, *path;     /* fmt: %s is the object's members */
        const char *base;                   /* members it needs besides the key, split by '|' */
    } at[] = {
        { "scenario", "{%s}", "$", "" },
        { "run", "{\"run\": {%s}}", "$.run", "" },
        { "knowledge", "{\"knowledge\": {%s}}", "$.knowledge", "" },
        { "people", "{\"people\": {%s}}", "$.people", "" },
        { "incidents", "{\"incidents\": {%s}}", "$.incidents", "" },
        { "enablement", "{\"enablement\": {%s}}", "$.enablement", "" },
        { "upkeep", "{\"upkeep\": {%s}}", "$.upkeep", "" },
        { "flow", "{\"flow\": {%s}}", "$.flow", "" },
        { "targets", "{\"targets\": {%s}}", "$.targets", "" },
        { "costs", "{\"costs\": {%s}}", "$.costs", "" },
        { "central_team", "{\"central_team\": {%s}}", "$.central_team", "" },
        { "product_teams", "{\"product_teams\": {%s}}", "$.product_teams", "" },
        { "model", "{\"models\": [{%s}]}", "$.models[0]", "\"name\": \"devops_team\"" },
        { "policy", "{\"policies\": [{%s}]}", "$.policies[0]", "\"name\": \"board_and_windows\"" },
        { "hosting", "{\"hosting\": [{%s}]}", "$.hosting[0]", "\"name\": \"paas\"" },
        { "template", "{\"templates\": [{%s}]}", "$.templates[0]", "\"name\": \"standard_feature\"" },
        { "technology", "{\"technologies\": [{%s}]}", "$.technologies[0]", "\"name\": \"x\"" },
        { "team", "{\"teams\": [{%s}]}", "$.teams[0]", "\"name\": \"a\"" },
        { "service", "{\"teams\": [{\"name\": \"a\", \"services\": [{%s}]}]}", "$.teams[0].services[0]",
          "\"name\": \"s\"" },
        { "hosting_plan", "{\"hosting_plans\": [{%s}]}", "$.hosting_plans[0]", "\"name\": \"p\"|\"default\": \"iaas\"" },
        { "project", "{\"projects\": [{%s}]}", "$.projects[0]",
          "\"name\": \"p\"|\"tasks\": [{\"name\": \"a\", \"kind\": \"app\", \"effort_days\": 1}]" },
        { "task", "{\"templates\": [{\"name\": \"t\", \"tasks\": [{%s}]}]}", "$.templates[0].tasks[0]", task_members },
        { "project_task", "{\"projects\": [{\"name\": \"p\", \"tasks\": [{%s}]}]}", "$.projects[0].tasks[0]",
          task_members },
        { "hiring_rule", "{\"hiring_rule\": {%s}}", "$.hiring_rule", "" },
        { "event", "{\"timeline\": [{%s}]}", "$.timeline[0]",
          "\"day\": 10|\"do\": \"model\"|\"model\": \"devops_team\"" },
    };
    size_t checked = 0;
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        size_t n = 0;
        const char *const *keys = scen_keys(at[i].place, &n);
        assert_non_null(keys);
        for (size_t k = 0; k < n; k++) {
            if (!strcmp(keys[k], "name") || !strcmp(keys[k], "base") || !strcmp(keys[k], "$schema"))
                continue;   /* structure, with tests of their own above */
            /* the base members but the key's own, then the key with a value nothing accepts */
            char inner[700] = "", text[1024], needle[160], pat[80];
            snprintf(pat, sizeof pat, "\"%s\": ", keys[k]);
            for (const char *m = at[i].base; *m;) {
                size_t len = strcspn(m, "|");
                if (strncmp(m, pat, strlen(pat)) != 0)
                    snprintf(inner + strlen(inner), sizeof inner - strlen(inner), "%.*s, ", (int)len, m);
                m += len + (m[len] == '|');
            }
            snprintf(inner + strlen(inner), sizeof inner - strlen(inner), "\"%s\": [{\"zz\": 1}]", keys[k]);
            const char *hole = strstr(at[i].fmt, "%s");     /* fmt's one %s, filled by hand */
            assert_non_null(hole);
            snprintf(text, sizeof text, "%.*s%s%s", (int)(hole - at[i].fmt), at[i].fmt, inner, hole + 2);
            snprintf(needle, sizeof needle, "%s.%s", at[i].path, keys[k]);
            load_bad(text, needle);
            checked++;
        }
    }
    assert_true(checked > 100);
}

/* product_teams next to teams: only with a count, which may be 0. */
static void test_product_teams_next_to_teams(void **state)
{
    (void)state;
    load_bad("{\"teams\": [{\"name\": \"a\"}], \"product_teams\": {\"size\": 3}}",
             "$.product_teams: next to \"teams\", give \"count\"");
    const char *texts[] = {
        "{\"teams\": [{\"name\": \"a\"}], \"product_teams\": {\"size\": 3, \"count\": 0}}",
        "{\"teams\": [{\"name\": \"a\"}], \"product_teams\": {\"size\": 3, \"count\": 2}}",
    };
    for (int i = 0; i < 2; i++) {
        util_diags d;
        util_diags_init(&d);
        org_scenario s;
        assert_int_equal(scen_load_text(texts[i], strlen(texts[i]), "pt.json", &s, &d), 0);
        assert_int_equal(s.n_teams, 1 + 2 * i);
        assert_string_equal(s.teams[0].name, "a");
        assert_int_equal(s.teams[0].size, 3);     /* product_teams.size is the default */
        org_scenario_destroy(&s);
        util_diags_free(&d);
    }
}

static void test_readme_documents_every_key(void **state)
{
    (void)state;
    size_t len;
    char *readme = slurp("scenarios/README.md", &len);
    const char *places[] = {
        "scenario", "run", "technology", "template", "task", "project_task", "project", "model", "policy", "hosting",
        "team", "service", "hosting_plan", "product_teams", "central_team", "knowledge", "people", "incidents",
        "oncall", "enablement", "upkeep", "flow", "targets", "costs",
        "event", "hiring_rule",
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        size_t n = 0;
        const char *const *keys = scen_keys(places[i], &n);
        for (size_t k = 0; k < n; k++) {
            char pat[96];
            snprintf(pat, sizeof pat, "| `%s` |", keys[k]);
            if (!strstr(readme, pat))
                fprintf(stderr, "scenarios/README.md does not document '%s' (%s)\n", keys[k], places[i]);
            assert_non_null(strstr(readme, pat));
        }
    }
    /* the worked example is a valid scenario */
    const char *start = strstr(readme, "```json\n");
    assert_non_null(start);
    start += 8;
    const char *end = strstr(start, "```");
    assert_non_null(end);
    util_diags d;
    util_diags_init(&d);
    org_scenario s;
    int rc = scen_load_text(start, (size_t)(end - start), "README.md example", &s, &d);
    if (rc)
        util_diags_print(&d, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(s.n_models, 3);
    assert_string_equal(s.models[2].name, "sre");
    org_scenario_destroy(&s);
    util_diags_free(&d);
    free(readme);
}

int test_group_scenario(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_presets_round_trip),
        cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_overrides_team_groups),
        cmocka_unit_test(test_change_policy_pairs),
        cmocka_unit_test(test_new_model_and_hosting),
        cmocka_unit_test(test_templates_teams_projects),
        cmocka_unit_test(test_distributions),
        cmocka_unit_test(test_syntax_positions),
        cmocka_unit_test(test_semantic_errors),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_limits_recheck),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_regressions),
        cmocka_unit_test(test_schema_agrees),
        cmocka_unit_test(test_readme_documents_every_key),
        cmocka_unit_test(test_every_key_is_read),
        cmocka_unit_test(test_product_teams_next_to_teams),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
