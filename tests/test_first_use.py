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


def test_a_folder_drummed_after_a_run_without_o_leaves_out_the_drums_written_beside_a_part(stub_engine, tmp_path,  # noqa: F811
                                                                                           capsys):
    """`drumify song/bass.mid` writes song/bass_drums.mid; `drumify song/` then drummed those drums as a part
    (song_drums/bass_drums_drums.mid), and so did a pattern. A file named on its own is still drummed."""
    song = tmp_path / "song"
    song.mkdir()
    bass = _riff(song / "bass.mid", 4)
    assert main(["drumify", str(bass), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["drumify", str(song)]) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "ReaGroove wrote" in line]
    assert len(said) == 1 and "1 drum file ReaGroove wrote left out" in said[0] and "bass_drums.mid" in said[0]
    assert sorted(p.name for p in (tmp_path / "song_drums").iterdir()) == ["bass_drums.mid"]
    assert main(["drumify", str(song / "*.mid"), "-o", str(tmp_path / "by_pattern"), "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "by_pattern").iterdir()) == ["bass_drums.mid"]
    assert main(["drumify", str(song / "bass_drums.mid"), "--quiet"]) == 0  # asked for by name: drummed
    assert written_by_reagroove(song / "bass_drums_drums.mid")


def test_bars_without_o_keep_the_whole_songs_drums(stub_engine, tmp_path, capsys):  # noqa: F811
    """`drumify song.mid`, then `drumify song.mid --bars 3-4` to redo a section: the range's 2 bars replaced
    song_drums.mid, the whole song's drums lost. The range gets a file of its own, named for its bars."""
    src = _riff(tmp_path / "song.mid", 8)
    assert main(["drumify", str(src), "--quiet"]) == 0
    whole = (tmp_path / "song_drums.mid").read_bytes()
    assert main(["drumify", str(src), "--bars", "3-4"]) == 0
    out = tmp_path / "song_drums_bars3-4.mid"
    said = capsys.readouterr().out
    assert f"{src} -> {out}" in said and "replacing" not in said
    assert (tmp_path / "song_drums.mid").read_bytes() == whole and written_by_reagroove(out)
    assert main(["drumify", str(src), "--bars", "5-", "--quiet"]) == 0
    assert (tmp_path / "song_drums_bars5-end.mid").is_file()


def test_a_whole_torch_file_holding_more_than_weights_is_not_called_cut_short(tmp_path):
    """A saved nn.Module, or a checkpoint holding an argparse.Namespace, is whole: it was called "cut short or
    damaged ... copy or download it again", which cannot help. (Loading stays weights_only.)"""
    import argparse
    import zipfile

    torch = pytest.importorskip("torch")
    module, ckpt = tmp_path / "module.pt", tmp_path / "ckpt.pt"
    torch.save(torch.nn.Linear(2, 2), module)
    torch.save({"state_dict": {}, "args": argparse.Namespace(lr=1e-3)}, ckpt)
    for path in (module, ckpt):
        said = _weights_said(path)
        assert "more than weights" in said and "drummer.pt" in said and "cut short" not in said, said
    with zipfile.ZipFile(tmp_path / "weights.pt", "w") as archive:  # a zip of the weights, renamed
        archive.writestr("drummer/notes.txt", "the weights")
    assert "a zip archive, not a weights file" in _weights_said(tmp_path / "weights.pt")


def test_a_read_only_folder_without_o_names_o_as_the_way_out(stub_engine, tmp_path, capsys, monkeypatch):  # noqa: F811
    """`drumify ro/bass.mid` in a read-only folder said 'permission denied (a read-only folder?)', though the user
    gave no -o to change: the way out is said where -o was filled in by default (not where it was given)."""
    import reagroove.core.files as files

    src = _riff(tmp_path / "bass.mid", 2)

    def refused(path):  # as a read-only folder answers (root would be let in, so it is stood in for)
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files, "_create_temp", refused)
    assert main(["drumify", str(src)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "permission denied" in err and err.endswith("give -o to write the drums "
                                                                                        "elsewhere"), err
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid")]) == 2
    assert "give -o" not in capsys.readouterr().err


def test_a_chart_that_folds_a_loops_repeats_says_what_its_x_means(stub_engine, tmp_path, capsys):  # noqa: F811
    """The chart's "bar 3 x3" (the loop from bar 3 played 3 times) had been read as a hit, the legend's 'x' medium:
    drumify says it under the legend, with the chart's own label; a chart with nothing folded says nothing more."""
    from reagroove.core.textroll import repeats_legend
    assert main(["drumify", str(_riff(tmp_path / "bass.mid", 8)), "-o", str(tmp_path / "d.mid")]) == 0
    lines = capsys.readouterr().out.splitlines()
    said = [line.strip() for line in lines if "played" in line and "times in a row" in line]
    label = next(line.split(" kick")[0].strip() for line in lines if " x" in line and " kick " in line)
    assert said == [f"'{label}': the loop from {label.split(' x')[0]} played {label.split(' x')[1]} times in a row"]
    assert repeats_legend(["   bar 1 kick       |x--- ----|", "         snare      |---- x---|"]) == []
