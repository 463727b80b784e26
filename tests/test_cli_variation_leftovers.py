"""Variation files of an earlier run that this run did not write are said, whatever this run's count: `-o v.mid`
after `--variations 3` left v_v1-3.mid beside the new v.mid without a word (only a run with fewer variations
said its leftovers)."""

from test_cli import stub_engine  # noqa: F401 - stub_engine is a fixture
from test_cli_usability import _bass

from reagroove.core.cli import main


def _leftover_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if "earlier run" in line]


def test_one_drum_file_after_three_variations_says_the_three_are_still_there(stub_engine, tmp_path, capsys):
    bass = _bass(tmp_path / "bass.mid")
    out = tmp_path / "v.mid"
    assert main(["drumify", str(bass), "-o", str(out), "--variations", "3"]) == 0
    capsys.readouterr()
    earlier = {p.name: p.read_bytes() for p in tmp_path.glob("v_v*.mid")}
    assert sorted(earlier) == ["v_v1.mid", "v_v2.mid", "v_v3.mid"]
    assert main(["drumify", str(bass), "-o", str(out), "--seed", "4"]) == 0
    lines = _leftover_lines(capsys.readouterr().out)
    assert len(lines) == 1 and all(name in lines[0] for name in earlier), lines
    assert "not written by this run" in lines[0]
    assert {p.name: p.read_bytes() for p in tmp_path.glob("v_v*.mid")} == earlier  # never deleted nor changed
    assert out.is_file()


def test_nothing_is_said_without_earlier_variations(stub_engine, tmp_path, capsys):
    bass = _bass(tmp_path / "bass.mid")
    (tmp_path / "v_v1.mid").write_bytes(b"my own notes, not drums")  # a file ReaGroove did not write: not its drums
    assert main(["drumify", str(bass), "-o", str(tmp_path / "v.mid")]) == 0
    assert not _leftover_lines(capsys.readouterr().out)
    assert main(["drumify", str(bass), "-o", str(tmp_path / "w.mid"), "--variations", "2"]) == 0
    assert not _leftover_lines(capsys.readouterr().out)
