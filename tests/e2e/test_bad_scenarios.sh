#!/bin/sh
# Every tests/bad/NN-what.json must be rejected by `devopsim validate` with
# exit status 2, nothing on stdout, and every line of NN-what.expect found in
# stderr. Then the input robustness cases: missing file, directory, empty
# file, binary junk, a huge file, deep nesting, several files at once.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
n=0

# check NAME EXPECTED_STATUS EXPECT_FILE_OR_TEXT -- ARGS...
check() {
    name=$1; want=$2; expect=$3; shift 3
    out="$TMPDIR_E2E/out"; err="$TMPDIR_E2E/err"
    "$DEVOPSIM" validate "$@" >"$out" 2>"$err"
    rc=$?
    n=$((n + 1))
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit status $rc, expected $want"; sed 's/^/    /' "$err" | head -n 10; fail=1; return
    fi
    if [ -s "$out" ]; then
        echo "FAIL $name: output on stdout:"; sed 's/^/    /' "$out" | head -n 5; fail=1; return
    fi
    if [ "$(grep -c '' "$err")" -gt 200 ]; then
        echo "FAIL $name: more than 200 lines of diagnostics"; fail=1; return
    fi
    case $(head -n 1 "$err") in
        "devopsim: "*) ;;
        *) echo "FAIL $name: first line of stderr does not start with 'devopsim: '"; head -n 2 "$err"; fail=1; return ;;
    esac
    if [ -f "$expect" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            [ -z "$line" ] && continue
            if ! grep -qF -- "$line" "$err"; then
                echo "FAIL $name: stderr lacks: $line"; sed 's/^/    /' "$err" | head -n 10; fail=1
            fi
        done <"$expect"
    elif ! grep -qF -- "$expect" "$err"; then
        echo "FAIL $name: stderr lacks: $expect"; sed 's/^/    /' "$err" | head -n 10; fail=1
    fi
}

count=0
for f in "$ROOT"/tests/bad/*.json; do
    [ -e "$f" ] || continue
    base=${f%.json}
    if [ ! -f "$base.expect" ]; then
        echo "FAIL $(basename "$f"): no $(basename "$base").expect"; fail=1; continue
    fi
    count=$((count + 1))
    check "$(basename "$f")" 2 "$base.expect" "$f"
    # the file name is part of every message
    grep -qF "devopsim: $f" "$TMPDIR_E2E/err" || { echo "FAIL $(basename "$f"): messages do not name the file"; fail=1; }
done
if [ "$count" -lt 30 ]; then
    echo "FAIL only $count bad scenario files (want at least 30)"; fail=1
fi

t=$TMPDIR_E2E
check missing-file 2 "cannot open: No such file or directory" "$t/does-not-exist.json"
mkdir -p "$t/a-directory"
check directory 2 "is a directory" "$t/a-directory"
: >"$t/empty.json"
check empty-file 2 "the file is empty" "$t/empty.json"
printf '   \n\t\n' >"$t/blank.json"
check blank-file 2 "the file is empty" "$t/blank.json"
head -c 4096 /dev/urandom >"$t/junk.bin"
printf '\000' >>"$t/junk.bin"
check binary-junk 2 "devopsim: $t/junk.bin:" "$t/junk.bin"
printf '\177ELF\002\001\001\000\000\000' >"$t/elf.bin"
check binary-nul 2 "NUL byte in the input" "$t/elf.bin"
# 17 MiB: above the 16 MiB cap
dd if=/dev/zero bs=1048576 count=17 2>/dev/null | tr '\000' ' ' >"$t/huge.json"
check huge-file 2 "is too large" "$t/huge.json"
# deep nesting far beyond cJSON's own limit (1000): a message, no crash
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; }' >"$t/deep.json"
check deep-nesting 2 "nested too deeply" "$t/deep.json"
awk 'BEGIN { printf "{\"a\":"; for (i = 0; i < 5000; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < 5001; i++) printf "}"; }' >"$t/deep-objects.json"
check deep-objects 2 "nested too deeply" "$t/deep-objects.json"
# millions of values: refused before they are allocated
awk 'BEGIN { printf "{\"description\": ["; for (i = 0; i < 1100000; i++) printf "0,"; printf "0] }"; }' >"$t/many-values.json"
check many-values 2 "more than 1000000 values in one file" "$t/many-values.json"
# one very long line: the excerpt is clipped around the error
awk 'BEGIN { printf "{\"description\": \""; for (i = 0; i < 200000; i++) printf "x"; printf "\", oops }"; }' >"$t/long-line.json"
check long-line 2 "object keys need double quotes" "$t/long-line.json"
[ "$(wc -c <"$TMPDIR_E2E/err")" -lt 2000 ] || { echo "FAIL long-line: excerpt not clipped"; fail=1; }
# several files: all checked, status 2 if any is bad, ok lines on stdout
"$DEVOPSIM" validate "$ROOT/scenarios/startup-growth.json" "$ROOT/tests/bad/01-trailing-comma.json" \
    "$ROOT/scenarios/enterprise.json" >"$t/out" 2>"$t/err"
rc=$?
[ "$rc" = 2 ] || { echo "FAIL several files: status $rc"; fail=1; }
[ "$(grep -c ': ok$' "$t/out")" = 2 ] || { echo "FAIL several files: expected 2 ok lines"; cat "$t/out"; fail=1; }
grep -q "01-trailing-comma.json:3:20:" "$t/err" || { echo "FAIL several files: no error for the bad one"; fail=1; }
# the README's own example: scenarios/*.json meets schema.json, which is
# skipped with a note; every real scenario is valid, so the status is 0
"$DEVOPSIM" validate "$ROOT"/scenarios/*.json >"$t/out" 2>"$t/err"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL validate scenarios/*.json: status $rc"; sed 's/^/    /' "$t/err" | head -n 10; fail=1; }
grep -qF "schema.json: a JSON Schema, not a scenario: skipped" "$t/err" || { echo "FAIL schema.json: no note"; cat "$t/err"; fail=1; }
[ "$(grep -c ': ok$' "$t/out")" = "$(ls "$ROOT"/scenarios/*.json | grep -vc '/schema\.json$')" ] ||
    { echo "FAIL validate scenarios/*.json: not every scenario ok"; cat "$t/out"; fail=1; }
grep -q "schema.json: ok" "$t/out" && { echo "FAIL schema.json reported as a valid scenario"; fail=1; }
# a schema next to a bad file: still status 2 for the bad one
"$DEVOPSIM" validate "$ROOT/scenarios/schema.json" "$ROOT/tests/bad/01-trailing-comma.json" >/dev/null 2>"$t/err"
[ $? = 2 ] || { echo "FAIL schema + bad file: status not 2"; fail=1; }
# usage errors
"$DEVOPSIM" validate >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL validate without files: status not 2"; fail=1; }
"$DEVOPSIM" validate --frobnicate x.json >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL unknown option: status not 2"; fail=1; }
"$DEVOPSIM" validate --help | grep -q "usage: devopsim validate" || { echo "FAIL validate --help"; fail=1; }
# standard input
printf '{"seed": -1}' | "$DEVOPSIM" validate - >/dev/null 2>"$t/err"
[ $? = 2 ] && grep -qF "devopsim: <stdin>: \$.seed: must be an integer" "$t/err" || { echo "FAIL stdin"; cat "$t/err"; fail=1; }

echo "$n checks, $count bad files"
exit $fail
