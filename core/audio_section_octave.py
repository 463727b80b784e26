"""A take that jumps by 3:2 between sections (a strum going 120 -> 80 BPM): each section counted at the same level.

core/audio_tempo_step.py reads the two sections' tempos per window within 0.6-1.4 of the whole take's tempo. A
section at 3:2 of the rest lies at its edge, and its windows read the alias at 4:3 instead, an octave off: 80 BPM's
8ths are 160's beats, so a strum going 120 -> 80 got a map of 120 -> 160 and drums twice as fast over its 80 BPM
half (12 of 16 rendered 3:2 jumps mapped a section an octave off). Both readings fit that section's notes; what
says which is the rest of the take: a band keeps its rhythm's note values through a tempo change, so the gaps
between its notes, counted in 16ths of their section's tempo, fall alike on both sides. The section whose tempo is
not the take's is read at the octave (half, as read, or double) whose gaps match the other section's.
"""

from __future__ import annotations

import numpy as np

MAX_GAP = 8  # 16ths: the gaps between successive notes counted up to two beats (longer ones are rests)
MIN_GAPS = 16  # a section with fewer such gaps says nothing
MATCH = 0.45  # the octave taken has its gaps' spread (L1 distance, 0-2) within this of the other section's ...
BETTER = 0.5  # ... and within this part of the distance as read (rendered 3:2 jumps: 0.01-0.36 at the section's
# own tempo, 0.65-2.0 an octave off it; a section read at its own tempo keeps it)
ACCENTS = 0.25  # ... and its notes' loudness explained by their place in its beat this part as much as the other's
# (rendered 3:2 jumps 0.36-1.5; straight 8ths going into triplets at one tempo: under 0)
SNAP_BEATS = 2.0  # the change is placed again within this many beats (the slower section's) of where it was read ...
PHASE_S = 16.0  # ... on both sections' beats, read over this much of each
MIN_SURE = 0.1  # their beats' phase this sure (the notes' loudness-weighed resultant on the beat's circle) ...
ON_BOTH = 0.125  # ... a beat of the first section this near (in beats) a beat of the second
SECTION_S = 8.0  # the notes this far either side of the span say where it changes


def gap_spread(times: np.ndarray, bpm: float) -> np.ndarray | None:
    """Share of the gaps between successive notes (`times` s) at each length of 1..MAX_GAP 16ths at `bpm`, or None
    where fewer than MIN_GAPS fall within that span."""
    k = np.round(np.diff(times) * bpm / 15.0).astype(np.int64)
    k = k[(k >= 1) & (k <= MAX_GAP)]
    if len(k) < MIN_GAPS:
        return None
    return np.bincount(k - 1, minlength=MAX_GAP) / len(k)


def section_octave(times: np.ndarray, w: np.ndarray, step: tuple, ref: float) -> tuple:
    """`step` (change s, bpm before, bpm after, rough) of a take read at `ref` BPM, the section whose tempo is
    further from `ref` moved by an octave where its notes' gaps then match the other section's; the change placed
    again on both sections' beats."""
    change, bpm1, bpm2, rough = step
    times = np.asarray(times, np.float64)
    pre, post = times < change, times >= change
    first_is_ref = abs(np.log(bpm1 / ref)) <= abs(np.log(bpm2 / ref))
    own, other = (pre, post) if first_is_ref else (post, pre)
    own_bpm, other_bpm = (bpm1, bpm2) if first_is_ref else (bpm2, bpm1)
    own_spread = gap_spread(times[own], own_bpm)
    if own_spread is None:
        return step
    distance = {}
    for f in (0.5, 1.0, 2.0):
        spread = gap_spread(times[other], other_bpm * f)
        if spread is not None:
            distance[f] = float(np.abs(spread - own_spread).sum())
    if 1.0 not in distance:
        return step
    f = min(distance, key=distance.get)
    if f == 1.0 or distance[f] > MATCH or distance[f] > BETTER * distance[1.0]:
        return step
    # ... and its louder notes on that octave's beats, as the other section's are on its own: 8ths going into 8th
    # triplets at one tempo (a feel, core/audio_feel_change.py) have the gaps of 8ths at 3:2, their accents every
    # third 8th there
    w = np.asarray(w, np.float64)
    if _beat_accents(times[other], w[other], other_bpm * f) < ACCENTS * _beat_accents(times[own], w[own], own_bpm):
        return step
    other_bpm *= f
    bpm1, bpm2 = (own_bpm, other_bpm) if first_is_ref else (other_bpm, own_bpm)
    return _change_on_both_beats(times, w, change, bpm1, bpm2), float(bpm1), float(bpm2), rough


def _beat_accents(times: np.ndarray, w: np.ndarray, bpm: float) -> float:
    """Share of the notes' loudness `w` that their 16th's place in the beat at `bpm` explains, less chance's."""
    from .audio_feel_change import _accented_every

    return _accented_every(w, np.round(times * bpm / 15.0).astype(np.int64), 4)


def _beat_phase(times: np.ndarray, w: np.ndarray, bpm: float) -> tuple[float, float]:
    """(seconds into the beat where the notes' beats fall, how surely: 0-1), the notes weighed by loudness (a part
    plays its beats louder and more often than what lies between them)."""
    beat = 60.0 / bpm
    z = np.sum(w * np.exp(2j * np.pi * times / beat)) / max(float(w.sum()), 1e-9)
    return float(np.angle(z) / (2 * np.pi) % 1.0) * beat, float(np.abs(z))


def _change_on_both_beats(times: np.ndarray, w: np.ndarray, change: float, bpm1: float, bpm2: float) -> float:
    """The change placed again within SNAP_BEATS of `change`: on a beat of the section before it and of the one after
    it (their beats read on the notes PHASE_S either side, past the span searched), where the notes about it sit
    nearest their own section's 16ths. At 3:2 a 16th of each (`_on_a_beat`'s fit alone) was still half a beat of
    the faster section off: a sparse bass line's one or two notes there fit either."""
    span = SNAP_BEATS * 60.0 / min(bpm1, bpm2)
    pre = (times >= change - span - PHASE_S) & (times < change - span)
    post = (times >= change + span) & (times < change + span + PHASE_S)
    if pre.sum() < MIN_GAPS or post.sum() < MIN_GAPS:
        return change
    (p1, sure1), (p2, sure2) = _beat_phase(times[pre], w[pre], bpm1), _beat_phase(times[post], w[post], bpm2)
    beat1, beat2 = 60.0 / bpm1, 60.0 / bpm2
    if min(sure1, sure2) < MIN_SURE:
        return change
    k = np.arange(np.ceil((change - span - p1) / beat1), np.floor((change + span - p1) / beat1) + 1)
    at = p1 + k * beat1  # the first section's beats about the change ...
    off2 = (at - p2) / beat2
    at = at[np.abs(off2 - np.round(off2)) <= ON_BOTH]  # ... that are the second's too
    if len(at) == 0:
        return change
    near = (times >= change - span - SECTION_S) & (times < change + span + SECTION_S)
    t, tw = times[near], w[near]
    # each such beat tried to half a 16th (the faster section's) either way, in 5 ms steps: a strum's beats read on
    # its notes sit some 40 ms early
    reach = 60.0 / max(bpm1, bpm2) / 8
    tried = (at[:, None] + np.arange(-reach, reach + 1e-9, 0.005)[None, :]).ravel()
    d = t[None, :] - tried[:, None]
    x = 4 * d / np.where(d < 0, beat1, beat2)  # 16ths from the change
    return float(tried[int(np.argmin((tw * (x - np.round(x)) ** 2).sum(axis=1)))])


FOLLOWS = 0.04  # a tempo map within this part of a jump's other tempo, over most of its span, follows the jump


def map_follows(knot_t: np.ndarray, knot_b: np.ndarray, jump: tuple[float, float, float]) -> bool:
    """Whether a tempo map (`knot_t` s, `knot_b` beats) plays at a jump's other tempo (`jump`: from s, to s, BPM) over
    most of the jump's span: the drums follow the jump, and a note that the map misses it would be false."""
    lo, hi, other = jump
    knot_t, knot_b = np.asarray(knot_t, np.float64), np.asarray(knot_b, np.float64)
    dt = np.diff(knot_t)
    mids = knot_t[:-1] + dt / 2
    inside = (mids >= lo) & (mids <= hi) & (dt > 0)
    if not inside.any():
        return False
    tempi = 60.0 * np.diff(knot_b)[inside] / dt[inside]
    return abs(np.log(np.median(tempi) / other)) < np.log(1 + FOLLOWS)
