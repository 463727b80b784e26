"""A live take's grooves as drumify's take holds a part's windows: as played through. A loop made at a session's
start reads a window whose bars the player has not all played yet (a bar not reached is empty, or holds the first
bar as a guess: live_refill.first_bar_held), and the take kept that groove for its next four loops, where drumify's
take holds the window as played: at 90 BPM an off-beat bass's bars 4 and 6 lost drumify's kick on the 1's "and".
Only the start's loops are taken so, each known by its place in the take: a rock beat on pads with a tom on each beat
of bar 4 had that fill copied into every window of the beat's groove, and bar 6 lost its kick on the 3's "and" and
played quarter-note hats."""

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


class _StartLoops:
    """The loops made at a session's start (from the player's first note `entered`), each (place in the take counted
    from the newest, its groove's bytes, its steps unplayed when made); `newest`: the last loop's newest groove."""

    def __init__(self, entered: float | None):
        self.entered, self.loops, self.newest = entered, [], None


def take_as_played(session, grooves: np.ndarray) -> np.ndarray:
    """`grooves` ((n, 32, columns): a LiveSession's take, the last the new loop's) with each start loop's steps not yet
    played when it was made taken from the last, as played since; the last's own such steps are remembered (the
    session's start only: from its first note until two bars are in, live.py's `_settled`)."""
    kept = getattr(session, "_take_unheard", None)
    if kept is None or kept.entered != session._entered:  # a new start forgets the last one's
        kept = session._take_unheard = _StartLoops(session._entered)
    # Each start loop is known by its place in the take as well as its groove: by its groove alone, a steady beat's
    # every later window stood for it, and a fill at bar 4 was copied into each as if played there.
    newest, n = grooves[-1].tobytes(), len(grooves)
    moved = _moved(grooves, kept.newest)
    kept.newest = newest
    kept.loops = [(place + moved, groove, steps) for place, groove, steps in kept.loops
                  if 0 < place + moved < n or place + moved == 0 and groove == newest]
    # (the start only: a transport jumping back before the first note is no bar unplayed; a silent session's loop
    # of old grooves keeps what was recorded of them)
    unheard = None if session._settled else unheard_steps(session)
    if unheard is not None and unheard.any() and not any(place == 0 for place, _, _ in kept.loops):
        kept.loops.append((0, newest, unheard))
    if n < 2 or not kept.loops:
        return grooves
    out = grooves.copy()
    for place, groove, steps in kept.loops:
        if place > 0 and grooves[n - 1 - place].tobytes() == groove:  # (a take made anew holds other grooves there)
            out[n - 1 - place][steps] = grooves[-1][steps]
    return out


def _moved(grooves: np.ndarray, last: bytes | None) -> int:
    """How many places the take moved since the last loop's, whose newest groove was `last`: one where it is the
    groove before the newest (a loop made as the player plays adds one); none where it is the newest still (made
    while they rest, or silence's plain loop: the same take again) or not in the take."""
    return int(len(grooves) > 1 and grooves[-2].tobytes() == last)


__all__ = ["take_as_played", "unheard_steps"]
