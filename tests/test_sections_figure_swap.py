"""Fewer parts coming in than leave, the parts that stay changing their figures: a new section a drummer hears
(freedoom's d_map30, bars 25 and 65: both distortion guitars out, strings in, the bass to straight 16ths and the
lead from 16ths to a phrase; its drummer fills into each and crashes on it). The band's onsets (every 16th either
side) and the bass's moved too little for a change of texture, and one part in for two out was no swap: the drums
had grooved through with no fill and no crash (part_swap_sections.py)."""

from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.form_notes import form_notes
from reagroove.core.groove import extract_windows
from reagroove.core.part_swap_sections import part_swap_sections
from reagroove.core.phrases import part_sections
from reagroove.core.settings import Settings

LAST = 24
GUITARS = ("x-xx-x-x-x-x-x--", "--x-xx-x-x-x-x-x")  # two guitars' riffs (channels 2 and 3), out from the change
RIFF = "xxxx-x-xxxxx-x-x"  # the bass (channel 0) before the change ...
STRAIGHT = "x" * 16  # ... and after it
PHRASE = "x---x-----x-x-x-"  # the lead's figure after the change (16ths before), and the strings' (in with it)


def figure(bars, steps, pitch, channel, vel=100):
    return [((b - 1) * 4.0 + i / 4, pitch, vel, channel) for b in bars for i, c in enumerate(steps) if c == "x"]


def song(make_midi, change=13, name="song.mid", figures_move=True):
    """Bars 1..LAST: bass, lead and a pad throughout, two guitars to bar `change`, strings from it; from it too the
    bass STRAIGHT, the lead on PHRASE and the pad on 1 and 3 (figures_move; else all three as before)."""
    before, after = range(1, change), range(change, LAST + 1)
    old = figure(before, RIFF, 40, 0) + figure(before, "x" * 16, 72, 1) + figure(before, "x" + "-" * 15, 60, 4)
    new = figure(after, STRAIGHT, 43, 0) + figure(after, PHRASE, 74, 1) + figure(after, "x-------x-------", 62, 4)
    if not figures_move:
        old = figure(range(1, LAST + 1), RIFF, 40, 0) + figure(range(1, LAST + 1), "x" * 16, 72, 1) + \
            figure(range(1, LAST + 1), "x" + "-" * 15, 60, 4)
        new = []
    guitars = [n for g, steps in enumerate(GUITARS) for n in figure(before, steps, 52 + g, 2 + g)]
    return make_midi(sorted(old + new + guitars + figure(after, PHRASE, 67, 5)), name=name, length=0.2)


def swaps(path):
    wins = extract_windows(read_midi(path))
    return part_swap_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [], [], wins.starts,
                              wins.end)


def test_two_parts_out_one_in_and_the_band_changing_its_figures_start_a_section(make_midi):
    """The drums fill in bar 12 and crash on 13, and drumify says why."""
    path = song(make_midi)
    assert swaps(path) == {13: (2, 1)}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert 13 in crash_bars(res) and bar_hits(res, 12)[12:, TOM].any()
    assert any("the band swaps parts in bar 13 (2 parts out, 1 part in)" in m for m in res.messages), res.messages


def test_parts_leaving_with_none_in_said_as_new_figures(make_midi):
    """Parts leaving with none coming in, the rest changing their figures (freedoom's d_e2m1, bar 26: three parts
    out): said as the parts leaving and the rest on new figures (it had read "3 parts out, 0 parts in")."""
    wins = extract_windows(read_midi(song(make_midi)))
    form = part_sections(Settings(), wins.grooves, wins.bass, wins.bars, wins.meters, [], [], wins.starts, wins.end,
                         parts=wins.parts)._replace(part_swaps={13: (3, 0)})
    assert [m for m in form_notes(form, [], int) if "swaps parts" in m] == [
        "the band swaps parts in bar 13 (3 parts out, the rest on new figures): it starts a new section (a fill into "
        "it, a crash on it)"]


def test_what_is_no_such_section(make_midi):
    """The same parts changing with the staying parts on their old figures (a hand-over over one riff), and the
    change off the song's 4-bar phrases (a variation inside one), are no section."""
    assert swaps(song(make_midi, name="same.mid", figures_move=False)) == {}
    assert swaps(song(make_midi, change=14, name="off.mid")) == {}
