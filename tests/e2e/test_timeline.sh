#!/bin/sh
# A scenario with a timeline: the files it adds (timeseries.csv, payback.csv,
# charts/transition.*), their headers and rows, byte-identical across --jobs,
# the payback sentence on stdout; without a timeline none of them; moved engineers keep to their team.
set -eu
d=$TMPDIR_E2E
cat >"$d/tl.json" <<'JSON'
{
  "name": "tl-e2e", "replications": 3,
  "run": { "warmup_days": 0, "measure_days": 200, "drain_max_days": 20 },
  "product_teams": { "count": 3, "size": 4, "features_per_week": 1.5 },
  "central_team": { "size": 4 },
  "models": ["devops_team"], "hosting": ["iaas", "paas"],
  "timeline": [
    { "week": 8, "do": "model", "model": "true_devops" },
    { "week": 8, "do": "move", "from": "central", "to": "team-1", "count": 2 },
    { "day": 60, "do": "migrate", "hosting": "paas", "effort_days": 3 },
    { "day": 100, "do": "freeze", "until_day": 110 }
  ]
}
JSON
"$DEVOPSIM" run "$d/tl.json" -o "$d/a" --jobs 1 --format png,svg,pdf >"$d/out1"
"$DEVOPSIM" run "$d/tl.json" -o "$d/b" --jobs 2 --no-charts -q
for f in timeseries.csv payback.csv results.json summary.csv; do
    [ -s "$d/a/$f" ] || { echo "missing $f"; exit 1; }
    cmp "$d/a/$f" "$d/b/$f" || { echo "$f differs between --jobs 1 and 2"; exit 1; }
done
head -n 1 "$d/a/timeseries.csv" | grep -qx 'scenario,design,week,metric,mean,ci95_low,ci95_high,n'
# 2 designs x (timeline, stay) x 40 weeks x 10 series
rows=$(($(wc -l <"$d/a/timeseries.csv") - 1))
[ "$rows" -eq $((2 * 2 * 40 * 10)) ] || { echo "timeseries.csv has $rows rows"; exit 1; }
for m in features_done features_done_cumulative lead_time_mean nonproduct_fte bus_factor_infra_mean \
         utilization_product utilization_central incidents cost engineers; do
    grep -q "^tl-e2e,devops_team/iaas/stay,39,$m," "$d/a/timeseries.csv" || { echo "series $m missing"; exit 1; }
done
head -n 1 "$d/a/payback.csv" | grep -q '^scenario,model,hosting,metric,first_event_week,payback_week,'
[ "$(grep -c '^tl-e2e,devops_team,' "$d/a/payback.csv")" -eq 2 ] || { echo "payback.csv rows"; exit 1; }
grep -q '^payback (cumulative features delivered' "$d/out1" || { echo "no payback on stdout"; exit 1; }
for f in transition.png transition.svg transition.pdf transition.csv; do
    [ -s "$d/a/charts/$f" ] || { echo "missing charts/$f"; exit 1; }
done
head -c 8 "$d/a/charts/transition.png" | od -An -tx1 | grep -q '89 50 4e 47' || { echo "transition.png is no PNG"; exit 1; }
head -n 1 "$d/a/charts/transition.csv" | grep -qx 'design,period_start_week,metric,mean,ci95_low,ci95_high'
# the payback chart: a line a design, its last point (week 39) the final gain of payback.csv
for f in payback.png payback.svg payback.pdf payback.csv; do
    [ -s "$d/a/charts/$f" ] || { echo "missing charts/$f"; exit 1; }
done
head -n 1 "$d/a/charts/payback.csv" | grep -qx 'design,week,metric,mean,ci95_low,ci95_high'
for h in iaas:IaaS paas:PaaS; do
    gain=$(grep "^tl-e2e,devops_team,${h%:*}," "$d/a/payback.csv" | cut -d, -f13-15)
    point=$(grep "^DevOps team at ${h#*:},39,features_done_cumulative," "$d/a/charts/payback.csv" | cut -d, -f4-6)
    [ -n "$gain" ] && [ "$gain" = "$point" ] || { echo "payback chart at $h ends at '$point', payback.csv says '$gain'"; exit 1; }
done
# `plot` redraws both timeline charts from their CSVs, the same files as `run`
"$DEVOPSIM" plot "$d/a" -o "$d/replot" -q
for f in transition.png transition.svg transition.pdf transition.csv payback.png payback.svg payback.pdf payback.csv; do
    cmp -s "$d/a/charts/$f" "$d/replot/charts/$f" || { echo "plot: charts/$f differs from run's"; exit 1; }
done
# the same folder without a timeline: the files go away
cat >"$d/plain.json" <<'JSON'
{ "name": "tl-e2e", "replications": 2, "run": { "warmup_days": 0, "measure_days": 100 },
  "product_teams": { "count": 3, "size": 4 }, "models": ["devops_team"], "hosting": ["iaas"] }
JSON
"$DEVOPSIM" run "$d/plain.json" -o "$d/a" -q --no-charts
for f in timeseries.csv payback.csv; do
    [ ! -e "$d/a/$f" ] || { echo "$f left behind by a run without a timeline"; exit 1; }
done
# a bad timeline: exit 2, the path, nothing written
printf '{"timeline": [{"day": 9999, "do": "hire", "team": "team-1", "count": 1}]}' >"$d/bad.json"
if "$DEVOPSIM" run "$d/bad.json" -o "$d/c" -q 2>"$d/err"; then echo "bad timeline accepted"; exit 1; fi
grep -q 'timeline\[0\].day' "$d/err" || { cat "$d/err"; exit 1; }
[ ! -e "$d/c/results.json" ]
# Engineers moved between two large product teams (32 or more: indexed
# dispatch) keep their knowledge of the team they left, but work only on
# their own team's tasks: no task_started names an engineer of another team
# (the indexed knower scan once took idle knowers of any product team: 75 of
# 2,157 tasks here).
cat >"$d/big.json" <<'JSON'
{ "name": "big", "seed": 3, "replications": 1, "product_teams": { "count": 2, "size": 40, "features_per_week": 12 },
  "central_team": { "size": 4 }, "run": { "warmup_days": 30, "measure_days": 60, "drain_max_days": 60 },
  "models": ["true_devops"], "hosting": ["iaas"],
  "timeline": [ { "week": 4, "do": "move", "from": "team-1", "to": "team-2", "count": 10 } ] }
JSON
"$DEVOPSIM" run "$d/big.json" -o "$d/big" -q --no-charts --no-robustness --trace "$d/big.jsonl" --trace-rep 0
started=$(grep -c '"ev":"task_started"' "$d/big.jsonl")
[ "$started" -gt 1000 ] || { echo "only $started tasks started"; exit 1; }
other=$(grep '"ev":"task_started"' "$d/big.jsonl" \
    | sed 's/.*"team":"\([^"]*\)".*"engineer":"\([^#"]*\)#.*/\1 \2/' | awk '$1 != $2 { n++ } END { print n + 0 }')
[ "$other" -eq 0 ] || { echo "$other of $started tasks started by an engineer of another team"; exit 1; }
