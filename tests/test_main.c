/* The single cmocka runner: runs every test group and exits with the total
 * failure count (0 = all passed). Set TEST_GROUP=name to run one group. */
#include "tests/testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *test_srcdir(void)
{
    const char *d = getenv("DEVOPSIM_SRCDIR");
    return d && *d ? d : ".";
}

static const struct {
    const char *name;
    int (*run)(void);
} groups[] = {
    { "event", test_group_event },
    { "pqueue", test_group_pqueue },
    { "rng", test_group_rng },
    { "dist", test_group_dist },
    { "stats", test_group_stats },
    { "erlang", test_group_erlang },
    { "resource", test_group_resource },
    { "queueing", test_group_queueing },
    { "model", test_group_model },
    { "wip", test_group_wip },
    { "unplanned", test_group_unplanned },
    { "know", test_group_know },
    { "claims", test_group_claims },
    { "mechanisms", test_group_mechanisms },
    { "oncall", test_group_oncall },
    { "compare", test_group_compare },
    { "plot", test_group_plot },
    { "scenario", test_group_scenario },
    { "batch_pack", test_group_batch_pack },
    { "staff", test_group_staff },
    { "charts", test_group_charts },
    { "deck", test_group_deck },
    { "export", test_group_export },
    { "report", test_group_report },
    { "design", test_group_design },
    { "warmup", test_group_warmup },
    { "sweep", test_group_sweep },
    { "services", test_group_services },
    { "calibrate", test_group_calibrate },
    { "util_text", test_group_util_text },
    { "robust", test_group_robust },
    { "batch_summary", test_group_batch_summary },
    { "timeline", test_group_timeline },
};

int main(void)
{
    const char *only = getenv("TEST_GROUP");
    int failures = 0;
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (only && *only && strcmp(only, groups[i].name) != 0)
            continue;
        failures += groups[i].run();
    }
    if (failures)
        fprintf(stderr, "run_tests: %d test(s) failed\n", failures);
    return failures > 255 ? 255 : failures;
}
