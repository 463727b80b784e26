"""Toms in a groove at a density asked: at most as often per 16th as the genre's drummers play them there.

A density asked for ranks cells up to a hit count (models/api.py `_generate`); limbs.kick_limit and snare_limit
free the hits past a bar's kicks and ghost notes, and the next cells the band network ranks are toms. Under
`--genre rock` it ranks a high tom on beat 1: `--genre rock --density 0.8` over each bundled example played a loud
tom stroke on the downbeat of nearly every groove bar, through the whole song (at --density 1 also on beat 3),
a tom groove no one asked for.

GMD's drummers (train beats, fills left out; groove bars: the hats or ride in each quarter): a few performances are
tom grooves (a tom in over half their groove bars: rock 11 of 136, whose floor tom on 1 and 3 made 16% of rock's
groove bars open on a tom), the rest play a tom in few groove bars, mostly a pickup late in the bar. TOM_SHARES: the
share of the groove bars of a genre's performances that are not tom grooves with a tom on each 16th (rock's beat 1:
1.0%, its "and" of 4: 5.4%; a tom in 13% of its bars). Latin's tom grooves are its idiom (18 of 42 performances, a
tom in 49% of its groove bars): latin's toms stay as drawn.

`groove_tom_shares` gives a genre mix its share per 16th; `spare_toms` keeps the toms a count picked in about that
share of the song's groove bars (snare_spread.spread_out: by the song's bar, the take's seed and the song's tempo, so a
`--bars` range and live keep the toms the whole song keeps; counted over one call's loops, they had not); the
count's hits freed go to the kick, snare and hats' 8ths (drummers' busier bars add kicks, ghost notes and hats, not toms:
GMD rock bars of 24+ hits, not tom grooves: 5.4 kicks, 7.5 ghost notes, 7.3 hats, 1.05 toms a bar).
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .loop import VOICE_GROUPS, VOICES
from .snare_spread import TOM_TAG, song_keys, spread_out

TOM_SHARES = {  # each 16th of the bar: the share of groove bars with a tom there (performances not tom grooves)
    "afro": (.008, .010, .013, .008, .005, .011, .030, .023, .019, .020, .026, .031, .081, .029, .103, .050),
    "disco": (0, .002, .023, .006, .002, .004, .009, .002, .004, .006, .013, .021, .051, .019, .028, .030),
    "funk": (.008, .012, .015, .010, .011, .010, .016, .016, .019, .023, .029, .018, .040, .019, .071, .014),
    "hiphop": (.004, .001, .003, .003, .003, .001, .001, .001, .004, .001, .006, .006, .010, .015, .027, .014),
    "jazz": (.017, .033, .038, .013, .036, .036, .026, .022, .039, .068, .054, .034, .070, .064, .047, .031),
    "pop": (.048, 0, .036, .012, .012, 0, .012, 0, .048, .012, .036, 0, .048, .036, .107, .036),
    "reggae": (0, 0, 0, 0, .008, 0, 0, 0, 0, .008, .015, .023, .045, .030, .061, .030),
    "rock": (.010, .014, .011, .011, .014, .012, .021, .011, .016, .018, .023, .018, .040, .032, .054, .033),
}
TOM_GROOVE_GENRES = ("latin",)  # a tom groove is the genre's idiom: its toms as drawn
assert set(TOM_SHARES) | set(TOM_GROOVE_GENRES) == set(GENRES)
TOM_SHARE_ROWS = np.array([TOM_SHARES.get(g, (1.0,) * 16) for g in GENRES], np.float32)  # (9, 16)
TOMS = np.isin(VOICES, VOICE_GROUPS["toms"])
# where the count's freed hits go (32, 9): the kick, the snare, and the hats on the 8ths (GMD rock's busiest bars:
# 7.3 hats a bar; a hat on a 16th had played the "e" of 3 under the bundled shuffle's swung 8ths)
FREED_TO = np.isin(VOICES, VOICE_GROUPS["kick"] + VOICE_GROUPS["snare"])[None, :] | \
    (np.isin(VOICES, VOICE_GROUPS["hats"])[None, :] & (np.arange(32) % 2 == 0)[:, None])


def groove_tom_shares(mix: np.ndarray) -> np.ndarray:
    """(N, 16) float32: for genre mixes (N, 9), the share of groove bars each 16th may have a tom in: the mix of
    its genres' TOM_SHARES; a part of the mix unasked (or latin's) leaves the drawn toms (share 1)."""
    mix = np.asarray(mix, np.float32)
    return (mix @ TOM_SHARE_ROWS + np.maximum(1.0 - mix.sum(1), 0.0)[:, None]).astype(np.float32)


def spare_toms(top: np.ndarray, share: np.ndarray, rows: np.ndarray, seed: np.ndarray | None = None,
               song_bar: np.ndarray | None = None, bpm: np.ndarray | None = None) -> np.ndarray:
    """(N, 32, 9) bool: the tom cells of the loops `rows` (N,) bool (groove loops with a genre asked) that a count
    may not play, for cells counted `top` (N, 32, 9) bool: every tom cell of theirs but those kept so that a tom
    plays on each 16th in about `share` (N, 16) of the song's bars (groove_tom_shares), chosen by the song's bar
    `song_bar` (N,), the take's `seed` (N,) and the song's tempo `bpm` (N,) (snare_spread.spread_out)."""
    share = np.asarray(share, np.float32)
    rows = np.asarray(rows, bool) & np.logical_or.reduce(share < 1.0, 1)  # (latin's, no genre's: as drawn)
    out = np.zeros(top.shape, bool)
    if not rows.any():
        return out
    played = np.logical_or.reduce(top[..., TOMS], -1).reshape(len(top), 2, 16) & rows[:, None, None]
    if not played.any():  # (no tom counted in a groove: most counts)
        return out
    kept = spread_out(played, np.zeros_like(played), share, rows, seed, None, song_bar, song_keys(bpm), TOM_TAG)
    out[..., TOMS] = (rows[:, None, None] & ~kept.reshape(len(top), 32, 1))
    # a tom kept keeps only the cells counted there (not another tom the count left out)
    out[..., TOMS] |= kept.reshape(len(top), 32, 1) & ~top[..., TOMS]
    return out


def toms_spared(score: np.ndarray, top: np.ndarray, spared: np.ndarray) -> np.ndarray:
    """Scores (N, 32, 9) for a recount: the `spared` cells (spare_toms) at -inf, and in the loops that lost a tom
    counted, the cells not counted but the kick's, snare's and hats' 8ths too, so the freed hits go to those. A new array."""
    lost = np.logical_or.reduce((spared & top).reshape(len(top), -1), 1)
    closed = spared | (lost[:, None, None] & ~top & ~FREED_TO[None])
    return np.where(closed, -np.inf, score).astype(np.float32, copy=False)


__all__ = ["groove_tom_shares", "spare_toms", "toms_spared", "TOM_SHARES"]
