#!/bin/sh
# Charts (issue 6): `run` writes DIR/charts/ — five charts as PNG (1600x900),
# SVG (well-formed) and PDF with a CSV beside each, and deck.pdf with 1 title
# + 5 charts + key-number pages + assumptions [+ warnings] pages; the bytes
# do not depend on --jobs; `plot` redraws exactly the same files from
# results.json (twice, with --only in any order); --format and --no-charts;
# a scenario with staffing targets gets the staffing chart from staffing.json;
# bad results files and options exit 2 with the file and JSON path, and
# write nothing.
set -u
: "${DEVOPSIM:?}" "${ROOT:?}" "${TMPDIR_E2E:?}"
fail=0
T=$TMPDIR_E2E
charts="lead_time bus_factor staffing time_split lead_time_cdf"
export SOURCE_DATE_EPOCH=1714564800   # deck.pdf carries the run date: fix it

# identical files in two chart directories (all of the first's)
same_dir() {
    for f in "$1"/*; do
        cmp -s "$f" "$2/$(basename "$f")" || { echo "FAIL $3: $(basename "$f") differs"; fail=1; }
    done
}

"$DEVOPSIM" plot --help >"$T/help" 2>&1 || { echo "FAIL plot --help: non-zero"; fail=1; }
grep -q "usage: devopsim plot RESULTS.json -o DIR" "$T/help" || { echo "FAIL plot --help: no usage"; fail=1; }

S="$ROOT/scenarios/startup-growth.json"
"$DEVOPSIM" run "$S" -o "$T/r1" --reps 2 --jobs 1 -q 2>"$T/err" || { echo "FAIL run --jobs 1"; cat "$T/err"; fail=1; }
"$DEVOPSIM" run "$S" -o "$T/r2" --reps 2 --jobs 2 -q 2>"$T/err" || { echo "FAIL run --jobs 2"; cat "$T/err"; fail=1; }
C="$T/r1/charts"

# every chart in every format, with its CSV
for c in $charts; do
    for e in png svg pdf csv; do
        [ -s "$C/$c.$e" ] || { echo "FAIL missing $c.$e"; fail=1; }
    done
    # PNG: signature and 1600 x 900 in IHDR
    sig=$(od -An -tx1 -N8 "$C/$c.png" | tr -d ' \n')
    [ "$sig" = 89504e470d0a1a0a ] || { echo "FAIL $c.png: signature $sig"; fail=1; }
    dim=$(od -An -tx1 -j16 -N8 "$C/$c.png" | tr -d ' \n')
    [ "$dim" = 0000064000000384 ] || { echo "FAIL $c.png: IHDR size $dim, want 1600x900"; fail=1; }
    # SVG well-formed
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$C/$c.svg" 2>"$T/xml" || { echo "FAIL $c.svg not well-formed"; head -3 "$T/xml"; fail=1; }
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$C/$c.svg" \
            || { echo "FAIL $c.svg not well-formed"; fail=1; }
    fi
    head -c 5 "$C/$c.pdf" | grep -q '%PDF-' || { echo "FAIL $c.pdf: not a PDF"; fail=1; }
    grep -aq "/Count 1$" "$C/$c.pdf" || grep -aq "/Count 1 *$" "$C/$c.pdf" || { echo "FAIL $c.pdf: not one page"; fail=1; }
done
head -n 1 "$C/lead_time.csv" | grep -qx "hosting,model,lead_time_p85_days,ci95_low,ci95_high,n,lead_time_mean_days,warnings,unstable" \
    || { echo "FAIL lead_time.csv header: $(head -n 1 "$C/lead_time.csv")"; fail=1; }
[ "$(wc -l <"$C/lead_time.csv")" = 19 ] || { echo "FAIL lead_time.csv: want 18 rows (3 models x 6 hosting points)"; fail=1; }
head -n 1 "$C/bus_factor.csv" | grep -qx "hosting,model,bus_factor_infra_mean,ci95_low,ci95_high,n" || { echo "FAIL bus_factor.csv header"; fail=1; }
head -n 1 "$C/staffing.csv" | grep -qx "hosting,model,nonproduct_fte,ci95_low,ci95_high,n" || { echo "FAIL staffing.csv header (no targets: non-product FTE)"; fail=1; }
head -n 1 "$C/time_split.csv" | grep -qx "hosting,model,team,category,share" || { echo "FAIL time_split.csv header"; fail=1; }
[ "$(wc -l <"$C/lead_time_cdf.csv")" = 304 ] || { echo "FAIL lead_time_cdf.csv: want 3 x 101 rows"; fail=1; }
grep -q '^iaas,' "$C/lead_time_cdf.csv" || { echo "FAIL lead_time_cdf: not at the middle of the continuum (iaas)"; fail=1; }

# the deck: title + executive summary (no targets: no cost page) [+ the scenario's question:
# startup-growth's first central hire, 18 rows, 12 a page] + 5 charts [+ the sensitivity page
# when robustness.csv holds reruns] + 2 key-number pages (18 rows, 12 a page) + 2 assumption
# pages (3 groups of changes, then the 10 lines of key defaults) [+ warnings]
want=11
grep -q '"first_central_hire_day"\|"makespan_days_' "$T/r1/results.json" && want=$((want + 2))
grep -q '"warnings":[[:space:]]*\["' "$T/r1/results.json" && want=$((want + 1))
[ "$(wc -l <"$T/r1/robustness.csv")" -gt 1 ] && want=$((want + 1))
pages=$(grep -a '/Count ' "$C/deck.pdf" | sed 's/.*\/Count \([0-9]*\).*/\1/' | sort -n | tail -n 1)
[ "$pages" = "$want" ] || { echo "FAIL deck.pdf: $pages pages, want $want"; fail=1; }
grep -aq "(20240501000000Z)" "$C/deck.pdf" || { echo "FAIL deck.pdf: not dated by the day of SOURCE_DATE_EPOCH"; fail=1; }
grep -aq "(19700101000000Z)" "$C/lead_time.pdf" || grep -aq "(20240501120000Z)" "$C/lead_time.pdf" \
    || { echo "FAIL lead_time.pdf: date not fixed"; fail=1; }

# same bytes whatever the threads
same_dir "$C" "$T/r2/charts" "run --jobs 1 vs 2"

# plot redraws exactly run's charts (also from the directory, and twice)
"$DEVOPSIM" plot "$T/r1/results.json" -o "$T/p1" -q || { echo "FAIL plot"; fail=1; }
"$DEVOPSIM" plot "$T/r1" -o "$T/p2" --jobs 1 -q || { echo "FAIL plot DIR"; fail=1; }
same_dir "$C" "$T/p1/charts" "plot vs run"
same_dir "$C" "$T/p2/charts" "plot twice"
# --only in either order: the same files, only those
"$DEVOPSIM" plot "$T/r1" -o "$T/o1" --only time_split,lead_time -q || { echo "FAIL plot --only"; fail=1; }
"$DEVOPSIM" plot "$T/r1" -o "$T/o2" --only lead_time,time_split -q || { echo "FAIL plot --only"; fail=1; }
same_dir "$T/o1/charts" "$T/o2/charts" "--only order"
for f in lead_time.png lead_time.svg lead_time.pdf time_split.png time_split.csv; do
    cmp -s "$C/$f" "$T/o1/charts/$f" || { echo "FAIL --only: $f differs from run's"; fail=1; }
done
[ -e "$T/o1/charts/bus_factor.png" ] && { echo "FAIL --only drew bus_factor"; fail=1; }
# --format png: no SVG, PDF or deck
"$DEVOPSIM" plot "$T/r1" -o "$T/f1" --format png -q || { echo "FAIL plot --format png"; fail=1; }
[ -e "$T/f1/charts/lead_time.png" ] && [ -e "$T/f1/charts/lead_time.csv" ] || { echo "FAIL --format png: no png/csv"; fail=1; }
[ -e "$T/f1/charts/lead_time.svg" ] || [ -e "$T/f1/charts/deck.pdf" ] && { echo "FAIL --format png wrote svg/pdf"; fail=1; }
# another hosting point for the distribution
"$DEVOPSIM" plot "$T/r1" -o "$T/h1" --only lead_time_cdf --cdf-hosting paas -q || { echo "FAIL --cdf-hosting"; fail=1; }
grep -q '^paas,' "$T/h1/charts/lead_time_cdf.csv" || { echo "FAIL --cdf-hosting paas not used"; fail=1; }

# run: --no-charts, and a bad --format before any work
"$DEVOPSIM" run "$S" -o "$T/n1" --reps 2 --no-charts -q || { echo "FAIL run --no-charts"; fail=1; }
[ -e "$T/n1/charts" ] && { echo "FAIL --no-charts wrote charts"; fail=1; }
"$DEVOPSIM" run "$S" -o "$T/n2" --format png,gif -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] || { echo "FAIL run --format gif: status $rc"; fail=1; }
grep -q "unknown format 'gif'" "$T/err" || { echo "FAIL run --format gif: message"; cat "$T/err"; fail=1; }
[ -e "$T/n2" ] && { echo "FAIL run --format gif wrote output"; fail=1; }

# bad results files and options: exit 2, file and JSON path named, nothing written
printf '{ "program": "devopsim", "version": ' >"$T/broken.json"
printf '[1, 2]\n' >"$T/array.json"
sed 's/"lead_time_p85_days":/"lead_time_p85_dayz":/' "$T/r1/results.json" >"$T/missing.json"
sed 's/"replications":[[:space:]]*2,/"replications": "two",/' "$T/r1/results.json" >"$T/type.json"
check_bad() { # file, expected message part, extra options...
    f=$1; msg=$2; shift 2
    "$DEVOPSIM" plot "$f" -o "$T/bad" "$@" >/dev/null 2>"$T/err"; rc=$?
    [ "$rc" = 2 ] || { echo "FAIL bad $(basename "$f") $*: status $rc, want 2"; fail=1; }
    grep -qF -- "$msg" "$T/err" || { echo "FAIL bad $(basename "$f") $*: message, want '$msg'"; cat "$T/err"; fail=1; }
    [ -e "$T/bad" ] && { echo "FAIL bad $(basename "$f") $*: wrote output"; fail=1; rm -rf "$T/bad"; }
}
check_bad "$T/none.json" "none.json: cannot read"
check_bad "$T/broken.json" "broken.json:1:"
check_bad "$T/array.json" 'array.json: $: expected a results object'
check_bad "$T/missing.json" 'missing.json: $.results[0].summary: missing key "lead_time_p85_days"'
check_bad "$T/type.json" 'type.json: $.replications: expected an integer >= 1, got "two"'
check_bad "$T/r1/results.json" "unknown chart 'leadtime'" --only lead_time,leadtime
check_bad "$T/r1/results.json" "unknown format 'jpg'" --format jpg
check_bad "$T/r1/results.json" "no hosting point 'iass'" --cdf-hosting iass
"$DEVOPSIM" plot "$T/r1/results.json" >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL plot without -o: status not 2"; fail=1; }

# with staffing targets: the staffing chart draws staffing.json's headcounts
cat >"$T/staffed.json" <<'EOF'
{
  "name": "staffed",
  "description": "startup-growth with staffing targets, short runs (charts e2e test)",
  "replications": 2,
  "run": { "warmup_days": 40, "measure_days": 100, "drain_max_days": 120 },
  "product_teams": { "count": 2, "size": 4, "features_per_week": 1.5, "name_prefix": "squad-" },
  "central_team": { "size": 1 },
  "targets": { "ticket_wait_p85_days": 2, "max_utilization": 0.8, "lead_time_p85_days": 30 }
}
EOF
"$DEVOPSIM" run "$T/staffed.json" -o "$T/s1" -q 2>"$T/err" || { echo "FAIL run with targets"; cat "$T/err"; fail=1; }
head -n 1 "$T/s1/charts/staffing.csv" | grep -qx "hosting,model,central_headcount,total_headcount" \
    || { echo "FAIL staffing chart without staffing data: $(head -n 1 "$T/s1/charts/staffing.csv")"; fail=1; }
[ "$(wc -l <"$T/s1/charts/staffing.csv")" = 19 ] || { echo "FAIL staffing.csv rows"; fail=1; }
# true_devops has enablement and there is a lead-time target: the platform team's size is searched
head -n 1 "$T/s1/staffing_platform.csv" | grep -qx "scenario,model,hosting,enablement_engineers,platform_team,product_extra_per_team,product_headcount,total_headcount,lead_time_p85_days,cost_per_year,chosen,currency" \
    || { echo "FAIL staffing_platform.csv header"; fail=1; }
head -n 1 "$T/s1/charts/platform.csv" | grep -qx "model,hosting,enablement_engineers,total_headcount,cost_per_year_millions,chosen,currency" \
    || { echo "FAIL platform chart csv header"; fail=1; }
[ "$(awk -F, '$2 == "true_devops" && $11 == 1' "$T/s1/staffing_platform.csv" | wc -l)" = 6 ] \
    || { echo "FAIL staffing_platform.csv: want one chosen size per true_devops hosting point"; fail=1; }
[ -s "$T/s1/charts/platform.png" ] && [ -s "$T/s1/charts/platform.svg" ] && [ -s "$T/s1/charts/platform.pdf" ] \
    || { echo "FAIL platform chart files"; fail=1; }
"$DEVOPSIM" plot "$T/s1" -o "$T/s2" -q || { echo "FAIL plot with staffing"; fail=1; }
same_dir "$T/s1/charts" "$T/s2/charts" "plot vs run with staffing"

exit $fail
