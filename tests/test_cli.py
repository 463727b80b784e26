"""The `reagroove` command end to end, as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_midi

from reagroove.core.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
REAGROOVE = [sys.executable, "-m", "reagroove.core.cli"]


def run_cli(*args):
    return subprocess.run([*REAGROOVE, *map(str, args)], capture_output=True, text=True, timeout=60)


def write_notes(path, notes, *, tempo=True, channel=0):
    """notes: (beat, pitch, velocity), written as a type-0 file."""
    return build_midi(path, [(b, p, v, channel) for b, p, v in notes], fmt=0, tempos=((0, 100.0),) if tempo else ())


def test_help_and_version_from_the_console():
    out = run_cli("--help")
    assert out.returncode == 0
    assert "groove" in out.stdout and "data" in out.stdout
    ver = run_cli("--version")
    assert ver.returncode == 0 and ver.stdout.startswith("reagroove ")


def test_groove_of_bundled_example_prints_every_window(capsys):
    assert main(["groove", str(EXAMPLES / "funk_bass.mid")]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.strip().startswith("bar ")]
    # 8 bars of bass in 4/4 -> 4 windows, each showing 32 steps between bar lines
    assert len(rows) == 4
    for row in rows:
        cells = row.split("|")[1:3]
        assert sum(len(c.replace(" ", "")) for c in cells) == 32


def test_groove_json_matches_the_notes(tmp_path):
    src = write_notes(tmp_path / "riff.mid", [(0, 40, 100), (0, 52, 60), (1.0 + 1 / 12, 43, 80), (9.5, 40, 70)])
    out_json = tmp_path / "out" / "riff.json"
    assert main(["groove", str(src), "--json", str(out_json), "--quiet"]) == 0
    doc = json.loads(out_json.read_text())
    assert [w["bar"] for w in doc["windows"]] == [1, 3]
    g0 = doc["windows"][0]["groove"]
    assert g0[0] == [1.0, pytest.approx(100 / 127, abs=1e-4), 0.0]  # chord: loudest wins
    assert g0[4][0] == 1.0 and g0[4][2] == pytest.approx(1 / 3, abs=1e-4)  # a third of a step late
    assert sum(step[0] for step in g0) == 2
    assert doc["windows"][1]["groove"][6][0] == 1.0  # beat 9.5 -> window 2, step 6


def test_groove_options_flatten_velocity_and_timing(tmp_path, capsys):
    src = write_notes(tmp_path / "r.mid", [(0.03, 40, 30), (1.0, 40, 120)])
    out_json = tmp_path / "r.json"
    assert main(["groove", str(src), "--flat-velocity", "--quantize", "--json", str(out_json), "--quiet"]) == 0
    g = json.loads(out_json.read_text())["windows"][0]["groove"]
    assert g[0][1] == g[4][1] > 0  # all hits equal
    assert g[0][2] == 0.0  # no micro-timing


def test_groove_bar_range(tmp_path):
    src = write_notes(tmp_path / "r.mid", [(b * 4.0, 40, 90) for b in range(8)])
    out_json = tmp_path / "r.json"
    assert main(["groove", str(src), "--bars", "3-4", "--json", str(out_json), "--quiet"]) == 0
    doc = json.loads(out_json.read_text())
    assert [w["bar"] for w in doc["windows"]] == [3]
    assert any("6 notes outside bars 3-4" in m for m in doc["messages"])


def test_waltz_with_pickup_says_so_once(capsys):
    assert main(["groove", str(EXAMPLES / "piano_waltz.mid")]) == 0
    out = capsys.readouterr().out
    assert out.count("8 quarter-note beats") == 1
    assert "pickup" in out


def _one_line_error(result, path):
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("notes.mid", b"these are my notes, not MIDI\n", "not a Standard MIDI File"),
        ("empty.mid", b"", "empty"),
        ("cut.mid", None, "truncated"),
    ],
)
def test_bad_files_give_one_line_and_exit_2(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is None:
        content = (EXAMPLES / "funk_bass.mid").read_bytes()[:200]
    path.write_bytes(content)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    line = _one_line_error(run_cli("groove", path), path)
    assert problem in line
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.mid"
    with open(path, "wb") as fh:
        fh.write(b"MThd")
        fh.truncate(100 * 2**20)  # sparse: 100 MB on paper
    line = _one_line_error(run_cli("groove", path), path)
    assert "100 MB" in line


def test_missing_file_and_file_without_notes(tmp_path):
    _one_line_error(run_cli("groove", tmp_path / "nope.mid"), tmp_path / "nope.mid")
    silent = write_notes(tmp_path / "silent.mid", [])
    assert "no notes" in _one_line_error(run_cli("groove", silent), silent)


def test_no_tempo_and_drums_on_channel_1_still_work(tmp_path):
    path = write_notes(tmp_path / "drums_ch1.mid", [(0, 36, 100), (1, 38, 90), (0.5, 42, 60)], tempo=False, channel=0)
    result = run_cli("groove", path)
    assert result.returncode == 0, result.stderr
    assert "no tempo in file; assuming 120 BPM" in result.stdout
    assert " 3 hits" in result.stdout


def test_core_and_light_commands_never_import_torch_qt_or_reapy(tmp_path):
    out = tmp_path / "g.json"
    code = (
        "import sys; import reagroove.core, reagroove.core.dataset, reagroove.core.engine, reagroove.core.live, "
        "reagroove.core.livemidi, reagroove.core.cli as c; "
        f"c.main(['groove', {str(EXAMPLES / 'funk_bass.mid')!r}, '--quiet', '--json', {str(out)!r}]); "
        "bad = [m for m in ('torch', 'PySide6', 'reapy', 'pyqtgraph') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
