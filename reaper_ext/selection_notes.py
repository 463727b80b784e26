"""The selected items' note rows as one performance's notes, and a MIDI item's end marker (core/end_marker.py: an
inaudible note a bar after the final chord) left out where audio items play beside it. A MIDI-only selection has
its marker left out by extract_windows; with an audio take's bass part riding along it reads none (a take's soft
last onset is heard), so the marker had been read as music: the drums grooved on past the final chord into its bar."""

from __future__ import annotations

import numpy as np

from reagroove.core.end_marker import MARKER_VELOCITY, end_marker_beat
from reagroove.core.groove import bar_grid
from reagroove.core.midi import Notes


def rows_as_notes(rows, track: int = 0) -> Notes:
    """Note rows [start_qn, end_qn, pitch, velocity, channel] as Notes on `track`."""
    arr = np.asarray(rows, np.float64).reshape(-1, 5)
    return Notes.from_lists(arr[:, 0], arr[:, 2], arr[:, 3], end=arr[:, 1], channel=arr[:, 4], track=track)


def drop_midi_end_marker(items: list, time_signatures, end_qn: float, measure_offset: int) -> list[str]:
    """The MIDI items' end marker taken out of their note rows (in place) where audio items play with them, and
    the line the MIDI path says of it (extract_windows'); [] where there is none. A marker is only a MIDI note:
    an audio onset at or after it (the take still playing) makes it part of the music."""
    midi = [i for i in items if i["is_midi"]]
    audio = [i for i in items if not i["is_midi"]]
    if not midi or not audio:
        return []
    rows = [n for i in items for n in i["notes"]]
    beat = end_marker_beat(rows_as_notes(rows)) if rows else None
    if beat is None or any(n[0] >= beat - 1e-9 for i in audio for key in ("notes", "bass_notes")
                           for n in i.get(key, [])):
        return []
    for i in midi:
        i["notes"] = [n for n in i["notes"] if not (n[0] >= beat - 1e-9 and n[3] <= MARKER_VELOCITY)]
    grid = bar_grid(list(time_signatures), end_qn)
    bar = grid.bar_number(beat) + grid.ruler_shift(measure_offset)
    return [f"the file's last note (bar {bar}) is too soft to hear and comes after the music has ended: read as the "
            "file's end marker, not as music"]
