"""A genre's snare in 5/4, 7/4 and 7/8 bars as its drummer plays it: ghost notes soft, no rolls under the time.

meter.py lays the network's 4/4 loop onto a long bar's groups of beats (meter_groups.py: 5/4 = 3+2, 7/8 = 2+2+3),
and the genre rules that soften a busy snare (limbs.ghost_snares, at a genre's share of the backbeat:
genre_ghosts.py) play in the loop's 4/4 frame, where these bars' backbeats are not beats 2 and 4. So a genre asked
for over these meters kept the loop's snare figure as laid: `--genre funk` over a 5/4 part played its ghost notes on
the "e"s at 0.5-0.6 against a 0.9 backbeat (0.65 of it, funk's drummers 0.44: accents, not ghost notes), and
`--genre latin` its samba figure as runs of three medium 16ths (the left hand rolling "-xxx --xx" under the time).
A drummer in these meters plays as in 4/4 (and disco's, asked for over 5/4, had kicked the 1, the 4 and their "a"s
alone: "X--x ---- ---- X--x x---"):

- no rolls (`no_rolls`): before a fill, the left hand plays no run of ROLL or more 16ths on the snare; a run keeps
  every other note from its first and its backbeat (latin's "-xxx" is "-x-x": the "e" and "a", a hand between
  the time's 8ths; funk's ghost note either side of a backbeat stays);
- ghost notes soft (`soft_ghosts`): a bar with limbs.BUSY_SNARE or more snare notes off its backbeat (each group's
  beats after its first: a 3-beat group's 2 and 3, a 2-beat group's 2, as meter_groups lays the loop's backbeat)
  plays them at most the genre's share (genre_ghosts.ghost_ratios) of its loudest backbeat note (a bar with no
  backbeat keeps its figure: there is nothing to ghost under);
- disco's four on the floor (`floor`): the kick on every beat (7/8's on each of its 2+2+3 groups' starts).

Reggae's bars are its own drop's (reggae_bars.other_meter_drops); a fill (from the bar's first tom), pickups and
half-time windows are left as they are. Plain numpy over a part's loops on the real grid of its bars (called by
meter_genres.meter_genre, where the engine and live lay a genre's own rules on the real grid).
"""

from __future__ import annotations

import numpy as np

from .genre_ghosts import ghost_ratios
from .half_time import half_time_window
from .genres import GENRES
from .limbs import BUSY_SNARE, KICK, SNARE, first_tom
from .loop import N_VOICES, STEPS, runs
from .meter import bars_beats, is_pickup
from .one_drop import reggae_leads

DISCO = GENRES.index("disco")
LEADS = 0.5  # disco's share of the mix from which its drummer kicks every beat
ODD = (5, 7)  # the numerators of the bars played so (5/4, 7/4, 5/8, 7/8)
ROLL = 3  # snare 16ths in a row from which the left hand rolls


def odd_meter_bars(loops: np.ndarray, meters, mix) -> np.ndarray:
    """Loops (W, 32, 27) of a part on the real grid of its bars (meters: one WindowBars or None per window, or k
    copies' worth of them), in place and returned, with each 5- or 7-beat bar's snare before its fill played as
    the genre mix asked for (9 weights; none asked, or reggae leading: left) plays it: `no_rolls`, then
    `soft_ghosts`; disco leading, the kick on every beat (`floor`)."""
    mix = np.asarray(mix, np.float32)
    if meters is None or not len(loops) or mix.sum() <= 0 or reggae_leads(mix):
        return loops
    ratio = float(ghost_ratios(mix[None])[0])
    meters = list(meters) * (len(loops) // max(len(meters), 1))
    for w, bars in enumerate(meters[:len(loops)]):
        if not bars or is_pickup(bars) or half_time_window(bars):
            continue
        for bar, beats in zip(bars, bars_beats(bars)):
            end = beats[-1].start + beats[-1].length if beats else STEPS
            if bar[1] not in ODD or end > STEPS:
                continue
            part = loops[w, beats[0].start:end]
            fill_from = first_tom(part[:, :N_VOICES] > 0.5)
            backbeat = np.asarray([b.start - beats[0].start for b in beats if b.source % 2], np.int64)  # (loop's 2, 4)
            no_rolls(part[:fill_from], backbeat)
            soft_ghosts(part[:fill_from], backbeat, ratio)
            if mix[DISCO] >= LEADS:
                floor(part[:fill_from], np.asarray([b.start - beats[0].start for b in beats], np.int64))
    return loops


def no_rolls(bar: np.ndarray, backbeat: np.ndarray) -> None:
    """In place on a bar's beat steps (n, 27; backbeat: its backbeat's steps): each run of ROLL or more snare 16ths
    keeps every other note from its first, and its backbeat notes (funk's ghost, backbeat, ghost stays a drag)."""
    for lo, hi in runs(bar[:, SNARE] > 0.5):
        if hi - lo >= ROLL:
            dropped = np.setdiff1d(np.arange(lo + 1, hi, 2), backbeat)
            bar[dropped, SNARE::N_VOICES] = 0.0


def soft_ghosts(bar: np.ndarray, backbeat: np.ndarray, ratio: float) -> None:
    """In place on a bar's beat steps (n, 27; backbeat: its backbeat's steps): where BUSY_SNARE or more snare notes
    play off a backbeat the bar plays, each at most `ratio` of its loudest backbeat note (a bar with no backbeat,
    afro's figure alone, has nothing to ghost under: left)."""
    hit = bar[:, SNARE] > 0.5
    on_backbeat = np.zeros(len(bar), bool)
    on_backbeat[backbeat[backbeat < len(bar)]] = True
    off = hit & ~on_backbeat
    if off.sum() < BUSY_SNARE or not (hit & on_backbeat).any():
        return
    velocity = bar[:, N_VOICES + SNARE]
    velocity[off] = np.minimum(velocity[off], ratio * velocity[hit & on_backbeat].max())


def floor(bar: np.ndarray, beats: np.ndarray) -> None:
    """In place on a bar's beat steps (n, 27; beats: its beats' first steps) that kicks: the kick on each beat at its
    kicks' median level, on the beat's own timing (a kick there kept as it is; the others stay, a disco drummer's
    pickups), as meter_genres.floor_bar kicks a waltz's."""
    kicked = bar[:, KICK] > 0.5
    beats = beats[beats < len(bar)]
    if not kicked.any() or not len(beats):
        return
    beats = beats[~kicked[beats]]
    bar[beats, KICK::N_VOICES] = (1.0, float(np.median(bar[kicked, N_VOICES + KICK])), 0.0)
