#!/bin/sh
# The memory estimate (issue 13, issue 19 item 1): --dry-run on run, staff and
# batch prints it and runs nothing; a scenario whose estimate exceeds
# --max-memory, or the address space `ulimit -v` leaves, is refused with
# exit 2 and a message naming the file before anything is simulated; issue
# 19's 5,000 teams of one engineer runs within a 3 GiB address space.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
T=$TMPDIR_E2E
. "$ROOT/tests/e2e/lib.sh"

# enterprise.json: 20 product teams of 10 and a central team of 77
"$DEVOPSIM" run "$ROOT/scenarios/enterprise.json" --dry-run >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] || say "run --dry-run: status $rc, want 0"
grep -q "enterprise.json: memory estimate .* 277 engineers" "$T/out" || { say "run --dry-run: no estimate"; cat "$T/out" "$T/err"; }

"$DEVOPSIM" staff "$ROOT/scenarios/enterprise.json" --dry-run -o "$T/st" >"$T/out" 2>&1
[ $? = 0 ] || say "staff --dry-run: non-zero"
grep -q "memory estimate" "$T/out" || say "staff --dry-run: no estimate"
[ -e "$T/st" ] && say "staff --dry-run created its output directory"

"$DEVOPSIM" batch "$ROOT/scenarios/enterprise.json" -o "$T/b" --dry-run >"$T/out" 2>&1
[ $? = 0 ] || say "batch --dry-run: non-zero"
grep -q "enterprise.json: memory estimate" "$T/out" || { say "batch --dry-run: no estimate"; cat "$T/out"; }

# over --max-memory: exit 2, the file and the figures named, nothing written
"$DEVOPSIM" run "$ROOT/scenarios/enterprise.json" -o "$T/r" --max-memory 10M >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 2 ] || say "--max-memory 10M: status $rc, want 2"
grep -q "enterprise.json: needs about .* more than 10.0 MiB (--max-memory)" "$T/err" || { say "--max-memory: message"; cat "$T/err"; }
[ -e "$T/r" ] && say "--max-memory: output written"
"$DEVOPSIM" run "$ROOT/scenarios/enterprise.json" -o "$T/r" --max-memory lots >/dev/null 2>&1
[ $? = 2 ] || say "--max-memory lots: status not 2"
"$DEVOPSIM" batch "$ROOT/scenarios/enterprise.json" -o "$T/b2" --max-memory 10M >"$T/out" 2>"$T/err"
[ $? = 2 ] || say "batch --max-memory 10M: status not 2"
grep -q "needs about" "$T/err" || say "batch --max-memory: message"

# engineers who join during the run count: the timeline's hires (product and
# central) and the hiring rule's positions; a move adds none
cat >"$T/grow.json" <<'J'
{"product_teams":{"count":2,"size":5},"central_team":{"size":3},"models":["traditional_ops"],"hosting":["iaas"],
 "hiring_rule":{"central_when_share_above":0.2,"window_weeks":4,"max_hires":7},
 "timeline":[{"week":10,"do":"hire","team":"team-1","count":4000},
             {"week":12,"do":"hire","team":"central","count":1000},
             {"week":14,"do":"move","from":"central","to":"team-2","count":2}]}
J
"$DEVOPSIM" run "$T/grow.json" --dry-run >"$T/out" 2>"$T/err"
[ $? = 0 ] || { say "timeline --dry-run: non-zero"; cat "$T/err"; }
grep -q "memory estimate .* 5020 engineers" "$T/out" || { say "timeline hires not in the estimate (want 10 + 3 + 7 + 4000 + 1000 = 5020 engineers)"; cat "$T/out"; }
"$DEVOPSIM" run "$T/grow.json" -o "$T/g" --max-memory 8M >"$T/out" 2>"$T/err"
[ $? = 2 ] || say "4,000 hires under --max-memory 8M: status not 2"
[ -e "$T/g" ] && say "4,000 hires under --max-memory 8M: output written"

# the machine's limit: an address space too small for the estimate
cat >"$T/big.json" <<'J'
{"product_teams":{"count":2000,"size":9},"replications":20,"models":["true_devops"],"hosting":["paas"]}
J
# (AddressSanitizer reserves terabytes of shadow address space: not under it)
if [ -z "${DEVOPSIM_SANITIZED:-}" ]; then
    (ulimit -v 1048576; "$DEVOPSIM" run "$T/big.json" -o "$T/big" --jobs 2 >"$T/out" 2>"$T/err"); rc=$?
    [ "$rc" = 2 ] || { say "ulimit -v 1 GiB: status $rc, want 2"; cat "$T/err"; }
    grep -q "the machine's memory" "$T/err" || say "ulimit: message does not name the machine's memory"
else
    echo "SKIPPED ulimit -v (sanitized build)"
fi

# issue 19's reproduction: 5,000 teams of one engineer took 10.7 GB for one
# replication (knowledge dense over every component); now well under 1 GiB
# resident, and it must fit in a 3 GiB address space
if [ -z "${DEVOPSIM_SANITIZED:-}" ]; then
    cat >"$T/wide.json" <<'J'
{"product_teams":{"count":5000,"size":1},"replications":1,"models":["true_devops"],"hosting":["paas"]}
J
    (ulimit -v 3145728; timeout 600 "$DEVOPSIM" run "$T/wide.json" -o "$T/wide" --no-charts -q --jobs 1 >"$T/out" 2>"$T/err"); rc=$?
    [ "$rc" = 0 ] || { say "5,000 teams of one in 3 GiB: status $rc"; tail -n 5 "$T/err"; }
else
    echo "SKIPPED 5,000 teams of one (sanitized build)"
fi
exit $fail
