"""The command line as a producer uses it: what a fresh hunt through drumify, groove, patterns and the
generation options found (each test fails on the code before its fix)."""

from conftest import build_midi
from test_cli import _riff, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


def test_a_file_named_twice_is_drummed_once(stub_engine, tmp_path, capsys):
    # `drumify parts/ parts/bass.mid -o out/`: the file in the folder, named again
    parts = tmp_path / "parts"
    parts.mkdir()
    bass = _riff(parts / "bass.mid", 2)
    _riff(parts / "keys.mid", 2)
    out = tmp_path / "out"
    assert main(["drumify", str(parts), str(bass), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.count("bass.mid ->") == 1  # not drummed twice and written over itself
    assert sorted(p.name for p in out.iterdir()) == ["bass_drums.mid", "keys_drums.mid"]
