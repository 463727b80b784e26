"""`reagroove live --meter 6/8` with no --bpm (120): a keyboard player opens with a chord on each dotted quarter (the
6/8 beat), played freely. The opening knew only that the bar is 3 quarter notes long, as a waltz's: it read the chords
as one chord a 3/4 bar (110-150 read as 73-100: one each quarter, three a 6/8 bar) or at 90 as 180, the drums at
twice the player's tempo. A drummer in 6/8 counts dotted quarters (core/live_compound_chords.py); 3/4's one chord a
bar is read as before (tests/test_live_waltz_chords.py)."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import VOICE_OF
from test_live_waltz_chords import C_MAJOR

from reagroove.core.live_opening import Opening


def chords(bpm, count, seed, beats=1.5, start=1.0, wander=0.03):
    """(seconds, pitch, velocity) of `count` chords `beats` quarter notes apart at about `bpm` (each gap up to
    `wander` off), and the seconds of each chord."""
    rng = np.random.default_rng(seed)
    gaps = beats * 60.0 / bpm * (1 + rng.uniform(-wander, wander, count - 1))
    at = start + np.concatenate([[0.0], np.cumsum(gaps)])
    return [(float(t) + 0.004 * k, p, 85) for t in at for k, p in enumerate(C_MAJOR)], at


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("bpm", [70.0, 90.0, 110.0, 120.0, 135.0, 150.0])
def test_a_chord_on_each_dotted_quarter_of_6_8_is_read_at_the_players_tempo(bpm, seed):
    opening = Opening(120.0, bar_beats=3.0, meter=(6, 8))
    opening.notes, at = chords(bpm, 8, seed)
    down, read = opening.read(opening.notes[-1][0])
    assert read == pytest.approx(bpm, rel=0.03) and down == pytest.approx(at[0])


@pytest.mark.parametrize("bpm", [70.0, 90.0])
def test_one_chord_a_slow_6_8_bar_is_a_bar_not_a_beat(bpm):
    """Chords 2 s and more apart: dotted quarters slower than a 6/8 ballad's, a bar each."""
    opening = Opening(120.0, bar_beats=3.0, meter=(6, 8))
    opening.notes, _ = chords(bpm, 6, 0, beats=3.0)
    assert opening.read(opening.notes[-1][0])[1] == pytest.approx(bpm, rel=0.03)


def test_in_6_8_the_drums_follow_the_dotted_quarters_tempo_and_kick_on_the_players_1(shipped):
    """Through the rig `reagroove live --meter 6/8 --bpm 100` assembles (tests/helpers.py): at 120 (a dotted quarter
    0.75 s) the drums follow at 120, and kick on the player's bar lines (every other chord)."""
    bpm = 120.0
    notes, at = chords(bpm, 24, 1, wander=0.02)
    player, clock = live_rig(shipped, 100.0, beats_per_bar=(6, 8))  # --bpm 100: the tempo read is the player's
    sent = play_live(player, clock, notes, float(at[-1]) + 1.0)
    assert abs(player.clock.bpm - bpm) < 5, f"the drums at {player.clock.bpm:.0f} BPM"
    kicks = np.array([t for t, m in sent if m.type == "note_on" and m.velocity and VOICE_OF[m.note] == "kick"])
    assert len(kicks), "no kick"
    tol = 0.1 * 60.0 / bpm
    missed = [round(float(t), 2) for t in at[8::2] if np.abs(kicks - t).min() > tol]
    assert not missed, f"no kick on the player's 1 at {missed} s"
