/* cmd_plot — `devopsim plot RESULTS.json -o DIR`: the charts and the deck of
 * a run again from its stored results, without rerunning — the same code
 * path as `run` (report/charts.c), so the same files. */
#include "report/charts.h"
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "util/util_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <omp.h>

static const char usage[] =
    "usage: devopsim plot RESULTS.json -o DIR [options]\n"
    "\n"
    "Draws the charts of a run again from its stored results, without rerunning\n"
    "the simulation, into DIR/charts/ (the files `devopsim run` writes there):\n"
    "  lead_time       p85 and mean feature lead time per hosting point and model\n"
    "  bus_factor      infrastructure bus factor per hosting point and model\n"
    "  staffing        required central team and total headcount (with staffing\n"
    "                  data), else non-product work in busy FTE, across the continuum\n"
    "  time_split      where each team's time goes, at one hosting point\n"
    "  lead_time_cdf   the lead-time distribution per model, at one hosting point\n"
    "  transition, payback  a run with a timeline: features delivered per week,\n"
    "                  and the timeline against staying put (from the charts'\n"
    "                  transition.csv and payback.csv beside the results; not\n"
    "                  with --only)\n"
    "each as .png (1600x900), .svg and .pdf with a .csv of exactly the numbers\n"
    "drawn, and deck.pdf: title page, the charts, key numbers with DORA bands,\n"
    "assumptions and validity warnings.\n"
    "RESULTS may be a run's output directory. staffing.json (or staffing.csv)\n"
    "beside it is used when present; provenance.json gives the run date.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR      output directory; charts go to DIR/charts/\n"
    "  --format LIST         formats among png,svg,pdf,pptx,xlsx (default: png,svg,pdf;\n"
    "                        deck.pdf comes with pdf, deck.pptx with pptx,\n"
    "                        results.xlsx with xlsx)\n"
    "  --only LIST           charts to draw, e.g. lead_time,staffing (default: all)\n"
    "  --cdf-hosting H       hosting point of lead_time_cdf (default: the middle\n"
    "                        of the continuum, e.g. iaas)\n"
    "  --split-hosting H     hosting point of time_split (default: the middle)\n"
    "  --jobs N              drawing threads (default: all cores); the files do\n"
    "                        not depend on it\n"
    "  -q, --quiet           print nothing on success\n"
    "  -h, --help            this help\n"
    "\n"
    "The same results give byte-identical files, whatever the order or threads;\n"
    "deck.pdf alone carries a date (the run's, from provenance.json).\n"
    "exit status: 0 ok, 2 bad results file or usage, 1 could not write.\n";

typedef struct plot_opts {
    const char *results, *out, *formats, *only;
    charts_opts co;
    long jobs;
    int quiet;
} plot_opts;

static int parse(int argc, char **argv, plot_opts *o)
{
    memset(o, 0, sizeof *o);
    int r;
    cli_common_ptrs cp = { .out = &o->out, .jobs = &o->jobs, .quiet = &o->quiet };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 1;
        } else if ((r = cli_common_arg(argc, argv, &i, &cp)) != 0) {
            if (r < 0)
                return -1;
        } else if (!strcmp(a, "--format")) {
            if (charts_parse_formats(a, next, &o->co.formats) != 0) return -1;
            i++;
        } else if (!strcmp(a, "--only")) {
            if (charts_parse_only(a, next, &o->co.only) != 0) return -1;
            i++;
        } else if (!strcmp(a, "--cdf-hosting")) {
            if (!next) { util_error("%s needs a hosting point", a); return -1; }
            o->co.cdf_hosting = next; i++;
        } else if (!strcmp(a, "--split-hosting")) {
            if (!next) { util_error("%s needs a hosting point", a); return -1; }
            o->co.split_hosting = next; i++;
        } else if (cli_one_file("plot", "results file", NULL, a, &o->results) != 0) {
            return -1;
        }
    }
    if (!o->results) {
        util_error("plot: no results file given (see devopsim plot --help)");
        return -1;
    }
    if (!o->out) {
        util_error("plot: no output directory given: add -o DIR");
        return -1;
    }
    return 0;
}

int cmd_plot(int argc, char **argv)
{
    plot_opts o;
    int p = parse(argc, argv, &o);
    if (p != 0)
        return p > 0 ? CLI_OK : CLI_USAGE;
    /* a run's output directory stands for its results.json */
    char *results = NULL;
    struct stat st;
    if (stat(o.results, &st) == 0 && S_ISDIR(st.st_mode))
        results = util_path_join(o.results, "results.json");
    else
        results = strdup(o.results);
    char *dir = util_path_join(o.out, "charts");
    if (!results || !dir) {
        free(results);
        free(dir);
        util_error("out of memory");
        return CLI_FAIL;
    }
    /* An unusable -o is a usage problem (exit 2), found before reading. */
    if (stat(o.out, &st) == 0 && !S_ISDIR(st.st_mode)) {
        util_error("-o %s: exists and is not a directory", o.out);
        free(results);
        free(dir);
        return CLI_USAGE;
    }
    o.co.jobs = o.jobs > 0 ? (int)o.jobs : omp_get_num_procs();
    o.co.transition = 1;
    int rc = charts_write(results, dir, &o.co);
    if (rc == CHARTS_OK && !o.quiet) {
        unsigned f = o.co.formats ? o.co.formats : CHARTS_FMT_ALL;
        int n = 0;
        for (int i = 0; i < CHARTS_N; i++)
            n += !o.co.only || (o.co.only & (1u << i));
        static const char *const fname[] = { "png", "svg", "pdf", "pptx", "xlsx" };
        char list[64] = "";
        for (int i = 0; i < 5; i++)
            if (f & (1u << i) && i < 3) {
                size_t k = strlen(list);
                snprintf(list + k, sizeof list - k, "%s%s", k ? ", " : "", fname[i]);
            }
        printf("devopsim plot: %d chart%s (%s) with their CSVs%s%s%s in %s\n", n, n == 1 ? "" : "s",
               list[0] ? list : "none", f & CHARTS_FMT_PDF ? ", deck.pdf" : "",
               f & CHARTS_FMT_PPTX ? ", deck.pptx" : "", f & CHARTS_FMT_XLSX ? ", results.xlsx" : "", dir);
    }
    free(results);
    free(dir);
    return rc == CHARTS_OK ? CLI_OK : rc == CHARTS_EINPUT ? CLI_USAGE : CLI_FAIL;
}
