/* org_metrics — what one replication of the organisation simulation
 * measures (DESIGN.md §5, docs/metrics.md): lead times, DORA keys, where the
 * time goes, bus and truck factors, the central team's queue. */
#include "models/org_sim_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/org_clock.h"
#include "models/org_exp.h"
#include "sim/sim_stats.h"

/* Knowers per component are kept up to date by org_know.c; a sample reads
 * them. Only the owning team and the central team ever hold context on a
 * component (work on it is executed by one or the other). */
void org__sample_bus(sim *S)
{
    org__steady_sample(S);
    if (S->now < S->w0 - ORG_TIE_EPS)
        return;
    org__know_flush(S);
    for (int c = 0; c < S->n_comps; c++) {
        if (!S->active[c])
            continue;
        int count = org__knowers(S, c);
        S->bus_sum[c] += count;
        if (count <= 1)
            S->bus_le1[c] += 1.0;
    }
    S->n_samples++;
    int pool = 0;
    int responder_central = S->m->incident_first_response == ORG_EXEC_CENTRAL && S->team_size[S->central] > 0;
    for (int i = 0; i < S->n_engs; i++)
        if (S->engs[i].present && (S->engs[i].team == S->central) == responder_central)
            pool++;
    S->pool_engs_sum += pool;
    S->pool_samples++;
}

/* Avelino's greedy truck factor over the active components: remove the
 * engineer who knows the most components until fewer than half are known. */
static int cmp_known(const void *a, const void *b)
{
    const int *x = a, *y = b;   /* pairs (count, index): count descending, index ascending */
    if (x[0] != y[0])
        return y[0] - x[0];
    return x[1] - y[1];
}

double org__truck_factor(sim *S)
{
    int n_active = 0;
    for (int c = 0; c < S->n_comps; c++)
        n_active += S->active[c];
    if (n_active == 0)
        return (double)NAN;
    org__know_flush(S);
    int *order = malloc((size_t)(S->n_engs ? S->n_engs : 1) * 2 * sizeof *order);
    int *knowers = calloc((size_t)(S->n_comps ? S->n_comps : 1), sizeof *knowers);
    int *known = malloc((size_t)(S->n_comps ? S->n_comps : 1) * sizeof *known);
    if (!order || !knowers || !known) {
        free(order);
        free(knowers);
        free(known);
        S->fail = 1;
        return (double)NAN;
    }
    /* Rank engineers by the number of components they know (the "authors
     * covering the most files"), then remove them in that order until fewer
     * than half of the components are known by anyone. */
    int covered = 0;
    for (int i = 0; i < S->n_engs; i++) {
        int nk = org__known_active(S, i, known);
        for (int j = 0; j < nk; j++)
            if (knowers[known[j]]++ == 0)
                covered++;
        order[2 * i] = nk;
        order[2 * i + 1] = i;
    }
    qsort(order, (size_t)S->n_engs, 2 * sizeof *order, cmp_known);
    int removed = 0;
    for (int k = 0; k < S->n_engs && 2 * covered >= n_active; k++) {
        if (order[2 * k] == 0)
            break;
        int nk = org__known_active(S, order[2 * k + 1], known);
        for (int j = 0; j < nk; j++)
            if (--knowers[known[j]] == 0)
                covered--;
        removed++;
    }
    free(order);
    free(knowers);
    free(known);
    return removed;
}

/* -------------------------------------------------------------- metrics */

static const char *cat_names[ORG_CAT_ALL] = {
    "product", "nonproduct", "handoff", "clarification", "learning",
    "incident", "toil", "enablement", "idle", "switching", "unplanned"
};

const char *org_cat_name(org_cat c)
{
    return c < ORG_CAT_ALL ? cat_names[c] : "?";
}

static const char *metric_names[ORG_M_FIXED_COUNT] = {
    "lead_time_mean_days", "lead_time_p50_days", "lead_time_p85_days", "lead_time_p95_days",
    "features_done", "features_unfinished", "flow_efficiency",
    "handoffs_per_feature", "clarifications_per_feature", "deploys_per_week",
    "change_lead_time_p50_days", "change_failure_rate", "time_to_restore_p50_days",
    "pages_per_engineer_week", "nonproduct_fte", "product_nonproduct_share",
    "utilization_product", "utilization_central",
    "bus_factor_min", "bus_factor_infra_mean", "bus_factor_share_at_most_1", "truck_factor",
    "ticket_wait_mean_days", "ticket_wait_p85_days", "tickets_per_week",
    "central_service_days", "incidents", "engineers_left",
    "enablement_items", "warmup_mser_days", "drift_bus_factor_infra", "drift_max",
    "drift_queue", "drift_enablement"
};

static const char *hiring_names[3] = {
    "first_central_hire_day", "engineers_at_first_central_hire", "central_rule_hires"
};

static const char *oncall_names[ORG_MO_COUNT] = {
    "time_to_restore_p50_hours", "out_of_hours_incident_share", "oncall_pages_per_engineer_week",
    "oncall_cost_per_year", "change_lead_time_p50_calendar_days"
};

/* The hiring rule's three metrics follow the projects' makespans. */
static int hiring_metrics(const org_scenario *s)
{
    return s->hiring.central_when_share_above > 0.0 ? 3 : 0;
}

/* The metrics before the switching block. */
static int count_before_switching(const org_scenario *s)
{
    return ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + s->n_projects + hiring_metrics(s)
         + (s->oncall.calendar_clock ? ORG_MO_COUNT : 0);
}

/* The metrics before the unplanned-work block. */
static int count_before_unplanned(const org_scenario *s)
{
    return count_before_switching(s) + (s->flow.switch_loss > 0.0 ? ORG_MS_COUNT : 0);
}

int org_metric_team_base(const org_scenario *s)
{
    return count_before_unplanned(s) + (s->flow.unplanned_share > 0.0 ? ORG_MU_COUNT : 0)
         + (org_metric_unplanned_net(s) >= 0);
}

int org_metric_count(const org_scenario *s)
{
    return org_metric_team_base(s) + ORG_MT_COUNT;
}

int org_metric_unplanned_net(const org_scenario *s)
{
    return s->flow.unplanned_share > 0.0 && s->flow.unplanned_net_days > 0.0 ? count_before_unplanned(s) + ORG_MU_COUNT
                                                                              : -1;
}

int org_metric_unplanned_base(const org_scenario *s)
{
    return s->flow.unplanned_share > 0.0 ? count_before_unplanned(s) : -1;
}

int org_metric_switch_base(const org_scenario *s)
{
    return s->flow.switch_loss > 0.0 ? count_before_switching(s) : -1;
}

int org_metric_oncall_base(const org_scenario *s)
{
    return s->oncall.calendar_clock ? ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + s->n_projects + hiring_metrics(s) : -1;
}

const char *org_metric_name(const org_scenario *s, int i, char *buf, size_t size)
{
    int sb = org_metric_switch_base(s), ub = org_metric_unplanned_base(s), un = org_metric_unplanned_net(s);
    int tb = org_metric_team_base(s);
    if (i >= tb + ORG_MT_TEAMS_GROWING)
        snprintf(buf, size, "product_teams_growing");
    else if (i >= tb + ORG_MT_TEAMS_SATURATED)
        snprintf(buf, size, "product_teams_saturated");
    else if (i >= tb)
        snprintf(buf, size, "utilization_product_max");
    else if (un >= 0 && i >= un)
        snprintf(buf, size, "unplanned_netted_share");
    else if (ub >= 0 && i >= ub + ORG_MU_WAIT_MEAN)
        snprintf(buf, size, "unplanned_wait_mean_days");
    else if (ub >= 0 && i >= ub + ORG_MU_ITEMS_PER_WEEK)
        snprintf(buf, size, "unplanned_items_per_week");
    else if (ub >= 0 && i >= ub)
        snprintf(buf, size, "time_share_%s_%s", i == ub ? "product" : "central", cat_names[ORG_CAT_UNPLANNED]);
    else if (sb >= 0 && i >= sb + ORG_MS_CARRIED_MEAN)
        snprintf(buf, size, "features_carried_mean");
    else if (sb >= 0 && i >= sb)
        snprintf(buf, size, "time_share_%s_%s", i == sb ? "product" : "central", cat_names[ORG_CAT_SWITCHING]);
    else if (i < ORG_M_FIXED_COUNT)
        snprintf(buf, size, "%s", metric_names[i]);
    else if (i < ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT) {
        int j = i - ORG_M_FIXED_COUNT;
        snprintf(buf, size, "time_share_%s_%s", j < ORG_CAT_COUNT ? "product" : "central",
                 cat_names[j % ORG_CAT_COUNT]);
    } else if (i < ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + s->n_projects)
        snprintf(buf, size, "makespan_days_%s", s->projects[i - ORG_M_FIXED_COUNT - 2 * ORG_CAT_COUNT].name);
    else if (org_metric_oncall_base(s) >= 0 && i >= org_metric_oncall_base(s))
        snprintf(buf, size, "%s", oncall_names[i - org_metric_oncall_base(s)]);
    else
        snprintf(buf, size, "%s", hiring_names[i - (ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + s->n_projects)]);
    return buf;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Lead times, flow efficiency and change lead time of the features that
 * arrived in the window (the lead times move to out); -1 when memory ran
 * out. */
static int collect_flow(sim *S, org_rep *out, double *v)
{
    size_t nf = S->features.n;
    double *lt = malloc((nf ? nf : 1) * sizeof *lt);
    double *cl = malloc((nf ? nf : 1) * sizeof *cl);
    int ob = org_metric_oncall_base(S->s);  /* with the calendar clock: the change lead in calendar days too */
    double *cc = ob >= 0 ? malloc((nf ? nf : 1) * sizeof *cc) : NULL;
    if (!lt || !cl || (ob >= 0 && !cc)) {
        free(lt);
        free(cl);
        free(cc);
        S->fail = 1;
        return -1;
    }
    double hpd = S->s->hours_per_day;
    size_t n_lt = 0, n_cl = 0, n_meas = 0, unfinished = 0;
    double sum_lt = 0.0, sum_fe = 0.0, sum_h = 0.0, sum_c = 0.0;
    for (size_t i = 0; i < nf; i++) {
        feature *F = FEAT(S, i);
        if (F->project >= 0 || !F->measured)
            continue;
        n_meas++;
        sum_h += F->handoffs;
        sum_c += F->clarifications;
        if (F->t_done < 0.0) {
            unfinished++;
            continue;
        }
        double L = F->t_done - F->t_arrive;
        lt[n_lt++] = L;
        sum_lt += L;
        sum_fe += L > 0.0 ? F->hands_on / L : 1.0;
        if (cc)
            cc[n_cl] = (org_clock_hours(F->t_done, hpd) - org_clock_hours(F->t_code_done, hpd)) / 24.0;
        cl[n_cl++] = F->t_done - F->t_code_done;
    }
    qsort(lt, n_lt, sizeof *lt, cmp_double);
    qsort(cl, n_cl, sizeof *cl, cmp_double);
    if (cc) {
        qsort(cc, n_cl, sizeof *cc, cmp_double);
        if (n_cl)
            v[ob + ORG_MO_CHANGE_LEAD_P50_CAL_DAYS] = sim_quantile_sorted(cc, n_cl, 0.50);
        free(cc);
    }
    if (n_lt) {
        v[ORG_M_LEAD_MEAN] = sum_lt / (double)n_lt;
        v[ORG_M_LEAD_P50] = sim_quantile_sorted(lt, n_lt, 0.50);
        v[ORG_M_LEAD_P85] = sim_quantile_sorted(lt, n_lt, 0.85);
        v[ORG_M_LEAD_P95] = sim_quantile_sorted(lt, n_lt, 0.95);
        v[ORG_M_FLOW_EFFICIENCY] = sum_fe / (double)n_lt;
        v[ORG_M_CHANGE_LEAD_P50] = sim_quantile_sorted(cl, n_cl, 0.50);
    }
    free(cl);
    out->lead_times = lt;
    out->n_lead = n_lt;
    v[ORG_M_FEATURES_DONE] = (double)n_lt;
    v[ORG_M_FEATURES_UNFINISHED] = (double)unfinished;
    if (n_meas) {
        v[ORG_M_HANDOFFS] = sum_h / (double)n_meas;
        v[ORG_M_CLARIFICATIONS] = sum_c / (double)n_meas;
    }
    return 0;
}

/* Incidents opened in the window, their restore times, attrition and pages
 * per engineer; -1 when memory ran out. */
static int collect_incidents(sim *S, double *v, double weeks)
{
    size_t ni = S->incidents.n, n_rt = 0, n_inc = 0;
    double *rt = malloc((ni ? ni : 1) * sizeof *rt);
    if (!rt) {
        S->fail = 1;
        return -1;
    }
    for (size_t i = 0; i < ni; i++) {
        incident *I = INC(S, i);
        if (!I->measured)
            continue;
        n_inc++;
        if (I->t_restored >= 0.0)
            rt[n_rt++] = S->s->oncall.calendar_clock ? (I->cal_restored - I->cal_open) / 24.0
                                                     : I->t_restored - I->t_open;
    }
    qsort(rt, n_rt, sizeof *rt, cmp_double);
    if (n_rt)
        v[ORG_M_RESTORE_P50] = sim_quantile_sorted(rt, n_rt, 0.5);
    free(rt);
    v[ORG_M_INCIDENTS] = (double)n_inc;
    v[ORG_M_ATTRITION] = (double)S->left;
    double pool = S->pool_samples ? S->pool_engs_sum / S->pool_samples : 0.0;
    v[ORG_M_PAGES_PER_ENG_WEEK] = pool > 0.0 ? (double)n_inc / pool / weeks : (double)NAN;
    return 0;
}

/* Where the time went: non-product FTE, utilisation, the time split by
 * category and the non-product FTE by kind of work. */
static void collect_time(sim *S, org_rep *out, double *v, double days)
{
    double np_all = 0.0, np_product = 0.0, busy_p = 0.0, busy_c = 0.0;
    for (int c = 0; c < ORG_CAT_ALL; c++) {
        if (c == ORG_CAT_IDLE)
            continue;
        busy_p += S->busy[0][c];
        busy_c += S->busy[1][c];
        if (c != ORG_CAT_PRODUCT && c != ORG_CAT_SWITCHING && c != ORG_CAT_UNPLANNED) {  /* neither (org_sim.h) */
            np_all += S->busy[0][c] + S->busy[1][c];
            np_product += S->busy[0][c];
        }
    }
    v[ORG_M_NONPRODUCT_FTE] = np_all / days;
    if (S->avail[0] > 0.0) {
        v[ORG_M_PRODUCT_NONPRODUCT_SHARE] = np_product / S->avail[0];
        v[ORG_M_UTIL_PRODUCT] = busy_p / S->avail[0];
    }
    if (S->avail[1] > 0.0)
        v[ORG_M_UTIL_CENTRAL] = S->central_req_busy / S->avail[1];
    for (int tk = 0; tk < 2; tk++) {
        if (S->avail[tk] <= 0.0)
            continue;
        double busy = tk ? busy_c : busy_p;
        for (int c = 0; c < ORG_CAT_COUNT; c++) {
            double x = c == ORG_CAT_IDLE ? S->avail[tk] - busy : S->busy[tk][c];
            if (x < 0.0)
                x = 0.0;
            v[ORG_M_FIXED_COUNT + tk * ORG_CAT_COUNT + c] = x / S->avail[tk];
        }
        int sb = org_metric_switch_base(S->s), ub = org_metric_unplanned_base(S->s);
        if (sb >= 0)
            v[sb + ORG_MS_SHARE_PRODUCT + tk] = S->busy[tk][ORG_CAT_SWITCHING] / S->avail[tk];
        if (ub >= 0)
            v[ub + ORG_MU_SHARE_PRODUCT + tk] = S->busy[tk][ORG_CAT_UNPLANNED] / S->avail[tk];
    }
    org__unplanned_collect(S, v, days);
    int sb = org_metric_switch_base(S->s);
    if (sb >= 0)
        v[sb + ORG_MS_CARRIED_MEAN] = S->carried_n > 0 ? S->carried_sum / (double)S->carried_n : (double)NAN;
    for (int k = 0; k < ORG_KIND_COUNT; k++)
        out->nonproduct_fte_by_kind[k] = S->nonprod_kind[k] / days;
    out->nonproduct_fte_by_kind[ORG_KIND_INCIDENT] = (S->busy[0][ORG_CAT_INCIDENT] + S->busy[1][ORG_CAT_INCIDENT]) / days;
    out->nonproduct_fte_by_kind[ORG_KIND_TOIL] = (S->busy[0][ORG_CAT_TOIL] + S->busy[1][ORG_CAT_TOIL]) / days;
    out->nonproduct_fte_by_kind[ORG_KIND_ENABLEMENT] = (S->busy[0][ORG_CAT_ENABLEMENT] + S->busy[1][ORG_CAT_ENABLEMENT]) / days;
}

/* Per product team: its utilisation (busy over available time in the
 * window, as utilization_product is for all of them), whether it is
 * saturated (org_rep_saturated on its utilisation and the measured features
 * it owns) and whether its open features grew through the window
 * (org_team_grows on the drift test of its weekly open count); the busiest
 * team's utilisation and the counts of saturated and of growing teams (no
 * value when the window is too short for the growth test). -1 when memory
 * ran out. */
static int collect_teams(sim *S, double *v)
{
    int nt = S->n_teams;
    size_t *done = calloc((size_t)(nt ? nt : 1), sizeof *done), *unfinished = calloc((size_t)(nt ? nt : 1), sizeof *unfinished);
    if (!done || !unfinished) {
        free(done);
        free(unfinished);
        S->fail = 1;
        return -1;
    }
    for (size_t i = 0; i < S->features.n; i++) {
        const feature *F = FEAT(S, i);
        if (F->project >= 0 || !F->measured || F->team < 0 || F->team >= nt)
            continue;
        if (F->t_done < 0.0)
            unfinished[F->team]++;
        else
            done[F->team]++;
    }
    double max = (double)NAN;
    int saturated = 0, growing = 0, tested = 0;
    for (int t = 0; t < nt; t++) {
        if (!(S->team_avail[t] > 0.0))
            continue;
        double u = S->team_busy[t] / S->team_avail[t];
        if (isnan(max) || u > max)
            max = u;
        saturated += org_rep_saturated(u, (double)unfinished[t], (double)done[t]);
        sim_drift dr;
        if (org__steady_team_drift(S, t, &dr) == 0) {
            tested = 1;
            growing += org_team_grows(dr.change, dr.p_value, (double)(unfinished[t] + done[t]), u, nt);
        }
    }
    int tb = org_metric_team_base(S->s);
    v[tb + ORG_MT_UTIL_PRODUCT_MAX] = max;
    v[tb + ORG_MT_TEAMS_SATURATED] = (double)saturated;
    v[tb + ORG_MT_TEAMS_GROWING] = tested ? (double)growing : (double)NAN;
    free(done);
    free(unfinished);
    return 0;
}

/* The bus factor's weekly samples averaged over the window. */
static void collect_bus(const sim *S, double *v)
{
    if (S->n_samples) {
        double mn = INFINITY, infra_sum = 0.0, le1 = 0.0;
        int n_act = 0, n_infra = 0;
        for (int c = 0; c < S->n_comps; c++) {
            if (!S->active[c])
                continue;
            double b = S->bus_sum[c] / S->n_samples;
            if (b < mn)
                mn = b;
            n_act++;
            le1 += S->bus_le1[c] / S->n_samples;
            if (S->infra[c]) {
                infra_sum += b;
                n_infra++;
            }
        }
        if (n_act) {
            v[ORG_M_BUS_MIN] = mn;
            v[ORG_M_BUS_SHARE_LE1] = le1 / n_act;
        }
        if (n_infra)
            v[ORG_M_BUS_INFRA_MEAN] = infra_sum / n_infra;
    }
}

/* The central team's queue: ticket waits (moved to out), arrivals and
 * service time. */
static void collect_central(sim *S, org_rep *out, double *v, double weeks, double days)
{
    double *w = S->waits.p;
    if (S->waits.n) {
        qsort(w, S->waits.n, sizeof *w, cmp_double);
        double sw = 0.0;
        for (size_t i = 0; i < S->waits.n; i++)
            sw += w[i];
        v[ORG_M_TICKET_WAIT_MEAN] = sw / (double)S->waits.n;
        v[ORG_M_TICKET_WAIT_P85] = sim_quantile_sorted(w, S->waits.n, 0.85);
    }
    out->ticket_waits = S->waits.p;
    out->n_waits = S->waits.n;
    S->waits.p = NULL;
    S->waits.n = 0;
    v[ORG_M_TICKETS_PER_WEEK] = (double)S->central_arrivals / weeks;
    out->central_arrivals_per_day = (double)S->central_arrivals / days;
    out->central_service_days = S->central_arrivals ? S->central_req_busy / (double)S->central_arrivals : (double)NAN;
    v[ORG_M_CENTRAL_SERVICE_MEAN] = out->central_service_days;
    out->measured_days = days;
}

/* Each project's duration, when it finished. */
static void collect_projects(const sim *S, double *v)
{
    size_t nf = S->features.n;
    for (size_t i = 0; i < nf; i++) {
        feature *F = FEAT(S, i);
        if (F->project < 0)
            continue;
        int mi = ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + F->project;
        if (F->t_done >= 0.0)
            v[mi] = F->t_done - F->t_arrive;
    }
}

void org__collect(sim *S, org_rep *out)
{
    double *v = out->values;
    for (int i = 0; i < out->n_values; i++)
        v[i] = NAN;
    if (collect_flow(S, out, v) != 0)
        return;
    double weeks = (S->w1 - S->w0) / DAYS_PER_WEEK;
    v[ORG_M_DEPLOYS_PER_WEEK] = S->n_svcs ? (double)S->deploys / S->n_svcs / weeks : (double)NAN;
    v[ORG_M_CFR] = S->deploys ? (double)S->deploys_failed / (double)S->deploys : (double)NAN;
    if (collect_incidents(S, v, weeks) != 0)
        return;
    double days = S->w1 - S->w0;
    collect_time(S, out, v, days);
    if (collect_teams(S, v) != 0)
        return;
    collect_bus(S, v);
    v[ORG_M_TRUCK] = S->truck;
    v[ORG_M_ENABLE_ITEMS] = S->m->enablement ? (double)S->enable_items_measured : (double)NAN;
    org__steady_collect(S, v);
    collect_central(S, out, v, weeks, days);
    collect_projects(S, v);
    org__tl_collect(S, out, v + ORG_M_FIXED_COUNT + 2 * ORG_CAT_COUNT + S->s->n_projects);
    org__oncall_collect(S, v, weeks);
}

void org_rep_destroy(org_rep *r)
{
    if (!r)
        return;
    free(r->values);
    free(r->lead_times);
    free(r->ticket_waits);
    free(r->series);
    free(r->series_stay);
    memset(r, 0, sizeof *r);
}

