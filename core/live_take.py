"""A live take's grooves as drumify's take holds a part's windows: as played through. A loop made at a session's
start reads a window whose bars the player has not all played yet (a bar not reached is empty, or holds the first
bar as a guess: live_refill.first_bar_held), and the take kept that groove for its next four loops, where drumify's
take holds the window as played: at 90 BPM an off-beat bass's bars 4 and 6 lost drumify's kick on the 1's "and"."""

from __future__ import annotations

import numpy as np

from .loop import STEPS_PER_BEAT


def unheard_steps(session) -> np.ndarray | None:
    """(32,) bool: the steps of the window's buffer the clock has not passed over since the player's first note (a
    note a hair early on its step counts); None before the first note."""
    if session._entered is None:
        return None
    n = session._window_steps()
    at = int(np.floor((session.now - session.origin) * STEPS_PER_BEAT - 0.5))  # (the step being played: not heard)
    steps = np.arange(len(session.strength))
    last = steps + np.floor((at - steps) / n) * n  # where each step was last passed over
    return (steps < n) & (last < (session._entered - session.origin) * STEPS_PER_BEAT - 0.5)


def take_as_played(session, grooves: np.ndarray) -> np.ndarray:
    """`grooves` ((n, 32, columns): a LiveSession's take, the last the new loop's) with each earlier groove's steps
    not yet played when its loop was made taken from the last, as played since; the last's own such steps are
    remembered (the session's start only: from its first note until two bars are in, live.py's `_settled`)."""
    kept = getattr(session, "_take_unheard", None)
    if kept is None or kept[0] != session._entered:  # a new start forgets the last one's
        kept = session._take_unheard = (session._entered, {})
    # (the start only: a transport jumping back before the first note is no bar unplayed; a silent session's loop
    # of old grooves keeps what was recorded of them)
    unheard = None if session._settled else unheard_steps(session)
    if unheard is not None and unheard.any():
        kept[1].setdefault(grooves[-1].tobytes(), unheard)
    if len(grooves) < 2 or not kept[1]:
        return grooves
    out = grooves.copy()
    for i in range(len(out) - 1):
        steps = kept[1].get(out[i].tobytes())
        if steps is not None:
            out[i][steps] = out[-1][steps]
    return out


__all__ = ["take_as_played", "unheard_steps"]
