"""An audio item heard at another tempo than the project's (a 120-BPM bounce in a 100-BPM project): its drums go
on the project's beats, which its notes do not keep, so the producer is told in one line, with the tempo to set.

The item's own tempo is the CLI's estimate of its file (core/audio_tempo.py), times the rate REAPER plays it at
(the take's playrate and its stretch markers over the item); the project's is its QN over the item's seconds. A
tempo within TEMPO_SLACK of the project's, or of its double or half (a half-time feel), is the project's. The line is
said only where the item's onsets, as heard, also keep their own beat grid clearly better than the project's (an
estimate off on a free-time take, or a take tightened to the grid with stretch markers, says nothing).
"""

from __future__ import annotations

import numpy as np

# Nearer the project's tempo than this is the same tempo (the estimate is refined to 0.05 BPM): 3% off already put a
# 30 s bounce's drums a beat off it by its end, its onsets on the project's grid no more than at random.
TEMPO_SLACK = 0.015
# Fewer onsets than this in the item tell no tempo worth a warning (a few held chords).
MIN_ONSETS = 8
# An onset within this much of a 16th from a grid line keeps that grid (onsets at random: 30% of them).
ON_GRID = 0.15
# The item's own grid must hold at least this share of its onsets, and this much more than the project's grid.
OWN_FIT, FIT_MARGIN = 0.6, 0.25


def file_tempo(env, onsets) -> float | None:
    """The tempo (BPM) of a file as the CLI reads it, or None where its onsets are too few to tell."""
    from reagroove.core.audio import estimate_tempo

    if len(onsets.times) < MIN_ONSETS:
        return None
    return float(estimate_tempo(env, onsets))


def heard_rate(audio: dict) -> float:
    """How fast the item plays its file over its length: the take's playrate, times the stretch its markers
    make on average between the item's ends (audio_items._unstretched's map, read the other way)."""
    from .audio_items import marker_points, playrate  # (audio_items imports this module)

    rate = playrate(audio)
    span = float(audio["length"]) * rate  # the item's length in marker positions
    points = marker_points(audio.get("stretch"), float(audio["startoffs"])) if span > 0 else None
    if points is None or len(points[0]) < 2 or (np.diff(points[0]) <= 0).any():
        return rate
    pos, src = points

    def src_at(p: float) -> float:  # outside the markers the take plays at its own rate
        return float(np.interp(p, pos, src)) + min(p - pos[0], 0.0) + max(p - pos[-1], 0.0)

    return rate * (src_at(span) - src_at(0.0)) / span


def _on_grid(steps: np.ndarray) -> float:
    return float(np.mean(np.abs(steps - np.round(steps)) <= ON_GRID))


def _own_grid(times_s: np.ndarray, bpm: float) -> float:
    """The share of onsets on a 16th grid at `bpm`, placed where it holds the most of them."""
    steps = times_s * bpm / 60.0 * 4.0
    return max(_on_grid(steps - phase) for phase in np.arange(0.0, 1.0, 0.05))


def tempo_line(label: str, file_bpm: float | None, audio: dict, times_s, qns, span_qn: float, again: str) -> str:
    """The line for an item at another tempo ('' where it plays at the project's, its double or half, or where its
    onsets do not tell). times_s, qns: its onsets as heard (project seconds, project QN); span_qn: its length in
    QN; again: what to do then ('drumify again')."""
    times_s, qns = np.asarray(times_s, np.float64), np.asarray(qns, np.float64)
    length_s = float(audio["length"])
    if file_bpm is None or len(times_s) < MIN_ONSETS or length_s <= 0 or span_qn <= 0:
        return ""
    rate = heard_rate(audio)
    heard, project = file_bpm * rate, span_qn / length_s * 60.0
    if any(abs(heard / (project * k) - 1.0) <= TEMPO_SLACK for k in (0.5, 1.0, 2.0)):  # or a half-time feel
        return ""
    own, theirs = _own_grid(times_s, heard), _on_grid(qns * 4.0)
    if own < OWN_FIT or own - theirs < FIT_MARGIN:
        return ""
    return (f"'{label}' plays at about {heard:.0f} BPM, the project at {project:.0f}: its drums are on the project's "
            f"beats, not the item's; set the project tempo to {heard:.0f} (or the item's playback rate to "
            f"{rate * project / heard:.3g}, F2) and {again}")


__all__ = ["file_tempo", "heard_rate", "tempo_line"]
