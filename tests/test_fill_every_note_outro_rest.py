"""The fill_every note says only bars where a fill plays (core/phrases.py fill_every_bars).

Before: a song cutting off in bar 15 into held chords (bars 16-18, the outro: core/outro.py) with --fill-every 4bars
was said to end bars 14 and 17 in fills ("...into the song's last hit in bar 18: none in bar 16; fills also end
bars 14, 17"), where bar 17 is inside the outro's rest: the drums play nothing there, the cymbal ringing."""

import re

from test_ending_cut_off import CUT_OFF, SIXTEENTHS
from test_sections import band, write_song
from test_stop_time import bar_hits

from reagroove.core import read_midi
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings
from reagroove.core.stops import Stop

DRUMS = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]


def said_fill_bars(messages) -> list[int]:
    """The bars the fill_every note says also end in a fill."""
    note = next(m for m in messages if m.startswith("a fill every"))
    said = re.search(r"(?:fills also end bars|a fill also ends bar) ([\d, ]+)", note)
    return [int(b) for b in said.group(1).split(", ")] if said else []


def test_a_bar_of_the_outros_rest_is_not_said_to_end_in_a_fill(tmp_path, shipped):
    # bars 1-14 16ths, a short cut-off in bar 15, then three held chords (bars 16-18): the outro
    notes = band(range(1, 15), SIXTEENTHS, 0.2) + band([15], CUT_OFF, 0.2) + band(range(16, 19), (0.0,), 3.9)
    res = shipped.drumify(read_midi(write_song(tmp_path / "cut.mid", notes)), Settings(fill_every=2))
    assert [(s.bar, s.back_bar) for s in res.stops if s.held] == [(15, 16), (16, 18), (18, None)]
    said = said_fill_bars(res.messages)
    assert said, res.messages  # (the fill into the cut-off's section, bar 14, is still said)
    for bar in said:
        assert bar_hits(res, bar)[-4:][:, DRUMS].any(), f"bar {bar} said to end in a fill, played none: {res.messages}"
    assert not bar_hits(res, 17).any()  # (the outro rests there, as before)


def test_resting_bars_keep_a_stops_lead_bar_for_its_fill():
    from reagroove.core.phrases import resting_bars

    # a stop in bar 8 back in bar 11 with a fill into it from bar 10; a held chord in bar 20 ringing to bar 23
    stops = [Stop(8, 0, 0, 11, (5, 0), (4, 16)), Stop(20, 9, 0, 23, (11, 0), held=True), Stop(23, 11, 0, held=True)]
    assert resting_bars(stops) == {8, 9, 20, 21, 22}
