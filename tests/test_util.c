/* test_util — helpers shared by the test files (declared in testutil.h):
 * scratch directories, whole-file reads, byte searches, PDF page counts,
 * scenario loads and traced runs.
 * Not a test group of its own. */
#include "tests/testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/org_sim.h"
#include "scenario/scen_load.h"

const char *test_mkdtemp(char *buf, size_t size, const char *name)
{
    /* mkdtemp replaces the six X with a unique suffix. */
    snprintf(buf, size, "/tmp/devopsim_%s_XXXXXX", name);
    return mkdtemp(buf);
}

void test_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char p[1024];
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            test_remove_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

unsigned char *test_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (p) {
        p[len] = '\0';
        *n = (size_t)len;
    }
    return p;
}

int test_contains(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0)
            return 1;
    return 0;
}

int test_pdf_pages(const unsigned char *p, size_t n)
{
    static const char key[] = "/Type /Page";   /* not "/Type /Pages" */
    size_t kl = sizeof key - 1;
    int count = 0;
    for (size_t i = 0; i + kl < n; i++)
        if (memcmp(p + i, key, kl) == 0 && p[i + kl] != 's')
            count++;
    return count;
}

int test_scen_load(const char *text, const char *name, org_scenario *s)
{
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(text, strlen(text), name, s, &d);
    if (rc != 0) {
        util_diags_print(&d, stderr);
        fprintf(stderr, "scenario was: %s\n", text);
    }
    util_diags_free(&d);
    return rc;
}

FILE *test_trace_run(const org_scenario *s, int m, int h, int rep)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    org_sim_opts o;
    org_sim_opts_init(&o);
    o.trace = f;
    org_rep r;
    assert_int_equal(org_sim_run(s, m, h, rep, &o, &r), 0);
    org_rep_destroy(&r);
    rewind(f);
    return f;
}

double test_num_after(const char *line, const char *key)
{
    const char *p = strstr(line, key);
    return p ? atof(p + strlen(key)) : (double)NAN;
}

int test_int_after(const char *line, const char *key)
{
    const char *p = strstr(line, key);
    return p ? atoi(p + strlen(key)) : -1;
}

void test_product_shares(const double *v, double *all, double *busy, double *np)
{
    const double *p = v + ORG_M_FIXED_COUNT;
    *all = *busy = *np = 0.0;
    for (int c = 0; c < ORG_CAT_COUNT; c++) {
        *all += p[c];
        *busy += c == ORG_CAT_IDLE ? 0.0 : p[c];
        *np += c == ORG_CAT_IDLE || c == ORG_CAT_PRODUCT ? 0.0 : p[c];
    }
}
