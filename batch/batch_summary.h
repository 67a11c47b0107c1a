/* batch_summary — the summary across a batch's scenarios: OUT/summary.csv
 * and the lead-time chart comparing them. */
#ifndef BATCH_SUMMARY_H
#define BATCH_SUMMARY_H

#include "models/org_sim.h"

typedef struct batch_done_scen {
    const char *dir;            /* OUT/<name> */
    const org_scenario *s;
} batch_done_scen;

/* Writes OUT/summary.csv (every scenario's summary.csv rows under one
 * header, in the order given) and the comparison chart across scenarios:
 * lead_time_p85.{csv,png,svg,pdf}. 0 or -1 (message printed). */
int batch_summary_write(const char *out, const batch_done_scen *sc, int n);

#endif
