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

/* A number for CSV into b: %.10g, nothing for NAN. */
void charts_csv_num(util_buf *b, double v);

#endif
