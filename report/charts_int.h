/* charts_int — shared between charts.c (the charts) and charts_deck.c (the
 * deck's other pages): the label helpers and a small string builder.
 * Internal to the command layer. */
#ifndef CHARTS_INT_H
#define CHARTS_INT_H

#include <stddef.h>
#include "report/charts_data.h"
#include "plots/plot.h"
#include "plots/plot_out.h"

/* A growing string (NUL-terminated); err set when memory ran out. */
typedef struct charts_buf {
    char *s;
    size_t n, cap;
    int err;
} charts_buf;

void charts_buf_add(charts_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A CSV field: quoted when it holds a comma, quote or newline. */
void charts_buf_field(charts_buf *b, const char *s);
/* A number for CSV: %.10g, empty for NAN. */
void charts_buf_num(charts_buf *b, double v);
void charts_buf_free(charts_buf *b);

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
