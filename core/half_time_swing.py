"""A swung part in half time (a Purdie or Bonham half-time shuffle): its swing read and played on the song's bars.

At half speed the song's 8ths are the loop's 16ths, so a shuffle's swung 8th (at 2/3 of the bar's beat) lands on
the loop's "e" and "a": swing.swing_of, which knows a swung 8th by an early last 16th of a loop beat, read a
shuffle as straight, and the swung 8ths on the bar's "a" made the part "play 16ths" (meter_read.plays_sixteenths),
so its half-time hats played straight 16ths against the band's shuffle.

A drummer playing a shuffle in half time keeps the band's swing on the bar's 8ths: the hats play the bar's 8ths
swung (the triplet's first and last notes, as in Purdie's and Bonham's half-time shuffles), the backbeat broad on
the 3. Swinging the loop's 8ths instead (the bar's quarters) would swing nothing the band plays, and swung 16ths
would rub against its triplets. So the swing is read from the part's own bars (`bar_swing`), the part straightened
there before the model hears it at half speed (`straightened`: its swung 8ths on the bar's "and", so its hats
play 8ths), and the drums played on the bars at its swing (`swung_bars`), as swing.py plays a 4/4 part's.
"""

from __future__ import annotations

import numpy as np

from .half_time import half_time_window
from .swing import Swing, part_swing, play_swung, straighten

# A named pattern leads the decoder's groove up to this follow (Settings.follow): at or under it the drums play
# the pattern's time, as a 4/4 part's do (its swung 8ths blended at follow f are hits only over one half).
PART_LEADS = 0.5


def half_time_rows(meters) -> np.ndarray | None:
    """(W,) bool: the windows whose bars play in half time (meters: Windows.meters; None: none)."""
    rows = None if meters is None else np.array([half_time_window(m) for m in meters], bool)
    return rows if rows is not None and rows.any() else None


def bar_swing(grooves, meters, drum_part: bool = False) -> Swing | None:
    """The swing of a band part's half-time windows (grooves (W, 32, 3) on the real grid), read on the song's bars
    (swing.part_swing); None where no window plays half time, for a drum part, or a straight part."""
    rows = half_time_rows(meters)
    return None if rows is None else part_swing(np.asarray(grooves, np.float32)[rows], drum_part)


def follows_part(settings) -> bool:
    """Whether the decoder's groove is the part's own, so its swing is played: no pattern named, or a follow over
    PART_LEADS toward the part."""
    return not (settings.pattern_a or settings.pattern_b) or settings.follow > PART_LEADS


def straightened(grooves, meters, swing: Swing | None):
    """Grooves (W, 32, 3) on the real grid (None: none) with the half-time windows' swung 8ths on the bar's "and"
    (swing.straighten), as the model is to hear them; as they are where swing is None."""
    if grooves is None or swing is None:
        return grooves
    out = np.array(grooves, np.float32, copy=True)
    rows = half_time_rows(meters)
    out[rows] = straighten(out[rows], swing)
    return out


def swung_bars(loops: np.ndarray, meters, swing: Swing | None) -> np.ndarray:
    """k copies of a part's played loops ((k * W, 32, 27) on the real grid, in place and returned) with their
    half-time windows played at the part's swing on the bars (swing.play_swung: the bar's "and" and "a" on its
    swung 8th, its "e" on the swung 16th, one drummer's hands)."""
    rows = None if swing is None else half_time_rows(meters)
    if rows is None or not len(loops):
        return loops
    every = np.tile(rows, len(loops) // len(rows))
    loops[every] = play_swung(loops[every], swing)
    return loops
