/* test_util_text — text the tool hands to other programs and people
 * (issue 19): CSV cells neutralised against formula injection while
 * numbers stay numbers (util/util_csv.c); control characters escaped for
 * the terminal (util/util_msg.c); bounded line reads and tree removal
 * (util/util_file.c). */
#include "tests/testutil.h"

#include "util/util_buf.h"
#include "util/util_csv.h"
#include "util/util_file.h"
#include "util/util_msg.h"
#include "util/util_sys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void cell_is(const char *in, const char *want)
{
    util_buf b = { 0 };
    util_csv_field(&b, in);
    assert_false(b.err);
    assert_string_equal(util_buf_str(&b), want);
    util_buf_free(&b);
    /* the FILE form writes the same bytes */
    char *text = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&text, &n);
    assert_non_null(fp);
    util_csv_fput(fp, in);
    fclose(fp);
    assert_string_equal(text, want);
    free(text);
}

static void test_csv_cells(void **state)
{
    (void)state;
    cell_is("true_devops", "true_devops");
    cell_is("", "");
    cell_is("a,b", "\"a,b\"");
    cell_is("say \"hi\"", "\"say \"\"hi\"\"\"");
    /* OWASP: =, +, -, @, tab and CR at the start; and ' so the rule can be undone */
    cell_is("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"");
    cell_is("+1", "\"'+1\"");
    cell_is("-x", "\"'-x\"");
    cell_is("@SUM(A1)", "\"'@SUM(A1)\"");
    cell_is("\t=1", "\"'\t=1\"");
    cell_is("\r=1", "\"'\r=1\"");
    cell_is("'quoted", "\"''quoted\"");
    cell_is("=\"a\",b", "\"'=\"\"a\"\",b\"");
    /* only the first character counts */
    cell_is("a=b", "a=b");
    cell_is("a-b", "a-b");
}

static void escaped_is(const char *in, int keep_newline, const char *want)
{
    util_buf b = { 0 };
    util_term_escape(&b, in, keep_newline);
    assert_false(b.err);
    assert_string_equal(util_buf_str(&b), want);
    util_buf_free(&b);
}

static void test_term_escape(void **state)
{
    (void)state;
    escaped_is("plain text", 0, "plain text");
    escaped_is("\x1b[31mred", 0, "\\x1b[31mred");
    escaped_is("\x1b]0;title\x07", 0, "\\x1b]0;title\\x07");
    escaped_is("a\nb\tc", 0, "a\\x0ab\\x09c");
    escaped_is("a\nb\tc", 1, "a\nb\tc");
    escaped_is("del\x7f", 0, "del\\x7f");
    /* C1 CSI as UTF-8; other UTF-8 stays */
    escaped_is("x\xc2\x9b" "2J", 0, "x\\u009b2J");
    escaped_is("caf\xc3\xa9 \xc2\xb7", 0, "caf\xc3\xa9 \xc2\xb7");
    escaped_is("", 0, "");
}

static void test_read_line(void **state)
{
    (void)state;
    static const char text[] = "one\n\ntwo has \0 a NUL\nlast";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
    assert_non_null(fp);
    util_buf b = { 0 };
    assert_int_equal(util_read_line(fp, &b, 100), 1);
    assert_int_equal(b.n, 4);
    assert_memory_equal(b.p, "one\n", 4);
    assert_int_equal(util_read_line(fp, &b, 100), 1);
    assert_int_equal(b.n, 1);
    assert_int_equal(util_read_line(fp, &b, 100), 1);
    assert_int_equal(b.n, 16);
    assert_int_equal(util_read_line(fp, &b, 100), 1);
    assert_string_equal(util_buf_str(&b), "last");
    assert_int_equal(util_read_line(fp, &b, 100), 0);
    fclose(fp);
    /* a line beyond the bound stops there: memory stays bounded */
    static const char longline[] = "0123456789abcdef";
    fp = fmemopen((void *)longline, sizeof longline - 1, "r");
    assert_int_equal(util_read_line(fp, &b, 8), -1);
    assert_true(b.n <= 8);
    fclose(fp);
    util_buf_free(&b);
}

static void test_rm_tree(void **state)
{
    (void)state;
    char dir[256], outside[256], p[512];
    assert_non_null(test_mkdtemp(dir, sizeof dir, "rmtree"));
    assert_non_null(test_mkdtemp(outside, sizeof outside, "rmtree_keep"));
    snprintf(p, sizeof p, "%s/kept", outside);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fclose(fp);
    snprintf(p, sizeof p, "%s/a/b", dir);
    assert_int_equal(util_mkdir_p(p), 0);
    snprintf(p, sizeof p, "%s/a/b/f", dir);
    fp = fopen(p, "w");
    assert_non_null(fp);
    fclose(fp);
    /* a link to a folder outside: the link goes, not what it points to */
    snprintf(p, sizeof p, "%s/a/link", dir);
    assert_int_equal(symlink(outside, p), 0);
    assert_int_equal(util_rm_tree(dir), 0);
    struct stat st;
    assert_int_not_equal(lstat(dir, &st), 0);
    snprintf(p, sizeof p, "%s/kept", outside);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(util_rm_tree(dir), 0);   /* missing: no error */
    test_remove_tree(outside);
}

/* Headcounts for people: whole numbers with thousands separators ("(4320)"
 * on the large-enterprise time split read as a code, not a headcount). */
/* Characters, not bytes: the width a table gives text (a plan named
 * "all-serverless" and a cell "23 h · high~" must pad alike). */
static void test_utf8_chars(void **state)
{
    (void)state;
    assert_int_equal(util_utf8_chars(""), 0);
    assert_int_equal(util_utf8_chars(NULL), 0);
    assert_int_equal(util_utf8_chars("all-serverless"), 14);
    assert_int_equal(util_utf8_chars("23 h \xc2\xb7 high~"), 12);     /* · is two bytes, one character */
    assert_int_equal(util_utf8_chars("8\xe2\x80\xa0~"), 3);           /* † is three */
    assert_int_equal(util_utf8_chars("\xf0\x9f\x93\x88"), 1);        /* a four-byte character */
}

static void test_fmt_whole(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(util_fmt_whole(0, b, sizeof b), "0");
    assert_string_equal(util_fmt_whole(999.4, b, sizeof b), "999");
    assert_string_equal(util_fmt_whole(999.5, b, sizeof b), "1,000");
    assert_string_equal(util_fmt_whole(4320, b, sizeof b), "4,320");
    assert_string_equal(util_fmt_whole(1234567, b, sizeof b), "1,234,567");
    assert_string_equal(util_fmt_whole(-12345.2, b, sizeof b), "-12,345");
    assert_string_equal(util_fmt_whole(-0.2, b, sizeof b), "0");        /* no "-0" */
    assert_string_equal(util_fmt_whole(-0.5, b, sizeof b), "-1");       /* one rounding: sign and digits agree */
    assert_string_equal(util_fmt_whole(2.5, b, sizeof b), "3");
    assert_string_equal(util_fmt_whole(-2.5, b, sizeof b), "-3");
    assert_string_equal(util_fmt_whole(NAN, b, sizeof b), "n/a");
    assert_string_equal(util_fmt_whole(INFINITY, b, sizeof b), "n/a");
    char small[4];      /* cut to the buffer, still terminated */
    assert_string_equal(util_fmt_whole(123456, small, sizeof small), "123");
}

/* Whether the memory region holding address a carries the huge-page advice
 * ("hg" in its VmFlags): 1, 0, or -1 when /proc/self/smaps cannot tell. */
static int region_advised(uintptr_t a)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    int inside = 0, found = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
            inside = a >= lo && a < hi;
            continue;
        }
        if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            found = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(f);
    return found;
}

/* util_heap_hugepages advises the heap's new memory: after the heap grew by
 * 8 MiB, the region below the new top carries the advice. */
static void test_heap_hugepages(void **state)
{
    (void)state;
    uintptr_t done = 0;
    util_heap_hugepages(&done);
    uintptr_t start = (uintptr_t)sbrk(0);
    if (done == 0 || access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) != 0) {
        printf("SKIPPED: no brk heap or no transparent huge pages here\n");
        skip();
    }
    assert_true(done == start);
    enum { N = 1 << 16 };
    void **blocks = calloc(N, sizeof *blocks);
    assert_non_null(blocks);
    int n = 0;
    while (n < N && (uintptr_t)sbrk(0) - start < ((uintptr_t)8 << 20)) {
        blocks[n] = malloc(1000);
        assert_non_null(blocks[n]);
        memset(blocks[n++], 1, 1000);   /* touched: the heap really holds it */
    }
    uintptr_t top = (uintptr_t)sbrk(0);
    if (top - start < ((uintptr_t)8 << 20)) {
        /* A malloc that does not take memory with brk (a sanitizer's). */
        for (int i = 0; i < n; i++)
            free(blocks[i]);
        free(blocks);
        printf("SKIPPED: malloc does not grow the brk heap here\n");
        skip();
    }
    util_heap_hugepages(&done);
    assert_true(done == top);
    int advised = region_advised(top - 4096);
    for (int i = 0; i < n; i++)
        free(blocks[i]);
    free(blocks);
    if (advised < 0) {
        printf("SKIPPED: /proc/self/smaps unreadable\n");
        skip();
    }
    assert_int_equal(advised, 1);
}

/* util_mem_hugepages advises the whole 2 MiB pages inside a block, and
 * nothing before the block's first whole page. */
static void test_mem_hugepages(void **state)
{
    (void)state;
    if (access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) != 0) {
        printf("SKIPPED: no transparent huge pages here\n");
        skip();
    }
    const size_t huge = (size_t)2 << 20, bytes = (size_t)16 << 20;
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(p != MAP_FAILED);
    uintptr_t first = ((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1);
    int before = region_advised(first + huge);
    util_mem_hugepages(p, bytes);
    int inside = region_advised(first + huge), head = (uintptr_t)p < first ? region_advised((uintptr_t)p) : 0;
    munmap(p, bytes);
    if (before < 0 || inside < 0 || head < 0) {
        printf("SKIPPED: /proc/self/smaps unreadable\n");
        skip();
    }
    assert_int_equal(before, 0);
    assert_int_equal(inside, 1);
    assert_int_equal(head, 0);
}

/* The bounds [*lo, *hi) of the memory region holding address a, from
 * /proc/self/maps: 0, or -1 when it cannot tell. */
static int region_bounds(uintptr_t a, uintptr_t *lo, uintptr_t *hi)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    int found = -1;
    while (found < 0 && fgets(line, sizeof line, f)) {
        unsigned long l, h;
        if (sscanf(line, "%lx-%lx ", &l, &h) == 2 && a >= l && a < h) {
            *lo = l;
            *hi = h;
            found = 0;
        }
    }
    fclose(f);
    return found;
}

/* util_block_hugepages advises a large block from malloc as one region:
 * advising only the whole 2 MiB pages inside it cut its mapping in three,
 * and realloc then copied it instead of moving it with mremap. */
static void test_block_hugepages(void **state)
{
    (void)state;
    if (access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) != 0) {
        printf("SKIPPED: no transparent huge pages here\n");
        skip();
    }
    const size_t bytes = (size_t)48 << 20;     /* the task list's size before it doubled */
    char *p = malloc(bytes);
    assert_non_null(p);
    util_block_hugepages(p, bytes);
    uintptr_t lo = 0, hi = 0, lo_end = 0, hi_end = 0;
    int a = region_bounds((uintptr_t)p, &lo, &hi);
    int b = region_bounds((uintptr_t)p + bytes - 1, &lo_end, &hi_end);
    int advised = region_advised((uintptr_t)p), advised_end = region_advised((uintptr_t)p + bytes - 1);
    free(p);
    if (a < 0 || b < 0 || advised < 0 || advised_end < 0) {
        printf("SKIPPED: /proc/self/maps or smaps unreadable\n");
        skip();
    }
    assert_true(lo == lo_end && hi == hi_end);      /* first and last byte in one region */
    assert_true(lo <= (uintptr_t)p && hi >= (uintptr_t)p + bytes);
    assert_int_equal(advised, 1);
    assert_int_equal(advised_end, 1);
}

int test_group_util_text(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_cells),
        cmocka_unit_test(test_term_escape),
        cmocka_unit_test(test_read_line),
        cmocka_unit_test(test_rm_tree),
        cmocka_unit_test(test_fmt_whole),
        cmocka_unit_test(test_utf8_chars),
        cmocka_unit_test(test_heap_hugepages),
        cmocka_unit_test(test_mem_hugepages),
        cmocka_unit_test(test_block_hugepages),
    };
    return cmocka_run_group_tests_name("util_text", tests, NULL, NULL);
}
