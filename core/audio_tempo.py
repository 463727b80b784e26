"""Tempo, beats and bar 1 of an audio file, from its onset envelope.

How, and why this way (measured on benchmarks/bench_audio_tempo.py, rendered
bass, guitar, keys and full mixes at 70-180 BPM starting anywhere in a bar):

- Tempo candidates are the peaks of the onset envelope's autocorrelation
  (at 1, 2 and 4 beats), each with its half and double: a part playing
  8ths at 180 BPM and one playing 16ths at 90 look alike at the note level,
  so the envelope alone cannot tell the tempo octave. Each is refined to
  0.05 BPM by a comb fit on the onsets, which also gives the beat phase.
- The octave and the downbeat come from the bar: harmony changes on bar
  lines, and low notes (bass, kick) and accents fall on beat 1. For every
  candidate tempo and each of the 4 beats that could be beat 1, the
  beat-synchronous chroma (pitch classes) of the two beats after each beat
  line is compared with the two before it; the reading whose bar lines
  carry the harmonic changes (counted only as far as harmony changes more
  there than within bars), the low onsets and the accents, under a
  log-normal tempo prior and a small preference for a first note on beat 1,
  wins.
- Bar 1 is the first bar line at or after the first clear onset less a
  16th, so a part that starts with a pickup gets its downbeat where the
  pickup resolves, and silence (or hiss) before the music is skipped.

Everything works on the first TEMPO_WINDOW_S of the envelope; only numpy
(and scipy for a filter) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .audio import Envelope, Onsets

# Tempo is estimated from the opening stretch: enough for a stable estimate,
# bounded work on long files.
TEMPO_WINDOW_S = 180.0
MIN_BPM, MAX_BPM = 40.0, 240.0
TEMPO_PRIOR_BPM = 120.0  # centre of the log-normal prior
TEMPO_PRIOR_OCTAVES = 1.0  # its width (standard deviation, octaves)
# How much each cue counts when choosing tempo octave and downbeat (tuned on
# bench_audio_tempo.py --seed 0, reported on --seed 1).
W_HARMONY = 2.0
W_LOW = 0.5
W_ACCENT = 0.5
W_PRIOR = 6.0
W_PERIODICITY = 2.0
W_STARTS_BAR = 0.5  # most parts start on beat 1
# The music starts at the first onset at least this loud (velocity 0..1):
# fainter ones before it are noise or breath, not the part.
CLEAR_VELOCITY = 0.3


def _comb_score(times: np.ndarray, weights: np.ndarray, bpm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How well onsets fit a 16th-note grid at each tempo, and the grid's beat phase (s).

    A beat-periodic kernel peaked on the beat, smaller on 8ths and 16ths, as
    a few harmonics evaluated jointly so the phase is shared.
    """
    period = 60.0 / bpm[:, None]  # (B, 1)
    theta = 2 * np.pi * times[None, :] / period  # (B, N)
    coefs = (1.0, 0.6, 0.0, 0.4)  # harmonics 1..4 of the beat: beat, 8ths, -, 16ths
    z = [np.exp(1j * (k + 1) * theta) @ weights for k in range(len(coefs))]
    phases = np.linspace(0, 2 * np.pi, 64, endpoint=False)
    score = np.zeros((len(bpm), len(phases)))
    for k, (ck, zk) in enumerate(zip(coefs, z)):
        if ck:
            score += ck * np.real(zk[:, None] * np.exp(-1j * (k + 1) * phases[None, :]))
    best = np.argmax(score, axis=1)
    return score[np.arange(len(bpm)), best] / (weights.sum() + 1e-12), phases[best] / (2 * np.pi) * period[:, 0]


def _periodicity(env: "Envelope") -> tuple[np.ndarray, np.ndarray]:
    """(bpm, score) over the tempo range: the envelope's autocorrelation at 1, 2 and 4 beats, 0..1."""
    n = min(len(env.flux), int(TEMPO_WINDOW_S * env.fps))
    x = env.flux[:n].astype(np.float64)
    x = x - x.mean()
    spec = np.fft.rfft(x, 2 * n)
    ac = np.fft.irfft(np.abs(spec) ** 2)[:n]
    lags = np.arange(1, max(2, n // 4))
    bpms = 60.0 * env.fps / lags
    if ac[0] <= 0:
        return bpms, np.zeros(len(lags))
    # A beat period is also periodic at 2 and 4 beats (bars): summing those
    # lags keeps 8th-note pulses from passing for the beat.
    score = sum(ac[np.minimum(lags * m, n - 1)] for m in (1, 2, 4)) / (3 * ac[0])
    return bpms, score


def _refine(onsets: "Onsets", bpm: float) -> tuple[float, float, float]:
    """(bpm, beat phase s, fit) of the comb that fits the onsets best within 4% of `bpm`."""
    t = onsets.times[onsets.times < TEMPO_WINDOW_S]
    w = onsets.velocity[: len(t)].astype(np.float64)
    grid = np.arange(bpm * 0.96, bpm * 1.04, 0.05)
    score, phase = _comb_score(t, w, grid)
    i = int(np.argmax(score))
    return float(grid[i]), float(phase[i]), float(score[i])


def tempo_candidates(env: "Envelope", onsets: "Onsets", n_peaks: int = 2) -> list[float]:
    """Candidate tempi: the strongest autocorrelation peaks with their halves and doubles, within range."""
    bpms, score = _periodicity(env)
    ok = (bpms >= MIN_BPM) & (bpms <= MAX_BPM)
    if not ok.any() or not np.any(score[ok] > 0):
        return [120.0]
    idx = np.flatnonzero(ok)
    s = score[idx]
    peaks = [i for i in range(1, len(s) - 1) if s[i] >= s[i - 1] and s[i] >= s[i + 1]] or [int(np.argmax(s))]
    peaks.sort(key=lambda i: -s[i])
    out: list[float] = []
    for i in peaks[:n_peaks]:
        for m in (0.5, 1.0, 2.0):
            b = float(bpms[idx[i]]) * m
            if 50.0 <= b <= 220.0 and all(abs(b / c - 1) > 0.04 for c in out):
                out.append(b)
    return out or [float(bpms[idx[int(np.argmax(s))]])]


@dataclass
class MeterHypothesis:
    """One reading of the file: a tempo, its beat grid and which beat is beat 1, with its cues."""

    bpm: float
    phase_s: float  # a beat line
    downbeat: int  # 0..3: beat lines phase + (downbeat + 4k) * period are bar lines
    harmony: float  # harmonic change on bar lines against within bars (z-score units)
    low: float  # low onsets on bar lines against other beats
    accent: float  # onset strength on beats against between them
    periodicity: float  # the envelope's autocorrelation at this tempo, 0..1
    starts_bar: float = 0.0  # 1 when the first clear onset is on a bar line (most parts start on beat 1)
    score: float = 0.0


def _first_clear(onsets: "Onsets") -> float:
    """Seconds of the first onset at least CLEAR_VELOCITY loud: where the music starts."""
    clear = np.flatnonzero(onsets.velocity >= CLEAR_VELOCITY)
    return float(onsets.times[clear[0] if len(clear) else 0])


def _zscore(x: np.ndarray) -> np.ndarray:
    s = float(x.std())
    return (x - x.mean()) / s if s > 1e-9 else np.zeros_like(x)


def _beat_cues(env: "Envelope", onsets: "Onsets", bpm: float, phase: float) -> tuple[np.ndarray, ...]:
    """Per beat line from the first clear onset on: beat times, harmonic change, low onset, onset strength at the beat minus between beats."""
    fps = env.fps
    period = 60.0 / bpm
    n_frames = len(env.chroma) if env.chroma is not None else min(len(env.flux), int(TEMPO_WINDOW_S * fps))
    first = _first_clear(onsets)
    end = min(n_frames / fps, float(onsets.times[-1]) + period)
    k0 = int(np.floor((first - phase) / period)) - 1
    k1 = int(np.ceil((end - phase) / period))
    beats = phase + period * np.arange(k0, k1 + 1)
    beats = beats[(beats >= first - period) & (beats <= end)]
    if len(beats) < 6:
        return (beats, *[np.zeros(len(beats))] * 3)
    frames = np.clip(np.round(beats * fps).astype(np.int64), 0, n_frames)
    # Beat-synchronous chroma: the mean over each beat, then the change across each beat line.
    if env.chroma is not None and len(env.chroma):
        csum = np.concatenate([np.zeros((1, 12)), np.cumsum(env.chroma[:n_frames], axis=0, dtype=np.float64)])
        seg = (csum[frames[1:]] - csum[frames[:-1]]) / np.maximum(frames[1:] - frames[:-1], 1)[:, None]
        # Two beats after each beat line against the two before it: a held
        # note or a chord sounds through its beats, so pairs see through gaps.
        pair = seg[:-1] + seg[1:]  # pair[j] = beats j, j+1
        change = np.zeros(len(beats))
        if len(pair) >= 3:
            pair = pair / (np.linalg.norm(pair, axis=1, keepdims=True) + 1e-9)
            change[2:-2] = 1.0 - np.sum(pair[2:] * pair[:-2], axis=1)
    else:
        change = np.zeros(len(beats))
    win = max(1, int(round(0.03 * fps)))
    from scipy.ndimage import maximum_filter1d

    def at(x: np.ndarray, times: np.ndarray) -> np.ndarray:
        xm = maximum_filter1d(x[:n_frames].astype(np.float64), size=2 * win + 1)
        return xm[np.clip(np.round(times * fps).astype(np.int64), 0, n_frames - 1)]

    low = at(env.low, beats) if env.low is not None else np.zeros(len(beats))
    accent = at(env.flux, beats) - at(env.flux, beats + period / 2)
    return beats, change, low, accent


def hypotheses(env: "Envelope", onsets: "Onsets", bpm: float | None = None) -> list[MeterHypothesis]:
    """Every (tempo, downbeat) reading of the file with its cues and score; `bpm` fixes the tempo."""
    _, per = _periodicity(env)
    out = []
    for cand in [float(bpm)] if bpm else tempo_candidates(env, onsets):
        if bpm:
            t = onsets.times[onsets.times < TEMPO_WINDOW_S]
            phase = float(_comb_score(t, onsets.velocity[: len(t)].astype(np.float64), np.array([cand]))[1][0])
        else:
            cand, phase, _ = _refine(onsets, cand)
        out += _readings(env, onsets, cand, phase, per)
    return out


def _readings(env: "Envelope", onsets: "Onsets", cand: float, phase: float, per: np.ndarray) -> list[MeterHypothesis]:
    """The 4 downbeat readings of one beat grid, scored."""
    out: list[MeterHypothesis] = []
    beats, change, low, accent = _beat_cues(env, onsets, cand, phase)
    if len(beats) < 8:
        return out
    zc, zl = _zscore(change), _zscore(low)
    acc = float(accent.mean() / (np.abs(accent).mean() + 1e-9))
    periodicity = float(np.interp(60.0 * env.fps / cand, np.arange(1, len(per) + 1), per))
    prior = -0.5 * (np.log2(cand / TEMPO_PRIOR_BPM) / TEMPO_PRIOR_OCTAVES) ** 2
    k0 = int(round((beats[0] - phase) * cand / 60.0))
    for d in range(4):
        on = (np.arange(len(beats)) + k0 - d) % 4 == 0
        if on.sum() < 2 or (~on).sum() < 2:
            continue
        # Harmony counts as far as it changes more on these lines than within
        # bars: a part whose every note changes pitch says nothing about the bar.
        steady = float(np.clip(change[on].mean() / (change[~on].mean() + 1e-9) - 1.0, 0.0, 1.0))
        h = MeterHypothesis(cand, phase, d, steady * float(zc[on].mean() - zc[~on].mean()), float(zl[on].mean() - zl[~on].mean()), acc, periodicity)
        h.starts_bar = float(abs(first_downbeat(onsets, h) - _first_clear(onsets)) < 7.5 / cand)  # within half a 16th
        h.score = (
            W_HARMONY * h.harmony + W_LOW * h.low + W_ACCENT * h.accent + W_PRIOR * prior + W_PERIODICITY * h.periodicity + W_STARTS_BAR * h.starts_bar
        )
        out.append(h)
    return out


def first_downbeat(onsets: "Onsets", h: MeterHypothesis) -> float:
    """Seconds of bar 1: the first bar line at or after the first clear onset less a 16th."""
    bar = 240.0 / h.bpm
    line = h.phase_s + h.downbeat * 60.0 / h.bpm
    first = _first_clear(onsets) - 15.0 / h.bpm  # a 16th early still counts as on the line
    return float(line + np.ceil((first - line) / bar) * bar)


def estimate_meter(env: "Envelope", onsets: "Onsets", bpm: float | None = None) -> tuple[float, float]:
    """(bpm, seconds of bar 1) of a file; with `bpm` given only bar 1 is estimated."""
    if len(onsets.times) == 0:
        return (float(bpm) if bpm else 120.0), 0.0
    hyps = hypotheses(env, onsets, bpm) if len(onsets.times) >= 4 else []
    if hyps:
        best = max(hyps, key=lambda h: h.score)
    else:  # too few onsets to weigh: the comb's tempo, bar 1 on the first onset
        b = float(bpm) if bpm else _refine(onsets, tempo_candidates(env, onsets)[0])[0]
        best = MeterHypothesis(b, float(onsets.times[0]), 0, 0.0, 0.0, 0.0, 0.0)
    return best.bpm, first_downbeat(onsets, best)
