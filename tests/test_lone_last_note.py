"""The song's last note alone and short on a downbeat after a bar that plays on: the drums fill into it and end
with one hit on it (kick and crash), said. A looping song's turnaround (freedoom's d_e2m1: a 32nd pickup at the
very end of its last bar, the file ending on the barline) is no such note: a 16th-step chart rounds it onto the
next bar's downbeat, but the band is cut off mid-groove there, and the drums play their last bar through."""

from test_sections import CRASH, EIGHTHS, band, write_song
from test_stop_time import KICK, SNARE, bar_hits

from reagroove.core import read_midi
from reagroove.core.settings import Settings

SIXTEENTHS = tuple(i / 4 for i in range(16))


def test_a_lone_short_note_on_the_last_downbeat_is_the_drums_last_hit(tmp_path, shipped):
    notes = band(range(1, 9), EIGHTHS, 0.2) + [(32.0, 40, 0.25)]  # one short bass note on bar 9's downbeat
    res = shipped.drumify(read_midi(write_song(tmp_path / "lone.mid", notes)), Settings())
    assert [(s.bar, s.back_bar) for s in res.stops if s.back_bar is None] == [(9, None)]
    last = bar_hits(res, 9)
    assert last[0, KICK] and last[0, CRASH] and not last[1:].any()  # one hit with the note, then nothing
    assert any("the song ends on one chord in bar 9" in m for m in res.messages), res.messages


def test_a_32nd_pickup_into_the_loop_point_is_no_last_hit(tmp_path, shipped):
    # bars 1-8 16ths, then a 32nd pickup on bar 8's last 32nd, ending on the file's last barline (beat 32)
    notes = band(range(1, 9), SIXTEENTHS, 0.2) + [(31.875, 41, 0.125)]
    res = shipped.drumify(read_midi(write_song(tmp_path / "loop.mid", notes)), Settings())
    assert not any(s.back_bar is None for s in res.stops)
    assert not any("the song ends" in m for m in res.messages), res.messages
    assert bar_hits(res, 8)[8:, SNARE].any()  # the groove through the last bar: a backbeat on 4
