"""A live player's feel: how late their 16ths' "e"s and "a"s steadily sit behind their beats and 8ths (lazy 16ths),
which the clock's follower (live_clock.py) takes as feel, not as its phase: the beats and 8ths carry the phase.

A part playing mostly swung 16ths (the "e"s and "a"s 0.04 beat late at 95 BPM) pulled the clock's phase toward them:
the drums played 13-26 ms behind the player's beats, where drumify's are on them."""

from __future__ import annotations

import numpy as np


class Feel:
    """How late, on average, the player's notes on each 16th between the 8ths (the "e", the "a") sit off the clock,
    beyond where their notes on the beats and 8ths sit off it: the follower takes that much off those notes' phase
    error, so only a change of it moves the clock. Measured against the beats' and 8ths' (not the clock's line),
    a player breathing around their tempo, the clock behind them alike on every note, is no feel."""

    KEEP = 0.8  # of what a place heard kept at each note there (a bar of swung 16ths: settled within a bar)
    SURE = 3.0  # notes at a place (their weight) before its feel counts fully (a few, early on, say little)
    LEAST = 0.015  # beats: later than the beats and 8ths by this much or less is no feel (by twice as much, all of it)
    MOST = 0.07  # beats: at most this late (62% swing is 0.06; a triplet swing is read as triplets)

    def __init__(self):
        # per 16th of the beat (0 and 2: the beat and the 8th, as one): beats x weight off the clock, and the
        # weight heard there, both decayed alike (off / weight is the mean)
        self.off = np.zeros(4)
        self.weight = np.zeros(4)

    def heard(self, at: float, off: float, conf: float) -> float:
        """A note followed on subdivision `at` (the clock's beats), sitting `off` beats from it (+ late), counting
        `conf`: the phase error it says (its off, less how much later than the beats and 8ths that 16th is)."""
        x = at * 4
        if abs(x - round(x)) > 1e-6:  # a triplet: the phase
            return off
        place = int(round(x)) % 4
        place = place if place in (1, 3) else 0  # the "e", the "a"; 0: the beats and 8ths
        self.off[place] = self.off[place] * self.KEEP + off * conf
        self.weight[place] = self.weight[place] * self.KEEP + conf
        if place == 0 or not self.weight[[0, 1, 3]].all():
            return off
        # swing puts both late alike; one alone later is a riff's note after a long gap (the clock a little off the
        # player's tempo is further off there), or a pickup dragged onto the beat
        late = min(min(self.off[p] / self.weight[p] for p in (1, 3)) - self.off[0] / self.weight[0], self.MOST)
        sure = min(*(self.weight[[0, 1, 3]] / self.SURE), (late - self.LEAST) / self.LEAST, 1.0)
        return off - late * sure if sure > 0 else off
