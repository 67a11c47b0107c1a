#!/bin/sh
# tools/flow_parts.py: every measured feature's lead time split along its
# critical path. No feature has unattributed time (gap 0, --check), its parts add up to its lead time,
# the mean of their sum is the run's lead_time_mean_days, the iteration wait
# has the mean theory gives (N/2), and parts whose mechanism is off are zero.
set -eu
d=$TMPDIR_E2E
py=/usr/bin/python3
[ -x "$py" ] || { echo "SKIP: no /usr/bin/python3 (tools/setup.sh installs it)"; exit 77; }
tool=$ROOT/tools/flow_parts.py
cat > "$d/fp.json" <<'EOF'
{ "name": "fp", "seed": 11, "replications": 1,
  "product_teams": { "count": 2, "size": 5, "features_per_week": 1 }, "central_team": { "size": 3 },
  "run": { "warmup_days": 100, "measure_days": 300, "drain_max_days": 200 },
  "hosting": [ "iaas" ],
  "flow": { "iteration_days": 10 } }
EOF
"$DEVOPSIM" run "$d/fp.json" -o "$d/fp" --no-charts --no-staffing --no-robustness -q --trace "$d/fp/trace.jsonl"
"$py" "$tool" "$d/fp/trace.jsonl" --check --csv "$d/fp/parts.csv" > "$d/fp/parts.txt" \
    || { echo "parts do not add up"; cat "$d/fp/parts.txt"; exit 1; }
grep -q 'traditional_ops iaas: ' "$d/fp/parts.txt"
# sum of the parts' means = the run's mean lead time of replication 0, per model
for m in traditional_ops devops_team true_devops; do
    lt=$(awk -F, -v m="$m" '$2 == m && $4 == 0 && $5 == "lead_time_mean_days" { print $6 }' "$d/fp/runs.csv")
    sum=$(awk -F, -v m="$m" '$1 == m { s += $4 } END { printf "%.6f", s }' "$d/fp/parts.csv")
    awk -v a="$lt" -v b="$sum" 'BEGIN { exit !(a > 0 && (a - b < 1e-4 && b - a < 1e-4)) }' \
        || { echo "$m: parts sum to $sum, the run's mean lead time is $lt"; exit 1; }
done
# nothing left unattributed: the gap part is 0 in every model (the walk books every moment
# to some part, so this and --check are what can fail)
awk -F, '$3 == "gap" { n++; if ($4 > 1e-6) { print; bad = 1 } } END { exit bad || n != 3 }' "$d/fp/parts.csv" \
    || { echo "unattributed time (gap) in some model"; exit 1; }
# iteration wait: Poisson arrivals fall uniformly within a 10-day iteration, mean 5;
# sd 10/sqrt(12) = 2.89 over ~85 features gives a standard error of 0.31: 4 SE = 1.25
it=$(awk -F, '$1 == "devops_team" && $3 == "iteration" { print $4 }' "$d/fp/parts.csv")
awk -v x="$it" 'BEGIN { exit !(x > 3.75 && x < 6.25) }' || { echo "iteration wait $it, expected 5 +- 1.25"; exit 1; }
# the release window is a wait of traditional_ops only (board and windows); none on demand
w=$(awk -F, '$1 == "traditional_ops" && $3 == "window" { print $4 }' "$d/fp/parts.csv")
w2=$(awk -F, '$1 == "devops_team" && $3 == "window" { print $4 }' "$d/fp/parts.csv")
awk -v a="$w" -v b="$w2" 'BEGIN { exit !(a > 2 && b == 0) }' || { echo "window parts $w and $w2"; exit 1; }
# two replications' traces pool: as many features as the two files alone
"$DEVOPSIM" run "$d/fp.json" -o "$d/fp2" --reps 2 --no-charts --no-staffing --no-robustness -q \
    --trace "$d/fp2/trace1.jsonl" --trace-rep 1
"$py" "$tool" "$d/fp2/trace1.jsonl" --model devops_team > "$d/fp2/one.txt"
"$py" "$tool" "$d/fp/trace.jsonl" "$d/fp2/trace1.jsonl" --model devops_team --check > "$d/fp2/both.txt"
n0=$(sed -n 's/^devops_team iaas: \([0-9]*\) features.*/\1/p' "$d/fp/parts.txt")
n1=$(sed -n 's/^devops_team iaas: \([0-9]*\) features.*/\1/p' "$d/fp2/one.txt")
n2=$(sed -n 's/^devops_team iaas: \([0-9]*\) features (2 traces).*/\1/p' "$d/fp2/both.txt")
[ -n "$n0" ] && [ -n "$n1" ] && [ "$n2" = $((n0 + n1)) ] || { echo "pooled $n2 features, alone $n0 + $n1"; exit 1; }
# switched off: no iteration, no review -> those parts are 0 and the rest still adds up
sed 's/"iteration_days": 10/"iteration_days": 0, "review_share": 0/' "$d/fp.json" > "$d/off.json"
"$DEVOPSIM" run "$d/off.json" -o "$d/off" --no-charts --no-staffing --no-robustness -q --trace "$d/off/trace.jsonl"
"$py" "$tool" "$d/off/trace.jsonl" --check --csv "$d/off/parts.csv" > "$d/off/parts.txt" \
    || { echo "parts do not add up (mechanisms off)"; cat "$d/off/parts.txt"; exit 1; }
awk -F, '($3 == "iteration" || $3 == "review" || $3 == "review_wait") && $4 != 0 { print; bad = 1 }
         END { exit bad }' "$d/off/parts.csv" || { echo "parts of switched-off mechanisms not 0"; exit 1; }
# bad input: exit 2
set +e
"$py" "$tool" "$d/nope.jsonl" 2>/dev/null; rc1=$?
printf 'not json\n' > "$d/junk.jsonl"
"$py" "$tool" "$d/junk.jsonl" 2>/dev/null; rc2=$?
set -e
[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] || { echo "exit codes $rc1 $rc2"; exit 1; }
echo ok
