/* org_change — release day under a change board and release windows, failure
 * probability of a change, diagnosis effort of a failed batch. */
#include "models/org_change.h"

#include <math.h>
#include "models/org_const.h"

/* The first multiple of every at or after day (day itself when every <= 0). */
static double next_multiple(double day, double every)
{
    if (every <= 0.0)
        return day;
    return ceil(day / every - ORG_CEIL_EPS) * every;
}

double org_change_release_day(const org_model *m, double ready_day)
{
    double board = m->change_board_every_days;
    double window = m->release_window_every_days;
    if (board <= 0.0)
        return next_multiple(ready_day, window);
    double approved = next_multiple(ready_day, board);
    double at = next_multiple(approved, window);
    if (window > 0.0 && at - approved < ORG_CEIL_EPS * window)
        at += window;              /* strictly after the board */
    return at;
}

double org_change_fail_prob(const org_incidents *in, const org_hosting *h, double author_ctx)
{
    double gap = 1.0 - author_ctx;
    if (gap < 0.0)
        gap = 0.0;
    double p = in->change_failure_base + in->change_failure_context_gap * gap;
    p *= 1.0 - h->test_automation;
    return p > 1.0 ? 1.0 : p;
}

double org_change_diagnosis_factor(const org_incidents *in, int batch_changes)
{
    if (batch_changes <= 1)
        return 1.0;
    return 1.0 + in->batch_diagnosis_factor * log2((double)batch_changes);
}
