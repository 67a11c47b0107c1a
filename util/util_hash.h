/* util_hash — the project's one hash: 64-bit FNV-1a. Used for scenario
 * hashes (results.json, the batch's .done markers), file checksums and
 * hash tables; not for anything that must resist an adversary. */
#ifndef UTIL_HASH_H
#define UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's 64-bit offset basis: the h to start a hash with. */
#define UTIL_HASH_SEED 0xcbf29ce484222325ULL

/* Continues the FNV-1a hash h over len bytes of data. */
uint64_t util_hash64(const void *data, size_t len, uint64_t h);

/* FNV-1a of data from UTIL_HASH_SEED, as 16 lower-case hex digits into out. */
void util_hash_hex(const void *data, size_t len, char out[17]);

#endif
