"""Section changes the band plays that drumify had missed (a drummer's review of freedoom songs, drums removed).

d_map26 (parts swap every 8 bars): on bar 19 strings and both brasses go out and guitar and choir come in, the band's
16ths running on as before; its drummer fills in 18 and crashes on 19. part_swap_sections refused it for one more
part leaving than joining (3 out, 2 in): the band keeps its size there, no breakdown. On bar 31 the choir goes out and
the strings come back, the band on bar 11's parts again (returning_parts.py), 4 bars after the section on 27: one part
for another was no swap, and a section 4 bars after another was never heard. And d_map14's bar 9, three parts joining
and none leaving, was said "the band swaps parts in bar 9 (0 parts out, 3 parts in)": said as parts joining.
"""

from pathlib import Path

import pytest
from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.form_notes import form_notes
from reagroove.core.groove import extract_windows
from reagroove.core.part_swap_sections import part_swap_sections
from reagroove.core.phrases import part_sections
from reagroove.core.returning_parts import returning_parts_sections
from reagroove.core.settings import Settings

SWAP, LAST = 13, 24
MAP26 = Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi/d_map26.mid"


def figure(bars, steps, pitch, channel, vel=90):
    return [((b - 1) * 4.0 + i / 4, pitch, vel, channel) for b in bars for i, c in enumerate(steps) if c == "x"]


def song(make_midi, name="song.mid", leaving=3, joining=2):
    """A bass on every 16th throughout; `leaving` parts (strings, brasses: channels 1-4) to bar SWAP, `joining`
    parts (guitar, choir: channels 5-7) from it, each on its own figure (the band's onsets every 16th either side)."""
    before, after = range(1, SWAP), range(SWAP, LAST + 1)
    out_figures = ("x-------x-------", "x---x---x---x---", "--x---x---x---x-", "x-x-----x-x-----")
    in_figures = ("x--x--x-x--x--x-", "x---------------", "----x-------x---")
    notes = figure(range(1, LAST + 1), "x" * 16, 40, 0, 100)
    notes += [n for k in range(leaving) for n in figure(before, out_figures[k], 60 + 3 * k, 1 + k)]
    notes += [n for k in range(joining) for n in figure(after, in_figures[k], 64 + 5 * k, 5 + k)]
    return make_midi(sorted(notes), name=name, length=0.2)


def swaps(path):
    wins = extract_windows(read_midi(path))
    return part_swap_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [], [], wins.starts,
                              wins.end)


def test_three_parts_out_two_in_start_a_section(make_midi):
    """Three parts out and two in over the same 16ths: the drums fill in bar 12 and crash on 13, and drumify says
    why (they had grooved through it)."""
    path = song(make_midi)
    assert swaps(path) == {SWAP: (3, 2)}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert SWAP in crash_bars(res) and bar_hits(res, SWAP - 1)[12:, TOM].any()
    assert any("the band swaps parts in bar 13 (3 parts out, 2 parts in)" in m for m in res.messages), res.messages


def test_most_of_the_band_leaving_is_still_no_swap(make_midi):
    """Three parts out and one in, or four out and two in (the band thinning: a breakdown's business), start none."""
    assert swaps(song(make_midi, "one_in.mid", leaving=3, joining=1)) == {}
    assert swaps(song(make_midi, "four_out.mid", leaving=4, joining=2)) == {}


def test_parts_joining_and_none_leaving_are_said_as_joining(make_midi):
    """d_map14's bar 9 (three parts in, none out) reads as parts joining the band, not a swap of "0 parts out"."""
    wins = extract_windows(read_midi(song(make_midi)))
    form = part_sections(Settings(), wins.grooves, wins.bass, wins.bars, wins.meters, [], [], wins.starts, wins.end,
                         parts=wins.parts)._replace(part_swaps={9: (0, 3), 21: (2, 2)})
    said = form_notes(form, [], int)
    assert "3 new parts join the band in bar 9: it starts a new section (a fill into it, a crash on it)" in said, said
    assert "the band swaps parts in bar 21 (2 parts out, 2 parts in): it starts a new section (a fill into it, a " \
           "crash on it)" in said, said
    assert not any("0 parts out" in m for m in said), said


def verse_again(make_midi, name="again.mid", back=True):
    """A bass on every 16th throughout; strings (channel 1) and a brass (channel 2) in bars 1-8, the choir
    (channel 3) for the strings in 9-16, and from 17 the strings back for the choir (back; else a guitar, channel 4,
    never heard before)."""
    notes = figure(range(1, 25), "x" * 16, 40, 0, 100) + figure(range(1, 25), "x---x---x---x---", 67, 2)
    notes += figure(range(1, 9), "x-------x-------", 60, 1) + figure(range(9, 17), "x---------------", 72, 3)
    notes += figure(range(17, 25), "x-------x-------", 60, 1) if back else figure(range(17, 25), "x--x--x-", 55, 4)
    return make_midi(sorted(notes), name=name, length=0.2)


def returns(path, near=()):
    wins = extract_windows(read_midi(path))
    return returning_parts_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [], list(near),
                                    wins.starts, wins.end)


def test_the_band_back_on_an_earlier_sections_parts_starts_a_section(make_midi):
    """The strings back for the choir on bar 17, the band on bars 1-8's parts again: a fill in 16, a crash on 17,
    said as a swap (one part for another on bar 9, to parts never heard before, is none). Heard too 4 bars after a
    section (the end of a 4-bar passage), not 5."""
    path = verse_again(make_midi)
    assert returns(path) == {17: (1, 1)} and returns(path, near=[13]) == {17: (1, 1)}
    assert returns(path, near=[12]) == {} and returns(verse_again(make_midi, "new.mid", back=False)) == {}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert 17 in crash_bars(res) and bar_hits(res, 16)[12:, TOM].any() and 9 not in crash_bars(res)
    assert any("the band swaps parts in bar 17 (1 part out, 1 part in)" in m for m in res.messages), res.messages


@pytest.mark.skipif(not MAP26.exists(), reason="freedoom's d_map26 is not here")
def test_d_map26_bars_19_and_31():
    """The song's swaps on bars 19 and 31 are heard: a fill in the bar before each, a crash on it (as its own
    drummer plays them)."""
    wins = extract_windows(read_midi(MAP26))
    found = part_swap_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [], [], wins.starts,
                               wins.end)
    assert found.get(19) == (3, 2), found
    res = Engine(BarEndFills()).drumify(read_midi(MAP26), Settings())
    assert {19, 31} <= set(crash_bars(res)) and bar_hits(res, 18)[12:, TOM].any() and bar_hits(res, 30)[12:, TOM].any()


def call_and_response(make_midi, name="call.mid"):
    """A bass on every 16th throughout and a brass (channel 2) on the beats; strings (channel 1) and the choir
    (channel 3) trading a 4-bar phrase each over 32 bars: one section, its parts answering each other."""
    notes = figure(range(1, 33), "x" * 16, 40, 0, 100) + figure(range(1, 33), "x---x---x---x---", 67, 2)
    for start in range(1, 33, 8):
        notes += figure(range(start, start + 4), "x-------x-------", 60, 1)
        notes += figure(range(start + 4, start + 8), "x---------------", 72, 3)
    return make_midi(sorted(notes), name=name, length=0.2)


def test_parts_trading_four_bar_phrases_are_no_return(make_midi):
    """Strings and choir answering each other every 4 bars: the band never left the strings' section, so no bar is
    a return to it (each had been heard as one, a fill and a crash every 4 bars from bar 9)."""
    path = call_and_response(make_midi)
    assert returns(path) == {}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert not {13, 17, 21, 25, 29} & set(crash_bars(res)), crash_bars(res)
