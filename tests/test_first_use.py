"""A new user's first runs (tester U): `reagroove drumify bass.mid` without -o writes bass_drums.mid beside it (it had
stopped at "the following arguments are required: -o/--output"); damaged weights are said in words, not as a Python
exception's name; Variations into a read-only folder names the first file it could not write (it had named v_v3.mid);
a WAV cut short to its first 1000 bytes says it is cut short (it had said "has no clear onsets")."""

import io
import os
from contextlib import redirect_stdout

import numpy as np
import pytest
import soundfile as sf
from test_cli import _riff, stub_engine  # noqa: F401  (a fixture)

from reagroove.core.audio import AudioFileError, read_audio
from reagroove.core.cli import main
from reagroove.core.midi_write import written_by_reagroove

EXCEPTION_NAMES = ("Error)", "Exception", "Unpickling", "RuntimeError")


def test_drumify_without_o_writes_in_drums_mid_beside_the_input(stub_engine, tmp_path, capsys):  # noqa: F811
    src = _riff(tmp_path / "bass.mid", 4)
    assert main(["drumify", str(src)]) == 0
    out = tmp_path / "bass_drums.mid"
    assert written_by_reagroove(out)
    assert f"{src} -> {out}" in capsys.readouterr().out  # the output line names it
    before = out.read_bytes()
    assert main(["drumify", str(src), "--quiet"]) == 0  # run again: its own drums replaced
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["bass.mid", "bass_drums.mid"]


def test_drumify_of_a_folder_without_o_writes_a_drums_folder_beside_it(stub_engine, tmp_path, capsys):  # noqa: F811
    (tmp_path / "parts").mkdir()
    _riff(tmp_path / "parts" / "bass.mid", 2)
    _riff(tmp_path / "parts" / "keys.mid", 2)
    assert main(["drumify", str(tmp_path / "parts") + os.sep, "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "parts_drums").iterdir()) == ["bass_drums.mid", "keys_drums.mid"]
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["bass.mid", "keys.mid"]  # nothing inside


def test_drumify_without_o_still_refuses_a_midi_file_it_did_not_write(stub_engine, tmp_path, capsys):  # noqa: F811
    src = _riff(tmp_path / "bass.mid", 2)
    mine = _riff(tmp_path / "bass_drums.mid", 2)  # the user's own file of that name
    before = mine.read_bytes()
    assert main(["drumify", str(src), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(mine) in err and "did not write" in err
    assert mine.read_bytes() == before
    _riff(tmp_path / "keys.mid", 2)
    with pytest.raises(SystemExit) as stop:  # two inputs: where would they go? A usage error, as -o missing was
        main(["drumify", str(src), str(tmp_path / "keys.mid"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert stop.value.code == 2 and len(err.splitlines()) == 1 and "give -o" in err and "--help'" in err


def test_drumify_help_says_where_the_drums_go_without_o():
    text = io.StringIO()
    with redirect_stdout(text), pytest.raises(SystemExit):
        main(["drumify", "--help"])
    assert "IN_drums.mid beside the input" in " ".join(text.getvalue().split())


def test_variations_into_a_read_only_folder_name_the_first_file(stub_engine, tmp_path, capsys,  # noqa: F811
                                                                monkeypatch):
    import reagroove.core.files as files

    src = _riff(tmp_path / "bass.mid", 2)
    (tmp_path / "ro").mkdir()

    def refused(path):  # as a read-only folder answers (root would be let in, so it is stood in for)
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr(files, "_create_temp", refused)
    assert main(["drumify", str(src), "-o", str(tmp_path / "ro" / "v.mid"), "--variations", "3"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "v_v1.mid" in err and "v_v3.mid" not in err


def _weights_said(path) -> str:
    from reagroove.models.weights import WeightsError, load_weights

    with pytest.raises(WeightsError) as err:
        load_weights(path, check=False)
    said = str(err.value)
    assert "\n" not in said and said.startswith(f"{path}: ")
    assert not any(name in said for name in EXCEPTION_NAMES), said
    return said


def test_damaged_weights_are_said_in_words(tmp_path):
    torch = pytest.importorskip("torch")
    whole = tmp_path / "drummer.pt"
    torch.save({"state_dict": {"w": torch.zeros(4000)}}, whole)
    cut = tmp_path / "cut.pt"
    cut.write_bytes(whole.read_bytes()[:3000])  # a download stopped part way
    assert "cut short or damaged" in _weights_said(cut)
    text = tmp_path / "notes.pt"
    text.write_text("These are not weights, just notes from a session.\n")
    assert "not a weights file" in _weights_said(text)
    midi = _riff(tmp_path / "bass.mid", 2)
    assert "not a weights file (a MIDI file)" in _weights_said(midi)


def test_a_wav_cut_to_its_first_bytes_says_it_is_cut_short(tmp_path):
    sr = 44100
    t = np.arange(10 * sr) / sr
    wav = tmp_path / "take.wav"
    sf.write(wav, (0.5 * np.sin(2 * np.pi * 110 * t) * (t % 0.5 < 0.1)).astype(np.float32), sr, subtype="PCM_16")
    cut = tmp_path / "cut.wav"
    cut.write_bytes(wav.read_bytes()[:1000])  # its header announces 10 s (0.9 MB)
    with pytest.raises(AudioFileError) as err:
        read_audio(cut)
    said = str(err.value)
    assert "cut short" in said and "10.0 s" in said and "no clear onsets" not in said, said
