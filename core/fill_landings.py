"""How a part's fills land: the last beat of a fill played as another of a drummer's landings where it would land
as the fill before it did (or the one before that), the fill's earlier beats kept.

The network lands almost every tom fill alike: at seed 0, with --fill-every 4bars, all 35 tom fills of a pop,
a rock and a funk song ended on the floor tom on 4 and its "and", and its redraws (fills.draw_fills) offer no
other landing. A drummer keeps their fills' own openings and varies how they land: down the toms, snare 16ths
into the crash, snare and floor tom together, floor tom and kick in turn, or a stop on the "and" (a space before
the crash). Each landing is written for the beat it ends on (a quarter, 6/8's dotted quarter, an 8th), at 16ths,
in one drummer's two hands and a foot (limbs.one_drummer) and only where two hands play it at the window's tempo
(hand_speed.two_hands); its strokes climb into the crash, and after a fill moving down the kit go on down it where
a landing that does is unlike the last ones (`_on_down`). A phrase fill's landing is no bigger than its own (or
SMALL_LANDING), so the fill into a section (fills.busiest) stays the big one and may take the biggest landing; a
fill that runs on through its last beat (16ths down the toms, one roll with 16ths in it) is played as it is; the
floor tom alone on 4 and its "and" (the network's commonest fill, every fill of 3 in 9 live sessions) is a landing,
varied as the others. Over those three songs, 3 seeds and --variations 4, 57% of the fills had landed as the fill
before them (by landing_figure), 0.2% now; of a live session's fills (live_landings.py), 32% had, none now.
A fill in 3/4 or 6/8 lands on a beat (`--fill-length half`: the waltz's last two beats, one of 6/8's two
dotted beats), and the network played that beat in 8ths, or fewer: over the bundled piano waltz with
--fill-every 4bars 1-3 strokes (the floor tom on 3 and its "and"; at seed 3 one mid-tom stroke) where its 4/4 fills
play 4-6 over two beats. A drummer fills it in 16ths: a last beat struck on under METER_FILL 16ths
(`thin_meter_fill`; a waltz's two-beat fill's backbeat on 2 had counted, leaving the floor tom's two strokes on 3)
lands as one of the landings struck on at least that many (drawn from its seed, unlike the last ones). Reggae's 4/4
fills are thin too (the network's reggae draws: over freedoom's d_e2m1 the drop, one snare, then the kick and a hat
on 4 and nothing into the 1): where reggae leads they land so in 4/4 as well, and its fill bars keep the drop
(reggae_bars.py). Above fill_runs.EIGHTHS_BPM a thin fill lands on 8ths and a two-hand 16th pair (FAST_LANDINGS: none
of LANDINGS is both 3 16ths and two hands' 8ths, so d_dm04's reggae fills at 210 BPM had kept the network's),
on the snare where no tom came before it, else on down the toms. A latin part's fills (fill_feel.LATIN_*) land as
GMD's latin and afro-cuban drummers end theirs (LATIN_LANDINGS: the snare, the timbale and the floor tom, no mid
tom, often a space before the 1, the last stroke accented; above EIGHTHS_BPM those two hands play there, no more than
fill_feel.FAST_RUN 16ths in a row): rock's landings had re-laid them down the mid tom.
Plain numpy over a part's loops on their real grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .fill_feel import FAST_RUN, LATIN_BODY, SPARSE_DENSITY, feel_of
from .fill_meters import meter_window
from .fill_runs import EIGHTHS_BPM, heights, song_key, step_timing
from .half_time import half_time_window, song_quarters
from .hand_speed import ONE_HAND_BPM, two_hands
from .loop import N_VOICES, STEPS_PER_BEAT, VOICES, runs
from .meter import _folds as folds_of, bars_beats, is_pickup, window_beats  # (folds: the loop beats a bar skips)
from .muted_voices import silence_muted
from .reggae_bars import reggae_fill_bars, reggae_leads
from .swing import swing_loops

KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
LOW, MID, HIGH = (VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom"))
DRUMS = [SNARE, LOW, MID, HIGH]  # a landing's figure: what the hands play on the drums (fills.FILL_VOICES)
TOMS = DRUMS[1:]
HANDS = [v for v in range(N_VOICES) if v not in (KICK, CRASH)]  # what a landing's hands leave to play it
LANDING_MEMORY = 2  # a fill lands unlike the fill before it and the one before that
# A landing's strokes climb from this share of the fill's loudest stroke (where the fill plays none before its last
# beat) to it, the crash after them: GMD's fills climb into the downbeat (fills.climb).
LANDING_FLOOR = 0.8
# The snare and tom strokes a phrase fill's landing may have where its own had fewer: the network's own are 2-3
# (the floor tom on 4 and its "and", a tom or the snare beside one of them).
SMALL_LANDING = 3
# The 16ths a 3/4 or 6/8 fill strikes its drums on at the least (a quarter's 8ths and one 16th; 6/8's dotted beat's
# three 8ths. Its 4/4 fills over two beats strike 4-5)
METER_FILL = 3
BIG_LAST = 3  # the 16ths a fill into a section strikes in its last beat that make it big as it is
THIN_METERS = ((3, 4), (6, 8))


def _toms_down(n: int) -> list[list[int]]:
    """Every 16th down the toms, high to floor, a third of the beat each (a quarter: high high mid floor)."""
    return [[(HIGH, MID, LOW)[3 * t // n]] for t in range(n)]


def _snare_run(n: int) -> list[list[int]]:
    """Snare 16ths into the crash, the floor tom with the last."""
    return [[SNARE] if t < n - 1 else [SNARE, LOW] for t in range(n)]


def _snare_and_floor(n: int) -> list[list[int]]:
    """Snare and floor tom together on the beat and its last two 16ths (on a quarter: 4, its "and" and "a"), the
    foot under the first."""
    return [[SNARE, LOW, KICK] if t == 0 else [SNARE, LOW] if t >= n - 2 else [] for t in range(n)]


def _floor_and_kick(n: int) -> list[list[int]]:
    """Floor tom and kick in turn, 16th by 16th."""
    return [[LOW] if t % 2 == 0 else [KICK] for t in range(n)]


def _stop_short(n: int) -> list[list[int]]:
    """Snare 16ths to a snare, floor tom and kick on the beat's last 8th but one, then nothing: a space before
    the crash (on a quarter: the "and"). Needs a beat of two 8ths or more."""
    if n < 4:
        return []
    return [[SNARE] if t < n - 2 else [SNARE, LOW, KICK] if t == n - 2 else [] for t in range(n)]


def _snare_pair(n: int) -> list[list[int]]:
    """The snare on the beat, then a two-hand 16th pair on its last 8th, the snare and the floor tom (on a quarter:
    4, its "and" and "a", "X-XX"). Needs a beat of two 8ths or more."""
    if n < 4:
        return []
    return [[SNARE] if t in (0, n - 2) else [LOW] if t == n - 1 else [] for t in range(n)]


def _toms_pair(n: int) -> list[list[int]]:
    """The high tom on the beat, then a two-hand 16th pair down the toms on its last 8th, mid then floor tom."""
    if n < 4:
        return []
    return [[HIGH] if t == 0 else [MID] if t == n - 2 else [LOW] if t == n - 1 else [] for t in range(n)]


def _floor_pair(n: int) -> list[list[int]]:
    """The mid tom on the beat, then a two-hand 16th pair on the floor tom on its last 8th (after a high tom: on
    down the kit)."""
    if n < 4:
        return []
    return [[MID] if t == 0 else [LOW] if t >= n - 2 else [] for t in range(n)]


def _high_pair(n: int) -> list[list[int]]:
    """The high tom on the beat, then a two-hand 16th pair on its last 8th, the high tom then the floor tom."""
    if n < 4:
        return []
    return [[HIGH] if t in (0, n - 2) else [LOW] if t == n - 1 else [] for t in range(n)]


def _snare_toms_pair(n: int) -> list[list[int]]:
    """The snare on the beat, then a two-hand 16th pair down the toms on its last 8th, mid then floor tom."""
    return [[SNARE] if t == 0 else step for t, step in enumerate(_toms_pair(n))]


def _pair_to_floor(n: int) -> list[list[int]]:
    """A two-hand snare pair from the beat, then the floor tom on its last 16th (on a quarter: "XX-X")."""
    if n < 4:
        return []
    return [[SNARE] if t < 2 else [LOW] if t == n - 1 else [] for t in range(n)]


# in the order a fill into a section takes the biggest among equals (phrases.PhrasePlan.into_section)
LANDINGS = (_toms_down, _snare_run, _snare_and_floor, _floor_and_kick, _stop_short)
# above fill_runs.EIGHTHS_BPM too, two hands' landings on 8ths and a 16th pair (fill_feel.FAST_CELLS' "X-XX"): at
# 210 BPM a thin reggae fill had no landing it could take (none of LANDINGS is played there as 8ths and pairs on 3
# 16ths) and kept the network's, the floor tom on 4 then back up, or a hole before the crash
FAST_LANDINGS = (_snare_pair, _toms_pair, _pair_to_floor, _floor_pair, _high_pair, _snare_toms_pair)


def _latin_stroke(n: int) -> list[list[int]]:
    """Snare and floor tom together on the beat, then nothing: a space before the 1 ("x---")."""
    return [[SNARE, LOW] if t == 0 else [] for t in range(n)]


def _latin_floor_timbale(n: int) -> list[list[int]]:
    """The floor tom on the beat, the timbale (high tom) on its "e", then a space ("xx--")."""
    return [[LOW] if t == 0 else [HIGH] if t == 1 else [] for t in range(n)]


def _latin_timbale_floor(n: int) -> list[list[int]]:
    """The timbale on the beat, the floor tom on its last 8th ("x-x-")."""
    return [[HIGH] if t == 0 else [LOW] if t == n - 2 else [] for t in range(n)]


def _latin_floor_and(n: int) -> list[list[int]]:
    """The floor tom on the beat's last 8th alone, off the beat ("--x-")."""
    return [[LOW] if t == n - 2 else [] for t in range(n)]


def _latin_snare_pair_floor(n: int) -> list[list[int]]:
    """A snare pair from the beat, the floor tom on its last 16th ("xx-x")."""
    return [[SNARE] if t < 2 else [LOW] if t == n - 1 else [] for t in range(n)]


def _latin_three(n: int) -> list[list[int]]:
    """Snare, timbale, floor tom on the beat, its "e" and its last 8th, then a space ("xxx-")."""
    return [[SNARE] if t == 0 else [HIGH] if t == 1 else [LOW] if t == n - 2 else [] for t in range(n)]


def _latin_hands(n: int) -> list[list[int]]:
    """The hands between the timbale and the snare, 16th by 16th, into the floor tom ("xxxx")."""
    return [[LOW] if t == n - 1 else [HIGH] if t % 2 == 0 else [SNARE] for t in range(n)]


# A latin part's (fill_feel.LATIN_*: a straight part whose genre mix latin leads): GMD's latin and afro-cuban
# drummers (train split) end a fill on the snare (fill files: 79 of 168 last-beat strokes), the floor tom (52) and
# the timbale (37), never the mid tom; of 151 fills (81 fill files; 70 fills inside grooves, the 1 after them the
# kick in 58, the crash in 35, a tom in 1: as the crash lands any fill) the last beat "xxxx" 35, "x---" 25, "x-x-" 18,
# "xxx-" 15, "xx-x" 14, "xx--" 13, "--x-" 8 (the "a" left empty in 69 of the 81 fill files), the last stroke the
# loudest (fill files: 103, the others 72: fill_feel.LATIN_BODY). Each needs a beat of two 8ths or more. (Rock's
# LANDINGS: down the mid tom, every 16th into the 1)
LATIN_LANDINGS = (_latin_hands, _latin_three, _latin_snare_pair_floor, _latin_timbale_floor, _latin_floor_timbale,
                  _latin_stroke, _latin_floor_and)


def landing_figure(loop: np.ndarray, lo: int, hi: int) -> bytes:
    """How a fill's last beat (steps lo..hi of a loop (T, 27)) lands, as the ear compares landings: per 16th its
    lowest drum (the floor tom on 4 and its "and" is one landing, with the snare or a higher tom beside it or not)."""
    hits = loop[lo:hi, :N_VOICES] > 0.5
    order = np.where(hits[:, LOW], 1, np.where(hits[:, MID], 2, np.where(hits[:, HIGH], 3,
                                                                           np.where(hits[:, SNARE], 4, 0))))
    return order.astype(np.int8).tobytes()


def last_beats(bars) -> list[tuple[int, int]]:
    """(start, end) real steps of each beat a window (its WindowBars, None: two 4/4 bars) plays, as phrases count
    them (a half-time bar's quarters: half_time.song_quarters)."""
    spans = []
    for m, beats in enumerate(bars_beats(bars)):
        if bars is not None and m < len(bars):
            beats = song_quarters(bars[m], beats)
        spans += [(b.start, b.start + b.length) for b in beats]
    return spans


@dataclass
class Landed:
    """What vary_landings remembers from one call to the next where it is given one (a live session plays each loop
    in a call of its own: live_landings.py): per seed, its last landings (LANDING_MEMORY) and how many fills it has
    landed another way (each drawn from its own count)."""

    figures: dict[int, list[bytes]] = field(default_factory=dict)
    varied: dict[int, int] = field(default_factory=dict)


def vary_landings(out: np.ndarray, fills: np.ndarray, fill_at: np.ndarray, meters, settings, seed=None,
                  bpm=None, bigger: np.ndarray | None = None, before: Landed | None = None,
                  swing: float | None = None) -> np.ndarray:
    """out (W, 32, 27) on the real grid, in place and returned, with each fill (the runs of fill_at (W, 32) in the
    windows `fills`, in order) that would land as one of the LANDING_MEMORY fills before it lands another way: its
    last beat played as one of LANDINGS unlike them, chosen from its seed (seed: one, one per window or None: the
    settings'), that two hands play at its window's tempo (bpm: one per window, None: unknown). A version of its
    own (another seed) remembers only its own fills. bigger: per fill window, whether it leads into a section
    (`_land`: the biggest landing). Fills with nothing on the drums in their last beat or running on through it
    (`_runs_through`), a pickup's lead-in, and parts without snare or toms are left as they are. before: the
    landings of the calls before (Landed, updated in place); None: the part's fills are all in this call. swing:
    the part's (its loops played swung: core/swing.py), a landing played at it too."""
    groups = settings.voice_groups
    no_folded_toms(out, fills, fill_at, meters)
    reggae = reggae_leads(settings.genre_weights())
    if not len(fills) or not (groups.get("toms", True) and groups.get("snare", True)):
        return reggae_fill_bars(out, fills, fill_at, meters, settings.genre_weights(), groups)
    n = len(out)
    seeds = np.broadcast_to(np.asarray(settings.seed if seed is None else seed, np.int64), (n,))
    tempo = None if bpm is None else np.broadcast_to(np.asarray(bpm, np.float64), (n,))
    kicks = groups.get("kick", True)
    # (latin's fills are played its way where its fill runs are: fill_feel.feel_of, a straight part's at any
    # tempo and density; a swung latin part's fills are the swung runs, landing as rock's)
    latin = feel_of(settings, False, swing is not None).big_accents is not None  # (latin's, any density)
    sparse_latin = latin and settings.density is not None and settings.density < SPARSE_DENSITY
    # (a jazz fill into a section ends on its own triplets: re-landed as big, its last beat had played rock's snare
    # and floor tom together on 4, its straight "and" and its "a", fill_feel.JAZZ_BIG_CELLS)
    jazz = feel_of(settings, False, swing is not None).jazz
    heard: dict[int, list[bytes]] = {}  # per seed (a version), its last landings
    count: dict[int, int] = {}
    if before is not None:  # (the fills before this call's, each heard in a call of its own)
        heard, count = before.figures, before.varied
    for k, w in enumerate(np.asarray(fills).tolist()):
        bars = None if meters is None else meters[w]
        if is_pickup(bars):
            continue
        ends = {hi: lo for lo, hi in last_beats(bars)}
        for run_lo, hi in runs(fill_at[w]):
            lo = ends.get(hi)
            if lo is None or lo < run_lo:
                continue
            # (a swung part's quarter in 3/4, 5/8...: fill_meters' runs there are on its triplets, their last beat
            # the swung 8ths or all three; re-landed as a thin fill, a jazz waltz's run had ended 2, 2.31, 2.62, 2.81)
            triplets = swing is not None and hi - lo == STEPS_PER_BEAT and lo % STEPS_PER_BEAT == 0 and \
                meter_window(bars)
            # (a waltz's two-beat fill whose last beat the network left empty lands too: thin_meter_fill)
            thin = not triplets and thin_meter_fill(out[w], bars, lo, hi, reggae) and \
                (out[w, run_lo:hi, DRUMS] > 0.5).any()
            if not (thin or (out[w, lo:hi, DRUMS] > 0.5).any()):
                continue
            own, last = int(seeds[w]), heard.setdefault(int(seeds[w]), [])
            figure = landing_figure(out[w], lo, hi)
            # (a fill into a section whose last beat strikes BIG_LAST 16ths already is big: a swung fill_runs run's
            # triplets had landed as the snare after its toms)
            # (a sparse latin part's lands as its phrase fills: at --density 0.2 the biggest landing had made its
            # section fill 7 strokes, where the default's played 6)
            big = bigger is not None and bool(bigger[k]) and _struck(out[w], lo, hi) < BIG_LAST and \
                not (sparse_latin or jazz)
            # (a latin fill's last beat on the mid tom lands as latin's: none of GMD's latin drummers' 168 strokes;
            # above EIGHTHS_BPM too: 3 of 36 fast landings had gone down the mid tom)
            mid = latin and (out[w, lo:hi, MID] > 0.5).any()
            if (figure in last or big or thin or mid) and not _runs_through(out[w], run_lo, lo, hi):
                nth = count[own] = count.get(own, 0) + 1
                figure = _land(out[w], lo, hi, run_lo, last + [figure], own, nth, big, kicks,
                               None if tempo is None else float(tempo[w]), swing, METER_FILL if thin else None,
                               latin, triplets)
            heard[own] = (last + [figure])[-LANDING_MEMORY:]
    # (after the landings: a reggae fill bar's drop, and its kick into the next 1 under a landing's crash; a voice
    # muted or capped at 0 in none of them: muted_voices.py)
    return silence_muted(reggae_fill_bars(out, fills, fill_at, meters, settings.genre_weights(), groups), settings)


def no_folded_toms(out: np.ndarray, fills: np.ndarray, fill_at: np.ndarray, meters) -> None:
    """In place on a part's loops (W, 32, 27) on the real grid: no tom stroke before a fill in its bar laid there
    from a loop beat the fill covers and the bar skips (meter.py folds the "e" and "a" of a waltz's loop beat 3
    onto its 1). A waltz's fill over its last two beats is drawn over loop beats 2-4: its middle beat's toms had
    struck on the "e" and "a" of the bar's 1, before the fill (fill_at (W, 32): the fills' real steps, in the
    windows `fills`)."""
    for w in np.asarray(fills).tolist():
        bars = None if meters is None else meters[w]
        if bars is None or is_pickup(bars) or half_time_window(bars) or not folds_of(bars):
            continue
        beats = [b for bar in window_beats(bars) or () for b in bar]
        starts = [bar[0].start for bar in window_beats(bars) or () if bar]
        for run_lo, hi in runs(fill_at[w]):
            sources = [b.source for b in beats if run_lo <= b.start < hi]
            if not sources:
                continue
            bar_start = max((s for s in starts if s <= run_lo), default=0)
            covered = range(min(sources) * STEPS_PER_BEAT, (max(sources) + 1) * STEPS_PER_BEAT)
            for src, dst in folds_of(bars):
                if src in covered and bar_start <= dst < run_lo:
                    out[w, dst, [v + k * N_VOICES for v in TOMS for k in range(3)]] = 0.0


def thin_meter_fill(loop: np.ndarray, bars, lo: int, hi: int, four_four: bool = False) -> bool:
    """Whether a fill's last beat (steps lo..hi of a window's loop (32, 27) on the real grid), its bars all 3/4 or
    all 6/8 (bars: its WindowBars; four_four: 4/4 too, None its plain bars: reggae's), strikes its snare and toms on
    under METER_FILL 16ths."""
    meters = set(THIN_METERS) | ({(4, 4)} if four_four else set())
    if (not bars and not (four_four and bars is None)) or {tuple(bar[1:3]) for bar in bars or ()} - meters:
        return False
    return _struck(loop, lo, hi) < METER_FILL


def _land(loop: np.ndarray, lo: int, hi: int, run_lo: int, avoid: list[bytes], seed: int, nth: int, big: bool,
          kicks: bool, bpm: float | None, swing: float | None = None, least: int | None = None,
          latin: bool = False, triplets: bool = False) -> bytes:
    """A loop (32, 27) with its fill's last beat (lo..hi; the fill from run_lo) played as a landing whose figure
    is none of `avoid` (the last is the fill's own), in place; its figure (the fill's own where none fits).

    A fill into a section (big) takes the biggest landing (the most snare and tom strokes; LANDINGS' order among
    equals) where it is bigger than its own or its own lands as the last ones did. Another lands with no more
    snare and tom strokes than its own or SMALL_LANDING (each landing's 16ths between its 8ths, then its 8ths, left
    out down to that, its beat and its last stroke kept; one still bigger is not taken: a drummer varies how a
    fill lands, not how big it is, which builds toward the sections), drawn from (seed, nth, the window's groove).
    A last beat on the toms keeps one (a tom fill lands on the toms). least: a thin fill's (`thin_meter_fill`) 16ths
    struck at the least in its last beat, from the landings whole. latin: a latin part's, from LATIN_LANDINGS, its
    strokes before the last at LATIN_BODY of it; above EIGHTHS_BPM those two hands play after the fill's strokes
    (`_hands_alternate`: its "xxxx" had run 16ths on from the fill's into the 1 at 200 BPM). triplets: a swung
    part's quarter outside 4/4, from the landings with nothing on its "a" (a straight 16th against its triplets)."""
    own = _strokes(loop, lo, hi)
    most = None if big or least else max(own, SMALL_LANDING)
    makers = LANDINGS + (FAST_LANDINGS if least and bpm is not None and bpm > EIGHTHS_BPM else ())
    if latin:
        makers = LATIN_LANDINGS if hi - lo >= 4 else ()
    if triplets:
        makers = tuple(make for make in makers if not any(make(hi - lo)[STEPS_PER_BEAT - 1:]))
    tried = [_landed(loop, lo, hi, run_lo, make(hi - lo), kicks, most, swing, LATIN_BODY if latin else None)
             for make in makers]
    fits = [t for t in tried if t is not None and landing_figure(t, lo, hi) not in avoid and _playable(t, loop, bpm)
            and ((t[lo:hi, TOMS] > 0.5).any() or not (loop[lo:hi, TOMS] > 0.5).any())
            and _struck(t, lo, hi) >= (least or 0) and _at_hand_speed(t, loop, lo, hi, run_lo, bpm, bool(least))
            and not (latin and bpm is not None and bpm > EIGHTHS_BPM and not _hands_alternate(t, run_lo, hi))]
    # (on down the kit; back up only where no landing that goes on down is unlike the last ones. A thin fill's one
    # tom before it counts: at 210 BPM a reggae fill's high tom on the "and" of 3 had landed on snare 16ths)
    # (latin's hands go between the snare and the timbale, and back up to it: GMD's latin fills' last beats "L H")
    fits = [t for t in fits if latin or _on_down(t, loop, lo, hi, run_lo, least is not None)] or fits
    if least is not None and not (loop[run_lo:lo, TOMS] > 0.5).any():
        # (a thin fill with no tom before its last beat leads in on the snare: at 210 BPM reggae's had gone from
        # the drop straight to the toms)
        fits = [t for t in fits if heights(t, lo, hi)[:1] == [0]] or fits
    if big:
        fits = [t for t in fits if _strokes(t, lo, hi) > own or avoid[-1] in avoid[:-1]
                or latin and (loop[lo:hi, MID] > 0.5).any()]
        fits = sorted(fits, key=lambda t: -_strokes(t, lo, hi))[:1]
    if not fits:
        return avoid[-1]
    # (and from the window's groove: at one seed two songs had landed their fills alike, one after the other)
    rng = np.random.default_rng((seed & 0xFFFFFFFF, 0x1A9D, nth, song_key(bpm)))
    loop[:] = fits[0] if big else fits[int(rng.integers(len(fits)))]
    return landing_figure(loop, lo, hi)


def _on_down(landed: np.ndarray, drawn: np.ndarray, lo: int, hi: int, run_lo: int, thin: bool = False) -> bool:
    """Whether a landing (steps lo..hi of `landed` (32, 27); the fill from run_lo, `drawn` the loop before it) goes
    on down the kit where the fill's strokes before it moved down it: no stroke's highest drum above the fill's last
    one before it, nor above the stroke before it (GMD's fills go back up the kit in 1%; snare 16ths after a run
    down to the floor tom (fill_runs.py) had landed 29 of 515 fast runs). A fill on one drum lands any way, but a
    thin one (thin: its toms before it, a snare before them its lead-in)."""
    before = heights(drawn, run_lo, lo)
    if thin:
        toms = [h for h in before if h]
        return not toms or bool(np.all(np.diff(toms[-1:] + heights(landed, lo, hi)) >= 0))
    return len(set(before)) < 2 or bool(np.all(np.diff(before[-1:] + heights(landed, lo, hi)) >= 0))


def _at_hand_speed(landed: np.ndarray, drawn: np.ndarray, lo: int, hi: int, run_lo: int, bpm: float | None,
                   pairs: bool = False) -> bool:
    """Whether a landing (steps lo..hi of `landed` (32, 27); the fill from run_lo, `drawn` the loop before it) is no
    faster than the fill it ends at bpm (None: unknown): above fill_runs.EIGHTHS_BPM a fill played in 8ths lands
    on 8ths (toms down in 16ths had landed 8th fills at 186 BPM, as no drummer fills there); pairs (a thin fill's
    landing, struck on METER_FILL 16ths: 8ths alone strike 2) on 8ths and two hands' 16th pairs, no one hand faster
    than 8ths: from the fill's start no more than fill_feel.FAST_RUN struck 16ths in a row, no stroke of both hands
    at once beside another."""
    if bpm is None or bpm <= EIGHTHS_BPM or not (landed[lo + 1:hi:2, DRUMS] > 0.5).any():
        return True
    if (drawn[run_lo + 1:hi:2, DRUMS] > 0.5).any() or not pairs:
        return bool((drawn[run_lo + 1:hi:2, DRUMS] > 0.5).any())
    return _hands_alternate(landed, run_lo, hi)


def _hands_alternate(landed: np.ndarray, run_lo: int, hi: int) -> bool:
    """Whether two hands alternating play a fill (steps run_lo..hi of `landed` (32, 27)), each no faster than 8ths: no
    more than fill_feel.FAST_RUN struck 16ths in a row, no stroke of both hands at once beside another."""
    hands = (landed[run_lo:hi, DRUMS] > 0.5).sum(1)
    struck = np.append(hands > 0, False)
    run_ends = np.flatnonzero(~struck)
    longest = int(np.diff(np.append(-1, run_ends)).max()) - 1
    both = np.flatnonzero(hands > 1)
    alone = all(struck[max(t - 1, 0):t + 2].sum() == 1 for t in both)  # (beside both hands: one hand's 16ths)
    return longest <= FAST_RUN and alone


def _strokes(loop: np.ndarray, lo: int, hi: int) -> int:
    """Snare and tom strokes on steps lo..hi of a loop (32, 27)."""
    return int((loop[lo:hi, DRUMS] > 0.5).sum())


def _struck(loop: np.ndarray, lo: int, hi: int) -> int:
    """The 16ths of steps lo..hi of a loop (32, 27) with a snare or tom stroke (two drums together are one)."""
    return int((loop[lo:hi, DRUMS] > 0.5).any(1).sum())


def _runs_through(loop: np.ndarray, run_lo: int, lo: int, hi: int) -> bool:
    """Whether a fill (steps run_lo..hi of a loop (32, 27), its last beat from lo) runs through its last beat into
    the crash: the drums on each of that beat's 16ths (down the toms, as the toms-down landing), or the whole fill
    one roll on one drum from before its last beat, 16ths in it and no more than an 8th between its strokes (a 16th
    roll laid on 6/8's or 7/8's bars keeps some 8ths). Its last beat is the run going on, not a landing of its own:
    it is played as it is. A few strokes on one drum with no 16ths (the network's commonest fill, the floor tom on
    4 and its "and" alone, or floor-tom 8ths into it) are a landing, varied where they repeat."""
    if (loop[lo:hi, DRUMS] > 0.5).any(1).all():
        return True
    drums = loop[run_lo:hi, DRUMS] > 0.5
    at = np.flatnonzero(drums.any(1))
    return bool(len(at) and run_lo + at[0] < lo and (np.diff(at) == 1).any()
                and (drums[at].sum(1) == 1).all() and (drums[at] == drums[at[0]]).all()
                and (np.diff(np.append(at, hi - run_lo)) <= 2).all())


def _landed(loop: np.ndarray, lo: int, hi: int, run_lo: int, figure: list[list[int]], kicks: bool,
            most: int | None = None, swing: float | None = None, body: float | None = None) -> np.ndarray | None:
    """A copy of loop (32, 27) with steps lo..hi played as `figure` (per step, its voices; at most `most` snare and
    tom strokes, None: all, its 16ths between its 8ths then its 8ths left out down to that, its first and last
    strokes kept), the strokes climbing from the fill's last stroke before them
    (or LANDING_FLOOR of its loudest) to its loudest, each at the timing the loop plays its step's place in the
    beat with (a swung part's "a"s stay swung); None: no such figure. body: the strokes before the last held at this
    share of the loudest instead (latin's: soft, into an accented last stroke)."""
    figure = [list(step) for step in figure]
    cells = lambda: sum(v in DRUMS for step in figure for v in step)  # noqa: E731
    struck = [t for t, step in enumerate(figure) if any(v in DRUMS for v in step)]
    # a smaller landing keeps its beat and its last stroke into the crash: its 16ths between the 8ths go first
    for t in sorted(struck[1:-1], key=lambda t: (t % 2 == 0, t)):
        if most is None or cells() <= most:
            break
        figure[t] = [v for v in figure[t] if v not in DRUMS]
    if not struck or (most is not None and cells() > most):
        return None
    n = N_VOICES
    out = loop.copy()
    hits = loop[:, :n] > 0.5
    vel = loop[:, n:2 * n]
    drums = hits[run_lo:hi][:, DRUMS]
    top = float(vel[run_lo:hi][:, DRUMS][drums].max())
    before = np.flatnonzero(hits[run_lo:lo][:, DRUMS].any(1))
    start = float(vel[run_lo + before[-1], DRUMS][hits[run_lo + before[-1], DRUMS]].max()) if len(before) else 0.0
    start = min(max(start, LANDING_FLOOR * top), top)
    sets_kick = any(KICK in step for step in figure)
    cleared = HANDS + ([KICK] if sets_kick else [])
    out[lo:hi, [v + part * n for v in cleared for part in range(3)]] = 0.0
    strokes = [t for t, step in enumerate(figure) if any(v != KICK or kicks for v in step)]
    if not strokes:
        return None
    timing = step_timing(loop, lo, hi)
    levels = np.linspace(start, top, len(strokes) + 1)[1:]
    if body is not None:
        levels = np.append(np.full(len(strokes) - 1, body * top), top)
    for t, level in zip(strokes, levels):
        for v in figure[t]:
            if v == KICK and not kicks:
                continue
            out[lo + t, [v, n + v, 2 * n + v]] = (1.0, level, timing[t])
    if swing is not None and hi - lo == 4 and lo % 4 == 0:
        # a swung part's landing on its swung 8ths: written straight, then swung as its loops are (a stop on the
        # "and" had struck the straight "and" against a shuffle's swung bass and hats)
        cols = [v + part * n for v in cleared for part in range(3)]
        straight = np.zeros((1, *loop.shape), np.float32)
        straight[0][lo:hi, cols] = out[lo:hi, cols]
        straight[0][lo:hi, [2 * n + v for v in cleared]] = 0.0
        out[lo:hi, cols] = swing_loops(straight, swing)[0][lo:hi, cols]
    return out


def _playable(landed: np.ndarray, drawn: np.ndarray, bpm: float | None) -> bool:
    """Whether two hands play a landing (landed: the loop (32, 27) with it) at bpm as well as the fill as drawn
    (drawn: the loop before): hand_speed.two_hands leaves out no more of its strokes (a landing's first 16th
    after two 16ths both hands play, with both hands on it, is a third 16th in a row); any at or below
    ONE_HAND_BPM."""
    if bpm is None or bpm <= ONE_HAND_BPM:
        return True
    n = N_VOICES
    left_out = [int(two_hands(loop[None, :, :n] > 0.5, loop[None, :, n:2 * n]).sum()) for loop in (landed, drawn)]
    return left_out[0] <= left_out[1]


__all__ = ["LANDINGS", "Landed", "landing_figure", "last_beats", "vary_landings"]
