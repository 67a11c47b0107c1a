/* util_hash — 64-bit FNV-1a (see util_hash.h). */
#include "util/util_hash.h"

#include <stdio.h>

uint64_t util_hash64(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void util_hash_hex(const void *data, size_t len, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)util_hash64(data, len, UTIL_HASH_SEED));
}
