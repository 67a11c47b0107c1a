#!/bin/sh
# The deck a board reads (issue 18), end to end: a run with staffing targets
# and --format pdf,pptx,xlsx writes deck.pdf, deck.pptx and results.xlsx; a
# second run and `plot` from the stored results give the same bytes
# (SOURCE_DATE_EPOCH set); deck.pdf has its executive summary, headcount and
# cost page in the scenario's currency and assumptions; deck.pptx has one slide per deck.pdf page and
# LibreOffice Impress renders every slide, none blank; results.xlsx
# round-trips through Calc with units and currency in its headers. The
# LibreOffice part says SKIPPED (exit 77) without LibreOffice or poppler.
set -u
. "$ROOT/tests/e2e/lib.sh"
T=$TMPDIR_E2E
fail=0

cat >"$T/small.json" <<'JSON'
{
  "name": "small-deck",
  "description": "startup-growth with staffing targets, short runs (e2e test of the deck)",
  "replications": 3,
  "run": { "warmup_days": 40, "measure_days": 100, "drain_max_days": 120 },
  "product_teams": { "count": 2, "size": 4, "features_per_week": 1.5, "name_prefix": "squad-" },
  "central_team": { "size": 2 },
  "people": { "attrition_per_year": 0.15 },
  "targets": { "lead_time_p85_days": 25, "ticket_wait_p85_days": 2, "max_utilization": 0.8 },
  "costs": { "product_engineer_per_year": 120000, "central_engineer_per_year": 130000, "currency": "USD" }
}
JSON
export SOURCE_DATE_EPOCH=1714564800
"$DEVOPSIM" run "$T/small.json" -o "$T/a" --format pdf,pptx,xlsx >"$T/a.out" 2>&1 || { cat "$T/a.out"; say "run failed"; }
"$DEVOPSIM" run "$T/small.json" -o "$T/b" --format pdf,pptx,xlsx --jobs 1 >/dev/null 2>&1 || say "second run failed"
"$DEVOPSIM" plot "$T/a" -o "$T/p" --format pdf,pptx,xlsx >/dev/null 2>&1 || say "plot failed"
C="$T/a/charts"
for f in deck.pdf deck.pptx results.xlsx; do
    [ -s "$C/$f" ] || say "no $f"
    cmp -s "$C/$f" "$T/b/charts/$f" || say "$f differs between two runs"
    cmp -s "$C/$f" "$T/p/charts/$f" || say "$f from plot differs from the run's"
done
"$DEVOPSIM" plot "$T/a" -o "$T/only" --format pptx >/dev/null 2>&1 || say "plot --format pptx failed"
[ -s "$T/only/charts/deck.pptx" ] || say "--format pptx wrote no deck.pptx"
[ -e "$T/only/charts/deck.pdf" ] && say "--format pptx wrote deck.pdf"
cmp -s "$C/deck.pptx" "$T/only/charts/deck.pptx" || say "deck.pptx depends on the other formats"
"$DEVOPSIM" plot "$T/a" -o "$T/bad" --format pptx,gif >/dev/null 2>&1; [ $? = 2 ] || say "--format gif: status not 2"
head -n 1 "$T/a/staffing.csv" | grep -q ',cost_per_year,cost_per_feature,currency$' || say "staffing.csv has no currency column"
sed -n 2p "$T/a/staffing.csv" | grep -q ',USD$' || say "staffing.csv rows are not in USD"
grep -q 'cost/year' "$T/a.out" && ! grep -q '\$[0-9]' "$T/a.out" && say "the report's costs carry no currency"
no_temps "$T" || say "temporary files left"
[ "$fail" = 0 ] || exit 1

if ! command -v libreoffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 ||
   ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    echo "SKIPPED: LibreOffice or poppler-utils missing (as root: sh tools/setup.sh office)"
    exit 77
fi

# ---- deck.pdf: the pages a board reads
want_pages=$(pdfinfo "$C/deck.pdf" | awk '/^Pages:/ { print $2 }')
pdftotext "$C/deck.pdf" "$T/deck.txt" || say "pdftotext failed"
for want in 'Executive summary' 'Headcount and cost: today vs each option' 'Cost a' '(USD)' '$' \
            'Assumptions' 'people.attrition_per_year = 0.15' 'Attrition 15% a year' 'costs.currency = USD (preset EUR)' \
            "at the scenario's team sizes" 'team sizes found by the staffing search'; do
    grep -qF "$want" "$T/deck.txt" || say "deck.pdf lacks: $want"
done
grep -qF 'Attrition 13% a year' "$T/deck.txt" && say "deck.pdf shows the preset attrition, not the scenario's"

# ---- robustness labels (#15 item 6): robustness.csv beside the results, a
# label after every headline sentence of the executive summary; none of it
# with --no-robustness, and the old robustness.csv then removed
head -n 1 "$T/a/robustness.csv" 2>/dev/null | grep -q '^metric,hosting,model_a,model_b,difference,.*,label,same_reps_difference$' ||
    say "no robustness.csv with its header"
# the sensitivity page sets each rerun range beside the same replications without a change
n_same=$(pdftotext "$C/deck.pdf" - | tr '\n' ' ' | grep -o 'On the same [0-9]* replications* ([-+][0-9.,]* without a change)' | wc -l)
[ "$n_same" -gt 0 ] || say "the sensitivity page does not set the reruns beside the same replications"
heads=$(grep -c '^  - At ' "$T/a.out")
labelled=$(grep -c '^  - At .* \[\(robust\|fragile: flips when [a-z_]* ×[0-9.]*.*\)\]$' "$T/a.out")
[ "$heads" -gt 0 ] && [ "$heads" = "$labelled" ] || say "report: $labelled of $heads headline sentences labelled"
pdftotext -f 2 -l 2 "$C/deck.pdf" - | tr '\n' ' ' >"$T/summary.txt"
grep -qF 'robust: sign holds with 12 modelling choices' "$T/summary.txt" || say "the summary does not say what robust means"
n_lab=$(grep -o '\(Robust\.\|Fragile: flips when\)' "$T/summary.txt" | wc -l)
[ "$n_lab" = "$heads" ] || say "deck summary: $n_lab labels for $heads headline sentences"
# the terminal report (from the experiment) and the deck (from results.json)
# apply the same rules: as many comparisons skipped against as many unstable
# designs, and as many headlines labelled "not a steady state" and "the change
# policy changes too" (session 11)
t_skip=$(sed -n 's/.*(\([0-9]*\) significant comparisons* against \([0-9]*\) unstable designs* skipped.*/\1 \2/p' "$T/a.out")
d_skip=$(sed -n 's/.*Left out: \([0-9]*\) comparisons* against \([0-9]*\) unstable designs*.*/\1 \2/p' "$T/summary.txt")
[ "$t_skip" = "$d_skip" ] || say "skipped/unstable: report '$t_skip', deck '$d_skip'"
t_drift=$(grep -c '^  - At .*\[not a steady state' "$T/a.out")
d_drift=$(grep -o 'Not a steady state: the measured window' "$T/summary.txt" | wc -l)
[ "$t_drift" = "$d_drift" ] || say "drift labels: report $t_drift, deck $d_drift"
t_pol=$(grep -c '^  - At .*\[the change policy changes too' "$T/a.out")
d_pol=$(grep -o 'The change policy changes too' "$T/summary.txt" | wc -l)
[ "$t_pol" = "$d_pol" ] || say "change-policy notes: report $t_pol, deck $d_pol"
t_rev=$(grep -c '^  - At .*\[the opposite holds, significantly, at ' "$T/a.out")
d_rev=$(grep -o 'The opposite holds, significantly, at ' "$T/summary.txt" | wc -l)
[ "$t_rev" = "$d_rev" ] || say "reversal notes: report $t_rev, deck $d_rev"
t_sup=$(grep -c '^  - At .*\[it holds, significantly, only at ' "$T/a.out")
d_sup=$(grep -o 'It holds, significantly, only at ' "$T/summary.txt" | wc -l)
[ "$t_sup" = "$d_sup" ] || say "'holds only at' notes: report $t_sup, deck $d_sup"
echo "report and deck agree: skipped/unstable '$t_skip', drift labels $t_drift, policy notes $t_pol, reversals $t_rev, only-at notes $t_sup"
# a DORA band whose figure's 95% CI reaches into another band (results.json's
# dora_ci95 ends differ) is marked "~" in the report's tables and in the deck's
# key numbers, row by row (an unstable row shows no band, so no mark)
pages=$(pdfinfo "$C/deck.pdf" | awk '/^Pages:/ { print $2 }')
: >"$T/key.txt"
for i in $(seq 1 "$pages"); do
    pdftotext -layout -f "$i" -l "$i" "$C/deck.pdf" - >"$T/page.txt"
    head -n 1 "$T/page.txt" | grep -q '^ *Key numbers' && cat "$T/page.txt" >>"$T/key.txt"
done
python3 - "$T/a/results.json" "$T/a.out" "$T/key.txt" <<'EOF' || say "DORA band marks (~) disagree with results.json's dora_ci95"
import json, re, sys
res = json.load(open(sys.argv[1]))["results"]
models = list(dict.fromkeys(r["model"] for r in res))
hostings = list(dict.fromkeys(r["hosting"] for r in res))
unsure = {(r["model"], r["hosting"]): sum(a != b for a, b in r["dora_ci95"].values()) for r in res}
# the report: a table per hosting point, a row per model, "band~" in its DORA column
report = {}
h = None
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"== (\S+)  \(mean", line)
    if m:
        h = m.group(1)
        continue
    f = line.split()
    if h and line.startswith("  ") and f and f[0] in models and line.count(" / ") == 3:
        report[(f[0], h)] = line.count("~")
# the deck: a row per model and hosting point, in the results' order; an
# unstable row (†) shows no band and so no mark
rows = [l for l in open(sys.argv[3], encoding="utf-8")
        if re.match(r"^\s*(Traditional ops|DevOps team|True DevOps)\s", l)]
# its band cells in column order: deploys, change lead time, CFR, restore
cols = ["deployment_frequency", "lead_time_for_changes", "change_failure_rate", "time_to_restore"]
deck = [[m == "~" for _, m in re.findall("\u00b7 ([a-z]+)(~?)", l)] for l in rows]
want = [[] if "\u2020" in l else [r["dora_ci95"][c][0] != r["dora_ci95"][c][1] for c in cols]
        for l, r in zip(rows, res)]
print("DORA marks: %d uncertain bands in results.json, %d in the report, %d in the deck's %d rows"
      % (sum(unsure.values()), sum(report.values()), sum(map(sum, deck)), len(rows)))
assert sum(unsure.values()) > 0, "no uncertain band to check"
assert report == unsure, (report, unsure)
assert len(rows) == len(res) and deck == want, (deck, want)
EOF
cp -r "$T/a" "$T/nr"
"$DEVOPSIM" run "$T/small.json" -o "$T/nr" --format pdf --no-robustness >/dev/null 2>&1 || say "--no-robustness run failed"
[ -e "$T/nr/robustness.csv" ] && say "--no-robustness left a robustness.csv"
pdftotext -f 2 -l 2 "$T/nr/charts/deck.pdf" - | grep -q 'Robust\.\|Fragile' && say "--no-robustness deck has labels"

# ---- deck.pptx: one slide per deck page, each rendered and drawn
lo --convert-to pdf --outdir "$T/pptx" "$C/deck.pptx" || say "Impress could not convert deck.pptx"
pages=$(pdfinfo "$T/pptx/deck.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" = "$want_pages" ] || say "deck.pptx has ${pages:-no} slides, deck.pdf $want_pages pages"
pdftoppm -r 50 "$T/pptx/deck.pdf" "$T/pptx/px" || say "pdftoppm failed"
i=0
for ppm in "$T"/pptx/px-*.ppm; do
    i=$((i + 1))
    set -- $(pixel_stats "$ppm")
    [ $(($1 * 1000)) -ge $(($3 * 3)) ] || say "slide $i looks blank ($1 of $3 pixels dark)"
done
[ "$i" = "$want_pages" ] || say "rendered $i slides, want $want_pages"
pdftotext "$T/pptx/deck.pdf" "$T/pptx.txt" || say "pdftotext failed"
for want in 'Executive summary' 'Assumptions'; do
    grep -qF "$want" "$T/pptx.txt" || say "deck.pptx lacks: $want"
done

# ---- results.xlsx: every sheet to CSV, headers with units and currency
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$T/csv" "$C/results.xlsx" || say "Calc could not convert results.xlsx"
for s in Summary 'Lead time' Staffing Cost; do
    [ -s "$T/csv/results-$s.csv" ] || say "no sheet '$s': $(ls "$T/csv")"
done
head -n 1 "$T/csv/results-Summary.csv" | grep -qF 'p85 lead time (working days)' || say "Summary header lacks its unit"
head -n 1 "$T/csv/results-Staffing.csv" | grep -qF 'Cost (USD/year)' || say "Staffing header lacks the currency"
rows=$(($(wc -l <"$T/csv/results-Summary.csv") - 1))
[ "$rows" = 18 ] || say "Summary has $rows rows, want 18 (3 models x 6 hosting points)"

[ "$fail" = 0 ] && echo "ok: $want_pages pages and slides rendered, 4 sheets round-tripped"
exit "$fail"
