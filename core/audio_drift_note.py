"""A drifting take's tempo map said: its tempos, and what a given --bpm does to the take (core/audio_drift.py makes
the map)."""

from __future__ import annotations

import numpy as np

MIN_STRAY_S = 0.03  # a given --bpm this far off a drifting take's beats somewhere is said (audio.read_audio)


def map_tempos(knot_t: np.ndarray, knot_b: np.ndarray) -> list[tuple[float, float]]:
    """(beat, bpm) tempo changes of a piecewise-steady map."""
    bpm = 60.0 * np.diff(knot_b) / np.maximum(np.diff(knot_t), 1e-9)
    return [(float(b), float(t)) for b, t in zip(knot_b[:-1], bpm)]


def steady_drift_note(knot_t: np.ndarray, knot_b: np.ndarray, times: np.ndarray, bpm: float, start_s: float) -> str | None:
    """What a given --bpm does to a take that drifts (the map `drift_map` found): the drums keep its one tempo, so
    they stray from the take's beats; said with how far, or None where the map is at another tempo level than
    `bpm` (the producer's level, which the map cannot be set against) or strays less than MIN_STRAY_S."""
    tempos = [t for _, t in map_tempos(knot_t, knot_b)]
    if not 0.85 < float(np.median(tempos)) / bpm < 1.18:
        return None
    times = np.asarray(times, np.float64)
    followed = np.interp(times, knot_t, knot_b) - float(np.interp(start_s, knot_t, knot_b))
    steady = (times - start_s) * bpm / 60.0
    stray = float(np.max(np.abs(followed - steady))) * 60.0 / bpm  # seconds, at the take's notes
    if stray < MIN_STRAY_S:
        return None
    return (f"the take's beats drift off --bpm {bpm:g} (followed, they run {min(tempos):.1f} to {max(tempos):.1f} BPM): the "
            f"drums keep that one steady tempo and stray up to {stray * 1000:.0f} ms from them; without --bpm they follow the take")


__all__ = ["map_tempos", "steady_drift_note"]
