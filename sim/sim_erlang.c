/* sim_erlang — Erlang B by its stable recursion, Erlang C from B, M/M/c waits
 * and service levels, and Pollaczek–Khinchine for M/G/1. */
#include "sim/sim_erlang.h"

#include <math.h>

double sim_erlang_b(double A, int c)
{
    if (c < 0 || !(A >= 0))
        return (double)NAN;
    double b = 1;
    for (int k = 1; k <= c; k++)
        b = A * b / ((double)k + A * b);
    return b;
}

double sim_erlang_c(double A, int c)
{
    if (c < 0 || !(A >= 0))
        return (double)NAN;
    if (A >= (double)c)
        return 1;
    double rho = A / (double)c;
    double b = sim_erlang_b(A, c);
    return b / (1 - rho * (1 - b));
}

double sim_mmc_wq(double lambda, double mu, int c)
{
    if (!(lambda >= 0) || !(mu > 0) || c <= 0)
        return (double)NAN;
    double slack = (double)c * mu - lambda;
    if (!(slack > 0))
        return (double)INFINITY;
    return sim_erlang_c(lambda / mu, c) / slack;
}

double sim_mmc_service_level(double lambda, double mu, int c, double t)
{
    if (!(lambda >= 0) || !(mu > 0) || c <= 0 || isnan(t))
        return (double)NAN;
    double slack = (double)c * mu - lambda;
    if (!(slack > 0) || t < 0)
        return 0;
    return 1 - sim_erlang_c(lambda / mu, c) * exp(-slack * t);
}

int sim_mmc_servers_for_service_level(double lambda, double mu, double t, double target, int max_c)
{
    if (!(lambda >= 0) || !(mu > 0) || isnan(t) || isnan(target))
        return -1;
    for (int c = 1; c <= max_c; c++)
        if (sim_mmc_service_level(lambda, mu, c, t) >= target)
            return c;
    return -1;
}

double sim_mg1_wq(double lambda, double mean_s, double var_s)
{
    if (!(lambda >= 0) || !(mean_s >= 0) || !(var_s >= 0))
        return (double)NAN;
    double rho = lambda * mean_s;
    if (!(rho < 1))
        return (double)INFINITY;
    return lambda * (var_s + mean_s * mean_s) / (2 * (1 - rho));
}
