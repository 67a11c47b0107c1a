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
exit $fail
