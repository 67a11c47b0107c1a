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
# a WIP limit: a feature waits for the iteration start, then for the limit
# (task_delayed reason wip, no delay_days); both waits count as delays
cat > "$d/wip.json" <<'EOF'
{ "name": "wip", "seed": 7, "replications": 1,
  "product_teams": { "count": 2, "size": 4, "features_per_week": 1.5 }, "central_team": { "size": 3 },
  "run": { "warmup_days": 60, "measure_days": 100, "drain_max_days": 100 },
  "models": [ "true_devops" ], "hosting": [ "serverless" ],
  "flow": { "switch_loss": 0.2, "wip_limit": 1 } }
EOF
"$DEVOPSIM" run "$d/wip.json" -o "$d/wip" --no-charts --no-staffing --no-robustness -q --trace "$d/wip/trace.jsonl"
wid=$(grep '"reason":"wip"' "$d/wip/trace.jsonl" | sed 's/.*"feature":\([0-9]*\).*/\1/' | head -1)
[ -n "$wid" ] || { echo "no feature waited for the WIP limit"; exit 1; }
"$DEVOPSIM" explain "$d/wip/trace.jsonl" --feature "$wid" > "$d/wip.txt"
grep -q 'waits for wip' "$d/wip.txt" || { echo "no wip wait in explain"; cat "$d/wip.txt"; exit 1; }
# from arrival to the first task queued, every delayed first task waited: other delays >= that span
awk '/arrives at/ { a = $2 } /queued at/ && q == "" { q = $2 }
     /other delays/ { o = $NF }
     END { if (!(o + 1e-6 >= q - a)) { print "other delays " o " < wait " q - a; exit 1 } }' "$d/wip.txt" \
    || { cat "$d/wip.txt"; exit 1; }
# bad input: exit 2
set +e
"$DEVOPSIM" explain "$d/ts/trace.jsonl" --feature 999999 2>/dev/null; rc1=$?
"$DEVOPSIM" explain "$d/nope.jsonl" --feature 1 2>/dev/null; rc2=$?
printf 'not json\n' > "$d/junk.jsonl"
"$DEVOPSIM" explain "$d/junk.jsonl" --feature 1 2>/dev/null; rc3=$?
set -e
[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] || { echo "exit codes $rc1 $rc2 $rc3"; exit 1; }
echo ok
