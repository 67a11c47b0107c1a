#!/bin/sh
# devopsim calibrate end to end: it recovers known parameters from figures the
# model itself produced (run at known values with another seed; calibrate from
# the middle of the ranges; every true value inside its stated 95% interval);
# the calibrated scenario validates and reruns to the reported figures; the
# bytes do not depend on --jobs; an impossible set of observations is
# refused with exit 3 and a report naming the figure; bad OBSERVED files and
# bad "calibrate" sections are reported with file and JSON path, exit 2,
# nothing written.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"

"$DEVOPSIM" calibrate --help >"$T/help" || say "calibrate --help failed"
grep -q "exit status: 0" "$T/help" && grep -q "^3 it does not\|; 3 \|3 it does not" "$T/help" \
    || say "calibrate --help does not document the exit status 3"

# ---- the scenario: two unknowns, ranges whose middles are far from the truth
cat >"$T/s.json" <<'S'
{
  "name": "calib-small",
  "run": { "warmup_days": 60, "measure_days": 200, "drain_max_days": 100 },
  "models": ["devops_team"],
  "hosting": ["iaas"],
  "product_teams": { "count": 3, "size": 5, "features_per_week": 1 },
  "central_team": { "size": 4 },
  "calibrate": { "params": [
    { "path": "$.product_teams.features_per_week", "low": 0.5, "high": 4, "name": "features" },
    { "path": "$.hosting[name=iaas].incidents_per_service_week", "low": 0.05, "high": 0.8, "name": "incidents" }
  ] }
}
S
# the truth: features 1.6 per team-week, 0.25 incidents per service-week
cat >"$T/truth.json" <<'S'
{
  "name": "calib-small",
  "run": { "warmup_days": 60, "measure_days": 200, "drain_max_days": 100 },
  "models": ["devops_team"],
  "hosting": [{ "name": "iaas", "incidents_per_service_week": 0.25 }],
  "product_teams": { "count": 3, "size": 5, "features_per_week": 1.6 },
  "central_team": { "size": 4 }
}
S
"$DEVOPSIM" validate "$T/truth.json" >"$T/out" 2>&1 || { say "truth scenario invalid"; cat "$T/out"; }
"$DEVOPSIM" run "$T/truth.json" -o "$T/truth" --reps 20 --seed 11 -q --no-charts 2>"$T/err" \
    || { say "truth run failed"; cat "$T/err"; }
m() { awk -F, -v k="$2" '$4 == k { print $5 }' "$1/summary.csv"; }
fpw=$(awk -v v="$(m "$T/truth" features_done)" 'BEGIN { printf "%.6g", v * 5 / 200 }')
ipw=$(awk -v v="$(m "$T/truth" incidents)" 'BEGIN { printf "%.6g", v * 5 / 200 }')
cat >"$T/obs.json" <<O
{ "model": "devops_team", "hosting": "iaas",
  "observed": { "features_per_week": $fpw, "incidents_per_week": $ipw,
                "utilization_central": $(m "$T/truth" utilization_central),
                "lead_time_p85_days": { "value": $(m "$T/truth" lead_time_p85_days), "tolerance": "15%" } } }
O
"$DEVOPSIM" calibrate "$T/s.json" --observed "$T/obs.json" -o "$T/c2" --reps 10 -j 2 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] || { say "calibrate on the model's own figures: exit $rc"; cat "$T/out" "$T/err"; }
grep -q "Verdict: FITS" "$T/out" || say "calibrate printed no FITS verdict"
cmp -s "$T/out" "$T/c2/calibration.txt" || say "the printed report differs from calibration.txt"
# truth_inside DIR NAME VALUE: the fitted parameter NAME's interval holds VALUE
truth_inside() {
    awk -F, -v n="$2" -v t="$3" '$1 == "parameter" && $2 == n { found = 1;
        if (!($5 <= t && t <= $6 && $12 > 0)) { print "  " n ": fitted " $4 ", interval " $5 " to " $6 ", truth " t; bad = 1 } }
        END { exit !(found && !bad) }' "$1/calibration.csv"
}
truth_inside "$T/c2" features 1.6 || say "the true features (1.6) is outside its stated interval"
truth_inside "$T/c2" incidents 0.25 || say "the true incidents (0.25) is outside its stated interval"
grep -q '"verdict":	"fits"' "$T/c2/calibration.json" || say "calibration.json has no fits verdict"

# ---- the bytes do not depend on --jobs
"$DEVOPSIM" calibrate "$T/s.json" --observed "$T/obs.json" -o "$T/c1" --reps 10 -j 1 -q 2>"$T/err" \
    || { say "calibrate -j 1 failed"; cat "$T/err"; }
same_tree "$T/c1" "$T/c2" || say "calibrate -j 1 and -j 2 wrote different bytes"

# ---- the calibrated scenario validates and reruns to the reported figures
"$DEVOPSIM" validate "$T/c2/calibrated.json" >"$T/out" 2>&1 || { say "calibrated.json does not validate"; cat "$T/out"; }
"$DEVOPSIM" run "$T/c2/calibrated.json" -o "$T/rerun" --reps 10 -q --no-charts 2>"$T/err" \
    || { say "run of calibrated.json failed"; cat "$T/err"; }
want=$(awk -F, '$1 == "figure" && $2 == "utilization_central" { print $4 }' "$T/c2/calibration.csv")
got=$(m "$T/rerun" utilization_central)
awk -v a="$want" -v b="$got" 'BEGIN { d = a - b; exit !(a != "" && d < 1e-8 && d > -1e-8) }' \
    || say "rerun of calibrated.json: utilization_central $got, the report said $want"

# ---- a range whose middle saturates the central team (acme-transition's
# shape: 8 teams owning 12 services, a DevOps team of 9, the flow mechanisms on).
# Every vertex of a simplex started in the middle (1.55 features per team-week)
# saturates the DevOps team, the objective is flat there and the simplex stopped
# at 1.54 (exit 3) before the start scan of the ranges was added.
sat() {  # sat INCIDENTS FEATURES TAIL
  printf '{ "name": "calib-sat", "run": { "warmup_days": 150, "measure_days": 250, "drain_max_days": 60 },\n'
  printf '  "models": ["devops_team"], "hosting": [{ "name": "iaas", "incidents_per_service_week": %s }],\n' "$1"
  printf '  "product_teams": { "count": 0, "size": 8, "features_per_week": %s },\n' "$2"
  printf '  "central_team": { "size": 9 },\n  "teams": [\n'
  printf '    { "name": "t1", "services": ["a", "b"] }, { "name": "t2", "services": ["c", "d"] },\n'
  printf '    { "name": "t3", "services": ["e", "f"] }, { "name": "t4", "services": ["g", "h"] },\n'
  printf '    { "name": "t5", "services": ["i"] }, { "name": "t6", "services": ["j"] },\n'
  printf '    { "name": "t7", "services": ["k"] }, { "name": "t8", "services": ["l"] } ]%s\n}\n' "$3"
}
sat 0.1 0.7 '' >"$T/sat-truth.json"
sat 0.1 0.7 ', "calibrate": { "params": [
    { "path": "$.product_teams.features_per_week", "low": 0.6, "high": 2.5, "name": "features" },
    { "path": "$.hosting[name=iaas].incidents_per_service_week", "low": 0.02, "high": 0.4, "name": "incidents" } ] }' \
    >"$T/sat.json"
"$DEVOPSIM" run "$T/sat-truth.json" -o "$T/sat-truth" --reps 10 --seed 11 -q --no-charts 2>"$T/err" \
    || { say "saturating truth run failed"; cat "$T/err"; }
fpw=$(awk -v v="$(m "$T/sat-truth" features_done)" 'BEGIN { printf "%.6g", v * 5 / 250 }')
ipw=$(awk -v v="$(m "$T/sat-truth" incidents)" 'BEGIN { printf "%.6g", v * 5 / 250 }')
cat >"$T/sat-obs.json" <<O
{ "model": "devops_team", "hosting": "iaas", "tolerance": "10%",
  "observed": { "features_per_week": { "value": $fpw, "tolerance": "5%" }, "incidents_per_week": $ipw,
                "utilization_central": { "value": $(m "$T/sat-truth" utilization_central), "tolerance": 0.05 },
                "deploys_per_week": $(m "$T/sat-truth" deploys_per_week),
                "change_failure_rate": { "value": $(m "$T/sat-truth" change_failure_rate), "tolerance": 0.015 },
                "lead_time_p50_days": { "value": $(m "$T/sat-truth" lead_time_p50_days), "tolerance": "15%" },
                "lead_time_p85_days": { "value": $(m "$T/sat-truth" lead_time_p85_days), "tolerance": "15%" } } }
O
"$DEVOPSIM" calibrate "$T/sat.json" --observed "$T/sat-obs.json" -o "$T/sat" --reps 4 -j 2 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] || { say "calibrate with a saturating middle: exit $rc (stuck where the team saturates?)"; cat "$T/out" "$T/err"; }
truth_inside "$T/sat" features 0.7 || say "saturating middle: the true features (0.7) is outside its interval"
truth_inside "$T/sat" incidents 0.1 || say "saturating middle: the true incidents (0.1) is outside its interval"

# ---- an impossible set: p85 lead time of a third of a day at this feature rate
cat >"$T/impossible.json" <<'O'
{ "observed": { "features_per_week": 5, "lead_time_p85_days": { "value": 0.3, "tolerance": 0.05 } } }
O
"$DEVOPSIM" calibrate "$T/s.json" --observed "$T/impossible.json" -o "$T/imp" --reps 4 --max-evals 60 \
    >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 3 ] || { say "an impossible observation set gave exit $rc, not 3"; cat "$T/out" "$T/err"; }
grep -q "DOES NOT FIT" "$T/out" || say "no DOES NOT FIT verdict for an impossible set"
grep -q "lead_time_p85_days: simulated .* against observed 0.3 .* too high" "$T/out" \
    || { say "the verdict does not name the missed figure"; cat "$T/out"; }
grep -q '"verdict":	"does_not_fit"' "$T/imp/calibration.json" || say "calibration.json: no does_not_fit verdict"

# ---- bad inputs: file and JSON path, exit 2, nothing written
bad() {  # bad NAME SCENARIO OBSERVED_TEXT EXPECTED_STDERR_PATTERN
    printf '%s\n' "$3" >"$T/$1.obs.json"
    "$DEVOPSIM" calibrate "$2" --observed "$T/$1.obs.json" -o "$T/bad-$1" -q >"$T/out" 2>"$T/err"
    rc=$?
    [ "$rc" = 2 ] || say "$1: exit $rc, not 2"
    grep -q -- "$4" "$T/err" || { say "$1: stderr lacks '$4'"; cat "$T/err"; }
    [ ! -e "$T/bad-$1/calibration.txt" ] || say "$1: wrote a report for bad input"
}
bad unknown-figure "$T/s.json" '{ "observed": { "lead_time_p58_days": 3 } }' \
    "obs.json: \$.observed.lead_time_p58_days: unknown figure .*did you mean 'lead_time_p"
bad negative "$T/s.json" '{ "observed": { "features_per_week": -2 } }' \
    "negative.obs.json: \$.observed.features_per_week: must be at least 0"
bad wrong-type "$T/s.json" '{ "observed": { "features_per_week": "five" } }' \
    "wrong-type.obs.json: \$.observed.features_per_week: must be a number"
bad share "$T/s.json" '{ "observed": { "change_failure_rate": 15 } }' \
    "share.obs.json: \$.observed.change_failure_rate: is a share"
bad zero-tol "$T/s.json" '{ "observed": { "features_per_week": { "value": 5, "tolerance": 0 } } }' \
    "zero-tol.obs.json: \$.observed.features_per_week.tolerance: must be a positive number"
bad no-figures "$T/s.json" '{ "observed": {} }' "no-figures.obs.json: \$.observed: must be an object with at least one figure"
bad model "$T/s.json" '{ "model": "devops", "observed": { "features_per_week": 5 } }' \
    "model.obs.json: \$.model: \"devops\" is not one of the scenario's models; did you mean 'devops_team'"
bad key "$T/s.json" '{ "observd": { "features_per_week": 5 } }' "key.obs.json: \$: unknown key \"observd\""
bad syntax "$T/s.json" '{ "observed": { "features_per_week": 5, } }' "syntax.obs.json:1:"
OK='{ "observed": { "features_per_week": 5 } }'
sed 's|"\$.product_teams.features_per_week"|"$.product_teams.feature_rate"|' "$T/s.json" >"$T/s-path.json"
bad path "$T/s-path.json" "$OK" "s-path.json: \$.calibrate.params\[0\].path: .*no key 'feature_rate'"
sed 's|"low": 0.5, "high": 4|"low": 4, "high": 4|' "$T/s.json" >"$T/s-empty.json"
bad empty-range "$T/s-empty.json" "$OK" "s-empty.json: \$.calibrate.params\[0\]: needs low < high"
sed 's|"calibrate": { "params": \[|"calibrate": { "params": [] }, "x": { "params": [|' "$T/s.json" >"$T/s-none.json"
"$DEVOPSIM" validate "$T/s-none.json" >"$T/out" 2>&1
grep -q 's-none.json: \$.calibrate: needs "params"' "$T/out" || { say "validate: empty calibrate params not reported"; cat "$T/out"; }
sed -n '1,/"central_team"/p' "$T/s.json" | sed 's/"size": 4 },/"size": 4 }/' >"$T/s-nosec.json"
echo '}' >>"$T/s-nosec.json"
bad no-section "$T/s-nosec.json" "$OK" "s-nosec.json: \$: the scenario has no \"calibrate\" section"
sed 's|"low": 0.05, "high": 0.8|"dist": { "uniform": { "low": 0.05, "high": 0.8 } }|' "$T/s.json" >"$T/s-dist.json"
bad dist "$T/s-dist.json" "$OK" "s-dist.json: \$.calibrate.params\[1\]: needs a range"
sed 's|"\$.hosting\[name=iaas\].incidents_per_service_week"|"$.product_teams.features_per_week"|' "$T/s.json" >"$T/s-dup.json"
bad duplicate "$T/s-dup.json" "$OK" "s-dup.json: \$.calibrate.params\[1\].path: the same field as"
sed 's|"low": 0.5, "high": 4|"low": -1, "high": 4|' "$T/s.json" >"$T/s-invalid.json"
bad invalid-at-end "$T/s-invalid.json" "$OK" "s-invalid.json: \$.calibrate: the scenario is not valid at these values"
exit $fail
