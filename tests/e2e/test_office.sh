#!/bin/sh
# The office writers end to end, without the command front end:
# build/export_demo (tests/export_demo.c) writes a 4-slide PowerPoint deck and
# a 2-sheet Excel workbook; both are byte-identical across runs and time zones
# and change with SOURCE_DATE_EPOCH. LibreOffice Impress converts the deck to
# PDF (one page per slide, every page drawn: dark text on each, chart colours
# on the picture slides, hostile names read back intact); LibreOffice Calc
# converts each sheet to CSV and the values come back exactly, text that looks
# like a formula still text. SKIPPED (exit 77) without LibreOffice or poppler
# (tools/setup.sh office installs them).
set -u
. "$ROOT/tests/e2e/lib.sh"
T=$TMPDIR_E2E
fail=0
demo="$(dirname "$DEVOPSIM")/export_demo"
[ -x "$demo" ] || { echo "FAIL $demo is not built (make $demo)"; exit 1; }

# ---- reproducible bytes (needs no LibreOffice)
mkdir -p "$T/a" "$T/b" "$T/c" "$T/d"
(unset SOURCE_DATE_EPOCH; "$demo" "$T/a") || say "export_demo failed"
sleep 2 # past the zip format's 2-second time resolution
(unset SOURCE_DATE_EPOCH; TZ=Asia/Tokyo "$demo" "$T/b") || say "export_demo failed"
SOURCE_DATE_EPOCH=1700000000 "$demo" "$T/c" || say "export_demo failed"
SOURCE_DATE_EPOCH=1700000000 TZ=America/New_York "$demo" "$T/d" || say "export_demo failed"
same_tree "$T/a" "$T/b" || say "two runs without SOURCE_DATE_EPOCH differ"
same_tree "$T/c" "$T/d" || say "two runs with SOURCE_DATE_EPOCH in different time zones differ"
for f in deck.pptx results.xlsx; do
    cmp -s "$T/a/$f" "$T/c/$f" && say "$f ignores SOURCE_DATE_EPOCH"
done
no_temps "$T" || say "temporary files left"
[ "$fail" = 0 ] || exit 1

if ! command -v libreoffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 ||
   ! command -v pdfinfo >/dev/null 2>&1; then
    echo "SKIPPED: LibreOffice or poppler-utils missing (as root: sh tools/setup.sh office)"
    exit 77
fi

# ---- the deck: one PDF page per slide, every page drawn
lo --convert-to pdf --outdir "$T/pdf" "$T/c/deck.pptx" || say "Impress could not convert deck.pptx"
pages=$(pdfinfo "$T/pdf/deck.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" = 4 ] || say "deck.pdf has ${pages:-no} pages, expected 4 (one per slide)"
size=$(pdfinfo "$T/pdf/deck.pdf" 2>/dev/null | awk '/^Page size:/ { printf "%.0fx%.0f", $3, $5 }')
[ "$size" = 960x540 ] || say "slides are $size pt, expected 960x540 (16:9)"
pdftoppm -png -r 50 "$T/pdf/deck.pdf" "$T/pdf/slide" || say "pdftoppm -png failed"
pdftoppm -r 50 "$T/pdf/deck.pdf" "$T/pdf/px" || say "pdftoppm failed"
for i in 1 2 3 4; do
    png="$T/pdf/slide-$i.png"
    [ -s "$png" ] || { say "slide $i: no PNG"; continue; }
    set -- $(pixel_stats "$T/pdf/px-$i.ppm")
    dark=$1; coloured=$2; total=$3
    [ $((dark * 1000)) -ge $((total * 3)) ] || say "slide $i looks blank ($dark of $total pixels dark)"
    case $i in
    2|3) [ $((coloured * 100)) -ge $((total * 2)) ] ||
             say "slide $i: its chart is missing ($coloured of $total pixels blue)" ;;
    *) [ "$coloured" -lt $((total / 100)) ] || say "text slide $i has a coloured picture" ;;
    esac
done
pdftotext "$T/pdf/deck.pdf" "$T/pdf/deck.txt" 2>/dev/null || say "pdftotext failed"
for want in 'Executive summary' 'Lead time p85 by model' "R&D <Ops> \"Platform\" & 'Zürich'" \
            'Warning: <unstable> designs & queues that grow are left out' 'costs.currency = EUR'; do
    grep -qF "$want" "$T/pdf/deck.txt" || say "deck.pdf lacks the text: $want"
done

# ---- the workbook: every sheet to CSV (raw values, UTF-8), values exact
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$T/csv" "$T/c/results.xlsx" || say "Calc could not convert results.xlsx"
cat >"$T/want-summary.csv" <<'CSV'
Model,Lead time p85 (working days),p85 95% CI low (days),p85 95% CI high (days),Cost (EUR/year),Note
Product teams,14.8,12.1,17.9,1234567.5,"=HYPERLINK(""http://example.com"",""x"")"
DevOps team,22.5,19,26,980000,+1-2
"R&D <Ops> ""Platform"" & 'Zürich' – ✓",31.25,27.5,35,2100000,@SUM(A1:A2)
CSV
cat >"$T/want-staffing.csv" <<'CSV'
Team,Engineers (people),Remark
Platform,6,-5 people vs today
Ops,64,
CSV
for pair in "Summary:summary" "Staffing & cost:staffing"; do
    sheet=${pair%%:*}; want="$T/want-${pair#*:}.csv"
    got="$T/csv/results-$sheet.csv"
    if [ ! -f "$got" ]; then
        say "no CSV for sheet '$sheet'"; ls "$T/csv" 2>/dev/null; continue
    fi
    tr -d '\r' <"$got" >"$got.lf"
    cmp -s "$want" "$got.lf" || { say "sheet '$sheet' does not round-trip:"; diff "$want" "$got.lf"; }
done
[ "$(ls "$T/csv" | grep -c '\.csv$')" = 2 ] || say "expected 2 sheets: $(ls "$T/csv")"

[ "$fail" = 0 ] && echo "ok: 4 slides rendered, 2 sheets round-tripped"
exit "$fail"
