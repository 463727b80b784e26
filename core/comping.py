"""Jazz's left hand: quiet snare comping against the part, laid in by rule where jazz is asked for.

GMD's jazz drummers comp on the snare (4.4 snare notes a bar, spread over every 16th: no backbeat), but the network,
asked for jazz, spreads that comping so thin that no snare cell passes its threshold: over the bundled funk bass
and shuffle it played the ride, the hat foot on 2 and 4 and a feathered kick, and no snare in any bar, a jazz
drummer with one hand in their lap. A jazz drummer comps lightly with the left hand: a note or two a bar, quiet, on
the "and"s (played on the swung 8th where the part swings), answering the part where it rests, no two bars of a
phrase alike. So `comp` lays that in on the bars that ride (the ride or hat keeping time, no fill's toms, no snare
of the network's own), in the loop's straight 4/4 frame before the part's swing is played. A seed's or a version's
draw, or a low density, had played a loud rock backbeat on the snare under jazz: `no_backbeat` takes it away first
(and softens the draw's other snares to a comp note's level), in any meter and in half time; a denser draw's
softened snares had still played 4 to 7 notes a bar: `at_most` keeps MOST_SNARES. Plain numpy.
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import CLOSED_HAT, CRASH, HANDS_FROM, HIGH_TOM, KICK, LOW_TOM, MAX_HANDS, OPEN_HAT, RIDE, SNARE
from .loop import N_VOICES, STEPS
from .settings import DENSITY_CELLS

JAZZ = GENRES.index("jazz")
JAZZ_LEADS = 0.5  # jazz's share of the genre mix asked for from which its drummer comps
BAR = 16
BACKBEAT = np.array([4, 12])  # beats 2 and 4 of a bar
ANDS = np.array([2, 6, 10, 14])  # a bar's off-beat 8ths, straight (the swung part plays them on the swung 8th)
# Comp notes in each bar of a 4-bar phrase (sparse: one bar rests), and the "and"s each bar reaches for first:
# the "and" of 4 leaning into the next bar, the "and" of 2 and 4 together, the "and" of 3, the "and" of 1.
COUNTS = (1, 2, 1, 0)
ORDERS = np.array([(14, 6, 10, 2), (6, 14, 2, 10), (10, 14, 6, 2), (2, 10, 14, 6)])
MOST_KICKS = 4  # a jazz bar's kicks at most before it is feathered (`busy_jazz`)
MOST_SNARES = 2  # a jazz bar's snare notes at most (README: "0-2 quiet snare notes a bar"; a draw had played 4)
RIDING = 4  # a bar keeps time with at least this many ride (or closed hat) notes
# The hats' notes a jazz ride takes: the bar's 8ths (a swung part's swung 8th is its "and" here). A draw's 16th
# hats (a drum take's, or a seed's over the funk bass) had ridden 16ths, "Xxxx -xxX", no jazz drummer's time.
RIDE_EIGHTHS = np.arange(BAR) % 2 == 0
FOOT_LEVEL = 0.5  # the hat foot's "chick" on 2 and 4: at most this loud, under the ride
# The density asked for (--density, 0..1) from which each genre's rule plays busier (its own way: jazz comps more
# over a feathered kick, latin's kick plays the fuller tumbao, reggae's hats 16ths), and up to which sparser (latin's
# and reggae's time on the quarters). Jazz, latin and reggae lay their pattern by rule over the draw, so --density
# 0.2, the default and 0.8 had played the same (jazz at 0.8 a rock kick on 7 of a bar's 16ths). Left to the input
# (None), the rules play as they do: the draw's hits are no measure of it (over the funk bass, 32-54 a loop).
BUSY_DENSITY, SPARSE_DENSITY = 0.7, 0.25
BUSY_COUNTS = (2, 2, 1, 2)  # a busy bar's comp notes (at_most keeps MOST_SNARES)
FEATHER = 0.3  # a busy jazz bar's kick: soft on the four beats, felt more than heard
RIDE_PATTERN = np.isin(np.arange(BAR), (0, 4, 6, 8, 12, 14))  # the beats and the skip notes: the jazz ride's notes
LEVEL = 0.5  # a comp note's velocity: this share of the time-keeper's note on the beat before it ...
QUIETEST, LOUDEST = 0.2, 0.38  # ... kept within these (soft: under a medium note's 0.4, over a loud band too)


def jazz_rows(mix: np.ndarray, which: np.ndarray | None) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9) jazz leads (JAZZ_LEADS or more), of `which` (N,) bool only."""
    asked = np.asarray(mix)[:, JAZZ] >= JAZZ_LEADS
    return asked if which is None else asked & np.asarray(which, bool)


def density_asked(density, n: int) -> np.ndarray | None:
    """(n,) the density asked for (0..1) of loops whose Conditioning density is `density` (hits per cell: (n,), one
    number, or None: left to the input, then None)."""
    if density is None:
        return None
    low, high = DENSITY_CELLS
    return (np.broadcast_to(np.asarray(density, np.float32), (n,)) - low) / (high - low)


def busy(density, n: int) -> np.ndarray:
    """(n,) bool: the loops asked for BUSY_DENSITY or more (density: the Conditioning's, hits per cell, or None)."""
    asked = density_asked(density, n)
    return np.zeros(n, bool) if asked is None else asked >= BUSY_DENSITY - 1e-6


def sparse(density, n: int) -> np.ndarray:
    """(n,) bool: the loops asked for SPARSE_DENSITY or less (density: as `busy`'s)."""
    asked = density_asked(density, n)
    return np.zeros(n, bool) if asked is None else asked <= SPARSE_DENSITY + 1e-6


def busy_jazz(loops: np.ndarray, rows: np.ndarray, many: np.ndarray) -> np.ndarray:
    """Loops (N, 32, 27) whose loops `rows` (N,) bool play a busy jazz drummer's bars (no fill's toms, riding) where
    they are asked busy (`many` (N,) bool: `busy` of the Conditioning's density) or the draw kicks more than MOST_KICKS in a bar: the
    ride on its pattern (RIDE_PATTERN: a busy draw's hats moved there had ridden every 8th, the skip lost), the kick
    feathered (on the four beats, at most FEATHER: --density 0.8 had kicked 7 of a bar's 16ths at 65-91, 0.7
    "x--x x--- x--x x---"), the draw's snares gone (softened, on the "e"s, they had left no bar free for `comp`,
    which comps there instead). A new array where a bar plays so, else loops itself."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return loops
    by_bar = np.asarray(loops).reshape(len(loops), 2, BAR, 3 * N_VOICES)
    hit = by_bar[..., :N_VOICES] > 0.5
    bars = rows[:, None] & (np.asarray(many, bool)[:, None] | (hit[..., KICK].sum(-1) > MOST_KICKS))
    bars &= ~hit[..., LOW_TOM:HIGH_TOM + 1].any((-1, -2)) & (hit[..., RIDE].sum(-1) >= RIDING)
    if not bars.any():
        return loops
    out = np.array(loops, np.float32, copy=True)
    view = out.reshape(by_bar.shape)
    beats = np.arange(BAR) % 4 == 0
    for i, b in zip(*np.nonzero(bars)):
        bar, kicked = view[i, b], hit[i, b, :, KICK]
        bar[~RIDE_PATTERN, RIDE::N_VOICES] = 0.0
        bar[:, SNARE::N_VOICES] = 0.0
        level = min(FEATHER, float(bar[kicked, N_VOICES + KICK].min())) if kicked.any() else FEATHER
        timing = np.where(kicked, bar[:, 2 * N_VOICES + KICK], 0.0)
        bar[:, KICK::N_VOICES] = 0.0
        bar[beats, KICK] = 1.0
        bar[beats, N_VOICES + KICK] = level
        bar[beats, 2 * N_VOICES + KICK] = timing[beats]
    return out


def ride_time(loops: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Loops (N, 32, 27) whose loops `rows` (N,) bool keep time on the ride, as a jazz drummer does: in a bar (no
    fill's toms) whose hats play more notes off BACKBEAT than the ride plays, each hat note on an 8th moves to the
    ride (at its velocity and timing; a ride there stays; its 16ths between go) and the ride plays all four beats
    (not under a crash); so does the ride in a bar between (`gapped`: the ride plays, the hats' notes off BACKBEAT
    no more than its, yet some, or the ride under RIDING notes) and in a bar it keeps that misses a beat, no hat
    moving there; in those bars and in bars the ride already keeps, the hat plays 2 and 4 alone, closed, as
    the foot (at most FOOT_LEVEL, on time), a draw's snare beside the ride there giving way to it. Asked for jazz
    alone, a seed's or a version's draw had kept time on the hats (drumify_batch moves them only for a mix jazz
    leads: GMD's jazz drummers shuffle a blues on the hats, and asking the network for jazz alone matches them). A
    new array where a note moves, else loops itself."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return loops
    by_bar = np.asarray(loops).reshape(len(loops), 2, BAR, 3 * N_VOICES)
    hit = by_bar[..., :N_VOICES] > 0.5
    hats = hit[..., CLOSED_HAT] | hit[..., OPEN_HAT]  # (N, 2, 16)
    off_foot = np.ones(BAR, bool)
    off_foot[BACKBEAT] = False
    beat = rows[:, None] & ~hit[..., LOW_TOM:HIGH_TOM + 1].any((-1, -2))  # (N, 2): a riding row's bars, no fill
    moving = beat & ((hats & off_foot).sum(-1) > hit[..., RIDE].sum(-1))
    riding = beat & ~moving & (hit[..., RIDE].sum(-1) >= RIDING) & ~(hats & off_foot).any(-1)
    # The draw between the two: the network rode every beat beside a hat on 2 and 4 with its pickup on the 16th
    # before ("---x X--- ---x X---", GMD's pedal hat on the closed hat's voice); a hat not on the beats alone is no
    # foot to limbs.playable, so the ride lost 2 and 4 to it and the snare's backbeat (no_backbeat then took the
    # snare): map26's bass asked for jazz had ridden "X-x- --x- X-X- --x-" over stick hats on the "a" of 1, 2, the
    # "a" of 3 and 4 in 32 of 48 bars. Such a bar keeps its time on the ride: its hats go to the foot, none to the
    # ride (a drum take's ride on the 16ths beside hats on the 8ths had ridden every 16th), and the ride fills its
    # beats at its own level; so does a bar the ride keeps that misses a beat.
    gaps = (~hit[..., ::4, RIDE] & ~hit[..., ::4, CRASH]).any(-1)
    gapped = beat & ~moving & hit[..., RIDE].any(-1) & (~riding | gaps)
    if not (moving.any() or riding.any() or gapped.any()):
        return loops
    out = np.array(loops, np.float32, copy=True)
    view = out.reshape(by_bar.shape)
    for i, b in zip(*np.nonzero(moving | riding | gapped)):
        bar = view[i, b]
        if moving[i, b]:
            for hat in (OPEN_HAT, CLOSED_HAT):  # (a closed hat's feel wins where both sounded)
                to_ride = hit[i, b, :, hat] & ~hit[i, b, :, RIDE] & RIDE_EIGHTHS
                bar[to_ride, RIDE::N_VOICES] = bar[to_ride, hat::N_VOICES]
        if moving[i, b] or gapped[i, b]:
            # the four beats ridden (a drum take's hats, leaving 2 and 4 to its backbeat, had ridden "X-x- --x-")
            ride = bar[:, RIDE] > 0.5
            missing = np.zeros(BAR, bool)
            missing[0::4] = ride.any()
            missing &= ~ride & ~hit[i, b, :, CRASH]
            if missing.any():
                on_beats = ride[0::4]
                level = bar[0::4, N_VOICES + RIDE][on_beats] if on_beats.any() else bar[ride, N_VOICES + RIDE]
                bar[missing, RIDE::N_VOICES] = (1.0, float(np.median(level)),
                                                float(np.median(bar[ride, 2 * N_VOICES + RIDE])))
        # the foot's "chick" on 2 and 4 in every bar, under the ride (a seed's draw that rode had none, and a
        # stick's hat moved there had sounded as a second hand)
        level = np.where(hit[i, b, BACKBEAT, CLOSED_HAT], bar[BACKBEAT, N_VOICES + CLOSED_HAT],
                         np.where(hit[i, b, BACKBEAT, OPEN_HAT], bar[BACKBEAT, N_VOICES + OPEN_HAT], FOOT_LEVEL))
        bar[:, CLOSED_HAT::N_VOICES] = 0.0
        bar[:, OPEN_HAT::N_VOICES] = 0.0
        bar[BACKBEAT, CLOSED_HAT] = 1.0
        bar[BACKBEAT, N_VOICES + CLOSED_HAT] = np.minimum(level, FOOT_LEVEL)
        # A draw's snare on 2 or 4 beside the ride and the foot (d_dm22, d_e2m3, d_map26: a soft snare on 4 in every
        # bar) goes: the left hand comps on the "and"s instead (`comp` lays none in a bar that plays the snare). The
        # foot is no hand (limbs.one_drummer): it plays beside two sticks, where it had given way to them.
        crowded = (bar[:, HANDS_FROM:N_VOICES] > 0.5).sum(1) > MAX_HANDS
        bar[crowded & (bar[:, SNARE] > 0.5), SNARE::N_VOICES] = 0.0
    return out


def no_backbeat(loops: np.ndarray, rows: np.ndarray, bars=None, steps: np.ndarray = BACKBEAT) -> np.ndarray:
    """Loops (N, 32, 27) whose loops `rows` (N,) bool play no rock backbeat on the snare: a bar's snare on all its
    backbeat `steps` (2 and 4; a half-time bar's 3) goes from them (`comp` then comps in the bar), and every other
    snare note of theirs is at most LOUDEST, a comp note's level. bars: (N, 2) bool, the loops' bars this plays in
    (None: both). A jazz drummer keeps 2 and 4 on the hat's foot; a seed's or a version's draw, asked for jazz,
    had played a loud snare on 2 and 4 in every bar. A new array where a note changes, else loops itself."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return loops
    by_bar = np.asarray(loops).reshape(len(loops), 2, BAR, 3 * N_VOICES)
    bars = rows[:, None] if bars is None else rows[:, None] & np.asarray(bars, bool)
    bars = bars & ~(by_bar[..., LOW_TOM:HIGH_TOM + 1] > 0.5).any((-1, -2))  # (a fill's bar keeps its snare)
    snare = (by_bar[..., SNARE] > 0.5) & bars[..., None]  # (N, 2, 16)
    backbeat = snare[..., steps].all(-1)  # (N, 2)
    loud = snare & (by_bar[..., N_VOICES + SNARE] > LOUDEST)
    if not (backbeat.any() or loud.any()):
        return loops
    out = np.array(loops, np.float32, copy=True)
    view = out.reshape(by_bar.shape)
    view[..., N_VOICES + SNARE][loud] = LOUDEST
    gone = np.zeros_like(snare)
    gone[..., steps] = backbeat[..., None]
    view[..., SNARE::N_VOICES][gone] = 0.0
    return out


def comp(loops: np.ndarray, grooves: np.ndarray, rows: np.ndarray, seeds=None, bars=None,
         swung_grid: bool = False, counts=None, density=None) -> np.ndarray:
    """Loops (N, 32, 27), straight in the loop's 4/4 frame, with a jazz drummer's snare comping in the riding bars
    of the loops `rows` (N,) bool: COUNTS[bar] quiet notes on "and"s where the part (grooves (N, 32, 3), straight)
    plays no note, reached for in ORDERS[bar]'s order (an "and" where the part plays where it rests nowhere), where
    a hand is free. The bar's place in the phrase is its place in the song (counts (N,): each loop's first bar
    counted as the song's run counts it, song_bars.py; None: the loops are the part's from its first bar, loop i's bars
    2i and 2i + 1) moved by the loop's seed (seeds (N,) or None), so each take comps its own way, and bars drummed
    again (--bars, a time selection) comp as the whole song's do. bars: (N, 2) bool, the loops' bars to comp in
    (None: both; half time's bars on the real grid, half_time_genres.py). swung_grid: the grooves are a swung
    part's on the real grid, its "and"s on the 16th after them. A new array where a note is added, else loops
    itself. density: the Conditioning's (None: left to the input); a busy loop (`busy`) comps BUSY_COUNTS, on the
    4/4 loop frame over `busy_jazz`'s ride and feathered kick."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return loops
    seeds = np.zeros(len(loops), np.int64) if seeds is None else np.broadcast_to(np.asarray(seeds, np.int64),
                                                                                  (len(loops),))
    firsts = 2 * np.arange(len(loops)) if counts is None else np.asarray(counts, np.int64)
    many = busy(density, len(loops))
    if bars is None and not swung_grid:  # (4/4's loop frame)
        loops = busy_jazz(loops, rows, many)
    out = None
    part = np.asarray(grooves)[..., 0] > 0.5
    if swung_grid:
        part[:, ANDS] |= part[:, ANDS + 1]
        part[:, ANDS + BAR] |= part[:, ANDS + BAR + 1]
    for i in np.flatnonzero(rows):
        for b, start in enumerate(range(0, STEPS, BAR)):
            if bars is not None and not bars[i, b]:
                continue
            bar = loops[i, start:start + BAR] if out is None else out[i, start:start + BAR]
            place = int(firsts[i] + b + seeds[i]) % len(COUNTS)
            steps = comp_steps(bar, ORDERS[place], (BUSY_COUNTS if many[i] else COUNTS)[place],
                               part[i, start:start + BAR])
            if not len(steps):
                continue
            if out is None:
                out = np.array(loops, np.float32, copy=True)
            lay_comp(out[i, start:start + BAR], steps)
    return loops if out is None else out


def comp_steps(bar: np.ndarray, order, count: int, plays: np.ndarray, riding: int = RIDING) -> np.ndarray:
    """The steps of a bar (steps, 27) to comp on: `count` of the "and"s `order` reaches for, where a hand is free,
    those where the part rests first (plays: bool per step, the part's onsets there); none in a bar that keeps no
    time (under `riding` notes on its ride or closed hat), plays the snare or a fill's toms. One rule for any bar
    length: comp's 4/4 bars and meter_genres.jazz_comp's 3/4 and 6/8 bars."""
    hit = bar[:, :N_VOICES] > 0.5
    if hit[:, keeper_of(hit)].sum() < riding or hit[:, SNARE].any() or hit[:, LOW_TOM:HIGH_TOM + 1].any():
        return np.zeros(0, int)
    free = hit[:, HANDS_FROM:].sum(1) < MAX_HANDS
    order = [s for s in order if free[s]]
    order = [s for s in order if not plays[s]] + [s for s in order if plays[s]]
    return np.array(order[:count], int)


def keeper_of(hit: np.ndarray) -> int:
    """The time-keeper of a bar's hits (steps, 9): the ride where it plays as often as the closed hat, else the hat."""
    return RIDE if hit[:, RIDE].sum() >= hit[:, CLOSED_HAT].sum() else CLOSED_HAT


def lay_comp(bar: np.ndarray, steps: np.ndarray) -> None:
    """Comp notes on a bar's `steps` (comp_steps), in place: each at LEVEL times the time-keeper's note on the 8th
    before it (its loudest where none plays there), within QUIETEST and LOUDEST, on that note's timing."""
    hit = bar[:, :N_VOICES] > 0.5
    keeper = keeper_of(hit)
    before = steps - 2  # the 8th before each "and" (a beat, or the ride's 8th in 6/8)
    loudest = bar[hit[:, keeper], N_VOICES + keeper].max()
    level = np.where(hit[before, keeper], bar[before, N_VOICES + keeper], loudest)
    bar[steps, SNARE] = 1.0
    bar[steps, N_VOICES + SNARE] = np.clip(LEVEL * level, QUIETEST, LOUDEST)
    bar[steps, 2 * N_VOICES + SNARE] = np.where(hit[before, keeper], bar[before, 2 * N_VOICES + keeper], 0.0)


def at_most(loops: np.ndarray, grooves: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Loops (N, 32, 27) whose loops `rows` (N,) bool (jazz's beats, not fills) keep at most MOST_SNARES snare
    notes in a bar with no fill's toms: those answering the part (grooves (N, 32, 3), straight) where it rests
    first, then the louder. A draw's softened snares had played 4 in a bar of shuffle_blues beside the comping's
    (0-2 a bar is a jazz drummer's left hand). A new array where a note goes, else loops itself."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return loops
    out = None
    part = np.asarray(grooves)[..., 0] > 0.5
    for i in np.flatnonzero(rows):
        for start in range(0, STEPS, BAR):
            bar = loops[i, start:start + BAR]
            hit = bar[:, :N_VOICES] > 0.5
            snare = np.flatnonzero(hit[:, SNARE])
            if len(snare) <= MOST_SNARES or hit[:, LOW_TOM:HIGH_TOM + 1].any():
                continue
            kept = sorted(snare, key=lambda s: (part[i, start + s], -bar[s, N_VOICES + SNARE], s))[:MOST_SNARES]
            if out is None:
                out = np.array(loops, np.float32, copy=True)
            gone = np.setdiff1d(snare, kept)
            out[i, start + gone, SNARE::N_VOICES] = 0.0
    return loops if out is None else out
