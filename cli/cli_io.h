/* cli_io — files the command layer writes: atomic writes (a temporary file
 * renamed into place, so no half-written result is ever left), directory
 * creation, the scenario hash and the provenance date. */
#ifndef CLI_IO_H
#define CLI_IO_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

typedef struct cli_file {
    FILE *fp;
    char *path;       /* final path (owned) */
    char *tmp;        /* temporary path (owned) */
} cli_file;

/* Opens DIR/NAME for writing through a temporary file in DIR. 0, or -1
 * with errno set (and a message printed). */
int cli_file_open(cli_file *f, const char *dir, const char *name);
/* Flushes, syncs and renames into place; 0 or -1 (message printed). Always
 * releases f. */
int cli_file_commit(cli_file *f);
/* Removes the temporary file and releases f. */
void cli_file_abort(cli_file *f);

/* Writes len bytes atomically to DIR/NAME. 0 or -1 (message printed). */
int cli_write_atomic(const char *dir, const char *name, const void *data, size_t len);

struct cJSON;
/* Prints root (cJSON's formatted form plus a final newline) atomically to
 * DIR/NAME and deletes root (also on failure; root may be NULL, which is an
 * out-of-memory failure). 0 or -1 (message printed). */
int cli_write_json(const char *dir, const char *name, struct cJSON *root);

/* mkdir -p; 0 or -1 (message printed). */
int cli_mkdir_p(const char *path);

/* Reads a whole file; caller frees. NULL on failure (errno set). */
char *cli_read_file(const char *path, size_t *len);

/* 64-bit FNV-1a of data, as 16 hex digits into out[17]. */
void cli_hash_hex(const void *data, size_t len, char out[17]);
uint64_t cli_hash64(const void *data, size_t len, uint64_t h);

/* The run date: SOURCE_DATE_EPOCH when set, else now; ISO 8601 UTC into out. */
void cli_date_iso(char *out, size_t size);

/* Joins dir and name into a new string; caller frees. */
char *cli_path_join(const char *dir, const char *name);

#endif
