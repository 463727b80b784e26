"""Live play, no count-in, of parts that lean on the off-beats with the player's first note on their beat 1: a bass
pumping an octave up on every 'and' over its root on the beats, a reggae band with an organ's chord on 1 and 3 under
a skank on every 'and' (the bass on the 'and's with it). Their louder, fuller notes on the 'and's were taken for
the landing of a pickup, so the drums played half a beat (or a beat and a half) off the player's bars for the whole
song; a drummer keeps the first note's beat and hears the skank as the 'and'. Compared with drumify of the same
notes bar by bar, in 12ths of a beat (tests/test_live_half_time_shuffle.py's rig)."""

import pytest
from test_live_half_time_shuffle import BARS, TWELFTHS, drumified, live, roll
from test_live_opening_riffs import _opening

from reagroove.core.settings import Settings

# an octave bass: the root on each beat, its octave louder on each 'and'
PUMP = [(b, 33, 80) for b in range(4)] + [(b + 0.5, 45, 110) for b in range(4)]
# a reggae band at 75: the organ's triad on 1 and 3, the skank's on every 'and', the bass leaving the 1 empty
ORGAN = [(b, p, 90) for b in (0, 2) for p in (48, 52, 55)]
SKANK = [(b + 0.5, p, 85) for b in range(4) for p in (55, 59, 62)]
BASS = [(0.5, 43, 95), (1.0, 43, 90), (1.5, 47, 85), (2.5, 50, 95), (3.0, 47, 85), (3.5, 45, 80)]
REGGAE = sorted(ORGAN + SKANK + BASS)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("player_bpm", [90.0, 100.0, 120.0])
def test_an_octave_bass_pumping_on_the_ands_has_bar_1_on_its_root(player_bpm, seed):
    """The opening (--bpm 100) reads bar 1 on the root the player began on, not on the louder octave after it: it
    had bar 1 on the player's 'and' of 2."""
    one, bpm = _opening(PUMP, player_bpm, seed)
    assert abs(one) < 0.1, f"bar 1 {one:.2f} beats after the player's"
    assert bpm == pytest.approx(player_bpm, rel=0.02)


def _same_drums(heard, offline, voices, first_bar=3):
    played = [bar for bar in range(first_bar, BARS + 1) if bar in heard]
    assert len(played) >= BARS - first_bar, roll(heard, voices)
    for bar in played:
        for voice in voices:
            assert sorted(heard[bar].get(voice, [])) == sorted(offline[bar].get(voice, [])), \
                f"bar {bar} {voice}\nlive:\n{roll(heard, voices)}\ndrumify:\n{roll(offline, voices)}"


def test_a_pumping_octave_bass_played_live_has_the_backbeat_on_the_players_2_and_4(shipped, make_midi):
    heard, offline = live(shipped, PUMP, 100.0, Settings()), drumified(shipped, make_midi, PUMP, 100.0, Settings())
    _same_drums(heard, offline, ("kick", "snare"))
    for bar in range(3, BARS + 1):
        assert {TWELFTHS, 3 * TWELFTHS} <= set(heard[bar]["snare"]), f"bar {bar}\n{roll(heard, ('snare',))}"


@pytest.mark.parametrize("feel", ["normal", "half"])
def test_a_reggae_band_with_the_organ_on_1_plays_the_drums_on_its_beat_not_its_skanks(shipped, make_midi, feel):
    """`reagroove live --bpm 75 --genre reggae`: the skank and the bass on the 'and's (louder, lower, fuller than the
    organ's chord on 1) were taken for bar 1, every drum an 8th late (half time: the one drop on the player's 'and'
    of 3). Asked for reggae, the skank is the 'and': the drums play what drumify plays of the same notes."""
    reggae = Settings(genre={"reggae": 1.0}, feel=feel)
    heard, offline = live(shipped, REGGAE, 75.0, reggae), drumified(shipped, make_midi, REGGAE, 75.0, reggae)
    _same_drums(heard, offline, ("kick", "snare", "closed_hat"))
    if feel == "half":  # the one drop: kick and snare on the player's 3
        assert all({2 * TWELFTHS} <= set(heard[bar]["kick"]) & set(heard[bar]["snare"]) for bar in range(3, BARS + 1))
