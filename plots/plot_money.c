/* plot_money — compact amounts with ISO 4217 currencies (see plot_money.h). */
#include "plots/plot_money.h"
#include "plots/plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char code[4];
    const char *symbol;
} symbols[] = {
    /* Only symbols that name one currency unambiguously in business use. */
    { "EUR", "\xE2\x82\xAC" }, /* € */
    { "USD", "$" },
    { "GBP", "\xC2\xA3" },     /* £ */
    { "JPY", "\xC2\xA5" },     /* ¥ */
    { "INR", "\xE2\x82\xB9" }, /* ₹ */
    { "KRW", "\xE2\x82\xA9" }, /* ₩ */
};

int plot_currency_valid(const char *code)
{
    if (!code || strlen(code) != 3)
        return 0;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return 0;
    return 1;
}

const char *plot_currency_symbol(const char *code)
{
    if (!plot_currency_valid(code))
        return NULL;
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(symbols[i].code, code) == 0)
            return symbols[i].symbol;
    return NULL;
}

/* |amount| as "1.2M": sig significant digits, trailing zeros dropped. */
static void compact(double a, int sig, char *out, size_t len)
{
    static const char *const suffix[] = { "", "k", "M", "B", "T" };
    int k = 0;
    double scaled = a;
    while (scaled >= 1000.0 && k < 4) {
        scaled /= 1000.0;
        k++;
    }
    for (;;) {
        int digits = scaled >= 1.0 ? (int)floor(log10(scaled)) + 1 : 1;
        int decimals = sig > digits ? sig - digits : 0;
        double p = pow(10.0, decimals);
        double r = round(scaled * p) / p;
        if (r >= 1000.0 && k < 4) { /* 999.96k rounds to 1000k: say 1M */
            scaled = r / 1000.0;
            k++;
            continue;
        }
        snprintf(out, len, "%.*f", decimals, r);
        break;
    }
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    size_t n = strlen(out);
    snprintf(out + n, len - n, "%s", suffix[k]);
}

int plot_money_format(double amount, const char *code, int sig, char *buf, size_t len)
{
    int has_code = code && *code;
    if (!buf || len < 32 || sig < 1 || sig > 6 || (has_code && !plot_currency_valid(code)))
        return PLOT_EINVAL;
    if (!isfinite(amount)) {
        snprintf(buf, len, "n/a");
        return PLOT_OK;
    }
    char num[32];
    compact(fabs(amount), sig, num, sizeof num);
    const char *sign = amount < 0 && strcmp(num, "0") != 0 ? "-" : "";
    const char *sym = has_code ? plot_currency_symbol(code) : NULL;
    if (!has_code)
        snprintf(buf, len, "%s%s", sign, num);
    else if (sym)
        snprintf(buf, len, "%s%s%s", sign, sym, num);
    else
        snprintf(buf, len, "%s%s %s", sign, num, code);
    return PLOT_OK;
}

int plot_money_excel_format(const char *code, char *buf, size_t len)
{
    int has_code = code && *code;
    if (!buf || len < 32 || (has_code && !plot_currency_valid(code)))
        return PLOT_EINVAL;
    const char *sym = has_code ? plot_currency_symbol(code) : NULL;
    if (!has_code)
        snprintf(buf, len, "#,##0");
    else if (sym)
        snprintf(buf, len, "\"%s\"#,##0", sym);
    else
        snprintf(buf, len, "#,##0\" %s\"", code);
    return PLOT_OK;
}
