"""Room on the kit for a hit added or moved by hand, so that the roll never shows what no kit plays.

A click had stacked an open hat on the closed hat of the same 16th, both written into REAPER: a hi-hat is open or
closed on a step, never both (core/limbs.py; a drum plugin's hi-hat choke cuts one with the other). As one hi-hat lane
of a drum editor does, the hit asked for takes the place of the other hi-hat sound there (the pedal hat too: it is the
hat closed by the foot), in the same edit: one Ctrl+Z brings it back. A third hand (a tom on a 16th where the snare and
the hat already take both hands) is the producer's to choose, as programmed drums often are: it is added as asked,
nothing else taken away, and the status line says it takes three hands. No Qt here.
"""

from __future__ import annotations

import numpy as np

from reagroove.core.limbs import CLOSED_HAT, HANDS, MAX_HANDS, OPEN_HAT, foot_hat
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.wording import listed


def voice_name(voice: int) -> str:
    return VOICES[voice].replace("_", " ")  # (pianoroll.lane_label, without Qt)


def room_for(shown: np.ndarray, step: int, voice: int) -> tuple[list[int], list[int]]:
    """(the voices on `step` of the loop `shown` (32, 27) taken off for a hit of `voice` there: the other hi-hat sound,
    the hand voices played there with it where they are more than two hands: [] where they are not). The pedal hat
    (limbs.foot_hat: a closed hat on the beats under a ride keeping time) is a foot, not a hand."""
    hits = np.asarray(shown)[:, :N_VOICES] > 0
    played = hits.copy()
    off = []
    if voice in (CLOSED_HAT, OPEN_HAT):  # one hi-hat: open or closed
        other = OPEN_HAT if voice == CLOSED_HAT else CLOSED_HAT
        if played[step, other]:
            off.append(other)
            played[step, other] = False
    played[step, voice] = True
    foot = bool(foot_hat(played[None])[0, step])
    hands = [v for v in HANDS if played[step, v] and not (v == CLOSED_HAT and foot)]
    return off, hands if len(hands) > MAX_HANDS else []


def replaced_text(off: list[int], hit_there: str = "") -> str:
    """", in place of the closed hat there" for the voices taken off ('' for none); `hit_there`: the hit on the cell
    itself replaced too ("the hit there (velocity 90)"), said first."""
    things = ([hit_there] if hit_there else []) + [f"the {voice_name(v)}" for v in off]
    if not things:
        return ""
    return f", in place of {listed(things)}" + ("" if hit_there and not off else " there")


def crowd_text(crowd: list[int]) -> str:
    """"; the snare, closed hat and high tom there take three hands: a drummer has two" ('' for none)."""
    if not crowd:
        return ""
    hands = {3: "three", 4: "four"}.get(len(crowd), str(len(crowd)))
    return f"; the {listed([voice_name(v) for v in crowd])} there take {hands} hands: a drummer has two"


def taken_off(edits, base: np.ndarray, bar: int, step: int, voices: list[int]):
    """`edits` (HandEdits) with the hits of `voices` on `step` of the window at `bar` removed; `base`: the generated
    loop (a hit it has is removed by an edit, one added by hand loses its edit)."""
    for v in voices:
        edits = edits.set(bar, step, v, None) if base[step, v] > 0 else edits.drop(bar, step, v)
    return edits


__all__ = ["crowd_text", "replaced_text", "room_for", "taken_off"]
