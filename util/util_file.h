/* util_file — files: atomic writes (a temporary "NAME.tmp.PID.N" next to the
 * target, synced, then renamed into place, so no half-written file is ever
 * left under the final name), bounded whole-file reads, mkdir -p, path
 * joining and the run date.
 *
 * Two flavours of error report: the functions of the util_file_* /
 * util_write_* family print "devopsim: PATH: cannot write: reason" through
 * util_error; util_write_file_atomic and util_read_* print nothing and
 * return an errno value, for callers with their own error channel (plots/). */
#ifndef UTIL_FILE_H
#define UTIL_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

/* The default bound of a whole-file read: 256 MiB. */
#define UTIL_READ_MAX ((size_t)256 << 20)

typedef struct util_file {
    FILE *fp;
    char *path;       /* final path (owned) */
    char *tmp;        /* temporary path (owned) */
} util_file;

/* Opens DIR/NAME for writing through a temporary file in DIR. 0, or -1
 * with errno set (and a message printed). */
int util_file_open(util_file *f, const char *dir, const char *name);
/* Flushes, syncs and renames into place; 0 or -1 (message printed). Always
 * releases f. */
int util_file_commit(util_file *f);
/* Removes the temporary file and releases f. */
void util_file_abort(util_file *f);

/* Writes len bytes atomically to DIR/NAME. 0 or -1 (message printed). */
int util_write_atomic(const char *dir, const char *name, const void *data, size_t len);

/* "PATH.tmp.PID.N": the one name of a temporary next to path, unique among
 * this process's threads; new (caller frees), NULL when memory ran out. */
char *util_tmp_name(const char *path);

/* Writes n bytes atomically to path. 0, or an errno value (nothing printed;
 * the temporary is removed). */
int util_write_file_atomic(const char *path, const void *data, size_t n);

struct cJSON;
/* Prints root (cJSON's formatted form plus a final newline) atomically to
 * DIR/NAME and deletes root (also on failure; root may be NULL, which is an
 * out-of-memory failure). 0 or -1 (message printed). */
int util_write_json(const char *dir, const char *name, struct cJSON *root);

/* mkdir -p; 0 or -1 (message printed). */
int util_mkdir_p(const char *path);

/* Removes path: a file, a symbolic link (not what it points to) or a
 * directory with everything in it (at most 16 levels deep). A missing path
 * is no error. 0, or -1 with errno set (nothing printed). */
int util_rm_tree(const char *path);

/* Reads all of fd (up to max bytes) into a new NUL-terminated buffer the
 * caller frees; *len (may be NULL) gets the size. NULL on failure with errno
 * set: EFBIG when there is more than max, ENOMEM, or read's error. */
char *util_read_fd(int fd, size_t max, size_t *len);
/* util_read_fd on the file at path (opened read-only, closed). */
char *util_read_file(const char *path, size_t max, size_t *len);

struct util_buf;
/* Reads one line of fp (with its newline, if any) into b, replacing what b
 * held; NUL bytes are kept (b->n is the length). 1 with a line, 0 at the
 * end, -1 with errno set: EFBIG when the line is longer than max bytes (what
 * was read so far stays in b), ENOMEM, or the read's error. */
int util_read_line(FILE *fp, struct util_buf *b, size_t max);

/* The run date: SOURCE_DATE_EPOCH when set, else now; ISO 8601 UTC into out. */
void util_date_iso(char *out, size_t size);

/* Joins dir and name into a new string; caller frees. NULL when memory ran out. */
char *util_path_join(const char *dir, const char *name);

#endif
