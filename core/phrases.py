"""Phrases: where fills and crashes go in a drum part, as a drummer places them.

A phrase ends in a fill over the end of its last bar (the last beat, half bar
or whole bar) and the next phrase opens with a crash on its downbeat. Phrases
come from `fill_every` (phrases of N 2-bar loops counted from the bar where
the input starts: N=4 puts fills in bars 8, 16, ...; none in the song's last
bar, which no phrase follows), from bars the user lists (`fill_bars`: a fill ends each), and from section starts (REAPER's
regions and markers: a fill before each, a crash on it). The part's first
downbeat opens a phrase too (`opening_crash`). Nowhere else is there a crash.
A pickup before bar 1 is a lead-in fill over the pickup's beats, as a
drummer plays into the first downbeat (never a loop before bar 1).

plan_phrases works in the frame of the generated loop: a window's bars are
its 4/4 loop's bars (meter.py says which loop beats each real beat plays; a
half-time bar's fill counts its quarters, played at the song's speed).
timed_phrases gives the same plan on the real bars of one meter, for live
sessions (which lay the loop onto the bars as drumify does, through meter.py).
Where sections start (markers, and what a drummer hears in the band: comebacks,
stops, texture changes, a change of meter or tempo, an intro) is sections.py's; part_sections puts the two
together.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Sequence

import numpy as np

from .audio_layers import heard_layers
from .groove import Windows, bar_grid, extract_windows
from .half_time import song_quarters
from .inaudible_notes import heard_notes
from .loud_opening import opens_on_a_loud_chord, rings_through
from .joining_parts import joining_parts_sections
from .late_comebacks import move_late_crashes
from .part_swap_sections import part_swap_sections
from .rhythm_breaks import rhythm_section_breaks
from .window_notes import without_landings
from .busy_part_sections import busy_part_sections
from .given_sections import clear_of_given
from .intro_bar import opens_on_intro_bar
from .pickups import pickup_bar
from .riff_sections import riff_sections
from .twelve_bar import chorus_starts
from .returning_parts import returning_parts_sections
from .loop import STEPS, STEPS_PER_BEAT
from .meter import WindowBars, bars_beats, beat_lengths, is_pickup, window_beats
from .lone_part_intro import band_entry, opens_alone
from .entry_phrases import entry_phrase_start
from .sections import (change_sections, comeback_sections, heard_sections, layer_sections, level_sections,
                       odd_bar_phrases, opens_quietly, played_bars, reentry_bars)
from .stops import Stop, stop_sections
from .settings import Settings

if TYPE_CHECKING:
    from .midi import MidiContent


@dataclass
class PhrasePlan:
    """Per window, (W, 32) bool: the loop steps where a phrase opens with a crash, and the steps a fill plays.

    A window's two bars can both open a phrase (fills ending bars 1 and 2, a section on bar 2 after the
    opening crash): each crash and each fill (one run of steps per bar it ends) is kept.

    crash_real, fill_real: the same on the real 16th grid of each window's bars (None: not planned). A
    window of more than two short bars (3/8, 5/8) plays a loop beat in more than one bar, where the loop's
    steps cannot say which bar a fill or crash is in; the engine places them on these."""

    crash_steps: np.ndarray  # (W, 32) bool
    fill_steps: np.ndarray  # (W, 32) bool
    crash_real: np.ndarray | None = None  # (W, 32) bool
    fill_real: np.ndarray | None = None  # (W, 32) bool
    into_section: np.ndarray | None = None  # (W,) bool: the window's fill leads into a section (None: none does)
    # (W, 32) bool on the real grid (fill_real's): the steps of the fills the producer listed (fill_bars) and of the
    # crash each leads to, which a laid-out intro plays all the same (intro_figure.lay_out); None: none listed
    asked: np.ndarray | None = None

    @classmethod
    def empty(cls, n: int) -> "PhrasePlan":
        """No crash and no fill in n windows (and no real-grid plan: `plan_phrases` makes one)."""
        return cls(np.zeros((n, STEPS), bool), np.zeros((n, STEPS), bool))

    @property
    def fills(self) -> np.ndarray:
        return self.fill_steps.any(1)

    @property
    def crashes(self) -> np.ndarray:
        return self.crash_steps.any(1)

    def take(self, rows) -> "PhrasePlan":
        """The plan of these windows (indices, repeated as given)."""
        real = lambda a: None if a is None else a[rows]  # noqa: E731
        return PhrasePlan(self.crash_steps[rows], self.fill_steps[rows], real(self.crash_real), real(self.fill_real),
                          real(self.into_section), real(self.asked))


def phrase_starts(settings: Settings, first_bar: int, last_bar: int, phrase_start: int,
                  section_bars: Sequence[int] = (), song_last: int | None = None) -> list[int]:
    """Bars (first_bar < bar <= last_bar + 1) that open a new phrase: a fill ends the bar before each.

    The bar after the part counts: a part that ends with a phrase ends with its fill, as the song goes on after
    it. song_last: the song's last bar, where the part is known to end the song: no fill_every phrase opens after
    it (a drummer fills into the next phrase, and after the song's last bar there is none; the song's ending is
    band_stops'); the bars the user lists (fill_bars) still end in a fill. fill_every phrases
    count from phrase_start and again from each section start; a phrase start a bar from a section's (a
    marker mid-phrase) is the section's: a drummer fills into the section and crashes on it once, not
    again on the bar before or after.
    """
    sections = {int(b) for b in section_bars}
    starts = {b + 1 for b in settings.fill_bars} | sections
    if settings.fill_every > 0:
        # counted from the part's start and again from each section's, as the band's phrases start again
        # there (a 2-bar break shifts every phrase after it); a phrase shorter than half of one before a
        # section is the end of the one before it (no crash two bars before the section's)
        length = 2 * settings.fill_every
        # (the song's ending, its last hit a section of its own, cuts no phrase short: a 12-bar ballad ending on
        # a chord in bar 12 kept its fill in bar 8 as well as the one into the chord)
        later = sorted(s for s in sections if s > phrase_start and (song_last is None or s < song_last))
        for a, nxt in zip([phrase_start, *later], [*later, None]):
            stop = last_bar + 2 if nxt is None else nxt - max(length // 2, 2) + 1
            starts.update(b for b in range(a + length, stop, length) if not any(abs(b - s) == 1 for s in sections)
                          and (song_last is None or b <= song_last))
    return sorted(b for b in starts if first_bar < b <= last_bar + 1)


# A bar as the phrases see it: the row of the masks it lies in and the (from, to) steps of each of its beats.
Spans = tuple[tuple[int, int], ...]


def _mark_phrases(settings: Settings, where: dict[int, tuple[int, Spans]], first: int, last: int, start: int,
                  section_bars: Sequence[int], crash_at: np.ndarray, fill_at: np.ndarray, opening: bool,
                  downbeats: dict[int, tuple[int, Spans]] | None = None, song_last: int | None = None,
                  frame: dict[int, tuple[int, Spans]] | None = None,
                  real: dict[int, tuple[int, Spans]] | None = None) -> None:
    """Each phrase start of bars first..last: a crash on its downbeat, a fill over the end of the bar before
    (fill_length of its beats), in place on (rows, steps) masks; steps outside the masks are left out.
    opening: the first bar opens with a crash too (settings.opening_crash, for a part's first bar; on `start` where
    that is the bar after it: an intro bar's landing).
    where: each bar's row and beats, the row that plays its end (fills); downbeats: the row that plays
    its downbeat where that is another (a bar longer than a window, 4/1: crashes), default `where`; song_last:
    phrase_starts'; real: each bar's beats on the real grid, where `where` is the loop's frame (half_bar: a 7/8 bar's
    beats are of two lengths there, its loop beats alike)."""
    steps = crash_at.shape[1]
    downbeats = where if downbeats is None else downbeats

    def crash_on(bar):
        row, spans = downbeats[bar]
        if 0 <= spans[0][0] < steps:
            crash_at[row, spans[0][0]] = True

    # a part opening on an intro bar (intro_bar.py: its phrases count from the bar after its first) crashes where
    # the band's figure lands, on that bar (freedoom's d_e2m1 and d_map06: their drummers crash on bar 2; bar 1
    # under the hits had taken the crash, none on 2)
    opens = start if start == first + 1 else first
    if opening and opens in downbeats:
        crash_on(opens)
    for bar in phrase_starts(settings, first, last, start, section_bars, song_last):
        if bar in downbeats:
            crash_on(bar)
        if bar - 1 in where:
            row, spans = where[bar - 1]
            lengths = [b - a for a, b in (where if real is None else real).get(bar - 1, (row, spans))[1]]
            take = {"beat": 1, "half": half_bar(lengths), "bar": len(spans)}[settings.fill_length]
            if frame is not None and bar - 1 in frame:
                take = _within_a_loop_bar(frame[bar - 1][1], take)
            lo, hi = min(s[0] for s in spans[-take:]), max(s[1] for s in spans[-take:])
            fill_at[row, max(lo, 0):max(hi, 0)] = True


def plan_phrases(settings: Settings, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                 *, phrase_start: int | None = None, section_bars: Sequence[int] = (),
                 opening: bool | None = None, song_last: int | None = None,
                 into_sections: Sequence[int] = ()) -> PhrasePlan:
    """Where each window's crashes and fills go, in its loop's steps.

    bars: the bar number each window starts at; meters: the bars each window
    plays (None: two 4/4 bars). phrase_start: the bar the first phrase starts
    at (default: the first window's bar, or bar 1 after a pickup). opening: a crash on the part's first
    downbeat (None: settings.opening_crash; see opens_quietly). song_last: the song's last bar where the
    part ends the song (phrase_starts: no fill_every fill in it; None: more music may follow). into_sections:
    section starts whose fill is played bigger (PhrasePlan.into_section: fills.draw_fills).
    """
    n = len(bars)
    plan = PhrasePlan(*(np.zeros((n, STEPS), bool) for _ in range(4)))
    if n == 0:
        return plan
    # bar number -> (window, loop steps of each beat of the bar) for every bar the part plays
    where: dict[int, tuple[int, Spans]] = {}
    downbeats: dict[int, tuple[int, Spans]] = {}  # the window a bar starts in, where a long bar spans two
    real: dict[int, tuple[int, Spans]] = {}  # the same on the real grid (where: the real steps of each beat)
    real_downbeats: dict[int, tuple[int, Spans]] = {}
    for w in range(n):
        in_bar = bars_beats(None if meters is None else meters[w])
        # a bar too long for one window (4/1) goes on in the next, which starts on it too: each plays only it
        continues = w > 0 and int(bars[w - 1]) == int(bars[w])
        if continues or (w + 1 < n and int(bars[w + 1]) == int(bars[w])):
            in_bar = [[b for beats in in_bar for b in beats]]
        for m, beats in enumerate(in_bar):
            bar = int(bars[w]) + m
            if meters is not None and meters[w] is not None and m < len(meters[w]):  # half time: the song's quarters
                beats = song_quarters(meters[w][m], beats)
            if m == 0 or bar not in where:  # a bar a window starts on is that window's (not a pickup's tail)
                where[bar] = (w, tuple((b.source * 4, b.source * 4 + 4) for b in beats))
                real[bar] = (w, tuple((b.start, b.start + b.length) for b in beats))
                if not (m == 0 and continues):  # a long bar's downbeat (its crash) is in its first window,
                    downbeats[bar], real_downbeats[bar] = where[bar], real[bar]  # its end (its fill) in its last
    first, last = _first_last(where)
    for w in range(n):
        pickup = meters[w] if meters is not None else None
        if is_pickup(pickup) and window_beats(pickup) is not None:
            sources = [b.source for b in window_beats(pickup)[0]]
            plan.fill_steps[w, min(sources) * 4:max(sources) * 4 + 4] = True
            plan.fill_real[w, window_beats(pickup)[0][0].start:] = True
    start = phrase_start if phrase_start is not None else max(int(bars[0]), 1)
    opening = settings.opening_crash if opening is None else opening
    _mark_phrases(settings, where, first, last, start, section_bars, plan.crash_steps, plan.fill_steps,
                  opening, downbeats, song_last, frame=where, real=real)
    _mark_phrases(settings, real, first, last, start, section_bars, plan.crash_real, plan.fill_real,
                  opening, real_downbeats, song_last, frame=where)
    if settings.fill_bars:  # the fills listed alone, and their crashes (PhrasePlan.asked)
        crash, fill = np.zeros((n, STEPS), bool), np.zeros((n, STEPS), bool)
        _mark_phrases(settings.replace(fill_every=0), real, first, last, start, (), crash, fill, False,
                      real_downbeats, song_last, frame=where)
        plan.asked = crash | fill
    if len(into_sections):  # the windows whose fill leads into one of them
        plan.into_section = np.zeros(n, bool)
        opened = set(phrase_starts(settings, first, last, start, section_bars, song_last))
        for bar in map(int, into_sections):
            if bar in opened and bar - 1 in where:
                plan.into_section[where[bar - 1][0]] = True
    return plan


def timed_phrases(settings: Settings, meter: tuple[int, int], first_step: int,
                  steps: int) -> tuple[np.ndarray, np.ndarray]:
    """The crashes and fills of a part in one meter from bar 1 on, as drumify plans them for its bars
    (plan_phrases, phrases from bar 1, without the opening crash), in real time: (crash_at, fill_at),
    (steps,) bool masks of the 16th steps from `first_step` (counted from bar 1's downbeat; bars before
    bar 1 have none). A live session places its phrases on the real bars of its windows, and onto the
    loop's steps through meter.py (core/live.py).

    meter: (numerator, denominator); its beats are meter.py's (dotted quarters in 6/8, ...), so a fill
    takes the bar's last beat, half or whole bar as drumify's does."""
    num, den = meter
    lengths = beat_lengths(num, den) or _quarter_beats(num * STEPS_PER_BEAT * 4 / den)
    bar = sum(lengths)
    starts = tuple(sum(lengths[:i]) for i in range(len(lengths)))
    crash_at, fill_at = np.zeros((1, steps), bool), np.zeros((1, steps), bool)
    first, last = max(1, first_step // bar + 1), (first_step + steps - 1) // bar + 1
    where = {b: (0, tuple(((b - 1) * bar + s - first_step, (b - 1) * bar + s + n - first_step)
                          for s, n in zip(starts, lengths))) for b in range(first, last + 1)}
    _mark_phrases(settings, where, 1, last, 1, (), crash_at, fill_at, opening=False)
    return crash_at[0], fill_at[0]


def _quarter_beats(steps: float) -> tuple[int, ...]:
    """The beats of a bar meter.py has none for: quarter notes, and what is left (a bar of at least a 16th)."""
    whole, rest = divmod(max(1, round(steps)), STEPS_PER_BEAT)
    return (STEPS_PER_BEAT,) * whole + ((rest,) if rest else ())


def half_bar(lengths: Sequence[int]) -> int:
    """The beats a half-bar fill takes of a bar whose beats are `lengths` (16ths) long: half of them, and a waltz's
    (3/4, 9/8: three equal beats) last 2, as a drummer plays it (half of 3 rounded down, one beat, had been the
    same fill as `--fill-length beat`). A 7/8 bar's (2+2+3) long last beat is its half."""
    if len(lengths) == 3 and len(set(lengths)) == 1:
        return 2
    return max(1, len(lengths) // 2)


def _within_a_loop_bar(frame_spans: Spans, take: int) -> int:
    """The beats of a fill ending a bar (its last `take`), as many as lie within one loop bar of the model's
    frame (frame_spans: the loop steps of each of the bar's beats): the model fills into a loop bar's end, and a
    5/4 bar's whole-bar fill had played its fill's first beats on beats 1-2, then almost nothing to the crash."""
    while take > 1 and max(s[1] for s in frame_spans[-take:]) - min(s[0] for s in frame_spans[-take:]) > STEPS // 2:
        take -= 1
    return take


def _first_last(bars) -> tuple[int, int]:
    """The first and last bar a part plays (from bar 1 where it has a pickup)."""
    played = sorted(b for b in bars if b >= 1) or sorted(bars)
    return played[0], played[-1]




def fill_bars_outside(settings: Settings, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                      starts: Sequence[float] | None = None, end: float = float("inf"), bar_shift: int = 0) -> str | None:
    """What to tell the user when fill_bars names bars the part does not play (None: they all play).

    starts, end: each window's start beat and the beat where the music stops (Windows.end): a window
    plays whole loops past the music's last bar (a 7-bar part's last window is bars 7-8), which the drums
    do not play, so the part's bars are those starting before `end`. bar_shift: Windows.bar_shift, the
    fill bars typed and said as REAPER's ruler numbers them (ruler_fill_bars)."""
    if not settings.fill_bars or not len(bars):
        return None
    where = {bar for _, bar, _ in played_bars(bars, meters, starts, end)} or {int(bars[0])}
    first, last = (b + bar_shift for b in _first_last(where))
    out = [b for b in settings.fill_bars if not first <= b <= last]
    if not out:
        return None
    listed = ", ".join(map(str, out))
    return (f"fill bar{'s' if len(out) > 1 else ''} {listed} {'are' if len(out) > 1 else 'is'} outside the part "
            f"(bars {first}-{last}): no fill there")



def ruler_fill_bars(settings: Settings, bar_shift: int) -> Settings:
    """`settings` with its fill bars, typed as the producer sees them (REAPER's ruler: Windows.bar_shift),
    as the part's bars (bar 1 its first whole bar); one before bar 1 (the ruler's pickup bar) gets no fill,
    and fill_bars_outside says so."""
    if not bar_shift or not settings.fill_bars:
        return settings
    return settings.replace(fill_bars=tuple(b - bar_shift for b in settings.fill_bars if b - bar_shift >= 1))


def crash_inside(settings: Settings, bar: int, phrase_start: int, section_bars: Sequence[int] = (),
                 bar_shift: int = 0) -> Settings:
    """`settings` for bars drummed from `bar`, inside a part whose phrases count from `phrase_start` (a time selection
    in REAPER, the editor's preview of one): a crash on that first bar only where a phrase or a section of the song
    starts (a crash had opened a selection mid-phrase)."""
    crash = bar in phrase_starts(ruler_fill_bars(settings, bar_shift), bar - 1, bar - 1, phrase_start, section_bars)
    return settings.replace(opening_crash=crash)


class PartSections(NamedTuple):
    """What a drummer hears of a part's form (`part_sections`): where the music comes back after a rest
    ({bar: bars of rest}), the sections heard in the band, every section start (given, heard, comebacks,
    meter and tempo changes, stops), whether the part opens with a quiet intro, the phrases planned over them,
    where the music changes meter ({bar: (numerator, denominator)}) and tempo ({bar: (bpm before, after)}),
    the song's last bar where a fill_every phrase's fill was left out (None: none was), and the bars fill_every's
    fills end where the form moved them off its plain grid (None: it did not; fill_every_bars)."""

    back: dict[int, int]
    heard: list[int]
    section_bars: list[int]
    intro: bool
    plan: PhrasePlan
    meter_changes: dict[int, tuple]  # (numerator, denominator), or with its grouping where only that changes
    tempo_changes: dict[int, tuple[float, float]]
    last_fill_left_out: int | None
    moved_fills: tuple[int, tuple[int, ...], tuple[int, ...]] | None = None
    level_changes: dict[int, float] | None = None  # {bar: the band's level jump} where it plays louder or softer
    layer_changes: dict[int, tuple[int, int]] | None = None  # {bar: (parts before, after)} where parts join or leave
    # {bar: (odd bars, their meter)} where fill_every's phrases count again after a bar or two of another meter
    odd_bar_phrases: dict[int, tuple[int, tuple]] | None = None
    # {bar: (the root's pitch class before, after)} where the band moves to a new riff (riff_sections.py; in `heard` too)
    riff_changes: dict[int, tuple[int, int]] | None = None
    # {bar: (parts that stop, parts that start)} where the band swaps parts for others (part_swap_sections.py)
    part_swaps: dict[int, tuple[int, int]] | None = None
    # comebacks (in `back`) where the bass broke off while the band played on (rhythm_breaks.py)
    bass_breaks: frozenset = frozenset()
    # the fill bars listed (fill_bars) inside the quiet intro, before its last bar: played there (intro_figure.lay_out)
    intro_fills: tuple[int, ...] = ()
    # {bar: (beat, 16ths after it)} where a comeback lands after its downbeat, its crash moved there (late_comebacks.py)
    late_entries: dict[int, tuple[int, int]] | None = None


# The form of the last parts heard (comebacks, meter and tempo changes, heard sections), by what it is heard
# from: a setting changed in the editor drums the whole part again, and hearing a 200-bar part's sections took
# 0.15 s of 0.4 s.
_FORMS: dict[bytes, tuple[dict[int, int], tuple[dict, dict], list[int]]] = {}


def _fingerprint(*values) -> bytes:
    """A digest of arrays (dtype, shape, bytes) and other values (their repr)."""
    h = hashlib.blake2b(digest_size=16)
    for v in values:
        if isinstance(v, np.ndarray):
            h.update(f"{v.dtype}{v.shape}".encode())
            h.update(np.ascontiguousarray(v).tobytes())
        else:
            h.update(repr(v).encode())
        h.update(b"|")
    return h.digest()


def part_sections(settings: Settings, grooves, bass, bars, meters, section_bars: Sequence[int], stops: Sequence[Stop],
                  starts=None, end: float = float("inf"), phrase_start: int | None = None,
                  opens_part: bool = True, song_end: bool = True, tempos=None, parts=None, lows=None,
                  sounding=None, band_levels=None) -> PartSections:
    """A part's sections and phrases as drumify and every version of it hear them (one rule for both: a
    version once lost the sections drumify heard); section_bars: the given ones (markers, regions: the band's own
    are heard beside them, given_sections.clear_of_given); stops:
    band_stops'; bass: the low register's grooves on the real grid; opens_part: Windows.opens_part (bars from
    mid-song open no quiet intro); song_end: the part ends the song (as band_stops takes it), so with a known
    end its last bar gets no fill_every fill; tempos: the song's tempo map (Windows.tempos: a jump starts a
    section); parts: Windows.parts (parts joining or leaving start one, and parts swapped for others:
    part_swap_sections.py, back on an earlier section's: returning_parts.py, or joining on a phrase over the
    same rhythm: joining_parts.py); lows: Windows.lows (a new riff
    starts one: riff_sections.py); sounding: Windows.sounding (a loud chord held over the opening is no quiet
    intro: loud_opening.py); band_levels: Windows.band_levels (an audio take's: a new layer coming in starts one)."""
    start = phrase_start if phrase_start is not None else (max(int(bars[0]), 1) if len(bars) else 1)
    # the parts' rules count phrases from where the band's parts come in, where most do off the first phrase's count
    # (entry_phrases.py: d_dm10's bass alone 2 bars, every change on bar 3 mod 8); fills, comebacks and the
    # onsets' rules (texture, level, layers: on freedoom 2 fewer crashes heard so) keep `start`
    entries = entry_phrase_start(parts, bars, meters, start, starts, end, opens_part)
    key = _fingerprint(grooves, bass, bars, meters, tuple(section_bars), starts, end, start, phrase_start,
                       None if tempos is None else tuple(map(tuple, tempos)), sounding)
    form = _FORMS.pop(key, None)
    if form is None:
        back = comeback_sections(grooves, bars, meters, section_bars, starts, end, start)
        breaks = rhythm_section_breaks(bass, bars, meters, [*back, *map(int, section_bars)], starts, end, start)
        back.update(breaks)
        changed = change_sections(bars, meters, section_bars, back, starts, end, tempos)
        form = back, changed, heard_sections(grooves, bass, bars, meters, (), back, starts, end, phrase_start,
                                             sorted({*changed[0], *changed[1]}), sounding), frozenset(breaks)
    _FORMS[key] = form  # the newest last; the oldest go first
    while len(_FORMS) > 8:
        del _FORMS[next(iter(_FORMS))]
    back, (new_meters, new_tempos), heard, bass_breaks = dict(form[0]), form[1], list(form[2]), form[3]
    # the band's sections are heard as in a part without markers, then kept beside the given ones (clear_of_given):
    # one heard in a marker's first bars is the marker's section, and keeps the others as far from it as ever (one
    # more on freedoom's d_e1m8 where its drummer does not crash)
    found = {*back, *heard, *new_meters, *new_tempos, *stop_sections(stops)}
    levels = level_sections(grooves, bars, meters, (), sorted(found), starts, end, phrase_start, list(back), bass)
    layers = layer_sections(without_landings(parts), bars, (), sorted({*found, *levels}), phrase_start, list(back))
    swaps = part_swap_sections(parts, grooves, bass, bars, meters, (), sorted({*found, *levels, *layers}),
                               starts, end, phrase_start, list(back), entries)
    # one part joining on every 16th is said as parts joining (busy_part_sections.py)
    heard_yet = sorted({*found, *levels, *layers, *swaps})
    layers.update(busy_part_sections(parts, grooves, bars, meters, (), heard_yet, starts, end, phrase_start,
                                     list(back), entries))
    # the band going back to an earlier section's parts, one part for another (returning_parts.py): said as a swap
    swaps.update(returning_parts_sections(parts, grooves, bass, bars, meters, (),
                                          sorted({*found, *levels, *layers, *swaps}), starts, end))
    riffs = riff_sections(lows, bars, meters, (), sorted({*found, *levels, *layers, *swaps}), starts, end,
                          phrase_start, list(back), entries)
    # parts joining on a phrase over the same rhythm, after every other rule (joining_parts.py): said as a swap's join
    swaps.update(joining_parts_sections(parts, grooves, bass, bars, meters, (),
                                        sorted({*found, *levels, *layers, *swaps, *riffs}), starts, end, phrase_start,
                                        list(back), entries))
    if parts is None:  # an audio take's parts are not told apart: a new layer heard in its bands (audio_layers.py)
        levels.update(heard_layers(band_levels, bars, meters, starts, end,
                                   sorted({*found, *levels, *layers, *swaps, *riffs}), phrase_start, list(back)))
    # each new chorus of a 12-bar blues, as the band's own section (twelve_bar.py): a fill into it, a crash on it
    near = {*found, *levels, *layers, *swaps, *riffs}
    heard = sorted({*heard, *(b for b in chorus_starts(lows, bars, meters, starts, end)
                              if not any(abs(b - s) <= 1 for s in near))})
    heard, levels, layers, swaps, riffs = (clear_of_given(found_here, section_bars)
                                           for found_here in (heard, levels, layers, swaps, riffs))
    found = {*back, *heard, *new_meters, *new_tempos, *stop_sections(stops)}
    heard = sorted({*heard, *riffs})  # (said as the band changing what it plays: a new riff on the same rhythm)
    sections = sorted({*map(int, section_bars), *found, *levels, *layers, *swaps, *riffs})
    # where no section is heard in the opening, the band's entry after a part alone is one (lone_part_intro.py)
    entry = band_entry(parts, bars, sections, opens_part, meters)
    opened = sections if entry is None else sorted({*sections, entry[0]})
    # (or one part alone before the band comes in, however busy: lone_part_intro.py). Read whatever the opening
    # crash: --no-opening-crash drops that crash alone (it had turned the intro off, a full backbeat through it);
    # bars from mid-song (crash_inside's) have opens_part False, so no intro there
    intro = (opens_quietly(grooves, bars, opened, opens_part, bass) or
             opens_alone(parts, bars, opened, opens_part, meters)) and \
        not opens_on_a_loud_chord(grooves, sounding, bars, opened)  # (the band's first chord, struck and held)
    if intro and entry is not None:  # said as parts joining: "parts of the band join in bar 5 (1 part to 3)"
        sections, layers = opened, {**layers, entry[0]: entry[1:]}
    # the song's last bar, where the part is known to end it: a drummer has no phrase to fill into after it
    played = [bar for _, bar, _ in played_bars(bars, meters, starts, end)] if starts is not None else []
    song_last = max(played) if song_end and np.isfinite(end) and played else None
    # a fill every N bars counts the band's phrases again after an odd bar (a 2/4 bar ends the phrase it is in)
    odd = {} if settings.fill_every <= 0 else {
        b: m for b, m in odd_bar_phrases(bars, meters, starts, end).items()
        if b > start and not any(abs(b - s) <= 1 for s in sections) and (song_last is None or b <= song_last)}
    phrased = sorted({*sections, *odd})
    # where fill_every also ends phrases inside the sections, a drummer marks each section with the bigger fill
    plan = plan_phrases(settings, bars, meters, phrase_start=phrase_start, section_bars=phrased,
                        opening=settings.opening_crash and not intro, song_last=song_last,
                        into_sections=sections if settings.fill_every > 0 else ())
    left_out = None if song_last is None or any(s.back is None for s in stops) else song_last
    if left_out is not None and phrase_starts(settings, left_out, left_out, start, phrased, left_out):
        left_out = None  # a fill bar listed there (or a section marked after it) still ends it in a fill
    elif left_out is not None and not phrase_starts(settings, left_out, left_out, start, phrased):
        left_out = None  # no phrase of fill_every ended there
    # a comeback after a chord rung over its "rest" is said as the band changing what it plays (still a section)
    rung = {b for b, r in back.items() if rings_through(grooves, sounding, bars, meters, starts, end, b, r)}
    back, heard = {b: r for b, r in back.items() if b not in rung}, sorted({*heard, *rung})
    band_in = min((s for s in sections if len(bars) and s > int(bars[0])), default=None)
    intro_fills = tuple(b for b in settings.fill_bars if b < band_in - 1) if intro and band_in is not None else ()
    # a comeback on beat 2 crashes there, not on the silent downbeat before it (d_dm29 bar 41)
    late = move_late_crashes(plan, grooves, bass, bars, meters, starts, end, back, bass_breaks & set(back), stops)
    return PartSections(back, heard, sections, intro, plan, dict(new_meters), dict(new_tempos), left_out,
                        fill_every_bars(settings, played, start, phrased, song_last, stops), levels, layers, odd,
                        riffs, swaps,
                        bass_breaks & set(back), intro_fills, late)


def resting_bars(stops: Sequence[Stop]) -> set[int]:
    """The bars the drums rest through after a stop's hit with no fill (fills.end_on_hit): from the hit's bar to the
    comeback, but the bar before it where the stop keeps a fill into it (its lead); a held-pad outro (outro.py)
    keeps none, its cymbal ringing."""
    rest: set[int] = set()
    for s in stops:
        if s.back_bar is not None:
            rest.update(range(s.bar, s.back_bar - (s.lead is not None)))
    return rest


def fill_every_bars(settings: Settings, played: Sequence[int], start: int, sections: Sequence[int],
                    song_last: int | None,
                    stops: Sequence[Stop] = ()) -> tuple[int, tuple[int, ...], tuple[int, ...]] | None:
    """(the phrase's bars, the bars off the plain grid that end in a fill, the grid's bars left without one)
    where the part's sections moved fill_every's fills off its plain grid (phrases count from each section: a
    producer asking for a fill every 8 bars looks in bar 8); None where they are on it, or no fill_every. A bar
    where a stop's drums rest with no fill (`resting_bars`) is no fill off the grid."""
    if settings.fill_every <= 0 or not len(played):
        return None
    first, last = min(played), max(played)
    plain = settings.replace(fill_bars=())
    # (a held-pad outro's rest had been said to end in a fill: "fills also end bars 14, 17", its cymbal ringing in 17)
    rests = resting_bars(stops)
    grid = [b - 1 for b in phrase_starts(plain, first, last, start, (), song_last) if first <= b - 1 <= last]
    planned = [b - 1 for b in phrase_starts(plain, first, last, start, sections, song_last) if first <= b - 1 <= last]
    missed = tuple(b for b in grid if b not in planned)
    moved = tuple(b for b in planned if b not in grid and b not in rests)
    return (2 * settings.fill_every, moved, missed) if missed else None


def phrase_start_of(content: MidiContent, bars: tuple[int, int] | None = None) -> int:
    """The bar a file's first phrase starts at, as drumify counts it: bar 1 (or the first of `bars`), or the
    bar of its first note after bars of silence (a DAW's export from bar 1 of a song coming in on bar 2: the
    drums come in there, and its fills had ended bars 8 and 16, a bar early), or the bar after that when it
    holds only a pickup, or bar 1 is an intro bar of hits landing on bar 2 (intro_bar.py): the song's phrases count
    from the bar it leads into."""
    start = bars[0] if bars else 1
    grid = bar_grid(content.time_signatures, content.end_beat)
    line = grid.first_bar + start - 1
    notes = heard_notes(content)  # (a pad nobody hears is silence: the phrases count from the band it leads to)
    if len(notes) and 0 <= line < len(grid.lines):
        played = np.round(notes.start * STEPS_PER_BEAT) / STEPS_PER_BEAT  # half a 16th early: the bar's
        played = played[played >= grid.lines[line] - 1e-9]
        if len(played):
            start = max(start, grid.bar_number(float(played.min())))
    if pickup_bar(grid, notes) == start or (start == 1 and opens_on_intro_bar(grid, notes)):
        start += 1
    return start


def song_phrase_start(content: MidiContent, bars: tuple[int, int]) -> int:
    """The bar the song's phrases count from for `bars` of a file drummed from mid-song (the CLI's --bars), as the
    whole file's drums count them: from its first phrase (phrase_start_of), or again from the last bar at or before
    the bars' first bar where the band comes back after a rest (a comeback, reentry_bars). `bars` opening on that
    comeback count from it; `bars` opening on the rest before it count the song's phrases through the rest
    (song_form gives its comeback)."""
    return song_form(content, bars)[0]


def song_form(content: MidiContent, bars: tuple[int, int]) -> tuple[int, list[int]]:
    """(song_phrase_start, the bars after the first of `bars`, up to their last, where the whole file's band comes
    back after a rest): `bars` opening on the last bar of a 3-bar rest hear one bar of it, no rest, so the
    comeback is given to them as a section (a fill into it, a crash on it, as the whole file plays it)."""
    opens, start = phrase_start_of(content, bars), phrase_start_of(content)
    if opens <= start:
        return opens, []
    try:
        wins = extract_windows(content)
    except ValueError:  # the whole file is refused (a stray note hours after the music): its first phrase's count
        return start, []
    back = [bar for bar, _ in reentry_bars(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end, start)]
    last = bars[1] if bars[1] else float("inf")
    return max([start, *(b for b in back if b <= bars[0])]), [b for b in back if bars[0] < b <= last]


def unheard_comebacks(comebacks: Sequence[int], wins: Windows, phrase_start: int,
                      section_bars: Sequence[int]) -> list[int]:
    """The song's `comebacks` (song_form) that the windows of bars from mid-song do not hear themselves
    (reentry_bars over them), none within a bar of a given section (that one is the section: comeback_sections)."""
    if not comebacks:
        return []
    heard = {b for b, _ in reentry_bars(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end, phrase_start)}
    return [b for b in comebacks if b not in heard and not any(abs(b - int(s)) <= 1 for s in section_bars)]


__all__ = ["PhrasePlan", "crash_inside", "phrase_start_of", "song_phrase_start", "song_form", "unheard_comebacks",
           "plan_phrases", "timed_phrases", "fill_bars_outside", "phrase_starts", "PartSections",
           "part_sections", "ruler_fill_bars", "fill_every_bars", "resting_bars"]
