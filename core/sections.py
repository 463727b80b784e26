"""Sections: where a drummer hears a part's music start something new, from the markers and the band itself.

Given sections come from a file's or REAPER's markers and regions (given_sections.py: section_bars_at; markers
on nearly every bar are cues, marker_sections); the heard ones are heard beside them (clear_of_given). Heard
ones come from the band's onsets (grooves on the real grid): the music coming back after bars of rest or
breaking off mid-bar at a phrase's end (reentry_bars, comeback_sections), the band changing what it plays and
keeping to it (texture_sections, heard_sections), playing clearly louder or softer (level_sections), its parts
joining or leaving (layer_sections, from Windows.parts), the music changing meter or tempo and keeping to it
(meter_sections, tempo_sections, change_sections), and a quiet intro before the band comes in (opens_quietly).
section_takes says which sections play the same
music (a second chorus is the first one's take again).

Where the band stops dead on a hit (band_stops) is stops.py's. phrases.py places fills and crashes on the sections
found here and there (part_sections puts them together).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .given_sections import (CUE_MARKERS, clear_of_given, marker_sections, nearest_bar_lines,
                             project_marker_sections, section_bars_at)
from .lead_in_bars import without_lead_in
from .loop import STEPS, STEPS_PER_BEAT
from .meter import WindowBars, bars_beats, is_plain
from .meter_read import METER_EDGE_BARS, METER_HOLD_BARS
from .midi import tempo_at
from .phrase_inserts import insert_restarts, on_restarted_phrase


def onset_steps(grooves) -> np.ndarray:
    """(W, 32) bool: the steps of grooves (W, 32, 3) that hold a note, what every reading of the band's form
    below (rests, stops, textures, repeats, intros) looks at."""
    return np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)[:, :, 0] > 0


def played_bars(bars: np.ndarray, meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None = None,
                 end: float = float("inf")):
    """(window, bar number, its beats) of each bar the windows play that starts before `end`, the music's end
    (a window plays whole loops past the music's last bar: a 7-bar part's last window is bars 7-8)."""
    for w in range(len(bars)):
        for m, beats in enumerate(bars_beats(None if meters is None else meters[w])):
            if starts is not None and float(starts[w]) + beats[0].start / STEPS_PER_BEAT >= end - 1e-6:
                break
            yield w, int(bars[w]) + m, beats


REST_BARS = 2  # whole bars of rest after which the music coming back is a new section
# A band break: one whole bar without a note after BREAK_LEAD bars that play, the band coming back on the bar
# that starts one of the song's 4-bar phrases (7 bars played, bar 8 silent, back on bar 9). A drummer fills
# into that comeback and crashes on it (freedoom's drummers fill or crash at 3 of the 4 such breaks on their
# phrases); a one-bar hole inside a phrase is the band's figure (a held chord), played through.
BREAK_LEAD = 3


def reentry_bars(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                 starts: np.ndarray | None = None, end: float = float("inf"),
                 phrase_start: int | None = None) -> list[tuple[int, int]]:
    """(bar, rest) where the music comes back after `rest` >= REST_BARS bars without a note: a break, a
    stop, the band dropping out, or a part asked for from bars before the band comes in. A drummer keeps
    time through it, fills into the bar the band comes back on and crashes there, as at a marked section. A re-entry on a pickup (notes only in the second half
    of its bar) counts from the bar it leads into, after at least one whole bar of rest. With phrase_start
    (the bar the song's phrases count from), a one-bar band break at a phrase's end is one too (BREAK_LEAD), and
    the band breaking off mid-bar there (`_breaks_off`: rest 0).
    grooves: (W, 32, 3) on the real grid; bars, meters, starts, end: as Windows gives them."""
    hits = onset_steps(grooves)
    early: dict[int, bool] = {}  # bar -> a note in its first half
    late: dict[int, bool] = {}  # bar -> a note in its second half
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = beats[0].start, beats[-1].start + beats[-1].length
        mid = lo + (hi - lo) // 2
        early[bar] = early.get(bar, False) or bool(hits[w, max(lo, 0):max(mid, 0)].any())
        late[bar] = late.get(bar, False) or bool(hits[w, max(mid, 0):max(hi, 0)].any())
    out: list[tuple[int, int]] = []
    # the part opening on a rest (--bars from before the band comes in) counts as a rest too: the drums play
    # it alone, and the band's entrance is the comeback
    rest = 0
    for bar in sorted(early):
        if not (early[bar] or late[bar]):
            rest += 1
            continue
        if rest >= REST_BARS and early[bar]:
            out.append((bar, rest))
        elif rest == 1 and early[bar] and phrase_start is not None and (bar - phrase_start) % 4 == 0 and all(
                early.get(b, False) or late.get(b, False) for b in range(bar - 1 - BREAK_LEAD, bar - 1)):
            out.append((bar, rest))  # a band break at the phrase's end
        elif rest + 1 >= REST_BARS and not early[bar] and early.get(bar + 1):
            out.append((bar + 1, rest))  # a pickup into the next bar
        elif rest == 0 and early[bar] and not late[bar] and _breaks_off(early, late, bar, phrase_start):
            out.append((bar + 1, 0))
        rest = 0
    return out


def _breaks_off(early: dict, late: dict, bar: int, phrase_start: int | None) -> bool:
    """The band breaks off in the first half of `bar` (nothing after it) at the end of one of the song's 4-bar
    phrases, back on the next downbeat: a drummer fills in the gap and crashes on the comeback (the drums had
    grooved through it, no fill, no crash). Not where the bars around it play on through (BREAK_LEAD before, the
    phrase ends 4 bars before and after): a figure whose every phrase ends on a held chord is played as it goes."""
    return phrase_start is not None and (bar + 1 - phrase_start) % 4 == 0 and bool(early.get(bar + 1)) and \
        all(late.get(b, False) for b in (*range(bar - BREAK_LEAD, bar), bar - 4)) and late.get(bar + 4, True)


TEXTURE_CHANGE = 0.4  # the share of the band's onsets (or the bass's) that move between two 4-bar blocks ...
TEXTURE_STEADY = 2.0  # ... at least this many times what moves within either block: the band changed, and stayed
SECTION_MIN_BARS = 8  # sections the band's changes start are at least this far apart (the stronger change wins)
# ... and one off the song's 4-bar phrases (from its first phrase, a comeback or a section heard) changes at least
# this much: on freedoom, 85% of the weaker changes on the phrases are bars its drummers crash, 22% off them
OFF_GRID_CHANGE = 0.55
SNAP_SHARE = 1.0  # a phrase bar beside an off-phrase change changing at least this share of it is the section's start


def _on_phrase(bar: int, starts) -> bool:
    """Whether `bar` starts one of the 4-bar phrases counted from any of `starts`."""
    return any((bar - k) % 4 == 0 for k in starts)


def _phrase_grid(bars, phrase_start: int | None, more: Sequence[int] = (), entries: int | None = None
                 ) -> tuple[int, ...]:
    """The bars a part's 4-bar phrases count from (`_on_phrase`'s starts): bar 1, the first phrase's bar, the
    part's first bar, and `more` (comebacks, changes of meter or tempo); where the band's parts come in on phrases
    of their own (`entries`: entry_phrases.entry_phrase_start), from theirs instead of bar 1 and the part's first
    bar (a phrase rule takes any of its starts: one start more would loosen every rule)."""
    if entries is not None:
        return (entries, *more)
    return (1, *([] if phrase_start is None else [phrase_start]), *([int(bars[0])] if len(bars) else []), *more)


def _onset_distance(a: np.ndarray, b: np.ndarray) -> float:
    """How far two onset patterns (mean hits per step) are apart: what moves, over the busier one's onsets."""
    return float(np.abs(a - b).sum() / max(a.sum(), b.sum(), 1e-9))


def bar_rows(grooves, bass, bars, meters, starts=None, end: float = float("inf"), parts=None) -> dict[int, tuple]:
    """Each bar played (its first window's): (its beats' lengths, the band's onsets, the bass's), and with parts
    ((W, 32) bits of the parts starting a note on each step: window_notes.PartsPlaying.steps) the parts playing in
    it, OR'd. What texture_sections and part_swap_sections compare 4-bar blocks of."""
    band = onset_steps(grooves)
    low = np.zeros_like(band) if bass is None else onset_steps(bass)
    rows: dict[int, tuple] = {}
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        if bar not in rows and hi > lo:
            rows[bar] = (tuple(b.length for b in beats), band[w, lo:hi].astype(np.float32),
                         low[w, lo:hi].astype(np.float32)) + (
                             () if parts is None else (int(np.bitwise_or.reduce(parts[w, lo:hi])),))
    return rows


def texture_sections(grooves: np.ndarray, bass: np.ndarray | None, bars: np.ndarray,
                     meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None = None,
                     end: float = float("inf"), grid: Sequence[int] = (), sounding=None) -> list[int]:
    """Bars where the band changes what it plays and keeps to it: the 4 bars from a bar differ from the 4
    before in at least TEXTURE_CHANGE of their onsets (the band's, or the bass's alone), several times more
    than either block changes within itself. A drummer hears a new section there (a chorus, a half-time
    bridge, the band coming in under a keys intro), fills into it, crashes on it and plays it as a take of
    its own, as at a marker; a part without markers had one groove from its first bar to its last. Any bar
    can start one (a section on an even bar, after a 1-bar pickup, is one too). Blocks with a silent bar
    (stops and breaks: reentry_bars) or bars of another meter are not compared. grid: bars phrases start
    from (the first phrase, comebacks): a change off their 4-bar phrases, and off those of the stronger
    sections heard, is a section only at OFF_GRID_CHANGE (a riff's variation 3 bars into a phrase is no chorus).
    sounding: Windows.sounding; a bar with no onset under a note held over it (held_bars) is played, not silent."""
    rows = bar_rows(grooves, bass, bars, meters, starts, end)
    held = held_bars(sounding, bars, meters, starts, end)
    found, change_at = [], {}
    for b in sorted(rows):
        block = [rows.get(k) for k in range(b - 4, b + 4)]
        if not _comparable(block, [k in held for k in range(b - 4, b + 4)]):
            continue
        change = _blocks_apart(block)
        halves = lambda rows, lo: max(_onset_distance(np.mean([r[k] for r in rows[lo:lo + 2]], 0),  # noqa: E731
                                                      np.mean([r[k] for r in rows[lo + 2:lo + 4]], 0)) for k in (1, 2))
        before = halves(block, 0)
        # a gap in the bar before the change (the band plays beats 1-2 of it and rests into the chorus) is the
        # change's lead-in, not the verse unsteady: the verse is measured on the 4 bars before that bar too (not
        # for any bar before a change: one that already plays the new part would move the section a bar late)
        earlier = [rows.get(k) for k in range(b - 5, b - 1)]
        gap = block[3][1][len(block[3][1]) // 2:]
        if not gap.any() and _comparable(earlier + block):
            before = min(before, halves(earlier, 0))
        before = min([before, *(halves(lead, 0) for lead in [without_lead_in(block[:4])] if lead)])  # lead_in_bars.py
        within = max(before, halves(block, 4))
        change_at[b] = change
        if change >= TEXTURE_CHANGE and change > TEXTURE_STEADY * within and not (b in held and not rows[b][1].any()):
            found.append((change, b))  # (not on a held bar alone: the change is where the band strikes)
    kept: list[int] = []
    for change, bar in sorted(found, reverse=True):
        # a change heard a bar off the song's phrases whose phrase bar beside it changes as much (a band's run
        # into the chorus made that one's 4 bars look unsteady) is that phrase bar's: the drummer crashes on it
        # (freedoom's d_map02 goes to its chorus on bar 49, heard on 50; on freedoom 6 more crashes where its
        # drummers crash, 4 fewer where they do not); so is one whose bar still plays the old part, the phrase bar
        # after it a change too (d_e4m7's pickup bar 28, heard for the bass coming in on 29)
        if grid and not _on_phrase(bar, grid):
            bar = next((b for b in (bar - 1, bar + 1) if _on_phrase(b, grid) and (b not in held or rows[b][1].any())
                        and (change_at.get(b, 0.0) >= SNAP_SHARE * change
                             or b == bar + 1 and (change_at.get(b), b) in found and _plays_old_part(rows, bar))), bar)
        on_grid = not grid or _on_phrase(bar, (*grid, *kept))
        if all(abs(bar - k) >= SECTION_MIN_BARS for k in kept) and (on_grid or change >= OFF_GRID_CHANGE):
            kept.append(bar)
    # a 4-bar section between two changes (a breakdown, a pre-chorus) after a section held 8 bars or more: the
    # weaker of its two changes lost to SECTION_MIN_BARS (a bass-alone breakdown before the last chorus was
    # played as the chorus), kept where both are on the phrases
    for change, bar in sorted(found, reverse=True):
        if bar not in kept and _four_bar_block(bar, kept, rows, grid):
            kept.append(bar)
    return sorted(kept)


def _four_bar_block(bar: int, kept: list[int], rows: dict, grid: Sequence[int]) -> bool:
    """Whether a change at `bar` opens or closes a 4-bar block against a kept change 4 bars away, on the phrases,
    the bars before the block one texture for 8 bars (an alternation of 4-bar riffs is no block) and no
    other section within 8 bars of it."""
    if not grid or not _on_phrase(bar, (*grid, *kept)):
        return False
    other = [k for k in kept if abs(bar - k) == 4]
    if not other or any(abs(bar - k) < SECTION_MIN_BARS and k != other[0] for k in kept):
        return False
    lo = min(bar, other[0])
    before = [rows.get(k) for k in range(lo - 8, lo)]
    return _comparable(before) and _blocks_apart(before) < TEXTURE_CHANGE


def _plays_old_part(rows: dict, bar: int) -> bool:
    """Whether `bar` still plays the old section: nearer the 4 bars before than after it (band or bass: which moved)."""
    mean = lambda lo, k: np.mean([rows[b][k] for b in range(lo, lo + 4)], 0)  # noqa: E731
    k = max((1, 2), key=lambda k: _onset_distance(mean(bar - 4, k), mean(bar + 1, k)))
    return _onset_distance(rows[bar][k], mean(bar - 4, k)) < _onset_distance(rows[bar][k], mean(bar + 1, k))


def _comparable(block: list, held: Sequence[bool] = ()) -> bool:
    """Whether texture_sections' bar rows (None: a bar not played) can be compared: every bar played, none
    silent (a bar under a held note, `held`, is played), all of one meter."""
    held = list(held) or [False] * len(block)
    return not any(r is None or not (r[1].any() or h) for r, h in zip(block, held)) and \
        len({(r[0], len(r[1])) for r in block}) == 1


HELD_SHARE = 0.5  # a bar without an onset is played where the band's notes sound on at least this share of its steps


def held_bars(sounding, bars, meters, starts=None, end: float = float("inf")) -> set[int]:
    """The bars a note held over from before sounds through (sounding: Windows.sounding, (W, 32); None: none known):
    a pad held two bars under a bass that leaves is the band playing, its second bar no rest (R11's dnb: bars 17-24
    the pad alone, struck every other bar, had read as stops, the bass's return on 25 no section)."""
    if sounding is None:
        return set()
    sounding = np.asarray(sounding)
    out = set()
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        if hi > lo and (sounding[w, lo:hi] > 0).mean() >= HELD_SHARE:
            out.add(bar)
    return out


def _blocks_apart(block: list) -> float:
    """How far the first 4 of 8 bar rows are from the last 4: the band's onsets or the bass's, whichever moved more."""
    mean = lambda k, lo, hi: np.mean([r[k] for r in block[lo:hi]], 0)  # noqa: E731
    return max(_onset_distance(mean(k, 0, 4), mean(k, 4, 8)) for k in (1, 2))


def _meter_runs(bars: np.ndarray, meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None,
                end: float) -> list[list]:
    """The bars in runs of one meter: [first bar, its beats' lengths, (num, den), bars] each, in order."""
    runs: list[list] = []
    seen: set[int] = set()
    for w, bar, beats in played_bars(bars, meters, starts, end):
        if bar < 1 or bar in seen:  # a pickup; a long bar's second window
            continue
        seen.add(bar)
        lengths = tuple(b.length for b in beats)
        if runs and runs[-1][1] == lengths and runs[-1][0] + runs[-1][3] == bar:
            runs[-1][3] += 1
            continue
        m = bar - int(bars[w])
        said = meters[w][m][1:] if meters is not None and meters[w] is not None and m < len(meters[w]) else (4, 4)
        runs.append([bar, lengths, tuple(said), 1])
    return runs


def _held(runs: list[list], k: int) -> bool:
    """Run k keeps to its meter (METER_HOLD_BARS, or METER_EDGE_BARS where it opens or ends the part)."""
    return runs[k][3] >= METER_HOLD_BARS or (runs[k][3] >= METER_EDGE_BARS and k in (0, len(runs) - 1))


def meter_sections(bars: np.ndarray, meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None = None,
                   end: float = float("inf")) -> dict[int, tuple]:
    """{bar: (numerator, denominator)} where the music changes meter and keeps to it (METER_HOLD_BARS): a
    drummer hears a new section there (4/4 verses into a 3/4 bridge), fills into it and crashes on it, as at a
    marker. Bars are told apart by their beats (6/8 from 3/4), as the drums play them: the same meter grouped
    anew is (numerator, denominator, "2+3+2+2")."""
    runs = _meter_runs(bars, meters, starts, end)
    held = lambda k: _held(runs, k)  # noqa: E731

    def said(k):  # the same meter grouped anew (9/8 as 2+3+2+2 after 3+3+3) is said by its grouping
        num, den = runs[k][2]
        unit = STEPS_PER_BEAT * 4 / den
        if runs[k - 1][2] != runs[k][2] or any(n % unit for n in runs[k][1]):
            return runs[k][2]
        return num, den, "+".join(str(int(n // unit)) for n in runs[k][1])

    return {runs[k][0]: said(k) for k in range(1, len(runs))
            if runs[k - 1][0] + runs[k - 1][3] == runs[k][0] and held(k - 1) and held(k)}


def odd_bar_phrases(bars: np.ndarray, meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None = None,
                    end: float = float("inf")) -> dict[int, tuple[int, tuple]]:
    """{bar: (the odd bars' count, their meter)} after a bar or two of another meter between stretches of one held
    meter (a 2/4 bar, a turnaround of 3/4 bars in a 4/4 song): no section (meter_sections), but the end of the
    band's phrase, so the phrases of a fill every N bars count again from the bar after it. A 2/4 bar after 8 bars
    of 4/4 had the fills of every 4 bars in bars 12 and 16, a bar before the band's phrases ended in 13 and 17."""
    runs = _meter_runs(bars, meters, starts, end)
    return {runs[k + 1][0]: (runs[k][3], runs[k][2]) for k in range(1, len(runs) - 1)
            if not _held(runs, k) and _held(runs, k - 1) and _held(runs, k + 1) and runs[k - 1][1] == runs[k + 1][1]
            and runs[k - 1][0] + runs[k - 1][3] == runs[k][0] and runs[k][0] + runs[k][3] == runs[k + 1][0]}


# A tempo change of more than TEMPO_JUMP between stretches that each hold their tempo (within TEMPO_DRIFT) for
# TEMPO_HOLD_BARS bars starts a section on the bar it comes on: a ritardando's tempo map that drifts a little every
# beat, or an audio take's tempo read beat by beat, makes none.
TEMPO_JUMP = 0.08
TEMPO_DRIFT = 0.02
TEMPO_HOLD_BARS = 2
TEMPO_AT_LINE = 0.25  # beats from a bar line that a tempo change may lie and be that bar line's (a 16th)
# A step under TEMPO_RAMP_STEP beside another the same way (104 to 112 to 121 BPM, 16 bars apart) is one stepwise
# build, played through: freedoom's E4M4 had a section on its second step (8.04%), its drummer playing straight on.
TEMPO_RAMP_STEP = 0.10
TEMPO_RAMP_BEATS = 96.0  # ... and the other step within this many beats of it (24 4/4 bars; E4M4's are 16 bars apart)


def tempo_sections(tempos: Sequence[tuple[float, float]] | None, bars: np.ndarray,
                   meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None,
                   end: float = float("inf")) -> dict[int, tuple[float, float]]:
    """{bar: (bpm before, bpm from it)} where the tempo jumps on a bar line and holds (TEMPO_JUMP): a drummer
    hears a new section there, as at a marker; not at a small step of a stepwise ramp (`_ramp_step`). tempos:
    (beat, bpm) of the song (MidiContent.tempos); starts, end: each window's start beat and the music's end
    (Windows), to find the bars' lines in beats."""
    if not tempos or len(tempos) < 2 or starts is None:
        return {}
    beats = np.array([float(b) for b, _ in tempos])
    bpms = np.array([float(t) for _, t in tempos])
    lines: dict[int, float] = {}
    for w, bar, spans in played_bars(bars, meters, starts, end):
        lines.setdefault(bar, float(starts[w]) + spans[0].start / STEPS_PER_BEAT)
    first = min(lines, default=1)
    # the stretch after a change near the part's end runs to the music's end
    ahead = lambda line: end if np.isfinite(end) else line + 4.0 * TEMPO_HOLD_BARS  # noqa: E731

    def held(lo: float, hi: float) -> np.ndarray:  # the tempos in force over [lo, hi)
        return np.concatenate([[tempo_at(tempos, lo)], bpms[(beats > lo) & (beats < hi)]])

    out = {}
    for bar, line in sorted(lines.items()):
        if bar <= max(first, 1) or not (np.abs(beats - line) <= TEMPO_AT_LINE).any():
            continue
        before = held(lines.get(bar - TEMPO_HOLD_BARS, lines[first]), line - TEMPO_AT_LINE)
        after = held(line + TEMPO_AT_LINE, lines.get(bar + TEMPO_HOLD_BARS, ahead(line)))
        if before.max() > before.min() * (1 + TEMPO_DRIFT) or after.max() > after.min() * (1 + TEMPO_DRIFT):
            continue
        was, now = float(np.median(before)), float(np.median(after))
        if abs(now / was - 1) > TEMPO_JUMP and not _ramp_step(beats, bpms, line):
            out[bar] = (was, now)
    return out


def _ramp_step(beats: np.ndarray, bpms: np.ndarray, line: float) -> bool:
    """Whether the tempo map's step on the bar line at `line` (beats) is one of a stepwise ramp: under
    TEMPO_RAMP_STEP, and the map's step before it or after it (one past TEMPO_DRIFT) goes the same way, under it too,
    within TEMPO_RAMP_BEATS (a jump with a small nudge 40 bars on is no ramp)."""
    steps = [(float(beats[k]), float(bpms[k] / bpms[k - 1] - 1)) for k in range(1, len(bpms))
             if abs(bpms[k] / bpms[k - 1] - 1) > TEMPO_DRIFT]
    at = [i for i, (beat, _) in enumerate(steps) if abs(beat - line) <= TEMPO_AT_LINE]
    if len(at) != 1 or abs(steps[at[0]][1]) >= TEMPO_RAMP_STEP:
        return False
    step = steps[at[0]][1]
    return any(0 <= i < len(steps) and step * steps[i][1] > 0 and abs(steps[i][1]) < TEMPO_RAMP_STEP
               and abs(steps[i][0] - line) <= TEMPO_RAMP_BEATS for i in (at[0] - 1, at[0] + 1))


SAME_SECTION = 0.2  # sections whose band's onsets (and the bass's) differ by less than this are the same music


def section_takes(bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                  section_bars: Sequence[int] = (), grooves: np.ndarray | None = None,
                  bass: np.ndarray | None = None) -> np.ndarray:
    """(W,) take numbers: the windows of one section in one meter are one take, which the drummer plays
    as one groove (tempering.one_take); a new section (a marker, a region) or meter starts a new take.
    A window takes the section it starts in. With the part's grooves (and bass, on the real grid), a section
    whose band plays what an earlier one played (onsets within SAME_SECTION, in the same meter: the second
    chorus) is that take again, so the drummer plays it as before, not as a section of its own."""
    bars = np.asarray(bars, np.int64)
    section = np.searchsorted(np.asarray(sorted(section_bars), np.int64), bars, side="right")
    meter = [None if meters is None or is_plain(meters[w]) else meters[w] for w in range(len(bars))]
    same: dict[int, int] = {}  # section -> the earlier section it plays again
    if grooves is not None and len(bars):
        parts = [onset_steps(grooves).astype(np.float32)] + ([] if bass is None else [onset_steps(bass).astype(np.float32)])
        seen: list[tuple[int, object, list[np.ndarray]]] = []
        for sec in np.unique(section).tolist():
            rows = np.flatnonzero(section == sec)
            if len({meter[r] for r in rows}) > 1:
                continue
            sound = [p[rows].mean(0) for p in parts]
            if not sound[0].any():  # a section of rests is no chorus
                continue
            for earlier, m, other in seen:
                if m == meter[rows[0]] and all(_onset_distance(a, b) < SAME_SECTION for a, b in zip(sound, other)):
                    same[sec] = same.get(earlier, earlier)
                    break
            else:
                seen.append((sec, meter[rows[0]], sound))
    keys: dict[tuple, int] = {}
    return np.array([keys.setdefault((same.get(int(s), int(s)), meter[w]), len(keys))
                     for w, s in enumerate(section)], np.int64).reshape(len(bars))


def file_takes(file_index: np.ndarray, bars: np.ndarray) -> np.ndarray:
    """(N,) take numbers for dataset windows with a 1-bar hop: the windows of one file in one 2-bar phase,
    which are what the engine plays as one part (consecutive 2-bar windows; see section_takes)."""
    return np.asarray(file_index, np.int64) * 2 + np.asarray(bars, np.int64) % 2


def comeback_sections(grooves, bars, meters, section_bars, starts=None, end: float = float("inf"),
                      phrase_start: int | None = None) -> dict[int, int]:
    """{bar: bars of rest} where the music comes back after a rest (reentry_bars; phrase_start: the
    bar the song's phrases count from, for its one-bar breaks), each a section start unless a given section
    (a marker, a region) starts within a bar of it: that one is the section."""
    given = {int(b) for b in section_bars}
    return {b: r for b, r in reentry_bars(grooves, bars, meters, starts, end, phrase_start)
            if not any(abs(b - s) <= 1 for s in given)}


INTRO_BARS = 16  # the longest opening section that can be an intro
INTRO_SHARE = 0.5  # an intro plays at most this share of the onsets of the section after it
BASS_IN_SHARE = 0.3  # ... and the bass there at most this share of its onsets after it, or the others come in


def opening_windows(bars, section_bars) -> tuple[np.ndarray, np.ndarray] | None:
    """(intro, after): the windows (W,) bool of a part's opening, bar 1 on, up to its first section within INTRO_BARS
    of its first bar (a window across the section is neither), and of the 4 bars from that section; None where no
    section comes that soon (opens_quietly, loud_opening.opens_on_a_loud_chord)."""
    bars = np.asarray(bars, np.int64)
    later = [int(b) for b in sorted(section_bars) if len(bars) and int(bars[0]) < int(b) <= int(bars[0]) + INTRO_BARS]
    if not later:
        return None
    ends = np.append(bars[1:], bars[-1] + 2)  # the bar after each window
    return (ends <= later[0]) & (bars >= 1), (bars >= later[0]) & (bars < later[0] + 4)


def opens_quietly(grooves: np.ndarray, bars: np.ndarray, section_bars: Sequence[int], opens_part: bool = True,
                  bass: np.ndarray | None = None) -> bool:
    """The part opens with an intro: its first section (up to INTRO_BARS, from bar 1: a pickup is none) plays at
    most INTRO_SHARE of the band's onsets that the 4 bars after it do (keys alone before the band comes in). A
    drummer comes in softly there without a crash on its first bar (freedoom's drummers crash there in 3 of 11),
    and crashes where the band comes in. opens_part: the grooves open the part (Windows.opens_part); bars from
    mid-song (--bars 9-32 in a verse quieter than its chorus) open no intro, so their first bar keeps its crash.
    bass: the low register's grooves: where the band comes in, other parts join the bass, or the bass itself
    comes in (from a note a bar to a line); a bass line playing busier over the same pad is the same band, its
    groove from bar 1 (a drum'n'bass line's second half rolling 16ths had made its first 8 bars an intro). A part
    playing alone with no low note at all, the bass in with the next section, opens one too, however busy (a
    piano's arpeggio on every 8th; on freedoom 4 more such openings, 3 of them without a crash on bar 1)."""
    windows = opening_windows(bars, section_bars) if opens_part else None
    if windows is None:
        return False
    steps = onset_steps(grooves)
    low = None if bass is None else onset_steps(bass)
    # the band's rests are not a quiet intro: 4 bars of bass, 4 of rest, the bass back is the same part
    # twice (the rest is its own comeback); an opening of rests is the drums playing alone until the band
    # comes in (reentry_bars): its crash stays
    intro, after = windows[0] & steps.any(1), windows[1]
    if not intro.any() or not after.any():
        return False
    from .intro_reading import band_from_bar_one  # (2 bars, or the band's riff from bar 1: intro_reading.py)
    if band_from_bar_one(steps, low, windows[0], intro, after):
        return False
    share = lambda on: on[intro].sum(1).mean() / max(on[after].sum(1).mean(), 1e-9)  # noqa: E731
    if share(steps) > INTRO_SHARE:
        # the band comes in under a part playing alone: no note in the low register through the opening, the bass
        # in with the next section, the opening no busier than it (a piano's arpeggio alone, then the bass and
        # the band: a crash on bar 1 over the lone piano is no drummer's)
        return bool(low is not None and not low[intro].any() and low[after].any(1).all() and share(steps) <= 1.0)
    if low is None or not low[after].any():
        return True
    others = steps & ~low  # steps where a part other than the bass plays alone
    return bool(share(low) <= BASS_IN_SHARE or (others[after].any() and share(others) <= INTRO_SHARE))


def heard_sections(grooves, bass, bars, meters, section_bars, back, starts=None, end: float = float("inf"),
                   phrase_start: int | None = None, changes: Sequence[int] = (), sounding=None) -> list[int]:
    """The sections a drummer hears the band start (texture_sections), away from where the music comes back after a
    rest (`back`, comeback_sections) or changes meter or tempo (`changes`, change_sections), and from the given
    ones (section_bars: markers, regions; clear_of_given). Phrases run from bar 1, the first phrase (phrase_start),
    each comeback and each change; sounding: Windows.sounding (bars under a held note are played: held_bars)."""
    grid = _phrase_grid(bars, phrase_start, (*back, *changes))
    return clear_of_given([b for b in texture_sections(grooves, bass, bars, meters, starts, end, grid, sounding)
                           if not any(abs(b - r) <= 1 for r in (*back, *changes))], section_bars)


# The band's level (its notes' mean velocity, 0..1) moving by level_lift.LEVEL_RATIO (x1.15) or more on one of the
# song's 4-bar phrases, each 4 bars either side steady within LEVEL_STEADY: a verse at velocity 55 and its chorus at
# 73, the same rhythm. On freedoom 25 of the 30 heard are where its drummers crash (benchmarks/bench_sections.py).
LEVEL_JUMP = 0.2  # (a jump this big is a lift at any level; live_cues.py's new level)
LEVEL_STEADY = 0.08
LEVEL_BUSY = 1.5  # ... the 4 bars either side playing within this ratio of onsets (the same band, louder or softer)


def level_sections(grooves, bars, meters, section_bars, near: Sequence[int], starts=None, end: float = float("inf"),
                   phrase_start: int | None = None, back: Sequence[int] = (), bass=None) -> dict[int, float]:
    """{bar: the level's jump (after - before)} where the band plays clearly louder or softer from one of its
    4-bar phrases on and keeps to it, away from the other sections heard (`near`: at least SECTION_MIN_BARS from
    them) and from the given ones (section_bars: markers, regions; clear_of_given): a drummer hears a new section
    there (a fill into it, a crash on it). bass: the low register's grooves (Windows.bass): the parts over it are
    heard apart too, phrases counting from where it comes in as well (level_lift.py)."""
    from .level_lift import bar_levels, bass_entry, lifted  # (it reads played_bars from here)
    grid = _phrase_grid(bars, phrase_start, (*back, *bass_entry(bass, bars, meters, starts, end)))
    out: dict[int, float] = {}
    for level, count in bar_levels(grooves, bass, bars, meters, starts, end):
        for b in sorted(level):
            before, after = [level.get(k) for k in range(b - 4, b)], [level.get(k) for k in range(b, b + 4)]
            if b in out or not _on_phrase(b, grid) or None in before or None in after:
                continue
            if max(before) - min(before) > LEVEL_STEADY or max(after) - min(after) > LEVEL_STEADY:
                continue
            # as busy either side: loud stabs before the whole band comes in (freedoom's d_dm04) are a texture, whose
            # mean velocity falls as the band grows
            busy = [sum(count[k] for k in range(lo, lo + 4)) for lo in (b - 4, b)]
            if max(busy) > LEVEL_BUSY * min(busy):
                continue
            if lifted(float(np.mean(before)), float(np.mean(after))) and \
                    all(abs(b - k) >= SECTION_MIN_BARS for k in near):
                out[b] = float(np.mean(after) - np.mean(before))
    return clear_of_given(out, section_bars)


# Band parts (a track and channel each) joining or leaving: LAYER_CHANGE or more on one of the song's 4-bar phrases,
# as many in each window of the 8 bars either side (4 one-bar windows in 5/4, 12/8): a pad and a lead joining the
# chorus. On freedoom 46 of the 57 are its drummers' crashes (81%; all bars 21%: benchmarks/bench_sections.py).
LAYER_CHANGE = 2
LAYER_WINDOWS = 4  # 2-bar windows either side
BLOCK_BARS = 4  # ... or the bars since a section heard this many bars before (layer_sections)


def layer_sections(parts, bars, section_bars, near: Sequence[int], phrase_start: int | None = None,
                   back: Sequence[int] = ()) -> dict[int, tuple[int, int]]:
    """{bar: (parts before, parts after)} where LAYER_CHANGE or more of the band's parts join or leave on a window
    starting one of its 4-bar phrases and the LAYER_WINDOWS either side keep to it (parts: Windows.parts), away from
    the other sections heard (`near`: SECTION_MIN_BARS), or the bars since one heard BLOCK_BARS before (a build into
    the last chorus; on freedoom one more, which its drummer crashes), and from the given ones (section_bars:
    markers, regions; clear_of_given). None where parts are not known."""
    if parts is None or not len(bars):
        return {}
    parts, bars = np.asarray(parts), np.asarray(bars, np.int64)
    grid, restarts = _phrase_grid(bars, phrase_start, back), insert_restarts(parts, bars)  # (phrase_inserts.py)
    out: dict[int, tuple[int, int]] = {}
    for w in range(LAYER_WINDOWS, len(bars) - LAYER_WINDOWS + 1):
        b = int(bars[w])
        spans = np.diff(bars[w - LAYER_WINDOWS:w + LAYER_WINDOWS])  # windows of one span: 2 bars (4/4, 3/4), 1 (5/4)
        if spans[0] not in (1, 2) or (spans != spans[0]).any() or \
                not (_on_phrase(b, (*grid, *out)) or on_restarted_phrase(b, restarts)):
            continue  # on a phrase (one-bar windows too: a 12/8 blues' horns off it had been heard), held 4 windows
        # after a 4-bar section heard (a build) the parts count from its start (the band joining the last chorus)
        block = [k for k in near if b - BLOCK_BARS <= k < b] == [b - BLOCK_BARS]
        before = parts[w - (BLOCK_BARS // int(spans[0]) if block else LAYER_WINDOWS):w]  # the build's windows
        after = parts[w:w + LAYER_WINDOWS]
        if len(set(before.tolist())) == 1 and len(set(after.tolist())) == 1 and min(before[0], after[0]) > 0 and \
                abs(int(after[0]) - int(before[0])) >= LAYER_CHANGE and \
                all(abs(b - k) >= SECTION_MIN_BARS for k in near if not (block and k == b - BLOCK_BARS)):
            out[b] = (int(before[0]), int(after[0]))
    return clear_of_given(out, section_bars)


def change_sections(bars, meters, section_bars, back, starts=None, end: float = float("inf"),
                    tempos=None) -> tuple[dict[int, tuple], dict[int, tuple[float, float]]]:
    """({bar: new meter}, {bar: (bpm before, bpm after)}): where the music changes meter (meter_sections) or tempo
    (tempo_sections), each a section start, as a marker's, unless a given section (a marker, a region) or a
    comeback (`back`) starts within a bar of it: that one is the section."""
    near = lambda b: any(abs(b - s) <= 1 for s in (*map(int, section_bars), *back))  # noqa: E731
    return ({b: m for b, m in meter_sections(bars, meters, starts, end).items() if not near(b)},
            {b: t for b, t in tempo_sections(tempos, bars, meters, starts, end).items() if not near(b)})


__all__ = ["onset_steps", "reentry_bars", "texture_sections", "section_takes", "file_takes", "nearest_bar_lines", "section_bars_at", "marker_sections", "project_marker_sections", "CUE_MARKERS", "comeback_sections", "opens_quietly", "heard_sections", "held_bars", "level_sections", "layer_sections", "played_bars", "meter_sections", "odd_bar_phrases", "tempo_sections", "change_sections"]
