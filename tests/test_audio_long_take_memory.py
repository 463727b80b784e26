"""A long take's memory grows by its onset envelope alone: README's figure, 11.5 MB of traced memory an hour of audio
(four float32 per 5 ms hop) on top of a fixed part, measured as `python benchmarks/bench_audio.py --memory-hours 2`
measures it.

It had grown to about 35 MB an hour (a 2-hour file peaked at 82.7 MB, not 40): the untold waltz check on a take
whose tempo moves (audio_drift.triple_on_the_curve, run on takes of any length) played the whole take back
steadily through whole-length float64 time maps. Here two takes that drift (the same part, sped up as it goes,
4 and 14 minutes long: the first 4 minutes of both alike) are read whole with read_audio, and the rise of the
peak from the short one to the long one, per hour, must stay near the envelope's. The drift map (a beat tracker
holding a few float64 copies of the envelope) is made for takes up to audio_drift.MAX_DRIFT_S (20 minutes) only,
as a bounded cost; it is set shorter here so these takes are read as a long one is.
"""

import tracemalloc

import numpy as np
import soundfile as sf
from audio_synth import make_part

from reagroove.core import audio_drift
from reagroove.core.audio import read_audio

SR = 22050
ENVELOPE_MB_PER_HOUR = 11.5  # README, "Audio input"
MARGIN = 1.5  # the rise may pass the envelope's by half (onsets, a percentile's copy of a level): not by 3 times


def _write_drifting(path, part: np.ndarray, minutes: float, speed_up_per_min: float = 0.0025) -> None:
    """`part` repeated for `minutes`, played faster and faster (1 + speed_up_per_min a minute, as a tape): a
    take whose tempo moves, so it is read along a tempo curve."""
    a = speed_up_per_min / 60.0
    n_out = int(minutes * 60 * SR)
    block = 1 << 20
    with sf.SoundFile(str(path), "w", samplerate=SR, channels=1, subtype="PCM_16") as f:
        for k0 in range(0, n_out, block):
            t = np.arange(k0, min(n_out, k0 + block)) / SR
            pos = (t + 0.5 * a * t * t) * SR  # samples of the part played by then
            i = np.floor(pos).astype(np.int64)
            frac = (pos - i).astype(np.float32)
            f.write(part[i % len(part)] * (1 - frac) + part[(i + 1) % len(part)] * frac)


def _peak_mb(path) -> float:
    tracemalloc.start()
    try:
        read_audio(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def test_a_long_takes_peak_memory_grows_by_its_envelope_an_hour(tmp_path, monkeypatch):
    part, _ = make_part("mix", 112.0, seconds=30.0, seed=5, sr=SR)
    monkeypatch.setattr(audio_drift, "MAX_DRIFT_S", 60.0)
    steadied = []  # the takes' lengths (frames) that were played back steadily along their tempo curve
    steady_take = audio_drift._steady_take
    monkeypatch.setattr(audio_drift, "_steady_take", lambda env, *a: steadied.append(len(env.flux)) or steady_take(env, *a))
    warm = tmp_path / "warm.wav"
    sf.write(str(warm), part, SR, subtype="PCM_16")
    read_audio(warm)  # imports and first-call set-up are not the take's
    peaks = {}
    for minutes in (4, 14):
        path = tmp_path / f"take_{minutes}.wav"
        _write_drifting(path, part, minutes)
        steadied.clear()
        peaks[minutes] = _peak_mb(path)
        assert steadied, f"the {minutes}-minute take was not read along a tempo curve: the test no longer covers it"
    per_hour = (peaks[14] - peaks[4]) / (10 / 60)
    assert per_hour < MARGIN * ENVELOPE_MB_PER_HOUR, (
        f"peak traced memory grows {per_hour:.1f} MB an hour of audio (4 minutes: {peaks[4]:.1f} MB, "
        f"14 minutes: {peaks[14]:.1f} MB); README says the envelope is {ENVELOPE_MB_PER_HOUR} MB an hour")
