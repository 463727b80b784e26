"""Hip-hop's and funk's open hat live, as drumify lays it (core/genre_open_hats.py): one run of 1-3 bars in each 8-bar
phrase of the session, placed by the song's bar. Each live loop was decoded alone, as the song's bar 0, so a
session opened the hat in every second bar (seeds 1 and 2) or never (seed 0) for as long as it played."""

import pytest
import test_live_fill_landings
from test_live_fill_landings import heard_live

from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

OPEN_HAT = VOICES.index("open_hat")
BARS = 24


@pytest.mark.parametrize("genre", ["hiphop", "funk"])
def test_a_live_session_opens_the_hat_in_a_short_run_each_phrase(shipped, monkeypatch, genre):
    monkeypatch.setattr(test_live_fill_landings, "BPM", 92.0)
    takes = []
    for seed in (0, 1, 2):
        rows = heard_live(shipped, Settings(genre={genre: 1.0}, seed=seed), BARS)
        opened = [b + 1 for b in range(BARS) if (rows[16 * b:16 * b + 16, OPEN_HAT] > 0.5).any()]
        takes.append(opened)
        for phrase in (1, 2):  # bars 9-16 and 17-24 (the session's first bars are its start)
            inside = [b for b in opened if 8 * phrase < b <= 8 * phrase + 8]
            assert 1 <= len(inside) <= 4, (seed, opened)  # a run of 1-3 (one may run on from the phrase before)
    assert len({tuple(t) for t in takes}) > 1, takes  # placed by the seed
