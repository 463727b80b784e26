"""Drummers' idioms that the training music does not hold, played by rule.

Neither GMD (drums alone) nor the band songs (freedoom's and openmsx's rock, metal and game music: no window of
either has a bass on the off-beats alone) teach the network what a drummer does against a house or disco bass
line, which plays the "and" of every beat: the network follows the bass, as it learned to, and put the kick on
the off-beats with it. A drummer plays four on the floor against it, the kick and the bass taking turns.
Plain numpy over hits (N, 32, 9).
"""

from __future__ import annotations

import numpy as np

from .limbs import KICK
from .loop import N_VOICES

BEATS = np.zeros(16, bool)
BEATS[0::4] = True
MIN_OFF_BEAT_NOTES = 3  # of a bar's four off-beat 8ths, with nothing on its beats and at most one 16th elsewhere


def off_beat_bass_bars(bass_hits: np.ndarray) -> np.ndarray:
    """(N, 2) bool: the bars of loops whose bass groove (bass_hits (N, 32), 1 = an onset) plays off the beat
    alone: at least MIN_OFF_BEAT_NOTES of the off-beat 8ths, no beat, at most one other 16th."""
    bars = np.asarray(bass_hits).reshape(len(bass_hits), 2, 16) > 0
    off = np.add.reduce(bars[..., 2::4], -1)  # strided views: this runs on every generation
    if off.max(initial=0) < MIN_OFF_BEAT_NOTES:  # nearly every bass line: its beats need not be looked at
        return np.zeros(off.shape, bool)
    on_beats, others = np.add.reduce(bars[..., 0::4], -1), np.add.reduce(bars, -1) - off
    return (on_beats == 0) & (off >= MIN_OFF_BEAT_NOTES) & (others <= 1)


def four_on_the_floor(hits: np.ndarray, bass_hits: np.ndarray | None, which: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) with the kick on every beat, and off the bass's off-beat 8ths, in each bar whose bass
    plays off the beat alone (off_beat_bass_bars). which (N,) bool: only these loops (beats, not fills, with
    the kick switched on). A new array where a bar changes, else hits itself."""
    if bass_hits is None:
        return hits
    bars = off_beat_bass_bars(bass_hits)
    if which is not None:
        bars &= np.asarray(which, bool)[:, None]
    if not bars.any():
        return hits
    out = np.array(hits, bool, copy=True).reshape(len(hits), 2, 16, N_VOICES)
    bass = np.asarray(bass_hits).reshape(len(hits), 2, 16) > 0
    kick = out[..., KICK]
    kick[:] = np.where(bars[..., None], (kick & ~bass) | BEATS, kick)
    return out.reshape(hits.shape)
