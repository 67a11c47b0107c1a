/* bench_model — times the organisation model: replications of one scenario
 * on one thread, per model × hosting point, printing ms per replication,
 * model events per second and runs per second.
 * usage: bench_model SCENARIO.json [REPS] [--trace-devnull] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/org_sim.h"
#include "scenario/scen_load.h"

#ifndef BENCH_LABEL
#define BENCH_LABEL "trace off"
#endif

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_model SCENARIO.json [REPS] [--trace-devnull]\n");
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    int trace = argc > 3 && !strcmp(argv[3], "--trace-devnull");
    if (reps < 1) {
        fprintf(stderr, "bench_model: REPS must be >= 1\n");
        return 2;
    }
    org_scenario s;
    util_diags d;
    util_diags_init(&d);
    if (scen_load_file(argv[1], &s, &d) != 0) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        return 2;
    }
    util_diags_free(&d);
    org_sim_opts o;
    org_sim_opts_init(&o);
    FILE *devnull = NULL;
    if (trace) {
        devnull = fopen("/dev/null", "w");
        o.trace = devnull;
    }
    long events = 0, runs = 0;
    double t0 = now_s();
    for (int m = 0; m < s.n_models; m++)
        for (int h = 0; h < s.n_hostings; h++)
            for (int r = 0; r < reps; r++) {
                org_rep rep;
                if (org_sim_run(&s, m, h, r, &o, &rep) != 0) {
                    fprintf(stderr, "bench_model: run failed\n");
                    return 1;
                }
                events += rep.events;
                runs++;
                org_rep_destroy(&rep);
            }
    double el = now_s() - t0;
    printf("%s (%s): %ld runs in %.3f s: %.2f ms/run, %.1f runs/s, %.3g model events/s\n",
           s.name, trace ? "trace to /dev/null" : BENCH_LABEL, runs, el, 1e3 * el / (double)runs,
           (double)runs / el, (double)events / el);
    if (devnull)
        fclose(devnull);
    org_scenario_destroy(&s);
    return 0;
}
