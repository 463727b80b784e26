"""Live play on MIDI ports (no MIDI clock), a player who stops and comes back at the same tempo but off the drums' old
bar line (1.5 or 2 beats late): as a drummer, the drums wait for their first bar and come in on its 1. Through the
rig `reagroove live` assembles, in-memory ports and the shipped model; each note up to 8 ms early or late."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.settings import Settings

KICK, SNARE = GM_DRUM_MAP.output[:2]
CRASH, HAT = GM_DRUM_MAP.output[7], GM_DRUM_MAP.output[2]
# a funk bass riff, (beat, pitch, velocity): accents on 1 and 3, 16ths between, its last note on the 'and' of 4
RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
BPM = 100.0
BACK = 48.0  # the drums' beat the player comes back on, before they are late (bar 13)


def _play(engine, late, bars_back=9, **kw):
    """`reagroove live --bpm 100 --stop-after 2`: the riff for 6 bars at 100, silence, then the riff again from the
    drums' beat BACK + late. Returns (player, said, {drum: [onsets in the player's beats since they came back]})."""
    rng = np.random.default_rng(3)
    start, back = 2.5, 2.5 + (BACK + late) * 60.0 / BPM
    played = [(start + (bar * 4 + b) * 60.0 / BPM, p, v) for bar in range(6) for b, p, v in RIFF]
    played += [(back + (bar * 4 + b) * 60.0 / BPM, p, v) for bar in range(bars_back) for b, p, v in RIFF]
    notes = [(t + rng.uniform(-0.008, 0.008), p, v) for t, p, v in played]
    player, clock = live_rig(engine, BPM, stop_after=2, **kw)
    said = []
    player.say = said.append
    sent = play_live(player, clock, sorted(notes), back + bars_back * 4 * 60.0 / BPM)
    return player, said, {d: [(t - back) * BPM / 60.0 for t, m in sent if m.type == "note_on" and m.velocity
                              and m.note == d and t > back - 0.2] for d in (KICK, SNARE, CRASH, HAT)}


@pytest.mark.parametrize("idle", [None, "rock"], ids=["drums ended", "idle pattern"])
@pytest.mark.parametrize("late", [1.5, 2.0])
def test_a_player_back_off_the_old_bar_line_has_the_drums_on_their_bar_line(shipped, late, idle):
    """The player stops (--stop-after 2: the drums end, or go back to --idle-pattern) and comes back at the same
    tempo 1.5 or 2 beats after the drums' old bar line (a fill every 2 bars, --fill-every 1): the drums kept the old
    bars, the snare on the player's 'and' of 2 and 4 (1.5 late), and the crashes after their fills on the player's
    3 (2 late). From their second bar back the crashes are on their bar lines, and from their third the snare is on
    their 2 and 4 (a fill's bar: on their 2) and the kick on their 1."""
    player, said, at = _play(shipped, late, idle_pattern=idle, settings=Settings(fill_every=1))
    crashes = [b for b in at[CRASH] if b > 4 - 0.2]  # from their second bar (the first is the idle pattern's, heard)
    assert len(crashes) >= 3 and all(abs(b - 4 * round(b / 4)) < 0.1 for b in crashes), \
        f"crashes on the player's beats {[round(b % 4 + 1, 2) for b in crashes]} of their bars"
    fills = {round(b / 4) - 1 for b in crashes}  # bars ending in a fill (its own snare on their 4)
    for bar in range(2, 8):
        for two_four in (1,) if bar in fills else (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1} back: no snare on the player's beat {two_four + 1} (snares at " \
                f"{[round(b - bar * 4 + 1, 2) for b in at[SNARE] if bar * 4 - 0.2 < b < bar * 4 + 3.8]})"
        assert any(abs(b - bar * 4) < 0.125 for b in at[KICK]), f"bar {bar + 1} back: no kick on the player's 1"
    assert abs(player.clock.bpm - BPM) < 2, f"the drums ended at {player.clock.bpm:.1f} BPM"


def test_a_player_back_on_the_idle_patterns_bar_line_has_it_play_on_till_the_drums_come_in(shipped):
    """Back over --idle-pattern on its 1 (the player heard it): it plays on through their first bar, no beat left out
    while the drums hear where their bar 1 is, and the drums follow on its bars."""
    player, said, at = _play(shipped, 0.0, idle_pattern="rock")
    hats = sorted(b for b in at[HAT] if b < 8)
    assert hats and hats[0] < 0.1 and max(np.diff(hats)) < 0.6, \
        f"the idle pattern's hats at {[round(b, 2) for b in hats]}"
    for bar in range(2, 8):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1} back: no snare on the player's beat {two_four + 1}"
