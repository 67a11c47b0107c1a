/* batch_done — the resume marker OUT/<name>/.done (see batch_done.h). */
#include "batch/batch_done.h"
#include "report/charts.h"
#include "batch/batch_outdir.h"
#include "util/util_buf.h"
#include "util/util_file.h"
#include "util/util_hash.h"
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

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

/* Directories nest at most this deep in searches and in result folders. */
#define MAX_DEPTH 16

/* ---------------------------------------------------------------- the marker */

void batch_key_of(const pipeline *p, int charts, const char *formats, batch_key *k)
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
    k->no_staffing = p->no_staffing;
    if (!formats || charts_parse_formats("--format", formats, &k->formats) != 0 || !k->formats)
        k->formats = CHARTS_FMT_ALL;
}

/* 1 when root's member key is the number v. */
static int num_is(const cJSON *root, const char *key, unsigned v)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(root, key);
    return cJSON_IsNumber(n) && n->valuedouble == (double)v;
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
    return !strcmp(name, BATCH_DONE_FILE) || !strcmp(name, ".lock") || batch_temp_pid(name) > 0
           || !strncmp(name, PIPELINE_STAGING, strlen(PIPELINE_STAGING))
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
    cJSON_AddNumberToObject(root, "formats", k->formats);
    if (k->no_staffing)     /* only when set: markers of runs with staffing keep their bytes */
        cJSON_AddBoolToObject(root, "no_staffing", 1);
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
    else if (k->charts && !num_is(root, "formats", k->formats))
        *why = "the --format list changed";
    else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "no_staffing")) != (k->no_staffing != 0))
        *why = "--no-staffing changed";
    else
        ok = 1;
    if (ok) {
        const cJSON *f;
        cJSON_ArrayForEach(f, files) {
            const cJSON *b = cJSON_GetObjectItemCaseSensitive(f, "bytes");
            const char *rel = str_of(f, "path");
            char *p = rel[0] ? util_path_join(dir, rel) : NULL;
            struct stat st;
            long long bytes;
            char hash[17];
            /* Size first (cheap), then the content's hash. */
            if (!p || !cJSON_IsNumber(b) || lstat(p, &st) != 0 || !S_ISREG(st.st_mode)
                || (double)st.st_size != b->valuedouble || hash_file(p, &bytes, hash) != 0
                || strcmp(hash, str_of(f, "fnv1a64")) != 0) {
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
