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
