"""A tempo map rising in small steps (104 to 112 to 121 BPM, freedoom's E4M4) is one stepwise build the drummer
plays straight through: its second step (8.04%, over the 8% of a tempo section) had a fill into it and a crash on
it, where the band kept its figure. A step of its own, or one against the way of its neighbour, is a section still.
(Named with the part-swap tests: the same change to how drumify hears a part's sections.)"""

from test_engine_meter_tempo_sections import riff
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.sections import tempo_sections
from reagroove.core.settings import Settings


def tempo_changes(path):
    wins = extract_windows(read_midi(path))
    return {b: (round(was), round(now)) for b, (was, now) in
            tempo_sections(wins.tempos, wins.bars, wins.meters, wins.starts, wins.end).items()}


def test_a_stepwise_ramp_is_played_through(make_midi):
    """24 bars of one riff, 104 BPM, 112 from bar 9 and 121 from bar 17: no section at either step (the drums play
    one groove from bar 1, no fill, no crash), and drumify says no tempo change."""
    path = make_midi(riff(0.0, 24, 4), tempos=((0, 104.0), (32, 112.0), (64, 121.0)))
    assert tempo_changes(path) == {}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1]
    assert not any("tempo" in m for m in res.messages), res.messages


def test_a_step_of_its_own_or_against_its_neighbour_is_a_section(make_midi):
    """One step of 8.7% is a section; so is each of two steps that go opposite ways (up 9.6%, back down 8.8%), and
    each of a small step and a big one (a 15% jump is no ramp's step, nor is the small step beside it a ramp's)."""
    alone = make_midi(riff(0.0, 16, 4), tempos=((0, 104.0), (32, 113.0)), name="alone.mid")
    assert tempo_changes(alone) == {9: (104, 113)}
    res = Engine(BarEndFills()).drumify(read_midi(alone), Settings())
    assert crash_bars(res) == [1, 9]
    there_and_back = make_midi(riff(0.0, 24, 4), tempos=((0, 104.0), (32, 114.0), (64, 104.0)), name="back.mid")
    assert tempo_changes(there_and_back) == {9: (104, 114), 17: (114, 104)}
    jump = make_midi(riff(0.0, 24, 4), tempos=((0, 100.0), (32, 109.0), (64, 125.0)), name="jump.mid")
    assert tempo_changes(jump) == {9: (100, 109), 17: (109, 125)}


def test_a_jump_with_a_small_step_far_on_is_a_section(make_midi):
    """A jump of 8.3% in bar 17 and a nudge the same way 40 bars later (2.7%) are no stepwise ramp: the jump is a
    section still (a review had found it lost to any later step the same way, however far)."""
    path = make_midi(riff(0.0, 64, 4), tempos=((0, 120.0), (64, 130.0), (224, 133.5)))
    assert tempo_changes(path) == {17: (120, 130)}
