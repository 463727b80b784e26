"""`reagroove live` with no --bpm (120) and a ballad player at 60 in 16ths: a bass note on each beat under an
arpeggio on its 'e', 'and' and 'a'. The opening reads the 16ths as 120's 8ths (at 56-70, as 112-139's), so the drums
came in at double time, and unlike the ballad in 8ths (tests/test_live_half_tempo.py) nothing was said. The ballad's
'and's, 120's 2 and 4, are clearly lighter than its beats: the half is offered (core/live_half_tempo.py
half_note_pulse). A rock part's 8ths at 120, its beats alike, and a riff whose 2 and 4 are nearly as loud as its 1
and 3, are not. Through the command line on in-memory ports (test_live_half_tempo.py's rig)."""

import pytest
from test_live_half_tempo import FIRST, RIFF, ROCK, came_in, live, played

# a ballad's 16ths, a bar: the bass on each beat at 95, the arpeggio's 'e', 'and', 'a' at 60, 72, 58
ARPEGGIO = [(b + s / 4, (40, 43)[b % 2] if s == 0 else (55, 60, 64)[s - 1], 95 if s == 0 else (60, 72, 58)[s - 1])
            for b in range(4) for s in range(4)]


@pytest.mark.parametrize("bpm, said", [
    (60.0, "the drums come in at 120 BPM; playing at 60? give --bpm 60"),
    (64.0, "the drums come in at 128 BPM, read from your playing (--bpm 120); playing at 64? give --bpm 64"),
])
def test_a_ballad_in_16ths_with_no_bpm_is_told_how_to_get_its_tempo(monkeypatch, capsys, shipped, bpm, said):
    lines, _ = live(monkeypatch, capsys, shipped, [], played(ARPEGGIO, bpm, bars=4), FIRST + 3 * 4 * 60.0 / bpm)
    assert came_in(lines) == said


# a pumping 8ths bass at 120 accenting 1 and 3; pop piano's 8th chords with the bass added on 1 and 3 (a fuller chord)
PUMP = [(b / 2, 40, 100 if b % 4 == 0 else 70) for b in range(8)]
PIANO = [(b / 2, p, 90 if b % 4 == 0 else 75) for b in range(8) for p in ((36, 60, 64, 67) if b % 4 == 0 else (60, 64))]


@pytest.mark.parametrize("part", [ROCK, RIFF, PUMP, PIANO], ids=["rock 8ths", "riff 8ths", "pumping bass", "pop piano"])
def test_8ths_at_120_are_offered_no_half(monkeypatch, capsys, shipped, part):
    lines, _ = live(monkeypatch, capsys, shipped, [], played(part, 120.0), FIRST + 4 * 4 * 0.5)
    assert came_in(lines) == "the drums come in at 120 BPM"
