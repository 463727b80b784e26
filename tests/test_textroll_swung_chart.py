"""A chart of swung drums says how to read it: swung 8ths are drawn on the 16th grid's 'a' column ('x--x x--x'),
which a drummer read as dotted 8th + 16th. Straight charts are as they were."""

import numpy as np

from reagroove.core.cli import main
from reagroove.core.loop import STEPS, VOICES
from reagroove.core.swing import swing_loops
from reagroove.core.textroll import loops_roll, versions_rolls

from test_cli import EXAMPLES

HAT, KICK, SNARE = (VOICES.index(v) for v in ("closed_hat", "kick", "snare"))


def _straight_loops(count=2):
    n = len(VOICES)
    hvo = np.zeros((count, STEPS, 3 * n), np.float32)
    for voice, steps in ((HAT, range(0, STEPS, 2)), (KICK, range(0, STEPS, 8)), (SNARE, range(4, STEPS, 8))):
        hvo[:, list(steps), voice] = 1
        hvo[:, list(steps), n + voice] = 0.7
    return hvo


def _said_swung(lines):
    return [line for line in lines if "swung" in line]


def test_a_swung_chart_says_its_8ths_sit_on_the_a_and_a_straight_one_is_unchanged():
    straight = _straight_loops()
    swung = swing_loops(straight, 2.67)
    bars = np.array([1, 3])
    plain = loops_roll(straight, bars)
    assert not _said_swung(plain)
    chart = loops_roll(swung, bars)
    said = _said_swung(chart)
    assert len(said) == 1 and chart[0] == said[0] and "'a'" in said[0] and "8th" in said[0]
    hats = next(line for line in chart if "closed_hat" in line)
    assert "x--x x--x" in hats  # the swung 8ths on the 'a', as the note says
    assert len(chart) == len(plain) + 1  # the rows themselves are drawn as ever


def test_versions_say_it_once_over_the_first_swung_chart():
    straight = _straight_loops()
    swung = swing_loops(straight, 2.67)
    charts = versions_rolls([straight, swung, swung], np.array([1, 3]))
    assert [len(_said_swung(c)) for c in charts] == [0, 1, 0]


def test_drumify_of_a_shuffle_prints_the_note_and_a_straight_part_does_not(tmp_path, capsys):
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(tmp_path / "b.mid")]) == 0
    shuffle = capsys.readouterr().out.splitlines()
    legend = next(k for k, line in enumerate(shuffle) if "'X' loud" in line)
    assert len(_said_swung(shuffle[legend:])) == 1 and "'a'" in shuffle[legend + 1], shuffle[:6]
    assert main(["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(tmp_path / "f.mid")]) == 0
    assert not [line for line in capsys.readouterr().out.splitlines() if "'a'" in line]
