"""Afro's snare figure: one figure a take holds through the song, varied bar by bar, as GMD's afrobeat drummers play.

Asked for afro over a band part, the band network draws a snare on nearly every 16th of every bar (13 of 16 over
the bundled funk bass), and the genre ceiling (models/api.py: snare and toms at most the genre's drummers' count a
loop) kept its likeliest ones: the same figure in every bar of the song, and never beat 2 (`---x -x-x ---x X--x`
in each of funk_bass.mid's 8 bars, the "e" of 2 where a backbeat would be). GMD's afro drummers (train beats, fills
left out, 948 bars of 12 performances: afrobeat, highlife, middle-eastern) play the snare on each 16th in a share of
their bars (`SNARE_SHARES`; beat 2 in 40%, beat 4 in 52%), about 6 a bar, and seldom the same figure two bars running
(each performance's bars equal to the one before: 0-49%, most under 15%). Each keeps its figure through the
performance: bars 8 or 32 apart differ on as many 16ths as neighbouring bars (0.17-0.21 of them), and 8 of the 12
play beat 2 in 5% of their bars or fewer, or in 89% or more (the 40% is of performances, not of one's bars).

So where afro leads the mix, each bar keeps the network's drawn snares (before the ceiling: what fits the part and
the limbs, core/limbs.py having made them playable) at each 16th in SNARE_SHARES of the bars: a draw per 16th that is
one figure for the take's whole song, each of its 16ths drawn afresh in VARIED of the bars, at most LOOP_MOST a loop.
A figure drawn afresh on every 4-bar phrase had moved the backbeat every phrase over an ostinato that never changed
(R13's afrobeat part: no backbeat in bars 9-12, the accent on 4 alone in 13-20, on 2 in 21-24). Over freedoom's 108
bands and 25 producer parts asked for afro (seeds 0 and 1), bars 4 apart in a section now differ on 2.1 16ths as
neighbouring bars on 2.0 (before 5.9 against 2.8), the backbeat changing between neighbouring bars in 25% of them
(before 37%), beat 2 held (in 10% of a take's bars or fewer, or 90% or more) in 81% of the takes (before 5%).
The draws count the song's own bars (Conditioning.song_bar, as genre_open_hats.py lays its runs) and are fixed by
the take's seed and the song's tempo: a take played again, a `--bars` range or live plays the same bars, and each
version (its own seed) holds a figure of its own. Plain numpy over hits (N, 32, 9).
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import SNARE

AFRO = GENRES.index("afro")
AFRO_LEADS = 0.5  # afro's share of the genre mix from which its figure is laid
# GMD train's afro beats, fills left out (948 bars): the share of bars with a snare on each 16th
SNARE_SHARES = np.array([.10, .18, .34, .51, .40, .54, .32, .58, .16, .38, .30, .52, .52, .39, .49, .54])
# the most snares a loop's figure lays (GMD's afro drummers: 12.5 a loop), its backbeat kept first: the genre ceiling
# (models/api.py, 13 a loop) ranks by the network's score, lowest on beat 2, and had cut the backbeat from some bars
# of a busy figure and not others (`-----x-x---xX-xx` / `----Xx-x---xX-xx` over one ostinato)
LOOP_MOST = 12
_LOOP_SHARES = np.tile(SNARE_SHARES, 2)
_LOOP_BACKBEAT = np.tile(np.arange(16) % 8 == 4, 2)
VARIED = 0.15  # the share of a bar's 16ths drawn afresh, off the take's figure (GMD's bars: see above)
_DRAW_TAG = 0xAF20  # (the figure's own stream: no other rule's draw for the same seed)


def afro_bars(cond, beats: np.ndarray, voice_on: np.ndarray | None) -> np.ndarray:
    """(N,) bool: of a Conditioning's loops, the beats `beats` (N,) bool (not fills) on plain 4/4 bars (a waltz's and
    half time's loops are laid otherwise) whose snare is on (voice_on (N, 9) bool; None: every voice)."""
    plain = cond.four_four if cond.plain is None else cond.plain
    rows = np.asarray(beats, bool) & (True if plain is None else np.asarray(plain, bool))
    return rows if voice_on is None else rows & np.asarray(voice_on, bool)[:, SNARE]


def afro_rows(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N,) bool: the loops whose genre mix (N, 9) afro leads (AFRO_LEADS or more), of the loops `which` (N,) bool
    only (beats on plain 4/4 bars with the snare on); None where there is none."""
    rows = np.asarray(mix)[:, AFRO] >= AFRO_LEADS
    if which is not None:
        rows &= np.asarray(which, bool)
    return rows if rows.any() else None


def _draws(seed: int, bar: int, song: int) -> np.ndarray:
    """(16,) uniform draws for one song bar: the take's figure's (one a song), each 16th drawn afresh in VARIED of
    them."""
    def stream(*keys):
        entropy = [int(k) % 2**64 for k in (seed, song, _DRAW_TAG) + keys]
        return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy)))
    figure = stream(0).random(16)
    own = stream(1, bar)
    fresh, varied = own.random(16), own.random(16) < VARIED
    return np.where(varied, fresh, figure)


def afro_snares(hits: np.ndarray, drawn: np.ndarray, rows: np.ndarray | None, song_bar: np.ndarray | None = None,
                seed: np.ndarray | int | None = None, bpm: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) with the snares of the loops `rows` (afro_rows; None: hits itself) laid from `drawn` (N, 32,
    9) bool (or (N, 32): its snares), the network's hits before the genre ceiling: each snare kept where its bar's
    draw (`_draws`) falls under SNARE_SHARES, at most LOOP_MOST a loop (the ghosts whose draws lie nearest their
    share left out first, never the backbeat). song_bar: (N,) each loop's first bar in the song from 0 (None: loop
    i's is 2i); seed: the take's, (N,) or one (None: 0); bpm: (N,) the song's tempo (None: unknown), so songs
    differ. A new array."""
    if rows is None:
        return hits
    n = len(hits)
    first = 2 * np.arange(n) if song_bar is None else np.asarray(song_bar, np.int64).reshape(n)
    seeds = np.broadcast_to(np.asarray(0 if seed is None else seed, np.int64), (n,))
    songs = np.zeros(n, np.int64) if bpm is None else \
        np.rint(np.asarray(bpm, np.float64).reshape(n) * 10).astype(np.int64)  # (to a tenth, as song_keys)
    out = np.array(hits, bool, copy=True)
    drawn = np.asarray(drawn, bool)
    drawn = drawn[..., SNARE] if drawn.ndim == 3 else drawn
    for i in np.flatnonzero(rows):
        u = np.concatenate([_draws(int(seeds[i]), int(first[i]) + k, int(songs[i])) for k in range(2)])
        laid = drawn[i] & (u < _LOOP_SHARES)
        # (the loop's snares past LOOP_MOST: the ghosts nearest their draw's edge go, the backbeat stays)
        edge = np.where(_LOOP_BACKBEAT, -1.0, u / _LOOP_SHARES)
        laid[np.argsort(np.where(laid, edge, np.inf), kind="stable")[LOOP_MOST:]] = False
        out[i, :, SNARE] = laid
    return out


def laid_lone_rules(rules: tuple, rows: np.ndarray | None) -> tuple:
    """genre_ghosts.lone_snare_rules' (level (N,), share (N, 16)) with the share 1 in the loops `rows` (afro_rows;
    None: the rules themselves): their snares' shares are laid here per song bar (`afro_snares`), and
    limbs.ghost_snares thinning them again by its own shares had dropped other lone snares. Their level stays the
    genre's."""
    if rows is None:
        return rules
    rows = np.asarray(rows, bool)
    level, share, *rest = rules
    share = np.where(rows[:, None], np.float32(1.0), share).astype(np.float32)
    return (level, share, *(np.asarray(r) & ~rows for r in rest))
