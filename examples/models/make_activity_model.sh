#!/usr/bin/env bash
# Makes examples/models/activity.bin, the random forest of examples/activity.fbp, reproducibly:
#   1. runs the graph's own front half natively against the activity world (6 h, seed 101)
#      with no model loaded, recording every feature vector its WindowFeatures node sends to
#      the Classify node together with the true activity (`emflow run --features`): the
#      training features are the device DSP code's floats, bit for bit;
#   2. trains with the engine's own trainer (`emflow train`, deterministic: same data and
#      seed, same bytes): 10 trees, depth <= 8;
#   3. scores it on a held-out recording (2 h, seed 202) by running the whole graph with it;
#   4. keeps 32 held-out feature rows (5 min, seed 202) beside it as activity.rows.csv: the
#      rows the web app's firmware dialog measures the model's cycles on (the virtual Uno's
#      model meter), shipped with the example as "rows stored with the model".
# tests/firmware/export_check.sh regenerates the model into a scratch folder and fails if the
# bytes differ from the checked-in examples/models/activity.bin (and activity.rows.csv).
# Usage: make_activity_model.sh EMFLOW_CLI [OUT_DIR (default: examples/models)]
set -euo pipefail
cli="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
out="${2:-$HERE}"
graph="$HERE/../activity.fbp"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$cli" run "$graph" --world activity --duration 6h --seed 101 --without-models \
  --features "$work/train.csv" >"$work/record.txt"
"$cli" train "$work/train.csv" --model random_forest --n-estimators 10 --max-depth 8 \
  --seed 0 --test-size 0 --quiet -o "$out/activity.bin" >"$work/train.txt"
echo "activity model: $(($(wc -l <"$work/train.csv") - 1)) training rows (features of 6 h, seed 101)," \
  "$(stat -c %s "$out/activity.bin") B -> $out/activity.bin"
echo "held-out recording (2 h, seed 202), the whole graph with the model:"
"$cli" run "$graph" --world activity --duration 2h --seed 202 --model 1="$out/activity.bin" |
  sed 's/^/  /'
"$cli" run "$graph" --world activity --duration 5m --seed 202 --without-models \
  --features "$work/heldout.csv" >/dev/null
# The 30 feature columns (the last one is the true activity), header and 32 rows.
head -33 "$work/heldout.csv" | cut -d, -f1-30 >"$out/activity.rows.csv"
echo "held-out rows for the model meter: 32 -> $out/activity.rows.csv"
