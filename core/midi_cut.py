"""A MIDI file cut short (a download or copy that stopped part way): read up to the cut, and what was lost said.

A file whose whole tracks before the cut hold notes is a song missing its end: its whole tracks and the cut
track's events up to the cut are read, as a cut-short audio file is, and one line names the track, the bar
the cut falls in and the tracks after it that are missing. A file cut before any whole track holds notes is
still refused (it says nothing usable of the song). The file itself is never changed.
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
