/* sim_rng — independent, reproducible random streams on GSL.
 * A stream is named by (seed, replication, purpose, index). Its generator is
 * seeded from a 64-bit hash of those four, so adding a new purpose never shifts
 * the numbers another purpose draws: the basis of common random numbers. */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* The generator type used for every stream (xoshiro256** as a gsl_rng_type:
 * 256-bit state seeded from the 64-bit stream key; period 2^256 - 1). */
extern const gsl_rng_type *sim_rng_type;

/* 64-bit FNV-1a hash of a purpose name ("arrivals", "effort", ...). */
uint64_t sim_rng_purpose(const char *name);

/* The 64-bit key of stream (seed, replication, purpose, index); never 0. */
uint64_t sim_rng_key(uint64_t seed, uint64_t replication, uint64_t purpose, uint64_t index);

/* A new generator positioned at the start of the stream; free it with
 * gsl_rng_free(). NULL when memory ran out. */
gsl_rng *sim_rng_new(uint64_t seed, uint64_t replication, const char *purpose, uint64_t index);

/* Re-positions an existing generator (of sim_rng_type) at the start of a stream. */
void sim_rng_reset(gsl_rng *r, uint64_t seed, uint64_t replication, const char *purpose, uint64_t index);

#endif
