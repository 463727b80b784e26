"""The shipped genre prototypes: one real, typical GMD beat per genre, usable as pattern A/B out of the box."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reagroove.core.dataset import load_dataset
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings
from reagroove.models.drummer import PROTOTYPES, default_engine, genre_prototypes
from reagroove.models.prototypes import genre_prototypes_from, medoid


def test_medoid_is_the_most_typical_row():
    rng = np.random.default_rng(0)
    base = rng.random((32, 9)) < 0.2
    rows = [base.copy() for _ in range(7)]
    for k, r in enumerate(rows[1:], 1):  # each row but the first differs from base in k cells
        flip = rng.choice(32 * 9, k, replace=False)
        r.reshape(-1)[flip] ^= True
    rows.append(~base)  # an outlier
    order = rng.permutation(len(rows))
    hits = np.stack(rows)[order]
    assert order[medoid(hits)] == 0


def test_every_genre_has_a_prototype_beat_built_in(tmp_path):
    protos = genre_prototypes()
    assert sorted(protos) == sorted(GENRES)
    for name, p in protos.items():
        assert p.loop is not None and "GMD train split" in p.source
        hits = p.loop[:, :N_VOICES] > 0
        # a beat: a time-keeper (hats or ride) and a backbeat voice (kick or snare), 3+ voices
        assert hits[:, [2, 3, 8]].any() and hits[:, :2].any() and hits.any(0).sum() >= 3, name
        assert int(p.groove[:, 0].sum()) == int(hits.any(1).sum())  # its groove is its own flattened rhythm
    reagroove = Path(sys.executable).with_name("reagroove")
    out = subprocess.run([str(reagroove), "patterns", "list"], capture_output=True, text=True,
                         env={**os.environ, "REAGROOVE_DATA": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    listed = [line.split()[0] for line in out.stdout.splitlines() if "built in" in line]
    assert listed == sorted(GENRES)


def test_prototypes_rebuild_identically_from_the_dataset():
    gmd = Path(os.environ.get("REAGROOVE_GMD") or Path(__file__).resolve().parents[2] / "shared/data/groove-midi")
    if not (gmd / "info.csv").is_file():
        pytest.skip(f"Groove MIDI Dataset not found at {gmd} (set REAGROOVE_GMD)")
    rebuilt = genre_prototypes_from(load_dataset(gmd))
    shipped = genre_prototypes(PROTOTYPES)
    assert sorted(rebuilt) == sorted(shipped)
    for name in shipped:
        assert np.array_equal(rebuilt[name].loop, shipped[name].loop), name
        assert rebuilt[name].source == shipped[name].source


def test_a_prototype_as_pattern_a_steers_the_drums_toward_it(tmp_path):
    engine = default_engine(patterns_path=tmp_path / "patterns.json")
    rng = np.random.default_rng(3)
    grooves = np.zeros((16, 32, 3), np.float32)
    hit = rng.random((16, 32)) < 0.4
    grooves[..., 0], grooves[..., 1] = hit, hit * 0.7

    def f1_with(loops, loop):
        ref = loop[:, :N_VOICES] > 0
        pred = loops[..., :N_VOICES] > 0
        tp = (pred & ref).sum((1, 2))
        return 2 * tp / np.maximum(pred.sum((1, 2)) + ref.sum(), 1)

    for genre in ("rock", "jazz"):
        loop = engine.patterns.get(genre).loop
        follow_input = engine.generate(grooves, Settings())
        play_pattern = engine.generate(grooves, Settings(pattern_a=genre, follow=0.0))
        near, plain = f1_with(play_pattern, loop).mean(), f1_with(follow_input, loop).mean()
        # playing the pattern moves the drums toward it by 0.2 F1, or, where the model's own beat is
        # already near the pattern (a rock beat), by at least a third of what is left (stop 22's band network
        # replayed the rock prototype at F1 0.968, +0.095 over its own beat; stop 23's at 0.915, +0.055)
        assert near - plain >= min(0.2, (1 - plain) / 3), (genre, near, plain)


@pytest.mark.parametrize("text", ["{not json", '{"patterns": [{"name": "rock"}]}', '{"patterns": 3}'])
def test_a_damaged_genre_patterns_file_is_named_in_one_line(tmp_path, text):
    from reagroove.core.errors import InputFileError

    path = tmp_path / "prototypes.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        genre_prototypes(path)
    assert "prototypes.json" in str(err.value) and "\n" not in str(err.value)
