"""A note played a hair before a bar line is the next bar's live, as drumify reads it (core/live_bass.step_beat): the
bar line's fade comes before it, not after. It had faded with the bar before, one bar line more than the notes
played after it: funk_bass's bar 5 downbeat (played 0.002 beats early) was gone from the groove live read of bars 5-6,
and none of freedoom d_dm01's bass loops read as drumify's windows (13 of 15 do now). Through the harness of
test_live_take.py (the session fed note by note, 16th by 16th)."""

from pathlib import Path

import numpy as np
from stub_model import StubModel
from test_live_take import heard_live

from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.live import LiveSession
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BARS = 8


def read_on_bar_lines(engine, notes, bpm, monkeypatch):
    """{window (0-based): (groove, bass)} live read for the loops made on each window's first bar line: the buffer
    then holds the window before it, every step of it played."""
    made, generate = [], LiveSession._generate

    def keep(self, boundary, now):
        made.append(generate(self, boundary, now))
        return made[-1]

    monkeypatch.setattr(LiveSession, "_generate", keep)
    heard_live(engine, notes, bpm, Settings(), BARS)
    return {int(round(m.window_start / 8.0)) - 1: (m.groove, m.bass) for m in made
            if m.boundary >= 16.0 and m.boundary % 8.0 == 0.0}


def test_live_reads_funk_bass_as_drumify_reads_its_windows(shipped, make_midi, monkeypatch):
    song = read_midi(EXAMPLES / "funk_bass.mid")
    n = song.notes
    keep = np.flatnonzero(n.start < 4 * BARS)
    notes = [(float(n.start[k]), int(n.pitch[k]), int(n.velocity[k]), int(n.channel[k]), float(n.end[k]))
             for k in keep]
    assert any(abs(b - 16.0) < 0.01 and b < 16.0 for b, *_ in notes)  # bar 5's downbeat, a hair early
    read = read_on_bar_lines(shipped, notes, song.bpm, monkeypatch)
    windows = extract_windows(read_midi(make_midi([nt[:4] for nt in notes], tempos=((0, song.bpm),), length=0.2)))
    assert sorted(read) == [1, 2, 3]
    for w, (groove, bass) in read.items():
        # every step as drumify's but the last 16th, played (at x.77) after the loop was made (x.75): not heard yet
        assert np.allclose(groove[:31], windows.grooves[w][:31], atol=1e-3), w
        assert np.allclose(bass[:31], windows.bass[w][:31], atol=1e-3), w


def test_a_downbeat_played_early_lasts_as_long_as_the_bar_it_opens():
    """A busy bar (16ths: adaptive memory halves) with its downbeat 0.01 beats early: two bar lines on, the loop made
    from the buffer still has it, as it has the bar's other notes."""
    s = LiveSession(Engine(StubModel()))
    s.start(0.0)
    notes = [(4 * bar + k / 4 - (0.01 if k == 0 and bar == 2 else 0.0), 36 if k == 0 else 40)
             for bar in range(3) for k in range(16)]
    i = 0
    for k in range(5 * 16):
        beat = k / 4
        while i < len(notes) and notes[i][0] <= beat + 1e-9:
            s.feed(notes[i][0], 100, pitch=notes[i][1], channel=1)
            i += 1
        s.advance(beat)
        if beat == 15.75:  # the loop for bars 5-6, made from bars 3-4 (bar 3 played, bar 4 a rest)
            groove = s.groove(16.0)
            assert groove[0:16, 0].all(), groove[0:16, 0]
