/* util_json — diagnostics, JSON paths, a strict syntax check that says where
 * and what went wrong (cJSON alone only gives a pointer), parsing, and
 * "did you mean" suggestions. The syntax check runs first so that cJSON only
 * ever sees valid, shallow, bounded input. */
#include "util/util_json.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- diagnostics --------------------------------------------------------- */

void util_diags_init(util_diags *d)
{
    memset(d, 0, sizeof *d);
}

static void diag_release(util_diag *g)
{
    free(g->file);
    free(g->path);
    free(g->message);
    free(g->excerpt);
}

void util_diags_clear(util_diags *d)
{
    for (int i = 0; i < d->n; i++)
        diag_release(&d->items[i]);
    d->n = 0;
    d->more = 0;
}

void util_diags_free(util_diags *d)
{
    if (!d)
        return;
    util_diags_clear(d);
    free(d->items);
    memset(d, 0, sizeof *d);
}

int util_diags_count(const util_diags *d)
{
    return d->n + d->more;
}

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static void diags_addv(util_diags *d, const char *file, int line, int col,
                       const char *path, const char *excerpt, int caret,
                       const char *fmt, va_list ap)
    __attribute__((format(printf, 8, 0)));
static void diags_addv(util_diags *d, const char *file, int line, int col,
                       const char *path, const char *excerpt, int caret,
                       const char *fmt, va_list ap)
{
    if (d->n >= UTIL_DIAGS_MAX) {
        d->more++;
        return;
    }
    if (d->n == d->alloc) {
        int na = d->alloc ? d->alloc * 2 : 8;
        util_diag *ni = realloc(d->items, (size_t)na * sizeof *ni);
        if (!ni) {
            d->more++;
            return;
        }
        d->items = ni;
        d->alloc = na;
    }
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    util_diag *g = &d->items[d->n];
    memset(g, 0, sizeof *g);
    g->file = dup_or_null(file ? file : "<input>");
    g->line = line;
    g->col = col;
    g->path = dup_or_null(path);
    g->message = dup_or_null(msg);
    g->excerpt = dup_or_null(excerpt);
    g->caret = caret;
    if (!g->file || !g->message || (path && !g->path) || (excerpt && !g->excerpt)) {
        diag_release(g);
        d->more++;
        return;
    }
    d->n++;
}

void util_diags_add(util_diags *d, const char *file, int line, int col,
                    const char *path, const char *excerpt, int caret,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diags_addv(d, file, line, col, path, excerpt, caret, fmt, ap);
    va_end(ap);
}

void util_diags_at(util_diags *d, const char *file, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diags_addv(d, file, 0, 0, path, NULL, 0, fmt, ap);
    va_end(ap);
}

int util_diags_print(const util_diags *d, FILE *f)
{
    const char *last_file = "<input>";
    for (int i = 0; i < d->n; i++) {
        const util_diag *g = &d->items[i];
        last_file = g->file;
        if (g->line > 0) {
            fprintf(f, "devopsim: %s:%d:%d: %s\n", g->file, g->line, g->col, g->message);
            if (g->excerpt) {
                char num[16];
                int w = snprintf(num, sizeof num, "%d", g->line);
                fprintf(f, " %s | %s\n %*s | %*s^\n", num, g->excerpt, w, "", g->caret, "");
            }
        } else if (g->path) {
            fprintf(f, "devopsim: %s: %s: %s\n", g->file, g->path, g->message);
        } else {
            fprintf(f, "devopsim: %s: %s\n", g->file, g->message);
        }
    }
    if (d->more > 0)
        fprintf(f, "devopsim: %s: … and %d more problem%s (the first %d are shown)\n",
                last_file, d->more, d->more == 1 ? "" : "s", d->n);
    return util_diags_count(d);
}

const char *util_diags_first(const util_diags *d)
{
    return d->n > 0 ? d->items[0].message : "";
}

int util_diags_contains(const util_diags *d, const char *needle)
{
    for (int i = 0; i < d->n; i++) {
        const util_diag *g = &d->items[i];
        if (strstr(g->message, needle))
            return 1;
        if (g->path) {
            char buf[UTIL_PATH_MAX + 1100];
            snprintf(buf, sizeof buf, "%s: %s", g->path, g->message);
            if (strstr(buf, needle))
                return 1;
        }
    }
    return 0;
}

/* ---- paths --------------------------------------------------------------- */

void util_path_init(util_path *p)
{
    p->buf[0] = '$';
    p->buf[1] = '\0';
    p->len = 1;
}

static void path_append(util_path *p, const char *s)
{
    size_t n = strlen(s);
    if (p->len + n >= UTIL_PATH_MAX)
        n = UTIL_PATH_MAX - 1 - p->len;
    memcpy(p->buf + p->len, s, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

static int is_ident(const char *s)
{
    if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return 0;
    return 1;
}

size_t util_path_key(util_path *p, const char *key)
{
    size_t mark = p->len;
    if (is_ident(key) && strlen(key) <= 64) {
        path_append(p, ".");
        path_append(p, key);
    } else {
        char q[160];
        path_append(p, "[");
        path_append(p, util_json_quote(key, q, sizeof q));
        path_append(p, "]");
    }
    return mark;
}

size_t util_path_index(util_path *p, int index)
{
    size_t mark = p->len;
    char b[32];
    snprintf(b, sizeof b, "[%d]", index);
    path_append(p, b);
    return mark;
}

void util_path_pop(util_path *p, size_t mark)
{
    if (mark <= p->len) {
        p->len = mark;
        p->buf[mark] = '\0';
    }
}

/* ---- describing values ---------------------------------------------------- */

/* Length in bytes of the UTF-8 sequence starting at s (valid input), or 1. */
static size_t utf8_seq_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}

const char *util_json_quote(const char *s, char *buf, size_t size)
{
    size_t o = 0;
    const size_t limit = size > 16 ? size - 12 : 0;   /* room for …" and NUL */
    if (size < 4) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    buf[o++] = '"';
    if (!s)
        s = "";
    while (*s && o < limit) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7F) {
            o += (size_t)snprintf(buf + o, size - o, "\\u%04x", c);
            s++;
        } else if (c == '"' || c == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)c;
            s++;
        } else {
            size_t k = utf8_seq_len(c);
            for (size_t j = 0; j < k && *s; j++)
                buf[o++] = *s++;
        }
    }
    if (*s) {
        memcpy(buf + o, "…", 3);
        o += 3;
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}

const char *util_json_describe(const cJSON *v, char *buf, size_t size)
{
    if (!v)
        snprintf(buf, size, "nothing");
    else if (cJSON_IsNumber(v))
        snprintf(buf, size, "%.15g", v->valuedouble);
    else if (cJSON_IsString(v))
        util_json_quote(v->valuestring, buf, size > 80 ? 80 : size);
    else if (cJSON_IsTrue(v))
        snprintf(buf, size, "true");
    else if (cJSON_IsFalse(v))
        snprintf(buf, size, "false");
    else if (cJSON_IsNull(v))
        snprintf(buf, size, "null");
    else if (cJSON_IsArray(v))
        snprintf(buf, size, "an array");
    else if (cJSON_IsObject(v))
        snprintf(buf, size, "an object");
    else
        snprintf(buf, size, "an invalid value");
    return buf;
}

/* ---- suggestions ----------------------------------------------------------- */

size_t util_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 128 || lb > 128)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    size_t prev[129], cur[129];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t rowmin = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > cap)
            return cap + 1;
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb] > cap ? cap + 1 : prev[lb];
}

static void lower_copy(char *dst, const char *src, size_t size)
{
    size_t i = 0;
    for (; src[i] && i + 1 < size; i++) {
        char c = src[i];
        dst[i] = (c == '-' || c == ' ') ? '_' : (char)tolower((unsigned char)c);
    }
    dst[i] = '\0';
}

const char *util_suggest(const char *word, const char *const *cands, size_t n)
{
    if (!word || strlen(word) > 100)
        return NULL;
    char lw[128];
    lower_copy(lw, word, sizeof lw);
    size_t wl = strlen(lw);
    size_t cap = wl <= 3 ? 1 : wl <= 6 ? 2 : 3;
    const char *best = NULL;
    size_t bestd = cap + 1;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i] || strlen(cands[i]) > 100)
            continue;
        char lc[128];
        lower_copy(lc, cands[i], sizeof lc);
        size_t dist = util_edit_distance(lw, lc, cap);
        /* a word that is a clear prefix of a candidate ("replication") counts as near */
        if (dist > cap && wl >= 4 && strncmp(lc, lw, wl) == 0)
            dist = cap;
        if (dist < bestd) {
            bestd = dist;
            best = cands[i];
        }
    }
    if (best && bestd >= wl)   /* too different to be a typo of it */
        return NULL;
    return best;
}

static int cmp_key(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string ? x->string : "", y->string ? y->string : "");
}

int util_json_check_keys(const cJSON *obj, const char *const *keys, size_t n,
                         const char *file, util_path *p, util_diags *d)
{
    int problems = 0;
    size_t count = 0;
    for (const cJSON *c = obj ? obj->child : NULL; c; c = c->next)
        count++;
    if (count == 0)
        return 0;
    const cJSON **sorted = malloc(count * sizeof *sorted);
    size_t k = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *key = c->string ? c->string : "";
        int known = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(key, keys[i]) == 0) {
                known = 1;
                break;
            }
        if (!known) {
            char q[120];
            const char *s = util_suggest(key, keys, n);
            if (s)
                util_diags_at(d, file, p->buf, "unknown key %s; did you mean '%s'?",
                              util_json_quote(key, q, sizeof q), s);
            else {
                char list[512];
                size_t o = 0;
                list[0] = '\0';
                for (size_t i = 0; i < n && o + 40 < sizeof list; i++)
                    o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", keys[i]);
                util_diags_at(d, file, p->buf, "unknown key %s (expected one of: %s)",
                              util_json_quote(key, q, sizeof q), list);
            }
            problems++;
        }
        if (sorted)
            sorted[k++] = c;
    }
    if (sorted) {
        /* duplicates: sort the members by key and compare neighbours */
        qsort(sorted, k, sizeof *sorted, cmp_key);
        for (size_t i = 1; i < k; i++) {
            const char *a = sorted[i - 1]->string ? sorted[i - 1]->string : "";
            const char *b = sorted[i]->string ? sorted[i]->string : "";
            if (strcmp(a, b) == 0 && (i < 2 || strcmp(sorted[i - 2]->string ? sorted[i - 2]->string : "", b) != 0)) {
                char q[120];
                util_diags_at(d, file, p->buf, "duplicate key %s (each key may appear once)",
                              util_json_quote(b, q, sizeof q));
                problems++;
            }
        }
        free(sorted);
    }
    return problems;
}

/* ---- the strict syntax check ----------------------------------------------- */

typedef struct jchk {
    const unsigned char *s;
    size_t n, i;
    int depth;
    long values;                /* values seen so far */
    const char *msg;            /* first error, or NULL */
    char msgbuf[256];
    size_t pos;                 /* byte offset of the error */
} jchk;

static int fail_at(jchk *j, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_at(jchk *j, size_t pos, const char *fmt, ...)
{
    if (!j->msg) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(j->msgbuf, sizeof j->msgbuf, fmt, ap);
        va_end(ap);
        j->msg = j->msgbuf;
        j->pos = pos;
    }
    return -1;
}

static void skip_ws(jchk *j)
{
    while (j->i < j->n) {
        unsigned char c = j->s[j->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            j->i++;
        else
            break;
    }
}

/* Line and column (1-based, in characters) of byte offset pos. */
static void line_col(const unsigned char *s, size_t n, size_t pos, int *line, int *col, size_t *line_start)
{
    int l = 1;
    size_t start = 0;
    if (pos > n)
        pos = n;
    for (size_t i = 0; i < pos; i++)
        if (s[i] == '\n') {
            l = l < INT32_MAX ? l + 1 : l;
            start = i + 1;
        }
    int c = 1;
    for (size_t i = start; i < pos; i++)
        if ((s[i] & 0xC0) != 0x80)
            c = c < INT32_MAX ? c + 1 : c;
    *line = l;
    *col = c;
    *line_start = start;
}

/* The line starting at line_start, clipped to a window around pos, made safe
 * to print (tabs and control bytes become spaces, invalid UTF-8 '?'). Returns
 * a malloc'ed string and the caret's offset in characters. */
static char *make_excerpt(const unsigned char *s, size_t n, size_t line_start, size_t pos, int *caret)
{
    size_t end = line_start;
    while (end < n && s[end] != '\n')
        end++;
    if (end > line_start && s[end - 1] == '\r')
        end--;
    if (pos > end)
        pos = end;
    /* character index of pos within the line */
    size_t before = 0;
    for (size_t i = line_start; i < pos; i++)
        if ((s[i] & 0xC0) != 0x80)
            before++;
    const size_t window = 100, lead = 50;
    size_t skip = before > lead ? before - lead : 0;
    char *out = malloc(window * 4 + 16);
    if (!out)
        return NULL;
    size_t o = 0, ch = 0, shown = 0;
    int clipped_left = skip > 0, clipped_right = 0;
    if (clipped_left) {
        memcpy(out, "…", 3);
        o = 3;
    }
    size_t i = line_start;
    while (i < end) {
        unsigned char c = s[i];
        size_t k = utf8_seq_len(c);
        int valid = i + k <= end;
        for (size_t t = 1; valid && t < k; t++)
            if ((s[i + t] & 0xC0) != 0x80)
                valid = 0;
        if (!valid || (c >= 0x80 && k == 1))
            k = 1, valid = 0;
        /* C1 control characters (U+0080..U+009F) are valid UTF-8 but must not reach a terminal. */
        if (valid && k == 2 && c == 0xC2 && s[i + 1] < 0xA0)
            valid = 0;
        if (ch >= skip) {
            if (shown >= window) {
                clipped_right = 1;
                break;
            }
            if (!valid)
                out[o++] = '?';
            else if (c < 0x20 || c == 0x7F)
                out[o++] = ' ';
            else {
                memcpy(out + o, s + i, k);
                o += k;
            }
            shown++;
        }
        ch++;
        i += k;
    }
    if (clipped_right) {
        memcpy(out + o, "…", 3);
        o += 3;
    }
    out[o] = '\0';
    *caret = (int)(before - skip) + (clipped_left ? 1 : 0);
    return out;
}

static int check_value(jchk *j);

static int is_word_char(unsigned char c)
{
    return isalnum(c) || c == '_';
}

/* Explains what sits at j->i where a value was expected. */
static int bad_value(jchk *j)
{
    size_t at = j->i;
    if (at >= j->n)
        return fail_at(j, at, "unexpected end of input: expected a value");
    unsigned char c = j->s[at];
    if (isalpha(c) || c == '_') {
        char word[40];
        size_t k = 0;
        while (at + k < j->n && is_word_char(j->s[at + k]) && k + 1 < sizeof word) {
            word[k] = (char)j->s[at + k];
            k++;
        }
        word[k] = '\0';
        if (!strcmp(word, "NaN") || !strcmp(word, "nan") || !strcmp(word, "Infinity") ||
            !strcmp(word, "inf") || !strcmp(word, "infinity") || !strcmp(word, "NAN"))
            return fail_at(j, at, "'%s' is not a JSON number (use a finite number)", word);
        if (!strcmp(word, "True") || !strcmp(word, "False") || !strcmp(word, "None") ||
            !strcmp(word, "TRUE") || !strcmp(word, "FALSE") || !strcmp(word, "NULL") ||
            !strcmp(word, "Null"))
            return fail_at(j, at, "'%s' is not JSON: write true, false or null in lower case", word);
        return fail_at(j, at, "unexpected word '%s': text values need double quotes, like \"%s\"", word, word);
    }
    switch (c) {
    case '\'':
        return fail_at(j, at, "strings need double quotes (\"), not single quotes (')");
    case '/':
        return fail_at(j, at, "comments are not allowed in JSON (use a \"description\" field instead)");
    case '#':
        return fail_at(j, at, "comments are not allowed in JSON (use a \"description\" field instead)");
    case '+':
        return fail_at(j, at, "numbers cannot start with '+'");
    case '.':
        return fail_at(j, at, "numbers need a digit before the decimal point (write 0.5, not .5)");
    case ']':
    case '}':
    case ',': {
        size_t b = at;
        while (b > 0 && (j->s[b - 1] == ' ' || j->s[b - 1] == '\t' || j->s[b - 1] == '\n' || j->s[b - 1] == '\r'))
            b--;
        if (c != ',' && b > 0 && j->s[b - 1] == ',')
            return fail_at(j, b - 1, "trailing comma before '%c' (JSON allows none)", c);
        return fail_at(j, at, "expected a value, got '%c'", c);
    }
    default:
        break;
    }
    if (c < 0x20 || c == 0x7F)
        return fail_at(j, at, "unexpected control character (byte 0x%02X)", c);
    if (c >= 0x80) {
        /* decode for the message; input is valid UTF-8 here */
        unsigned cp = 0;
        size_t k = utf8_seq_len(c);
        cp = k == 2 ? (c & 0x1Fu) : k == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t t = 1; t < k && at + t < j->n; t++)
            cp = (cp << 6) | (j->s[at + t] & 0x3Fu);
        if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F || cp == 0xFEFF)
            return fail_at(j, at, "unexpected invisible space U+%04X (a non-breaking space pasted from a document?)", cp);
        if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019)
            return fail_at(j, at, "typographic quote U+%04X: JSON needs straight double quotes (\")", cp);
        return fail_at(j, at, "unexpected character U+%04X", cp);
    }
    return fail_at(j, at, "unexpected character '%c'", c);
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int read_u4(jchk *j, size_t at, unsigned *out)
{
    if (at + 4 > j->n)
        return -1;
    unsigned v = 0;
    for (int t = 0; t < 4; t++) {
        int h = hexval(j->s[at + (size_t)t]);
        if (h < 0)
            return -1;
        v = (v << 4) | (unsigned)h;
    }
    *out = v;
    return 0;
}

static int check_string(jchk *j)
{
    size_t open = j->i;
    j->i++;   /* the opening quote */
    while (j->i < j->n) {
        unsigned char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return 0;
        }
        if (c == '\n' || c == '\r')
            return fail_at(j, open, "unterminated string: no closing '\"' on this line "
                                     "(write line breaks inside text as \\n)");
        if (c < 0x20)
            return fail_at(j, j->i, "control character (byte 0x%02X) inside a string: escape it (\\t, \\u00%02X)", c, c);
        if (c == '\\') {
            if (j->i + 1 >= j->n)
                break;
            unsigned char e = j->s[j->i + 1];
            if (strchr("\"\\/bfnrt", e) && e) {
                j->i += 2;
                continue;
            }
            if (e != 'u')
                return fail_at(j, j->i, "invalid escape '\\%c' in a string (use \\\\ for a backslash)",
                               e >= 0x20 && e < 0x7F ? e : '?');
            unsigned u;
            if (read_u4(j, j->i + 2, &u) != 0)
                return fail_at(j, j->i, "invalid \\u escape: it needs four hex digits");
            if (u == 0)
                return fail_at(j, j->i, "\\u0000 (a NUL character) is not allowed in strings");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return fail_at(j, j->i, "invalid \\u escape: a low surrogate without a high one");
            if (u >= 0xD800 && u <= 0xDBFF) {
                unsigned lo;
                if (j->i + 7 >= j->n || j->s[j->i + 6] != '\\' || j->s[j->i + 7] != 'u' ||
                    read_u4(j, j->i + 8, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
                    return fail_at(j, j->i, "invalid \\u escape: a high surrogate must be followed by a low one");
                j->i += 12;
                continue;
            }
            j->i += 6;
            continue;
        }
        j->i++;
    }
    return fail_at(j, open, "unterminated string: the file ends before the closing '\"'");
}

static int check_number(jchk *j)
{
    size_t start = j->i;
    if (j->s[j->i] == '-')
        j->i++;
    if (j->i >= j->n || !isdigit(j->s[j->i]))
        return fail_at(j, start, "'-' must be followed by a digit");
    if (j->s[j->i] == '0' && j->i + 1 < j->n && isdigit(j->s[j->i + 1]))
        return fail_at(j, start, "numbers cannot have leading zeros (write 7, not 07)");
    while (j->i < j->n && isdigit(j->s[j->i]))
        j->i++;
    if (j->i < j->n && j->s[j->i] == '.') {
        j->i++;
        if (j->i >= j->n || !isdigit(j->s[j->i]))
            return fail_at(j, j->i - 1, "a digit must follow the decimal point (write 1.0, not 1.)");
        while (j->i < j->n && isdigit(j->s[j->i]))
            j->i++;
    }
    if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
        j->i++;
        if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
            j->i++;
        if (j->i >= j->n || !isdigit(j->s[j->i]))
            return fail_at(j, start, "incomplete exponent in a number (write 1e3)");
        while (j->i < j->n && isdigit(j->s[j->i]))
            j->i++;
    }
    size_t len = j->i - start;
    if (len > 63)
        return fail_at(j, start, "number is too long (more than 63 characters)");
    char buf[64];
    memcpy(buf, j->s + start, len);
    buf[len] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return fail_at(j, start, "number %s is out of range (too large for a double)", buf);
    return 0;
}

static void where_opened(jchk *j, size_t pos, char *buf, size_t size)
{
    int l, c;
    size_t ls;
    line_col(j->s, j->n, pos, &l, &c, &ls);
    snprintf(buf, size, "line %d, column %d", l, c);
}

static int check_container(jchk *j, int is_object)
{
    size_t open = j->i;
    char close = is_object ? '}' : ']';
    if (j->depth >= UTIL_JSON_MAX_DEPTH)
        return fail_at(j, open, "nested too deeply (more than %d levels of objects and arrays); "
                                "the files devopsim reads need fewer than 10", UTIL_JSON_MAX_DEPTH);
    j->depth++;
    j->i++;
    skip_ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
        j->i++;
        j->depth--;
        return 0;
    }
    for (;;) {
        skip_ws(j);
        if (is_object) {
            if (j->i >= j->n) {
                char w[64];
                where_opened(j, open, w, sizeof w);
                return fail_at(j, j->n, "unexpected end of input: missing '}' for the object opened at %s", w);
            }
            unsigned char c = j->s[j->i];
            if (c != '"') {
                if (c == '}') {
                    size_t b = j->i;
                    while (b > 0 && strchr(" \t\r\n", j->s[b - 1]))
                        b--;
                    return fail_at(j, b > 0 ? b - 1 : j->i, "trailing comma before '}' (JSON allows none)");
                }
                if (isalpha(c) || c == '_')
                    return fail_at(j, j->i, "object keys need double quotes, like \"name\"");
                if (c == '\'')
                    return fail_at(j, j->i, "keys need double quotes (\"), not single quotes (')");
                if (c == '/' || c == '#')
                    return fail_at(j, j->i, "comments are not allowed in JSON (use a \"description\" field instead)");
                if (c >= 0x80)
                    return bad_value(j);
                return fail_at(j, j->i, "expected a key in double quotes");
            }
            if (check_string(j) != 0)
                return -1;
            skip_ws(j);
            if (j->i >= j->n || j->s[j->i] != ':')
                return fail_at(j, j->i, "expected ':' after the key");
            j->i++;
            skip_ws(j);
        }
        if (j->i >= j->n) {
            char w[64];
            where_opened(j, open, w, sizeof w);
            return fail_at(j, j->n, "unexpected end of input: missing '%c' for the %s opened at %s",
                           close, is_object ? "object" : "array", w);
        }
        if (check_value(j) != 0)
            return -1;
        skip_ws(j);
        if (j->i >= j->n) {
            char w[64];
            where_opened(j, open, w, sizeof w);
            return fail_at(j, j->n, "unexpected end of input: missing '%c' for the %s opened at %s",
                           close, is_object ? "object" : "array", w);
        }
        unsigned char c = j->s[j->i];
        if (c == ',') {
            j->i++;
            skip_ws(j);
            if (!is_object && j->i < j->n && j->s[j->i] == ']')
                return fail_at(j, j->i, "trailing comma before ']' (JSON allows none)");
            continue;
        }
        if (c == close) {
            j->i++;
            j->depth--;
            return 0;
        }
        if (is_object && c == '"')
            return fail_at(j, j->i, "missing ',' between members of the object");
        if (!is_object && (c == '"' || c == '{' || c == '[' || isdigit(c) || c == '-'))
            return fail_at(j, j->i, "missing ',' between elements of the array");
        if (c == (is_object ? ']' : '}')) {
            char w[64];
            where_opened(j, open, w, sizeof w);
            return fail_at(j, j->i, "'%c' closes the %s opened at %s: expected '%c'",
                           c, is_object ? "object" : "array", w, close);
        }
        if (c == '/' || c == '#')
            return fail_at(j, j->i, "comments are not allowed in JSON (use a \"description\" field instead)");
        return fail_at(j, j->i, "expected ',' or '%c' after %s", close,
                       is_object ? "a member of the object" : "an element of the array");
    }
}

static int literal(jchk *j, const char *word)
{
    size_t k = strlen(word);
    if (j->i + k <= j->n && memcmp(j->s + j->i, word, k) == 0 &&
        (j->i + k == j->n || !is_word_char(j->s[j->i + k]))) {
        j->i += k;
        return 0;
    }
    return bad_value(j);
}

static int check_value(jchk *j)
{
    if (j->i >= j->n)
        return bad_value(j);
    if (++j->values > UTIL_JSON_MAX_VALUES)
        return fail_at(j, j->i, "more than %d values in one file (a scenario has a few hundred, a run's results some thousands); "
                                "is this a data file?", UTIL_JSON_MAX_VALUES);
    unsigned char c = j->s[j->i];
    switch (c) {
    case '{': return check_container(j, 1);
    case '[': return check_container(j, 0);
    case '"': return check_string(j);
    case 't': return literal(j, "true");
    case 'f': return literal(j, "false");
    case 'n': return literal(j, "null");
    default:
        if (c == '-' || isdigit(c))
            return check_number(j);
        return bad_value(j);
    }
}

/* First invalid UTF-8 or NUL byte: returns its offset, or n when none.
 * *why gets a message. */
static size_t check_encoding(const unsigned char *s, size_t n, const char **why)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == 0) {
            *why = "NUL byte in the input: this looks like a binary file, not JSON";
            return i;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { k = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 4; cp = c & 0x07; }
        else {
            *why = "invalid UTF-8: this looks like a binary file or a file in another encoding (save it as UTF-8)";
            return i;
        }
        if (i + k > n) {
            *why = "invalid UTF-8 (a truncated character): save the file as UTF-8";
            return i;
        }
        for (size_t t = 1; t < k; t++) {
            if ((s[i + t] & 0xC0) != 0x80) {
                *why = "invalid UTF-8: this looks like a binary file or a file in another encoding (save it as UTF-8)";
                return i;
            }
            cp = (cp << 6) | (s[i + t] & 0x3F);
        }
        if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            *why = "invalid UTF-8 (an overlong or surrogate sequence): save the file as UTF-8";
            return i;
        }
        i += k;
    }
    return n;
}

static void add_positioned(util_diags *d, const char *file, const unsigned char *s, size_t n,
                           size_t pos, const char *msg)
{
    int line, col, caret = 0;
    size_t ls;
    line_col(s, n, pos, &line, &col, &ls);
    char *ex = make_excerpt(s, n, ls, pos, &caret);
    util_diags_add(d, file, line, col, NULL, ex, caret, "%s", msg);
    free(ex);
}

cJSON *util_json_parse(const char *text, size_t len, const char *file, util_diags *d)
{
    const unsigned char *s = (const unsigned char *)text;
    if (!text)
        len = 0;
    if (len > UTIL_JSON_MAX_BYTES) {
        util_diags_add(d, file, 0, 0, NULL, NULL, 0,
                       "input is too large (%zu bytes; the limit is %zu MiB — a scenario or a PARAMS file is a few KiB)",
                       len, UTIL_JSON_MAX_BYTES >> 20);
        return NULL;
    }
    size_t skip = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        /* a UTF-8 byte-order mark: not part of the text, nor of its columns */
        s += 3;
        text += 3;
        len -= 3;
    }
    const char *why = NULL;
    size_t bad = check_encoding(s, len, &why);
    if (bad < len) {
        add_positioned(d, file, s, len, bad, why);
        return NULL;
    }
    jchk j;
    memset(&j, 0, sizeof j);
    j.s = s;
    j.n = len;
    j.i = skip;
    skip_ws(&j);
    if (j.i >= j.n) {
        util_diags_add(d, file, 0, 0, NULL, NULL, 0,
                       "the file is empty: expected one JSON object { … } (a scenario, for example: {\"name\": \"my-org\"})");
        return NULL;
    }
    if (check_value(&j) == 0) {
        skip_ws(&j);
        if (j.i < j.n)
            fail_at(&j, j.i, "unexpected text after the end of the JSON document "
                             "(one object { … } per file)");
    }
    if (j.msg) {
        add_positioned(d, file, s, len, j.pos, j.msg);
        return NULL;
    }
    /* Valid, shallow and bounded: cJSON gets a NUL-terminated copy. */
    char *copy = malloc(len - skip + 1);
    if (!copy) {
        util_diags_add(d, file, 0, 0, NULL, NULL, 0, "out of memory reading the file");
        return NULL;
    }
    memcpy(copy, text + skip, len - skip);
    copy[len - skip] = '\0';
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(copy, &end, 1);
    if (!root) {
        size_t pos = end && end >= copy && end <= copy + (len - skip) ? (size_t)(end - copy) + skip : skip;
        add_positioned(d, file, s, len, pos, "cannot parse JSON here (out of memory?)");
    }
    free(copy);
    return root;
}

int util_json_is_schema(const char *text, size_t len)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *schema = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "$schema") : NULL;
    int yes = cJSON_IsString(schema) && strstr(schema->valuestring, "json-schema.org/") != NULL;
    cJSON_Delete(root);
    return yes;
}
