/* plot_xlsx — Excel workbooks of tables and column charts on libxlsxwriter
 * (see plot_xlsx.h). */
#include "plots/plot_xlsx.h"
#include "plots/plot.h"
#include "plots/plot_out.h"
#include "util/util_file.h"
#include "util/util_msg.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { MAX_COLS = 1000, MAX_SERIES = 32, CHART_ROWS = 18 };

/* Checks the tables and charts before anything is created. */
static int check_input(const plot_xlsx_table *tables, size_t n_tables,
                       const plot_xlsx_chart *charts, size_t n_charts, char *err, size_t err_len)
{
    if (!tables || n_tables == 0) {
        plot_err_set(err, err_len, "xlsx: a workbook needs at least one table");
        return PLOT_EINVAL;
    }
    for (size_t t = 0; t < n_tables; t++) {
        const plot_xlsx_table *tb = &tables[t];
        if (!tb->name || tb->n_cols == 0 || tb->n_cols > MAX_COLS || !tb->header ||
            (tb->n_rows > 0 && !tb->cells) || tb->n_rows > 1000000) {
            plot_err_set(err, err_len, "xlsx: table %zu (%s): needs a name, 1-%d columns with "
                         "headers and at most 1000000 rows", t + 1, tb->name ? tb->name : "?",
                         MAX_COLS);
            return PLOT_EINVAL;
        }
    }
    if (n_charts > 0 && !charts) {
        plot_err_set(err, err_len, "xlsx: charts missing");
        return PLOT_EINVAL;
    }
    for (size_t c = 0; c < n_charts; c++) {
        const plot_xlsx_chart *ch = &charts[c];
        if (ch->table >= n_tables || ch->n_series == 0 || ch->n_series > MAX_SERIES ||
            !ch->value_cols || ch->category_col >= tables[ch->table].n_cols) {
            plot_err_set(err, err_len, "xlsx: chart %zu: needs a table, a category column and "
                         "1-%d series", c + 1, MAX_SERIES);
            return PLOT_EINVAL;
        }
        for (size_t s = 0; s < ch->n_series; s++)
            if (ch->value_cols[s] >= tables[ch->table].n_cols) {
                plot_err_set(err, err_len, "xlsx: chart %zu: series %zu names column %zu of %zu",
                             c + 1, s + 1, ch->value_cols[s] + 1, tables[ch->table].n_cols);
                return PLOT_EINVAL;
            }
    }
    return PLOT_OK;
}

/* Writes one table into a new sheet. */
static int write_table(lxw_workbook *wb, const plot_xlsx_table *tb, lxw_format *bold,
                       lxw_worksheet **out, char *err, size_t err_len)
{
    lxw_error e = workbook_validate_sheet_name(wb, tb->name);
    if (e != LXW_NO_ERROR) {
        plot_err_set(err, err_len, "xlsx: sheet name \"%s\": %s", tb->name, lxw_strerror(e));
        return PLOT_EINVAL;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, tb->name);
    if (!ws) {
        plot_err_set(err, err_len, "xlsx: cannot add sheet \"%s\"", tb->name);
        return PLOT_ENOMEM;
    }
    *out = ws;
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t c = 0; c < tb->n_cols; c++) {
        lxw_format *fmt = NULL;
        const char *nf = tb->num_format ? tb->num_format[c] : NULL;
        if (nf && *nf) {
            fmt = workbook_add_format(wb);
            if (!fmt) {
                plot_err_set(err, err_len, "xlsx: sheet \"%s\": out of memory", tb->name);
                return PLOT_ENOMEM;
            }
            format_set_num_format(fmt, nf);
        }
        size_t width = util_utf8_chars(tb->header[c]);
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, tb->header[c] ? tb->header[c] : "", bold);
        for (size_t r = 0; r < tb->n_rows && e == LXW_NO_ERROR; r++) {
            const plot_xlsx_cell *cell = &tb->cells[r * tb->n_cols + c];
            lxw_row_t row = (lxw_row_t)(r + 1);
            if (cell->kind == PLOT_XLSX_NUMBER && isfinite(cell->number)) {
                e = worksheet_write_number(ws, row, (lxw_col_t)c, cell->number, fmt);
                if (width < 12)
                    width = 12;
            } else if (cell->kind == PLOT_XLSX_TEXT && cell->text && *cell->text) {
                /* Always a string: never worksheet_write_formula or the type-guessing
                 * worksheet_write, so "=..." is text, not a formula. */
                e = worksheet_write_string(ws, row, (lxw_col_t)c, cell->text, NULL);
                size_t w = util_utf8_chars(cell->text);
                if (w > width)
                    width = w;
            }
        }
        if (e == LXW_NO_ERROR)
            e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                     (double)(width > 60 ? 60 : width) + 2.0, NULL);
        if (e != LXW_NO_ERROR) {
            plot_err_set(err, err_len, "xlsx: sheet \"%s\", column %zu: %s", tb->name, c + 1,
                         lxw_strerror(e));
            return e == LXW_ERROR_MEMORY_MALLOC_FAILED ? PLOT_ENOMEM : PLOT_EINVAL;
        }
    }
    return PLOT_OK;
}

static int add_chart(lxw_workbook *wb, lxw_worksheet *ws, const plot_xlsx_table *tb,
                     const plot_xlsx_chart *ch, int slot, size_t index, char *err, size_t err_len)
{
    lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    if (!chart) {
        plot_err_set(err, err_len, "xlsx: chart %zu: out of memory", index + 1);
        return PLOT_ENOMEM;
    }
    lxw_row_t last = (lxw_row_t)(tb->n_rows > 0 ? tb->n_rows : 1);
    for (size_t s = 0; s < ch->n_series; s++) {
        lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
        if (!se) {
            plot_err_set(err, err_len, "xlsx: chart %zu: out of memory", index + 1);
            return PLOT_ENOMEM;
        }
        lxw_col_t vc = (lxw_col_t)ch->value_cols[s], cc = (lxw_col_t)ch->category_col;
        chart_series_set_categories(se, tb->name, 1, cc, last, cc);
        chart_series_set_values(se, tb->name, 1, vc, last, vc);
        chart_series_set_name_range(se, tb->name, 0, vc);
    }
    if (ch->title)
        chart_title_set_name(chart, ch->title);
    if (ch->x_title)
        chart_axis_set_name(chart->x_axis, ch->x_title);
    if (ch->y_title)
        chart_axis_set_name(chart->y_axis, ch->y_title);
    if (ch->n_series == 1)
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    else
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = { .x_scale = 1.5, .y_scale = 1.2 };
    lxw_error e = worksheet_insert_chart_opt(ws, (lxw_row_t)(1 + slot * CHART_ROWS),
                                             (lxw_col_t)(tb->n_cols + 1), chart, &opt);
    if (e != LXW_NO_ERROR) {
        plot_err_set(err, err_len, "xlsx: chart %zu: %s", index + 1, lxw_strerror(e));
        return PLOT_EINVAL;
    }
    return PLOT_OK;
}

/* Flushes tmp to disk and renames it over path. */
static int commit(const char *tmp, const char *path, char *err, size_t err_len)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    int e = fd < 0 ? errno : 0;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (fd >= 0)
        close(fd);
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        plot_err_set(err, err_len, "%s: cannot write: %s", path, strerror(e));
        return PLOT_EIO;
    }
    return PLOT_OK;
}

int plot_xlsx_write(const char *path, const plot_xlsx_info *info, const plot_xlsx_table *tables,
                    size_t n_tables, const plot_xlsx_chart *charts, size_t n_charts, char *err,
                    size_t err_len)
{
    if (!path || !*path) {
        plot_err_set(err, err_len, "xlsx: no file name");
        return PLOT_EINVAL;
    }
    char e1[256] = "";
    int st = check_input(tables, n_tables, charts, n_charts, e1, sizeof e1);
    if (st != PLOT_OK) {
        plot_err_set(err, err_len, "%s: %s", path, e1);
        return st;
    }
    char *tmp = util_tmp_name(path);
    /* Create the temporary first: a missing directory is reported here, with
     * the path, rather than by libxlsxwriter on stderr at the end. */
    int fd = tmp ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666) : -1;
    if (tmp && fd < 0) {
        plot_err_set(err, err_len, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return PLOT_EIO;
    }
    if (fd >= 0)
        close(fd);
    lxw_worksheet **sheets = calloc(n_tables, sizeof *sheets);
    int *slots = calloc(n_tables, sizeof *slots);
    lxw_workbook_options wo = { 0 };
    lxw_workbook *wb = tmp && sheets && slots ? workbook_new_opt(tmp, &wo) : NULL;
    if (!wb) {
        plot_err_set(err, err_len, "%s: cannot start the workbook", path);
        if (tmp)
            unlink(tmp);
        free(tmp);
        free(sheets);
        free(slots);
        return PLOT_ENOMEM;
    }
    /* Fixed dates: libxlsxwriter otherwise stamps core.xml with the current time. */
    lxw_doc_properties props = {
        .title = (char *)(info && info->title ? info->title : NULL),
        .author = (char *)(info && info->author ? info->author : NULL),
        .comments = (char *)(info && info->comments ? info->comments : NULL),
        .created = (time_t)(info ? info->epoch_s : PLOT_EXPORT_EPOCH_DEFAULT),
    };
    if (props.created <= 0) /* 0 would mean "now" to libxlsxwriter */
        props.created = 1;
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    if (bold) {
        format_set_bold(bold);
        format_set_text_wrap(bold);
    }
    for (size_t t = 0; t < n_tables && st == PLOT_OK; t++)
        st = write_table(wb, &tables[t], bold, &sheets[t], e1, sizeof e1);
    for (size_t c = 0; c < n_charts && st == PLOT_OK; c++) {
        size_t t = charts[c].table;
        st = add_chart(wb, sheets[t], &tables[t], &charts[c], slots[t]++, c, e1, sizeof e1);
    }
    lxw_error le = workbook_close(wb); /* frees wb; writes the file */
    if (st == PLOT_OK && le != LXW_NO_ERROR) {
        snprintf(e1, sizeof e1, "xlsx: %s", lxw_strerror(le));
        st = PLOT_EIO;
    }
    if (st == PLOT_OK)
        st = commit(tmp, path, err, err_len);
    else
        plot_err_set(err, err_len, "%s: %s", path, e1);
    if (st != PLOT_OK)
        unlink(tmp);
    free(tmp);
    free(sheets);
    free(slots);
    return st;
}
