"""Hip-hop's and funk's open hi-hat on the "and" of 3, laid the way GMD's drummers lay it over a song.

The band network never opens the hi-hat (the held-out freedoom songs, asked for any genre: no open hat on any 16th
of 400 windows' bars), so `--genre hiphop` played the closed 8ths of no genre and of pop. GMD's hip-hop and funk
drummers open it in a third of their bars (hip-hop 34%, funk 44%; train beats), and where they open it once in a
bar it is on the "and" of 3 most often (hip-hop 26% of those bars, the "and" of 4 next at 20%; funk 40% and 21%):
the "and" of 3 is open in 20% of hip-hop's bars and 17% of funk's, closed in 55% and 61%. They play it as an
accent, 1.83 and 1.81 times the bar's median closed hat (hip-hop 314 bars, funk 786), as loud as the bar's loudest
backbeat in the median (at or under it in 80% and 87% of them), and the foot closes it on the next beat: a closed
hat on the 16th after it in 6% and 15% of them.

Not every second bar, as a loop repeated, and not left to chance bar by bar either: a chain with GMD's odds (open
after an open bar 37-80% by the bar's place in the phrase, 4-13% after a closed one) left whole takes without it (6
of 16 takes of the bundled funk bass and d_e1m1, asked for hip-hop or funk, never opened it), its lone bars fell
anywhere (bar 1, bar 18), and it counted the bars from the first one drummed (`--bars 5-36` opened other bars than
the whole song there). So each 8-bar phrase of the song, counted by the song's own bars (Conditioning.song_bar, as
the clave and comping count them: song_bars.py), opens it in one run of 1-3 bars, placed as GMD's drummers place
their short runs in an 8-bar phrase (`SHORT_RUNS`, 191 runs of GMD train's hip-hop and funk beats of 8+ bars: lone
bars on a half-phrase's 3rd and 4th bar 83 times, on its 1st and 2nd 45; 3-bar runs from a half-phrase's first bar),
about a fifth of the bars (`open_bar_share`; GMD 17-23%). The run is drawn from the take's seed and the phrase's
number (a take played again opens the same bars, another seed others; the same bars whichever of the song's bars are
drummed), and from the song's own tempo and leading genre (`song_keys`: with the seed alone every song had opened the
same bars, d_dm01 and d_dm02 asked for hip-hop or funk, seed 0: bars 1, 14, 18 and 31, and the bundled funk bass and
shuffle blues bar 1 after the opening crash, where GMD's drummers open a song's first bar in 11 of 47 performances.
Not the phrase's grooves: a `--bars` range cut inside a phrase sees only some of its windows); of the runs whose
bars can open it (a closed hat on the "and" of 3 and no open hat of its own, in a loop asked for hip-hop or funk:
OPEN_HAT_LEADS of the mix or more), the one GMD's odds and the draw favour most
(weighted sampling by keys: a run that cannot be played hands its turn on without moving the others'). The closed
hat on the 16th after it is left out; once the dynamics have shaped the loop, the open hat plays OPEN_HAT_ACCENT
times the loop's median closed hat, at most its bar's backbeat (`open_hat_level`). Plain numpy over (N, 32, 9) and
(N, 32, 27) arrays.

Disco's open hat, on every "and" of a bar, is laid the same way with figures of its own (`DISCO_HAT`). Asked for
disco, the network never opened the hat, and idioms.py kept its hats (opened on every "and" of every bar, the
held-out songs' disco loops had moved away from GMD's disco drummers, 2.66 to 3.11). GMD's disco drummers (train
beats, fills left out, 550 bars of 7 performances) open it on the "and" of 1, 2, 3 and 4 in 17%, 13%, 19% and 15% of
their bars (27% of bars on at least one "and", 9% on all four; on the "a"s about as often, 17-18%, mostly the open
hat struck again after the "and"), at 2.53 times the bar's median closed hat (353 open "and"s; 0.85 of full
velocity, under the backbeat). So each 8-bar phrase opens every "and" in one run of 1-3 bars placed as theirs
(`DISCO_RUNS`: 33 short runs; 7 runs of 4+ bars, one drummer's whole sections, and 2 past a phrase's end left out):
18% of the bars (`open_bar_share(DISCO_HAT)`), at DISCO_HAT.accent times the closed hat, at most the backbeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

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
PHRASE_BARS = 8  # one run of open bars in each of the song's 8-bar phrases
# GMD train's hip-hop and funk beats (47 performances of 8+ bars, 2314 bars, counted from their first bar): runs
# of 1-3 bars open on the "and" of 3 by (the run's first bar's place in an 8-bar phrase, its bars): how many.
# (Runs of 4+ bars, 31 of 222, and the 2 that ran past a phrase's end are left out.)
SHORT_RUNS = {(0, 1): 15, (0, 2): 4, (0, 3): 14, (1, 1): 8, (1, 2): 7, (1, 3): 5, (2, 1): 21, (2, 2): 1,
              (2, 3): 2, (3, 1): 17, (4, 1): 12, (4, 2): 1, (4, 3): 14, (5, 1): 10, (5, 2): 8, (5, 3): 4,
              (6, 1): 23, (6, 2): 1, (7, 1): 22}
DISCO = GENRES.index("disco")
DISCO_LEADS = 0.5  # disco's share of the genre mix from which its hat opens (as its kick is laid: idioms.py)
# GMD train's disco beats (7 performances of 8+ bars, 550 bars): runs of 1-3 bars open on an "and", as SHORT_RUNS
DISCO_RUNS = {(0, 1): 4, (0, 3): 1, (1, 1): 1, (1, 3): 1, (2, 1): 3, (2, 3): 2, (3, 1): 5, (3, 2): 1, (4, 1): 3,
              (4, 2): 2, (5, 1): 1, (5, 3): 1, (6, 1): 2, (6, 2): 2, (7, 1): 4}


@dataclass(frozen=True)
class HatRuns:
    """How a genre's drummers open the hat over a song: the bar's 16ths opened (`steps`), the runs of bars in an
    8-bar phrase (`runs`: (the first bar's place, its bars) -> how many), the accent over the closed hat, and the
    phrase draws' own stream (`tag`: no other rule's draw for the same seed)."""

    steps: tuple
    runs: dict
    accent: float
    tag: int

    @property
    def placed(self) -> list:
        return list(self.runs)

    @property
    def weights(self) -> np.ndarray:
        return np.array(list(self.runs.values()), float)


AND_OF_THREE_HAT = HatRuns((AND_OF_THREE,), SHORT_RUNS, OPEN_HAT_ACCENT, 0x0EA7)  # hip-hop's and funk's
DISCO_HAT = HatRuns((2, 6, 10, 14), DISCO_RUNS, 2.5, 0xD15C0)  # every "and" (GMD: 2.53 times the closed hat)


class Opened(NamedTuple):
    """The open hats laid: steps (N, 32) bool, and each loop's accent (N,) over its closed hat."""

    steps: np.ndarray
    accent: np.ndarray


def open_bar_share(style: HatRuns = AND_OF_THREE_HAT) -> float:
    """The share of a song's bars the rule opens where every bar can open it: hip-hop's and funk's about GMD's
    17-23%, disco's 18%."""
    weights = style.weights
    return float((weights * np.array([bars for _, bars in style.placed])).sum() / weights.sum() / PHRASE_BARS)


def open_hat_rows(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N,) bool: the loops whose genre mix (N, 9) hip-hop and funk lead (OPEN_HAT_LEADS or more together), of the
    loops `which` (N,) bool only (beats with the hats on); None where there is none."""
    rows = np.asarray(mix)[:, OPEN_HAT_GENRES].sum(1) >= OPEN_HAT_LEADS
    if which is not None:
        rows &= np.asarray(which, bool)
    return rows if rows.any() else None


def disco_hat_rows(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N,) bool: the loops whose genre mix (N, 9) disco leads (DISCO_LEADS or more), of the loops `which` (N,) bool
    only (beats with the hats on); None where there is none."""
    rows = np.asarray(mix)[:, DISCO] >= DISCO_LEADS
    if which is not None:
        rows &= np.asarray(which, bool)
    return rows if rows.any() else None


def opens_hats(mix) -> bool:
    """Whether a genre mix (9 weights) opens the hat on the "and" of 3 (its loops' hats there are the rule's)."""
    return open_hat_rows(np.asarray(mix, float).reshape(1, -1)) is not None


def song_keys(bpm, mix) -> np.ndarray | None:
    """(N,) int64: what of its song each loop tells the open hat's draw, the same whichever of the song's bars are
    drummed: its tempo (bpm (N,) quarter notes a minute, to a tenth) and which of hip-hop and funk leads its genre
    mix (N, 9). None where the tempo is unknown (bpm None: the draw is the seed's and the phrase's alone)."""
    if bpm is None:
        return None
    tempo = np.rint(np.asarray(bpm, np.float64).reshape(-1) * 10).astype(np.int64)
    leading = np.argmax(np.asarray(mix, np.float64).reshape(len(tempo), -1)[:, OPEN_HAT_GENRES], axis=1)
    return tempo * len(OPEN_HAT_GENRES) + leading


def _phrase_keys(seed: int, phrase: int, song: int | None = None, style: HatRuns = AND_OF_THREE_HAT) -> np.ndarray:
    """(len(style.runs),) one key per run of a phrase, smallest first played (weighted sampling: u ** (1 / weight),
    largest wins, here as -log(u) / weight), fixed by the take's seed, the phrase's number in the song and the song's
    key (`song_keys`; None: none)."""
    entropy = [int(seed) % 2**64, int(phrase) % 2**64, style.tag] + ([] if song is None else [int(song) % 2**64])
    u = np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy))).random(len(style.runs))
    return -np.log1p(-u) / style.weights


def opened_bars(hits: np.ndarray, rows: np.ndarray, song_bar: np.ndarray | None = None,
                seed: np.ndarray | int | None = None, song: np.ndarray | None = None,
                style: HatRuns = AND_OF_THREE_HAT, edges: np.ndarray | None = None) -> np.ndarray:
    """(N, 2) bool: the bars of the loops `rows` (N,) bool whose hat opens on the style's steps (hip-hop's "and" of
    3): in each 8-bar phrase of the song one run of style.runs, the first by its key (`_phrase_keys`) whose bars
    drummed here can all open it (a loop in `rows`, a closed hat on each of the steps and no open hat in the bar)
    and that does not start right after the phrase before's run as the song plays it (`song_run`: two phrases' runs
    had made one of 5 bars, d_dm22's 67-71 asked for disco; GMD's runs are of 1-3 bars).
    song_bar: (N,) each loop's first bar counted in the song from 0 (song_bars.bar_counts; None: the loops in order
    from bar 0); seed: the take's (N,) or one (None: 0); song: (N,) each loop's song key (`song_keys`; None: the
    seed's draw alone); edges: (N, 2) or (N,) (the loop's first bar only) the loop bars that end a phrase with a fill
    or open one with a crash (None: none), which the run leaves closed: it is cut there, never moved, so a `--bars`
    range or a live loop opens the bars the whole song opens, but where it sees another fill or crash (a run
    chosen by the crashes in one call had opened bars 3-4 into a crash on 5 live that the whole song left closed)."""
    n = len(hits)
    opening = np.zeros((n, 2), bool)
    if not n:
        return opening
    first = 2 * np.arange(n) if song_bar is None else np.asarray(song_bar, np.int64).reshape(n)
    seeds = np.broadcast_to(np.asarray(0 if seed is None else seed, np.int64), (n,))
    cut = np.zeros((n, 2), bool)
    if edges is not None:
        flags = np.asarray(edges, np.float64).reshape(n, -1) > 0.5
        cut[:, : flags.shape[1]] = flags[:, :2]
    where = {}  # song bar -> (loop, bar of the loop, whether it can open)
    for i in range(n):
        for k in range(2):
            can = bool(rows[i] and all(hits[i, 16 * k + s, CLOSED_HAT] for s in style.steps)
                       and not hits[i, 16 * k : 16 * k + 16, OPEN_HAT].any())
            where[int(first[i]) + k] = (i, k, can)
    placed = style.placed
    for phrase in sorted({bar // PHRASE_BARS for bar in where}):
        start = phrase * PHRASE_BARS
        asked = [where[b][0] for b in range(start, start + PHRASE_BARS) if b in where and rows[where[b][0]]]
        if not asked:
            continue
        seed_of, song_of = int(seeds[asked[0]]), None if song is None else int(song[asked[0]])
        before = song_run(seed_of, phrase - 1, song_of, style) if phrase > 0 else None
        after = None if before is None else start - PHRASE_BARS + before[0] + before[1]  # (the bar after it)
        for r in np.argsort(_phrase_keys(seed_of, phrase, song_of, style), kind="stable"):
            place, length = placed[r]
            bars = range(start + place, start + place + length)
            # (a bar not drummed here is the song's)
            if start + place != after and all(where[b][2] for b in bars if b in where):
                for b in bars:
                    if b in where and not cut[where[b][0], where[b][1]]:
                        opening[where[b][0], where[b][1]] = True
                break
    return opening


def song_run(seed: int, phrase: int, song: int | None = None, style: HatRuns = AND_OF_THREE_HAT) -> tuple:
    """(place, bars): the run a phrase of the song opens where every bar can open it, from the take's seed, the
    phrase's number and the song's key alone (`_phrase_keys`), the same whichever bars are drummed: the first by
    key that does not start right after the phrase before's. (A phrase's first choice that does not start on its
    first bar is its run whatever came before: the walk back ends there.)"""
    placed = style.placed
    chain = [phrase]
    while chain[-1] > 0 and placed[int(np.argmin(_phrase_keys(seed, chain[-1], song, style)))][0] == 0:
        chain.append(chain[-1] - 1)
    run = None
    for p in reversed(chain):
        order = np.argsort(_phrase_keys(seed, p, song, style), kind="stable")
        joins = run is not None and run[0] + run[1] == PHRASE_BARS  # (the run before ended on its phrase's last bar)
        run = next(placed[r] for r in order if not (joins and placed[r][0] == 0))
    return run


def open_the_and_of_three(hits: np.ndarray, vel: np.ndarray, off: np.ndarray, rows: np.ndarray | None,
                          song_bar: np.ndarray | None = None, seed: np.ndarray | int | None = None,
                          song: np.ndarray | None = None, disco: np.ndarray | None = None,
                          edges: np.ndarray | None = None):
    """(hits, vel, off, opened): hits, vel, off (N, 32, 9 each) with the closed hat on the "and" of 3 opened in the
    bars `opened_bars` picks of the loops `rows` (N,) bool (open_hat_rows; song_bar, seed, song: see there), and on
    every "and" (DISCO_HAT) in the bars it picks of the loops `disco` (N,) bool (disco_hat_rows; None: none; where
    both, disco's), at the closed hat's velocity and timing (its accent comes once the dynamics are done:
    `open_hat_level`), and the closed hat on the 16th after each left out. edges: (N, 2) the loop bars that end a
    phrase with a fill or open one with a crash (opened_bars), where disco's open "and"s leave the hat closed: a fill
    or a section's crash heard through four open "and"s (the "and" of 3 alone sits in a fill's beats or after the
    crash, as GMD's hip-hop and funk drummers play it). opened: an Opened, or None (with the
    inputs themselves) where nothing opens."""
    if rows is None and disco is None:
        return hits, vel, off, None
    n = len(hits)
    hit = np.asarray(hits, bool)
    steps = np.zeros((n, 32), bool)
    accent = np.full(n, OPEN_HAT_ACCENT, np.float32)
    disco = np.zeros(n, bool) if disco is None else np.asarray(disco, bool)
    for style, which in ((AND_OF_THREE_HAT, None if rows is None else np.asarray(rows, bool) & ~disco),
                         (DISCO_HAT, disco)):
        if which is None or not which.any():
            continue
        opening = opened_bars(hit, which, song_bar, seed, song, style, edges if style is DISCO_HAT else None)
        accent[which] = style.accent
        for k in range(2):
            steps[np.ix_(opening[:, k], [16 * k + s for s in style.steps])] = True
    if not steps.any():
        return hits, vel, off, None
    hits, vel, off = (np.array(a, copy=True) for a in (hits, vel, off))
    after = np.zeros_like(steps)
    after[:, 1:] = steps[:, :-1]
    hits[..., OPEN_HAT] |= steps
    hits[..., CLOSED_HAT] &= ~(steps | after)
    for feel in (vel, off):
        feel[..., OPEN_HAT] = np.where(steps, feel[..., CLOSED_HAT], feel[..., OPEN_HAT])
    return hits, vel, off, Opened(steps, accent)


def without_open_hats(hits: np.ndarray) -> np.ndarray:
    """Hits (..., 32, 9) bool with the hats on the "and" of 3 and the 16th after it left out (both bars of each
    loop): what a take plays apart from the open hat this rule lays there (a seeded take is judged on the rest,
    takes.draw_take). A new array."""
    out = np.array(hits, bool, copy=True)
    for step in OPEN_HAT_STEPS:
        out[..., step : step + 2, CLOSED_HAT] = False
        out[..., step : step + 2, OPEN_HAT] = False
    return out


def open_hat_level(loops: np.ndarray, opened: Opened) -> np.ndarray:
    """Loops (N, 32, 27), their dynamics done, with the open hats `opened` (open_the_and_of_three) at their accent
    times the loop's median closed hat, at most their bar's loudest backbeat (its loudest snare where it has none, a
    full hit where it has no snare); a loop without closed hats keeps its level. A new array."""
    out = np.array(loops, np.float32, copy=True)
    hit = out[..., :N_VOICES] > 0.5
    for i, step in zip(*np.nonzero(np.asarray(opened.steps, bool))):
        closed = hit[i, :, CLOSED_HAT]
        if not hit[i, step, OPEN_HAT] or not closed.any():
            continue
        bar = slice(16 * (step // 16), 16 * (step // 16) + 16)
        snare = np.where(hit[i, bar, SNARE], out[i, bar, N_VOICES + SNARE], 0.0)
        backbeat = float(snare[BACKBEAT_STEPS].max())  # (the open hat's bar)
        loudest = backbeat if backbeat > 0 else (snare.max() if snare.any() else 1.0)
        level = float(opened.accent[i]) * float(np.median(out[i, closed, N_VOICES + CLOSED_HAT]))
        out[i, step, N_VOICES + OPEN_HAT] = min(level, loudest, 1.0)
    return out


def without_laid_hats(hits: np.ndarray, mix) -> np.ndarray:
    """Hits (..., 32, 9) bool without the hats this module lays by the song's bars for a genre mix (9 weights):
    hip-hop's and funk's as `without_open_hats`, disco's on every "and" and the 16th after each (its "a"), both bars
    of each loop; hits themselves where the mix opens none (what takes.draw_take judges a take on)."""
    mix = np.asarray(mix, float).reshape(1, -1)
    out = without_open_hats(hits) if opens_hats(mix) else hits
    if disco_hat_rows(mix) is None:
        return out
    out = np.array(out, bool, copy=True)
    for k in range(2):
        for step in DISCO_HAT.steps:
            out[..., 16 * k + step : 16 * k + step + 2, CLOSED_HAT] = False
            out[..., 16 * k + step : 16 * k + step + 2, OPEN_HAT] = False
    return out
