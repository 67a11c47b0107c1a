#!/bin/sh
# devopsim sweep end to end: oat tornado bars are the differences of single
# runs at the same seed; a parameter that cannot move a metric gets Sobol
# indices whose intervals contain 0; a sweep killed with SIGKILL resumes to
# the same bytes as an uninterrupted one; another design into the same folder
# leaves nothing of the old one; bad PARAMS are reported with the file and
# JSON path, exit 2; a scenario's "uncertain" section is propagated by run,
# checked in full by validate, refused by batch and sweep.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"
SC="$ROOT/scenarios/timeseries-feature.json"

# ---- oat: tornado bars = differences of single runs
cat >"$T/oat.json" <<'P'
{ "design": "oat", "params": [
  { "path": "$.product_teams.features_per_week", "low": 0.5, "high": 2, "name": "features per team-week" },
  { "path": "$.costs.product_engineer_per_year", "low": 100000, "high": 200000, "name": "engineer cost" } ] }
P
"$DEVOPSIM" sweep "$SC" --params "$T/oat.json" -o "$T/oat" --reps 2 -j 2 -q 2>"$T/err" \
    || { say "oat sweep failed"; cat "$T/err"; }
# p85 lead time of model at on_prem from a run's summary.csv
p85() { awk -F, -v m="$2" '$2 == m && $3 == "on_prem" && $4 == "lead_time_p85_days" { print $5 }' "$1/summary.csv"; }
for v in 0.5 2; do
    sed "s/\"features_per_week\": 1 }/\"features_per_week\": $v }/" "$SC" >"$T/single-$v.json"
    grep -q "\"features_per_week\": $v }" "$T/single-$v.json" || say "could not set features_per_week to $v"
    "$DEVOPSIM" run "$T/single-$v.json" -o "$T/single-$v" --reps 2 -q --no-charts 2>"$T/err" \
        || { say "single run at $v failed"; cat "$T/err"; }
    a=$(p85 "$T/single-$v" traditional_ops)
    b=$(p85 "$T/single-$v" devops_team)
    col=9; [ "$v" = 2 ] && col=10
    bar=$(awk -F, -v c=$col '$1 == "lead_time_p85_days" && $2 == "on_prem" && $3 == "traditional_ops" &&
                             $4 == "devops_team" && $5 == "features per team-week" { print $c }' "$T/oat/tornado.csv")
    awk -v a="$a" -v b="$b" -v bar="$bar" 'BEGIN { d = a - b; e = d - bar; if (e < 0) e = -e;
        s = d < 0 ? -d : d; exit !(bar != "" && e <= 1e-7 * (s + 1)) }' \
        || say "oat bar at features_per_week=$v is '$bar', single runs give $a - $b"
done
# a parameter that cannot move lead time: a zero-width bar
awk -F, '$1 == "lead_time_p85_days" && $5 == "engineer cost" && $11 != 0 { bad = 1 } END { exit bad }' \
    "$T/oat/tornado.csv" || say "engineer cost moved lead time in tornado.csv"
head -n 1 "$T/oat/summary.txt" | grep -q 'depends mostly on features per team-week' \
    || { say "summary.txt does not name the deciding parameter"; head -n 1 "$T/oat/summary.txt"; }

# ---- sobol: a dummy parameter's intervals contain 0
cat >"$T/sobol.json" <<'P'
{ "design": "sobol", "points": 8, "seed": 3, "params": [
  { "path": "$.product_teams.features_per_week", "low": 0.5, "high": 1.5, "name": "features" },
  { "path": "$.costs.product_engineer_per_year", "low": 100000, "high": 200000, "name": "engineer cost" } ] }
P
"$DEVOPSIM" sweep "$SC" --params "$T/sobol.json" -o "$T/sobol" --reps 1 -j 2 -q 2>"$T/err" \
    || { say "sobol sweep failed"; cat "$T/err"; }
n=$(awk -F, '$1 == "lead_time_p85_days" && $4 == "engineer cost" && $5 != "" { n++;
        if (!($6 <= 0 && $7 >= 0 && $10 <= 0 && $11 >= 0)) bad++ } END { print n + 0, bad + 0 }' "$T/sobol/indices.csv")
[ "$n" != "0 0" ] && [ "${n#* }" = 0 ] || say "dummy parameter's Sobol intervals (rows, excluding 0): $n"
awk -F, '$1 == "lead_time_p85_days" && $4 == "features" && $3 == "traditional_ops" && $2 == "on_prem" && $9 > 0.5 { ok = 1 }
         END { exit !ok }' "$T/sobol/indices.csv" || say "features has no large total index on lead time"

# ---- resume after SIGKILL: same bytes as uninterrupted, whatever --jobs
cat >"$T/lhs.json" <<'P'
{ "design": "lhs", "points": 6, "params": [
  { "path": "$.product_teams.features_per_week", "low": 0.5, "high": 1.5 } ] }
P
"$DEVOPSIM" sweep "$SC" --params "$T/lhs.json" -o "$T/ref" --reps 2 -j 2 -q 2>"$T/err" \
    || { say "lhs reference failed"; cat "$T/err"; }
"$DEVOPSIM" sweep "$SC" --params "$T/lhs.json" -o "$T/kill" --reps 2 -j 1 -q 2>/dev/null &
pid=$!
i=0
while [ $i -lt 600 ] && [ "$(ls "$T"/kill/points/*/.done 2>/dev/null | wc -l)" -lt 1 ]; do
    kill -0 $pid 2>/dev/null || break
    sleep 0.1; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ -f "$T/kill/robustness.csv" ] && echo "note: the sweep finished before SIGKILL"
"$DEVOPSIM" sweep "$SC" --params "$T/lhs.json" -o "$T/kill" --reps 2 -j 1 -q 2>"$T/err" \
    || { say "resumed sweep failed"; cat "$T/err"; }
same_tree "$T/ref" "$T/kill" || say "resumed sweep differs from the uninterrupted one"
no_temps "$T/kill" || say "temporaries left after resuming"

# ---- another design into the same -o: nothing of the old one is left
# (the lhs's 6 points, robustness.csv and charts give way to the oat's 5)
cp -r "$T/ref" "$T/mix"
"$DEVOPSIM" sweep "$SC" --params "$T/oat.json" -o "$T/mix" --reps 2 -j 2 -q 2>"$T/err" \
    || { say "oat sweep over an lhs failed"; cat "$T/err"; }
[ ! -e "$T/mix/robustness.csv" ] && [ ! -e "$T/mix/points/p00005.json" ] && [ ! -e "$T/mix/points/p00005" ] \
    || say "the lhs's files are left after an oat sweep into the same folder"
same_tree "$T/oat" "$T/mix" || say "an oat sweep over an lhs differs from a fresh oat sweep"

# ---- bad PARAMS: file and JSON path, exit 2
cat >"$T/bad.json" <<'P'
{ "design": "lhs", "points": 4, "params": [
  { "path": "$.product_teams.features_per_wek", "low": 0.5, "high": 1.5 } ] }
P
"$DEVOPSIM" sweep "$SC" --params "$T/bad.json" -o "$T/bad" -q 2>"$T/err"
rc=$?
[ $rc = 2 ] || say "bad PARAMS: exit $rc, expected 2"
grep -q 'bad.json: \$.params\[0\].path: .*did you mean .features_per_week' "$T/err" \
    || { say "bad PARAMS message"; cat "$T/err"; }
"$DEVOPSIM" sweep "$SC" -o "$T/bad" -q 2>"$T/err"
[ $? = 2 ] && grep -q 'add --params' "$T/err" || say "missing --params not reported"

# ---- "uncertain" in a scenario: run propagates it (second-order Monte Carlo)
# A parameter that cannot move lead time leaves a zero-width interval at the
# plain run's mean (every outer sample runs with the same seed); one that can
# widens it; a bad section is reported at $.uncertain…, exit 2.
unc() {
    sed "s|\"product_teams\":|\"uncertain\": $1, \"product_teams\":|" "$SC" >"$2"
    grep -q '"uncertain"' "$2" || say "could not add uncertain to $2"
}
unc '{"samples": 3, "params": [{"path": "$.costs.product_engineer_per_year", "low": 1e5, "high": 2e5}]}' "$T/u-dummy.json"
"$DEVOPSIM" run "$T/u-dummy.json" -o "$T/u-dummy" --reps 2 -q --no-charts 2>"$T/err" || { say "uncertain run failed"; cat "$T/err"; }
plain=$(p85 "$T/u-dummy" devops_team)
line=$(awk -F, '$1 == "devops_team" && $2 == "on_prem" && $3 == "lead_time_p85_days"' "$T/u-dummy/uncertainty.csv")
echo "$line" | awk -F, -v p="$plain" '{ exit !($4 == $5 && $5 == $6 && ($4 - p) ^ 2 < 1e-12 * (p * p + 1) && $7 == 3) }' \
    || say "dummy uncertain input: '$line', plain run mean $plain"
unc '{"samples": 4, "params": [{"path": "$.product_teams.features_per_week", "low": 0.5, "high": 1.5}]}' "$T/u-real.json"
"$DEVOPSIM" run "$T/u-real.json" -o "$T/u-real" --reps 2 -q --no-charts 2>"$T/err" || { say "uncertain run failed"; cat "$T/err"; }
awk -F, '$1 == "devops_team" && $2 == "on_prem" && $3 == "lead_time_p85_days" && $6 > $5 && $9 ~ /input uncertainty/ { ok = 1 }
         END { exit !ok }' "$T/u-real/uncertainty.csv" || say "uncertain features_per_week gave no interval"
unc '{"samples": 4, "params": [{"path": "$.product_teams.features_per_wek", "low": 0.5, "high": 1.5}]}' "$T/u-bad.json"
"$DEVOPSIM" run "$T/u-bad.json" -o "$T/u-bad" -q 2>"$T/err"
[ $? = 2 ] && grep -q 'u-bad.json: \$.uncertain.params\[0\].path: .*did you mean .features_per_week' "$T/err" \
    || { say "bad uncertain input not reported at its path"; cat "$T/err"; }
# validate checks the section in full: paths, and every outer sample a valid
# scenario (a range reaching below features_per_week's 0 is caught before a run)
"$DEVOPSIM" validate "$T/u-bad.json" 2>"$T/err"
[ $? = 2 ] && grep -q 'u-bad.json: \$.uncertain.params\[0\].path: .*did you mean .features_per_week' "$T/err" \
    || { say "validate: bad uncertain path not reported"; cat "$T/err"; }
unc '{"samples": 4, "params": [{"path": "$.product_teams.features_per_week", "low": -5, "high": 1.5}]}' "$T/u-range.json"
"$DEVOPSIM" validate "$T/u-range.json" 2>"$T/err"
[ $? = 2 ] && grep -q 'u-range.json: \$.product_teams.features_per_week: must be a number' "$T/err" \
    && grep -q 'u-range.json: \$.uncertain: outer sample 0 is not a valid scenario' "$T/err" \
    || { say "validate: an outer sample out of range not reported"; cat "$T/err"; }
"$DEVOPSIM" validate "$T/u-real.json" >"$T/out" 2>"$T/err" && grep -q 'u-real.json: ok' "$T/out" \
    || { say "validate: a good uncertain section refused"; cat "$T/err"; }
# batch and sweep refuse the section (only run propagates it), exit 2
"$DEVOPSIM" batch "$T/u-real.json" -o "$T/u-batch" -q 2>"$T/err"
[ $? = 2 ] && grep -q 'u-real.json: \$.uncertain: batch does not propagate' "$T/err" \
    || { say "batch did not refuse an uncertain section"; cat "$T/err"; }
"$DEVOPSIM" sweep "$T/u-real.json" --params "$T/oat.json" -o "$T/u-sweep" -q 2>"$T/err"
[ $? = 2 ] && grep -q 'u-real.json: \$.uncertain: a sweep varies' "$T/err" \
    || { say "sweep did not refuse an uncertain section"; cat "$T/err"; }

[ $fail = 0 ] && echo "PASS sweep"
exit $fail
