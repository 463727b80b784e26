"""Every version of `--variations` keeps a drummer's time, in 3/4, 6/8, 12/8 and a 4/4 ballad.

The piano waltz's version 3 had kept time with a ride on beat 1 only and an open hat on the "and" of 2
and on 3 (the one redraw clear of four takes within 10% of each other: a 4/4 take's ride on 1 and 3 loses
its 3 in a waltz); a 3/4, 12/8 and 4/4 ballad part's version 3 did the same (ride on the downbeat, open
hats as the pulse). Versions still differ pairwise in at least 15% of their hits (issue 10).
"""

import itertools
from pathlib import Path

import numpy as np
import pytest
from test_meter_variations import built_part

from reagroove.core import read_midi
from reagroove.core.limbs import CLOSED_HAT, OPEN_HAT, RIDE, SNARE
from reagroove.core.meter import bars_beats, is_pickup
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.settings import Settings
from reagroove.core.takes import hit_change, time_faults

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def ballad(n_bars: int = 8) -> MidiContent:
    """A slow 4/4 ballad: bass and a triad on beats 1 and 3, at 70 bpm."""
    starts, pitches, vels = [], [], []
    for bar in range(n_bars):
        for beat in (0.0, 2.0):
            for p in (40 if beat == 0 else 43, 60, 64, 67):
                starts.append(bar * 4 + beat), pitches.append(p), vels.append(90 if p < 50 else 60)
    return MidiContent("ballad.mid", Notes.from_lists(starts, pitches, vels), 480, [(0.0, 70.0)], [(0.0, 4, 4)],
                       n_bars * 4.0, [])


PARTS = {
    "piano waltz": lambda: read_midi(EXAMPLES / "piano_waltz.mid"),
    "3/4": lambda: built_part(3, 4),
    "6/8": lambda: built_part(6, 8),
    "12/8": lambda: built_part(12, 8),
    "4/4 ballad": ballad,
}


def broken_bars(hits: np.ndarray, meters) -> list[str]:
    """What a drummer hears wrong in each bar of a version (W, 32, 9 bool, real grid): neither the closed hat
    nor the ride on two of the bar's beats (all of a 2-beat bar's), the open hat played more than either, or
    the pulse split between them (6/8's version 3: the hat on the beats, the ride on their last 8th)."""
    wrong = []
    for w, loop in enumerate(hits):
        window = None if meters is None else meters[w]
        if is_pickup(window):
            continue
        for k, bar in enumerate(bars_beats(window)):
            steps = [b.start for b in bar if b.start < loop.shape[0]]
            if not steps:
                continue
            span = loop[steps[0]:min(bar[-1].start + bar[-1].length, loop.shape[0])]
            beats_hat, beats_ride = loop[steps, CLOSED_HAT].sum(), loop[steps, RIDE].sum()
            if max(beats_hat, beats_ride) < min(len(steps), 2):
                wrong.append(f"window {w} bar {k}: time-keeper on {max(beats_hat, beats_ride)} beat(s)")
            if span[:, OPEN_HAT].sum() > max(span[:, CLOSED_HAT].sum(), span[:, RIDE].sum()):
                wrong.append(f"window {w} bar {k}: open hat as the pulse")
            if span[:, RIDE].any() and not beats_ride and beats_hat:
                wrong.append(f"window {w} bar {k}: hat on the beats, ride only between them")
    return wrong


@pytest.mark.parametrize("name", PARTS)
def test_every_version_keeps_time_and_differs(shipped, name):
    res = shipped.drumify(PARTS[name](), Settings(), bars=(1, 8))
    versions = shipped.variations_of(res, Settings(), 4)
    hits = [v[..., :9] > 0.5 for v in versions]
    for i, h in enumerate(hits):
        assert broken_bars(h, res.meters_played) == [], f"{name} version {i + 1}"
    for a, b in itertools.combinations(range(4), 2):
        assert hit_change(hits[a], hits[b]) >= 0.15, f"{name} versions {a + 1} and {b + 1}"


def test_eight_waltz_versions_keep_time(shipped):
    """Eight versions of the waltz are harder to keep 15% apart: the 4th kept a ride on beat 1 after 3 rounds."""
    res = shipped.drumify(PARTS["piano waltz"](), Settings(), bars=(1, 8))
    versions = shipped.variations_of(res, Settings(), 8)
    hits = [v[..., :9] > 0.5 for v in versions]
    for i, h in enumerate(hits):
        assert broken_bars(h, res.meters_played) == [], f"version {i + 1}"
    assert min(hit_change(hits[a], hits[b]) for a, b in itertools.combinations(range(8), 2)) >= 0.15


def roll_bars(hits: np.ndarray, meters) -> list[str]:
    """Bars of a version (W, 32, 9 bool, real grid) whose snare plays a roll, not a groove: more than one and
    a half snares a beat off the backbeat (the beats that play the loop's 2 and 4)."""
    wrong = []
    for w, loop in enumerate(hits):
        window = None if meters is None else meters[w]
        for k, bar in enumerate(() if is_pickup(window) else bars_beats(window)):
            beats = [b for b in bar if b.start < loop.shape[0]]
            span = loop[beats[0].start:min(beats[-1].start + beats[-1].length, loop.shape[0]), SNARE]
            off = int(span.sum()) - sum(int(loop[b.start, SNARE]) for b in beats if b.source % 2)
            if off > 1.5 * len(beats):
                wrong.append(f"window {w} bar {k}: {off} snares off the backbeat")
    return wrong


@pytest.mark.parametrize("name,seed", [("piano waltz", 5), ("4/4 ballad", 5), ("4/4 ballad", 0), ("12/8", 0)])
def test_versions_play_no_snare_roll_for_a_groove(shipped, name, seed):
    """Seed 5's waltz version 3 had a snare on every 16th but the 1 in every bar; the ballad's and the 12/8
    part's version 4 (seed 0) 9 snares a bar."""
    res = shipped.drumify(PARTS[name](), Settings(seed=seed), bars=(1, 8))
    versions = shipped.variations_of(res, Settings(seed=seed), 4)
    hits = [v[..., :9] > 0.5 for v in versions]
    for i, h in enumerate(hits):
        assert roll_bars(h, res.meters_played) == [], f"{name} version {i + 1}"
        assert broken_bars(h, res.meters_played) == [], f"{name} version {i + 1}"
    assert min(hit_change(hits[a], hits[b]) for a, b in itertools.combinations(range(4), 2)) >= 0.15


def waltz_bars(keeper: dict[int, list[int]], snare=(4, 8)) -> np.ndarray:
    """One 3/4 window (2 bars of 12 steps on the real grid): voice -> steps in each bar; snares on 2 and 3."""
    loop = np.zeros((32, 9), bool)
    for bar in (0, 12):
        for v, steps in keeper.items():
            loop[[bar + s for s in steps], v] = True
        loop[[bar + s for s in snare], SNARE] = True
    return loop[None]


WALTZ = [((0.0, 3, 4), (3.0, 3, 4))]


def test_time_faults_hears_a_waltz_as_a_drummer():
    assert time_faults(waltz_bars({CLOSED_HAT: [0, 2, 4, 6, 8, 10]}), WALTZ) == 0.0
    assert time_faults(waltz_bars({RIDE: [0, 4, 8], CLOSED_HAT: [4, 8]}), WALTZ) == 0.0  # jazz waltz, foot hat
    # the old version 3: a ride on 1 only, the open hat on the "and" of 2 and on 3
    assert time_faults(waltz_bars({RIDE: [0], OPEN_HAT: [6, 8]}), WALTZ) == 1.0
    assert time_faults(waltz_bars({CLOSED_HAT: [0], OPEN_HAT: [2, 4, 6, 8, 10]}), WALTZ) == 1.0  # open hat pulse
    assert time_faults(waltz_bars({CLOSED_HAT: [0, 2, 4, 6, 8, 10]}, snare=(4,)), WALTZ) == 1.0  # no backbeat on 3
    assert time_faults(waltz_bars({CLOSED_HAT: [0, 2, 4, 6, 8, 10]}, snare=range(1, 12)), WALTZ) == 1.0  # a roll
    assert time_faults(waltz_bars({CLOSED_HAT: [0, 2, 4, 6, 8, 10]}, snare=(3, 4, 7, 8)), WALTZ) == 0.0  # ghosts


def test_time_faults_hears_a_split_pulse():
    six_eight = [((0.0, 6, 8), (3.0, 6, 8))]
    loop = np.zeros((1, 32, 9), bool)
    loop[0, [0, 6, 12, 18], CLOSED_HAT] = True
    loop[0, [4, 10, 16, 22], RIDE] = True
    loop[0, [6, 18], SNARE] = True
    assert time_faults(loop, six_eight) == 1.0
    loop[0, [2, 4, 8, 10, 14, 16, 20, 22], CLOSED_HAT], loop[0, :, RIDE] = True, False
    assert time_faults(loop, six_eight) == 0.0


def test_time_faults_hears_ride_and_hats_swapping():
    loop = np.zeros((1, 32, 9), bool)
    loop[0, 0:16:2, CLOSED_HAT] = True
    loop[0, 16:32:2, RIDE] = True
    loop[0, [4, 12, 20, 28], SNARE] = True
    assert time_faults(np.concatenate([loop, loop]), None) == 0.5  # hats, ride, hats, ride: the middle bars
    hats, ride = loop.copy(), loop.copy()
    hats[0, 16:32:2, CLOSED_HAT], hats[0, 16:32:2, RIDE] = True, False
    ride[0, 0:16:2, RIDE], ride[0, 0:16:2, CLOSED_HAT] = True, False
    assert time_faults(np.concatenate([hats, hats]), None) == 0.0
    assert time_faults(np.concatenate([hats, ride]), None) == 0.0  # a section moving to the ride


def bass_and_keys(n_bars: int = 2) -> MidiContent:
    """A bass on 1, the "and" of 2, 3, 4 and its "and", keys on 2 and 4, at 100 bpm (a producer's sketch)."""
    starts, pitches, vels = [], [], []
    for bar in range(n_bars):
        for beat, pitch, vel in ((0, 40, 110), (1.5, 40, 85), (2, 47, 100), (3, 45, 90), (3.5, 43, 90)):
            starts.append(bar * 4 + beat), pitches.append(pitch), vels.append(vel)
        for beat in (1.0, 3.0):
            for pitch in (64, 67, 71):
                starts.append(bar * 4 + beat), pitches.append(pitch), vels.append(80)
    return MidiContent("sketch.mid", Notes.from_lists(starts, pitches, vels), 480, [(0.0, 100.0)], [(0.0, 4, 4)],
                       n_bars * 4.0, [])


def kicks_per_bar(hits: np.ndarray) -> np.ndarray:
    return hits.reshape(-1, 16, 9)[..., 0].sum(-1)


def test_versions_and_seeds_keep_the_kick_with_the_bass(shipped):
    """Under a bass line playing 1, the "and" of 2, 3 and the "and" of 4 (version 1 kicks 4 times a bar),
    version 4 kicked beat 1 only, and its redraw 10 times a bar: neither is the band's drummer. Every version
    and seeded take kicks from half to twice as often as version 1 in each bar."""
    content = bass_and_keys()
    res = shipped.drumify(content, Settings())
    plain = kicks_per_bar(res.loops[..., :9] > 0.5)
    assert (plain >= 2).all()
    takes = [v[..., :9] > 0.5 for v in shipped.variations_of(res, Settings(), 4)]
    takes += [shipped.drumify(content, Settings(seed=seed)).loops[..., :9] > 0.5 for seed in (1, 2, 3, 4)]
    for i, h in enumerate(takes):
        kicks = kicks_per_bar(h)
        assert ((2 * kicks >= plain) & (kicks <= 2 * plain)).all(), f"take {i}: {kicks} kicks a bar against {plain}"
