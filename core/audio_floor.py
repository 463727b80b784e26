"""What opens a take but is not the part: its noise floor starting, a count-in; a cut that ends one; a quiet take's gain.

The onset envelope compares each frame with the frames before it, and
before the file's first sample there is digital silence. A take that opens
on room tone, amp hiss or a noisy preamp (a silent intro, a count-in left
out) therefore "rises" 30-50 dB at 0 s, and that rise was picked as an
onset: a note at 0 s that nobody played. It was said as an onset left out
before bar 1, stretched the onsets' span back to 0 s, so the beat tracker's
guesses through the silent intro counted as the take's beats (a steady take
at 120 BPM read as "a drifting tempo, 119.8 to 123.6 BPM", its drums 10 ms
early throughout), and could pull the tempo and bar 1 estimates.

Such an onset is told from a note by its level: it is no louder than the
file's quiet stretches (the 5th percentile of the loudest band's level, the
noise floor where the take has any pauses) and far below the loud onsets. A
note that opens the file (a loop cut on the beat) is well above its floor,
and in a dense, compressed file whose quiet stretches are loud, it is near
the loud onsets: both are kept.
"""

from __future__ import annotations

import numpy as np

FLOOR_PERCENTILE = 5.0  # the file's quiet stretches: its noise floor where it has any pauses
FLOOR_MARGIN_DB = 6.0  # an opening onset this close to the floor is the floor starting
BELOW_LOUD_DB = 20.0  # ... when it is also this far below the loud onsets (never a compressed mix's first note)


def opening_frames(frame_s: float, ref_s: float, lag: int, fps: float) -> int:
    """Frames whose reference reaches back before the file's first sample (half a window, the lag and the reference span)."""
    return int(np.ceil((frame_s / 2 + ref_s) * fps)) + lag


def floor_at_start(peaks: np.ndarray, peak_level: np.ndarray, level: np.ndarray, loud_level: float, opening: int) -> np.ndarray:
    """Mask of `peaks` (frames, with their levels in dB) to keep: False for an onset in the `opening` frames that is only
    the file's noise floor starting (within FLOOR_MARGIN_DB of its floor and BELOW_LOUD_DB under `loud_level`)."""
    keep = np.ones(len(peaks), bool)
    first = np.flatnonzero(peaks < opening)
    if len(first) == 0 or len(level) == 0:
        return keep
    floor = float(np.percentile(level, FLOOR_PERCENTILE))
    quiet = (peak_level[first] <= floor + FLOOR_MARGIN_DB) & (peak_level[first] <= loud_level - BELOW_LOUD_DB)
    keep[first[quiet]] = False
    return keep


# A take trimmed while a chord still rings (a final chord's ring-out cut at the song's end, a bounce stopped mid-note)
# stops dead: the cut's step spreads over every band for a frame and was picked as an onset, a note nobody played a
# bar or more after the last one (the drums filled and "came back" over the ring-out). A note sounds on for a window
# after its attack; a cut is digital silence (or the file's end) by then.
SILENT_MARGIN_DB = 1.0  # a level this close to digital silence's is silence


def stops_dead(peaks: np.ndarray, level: np.ndarray, silence_db: float, window_frames: int) -> np.ndarray:
    """Mask of `peaks` (frames) that are a cut, not a note: `level` (dB per frame) is digital silence (`silence_db`)
    or past the file's end `window_frames` after the peak (half an analysis window and a frame: past the cut)."""
    after = np.asarray(peaks, np.int64) + window_frames
    past_end = after >= len(level)
    silent = np.zeros(len(after), bool)
    silent[~past_end] = level[after[~past_end]] <= silence_db + SILENT_MARGIN_DB
    return past_end | silent


# A quiet take: its loudest band under QUIET_DB (a take bounced near full scale reads -4 to -19 dB there).
# The fixed floors (-90 dB, notes at -70 dBFS at least) cost a take at -40 dBFS 3 of 55 notes, and one
# at -60 dBFS all. It is read again raised to GAIN_TARGET_DB, at most MAX_GAIN_DB: as if normalised.
QUIET_DB = -30.0
GAIN_TARGET_DB = -10.0
MAX_GAIN_DB = 70.0
# ... only if its loudest moments stand this far over its median level: hiss's loudest frames are 3 dB
# over its median (raised, it would read as loud hiss), a part's notes 10-20 dB, a pad's 7.
STANDS_OUT_DB = 6.0


def quiet_gain_db(level: np.ndarray, floor_db: float) -> float:
    """dB to raise a quiet take by before analysis (0: none), from its loudest band's `level` per frame (dB)."""
    if len(level) == 0:
        return 0.0
    top = float(level.max())
    if top >= QUIET_DB or top <= floor_db + 1 or top - float(np.median(level)) < STANDS_OUT_DB:
        return 0.0  # loud enough, digital silence, or hiss: nothing stands out of it
    return min(GAIN_TARGET_DB - top, MAX_GAIN_DB)


# A count-in: clicks (a metronome, sticks) on these beats before the part, which comes in on the next bar
# line. A take recorded with one put its clicks in the groove's first bar and bar 1 on them, the drums a bar
# early. Longer counts are tried first (a shorter one would take the longer's last clicks for the part):
# two bars of 4/4 (8 clicks, or "1 - 2 - 1 2 3 4"), two of 3/4 (6), one of 4/4, one of 3/4 (a waltz's 3).
COUNT_INS = ((0, 1, 2, 3, 4, 5, 6, 7), (0, 2, 4, 5, 6, 7), (0, 1, 2, 3, 4, 5), (0, 1, 2, 3), (0, 1, 2))
COUNT_IN_BPM = (40.0, 240.0)
CLEAR_VELOCITY = 0.3  # fainter onsets before the clicks (a breath, a chair) go with them
SHORT_DB = 15.0  # a click has fallen this far within 150 ms (half a beat at most); the part's notes ring on
# ... or, in a room whose reverb holds the sticks up (0.8 s of it: they fell 13.4-14.1 dB), this far where the part's
# notes fall RING_MARGIN_DB less than that (its median), so a staccato part's notes are still no clicks
ROOM_DB = 11.0
RING_MARGIN_DB = 6.0
QUICK_DB = 8.0  # ... having fallen this far within 80 ms already (sticks: 9-12 dB; a staccato bass note, held to its
# end, 4-5 dB: four short even notes opening a part had been taken for a count-in)
SAME_DB = 10.0  # the clicks' levels lie within this (one timbre, beat 1 maybe accented)
PART_ONSETS = 8  # the part's first onsets, whose median must ring: a part of clicks is no count-in
# The band's pickup (anacrusis) sounds on the last count or after it, before the bar line: the last click then
# rings (and may be louder), and up to this many of the part's onsets come between it and bar 1.
PICKUP_ONSETS = 4
PICKUP_DB = 3.0  # ... and bar 1's onset (the downbeat the pickup leads to) is no softer than it by more than this


def _drops(times: np.ndarray, level: np.ndarray, fps: float, after_s: float) -> tuple[np.ndarray, np.ndarray]:
    """Per onset: its peak level (dB, the 40 ms after it) and how far the level has fallen `after_s` later."""
    f = np.round(np.asarray(times) * fps).astype(np.int64)
    win = np.clip(f[:, None] + np.arange(int(round(0.04 * fps)) + 1), 0, len(level) - 1)
    peak = level[win].max(axis=1).astype(np.float64)
    return peak, peak - level[np.clip(f + int(round(after_s * fps)), 0, len(level) - 1)]


def _bar_one(times: np.ndarray, end: int, line: float, beat: float, bar_beats: int) -> int | None:
    """The index of the onset on bar 1 after a count-in's clicks (times[:end]) whose next bar line is at `line`
    seconds: the part comes in on that line or, after a bar of rest (a count-in bar, then the band from the bar
    after, or with a pickup in it), on the next; a pickup's onsets (at most PICKUP_ONSETS) come before it.
    None when no onset falls on either line."""
    tol = max(0.04, beat / 8)
    for at in (line, line + bar_beats * beat):
        bar = end
        while bar < min(len(times), end + PICKUP_ONSETS) and times[bar] < at - tol:
            bar += 1
        if bar < len(times) and abs(times[bar] - at) <= tol:
            return bar
        if end < len(times) and times[end] < at + tol:  # the part came in before this line: no later one
            return None
    return None


def count_in_bar(times: np.ndarray, velocity: np.ndarray, level: np.ndarray, fps: float) -> tuple[int, int]:
    """(how many of the first onsets are a count-in, the index of the onset on bar 1 after it), from `times`,
    `velocity` 0..1 and the loudest band's `level` per frame: evenly spaced short clicks of one level on the
    COUNT_INS beats, the part coming in on the bar line after them (a pickup may sound on the last click or
    after it), and the part ringing where the clicks do not. (0, 0) when there is none."""
    clear = np.flatnonzero(np.asarray(velocity) >= CLEAR_VELOCITY)
    if len(clear) == 0 or len(level) == 0:
        return 0, 0
    i0 = int(clear[0])
    for beats in COUNT_INS:
        b = np.asarray(beats, np.float64)
        end = i0 + len(b)
        if len(times) < end + PART_ONSETS // 2:
            continue
        clicks = np.asarray(times[i0:end], np.float64)
        beat, first = np.polyfit(b, clicks, 1)
        if not 60.0 / COUNT_IN_BPM[1] <= beat <= 60.0 / COUNT_IN_BPM[0]:
            continue
        if np.abs(clicks - first - b * beat).max() > max(0.025, 0.05 * beat):  # a metronome, or a drummer's sticks
            continue
        bar = _bar_one(times, end, first + (b[-1] + 1) * beat, beat, 4 if (b[-1] + 1) % 4 == 0 else 3)
        if bar is None:
            continue
        peak, drop = _drops(times[i0 : end + PART_ONSETS], level, fps, min(0.15, beat / 2))
        n = len(b)
        rings = float(np.median(drop[n:]))
        short = max(ROOM_DB, min(SHORT_DB, rings + RING_MARGIN_DB))
        click = drop[:n] >= short
        if short < SHORT_DB:  # the room's threshold: clicks that also fall fast, as sticks do and notes do not
            click &= _drops(times[i0:end], level, fps, min(0.08, beat / 3))[1] >= QUICK_DB
        plain = click[: n - 1].all() and np.ptp(peak[: n - 1]) <= SAME_DB  # all clicks but the last
        if click[n - 1]:  # a plain last click
            last = np.ptp(peak[:n]) <= SAME_DB
        else:  # a pickup on it: a waltz's downbeat after 3 clicks is no pickup on a 4th (bar 1 would be a softer beat 2)
            last = peak[n - 1] >= peak[: n - 1].min() - SAME_DB and peak[bar - i0] >= peak[n - 1] - PICKUP_DB and n >= 4
        if plain and last and rings < SHORT_DB:
            return end, bar
    return 0, 0


def count_in(times: np.ndarray, velocity: np.ndarray, level: np.ndarray, fps: float) -> int:
    """How many of the first onsets are a count-in (`count_in_bar`'s first); 0 when there is none."""
    return count_in_bar(times, velocity, level, fps)[0]


__all__ = ["count_in", "count_in_bar", "floor_at_start", "opening_frames", "quiet_gain_db", "without_count_in"]


def without_count_in(onsets, level: np.ndarray, fps: float, with_bar: bool = False):
    """(onsets with a count-in's clicks left out, how many clicks): `count_in` over an `Onsets`, so every reader
    of a take (a file, a REAPER audio item) leaves the clicks out of the groove alike. with_bar: a third item,
    the seconds of bar 1 after the clicks (a pickup's onsets before it stay: they are the band's)."""
    from dataclasses import replace

    clicks, bar = count_in_bar(onsets.times, onsets.velocity, level, fps)
    if clicks:
        bar_s = float(onsets.times[bar])
        onsets = replace(onsets, times=onsets.times[clicks:], strength=onsets.strength[clicks:],
                         velocity=onsets.velocity[clicks:])
    return (onsets, clicks, bar_s if clicks else None) if with_bar else (onsets, clicks)
