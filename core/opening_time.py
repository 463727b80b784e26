"""A 1-2 part opening before the band: the drums keep time there (kick, hats), the backbeat left out.

Two parts open a song for 4 bars (an arpeggio and a pad, a riff traded between two synths) and a third joins and
stays. The engine read no quiet intro there (the opening plays more than half the band's onsets, and a duo is
not a part alone: lone_part_intro.py), so the drums played their full groove, backbeat and all.
Freedoom's drummers (R6, stop 77, their drums left out of what the band is read from) play no backbeat over such
4-7 bar openings in 16 of 19 songs (84%), over 8-16 bar ones in 10 of 19 (a coin toss, left alone); over all
1-2 part openings of 4-16 bars 22 of 46 keep time (11 kick and hats, 5 hats alone, 5 a kick alone, 1 other) and
10 lay out.
So here the drums keep the time the groove has (its kick and hats or ride, as played) and leave the snare out
(a soft ghost snare off the beats in the opening's last bar, before the band's entry, stays: it leads into a fill;
a reggae one-drop's or a clave's loud hit on beat 3 had stayed there alone); where a section
starts at the entry (a marker, one heard), the fill into it and the crash on it stay. Where none does (joining_parts
leaves a song's first 8 bars alone) none is added: the 11 drummers below crash there in 2 (d_dm23, d_e1m1), play a
snare into it in 3; the backbeat comes in with the band. Given to the form as a section, the entry had moved
d_e2m5's heard section at bar 9 (its drummer crashes there) to bar 7. The crash on bar 1 stays: 9 of the 11
play none there, but d_dm08's is crashed by its drummer and intro_reading keeps it (--no-opening-crash drops it).
An opening the engine reads as a quiet intro (laid out, or played softer) is left as it was.
The band's entry is a bar, not a window: on a window's 2nd bar (bar 6; after a pickup, bar 9) the 1st keeps time
too (the backbeat and the line had come a bar early). The opening starts on the first whole bar (a pickup bar is
the lead-in's), and the line names the voices drumify's loops keep time with there (a mute, a genre's ride).

On freedoom (4/4 songs, the stand-in model reading the form) it changes 11 openings, and the song's drummer plays
no backbeat there (under half a snare a bar on 2 and 4, its last bar left out) in 10 (d_map12's plays one):
kick and hats d_dm23, d_e2m3, d_e2m5; hats d_dm03, d_dm13, d_dm14; a kick d_dm07, d_dm08; silent d_e1m1, d_map31.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

import numpy as np

from .limbs import CLOSED_HAT, KICK, OPEN_HAT, RIDE, SNARE
from .lone_part_intro import intro_parts
from .loop import N_VOICES, STEPS
from .meter import WindowBars, bars_beats, is_pickup

OPENING_PARTS = 2  # an opening plays at most this many parts in each window (a pickup into the band left out) ...
BAND_PARTS = 3  # ... and the band at least this many in each window of the 4 bars from its entry
SHORTEST, LONGEST = 4, 7  # the opening's bars (8-16 bar ones: 10 of 19 drummers without a backbeat, a coin toss)
SOFT = 0.4  # a snare kept in the opening's last bar is softer than this (the piano roll's 'o') and off the beats


class Opening(NamedTuple):
    """A 1-2 part opening (`band_joins`): its steps, the bar the band comes in, the parts before and after."""

    where: np.ndarray  # (W, 32) bool: the opening's steps (the band coming in on a window's 2nd bar: its 1st alone)
    bar: int
    alone: int
    band: int
    section: bool = False  # a section starts where the band comes in (the form's: a fill into it, a crash on it)
    first: int = 1  # the opening's first bar (a pickup bar before it is the lead-in's, no bar of the opening)


def band_joins(parts, bars, opens_part: bool = True,
               meters: Sequence[WindowBars | None] | None = None) -> Opening | None:
    """The opening a drummer keeps time through: from the first whole bar, OPENING_PARTS at most in every window
    (and some part playing), for SHORTEST to LONGEST bars, up to the first bar with more (a window's 2nd bar where
    its 1st still plays OPENING_PARTS at most: a band on bar 6 or, after a pickup, on 9); from there BAND_PARTS or
    more in every window of the 4 bars; all of them in 4/4. parts: Windows.parts (None: audio, not known); bars:
    each window's first bar; opens_part: Windows.opens_part (bars from mid-song open nothing); meters:
    Windows.meters. None where there is none."""
    if not opens_part or parts is None or not len(bars):
        return None
    bars, playing = np.asarray(bars, np.int64), np.asarray(parts, np.int64)
    meter = (lambda w: None) if meters is None else (lambda w: meters[w])  # noqa: E731
    counts = [intro_parts(parts, w, meter(w)) if bars[w] >= 1 else 0 for w in range(len(bars))]
    join = next((w for w in range(len(bars)) if bars[w] >= 1 and counts[w] > OPENING_PARTS), None)
    if join is None or int(bars[0]) > 1:
        return None
    opening = [w for w in range(join) if bars[w] >= 1 and not is_pickup(meter(w))]
    if not opening:
        return None
    first, bar = int(bars[opening[0]]), int(bars[join])
    where = np.zeros((len(bars), STEPS), bool)
    where[opening] = True
    second = _second_bar(parts, join, meter(join))
    if second is not None:  # (the band on the window's 2nd bar: its 1st is the opening's last)
        bar, where[join, :second] = bar + 1, True
    after = (np.arange(len(bars)) >= join) & (bars < bar + 4)
    if not SHORTEST <= bar - first <= LONGEST or int(playing[after].min()) < BAND_PARTS:
        return None
    if not any(counts[w] for w in opening):
        return None
    if not all(_in_four(meter(w)) for w in [*opening, *np.flatnonzero(after)]):
        return None  # (the drummers measured play 4/4: a backbeat on 2 and 4)
    return Opening(where, bar, max(counts[w] for w in opening), int(playing[after].min()), first=first)


def _second_bar(parts, w: int, meter: WindowBars | None) -> int | None:
    """The step window w's 2nd bar starts on where its 1st plays OPENING_PARTS at most (before its last beat: a
    pickup into the band is the band's), the band coming in there; None where it comes in on the 1st (or the
    window's parts by step are not known, or it has one bar)."""
    steps = getattr(parts, "steps", None)
    beats = bars_beats(meter)
    if steps is None or len(beats) < 2:
        return None
    first_bar = intro_parts(parts, w, meter, until=beats[0][-1].start)
    return int(beats[1][0].start) if first_bar <= OPENING_PARTS else None


def _in_four(meter: WindowBars | None) -> bool:
    """The window's bars are all 4/4 (None: two bars of 4/4, the loop's)."""
    return meter is None or all((int(num), int(den)) == (4, 4) for _, num, den in meter)


def keep_time(loops: np.ndarray, where: np.ndarray, fills: np.ndarray | None, asked: np.ndarray | None = None,
              meters: Sequence[WindowBars | None] | None = None) -> np.ndarray:
    """Loops (W, 32, 27) with the steps `where` (Opening.where, (W, 32)) played keeping time: no snare but the
    soft ones off the beats in the opening's last bar (ghost notes leading into the band: a reggae one-drop's or a
    clave's loud hit on beat 3 had stood alone there); the steps of a fill (fills: the phrase plan's, (W, 32) bool;
    None: none) and those the producer asked for (asked: PhrasePlan.asked) as played. A new array."""
    out = np.array(loops, np.float32, copy=True)
    where = np.asarray(where, bool)
    marked = np.flatnonzero(where.any(1))
    for w in marked:
        snare_off = where[w].copy()
        for given in (fills, asked):
            if given is not None:
                snare_off &= ~np.asarray(given[w], bool)
        if w == marked[-1]:  # the opening's last bar: its soft snares off the beats lead into the band
            end = int(np.flatnonzero(where[w])[-1]) + 1
            beats = next(b for b in reversed(bars_beats(None if meters is None else meters[w])) if b[0].start < end)
            ghost = np.zeros(STEPS, bool)
            ghost[beats[0].start:end] = out[w, beats[0].start:end, N_VOICES + SNARE] < SOFT
            ghost[[b.start for b in beats if 0 <= b.start < STEPS]] = False
            snare_off &= ~ghost
        out[w, snare_off, SNARE::N_VOICES] = 0.0  # (hit, velocity, timing)
    return out


def opening_voices(loops: np.ndarray, where: np.ndarray) -> str:
    """What keeps time in the opening's steps (`where`, its bars 4/4) of drumify's loops (W, 32, 27): the kick and
    the hats or the ride, each where it plays in half the opening's bars or more, as the groove, a genre and the
    mutes asked have them (a hat on the beats alone under the ride is its foot: jazz's). The bar-1 crash and the
    toms of a fill into the band are said elsewhere."""
    where = np.asarray(where, bool)
    hits = (np.asarray(loops, np.float32)[..., :N_VOICES] > 0.5) & where[..., None]
    bars = hits.reshape(len(hits), 2, STEPS // 2, N_VOICES).any(2)  # (W, 2 bars, voices)
    hat = hits[..., CLOSED_HAT] | hits[..., OPEN_HAT]
    counted = where.reshape(len(where), 2, -1).any(2).sum()
    plays = {v: 2 * int(bars[..., v].sum()) >= counted for v in (KICK, RIDE)}
    plays[CLOSED_HAT] = 2 * int((bars[..., CLOSED_HAT] | bars[..., OPEN_HAT]).sum()) >= counted
    said = ["kick"] if plays[KICK] else []
    if plays[RIDE] and (not plays[CLOSED_HAT] or hits[..., RIDE].sum() > hat.sum()):
        foot = not (hat & (np.arange(STEPS) % 4 != 0)).any()  # (the hats on the beats alone)
        said += ["ride"] + (["hat foot" if foot else "hats"] if plays[CLOSED_HAT] else [])
    else:
        said += (["hats"] if plays[CLOSED_HAT] else []) + (["ride"] if plays[RIDE] else [])
    if not said:
        return "nothing"
    return f"{said[0]} alone" if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def opening_said(opening: Opening | None, shown=int, loops: np.ndarray | None = None) -> list[str]:
    """The line drumify says of a 1-2 part opening the drums keep time through; shown: a bar as the producer sees
    it numbered (REAPER's ruler); loops: drumify's (W, 32, 27), what they keep time with (opening_voices; None:
    the kick and hats)."""
    if opening is None:
        return []
    bar = shown(opening.bar)
    parts = "one part" if opening.alone == 1 else f"{opening.alone} parts"
    voices = "kick and hats" if loops is None else opening_voices(loops, opening.where)
    comes_in = f"fill into bar {bar}, a crash on it" if opening.section else f"play the backbeat from bar {bar}"
    # (kick, hats and cymbals muted: nothing of the time is left to keep)
    kept = "rest there (no backbeat)" if voices == "nothing" else f"keep time there ({voices}, no backbeat)"
    return [f"bars {shown(opening.first)}-{shown(opening.bar - 1)} open with {parts} before the band comes in on bar "
            f"{bar} ({opening.band} parts): the drums {kept} and {comes_in}"]


_SAID = re.compile(r"^bars (\d+)-(\d+)( open with .* before the band comes in on bar (\d+) \(.*)$")


def opening_in_range(message: str, first: int, last: int) -> str:
    """A message of the whole song's drumming as a range of bars first..last (as shown) says it: the opening's line
    (opening_said) naming the range's bars of the opening alone, "" where it holds none (a range from the band's
    entry on: the drums there play the backbeat); any other message as it is."""
    said = _SAID.match(message)
    if said is None:
        return message
    start, end = max(int(said[1]), first), min(int(said[2]), last)
    if start > end:
        return ""
    return f"bars {start}-{end}{said[3]}" if start < end else f"bar {start} opens{said[3][len(' open'):]}"


__all__ = ["Opening", "band_joins", "keep_time", "opening_said", "opening_voices", "opening_in_range",
           "OPENING_PARTS", "BAND_PARTS", "SHORTEST", "LONGEST", "SOFT"]
