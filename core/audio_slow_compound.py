"""A slow 6/8 or 12/8 read as a waltz on its 8ths: read again in dotted beats.

At 40-48 dotted quarters a minute a 6/8 part's 8ths come at 120-144 a minute,
a waltz's tempo, and its groups of three 8ths (bass and accent on the first)
pass for waltz bars: it was read in 3/4 at 120-144 BPM, each drum bar half
its bar, the drums' beat on its 8ths. A listener hears the 8ths as 8ths
where they run evenly, one on every beat line of that reading and none
between, in groups of three (core/audio_meter.py `compound_meter`, read at
half the tempo), the chords changing every second group and not in between:
the bar is two groups, and the take is read as 6/8 (or 12/8) at half that
tempo.

Measured on rendered takes (tests/test_audio_slow_compound.py renders them):
6/8 and 12/8 parts at 40-48 dotted quarters a minute read as 3/4 had every
line played, none of the half lines, chord change 3.1-5.1 at their bar lines
against 0.4-0.7 mid-bar; make_part waltzes at 105-150 BPM read in 3/4 had at
most 0.96 of their lines played together with a third of their half lines or
more, and mid-bar changes as large as their bar lines' but one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .audio_envelope import Envelope
    from .audio_pick import Onsets

MIN_PLAYED = 0.95  # of the reading's beat lines with an onset: an even stream of 8ths
MAX_BETWEEN = 0.1  # of its half lines with one: nothing faster than the 8ths
CHANGE_OVER = 3.0  # chord change at the bar lines of two groups against at the group between


def slow_compound(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float) -> tuple[tuple[int, int], float] | None:
    """((6, 8) or (12, 8), bar 1 s) of a take read in 3/4 at `bpm` (bar 1 at `start_s`) whose beats are a slow
    compound meter's 8ths (the quarter-note tempo is then bpm / 2); None where that is not clearly it."""
    from .audio_meter import compound_meter
    from .audio_tempo import _grid, _hits, _peaks

    g = _grid(env, onsets, bpm, start_s, _peaks(env))
    if g is None:
        return None
    inside = np.isfinite(g.hit)
    if inside.sum() < 24:
        return None
    if float((g.hit[inside] > 0).mean()) < MIN_PLAYED:
        return None
    between = _hits(onsets, g.beats[inside] + 30.0 / bpm, min(0.05, 7.5 / bpm))
    if float((between > 0).mean()) > MAX_BETWEEN:
        return None
    # The bar is two groups of three 8ths: its line where the chords change, of the two in every six 8ths.
    k = np.round((g.beats - start_s) * bpm / 60.0).astype(np.int64) % 6
    change = [float(g.change[g.valid & (k == j)].mean()) if (g.valid & (k == j)).any() else 0.0 for j in (0, 3)]
    line = int(np.argmax(change))
    if change[line] < CHANGE_OVER * max(change[1 - line], 1e-3):
        return None
    bar1 = start_s + 3 * line * 60.0 / bpm
    first = float(onsets.times[0])
    bar_s = 6 * 60.0 / bpm
    bar1 -= np.floor((bar1 - first + 7.5 / bpm) / bar_s) * bar_s  # the first such line at the part's first onset or after
    meter = compound_meter(env, onsets, bpm / 2, bar1)
    return None if meter is None else (meter, float(bar1))
