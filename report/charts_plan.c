/* charts_plan — a scenario's dated events and services in words (see
 * charts_plan.h). The scenario was validated when it ran; a field that is
 * missing or of another type here is left out of the sentence, never read. */
#include "report/charts_plan.h"

#include <stdlib.h>
#include <string.h>

#include "models/org_const.h"
#include "report/charts_label.h"

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* v when it is an array (or object, for kids_of), else NULL: what to walk. */
static const cJSON *array_of(const cJSON *v)
{
    return cJSON_IsArray(v) ? v : NULL;
}

static const cJSON *kids_of(const cJSON *v)
{
    return cJSON_IsObject(v) ? v : NULL;
}

/* The string member key, or def. */
static const char *str_of(const cJSON *o, const char *key, const char *def)
{
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : def;
}

/* The number member key, or def. */
static double num_of(const cJSON *o, const char *key, double def)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : def;
}

/* "the central team" for "central", else the team's name. */
static const char *team_words(const char *t)
{
    return !strcmp(t, "central") ? "the central team" : t;
}

/* The day an event happens ("day", or "week" × 5); -1 without either. */
static double event_day(const cJSON *e)
{
    if (cJSON_IsNumber(get(e, "day")))
        return get(e, "day")->valuedouble;
    if (cJSON_IsNumber(get(e, "week")))
        return get(e, "week")->valuedouble * ORG_DAYS_PER_WEEK;
    return -1.0;
}

/* "Week 70 (day 350): " or "Day 142.5 (week 28.5): ". */
static void when(util_buf *out, double day)
{
    double week = day / ORG_DAYS_PER_WEEK;
    if (week == (double)(long long)week)
        util_buf_add(out, "Week %g (day %g): ", week, day);
    else
        util_buf_add(out, "Day %g (week %.1f): ", day, week);
}

static void event_words(util_buf *out, const cJSON *e)
{
    const char *kind = str_of(e, "do", "");
    int count = (int)num_of(e, "count", 1);
    if (!strcmp(kind, "model")) {
        util_buf_add(out, "every team switches to %s (work already routed keeps its route)",
                     charts_model_label(str_of(e, "model", "?")));
    } else if (!strcmp(kind, "move")) {
        util_buf_add(out, "%d engineer%s move%s from %s to %s, with their knowledge", count, count == 1 ? "" : "s",
                     count == 1 ? "s" : "", team_words(str_of(e, "from", "?")), team_words(str_of(e, "to", "?")));
    } else if (!strcmp(kind, "hire")) {
        util_buf_add(out, "%s hires %d engineer%s (new hires: capped skill, no context)",
                     team_words(str_of(e, "team", "?")), count, count == 1 ? "" : "s");
    } else if (!strcmp(kind, "freeze")) {
        util_buf_add(out, "change freeze until day %g: no feature task starts and nothing deploys (toil, "
                     "incidents and upkeep go on)", num_of(e, "until_day", 0));
    } else if (!strcmp(kind, "migrate")) {
        const char *svc = str_of(e, "service", NULL);
        util_buf_add(out, "%s%s moves to %s: %g days of %s work per service at full skill, routed as the "
                     "model routes it", svc ? "service " : "every service", svc ? svc : "",
                     charts_hosting_label(str_of(e, "hosting", "?")), num_of(e, "effort_days", 10),
                     str_of(e, "kind", "iac"));
    } else {
        util_buf_add(out, "%s", kind);
    }
}

typedef struct dated {
    double day;
    int order;
    const cJSON *event;   /* a timeline event, or NULL for a team that starts */
    const cJSON *team;
} dated;

static int dated_cmp(const void *a, const void *b)
{
    const dated *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

int charts_plan_events(const cJSON *scenario, util_buf *out)
{
    const cJSON *tl = get(scenario, "timeline"), *teams = get(scenario, "teams");
    int n = (cJSON_IsArray(tl) ? cJSON_GetArraySize(tl) : 0) + (cJSON_IsArray(teams) ? cJSON_GetArraySize(teams) : 0);
    if (n == 0)
        return 0;
    dated *ev = calloc((size_t)n, sizeof *ev);
    if (!ev) {
        out->err = 1;
        return 0;
    }
    int k = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, array_of(tl)) {
        double day = event_day(it);
        if (day >= 0)
            ev[k] = (dated){ day, k, it, NULL }, k++;
    }
    cJSON_ArrayForEach(it, array_of(teams)) {
        double day = num_of(it, "starts_day", 0);
        if (day > 0)
            ev[k] = (dated){ day, k, NULL, it }, k++;
    }
    qsort(ev, (size_t)k, sizeof *ev, dated_cmp);
    for (int i = 0; i < k; i++) {
        when(out, ev[i].day);
        if (ev[i].event) {
            event_words(out, ev[i].event);
        } else {
            double size = num_of(ev[i].team, "size", -1);
            util_buf_add(out, "team %s starts", str_of(ev[i].team, "name", "?"));
            if (size > 0)
                util_buf_add(out, " with %g engineers", size);
        }
        util_buf_add(out, "\n");
    }
    free(ev);
    return k;
}

int charts_plan_event_days(const cJSON *scenario, double *days, int max)
{
    int n = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, array_of(get(scenario, "timeline"))) {
        double day = event_day(it);
        if (day >= 0 && n < max)
            days[n++] = day;
    }
    return n;
}

/* "checkout (today on IaaS)" for a service entry: a name, or an object. */
static void service_words(util_buf *out, const cJSON *s)
{
    if (cJSON_IsString(s)) {
        util_buf_add(out, "%s", s->valuestring);
        return;
    }
    util_buf_add(out, "%s", str_of(s, "name", "?"));
    const char *h = str_of(s, "hosting", NULL);
    if (h)
        util_buf_add(out, " (today on %s)", charts_hosting_label(h));
}

int charts_plan_services(const cJSON *scenario, util_buf *out)
{
    int lines = 0;
    const cJSON *team, *plan;
    cJSON_ArrayForEach(team, array_of(get(scenario, "teams"))) {
        const cJSON *svcs = get(team, "services");
        if (!cJSON_IsArray(svcs) || cJSON_GetArraySize(svcs) == 0)
            continue;
        util_buf_add(out, "%s owns ", str_of(team, "name", "?"));
        const cJSON *s;
        int i = 0;
        cJSON_ArrayForEach(s, svcs) {
            util_buf_add(out, "%s", i++ ? ", " : "");
            service_words(out, s);
        }
        util_buf_add(out, "\n");
        lines++;
    }
    if (lines && !array_of(get(scenario, "hosting_plans"))) {
        /* a timeline's migration moves them: "runs at" would contradict the events listed above */
        util_buf_add(out, charts_plan_timeline_does(scenario, "migrate") ? "Every service starts at the hosting point of the column shown (no hosting "
                                     "plans); the timeline's migration moves it\n"
                                   : "Every service runs at the hosting point of the column shown (no hosting plans)\n");
        lines++;
    }
    cJSON_ArrayForEach(plan, array_of(get(scenario, "hosting_plans"))) {
        util_buf_add(out, "Plan %s: ", str_of(plan, "name", "?"));
        const cJSON *place = get(plan, "services"), *p;
        int i = 0;
        cJSON_ArrayForEach(p, kids_of(place))
            if (cJSON_IsString(p))
                util_buf_add(out, "%s%s on %s", i++ ? ", " : "", p->string, charts_hosting_label(p->valuestring));
        const char *dflt = str_of(plan, "default", NULL);
        if (dflt)
            util_buf_add(out, "%s%s on %s\n", i ? "; " : "", i ? "the rest" : "every service",
                         charts_hosting_label(dflt));
        else
            util_buf_add(out, "%s\n", i ? "; the rest where they run today" : "every service where it runs today");
        lines++;
    }
    return lines;
}

int charts_plan_timeline_does(const cJSON *scenario, const char *what)
{
    const cJSON *ev;
    cJSON_ArrayForEach(ev, array_of(get(scenario, "timeline")))
        if (!strcmp(str_of(ev, "do", ""), what))
            return 1;
    return 0;
}
