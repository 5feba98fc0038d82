#!/usr/bin/env bash
# Fit time of a 100-tree RandomForestClassifier on make_classification(n_samples=10000,
# n_features=20, random_state=0): the engine's trainer natively (`emflow train`, fit time as
# it reports it, CSV parsing excluded) and in WebAssembly (Node) beside scikit-learn's fit, on
# one thread and on two (scikit-learn n_jobs=2, `emflow train --n-jobs 2`), on this machine.
# Wall times depend on what else runs: the load average is printed with them.
# Numbers only, no assertions. Run by `npm run bench` (after scripts/bench.sh builds build/bench).
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$EMFLOW_ROOT"
CLI="${EMFLOW_BENCH_CLI:-$EMFLOW_ROOT/build/bench/core/emflow}"
if [ ! -x "$CLI" ]; then
  cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMFLOW_TESTS=OFF >/dev/null
  cmake --build build/bench -j "$JOBS" --target emflow_cli
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work/data.csv" <<'PY'
import sys
import time

from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier

X, y = make_classification(n_samples=10000, n_features=20, random_state=0)
with open(sys.argv[1], "w") as f:
    for row, target in zip(X.tolist(), y.tolist()):
        f.write(",".join(repr(v) for v in row) + ",%d\n" % target)
for jobs in (1, 2):
    start = time.perf_counter()
    RandomForestClassifier(n_estimators=100, n_jobs=jobs, random_state=0).fit(X, y)
    print("scikit-learn %s RandomForestClassifier(100).fit, n_jobs=%d: %.3f s"
          % (__import__("sklearn").__version__, jobs, time.perf_counter() - start))
PY
for jobs in 1 2; do
  "$CLI" train "$work/data.csv" --model random_forest --n-estimators 100 --seed 0 --test-size 0 \
    --n-jobs $jobs --quiet -o "$work/rf$jobs.bin" |
    sed -n "s/.*trained on \([0-9]*\) rows in \([0-9.]*\) s.*/emflow native RandomForestClassifier(100) fit, --n-jobs $jobs: \2 s (\1 rows)/p"
done
cmp -s "$work/rf1.bin" "$work/rf2.bin" || echo "emflow: --n-jobs 2 wrote other bytes than --n-jobs 1 (a bug)"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)"
"$CLI" train "$work/data.csv" --model extra_trees --n-estimators 100 --seed 0 --test-size 0 \
  --quiet -o "$work/et.bin" | sed -n 's/.*trained on \([0-9]*\) rows in \([0-9.]*\) s.*/emflow native ExtraTreesClassifier(100) fit: \2 s/p'
if node -e "import('$EMFLOW_ROOT/wasm/node-loader.mjs').then((m) => m.findEngine())" 2>/dev/null; then
  node tests/bench/train_wasm.mjs "$work/data.csv"
else
  echo "emflow WebAssembly fit: not measured (no WebAssembly engine built: scripts/build-wasm.sh)"
fi
