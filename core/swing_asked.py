"""A swing asked for the drums (Settings.swing, `--swing PERCENT`): played whatever swing the part plays.

A producer asking for swung drums over a straight part got none: the drums' swing was only ever the part's own
(swing.part_swing). Asked, as a DAW says it (the swung 8th at 50% of the beat: straight; 66%: a triplet shuffle; 75%:
a hard, dotted one), the part is still heard as it plays (straightened at its own swing, as the model knows it) and
its drums are played at the swing asked instead (`played_at_asked`): a straight part's drums swung, a shuffle's
straight at 50. A drum part, whose own feel its drums otherwise keep, is read the same way once a swing is asked.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .loop import N_VOICES, STEPS
from .swing import Swing, play_swung, straighten, swing_of

STRAIGHT_PERCENT, HARD_PERCENT = 50.0, 75.0  # the swing a producer may ask, as DAWs say it (66: a triplet shuffle)
SIXTEENTHS_A_BEAT = 4  # a Swing is where the swung 8th falls in 16ths from the beat: percent of the beat * 4


def check_swing(value) -> float | None:
    """Settings' check of a swing asked: None (the part's own) or a percent from 50 to 75, as a float."""
    from .settings import SettingsError  # (settings imports this module)

    if value is None:
        return None
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or math.isnan(value) or \
            not STRAIGHT_PERCENT <= value <= HARD_PERCENT:
        raise SettingsError(f"swing must be a percent from {STRAIGHT_PERCENT:g} (straight) to {HARD_PERCENT:g} "
                            f"(66 a triplet shuffle), or none for the part's own, got {_said(value)}")
    return float(value)


def _said(value) -> str:
    return f"{value:g}" if isinstance(value, numbers.Real) and not isinstance(value, bool) else repr(value)


class AskedSwing(Swing):
    """A swing asked, not read from the part: the part was straightened at its own already, so straighten
    (swing.py) leaves its grooves as they are (`asked`)."""

    asked = True


def asked_swing(percent: float, own: Swing | None = None) -> AskedSwing | None:
    """The Swing a percent asks (None at 50: straight); the middle triplet played where the part plays triplets."""
    if percent <= STRAIGHT_PERCENT:
        return None
    return AskedSwing(percent / 100 * SIXTEENTHS_A_BEAT, triplets=bool(getattr(own, "triplets", False)))


def kept_feel(settings, drum_part: bool) -> bool:
    """Whether the part's drums keep its feel as played (swing.part_swing's drum_part): a drum part's, unless a
    swing is asked (then its swing is read, to be heard straight and played at the one asked)."""
    return bool(drum_part) and settings.swing is None


def played_at_asked(settings, grooves, bass, own: Swing | None, on_bars: Swing | None = None,
                    half_time: bool = False):
    """(grooves, bass, swing, bar swing) a part is played from: where a swing is asked, its decoder grooves and bass
    (loop frame) straightened at its own swing (`own`; on_bars: a half-time part's, on its bars, heard straight
    already) and its drums at the swing asked, on the bars where it plays half time (half_time_swing.py); as they
    are where none is asked."""
    if settings.swing is None:
        return grooves, bass, own, on_bars
    grooves = straighten(grooves, own)
    bass = None if bass is None else straighten(bass, own)
    played = asked_swing(settings.swing, own or on_bars)
    return grooves, bass, None if half_time else played, played if half_time else None


def kit_at_asked(kit, settings, grooves):
    """A drum part's own loops whose kick, snare and toms its drums keep (drum_parts.kit_kept: (W, 32, 27) on the
    real grid; None: none kept) played at the swing asked: their swung 8ths moved onto the "and" at the part's own
    swing (read from its grooves (W, 32, 3)) and played at the one asked, as the drums around them are (a straight
    take's kicks had stayed on the straight "and" under hats swung at 66%); as they are where none is asked."""
    if kit is None or settings.swing is None:
        return kit
    return play_swung(straight_loops(kit, swing_of(grooves)), asked_swing(settings.swing, swing_of(grooves)))


def kit_heard(kit, settings, grooves):
    """A drum part's own loops (W, 32, 27) as the network hears them: straight at its own swing (read from its
    grooves) where a swing is asked, as its grooves are (a shuffle take asked for --swing 50 had been decoded from
    its swung loops: 16th ghost hats, not straight 8ths); as they are where none is asked, or None."""
    if kit is None or settings.swing is None:
        return kit
    return straight_loops(kit, swing_of(grooves))


def straight_loops(loops, swing: Swing | None):
    """Loops (N, 32, 27) played at `swing` (None: straight), straight: each voice's swung 8th (early on a beat's last
    16th) on the "and", keeping its distance from the swing (the louder hit where one was there), as swing.straighten
    moves a groove's: each voice's (hit, velocity, offset) read as a groove of its own; a new array."""
    out = np.array(loops, np.float32, copy=True)
    if swing is None:
        return out
    n, rows = N_VOICES, len(out)
    voices = out.reshape(rows, STEPS, 3, n).transpose(0, 3, 1, 2).reshape(rows * n, STEPS, 3)
    return straighten(voices, swing).reshape(rows, n, STEPS, 3).transpose(0, 2, 3, 1).reshape(rows, STEPS, 3 * n)


def asked_note(own: float | None, percent: float, jazz_tip: str | None) -> str:
    """The note on the swing played where one is asked: the part's own (16ths from the beat; None: straight) and
    the drums' (percent), with the jazz tip where given (swing.swing_note's)."""
    part = ("the part plays straight" if own is None else
            f"the part swings (its off-beat 8ths at {own / 4:.0%} of the beat)")
    drums = "the drums play straight" if percent <= STRAIGHT_PERCENT else f"the drums swing at {percent:g}%"
    return f"{part}: {drums}, as --swing asks" + (f" ({jazz_tip})" if jazz_tip else "")


__all__ = ["AskedSwing", "asked_swing", "asked_note", "check_swing", "kept_feel", "kit_at_asked", "kit_heard", "played_at_asked",
           "straight_loops", "STRAIGHT_PERCENT", "HARD_PERCENT"]
