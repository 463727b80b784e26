"""Pushes: the band moving into a new section an 8th early, its new chord struck on the "and" of 4 of the bar
before and tied over the bar line, or stopping to hit a chord there.

A drummer catches the push with the band (kick and crash on that "and" of 4, a fill leading into it where one
is due) and leaves the downbeat after it open: no second crash on the 1, the groove back from its "and". Read
as a stop (stops.Stop, pushed) whose band comes back on the 8th after the downbeat, so the engine's hit with a
stopping band plays it. A riff that syncopates into every bar or every other bar is the band's groove, played
through: only a push where the band's part changes (a section heard there) or where it rests to hit it counts.
stops.py reads the pushed last chord of a song; this the pushes mid-song.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .band_hits import bar_onsets
from .loop import STEPS_PER_BEAT
from .meter import WindowBars
from .sections import comeback_sections, heard_sections
from .stops import Stop

# The 8th (in 16th steps) a push comes before the bar line, and the steps after the downbeat the drums leave open
# (the push's crash rings over the 1; the hats come back on its "and").
PUSH_STEPS = 2
OPEN_AFTER = 2
# Bar lines either side (1 and 2 bars away) where the same push recurring makes it the band's riff.
RIFF_BARS = (1, 2)
# The band resting before the push (nothing struck nor sounding for this many steps before it: a beat) is the
# band stopping to hit it, a push the drums catch wherever it falls.
REST_BEFORE = STEPS_PER_BEAT


def section_pushes(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                   starts: Sequence[float] | None, end: float, sounding: np.ndarray | None,
                   taken: set[int] = frozenset(), marked: Sequence[int] = ()) -> list[Stop]:
    """A stop for each push mid-song (bars not in `taken`, stops read already): in bar B-1 (its last beat a
    quarter) the band strikes a note on the last 8th, not as the end of a run of 16ths, and in bar B strikes
    nothing on its first beat while a note sounds over the bar line (known only with sounding); the same shape
    not on the bar lines RIFF_BARS away; and B a section the band's part makes (heard_sections, comebacks) or
    one marked (marked: REAPER's regions, the file's markers), or the band silent for REST_BEFORE steps before
    the push. The stop: its hit on the push, its band back
    OPEN_AFTER steps into bar B."""
    if sounding is None:
        return []
    held = np.asarray(sounding, bool).reshape(len(grooves), -1)
    read = bar_onsets(grooves, bars, meters, starts, end)
    pushed = {bar for bar in read if _pushed_into(read, held, bar)}
    if not pushed:
        return []
    back = comeback_sections(grooves, bars, meters, (), starts, end)
    sections = {*back, *heard_sections(grooves, None, bars, meters, (), back, starts, end), *map(int, marked)}
    out = []
    for bar in sorted(pushed):
        if bar in taken or bar - 1 in taken or any(bar + k in pushed or bar - k in pushed for k in RIFF_BARS):
            continue
        w, lo, hi, _, at = read[bar - 1]
        step = hi - lo - PUSH_STEPS
        rests = not ((at >= step - REST_BEFORE) & (at < step)).any() \
            and not held[w, lo + step - REST_BEFORE:lo + step].any()
        if bar not in sections and not rests:
            continue
        nw, nlo = read[bar][:2]
        out.append(Stop(bar, w, lo + step, bar, (nw, nlo + OPEN_AFTER), pushed=True))
    return out


def _pushed_into(read: dict, held: np.ndarray, bar: int) -> bool:
    """Whether the band pushes into `bar`: the bar before (of a quarter-note last beat) strikes its last 8th
    and not its last 16th nor the 16th before (a run), and `bar` strikes nothing on its first beat while a note
    sounds over its downbeat."""
    before, this = read.get(bar - 1), read.get(bar)
    if before is None or this is None:
        return False
    _, lo, hi, beats, at = before
    w, nlo, _, first, now = this
    step = hi - lo - PUSH_STEPS
    return beats[-1].length == STEPS_PER_BEAT and step in at and step + 1 not in at and step - 1 not in at \
        and not (now < first[0].length).any() and bool(held[w, nlo])


__all__ = ["section_pushes", "PUSH_STEPS", "OPEN_AFTER"]
