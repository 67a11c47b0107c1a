/* org_types — names of the kinds of work and the release of a resolved
 * scenario. Everything else about org_types is plain data (org_types.h). */
#include "models/org_types.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[ORG_KIND_COUNT] = {
    "app", "test", "ci", "cd", "deploy",
    "iac", "vm", "db", "container", "network",
    "monitoring", "security", "integration", "facility",
    "incident", "toil", "enablement",
};

const char *org_kind_name(org_kind k)
{
    if ((int)k < 0 || k >= ORG_KIND_COUNT)
        return "?";
    return kind_names[k];
}

int org_kind_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < ORG_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

int org_kind_is_product(org_kind k)
{
    return k == ORG_KIND_APP || k == ORG_KIND_TEST;
}

static void task_specs_free(org_task_spec *tasks, int n)
{
    if (!tasks)
        return;
    for (int i = 0; i < n; i++) {
        free(tasks[i].after);
        sim_dist_destroy(&tasks[i].effort_days);
    }
    free(tasks);
}

const char *const org_cover_names[ORG_COVER_COUNT] = { "business_hours", "24x7", "follow_the_sun" };

const org_hosting *org_plan_hosting(const org_scenario *s, int h, int v)
{
    if (s->plan_point)
        return &s->points[s->plan_point[(size_t)h * (size_t)s->n_services + (size_t)v]];
    return &s->hostings[h];
}

void org_scenario_destroy(org_scenario *s)
{
    if (!s)
        return;
    free(s->description);
    free(s->summary);
    free(s->techs);
    free(s->teams);
    for (int i = 0; i < s->n_templates && s->templates; i++)
        task_specs_free(s->templates[i].tasks, s->templates[i].n_tasks);
    free(s->templates);
    for (int i = 0; i < s->n_projects && s->projects; i++)
        task_specs_free(s->projects[i].tasks, s->projects[i].n_tasks);
    free(s->projects);
    free(s->models);
    for (int i = 0; i < s->n_hostings && s->hostings; i++)
        sim_dist_destroy(&s->hostings[i].restore_days);
    free(s->hostings);
    for (int i = 0; i < s->n_points && s->points; i++)
        sim_dist_destroy(&s->points[i].restore_days);
    free(s->points);
    free(s->plan_point);
    free(s->services);
    free(s->events);
    free(s->tl_models);
    for (int i = 0; i < s->n_tl_hostings && s->tl_hostings; i++)
        sim_dist_destroy(&s->tl_hostings[i].restore_days);
    free(s->tl_hostings);
    memset(s, 0, sizeof *s);
}
