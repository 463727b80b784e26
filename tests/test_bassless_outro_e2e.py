"""(Needs the stop_time.py/engine.py hookup in /tmp/H3/stop_time_engine.patch.) Drumify over keys playing on 7 bars
after the bass lands on bar 9: a kick and a crash on bar 9, nothing after it, and the note says so."""

from test_bassless_outro import song
from test_engine_song_form import CRASH, KICK, bar_hits
from test_meter_fills_and_backbeats import BarEndFills

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings


def test_drumify_ends_with_the_bass_and_lays_out(tmp_path):
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "outro.mid")), Settings())
    hit = bar_hits(res, 9)
    assert hit[0, KICK] and hit[0, CRASH] and not hit[1:].any()
    assert not any(bar_hits(res, b).any() for b in range(10, 17))
    assert bar_hits(res, 7).any()  # the groove up to it
    assert any("the bass leaves on bar 9" in m for m in res.messages), res.messages
