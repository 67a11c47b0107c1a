/* scen_load — scenario files to org_scenario: the built-in presets
 * (models/presets.json, embedded at build time) are loaded first, then the
 * scenario selects, overrides and extends them. Every problem is reported
 * with its JSON path; nothing is half-loaded. The format is documented in
 * scenarios/README.md and scenarios/schema.json. */
#ifndef SCEN_LOAD_H
#define SCEN_LOAD_H

#include <stddef.h>
#include "models/org_types.h"
#include "util/util_json.h"

/* Machine-protection limits (documented in scenarios/README.md). */
#define SCEN_MAX_ENGINEERS     100000     /* all teams together */
#define SCEN_MAX_TEAMS         10000
#define SCEN_MAX_HORIZON_DAYS  5200.0     /* warm-up + measured + drain: 20 years of 260 working days */
#define SCEN_MAX_REPLICATIONS  10000
#define SCEN_MAX_TASKS         1000       /* per project */
#define SCEN_MAX_ITEMS         1000       /* technologies, templates, projects */
#define SCEN_MAX_MODELS        100        /* models, and hosting points, per scenario */
#define SCEN_MAX_WORK          4e9        /* engineers × days × replications × models × hostings */
#define SCEN_MAX_ARRIVALS      1e9        /* features × replications × models × hostings */

/* Physical bounds: values no real organisation reaches, so a larger one is a
 * mistake (and would make a run's memory or time unbounded). Documented in
 * scenarios/README.md and as "maximum" in scenarios/schema.json. */
#define SCEN_MAX_FEATURES_PER_WEEK 100.0  /* per team: 20 features finished every working day */
#define SCEN_MAX_TEMPLATE_TASKS 100       /* tasks in one feature */
#define SCEN_MAX_INCIDENTS_PER_SERVICE_WEEK 50.0  /* 10 incidents every working day on one service */
#define SCEN_MAX_TOIL_DAYS_PER_SERVICE_WEEK 50.0  /* ten engineers full time on one service's toil */
#define SCEN_MAX_DELAY_DAYS    520.0      /* a delay, interval or handling time: two working years */
#define SCEN_SUMMARY_MAX       320        /* characters of "summary": about four lines of the deck's cover */

/* Lines describing every parameter a scenario sets that differs from the
 * presets, e.g. "models.traditional_ops.release_window_every_days = 5 (preset 10)",
 * for the assumptions page of a deck. Owns its strings. */
typedef struct scen_overrides {
    int n, alloc;
    char **lines;
} scen_overrides;

void scen_overrides_init(scen_overrides *o);
void scen_overrides_free(scen_overrides *o);

/* Reads a whole file (at most UTIL_JSON_MAX_BYTES) into a NUL-terminated
 * buffer the caller frees with free(); *len gets its length. "-" reads
 * standard input. NULL with a problem in d when the file is missing, a
 * directory, unreadable or too large. Keep the text to embed the scenario
 * verbatim in results. */
char *scen_read_file(const char *path, size_t *len, util_diags *d);

/* Loads the scenario file at path into *out (which the caller owns and
 * releases with org_scenario_destroy). Returns 0, or -1 with every problem
 * in d; on failure *out is zeroed and owns nothing. */
int scen_load_file(const char *path, org_scenario *out, util_diags *d);

/* The same from text in memory (len bytes, NUL not needed); display_name is
 * the file name used in messages and for the default scenario name. */
int scen_load_text(const char *text, size_t len, const char *display_name,
                   org_scenario *out, util_diags *d);

/* The same, also listing in *ov (if not NULL; initialised by the caller,
 * released with scen_overrides_free) what the scenario changes from the presets. */
int scen_load_text_ex(const char *text, size_t len, const char *display_name,
                      org_scenario *out, scen_overrides *ov, util_diags *d);

/* The presets alone (the scenario "{}"): 0 or -1. */
int scen_load_presets(org_scenario *out, util_diags *d);

/* The embedded models/presets.json text (NUL-terminated) and its length. */
const char *scen_presets_text(size_t *len);

/* Checks the machine-protection limits (engineers, counting the staffing
 * search's targets.enablement_engineers; horizon, replications, estimated work) of a resolved scenario, e.g. again after command-line
 * overrides such as --reps. Returns the number of problems added to d. */
int scen_check_limits(const org_scenario *s, const char *display_name, util_diags *d);

/* Describes a distribution in words: "lognormal(median 3, p90 8)". */
const char *scen_dist_describe(const sim_dist *dist, char *buf, size_t size);

/* The keys the loader accepts at a place in the format, for documentation
 * and for the test that the schema agrees: place is one of "scenario",
 * "run", "technology", "template", "task", "project_task", "project",
 * "model", "hosting", "team", "product_teams", "central_team", "knowledge",
 * "people", "incidents", "enablement", "upkeep", "targets", "costs". NULL when unknown. */
const char *const *scen_keys(const char *place, size_t *n);

#endif
