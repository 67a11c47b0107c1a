/* batch_files — the batch's dealings with the file system: finding scenario
 * files in directories, the resume marker OUT/<name>/.done, cleaning up
 * temporary files of killed runs, and the lock on OUT. See batch.h. */
#include "batch/batch.h"
#include "util/util_msg.h"
#include "util/util_buf.h"
#include "util/util_file.h"
#include "util/util_hash.h"

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

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

/* Directories nest at most this deep in searches and in result folders. */
#define MAX_DEPTH 16

/* ---------------------------------------------------------------- inputs */

typedef struct seen {
    dev_t dev;
    ino_t ino;
} seen;

typedef struct finder {
    batch_inputs *in;
    seen *files;                /* [in->n]: identity of each input (missing: 0, 0) */
    seen dirs[MAX_DEPTH + 1];   /* directories on the current search path (loops) */
    int n_dirs;
    int has_out;
    seen out;
    int oom;
} finder;

static int add_input(finder *f, const char *path, int missing, const struct stat *st)
{
    batch_inputs *in = f->in;
    if (!missing)
        for (int i = 0; i < in->n; i++)
            if (!in->v[i].missing && f->files[i].dev == st->st_dev && f->files[i].ino == st->st_ino)
                return 0;       /* the same file again */
    if (in->n == in->cap) {
        /* in->v and f->files grow together: one capacity for both. */
        size_t cv = (size_t)in->cap, cs = cv, need = (size_t)in->n + 1;
        if (util_grow(&in->v, &cv, need, sizeof *in->v, 32) != 0
            || util_grow(&f->files, &cs, need, sizeof *f->files, 32) != 0 || cv > INT_MAX) {
            f->oom = 1;
            return -1;
        }
        in->cap = (int)cv;
    }
    char *p = strdup(path);
    if (!p) {
        f->oom = 1;
        return -1;
    }
    in->v[in->n].path = p;
    in->v[in->n].missing = missing;
    f->files[in->n].dev = missing ? 0 : st->st_dev;
    f->files[in->n].ino = missing ? 0 : st->st_ino;
    in->n++;
    return 0;
}

/* 1 when the JSON file at path is no scenario: a JSON Schema document, or a
 * file devopsim wrote (results.json, provenance.json). Unparsable files are
 * left in, so that loading them reports why. */
static int not_a_scenario(const char *path)
{
    size_t len;
    char *text = util_read_file(path, UTIL_READ_MAX, &len);
    if (!text)
        return 0;
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    int skip = 0;
    if (cJSON_IsObject(root)) {
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "$schema");
        const cJSON *program = cJSON_GetObjectItemCaseSensitive(root, "program");
        if (cJSON_IsString(schema) && strstr(schema->valuestring, "json-schema.org/"))
            skip = 1;
        if (cJSON_IsString(program) && !strcmp(program->valuestring, "devopsim"))
            skip = 1;
    }
    cJSON_Delete(root);
    return skip;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !strcmp(s + n - m, suffix);
}

static int search_dir(finder *f, const char *dir, const struct stat *dst)
{
    if (f->n_dirs > MAX_DEPTH)
        return 0;
    for (int i = 0; i < f->n_dirs; i++)
        if (f->dirs[i].dev == dst->st_dev && f->dirs[i].ino == dst->st_ino)
            return 0;           /* a symbolic link back up: no loop */
    f->dirs[f->n_dirs].dev = dst->st_dev;
    f->dirs[f->n_dirs].ino = dst->st_ino;
    f->n_dirs++;
    DIR *d = opendir(dir);
    if (!d) {
        util_error("%s: cannot read directory: %s", dir, strerror(errno));
        f->n_dirs--;
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (util_grow(&names, &cap, n + 1, sizeof *names, 64) != 0) {
            f->oom = 1;
            break;
        }
        if (!(names[n] = strdup(e->d_name))) {
            f->oom = 1;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && !f->oom; i++) {
        char *path = util_path_join(dir, names[i]);
        struct stat st;
        if (!path) {
            f->oom = 1;
        } else if (stat(path, &st) != 0) {
            /* a dangling link: nothing to run */
        } else if (S_ISDIR(st.st_mode)) {
            if (!(f->has_out && st.st_dev == f->out.dev && st.st_ino == f->out.ino))
                search_dir(f, path, &st);
        } else if (S_ISREG(st.st_mode) && ends_with(names[i], ".json")) {
            if (not_a_scenario(path))
                f->in->skipped++;
            else
                add_input(f, path, 0, &st);
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    f->n_dirs--;
    return f->oom ? -1 : 0;
}

int batch_inputs_find(char *const *args, int n_args, const char *out_dir, batch_inputs *in)
{
    memset(in, 0, sizeof *in);
    finder f;
    memset(&f, 0, sizeof f);
    f.in = in;
    struct stat st;
    if (out_dir && stat(out_dir, &st) == 0) {
        f.has_out = 1;
        f.out.dev = st.st_dev;
        f.out.ino = st.st_ino;
    }
    for (int i = 0; i < n_args && !f.oom; i++) {
        if (stat(args[i], &st) != 0)
            add_input(&f, args[i], 1, NULL);
        else if (S_ISDIR(st.st_mode))
            search_dir(&f, args[i], &st);
        else
            add_input(&f, args[i], 0, &st);
    }
    free(f.files);
    if (f.oom) {
        util_error("out of memory listing scenario files");
        batch_inputs_free(in);
        return -1;
    }
    return 0;
}

void batch_inputs_free(batch_inputs *in)
{
    for (int i = 0; i < in->n; i++)
        free(in->v[i].path);
    free(in->v);
    memset(in, 0, sizeof *in);
}

/* ---------------------------------------------------------------- temporaries */

/* The process id in a temporary name "NAME.tmp.PID.N", or 0 when name is none. */
static long temp_pid(const char *name)
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
        } else if (S_ISREG(st.st_mode) && (pid = temp_pid(e->d_name)) > 0 && pid != (long)getpid()
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

int batch_lock(const char *dir)
{
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
        util_error("%s: another batch is writing into %s; wait for it or choose another -o", path, dir);
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

/* ---------------------------------------------------------------- the marker */

void batch_key_of(const pipeline *p, int charts, batch_key *k)
{
    memset(k, 0, sizeof *k);
    snprintf(k->version, sizeof k->version, "%s", DEVOPSIM_VERSION);
    size_t len;
    const char *presets = scen_presets_text(&len);
    util_hash_hex(presets, len, k->presets_hash);
    memcpy(k->scenario_hash, p->hash, sizeof k->scenario_hash);
    k->seed = p->s.run.seed;
    k->reps = p->s.run.replications;
    if (p->baseline >= 0)
        snprintf(k->baseline, sizeof k->baseline, "%s", p->s.models[p->baseline].name);
    k->charts = charts;
}

typedef struct entry {
    char *rel;                  /* path relative to the folder */
    long long bytes;
    char hash[17];
} entry;

typedef struct listing {
    entry *v;
    size_t n, cap;
    int err;
} listing;

static int hash_file(const char *path, long long *bytes, char out[17])
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    unsigned char buf[1 << 16];
    uint64_t h = UTIL_HASH_SEED;
    long long total = 0;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0) {
        h = util_hash64(buf, got, h);
        total += (long long)got;
    }
    int err = ferror(fp);
    fclose(fp);
    if (err)
        return -1;
    *bytes = total;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return 0;
}

static int skip_in_listing(const char *name, int top)
{
    return !strcmp(name, BATCH_DONE_FILE) || !strcmp(name, ".lock") || temp_pid(name) > 0
           || (top && !strcmp(name, "provenance.json"));
}

/* Lists the result files under dir/rel (rel "" at the top), syncing each
 * folder so that every rename in it is on disk before the marker is. */
static void list_dir(const char *dir, const char *rel, int depth, listing *L)
{
    char *full = rel[0] ? util_path_join(dir, rel) : strdup(dir);
    DIR *d = full ? opendir(full) : NULL;
    if (!d) {
        L->err = 1;
        free(full);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && !L->err) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || skip_in_listing(e->d_name, !rel[0]))
            continue;
        char *r = rel[0] ? util_path_join(rel, e->d_name) : strdup(e->d_name);
        char *p = r ? util_path_join(dir, r) : NULL;
        struct stat st;
        if (!r || !p || lstat(p, &st) != 0) {
            L->err = 1;
        } else if (S_ISDIR(st.st_mode)) {
            if (depth < MAX_DEPTH)
                list_dir(dir, r, depth + 1, L);
        } else if (S_ISREG(st.st_mode)) {
            if (util_grow(&L->v, &L->cap, L->n + 1, sizeof *L->v, 16) != 0) {
                L->err = 1;
                free(r);
                free(p);
                break;
            }
            entry *en = &L->v[L->n];
            if (hash_file(p, &en->bytes, en->hash) != 0) {
                L->err = 1;
            } else {
                en->rel = r;
                r = NULL;
                L->n++;
            }
        }
        free(r);
        free(p);
    }
    int fd = dirfd(d);
    if (fd >= 0)
        fsync(fd);
    closedir(d);
    free(full);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

static void listing_free(listing *L)
{
    for (size_t i = 0; i < L->n; i++)
        free(L->v[i].rel);
    free(L->v);
}

int batch_done_write(const char *dir, const batch_key *k, const char *scenario_name)
{
    listing L;
    memset(&L, 0, sizeof L);
    list_dir(dir, "", 0, &L);
    if (L.err) {
        util_error("%s: cannot list the results to mark them finished", dir);
        listing_free(&L);
        return -1;
    }
    if (L.n)
        qsort(L.v, L.n, sizeof *L.v, cmp_entry);
    cJSON *root = cJSON_CreateObject();
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)k->seed);
    cJSON_AddStringToObject(root, "finished_by", "devopsim batch");
    cJSON_AddStringToObject(root, "scenario", scenario_name);
    cJSON_AddStringToObject(root, "version", k->version);
    cJSON_AddStringToObject(root, "presets_hash", k->presets_hash);
    cJSON_AddStringToObject(root, "scenario_hash", k->scenario_hash);
    cJSON_AddStringToObject(root, "seed", seed);
    cJSON_AddNumberToObject(root, "replications", k->reps);
    cJSON_AddStringToObject(root, "baseline", k->baseline);
    cJSON_AddBoolToObject(root, "charts", k->charts);
    cJSON *files = cJSON_AddArrayToObject(root, "files");
    for (size_t i = 0; i < L.n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", L.v[i].rel);
        cJSON_AddNumberToObject(o, "bytes", (double)L.v[i].bytes);
        cJSON_AddStringToObject(o, "fnv1a64", L.v[i].hash);
        cJSON_AddItemToArray(files, o);
    }
    listing_free(&L);
    int rc = util_write_json(dir, BATCH_DONE_FILE, root);
    if (rc == 0) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
    }
    return rc;
}

int batch_done_remove(const char *dir)
{
    char *p = util_path_join(dir, BATCH_DONE_FILE);
    if (!p) {
        util_error("out of memory");
        return -1;
    }
    int rc = 0;
    if (unlink(p) != 0 && errno != ENOENT) {
        util_error("%s: cannot remove: %s", p, strerror(errno));
        rc = -1;
    }
    free(p);
    return rc;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

int batch_done_check(const char *dir, const batch_key *k, const char **why)
{
    *why = NULL;
    char *path = util_path_join(dir, BATCH_DONE_FILE);
    size_t len;
    char *text = path ? util_read_file(path, UTIL_READ_MAX, &len) : NULL;
    free(path);
    if (!text)
        return 0;
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)k->seed);
    const cJSON *reps = cJSON_GetObjectItemCaseSensitive(root, "replications");
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    int ok = 0;
    if (!cJSON_IsObject(root) || !cJSON_IsArray(files))
        *why = "its finished-marker is unreadable";
    else if (strcmp(str_of(root, "version"), k->version))
        *why = "the program version changed";
    else if (strcmp(str_of(root, "presets_hash"), k->presets_hash))
        *why = "the built-in presets changed";
    else if (strcmp(str_of(root, "scenario_hash"), k->scenario_hash))
        *why = "the scenario file changed";
    else if (strcmp(str_of(root, "seed"), seed))
        *why = "the seed changed";
    else if (!cJSON_IsNumber(reps) || reps->valuedouble != (double)k->reps)
        *why = "the replications changed";
    else if (strcmp(str_of(root, "baseline"), k->baseline))
        *why = "the --baseline changed";
    else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "charts")) != (k->charts != 0))
        *why = k->charts ? "charts were not drawn last time" : "--no-charts changed";
    else
        ok = 1;
    if (ok) {
        const cJSON *f;
        cJSON_ArrayForEach(f, files) {
            const cJSON *b = cJSON_GetObjectItemCaseSensitive(f, "bytes");
            const char *rel = str_of(f, "path");
            char *p = rel[0] ? util_path_join(dir, rel) : NULL;
            struct stat st;
            if (!p || !cJSON_IsNumber(b) || stat(p, &st) != 0 || !S_ISREG(st.st_mode)
                || (double)st.st_size != b->valuedouble) {
                *why = "a result file is missing or changed";
                ok = 0;
            }
            free(p);
            if (!ok)
                break;
        }
    }
    cJSON_Delete(root);
    return ok;
}
