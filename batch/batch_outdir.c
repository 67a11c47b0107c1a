/* batch_outdir — the lock on OUT, temporaries of killed runs, reserved
 * names (see batch_outdir.h). */
#include "batch/batch_outdir.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cJSON.h>

/* ---------------------------------------------------------------- temporaries */

/* The process id in a temporary name "NAME.tmp.PID.N", or 0 when name is none. */
long batch_temp_pid(const char *name)
{
    const char *t = NULL;
    for (const char *s = strstr(name, ".tmp."); s; s = strstr(s + 1, ".tmp."))
        t = s;
    if (!t || t == name)
        return 0;
    const char *p = t + 5;
    long pid = 0;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9') {
        pid = pid * 10 + (*p - '0');
        if (pid > 1L << 30)
            return 0;
        p++;
    }
    if (*p++ != '.' || *p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0' ? pid : 0;
}

static int clean_dir(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *path = util_path_join(dir, e->d_name);
        struct stat st;
        if (!path || lstat(path, &st) != 0) {
            free(path);
            continue;
        }
        long pid;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0)
                removed += clean_dir(path, depth - 1);
        } else if (S_ISREG(st.st_mode) && (pid = batch_temp_pid(e->d_name)) > 0 && pid != (long)getpid()
                   && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
            if (unlink(path) == 0)
                removed++;
        }
        free(path);
    }
    closedir(d);
    return removed;
}

int batch_clean_temps(const char *dir)
{
    return clean_dir(dir, 3);
}

int batch_lock_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        util_error("%s: cannot open: %s", dir, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        util_error("%s: another devopsim run or batch is writing into it; wait for it or choose another -o", dir);
        close(fd);
        return -1;
    }
    /* Other errors (file systems without locks): go on unlocked. */
    return fd;
}

int batch_lock(const char *dir)
{
    if (batch_lock_dir(dir) < 0)
        return -1;
    char *path = util_path_join(dir, ".lock");
    if (!path) {
        util_error("out of memory");
        return -1;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        util_error("%s: cannot create: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        util_error("%s: another devopsim run or batch is writing into %s; wait for it or choose another -o",
                   path, dir);
        close(fd);
        free(path);
        return -1;
    }
    /* Other errors (file systems without locks): go on unlocked. */
    free(path);
    return fd;
}

int batch_reserved_name(const char *name)
{
    return !strcmp(name, "summary.csv") || !strncmp(name, "lead_time_p85", 13);
}

