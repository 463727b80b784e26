"""Phrases counted again after a 2-bar insert, for parts joining or leaving in one-bar windows (5/4, 12/8, 7/4).

sections.layer_sections hears parts joining or leaving only on one of the song's 4-bar phrases (counted from bar 1,
the first phrase, a comeback), in 4/4 as in odd meters: off the phrase a 12/8 blues' horns joining in bar 7 and
leaving in bar 15 had got a fill and a crash each, where the same music in 4/4 got none. A song's phrases can
move, though: freedoom's 5/4 d_e2m4 plays two bars of 7 parts (13-14, and 43-44) between 4-bar blocks, and from
there its blocks change on bars 15, 19, 23, 31 and 35, off bar 1's phrases by two; its drummer crashes 19, 23 and
31. A run of exactly INSERT_BARS bars of one part count between others, followed by a run of a whole phrase or
more, starts the phrases again where that run starts (d_e2m4: 15 and 45). The 12/8 blues has none.
"""

from __future__ import annotations

import numpy as np

INSERT_BARS = 2  # an insert: this many bars of one part count, between two others
PHRASE_BARS = 4  # the run after it, this long or longer, plays on its own phrases


def insert_restarts(parts, bars) -> list[int]:
    """The bars a song's 4-bar phrases count from again after an insert (see the module), from its part counts per
    one-bar window (parts: (W,) counts, bars: each window's first bar); windows of other spans are left out."""
    parts, bars = np.asarray(parts, np.int64), np.asarray(bars, np.int64)
    runs: list[list[int]] = []  # [first bar, bars, count] of runs of one count over consecutive one-bar windows
    for w in range(len(bars)):
        one_bar = w + 1 < len(bars) and bars[w + 1] - bars[w] == 1 or w and bars[w] - bars[w - 1] == 1
        if not one_bar:
            runs.append([int(bars[w]), 0, -1])  # (a break in the one-bar windows: no run goes over it)
        elif runs and runs[-1][2] == parts[w] and runs[-1][0] + runs[-1][1] == bars[w]:
            runs[-1][1] += 1
        else:
            runs.append([int(bars[w]), 1, int(parts[w])])
    return [nxt[0] for prev, ins, nxt in zip(runs, runs[1:], runs[2:])
            if ins[1] == INSERT_BARS and min(prev[2], ins[2], nxt[2]) >= 0 and nxt[1] >= PHRASE_BARS]


def on_restarted_phrase(bar: int, restarts) -> bool:
    """Whether `bar` starts a 4-bar phrase counted from the latest of `restarts` at or before it."""
    since = [r for r in restarts if r <= bar]
    return bool(since) and (bar - max(since)) % PHRASE_BARS == 0


__all__ = ["insert_restarts", "on_restarted_phrase", "INSERT_BARS"]
