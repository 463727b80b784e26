"""Triple meter in audio: is a take a waltz (3/4) rather than 4/4?

MIDI parts carry their time signature; audio does not, and a waltz read as
4/4 gets a backbeat on its beat 1 every other bar. On the beat grid that the
tempo estimator found (core/audio_tempo.py), each beat gets an accent: its
low-band rise (a bass or kick on the bar's 1), its harmonic change (chords
change on bar lines) and its onset strength. A bar length shows as a pattern
in that sequence repeating every 3 or every 4 beats: the part of the
accents' variance that the beat's position in a bar of P beats explains.
A waltz's accents repeat every 3 beats and, folded on 4, average out; a
4/4 part's repeat every 2 and 4 beats and, folded on 3, average out.

Conservative on purpose: a 4/4 part wrongly read as 3/4 puts bar lines
everywhere wrong, a waltz left in 4/4 is what every take got before. So 3/4
needs the fold on 3 to explain clearly more than the folds on 2 and 4, over
enough bars; and a tempo other than the 4/4 reading's (3/4 or 3/2 of it: a
waltz's bar taken for four beats) needs the notes to sit on its 16ths
clearly better than on the 4/4 reading's (`_on_grid`): of the two, the one nearer the tempo prior, unless
only the other shows a bar of three (a 60 BPM waltz read in 4/4 at 80: at 120 its accents blurred); a
shuffle's swung 8ths (on that 4/4 reading's triplet grid, its middle left out) keep 4/4 (`_swung`), as do a
swung bass line's long-short pairs on every beat where nothing else shows its bar (core/audio_swung_bass.py). A 3/4
reading whose chords change mid-bar, on the "and" of 2, nearly as clearly as on its bar lines is a fast waltz
at half its tempo, and is read at twice it (core/audio_bar_chords.py); a 4/4 reading that counted a fast
waltz's bars as beats (`_bar_as_beat`) is read at 3 times its tempo where the chords say so too. A take
read as 3/4 whose 8ths go in threes (accents on the & of 2, every 8th played) is read in 6/8 or 12/8
(`compound_meter`), as if told. Told 6/8 (`--meter`), the take is read as told 3/4 is: a bar of three
quarter-note beats on the quarter grid (its 8ths on that grid's 8ths), its first in the accented position; told
12/8, the same with bars of six.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .audio_bar_chords import fast_waltz_line
from .audio_feel_change import straight_stretch
from .audio_swung_bass import long_short_pairs, triplet_shares
from .audio_tempo import MAX_BPM, TEMPO_PRIOR_BPM, TEMPO_WINDOW_S, _first_clear, _grid, _hits, _peaks, _refine, _zscore

if TYPE_CHECKING:
    from .audio_envelope import Envelope
    from .audio_pick import Onsets

MIN_BARS = 8  # of three beats: fewer say too little about a bar's length
# 3/4 when the fold on 3 explains this share of the accents' variance (less what chance explains) ...
MIN_TRIPLE = 0.12
# ... and this many times what the folds on 2 and 4 explain (with chance taken off both).
TRIPLE_OVER = 3.0
# A tempo at 3/4 or 3/2 of the 4/4 reading's is tried where the onsets fit its grid this well against the 4/4
# reading's (rendered 4/4 parts fit 3/4 of their tempo at most 0.53 as well, 3/2 at most 0.86).
FIT_RATIO = {0.75: 0.8, 1.5: 1.0}
# ... and where its notes sit on its 16ths this much better (`_on_grid`): rendered waltzes 0.84-0.99 on their
# own grid against 0.40-0.66 on the 4/4 reading's, 4/4 parts 0.33-0.68 on the 3/4 grid against 0.89-1.0.
MIN_ON_GRID = 0.8
ON_GRID_OVER = 0.15
# Where the 4/4 reading's notes sit near chance (1/3) on its own 16ths and this much better on the 3/4 grid's,
# that reading's tempo is wrong, not merely less likely: rendered waltzes read at 4/3 or 2/3 of their tempo 0.37-0.58
# against 0.91-1.0 (4/4 parts fit their own grid 0.89-1.0). There the bar of three need only explain the most (more
# than the folds on 2 and 4: chords a bar or every other bar) and be there: its accents' fold on 3 at least
# MIN_TRIPLE. Or, read at 4/3 of the tempo, where the 3/4 grid shows no bar of 2 or 4 beats, the 4/4
# reading's bar of four (the waltz's bar) explaining MIN_HEARD_BAR of its accents: oom-pah-pah drums and a bass
# on the 1 blur on the beat grid, but that wrong reading's bar and its 1 are the waltz's (rendered mixes 0.54-0.56;
# bass waltzes at 177-182 read at 2/3 of it, whose bar of four is two bars, 0.16). Read at 2/3, its two beats are a
# waltz's bar and any 4/4 part's half bar: not taken.
OFF_GRID_OVER = 0.3
MIN_HEARD_BAR = 0.3
# A 4/4 shuffle (swung 8ths on the 1st and 3rd triplet 8th of each beat) read at 3/2 of its tempo sits on that
# reading's 8ths (a triplet 8th is its 8th): its 3/4 bar is two swung beats, 1, 2, 2& and 3&. It stays 4/4
# (`_swung`) where, on the 4/4 reading's triplet 8ths, the middle holds at most this share of the onsets and the
# other two each at least MIN_SWUNG_SHARE (rendered swung-bass shuffles 0 middle, 0.39-0.61 each other; waltzes
# read in 4/4 at 2/3 of their tempo 0.13-0.34 middle but one, whose strum is 1, 2, 2&, 3&) ...
MAX_SWUNG_MIDDLE = 0.05
MIN_SWUNG_SHARE = 0.2
# ... and the 4/4 reading's accents repeat every 4 beats, as a 3/4 bar's must every 3 (MIN_TRIPLE): the shuffles
# 0.19-0.39 of their variance, that strummed waltz none (a waltz's 1, 2, 2&, 3& with no bar of four to hear).
MIN_TRIPLE_BPM = 55.0  # slower, a 4/4 part read at half its tempo passed for a waltz at 3/8 of it
CUE_WEIGHTS = {"low": 1.0, "change": 1.0, "strength": 0.5}
# 6/8 or 12/8 rather than 3/4 (`compound_meter`) where a fold of the 8ths' accents on 3 explains this share of
# their variance (rendered 6/8 and 12/8 parts 0.50-0.73, waltzes at most 0.39) and this many times a fold on 2's;
MIN_COMPOUND = 0.4
COMPOUND_OVER = 3.0
# ... and the least played 8th of a dotted beat sounds at least this share as often (velocity-weighted) as the
# most played: 6/8 and 12/8 parts 0.41-0.64, shuffles (swung 8ths) 0.
MIN_MIDDLE = 0.3
# 12/8 where the dotted beats' fold on 4 explains this many times a fold on 2's (12/8 parts 4-7, 6/8 below 1).
TWELVE_OVER = 2.0


def _explained(x: np.ndarray, period: int) -> float:
    """Share of x's variance explained by the beat's position in a bar of `period` beats, less chance's share."""
    n = len(x)
    x = x - x.mean()
    total = float((x * x).sum())
    if total <= 0 or n < 2 * period:
        return 0.0
    pos = np.arange(n) % period
    between = sum(float(x[pos == p].sum()) ** 2 / max(int((pos == p).sum()), 1) for p in range(period))
    return between / total - (period - 1) / (n - 1)  # a random sequence's fold explains (P-1)/(N-1) on average


def _on_grid(onsets: "Onsets", bpm: float, phase: float) -> float:
    """Share of the onsets (by velocity) within a sixth of a 16th of the 16th grid at `bpm` through `phase`.

    A waltz read as 4/4 at 4/3 (or 2/3) of its tempo has the same bar length as
    its 3/4 reading, so the bar cannot tell them apart; the notes can: a waltz's
    beats and 8ths fall between a 4/4 grid's 16ths, and a 4/4 part's 8ths and
    16ths between a waltz grid's. A sixth of a step either side: chance is 1/3 at any tempo.
    """
    t = onsets.times[onsets.times < TEMPO_WINDOW_S]
    w = onsets.velocity[: len(t)].astype(np.float64)
    x = (t - phase) * bpm / 15.0
    near = np.abs(x - np.round(x)) <= 1.0 / 6.0
    return float((w * near).sum() / (w.sum() + 1e-12))


def _swung(env: "Envelope", onsets: "Onsets", bpm: float, phase: float, start_s: float) -> bool:
    """A 4/4 reading at `bpm` (beats through `phase`, bar 1 at `start_s`) of a shuffle: its beats' triplet middle
    left out, the beat and the swung 8th played (MAX_SWUNG_MIDDLE), and bars of four beats in its accents. The
    3/4 reading at 3/2 of `bpm` has the same grid, so `_on_grid` cannot tell them apart; a waltz read in 4/4 at
    2/3 of its tempo plays the triplets' middles on its beats or 8ths, or shows no bar of four."""
    if not _swung_eighths(onsets, bpm, phase):
        return False
    got = _accents(env, onsets, bpm, start_s)
    if got is None:
        return False
    beats, acc = got
    return _explained(acc[beats >= _first_clear(onsets) - 15.0 / bpm], 4) >= MIN_TRIPLE


def _swung_eighths(onsets: "Onsets", bpm: float, phase: float) -> bool:
    """The beats at `bpm` through `phase` play a shuffle's triplets: the middle left out, the beat and the swung 8th
    played (MAX_SWUNG_MIDDLE, MIN_SWUNG_SHARE)."""
    share = triplet_shares(onsets, bpm, phase)
    return share[1] <= MAX_SWUNG_MIDDLE and min(share[0], share[2]) >= MIN_SWUNG_SHARE


def _accents_from(env, onsets, c: float, phase: float, first: float):
    """(beats, accents) of the reading at `c` through `phase` from about a 16th before bar 1 (`first`) on, or
    None where none are read."""
    got = _accents(env, onsets, c, phase)
    if got is None:
        return None
    beats, acc = got
    inside = beats >= first - 15.0 / c
    return beats[inside], acc[inside]


def _accents(env: "Envelope", onsets: "Onsets", bpm: float, beat_s: float):
    """(beat seconds, accent per beat) on the grid at `bpm` through `beat_s`, or None if too short."""
    g = _grid(env, onsets, bpm, beat_s, _peaks(env))
    if g is None:
        return None
    change = np.where(g.valid, g.change, np.nan)
    change = _zscore(np.nan_to_num(change, nan=float(np.nanmean(change)) if g.valid.any() else 0.0))
    acc = CUE_WEIGHTS["low"] * g.low + CUE_WEIGHTS["change"] * change + CUE_WEIGHTS["strength"] * g.strength
    return g.beats, acc


def beats_per_bar(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float,
                  tempo_given: bool = False, told: bool = False, bar_beats: int = 3,
                  compound: bool = False) -> tuple[int, float, float]:
    """(3 or 4, bpm, seconds of bar 1) of a steady take read in 4/4 at `bpm` with bar 1 at `start_s`
    (`_beats_per_bar`); a take read as 3/4 whose beats at `bpm`, or at twice it (the tempo reading took two
    beats for one), are a shuffle's long-short pairs is a swung 4/4 part: (4, that tempo, `start_s`)."""
    got = _beats_per_bar(env, onsets, bpm, start_s, tempo_given, told, bar_beats, compound)
    if got[0] != 3 or told or tempo_given:
        return got
    for c, phase in ((bpm, _refine(onsets, bpm)[1]), _refine(onsets, 2 * bpm)[:2]):
        if c <= MAX_BPM and _swung_eighths(onsets, c, phase) and long_short_pairs(onsets, c, phase):
            return 4, c, start_s
    return got


def _beats_per_bar(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float,
                   tempo_given: bool = False, told: bool = False, bar_beats: int = 3,
                   compound: bool = False) -> tuple[int, float, float]:
    """(3 or 4, bpm, seconds of bar 1) of a steady take read in 4/4 at `bpm` with bar 1 at `start_s`.

    The 4/4 reading takes a bar for 4 beats, so a waltz is often read at 4/3
    of its tempo (its bar as four beats) or 2/3 (two bars as four beats): an
    estimated tempo is tried at 3/4 and 3/2 too, where the onsets fit that
    grid about as well (FIT_RATIO). 3 only where the accents clearly repeat
    every 3 beats on such a grid; bar 1 is then the first line in the
    accented position from the first clear onset less a 16th (a pickup
    resolves onto it). Otherwise (4, bpm, start_s) as given. `told`: the
    producer said 3/4 (or 6/8, the same three quarters a bar), so only the tempo and bar 1 are read (3 always);
    with `bar_beats` 6 (told 12/8) bar 1 is the accented one of every 6 beats (6 always). `compound` (told
    6/8 or 12/8): bar 1 is then read on the dotted-quarter grid (`_compound_bar1`).
    """
    period = bar_beats if told else 3
    _, phase0, fit0 = _refine(onsets, bpm)
    hits0 = _on_grid(onsets, bpm, phase0)
    first = _first_clear(onsets)
    best = None
    grid_ok = False  # the grid at 3/4 of the tempo fits and is the octave nearer the prior
    deferred = None  # (bpm, phase) at 3/4 of the tempo where it fits but 3/2 is nearer the prior

    def weigh(c: float, phase: float, off_grid: bool = False, heard_bar: float = 0.0):
        """(e3, bpm, bar line, bar heard in 4/4) of the 3/4 reading at `c` through `phase` where its bar of three
        shows (told: always). `off_grid`: the 4/4 reading's notes fell between its 16ths, and the bar of three need
        only explain the most and be there. `heard_bar`: the share of the 4/4 reading's accents its bar of four (the same length)
        explains: where the beat grid at `c` shows no bar of 2 or 4 beats, that bar and its bar 1 are the waltz's."""
        got = _accents_from(env, onsets, c, phase, first)
        if got is None:
            return None
        beats, acc = got
        if len(acc) < (period if told else 3 * MIN_BARS):
            return None
        e2, e3, e4 = (_explained(acc, p) for p in (2, 3, 4))
        clear = e3 >= MIN_TRIPLE and e3 >= TRIPLE_OVER * max(e2, e4, 0.0)
        if not told and not clear and not (off_grid and e3 >= MIN_TRIPLE and e3 > max(e2, e4)):
            if not (off_grid and heard_bar >= MIN_HEARD_BAR and max(e2, e4) < MIN_TRIPLE):
                return None
            near = int(np.argmin(np.abs(beats - start_s)))  # the 4/4 reading's bar 1 (its accents' 1), on this grid
            return max(e3, 0.0), c, float(beats[near % 3]), True
        if told and period != 3:
            e3 = _explained(acc, period)
        one = int(np.argmax([float(acc[p::period].mean()) for p in range(period)]))  # beats[one::period]: bar lines
        return e3, c, float(beats[one::period][0]), False

    for m in ((1.0,) if tempo_given else (1.0, 0.75, 1.5)):
        off_grid = False
        if m == 1.0:
            c, phase, fit = bpm, start_s, fit0
        else:
            c, phase, fit = _refine(onsets, bpm * m)
            if not (MIN_TRIPLE_BPM <= c <= MAX_BPM) or fit < FIT_RATIO[m] * fit0:
                continue
            hits = _on_grid(onsets, c, phase)
            if hits < MIN_ON_GRID or hits < hits0 + ON_GRID_OVER:
                continue
            off_grid = hits >= hits0 + OFF_GRID_OVER
            if m == 0.75:
                # Both octaves fit a waltz's grid (one reads its 8ths as beats or two bars as one): the one
                # nearer the tempo prior, as for 4/4.
                c2, phase2, fit2 = _refine(onsets, bpm * 1.5)
                if (abs(np.log2(c2 / TEMPO_PRIOR_BPM)) < abs(np.log2(c / TEMPO_PRIOR_BPM)) and c2 <= MAX_BPM
                        and fit2 >= FIT_RATIO[1.5] * fit0 and _on_grid(onsets, c2, phase2) >= MIN_ON_GRID):
                    deferred = (c, phase)
                    continue
            elif grid_ok:  # the octave below fits and is nearer the prior
                continue
            elif _swung(env, onsets, bpm, phase0, start_s):  # a shuffle's swung 8ths, not a waltz's beats
                deferred = None
                continue
            elif straight_stretch(onsets, bpm, phase0):  # straight 8ths, then triplets: a feel, not a waltz's beats
                deferred = None
                continue
            grid_ok = True
        heard_bar = _four_as_three(env, onsets, bpm, start_s, first) if off_grid and m == 0.75 else 0.0
        # where 3/4 of the tempo fit too but 3/2 is nearer the prior, 3/2 must show its bar clearly (else the octave
        # below is read, `deferred`): leniently read, a slow waltz's 8ths pass for beats
        got = weigh(c, phase, off_grid and deferred is None, heard_bar)
        # The grid that shows the 3-beat bar best (a faster comb fits onsets better by covering more of the bar).
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    if best is None and deferred is not None:
        # 3/2 was nearer the prior but showed no bar of three (there a slow waltz's or 6/8's 8ths are the beats,
        # and its accents blur): the octave below, which fits as well, is the take's where its bar of three shows.
        best = weigh(*deferred)
    if best is None and not told and not tempo_given:
        best = _bar_as_beat(env, onsets, bpm, phase0, start_s, fit0, hits0, first)
    if best is None:
        return (period if told else 4), bpm, start_s
    if told and compound:
        return period, best[1], _compound_bar1(env, onsets, best[1], best[2], period * 2 // 3, first)
    if period == 3 and not tempo_given and not best[3]:
        # a fast waltz read at half its tempo: its chords change mid-bar as they do on the bar lines (not where the
        # bar was the 4/4 reading's bar of four, which is one of the waltz's bars, not two: `_four_as_three`)
        line = fast_waltz_line(env, onsets, best[1], best[2])
        if line is not None:
            bpm2, bar_s = 2 * best[1], 90.0 / best[1]
            return period, bpm2, line + float(np.ceil((first - 15.0 / bpm2 - line) / bar_s)) * bar_s
    return period, best[1], best[2]


def _four_as_three(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float, first: float) -> float:
    """Share of the 4/4 reading's accents (at `bpm`, bar 1 at `start_s`) that its bar of four explains: a waltz's
    bar of three where the waltz is at 3/4 of `bpm`. 0 where the grid at 3/2 of `bpm` shows a bar of three: that
    4/4 reading's bar may be two bars of a fast waltz at 3/2 of `bpm` (a bass waltz at 177 read at 118)."""
    got = _accents_from(env, onsets, bpm, start_s, first)
    if got is None or len(got[1]) < 3 * MIN_BARS:
        return 0.0
    c, phase, _ = _refine(onsets, 1.5 * bpm)
    fast = _accents_from(env, onsets, c, phase, first)
    if fast is not None and len(fast[1]) >= 3 * MIN_BARS and _explained(fast[1], 3) >= MIN_TRIPLE:
        return 0.0
    return _explained(got[1], 4)


def _bar_as_beat(env: "Envelope", onsets: "Onsets", bpm: float, phase0: float, start_s: float, fit0: float,
                 hits0: float, first: float):
    """(e3, bpm, bar line, False) of a fast waltz whose 4/4 reading at `bpm` counted its bars as beats (at 190 BPM,
    63.3: each bar one beat), read at 3 times `bpm`; None where that is not clearly it. Its 3/4 reading at 3/2
    of `bpm` (two bars as one) showed a bar of three too faintly to be taken, so this reading must pass the
    same checks (onsets on its grid, not a shuffle's triplets; its accents folded on 3 explain the most) and its
    chords must also change every 3 beats (`fast_waltz_line`: the reading at half of it changes chord mid-bar)."""
    c, phase, fit = _refine(onsets, 3 * bpm)
    if c > MAX_BPM or fit < FIT_RATIO[1.5] * fit0:
        return None
    hits = _on_grid(onsets, c, phase)
    if hits < MIN_ON_GRID or hits < hits0 + ON_GRID_OVER or _swung(env, onsets, bpm, phase0, start_s):
        return None
    got = _accents_from(env, onsets, c, phase, first)
    if got is None:
        return None
    beats, acc = got
    if len(acc) < 3 * MIN_BARS:
        return None
    # The fold on 3 need only explain the most: the chords changing every 3 beats say the rest (a waltz whose
    # bars alternate, a low root heard faintly every other bar, repeats in part every 4 and 6 beats too).
    e2, e3, e4 = (_explained(acc, p) for p in (2, 3, 4))
    if not (e3 >= MIN_TRIPLE and e3 > max(e2, e4)):
        return None
    one = int(np.argmax([float(acc[p::3].mean()) for p in range(3)]))
    line = fast_waltz_line(env, onsets, c / 2, float(beats[one::3][0]))
    return None if line is None else (e3, c / 2, line, False)


def _compound_bar1(env: "Envelope", onsets: "Onsets", bpm: float, line_s: float, dotted: int, first: float) -> float:
    """Bar 1 (s) of a take told 6/8 or 12/8 (`dotted` beats a bar) at quarter-note `bpm`, from a bar line
    `line_s` read on the quarter grid. That grid holds only every other dotted beat (the 4th 8th falls between
    its beats), and a quarter grid through the take's off-8ths showed bar 1 on the 4th 8th: the dotted grid is
    the one of the three through `line_s`'s 8ths its onsets sit on most, bar 1 its most accented beat."""
    eighth, dotted_s = 30.0 / bpm, 90.0 / bpm
    t = onsets.times[onsets.times < TEMPO_WINDOW_S]
    w = onsets.velocity[: len(t)].astype(np.float64)

    def on(phase):
        x = (t - phase) / dotted_s
        return float((w * (np.abs(x - np.round(x)) <= 1.0 / 6.0)).sum())

    phase = max((line_s + j * eighth for j in range(3)), key=on)
    got = _accents(env, onsets, bpm / 1.5, phase)
    if got is None:
        return line_s
    beats, acc = got
    inside = beats >= first - 15.0 / bpm
    beats, acc = beats[inside], acc[inside]
    if len(acc) < dotted:
        return line_s
    one = int(np.argmax([float(acc[p::dotted].mean()) for p in range(dotted)]))
    return float(beats[one::dotted][0])


def compound_meter(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float) -> tuple[int, int] | None:
    """(6, 8) or (12, 8) where a take read in 3/4 at quarter-note `bpm` (bar 1 at `start_s`) plays its 8ths in
    threes, else None (a waltz). A 6/8 part's bar is a waltz's three quarters, so the 3/4 check takes it; its
    8ths tell them apart: folded on 3 8ths its accents repeat (bass and accents on the 1st and 4th 8th, the & of
    2 in 3/4), folded on 2 a waltz's do (beats 1, 2 and 3). Each 8th of a dotted beat must be played, too: a
    4/4 shuffle read at 3/2 of its tempo also accents every 3rd 8th but leaves the triplet's middle 8th out.
    12/8 where the dotted beats' accents repeat every 4 rather than every 2 (a slow blues: the chord and the
    strongest accent once every four)."""
    got = _accents(env, onsets, 2 * bpm, start_s)  # one accent per 8th
    if got is None:
        return None
    beats, acc = got
    inside = beats >= _first_clear(onsets) - 7.5 / bpm
    beats, acc = beats[inside], acc[inside]
    if len(acc) < 6 * MIN_BARS:
        return None
    e3 = _explained(acc, 3)
    if e3 < MIN_COMPOUND or e3 < COMPOUND_OVER * max(_explained(acc, 2), 0.0):
        return None
    played = _hits(onsets, beats, min(0.05, 3.75 / bpm))  # within a quarter of an 8th, as _grid's beats
    played = [float(played[k::3].mean()) for k in range(3)]
    if min(played) < MIN_MIDDLE * max(played):
        return None
    dotted = acc[int(np.argmax([float(acc[k::3].mean()) for k in range(3)]))::3]
    twelve = _explained(dotted, 4) >= TWELVE_OVER * max(_explained(dotted, 2), 0.0)
    return (12, 8) if twelve else (6, 8)
