"""Sections a file names: a chorus marker lifts the drums off the closed hi-hat onto the ride, through the chorus.

A drummer moves the hand that keeps time to a bigger cymbal for the chorus and back after, and nothing in the band's
rhythm says where: freedoom's drummers change time-keeper at 30% of the sections the engine hears, 3% inside them. A
marker's name says it. Of freedoom's 20 marker-named choruses (9 songs), 14 follow a verse kept on the closed or
pedal hat; 12 of those 14 (86%) leave it for the chorus: to the ride or a ridden crash (8; drum_parts.kit_loops
reads a ridden crash as the ride) or the open hat (4); the other 2 (e1m4) stay on it. After the chorus the hats come
back (8 of 11 next sections, 4 of the 5 next verses). No other named kind holds a rule: a verse against the section
before changes keeper 9 of 17 times, 8 of them back down from a chorus's cymbal; kick, snare, velocity and the crash
on the 1 follow no section name (a crash opens 17 of 20 choruses and 16 of 21 verses: every section's crash,
phrases.py). So in a section a file's marker names a chorus (CHORUS_NAME), the closed and open hats move to the
ride, same steps, velocities and timing; the sections after play as drummed. Nothing moves where the ride is muted
or capped below the hats, where the chorus rides already, or where the markers are cues
(given_sections.marker_sections).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

import numpy as np

from .loop import N_VOICES, STEPS, VOICES

# "Chorus", "Chorus 2", "CHORUS", "Refrain", "Hook", "Final chorus"; not "Pre-Chorus" (a build into it: freedoom's
# d_map27 rides its pre-chorus already and opens the hat in the chorus)
CHORUS_NAME = re.compile(r"(?<![a-z])(chorus|refrain|hook)", re.IGNORECASE)
PRE_CHORUS = re.compile(r"pre[\s_-]*chorus", re.IGNORECASE)
# hats on this many of a bar's in-between 16ths (the "e" and "a") play 16ths: the ride takes their 8ths alone
SIXTEENTH_HATS = 4
CLOSED, OPEN, CRASH, RIDE = (VOICES.index(v) for v in ("closed_hat", "open_hat", "crash", "ride"))


def marker_text(payload: bytes) -> str:
    """A marker or cue event's text: UTF-8 as DAWs write it now, else Latin-1 (mido's reading), trimmed."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        text = payload.decode("latin-1")
    return text.strip().strip("\x00").strip()


def named_markers(metas: Sequence, tpb: float) -> list[tuple[float, str]]:
    """(beat, name) of the marker (0x06) and cue point (0x07) events among midi.py's `metas` (tick, type, payload),
    sorted by beat (MidiContent.marker_names)."""
    return sorted((tick / tpb, marker_text(bytes(payload))) for tick, mtype, payload in metas if mtype in (0x06, 0x07))


def named_pairs(names) -> tuple[tuple[float, str], ...]:
    """(beat, name) pairs as plain values (REAPER's side sends [qn, name] lists; the panel keys its cache on them)."""
    return tuple((float(beat), str(name)) for beat, name in names or ())


def is_chorus(name: str) -> bool:
    """The name a producer gives a chorus (CHORUS_NAME), not a pre-chorus."""
    return bool(CHORUS_NAME.search(name)) and not PRE_CHORUS.search(name)


def chorus_spans(named: Sequence[tuple[float, str]], time_signatures) -> list[tuple[int, int | None, str]]:
    """(first bar, the next section's bar or None: to the end, name) of each chorus the markers name, bars as
    section_bars_at counts them (the engine's sections); a chorus marked again ("Chorus", "Chorus b") is one."""
    if not named:
        return []
    from .given_sections import marker_sections, section_bars_at  # (midi.py imports this module: groove reads midi)
    bars = [section_bars_at([beat], time_signatures) for beat, _ in named]
    marks = sorted({(b[0], name) for b, (_, name) in zip(bars, named) if b}, key=lambda m: m[0])
    if marker_sections([b for b, _ in marks])[1] is not None:  # cues (lyrics, hits): no sections
        return []
    spans: list[tuple[int, int | None, str]] = []
    for i, (bar, name) in enumerate(marks):
        if not is_chorus(name):
            continue
        nxt = next((b for b, n in marks[i + 1:] if b > bar and not is_chorus(n)), None)
        if spans and (spans[-1][1] is None or bar < spans[-1][1]):
            continue  # inside the chorus before (its span runs to the next other section)
        spans.append((bar, nxt, name))
    return spans


def bar_steps(result) -> list[tuple[int, int, int, int]]:
    """(window, bar number, first step, step past it) of each bar the result's windows play (4/4 bars: 16 steps)."""
    out = []
    meters = result.meters or [None] * len(result.bars)
    for w, (first, bars) in enumerate(zip(result.bars, meters)):
        bars = bars or ((0.0, 4, 4), (4.0, 4, 4))
        for k, (offset, num, den) in enumerate(bars):
            s0 = int(round(offset * 4))
            out.append((w, int(first) + k, s0, min(STEPS, s0 + int(round(num * 16 / den)))))
    return out


def ride_is_free(settings) -> bool:
    """The ride plays (its group on, not capped at 0) and takes the hats' hits under any cap asked."""
    on = settings.voice_groups.get("cymbals", True)
    caps = settings.max_hits
    return on and (caps is None or int(caps[RIDE]) >= max(int(caps[CLOSED]), int(caps[OPEN])))


def lift_choruses(result, named: Sequence[tuple[float, str]], time_signatures, settings):
    """The drumify result with each chorus the markers name (chorus_spans) played on the ride where it keeps time on
    the hats: its closed and open hats' hits moved to the ride (velocity, offset kept; none on a crash's step, the
    hand is on the crash), said ("bar 33, 'Chorus 1': the hats move to the ride, the hats again from bar 41"). The
    spans are kept on the result (and on the whole song's, bar_range.py), so its versions get the same lift
    (lift_versions). The result itself where no chorus is named."""
    spans = tuple(chorus_spans(named, time_signatures))
    if not spans:
        return result
    whole = getattr(result, "whole", None)  # (a range's versions are the whole song's: bar_range.in_range)
    result = replace(result, choruses=spans, whole=None if whole is None else replace(whole, choruses=spans))
    if not ride_is_free(settings):
        return result
    loops = result.loops.copy()
    shown = lambda bar: int(bar) + int(getattr(result, "bar_shift", 0))  # noqa: E731  (REAPER's ruler)
    said = [f"bar {shown(first)}, '{name}': the hats move to the ride"
            + (f", the hats again from bar {shown(stop)}" if back else "")  # (none after: an "End" past the music)
            for first, stop, name, back in ride_spans(loops, bar_steps(result), spans)]
    if not said:
        return result
    return replace(result, loops=loops, messages=list(result.messages) + said)


def lift_versions(versions: np.ndarray, part, settings) -> np.ndarray:
    """(n, W, 32, 27) versions of a drum part (Engine.variations_of) with its choruses (part.choruses, lift_choruses)
    on the ride, each by the same rule as the part itself (a version riding a chorus already keeps it), in place;
    nothing said again. Version 1, the part's own lifted loops, stays as it is."""
    spans = getattr(part, "choruses", ())
    if not spans or not ride_is_free(settings) or np.ndim(versions) != 4:
        return versions
    layout = bar_steps(part)
    for loops in versions:
        ride_spans(loops, layout, spans)
    return versions


def ride_spans(loops: np.ndarray, layout, spans) -> list[tuple[int, int | None, str, bool]]:
    """loops (W, 32, 27) in place: each chorus span (chorus_spans) that keeps time on the hats played on the ride
    (ride_hats); (first bar, stop, name, whether drums play from stop on: the hats back) of each one moved."""
    moved = []
    for first, stop, name in spans:
        cells = [(w, s0, s1) for w, bar, s0, s1 in layout if bar >= first and (stop is None or bar < stop)]
        if not cells:
            continue
        hats = sum(int((loops[w, s0:s1, [CLOSED, OPEN]] > 0.5).sum()) for w, s0, s1 in cells)
        rides = sum(int((loops[w, s0:s1, RIDE] > 0.5).sum()) for w, s0, s1 in cells)
        if hats == 0 or rides >= hats:  # no hats to move, or the chorus rides already (a version lifted: the same)
            continue
        for w, s0, s1 in cells:
            ride_hats(loops[w, s0:s1])
        after = stop is not None and any(loops[w, s0:s1, :N_VOICES].any() for w, bar, s0, s1 in layout if bar >= stop)
        moved.append((first, stop, name, after))
    return moved


def ride_hats(steps: np.ndarray) -> None:
    """steps (n, 27) of a bar of a loop, in place: each closed or open hat's hit moved to the ride (the louder where
    both hats or the ride play the step already), none where the crash is struck, and of 16th hats (SIXTEENTH_HATS)
    the 8ths alone."""
    hit = lambda v: steps[:, v] > 0.5  # noqa: E731
    vel = lambda v: steps[:, N_VOICES + v]  # noqa: E731
    # 16th hats ride the 8ths: freedoom's drummers keep 16ths on the ride in 9% of their ride bars (72 of 832),
    # on the hats in 33% (1213 of 3715); 16 ride strokes a bar had come of copying them
    between = np.arange(len(steps)) % 2 == 1
    sixteenths = int(((hit(CLOSED) | hit(OPEN)) & between).sum()) >= SIXTEENTH_HATS
    for hat in (CLOSED, OPEN):
        move = hit(hat) & ~hit(CRASH) & ~(between & sixteenths)
        louder = move & (~hit(RIDE) | (vel(hat) > vel(RIDE)))
        steps[louder, RIDE] = 1.0
        steps[louder, N_VOICES + RIDE] = vel(hat)[louder]
        steps[louder, 2 * N_VOICES + RIDE] = steps[louder, 2 * N_VOICES + hat]
        steps[:, [hat, N_VOICES + hat, 2 * N_VOICES + hat]] = 0.0


__all__ = ["CHORUS_NAME", "named_markers", "named_pairs", "is_chorus", "chorus_spans", "lift_choruses", "lift_versions"]
