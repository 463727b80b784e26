"""A held-pad outro: the song's last bars nothing but chords struck on their downbeats and held (a ballad's
band letting its last chords ring), after bars that play a rhythm.

The drums had played their groove on through the pads to the end, with no last hit. A drummer lets the
outro ring: a kick and a crash with its first chord, the cymbal left ringing under the held chords, and the
song's last chord hit with the band to end it. Read as two stops (stops.Stop, held): the first chord's, the
band "back" on the last chord, and the last chord's, ending the song.

A band often cuts off into its held chords: a short figure in the first half of the bar before them (freedoom's
d_e4m7: chords on 1 and its "and" after a bar of 16ths), where the drums had kept time through. A drummer hits
the cut-off with the band: the outro starts there when its chord rings on into the held chords, else the cut-off
is a stop of its own, the band back on the first held chord.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .band_hits import bar_onsets
from .meter import WindowBars
from .stops import STOP_REST_BARS, Stop

# Bars of held chords an outro lasts: from two (one is the song's last chord, stops.band_stops') to one more than
# a stop's rest between its first and last chord; a longer run of pads is the band's texture, played through.
OUTRO_BARS = (2, STOP_REST_BARS + 2)
# Bars before the outro that must play a rhythm (notes past their downbeats): a song of pads all through is no
# outro, a ballad whose drums play along with its pads.
RHYTHM_BARS = 4
# A chord holds its bar when it still sounds this far into it (16ths: beat 3), not a stab (stop_time.py's).
HELD_TO = 8


def pad_outro(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
              starts: Sequence[float] | None, end: float, sounding: np.ndarray | None, *, song_end: bool = True,
              taken: set[int] = frozenset()) -> list[Stop]:
    """The stops of a held-pad outro: the song's last OUTRO_BARS bars (song_end and a known end; sounding
    known) each strike their notes on the downbeat only (a rolled chord within its first 16th too) and still
    sound at HELD_TO, after RHYTHM_BARS bars that play past their downbeats; none of them in `taken`. The first
    chord's stop rests to the last chord (no fill: the cymbal rings), the last chord's ends the song. A cut-off
    (_cut_off) in the bar before, after RHYTHM_BARS bars that play, is the outro's first hit: its stop rests to
    the last chord where its chord rings on into the held chords, else to the first held chord."""
    if sounding is None or not song_end or not np.isfinite(end):
        return []
    held = np.asarray(sounding, bool).reshape(len(grooves), -1)
    read = bar_onsets(grooves, bars, meters, starts, end)
    if not read:
        return []
    last = max(read)
    while last in read and not len(read[last][4]) and held[read[last][0], read[last][1]]:
        last -= 1  # the last chord still ringing over the bars after it
    pads = []
    for bar in range(last, min(read) - 1, -1):
        if bar not in read:
            break
        w, lo, hi, _, at = read[bar]
        if not len(at) or at.max() > 1 or hi - lo <= HELD_TO or not held[w, lo + HELD_TO]:
            break
        pads.append(bar)
    first = last - len(pads) + 1
    if not OUTRO_BARS[0] <= len(pads) <= OUTRO_BARS[1] or {first, last} & set(taken):
        return []

    def rhythm_before(bar: int) -> bool:
        return all(b in read and read[b][4].max(initial=0) > 1 for b in range(bar - RHYTHM_BARS, bar))

    cut = first - 1 if _cut_off(read, first - 1) and first - 1 not in taken and rhythm_before(first - 1) else None
    if cut is None and not rhythm_before(first):
        return []
    (w, lo), (lw, llo) = read[first][:2], read[last][:2]
    outro = [Stop(first, w, lo, last, (lw, llo), held=True), Stop(last, lw, llo, held=True)]
    if cut is None:
        return outro
    cw, clo, chi = read[cut][:3]
    if held[cw, chi - 1]:  # the cut-off's chord rings on into the held chords: one hit, the cymbal rings to the last
        return [Stop(cut, cw, clo, last, (lw, llo), held=True), outro[1]]
    return [Stop(cut, cw, clo, first, (w, lo), held=True), *outro]


def _cut_off(read: dict, bar: int) -> bool:
    """`bar` (bar_onsets' reading) is the band's cut-off before its held chords: a short figure from its downbeat,
    every onset in the bar's first half, right after a bar that plays into its second half (the band playing on
    up to it; a riff that rests each second half is no cut-off)."""
    if bar not in read or bar - 1 not in read:
        return False
    _, lo, hi, _, at = read[bar]
    _, blo, bhi, _, before = read[bar - 1]
    return len(at) > 0 and at.min() == 0 and at.max() < (hi - lo) // 2 and before.max(initial=-1) >= (bhi - blo) // 2


__all__ = ["pad_outro", "OUTRO_BARS"]
