"""A riff's accents in a bass line that plays every 16th: the notes a drummer's kick locks to.

A metal or rock riff often chugs on every 16th of the low string and accents a few of them (power chords
played loud, the chugs muted and soft). Its low-register groove (the model's bass input) then has a hit on
every step, and the band network, scoring a bass groove by where its notes are, heard no rhythm in it: under
a chug at 70 of 127 accented at 115 on 1, the "a" of 1, the "and" of 2, the "e" of 3 and beat 4 it played the
same kick (1, the "a" of 1, then 7, 8, 9, 11, 13) for any of five accent patterns, where given the accents
alone it put the kick on each of them. Drummers lock to the accents: in the validation songs' bars whose bass
plays 12 or more 16ths with accents, their kick falls on an accent off the beat about three times as often as on
an unaccented note (stop 25's 61 earlier Freedoom songs 0.62 against 0.17, Tanner Helland's 0.33 against 0.12).

So in such a bar the bass groove keeps its accents alone: the loudest 2-8 notes, set apart from the rest by a
gap of ACCENT_GAP in velocity (about 18 of 127) or more, one of them at least off the beats (accents on the
beats alone are a 16th line's metre, which the network hears: such a line keeps its 16th hats). A gap that
wide seldom comes from a hand's unevenness alone (a 16th line played with velocities spread by 18 of 127: 4-7%
of bars; by 13: about 1%), and sequenced accents are wider.

Measured on the validation songs through `play_parts`, as `reagroove evaluate` runs them: the bars it changes
(147 windows of the earlier Freedoom songs, 90 of Tanner Helland's; none of the held-out freedoom songs') F1
0.689 -> 0.774 and 0.373 -> 0.370, their hit ratio 1.17 -> 1.06 and 1.43 -> 1.23; the whole sets 0.3855 ->
0.3878 and 0.3851 -> 0.3851 (models/README.md, "Shipped in stop 57"). Gaps of 0.06 and 0.10 gained as much or
a little more there, but find accents in a hand's unevenness (at a spread of 13 of 127, 28-43% and 4-7% of
bars). Plain numpy over grooves (N, 32, 3).
"""

from __future__ import annotations

import numpy as np

DENSE = 12  # of a bar's 16 steps: a bass line playing (nearly) every 16th
ACCENT_GAP = 0.14  # in velocity (0..1) between a bar's accents and its other notes
FEWEST, MOST = 2, 8  # a bar's accents: at least two (a downbeat alone is no riff), at most half the bar

_ACCENTS_ABOVE = 15 - np.arange(15)  # sorted ascending, the notes above gap i are 15 - i
_COUNTS_OK = (_ACCENTS_ABOVE >= FEWEST) & (_ACCENTS_ABOVE <= MOST)
_BEATS = np.arange(16) % 4 == 0


def riff_accents(bass: np.ndarray) -> np.ndarray:
    """The bass groove (N, 32, 3) with each bar of DENSE or more notes that has a clear group of accents (see the
    module doc) kept to its accents; bass itself where no bar changes (nearly every bass line)."""
    bars = np.asarray(bass).reshape(-1, 16, 3)  # (loops x 2 bars, 16 steps, 3)
    hit = bars[..., 0] > 0.5
    dense = np.add.reduce(hit, -1) >= DENSE
    if not dense.any():
        return bass
    vel = np.where(hit, bars[..., 1], -1.0)[dense]  # the dense bars only; a rest sorts below every note
    ordered = np.sort(vel, -1)
    gaps = np.where(_COUNTS_OK & (ordered[:, :-1] >= 0), np.diff(ordered, axis=-1), -1.0)
    widest = gaps.argmax(-1)
    rows = np.arange(len(ordered))
    cut = ordered[rows, widest + 1]  # the softest accent
    # a riff's accents are syncopated: accents on the beats alone are the line's metre, which the network hears
    accented = (gaps[rows, widest] >= ACCENT_GAP) & (vel[:, ~_BEATS] >= cut[:, None]).any(-1)
    if not accented.any():
        return bass
    drop = np.zeros(hit.shape, bool)
    drop[np.flatnonzero(dense)[accented]] = (vel < cut[:, None])[accented] & (vel >= 0)[accented]
    out = np.array(bass, np.float32, copy=True)
    out.reshape(-1, 16, 3)[drop] = 0.0
    return out


__all__ = ["riff_accents", "ACCENT_GAP", "DENSE"]
