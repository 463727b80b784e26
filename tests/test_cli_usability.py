"""The command line as a producer meets it: README commands and options, odd output names, what is said."""

import os

import pytest
from conftest import build_midi
from test_cli import EXAMPLES, stub_engine  # noqa: F401  (a fixture, used by name)

from reagroove.core.cli import main


def _bass(path, bars=4):
    notes = []
    for bar in range(bars):
        notes += [(bar * 4.0, 40, 100, 0), (bar * 4.0 + 1.5, 52, 70, 0), (bar * 4.0 + 2.0, 40, 90, 0)]
    return build_midi(path, notes, fmt=0, tempos=((0, 100.0),))


# ---------------------------------------------------------------- -o - (standard output)


@pytest.mark.parametrize("command", ["drumify", "interpolate"])
def test_dash_as_output_is_refused_not_made_a_file_or_folder(stub_engine, tmp_path, capsys, monkeypatch, command):
    """`-o -` made a folder named '-' (drumify) or a file named '-' (interpolate), said as written there."""
    monkeypatch.chdir(tmp_path)
    bass = _bass(tmp_path / "bass.mid")
    args = [command, str(bass), "-o", "-"] if command == "drumify" else [command, str(bass), "rock", "-o", "-"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "standard output" in err and err.count("\n") == 1
    assert not os.path.exists(tmp_path / "-")


@pytest.mark.parametrize("option", ["--json", "--save-settings"])
def test_dash_as_json_output_is_refused(stub_engine, tmp_path, capsys, monkeypatch, option):
    monkeypatch.chdir(tmp_path)
    bass = _bass(tmp_path / "bass.mid")
    if option == "--json":
        args = ["groove", str(bass), "--json", "-"]
    else:
        args = ["drumify", str(bass), "-o", "drums.mid", "--save-settings", "-", "--quiet"]
    assert main(args) == 2
    assert "standard output" in capsys.readouterr().err
    assert not os.path.exists(tmp_path / "-")


# ---------------------------------------------------------------- Windows-style paths on '/' systems


@pytest.mark.skipif(os.sep == "\\", reason="backslashes are folders on Windows")
@pytest.mark.parametrize("output", [r"out\drums.mid", r"C:\Users\me\drums.mid"])
def test_windows_style_output_path_is_refused_not_written_as_one_odd_name(stub_engine, tmp_path, capsys, monkeypatch,
                                                                         output):
    """`-o out\\drums.mid` on Linux or macOS wrote a file named 'out\\drums.mid' in the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    bass = _bass(tmp_path / "bass.mid")
    assert main(["drumify", str(bass), "-o", output, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Windows-style path" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bass.mid", "out"]
    assert main(["groove", str(bass), "--json", r"out\g.json", "--quiet"]) == 2
    assert "Windows-style path" in capsys.readouterr().err


@pytest.mark.skipif(os.sep == "\\", reason="backslashes are folders on Windows")
@pytest.mark.parametrize("command", ["drumify", "groove", "patterns", "interpolate", "pattern-a", "glob"])
def test_windows_style_input_path_says_why_it_is_not_found(stub_engine, tmp_path, capsys, monkeypatch, command):
    """`drumify parts\\bass.mid` said only 'no such file or folder' of a file that is there as parts/bass.mid."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parts").mkdir()
    _bass(tmp_path / "parts" / "bass.mid")
    typed = r"parts\bass.mid"
    args = {"drumify": ["drumify", typed, "-o", "d.mid"], "groove": ["groove", typed],
            "patterns": ["patterns", "add", "verse", typed], "interpolate": ["interpolate", typed, "rock", "-o", "p.mid"],
            "pattern-a": ["drumify", "parts/bass.mid", "-o", "d.mid", "--pattern-a", typed],
            "glob": ["drumify", r"parts\*.mid", "-o", "out/"]}[command]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Windows-style path" in err and err.count("\n") == 1, err
    if command != "glob":
        assert "(parts/bass.mid)" in err
