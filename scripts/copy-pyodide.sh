#!/usr/bin/env bash
# Puts what the notebook's Python worker loads into the served folder (web/public, copied into
# web/dist by `vite build`), so Python runs from the app's own files, never from a CDN:
#   web/public/pyodide/  the Pyodide core (interpreter, standard library, package lock file)
#   web/public/py/emflow.zip  the project's python/emflow package, unpacked into Pyodide's
#                              site-packages by the worker (the same sources CPython tests)
# Both are generated (gitignored by .gitignore files in those folders). Idempotent.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"

pyodide_dir=node_modules/pyodide
files=(pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json)
for f in "${files[@]}"; do
  if [ ! -f "$pyodide_dir/$f" ]; then
    echo "copy-pyodide: $pyodide_dir/$f is missing (run scripts/bootstrap.sh to install npm packages)" >&2
    exit 1
  fi
  cp -u "$pyodide_dir/$f" web/public/pyodide/
done

# A deterministic zip (fixed timestamps, sorted names) of the package, so that rebuilding
# without source changes gives the same bytes.
/usr/bin/python3 - <<'PY'
import pathlib, zipfile
root = pathlib.Path("python")
out = pathlib.Path("web/public/py/emflow.zip")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for path in sorted((root / "emflow").glob("*.py")):
        info = zipfile.ZipInfo(str(path.relative_to(root)), date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, path.read_bytes())
print("copy-pyodide: %s (%d files)" % (out, len(archive.namelist())))
PY
echo "copy-pyodide: web/public/pyodide ($(du -sh web/public/pyodide | cut -f1))"
