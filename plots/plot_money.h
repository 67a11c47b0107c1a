/* plot_money — amounts with their currency (ISO 4217 code) for labels, tables
 * and spreadsheets: "€1.2M", "$350k", "CHF 1.2M", "-£4.5k". Currencies with
 * a well-known symbol get it in front; any other valid code follows the
 * number as in "1.2M SEK". Pure functions, no locale. */
#ifndef PLOT_MONEY_H
#define PLOT_MONEY_H

#include <stddef.h>

/* 1 when code is three upper-case ASCII letters (the shape of an ISO 4217
 * code; whether the code is assigned is not checked). */
int plot_currency_valid(const char *code);

/* The symbol written before amounts ("€" for EUR, "$" for USD, …; UTF-8), or
 * NULL when code has none here and is written after the number. */
const char *plot_currency_symbol(const char *code);

/* amount compactly with sig significant digits (1..6; 2 gives "1.2M") and a
 * k/M/B/T suffix, with its currency: "€1.2M", "1.2M SEK"; code NULL or ""
 * gives the number alone. Non-finite amounts give "n/a". Into buf[len];
 * returns 0, or PLOT_EINVAL for an invalid code, sig or a buffer under 32 bytes. */
int plot_money_format(double amount, const char *code, int sig, char *buf, size_t len);

/* An Excel number format showing whole amounts with thousands separators and
 * the currency: "\"€\"#,##0" or "#,##0\" SEK\"" (code NULL or "": "#,##0").
 * Into buf[len] (>= 32 bytes); returns 0 or PLOT_EINVAL. */
int plot_money_excel_format(const char *code, char *buf, size_t len);

#endif
