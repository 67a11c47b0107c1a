#!/bin/sh
# batch --no-charts, --format and --baseline: what they write, and that
# resuming notices when they change.
set -eu
d=$TMPDIR_E2E
s1=$ROOT/scenarios/mmc-queue.json
s2=$ROOT/scenarios/postgres-upgrade.json
"$DEVOPSIM" batch "$s1" "$s2" -o "$d/o" --reps 2 --no-charts -q
[ -s "$d/o/postgres-upgrade/results.json" ]
[ ! -e "$d/o/postgres-upgrade/charts" ] || { echo "charts drawn with --no-charts"; exit 1; }
# the same command again: up to date
"$DEVOPSIM" batch "$s1" "$s2" -o "$d/o" --reps 2 --no-charts > "$d/again.txt" 2>&1
grep -q 'up to date' "$d/again.txt" || { cat "$d/again.txt"; exit 1; }
# charts wanted now: rerun, and they appear
"$DEVOPSIM" batch "$s1" "$s2" -o "$d/o" --reps 2 > "$d/charts.txt" 2>&1
grep -q 'charts were not drawn last time' "$d/charts.txt" || { cat "$d/charts.txt"; exit 1; }
[ -s "$d/o/postgres-upgrade/charts/lead_time.png" ]
# other formats: rerun (not "up to date"), and they appear; the same list again is up to date
"$DEVOPSIM" batch "$s1" "$s2" -o "$d/o" --reps 2 --format pdf,xlsx > "$d/fmt.txt" 2>&1
grep -q 'the --format list changed' "$d/fmt.txt" || { cat "$d/fmt.txt"; exit 1; }
[ -s "$d/o/postgres-upgrade/charts/results.xlsx" ] || { echo "--format xlsx on a rerun wrote no results.xlsx"; exit 1; }
[ ! -e "$d/o/postgres-upgrade/charts/lead_time.png" ] || { echo "png left from the old formats"; exit 1; }
"$DEVOPSIM" batch "$s1" "$s2" -o "$d/o" --reps 2 --format xlsx,pdf > "$d/fmt2.txt" 2>&1
grep -q 'up to date' "$d/fmt2.txt" || { cat "$d/fmt2.txt"; exit 1; }
# --baseline: every row is other − baseline, and a changed baseline reruns
"$DEVOPSIM" batch "$s2" -o "$d/b" --reps 2 --no-charts -q --baseline devops_team
rows=$(tail -n +2 "$d/b/postgres-upgrade/comparisons.csv" | cut -d, -f5 | sort -u)
[ "$rows" = "devops_team" ] || { echo "model_b column: $rows"; exit 1; }
"$DEVOPSIM" batch "$s2" -o "$d/b" --reps 2 --no-charts --baseline true_devops > "$d/base.txt" 2>&1
grep -q 'the --baseline changed' "$d/base.txt" || { cat "$d/base.txt"; exit 1; }
# a scenario without the baseline model is bad input: exit 2, no folder, the rest run
set +e
"$DEVOPSIM" batch "$s1" "$s2" -o "$d/c" --reps 2 --no-charts -q --baseline devops_team 2> "$d/err"
rc=$?
set -e
[ $rc -eq 2 ] || { echo "exit $rc"; exit 1; }
grep -q 'no such model' "$d/err"
# (one test per line: under set -e the left side of && may fail silently)
[ ! -e "$d/c/mmc-queue" ] || { echo "a folder for the scenario that failed"; exit 1; }
[ -s "$d/c/postgres-upgrade/results.json" ] || { echo "the good scenario did not run"; exit 1; }
echo ok
