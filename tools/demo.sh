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
    "$bin" run "$f" -o "$out/$name" || status=$?
done
echo "results and charts in $out/"
exit $status
