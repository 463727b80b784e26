"""Two takes whose notes come evenly and whose accents say the beat: a funk 16th scratch guitar on one chord (muted
16ths, open stabs on some of them) and a bass DI in octave pops (the root on every beat, the octave on every "and",
brighter but softer). Each reads at its tempo with bar 1 where the part starts: the scratch's bar 1 fell on an open
stab on the "and" of 3 (its lines half a beat over), the bass read at twice its tempo, or with bar 1 an 8th late."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, _lowpass, _pluck, _room

from reagroove.core.audio import read_audio

SR = 22050


def funk_scratch(bpm: float, stabs, *, bars: int = 12, lead_s: float = 0.3, seed: int = 7) -> np.ndarray:
    """Every 16th strummed on one chord from bar 1 at `lead_s`: muted scratches (dull, 12 ms), an open stab ringing
    130 ms on the 16th steps in `stabs`; down strokes on the 8ths, up strokes between."""
    rng = np.random.default_rng(seed)
    step = 15.0 / bpm
    out = np.zeros(int((lead_s + bars * 16 * step + 1.5) * SR))
    chord = (52, 57, 60, 64, 67)
    for k in range(bars * 16):
        t0 = lead_s + k * step + rng.normal(0, 0.005)
        down, stab = k % 2 == 0, k % 16 in stabs
        length = 0.13 if stab else 0.035
        gap = rng.uniform(0.002, 0.005)
        for i, p in enumerate(chord if down else chord[::-1]):
            y = _pluck(SR, rng, float(_hz(p)), length_s=length + 0.05)[: int(length * SR)]
            if not stab:  # muted: a dull chk
                y = _lowpass(y, SR, 2500.0) * np.exp(-np.arange(len(y)) / SR / 0.012)
            y = y * np.minimum(1.0, (len(y) - np.arange(len(y))) / (0.005 * SR))
            s = int((t0 + i * gap) * SR)
            out[s : s + len(y)] += y[: len(out) - s] * (1.0 if stab else 0.45) * (1.0 if down else 0.8)
    out = _room(out, SR, rng, 0.08, -60.0)
    return (out / np.abs(out).max() * 0.9).astype(np.float32)


def _bass_note(f0: float, f1: float, length_s: float, glide_at: float, glide_s: float) -> np.ndarray:
    """A DI bass note (a saw, bright for its first 30 ms), gliding from f0 to f1 over glide_s from glide_at."""
    n = int(length_s * SR)
    t = np.arange(n) / SR
    f = np.where(t < glide_at, f0, np.where(t < glide_at + glide_s, f0 + (f1 - f0) * (t - glide_at) / glide_s, f1))
    ph = np.cumsum(f) / SR
    body = sum(np.sin(2 * np.pi * k * ph) / k / np.sqrt(1 + (k * f / 600) ** 2) for k in range(1, 25))
    bright = sum(np.sin(2 * np.pi * k * ph) / k for k in range(1, 40)) * np.exp(-t / 0.03)
    env = np.minimum(t / 0.003, 1) * np.exp(-t / 0.9) * np.minimum(1, (n - np.arange(n)) / (0.01 * SR))
    return (body + 0.5 * bright) * env


def octave_bass(bpm: float, *, slides: bool, bars: int = 12, lead_s: float = 0.5, seed: int = 7) -> np.ndarray:
    """8ths from bar 1 at `lead_s`: the root on every beat, its octave (softer) on every "and". With `slides`, every
    other bar's last 8th slides up into the next bar's root and the one before slides down a step, no new attack."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    out = np.zeros(int((lead_s + bars * 4 * beat + 1.5) * SR))
    roots = [28, 28, 33, 31]  # E1 E1 A1 G1
    for bar in range(bars):
        r = roots[bar % 4]
        for e in range(8):
            t0 = lead_s + (bar * 4 + e * 0.5) * beat + rng.normal(0, 0.006)
            if slides and e == 7 and bar % 2 == 1:
                y = _bass_note(float(_hz(r + 12)), float(_hz(roots[(bar + 1) % 4])), 0.5 * beat + 0.05, 0.08, 0.15)
            elif slides and e == 6 and bar % 2 == 0:
                y = _bass_note(float(_hz(r + 7)), float(_hz(r + 5)), beat, 0.15, 0.12)
            elif slides and e == 7 and bar % 2 == 0:
                continue
            else:
                y = _bass_note(float(_hz(r + 12 * (e % 2))), 0.0, 0.45 * beat, 9.0, 1.0)
            s = int(t0 * SR)
            out[s : s + len(y)] += y[: len(out) - s] * (1.0 if e % 2 == 0 else 0.75)
    out = out + rng.standard_normal(len(out)) * 1e-4
    return (out / np.abs(out).max() * 0.9).astype(np.float32)


@pytest.mark.parametrize("bpm,stabs,seed", [(100.0, (0, 4, 7, 10, 12, 15), 7), (104.0, (0, 4, 7, 10, 12, 15), 3)])
def test_a_funk_scratch_reads_bar_1_where_the_pattern_starts_not_on_its_stab_on_the_and(tmp_path, bpm, stabs, seed):
    path = tmp_path / "scratch.wav"
    sf.write(path, funk_scratch(bpm, stabs, seed=seed), SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.bpm == pytest.approx(bpm, rel=0.01)
    assert got.start_s == pytest.approx(0.3, abs=0.03)  # not 10 16ths later, on the "and" of 3
    assert not any("before bar 1" in w for w in got.warnings)  # the take's first bar is kept


@pytest.mark.parametrize("bpm,slides,seed", [(90.0, False, 7), (90.0, True, 7), (75.0, False, 5), (120.0, True, 4)])
def test_an_octave_pop_bass_reads_at_its_tempo_with_bar_1_on_its_first_root(tmp_path, bpm, slides, seed):
    path = tmp_path / "bass.wav"
    sf.write(path, octave_bass(bpm, slides=slides, seed=seed), SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.bpm == pytest.approx(bpm, rel=0.01)  # not twice it: the brighter octaves are no snare on 2 and 4
    assert got.start_s == pytest.approx(0.5, abs=0.03)  # not an 8th late, on the first octave
