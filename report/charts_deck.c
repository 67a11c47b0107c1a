/* charts_deck — the pages of deck.pdf other than the charts: the title page,
 * the key numbers with their DORA bands, the assumptions (what the scenario
 * changes from the presets, and the key defaults with their sources, read
 * from the embedded presets so they never drift from the model) and the
 * validity warnings. See charts_int.h and docs/charts.md. */
#include "report/charts_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scen_load.h"
#include "plots/plot_money.h"
#include "plots/plot_page.h"
#include "util/util_buf.h"
#include "util/util_msg.h"
#include "plots/plot_ticks.h"
#include "report/report_robust.h"
#include "report/charts_plan.h"
#include "report/charts_transition.h"
#include "report/charts_sensitivity.h"

#ifndef DEVOPSIM_VERSION
#define DEVOPSIM_VERSION "unknown"
#endif

#define TABLE_ROWS_PER_PAGE 12
#define CELL CHARTS_DECK_CELL
#define TABLE_PAGES_MAX 12
#define WARNING_LINES_MAX 14

/* ---- the title page ---------------------------------------------------------------- */

/* The cover shows the scenario's "summary" (at most SCEN_SUMMARY_MAX
 * characters, checked when the scenario is read), or without one the start
 * of its description: the cover has room for about four lines (the rest is
 * in results.json), so a longer one ends at the last sentence, or word, that
 * fits. */
#define DESCRIPTION_MAX 330    /* characters */

static const char *short_description(const char *s, char *buf, size_t n)
{
    size_t end = 0, chars = 0;   /* end: the byte after the DESCRIPTION_MAX-th character */
    while (s[end] && chars < DESCRIPTION_MAX) {
        end++;
        while (((unsigned char)s[end] & 0xC0) == 0x80)
            end++;
        chars++;
    }
    if (!s[end] || n < end + 4)
        return s;
    size_t cut = 0;
    for (size_t i = end / 2; i < end; i++)
        if ((s[i] == '.' || s[i] == ':' || s[i] == ';') && s[i + 1] == ' ')
            cut = i + 1;
    int sentence = cut > 0;
    if (!cut)
        for (size_t i = end; i > 0 && !cut; i--)
            if (s[i] == ' ')
                cut = i;
    if (!cut)
        cut = end;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
        cut--;
    if (sentence && s[cut - 1] != '.')
        cut--; /* "…: rest" becomes "… …" without the colon */
    memcpy(buf, s, cut);
    snprintf(buf + cut, n - cut, " \xe2\x80\xa6");
    return buf;
}

static int title_page(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    util_buf models = { 0 }, hostings = { 0 }, who = { 0 };
    util_buf_add(&models, "%d ownership model%s: ", d->n_models, d->n_models == 1 ? "" : "s");
    for (int m = 0; m < d->n_models; m++)
        util_buf_add(&models, "%s%s", m ? ", " : "", charts_model_label(d->model[m]));
    if (charts_plan_timeline_does(d->scenario_file, "model"))       /* acme's "1 ownership model: DevOps team" while its plan changes it */
        util_buf_add(&models, " at the start (the timeline changes it during the run)");
    util_buf_add(&hostings, "%d hosting point%s: ", d->n_hostings, d->n_hostings == 1 ? "" : "s");
    for (int h = 0; h < d->n_hostings; h++)
        util_buf_add(&hostings, "%s%s", h ? ", " : "", charts_hosting_label(d->hosting[h]));
    if (charts_plan_timeline_does(d->scenario_file, "migrate"))
        util_buf_add(&hostings, " at the start (the timeline migrates during the run)");
    util_buf_add(&who, "%d replication%s per model and hosting point (common random numbers), seed %s",
                   d->reps, d->reps == 1 ? "" : "s", d->seed);
    char prog[256];
    snprintf(prog, sizeof prog, "devopsim %s \xc2\xb7 run %s%s%s", d->version, d->run_date,
             d->scenario_hash ? " \xc2\xb7 scenario hash " : "", d->scenario_hash ? d->scenario_hash : "");
    plot_text_block blocks[5];
    size_t n = 0;
    char desc[4 * DESCRIPTION_MAX + 8];
    const char *about = d->summary ? d->summary : d->description;
    if (about && *about)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH, short_description(about, desc, sizeof desc) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, util_buf_str(&models) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, util_buf_str(&hostings) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, util_buf_str(&who) };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, prog };
    char title[200];
    snprintf(title, sizeof title, "%s", d->scenario);
    plot_text_page page = { 0 };
    page.title = title;
    page.subtitle = "Ownership models across the hosting continuum: simulated lead time, knowledge and staffing";
    page.blocks = blocks;
    page.n_blocks = n;
    page.cover = 1;
    int st = models.err || hostings.err || who.err
                 ? PLOT_ENOMEM
                 : charts_sink_page(deck, plot_text_page_draw_fn, &page, &page, title, NULL, err, err_len);
    util_buf_free(&models);
    util_buf_free(&hostings);
    util_buf_free(&who);
    return st;
}

/* "base (p+1 of pages)", or base alone on a single page. */
static void numbered(char *buf, size_t n, const char *base, size_t p, size_t pages)
{
    if (pages > 1)
        snprintf(buf, n, "%s (%zu of %zu)", base, p + 1, pages);
    else
        snprintf(buf, n, "%s", base);
}

/* ---- text continued over pages ---------------------------------------------------------- */

#define TEXT_PAGES_MAX 64

/* The page of blocks [i, e) of t, in buf (a "(continued)" heading first when
 * it starts inside a group; cont holds its text): the page to draw. */
static plot_text_page text_slice(const plot_text_page *t, size_t i, size_t e, plot_text_block *buf, char *cont,
                                 size_t cont_len)
{
    plot_text_page pg = *t;
    size_t n = 0;
    if (i > 0 && t->blocks[i].kind != PLOT_BLOCK_HEADING) {
        size_t g = i;
        while (g > 0 && t->blocks[g].kind != PLOT_BLOCK_HEADING)
            g--;
        if (t->blocks[g].kind == PLOT_BLOCK_HEADING) {
            snprintf(cont, cont_len, "%s (continued)", t->blocks[g].text);
            buf[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, cont };
        }
    }
    for (size_t k = i; k < e; k++)
        buf[n++] = t->blocks[k];
    pg.blocks = buf;
    pg.n_blocks = n;
    return pg;
}

/* charts_int.h: text page t over as many deck pages as it needs. */
int charts__text_pages(charts_sink *deck, const plot_text_page *t, char *err, size_t err_len)
{
    size_t ends[TEXT_PAGES_MAX], pages = 0, i = 0, n = t->n_blocks;
    plot_text_block *buf = calloc(n + 2, sizeof *buf);
    char cont[200], title[200];
    if (!buf) {
        snprintf(err, err_len, "out of memory drawing the deck");
        return PLOT_ENOMEM;
    }
    snprintf(title, sizeof title, "%s (%d of %d)", t->title ? t->title : "", TEXT_PAGES_MAX, TEXT_PAGES_MAX);
    while (i < n || pages == 0) {
        size_t e = i + 1 < n ? i + 1 : n;   /* grow the page while the next block fits */
        while (e < n && pages + 1 < TEXT_PAGES_MAX) {
            plot_text_page pg = text_slice(t, i, e + 1, buf, cont, sizeof cont);
            pg.title = title;
            if (plot_text_page_fits(CHARTS_PAGE_W, CHARTS_PAGE_H, &pg) != 1)
                break;
            e++;
        }
        if (pages + 1 == TEXT_PAGES_MAX)
            e = n;
        while (e < n && e > i + 1 && t->blocks[e - 1].kind == PLOT_BLOCK_HEADING)
            e--;
        ends[pages++] = e;
        i = e;
    }
    int st = PLOT_OK;
    for (size_t p = 0, s0 = 0; p < pages && !st; s0 = ends[p++]) {
        plot_text_page pg = text_slice(t, s0, ends[p], buf, cont, sizeof cont);
        numbered(title, sizeof title, t->title ? t->title : "", p, pages);
        pg.title = title;
        st = charts_sink_page(deck, plot_text_page_draw_fn, &pg, &pg, title, t->caption, err, err_len);
    }
    free(buf);
    return st;
}

size_t charts__text_blocks(char *text, plot_text_block *blocks, size_t cap)
{
    size_t n = 0;
    for (char *p = text, *nl; p && n < cap && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = '\0';
        plot_block_kind kind = !strncmp(p, "# ", 2) ? PLOT_BLOCK_HEADING
                             : !strncmp(p, "> ", 2) ? PLOT_BLOCK_PARAGRAPH : PLOT_BLOCK_BULLET;
        int marked = kind != PLOT_BLOCK_BULLET || !strncmp(p, "- ", 2);
        blocks[n++] = (plot_text_block){ kind, p + (marked ? 2 : 0) };
    }
    return n;
}

/* ---- executive summary ------------------------------------------------------------------ */

#define SUMMARY_UNSTABLE_SHOWN 3

/* "€1.2M" for a yearly cost into buf. */
static const char *money(const charts_data *d, double v, char *buf, size_t n)
{
    if (plot_money_format(v, d->currency, 2, buf, n) != 0)
        snprintf(buf, n, "n/a");
    return buf;
}

/* Appends " Robust." or " Fragile: flips when X ×0.5." to a headline
 * sentence for its label (report_robust.h); nothing for NULL. */
static void append_robust(char *line, size_t size, const char *label)
{
    size_t o = strlen(line);
    if (!label || o >= size)
        return;
    if (!strncmp(label, "fragile", 7))
        snprintf(line + o, size - o, " Fragile%s.", label + 7);
    else
        snprintf(line + o, size - o, " Robust.");
}

/* " It holds, significantly, only at PaaS and Serverless (2 of 6 hosting
 * points)." after a headline that holds at under half of them, then " The
 * opposite holds, significantly, at On-prem and IaaS." after one that
 * reverses at other hosting points. */
static void append_reversals(char *line, size_t size, const charts_data *d, int pick, const unsigned char *unstable,
                             const char *const *hostings)
{
    char note[512];
    size_t o = strlen(line);
    if (o < size && report_headline_support(d->cmp, d->n_cmp, pick, unstable, d->n_hostings, hostings, note,
                                            sizeof note) > 0)
        snprintf(line + o, size - o, " I%s.", note + 1);
    o = strlen(line);
    if (o < size && report_headline_reversals(d->cmp, d->n_cmp, pick, unstable, d->n_hostings, hostings, note,
                                              sizeof note) > 0)
        snprintf(line + o, size - o, " T%s.", note + 1);
}

/* " Not a steady state: …" after a headline one of whose designs drifts. */
static void append_drift(char *line, size_t size, int drifts)
{
    size_t o = strlen(line);
    if (drifts && o < size)
        snprintf(line + o, size - o, " N%s.", REPORT_DRIFT_NOTE + 1);
}

/* " The change policy changes too, from a change board and windows to an
 * on-demand pipeline." after a headline whose two designs follow
 * different change policies (the terminal report's note, the policies in
 * words: charts_policy_label). */
static void append_policy(char *line, size_t size, const report_cmp *c, const char *const *policies)
{
    char note[256], la[96], lb[96];
    size_t o = strlen(line);
    if (o >= size || !policies)
        return;
    report_cmp two = *c;        /* the same comparison over the two labels */
    two.a = 0;
    two.b = 1;
    const char *labels[2] = { policies[c->a] ? charts_policy_label(policies[c->a], la, sizeof la) : NULL,
                              policies[c->b] ? charts_policy_label(policies[c->b], lb, sizeof lb) : NULL };
    if (!report_headline_policy_note(&two, labels, note, sizeof note))
        return;
    snprintf(line + o, size - o, " T%s.", note + 1);
}

/* "Left out: 2 comparisons against 1 unstable design (no steady state): …"
 * into line: the first SUMMARY_UNSTABLE_SHOWN unstable designs and why. */
static void unstable_line(const charts_data *d, const char **models, const char **hostings, int skipped,
                          int n_unstable, char *line, size_t size)
{
    int nm = d->n_models, nh = d->n_hostings;
    size_t o = (size_t)snprintf(line, size, "Left out: %d comparison%s against %d unstable "
                                "design%s (no steady state):", skipped, skipped == 1 ? "" : "s", n_unstable,
                                n_unstable == 1 ? "" : "s");
    int shown = 0;
    for (int m = 0; m < nm; m++)
        for (int h = 0; h < nh; h++) {
            const charts_cell *c = charts_cell_at(d, m, h);
            if (!c->unstable || o + 4 >= size)
                continue;
            if (shown++ < SUMMARY_UNSTABLE_SHOWN)
                o += (size_t)snprintf(line + o, size - o, "%s %s at %s (%s)", shown > 1 ? ";" : "",
                                      models[m], hostings[h], c->unstable_why);
        }
    if (shown > SUMMARY_UNSTABLE_SHOWN && o + 4 < size)
        snprintf(line + o, size - o, "; and %d more", shown - SUMMARY_UNSTABLE_SHOWN);
}

/* The fewest and the most people that meet the staffing targets, and where
 * (or that no design meets them), into line. */
static void fewest_most_line(const charts_data *d, const char **models, const char **hostings, char *line,
                             size_t size)
{
    int nm = d->n_models, nh = d->n_hostings;
    int lo_m = -1, lo_h = -1, hi_m = -1, hi_h = -1;
    for (int m = 0; m < nm; m++)
        for (int h = 0; h < nh; h++) {
            double t = charts_cell_at(d, m, h)->staff_total;
            if (!isfinite(t))
                continue;
            if (lo_m < 0 || t < charts_cell_at(d, lo_m, lo_h)->staff_total)
                lo_m = m, lo_h = h;
            if (hi_m < 0 || t > charts_cell_at(d, hi_m, hi_h)->staff_total)
                hi_m = m, hi_h = h;
        }
    if (lo_m >= 0) {
        const charts_cell *a = charts_cell_at(d, lo_m, lo_h), *b = charts_cell_at(d, hi_m, hi_h);
        char ca[40], cb[40], wa[32], wb[32];
        /* a marginal answer (the headcount pages' *) is said here too: the
         * board reads this line, not the table's marks */
        int marg = (a->staff_marginal != 0) + (b->staff_marginal != 0);
        snprintf(line, size, "Fewest people: %s at %s, %s (%s a year); most: %s at %s, %s "
                 "(%s a year). Headcounts are the smallest that meet the targets, not estimates with an interval%s.",
                 models[lo_m], hostings[lo_h], util_fmt_whole(a->staff_total, wa, sizeof wa),
                 money(d, a->staff_cost_year, ca, sizeof ca), models[hi_m], hostings[hi_h],
                 util_fmt_whole(b->staff_total, wb, sizeof wb), money(d, b->staff_cost_year, cb, sizeof cb),
                 marg == 2 ? "; both are marginal (*)" : marg && a->staff_marginal ? "; the fewest is marginal (*)"
                 : marg ? "; the most is marginal (*)" : "");
        /* a design that meets the targets nowhere is in neither: say so (enterprise's
         * Traditional ops, whose p85 lead time stays above the target at every size) */
        for (int m = 0; m < nm; m++) {
            int any = 0;
            for (int h = 0; h < nh && !any; h++)
                any = isfinite(charts_cell_at(d, m, h)->staff_total);
            size_t o = strlen(line);
            if (!any && o + 1 < size)
                snprintf(line + o, size - o, " %s meets the targets at no hosting point.", models[m]);
        }
    } else {
        snprintf(line, size, "No design reaches the targets at any size searched (see %s).",
                 d->staffing_file ? d->staffing_file : "staffing.json");
    }
}

/* How many of the results carry validity warnings and how many are
 * unstable, into line; said plainly when none does ("0 of 18 … (the last
 * page lists them)" pointed at a page that is not there). */
static void qualifies_line(int n_warned, int n_unstable, int n_results, char *line, size_t size)
{
    if (n_warned == 0 && n_unstable == 0)
        snprintf(line, size, "None of the %d results carries a validity warning, and none is unstable.", n_results);
    else if (n_unstable == 0)
        snprintf(line, size, "%d of %d result%s carr%s validity warnings (the last page lists them); none is unstable.",
                 n_warned, n_results, n_results == 1 ? "" : "s", n_warned == 1 ? "ies" : "y");
    else
        snprintf(line, size, "%d of %d results carry validity warnings (the last page lists them); %d %s unstable "
                 "and %s drawn as hatched \"unstable\" markers, not bars.", n_warned, n_results, n_unstable,
                 n_unstable == 1 ? "is" : "are", n_unstable == 1 ? "is" : "are");
}

/* At most this many designs' payback sentences on the summary page (the
 * transition page has them all). */
#define SUMMARY_PAYBACK 6

/* The payback of a run with a timeline (payback.csv) as summary bullets
 * under their own heading: its sentences are read into text (kept by the
 * caller until the page is drawn; cut in place into blocks), a line beyond
 * SUMMARY_PAYBACK designs into lines[*nl]. The new block count; nothing
 * when the run had no timeline or the file does not fit these results. */
static size_t summary_payback(const charts_data *d, util_buf *text, plot_text_block *blocks, size_t n,
                              char (*lines)[720], size_t *nl)
{
    char why[256];
    int designs = d->payback_csv ? charts_transition_payback(d, d->payback_csv, text, why, sizeof why) : 0;
    if (designs <= 0 || text->err || !text->p)
        return n;
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, "The transition: the timeline against staying put" };
    n += charts__text_blocks((char *)text->p, blocks + n, SUMMARY_PAYBACK);
    if (designs > SUMMARY_PAYBACK) {
        snprintf(lines[*nl], sizeof lines[*nl], "… and %d more on the transition page.", designs - SUMMARY_PAYBACK);
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[(*nl)++] };
    }
    return n;
}

/* One page a board reads first: the headline sentences at the scenario's
 * team sizes (never against an unstable design), what equal delivery costs
 * at the sizes the staffing search found, and the warnings that qualify
 * them. Each sentence carries its 95% interval and, when the run checked
 * it (robustness.csv), its robustness label. */
static int summary_page(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    int nm = d->n_models, nh = d->n_hostings;
    size_t cells = (size_t)nm * (size_t)nh;
    unsigned char *unstable = calloc(cells ? cells : 1, 1);
    const char **models = calloc((size_t)nm + 1, sizeof *models);
    const char **hostings = calloc((size_t)nh + 1, sizeof *hostings);
    enum { LINES = REPORT_HEADLINES + SUMMARY_PAYBACK + 14 };
    char (*lines)[720] = calloc(LINES, sizeof *lines);
    plot_text_block blocks[LINES + 6];
    util_buf payback = { 0 };   /* the payback sentences the blocks point into */
    int st = PLOT_OK;
    if (!unstable || !models || !hostings || !lines) {
        snprintf(err, err_len, "out of memory drawing the deck");
        st = PLOT_ENOMEM;
        goto out;
    }
    int n_unstable = 0, n_warned = 0;
    for (int m = 0; m < nm; m++)
        models[m] = charts_model_label(d->model[m]);
    for (int h = 0; h < nh; h++)
        hostings[h] = charts_hosting_label(d->hosting[h]);
    for (int m = 0; m < nm; m++)
        for (int h = 0; h < nh; h++) {
            const charts_cell *c = charts_cell_at(d, m, h);
            unstable[(size_t)m * (size_t)nh + (size_t)h] = (unsigned char)c->unstable;
            n_unstable += c->unstable;
            n_warned += cJSON_GetArraySize(c->warnings) > 0;
        }
    size_t n = 0, nl = 0;
    char head1[200];
    if (isfinite(d->today_product) && isfinite(d->today_central)) {
        char np[32], nc[32];
        plot_number_format(d->today_product, 0, PLOT_FMT_THOUSANDS, np, sizeof np);
        plot_number_format(d->today_central, 0, PLOT_FMT_THOUSANDS, nc, sizeof nc);
        snprintf(head1, sizeof head1, "At the scenario's team sizes (%s product engineers, central team of %s)", np, nc);
    } else {
        snprintf(head1, sizeof head1, "At the scenario's team sizes");
    }
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, head1 };
    int printed = 0, skipped = 0;
    for (int k = 0; k < REPORT_HEADLINES && d->n_cmp; k++) {
        int best = report_headline_pick(d->cmp, d->n_cmp, k, unstable, nh, &skipped);
        if (best < 0)
            continue;
        report_headline_text(&d->cmp[best], models, hostings, d->restore_hours, lines[nl], sizeof lines[nl]);
        append_reversals(lines[nl], sizeof lines[nl], d, best, unstable, hostings);
        append_drift(lines[nl], sizeof lines[nl], d->cmp[best].drifts);
        append_policy(lines[nl], sizeof lines[nl], &d->cmp[best], d->change_policy);
        append_robust(lines[nl], sizeof lines[nl], d->cmp[best].robust);
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[nl++] };
        printed++;
    }
    if (!d->cmp && nm < 2)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH, "One ownership model only: no comparison between "
                                         "designs (add models to the scenario to compare them)." };
    else if (!d->cmp)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH,
                                         "No paired comparisons beside these results (comparisons.csv of the run)." };
    else if (!printed)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH,
                                         "No difference between stable designs is significant at 5% (Holm-corrected)." };
    if (skipped) {
        unstable_line(d, models, hostings, skipped, n_unstable, lines[nl], sizeof lines[nl]);
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[nl++] };
    }
    n = summary_payback(d, &payback, blocks, n, lines, &nl);
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, "At equal delivery (team sizes found by the staffing search)" };
    if (d->has_staffing) {
        fewest_most_line(d, models, hostings, lines[nl], sizeof lines[nl]);
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[nl++] };
        if (isfinite(d->today_product) && isfinite(d->today_central)) {
            char np[32];
            plot_number_format(d->today_product + d->today_central, 0, PLOT_FMT_THOUSANDS, np, sizeof np);
            snprintf(lines[nl], sizeof lines[nl], "Today: %s people (scenario team sizes); the headcount pages "
                     "compare each option with today.", np);
            blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[nl++] };
        }
    } else {
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH, "Not searched: the scenario sets no staffing targets "
                                         "(add \"targets\"; docs/staffing.md)." };
    }
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, "What qualifies these" };
    qualifies_line(n_warned, n_unstable, nm * nh, lines[nl], sizeof lines[nl]);
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[nl++] };
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, "A simulation of the assumptions listed at the end, not a "
                                     "measurement." };
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    /* what "Robust" and "Fragile" after a sentence mean */
    if (printed && d->robust_perturbations) {
        size_t o = strlen(sub);
        snprintf(sub + o, sizeof sub - o, " · robust: sign holds with %d modelling choices ×%g, ×%g",
                 d->robust_perturbations, REPORT_ROBUST_LOW, REPORT_ROBUST_HIGH);
    }
    plot_text_page page = { 0 };
    page.title = "Executive summary";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = n;
    st = charts__text_pages(deck, &page, err, err_len);
out:
    util_buf_free(&payback);
    free(unstable);
    free(models);
    free(hostings);
    free(lines);
    return st;
}

/* ---- headcount and cost ------------------------------------------------------------------ */

/* A table page whose speaker notes are its caption and then its rows, the
 * cells joined by " | " (what a presenter reads out; what tests read). */
static int table_page_noted(charts_sink *deck, const plot_table *t, char *err, size_t err_len)
{
    util_buf notes = { 0 };
    util_buf_add(&notes, "%s\n", t->caption);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t j = 0; j < t->n_cols; j++)
            util_buf_add(&notes, "%s%s", j ? " | " : "", t->cells[r * t->n_cols + j] ? t->cells[r * t->n_cols + j] : "");
        util_buf_add(&notes, "\n");
    }
    int st = notes.err ? PLOT_ENOMEM
                       : charts_sink_page(deck, plot_table_draw_fn, t, NULL, t->title, util_buf_str(&notes), err,
                                          err_len);
    util_buf_free(&notes);
    return st;
}

#define COST_COLS 9

/* A headcount: a whole number, or "n/a". */
static void people(double v, char *buf, size_t n)
{
    util_fmt_whole(v, buf, n);
}

/* Today vs each option at equal delivery, per hosting point: the scenario's
 * team sizes, the sizes the staffing search found, the change, the yearly
 * cost and the p85 lead time at the found sizes. Only with staffing data. */
static int cost_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    if (!d->has_staffing)
        return PLOT_OK;
    char cost_h[64], today_h[64];
    snprintf(cost_h, sizeof cost_h, "Cost a year, found (%s)", d->currency);
    snprintf(today_h, sizeof today_h, "Cost a year, today (%s)", d->currency);
    const char *header[COST_COLS] = { "Hosting", "Ownership model", "Today (people)", "Central team found",
                                      "Total found", "Change vs today", today_h, cost_h,
                                      "p85 lead time at found sizes (days)" };
    size_t rows = (size_t)d->n_models * (size_t)d->n_hostings;
    size_t per = TABLE_ROWS_PER_PAGE / (size_t)(d->n_models > 0 && d->n_models <= TABLE_ROWS_PER_PAGE ? d->n_models : 1)
                 * (size_t)(d->n_models > 0 && d->n_models <= TABLE_ROWS_PER_PAGE ? d->n_models : 1);
    size_t pages = (rows + per - 1) / per;
    if (pages > TABLE_PAGES_MAX)
        pages = TABLE_PAGES_MAX;
    char (*text)[CELL] = calloc(TABLE_ROWS_PER_PAGE * COST_COLS, CELL);
    const char **cells = calloc(TABLE_ROWS_PER_PAGE * COST_COLS, sizeof *cells);
    if (!text || !cells) {
        free(text);
        free(cells);
        snprintf(err, err_len, "out of memory drawing the deck");
        return PLOT_ENOMEM;
    }
    double today = d->today_product + d->today_central;
    char sub0[200], sub[300], caption[600], title[128];
    charts_subtitle(d, sub0, sizeof sub0);
    snprintf(sub, sizeof sub, "%s \xc2\xb7 today: the scenario's team sizes \xc2\xb7 found: by the staffing search", sub0);
    int st = PLOT_OK;
    for (size_t p = 0; p < pages && !st; p++) {
        size_t r0 = p * per, r1 = r0 + per < rows ? r0 + per : rows;
        int marginal = 0;
        for (size_t r = r0; r < r1; r++) {
            /* per hosting point, then model */
            int h = (int)(r / (size_t)d->n_models), m = (int)(r % (size_t)d->n_models);
            const charts_cell *c = charts_cell_at(d, m, h);
            size_t k = (r - r0) * COST_COLS;
            for (int j = 0; j < COST_COLS; j++)
                cells[k + (size_t)j] = text[k + (size_t)j];
            snprintf(text[k + 0], CELL, "%s", charts_hosting_label(d->hosting[h]));
            snprintf(text[k + 1], CELL, "%s", charts_model_label(d->model[m]));
            people(today, text[k + 2], CELL);
            people(c->staff_central, text[k + 3], CELL);
            people(c->staff_total, text[k + 4], CELL);
            /* marked: the central team's targets (its column) or the product
             * teams' (the total) are met only within the noise at this size */
            for (int t = 0; t < 2; t++) {
                char *cell = text[k + 3 + (size_t)t];
                if ((c->staff_marginal >> t & 1) && isfinite(t ? c->staff_total : c->staff_central)) {
                    size_t o = strlen(cell);
                    snprintf(cell + o, CELL - o, " *");
                    marginal = 1;
                }
            }
            if (isfinite(today) && isfinite(c->staff_total))
                snprintf(text[k + 5], CELL, "%+.0f", c->staff_total - today);
            else
                snprintf(text[k + 5], CELL, "n/a");
            if (plot_money_format(c->staff_cost_today, d->currency, 3, text[k + 6], CELL) != 0)
                snprintf(text[k + 6], CELL, "n/a");
            if (plot_money_format(c->staff_cost_year, d->currency, 3, text[k + 7], CELL) != 0)
                snprintf(text[k + 7], CELL, "n/a");
            charts_fmt(c->staff_lead_p85, text[k + 8], CELL);
            if (!isfinite(c->staff_total) && isfinite(c->staff_lead_p85)) {
                /* no size met the targets: the p85 is the largest size tried's, not a found one's */
                size_t o = strlen(text[k + 8]);
                snprintf(text[k + 8] + o, CELL - o, " (not met)");
            }
        }
        numbered(title, sizeof title, "Headcount and cost: today vs each option", p, pages);
        size_t more = p + 1 == pages && rows > r1 ? rows - r1 : 0;
        char extra[120] = "";
        if (more)
            snprintf(extra, sizeof extra, " %zu more rows are in staffing.csv.", more);
        snprintf(caption, sizeof caption,
                 "Today: the scenario's team sizes. Found: the smallest sizes that meet the staffing targets "
                 "(equal delivery; docs/staffing.md). Cost: engineers, hosting and on-call stand-by in %s; today's "
                 "with product teams raised to the on-call floor where the design needs rotations. n/a: no size "
                 "searched meets the targets (its p85 is then the largest size tried's: not met).%s%s", d->currency,
                 marginal ? " *: marginal (a target inside the 95% interval at that size or one below)." : "", extra);
        plot_table t = { 0 };
        t.title = title;
        t.subtitle = sub;
        t.caption = caption;
        t.n_cols = COST_COLS;
        t.n_rows = r1 - r0;
        t.header = header;
        t.cells = cells;
        t.align = "llrrrrrrr";
        st = table_page_noted(deck, &t, err, err_len);
    }
    free(text);
    free(cells);
    return st;
}

/* ---- what the scenario asks: projects and hiring ---------------------------------------------- */

#define UNSTABLE_MARK "\xe2\x80\xa0"   /* † after an unstable design's hosting point in a table */
#define QUESTION_COLS 4       /* metrics a page shows beside model and hosting; the rest: summary.csv */
#define QUESTION_MIN_CI 3     /* fewer replications with a value: no interval shown (Student t at 1 degree of
                                 freedom spans ±12.7 standard errors: "-924 to 1,299" days) */

/* The header of a scenario-question metric of results.json's summary, or
 * NULL when key is none: a project's makespan, the hiring rule's first hire
 * and its hires. */
static const char *question_header(const char *key, char *buf, size_t n)
{
    static const char *const prefix = "makespan_days_";
    if (!strncmp(key, prefix, strlen(prefix))) {
        snprintf(buf, n, "%s: days to finish", key + strlen(prefix));
        return buf;
    }
    if (!strcmp(key, "first_central_hire_day"))
        return "First central hire (working day)";
    if (!strcmp(key, "engineers_at_first_central_hire"))
        return "Engineers at that hire";
    if (!strcmp(key, "central_rule_hires"))
        return "Central hires the rule made";
    return NULL;
}

/* "50.4 (39.1 to 61.7)", with "· 9 of 10 runs" when it happened in fewer
 * replications than ran (no interval from fewer than QUESTION_MIN_CI),
 * "never" when in none. */
static void question_cell(const cJSON *m, int reps, char *buf, size_t n)
{
    const cJSON *mean = cJSON_GetObjectItemCaseSensitive(m, "mean");
    const cJSON *lo = cJSON_GetObjectItemCaseSensitive(m, "ci95_low");
    const cJSON *hi = cJSON_GetObjectItemCaseSensitive(m, "ci95_high");
    const cJSON *cnt = cJSON_GetObjectItemCaseSensitive(m, "n");
    int k = cJSON_IsNumber(cnt) ? (int)cnt->valuedouble : 0;
    if (!cJSON_IsNumber(mean) || k <= 0) {
        snprintf(buf, n, "never (0 of %d runs)", reps);
        return;
    }
    char a[32], b[32], c[32];
    charts_fmt(mean->valuedouble, a, sizeof a);
    /* every such metric is a count or a duration: an interval reaching below
     * 0 (Student t about a mean near 0) is shown from 0 */
    if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi) && k >= QUESTION_MIN_CI)
        snprintf(buf, n, "%s (%s to %s)", a, charts_fmt(lo->valuedouble > 0.0 ? lo->valuedouble : 0.0, b, sizeof b),
                 charts_fmt(hi->valuedouble, c, sizeof c));
    else
        snprintf(buf, n, "%s", a);
    if (k < reps) {
        size_t o = strlen(buf);
        snprintf(buf + o, n - o, " \xc2\xb7 %d of %d", k, reps);
    }
}

/* When the scenario asks a question of its own — how long a project takes,
 * when the first central engineer is hired and how many are — a table of its answer per
 * design, with 95% intervals: summary.csv had it, the deck did not. */
static int question_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    const cJSON *first = d->n_models && d->n_hostings ? charts_cell_at(d, 0, 0)->summary : NULL, *it;
    const char *keys[QUESTION_COLS];
    char head_buf[QUESTION_COLS][96];
    const char *header[2 + QUESTION_COLS] = { "Ownership model", "Hosting" };
    int nk = 0, more = 0;
    char scratch[96];
    cJSON_ArrayForEach(it, first) {
        if (!it->string || !question_header(it->string, scratch, sizeof scratch))
            continue;
        if (nk == QUESTION_COLS) {
            more++;
            continue;
        }
        header[2 + nk] = question_header(it->string, head_buf[nk], sizeof head_buf[nk]);
        keys[nk++] = it->string;
    }
    if (nk == 0)
        return PLOT_OK;
    int cols = 2 + nk;
    size_t rows = (size_t)d->n_models * (size_t)d->n_hostings;
    size_t per = charts_table_rows_per_page(d->n_hostings);
    size_t pages = (rows + per - 1) / per;
    if (pages > TABLE_PAGES_MAX)
        pages = TABLE_PAGES_MAX;
    char (*text)[CELL] = calloc(TABLE_ROWS_PER_PAGE * (size_t)cols, CELL);
    const char **cells = calloc(TABLE_ROWS_PER_PAGE * (size_t)cols, sizeof *cells);
    if (!text || !cells) {
        free(text);
        free(cells);
        snprintf(err, err_len, "out of memory drawing the deck");
        return PLOT_ENOMEM;
    }
    char sub[256], sub_sizes[320], caption[600], title[128];
    charts_subtitle(d, sub, sizeof sub);
    snprintf(sub_sizes, sizeof sub_sizes, "%s \xc2\xb7 at the scenario's team sizes", sub);
    int st = PLOT_OK, project = 0, hire = 0;
    for (int j = 0; j < nk; j++) {
        project |= !strncmp(keys[j], "makespan_days_", 14);
        hire |= strncmp(keys[j], "makespan_days_", 14) != 0;
    }
    for (size_t p = 0; p < pages && !st; p++) {
        size_t r0 = p * per, r1 = r0 + per < rows ? r0 + per : rows;
        int unstable = 0;
        for (size_t r = r0; r < r1; r++) {
            int m = (int)(r / (size_t)d->n_hostings), h = (int)(r % (size_t)d->n_hostings);
            const charts_cell *c = charts_cell_at(d, m, h);
            size_t k = (r - r0) * (size_t)cols;
            unstable |= c->unstable;
            for (int j = 0; j < cols; j++)
                cells[k + (size_t)j] = text[k + (size_t)j];
            snprintf(text[k + 0], CELL, "%s", charts_model_label(d->model[m]));
            snprintf(text[k + 1], CELL, "%s%s", charts_hosting_label(d->hosting[h]), c->unstable ? " " UNSTABLE_MARK : "");
            for (int j = 0; j < nk; j++)
                question_cell(c->summary ? cJSON_GetObjectItemCaseSensitive(c->summary, keys[j]) : NULL, d->reps,
                              text[k + 2 + (size_t)j], CELL);
        }
        numbered(title, sizeof title,
                 project && hire ? "What the scenario asks: projects and hiring"
                 : project       ? "What the scenario asks: how long its projects take"
                                 : "What the scenario asks: when it hires central engineers",
                 p, pages);
        char extra[120] = "";
        if (more)
            snprintf(extra, sizeof extra, " %d more such metric%s in summary.csv.", more, more == 1 ? " is" : "s are");
        snprintf(caption, sizeof caption,
                 "Mean and 95%% CI over the replications in which it happened (\"9 of 10\": in 9 of the 10 runs, "
                 "without an interval from fewer than %d; never: in none).%s%s%s%s", QUESTION_MIN_CI,
                 project ? " A project: working days from its start to its last task done." : "",
                 hire ? " The first central hire: the working day the hiring rule's first central engineer joins, "
                        "and the engineers present then; the hires it made: by the run's end, in every run (none "
                        "is 0)." : "",
                 unstable ? " " UNSTABLE_MARK ": unstable design (no steady state)." : "", extra);
        plot_table t = { 0 };
        t.title = title;
        t.subtitle = sub_sizes;
        t.caption = caption;
        t.n_cols = (size_t)cols;
        t.n_rows = r1 - r0;
        t.header = header;
        t.cells = cells;
        t.align = "llrrrrrr";
        st = table_page_noted(deck, &t, err, err_len);
    }
    free(text);
    free(cells);
    return st;
}

/* ---- later results ------------------------------------------------------------------------- */

/* Pages of results beyond the comparison at one moment, after the charts
 * and before the key numbers, when the run wrote them: the transition
 * (charts_transition: a timeline's chart and payback) and the sensitivity
 * of the answer (charts_sensitivity: robustness labels, input uncertainty). */
static int later_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    int st = charts_transition_pages(deck, d, err, err_len);
    return st ? st : charts_sensitivity_pages(deck, d, err, err_len);
}

/* ---- key numbers ----------------------------------------------------------------------- */

static uint32_t band_fill(const char *band)
{
    if (!band)
        return PLOT_COLOUR_NONE;
    if (!strcmp(band, "elite"))
        return plot_colour_tint(PLOT_BLUISH_GREEN, 0.55);
    if (!strcmp(band, "high"))
        return plot_colour_tint(PLOT_SKY_BLUE, 0.55);
    if (!strcmp(band, "medium"))
        return plot_colour_tint(PLOT_YELLOW, 0.45);
    if (!strcmp(band, "low"))
        return plot_colour_tint(PLOT_VERMILLION, 0.55);
    return PLOT_COLOUR_NONE;
}

/* "v · band" into buf; v already formatted. */
static void banded(char *buf, size_t n, const char *v, const char *band, int unsure)
{
    if (band && strcmp(band, "n/a") != 0 && strcmp(v, "n/a") != 0)
        snprintf(buf, n, "%s \xc2\xb7 %s%s", v, band, unsure ? "~" : "");
    else
        snprintf(buf, n, "%s", v);
}

size_t charts_table_rows_per_page(int n_hostings)
{
    /* whole models on a page when they fit */
    size_t h = (size_t)(n_hostings > 0 ? n_hostings : 1);
    return h <= TABLE_ROWS_PER_PAGE ? h * (TABLE_ROWS_PER_PAGE / h) : TABLE_ROWS_PER_PAGE;
}

#define COLS CHARTS_KEY_COLS

/* Row (m, h) of the key numbers (charts_int.h). */
int charts__key_numbers_row(const charts_data *d, int m, int h, char (*text)[CHARTS_DECK_CELL], uint32_t *fill)
{
    const charts_cell *c = charts_cell_at(d, m, h);
    int calendar = 0, unsure = 0;
    char v[40];
    for (int j = 0; j < CHARTS_KEY_COLS; j++)
        fill[j] = PLOT_COLOUR_NONE;
    snprintf(text[0], CELL, "%s", charts_model_label(d->model[m]));
    snprintf(text[1], CELL, "%s", charts_hosting_label(d->hosting[h]));
    charts_fmt(c->lead_p85.mean, text[2], CELL);
    for (int j = 0; j < CHARTS_DORA_KEYS; j++)
        unsure |= c->dora_unsure[j] && !c->unstable;
    banded(text[3], CELL, charts_fmt(c->deploys.mean, v, sizeof v), c->dora[CHARTS_DORA_DEPLOY],
           c->dora_unsure[CHARTS_DORA_DEPLOY]);
    /* lead time for changes: in calendar days with the calendar clock (what
     * its band reads), else in working days */
    double lead = isfinite(c->change_lead_cal) ? c->change_lead_cal : c->change_lead.mean;
    banded(text[4], CELL, charts_fmt(lead, v, sizeof v), c->dora[CHARTS_DORA_LEAD], c->dora_unsure[CHARTS_DORA_LEAD]);
    plot_number_format(c->cfr.mean, 0, PLOT_FMT_PERCENT, v, sizeof v);
    banded(text[5], CELL, v, c->dora[CHARTS_DORA_CFR], c->dora_unsure[CHARTS_DORA_CFR]);
    /* restore: in calendar hours (calendar clock), else in working
     * hours below a day */
    double rd = c->restore.mean;
    if (isfinite(c->restore_cal_hours)) {
        char hv[32];
        snprintf(v, sizeof v, "%s h", charts_fmt(c->restore_cal_hours, hv, sizeof hv));
        calendar = 1;
    } else if (isfinite(rd) && rd * d->hours_per_day < d->hours_per_day) {
        char hv[32];
        snprintf(v, sizeof v, "%s h", charts_fmt(rd * d->hours_per_day, hv, sizeof hv));
    } else if (isfinite(rd)) {
        char dv[32];
        snprintf(v, sizeof v, "%s d", charts_fmt(rd, dv, sizeof dv));
    } else {
        snprintf(v, sizeof v, "n/a");
    }
    banded(text[6], CELL, v, c->dora[CHARTS_DORA_RESTORE], c->dora_unsure[CHARTS_DORA_RESTORE]);
    charts_fmt(c->bus_infra.mean, text[7], CELL);
    charts_fmt(c->nonproduct_fte.mean, text[8], CELL);
    fill[3] = band_fill(c->dora[CHARTS_DORA_DEPLOY]);
    fill[4] = band_fill(c->dora[CHARTS_DORA_LEAD]);
    fill[5] = band_fill(c->dora[CHARTS_DORA_CFR]);
    fill[6] = band_fill(c->dora[CHARTS_DORA_RESTORE]);
    /* an unstable design (a queue that grows without bound, many
     * features unfinished) has no steady state to band: marked UNSTABLE_MARK
     * on the row (a word would widen the column past the page; ⚠ is
     * the charts' validity warning), no band colour or word, its p85 a
     * lower bound (the unfinished features would only add to it) */
    if (c->unstable) {
        snprintf(text[1], CELL, "%s " UNSTABLE_MARK, charts_hosting_label(d->hosting[h]));
        if (isfinite(c->lead_p85.mean)) {
            char lv[32];
            snprintf(text[2], CELL, "\xe2\x89\xa5 %s", charts_fmt(c->lead_p85.mean, lv, sizeof lv));
        }
        for (int j = 3; j <= 6; j++) {
            char *word = strstr(text[j], " \xc2\xb7 ");
            if (word)
                *word = '\0';
            fill[j] = PLOT_COLOUR_NONE;
        }
    }
    return calendar | (c->unstable ? 2 : 0) | (unsure ? 4 : 0) | (isfinite(c->change_lead_cal) ? 8 : 0);
}

static int table_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    static const char *const header[COLS] = {
        "Ownership model", "Hosting", "p85 lead time (days)", "Deploys per week", "Change lead time p50 (days)",
        "Change failure rate", "Time to restore p50", "Bus factor (infra)", "Non-product busy FTE",
    };
    size_t rows = (size_t)d->n_models * (size_t)d->n_hostings;
    size_t per = charts_table_rows_per_page(d->n_hostings);
    size_t pages = (rows + per - 1) / per;
    if (pages > TABLE_PAGES_MAX)
        pages = TABLE_PAGES_MAX;
    char (*text)[CELL] = calloc(TABLE_ROWS_PER_PAGE * COLS, CELL);
    const char **cells = calloc(TABLE_ROWS_PER_PAGE * COLS, sizeof *cells);
    uint32_t *fill = calloc(TABLE_ROWS_PER_PAGE * COLS, sizeof *fill);
    if (!text || !cells || !fill) {
        free(text);
        free(cells);
        free(fill);
        snprintf(err, err_len, "out of memory drawing deck.pdf");
        return PLOT_ENOMEM;
    }
    char sub[256], sub_sizes[320], caption[600], title[128];
    charts_subtitle(d, sub, sizeof sub);
    snprintf(sub_sizes, sizeof sub_sizes, "%s \xc2\xb7 at the scenario's team sizes", sub);
    int st = PLOT_OK, calendar = 0, lead_cal = 0;
    for (size_t p = 0; p < pages && !st; p++) {
        size_t r0 = p * per, r1 = r0 + per;
        int unstable_rows = 0, unsure_rows = 0;
        if (r1 > rows)
            r1 = rows;
        for (size_t r = r0; r < r1; r++) {
            int m = (int)(r / (size_t)d->n_hostings), h = (int)(r % (size_t)d->n_hostings);
            size_t k = (r - r0) * COLS;
            for (int j = 0; j < COLS; j++)
                cells[k + (size_t)j] = text[k + (size_t)j];
            int got = charts__key_numbers_row(d, m, h, &text[k], &fill[k]);
            calendar |= got & 1;
            lead_cal |= (got & 8) != 0;
            unstable_rows += (got & 2) != 0;
            unsure_rows |= (got & 4) != 0;
        }
        numbered(title, sizeof title, "Key numbers with DORA 2024 bands", p, pages);
        size_t more = p + 1 == pages && rows > r1 ? rows - r1 : 0;
        char extra[120] = "";
        if (more)
            snprintf(extra, sizeof extra, " %zu more rows are in summary.csv.", more);
        snprintf(caption, sizeof caption,
                 "Means over %d replications. Cell colour and word: the DORA 2024 band \xe2\x80\x94 elite, high, "
                 "medium, low (thresholds in docs/metrics.md)%s. %s%s%s",
                 d->reps, unsure_rows ? "; high~: the figure's 95% CI reaches into another band" : "",
                 calendar && lead_cal ? "Change lead time in calendar days and restore time in calendar hours "
                                        "(h), nights and weekends included."
                 : calendar ? "Restore time in calendar hours (h), nights and weekends included."
                 : lead_cal ? "Change lead time in calendar days, nights and weekends included; restore time in "
                              "working hours (h) or days (d)."
                            : "Restore time in working hours (h) or days (d).",
                 unstable_rows ? " " UNSTABLE_MARK " Unstable: no steady state (a queue grows without bound or many "
                                 "features are unfinished), so no band, and the p85 is a lower bound (\xe2\x89\xa5)."
                               : "",
                 extra);
        plot_table t = { 0 };
        t.title = title;
        t.subtitle = sub_sizes;
        t.caption = caption;
        t.n_cols = COLS;
        t.n_rows = r1 - r0;
        t.header = header;
        t.cells = cells;
        t.cell_fill = fill;
        t.align = "llrrrrrrr";
        st = charts_sink_page(deck, plot_table_draw_fn, &t, NULL, title, caption, err, err_len);
    }
    free(text);
    free(cells);
    free(fill);
    return st;
}

/* ---- assumptions -------------------------------------------------------------------------- */

/* A key default: where it is in models/presets.json, how to say it, its label
 * and source (docs/calibration.md). Paths: keys joined by '.', "name=X"
 * selects the element of an array whose "name" is X. "{}" in text takes the
 * values in order; '%' after it prints a share as a percentage. */
typedef struct key_default {
    const char *text;
    const char *path[2];
    const char *source;
    const char *off;            /* said instead when every value in force is 0 (NULL: the text) */
} key_default;

static const key_default key_defaults[] = {
    { "Attrition {%} a year; a replacement starts {} working days later",
      { "people.attrition_per_year", "people.hiring_delay_days" }, "commonly quoted industry figure", NULL },
    { "Change failure rate {%} for a team deploying code it knows",
      { "incidents.change_failure_base", NULL }, "DORA 2024 elite band", NULL },
    { "Restore time on-prem: median {} days, p90 {} days, log-normal",
      { "hosting.name=on_prem.restore_days.median", "hosting.name=on_prem.restore_days.p90" },
      "PagerDuty 2021; Davidovi\xc4\x8d (Google) 2021", NULL },
    { "Toil per service a week: {} days on-prem, {} serverless",
      { "hosting.name=on_prem.toil_days_per_service_week", "hosting.name=serverless.toil_days_per_service_week" },
      "META Group 2002: 10\xe2\x80\x93" "20 servers per sysadmin", NULL },
    { "Traditional ops: release windows every {} working days, change board every {}",
      { "models.name=traditional_ops.release_window_every_days", "models.name=traditional_ops.change_board_every_days" },
      "ITIL change-advisory practice", NULL },
    { "Ticket handling {} and context switch {} days per ticket",
      { "models.name=traditional_ops.ticket_handling_days", "models.name=traditional_ops.context_switch_days" },
      "Weinberg (1992)", NULL },
    { "Meetings and interruptions take {%} of the day (sd {%} between engineer-weeks)",
      { "flow.interruption_share", "flow.interruption_sd" }, "Clockwise 2022: calendars of 80,000 developers",
      "No time lost to meetings and interruptions" },
    { "Product teams plan in iterations of {} working days; a second person reviews a change at {%} of its effort",
      { "flow.iteration_days", "flow.review_share" }, "Scrum Guide 2020; Sadowski et al. (Google) 2018",
      "No iterations (features start when they arrive) and no second-person review" },
    { "Learning penalty {}: at zero skill a task takes (1 + penalty) times as long",
      { "knowledge.learning_penalty", NULL }, "ramp-up of 3\xe2\x80\x93" "9 months", NULL },
    { "A 24/7 on-call rotation needs at least {} engineers",
      { "oncall.min_rotation", NULL }, "Google SRE book", NULL },
    { "An engineer knows a component at context \xe2\x89\xa5 {} (bus factor)",
      { "knowledge.threshold", NULL }, "modelling choice (cf. Avelino et al. 2016)", NULL },
};

static const cJSON *preset_at(const cJSON *root, const char *path)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *v = root;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ".", &save); tok && v; tok = strtok_r(NULL, ".", &save)) {
        if (!strncmp(tok, "name=", 5) && cJSON_IsArray(v)) {
            const cJSON *e, *hit = NULL;
            cJSON_ArrayForEach(e, v) {
                const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
                if (cJSON_IsString(nm) && !strcmp(nm->valuestring, tok + 5))
                    hit = e;
            }
            v = hit;
        } else {
            const cJSON *obj = v;
            v = cJSON_GetObjectItemCaseSensitive(obj, tok);
            /* a model's change-policy fields are its policy's (presets.json "policies") */
            const cJSON *pol = cJSON_GetObjectItemCaseSensitive(obj, "change_policy");
            if (!v && cJSON_IsString(pol)) {
                const cJSON *e;
                cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "policies")) {
                    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
                    if (cJSON_IsString(nm) && !strcmp(nm->valuestring, pol->valuestring))
                        v = cJSON_GetObjectItemCaseSensitive(e, tok);
                }
            }
        }
    }
    return cJSON_IsNumber(v) ? v : NULL;
}

/* The number this scenario sets at a preset path ("people.attrition_per_year";
 * "hosting.name=on_prem.x" is written "hosting.on_prem.x"), read from its
 * assumptions_changed line "PATH = VALUE (preset …)": 1 and *v, else 0. */
static int value_in_force(const cJSON *assumptions, const char *path, double *v)
{
    char key[200];
    size_t o = 0;
    for (const char *p = path; *p && o + 4 < sizeof key; p++) {
        if (!strncmp(p, "name=", 5))
            p += 4;
        else
            key[o++] = *p;
    }
    memcpy(key + o, " = ", 4);
    size_t klen = o + 3;
    const cJSON *a;
    cJSON_ArrayForEach(a, assumptions) {
        if (!cJSON_IsString(a) || strncmp(a->valuestring, key, klen) != 0)
            continue;
        char *end;
        double x = strtod(a->valuestring + klen, &end);
        if (end != a->valuestring + klen && (*end == ' ' || *end == '\0')) {
            *v = x;
            return 1;
        }
    }
    return 0;
}

/* The text of a key default with the values in force: the scenario's where it
 * sets them (then "set by this scenario" replaces the source), else the
 * preset's. 0 when a value is missing. */
static int key_default_text(const cJSON *presets, const cJSON *assumptions, const key_default *k, char *out,
                            size_t n)
{
    size_t o = 0;
    int vi = 0, set = 0, nonzero = 0;
    for (const char *p = k->text; *p && o + 1 < n; p++) {
        if (p[0] == '{' && (p[1] == '}' || (p[1] == '%' && p[2] == '}'))) {
            int pct = p[1] == '%';
            const cJSON *v = vi < 2 && k->path[vi] ? preset_at(presets, k->path[vi]) : NULL;
            if (!v)
                return 0;
            double x = v->valuedouble;
            if (value_in_force(assumptions, k->path[vi], &x))
                set = 1;
            nonzero |= x != 0.0;
            vi++;
            char num[40];
            if (pct)
                plot_number_format(x, x * 100.0 == floor(x * 100.0) ? 2 : 3, PLOT_FMT_PERCENT, num, sizeof num);
            else
                plot_number_format(x, x == floor(x) ? 0 : 2, PLOT_FMT_THOUSANDS, num, sizeof num);
            /* drop trailing zeros of decimals: 0.50 → 0.5 */
            char *dot = strchr(num, '.');
            if (dot && !pct) {
                char *e = num + strlen(num) - 1;
                while (e > dot && *e == '0')
                    *e-- = '\0';
                if (e == dot)
                    *e = '\0';
            }
            o += (size_t)snprintf(out + o, n - o, "%s", num);
            p += pct ? 2 : 1;
        } else {
            out[o++] = *p;
        }
    }
    if (o >= n)
        o = n - 1;
    out[o] = '\0';
    if (k->off && !nonzero)
        o = (size_t)snprintf(out, n, "%s", k->off) < n ? strlen(out) : n - 1;
    snprintf(out + o, n - o, " \xe2\x80\x94 %s", set ? "set by this scenario (above)" : k->source);
    return 1;
}

#define KEYS (sizeof key_defaults / sizeof key_defaults[0])

/* The group of an assumptions_changed line: its first path component. */
static const char *group_label(const char *line, char *buf, size_t n)
{
    static const char *const names[][2] = {
        { "replications", "Replications" }, { "run", "Run length" }, { "people", "People" },
        { "targets", "Staffing targets" }, { "costs", "Costs" }, { "central_team", "Central team" },
        { "product_teams", "Product teams" }, { "teams", "Teams" }, { "projects", "Projects" },
        { "models", "Ownership models" }, { "hosting", "Hosting points" }, { "templates", "Feature templates" },
        { "knowledge", "Knowledge" }, { "incidents", "Incidents" },
    };
    size_t k = strcspn(line, ". =");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i][0]) == k && !strncmp(line, names[i][0], k))
            return names[i][1];
    snprintf(buf, n, "%.*s", (int)(k < 60 ? k : 60), line);
    return buf;
}

/* The dated events and the services of the scenario (charts_plan.h) as
 * bullets under their headings into blocks (which has room), their text in
 * buf (kept until the pages are drawn). Returns the new block count. */
static size_t plan_blocks(const charts_data *d, util_buf *buf, plot_text_block *blocks, size_t n, size_t cap)
{
    int n_events = charts_plan_events(d->scenario_file, buf);
    size_t events_end = buf->n;
    int n_services = charts_plan_services(d->scenario_file, buf);
    if (buf->err || (n_events == 0 && n_services == 0))
        return n;
    for (size_t part = 0, i = 0; part < 2; part++) {
        size_t end = part ? buf->n : events_end;
        if (i < end && n < cap)
            blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, part ? "Services: who owns them, where they run"
                                                                      : "Timeline: dated events, in day order" };
        char *text = (char *)buf->p, keep = text[end];
        text[end] = '\0';
        n += charts__text_blocks(text + i, blocks + n, cap - n);
        text[end] = keep;
        i = end;
    }
    return n;
}

/* The assumptions: every change from the defaults, grouped; the timeline's
 * dated events and the services, in words; the key defaults with the values
 * in force — continued over as many pages as they take (text_pages). */
static int assumptions_pages(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    int n_changed = cJSON_GetArraySize(d->assumptions);
    util_buf plan = { 0 };
    int n_plan = charts_plan_events(d->scenario_file, &plan) + charts_plan_services(d->scenario_file, &plan);
    util_buf_free(&plan);
    size_t cap = 2 * (size_t)n_changed + (size_t)n_plan + KEYS + 8;
    plot_text_block *blocks = calloc(cap, sizeof *blocks);
    char (*keys)[320] = calloc(KEYS, sizeof *keys);
    char (*heads)[64] = calloc((size_t)n_changed + 1, sizeof *heads);
    char *done = calloc((size_t)n_changed + 1, 1);
    size_t plen = 0;
    cJSON *presets = cJSON_Parse(scen_presets_text(&plen));
    int st = PLOT_OK;
    if (!blocks || !keys || !heads || !done) {
        snprintf(err, err_len, "out of memory drawing the deck");
        st = PLOT_ENOMEM;
        goto out;
    }
    /* the lines in blocks, group by group (groups in order of first appearance) */
    size_t n = 0, nh = 0;
    if (n_changed == 0)
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_PARAGRAPH, "This scenario changes nothing: it runs on the defaults as they are." };
    for (int i = 0; i < n_changed; i++) {
        if (done[i])
            continue;
        char gb[64];
        const char *g = group_label(cJSON_GetArrayItem(d->assumptions, i)->valuestring, gb, sizeof gb);
        snprintf(heads[nh], sizeof heads[nh], "%s", g);
        blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, heads[nh++] };
        for (int j = i; j < n_changed; j++) {
            char gj[64];
            const char *line = cJSON_GetArrayItem(d->assumptions, j)->valuestring;
            if (!done[j] && !strcmp(group_label(line, gj, sizeof gj), heads[nh - 1])) {
                done[j] = 1;
                blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, line };
            }
        }
    }
    n = plan_blocks(d, &plan, blocks, n, cap - KEYS - 1);
    blocks[n++] = (plot_text_block){ PLOT_BLOCK_HEADING, "Key defaults in force and their sources" };
    for (size_t k = 0; k < KEYS && presets; k++)
        if (key_default_text(presets, d->assumptions, &key_defaults[k], keys[k], sizeof keys[k]))
            blocks[n++] = (plot_text_block){ PLOT_BLOCK_BULLET, keys[k] };
    char sub[256], caption[300];
    charts_subtitle(d, sub, sizeof sub);
    snprintf(caption, sizeof caption, "Every change this scenario makes to the defaults of devopsim %s "
             "(models/presets.json), grouped; its dated events and services in words. Every default with its "
             "rationale and source: docs/calibration.md.", DEVOPSIM_VERSION);
    plot_text_page page = { 0 };
    page.title = "Assumptions";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = n;
    page.caption = caption;
    st = plan.err ? PLOT_ENOMEM : charts__text_pages(deck, &page, err, err_len);
    if (plan.err)
        snprintf(err, err_len, "out of memory drawing the deck");
out:
    util_buf_free(&plan);
    free(blocks);
    free(keys);
    free(heads);
    free(done);
    cJSON_Delete(presets);
    return st;
}

/* ---- warnings ------------------------------------------------------------------------------- */

static int warnings_page(charts_sink *deck, const charts_data *d, char *err, size_t err_len)
{
    int total = 0;
    for (int m = 0; m < d->n_models; m++)
        for (int h = 0; h < d->n_hostings; h++)
            total += cJSON_GetArraySize(charts_cell_at(d, m, h)->warnings);
    if (total == 0)
        return PLOT_OK;
    int shown = total > WARNING_LINES_MAX ? WARNING_LINES_MAX - 1 : total;
    plot_text_block *blocks = calloc((size_t)shown + 2, sizeof *blocks);
    char (*lines)[640] = calloc((size_t)shown + 1, sizeof *lines);
    if (!blocks || !lines) {
        free(blocks);
        free(lines);
        snprintf(err, err_len, "out of memory drawing deck.pdf");
        return PLOT_ENOMEM;
    }
    int n = 0;
    for (int m = 0; m < d->n_models && n < shown; m++)
        for (int h = 0; h < d->n_hostings && n < shown; h++) {
            const cJSON *w;
            cJSON_ArrayForEach(w, charts_cell_at(d, m, h)->warnings) {
                if (n >= shown)
                    break;
                snprintf(lines[n], sizeof lines[n], "%s at %s: %s", charts_model_label(d->model[m]),
                         charts_hosting_label(d->hosting[h]), w->valuestring);
                blocks[n] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[n] };
                n++;
            }
        }
    size_t nb = (size_t)n;
    if (shown < total) {
        snprintf(lines[n], sizeof lines[n], "\xe2\x80\xa6 and %d more: the warnings of each result in results.json",
                 total - shown);
        blocks[nb++] = (plot_text_block){ PLOT_BLOCK_BULLET, lines[n] };
    }
    char sub[256];
    charts_subtitle(d, sub, sizeof sub);
    plot_text_page page = { 0 };
    page.title = "Validity warnings: read the results above with these in mind";
    page.subtitle = sub;
    page.blocks = blocks;
    page.n_blocks = nb;
    page.caption = "A team loaded at or beyond capacity has queues that grow without bound; a short warm-up or "
                   "many unfinished features bias lead times. See docs/metrics.md.";
    int st = charts_sink_page(deck, plot_text_page_draw_fn, &page, &page, page.title, page.caption, err, err_len);
    free(blocks);
    free(lines);
    return st;
}

int charts_deck_pages(charts_sink *deck, const charts_data *d, const charts_page *pages, int n_pages, char *err,
                      size_t err_len)
{
    int st = title_page(deck, d, err, err_len);
    if (!st)
        st = summary_page(deck, d, err, err_len);
    if (!st)
        st = cost_pages(deck, d, err, err_len);
    if (!st)
        st = question_pages(deck, d, err, err_len);
    for (int i = 0; i < n_pages && !st; i++)
        st = charts_sink_page(deck, pages[i].draw, pages[i].ctx, NULL, pages[i].title, pages[i].numbers, err,
                              err_len);
    if (!st)
        st = later_pages(deck, d, err, err_len);
    if (!st)
        st = table_pages(deck, d, err, err_len);
    if (!st)
        st = assumptions_pages(deck, d, err, err_len);
    if (!st)
        st = warnings_page(deck, d, err, err_len);
    return st;
}
