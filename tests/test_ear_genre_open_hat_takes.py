"""A seed is a take of its own under hip-hop's open hat too (core/takes.py, core/genre_open_hats.py).

The open hat on the "and" of 3 is laid by rule, bar by bar over the song, and it had decided whether a seeded take
counted as another: funk_bass.mid `--genre hiphop --seed 2` played seed 0's groove (14 of 135 hits apart, 6 of them
the open hat's bars, just over MIN_TAKE_CHANGE), where the open hat's old rule had left it a take of its own (54 of
177 apart). A take is now judged without the open hat's steps, so `--seed` changes the groove itself."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.genre_open_hats import OPEN_HAT_STEPS
from reagroove.core.limbs import CLOSED_HAT, OPEN_HAT
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.takes import MIN_TAKE_CHANGE, hit_change

pytest.importorskip("torch")

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def groove(result) -> np.ndarray:
    """The loops' hits (W, 32, 9) other than the hats on the "and" of 3 and the 16th after it (the open hat's)."""
    hits = np.array(result.loops[..., :9] > 0.5)
    for step in OPEN_HAT_STEPS:
        hits[:, step : step + 2, [CLOSED_HAT, OPEN_HAT]] = False
    return hits


@pytest.mark.parametrize("genre", ["hiphop", "funk"])
def test_each_seed_is_another_groove_beside_the_open_hat(shipped, genre):
    content = read_midi(EXAMPLES / "funk_bass.mid")
    drums = {s: shipped.drumify(content, Settings(genre={genre: 1.0}, seed=s)) for s in range(4)}
    assert any((d.loops[..., OPEN_HAT] > 0.5).any() for d in drums.values())  # (the rule is in play)
    for s in (1, 2, 3):
        change = hit_change(groove(drums[s]), groove(drums[0]))
        assert change >= MIN_TAKE_CHANGE, (genre, s, change)  # before: hip-hop's seed 2: 8 of 127 hits
