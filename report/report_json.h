/* report_json — pieces the JSON result files share (results.json,
 * staffing.json): the identifying head and numbers that may be undefined. */
#ifndef REPORT_JSON_H
#define REPORT_JSON_H

#include <stdint.h>

struct cJSON;

/* A new object holding program, version, scenario, scenario_hash (NULL
 * gives ""), the seed as exact digits (a raw JSON number "seed" when
 * raw_seed, then always the string "seed_text"). NULL when out of memory;
 * the caller owns it (cJSON_Delete). */
struct cJSON *report_json_head(const char *scenario, const char *scenario_hash, uint64_t seed, int raw_seed);

/* v as a JSON number, or null when it is NaN or infinite (JSON has neither). */
struct cJSON *report_json_num(double v);

#endif
