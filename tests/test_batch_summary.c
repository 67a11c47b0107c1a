/* test_batch_summary — the batch's chart across scenarios
 * (batch/batch_summary): every panel on one shared y-axis (a scenario with
 * short lead times is drawn on the scale of the one with long ones), the ⚠
 * mark above a bar whose result carries a validity warning and not above
 * the others, and an unstable design's hatched marker at the axis top with
 * no bar and no "n/a". Two scenario folders are written by hand
 * (summary.csv and results.json, the files a batch leaves) and the written
 * PNG is inspected where the probe says each panel was drawn. */
#include "tests/testutil.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/batch_summary.h"
#include "plots/plot_chart.h"
#include "scenario/scen_load.h"
#include "util/util_file.h"

typedef struct probe {
    int seen[2];
    double x0[2], y0[2];
    plot_chart c[2];            /* a shallow copy: its pointers die with the write */
    plot_layout L[2];
    uint32_t colour1[2];        /* the colour of each panel's second series, copied while drawn */
} probe;

/* Records each panel as drawn on the PNG page (1600 × 900). */
static void record(void *ctx, int i, double w, double h, double x0, double y0, const plot_chart *c,
                   const plot_layout *L)
{
    probe *p = ctx;
    if (i < 0 || i > 1 || w != 1600 || h != 900 || p->seen[i])
        return;
    p->seen[i] = 1;
    p->x0[i] = x0;
    p->y0[i] = y0;
    p->c[i] = *c;
    p->L[i] = *L;
    p->colour1[i] = c->n_series > 1 ? c->series[1].colour : 0;
}

static void load(const char *name, org_scenario *s)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "{ \"name\": \"%s\", \"replications\": 3, \"product_teams\": { \"count\": 2, \"size\": 3,"
             " \"features_per_week\": 1 }, \"central_team\": { \"size\": 2 }, \"models\": [ \"traditional_ops\","
             " \"true_devops\" ], \"hosting\": [ \"on_prem\", \"serverless\" ] }", name);
    util_diags d;
    util_diags_init(&d);
    int rc = scen_load_text(buf, strlen(buf), "summary.json", s, &d);
    util_diags_free(&d);
    assert_int_equal(rc, 0);
}

/* A scenario folder: p85 means v[model][hosting] (interval ±10%), the
 * results with a warning at warn (model × 2 + hosting, -1 none) and a
 * central team at 100% at unstable (-1 none). */
static void folder(const char *dir, const char *name, const double v[2][2], int warn, int unstable)
{
    static const char *const models[2] = { "traditional_ops", "true_devops" }, *const hosts[2] = { "on_prem", "serverless" };
    char text[4096];
    size_t o = (size_t)snprintf(text, sizeof text, "scenario,model,hosting,metric,mean,ci95_low,ci95_high,n\n");
    for (int m = 0; m < 2; m++)
        for (int h = 0; h < 2; h++)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s,%s,%s,lead_time_p85_days,%g,%g,%g,3\n", name,
                                  models[m], hosts[h], v[m][h], 0.9 * v[m][h], 1.1 * v[m][h]);
    assert_int_equal(util_mkdir_p(dir), 0);
    assert_int_equal(util_write_atomic(dir, "summary.csv", text, o), 0);
    o = (size_t)snprintf(text, sizeof text, "{ \"results\": [");
    for (int m = 0; m < 2; m++)
        for (int h = 0; h < 2; h++)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s{ \"model\": \"%s\", \"hosting\": \"%s\", \"summary\": "
                                  "{ \"utilization_central\": { \"mean\": %s } }, \"warnings\": [%s] }",
                                  m + h ? ", " : "", models[m], hosts[h], m * 2 + h == unstable ? "1.0" : "0.5",
                                  m * 2 + h == warn ? " \"central team loaded\" " : "");
    o += (size_t)snprintf(text + o, sizeof text - o, "] }\n");
    assert_int_equal(util_write_atomic(dir, "results.json", text, o), 0);
}

static uint32_t px(cairo_surface_t *s, int x, int y)
{
    unsigned char *d = cairo_image_surface_get_data(s);
    return *(uint32_t *)(void *)(d + y * cairo_image_surface_get_stride(s) + x * 4) & 0xFFFFFFu;
}

/* 1 when a is within 40 of b in every channel (antialiased edges). */
static int near(uint32_t a, uint32_t b)
{
    for (int sh = 0; sh <= 16; sh += 8)
        if (abs((int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF)) > 40)
            return 0;
    return 1;
}

/* Pixels in a box on the page with every channel below limit: 110 finds
 * dark ink (the ⚠ glyph), 0xC0 also the grey of "n/a" but not gridlines. */
static int ink_box(cairo_surface_t *s, double x0, double x1, double y0, double y1, int limit)
{
    int n = 0;
    for (int y = (int)y0; y < (int)y1; y++)
        for (int x = (int)x0; x < (int)x1; x++) {
            uint32_t c = px(s, x, y);
            n += (int)((c >> 16) & 0xFF) < limit && (int)((c >> 8) & 0xFF) < limit && (int)(c & 0xFF) < limit;
        }
    return n;
}

/* The box above bar (model k, hosting i) of panel p where a ⚠ goes (page
 * coordinates): from the whisker's top up by two text lines. */
static int mark_ink(cairo_surface_t *s, const probe *p, int panel, int k, int i, double top_value)
{
    double xl, xr;
    assert_int_equal(plot_layout_bar_span(&p->L[panel], &p->c[panel], (size_t)i, (size_t)k, &xl, &xr), 0);
    double yt = plot_layout_value_y(&p->L[panel], top_value) - 3.0;
    double lh = 40.0 * p->L[panel].scale;
    return ink_box(s, p->x0[panel] + xl, p->x0[panel] + xr, p->y0[panel] + yt - lh, p->y0[panel] + yt, 0xC0);
}

static void test_summary_chart(void **state)
{
    (void)state;
    char dir[128];
    assert_non_null(test_mkdtemp(dir, sizeof dir, "summary"));
    char *a = util_path_join(dir, "short"), *b = util_path_join(dir, "long");
    static const double va[2][2] = { { 10, 8 }, { 6, 4 } }, vb[2][2] = { { 40, 30 }, { 20, 12 } };
    folder(a, "short", va, 1, -1);          /* ⚠ at traditional_ops / serverless */
    folder(b, "long", vb, -1, 2);           /* true_devops / on_prem unstable */
    org_scenario sa, sb;
    load("short", &sa);
    load("long", &sb);
    batch_done_scen sc[2] = { { a, &sa }, { b, &sb } };
    probe p;
    memset(&p, 0, sizeof p);
    assert_int_equal(batch_summary_write_probed(dir, sc, 2, record, &p), 0);
    assert_true(p.seen[0] && p.seen[1]);
    /* one y-axis: the short scenario is drawn on the long one's scale (its
     * own would end near 11); the unstable design does not stretch it */
    assert_near(p.L[0].y_lo, 0.0, 0);
    assert_near(p.L[0].y_hi, p.L[1].y_hi, 0);
    assert_true(p.L[0].y_hi >= 44.0 && p.L[0].y_hi <= 60.0);
    char *png = util_path_join(dir, "lead_time_p85.png");
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 1600);
    /* ⚠ above the warned bar, none above its neighbour of the same height scale */
    int warned = mark_ink(s, &p, 0, 0, 1, 1.1 * va[0][1]);
    int plain = mark_ink(s, &p, 0, 0, 0, 1.1 * va[0][0]);
    if (!(warned > 15 && plain == 0)) {
        print_error("ink above the warned bar %d, above an unwarned one %d (%s)\n", warned, plain, png);
        fail();
    }
    /* the unstable design: its model's colour hatched at the axis top, no bar at the baseline */
    double xl, xr;
    assert_int_equal(plot_layout_bar_span(&p.L[1], &p.c[1], 0, 1, &xl, &xr), 0);
    uint32_t colour = p.colour1[1];
    int hatched = 0, bar = 0;
    for (int x = (int)(p.x0[1] + xl) + 2; x < (int)(p.x0[1] + xr) - 2; x++) {
        for (int y = (int)(p.y0[1] + p.L[1].py0) + 2; y < (int)(p.y0[1] + p.L[1].py0 + 0.15 * (p.L[1].py1 - p.L[1].py0)); y++)
            hatched += near(px(s, x, y), colour);
        bar += near(px(s, x, (int)(p.y0[1] + p.L[1].py1) - 4), colour);
    }
    assert_true(hatched > 20);
    assert_int_equal(bar, 0);
    assert_int_equal(ink_box(s, p.x0[1] + xl, p.x0[1] + xr, p.y0[1] + p.L[1].py1 - 40 * p.L[1].scale,
                             p.y0[1] + p.L[1].py1 - 2, 0xC0), 0);   /* no "n/a" */
    cairo_surface_destroy(s);
    free(png);
    free(a);
    free(b);
    org_scenario_destroy(&sa);
    org_scenario_destroy(&sb);
    test_remove_tree(dir);
}

static int teardown(void **state)
{
    (void)state;
    plot_shutdown(); /* release fontconfig's caches for LeakSanitizer */
    return 0;
}

int test_group_batch_summary(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_chart),
    };
    return cmocka_run_group_tests_name("batch_summary", tests, NULL, teardown);
}
