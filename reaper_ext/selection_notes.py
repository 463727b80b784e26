"""The selected items' note rows as one performance's notes, and a MIDI item's end marker (core/end_marker.py: an
inaudible note a bar after the final chord) left out where audio items play beside it. A MIDI-only selection has
its marker left out by extract_windows; with an audio take's bass part riding along it reads none (a take's soft
last onset is heard), so the marker had been read as music: the drums grooved on past the final chord into its bar.
A loop's last note cut by the item's end a hair before the next bar is not said as a note left out (no one hears it).
Likewise the MIDI items' band notes too soft to hear (core/inaudible_notes.py): with an audio take riding along,
extract_windows leaves none out (an onset's velocity is its loudness), and d_dm19's pad chords at velocity 3-4 were
music again, its bass's break-offs in bars 48 and 72 (a fill, a crash after) lost."""

from __future__ import annotations

import numpy as np

from reagroove.core.end_marker import MARKER_VELOCITY, end_marker_beat
from reagroove.core.groove import bar_grid
from reagroove.core.inaudible_notes import soft_said, unheard
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import MidiContent, Notes


def rows_as_notes(rows, track: int = 0) -> Notes:
    """Note rows [start_qn, end_qn, pitch, velocity, channel] as Notes on `track`; a row with a sixth entry (its
    REAPER track: items_rows) on that track."""
    rows = [list(n) + [track] * (6 - len(n)) for n in rows]
    arr = np.asarray(rows, np.float64).reshape(-1, 6)
    return Notes.from_lists(arr[:, 0], arr[:, 2], arr[:, 3], end=arr[:, 1], channel=arr[:, 4],
                            track=arr[:, 5].astype(np.int64))


def items_rows(items: list) -> list:
    """The items' note rows, each with its item's REAPER track as a sixth entry: the items on one track are one part
    and those on others others, as the CLI tells a file's MIDI tracks apart (parts by channel alone, a band's
    tracks all on channel 1 had been one part: parts joining, leaving or swapped were never heard in REAPER)."""
    return [[*n[:5], int(i["track_index"])] for i in items for n in i["notes"]]


def band_rows(rows: list, song_rows: list) -> list:
    """The selected items' rows (items_rows) with the song's notes on their tracks (song_between's, song_of's),
    each on its REAPER track (a sixth entry: reaper_read.band_heard); an older REAPER side's, with no track: on the
    items' track where they all lie on one; where they lie on several, every row on one track (parts told apart by
    channel), so the bars between, their notes on no track of their own, do not hear the band's parts leave and
    come back."""
    if not song_rows or all(len(n) > 5 for n in song_rows):
        return rows + song_rows
    tracks = {n[5] for n in rows}
    if len(tracks) == 1:
        return rows + [[*n[:5], *tracks] for n in song_rows]
    return [list(n[:5]) for n in rows + song_rows]


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


def drop_midi_unheard(items: list, time_signatures, end_qn: float, measure_offset: int) -> list[str]:
    """The MIDI items' band notes nobody hears (inaudible_notes.unheard, judged among the MIDI items' rows) taken out
    of their note rows (in place) where audio items play with them, and the line the MIDI path says of them
    (inaudible_notes.soft_said, its bars by REAPER's ruler); [] where there are none. The MIDI items read the same whatever else
    is selected."""
    midi = [i for i in items if i["is_midi"]]
    if not midi or all(i["is_midi"] for i in items) or not any(i["notes"] for i in midi):
        return []
    notes = rows_as_notes(items_rows(midi))
    soft = unheard(notes, list(time_signatures))
    if not soft.any():
        return []
    at = 0
    for i in midi:  # (items_rows keeps each item's rows in order)
        kept = ~soft[at:at + len(i["notes"])]
        at += len(i["notes"])
        i["notes"] = [n for n, keep in zip(i["notes"], kept) if keep]
    content = MidiContent("the selected items", notes, 960, [], list(time_signatures), end_qn)
    return soft_said(content, notes.select(soft), None, measure_offset)  # (the line audible_notes says)


def without_end_blip_line(messages: list, notes: Notes, until: float) -> None:
    """`messages` (extract_windows', in place) without its "N notes outside bars X-Y left out" where those notes are
    exactly the ones starting less than half a 16th before the items' end (`until`, a bar line): a loop cut at bar 5
    whose last note is bar 5's downbeat played early. REAPER cuts it there, a click no one hears, and the console had
    said "1 note outside bars 1-4 left out" of a note inside the item selected (funk_bass.mid cut to 4 bars)."""
    n = int(((notes.start >= until - 0.5 / STEPS_PER_BEAT) & (notes.start < until)).sum())
    if n:
        line = f"{n} note{'s' if n != 1 else ''} outside "
        messages[:] = [m for m in messages if not (m.startswith(line) and m.endswith(" left out"))]
