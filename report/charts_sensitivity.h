/* charts_sensitivity — the deck's sensitivity page(s), when the run checked
 * them: which headline comparisons are fragile and to which modelling
 * choices (every perturbation that flips the sign, from robustness.csv),
 * and, with a scenario's "uncertain" inputs, each design's intervals over
 * the input uncertainty (uncertainty.csv) beside the replication-only
 * ones of results.json. Internal to report/ (charts_deck.c calls it). */
#ifndef CHARTS_SENSITIVITY_H
#define CHARTS_SENSITIVITY_H

#include <stddef.h>
#include "report/charts_int.h"
#include "util/util_buf.h"

/* Adds the page(s) to deck when d holds robustness_csv with comparisons or
 * uncertainty_csv; nothing otherwise, or (a note on stderr) for a file that
 * does not fit these results. 0 or a PLOT_E* status. */
int charts_sensitivity_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len);

/* The lines of the page, '\n'-terminated, each starting "# " (a heading),
 * "> " (a paragraph) or "- " (a bullet), appended to out: what the page
 * says, for the page and for tests. The number of lines, or -1 with why. */
int charts_sensitivity_text(const charts_data *d, util_buf *out, char *why, size_t why_len);

#endif
