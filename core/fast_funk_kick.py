"""Funk's kick at a fast tempo: on the bass's notes, not on a 16th the bass leaves alone.

Asked for funk, the band network plays its funk drummers' kick, "x--x ---- x--- ----" (the "a" of 1 and of 3 with
the downbeats), whatever the bass plays: over freedoom e3m9's bass at 200 BPM (quarters and 8th pickups) 56% of
the kicks fell on a bass note, 86% with no genre (over funk_bass.mid, whose bass plays those 16ths, all of them).
GMD's funk drummers play only below 120 BPM (all 31 of their train beats), and 40% of their kicks on a 16th off the
8ths; GMD's drummers of any style from 150 BPM play 15-21% there (32% below 120). From hand_speed.FAST_BPM, with
funk in the mix, a kick on a 16th off the 8ths stays only where the bass plays one there (the bass's push); the
kick's other notes are the network's. Below FAST_BPM, or with no bass part known, nothing changes.

Under `--feel half` a loop is laid at half speed: its 16ths are the song's 8ths, so the tempo compared is half the
song's (at 200 BPM the rule had taken e3m9's kick off the "and" of 2, a real 8th, in every second bar).
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .hand_speed import FAST_BPM
from .limbs import KICK

FUNK = GENRES.index("funk")
OFF_EIGHTHS = np.arange(32) % 2 == 1  # the "e" and "a" of each beat of a 2-bar loop


def fast_funk_rows(mix: np.ndarray, bpm, bass_hits: np.ndarray, four_four: np.ndarray | None = None,
                   plain: np.ndarray | None = None) -> np.ndarray:
    """(N,) bool: the loops with funk in their mix (N, 9), their 16ths at FAST_BPM or faster (bpm: the song's (N,)
    or None, unknown: none; halved on loops of `four_four` (N,) bool not `plain` (N,) bool: half time's, laid at half
    speed, Conditioning's), over a bass part that plays (bass_hits (N, 32) bool)."""
    if bpm is None:
        return np.zeros(len(mix), bool)
    tempo = np.asarray(bpm, np.float32)
    if plain is not None:
        half = ~np.asarray(plain, bool) & (True if four_four is None else np.asarray(four_four, bool))
        tempo = np.where(half, tempo / 2, tempo)
    return (np.asarray(mix)[:, FUNK] > 0) & (tempo >= FAST_BPM) & np.asarray(bass_hits).any(1)


def kick_on_the_bass(score: np.ndarray, bass_hits: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Scores (N, 32, 9) with the kick cells of loops `rows` (N,) bool at -inf on the 16ths off the 8ths where the
    bass (bass_hits (N, 32) bool) plays no note. A new array where a row changes, else score itself."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return score
    out = np.array(score, np.float32, copy=True)
    off_bass = rows[:, None] & OFF_EIGHTHS[None, :] & ~np.asarray(bass_hits, bool)
    out[..., KICK] = np.where(off_bass, -np.inf, out[..., KICK])
    return out


__all__ = ["fast_funk_rows", "kick_on_the_bass"]
