/* scen_load — resolves a scenario file against the built-in presets into an
 * org_scenario. One pass over the JSON tree collects every problem with its
 * path; the presets file is read by the same code in "presets" mode, where
 * every object must be complete and `base` refers to earlier entries. This
 * file holds the top level and the order of reading; the places' field lists
 * are in scen_keys.c, their readers in scen_fields.c, the catalogue in
 * scen_catalog.c and the organisation in scen_teams.c. */
#include "scenario/scen_int.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util_msg.h"

/* Generated from models/presets.json by tools/embed (see the Makefile). */
extern const char scen_presets_json[];
extern const size_t scen_presets_json_len;

#define PRESETS_FILE "presets.json (built in)"

const char *scen_presets_text(size_t *len)
{
    if (len)
        *len = scen_presets_json_len;
    return scen_presets_json;
}

/* ---- overrides ------------------------------------------------------------ */

void scen_overrides_init(scen_overrides *o)
{
    memset(o, 0, sizeof *o);
}

void scen_overrides_free(scen_overrides *o)
{
    if (!o)
        return;
    for (int i = 0; i < o->n; i++)
        free(o->lines[i]);
    free(o->lines);
    memset(o, 0, sizeof *o);
}

static const char *const presets_required[] = {
    "name", "seed", "replications", "hours_per_day", "run", "technologies", "stack", "templates",
    "policies", "models", "hosting", "product_teams", "central_team", "knowledge", "people", "incidents",
    "oncall", "enablement", "upkeep", "flow", "targets", "costs",
};

/* A free text at key (v: its value, or NULL when absent) into *dst (owned):
 * at most 65536 bytes, or with max_chars > 0 between 1 and max_chars
 * characters (a summary: what the deck's cover has room for). */
static void read_text(ld *L, const cJSON *v, const char *key, size_t max_chars, char **dst)
{
    if (!v)
        return;
    char got[96];
    size_t m = push(L, key);
    if (!cJSON_IsString(v)) {
        scen__err(L, "must be a text in double quotes, got %s", desc(v, got, sizeof got));
    } else if (strlen(v->valuestring) > 65536) {
        scen__err(L, "is too long (at most 65536 bytes)");
    } else if (max_chars && !*v->valuestring) {
        scen__err(L, "is empty (leave it out: the deck's cover then shows the description's start)");
    } else if (max_chars && util_utf8_chars(v->valuestring) > max_chars) {
        scen__err(L, "is %zu characters: the deck's cover has room for %zu (put the rest in \"description\")",
                  util_utf8_chars(v->valuestring), max_chars);
    } else {
        free(*dst);
        size_t n = strlen(v->valuestring) + 1;
        *dst = scen__calloc(L, n, 1);
        if (*dst)
            memcpy(*dst, v->valuestring, n);
    }
    pop(L, m);
}

static void default_name(const char *display, char out[ORG_NAME_MAX])
{
    const char *b = display ? strrchr(display, '/') : NULL;
    b = b ? b + 1 : (display ? display : "");
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".json") == 0)
        n -= 5;
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < ORG_NAME_MAX; i++) {
        char c = b[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 (o > 0 && (c == '_' || c == '-' || c == '.'));
        if (ok)
            out[o++] = c;
        else if (o > 0)
            out[o++] = '-';
    }
    out[o] = '\0';
    if (!scen__valid_name(out))
        snprintf(out, ORG_NAME_MAX, "scenario");
}

/* The shape of a section that a command reads by the PARAMS rules: an
 * object whose "params" is a non-empty list. */
static void check_params_section(ld *L, const cJSON *root, const char *key, const char *form,
                                 const char *params)
{
    char got[96];
    const cJSON *v = get(root, key);
    if (!v)
        return;
    size_t m = push(L, key);
    const cJSON *p = cJSON_IsObject(v) ? get(v, "params") : NULL;
    if (!cJSON_IsObject(v))
        scen__err(L, "must be an object %s, got %s", form, desc(v, got, sizeof got));
    else if (!cJSON_IsArray(p) || cJSON_GetArraySize(p) == 0)
        scen__err(L, "needs \"params\": %s", params);
    pop(L, m);
}

static void apply(ld *L, const cJSON *root, cat *C)
{
    org_scenario *S = &C->s;
    char got[96];
    if (!cJSON_IsObject(root)) {
        scen__err(L, "a scenario must be a JSON object { … }, got %s", desc(root, got, sizeof got));
        return;
    }
    if (get(root, "$defs") && cJSON_IsString(get(root, "$schema")) &&
        strstr(get(root, "$schema")->valuestring, "json-schema.org")) {
        scen__err(L, "this is a JSON Schema (scenarios/schema.json), not a scenario");
        return;
    }
    scen__check_keys(L, root, &scen__places[P_SCENARIO]);
    if (L->presets) {
        for (size_t i = 0; i < NKEYS(presets_required); i++)
            if (!get(root, presets_required[i]))
                scen__err(L, "missing '%s' (an entry without \"base\" in the presets must set every field)",
                          presets_required[i]);
        if (get(root, "teams") || get(root, "projects"))
            scen__err(L, "the presets define no teams or projects");
    }
    const cJSON *v;
    if ((v = get(root, "$schema")) && !cJSON_IsString(v)) {
        size_t m = push(L, "$schema");
        scen__err(L, "must be the schema's address as a string, got %s", desc(v, got, sizeof got));
        pop(L, m);
    }
    if ((v = get(root, "name"))) {
        size_t m = push(L, "name");
        scen__read_name_value(L, v, S->name);
        pop(L, m);
    }
    read_text(L, get(root, "description"), "description", 0, &S->description);
    read_text(L, get(root, "summary"), "summary", SCEN_SUMMARY_MAX, &S->summary);
    /* "uncertain" is read in full by `run` (sweep/sweep_uncertain) and
     * "calibrate" by `calibrate` (sweep/sweep_calib), both by the PARAMS
     * rules; here only their shape, so that validate reports the obvious. */
    check_params_section(L, root, "uncertain", "{\"samples\": S, \"params\": [...]}",
                         "a non-empty list of uncertain fields (as in PARAMS.json)");
    check_params_section(L, root, "calibrate", "{\"params\": [...]}",
                         "a non-empty list of unknown fields with ranges "
                         "({\"path\": \"$...\", \"low\": L, \"high\": H})");
    snprintf(L->basis, sizeof L->basis, "preset");
    scen__read_fields(L, root, &scen__places[P_SCENARIO], S, S, 0);
    if (get(root, "targets") && !L->presets)
        S->targets.has_targets = 1;
    scen__stash st;
    scen__stash_catalog(L, S, &st);
    scen__read_catalog(L, root, C);

    scen__read_product_teams(L, root, C);
    if (!L->presets) {
        scen__read_teams(L, root, C);
        scen__read_services(L, root, S);
        scen__read_projects(L, root, S);
        /* before the plans replace the columns: events name hosting points */
        scen__read_timeline(L, root, S, &st);
        scen__read_plans(L, root, S);
    }
    scen__stash_free(&st);
}

static int load_presets(cat *P, util_diags *d)
{
    scen__cat_init(P);
    int before = util_diags_count(d);
    cJSON *root = util_json_parse(scen_presets_json, scen_presets_json_len, PRESETS_FILE, d);
    if (!root)
        return -1;
    ld L;
    memset(&L, 0, sizeof L);
    L.file = PRESETS_FILE;
    L.d = d;
    L.presets = 1;
    util_path_init(&L.p);
    apply(&L, root, P);
    cJSON_Delete(root);
    if (util_diags_count(d) != before || L.oom) {
        org_scenario_destroy(&P->s);
        scen__cat_free_policies(P);
        return -1;
    }
    return 0;
}

int scen_load_text_ex(const char *text, size_t len, const char *display_name,
                      org_scenario *out, scen_overrides *ov, util_diags *d)
{
    memset(out, 0, sizeof *out);
    const char *file = display_name ? display_name : "<input>";
    int before = util_diags_count(d);
    cat P, C;
    if (load_presets(&P, d) != 0) {
        util_diags_at(d, file, "$", "internal error: the built-in presets do not load (see above)");
        return -1;
    }
    cJSON *root = util_json_parse(text, len, file, d);
    if (!root) {
        org_scenario_destroy(&P.s);
        scen__cat_free_policies(&P);
        return -1;
    }
    ld L;
    memset(&L, 0, sizeof L);
    L.file = file;
    L.d = d;
    L.ov = ov;
    L.preset = &P.s;
    L.note = ov != NULL;
    util_path_init(&L.p);
    snprintf(L.basis, sizeof L.basis, "preset");
    if (scen__cat_copy(&L, &C, &P) == 0) {
        default_name(file, C.s.name);
        apply(&L, root, &C);
        if (util_diags_count(d) == before && !L.oom)
            scen__cross_checks(&L, root, &C);
    }
    cJSON_Delete(root);
    org_scenario_destroy(&P.s);
    scen__cat_free_policies(&P);
    scen__cat_free_policies(&C);
    if (util_diags_count(d) != before || L.oom) {
        if (util_diags_count(d) == before)
            util_diags_at(d, file, "$", "out of memory");
        org_scenario_destroy(&C.s);
        if (ov) {
            scen_overrides_free(ov);
            scen_overrides_init(ov);
        }
        return -1;
    }
    *out = C.s;
    return 0;
}

int scen_load_text(const char *text, size_t len, const char *display_name, org_scenario *out, util_diags *d)
{
    return scen_load_text_ex(text, len, display_name, out, NULL, d);
}

int scen_load_presets(org_scenario *out, util_diags *d)
{
    return scen_load_text("{}", 2, "presets", out, d);
}

char *scen_read_file(const char *path, size_t *len, util_diags *d)
{
    int fd;
    int is_stdin = strcmp(path, "-") == 0;
    const char *shown = is_stdin ? "<stdin>" : path;
    if (len)
        *len = 0;
    if (is_stdin) {
        fd = 0;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "cannot open: %s", strerror(errno));
            return NULL;
        }
        if (S_ISDIR(st.st_mode)) {
            util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is a directory, not a scenario file "
                           "(to check every scenario in it: devopsim validate %s/*.json)", path);
            return NULL;
        }
        if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
            util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is not a regular file");
            return NULL;
        }
        if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > UTIL_JSON_MAX_BYTES) {
            util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is too large (%llu bytes; the limit is %zu MiB — "
                           "a scenario is a few KiB)", (unsigned long long)st.st_size, UTIL_JSON_MAX_BYTES >> 20);
            return NULL;
        }
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "cannot open: %s", strerror(errno));
            return NULL;
        }
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        if (!is_stdin)
            close(fd);
        util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "out of memory");
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            if (cap > UTIL_JSON_MAX_BYTES) {
                util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is too large (more than %zu MiB — a scenario "
                               "is a few KiB)", UTIL_JSON_MAX_BYTES >> 20);
                free(buf);
                if (!is_stdin)
                    close(fd);
                return NULL;
            }
            size_t ncap = cap * 2;
            if (ncap > UTIL_JSON_MAX_BYTES + 1)
                ncap = UTIL_JSON_MAX_BYTES + 1;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                if (!is_stdin)
                    close(fd);
                util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "out of memory");
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "cannot read: %s", strerror(errno));
            free(buf);
            if (!is_stdin)
                close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (!is_stdin)
        close(fd);
    if (n > UTIL_JSON_MAX_BYTES) {
        util_diags_add(d, shown, 0, 0, NULL, NULL, 0, "is too large (more than %zu MiB — a scenario is a few KiB)",
                       UTIL_JSON_MAX_BYTES >> 20);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int scen_load_file(const char *path, org_scenario *out, util_diags *d)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = scen_read_file(path, &len, d);
    if (!text)
        return -1;
    int rc = scen_load_text(text, len, strcmp(path, "-") == 0 ? "<stdin>" : path, out, d);
    free(text);
    return rc;
}
