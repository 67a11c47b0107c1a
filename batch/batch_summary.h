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

/* The same, calling probe (when not NULL) after each scenario's panel is
 * drawn on a w × h page (PNG, SVG and PDF each draw every page): panel index
 * i (the scenario's), the panel's origin (x0, y0) on the page, its chart
 * spec and the layout it was drawn with, in the panel's coordinates — so a
 * test can find bars, marks and axes in the written PNG. */
struct plot_chart;
struct plot_layout;
typedef void (*batch_summary_probe_fn)(void *ctx, int i, double w, double h, double x0, double y0,
                                       const struct plot_chart *c, const struct plot_layout *L);
int batch_summary_write_probed(const char *out, const batch_done_scen *sc, int n, batch_summary_probe_fn probe,
                               void *probe_ctx);

#endif
