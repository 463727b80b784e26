"""Where the music opens with a pickup (anacrusis): notes leading into the first downbeat, in a whole first bar
(a file with a pickup bar of its own meter has it as the grid's first bar already), or a drum part's opening fill (a
first bar of snare and toms into the beat). The drums come in on the bar it leads into, with a lead-in over its beats
(a drum part's own, where its kit is kept), and the song's phrases count from there. Music before the bar map's
first line (an audio take whose bar 1 a negative --start put inside the file) is a pickup too (pickup_before)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .drum_parts import CYMBALS, KIT_DRUMS, is_drum_part
from .drummap import GM_DRUM_MAP
from .loop import LOOP_BEATS, STEPS_PER_BEAT

if TYPE_CHECKING:
    from .groove import BarGrid
    from .midi import Notes


def pickup_bar(grid: BarGrid, notes: Notes) -> int | None:
    """The bar number of a first bar that holds only a pickup into the next (the music's first note in the
    second half of its bar, more following from the next bar line on; a walk-up, _run_into; a drum part's opening
    fill, intro_fill), else None. A file with a pickup bar of its own meter (grid.first_bar) has it already."""
    if grid.first_bar or len(notes) == 0:
        return None
    played = np.round(notes.start * STEPS_PER_BEAT) / STEPS_PER_BEAT  # a note half a 16th early is the next's
    first = float(played.min())
    i = int(np.searchsorted(grid.lines, first + 1e-9, side="right")) - 1
    if i < 0 or i + 1 >= len(grid.lines):
        return None
    start, end = float(grid.lines[i]), float(grid.lines[i + 1])
    if end - start > LOOP_BEATS or not (played >= end - 1e-9).any():
        return None
    if first - start < (end - start) / 2 - 1e-9 and not _run_into(played, notes, first, end, start, grid, i) \
            and not intro_fill(played, notes, end, grid, i):
        return None
    return grid.bar_number(start)


def pickup_beats(bar_start: float, into: float, first_beat: float, meter: tuple[int, int]) -> float:
    """Quarter notes from the beat the first note is on (`first_beat`, in the bar of `meter` from `bar_start`) to
    the bar line `into`: the pickup's length, in whole beats of the meter (0: the note is on that line)."""
    n, d = meter
    unit = min(4.0 / d, 1.0)  # the pickup's length from the beat its first note is on (a quarter in 2/2)
    if d == 8 and n % 3 == 0 and n > 3:  # 6/8, 9/8, 12/8 count dotted beats: a pickup from the "let" of
        unit = 1.5                        # 3 had been laid as two quarters (16ths off the triplet grid)
    return float(into - bar_start - np.floor((first_beat + 1 / 8 - bar_start) / unit) * unit)


def pickup_before(grid: BarGrid, first_beat: float) -> float | None:
    """Quarter notes of a pickup before the first bar line of a map that starts after the music does (an audio
    take with --start below 0: bar 1 is the first bar line inside the file, the part before it a pickup, as --help
    says), from the first note's beat; 0 where that note is only a hair early (on bar 1's 16th), None where no note
    comes before the first line or the pickup is a whole bar (that bar) or longer than a window. Its window plays a
    lead-in over those beats as a MIDI pickup bar's does, not the end of a groove loop from 8 beats before bar 1 (cut
    at the file's start)."""
    if grid.first_bar or first_beat >= grid.lines[0] - 1e-9:
        return None
    n, d = grid.meters[0]
    bar = n * 4.0 / d
    beats = pickup_beats(float(grid.lines[0]) - bar, float(grid.lines[0]), first_beat, (n, d))
    # music from a whole bar before the line is that bar, not a pickup into the next (a MIDI file's, pickup_bar)
    return max(beats, 0.0) if beats < bar - 1e-9 and beats <= LOOP_BEATS + 1e-9 else None


def intro_fill(played: np.ndarray, notes: Notes, end: float, grid: BarGrid, i: int) -> bool:
    """A drum part (every note on channel 10) opening with a fill: a first bar of snare and tom strokes (4 or more,
    the kick under them or not; General MIDI's pitches) and no cymbal, into a struck downbeat, its next bar striking a
    cymbal, most of its strokes not the groove's (_groove_again: a part on its toms throughout, or its groove
    without the hats, plays its groove in bar 1). A drummer counts the song from the bar it leads into: its crash
    there, not on the fill's first stroke (a bar of toms into the beat had taken ReaGroove's opening crash on its 1
    and lost the part's own on bar 2's; 22 of GMD's 1,138 4/4 takes open so)."""
    later = float(grid.lines[i + 2]) if i + 2 < len(grid.lines) else None
    if later is None or not is_drum_part(notes):
        return False
    voice = GM_DRUM_MAP.voice_of_pitch()[notes.pitch]
    fill, into = played < end - 1e-6, np.abs(played - end) < 1e-6
    after = (played >= end - 1e-6) & (played < later - 1e-6)
    strokes = np.isin(voice[fill], KIT_DRUMS[1:])
    return bool(strokes.sum() >= 4 and np.isin(voice[fill], KIT_DRUMS).all() and into.any()
                and np.isin(voice[after], CYMBALS).any() and not _groove_again(played, notes, voice, grid, i))


def _groove_again(played: np.ndarray, notes: Notes, voice: np.ndarray, grid: BarGrid, i: int) -> bool:
    """Whether more than half of bar i's snare and tom strokes (each its 16th in the bar and its pitch) come again in
    the next bar: the groove, a cymbal joining it there (a floor tom groove the ride joins, a backbeat and ghosts
    the hats join), not a fill into it (a roll, a count-in on the rim or the snare: snare quarters share just half
    their strokes, the backbeat's 2 and 4, a run down the toms)."""
    drums = np.isin(voice, KIT_DRUMS[1:])

    def strokes(k: int) -> set[tuple[int, int]]:  # (bar k + 1 has a line after it: intro_fill asks for bar i + 2's)
        start = float(grid.lines[k])
        at = drums & (played >= start - 1e-6) & (played < float(grid.lines[k + 1]) - 1e-6)
        return {(int(round((t - start) * STEPS_PER_BEAT)), int(p)) for t, p in zip(played[at], notes.pitch[at])}

    first = strokes(i)
    return len(first & strokes(i + 1)) * 2 > len(first)


def _run_into(played: np.ndarray, notes: Notes, first: float, end: float, start: float, grid: BarGrid, i: int) -> bool:
    """A walk-up from the first half of bar 1 (beats 2-4), a quarter of the bar in or more, into a downbeat louder,
    lower or fuller than its notes, the next one struck too: not a line that only starts late (bar 2's notes but its
    downbeat, at least half of them), nor a riff resting on its 1 (resting there again)."""
    later = float(grid.lines[i + 2]) if i + 2 < len(grid.lines) else None
    run, into = (played < end - 1e-6), np.abs(played - end) < 1e-6
    if first - start < (end - start) / 4 - 1e-9 or later is None or not into.any() or \
            not (np.abs(played - later) < 1e-6).any():
        return False
    steps = np.round(played[run] * STEPS_PER_BEAT)
    # bar 1 playing bar 2's own notes but its downbeat (a riff or a right hand that starts late): no pickup
    second = (played >= end - 1e-6) & (played < later - 1e-6)
    heard = {(int(s) - round(start * STEPS_PER_BEAT), int(p)) for s, p in zip(steps, notes.pitch[run])}
    again = {(int(s) - round(end * STEPS_PER_BEAT), int(p))
             for s, p in zip(np.round(played[second] * STEPS_PER_BEAT), notes.pitch[second])}
    if len(heard & again) * 2 >= len(heard):
        return False
    louder = int(notes.velocity[into].max()) >= int(notes.velocity[run].max()) + 10
    lower = int(notes.pitch[into].min()) < int(notes.pitch[run].min())
    fuller = int(into.sum()) > int(np.unique(steps, return_counts=True)[1].max())
    return louder or lower or fuller
