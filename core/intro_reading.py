"""Which openings are a quiet intro, as the songs' drummers play them: the band's riff from bar 1 is none, nor are
two bars; one part alone that the band builds on is one.

sections.opens_quietly reads an intro where the opening plays at most half of the band's onsets after it (or others
join the bass). Freedoom's drummers disagreed with it both ways. Measured over its 108 songs (their drums left out
of what the engine reads) at the 60 openings of 2 to 16 bars before the engine's first section where the drummer
plays in the 4 bars after: a drummer "treats it as an intro" where there is no crash on bar 1 and the opening is
played silent (half its bars at most one hit), thinner (half the hits a bar of the bars after, or fewer) or softer
(0.85 of the velocity): 21 openings. The old reading: 23 intros, 8 of them the drummers' (precision 8/23, recall
8/21). `python benchmarks/bench_intros.py --band ../shared/data/freedoom-midi` measures it again (rebuilt from
this description, the first scripts lost): on the engine of stop 75, 73 openings, 24 the drummers' intros, 18 read,
11 both (precision 11/18, recall 11/24); later sections read have moved some openings (d_e2m2, d_e4m4 past 16 bars).

- The bass plays its line from bar 1 (its onsets there BASS_LINE_SHARE of those after, or more) and the opening is
  more than THIN_SHARE of the band's onsets after it: the band's riff, thinner than the chorus after it but the
  band's (d_dm08: guitar and bass at velocity 100-125 from bar 1, its drummer crashes on bar 1; d_e3m6 plays a
  groove). The old reading had 10 such intros, 8 of them where the drummers play on (d_dm06, d_dm08, d_e1m1, d_e1m9,
  d_e3m6, d_map04, d_map09, d_map19) and d_e4m7, d_map23 the drummers' intros: d_e4m7's strings alone (a
  tenth of the band) stay one, d_map23 is read as below.
- An opening of less than MIN_INTRO_WINDOWS windows (4 bars): 4 such on freedoom, every drummer plays (d_fdmttl,
  d_map03, d_e2m8, d_map19: a groove from bar 1); a band part's two bars before its first section are its pickup.
- One part opens alone and the band builds on it (lone_part_intro.opens_alone: the first window one part, every
  window after the intro LINEUP_GAP more, none in the intro more than those): d_map20's acoustic guitar, then a
  part joining every 4 bars, the drummer silent until a pickup in bar 16; d_e1m7, d_map14, d_map23 too (their
  drummers silent in 62-88% of the bars); d_map04's (which its drummer plays) the one such opening against.
  Where no section is heard within INTRO_BARS, the band's entry is found from the parts (lone_part_intro.band_entry,
  stop 76): d_dm16's bass alone, 2 parts joining on bar 5, read (its drummer plays hats alone, a snare build into 5,
  a crash there: the bench's "thinner" counts 18 hits a bar against 28, so it says no intro: 11/18 -> 11/19).

Together: 17 intros, 11 of them the drummers' (precision 8/23 -> 11/17, recall 8/21 -> 11/21); read no more:
d_dm06, d_dm08, d_e1m1, d_e1m9, d_e3m6, d_fdmttl, d_map03, d_map09, d_map19; read now: d_e1m7, d_map14, d_map20.
Left: 6 intros whose drummers play on (d_dm19, d_map04, d_map16 crash on bar 1; d_dm21, d_e2m2, d_e4m4 play a
groove over keys or next to nothing: the drums' own intro), and 10 the drummers play thinner or softer over an
opening that sounds like the rest (d_dm01, d_e3m9, d_map32 ...): nothing the band plays tells them apart.
"""

from __future__ import annotations

import numpy as np

MIN_INTRO_WINDOWS = 2  # an intro lasts 4 bars at least (two 2-bar windows): two bars before a section are a pickup
BASS_LINE_SHARE = 0.75  # the bass plays its line from bar 1: its onsets a window there this share of those after
THIN_SHARE = 0.25  # ... unless the opening plays at most this share of the band's onsets after it (a part alone)


def too_short(intro: np.ndarray) -> bool:
    """The opening (intro: sections.opening_windows' first, (W,) bool) lasts less than MIN_INTRO_WINDOWS windows."""
    return int(np.count_nonzero(intro)) < MIN_INTRO_WINDOWS


def plays_its_riff(steps: np.ndarray, low: np.ndarray | None, intro: np.ndarray, after: np.ndarray) -> bool:
    """The band plays its riff from bar 1: the bass's onsets (low: (W, 32) bool; None: not known) in the opening's
    windows (intro) BASS_LINE_SHARE of those in the 4 bars after (after) or more, and the band's (steps) more than
    THIN_SHARE of them: no quiet intro, however much busier the band gets after it."""
    if low is None or not np.any(low[after]) or not np.any(intro):
        return False
    mean = lambda on, where: float(on[where].sum(1).mean())  # noqa: E731
    return bool(mean(low, intro) >= BASS_LINE_SHARE * mean(low, after) and
                mean(steps, intro) > THIN_SHARE * mean(steps, after))


def band_from_bar_one(steps: np.ndarray, low: np.ndarray | None, opening: np.ndarray, intro: np.ndarray,
                      after: np.ndarray) -> bool:
    """No quiet intro, whatever the onsets' share says: the opening (its windows, sections.opening_windows' first)
    is too short, or the band plays its riff (above) in its windows with a note (intro)."""
    return too_short(opening) or plays_its_riff(steps, low, intro, after)


def intro_bars(section_bars, first_bar: int = 1) -> tuple[int, int] | None:
    """(first, last): the bars of a part's quiet intro, from its first bar to the bar before its first section."""
    later = [int(b) for b in section_bars if int(b) > first_bar]
    return (first_bar, min(later) - 1) if later else None


__all__ = ["band_from_bar_one", "intro_bars", "plays_its_riff", "too_short", "MIN_INTRO_WINDOWS", "BASS_LINE_SHARE",
           "THIN_SHARE"]
