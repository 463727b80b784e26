"""`reagroove live --every beat --fill-every N` plays each fill as one fill, as drumify and `--every bar` do: loops made
every beat drew the fill again at each beat from the groove heard so far, so a bar-long fill was heard as a tom, two
beats of the groove's hats, then another draw's toms. On the shipped model, through the rig `reagroove live` assembles
(in-memory ports, a scripted clock: tests/helpers.py)."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT, VOICES
from reagroove.core.settings import Settings

BPM, ONE = 140.0, 0.4  # the player's beat 1 at 0.4 s
# tests/test_live_half_time.py's funk riff, one bar of 4/4 on a keyboard: (beat, velocity)
FUNK = ((0, 110), (0.75, 80), (1.5, 90), (2, 105), (2.5, 70), (3.25, 85), (3.5, 95))
BARS = 9
FILLS = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]


def play(engine, settings, regenerate="beat", actions=()):
    """The riff played live for BARS bars (actions: play_live's, (seconds, what to do then)). Returns (the session,
    {boundary: the loop made to play from it})."""
    notes = [(ONE + (4 * bar + beat) * 60.0 / BPM, 64, vel) for bar in range(BARS) for beat, vel in FUNK]
    player, clock = live_rig(engine, BPM, settings=settings, regenerate=regenerate)
    session, made = player.session, {}
    generate = session._generate

    def recorded(boundary, now):  # every loop made, by the beat it plays from
        made[round(float(boundary), 6)] = loop = generate(boundary, now)
        return loop

    session._generate = recorded
    play_live(player, clock, notes, ONE + 4 * BARS * 60.0 / BPM, actions=list(actions))
    return session, made


def rows(made, boundary: float, lo: float, hi: float) -> np.ndarray:
    """The hits the loop made for `boundary` plays from beat lo to hi."""
    sched = made[round(boundary, 6)]
    a, b = (int(round((t - sched.window_start) * STEPS_PER_BEAT)) for t in (lo, hi))
    return sched.loop[a:b, :N_VOICES] > 0


@pytest.mark.parametrize("length, fill_beat", [("bar", 0), ("half", 2)])
def test_a_fill_made_every_beat_is_heard_as_the_one_fill_that_began(shipped, length, fill_beat):
    session, made = play(shipped, Settings(fill_every=2, fill_length=length))
    for bar in (4, 8):  # the phrases' last bars (phrases of 2 loops: 4 bars), counted from the session's bar 1
        began, end = session.origin + 4 * (bar - 1) + fill_beat, session.origin + 4 * bar
        fill = rows(made, began, began, end)
        assert fill[:, FILLS].sum() >= 3, f"bar {bar}: no fill drawn"  # a fill to hear
        for beat in np.arange(began + 1, end):  # each loop made while it plays keeps it, to the bar line
            assert (rows(made, beat, beat, end) == fill[int(round((beat - began) * STEPS_PER_BEAT)):]).all(), \
                f"bar {bar}, beat {beat - began + fill_beat + 1:g}: another fill"


def test_outside_fills_loops_made_every_beat_still_follow_each_beat(shipped):
    session, made = play(shipped, Settings(fill_every=2, fill_length="bar"))
    _, plain = play(shipped, Settings())
    for bar in (3, 6, 7):  # bars without a fill or crash play as they did without fills asked
        for beat in session.origin + 4 * (bar - 1) + np.arange(4):
            assert (rows(made, beat, beat, beat + 1) == rows(plain, beat, beat, beat + 1)).all(), f"bar {bar}"
