#!/usr/bin/env bash
# ReaGroove set-up on Linux and macOS: finds a Python 3.10+ and runs install/setup.py with it, which does the
# work (a virtual environment in .venv with ReaGroove, its CPU-only torch and the test tools, then the main job
# on a bundled example). On Windows, without bash: py install\setup.py
# PYTHON=/path/to/python3 picks the interpreter; TORCH_INDEX the CPU torch index.
set -eu  # POSIX sh too: `sh install/setup.sh` (dash on Debian and Ubuntu) has no pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
fail() { echo "setup: $*" >&2; exit 1; }
command -v "$PY" >/dev/null 2>&1 ||
    fail "no Python found ($PY is not on PATH): install Python 3.10 or newer, or name it with PYTHON=/path/to/python3"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    fail "ReaGroove needs Python 3.10 or newer ($PY is $("$PY" --version 2>&1 | head -n 1))"
fi
exec "$PY" install/setup.py "$@"
