"""Generated drums read as a drummer reads them, on the shipped model and band parts written here: a
sparse part keeps its time-keeper in every bar, ..."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from conftest import build_midi  # noqa: E402

from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

KICK, SNARE, CLOSED_HAT, OPEN_HAT, CRASH, RIDE = 0, 1, 2, 3, 7, 8


@pytest.fixture(scope="module")
def engine():
    from reagroove.models.drummer import default_engine
    from reagroove.models.weights import DEFAULT_WEIGHTS

    if not DEFAULT_WEIGHTS.is_file():
        pytest.skip("shipped weights not built yet")
    return default_engine(patterns_path=None)


def rock_bass(path, bars=8, bpm=120.0):
    """Straight root 8ths over E E A G, the plainest rock bass line (channel 1)."""
    roots = [40, 40, 45, 43]
    notes = [(b * 4 + i / 2, roots[b % 4], 100 if i % 2 == 0 else 80, 0) for b in range(bars) for i in range(8)]
    return build_midi(path, notes, tempos=((0, bpm),))


def bars_of(loops):
    """Each 16-step bar's hits (bars, 16, 9) of 4/4 loops (W, 32, 27)."""
    return (np.asarray(loops)[..., :9] > 0.5).reshape(-1, 16, 9)


def test_a_sparse_part_keeps_its_hats_in_every_bar(engine, tmp_path):
    # density 0 on a rock bass: bar 1 of every loop had hats on 2 and 4 and bar 2 none, a time-keeper that
    # comes and goes every other bar
    part = read_midi(rock_bass(tmp_path / "rock.mid"))
    res = engine.drumify(part, Settings(density=0.0))
    hats = bars_of(res.loops)[..., [CLOSED_HAT, OPEN_HAT, RIDE]].any(-1)  # (bars, 16)
    assert hats.any(-1).any()  # the part has a time-keeper
    assert hats.any(-1).all(), f"bars without a time-keeper: {np.flatnonzero(~hats.any(-1)).tolist()}"
