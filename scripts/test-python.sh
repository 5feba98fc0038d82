#!/usr/bin/env bash
# Python tests run with Debian's interpreter, which has Debian's scikit-learn.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
export PYTHONPATH="$EMFLOW_ROOT/python${PYTHONPATH:+:$PYTHONPATH}"
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python "$@"
