"""What drumify says of a break the drums lay out under and of a closing figure running to beat 3 (freedoom's
d_map12): the break's note had promised "a fill into it where one is due" where the drums catch the band's hits and
play nothing until the comeback (the roll is the fill), and the ending's had put a figure reaching beat 3 "in the
first half" of its bar."""

from test_closing_figure_to_beat_three import LAST, chords_to_three
from test_closing_figure_to_beat_three import song as ending_song
from test_laid_out_breaks import BARS, BREAK, break_bar, drumify, groove
from test_laid_out_breaks import song as break_song
from test_meter_fills_and_backbeats import BarEndFills

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings


def test_a_laid_out_break_is_said_as_the_drums_laying_out():
    for figure, said in (((0.0,), "a short hit"), ((0.0, 0.5, 1.0, 1.5, 2.0), "5 short hits")):
        res = drumify(break_song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + break_bar(BREAK, figure)))
        lines = [m for m in res.messages if f"in bar {BREAK} and rests" in m]
        assert lines == [f"the band plays {said} in bar {BREAK} and rests until bar {BREAK + 1}: the drums catch "
                         f"{'it' if len(figure) == 1 else 'each'} with the band and lay out until the comeback"], \
            res.messages


def test_a_closing_figure_to_beat_three_is_said_as_one_in_its_bar():
    res = Engine(BarEndFills()).drumify(ending_song(chords_to_three(echoes=True, swell=True)), Settings())
    assert f"the song ends on a short closing figure in bar {LAST}: the drums play up to its last note and end " \
        "with one hit on it" in res.messages, res.messages
