"""Stops: where the band stops dead on a hit, and the drums with it.

A stab or a held chord on a downbeat after a bar that plays on, then bars without a note before the band
comes back (a drummer hits with the band, rests and fills into the comeback); the song's last hit (one held
chord, a chord pushed into the last bar or struck mid-bar and held, a short closing figure). Read from the
band's onsets on the real grid, and where known from how long its notes sound (Windows.sounding); a closing
figure that runs to beat 3 is closing_figure.py's.
sections.py finds the rest of a part's form; stop_sections gives the bars stops make sections.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

from .closing_figure import late_figure_hit
from .loop import STEPS, STEPS_PER_BEAT
from .meter import WindowBars
from .sections import onset_steps, played_bars

# The most whole bars of rest after the band's stop that the drums rest too: past that it is a break the drums
# keep time through (reentry_bars), as freedoom's drummer plays 5 bars alone after d_dm25's stab in bar 3
# where its stops of 1-3 bars are silent or a fill into the comeback.
STOP_REST_BARS = 3


class Stop(NamedTuple):
    """The band stopping dead on one hit: the bar of the hit, the (window, step) of its downbeat on the real
    grid, the bar and (window, step) where the band comes back (None: the song's end), and the (window, step)
    of the downbeat of the bar before that (where a fill into the comeback may play)."""

    bar: int
    window: int
    step: int
    back_bar: int | None = None
    back: tuple[int, int] | None = None
    lead: tuple[int, int] | None = None
    pushed: bool = False  # the hit anticipates `bar`, on the last 8th of the bar before
    mid_bar: bool = False  # (with pushed) the hit is a last chord held from mid-bar in the bar before `bar`
    figure: bool = False  # the song ends on a short closing figure in the first half of `bar`, its downbeat the hit
    caught: bool = False  # one of a bar's band hits (band_hits.py): a short figure, then the band rests
    held: bool = False  # the first or last chord of a held-pad outro (outro.py)
    unison: bool = False  # (with caught) one of the whole band's chords struck together in a bar (unison_hits.py)


def band_stops(grooves: np.ndarray, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
               starts: Sequence[float] | None = None, end: float = float("inf"), *, song_end: bool = True,
               sounding: np.ndarray | None = None) -> list[Stop]:
    """Where the band stops dead: a bar that plays all its notes on its downbeat (a stab, a held chord) right
    after a bar that plays past its downbeat, then one to STOP_REST_BARS whole bars without a note before the
    band comes back; and the song's last hit: its last bar with notes plays them on its downbeat after a bar that plays
    past it, or a bar's last 8th pushes the last chord, held through a whole bar to the end (song_end and a known end: the bars past a part's end are not known, so a part's last bar is no
    ending). A drummer hits with the band there and plays nothing after it (a fill into the comeback). Bars
    whose every chord is on a downbeat (a ballad's pads) are no stop. With sounding (Windows.sounding: where
    notes still sound), a stab that is over by beat 2 stops the band for its bar: back on the next bar is a stop
    too (a chord held over the bar is not: grooves alone cannot tell the two apart, so without it the band must
    rest a whole bar after its hit)."""
    hits = onset_steps(grooves)
    onsets = {}  # bar -> (window, downbeat step, steps with a note from its downbeat)
    length: dict[int, int | None] = {}  # bar -> its steps (None: a long bar on two windows)
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = beats[0].start, beats[-1].start + beats[-1].length
        at = np.flatnonzero(hits[w, max(lo, 0):max(hi, 0)]) + max(lo, 0) - lo
        if bar in onsets:  # a long bar on two windows (4/1): its downbeat is in the first, a note here is past it
            w0, lo0, at0 = onsets[bar]
            onsets[bar], length[bar] = (w0, lo0, np.concatenate([at0, at + 1])), None
        else:
            onsets[bar], length[bar] = (w, lo, at), hi - lo
    short = set()  # bars whose notes are all over by their second beat (a stab, rests after it)
    if sounding is not None:
        held = np.asarray(sounding, bool).reshape(-1, STEPS)
        for w, bar, beats in played_bars(bars, meters, starts, end):
            lo, hi = beats[0].start, beats[-1].start + beats[-1].length
            if length.get(bar) is not None and len(beats) > 1 and lo >= 0 and not held[w, lo + beats[0].length:hi].any():
                short.add(bar)
    playing = [b for b in sorted(onsets) if len(onsets[b][2])]
    out = []
    for before, bar, back in zip(playing, playing[1:], [*playing[2:], None]):
        w, lo, at = onsets[bar]
        # a stab right after a stop's stab is the same stop, hit again (two bars of stabs, then the band back)
        again = bool(out) and out[-1].bar == before and out[-1].back_bar == bar
        # the song's last chord may be rolled (a pianist's ending spreads it past its first 16th)
        rolled = back is None and at.max() == 1 and 0 in at
        if (at.max() > 0 and not rolled) or not ((onsets[before][2] > 0).any() or again):
            continue
        if back is None:
            if song_end and np.isfinite(end):
                out.append(Stop(bar, w, lo))
        elif bar == before + 1 and bar + 2 - (bar in short) <= back <= bar + 1 + STOP_REST_BARS \
                and not _stab_figure(onsets, back) and not (back == bar + 1 and _stab_riff(short, onsets, bar)):
            out.append(Stop(bar, w, lo, back, onsets[back][:2], onsets[back - 1][:2] if back - 1 in onsets else None))
    if song_end and np.isfinite(end) and playing and not (out and out[-1].back is None):
        # the last chord pushed: the band's last notes on the last 8th of a bar it plays, after a 16th's rest
        # (not the end of a run of 16ths), then a whole bar without a note to the end (a held chord
        # anticipating the downbeat): the hit is there, the fill into the bar it anticipates
        last = playing[-1]
        w, lo, at = onsets[last]
        steps = length[last]
        # the bar it anticipates: in a window of its own, or past the last window (a push from an even bar)
        line = None if starts is None or not steps else float(starts[w]) + (lo + steps) / STEPS_PER_BEAT
        goes_on = last + 1 in onsets or (line is not None and end > line)
        if steps and goes_on and at.max() >= steps - 2 and at.min() < steps - 2 and at.max() - 1 not in at \
                and _pushed_beyond_figure(onsets, length, last):
            out.append(Stop(last + 1, w, lo + int(at.max()), pushed=True))
        elif steps and sounding is not None and _held_to_the_end(at, steps, np.asarray(sounding)[w, lo:lo + steps]) \
                and line is not None and end <= line + 1e-6 and _figure_broken(onsets, length, last):
            # the last chord struck mid-bar and held to the music's end (a blues band's last chord on the and
            # of 2): the drums play up to it and end with one hit on it
            out.append(Stop(last + 1, w, lo + int(at.max()), pushed=True, mid_bar=True))
        elif steps and sounding is not None and _over_by_half(at, steps, np.asarray(sounding)[w, lo:lo + steps]) \
                and line is not None and end <= line + 1e-6 and _figure_broken(onsets, length, last):
            # a closing figure: the band's last notes short, in the first half of its last bar, then silence (they
            # had grooved the bar out). Within its first beat (two 8ths on 1 and its and) the drums hit its
            # downbeat with it and stop; longer (a run over two beats, hits on 1 and 2), they play up to its last
            # note and end with one hit on it (stopped on 1, they left the band's last notes alone)
            out.append(Stop(last, w, lo, figure=True) if at.max() < STEPS_PER_BEAT else
                       Stop(last + 1, w, lo + int(at.max()), pushed=True, mid_bar=True, figure=True))
        elif steps and sounding is not None and line is not None and end <= line + 1e-6 \
                and (hit := late_figure_hit(at, grooves[w, lo + at, 1], steps)) is not None \
                and _figure_broken(onsets, length, last):
            # a closing figure running to beat 3, soft echoes after its last chord or a swell rung from it
            # (closing_figure.py): the drums play up to its last chord and end with one hit on it
            out.append(Stop(last + 1, w, lo + hit, pushed=True, mid_bar=True, figure=True))
    return out


def _over_by_half(at: np.ndarray, steps: int, sounding: np.ndarray) -> bool:
    """The last bar's notes (onsets `at`) start after its downbeat and end in its first half: nothing sounds in
    its second half (sounding: the bar's steps)."""
    return 0 < int(at.max()) < steps // 2 and len(sounding) == steps and not (np.asarray(sounding)[steps // 2:] > 0).any()


def _figure_broken(onsets: dict, length: dict, last: int) -> bool:
    """The last bar's last chord leaves the band's figure: the bar before plays on past that step, and no bar of
    the figure's 2- or 4-bar phrase before it ends the same way (a half-note bass line's last note, held as every
    bar's is, is no ending, nor a riff holding a chord from beat 3 every other bar; a blues band stopping on the
    and of 2 is)."""
    step = onsets[last][2].max()
    before = onsets.get(last - 1)
    if before is None or length.get(last - 1) != length[last] or not (before[2] > step).any():
        return False
    return not any(b in onsets and length.get(b) == length[last] and len(onsets[b][2]) and onsets[b][2].max() == step
                   for b in (last - 2, last - 4))


def _held_to_the_end(at: np.ndarray, steps: int, sounding: np.ndarray) -> bool:
    """The last bar's last onset (steps `at`) is a chord off the downbeat, not the end of a run of 16ths, that
    rings from there through the bar's end, with at least a beat of it left (sounding: the bar's steps)."""
    last = int(at.max())
    return 0 < last <= steps - STEPS_PER_BEAT and last - 1 not in at and len(sounding) == steps \
        and bool((np.asarray(sounding)[last:] > 0).all())


def _pushed_beyond_figure(onsets: dict, length: dict, last: int) -> bool:
    """The last bar's last chord is a push only if it leaves the band's figure: the bar before plays nothing on
    that step. A part that strums every 8th and stops after an ordinary bar has no pushed ending (the drums
    play that bar through); grooves cannot tell a figure's last chord held on from one that stops."""
    step = int(onsets[last][2].max())
    before = onsets.get(last - 1)
    return before is None or length.get(last - 1) != length[last] or step not in before[2]


def _stab_figure(onsets: dict, back: int) -> bool:
    """The band "coming back" on another stab followed by a bar without a note: it plays a figure of stabs and
    rests (freedoom's d_dm2int: a chord on every other bar for 16 bars, its drummer playing straight through),
    not a stop; the drums keep time through it."""
    return not (onsets[back][2] > 0).any() and not len(onsets.get(back + 1, (0, 0, ()))[2])


def _stab_riff(short: set, onsets: dict, bar: int) -> bool:
    """A one-bar stab that recurs 2 or 4 bars away is the band's riff (a figure ending on a stab each phrase
    half), played through, not a stop."""
    return any(b in short and not (onsets[b][2] > 0).any() for k in (2, 4) for b in (bar - k, bar + k) if b in onsets)


def stop_sections(stops: Sequence[Stop]) -> list[int]:
    """The bars the band's stops make sections: its last hit (a fill into it) and each comeback, but a stab
    the band "comes back" on to stop again (the drums hit it, and fill only into the band's return) and a push
    mid-song (pushes.py: a section there is heard as the band's part changes; one it rests to hit is none)."""
    hits = {s.bar for s in stops}
    return [s.bar if s.back_bar is None else s.back_bar for s in stops
            if s.back_bar not in hits and not (s.pushed and s.back is not None)]


__all__ = ["Stop", "band_stops", "stop_sections", "STOP_REST_BARS"]
