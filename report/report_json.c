/* report_json — the shared head of the JSON result files. See report_json.h. */
#include "report/report_json.h"

#include <math.h>
#include <stdio.h>
#include <cJSON.h>

cJSON *report_json_head(const char *scenario, const char *scenario_hash, uint64_t seed, int raw_seed)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddStringToObject(root, "program", "devopsim");
    cJSON_AddStringToObject(root, "version", DEVOPSIM_VERSION);
    cJSON_AddStringToObject(root, "scenario", scenario);
    cJSON_AddStringToObject(root, "scenario_hash", scenario_hash ? scenario_hash : "");
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)seed);
    /* The seed as its exact digits: a double prints 2^53 as 9.00719925474099e+15. */
    if (raw_seed)
        cJSON_AddRawToObject(root, "seed", digits);
    cJSON_AddStringToObject(root, "seed_text", digits);
    return root;
}

cJSON *report_json_num(double v)
{
    return isnan(v) || isinf(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}
