/* sweep_calib_out — a finished calibration's files, computing nothing:
 * calibrated.json (the scenario with the fitted values), calibration.txt
 * (the report `calibrate` also prints), calibration.json and
 * calibration.csv (observed against simulated with CIs for every figure,
 * the fitted values with their uncertainty, the verdict). docs/calibrate.md
 * describes every field.
 *
 * Ownership: the caller's util_buf receives the text; nothing else kept. */
#ifndef SWEEP_CALIB_OUT_H
#define SWEEP_CALIB_OUT_H

#include "sweep/sweep_calib.h"
#include "util/util_buf.h"

/* Appends the readable report (calibration.txt) to b. */
void sweep_calib_text(const sweep_calib_result *r, const char *scen_file, const char *obs_file, util_buf *b);

/* Writes the four files into dir (created), each atomically. 0 or -1
 * (message printed). */
int sweep_calib_write(const sweep_calib_result *r, const char *dir, const char *scen_file,
                      const char *obs_file);

#endif
