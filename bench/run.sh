#!/bin/sh
# Benchmarks (run by `make bench` from the source root, after building build/bench_*).
# Kernel: M/M/3 at utilisation 0.9 with unit service rate (theory: mean time in
# system 3.7235) for 5e6 customers (~1e7 events): events per second, ns per
# event; then peak memory at 1e6 and 1e7 customers, which must be flat.
# Set BENCH_DIR to use binaries from another build folder.
set -eu

dir=${BENCH_DIR:-build}
mmc="$dir/bench_mmc"
[ -x "$mmc" ] || { echo "bench/run.sh: $mmc not built (run make bench)" >&2; exit 2; }

# value KEY LINE: the number after KEY= in LINE
value() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

echo "== kernel: M/M/3, utilisation 0.9, 5e6 customers (theory: mean time in system 3.7235)"
line=$("$mmc" 3 0.9 5e6 1)
echo "$line"
eps=$(value events_per_s "$line")
awk -v e="$eps" 'BEGIN { printf "events/s: %.3g   ns/event: %.1f   target >= 1e7 events/s: %s\n", e, 1e9 / e, (e >= 1e7 ? "met" : "NOT MET") }'

echo "== kernel: memory against run length (M/M/3, utilisation 0.9)"
for n in 1e6 1e7; do
    out=$("$mmc" 3 0.9 "$n" 2 --mem)
    mem=$(printf '%s\n' "$out" | sed -n 2p)
    echo "customers=$n $mem"
    eval "rss_$(echo "$n" | tr -d .)=$(value peak_rss_kb "$mem")"
done
# shellcheck disable=SC2154
awk -v a="$rss_1e6" -v b="$rss_1e7" 'BEGIN { printf "peak RSS 1e6 -> 1e7 customers: %d kB -> %d kB (%s)\n", a, b, (b <= a * 1.1 + 256 ? "flat" : "GROWS") }'

# --- model benchmarks below ---

echo "== model: one replication of each model x hosting point, one thread"
for sc in enterprise startup-growth; do
    "$dir/bench_model" scenarios/$sc.json 3
done
echo "== model: cost of the event trace (enterprise, 3 reps per combination)"
"$dir/bench_model_notrace" scenarios/enterprise.json 3
"$dir/bench_model" scenarios/enterprise.json 3
"$dir/bench_model" scenarios/enterprise.json 1 --trace-devnull
