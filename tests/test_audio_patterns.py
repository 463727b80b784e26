"""Audio files as patterns (core/patterns.py, `reagroove patterns add`, `--pattern-a`, `interpolate`) and in the panel."""

import json
import os

import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, render
from stub_model import StubModel

from reagroove.core.cli import main
from reagroove.core.engine import Engine
from reagroove.core.options import pattern_ref
from reagroove.core.patterns import Pattern, PatternStore, pattern_from_file
from reagroove.models import commands

BAR = [0, 3, 4, 6, 8, 10, 11, 12, 14]  # 16th steps of a funk-ish line, the same every bar
STEPS = np.array([b + 16 * k for k in range(4) for b in BAR])
HITS_2_BARS = {int(s) for s in STEPS if s < 32}
BPM, START = 100.0, 0.5


@pytest.fixture(scope="module")
def line_wav(tmp_path_factory):
    """4 bars of a plucked line at 100 BPM, bar 1 at 0.5 s, accents on the beats."""
    path = tmp_path_factory.mktemp("audio") / "riff.wav"
    onsets = grid_onsets(STEPS, BPM, START)
    vel = np.where(STEPS % 4 == 0, 1.0, 0.6)
    sf.write(path, render(onsets, vel, timbre="pluck", sr=44100, duration_s=onsets[-1] + 0.8, seed=1), 44100)
    return path


def hits(groove):
    return set(np.flatnonzero(groove[:, 0]).tolist())


def test_pattern_from_an_audio_file(line_wav):
    given = pattern_from_file(line_wav, bpm=BPM, start=START)
    assert hits(given.groove) == HITS_2_BARS and given.name == "riff" and given.source == "riff.wav, bar 1"
    vel = given.groove[:, 1]
    assert vel[[0, 4, 8, 12]].mean() > vel[[3, 6, 10, 14]].mean() + 0.15  # onset strength is velocity
    notes = []
    estimated = pattern_from_file(line_wav, name="est", bar=3, warnings=notes)
    assert hits(estimated.groove) == HITS_2_BARS and estimated.source == "riff.wav, bar 3"
    assert any("estimated tempo" in n for n in notes)


def test_audio_pattern_errors_are_one_line(tmp_path):
    from reagroove.core.errors import InputFileError

    with pytest.raises(InputFileError, match="no such file") as err:
        pattern_from_file(tmp_path / "gone.wav")
    assert "\n" not in str(err.value)
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(44100, np.float32), 44100)
    with pytest.raises(InputFileError, match="silent"):
        pattern_from_file(silent)


@pytest.fixture
def stub_cli(monkeypatch, tmp_path):
    """The CLI on the stand-in model, with its own data folder for saved patterns."""
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    eng = Engine(StubModel(), patterns=PatternStore({"rock": Pattern("rock", np.zeros((32, 3), np.float32))}))
    monkeypatch.setattr(commands, "_engine", lambda args: eng)
    return eng


def test_patterns_add_and_interpolate_take_audio(line_wav, stub_cli, tmp_path, capsys):
    before = line_wav.read_bytes()
    assert main(["patterns", "add", "riff", str(line_wav), "--bpm", "100", "--start", "0.5"]) == 0
    saved = json.loads((tmp_path / "data" / "patterns.json").read_text())["patterns"]
    assert [p["name"] for p in saved] == ["riff"]
    assert hits(np.asarray(saved[0]["groove"])) == HITS_2_BARS
    out = tmp_path / "build.mid"
    assert main(["interpolate", str(line_wav), str(line_wav), "--bar-b", "3", "--steps", "3", "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert out.exists() and "3 loops from riff.wav, bar 1 to riff.wav, bar 3" in said.out
    assert "estimated tempo" in said.err  # --bpm not given: estimated, and said
    assert line_wav.read_bytes() == before  # the input is never changed


def test_pattern_a_can_be_an_audio_file(line_wav, stub_cli, capsys):
    name = pattern_ref(str(line_wav), stub_cli)
    assert name == "riff" and hits(stub_cli.patterns.get("riff").groove) == HITS_2_BARS
    assert "estimated tempo" in capsys.readouterr().err


def test_a_missing_audio_pattern_is_one_line_from_the_cli(tmp_path, stub_cli, capsys):
    assert main(["patterns", "add", "x", str(tmp_path / "nope.wav")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.wav" in err and "Traceback" not in err


# ---------------------------------------------------------------- the panel, standalone

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def panel(qtbot, tmp_path):
    pytest.importorskip("PySide6")
    pytest.importorskip("pyqtgraph")
    from reagroove.reaper_ext.panel.app import PanelWindow

    store = PatternStore({"rock": Pattern("rock", np.zeros((32, 3), np.float32))})
    w = PanelWindow(Engine(StubModel(), patterns=store), standalone=True, config_dir=tmp_path / "config",
                    list_ports=lambda: ([], []))
    qtbot.addWidget(w)
    w.show()
    return w


def test_panel_opens_a_wav_and_shows_its_groove(panel, qtbot, line_wav):
    from reagroove.reaper_ext.panel import app

    assert "*.wav" in app.INPUT_FILTER and "*.mid" in app.INPUT_FILTER  # what the open dialogs offer
    w = panel
    assert w.open_midi(line_wav)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id)
    assert hits(w.roll.groove) == HITS_2_BARS  # the played line, found in the audio
    assert w.roll.input_hit_count() == len(HITS_2_BARS) and w.roll.drum_hit_count() > 0
    assert "riff.wav" in w.input_label.text() and w.window_spin.maximum() == 2
    assert "riff.wav" in w.last_message and "estimated tempo" in w.last_message  # what was estimated is said
    w.pattern_from_midi("B", line_wav)  # an audio file as pattern B
    assert w.controller.settings.pattern_b == "riff" and w.pad.b_name == "riff"


def test_panel_says_one_line_for_a_bad_audio_file(panel, tmp_path):
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF....not a wave")
    assert not panel.open_midi(bad)
    assert "broken.wav" in panel.last_message and "\n" not in panel.last_message and panel.controller.input is None
