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


def test_a_bad_value_for_every_voice_is_said_in_the_options_words(stub_engine, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 2))
    out = str(tmp_path / "d.mid")
    for options, said in [(["--threshold", "2"], "--threshold must be from 0.0 to 1.0, got 2.0"),
                          (["--max-hits", "40"], "--max-hits must be from 0 to 32, got 40"),
                          # one voice named: that voice is the one to say
                          (["--max-hits", "snare=40"], "--max-hits for snare must be from 0 to 32, got 40"),
                          (["--threshold", "kik=0.3"], "--threshold: unknown voice 'kik'")]:
        assert main(["drumify", src, "-o", out, *options]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("reagroove: error: " + said), err  # not 'for kick' when no voice was named
