/* batch_outdir — the batch's output directory itself: the lock that keeps
 * two batches apart, temporaries left by killed runs, and the names the
 * batch keeps for its own files. */
#ifndef BATCH_OUTDIR_H
#define BATCH_OUTDIR_H

/* Removes temporary files ("NAME.tmp.PID.N") left in dir and its folders
 * (three levels) by processes that no longer run; returns how many. */
int batch_clean_temps(const char *dir);

/* Takes an exclusive lock on the directory dir itself (flock on its
 * descriptor; no file is created), so that two runs, or a run and a batch,
 * never write into the same directory at once. Returns the descriptor, or
 * -1 (message printed) when another process holds it or dir cannot be
 * opened. The lock ends with the process. */
int batch_lock_dir(const char *dir);

/* batch_lock_dir, then an exclusive lock on dir/.lock so that two batches
 * never write into the same directory at once (also batches of versions
 * that knew only this lock). Returns the lock's descriptor, or -1 (message
 * printed) when another batch holds it. The lock ends with the process. */
int batch_lock(const char *dir);

/* 1 when name is a file the batch writes at the top of OUT itself. */
int batch_reserved_name(const char *name);

/* The process id in a temporary file name "NAME.tmp.PID.N" (util_file's
 * form), or 0 when name is not one. */
long batch_temp_pid(const char *name);

#endif
