"""The printed chart marks each drum hit by the velocity the drum file holds: two closed hats both written at
velocity 95 were 'X' and 'x' (0.7505 and 0.7495 before rounding to a MIDI velocity)."""

import numpy as np

from reagroove.core.loop import STEPS, VOICES, Loop
from reagroove.core.midi_write import loop_note_events
from reagroove.core.textroll import loop_rows

HAT = VOICES.index("closed_hat")


def _level(written: int) -> str:
    """The chart's own levels ('o' under 0.4, 'X' from 0.75 of the loudest velocity, 127), applied to a MIDI
    velocity."""
    return "o" if written / 127 < 0.4 else ("x" if written / 127 < 0.75 else "X")


def test_hits_written_at_one_velocity_print_as_one_level():
    # velocities on either side of each level's edge, within half a MIDI velocity of it: each pair writes one value
    edges = [0.4, 0.75]
    vels = [e + d for e in edges for d in (-0.003, -0.0005, 0.0005, 0.003)]
    rng = np.random.default_rng(5)
    vels += rng.uniform(0.05, 1.0, STEPS // 2 - len(vels)).tolist()
    hvo = np.zeros((STEPS, 3 * len(VOICES)), np.float32)
    steps = np.arange(0, STEPS, 2)  # 8th notes
    hvo[steps, HAT] = 1
    hvo[steps, len(VOICES) + HAT] = vels
    written = [vel for _, _, _, vel in loop_note_events([Loop.from_hvo(hvo)])]
    assert len(written) == len(steps)
    (row,) = loop_rows(hvo)
    chars = row.split(None, 1)[1].replace("|", "").replace(" ", "")
    shown = [chars[s] for s in steps]
    assert shown == [_level(v) for v in written], (shown, written)
    by_velocity: dict[int, set] = {}
    for v, c in zip(written, shown):
        by_velocity.setdefault(v, set()).add(c)
    assert all(len(levels) == 1 for levels in by_velocity.values()), by_velocity
