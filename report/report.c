/* report — result files and the stdout report of a run. See report.h. */
#include "report/report.h"
#include "report/report_headline.h"
#include "report/report_json.h"
#include "report/report_robust.h"
#include "util/util_buf.h"
#include "report/report_timeseries.h"
#include "util/util_csv.h"
#include "util/util_msg.h"
#include "util/util_file.h"
#include "util/util_sys.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include <gsl/gsl_version.h>
#include "sim/sim_stats.h"

#define LEAD_QUANTILES 101

static void fmt_num(char *buf, size_t size, double v)
{
    if (isnan(v))
        buf[0] = '\0';
    else
        snprintf(buf, size, "%.10g", v);
}


cJSON *report_results_json(const org_exp *x, const report_ctx *rc)
{
    const org_scenario *s = x->s;
    cJSON *root = report_json_head(s->name, rc->scenario_hash, rc->seed, 1);
    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "replications", x->reps);
    if (rc->precision > 0.0) {
        cJSON *pr = cJSON_AddObjectToObject(root, "precision");
        cJSON_AddNumberToObject(pr, "target_relative_half_width", rc->precision);
        cJSON_AddNumberToObject(pr, "max_replications", rc->max_reps);
        cJSON_AddNumberToObject(pr, "replications_needed", x->reps);
        cJSON_AddBoolToObject(pr, "met", rc->precision_met);
        cJSON_AddStringToObject(pr, "still_imprecise", rc->precision_why);
        cJSON *pm = cJSON_AddArrayToObject(pr, "metrics");
        char nm[128];
        for (int i = 0; i < org_precision_n; i++) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "metric", org_metric_name(x->s, org_precision_metrics[i].metric, nm, sizeof nm));
            cJSON_AddNumberToObject(e, "absolute_floor", org_precision_metrics[i].abs_floor);
            cJSON_AddItemToArray(pm, e);
        }
    }
    cJSON_AddNumberToObject(root, "warmup_days", s->run.warmup_days);
    cJSON_AddNumberToObject(root, "measure_days", s->run.measure_days);
    cJSON_AddNumberToObject(root, "drain_max_days", s->run.drain_max_days);
    cJSON_AddNumberToObject(root, "hours_per_day", s->hours_per_day);
    cJSON *models = cJSON_AddArrayToObject(root, "models");
    for (int m = 0; m < x->n_models; m++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", s->models[m].name);
        cJSON_AddStringToObject(o, "central_team", s->models[m].central_name);
        cJSON_AddStringToObject(o, "change_policy", s->models[m].change_policy);
        cJSON_AddItemToArray(models, o);
    }
    cJSON *hostings = cJSON_AddArrayToObject(root, "hostings");
    for (int h = 0; h < x->n_hostings; h++)
        cJSON_AddItemToArray(hostings, cJSON_CreateString(s->hostings[h].name));
    cJSON *metrics = cJSON_AddArrayToObject(root, "metrics");
    char name[160];
    for (int i = 0; i < x->n_metrics; i++)
        cJSON_AddItemToArray(metrics, cJSON_CreateString(org_metric_name(s, i, name, sizeof name)));
    cJSON *results = cJSON_AddArrayToObject(root, "results");
    double *v = malloc((size_t)x->reps * sizeof *v);
    char warn[4096];
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "model", s->models[m].name);
            cJSON_AddStringToObject(o, "hosting", s->hostings[h].name);
            cJSON *sum = cJSON_AddObjectToObject(o, "summary");
            for (int i = 0; i < x->n_metrics; i++) {
                org_summary su = org_exp_summary(x, m, h, i);
                cJSON *e = cJSON_CreateObject();
                cJSON_AddItemToObject(e, "mean", report_json_num(su.mean));
                cJSON_AddItemToObject(e, "ci95_low", report_json_num(su.low));
                cJSON_AddItemToObject(e, "ci95_high", report_json_num(su.high));
                cJSON_AddNumberToObject(e, "n", su.n);
                cJSON *vals = cJSON_AddArrayToObject(e, "values");
                for (int r = 0; r < x->reps; r++)
                    cJSON_AddItemToArray(vals, report_json_num(org_exp_rep(x, m, h, r)->values[i]));
                cJSON_AddItemToObject(sum, org_metric_name(s, i, name, sizeof name), e);
            }
            cJSON *dora = cJSON_AddObjectToObject(o, "dora");
            const char *band[4];
            org_dora_bands(x, m, h, band);
            cJSON_AddStringToObject(dora, "lead_time_for_changes", band[0]);
            cJSON_AddStringToObject(dora, "deployment_frequency", band[1]);
            cJSON_AddStringToObject(dora, "change_failure_rate", band[2]);
            cJSON_AddStringToObject(dora, "time_to_restore", band[3]);
            /* the bands at each figure's interval ends: a band is only as sure
             * as its figure (a restore median of 23.8 h [21, 27] is "high" or
             * "medium") */
            static const char *const dora_keys[4] = { "lead_time_for_changes", "deployment_frequency",
                                                      "change_failure_rate", "time_to_restore" };
            const char *blo[4], *bhi[4];
            org_dora_bands_ci(x, m, h, blo, bhi);
            cJSON *dci = cJSON_AddObjectToObject(o, "dora_ci95");
            for (int k = 0; k < 4; k++) {
                cJSON *pair = cJSON_AddArrayToObject(dci, dora_keys[k]);
                cJSON_AddItemToArray(pair, cJSON_CreateString(blo[k]));
                cJSON_AddItemToArray(pair, cJSON_CreateString(bhi[k]));
            }
            /* The pooled lead-time distribution, as percentiles 0..100. */
            size_t n;
            double *lt = org_exp_pooled_lead_times(x, m, h, &n);
            cJSON *q = cJSON_AddArrayToObject(o, "lead_time_percentiles");
            for (int k = 0; k < LEAD_QUANTILES && lt; k++)
                cJSON_AddItemToArray(q, report_json_num(n ? sim_quantile_sorted(lt, n, k / 100.0) : (double)NAN));
            free(lt);
            cJSON *fte = cJSON_AddObjectToObject(o, "nonproduct_fte_by_kind");
            for (int k = 0; k < ORG_KIND_COUNT; k++) {
                if (org_kind_is_product((org_kind)k))
                    continue;
                double sumk = 0.0;
                for (int r = 0; r < x->reps; r++)
                    sumk += org_exp_rep(x, m, h, r)->nonproduct_fte_by_kind[k];
                cJSON_AddNumberToObject(fte, org_kind_name((org_kind)k), sumk / x->reps);
            }
            warn[0] = '\0';
            org_exp_warnings(x, m, h, warn, sizeof warn);
            cJSON *w = cJSON_AddArrayToObject(o, "warnings");
            for (char *line = warn; *line; ) {
                char *nl = strchr(line, '\n');
                if (nl)
                    *nl = '\0';
                cJSON_AddItemToArray(w, cJSON_CreateString(line));
                if (!nl)
                    break;
                line = nl + 1;
            }
            cJSON_AddItemToArray(results, o);
        }
    free(v);
    cJSON *ov = cJSON_AddArrayToObject(root, "assumptions_changed");
    if (rc->overrides)
        for (int i = 0; i < rc->overrides->n; i++)
            cJSON_AddItemToArray(ov, cJSON_CreateString(rc->overrides->lines[i]));
    cJSON *scen = cJSON_ParseWithLength(rc->scenario_text, rc->scenario_len);
    cJSON_AddItemToObject(root, "scenario_file", scen ? scen : cJSON_CreateNull());
    return root;
}

static int write_json(const org_exp *x, const report_ctx *rc, const char *dir)
{
    return util_write_json(dir, "results.json", report_results_json(x, rc));
}

static int write_runs_csv(const org_exp *x, const char *dir)
{
    util_file f;
    if (util_file_open(&f, dir, "runs.csv") != 0)
        return -1;
    const org_scenario *s = x->s;
    char name[160], num[64];
    fputs("scenario,model,hosting,replication,metric,value\n", f.fp);
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++)
            for (int r = 0; r < x->reps; r++)
                for (int i = 0; i < x->n_metrics; i++) {
                    fmt_num(num, sizeof num, org_exp_rep(x, m, h, r)->values[i]);
                    util_csv_fput_cells(f.fp, 3, s->name, s->models[m].name, s->hostings[h].name);
                    fprintf(f.fp, "%d,", r);
                    util_csv_fput_cells(f.fp, 1, org_metric_name(s, i, name, sizeof name));
                    fprintf(f.fp, "%s\n", num);
                }
    return util_file_commit(&f);
}

static int write_summary_csv(const org_exp *x, const char *dir)
{
    util_file f;
    if (util_file_open(&f, dir, "summary.csv") != 0)
        return -1;
    const org_scenario *s = x->s;
    char name[160], a[64], b[64], c[64];
    fputs("scenario,model,hosting,metric,mean,ci95_low,ci95_high,n\n", f.fp);
    for (int m = 0; m < x->n_models; m++)
        for (int h = 0; h < x->n_hostings; h++)
            for (int i = 0; i < x->n_metrics; i++) {
                org_summary su = org_exp_summary(x, m, h, i);
                fmt_num(a, sizeof a, su.mean);
                fmt_num(b, sizeof b, su.low);
                fmt_num(c, sizeof c, su.high);
                util_csv_fput_cells(f.fp, 4, s->name, s->models[m].name, s->hostings[h].name,
                                    org_metric_name(s, i, name, sizeof name));
                fprintf(f.fp, "%s,%s,%s,%d\n", a, b, c, su.n);
            }
    return util_file_commit(&f);
}

static int write_comparisons_csv(const org_exp *x, const report_ctx *rc, const char *dir)
{
    org_diff *d;
    int n = org_exp_compare(x, rc->baseline, &d);
    if (n < 0) {
        util_error("out of memory comparing models");
        return -1;
    }
    util_file f;
    if (util_file_open(&f, dir, "comparisons.csv") != 0) {
        free(d);
        return -1;
    }
    const org_scenario *s = x->s;
    char name[160], a[64], b[64], c[64];
    fputs("scenario,hosting,metric,model_a,model_b,diff_mean,diff_ci95_low,diff_ci95_high,n,significant\n", f.fp);
    for (int i = 0; i < n; i++) {
        fmt_num(a, sizeof a, d[i].mean);
        fmt_num(b, sizeof b, d[i].low);
        fmt_num(c, sizeof c, d[i].high);
        util_csv_fput_cells(f.fp, 5, s->name, s->hostings[d[i].h].name,
                            org_metric_name(s, d[i].metric, name, sizeof name), s->models[d[i].a].name,
                            s->models[d[i].b].name);
        fprintf(f.fp, "%s,%s,%s,%d,%d\n", a, b, c, d[i].n, d[i].significant);
    }
    free(d);
    return util_file_commit(&f);
}

static int write_provenance(const report_ctx *rc, const char *dir)
{
    cJSON *p = cJSON_CreateObject();
    char date[64], host[256] = "";
    util_date_iso(date, sizeof date);
    gethostname(host, sizeof host - 1);
    cJSON_AddStringToObject(p, "program", "devopsim");
    cJSON_AddStringToObject(p, "version", DEVOPSIM_VERSION);
    cJSON_AddStringToObject(p, "date", date);
    cJSON_AddStringToObject(p, "host", host);
    cJSON *cmd = cJSON_AddArrayToObject(p, "command_line");
    for (int i = 0; i < rc->argc; i++)
        cJSON_AddItemToArray(cmd, cJSON_CreateString(rc->argv[i]));
    cJSON_AddNumberToObject(p, "threads", rc->jobs);
    cJSON_AddStringToObject(p, "scenario_path", rc->scenario_path);
    cJSON_AddStringToObject(p, "scenario_hash", rc->scenario_hash);
    cJSON_AddStringToObject(p, "gsl_version", GSL_VERSION);
    char cj[32];
    snprintf(cj, sizeof cj, "%d.%d.%d", CJSON_VERSION_MAJOR, CJSON_VERSION_MINOR, CJSON_VERSION_PATCH);
    cJSON_AddStringToObject(p, "cjson_version", cj);
    /* Test hooks of the environment that change results, when set: a result
     * file made with one must say so. */
    static const char *const hooks[] = {"DEVOPSIM_NO_CARRIED_FIRST"};
    cJSON *env = NULL;
    for (size_t i = 0; i < sizeof hooks / sizeof *hooks; i++) {
        if (!util_env_flag(hooks[i]))       /* off, as the hooks read them */
            continue;
        if (!env)
            env = cJSON_AddObjectToObject(p, "test_hooks");
        cJSON_AddStringToObject(env, hooks[i], getenv(hooks[i]));
    }
    return util_write_json(dir, "provenance.json", p);
}

/* robustness.csv when the run checked its headlines (report_robust.h). */
static int write_robustness_csv(const org_exp *x, const report_ctx *rc, const char *dir)
{
    if (!rc->robust)
        return 0;
    util_buf b = { 0 };
    int rc2 = report_robust_csv(rc->robust, x->s, &b) != 0 ? -1 : util_write_atomic(dir, "robustness.csv", b.p, b.n);
    if (rc2 != 0)
        util_error("%s/robustness.csv: cannot write", dir);
    util_buf_free(&b);
    return rc2;
}

int report_write(const org_exp *x, const report_ctx *rc, const char *dir)
{
    if (write_json(x, rc, dir) != 0 || write_runs_csv(x, dir) != 0 || write_summary_csv(x, dir) != 0
        || write_comparisons_csv(x, rc, dir) != 0 || write_robustness_csv(x, rc, dir) != 0
        || write_provenance(rc, dir) != 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------ stdout */

static void print_headlines(const org_exp *x, const report_ctx *rc, FILE *out)
{
    report_cmp picks[REPORT_HEADLINES];
    int n = 0, skipped = 0, n_unstable = 0;
    if (report_headline_collect(x, rc->baseline, picks, &n, &skipped, &n_unstable) != 0)
        return;
    report_robust_attach(rc->robust, picks, n);
    const org_scenario *s = x->s;
    const char **models = malloc((size_t)x->n_models * sizeof *models);
    const char **hostings = malloc((size_t)x->n_hostings * sizeof *hostings);
    const char **policies = malloc((size_t)x->n_models * sizeof *policies);
    if (!models || !hostings || !policies)
        n = 0;
    for (int m = 0; n && m < x->n_models; m++) {
        models[m] = s->models[m].name;
        policies[m] = s->models[m].change_policy;
    }
    for (int h = 0; n && h < x->n_hostings; h++)
        hostings[h] = s->hostings[h].name;
    /* One sentence per key metric, in order of importance: its largest
     * significant relative difference between two designs at one hosting
     * point, never against an unstable design; then its robustness label. */
    for (int i = 0; i < n; i++) {
        if (i == 0)
            fprintf(out, "Largest significant differences (paired over %d replications, 95%% CI, Holm-corrected):\n", x->reps);
        char line[1024], policy[256];
        report_headline_text(&picks[i], models, hostings, s->oncall.calendar_clock ? 24.0 : s->hours_per_day, line,
                             sizeof line);
        fprintf(out, "  - %s", line);
        if (picks[i].support[0])
            fprintf(out, " [%s]", picks[i].support);
        if (picks[i].reversed[0])
            fprintf(out, " [%s]", picks[i].reversed);
        if (report_headline_policy_note(&picks[i], policies, policy, sizeof policy))
            fprintf(out, " [%s]", policy);
        if (picks[i].drifts)
            fprintf(out, " [%s]", REPORT_DRIFT_NOTE);
        if (picks[i].robust)
            fprintf(out, " [%s]", picks[i].robust);
        fputc('\n', out);
    }
    if (n && rc->robust)
        fprintf(out, "  [robust: the sign held with each of %d modelling choices scaled by %g and by %g in turn, on the "
                "same random numbers (%d replications each); fragile: it flipped under the one named; robustness.csv]\n",
                rc->robust->n_pert, REPORT_ROBUST_LOW, REPORT_ROBUST_HIGH, rc->robust->reps);
    if (skipped)
        fprintf(out, "  (%d significant comparison%s against %d unstable design%s skipped: a queue that grows "
                "without bound or many unfinished features is no steady state; see the warnings below.)\n",
                skipped, skipped == 1 ? "" : "s", n_unstable, n_unstable == 1 ? "" : "s");
    if (n || skipped)
        fputc('\n', out);
    free(models);
    free(hostings);
    free(policies);
}

/* "mean [low, high]" with decimals digits after the point, "mean" without an
 * interval, "n/a" without a mean. */
static void cell(char *buf, size_t size, const org_summary *su, int decimals)
{
    if (isnan(su->mean)) {
        snprintf(buf, size, "n/a");
        return;
    }
    char m[32], lo[32], hi[32];
    snprintf(m, sizeof m, "%.*f", decimals, su->mean);
    if (isnan(su->low)) {
        snprintf(buf, size, "%s", m);
        return;
    }
    snprintf(lo, sizeof lo, "%.*f", decimals, su->low);
    snprintf(hi, sizeof hi, "%.*f", decimals, su->high);
    snprintf(buf, size, "%s [%s, %s]", m, lo, hi);
}

void report_print(const org_exp *x, const report_ctx *rc, FILE *out)
{
    const org_scenario *s = x->s;
    fprintf(out, "devopsim %s: scenario %s, seed %llu, %d replications, %d model(s) x %d hosting point(s)\n",
            DEVOPSIM_VERSION, s->name, (unsigned long long)rc->seed, x->reps, x->n_models, x->n_hostings);
    if (rc->precision > 0.0) {
        if (rc->precision_met)
            fprintf(out, "precision: every key metric's 95%% half-width within %.3g%% of its mean (or its floor) after %d replications\n",
                    100.0 * rc->precision, x->reps);
        else
            fprintf(out, "precision: target %.3g%% NOT met at --max-reps %d; still imprecise: %s\n",
                    100.0 * rc->precision, rc->max_reps, rc->precision_why);
    }
    fprintf(out, "central team in these tables: %d engineers (central_team.size) for every model; "
            "the staffing tables, if any, size it per model and hosting point\n", s->central_size);
    fputc('\n', out);
    if (x->n_models > 1)
        print_headlines(x, rc, out);
    char b[7][112], warn[4096];
    int any_unsure = 0;     /* a DORA band whose figure's interval reaches into another band: "high~" */
    int mw = 18;        /* the model column: as wide as the longest name */
    for (int m = 0; m < x->n_models; m++)
        if ((int)strlen(s->models[m].name) > mw)
            mw = (int)strlen(s->models[m].name);
    for (int h = 0; h < x->n_hostings; h++) {
        fprintf(out, "== %s  (mean [95%% CI]; DORA 2024 bands)\n", s->hostings[h].name);
        fprintf(out, "  %-*s %-22s %-18s %-18s %-18s %-18s  %s\n", mw, "model", "p85 lead time (d)",
                "handoffs/feature", "bus factor infra", "non-prod. busy FTE", "util. central",
                "DORA: lead time / deploys / CFR / restore");
        for (int m = 0; m < x->n_models; m++) {
            org_summary su[5] = {
                org_exp_summary(x, m, h, ORG_M_LEAD_P85), org_exp_summary(x, m, h, ORG_M_HANDOFFS),
                org_exp_summary(x, m, h, ORG_M_BUS_INFRA_MEAN), org_exp_summary(x, m, h, ORG_M_NONPRODUCT_FTE),
                org_exp_summary(x, m, h, ORG_M_UTIL_CENTRAL),
            };
            cell(b[0], sizeof b[0], &su[0], 1);
            cell(b[1], sizeof b[1], &su[1], 2);
            cell(b[2], sizeof b[2], &su[2], 2);
            cell(b[3], sizeof b[3], &su[3], 1);
            cell(b[4], sizeof b[4], &su[4], 2);
            const char *band[4];
            int unsure[4];
            org_dora_bands(x, m, h, band);
            org_dora_uncertain(x, m, h, unsure);
            for (int k = 0; k < 4; k++)
                any_unsure |= unsure[k];
            fprintf(out, "  %-*s %-22s %-18s %-18s %-18s %-18s  %s%s / %s%s / %s%s / %s%s\n", mw, s->models[m].name,
                    b[0], b[1], b[2], b[3], b[4], band[0], unsure[0] ? "~" : "", band[1], unsure[1] ? "~" : "",
                    band[2], unsure[2] ? "~" : "", band[3], unsure[3] ? "~" : "");
        }
        for (int m = 0; m < x->n_models; m++) {
            warn[0] = '\0';
            if (org_exp_warnings(x, m, h, warn, sizeof warn) == 0)
                continue;
            for (char *line = warn; *line; ) {
                char *nl = strchr(line, '\n');
                if (nl)
                    *nl = '\0';
                fprintf(out, "  warning: %s: %s\n", s->models[m].name, line);
                if (!nl)
                    break;
                line = nl + 1;
            }
        }
        for (int p = 0; p < s->n_projects; p++) {
            fprintf(out, "  project %s makespan (days):", s->projects[p].name);
            for (int m = 0; m < x->n_models; m++) {
                org_summary su = org_exp_summary(x, m, h, ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + p);
                char c1[112];
                cell(c1, sizeof c1, &su, 1);
                fprintf(out, "  %s %s", s->models[m].name, c1);
            }
            fputc('\n', out);
        }
        fputc('\n', out);
    }
    if (any_unsure)
        fprintf(out, "DORA band~: the figure's 95%% CI reaches into another band (results.json's dora_ci95 names "
                "both ends'); more replications may settle it, or the design sits on the boundary.\n\n");
    report_ts_print(x, out);
}
