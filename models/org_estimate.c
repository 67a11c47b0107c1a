/* org_estimate — memory of a run, from the scenario alone (see org_estimate.h).
 * Byte counts come from the structures of org_sim_int.h; the knowledge an
 * engineer holds is what org_know.c stores: a product engineer their own
 * service's components, a central engineer (the base layer aside) the
 * components of the tasks they executed and, through spill-over, the rest
 * of those services' infrastructure. */
#include "models/org_estimate.h"

#include <math.h>
#include <stdio.h>

#include "models/org_const.h"
#include "models/org_sim.h"
#include "models/org_sim_int.h"

#define VEC_SLACK 2.0               /* growable arrays hold up to twice their content */
/* list (the whole entry: value, ordering key and owner; up to half again as
 * many allocated as held), half-full map, crossing */
#define MAP_BYTES_PER_ENTRY (1.5 * sizeof(kent) + 2.0 * sizeof(kslot) + sizeof(xitem))
#define RNG_BYTES 160.0             /* one random stream (gsl_rng + xoshiro state) */
#define ROW_BYTES 96.0              /* a CSV row in memory while written */

void org_estimate_run(const org_scenario *s, int reps, int jobs, org_estimate *e)
{
    double product = 0.0, fpw = 0.0, n_tasks = 0.0, wsum = 0.0, product_services = 0.0;
    for (int i = 0; i < s->n_teams; i++) {
        product += s->teams[i].size;
        product_services += (double)s->teams[i].size * (s->teams[i].n_services > 1 ? s->teams[i].n_services : 1);
        fpw += s->teams[i].features_per_week;
    }
    for (int i = 0; i < s->n_templates; i++) {
        wsum += s->templates[i].weight;
        n_tasks += s->templates[i].weight * s->templates[i].n_tasks;
    }
    double tasks_per_feature = wsum > 0.0 ? n_tasks / wsum : 0.0;
    double central = s->central_size > 0 ? s->central_size : 0;
    if (s->targets.enablement_engineers > 0)
        central += s->targets.enablement_engineers;
    /* Engineers who join during the run hold slots and knowledge too: the
     * timeline's hires and the hiring rule's positions, each counted with
     * the team they join (a move keeps the engineer: only a slot where they go). */
    double moved = 0.0;
    if (s->hiring.central_when_share_above > 0.0 && s->hiring.max_hires > 0)
        central += s->hiring.max_hires;
    for (int i = 0; i < s->n_events; i++) {
        const org_tl_event *ev = &s->events[i];
        if (ev->kind == ORG_TL_MOVE)
            moved += ev->count;
        else if (ev->kind == ORG_TL_HIRE && ev->to >= 0 && ev->to < s->n_teams) {
            product += ev->count;
            product_services += (double)ev->count * (s->teams[ev->to].n_services > 1 ? s->teams[ev->to].n_services : 1);
        } else if (ev->kind == ORG_TL_HIRE)
            central += ev->count;
    }
    double engineers = product + central;
    double arrive_days = s->run.warmup_days + s->run.measure_days;
    double horizon = arrive_days + s->run.drain_max_days;
    double features = fpw / ORG_DAYS_PER_WEEK * arrive_days;
    for (int p = 0; p < s->n_projects; p++)
        n_tasks += s->projects[p].n_tasks;
    /* The busiest hosting point decides: toil items and incidents per service. */
    double side = 0.0;
    for (int h = 0; h < s->n_hostings; h++) {
        const org_hosting *H = &s->hostings[h];
        double per_service = (H->toil_days_per_service_week / TOIL_UNIT_DAYS + 2.0 * H->incidents_per_service_week)
                             / ORG_DAYS_PER_WEEK * horizon;
        if (per_service * s->n_services > side)
            side = per_service * s->n_services;
    }
    double work = features * tasks_per_feature * 1.25 + side;    /* + clarification answers, escalations */
    double techs = s->n_techs > 0 ? s->n_techs : 1;
    double comps = (double)s->n_services * techs;
    /* Explicit contexts: product engineers on their own stack; central
     * engineers on what they executed (the template's infrastructure tasks
     * by their probability, toil, incidents), each with its service's other
     * infrastructure, at most every component. */
    double infra_per_feature = 0.0;
    for (int i = 0; i < s->n_templates && wsum > 0.0; i++)
        for (int j = 0; j < s->templates[i].n_tasks; j++) {
            const org_task_spec *sp = &s->templates[i].tasks[j];
            if (!org_kind_is_product((org_kind)sp->kind))
                infra_per_feature += s->templates[i].weight / wsum * (sp->probability < 1.0 ? sp->probability : 1.0);
        }
    double central_work = features * infra_per_feature + side;
    double per_central = central > 0.0 ? central_work / central * (ORG_TASK_KINDS - 2) : 0.0;
    if (per_central > comps)
        per_central = comps;
    double entries = product_services * ORG_TASK_KINDS + central * per_central;   /* own services' stacks */
    /* a moved engineer's knowledge is copied to the new slot and the old
     * slot keeps its (disarmed) entries: held twice */
    entries += moved * (per_central > ORG_TASK_KINDS ? per_central : ORG_TASK_KINDS);
    double events = engineers * 2.0 + s->n_teams * 4.0 + 64.0;
    double per_rep = moved * (sizeof(eng) + techs * sizeof(kv) + RNG_BYTES)
                   + engineers * (sizeof(eng) + techs * sizeof(kv) + RNG_BYTES + 4.0 * sizeof(int))
                   + entries * MAP_BYTES_PER_ENTRY
                   + VEC_SLACK * (work * sizeof(task) + features * sizeof(feature) + side * sizeof(incident))
                   + events * 64.0
                   + comps * (4.0 * sizeof(int) + 2.0 * sizeof(double) + sizeof(ivec))
                   + central * (techs + 2.0) * 16.0
                   + (double)s->n_teams * (8.0 * RNG_BYTES + 256.0);
    double runs = (double)s->n_models * s->n_hostings * (reps > 0 ? reps : 1);
    double measured = fpw / ORG_DAYS_PER_WEEK * s->run.measure_days;
    double metrics = org_metric_count(s);       /* the run's own count: on-call, hiring and switching included */
    double weeks = ceil((s->run.warmup_days + s->run.measure_days) / ORG_DAYS_PER_WEEK - 1e-9);
    double series = s->has_timeline ? weeks * ORG_TS_COUNT : 0.0;   /* one weekly series (a run keeps two) */
    double results = runs * (metrics * sizeof(double) + measured * sizeof(double) + central_work * sizeof(double)
                             + 2.0 * series * sizeof(double) + sizeof(org_rep));
    double combos = (double)s->n_models * s->n_hostings;
    /* The rows report/pipeline.c counts: runs.csv, summary.csv, comparisons.csv
     * (every pair of models at each hosting point; a baseline writes fewer) and
     * timeseries.csv (two rows a metric, model, hosting point and week). */
    double rows = runs * metrics + combos * metrics
                + s->n_models * (s->n_models - 1.0) / 2.0 * s->n_hostings * metrics
                + combos * 2.0 * series;
    double concurrent = jobs > 0 ? jobs : 1;
    if (concurrent > runs)
        concurrent = runs;
    e->engineers = engineers;
    e->context_entries = entries;
    e->work_items = work;
    e->events = events;
    e->bytes_per_rep = per_rep;
    e->concurrent = concurrent;
    e->runs = runs;
    e->bytes_results = results;
    e->output_rows = rows;
    e->bytes_total = concurrent * per_rep + results + rows * ROW_BYTES;
}

const char *org_estimate_bytes_text(double bytes, char *buf, unsigned size)
{
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
    int u = 0;
    while (bytes >= 1024.0 && u < 5) {
        bytes /= 1024.0;
        u++;
    }
    snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
    return buf;
}
