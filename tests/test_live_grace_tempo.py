"""A grace note on live input (core/live_rolls.py) once the drums play: heard as the note it leads into by the drums,
it was still heard by the tempo follower as a note of its own, 50-60 ms early. A bass player sliding into every note
had the drums 45-60 ms ahead of them from bar 2 to the end. Through the rig `reagroove live` assembles (in-memory
ports, a scripted clock: tests/helpers.py) and the shipped model."""

import numpy as np
import pytest
from helpers import live_rig, play_live

START, BARS, BPM = 1.0, 10, 110.0
RIFF = [(0, 40), (1.5, 43), (2, 40), (3, 43)]  # (beat, pitch): a bass riff on 1, the 'and' of 2, 3 and 4


def seconds(beat):
    return START + beat * 60.0 / BPM


def part(grace_s):
    """The riff, each note up to 4 ms off, slid into from a soft note a tone below `grace_s` early (None: plain)."""
    rng, notes = np.random.default_rng(0), []
    for bar in range(BARS):
        for beat, pitch in RIFF:
            t = seconds(bar * 4 + beat) + rng.uniform(-0.004, 0.004)
            notes.append((t, pitch, 100))
            if grace_s is not None:
                notes.append((t - grace_s, pitch - 2, 80))
    return notes


def clock_at_beat_2(engine, notes):
    """The clock's beat at the player's beat 2 of bars 2 on (between the notes), and the beats the drums restarted
    at (the transport's start, the player's first note, and wherever the clock went back)."""
    player, clock = live_rig(engine, BPM)
    marks, restarts, restart = [], [], player._restart

    def restarted(beat):
        restarts.append(beat)
        restart(beat)

    player._restart = restarted
    actions = [(seconds(bar * 4 + 1), lambda p, b=bar * 4 + 1: marks.append(p.clock.beat(seconds(b))))
               for bar in range(1, BARS)]
    play_live(player, clock, notes, seconds(BARS * 4), actions=actions)
    return np.array(marks), restarts


@pytest.mark.parametrize("grace_s", [0.05, 0.06])
def test_grace_notes_do_not_move_the_drums_off_the_players_beat(shipped, grace_s):
    plain, started = clock_at_beat_2(shipped, part(None))
    graced, restarts = clock_at_beat_2(shipped, part(grace_s))
    off_ms = (graced - plain) * 60.0 / BPM * 1000
    assert np.abs(off_ms).max() < 3.0, f"the drums off where the riff is played plain, bar by bar: {off_ms.round(1)} ms"
    assert restarts == started, f"the drums restarted at beats {restarts} (plain: {started}): the clock went back"
