"""Swing: a shuffle or a swung part read straight by the model, and its drums played back swung.

The model works on a straight 16th grid. A swung 8th (a beat's "and" played
late, at 2/3 of the beat in a shuffle) lands on the beat's last 16th, early:
step 3 of the beat with a negative offset. Read that way, a shuffle bass line
looked like busy 16th syncopation to the band network: a kick on every swung
"and", straight 8th hats against the band's swing, snare ghosts in between.

So the engine reads the part's feel first (`swing_of`): where most of the
part's off-beat 8ths are played swung, it moves them onto the "and" the model
knows (`straighten`), generates, then plays the loop's off-beat notes at the
part's own swing (`swing_loops`): the "and" and the "a" of each beat on the
swung 8th, the "e" on the swung 16th between (a triplet's middle note in a
shuffle). Straight parts, and lightly swung ones whose "ands" stay on their
own 16th (the model copies their timing already), are left as they are.

A part written in triplets (each beat's three triplet 8ths, a 12/8 feel in
4/4) is swung too, and its middle triplet lands late on the "e": where it
plays that note as often as half its swung 8ths, its swing says so
(`Swing.triplets`) and hats or ride keeping 8ths play the middle triplet as
well, as a drummer plays along with a triplet part (they had played the
long-short shuffle, "1 . a", against the band's three notes a beat).

A path between two parts (`reagroove interpolate`) reads each end straight
at its own swing and moves the swung 8th along the path (`path_swings`):
from a straight part to a shuffle it swings a little more at each step.
"""

from __future__ import annotations

import numpy as np

from .limbs import one_drummer
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES

# A hit on a beat's last 16th at least this much early (in 16ths) is a swung 8th, not a 16th.
SWUNG_EARLY = 0.1
MIN_SWUNG = 4  # swung 8ths a part needs before it counts as swung
# A part's swung 8ths must sit, on the median, no later than this (16ths from the beat: 70% of it). Notes
# pushed a little ahead of the "a" (anticipations) are not a shuffle.
MAX_SWING = 2.8
# A hit on a beat's "e" at least this much late (in 16ths) is a triplet's middle note (a triplet: +1/3).
TRIPLET_LATE = 0.15
_IN_BEAT = np.arange(STEPS) % STEPS_PER_BEAT
_TIMEKEEPERS = (VOICES.index("closed_hat"), VOICES.index("ride"))


class Swing(float):
    """A part's swing (where its swung 8ths fall, in 16ths from the beat) that also says whether the part
    plays the triplet's middle note (a part in triplets), so the time-keepers play it too."""

    triplets: bool

    def __new__(cls, where: float, triplets: bool = False):
        out = super().__new__(cls, where)
        out.triplets = triplets
        return out


def swing_of(grooves: np.ndarray) -> Swing | None:
    """Where a part's swung 8ths fall, in 16ths from the beat (2.5-3.0; a triplet shuffle 2.67), or
    None when the part plays straight: grooves (N, 32, 3) of its windows (hit, velocity, offset).

    Swung when at least MIN_SWUNG of its hits are early on a beat's last 16th, they outnumber its
    straight off-beat 8ths and 16ths ("and" and "a" on their own step) two to one, and their median
    falls no later than MAX_SWING."""
    g = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
    hit, off = g[..., 0] > 0.5, g[..., 2]
    last = hit & (_IN_BEAT == 3)
    swung = last & (off <= -SWUNG_EARLY)
    straight = (last & ~swung) | (hit & (_IN_BEAT == 2))
    n = int(swung.sum())
    if n < MIN_SWUNG or n < 2 * int(straight.sum()):
        return None
    where = float(3 + np.median(off[swung]))
    if where > MAX_SWING:
        return None
    middle = int((hit & (_IN_BEAT == 1) & (off >= TRIPLET_LATE)).sum())  # late "e"s: a triplet's middle note
    return Swing(where, triplets=middle >= max(MIN_SWUNG, n / 2))


def part_swing(grooves: np.ndarray, drum_part: bool = False) -> Swing | None:
    """The swing a part is played at: a band part's own (`swing_of`); None for a drum part, which keeps its
    swing as played (the drum-part network learned drummers' swing from their own grooves)."""
    return None if drum_part else swing_of(grooves)


# a tip, not what plays: "(the genre jazz plays a jazz ride instead)" with no genre asked read as if jazz were on
JAZZ_RIDE_TIP = "for a jazz ride, ask for the jazz genre"


# a straight part's drums swung by a swung pattern they lean on (a shuffle's saved beat at --follow 0), said as a
# swung part's straight pattern is (swing_note)
PATTERN_SWING_NOTE = "the part plays straight: the drums swing with the pattern (raise follow to play them straight)"


def swing_note(own: float, swung: bool, jazz_tip: bool) -> str:
    """The note on a part's own swing (`own`, 16ths from the beat: its off-beat 8ths), whether the drums swing
    with it and, where `jazz_tip` (no genre asked: the network's shuffle plays a backbeat on the hats), the tip."""
    played = "the drums swing with it" if swung else "the drums play the pattern straight (raise follow to swing them)"
    return (f"the part swings (its off-beat 8ths at {own / 4:.0%} of the beat): {played}"
            + (f" ({JAZZ_RIDE_TIP})" if jazz_tip else ""))


def sixteenths_note(late: float | None) -> list[str]:
    """The note on a part's swung 16ths (`sixteenths_swing`: its "e"s and "a"s `late` 16ths late), which the drums'
    16ths follow (`swing_sixteenths`), said as `swing_note` says swung 8ths; none for straight 16ths. The share is
    where the "e" falls in its 8th (50% straight, 67% a triplet's), as a sampler's 16th swing is set."""
    if late is None:
        return []
    return [f'the part swings its 16ths (its "e"s and "a"s at {(1 + late) / 2:.0%} of the 8th): '
            "the drums' 16ths swing with it"]


def straighten(grooves: np.ndarray, swing: float | None) -> np.ndarray:
    """Grooves (N, 32, 3) with their swung 8ths moved onto the beat's "and", keeping how far each was
    from the part's swing as its offset (the louder hit stays where one was there already)."""
    g = np.array(grooves, np.float32, copy=True).reshape(-1, STEPS, 3)
    if swing is None or getattr(swing, "asked", False):  # (a swing asked: swing_asked.py straightened the part)
        return g
    for i, t in zip(*np.nonzero((g[..., 0] > 0.5) & (_IN_BEAT == 3) & (g[..., 2] <= -SWUNG_EARLY))):
        hit = g[i, t].copy()
        if g[i, t - 1, 0] <= 0.5 or g[i, t - 1, 1] < hit[1]:
            g[i, t - 1] = (hit[0], hit[1], np.clip(hit[2] + 3 - swing, -0.5, 0.5))
        g[i, t] = 0.0
    return g


def swing_loops(loops: np.ndarray, swing: float | None) -> np.ndarray:
    """Loops (N, 32, 27) played at a part's swing: each beat's "and" and "a" on the swung 8th (one hit
    per voice, the louder), its "e" on the swung 16th halfway to it; offsets kept as each hit's
    distance from there. A swing under 2.5 (a path's way from a straight part to a swung one,
    `path_swings`) lays the swung 8th on the "and", late; a part's own swing is 2.5 or more; a light swing asked
    (`--swing` under 62.5%) keeps every 16th (`_lightly_swung`)."""
    out = np.array(loops, np.float32, copy=True)
    if swing is None:
        return out
    n = N_VOICES
    hit, vel, off = out[..., :n] > 0, out[..., n : 2 * n], out[..., 2 * n :]
    if swing < 2.5 and getattr(swing, "asked", False):  # a light swing asked (swing_asked.py): every 16th kept
        return _lightly_swung(out, swing)
    to = 3 if swing >= 2.5 else 2  # the 16th of the beat the swung 8th falls nearest
    for beat in range(0, STEPS, STEPS_PER_BEAT):
        e, a, last = beat + 1, beat + 2, beat + 3
        dst, other = beat + to, (last if to == 2 else a)
        from_and = hit[:, a] & (~hit[:, last] | (vel[:, a] >= vel[:, last]))
        moved = hit[:, a] | hit[:, last]
        and_off = np.where(from_and, off[:, a], 0.0)
        vel[:, dst] = np.where(from_and, vel[:, a], vel[:, last])
        off[:, dst] = np.where(moved, np.clip(swing - to + and_off, -0.5, 0.5), 0.0)
        hit[:, dst] = moved
        hit[:, other] = False
        vel[:, other] = off[:, other] = 0.0
        off[:, e] = np.where(hit[:, e], np.clip(swing / 2 - 1 + off[:, e], -0.5, 0.5), 0.0)
        if getattr(swing, "triplets", False):  # a triplet part: hats or ride on the beat and its swung 8th
            for v in _TIMEKEEPERS:             # play the middle triplet between them too
                gap = hit[:, beat, v] & hit[:, dst, v] & ~hit[:, e, v]
                hit[gap, e, v] = True
                vel[gap, e, v] = np.minimum(vel[gap, beat, v], vel[gap, dst, v])
                off[gap, e, v] = np.clip(swing / 2 - 1, -0.5, 0.5)
    out[..., :n] = hit
    return out


def _lightly_swung(out: np.ndarray, swing: float) -> np.ndarray:
    """Loops (N, 32, 27), in place and returned, at a light swing asked (under 62.5%: the swung 8th nearer the "and"
    than the "a"): the "and" late on its own 16th, the "e" and "a" halfway to their swung neighbours, each hit kept
    (laid as a path's swing, the "a" had gone into the "and": `--swing 55` on the funk bass played 153 notes of
    172, its hats' "a"s gone, a kick on the "a" of 1 moved onto the "and")."""
    n = N_VOICES
    hit, off = out[..., :n] > 0, out[..., 2 * n :]
    for step, late in ((1, swing / 2 - 1), (2, swing - 2), (3, (swing + 4) / 2 - 3)):
        rows = slice(step, STEPS, STEPS_PER_BEAT)
        off[:, rows] = np.where(hit[:, rows], np.clip(off[:, rows] + late, -0.5, 0.5), 0.0)
    return out


def play_swung(loops: np.ndarray, swing: float | None) -> np.ndarray:
    """Loops generated straight, played at a part's swing (`swing_loops`) and kept to one drummer's hands
    (`limbs.one_drummer`): swing plays a beat's "and" and "a" on one step, where two hands and a third met.
    A new array; None: as they are."""
    return np.array(loops, np.float32, copy=True) if swing is None else one_drummer(swing_loops(loops, swing))


# A hit on a beat's "e" or "a" at least this late (in 16ths) is a swung 16th (hip-hop's lazy 16ths: at 62% swing
# the "e" comes 0.24 of a 16th late); under half of it, a straight one.
SWUNG_16TH = 0.1


def sixteenths_swing(grooves: np.ndarray) -> float | None:
    """How late a part plays its 16ths' "e" and "a" (in 16ths, the median), where at least MIN_SWUNG of them are
    late, "e"s and "a"s alike, and they outnumber its straight ones two to one (and its early ones); None for
    straight 16ths (grooves (N, 32, 3))."""
    g = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
    odd = (g[..., 0] > 0.5) & (_IN_BEAT % 2 == 1)
    off = g[..., 2]
    late = odd & (off >= SWUNG_16TH)
    n = int(late.sum())
    if n < MIN_SWUNG or n < 2 * int((odd & (np.abs(off) < SWUNG_16TH / 2)).sum()):
        return None
    # both the "e" and the "a" late: triplets put the "e" late and the "a" early, and pickups dragged onto the
    # beat move only "a"s (their drums had been swung a third of a 16th in a straight song)
    even = (g[..., 0] > 0.5) & (_IN_BEAT % 2 == 0)  # ... and the 8ths on time (a part laid back plays them late too)
    if min(int((late & (_IN_BEAT == 1)).sum()), int((late & (_IN_BEAT == 3)).sum())) < 2 or \
            2 * int((odd & (off <= -SWUNG_16TH)).sum()) > n or (even.any() and np.median(off[even]) >= SWUNG_16TH / 2):
        return None
    return float(np.median(off[late]))


def swing_sixteenths(loops: np.ndarray, late: float) -> np.ndarray:
    """Loops (N, 32, 27) of a part swinging its 16ths (`sixteenths_swing`): each hit on an "e" or an "a" that the
    part gave no timing of its own (on time) played `late` as the part's are (a new array). The network copies
    the part's timing step by step, so a sparse part's drums mixed its swung 16ths with straight ones in a bar."""
    out = np.array(loops, np.float32, copy=True)
    n = N_VOICES
    off = out[..., 2 * n:]
    on_time = (out[..., :n] > 0.5) & (_IN_BEAT % 2 == 1)[None, :, None] & (np.abs(off) < SWUNG_16TH / 2)
    off[on_time] = late
    return out


# Where a straight part's 8ths fall (the "and", in 16ths from the beat): a path's straight end.
STRAIGHT = 2.0


def path_swings(a: Swing | None, b: Swing | None, t: np.ndarray) -> list[Swing | None]:
    """The swing of each loop of a path from a part at swing `a` to one at `b` (None: straight) at
    positions t (0 = a, 1 = b): the swung 8th moves along the path as the groove does (a straight end
    at the "and"), the middle triplet kept from the nearer end; None where both ends are straight or
    the 8th is within SWUNG_EARLY of the "and"."""
    if a is None and b is None:
        return [None] * len(t)
    out = []
    for x in np.asarray(t, np.float64).ravel():
        where = (1 - x) * (STRAIGHT if a is None else a) + x * (STRAIGHT if b is None else b)
        near = a if x < 0.5 else b
        out.append(None if where < STRAIGHT + SWUNG_EARLY else Swing(where, bool(getattr(near, "triplets", False))))
    return out


__all__ = ["Swing", "swing_of", "part_swing", "straighten", "swing_loops", "play_swung", "path_swings", "STRAIGHT", "MAX_SWING", "MIN_SWUNG", "SWUNG_EARLY"]
