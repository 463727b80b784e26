"""The examples the README's quick start drumifies (core/examples/*.mid) are made by docs/make_examples.py, byte
for byte: it made funk_bass.mid and piano_waltz.mid only, and said it made "the bundled example MIDI files",
while shuffle_blues.mid (the quick start's 12-bar shuffle) came from nowhere a reader could see or run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_examples_makes_every_bundled_example_as_shipped(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "make_examples.py", tmp_path / "docs")
    run = subprocess.run([sys.executable, str(tmp_path / "docs" / "make_examples.py")], capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    shipped = {p.name: p.read_bytes() for p in (ROOT / "core" / "examples").glob("*.mid")}
    made = {p.name: p.read_bytes() for p in (tmp_path / "core" / "examples").glob("*.mid")}
    assert sorted(made) == sorted(shipped)
    for name, data in shipped.items():
        assert made[name] == data, f"{name} made differs from the one shipped"
    assert run.stdout.split() == ["wrote", *sorted(shipped)]
