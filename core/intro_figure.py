"""What the drums play in a quiet intro: lay out where the bass comes in with the band, play on softer where not.

A quiet intro (sections.opens_quietly, lone_part_intro.py; breakdowns.intro_windows) had the drums play their full
groove (kick, backbeat, 8th or 16th hats) softer, with no crash on bar 1. Freedoom's drummers in the 26 songs the
engine reads as opening with one (their drums left out of what it reads) split on one thing the band plays: the bass.

- The bass comes in with the band (its onsets in the intro at most BASS_IN_SHARE of the 4 bars after: keys or a
  pad before the bass, 15 songs): 7 drummers lay out (d_e1m8, d_map10, d_map18, d_map29 silent; d_dm15, d_map22
  a fill in the last bar, d_e4m9 a crash), 8 play on, 7 of them on the hats; 22% of the 4/4 bars have a backbeat.
  Hits a bar, the voice groups' (kick, snare, toms, hats/ride, crash) summed differences from the drummer's, a
  song's average: laying out 9.3 (1.60 of 5 groups played where the drummer rests or the other way), 8th hats
  and a kick on 1 10.5 (1.73), the groove softer as before 11.6 (2.07).
- The bass already plays its line there, or there is none (11 songs): 8 drummers play their groove from bar 1,
  d_e1m1 thinner, d_e4m7 the ride alone, d_map23 lays out: the groove softer stays (9.0, 1.18; laying out 12.9). Such an
  opening with the bass's line from bar 1 is now no quiet intro at all, but the band's riff (intro_reading.py).

So where the bass comes in with the band the drums lay out through the intro, keeping the fill laid into the
band's entry (the phrase plan's: a drummer's count-in, d_dm15's and d_map22's last bar) and the crash where it
comes in (the next window's); elsewhere the intro is played softer as before (breakdowns.play_softer). Over the
15 such intros the engine's differences from the drummers' fell 11.6 -> 9.6 hits a bar (the kept fills), 2.07 ->
1.93 groups; its bars with a backbeat 97% -> 1% (the drummers' 22%); the 11 others are as they were. It lays out
in all 15, where 8 of their drummers play (nothing the band plays there told them apart).

"Comes in" had been read from the onsets' share alone: a verse's bass on 1, the and of 2 and 3 in every bar (bass,
keys and a lead playing) under 16ths in the chorus is 0.19, and the drums laid out through the verse. It now also
means the bass was (nearly) not there: a note in at most half the intro's bars (BASS_BARS_SHARE). Of the 15 intros
(measured again on the engine as it is: 15 read now, the intro's bars, the hits a bar of the 5 groups summed, a
song's average) d_e3m1, d_map03 and d_map29 play softer again: 11.53 softer, 6.10 all laid out, 6.71 now (groups
2.36, 1.26, 1.27). Laid out -> softer: d_e3m1 11.5 -> 6.1 (its drummer plays), d_map03 15.0 -> 19.0 (its drummer
plays; the softer groove starts in bar 3), d_map29 2.0 -> 12.5 (its drummer rests under a pad and a pedal bass).
`python benchmarks/bench_intros.py --band ../shared/data/freedoom-midi` (its intros figures).

Two parts before the bass (R13: an afrobeat guitar alone, a second guitar interlocking from bar 5, the bass on 9)
are laid out too, as freedoom's drummers play them. Its songs whose opening plays 2 parts or more (a track and
channel each) in half its bars or more, for 4 bars or more before the bass comes in (read from the files): 9. Their
drummers come in with the bass in 4 (d_e2m6 and d_map22 with a fill in the bar before, d_e2m7, d_map10 a bar early),
later in 3 (d_bunny, d_victor, d_map18 on bar 16: its second part joins on 5, the bass on 9), earlier in 2 (d_dm21's
hats from bar 1; d_dm25 solo once its 2 parts stop); where a second part joins in none. Of the 5 of them the engine
lays out (d_dm21, d_dm25, d_map10, d_map18, d_map22), ending the lay-out where a second part joins would have the
drums play where 3 drummers rest (d_map10, d_map18, d_map22). The line had said "as drummers do under a part playing
alone", untrue over two guitars; it now says they wait for the bass (LAID_OUT_WHY), one part playing or several.
"""

from __future__ import annotations

import numpy as np

from .limbs import CRASH
from .loop import STEPS
from .opening_time import opening_said  # (the engine says it with the intro's lines)
from .sections import onset_steps

# the bass "comes in with the band" where its onsets a window in the intro are at most this share of those in the
# windows after it (freedoom: 0-0.28 in the 15 songs above, 0.75-1.0 in the others)
BASS_IN_SHARE = 0.5
AFTER_WINDOWS = 2  # the windows after the intro its bass is weighed against: the 4 bars after, as opens_quietly
# ... and "comes in" means it was (nearly) not there: a note in at most this share of the intro's bars (a pedal note
# every other bar, d_e4m9; a pickup into the band, d_dm15). A sparse line in every bar is the bass playing (freedoom:
# d_e3m1, d_map03 at a share of 0.28-0.31, their drummers play their groove; a verse's bass on 1, the and of 2 and 3
# under 16ths in the chorus, 0.19, had the drums lay out through the verse)
BASS_BARS_SHARE = 0.5
# why the drums lay out, said in the intro's line: true however many parts play before the bass (a line saying "under
# a part playing alone" had been read over two interlocking guitars)
LAID_OUT_WHY = "as drummers wait for the bass, under one part or several"


def laid_out_intro(intro: np.ndarray | None, bass: np.ndarray | None) -> np.ndarray | None:
    """(W,) bool: the quiet intro's windows (intro: breakdowns.intro_windows) the drums lay out in, all of them
    where the bass (the low register's grooves, (W, 32, 3)) comes in with the band (BASS_IN_SHARE, BASS_BARS_SHARE),
    none where it plays its line already, however sparse, is not known (None) or plays nowhere after: then None, as
    where there is no intro."""
    if intro is None or bass is None or not np.any(intro):
        return None
    intro = np.asarray(intro, bool)
    last = int(np.flatnonzero(intro)[-1])
    after = np.arange(last + 1, min(last + 1 + AFTER_WINDOWS, len(intro)))
    low = onset_steps(bass).sum(1).astype(np.float64)
    if not len(after) or low[after].mean() <= 0 or low[intro].mean() > BASS_IN_SHARE * low[after].mean():
        return None
    bars = onset_steps(bass)[intro].reshape(-1, 2, STEPS // 2).any(2)  # (the framed windows' two bars)
    if bars.mean() > BASS_BARS_SHARE:
        return None
    return intro.copy()


def intro_said(rests: np.ndarray | None) -> list[str]:
    """The line drumify says where the drums lay out through the quiet intro (rests: laid_out_intro's; a 1-2 part
    opening the drums keep time through is said by opening_time.opening_said, from the loops played)."""
    if rests is None:
        return []
    return [f"the bass comes in with the band: the drums lay out through the intro, {LAID_OUT_WHY}, and come in "
            "with the band"]


def lay_out(loops: np.ndarray, where: np.ndarray, fills: np.ndarray | None,
            asked: np.ndarray | None = None) -> np.ndarray:
    """Loops (W, 32, 27) silent in the windows `where` (laid_out_intro) but for the steps of a fill (fills: the
    phrase plan's, (W, 32) bool; None: none) in the last of them, which counts the band in (a drummer laying out
    plays no fill between phrases of the intro), and the steps the producer asked for (asked: PhrasePlan.asked,
    a fill listed in fill_bars and its crash, on the grid of `fills`; None: none): a fill bar typed inside the
    intro had been dropped without a word; the drums play it and lay out again. A new array."""
    where = np.asarray(where, bool)
    out = np.array(loops, np.float32, copy=True)
    for w in np.flatnonzero(where):
        into_band = w + 1 == len(where) or not where[w + 1]
        rest = ~np.asarray(fills[w], bool) if fills is not None and into_band else np.ones(STEPS, bool)
        if asked is not None:
            rest &= ~np.asarray(asked[w], bool)
        out[w, rest] = 0.0
    entry = int(np.flatnonzero(where)[-1]) + 1 if where.any() else len(out)
    if fills is not None and entry < len(out):
        out[entry, :_before_fill_into_band(out[entry], fills[entry])] = 0.0
    return out


def _before_fill_into_band(loop: np.ndarray, fill: np.ndarray) -> int:
    """The steps of the window after the laid-out ones (loop (32, 27), fill: its fill steps) that are still the
    intro: those before its fill where the band comes in mid-window, on the crash right after the fill (an intro
    of odd length: the band on bar 8, bars 7-8 one window, had bar 7's groove played before the fill, under the
    keys alone); none where the window opens with the band's crash or has no fill into one."""
    steps = np.flatnonzero(np.asarray(fill, bool))
    crash = loop[:, CRASH] > 0.5
    if not len(steps) or steps[-1] + 1 >= STEPS or not crash[steps[-1] + 1] or crash[:steps[0]].any():
        return 0
    return int(steps[0])


__all__ = ["laid_out_intro", "lay_out", "intro_said", "opening_said", "BASS_IN_SHARE", "BASS_BARS_SHARE",
           "LAID_OUT_WHY"]
