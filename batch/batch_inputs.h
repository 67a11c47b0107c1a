/* batch_inputs — the scenario files of a batch: its arguments, directories
 * searched recursively in a fixed order, with what is left out and why.
 * See docs/batch.md. */
#ifndef BATCH_INPUTS_H
#define BATCH_INPUTS_H

#include <stddef.h>

/* The inputs of a batch, in order: each argument that is a file as given;
 * each directory searched recursively for "*.json", entries in byte order of
 * their names, skipping hidden entries, the output directory, JSON Schema
 * documents and files devopsim itself wrote. The same file reached twice is
 * listed once. */
typedef struct batch_input {
    char *path;                 /* owned */
    int missing;                /* 1: the argument does not exist (reported as failed) */
} batch_input;

typedef struct batch_inputs {
    batch_input *v;
    int n, cap;
    int skipped;                /* files left out of directory searches */
} batch_inputs;

/* Collects the inputs named by args (files or directories); out_dir is left
 * out of directory searches. 0, or -1 when memory ran out (message printed).
 * Free with batch_inputs_free. */
int batch_inputs_find(char *const *args, int n_args, const char *out_dir, batch_inputs *in);
void batch_inputs_free(batch_inputs *in);

#endif
