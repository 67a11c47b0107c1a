/* export_demo — writes a small PowerPoint deck and Excel workbook with the
 * plots/ writers alone (no simulation, no command front end), for the
 * LibreOffice round trip in tests/e2e/test_office.sh and for looking at.
 * Usage: export_demo OUT_DIR   -> OUT_DIR/deck.pptx, OUT_DIR/results.xlsx
 * The content is fixed; test_office.sh knows it (4 slides; the sheets'
 * values). Dates come from SOURCE_DATE_EPOCH (plot_export_epoch). */
#include "plots/plot.h"
#include "plots/plot_chart.h"
#include "plots/plot_money.h"
#include "plots/plot_out.h"
#include "plots/plot_pptx.h"
#include "plots/plot_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOSTILE "R&D <Ops> \"Platform\" & 'Z\xC3\xBCrich' \xE2\x80\x93 \xE2\x9C\x93"

static const char *const models[] = { "Product teams", "DevOps team", HOSTILE };
static const double p85[] = { 14.8, 22.5, 31.25 };
static const double p85_lo[] = { 12.1, 19.0, 27.5 };
static const double p85_hi[] = { 17.9, 26.0, 35.0 };
static const double cost[] = { 1234567.5, 980000, 2100000 };

static int chart_png(const char *title, const char *y_title, const double *v, const double *lo,
                     const double *hi, unsigned char **png, size_t *len, char *err, size_t el)
{
    plot_series s = { .name = "p85", .colour = PLOT_BLUE, .values = v, .low = lo, .high = hi };
    plot_chart c;
    plot_chart_init(&c, PLOT_BARS);
    c.title = title;
    c.y_title = y_title;
    c.categories = models;
    c.n_categories = 3;
    c.series = &s;
    c.n_series = 1;
    c.caption = lo ? "Whiskers: 95% CI over 20 replications" : NULL;
    return plot_render_png(1600, 900, plot_chart_draw_fn, &c, png, len, err, el);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: export_demo OUT_DIR\n");
        return 2;
    }
    char err[512], path[4096];
    long long epoch = plot_export_epoch();
    unsigned char *png1 = NULL, *png2 = NULL;
    size_t len1 = 0, len2 = 0;
    if (chart_png("Lead time p85 by model", "Lead time p85 (working days)", p85, p85_lo, p85_hi,
                  &png1, &len1, err, sizeof err) != PLOT_OK ||
        chart_png(HOSTILE, "Cost (EUR/year)", cost, NULL, NULL, &png2, &len2, err,
                  sizeof err) != PLOT_OK) {
        fprintf(stderr, "export_demo: %s\n", err);
        free(png1);
        return 1;
    }
    char notes1[512], notes2[512], m[3][64];
    snprintf(notes1, sizeof notes1,
             "Lead time p85 (working days), mean [95%% CI]:\n%s: %.1f [%.1f, %.1f]\n"
             "%s: %.1f [%.1f, %.1f]\n%s: %.2f [%.1f, %.1f]",
             models[0], p85[0], p85_lo[0], p85_hi[0], models[1], p85[1], p85_lo[1], p85_hi[1],
             models[2], p85[2], p85_lo[2], p85_hi[2]);
    for (int i = 0; i < 3; i++)
        plot_money_format(cost[i], "EUR", 2, m[i], sizeof m[i]);
    snprintf(notes2, sizeof notes2, "Cost per year:\n%s: %s\n%s: %s\n%s: %s", models[0], m[0],
             models[1], m[1], models[2], m[2]);
    const plot_pptx_slide slides[] = {
        { .title = "Executive summary",
          .bullets = "Product teams cut p85 lead time from 22.5 to 14.8 days (95% CI 12.1 to 17.9)\n"
                     "Costs: " HOSTILE " is the dearest option\n"
                     "\n"
                     "Warning: <unstable> designs & queues that grow are left out" },
        { .title = "Lead time p85 by model", .png = png1, .png_len = len1, .notes = notes1 },
        { .title = HOSTILE, .png = png2, .png_len = len2, .notes = notes2 },
        { .title = "Assumptions", .bullets = "attrition_per_year = 0.15\ncosts.currency = EUR",
          .notes = "Every change from the defaults." },
    };
    plot_pptx_info pi = { .title = "devopsim export demo", .author = "devopsim",
                          .application = "devopsim export_demo", .epoch_s = epoch };
    snprintf(path, sizeof path, "%s/deck.pptx", argv[1]);
    int st = plot_pptx_write(path, &pi, slides, sizeof slides / sizeof slides[0], err, sizeof err);
    free(png1);
    free(png2);
    if (st != PLOT_OK) {
        fprintf(stderr, "export_demo: %s\n", err);
        return 1;
    }

    char eur[32];
    plot_money_excel_format("EUR", eur, sizeof eur);
    const char *const head[] = { "Model", "Lead time p85 (working days)", "p85 95% CI low (days)",
                                 "p85 95% CI high (days)", "Cost (EUR/year)", "Note" };
    const char *const fmts[] = { NULL, "0.00", "0.00", "0.00", eur, NULL };
    static const char *const notes[] = { "=HYPERLINK(\"http://example.com\",\"x\")", "+1-2",
                                         "@SUM(A1:A2)" };
    plot_xlsx_cell cells[3 * 6];
    for (int r = 0; r < 3; r++) {
        plot_xlsx_cell *row = &cells[r * 6];
        row[0] = (plot_xlsx_cell){ .kind = PLOT_XLSX_TEXT, .text = models[r] };
        row[1] = (plot_xlsx_cell){ .kind = PLOT_XLSX_NUMBER, .number = p85[r] };
        row[2] = (plot_xlsx_cell){ .kind = PLOT_XLSX_NUMBER, .number = p85_lo[r] };
        row[3] = (plot_xlsx_cell){ .kind = PLOT_XLSX_NUMBER, .number = p85_hi[r] };
        row[4] = (plot_xlsx_cell){ .kind = PLOT_XLSX_NUMBER, .number = cost[r] };
        row[5] = (plot_xlsx_cell){ .kind = PLOT_XLSX_TEXT, .text = notes[r] };
    }
    const char *const shead[] = { "Team", "Engineers (people)", "Remark" };
    plot_xlsx_cell scells[] = {
        { PLOT_XLSX_TEXT, 0, "Platform" }, { PLOT_XLSX_NUMBER, 6, NULL },
        { PLOT_XLSX_TEXT, 0, "-5 people vs today" },
        { PLOT_XLSX_TEXT, 0, "Ops" }, { PLOT_XLSX_NUMBER, 64, NULL },
        { PLOT_XLSX_NUMBER, NAN, NULL },
    };
    const plot_xlsx_table tables[] = {
        { .name = "Summary", .n_rows = 3, .n_cols = 6, .header = head, .num_format = fmts,
          .cells = cells },
        { .name = "Staffing & cost", .n_rows = 2, .n_cols = 3, .header = shead, .cells = scells },
    };
    const size_t lead_cols[] = { 1 }, cost_cols[] = { 4 };
    const plot_xlsx_chart charts[] = {
        { .title = "Lead time p85", .y_title = "working days", .table = 0, .category_col = 0,
          .value_cols = lead_cols, .n_series = 1 },
        { .title = "Cost per year", .y_title = "EUR/year", .table = 0, .category_col = 0,
          .value_cols = cost_cols, .n_series = 1 },
    };
    plot_xlsx_info xi = { .title = "devopsim export demo", .author = "devopsim", .epoch_s = epoch };
    snprintf(path, sizeof path, "%s/results.xlsx", argv[1]);
    st = plot_xlsx_write(path, &xi, tables, 2, charts, 2, err, sizeof err);
    if (st != PLOT_OK) {
        fprintf(stderr, "export_demo: %s\n", err);
        return 1;
    }
    plot_shutdown();
    return 0;
}
