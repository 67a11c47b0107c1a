/* charts_int — shared between charts.c (the charts) and charts_deck.c (the
 * deck's other pages): the deck's pages (labels: charts_label.h).
 * Internal to report/. */
#ifndef CHARTS_INT_H
#define CHARTS_INT_H

#include <stddef.h>
#include "report/charts_data.h"
#include "report/charts_label.h"
#include "plots/plot.h"
#include "plots/plot_out.h"

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
