#!/bin/sh
# Runs every tests/e2e/test_*.sh with the devopsim binary given as $1.
# Each script exits non-zero on failure, or 77 (the Automake convention) when it
# cannot run here, with the reason as its last line. Prints "N passed, N
# skipped, N failed"; skipped tests are reported SKIPPED, never PASSED.
set -u
bin=${1:?usage: run.sh PATH/TO/devopsim}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0; skip=0; fail=0
for t in "$here"/test_*.sh; do
    [ -e "$t" ] || continue
    name=$(basename "$t" .sh)
    tmp=$(mktemp -d)
    DEVOPSIM="$bin" ROOT="$root" TMPDIR_E2E="$tmp" sh "$t" >"$tmp/log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        pass=$((pass + 1)); echo "[ PASSED ] $name"
    elif [ "$rc" = 77 ]; then
        skip=$((skip + 1)); echo "[ SKIPPED ] $name: $(tail -n 1 "$tmp/log")"
    else
        fail=$((fail + 1)); echo "[ FAILED ] $name"; sed 's/^/    /' "$tmp/log" | tail -n 40
    fi
    rm -rf "$tmp"
done
echo "$pass passed, $skip skipped, $fail failed"
[ "$fail" = 0 ]
