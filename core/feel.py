"""The feel a part is played in (Settings.feel): "normal", or "half" time over its 4/4 bars.

Half time marks every 4/4 bar of the windows as two half-note beats (half_time.py says how meter.py
plays them): the model reads the band at half speed and its loop's backbeat lands on each bar's 3, while
the windows, bars, phrases, fills and crashes stay the song's. Double time is not offered: a 4/4 bar at
double speed is two loop bars, and a window of two bars would need four.
"""

from __future__ import annotations

import numpy as np

from .conditioning import four_four_rows as plain_rows
from .half_time import HALF_TIME_GROUPS, half_time_window, is_half_time
from .half_time_sections import half_time_section_tip
from .meter import GroupedBar, is_pickup

HALF_TIME_NOTE = ("half-time feel: the kick on each bar's 1, the backbeat on its 3, the hats on its 8ths (its 16ths where "
                  "the part plays 16ths, unless --density asks for fewer hits)")
# Under this --density (its middle: about the hits the input suggests) half time's hats keep the bar's 8ths.
SPARSE_DENSITY = 0.5
NO_FOUR_FOUR_NOTE = "half-time feel has no effect: the part has no 4/4 bars (it plays 4/4 bars as two half-note beats)"


def half_time_bar(offset: float) -> GroupedBar:
    """A window's 4/4 bar at `offset` beats, played in half time."""
    return GroupedBar(offset, 4, 4, HALF_TIME_GROUPS)


def with_feel(meters, feel: str, windows: int) -> tuple[list | None, list[str]]:
    """The windows' meters (Windows.meters; None: `windows` windows of two 4/4 bars) played in `feel`, and what
    to say of it. Normal leaves them as they are (bars a half-time result carries back to plain 4/4); half
    marks each 4/4 bar of every window that starts on a bar line (a pickup keeps its own beats)."""
    if feel != "half":
        if meters is None or not any(is_half_time(b) for bars in meters if bars for b in bars):
            return meters, []
        return [bars if bars is None else tuple(tuple(b[:3]) if is_half_time(b) else b for b in bars)
                for bars in meters], []
    rows = [((0.0, 4, 4), (4.0, 4, 4))] * windows if meters is None else list(meters)
    out = [bars if bars is None or is_pickup(bars) else
           tuple(half_time_bar(b[0]) if tuple(b[1:3]) == (4, 4) else b for b in bars) for bars in rows]
    halves = any(is_half_time(b) for bars in out if bars for b in bars)
    return out, [HALF_TIME_NOTE if halves else NO_FOUR_FOUR_NOTE]


def half_time_sixteenths(plays: bool, density: float | None) -> bool:
    """Whether a half-time bar's hats play its 16ths (half_time.half_time_hats): where the part plays 16ths (`plays`,
    meter_read.plays_sixteenths) and the density asked is not under SPARSE_DENSITY; else its 8ths. Fewer hits asked
    is fewer hats, as in normal time: at --density 0.2 a trap 808 part's half-time hats had played every 16th, as
    at 0.8, while its normal-time hats thinned to 8ths."""
    return plays and (density is None or density >= SPARSE_DENSITY)


# A bass part that reads as a trap 808 line (drumify says half time would suit it, and plays what was asked): at
# these tempos, sparse (at most this many onsets a bar) and syncopated in 16ths (this share of its onsets on a
# beat's "e" or "a"). A trap producer at 145 BPM expects the snare on each bar's 3, a rock or punk bass there (8ths),
# a funk line (busy 16ths) or a drum'n'bass line (170 and up) the backbeat on 2 and 4.
TRAP_BPM = (130.0, 165.0)
TRAP_ONSETS_PER_BAR = 5.0
TRAP_SIXTEENTHS = 0.25


def half_time_hint(feel: str, bass, meters, bpm) -> list[str]:
    """A line suggesting half time where the part's bass (Windows.bass, (W, 32, 3) on the real grid; None: none)
    reads as a trap 808 line in 4/4 and the feel is normal; bpm: each window's tempo (None: unknown). Without it a
    producer got the backbeat on 2 and 4 at 145 BPM, the feel a trap song plays at half that speed."""
    tempo = None if feel == "half" else trap_tempo(bass, meters, bpm)
    return [] if tempo is None else [
        f"the bass reads as an 808 line at {tempo:.0f} BPM: trap plays it in half time, the backbeat on each "
        "bar's 3 (ask for it: --feel half, or Half time in the panels)"]


def half_time_tips(feel: str, bass, meters, bpm, grooves, bars, shown) -> list[str]:
    """half_time_hint's 808 line, then a sparse breakdown's bars (half_time_sections.py; grooves None: a drum
    part), each said where the feel is normal."""
    return half_time_hint(feel, bass, meters, bpm) + half_time_section_tip(feel, grooves, meters, bars, shown)


def trap_tempo(bass, meters, bpm) -> float | None:
    """The part's tempo where its bass (Windows.bass on the real grid; None: none) reads as a trap 808 line in 4/4
    bars (normal or half time): at TRAP_BPM, sparse and syncopated in 16ths; None where it does not."""
    if bass is None or bpm is None or (meters is not None and any(
            m is not None and any(tuple(b[1:3]) != (4, 4) for b in m) for m in meters)):
        return None
    tempo = float(np.median(np.atleast_1d(np.asarray(bpm, np.float64))))
    hits = np.asarray(bass)[..., 0] > 0.5
    onsets = int(hits.sum())
    if not TRAP_BPM[0] <= tempo <= TRAP_BPM[1] or not onsets or onsets > TRAP_ONSETS_PER_BAR * 2 * len(hits):
        return None
    # the e's and a's (odd 16th steps) struck apart: inside a run of straight 16ths (the steps either side struck
    # too) they are no syncopation (freedoom's d_e4m9, a drone with two bursts of 16ths, had read as an 808 line)
    odd, before = hits[:, 1::2], hits[:, 0::2]
    after = np.concatenate([hits[:, 2::2], np.zeros((len(hits), 1), bool)], 1)
    if (odd & ~(before & after)).sum() < TRAP_SIXTEENTHS * onsets:
        return None
    return tempo


def four_four_rows(meters) -> np.ndarray | None:
    """(W,) bool: the windows whose loops the network plays as 4/4 loops (Conditioning.four_four): plain 4/4
    (conditioning.four_four_rows), and 4/4 in half time, whose loop is shaped with a 4/4 drummer's accents
    (the backbeat loudest) before half_time_accents lays them at half speed; None for every window."""
    rows = plain_rows(meters)
    return None if rows is None else rows | np.array([half_time_window(m) for m in meters], bool)
