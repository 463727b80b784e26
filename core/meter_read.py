"""What a part says about its meter beyond the time signature: how it groups an odd bar's 8ths (3+2+2 or
2+2+3 in 7/8) and whether it plays 16ths inside its dotted beats (sextuplets in 12/8) or triplet 8ths.

A drummer hears both from the part: the grouping from where its accents and long notes fall
(`follow_groupings`, kept in the windows' meters as `meter.GroupedBar` so every reader agrees), the
subdivision from its onsets (`plays_sixteenths`, which the engine hands to `meter.loops_to_bars`), and how
long a meter must hold to be the music's own (METER_HOLD_BARS: what the windows and the sections count on).
"""

from __future__ import annotations

import numpy as np

from .loop import STEPS, STEPS_PER_BEAT
from .half_time import HALF_BEAT, is_half_time
from .meter import GroupedBar, is_pickup, window_beats
from .meter_groups import QUARTER_GROUPINGS


# A meter held at least this many bars on both sides of a change (the 4 bars of a phrase) starts a section there:
# a 2/4 bar or a turnaround of 3/4 bars in a 4/4 song is the band's phrase, a riff alternating meters one groove.
# A meter that opens or ends the part may be shorter (--bars from mid-song cut it), at least METER_EDGE_BARS.
METER_HOLD_BARS = 4
METER_EDGE_BARS = 2

MIN_SIXTEENTHS = 0.25  # share of a part's hits in dotted beats that must fall between the 8ths
# Steps between the pulses of a dotted beat (its 8ths), and of a half (3/2) or dotted half (6/4), whose pulse is
# the quarter: a 3/2 or 6/4 part playing 8ths between them gets 8th hats, as the 16ths of a 6/8 part do.
_PULSE = {6: 2, 8: 4, 12: 4}


def plays_sixteenths(grooves: np.ndarray, meters) -> bool:
    """Whether a part (grooves (N, 32, 3) on the real grid, `meters` per window) plays 16ths between the
    8ths of its dotted beats (sextuplets in 12/8; 8ths between a 3/2 or 6/4 part's quarters) in at least
    MIN_SIXTEENTHS of its hits there: then a busy take's 16th hats play as 16ths (loops_to_bars' `sixteenths`;
    quarter hats in 3/2 and 6/4 as 8ths); a triplet part keeps triplet 8ths."""
    if meters is None:
        return False
    hits = np.asarray(grooves)[..., 0] > 0.5
    inside = between = 0
    for w, bars in enumerate(meters):
        beats = None if bars is None or w >= len(hits) else window_beats(bars)
        for bar, in_bar in zip(bars or (), beats or ()):
            # a half-time bar's pulse is its 8ths: its 16ths, played, get 16th hats (half_time.half_time_hats)
            pulse = {HALF_BEAT: 2} if is_half_time(bar) else _PULSE
            for beat in (b for b in in_bar if b.length in pulse):
                cells = hits[w, beat.start : min(beat.start + beat.length, STEPS)]
                inside += int(cells.sum())
                between += int(cells[pulse[beat.length] // 2 :: pulse[beat.length]].sum())
    return inside > 0 and between >= MIN_SIXTEENTHS * inside


# Other groupings of an odd bar's 8ths than beat_lengths' (its first listed) a part can make heard.
GROUPINGS = {5: ((2, 3), (3, 2)), 7: ((2, 2, 3), (3, 2, 2), (2, 3, 2)),
             9: ((3, 3, 3), (2, 2, 2, 3), (3, 2, 2, 2), (2, 3, 2, 2), (2, 2, 3, 2))}
# How much more a grouping's beats must stand out than the default's (accent units, 0..2 an 8th) to be heard,
# and how much they must stand out at all: a busy part of even 16ths with one 8th left out (Freedoom's E2M8) had
# flipped to 3+2+2 for a window or two on that gap alone.
GROUPING_MARGIN, GROUPING_CONTRAST = 0.5, 0.35


def _accents(grooves: np.ndarray) -> np.ndarray:
    """(32,) how much each step of a window's groove (32, 3) marks a beat: its hit's velocity (of the
    window's loudest, 0..1) and how long it rings before the next (0 for an 8th, 0.5 a quarter, 1 longer):
    grooves have no note lengths, so a note left alone is heard as a long one."""
    hit = grooves[:, 0] > 0.5
    vel = np.where(hit, grooves[:, 1], 0.0)
    vel = vel / vel.max() if vel.max() > 0 else hit.astype(float)
    on = np.flatnonzero(hit)
    ring = np.zeros(STEPS)  # the last hit's is not known (the next is in the next window, or none)
    ring[on[:-1]] = np.clip((np.diff(on) / 2 - 1) / 2, 0.0, 1.0)
    return np.where(hit, vel + ring, 0.0)


def _options(num: int, den: int) -> tuple[tuple[int, ...], ...]:
    """The groupings a num/den bar may be heard in (the default first): of its 8ths, or of 5/4's, 6/4's, 7/4's quarters."""
    return GROUPINGS.get(num, ()) if den == 8 else QUARTER_GROUPINGS.get(num, ()) if den == 4 else ()


def _grouping(accents: np.ndarray, num: int, den: int = 8) -> tuple[int, ...]:
    """The grouping of a bar's `num` notes that its accents (bars, num) say most clearly, else the default:
    the one whose beats (past the downbeat) stand out most from the notes between them."""
    mean = accents.mean(0)

    def contrast(groups):
        starts = np.cumsum(groups)[:-1]
        between = np.setdiff1d(np.arange(1, num), starts)
        return mean[starts].mean() - mean[between].mean()

    default, *others = _options(num, den)
    best = max(others, key=contrast)
    clear = contrast(best) >= max(contrast(default) + GROUPING_MARGIN, GROUPING_CONTRAST)
    return best if clear else default


def follow_groupings(grooves: np.ndarray, meters, bass: np.ndarray | None = None) -> list | None:
    """Windows' meters with each 5/8, 7/8 and 9/8 bar (5/4, 6/4 and 7/4: its quarters) grouped as the part
    plays it (3+2+2 where its accents and long notes fall on the 1st, 4th and 6th 8th; 2+3 in 5/4 where they
    fall on beats 1 and 3), from its groove (W, 32, 3) on the real grid: a drummer
    hears a window's grouping where the part makes it clear, and keeps 2+2+3 (3+3+3) where it does not. The
    bars of one meter in a window are heard together; pickups keep theirs. Every use of the meters (the
    loop mapping both ways, phrases, the roll) reads the grouping from them. bass: the low register's grooves
    (Windows.bass), whose notes mark the groups too: a bass on the 1st, 4th and 6th 8th under keys on every
    8th at one level is 3+2+2 (read from the keys alone, 2+2+3)."""
    if meters is None:
        return None
    grooves = np.asarray(grooves)
    out = list(meters)
    heard: dict[int, dict] = {}  # window -> {numerator: grouping} of the windows where the part plays
    silent = []
    for w, bars in enumerate(meters):
        if bars is None or is_pickup(bars) or w >= len(grooves) or window_beats(bars) is None:
            continue
        played = max(b.start + b.length for bar in window_beats(bars) for b in bar)  # the steps its bars play
        if not grooves[w][:played, 0].any():  # a rest: the drummer keeps the grouping the band played (below)
            silent.append(w)
            continue
        accents, regroup = _accents(grooves[w]), {}
        if bass is not None and w < len(bass) and np.add.reduce(np.asarray(bass[w])[:played, 0] > 0.5) >= 2:
            accents = accents + _accents(np.asarray(bass[w]))
        for num, den in {(n, d) for _, n, d in bars if _options(n, d)}:
            step = 16 // den  # real 16ths a note of the bar's denominator lasts
            cells = [accents[a : a + step * num : step] for a in (round(o * STEPS_PER_BEAT) for o, n, d in bars if (n, d) == (num, den))]
            cells = [c for c in cells if len(c) == num]  # (bars past the window's end are not heard)
            groups = _grouping(np.stack(cells), num, den) if cells else _options(num, den)[0]
            if groups != _options(num, den)[0]:
                regroup[num, den] = groups
        heard[w] = regroup
    for w in silent:  # as the last window played before the rest (else the first after): a 7/8 riff's 3+2+2
        # through its rests had turned 2+2+3 there, heard as a meter change where the band came back
        before = [v for v in heard if v < w]
        source = max(before) if before else min(heard, default=None)
        if source is not None:
            heard[w] = heard[source]
    for w, regroup in heard.items():
        if regroup:
            out[w] = tuple(GroupedBar(o, n, d, regroup[n, d]) if (n, d) in regroup else (o, n, d) for o, n, d in meters[w])
    return out
