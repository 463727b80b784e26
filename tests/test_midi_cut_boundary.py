"""A MIDI file cut short exactly between tracks (a download or copy that stopped after a whole track) is read as
one cut inside a track is (test_midi_cut_short.py): its whole tracks, and one line with the tracks its header
announces and the tracks there. It had been refused ("file is truncated between tracks, or its header is damaged")
though tracks 1-3 of 4 were whole. A file with no notes before the cut, or none of its tracks, is still refused in
one line."""

import pytest
from test_midi_cut_short import _band_file, _track_offsets

from reagroove.core.cli import main
from reagroove.core.errors import MidiFileError
from reagroove.core.midi import read_midi


@pytest.mark.parametrize("held", [2, 3])
def test_a_file_cut_between_tracks_reads_the_tracks_there_and_says_how_many_are_missing(make_midi, tmp_path, held):
    data = _band_file(make_midi).read_bytes()
    whole = read_midi(_band_file(make_midi))
    path = tmp_path / "cut.mid"
    path.write_bytes(data[: _track_offsets(data)[held][0]])  # the file ends where track held + 1 would begin
    before = path.read_bytes()
    content = read_midi(path)
    assert path.read_bytes() == before  # the user's file is never changed
    starts = lambda song, t: song.notes.start[song.notes.track == t].tolist()  # noqa: E731
    for t in range(1, held):  # the parts on the tracks there (after the tempo track): every note, as in the whole file
        assert len(starts(content, t)) == 64 and starts(content, t) == starts(whole, t)
    assert not (content.notes.track >= held).any()
    said = [w for w in content.warnings if "announces" in w]
    assert len(said) == 1 and said[0] == content.warnings[0], content.warnings
    assert "cut short after track" in said[0] and f"the header announces 4 tracks, the file holds {held}" in said[0]


def test_a_cut_inside_the_next_tracks_tag_reads_as_a_cut_between_tracks(make_midi, tmp_path):
    """Fewer than a chunk's 8 header bytes of track 4 there: nothing of it to read."""
    data = _band_file(make_midi).read_bytes()
    at = _track_offsets(data)[3][0]
    boundary, into_tag = tmp_path / "boundary.mid", tmp_path / "tag.mid"
    boundary.write_bytes(data[:at])
    into_tag.write_bytes(data[: at + 5])
    a, b = read_midi(boundary), read_midi(into_tag)
    assert a.notes.start.tolist() == b.notes.start.tolist() and a.warnings == b.warnings


def test_the_cut_file_gets_drums_with_one_line_on_the_cut(make_midi, tmp_path, capsys):
    data = _band_file(make_midi).read_bytes()
    path = tmp_path / "cut.mid"
    path.write_bytes(data[: _track_offsets(data)[3][0]])
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    lines = [line for line in printed.splitlines() if "cut short" in line]
    assert len(lines) == 1 and "announces 4 tracks, the file holds 3" in lines[0], printed
    assert len(read_midi(out).notes) > 0


def test_a_cut_before_any_notes_or_any_track_is_refused_in_one_line(make_midi, tmp_path, capsys):
    data = _band_file(make_midi).read_bytes()
    meta_only, header_only = tmp_path / "meta.mid", tmp_path / "header.mid"
    meta_only.write_bytes(data[: _track_offsets(data)[1][0]])  # the tempo track alone: nothing of the song
    header_only.write_bytes(data[:14])
    with pytest.raises(MidiFileError, match="truncated after track 1.*announces 4 tracks, the file holds 1 whole one "
                                            "and no notes$"):
        read_midi(meta_only)
    with pytest.raises(MidiFileError, match="truncated after its header: the header announces 4 tracks, none is "
                                            "there$"):
        read_midi(header_only)
    for path in (meta_only, header_only):
        assert main(["groove", str(path)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "truncated after" in err[0] and "Traceback" not in err[0], err
