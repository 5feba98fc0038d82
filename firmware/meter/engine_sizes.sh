#!/usr/bin/env bash
# The model engine's flash and static RAM per configuration and board, measured with avr-g++
# (firmware/meter/engine_size.cpp built with and without the engine), for the web app's
# firmware dialog: a model node costs its blob plus the engine its sketch links. Configurations
# as the exporter picks them from a sketch's models (emflow_config.h, core/ml/trees.h):
#   forest-float / forest-int16  tree classifiers and regressors only (no boosting, no isolation
#                                forest, the other families stubbed out), float or int16 paths
#   boosting / isolation         gradient boosting or IsolationForest trees (float paths)
#   families                     any other family (core/ml/families.cpp), float and int16 paths
# Writes JSON: {"uno":{"forest-float":{"flash":F,"ram":R},...},"mega":{...}}.
# Usage: firmware/meter/engine_sizes.sh OUT.json
set -euo pipefail
out="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trees=("$ROOT/core/ml/model_store.cpp" "$ROOT/core/ml/model.cpp" "$ROOT/core/ml/model_blob.cpp"
  "$ROOT/core/ml/trees.cpp" "$ROOT/core/runtime/status.cpp")
size() {  # size MCU FLAGS... -> "flash ram"
  local mcu=$1
  shift
  avr-g++ -mmcu="$mcu" -DF_CPU=16000000L -Os -flto -ffunction-sections -fdata-sections \
    -std=gnu++14 -fno-exceptions -fno-rtti -fno-threadsafe-statics -I"$ROOT/core" \
    -Wl,--gc-sections -DEMFLOW_MAX_MODELS=1 -DEMFLOW_STRIP_ERROR_STRINGS=1 \
    -DEMFLOW_MODELS_FLASH_ONLY=1 "$HERE/engine_size.cpp" "$@" -lm -o "$work/e.elf"
  avr-size "$work/e.elf" | awk 'NR == 2 { print $1 + $2, $2 + $3 }'
}
noKinds=(-DEMFLOW_TREES_NO_BOOSTING -DEMFLOW_TREES_NO_ISOLATION_FOREST)
# Every model a tree: the other families left out, as the exporter leaves them out.
treesOnly=("$HERE/tree_only_families.cpp" "${trees[@]}")
json="{"
for board in uno:atmega328p mega:atmega2560; do
  id=${board%%:*} mcu=${board#*:}
  read -r f0 r0 < <(size "$mcu" -DENGINE_NONE)
  entry() {  # entry NAME FLAGS... -> "NAME":{"flash":..,"ram":..}
    local name=$1 f r
    shift
    read -r f r < <(size "$mcu" "$@")
    # The one-byte stand-in blob is the model's, not the engine's.
    printf '"%s":{"flash":%d,"ram":%d}' "$name" $((f - f0 - 1)) $((r - r0))
  }
  json+="\"$id\":{$(entry forest-float -DEMFLOW_MODELS_NO_INT16 "${noKinds[@]}" "${treesOnly[@]}")"
  json+=",$(entry forest-int16 -DEMFLOW_MODELS_NO_FLOAT "${noKinds[@]}" "${treesOnly[@]}")"
  json+=",$(entry boosting -DEMFLOW_MODELS_NO_INT16 -DEMFLOW_TREES_NO_ISOLATION_FOREST "${treesOnly[@]}")"
  json+=",$(entry isolation -DEMFLOW_MODELS_NO_INT16 -DEMFLOW_TREES_NO_BOOSTING "${treesOnly[@]}")"
  json+=",$(entry families "${noKinds[@]}" "$ROOT"/core/ml/*.cpp "$ROOT/core/runtime/status.cpp")}"
  [ "$id" = uno ] && json+=","
done
echo "$json}" >"$out"
