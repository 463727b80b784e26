"""How far versions and seeded takes of a drum part stay from each other, and drawing a seeded take.

A version (`--variations`) is another take of the part: it differs from every
earlier one in at least MIN_VARIATION_CHANGE of its hits, else it is drawn
again (Engine.drumify_variations). A seed other than 0 at the default
temperature is a take of its own (`draw_take`): clear of seed 0's most likely
drums and of its neighbouring seeds' takes, keeping its backbeat, downbeats and
energy, judged without the open hat a genre lays by the song's bars. `held` plays one take per section through it (`--hold`). Plain numpy over hits (..., 32, 9) bool.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .genre_open_hats import without_laid_hats
from .limbs import CLOSED_HAT, KICK, OPEN_HAT, RIDE, SNARE, backbeat
from .loop import HVO_WIDTH, N_VOICES, STEPS
from .meter import bars_beats, is_pickup, is_plain
from .settings import Settings

# The variety of the takes that `drumify_variations` draws (settings.temperature, if higher, wins):
# versions then differ in about a quarter to a half of their hits (benchmarks/bench_controls.py).
VARIATION_TEMPERATURE = 0.8
MIN_VARIATION_CHANGE = 0.15  # a version differs from every earlier one in at least this share of hits (issue 10)
REDRAWS = 3  # the other seeds tried for a version too close to an earlier one
# ... in at most this many rounds, while a version is still too close or keeps odd time (a waltz's four takes
# came out within 10% of each other, and the one redraw clear of them played a ride on beat 1 only; of its
# eight versions, the 4th found a clean draw in round 4; a 12/8 part's 4th, one whose hat and ride do not split
# the pulse, in round 6). A round costs one model call for the faulty versions only.
REDRAW_ROUNDS = 8
# A seeded take at the default temperature (settings.temperature_auto, seed not 0) differs from seed 0's most
# likely drums in at least this share of the part's hits (issue 10: the panel's dice always changes the
# drums). At TAKE_TEMPERATURE the shipped model's takes of a steady 8th-note or half-note bass left every
# hit where seed 0 has it (5 of 15 band parts), where other parts' takes differ by 3-30%. A tenth is about
# one hit in each bar of a steady part (a 2-bar loop plays 25-35), audible, and under a version's
# MIN_VARIATION_CHANGE (a seed is the same drummer in another mood; a version is another part).
MIN_TAKE_CHANGE = 0.10
# A take too close to seed 0 is drawn again along the seed's own direction, further out (the prior's point
# at these multiples of its spread), then along REDRAWS other directions of its own at the last of them.
TAKE_LADDER = (0.5, 0.8)
# A draw kept without looking further plays between these multiples of the most likely drums' hits.
TAKE_ENERGY = (2 / 3, 3 / 2)
# ... and has at most this share of its bars more than seed 0's that the density rules call odd (`odd_bars`:
# the half-note bass's seed 3 had drawn a snare on 2, 3 and the "and" of 4 under hats on 2 and 4 in
# every bar), or fewer bars with their downbeat kick (`downbeat_kicks`: the waltz's seed 3 kicked bar 1 of 2).
TAKE_ODD_BARS = 0.1


def hit_change(a: np.ndarray, b: np.ndarray) -> float:
    """How much two parts' hits (bool, one shape) differ: the share of hits that change, over the larger
    part's hits (the measure of every floor here and of the benchmarks that check them)."""
    return float((a ^ b).sum() / max(a.sum(), b.sum(), 1))


def closest(hits: np.ndarray, v: int, among=None) -> float:
    """How little version v's hits (versions, W, 32, 9) differ from the nearest of the versions `among`
    (default: the earlier ones): their `hit_change`."""
    among = range(v) if among is None else among
    return min((hit_change(hits[v], hits[u]) for u in among), default=1.0)


def faults(hits: np.ndarray, v: int, among, plain: int, plain_backbeat: float,
           floor: float) -> tuple[bool, bool, float]:
    """What is wrong with version v of `hits` (versions, W, 32, 9), as a sort key (best first): it differs from
    the nearest of the versions `among` (default: the earlier ones) in under `floor` of its hits; it keeps
    the backbeat in under half as many bars as the plain version (`plain` hits, `plain_backbeat` share of
    bars); then, of draws all too close, the furthest, else the nearest the plain version's hit count (so a
    redraw is heard as another take at about the same energy, not a busier or thinner part)."""
    change = closest(hits, v, among)
    # of draws all too close, the furthest (nearest the plain's hit count had picked the plain itself)
    return (change < floor, plain_backbeat >= 0.5 and backbeat(hits[v]) < plain_backbeat / 2,
            -change if change < floor else abs(int(hits[v].sum()) - plain))


def odd_bars(hits: np.ndarray) -> float:
    """Share of the bars of hits (W, 32, 9) that the density rules (core/limbs.py) would call odd: a snare
    on beats 2, 3 and 4 at once (`one_backbeat`), or a time-keeper (hats or ride) on 3 of the 4 beats
    (`steady_hands`)."""
    bars = np.asarray(hits).reshape(-1, 16, N_VOICES)
    if not len(bars):
        return 0.0
    snare = bars[..., SNARE]
    keeper = bars[:, ::4][..., [CLOSED_HAT, OPEN_HAT, RIDE]].any(-1).sum(-1)
    return float(((snare[:, 4] & snare[:, 8] & snare[:, 12]) | (keeper == 3)).mean())


def downbeat_kicks(hits: np.ndarray, meters) -> float:
    """Share of the bars of hits (W, 32, 9), on their real grid (meters: each window's bars, None: 4/4),
    with a kick on their downbeat; a pickup's partial bar is left out."""
    bars = kicked = 0
    for w, loop in enumerate(hits):
        window = None if meters is None else meters[w]
        if is_pickup(window):
            continue
        for bar in bars_beats(window):
            if bar[0].start < STEPS:
                bars += 1
                kicked += bool(loop[bar[0].start, KICK])
    return kicked / max(bars, 1)


def kick_astray_bars(hits: np.ndarray, ref: np.ndarray) -> float:
    """Share of the bars of `ref` (W, 32, 9) kicking at least twice where `hits` kicks under half or over
    twice as often: a take that drops the kick to beat 1 under a bass line playing 1, the "and" of 2, 3 and
    the "and" of 4 (a keys part's 4th version, the same part's seed 2), or kicks 10 times a bar there, has
    left the band, not found another groove."""
    kicks = lambda h: np.asarray(h, bool).reshape(-1, 16, N_VOICES)[..., KICK].sum(-1)  # noqa: E731
    mine, theirs = kicks(hits), kicks(ref)
    astray = (theirs >= 2) & ((2 * mine < theirs) | (mine > 2 * theirs))
    return float(astray.sum() / max(len(theirs), 1))


# Snares a beat off the backbeat beyond which a bar is a roll, not a groove (versions of a waltz and a 4/4
# ballad had played 11 and 9 snares a bar in every bar; GMD's funk bars of 28+ hits ghost 7.7 a bar: 1.9 a beat
# in 4/4, but a version is judged against the plain version's own share of such bars).
ROLL_SNARES = 1.5


def time_faults(hits: np.ndarray, meters) -> float:
    """Share of the bars of hits (W, 32, 9), on their real grid (meters: each window's bars, None: 4/4), whose
    time a drummer would call broken: neither the closed hat nor the ride on at least two of the bar's beats
    (all of a 2-beat bar's: 6/8), open hats played more than that time-keeper (the open hat as the pulse),
    a time-keeper (hats or ride, whichever plays more) other than both its neighbours' (ride and hats
    swapping bar by bar; a section moving to the ride is one change), or no snare on the bar's backbeat (the
    beats that play the loop's 2 and 4: 2 and 4 in 4/4, 2 and 3 in a waltz, 2 in 6/8), or a snare roll for a
    groove (more than ROLL_SNARES a beat off that backbeat). A waltz's version had kept time with a ride on
    beat 1 only and an open hat on the "and" of 2 and on 3 (a 4/4 take's ride on 1 and 3 loses its 3 in 3/4),
    another a snare on every 16th but the 1. A pickup's partial bar is left out."""
    broken, rides = [], []  # per bar: broken as it is; its time-keeper is the ride
    for w, loop in enumerate(np.asarray(hits, bool)):
        window = None if meters is None else meters[w]
        if is_pickup(window):
            continue
        for bar in bars_beats(window):
            beats = [b for b in bar if b.start < STEPS]
            if not beats:
                continue
            lo, hi = beats[0].start, min(beats[-1].start + beats[-1].length, STEPS)
            on = loop[[b.start for b in beats]]  # (beats, 9): what plays on each beat
            hat, ride, opened = (int(loop[lo:hi, v].sum()) for v in (CLOSED_HAT, RIDE, OPEN_HAT))
            backbeat = [b.start for b in beats if b.source % 2]
            rolls = loop[lo:hi, SNARE].sum() - loop[backbeat, SNARE].sum() > ROLL_SNARES * len(beats)
            # the pulse split between two cymbals: the hat on the beats, the ride only between them
            split = ride > 0 and not on[:, RIDE].any() and on[:, CLOSED_HAT].any()
            broken.append(max(on[:, CLOSED_HAT].sum(), on[:, RIDE].sum()) < min(len(beats), 2)
                          or opened > max(hat, ride) or rolls or split or not loop[backbeat, SNARE].all())
            rides.append(ride > hat + opened)
    for i in range(1, len(rides) - 1):
        broken[i] |= rides[i] != rides[i - 1] and rides[i] != rides[i + 1]
    return float(sum(broken) / max(len(broken), 1))


def keep_apart(out: np.ndarray, redraws: Callable[[list[int], int], np.ndarray], meters,
               judged: np.ndarray | None = None) -> None:
    """Versions out (n, W, 32, 27) of a part (version 0 the plain one) with each weak version replaced in place by
    the best of its redraws (redraws(weak versions, round) -> (REDRAWS * len(weak), W, 32, 27), REDRAWS draws
    for each weak version in turn).

    A take too close to an earlier version (one groove through a part can make two draws agree; a
    pattern's point can sit where a small move changes nothing), or one
    that drops the backbeat the plain version keeps (a draw far from the input's point can leave one
    snare in two bars), is drawn again: of three other draws, the one with fewest of those faults and
    nearest the plain version's hit count, so every version is one an arranger hears as another at
    about the same energy. (A hotter redraw brought bars of 8+ kicks instead.) judged: the windows the versions are
    heard in (None: all; bars drummed from a whole song: its windows playing them, bar_range.py)."""
    n, w = out.shape[:2]
    judged = np.arange(w) if judged is None else np.flatnonzero(judged)
    meters = None if meters is None else [meters[i] for i in judged]
    hits = out[:, judged, ..., :N_VOICES] > 0.5
    plain, plain_backbeat = int(hits[0].sum()), backbeat(hits[0])
    plain_down, plain_time = downbeat_kicks(hits[0], meters), time_faults(hits[0], meters)

    def rank(v: int, among=None) -> tuple[bool, bool, float, float]:
        close, no_backbeat, order = faults(hits, v, among, plain, plain_backbeat, MIN_VARIATION_CHANGE)
        # a bar without its downbeat kick where the plain version has one is odd, as in a seeded take (a
        # keys part's version 4 kicked beat 1 of bar 1 and nothing in bar 2); so is time a drummer would
        # not keep (a waltz's version 3: a ride on beat 1 only, open hats on the "and" of 2 and on 3), and a
        # kick under half or over twice the plain version's (a keys part's version 4: beat 1 only); by how
        # many bars past the tolerance, so of draws all odd the one with the fewest odd bars is kept
        odd = max(plain_down - TAKE_ODD_BARS - downbeat_kicks(hits[v], meters),
                  time_faults(hits[v], meters) - plain_time - TAKE_ODD_BARS,
                  kick_astray_bars(hits[v], hits[0]) - TAKE_ODD_BARS, 0.0)
        return close, no_backbeat, odd, order

    # Round after round (REDRAW_ROUNDS at most) the versions still faulty are drawn again: where a part's
    # takes come out close to each other (a waltz's), the one draw of a round clear of the others could
    # be one that keeps no drummer's time.
    for round_ in range(REDRAW_ROUNDS):
        weak = [v for v in range(1, n) if any(rank(v)[:3])]
        if not weak:
            break
        alts = redraws(weak, round_).reshape(REDRAWS, len(weak), w, STEPS, HVO_WIDTH)
        for j, v in enumerate(weak):
            others = [u for u in range(n) if u != v]  # a redraw must not land next to a later version either
            ranks = [rank(v, others)]  # the version as drawn, then each other seed
            for c in range(REDRAWS):
                hits[v] = alts[c, j, judged, ..., :N_VOICES] > 0.5
                ranks.append(rank(v, others))
            best = min(range(REDRAWS + 1), key=ranks.__getitem__)
            if best:
                out[v] = alts[best - 1, j]
            hits[v] = out[v, judged, ..., :N_VOICES] > 0.5


def other_seed(seed: int, k: int) -> int:
    """The k-th other direction of a seed's take (1, 2, ...): a number of its own for (seed, k), not another
    seed's own direction (seed + k would be seed k + 1's take)."""
    return int(np.random.SeedSequence((int(seed), 0x7A6E, k)).generate_state(1, np.uint32)[0])


def draws_take(settings: Settings) -> bool:
    """Whether the settings ask for a seeded take at the default temperature (settings.temperature_auto, a
    seed other than 0): one `draw_take` keeps at least MIN_TAKE_CHANGE away from seed 0's drums."""
    return bool(settings.temperature_auto) and settings.seed != 0


def take_draws(seed: int, settings: Settings) -> list[tuple[int, float]]:
    """The draws (seed, temperature) `draw_take` tries for a seed, in order: the seed's own direction at
    settings.temperature, further out along it (TAKE_LADDER), then REDRAWS other directions of its own."""
    top = max(settings.temperature, *TAKE_LADDER)
    return [(seed, settings.temperature), *((seed, t) for t in TAKE_LADDER if t > settings.temperature),
            *((other_seed(seed, k), top) for k in range(1, REDRAWS + 1))]


def neighbours(seed: int) -> list[int]:
    """The seeds either side of a seeded take's (seed 0, the most likely drums, aside)."""
    return [n for n in ((seed - 1) % 2**32, (seed + 1) % 2**32) if n != 0 and n != seed]


def draw_take(play: Callable[[int, float], np.ndarray], settings: Settings,
              first: tuple[int, float] | None = None, meters=None,
              apart: bool = False) -> tuple[np.ndarray, int, float]:
    """A seeded take at the default temperature (see `draws_take`): the loops kept and the draw (seed,
    temperature) they were played at. play(seed, temperature) -> loops: the part under the settings at
    that draw (a seed's draw is one direction of the prior, temperature how far out along it).

    The take is drawn at settings.temperature (TAKE_TEMPERATURE). If its hits differ from seed 0's most
    likely drums, play(0, 0.0), in under MIN_TAKE_CHANGE of them over the whole part (a draw near the
    prior's point can leave every hit in place), or it keeps the backbeat in under half as many bars,
    it is drawn further out along the same direction (TAKE_LADDER), then along REDRAWS other directions
    of the seed's own at the ladder's top. The first draw without those faults, with TAKE_ODD_BARS
    more odd bars than seed 0's at most and TAKE_ENERGY's hits, is kept, else the best (fewest faults in
    that order, then drumify_variations' order: the furthest of draws all too close). Each draw costs
    a model call: the reference and the take at least, the ladder only where needed. Same settings +
    same seed = the same take, bit for bit. first: a draw to try before the others (a live session's
    take so far, kept while it stays clear of seed 0's drums). meters: the bars each window plays
    (Windows.meters; None: 4/4): odd bars are counted in the 4/4 windows only.

    apart: the take also keeps MIN_TAKE_CHANGE from the takes its neighbouring seeds (`neighbours`) can keep:
    a draw is kept only clear of the first draw fit to keep (no fault above) of each neighbour's from its own
    place in their order on (`take_draws`), which the neighbour keeps unless that one was too near a neighbour
    of its own (a check of every later place cost the dice's take twice the model calls). The
    draws of a steady part settle on the few grooves it allows (d_dm20's seeds 2 and 3 both dropped the same
    16 hits; shuffle_blues.mid's seeds 1 and 2 were 3% apart): `--seed 2` after `--seed 1`, or the dice, then
    played the take just heard. A neighbour's draw costs a model call, made only to judge a draw otherwise kept."""
    four = slice(None) if meters is None else [w for w, bars in enumerate(meters) if is_plain(bars)]
    mix = settings.genre_weights()

    def heard_hits(loops: np.ndarray) -> np.ndarray:
        """A draw's hits as judged: without the hats of hip-hop's and funk's open hat on the "and" of 3 and disco's on
        the "and"s (its 4/4 windows), which the rule lays by the song's bars, not the take (funk_bass's seed 2 had
        been kept as a take of its own on seed 0's groove, 6 of its 14 changes those bars)."""
        hits = loops[..., :N_VOICES] > 0.5
        hits[four] = without_laid_hats(hits[four], mix)
        return hits

    ref = heard_hits(play(0, 0.0))
    count, beat, odd = int(ref.sum()), backbeat(ref), odd_bars(ref[four])
    down = downbeat_kicks(ref, meters)
    draws = take_draws(settings.seed, settings)
    if first is not None:
        draws = [first, *(d for d in draws if d != first)]
    others = [take_draws(n, settings) for n in neighbours(settings.seed)] if apart else []
    heard: dict[tuple[int, float], tuple[np.ndarray, bool]] = {}  # a neighbour's draw: its hits, fit to keep

    def rank(hits: np.ndarray) -> tuple:
        """A draw's faults, best first: the variations' (near seed 0's drums, the backbeat dropped), more odd
        bars than seed 0's (a bar without its downbeat kick is odd too: a waltz's kick on bar 1 of 2 only),
        another part's energy (a kick under half or over twice seed 0's too, `kick_astray_bars`), then room for
        the neighbours' drums, then the order `faults` gives."""
        close, no_backbeat, order = faults(np.stack([ref, hits]), 1, [0], count, beat, MIN_TAKE_CHANGE)
        return (close, no_backbeat, odd_bars(hits[four]) > odd + TAKE_ODD_BARS
                or downbeat_kicks(hits, meters) < down - TAKE_ODD_BARS,
                not TAKE_ENERGY[0] * count <= hits.sum() <= TAKE_ENERGY[1] * count
                or kick_astray_bars(hits, ref) > TAKE_ODD_BARS, False, order)

    def fit_from(draws_n: list[tuple[int, float]], i: int):
        """A neighbour's first draw fit to keep from place i of its order on (None: none), drawn once each."""
        for draw in draws_n[i:]:
            if draw not in heard:
                hits = heard_hits(play(*draw))
                heard[draw] = hits, not any(rank(hits)[:4])
            if heard[draw][1]:
                return heard[draw][0]
        return None

    tried, ranks = [], []
    for i, (seed, temperature) in enumerate(draws):
        loops = play(seed, temperature)
        hits = heard_hits(loops)
        ranks.append(rank(hits))
        # a draw fit to keep is heard against what each neighbour would keep from its place in their order on
        # (only then: a draw near seed 0's drums costs no neighbour's calls)
        if not any(ranks[-1][:4]) and any(near is not None and hit_change(hits, near) < MIN_TAKE_CHANGE
                                          for near in (fit_from(o, i) for o in others)):
            ranks[-1] = ranks[-1][:4] + (True, ranks[-1][5])
        tried.append((loops, seed, temperature))
        if not any(ranks[-1][:5]):
            break  # the first draw that is a take of its own, as a drummer plays it
    return tried[min(range(len(tried)), key=ranks.__getitem__)]


def held(grooves: np.ndarray, z, g: np.ndarray, bass, part_takes: np.ndarray):
    """settings.hold (Engine.drumify_grooves and its variations): one pattern per section (part_takes:
    sections.section_takes), its most typical window's groove repeated (_typical): (z, g, bass) for every window. A producer holding a loop wants no drift within a section, but
    a drummer still changes where the band does (one loop for a whole song played its verse groove through
    the bridge); a section the band plays again (the second chorus) is its take again, so it gets the same
    loop. Without a pattern (z None) the model plays that groove at its own point, as drumify plays a window
    (with the average drummer and a steady pulse: a latent given explicitly is decoded without them, and the
    input's mean point so decoded put the snare on beats 2, 3 and 4 of shuffle_blues.mid); with a pattern,
    at the mean of the section's windows' points."""
    if not len(grooves):
        return z, g, bass
    z, g = (None if z is None else z.copy()), g.copy()
    bass = None if bass is None else bass.copy()
    onsets = grooves[:, :, 0].sum(1)
    for t in np.unique(part_takes):
        rows = np.flatnonzero(part_takes == t)
        if z is not None:
            played = rows[onsets[rows] > 0]
            z[rows] = z[played if len(played) else rows].mean(0)
        typical = _typical(grooves, bass, rows)
        g[rows] = g[typical]
        if bass is not None:
            bass[rows] = bass[typical]
    return z, g, bass


def _typical(grooves: np.ndarray, bass, rows: np.ndarray) -> int:
    """The window of `rows` that the section mostly plays: the one whose onsets (and the bass's) are nearest
    all its other played windows', ties to the busiest. The busiest alone put one bar of chorus 8ths in a
    second verse on the whole verse, which then no longer sounded like the first (a drummer holds the
    groove the band mostly plays there)."""
    hits = [grooves[rows, :, 0] > 0] + ([] if bass is None else [np.asarray(bass)[rows, :, 0] > 0])
    busy = sum(h.sum(1) for h in hits)
    played = np.flatnonzero(busy > 0)
    if len(played) < 3:  # two windows are each as near the other: the busier (as before)
        return int(rows[np.argmax(busy)])
    apart = sum((h[played, None, :] != h[None, played, :]).sum(-1) for h in hits).sum(1)
    best = played[apart == apart.min()]
    return int(rows[best[np.argmax(busy[best])]])
