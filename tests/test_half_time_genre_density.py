"""`--density` acts on latin's, reggae's and jazz's half time as it does in normal time.

half_time_genres.genre_half_time laid latin's clave and tumbao, jazz's comping and reggae's drop with no density, so
`--feel half --density 0.2` and `0.8` played the same rule (only the draw's hats moved): a busy part now plays
latin's fuller tumbao (the kick on the 1 and the "a" of 4: clave.BUSY_KICK) and reggae's hats in 16ths, a sparse one
latin's and reggae's time on the quarters (comping.busy, comping.sparse). (Jazz's comping is given the density too;
its half-time bars already hold comping.MOST_SNARES notes, so the draw's density is what moves it.)

The engine's call (core/engine.py, genre_half_time) is captured here and replayed at each density."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from test_ear_genre_ghost_notes import FUNK_BASS  # noqa: E402

import reagroove.core.engine as engine  # noqa: E402
from reagroove.core import half_time_genres  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

KICK, SNARE, CLOSED_HAT, RIDE, N_VOICES = 0, 1, 2, 8, 9


def replayed(shipped, monkeypatch, genre, settings_density=None):
    """{density: loops} of genre_half_time over the engine's own half-time loops of the funk bass, at 0.2 and 0.8."""
    calls = []
    original = half_time_genres.genre_half_time

    def spy(loops, *args, **kw):
        calls.append((np.array(loops, copy=True), args, kw))
        return original(loops, *args, **kw)

    monkeypatch.setattr(engine, "genre_half_time", spy)
    shipped.drumify(read_midi(FUNK_BASS), Settings(genre={genre: 1.0}, feel="half", density=0.5), bars=(1, 8))
    loops, args, kw = calls[0]
    return {d: original(np.array(loops, copy=True), *args, **{**kw, "density": Settings(density=d).density_cells})
            for d in (0.2, 0.8)}


def per_bar(loops, voice):
    return (loops[..., voice] > 0.5).reshape(-1, 16)


def test_latin_half_time_plays_the_fuller_tumbao_when_busy_and_quarter_time_when_sparse(shipped, monkeypatch):
    out = replayed(shipped, monkeypatch, "latin")
    busy, few = per_bar(out[0.8], KICK), per_bar(out[0.2], KICK)
    assert busy[:, 14].all() and busy.sum() > few.sum()  # the "a" of 4 leaning into the next bar, in every bar
    hats = per_bar(out[0.2], CLOSED_HAT) | per_bar(out[0.2], RIDE)
    assert not hats[:, np.arange(16) % 4 != 0].any() and hats[:, ::4].any()  # the sparse time on the quarters


def test_reggae_half_time_hats_follow_the_density(shipped, monkeypatch):
    out = replayed(shipped, monkeypatch, "reggae")
    busy, few = per_bar(out[0.8], CLOSED_HAT), per_bar(out[0.2], CLOSED_HAT)
    assert busy[:, 1::2].sum() >= busy.shape[0] * 6  # 16ths
    assert not few[:, np.arange(16) % 4 != 0].any() and few[:, ::4].any()  # quarters
    assert (per_bar(out[0.2], SNARE)[:, 8]).all() and (per_bar(out[0.8], SNARE)[:, 8]).all()  # the drop stays



@pytest.mark.parametrize("density", [0.2, 0.8])
def test_drumify_and_live_hand_their_density_to_the_half_time_rules(shipped, monkeypatch, density):
    """The replays above set the density themselves: the engine's call (engine.py) and live's (live_part.py) must
    pass the density asked, or `--feel half` plays one rule at every density."""
    from reagroove.core import live_part

    asked = Settings(genre={"reggae": 1.0}, feel="half", density=density)
    seen = []

    def spy(loops, *args, **kw):
        seen.append(kw.get("density"))
        return loops

    monkeypatch.setattr(engine, "genre_half_time", spy)
    shipped.drumify(read_midi(FUNK_BASS), asked, bars=(1, 4))
    monkeypatch.setattr(live_part, "genre_half_time", spy)
    live_part.half_time_in_window(np.zeros((2, 32, 3 * N_VOICES), np.float32), None, asked, False, None, 1)
    assert len(seen) == 2 and all(d is not None and np.allclose(d, asked.density_cells) for d in seen), seen
