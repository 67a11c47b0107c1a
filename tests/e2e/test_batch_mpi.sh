#!/bin/sh
# The MPI build: `mpirun -np 2` and `-np 3` (with --jobs 2 inside each rank)
# write the same bytes (cmp, all but provenance.json) as a single process
# with --jobs 1; a rerun under mpirun skips everything; a bad scenario gives
# exit 2 with the others done. Loopback only (--mca btl self,vader --mca
# oob_tcp_if_include lo). Skipped in the sanitizer pass and when Open MPI or
# build-mpi/devopsim-mpi (make mpi; `make test` builds it) is missing.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
# A run's chart deck shows the run date: pin it, so that runs made at
# different times compare (what is tested here is scheduling and interruption).
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"
mpi_setup


mkdir -p "$T/scen"
for s in mmc-queue postgres-upgrade startup-growth timeseries-feature; do
    cp "$ROOT/scenarios/$s.json" "$T/scen/"
done
# One scenario with staffing targets: its search's rounds are jobs on every rank.
sed 's/"name": "mmc-queue",/"name": "mmc-staff", "targets": { "ticket_wait_p85_days": 2, "lead_time_p85_days": 6 },/' \
    "$ROOT/scenarios/mmc-queue.json" > "$T/scen/mmc-staff.json"

"$DEVOPSIM" batch "$T/scen" -o "$T/one" --reps 3 --jobs 1 -q 2>"$T/err"
[ $? = 0 ] || { say "single process failed"; cat "$T/err"; exit 1; }

# shellcheck disable=SC2086
$MPIRUN -np 2 "$MPI_BIN" batch "$T/scen" -o "$T/np2" --reps 3 --jobs 1 >"$T/out2" 2>"$T/err2"
rc=$?
[ "$rc" = 0 ] || { say "mpirun -np 2: exit $rc"; cat "$T/err2"; }
grep -q "x 2 processes" "$T/out2" || { say "mpirun -np 2 did not run on 2 processes"; cat "$T/out2"; }
[ "$(grep -c 'devopsim batch:' "$T/out2")" = 1 ] || say "more than one rank reported"
same_tree "$T/one" "$T/np2" || say "mpirun -np 2 differs from a single process"
[ -s "$T/np2/mmc-staff/staffing.json" ] || say "mpirun -np 2 wrote no staffing.json"
# the same runs in all, staffing rounds included, however many processes
r1=$("$DEVOPSIM" batch "$T/scen" -o "$T/one_again" --reps 3 --jobs 1 | sed -n 's/^\([0-9]*\) runs in .*/\1/p')
r2=$(sed -n 's/^\([0-9]*\) runs in .*/\1/p' "$T/out2")
[ -n "$r1" ] && [ "$r1" = "$r2" ] || say "runs: $r1 in one process, $r2 under mpirun -np 2"

# shellcheck disable=SC2086
$MPIRUN -np 3 "$MPI_BIN" batch "$T/scen" -o "$T/np3" --reps 3 --jobs 2 -q 2>"$T/err3"
rc=$?
[ "$rc" = 0 ] || { say "mpirun -np 3: exit $rc"; cat "$T/err3"; }
same_tree "$T/one" "$T/np3" || say "mpirun -np 3 --jobs 2 differs from a single process"

# A rerun under MPI skips every scenario.
# shellcheck disable=SC2086
$MPIRUN -np 2 "$MPI_BIN" batch "$T/scen" -o "$T/np2" --reps 3 --jobs 1 >"$T/out4" 2>"$T/err4"
[ $? = 0 ] || { say "mpirun rerun failed"; cat "$T/err4"; }
[ "$(grep -c ': up to date in ' "$T/err4")" = 5 ] || { say "mpirun rerun did not skip all"; cat "$T/err4"; }
same_tree "$T/one" "$T/np2" || say "mpirun rerun changed the outputs"

# A bad scenario among good ones.
printf '{ "name": "broken", "replications": 0 }\n' >"$T/scen/broken.json"
# shellcheck disable=SC2086
$MPIRUN -np 2 "$MPI_BIN" batch "$T/scen" -o "$T/bad" --reps 2 --jobs 1 -q 2>"$T/err5"
rc=$?
[ "$rc" = 2 ] || { say "mpirun with a bad scenario: exit $rc, expected 2"; cat "$T/err5"; }
[ -e "$T/bad/broken" ] && say "mpirun made a folder for the bad scenario"
[ -f "$T/bad/startup-growth/.done" ] || say "mpirun with a bad scenario did not finish the others"
exit $fail
