"""Cues a live drummer takes from the player: a new feel or a new level starts a new take (live.py's take of
the last few grooves would hold the old one for bars), and a player who has stopped ends the drums.

A drummer keeps time while the player rests (a break, a few bars' wait), so the drums play on through the
silence; after `stop_after` whole bars with nothing played the player has stopped, and the drums end on the
next bar line with a hit (kick and crash, as on a band's dead stop) instead of playing on until Ctrl-C. They
come in again, on a bar line with a crash, when the player plays again.
"""

from __future__ import annotations

import numpy as np

from .fills import end_on_hit
from .loop import HVO_WIDTH, STEPS, STEPS_PER_BEAT
from .sections import LEVEL_JUMP
from .settings import Settings
from .swing import MIN_SWUNG, swing_of

STOP_AFTER = 8  # whole bars of silence after which a player on MIDI ports has stopped (reagroove live's default)


def feel(groove: np.ndarray) -> str | None:
    """'swung' or 'straight' where a groove's off-beat 8ths say so (swing.swing_of), None where too few say."""
    if swing_of(groove) is not None:
        return "swung"
    hit = groove[:, 0] > 0.5
    return "straight" if int((hit & (np.arange(STEPS) % STEPS_PER_BEAT == 2)).sum()) >= MIN_SWUNG else None


def feel_changed(before: np.ndarray, now: np.ndarray) -> bool:
    """The player went from straight 8ths to a shuffle or back (both grooves clearly one or the other)."""
    a, b = feel(before), feel(now)
    return a is not None and b is not None and a != b


def level_changed(take, now: np.ndarray) -> bool:
    """The player's level (the mean velocity of a groove's notes) moved by LEVEL_JUMP or more from the take's:
    a drummer plays the new dynamic from the next bar (the take's dynamics had needed 5 bars to follow)."""
    def level(g):
        hit = g[:, 0] > 0.5
        return float(g[hit, 1].mean()) if hit.any() else None
    before, after = [level(g) for g in take], level(now)
    before = [b for b in before if b is not None]
    return after is not None and bool(before) and abs(after - float(np.mean(before))) >= LEVEL_JUMP


def player_stopped(last_note: float, line: float, origin: float, beats_per_bar: float,
                   stop_after: int | None) -> bool:
    """The bar line `line` comes `stop_after` whole bars after the bar of the player's last note (beats from
    the session's start; bars counted from `origin`): the drums end there. None: they never do."""
    if stop_after is None or not np.isfinite(last_note):
        return False
    bar_end = origin + np.ceil((last_note - origin) / beats_per_bar + 1e-9) * beats_per_bar
    return line >= bar_end + stop_after * beats_per_bar - 1e-9


def ending_loop(playing: np.ndarray | None, step: int, settings: Settings) -> np.ndarray:
    """The loop that ends the drums: the one playing (None: none) up to `step` (the bar line's), a kick and a
    crash on it as on a band's dead stop (fills.end_on_hit, at the loop's level), nothing after."""
    loops = np.zeros((1, STEPS, HVO_WIDTH), np.float32) if playing is None else np.array(playing, np.float32)[None]
    end_on_hit(loops, 0, step, settings.voice_groups, accent=settings.humanize)
    return loops[0]
