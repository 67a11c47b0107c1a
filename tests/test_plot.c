/* test_plot — the chart library: nice ticks and number formatting, valid
 * PNG/SVG/PDF files, multi-page decks, byte-identical SVG/PDF/PNG whatever
 * the drawing order or thread, bar and whisker geometry checked in pixels,
 * non-overlapping category labels, missing values, atomic writes. */
#include "tests/testutil.h"

#include "plots/plot.h"
#include "plots/plot_chart.h"
#include "plots/plot_out.h"
#include "plots/plot_page.h"
#include "plots/plot_svg.h"
#include "plots/plot_ticks.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- fixtures: charts with realistic shapes -------------------------------- */

static const char *const hosting[6] = { "on_prem", "colocation", "iaas", "containers", "paas", "serverless" };
static const char *const models[3] = { "traditional_ops", "devops_team", "true_devops" };
static const uint32_t model_colour[3] = { PLOT_VERMILLION, PLOT_ORANGE, PLOT_BLUE };

typedef struct fixture {
    double v[3][6], lo[3][6], hi[3][6];
    plot_series series[3];
    plot_chart chart;
} fixture;

/* Grouped bars of lead times with whiskers at +-12%. */
static void bars_fixture(fixture *f, double scale)
{
    static const double base[3][6] = { { 38, 33, 27, 22, 19, 17 }, { 24, 21, 17, 14, 12, 11 },
                                       { 29, 20, 13, 10, 8.5, 7 } };
    memset(f, 0, sizeof *f);
    for (int m = 0; m < 3; m++) {
        for (int i = 0; i < 6; i++) {
            f->v[m][i] = base[m][i] * scale;
            f->lo[m][i] = f->v[m][i] * 0.88;
            f->hi[m][i] = f->v[m][i] * 1.12;
        }
        f->series[m].name = models[m];
        f->series[m].colour = model_colour[m];
        f->series[m].values = f->v[m];
        f->series[m].low = f->lo[m];
        f->series[m].high = f->hi[m];
    }
    plot_chart_init(&f->chart, PLOT_BARS);
    f->chart.title = "p85 lead time by hosting and ownership model";
    f->chart.subtitle = "Scenario test \xc2\xb7 20 replications \xc2\xb7 seed 42";
    f->chart.x_title = "Hosting";
    f->chart.y_title = "Lead time p85 (working days)";
    f->chart.caption = "Whiskers: 95% CI over 20 replications";
    f->chart.categories = hosting;
    f->chart.n_categories = 6;
    f->chart.series = f->series;
    f->chart.n_series = 3;
}

/* A chart of another kind (lines with bands and a reference line). */
static void lines_fixture(fixture *f)
{
    bars_fixture(f, 0.1);
    f->chart.kind = PLOT_LINES;
    f->chart.title = "Bus factor";
    f->chart.y_title = "Bus factor (engineers)";
    f->chart.ref_value = 1.0;
    f->chart.ref_label = "1 person";
}

static int draw_fail(cairo_t *cr, double w, double h, const void *ctx)
{
    (void)cr; (void)w; (void)h; (void)ctx;
    return PLOT_EINVAL;
}

/* ---- helpers ------------------------------------------------------------------ */

static char tmpdir[64];

static void make_tmpdir(void)
{
    assert_non_null(test_mkdtemp(tmpdir, sizeof tmpdir, "plot"));
}


/* Number of entries in tmpdir whose name contains sub. */
static int count_files(const char *sub)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strstr(e->d_name, sub))
            n++;
    closedir(d);
    return n;
}



/* A minimal XML check: a declaration first, then every start tag closed by
 * a matching end tag (or self-closed); comments and <!...> skipped. */
static int xml_balanced(const char *s, size_t n)
{
    if (n < 5 || strncmp(s, "<?xml", 5) != 0)
        return 0;
    char stack[64][48];
    int depth = 0, elements = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            i++;
            continue;
        }
        if (strncmp(s + i, "<?", 2) == 0) {
            const char *e = strstr(s + i, "?>");
            if (!e)
                return 0;
            i = (size_t)(e - s) + 2;
        } else if (strncmp(s + i, "<!--", 4) == 0) {
            const char *e = strstr(s + i, "-->");
            if (!e)
                return 0;
            i = (size_t)(e - s) + 3;
        } else if (s[i + 1] == '!') {
            const char *e = strchr(s + i, '>');
            if (!e)
                return 0;
            i = (size_t)(e - s) + 1;
        } else {
            int closing = s[i + 1] == '/';
            size_t a = i + 1 + (size_t)closing, b = a;
            while (b < n && s[b] != ' ' && s[b] != '>' && s[b] != '/' && s[b] != '\n')
                b++;
            char name[48];
            size_t len = b - a < sizeof name - 1 ? b - a : sizeof name - 1;
            memcpy(name, s + a, len);
            name[len] = 0;
            /* end of tag, skipping quoted attribute values */
            size_t k = b;
            char q = 0;
            while (k < n && (q || s[k] != '>')) {
                if (!q && (s[k] == '"' || s[k] == '\''))
                    q = s[k];
                else if (q && s[k] == q)
                    q = 0;
                k++;
            }
            if (k >= n || len == 0)
                return 0;
            int self = s[k - 1] == '/';
            if (closing) {
                if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
                    return 0;
                depth--;
            } else if (!self) {
                if (depth == 64)
                    return 0;
                strcpy(stack[depth++], name);
                elements++;
            } else {
                elements++;
            }
            i = k + 1;
        }
    }
    return depth == 0 && elements > 0;
}



/* ---- ticks and formatting ----------------------------------------------------- */

static void expect_ticks(double lo, double hi, int n_target, const double *want, int n_want)
{
    plot_ticks t;
    assert_int_equal(plot_ticks_nice(lo, hi, n_target, &t), 0);
    if (t.n != n_want) {
        print_error("range %g..%g: %d ticks, expected %d\n", lo, hi, t.n, n_want);
        fail();
    }
    for (int i = 0; i < n_want; i++)
        assert_near(t.v[i], want[i], 1e-9 * fmax(1.0, fabs(want[i])));
}

static void test_nice_ticks(void **state)
{
    (void)state;
    assert_near(plot_nice_number(9.3, 0), 10.0, 1e-12);
    assert_near(plot_nice_number(2.5, 1), 2.0, 1e-12);
    assert_near(plot_nice_number(0.47, 0), 0.5, 1e-12);
    assert_near(plot_nice_number(1234, 0), 2000.0, 1e-9);
    assert_near(plot_nice_number(7.1, 1), 10.0, 1e-12);

    const double a[] = { 0, 2, 4, 6, 8, 10 };
    expect_ticks(0, 9.3, 5, a, 6);
    const double b[] = { 0, 0.1, 0.2, 0.3, 0.4, 0.5 };
    expect_ticks(0, 0.47, 5, b, 6);
    const double c[] = { 0, 500, 1000, 1500 };
    expect_ticks(0, 1234, 5, c, 4);
    const double d[] = { -20, -10, 0, 10, 20, 30 };
    expect_ticks(-17, 23, 5, d, 6);
    const double e[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };
    expect_ticks(0, 1, 6, e, 6);

    /* every tick is a multiple of a 1, 2 or 5 x 10^k step */
    plot_ticks t;
    assert_int_equal(plot_ticks_nice(3.7, 81.2, 6, &t), 0);
    double m = t.step / pow(10.0, floor(log10(t.step) + 1e-9));
    assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
    assert_true(t.lo <= 3.7 && t.hi >= 81.2);
    /* degenerate and bad ranges */
    assert_int_equal(plot_ticks_nice(0, 0, 5, &t), 0);
    assert_near(t.lo, 0.0, 1e-12);
    assert_near(t.hi, 1.0, 1e-12);
    assert_int_equal(plot_ticks_nice(5, 5, 5, &t), 0);
    assert_true(t.lo < 5 && t.hi > 5);
    assert_int_equal(plot_ticks_nice(NAN, 1, 5, &t), PLOT_EINVAL);
    assert_int_equal(plot_ticks_nice(0, INFINITY, 5, &t), PLOT_EINVAL);
}

static void test_number_format(void **state)
{
    (void)state;
    char buf[64];
    plot_number_format(0.1 * 3.0, 1, 0, buf, sizeof buf); /* 0.30000000000000004 */
    assert_string_equal(buf, "0.3");
    plot_number_format(1500, 0, PLOT_FMT_THOUSANDS, buf, sizeof buf);
    assert_string_equal(buf, "1,500");
    plot_number_format(1234567.891, 2, PLOT_FMT_THOUSANDS, buf, sizeof buf);
    assert_string_equal(buf, "1,234,567.89");
    plot_number_format(-0.0001, 1, 0, buf, sizeof buf); /* no "-0.0" */
    assert_string_equal(buf, "0.0");
    plot_number_format(-0.3, 0, 0, buf, sizeof buf);
    assert_string_equal(buf, "0");
    plot_number_format(-2.5, 1, 0, buf, sizeof buf);
    assert_string_equal(buf, "\xe2\x88\x92" "2.5");
    plot_number_format(0.85, 2, PLOT_FMT_PERCENT, buf, sizeof buf);
    assert_string_equal(buf, "85%");
    plot_number_format(0.125, 3, PLOT_FMT_PERCENT, buf, sizeof buf);
    assert_string_equal(buf, "12.5%");
    plot_number_format(NAN, 1, 0, buf, sizeof buf);
    assert_string_equal(buf, "n/a");
    char tiny[4];
    plot_number_format(123456, 0, 0, tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), 3);
    assert_int_equal(plot_decimals_for_step(0.1), 1);
    assert_int_equal(plot_decimals_for_step(500), 0);
    assert_int_equal(plot_decimals_for_step(0.05), 2);
}

static void test_box_stats(void **state)
{
    (void)state;
    const double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, NAN };
    plot_box_stats b;
    assert_int_equal(plot_box_stats_from_data(x, 11, &b), 0);
    assert_near(b.q1, 3.25, 1e-12); /* type 7 over the 10 finite values */
    assert_near(b.median, 5.5, 1e-12);
    assert_near(b.q3, 7.75, 1e-12);
    assert_near(b.lo, 1.0, 1e-12);
    assert_near(b.hi, 9.0, 1e-12); /* 100 is beyond 1.5 IQR: an outlier */
    assert_int_equal(plot_box_stats_from_data(NULL, 0, &b), 0);
    assert_true(isnan(b.median));
}

static void test_colours(void **state)
{
    (void)state;
    assert_int_equal(plot_palette[0], 0xE69F00u);
    assert_int_equal(plot_palette[6], 0x000000u);
    assert_int_equal(plot_colour_text_on(0xFFFFFFu), 0x1A1A1Au);
    assert_int_equal(plot_colour_text_on(PLOT_BLUE), 0xFFFFFFu);
    assert_int_equal(plot_colour_text_on(0xFDE725u), 0x1A1A1Au); /* viridis yellow */
    assert_int_equal(plot_colour_tint(0x000000u, 1.0), 0xFFFFFFu);
    assert_int_equal(plot_scale_colour(PLOT_SCALE_VIRIDIS, 0.0), 0x440154u);
    assert_int_equal(plot_scale_colour(PLOT_SCALE_VIRIDIS, 1.0), 0xFDE725u);
}

/* ---- file formats ------------------------------------------------------------- */

static void test_png_valid(void **state)
{
    (void)state;
    fixture f;
    bars_fixture(&f, 1.0);
    unsigned char *p = NULL;
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(plot_render_png(1600, 900, plot_chart_draw_fn, &f.chart, &p, &n, err, sizeof err), 0);
    assert_true(n > 33);
    assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(p + 12, "IHDR", 4);
    unsigned w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
    unsigned h = (unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 | p[23];
    assert_int_equal(w, 1600);
    assert_int_equal(h, 900);
    free(p);
}

static void test_svg_well_formed(void **state)
{
    (void)state;
    fixture f;
    bars_fixture(&f, 1.0);
    unsigned char *p = NULL;
    size_t n = 0;
    assert_int_equal(plot_render_svg(1600, 900, plot_chart_draw_fn, &f.chart, &p, &n, NULL, 0), 0);
    assert_true(xml_balanced((const char *)p, n));
    assert_non_null(strstr((const char *)p, "width=\"1600px\""));
    /* every id was renumbered from 1 per prefix */
    assert_non_null(strstr((const char *)p, "id=\"surface1\""));
    assert_non_null(strstr((const char *)p, "id=\"glyph1\""));
    assert_null(strstr((const char *)p, "glyph0-"));
    free(p);
    /* the checker itself rejects broken XML */
    assert_false(xml_balanced("<?xml version=\"1.0\"?><a><b></a></b>", 36));
    assert_false(xml_balanced("<a></a>", 7));
}

static void test_svg_renumber(void **state)
{
    (void)state;
    const char *in = "<svg><defs><g id=\"surface7\"/><clipPath id=\"clip3\"/><symbol id=\"glyph2-5\"/>"
                     "<filter id=\"alpha\"/></defs><use xlink:href=\"#glyph2-5\"/>"
                     "<g clip-path=\"url(#clip3)\" filter=\"url(#alpha)\"><use xlink:href=\"#surface7\"/></g>"
                     "<g id=\"surface2\"/></svg>";
    const char *want = "<svg><defs><g id=\"surface1\"/><clipPath id=\"clip1\"/><symbol id=\"glyph1\"/>"
                       "<filter id=\"alpha\"/></defs><use xlink:href=\"#glyph1\"/>"
                       "<g clip-path=\"url(#clip1)\" filter=\"url(#alpha)\"><use xlink:href=\"#surface1\"/></g>"
                       "<g id=\"surface2\"/></svg>";
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(plot_svg_renumber_ids(in, strlen(in), &out, &n), 0);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    free(out);
}

static int draw_page_text(cairo_t *cr, double w, double h, const void *ctx)
{
    static const plot_text_block blocks[] = {
        { PLOT_BLOCK_HEADING, "Organisation" },
        { PLOT_BLOCK_BULLET, "6 product teams of 6 engineers; one central team of 5." },
        { PLOT_BLOCK_PARAGRAPH, "Every number is the mean over 20 replications with a 95% interval." },
    };
    plot_text_page p = { "Assumptions", "What the simulation takes as given", NULL, blocks, 3,
                         ctx != NULL, 0 };
    return plot_text_page_draw(cr, w, h, &p);
}

static int draw_page_table(cairo_t *cr, double w, double h, const void *ctx)
{
    (void)ctx;
    static const char *const header[3] = { "Model", "Lead time for changes", "Time to restore" };
    static const char *const cells[6] = { "devops_team", "8.4 days (Medium)", "1.2 days (Medium)",
                                          "true_devops", "1.6 days (High)", NULL };
    const uint32_t fill[6] = { PLOT_COLOUR_NONE, 0xFBE9C6u, 0xFBE9C6u, PLOT_COLOUR_NONE, 0x0072B2u, 0xD6EAF8u };
    plot_table t = { "Key numbers", "20 replications", "DORA 2024 bands", 3, 2, header, cells, fill,
                     "lrr", 0 };
    return plot_table_draw(cr, w, h, &t);
}

static void test_pdf_deck(void **state)
{
    (void)state;
    make_tmpdir();
    char path[256], err[256] = "";
    snprintf(path, sizeof path, "%s/deck.pdf", tmpdir);
    fixture a, b;
    bars_fixture(&a, 1.0);
    lines_fixture(&b);
    plot_doc_info info = { "devopsim test deck", NULL, NULL, "devopsim test", "2024-05-01T00:00:00Z" };
    plot_deck *d = plot_deck_new(path, 960, 540, &info, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(plot_deck_page(d, draw_page_text, "cover", err, sizeof err), 0);
    assert_int_equal(plot_deck_page(d, plot_chart_draw_fn, &a.chart, err, sizeof err), 0);
    assert_int_equal(plot_deck_page(d, plot_chart_draw_fn, &b.chart, err, sizeof err), 0);
    assert_int_equal(plot_deck_page(d, draw_page_table, NULL, err, sizeof err), 0);
    assert_int_equal(plot_deck_page(d, draw_page_text, NULL, err, sizeof err), 0);
    assert_int_equal(plot_deck_page_count(d), 5);
    assert_int_equal(access(path, F_OK), -1); /* nothing written before close */
    assert_int_equal(plot_deck_close(d, err, sizeof err), 0);
    size_t n = 0;
    unsigned char *p = test_read_file(path, &n);
    assert_non_null(p);
    assert_memory_equal(p, "%PDF-", 5);
    assert_int_equal(test_pdf_pages(p, n), 5);
    assert_true(test_contains(p, n, "/Title (devopsim test deck)"));
    assert_true(test_contains(p, n, "/Creator (devopsim test)"));
    assert_true(test_contains(p, n, "20240501000000"));
    free(p);
    assert_int_equal(count_files(".tmp."), 0);

    /* a failing page: close reports it and writes nothing */
    snprintf(path, sizeof path, "%s/bad.pdf", tmpdir);
    d = plot_deck_new(path, 960, 540, &info, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(plot_deck_page(d, plot_chart_draw_fn, &a.chart, err, sizeof err), 0);
    assert_int_equal(plot_deck_page(d, draw_fail, NULL, err, sizeof err), PLOT_EINVAL);
    assert_non_null(strstr(err, "bad.pdf"));
    assert_int_equal(plot_deck_close(d, err, sizeof err), PLOT_EINVAL);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_files(".tmp."), 0);
    test_remove_tree(tmpdir);
}

static void test_atomic_writes(void **state)
{
    (void)state;
    make_tmpdir();
    fixture f;
    bars_fixture(&f, 1.0);
    char path[256], err[256] = "";
    const char *ext[3] = { "png", "svg", "pdf" };
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/chart.%s", tmpdir, ext[k]);
        int st = k == 0 ? plot_write_png(path, 1600, 900, plot_chart_draw_fn, &f.chart, err, sizeof err)
               : k == 1 ? plot_write_svg(path, 1600, 900, plot_chart_draw_fn, &f.chart, err, sizeof err)
                        : plot_write_pdf(path, 842, 595, NULL, plot_chart_draw_fn, &f.chart, err, sizeof err);
        assert_int_equal(st, 0);
        struct stat sb;
        assert_int_equal(stat(path, &sb), 0);
        assert_true(sb.st_size > 1000);
    }
    /* a failing drawing leaves no file and no temporary */
    snprintf(path, sizeof path, "%s/fail.svg", tmpdir);
    assert_int_equal(plot_write_svg(path, 1600, 900, draw_fail, NULL, err, sizeof err), PLOT_EINVAL);
    assert_non_null(strstr(err, "fail.svg"));
    assert_int_equal(access(path, F_OK), -1);
    /* an unwritable place: PLOT_EIO, with the path in the message */
    snprintf(path, sizeof path, "%s/no/such/dir/x.png", tmpdir);
    assert_int_equal(plot_write_png(path, 1600, 900, plot_chart_draw_fn, &f.chart, err, sizeof err),
                     PLOT_EIO);
    assert_non_null(strstr(err, "no/such/dir"));
    assert_int_equal(count_files(".tmp."), 0);
    assert_int_equal(count_files("chart."), 3);
    test_remove_tree(tmpdir);
}

/* ---- determinism -------------------------------------------------------------- */

typedef struct rendered {
    unsigned char *svg, *pdf, *png;
    size_t svg_n, pdf_n, png_n;
} rendered;

static void render_all(const plot_chart *c, rendered *r)
{
    plot_doc_info info = { "chart", NULL, NULL, "devopsim test", "2024-05-01T00:00:00Z" };
    memset(r, 0, sizeof *r);
    int a = plot_render_svg(1600, 900, plot_chart_draw_fn, c, &r->svg, &r->svg_n, NULL, 0);
    int b = plot_render_pdf(960, 540, &info, plot_chart_draw_fn, c, &r->pdf, &r->pdf_n, NULL, 0);
    int d = plot_render_png(800, 450, plot_chart_draw_fn, c, &r->png, &r->png_n, NULL, 0);
    if (a || b || d)
        r->svg_n = 0; /* flagged as failed */
}

static void rendered_free(rendered *r)
{
    free(r->svg);
    free(r->pdf);
    free(r->png);
}

static void assert_same(const rendered *x, const rendered *y)
{
    assert_true(x->svg_n > 0 && y->svg_n > 0);
    assert_int_equal(x->svg_n, y->svg_n);
    assert_memory_equal(x->svg, y->svg, x->svg_n);
    assert_int_equal(x->pdf_n, y->pdf_n);
    assert_memory_equal(x->pdf, y->pdf, x->pdf_n);
    assert_int_equal(x->png_n, y->png_n);
    assert_memory_equal(x->png, y->png, x->png_n);
}

static void test_identical_bytes_any_order(void **state)
{
    (void)state;
    fixture fa, fb;
    bars_fixture(&fa, 1.0);
    lines_fixture(&fb);
    rendered a1, b1, b2, a2, a3;
    render_all(&fa.chart, &a1);
    render_all(&fb.chart, &b1);
    render_all(&fb.chart, &b2); /* reversed order */
    render_all(&fa.chart, &a2);
    render_all(&fa.chart, &a3); /* twice in a row */
    assert_same(&a1, &a2);
    assert_same(&a1, &a3);
    assert_same(&b1, &b2);
    assert_true(a1.svg_n != b1.svg_n || memcmp(a1.svg, b1.svg, a1.svg_n) != 0);
    rendered_free(&a1);
    rendered_free(&a2);
    rendered_free(&a3);
    rendered_free(&b1);
    rendered_free(&b2);
}

typedef struct job {
    const plot_chart *first, *second;
    rendered r1, r2;
} job;

static void *render_job(void *arg)
{
    job *j = arg;
    for (int k = 0; k < 2; k++) { /* overlap with the other thread for a while */
        if (k) {
            rendered_free(&j->r1);
            rendered_free(&j->r2);
        }
        render_all(j->first, &j->r1);
        render_all(j->second, &j->r2);
    }
    return NULL;
}

static void test_identical_bytes_threads(void **state)
{
    (void)state;
    fixture fa, fb;
    bars_fixture(&fa, 1.0);
    lines_fixture(&fb);
    rendered ra, rb;
    render_all(&fa.chart, &ra);
    render_all(&fb.chart, &rb);
    job j1 = { &fa.chart, &fb.chart, { 0 }, { 0 } }, j2 = { &fb.chart, &fa.chart, { 0 }, { 0 } };
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, render_job, &j1), 0);
    assert_int_equal(pthread_create(&t2, NULL, render_job, &j2), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_same(&ra, &j1.r1);
    assert_same(&rb, &j1.r2);
    assert_same(&rb, &j2.r1);
    assert_same(&ra, &j2.r2);
    rendered_free(&ra);
    rendered_free(&rb);
    rendered_free(&j1.r1);
    rendered_free(&j1.r2);
    rendered_free(&j2.r1);
    rendered_free(&j2.r2);
}

/* ---- geometry in pixels ---------------------------------------------------------- */

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    return *(uint32_t *)(void *)(d + y * stride + x * 4) & 0xFFFFFFu;
}

static int near_colour(uint32_t a, uint32_t b, int tol)
{
    for (int sh = 0; sh <= 16; sh += 8) {
        int ca = (int)((a >> sh) & 0xFF), cb = (int)((b >> sh) & 0xFF);
        if (abs(ca - cb) > tol)
            return 0;
    }
    return 1;
}

static int dark(uint32_t c)
{
    return ((c >> 16) & 0xFF) < 90 && ((c >> 8) & 0xFF) < 90 && (c & 0xFF) < 90;
}

static void test_bar_geometry(void **state)
{
    (void)state;
    const int W = 1600, H = 900;
    double v[2][3] = { { 10, 20, 30 }, { 25, 15, 5 } };
    double lo[2][3] = { { 7, 17, 27 }, { 22, 12, 3 } };
    double hi[2][3] = { { 13, 23, 33 }, { 28, 18, 7 } };
    static const char *const cats[3] = { "a", "b", "c" };
    plot_series se[2];
    memset(se, 0, sizeof se);
    const uint32_t col[2] = { PLOT_ORANGE, PLOT_BLUE };
    for (int k = 0; k < 2; k++) {
        se[k].name = k ? "second" : "first";
        se[k].colour = col[k];
        se[k].values = v[k];
        se[k].low = lo[k];
        se[k].high = hi[k];
    }
    plot_chart c;
    plot_chart_init(&c, PLOT_BARS);
    c.title = "Geometry";
    c.y_title = "Value (units)";
    c.categories = cats;
    c.n_categories = 3;
    c.series = se;
    c.n_series = 2;

    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(plot_chart_draw(cr, W, H, &c), 0);
    plot_layout L;
    assert_int_equal(plot_chart_layout(cr, W, H, &c, &L), 0);
    cairo_surface_flush(s);

    /* the axis: 0..35 by Heckbert's ticks, mapped linearly onto the plot area */
    assert_near(L.y_lo, 0.0, 1e-12);
    assert_true(L.y_hi >= 33.0 && L.y_hi <= 40.0);
    assert_near(plot_layout_value_y(&L, 0.0), L.py1, 1e-9);
    assert_near(plot_layout_value_y(&L, L.y_hi), L.py0, 1e-9);
    assert_true(L.px0 > 0 && L.px1 < W && L.py0 > 0 && L.py1 < H && L.px0 < L.px1 && L.py0 < L.py1);

    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < 2; k++) {
            double xl, xr;
            assert_int_equal(plot_layout_bar_span(&L, &c, i, k, &xl, &xr), 0);
            assert_true(xr - xl > 20);
            /* bar top: the first row of the bar's colour, scanning down a column
               near the bar's left edge (clear of the whisker caps) */
            int x = (int)ceil(xl) + 2, top = -1;
            for (int y = (int)L.py0 - 5; y < (int)L.py1; y++)
                if (near_colour(pixel(s, x, y), col[k], 24)) {
                    top = y;
                    break;
                }
            double want = plot_layout_value_y(&L, v[k][i]);
            if (top < 0 || fabs((double)top - want) > 1.0) {
                print_error("bar %zu/%zu: top at %d px, expected %.2f\n", i, k, top, want);
                fail();
            }
            /* the bar reaches down to the zero line */
            assert_true(near_colour(pixel(s, x, (int)L.py1 - 2), col[k], 24));
            /* whisker caps: dark pixels at the interval ends, off the vertical line */
            int cx = (int)lround((xl + xr) / 2 + fmin((xr - xl) * 0.22, 12.0) * 0.6);
            const double ends[2] = { hi[k][i], lo[k][i] };
            for (int e = 0; e < 2; e++) {
                double ye = plot_layout_value_y(&L, ends[e]);
                int found = 0;
                for (int y = (int)floor(ye) - 2; y <= (int)ceil(ye) + 2; y++)
                    found |= dark(pixel(s, cx, y));
                if (!found) {
                    print_error("bar %zu/%zu: no whisker cap near y = %.2f\n", i, k, ye);
                    fail();
                }
                /* and nothing dark a few pixels away from the cap */
                assert_false(dark(pixel(s, cx, (int)lround(ye) + (e == 0 ? -6 : 6))));
            }
        }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Inked pixels (darker than the gridlines: text, "n/a" grey) in the box
 * [x0, x1) × [y0, y1) of s. */
static int ink_in(cairo_surface_t *s, int x0, int x1, int y0, int y1)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += ((pixel(s, x, y) >> 8) & 0xFF) < 0xC0;
    return n;
}

/* A missing bar shows "n/a" unless the caller marks that cell (report's
 * unstable designs draw their own hatched marker there): the marked cell's
 * column above the baseline stays clear, the unmarked one's does not. */
static void test_marked_missing(void **state)
{
    (void)state;
    const int W = 1600, H = 900;
    double v[2][2] = { { 10, NAN }, { 20, NAN } };
    static const char *const cats[2] = { "a", "b" };
    unsigned char mark[4] = { 0, 1, 0, 0 };     /* series 0 at category 1 */
    plot_series se[2];
    memset(se, 0, sizeof se);
    for (int k = 0; k < 2; k++) {
        se[k].name = k ? "second" : "first";
        se[k].colour = k ? PLOT_BLUE : PLOT_ORANGE;
        se[k].values = v[k];
    }
    plot_chart c;
    plot_chart_init(&c, PLOT_BARS);
    c.title = "Marked";
    c.y_title = "Value (units)";
    c.categories = cats;
    c.n_categories = 2;
    c.series = se;
    c.n_series = 2;
    c.marked = mark;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(plot_chart_draw(cr, W, H, &c), 0);
    plot_layout L;
    assert_int_equal(plot_chart_layout(cr, W, H, &c, &L), 0);
    cairo_surface_flush(s);
    int ink[2];
    for (size_t k = 0; k < 2; k++) {
        double xl, xr;
        assert_int_equal(plot_layout_bar_span(&L, &c, 1, k, &xl, &xr), 0);
        ink[k] = ink_in(s, (int)ceil(xl) + 1, (int)floor(xr) - 1, (int)(L.py1 - 0.3 * (L.py1 - L.py0)),
                         (int)L.py1 - 3);
    }
    assert_int_equal(ink[0], 0);
    assert_true(ink[1] > 20);
    cairo_destroy(cr);
    cairo_surface_destroy(s);

    /* lines: a marked missing point is left out, an unmarked one says "n/a"
       just above the axis (one row per series) */
    double lv[2][2] = { { 10, NAN }, { 20, NAN } };
    for (int k = 0; k < 2; k++)
        se[k].values = lv[k];
    plot_chart_init(&c, PLOT_LINES);
    c.title = "Marked lines";
    c.y_title = "Value (units)";
    c.categories = cats;
    c.n_categories = 2;
    c.series = se;
    c.n_series = 2;
    int lines_ink[2];
    for (int pass = 0; pass < 2; pass++) {
        unsigned char all[4] = { 1, 1, 1, 1 };
        c.marked = pass ? all : NULL;
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
        cr = cairo_create(s);
        assert_int_equal(plot_chart_draw(cr, W, H, &c), 0);
        assert_int_equal(plot_chart_layout(cr, W, H, &c, &L), 0);
        cairo_surface_flush(s);
        lines_ink[pass] = ink_in(s, (int)(L.cat_x[1] - 0.3 * L.band), (int)(L.cat_x[1] + 0.3 * L.band),
                                 (int)(L.py1 - 0.25 * (L.py1 - L.py0)), (int)L.py1 - 3);
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
    assert_true(lines_ink[0] > 20);
    assert_int_equal(lines_ink[1], 0);

    /* a series missing at every point gets one note in the middle ("first:
     * n/a at every point"), not a row of "n/a" on the axis that reads as
     * zeros (enterprise's staffing chart); one value back: the row again */
    static const char *const six[6] = { "a", "b", "c", "d", "e", "f" };
    double gone[6] = { NAN, NAN, NAN, NAN, NAN, NAN }, there[6] = { 1, 2, 3, 4, 5, 6 };
    se[0].values = gone;
    se[1].values = there;
    c.categories = six;
    c.n_categories = 6;
    c.marked = NULL;
    int first[2], middle[2];
    for (int pass = 0; pass < 2; pass++) {
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
        cr = cairo_create(s);
        assert_int_equal(plot_chart_draw(cr, W, H, &c), 0);
        assert_int_equal(plot_chart_layout(cr, W, H, &c, &L), 0);
        cairo_surface_flush(s);
        int y0 = (int)(L.py1 - 0.12 * (L.py1 - L.py0)), y1 = (int)L.py1 - 3;
        first[pass] = ink_in(s, (int)(L.cat_x[0] - 0.3 * L.band), (int)(L.cat_x[0] + 0.3 * L.band), y0, y1);
        double mid = (L.px0 + L.px1) / 2;
        middle[pass] = ink_in(s, (int)(mid - 0.3 * L.band), (int)(mid + 0.3 * L.band), y0, y1);
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        gone[5] = 7.0;
    }
    assert_int_equal(first[0], 0);
    assert_true(middle[0] > 20);
    assert_true(first[1] > 20);
}

/* ---- label layout -------------------------------------------------------------- */

/* Separating-axis test for two convex quads; touching counts as apart. */
static int quads_overlap(const plot_quad *a, const plot_quad *b)
{
    const plot_quad *q[2] = { a, b };
    for (int w = 0; w < 2; w++)
        for (int e = 0; e < 4; e++) {
            double ex = q[w]->x[(e + 1) % 4] - q[w]->x[e], ey = q[w]->y[(e + 1) % 4] - q[w]->y[e];
            double nx = -ey, ny = ex, len = hypot(nx, ny);
            if (len < 1e-9)
                continue;
            nx /= len;
            ny /= len;
            double min[2] = { INFINITY, INFINITY }, max[2] = { -INFINITY, -INFINITY };
            for (int k = 0; k < 2; k++)
                for (int p = 0; p < 4; p++) {
                    double d = q[k]->x[p] * nx + q[k]->y[p] * ny;
                    min[k] = fmin(min[k], d);
                    max[k] = fmax(max[k], d);
                }
            if (max[0] <= min[1] + 0.5 || max[1] <= min[0] + 0.5)
                return 0;
        }
    return 1;
}

static void check_labels(const char *const *cats, size_t n, int w, int h, int want_mode)
{
    double v[PLOT_MAX_CATEGORIES];
    for (size_t i = 0; i < n; i++)
        v[i] = (double)(i + 1);
    plot_series se;
    memset(&se, 0, sizeof se);
    se.name = "series";
    se.colour = PLOT_BLUE;
    se.values = v;
    plot_chart c;
    plot_chart_init(&c, PLOT_BARS);
    c.title = "Labels";
    c.x_title = "Category";
    c.y_title = "Value";
    c.categories = cats;
    c.n_categories = n;
    c.series = &se;
    c.n_series = 1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 16, 16);
    cairo_t *cr = cairo_create(s);
    plot_layout L;
    assert_int_equal(plot_chart_layout(cr, w, h, &c, &L), 0);
    if (want_mode >= 0 && L.label_mode != want_mode) {
        print_error("label mode %d, expected %d\n", L.label_mode, want_mode);
        fail();
    }
    for (size_t i = 0; i < n; i++) {
        for (int p = 0; p < 4; p++) {
            assert_true(L.label_box[i].x[p] >= 0 && L.label_box[i].x[p] <= w);
            assert_true(L.label_box[i].y[p] > L.py1 && L.label_box[i].y[p] <= h);
        }
        for (size_t j = i + 1; j < n; j++)
            if (L.label_shown[i] && L.label_shown[j] && quads_overlap(&L.label_box[i], &L.label_box[j])) {
                print_error("labels %zu and %zu overlap (mode %d)\n", i, j, L.label_mode);
                fail();
            }
    }
    /* the label area ends above the x axis title */
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < 4; p++)
            assert_true(L.label_box[i].y[p] <= L.xtitle_y + 0.5);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void test_label_layout(void **state)
{
    (void)state;
    check_labels(hosting, 6, 1600, 900, PLOT_LABELS_HORIZONTAL);
    static const char *const long6[6] = {
        "on_prem_private_datacentre",  "colocation_shared_facility", "iaas_cloud_virtual_machines",
        "containers_managed_kubernetes", "paas_heroku_style_platform", "serverless_functions_and_services",
    };
    check_labels(long6, 6, 1600, 900, PLOT_LABELS_WRAPPED);
    check_labels(long6, 6, 960, 540, -1);
    check_labels(long6, 6, 595, 842, -1);
    static const char *const longer6[6] = {
        "on_premises_private_datacentre_in_house", "colocation_shared_facility_rented_racks",
        "infrastructure_as_a_service_cloud_vms", "containers_on_managed_kubernetes_clusters",
        "platform_as_a_service_heroku_style", "serverless_functions_and_managed_services",
    };
    check_labels(longer6, 6, 1600, 900, PLOT_LABELS_ROTATED);
    static const char *const many[14] = {
        "checkout_service", "payments_gateway", "inventory_sync", "search_indexer", "recommendations",
        "user_accounts", "notifications_hub", "pricing_engine", "shipping_quotes", "returns_portal",
        "analytics_pipeline", "fraud_detection", "catalog_admin", "mobile_backend",
    };
    check_labels(many, 14, 1600, 900, PLOT_LABELS_ROTATED);
    const char *lots[60];
    char names[60][24];
    for (int i = 0; i < 60; i++) {
        snprintf(names[i], sizeof names[i], "component_%02d", i);
        lots[i] = names[i];
    }
    check_labels(lots, 60, 1600, 900, PLOT_LABELS_ROTATED);
}

/* ---- every kind, missing values, bad specs --------------------------------------- */

static void test_every_kind_renders(void **state)
{
    (void)state;
    fixture f;
    bars_fixture(&f, 1.0);
    f.v[2][0] = NAN; /* a missing bar */
    f.hi[1][3] = NAN; /* a missing whisker end */
    double sample[3][50];
    const double *samples[3][6];
    size_t ns[3][6];
    plot_series ecdf[3], box[3];
    for (int m = 0; m < 3; m++) {
        for (int k = 0; k < 50; k++)
            sample[m][k] = 5.0 + (double)((k * 37 + m * 11) % 50);
        sample[m][7] = NAN;
        ecdf[m] = f.series[m];
        ecdf[m].values = sample[m];
        ecdf[m].n_values = 50;
        box[m] = f.series[m];
        for (int i = 0; i < 6; i++) {
            samples[m][i] = sample[m];
            ns[m][i] = i == 4 ? 0 : 50; /* one empty sample: "n/a" */
        }
        box[m].samples = samples[m];
        box[m].n_samples = ns[m];
    }
    const plot_kind kinds[6] = { PLOT_BARS, PLOT_LINES, PLOT_BOX, PLOT_ECDF, PLOT_STACKED, PLOT_HEATMAP };
    for (int k = 0; k < 6; k++) {
        plot_chart c = f.chart;
        c.kind = kinds[k];
        if (kinds[k] == PLOT_ECDF)
            c.series = ecdf;
        if (kinds[k] == PLOT_BOX)
            c.series = box;
        c.stack_shares = kinds[k] == PLOT_STACKED;
        c.y_percent = kinds[k] == PLOT_ECDF;
        const int sizes[3][2] = { { 1600, 900 }, { 960, 540 }, { 595, 842 } };
        for (int z = 0; z < 3; z++) {
            unsigned char *p = NULL;
            size_t n = 0;
            char err[256] = "";
            int st = plot_render_png(sizes[z][0], sizes[z][1], plot_chart_draw_fn, &c, &p, &n, err, sizeof err);
            if (st) {
                print_error("kind %d at %dx%d: %s\n", k, sizes[z][0], sizes[z][1], err);
                fail();
            }
            free(p);
        }
        unsigned char *p = NULL;
        size_t n = 0;
        assert_int_equal(plot_render_svg(1600, 900, plot_chart_draw_fn, &c, &p, &n, NULL, 0), 0);
        assert_true(xml_balanced((const char *)p, n));
        free(p);
    }
    /* all values missing: drawn with a "No data" note, not a crash */
    for (int m = 0; m < 3; m++)
        for (int i = 0; i < 6; i++)
            f.v[m][i] = f.lo[m][i] = f.hi[m][i] = NAN;
    for (int k = 0; k < 6; k++) {
        plot_chart c = f.chart;
        c.kind = kinds[k];
        if (kinds[k] == PLOT_ECDF || kinds[k] == PLOT_BOX)
            continue;
        unsigned char *p = NULL;
        size_t n = 0;
        assert_int_equal(plot_render_png(800, 450, plot_chart_draw_fn, &c, &p, &n, NULL, 0), 0);
        free(p);
    }
    /* pages */
    unsigned char *p = NULL;
    size_t n = 0;
    assert_int_equal(plot_render_png(1600, 900, draw_page_table, NULL, &p, &n, NULL, 0), 0);
    free(p);
    assert_int_equal(plot_render_svg(1600, 900, draw_page_text, "cover", &p, &n, NULL, 0), 0);
    assert_true(xml_balanced((const char *)p, n));
    free(p);
}

static void test_bad_specs(void **state)
{
    (void)state;
    fixture f;
    bars_fixture(&f, 1.0);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    cairo_t *cr = cairo_create(s);
    plot_chart c = f.chart;
    c.n_categories = 0;
    assert_int_equal(plot_chart_draw(cr, 1600, 900, &c), PLOT_EINVAL);
    c = f.chart;
    c.categories = NULL;
    assert_int_equal(plot_chart_draw(cr, 1600, 900, &c), PLOT_EINVAL);
    c = f.chart;
    c.n_categories = PLOT_MAX_CATEGORIES + 1;
    assert_int_equal(plot_chart_draw(cr, 1600, 900, &c), PLOT_ERANGE);
    plot_series bad = f.series[0];
    bad.values = NULL;
    c = f.chart;
    c.series = &bad;
    c.n_series = 1;
    assert_int_equal(plot_chart_draw(cr, 1600, 900, &c), PLOT_EINVAL);
    assert_int_equal(plot_chart_draw(cr, 1600, 900, NULL), PLOT_EINVAL);
    assert_int_equal(plot_chart_draw(cr, 0, 900, &f.chart), PLOT_EINVAL);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(s);

    unsigned char *p = NULL;
    size_t n = 0;
    char err[128] = "";
    assert_int_equal(plot_render_png(0, 900, plot_chart_draw_fn, &f.chart, &p, &n, err, sizeof err), PLOT_EINVAL);
    assert_null(p);
    assert_true(strlen(err) > 0);
    assert_null(plot_deck_new(NULL, 960, 540, NULL, err, sizeof err));
    assert_string_equal(plot_strerror(PLOT_EIO), "input/output error");
    char date[32];
    assert_int_equal(plot_date_iso(1714521600, date, sizeof date), 0);
    assert_string_equal(date, "2024-05-01T00:00:00Z");
}

static int teardown(void **state)
{
    (void)state;
    plot_shutdown(); /* release fontconfig's caches for LeakSanitizer */
    return 0;
}

int test_group_plot(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_number_format),
        cmocka_unit_test(test_box_stats),
        cmocka_unit_test(test_colours),
        cmocka_unit_test(test_png_valid),
        cmocka_unit_test(test_svg_well_formed),
        cmocka_unit_test(test_svg_renumber),
        cmocka_unit_test(test_pdf_deck),
        cmocka_unit_test(test_atomic_writes),
        cmocka_unit_test(test_identical_bytes_any_order),
        cmocka_unit_test(test_identical_bytes_threads),
        cmocka_unit_test(test_bar_geometry),
        cmocka_unit_test(test_marked_missing),
        cmocka_unit_test(test_label_layout),
        cmocka_unit_test(test_every_kind_renders),
        cmocka_unit_test(test_bad_specs),
    };
    return cmocka_run_group_tests_name("plot", tests, NULL, teardown);
}
