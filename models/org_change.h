/* org_change — the change policy at release time: when an approved change
 * ships (change board, then release window) and how likely a release fails
 * (the author's context, the hosting point's test automation, the batch).
 * Pure functions of the scenario's numbers; the simulator keeps the state. */
#ifndef ORG_CHANGE_H
#define ORG_CHANGE_H

#include "models/org_types.h"

/* The working day a change that is ready to ship at ready_day is released
 * under model m's window policy: approval at the next change board (every
 * change_board_every_days; 0: no board), then the first release window
 * (every release_window_every_days) strictly after that board, so a board
 * held on a window's day approves for the following window. Without a board
 * the change takes the next window at or after ready_day. */
double org_change_release_day(const org_model *m, double ready_day);

/* P(one change fails in production): change_failure_base +
 * change_failure_context_gap × (1 − author_ctx), where author_ctx in [0, 1]
 * is the context of the team that wrote the change on its application (not
 * of whoever deploys it), times (1 − test_automation) of the hosting point:
 * the share of faulty changes its automation catches before production. */
double org_change_fail_prob(const org_incidents *in, const org_hosting *h, double author_ctx);

/* Restore-effort multiplier of a failed release of batch_changes changes:
 * 1 + batch_diagnosis_factor × log2(batch_changes) — finding the faulty
 * change among n by halving takes log2 n rounds. 1 for a single change. */
double org_change_diagnosis_factor(const org_incidents *in, int batch_changes);

#endif
