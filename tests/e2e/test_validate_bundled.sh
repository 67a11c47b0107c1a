#!/bin/sh
# Every bundled scenario validates (exit 0, "FILE: ok"), has a description,
# and the command line's basics behave: --help, --version, unknown commands.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
found=0
all=""
for f in "$ROOT"/scenarios/*.json; do
    case $f in */schema.json) continue ;; esac
    found=$((found + 1))
    all="$all $f"
    out=$("$DEVOPSIM" validate "$f" 2>"$TMPDIR_E2E/err")
    rc=$?
    if [ "$rc" != 0 ] || [ "$out" != "$f: ok" ]; then
        echo "FAIL $f: status $rc, stdout '$out'"; cat "$TMPDIR_E2E/err"; fail=1
    fi
    [ -s "$TMPDIR_E2E/err" ] && { echo "FAIL $f: stderr not empty"; cat "$TMPDIR_E2E/err"; fail=1; }
    grep -q '"description"' "$f" || { echo "FAIL $f: no description"; fail=1; }
done
for want in postgres-upgrade timeseries-feature startup-growth enterprise mmc-queue; do
    [ -f "$ROOT/scenarios/$want.json" ] || { echo "FAIL scenarios/$want.json missing"; fail=1; }
done
# all at once, quietly
# shellcheck disable=SC2086
out=$("$DEVOPSIM" validate --quiet $all 2>&1)
[ $? = 0 ] && [ -z "$out" ] || { echo "FAIL validate --quiet: '$out'"; fail=1; }
# the command line
"$DEVOPSIM" --help | grep -q "devopsim validate" || { echo "FAIL --help lacks validate"; fail=1; }
"$DEVOPSIM" --version | grep -q "^devopsim [0-9]" || { echo "FAIL --version"; fail=1; }
"$DEVOPSIM" --version | grep -q "cJSON" || { echo "FAIL --version lacks library versions"; fail=1; }
"$DEVOPSIM" valdate x.json 2>"$TMPDIR_E2E/err"
[ $? = 2 ] && grep -q "did you mean 'validate'" "$TMPDIR_E2E/err" || { echo "FAIL unknown command"; cat "$TMPDIR_E2E/err"; fail=1; }
"$DEVOPSIM" >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL no command: status not 2"; fail=1; }
echo "$found bundled scenarios"
exit $fail
