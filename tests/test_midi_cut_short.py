"""A MIDI file cut short (a download or copy stopped part way) after whole tracks: read up to the cut, with one
line naming what was lost, where it was refused ("file is truncated in track 4") though tracks 1-3 were intact."""

import struct

import pytest

from reagroove.core.cli import main
from reagroove.core.errors import MidiFileError
from reagroove.core.midi import read_midi


def _band_file(make_midi):
    """Meta track, then 3 parts of 8 bars of 8th notes (file tracks 2-4)."""
    notes = [(b / 2, pitch, 90, chan, part) for part, (pitch, chan) in enumerate([(40, 0), (52, 1), (60, 2)])
             for b in range(64)]
    return make_midi(notes, name="band.mid")


def _track_offsets(data):
    pos, offsets = 14, []
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        offsets.append((pos, length))
        pos += 8 + length
    return offsets


def test_a_file_cut_inside_its_last_track_keeps_the_whole_tracks_and_the_notes_before_the_cut(make_midi, tmp_path):
    data = _band_file(make_midi).read_bytes()
    last_start, last_length = _track_offsets(data)[-1]
    cut_at = last_start + 8 + last_length // 2  # half of track 4 is there
    path = tmp_path / "cut.mid"
    path.write_bytes(data[:cut_at])
    content = read_midi(path)
    assert path.read_bytes() == data[:cut_at]  # the user's file is never changed
    by_track = {t: content.notes.start[content.notes.track == t] for t in (1, 2, 3)}
    assert len(by_track[1]) == len(by_track[2]) == 64  # the whole tracks, every note
    assert 0 < len(by_track[3]) < 64 and by_track[3].max() < 32
    cut_beat = float(by_track[3].max())
    said = [w for w in content.warnings if "cut short" in w]
    assert len(said) == 1, content.warnings
    bar = int(cut_beat // 4) + 1
    assert "track 4" in said[0] and f"bar {bar} " in said[0] and "lost" in said[0], said[0]
    assert content.end_beat >= float(by_track[1].max())  # the whole tracks are read to their end


def test_the_cut_file_gets_drums_and_the_missing_tracks_are_named(make_midi, tmp_path, capsys):
    data = _band_file(make_midi).read_bytes()
    offsets = _track_offsets(data)
    start, length = offsets[2]  # cut inside track 3: track 4 is not in the file at all
    path = tmp_path / "cut.mid"
    path.write_bytes(data[: start + 8 + length // 3])
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    lines = [line for line in printed.splitlines() if "cut short" in line]
    assert len(lines) == 1 and "track 3" in lines[0] and "track 4 are lost" in lines[0], printed
    assert len(read_midi(out).notes) > 0


def test_a_file_cut_before_any_whole_track_has_notes_is_still_refused(make_midi, tmp_path):
    data = make_midi([(b / 2, 40, 90, 0) for b in range(32)], name="one.mid").read_bytes()
    path = tmp_path / "cut.mid"
    path.write_bytes(data[: len(data) - 20])
    with pytest.raises(MidiFileError, match="file is truncated in track 2"):
        read_midi(path)
