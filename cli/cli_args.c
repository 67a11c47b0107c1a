/* cli_args — strict option parsing. */
#include "cli/cli_args.h"
#include "cli/cli.h"
#include "report/pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <omp.h>

int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out)
{
    if (!text) {
        util_error("%s needs a value", opt);
        return -1;
    }
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end != '\0' || v < lo || v > hi) {
        util_error("%s: must be an integer from %ld to %ld, got '%s'", opt, lo, hi, text);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_u64(const char *opt, const char *text, uint64_t *out)
{
    if (!text) {
        util_error("%s needs a value", opt);
        return -1;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end != '\0' || text[0] == '-' || v > CLI_MAX_U64) {
        util_error("%s: must be an integer from 0 to 9007199254740992 (2^53, what a scenario's seed and "
                   "results.json hold exactly), got '%s'", opt, text);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

/* A size in bytes: a positive number with an optional K, M, G or T (powers
 * of 1024, "KiB"/"KB"-style endings accepted). */
static int parse_size(const char *opt, const char *text, double *out)
{
    if (!text) {
        util_error("%s needs a size, e.g. 4G", opt);
        return -1;
    }
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    double mul = 1.0;
    if (end != text) {
        switch (*end) {
        case 'k': case 'K': mul = 1024.0; end++; break;
        case 'm': case 'M': mul = 1024.0 * 1024.0; end++; break;
        case 'g': case 'G': mul = 1024.0 * 1024.0 * 1024.0; end++; break;
        case 't': case 'T': mul = 1024.0 * 1024.0 * 1024.0 * 1024.0; end++; break;
        default: break;
        }
        if (mul > 1.0 && (!strcmp(end, "iB") || !strcmp(end, "B")))
            end += strlen(end);
        else if (mul == 1.0 && !strcmp(end, "B"))
            end++;
    }
    if (errno || end == text || *end != '\0' || !(v > 0.0) || !(v * mul < 1e18)) {
        util_error("%s: must be a size such as 512M or 4G, got '%s'", opt, text);
        return -1;
    }
    *out = v * mul;
    return 0;
}

int cli_common_arg(int argc, char **argv, int *i, const cli_common_ptrs *p)
{
    const char *a = argv[*i];
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (p->out && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
        if (!next) {
            util_error("%s needs a directory", a);
            return -1;
        }
        *p->out = next;
    } else if (p->reps && !strcmp(a, "--reps")) {
        if (cli_parse_int(a, next, 1, 10000, p->reps))
            return -1;
    } else if (p->jobs && (!strcmp(a, "--jobs") || !strcmp(a, "-j"))) {
        if (cli_parse_int(a, next, 1, 4096, p->jobs))
            return -1;
    } else if (p->seed && !strcmp(a, "--seed")) {
        if (cli_parse_u64(a, next, p->seed))
            return -1;
        if (p->has_seed)
            *p->has_seed = 1;
    } else if (p->quiet && (!strcmp(a, "-q") || !strcmp(a, "--quiet"))) {
        *p->quiet = 1;
        return 1;
    } else if (p->dry_run && !strcmp(a, "--dry-run")) {
        *p->dry_run = 1;
        return 1;
    } else if (p->max_memory && !strcmp(a, "--max-memory")) {
        if (parse_size(a, next, p->max_memory))
            return -1;
    } else {
        return 0;
    }
    (*i)++;
    return 1;
}

int cli_one_file(const char *cmd, const char *what, const char *hint, const char *a, const char **file)
{
    if (a[0] == '-' && a[1] != '\0') {
        util_error("%s: unknown option '%s' (see devopsim %s --help)", cmd, a, cmd);
        return -1;
    }
    if (*file) {
        util_error("%s: one %s at a time%s%s%s, got '%s' after '%s'", cmd, what, hint ? " (" : "", hint ? hint : "",
                   hint ? ")" : "", a, *file);
        return -1;
    }
    *file = a;
    return 0;
}

int cli_memory_gate(struct pipeline *pl, long jobs_opt, double max_memory, int dry_run, int *jobs, int *status)
{
    *jobs = jobs_opt > 0 ? (int)jobs_opt : omp_get_num_procs();
    int fits = pipeline_check_memory(pl, *jobs, max_memory, dry_run ? stdout : NULL);
    if (fits == 0 && !dry_run)
        return 0;
    pipeline_free(pl);
    *status = fits != 0 ? CLI_USAGE : CLI_OK;
    return 1;
}
