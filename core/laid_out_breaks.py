"""A break under a roll or a swell: mid-song, the band (the parts that played the bar before) hits a short figure
from the downbeat (up to beat 3 or its "and") and stops for the rest of the bar, while a part that had not been
playing rolls on (a timpani's 16ths) or swells (a reverse cymbal rung to the bar's end); the band is back on
the next bar.

Freedoom's d_map12 breaks so every 8 bars (bar 8: bass and piano on beat 1, a timpani rolling the whole bar,
a reverse cymbal from beat 3; bars 16/24/32: five unison 8th chords from beat 1 to beat 3 first). Read from
the band's merged onsets the roll is the band playing on, so the drums grooved through bar 8 and played fills
over the timpani in 16/24/32. Its own drummer hits beat 1 with the band and lays out: the roll is the fill.
A drummer catches the band's hits (the first with a kick and a crash, the ones after it with kick and snare:
band_hits.voice_hits), leaves the rest of the bar to the roll, and crashes on the band's return.

Read by part (Windows.parts' steps: which parts start a note on each step), so a part joining only for the
break is told from the band. The roll must be new (a sequencer's 16ths that ran through the bar before are the
band, keeping time) and the break must not recur 2 bars away (a riff that stops so every other bar is played
through).

A bar of the whole band's unison hits (unison_hits.py: two to four chords struck together, no roll under them) is
caught the same way and found with these breaks, in the bars they leave.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .band_hits import bar_onsets
from .closing_figure import ECHO_STEPS, figure_end_limit
from .meter import WindowBars
from .stops import Stop
from .unison_hits import unison_hits


def laid_out_breaks(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                    starts: Sequence[float] | None, end: float, sounding: np.ndarray | None, parts,
                    taken: set[int] = frozenset()) -> list[Stop]:
    """Stops for each of the band's hits in a break bar (_break_hits; none in `taken`), all of them `caught`
    (band_hits' voicing): each rests to the next hit, the last to the next bar's downbeat with no lead (the
    drums lay out under the roll; the band's return is a section, a crash on it), then the bars of the whole band's
    unison hits (unison_hits.py). parts: Windows.parts (its `steps` known: MIDI), sounding: Windows.sounding."""
    steps_bits = getattr(parts, "steps", None)
    if steps_bits is None or sounding is None:
        return []
    read = bar_onsets(grooves, bars, meters, starts, end)
    held = np.asarray(sounding, bool).reshape(len(grooves), -1)
    masks = {bar: np.asarray(steps_bits[w, lo:hi], np.int64) for bar, (w, lo, hi, _, _) in read.items()}
    found = {bar: _break_hits(masks, held, read, bar) for bar in read}
    out = []
    for bar, hits in sorted(found.items()):
        if hits is None or bar in taken or any(found.get(b) is not None for b in (bar - 2, bar + 2)):
            continue  # (a break recurring every other bar is the band's riff, played through)
        w, lo = read[bar][:2]
        places = [(w, lo + int(a)) for a in hits] + [read[bar + 1][:2]]
        out += [Stop(bar, *places[i], bar if i + 1 < len(hits) else bar + 1, places[i + 1], None, caught=True)
                for i in range(len(hits))]
    return out + unison_hits(grooves, bars, meters, starts, end, parts, set(taken) | {s.bar for s in out})


def _break_hits(masks: dict, held: np.ndarray, read: dict, bar: int) -> np.ndarray | None:
    """The steps the drums catch in `bar` if it is a break (see the module), else None: the band (the parts
    starting a note in the bar before) plays into the second half of the bars before and after; in this bar its
    onsets run from the downbeat to the "and" of the middle beat at the latest (in the bar's own meter:
    closing_figure.figure_end_limit), unlike its onsets 1 or 2 bars away (a riff); some part new to the bar plays
    on past them, each such part a roll (a note on every 16th from the figure on to the bar's end) or one note
    rung to the bar's end (a swell), the band's last chord over before a swell alone comes in (a chord held into
    it is the band playing on). The hits: the band's onsets where they are an 8th or more apart or swung 8ths
    (_caught_one_by_one), else its downbeat alone (a run of 16ths is not caught note by note)."""
    if bar - 1 not in masks or bar + 1 not in masks:
        return None
    steps = len(masks[bar])
    beats = read[bar][3]
    band = int(np.bitwise_or.reduce(masks[bar - 1]))
    if not band or not all(_plays_on(masks[b] & band) for b in (bar - 1, bar + 1)):
        return None
    hits = np.flatnonzero(masks[bar] & band)
    if not len(hits) or hits[0] != 0 or hits[-1] > figure_end_limit([b.length for b in beats]):
        return None
    if any(b in masks and np.array_equal(np.flatnonzero(masks[b] & band), hits) for b in (bar - 2, bar + 1, bar + 2)):
        return None  # the band plays so in the bars around: its riff, not a stop
    w, lo = read[bar][:2]
    colour = int(np.bitwise_or.reduce(masks[bar])) & ~band
    past = rolled = False  # a new part sounds on after the band's figure; one of them a roll
    held_on = False  # something sounds from the band's last hit to a swell's entry: the band holding its chord
    for bit in _bits(colour):
        at = np.flatnonzero(masks[bar] & bit)
        if at[-1] <= hits[-1] + ECHO_STEPS:
            continue  # joins the figure (a pizzicato doubling it, its 16th echoes)
        roll = at[0] <= hits[-1] and np.array_equal(at, np.arange(at[0], steps))  # (under the figure and on)
        swell = len(at) == 1 and bool(held[w, lo + at[0]:lo + steps].all())
        if not (roll or swell):
            return None  # a new part playing a line of its own: not a break the drums lay out under
        past, rolled = True, rolled or roll
        held_on = held_on or (swell and bool(held[w, lo + hits[-1]:lo + at[0]].all()))
    if not past or (held_on and not rolled):
        return None  # (a chord held into a swell: the band has not stopped; under a roll it is the roll's bar)
    return hits if _caught_one_by_one(hits, {b.start - lo for b in beats}) else hits[:1]


def _caught_one_by_one(hits: np.ndarray, beat_steps: set[int]) -> bool:
    """Whether a drummer catches each of a break figure's `hits` (steps from the downbeat): they are an 8th or more
    apart, or a swung pair, an "and" landing a 16th before the next beat (a shuffle's "and" at 2/3 of the beat
    rounds to the beat's last 16th: gaps 3,1,3,1) an 8th or more after the hit before it. A run of 16ths is
    caught on its downbeat alone."""
    gaps = np.diff(hits)
    return all(gap >= 2 or (i and gaps[i - 1] >= 2 and int(hits[i + 1]) in beat_steps) for i, gap in enumerate(gaps))


def _plays_on(mask: np.ndarray) -> bool:
    """The parts in `mask` (a bar's steps' bits) start a note in the bar's second half."""
    return bool(mask[len(mask) // 2:].any())


def _bits(mask: int):
    """Each set bit of `mask`, as an int of its own."""
    while mask:
        low = mask & -mask
        yield low
        mask ^= low


__all__ = ["laid_out_breaks"]
