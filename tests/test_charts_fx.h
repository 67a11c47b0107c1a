/* test_charts_fx — the synthetic results tree of the chart and deck tests
 * (a results tree like report_results_json's, with only what the charts
 * read and some they do not; one warning at model 0, hosting 0). */
#ifndef TEST_CHARTS_FX_H
#define TEST_CHARTS_FX_H

#include <stddef.h>
#include <cJSON.h>
#include "report/charts_data.h"

#define FX_M 3
#define FX_H 3
extern const char *const fx_models[FX_M];
extern const char *const fx_hostings[FX_H];
extern const char *const fx_stats[];
extern const size_t fx_n_stats;

/* The mean of statistic k of model m at hosting h in fx_results. */
double fx_value(int m, int h, size_t k);
/* A new tree (free with cJSON_Delete). */
cJSON *fx_results(void);
/* charts_data read from r (asserts it reads). Returns cd. */
charts_data *fx_data(cJSON *r, charts_data *cd);

#endif
