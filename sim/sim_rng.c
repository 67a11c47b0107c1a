/* sim_rng — xoshiro256** (Blackman & Vigna, 2018) as a GSL generator type,
 * seeded through splitmix64, and the hashing that names independent streams
 * by (seed, replication, purpose, index). */
#include "sim/sim_rng.h"

#include <stddef.h>

typedef struct xoshiro_state {
    uint64_t s[4];
} xoshiro_state;

static uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* splitmix64: advances *x by the golden-ratio increment and returns a
 * well-mixed function of the new value (Steele, Lea & Flood 2014). */
static uint64_t splitmix64_next(uint64_t *x)
{
    *x += 0x9e3779b97f4a7c15u;
    uint64_t z = *x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* The splitmix64 output function alone: a bijective 64-bit finaliser. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t xoshiro_next(xoshiro_state *st)
{
    uint64_t *s = st->s;
    uint64_t result = rotl64(s[1] * 5u, 7) * 9u;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

/* Fills the 256-bit state with four successive splitmix64 outputs. They are
 * images of four distinct inputs under a bijection, so never all zero. */
static void xoshiro_seed64(xoshiro_state *st, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        st->s[i] = splitmix64_next(&x);
}

static void xoshiro_set(void *vstate, unsigned long int seed)
{
    xoshiro_seed64(vstate, (uint64_t)seed);
}

/* GSL's integer interface: the high 32 bits (the best bits of the output). */
static unsigned long int xoshiro_get(void *vstate)
{
    return (unsigned long int)(xoshiro_next(vstate) >> 32);
}

/* Uniform on [0, 1) with 53 random bits. */
static double xoshiro_get_double(void *vstate)
{
    return (double)(xoshiro_next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro256ss_type = {
    "xoshiro256**",
    0xffffffffUL,
    0,
    sizeof(xoshiro_state),
    xoshiro_set,
    xoshiro_get,
    xoshiro_get_double,
};

const gsl_rng_type *sim_rng_type = &xoshiro256ss_type;

uint64_t sim_rng_purpose(const char *name)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    return h;
}

uint64_t sim_rng_key(uint64_t seed, uint64_t replication, uint64_t purpose, uint64_t index)
{
    /* Each field is finalised with its own additive constant before being
     * folded in, then the running hash is finalised again: a change in any
     * bit of any field avalanches over the whole key. */
    uint64_t h = mix64(seed + 0x9e3779b97f4a7c15u);
    h = mix64(h ^ mix64(replication + 0xd1b54a32d192ed03u));
    h = mix64(h ^ mix64(purpose + 0x8cb92ba72f3d8dd7u));
    h = mix64(h ^ mix64(index + 0xa0761d6478bd642fu));
    return h ? h : 0x6a09e667f3bcc909u;
}

gsl_rng *sim_rng_new(uint64_t seed, uint64_t replication, const char *purpose, uint64_t index)
{
    gsl_rng *r = gsl_rng_alloc(sim_rng_type);
    if (!r)
        return NULL;
    sim_rng_reset(r, seed, replication, purpose, index);
    return r;
}

void sim_rng_reset(gsl_rng *r, uint64_t seed, uint64_t replication, const char *purpose, uint64_t index)
{
    uint64_t key = sim_rng_key(seed, replication, sim_rng_purpose(purpose), index);
    if (r->type == sim_rng_type)
        xoshiro_seed64(r->state, key);  /* all 64 bits, even where long is 32 */
    else
        gsl_rng_set(r, (unsigned long int)key);
}
