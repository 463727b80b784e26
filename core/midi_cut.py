"""A MIDI file cut short (a download or copy that stopped part way): read up to the cut, and what was lost said.

A file whose whole tracks before the cut hold notes is a song missing its end: its whole tracks and the cut
track's events up to the cut are read, as a cut-short audio file is, and one line names the track, the bar
the cut falls in and the tracks after it that are missing. A file cut between tracks is read the same way: its
whole tracks, and one line with the tracks its header announces and the tracks there (the same bytes as a header
whose track count is damaged, so the line says both). A file cut before any whole track holds notes is still
refused (it says nothing usable of the song). The file itself is never changed.
"""

from __future__ import annotations

from array import array

import numpy as np

from .wording import counted


def last_tick_read(events: array, first: int, metas: list, first_meta: int) -> int:
    """The tick of the last event read of a cut track: its events are `events` (5 values each) from index
    `first` and `metas` from `first_meta`."""
    ticks = np.frombuffer(events, dtype=np.int64)[first::5] if len(events) > first else np.zeros(0, np.int64)
    meta_ticks = [m[0] for m in metas[first_meta:]]
    return int(max([int(ticks.max()) if len(ticks) else 0] + meta_ticks))


def bar_number(sigs: list[tuple[float, int, int]], beat: float) -> int:
    """The bar (from 1) that `beat` falls in on a meter map [(beat, num, den), ...] sorted, the first at 0."""
    bar = 1
    for k, (start, num, den) in enumerate(sigs):
        length = num * 4.0 / den
        stop = sigs[k + 1][0] if k + 1 < len(sigs) else float("inf")
        if beat < stop - 1e-9:
            return bar + int(np.floor((beat - start) / length + 1e-9))
        bar += int(np.ceil((stop - start) / length - 1e-9))
    return bar


def cut_short_words(track: int, announced: int, missing: int, cut_beat: float,
                    sigs: list[tuple[float, int, int]]) -> str:
    """One line on a file cut inside `track` (0-based), `missing` bytes short of its length field, its last
    event read at `cut_beat`, the header announcing `announced` tracks."""
    said = (f"the file is cut short inside track {track + 1} ({counted(missing, 'byte')} missing): track {track + 1} "
            f"is read up to bar {bar_number(sigs, cut_beat)} (beat {cut_beat + 1:g}); its notes after that")
    after = announced - (track + 1)
    if after == 1:
        said += f" and track {track + 2}"
    elif after > 1:
        said += f" and tracks {track + 2}-{announced}"
    return said + " are lost"


def cut_between_tracks_words(announced: int, held: int) -> str:
    """One line on a file that ends on a whole track, `held` of the `announced` tracks there: cut short between
    tracks, or a damaged byte in the header's track count (5122 for 2), which no byte tells apart."""
    read = "track 1 is read" if held == 1 else f"tracks 1-{held} are read"
    return (f"the file is cut short after track {held}, or its header's track count is damaged: the header announces "
            f"{counted(announced, 'track')}, the file holds {held}; {read}")


def no_notes_before_the_cut(announced: int, held: int) -> str:
    """The refusal of a file that ends on a whole track with no notes in the tracks there (a meta track alone), in
    the words of one cut inside a track before any notes (midi._cut_short)."""
    return (f"file is truncated after track {held}, or its header's track count is damaged: the header announces "
            f"{counted(announced, 'track')}, the file holds {counted(held, 'whole one')} and no notes")


def no_tracks_words(announced: int, ends_after_header: bool) -> str:
    """Why a file has no track: where it ends right after its header, the tracks the header announced are lost."""
    if announced and ends_after_header:
        return f"file is truncated after its header: the header announces {counted(announced, 'track')}, none is there"
    return "file has no tracks"
