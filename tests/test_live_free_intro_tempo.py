"""`reagroove live` with no --bpm (120): a keyboard player opens freely around 76-80 BPM, chords on every beat (a
soft note between, or none). The opening read tempos from 0.68 of --bpm up, so 80 could not be read and its double
could: the drums came in at 146-160, their snare on every one of the player's beats. A drummer plays the beat the
player's chords are on (core/live_opening.py Opening._own_beats). --bpm set to that double on purpose keeps it.
Through the rig `reagroove live` assembles, in-memory ports and the shipped model; each note up to 8 ms off."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_gear_tempo import _timeline

from reagroove.core.drummap import GM_DRUM_MAP

SNARE = GM_DRUM_MAP.output[1]
BARS = 8


def keys(intro_bpm, wander, between):
    """(seconds, pitch, velocity) of BARS bars of chords on every beat around `intro_bpm` (wandering +-`wander`), a
    soft note on each 'and' when `between`; and the player's beat at a time."""
    t_of, beat_of = _timeline(intro_bpm, intro_bpm, BARS, BARS, swing=wander)
    rng, notes = np.random.default_rng(1), []
    for b in range(BARS * 4):
        t = t_of(b) + rng.uniform(-0.008, 0.008)
        notes += [(t, p, 90 if b % 2 == 0 else 75) for p in (48, 55, 60)]
        if between:
            notes.append((t_of(b + 0.5) + rng.uniform(-0.008, 0.008), 67, 65))
    return sorted(notes), t_of, beat_of


def snares_on_beats(sent, beat_of, bars):
    """{bar: the player's beats (0-3) the snare hit in it}, snares within a 16th of a beat."""
    on: dict[int, set[int]] = {}
    for t, m in sent:
        b = beat_of(t)
        if m.type == "note_on" and m.velocity and m.note == SNARE and abs(b - round(b)) < 0.25 and round(b) < bars * 4:
            on.setdefault(round(b) // 4, set()).add(round(b) % 4)
    return on


@pytest.mark.parametrize("intro_bpm, wander, between", [(76.0, 5.0, False), (80.0, 0.0, False), (76.0, 5.0, True), (80.0, 0.0, True)])
def test_a_free_intro_around_80_with_no_bpm_set_brings_the_drums_in_at_the_players_tempo(
        shipped, intro_bpm, wander, between):
    notes, t_of, beat_of = keys(intro_bpm, wander, between)
    player, clock = live_rig(shipped, 120.0)
    sent = play_live(player, clock, notes, t_of(BARS * 4))
    assert abs(player.clock.bpm - intro_bpm) < 3, f"the drums at {player.clock.bpm:.0f} BPM"
    on = snares_on_beats(sent, beat_of, BARS)
    for bar in range(3, BARS):  # the backbeat on the player's 2 and 4, never on their 1 or 3
        assert on.get(bar, set()) & {1, 3} and not on.get(bar, set()) & {0, 2}, \
            f"bar {bar + 1}: the snare on the player's beats {sorted(on.get(bar, set()))} (2 and 4 are 1 and 3)"


def test_the_double_tempo_asked_for_with_bpm_is_kept():
    """--bpm 160 over chords on every beat at 80: the drums play at 160, as asked."""
    from reagroove.core.live_opening import Opening

    notes, _, _ = keys(80.0, 0.0, True)
    opening = Opening(160.0)
    opening.notes = [n for n in notes if n[0] < notes[0][0] + 3.1]
    assert opening.read(opening.notes[-1][0])[1] == pytest.approx(160.0, abs=2)
