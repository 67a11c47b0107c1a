/* scen_json — reading JSON for scenario files: a list of diagnostics that
 * carry where (file and line:column, or file and JSON path), a strict syntax
 * check with precise positions in front of cJSON, JSON paths, plain-words
 * descriptions of values, and "did you mean" suggestions. */
#ifndef SCEN_JSON_H
#define SCEN_JSON_H

#include <stddef.h>
#include <stdio.h>
#include <cJSON.h>

/* Input limits that protect the machine. */
#define SCEN_JSON_MAX_BYTES ((size_t)16 << 20)   /* 16 MiB */
#define SCEN_JSON_MAX_DEPTH 64                   /* nested objects/arrays */
#define SCEN_JSON_MAX_VALUES 1000000             /* values in one document (memory) */
#define SCEN_DIAGS_MAX 50                        /* problems stored per list */

/* One problem. Either line/col (syntax: 1-based, col counts characters) or a
 * JSON path (semantic), or neither (file-level: missing, unreadable...). */
typedef struct scen_diag {
    char *file;         /* display name */
    int line, col;      /* 0 when not a position */
    char *path;         /* "$.teams[2].size", or NULL */
    char *message;
    char *excerpt;      /* syntax errors: the offending line (clipped), else NULL */
    int caret;          /* characters before the caret within excerpt */
} scen_diag;

/* A list of problems; keeps the first SCEN_DIAGS_MAX and counts the rest.
 * Owns every string in it; scen_diags_free releases them. */
typedef struct scen_diags {
    scen_diag *items;
    int n;              /* stored */
    int alloc;
    int more;           /* problems found beyond the cap (counted only) */
} scen_diags;

void scen_diags_init(scen_diags *d);
void scen_diags_free(scen_diags *d);
/* Empties the list (keeps it usable). */
void scen_diags_clear(scen_diags *d);
/* All problems found: stored plus counted. */
int scen_diags_count(const scen_diags *d);
/* Adds a problem (printf-style message). path, excerpt may be NULL. */
void scen_diags_add(scen_diags *d, const char *file, int line, int col,
                    const char *path, const char *excerpt, int caret,
                    const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/* Adds a problem at a JSON path: "devopsim: FILE: PATH: message". */
void scen_diags_at(scen_diags *d, const char *file, const char *path,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Prints every problem as "devopsim: FILE:LINE:COL: message" (with the line
 * and a caret) or "devopsim: FILE: PATH: message", then "… and N more".
 * Returns the number of problems (scen_diags_count). */
int scen_diags_print(const scen_diags *d, FILE *f);
/* The message of the first stored problem, or "" (handy in tests). */
const char *scen_diags_first(const scen_diags *d);
/* 1 when some stored problem's "path: message" contains needle. */
int scen_diags_contains(const scen_diags *d, const char *needle);

/* A JSON path being walked, e.g. "$.teams[2].size". Push returns a mark for pop. */
#define SCEN_PATH_MAX 2048
typedef struct scen_path {
    char buf[SCEN_PATH_MAX];
    size_t len;
} scen_path;

void scen_path_init(scen_path *p);
size_t scen_path_key(scen_path *p, const char *key);
size_t scen_path_index(scen_path *p, int index);
void scen_path_pop(scen_path *p, size_t mark);

/* Checks text (len bytes, need not be NUL-terminated) — size, UTF-8, no NUL
 * bytes, strict JSON syntax, nesting depth, numbers in range — and parses it
 * with cJSON. Returns the tree (release with cJSON_Delete), or NULL with one
 * positioned problem added to d. A leading UTF-8 byte-order mark is skipped. */
cJSON *scen_json_parse(const char *text, size_t len, const char *file, scen_diags *d);

/* Levenshtein distance between a and b (bytes), or cap+1 when above cap. */
size_t scen_edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to word when close enough to be a likely typo
 * (case differences count as near), else NULL. Returns a pointer into cands. */
const char *scen_suggest(const char *word, const char *const *cands, size_t n);

/* Describes a value for a message: -3, "abc", true, null, an object, an array
 * (strings clipped and control characters escaped). Writes into buf. */
const char *scen_json_describe(const cJSON *v, char *buf, size_t size);
/* A user string made safe to print: quoted, escaped, clipped. Writes into buf. */
const char *scen_json_quote(const char *s, char *buf, size_t size);

/* 1 when text (len bytes) is a JSON Schema document rather than a scenario:
 * a JSON object whose top-level "$schema" names json-schema.org (the rule
 * `batch` uses to pass over scenarios/schema.json), else 0. */
int scen_json_is_schema(const char *text, size_t len);

/* Reports, at path p, every key of object obj that is not in keys[0..n)
 * ("unknown key 'x'; did you mean 'y'?") and every key that appears twice.
 * Returns the number of problems added. */
int scen_json_check_keys(const cJSON *obj, const char *const *keys, size_t n,
                         const char *file, scen_path *p, scen_diags *d);

#endif
