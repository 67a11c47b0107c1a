#!/bin/sh
# The main job: every bundled scenario, every ownership model at every hosting
# point, with the scenario's replications; results and charts under out/.
set -eu
cd "$(dirname "$0")/.."
bin=build/devopsim
out=${DEMO_OUT:-out}
mkdir -p "$out"
status=0
for f in scenarios/*.json; do
    case "$f" in */schema.json) continue ;; esac
    name=$(basename "$f" .json)
    echo "== $name -> $out/$name"
    # Organisation-scale scenarios skip the robustness reruns (each headline
    # comparison × 12 modelling choices × 2: over an hour at 5,000 engineers);
    # `devopsim run` on them does the reruns when asked.
    extra=
    case "$name" in large-*) extra=--no-robustness ;; esac
    "$bin" run "$f" -o "$out/$name" $extra || status=$?
done
# The calibration example: fit acme-transition's present to what the company
# measures (docs/calibrate.md); 4 replications per evaluation keep it short.
echo "== acme-transition calibration -> $out/acme-calibration"
"$bin" calibrate scenarios/acme-transition.json --observed examples/acme/observed.json --reps 4 \
    -o "$out/acme-calibration" --quiet || status=$?
echo "results and charts in $out/"
exit $status
