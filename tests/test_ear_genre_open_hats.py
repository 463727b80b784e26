"""Hip-hop and funk open the hi-hat on the "and" of 3, as GMD's drummers of those genres do and the network never
does (core/genre_open_hats.py): `--genre hiphop` had played the same closed 8ths as no genre and pop. The figures
are measured here from GMD itself."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

from conftest import GMD_DIR  # noqa: E402

from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
N_VOICES, CLOSED, OPEN = 9, 2, 3
AND_OF_3 = 10


@pytest.fixture(scope="module")
def gmd_and_of_three():
    """{genre: (share of bars with the hat open on the "and" of 3, median open hat there over its bar's median
    closed hat)} over GMD's train beats."""
    if not GMD_DIR.is_dir():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD_DIR} (set REAGROOVE_GMD)")
    from reagroove.core.dataset import load_dataset

    ds = load_dataset(GMD_DIR).subset("train")
    ds = ds.select(~ds.is_fill)
    out = {}
    for genre in ("hiphop", "funk", "pop"):
        bars = ds.hvo[ds.genre == GENRES.index(genre)].reshape(-1, 16, 3 * N_VOICES)
        opened, closed = bars[..., OPEN] > 0.5, bars[..., CLOSED] > 0.5
        accents = [bar[AND_OF_3, N_VOICES + OPEN] / np.median(bar[c, N_VOICES + CLOSED])
                   for bar, o, c in zip(bars, opened, closed) if o[AND_OF_3] and c.sum() >= 2]
        out[genre] = (float(opened[:, AND_OF_3].mean()), float(np.median(accents)) if accents else 0.0)
    return out


def hats(loops):
    """(closed, open, closed velocities, open velocities) per 16-step bar of loops (N, 32, 27)."""
    bars = np.asarray(loops).reshape(-1, 16, 3 * N_VOICES)
    return bars[..., CLOSED] > 0.5, bars[..., OPEN] > 0.5, bars[..., N_VOICES + CLOSED], bars[..., N_VOICES + OPEN]


def test_gmd_hiphop_and_funk_open_the_and_of_three(gmd_and_of_three):
    for genre in ("hiphop", "funk"):
        share, accent = gmd_and_of_three[genre]
        assert share > 0.15 and accent > 1.5, (genre, share, accent)  # in a sixth of the bars or more, as an accent


@pytest.mark.parametrize("genre", ["hiphop", "funk"])
def test_a_genre_that_opens_the_hat_opens_it_on_the_and_of_three(shipped, gmd_and_of_three, genre):
    # (a few takes: a take opens it in some bars, as GMD's drummers do, or in none; how often and where over a
    # song: test_ear_genre_open_hat_phrases.py)
    loops = [shipped.drumify(read_midi(FUNK_BASS), Settings(genre={genre: 1.0}, seed=seed), bars=(1, 8)).loops
             for seed in (0, 1, 2, 3)]
    closed, opened, closed_vel, open_vel = hats(np.concatenate(loops))
    assert opened[:, AND_OF_3].any(), opened.astype(int)  # before: never
    assert not opened[:, [s for s in range(16) if s != AND_OF_3]].any()  # there only
    for c, o, cv, ov in zip(closed, opened, closed_vel, open_vel):
        if o[AND_OF_3]:
            assert not c[AND_OF_3] and not c[AND_OF_3 + 1]  # not closed with it, nor on the 16th it rings into
            assert ov[AND_OF_3] > cv[c].max(), (ov[AND_OF_3], cv[c])  # an accent over the bar's closed hats


def test_the_hat_stays_closed_asked_for_pop_or_nothing(shipped, gmd_and_of_three):
    pop_share, _ = gmd_and_of_three["pop"]
    assert pop_share < 0.05  # GMD's pop drummers seldom open it there
    for settings in (Settings(genre={"pop": 1.0}), Settings(genre={"rock": 1.0}), Settings()):
        _, opened, _, _ = hats(shipped.drumify(read_midi(FUNK_BASS), settings, bars=(1, 8)).loops)
        assert not opened[:, AND_OF_3].any(), settings.genre


def test_the_hat_stays_closed_with_the_hats_switched_off(shipped):
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"hiphop": 1.0}, voice_groups={"hats": False}),
                          bars=(1, 8))
    closed, opened, _, _ = hats(res.loops)
    assert not opened.any() and not closed.any()


def test_no_open_hat_asked_for_keeps_the_closed_hats(shipped):
    """A cap of no open hats (max_hits): the closed hat keeps its "and" of 3 and the 16th after it, no hole left."""
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"hiphop": 1.0}, max_hits={"open_hat": 0}), bars=(1, 8))
    closed, opened, _, _ = hats(res.loops)
    assert not opened.any()
    assert closed[:, AND_OF_3].all(), closed.astype(int)  # (hip-hop's closed hats over this bass line: every 8th)


@pytest.mark.parametrize("genre", ["hiphop", "funk"])
def test_half_time_keeps_the_hats_accents(shipped, genre):
    """`--feel half`: half time plays no open hat, and its hats keep GMD's accents at half speed (the hat on each
    bar's 1 and 3 over its 16ths between). The hat had been opened in the half-time loop all the same, and its accent
    broke the fit laying the accents at half speed: every hat at 76-82, flat."""
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={genre: 1.0}, feel="half"), bars=(1, 4))
    closed, opened, closed_vel, _ = hats(res.loops)
    assert not opened.any()
    for c, v in zip(closed, closed_vel):
        assert c[[0, 8]].all() and c.sum() > 4, c.astype(int)  # (half time's hats over this bass line: its 16ths)
        between = v[c & ~np.isin(np.arange(16), (0, 4, 8, 12))]
        assert min(v[0], v[8]) - between.max() > 0.2, np.round(v * 127)  # accented, not flat


def soft(part, share: float = 0.5):
    """The part played at `share` of its velocities."""
    import dataclasses

    velocity = np.maximum(np.round(part.notes.velocity * share), 1).astype(part.notes.velocity.dtype)
    return dataclasses.replace(part, notes=dataclasses.replace(part.notes, velocity=velocity))


@pytest.mark.parametrize("share", [1.0, 0.5])
def test_the_open_hat_accents_the_hats_at_most_as_loud_as_the_backbeat(shipped, gmd_and_of_three, share):
    """GMD's open hat on the "and" of 3: 1.8 times the bar's closed hat, as loud as its backbeat in the median. Over
    the bundled bass played softly it had been 88 of 127 against a backbeat of 66: always 1.8 times the hat before
    the dynamics, not after."""
    _, accent = gmd_and_of_three["hiphop"]
    loops = np.concatenate([shipped.drumify(soft(read_midi(FUNK_BASS), share), Settings(genre={"hiphop": 1.0},
                                                                                     seed=seed), bars=(1, 8)).loops
                            for seed in (0, 1, 2, 3)])  # (a few takes: not every take opens it)
    bars = loops.reshape(-1, 16, 3 * N_VOICES)
    closed, opened, closed_vel, open_vel = hats(loops)
    assert opened[:, AND_OF_3].any()
    for bar, c, o, cv, ov in zip(bars, closed, opened, closed_vel, open_vel):
        if not o[AND_OF_3]:
            continue
        snare = bar[:, 1] > 0.5
        backbeat = bar[[4, 12], N_VOICES + 1][snare[[4, 12]]].max()
        rounding = 1.5 / 127
        assert ov[AND_OF_3] <= backbeat + rounding, (ov[AND_OF_3], backbeat)
        # an accent: GMD's over the hats, or up to the backbeat
        assert ov[AND_OF_3] >= min(0.9 * accent * np.median(cv[c]), backbeat - rounding), (ov[AND_OF_3], cv[c])
