/* charts_transition — the deck's transition pages, when the run had a
 * timeline: the transition chart (features delivered per week, with the
 * timeline and staying put, 95% bands, ★ on the periods with an event)
 * redrawn from charts/transition.csv, the payback chart (features delivered
 * so far, timeline minus staying put) from charts/payback.csv, and the
 * payback of each design from payback.csv in the sentences the terminal
 * report prints (dip, when it catches up and pays back, with intervals, or
 * "not within the horizon").
 * Internal to report/ (charts_deck.c calls it). */
#ifndef CHARTS_TRANSITION_H
#define CHARTS_TRANSITION_H

#include <stddef.h>
#include "report/charts_int.h"
#include "util/util_buf.h"

/* Adds the transition chart page, the payback chart page and the payback
 * sentences' page(s) to deck when d holds transition_csv (and
 * payback_chart_csv, payback_csv); nothing otherwise, or (with a note
 * on stderr) when a file does not fit these results. 0 or a PLOT_E* status. */
int charts_transition_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len);

/* charts/transition.{png,svg,pdf} and charts/payback.{png,svg,pdf}, with
 * their CSVs, into dir from d's transition_csv and payback_chart_csv (the
 * files `run` wrote beside the results), the formats asked (CHARTS_FMT_*):
 * `devopsim plot` redraws them as `run` drew them. Nothing without the
 * files; a file that does not fit these results: a note, no chart. 0, or
 * -1 (message printed) when a file cannot be written. */
int charts_transition_write(const charts_data *d, const char *dir, unsigned formats);

/* The payback sentences of payback.csv text, one bullet line per design
 * ("DevOps team at IaaS: behind by up to 2.3 features (week 70); …\n"),
 * appended to out. The number of designs, or -1 with the reason in why when
 * the text is not a payback.csv of these results. */
int charts_transition_payback(const charts_data *d, const char *csv, util_buf *out, char *why, size_t why_len);

#endif
