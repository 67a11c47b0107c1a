/* charts_int — shared between charts.c (the charts) and charts_deck.c (the
 * deck's other pages): the label helpers and the CSV field writers.
 * Internal to the command layer. */
#ifndef CHARTS_INT_H
#define CHARTS_INT_H

#include <stddef.h>
#include "report/charts_data.h"
#include "plots/plot.h"
#include "plots/plot_out.h"
#include "util/util_buf.h"

/* A CSV field into b: quoted when it holds a comma, quote or newline. */
void charts_csv_field(util_buf *b, const char *s);
/* A number for CSV into b: %.10g, nothing for NAN. */
void charts_csv_num(util_buf *b, double v);

/* The subtitle every chart and page carries: scenario, replications, seed. */
void charts_subtitle(const charts_data *d, char *buf, size_t n);

/* A number for people: about three significant digits, locale-free. */
const char *charts_fmt(double v, char *buf, size_t n);

/* One chart page of the deck. */
typedef struct charts_page {
    plot_draw_fn draw;
    const void *ctx;
} charts_page;

/* Rows of the key-numbers table per deck page for n_hostings hosting points
 * (whole models on a page when they fit). */
size_t charts_table_rows_per_page(int n_hostings);

/* Adds to deck, in order: the title page, the chart pages, the key-numbers
 * table (charts_table_rows_per_page rows a page), the assumptions page and, when any result
 * has one, the validity warnings. 0 or a PLOT_E* status (message in err). */
int charts_deck_pages(plot_deck *deck, const charts_data *d, const charts_page *pages, int n_pages,
                      char *err, size_t err_len);

#endif
