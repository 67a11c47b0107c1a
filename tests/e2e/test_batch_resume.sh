#!/bin/sh
# An interrupted batch resumes: SIGKILL after the first scenario is marked
# finished leaves only complete files (each equal to an uninterrupted run's);
# the rerun skips the finished scenarios without touching them, cleans up the
# killed run's temporaries and ends with the same bytes as an uninterrupted
# run. SIGINT stops cleanly (exit 130, says what finished, no temporaries),
# SIGTERM likewise (exit 143).
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
# A run's chart deck shows the run date: pin it, so that runs made at
# different times compare (what is tested here is scheduling and interruption).
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"

finished() { ls "$1"/*/.done 2>/dev/null | wc -l; }

# Six equal scenarios under different names, so much is left after the first.
N=6
mkdir -p "$T/scen"
i=0
while [ $i -lt $N ]; do
    i=$((i + 1))
    sed "s/\"name\": \"timeseries-feature\"/\"name\": \"ts-$i\"/" \
        "$ROOT/scenarios/timeseries-feature.json" >"$T/scen/ts-$(printf %02d $i).json"
done
grep -q '"name": "ts-1"' "$T/scen/ts-01.json" || { echo "FAIL could not rename the scenario"; exit 1; }
ARGS="--reps 3 --jobs 1"

# The reference: uninterrupted.
# shellcheck disable=SC2086
"$DEVOPSIM" batch "$T/scen" -o "$T/ref" $ARGS -q 2>"$T/err"
[ $? = 0 ] || { say "reference run failed"; cat "$T/err"; exit 1; }

# start_and_wait OUT: starts the batch in the background, returns once the
# first scenario is marked finished (pid in $pid).
start_and_wait() {
    # shellcheck disable=SC2086
    "$DEVOPSIM" batch "$T/scen" -o "$1" $ARGS -q >"$1.out" 2>"$1.err" &
    pid=$!
    n=0
    while [ "$(finished "$1")" = 0 ] && [ $n -lt 3000 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.01; n=$((n + 1))
    done
}

# ---- SIGKILL
start_and_wait "$T/k"
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
done_k=$(finished "$T/k")
echo "SIGKILL after $done_k of $N scenarios"
[ "$done_k" -ge 1 ] || say "no scenario finished before SIGKILL"
[ "$done_k" -lt "$N" ] || say "the batch finished before SIGKILL: nothing was interrupted"
# Every file left behind (temporaries aside) is complete: equal to the reference's.
(cd "$T/k" && find . -type f ! -name provenance.json ! -name .lock ! -name '*.tmp.*') >"$T/left"
while IFS= read -r f; do
    cmp -s "$T/k/$f" "$T/ref/$f" || say "after SIGKILL, $f is not complete"
done <"$T/left"
# Folders without a marker are rerun; note the finished ones' times.
for d in "$T/k"/*/; do
    [ -f "$d/.done" ] && stat -c '%n %y' "$d"* "$d.done"
done | sort >"$T/mt1"
# Plant a temporary of a dead process: the rerun must remove it.
sh -c 'exit 0' & dead=$!; wait $dead
echo partial >"$T/k/ts-1/results.json.tmp.$dead.0"

# shellcheck disable=SC2086
"$DEVOPSIM" batch "$T/scen" -o "$T/k" $ARGS >"$T/k2.out" 2>"$T/k2.err"
rc=$?
[ "$rc" = 0 ] || { say "rerun after SIGKILL: exit $rc"; cat "$T/k2.err"; }
skipped=$(grep -c ': up to date in ' "$T/k2.err")
[ "$skipped" = "$done_k" ] || say "rerun skipped $skipped scenarios, $done_k had finished"
for d in "$T/k"/*/; do
    grep -q "^$d" "$T/mt1" && stat -c '%n %y' "$d"* "$d.done"
done | sort >"$T/mt2"
cmp -s "$T/mt1" "$T/mt2" || say "the rerun touched finished scenarios"
same_tree "$T/k" "$T/ref" || say "after SIGKILL and rerun, outputs differ from an uninterrupted run"
no_temps "$T/k" || say "temporaries left after the rerun"

# ---- SIGINT: a clean stop
start_and_wait "$T/i"
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
[ "$rc" = 130 ] || say "SIGINT: exit $rc, expected 130"
grep -q "stopped by SIGINT" "$T/i.err" || { say "SIGINT: no message"; cat "$T/i.err"; }
grep -q "finished: *ts-" "$T/i.err" || say "SIGINT: does not list what finished"
if [ "$(finished "$T/i")" -lt "$N" ]; then
    grep -q "not finished: *ts-" "$T/i.err" || say "SIGINT: does not list what did not finish"
fi
no_temps "$T/i" || say "SIGINT left temporaries"
[ -f "$T/i/summary.csv" ] && say "SIGINT: a summary over unfinished scenarios was written"
# shellcheck disable=SC2086
"$DEVOPSIM" batch "$T/scen" -o "$T/i" $ARGS -q 2>"$T/err"
[ $? = 0 ] || { say "rerun after SIGINT failed"; cat "$T/err"; }
same_tree "$T/i" "$T/ref" || say "after SIGINT and rerun, outputs differ from an uninterrupted run"

# ---- SIGTERM
start_and_wait "$T/t"
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
[ "$rc" = 143 ] || say "SIGTERM: exit $rc, expected 143"
grep -q "stopped by SIGTERM" "$T/t.err" || say "SIGTERM: no message"
no_temps "$T/t" || say "SIGTERM left temporaries"
exit $fail
