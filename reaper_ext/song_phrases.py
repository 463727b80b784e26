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

import numpy as np

from reagroove.core.groove import bar_grid
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import MidiContent
from reagroove.core.phrases import song_phrase_start

from .selection_notes import rows_as_notes


def song_of(project: dict, rows: list, tempos, time_signatures, end_qn: float) -> MidiContent | None:
    """The song around a selection: `rows` (the selected band items' notes, whole) and the notes REAPER's side read
    on their tracks (project["song_notes"]), in project QN; None where they hold none (only drum items selected)."""
    every = [list(n) for n in rows] + [list(n) for n in project.get("song_notes") or ()]
    if not every:
        return None
    end = max([float(end_qn), *(float(n[1]) for n in every)])
    return MidiContent("the song", rows_as_notes(every), 960, tempos, list(time_signatures), end)


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
    if song is not None and len(song.notes) and float(np.min(song.notes.start)) < qn - early:
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


__all__ = ["song_before", "song_between", "song_first_bar", "song_of", "song_phrase_bar"]
