/* charts_label — what the charts and the deck call things: the fixed label
 * and colour of each ownership model, hosting point labels, the subtitle
 * every chart and page carries, numbers for people, and CSV fields. Shared
 * by charts.c, charts_deck.c and the batch's summary chart. */
#ifndef CHARTS_LABEL_H
#define CHARTS_LABEL_H

#include <stddef.h>
#include <stdint.h>
#include "report/charts_data.h"
#include "util/util_buf.h"
#include "plots/plot_chart.h"

/* The fixed colour (0xRRGGBB) and display label of an ownership model:
 * traditional_ops, devops_team and true_devops always get the same ones;
 * other models take the next Okabe–Ito colours in order of appearance
 * (other_index = 0, 1, … among them) and are labelled as named. */
uint32_t charts_model_colour(const char *name, int other_index);
const char *charts_model_label(const char *name);
/* Colours of the first max models of d, in order (charts_model_colour). */
void charts_model_colours(const charts_data *d, uint32_t *out, int max);
/* Display label of a hosting point ("on_prem" → "On-prem", "iaas" → "IaaS"). */
const char *charts_hosting_label(const char *name);
/* A change policy in words for a sentence: the presets' "board_and_windows"
 * → "a change board and windows", "on_demand_pipeline" → "an
 * on-demand pipeline"; another name with its underscores read as spaces.
 * Into buf; returns buf. */
const char *charts_policy_label(const char *name, char *buf, size_t n);

/* The subtitle every chart and page carries: scenario, replications, seed;
 * with a timeline, that each design is named as it starts (it changes). */
void charts_subtitle(const charts_data *d, char *buf, size_t n);
/* A number for people: about three significant digits, locale-free. */
const char *charts_fmt(double v, char *buf, size_t n);

/* Stacks n value labels of line height lh above their markers at y[] (y
 * down, as on a page): each label's bottom goes gap above its marker, and
 * labels that would overlap are moved up until every two are at least
 * lh × (1 + CHARTS_LABEL_AIR) apart — a clear band between any two, never
 * touching (the lowest marker keeps its place). Bottoms into out[n]. */
#define CHARTS_LABEL_AIR 0.25
void charts_label_stack(const double *y, size_t n, double lh, double gap, double *out);

/* A label's box on the page (x right, y down). */
typedef struct charts_box {
    double x0, y0, x1, y1;
} charts_box;

/* 1 when the segment (ax, ay)–(bx, by) passes within clear of box b. */
int charts_segment_hits(double ax, double ay, double bx, double by, const charts_box *b, double clear);

/* Places n value labels beside line markers so that none touches a drawn
 * line, a marker or another label: label i (w[i] wide, lh high) of the
 * marker at (x[i], y[i]) takes the first free place of: right of the marker
 * and above it (dx right, gap up: the usual place), right and below, left
 * above, left below, then right above or below further out; when none is
 * free, the usual place. segs[4 × n_segs]: the lines drawn (x0, y0, x1, y1),
 * kept clear by clear; r: the markers' radius; area: where labels may go.
 * Labels are placed in the order given (callers give the lowest marker of a
 * category first). Boxes into out[n]. */
void charts_label_place(const double *x, const double *y, const double *w, size_t n, double lh, double gap,
                        double dx, const double *segs, size_t n_segs, double clear, double r, const charts_box *area,
                        charts_box *out);

/* Marks on grouped bars already drawn by plots/ (chart c laid out as L):
 * flags[k * n_categories + i] != 0 marks series k at category i.
 * charts_mark_warnings: a ⚠ above the bar (and its whisker), in the gap the
 * top tick leaves. charts_mark_unstable: a hatched box in the model's colour
 * where the bar would be, from the axis top down a fifth of the plot,
 * labelled "unstable" — such a design gets no bar (its value is no steady
 * state and would rescale the axis). */
void charts_mark_warnings(cairo_t *cr, const plot_chart *c, const plot_layout *L, const unsigned char *flags);
void charts_mark_unstable(cairo_t *cr, const plot_chart *c, const plot_layout *L, const unsigned char *flags);

/* rgb mixed with black: t = 0 keeps it, 1 is black (text in a series colour
 * that stays readable on white). */
uint32_t charts_colour_darken(uint32_t rgb, double t);

/* A number for CSV into b: %.10g, nothing for NAN. */
void charts_csv_num(util_buf *b, double v);

#endif
