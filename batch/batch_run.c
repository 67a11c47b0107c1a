/* batch_run — the flat job list of a batch: the scenarios' runs, then their
 * staffing rounds, on threads and ranks; rank 0 writes. See batch_run.h. */
#include "batch/batch_run.h"
#include "batch/batch_pack.h"
#include "util/util_buf.h"
#include "util/util_msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

volatile sig_atomic_t batch_signal;
volatile sig_atomic_t batch_progress_line;

/* A rough cost of one run: engineer-days plus arrivals over the horizon.
 * Used only to order the jobs, longest first. */
static double job_cost(const org_scenario *s)
{
    double engineers = s->central_size, per_week = 0.0;
    for (int t = 0; t < s->n_teams; t++) {
        engineers += s->teams[t].size;
        per_week += s->teams[t].features_per_week;
    }
    double days = s->run.warmup_days + s->run.measure_days + 0.25 * s->run.drain_max_days;
    return days * (engineers + 4.0 * per_week);
}

typedef struct job {
    int sc;                     /* index into the run list */
    long j;                     /* job within its experiment */
} job;

/* One job of a staffing round: replication rep of candidate cand of run[sc]. */
typedef struct staff_job {
    int sc;
    org_staff_cand cand;
    int rep;
} staff_job;

typedef struct runner {
    batch_scen **run;           /* scenarios to run, in the order all ranks agree on */
    int n_run;
    job *jobs;                  /* the flat list, longest first */
    long n_jobs;
    signed char *status;        /* per position: 0 not run, 1 ran, -1 failed */
    int threads;
    batch_comm *comm;
    const batch_run_opts *o;
    /* the staffing round in progress (every rank) */
    staff_job *sjobs;
    long n_sjobs;
    size_t cap_sjobs;
    org_rep *sruns;             /* [n_sjobs] */
    signed char *sstatus;       /* [n_sjobs], as status */
    long staff_runs;            /* staffing replications run (here; rank 0: in all) */
    int round;
    /* rank 0 */
    int *ready;                 /* scenarios whose work is all done, to write */
    int ready_head, ready_tail;
    util_progress prog;
    double last_progress;
    long done;
    double cost_done, cost_total;   /* estimated, for the ETA */
    int write_errors;
} runner;

/* Where the result of job k goes. */
typedef org_rep *(*slot_fn)(runner *R, long k);

static org_rep *exp_slot(runner *R, long k)
{
    return &R->run[R->jobs[k].sc]->res.x.runs[R->jobs[k].j];
}

static org_rep *staff_slot(runner *R, long k)
{
    return &R->sruns[k];
}

/* The progress line: done/total, runs per second, and an ETA from the share
 * of the estimated cost done (jobs run longest first, so the run rate climbs
 * towards the end and would overstate the time left). */
static void progress(runner *R, long done)
{
    double now = util_now_seconds();
    if (!R->prog.enabled || (now - R->last_progress < 0.1 && done < R->n_jobs))
        return;
    R->last_progress = now;
    double el = now - R->prog.t0;
    double share = R->cost_total > 0 ? R->cost_done / R->cost_total : 0.0;
    if (R->comm->size > 1 || share <= 0.0)
        share = R->n_jobs > 0 ? (double)done / (double)R->n_jobs : 0.0;
    fprintf(stderr, "\r%s %ld/%ld runs  %.1f runs/s  ", R->prog.label, done, R->n_jobs,
            el > 0 ? (double)done / el : 0.0);
    if (share > 0.0 && done < R->n_jobs)
        fprintf(stderr, "ETA %.0fs   ", el * (1.0 - share) / share);
    else
        fputs("           ", stderr);
    fflush(stderr);
}

void batch_scen_release(batch_scen *S)
{
    if (S->staff)
        org_staff_end(S->staff, 0);     /* releases res.staff */
    S->staff = NULL;
    if (S->has_x || S->res.has_staff)
        pipeline_results_free(&S->res);
    S->has_x = 0;
}

/* Writes one finished scenario: its folder, then its marker. Any thread of
 * rank 0. A scenario with staffing targets whose runs are done is only
 * finished here: its staffing search runs next, as jobs of its own. */
static void write_scen(runner *R, int i)
{
    batch_scen *S = R->run[i];
    if (S->failed) {
        util_error("%s: out of memory while running it; no results written", S->path);
        S->state = BATCH_FAILED;
        batch_scen_release(S);
        return;
    }
    if (!S->exp_done) {
        org_exp_finish(&S->res.x);
        S->exp_done = 1;
    }
    if (S->pl.s.targets.has_targets && !S->res.has_staff)
        return;
    if (batch_done_remove(S->dir) == 0 && pipeline_write(&S->pl, &S->res, S->dir, &R->o->pout) == 0
        && batch_done_write(S->dir, &S->key, S->pl.s.name) == 0) {
        S->state = BATCH_WRITTEN;
    } else {
        S->state = BATCH_FAILED;
#pragma omp atomic
        R->write_errors++;
    }
    batch_scen_release(S);
}

/* Queues run[i] for writing (any thread of rank 0). */
static void ready_push(runner *R, int i)
{
#pragma omp critical(batch_ready)
    R->ready[R->ready_tail++] = i;
}

static void write_ready(runner *R)
{
    for (;;) {
        int i = -1;
#pragma omp critical(batch_ready)
        {
            if (R->ready_head < R->ready_tail)
                i = R->ready[R->ready_head++];
        }
        if (i < 0)
            return;
        write_scen(R, i);
    }
}

/* Rank 0: job at position k is accounted for; a scenario whose last job this
 * was is queued for writing. Call inside critical(batch_ready). */
static void account(runner *R, long k, int ok)
{
    batch_scen *S = R->run[R->jobs[k].sc];
    if (!ok)
        S->failed = 1;
    R->cost_done += S->cost;
    if (--S->remaining == 0)
        R->ready[R->ready_tail++] = R->jobs[k].sc;   /* inside critical(batch_ready) */
    R->done++;
}

/* Runs the positions a + offset, a + offset + stride, … below b on this
 * process's threads. Single process (stride 1): accounts each job at once
 * and writes finished scenarios from whichever thread is free. */
static void run_positions(runner *R, long a, long b, long offset, long stride, int single)
{
    long my_done = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(R->threads)
    for (long k = a + offset; k < b; k += stride) {
        if (!batch_signal) {
            job *jb = &R->jobs[k];
            int rc = org_exp_run_job(&R->run[jb->sc]->res.x, jb->j, NULL);
            R->status[k] = rc == 0 ? 1 : -1;
#pragma omp critical(batch_ready)
            {
                if (single) {
                    account(R, k, rc == 0);
                    progress(R, R->done);
                } else if (R->comm->rank == 0) {
                    my_done++;
                    long est = R->done + my_done * R->comm->size;
                    progress(R, est < b ? est : b);
                }
            }
        }
        if (R->comm->rank == 0)
            write_ready(R);
    }
}

/* MPI: ranks send rank 0 the results of their positions of [a, b). */
static int send_results(runner *R, long a, long b, const signed char *status, slot_fn slot)
{
    util_buf buf = { 0 };
    int rc = 0;
    for (long k = a + R->comm->rank; k < b && rc == 0; k += R->comm->size) {
        org_rep *rep = slot(R, k);
        if (batch_job_pack(&buf, k, status[k] == 1 ? 0 : -1, rep) != 0)
            rc = -1;
        org_rep_destroy(rep);
        /* Messages of at most 64 MB, whole jobs each. */
        if (rc == 0 && (buf.n > ((size_t)64 << 20) || k + R->comm->size >= b)) {
            rc = batch_comm_send(R->comm, buf.p, buf.n);
            buf.n = 0;
        }
    }
    util_buf_free(&buf);
    return rc;
}

/* MPI, rank 0: receives the other ranks' results of [a, b) into their slots. */
static int recv_results(runner *R, long a, long b, signed char *status, slot_fn slot)
{
    long expected = 0;
    for (long k = a; k < b; k++)
        if ((k - a) % R->comm->size != 0)
            expected++;
    util_buf buf = { 0 };
    int rc = 0;
    while (expected > 0 && rc == 0) {
        if (batch_comm_recv(R->comm, &buf) != 0) {
            rc = -1;
            break;
        }
        size_t pos = 0;
        while (pos < buf.n && rc == 0) {
            int64_t k;
            int32_t st;
            org_rep rep;
            if (batch_job_unpack(buf.p, buf.n, &pos, &k, &st, &rep) != 0 || k < a || k >= b
                || (k - a) % R->comm->size == 0 || status[k] != 0) {
                if (st == 0)
                    org_rep_destroy(&rep);
                util_error("batch: malformed results from another rank");
                rc = -1;
                break;
            }
            *slot(R, k) = rep;
            status[k] = st == 0 ? 1 : -1;
            expected--;
        }
    }
    util_buf_free(&buf);
    return rc;
}

/* MPI: runs the flat list in waves of whole scenarios, each wave spread
 * round-robin over the ranks; after a wave rank 0 gathers its results and
 * writes the wave's scenarios while the next wave runs. */
static int run_mpi(runner *R, long wave_min)
{
    long a = 0;
    while (a < R->n_jobs) {
        /* The wave: whole scenarios (jobs are grouped by scenario) until wave_min. */
        long b = a;
        while (b < R->n_jobs) {
            int sc = R->jobs[b].sc;
            while (b < R->n_jobs && R->jobs[b].sc == sc)
                b++;
            if (b - a >= wave_min)
                break;
        }
        run_positions(R, a, b, R->comm->rank, R->comm->size, 0);
        long sig = batch_comm_max(R->comm, (long)batch_signal);
        if (sig != 0) {
            if (!batch_signal)
                batch_signal = (int)sig;        /* another rank was stopped */
            break;
        }
        if (R->comm->rank != 0) {
            if (send_results(R, a, b, R->status, exp_slot) != 0) {
                util_error("batch: rank %d could not send its results", R->comm->rank);
                batch_comm_abort(R->comm, 1);
                return -1;
            }
        } else {
            if (recv_results(R, a, b, R->status, exp_slot) != 0) {
                batch_comm_abort(R->comm, 1);
                return -1;
            }
            for (long k = a; k < b; k++)
                account(R, k, R->status[k] == 1);
            progress(R, R->done);
        }
        a = b;
    }
    if (R->comm->rank == 0)
        write_ready(R);
    return 0;
}

static int cmp_run(const void *pa, const void *pb)
{
    const batch_scen *x = *(batch_scen *const *)pa, *y = *(batch_scen *const *)pb;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    return 0;
}

/* Builds the flat job list: scenarios longest job first (stable), each
 * scenario's jobs together. Allocates the experiments. 0 or -1. */
static int plan_jobs(runner *R)
{
    long total = 0;
    for (int i = 0; i < R->n_run; i++) {
        batch_scen *S = R->run[i];
        if (org_exp_alloc(&S->pl.s, S->pl.s.run.replications, &S->res.x) != 0)
            return -1;
        S->has_x = 1;
        S->n_jobs = org_exp_jobs(&S->res.x);
        S->remaining = S->n_jobs;
        S->cost = job_cost(&S->pl.s);
        R->cost_total += S->cost * (double)S->n_jobs;
        total += S->n_jobs;
    }
    /* qsort is not stable: sort (cost, index) pairs through a copy. */
    batch_scen **order = malloc((size_t)(R->n_run > 0 ? R->n_run : 1) * sizeof *order);
    R->jobs = malloc((size_t)(total ? total : 1) * sizeof *R->jobs);
    R->status = calloc((size_t)(total ? total : 1), 1);
    /* a scenario enters the write queue at most twice: after its runs, after its staffing search */
    R->ready = malloc((size_t)(R->n_run > 0 ? 2 * R->n_run : 1) * sizeof *R->ready);
    if (!order || !R->jobs || !R->status || !R->ready) {
        free(order);
        return -1;
    }
    for (int i = 0; i < R->n_run; i++)
        order[i] = R->run[i];
    /* insertion sort: stable, and the lists are short */
    for (int i = 1; i < R->n_run; i++) {
        batch_scen *v = order[i];
        int k = i;
        while (k > 0 && cmp_run(&order[k - 1], &v) > 0) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = v;
    }
    long n = 0;
    for (int i = 0; i < R->n_run; i++) {
        int sc = -1;
        for (int t = 0; t < R->n_run; t++)
            if (R->run[t] == order[i])
                sc = t;
        order[i]->first = n;
        for (long j = 0; j < order[i]->n_jobs; j++) {
            R->jobs[n].sc = sc;
            R->jobs[n].j = j;
            n++;
        }
    }
    R->n_jobs = n;
    free(order);
    return 0;
}

/* ---- the staffing searches, round by round, as jobs ---------------------------- */

/* Rank 0: starts the search of every scenario whose runs are done and that
 * has targets. */
static void staff_start(runner *R)
{
    for (int i = 0; i < R->n_run; i++) {
        batch_scen *S = R->run[i];
        if (!S->exp_done || S->failed || !S->pl.s.targets.has_targets || S->res.has_staff || S->staff)
            continue;
        org_staff_opts so;
        org_staff_opts_init(&so);
        so.reps = S->pl.s.run.replications;
        if (org_staff_begin(&S->pl.s, &so, &S->res.staff, &S->staff) != 0) {
            S->failed = 1;
            ready_push(R, i);
        }
    }
}

/* Rank 0: the next round of every search in progress, as one list (each
 * search's candidates and replications together, in order); a search that
 * is over is queued for writing. 0 or -1 (memory). */
static int staff_plan(runner *R)
{
    R->n_sjobs = 0;
    for (int i = 0; i < R->n_run; i++) {
        batch_scen *S = R->run[i];
        if (!S->staff)
            continue;
        const org_staff_cand *c;
        int n = org_staff_round(S->staff, &c);
        if (n == 0) {
            org_staff_end(S->staff, 1);
            S->staff = NULL;
            S->res.has_staff = 1;
            ready_push(R, i);
            continue;
        }
        int reps = S->res.staff.reps;
        size_t need = (size_t)R->n_sjobs + (size_t)n * (size_t)reps;
        if (util_grow(&R->sjobs, &R->cap_sjobs, need, sizeof *R->sjobs, 256) != 0)
            return -1;
        for (int k = 0; k < n; k++)
            for (int r = 0; r < reps; r++)
                R->sjobs[R->n_sjobs++] = (staff_job){ i, c[k], r };
    }
    return 0;
}

/* The round's list from rank 0 to every rank. 0 or -1. */
static int staff_share(runner *R)
{
    util_buf b = { 0 };
    int rc = 0;
    if (R->comm->rank == 0) {
        int64_t n = R->n_sjobs;
        rc |= util_buf_put(&b, &n, sizeof n);
        for (long k = 0; k < R->n_sjobs; k++) {
            const staff_job *j = &R->sjobs[k];
            int32_t v[7] = { j->sc, j->cand.cell, j->cand.m, j->cand.h, j->cand.central, j->cand.extra, j->rep };
            rc |= util_buf_put(&b, v, sizeof v);
        }
    }
    if (rc != 0 || batch_comm_bcast(R->comm, &b) != 0) {
        util_buf_free(&b);
        return -1;
    }
    if (R->comm->rank != 0) {
        int64_t n = 0;
        if (b.n >= sizeof n)
            memcpy(&n, b.p, sizeof n);
        size_t each = 7 * sizeof(int32_t);
        if (n < 0 || b.n != sizeof n + (size_t)n * each
            || util_grow(&R->sjobs, &R->cap_sjobs, (size_t)n, sizeof *R->sjobs, 256) != 0) {
            util_buf_free(&b);
            return -1;
        }
        for (int64_t k = 0; k < n; k++) {
            int32_t v[7];
            memcpy(v, b.p + sizeof n + (size_t)k * each, each);
            if (v[0] < 0 || v[0] >= R->n_run) {
                util_buf_free(&b);
                return -1;
            }
            R->sjobs[k] = (staff_job){ v[0], { v[1], v[2], v[3], v[4], v[5] }, v[6] };
        }
        R->n_sjobs = (long)n;
    }
    util_buf_free(&b);
    return 0;
}

/* Runs this process's share of the round (positions offset, offset +
 * stride, …) on its threads; rank 0 writes finished scenarios meanwhile. */
static void staff_run_positions(runner *R, long offset, long stride)
{
    long my_done = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(R->threads)
    for (long k = offset; k < R->n_sjobs; k += stride) {
        if (!batch_signal) {
            const staff_job *j = &R->sjobs[k];
            int rc = org_staff_run_job(&R->run[j->sc]->pl.s, &j->cand, j->rep, &R->sruns[k]);
            R->sstatus[k] = rc == 0 ? 1 : -1;
            if (R->comm->rank == 0) {
#pragma omp critical(batch_ready)
                {
                    my_done++;
                    long est = my_done * stride;
                    util_progress_update(&R->prog, est < R->n_sjobs ? est : R->n_sjobs, R->n_sjobs);
                }
            }
        }
        if (R->comm->rank == 0)
            write_ready(R);
    }
}

/* Rank 0: hands each search its round's results (candidate, then
 * replication order); a search that failed is written as failed. */
static void staff_feed(runner *R)
{
    long k = 0;
    while (k < R->n_sjobs) {
        int sc = R->sjobs[k].sc;
        long e = k;
        int ok = 1;
        while (e < R->n_sjobs && R->sjobs[e].sc == sc)
            ok &= R->sstatus[e++] == 1;
        batch_scen *S = R->run[sc];
        if (!ok || org_staff_feed(S->staff, &R->sruns[k]) != 0) {
            util_error("%s: out of memory in its staffing search", S->path);
            org_staff_end(S->staff, 0);
            S->staff = NULL;
            S->failed = 1;
            ready_push(R, sc);
        }
        k = e;
    }
}

/* Every rank: the staffing searches of the scenarios with targets, one
 * round of all of them at a time, each round's replications spread over
 * every thread and rank like the runs before. 0 or -1 (MPI failure). */
static int run_staffing(runner *R)
{
    int root = R->comm->rank == 0, size = R->comm->size;
    if (root)
        staff_start(R);
    for (;;) {
        int bad = root && staff_plan(R) != 0;
        if (size > 1 && staff_share(R) != 0) {
            util_error("batch: rank %d: could not share a staffing round", R->comm->rank);
            batch_comm_abort(R->comm, 1);
            return -1;
        }
        if (bad) {
            util_error("batch: out of memory planning the staffing searches");
            batch_comm_abort(R->comm, 1);
            return -1;
        }
        if (R->n_sjobs == 0)
            break;
        R->round++;
        R->sruns = calloc((size_t)R->n_sjobs, sizeof *R->sruns);
        R->sstatus = calloc((size_t)R->n_sjobs, 1);
        if (!R->sruns || !R->sstatus) {
            util_error("batch: out of memory for a staffing round");
            batch_comm_abort(R->comm, 1);
            return -1;
        }
        if (root) {
            util_progress_end(&R->prog);
            util_progress_init(&R->prog, "staffing", R->o->quiet);
        }
        staff_run_positions(R, R->comm->rank, size);
        long sig = size > 1 ? batch_comm_max(R->comm, (long)batch_signal) : (long)batch_signal;
        int stop = sig != 0, rc = 0;
        if (stop && !batch_signal)
            batch_signal = (int)sig;            /* another rank was stopped */
        if (!stop && size > 1) {
            if (!root)
                rc = send_results(R, 0, R->n_sjobs, R->sstatus, staff_slot);
            else
                rc = recv_results(R, 0, R->n_sjobs, R->sstatus, staff_slot);
            if (rc != 0) {
                util_error("batch: rank %d: staffing results could not be exchanged", R->comm->rank);
                batch_comm_abort(R->comm, 1);
                return -1;
            }
        }
        R->staff_runs += root ? R->n_sjobs : (R->n_sjobs - R->comm->rank + size - 1) / size;
        if (!stop && root)
            staff_feed(R);
        for (long k = 0; k < R->n_sjobs; k++)
            org_rep_destroy(&R->sruns[k]);
        free(R->sruns);
        free(R->sstatus);
        R->sruns = NULL;
        R->sstatus = NULL;
        if (stop)
            break;
    }
    if (root)
        write_ready(R);
    return 0;
}

/* ---- the whole run ------------------------------------------------------------ */

int batch_run(batch_scen **run, int n, batch_comm *comm, const batch_run_opts *o, long *runs, int *write_errors)
{
    runner R;
    memset(&R, 0, sizeof R);
    R.run = run;
    R.n_run = n;
    R.threads = o->threads;
    R.comm = comm;
    R.o = o;
    int root = comm->rank == 0, rc = 0;
    if (plan_jobs(&R) != 0) {
        util_error("out of memory planning the runs");
        batch_comm_abort(comm, 1);      /* the other ranks would wait for us */
        rc = -1;
        goto out;
    }
    if (root) {
        util_progress_init(&R.prog, "batch", o->quiet);
        batch_progress_line = R.prog.enabled;
    }
    /* Writing a scenario runs parallel loops of its own (the charts): let
     * them use threads too, or the last scenario's write is one thread's
     * work while the others wait. Their results do not depend on threads. */
    int levels = omp_get_max_active_levels();
    omp_set_max_active_levels(levels > 2 ? levels : 2);
    if (comm->size == 1) {
        run_positions(&R, 0, R.n_jobs, 0, 1, 1);
        write_ready(&R);
    } else {
        long wave_min = 4L * comm->size * (o->threads0 > 0 ? o->threads0 : 1);
        if (run_mpi(&R, wave_min) != 0)
            rc = -1;
    }
    if (rc == 0 && comm->size > 1) {
        /* a signal after the last wave's agreement must stop every rank or none */
        long sig = batch_comm_max(comm, (long)batch_signal);
        if (sig && !batch_signal)
            batch_signal = (int)sig;
    }
    if (rc == 0 && !batch_signal)
        rc = run_staffing(&R);
    omp_set_max_active_levels(levels);
    if (root)
        util_progress_end(&R.prog);
    batch_progress_line = 0;
out:
    *runs = R.staff_runs;
    for (long k = 0; k < R.n_jobs; k++)
        *runs += R.status[k] != 0;
    *write_errors = R.write_errors;
    free(R.jobs);
    free(R.status);
    free(R.ready);
    free(R.sjobs);
    return rc;
}
