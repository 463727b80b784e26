"""A live session's loops are decoded at the session's tempo, as drumify decodes a part's at its tempo
(core/live_part.py: Engine.play_part's bpm). The rules after the network that ask the tempo (house's kick on every
beat only at idioms.HOUSE_BPM or faster, the fills' landings two hands play at it, a take judged for a hand's speed)
had it for drumify and never live, where only the fills' runs were told it. An off-beat bass at 90 BPM (a skank's
bass, its keys on the "and"s) got drumify's groove from drumify and house's four on the floor with open hats
between live. On the shipped model, the session fed as test_live_fill_landings' is."""

import pytest
import test_live_fill_landings
from test_live_fill_landings import heard_live

from reagroove.core.idioms import HOUSE_BPM
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

BARS = 8
OFF_BEATS = [(beat + 0.5, pitch, vel) for pitch, vel in ((40, 100), (64, 80)) for beat in range(4)]  # bass, keys
KICK, OPEN_HAT = VOICES.index("kick"), VOICES.index("open_hat")
SETTINGS = Settings(fill_every=2)  # fills end bars 4 and 8


def live_and_drumified(shipped, make_midi, monkeypatch, bpm):
    """(live, drumify) steps (T, 27) over BARS bars of OFF_BEATS at `bpm`, as heard: 16th by 16th from bar 1."""
    monkeypatch.setattr(test_live_fill_landings, "BPM", bpm)
    monkeypatch.setattr(test_live_fill_landings, "POP", OFF_BEATS)
    live = heard_live(shipped, SETTINGS, BARS)
    notes = [(4 * bar + beat, pitch, vel, 1) for bar in range(BARS) for beat, pitch, vel in OFF_BEATS]
    result = shipped.drumify(read_midi(make_midi(notes, tempos=((0, bpm),), length=4 * BARS)), SETTINGS)
    return live, result.loops.reshape(-1, result.loops.shape[-1])


def bar(rows, b):
    return rows[16 * (b - 1):16 * b, :len(VOICES)] > 0.5


@pytest.mark.parametrize("bpm", [90.0, 200.0])
def test_a_live_session_plays_drumifys_groove_at_its_tempo(shipped, make_midi, monkeypatch, bpm):
    """Under HOUSE_BPM the off-beat bass is no house (the old live loop: the kick on every beat, open hats between);
    at 200 both play house's groove, and the same fills' runs and landings."""
    live, drumify = live_and_drumified(shipped, make_midi, monkeypatch, bpm)
    # bars 3 to 7 as drumify's, bar 4's fill and the windows' second bars too (the take's bar 2 as played since:
    # live_take.py; at 90 bars 4 and 6 had lacked drumify's kick on the 1's "and"); bars 1 and 2 are the
    # session's start, and drumify's bar 8 its song's end, which live cannot know
    for b in range(3, BARS):
        assert (bar(live, b) == bar(drumify, b)).all(), b
    if bpm < HOUSE_BPM:
        for b in range(3, BARS):
            assert not bar(live, b)[0::4, KICK].all() and not bar(live, b)[:, OPEN_HAT].any(), b
            assert not bar(drumify, b)[0::4, KICK].all()
