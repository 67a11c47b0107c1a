#!/bin/sh
# devopsim sweep under MPI: `mpirun -np 2` writes the same bytes as one
# process (points are scenarios of the batch layer's job list), and a rerun
# under mpirun finds every point up to date.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"
mpi_setup
SC="$ROOT/scenarios/timeseries-feature.json"
cat >"$T/lhs.json" <<'P'
{ "design": "lhs", "points": 5, "params": [
  { "path": "$.product_teams.features_per_week", "low": 0.5, "high": 1.5 },
  { "path": "$.people.attrition_per_year", "low": 0.05, "high": 0.25 } ] }
P
"$DEVOPSIM" sweep "$SC" --params "$T/lhs.json" -o "$T/one" --reps 2 -j 2 -q 2>"$T/err" \
    || { say "single-process sweep failed"; cat "$T/err"; }
# shellcheck disable=SC2086
$MPIRUN -np 2 "$MPI_BIN" sweep "$SC" --params "$T/lhs.json" -o "$T/mpi" --reps 2 -j 1 -q 2>"$T/err" \
    || { say "mpirun -np 2 sweep failed"; cat "$T/err"; }
same_tree "$T/one" "$T/mpi" || say "mpirun -np 2 wrote other bytes than one process"
# shellcheck disable=SC2086
out=$($MPIRUN -np 2 "$MPI_BIN" sweep "$SC" --params "$T/lhs.json" -o "$T/mpi" --reps 2 -j 1 2>"$T/err")
echo "$out" | grep -q '(0 run now, 5 up to date)' || { say "rerun under mpirun did not skip every point"; echo "$out"; cat "$T/err"; }
same_tree "$T/one" "$T/mpi" || say "rerun under mpirun changed bytes"
[ $fail = 0 ] && echo "PASS sweep under MPI"
exit $fail
