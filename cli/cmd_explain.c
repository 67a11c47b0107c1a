/* cmd_explain — `devopsim explain TRACE.jsonl --feature ID`: one feature's
 * journey through the simulation, day by day, from an event trace written
 * by `devopsim run --trace`, with a summary of where its task-days went. */
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "util/util_buf.h"
#include "util/util_file.h"
#include "util/util_hash.h"
#include "util/util_msg.h"
#include "models/org_trace.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cJSON.h>

/* The longest trace line read: devopsim writes lines of a few hundred bytes. */
#define EXPLAIN_LINE_MAX (1 << 20)

static const char usage[] =
    "usage: devopsim explain TRACE.jsonl --feature ID [--model M] [--hosting H]\n"
    "\n"
    "Prints one feature's journey as a timeline, for every model and hosting point\n"
    "in the trace (or only those named): when each task was created, handed off,\n"
    "queued, started, preempted, clarified and finished, and where the days went.\n"
    "Feature IDs are the same under every model (common random numbers), so the\n"
    "same feature can be followed across designs.\n";

typedef struct combo {
    char model[64], hosting[64];
    int seen;
    double t0, t_done, lead, hands_on;
    int handoffs, clarifications, done;
    /* task-days by cause */
    double queue, delay_window, delay_eval, delay_proc, delay_other, clarify, work, learning, handling;
    double switching;   /* lost to switching between features (flow.switch_loss) */
} combo;

typedef struct task_state {
    int id;
    double queued_at, delayed_at, delay_days, clar_at, started_at, overhead, learning_share;
    double switching_share;     /* of the worked time after overhead, lost to switching between features */
    char reason[32];
} task_state;

/* The delay T has waited since it was delayed, up to t, booked to its
 * reason's cause; T is then no longer delayed. */
static void delay_end(combo *c, task_state *T, double t)
{
    if (T->delayed_at < 0)
        return;
    double d = t - T->delayed_at;
    if (!strcmp(T->reason, "release_window")) c->delay_window += d;
    else if (!strcmp(T->reason, "evaluation")) c->delay_eval += d;
    else if (!strcmp(T->reason, "procurement")) c->delay_proc += d;
    else c->delay_other += d;
    T->delayed_at = -1;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num(const cJSON *o, const char *k, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* The tasks of the feature followed, with an open-addressing index by id
 * (util_hash64), so that a trace with many task ids costs linear time. */
typedef struct task_table {
    task_state *v;
    size_t n, cap;
    int *slot;                  /* index into v, or -1; nslot is a power of two */
    size_t nslot;
} task_table;

static size_t task_home(const task_table *tt, int id)
{
    return (size_t)util_hash64(&id, sizeof id, UTIL_HASH_SEED) & (tt->nslot - 1);
}

/* Rebuilds the index with nslot slots; 0 or -1 when memory ran out. */
static int task_reindex(task_table *tt, size_t nslot)
{
    int *slot = malloc(nslot * sizeof *slot);
    if (!slot)
        return -1;
    free(tt->slot);
    tt->slot = slot;
    tt->nslot = nslot;
    for (size_t i = 0; i < nslot; i++)
        slot[i] = -1;
    for (size_t i = 0; i < tt->n; i++) {
        size_t k = task_home(tt, tt->v[i].id);
        while (slot[k] >= 0)
            k = (k + 1) & (nslot - 1);
        slot[k] = (int)i;
    }
    return 0;
}

/* Empties the table in time linear in what it holds. */
static void task_clear(task_table *tt)
{
    for (size_t i = 0; i < tt->n; i++) {
        size_t k = task_home(tt, tt->v[i].id);
        while (tt->slot[k] >= 0 && tt->slot[k] != (int)i)
            k = (k + 1) & (tt->nslot - 1);
        tt->slot[k] = -1;
    }
    tt->n = 0;
}

/* The task with this id, added when new; NULL when memory ran out. */
static task_state *task_get(task_table *tt, int id)
{
    if (tt->nslot) {
        for (size_t k = task_home(tt, id); tt->slot[k] >= 0; k = (k + 1) & (tt->nslot - 1))
            if (tt->v[tt->slot[k]].id == id)
                return &tt->v[tt->slot[k]];
    }
    if (tt->n >= INT_MAX / 4 || util_grow(&tt->v, &tt->cap, tt->n + 1, sizeof *tt->v, 16) != 0)
        return NULL;
    if (2 * (tt->n + 1) > tt->nslot && task_reindex(tt, tt->nslot ? 2 * tt->nslot : 64) != 0)
        return NULL;
    task_state *t = &tt->v[tt->n];
    memset(t, 0, sizeof *t);
    t->id = id;
    t->queued_at = t->delayed_at = t->clar_at = t->started_at = -1.0;
    size_t k = task_home(tt, id);
    while (tt->slot[k] >= 0)
        k = (k + 1) & (tt->nslot - 1);
    tt->slot[k] = (int)tt->n++;
    return t;
}

/* The integer field k of o: dflt when absent; 0, or -1 when it is not a
 * whole number in [lo, INT_MAX] (a tampered trace). */
static int int_field(const cJSON *o, const char *k, int dflt, int lo, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!v) {
        *out = dflt;
        return 0;
    }
    double d = cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
    if (!(d >= (double)lo && d <= (double)INT_MAX) || d != floor(d))
        return -1;
    *out = (int)d;
    return 0;
}

/* Text from the trace for the terminal: control characters escaped. The
 * result lives in one of ring's 8 buffers until 8 more calls. */
static const char *esc(util_buf *ring, int *k, const char *s)
{
    util_buf *b = &ring[(*k)++ & 7];
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
    util_term_escape(b, s, 0);
    return b->err ? "?" : util_buf_str(b);
}

/* Books a task's hands-on interval [started_at, t]: ticket handling first,
 * then work, of which switching_share is lost to switching between
 * features and learning_share of the rest is learning. */
static void close_work(combo *c, task_state *T, double t)
{
    if (!T || T->started_at < 0)
        return;
    double dt = t - T->started_at;
    double ov = dt < T->overhead ? dt : T->overhead;
    double w = dt - ov;
    c->handling += ov;
    c->switching += w * T->switching_share;
    w -= w * T->switching_share;
    c->learning += w * T->learning_share;
    c->work += w * (1.0 - T->learning_share);
    T->started_at = -1;
}

static void summary(const combo *c, FILE *out)
{
    if (!c->seen)
        return;
    if (c->done)
        fprintf(out, "  done: lead time %.2f days, hands-on %.2f days (flow efficiency %.0f%%), %d handoff(s), %d clarification(s)\n",
                c->lead, c->hands_on, c->lead > 0 ? 100.0 * c->hands_on / c->lead : 100.0,
                c->handoffs, c->clarifications);
    else
        fprintf(out, "  not finished when the run ended\n");
    fprintf(out, "  where the task-days went (tasks run in parallel, so these can add up to more than the lead time):\n");
    fprintf(out, "    working %.2f (of which learning %.2f) | ticket handling %.2f | waiting in queues %.2f | clarifying %.2f\n"
                 "    release windows %.2f | evaluation %.2f | procurement %.2f | other delays %.2f\n",
            c->work + c->learning, c->learning, c->handling, c->queue, c->clarify, c->delay_window, c->delay_eval,
            c->delay_proc, c->delay_other);
    if (c->switching > 0.0)     /* switching between features on (flow.switch_loss) */
        fprintf(out, "    switching between features %.2f (busy, not working on the feature)\n", c->switching);
    fputc('\n', out);
}

/* Long (about 210 lines): the options, then one streaming pass over the
 * trace in which every event kind updates the same running state (the task
 * table, the feature's clock and its category totals); the cases read best
 * side by side. */
int cmd_explain(int argc, char **argv)
{
    const char *path = NULL, *model = NULL, *hosting = NULL;
    long feature = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return CLI_OK;
        } else if (!strcmp(a, "--feature")) {
            if (cli_parse_int(a, next, 0, 2000000000L, &feature))
                return CLI_USAGE;
            i++;
        } else if (!strcmp(a, "--model")) {
            if (!next) { util_error("--model needs a name"); return CLI_USAGE; }
            model = next; i++;
        } else if (!strcmp(a, "--hosting")) {
            if (!next) { util_error("--hosting needs a name"); return CLI_USAGE; }
            hosting = next; i++;
        } else if (a[0] == '-' && a[1]) {
            util_error("explain: unknown option '%s' (see devopsim explain --help)", a);
            return CLI_USAGE;
        } else if (!path) {
            path = a;
        } else {
            util_error("explain: one trace file at a time, got '%s'", a);
            return CLI_USAGE;
        }
    }
    if (!path || feature < 0) {
        util_error("explain: needs a trace file and --feature ID (see devopsim explain --help)");
        return CLI_USAGE;
    }
    FILE *fp = fopen(path, "r");
    struct stat st;
    if (!fp || fstat(fileno(fp), &st) != 0 || S_ISDIR(st.st_mode)) {
        util_error("%s: cannot read: %s", path, fp ? "a directory, not a trace file" : strerror(errno));
        if (fp)
            fclose(fp);
        return CLI_USAGE;
    }
    util_buf line = { 0 }, ring[8];
    memset(ring, 0, sizeof ring);
    int rk = 0, got;
    long lineno = 0;
    combo c;
    memset(&c, 0, sizeof c);
    task_table tt;
    memset(&tt, 0, sizeof tt);
    int found = 0, status = CLI_OK;
    FILE *out = stdout;
#define E(s) esc(ring, &rk, (s))
    while ((got = util_read_line(fp, &line, EXPLAIN_LINE_MAX)) != 0) {
        lineno++;
        if (got < 0) {
            if (errno == EFBIG)
                util_error("%s:%ld: a line longer than %d bytes: not a devopsim trace", path, lineno,
                           EXPLAIN_LINE_MAX);
            else
                util_error("%s:%ld: cannot read: %s", path, lineno, strerror(errno));
            status = errno == EFBIG ? CLI_USAGE : CLI_FAIL;
            break;
        }
        if (line.n == 0 || line.p[0] == '\n')
            continue;
        cJSON *o = cJSON_ParseWithLength((const char *)line.p, line.n);
        if (!o || !cJSON_IsObject(o)) {
            cJSON_Delete(o);
            util_error("%s:%ld: not a JSON object: is this a trace written by 'devopsim run --trace'?", path, lineno);
            status = CLI_USAGE;
            break;
        }
        const char *ev = str(o, "ev"), *m = str(o, "model"), *h = str(o, "hosting");
        double t = num(o, "t", NAN);
        if (!*ev || isnan(t)) {
            cJSON_Delete(o);
            util_error("%s:%ld: missing \"ev\" or \"t\": not a devopsim trace line", path, lineno);
            status = CLI_USAGE;
            break;
        }
        if ((model && strcmp(model, m)) || (hosting && strcmp(hosting, h))) {
            cJSON_Delete(o);
            continue;
        }
        int evk = org_trace_ev_parse(ev);
        if (evk == ORG_TR_RUN_STARTED) {
            summary(&c, out);
            memset(&c, 0, sizeof c);
            snprintf(c.model, sizeof c.model, "%s", m);
            snprintf(c.hosting, sizeof c.hosting, "%s", h);
            task_clear(&tt);
            cJSON_Delete(o);
            continue;
        }
        if (num(o, "feature", -1) != (double)feature) {
            cJSON_Delete(o);
            continue;
        }
        if (!c.seen) {
            c.seen = 1;
            found = 1;
            fprintf(out, "feature %ld under %s at %s (replication %.0f)\n", feature, E(m), E(h), num(o, "rep", 0));
        }
        int tid, handoffs, clarifications;
        if (int_field(o, "task", -1, -1, &tid) != 0 || int_field(o, "handoffs", 0, 0, &handoffs) != 0
            || int_field(o, "clarifications", 0, 0, &clarifications) != 0) {
            cJSON_Delete(o);
            util_error("%s:%ld: \"task\", \"handoffs\" and \"clarifications\" must be whole numbers from 0 to %d",
                       path, lineno, INT_MAX);
            status = CLI_USAGE;
            break;
        }
        task_state *T = tid >= 0 ? task_get(&tt, tid) : NULL;
        if (tid >= 0 && !T) {
            cJSON_Delete(o);
            util_error("out of memory reading %s", path);
            status = CLI_FAIL;
            break;
        }
        const char *kind = E(str(o, "kind")), *tech = E(str(o, "tech")), *team = E(str(o, "team"));
        const char *eng = E(str(o, "engineer")), *name = E(str(o, "name"));
        fprintf(out, "  day %8.2f  ", t);
        if (evk == ORG_TR_FEATURE_CREATED || evk == ORG_TR_PROJECT_STARTED) {
            c.t0 = t;
            fprintf(out, "arrives at %s: %.0f tasks from %s, %.0f handoff(s) planned\n", team,
                    num(o, "tasks", 0), E(*str(o, "template") ? str(o, "template") : str(o, "project")),
                    num(o, "handoffs", 0));
        } else if (evk == ORG_TR_TASK_CREATED) {
            fprintf(out, "task %-22s %-11s (%s) executed by %s\n", name, kind, tech, team);
        } else if (!strcmp(ev, "task_handoff")) {
            fprintf(out, "task %-22s handed off from %s to %s\n", name, E(str(o, "owner")), team);
        } else if (!strcmp(ev, "task_delayed")) {
            double d = num(o, "delay_days", -1);
            if (d < 0)      /* reason wip: held until one of the team's features finishes */
                fprintf(out, "task %-22s waits for %s (until the team is below its limit)\n", name,
                        E(str(o, "reason")));
            else
                fprintf(out, "task %-22s waits %.2f days for %s\n", name, d, E(str(o, "reason")));
            if (T) {
                delay_end(&c, T, t);        /* a hold after another delay (wip after iteration) */
                T->delayed_at = t;
                T->delay_days = d;
                snprintf(T->reason, sizeof T->reason, "%s", str(o, "reason"));
            }
        } else if (evk == ORG_TR_TASK_QUEUED) {
            fprintf(out, "task %-22s queued at %s\n", name, team);
            if (T) {
                delay_end(&c, T, t);
                if (T->clar_at >= 0) {
                    c.clarify += t - T->clar_at;
                    T->clar_at = -1;
                }
                T->queued_at = t;
            }
        } else if (evk == ORG_TR_TASK_STARTED) {
            fprintf(out, "task %-22s started by %s (%.2f days of work, %.0f%% of it learning)\n", name, eng,
                    num(o, "work_days", 0) + num(o, "overhead_days", 0), 100.0 * num(o, "learning_share", 0));
            if (T) {
                if (T->queued_at >= 0)
                    c.queue += t - T->queued_at;
                T->queued_at = -1;
                T->started_at = t;
                T->overhead = num(o, "overhead_days", 0);
                T->learning_share = num(o, "learning_share", 0);
                T->switching_share = num(o, "switching_share", 0);
            }
        } else if (evk == ORG_TR_TASK_PREEMPTED) {
            fprintf(out, "task %-22s preempted (%s taken by an incident or a departure)\n", name, eng);
            close_work(&c, T, t);
        } else if (!strcmp(ev, "clarification_requested")) {
            fprintf(out, "task %-22s %s needs a clarification from %s\n", name, eng, E(str(o, "owner")));
            if (T) {
                close_work(&c, T, t);
                T->clar_at = t;
            }
        } else if (!strcmp(ev, "clarification_answered")) {
            fprintf(out, "task %-22s clarification answered by %s\n", name, E(str(o, "owner")));
        } else if (!strcmp(ev, "task_finished")) {
            fprintf(out, "task %-22s finished by %s\n", name, eng);
            close_work(&c, T, t);
        } else if (evk == ORG_TR_FEATURE_DONE) {
            c.done = 1;
            c.lead = num(o, "lead_time_days", 0);
            c.hands_on = num(o, "hands_on_days", 0);
            c.handoffs = handoffs;
            c.clarifications = clarifications;
            fprintf(out, "in production\n");
        } else {
            fprintf(out, "%s\n", E(ev));
        }
        cJSON_Delete(o);
    }
    if (status == CLI_OK)
        summary(&c, out);
#undef E
    util_buf_free(&line);
    for (int i = 0; i < 8; i++)
        util_buf_free(&ring[i]);
    free(tt.v);
    free(tt.slot);
    fclose(fp);
    if (status == CLI_OK && !found) {
        util_error("%s: no feature %ld in this trace%s", path, feature,
                  model || hosting ? " for the model/hosting asked" : "");
        status = CLI_USAGE;
    }
    return status;
}
