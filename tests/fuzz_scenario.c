/* fuzz_scenario — libFuzzer target for the scenario loader: any bytes must
 * give a scenario or diagnostics, never a crash, leak, hang or sanitizer
 * report. Built and run by `make fuzz` (clang -fsanitize=fuzzer,address,undefined). */
#include "scenario/scen_load.h"

#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    util_diags d;
    util_diags_init(&d);
    scen_overrides ov;
    scen_overrides_init(&ov);
    org_scenario s;
    if (scen_load_text_ex((const char *)data, size, "fuzz.json", &s, &ov, &d) == 0) {
        /* a loaded scenario must be self-consistent */
        for (int t = 0; t < s.n_templates; t++)
            for (int k = 0; k < s.templates[t].n_tasks; k++) {
                const org_task_spec *ts = &s.templates[t].tasks[k];
                if (ts->tech < -1 || ts->tech >= s.n_techs || (int)ts->kind >= ORG_TASK_KINDS)
                    __builtin_trap();
                for (int a = 0; a < ts->n_after; a++)
                    if (ts->after[a] < 0 || ts->after[a] >= s.templates[t].n_tasks)
                        __builtin_trap();
            }
        for (int i = 0; i < s.n_teams; i++)
            for (int k = 0; k < ORG_TASK_KINDS; k++)
                if (s.teams[i].stack[k] < -1 || s.teams[i].stack[k] >= s.n_techs)
                    __builtin_trap();
        if (s.n_models < 1 || s.n_hostings < 1 || s.n_teams < 1)
            __builtin_trap();
        org_scenario_destroy(&s);
    } else if (util_diags_count(&d) == 0) {
        __builtin_trap();   /* a failure must say why */
    }
    if (sink)
        util_diags_print(&d, sink);
    scen_overrides_free(&ov);
    util_diags_free(&d);
    return 0;
}
