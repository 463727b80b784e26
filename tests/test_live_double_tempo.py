"""`reagroove live` with no --bpm (120) and a player at 170: past the tempos the opening reads (about 82-166), so
their notes were read at 85 and the drums came in at half time with only "read from your playing" said. The entry
line now offers the double (core/live_double_tempo.py), as it offers a ballad's half; a part that is 85's or
120's own is offered nothing. Through the command line and the shipped model, as test_live_half_tempo.py."""

import pytest
from test_live_half_tempo import RIFF, ROCK, came_in, live, played

FUNK = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 45, 95)]
QUARTERS = [(b, 40 + b, 100 if b % 2 == 0 else 85) for b in range(4)]
HALVES = [(0, 40, 100), (2, 43, 90), (3, 45, 85)]  # half notes and a quarter: 85's own, no 8ths between


@pytest.mark.parametrize("part", [FUNK, QUARTERS], ids=["funk riff in 16ths", "quarter-note bass"])
def test_a_part_at_170_with_no_bpm_is_offered_170(monkeypatch, capsys, shipped, part):
    lines, _ = live(monkeypatch, capsys, shipped, [], played(part, 170.0, jitter=0.004), FIRST_S + 6 * 4 * 60 / 170)
    assert came_in(lines) == ("the drums come in at 85 BPM, read from your playing (--bpm 120); "
                              "playing at 170? give --bpm 170")


def test_bpm_170_as_told_plays_at_170(monkeypatch, capsys, shipped):
    lines, _ = live(monkeypatch, capsys, shipped, ["--bpm", "170"], played(FUNK, 170.0, jitter=0.004),
                    FIRST_S + 6 * 4 * 60 / 170)
    assert came_in(lines) == "the drums come in at 170 BPM"


@pytest.mark.parametrize("part, bpm, said", [
    (HALVES, 85.0, "the drums come in at 85 BPM, read from your playing (--bpm 120)"),
    (ROCK, 120.0, "the drums come in at 120 BPM"),  # 120's 8ths: no 240
    (RIFF, 180.0, "the drums come in at 90 BPM, read from your playing (--bpm 120)"),  # 90's 16ths, said as read
], ids=["half notes at 85", "8ths at 120", "8ths at 180"])
def test_no_double_where_the_notes_are_the_tempo_reads(monkeypatch, capsys, shipped, part, bpm, said):
    lines, _ = live(monkeypatch, capsys, shipped, [], played(part, bpm), FIRST_S + 6 * 4 * 60 / bpm)
    assert came_in(lines) == said


FIRST_S = 1.0  # the player's first note (test_live_half_tempo.FIRST)
