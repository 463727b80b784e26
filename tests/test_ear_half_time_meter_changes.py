"""Half time (`--feel half`) across a change of meter: a 4/4 bar sharing its window with a 3/4 or 2/4 bar before it
starts a beat or two before its loop beat, so its phrases are laid on its own half-note beats. They had been laid one
to one there, as in a window of 4/4 bars: a 3/4 bridge going back to 4/4 on bar 16 had its crash on bar 15's beat 3,
its fill on bar 16's 1 (no kick there), and a 2/4 bar's phrase lost the crash on the 4/4 bar after it."""

from test_ear_odd_bar_phrases import song
from test_engine_meter_tempo_sections import riff
from test_meter_fills_and_backbeats import KICK, crash_bars, hits_in

from reagroove.core import read_midi
from reagroove.core.settings import Settings

TOMS = [4, 5, 6]


def waltz_bridge(make_midi):
    """Bars 1-8 in 4/4, 9-15 in 3/4 (seven: bar 15 shares its window with bar 16), 16-23 in 4/4."""
    notes = riff(0.0, 8, 4) + riff(32.0, 7, 3) + riff(53.0, 8, 4)
    return make_midi(sorted(notes), "bridge.mid", time_signatures=((0, 4, 4), (32, 3, 4), (53, 4, 4)))


def test_the_crash_back_into_4_4_is_on_its_bar_line_and_the_fill_before_it(shipped, make_midi):
    res = shipped.drumify(read_midi(waltz_bridge(make_midi)), Settings(feel="half"))
    assert crash_bars(res) == [1, 9, 16]  # (crash_bars: no crash off a bar's downbeat)
    assert hits_in(res, 15, -1, TOMS) > 0  # the fill on the 3/4 bar's beat 3
    assert hits_in(res, 16, 0, TOMS) == 0 and hits_in(res, 16, 0, [KICK]) > 0  # bar 16 opens on its beat


def test_a_2_4_bars_phrase_crashes_on_the_half_time_bar_after_it(shipped, make_midi):
    res = shipped.drumify(read_midi(song(make_midi, 2, 1)), Settings(feel="half", fill_every=2))
    assert crash_bars(res) == [1, 5, 10, 14]
    assert hits_in(res, 9, -1, TOMS) > 0 and hits_in(res, 10, 0, TOMS) == 0
