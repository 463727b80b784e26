#!/usr/bin/env bash
# ReaGroove set-up: a virtual environment in .venv with ReaGroove, its CPU-only
# torch and the test tools, then the main job on a bundled example.
# Safe to run again: it reuses .venv and only installs what is missing.
# PYTHON=/path/to/python3 picks the interpreter; TORCH_INDEX the CPU torch index.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
fail() { echo "setup: $*" >&2; exit 1; }
command -v "$PY" >/dev/null 2>&1 ||
    fail "no Python found ($PY is not on PATH): install Python 3.10 or newer, or name it with PYTHON=/path/to/python3"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    fail "ReaGroove needs Python 3.10 or newer ($PY is $("$PY" --version 2>&1 | head -n 1))"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
# A .venv without pip is what a failed `python3 -m venv` leaves behind (Debian and Ubuntu ship venv's
# ensurepip separately): make it again rather than fail on it at every run.
if [ -x .venv/bin/python ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "setup: .venv has no pip (an earlier set-up did not finish): making it again"
    rm -rf .venv
fi
# A checkout moved since its set-up: .venv's activate script still names the old folder (and
# `reagroove` is not found once activated). Making the venv again in place points it here.
if [ -x .venv/bin/python ] && ! grep -qF "$(pwd)/.venv" .venv/bin/activate 2>/dev/null; then
    echo "setup: .venv was made in another folder (the checkout moved): pointing it at $(pwd)/.venv"
    .venv/bin/python -m venv .venv >/dev/null || fail "cannot update .venv for its new folder: remove it (rm -rf .venv) and run this again"
fi
if [ ! -x .venv/bin/python ]; then
    if ! venv_log=$("$PY" -m venv .venv 2>&1) || ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
        rm -rf .venv
        fail "$PY cannot make a virtual environment with pip ($(echo "$venv_log" | grep -m 1 -iE 'error|ensurepip|no module' || echo "venv failed")): on Debian/Ubuntu install python3-venv (sudo apt install python3-venv), then run this again"
    fi
fi
# torch is pinned to its CPU build: PyPI's Linux torch brings GBs of CUDA libraries. A local wheel
# (pip's --find-links) is used when there is one; otherwise the CPU build comes from PyTorch's CPU index
# (its 2.13.0+cpu outranks PyPI's 2.13.0; macOS and Windows wheels are CPU-only anyway).
TORCH=torch==2.13.0
if ! .venv/bin/python -m pip install --quiet --no-deps --no-index "$TORCH" >/dev/null 2>&1; then
    echo "setup: downloading $TORCH (CPU build) from ${TORCH_INDEX:=https://download.pytorch.org/whl/cpu}"
    .venv/bin/python -m pip install --quiet "$TORCH" --extra-index-url "$TORCH_INDEX" ||
        fail "cannot install $TORCH (see pip's message above): check the network, or set TORCH_INDEX"
fi
.venv/bin/python -m pip install --quiet "$TORCH"  # torch's own dependencies, from the usual index
.venv/bin/python -m pip install --quiet -e ".[model,panel,audio,test]"
echo "setup: installed $(.venv/bin/reagroove --version) in $(pwd)/.venv"
# The main job on the bundled bass line: its drums as a MIDI file (out/ is git-ignored), piano roll printed.
echo "setup: drums for the bundled example core/examples/funk_bass.mid:"
.venv/bin/reagroove drumify core/examples/funk_bass.mid -o out/funk_bass_drums.mid
echo "setup: done; drop $(pwd)/out/funk_bass_drums.mid next to the bass line in any DAW"
