/* testutil — shared helpers for the cmocka tests: a tolerance assertion for
 * doubles (cmocka 1.1.5 has none; assert_float_equal casts to float) and the
 * registry of test groups the single runner executes. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <cmocka.h>

/* Fails unless |a - b| <= tol, printing both values and the tolerance. */
#define assert_near(a, b, tol) do {                                              \
        double a_ = (double)(a), b_ = (double)(b), t_ = (double)(tol);           \
        if (!(fabs(a_ - b_) <= t_)) {                                            \
            print_error("%s = %.10g, expected %s = %.10g within %.3g\n",         \
                        #a, a_, #b, b_, t_);                                     \
            fail();                                                              \
        }                                                                        \
    } while (0)

/* Each tests/test_<module>.c defines one of these; tests/test_main.c runs them all. */
int test_group_event(void);
int test_group_util_text(void);
int test_group_pqueue(void);
int test_group_rng(void);
int test_group_dist(void);
int test_group_stats(void);
int test_group_erlang(void);
int test_group_resource(void);
int test_group_queueing(void);
int test_group_model(void);
int test_group_wip(void);
int test_group_unplanned(void);
int test_group_know(void);
int test_group_claims(void);
int test_group_mechanisms(void);
int test_group_oncall(void);
int test_group_compare(void);
int test_group_plot(void);
int test_group_scenario(void);
int test_group_batch_pack(void);
int test_group_staff(void);
int test_group_charts(void);
int test_group_deck(void);
int test_group_export(void);
int test_group_report(void);
int test_group_design(void);
int test_group_warmup(void);
int test_group_sweep(void);
int test_group_robust(void);
int test_group_batch_summary(void);
int test_group_services(void);
int test_group_timeline(void);
int test_group_calibrate(void);

/* Shared helpers (tests/test_util.c). */
/* Creates /tmp/devopsim_<name>_XXXXXX (a unique directory) in buf; NULL on failure. */
const char *test_mkdtemp(char *buf, size_t size, const char *name);
/* rm -r dir (ignores what it cannot remove). */
void test_remove_tree(const char *dir);
/* The whole file, NUL-terminated, length in *n; caller frees. NULL when unreadable. */
unsigned char *test_read_file(const char *path, size_t *n);
/* 1 when needle occurs in p[0..n). */
int test_contains(const unsigned char *p, size_t n, const char *needle);
/* The number after key in a trace line (NAN when the line has none) /
 * the whole number after it (-1 when none). */
double test_num_after(const char *line, const char *key);
int test_int_after(const char *line, const char *key);
/* The product teams' time shares (time_share_product_*, the categories every
 * run reports) in one replication's values v: their sum, the busy ones
 * (all but idle) and the non-product ones (all but idle and product). */
void test_product_shares(const double *v, double *all, double *busy, double *np);
/* Number of "/Type /Page" objects in a PDF. */
int test_pdf_pages(const unsigned char *p, size_t n);

/* Source tree root for tests that read bundled files (env DEVOPSIM_SRCDIR, else "."). */
const char *test_srcdir(void);

/* Loads a scenario from text (name: the file name in messages); prints the
 * problems when it fails. 0, or -1 as scen_load_text. */
struct org_scenario;
int test_scen_load(const char *text, const char *name, struct org_scenario *s);
/* Runs replication rep of model m at hosting point h of s with its trace in
 * a temporary file, rewound (the caller fcloses it); fails the test when
 * the run fails. */
FILE *test_trace_run(const struct org_scenario *s, int m, int h, int rep);

/* A scenario fragment (no leading comma) that switches every flow mechanism
 * off: meetings and interruptions, review, continuity and the planning
 * cadence are on by default (models/presets.json). Tests whose small
 * organisations were sized without them, or that isolate another mechanism
 * whose expected effect was derived without them, set them off with it and
 * say why; the flow mechanisms have their own tests in test_model.c. */
#define TEST_FLOW_OFF                                                                     \
    "\"flow\": { \"interruption_share\": 0, \"interruption_sd\": 0, \"review_share\": 0, " \
    "\"continuity\": 0, \"iteration_days\": 0, \"switch_loss\": 0, \"wip_limit\": 0 }"

#endif
