"""How a 4/4 fill run is played for its part (fill_runs.py): its rhythms by tempo, density and genre, drums, levels.

A drummer reading the runs by ear (78 old/new pairs) heard, worst first: above 160 BPM every fill straight 8ths,
six fills of a 210 BPM song alike and the fill into a section no bigger (two hands play 16th pairs, "X-XX", at
165-180 BPM as a matter of course: it is one hand's 16ths that are too fast, hand_speed.ONE_HAND_BPM); a 64 BPM
ballad at --density 0.2 given 12 16ths over its bar fill and no backbeat on 2, a funk riff at --density 0.9 a
thinner fill than before; a rock run of 16 even 16ths under a jazz comp (47) and ride (100), and a four-drum tom
run under hip-hop. So per part a FillFeel: the cells a run draws each beat from and how busy it is at the least;
above fill_runs.EIGHTHS_BPM 8ths with two-hand 16th pairs (no more than FAST_RUN 16ths in a row: the hands
alternate, each on 8ths), a section fill on pairs every beat; sparse at a low density, a bar fill keeping its
backbeat on 2 with the run over its last two beats (`lead_in`); busy at a high one; jazz (any tempo, its part straight)
triplet phrases from its comping level up to its ride's (a swung jazz part's too); hip-hop sparse snare pickups and
a tom or two; latin (a straight part's) its drummers' 16ths off the beat on the timbales (high tom) and floor tom,
the hands going between them and the snare, soft into an accented last stroke, into a section its busiest cells
with a gap each beat, accented on the clave's hits (a rock run of 16 even 16ths before), above EIGHTHS_BPM its cells
thinned to two hands' 8ths and pairs (rock's fast runs down the mid tom before); jazz's openings (on the
beat, its last triplet, after a rest) and endings (the last triplet, or 4 with the kick setting up the 1) drawn
apart fill after fill (every fill had opened with a soft snare on 3 into the floor tom on 4's last triplet). A swung
part's triplet runs stay as they were. Plain Python over Settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .genres import GENRES
from .loop import VOICES

SNARE, LOW, MID, HIGH = (VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom"))
LEADS = 0.5  # a genre's share of the mix from which its fills are played its way
SPARSE_DENSITY, BUSY_DENSITY = 0.35, 0.65  # --density under / over which a fill is sparser / busier
FAST_RUN = 3  # above EIGHTHS_BPM the most 16ths in a row (two hands alternating: each plays 8ths)
TRIPLET_SWING = 8 / 3  # a straight part's jazz fill on triplet 8ths (swing.swing_loops: 16ths from the beat)

CELLS = ((0, 2, 3), (0, 1, 2), (0, 1, 3), (0, 2))  # an 8th and two 16ths, or 8ths (GMD's 2.4-2.9 a beat)
BUSIEST = (0, 1, 2, 3)
SWUNG_CELLS = ((0, 1, 2), (0, 2), (0, 1, 2))  # a swung beat's triplets (swing_loops lays the "e" mid-triplet)
# above EIGHTHS_BPM: 8ths, or a two-hand 16th pair on the "and" ("X-XX") or from the beat ("XXX-")
FAST_CELLS = ((0, 2), (0, 2), (0, 2, 3), (0, 1, 2))
FAST_SWUNG_CELLS = ((0, 2), (0, 2), (0, 1, 2))
SPARSE_CELLS = ((0, 2), (0, 2), (0, 2, 3))
SPARSE_SWUNG_CELLS = ((0, 2), (0, 2), (0, 1, 2))
BUSY_CELLS = ((0, 2, 3), (0, 1, 2), (0, 1, 3), BUSIEST)
# 8ths, a 16th pickup into the next beat, a lone accent; pickups from the "e" or the "a", a flam-like pair on the
# beat, the beat left to rest (the fill on the next beat alone). Over freedoom's d_e1m4 8 of 12 fills had opened
# on one figure ("X-XX") from the first four cells
HIPHOP_CELLS = ((0, 2), (0, 2, 3), (2, 3), (0,), (1, 3), (0, 1), (3,), (), (0, 1, 2))
# hip-hop's drums: the snare, then a tom or two (fill_runs.PATHS runs down four), or a tom first
HIPHOP_PATHS = ((SNARE, SNARE, LOW), (SNARE, LOW), (SNARE, SNARE, SNARE, LOW), (SNARE, SNARE, MID),
                (SNARE, SNARE, MID, LOW), (HIGH, LOW), (MID, LOW, LOW))
# Latin's (GMD's latin and afro-cuban drummers, train split: 50 bars striking 3 or more toms): the beat's 16ths off
# it ("e and" 12%, "1 e a" 13%, where rock's are 8ths, 25%, and 16ths, 21%), 2.3 a beat, on the high tom (the
# timbales: 141 strokes), the floor tom (122) and the snare between them (mid tom: 2), the hands going between
# the snare and a tom (paths "SLSLSL", "HSHSHS"); the last stroke often on 4's "e" or "and" (a space before the 1)
LATIN_CELLS = ((0, 1, 3), (0, 1, 3), (1, 2), (1, 2), (0, 1, 2, 3), (0, 2), (0, 1), (0, 1, 2), (1, 3))
# (an `alternate` path: its drums but the last in turn, a stroke each, then the last; (HIGH, HIGH, HIGH, SNARE,
# LOW): the timbales, turning to the snare every fourth stroke: a bar fill had played 15 on the high tom alone)
LATIN_PATHS = ((SNARE, HIGH, LOW), (HIGH, SNARE, LOW), (SNARE, LOW, LOW), (HIGH, HIGH, HIGH, SNARE, LOW),
               (SNARE, HIGH, HIGH))
LATIN_BODY = 0.7  # its strokes at this share of the landing's (GMD: 68 a stroke, the last 103), the last at it
# Into a section its busiest cells, each beat with a gap (no more than four 16ths in a row: a rock run of 15-16 even
# 16ths before), accented where the bar's son clave (3-2, in 16ths) plays, at this share of the landing's level
LATIN_BIG = ((0, 1, 3), (0, 2, 3))
LATIN_ACCENTS = ((0, 3, 6, 10, 12), 0.9)
# ... at a low --density fewer (2.25 a beat: the network's section fill at 0.2 had been kept, 10 strokes over two
# beats, 6 on one timbale, where 0.5 played 8 and 0.9 7), at a high one no more than LATIN_BIG's
LATIN_SPARSE_BIG = ((0, 3), (1, 3), (0, 2, 3), (1, 2))
LATIN_LONGEST = 6  # a phrase fill's 16ths in a row at the most (its busiest cell twice had run 8)
# Jazz's (a fill heard the same over a song before: a soft snare on 3 into the floor tom on 4's last triplet, only
# the middle changing): its triplets opening on the beat, on its last triplet alone or after a beat's rest (the fill
# on 4 only), and ending (the last beat) on the last triplet, or on 4 or its middle triplet, the kick setting up the
# 1 on the last (fill_runs.lay_figure); its drums down the kit, or back to the snare, struck with the kick
# (0, 1): the beat and its middle triplet, the kick on its last (fill_jazz.let_kicks: GMD's jazz drummers' fills,
# 4.1-4.5 hand strokes and a kick over their last two beats, where ours had struck 3-4, fill_jazz.py)
JAZZ_CELLS = ((0, 1, 2), (0, 1), (0, 2), (0, 1, 2), (2,), ())
JAZZ_ENDINGS = ((0, 1, 2), (0, 2), (0,), (0, 1))
# Into a section drawn beat by beat, busier than a phrase fill (each had played `big`, every triplet: over freedoom's
# d_e1m4 band 8 of 10 fills one rhythm, the network's kick on 3's "a" taking the same triplet from each)
JAZZ_BIG_CELLS = ((0, 1, 2), (0, 1), (0, 1, 2), (0, 1, 2), (0, 2))
JAZZ_LEAST = 1.5  # struck triplets a beat at the least (a rest opens a fill on 4 only; GMD: 2.05-2.25 on average)
# --density (it had changed no jazz or latin fill: 64 latin strokes over 6 bar fills at 0 and at 1): a sparse jazz
# fill a few triplets at the comp's level into the last at the ride's, a busy one triplets most beats; a sparse
# latin fill a few timbale strokes off the beat into the accent, a busy one its 16ths with fewer gaps
JAZZ_SPARSE_CELLS = ((2,), (0,), (), (0, 2), (2,))
JAZZ_SPARSE_ENDINGS = ((0,), (0, 2))
JAZZ_SPARSE_BODY = 0.6  # its strokes at this share of the ride's level (the comp's), the last at the ride's
JAZZ_BUSY_CELLS = ((0, 1, 2), (0, 1, 2), (0, 2), (0, 1, 2))
LATIN_SPARSE_CELLS = ((1, 3), (2,), (1,), (3,), (0, 3), ())
LATIN_SPARSE_PATHS = ((HIGH, HIGH, LOW), (HIGH, SNARE, LOW), (HIGH, HIGH, HIGH))
LATIN_BUSY_CELLS = ((0, 1, 3), (0, 1, 2, 3), (0, 1, 2), (0, 2, 3), (1, 2, 3))
# Above fill_runs.EIGHTHS_BPM (a mambo or songo at 170-220: a 16th 70-90 ms, no hand's 16ths, hand_speed.py) latin's
# cells thinned to two hands' 8ths and 16th pairs, FAST_RUN 16ths in a row at the most, its drums, soft body and
# accented last stroke as below it (a rock fast run down the mid tom before, 9.5% of the strokes at 180-200 BPM and
# 48 of 216 fills landing on it, its levels climbing). GMD's one latin take above it with fills (drummer4's
# brazilian at 184 BPM: 5 bars striking 3 or more toms) strikes 1.6 16ths a beat, 26 of 32 on its 8ths, accents
# at 127 over strokes at ~90 between them
LATIN_FAST_CELLS = ((0, 2), (0, 2), (2,), (1, 2), (0,), (0, 2, 3), (0, 1))
LATIN_FAST_BUSY_CELLS = ((0, 2), (0, 2, 3), (1, 2), (0, 1), (0, 2, 3), (0, 1, 3))
JAZZ_PATHS = ((SNARE, HIGH, MID, LOW), (SNARE, HIGH, LOW), (SNARE, MID, LOW), (SNARE, SNARE, HIGH, LOW),
              (SNARE, HIGH, LOW, LOW), (SNARE, SNARE, SNARE, LOW), (SNARE, HIGH, LOW, SNARE), (SNARE, LOW, SNARE),
              (SNARE, MID, LOW, SNARE))


@dataclass(frozen=True)
class FillFeel:
    """How a part's fill runs are played: `cells` each beat's struck 16ths are drawn from, `least` struck 16ths a
    beat on average at the least, `big` the cell of each beat of a fill into a section, `lead_in` (a run longer
    than two beats plays only the backbeat before its last two), `swing` a straight part's run is laid at (None:
    the part's), `paths` its drums (None: fill_runs.PATHS), `longest` 16ths in a row at the most (None: any),
    `jazz` (levels from the comping snare's up to the ride's), `alternate` (the hands go between its path's drums,
    a stroke each), `body` (None: strokes climbing to the landing's level; else held at this share of it, the last
    stroke accented), `big_cells` (a fill into a section draws each beat from these; None: `big` every beat),
    `big_accents` (its strokes on these 16ths of the bar at this share of the landing's level: (steps, share)),
    `endings` (a phrase fill's last beat drawn from these; None: from `cells`), `own_runs` (every fill played as
    its run: the network's fills, a rock drummer's, never kept)."""

    cells: tuple
    least: float
    big: tuple
    lead_in: bool = False
    swing: float | None = None
    paths: tuple | None = None
    longest: int | None = None
    jazz: bool = False
    alternate: bool = False
    body: float | None = None
    big_cells: tuple | None = None
    big_accents: tuple | None = None
    endings: tuple | None = None
    own_runs: bool = False


def _leads(settings, genre: str) -> bool:
    """Whether `genre` leads the settings' genre mix."""
    return settings.genre_weights()[GENRES.index(genre)] >= LEADS


def feel_of(settings, fast: bool, swung: bool) -> FillFeel:
    """A part's FillFeel from its settings (genre, density; None: the plain runs), whether its fills are above
    fill_runs.EIGHTHS_BPM and whether it is swung."""
    density = None if settings is None else settings.density
    if settings is not None and _leads(settings, "hiphop"):
        return FillFeel(HIPHOP_CELLS, 1.5, (0, 2, 3), lead_in=True, paths=HIPHOP_PATHS, longest=FAST_RUN)
    sparse = density is not None and density < SPARSE_DENSITY
    busy = density is not None and density > BUSY_DENSITY
    latin = not swung and settings is not None and _leads(settings, "latin")
    if fast and latin:
        return _latin_feel(sparse, busy, fast)
    # (jazz's triplets at any tempo: `fast` is one hand's 16ths, which its runs never play: `jazz_feel`)
    if settings is not None and _leads(settings, "jazz"):
        return jazz_feel(sparse, busy, swung)
    if fast:
        cells = FAST_SWUNG_CELLS if swung else ((0, 2),) if density is not None and density < SPARSE_DENSITY \
            else FAST_CELLS
        return FillFeel(cells, 2.5 if density is not None and density > BUSY_DENSITY else 2.0,
                        (0, 1, 2) if swung else (0, 2, 3), longest=FAST_RUN)
    if latin:
        return _latin_feel(sparse, busy, fast)
    if sparse:
        return FillFeel(SPARSE_SWUNG_CELLS if swung else SPARSE_CELLS, 2.0, SWUNG_CELLS[0] if swung else BUSIEST,
                        lead_in=True)
    if swung:
        return FillFeel(SWUNG_CELLS, 2.5, SWUNG_CELLS[0])
    if busy:
        return FillFeel(BUSY_CELLS, 3.0, BUSIEST)
    return FillFeel(CELLS, 2.5, BUSIEST)


def jazz_feel(sparse: bool, busy: bool, swung: bool) -> FillFeel:
    """A jazz part's FillFeel at a sparse, busy or plain --density, at any tempo: triplet phrases from its comping
    level up to its ride's (a swung jazz part's too: a shuffle's jazz fill had climbed 91 -> 114 over its ride at
    89-97). Above fill_runs.EIGHTHS_BPM it had played rock's fast runs (freedoom's d_e1m1 at 165 BPM with --genre
    jazz: straight 8ths and 16th pairs, snare and toms climbing 101 -> 127 over a ride at 51-108); a jazz drummer
    still plays 8th-note triplets there, the hands alternating (at 165 BPM each hand strikes 4 a second, 8 at 330,
    where hand_speed.ONE_HAND_STROKES is 11: a hand plays one triplet in two)."""
    cells, least, ends = (JAZZ_SPARSE_CELLS, 0.75, JAZZ_SPARSE_ENDINGS) if sparse else \
        (JAZZ_BUSY_CELLS, 2.0, JAZZ_ENDINGS) if busy else (JAZZ_CELLS, JAZZ_LEAST, JAZZ_ENDINGS)
    return FillFeel(cells, least, SWUNG_CELLS[0], swing=None if swung else TRIPLET_SWING, jazz=True, own_runs=True,
                    paths=JAZZ_PATHS, endings=ends, body=JAZZ_SPARSE_BODY if sparse else None,
                    big_cells=None if sparse else JAZZ_BIG_CELLS)


def _latin_feel(sparse: bool, busy: bool, fast: bool) -> FillFeel:
    """A straight latin part's FillFeel at a sparse, busy or plain --density; fast: above fill_runs.EIGHTHS_BPM (its
    cells two hands' 8ths and pairs, no more than FAST_RUN 16ths in a row: its sparse ones are already)."""
    cells, least, paths = (LATIN_SPARSE_CELLS, 1.0, LATIN_SPARSE_PATHS) if sparse else \
        (LATIN_FAST_BUSY_CELLS, 2.25, LATIN_PATHS) if busy and fast else \
        (LATIN_BUSY_CELLS, 2.75, LATIN_PATHS) if busy else (LATIN_FAST_CELLS, 1.5, LATIN_PATHS) if fast else \
        (LATIN_CELLS, 2.0, LATIN_PATHS)
    return FillFeel(cells, least, BUSIEST, paths=paths, alternate=True, body=LATIN_BODY,
                    longest=FAST_RUN if fast else LATIN_LONGEST, big_cells=LATIN_SPARSE_BIG if sparse else LATIN_BIG,
                    big_accents=LATIN_ACCENTS, own_runs=True)


def longest_run(cells) -> int:
    """The most struck 16ths in a row of a run's cells, beat after beat."""
    steps = [4 * b + t for b, cell in enumerate(cells) for t in cell]
    most = run = 0
    for i, t in enumerate(steps):
        run = run + 1 if i and t == steps[i - 1] + 1 else 1
        most = max(most, run)
    return most


__all__ = ["FillFeel", "feel_of", "jazz_feel", "longest_run", "BUSIEST", "CELLS", "SWUNG_CELLS"]
