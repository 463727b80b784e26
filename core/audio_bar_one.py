"""Bar 1 of a part whose beat grid the comb put a 16th off the beat (a bass line with 16th runs, or a loud pushed
note, on its beats).

core/audio_tempo.py reads the comb's beat grid and the grid half a beat over. The comb fits beats, 8ths and 16ths
jointly, and a part that plays 16th runs (or a loud note a 16th before a beat) can pull its phase a 16th over: then
neither grid is on the beat, and the cues can only choose the least wrong of their readings: a bass line at 84-120 BPM (tests/audio_synth.py make_part) had bar 1 3.25 or 0.75 beats late in
8 of 120 renders, every drum hit a 16th off the music and its first notes dropped as a pickup; at the right grid
it scored 4.5-11 higher (weighed cues). The grids a 16th either side of the best reading's are read too, and the
best of them taken where it scores clearly more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .audio_tempo import WEIGHTS, _autocorr, _peaks, _readings, is_loop

if TYPE_CHECKING:
    from .audio_envelope import Envelope
    from .audio_pick import Onsets
    from .audio_tempo import MeterHypothesis

# A grid a 16th over is taken only this much (weighed cues) above the comb's: of 370 rendered bass, band, keys and
# mix parts (70-140 BPM), the 9 read a 16th off gained 4.5-11 there; the rest lost 1.6 or more.
SIXTEENTH_MARGIN = 3.0
# The cues that weigh the tempo octave only (core/audio_tempo.py _weigh_octave): the same for every reading at a
# tempo, copied from the comb's reading so the grids a 16th over compare with it on the rest.
OCTAVE_CUES = ("backbeat_octave", "noise_octave")


def sixteenth_over(env: "Envelope", onsets: "Onsets", hyps: list["MeterHypothesis"],
                   best: "MeterHypothesis") -> tuple[list["MeterHypothesis"], "MeterHypothesis"]:
    """(readings, best): with the readings a 16th either side of `best`'s grid added, and the best of them where
    it scores SIXTEENTH_MARGIN more; else `hyps` and `best` as they are. A loop's bar 1 is its start: left alone."""
    if is_loop(env, onsets):
        return hyps, best
    ac, peaks = _autocorr(env), _peaks(env)
    sixteenth = 15.0 / best.bpm
    over = []
    for phase in (best.phase_s + sixteenth, best.phase_s - sixteenth):
        over += _readings(env, onsets, best.bpm, phase, ac, peaks)
    for h in over:
        for name in OCTAVE_CUES:
            h.cues[name] = best.cues.get(name, 0.0)
            h.score += WEIGHTS[name] * h.cues[name]
    top = max(over, key=lambda h: h.score, default=None)
    if top is None or top.score < best.score + SIXTEENTH_MARGIN:
        return hyps, best
    return hyps + over, top
