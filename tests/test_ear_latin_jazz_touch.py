"""Latin's and jazz's notes laid by rule, as a drummer plays them (a by-ear review of `--genre latin` and `jazz`).

The clave had been velocity 70 on every note, exactly on the grid, beside a humanized kick and ride; the cascara's
notes the time-keeper had not played, one level on the grid; `--mute cymbals` threw latin's cascara away and left
jazz's hat quarters with no skip note; a seed's jazz draw that kept time on the hats got no skip note once its
time moved to the ride; and a jazz bar at a higher density played 4 to 7 snare notes (a jazz drummer's left hand
comps 0-2 a bar)."""

import numpy as np
import pytest
from test_ear_clave_comping import THREE_SIDE, TWO_SIDE, funk  # noqa: F401 (funk: a fixture, the bundled funk bass)
from test_half_time_by_ear import song_bars

from reagroove.core.clave import CASCARA, CASCARA_THREE, CASCARA_TWO, CLAVE_LEVEL, THREE_TWO, clave, right_hand
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, OPEN, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat", "ride"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
SKIPS = [7, 15]  # the swung "and" of 2 and of 4 on the played grid: the skip note
MEDIUM = (0.4, 0.7)  # a cross-stick's range: medium


@pytest.fixture
def blues():
    from test_ear_clave_comping import FUNK_BASS

    return read_midi(FUNK_BASS.with_name("shuffle_blues.mid"))


def muted(*groups) -> dict:
    return {g: g not in groups for g in ("kick", "snare", "hats", "toms", "cymbals")}


def beat_bars(result) -> list[tuple[int, np.ndarray]]:
    """The song's bars of a result with notes and no fill's toms."""
    return [(b, bar) for b, bar in sorted(song_bars(result.loops, result.bars).items())
            if (bar[:, :N_VOICES] > 0.5).any() and not (bar[:, TOMS] > 0.5).any()]


def test_the_clave_accents_each_side_and_sits_with_the_time_keeper():
    rng = np.random.default_rng(0)
    loop = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    eighths = np.arange(0, 32, 2)
    loop[0, eighths, CLOSED] = 1.0
    loop[0, eighths, N_VOICES + CLOSED] = rng.uniform(0.5, 0.9, len(eighths))
    loop[0, eighths, 2 * N_VOICES + CLOSED] = rng.uniform(-0.2, 0.2, len(eighths))
    grooves = np.zeros((1, 32, 3), np.float32)
    grooves[0, [0, 12, 16, 28], 0] = 1.0
    out = clave(loop, grooves, np.ones(1, bool))[0]
    assert np.flatnonzero(out[:, SNARE] > 0.5).tolist() == THREE_TWO.tolist()
    level = out[THREE_TWO, N_VOICES + SNARE]
    firsts = [0, 3]  # the 3 side's 1 and the 2 side's first stroke
    others = [1, 2, 4]
    assert level[firsts].min() > level[others].max(), level
    assert MEDIUM[0] <= level.min() and level.max() <= MEDIUM[1] and level.mean() == pytest.approx(CLAVE_LEVEL, 0.1)
    assert np.allclose(out[THREE_TWO, 2 * N_VOICES + SNARE], loop[0, THREE_TWO, 2 * N_VOICES + CLOSED])


def test_latin_s_clave_is_not_one_velocity_on_the_grid(shipped, funk):  # noqa: F811
    result = shipped.drumify(funk, Settings(genre={"latin": 1.0}))
    bars = [bar for _, bar in beat_bars(result) if np.flatnonzero(bar[:, SNARE] > 0.5).tolist() in (THREE_SIDE,
                                                                                                   TWO_SIDE)]
    assert len(bars) >= 4
    for bar in bars:
        steps = np.flatnonzero(bar[:, SNARE] > 0.5)
        level = bar[steps, N_VOICES + SNARE]
        assert level[0] > level[1:].max(), level  # the side's first stroke
    timing = np.concatenate([bar[bar[:, SNARE] > 0.5, 2 * N_VOICES + SNARE] for bar in bars])
    assert np.abs(timing).max() > 0.01 and len(np.unique(np.round(timing, 3))) > 1, timing


def test_the_cascara_s_own_notes_are_under_its_beats_with_the_band_s_feel():
    # a time-keeper on the quarters alone: the cascara's off-beat notes are the rule's, and had been laid at the
    # loudest note's level, on the grid
    loop = np.zeros((32, 3 * N_VOICES), np.float32)
    quarters = np.arange(0, 32, 4)
    loop[quarters, CLOSED], loop[quarters, N_VOICES + CLOSED], loop[quarters, 2 * N_VOICES + CLOSED] = 1.0, 0.7, 0.1
    right_hand(loop, np.ones(32, bool), THREE_TWO, CASCARA)
    played = np.flatnonzero(loop[:, RIDE] > 0.5)
    assert played.tolist() == sorted(set(CASCARA_THREE) | set(CASCARA_TWO + 16))
    off = played[played % 4 != 0]
    assert loop[off, N_VOICES + RIDE].max() < loop[played[played % 4 == 0], N_VOICES + RIDE].min()
    assert np.allclose(loop[off, 2 * N_VOICES + RIDE], 0.1)


@pytest.mark.parametrize("seed", [1, 4])
def test_latin_without_cymbals_plays_the_cascara_on_the_closed_hat(shipped, funk, seed):  # noqa: F811
    # a take of the cascara (seed % 3 == 1): a drummer without a ride plays it on the closed hat (it had gone, the
    # network's hats keeping time)
    result = shipped.drumify(funk, Settings(genre={"latin": 1.0}, voice_groups=muted("cymbals"), seed=seed))
    bars = beat_bars(result)
    assert len(bars) >= 4
    for b, bar in bars:
        hit = bar[:, :N_VOICES] > 0.5
        assert not hit[:, RIDE].any() and not hit[:, OPEN].any()
        cascara = CASCARA_THREE if np.flatnonzero(hit[:, SNARE]).tolist() == THREE_SIDE else CASCARA_TWO
        assert np.flatnonzero(hit[:, CLOSED]).tolist() == cascara.tolist(), f"bar {b}"


def test_latin_without_cymbals_or_hats_plays_no_time_keeper(shipped, funk):  # noqa: F811
    result = shipped.drumify(funk, Settings(genre={"latin": 1.0}, voice_groups=muted("cymbals", "hats"), seed=1))
    assert not (result.loops[..., [CLOSED, OPEN, RIDE]] > 0.5).any()


def test_jazz_without_cymbals_plays_the_ride_pattern_on_the_closed_hat(shipped, blues):
    result = shipped.drumify(blues, Settings(genre={"jazz": 1.0}, voice_groups=muted("cymbals")))
    bars = [(b, bar) for b, bar in beat_bars(result) if (bar[0::4, CLOSED] > 0.5).all()]
    assert len(bars) >= 4
    for b, bar in bars:
        assert (bar[SKIPS, CLOSED] > 0.5).all(), f"bar {b}: hat on {np.flatnonzero(bar[:, CLOSED] > 0.5).tolist()}"
        assert not (bar[:, RIDE] > 0.5).any()


@pytest.mark.parametrize("seed", [3, 5, 8])
def test_a_jazz_seed_s_ride_plays_the_skip_note(shipped, blues, seed):
    # these draws kept time on the hats: moved to the ride after the skip note was laid, they rode quarters alone
    result = shipped.drumify(blues, Settings(genre={"jazz": 1.0}, seed=seed))
    bars = [(b, bar) for b, bar in beat_bars(result) if (bar[0::4, RIDE] > 0.5).all()]
    assert len(bars) >= 4
    for b, bar in bars:
        assert (bar[SKIPS, RIDE] > 0.5).all(), f"bar {b}: ride on {np.flatnonzero(bar[:, RIDE] > 0.5).tolist()}"


@pytest.mark.parametrize("part, density", [("blues", 0.2), ("blues", 0.9), ("funk", 0.5), ("funk", 0.9)])
def test_a_jazz_bar_comps_with_at_most_two_snare_notes(shipped, part, density, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"jazz": 1.0}, density=density))
    bars = beat_bars(result)
    assert len(bars) >= 4
    for b, bar in bars:
        assert (bar[:, SNARE] > 0.5).sum() <= 2, f"bar {b}: snare on {np.flatnonzero(bar[:, SNARE] > 0.5).tolist()}"


def test_the_snares_kept_answer_the_part_s_rests_and_a_fill_keeps_its_own():
    from reagroove.core.comping import at_most

    loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    ands = [2, 6, 10, 14]
    loops[0, ands, SNARE], loops[0, ands, N_VOICES + SNARE] = 1.0, [0.3, 0.25, 0.35, 0.2]
    loops[0, [16 + s for s in ands], SNARE] = 1.0
    loops[0, 28:32, TOMS[0]] = 1.0  # the second bar's fill
    grooves = np.zeros((1, 32, 3), np.float32)
    grooves[0, [2, 10], 0] = 1.0  # the part plays on the "and" of 1 and of 3
    out = at_most(loops, grooves, np.ones(1, bool))
    assert np.flatnonzero(out[0, :16, SNARE] > 0.5).tolist() == [6, 14]
    assert np.array_equal(out[0, 16:], loops[0, 16:])
    assert at_most(loops, grooves, np.zeros(1, bool)) is loops
