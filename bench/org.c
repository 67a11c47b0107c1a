/* bench_org — cost of the organisation model against organisation size:
 * one replication-year (250 measured working days after a 60-day warm-up,
 * drain up to 60 days) of traditional_ops at iaas, product teams of 7 at 3.5
 * features a week, a central team of 2.4 engineers per product team (the
 * configuration of issue 13), at each size given, on one thread. Prints
 * seconds per engineer-year and the process's peak RSS after each size
 * (sizes run in increasing order, so the peak is that size's). Seconds are
 * the process's CPU time, which other processes on a shared machine do not inflate.
 * Also prints whether the central team kept up: its utilisation, its mean
 * ticket wait and the features left unfinished (issue 13's organisation is
 * saturated: its central queue grows all year, at every size).
 * usage: bench_org [--central-per-team X] [--model NAME] [ENGINEERS...]
 *   (default 100 700 5000 35000; X default 2.4; NAME default traditional_ops,
 *   any model of models/presets.json) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "models/org_sim.h"
#include "scenario/scen_load.h"
#include "util/util_sys.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* The organisation: central engineers per product team, and the model. */
typedef struct bench_cfg {
    double central_per_team;
    const char *model;
} bench_cfg;

/* Product teams for about `engineers` in all: teams × (7 + central per team). */
static int teams_for(long engineers, double central_per_team)
{
    int teams = (int)((double)engineers / (7.0 + central_per_team) + 0.5);
    return teams < 1 ? 1 : teams;
}

/* Metric `name` of the replication, or NAN. */
static double metric(const org_scenario *s, const org_rep *rep, const char *name)
{
    char buf[128];
    for (int i = 0; i < rep->n_values; i++)
        if (strcmp(org_metric_name(s, i, buf, sizeof buf), name) == 0)
            return rep->values[i];
    return NAN;
}

static int run_size(long engineers, const bench_cfg *cfg)
{
    int teams = teams_for(engineers, cfg->central_per_team);
    int central = (int)(cfg->central_per_team * teams + 0.5);
    char text[1024];
    snprintf(text, sizeof text,
             "{\"name\":\"bench-org-%ld\",\"replications\":1,"
             "\"run\":{\"warmup_days\":60,\"measure_days\":250,\"drain_max_days\":60},"
             "\"product_teams\":{\"count\":%d,\"size\":7,\"features_per_week\":3.5},"
             "\"central_team\":{\"size\":%d},"
             "\"models\":[\"%s\"],\"hosting\":[\"iaas\"]}",
             engineers, teams, central, cfg->model);
    org_scenario s;
    util_diags d;
    util_diags_init(&d);
    if (scen_load_text(text, strlen(text), "bench-org", &s, &d) != 0) {
        util_diags_print(&d, stderr);
        util_diags_free(&d);
        return -2;      /* a bad --model: the caller's input */
    }
    util_diags_free(&d);
    int n_engs = teams * 7 + central;
    double years = s.run.measure_days / 250.0;
    double t0 = now_s(), c0 = cpu_s();
    org_rep rep;
    if (org_sim_run(&s, 0, 0, 0, NULL, &rep) != 0) {
        fprintf(stderr, "bench_org: run failed at %d engineers\n", n_engs);
        org_scenario_destroy(&s);
        return -1;
    }
    double el = now_s() - t0, cpu = cpu_s() - c0;
    /* CPU time is the figure to compare: the machine is shared, and wall
     * time counts other processes' turns. */
    printf("engineers=%d teams=%d central=%d cpu_s=%.3f wall_s=%.3f s_per_engineer_year=%.3g "
           "events=%ld peak_rss_kb=%ld utilization_central=%.3f ticket_wait_mean_days=%.2f "
           "features_unfinished=%.0f\n", n_engs, teams, central, cpu, el, cpu / (n_engs * years),
           rep.events, peak_rss_kb(), metric(&s, &rep, "utilization_central"),
           metric(&s, &rep, "ticket_wait_mean_days"), metric(&s, &rep, "features_unfinished"));
    fflush(stdout);
    org_rep_destroy(&rep);
    org_scenario_destroy(&s);
    return 0;
}

int main(int argc, char **argv)
{
    static const long defaults[] = { 100, 700, 5000, 35000 };
    bench_cfg cfg = { 2.4, "traditional_ops" };
    int a = 1;
    for (; a + 1 < argc && strncmp(argv[a], "--", 2) == 0; a += 2) {
        if (strcmp(argv[a], "--central-per-team") == 0) {
            char *end;
            cfg.central_per_team = strtod(argv[a + 1], &end);
            if (*end || !(cfg.central_per_team >= 0.0 && cfg.central_per_team <= 100.0)) {
                fprintf(stderr, "bench_org: --central-per-team takes a number in [0, 100]\n");
                return 2;
            }
        } else if (strcmp(argv[a], "--model") == 0 && strlen(argv[a + 1]) < 64
                   && strspn(argv[a + 1], "abcdefghijklmnopqrstuvwxyz_") == strlen(argv[a + 1])) {
            cfg.model = argv[a + 1];
        } else {
            fprintf(stderr, "bench_org: unknown option or bad value: %s %s\n", argv[a], argv[a + 1]);
            return 2;
        }
    }
    util_heap_prepare();    /* as devopsim does */
    int n = argc > a ? argc - a : (int)(sizeof defaults / sizeof defaults[0]);
    for (int i = 0; i < n; i++) {
        long e = argc > a ? strtol(argv[a + i], NULL, 10) : defaults[i];
        if (e < 1) {
            fprintf(stderr, "bench_org: sizes are engineer counts >= 1\n");
            return 2;
        }
        int rc = run_size(e, &cfg);
        if (rc != 0)
            return rc == -2 ? 2 : 1;
    }
    return 0;
}
