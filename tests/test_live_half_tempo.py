"""`reagroove live` with no --bpm (120) and a ballad player at 60: their 8ths are 120's quarter notes, their quarter
notes its half notes, every note on a beat of 120. The opening reads within about 0.68-1.4 times --bpm, so it heard
120: the drums came in at double time (the crash on the player's beat 3, the snare on every "and" of their beats) and
nothing was said. The same notes are a walking bass's or a pad's at 120, which stay at 120 (test_live_slow_chords.py):
the entry line now says how to get the half (core/live_half_tempo.py), and --bpm 60 plays on the player's bars.
Through the command line, the rig it assembles and the shipped model, on in-memory ports and a scripted clock."""

import pytest
from helpers import MemoryInput, MemoryOutput, play_live

from reagroove.core import livemidi
from reagroove.core.cli import main
from reagroove.models import commands

CRASH, SNARES = 49, (38, 40)
# a bass riff in 8ths, (beat, pitch, velocity) a bar: the reviewer's, its 8ths softer
RIFF = [(0, 40, 105), (0.5, 40, 60), (1, 43, 80), (1.5, 43, 85), (2, 45, 95), (2.5, 45, 60), (3, 47, 80),
        (3.5, 40, 70)]
CHORDS = [(b, p, 80) for b in range(4) for p in (48, 55, 60, 64)]  # quarter-note chords (a pad's)
ROCK = [(b / 2, 40 if b % 4 < 2 else 43, 100 if b % 2 == 0 else 75) for b in range(8)]  # 8ths, between beats too
FIRST = 1.0  # seconds: the player's first note


def played(bar, bpm, bars=6, jitter=0.006):
    """(seconds, pitch, velocity) of `bars` bars of `bar` at `bpm` from FIRST, each onset a few ms off."""
    return [(FIRST + (k * 4 + b) * 60.0 / bpm + (jitter if (k + int(b * 2)) % 3 == 1 else -jitter * (k % 2)), p, v)
            for k in range(bars) for b, p, v in bar]


def live(monkeypatch, capsys, shipped, options, notes, until_s):
    """`reagroove live --in keys --out synth OPTIONS` while `notes` are played: (the lines it said after its first,
    [(seconds, drum note_on)])."""
    monkeypatch.setattr(commands, "_engine", lambda args: shipped)
    ports, clock, sent = {"input": MemoryInput(), "output": MemoryOutput()}, [0.0], []
    real_open = livemidi.open_live_player

    def opener(*a, **kw):
        player = real_open(*a, **kw, opener=lambda name, kind: ports[kind])
        player.now = lambda: clock[0]
        return player

    monkeypatch.setattr(livemidi, "open_live_player", opener)
    monkeypatch.setattr(livemidi.LivePlayer, "run",
                        lambda self, **kw: sent.extend(play_live(self, clock, notes, until_s)))
    assert main(["live", "--in", "keys", "--out", "synth", *options]) == 0, capsys.readouterr().err
    lines = capsys.readouterr().out.splitlines()
    return lines[1:], [(t, m.note) for t, m in sent if m.type == "note_on" and m.velocity]


def came_in(lines):
    said = [line for line in lines if line.startswith("the drums come in at")]
    assert len(said) == 1, lines
    return said[0]


@pytest.mark.parametrize("part", [RIFF, CHORDS], ids=["8ths riff", "quarter-note chords"])
def test_a_ballad_at_60_with_no_bpm_is_told_how_to_get_60(monkeypatch, capsys, shipped, part):
    lines, _ = live(monkeypatch, capsys, shipped, [], played(part, 60.0), FIRST + 5 * 4.0)
    assert came_in(lines) == "the drums come in at 120 BPM; playing at 60? give --bpm 60"


def test_a_ballad_at_66_read_at_its_double_is_told_how_to_get_66(monkeypatch, capsys, shipped):
    """Its 8ths read at 132 (within the tempos read around 120): said as read, and the half offered."""
    lines, _ = live(monkeypatch, capsys, shipped, [], played(RIFF, 66.0), FIRST + 5 * 4 * 60.0 / 66.0)
    said = came_in(lines)
    assert said.startswith("the drums come in at 13") and ", read from your playing (--bpm 120)" in said, said
    assert said.endswith("; playing at 66? give --bpm 66"), said


def test_bpm_60_as_told_plays_on_the_players_bars(monkeypatch, capsys, shipped):
    """The crash on a 1 of the player's (their first note's bar lines), the snare on their 2 and 4, not the 'and's."""
    lines, hits = live(monkeypatch, capsys, shipped, ["--bpm", "60"], played(RIFF, 60.0), FIRST + 5 * 4.0)
    assert came_in(lines) == "the drums come in at 60 BPM"
    beats = [(t - FIRST, note) for t, note in hits]  # the player's beats (a second each at 60) from their first note
    crash = [b for b, note in beats if note == CRASH][0]
    assert abs(crash / 4 - round(crash / 4)) < 0.05 and crash > 0, f"the crash on the player's beat {crash % 4 + 1:g}"
    snares = sorted({round(b * 2) / 2 % 4 for b, note in beats if note in SNARES})
    assert snares == [1.0, 3.0], f"the snare on the player's beats {[s + 1 for s in snares]}"


@pytest.mark.parametrize("options, part, bpm", [
    (["--bpm", "120"], RIFF, 60.0),  # 120 asked for: meant
    ([], ROCK, 120.0),  # 8ths between 120's beats: 16ths at 60 are the less likely
], ids=["bpm 120 given", "8ths at 120"])
def test_no_hint_where_120_is_asked_or_heard(monkeypatch, capsys, shipped, options, part, bpm):
    lines, _ = live(monkeypatch, capsys, shipped, options, played(part, bpm), FIRST + 4 * 4 * 60.0 / bpm)
    assert came_in(lines) == "the drums come in at 120 BPM"


def test_a_tempo_read_off_the_default_says_so_and_no_hint(monkeypatch, capsys, shipped):
    """At 180 with no --bpm the riff's 8ths read as 16ths at 90: said as read, no half offered."""
    lines, _ = live(monkeypatch, capsys, shipped, [], played(RIFF, 180.0), FIRST + 6 * 4 * 60.0 / 180.0)
    assert came_in(lines) == "the drums come in at 90 BPM, read from your playing (--bpm 120)"
