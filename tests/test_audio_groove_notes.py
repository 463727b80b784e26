"""`reagroove groove take.wav` makes no drums: its notes about a damaged or cut-short file say what is read, and speak
of drums only where drums are made (drumify)."""

import numpy as np
import soundfile as sf
from audio_synth import grid_onsets, render

from reagroove.core.audio import read_audio
from reagroove.core.cli import main

SR = 22050
STEPS = np.array([r * 32 + s for r in range(4) for s in (0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30)])


def _cut(tmp_path, suffix: str):
    """A take (a plucked line at 120 BPM) whose copy failed a third of the way from its end."""
    t = grid_onsets(STEPS, 120.0)
    whole = tmp_path / f"take{suffix}"
    sf.write(whole, render(t, np.full(len(t), 0.8), timbre="pluck", sr=SR, duration_s=float(t[-1]) + 1.0, seed=3), SR)
    cut = tmp_path / f"cut{suffix}"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    return cut


def test_groove_of_a_wav_cut_short_says_so_without_promising_drums(tmp_path, capsys):
    cut = _cut(tmp_path, ".wav")
    assert main(["groove", str(cut), "--bpm", "120", "--start", "0"]) == 0
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "cut short" in line]
    assert len(said) == 1 and "what is there is read" in said[0]
    assert "drums" not in said[0]
    # drumify's reading still says the drums cover what is there
    assert any("the drums cover what is there" in w for w in read_audio(cut, bpm=120, start=0.0).warnings)


def test_groove_of_a_damaged_flac_says_what_it_reads_without_promising_drums(tmp_path):
    cut = _cut(tmp_path, ".flac")
    grooved = [w for w in read_audio(cut, bpm=120, start=0.0, for_drums=False).warnings if "damaged" in w]
    assert len(grooved) == 1 and "drums" not in grooved[0] and "what comes before is read" in grooved[0]
    drummed = [w for w in read_audio(cut, bpm=120, start=0.0).warnings if "damaged" in w]
    assert "the drums cover what comes before" in drummed[0]
