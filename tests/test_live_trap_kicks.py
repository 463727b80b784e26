"""A trap 808 line played live gets drumify's kicks (core/trap_kicks.py, through core/live_part.py): in half time the
kick lands on the 808's 16th pickups (live had put it a 16th before them, a flam, on the "a" of 2 and of 4 of every
bar), and on MIDI ports, which tell each note's end, the kick leaves the 808's held notes alone (live had played the
bar's 3 under a note struck on the "a" of 2, every other bar, where drumify rests). Short notes keep the network's
kick, as drumify's do. On the shipped model through the rig `reagroove live` assembles, bar by bar against drumify of
the same notes at 145 BPM (tests/test_ear_trap_kicks.py's 808)."""

from test_live_half_time_shuffle import BARS, TWELFTHS, drumified, live, roll

from reagroove.core.settings import Settings

# tests/test_ear_trap_kicks.py's 808: the 1, the "a" of 2, the "and" of 3 an octave up, the "a" of 4
TRAP = [(0.0, 36, 100), (1.75, 36, 100), (2.5, 48, 100), (3.75, 36, 100)]
BPM, HELD = 145.0, 1.2  # each note held into the next (an 808's tail)
SIXTEENTH = TWELFTHS // 4
STRUCK = {round(beat * TWELFTHS) for beat, _, _ in TRAP}


def played_bars(heard) -> list[int]:
    played = [bar for bar in range(2, BARS + 1) if bar in heard]
    assert len(played) >= BARS - 2, roll(heard, ("kick",))
    return played


def assert_kicks_as_drumifys(heard, offline):
    for bar in played_bars(heard)[1:]:  # (the drums' first bar is a take of one bar: drumify's hears the whole part)
        assert sorted(heard[bar]["kick"]) == sorted(offline[bar]["kick"]), \
            f"bar {bar}\nlive:\n{roll(heard, ('kick',))}\ndrumify:\n{roll(offline, ('kick',))}"


def tails(held: float) -> set[int]:
    """The 16ths of a bar (in 12ths of a beat) the 808 rings over without a new attack, the bar's 1 left out."""
    ringing = {round(beat * TWELFTHS) + k * SIXTEENTH for beat, _, _ in TRAP for k in range(1, 16)
               if k < held * 4 - 0.5}
    return {at for at in ringing if 0 < at < 4 * TWELFTHS} - STRUCK


def test_a_trap_808_played_live_in_half_time_gets_its_kicks_on_the_808s_sixteenths_as_drumifys(shipped, make_midi):
    half = Settings(feel="half")
    heard = live(shipped, TRAP, BPM, half, held=HELD)
    for bar in played_bars(heard):
        kicks = set(heard[bar]["kick"])
        flams = sorted(at for at in STRUCK if at - SIXTEENTH in kicks and at not in kicks and at - SIXTEENTH not in STRUCK)
        assert not flams, f"bar {bar}: kicks a 16th before the 808's attacks at {flams}\n{roll(heard, ('kick',))}"
    assert_kicks_as_drumifys(heard, drumified(shipped, make_midi, TRAP, BPM, half, held=HELD))


def test_a_held_808_played_on_a_port_has_no_kick_under_its_tails_as_drumifys(shipped, make_midi):
    heard = live(shipped, TRAP, BPM, Settings(), held=HELD)
    for bar in played_bars(heard):
        under = sorted(set(heard[bar]["kick"]) & tails(HELD))
        assert not under, f"bar {bar}: kicks under the held 808 at {under}\n{roll(heard, ('kick',))}"
        assert len(set(heard[bar]["kick"]) & STRUCK) >= 3  # still doubling the 808
    assert_kicks_as_drumifys(heard, drumified(shipped, make_midi, TRAP, BPM, Settings(), held=HELD))


def test_short_808_notes_keep_the_networks_kicks_live_as_in_drumify(shipped, make_midi):
    heard = live(shipped, TRAP, BPM, Settings(), held=0.2)
    assert_kicks_as_drumifys(heard, drumified(shipped, make_midi, TRAP, BPM, Settings(), held=0.2))
    held = live(shipped, TRAP, BPM, Settings(), held=HELD)
    # the kicks the held notes took away are back (under notes let go before them)
    assert any(set(heard[bar]["kick"]) - set(held[bar]["kick"]) for bar in played_bars(heard))
