/* util_json — reading JSON files people write (scenarios, results, sweep
 * parameters, observations): a list of diagnostics that
 * carry where (file and line:column, or file and JSON path), a strict syntax
 * check with precise positions in front of cJSON, JSON paths, plain-words
 * descriptions of values, and "did you mean" suggestions. */
#ifndef UTIL_JSON_H
#define UTIL_JSON_H

#include <stddef.h>
#include <stdio.h>
#include <cJSON.h>

/* Input limits that protect the machine. */
#define UTIL_JSON_MAX_BYTES ((size_t)16 << 20)   /* 16 MiB */
#define UTIL_JSON_MAX_DEPTH 64                   /* nested objects/arrays */
#define UTIL_JSON_MAX_VALUES 1000000             /* values in one document (memory) */
#define UTIL_DIAGS_MAX 50                        /* problems stored per list */

/* One problem. Either line/col (syntax: 1-based, col counts characters) or a
 * JSON path (semantic), or neither (file-level: missing, unreadable...). */
typedef struct util_diag {
    char *file;         /* display name */
    int line, col;      /* 0 when not a position */
    char *path;         /* "$.teams[2].size", or NULL */
    char *message;
    char *excerpt;      /* syntax errors: the offending line (clipped), else NULL */
    int caret;          /* characters before the caret within excerpt */
} util_diag;

/* A list of problems; keeps the first UTIL_DIAGS_MAX and counts the rest.
 * Owns every string in it; util_diags_free releases them. */
typedef struct util_diags {
    util_diag *items;
    int n;              /* stored */
    int alloc;
    int more;           /* problems found beyond the cap (counted only) */
} util_diags;

void util_diags_init(util_diags *d);
void util_diags_free(util_diags *d);
/* Empties the list (keeps it usable). */
void util_diags_clear(util_diags *d);
/* All problems found: stored plus counted. */
int util_diags_count(const util_diags *d);
/* Adds a problem (printf-style message). path, excerpt may be NULL. */
void util_diags_add(util_diags *d, const char *file, int line, int col,
                    const char *path, const char *excerpt, int caret,
                    const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/* Adds a problem at a JSON path: "devopsim: FILE: PATH: message". */
void util_diags_at(util_diags *d, const char *file, const char *path,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Prints every problem as "devopsim: FILE:LINE:COL: message" (with the line
 * and a caret) or "devopsim: FILE: PATH: message", then "… and N more".
 * Returns the number of problems (util_diags_count). */
int util_diags_print(const util_diags *d, FILE *f);
/* The message of the first stored problem, or "" (handy in tests). */
const char *util_diags_first(const util_diags *d);
/* 1 when some stored problem's "path: message" contains needle. */
int util_diags_contains(const util_diags *d, const char *needle);

/* A JSON path being walked, e.g. "$.teams[2].size". Push returns a mark for pop. */
#define UTIL_PATH_MAX 2048
typedef struct util_path {
    char buf[UTIL_PATH_MAX];
    size_t len;
} util_path;

void util_path_init(util_path *p);
size_t util_path_key(util_path *p, const char *key);
size_t util_path_index(util_path *p, int index);
void util_path_pop(util_path *p, size_t mark);

/* Checks text (len bytes, need not be NUL-terminated) — size, UTF-8, no NUL
 * bytes, strict JSON syntax, nesting depth, numbers in range — and parses it
 * with cJSON. Returns the tree (release with cJSON_Delete), or NULL with one
 * positioned problem added to d. A leading UTF-8 byte-order mark is skipped. */
cJSON *util_json_parse(const char *text, size_t len, const char *file, util_diags *d);

/* Levenshtein distance between a and b (bytes), or cap+1 when above cap. */
size_t util_edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to word when close enough to be a likely typo
 * (case differences count as near), else NULL. Returns a pointer into cands. */
const char *util_suggest(const char *word, const char *const *cands, size_t n);

/* Describes a value for a message: -3, "abc", true, null, an object, an array
 * (strings clipped and control characters escaped). Writes into buf. */
const char *util_json_describe(const cJSON *v, char *buf, size_t size);
/* A user string made safe to print: quoted, escaped, clipped. Writes into buf. */
const char *util_json_quote(const char *s, char *buf, size_t size);

/* 1 when text (len bytes) is a JSON Schema document rather than a scenario:
 * a JSON object whose top-level "$schema" names json-schema.org (the rule
 * `batch` uses to pass over scenarios/schema.json), else 0. */
int util_json_is_schema(const char *text, size_t len);

/* Reports, at path p, every key of object obj that is not in keys[0..n)
 * ("unknown key 'x'; did you mean 'y'?") and every key that appears twice.
 * Returns the number of problems added. */
int util_json_check_keys(const cJSON *obj, const char *const *keys, size_t n,
                         const char *file, util_path *p, util_diags *d);

#endif
