/* charts — the charts of a run and its deck, drawn from results.json: lead
 * time, bus factor, staffing, where the time goes and the lead-time
 * distribution, each as PNG (1600 x 900), SVG and PDF with a CSV of exactly
 * the numbers drawn, and deck.pdf (title page, the charts, key numbers with
 * DORA bands, assumptions, validity warnings). `run` and `plot` share this
 * one code path: both read the results file. Same results ⇒ same bytes
 * (deck.pdf carries the run date; see docs/charts.md). */
#ifndef CHARTS_H
#define CHARTS_H

#include <stdint.h>
#include <cJSON.h>

enum {
    CHARTS_LEAD_TIME = 0,
    CHARTS_BUS_FACTOR,
    CHARTS_STAFFING,
    CHARTS_TIME_SPLIT,
    CHARTS_LEAD_TIME_CDF,
    CHARTS_N
};

#define CHARTS_FMT_PNG 1u
#define CHARTS_FMT_SVG 2u
#define CHARTS_FMT_PDF 4u
#define CHARTS_FMT_PPTX 8u   /* deck.pptx: the deck as PowerPoint slides */
#define CHARTS_FMT_XLSX 16u  /* results.xlsx: summary, lead time, staffing and cost sheets */
#define CHARTS_FMT_ALL 7u    /* the default: png, svg, pdf */

/* Status: 0 ok; CHARTS_EINPUT for bad input (a bad results or staffing file,
 * an unknown hosting point): exit 2; CHARTS_EFAIL for anything else (could
 * not write, out of memory): exit 1. Messages are printed. */
enum { CHARTS_OK = 0, CHARTS_EFAIL = -1, CHARTS_EINPUT = -2 };

typedef struct charts_opts {
    unsigned formats;           /* CHARTS_FMT_* bits; 0 = all. deck.pdf comes with PDF */
    unsigned only;              /* bits 1u << CHARTS_*; 0 = every chart */
    const char *cdf_hosting;    /* hosting point of lead_time_cdf; NULL = middle of the continuum */
    const char *split_hosting;  /* hosting point of time_split; NULL = middle of the continuum */
    int jobs;                   /* drawing threads (<= 1: one); output does not depend on it */
    int transition;             /* also the transition and payback charts, from the CSVs `run` wrote
                                   beside the results (`plot`; `run` draws them from the experiment) */
} charts_opts;

/* Chart names as in file names and --only: "lead_time", … */
const char *charts_name(int chart);

/* Parses "png,svg,pdf,pptx,xlsx" (any order, no repeats needed) into CHARTS_FMT_* bits.
 * 0, or -1 with a message naming opt. */
int charts_parse_formats(const char *opt, const char *list, unsigned *out);
/* Parses "lead_time,staffing,…" into 1u << CHARTS_* bits. 0 or -1 (message). */
int charts_parse_only(const char *opt, const char *list, unsigned *out);

/* Draws every selected chart (and deck.pdf when PDF is selected) from the
 * results tree into dir (created). results_path names the file in messages;
 * staffing.json or staffing.csv and provenance.json are looked for beside it
 * (NULL: none). Everything is checked and rendered before anything is
 * written: a bad file leaves dir untouched. */
int charts_write_tree(const cJSON *results, const char *results_path, const char *dir,
                      const charts_opts *o);

/* The same from the results file at results_path. */
int charts_write(const char *results_path, const char *dir, const charts_opts *o);

/* Labels and colours: report/charts_label.h. */

#endif
