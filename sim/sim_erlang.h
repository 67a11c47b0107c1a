/* sim_erlang — closed-form queueing results used to validate the kernel and
 * cross-check staffing: Erlang B and C (stable recursion, no factorials),
 * M/M/c waits and service levels, Pollaczek–Khinchine for M/G/1. */
#ifndef SIM_ERLANG_H
#define SIM_ERLANG_H

/* Erlang B blocking probability with offered load A (erlangs) and c servers. */
double sim_erlang_b(double A, int c);
/* Erlang C probability of waiting; 1 when A >= c (unstable). */
double sim_erlang_c(double A, int c);
/* M/M/c mean wait in queue (arrival rate lambda, service rate mu per server);
 * +INFINITY when unstable. */
double sim_mmc_wq(double lambda, double mu, int c);
/* M/M/c P(wait <= t) = 1 - C e^{-(c mu - lambda) t}; 0 when unstable. */
double sim_mmc_service_level(double lambda, double mu, int c, double t);
/* Smallest c with P(wait <= t) >= target; -1 when none up to max_c. */
int sim_mmc_servers_for_service_level(double lambda, double mu, double t, double target, int max_c);
/* M/G/1 mean wait (Pollaczek–Khinchine) from arrival rate and the service
 * time's mean and variance; +INFINITY when unstable. */
double sim_mg1_wq(double lambda, double mean_s, double var_s);

#endif
