"""`reagroove live` with no --meter and no --bpm, a 6/8 folk arpeggio or a 12/8 blues at 60 dotted quarters a
minute: their 8ths were read as 8ths at 90, the drums played a rock beat across the compound bars, and the entry line
offered "playing at 180? give --bpm 180", which made it worse (R12 P3/P4). Their 8ths group in threes: the line now
asks for the meter (core/live_meter_hint.py); straight parts are asked nothing of it. As test_live_half_tempo.py."""

import pytest
from test_live_double_tempo import FUNK, QUARTERS
from test_live_half_tempo import FIRST, RIFF, ROCK, came_in, live, played

ASKED = "; in 6/8 or 12/8? give --meter 6/8 (or 12/8)"
# a 6/8 bar's 8ths (beat, pitch, velocity): a guitar arpeggio, its dotted-quarter beats louder (R10's p6)
FOLK = [(0, 43, 95), (0.5, 59, 60), (1, 62, 60), (1.5, 67, 80), (2, 62, 60), (2.5, 59, 60)]
# a 12/8 bar: triplet chords, the bass with each dotted-quarter beat's (R11's p7)
BLUES = [(b * 1.5 + e * 0.5, p, 88 if e == 0 else (62 if e == 1 else 72))
         for b in range(4) for e in range(3) for p in ((31 + 2 * b,) if e == 0 else ()) + (59, 62, 65)]


def compound(bar, length, bpm=90.0, bars=6, jitter=0.006):
    """(seconds, pitch, velocity) of `bars` bars of `bar` (`length` quarter notes) at `bpm` from FIRST."""
    return [(FIRST + (k * length + b) * 60.0 / bpm + (jitter if (k + int(b * 2)) % 3 == 1 else -jitter * (k % 2)),
             p, v) for k in range(bars) for b, p, v in bar]


@pytest.mark.parametrize("bar, length", [(FOLK, 3.0), (BLUES, 6.0)], ids=["6/8 folk", "12/8 blues"])
def test_a_compound_part_with_no_meter_is_asked_for_it_not_its_double(monkeypatch, capsys, shipped, bar, length):
    lines, _ = live(monkeypatch, capsys, shipped, [], compound(bar, length), FIRST + 4 * 6 * 60 / 90)
    said = came_in(lines)
    assert said.startswith("the drums come in at 9") and said.endswith(ASKED), said
    assert "give --bpm" not in said, said


def test_told_the_meter_it_offers_nothing(monkeypatch, capsys, shipped):
    """--meter 6/8 and no --bpm: the 8ths of 60 dotted quarters are no quarter notes at 180 either."""
    lines, _ = live(monkeypatch, capsys, shipped, ["--meter", "6/8"], compound(FOLK, 3.0), FIRST + 4 * 6 * 60 / 90)
    said = came_in(lines)
    assert "--meter" not in said and "give --bpm" not in said, said


@pytest.mark.parametrize("part, bpm", [(ROCK, 90.0), (RIFF, 90.0), (FUNK, 170.0), (QUARTERS, 170.0), (RIFF, 60.0)],
                         ids=["rock 8ths at 90", "8ths riff at 90", "funk at 170", "quarters at 170", "ballad at 60"])
def test_a_straight_part_is_never_asked_for_a_meter(monkeypatch, capsys, shipped, part, bpm):
    lines, _ = live(monkeypatch, capsys, shipped, [], played(part, bpm), FIRST + 5 * 4 * 60 / bpm)
    assert "--meter" not in came_in(lines)
