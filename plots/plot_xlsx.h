/* plot_xlsx — writes tables as an Excel workbook (Office Open XML
 * SpreadsheetML, through libxlsxwriter): one sheet per table with a bold,
 * frozen header row (say units and currency there: "Cost (EUR/year)"),
 * numbers as numeric cells with an optional Excel number format, text as
 * string cells, and native Excel column charts drawn from table columns.
 *
 * Text is never a formula: every text cell is written as a string, so a
 * hostile name such as "=HYPERLINK(...)" or "+1-2" or "@SUM(A1)" stays the
 * literal text (OWASP's CSV-injection rule for cells starting with = + - @,
 * tab or CR). Non-finite numbers (NaN, ±inf) are left blank: a workbook
 * cannot hold them.
 *
 * Reproducible: the document dates come from the caller (plot_export_epoch
 * in plot_out.h gives SOURCE_DATE_EPOCH or a fixed date) and libxlsxwriter
 * gives every zip entry the same fixed timestamp, so equal input gives equal
 * bytes. libxlsxwriter 1.1.4 has no custom error bars (only fixed, percentage,
 * standard error and standard deviation), so interval bounds belong in table
 * columns next to the value, not on the chart.
 *
 * Errors: 0 or a negative PLOT_E* status, with a one-line message naming the
 * file (and sheet) in err[err_len] when err is not NULL. The file is written
 * to a temporary in the same directory and renamed over path. */
#ifndef PLOT_XLSX_H
#define PLOT_XLSX_H

#include <stddef.h>

typedef enum plot_xlsx_kind {
    PLOT_XLSX_EMPTY = 0,
    PLOT_XLSX_NUMBER,
    PLOT_XLSX_TEXT
} plot_xlsx_kind;

typedef struct plot_xlsx_cell {
    plot_xlsx_kind kind;
    double number;    /* PLOT_XLSX_NUMBER */
    const char *text; /* PLOT_XLSX_TEXT: UTF-8, anything (NULL = empty) */
} plot_xlsx_cell;

/* One sheet: a header row and n_rows rows of n_cols cells. */
typedef struct plot_xlsx_table {
    const char *name;              /* sheet name: 1-31 characters, none of []:*?/\,
                                      not starting or ending with ', unique */
    size_t n_rows, n_cols;         /* n_cols in 1..1000 */
    const char *const *header;     /* n_cols texts */
    const char *const *num_format; /* n_cols Excel number formats ("#,##0.0", "0%",
                                      from plot_money_excel_format); NULL or a NULL
                                      entry = General */
    const plot_xlsx_cell *cells;   /* n_rows * n_cols, row by row */
} plot_xlsx_table;

/* A clustered column chart placed on its table's sheet, right of the data
 * (several charts on one sheet stack downwards). Series are table columns,
 * named by their headers; categories are another column's cells. */
typedef struct plot_xlsx_chart {
    const char *title;        /* may be NULL */
    const char *x_title;      /* may be NULL */
    const char *y_title;      /* may be NULL; say the unit */
    size_t table;             /* index into the tables */
    size_t category_col;      /* column of the category labels */
    const size_t *value_cols; /* n_series numeric columns */
    size_t n_series;          /* 1..32 */
} plot_xlsx_chart;

typedef struct plot_xlsx_info {
    const char *title;   /* document properties; may be NULL */
    const char *author;
    const char *comments;
    long long epoch_s;   /* document dates (plot_export_epoch) */
} plot_xlsx_info;

int plot_xlsx_write(const char *path, const plot_xlsx_info *info, const plot_xlsx_table *tables,
                    size_t n_tables, const plot_xlsx_chart *charts, size_t n_charts, char *err,
                    size_t err_len);

#endif
