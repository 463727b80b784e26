"""The tempo a MIDI file's notes play at when their tick grid does not fit the file's own beat.

Converters from other formats write a tick rate, not a beat: freedoom's d_map19 (QMUS2MID) says 89 ticks a
beat at 95 BPM, with no time signature, yet all 972 of its band notes start on multiples of 15 ticks and its
drummer's figure repeats every 240 ticks (16 of those steps, each voice 35 times). The music is 4/4 at about
141 BPM (60 ticks a beat, 72 bars); read on the file's 95-BPM beat (49 bars) the file's 16ths (22.25 ticks)
fit 10% of its onsets, the drums' beat is 1.48 of the band's and every bar said is another bar.

Found from the notes alone, as a drummer counts a part: nearly all onsets on one grid of g ticks whose steps
meet the file's beats less than once a bar (g = 15 against 89: once in 15 beats), the file's 16ths fitting them
badly, and the onsets' figure repeating (autocorrelation of the onset train) in whole beats of 4 such steps.
Triplet, quintuplet and dotted grids meet the beat within a bar and are left alone. Measured on every
freedoom (111) and openmsx (32) file and a sample of GMD: it finds d_map19 alone.

`grid_tempo_notes` says what the file reads on its own beat (groove.extract_windows' messages): the drums are still
played on the file's beat, as a DAW plays the file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .midi import MidiContent

MIN_ONSETS = 48  # distinct onset ticks: fewer are too few to tell a grid from chance
ON_GRID = 0.95  # share of onsets on the grid (d_map19: 100%)
FILE_16THS_FIT = 0.5  # at most this share on the file's own 16ths (d_map19: 10%; a quantised file: 95-100%)
MIN_STEP_TICKS = 4  # a grid finer than this is met by chance
MIN_BPM, MAX_BPM = 40.0, 300.0  # the tempo the notes' beat gives must be one a band plays
MAX_LAG_STEPS = 64  # the figure's repeat is looked for up to 4 bars of 16 steps
STEPS_PER_BEAT = 4


@dataclass(frozen=True)
class GridTempo:
    """A file's notes on a grid its beat does not fit, and the beat they fit."""

    step_ticks: int  # the notes' grid: the music's 16th, in the file's ticks (d_map19: 15)
    file_ticks: int  # the file's ticks per beat (89)
    file_bpm: float  # the file's tempo at its start (95)
    on_grid: float  # share of distinct onsets on the grid
    on_file_16ths: float  # share of them on the file's own 16ths
    repeat_steps: int  # steps after which the onsets' figure repeats most (16: a bar)

    @property
    def beat_ticks(self) -> int:
        return self.step_ticks * STEPS_PER_BEAT

    @property
    def scale(self) -> float:
        """The music's beats in one of the file's (89 / 60)."""
        return self.file_ticks / self.beat_ticks

    @property
    def bpm(self) -> float:
        return self.file_bpm * self.scale


def _note_ticks(content: MidiContent) -> np.ndarray | None:
    """Onset ticks of a MIDI file's notes, one per note; None where they are not on whole ticks (audio, REAPER)."""
    ticks = np.asarray(content.notes.start, np.float64) * content.ticks_per_beat
    whole = np.round(ticks)
    if not len(ticks) or np.abs(ticks - whole).max() > 1e-6:
        return None
    return whole.astype(np.int64)


def _repeat_steps(ticks: np.ndarray, step: int) -> int:
    """The lag (in steps, 2..MAX_LAG_STEPS) at which the onset train on the grid (notes a step, less their mean)
    repeats most: the figure's length, as a drummer counts it. The shortest lag within 2% of the best is taken
    (a figure repeating every bar repeats every 2 bars too). d_map19: 32 steps (0.82), then 64 (0.76); its
    dotted-8th figures (3 steps) had come first with every onset counted once and the mean left in."""
    train = np.bincount(ticks // step).astype(np.float64)
    train -= train.mean()
    energy = float(train @ train)
    lags = np.arange(2, min(MAX_LAG_STEPS, len(train) - 1) + 1)
    if not len(lags) or energy == 0:
        return 0
    corr = np.array([train[:-lag] @ train[lag:] for lag in lags]) / energy
    return int(lags[np.argmax(corr >= corr.max() * 0.98)])


def grid_tempo(content: MidiContent) -> GridTempo | None:
    """The beat a MIDI file's notes fit where it is not the file's own (module docstring), else None."""
    tpb = int(content.ticks_per_beat)
    notes = _note_ticks(content) if tpb > 0 else None
    ticks = None if notes is None else np.unique(notes)
    if ticks is None or len(ticks) < MIN_ONSETS:
        return None
    # the coarsest grid (from tick 0) holding nearly all onsets, among those most of 32 onsets spread over the
    # file lie on (a file of 32,767 ticks a beat had 65,000 grids to try on every onset)
    grids = np.arange(MIN_STEP_TICKS, 2 * tpb + 1)
    sample = ticks[np.linspace(0, len(ticks) - 1, 32).astype(int)]
    grids = grids[(sample[:, None] % grids[None, :] == 0).mean(0) >= 0.75]
    step = next((int(g) for g in grids[::-1] if np.mean(ticks % g == 0) >= ON_GRID), None)
    if step is None or math.lcm(step, tpb) <= 4 * tpb:  # it meets the file's beats within a bar: the file's grid
        return None
    sixteenth = tpb / 4
    off = np.abs(ticks / sixteenth - np.round(ticks / sixteenth)) * sixteenth
    on_16ths = float(np.mean(off <= max(0.5, 0.05 * sixteenth)))
    bpm = content.bpm * tpb / (step * STEPS_PER_BEAT)
    if on_16ths > FILE_16THS_FIT or not MIN_BPM <= bpm <= MAX_BPM:
        return None
    repeat = _repeat_steps(notes, step)
    if repeat < STEPS_PER_BEAT or repeat % STEPS_PER_BEAT:  # its figure does not repeat in whole beats of 4 steps
        return None
    return GridTempo(step, tpb, float(content.bpm), float(np.mean(ticks % step == 0)), on_16ths, repeat)


def grid_tempo_words(fit: GridTempo, path: str) -> str:
    """The one line said of such a file (naming it: a folder's files are said one after another). The file is
    drummed on its own beat, as a DAW plays it: re-reading it at the notes' tempo would write drums that sit on the
    band only once the file's tempo map is mended (left undone: it fires on one of the 1,291 freedoom, openmsx and GMD files)."""
    meter = "4/4 " if fit.repeat_steps % (4 * STEPS_PER_BEAT) == 0 else ""
    said = (f"{Path(path).name}: its notes sit on a {fit.step_ticks}-tick grid that the file's {fit.file_bpm:.0f} "
            f"BPM beat ({fit.file_ticks} ticks) does not fit ({fit.on_file_16ths:.0%} of them on its 16ths): it plays "
            f"as {meter}at about {fit.bpm:.0f} BPM ({fit.beat_ticks} ticks a beat)")
    return (f"{said}; read at the file's {fit.file_bpm:.0f} BPM, the drums' beat is {fit.scale:.2f} of the band's "
            "and the bars said are the file's, not the band's")


def grid_tempo_notes(content: MidiContent) -> list[str]:
    """[the line said] for a file whose notes fit another beat than its own, else []."""
    fit = grid_tempo(content)
    return [] if fit is None else [grid_tempo_words(fit, content.path)]


__all__ = ["GridTempo", "grid_tempo", "grid_tempo_notes", "grid_tempo_words"]
