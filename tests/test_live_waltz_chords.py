"""`reagroove live --meter 3/4` with no --bpm (120): a keyboard player opens with one chord a bar, played freely at
135-180. The opening counted each chord as half notes of 90-110 (at 180, as half notes of --bpm's 120): every drum
bar two of the player's beats long against their three, the backbeat wandering through their bars. A drummer hears
one chord a bar of a waltz (core/live_slow_chords.py); 4/4's half-note chords are read as before
(tests/test_live_slow_chords.py)."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import VOICE_OF

from reagroove.core.live_opening import Opening

C_MAJOR = (48, 55, 60, 64)


def one_a_bar(bpm, bars, seed, start=1.0, wander=0.04):
    """(seconds, pitch, velocity) of `bars` chords one a 3/4 bar at about `bpm` (each gap up to `wander` off), and
    the seconds of each chord."""
    rng = np.random.default_rng(seed)
    gaps = 3 * 60.0 / bpm * (1 + rng.uniform(-wander, wander, bars - 1))
    at = start + np.concatenate([[0.0], np.cumsum(gaps)])
    return [(float(t) + 0.004 * k, p, 85) for t in at for k, p in enumerate(C_MAJOR)], at


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("bpm", [135.0, 150.0, 165.0, 180.0])
def test_one_chord_a_waltz_bar_is_read_at_the_bars_tempo(bpm, seed):
    opening = Opening(120.0, bar_beats=3.0)
    opening.notes, _ = one_a_bar(bpm, 7, seed)
    down, read = opening.read(opening.notes[-1][0])
    assert read == pytest.approx(bpm, rel=0.03) and down == pytest.approx(1.0)


def test_the_same_chords_in_4_4_and_a_waltz_bar_at_the_tempo_asked_keep_their_reading():
    """In 4/4 the chords 1.2 s apart are half notes at 100 (tests/test_live_slow_chords.py); a 3/4 bar at --bpm 120
    (1.5 s) is 120."""
    opening = Opening(120.0)
    opening.notes, _ = one_a_bar(150.0, 7, 0, wander=0.0)
    assert opening.read(opening.notes[-1][0])[1] == pytest.approx(100.0, rel=0.03)
    opening = Opening(120.0, bar_beats=3.0)
    opening.notes, _ = one_a_bar(120.0, 7, 0)
    assert opening.read(opening.notes[-1][0])[1] == pytest.approx(120.0)


@pytest.mark.parametrize("bpm", [150.0, 180.0])
def test_a_waltz_of_one_chord_a_bar_has_the_drums_bars_on_the_players(shipped, bpm):
    """Through the rig `reagroove live --meter 3/4` assembles (tests/helpers.py): the drums follow at the player's
    tempo and their kick on the player's 1 (each chord)."""
    bars = 10
    notes, at = one_a_bar(bpm, bars, 1, wander=0.02)
    player, clock = live_rig(shipped, 120.0, beats_per_bar=3.0)
    sent = play_live(player, clock, notes, float(at[-1]) + 3 * 60.0 / bpm)
    assert abs(player.clock.bpm - bpm) < 5, f"the drums at {player.clock.bpm:.0f} BPM"
    kicks = np.array([t for t, m in sent if m.type == "note_on" and m.velocity and VOICE_OF[m.note] == "kick"])
    assert len(kicks), "no kick"
    tol = 0.1 * 60.0 / bpm
    missed = [round(float(t), 2) for t in at[4:] if np.abs(kicks - t).min() > tol]
    assert not missed, f"no kick on the player's 1 at {missed} s"
