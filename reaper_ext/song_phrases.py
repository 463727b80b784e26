"""Where the song's phrases count from, for drums over a selection from mid-song (actions.song_context).

Drumify over a selected item starting at bar 3 had counted `--fill-every 4bars` from its own first bar: fills ending
bars 6 and 10 where drumifying the whole song ends them on 4, 8 and 12. A drummer redoing a section plays the
song's phrases, and the selection's are exactly those of drumifying the whole song: the song is the notes heard on
the selection's own band tracks (its items whole, and the other items there: reaper_read.band_heard), never the
drum track's, a click's or another track's, and its phrases count as the CLI's `--bars` count them
(phrases.song_phrase_start: from the first note, or the bar a pickup leads into, or the last comeback after a rest
at or before the selection), then again from each marker and region.
"""

from __future__ import annotations

import re

import numpy as np

from reagroove.core.groove import bar_grid
from reagroove.core.inaudible_notes import heard_notes
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import MidiContent
from reagroove.core.named_sections import is_chorus, lift_choruses, named_pairs
from reagroove.core.phrases import song_phrase_start

from .panel.note_words import in_reaper_words
from .selection_bars import bars_said, merged
from .selection_notes import band_rows, rows_as_notes
from .selection_range import selection_drums as drums_of_selection


def song_of(project: dict, rows: list, tempos, time_signatures, end_qn: float) -> MidiContent | None:
    """The song around a selection: `rows` (the selected band items' notes, whole) and the notes REAPER's side read
    on their tracks (project["song_notes"]), in project QN; None where they hold none (only drum items selected)."""
    every = band_rows([list(n) for n in rows], [list(n) for n in project.get("song_notes") or ()])
    if not every:
        return None
    end = max([float(end_qn), *(float(n[1]) for n in every)])
    return MidiContent("the song", rows_as_notes(every), 960, tempos, list(time_signatures), end)


def selection_drums(engine, sel, wins, phrased, sections, start, song_end, settings):
    """Drumify's drums for the selection (selection_range.selection_drums, the arguments as there) with each chorus the
    project's regions and markers name (project["section_names"], project_maps.marker_names) on the ride, as a MIDI
    file's markers have it (named_sections.lift_choruses; its versions too: Engine.variations_of). The editor's hand
    edits go on top of the lifted drums, as on its versions (a hat drawn in a chorus stays a hat)."""
    named = named_pairs(sel.project.get("section_names"))
    if not any(is_chorus(name) for _, name in named):
        return drums_of_selection(engine, sel, wins, phrased, sections, start, song_end, settings)
    edits = engine if hasattr(engine, "without_edits") else None  # (panel.edits.EditedEngine)
    result = drums_of_selection(edits.without_edits if edits else engine, sel, wins, phrased, sections, start,
                                song_end, settings)
    result = lift_choruses(result, named, sel.content.time_signatures, settings)
    return edits.edited(result) if edits else result


def song_between(project: dict, left: list) -> list:
    """The song's notes (project["song_notes"]) in the bars left alone between the selected items (`left`: [(lo_qn,
    hi_qn)], no drums written there): the selection's drums hear the band play through them, as drumifying all the
    items does (heard as a rest, they had put a comeback's fill and crash on the bar after, and counted the phrases
    again from it). A note half a 16th early is the bar's, as the windows count."""
    early = 0.5 / STEPS_PER_BEAT
    return [list(n) for n in project.get("song_notes") or () if any(lo - early <= n[0] < hi - early for lo, hi in left)]


def song_phrase_bar(song: MidiContent | None, project: dict, bars: tuple[int, int], end_qn: float) -> int | None:
    """The bar the song's phrases count from for the selection's `bars` (numbered as extract_windows numbers
    them), as drumifying the whole song counts them (phrases.song_phrase_start); None without a song. Where the
    band's tracks hold items whose notes are not read (audio not selected: project["song_start_qn"]), no later
    than the bar they start on (song_first_bar)."""
    if song is None:
        return None
    start = song_phrase_start(song, bars)
    unread = song_first_bar(project, song.time_signatures, end_qn)
    return start if unread is None or unread >= start else max(unread, 1)


def song_before(song: MidiContent | None, project: dict, qn: float) -> bool:
    """Whether the song on the selection's band tracks (song_of; items whose notes are not read: where they start)
    plays before `qn`: the selection's silent first bars are then a rest in it (a time selection opening on the
    band's rest, drummed through), else the song's silent opening (an item recorded from bar 1, the bass coming in
    on bar 9), which gets no drums. A note half a 16th early is the bar's, as the windows count."""
    early = 0.5 / STEPS_PER_BEAT
    heard = None if song is None else heard_notes(song)  # (a pad nobody hears plays nothing: inaudible_notes.py)
    if heard is not None and len(heard) and float(np.min(heard.start)) < qn - early:
        return True
    return project.get("song_start_qn") is not None and float(project["song_start_qn"]) < qn - early


def song_first_bar(project: dict, time_signatures, end_qn: float) -> int | None:
    """The bar (numbered as extract_windows numbers them: from the first whole bar) where project["song_start_qn"]
    lies, the song's first phrase where REAPER's side did not read its notes (an item starting in the second half of
    a bar is a pickup into the next, as a drummer waits for the one); None where it did not say."""
    start = project.get("song_start_qn")
    if start is None:
        return None
    start = max(float(start), 0.0)
    grid = bar_grid(list(time_signatures), max(float(end_qn), start + 1.0))
    lines = grid.lines
    k = max(int(np.searchsorted(lines, start + 1e-6, side="right")) - 1, 0)
    num, den = grid.meters[k]
    bar_end = float(lines[k + 1]) if k + 1 < len(lines) else float(lines[k]) + num * 4.0 / den
    if start - lines[k] >= (bar_end - lines[k]) / 2 - 1e-9:
        k += 1
    return max(k - grid.first_bar + 1, 1)


# core/form_notes.py's lines of a rest of the part and its comeback: (the line, the same said of the selected items,
# "{who}" where the items not selected playing there go); the bars are REAPER's ruler's
_BAR = "(-?\\d+)"
_RESTS = [
    (re.compile(f"the music rests in bars {_BAR}-{_BAR}, where the drums (.+?), and comes back in bar {_BAR}: "),
     "the selected items rest in bars {0}-{1} ({who}), where the drums {2}, and come back in bar {3}: "),
    (re.compile(f"the band breaks for bar {_BAR} and comes back in bar {_BAR}: "),
     "the selected items break for bar {0} ({who}) and come back in bar {1}: "),
    (re.compile(f"the band plays no new note after the first half of bar {_BAR} and comes back in bar {_BAR}: "),
     "the selected items play no new note after the first half of bar {0} ({who}) and come back in bar {1}: "),
]


def selection_rests(project: dict, messages: list) -> list:
    """The drums' notes with a rest of the selected items said as theirs where items not selected play in its bars
    (project["unselected"]: other tracks' items, or the same tracks' others, heard): the bass and keys playing bars
    6-11 under a band item moved two bars later, only it selected, had read "the music rests in bars 6-11, where
    the drums keep time alone". The drums are the same (they follow the selection); only the words change."""
    others = [(float(a), float(b)) for a, b in project.get("unselected") or ()]
    messages = [in_reaper_words(m) for m in messages]  # (a 300-bar rest between them: no damaged file)
    return [_said_of_selection(project, m, others) for m in messages] if others else messages


def _said_of_selection(project: dict, message: str, others: list) -> str:
    for line, said in _RESTS:
        found = line.match(message)
        if not found:
            continue
        bars = [int(b) for b in found.groups() if b.lstrip("-").isdigit()]
        lo, hi = _ruler_bars_qn(project, bars[0], bars[-2] if len(bars) > 2 else bars[0], max(b for _, b in others))
        heard = merged([(max(a, lo), min(b, hi)) for a, b in others if a < hi - 1e-6 and b > lo + 1e-6])
        if not heard:
            return message
        whole = sum(b - a for a, b in heard) >= hi - lo - 1e-6
        who = "items not selected play there" if whole else f"items not selected play in {bars_said(project, heard)}"
        return said.format(*found.groups(), who=who) + message[found.end():]
    return message


def _ruler_bars_qn(project: dict, first: int, last: int, end_qn: float) -> tuple[float, float]:
    """Where the bars `first` to `last`, as REAPER's ruler numbers them, start and end in QN (bars_said's inverse)."""
    sigs = [(float(q), int(n), int(d)) for q, n, d in project["time_signatures"]]
    grid = bar_grid(sigs, end_qn)
    lines = grid.lines
    at = grid.first_bar - grid.ruler_shift(int(project.get("measure_offset") or 0)) - 1  # + a ruler bar: its line
    i, j = max(at + first, 0), at + last + 1
    if i >= len(lines):
        return np.inf, np.inf
    return float(lines[i]), float(lines[j]) if j < len(lines) else np.inf


__all__ = ["selection_rests", "song_before", "song_between", "song_first_bar", "song_of", "song_phrase_bar"]
