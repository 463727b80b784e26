"""A MIDI file at a tempo no music is played at (a broken export's set_tempo: 3.58 BPM, 900 BPM) is said in one
line naming the file, the tempo and the bar; the drums are still written (no work lost). It had been drummed
without a word."""

from test_cli import stub_engine  # noqa: F401  (a fixture)

from reagroove.core.cli import main
from reagroove.core.midi_write import written_by_reagroove

RIFF = [(bar * 4.0 + b, 40 if b % 2 else 45, 100, 0) for bar in range(4) for b in (0, 1, 2, 3)]


def test_a_tempo_no_music_plays_at_is_said_and_the_drums_written(stub_engine, make_midi, tmp_path, capsys):  # noqa: F811
    for bpm, word in ((3.58, "plays at 3.58 BPM"), (900.0, "plays at 900 BPM")):
        src = make_midi(RIFF, name=f"broken_{bpm:g}.mid", tempos=((0, 100.0), (8, bpm)))  # from bar 3
        out = tmp_path / f"drums_{bpm:g}.mid"
        assert main(["drumify", str(src), "-o", str(out)]) == 0
        said = [line for line in capsys.readouterr().out.splitlines() if word in line]
        assert len(said) == 1 and src.name in said[0] and "bar 3" in said[0], said
        assert written_by_reagroove(out)
        assert main(["groove", str(src)]) == 0
        assert sum(word in line and "bar 3" in line for line in capsys.readouterr().out.splitlines()) == 1
    for bpm in (20.0, 45.0, 180.0, 400.0):  # the tempos music is played at: nothing said
        src = make_midi(RIFF, name=f"ok_{bpm:g}.mid", tempos=((0, bpm),))
        assert main(["groove", str(src)]) == 0
        assert "BPM from" not in capsys.readouterr().out


def test_bars_drummed_away_from_the_odd_tempo_say_nothing_of_it(stub_engine, make_midi, tmp_path, capsys):  # noqa: F811
    """`--bars 1-2` of a file that runs at 500 BPM only from bar 3: the bars written play at 100 and never race, so
    nothing is said (it had warned the drums may race); the bars at 500 still say it."""
    src = make_midi(RIFF, name="late_fast.mid", tempos=((0, 100.0), (8, 500.0)))
    assert main(["drumify", str(src), "--bars", "1-2", "-o", str(tmp_path / "a.mid")]) == 0
    assert "500 BPM from" not in capsys.readouterr().out
    assert main(["drumify", str(src), "--bars", "3-4", "-o", str(tmp_path / "b.mid")]) == 0
    assert "plays at 500 BPM from bar 3" in capsys.readouterr().out


def test_a_projects_odd_tempo_marker_is_said_in_reapers_words():
    """In REAPER the tempo is the project's marker, not a file's export: said so, with no file name or DAW advice."""
    from types import SimpleNamespace

    import numpy as np

    from reagroove.core.tempo_range import tempo_range_notes

    content = SimpleNamespace(notes=np.arange(16.0), tempos=[(0.0, 120.0), (8.0, 450.0)], path="selected items")
    said = tempo_range_notes(content, lambda b: int(b // 4) + 1, True, (0.0, 15.0), in_reaper=True)
    assert said == ["the project's tempo is 450 BPM from bar 3, faster than any music: the drums follow it; check "
                    "the tempo marker there"]
