#!/bin/sh
# devopsim run: the files it writes, their headers, determinism across --jobs,
# usage errors, and no output for a bad scenario.
set -eu
d=$TMPDIR_E2E
sc=$ROOT/scenarios/postgres-upgrade.json
"$DEVOPSIM" run "$sc" -o "$d/a" --reps 2 --jobs 1 --no-charts -q
"$DEVOPSIM" run "$sc" -o "$d/b" --reps 2 --jobs 2 --no-charts -q
for f in results.json runs.csv summary.csv comparisons.csv provenance.json; do
    [ -s "$d/a/$f" ] || { echo "missing $f"; exit 1; }
done
for f in results.json runs.csv summary.csv comparisons.csv; do
    cmp "$d/a/$f" "$d/b/$f" || { echo "$f differs between --jobs 1 and 2"; exit 1; }
done
# a test hook that changes results is named in provenance.json, and only when set
if grep -q test_hooks "$d/a/provenance.json"; then echo "test_hooks in a plain run's provenance"; exit 1; fi
DEVOPSIM_NO_CARRIED_FIRST=1 "$DEVOPSIM" run "$sc" -o "$d/h" --reps 1 --no-charts --no-robustness -q 2>/dev/null
grep -q '"DEVOPSIM_NO_CARRIED_FIRST":[[:space:]]*"1"' "$d/h/provenance.json" \
    || { echo "provenance does not name the test hook DEVOPSIM_NO_CARRIED_FIRST"; exit 1; }
DEVOPSIM_NO_CARRIED_FIRST=0 "$DEVOPSIM" run "$sc" -o "$d/h0" --reps 1 --no-charts --no-robustness -q
if grep -q test_hooks "$d/h0/provenance.json"; then echo "a hook set to 0 (off) is named in provenance"; exit 1; fi
head -n 1 "$d/a/runs.csv" | grep -qx 'scenario,model,hosting,replication,metric,value'
head -n 1 "$d/a/summary.csv" | grep -qx 'scenario,model,hosting,metric,mean,ci95_low,ci95_high,n'
head -n 1 "$d/a/comparisons.csv" | grep -qx 'scenario,hosting,metric,model_a,model_b,diff_mean,diff_ci95_low,diff_ci95_high,n,significant'
# every required metric is there
for m in lead_time_mean_days lead_time_p50_days lead_time_p85_days lead_time_p95_days features_done \
         features_unfinished flow_efficiency handoffs_per_feature clarifications_per_feature deploys_per_week \
         change_lead_time_p50_days change_failure_rate time_to_restore_p50_days pages_per_engineer_week \
         nonproduct_fte product_nonproduct_share utilization_product utilization_central bus_factor_min \
         bus_factor_infra_mean bus_factor_share_at_most_1 truck_factor time_share_product_idle \
         time_share_central_handoff makespan_days_postgres-16-upgrade; do
    grep -q ",$m," "$d/a/summary.csv" || { echo "metric $m missing"; exit 1; }
done
# 3 models x 6 hosting x 2 reps x metrics rows
rows=$(($(wc -l < "$d/a/runs.csv") - 1))
metrics=$(($(wc -l < "$d/a/summary.csv") - 1))
[ "$rows" -eq $((metrics * 2)) ] || { echo "runs.csv has $rows rows, expected $((metrics * 2))"; exit 1; }
# the report leads with plain sentences
"$DEVOPSIM" run "$sc" -o "$d/c" --reps 3 --no-charts > "$d/report.txt"
grep -q 'Largest significant differences' "$d/report.txt"
grep -q 'DORA' "$d/report.txt"
# usage errors: exit 2, message, nothing written
set +e
"$DEVOPSIM" run "$sc" --reps 2 2> "$d/err"; rc=$?
[ $rc -eq 2 ] && grep -q 'no output directory' "$d/err" || { echo "missing -o: rc=$rc"; exit 1; }
"$DEVOPSIM" run "$sc" -o "$d/x" --reps zero 2> "$d/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- '--reps' "$d/err" || { echo "bad --reps: rc=$rc"; exit 1; }
"$DEVOPSIM" run "$sc" -o "$d/x" --frobnicate 2> "$d/err"; rc=$?
[ $rc -eq 2 ] || { echo "unknown option: rc=$rc"; exit 1; }
printf '{ "teams": [ { "name": "a", "size": -3 } ] }' > "$d/bad.json"
"$DEVOPSIM" run "$d/bad.json" -o "$d/badout" 2> "$d/err"; rc=$?
[ $rc -eq 2 ] || { echo "bad scenario: rc=$rc"; exit 1; }
grep -q 'bad.json: \$.teams\[0\].size' "$d/err" || { cat "$d/err"; exit 1; }
[ ! -e "$d/badout" ] || { echo "output written for a bad scenario"; exit 1; }
"$DEVOPSIM" run "$sc" -o "$d/x" --baseline nosuch -q 2> "$d/err"; rc=$?
[ $rc -eq 2 ] || { echo "bad baseline: rc=$rc"; exit 1; }
set -e
# no temporary files left behind
if ls "$d"/a/*.tmp.* >/dev/null 2>&1; then echo "temporary files left"; exit 1; fi
echo ok
