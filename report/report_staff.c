/* report_staff — staffing.csv, staffing.json and the staffing table. See
 * report_staff.h; the method is docs/staffing.md. */
#include "report/report_staff.h"
#include "report/report_json.h"
#include "models/org_rotation.h"
#include "util/util_csv.h"
#include "util/util_msg.h"
#include "util/util_file.h"
#include "plots/plot_money.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

const char staff_csv_header[] =
    "scenario,model,hosting,team,headcount,p85_days,ci95_low,ci95_high,utilization,"
    "erlang_c_headcount,total_headcount,oncall_standby_per_year,cost_per_year,cost_per_feature,currency";

static void fmt_num(char *buf, size_t size, double v)
{
    if (isnan(v) || isinf(v))
        buf[0] = '\0';
    else
        snprintf(buf, size, "%.10g", v);
}

static void fmt_int(char *buf, size_t size, int v, int valid)
{
    if (!valid)
        buf[0] = '\0';
    else
        snprintf(buf, size, "%d", v);
}


static cJSON *summary_json(org_summary su)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "mean", report_json_num(su.mean));
    cJSON_AddItemToObject(o, "ci95_low", report_json_num(su.low));
    cJSON_AddItemToObject(o, "ci95_high", report_json_num(su.high));
    cJSON_AddNumberToObject(o, "n", su.n);
    return o;
}

/* A cell's answer is complete when both searches reached their targets. */
static int cell_valid(const org_staff_cell *c)
{
    return c->central_required >= 0 && c->product_reachable;
}

static const org_summary nan_summary = { NAN, NAN, NAN, 0 };

/* ---- staffing.csv ---------------------------------------------------------- */

static int write_csv(const org_staff_result *r, const char *dir)
{
    util_file f;
    if (util_file_open(&f, dir, "staffing.csv") != 0)
        return -1;
    const org_scenario *s = r->s;
    fprintf(f.fp, "%s\n", staff_csv_header);
    char hc[32], p85[64], lo[64], hi[64], ut[64], er[32], tot[32], oc[64], cy[64], cf[64];
    for (int m = 0; m < r->n_models; m++)
        for (int h = 0; h < r->n_hostings; h++) {
            const org_staff_cell *c = org_staff_cell_at(r, m, h);
            const org_staff_eval *e = c->final_eval;
            int ok = cell_valid(c);
            fmt_int(tot, sizeof tot, c->total_headcount, ok);
            fmt_num(oc, sizeof oc, ok ? c->cost_oncall : (double)NAN);
            fmt_num(cy, sizeof cy, ok ? c->cost_per_year : (double)NAN);
            fmt_num(cf, sizeof cf, ok ? c->cost_per_feature : (double)NAN);
            /* central */
            org_summary w = e ? e->wait_p85 : nan_summary, u = e ? e->util_central : nan_summary;
            fmt_int(hc, sizeof hc, c->central_size, c->central_required >= 0);
            fmt_num(p85, sizeof p85, w.mean);
            fmt_num(lo, sizeof lo, w.low);
            fmt_num(hi, sizeof hi, w.high);
            fmt_num(ut, sizeof ut, u.mean);
            fmt_int(er, sizeof er, c->erlang_headcount, c->erlang_headcount >= 0);
            util_csv_fput_cells(f.fp, 3, s->name, s->models[m].name, s->hostings[h].name);
            fprintf(f.fp, "central,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", hc, p85, lo, hi, ut, er, tot, oc, cy, cf,
                    s->costs.currency);
            /* product */
            org_summary l = e ? e->lead_p85 : nan_summary, up = e ? e->util_product : nan_summary;
            fmt_int(hc, sizeof hc, c->product_headcount, c->product_reachable);
            fmt_num(p85, sizeof p85, l.mean);
            fmt_num(lo, sizeof lo, l.low);
            fmt_num(hi, sizeof hi, l.high);
            fmt_num(ut, sizeof ut, up.mean);
            util_csv_fput_cells(f.fp, 3, s->name, s->models[m].name, s->hostings[h].name);
            fprintf(f.fp, "product,%s,%s,%s,%s,%s,,%s,%s,%s,%s,%s\n", hc, p85, lo, hi, ut, tot, oc, cy, cf,
                    s->costs.currency);
        }
    return util_file_commit(&f);
}

/* ---- staffing_platform.csv --------------------------------------------------- */

const char staff_platform_csv_header[] =
    "scenario,model,hosting,enablement_engineers,platform_team,product_extra_per_team,product_headcount,"
    "total_headcount,lead_time_p85_days,cost_per_year,chosen,currency";

/* 1 when some cell searched the platform team's size. */
static int any_platform(const org_staff_result *r)
{
    for (int i = 0; i < r->n_models * r->n_hostings; i++)
        if (r->cells[i].platform_searched && r->cells[i].n_platform > 0)
            return 1;
    return 0;
}

static int write_platform_csv(const org_staff_result *r, const char *dir)
{
    util_file f;
    if (util_file_open(&f, dir, "staffing_platform.csv") != 0)
        return -1;
    const org_scenario *s = r->s;
    fprintf(f.fp, "%s\n", staff_platform_csv_header);
    char ph[32], tot[32], lead[64], cy[64];
    for (int m = 0; m < r->n_models; m++)
        for (int h = 0; h < r->n_hostings; h++) {
            const org_staff_cell *c = org_staff_cell_at(r, m, h);
            for (int i = 0; c->platform_searched && i < c->n_platform; i++) {
                const org_staff_platform_point *p = &c->platform[i];
                fmt_int(ph, sizeof ph, p->product_headcount, p->reachable);
                fmt_int(tot, sizeof tot, p->total_headcount, p->reachable);
                fmt_num(lead, sizeof lead, p->lead_p85);
                fmt_num(cy, sizeof cy, p->cost_per_year);
                util_csv_fput_cells(f.fp, 3, s->name, s->models[m].name, s->hostings[h].name);
                fprintf(f.fp, "%d,%d,%d,%s,%s,%s,%s,%d,%s\n", p->enablement, p->central, p->product_extra, ph, tot,
                        lead, cy, i == c->platform_best, s->costs.currency);
            }
        }
    return util_file_commit(&f);
}

/* ---- staffing.json ----------------------------------------------------------- */

/* The platform-size curve of a cell (null when not searched). */
static cJSON *platform_json(const org_staff_cell *c)
{
    if (!c->platform_searched)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "product_nonproduct_fte", report_json_num(c->platform_pain_fte));
    cJSON_AddNumberToObject(o, "enablement_bound", c->platform_bound);
    cJSON_AddNumberToObject(o, "chosen_enablement_engineers", c->enablement_added);
    cJSON *a = cJSON_AddArrayToObject(o, "curve");
    for (int i = 0; i < c->n_platform; i++) {
        const org_staff_platform_point *p = &c->platform[i];
        cJSON *q = cJSON_CreateObject();
        cJSON_AddNumberToObject(q, "enablement_engineers", p->enablement);
        cJSON_AddNumberToObject(q, "platform_team", p->central);
        cJSON_AddNumberToObject(q, "product_extra_per_team", p->product_extra);
        cJSON_AddBoolToObject(q, "reachable", p->reachable);
        cJSON_AddItemToObject(q, "product_headcount", p->reachable ? cJSON_CreateNumber(p->product_headcount)
                                                                   : cJSON_CreateNull());
        cJSON_AddItemToObject(q, "total_headcount", p->reachable ? cJSON_CreateNumber(p->total_headcount)
                                                                 : cJSON_CreateNull());
        cJSON_AddItemToObject(q, "lead_time_p85_days", report_json_num(p->lead_p85));
        cJSON_AddItemToObject(q, "product_nonproduct_fte", report_json_num(p->product_nonproduct_fte));
        cJSON_AddItemToObject(q, "cost_per_year", report_json_num(p->cost_per_year));
        cJSON_AddBoolToObject(q, "chosen", i == c->platform_best);
        cJSON_AddItemToArray(a, q);
    }
    return o;
}

static cJSON *eval_json(const org_staff_eval *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "central_size", e->central);
    cJSON_AddNumberToObject(o, "product_extra_per_team", e->extra);
    cJSON_AddItemToObject(o, "ticket_wait_p85_days", summary_json(e->wait_p85));
    cJSON_AddItemToObject(o, "utilization_central", summary_json(e->util_central));
    cJSON_AddItemToObject(o, "service_level", summary_json(e->service_level));
    cJSON_AddItemToObject(o, "lead_time_p85_days", summary_json(e->lead_p85));
    cJSON_AddItemToObject(o, "utilization_product", summary_json(e->util_product));
    cJSON_AddItemToObject(o, "central_arrivals_per_day", report_json_num(e->arrivals_per_day));
    cJSON_AddItemToObject(o, "central_service_days", report_json_num(e->service_days));
    cJSON_AddItemToObject(o, "features_done", report_json_num(e->features_done));
    cJSON_AddItemToObject(o, "features_unfinished", report_json_num(e->features_unfinished));
    cJSON_AddBoolToObject(o, "meets_central_targets", e->meets_central);
    cJSON_AddBoolToObject(o, "meets_lead_time_target", e->meets_product);
    return o;
}

static cJSON *cell_json(const org_staff_result *r, const org_staff_cell *c)
{
    const org_scenario *s = r->s;
    const org_model *M = &s->models[c->m];
    const org_staff_eval *e = c->final_eval;
    int ok = cell_valid(c);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "model", M->name);
    cJSON_AddStringToObject(o, "hosting", s->hostings[c->h].name);

    cJSON *ce = cJSON_AddObjectToObject(o, "central");
    cJSON_AddStringToObject(ce, "team", M->central_name);
    cJSON_AddBoolToObject(ce, "receives_work", c->central_work);
    cJSON_AddBoolToObject(ce, "has_targets", c->central_targets);
    cJSON_AddBoolToObject(ce, "reachable", c->central_required >= 0);
    cJSON_AddItemToObject(ce, "required_for_requests", c->central_required >= 0
                          ? cJSON_CreateNumber(c->central_required) : cJSON_CreateNull());
    cJSON_AddNumberToObject(ce, "enablement_added", c->enablement_added);
    cJSON_AddBoolToObject(ce, "oncall_floor_applied", c->oncall_central_floor);
    cJSON_AddNumberToObject(ce, "oncall_min_rotation",
                            org_rotation_holds(s, M, NULL, c->h, s->n_teams, c->central_size > 0)
                            ? org_rotation_min_size(s) : 0);
    cJSON_AddItemToObject(ce, "headcount", c->central_required >= 0 ? cJSON_CreateNumber(c->central_size)
                                                                     : cJSON_CreateNull());
    cJSON_AddBoolToObject(ce, "marginal", c->central_marginal);
    cJSON *ach = cJSON_AddObjectToObject(ce, "achieved");
    cJSON_AddItemToObject(ach, "ticket_wait_p85_days", summary_json(e ? e->wait_p85 : nan_summary));
    cJSON_AddItemToObject(ach, "utilization", summary_json(e ? e->util_central : nan_summary));
    cJSON_AddItemToObject(ach, "service_level", summary_json(e ? e->service_level : nan_summary));
    cJSON *at = cJSON_AddObjectToObject(ce, "at_required_size");
    const org_staff_eval *q = c->central_eval;
    cJSON_AddItemToObject(at, "ticket_wait_p85_days", summary_json(q ? q->wait_p85 : nan_summary));
    cJSON_AddItemToObject(at, "utilization", summary_json(q ? q->util_central : nan_summary));
    cJSON_AddItemToObject(at, "service_level", summary_json(q ? q->service_level : nan_summary));
    cJSON *er = cJSON_AddObjectToObject(ce, "erlang_c");
    cJSON_AddItemToObject(er, "arrivals_per_day", report_json_num(c->erlang_lambda_per_day));
    cJSON_AddItemToObject(er, "service_days", report_json_num(c->erlang_service_days));
    cJSON_AddItemToObject(er, "offered_load", report_json_num(c->erlang_load));
    cJSON_AddItemToObject(er, "headcount", c->erlang_headcount >= 0 ? cJSON_CreateNumber(c->erlang_headcount)
                                                                     : cJSON_CreateNull());
    cJSON_AddStringToObject(er, "explanation", c->erlang_note);
    cJSON_AddNumberToObject(ce, "candidates_evaluated", c->central_evals);

    cJSON *pr = cJSON_AddObjectToObject(o, "product");
    cJSON_AddBoolToObject(pr, "searched", c->product_searched);
    cJSON_AddBoolToObject(pr, "reachable", c->product_reachable);
    cJSON_AddNumberToObject(pr, "extra_per_team", c->product_extra);
    cJSON_AddNumberToObject(pr, "teams", s->n_teams);
    cJSON_AddNumberToObject(pr, "oncall_added", c->oncall_product_added);
    cJSON_AddItemToObject(pr, "headcount", c->product_reachable ? cJSON_CreateNumber(c->product_headcount)
                                                                 : cJSON_CreateNull());
    cJSON_AddBoolToObject(pr, "marginal", c->product_marginal);
    cJSON *pa = cJSON_AddObjectToObject(pr, "achieved");
    cJSON_AddItemToObject(pa, "lead_time_p85_days", summary_json(e ? e->lead_p85 : nan_summary));
    cJSON_AddItemToObject(pa, "utilization", summary_json(e ? e->util_product : nan_summary));
    cJSON_AddNumberToObject(pr, "candidates_evaluated", c->product_evals);

    cJSON_AddItemToObject(o, "total_headcount", ok ? cJSON_CreateNumber(c->total_headcount) : cJSON_CreateNull());
    cJSON_AddNumberToObject(o, "oncall_rotations", c->oncall_rotations);
    cJSON *co = cJSON_AddObjectToObject(o, "cost");
    cJSON_AddItemToObject(co, "product_engineers_per_year", report_json_num(ok ? c->cost_product : (double)NAN));
    cJSON_AddItemToObject(co, "central_engineers_per_year", report_json_num(ok ? c->cost_central : (double)NAN));
    cJSON_AddItemToObject(co, "hosting_per_year", report_json_num(c->cost_hosting));
    cJSON_AddItemToObject(co, "oncall_standby_per_year", report_json_num(c->cost_oncall));
    cJSON_AddItemToObject(co, "per_year", report_json_num(ok ? c->cost_per_year : (double)NAN));
    cJSON_AddItemToObject(co, "features_per_year", report_json_num(c->features_per_year));
    cJSON_AddItemToObject(co, "per_feature", report_json_num(ok ? c->cost_per_feature : (double)NAN));
    cJSON *fte = cJSON_AddObjectToObject(o, "nonproduct_fte_by_kind");
    for (int k = 0; k < ORG_KIND_COUNT; k++)
        if (!org_kind_is_product((org_kind)k))
            cJSON_AddItemToObject(fte, org_kind_name((org_kind)k),
                                  report_json_num(e ? e->nonproduct_fte_by_kind[k] : (double)NAN));
    cJSON_AddItemToObject(o, "platform_search", platform_json(c));
    cJSON_AddStringToObject(o, "notes", c->note);
    cJSON *cand = cJSON_AddArrayToObject(o, "candidates");
    for (int i = 0; i < c->n_evals; i++)
        cJSON_AddItemToArray(cand, eval_json(&c->evals[i]));
    return o;
}

cJSON *staff_results_json(const org_staff_result *r, const char *scenario_hash)
{
    const org_scenario *s = r->s;
    const org_targets *t = &s->targets;
    cJSON *root = report_json_head(s->name, scenario_hash, s->run.seed, 0);
    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "replications_per_candidate", r->reps);
    cJSON_AddStringToObject(root, "method", "docs/staffing.md: bracket (steps 1, 2, 4, ... from an Erlang C guess), "
                            "a power-law secant through the bracket's ends (at most twice), "
                            "then bisection, common random numbers at every candidate; a candidate meets a target "
                            "when the mean over the paired replications does; the answer is the smallest evaluated "
                            "size from which every evaluated size meets");
    cJSON *tg = cJSON_AddObjectToObject(root, "targets");
    cJSON_AddNumberToObject(tg, "lead_time_p85_days", t->lead_time_p85_days);
    cJSON_AddNumberToObject(tg, "ticket_wait_p85_days", t->ticket_wait_p85_days);
    cJSON_AddNumberToObject(tg, "max_utilization", t->max_utilization);
    cJSON_AddNumberToObject(tg, "service_level_share", t->service_level_share);
    cJSON_AddNumberToObject(tg, "service_level_days", t->service_level_days);
    cJSON_AddNumberToObject(tg, "enablement_engineers", t->enablement_engineers);
    cJSON_AddNumberToObject(tg, "platform_search_max", t->platform_search_max);
    cJSON *oc = cJSON_AddObjectToObject(root, "oncall");
    cJSON_AddStringToObject(oc, "cover", org_cover_names[s->oncall.cover]);
    cJSON_AddNumberToObject(oc, "min_rotation", s->oncall.min_rotation);
    cJSON_AddNumberToObject(oc, "min_rotation_per_site", s->oncall.min_rotation_per_site);
    cJSON_AddNumberToObject(oc, "rotation_size", org_rotation_min_size(s));
    cJSON *co = cJSON_AddObjectToObject(root, "costs");
    cJSON_AddNumberToObject(co, "product_engineer_per_year", s->costs.product_engineer_per_year);
    cJSON_AddNumberToObject(co, "central_engineer_per_year", s->costs.central_engineer_per_year);
    cJSON_AddNumberToObject(co, "oncall_standby_per_week", s->costs.oncall_standby_per_week);
    cJSON_AddStringToObject(co, "currency", s->costs.currency);
    cJSON *hc = cJSON_AddObjectToObject(co, "hosting_cost_per_service_month");
    for (int h = 0; h < s->n_hostings; h++)
        cJSON_AddNumberToObject(hc, s->hostings[h].name, s->hostings[h].hosting_cost_per_service_month);
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (int m = 0; m < r->n_models; m++)
        for (int h = 0; h < r->n_hostings; h++) {
            const org_staff_cell *c = org_staff_cell_at(r, m, h);
            const org_staff_eval *e = c->final_eval;
            int ok = cell_valid(c);
            for (int team = 0; team < 2; team++) {
                cJSON *row = cJSON_CreateObject();
                cJSON_AddStringToObject(row, "scenario", s->name);
                cJSON_AddStringToObject(row, "model", s->models[m].name);
                cJSON_AddStringToObject(row, "hosting", s->hostings[h].name);
                cJSON_AddStringToObject(row, "team", team ? "product" : "central");
                org_summary su = !e ? nan_summary : team ? e->lead_p85 : e->wait_p85;
                org_summary ut = !e ? nan_summary : team ? e->util_product : e->util_central;
                int valid = team ? c->product_reachable : c->central_required >= 0;
                cJSON_AddItemToObject(row, "headcount", valid ? cJSON_CreateNumber(team ? c->product_headcount
                                                                                         : c->central_size)
                                                              : cJSON_CreateNull());
                cJSON_AddItemToObject(row, "p85_days", report_json_num(su.mean));
                cJSON_AddItemToObject(row, "ci95_low", report_json_num(su.low));
                cJSON_AddItemToObject(row, "ci95_high", report_json_num(su.high));
                cJSON_AddItemToObject(row, "utilization", report_json_num(ut.mean));
                cJSON_AddItemToObject(row, "erlang_c_headcount", !team && c->erlang_headcount >= 0
                                      ? cJSON_CreateNumber(c->erlang_headcount) : cJSON_CreateNull());
                cJSON_AddItemToObject(row, "total_headcount", ok ? cJSON_CreateNumber(c->total_headcount)
                                                                 : cJSON_CreateNull());
                cJSON_AddItemToObject(row, "oncall_standby_per_year", report_json_num(c->cost_oncall));
                cJSON_AddItemToObject(row, "cost_per_year", report_json_num(ok ? c->cost_per_year : (double)NAN));
                cJSON_AddItemToObject(row, "cost_per_feature", report_json_num(ok ? c->cost_per_feature : (double)NAN));
                cJSON_AddItemToObject(row, "cost_today_per_year", report_json_num(c->cost_today_per_year));
                cJSON_AddItemToArray(rows, row);
            }
        }
    cJSON *cells = cJSON_AddArrayToObject(root, "cells");
    long cand = 0;
    for (int i = 0; i < r->n_models * r->n_hostings; i++) {
        cJSON_AddItemToArray(cells, cell_json(r, &r->cells[i]));
        cand += r->cells[i].n_evals;
    }
    cJSON_AddNumberToObject(root, "candidates_evaluated", (double)cand);
    cJSON_AddNumberToObject(root, "replications_simulated", (double)r->runs);
    return root;
}

static int write_json(const org_staff_result *r, const char *hash, const char *dir)
{
    return util_write_json(dir, "staffing.json", staff_results_json(r, hash));
}

int staff_write_files(const org_staff_result *r, const char *scenario_hash, const char *dir)
{
    if (write_csv(r, dir) != 0 || write_json(r, scenario_hash, dir) != 0)
        return -1;
    if (any_platform(r) && write_platform_csv(r, dir) != 0)
        return -1;
    return 0;
}

/* ---- the table ---------------------------------------------------------------- */

/* An amount with its currency, "€33.3M"; "—" without one. */
static const char *money(double v, const char *currency, char *buf, size_t size)
{
    if (isnan(v) || isinf(v) || plot_money_format(v, currency, 3, buf, size) != 0)
        snprintf(buf, size, "—");
    return buf;
}

static const char *ci_text(org_summary su, char *buf, size_t size)
{
    if (isnan(su.mean))
        snprintf(buf, size, "—");
    else if (isnan(su.low))
        snprintf(buf, size, "%.2f", su.mean);
    else
        snprintf(buf, size, "%.2f [%.2f, %.2f]", su.mean, fmax(su.low, 0.0), su.high);  /* days are >= 0 */
    return buf;
}

/* printf pads by bytes; pad UTF-8 text by characters. */
static void put_padded(FILE *out, const char *text, int width, int right)
{
    int chars = (int)util_utf8_chars(text);
    int pad = width > chars ? width - chars : 0;
    if (right)
        fprintf(out, "%*s%s", pad, "", text);
    else
        fprintf(out, "%s%*s", text, pad, "");
}

/* The platform team's size per cell that searched it: the answer, the cost
 * against no enablement engineers, and how far the curve went. */
static void print_platform(const org_staff_result *r, FILE *out)
{
    const org_scenario *s = r->s;
    char a[96], b[96];
    fputs("\nplatform team: enablement engineers chosen by total cost at equal delivery (the lead-time target), "
          "from 0, 1, 2, 4, 8, 16, … (staffing_platform.csv):\n", out);
    for (int m = 0; m < r->n_models; m++)
        for (int h = 0; h < r->n_hostings; h++) {
            const org_staff_cell *c = org_staff_cell_at(r, m, h);
            if (!c->platform_searched || c->n_platform == 0)
                continue;
            const org_staff_platform_point *p0 = &c->platform[0];
            fprintf(out, "  %s at %s: ", s->models[m].name, s->hostings[h].name);
            if (c->platform_best < 0 || !c->platform[c->platform_best].reachable) {
                fputs("the lead-time target is not reached at any size tried\n", out);
                continue;
            }
            const org_staff_platform_point *p = &c->platform[c->platform_best];
            fprintf(out, "enablement engineers %d (%s of %d), %s a year", p->enablement, s->models[m].central_name,
                    p->central, money(p->cost_per_year, s->costs.currency, a, sizeof a));
            if (p != p0)
                fprintf(out, " against %s with none", money(p0->cost_per_year, s->costs.currency, b, sizeof b));
            fprintf(out, "; tried %d sizes up to %d (bound %d from the product teams' non-product work, %.1f FTE)\n",
                    c->n_platform, c->platform[c->n_platform - 1].enablement, c->platform_bound, c->platform_pain_fte);
        }
}

void staff_print(const org_staff_result *r, FILE *out)
{
    const org_scenario *s = r->s;
    const org_targets *t = &s->targets;
    char a[96], b[96];
    fprintf(out, "Staffing for %s — %d replications per candidate, common random numbers (seed %llu)\n", s->name,
            r->reps, (unsigned long long)s->run.seed);
    fprintf(out, "targets:");
    if (t->ticket_wait_p85_days > 0.0)
        fprintf(out, " p85 ticket wait ≤ %g days;", t->ticket_wait_p85_days);
    if (t->max_utilization > 0.0)
        fprintf(out, " central utilisation ≤ %.0f%%;", 100.0 * t->max_utilization);
    if (t->service_level_share > 0.0)
        fprintf(out, " %.0f%% of tickets started within %g days;", 100.0 * t->service_level_share, t->service_level_days);
    if (t->lead_time_p85_days > 0.0)
        fprintf(out, " p85 lead time ≤ %g days;", t->lead_time_p85_days);
    if (org_rotation_min_size(s) > 0)
        fprintf(out, " %s on-call (oncall.cover; a rotation ≥ %d per first-responder team);",
                org_cover_names[s->oncall.cover], org_rotation_min_size(s));
    if (t->enablement_engineers > 0)
        fprintf(out, " %d enablement engineers on platform teams;", t->enablement_engineers);
    fprintf(out, "\ncosts: product engineer %s, central engineer %s a year, hosting per service and month as the "
            "hosting point says", money(s->costs.product_engineer_per_year, s->costs.currency, a, sizeof a),
            money(s->costs.central_engineer_per_year, s->costs.currency, b, sizeof b));
    if (s->oncall.cover == ORG_COVER_24X7)
        fprintf(out, ", on-call stand-by %s a rotation-week",
                money(s->costs.oncall_standby_per_week, s->costs.currency, a, sizeof a));
    fputc('\n', out);
    fprintf(out, "central team in this table: the staffing search's size per model and hosting point (requests%s), "
            "not the scenario's %d (central_team.size) the run's tables use\n\n",
            any_platform(r) ? " + enablement engineers chosen by cost" : t->enablement_engineers > 0
            ? " + targets.enablement_engineers" : "", s->central_size);
    static const struct { const char *name; int width, right; } cols[] = {
        { "hosting", 11, 0 }, { "model", 16, 0 }, { "central", 7, 1 }, { "wait p85 days [95% CI]", 24, 1 },
        { "util", 5, 1 }, { "Erlang C", 8, 1 }, { "per team", 9, 1 }, { "lead p85 days [95% CI]", 25, 1 },
        { "total", 6, 1 }, { "on-call/yr", 10, 1 }, { "cost/year", 10, 1 }, { "per feature", 11, 1 },
    };
    int ncol = (int)(sizeof cols / sizeof cols[0]);
    /* the name columns as wide as the longest name: a plan called
     * "all-serverless" pushed its rows one column over */
    int width[sizeof cols / sizeof cols[0]];
    for (int i = 0; i < ncol; i++)
        width[i] = cols[i].width;
    for (int h = 0; h < r->n_hostings; h++)
        if ((int)util_utf8_chars(s->hostings[h].name) > width[0])
            width[0] = (int)util_utf8_chars(s->hostings[h].name);
    for (int m = 0; m < r->n_models; m++)
        if ((int)util_utf8_chars(s->models[m].name) > width[1])
            width[1] = (int)util_utf8_chars(s->models[m].name);
    for (int i = 0; i < ncol; i++) {
        put_padded(out, cols[i].name, width[i], cols[i].right);
        fputs(i + 1 < ncol ? "  " : "\n", out);
    }
    int n_notes = 0;
    for (int h = 0; h < r->n_hostings; h++) {
        for (int m = 0; m < r->n_models; m++) {
            const org_staff_cell *c = org_staff_cell_at(r, m, h);
            const org_staff_eval *e = c->final_eval;
            int ok = cell_valid(c);
            char cells[12][96];
            snprintf(cells[0], 96, "%s", m == 0 ? s->hostings[h].name : "");
            snprintf(cells[1], 96, "%s", s->models[m].name);
            if (c->central_required < 0)
                snprintf(cells[2], 96, "—");
            else
                snprintf(cells[2], 96, "%d%s%s", c->central_size, c->oncall_central_floor ? "†" : "",
                         c->central_marginal ? "~" : "");
            ci_text(e ? e->wait_p85 : nan_summary, cells[3], 96);
            if (e && !isnan(e->util_central.mean))
                snprintf(cells[4], 96, "%.0f%%", 100.0 * e->util_central.mean);
            else
                snprintf(cells[4], 96, "—");
            if (c->erlang_headcount >= 0)
                snprintf(cells[5], 96, "%d%s", c->erlang_headcount, c->erlang_note[0] ? "*" : "");
            else
                snprintf(cells[5], 96, "—");
            int size0 = s->n_teams ? s->teams[0].size : 0, uniform = 1;
            for (int k = 1; k < s->n_teams; k++)
                uniform &= s->teams[k].size == size0;
            if (!c->product_reachable)
                snprintf(cells[6], 96, "—");
            else if (!uniform)
                snprintf(cells[6], 96, "(%+d)%s", c->product_extra, c->product_marginal ? "~" : "");
            else if (c->product_extra == 0)
                snprintf(cells[6], 96, "%d%s", size0, c->product_marginal ? "~" : "");
            else
                snprintf(cells[6], 96, "%d (%+d)%s", size0 + c->product_extra, c->product_extra,
                         c->product_marginal ? "~" : "");
            ci_text(e ? e->lead_p85 : nan_summary, cells[7], 96);
            if (ok)
                snprintf(cells[8], 96, "%d%s", c->total_headcount, c->oncall_product_added ? "†" : "");
            else
                snprintf(cells[8], 96, "—");
            money(ok ? c->cost_oncall : (double)NAN, s->costs.currency, cells[9], 96);
            money(ok ? c->cost_per_year : (double)NAN, s->costs.currency, cells[10], 96);
            money(ok ? c->cost_per_feature : (double)NAN, s->costs.currency, cells[11], 96);
            for (int i = 0; i < ncol; i++) {
                put_padded(out, cells[i], width[i], cols[i].right);
                fputs(i + 1 < ncol ? "  " : "\n", out);
            }
            if (c->note[0] || c->erlang_note[0])
                n_notes++;
        }
    }
    fprintf(out, "\ncentral: the central team's headcount (requests + enablement, raised to the on-call floor †); "
            "wait and util achieved at that size.\nper team: engineers per product team for the lead-time target "
            "(change from the scenario in brackets). ~: marginal (the target lies inside a 95%% interval).\n"
            "Erlang C: the M/M/c answer for the demand simulated at the required size; * explained below.\n"
            "on-call/yr: the rotations' stand-by allowance (oncall.cover 24x7: 52 weeks × "
            "costs.oncall_standby_per_week per rotation), included in cost/year.\n");
    if (any_platform(r))
        print_platform(r, out);
    if (n_notes) {
        fputs("\nnotes:\n", out);
        for (int m = 0; m < r->n_models; m++)
            for (int h = 0; h < r->n_hostings; h++) {
                const org_staff_cell *c = org_staff_cell_at(r, m, h);
                if (c->note[0])
                    fprintf(out, "  %s at %s: %s\n", s->models[m].name, s->hostings[h].name, c->note);
                if (c->erlang_note[0])
                    fprintf(out, "  %s at %s (Erlang C %d, simulated %d): %s\n", s->models[m].name,
                            s->hostings[h].name, c->erlang_headcount, c->central_required, c->erlang_note);
            }
    }
}

/* ---- `devopsim run` -------------------------------------------------------------- */
