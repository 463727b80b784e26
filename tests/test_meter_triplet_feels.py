"""Meters a drummer counts in triplets or odd groups: a 12/8 slow blues, a 4/4 part written in triplets,
and the odd meters (7/8, 5/4, 9/8, a meter change every bar, a pickup in 12/8)."""

import numpy as np
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.loop import VOICES
from reagroove.core import meter_read
from reagroove.core.groove import extract_windows
from reagroove.core.meter import loops_to_bars
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.settings import Settings

HAT = VOICES.index("closed_hat")


def part(onsets, num, den, n_bars, bpm=90.0):
    """A part with notes at beats `onsets(bar_start)` in bars of num/den."""
    length = num * 4.0 / den
    starts = [b for bar in range(n_bars) for b in onsets(bar * length)]
    notes = Notes.from_lists(starts, [60 + (i % 3) * 4 for i in range(len(starts))], [90] * len(starts))
    return MidiContent("part.mid", notes, 480, [(0.0, bpm)], [(0.0, num, den)], n_bars * length, [])


def blues_12_8(n_bars=4):
    """A 12/8 slow blues arpeggio: the 12 triplet 8ths of each bar."""
    return part(lambda s: [s + i / 2 for i in range(12)], 12, 8, n_bars)


def sixteenth_hats(n=1):
    loop = np.zeros((n, 32, 27), np.float32)
    loop[:, :, HAT], loop[:, :, 9 + HAT] = 1.0, 0.6
    loop[:, ::4, 9 + HAT] = 0.9
    return loop


def test_a_12_8_slow_blues_keeps_triplet_8ths_on_the_hats():
    # the model hears triplet 8ths as "1 e a" and answers with 16th hats: a drummer plays the 12 triplet 8ths
    out = loops_to_bars(sixteenth_hats(), ((0.0, 12, 8),))[0]
    assert list(np.flatnonzero(out[:24, HAT])) == list(range(0, 24, 2))
    # a busy density (the stub's 16th hats) on a whole 12/8 blues: 12 hats a bar, every one on an 8th
    res = Engine(StubModel()).drumify(blues_12_8(), Settings(density=0.9))
    for w, bars in enumerate(res.meters):
        hats = np.flatnonzero(res.loops[w, :24, HAT] > 0.5)
        assert list(hats) == list(range(0, 24, 2)), (w, hats)


def test_a_part_playing_sextuplets_in_12_8_keeps_busier_hats():
    sextuplets = part(lambda s: [s + i / 4 for i in range(24)], 12, 8, 2)
    wins = extract_windows(sextuplets)
    assert meter_read.plays_sixteenths(wins.grooves, wins.meters)
    blues = extract_windows(blues_12_8())
    assert not meter_read.plays_sixteenths(blues.grooves, blues.meters)
    out = loops_to_bars(sixteenth_hats(), ((0.0, 12, 8),), sixteenths=True)[0]
    assert list(np.flatnonzero(out[:24, HAT])) == list(range(24))


def triplet_hats(res, bars=4):
    """Closed-hat onsets in beats (from the loops' steps and offsets) of the first `bars` 4/4 bars."""
    out = []
    for w, start in enumerate(res.starts):
        steps = np.flatnonzero(res.loops[w, :, HAT] > 0.5)
        out += [round(start + (s + res.loops[w, s, 18 + HAT]) / 4, 3) for s in steps]
    return sorted(b for b in out if b < 4 * bars)


def test_a_4_4_part_in_triplets_gets_triplet_8ths_on_the_hats():
    # a part in 8th-note triplets (three notes a beat): a drummer plays the three triplets, not "1 . a"
    trip = part(lambda s: [s + b + k / 3 for b in range(4) for k in range(3)], 4, 4, 4, bpm=70.0)
    res = Engine(StubModel()).drumify(trip, Settings())
    hats = triplet_hats(res)
    want = [b + k / 3 for b in range(16) for k in range(3)]
    assert len(hats) == len(want) and np.allclose(hats, want, atol=0.03), hats
    # a shuffle (long-short: the triplet's 1st and 3rd) keeps the shuffle on the hats
    shuffle = part(lambda s: [s + b + k for b in range(4) for k in (0, 2 / 3)], 4, 4, 4, bpm=100.0)
    hats = triplet_hats(Engine(StubModel()).drumify(shuffle, Settings()))
    want = [b + k for b in range(16) for k in (0, 2 / 3)]
    assert len(hats) == len(want) and np.allclose(hats, want, atol=0.03), hats


def off_triplet_grid(res):
    """Steps of the pickup window's hits that are not on an 8th of the 12/8 bar they lead into."""
    w = 0
    into = round((res.starts[1] - res.starts[0]) * 4)  # the bar line the pickup leads into, in its window's steps
    steps = np.flatnonzero((res.loops[w, :, :9] > 0.5).any(1))
    return [int(s) for s in steps if (into - s) % 2]


def test_a_pickup_into_a_12_8_bar_plays_on_its_triplet_8ths():
    bars = lambda first: [first + bar * 6 + i / 2 for bar in range(3) for i in range(12)]  # noqa: E731
    # a pickup bar of three 8ths (3/8) before 12/8: one dotted beat, not a quarter and an 8th
    notes = [0.0, 0.5, 1.0] + bars(1.5)
    content = MidiContent("p.mid", Notes.from_lists(notes, [60] * len(notes), [90] * len(notes)), 480,
                          [(0.0, 90.0)], [(0.0, 3, 8), (1.5, 12, 8)], 19.5, [])
    res = Engine(StubModel()).drumify(content, Settings())
    assert res.bars[0] < 1 and (res.loops[0, :, :9] > 0.5).any()
    assert off_triplet_grid(res) == []
    # a whole first 12/8 bar whose notes start on the "let" of dotted beat 3 (four 8ths into bar 2)
    notes = [4.0, 4.5, 5.0, 5.5] + bars(6.0)
    content = MidiContent("p.mid", Notes.from_lists(notes, [60] * len(notes), [90] * len(notes)), 480,
                          [(0.0, 90.0)], [(0.0, 12, 8)], 24.0, [])
    res = Engine(StubModel()).drumify(content, Settings())
    assert res.bars[0] < 1 and (res.loops[0, :, :9] > 0.5).any()
    assert off_triplet_grid(res) == []


def test_music_changing_meter_every_bar_starts_on_its_bar_1():
    from reagroove.core.groove import bar_grid, extract_windows

    # 3/4, 4/4, 3/4, 4/4 ...: the first 3/4 bar is the song's bar 1 (its meter comes back), not a pickup
    sigs, t = [], 0.0
    for k in range(6):
        sigs.append((t, 3, 4) if k % 2 == 0 else (t, 4, 4))
        t += 3.0 if k % 2 == 0 else 4.0
    starts = list(np.arange(0.0, t, 0.5))
    content = MidiContent("m.mid", Notes.from_lists(starts, [40] * len(starts), [100] * len(starts)), 480,
                          [(0.0, 110.0)], sigs, t, [])
    assert bar_grid(sigs, t).first_bar == 0
    wins = extract_windows(content)
    assert wins.starts[0] == 0.0 and wins.bars[0] == 1 and wins.meters[0] == ((0.0, 3, 4), (3.0, 4, 4))
    res = Engine(StubModel()).drumify(content, Settings())
    assert res.loops[0, 0, VOICES.index("kick")] > 0.5  # the music's first downbeat has its kick
    # a real pickup (a 1/4 bar whose meter never comes back) stays one
    assert bar_grid([(0.0, 1, 4), (1.0, 4, 4)], 17.0).first_bar == 1
    assert bar_grid([(0.0, 2, 4), (2.0, 4, 4), (30.0, 2, 4), (32.0, 4, 4)], 40.0).first_bar == 1


def test_a_12_8_part_rushing_its_last_triplet_is_not_read_as_a_shuffle():
    # the last triplet 8th of each dotted beat 0.3 of a 16th early (a live player's rushed "let")
    rushed = part(lambda s: [s + i / 2 - (0.3 / 4 if i % 3 == 2 else 0.0) for i in range(12)], 12, 8, 4)
    res = Engine(StubModel()).drumify(rushed, Settings())
    assert not any("swings" in m for m in res.messages), res.messages
    # a 4/4 part played that way is a shuffle, as before
    shuffle = part(lambda s: [s + b + k for b in range(4) for k in (0, 2 / 3)], 4, 4, 4, bpm=100.0)
    assert any("swings" in m for m in Engine(StubModel()).drumify(shuffle, Settings()).messages)


OPEN = VOICES.index("open_hat")
KICK = VOICES.index("kick")


def eighth_hats(pushes=(), n=1):
    """8th hats (the beat and its "and") with the 16th "a" added before the loop beats after `pushes`."""
    loop = np.zeros((n, 32, 27), np.float32)
    loop[:, ::2, HAT], loop[:, ::2, 9 + HAT] = 1.0, 0.7
    for beat in pushes:
        loop[:, beat * 4 + 3, HAT], loop[:, beat * 4 + 3, 9 + HAT] = 1.0, 0.5
    return loop


def test_a_take_pushing_its_hats_into_a_beat_opens_the_hat_on_the_let():
    # 16th hats "1 & a" on beat 1 only: in 12/8 the hat opens on dotted beat 1's last triplet (step 4) and
    # closes on beat 2; the other triplets stay closed, 12 hat strokes a bar as before
    out = loops_to_bars(eighth_hats(pushes=[0]), ((0.0, 12, 8),))[0]
    assert list(np.flatnonzero(out[:24, OPEN])) == [4]
    assert list(np.flatnonzero(out[:24, HAT])) == [s for s in range(0, 24, 2) if s != 4]
    # pushes into beats 2 and 4 of the loop: the lets of dotted beats 2 and 4 (the last one into the next 1)
    out = loops_to_bars(eighth_hats(pushes=[1, 3]), ((0.0, 12, 8),))[0]
    assert list(np.flatnonzero(out[:24, OPEN])) == [10, 22]
    # 6/8: loop beat 4, which the bar skips, pushes into the next bar: the 6th 8th of each bar
    out = loops_to_bars(eighth_hats(pushes=[3, 7]), ((0.0, 6, 8), (3.0, 6, 8)))[0]
    assert list(np.flatnonzero(out[:24, OPEN])) == [10, 22]
    assert not (out[:, OPEN] > 0)[out[:, HAT] > 0].any()  # one hi-hat state per step
    # no push (rock 8ths) or a push before every beat (straight 16ths): closed triplets, no open hat
    for loop in (eighth_hats(), eighth_hats(pushes=range(8))):
        out = loops_to_bars(loop, ((0.0, 12, 8),))[0]
        assert not out[:, OPEN].any() and list(np.flatnonzero(out[:24, HAT])) == list(range(0, 24, 2))
    # a 4/4 window plays the loop as it is
    assert not loops_to_bars(eighth_hats(pushes=[0]), ((0.0, 4, 4), (4.0, 4, 4)))[0][:, OPEN].any()


def test_seeds_pushing_their_hats_differently_sound_different_in_6_8():
    # two takes alike but for 16th pushes (the model's seeds 1 and 2 in 6/8 differed in those and in kicks
    # on beats the 6/8 bar does not play): their drums on the bars must differ too
    one, two = eighth_hats(), eighth_hats(pushes=[1, 2, 5, 6])
    bars = ((0.0, 6, 8), (3.0, 6, 8))
    a, b = loops_to_bars(one, bars)[0, :24, :9] > 0, loops_to_bars(two, bars)[0, :24, :9] > 0
    assert (a ^ b).sum() >= 0.04 * max(a.sum(), b.sum())
