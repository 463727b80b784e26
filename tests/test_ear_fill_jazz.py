"""A jazz fill as a jazz drummer plays it around the kick, and fills over a song heard apart (core/fill_runs.py,
core/fill_feel.py).

By ear, before: the hands left the kick only the strokes on its grid step, before the triplet swing: a straight
part's kick on a 16th "a" (3.750) flammed 1/12 beat after the hand's last triplet of the beat (3.667; freedoom's
d_e1m4 --genre jazz, 7 of 7 fills), and over the funk riff a stroke 0.08 beat from a kick was kept while one that met
none was left out. GMD's jazz drummers play their fill kicks between the hands' strokes, none under one. And every
jazz fill of a song had opened with a soft snare on 3 and ended on the floor tom on 4's last triplet at one level
(--fill-length half --seed 3: bars 8 and 28 one drum apart), where a jazz drummer opens on the beat, on its last
triplet or after a rest, and ends on the last triplet, with the kick under the snare, or on 4 with the kick setting
up the 1."""

from pathlib import Path

import numpy as np
from test_ear_fill_feel import DRUMS, bar_fills, jazz_loops
from test_ear_fill_runs import bar_steps

from reagroove.core import read_midi
from reagroove.core.fill_runs import fill_out
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK = 0
JAZZ = Settings(genre={"jazz": 1.0})
FLAM = STEPS_PER_BEAT / 6  # a hand this near a kick (in 16ths, played) flams with it


def played(steps: np.ndarray, voices) -> list[float]:
    """Where (in 16ths from the first step) the hits of `voices` in steps (T, 27) play, offsets included."""
    return sorted(t + float(steps[t, 2 * N_VOICES + v]) for t in range(len(steps)) for v in voices
                  if steps[t, v] > 0.5)


def flams(steps: np.ndarray) -> list[tuple[float, float]]:
    """(hand, kick) played times of the snare and tom strokes, but the last, within FLAM of a kick."""
    hands, kicks = played(steps, DRUMS)[:-1], played(steps, [KICK])
    return [(h, k) for h in hands for k in kicks if abs(h - k) < FLAM - 1e-3]


def test_a_jazz_fills_hands_leave_a_kick_on_the_a_to_it_by_where_they_play():
    loops = jazz_loops(4)
    for t in (19, 23, 27):  # the kick on each beat's 16th "a" inside the bar fill: 1/12 beat after its last triplet
        loops[:, t, [KICK, N_VOICES + KICK]] = (1.0, 0.6)
    fills = bar_fills(4, JAZZ, 100.0, loops=loops)
    for fill in fills:
        assert len(played(fill, [KICK])) >= 3  # the groove's kicks kept
        assert not flams(fill), flams(fill)
        # still a fill: the hands' other triplets, the kicks between them
        assert len(played(fill, DRUMS)) >= 3 and len(played(fill, DRUMS + [KICK])) >= 6, played(fill, DRUMS)


def test_jazz_over_the_funk_riff_fills_with_no_hand_flamming_against_a_kick(shipped):
    for length in ("half", "bar"):
        result = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"),
                                 Settings(genre={"jazz": 1.0}, fill_every=2, fill_length=length))
        w, start = bar_steps(result, 4)  # (bar 8 ends the song: no fill)
        fill = result.loops[w, start + (0 if length == "bar" else 8):start + 16]
        assert len(played(fill, DRUMS)) >= 3, length
        assert not flams(fill), (length, flams(fill))


def jazz_fills(n: int, beats: int) -> np.ndarray:
    """n windows' fills of the last `beats` beats (each a window's), in order, over a straight jazz comp."""
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 32 - STEPS_PER_BEAT * beats:] = True
    out = fill_out(jazz_loops(n), np.arange(n), fill_at, None, JAZZ, 0, 120.0)
    return out[:, 32 - STEPS_PER_BEAT * beats:]


def edges(fill: np.ndarray) -> tuple:
    """(where a fill's hands open, where they end and on which drum), in 16ths as played."""
    hands = played(fill, DRUMS)
    last = max(t for t in range(len(fill)) if (fill[t, DRUMS] > 0.5).any())
    return round(hands[0], 2), round(hands[-1], 2), max(v for v in DRUMS if fill[last, v] > 0.5)


def test_jazz_fills_over_a_song_open_and_end_in_more_than_one_way():
    for beats in (2, 4):
        fills = jazz_fills(8, beats)
        heard = [edges(f) for f in fills]
        assert len({h[0] for h in heard}) >= 3, heard  # on the beat, on its last triplet, after a rest
        assert len({h[1:] for h in heard}) >= 3, heard  # where and on what the hands stop
        for a, b in zip(heard, heard[1:]):
            assert a != b, heard  # the next fill heard apart from the one before
        # the kick sets up the 1: under the last stroke or after the hands stop, in some fills
        setups = [f for f in fills if any(k >= played(f, DRUMS)[-1] - 1e-3 for k in played(f, [KICK]))]
        assert setups, heard


def test_a_jazz_fill_keeps_the_pedal_hat_on_2_and_4():
    """The hat a jazz drummer plays with the foot on 2 and 4 is no hand: a fill bar had lost it (freedoom's d_dm22
    --genre jazz, bars 4 and 20: the hat on 2 only)."""
    loops = jazz_loops(4)
    from test_ear_fill_feel import CLOSED_HAT

    loops[:, [4, 12, 20, 28], CLOSED_HAT] = 1.0  # the foot on 2 and 4 of both bars...
    loops[:, [4, 12, 20, 28], N_VOICES + CLOSED_HAT] = 0.5
    loops[:, 24:32, CLOSED_HAT] = 0.0  # ... but the bar fill's last beats, as the network plays them
    for fill in bar_fills(4, JAZZ, 120.0, loops=loops):
        assert (fill[[4, 12], CLOSED_HAT] > 0.5).all(), np.flatnonzero(fill[:, CLOSED_HAT] > 0.5)
        assert np.allclose(fill[[4, 12], N_VOICES + CLOSED_HAT], 0.5)  # at the foot's level
