"""Toms and a stray ride in a groove at a density asked: at most as often per 16th as the genre's drummers play them.

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

The ride beside the hats: the next cells ranked were also a ride stroke beside closed 8th hats (`--genre rock
--density 0.8` over freedoom d_e3m4: a ride at velocity 100 on the "e" of 1 in every other bar; at density 1 over
funk_bass on the "e" and "a"), a second time-keeper in another hand. GMD's drummers (train beats, fills left out;
hat-kept bars: a closed hat in 3 or more quarters, the ride in fewer; performances that ride beside the hats in
over half of those bars left out, 17 of 263, mostly latin and jazz): rock plays a ride in 4.0% of hat-kept bars, on
beat 1 (2.8%, a crash-ride accent at about velocity 84) or an 8th, never the "e" of 1 (0 of 2485 bars).
RIDE_SHARES: those shares per genre; `spare_rides` keeps a hat-kept bar's ride at them, the same way as the toms
(its own draw), and leaves bars kept on the ride (3 quarters or more: jazz, a ride-led section) as drawn.
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
RIDE_SHARES = {  # each 16th: the share of hat-kept groove bars with a ride there (performances not riding beside hats)
    "afro": (.017, 0, .010, 0, .010, 0, .010, 0, .002, .002, 0, 0, 0, 0, .002, 0),
    "disco": (.018, .002, .009, 0, .007, .002, .004, 0, 0, 0, 0, 0, 0, 0, 0, .002),
    "funk": (.034, .002, .009, .002, .007, .001, .007, .005, .002, .001, .001, 0, .001, 0, .002, .001),
    "hiphop": (.012, 0, .003, 0, .002, 0, .003, .002, .002, .002, .002, 0, 0, 0, .003, 0),
    "jazz": (.034, .009, .012, .006, .012, .003, .003, .003, .006, 0, .012, .003, .012, 0, .024, .012),
    "latin": (.047, .003, .019, .003, .022, .004, .015, .003, .005, 0, .005, 0, .003, .001, .005, .001),
    "pop": (.022, 0, 0, 0, .022, .022, 0, 0, 0, 0, 0, .022, .043, 0, 0, 0),
    "reggae": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .008, 0, 0, 0, 0, 0),
    "rock": (.028, 0, .008, .001, .007, .001, .005, 0, .003, 0, .002, 0, .002, 0, .005, .001),
}
assert set(RIDE_SHARES) == set(GENRES)
RIDE_SHARE_ROWS = np.array([RIDE_SHARES[g] for g in GENRES], np.float32)  # (9, 16)
RIDE_TAG = 0x41DE  # (the ride's own draw: not the toms' bars)
TOM_GROOVE_GENRES = ("latin",)  # a tom groove is the genre's idiom: its toms as drawn
assert set(TOM_SHARES) | set(TOM_GROOVE_GENRES) == set(GENRES)
TOM_SHARE_ROWS = np.array([TOM_SHARES.get(g, (1.0,) * 16) for g in GENRES], np.float32)  # (9, 16)
TOMS = np.isin(VOICES, VOICE_GROUPS["toms"])
RIDE = np.isin(VOICES, ("ride",))
CLOSED_HAT, RIDE_AT = VOICES.index("closed_hat"), VOICES.index("ride")
# where the count's freed hits go (32, 9): the kick, the snare, and the hats on the 8ths (GMD rock's busiest bars:
# 7.3 hats a bar; a hat on a 16th had played the "e" of 3 under the bundled shuffle's swung 8ths)
FREED_TO = np.isin(VOICES, VOICE_GROUPS["kick"] + VOICE_GROUPS["snare"])[None, :] | \
    (np.isin(VOICES, VOICE_GROUPS["hats"])[None, :] & (np.arange(32) % 2 == 0)[:, None])


def groove_tom_shares(mix: np.ndarray) -> np.ndarray:
    """(N, 16) float32: for genre mixes (N, 9), the share of groove bars each 16th may have a tom in: the mix of
    its genres' TOM_SHARES; a part of the mix unasked (or latin's) leaves the drawn toms (share 1)."""
    mix = np.asarray(mix, np.float32)
    return (mix @ TOM_SHARE_ROWS + np.maximum(1.0 - mix.sum(1), 0.0)[:, None]).astype(np.float32)


def groove_ride_shares(mix: np.ndarray) -> np.ndarray:
    """(N, 16) float32: for genre mixes (N, 9), the share of hat-kept groove bars each 16th may have a ride in (the
    mix of its genres' RIDE_SHARES); a part of the mix unasked leaves the drawn ride (share 1)."""
    mix = np.asarray(mix, np.float32)
    return (mix @ RIDE_SHARE_ROWS + np.maximum(1.0 - mix.sum(1), 0.0)[:, None]).astype(np.float32)


def hat_kept_bars(top: np.ndarray, score: np.ndarray | None = None) -> np.ndarray:
    """(N, 2) bool: the bars of cells `top` (N, 32, 9) whose time the closed hat keeps: a closed hat in 3 or more
    of the bar's quarters, unless the ride leads there (in 3 quarters or more, and the hat on the beats alone, its
    foot, or a swung ride's skip notes scored `score` (N, 32, 9) likelier than the hats): limbs.playable's own test.
    It drops a ride that meets steady hats and keeps those it does not meet, so a count's ride 8ths beside its
    hat 8ths had left a lone ride on the "e" of 1."""
    top = np.asarray(top, bool)
    cells = top.reshape(len(top), 2, 4, 4, top.shape[-1])  # (N, bar, quarter, 16th, voice)
    quarters = cells.any(3)
    ride_leads = ~cells[..., CLOSED_HAT][..., 1:].any((2, 3))  # (the hat the foot's chick)
    if score is not None:  # a swung ride likelier than its hats (skip notes on the beats' last 16ths)
        hat, ride = top[..., CLOSED_HAT], top[..., RIDE_AT]
        mean = [np.where(v, score[..., i], 0.0).sum(1) / np.maximum(v.sum(1), 1) for v, i in
                ((ride, RIDE_AT), (hat, CLOSED_HAT))]
        ride_leads |= ((ride[:, 3::4].sum(1) >= 2) & (mean[0] > mean[1]))[:, None]
    ride_leads &= quarters[..., RIDE_AT].sum(2) >= 3
    return (quarters[..., CLOSED_HAT].sum(2) >= 3) & ~ride_leads


def _spared(top, share, rows, voices, tag, seed, song_bar, bpm, bars=None) -> np.ndarray:
    share = np.asarray(share, np.float32)
    rows = np.asarray(rows, bool) & np.logical_or.reduce(share < 1.0, 1)  # (latin's toms, no genre's: as drawn)
    out = np.zeros(top.shape, bool)
    if not rows.any():
        return out
    where = rows[:, None, None] if bars is None else rows[:, None, None] & bars[:, :, None]  # (N, bar, 1)
    played = np.logical_or.reduce(top[..., voices], -1).reshape(len(top), 2, 16) & where
    if not played.any():  # (none counted in a groove: most counts)
        return out
    kept = spread_out(played, np.zeros_like(played), share, rows, seed, None, song_bar, song_keys(bpm), tag)
    out[..., voices] = (np.broadcast_to(where, played.shape) & ~kept).reshape(len(top), 32, 1)
    # a voice kept keeps only the cells counted there (not another tom the count left out)
    out[..., voices] |= kept.reshape(len(top), 32, 1) & ~top[..., voices]
    return out


def spare_toms(top: np.ndarray, share: np.ndarray, rows: np.ndarray, seed: np.ndarray | None = None,
               song_bar: np.ndarray | None = None, bpm: np.ndarray | None = None) -> np.ndarray:
    """(N, 32, 9) bool: the tom cells of the loops `rows` (N,) bool (groove loops with a genre asked) that a count
    may not play, for cells counted `top` (N, 32, 9) bool: every tom cell of theirs but those kept so that a tom
    plays on each 16th in about `share` (N, 16) of the song's bars (groove_tom_shares), chosen by the song's bar
    `song_bar` (N,), the take's `seed` (N,) and the song's tempo `bpm` (N,) (snare_spread.spread_out)."""
    return _spared(top, share, rows, TOMS, TOM_TAG, seed, song_bar, bpm)


def spare_rides(top: np.ndarray, share: np.ndarray, rows: np.ndarray, seed: np.ndarray | None = None,
                song_bar: np.ndarray | None = None, bpm: np.ndarray | None = None,
                score: np.ndarray | None = None) -> np.ndarray:
    """(N, 32, 9) bool: as spare_toms for the ride, in the hat-kept bars (hat_kept_bars, on the count's `score`) of
    the loops `rows` alone, at `share` (groove_ride_shares); a bar kept on the ride keeps its ride."""
    return _spared(top, share, rows, RIDE, RIDE_TAG, seed, song_bar, bpm, hat_kept_bars(top, score))


# where a loop's freed ride strokes go once its kick, snare and hats' 8ths are full (a count near the top of the
# slider): the closed hat's 16ths where the band plays 16ths, ranked after every other cell (without them `--genre
# rock` over funk_bass played fewer hits at density 1 than at 0.75: the stray rides had been the top of its range; a
# band in 8ths, a shuffle's swung ones, gets no hat on the "e")
SPILL_TO = (np.arange(32) % 2 == 1)[:, None] & (np.arange(len(VOICES)) == CLOSED_HAT)[None, :]
SPILL_BELOW = 1e4  # (a margin below any cell's: the spill is counted last)


def toms_spared(score: np.ndarray, top: np.ndarray, spared: np.ndarray, band: np.ndarray | None = None) -> np.ndarray:
    """Scores (N, 32, 9) for a recount: the `spared` cells (spare_toms, spare_rides) at -inf, and in the loops that
    lost a cell counted, the cells not counted but the kick's, snare's and hats' 8ths too, so the freed hits go to
    those; in a loop that lost a ride, then to the closed hat's 16ths if the band (`band` (N, 32) bool, its
    onsets) plays a 16th in it (SPILL_TO, ranked last). A new array."""
    lost_cells = (spared & top).reshape(len(top), -1, len(VOICES))
    lost = np.logical_or.reduce(lost_cells.reshape(len(top), -1), 1)
    closed = spared | (lost[:, None, None] & ~top & ~FREED_TO[None])
    out = np.where(closed, -np.inf, score).astype(np.float32, copy=False)
    if band is None:
        return out
    sixteenths = np.logical_or.reduce(np.asarray(band, bool)[:, 1::2], 1)  # (N,) the band plays a 16th
    spill = (np.logical_or.reduce(lost_cells[..., RIDE_AT], 1) & sixteenths)[:, None, None] & SPILL_TO[None] & \
        ~top & ~spared & np.isfinite(score)
    if spill.any():
        out = np.where(spill, np.minimum(score, 0.0) - SPILL_BELOW, out).astype(np.float32, copy=False)
    return out


__all__ = ["groove_ride_shares", "groove_tom_shares", "hat_kept_bars", "spare_rides", "spare_toms", "toms_spared",
           "RIDE_SHARES", "TOM_SHARES"]
