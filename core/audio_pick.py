"""Peaks of an onset envelope as onsets: times, strengths and velocities.

core/audio.py makes the envelope (all bands, and the low bands for the bass
part); this picks its peaks. A peak is a local maximum above a moving
average plus a threshold with an absolute floor (noise and silence give no
onsets) and a part relative to the file's loud onsets; it must be loud
enough against the file's level, and onsets closer than a wait are one. The
envelope is scanned in chunks, so a long file needs a few MB here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .audio_floor import floor_at_start, opening_frames, stops_dead

if TYPE_CHECKING:
    from .audio_envelope import Envelope, OnsetParams


@dataclass
class Onsets:
    """Detected onsets of a file, in seconds from its start."""

    times: np.ndarray  # float64 seconds
    strength: np.ndarray  # float32, envelope peak (dB of mean band rise)
    velocity: np.ndarray  # float32, 0..1
    sample_rate: int
    channels: int
    duration_s: float


# The envelope is scanned in chunks of this many frames (5.5 minutes at 5 ms): the
# picker's filters then need a few MB at any length instead of ~8 float64 copies of it.
PICK_CHUNK_FRAMES = 1 << 16


def pick_peaks(env: "Envelope", flux: np.ndarray, level: np.ndarray, params: "OnsetParams", delta_abs: float, delta_rel: float,
               wait_s: float, gate_db: float) -> tuple[Onsets, np.ndarray]:
    """Peaks of `flux` above a moving average plus a threshold (absolute, or relative to the loud ones), loud enough in `level`.

    Returns the onsets and their times before the attack shift (where the flux peaked), which pick_onsets's
    low-note pass reads instead of picking the same peaks again.
    """
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    n = len(flux)
    fps = env.fps
    empty = Onsets(np.zeros(0), np.zeros(0, np.float32), np.zeros(0, np.float32), env.sample_rate, env.channels, env.duration_s)
    if n < 3 or not np.any(flux > delta_abs):
        return empty, np.zeros(0)
    to_frames = lambda s: max(1, int(round(s * fps)))  # noqa: E731
    pre_max, post_max = to_frames(params.pre_max_s), to_frames(params.post_max_s)
    pre_avg, post_avg = to_frames(params.pre_avg_s), to_frames(params.post_avg_s)
    pad = max(pre_max, post_max, pre_avg, post_avg) + 1
    half = max(pre_max, post_max)
    avg_half = max(pre_avg, post_avg)
    # Candidates (local maxima) chunk by chunk; each chunk sees `pad` frames of its
    # neighbours (zeros beyond the file), so the filters are exact at its frames.
    cand_idx, cand_x, cand_avg = [], [], []
    for a in range(0, n, PICK_CHUNK_FRAMES):
        b = min(n, a + PICK_CHUNK_FRAMES)
        m = b - a
        lo, hi = max(0, a - pad), min(n, b + pad)
        xp = np.zeros(m + 2 * pad)
        xp[lo - (a - pad) : hi - (a - pad)] = flux[lo:hi]
        x = xp[pad : pad + m]
        # Local maxima over [i - pre_max, i + post_max], computed with a shifted symmetric filter.
        mx = maximum_filter1d(xp, size=2 * half + 1, mode="constant")[pad : pad + m]
        if pre_max != post_max:  # exact asymmetric window when asked for
            mx = np.max(np.stack([xp[pad + k : pad + k + m] for k in range(-pre_max, post_max + 1)]), axis=0)
        if pre_avg == post_avg:
            avg = uniform_filter1d(xp, size=2 * avg_half + 1, mode="constant")[pad : pad + m]
        else:
            c = np.concatenate([[0.0], np.cumsum(xp)])
            i = np.arange(m) + pad
            avg = (c[i + post_avg + 1] - c[i - pre_avg]) / (pre_avg + post_avg + 1)
        local = np.flatnonzero((x >= mx) & (x > 0))
        cand_idx.append(a + local)
        cand_x.append(x[local])
        cand_avg.append(avg[local])
    idx_all, loud, avg_all = (np.concatenate(v) for v in (cand_idx, cand_x, cand_avg))
    # 24 bytes a candidate (1.6 MB an hour), let go once used: held in pieces and whole to the end, they were
    # 6.5 MB of a 2-hour take's peak
    del cand_idx, cand_x, cand_avg
    ref = float(np.percentile(loud, 95)) if len(loud) else 0.0
    delta = max(delta_abs, delta_rel * ref)
    peaks = idx_all[loud >= avg_all + delta]
    del idx_all, loud, avg_all
    if len(peaks) == 0:
        return empty, np.zeros(0)
    # Velocity: the loudest band level reached just after the onset (vw + 1 frames from about the peak).
    vw = to_frames(params.velocity_window_s)
    win = np.clip((peaks - (vw + 1) // 2 + vw // 2)[:, None] + np.arange(vw + 1), 0, n - 1)
    peak_level = level[win].max(axis=1).astype(np.float64)
    loud_level = float(np.percentile(peak_level, 90))
    keep = (peak_level >= loud_level - gate_db) & (peak_level >= params.min_level_db) & floor_at_start(
        peaks, peak_level, level, loud_level, opening_frames(params.frame_s, params.ref_s, params.lag, fps)) & ~stops_dead(
        peaks, level, env.floor_db, int(np.ceil(params.frame_s / 2 * fps)) + 1)
    peaks, peak_level = peaks[keep], peak_level[keep]
    # Onsets closer than `wait` are one onset: keep the first (the attack).
    wait = to_frames(wait_s)
    chosen = []
    last = -(10**12)
    for p in peaks.tolist():
        if p - last >= wait:
            chosen.append(p)
            last = p
    idx = np.asarray(chosen, np.int64)
    sel = np.isin(peaks, idx)
    peak_level = peak_level[sel]
    # Sub-frame position from a parabola through the peak and its neighbours.
    frac = np.zeros(len(idx))
    inner = (idx > 0) & (idx < n - 1)
    a, b, c = (flux[idx[inner] + k].astype(np.float64) for k in (-1, 0, 1))
    den = a - 2 * b + c
    frac[inner] = np.where(np.abs(den) > 1e-12, 0.5 * (a - c) / np.where(np.abs(den) > 1e-12, den, 1.0), 0.0)
    # An attack out of quiet peaks in the flux as soon as the window's edge is one lag into it, half a
    # window before the note (sharp attacks read 9-12 ms early at every rate); a note rising over a
    # ringing one peaks later. Which it was shows in how far the level still climbs after the peak.
    climb = peak_level - level[idx].astype(np.float64)
    early = np.interp(climb, params.attack_climb_db, (0.0, params.attack_shift_s))
    at_peak = (idx + np.clip(frac, -0.5, 0.5)) / fps
    times = np.clip(at_peak + early - params.latency_s, 0.0, None)
    velocity = level_to_velocity(peak_level)
    onsets = Onsets(times, flux[idx].astype(np.float32), velocity, env.sample_rate, env.channels, env.duration_s)
    return onsets, np.clip(at_peak - params.latency_s, 0.0, None)


# Loudness range mapped onto velocity: 36 dB below the loud onsets is velocity ~0.
VELOCITY_RANGE_DB = 36.0


def level_to_velocity(level_db: np.ndarray) -> np.ndarray:
    """Velocities 0..1 from onset levels (dB): the loud onsets (90th percentile) are 1.

    The synth and most instruments scale amplitude about as velocity squared,
    so velocity is taken as 10^(dB/40) relative to the loud onsets.
    """
    if len(level_db) == 0:
        return np.zeros(0, np.float32)
    ref = float(np.percentile(level_db, 90))
    rel = np.minimum(np.asarray(level_db, np.float64) - ref, 0.0)
    vel = 10 ** (rel / 40.0)
    return np.clip(vel, 1 / 127, 1.0).astype(np.float32)
