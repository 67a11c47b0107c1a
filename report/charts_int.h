/* charts_int — shared between charts.c (the charts), charts_cdf.c (the
 * lead-time distribution) and charts_deck.c (the deck's other pages): a chart
 * being built, the deck's pages (labels: charts_label.h). Internal to report/. */
#ifndef CHARTS_INT_H
#define CHARTS_INT_H

#include <stddef.h>
#include "report/charts_data.h"
#include "report/charts_label.h"
#include "plots/plot.h"
#include "plots/plot_out.h"
#include "plots/plot_page.h"
#include "plots/plot_pptx.h"
#include "plots/plot_chart.h"
#include "plots/plot_panels.h"
#include "util/util_buf.h"

/* One chart page of the deck: how to draw it, its title and the numbers it
 * draws (its CSV text: the slide's notes in deck.pptx). */
typedef struct charts_page {
    plot_draw_fn draw;
    const void *ctx;
    const char *title;
    const char *numbers;
} charts_page;

/* The slides of deck.pptx as they are added (report/charts_office.c): chart
 * and table pages as 16:9 pictures, text pages as bullet text, every string
 * and picture owned. Release with charts_slides_free. */
typedef struct charts_slides {
    plot_pptx_slide *s;
    size_t n, cap;
} charts_slides;

/* Where the deck's pages go: deck.pdf and/or deck.pptx (either may be NULL). */
typedef struct charts_sink {
    plot_deck *pdf;
    charts_slides *pptx;
    size_t pages;        /* pages added */
    size_t cut_pages;    /* text pages whose text did not fit whole on a deck page (cut with "…") */
} charts_sink;

/* The size of a deck page (points): the PDF page; pptx pictures have its shape. */
#define CHARTS_PAGE_W 960.0
#define CHARTS_PAGE_H 540.0

/* Adds one page to every output of sink. text: the page when it is a text
 * page (a text slide in the pptx), else NULL (a picture of draw). title and
 * notes go on the slide (notes may be NULL). 0 or a PLOT_E* status. */
int charts_sink_page(charts_sink *sink, plot_draw_fn draw, const void *ctx, const plot_text_page *text,
                     const char *title, const char *notes, char *err, size_t err_len);

void charts_slides_free(charts_slides *sl);

/* Writes deck.pptx of the slides into dir (atomically). 0 or a PLOT_E* status. */
int charts_pptx_write(const charts_slides *sl, const charts_data *d, const char *path, char *err,
                      size_t err_len);

/* Writes results.xlsx (summary, lead time, staffing and cost sheets with
 * native charts of lead time and cost) to path. 0 or a PLOT_E* status. */
int charts_xlsx_write(const charts_data *d, const char *path, char *err, size_t err_len);

/* One chart of d built and drawn alone, for tests: chart id (hosting point
 * h for time_split and lead_time_cdf), exactly as charts_write draws it.
 * charts_one_chart gives its spec (panel 0 or 1 of the staffing panels),
 * charts_one_panels the panels (NULL for a single chart), charts_one_csv the
 * numbers it draws. NULL when memory ran out. Free with charts_one_free. */
typedef struct charts_one charts_one;
charts_one *charts_one_new(const charts_data *d, int id, int h);
int charts_one_draw(cairo_t *cr, double w, double h, const charts_one *o);
const plot_chart *charts_one_chart(const charts_one *o, int panel);
const plot_panels *charts_one_panels(const charts_one *o);
const char *charts_one_csv(const charts_one *o);
void charts_one_free(charts_one *o);

/* Rows of the key-numbers table per deck page for n_hostings hosting points
 * (whole models on a page when they fit). */
size_t charts_table_rows_per_page(int n_hostings);

/* Adds to deck, in order: the title page, the chart pages, the key-numbers
 * table (charts_table_rows_per_page rows a page), the assumptions page and, when any result
 * has one, the validity warnings. 0 or a PLOT_E* status (message in err). */
int charts_deck_pages(charts_sink *deck, const charts_data *d, const charts_page *pages, int n_pages,
                      char *err, size_t err_len);

/* Adds text page t to deck on as many pages as its blocks need so that no
 * text is cut (plot_text_page_fits on a deck page): a page never ends on a
 * heading, a page that starts inside a group repeats its heading
 * "(continued)", titles are numbered "(k of n)" when there is more than one
 * (t->caption goes on each and into the notes). A single block too long for
 * a page goes alone (and is cut there). 0 or a PLOT_E* status. */
int charts__text_pages(charts_sink *deck, const plot_text_page *t, char *err, size_t err_len);

/* The '\n'-terminated lines of text (cut in place) as blocks[cap]: "# " a
 * heading, "> " a paragraph, "- " or anything else a bullet (the prefixes
 * are dropped). The number of blocks. */
size_t charts__text_blocks(char *text, plot_text_block *blocks, size_t cap);

/* ---- one chart being built: its spec, its storage, its CSV (charts.c) ---- */

/* Beyond these, charts show the first ones and say so (tables list all). */
#define MAX_MODELS_SHOWN 8
#define MAX_HOSTINGS_SHOWN 24

/* One chart: its spec, the storage the spec points into, its CSV and its
 * rendered bytes. */
typedef struct built {
    int id;
    plot_draw_fn draw;
    const void *ctx;
    plot_chart chart;
    plot_series series[PLOT_MAX_SERIES];
    /* two-panel staffing */
    plot_panels panels;
    plot_chart panel[2];
    plot_series pseries[2][PLOT_MAX_SERIES];
    plot_series legend[PLOT_MAX_SERIES];
    const char *headings[2];
    /* lead_time: mean marks per series, [n_series * n_categories] */
    const double *marks;
    unsigned char warn_f[MAX_MODELS_SHOWN * MAX_HOSTINGS_SHOWN];  /* validity warnings, [model * nh + hosting] */
    unsigned char unst_f[MAX_MODELS_SHOWN * MAX_HOSTINGS_SHOWN];  /* unstable, the same */
    int any_warn;
    /* lead_time: unstable designs, drawn as a hatched marker at the axis top, never a bar */
    const char *unstable[MAX_MODELS_SHOWN][MAX_HOSTINGS_SHOWN];  /* reason or NULL */
    int any_unstable;
    /* lead_time_cdf: share of features unfinished per series (0: all finished) */
    double partial[MAX_MODELS_SHOWN];
    int any_partial;
    /* staffing: the scenario's sizes ("today") per panel, and value labels */
    double today[2];
    char today_label[2][64];
    double *num;                 /* every value array (owned) */
    const char *cats[PLOT_MAX_CATEGORIES];
    const char *groups[PLOT_MAX_CATEGORIES];
    char cat_text[PLOT_MAX_CATEGORIES][96];
    char title[256], subtitle[320], caption[1024];
    util_buf csv;
    /* rendered */
    unsigned char *out[3];
    size_t out_len[3];
    int status;
    char err[512];
} built;

/* Models shown (the first ones, up to MAX_MODELS_SHOWN). */
int charts__shown_models(const charts_data *d);
/* " Showing the first 8 of 12 models." (and hosting points when
 * hostings_matter) into buf when some are left out, else "". */
void charts__left_out_note(const charts_data *d, int hostings_matter, char *buf, size_t n);
/* n doubles (NAN) owned by b; NULL when memory ran out. */
double *charts__alloc_num(built *b, size_t n);
/* "IaaS" for a preset hosting point, "hosting point ‘x’" (in buf) for others. */
const char *charts__at_hosting(const char *name, char *buf, size_t n);

/* Bytes of a deck table cell's text, and the key numbers' columns: model,
 * hosting, p85 lead time, the four DORA figures with their bands, bus
 * factor, non-product FTE. */
#define CHARTS_DECK_CELL 48
#define CHARTS_KEY_COLS 9
/* Row (m, h) of the key numbers (charts_deck.c): the cells' text ("0.98 ·
 * medium~": a band whose figure's 95% interval reaches into another) and
 * the band fills. Bit 0 of the result: restore time in calendar hours;
 * bit 1: an unstable design (no band, p85 "≥"); bit 2: a band marked unsure;
 * bit 3: the lead time for changes in calendar days (the calendar clock). */
int charts__key_numbers_row(const charts_data *d, int m, int h, char (*text)[CHARTS_DECK_CELL], uint32_t *fill);

/* A bar's team size in people, " (N)", or " (a → b)" when the run changes it
 * (teams starting later, the timeline's hires and moves, and the hiring
 * rule's hires in cell c: their mean over the replications, " (0 → 2.4)",
 * or " (0 → up to 3)" when c has no count of them): product teams
 * (product != 0) or the central team; "" when unknown. 0: the size does not
 * change; 1: it does; 3: "up to"; 5: with the rule's mean hires. */
int charts__team_size_label(const charts_data *d, const charts_cell *c, int product, char *buf, size_t n);
/* The time split's name for model m's central team: its name, capitalised,
 * and when the timeline switches the model to one whose central team is
 * another, "→ " that one ("DevOps team → platform team"). 1 when so renamed. */
int charts__central_bar_name(const charts_data *d, int m, char *buf, size_t n);
/* Draws b's chart, then marks(cr, b, L) over it with the chart's layout. */
int charts__chart_then(cairo_t *cr, double w, double h, const built *b,
                       void (*marks)(cairo_t *cr, const built *b, const plot_layout *L));
/* A value label of a lines panel: its series, category, text and box. */
typedef struct charts_vlabel {
    size_t series, cat;
    char text[32];
    charts_box box;
} charts_vlabel;

/* The value labels of lines chart c laid out as L (the staffing panels):
 * each finite value rounded, in a box clear of every line segment, the
 * reference line, every marker and every other label where there is room
 * (charts_label_place). Sets cr's font. Their count (at most max; 0 when
 * memory ran out). */
size_t charts__value_labels(cairo_t *cr, const plot_chart *c, const plot_layout *L, charts_vlabel *out, size_t max);

/* Builds the lead-time distribution at hosting point h into b (charts_cdf.c).
 * 0 or -1 (out of memory). */
int charts__build_lead_time_cdf(built *b, const charts_data *d, const uint32_t *colour, int h);

#endif
