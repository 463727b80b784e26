"""A producer's first runs of the command line on odd but real files (QA round 38)."""

import pytest
import soundfile as sf
from audio_synth import make_part
from test_cli import stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main
from reagroove.core.errors import MidiFileError
from reagroove.core.midi import read_midi


def _bounce(path, fmt):
    """A bass bounce (audio) saved under the name `path`, as a DAW's export dialog lets one."""
    audio, _ = make_part("bass", 100.0, seconds=10.0, sr=22050)
    sf.write(str(path), audio, 22050, format=fmt)
    return path


@pytest.mark.parametrize("fmt, kind", [("WAV", "WAV"), ("FLAC", "FLAC")])
def test_an_audio_bounce_saved_as_mid_is_drumified_as_audio(stub_engine, tmp_path, capsys, fmt, kind):
    # 'bass.mid: not a Standard MIDI File (no MThd header)' refused a bounce the producer had named .mid
    src = _bounce(tmp_path / "bass bounce.mid", fmt)
    before = src.read_bytes()
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(src), "-o", str(out), "--bpm", "100"]) == 0
    said = capsys.readouterr().out
    assert f"the file is {kind} audio despite its .mid name; read as audio" in said
    # --bpm acted (audio's tempo): not called an audio-only option given to a MIDI file
    assert "for audio files" not in said
    assert read_midi(out).notes.start.size > 0
    assert src.read_bytes() == before


def test_a_bounce_saved_as_mid_is_named_as_audio_where_midi_alone_is_read(tmp_path):
    # readers that take MIDI only (band parts, data sets) name what the file is, not its missing header
    src = _bounce(tmp_path / "keys.mid", "WAV")
    with pytest.raises(MidiFileError, match=r"keys\.mid: not a Standard MIDI File: it is WAV audio \(give it a "
                                            r"\.wav name"):
        read_midi(src)


def _long_part_loops(n_loops, seed=0):
    """n_loops loops of a busy drummer (about 43 hits a loop, micro-timed), as an hour and a half of drums."""
    import numpy as np

    from reagroove.core.loop import Loop

    rng = np.random.default_rng(seed)
    loops = []
    for _ in range(n_loops):
        hits = (rng.random((32, 9)) < 0.15).astype(np.float32)
        offsets = (rng.random((32, 9)).astype(np.float32) - 0.5) * hits
        loops.append(Loop(hits=hits, velocities=hits * rng.uniform(0.3, 1.0, (32, 9)).astype(np.float32),
                          offsets=offsets))
    return loops


def test_the_drum_file_is_the_midi_a_standard_writer_writes(tmp_path):
    # the notes written unchecked are a standard MIDI file's: read back and written again by mido, the same bytes
    import mido

    from reagroove.core.midi_write import loop_note_events, write_loops

    loops = _long_part_loops(12, seed=3)
    out, again = tmp_path / "drums.mid", tmp_path / "again.mid"
    write_loops(out, loops, tempos=[(0.0, 90.0), (24.0, 140.0)], time_signatures=[(0.0, 4, 4), (16.0, 3, 4)],
                starts=[8.0 * i - 2 for i in range(12)], spans=[8.0] * 11 + [5.0])
    mf = mido.MidiFile(out)
    mf.save(again)
    assert out.read_bytes() == again.read_bytes()
    ons = [m for m in mf.tracks[1] if m.type == "note_on" and m.velocity > 0]
    events = loop_note_events(loops, [8.0 * i - 2 for i in range(12)], spans=[8.0] * 11 + [5.0])
    assert len(ons) == len(events) and all(m.channel == 9 for m in ons)
    assert read_midi(out).notes.start.size == len(events)


@pytest.fixture
def stub_engine_with_saved_patterns(monkeypatch, tmp_path):
    """The stand-in model with the user's saved patterns, as the shipped engine has them."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.models import commands
    from reagroove.models.drummer import user_patterns_path

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel(), PatternStore(path=user_patterns_path())))


@pytest.mark.parametrize("name", ["funk 4/4", "fill.mid"])
def test_a_saved_pattern_whose_name_reads_as_a_file_is_interpolated_as_drumify_plays_it(
        stub_engine_with_saved_patterns, tmp_path, capsys, monkeypatch, name):
    # 'funk 4/4: no such file or folder' from interpolate, for a pattern --pattern-a 'funk 4/4' played
    from conftest import build_midi

    monkeypatch.chdir(tmp_path)
    part = build_midi(tmp_path / "groove.mid", [(b * 0.5, 40 + (b % 3), 100, 0) for b in range(32)])
    assert main(["patterns", "add", name, str(part)]) == 0
    other = build_midi(tmp_path / "other.mid", [(b, 45, 90, 0) for b in range(16)])
    assert main(["patterns", "add", "other", str(other)]) == 0
    assert main(["drumify", str(part), "-o", str(tmp_path / "d.mid"), "--pattern-a", name, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["interpolate", name, "other", "-o", str(tmp_path / "path.mid"), "--steps", "3"]) == 0
    assert f"3 loops from pattern '{name}' to pattern 'other'" in capsys.readouterr().out
    assert read_midi(tmp_path / "path.mid").notes.start.size > 0


def test_a_file_still_wins_over_a_saved_pattern_of_its_name(stub_engine_with_saved_patterns, tmp_path, capsys,
                                                             monkeypatch):
    # as --pattern-a: where the file is there, the file is read (its bars), not the pattern saved under its name
    from conftest import build_midi

    monkeypatch.chdir(tmp_path)
    part = build_midi(tmp_path / "fill.mid", [(b * 0.5, 40, 100, 0) for b in range(32)])
    assert main(["patterns", "add", "fill.mid", str(part)]) == 0
    assert main(["patterns", "add", "other", str(part)]) == 0
    capsys.readouterr()
    assert main(["interpolate", "fill.mid", "other", "-o", str(tmp_path / "path.mid"), "--steps", "2"]) == 0
    assert "2 loops from fill.mid, bar 1 to pattern 'other'" in capsys.readouterr().out


def test_the_editor_opening_a_bounce_saved_as_mid_says_what_it_read(tmp_path):
    # the editor read the bounce as audio but kept back its notes (estimated tempo and bar 1), which it says
    # for an audio name: the producer saw drums at a tempo nobody told them of
    from reagroove.reaper_ext.panel.input_groove import input_from_midi

    read = input_from_midi(_bounce(tmp_path / "bass bounce.mid", "WAV"))
    assert any("despite its .mid name" in m for m in read.messages), read.messages
    assert any(m.startswith("estimated tempo") for m in read.messages), read.messages


@pytest.mark.parametrize("head", [b"RIFF\0\0\0\0WAVEfmt ", b"RF64\xff\xff\xff\xffWAVEds64", b"BW64\xff\xff\xff\xffWAVEds64"])
def test_every_wave_header_the_reader_takes_is_known_as_wav_audio_by_its_first_bytes(head):
    # the WAV headers core/wav_header.py reads sizes from (RIFF, RF64, BW64): each named WAV audio under a .mid name
    from reagroove.core.file_kinds import audio_format_of_header

    assert audio_format_of_header(head) == "WAV"
