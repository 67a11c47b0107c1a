/* util_sys — what this machine offers a run: the memory a process may use,
 * and huge pages for a large run's heap. */
#ifndef UTIL_SYS_H
#define UTIL_SYS_H

#include <stddef.h>
#include <stdint.h>

/* Bytes a run may use: the machine's physical memory, or less when the
 * address space is limited (ulimit -v). */
double util_machine_memory(void);

/* Process-wide, for a program's main() (the library never calls it): malloc
 * takes memory from the system in 64 MiB steps, so that each step can hold
 * whole 2 MiB huge pages once util_heap_hugepages() advises it (in small
 * steps, every step becomes a memory region of its own, too small and
 * unaligned for any). The first step is taken and advised at once, before
 * anything touches it (a run's early data lives there). Memory not yet
 * touched costs nothing. A no-op where the C library is not glibc. */
void util_heap_prepare(void);

/* Asks the kernel for transparent huge pages on the heap memory malloc has
 * taken from the system (brk) since the last call: *done is the heap top
 * advised so far (start it at 0; the first call only records the top).
 * Called now and then by a long simulation, so that the heap's new memory is
 * advised before most of it is touched. Where THP is in `madvise` mode this
 * cuts the TLB misses of a large organisation's knowledge; where madvise or
 * huge pages are missing it does nothing. Never changes a result. */
void util_heap_hugepages(uintptr_t *done);

/* Asks for transparent huge pages on the whole 2 MiB pages inside the block
 * [p, p + bytes) (malloc gives a large block a mapping of its own, which
 * util_heap_hugepages does not see). Never changes a result. */
void util_mem_hugepages(void *p, size_t bytes);

/* Asks for transparent huge pages on a block from malloc or realloc of at
 * least `bytes` that holds a whole 2 MiB page (smaller blocks are left
 * alone): with glibc, on every page the block touches, up to its usable
 * size, so that a block malloc gave a mapping of its own is advised
 * as one whole mapping. Advising only the 2 MiB pages inside it (as
 * util_mem_hugepages does) splits the mapping in three, and realloc can then
 * no longer move it with mremap: glibc copied the task list when it grew
 * from 48 to 96 MiB at 5,000 engineers (mremap failed with EFAULT; session
 * 13). Elsewhere as util_mem_hugepages(block, bytes). Never changes a result. */
void util_block_hugepages(void *block, size_t bytes);

/* 1 when environment variable name is set to anything but "" or "0" (how
 * the test hooks and debug checks read their switches). */
int util_env_flag(const char *name);

#endif
