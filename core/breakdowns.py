"""Breakdowns: where the band drops to a few parts between fuller sections, and the drums dropping with it.

A drummer hears the band fall away in the middle of a song (the pad and a bass note a bar before the last
chorus, the bass alone for eight bars) and drops too: hats, the backbeat and a kick on each downbeat, the fill
into the next section kept.
The model plays each window from its own groove, and a bass alone in funk 16ths still drew the whole loud
groove. `breakdown_windows` finds such sections among a part's takes (sections.section_takes), `play_breakdowns`
thins the drums there and plays them softer (`play_softer`); `parts_leave` finds where most of the band leaves and
the rest plays on in the same rhythm, and `intro_windows` a quiet intro, which the drums play softer, not thinner.
Plain numpy over HVO-shaped arrays (W, 32, 27).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .limbs import CLOSED_HAT, CRASH, KICK, OPEN_HAT, RIDE, SNARE
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT
from .meter import WindowBars, bars_beats
from .sections import onset_steps

# A breakdown plays at most this share of the onsets a window that the song's fullest section plays ...
BREAKDOWN_SHARE = 0.6
# ... with at least this many parts fewer than it (MIDI tracks and channels: Windows.parts), or at most half its parts
# (a band of two dropping to one: a house track's bass out under held chords, R13 p1, could never be 2 fewer) ...
BREAKDOWN_PARTS = 2
# ... or, where parts are not known (audio), at most this share of its onsets
BREAKDOWN_SHARE_BLIND = 0.35
BREAKDOWN_WINDOWS = 2  # a section this many windows long at least (4 bars): a bar's break is a stop's ...
BREAKDOWN_LONGEST = 8  # ... and at most this many (16 bars): a longer quiet stretch is a section of the song's own
# what a drummer keeps playing through a breakdown: the time (hats, ride), and a crash where it opens
KEPT_VOICES = (CLOSED_HAT, RIDE, CRASH)
# ... and how much softer the time is kept there (funk105's hats had stayed at the chorus's loud 16ths)
BREAKDOWN_TOUCH = 0.85
# how much softer every stroke is where the band thins out (a breakdown, a section most of the band leaves, a quiet
# intro), the time lighter still by BREAKDOWN_TOUCH: under a pad and a bass note a bar, a pop song's breakdown had
# its backbeat at 92 of 127, as loud as the verse's (now 78, the hats 56 -> 48; the choruses' 124)
SOFTER = 0.85


def breakdown_windows(grooves: np.ndarray, part_takes: np.ndarray, parts: np.ndarray | None = None) -> np.ndarray:
    """(W,) bool: the windows of sections (part_takes: sections.section_takes) where the band drops well below its
    fullest section (BREAKDOWN_SHARE of its onsets and BREAKDOWN_PARTS parts fewer or half of them: fewer_parts;
    or BREAKDOWN_SHARE_BLIND of its onsets where parts are not known), for BREAKDOWN_WINDOWS or more, dropping from
    a fuller section right before it (near the fullest, or playing well more) and with one after it: a quiet intro
    (sections.opens_quietly) and an outro thinning to the end are not breakdowns.
    grooves: (W, 32, 3) on the real grid; parts: Windows.parts, (W,) parts playing in each window."""
    takes = np.asarray(part_takes)
    out = np.zeros(len(takes), bool)
    if len(takes) < 3 * BREAKDOWN_WINDOWS:
        return out
    hits = onset_steps(grooves)
    onsets = hits.sum(1).astype(np.float64)
    playing = None if parts is None else np.asarray(parts, np.int64)
    ids = [t for t in np.unique(takes) if (takes == t).sum() >= BREAKDOWN_WINDOWS]
    if not ids:
        return out
    played = ~resting(hits)

    def heard(rows: np.ndarray) -> np.ndarray:
        """A section's windows its level is judged by: those the band plays in, not a stop's rest (a band at 110
        stopping dead for bars 5-8 shared a section with its full bars 3-4, onsets 15, 1, 0: their average, 5.3,
        made all six bars a breakdown); all of them where it plays in none."""
        both = rows & played
        return both if both.any() else rows

    judged = {t: heard(takes == t) for t in ids}
    # the fullest: the most onsets, then the most parts (a drop's 16ths played by three parts, an intro's by two)
    full = max(ids, key=lambda t: (onsets[judged[t]].mean(), 0 if playing is None else playing[judged[t]].mean()))
    most = onsets[judged[full]].mean()
    widest = None if playing is None else int(np.median(playing[judged[full]]))

    def thin(rows: np.ndarray) -> bool:
        rows = heard(rows)
        if playing is None:
            return onsets[rows].mean() <= BREAKDOWN_SHARE_BLIND * most
        return onsets[rows].mean() <= BREAKDOWN_SHARE * most and fewer_parts(playing[rows].max(), widest)

    quiet = np.zeros(len(takes), bool)
    for t in ids:
        quiet[takes == t] = thin(takes == t)
    # a run of quiet windows between fuller music: the section right before it (what the band drops from) and one
    # after it, each with the band near its fullest (BREAKDOWN_SHARE of its onsets, or all its parts) or playing so
    # much more than in the run that its onsets alone show the drop (BREAKDOWN_SHARE_BLIND); a run only a little
    # quieter than the section before is none (freedoom's E1M3: a sparse opening adding a lead for four bars and
    # going on as before, its kick on 3 lost in bars 13-28; MAP27: a verse's dip whose second half was back at the
    # verse's level, its drums dropped throughout). Each run of one section's windows is judged alone.
    near_full = np.ones(len(takes), bool) if playing is None else \
        (onsets > BREAKDOWN_SHARE * most) | (playing >= widest)
    for w, end in runs(quiet, takes):
        start = w  # the section the band drops from: the windows right before the run, of one take
        while start > 0 and takes[start - 1] == takes[w - 1]:
            start -= 1
        before, after = slice(start, w), slice(end + 1, len(takes))
        drop = near_full | (BREAKDOWN_SHARE_BLIND * onsets >= onsets[w:end + 1].mean())
        fuller = lambda rows: bool((~quiet[rows] & (onsets[rows] > 0) & drop[rows]).any())  # noqa: E731
        if BREAKDOWN_WINDOWS <= end - w + 1 <= BREAKDOWN_LONGEST and fuller(before) and fuller(after):
            out[w:end + 1] = True
    return out


def fewer_parts(parts: int, widest: int) -> bool:
    """Whether `parts` playing is a drop from the fullest section's `widest`: BREAKDOWN_PARTS fewer, or at most half
    of them (only a band of two adds to the first: one part of two; a rest, 0 parts, stays the first's alone)."""
    return parts <= widest - BREAKDOWN_PARTS or 0 < 2 * parts <= widest


def resting(hits: np.ndarray) -> np.ndarray:
    """(W,) bool: the windows (hits: sections.onset_steps, (W, 32)) where the band rests: no note, or its notes all
    within one beat (a stop's hit, a pickup into the comeback), as a stop's rest bars are."""
    out = np.zeros(len(hits), bool)
    for w, row in enumerate(np.asarray(hits, bool)):
        at = np.flatnonzero(row)
        out[w] = len(at) == 0 or at[-1] - at[0] < STEPS_PER_BEAT
    return out


def runs(mask: np.ndarray, takes: np.ndarray | None = None):
    """(first, last) of each run of True in `mask` (W,), each within one take where `takes` (W,) is given."""
    w = 0
    while w < len(mask):
        if not mask[w]:
            w += 1
            continue
        end = w
        while end + 1 < len(mask) and mask[end + 1] and (takes is None or takes[end + 1] == takes[w]):
            end += 1
        yield w, end
        w = end + 1


def parts_leave(grooves: np.ndarray, part_takes: np.ndarray, parts: np.ndarray | None) -> np.ndarray:
    """(W,) bool: runs of BREAKDOWN_WINDOWS to BREAKDOWN_LONGEST windows where most of the band leaves and the rest
    plays on in the same rhythm, its onsets no thinner (freedoom's E1M1: 5 parts to 2 for bars 33-40 on the same
    8ths, 42 notes a bar to 10, which `breakdown_windows`' onsets do not show): at most half the parts of the
    windows on either side (BREAKDOWN_WINDOWS each) and BREAKDOWN_PARTS fewer than the fullest section's, a part
    playing throughout. The drums play these softer (`play_softer`), not thinner: freedoom's drummers play on
    through them in 4 of the 7 songs that have one and drop out in 2 (thinned as breakdowns, hit F1 on their 28
    windows 0.450 -> 0.427)."""
    takes = np.asarray(part_takes)
    out = np.zeros(len(takes), bool)
    if parts is None or len(takes) < 3 * BREAKDOWN_WINDOWS:
        return out
    onsets = onset_steps(grooves).sum(1).astype(np.float64)
    playing = np.asarray(parts, np.int64)
    ids = [t for t in np.unique(takes) if (takes == t).sum() >= BREAKDOWN_WINDOWS]
    if not ids:
        return out
    full = max(ids, key=lambda t: (onsets[takes == t].mean(), playing[takes == t].mean()))  # breakdown_windows' fullest
    widest = int(np.median(playing[takes == full]))
    few = (playing <= widest - BREAKDOWN_PARTS) & (playing > 0) & (onsets > 0)
    for w, end in runs(few):
        most = playing[w:end + 1].max()
        before, after = playing[max(w - BREAKDOWN_WINDOWS, 0):w], playing[end + 1:end + 1 + BREAKDOWN_WINDOWS]
        around = [side for side in (before, after) if len(side) == BREAKDOWN_WINDOWS]
        if (BREAKDOWN_WINDOWS <= end - w + 1 <= BREAKDOWN_LONGEST and len(around) == 2
                and all((side >= 2 * most).all() and (side >= most + BREAKDOWN_PARTS).all() for side in around)):
            out[w:end + 1] = True
    return out


def play_breakdowns(loops: np.ndarray, where: np.ndarray, fill_real: np.ndarray | None,
                    meters: Sequence[WindowBars | None] | None = None) -> np.ndarray:
    """Loops (W, 32, 27) with the windows `where` (breakdown_windows) played as a drummer drops: the hats or ride
    (BREAKDOWN_TOUCH softer) and a crash where they are, a kick on each bar's downbeat, the snare on the other
    beats (the backbeat), nothing else; the steps of a fill (fill_real: the
    phrase plan's, (W, 32) bool on the real grid) as played, so the fill into the next section stays. meters:
    Windows.meters (None: two 4/4 bars a window). A new array."""
    out = np.array(loops, np.float32, copy=True)
    drop = [v for v in range(N_VOICES) if v not in (*KEPT_VOICES, KICK)]
    for w in np.flatnonzero(np.asarray(where, bool)):
        keep = np.zeros(STEPS, bool) if fill_real is None else np.asarray(fill_real[w], bool).copy()
        bars = bars_beats(None if meters is None else meters[w])
        downbeats = [bar[0].start for bar in bars if 0 <= bar[0].start < STEPS]
        kick_off = ~keep
        kick_off[downbeats] = False
        snare_off = ~keep  # the backbeat stays (freedoom's drummers: 2.9 snares a window there, 4.5 elsewhere)
        snare_off[[b.start for bar in bars for b in bar[1:] if 0 <= b.start < STEPS]] = False
        for v, steps in [*((v, ~keep) for v in drop if v != SNARE), (KICK, kick_off), (SNARE, snare_off)]:
            out[w, steps, v] = 0.0
            out[w, steps, N_VOICES + v] = 0.0
            out[w, steps, 2 * N_VOICES + v] = 0.0
    return play_softer(out, where, fill_real)


def intro_windows(bars: np.ndarray, section_bars, intro: bool) -> np.ndarray:
    """(W,) bool: the windows (first bars `bars`) of a quiet intro (phrases.PartSections.intro, sections.opens_quietly)
    before the first section the band comes in at (section_bars); none where the part opens with no intro."""
    bars = np.asarray(bars, np.int64)
    later = [int(b) for b in sorted(section_bars) if len(bars) and int(b) > int(bars[0])]
    if not intro or not later:
        return np.zeros(len(bars), bool)
    ends = np.append(bars[1:], bars[-1] + 2) if len(bars) else bars  # the bar after each window
    return ends <= later[0]


def play_softer(loops: np.ndarray, where: np.ndarray, fill_real: np.ndarray | None) -> np.ndarray:
    """Loops (W, 32, 27) with the windows `where` played softer, as a drummer plays where the band thins out (a
    breakdown, `parts_leave`, `intro_windows`): every stroke SOFTER, the hats and ride BREAKDOWN_TOUCH lighter still;
    a crash (where the section opens) and the steps of a fill (fill_real: the phrase plan's, (W, 32) bool on the
    real grid; None: none), climbing into what follows, as played. A new array."""
    out = np.array(loops, np.float32, copy=True)
    touch = np.full(N_VOICES, SOFTER, np.float32)
    touch[[CLOSED_HAT, OPEN_HAT, RIDE]] *= BREAKDOWN_TOUCH
    touch[CRASH] = 1.0
    for w in np.flatnonzero(np.asarray(where, bool)):
        steps = np.ones(STEPS, bool) if fill_real is None else ~np.asarray(fill_real[w], bool)
        out[w, steps, N_VOICES:2 * N_VOICES] *= touch
    return out


def breakdowns_said(where: np.ndarray, bars: np.ndarray, shown=int) -> list[str]:
    """The line drumify says of the breakdowns (`breakdown_windows`, each window two bars from `bars`); shown: a bar
    as the producer sees it numbered (REAPER's ruler)."""
    runs: list[list[int]] = []
    for w in np.flatnonzero(np.asarray(where, bool)):
        first = int(bars[w])
        if runs and first <= runs[-1][1] + 1:
            runs[-1][1] = first + 1
        else:
            runs.append([first, first + 1])
    if not runs:
        return []
    said = ", ".join(f"bars {shown(a)}-{shown(b)}" for a, b in runs)
    return [f"the band drops to a few parts in {said} (a breakdown): the drums drop with it (hats, the backbeat, a "
            "kick on each downbeat) and fill into what follows"]


__all__ = ["breakdown_windows", "breakdowns_said", "intro_windows", "parts_leave", "play_breakdowns", "play_softer"]
