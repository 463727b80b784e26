"""Audio input as a producer's files come (a second fresh-eyes pass): what each case once did wrong."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.cli import main


@pytest.fixture(scope="module")
def bass_take():
    """A bass DI at 100 BPM from bar 1 at 0 s: (audio, sample rate, note times)."""
    audio, downbeat, notes = make_part("bass", 100.0, sr=22050, seed=3, seconds=10, with_notes=True)
    return audio, 22050, np.array(sorted(n[0] for n in notes))


@pytest.mark.parametrize("name,kw", [
    ("take.bwf", dict(format="WAV")),  # a broadcast WAV under its own extension (field recorders, Pro Tools)
    ("take.w64", dict(format="W64")),
    ("take.rf64", dict(format="RF64")),
    ("take.caf", dict(format="CAF")),  # Logic's bounce format
    ("take.opus", dict(format="OGG", subtype="OPUS")),
])
def test_audio_libsndfile_reads_is_taken_as_audio_whatever_its_extension(tmp_path, capsys, bass_take, name, kw):
    """These read fine but were refused for their names: 'take.bwf: not a Standard MIDI File (no MThd header)'."""
    audio, sr, _ = bass_take
    rate = 48000 if "OPUS" in kw.values() else sr  # Opus runs at 48 kHz
    if rate != sr:
        from scipy.signal import resample_poly
        audio = resample_poly(audio, 320, 147)  # 22.05 -> 48 kHz
    path = tmp_path / name
    sf.write(str(path), audio, rate, **kw)
    assert main(["groove", str(path), "--bpm", "100", "--start", "0"]) == 0
    out = capsys.readouterr().out
    assert "100 BPM" in out and "MThd" not in out
