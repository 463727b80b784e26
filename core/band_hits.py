"""Band hits: a mid-song bar where the band plays a short figure of one to three hits and rests (hits on 1
and the "and" of 2, then silence to the next bar), read as stops the drums catch.

A drummer hits each with the band and leaves the rest of the bar open, coming back on the next bar: the first
hit with kick and crash, the ones after it with kick and snare (a crash on each short hit, three in a bar, is
several times the crashes real drummers play, 0.2 a bar: reference.md; the first crash still rings over them).
stops.band_stops and stop_time.py find the band stopping on one downbeat hit, this the figures.
A sparse part that plays so all song (a two-note bass line, a skank) is a groove: the bars around must play
more, and a figure recurring 1 or 2 bars away is a riff.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .loop import N_VOICES, STEPS, VOICES
from .meter import WindowBars
from .sections import onset_steps, played_bars
from .stops import Stop

# The most hits in a bar of band hits (more is a figure the band plays, not hits to catch).
MOST_HITS = 3
# Steps a hit may sound for and still be short (an 8th).
SHORT_STEPS = 2
KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))


def bar_onsets(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
               starts: Sequence[float] | None, end: float) -> dict:
    """bar -> (window, downbeat step, end step, beats, onset steps from the downbeat) of each whole bar of two
    beats or more inside one window's loop (stop_time.py and hit_bars read the band's bars so). A bar on two
    windows (4/1, a long bar) is left out."""
    hits = onset_steps(grooves)
    read: dict = {}
    seen = set()
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = beats[0].start, beats[-1].start + beats[-1].length
        if bar in seen:
            read.pop(bar, None)
            continue
        seen.add(bar)
        if lo < 0 or hi > STEPS or len(beats) < 2:
            continue
        read[bar] = (w, lo, hi, beats, np.flatnonzero(hits[w, lo:hi]))
    return read


def hit_bars(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
             starts: Sequence[float] | None, end: float, sounding: np.ndarray | None,
             taken: set[int] = frozenset()) -> list[Stop]:
    """Stops for each hit of a bar of band hits (not in `taken`): 1 to MOST_HITS onsets, each over within an
    8th and more than an 8th apart, one of them off the beat (a syncopated figure), the last followed by at least half a bar of silence, past its downbeat (a lone downbeat stab is
    band_stops'), between two bars that play more notes and reach their second half, with no bar 1 or 2 away
    playing the same onsets. Each hit's stop runs to the next hit (its back), the last one's to the next
    bar's downbeat; the last has a lead (a fill in the bar's second half) when the silence is half a bar."""
    if sounding is None:
        return []
    held = np.asarray(sounding, bool).reshape(-1, STEPS)
    # bar -> (window, downbeat, steps, onsets, hits: short and one off the beat; a figure on the beats alone,
    # 1 and 2 then silence, is the band's part cut short before a section, a gap the drums fill)
    read: dict[int, tuple[int, int, int, np.ndarray, bool]] = {}
    for bar, (w, lo, hi, beats, at) in bar_onsets(grooves, bars, meters, starts, end).items():
        short = bool(len(at)) and all(not held[w, lo + a + SHORT_STEPS:lo + (at[i + 1] if i + 1 < len(at) else hi - lo)].any()
                                      for i, a in enumerate(at))
        off_beat = bool(set(at.tolist()) - {b.start - lo for b in beats})
        apart = not (np.diff(at) <= SHORT_STEPS).any()  # 8ths in a row are the part's run broken off, a gap to fill
        read[bar] = (w, lo, hi - lo, at, short and off_beat and apart)
    out = []
    for bar, (w, lo, steps, at, hits_bar) in sorted(read.items()):
        if bar in taken or not hits_bar or not 1 <= len(at) <= MOST_HITS or at.max() == 0:
            continue
        if steps - (at.max() + SHORT_STEPS) < steps // 2:
            continue  # the rest after the last hit is under half a bar
        around = [read.get(bar - 1), read.get(bar + 1)]
        if any(r is None or len(r[3]) <= len(at) or r[3].max() < r[2] // 2 for r in around):
            continue  # the band does not play on either side: a sparse part, or a stop band_stops reads
        if any(b in read and np.array_equal(read[b][3], at) for b in (bar - 2, bar - 1, bar + 1, bar + 2)):
            continue  # the figure recurs: a riff
        nw, nlo = read[bar + 1][:2]
        places = [(w, lo + int(a)) for a in at] + [(nw, nlo)]
        lead = (w, lo + steps // 2) if at.max() + SHORT_STEPS <= steps // 2 else None
        out += [Stop(bar, *places[i], bar if i + 1 < len(at) else bar + 1, places[i + 1],
                     lead if i + 1 == len(at) else None, caught=True) for i in range(len(at))]
    return out


def voice_hits(loops: np.ndarray, stops: Sequence[Stop], groups: dict[str, bool]) -> None:
    """In place on loops (W, 32, 27) on the real grid, after each stop's hit is played (fills.end_on_hit: kick
    and crash): each band hit after the first of its bar (hit_bars' stops, `caught`) trades its crash for a
    snare at the crash's velocity, where the snare's group plays (groups: Settings.voice_groups)."""
    if not groups.get("snare", True):
        return
    n, crashed = N_VOICES, set()  # the bars whose first hit has been met (it keeps its crash)
    for s in stops:
        if not s.caught:
            continue
        if s.bar not in crashed:
            crashed.add(s.bar)
            continue
        hit = loops[s.window, s.step]
        if hit[CRASH] <= 0.5:
            continue  # no crash was played there (cymbals muted): the kick alone
        loud, offset = float(hit[n + CRASH]), float(hit[2 * n + CRASH])
        hit[[CRASH, n + CRASH, 2 * n + CRASH]] = 0.0
        hit[[SNARE, n + SNARE, 2 * n + SNARE]] = (1.0, max(loud, float(hit[n + SNARE])), offset)


__all__ = ["hit_bars", "voice_hits", "MOST_HITS"]
