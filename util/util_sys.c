/* util_sys — what this machine offers a run, huge pages for a large
 * run's heap, and the switches test hooks read from the environment. */
#include "util/util_sys.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

double util_machine_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    double mem = pages > 0 && page > 0 ? (double)pages * (double)page : 1e18;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && (double)rl.rlim_cur < mem)
        mem = (double)rl.rlim_cur;
    return mem;
}

void util_heap_prepare(void)
{
#if defined(__GLIBC__)
    mallopt(M_TOP_PAD, 64 << 20);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    /* The heap's next step (at least the pad) taken now and advised before
     * anything touches it (util_heap_hugepages only advises what comes after
     * its first call, and a run's early data would otherwise stay in small
     * pages). Libraries' constructors may have made the heap already (X11
     * through cairo does), so small blocks are taken until the break moves. */
    void *brk0 = sbrk(0);
    void *held[64];
    int n = 0;
    uintptr_t top = 0;
    while (brk0 != (void *)-1 && n < 64) {
        if (!(held[n] = malloc(16 << 10)))
            break;
        n++;
        void *brk1 = sbrk(0);
        if (brk1 == (void *)-1)
            break;
        if (brk1 != brk0) {
            top = (uintptr_t)brk1;
            break;
        }
    }
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)brk0 + huge - 1) & ~(huge - 1);
    if (top > from)
        (void)madvise((void *)from, top - from, MADV_HUGEPAGE);
    while (n > 0)
        free(held[--n]);
#endif
#endif
}

void util_heap_hugepages(uintptr_t *done)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    void *brk_now = sbrk(0);
    if (brk_now == (void *)-1)
        return;
    uintptr_t top = (uintptr_t)brk_now;
    if (*done == 0 || top < *done) {
        *done = top;        /* first call, or the heap shrank: start again from here */
        return;
    }
    /* From the 2 MiB boundary below what was done: the huge page straddling
     * the old top is advised again, so the two regions can merge. */
    uintptr_t from = *done & ~(huge - 1);
    if (top - from < huge)
        return;
    /* ENOMEM: part of the range was not mapped (below the heap's start);
     * the advice still holds on the parts that are. */
    if (madvise((void *)from, top - from, MADV_HUGEPAGE) == 0 || errno == ENOMEM)
        *done = top;
#else
    (void)done;
#endif
}

void util_mem_hugepages(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1), to = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

void util_block_hugepages(void *block, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(__GLIBC__)
    long pg = sysconf(_SC_PAGESIZE);
    size_t usable = malloc_usable_size(block);
    if (pg <= 0 || usable < bytes) {
        util_mem_hugepages(block, bytes);
        return;
    }
    /* Small blocks are left alone, as util_mem_hugepages leaves them (no
     * whole huge page inside): advising them would only cut the heap into
     * regions. */
    const uintptr_t huge = (uintptr_t)2 << 20, page = (uintptr_t)pg;
    if ((((uintptr_t)block + bytes) & ~(huge - 1)) <= (((uintptr_t)block + huge - 1) & ~(huge - 1)))
        return;
    uintptr_t from = (uintptr_t)block & ~(page - 1);
    uintptr_t to = ((uintptr_t)block + usable + page - 1) & ~(page - 1);
    (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    util_mem_hugepages(block, bytes);
#endif
}

int util_env_flag(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] != '\0' && strcmp(v, "0") != 0;
}
