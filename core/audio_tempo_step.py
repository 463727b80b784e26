"""A take that changes tempo between sections (a verse at 97 BPM, the chorus at 110): two steady tempos, not a drift.

core/audio_drift.py reads a moving tempo per 12 s window, within 12% of the whole take's, and fits a smooth curve
through the windows. A section 13% faster lay outside that search (its windows read 96-109 BPM, blurred), the
quadratic through them bent at the ends, and the drums slid off the second section by up to a second; where the
search did reach it, the tracked beats were smoothed across the change, its bars 40-60 ms off. Here the windows are
read within STEP_SPAN of the take's tempo and a step is fitted: the windows before a time at one tempo, those after
it at another (those over the change left out), each side flat. The change is put where the onsets about it sit
nearest the two sections' 16ths, and the tracked beats are smoothed on each side of it, not across.
"""

from __future__ import annotations

import numpy as np

STEP_SPAN = 0.16  # windows' tempi sought within this part of the take's (a section 13% faster lay outside 12%; at
# 25% rendered keys read at 5:4 of their tempo)
WIDE_SPAN = 0.4  # ... and within this: a section a third faster or slower (90 -> 120 BPM), read where it steps cleanly
GRID_STEPS = 401  # tempi tried within STEP_SPAN (twice as many within WIDE_SPAN)
MIN_STEP = 0.04  # the two sections' tempi differ by at least this part: less is a drift, which the curve follows
MAX_STEP_ROUGH = 0.012  # log tempo's rms about each section's own, over the windows wholly inside one (a bass
# line's at half its tempo: 0.01; a ramp 100 -> 112 BPM over 48 s: 0.02)
AT_REF = 0.03  # one section's tempo is within this part of the take's: the windows' best beyond it can be a 5:4 alias
MIN_SIDE_WINDOWS = 3  # windows wholly inside each section (12 s, 3 s apart: about 18 s of playing)
SECTION_S = 8.0  # the onsets this far either side of the change place it on a beat


def tempo_step(times: np.ndarray, w: np.ndarray, ref: float, window_s: float, hop_s: float, max_windows: int):
    """(change s, bpm before, bpm after, rough) of a take whose tempo steps once between two steady sections, or
    None; rough: log tempo's rms about each section's, over the windows wholly inside one.

    `times`, `w`: the onsets (s) and their weights; `ref`: the take's tempo (the level the windows are read at);
    `window_s`, `hop_s`: the tempo windows' length and spacing (core/audio_drift.py's), spaced further on a take
    long enough for more than `max_windows`. The windows are read within STEP_SPAN of `ref`, and within
    WIDE_SPAN: a step found there to a section beyond STEP_SPAN (a verse at 90 BPM, the chorus at 120) is the
    take's. Within STEP_SPAN such a section reads as an alias (90 BPM as 135 beside a chorus at 120)."""
    if len(times) < 16 or times[-1] - times[0] < 2 * (window_s + MIN_SIDE_WINDOWS * hop_s):
        return None
    hop_s = max(hop_s, (times[-1] - times[0]) / max_windows)
    wide = _step_within(times, w, ref, window_s, hop_s, WIDE_SPAN, 2 * GRID_STEPS)
    if wide is not None and max(abs(np.log(wide[1] / ref)), abs(np.log(wide[2] / ref))) > np.log(1 + STEP_SPAN):
        return wide
    return _step_within(times, w, ref, window_s, hop_s, STEP_SPAN, GRID_STEPS)


def _step_within(times: np.ndarray, w: np.ndarray, ref: float, window_s: float, hop_s: float, span: float,
                 steps: int):
    """`tempo_step`'s fit with the windows' tempi sought within `span` of `ref` (`steps` tempi)."""
    from .audio_tempo import comb_score

    grid = ref * np.exp(np.linspace(np.log(1 - span), np.log(1 + span), steps))
    starts, tempi = [], []
    for s in np.arange(times[0], times[-1] - window_s + 1e-9, hop_s):
        m = (times >= s) & (times < s + window_s)
        best = int(np.argmax(comb_score(times[m], w[m], grid)[0])) if m.sum() >= 8 else 0
        if 1 < best < len(grid) - 2:  # at the search's edge the window's tempo lies beyond it: not read
            starts.append(s)
            tempi.append(grid[best])
    starts, x = np.asarray(starts), np.log(np.asarray(tempi))
    best = None
    for cut in starts[1:]:  # a change at a window's start: the windows ending by it before, those from it after
        pre, post = starts + window_s <= cut + 1e-9, starts >= cut - 1e-9
        if pre.sum() < MIN_SIDE_WINDOWS or post.sum() < MIN_SIDE_WINDOWS:
            continue
        a, b = float(np.median(x[pre])), float(np.median(x[post]))
        rough = float(np.sqrt(np.mean(np.concatenate([_all_but_worst(x[pre] - a), _all_but_worst(x[post] - b)]) ** 2)))
        if best is None or rough < best[0]:
            # the change lies after the last window wholly before it and before the first wholly after it
            best = (rough, float(starts[pre][-1] + window_s), float(starts[post][0]), np.exp(a), np.exp(b))
    if best is None:
        return None
    rough, lo, hi, bpm1, bpm2 = best
    if rough > MAX_STEP_ROUGH or abs(np.log(bpm2 / bpm1)) < np.log(1 + MIN_STEP):
        return None
    if min(abs(np.log(bpm1 / ref)), abs(np.log(bpm2 / ref))) > np.log(1 + AT_REF):
        return None
    change = _on_a_beat(times, w, lo - window_s / 2, hi + window_s / 2, float(bpm1), float(bpm2))
    return change, float(bpm1), float(bpm2), rough


def _all_but_worst(dev: np.ndarray) -> np.ndarray:
    """A section's windows' deviations less the largest: one window (the take's last, over its ringing out) can
    read its tempo's alias, 4% off."""
    return np.delete(dev, int(np.argmax(np.abs(dev)))) if len(dev) > MIN_SIDE_WINDOWS else dev


def _on_a_beat(times: np.ndarray, w: np.ndarray, lo: float, hi: float, bpm1: float, bpm2: float) -> float:
    """The time between `lo` and `hi` s (in 5 ms steps) that, as a beat of both sections (a section starts on a
    beat), puts the onsets around it nearest the 16ths: the first section's before it, the second's after it
    (squared distances, weighed). A 16th off, it is still near enough for the tracker it guides; beat-weighted
    fits (core/audio_tempo.py's comb kernel) took a band's syncopation for the change, 7 beats off."""
    near = (times >= lo - SECTION_S) & (times < hi + SECTION_S)
    t, tw = times[near], w[near]
    at = np.arange(lo, hi, 0.005)
    if len(at) == 0 or len(t) < 8:
        return 0.5 * (lo + hi)
    cost = np.empty(len(at))
    for i in range(0, len(at), 256):  # a few hundred candidates at a time: a long take's windows lie far apart
        d = t[None, :] - at[i : i + 256, None]
        x = 4 * d / np.where(d < 0, 60.0 / bpm1, 60.0 / bpm2)  # 16ths from the change
        cost[i : i + 256] = (tw * (x - np.round(x)) ** 2).sum(axis=1)
    return float(at[int(np.argmin(cost))])


def step_curve(change_s: float, bpm1: float, bpm2: float, end_s: float) -> tuple[np.ndarray, np.ndarray]:
    """(seconds, tempo) of a curve steady at `bpm1` up to `change_s` and at `bpm2` from there to `end_s`."""
    edge = 1e-3  # the step's width: np.interp over the curve ramps across it
    t = np.array([0.0, change_s - edge, change_s + edge, max(end_s, change_s + 2 * edge)])
    return t, np.array([bpm1, bpm1, bpm2, bpm2])


def step_of(centres: np.ndarray, tempi: np.ndarray) -> float | None:
    """The change's time (s) where a tempo curve steps (as `step_curve`'s does), else None."""
    if len(centres) < 2:
        return None
    jump = (np.diff(centres) < 0.01) & (np.abs(np.diff(np.log(tempi))) > np.log(1 + MIN_STEP) / 2)
    i = np.flatnonzero(jump)
    return float(0.5 * (centres[i[0]] + centres[i[0] + 1])) if len(i) else None


def beat_lost(beats_t: np.ndarray, change_s: float | None) -> bool:
    """Whether the tracked beats skip a beat or put one in: an interval far off its neighbours' (a quarter
    shorter, a third longer), on each side of a tempo change separately (a section a third faster is not a beat
    put in)."""
    from scipy.ndimage import median_filter

    cut = len(beats_t) if change_s is None else int(np.argmin(np.abs(beats_t - change_s)))
    for part in (beats_t[: cut + 1], beats_t[cut:]):
        if len(part) < 3:
            continue
        gaps = np.diff(part)
        ratio = gaps / median_filter(gaps, size=9, mode="nearest")
        if np.any((ratio < 0.75) | (ratio > 1.33)):
            return True
    return False


def smooth_sections(beats_t: np.ndarray, change_s: float | None, half: int) -> np.ndarray:
    """Tracked beats smoothed over `half` beats each way (a quadratic, Savitzky-Golay), on each side of a tempo
    change separately: smoothed across it, the change's kink spread over two bars, 40-60 ms off the beats."""
    from .audio_dsp import savgol_smooth

    if change_s is None:
        return savgol_smooth(beats_t, 2 * half + 1, 2) if len(beats_t) > 2 * half + 1 else beats_t
    k = int(np.argmin(np.abs(beats_t - change_s)))  # the change's beat ends the first section and starts the second
    parts = [beats_t[: k + 1], beats_t[k:]]
    smooth = [savgol_smooth(p, 2 * half + 1, 2) if len(p) > 2 * half + 1 else p for p in parts]
    return np.concatenate([smooth[0][:-1], [0.5 * (smooth[0][-1] + smooth[1][0])], smooth[1][1:]])
