"""Two hands at a fast tempo: above 165 BPM (a 16th every 91 ms, 11 strokes a second) no hand plays three 16ths in
a row, the hat or ride in one hand and the snare and toms in the other (core/hand_speed.py, two_hands)."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.hand_speed import at_tempo
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, LOW_TOM, MID_TOM, HIGH_TOM, CRASH, RIDE = range(9)
KEEPERS, DRUMS = [CLOSED_HAT, OPEN_HAT, RIDE], [SNARE, LOW_TOM, MID_TOM, HIGH_TOM, CRASH]


def a_sticking_exists(loop) -> bool:
    """Whether one drummer's two hands play the loop (T, 27) with no hand on three 16ths in a row: the hat or ride
    in the time-keeping hand, the drums in the other, a hand taking the other's voice only where that voice is
    all that plays on the 16th and those beside it (both hands free for it)."""
    keep, drum = (np.add.reduce(loop[:, v] > 0.5, -1) for v in (KEEPERS, DRUMS))
    near = lambda line, t: line[max(t - 1, 0):t + 2].any()  # noqa: E731
    states = {(0, 0)}  # 16ths in a row so far: the time-keeping hand, the other hand
    for t in range(len(loop)):
        if keep[t] + drum[t] > 2:
            return False
        ways = []  # (time-keeping hand plays, other hand plays)
        if keep[t] + drum[t] == 0:
            ways = [(False, False)]
        elif keep[t] + drum[t] == 2:
            swap = (keep[t] == 2 and not near(drum, t)) or (drum[t] == 2 and not near(keep, t))
            ways = [(True, True)] if (keep[t] == 1 or swap) else []
        else:
            ways = [(True, False)] if keep[t] or not near(keep, t) else []
            ways += [(False, True)] if drum[t] or not near(drum, t) else []
        states = {(a + 1 if pa else 0, b + 1 if pb else 0) for a, b in states for pa, pb in ways
                  if not (pa and a == 2) and not (pb and b == 2)}
        if not states:
            return False
    return True


def drum_and_bass(bpm, make_midi):
    """A sparse drum-and-bass bass line (four notes a bar pair: 1, the & of 3, the a of 1, the & of 3)."""
    roots = (38, 38, 41, 36)
    notes = [(8 * pair + beat, roots[pair % 4] + step, vel, 1)
             for pair in range(4) for beat, step, vel in ((0.0, 0, 100), (2.5, 0, 90), (4.75, 3, 90), (6.5, 5, 90))]
    return read_midi(make_midi(notes, name=f"dnb_{bpm:g}.mid", tempos=((0, bpm),), length=1.0))


def test_fast_drum_and_bass_at_a_high_density_has_a_hand_for_every_stroke(shipped, make_midi):
    """At 174 BPM, density 0.8, the hats had run three 16ths from the backbeat (hat and snare on beat 2, hats on
    its e and &) in every bar: one hand at 11.6 strokes a second with the other on the snare."""
    fast = shipped.drumify(drum_and_bass(174.0, make_midi), Settings(density=0.8))
    for loop in fast.loops:
        assert a_sticking_exists(loop)
        hats, snare = loop[:, CLOSED_HAT] > 0.5, loop[:, SNARE] > 0.5
        assert not (hats[1::2] & (hats & snare)[0::2]).any()  # no hat 16th after a step both hands play
        assert hats[0::2].all() and snare[4::8].all()  # the time's 8ths and the backbeat stay
    assert any("three 16ths" in m for m in fast.messages)  # the producer is told why
    # the same part at half the tempo: one hand plays those 16ths, and they stay
    slow = shipped.drumify(drum_and_bass(87.0, make_midi), Settings(density=0.8))
    assert (slow.loops[:, 5::16, CLOSED_HAT] > 0.5).all()
    assert not any("BPM" in m for m in slow.messages)


def loop_of(hits):
    """A loop (1, 32, 27) from {voice: {step: velocity}}, every hit at its velocity, 0.05 late."""
    loop = np.zeros((1, 32, 27), np.float32)
    for v, steps in hits.items():
        for t, vel in steps.items():
            loop[0, t, v], loop[0, t, 9 + v], loop[0, t, 18 + v] = 1.0, vel, 0.05
    return loop


def test_what_two_hands_cannot_play_goes_the_sixteenths_first():
    """Hats on the 8ths and on three 16ths, the backbeat, an accent on the a of 2 and two ghost notes at 174 BPM:
    the hat's 16ths beside the backbeat go (its hand is on the 8ths, the other on the snare); the 16th with both
    hands free, the accent and the ghost notes stay (the snare's hand plays them between its strokes)."""
    hats = {t: 0.8 for t in range(0, 32, 2)} | {1: 0.5, 5: 0.5, 13: 0.5}
    snare = {4: 1.0, 12: 1.0, 20: 1.0, 28: 1.0, 7: 0.9, 14: 0.4, 15: 0.4}
    loop = loop_of({KICK: {0: 1.0, 1: 1.0, 8: 1.0}, CLOSED_HAT: hats, SNARE: snare})
    out, thinned = at_tempo(loop, 174.0)
    assert thinned and a_sticking_exists(out[0])
    assert np.flatnonzero(out[0, :, CLOSED_HAT]).tolist() == sorted(set(range(0, 32, 2)) | {1})
    assert not out[0, [5, 13], 9:].any()  # velocity and timing go with a hit
    assert np.array_equal(out[..., [KICK, SNARE]], loop[..., [KICK, SNARE]])  # the foot and the snare as they were
    assert np.array_equal(at_tempo(loop, 160.0)[0], loop)  # at 160 a hand plays 16ths (10.7 a second)


def test_a_fast_fill_keeps_what_two_hands_reach():
    """At 190 BPM a fill struck snare and high tom together on three 16ths in a row (each hand three strokes in 158
    ms): the middle pair goes; the 8ths' pairs and the toms that run on stay."""
    loop = loop_of({CLOSED_HAT: {t: 0.8 for t in range(0, 9, 2)}, SNARE: {8: 0.9, 9: 0.8, 10: 0.8},
                    HIGH_TOM: {9: 1.0, 10: 1.0, 11: 1.0}, LOW_TOM: {12: 1.0, 14: 1.0}, MID_TOM: {14: 1.0}})
    assert not a_sticking_exists(loop[0])
    out, thinned = at_tempo(loop, 190.0)
    assert thinned and a_sticking_exists(out[0])
    assert not out[0, 9, :9].any()
    kept = loop.copy()
    kept[0, 9] = 0.0
    assert np.array_equal(out, kept)
