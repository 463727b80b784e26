"""A slow part's beat marked every other beat line: its reading is twice too fast.

A 60 BPM ballad's arpeggio plays every 16th, evenly: at the note level it is
a 120 BPM part in 8ths, and the cues that weigh the tempo octave (parts play
8ths more than 16ths; the tempo prior near 100) read it at 120. A listener
hears the beat where the bass notes and the accents fall, every fourth note:
on the 120 reading, every other beat line. So where the best reading's lines
of beats 1 and 3 stand clearly over those of 2 and 4 in the low band (a bass
note) and in onset strength (an accent) together, in an even stream (a note
on nearly every beat line and every 8th between: not a bass line resting on 2
and 4), the reading at half the tempo is taken.

Measured on rendered takes (tests/test_audio_marked_beat.py renders them):
60 BPM arpeggios read at 120 had low + strength contrast 3.3-3.4 (z units),
every line and every 8th played; 120 BPM parts in 8ths (arpeggios with a bass
note on every beat, make_part's bass, keys, strum, band and mix at 80-200 BPM)
at most 2.0, but a bass line alone 2.75 (make_part seed 3 at 115 BPM: its root
on 1 and 3, 0.7 of its lines and 0.23 of its 8ths played, so no stream). A
take without a bass under its arpeggio (accents only, 1.7) is left as it was
read: the evidence is not clear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .audio_envelope import Envelope
    from .audio_pick import Onsets
    from .audio_tempo import MeterHypothesis

MIN_CONTRAST = 2.5  # z units: lines 1 and 3 over 2 and 4, the low band's contrast plus the onset strength's
MIN_STREAM = 0.9  # of the beat lines, and of the 8ths between them, with an onset: an even stream
MIN_HALF_BPM = 40.0  # no slower reading (audio_tempo.MIN_BPM)


def beat_every_other_line(env: "Envelope", onsets: "Onsets", h: "MeterHypothesis") -> bool:
    """Whether reading `h`'s beat is clearly half its beat: bass notes and accents on its beats 1 and 3 of an
    even stream of notes."""
    from .audio_tempo import _grid, _hits, _peaks

    if h.bpm / 2 < MIN_HALF_BPM or env.low is None:
        return False
    g = _grid(env, onsets, h.bpm, h.phase_s, _peaks(env))
    if g is None or len(g.beats) < 16:
        return False
    k0 = int(round((g.beats[0] - h.phase_s) * h.bpm / 60.0))
    odd = (np.arange(len(g.beats)) + k0 - h.downbeat) % 2 == 0  # lines of beats 1 and 3
    played = np.isfinite(g.hit)
    if (played & odd).sum() < 4 or (played & ~odd).sum() < 4:
        return False
    lines = float((g.hit[played] > 0).mean())
    eighths = float((_hits(onsets, g.beats[played] + 30.0 / h.bpm, min(0.05, 7.5 / h.bpm)) > 0).mean())
    if lines < MIN_STREAM or eighths < MIN_STREAM:
        return False
    contrast = (g.low[odd].mean() - g.low[~odd].mean()) + (g.strength[odd].mean() - g.strength[~odd].mean())
    return bool(contrast >= MIN_CONTRAST) and _sixteenths_share(onsets, h) < MAX_SIXTEENTHS


# A funk guitar at 96 BPM plays its 16ths too (scratches between its stabs), its stab and low strings on 1 and near 3:
# the contrast above, an even stream, and it was read at 48. An arpeggio read twice too fast is all 8ths of that
# reading; a part playing that reading's 16ths as well is a busy part at that tempo, not a slow one.
MAX_SIXTEENTHS = 0.1  # of the notes' loudness, on the reading's 16ths between its 8ths (rendered funk 0.2-0.5)


def _sixteenths_share(onsets: "Onsets", h: "MeterHypothesis") -> float:
    """Share of the onsets' loudness within a third of a 16th of `h`'s 16ths between its 8ths."""
    w = np.asarray(onsets.velocity, np.float64)
    x = (np.asarray(onsets.times, np.float64) - h.phase_s) * h.bpm / 15.0
    k = np.round(x)
    on = (k % 2 == 1) & (np.abs(x - k) < 1.0 / 3.0)
    return float((w * on).sum() / max(float(w.sum()), 1e-9))
