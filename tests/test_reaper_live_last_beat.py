"""Live follow in REAPER hears the bar's last beat before making the next bar when there is time to: the next
bar was made a whole beat ahead of its bar line at any tempo under 120 BPM (one second at 60 BPM, where REAPER
needs half of it), so what was played on beat 4 of bar 1 (a pickup, a push into bar 2) never reached bar 2's drums.
Now it is made half a second ahead, and every bar is still written before REAPER renders it (simulated REAPER,
real reapy; the transport moves only between polls: no timing of this machine's)."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_runtime import armed_follower

from reagroove.core.loop import STEPS_PER_BEAT

NOTE_ON = bytes([0x90, 40, 100])


def grooves_made(follower) -> dict:
    """{bar line QN: the played groove's hits (steps of its window) when the loop from that bar line was made}."""
    session, made = follower.session, {}
    advance = session.advance

    def watched(beat):
        heard = session.groove(beat + session.lookahead)[:, 0].nonzero()[0].tolist()
        loops = advance(beat)
        made.update({float(m.boundary): heard for m in loops})
        return loops

    session.advance = watched
    return made


@pytest.mark.parametrize("bpm, beat4", [(60, [3.02, 3.25]), (90, [3.03]), (100, [3.02])])
def test_what_is_played_on_beat_4_reaches_the_next_bars_drums(bpm, beat4):
    """Quarter notes on beats 2 and 3 of bar 1, then beat 4 played 20-30 ms late (and at 60 BPM its 16th after):
    bar 2's loop is made from all of it. Every bar's first hits are still written before REAPER renders them."""
    beat_s = 60.0 / bpm
    with reapy_inside(bass_project(bpm=bpm), purge=PURGE) as s:
        s.reaper.transport.render_ahead = 0.2  # REAPER renders tracks that are not monitored up to ~200 ms ahead
        follower = armed_follower(s, bpm)
        made = grooves_made(follower)
        played = [1.0, 2.0, *beat4] + [4.0 + k * 0.5 for k in range(24)]  # then 8ths on
        s.reaper.input.schedule([(qn * beat_s, NOTE_ON) for qn in played])
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        while s.reaper.transport.position() < 16 * beat_s:
            s.reaper.transport.advance(0.03)
            follower.poll()
        steps = [int(round(qn * STEPS_PER_BEAT)) for qn in beat4]
        assert 4.0 in made and all(step in made[4.0] for step in steps), made.get(4.0)
        assert [4, 8] == [step for step in made[4.0] if step < 12]  # beats 2 and 3 as played
        assert s.reaper.late_notes == []
        assert len(follower.written) >= 3
