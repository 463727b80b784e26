"""`reagroove live` with no --bpm (120) or --bpm 100: a keyboard player opens with half-note chords (on 1 and 3, the
voicing wandering from chord to chord) played freely around 72-84. The opening read their double: whole notes at
150-165 (the drums in double time, the snare on the player's 1 and 3 or all over) or 3 beats of 117 taken for 120,
the backbeat wandering through the player's bars. drumify of the same chords (the file at the player's tempo) plays
the snare on the second beat of each chord: live now agrees (core/live_slow_chords.py). Through the rig `reagroove
live` assembles and the shipped model; each chord up to 8 ms off."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_free_intro_tempo import snares_on_beats
from test_live_gear_tempo import _timeline
from test_live_half_time_shuffle import TWELFTHS, drumified

from reagroove.core.live_opening import Opening
from reagroove.core.settings import Settings

BARS = 8
VOICINGS = [(48, 55, 60, 64), (45, 52, 57, 60), (41, 48, 53, 57), (43, 50, 55, 59)]  # C, Am, F, G


def chords(bpm, wander):
    """(seconds, pitch, velocity) of BARS bars of half-note chords around `bpm` (its tempo wandering +-`wander`), a
    voicing a chord; and the player's beat at a time."""
    t_of, beat_of = _timeline(bpm, bpm, BARS, BARS, swing=wander)
    rng, notes = np.random.default_rng(1), []
    for b in range(0, BARS * 4, 2):
        t = t_of(b) + rng.uniform(-0.008, 0.008)
        notes += [(t + 0.004 * k, p, 85) for k, p in enumerate(VOICINGS[(b // 2) % len(VOICINGS)])]
    return sorted(notes), t_of, beat_of


@pytest.mark.parametrize("player_bpm, wander, set_bpm", [(76.0, 3.0, 120.0), (76.0, 5.0, 120.0), (72.0, 4.0, 120.0),
                                                       (84.0, 4.0, 120.0)])
def test_free_half_note_chords_around_76_bring_the_drums_in_at_the_players_tempo(shipped, make_midi, player_bpm,
                                                                                   wander, set_bpm):
    notes, t_of, beat_of = chords(player_bpm, wander)
    player, clock = live_rig(shipped, set_bpm)
    sent = play_live(player, clock, notes, t_of(BARS * 4))
    assert abs(player.clock.bpm - player_bpm) < 4, f"the drums at {player.clock.bpm:.0f} BPM"
    # drumify of the same chords, the file at the player's tempo: the snare on the second beat of each chord
    part = [(b, p, 85) for b in (0, 2) for p in VOICINGS[0]]
    offline = drumified(shipped, make_midi, part, player_bpm, Settings(), held=1.9)
    want = {at // TWELFTHS for bar in range(3, BARS + 1) for at in offline[bar].get("snare", []) if at % TWELFTHS == 0}
    assert want == {1, 3}
    on = snares_on_beats(sent, beat_of, BARS)
    for bar in range(2, BARS):
        assert on.get(bar) == want, f"bar {bar + 1}: the snare on the player's beats {sorted(on.get(bar, set()))}"


def opening_reads(onsets_s, set_bpm, bar_beats=4.0):
    opening = Opening(set_bpm, bar_beats=bar_beats)
    opening.notes = [(t, 60, 90) for t in onsets_s]
    return opening.read(onsets_s[-1])[1]


def test_even_chords_at_a_tempo_agreed_keep_it():
    """One chord a bar at --bpm (whole notes at 120, a 3/4 bar at 120 with --meter 3/4), half notes at --bpm 100: the
    tempo asked for; the same whole notes with --bpm 100 are 120, not 60."""
    assert opening_reads([1.0 + 2.0 * k for k in range(5)], 120.0) == pytest.approx(120.0)
    assert opening_reads([1.0 + 1.5 * k for k in range(5)], 120.0, bar_beats=3.0) == pytest.approx(120.0)
    assert opening_reads([1.0 + 1.2 * k for k in range(5)], 100.0) == pytest.approx(100.0)
    assert opening_reads([1.0 + 2.0 * k for k in range(5)], 100.0) == pytest.approx(120.0, rel=0.02)
