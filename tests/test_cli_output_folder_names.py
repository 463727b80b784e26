"""drumify's -o takes a file or a folder: a folder is one there already, or one named with '/' at its end, whatever
its name ends in.

`-o out/x.mid` where the folder out/x.mid was there said "out/x.mid: is a folder, not a file" (and, with two
inputs, "several inputs need an output folder, not a file"), and `-o new.mid/` wrote a file named new.mid.
"""

from __future__ import annotations

import test_cli
from test_cli import _riff

from reagroove.core.cli import main
from reagroove.core.midi_write import written_by_reagroove

stub_engine = test_cli.stub_engine  # the fixture: drumify on the small stand-in model


def test_a_folder_whose_name_ends_in_mid_takes_the_drums(stub_engine, tmp_path, capsys):
    part = _riff(tmp_path / "bass.mid", 2)
    folder = tmp_path / "out" / "x.mid"
    folder.mkdir(parents=True)
    assert main(["drumify", str(part), "-o", str(folder), "--quiet"]) == 0, capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["bass_drums.mid"]
    assert written_by_reagroove(folder / "bass_drums.mid")


def test_several_inputs_go_into_a_folder_whose_name_ends_in_mid(stub_engine, tmp_path, capsys):
    parts = [_riff(tmp_path / "bass.mid", 2), _riff(tmp_path / "keys.mid", 2)]
    folder = tmp_path / "x.mid"
    folder.mkdir()
    assert main(["drumify", *map(str, parts), "-o", str(folder), "--quiet"]) == 0, capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["bass_drums.mid", "keys_drums.mid"]


def test_a_slash_at_the_end_of_o_makes_a_folder_not_a_file(stub_engine, tmp_path, capsys):
    part = _riff(tmp_path / "bass.mid", 2)
    out = tmp_path / "new.mid"
    assert main(["drumify", str(part), "-o", str(out) + "/"]) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert out.is_dir() and [p.name for p in out.iterdir()] == ["bass_drums.mid"]
    assert "made the folder" in said and "bass_drums.mid" in said, said


def test_a_mid_name_not_there_is_still_the_drum_file(stub_engine, tmp_path, capsys):
    part = _riff(tmp_path / "bass.mid", 2)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(part), "-o", str(out), "--quiet"]) == 0, capsys.readouterr().err
    assert out.is_file() and written_by_reagroove(out)
