"""4/4 fills that fill their length: a fill the network played thin, played as a drummer's run around the kit.

The network's 4/4 fills are a thinned groove: over the bundled funk riff with --fill-every 4bars its half-bar
fill was a snare on 3, a high tom on its "and", the floor tom on 4 and mid and floor tom together on its "and"
(4 of the 8 16ths struck, the toms going down and back up), its beat fill the floor tom on 4 and its "and", and
its bar fill the same half bar after a floor tom on 1 and the backbeat on 2 with the hats gone (the groove with
holes). GMD's drummers (train and validation fill takes, 106 bars striking 3 or more toms) strike their snare and
toms on 2.8, 2.9, 2.8 and 2.4 of each beat's four 16ths, down the kit in 53% of the fills over two toms or more
and up it in 1%, one drum a stroke (two together on 12% of their struck 16ths), the hats and ride off (9% of the
tom 16ths keep them), a kick on the beat under 8% of their tom beats, and their drums' level climbs beat by beat
(0.71, 0.70, 0.77, 0.81). No take fills above 148 BPM, and above ONE_HAND_BPM no hand keeps up 16ths
(hand_speed.py): there a fill plays 8ths and 16th pairs, its hands alternating.

So a 4/4 fill whose struck 16ths fall under FILL_DENSITY a beat (or a beat under two, or its toms going back up,
or 16ths above EIGHTHS_BPM) is played as a run over its whole length: per beat a rhythm (fill_feel.py: an 8th and
two 16ths, or 8ths; a swung part's triplets, swung as its loops are; above EIGHTHS_BPM 8ths and two hands' 16th
pairs; sparser or busier with --density; jazz's triplets, hip-hop's snare and a tom or two), down a path from the
snare to the floor tom (PATHS: the drums it takes, in order, one a stroke, so two hands play it), the hats and ride
off, the kick as the beat played it, the strokes climbing to the backbeat's level into the crash, each at the
timing the part plays its place in the beat with (a part's lazy 16ths late). Each is drawn for its count in the
part, turned by its seed (another seed, another beat fill), its landing and its sound (heard_as: its rhythm and
where it moves down the kit, not which tom) unlike the last two fills', its rhythm the one heard longest ago (or
never) of the last FIGURE_MEMORY fills (the network's fills kept among them: a drummer had heard 6 of a song's 8
fills alike, its runs kept unlike only the two before, by their drums), its drums shared evenly, else with the
snare held longer (LEANS: a fast bar's 8ths had all landed on the floor tom, varied by vary_landings back up to
the snare); a fill into a section plays every 16th. The network's fills that already fill their length are kept.
Plain numpy over a part's loops on their real grid, laid as
phrase_laying.lay_phrases lays them, before fill_landings.vary_landings varies how they land.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np

from .fill_feel import FillFeel, feel_of, longest_run
from .fill_jazz import BIG_LEAST, jazz_levels, let_kicks
from .half_time import half_time_steps, half_time_window
from .limbs import foot_hat
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES, runs
from .meter import is_pickup
from .muted_voices import silence_muted
from .reggae_bars import reggae_leads
from .swing import swing_loops

KICK, SNARE, CRASH, RIDE, CLOSED_HAT = (VOICES.index(v) for v in ("kick", "snare", "crash", "ride", "closed_hat"))
LOW, MID, HIGH = (VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom"))
DRUMS = [SNARE, HIGH, MID, LOW]  # down the kit, as a fill moves
HANDS = [v for v in range(N_VOICES) if v not in (KICK, CRASH)]  # what the fill's hands leave to play it
# The struck 16ths a beat a fill plays at the least (GMD's fill bars: 2.4-2.9), and no beat of it under MIN_BEAT.
FILL_DENSITY, MIN_BEAT = 2.5, 2
# from here a fill plays 8ths and two hands' 16th pairs (GMD has no fill take above 148 BPM; no hand's 16ths from
# hand_speed.ONE_HAND_BPM; fill_feel.FAST_CELLS)
EIGHTHS_BPM = 160.0
# Each beat's 16ths struck (fill_feel.py, by tempo, density and genre): an 8th and two 16ths ("1 & a", "1 e &",
# "1 e  a") or its 8ths, a phrase fill's 2.75 on average, as GMD's; a fill into a section plays BUSIEST, every 16th.
# The drums a fill runs down, from the snare (a drum map's fill plays it on the head) to the floor tom (an entry
# twice: twice the share of the strokes).
PATHS = ((SNARE, HIGH, MID, LOW), (SNARE, HIGH, LOW), (SNARE, MID, LOW), (SNARE, SNARE, HIGH, LOW),
         (SNARE, HIGH, MID, MID, LOW, LOW), (SNARE, HIGH, LOW, LOW), (SNARE, SNARE, SNARE, LOW))
# A fill's sound and its landing (fill_landings.landing_figure: its last beat) are none of the last two fills',
# so vary_landings, after it, leaves it as it is (its landings after a run down the toms: snare 16ths, back up).
FIGURE_MEMORY = 8  # fills heard (a 32-bar form's with a fill every 4 bars); landings: LANDING_MEMORY
FIGURE_DRAWS = 16
RHYTHM_MEMORY = 3  # a fill's landing and rhythm none of the last three fills' (a fill every 2 bars: A B C A)
LEANS = (1.0, 2.0)  # how a run shares its strokes among its drums (lay_figure): evenly, else the snare held longer
TOP_SHARE = 0.9  # a fill climbs to its backbeat, and to at least this share of the window's loudest hit
# A jazz fill's hand stroke this near a kick (in 16ths, by played time: under 1/6 beat) flams with it; nearer
# than UNISON it is struck with it
KICK_CLASH, UNISON = 2 / 3 - 1e-3, 0.05
BACKBEAT = (2 * STEPS_PER_BEAT, STEPS_PER_BEAT)  # (every, at) steps: a stroke on 2 or 4 keeps the backbeat's level
HALF_TIME_BACKBEAT = (4 * STEPS_PER_BEAT, 2 * STEPS_PER_BEAT)  # a half-time bar's, laid one to one: on its 3
FLOOR = 0.8  # a fill's first stroke at this share of the level it climbs to (GMD: 0.71 -> 0.81 over a bar)


@dataclass
class RunsHeard:
    """What fill_out remembers from the calls before where it is given one (`runs_heard`: a live session plays each
    loop in a call of its own, live_runs.py): the last fills heard, (heard_as, its landing),
    oldest first, how many runs were laid before, and the tempo they play at where the call is given none (a live
    session's loops are made without it, then played at it). fill_out adds its own fills to `laid`: per (window,
    the step its fill ends on), the entry it remembers and its count among the runs (None: the network's fill kept).
    The runs of fills on other bars (fill_meters.meter_runs, counted apart as drumify counts them) likewise: the last
    ones' (steps, drums), oldest first, their count, and meter_laid, per (window, end), ((steps, drums), count)."""

    last: list = field(default_factory=list)
    count: int = 0
    bpm: float | None = None
    laid: dict = field(default_factory=dict)
    meter_last: list = field(default_factory=list)
    meter_count: int = 0
    meter_laid: dict = field(default_factory=dict)


# (Engine.play_part lays a part's fills; a live session hands its memory to the fill_out call inside it)
_HEARD: ContextVar[RunsHeard | None] = ContextVar("runs_heard", default=None)


@contextmanager
def runs_heard(memory: RunsHeard | None):
    """Within it, fill_out's fills (any seed) follow `memory`'s fills, unlike them, and are added to it."""
    token = _HEARD.set(memory)
    try:
        yield memory
    finally:
        _HEARD.reset(token)


def four_four(bars) -> bool:
    """Whether a window's bars (WindowBars, None: two 4/4 bars) are all 4/4 and play at the song's speed."""
    return bars is None or (not is_pickup(bars) and not half_time_window(bars)
                            and all(tuple(bar[1:3]) == (4, 4) for bar in bars))


def struck(loop: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Per 16th of steps lo..hi of a loop (T, 27): whether a snare or tom is struck on it."""
    return (loop[lo:hi, DRUMS] > 0.5).any(1)


def is_thin(loop: np.ndarray, lo: int, hi: int, bpm: float | None = None) -> bool:
    """Whether a 4/4 fill (steps lo..hi of a loop (32, 27), whole beats) does not fill its length as a drummer's
    does at bpm (None: unknown): under FILL_DENSITY struck 16ths a beat (above EIGHTHS_BPM: its 8ths, and no
    16th between them), a beat under MIN_BEAT, or going back up the kit."""
    hit = struck(loop, lo, hi)
    per_beat = hit.reshape(-1, STEPS_PER_BEAT).sum(1)
    fast = bpm is not None and bpm > EIGHTHS_BPM
    if fast and hit[1::2].any():
        return True
    if hit.sum() < (MIN_BEAT if fast else FILL_DENSITY) * len(per_beat) or per_beat.min() < MIN_BEAT:
        return True
    # (a floor tom and the mid tom together after the floor tom go back up, as does the snare after a tom)
    return bool(np.any(np.diff(heights(loop, lo, hi)) < 0))


def heights(loop: np.ndarray, lo: int, hi: int) -> list[int]:
    """Per snare or tom stroke on steps lo..hi of a loop (T, 27), its highest drum down the kit (0: the snare, 3:
    the floor tom)."""
    return [int(np.argmax(drums)) for drums in loop[lo:hi, DRUMS] > 0.5 if drums.any()]


def figure_of(beats: int, rng: np.random.Generator, bpm: float | None, swung: bool, big: bool,
              feel: FillFeel | None = None) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """(path, cells): a fill's drums in order (the feel's paths, else PATHS) and each beat's struck 16ths, for
    `beats` beats, drawn as the part's feel (fill_feel.feel_of; None: its tempo's and swing's) plays them; big:
    each beat the feel's biggest cell (or one drawn from its big cells: latin's, with gaps); a feel's endings its
    last beat. A feel's lead-in plays a longer fill's beats before its last two as the backbeat alone (a fill ends on
    a bar or half bar: its backbeats an odd count of beats from its end)."""
    feel = feel or feel_of(None, bpm is not None and bpm > EIGHTHS_BPM, swung)
    lead = beats - 2 if feel.lead_in and beats > 2 else 0
    leading = tuple((0,) if (beats - b) % 2 else () for b in range(lead))
    cells = leading + (feel.big,) * (beats - lead)
    pool = (feel.big_cells if big else feel.cells) or ()  # (a section fill: its feel's big cells, else `big`)
    least = 0.0 if big else feel.least
    ends = feel.endings if not big else None  # (a jazz fill's last beat: its own endings)
    while pool:  # (as busy as a drummer's: FILL_DENSITY a beat, where its cells have it; two hands' 16ths)
        drawn = tuple(pool[int(rng.integers(len(pool)))] for _ in range(beats - lead - (ends is not None))) + \
            ((ends[int(rng.integers(len(ends)))],) if ends else ())
        if sum(map(len, drawn)) >= least * (beats - lead) and drawn[-1] and \
                (feel.longest is None or longest_run(leading + drawn) <= feel.longest):  # (a rest lands on nothing)
            cells = leading + drawn
            break
    # one path of those its strokes play differently (a beat fill's three strokes ran snare, mid tom, floor tom
    # down four of the seven paths: seeds 0, 1 and 3 had played one beat fill)
    strokes = sum(map(len, cells))
    heard = {tuple(p[_drum_at(i, strokes, len(p), 1.0, feel.alternate)] for i in range(strokes)): p
             for p in feel.paths or PATHS}
    paths = sorted(set(heard.values()), key=(feel.paths or PATHS).index)
    return paths[int(rng.integers(len(paths)))], cells


def step_timing(loop: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Per step of lo..hi (from a beat's start) of a loop (T, 27), the timing (offset) a new stroke there takes: the
    loudest hit's on that step, else the mean of the loop's hits on the same 16th of a beat (its 8ths or the 16ths
    between them), else 0 (a part's lazy 16ths, core/swing.swing_sixteenths, come late on every "e" and "a")."""
    n = N_VOICES
    hits, offsets = loop[:, :n] > 0.5, loop[:, 2 * n:]
    place = (np.arange(len(loop)) - lo) % 2
    out = np.zeros(hi - lo, np.float32)
    for t in range(lo, hi):
        if hits[t].any():
            out[t - lo] = offsets[t][hits[t]][np.argmax(loop[t, n:2 * n][hits[t]])]
        else:
            same = hits & (place == place[t])[:, None]
            out[t - lo] = float(offsets[same].mean()) if same.any() else 0.0
    return out


def _drum_at(i: int, strokes: int, drums: int, lean: float, alternate: bool = False) -> int:
    """The index in a path of `drums` of a run's stroke i of `strokes` (its first and last drum both played);
    alternate: the drums but the last in turn, a stroke each (latin's hands between the snare and a tom), the last
    stroke on the last (a lean over 1 keeps the turn a stroke longer on the first)."""
    if alternate and drums > 1:
        return drums - 1 if i == strokes - 1 else (i if lean == 1.0 else max(i - 1, 0)) % (drums - 1)
    if lean == 1.0:
        return round(i * (drums - 1) / max(strokes - 1, 1))
    return round((i / max(strokes - 1, 1)) ** lean * (drums - 1))


def lay_figure(loop: np.ndarray, lo: int, hi: int, path, cells, swing: float | None, lean: float = 1.0,
               feel: FillFeel | None = None, accents: tuple | None = None, feet: int = STEPS,
               backbeat: tuple | None = BACKBEAT) -> None:
    """A fill's figure over steps lo..hi of a loop (32, 27), in place: its hands' voices cleared there, each
    stroke on the next drum of `path` as the strokes go by (each drum an even share, in order; a lean over 1 holds
    the first drums longer and goes down the kit later), climbing from
    FLOOR of the window's backbeat (its loudest snare before the fill; TOP_SHARE of its loudest hit at the least)
    to it; played at the part's swing (a straight figure swung as the loops are), else each stroke at the timing the
    loop plays its step with (step_timing: a part's lazy 16ths had left the run's "e"s and "a"s straight). A
    stroke on a backbeat (2 or 4) keeps the backbeat's level (a beat fill had played its 4 a fifth softer); a
    jazz feel (fill_feel.FillFeel) climbs from its comping snare's level to its ride's, on its triplets, its hands
    leaving the kick's strokes to it (but the last); a feel's `body` holds the strokes under an accented last one,
    and `accents` ((16ths of the bar, share of the landing's level): a section fill's) lifts those on its 16ths;
    the pedal hat kept through it (_keep_the_foot) `feet` strokes at the most; backbeat: (every, at) steps of the
    backbeat (None: none: a 5/8 bar's)."""
    n = N_VOICES
    hits = loop[:, :n] > 0.5
    snare = loop[:lo, n + SNARE][hits[:lo, SNARE]]
    loudest = float(loop[:, n:2 * n][hits].max()) if hits.any() else 0.8
    # (a jazz beat's comping snare is soft: its fill had crept in at 0.3 under a ride at 0.8)
    top = max(float(snare.max()) if len(snare) else 0.0, TOP_SHARE * loudest)
    low = FLOOR * top
    jazz = feel is not None and feel.jazz
    body = None if feel is None else feel.body
    outside = np.r_[0:lo, hi:len(loop)]  # (a fill in a window's first bar: the groove is after it)
    if jazz:  # (a rock run's 16ths at 91 -> 114 over a comp at 47 and a ride at 100)
        ride = loop[outside, n + RIDE][hits[outside, RIDE]]
        comp = loop[outside, n + SNARE][hits[outside, SNARE]]
        top = float(np.median(ride)) if len(ride) else top
        # (no comp outside it: from FLOOR of the ride's level, not flat at it)
        low = min(float(np.median(comp)), top) if len(comp) else FLOOR * top
    swing = feel.swing if swing is None and feel is not None and feel.swing is not None else swing
    steps = [lo + b * STEPS_PER_BEAT + t for b, cell in enumerate(cells) for t in cell]
    if jazz:  # (GMD's jazz drummers' fill kicks: 36 of 36 between the hands' strokes, none under one)
        steps = _leave_kicks(loop, lo, hi, steps, swing)
        if steps:
            _set_up(loop, lo, hi, steps[-1], path[-1] == SNARE, swing, top)
            if body is None:  # (hand, hand, foot: fill_jazz.py)
                let_kicks(loop, lo, cells, _played_times(loop, swing), top)
    if feel is not None and feel.alternate:
        _latin_kicks(loop, steps)
    cols = [v + k * n for v in HANDS for k in range(3)]
    timing = np.zeros(len(loop), np.float32) if swing is not None else step_timing(loop, 0, len(loop))
    straight = np.zeros((1, *loop.shape), np.float32)
    # (a lead-in's backbeat is the snare's: a hip-hop path opening on a tom had played bar fills' 2 on the high tom)
    leading = lo + STEPS_PER_BEAT * ((hi - lo) // STEPS_PER_BEAT - 2) if feel is not None and feel.lead_in else lo
    alternate = feel is not None and feel.alternate
    voices = [SNARE if t < leading else path[_drum_at(i, len(steps), len(path), lean, alternate)]
              for i, t in enumerate(steps)]
    levels = jazz_levels(steps, voices, low, top) if jazz and body is None else \
        np.linspace(low, top, len(steps)) if body is None else \
        np.r_[np.linspace(FLOOR * body * top, body * top, len(steps) - 1), top][-len(steps):]
    for i, (t, v, level) in enumerate(zip(steps, voices, levels)):
        on_backbeat = backbeat is not None and t % backbeat[0] == backbeat[1]
        level = top if on_backbeat and not jazz and body is None else level
        if accents is not None and i < len(steps) - 1 and t % (4 * STEPS_PER_BEAT) in accents[0]:
            level = max(level, accents[1] * top)
        straight[0, t, [v, n + v, 2 * n + v]] = (1.0, level, timing[t])
    laid = straight[0] if swing is None else swing_loops(straight, swing)[0]
    _keep_the_foot(loop, laid, lo, hi, feet)
    loop[lo:hi, cols] = laid[lo:hi, cols]


def _latin_kicks(loop: np.ndarray, steps: list) -> None:
    """A latin fill's kicks (the network's fill kicks, kept) off its hands' strokes, in place: those under a stroke
    off the beat left out, but under the last (GMD's latin drummers' fill kicks: 32 under a hand, 88 alone; at
    --density 0.9 a kick had doubled 5 of a section fill's 6 strokes, `Xx-x X-x-`, as a rock drummer's)."""
    for t in steps[:-1]:
        if t % STEPS_PER_BEAT:
            loop[t, [KICK, N_VOICES + KICK, 2 * N_VOICES + KICK]] = 0.0


def _keep_the_foot(loop: np.ndarray, laid: np.ndarray, lo: int, hi: int, feet: int = STEPS) -> None:
    """The pedal hat (limbs.foot_hat) kept through a fill laid into `laid`, `feet` strokes at the most (a cap on
    the hat): a foot, not a hand, it plays on where it played in the window's bars outside the fill (a jazz fill bar
    had lost the hat on 4: the network's fill bar has none; a fill in a window's first bar, the bar after it)."""
    outside = np.r_[0:lo, hi:len(loop)]  # (whole beats: foot_hat's beats stay on the beat)
    foot = foot_hat(loop[None, outside, :N_VOICES] > 0.5)[0]
    if not foot.any() or feet <= 0:
        return
    bar = 4 * STEPS_PER_BEAT
    places = {int(t) % bar for t in outside[foot]}
    level = float(np.median(loop[outside, N_VOICES + CLOSED_HAT][foot]))
    for t in [t for t in range(lo, hi) if t % bar in places][:feet]:
        laid[t, [CLOSED_HAT, N_VOICES + CLOSED_HAT, 2 * N_VOICES + CLOSED_HAT]] = (1.0, level, 0.0)


def _played_times(loop: np.ndarray, swing: float | None) -> np.ndarray:
    """Per step of a loop (32, 27), where (in 16ths) a stroke laid on it plays: swung by swing_loops itself (one
    stroke a loop, so the two cannot drift apart), else at the timing the loop plays its step with (step_timing)."""
    if swing is None:
        return np.arange(len(loop)) + step_timing(loop, 0, len(loop))
    one = np.zeros((STEPS, STEPS, 3 * N_VOICES), np.float32)
    one[np.arange(STEPS), np.arange(STEPS), [[SNARE], [N_VOICES + SNARE]]] = 1.0
    swung = swing_loops(one, swing)
    dst = np.argmax(swung[..., SNARE] > 0.5, 1)
    return dst + swung[np.arange(STEPS), dst, 2 * N_VOICES + SNARE]


def _leave_kicks(loop: np.ndarray, lo: int, hi: int, steps: list, swing: float | None) -> list:
    """A jazz fill's steps with the strokes but the last that would play within KICK_CLASH of a kick left to it,
    by their played times (a straight part's kick on a 16th "a" had flammed 1/12 beat after the hand's last
    triplet of the beat: the grid steps differ). A kick that would flam with the last stroke is moved onto it."""
    played = _played_times(loop, swing)
    kicks = [k for k in range(max(lo - 1, 0), min(hi + 1, len(loop))) if loop[k, KICK] > 0.5]
    at = {k: k + float(loop[k, 2 * N_VOICES + KICK]) for k in kicks}
    kept = [t for t in steps[:-1] if all(abs(float(played[t]) - p) >= KICK_CLASH for p in at.values())]
    if steps:
        last = float(played[steps[-1]])
        dst = int(np.clip(round(last), lo, hi - 1))
        for k, p in at.items():
            if lo <= k < hi and UNISON <= abs(last - p) < KICK_CLASH:  # (the kick joins the hand's last stroke)
                cols = [KICK, N_VOICES + KICK, 2 * N_VOICES + KICK]
                level = float(loop[k, N_VOICES + KICK])
                loop[k, cols] = 0.0
                loop[dst, cols] = (1.0, max(level, float(loop[dst, N_VOICES + KICK])), last - dst)
    return kept + steps[-1:]


def _set_up(loop: np.ndarray, lo: int, hi: int, last: int, snare: bool, swing: float | None,
            top: float | None = None) -> None:
    """A jazz fill's kick into the 1, in place: on the last beat's last triplet where the hands stop before it, else
    under its last stroke where that is the snare (none where they end there on a tom), at the loudest kick before
    the fill, `top` (the fill's climb: the ride's level) at the most (a jazz drummer sets the band up on "4 &" with
    the kick: fills ending with kick and snare on 4 had left the whole last beat silent, ride and all, then the
    crash, the kick at 123 over a ride at 103-125 and strokes climbing 48 -> 84)."""
    end = hi - STEPS_PER_BEAT + 2  # the last beat's "and": its last triplet once swung
    if not snare and last >= end:
        return
    at = float(_played_times(loop, swing)[max(last, end)])
    dst = int(np.clip(round(at), lo, hi - 1))
    outside = np.r_[0:lo, hi:len(loop)]
    kicks = loop[outside, N_VOICES + KICK][loop[outside, KICK] > 0.5]
    level = float(kicks.max()) if len(kicks) else float(loop[:, N_VOICES:2 * N_VOICES].max())
    level = level if top is None else min(level, top)
    loop[dst, [KICK, N_VOICES + KICK, 2 * N_VOICES + KICK]] = (1.0, level, at - dst)


def heard_as(loop: np.ndarray, lo: int, hi: int) -> tuple:
    """A fill (steps lo..hi of a loop (T, 27)) as the ear tells it from another: (its rhythm: the 16ths struck,
    its length, per stroke after the first whether it moves down (1), up (-1) or stays), not which tom (a high
    tom's run and a mid tom's are heard as one)."""
    hit = struck(loop, lo, hi)
    height = [min(DRUMS.index(v) for v in DRUMS if loop[t, v] > 0.5) for t in range(lo, hi) if hit[t - lo]]
    return tuple(np.flatnonzero(hit).tolist()), hi - lo, tuple(np.sign(np.diff(height)).astype(int).tolist())


def _edges(heard: tuple, lands: bytes) -> tuple:
    """How a fill (heard_as, landing_figure) opens and ends: its first struck 16th, its last beat's last struck 16th
    and drum."""
    drums = np.frombuffer(lands, np.int8)
    struck_at = np.flatnonzero(drums)
    return heard[0][:1], tuple((int(t), int(drums[t])) for t in struck_at[-1:])


def _age(heard, before: list, alike=None) -> int:
    """How many fills back `heard` was last heard among `before` (oldest first): 0 the last, FIGURE_MEMORY never;
    alike: whether two are heard alike (None: equal)."""
    same = alike or (lambda a, b: a == b)
    return next((i for i, h in enumerate(reversed(before)) if same(h, heard)), FIGURE_MEMORY)


def rhythm_alike(a: tuple, b: tuple) -> bool:
    """Whether two fills' rhythms (heard_as(...)[:2]: the 16ths struck, the length) are heard alike: the same
    length, the same first beat and more than half their strokes shared. Over freedoom's d_e1m4 under hip-hop 8 of
    12 fills had opened on one beat-3 figure ("X-XX"), only beat 4 changing: one fill heard eight times."""
    if a[1] != b[1]:
        return False
    first = lambda steps: tuple(t for t in steps if t < STEPS_PER_BEAT)  # noqa: E731
    return first(a[0]) == first(b[0]) and 2 * len(set(a[0]) & set(b[0])) > max(len(a[0]), len(b[0]))


def song_key(bpm) -> int:
    """A fill's song, as its tempo tells it (to 0.1 BPM; 0 where unknown): what a live session and drumify know
    alike of a part (a key from the window's drums had drawn live's fills apart from drumify's, whose loops
    around them differ), and two songs mostly differ in."""
    return 0 if bpm is None else int(round(10 * float(bpm)))


def _candidates(loop: np.ndarray, lo: int, hi: int, seed: int, nth: int, bpm, swing, big: bool, feel: FillFeel,
                feet: int = STEPS, backbeat: tuple | None = BACKBEAT):
    """The runs a thin fill may play (figure, lean, heard_as, landing_figure, the loop laid), each heard
    differently: FIGURE_DRAWS figures (apart) drawn for the part's nth run and its window's groove
    (song_key), each drum an even share first, then the snare held longer (a fast bar's 8ths had all landed on
    the floor tom), in the order heard_as sorts them, turned by the seed and the groove (seeds 0, 1 and 3 had drawn
    one beat fill: another seed, another run, where there are that many; at one seed two songs had played one fill
    sequence, d_dm01's latin fills 2-5 d_dm02's 1-4 stroke for stroke)."""
    from .fill_landings import landing_figure

    song = song_key(bpm)
    rng = np.random.default_rng((0xF111, nth, hi - lo, song))
    figures: list = []  # (FIGURE_DRAWS of them apart where the feel has that many: a repeat is one run fewer)
    for _ in range(4 * FIGURE_DRAWS):
        figure = figure_of((hi - lo) // STEPS_PER_BEAT, rng, bpm, swing is not None, big, feel)
        figures += [figure] if figure not in figures else []
        if len(figures) == FIGURE_DRAWS:
            break
    seen: set = set()
    accents = feel.big_accents if big else None
    for lean in LEANS:
        heard = {}
        for figure in figures:
            laid = loop.copy()
            lay_figure(laid, lo, hi, *figure, swing, lean, feel, accents, feet, backbeat)
            heard.setdefault(heard_as(laid, lo, hi), (figure, laid))
        ears = sorted(set(heard) - seen)
        seen |= heard.keys()
        turn = (seed + song) % len(ears) if ears else 0
        for ear in ears[turn:] + ears[:turn]:
            figure, laid = heard[ear]
            yield figure, lean, ear, landing_figure(laid, hi - STEPS_PER_BEAT, hi), laid


def bar_runs(fill_at: np.ndarray) -> list[tuple[int, int]]:
    """The runs of a 4/4 window's fill steps (32,) bool, cut at its bar line: two fill bars in a row are two fills,
    each landing on its own bar line (one run across it had put the crash on bar 4's 1 mid-way down the toms)."""
    half = len(fill_at) // 2
    return [(a, b) for lo, hi in runs(fill_at) for a, b in ((lo, min(hi, half)), (max(lo, half), hi)) if a < b]


def fill_out(out: np.ndarray, fills, fill_at: np.ndarray, meters, settings, seed=None, bpm=None,
             bigger: np.ndarray | None = None, swing: float | None = None) -> np.ndarray:
    """out (W, 32, 27) on the real grid, in place and returned: each 4/4 fill (the runs of fill_at (W, 32) in the
    windows `fills`, in order, over whole beats) that `is_thin` played as a figure (figure_of, lay_figure) drawn
    from its window's seed (seed: one, one per window or None: the settings') and its count among the part's
    fills (_candidates), its sound and landing unlike the last two fills', its rhythm the one heard longest ago.
    bpm: one, one per window or None (unknown); bigger: per fill, whether it leads into a section (None: none);
    swing: the part's (None: straight). Parts without snare or
    toms, and reggae's (reggae_bars.py plays its fill bars), are left as they are. Takes lay_phrases' arguments,
    before fill_landings.vary_landings lands the fills. Within `runs_heard`, its fills follow the fills heard in the
    calls before (RunsHeard) and are added to them. Fills on other bars (3/4, 5/8, 6/8...): fill_meters.py."""
    from .fill_landings import LANDING_MEMORY, landing_figure  # (fill_landings reads this module's EIGHTHS_BPM)

    groups = settings.voice_groups
    capped = settings.max_hits is not None and min(settings.max_hits[v] for v in DRUMS) < STEPS
    # (--max-hits on the snare or a tom: the network's fill, drawn under the cap, as drawn: a run laid by rule had
    # played 8 tom hits where toms=0 asked for none)
    if not len(fills) or capped or not (groups.get("toms", True) and groups.get("snare", True)) or \
            reggae_leads(settings.genre_weights()):
        return out
    hat_cap = 0 if not groups.get("hats", True) else STEPS if settings.max_hits is None else \
        int(settings.max_hits[CLOSED_HAT])
    n = len(out)
    memory = _HEARD.get()
    bpm = memory.bpm if bpm is None and memory is not None else bpm
    seeds = np.broadcast_to(np.asarray(settings.seed if seed is None else seed, np.int64), (n,))
    tempo = None if bpm is None else np.broadcast_to(np.asarray(bpm, np.float64), (n,))
    heard: dict[int, list] = {}
    count: dict[int, int] = {}
    if meters is not None:  # (fills in 3/4, 5/8, 6/8...: fill_meters.py, on their bars' beats)
        from .fill_meters import meter_runs
        meter_runs(out, fills, fill_at, meters, seeds, tempo, memory, bigger, swing)
    # (a half-time window's bars laid one to one are 4/4 bars at the song's speed, the backbeat on 3: a thin fill
    # there is run as here, before it lands; jazz's and latin's own runs after their half time: half_time_fills.py)
    half = None if meters is None or feel_of(settings, False, swing is not None).own_runs else \
        half_time_steps(meters, n).all(1)
    for k, w in enumerate(np.asarray(fills).tolist()):
        halved = half is not None and bool(half[w])
        if not four_four(None if meters is None else meters[w]) and not halved:
            continue
        at = None if tempo is None else float(tempo[w])
        for lo, hi in bar_runs(fill_at[w]):
            if lo % STEPS_PER_BEAT or (hi - lo) % STEPS_PER_BEAT:
                continue
            own = int(seeds[w])
            last = heard.setdefault(own, [] if memory is None else list(memory.last)[-FIGURE_MEMORY:])
            feel = feel_of(settings, at is not None and at > EIGHTHS_BPM, swing is not None)
            # (a jazz part's network fills are straight 16ths at a rock fill's level: over freedoom's d_e1m4 snare
            # and floor tom at 94-127 over a ride at 95-102; a jazz drummer's triplets take their place)
            # (a network fill kept: the runs after it land unlike it too)
            # (a latin part's too: at --density 0.2 its section fill, the network's rock fill with a kick under
            # most strokes, had been kept, busier than at 0.9)
            backbeat = HALF_TIME_BACKBEAT if halved else BACKBEAT
            if not feel.own_runs and not is_thin(out[w], lo, hi, at):
                climb_to_the_top(out[w], lo, hi, FLOOR, backbeat)  # (over a loud part: clipped flat at 127)
                heard[own] = (last + [(heard_as(out[w], lo, hi),
                                       landing_figure(out[w], hi - STEPS_PER_BEAT, hi))])[-FIGURE_MEMORY:]
                if memory is not None:
                    memory.laid[(w, hi)] = (heard[own][-1], None)
                continue
            nth = count[own] = count.get(own, 0 if memory is None else memory.count) + 1
            big = bigger is not None and bool(bigger[k])
            ears, landed = [e for e, _ in last], [g for _, g in last][-LANDING_MEMORY:]
            best = None
            # (the pedal hat kept through it under --max-hits and a muted hat: it had been laid after the cap)
            feet = hat_cap - int((out[w, :, CLOSED_HAT] > 0.5).sum() - (out[w, lo:hi, CLOSED_HAT] > 0.5).sum())
            for figure, lean, ear, lands, loop in _candidates(out[w], lo, hi, own, nth, at, swing, big, feel, feet,
                                                              backbeat):
                # landing and sound unlike the last LANDING_MEMORY fills' (vary_landings leaves it so), its landing
                # and rhythm none of the last RHYTHM_MEMORY, then the rhythm heard alike (rhythm_alike) longest ago
                # (or never) among the last FIGURE_MEMORY fills, then the rhythm itself, then the sound
                rhythm = _age(ear[:2], [e[:2] for e in ears])
                # (a jazz fill opening and ending as one of the last two had been heard as the fill before again)
                apart = not feel.jazz or _edges(ear, lands) not in [_edges(*e) for e in last[-LANDING_MEMORY:]]
                # (and as busy as its feel once its hands leave the kick's strokes: a half-bar fill had kept one)
                # (into a section as busy as GMD's jazz fills, fill_jazz.BIG_LEAST)
                least = BIG_LEAST if big else feel.least
                full = not feel.jazz or len(ear[0]) >= least * (hi - lo) / STEPS_PER_BEAT
                score = (full, apart, lands not in landed and ear not in ears[-LANDING_MEMORY:],
                         lands not in [g for _, g in last][-RHYTHM_MEMORY:] and rhythm >= RHYTHM_MEMORY,
                         _age(ear[:2], [e[:2] for e in ears], rhythm_alike), rhythm, _age(ear, ears))
                if best is None or score > best[0]:
                    best = (score, loop, ear, lands)
                if score == (True, True, True, True, FIGURE_MEMORY, FIGURE_MEMORY, FIGURE_MEMORY):
                    break
            _, laid, ear, lands = best
            out[w] = laid
            heard[own] = (last + [(ear, lands)])[-FIGURE_MEMORY:]
            if memory is not None:
                memory.laid[(w, hi)] = (heard[own][-1], nth)
    return silence_muted(out, settings)  # (a jazz fill's kicks under --mute kick: muted_voices.py)


# A network fill over a loud part given room to climb: its band accents (FILL_ACCENTS, toms 1.2-1.5 times the beat)
# pass the ceiling, so over freedoom e1m6's band (--fill-every 8bars, bar 8) the toms had played a flat run at 127, no
# louder than the backbeat, where a drummer plays a crescendo into the crash; a fill that climbs under the ceiling
# (funk_bass's, 102 -> 127) is left as it is (`climb_to_the_top`).
CEILING = 1.0 - 0.5 / 127  # a stroke at 127
# A fill with at least this share of its strokes (and FLAT_STROKES of them) at the ceiling was clipped flat there
# (e1m6's 8 of 10; a fill that climbs reaches it once or twice: funk_bass's 2 of 6)
FLAT_SHARE, FLAT_STROKES = 0.5, 3


def climb_to_the_top(loop: np.ndarray, lo: int, hi: int, floor: float, backbeat: tuple = BACKBEAT) -> None:
    """A network fill over steps lo..hi of a loop (32, 27), in place, whose snare and tom strokes sit flat at the
    ceiling (FLAT_SHARE of them, FLAT_STROKES at the least) lowered to climb from `floor` (a share of the top) on
    its first struck step to the top on its last, stroke step by stroke step (each at most the climb's level there,
    never raised); a snare on the backbeat (every, at: BACKBEAT's 2 or 4, a half-time bar's 3) keeps its level (a
    half-time fill's backbeat on 3 had fallen to the foot of the climb, 127 -> 102, its snare on 4 kept at 127)."""
    n = N_VOICES
    hits = loop[lo:hi, DRUMS] > 0.5
    vel = loop[lo:hi, [n + v for v in DRUMS]]
    strokes = int(hits.sum())
    at_top = int((hits & (vel >= CEILING)).sum())
    if strokes == 0 or at_top < FLAT_STROKES or at_top < FLAT_SHARE * strokes:
        return
    struck = np.flatnonzero(hits.any(1))
    climb = np.linspace(floor, 1.0, len(struck), dtype=np.float32)
    for step, level in zip(struck, climb):
        t = lo + int(step)
        for v in DRUMS:
            if loop[t, v] <= 0.5 or (v == SNARE and t % backbeat[0] == backbeat[1]):
                continue
            loop[t, n + v] = min(float(loop[t, n + v]), float(level))


__all__ = ["RunsHeard", "fill_out", "runs_heard", "four_four", "is_thin", "step_timing", "heard_as", "EIGHTHS_BPM",
           "FILL_DENSITY"]
