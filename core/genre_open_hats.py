"""Hip-hop's and funk's open hi-hat on the "and" of 3, laid the way GMD's drummers lay it over a song.

The band network never opens the hi-hat (the held-out freedoom songs, asked for any genre: no open hat on any 16th
of 400 windows' bars), so `--genre hiphop` played the closed 8ths of no genre and of pop. GMD's hip-hop and funk
drummers open it in a third of their bars (hip-hop 34%, funk 44%; train beats), and where they open it once in a
bar it is on the "and" of 3 most often (hip-hop 26% of those bars, the "and" of 4 next at 20%; funk 40% and 21%):
the "and" of 3 is open in 20% of hip-hop's bars and 17% of funk's, closed in 55% and 61%. They play it as an
accent, 1.83 and 1.81 times the bar's median closed hat (hip-hop 314 bars, funk 786), as loud as the bar's loudest
backbeat in the median (at or under it in 80% and 87% of them), and the foot closes it on the next beat: a closed
hat on the 16th after it in 6% and 15% of them.

Not every second bar, as a loop repeated: their songs differ (of 71 train songs of 8+ bars, 38% never open it there,
half open it in at most 6% of their bars, a tenth in 66% or more), and where a drummer opens it he keeps it up for a
few bars and lets it go at a phrase's turn. Bar by bar, with the bar before it (GMD train, hip-hop 1035 bars and funk
2358, by the bar's place in a 4-bar phrase): open after an open bar 36-42% on a phrase's first bar, 62-80% on its
second, 74-80% on its third, 37-54% on its last; after a closed bar 4-13% anywhere. So each bar of a song's loops
asked for hip-hop or funk (their share of the mix OPEN_HAT_LEADS or more) opens its closed hat on the "and" of 3 with
KEEP_OPEN or START_OPEN of its place in the phrase (the loops in song order, 2 bars each, the first at a phrase's
start), drawn from the loop's own hits and place (the same loops, the same bars: a seed's take is repeatable), about
a fifth of the bars over a song (`open_bar_share`), and leaves out the closed hat on the 16th after it; once the
dynamics have shaped the loop, the open hat plays OPEN_HAT_ACCENT times the loop's median closed hat, at most its
bar's backbeat (`open_hat_level`). Not in a bar that opens a hat of its own or whose hats play no "and" of 3 (a
ride, or a sparser time); such a loop, or one not asked for, ends the run. Plain numpy over (N, 32, 9) and
(N, 32, 27) arrays.
"""

from __future__ import annotations

import hashlib

import numpy as np

from .genres import GENRES
from .limbs import CLOSED_HAT, OPEN_HAT, SNARE
from .loop import N_VOICES

OPEN_HAT_GENRES = [GENRES.index("hiphop"), GENRES.index("funk")]
OPEN_HAT_LEADS = 0.5  # their share of the genre mix asked for from which the hat opens
AND_OF_THREE = 10  # the "and" of 3 of a bar's 16ths
OPEN_HAT_STEPS = [AND_OF_THREE, 16 + AND_OF_THREE]  # in a loop's first and second bar
OPEN_HAT_ACCENT = 1.8  # the open hat over the loop's median closed hat (GMD: 1.83 hip-hop, 1.81 funk)
BACKBEAT_STEPS = [4, 12]  # beats 2 and 4 of a bar's 16ths
PHRASE_BARS = 4
# the chance a bar opens it, by its place in a 4-bar phrase: after a bar that opened it, after one that did not
# (GMD train, hip-hop and funk together, rounded)
KEEP_OPEN = np.array([0.4, 0.7, 0.75, 0.45])
START_OPEN = np.array([0.1, 0.1, 0.08, 0.1])


def open_bar_share() -> float:
    """The share of a long song's bars the rule opens (the chain's steady state over a phrase): about GMD's 17-20%."""
    p = np.zeros((2,))
    p[0] = 1.0  # (closed, open) before the song
    shares = []
    for _ in range(64):
        for bar in range(PHRASE_BARS):
            opened = p[0] * START_OPEN[bar] + p[1] * KEEP_OPEN[bar]
            p = np.array([1 - opened, opened])
            shares.append(opened)
    return float(np.mean(shares[-PHRASE_BARS * 16:]))


def open_hat_rows(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N,) bool: the loops whose genre mix (N, 9) hip-hop and funk lead (OPEN_HAT_LEADS or more together), of the
    loops `which` (N,) bool only (beats with the hats on); None where there is none."""
    rows = np.asarray(mix)[:, OPEN_HAT_GENRES].sum(1) >= OPEN_HAT_LEADS
    if which is not None:
        rows &= np.asarray(which, bool)
    return rows if rows.any() else None


def _draws(hits: np.ndarray, row: int) -> np.ndarray:
    """Two numbers in [0, 1), one per bar, fixed by the loop's hits and its place: a take played again opens the same
    bars, another take (or a loop of another song) others."""
    digest = hashlib.blake2b(np.ascontiguousarray(hits[row]).tobytes() + row.to_bytes(8, "little"), digest_size=8)
    return np.frombuffer(digest.digest(), np.uint32) / 2.0**32


def opened_bars(hits: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """(N, 2) bool: the bars of the loops `rows` (N,) bool whose hat opens on the "and" of 3, a bar at a time over the
    loops in song order (KEEP_OPEN after an opened bar, START_OPEN after a closed one, by the bar's place in its
    phrase); a bar that opens a hat of its own or plays no closed hat on the "and" of 3 stays as it is and ends the
    run, as does a loop not in `rows`."""
    opening = np.zeros((len(hits), 2), bool)
    was_open = False
    for i in range(len(hits)):
        if not rows[i]:
            was_open = False
            continue
        draws = _draws(hits, i)
        for k, step in enumerate(OPEN_HAT_STEPS):
            bar = slice(16 * k, 16 * k + 16)
            if not hits[i, step, CLOSED_HAT] or hits[i, bar, OPEN_HAT].any():
                was_open = False
                continue
            place = (2 * i + k) % PHRASE_BARS
            chance = KEEP_OPEN[place] if was_open else START_OPEN[place]
            opening[i, k] = was_open = bool(draws[k] < chance)
    return opening


def open_the_and_of_three(hits: np.ndarray, vel: np.ndarray, off: np.ndarray, rows: np.ndarray | None):
    """(hits, vel, off, opened): hits, vel, off (N, 32, 9 each) with the closed hat on the "and" of 3 opened in the
    bars `opened_bars` picks of the loops `rows` (N,) bool (open_hat_rows), at the closed hat's velocity and timing
    (its accent comes once the dynamics are done: `open_hat_level`), and the closed hat on the 16th after it left
    out. opened: (N, 2) bool, the bars opened, or None (with the inputs themselves) where none is."""
    if rows is None:
        return hits, vel, off, None
    opening = opened_bars(np.asarray(hits, bool), np.asarray(rows, bool))
    if not opening.any():
        return hits, vel, off, None
    hits, vel, off = (np.array(a, copy=True) for a in (hits, vel, off))
    for k, step in enumerate(OPEN_HAT_STEPS):
        loops = np.flatnonzero(opening[:, k])
        hits[loops, step, OPEN_HAT] = True
        hits[loops, step, CLOSED_HAT] = False
        hits[loops, step + 1, CLOSED_HAT] = False
        vel[loops, step, OPEN_HAT] = vel[loops, step, CLOSED_HAT]
        off[loops, step, OPEN_HAT] = off[loops, step, CLOSED_HAT]
    return hits, vel, off, opening


def open_hat_level(loops: np.ndarray, opened: np.ndarray) -> np.ndarray:
    """Loops (N, 32, 27), their dynamics done, with the open hat on the "and" of 3 of the bars `opened` (N, 2) bool
    (open_the_and_of_three) at OPEN_HAT_ACCENT times the loop's median closed hat, at most its bar's loudest backbeat
    (its loudest snare where it has none, a full hit where it has no snare); a loop without closed hats keeps its
    level. A new array."""
    out = np.array(loops, np.float32, copy=True)
    hit = out[..., :N_VOICES] > 0.5
    opened = np.asarray(opened, bool).reshape(len(out), -1)
    for i, k in zip(*np.nonzero(opened)):
        step = OPEN_HAT_STEPS[k]
        closed = hit[i, :, CLOSED_HAT]
        if not hit[i, step, OPEN_HAT] or not closed.any():
            continue
        bar = slice(16 * k, 16 * k + 16)
        snare = np.where(hit[i, bar, SNARE], out[i, bar, N_VOICES + SNARE], 0.0)
        backbeat = float(snare[BACKBEAT_STEPS].max())  # (the open hat's bar)
        loudest = backbeat if backbeat > 0 else (snare.max() if snare.any() else 1.0)
        level = OPEN_HAT_ACCENT * float(np.median(out[i, closed, N_VOICES + CLOSED_HAT]))
        out[i, step, N_VOICES + OPEN_HAT] = min(level, loudest, 1.0)
    return out
