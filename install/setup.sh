#!/usr/bin/env bash
# ReaGroove set-up: a virtual environment in .venv with ReaGroove, its CPU-only
# torch and the test tools, then the main job on a bundled example.
# Safe to run again: it reuses .venv and only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    echo "setup: ReaGroove needs Python 3.10 or newer ($PY is $("$PY" --version 2>&1))" >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
export PIP_DISABLE_PIP_VERSION_CHECK=1
# torch is pinned to the CPU build: a looser range pulls GBs of CUDA wheels.
.venv/bin/python -m pip install --quiet torch==2.13.0
.venv/bin/python -m pip install --quiet -e ".[model,panel,audio,test]"
echo "setup: installed $(.venv/bin/reagroove --version) in $(pwd)/.venv"
# The main job on the bundled bass line: its drums as a MIDI file (out/ is git-ignored), piano roll printed.
echo "setup: drums for the bundled example core/examples/funk_bass.mid:"
.venv/bin/reagroove drumify core/examples/funk_bass.mid -o out/funk_bass_drums.mid
echo "setup: done; drop $(pwd)/out/funk_bass_drums.mid next to the bass line in any DAW"
