/* batch_inputs — finding a batch's scenario files (see batch_inputs.h). */
#include "batch/batch_inputs.h"
#include "util/util_buf.h"
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

