/* sweep_run — `devopsim sweep`: points of a design as scenarios of the batch
 * layer, run as one flat job list, then read back into a sweep_table. */
#include "sweep/sweep_run.h"
#include "sweep/sweep_out.h"
#include "sweep/sweep_uncertain.h"
#include "batch/batch_done.h"
#include "batch/batch_outdir.h"
#include "batch/batch_run.h"
#include "batch/batch_signal.h"
#include "report/charts_data.h"
#include "report/pipeline.h"
#include "util/util_buf.h"
#include "util/util_file.h"
#include "util/util_msg.h"
#include "util/util_progress.h"

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SWEEP_MAX_FILE (64u << 20)

enum { ST_OK = 0, ST_FAIL = 1, ST_USAGE = 2 };

/* ------------------------------------------------------------ the table */

void sweep_table_free(sweep_table *t)
{
    for (int i = 0; t->model && i < t->n_models; i++)
        free(t->model[i]);
    for (int i = 0; t->hosting && i < t->n_hostings; i++)
        free(t->hosting[i]);
    for (int i = 0; t->metric && i < t->n_metrics; i++)
        free(t->metric[i]);
    free(t->model);
    free(t->hosting);
    free(t->metric);
    free(t->mean);
    free(t->low);
    free(t->high);
    memset(t, 0, sizeof *t);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Names of the table from the base scenario: its models, hostings, the fixed
 * metrics and, with staffing targets, the staffing search's headcount and
 * cost. 0 or -1 (memory). */
static int table_init(sweep_table *t, const org_scenario *s, size_t n_points)
{
    memset(t, 0, sizeof *t);
    t->n_points = n_points;
    t->n_models = s->n_models;
    t->n_hostings = s->n_hostings;
    int staff = s->targets.has_targets;
    t->n_metrics = ORG_M_FIXED_COUNT + (staff ? 2 : 0);
    t->model = calloc((size_t)t->n_models, sizeof *t->model);
    t->hosting = calloc((size_t)t->n_hostings, sizeof *t->hosting);
    t->metric = calloc((size_t)t->n_metrics, sizeof *t->metric);
    size_t n = n_points * (size_t)t->n_models * (size_t)t->n_hostings * (size_t)t->n_metrics;
    t->mean = malloc(n * sizeof *t->mean);
    t->low = malloc(n * sizeof *t->low);
    t->high = malloc(n * sizeof *t->high);
    if (!t->model || !t->hosting || !t->metric || !t->mean || !t->low || !t->high)
        return -1;
    for (size_t i = 0; i < n; i++)
        t->mean[i] = t->low[i] = t->high[i] = NAN;
    for (int m = 0; m < t->n_models; m++)
        if (!(t->model[m] = dup_str(s->models[m].name)))
            return -1;
    for (int h = 0; h < t->n_hostings; h++)
        if (!(t->hosting[h] = dup_str(s->hostings[h].name)))
            return -1;
    char buf[128];
    for (int k = 0; k < ORG_M_FIXED_COUNT; k++)
        if (!(t->metric[k] = dup_str(org_metric_name(s, k, buf, sizeof buf))))
            return -1;
    if (staff && (!(t->metric[ORG_M_FIXED_COUNT] = dup_str(SWEEP_STAFF_HEADCOUNT))
                  || !(t->metric[ORG_M_FIXED_COUNT + 1] = dup_str(SWEEP_STAFF_COST))))
        return -1;
    return 0;
}

static int index_of(char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return i;
    return -1;
}

static double num_or_nan(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* Reads point p's results.json (and staffing.json) from dir into t. 0, or -1
 * (message printed). */
static int table_read_point(sweep_table *t, size_t p, const char *dir)
{
    util_diags d;
    util_diags_init(&d);
    char *path = util_path_join(dir, "results.json");
    cJSON *root = path ? charts_json_read(path, &d) : NULL;
    free(path);
    if (!root) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        return -1;
    }
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "results");
    const cJSON *cell;
    cJSON_ArrayForEach(cell, res) {
        const cJSON *mo = cJSON_GetObjectItemCaseSensitive(cell, "model");
        const cJSON *ho = cJSON_GetObjectItemCaseSensitive(cell, "hosting");
        const cJSON *su = cJSON_GetObjectItemCaseSensitive(cell, "summary");
        if (!cJSON_IsString(mo) || !cJSON_IsString(ho) || !cJSON_IsObject(su))
            continue;
        int m = index_of(t->model, t->n_models, mo->valuestring);
        int h = index_of(t->hosting, t->n_hostings, ho->valuestring);
        if (m < 0 || h < 0)
            continue;
        for (int k = 0; k < ORG_M_FIXED_COUNT && k < t->n_metrics; k++) {
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(su, t->metric[k]);
            size_t at = sweep_at(t, p, m, h, k);
            t->mean[at] = num_or_nan(s, "mean");
            t->low[at] = num_or_nan(s, "ci95_low");
            t->high[at] = num_or_nan(s, "ci95_high");
        }
    }
    cJSON_Delete(root);
    if (t->n_metrics <= ORG_M_FIXED_COUNT) {
        util_diags_free(&d);
        return 0;
    }
    path = util_path_join(dir, "staffing.json");
    root = path ? charts_json_read(path, &d) : NULL;
    free(path);
    if (!root) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        return -1;
    }
    const cJSON *row;
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(root, "rows")) {
        const cJSON *mo = cJSON_GetObjectItemCaseSensitive(row, "model");
        const cJSON *ho = cJSON_GetObjectItemCaseSensitive(row, "hosting");
        if (!cJSON_IsString(mo) || !cJSON_IsString(ho))
            continue;
        int m = index_of(t->model, t->n_models, mo->valuestring);
        int h = index_of(t->hosting, t->n_hostings, ho->valuestring);
        if (m < 0 || h < 0)
            continue;
        /* The search's totals, the same on every team row of a cell; the
         * search gives no interval of its own. */
        size_t a = sweep_at(t, p, m, h, ORG_M_FIXED_COUNT);
        t->mean[a] = t->low[a] = t->high[a] = num_or_nan(row, "total_headcount");
        a = sweep_at(t, p, m, h, ORG_M_FIXED_COUNT + 1);
        t->mean[a] = t->low[a] = t->high[a] = num_or_nan(row, "cost_per_year");
    }
    cJSON_Delete(root);
    util_diags_free(&d);
    return 0;
}

/* ------------------------------------------------------------ the points */

typedef struct sweep_ctx {
    const sweep_opts *o;
    batch_comm *comm;
    pipeline base;
    int base_loaded;
    sweep_params sp;
    int sp_parsed;
    double *u;                  /* the design, count × sp.n */
    size_t count;
    batch_scen *sc;             /* [count] */
    batch_scen **run;
    int n_run;
    char *points_dir;
    int lock;
    util_buf plan;              /* count, points to run, rank 0's threads, their indices */
    long threads0;              /* rank 0's threads: the batch sizes its MPI waves from them */
} sweep_ctx;

#define PLAN_HEAD 3

static void point_name(size_t i, char *buf, size_t n)
{
    snprintf(buf, n, "p%05zu", i);
}

/* The files a sweep writes at the top of OUT; each design writes some. */
static const char *const sweep_files[] = {
    "summary.txt", "sweep.csv", "tornado.csv", "robustness.csv", "winners.csv", "indices.csv",
};

/* Rank 0, under OUT's lock: removes what an earlier sweep into OUT left that
 * this one would not overwrite — its top-level files and charts (written
 * again at the end) and the points from count on (an earlier design with
 * more points) — so no file of another design is mixed in. 0 or -1. */
static int clear_stale(const char *out, const char *points_dir, size_t count)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof sweep_files / sizeof sweep_files[0]; i++) {
        char *p = util_path_join(out, sweep_files[i]);
        if (!p || util_rm_tree(p) != 0)
            rc = -1;
        free(p);
    }
    char *charts = util_path_join(out, "charts");
    if (!charts || util_rm_tree(charts) != 0)
        rc = -1;
    free(charts);
    DIR *d = opendir(points_dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        /* pNNNNN (a folder) or pNNNNN.json, NNNNN >= count */
        const char *n = e->d_name;
        size_t k = 1;
        while (n[0] == 'p' && n[k] >= '0' && n[k] <= '9')
            k++;
        if (n[0] != 'p' || k < 6 || (n[k] != '\0' && strcmp(n + k, ".json") != 0))
            continue;
        if (strtoull(n + 1, NULL, 10) < count)
            continue;
        char *p = util_path_join(points_dir, n);
        if (!p || util_rm_tree(p) != 0)
            rc = -1;
        free(p);
    }
    closedir(d);
    if (rc != 0)
        util_error("%s: cannot remove the files of an earlier sweep", out);
    return rc;
}

/* Rank 0: reads and checks the inputs, computes the design, writes each
 * point's scenario file. A status. */
static int prepare_inputs(sweep_ctx *C)
{
    const sweep_opts *o = C->o;
    pipeline_opts po = { 0, 0, (int)o->reps, NULL, o->no_staffing };
    if (pipeline_load(&C->base, o->scenario, &po) != 0)
        return ST_USAGE;
    C->base_loaded = 1;
    if (sweep_uncertain_present(C->base.text, C->base.len)) {
        util_error("%s: $.uncertain: a sweep varies the parameters of %s and would leave the scenario's "
                   "uncertain section unused at every point; move its params into %s (the same syntax) or "
                   "remove the section", o->scenario, o->params, o->params);
        return ST_USAGE;
    }
    size_t plen = 0;
    char *ptext = util_read_file(o->params, SWEEP_MAX_FILE, &plen);
    if (!ptext) {
        util_error("%s: cannot read the PARAMS file", o->params);
        return ST_USAGE;
    }
    util_diags d;
    util_diags_init(&d);
    int rc = sweep_params_parse(ptext, plen, o->params, &C->sp, &d);
    free(ptext);
    if (rc != 0) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        return ST_USAGE;
    }
    C->sp_parsed = 1;
    cJSON *scen = util_json_parse(C->base.text, C->base.len, o->scenario, &d);
    cJSON *presets = scen ? sweep_presets_parse(&d) : NULL;
    if (!scen || !presets || sweep_params_check(&C->sp, scen, presets, o->params, o->scenario, &d) != 0) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        cJSON_Delete(scen);
        cJSON_Delete(presets);
        return ST_USAGE;
    }
    if (sweep_design_unit(&C->sp, &C->u, &C->count) != 0) {
        util_error("out of memory");
        cJSON_Delete(scen);
        cJSON_Delete(presets);
        return ST_FAIL;
    }
    int status = ST_OK;
    C->points_dir = util_path_join(o->out, "points");
    if (!C->points_dir || util_mkdir_p(C->points_dir) != 0 || (C->lock = batch_lock(o->out)) < 0)
        status = ST_FAIL;
    if (status == ST_OK)
        batch_clean_temps(o->out);
    if (status == ST_OK && clear_stale(o->out, C->points_dir, C->count) != 0)
        status = ST_FAIL;
    for (size_t i = 0; status == ST_OK && i < C->count; i++) {
        cJSON *pt = cJSON_Duplicate(scen, 1);
        char name[32], file[40];
        point_name(i, name, sizeof name);
        snprintf(file, sizeof file, "%s.json", name);
        if (!pt) {
            status = ST_FAIL;
            break;
        }
        if (sweep_apply_point(pt, presets, &C->sp, C->u + i * C->sp.n, o->params, o->scenario, &d) != 0) {
            util_diags_print(&d, stderr);
            util_error("sweep: point %zu could not be written into %s", i, o->scenario);
            cJSON_Delete(pt);
            status = ST_USAGE;
            break;
        }
        /* the point's folder is named after it; results.json carries the name */
        cJSON *nm = cJSON_CreateString(name);
        if (!nm || (cJSON_HasObjectItem(pt, "name") ? !cJSON_ReplaceItemInObjectCaseSensitive(pt, "name", nm)
                                                   : !cJSON_AddItemToObject(pt, "name", nm))) {
            cJSON_Delete(pt);
            status = ST_FAIL;
            break;
        }
        char *text = cJSON_Print(pt);
        cJSON_Delete(pt);
        if (!text || util_write_atomic(C->points_dir, file, text, strlen(text)) != 0)
            status = ST_FAIL;
        free(text);
    }
    util_diags_free(&d);
    cJSON_Delete(scen);
    cJSON_Delete(presets);
    return status;
}

/* Loads point i's scenario file into S (every rank). A status. */
static int load_point(sweep_ctx *C, size_t i, batch_scen *S)
{
    char name[32], file[40];
    point_name(i, name, sizeof name);
    snprintf(file, sizeof file, "%s.json", name);
    S->path = util_path_join(C->points_dir, file);
    S->dir = util_path_join(C->points_dir, name);
    if (!S->path || !S->dir)
        return ST_FAIL;
    pipeline_opts po = { 0, 0, (int)C->o->reps, NULL, C->o->no_staffing };
    S->state = BATCH_TO_RUN;
    if (pipeline_load(&S->pl, S->path, &po) != 0) {
        S->state = BATCH_BAD_INPUT;
        util_error("sweep: point %zu of %s is not a valid scenario (its values are in %s)",
                   i, C->o->params, S->path);
        return ST_USAGE;
    }
    S->loaded = 1;
    batch_key_of(&S->pl, 0, NULL, &S->key);
    return ST_OK;
}

/* Rank 0: loads every point and decides what is up to date; packs the
 * indices to run into C->plan. */
static int plan_points(sweep_ctx *C)
{
    C->sc = calloc(C->count, sizeof *C->sc);
    C->run = calloc(C->count, sizeof *C->run);
    if (!C->sc || !C->run)
        return ST_FAIL;
    int status = ST_OK;
    for (size_t i = 0; i < C->count; i++) {
        int s = load_point(C, i, &C->sc[i]);
        if (s == ST_FAIL)
            return s;
        if (s != ST_OK) {
            status = s;
            continue;
        }
        const char *why = NULL;
        if (!C->o->force && batch_done_check(C->sc[i].dir, &C->sc[i].key, &why))
            C->sc[i].state = BATCH_UP_TO_DATE;
        else
            C->run[C->n_run++] = &C->sc[i];
    }
    if (status != ST_OK)
        return status;
    long n = C->n_run, count = (long)C->count, threads0 = C->o->threads;
    if (util_buf_put(&C->plan, &count, sizeof count) | util_buf_put(&C->plan, &n, sizeof n)
        | util_buf_put(&C->plan, &threads0, sizeof threads0))
        return ST_FAIL;
    for (int k = 0; k < C->n_run; k++) {
        long idx = (long)(C->run[k] - C->sc);
        if (util_buf_put(&C->plan, &idx, sizeof idx) != 0)
            return ST_FAIL;
    }
    return ST_OK;
}

/* Other ranks: the same points to run, from rank 0's plan. */
static int follow_plan(sweep_ctx *C)
{
    long count = 0, n = 0;
    if (C->plan.n < PLAN_HEAD * sizeof(long))
        return ST_FAIL;
    memcpy(&count, C->plan.p, sizeof count);
    memcpy(&n, C->plan.p + sizeof count, sizeof n);
    memcpy(&C->threads0, C->plan.p + 2 * sizeof count, sizeof C->threads0);
    C->count = (size_t)count;
    C->points_dir = util_path_join(C->o->out, "points");
    C->sc = calloc(C->count ? C->count : 1, sizeof *C->sc);
    C->run = calloc(C->count ? C->count : 1, sizeof *C->run);
    if (!C->points_dir || !C->sc || !C->run)
        return ST_FAIL;
    for (long k = 0; k < n; k++) {
        long idx;
        memcpy(&idx, C->plan.p + (size_t)(PLAN_HEAD + k) * sizeof(long), sizeof idx);
        if (load_point(C, (size_t)idx, &C->sc[idx]) != ST_OK)
            return ST_FAIL;
        C->run[C->n_run++] = &C->sc[idx];
    }
    return ST_OK;
}

static void ctx_free(sweep_ctx *C)
{
    for (size_t i = 0; C->sc && i < C->count; i++) {
        batch_scen_release(&C->sc[i]);
        if (C->sc[i].loaded)
            pipeline_free(&C->sc[i].pl);
        free((char *)C->sc[i].path);
        free(C->sc[i].dir);
    }
    free(C->sc);
    free(C->run);
    free(C->u);
    free(C->points_dir);
    if (C->sp_parsed)
        sweep_params_destroy(&C->sp);
    if (C->base_loaded)
        pipeline_free(&C->base);
    util_buf_free(&C->plan);
    if (C->lock >= 0)
        close(C->lock);
}

int sweep_run(const sweep_opts *o, batch_comm *comm)
{
    sweep_ctx C;
    memset(&C, 0, sizeof C);
    C.o = o;
    C.comm = comm;
    C.lock = -1;
    int root = comm->rank == 0;
    double t0 = util_now_seconds();

    int status = ST_OK;
    if (root) {
        status = prepare_inputs(&C);
        if (status == ST_OK)
            status = plan_points(&C);
        if (status != ST_OK) {
            C.plan.n = 0;
            long zero[PLAN_HEAD] = { 0, 0, 0 };
            util_buf_put(&C.plan, zero, sizeof zero);
        }
    }
    if (comm->size > 1) {
        if (batch_comm_bcast(comm, &C.plan) != 0)
            status = ST_FAIL;
        if (!root && status == ST_OK && follow_plan(&C) != ST_OK)
            status = ST_FAIL;
        long worst = batch_comm_max(comm, status);
        if (status == ST_OK && worst != ST_OK)
            status = worst;
    }
    long runs = 0;
    int write_errors = 0;
    if (status == ST_OK && C.n_run > 0) {
        batch_signal_saved saved;
        batch_signal_catch("sweep", !root, &saved);
        batch_run_opts ro = { .threads = o->threads, .threads0 = root ? o->threads : (int)C.threads0,
                              .quiet = o->quiet,
                              .pout = { .jobs = o->threads, .argc = o->argc, .argv = o->argv,
                                        .formats = NULL, .charts = 0 } };
        if (batch_run(C.run, C.n_run, comm, &ro, &runs, &write_errors) != 0)
            status = ST_FAIL;
        batch_signal_restore(&saved);
        if (batch_signal)
            status = 128 + (int)batch_signal;
    }
    if (root && status == ST_OK) {
        for (int k = 0; k < C.n_run; k++)
            if (C.run[k]->state != BATCH_WRITTEN)
                status = ST_FAIL;
        if (write_errors > 0)
            status = ST_FAIL;
        if (status != ST_OK)
            util_error("sweep: some points could not be run or written");
    }
    if (root && status == ST_OK) {
        sweep_table t;
        if (table_init(&t, &C.base.s, C.count) != 0) {
            util_error("out of memory");
            status = ST_FAIL;
        }
        for (size_t i = 0; status == ST_OK && i < C.count; i++)
            if (table_read_point(&t, i, C.sc[i].dir) != 0)
                status = ST_FAIL;
        if (status == ST_OK && sweep_out_write(o->out, &C.sp, C.u, &t, o->quiet ? NULL : stdout) != 0)
            status = ST_FAIL;
        sweep_table_free(&t);
        double el = util_now_seconds() - t0;
        if (status == ST_OK && !o->quiet)
            printf("%zu points (%d run now, %zu up to date), %ld runs in %.1f s (%.2f runs/s) on %d thread%s%s -> %s/\n",
                   C.count, C.n_run, C.count - (size_t)C.n_run, runs, el, el > 0 ? (double)runs / el : 0.0,
                   o->threads, o->threads == 1 ? "" : "s", comm->size > 1 ? " per process" : "", o->out);
    }
    if (root && status > 128)
        util_error("sweep: stopped by %s; rerun the same command to resume",
                   status == 128 + SIGINT ? "SIGINT" : "SIGTERM");
    ctx_free(&C);
    return status;
}
