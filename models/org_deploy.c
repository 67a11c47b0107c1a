/* org_deploy — a deploy task has run: changes released at the same window for
 * the same service are one deployment (a batch); on demand, every change is
 * its own. The batch fails when one of its changes does, and opens one
 * incident. */
#include "models/org_sim_int.h"

#include <math.h>
#include <gsl/gsl_rng.h>
#include "models/org_change.h"

void org__deployed(sim *S, int t)
{
    task *T = TASK(S, t);
    const feature *F = FEAT(S, T->feature);
    /* on demand, every change is its own deployment */
    int batch_n = 1, *batch_failed = NULL;
    if (T->windowed && T->batch != NONE) {
        org_batch *B = (org_batch *)S->batches.p + T->batch;
        batch_n = B->changes;
        batch_failed = &B->failed;
    }
    int new_deployment = 1;
    if (T->windowed) {
        if (S->last_window[T->svc] == T->t_window)
            new_deployment = 0;
        else
            S->last_window[T->svc] = T->t_window;
    }
    int measured = S->now >= S->w0 && S->now < S->w1;
    if (measured) {
        S->changes++;
        S->deploys += new_deployment;
    }
    /* A change fails more often when its authors (the owning product
     * team) lack context on the service, and less where the hosting
     * point's automation catches faults — whoever presses deploy. */
    int ci = T->svc * S->n_techs + S->s->services[T->svc].stack[ORG_KIND_APP];
    double p = org_change_fail_prob(&S->s->incidents, S->svc_h[T->svc], org__ctx_max(S, F->team, ci));
    int failed = gsl_rng_uniform(S->r_cfr[T->svc]) < p;
    if (TRACING(S)) {
        char extra[64];
        snprintf(extra, sizeof extra, ",\"change_failed\":%d", failed);
        org__trace_task(S, ORG_TR_DEPLOYED, t, NONE, extra);
    }
    if (failed && !(batch_failed && *batch_failed)) {
        if (batch_failed)
            *batch_failed = 1;
        if (measured)
            S->deploys_failed++;
        org__open_incident(S, T->svc, 1, 1, org_change_diagnosis_factor(&S->s->incidents, batch_n), (double)NAN);
    }
}
