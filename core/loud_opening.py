"""A part that opens on a loud chord held over the bars before the band comes in: no quiet intro.

sections.opens_quietly reads an intro from the band's onsets: a power chord struck once and held for four bars
has almost none, so it was taken for a quiet intro (no crash on its first bar, the drums softer) though it sounds
as loud as the band that follows. A drummer hits the band's first chord with a crash and a kick. Here the intro is
read from what sounds (groove.Windows.sounding): from the opening's first note to the band's entrance, the music
sounding at LOUD_HELD or more of the band's level after it (its onsets' mean velocity) on HELD_SHARE of the steps,
struck and left to ring rather than played (STRUCK_PER_BAR: the keys' arpeggio over held chords before the band is an
intro still, and so is a pad struck again on every bar, d_e4m7's strings' whole notes before the band: its texture).
On freedoom's held-out songs (models/freedoom_composer_split.txt: the band, and each part alone) 3 of the 18 quiet
intros read so are such openings, one of them d_e1m1's guitar (a power chord held bars 5-8), whose drummer crashes on
its chord (the other two's do not); a pad struck on every bar (d_dm30's, d_e1m7's, 8 bars each) had been a 4th and a
5th, where no drummer crashes either (on all of freedoom's songs: 4 such pads, none under a crash).
The same reading tells a chord ringing over bars without an onset from a rest (rings_through): the band coming in
after it is still a section, but the drums do not keep time "alone" there (32 of those songs' 189 comebacks).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .loop import STEPS
from .sections import onset_steps, opening_windows, played_bars

LOUD_HELD = 0.8  # the held opening sounds at least this share of the band's level where it comes in ...
HELD_SHARE = 0.75  # ... on at least this share of its steps from its first note on ...
STRUCK_PER_BAR = 1.0  # ... struck, not played: at most this many onsets (16ths with a note) a bar from its first
# note on average, and not in every bar it holds (a pad's texture)


def opens_on_a_loud_chord(grooves, sounding, bars, section_bars: Sequence[int]) -> bool:
    """Whether the part's opening, up to its first section (within INTRO_BARS of its first bar; bar 1 on, as
    opens_quietly reads it), sounds as loud as the band after it, held rather than played: a chord struck and
    ringing is the band's first hit, no quiet intro. sounding: Windows.sounding (None: note lengths not known)."""
    windows = None if sounding is None else opening_windows(bars, section_bars)
    if windows is None:
        return False
    intro, after = windows
    g = np.asarray(grooves, np.float32).reshape(len(intro), -1, 3)
    hits = onset_steps(g)
    held = np.asarray(sounding, np.float32).reshape(hits.shape)
    if not hits[intro].any() or not hits[after].any():
        return False
    level = float(g[after][..., 1][hits[after]].mean())  # the band's level where it comes in
    first = int(np.flatnonzero(hits[intro].reshape(-1))[0])  # from the opening's first note on
    steps, struck = held[intro].reshape(-1)[first:], hits[intro].reshape(-1)[first:]
    # (an arpeggio over held chords, as loud as the band after it, is a figure played: the keys' intro it was; a
    # chord struck again on every bar is a pad's texture: the intro's, the drums softer under it until the band)
    bars_held, strikes = len(steps) * 2 / STEPS, int(struck.sum())  # (a window's two bars)
    # a strike in every bar it holds: the pad's (counted by bars, an 8th early its next bar's: a held chord's band
    # pickup, three strikes in its last bar, had read as a pad struck every bar)
    bars_struck = len(set(((first + np.flatnonzero(struck) + 2) // (STEPS // 2)).tolist()))
    restruck = bars_struck > 1 and bars_struck >= bars_held
    return bool(strikes <= STRUCK_PER_BAR * bars_held and not restruck and
                np.mean(steps >= LOUD_HELD * level) >= HELD_SHARE)


def rings_through(grooves, sounding, bars, meters, starts, end, back: int, rest: int) -> bool:
    """Whether the `rest` bars before `back` (a comeback, sections.reentry_bars: bars without an onset) are a chord
    ringing rather than a rest: the music sounds at LOUD_HELD of the band's level (its onsets' mean velocity) on
    HELD_SHARE of their steps. The band comes in there after its held chord (still a section: a fill into it, a
    crash on it), where the drums had been said to keep time alone through the music's rest."""
    if sounding is None or rest < 1:
        return False
    g = np.asarray(grooves, np.float32).reshape(len(bars), -1, 3)
    hits = onset_steps(g)
    held = np.asarray(sounding, np.float32).reshape(hits.shape)
    if not hits.any():
        return False
    level = float(g[..., 1][hits].mean())
    steps = [held[w, max(beats[0].start, 0):max(beats[-1].start + beats[-1].length, 0)]
             for w, bar, beats in played_bars(bars, meters, starts, end) if back - rest <= bar < back]
    steps = np.concatenate(steps) if steps else np.zeros(0, np.float32)
    return bool(len(steps) and np.mean(steps >= LOUD_HELD * level) >= HELD_SHARE)


__all__ = ["opens_on_a_loud_chord", "rings_through", "LOUD_HELD", "HELD_SHARE", "STRUCK_PER_BAR"]
