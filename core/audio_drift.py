"""A live take's drifting tempo: beats followed through the file, as a tempo map.

A part played without a click speeds up and slows down; read at one tempo,
its notes slide across the grid (at 100 -> 108 BPM over 40 s, by half a beat
at either end) and the drums drift away from it. Here the beats are tracked
through the onset envelope by librosa's dynamic-programming beat tracker
(Ellis 2007) around the estimated tempo, stiffly (TIGHTNESS: it follows a
drift, not each note's jitter); a phase-locked loop on the onsets was tried
first and lost the beat on syncopated parts whose estimate started off.
Steady parts keep their one tempo: the map is used only where the tracked
beats stray from the steady grid by more than a 32nd *and* put the onsets
closer to the 16ths than the steady grid does, so jitter and syncopation
change nothing (none of 60 rendered steady parts, 72-165 BPM, got a map).

The map has a tempo per bar, from bar lines of the tracked beats; beats
count from the file's start (beat 0 at 0 s), so drums written with this map
line up with the audio when both start together. Files longer than
MAX_DRIFT_S keep one tempo (the tracker holds a few float64 copies of the
envelope).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .audio import Envelope, Onsets

TIGHTNESS = 400.0  # librosa's: how hard a beat-to-beat interval is held to the tempo (100: it followed jitter and syncopation)
NEAR = 1 / 6  # an onset within this part of a beat counts as on it
MAX_DRIFT_S = 20 * 60.0  # longer files (not one take) keep one tempo
MIN_DRIFT = 1 / 12  # beats: a map only where the tracked beats stray this far from the steadiest grid (1/8: notes change step)
SMOOTH_BEATS = 8
MIN_GAIN = 0.8  # ... and the onsets' mean distance to the 16ths falls below this part of the steady grid's


def _tracked(env: "Envelope", bpm: float) -> np.ndarray:
    """Beat times (s) tracked through the onset envelope around `bpm`."""
    import librosa.beat

    _, beats = librosa.beat.beat_track(onset_envelope=env.flux.astype(np.float64), sr=env.sample_rate, hop_length=env.hop,
                                       bpm=bpm, tightness=TIGHTNESS, trim=False, units="time")
    return np.asarray(beats, np.float64)


def _lag(times: np.ndarray, w: np.ndarray, beats_t: np.ndarray, span: int) -> np.ndarray:
    """Per beat: the onsets' weighed mean offset from the beats within `span` beats of it (0 where none)."""
    p = np.diff(beats_t, append=beats_t[-1] + (beats_t[-1] - beats_t[-2]))
    j = np.clip(np.searchsorted(beats_t, times), 1, len(beats_t) - 1)
    j = np.where(np.abs(times - beats_t[j - 1]) < np.abs(times - beats_t[j]), j - 1, j)  # nearest beat
    err = times - beats_t[j]
    ok = np.abs(err) < NEAR * p[j]
    num = np.bincount(j[ok], (w * err)[ok], len(beats_t))
    den = np.bincount(j[ok], w[ok], len(beats_t))
    kernel = np.ones(2 * span + 1)
    num, den = np.convolve(num, kernel, "same"), np.convolve(den, kernel, "same")
    return np.where(den > 0, num / np.maximum(den, 1e-12), 0.0)


def _off_16ths(beats: np.ndarray, weights: np.ndarray) -> float:
    """Mean distance (in 16ths, 0..0.5) of beat positions to the nearest 16th, weighed."""
    x = beats * 4
    return float(np.sum(weights * np.abs(x - np.round(x))) / (np.sum(weights) + 1e-12))


def _knots(beats_t: np.ndarray, every: int, first: int, duration_s: float) -> tuple[np.ndarray, np.ndarray]:
    """(seconds, beats) of a map through every `every`-th tracked beat from index `first`; beat 0 at 0 s.

    Before the first knot and after the last, the edge spans' tempi.
    """
    idx = np.arange(first % every, len(beats_t), every)
    t = beats_t[idx]
    b = idx.astype(np.float64)
    first_p, last_p = (t[1] - t[0]) / (b[1] - b[0]), (t[-1] - t[-2]) / (b[-1] - b[-2])
    end = max(duration_s, float(t[-1])) + 1.0
    inside = t > 0
    knot_t = np.concatenate([[0.0], t[inside], [end]])
    knot_b = np.concatenate([[b[0] - t[0] / first_p], b[inside], [b[-1] + (end - t[-1]) / last_p]])
    return knot_t, knot_b - knot_b[0]


def _bar1_on_the_map(env: "Envelope", onsets: "Onsets", knot_t: np.ndarray, knot_b: np.ndarray) -> float:
    """Bar 1 (s) estimated as for a steady take, on the take played back at its mean tempo.

    The downbeat's cues (harmony on bar lines, accents, low notes) are read
    on a steady grid; under a drift that grid is wrong away from where it
    fits, so the envelope and onsets are moved onto the map first.
    """
    from dataclasses import replace

    from .audio_tempo import estimate_meter

    bpm = 60.0 * (knot_b[-1] - knot_b[0]) / (knot_t[-1] - knot_t[0])
    to_steady = lambda t: np.interp(t, knot_t, knot_b) * 60.0 / bpm  # noqa: E731
    frames = np.arange(len(env.flux))
    src = np.clip(np.round(np.interp(frames / env.fps * bpm / 60.0, knot_b, knot_t) * env.fps), 0, len(env.flux) - 1).astype(np.int64)
    n_cue = len(env.chroma) if env.chroma is not None else 0
    cue_src = np.minimum(src[:n_cue], max(n_cue - 1, 0))
    steady_env = replace(env, flux=env.flux[src], level=env.level[src],
                         chroma=env.chroma[cue_src] if env.chroma is not None else None,
                         low=env.low[cue_src] if env.low is not None else None)
    steady_onsets = replace(onsets, times=to_steady(onsets.times))
    start = estimate_meter(steady_env, steady_onsets, bpm)[1]
    return float(np.interp(start * bpm / 60.0, knot_b, knot_t))


def drift_map(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float, start_given: bool = False):
    """(knot seconds, knot beats, bar 1 s) of a tempo map following a drifting take, or None for a steady one.

    `bpm` and `start_s` (bar 1) give the steady grid; beats count from the
    file's start. Knots are bar lines (every 4 tracked beats) plus 0 s and
    the file's end; between knots the tempo is steady. Bar 1 is the tracked
    beat nearest `start_s` when given, else re-estimated on the map.
    """
    times = np.asarray(onsets.times, np.float64)
    w = np.asarray(onsets.velocity, np.float64)
    if len(times) < 16 or env.duration_s > MAX_DRIFT_S:
        return None
    period = 60.0 / bpm
    beats_t = _tracked(env, bpm)
    if len(beats_t) < 12:
        return None
    from scipy.ndimage import median_filter
    from scipy.signal import savgol_filter

    # A beat skipped or put in (one interval far off its neighbours'): the tracker lost the
    # thread there, and a map through it would move the bar lines by a beat.
    gaps = np.diff(beats_t)
    ratio = gaps / median_filter(gaps, size=9, mode="nearest")
    if np.any((ratio < 0.75) | (ratio > 1.33)):
        return None
    beats_t = beats_t + _lag(times, w, beats_t, 4)  # centred on the onsets about each beat
    # Smoothed over SMOOTH_BEATS each way: a drift lasts bars, a note's jitter does not.
    if len(beats_t) > 2 * SMOOTH_BEATS + 1:
        beats_t = savgol_filter(beats_t, 2 * SMOOTH_BEATS + 1, 2, mode="interp")
    n1 = int(np.argmin(np.abs(beats_t - start_s)))
    k = np.arange(len(beats_t)) - n1
    # How far the tracked beats stray from the steadiest grid through them (in beats), over the onsets' span.
    span = (beats_t >= times[0] - period) & (beats_t <= times[-1] + period)
    if span.sum() < 2 * SMOOTH_BEATS:
        return None
    fit = np.polyval(np.polyfit(k[span], beats_t[span], 1), k[span])
    if np.max(np.abs(beats_t[span] - fit)) / period < MIN_DRIFT:
        return None
    # Does following the beats put the onsets nearer the 16ths than the steady grid (both from bar 1)?
    knot_t, knot_b = _knots(beats_t, 1, 0, env.duration_s)
    followed = np.interp(times, knot_t, knot_b) - float(np.interp(beats_t[n1], knot_t, knot_b))
    if _off_16ths(followed, w) > MIN_GAIN * _off_16ths((times - start_s) / period, w) - 1e-9:
        return None
    if not start_given:
        n1 = int(np.argmin(np.abs(beats_t - _bar1_on_the_map(env, onsets, knot_t, knot_b))))
    knot_t, knot_b = _knots(beats_t, 4, n1, env.duration_s)
    return knot_t, knot_b, float(beats_t[n1])


def map_tempos(knot_t: np.ndarray, knot_b: np.ndarray) -> list[tuple[float, float]]:
    """(beat, bpm) tempo changes of a piecewise-steady map."""
    bpm = 60.0 * np.diff(knot_b) / np.maximum(np.diff(knot_t), 1e-9)
    return [(float(b), float(t)) for b, t in zip(knot_b[:-1], bpm)]


__all__ = ["drift_map", "map_tempos"]
