"""Compact text piano rolls for the terminal.

One character per 16th step, a bar line at each of the song's bars (16
steps in 4/4, 12 in 3/4 and 6/8, 24 in 12/8, 8 in 2/4), a space every beat:
'-' rest, 'o' soft, 'x' medium, 'X' loud. A timing line under a groove marks
steps played clearly early '<' or late '>' (more than 1/8 of a step). A drum
loop is one such row per voice that plays, as a drummer reads a chart.
"""

from __future__ import annotations

import re

import numpy as np

from .loop import LOOP_BEATS, STEPS, STEPS_PER_BEAT, VOICES
from .meter import WindowBars, bars_beats, is_pickup, window_beats
from .swing import MIN_SWUNG, SWUNG_EARLY

VOICE_WIDTH = max(len(v) for v in VOICES)
HITS_LEGEND = "'-' rest  'o' soft  'x' medium  'X' loud"
# under the legend of a chart of swung drums: 'x--x' read as a dotted 8th and a 16th where a drummer plays "1 and"
SWUNG_LEGEND = ("swung 8ths: each off-beat 8th is drawn on the beat's 'a' ('x--x' = swung '1 and', "
                "not dotted 8th + 16th)")
# under the legend where a chart folds a loop played again and again into one ("bar 3 x5"): the x there is no hit
REPEATS_LEGEND = "'{label} x{times}': the loop from {label} played {times} times in a row"
_REPEAT_LABEL = re.compile(r"^\s*((?:bar \d+|pickup)) x(\d+) ")
LEGEND = HITS_LEGEND + "  |  timing: '<' early  '>' late  '.' on the grid"


def _cell(hit: float, vel: float) -> str:
    if hit <= 0:
        return "-"
    return "o" if vel < 0.4 else ("x" if vel < 0.75 else "X")


def _as_written(vel: float) -> float:
    """A drum hit's velocity as the drum file holds it (a MIDI velocity, 1-127, midi_write): two hats both
    written at 95 were 'X' and 'x' where one was 0.7505 and the other 0.7495 before rounding."""
    return max(1, min(127, int(round(float(vel) * 127)))) / 127


def _timing(hit: float, off: float) -> str:
    if hit <= 0:
        return " "
    return "<" if off < -0.125 else (">" if off > 0.125 else ".")


def _bars(chars: list[str], bars: WindowBars | None = None, first: int = 0) -> str:
    """Group a window's 32 characters by the bars it plays: |beat beat beat|beat ...| (two 4/4 bars when
    `bars` is None). Steps outside its bars (before a pickup, after a short last bar) are not shown; nor are
    beats before step `first` (before the file's start: first_written), a beat it cuts blank up to it."""
    chars = [" "] * first + list(chars[first:])
    out = ""
    end = None
    for bar in bars_beats(bars):
        beats = [b for b in bar if b.start < STEPS]
        if not beats:
            break
        beats = [b for b in beats if b.start + b.length > first]
        if not beats:
            continue
        if beats[0].start != end:
            out += "|"
        out += " ".join("".join(chars[b.start : min(b.start + b.length, STEPS)]) for b in beats) + "|"
        end = beats[-1].start + beats[-1].length
    return out


def shown_steps(bars: WindowBars | None = None) -> np.ndarray:
    """Which of a window's 32 steps its rows show (those of the bars it plays): a 3/4 window's 8 beats reach
    into the next window's bar, which is not its to show or count."""
    shown = np.zeros(STEPS, bool)
    for bar in bars_beats(bars):
        for b in bar:
            shown[b.start : min(b.start + b.length, STEPS)] = True
    return shown


def first_written(start: float) -> int:
    """The first of a window's 32 steps a drum file holds, the window starting at beat `start`: none before the
    file's start are written (midi_write.loop_note_events), so 0 but where a window starts before it (an audio take
    whose bar line --start puts before the audio: --start -1 opens it mid-bar, its window before bar 1 a pickup)."""
    return next((s for s in range(STEPS) if start + s / STEPS_PER_BEAT >= 0), STEPS)


def drawn_bars(bars: WindowBars | None, first: int, meter: tuple[int, int]) -> WindowBars | None:
    """The bars a chart draws of a window whose steps are written from `first` on: a whole loop before bar 1 (`bars`
    None) written only in its last bar is that bar alone, a pickup in the song's `meter`, as a MIDI file's pickup bar
    is drawn (its two bars had been drawn whole, the backbeat before the audio starts and all); else `bars`."""
    if bars is not None or not first:
        return bars
    num, den = meter
    pickup = ((LOOP_BEATS - num * 4.0 / den, num, den),)
    if not is_pickup(pickup) or first < pickup[0][0] * STEPS_PER_BEAT - 1e-6 or window_beats(pickup) is None:
        return bars
    return pickup


def _first_drawn(hvo: np.ndarray, bars: WindowBars | None, first: int) -> int:
    """`first`, or where the beat it cuts holds no hit from it on, the next beat's first step: a pickup written from
    mid-beat is drawn from its first whole beat, as a MIDI pickup is, unless a hit is written before it."""
    for bar in bars_beats(bars):
        for b in bar:
            if b.start < first < b.start + b.length and not hvo[first:b.start + b.length, :len(VOICES)].any():
                return b.start + b.length
    return first


def groove_row(groove: np.ndarray, bars: WindowBars | None = None) -> tuple[str, str]:
    """(hits row, timing row) for a (32, 3) groove of a window playing `bars` (None: two 4/4 bars)."""
    hits = _bars([_cell(h, v) for h, v, _ in groove], bars)
    timing = _bars([_timing(h, o) for h, _, o in groove], bars)
    return hits, timing


def loop_rows(hvo: np.ndarray, bars: WindowBars | None = None, first: int = 0) -> list[str]:
    """One row per voice that plays, for a (32, 27) loop of a window playing `bars` (None: two 4/4 bars), from its
    step `first` (first_written)."""
    n = len(VOICES)
    rows = []
    for v, name in enumerate(VOICES):
        if hvo[first:, v].any():
            row = _bars([_cell(hvo[s, v], _as_written(hvo[s, n + v])) for s in range(STEPS)], bars, first)
            if row.strip("-| "):  # a voice that plays only in steps not shown (a bar past the music's end) has no row
                rows.append(f"{name:<{VOICE_WIDTH}} {row}")
    return rows


def swung_loop(hvo: np.ndarray) -> bool:
    """Whether a (32, 27) loop plays swung 8ths (swing.swing_loops): its off-beat 8ths early on the beats' last
    16th (at least MIN_SWUNG of them), none on a beat's "and"."""
    n = len(VOICES)
    in_beat = np.arange(STEPS) % STEPS_PER_BEAT
    hits, offsets = hvo[:, :n] > 0, hvo[:, 2 * n : 3 * n]
    early = hits[in_beat == 3] & (offsets[in_beat == 3] <= -SWUNG_EARLY)
    return int(early.sum()) >= MIN_SWUNG and not hits[in_beat == 2].any()


def swing_legend(loops) -> list[str]:
    """[SWUNG_LEGEND] where any of a chart's loops is swung, else none (a straight chart is as it was)."""
    return [SWUNG_LEGEND] if any(swung_loop(hvo) for hvo in loops) else []


def repeats_legend(lines) -> list[str]:
    """[REPEATS_LEGEND], its first such label's, where a chart's lines fold a loop's repeats into one label ("bar 3 x5"), else none: a new
    user had read the x as a hit's."""
    found = next((m for m in map(_REPEAT_LABEL.match, lines) if m), None)
    return [REPEATS_LEGEND.format(label=found[1], times=found[2])] if found else []


def bar_label(bar: int) -> str:
    return "pickup" if bar < 1 else f"bar {bar}"


def window_labels(bars) -> list[str]:
    """A label per window from the bar it starts in (`Windows.bars`): 'bar 5', 'pickup' before bar 1.
    A bar longer than a window (4/1, 9/4: more than 8 quarter notes) is played by more than one,
    each 8 quarter notes further into it (groove.window_starts); those after its first are
    'bar 5 (cont.)', 'bar 5 (cont. 2)', ..., so no two windows share a label, and --bars 5 picks them all."""
    labels = []
    prev, k = None, 0
    for bar in bars:
        bar = int(bar)
        k = k + 1 if bar == prev else 0
        prev = bar
        labels.append(bar_label(bar) + ("" if k == 0 else " (cont.)" if k == 1 else f" (cont. {k})"))
    return labels


def labelled(label: str, rows: list[str], width: int) -> list[str]:
    """`rows` under a label in a left column `width` wide (the label on the first row)."""
    rows = rows or ["(silent)"]
    return [f"{label if i == 0 else '':>{width}} {row}" for i, row in enumerate(rows)]


def loops_roll(loops: np.ndarray, bars, meters=None, starts=None) -> list[str]:
    """The piano roll of a run of (32, 27) loops, each under the bar it starts at, with bar lines where
    the song's bars are (`meters`: the bars each window plays, DrumifyResult.meters; None: 4/4), and where
    their `starts` (beats) are given, only the steps a drum file holds (none before the file's start).

    So that a whole song stays short, a loop played again straight after
    itself (the same characters in every row) is shown once with its count
    ('bar 5 x3'), a loop already shown earlier is one line ('bar 17 x2 as bar 1'),
    and a phrase played again and again as it was just played (the loops of 8 bars, a fill
    ending them) is one line for all its repeats ('bars 9-64 as bars 1-8, 7 times').
    Swung drums are said first (SWUNG_LEGEND): their 8ths are drawn on the 16th grid.
    """
    return swing_legend(loops) + _rows_of(_roll_items(loops, bars, meters, starts))


def versions_rolls(versions, bars, meters=None, starts=None) -> list[list[str]]:
    """`loops_roll` of each version of the same bars (drumify --variations), the label column one width in all:
    a version without a repeat ('bar 3' where another has 'bar 3 x2') had its pickup and its chart moved two
    columns left of the others'."""
    items = [_roll_items(loops, bars, meters, starts) for loops in versions]
    width = max((len(label) for one in items for label, _ in one), default=0)
    charts = [_rows_of(one, width) for one in items]
    said = next((k for k, loops in enumerate(versions) if swing_legend(loops)), None)
    if said is not None:  # once, over the first swung chart (the versions follow one another, legend first)
        charts[said] = [SWUNG_LEGEND] + charts[said]
    return charts


def _roll_items(loops: np.ndarray, bars, meters=None, starts=None) -> list[tuple[str, object]]:
    """loops_roll's (label, rows of a run, or the text of repeated phrases), in order."""
    runs: list[tuple[str, list[str], int, int]] = []  # (first window's label, rows, count, first window)
    # the song's meter from bar 1 on (that of a bar before it, a pickup drawn alone: drawn_bars)
    meter = next((tuple(m[0][1:3]) for b, m in zip(bars, meters or ()) if m and b >= 1), (4, 4))
    for k, (label, hvo) in enumerate(zip(window_labels(bars), loops)):
        first = 0 if starts is None else first_written(float(starts[k]))
        drawn = drawn_bars(None if meters is None else meters[k], first, meter)
        rows = loop_rows(hvo, drawn, _first_drawn(hvo, drawn, first))
        if runs and runs[-1][1] == rows:
            runs[-1] = (runs[-1][0], rows, runs[-1][2] + 1, runs[-1][3])
        else:
            runs.append((label, rows, 1, k))
    bar_after = _bar_after(bars, meters)
    items: list[tuple[str, object]] = []  # (label, rows of a run, or the text of repeated phrases)
    i = 0
    while i < len(runs):
        p, times = _repeated_phrase(runs, i)
        if times:
            first, last = int(bars[runs[i - p][3]]), int(bars[runs[i][3]]) - 1
            end = runs[i + p * times][3] if i + p * times < len(runs) else len(bars)
            items.append((f"bars {int(bars[runs[i][3]])}-{bar_after[end - 1] - 1}",
                          f"as bars {first}-{last}, {times} time{'s' if times > 1 else ''}"))
            i += p * times
            continue
        label, rows, count, _ = runs[i]
        items.append((label + (f" x{count}" if count > 1 else ""), rows))
        i += 1
    return items


def _rows_of(items: list[tuple[str, object]], width: int = 0) -> list[str]:
    """The lines of a roll's items, their labels in a column at least `width` wide."""
    width = max([width] + [len(label) for label, _ in items])
    first_shown: dict[tuple[str, ...], str] = {}  # rows -> the window where they were first shown
    lines = []
    for label, what in items:
        if isinstance(what, str):
            lines += labelled(label, [what], width)
            continue
        first = label.split(" x")[0]
        earlier = first_shown.setdefault(tuple(what), first)
        lines += labelled(label, [f"as {earlier}"] if earlier != first else what, width)
    return lines


def _bar_after(bars, meters) -> list[int]:
    """Per window, the first bar after the bars it plays."""
    out = []
    for k, bar in enumerate(bars):
        played = meters[k] if meters is not None and meters[k] is not None else ((0.0, 4, 4), (4.0, 4, 4))
        out.append(int(bar) + len(played))
    return out


def _repeated_phrase(runs, i: int, longest: int = 8) -> tuple[int, int]:
    """(runs in the phrase, times) where the phrase of the runs just before `i` is played again from `i`,
    twice or more and loop for loop; (0, 0) where none is. Windows of bars longer than a loop ('cont.')
    and a pickup are shown as they are."""
    key = lambda r: (tuple(r[1]), r[2], r[0].startswith("bar ") and "(cont." not in r[0])  # noqa: E731
    best = (0, 0)
    for p in range(2, min(longest, i) + 1):
        block = [key(r) for r in runs[i - p:i]]
        if not all(k[2] for k in block):
            continue
        times = 0
        while i + (times + 1) * p <= len(runs) and [key(r) for r in runs[i + times * p:i + (times + 1) * p]] == block:
            times += 1
        if times >= 2 and p * times > best[0] * best[1]:
            best = (p, times)
    return best
