"""`reagroove live --feel half --density 0.2` thins half time's hats as drumify's does: a riff playing 16ths had every
16th on the hats live at density 0.2 (as at the part's own density) while `drumify --feel half --density 0.2` of the same
riff kept them on the 8ths (feel.half_time_sixteenths). On the shipped model, through the rig `reagroove live`
assembles (tests/test_live_half_time.py's)."""

from test_live_half_time import BPM, is_half_time, play_trap, roll

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

# tests/test_live_half_time.py's funk riff: 16ths between its 8ths (half time plays them on the hats at its density)
FUNK = ((0, 110), (0.75, 80), (1.5, 90), (2, 105), (2.5, 70), (3.25, 85), (3.5, 95))
CLOSED = VOICES.index("closed_hat")
BARS = 6


def offline_hat_steps(engine, make_midi, settings) -> list[set[int]]:
    """drumify of the same riff (same tempo, bars): each bar's closed-hat 16th steps."""
    notes = [(4 * bar + beat, 36, vel, 0) for bar in range(BARS) for beat, vel in FUNK]
    result = engine.drumify(read_midi(make_midi(notes, "funk.mid", tempos=((0, BPM),))), settings)
    hats = result.loops[..., CLOSED] > 0.5  # (windows, 32): two 4/4 bars a window
    return [set(map(int, (hats[w, 16 * b:16 * b + 16]).nonzero()[0])) for w in range(len(hats)) for b in range(2)]


def test_half_time_hats_keep_to_the_eighths_live_when_fewer_hits_are_asked_as_offline(shipped, make_midi):
    sparse = Settings(feel="half", density=0.2)
    heard = play_trap(shipped, sparse, BARS, riff=FUNK)
    for bar in range(2, BARS + 1):  # the drums come in on bar 2
        hats = heard[bar].get("closed_hat", set())
        assert is_half_time(heard[bar]) and hats == set(range(0, 16, 2)), f"bar {bar}\n{roll(heard)}"
    # drumify plays the same bars so
    assert all(bar == set(range(0, 16, 2)) for bar in offline_hat_steps(shipped, make_midi, sparse)[1:BARS])


def test_at_the_parts_own_density_the_same_riff_keeps_its_sixteenth_hats_live_and_offline(shipped, make_midi):
    heard = play_trap(shipped, Settings(feel="half", density=0.8), 4, riff=FUNK)
    assert all(heard[bar]["closed_hat"] == set(range(16)) for bar in (2, 3, 4)), roll(heard)
    assert all(bar == set(range(16)) for bar in offline_hat_steps(shipped, make_midi, Settings(feel="half"))[1:BARS])
