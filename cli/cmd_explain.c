/* cmd_explain — `devopsim explain TRACE.jsonl --feature ID`: one feature's
 * journey through the simulation, day by day, from an event trace written
 * by `devopsim run --trace`, with a summary of where its task-days went. */
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "util/util_buf.h"
#include "models/org_trace.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

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
} combo;

typedef struct task_state {
    int id;
    double queued_at, delayed_at, delay_days, clar_at, started_at, overhead, learning_share;
    char reason[32];
} task_state;

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

static task_state *task_get(task_state **ts, int *n, int *cap, int id)
{
    for (int i = 0; i < *n; i++)
        if ((*ts)[i].id == id)
            return &(*ts)[i];
    if (*n == *cap) {
        size_t nc = (size_t)*cap;
        if (util_grow(ts, &nc, (size_t)*n + 1, sizeof **ts, 16) != 0 || nc > INT_MAX)
            return NULL;
        *cap = (int)nc;
    }
    task_state *t = &(*ts)[(*n)++];
    memset(t, 0, sizeof *t);
    t->id = id;
    t->queued_at = t->delayed_at = t->clar_at = t->started_at = -1.0;
    return t;
}

/* Books a task's hands-on interval [started_at, t]: ticket handling first,
 * then work, of which learning_share is learning. */
static void close_work(combo *c, task_state *T, double t)
{
    if (!T || T->started_at < 0)
        return;
    double dt = t - T->started_at;
    double ov = dt < T->overhead ? dt : T->overhead;
    double w = dt - ov;
    c->handling += ov;
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
                 "    release windows %.2f | evaluation %.2f | procurement %.2f | other delays %.2f\n\n",
            c->work + c->learning, c->learning, c->handling, c->queue, c->clarify, c->delay_window, c->delay_eval,
            c->delay_proc, c->delay_other);
}

/* Long (about 175 lines): the options, then one streaming pass over the
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
    if (!fp) {
        util_error("%s: cannot open: %s", path, strerror(errno));
        return CLI_USAGE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    combo c;
    memset(&c, 0, sizeof c);
    task_state *ts = NULL;
    int nts = 0, cts = 0, found = 0, status = CLI_OK;
    FILE *out = stdout;
    while ((len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        if (len == 0 || line[0] == '\n')
            continue;
        cJSON *o = cJSON_ParseWithLength(line, (size_t)len);
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
            nts = 0;
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
            fprintf(out, "feature %ld under %s at %s (replication %.0f)\n", feature, m, h, num(o, "rep", 0));
        }
        int tid = (int)num(o, "task", -1);
        task_state *T = tid >= 0 ? task_get(&ts, &nts, &cts, tid) : NULL;
        const char *kind = str(o, "kind"), *tech = str(o, "tech"), *team = str(o, "team");
        const char *eng = str(o, "engineer"), *name = str(o, "name");
        fprintf(out, "  day %8.2f  ", t);
        if (evk == ORG_TR_FEATURE_CREATED || evk == ORG_TR_PROJECT_STARTED) {
            c.t0 = t;
            fprintf(out, "arrives at %s: %.0f tasks from %s, %.0f handoff(s) planned\n", team,
                    num(o, "tasks", 0), *str(o, "template") ? str(o, "template") : str(o, "project"),
                    num(o, "handoffs", 0));
        } else if (evk == ORG_TR_TASK_CREATED) {
            fprintf(out, "task %-22s %-11s (%s) executed by %s\n", name, kind, tech, team);
        } else if (evk == ORG_TR_TASK_HANDOFF) {
            fprintf(out, "task %-22s handed off from %s to %s\n", name, str(o, "owner"), team);
        } else if (evk == ORG_TR_TASK_DELAYED) {
            double d = num(o, "delay_days", 0);
            fprintf(out, "task %-22s waits %.2f days for %s\n", name, d, str(o, "reason"));
            if (T) {
                T->delayed_at = t;
                T->delay_days = d;
                snprintf(T->reason, sizeof T->reason, "%s", str(o, "reason"));
            }
        } else if (evk == ORG_TR_TASK_QUEUED) {
            fprintf(out, "task %-22s queued at %s\n", name, team);
            if (T) {
                if (T->delayed_at >= 0) {
                    double d = t - T->delayed_at;
                    if (!strcmp(T->reason, "release_window")) c.delay_window += d;
                    else if (!strcmp(T->reason, "evaluation")) c.delay_eval += d;
                    else if (!strcmp(T->reason, "procurement")) c.delay_proc += d;
                    else c.delay_other += d;
                    T->delayed_at = -1;
                }
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
            }
        } else if (evk == ORG_TR_TASK_PREEMPTED) {
            fprintf(out, "task %-22s preempted (%s taken by an incident or a departure)\n", name, eng);
            close_work(&c, T, t);
        } else if (evk == ORG_TR_CLARIFICATION_REQUESTED) {
            fprintf(out, "task %-22s %s needs a clarification from %s\n", name, eng, str(o, "owner"));
            if (T) {
                close_work(&c, T, t);
                T->clar_at = t;
            }
        } else if (evk == ORG_TR_CLARIFICATION_ANSWERED) {
            fprintf(out, "task %-22s clarification answered by %s\n", name, str(o, "owner"));
        } else if (evk == ORG_TR_TASK_FINISHED) {
            fprintf(out, "task %-22s finished by %s\n", name, eng);
            close_work(&c, T, t);
        } else if (evk == ORG_TR_FEATURE_DONE) {
            c.done = 1;
            c.lead = num(o, "lead_time_days", 0);
            c.hands_on = num(o, "hands_on_days", 0);
            c.handoffs = (int)num(o, "handoffs", 0);
            c.clarifications = (int)num(o, "clarifications", 0);
            fprintf(out, "in production\n");
        } else {
            fprintf(out, "%s\n", ev);
        }
        cJSON_Delete(o);
    }
    if (status == CLI_OK)
        summary(&c, out);
    free(line);
    free(ts);
    fclose(fp);
    if (status == CLI_OK && !found) {
        util_error("%s: no feature %ld in this trace%s", path, feature,
                  model || hosting ? " for the model/hosting asked" : "");
        status = CLI_USAGE;
    }
    return status;
}
