"""MIDI format 2 as a producer meets it: a file of one pattern (format 0 in all but its header) drums as that
pattern; one of several patterns is one line saying what to export instead. Each test failed on the code before
its fix."""

import mido
from helpers import one_error_line

from reagroove.core.cli import main


def _pattern_file(path, file_type: int, patterns: int = 1):
    song = mido.MidiFile(type=file_type, ticks_per_beat=480)
    for _ in range(patterns):
        track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=500000)])
        for step in range(32):
            pitch = 36 + (step % 4) * 2
            track.append(mido.Message("note_on", note=pitch, velocity=90, time=0 if step == 0 else 40))
            track.append(mido.Message("note_off", note=pitch, velocity=0, time=200))
        song.tracks.append(track)
    song.save(path)
    return path


def test_a_format_2_file_of_one_pattern_drums_as_that_pattern(tmp_path, capsys):
    # "MIDI format 2 is not supported (only types 0 and 1)", of a file holding one track, as a type 0 file does
    one = _pattern_file(tmp_path / "riff_type2.mid", 2)
    same = _pattern_file(tmp_path / "riff_type0.mid", 0)
    for src, out in ((one, "a.mid"), (same, "b.mid")):
        assert main(["drumify", str(src), "-o", str(tmp_path / out), "--quiet"]) == 0, capsys.readouterr().err
    assert (tmp_path / "a.mid").read_bytes() == (tmp_path / "b.mid").read_bytes()


def test_a_format_2_file_of_several_patterns_says_what_to_export(tmp_path, capsys):
    src = _pattern_file(tmp_path / "patterns.mid", 2, patterns=3)
    line = one_error_line(capsys, main(["groove", str(src)]))
    assert line == (f"reagroove: error: {src}: MIDI format 2 (3 separate patterns) is not supported: export the song "
                    "as a type 1 or type 0 MIDI file")


def test_a_header_giving_a_format_no_midi_file_has_is_said_damaged(tmp_path, capsys):
    """Junk after 'MThd' (format 26465) had read "MIDI format 26465 is not supported (only types 0 and 1)", as if
    the producer's file were a kind ReaGroove does not take rather than a damaged one."""
    src = _pattern_file(tmp_path / "junk.mid", 1)
    data = bytearray(src.read_bytes())
    data[8:10] = (26465).to_bytes(2, "big")
    src.write_bytes(bytes(data))
    line = one_error_line(capsys, main(["groove", str(src)]))
    assert line == (f"reagroove: error: {src}: its header gives MIDI format 26465, which no MIDI file has (formats are "
                    "0-2): a damaged header")
