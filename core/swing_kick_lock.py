"""A swing asked over a straight part keeps the kick on the part's notes it doubles (the hands swing).

Asked to swing (`--swing`, swing_asked.py), the drums' loops were played swung whole: over a straight funk bass at
58%, 44 of its 56 kicks left the bass notes they had doubled (a 16th's third late on the "and", a sixth on the "e"
and "a"), the kick and the bass flamming wherever they played together. A drummer asked to swing over a straight
bass line swings the hands (hats, ride, ghost snares) and keeps the kick locked with the bass where they play
together: so a kick on a step where the part heard (straight, as the model heard it) plays a note is played where
that note is, and every other hit swings as asked: over a straight part where it was before the swing, over a swung
one at the part's own swing (a shuffle asked for 75%: its kicks with its 8ths at 67%, its hats at 75%). Half time's
swing, played on the song's bars, keeps them there too (half_time_swing.heard_on_bars).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .loop import N_VOICES, VOICES

KICK = VOICES.index("kick")
_KICK_COLUMNS = [KICK, N_VOICES + KICK, 2 * N_VOICES + KICK]  # its hit, velocity and offset


def kicks_on_part(loops: np.ndarray, heard: np.ndarray) -> np.ndarray:
    """(N, 32) bool: the loops' (N, 32, 27) kicks on a step where the part heard ((N, 32) bool onsets) plays."""
    return (np.asarray(loops)[..., KICK] > 0.5) & np.asarray(heard, bool)


def kick_locked(loops: np.ndarray, heard: np.ndarray | None, swung: Callable[[np.ndarray], np.ndarray],
                own: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """Loops (N, 32, 27) played by `swung` (the swing asked: swing.swing_loops) with their kicks doubling the part's
    notes (heard: (N, 32) bool, the part's onsets on the loops' steps, straight as the model heard them; None, or
    other rows: none) played by `own` instead (the part's own swing, so each lands on the note it doubles; None: a
    straight part's, where they were): taken out before the swing (so it moves no other hit onto them or them onto
    another's step) and laid back after it. A new array."""
    loops = np.asarray(loops, np.float32)
    if heard is None or np.shape(heard) != loops.shape[:2]:
        return swung(loops)
    kept = kicks_on_part(loops, heard)
    if not kept.any():
        return swung(loops)
    rest, kicks = loops.copy(), np.zeros_like(loops)
    for column in _KICK_COLUMNS:
        kicks[..., column][kept] = loops[..., column][kept]
        rest[..., column][kept] = 0.0
    out = swung(rest)
    if own is not None:
        kicks = own(kicks)
    on = kicks[..., KICK] > 0.5
    for column in _KICK_COLUMNS:
        out[..., column][on] = kicks[..., column][on]
    return out


__all__ = ["kick_locked", "kicks_on_part"]
