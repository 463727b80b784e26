"""Stop time: the band hitting only the downbeat of each bar for a few bars (a blues or rock stop-time
chorus), the drums hitting with it and resting, as with any of stops.band_stops' stops.

band_stops reads a stab that recurs 2 or 4 bars away as a riff's (a figure ending on a stab each phrase half,
played through). In a run of three or four stabs, one a bar, each stab has another two bars away, so the whole
run was played through with a full groove (kick, backbeat and 8th hats under four lone chords), where a
drummer hits each chord with the band and leaves the space between, filling into the band's return.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .loop import STEPS
from .meter import WindowBars
from .band_hits import bar_onsets, hit_bars, voice_hits
from .fills import end_on_hit
from .laid_out_breaks import laid_out_breaks
from .outro import pad_outro
from .thinned_outro import bassless_outro
from .pushes import section_pushes
from .stops import Stop, band_stops as stops_and_endings

# The most bars of stop time read as one: a phrase (the first four bars of a blues chorus, a rock song's
# 4-bar stop). A part of lone downbeat chords going on for longer is the band's texture (a sparse keys part
# while the others play), played through as before.
STOP_TIME_BARS = 4


def band_stops(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
               starts: Sequence[float] | None = None, end: float = float("inf"), *, song_end: bool = True,
               sounding: np.ndarray | None = None, section_bars: Sequence[int] = (), parts=None,
               bass=None) -> list[Stop]:
    """stops.band_stops' stops (same arguments), with the band's stop time among them: each bar of a run of
    2 to STOP_TIME_BARS bars whose every note is a short stab on the downbeat (over by beat 2: known only
    with sounding), after a bar that plays past its downbeat and before a bar that plays (the comeback), is
    a stop with the band back on the next bar, so the drums hit each stab and fill into the comeback. A run
    that recurs 2 or 4 bars from its ends is the band's riff, played through (stops._stab_riff's rule). With
    them the band's hits (band_hits.py), its pushes mid-song (pushes.py: into a section the band's part makes
    or one of section_bars, REAPER's regions and the file's markers), a held-pad outro (outro.py) and, with parts
    (Windows.parts), the band's breaks under a roll or a swell (laid_out_breaks.py)."""
    stops = stops_and_endings(grooves, bars, meters, starts, end, song_end=song_end, sounding=sounding)
    if sounding is None:
        return stops
    bar_at, stabs, plays_on = _bars_read(grooves, bars, meters, starts, end, sounding)
    have = {s.bar for s in stops}
    added = []
    for first, last in _runs(sorted(stabs)):
        comeback = last + 1
        if not 1 < last - first + 1 <= STOP_TIME_BARS or first - 1 not in plays_on or comeback not in bar_at:
            continue
        if any(b in stabs for k in (2, 4) for b in (first - k, last + k)):
            continue  # the run comes round again: the band's riff
        added += [Stop(b, *bar_at[b], b + 1, bar_at[b + 1], bar_at[b]) for b in range(first, comeback)
                  if b not in have]
    # a bar of band hits (a short figure, then rest) is caught as stops too (band_hits.py)
    added += hit_bars(grooves, bars, meters, starts, end, sounding, have | {s.bar for s in added})
    # the band stopping under a part's roll or swell: the drums catch its hits and lay out (laid_out_breaks.py)
    added += laid_out_breaks(grooves, bars, meters, starts, end, sounding, parts, have | {s.bar for s in added})
    # the band pushing into a section an 8th early, or stopping to hit a chord there (pushes.py)
    added += section_pushes(grooves, bars, meters, starts, end, sounding, have | {s.bar for s in added},
                            marked=section_bars)
    # the song ending on held chords after its rhythm: the drums let it ring, and hit its last chord (outro.py)
    added += pad_outro(grooves, bars, meters, starts, end, sounding, song_end=song_end,
                       taken=have | {s.bar for s in added})
    # the bass leaving for good, the band playing on to the end: the drums end with it (thinned_outro.py)
    added += bassless_outro(grooves, bass, bars, meters, starts, end, song_end=song_end,
                            taken=have | {s.bar for s in added}, parts=parts)
    return sorted(stops + added, key=lambda s: (s.bar, s.back_bar is None)) if added else stops


def play_stops(loops: np.ndarray, stops: Sequence[Stop], groups: dict[str, bool], fill: np.ndarray | None,
               accent: float) -> None:
    """In place on one version's loops (W, 32, 27) on the real grid: each stop's hit with the band and the rest
    after it (fills.end_on_hit: groups Settings.voice_groups, fill the plan's fill steps kept from a stop's lead,
    accent the Humanize amount), then a bar's band hits voiced as a drummer voices them (band_hits.voice_hits:
    the crash on the first only)."""
    for s in stops:
        end_on_hit(loops, s.window, s.step, groups, s.back, fill, s.lead, accent)
    voice_hits(loops, stops, groups)


def _bars_read(grooves, bars, meters, starts, end, sounding):
    """bar -> (window, downbeat step) of each bar with a note; the bars whose notes are one short stab on the
    downbeat (nothing sounding from beat 2 on); the bars with a note past their downbeat. Bars on two windows
    (4/1) are left out: no stop time there."""
    held = np.asarray(sounding, bool).reshape(-1, STEPS)
    bar_at, stabs, plays_on = {}, set(), set()
    for bar, (w, lo, hi, beats, at) in bar_onsets(grooves, bars, meters, starts, end).items():
        if not len(at):
            continue
        bar_at[bar] = (w, lo)
        if at.max() > 0:
            plays_on.add(bar)
        elif not held[w, lo + beats[0].length:hi].any():
            stabs.add(bar)
    return bar_at, stabs, plays_on


def _runs(bars: list[int]):
    """(first, last) of each run of consecutive bar numbers in sorted `bars`."""
    if not bars:
        return
    first = prev = bars[0]
    for b in bars[1:]:
        if b != prev + 1:
            yield first, prev
            first = b
        prev = b
    yield first, prev


__all__ = ["band_stops", "play_stops", "STOP_TIME_BARS"]
