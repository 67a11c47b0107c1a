#!/bin/sh
# `devopsim batch`: the same bytes (cmp, all but provenance.json) with --jobs 1
# and --jobs 2 and as `devopsim run` writes them per scenario; a rerun skips
# everything and changes nothing; a bad, a duplicate-named and a missing
# scenario among good ones give exit 2, no folder for them, the others done;
# directory search rules; no temporary files left; usage errors.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
# A run's chart deck shows the run date: pin it, so that runs made at
# different times compare (what is tested here is scheduling and interruption).
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"


# Small scenarios; schema.json comes along to check it is left out.
mkdir -p "$T/scen/sub"
for s in mmc-queue postgres-upgrade startup-growth; do cp "$ROOT/scenarios/$s.json" "$T/scen/"; done
cp "$ROOT/scenarios/timeseries-feature.json" "$T/scen/sub/"
cp "$ROOT/scenarios/schema.json" "$T/scen/"
names="mmc-queue postgres-upgrade startup-growth timeseries-feature"

# ---- --jobs 1 and --jobs 2 give the same bytes
"$DEVOPSIM" batch "$T/scen" -o "$T/j1" --reps 2 --jobs 1 >"$T/out1" 2>"$T/err1"
rc=$?
[ "$rc" = 0 ] || { say "batch --jobs 1: exit $rc"; cat "$T/err1"; }
"$DEVOPSIM" batch "$T/scen" -o "$T/j2" --reps 2 --jobs 2 -q >"$T/out2" 2>"$T/err2"
rc=$?
[ "$rc" = 0 ] || { say "batch --jobs 2: exit $rc"; cat "$T/err2"; }
[ -s "$T/out2" ] && say "--quiet printed on stdout: $(head -n 2 "$T/out2")"
[ -s "$T/err2" ] && say "stderr not empty without a terminal: $(head -n 2 "$T/err2")"
same_tree "$T/j1" "$T/j2" || say "--jobs 1 and --jobs 2 differ"
for n in $names; do
    for f in results.json runs.csv summary.csv comparisons.csv provenance.json .done; do
        [ -f "$T/j1/$n/$f" ] || say "$n/$f missing"
    done
done
[ -e "$T/j1/schema" ] && say "schema.json was run as a scenario"
for f in summary.csv lead_time_p85.csv lead_time_p85.png lead_time_p85.svg lead_time_p85.pdf; do
    [ -s "$T/j1/$f" ] || say "batch-level $f missing"
done
grep -q "written" "$T/out1" || say "stdout lacks the per-scenario table"
grep -q "runs/s" "$T/out1" || say "stdout lacks the run rate"

# OUT/summary.csv: one header, then every scenario's summary rows in input order.
head -n 1 "$T/j1/mmc-queue/summary.csv" >"$T/want"
for n in mmc-queue postgres-upgrade startup-growth timeseries-feature; do
    tail -n +2 "$T/j1/$n/summary.csv" >>"$T/want"
done
cmp -s "$T/want" "$T/j1/summary.csv" || say "OUT/summary.csv is not the scenarios' rows under one header"
# The chart's numbers are the summary's p85 lead times.
p85=$(grep -c ',lead_time_p85_days,' "$T/j1/summary.csv")
rows=$(($(grep -c '' "$T/j1/lead_time_p85.csv") - 1))
[ "$p85" = "$rows" ] || say "lead_time_p85.csv has $rows rows, summary.csv $p85 p85 rows"
head -c 8 "$T/j1/lead_time_p85.png" | od -An -c | grep -q 'P   N   G' || say "lead_time_p85.png is no PNG"
head -c 5 "$T/j1/lead_time_p85.pdf" | grep -q '%PDF-' || say "lead_time_p85.pdf is no PDF"
grep -q '<svg' "$T/j1/lead_time_p85.svg" || say "lead_time_p85.svg is no SVG"

# ---- each folder is exactly what `run` writes (without the robustness
# reruns, which only `run` does: README, docs/comparisons.md)
mkdir -p "$T/run"
"$DEVOPSIM" run "$T/scen/startup-growth.json" -o "$T/run/startup-growth" --reps 2 --no-robustness -q 2>"$T/err"
[ $? = 0 ] || { say "run failed"; cat "$T/err"; }
mkdir -p "$T/bs"
cp -R "$T/j1/startup-growth" "$T/bs/"
rm -f "$T/bs/startup-growth/.done"
same_tree "$T/run/startup-growth" "$T/bs/startup-growth" || say "batch's folder differs from run's"

# ---- a scenario with staffing targets: the search runs as batch jobs, and
# its folder (staffing.csv and staffing.json included) is still run's
mkdir -p "$T/staff"
sed 's/"name": "mmc-queue",/"name": "mmc-staff", "targets": { "ticket_wait_p85_days": 2, "lead_time_p85_days": 6 },/' \
    "$ROOT/scenarios/mmc-queue.json" > "$T/staff/mmc-staff.json"
"$DEVOPSIM" batch "$T/staff/mmc-staff.json" -o "$T/staff/b" --reps 2 --jobs 2 -q 2>"$T/err"
[ $? = 0 ] || { say "batch with targets failed"; cat "$T/err"; }
"$DEVOPSIM" run "$T/staff/mmc-staff.json" -o "$T/staff/r" --reps 2 --no-robustness -q 2>"$T/err"
[ $? = 0 ] || { say "run with targets failed"; cat "$T/err"; }
[ -s "$T/staff/b/mmc-staff/staffing.json" ] || say "batch wrote no staffing.json"
rm -f "$T/staff/b/mmc-staff/.done"
same_tree "$T/staff/r" "$T/staff/b/mmc-staff" || say "batch's folder with staffing differs from run's"

# ---- a rerun skips everything and changes nothing
find "$T/j1" -type f ! -name .lock -exec stat -c '%n %y' {} + | grep -v '/summary.csv\|/lead_time_p85' | sort >"$T/mt1"
"$DEVOPSIM" batch "$T/scen" -o "$T/j1" --reps 2 --jobs 2 >"$T/out3" 2>"$T/err3"
rc=$?
[ "$rc" = 0 ] || { say "rerun: exit $rc"; cat "$T/err3"; }
for n in $names; do
    grep -q "$n: up to date" "$T/err3" || say "rerun did not say $n is up to date"
done
find "$T/j1" -type f ! -name .lock -exec stat -c '%n %y' {} + | grep -v '/summary.csv\|/lead_time_p85' | sort >"$T/mt2"
cmp -s "$T/mt1" "$T/mt2" || say "a rerun touched finished folders"
same_tree "$T/j1" "$T/j2" || say "rerun changed the outputs"
# A different seed reruns, and says why.
"$DEVOPSIM" batch "$T/scen/mmc-queue.json" -o "$T/j1" --reps 2 --seed 7 >"$T/out4" 2>"$T/err4"
grep -q "mmc-queue: rerunning (the seed changed)" "$T/err4" || { say "seed change not noticed"; cat "$T/err4"; }
grep -q '"seed":	"7"' "$T/j1/mmc-queue/.done" || say ".done does not record the new seed"
# --dry-run lists and runs nothing.
"$DEVOPSIM" batch "$T/scen" -o "$T/j1" --reps 2 --seed 7 -n >"$T/out5" 2>&1
grep -q "dry run" "$T/out5" && grep -q "to run (the seed changed)" "$T/out5" || { say "--dry-run"; cat "$T/out5"; }
grep -q '"seed":	"1"' "$T/j1/postgres-upgrade/.done" || say "--dry-run changed a folder"
no_temps "$T/j1" || fail=1
no_temps "$T/j2" || fail=1

# ---- bad scenarios among good ones: exit 2, no folder, the others complete
mkdir -p "$T/mixed"
cp "$T/scen/mmc-queue.json" "$T/scen/startup-growth.json" "$T/mixed/"
printf '{ "name": "broken", "teams": [ { "name": "a", "size": -3 } ] }\n' >"$T/mixed/broken.json"
printf '{ "name": "mmc-queue" }\n' >"$T/mixed/zz-same-name.json"
"$DEVOPSIM" batch "$T/mixed" "$T/nonexistent.json" -o "$T/mo" --reps 2 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 2 ] || say "bad scenarios: exit $rc, expected 2"
[ -d "$T/mo/broken" ] && say "a folder was made for the broken scenario"
[ -f "$T/mo/startup-growth/.done" ] || say "the good scenario did not complete"
[ -e "$T/mo/mmc-queue" ] && say "a duplicate-named scenario got a folder"
grep -q 'broken.json: \$.teams\[0\].size' "$T/err" || { say "the broken scenario's error is not reported"; cat "$T/err"; }
grep -q 'is also the name of' "$T/err" || say "duplicate names not reported"
grep -q 'nonexistent.json: no such file' "$T/err" || say "missing file not reported"
grep -q '4 of 5 scenarios failed' "$T/err" || { say "no final list of failures"; cat "$T/err"; }
grep -q "startup-growth" "$T/mo/summary.csv" || say "summary lacks the good scenario"
grep -q "broken" "$T/mo/summary.csv" && say "summary has the broken scenario"
no_temps "$T/mo" || fail=1

# ---- usage
"$DEVOPSIM" batch --help | grep -q "usage: devopsim batch" || say "--help"
"$DEVOPSIM" batch "$T/scen" >/dev/null 2>"$T/err"; [ $? = 2 ] || say "no -o: exit not 2"
"$DEVOPSIM" batch -o "$T/x" >/dev/null 2>"$T/err"; [ $? = 2 ] || say "no inputs: exit not 2"
"$DEVOPSIM" batch "$T/scen" -o "$T/x" --jobs 0 >/dev/null 2>"$T/err"; [ $? = 2 ] || say "--jobs 0: exit not 2"
"$DEVOPSIM" batch "$T/scen" -o "$T/x" --frobnicate >/dev/null 2>"$T/err"; [ $? = 2 ] || say "unknown option: exit not 2"
mkdir -p "$T/empty"
"$DEVOPSIM" batch "$T/empty" -o "$T/x" >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q "no scenario files found" "$T/err" || say "empty directory"
exit $fail
