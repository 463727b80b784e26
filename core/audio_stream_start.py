"""Bar 1 of an even stream (a funk guitar's 16th scratches) that opens on an offbeat of the reading chosen.

In an even stream every beat line and every 8th between is played, so which notes are louder says which grid is on
the beat (core/audio_tempo.py's accent and quiet_lines cues). A funk part whose open stabs push (on the "and" of
2 and 3, ghost scratches on the beats) is louder half a beat over, and was read on the offbeat grid: its take,
opening on a stab on beat 1, was read as a pickup from the "and" of 2, bar 1 two and a half beats later (1.9 s
into a take starting at 0.4 s at 100 BPM), its first bar's 6 notes left out and the drums a beat and a half off it.
A pickup that starts half a beat off the beat lines and runs on as an even stream is rarer than a take opening on
its downbeat: where the grid half a beat over, with bar 1 on the take's opening note, reads nearly as well, it is
taken. The opening note is the first loud one where ghost scratches lead into it (a scratch on the "and" of 4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .audio_tempo import EVEN_STREAM, _first_clear, _hits, first_downbeat

if TYPE_CHECKING:
    from .audio_pick import Onsets
    from .audio_tempo import MeterHypothesis

LOUD = 0.7  # velocity (0..1 of the take's loud notes): an open stab, not a ghost scratch (0.3-0.4)
OFFBEAT_TOL = 0.1  # beats: the opening note this near half a beat off the reading's lines is on its offbeat
# The other grid's reading whose bar 1 is the opening note is taken within this much of the best's score (weighed
# cues: rendered funk scratches opening on a stab read 0.2-3.0 below the offbeat grid; a reading that is wrong
# rather than close loses by 6 or more).
STREAM_MARGIN = 3.5


def even_stream(onsets: "Onsets", bpm: float, phase_s: float, first: float) -> bool:
    """Whether the take plays nearly every beat line and every 8th between (EVEN_STREAM) on the grid at `bpm`
    through `phase_s`, from its first clear note (`first` s) to its last."""
    beat = 60.0 / bpm
    k0 = np.ceil((first - phase_s) / beat - 0.25)
    lines = phase_s + beat * np.arange(k0, np.floor((float(onsets.times[-1]) - phase_s) / beat) + 1)
    if len(lines) < 8:
        return False
    tol = min(0.05, beat / 8)
    return min(float((_hits(onsets, lines, tol) > 0).mean()),
               float((_hits(onsets, lines + beat / 2, tol) > 0).mean())) >= EVEN_STREAM


def _opening(onsets: "Onsets", first: float, beat: float) -> float:
    """Seconds of the take's opening note: its first clear one, or where that is a soft scratch with a loud note
    (LOUD) within a beat after it, that loud note (the scratches before it a pickup)."""
    i = int(np.searchsorted(onsets.times, first))
    if onsets.velocity[i] >= LOUD:
        return first
    loud = np.flatnonzero((onsets.times > first) & (onsets.times <= first + beat) & (onsets.velocity >= LOUD))
    return float(onsets.times[loud[0]]) if len(loud) else first


def stream_start(onsets: "Onsets", hyps: list["MeterHypothesis"], best: "MeterHypothesis") -> "MeterHypothesis":
    """`best`, or the reading at its tempo half a beat over with bar 1 on the take's opening note (`_opening`), where
    the take is an even stream whose opening note falls on `best`'s offbeat 8th (a pickup from the "and" as `best`
    reads it) and that reading scores within STREAM_MARGIN of it."""
    first = _first_clear(onsets)
    beat = 60.0 / best.bpm
    opening = _opening(onsets, first, beat)
    pos = ((opening - best.phase_s) / beat) % 1.0
    if abs(pos - 0.5) > OFFBEAT_TOL or first_downbeat(onsets, best) - opening < beat / 4:
        return best
    starting = [h for h in hyps if h.bpm == best.bpm and h.score >= best.score - STREAM_MARGIN
                and abs(first_downbeat(onsets, h) - opening) < beat / 8]
    if not starting or not even_stream(onsets, best.bpm, best.phase_s, first):
        return best
    return max(starting, key=lambda h: h.score)
