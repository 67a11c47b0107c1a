/* test_export — the office writers: XML escaping, the PowerPoint package's
 * structure (entries in order, slide count, well-formed XML, hostile names
 * escaped), the Excel workbook (sheets, charts, no formulas from text,
 * fixed dates), byte-identical output whatever the clock or time zone,
 * SOURCE_DATE_EPOCH, error messages, and the currency formatter. */
#include "tests/testutil.h"

#include "plots/plot.h"
#include "plots/plot_money.h"
#include "plots/plot_out.h"
#include "plots/plot_pptx.h"
#include "plots/plot_xlsx.h"
#include "plots/plot_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#define HOSTILE "R&D <Ops> \"Platform\" & 'Z\xC3\xBCrich' \xE2\x9C\x93"
#define HOSTILE_XML "R&amp;D &lt;Ops&gt; &quot;Platform&quot; &amp; &apos;Z\xC3\xBCrich&apos; \xE2\x9C\x93"

/* ---- helpers -------------------------------------------------------------------- */

/* A zip held in memory, opened read-only with libzip. */
typedef struct zipped {
    zip_t *za;
} zipped;

static void zip_open_mem(zipped *z, const unsigned char *bytes, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    assert_non_null(src);
    z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z->za)
        zip_source_free(src);
    zip_error_fini(&ze);
    assert_non_null(z->za);
}

/* The entry's bytes, NUL-terminated (caller frees); NULL when absent. */
static char *zip_entry(zipped *z, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(z->za, name, 0, &st) != 0)
        return NULL;
    zip_file_t *f = zip_fopen(z->za, name, 0);
    assert_non_null(f);
    char *buf = malloc(st.size + 1);
    assert_non_null(buf);
    assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    buf[st.size] = '\0';
    if (len)
        *len = st.size;
    return buf;
}

/* A tiny XML well-formedness check: one root, tags balanced and properly
 * nested, attributes quoted, no '<' or bare '&' in text or values. Enough to
 * catch what a hand-written writer gets wrong (it is not a full parser).
 * Returns NULL when well-formed, else a static description. */
static const char *xml_check(const char *s)
{
    static char why[128];
    const char *stack[256];
    size_t lens[256], depth = 0;
    int roots = 0;
    const char *p = s;
    if (strncmp(p, "<?xml ", 6) == 0) {
        p = strstr(p, "?>");
        if (!p)
            return "unterminated XML declaration";
        p += 2;
    }
    while (*p) {
        if (*p != '<') {
            if (*p == '&') {
                const char *semi = strchr(p, ';');
                if (!semi || semi - p > 8)
                    return "bare & in text";
            }
            if (depth == 0 && *p != '\n' && *p != ' ')
                return "text outside the root";
            p++;
            continue;
        }
        if (p[1] == '/') { /* end tag */
            const char *name = p + 2;
            size_t n = strcspn(name, ">");
            if (depth == 0 || n != lens[depth - 1] || strncmp(name, stack[depth - 1], n) != 0) {
                snprintf(why, sizeof why, "mismatched end tag at offset %ld", (long)(p - s));
                return why;
            }
            depth--;
            p = name + n + 1;
            continue;
        }
        const char *name = p + 1;
        size_t n = strcspn(name, " />");
        if (n == 0)
            return "empty tag name";
        const char *q = name + n;
        for (;;) { /* attributes */
            while (*q == ' ')
                q++;
            if (*q == '>' || (q[0] == '/' && q[1] == '>'))
                break;
            const char *eq = strchr(q, '=');
            if (!eq || eq[1] != '"')
                return "unquoted attribute";
            const char *end = strchr(eq + 2, '"');
            if (!end)
                return "unterminated attribute";
            for (const char *c = eq + 2; c < end; c++) {
                if (*c == '<')
                    return "< in an attribute";
                if (*c == '&' && (!memchr(c, ';', (size_t)(end - c)) || end - c < 3))
                    return "bare & in an attribute";
            }
            q = end + 1;
        }
        if (depth == 0 && ++roots > 1)
            return "more than one root";
        if (*q == '/') {
            p = q + 2;
            continue;
        }
        if (depth == 256)
            return "too deep";
        stack[depth] = name;
        lens[depth++] = n;
        p = q + 1;
    }
    if (depth != 0)
        return "unclosed element";
    return roots == 1 ? NULL : "no root";
}

static int fill_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    (void)ctx;
    plot_colour_set(cr, PLOT_BLUE, 1.0);
    cairo_rectangle(cr, w * 0.1, h * 0.1, w * 0.5, h * 0.8);
    cairo_fill(cr);
    return PLOT_OK;
}

typedef struct deck_fixture {
    unsigned char *png;
    size_t png_len;
    plot_pptx_slide slides[3];
    plot_pptx_info info;
} deck_fixture;

static void deck_fixture_init(deck_fixture *f)
{
    memset(f, 0, sizeof *f);
    char err[256];
    assert_int_equal(plot_render_png(320, 180, fill_draw, NULL, &f->png, &f->png_len, err,
                                     sizeof err), PLOT_OK);
    f->slides[0] = (plot_pptx_slide){ .title = "Executive summary",
                                      .bullets = "# At the team sizes\nFirst point\n- Second " HOSTILE
                                                 "\n> Not searched." };
    f->slides[1] = (plot_pptx_slide){ .title = HOSTILE, .png = f->png, .png_len = f->png_len,
                                      .notes = "p85: 14.8 days\n" HOSTILE ": 31.25 days" };
    f->slides[2] = (plot_pptx_slide){ .title = "Lead time", .png = f->png, .png_len = f->png_len };
    f->info = (plot_pptx_info){ .title = "Deck " HOSTILE, .author = "devopsim",
                                .application = "devopsim test", .epoch_s = 1700000000 };
}

/* ---- XML escaping ------------------------------------------------------------------ */

static void test_xml_escape(void **state)
{
    (void)state;
    plot_xml x = { 0 };
    plot_xml_text(&x, HOSTILE);
    plot_xml_raw(&x, "|");
    /* invalid UTF-8 (lone continuation, truncated sequence, overlong '/'),
     * a control character XML 1.0 forbids, a surrogate; tab and newline kept */
    plot_xml_text(&x, "a\x80" "b\xC3" "c\xC0\xAF" "d\x01" "e\xED\xA0\x80" "f\tg\nh");
    size_t len = 0;
    char *s = plot_xml_take(&x, &len);
    assert_non_null(s);
    assert_string_equal(s, HOSTILE_XML "|a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD"
                           "d\xEF\xBF\xBD" "e\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "f\tg\nh");
    assert_int_equal(len, strlen(s));
    free(s);
    /* an empty buffer still gives a string */
    s = plot_xml_take(&x, &len);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

/* The checker itself must reject what it is there to catch. */
static void test_xml_checker(void **state)
{
    (void)state;
    assert_null(xml_check("<?xml version=\"1.0\"?>\n<a x=\"1\"><b/><c>t &amp; u</c></a>"));
    assert_non_null(xml_check("<a><b></a></b>"));
    assert_non_null(xml_check("<a>R&D</a>"));
    assert_non_null(xml_check("<a x=\"<\"/>"));
    assert_non_null(xml_check("<a x=1/>"));
    assert_non_null(xml_check("<a></a><b/>"));
    assert_non_null(xml_check("<a><b>"));
}

/* ---- PowerPoint ---------------------------------------------------------------------- */

static void test_pptx_structure(void **state)
{
    (void)state;
    deck_fixture f;
    deck_fixture_init(&f);
    unsigned char *out = NULL;
    size_t len = 0;
    char err[256] = "";
    assert_int_equal(plot_pptx_render(&f.info, f.slides, 3, &out, &len, err, sizeof err), PLOT_OK);
    zipped z;
    zip_open_mem(&z, out, len);

    static const char *const expected[] = {
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "ppt/presProps.xml",
        "ppt/viewProps.xml", "ppt/tableStyles.xml", "ppt/theme/theme1.xml",
        "ppt/slideMasters/slideMaster1.xml", "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        "ppt/slideLayouts/slideLayout1.xml", "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        "ppt/theme/theme2.xml", "ppt/notesMasters/notesMaster1.xml",
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        "ppt/slides/slide1.xml", "ppt/slides/_rels/slide1.xml.rels",
        "ppt/slides/slide2.xml", "ppt/slides/_rels/slide2.xml.rels", "ppt/media/image2.png",
        "ppt/notesSlides/notesSlide2.xml", "ppt/notesSlides/_rels/notesSlide2.xml.rels",
        "ppt/slides/slide3.xml", "ppt/slides/_rels/slide3.xml.rels", "ppt/media/image3.png",
    };
    size_t n_expected = sizeof expected / sizeof expected[0];
    assert_int_equal(zip_get_num_entries(z.za, 0), (zip_int64_t)n_expected);
    for (size_t i = 0; i < n_expected; i++) {
        const char *name = zip_get_name(z.za, i, 0);
        assert_non_null(name);
        assert_string_equal(name, expected[i]);
        zip_stat_t st;
        assert_int_equal(zip_stat_index(z.za, i, 0, &st), 0);
        /* every entry deflated and dated 2023-11-14 22:13:20 (the epoch's UTC fields) */
        assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
        struct tm tm;
        localtime_r(&st.mtime, &tm);
        assert_int_equal(tm.tm_year + 1900, 2023);
        assert_int_equal(tm.tm_mon + 1, 11);
        assert_int_equal(tm.tm_mday, 14);
        assert_int_equal(tm.tm_hour, 22);
        assert_int_equal(tm.tm_min, 13);
        size_t n = strlen(name);
        if (strcmp(name + n - 4, ".xml") == 0 || strcmp(name + n - 5, ".rels") == 0) {
            char *xml = zip_entry(&z, name, NULL);
            const char *why = xml_check(xml);
            if (why)
                print_error("%s: %s\n", name, why);
            assert_null(why);
            free(xml);
        }
    }
    /* three slides listed, 16:9 */
    char *pres = zip_entry(&z, "ppt/presentation.xml", NULL);
    size_t count = 0;
    for (const char *p = pres; (p = strstr(p, "<p:sldId ")) != NULL; p++)
        count++;
    assert_int_equal(count, 3);
    assert_non_null(strstr(pres, "<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"));
    assert_non_null(strstr(pres, "<p:notesMasterIdLst>"));
    free(pres);
    /* hostile text escaped in the title, the picture's description, the notes, core.xml */
    char *s2 = zip_entry(&z, "ppt/slides/slide2.xml", NULL);
    assert_non_null(strstr(s2, "<a:t>" HOSTILE_XML "</a:t>"));
    assert_non_null(strstr(s2, "descr=\"" HOSTILE_XML "\""));
    assert_null(strstr(s2, HOSTILE));
    free(s2);
    char *n2 = zip_entry(&z, "ppt/notesSlides/notesSlide2.xml", NULL);
    assert_non_null(strstr(n2, "<a:t>p85: 14.8 days</a:t>"));
    assert_non_null(strstr(n2, "<a:t>" HOSTILE_XML ": 31.25 days</a:t>"));
    free(n2);
    char *core = zip_entry(&z, "docProps/core.xml", NULL);
    assert_non_null(strstr(core, "<dc:title>Deck " HOSTILE_XML "</dc:title>"));
    assert_non_null(strstr(core, ">2023-11-14T22:13:20Z</dcterms:created>"));
    assert_non_null(strstr(core, ">2023-11-14T22:13:20Z</dcterms:modified>"));
    free(core);
    /* the bullets slide: one paragraph per line with a bullet character */
    char *s1 = zip_entry(&z, "ppt/slides/slide1.xml", NULL);
    assert_non_null(strstr(s1, "<a:buChar char=\"\xE2\x80\xA2\"/></a:pPr><a:r><a:rPr lang=\"en-US\" "
                               "sz=\"2000\" dirty=\"0\"/><a:t>First point</a:t>"));
    assert_null(strstr(s1, "<p:pic>"));
    /* a "# " heading: bold, no bullet; "- " a bullet; "> " plain; prefixes not shown */
    assert_non_null(strstr(s1, "<a:buNone/></a:pPr><a:r><a:rPr lang=\"en-US\" sz=\"2000\" b=\"1\" dirty=\"0\"/>"
                               "<a:t>At the team sizes</a:t>"));
    assert_non_null(strstr(s1, "<a:buChar char=\"\xE2\x80\xA2\"/></a:pPr><a:r><a:rPr lang=\"en-US\" "
                               "sz=\"2000\" dirty=\"0\"/><a:t>Second "));
    assert_non_null(strstr(s1, "<a:buNone/></a:pPr><a:r><a:rPr lang=\"en-US\" sz=\"2000\" dirty=\"0\"/>"
                               "<a:t>Not searched.</a:t>"));
    assert_null(strstr(s1, "# At"));
    free(s1);
    /* the picture is the caller's bytes */
    size_t img_len = 0;
    char *img = zip_entry(&z, "ppt/media/image3.png", &img_len);
    assert_int_equal(img_len, f.png_len);
    assert_memory_equal(img, f.png, f.png_len);
    free(img);
    /* relationships of slide 2 point at its picture and notes */
    char *rels = zip_entry(&z, "ppt/slides/_rels/slide2.xml.rels", NULL);
    assert_non_null(strstr(rels, "Target=\"../media/image2.png\""));
    assert_non_null(strstr(rels, "Target=\"../notesSlides/notesSlide2.xml\""));
    free(rels);
    char *ct = zip_entry(&z, "[Content_Types].xml", NULL);
    assert_non_null(strstr(ct, "PartName=\"/ppt/slides/slide3.xml\""));
    assert_non_null(strstr(ct, "PartName=\"/ppt/notesSlides/notesSlide2.xml\""));
    assert_null(strstr(ct, "notesSlide3.xml"));
    free(ct);
    zip_close(z.za);
    free(out);
    free(f.png);
}

/* Without notes there is no notes master, and the content types say so. */
static void test_pptx_without_notes(void **state)
{
    (void)state;
    deck_fixture f;
    deck_fixture_init(&f);
    f.slides[1].notes = NULL;
    unsigned char *out = NULL;
    size_t len = 0;
    assert_int_equal(plot_pptx_render(&f.info, f.slides, 3, &out, &len, NULL, 0), PLOT_OK);
    zipped z;
    zip_open_mem(&z, out, len);
    assert_int_equal(zip_get_num_entries(z.za, 0), 22);
    assert_int_equal(zip_name_locate(z.za, "ppt/notesMasters/notesMaster1.xml", 0), -1);
    char *pres = zip_entry(&z, "ppt/presentation.xml", NULL);
    assert_null(strstr(pres, "notesMaster"));
    free(pres);
    char *ct = zip_entry(&z, "[Content_Types].xml", NULL);
    assert_null(strstr(ct, "notes"));
    free(ct);
    zip_close(z.za);
    free(out);
    free(f.png);
}

/* Same input => same bytes, whatever the clock or the time zone; another
 * epoch changes the bytes. */
static void test_pptx_deterministic(void **state)
{
    (void)state;
    deck_fixture f;
    deck_fixture_init(&f);
    unsigned char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
    size_t na = 0, nb = 0, nc = 0, nd = 0;
    assert_int_equal(plot_pptx_render(&f.info, f.slides, 3, &a, &na, NULL, 0), PLOT_OK);
    struct timespec pause = { 1, 100000000 }; /* past the zip's 2-second time resolution */
    nanosleep(&pause, NULL);
    const char *tz = getenv("TZ");
    char *saved = tz ? strdup(tz) : NULL;
    setenv("TZ", "Pacific/Auckland", 1);
    tzset();
    assert_int_equal(plot_pptx_render(&f.info, f.slides, 3, &b, &nb, NULL, 0), PLOT_OK);
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    f.info.epoch_s += 86400;
    assert_int_equal(plot_pptx_render(&f.info, f.slides, 3, &c, &nc, NULL, 0), PLOT_OK);
    assert_true(nc != na || memcmp(a, c, na) != 0);
    /* no info at all: the fixed default date */
    assert_int_equal(plot_pptx_render(NULL, f.slides, 3, &d, &nd, NULL, 0), PLOT_OK);
    zipped z;
    zip_open_mem(&z, d, nd);
    char *core = zip_entry(&z, "docProps/core.xml", NULL);
    assert_non_null(strstr(core, ">2020-01-01T00:00:00Z</dcterms:created>"));
    free(core);
    zip_close(z.za);
    free(a);
    free(b);
    free(c);
    free(d);
    free(f.png);
}

static void test_export_epoch(void **state)
{
    (void)state;
    const char *old = getenv("SOURCE_DATE_EPOCH");
    char *saved = old ? strdup(old) : NULL;
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(plot_export_epoch(), PLOT_EXPORT_EPOCH_DEFAULT);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    assert_int_equal(plot_export_epoch(), 1700000000LL);
    setenv("SOURCE_DATE_EPOCH", "17e8", 1);
    assert_int_equal(plot_export_epoch(), PLOT_EXPORT_EPOCH_DEFAULT);
    setenv("SOURCE_DATE_EPOCH", "-5", 1);
    assert_int_equal(plot_export_epoch(), PLOT_EXPORT_EPOCH_DEFAULT);
    if (saved) {
        setenv("SOURCE_DATE_EPOCH", saved, 1);
        free(saved);
    } else {
        unsetenv("SOURCE_DATE_EPOCH");
    }
}

static void test_pptx_errors(void **state)
{
    (void)state;
    char err[256] = "", dir[256], path[512];
    unsigned char *out = NULL;
    size_t len = 0;
    plot_pptx_slide s = { .title = "x" };
    assert_int_equal(plot_pptx_render(NULL, &s, 0, &out, &len, err, sizeof err), PLOT_EINVAL);
    plot_pptx_slide untitled = { .title = NULL };
    assert_int_equal(plot_pptx_render(NULL, &untitled, 1, &out, &len, err, sizeof err), PLOT_EINVAL);
    assert_non_null(strstr(err, "slide 1"));
    static const unsigned char not_png[32] = "GIF89a";
    plot_pptx_slide two[2] = { { .title = "ok" },
                               { .title = "bad", .png = not_png, .png_len = sizeof not_png } };
    assert_int_equal(plot_pptx_render(NULL, two, 2, &out, &len, err, sizeof err), PLOT_EINVAL);
    assert_non_null(strstr(err, "slide 2"));
    assert_null(out);
    plot_pptx_slide both = { .title = "b", .png = not_png, .png_len = sizeof not_png,
                             .bullets = "x" };
    assert_int_equal(plot_pptx_render(NULL, &both, 1, &out, &len, err, sizeof err), PLOT_EINVAL);
    assert_non_null(strstr(err, "both a picture and bullets"));
    plot_pptx_slide missing = { .title = "m", .png_path = "/nonexistent/chart.png" };
    assert_int_equal(plot_pptx_render(NULL, &missing, 1, &out, &len, err, sizeof err), PLOT_EIO);
    assert_non_null(strstr(err, "/nonexistent/chart.png"));
    /* a picture from a file; the written file equals the rendered bytes */
    assert_non_null(test_mkdtemp(dir, sizeof dir, "export"));
    char png_path[512];
    snprintf(png_path, sizeof png_path, "%s/c.png", dir);
    assert_int_equal(plot_write_png(png_path, 160, 90, fill_draw, NULL, err, sizeof err), PLOT_OK);
    plot_pptx_slide from_file = { .title = "f", .png_path = png_path };
    assert_int_equal(plot_pptx_render(NULL, &from_file, 1, &out, &len, err, sizeof err), PLOT_OK);
    snprintf(path, sizeof path, "%s/deck.pptx", dir);
    assert_int_equal(plot_pptx_write(path, NULL, &from_file, 1, err, sizeof err), PLOT_OK);
    size_t n = 0;
    unsigned char *file = test_read_file(path, &n);
    assert_non_null(file);
    assert_int_equal(n, len);
    assert_memory_equal(file, out, len);
    free(file);
    free(out);
    snprintf(path, sizeof path, "%s/no/such/deck.pptx", dir);
    assert_int_equal(plot_pptx_write(path, NULL, &from_file, 1, err, sizeof err), PLOT_EIO);
    assert_non_null(strstr(err, path));
    test_remove_tree(dir);
}

/* ---- Excel ------------------------------------------------------------------------------- */

typedef struct book_fixture {
    const char *head[4];
    const char *fmt[4];
    char money[32];
    plot_xlsx_cell cells[3 * 4];
    plot_xlsx_table table;
    size_t value_cols[1];
    plot_xlsx_chart chart;
    plot_xlsx_info info;
} book_fixture;

static void book_fixture_init(book_fixture *b)
{
    memset(b, 0, sizeof *b);
    assert_int_equal(plot_money_excel_format("EUR", b->money, sizeof b->money), PLOT_OK);
    b->head[0] = "Model";
    b->head[1] = "Lead time p85 (working days)";
    b->head[2] = "Cost (EUR/year)";
    b->head[3] = "Note";
    b->fmt[1] = "0.0";
    b->fmt[2] = b->money;
    static const char *const names[3] = { "Product", HOSTILE, "Ops" };
    static const char *const notes[3] = { "=1+1", "+SUM(A1)", "@cmd|' /C calc'!A0" };
    static const double lead[3] = { 14.8, 22.5, 31.25 };
    static const double cost[3] = { 1234567.5, 980000, 0 };
    for (int r = 0; r < 3; r++) {
        plot_xlsx_cell *row = &b->cells[r * 4];
        row[0] = (plot_xlsx_cell){ .kind = PLOT_XLSX_TEXT, .text = names[r] };
        row[1] = (plot_xlsx_cell){ .kind = PLOT_XLSX_NUMBER, .number = lead[r] };
        row[2] = (plot_xlsx_cell){ .kind = PLOT_XLSX_NUMBER, .number = r == 2 ? (double)NAN : cost[r] };
        row[3] = (plot_xlsx_cell){ .kind = PLOT_XLSX_TEXT, .text = notes[r] };
    }
    b->table = (plot_xlsx_table){ .name = "Summary", .n_rows = 3, .n_cols = 4, .header = b->head,
                                  .num_format = b->fmt, .cells = b->cells };
    b->value_cols[0] = 1;
    b->chart = (plot_xlsx_chart){ .title = "Lead time p85", .y_title = "working days",
                                  .table = 0, .category_col = 0, .value_cols = b->value_cols,
                                  .n_series = 1 };
    b->info = (plot_xlsx_info){ .title = "Results", .author = "devopsim", .epoch_s = 1700000000 };
}

static void test_xlsx_workbook(void **state)
{
    (void)state;
    book_fixture b;
    book_fixture_init(&b);
    char dir[256], p1[512], p2[512], p3[512], err[256] = "";
    assert_non_null(test_mkdtemp(dir, sizeof dir, "export"));
    snprintf(p1, sizeof p1, "%s/a.xlsx", dir);
    snprintf(p2, sizeof p2, "%s/b.xlsx", dir);
    snprintf(p3, sizeof p3, "%s/c.xlsx", dir);
    assert_int_equal(plot_xlsx_write(p1, &b.info, &b.table, 1, &b.chart, 1, err, sizeof err), PLOT_OK);
    struct timespec pause = { 2, 100000000 };
    nanosleep(&pause, NULL);
    assert_int_equal(plot_xlsx_write(p2, &b.info, &b.table, 1, &b.chart, 1, err, sizeof err), PLOT_OK);
    b.info.epoch_s = 1600000000;
    assert_int_equal(plot_xlsx_write(p3, &b.info, &b.table, 1, &b.chart, 1, err, sizeof err), PLOT_OK);
    size_t n1 = 0, n2 = 0, n3 = 0;
    unsigned char *f1 = test_read_file(p1, &n1), *f2 = test_read_file(p2, &n2),
                  *f3 = test_read_file(p3, &n3);
    assert_non_null(f1);
    assert_non_null(f2);
    assert_non_null(f3);
    assert_int_equal(n1, n2);
    assert_memory_equal(f1, f2, n1);           /* identical across runs */
    assert_true(n1 != n3 || memcmp(f1, f3, n1) != 0); /* the date is in it */

    zipped z;
    zip_open_mem(&z, f1, n1);
    for (zip_int64_t i = 0; i < zip_get_num_entries(z.za, 0); i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(z.za, (zip_uint64_t)i, 0, &st), 0);
        struct tm tm;
        localtime_r(&st.mtime, &tm);
        assert_int_equal(tm.tm_year + 1900, 1980); /* libxlsxwriter's fixed entry date */
    }
    char *core = zip_entry(&z, "docProps/core.xml", NULL);
    assert_non_null(core);
    assert_non_null(strstr(core, ">2023-11-14T22:13:20Z</dcterms:created>"));
    free(core);
    char *sheet = zip_entry(&z, "xl/worksheets/sheet1.xml", NULL);
    assert_non_null(sheet);
    assert_null(strstr(sheet, "<f>"));            /* no formula anywhere */
    assert_non_null(strstr(sheet, "<v>14.8</v>")); /* numbers are numbers */
    assert_non_null(strstr(sheet, "<v>1234567.5</v>"));
    assert_null(strstr(sheet, "nan"));            /* NaN left blank */
    free(sheet);
    char *sst = zip_entry(&z, "xl/sharedStrings.xml", NULL);
    assert_non_null(sst);
    assert_non_null(strstr(sst, ">=1+1<"));
    assert_non_null(strstr(sst, ">+SUM(A1)<"));
    assert_non_null(strstr(sst, ">@cmd|' /C calc'!A0<"));
    assert_non_null(strstr(sst, "R&amp;D &lt;Ops&gt;"));
    assert_non_null(strstr(sst, ">Cost (EUR/year)<"));
    free(sst);
    char *styles = zip_entry(&z, "xl/styles.xml", NULL);
    assert_non_null(strstr(styles, "formatCode=\"&quot;\xE2\x82\xAC&quot;#,##0\""));
    free(styles);
    char *chart = zip_entry(&z, "xl/charts/chart1.xml", NULL);
    assert_non_null(chart);
    assert_non_null(strstr(chart, "<c:barChart>"));
    assert_non_null(strstr(chart, "Summary!$B$2:$B$4"));
    free(chart);
    zip_close(z.za);
    free(f1);
    free(f2);
    free(f3);
    test_remove_tree(dir);
}

static void test_xlsx_errors(void **state)
{
    (void)state;
    book_fixture b;
    book_fixture_init(&b);
    char dir[256], path[512], err[256] = "";
    assert_non_null(test_mkdtemp(dir, sizeof dir, "export"));
    snprintf(path, sizeof path, "%s/bad.xlsx", dir);
    b.table.name = "Costs/Staff";
    assert_int_equal(plot_xlsx_write(path, &b.info, &b.table, 1, NULL, 0, err, sizeof err),
                     PLOT_EINVAL);
    assert_non_null(strstr(err, "Costs/Staff"));
    assert_non_null(strstr(err, path));
    b.table.name = "Summary";
    plot_xlsx_table twice[2] = { b.table, b.table };
    assert_int_equal(plot_xlsx_write(path, &b.info, twice, 2, NULL, 0, err, sizeof err), PLOT_EINVAL);
    b.value_cols[0] = 9;
    assert_int_equal(plot_xlsx_write(path, &b.info, &b.table, 1, &b.chart, 1, err, sizeof err),
                     PLOT_EINVAL);
    assert_non_null(strstr(err, "chart 1"));
    /* nothing left behind: no file, no temporary */
    size_t n = 0;
    unsigned char *left = test_read_file(path, &n);
    assert_null(left);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
    assert_int_equal(system(cmd), 0);
    b.value_cols[0] = 1;
    snprintf(path, sizeof path, "%s/no/such/dir.xlsx", dir);
    assert_int_not_equal(plot_xlsx_write(path, &b.info, &b.table, 1, NULL, 0, err, sizeof err),
                         PLOT_OK);
    assert_non_null(strstr(err, path));
    test_remove_tree(dir);
}

/* ---- currency ------------------------------------------------------------------------------ */

static void test_money(void **state)
{
    (void)state;
    char b[64];
    static const struct {
        double v;
        const char *code;
        int sig;
        const char *want;
    } cases[] = {
        { 1234567.5, "EUR", 2, "\xE2\x82\xAC" "1.2M" },
        { 1234567.5, "SEK", 2, "1.2M SEK" },
        { 350000, "USD", 2, "$350k" },
        { 999960, "GBP", 2, "\xC2\xA3" "1M" },      /* rounds up into the next suffix */
        { -4500, "GBP", 2, "-\xC2\xA3" "4.5k" },
        { 2.5e9, "CHF", 3, "2.5B CHF" },
        { 1000000, "EUR", 2, "\xE2\x82\xAC" "1M" },
        { 12.5, NULL, 2, "13" },
        { 0, "EUR", 2, "\xE2\x82\xAC" "0" },
        { -0.001, "EUR", 2, "\xE2\x82\xAC" "0" },   /* no "-0" */
        { NAN, "EUR", 2, "n/a" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(plot_money_format(cases[i].v, cases[i].code, cases[i].sig, b, sizeof b),
                         PLOT_OK);
        assert_string_equal(b, cases[i].want);
    }
    assert_int_equal(plot_money_format(1, "eur", 2, b, sizeof b), PLOT_EINVAL);
    assert_int_equal(plot_money_format(1, "EURO", 2, b, sizeof b), PLOT_EINVAL);
    assert_int_equal(plot_money_format(1, "EUR", 0, b, sizeof b), PLOT_EINVAL);
    assert_true(plot_currency_valid("CHF"));
    assert_false(plot_currency_valid("C1F"));
    assert_null(plot_currency_symbol("CHF"));
    assert_string_equal(plot_currency_symbol("USD"), "$");
    assert_int_equal(plot_money_excel_format("EUR", b, sizeof b), PLOT_OK);
    assert_string_equal(b, "\"\xE2\x82\xAC\"#,##0");
    assert_int_equal(plot_money_excel_format("SEK", b, sizeof b), PLOT_OK);
    assert_string_equal(b, "#,##0\" SEK\"");
    assert_int_equal(plot_money_excel_format(NULL, b, sizeof b), PLOT_OK);
    assert_string_equal(b, "#,##0");
    assert_int_equal(plot_money_excel_format("X", b, sizeof b), PLOT_EINVAL);
}

static int teardown(void **state)
{
    (void)state;
    plot_shutdown();
    return 0;
}

int test_group_export(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_xml_checker),
        cmocka_unit_test(test_pptx_structure),
        cmocka_unit_test(test_pptx_without_notes),
        cmocka_unit_test(test_pptx_deterministic),
        cmocka_unit_test(test_export_epoch),
        cmocka_unit_test(test_pptx_errors),
        cmocka_unit_test(test_xlsx_workbook),
        cmocka_unit_test(test_xlsx_errors),
        cmocka_unit_test(test_money),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, teardown);
}
