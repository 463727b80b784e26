"""Bar 1 of a part whose beat grid the comb put a 16th off the beat (a bass line with 16th runs, or a loud pushed
note, on its beats).

core/audio_tempo.py reads the comb's beat grid and the grid half a beat over. The comb fits beats, 8ths and 16ths
jointly, and a part that plays 16th runs (or a loud note a 16th before a beat) can pull its phase a 16th over: then
neither grid is on the beat, and the cues can only choose the least wrong of their readings: a bass line at 84-120 BPM (tests/audio_synth.py make_part) had bar 1 3.25 or 0.75 beats late in
8 of 120 renders, every drum hit a 16th off the music and its first notes dropped as a pickup; at the right grid
it scored 4.5-11 higher (weighed cues). The grids a 16th either side of the best reading's are read too, and the
best of them taken where it scores clearly more.

A take whose music starts at the file's first sample (a band bounced from bar 1) on the "and" of the best reading's
grid was read as a pickup from an 8th offbeat: the bundled funk_bass band (rendered) had bar 1 1.5 beats in, its
snare on the "ands" and 3 notes left out, and bar 1 on its first note, on the grid half a beat over, scored 3.8
lower. Where that reading is within START_MARGIN it is taken (`music_start_bar`). Only there: a pickup on a beat
line of the best grid is a pickup (the benchmark's parts starting on beats 2-4 at 0 s lose 1.7-23 for bar 1 on
their first note), and as a cue on every reading (starts_bar at 5) the funk bass line read at double tempo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .audio_tempo import LOOP_START_S, WEIGHTS, _autocorr, _first_clear, _peaks, _readings, first_downbeat, is_loop

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


# The reading with bar 1 on an offbeat first note that starts the file is taken within this much (weighed cues) of
# the best at its tempo: funk_bass rendered lost by 3.8 (an even stream's like reading: STREAM_MARGIN, 3.5).
START_MARGIN = 4.0
OFFBEAT_TOL = 0.1  # beats: the first note this near half a beat off the best grid's lines is on its offbeat


def music_start_bar(onsets: "Onsets", hyps: list["MeterHypothesis"], best: "MeterHypothesis") -> "MeterHypothesis":
    """`best`, or the best reading at its tempo whose bar 1 is the music's first clear note, where that note starts
    the file (LOOP_START_S), falls on `best`'s 8th offbeat (OFFBEAT_TOL) and the reading scores within START_MARGIN."""
    first = _first_clear(onsets)
    beat = 60.0 / best.bpm
    if first > LOOP_START_S or abs((first - best.phase_s) / beat % 1.0 - 0.5) > OFFBEAT_TOL:
        return best
    starting = [h for h in hyps if h.bpm == best.bpm and h.score >= best.score - START_MARGIN
                and abs(first_downbeat(onsets, h) - first) < beat / 8]
    return max(starting, key=lambda h: h.score, default=best)
