"""`reagroove live --bpm 100`, no count-in: an off-beat funk riff played at 90 (or 115). Within its first bar its 16ths
at the player's tempo sit as well on the beats and triplets of 4/3 of it, and the drums came in at 120 (or ~131), the
snare off the player's 2 and 4. When the first bar can be read both ways the drums wait for the riff's repeat (a bar
later), which says the tempo. Notes ~10 ms either side, as a player without a click, on in-memory ports."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP

KICK, SNARE = GM_DRUM_MAP.output[:2]
# one bar, repeated: (beat, pitch, velocity): 1, the 'a' of 1, the 'and' of 2, its 'a', the 'a' of 3, the 'and' of 4
FUNK = [(0, 40, 110), (0.75, 40, 90), (1.5, 43, 100), (1.75, 43, 80), (2.75, 45, 105), (3.5, 47, 95)]


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


@pytest.mark.parametrize("player_bpm, seed", [(90.0, 0), (90.0, 1), (115.0, 0), (115.0, 3)])
def test_an_off_beat_riff_off_the_tempo_set_gets_the_backbeat_on_the_players_2_and_4(engine, player_bpm, seed):
    """At 90 the drums came in at 120 on the player's beat 3; at 115 (seed 3) the riff's second bar was read at 87
    (3/4 of it) and the drums came in late, off the beat. They come in on the player's bar 2 or 3, in their time."""
    bars = 7
    player, clock = live_rig(engine, 100.0)
    rng = np.random.default_rng(seed)
    beat, one = 60.0 / player_bpm, 1.425
    notes = sorted((one + (bar * 4 + b) * beat + (rng.normal(0, 0.010) if bar or b else 0.0), p, v)
                   for bar in range(bars) for b, p, v in FUNK)
    sent = play_live(player, clock, notes, one + bars * 4 * beat)
    at = {d: [(t - one) / beat for t, m in sent if m.type == "note_on" and m.velocity and m.note == d]
          for d in (KICK, SNARE)}
    assert at[SNARE], "the drums never came in"
    first = int(np.floor(min(at[KICK] + at[SNARE]) / 4 + 0.05))  # the player's bar (from 0) the drums come in on
    assert 1 <= first <= 2, f"drums in on the player's bar {first + 1}"
    for bar in range(first, bars):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1} (read at {player.clock.bpm:.1f} BPM)"
    assert abs(player.clock.bpm - player_bpm) < 2
