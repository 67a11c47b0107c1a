/* cli_io — atomic result files, directories, hashing and dates. */
#include "cli/cli_io.h"
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cJSON.h>

char *cli_path_join(const char *dir, const char *name)
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

int cli_file_open(cli_file *f, const char *dir, const char *name)
{
    static unsigned counter;
    memset(f, 0, sizeof *f);
    f->path = cli_path_join(dir, name);
    char suffix[64];
    unsigned c;
#pragma omp atomic capture
    c = counter++;
    snprintf(suffix, sizeof suffix, ".tmp.%ld.%u", (long)getpid(), c);
    size_t n = f->path ? strlen(f->path) + strlen(suffix) + 1 : 0;
    f->tmp = f->path ? malloc(n) : NULL;
    if (!f->path || !f->tmp) {
        free(f->path);
        free(f->tmp);
        cli_error("out of memory");
        return -1;
    }
    snprintf(f->tmp, n, "%s%s", f->path, suffix);
    f->fp = fopen(f->tmp, "wb");
    if (!f->fp) {
        cli_error("%s: cannot write: %s", f->path, strerror(errno));
        free(f->path);
        free(f->tmp);
        f->path = f->tmp = NULL;
        return -1;
    }
    return 0;
}

int cli_file_commit(cli_file *f)
{
    int rc = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0)
        rc = -1;
    if (fclose(f->fp) != 0)
        rc = -1;
    if (rc == 0 && rename(f->tmp, f->path) != 0)
        rc = -1;
    if (rc != 0) {
        cli_error("%s: cannot write: %s", f->path, strerror(errno));
        unlink(f->tmp);
    }
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
    return rc;
}

void cli_file_abort(cli_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp)
        unlink(f->tmp);
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
}

int cli_write_atomic(const char *dir, const char *name, const void *data, size_t len)
{
    cli_file f;
    if (cli_file_open(&f, dir, name) != 0)
        return -1;
    if (len && fwrite(data, 1, len, f.fp) != len) {
        cli_error("%s: cannot write: %s", f.path, strerror(errno));
        cli_file_abort(&f);
        return -1;
    }
    return cli_file_commit(&f);
}

int cli_write_json(const char *dir, const char *name, cJSON *root)
{
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        cli_error("out of memory writing %s", name);
        return -1;
    }
    /* cJSON_Print's buffer holds the terminating NUL: room for the newline. */
    size_t len = strlen(text);
    text[len] = '\n';
    int rc = cli_write_atomic(dir, name, text, len + 1);
    free(text);
    return rc;
}

int cli_mkdir_p(const char *path)
{
    char *p = strdup(path);
    if (!p) {
        cli_error("out of memory");
        return -1;
    }
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                cli_error("%s: cannot create directory: %s", p, strerror(errno));
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
        cli_error("%s: not a directory", path);
        free(p);
        return -1;
    }
    free(p);
    return 0;
}

char *cli_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (n < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    int err = ferror(fp);
    fclose(fp);
    if (!buf || err) {
        free(buf);
        errno = err ? EIO : ENOMEM;
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

uint64_t cli_hash64(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void cli_hash_hex(const void *data, size_t len, char out[17])
{
    uint64_t h = cli_hash64(data, len, 0xcbf29ce484222325ULL);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void cli_date_iso(char *out, size_t size)
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
