"""Hip-hop's and funk's open hi-hat on the "and" of 3, played by rule.

The band network never opens the hi-hat (the held-out freedoom songs, asked for any genre: no open hat on any 16th
of 400 windows' bars), so `--genre hiphop` played the closed 8ths of no genre and of pop. GMD's hip-hop and funk
drummers open it in a third of their bars (hip-hop 34%, funk 44%; train beats), and where they open it once in a
bar it is on the "and" of 3 most often (hip-hop 26% of those bars, the "and" of 4 next at 20%; funk 40% and 21%):
the "and" of 3 is open in 20% of hip-hop's bars and 17% of funk's, closed in 55% and 61%. They play it as an
accent, 1.83 and 1.81 times the bar's median closed hat (hip-hop 314 bars, funk 786), as loud as the bar's loudest
backbeat in the median (at or under it in 80% and 87% of them), and the foot closes it on the next beat: a closed
hat on the 16th after it in 6% and 15% of them.

So a loop asked for hip-hop or funk (their share of the mix OPEN_HAT_LEADS or more) opens its closed hat on the
"and" of 3 of its second bar, once every two bars (the loops tile a song), and leaves out the closed hat on the 16th
after it; once the dynamics have shaped the loop, the open hat plays OPEN_HAT_ACCENT times the loop's median closed
hat, at most the bar's backbeat (`open_hat_level`: 1.8 times the hat it replaced had played 127 over the bundled
funk bass, above the backbeat's 122). Not where the bar opens a hat of its own or its hats play no "and" of 3 (a
ride, or a sparser time). Plain numpy over (N, 32, 9) and (N, 32, 27) arrays.
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import CLOSED_HAT, OPEN_HAT, SNARE
from .loop import N_VOICES

OPEN_HAT_GENRES = [GENRES.index("hiphop"), GENRES.index("funk")]
OPEN_HAT_LEADS = 0.5  # their share of the genre mix asked for from which the hat opens
OPEN_HAT_STEP = 16 + 10  # the "and" of 3 of a loop's second bar
OPEN_HAT_ACCENT = 1.8  # the open hat over the loop's median closed hat (GMD: 1.83 hip-hop, 1.81 funk)
BACKBEAT_STEPS = [4, 12]  # beats 2 and 4 of a bar's 16ths


def open_hat_rows(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N,) bool: the loops whose genre mix (N, 9) hip-hop and funk lead (OPEN_HAT_LEADS or more together), of the
    loops `which` (N,) bool only (beats with the hats on); None where there is none."""
    rows = np.asarray(mix)[:, OPEN_HAT_GENRES].sum(1) >= OPEN_HAT_LEADS
    if which is not None:
        rows &= np.asarray(which, bool)
    return rows if rows.any() else None


def open_the_and_of_three(hits: np.ndarray, vel: np.ndarray, off: np.ndarray, rows: np.ndarray | None):
    """(hits, vel, off, opened): hits, vel, off (N, 32, 9 each) with the closed hat on OPEN_HAT_STEP opened in the
    loops `rows` (N,) bool (open_hat_rows), at the closed hat's velocity and timing (its accent comes once the
    dynamics are done: `open_hat_level`), and the closed hat on the 16th after it left out; not in a loop whose second
    bar already opens a hat. opened: (N,) bool, the loops opened, or None (with the inputs themselves) where none is."""
    if rows is None:
        return hits, vel, off, None
    second_bar = slice(16, 32)
    opening = np.asarray(rows, bool) & hits[:, OPEN_HAT_STEP, CLOSED_HAT] & ~hits[:, second_bar, OPEN_HAT].any(1)
    if not opening.any():
        return hits, vel, off, None
    hits, vel, off = (np.array(a, copy=True) for a in (hits, vel, off))
    loops = np.flatnonzero(opening)
    hits[loops, OPEN_HAT_STEP, OPEN_HAT] = True
    hits[loops, OPEN_HAT_STEP, CLOSED_HAT] = False
    hits[loops, OPEN_HAT_STEP + 1, CLOSED_HAT] = False
    vel[loops, OPEN_HAT_STEP, OPEN_HAT] = vel[loops, OPEN_HAT_STEP, CLOSED_HAT]
    off[loops, OPEN_HAT_STEP, OPEN_HAT] = off[loops, OPEN_HAT_STEP, CLOSED_HAT]
    return hits, vel, off, opening


def open_hat_level(loops: np.ndarray, opened: np.ndarray) -> np.ndarray:
    """Loops (N, 32, 27), their dynamics done, with the open hat on OPEN_HAT_STEP of the loops `opened` (N,) bool
    (open_the_and_of_three) at OPEN_HAT_ACCENT times the loop's median closed hat, at most its bar's loudest backbeat
    (its loudest snare where it has none, a full hit where it has no snare); a loop without closed hats keeps its
    level. A new array."""
    out = np.array(loops, np.float32, copy=True)
    hit = out[..., :N_VOICES] > 0.5
    for i in np.flatnonzero(np.asarray(opened, bool) & hit[:, OPEN_HAT_STEP, OPEN_HAT]):
        closed = hit[i, :, CLOSED_HAT]
        if not closed.any():
            continue
        snare = np.where(hit[i, 16:, SNARE], out[i, 16:, N_VOICES + SNARE], 0.0)
        backbeat = float(snare[BACKBEAT_STEPS].max())  # (the open hat's bar, the loop's second)
        loudest = backbeat if backbeat > 0 else (snare.max() if snare.any() else 1.0)
        level = OPEN_HAT_ACCENT * float(np.median(out[i, closed, N_VOICES + CLOSED_HAT]))
        out[i, OPEN_HAT_STEP, N_VOICES + OPEN_HAT] = min(level, loudest, 1.0)
    return out
