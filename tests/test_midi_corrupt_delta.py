"""One corrupt delta time moves every later note of its track far on: the drums then keep time alone through
hundreds of silent bars. Such a silence is said as a damaged file's, with how to drum the music around it (a
song's own long rest is said as before); notes moved further than ReaGroove drums at once are refused in bars of
the file's own meter."""

from __future__ import annotations

import re

import pytest

from reagroove.core import read_midi
from reagroove.core.errors import InputFileError
from reagroove.core.groove import DAMAGED_REST_BARS, extract_windows

from test_midi_damaged import eighths, smf, track, vl

TPB = 480
BAR = 4 * TPB


def song_resting(bars: int) -> bytes:
    """8 bars of 8th notes, `bars` silent bars, then 8 bars more (4/4)."""
    before = eighths(64)
    after = vl(bars * BAR + BAR // 2) + eighths(64)[1:]  # the first note's delta (0) replaced by the rest
    return smf(track(vl(0) + b"\xff\x58\x04\x04\x02\x18\x08"), track(before + after))


def rest_notes(path) -> list[str]:
    return [m for m in extract_windows(read_midi(path)).messages if "have no notes" in m]


def test_a_silence_no_song_has_is_said_as_a_damaged_files(tmp_path):
    path = tmp_path / "corrupt.mid"
    path.write_bytes(song_resting(600))

    (said,) = rest_notes(path)

    assert said.startswith("bars 9-608 have no notes: the drums keep time through them")
    assert "600 bars of silence" in said and "damaged file" in said and "--bars FIRST-LAST" in said


def test_a_songs_own_long_rest_is_said_as_a_rest(tmp_path):
    path = tmp_path / "rests.mid"
    path.write_bytes(song_resting(DAMAGED_REST_BARS - 1))

    assert rest_notes(path) == [f"bars 9-{8 + DAMAGED_REST_BARS - 1} have no notes: the drums keep time through them"]


def test_a_span_too_long_to_drum_is_said_in_bars_of_its_own_meter(tmp_path):
    # 6/4: a note in bar 1 and one a corrupt delta time moved to bar 6,000 (each 6/4 bar is a window of its own)
    six_four = vl(0) + b"\xff\x58\x04\x06\x02\x18\x08"
    notes = vl(0) + b"\x90\x30\x64" + vl(TPB) + b"\x80\x30\x00" + vl(5999 * 6 * TPB - TPB) + b"\x90\x30\x64" \
        + vl(TPB) + b"\x80\x30\x00"
    path = tmp_path / "far.mid"
    path.write_bytes(smf(track(six_four), track(notes)))

    with pytest.raises(InputFileError) as said:
        extract_windows(read_midi(path))

    numbers = re.search(r"span ([\d,]+) bars, more than ([\d,]+)", str(said.value)).groups()
    span, most = (int(n.replace(",", "")) for n in numbers)
    assert span == 6000 and span > most  # was: "its notes span 6,000 bars, more than 10,000"
