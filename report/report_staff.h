/* report_staff — what the staffing analysis writes: staffing.csv (one central
 * and one product row per model × hosting point), staffing.json (the same
 * plus the detail: non-product FTE by kind, Erlang C cross-check and its
 * explanation, on-call floors, every candidate evaluated) and the readable
 * table on stdout. Shared by `devopsim staff` and `devopsim run`; the search
 * itself runs elsewhere (org_staff_run, through pipeline_analyse). */
#ifndef STAFF_OUT_H
#define STAFF_OUT_H

#include <stdio.h>
#include "models/org_staff.h"

/* The exact header of staffing.csv. */
extern const char staff_csv_header[];
/* The exact header of staffing_platform.csv (the platform-size curve). */
extern const char staff_platform_csv_header[];

/* Writes DIR/staffing.csv and DIR/staffing.json atomically (dir exists),
 * and DIR/staffing_platform.csv when a cell searched the platform team's
 * size. 0, or -1 (message printed). */
int staff_write_files(const org_staff_result *r, const char *scenario_hash, const char *dir);

/* The cJSON tree of staffing.json (caller deletes); NULL when out of memory.
 * Deterministic: no times, threads or dates. */
struct cJSON *staff_results_json(const org_staff_result *r, const char *scenario_hash);

/* The readable table, the notes and the Erlang C explanations. */
void staff_print(const org_staff_result *r, FILE *out);

#endif
