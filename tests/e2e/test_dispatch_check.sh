#!/bin/sh
# The dispatch check (DEVOPSIM_CHECK_DISPATCH=1): every choice the indexes of
# a large team make (longest idle, first idle, most skill + context) and every
# preemption victim are also found by a full scan of the team, and a
# disagreement aborts. A scenario that exercises the indexed paths — ten
# product teams of 34 and a central team of 34 (32 or more: indexed; busy
# enough that requests preempt enablement), night restores that raise idle
# engineers' skill
# (the calendar clock), attrition of 0.5 a year (leavers and their
# replacements), ten engineers moved between product teams, hires in a
# product team and in the central team — runs under every ownership model
# with the check on:
#  1 no disagreement (exit 0), and the check did compare many choices;
#  2 the result files are the same bytes as without the check.
#  3 the same with switching between features on: the carried-features-first
#    picks agree with a scan of every task.
# The check fires on the two indexing bugs found in session 5: without the
# night re-key (org__skill_changed in org_oncall.c) replication 0 aborts at
# day 70, and without the other-team skip of the knower scan at day 120; and
# when the preemption scan stops as if no enablement item were being built,
# at day 82.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"

cat >"$T/chk.json" <<'JSON'
{ "name": "dispatch-check", "seed": 11, "replications": 1,
  "product_teams": { "count": 10, "size": 34, "features_per_week": 3.5 },
  "central_team": { "size": 34 }, "people": { "attrition_per_year": 0.5 },
  "run": { "warmup_days": 30, "measure_days": 120, "drain_max_days": 60 },
  "timeline": [ { "week": 4, "do": "move", "from": "team-1", "to": "team-2", "count": 10 },
                { "week": 8, "do": "hire", "team": "team-3", "count": 5 },
                { "week": 10, "do": "hire", "team": "central", "count": 5 } ] }
JSON
RUN="--jobs 2 -q --no-charts --no-robustness"
if ! DEVOPSIM_CHECK_DISPATCH=1 "$DEVOPSIM" run "$T/chk.json" -o "$T/on" $RUN 2>"$T/err"; then
    cat "$T/err"; say "the dispatch check failed or the run did"
fi
grep -q 'dispatch check failed' "$T/err" && say "a disagreement reported: $(grep 'check failed' "$T/err")"
# Each replication (models x hosting points x timeline and staying put)
# reports how many choices it compared; in all, thousands of each kind.
n=$(grep -c 'dispatch check: replication' "$T/err")
[ "$n" -ge 2 ] || say "only $n replications reported a dispatch check"
sum=$(sed -n 's/.*: \([0-9]*\) idle and \([0-9]*\) most-knowledge.*/\1 \2/p' "$T/err" |
    awk '{ a += $1; b += $2 } END { print a + 0, b + 0 }')
idle=${sum% *}; best=${sum#* }
[ "$idle" -ge 100000 ] || say "only $idle idle choices checked"
[ "$best" -ge 40000 ] || say "only $best most-knowledge choices checked"
"$DEVOPSIM" run "$T/chk.json" -o "$T/off" $RUN 2>"$T/err2" || { cat "$T/err2"; say "the run without the check failed"; }
grep -q 'dispatch check' "$T/err2" && say "the check ran without DEVOPSIM_CHECK_DISPATCH"
same_tree "$T/on" "$T/off" || say "the check changed the results"
# 3 with switching between features on (carried features tracked), every
# carried-features-first pick (the carried features' tasks scanned) agrees
# with a scan of every task, and the check changes nothing.
# 8 features a week: engineers carry several features with waiting tasks (at
# 3.5 the order among them is never tested: a pick choosing the newest
# passes there, and fails here at day 21).
sed -e 's/"features_per_week": 3.5/"features_per_week": 8/' -e 's/"central_team"/"flow": { "switch_loss": 0.2 }, "models": [ "devops_team", "true_devops" ], "hosting": [ "iaas" ], "central_team"/' \
    "$T/chk.json" >"$T/chk2.json"
if ! DEVOPSIM_CHECK_DISPATCH=1 "$DEVOPSIM" run "$T/chk2.json" -o "$T/on2" $RUN 2>"$T/err3"; then
    cat "$T/err3"; say "the dispatch check with switching on failed or the run did"
fi
grep -q 'dispatch check failed' "$T/err3" && say "a disagreement reported: $(grep 'check failed' "$T/err3")"
picks=$(sed -n 's/.*, and \([0-9]*\) carried-feature picks.*/\1/p' "$T/err3" | awk '{ a += $1 } END { print a + 0 }')
[ "$picks" -ge 2000 ] || say "only $picks carried-feature picks checked"
"$DEVOPSIM" run "$T/chk2.json" -o "$T/off2" $RUN 2>/dev/null || say "the run with switching on failed"
same_tree "$T/on2" "$T/off2" || say "the check changed the results with switching on"
exit $fail
