#!/bin/sh
# The trace and explain: the seed's complex scenario's project crosses the
# boundary under traditional_ops and not under true_devops.
set -eu
d=$TMPDIR_E2E
sc=$ROOT/scenarios/timeseries-feature.json
"$DEVOPSIM" run "$sc" -o "$d/ts" --reps 2 --no-charts -q --trace "$d/ts/trace.jsonl" --trace-rep 1
[ -s "$d/ts/trace.jsonl" ]
id=$(grep -m1 '"ev":"project_started"' "$d/ts/trace.jsonl" | sed 's/.*"feature":\([0-9]*\).*/\1/')
[ -n "$id" ]
"$DEVOPSIM" explain "$d/ts/trace.jsonl" --feature "$id" --model traditional_ops --hosting serverless > "$d/trad.txt"
"$DEVOPSIM" explain "$d/ts/trace.jsonl" --feature "$id" --model true_devops --hosting serverless > "$d/prod.txt"
grep -q 'handed off' "$d/trad.txt" || { echo "no handoff under traditional_ops"; cat "$d/trad.txt"; exit 1; }
if grep -q 'handed off' "$d/prod.txt"; then echo "handoff under true_devops"; cat "$d/prod.txt"; exit 1; fi
grep -q 'where the task-days went' "$d/trad.txt"
grep -q 'waiting in queues' "$d/trad.txt"
grep -q 'replication 1' "$d/trad.txt"
# bad input: exit 2
set +e
"$DEVOPSIM" explain "$d/ts/trace.jsonl" --feature 999999 2>/dev/null; rc1=$?
"$DEVOPSIM" explain "$d/nope.jsonl" --feature 1 2>/dev/null; rc2=$?
printf 'not json\n' > "$d/junk.jsonl"
"$DEVOPSIM" explain "$d/junk.jsonl" --feature 1 2>/dev/null; rc3=$?
set -e
[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] || { echo "exit codes $rc1 $rc2 $rc3"; exit 1; }
echo ok
