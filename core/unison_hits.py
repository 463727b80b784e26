"""Unison hits: mid-song, the whole band leaves its figure for one bar to strike two to four chords together (on the
beats of a 9/8 or 12/8 bar, or a syncopated figure), each rung or cut short until the next, and plays on in the bar
after. Drummers catch them: kick and crash with each hit, and no time kept through the bar.

Freedoom's d_dm17 bar 78 (9/8: the band on 8ths 1, 4 and 7, each held to the next) and d_map32 bar 96 (12/8: five
parts on its four beats): each song's drummer hits every chord with kick and crash (or the whole kit), drops the
hi-hat, and plays at most a few toms or snares between. The drums had grooved through both (band_hits.hit_bars
reads only figures of short hits with one off the beat and half a bar of silence after; a held chord on each beat
is none of that). d_e3m2 bar 33 (the band in unison on 2, 6, 8 and 12 of 16) is no break: it is a bar of an 11-bar
riff, played so in bars 11 and 22 too, and its drummer plays it as every bar from 29 to 38 (kick, cross-stick and
ride on each riff note, no crash), where it had been caught (hats dropped, crashes, a tom): the same onsets a
riff's cycle away, not only 1, 2 or 4 bars, make a bar the riff.
Measured over the 111 freedoom songs (benchmarks/bench_band_hits.py, a catch being a crash on a hit or a change
from the bar before): of 13 bars where the band plays one to four onsets in unison, not as a riff 1, 2 or 4 bars
away, under a drummer, the song's drummer catches the hits in 2; this finds those 2 and no other. The other 11 are
one chord, pushed or swelling (d_dm29, d_e2m7: 9 bars), d_map25 bar 94 (its drummer plays on) and d_e3m2 bar 33.
Unison 16th runs (d_e4m6, d_map03, d_e1m4) are not caught by their drummers, and bars of one to four unison onsets
recurring 1, 2 or 4 bars away (113 more) are riffs, left to the groove.

Read by part (Windows.parts' steps): "the band in unison" is most of the parts that play in the bar starting a
note on each hit, which the band's merged onsets alone cannot tell from one part's sparse line under held pads.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .band_hits import bar_onsets
from .meter import WindowBars
from .stops import Stop

# The most hits in a bar of unison hits (the band playing more is its figure) and the fewest (one chord is a stab
# or a push: stops.py, pushes.py).
MOST_HITS, FEWEST_HITS = 4, 2
# The share of the bar's parts that must start a note on each hit for the band to hit it together.
UNISON_SHARE = 2 / 3
# The fewest onsets in the bar before (a figure the band plays, not a run of hits).
PLAYING_ONSETS = 5
# Bars away where the same onsets make the bar a riff the band plays so (played through), not a break from it: 1,
# 2 or 4, or a riff's odd cycle (d_e3m2's 11 bars) up to RIFF_SPAN; not 8, 12 or 16 bars on, where a section
# played again repeats its break (freedoom has no such bar: caught as before).
RIFF_DISTANCES = (1, 2, 4)
RIFF_SPAN = 16


def _riff_distance(k: int) -> bool:
    return k in RIFF_DISTANCES or 0 < k <= RIFF_SPAN and k % 4 != 0


def unison_hits(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                starts: Sequence[float] | None, end: float, parts, taken: set[int] = frozenset()) -> list[Stop]:
    """Stops for each of a bar's unison hits (see the module; none in `taken`), all `caught` (band_hits'
    voicing: kick and crash on the first, kick and snare after): each rests to the next hit, the last to the next
    bar's downbeat, with no lead (the space after the last hit is short: no fill). parts: Windows.parts, its
    `steps` known (MIDI); none without them (audio)."""
    bits = getattr(parts, "steps", None)
    if bits is None:
        return []
    read = bar_onsets(grooves, bars, meters, starts, end)
    out, caught = [], set()
    for bar in sorted(read):
        hits = _unison_hits(read, bits, bar, bar - 1 in caught and bar - 2 not in caught)
        if hits is None or bar in taken:
            continue
        caught.add(bar)
        w, lo = read[bar][:2]
        places = [(w, lo + int(a)) for a in hits] + [read[bar + 1][:2]]
        out += [Stop(bar, *places[i], bar if i + 1 < len(hits) else bar + 1, places[i + 1], None, caught=True,
                     unison=True)
                for i in range(len(hits))]
    return out


def _unison_hits(read: dict, bits: np.ndarray, bar: int, second: bool = False) -> np.ndarray | None:
    """The onset steps of `bar` (from its downbeat) if they are unison hits, else None: FEWEST_HITS to MOST_HITS
    onsets an 8th or more apart, each started by UNISON_SHARE of the two or more parts playing in the bar; the bar
    before plays PLAYING_ONSETS or more onsets, or (second) is the first bar of the band's hits: a two-bar figure
    (its second bar had been grooved under, said as the band's comeback); the bar after plays, and no bar a riff's
    distance away (_riff_distance) plays the same onsets."""
    if bar - 1 not in read or bar + 1 not in read:
        return None
    w, lo, hi, _, at = read[bar]
    if not FEWEST_HITS <= len(at) <= MOST_HITS or (np.diff(at) < 2).any():
        return None
    if not second and len(read[bar - 1][4]) < max(PLAYING_ONSETS, len(at) + 1) or not len(read[bar + 1][4]):
        return None
    mask = np.asarray(bits[w, lo:hi], np.int64)
    band = _count(int(np.bitwise_or.reduce(mask)))
    if band < 2 or any(_count(int(mask[a])) < UNISON_SHARE * band for a in at):
        return None
    if any(b in read and np.array_equal(read[b][4], at)
           for k in range(1, RIFF_SPAN + 1) if _riff_distance(k) for b in (bar - k, bar + k)):
        return None  # the band plays so around it: its riff, played through
    return at


def _count(mask: int) -> int:
    """How many parts' bits are set in `mask`."""
    return bin(mask).count("1")


__all__ = ["unison_hits", "MOST_HITS", "UNISON_SHARE"]
