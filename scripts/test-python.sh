#!/usr/bin/env bash
# Python tests run with Debian's interpreter, which has Debian's scikit-learn.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
untracked_before=$(untracked_files)
export PYTHONPATH="$EMFLOW_ROOT/python${PYTHONPATH:+:$PYTHONPATH}"
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python "$@"
check_no_litter "$untracked_before"
