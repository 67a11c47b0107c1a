#!/bin/sh
# --precision adds replications until met, and respects --max-reps.
set -eu
d=$TMPDIR_E2E
sc=$ROOT/scenarios/postgres-upgrade.json
"$DEVOPSIM" run "$sc" -o "$d/loose" --reps 6 --precision 90% --no-charts > "$d/loose.txt"
grep -q '"met":[[:space:]]*true' "$d/loose/results.json" || { echo "loose target not met"; exit 1; }
grep -q '"replications_needed":[[:space:]]*6' "$d/loose/results.json"
"$DEVOPSIM" run "$sc" -o "$d/tight" --reps 2 --precision 0.01% --max-reps 5 --no-charts > "$d/tight.txt"
grep -q '"met":[[:space:]]*false' "$d/tight/results.json" || { echo "tight target reported met"; exit 1; }
grep -q '"replications":[[:space:]]*5' "$d/tight/results.json" || { echo "did not stop at --max-reps 5"; exit 1; }
grep -q 'NOT met' "$d/tight.txt"
# the same arguments give the same bytes whatever the threads
"$DEVOPSIM" run "$sc" -o "$d/t1" --reps 2 --precision 0.01% --max-reps 5 --no-charts --jobs 1 -q
cmp "$d/tight/results.json" "$d/t1/results.json"
set +e
"$DEVOPSIM" run "$sc" -o "$d/x" --precision 150% 2>/dev/null; rc=$?
set -e
[ $rc -eq 2 ] || { echo "bad --precision accepted"; exit 1; }
echo ok
