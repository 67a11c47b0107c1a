/* bench_mmc — throughput of the simulation kernel on an M/M/c queue (unit
 * service rate): event list + resource + random streams + distributions.
 * Usage: bench_mmc SERVERS UTILISATION CUSTOMERS [SEED] [--mem]
 * Prints one line: customers_per_s=… events_per_s=… mean_time_in_system=…
 * cpu_events_per_s=… (the same per second of the process's CPU time, which
 * other processes on a shared machine do not inflate);
 * with --mem a second line: peak_rss_kb=… eventq_bytes=… resource_bytes=… */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "sim/sim_dist.h"
#include "sim/sim_event.h"
#include "sim/sim_resource.h"
#include "sim/sim_rng.h"
#include "sim/sim_stats.h"

enum { EV_ARRIVE = 1, EV_DONE = 2 };

static int usage(void)
{
    fprintf(stderr, "usage: bench_mmc SERVERS UTILISATION CUSTOMERS [SEED] [--mem]\n"
                    "  SERVERS >= 1, 0 < UTILISATION < 1, CUSTOMERS >= 1 (e.g. 5e6), SEED >= 0\n");
    return 2;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return errno == 0 && end != s && *end == '\0' && isfinite(*out) ? 0 : -1;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu_seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *pos[4];
    int npos = 0, want_mem = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mem") == 0)
            want_mem = 1;
        else if (npos < 4)
            pos[npos++] = argv[i];
        else
            return usage();
    }
    if (npos < 3)
        return usage();
    double servers_d, rho, customers_d;
    uint64_t seed = 1;
    if (parse_double(pos[0], &servers_d) != 0 || servers_d < 1 || servers_d > 1e6
        || servers_d != floor(servers_d))
        return usage();
    if (parse_double(pos[1], &rho) != 0 || !(rho > 0 && rho < 1))
        return usage();
    if (parse_double(pos[2], &customers_d) != 0 || customers_d < 1 || customers_d > 1e15
        || customers_d != floor(customers_d))
        return usage();
    if (npos == 4) {
        char *end;
        errno = 0;
        unsigned long long s = strtoull(pos[3], &end, 10);
        if (errno || end == pos[3] || *end || pos[3][0] == '-')
            return usage();
        seed = (uint64_t)s;
    }
    const int servers = (int)servers_d;
    const uint64_t customers = (uint64_t)customers_d;
    const double lambda = rho * servers;

    sim_eventq *q = sim_eventq_new(64);
    sim_resource *res = q ? sim_resource_new(q, servers, SIM_RESOURCE_FIFO, EV_DONE) : NULL;
    gsl_rng *ra = sim_rng_new(seed, 0, "arrivals", 0);
    gsl_rng *rs = sim_rng_new(seed, 0, "service", 0);
    sim_dist gap, service;
    if (!q || !res || !ra || !rs || sim_dist_exponential(&gap, 1 / lambda) != 0
        || sim_dist_exponential(&service, 1) != 0) {
        fprintf(stderr, "bench_mmc: out of memory\n");
        return 1;
    }

    double t_begin = seconds_now(), c_begin = cpu_seconds_now();
    uint64_t arrived = 1, events = 0;
    sim_welford sojourn;
    sim_welford_init(&sojourn);
    sim_eventq_push(q, sim_dist_sample(&gap, ra), EV_ARRIVE, NULL, 0);
    sim_event ev;
    while (sim_eventq_pop(q, &ev) == 0) {
        events++;
        if (ev.kind == EV_ARRIVE) {
            sim_job job = { arrived, 0, sim_dist_sample(&service, rs), NULL };
            if (sim_resource_arrive(res, ev.time, &job) != 0)
                goto oom;
            if (arrived < customers) {
                arrived++;
                if (!sim_eventq_push(q, ev.time + sim_dist_sample(&gap, ra), EV_ARRIVE, NULL, 0))
                    goto oom;
            }
        } else {
            sim_job_done d;
            if (sim_resource_complete(res, ev.time, &ev, &d) != 0)
                goto oom;
            sim_welford_add(&sojourn, d.end_time - d.arrival_time);
        }
    }
    double elapsed = seconds_now() - t_begin, cpu = cpu_seconds_now() - c_begin;
    if (!(elapsed > 0))
        elapsed = 1e-9;
    if (!(cpu > 0))
        cpu = 1e-9;

    printf("customers_per_s=%.0f events_per_s=%.0f mean_time_in_system=%.4f cpu_events_per_s=%.0f\n",
           (double)sojourn.n / elapsed, (double)events / elapsed, sojourn.mean, (double)events / cpu);
    if (want_mem) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("peak_rss_kb=%ld eventq_bytes=%zu resource_bytes=%zu\n", (long)ru.ru_maxrss,
               sim_eventq_memory(q), sim_resource_memory(res));
    }
    sim_resource_free(res);
    sim_eventq_free(q);
    gsl_rng_free(ra);
    gsl_rng_free(rs);
    return 0;
oom:
    fprintf(stderr, "bench_mmc: out of memory\n");
    return 1;
}
