"""Each song its own fills (core/fill_runs.song_key, fill_runs._candidates, fill_landings._land): by ear, before,
fills came in one order whatever the song: at one seed freedoom's d_dm01's latin fills 2-5 were d_dm02's fills 1-4
stroke for stroke, its jazz fills too, and the funk riff's first latin and jazz fill were d_dm02's first. A fill's
run and landing are drawn from the seed and the song's tempo (what live and drumify know alike): the same song gives
the same fills, another song other fills."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_fill_feel import DRUMS, THIN
from test_ear_fill_runs import groove_loops

from reagroove.core import read_midi
from reagroove.core.fill_runs import fill_out
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
N = 8


def fills(settings: Settings, bpm: float) -> list[bytes]:
    """Each window's bar fill (its second bar) over N windows of a groove at `bpm`, as heard: where its snare and toms
    strike, on which drums."""
    fill_at = np.zeros((N, 32), bool)
    fill_at[:, 16:] = True
    out = fill_out(groove_loops(N, THIN), np.arange(N), fill_at, None, settings, 0, bpm)
    return [(out[w, 16:, DRUMS] > 0.5).tobytes() for w in range(N)]


@pytest.mark.parametrize("genre", [None, {"latin": 1.0}, {"jazz": 1.0}])
def test_two_songs_at_one_seed_fill_apart_and_one_song_fills_alike_each_time(genre):
    settings = Settings() if genre is None else Settings(genre=genre)
    one, again, other = fills(settings, 100.0), fills(settings, 100.0), fills(settings, 113.0)
    assert one == again
    differ = sum(a != b for a, b in zip(one, other))
    assert differ >= N // 2, differ  # not the one fill sequence over both songs


def test_drumify_plays_a_song_with_the_same_fills_twice(shipped):
    part = read_midi(EXAMPLES / "funk_bass.mid")
    settings = Settings(genre={"latin": 1.0}, fill_every=2)
    assert np.array_equal(shipped.drumify(part, settings).loops, shipped.drumify(part, settings).loops)
