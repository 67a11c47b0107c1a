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

/* The subtitle every chart and page carries: scenario, replications, seed. */
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
