"""A producer's first runs of the command line on odd but real files (QA round 38)."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.cli import main
from reagroove.core.errors import MidiFileError
from reagroove.core.midi import read_midi


@pytest.fixture
def stub_engine(monkeypatch, tmp_path):
    """The generation commands on the numpy stand-in model, with their own user data folder."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))


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
