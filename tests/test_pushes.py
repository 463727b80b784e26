"""Pushes: the band moving into a new section an 8th early (its new chord struck on the "and" of 4 of the bar
before and tied over the bar line), or stopping to hit a chord there, is caught as a drummer catches it: kick
and crash on that "and" of 4, the downbeat after it left open (no second crash), the groove back after it. A
riff that syncopates into every bar is the band's groove, played through."""

from test_sections import EIGHTHS, band, write_song
from test_stop_time import CRASH, KICK, SNARE, bar_hits

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows
from reagroove.core.settings import Settings
from reagroove.core.stop_time import band_stops

QUARTERS = (0.0, 1.0, 2.0, 3.0)
TOMS = (4, 5, 6)
AND_OF_4 = 14  # the last 8th of a 4/4 bar, in 16ths


def pushed(bar, length=1.5):
    """The band's chord struck on the "and" of 4 of the bar before `bar` and held `length` beats over its line."""
    return [((bar - 1) * 4.0 - 0.5, p, length) for p in (40, 64, 67)]


def stops_in(path):
    wins = extract_windows(read_midi(path))
    return band_stops(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end, sounding=wins.sounding)


def test_the_drums_catch_the_band_pushing_into_the_chorus(tmp_path, shipped):
    # verse: 8ths in bars 1-7 and in bar 8 up to beat 4; the chorus's chord pushed on the "and" of 4 of bar 8 and
    # held to beat 2 of bar 9, then quarters from there (the drums had filled through the push and crashed on
    # bar 9's downbeat, where the band strikes nothing)
    notes = band(range(1, 9), EIGHTHS[:-1]) + pushed(9) + band([9], QUARTERS[1:]) + band(range(10, 17), QUARTERS)
    res = shipped.drumify(read_midi(write_song(tmp_path / "push.mid", notes)), Settings())
    assert [(s.bar, s.pushed) for s in res.stops if s.back is not None] == [(9, True)]
    assert any('pushes into bar 9 on the "and" of 4 of bar 8' in m for m in res.messages)
    before, after = bar_hits(res, 8), bar_hits(res, 9)
    assert before[AND_OF_4, KICK] and before[AND_OF_4, CRASH]  # caught with the band
    assert before[8:AND_OF_4, list(TOMS) + [SNARE]].any()  # the fill into the chorus leads up to it
    assert not before[AND_OF_4 + 1:].any()  # the crash rings over the bar line
    assert not after[0].any()  # no second crash, no kick on the 1 the band left open
    assert not after[:, CRASH].any() and after[:, SNARE].any()  # the groove back in the chorus


def test_the_drums_catch_a_push_the_band_stops_to_hit_without_a_fill(tmp_path, shipped):
    # 8ths all song but bar 5, where the band rests from beat 3 and pushes bar 6's chord on the "and" of 4, held
    # to beat 2: no section there, so no fill, yet the drums hit it with the band
    notes = band([*range(1, 5), *range(7, 13)], EIGHTHS) + band([5], EIGHTHS[:4]) + pushed(6) \
        + band([6], EIGHTHS[2:])
    res = shipped.drumify(read_midi(write_song(tmp_path / "hit.mid", notes)), Settings())
    assert [(s.bar, s.pushed) for s in res.stops if s.back is not None] == [(6, True)]
    before, after = bar_hits(res, 5), bar_hits(res, 6)
    assert before[AND_OF_4, KICK] and before[AND_OF_4, CRASH]
    assert not before[:, list(TOMS)].any()  # no fill: the band's part goes on as before
    assert not after[0].any() and after[:, SNARE].any()


def test_a_riff_that_anticipates_every_bar_is_a_groove_not_a_push(tmp_path, shipped):
    # every bar's chord struck on the "and" of 4 of the bar before and tied over, 8ths in the verse (bars 1-8),
    # quarters in the chorus (bars 9-16): the band's syncopated riff, the push into the chorus one of its own
    riff = [n for bar in range(2, 17) for n in pushed(bar)] + band(range(1, 9), EIGHTHS[2:-1]) \
        + band(range(9, 17), QUARTERS[1:3])
    path = write_song(tmp_path / "riff.mid", riff)
    assert not [s for s in stops_in(path) if s.pushed]
    res = shipped.drumify(read_midi(path), Settings())
    assert all(bar_hits(res, bar)[:, SNARE].any() for bar in range(2, 16))
    # a 2-bar riff pushing into every other bar, into the chorus too: no push either
    riff = [n for bar in range(3, 17, 2) for n in pushed(bar)] + band(range(1, 9, 2), EIGHTHS[2:-1]) \
        + band(range(2, 9, 2), EIGHTHS[:-1]) + band(range(9, 17, 2), QUARTERS[1:3]) + band(range(10, 17, 2), QUARTERS)
    assert not [s for s in stops_in(write_song(tmp_path / "riff2.mid", riff)) if s.pushed]


def test_a_push_into_a_marked_section_is_caught_where_the_part_goes_on_alike(tmp_path, shipped):
    # 8ths all song; the chord of bar 9 pushed on the "and" of 4 of bar 8 and held over the bar line, the part the
    # same before and after: nothing in the notes says a section starts, a REAPER region or marker on bar 9 does
    # (the drums had crashed on bar 9's 1, a 16th-and-a-half after the band's push)
    notes = band(range(1, 9), EIGHTHS[:-1]) + pushed(9) + band([9], EIGHTHS[2:]) + band(range(10, 17), EIGHTHS)
    song = read_midi(write_song(tmp_path / "marked.mid", notes))
    plain = shipped.drumify(song, Settings())
    assert not [s for s in plain.stops if s.pushed and s.back is not None]  # unmarked: the band's groove
    res = shipped.drumify(song, Settings(), section_bars=[9])
    assert [(s.bar, s.pushed) for s in res.stops if s.back is not None] == [(9, True)]
    before, after = bar_hits(res, 8), bar_hits(res, 9)
    assert before[AND_OF_4, KICK] and before[AND_OF_4, CRASH]
    assert not after[0].any() and not after[:, CRASH].any()
