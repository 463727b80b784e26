"""Bars drummed again from a song (the CLI's `--bars`): the whole song's drums in those bars, beat for beat.

Drummed alone, a range of bars cannot hear the song around it. `--bars 17-32` of freedoom's d_e1m1 (its band alone)
lost the crash on bar 17, where the band changes what it plays (bar 16 lies outside the range), and the fill in bar 32
into bar 33, where parts of the band leave (past the range); one groove per take was averaged over the range's
windows alone, so other hits moved too: 14 of 261 hits differed from the whole song's in those bars, d_map03's 18 of
319, d_e2m2's (meter changes) 46 of 284. A producer who drums a song, then drums a few of its bars again with the same
settings, expects those bars' drums: the engine drums the whole file once and lays its loops onto the range's
windows, each step from the whole song's window that plays that beat. Variations are the whole song's versions there.

A file too long to drum whole for a few bars (`WHOLE_WINDOWS`), or a range opening on a silence longer than a window
before the music (a drum intro asked for), is drummed over the range alone, with the song's phrases, sections and bars
counted around it as before (Engine.drumify). Plain numpy."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .drumify_result import DrumifyResult, window_spans
from .errors import ReaGrooveError
from .form_notes import INTRO_SAID
from .groove import Windows, extract_windows
from .loop import STEPS_PER_BEAT
from .meter import is_pickup
from .opening_time import opening_in_range
from .phrases import crash_inside, fill_bars_outside, song_form, unheard_comebacks
from .range_sections_said import RangeLine
from .sections import played_bars
from .song_bars import song_bars_of

# A song this long or shorter is drummed whole for a range of its bars: 1,024 bars of 4/4, longer than any song, about
# 10 s of drumming here; a longer file (a stray note hours later) is drummed over the range alone
WHOLE_WINDOWS = 512
_BARS_SAID = re.compile(r"\bbars? (\d[\d, -]*(?:and \d+)?)")
_SPAN = re.compile(r"(\d+)(?:-(\d+))?")
# a span said by its two ends, its last bar the one before the second ("bar 45, 'Chorus 1': the hats move to the
# ride, the hats again from bar 63": named_sections; "... in bar 40 and rests until bar 44": form_notes), or from a
# bar on ("holds its chords from bar 100 to the end"; a chorus on the ride with no hats after it)
_ENDS = re.compile(r"\bbar (\d+)\b.*?\b(?:again from|rests until|comes back in) bar (\d+)\b")
RIDE_SAID = ": the hats move to the ride"  # (named_sections.lift_choruses' line)
_ON = re.compile(r"\bfrom bar (\d+) to the end\b|^bar (\d+), '.*': the hats move to the ride$")
MUSIC_IN = "music in "  # how a reading says the music's meters (groove.extract_windows)
PICKUP_SAID = "the music opens with a pickup into bar "  # how it says a pickup that leads the music in (there too)


def whole_beats(whole: DrumifyResult, starts, meters, end: float) -> tuple[np.ndarray, np.ndarray]:
    """For windows at `starts` (beats) playing `meters` until `end`: (W, 32) the whole song's window that plays each
    of their steps' beats (-1: none, past its drums) and (W, 32) that window's step there."""
    return _played_at(whole.starts, whole.spans, starts, meters, end)


def _played_at(src_starts, src_spans, starts, meters, end: float) -> tuple[np.ndarray, np.ndarray]:
    """whole_beats over windows starting at `src_starts` and playing `src_spans` beats (a result's or a Windows')."""
    starts = np.asarray(starts, np.float64)
    spans = window_spans(starts, meters, end)
    src_starts = np.asarray(src_starts, np.float64)
    src_ends = src_starts + np.asarray(src_spans, np.float64)
    beats = starts[:, None] + np.arange(2 * 4 * STEPS_PER_BEAT)[None, :] / STEPS_PER_BEAT
    # the whole song's windows do not overlap where they play (spans): the last one starting at or before a beat
    which = np.searchsorted(src_starts, beats + 1e-6, side="right") - 1
    inside = (which >= 0) & (beats < starts[:, None] + spans[:, None] - 1e-9)
    which = np.where(inside, which, 0)
    inside &= beats < src_ends[which] - 1e-9
    steps = np.rint((beats - src_starts[which]) * STEPS_PER_BEAT).astype(int)
    inside &= (steps >= 0) & (steps < 2 * 4 * STEPS_PER_BEAT)
    return np.where(inside, which, -1), np.clip(steps, 0, 2 * 4 * STEPS_PER_BEAT - 1)


def laid(rows: np.ndarray, which: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """rows: (S, 32, ...) per whole-song window; the range's (W, 32, ...) at (which, steps), zeros where -1."""
    out = rows[np.maximum(which, 0), steps]
    out[which < 0] = 0
    return out


def in_range(versions: np.ndarray, part: DrumifyResult) -> np.ndarray:
    """(n, S, 32, 27) versions of the whole song -> (n, W, 32, 27) on the range's windows (`part`, from range_of)."""
    which, steps = whole_beats(part.whole, part.starts, part.meters, part.end)
    return np.stack([laid(v, which, steps) for v in versions])


def _heard_from_the_start(song: Windows, wins: Windows) -> bool:
    """Whether the whole song's windows (`song`) play the range's (`wins`) from its first window on: the song's drums
    start by the range's first bar, or within the range's first window (an empty bar 1 or a count-in before the band:
    `--bars 1-16` of d_dm17's band, music from bar 2, was drummed alone, 299 hits off the song's, its windows phased
    1-2, 3-4 against the song's 2-3, 4-5; the song plays nothing before its music, _played_at's -1). A longer silence
    asked for is a drum intro over it, drummed alone (a time selection over 8 silent bars before the bass comes in:
    test_reaper_empty_opening)."""
    first_end = wins.starts[0] + window_spans(wins.starts, wins.meters, wins.end)[0]
    return bool(song.starts[0] < first_end - 1e-6)


def takes_the_whole(song: Windows, wins: Windows) -> bool:
    """Whether bars read into `wins` (REAPER's clip) play the drums of the whole items read into `song`, as --bars does
    (whole_windows' rule: a song of at most WHOLE_WINDOWS heard from the clip's first window), where they hear its
    notes there, onset for onset, in the band and in its low register, on the same lowest pitches. Razor edits clip
    each item to the areas on its own track: the bass marked in bars 1-4 and the keys in 5-8 leave the bass out of
    5-8, which the whole items' drums followed (none of the 78 hits of 5-8 stayed when the unmarked bass went quiet;
    a bass on the keys' beats 1 and 3, its onsets the same, still drove the kicks of 5-8 and took their new section
    away: 91 notes differed). An 8-bar clip of a 2,000-bar item took 14.7 s drummed whole, 2.5 s alone."""
    if not 0 < len(song) <= WHOLE_WINDOWS or not len(wins) or not _heard_from_the_start(song, wins):
        return False
    which, steps = _played_at(song.starts, window_spans(song.starts, song.meters, song.end), wins.starts, wins.meters,
                              wins.end)
    heard = np.arange(wins.grooves.shape[1])[None, :] < np.rint(window_spans(wins.starts, wins.meters, wins.end)
                                                                 * STEPS_PER_BEAT)[:, None]

    def same(theirs: np.ndarray, ours: np.ndarray, none) -> bool:  # per step: the song's there against the clip's
        return bool(np.array_equal(np.where(which >= 0, theirs[np.maximum(which, 0), steps], none),
                                   np.where(heard, ours, none)))

    rows = [(song.grooves[..., 0] > 0.5, wins.grooves[..., 0] > 0.5, False)]
    if song.bass is not None and wins.bass is not None:
        rows.append((song.bass[..., 0] > 0.5, wins.bass[..., 0] > 0.5, False))
    if song.lows is not None and wins.lows is not None:
        rows.append((song.lows, wins.lows, -1))
    return all(same(*row) for row in rows)


def _said_here(message: str, first: int, last: int, in_intro: bool) -> bool:
    """Whether a note of the whole song's drumming speaks of bars first..last (or of none): a range hears what the
    song does around it (a section starting on its first bar, the band leaving after its last), not bar 105's stop
    or, from after it, the song's quiet intro (in_intro: the range starts before the band comes in)."""
    if message.startswith(INTRO_SAID) or " intro" in message:  # (an intro's notes name no bar)
        return in_intro
    spans = [(int(a), int(b) - 1) for a, b in _ENDS.findall(message)]  # (a range inside: neither end next to it)
    spans += [(int(a or b), 1 << 30) for a, b in _ON.findall(message)]
    # a bar's leeway either side (a fill into the range's first bar, the band back on the bar after its last), but a
    # chorus on the ride is said only where the range plays a bar of it (--bars 17-20 after a chorus in 9-16 had said
    # it, no ride in them), by its span alone ("the hats again from bar 17" names no bar of the chorus)
    ride = message.endswith(RIDE_SAID) or f"{RIDE_SAID}, " in message
    near = 0 if ride else 1
    named = spans if ride else \
        [(int(a), int(b or a)) for said in _BARS_SAID.findall(message) for a, b in _SPAN.findall(said)] + spans
    return not named or any(a <= last + near and b >= first - near for a, b in named)


def _range_said(message: str, first: int, last: int, in_intro: bool) -> list[str]:
    """A note of the whole song's drumming said to bars first..last: a line of sections or of fills moved (RangeLine)
    as its writer words it for them (`--bars 3-4` had been told the song's line of sections on bars 5 and 9, a fill
    and crash each, and its fills moved in bars 3-10), others where they speak of these bars (_said_here)."""
    if isinstance(message, RangeLine):
        return message.in_bars(first, last)
    said = opening_in_range(message, first, last)
    return [said] if said and _said_here(said, first, last, in_intro) else []


def _meter_of_the_song(said: list[str], read: list[str]) -> list[str]:
    """The range's reading notes with the meters said as the whole song's reading says them (as REAPER's clip says
    them, actions._meter_as_the_song): `--bars 10-18` of a song in 3/4 from bar 9, 4/4 from 17 had said "music in
    3/4" alone, its bars 17-18 drummed in 4/4."""
    meters, song = [k for k, m in enumerate(said) if m.startswith(MUSIC_IN)], [m for m in read if m.startswith(MUSIC_IN)]
    if not meters or not song:
        return said
    rest = [m for m in said if not m.startswith(MUSIC_IN)]
    return rest[:meters[0]] + song + rest[meters[0]:]


def whole_windows(content, drum_map, bars: Windows) -> tuple[Windows, list[str]] | None:
    """The whole file's windows, to drum `bars` (the range's windows) from, and the messages of reading them
    (drumify adds its own to the list; the range says its own reading's instead). None: the range is drummed alone:
    the file is too long to drum whole for a few bars, or unreadable whole, or the range opens on more silence before
    its music than a window (_heard_from_the_start: `--bars 20-32` of a band coming in on bar 25 asks for drums in
    20-24, played alone, crashing on 20; `--bars 1-16` of one coming in on bar 2 is the song's, nothing in bar 1)."""
    try:
        wins = extract_windows(content, drum_map=drum_map)
    except (ValueError, ReaGrooveError):  # (a stray note hours later: more windows than a file may have)
        return None
    if len(wins) > WHOLE_WINDOWS or not len(wins) or not len(bars) or not _heard_from_the_start(wins, bars):
        return None
    return wins, list(wins.messages)


def _with_lead_in(whole: DrumifyResult, wins: Windows, read: list[str]) -> Windows:
    """`wins` with the whole song's lead-in window before them where the range, asked from bar 1, left out the pickup
    its bar 1 holds (groove.extract_windows comes in on bar 2 with `--bars 1-8`, as the song's drums do after their
    lead-in): bars 1-8 had dropped the lead-in's 9 hits (snare, toms) that the whole song and `--bars 1-1` play. A
    file's own pickup bar lies before bar 1 (its window's next is bar 1's): outside the bars asked."""
    lead = len(whole.starts) > 1 and whole.meters is not None and is_pickup(whole.meters[0]) and \
        int(whole.bars[1]) == 2 and wins.opens_part and len(wins) > 0 and abs(wins.starts[0] - whole.starts[1]) < 1e-6
    if not lead:
        return wins

    def rows(ours, theirs):  # the lead-in's row before the range's
        return None if ours is None or theirs is None else np.concatenate([np.asarray(theirs)[:1], ours])

    # said as the song says it (the range's reading had said the pickup's notes left out)
    said = [next((r for r in read if r.startswith(PICKUP_SAID)), m) if m.startswith(PICKUP_SAID) else m
            for m in wins.messages]
    return replace(wins, starts=rows(wins.starts, whole.starts), bars=rows(wins.bars, whole.bars),
                   grooves=rows(wins.grooves, whole.grooves), bass=rows(wins.bass, whole.bass),
                   meters=None if wins.meters is None else [whole.meters[0], *wins.meters], messages=said,
                   sounding=rows(wins.sounding, whole.sounding), parts=rows(wins.parts, whole.parts),
                   bass_sounding=rows(wins.bass_sounding, whole.bass_sounding),
                   note_counts=np.concatenate([[0], wins.note_counts]), lows=None, kit=None, cross_sticks=None,
                   band_levels=None)  # (per window, not carried: the song's own drums play the lead-in)


def range_of(whole: DrumifyResult, wins: Windows, read: list[str], settings) -> DrumifyResult:
    """The drums of `wins` (extract_windows over the bars asked for) taken from `whole` (the whole file's drumify
    result; `read`: the messages of reading the whole file, left out). Messages: the range's own reading (notes left
    out, its meters), the whole song's drumming notes that name these bars or none (a section starting and the fills
    moved said for what the range plays of them: range_sections_said), and the fill bars asked (`settings`) that the
    range leaves out."""
    wins = _with_lead_in(whole, wins, read)
    which, steps = whole_beats(whole, wins.starts, wins.meters, wins.end)
    # the bars played, as the meter lays them (a window of 2/4 holds 4 bars: its first bar + 1 had left out a section
    # starting on the bar after the range, whose fill the range plays)
    played = [bar + wins.bar_shift for _, bar, _ in played_bars(wins.bars, wins.meters, wins.starts, wins.end)]
    first, last = (played[0], played[-1]) if played else (int(wins.bars[0]) + wins.bar_shift,) * 2
    outside = [fill_bars_outside(settings, w.bars, w.meters, w.starts, w.end, w.bar_shift) for w in (whole, wins)]
    # the band comes in on the whole song's first section: `--bars 3-10` of a quiet intro of 4 bars plays the intro's
    # drums in 3-4 (none of them said), `--bars 9-16` none (the intro's lay-out said there)
    band_in = min((b for b in whole.section_bars if len(whole.bars) and b > int(whole.bars[0])), default=None)
    in_intro = wins.opens_part or (band_in is not None and len(wins.bars) > 0 and int(wins.bars[0]) < band_in)
    # (a 1-2 part opening's line names the range's bars of it, and none from the band's entry on: --bars 5-12 had
    # been told bars 1-4 keep time)
    drummed = [said for m in whole.messages if m not in read and m not in wins.messages and m != outside[0]
               for said in _range_said(m, first, last, in_intro)]
    drummed += [m for m in outside[1:] if m]
    home = which[:, 0]  # the whole song's window playing each range window's first step
    return replace(
        whole, starts=wins.starts, bars=wins.bars, grooves=wins.grooves, loops=laid(whole.loops, which, steps),
        messages=[*_meter_of_the_song(wins.messages, read), *drummed], meters=wins.meters, bass=wins.bass, end=wins.end,
        opens_part=wins.opens_part, sounding=wins.sounding, parts=wins.parts, bass_sounding=wins.bass_sounding,
        bpm=None if whole.bpm is None else np.asarray(whole.bpm)[np.maximum(home, 0)],
        kit=None if whole.kit is None else laid(whole.kit, which, steps),
        cross_sticks=None if whole.cross_sticks is None else laid(whole.cross_sticks, which, steps),
        stops=(), whole=replace(whole, judged=np.isin(np.arange(len(whole.loops)), which[which >= 0])))  # (its stops are the whole song's windows': its versions play them, in_range)


def around_range(content, wins: Windows, settings, bars: tuple[int, int | None], sections: list[int]) -> tuple:
    """(settings, phrase_start, sections, song) to drum `wins`, bars of `content`, alone (a file too long to drum
    whole): the song's bars, phrases and comebacks counted around them."""
    # bars of a song: its clave and comping count its bars, as the whole song's drums do (song_bars.py)
    song = song_bars_of(content, settings.genre_weights())
    # the song's phrases too (`--bars 3-10 --fill-every 4bars` had filled bar 6 and crashed on bar 3, where
    # the whole file fills bar 4 and crashes on 5): a crash on the first bar only where a phrase starts there
    start, comebacks = song_form(content, bars)
    # and its comebacks: bars opening on the rest's last bar hear none there (--bars 8-16 of a band resting
    # 6-8 had crashed on 8 and dropped the whole file's fill into 9 and crash on it)
    sections = sorted({*sections, *unheard_comebacks(comebacks, wins, start, sections)})
    if len(wins.bars) and start < int(wins.bars[0]):
        settings = crash_inside(settings, int(wins.bars[0]), start, sections, wins.bar_shift)
    return settings, start, sections, song
