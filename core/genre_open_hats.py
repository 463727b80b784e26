"""Hip-hop's and funk's open hi-hat on the "and" of 3, played by rule.

The band network never opens the hi-hat (the held-out freedoom songs, asked for any genre: no open hat on any 16th
of 400 windows' bars), so `--genre hiphop` played the closed 8ths of no genre and of pop. GMD's hip-hop and funk
drummers open it in a third of their bars (hip-hop 34%, funk 44%; train beats), and where they open it once in a
bar it is on the "and" of 3 most often (hip-hop 26% of those bars, the "and" of 4 next at 20%; funk 40% and 21%):
the "and" of 3 is open in 20% of hip-hop's bars and 17% of funk's, closed in 55% and 61%. They play it as an
accent, 1.83 and 1.81 times the bar's median closed hat (hip-hop 314 bars, funk 786), and the foot closes it on the
next beat: a closed hat on the 16th after it in 6% and 15% of them.

So a loop asked for hip-hop or funk (their share of the mix OPEN_HAT_LEADS or more) opens its closed hat on the
"and" of 3 of its second bar, once every two bars (the loops tile a song), at OPEN_HAT_ACCENT times the closed hat
it replaces, and leaves out the closed hat on the 16th after it. Not where the bar opens a hat of its own or its
hats play no "and" of 3 (a ride, or a sparser time). Plain numpy over (N, 32, 9) arrays.
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import CLOSED_HAT, OPEN_HAT

OPEN_HAT_GENRES = [GENRES.index("hiphop"), GENRES.index("funk")]
OPEN_HAT_LEADS = 0.5  # their share of the genre mix asked for from which the hat opens
OPEN_HAT_STEP = 16 + 10  # the "and" of 3 of a loop's second bar
OPEN_HAT_ACCENT = 1.8  # the open hat over the closed hat it replaces (GMD: 1.83 hip-hop, 1.81 funk)


def open_hat_rows(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N,) bool: the loops whose genre mix (N, 9) hip-hop and funk lead (OPEN_HAT_LEADS or more together), of the
    loops `which` (N,) bool only (beats with the hats on); None where there is none."""
    rows = np.asarray(mix)[:, OPEN_HAT_GENRES].sum(1) >= OPEN_HAT_LEADS
    if which is not None:
        rows &= np.asarray(which, bool)
    return rows if rows.any() else None


def open_the_and_of_three(hits: np.ndarray, vel: np.ndarray, off: np.ndarray, rows: np.ndarray | None):
    """(hits, vel, off) (N, 32, 9 each) with the closed hat on OPEN_HAT_STEP opened in the loops `rows` (N,) bool
    (open_hat_rows), at OPEN_HAT_ACCENT times its velocity (at most 1) and on its timing, and the closed hat on the
    16th after it left out; not in a loop whose second bar already opens a hat. The inputs themselves where none
    opens."""
    if rows is None:
        return hits, vel, off
    second_bar = slice(16, 32)
    opening = np.asarray(rows, bool) & hits[:, OPEN_HAT_STEP, CLOSED_HAT] & ~hits[:, second_bar, OPEN_HAT].any(1)
    if not opening.any():
        return hits, vel, off
    hits, vel, off = (np.array(a, copy=True) for a in (hits, vel, off))
    loops = np.flatnonzero(opening)
    hits[loops, OPEN_HAT_STEP, OPEN_HAT] = True
    hits[loops, OPEN_HAT_STEP, CLOSED_HAT] = False
    hits[loops, OPEN_HAT_STEP + 1, CLOSED_HAT] = False
    vel[loops, OPEN_HAT_STEP, OPEN_HAT] = np.minimum(OPEN_HAT_ACCENT * vel[loops, OPEN_HAT_STEP, CLOSED_HAT], 1.0)
    off[loops, OPEN_HAT_STEP, OPEN_HAT] = off[loops, OPEN_HAT_STEP, CLOSED_HAT]
    return hits, vel, off
