"""Jazz asked for over a straight part in 8ths rides "ding, ding-a ding" on the straight "and" of 2 and 4, as GMD's
jazz drummers riding straight do, not plain quarters.

Over the held-out freedoom songs the ride had played plain quarters in 57% of the bars asked for jazz (89% of those
whose part plays no 16th off the 8ths: rock parts in straight 8ths); GMD's jazz drummers riding the four beats
straight play the skip note on 2 and 4 in about 80% of their bars, and plain quarters in 6% of all their riding
bars (core/idioms.py). The figures are measured here from GMD itself."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from conftest import GMD_DIR  # noqa: E402

from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

N_VOICES, RIDE = 9, 8
BARS = 8


@pytest.fixture(scope="module")
def gmd_straight_riding():
    """GMD's jazz train beats' bars riding all four beats: (share riding plain quarters of them all; of those riding
    straight, no ride on a beat's last 16th or late on its "and": the share with the "and" of 2, of 4, of 1 and 3;
    the median skip note's velocity over its beat's)."""
    if not GMD_DIR.is_dir():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD_DIR} (set REAGROOVE_GMD)")
    from reagroove.core.dataset import load_dataset

    ds = load_dataset(GMD_DIR).subset("train")
    ds = ds.select(~ds.is_fill & (ds.genre == GENRES.index("jazz")))
    bars = ds.hvo.reshape(-1, 16, 3 * N_VOICES)
    ride, vel, off = bars[..., RIDE] > 0.5, bars[..., N_VOICES + RIDE], bars[..., 2 * N_VOICES + RIDE]
    riding = ride[:, 0::4].all(1)
    ride, vel, off = ride[riding], vel[riding], off[riding]
    quarters = ~ride[:, 1::2].any(1) & ~ride[:, 2::4].any(1)
    late = (ride[:, 2::4] & (off[:, 2::4] > 0.25)).any(1)
    straight = ride[:, 2::4].any(1) & ~ride[:, 3::4].any(1) & ~late
    s, v = ride[straight], vel[straight]
    skip = np.concatenate([v[s[:, k], k] / v[s[:, k], k - 2] for k in (6, 14)])
    return (float(quarters.mean()), float(s[:, 6].mean()), float(s[:, 14].mean()), float(s[:, [2, 10]].mean()),
            float(np.median(skip)))


def straight_eighths_part():
    """A rock part in straight 8ths: the bass on every 8th, a chord on 1 and 3."""
    notes = []
    for b in range(BARS):
        notes += [(b * 4 + e / 2, 40 + (0, 0, 5, 7)[b % 4], 90, 1) for e in range(8)]
        notes += [(b * 4.0 + q, p, 80, 0) for q in (0, 2) for p in (64, 67, 71)]
    return sorted(notes)


def riding_bars(loops):
    """(ride hits, ride velocities) of each 16-step bar riding all four beats (the fills' bars left out)."""
    bars = np.asarray(loops).reshape(-1, 16, 3 * N_VOICES)
    ride = bars[..., RIDE] > 0.5
    keep = ride[:, 0::4].all(1)
    return ride[keep], bars[keep, :, N_VOICES + RIDE]


def test_gmd_jazz_riding_straight_plays_the_skip_note(gmd_straight_riding):
    quarters, on_2, on_4, on_1_and_3, _ = gmd_straight_riding
    assert quarters < 0.1  # plain quarters: seldom
    assert on_2 > 0.7 and on_4 > 0.7 and on_1_and_3 < 0.3  # "ding, ding-a ding": 2 and 4, not every 8th


def test_jazz_over_straight_eighths_rides_the_skip_note_on_2_and_4(shipped, make_midi, gmd_straight_riding):
    quarters, on_2, on_4, _, level = gmd_straight_riding
    res = shipped.drumify(read_midi(make_midi(straight_eighths_part(), length=0.4)), Settings(genre={"jazz": 1.0}))
    ride, vel = riding_bars(res.loops)
    assert len(ride) >= BARS - 2, "the jazz drummer rides the four beats"
    plain = ~ride[:, 1::2].any(1) & ~ride[:, 2::4].any(1)
    assert plain.mean() <= quarters + 0.05, ride.astype(int)  # before: every bar plain quarters
    assert ride[:, 6].mean() >= on_2 and ride[:, 14].mean() >= on_4
    # the skip note softer than its beat, at about GMD's level
    for k in (6, 14):
        ratio = vel[ride[:, k], k] / vel[ride[:, k], k - 2]
        assert np.allclose(ratio, level, atol=0.05), (k, ratio, level)


def test_jazz_over_straight_eighths_keeps_the_part_straight(shipped, make_midi):
    """The skip note lands on the straight "and", never on a 16th a swung part would play it on."""
    res = shipped.drumify(read_midi(make_midi(straight_eighths_part(), length=0.4)), Settings(genre={"jazz": 1.0}))
    ride, _ = riding_bars(res.loops)
    assert len(ride) and not ride[:, 1::2].any()


def test_another_genre_over_straight_eighths_gets_no_skip_note(shipped, make_midi):
    part = read_midi(make_midi(straight_eighths_part(), length=0.4))
    for genre in ("rock", "funk"):
        loops = shipped.drumify(part, Settings(genre={genre: 1.0})).loops
        ride = loops[..., RIDE].reshape(-1, 16) > 0.5
        assert not (ride[:, 0::4].all(1) & ride[:, 6] & ~ride[:, 2]).any(), genre


def walking_bass():
    """A walking bass in quarter notes, no chord: a straight part that plays no 8th off the beat."""
    return [(b * 4.0 + q, 40 + (b * 4 + q) % 7, 90, 1) for b in range(BARS) for q in range(4)]


def test_a_walking_bass_in_quarters_gets_no_skip_note(shipped, make_midi):
    """The skip note goes where the part plays straight 8ths (idioms.MIN_PART_EIGHTHS of a loop's off-beat 8ths): a
    straight walking bass on the beats alone leaves the jazz drummer's ride as the network plays it, no straight
    skip note on 2 and 4 laid in by rule."""
    loops = shipped.drumify(read_midi(make_midi(walking_bass(), length=0.9)), Settings(genre={"jazz": 1.0})).loops
    ride, _ = riding_bars(loops)
    assert len(ride) >= BARS - 2, "the jazz drummer rides the four beats"
    assert not ride[:, [6, 14]].any(), ride.astype(int)


def sparse_eighths_part():
    """A straight part playing its beats and 1, 2, 1, 2, ... of each bar's off-beat 8ths (freedoom's d_dm04 plays 1,
    2, 1, 2, 3, 3, 1, 2 in its first 8 bars)."""
    notes = [(b * 4.0 + q, 40 + (0, 0, 5, 7)[b % 4], 90, 1) for b in range(BARS) for q in range(4)]
    notes += [(b * 4 + q + 0.5, 40 + (0, 0, 5, 7)[b % 4], 80, 1)
              for b in range(BARS) for q in ((1,) if b % 2 == 0 else (1, 3))]
    return sorted(notes)


def test_jazz_keeps_one_ride_pattern_through_a_loop(shipped, make_midi):
    """A part with one off-beat 8th in one bar and two in the next plays in 8ths: the ride keeps the skip note through
    both bars. Counted bar by bar, the ride flipped between plain quarters and the skip note every bar."""
    loops = shipped.drumify(read_midi(make_midi(sparse_eighths_part(), length=0.4)), Settings(genre={"jazz": 1.0})).loops
    ride, _ = riding_bars(loops)
    assert len(ride) >= BARS - 2, "the jazz drummer rides the four beats"
    assert ride[:, 6].all() and ride[:, 14].all(), ride.astype(int)
