"""Two leads joining on a phrase while the bass plays every 16th (freedoom's d_dm07, bars 17 and 49): the band's
onsets never move and its part count was not steady before (a keyboard came in 4 bars earlier), so no other section
rule heard it; its drummer fills into the bar and crashes on it. Off the phrases, or in the song's opening bars
(an intro building), a drummer mostly plays through: no section there."""

from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.joining_parts import joining_parts_sections
from reagroove.core.settings import Settings

JOIN, LAST = 17, 32  # the bar the leads join on (a phrase's first), the song's last


def song(make_midi, join=JOIN, keys_in=None, name="song.mid"):
    """A bass on every 16th and a pad's root on each downbeat from bar 1, a keyboard on 1 and 3 from `keys_in` (4
    bars before the join), and two leads from `join` to the end: one on 8ths, one on 1, 2& and 4."""
    keys_in = join - 4 if keys_in is None else keys_in
    every = range(1, LAST + 1)
    notes = [((b - 1) * 4.0 + i / 4, 40, 100, 0) for b in every for i in range(16)]
    notes += [((b - 1) * 4.0, 52, 80, 4) for b in every]
    notes += [((b - 1) * 4.0 + t, 64, 80, 3) for b in range(keys_in, LAST + 1) for t in (0.0, 2.0)]
    notes += [((b - 1) * 4.0 + t / 2, 76 + t % 3, 90, 5) for b in range(join, LAST + 1) for t in range(8)]
    notes += [((b - 1) * 4.0 + t, 84, 90, 6) for b in range(join, LAST + 1) for t in (0.0, 1.5, 3.0)]
    return make_midi(sorted(notes), name=name, length=0.25)


def joins(path, near=()):
    wins = extract_windows(read_midi(path))
    return joining_parts_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [], list(near),
                                  wins.starts, wins.end)


def test_two_leads_joining_on_a_phrase_over_the_same_16ths_start_a_section(make_midi):
    """A fill into bar 17 and a crash on it (the drums had grooved from bar 1 to 32 with no crash after bar 1), and
    drumify says why, as it says other parts joining."""
    path = song(make_midi)
    assert joins(path) == {JOIN: (0, 2)}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, JOIN]
    assert bar_hits(res, JOIN - 1)[12:, TOM].any()
    assert not bar_hits(res, JOIN - 5)[12:, TOM].any()  # (the keyboard alone joining is no section)
    assert any(f"2 new parts join the band in bar {JOIN}" in m for m in res.messages), res.messages


def test_parts_joining_off_the_phrases_or_in_the_opening_start_no_section(make_midi):
    """The same leads joining on bar 19 (off the 4-bar phrases), or on bar 5 (the opening building up): grooved
    through, one crash on bar 1; nor is a join heard near another section."""
    for name, join, keys_in in (("off.mid", 19, None), ("opening.mid", 5, 1)):
        path = song(make_midi, join, keys_in, name)
        assert joins(path) == {}, name
        res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
        assert crash_bars(res) == [1], name
    assert joins(song(make_midi, name="near.mid"), near=[JOIN - 4]) == {}
