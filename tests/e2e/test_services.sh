#!/bin/sh
# Services apart from teams and hosting plans, through the binary:
#  1 a plan with every service on one hosting point gives the same result
#    files (runs, summary, comparisons) as that hosting point as a column;
#  2 12 services for 8 teams with two plans run, and the plans are the
#    columns of results.json, the CSVs, the charts' CSVs and the staffing;
#  3 bad services and plans: exit 2, file and JSON path.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"

RUN="--reps 2 --jobs 2 -q"
common='"name": "svc", "seed": 3, "run": {"warmup_days": 40, "measure_days": 150, "drain_max_days": 150},
  "central_team": {"size": 3}, "models": ["traditional_ops", "true_devops"],
  "teams": [
    {"name": "payments", "size": 5, "features_per_week": 1.2,
     "services": [{"name": "checkout", "weight": 2, "hosting": "paas"}, "cart"]},
    {"name": "discovery", "size": 4, "features_per_week": 1,
     "services": ["search", {"name": "reco", "stack": {"db": "cassandra"}, "hosting": "on_prem"}]},
    {"name": "accounts", "size": 4}
  ]'

# ---- 1: every service on iaas, as a plan and as the hosting point
printf '{%s, "hosting": ["iaas"]}\n' "$common" >"$T/point.json"
printf '{%s, "hosting_plans": [{"name": "iaas", "services": {"checkout": "iaas", "cart": "iaas", "search": "iaas", "reco": "iaas"}, "default": "iaas"}]}\n' \
    "$common" >"$T/plan.json"
"$DEVOPSIM" run "$T/point.json" -o "$T/point" $RUN --no-charts 2>"$T/err" || { say "1: point run failed"; cat "$T/err"; }
"$DEVOPSIM" run "$T/plan.json" -o "$T/plan" $RUN --no-charts 2>"$T/err" || { say "1: plan run failed"; cat "$T/err"; }
for f in runs.csv summary.csv comparisons.csv; do
    [ -s "$T/point/$f" ] || say "1: $f is empty"
    cmp -s "$T/point/$f" "$T/plan/$f" || { say "1: $f differs between the plan and the hosting point"; diff "$T/point/$f" "$T/plan/$f" | head -n 5; }
done

# ---- 2: 12 services for 8 teams, two plans as the columns
{
    printf '{"seed": 4, "run": {"warmup_days": 40, "measure_days": 150, "drain_max_days": 150},\n'
    printf ' "central_team": {"size": 6}, "models": ["devops_team", "true_devops"], "teams": ['
    for t in 0 1 2 3 4 5 6 7; do
        [ "$t" = 0 ] || printf ','
        if [ "$t" -lt 4 ]; then
            printf '{"name": "t%d", "size": 6, "features_per_week": 0.8, "services": ["s%d", "x%d"]}' "$t" "$t" "$t"
        else
            printf '{"name": "t%d", "size": 6, "features_per_week": 0.8, "services": ["s%d"]}' "$t" "$t"
        fi
    done
    printf '],\n "hosting_plans": [{"name": "all-vms", "default": "iaas"},\n'
    printf '   {"name": "half-paas", "default": "iaas", "services": {"s0": "paas", "x0": "paas", "s1": "paas", "x1": "paas", "s2": "paas", "x2": "paas"}}]}\n'
} >"$T/twelve.json"
"$DEVOPSIM" validate "$T/twelve.json" 2>"$T/err" || { say "2: validate refused the scenario"; cat "$T/err"; }
"$DEVOPSIM" run "$T/twelve.json" -o "$T/twelve" $RUN --format svg 2>"$T/err" || { say "2: run failed"; cat "$T/err"; }
grep -q '"hostings":' "$T/twelve/results.json" || say "2: results.json has no hostings"
for plan in all-vms half-paas; do
    grep -q "\"$plan\"" "$T/twelve/results.json" || say "2: results.json lacks the plan $plan"
    grep -q ",$plan," "$T/twelve/summary.csv" || say "2: summary.csv lacks the plan $plan"
    grep -rqs "$plan" "$T/twelve/charts/"*.csv || say "2: the charts' CSVs lack the plan $plan"
done
grep -q ',iaas,' "$T/twelve/summary.csv" && say "2: a hosting point is a column next to the plans"
awk -F, '$4 == "lead_time_p85_days" && !($5 > 0) { bad = 1 } END { exit bad }' "$T/twelve/summary.csv" ||
    say "2: a lead time is not positive"

# the staffing search sizes each plan; a plan's hosting cost is its services' mean per service
sed 's/"central_team": {"size": 6}, "models": \["devops_team", "true_devops"\]/"central_team": {"size": 6}, "models": ["devops_team"], "targets": {"lead_time_p85_days": 30, "max_utilization": 0.85}/' \
    "$T/twelve.json" >"$T/twelve_t.json"
grep -q '"targets"' "$T/twelve_t.json" || say "2: the staffing scenario was not made"
"$DEVOPSIM" run "$T/twelve_t.json" -o "$T/twelve_t" $RUN --no-charts 2>"$T/err" || { say "2: staffing run failed"; cat "$T/err"; }
for plan in all-vms half-paas; do
    grep -q ",devops_team,$plan,central," "$T/twelve_t/staffing.csv" || say "2: staffing.csv lacks the plan $plan"
done
# 6 of 12 services on paas (3500 a month), 6 on iaas (3000): 3250 per service
grep -q '"half-paas":[[:space:]]*3250' "$T/twelve_t/staffing.json" || say "2: half-paas hosting cost is not the services' mean"

# ---- 3: bad services and plans: exit 2, file and JSON path
bad() {
    printf '%s\n' "$2" >"$T/bad.json"
    "$DEVOPSIM" validate "$T/bad.json" >/dev/null 2>"$T/err"; rc=$?
    [ "$rc" = 2 ] || say "3: $1: exit $rc, want 2"
    grep -qF -- "$T/bad.json: $3" "$T/err" || { say "3: $1: no '$3'"; cat "$T/err"; }
}
bad "a service owned by two teams" \
    '{"teams": [{"name": "a", "services": ["checkout"]}, {"name": "b", "services": ["checkout"]}]}' \
    "\$.teams[1].services[0]: service 'checkout' is owned by two teams"
bad "an unknown service in a plan" \
    '{"teams": [{"name": "a", "services": ["checkout"]}], "hosting_plans": [{"name": "p", "services": {"checkot": "paas"}}]}' \
    "\$.hosting_plans[0].services.checkot: unknown service 'checkot'"
bad "an unknown hosting point in a plan" \
    '{"teams": [{"name": "a", "services": ["checkout"]}], "hosting_plans": [{"name": "p", "services": {"checkout": "cloud"}}]}' \
    "\$.hosting_plans[0].services.checkout: unknown hosting point \"cloud\""
bad "a service no plan places" \
    '{"teams": [{"name": "a", "services": ["checkout", "cart"]}], "hosting_plans": [{"name": "p", "services": {"cart": "paas"}}]}' \
    "\$.hosting_plans[0]: does not place service 'checkout'"

exit $fail
