"""Where a 3/4 reading's chords change: a fast waltz read at half its tempo.

A waltz at 160-200 BPM has bars under 1.2 s. Its 4/4 and 3/4 readings tend to the tempo octave near the
prior (about 100 BPM), so it was read in 3/4 at half its tempo: each bar of the drums held two of the
waltz's bars, with its second downbeat on the "and" of 2. The onsets cannot tell the two octaves apart (a
waltz's beats are the half-tempo reading's 8ths); the harmony can. A band changes chord on bar lines, so
a bar whose chord changes at its middle, on an off-beat 8th, nearly as clearly as on its bar line is two bars:
a listener hears the chords change every 1.5 beats of the slow reading and counts the fast waltz. A slow
waltz keeps its chord through the bar (or two): its halves sound alike.

Measured on pitch-class content (chroma) over quarter-bar stretches: the change across the mid-bar line
against the change across its bar lines, each less the change inside a half bar (no line the chords change
on under either reading: how much an arpeggio or a melody moves within one chord). Over rendered waltzes
(bass, strums, keys, bands; 60-200 BPM): read right at their tempo, that share is at most 0.39 (a bass line
of roots alone 0.57, with little change anywhere); read at half tempo, 0.44-1.27.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .audio_tempo import _first_clear, _unit

if TYPE_CHECKING:
    from .audio_envelope import Envelope
    from .audio_pick import Onsets

# Twice the tempo where the mid-bar change is this share of the bar line's (each less the change within a half) ...
MIN_MID_SHARE = 0.4
# ... and itself this large (cosine distance of pitch-class content, less the within-half change): a bass line's
# roots alone move the chroma little, and a slow waltz's bass line of roots read 0.22 at its right tempo.
MIN_MID_CHANGE = 0.27
MIN_BARS = 4  # of the slow reading, to weigh
FAST_MAX_BPM = 240.0


def _changes(env: "Envelope", onsets: "Onsets", bpm: float, line_s: float):
    """(mid, within, bar): mean chroma change across the mid-bar lines, inside the half bars and across the bar
    lines of a 3/4 bar at `bpm` through bar line `line_s`, from the first clear onset on; None if too short."""
    quarter = 45.0 / bpm  # a quarter of the bar (three quarter-note beats)
    n = len(env.chroma)
    fps = env.fps
    end = min(n / fps, float(onsets.times[-1]))
    # the first bar line in the part
    j0 = int(np.ceil((max(_first_clear(onsets) - 0.05, 0.0) - line_s) / (4 * quarter)))
    edges = line_s + quarter * np.arange(4 * j0, int((end - line_s) / quarter) + 2)
    edges = edges[edges <= end]
    m = (len(edges) - 1) // 4 * 4
    if m < 4 * MIN_BARS:
        return None
    frames = np.clip(np.round(edges[: m + 1] * fps).astype(np.int64), 0, n)
    csum = np.concatenate([np.zeros((1, 12)), np.cumsum(env.chroma[:n], axis=0, dtype=np.float64)])
    seg = _unit(csum[frames[1:]] - csum[frames[:-1]])
    seg = _unit(seg - seg.mean(axis=0))  # what the harmony does, not the instrument's colour
    d = 1.0 - np.sum(seg[1:] * seg[:-1], axis=1)
    pos = np.arange(1, len(d) + 1) % 4  # the line after segment i: 0 a bar line, 2 mid-bar, 1 and 3 inside a half
    return float(d[pos == 2].mean()), float(d[pos % 2 == 1].mean()), float(d[pos == 0].mean())


def fast_waltz_line(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float) -> float | None:
    """A bar line (s) of the take read in 3/4 at twice `bpm`, where its 3/4 reading at `bpm` (bar 1 at
    `start_s`) changes chord mid-bar nearly as clearly as on its bar lines (MIN_MID_SHARE); None where it keeps a
    chord through its bars (or says too little). The slow reading's bar 1 may sit a beat off the chords, so each of
    its three beats is tried as the bar line; the one the chords change on most is the fast reading's."""
    if env.chroma is None or not len(env.chroma) or 2 * bpm > FAST_MAX_BPM or not len(onsets.times):
        return None
    best = None
    for k in range(3):
        line = start_s + k * 60.0 / bpm
        got = _changes(env, onsets, bpm, line)
        if got is not None and (best is None or got[2] - got[1] > best[1][2] - best[1][1]):
            best = (line, got)
    if best is None:
        return None
    line, (mid, within, bar) = best
    if bar - within <= 0 or mid - within < MIN_MID_CHANGE or mid - within < MIN_MID_SHARE * (bar - within):
        return None
    return line
