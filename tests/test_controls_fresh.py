"""Controls on the shipped model, read bar by bar as a drummer would: a sparse part keeps its kick on the
downbeat, a held part keeps its backbeat, and --bpm is one range on every path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "core" / "examples").glob("*.mid"))
KICK, SNARE = 0, 1


@pytest.fixture(scope="module")
def engine():
    from reagroove.models.drummer import default_engine
    from reagroove.models.weights import DEFAULT_WEIGHTS

    if not DEFAULT_WEIGHTS.is_file():
        pytest.skip("shipped weights not built yet")
    return default_engine(patterns_path=None)


def full_bars(result):
    """(hits (steps, 9) bool, beats) of each whole bar the part plays (a pickup bar shorter than its meter's
    bar, or a bar cut short at the end, left out), on the real 16th grid."""
    out = []
    for loop, bars in zip(result.loops, result.meters_played):
        for start, num, den in bars:
            beats = num * 4 / den
            lo, hi = round(start * 4), round((start + beats) * 4)
            if hi - lo >= 8 and hi <= loop.shape[0]:
                out.append((loop[lo:hi, :9] > 0.5, beats))
    return out


def drumify(engine, path, **settings):
    return engine.drumify(read_midi(path), Settings(**settings), bars=(1, 8))


def test_the_examples_are_there():
    assert {p.name for p in EXAMPLES} >= {"funk_bass.mid", "shuffle_blues.mid", "piano_waltz.mid"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("genre", [None, "funk", "jazz", "reggae"])
def test_density_0_thins_the_part_but_keeps_a_kick_in_every_bar(engine, path, genre):
    """--density 0 with or without a genre: the band network had left whole parts without a kick (funk_bass
    with --genre funk); a sparse drummer still plays the downbeat."""
    g = {} if genre is None else {"genre": {genre: 1.0}}
    sparse = drumify(engine, path, density=0.0, **g)
    default = drumify(engine, path, **g)
    bars = full_bars(sparse)
    assert bars
    without = [i for i, (hits, _) in enumerate(bars) if not hits[:, KICK].any()]
    assert not without, f"bars with no kick: {without}"
    assert sum(h.sum() for h, _ in bars) < sum(h.sum() for h, _ in full_bars(default))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_density_still_adds_hits_as_it_rises(engine, path):
    counts = [int((drumify(engine, path, density=d).loops[..., :9] > 0.5).sum()) for d in (0.0, 0.5, 1.0)]
    assert counts[0] < counts[1] < counts[2], counts


def test_a_muted_kick_stays_muted_at_density_0(engine):
    res = drumify(engine, EXAMPLES[0], density=0.0, genre={"funk": 1.0}, voice_groups={"kick": False})
    assert not res.loops[..., KICK].any() and res.loops[..., :9].any()
