#!/bin/sh
# devopsim staff: --help; a scenario without targets is refused (exit 2,
# naming the keys to add); with targets, staffing.csv has exactly the issue's
# header and one central and one product row per model × hosting point,
# staffing.json the same rows and the detail; results do not depend on
# --jobs; `devopsim run` writes staffing.csv and staffing.json too.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
T=$TMPDIR_E2E

"$DEVOPSIM" staff --help >"$T/help" 2>&1 || { echo "FAIL staff --help: non-zero"; fail=1; }
grep -q "usage: devopsim staff" "$T/help" || { echo "FAIL staff --help: no usage"; fail=1; }
grep -q "staffing.csv" "$T/help" || { echo "FAIL staff --help: no staffing.csv"; fail=1; }

# no targets -> exit 2 with the keys to add
"$DEVOPSIM" staff "$ROOT/scenarios/startup-growth.json" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 2 ] || { echo "FAIL no targets: status $rc, want 2"; fail=1; }
grep -q "staffing needs targets" "$T/err" || { echo "FAIL no targets: message"; cat "$T/err"; fail=1; }
grep -q "lead_time_p85_days" "$T/err" && grep -q "ticket_wait_p85_days" "$T/err" \
    || { echo "FAIL no targets: keys not named"; cat "$T/err"; fail=1; }
[ -s "$T/out" ] && { echo "FAIL no targets: stdout not empty"; fail=1; }

# usage errors
"$DEVOPSIM" staff >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL staff without a file: status not 2"; fail=1; }
"$DEVOPSIM" staff x.json --bogus >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL unknown option: status not 2"; fail=1; }

# a small organisation with targets, short runs; its 25-day lead-time target was chosen
# without the flow mechanisms (on by default: a two-week iteration alone waits 8.5 days at
# p85), so they are off here and every cell has a product size and a cost to check
cat >"$T/small.json" <<'EOF'
{
  "name": "small-staff",
  "description": "startup-growth with staffing targets, short runs, flow mechanisms off (e2e test)",
  "flow": { "interruption_share": 0, "interruption_sd": 0, "review_share": 0, "continuity": 0, "iteration_days": 0 },
  "replications": 3,
  "run": { "warmup_days": 40, "measure_days": 100, "drain_max_days": 120 },
  "product_teams": { "count": 2, "size": 4, "features_per_week": 1.5, "name_prefix": "squad-" },
  "central_team": { "size": 2 },
  "targets": { "lead_time_p85_days": 25, "ticket_wait_p85_days": 2, "max_utilization": 0.8 },
  "oncall": { "cover": "24x7", "min_rotation": 8 },
  "costs": { "product_engineer_per_year": 120000, "central_engineer_per_year": 130000 }
}
EOF
header="scenario,model,hosting,team,headcount,p85_days,ci95_low,ci95_high,utilization,erlang_c_headcount,total_headcount,oncall_standby_per_year,cost_per_year,cost_per_feature,currency"
"$DEVOPSIM" staff "$T/small.json" -o "$T/s1" --jobs 1 >"$T/table" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL staff: status $rc"; cat "$T/err"; fail=1; }
[ "$(head -n 1 "$T/s1/staffing.csv")" = "$header" ] || { echo "FAIL header: $(head -n 1 "$T/s1/staffing.csv")"; fail=1; }
rows=$(($(wc -l <"$T/s1/staffing.csv") - 1))
[ "$rows" = 36 ] || { echo "FAIL rows: $rows, want 36 (3 models × 6 hosting × 2 teams)"; fail=1; }
c=$(grep -c ',central,' "$T/s1/staffing.csv"); p=$(grep -c ',product,' "$T/s1/staffing.csv")
[ "$c" = 18 ] && [ "$p" = 18 ] || { echo "FAIL teams: $c central, $p product"; fail=1; }
# every row has 15 fields (the last: the currency); the on-call floor (24/7, rotation 8) holds for the ops team
awk -F, 'NR > 1 && (NF != 15 || $15 != "EUR") { bad = 1 } END { exit bad }' "$T/s1/staffing.csv" || { echo "FAIL field count"; fail=1; }
awk -F, '$2 == "traditional_ops" && $4 == "central" && ($5 < 8) { bad = 1 } END { exit bad }' "$T/s1/staffing.csv" \
    || { echo "FAIL on-call floor for the ops team"; fail=1; }
# product teams respond first under true_devops: 2 teams raised to 8 each -> at least 16
awk -F, '$2 == "true_devops" && $4 == "product" && ($5 < 16) { bad = 1 } END { exit bad }' "$T/s1/staffing.csv" \
    || { echo "FAIL on-call floor for product teams"; fail=1; }
grep -q "Erlang C" "$T/table" || { echo "FAIL table: no Erlang C column"; fail=1; }
grep -q "traditional_ops" "$T/table" || { echo "FAIL table: no models"; fail=1; }
[ -f "$T/s1/staffing.json" ] || { echo "FAIL no staffing.json"; fail=1; }
for key in '"rows"' '"cells"' '"nonproduct_fte_by_kind"' '"erlang_c"' '"explanation"' '"oncall_floor_applied"' \
           '"candidates"' '"candidates_evaluated"'; do
    grep -q "$key" "$T/s1/staffing.json" || { echo "FAIL staffing.json lacks $key"; fail=1; }
done
if command -v python3 >/dev/null 2>&1; then
    python3 - "$T/s1/staffing.json" <<'EOF' || { echo "FAIL staffing.json content"; fail=1; }
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["rows"]) == 36, len(d["rows"])
assert len(d["cells"]) == 18
for c in d["cells"]:
    assert c["central"]["headcount"] is not None
    assert c["total_headcount"] == c["central"]["headcount"] + c["product"]["headcount"]
    # the stand-by allowance is its own figure and part of the total (24x7: 52 weeks x 500 a rotation)
    k = c["cost"]
    assert k["oncall_standby_per_year"] == c["oncall_rotations"] * 52 * 500, k
    assert c["oncall_rotations"] >= 1
    assert abs(k["per_year"] - (k["product_engineers_per_year"] + k["central_engineers_per_year"]
                                + k["hosting_per_year"] + k["oncall_standby_per_year"])) < 1e-6, k
EOF
fi
ls "$T/s1" | grep -q '\.tmp' && { echo "FAIL temporary files left"; fail=1; }

# same results with two threads
"$DEVOPSIM" staff "$T/small.json" -o "$T/s2" --jobs 2 --quiet >"$T/q" 2>&1 || { echo "FAIL staff --jobs 2"; fail=1; }
[ -s "$T/q" ] && { echo "FAIL --quiet printed"; cat "$T/q"; fail=1; }
cmp -s "$T/s1/staffing.csv" "$T/s2/staffing.csv" || { echo "FAIL staffing.csv depends on --jobs"; fail=1; }
cmp -s "$T/s1/staffing.json" "$T/s2/staffing.json" || { echo "FAIL staffing.json depends on --jobs"; fail=1; }

# run writes staffing too when the scenario has targets
"$DEVOPSIM" run "$T/small.json" -o "$T/r" --quiet >/dev/null 2>"$T/err" || { echo "FAIL run"; cat "$T/err"; fail=1; }
[ "$(head -n 1 "$T/r/staffing.csv" 2>/dev/null)" = "$header" ] || { echo "FAIL run: no staffing.csv"; fail=1; }
cmp -s "$T/s1/staffing.csv" "$T/r/staffing.csv" || { echo "FAIL run's staffing.csv differs from staff's"; fail=1; }
[ -f "$T/r/staffing.json" ] || { echo "FAIL run: no staffing.json"; fail=1; }
# and does not without targets
"$DEVOPSIM" run "$ROOT/scenarios/mmc-queue.json" -o "$T/r2" --reps 2 --quiet >/dev/null 2>&1 || { echo "FAIL run mmc"; fail=1; }
[ -f "$T/r2/staffing.csv" ] && { echo "FAIL run without targets wrote staffing.csv"; fail=1; }
# --no-staffing: run, batch and sweep skip the search of a scenario with targets;
# the lead-time results are those of the run with it (the search runs after them)
"$DEVOPSIM" run "$T/small.json" -o "$T/r3" --no-staffing --quiet >/dev/null 2>"$T/err" \
    || { echo "FAIL run --no-staffing"; cat "$T/err"; fail=1; }
[ -e "$T/r3/staffing.csv" ] || [ -e "$T/r3/staffing.json" ] && { echo "FAIL run --no-staffing wrote staffing files"; fail=1; }
cmp -s "$T/r/summary.csv" "$T/r3/summary.csv" || { echo "FAIL run --no-staffing changed summary.csv"; fail=1; }
mkdir -p "$T/bin" && cp "$T/small.json" "$T/bin/"
"$DEVOPSIM" batch "$T/bin" -o "$T/b" --no-staffing --no-charts -j 2 -q 2>"$T/err" || { echo "FAIL batch --no-staffing"; cat "$T/err"; fail=1; }
[ -e "$T/b/small-staff/staffing.csv" ] && { echo "FAIL batch --no-staffing wrote staffing.csv"; fail=1; }
"$DEVOPSIM" batch "$T/bin" -o "$T/b" --no-charts -j 2 >"$T/out" 2>&1 || { echo "FAIL batch after --no-staffing"; cat "$T/out"; fail=1; }
grep -q -- "--no-staffing changed" "$T/out" || { echo "FAIL batch: a rerun without --no-staffing did not say why it reran"; cat "$T/out"; fail=1; }
[ -f "$T/b/small-staff/staffing.csv" ] || { echo "FAIL batch: the rerun with the search wrote no staffing.csv"; fail=1; }
cat >"$T/p.json" <<'P'
{ "design": "lhs", "points": 2, "params": [ { "path": "$.product_teams.features_per_week", "low": 1.2, "high": 1.6 } ] }
P
for f in "" --no-staffing; do
    "$DEVOPSIM" sweep "$T/small.json" --params "$T/p.json" -o "$T/sw$f" --reps 2 -j 2 -q $f 2>"$T/err" \
        || { echo "FAIL sweep $f"; cat "$T/err"; fail=1; }
done
grep -q staff_cost_per_year "$T/sw/sweep.csv" || { echo "FAIL sweep: no staffed cost with targets"; fail=1; }
grep -q staff_ "$T/sw--no-staffing/sweep.csv" && { echo "FAIL sweep --no-staffing: staffing metrics present"; fail=1; }

# names longer than the tables' columns keep the columns in line (a plan called
# "all-serverless" pushed its rows one column over): in the staffing table the
# header's "util" and every row's utilisation end together; in the run's tables
# every row's lead time starts under the header's
cat >"$T/long.json" <<'EOF'
{
  "name": "long-names",
  "flow": { "interruption_share": 0, "interruption_sd": 0, "review_share": 0, "continuity": 0, "iteration_days": 0 },
  "replications": 2,
  "run": { "warmup_days": 40, "measure_days": 60, "drain_max_days": 120 },
  "product_teams": { "count": 2, "size": 4, "features_per_week": 1.5 },
  "central_team": { "size": 3 },
  "targets": { "lead_time_p85_days": 25, "ticket_wait_p85_days": 2, "max_utilization": 0.8 },
  "models": [ "traditional_ops", { "name": "devops_team_with_board_and_windows", "base": "devops_team",
              "change_policy": "board_and_windows" } ],
  "hosting": [ "iaas", { "name": "serverless_all_of_it", "base": "serverless" } ]
}
EOF
"$DEVOPSIM" staff "$T/long.json" >"$T/long_staff" 2>"$T/err" || { echo "FAIL staff long names"; cat "$T/err"; fail=1; }
sed 's/†/+/g; s/—/-/g; s/€/E/g' "$T/long_staff" |     # one byte a character for awk
awk '/^hosting +model/ { end = index($0, "util") + 3; next }
     end && /^$/ { end = 0 }
     end { n++; if (substr($0, end, 1) != "%") bad++ }
     END { exit !(n == 4 && bad == 0) }' \
    || { echo "FAIL staff table: columns out of line with long names"; cat "$T/long_staff"; fail=1; }
"$DEVOPSIM" run "$T/long.json" -o "$T/rl" --no-staffing --no-robustness --no-charts >"$T/long_run" 2>"$T/err" \
    || { echo "FAIL run long names"; cat "$T/err"; fail=1; }
awk '/^  model / { col = index($0, "p85 lead time"); next }
     /^$/ { col = 0 }
     col && /^  [a-z]/ && !/^  warning/ { n++; if (substr($0, col - 1, 1) != " " || substr($0, col, 1) !~ /[0-9]/) bad++ }
     END { exit !(n == 4 && bad == 0) }' "$T/long_run" \
    || { echo "FAIL run tables: columns out of line with long names"; cat "$T/long_run"; fail=1; }
exit $fail
