/* util_file — atomic files, bounded reads, directories, dates (see util_file.h). */
#include "util/util_file.h"
#include "util/util_buf.h"
#include "util/util_msg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cJSON.h>

char *util_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* Distinguishes the temporaries of concurrent writers in one process. */
static atomic_uint tmp_serial;

/* "PATH.tmp.PID.N", new (caller frees); NULL when memory ran out. The batch
 * recognises leftovers by this form (batch_clean_temps). */
char *util_tmp_name(const char *path)
{
    size_t n = strlen(path) + 64;
    char *tmp = malloc(n);
    if (tmp)
        snprintf(tmp, n, "%s.tmp.%ld.%u", path, (long)getpid(), atomic_fetch_add(&tmp_serial, 1u));
    return tmp;
}

int util_file_open(util_file *f, const char *dir, const char *name)
{
    memset(f, 0, sizeof *f);
    f->path = util_path_join(dir, name);
    f->tmp = f->path ? util_tmp_name(f->path) : NULL;
    if (!f->path || !f->tmp) {
        free(f->path);
        free(f->tmp);
        util_error("out of memory");
        return -1;
    }
    f->fp = fopen(f->tmp, "wb");
    if (!f->fp) {
        util_error("%s: cannot write: %s", f->path, strerror(errno));
        free(f->path);
        free(f->tmp);
        f->path = f->tmp = NULL;
        return -1;
    }
    return 0;
}

int util_file_commit(util_file *f)
{
    int rc = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0)
        rc = -1;
    if (fclose(f->fp) != 0)
        rc = -1;
    if (rc == 0 && rename(f->tmp, f->path) != 0)
        rc = -1;
    if (rc != 0) {
        util_error("%s: cannot write: %s", f->path, strerror(errno));
        unlink(f->tmp);
    }
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
    return rc;
}

void util_file_abort(util_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp)
        unlink(f->tmp);
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
}

int util_write_atomic(const char *dir, const char *name, const void *data, size_t len)
{
    util_file f;
    if (util_file_open(&f, dir, name) != 0)
        return -1;
    if (len && fwrite(data, 1, len, f.fp) != len) {
        util_error("%s: cannot write: %s", f.path, strerror(errno));
        util_file_abort(&f);
        return -1;
    }
    return util_file_commit(&f);
}

int util_write_file_atomic(const char *path, const void *data, size_t n)
{
    char *tmp = util_tmp_name(path);
    if (!tmp)
        return ENOMEM;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return e;
    }
    const unsigned char *p = data;
    size_t left = n;
    int e = 0;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e)
        unlink(tmp);
    free(tmp);
    return e;
}

int util_write_json(const char *dir, const char *name, cJSON *root)
{
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        util_error("out of memory writing %s", name);
        return -1;
    }
    /* cJSON_Print's buffer holds the terminating NUL: room for the newline. */
    size_t len = strlen(text);
    text[len] = '\n';
    int rc = util_write_atomic(dir, name, text, len + 1);
    free(text);
    return rc;
}

int util_mkdir_p(const char *path)
{
    char *p = strdup(path);
    if (!p) {
        util_error("out of memory");
        return -1;
    }
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                util_error("%s: cannot create directory: %s", p, strerror(errno));
                free(p);
                return -1;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        util_error("%s: not a directory", path);
        free(p);
        return -1;
    }
    free(p);
    return 0;
}

/* Removes path below depth levels; 0 or -1 with errno set. */
static int rm_tree(const char *path, int depth)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    if (depth <= 0) {
        errno = ELOOP;
        return -1;
    }
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = util_path_join(path, e->d_name);
        if (!p) {
            errno = ENOMEM;
            rc = -1;
            break;
        }
        if (rm_tree(p, depth - 1) != 0)
            rc = -1;
        free(p);
    }
    int e2 = errno;
    closedir(d);
    if (rc != 0) {
        errno = e2;
        return -1;
    }
    return rmdir(path);
}

int util_rm_tree(const char *path)
{
    return rm_tree(path, 16);
}

char *util_read_fd(int fd, size_t max, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        /* One byte beyond max tells "exactly max" from "too large". */
        size_t want = n + 65536 <= max + 1 ? n + 65536 : max + 1;
        if (util_grow(&buf, &cap, want + 1, 1, 65536 + 1) != 0) {
            free(buf);
            errno = ENOMEM;
            return NULL;
        }
        ssize_t r = read(fd, buf + n, want - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            free(buf);
            errno = EFBIG;
            return NULL;
        }
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *util_read_file(const char *path, size_t max, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    char *text = util_read_fd(fd, max, len);
    int e = errno;
    close(fd);
    errno = e;
    return text;
}

int util_read_line(FILE *fp, util_buf *b, size_t max)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
    int c;
    while ((c = getc_unlocked(fp)) != EOF) {
        if (b->n >= max) {
            errno = EFBIG;
            return -1;
        }
        char ch = (char)c;
        if (util_buf_put(b, &ch, 1) != 0) {
            errno = ENOMEM;
            return -1;
        }
        if (c == '\n')
            return 1;
    }
    if (ferror(fp))
        return -1;
    return b->n > 0 ? 1 : 0;
}

void util_date_iso(char *out, size_t size)
{
    time_t t = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
