"""A small synthesizer for testing onset detection: notes in, audio out.

Renders note onsets (seconds, velocity 0..1) with one of several timbres, so
the tests and benchmarks/bench_audio.py know exactly where every onset is:

- click: a 4 ms noise burst over a short sine ping (percussive),
- pluck: a Karplus-Strong plucked string at a random pitch (percussive),
- bass: a low band-limited sawtooth, bright for the first ~30 ms as a
  plucked string is, that rings until the next note (legato, as a DI),
- pad: a detuned saw chord with a soft 80 ms attack (the hard case).

Then a simple reverb (exponentially decaying noise) and white noise are
added. Loudness follows velocity as amplitude = velocity ** 2 (a 0.5 note is
12 dB below a full one), roughly how instruments and MIDI synths respond.
Everything is seeded: the same call gives the same samples.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import fftconvolve, lfilter

TIMBRES = ("click", "pluck", "bass", "pad")
PERCUSSIVE = ("click", "pluck", "bass")


def _lowpass(x, sr, cutoff):
    """One-pole low-pass, the same cutoff at every sample rate."""
    a = np.exp(-2 * np.pi * cutoff / sr)
    return lfilter([1 - a], [1, -a], x)


def _click(sr, rng, freq):
    n = int(0.06 * sr)
    t = np.arange(n) / sr
    burst = rng.standard_normal(n) * np.exp(-t / 0.004)
    ping = np.sin(2 * np.pi * 2 * freq * t) * np.exp(-t / 0.015)
    return 0.6 * burst + 0.5 * ping


def _pluck(sr, rng, freq, length_s=0.8):
    """Karplus-Strong: a noise burst in a delay line with an averaging, lossy feedback."""
    period = max(2, int(round(sr / freq)))
    n = int(length_s * sr)
    x = np.zeros(n)
    x[:period] = rng.uniform(-1, 1, period)
    # y[i] = x[i] + g/2 (y[i-P] + y[i-P-1])
    a = np.zeros(period + 2)
    a[0] = 1.0
    a[period] = a[period + 1] = -0.996 / 2
    y = lfilter([1.0], a, x)
    y *= np.minimum(1.0, (n - np.arange(n)) / (0.05 * sr))  # fade out: a hard cut would click
    return y / (np.abs(y[: 2 * period]).max() + 1e-9) * 0.8


def _harmonics(freq, t, sr, cutoff, limit=6000.0):
    """A band-limited sawtooth through a gentle low-pass at `cutoff`: no aliasing at any sample rate."""
    k = np.arange(1, int(min(sr / 2 * 0.9, limit) // freq) + 1)
    weights = (1.0 / k) / np.sqrt(1 + (k * freq / cutoff) ** 2)
    return np.sin(2 * np.pi * freq * np.outer(t, k)) @ weights


def _bass(sr, rng, freq, length_s):
    """A plucked bass: a dark saw body plus the bright harmonics a pluck starts with, decaying in ~30 ms."""
    n = max(1, int(length_s * sr))
    t = np.arange(n) / sr
    body = _harmonics(freq, t, sr, 300.0)
    bright = _harmonics(freq, t, sr, 2500.0) * np.exp(-t / 0.03)
    env = np.minimum(t / 0.003, 1.0) * np.exp(-t / 0.6)
    release = np.minimum(1.0, (n - np.arange(n)) / (0.01 * sr))  # no click at the note end
    return (body + 0.7 * bright) * env * release


def _pad(sr, rng, freq, length_s):
    n = max(1, int(length_s * sr))
    t = np.arange(n) / sr
    out = np.zeros(n)
    for ratio in (1.0, 1.26, 1.5):  # a major triad, each voice detuned twice
        for cents in (-7, 7):
            out += _harmonics(freq * ratio * 2 ** (cents / 1200), t + rng.uniform(), sr, 1200.0, limit=4000.0)
    out /= 4
    attack = 0.08
    env = np.minimum(t / attack, 1.0) ** 2
    release = np.minimum(1.0, (n - np.arange(n)) / (0.05 * sr))
    return out * env * release


def render(
    onsets_s,
    velocities,
    *,
    timbre: str = "pluck",
    sr: int = 44100,
    duration_s: float | None = None,
    noise_db: float = -50.0,
    reverb: float = 0.15,
    seed: int = 0,
) -> np.ndarray:
    """Mono float32 audio of notes at `onsets_s` (seconds) with `velocities` (0..1).

    noise_db: white noise level relative to full scale (None for none);
    reverb: wet level of a 0.4 s decaying-noise reverb (0 for dry).
    """
    if timbre not in TIMBRES:
        raise ValueError(f"timbre must be one of {TIMBRES}")
    rng = np.random.default_rng(seed)
    onsets = np.asarray(onsets_s, np.float64)
    vels = np.asarray(velocities, np.float64)
    order = np.argsort(onsets, kind="stable")
    onsets, vels = onsets[order], vels[order]
    end = float(duration_s) if duration_s is not None else (float(onsets.max()) + 1.0 if len(onsets) else 1.0)
    out = np.zeros(int(end * sr) + 1)
    for i, (t0, v) in enumerate(zip(onsets, vels)):
        start = int(round(t0 * sr))
        if start >= len(out):
            continue
        nxt = onsets[i + 1] if i + 1 < len(onsets) else end
        gap = max(nxt - t0, 0.05)
        if timbre == "click":
            note = _click(sr, rng, rng.uniform(800, 2000))
        elif timbre == "pluck":
            note = _pluck(sr, rng, 110 * 2 ** (rng.integers(0, 24) / 12))
        elif timbre == "bass":
            note = _bass(sr, rng, 41.2 * 2 ** (rng.integers(0, 15) / 12), min(gap, 1.5))
        else:
            note = _pad(sr, rng, 220 * 2 ** (rng.integers(0, 12) / 12), min(gap + 0.3, 3.0))
        note = note[: len(out) - start] * (float(v) ** 2)
        out[start : start + len(note)] += note
    if reverb > 0:
        n_ir = int(0.4 * sr)
        ir = rng.standard_normal(n_ir) * np.exp(-np.arange(n_ir) / (0.12 * sr))
        ir *= reverb / np.sqrt(np.sum(ir**2))
        ir[0] = 1.0
        out = fftconvolve(out, ir)[: len(out)]
    if noise_db is not None:
        out += rng.standard_normal(len(out)) * 10 ** (noise_db / 20)
    peak = np.abs(out).max()
    if peak > 0.99:  # keep within full scale; a normalization like any mixdown
        out *= 0.99 / peak
    return out.astype(np.float32)


def grid_onsets(steps, bpm: float, start_s: float = 0.0, offsets=None) -> np.ndarray:
    """Onset times (s) of 16th-note steps at `bpm`, step 0 at start_s; offsets in steps (+ = late)."""
    steps = np.asarray(steps, np.float64)
    off = np.zeros_like(steps) if offsets is None else np.asarray(offsets, np.float64)
    return start_s + (steps + off) * 60.0 / bpm / 4.0
