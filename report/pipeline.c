/* pipeline — loading a scenario, analysing it, writing a run's outputs;
 * shared by run and batch. See pipeline.h. */
#include "report/pipeline.h"
#include "models/org_sim.h"
#include "models/org_const.h"
#include "util/util_msg.h"
#include "util/util_file.h"
#include "util/util_hash.h"
#include "report/charts.h"
#include "report/report_staff.h"
#include "report/report_timeseries.h"
#include "models/org_estimate.h"
#include "util/util_sys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int pipeline_load(pipeline *p, const char *path, const pipeline_opts *o)
{
    memset(p, 0, sizeof *p);
    p->path = path;
    p->baseline = -1;
    util_diags d;
    util_diags_init(&d);
    scen_overrides_init(&p->ov);
    p->text = scen_read_file(path, &p->len, &d);
    if (!p->text || scen_load_text_ex(p->text, p->len, path, &p->s, &p->ov, &d) != 0)
        goto fail;
    if (o && o->has_seed)
        p->s.run.seed = o->seed;
    if (o && o->reps > 0)
        p->s.run.replications = o->reps;
    if (o && o->no_staffing && p->s.targets.has_targets) {   /* marked only where a search was left out */
        p->no_staffing = 1;
        p->s.targets.has_targets = 0;   /* the targets gate the staffing search only */
    }
    if (o && o->baseline) {
        for (int m = 0; m < p->s.n_models; m++)
            if (!strcmp(p->s.models[m].name, o->baseline))
                p->baseline = m;
        if (p->baseline < 0)
            util_diags_at(&d, path, "$.models", "--baseline %s: no such model in this scenario", o->baseline);
    }
    if (scen_check_limits(&p->s, path, &d) > 0 || util_diags_count(&d) > 0)
        goto fail;
    util_hash_hex(p->text, p->len, p->hash);
    util_diags_free(&d);
    return 0;
fail:
    util_diags_print(&d, stderr);
    util_diags_free(&d);
    pipeline_free(p);
    return -1;
}

void pipeline_count_rows(const pipeline *p, pipeline_rows *r)
{
    double models = p->s.n_models, hostings = p->s.n_hostings, metrics = org_metric_count(&p->s);
    double pairs = p->baseline >= 0 ? models - 1 : models * (models - 1) / 2;
    r->runs = models * hostings * p->s.run.replications * metrics;
    r->summary = models * hostings * metrics;
    r->comparisons = hostings * metrics * pairs;
    r->timeseries = p->s.has_timeline ? models * hostings * 2.0 * ORG_TS_COUNT
                                        * ceil((p->s.run.warmup_days + p->s.run.measure_days) / ORG_DAYS_PER_WEEK - 1e-9)
                                      : 0.0;
    r->total = r->runs + r->summary + r->comparisons + r->timeseries;
}

int pipeline_check_rows(const pipeline *p)
{
    pipeline_rows rows;
    pipeline_count_rows(p, &rows);
    if (rows.total <= PIPELINE_MAX_ROWS)
        return 0;
    char ts[64] = "";
    if (rows.timeseries > 0)
        snprintf(ts, sizeof ts, ", timeseries.csv %.0f", rows.timeseries);
    util_error("%s: $.models: this run would write %.0f CSV rows (runs.csv %.0f, summary.csv %.0f, "
               "comparisons.csv %.0f%s), more than the %d a run writes: compare against one model with "
               "--baseline, use fewer replications, or split the models and hosting points across scenarios",
               p->path, rows.total, rows.runs, rows.summary, rows.comparisons, ts, PIPELINE_MAX_ROWS);
    return -1;
}

int pipeline_check_memory(const pipeline *p, int jobs, double limit, FILE *out)
{
    org_estimate e;
    org_estimate_run(&p->s, p->s.run.replications, jobs, &e);
    char tot[32], rep[32], res[32], lim[32];
    org_estimate_bytes_text(e.bytes_total, tot, sizeof tot);
    org_estimate_bytes_text(e.bytes_per_rep, rep, sizeof rep);
    org_estimate_bytes_text(e.bytes_results, res, sizeof res);
    const char *whose = limit > 0.0 ? "--max-memory" : "the machine's memory";
    if (!(limit > 0.0))
        limit = util_machine_memory();
    org_estimate_bytes_text(limit, lim, sizeof lim);
    if (out)
        fprintf(out, "%s: memory estimate %s: %.0f engineers, %.3g knowledge entries, %.3g work items and "
                "%.3g pending events per replication (%s each, %.0f at once on %d threads), %.0f runs' results "
                "(%s), %.3g output rows; limit %s (%s)\n", p->path, tot, e.engineers, e.context_entries,
                e.work_items, e.events, rep, e.concurrent, jobs, e.runs, res, e.output_rows, lim, whose);
    if (e.bytes_total <= limit)
        return 0;
    util_error("%s: needs about %s of memory (%s per replication, %.0f at once; %s of results; %.3g output rows), "
               "more than %s (%s): use fewer engineers, replications, models or hosting points, fewer --jobs, "
               "or raise --max-memory", p->path, tot, rep, e.concurrent, res, e.output_rows, lim, whose);
    return -1;
}

void pipeline_free(pipeline *p)
{
    org_scenario_destroy(&p->s);
    scen_overrides_free(&p->ov);
    free(p->text);
    memset(p, 0, sizeof *p);
}

/* The staffing search of p into r->staff when p's scenario has targets.
 * 0 (also without targets) or -1 (message printed). */
static int pipeline_staff(const pipeline *p, int jobs, pipeline_results *r)
{
    if (!p->s.targets.has_targets)
        return 0;
    org_staff_opts o;
    org_staff_opts_init(&o);
    o.reps = p->s.run.replications;
    o.jobs = jobs;
    if (org_staff_run(&p->s, &o, &r->staff) != 0) {
        util_error("out of memory in the staffing analysis of %s", p->path);
        return -1;
    }
    r->has_staff = 1;
    return 0;
}

/* The headlines' robustness labels when a asks for them (report_robust.h),
 * on at most the experiment's replications. 0 or -1 (message printed). */
static int pipeline_robust(const pipeline *p, const pipeline_analysis *a, pipeline_results *r)
{
    if (a->robust_reps <= 0)
        return 0;
    report_cmp picks[REPORT_HEADLINES];
    int n, skipped, n_unstable;
    int reps = a->robust_reps < r->x.reps ? a->robust_reps : r->x.reps;
    if (report_headline_collect(&r->x, p->baseline, picks, &n, &skipped, &n_unstable) != 0
        || report_robust_run(&p->s, picks, n, report_robust_default, report_robust_n_default, reps, a->jobs,
                             &r->robust) != 0) {
        util_error("out of memory checking the robustness of %s", p->path);
        return -1;
    }
    report_robust_base(&r->robust, &r->x);
    r->has_robust = 1;
    return 0;
}

int pipeline_analyse(const pipeline *p, const pipeline_analysis *a, pipeline_results *r)
{
    memset(r, 0, sizeof *r);
    if (org_exp_run(&p->s, p->s.run.replications, a->jobs, NULL, a->progress, a->ctx, &r->x) != 0) {
        util_error("out of memory running %s", p->path);
        return -1;
    }
    r->precision = a->precision;
    if (a->precision > 0.0) {
        /* Rounds: double the replications until precise or at the cap. The
         * first n replications are the same whatever the total. */
        int max = a->max_reps > 0 ? a->max_reps : 200;
        if (max < r->x.reps)
            max = r->x.reps;
        r->max_reps = max;
        for (int round = 1; !(r->precision_met = org_exp_precise(&r->x, a->precision, r->precision_why,
                                                                 sizeof r->precision_why))
                            && r->x.reps < max; round++) {
            int next = r->x.reps * 2 < max ? r->x.reps * 2 : max;
            if (a->round)
                a->round(a->ctx, round);
            if (org_exp_grow(&r->x, next, a->jobs, NULL, a->progress, a->ctx) != 0) {
                util_error("out of memory running %s", p->path);
                pipeline_results_free(r);
                return -1;
            }
        }
    }
    if (pipeline_staff(p, a->jobs, r) != 0 || pipeline_robust(p, a, r) != 0) {
        pipeline_results_free(r);
        return -1;
    }
    return 0;
}

void pipeline_results_free(pipeline_results *r)
{
    org_exp_destroy(&r->x);
    if (r->has_staff)
        org_staff_destroy(&r->staff);
    if (r->has_robust)
        report_robust_free(&r->robust);
    memset(r, 0, sizeof *r);
}

void pipeline_report_ctx(const pipeline *p, const pipeline_results *r, const pipeline_out *o, report_ctx *rc)
{
    const org_exp *x = &r->x;
    memset(rc, 0, sizeof *rc);
    rc->scenario_path = p->path;
    rc->scenario_text = p->text;
    rc->scenario_len = p->len;
    rc->overrides = &p->ov;
    memcpy(rc->scenario_hash, p->hash, sizeof rc->scenario_hash);
    rc->seed = p->s.run.seed;
    rc->reps = x->reps;
    rc->jobs = o ? o->jobs : 1;
    rc->baseline = p->baseline;
    rc->argc = o ? o->argc : 0;
    rc->argv = o ? o->argv : NULL;
    rc->precision = r->precision;
    rc->max_reps = r->max_reps;
    rc->precision_met = r->precision_met;
    rc->precision_why = r->precision_why;
    rc->robust = r->has_robust ? &r->robust : NULL;
}

/* The names a run owns in its output directory: what pipeline_write
 * writes, and so what it replaces (or removes when this run has none). */
static const char *const owned[] = {
    "results.json", "runs.csv", "summary.csv", "comparisons.csv", "robustness.csv", "staffing.csv",
    "staffing.json", "staffing_platform.csv", "charts", "provenance.json", "timeseries.csv", "payback.csv",
    "uncertainty.csv",
};

int pipeline_owns(const char *name)
{
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        if (!strcmp(name, owned[i]))
            return 1;
    return !strncmp(name, PIPELINE_STAGING, strlen(PIPELINE_STAGING));
}

/* Every file of r into the folder stage (which exists). 0 or -1 (message printed). */
static int write_into(const pipeline *p, const pipeline_results *r, const char *stage, const pipeline_out *o)
{
    report_ctx rc;
    pipeline_report_ctx(p, r, o, &rc);
    if (report_write(&r->x, &rc, stage) != 0 || report_ts_write(&r->x, stage) != 0)
        return -1;
    /* staffing.csv + staffing.json when the scenario has targets */
    if (r->has_staff && staff_write_files(&r->staff, p->hash, stage) != 0)
        return -1;
    if (o && o->uncertainty_csv
        && util_write_atomic(stage, "uncertainty.csv", o->uncertainty_csv, o->uncertainty_len) != 0)
        return -1;
    /* charts (issue 6): from the results.json just written, as `devopsim plot` draws them */
    if (!o || o->charts) {
        charts_opts co = { 0 };
        co.jobs = o ? o->jobs : 1;
        char *res = util_path_join(stage, "results.json"), *cdir = util_path_join(stage, "charts");
        /* the transition chart first: the deck reads its numbers (charts/transition.csv) */
        int bad = !res || !cdir || (o && o->formats && charts_parse_formats("--format", o->formats, &co.formats) != 0)
                 || util_mkdir_p(cdir) != 0 || report_ts_chart(&r->x, cdir, co.formats) != 0
                 || charts_write(res, cdir, &co) != CHARTS_OK;
        if (!res || !cdir)
            util_error("out of memory");
        free(res);
        free(cdir);
        if (bad)
            return -1;
    }
    return 0;
}

/* Removes the staging folders of earlier runs that were killed in dir (the
 * caller holds dir's lock, so no other process is writing one). */
static void remove_stale_stages(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, PIPELINE_STAGING, strlen(PIPELINE_STAGING)) != 0)
            continue;
        char *path = util_path_join(dir, e->d_name);
        if (path)
            util_rm_tree(path);
        free(path);
    }
    closedir(d);
}

/* Moves the finished outputs from stage into dir: an owned name that this
 * run did not write, and the old charts folder, go to stage/old first
 * (removed with stage afterwards); each file replaces its old self in one
 * rename. 0 or -1 (message printed). */
static int swap_in(const char *dir, const char *stage)
{
    char *old = util_path_join(stage, "old");
    if (!old || mkdir(old, 0777) != 0) {
        util_error("%s: cannot create: %s", old ? old : stage, old ? strerror(errno) : "out of memory");
        free(old);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < sizeof owned / sizeof owned[0] && rc == 0; i++) {
        char *to = util_path_join(dir, owned[i]), *from = util_path_join(stage, owned[i]);
        char *aside = util_path_join(old, owned[i]);
        struct stat st, nst;
        int have_new = from && lstat(from, &nst) == 0;
        if (!to || !from || !aside) {
            util_error("out of memory");
            rc = -1;
        } else if (lstat(to, &st) == 0 && (!have_new || S_ISDIR(st.st_mode) || S_ISDIR(nst.st_mode))
                   && rename(to, aside) != 0) {
            util_error("%s: cannot move aside: %s", to, strerror(errno));
            rc = -1;
        } else if (have_new && rename(from, to) != 0) {
            util_error("%s: cannot move into place: %s", to, strerror(errno));
            rc = -1;
        }
        free(to);
        free(from);
        free(aside);
    }
    free(old);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    return rc;
}

int pipeline_write(const pipeline *p, const pipeline_results *r, const char *dir, const pipeline_out *o)
{
    if (util_mkdir_p(dir) != 0)
        return -1;
    remove_stale_stages(dir);
    char name[64];
    snprintf(name, sizeof name, "%s%ld", PIPELINE_STAGING, (long)getpid());
    char *stage = util_path_join(dir, name);
    if (!stage) {
        util_error("out of memory");
        return -1;
    }
    if (mkdir(stage, 0777) != 0) {
        util_error("%s: cannot create: %s", stage, strerror(errno));
        free(stage);
        return -1;
    }
    int rc = write_into(p, r, stage, o);
    if (rc == 0)
        rc = swap_in(dir, stage);
    if (util_rm_tree(stage) != 0 && rc == 0)
        util_error("%s: cannot remove the staging folder: %s", stage, strerror(errno));
    free(stage);
    return rc;
}
