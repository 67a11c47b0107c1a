/* util_sys — what this machine offers a run. */
#include "util/util_sys.h"

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
