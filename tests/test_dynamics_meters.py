"""A part entered at one velocity in a meter other than 4/4 gets a drummer's accents in that meter: in a waltz the
hats on beat 1 loudest, then beats 2 and 3, then the "and"s (GMD's 4/4 accents laid on a waltz had made beats 2
and 3 louder than the 1); in 6/8 the dotted-quarter beats over their triplet 8ths, beat 1 strongest; 7/8's
groups' starts over the 8ths between. 4/4 drums, and drums with dynamics of their own, are as they were."""

from __future__ import annotations

import numpy as np
import pytest

from reagroove.core import meter
from reagroove.core.dynamics import ACCENTS, accents, meter_profile
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.meter import loops_to_bars, window_beats
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

HANDS = [VOICES.index(v) for v in ("closed_hat", "ride")]


def flat_part(make_midi, num, den, name, bars=8):
    """Step-entered keys at one velocity: a waltz's bass and two chords, or 6/8's six 8ths a bar."""
    if (num, den) == (3, 4):
        notes = [n for b in range(bars) for n in [(3 * b, 48, 90, 0), (3 * b + 1, 60, 90, 0), (3 * b + 1, 64, 90, 0),
                                                  (3 * b + 2, 60, 90, 0), (3 * b + 2, 64, 90, 0)]]
    else:
        notes = [(3 * b + i / 2, (48, 55, 60, 52, 55, 60)[i], 90, 0) for b in range(bars) for i in range(6)]
    return make_midi(notes, name=name, time_signatures=((0, num, den),), length=0.3)


def hand_levels(loops, meters):
    """Mean velocity (MIDI) of the hats' and ride's hits on bars' downbeats, on the other beats, off the beats."""
    found = {"down": [], "beat": [], "off": []}
    for loop, bars in zip(np.asarray(loops), meters):
        beats = window_beats(bars)
        assert beats is not None
        for bar in beats:
            for i, beat in enumerate(bar):
                for k in range(beat.length):
                    d = beat.start + k
                    if d >= loop.shape[0] or k % 2:  # 8ths only: the 16ths are softer still
                        continue
                    key = "down" if (i, k) == (0, 0) else "beat" if k == 0 else "off"
                    for v in HANDS:
                        if loop[d, v] > 0.5:
                            found[key].append(loop[d, N_VOICES + v] * 127)
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    return {k: float(np.mean(v)) for k, v in found.items()}


@pytest.mark.parametrize("num, den", [(3, 4), (6, 8)])
def test_a_flat_part_in_a_meter_gets_the_meters_accents(shipped, make_midi, num, den):
    result = shipped.drumify(read_midi(flat_part(make_midi, num, den, f"flat_{num}_{den}.mid")), Settings(seed=3),
                            bars=(1, 8))
    assert result.meters is not None and all(bars[0][1:] == (num, den) for bars in result.meters)
    level = hand_levels(result.loops, result.meters)
    # a drummer counts "ONE two three", "ONE and a TWO and a": the 1 loudest, then the beats, then the 8ths
    assert level["down"] > level["beat"] + 3, level
    assert level["beat"] > level["off"] + 5, level


def test_a_busier_waltz_drummer_with_ghost_notes_keeps_the_waltzs_accents(shipped, make_midi):
    # a density asked for softens the extra snares to ghost notes: the hats still accent the waltz's 1
    result = shipped.drumify(read_midi(flat_part(make_midi, 3, 4, "flat_waltz.mid")), Settings(seed=3, density=0.8),
                            bars=(1, 8))
    level = hand_levels(result.loops, result.meters)
    assert level["down"] > level["beat"] > level["off"], level


def test_4_4_drums_are_unchanged(shipped, make_midi, monkeypatch):
    notes = [(b * 4 + i * 0.5, (40, 40, 45, 43)[b % 4], 100, 0) for b in range(4) for i in range(8)]
    part = read_midi(make_midi(notes, name="flat_bass.mid"))
    now = shipped.drumify(part, Settings(seed=5), bars=(1, 4)).loops
    monkeypatch.setattr(meter, "meter_accents", lambda loops, out, profile: out, raising=False)  # the old path
    before = shipped.drumify(part, Settings(seed=5), bars=(1, 4)).loops
    np.testing.assert_array_equal(now, before)


def test_a_loop_with_its_own_dynamics_keeps_them_in_a_meter(monkeypatch):
    rng = np.random.default_rng(0)
    loops = np.zeros((4, 32, 3 * N_VOICES), np.float32)
    loops[:, ::2, HANDS[0]] = 1.0
    loops[:, ::4, VOICES.index("kick")] = 1.0
    loops[..., N_VOICES:2 * N_VOICES] = rng.uniform(0.2, 1.0, (4, 32, N_VOICES)) * loops[..., :N_VOICES]
    bars = ((0.0, 3, 4), (3.0, 3, 4))
    now = loops_to_bars(loops, bars)
    monkeypatch.setattr(meter, "meter_accents", lambda loops, out, profile: out, raising=False)
    np.testing.assert_array_equal(now, loops_to_bars(loops, bars))


def test_7_8_groups_starts_are_accented():
    loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    loops[:, ::2, HANDS[0]] = 1.0
    loops[:, ::2, N_VOICES + HANDS[0]] = 0.6
    out = loops_to_bars(accents(loops), ((0.0, 7, 8), (3.5, 7, 8)))[0]
    hat = np.where(out[:, HANDS[0]] > 0.5, out[:, N_VOICES + HANDS[0]], np.nan)
    # 2+2+3 in each bar: 8ths 1, 3, 5 start the groups (steps 0, 4, 8; bar 2 from step 14)
    down, starts = hat[[0, 14]], hat[[4, 8, 18, 22]]
    others = hat[[2, 6, 10, 12, 16, 20, 24, 26]]
    assert np.nanmin(down) > np.nanmax(starts) > np.nanmax(others), hat


def test_a_4_4_bar_in_a_meter_window_keeps_gmds_accents():
    profile = meter_profile(((0, 4, True), (4, 4, False), (8, 4, False), (12, 4, False), (16, 6, True), (22, 6, False)),
                            32)
    np.testing.assert_array_equal(profile[:16], ACCENTS)
    assert profile[16, HANDS[0]] > profile[22, HANDS[0]] > profile[18, HANDS[0]]
