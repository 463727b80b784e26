"""A grace note into beat 1 among a live player's first notes (core/live_rolls.py) is heard as the note it leads into
only, before the drums come in too: it was taken back from the loop's buffer, but the opening still read it at full
velocity (bar 1 or the tempo could be placed on it) and the bar's hit count (the adaptive memory's density) kept it.
Through the rig `reagroove live` assembles (in-memory ports, a scripted clock: tests/helpers.py)."""

import pytest
from helpers import live_rig, play_live

from reagroove.core.live import LiveSession

START, BARS = 1.0, 4
RIFF = [(0, 100), (1.5, 85), (2, 100), (3, 80)]  # (beat, velocity): a bass riff on 1, the 'and' of 2, 3 and 4


def part(bpm, grace_s):
    """The riff on E (40), each 1 and 3 slid into from a soft D (38) `grace_s` early (None: played plain)."""
    notes = []
    for bar in range(BARS):
        for beat, velocity in RIFF:
            t = START + (bar * 4 + beat) * 60.0 / bpm
            notes.append((t, 40, velocity))
            if grace_s is not None and beat in (0, 2):
                notes.append((t - grace_s, 38, 60))
    return notes


def drums_in(engine, set_bpm, notes):
    """(the beat of the player's first downbeat from bar 1, the tempo) as the drums come in (the clock locks)."""
    player, clock = live_rig(engine, set_bpm)
    locked, lock = [], player.clock.lock

    def locking():
        locked.append((player.clock.beat(START) - player.session.origin, player.clock.bpm))
        lock()

    player.clock.lock = locking
    play_live(player, clock, notes, max(t for t, *_ in notes) + 0.5)
    assert locked, "the drums never came in"
    return locked[0]


@pytest.mark.parametrize("grace_s, bpm", [(0.07, 100.0), (0.05, 110.0), (0.08, 90.0), (0.06, 120.0)])
def test_bar_1_and_the_tempo_are_read_as_without_the_grace_notes(shipped, grace_s, bpm):
    plain_down, plain_bpm = drums_in(shipped, 100.0, part(bpm, None))
    down, tempo = drums_in(shipped, 100.0, part(bpm, grace_s))
    assert abs(down - plain_down) < 0.02, f"bar 1 {down - plain_down:+.3f} beats off the player's 1"
    assert abs(tempo - plain_bpm) < 0.3, f"the drums come in at {tempo:.1f} BPM, {plain_bpm:.1f} without grace notes"


def test_a_grace_note_before_the_drums_come_in_and_its_note_after_are_heard(shipped):
    """The drums come in (the clock locks, the opening is gone) between bar 2's grace note and its note: the grace
    note is still taken back, and the session plays on."""
    bpm = 120.0
    player, clock = live_rig(shipped, bpm, lookahead=0.1)  # bar 2's loop ready 50 ms before its 1: after the grace
    notes = part(bpm, 0.07)
    sent = play_live(player, clock, notes, max(t for t, *_ in notes) + 0.5)
    assert any(m.type == "note_on" and m.velocity for _, m in sent), "no drums"
    assert player.clock.opening is None and abs(player.clock.bpm - bpm) < 1.0


def test_a_grace_note_taken_back_is_not_counted_as_a_hit_of_its_bar(shipped):
    session = LiveSession(shipped)
    session.start(0.0)
    session.feed(0.9, 60)  # a grace note into beat 2, then its note
    session.unfeed()
    session.feed(1.0, 100)
    session.feed(2.0, 90)
    assert session._bar_hits == 2
