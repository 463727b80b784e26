"""Where a file's music ends: a bar counts if a note starts in it, or the file runs a 32nd or more into it. An
end-of-track a hair past the last bar line (freedoom's d_dm15: 0.01 beat) made one more bar, where a run's last
32nd, rounded forward onto its downbeat, got the drums' last kick and crash after the band had stopped."""

from __future__ import annotations

from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

from stub_model import StubModel
from test_cli import stub_engine  # noqa: F401  (the CLI on the stand-in model)


def song(make_midi, last: list, length: float):
    """4 bars of 8ths, then `last` notes (beat, pitch), each `length` beats long."""
    notes = [(b / 2, 40, 100, 0) for b in range(30)] + [(t, p, 100, 0) for t, p in last]
    return read_midi(make_midi(notes, name="end.mid", length=length))


def test_a_run_ending_a_32nd_before_the_bar_line_makes_no_bar_after_it(make_midi):
    # the run's last 32nd starts at 15.875 and the file ends at 16.01
    content = song(make_midi, [(15.5, 45), (15.625, 47), (15.75, 48), (15.875, 50)], 0.135)
    assert 16.0 < content.end_beat < 16.125
    wins = extract_windows(content)
    assert wins.end <= 16.0 + 1e-6
    res = Engine(StubModel()).drumify(content, Settings())
    assert res.end <= 16.0 + 1e-6  # the drums written stop at bar 5's line (the run's last 32nd snaps onto it)


def test_no_drum_is_written_after_the_bar_the_music_ends_in(make_midi, stub_engine, tmp_path):
    import mido

    from reagroove.core.cli import main

    song(make_midi, [(15.5, 45), (15.625, 47), (15.75, 48), (15.875, 50)], 0.135)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(tmp_path / "end.mid"), "-o", str(out), "--quiet"]) == 0
    mid = mido.MidiFile(out)
    ticks = [t for t in _note_on_ticks(mid)]
    assert ticks and max(ticks) < 16 * mid.ticks_per_beat - mid.ticks_per_beat // 8  # no kick and crash in bar 5


def test_the_chart_shows_the_drums_written_and_no_window_past_the_end(make_midi, stub_engine, tmp_path, capsys):
    """The last 32nd snaps onto bar 5's line, where the file ends: a window starts there, no drums are written
    in it, and the chart (and its count of loops) had shown a loop of them for bar 5."""
    from reagroove.core.cli import main

    song(make_midi, [(15.5, 45), (15.625, 47), (15.75, 48), (15.875, 50)], 0.135)
    assert main(["drumify", str(tmp_path / "end.mid"), "-o", str(tmp_path / "drums.mid")]) == 0
    said = capsys.readouterr().out
    assert ": 2 loops" in said and "bar 3" in said and "bar 5" not in said


def _note_on_ticks(mid):
    for track in mid.tracks:
        now = 0
        for msg in track:
            now += msg.time
            if msg.type == "note_on" and msg.velocity > 0:
                yield now


def test_a_short_stab_on_the_next_downbeat_keeps_its_bar(make_midi):
    # the band's last stab on bar 5's downbeat, 0.05 beats long: the song does end in bar 5
    content = song(make_midi, [(16.0, 40)], 0.05)
    wins = extract_windows(content)
    assert wins.end >= 20.0 - 1e-6
