/* util_sys — what this machine offers a run: the memory a process may use. */
#ifndef UTIL_SYS_H
#define UTIL_SYS_H

/* Bytes a run may use: the machine's physical memory, or less when the
 * address space is limited (ulimit -v). */
double util_machine_memory(void);

#endif
