"""The `reagroove` command end to end, as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import build_midi

from reagroove.core.cli import main
from reagroove.core.midi import read_midi

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
REAGROOVE = [sys.executable, "-m", "reagroove.core.cli"]


def run_cli(*args):
    return subprocess.run([*REAGROOVE, *map(str, args)], capture_output=True, text=True, timeout=60)


def write_notes(path, notes, *, tempo=True, channel=0):
    """notes: (beat, pitch, velocity), written as a type-0 file."""
    return build_midi(path, [(b, p, v, channel) for b, p, v in notes], fmt=0, tempos=((0, 100.0),) if tempo else ())


def test_groove_of_bundled_example_prints_every_window(capsys):
    assert main(["groove", str(EXAMPLES / "funk_bass.mid")]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.strip().startswith("bar ")]
    # 8 bars of bass in 4/4 -> 4 windows, each showing 32 steps between bar lines
    assert len(rows) == 4
    for row in rows:
        cells = row.split("|")[1:3]
        assert sum(len(c.replace(" ", "")) for c in cells) == 32


def test_groove_json_matches_the_notes(tmp_path):
    src = write_notes(tmp_path / "riff.mid", [(0, 40, 100), (0, 52, 60), (1.0 + 1 / 12, 43, 80), (9.5, 40, 70)])
    out_json = tmp_path / "out" / "riff.json"
    assert main(["groove", str(src), "--json", str(out_json), "--quiet"]) == 0
    doc = json.loads(out_json.read_text())
    assert [w["bar"] for w in doc["windows"]] == [1, 3]
    g0 = doc["windows"][0]["groove"]
    assert g0[0] == [1.0, pytest.approx(100 / 127, abs=1e-4), 0.0]  # chord: loudest wins
    assert g0[4][0] == 1.0 and g0[4][2] == pytest.approx(1 / 3, abs=1e-4)  # a third of a step late
    assert sum(step[0] for step in g0) == 2
    assert doc["windows"][1]["groove"][6][0] == 1.0  # beat 9.5 -> window 2, step 6


def test_groove_options_flatten_velocity_and_timing(tmp_path, capsys):
    src = write_notes(tmp_path / "r.mid", [(0.03, 40, 30), (1.0, 40, 120)])
    out_json = tmp_path / "r.json"
    assert main(["groove", str(src), "--flat-velocity", "--quantize", "--json", str(out_json), "--quiet"]) == 0
    g = json.loads(out_json.read_text())["windows"][0]["groove"]
    assert g[0][1] == g[4][1] > 0  # all hits equal
    assert g[0][2] == 0.0  # no micro-timing


def test_groove_bar_range(tmp_path):
    src = write_notes(tmp_path / "r.mid", [(b * 4.0, 40, 90) for b in range(8)])
    out_json = tmp_path / "r.json"
    assert main(["groove", str(src), "--bars", "3-4", "--json", str(out_json), "--quiet"]) == 0
    doc = json.loads(out_json.read_text())
    assert [w["bar"] for w in doc["windows"]] == [3]
    assert any("6 notes outside bars 3-4" in m for m in doc["messages"])


def test_waltz_with_pickup_says_so_once(capsys):
    assert main(["groove", str(EXAMPLES / "piano_waltz.mid")]) == 0
    out = capsys.readouterr().out
    assert out.count("8 quarter-note beats") == 1
    assert "pickup" in out


def _one_line_error(result, path):
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("notes.mid", b"these are my notes, not MIDI\n", "not a Standard MIDI File"),
        ("empty.mid", b"", "empty"),
        ("cut.mid", None, "truncated"),
    ],
)
def test_bad_files_give_one_line_and_exit_2(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is None:
        content = (EXAMPLES / "funk_bass.mid").read_bytes()[:200]
    path.write_bytes(content)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    line = _one_line_error(run_cli("groove", path), path)
    assert problem in line
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.mid"
    with open(path, "wb") as fh:
        fh.write(b"MThd")
        fh.truncate(100 * 2**20)  # sparse: 100 MB on paper
    line = _one_line_error(run_cli("groove", path), path)
    assert "100 MB" in line


def test_a_stray_note_hours_after_the_music_is_refused_until_bars_are_chosen(tmp_path):
    path = write_notes(tmp_path / "stray.mid", [(0, 40, 90), (1, 40, 90), (4 * 30000, 40, 90)])  # bar 30001
    line = _one_line_error(run_cli("groove", path), path)
    assert "more than 10,000" in line and "bar 30001" in line and "--bars" in line
    assert run_cli("groove", path, "--bars", "1-2").returncode == 0


def test_music_too_long_to_drum_whole_says_so_without_a_rest_to_point_at(tmp_path):
    path = write_notes(tmp_path / "endless.mid", [(4 * bar, 40, 90) for bar in range(10_500)])  # a note in every bar
    line = _one_line_error(run_cli("groove", path), path)
    assert "10,500 bars" in line and "notes in every bar" in line and "between bar" not in line


def test_missing_file_and_file_without_notes(tmp_path):
    _one_line_error(run_cli("groove", tmp_path / "nope.mid"), tmp_path / "nope.mid")
    silent = write_notes(tmp_path / "silent.mid", [])
    assert "no notes" in _one_line_error(run_cli("groove", silent), silent)


def test_no_tempo_and_drums_on_channel_1_still_work(tmp_path):
    path = write_notes(tmp_path / "drums_ch1.mid", [(0, 36, 100), (1, 38, 90), (0.5, 42, 60)], tempo=False, channel=0)
    result = run_cli("groove", path)
    assert result.returncode == 0, result.stderr
    assert "no tempo in file; assuming 120 BPM" in result.stdout
    assert " 3 hits" in result.stdout


def test_groove_says_when_drum_notes_fall_outside_the_drum_map(tmp_path, capsys):
    kit = write_notes(tmp_path / "kit.mid", [(b * 0.5, 20, 100) for b in range(16)], channel=9)  # pitch 20: no GM voice
    assert main(["groove", str(kit)]) == 0
    assert "16 drum notes (MIDI channel 10) outside the drum map" in capsys.readouterr().out
    gm = write_notes(tmp_path / "gm.mid", [(b * 0.5, 36, 100) for b in range(16)], channel=9)
    assert main(["groove", str(gm)]) == 0
    assert "outside the drum map" not in capsys.readouterr().out


def test_core_and_light_commands_never_import_torch_qt_or_reapy(tmp_path):
    out = tmp_path / "g.json"
    code = (
        "import sys; import reagroove.core, reagroove.core.dataset, reagroove.core.engine, reagroove.core.live, "
        "reagroove.core.livemidi, reagroove.core.options, reagroove.core.patterns, reagroove.core.cli as c; "
        f"c.main(['groove', {str(EXAMPLES / 'funk_bass.mid')!r}, '--quiet', '--json', {str(out)!r}]); "
        "bad = [m for m in ('torch', 'PySide6', 'reapy', 'pyqtgraph') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- drumify's piano roll


@pytest.fixture
def stub_engine(monkeypatch, tmp_path):
    """The CLI's generation commands on the small numpy stand-in model, with their own patterns folder."""
    from stub_model import StubModel

    import reagroove.models.commands as commands
    from reagroove.core.engine import Engine

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    engine = Engine(StubModel())
    monkeypatch.setattr(commands, "_engine", lambda args: engine)
    return engine


def _riff(path, bars, first_bar=1):
    """The same 1-bar riff (kick-like low notes on 1 and 3, a higher note on the 'and' of 2) in `bars` bars."""
    notes = []
    for bar in range(first_bar - 1, first_bar - 1 + bars):
        notes += [(bar * 4.0, 40, 100), (bar * 4.0 + 1.5, 52, 70), (bar * 4.0 + 2.0, 40, 90)]
    return write_notes(path, notes)


def _voice_rows(text, voice):
    return [line for line in text.splitlines() if line.split() and voice in line.split()[:4]]


def _steps(row):
    """The 32 step characters of a piano-roll row (bar lines and beat spaces dropped)."""
    return row[row.index("|") : row.rindex("|")].replace("|", "").replace(" ", "")


def test_drumify_shows_each_loop_as_a_drum_chart(stub_engine, tmp_path, capsys):
    src = _riff(tmp_path / "riff.mid", 2)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(src), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert out.exists() and "1 loop" in text
    # The stand-in plays kick on the groove's hits, snare on 2 and 4, 8th-note hats and some ride.
    kick, = _voice_rows(text, "kick")
    snare, = _voice_rows(text, "snare")
    hats, = _voice_rows(text, "closed_hat")
    assert kick.split("kick")[0].strip() == "bar 1"
    assert _steps(kick) == "X-----x-X-------" * 2  # the riff: loud, medium, loud
    assert _steps(snare) == "----x-------x---" * 2
    assert all(c in "xX" for c in _steps(hats)[::2])
    assert not _voice_rows(text, "low_tom")  # voices that do not play get no row


def test_drumify_shows_a_repeated_loop_once_with_its_count(stub_engine, tmp_path, capsys):
    src = _riff(tmp_path / "riff.mid", 8)  # 4 identical windows
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid")]) == 0
    text = capsys.readouterr().out
    assert "4 loops" in text
    kicks = _voice_rows(text, "kick")
    labels = [row.split("kick")[0].split() for row in kicks]  # ['bar', '3', 'x3'] or ['bar', '1']
    assert len(kicks) < 4 and ["bar", "3", "x3"] in labels  # bar 1 may open the phrase with a crash
    assert sum(int(label[2][1:]) if len(label) > 2 else 1 for label in labels) == 4


def test_a_loop_shown_before_is_one_line():
    from reagroove.core.textroll import loops_roll

    four = np.zeros((32, 27), np.float32)
    four[::4, 0], four[::4, 9] = 1, 0.9  # kick on every beat, loud
    backbeat = four.copy()
    backbeat[4::8, 1], backbeat[4::8, 10] = 1, 0.5
    lines = loops_roll(np.stack([four, four, backbeat, four, four, np.zeros_like(four)]), [1, 3, 5, 7, 9, 11])
    assert [line.split() for line in lines] == [
        ["bar", "1", "x2", "kick", "|X---", "X---", "X---", "X---|X---", "X---", "X---", "X---|"],
        ["bar", "5", "kick", "|X---", "X---", "X---", "X---|X---", "X---", "X---", "X---|"],
        ["snare", "|----", "x---", "----", "x---|----", "x---", "----", "x---|"],
        ["bar", "7", "x2", "as", "bar", "1"],
        ["bar", "11", "(silent)"],
    ]


def test_drumify_quiet_prints_nothing(stub_engine, tmp_path, capsys):
    src = _riff(tmp_path / "riff.mid", 2)
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "d.mid").exists()


def test_groove_of_a_drum_file_shows_its_voices(tmp_path, capsys):
    notes = []
    for beat in range(8):
        notes += [(beat, 42, 70)] + ([(beat, 36, 110)] if beat % 2 == 0 else [(beat, 38, 120)])
    src = write_notes(tmp_path / "beat.mid", notes, channel=9)
    assert main(["groove", str(src)]) == 0
    text = capsys.readouterr().out
    kick, = _voice_rows(text, "kick")
    snare, = _voice_rows(text, "snare")
    hats, = _voice_rows(text, "closed_hat")
    assert kick.split("kick")[0].strip() == "bar 1"
    assert _steps(kick) == "X-------X-------" * 2
    assert _steps(snare) == "----X-------X---" * 2
    assert _steps(hats) == "x---" * 8
    assert kick.endswith(" 8 hits")  # the groove's hits: one per beat
    assert not _voice_rows(text, "groove")  # drums alone: their voices are the groove


def test_groove_of_a_song_shows_its_drums_and_follows_the_other_parts(tmp_path, capsys):
    """A band with a guide drum track: the drum voices are shown, and the groove the new drums follow
    is the other parts' (the model's input), said in one line."""
    drums = [(beat, 36, 110, 9) for beat in (0, 2, 4, 6)]
    bass = [(beat + 0.5, 40, 90, 0) for beat in range(8)]
    src = build_midi(tmp_path / "song.mid", drums + bass)
    assert main(["groove", str(src)]) == 0
    text = capsys.readouterr().out
    kick, = _voice_rows(text, "kick")
    groove, = _voice_rows(text, "groove")
    assert _steps(kick) == "X-------" * 4
    assert _steps(groove) == "--x---x-" * 4 and kick.endswith("8 hits")  # the bass on the offbeats alone
    assert "4 notes on MIDI channel 10 (drums) left out of the input" in text
    # one drum note is said as one: "1 notes on MIDI channel 10" was said
    one = build_midi(tmp_path / "one.mid", drums[:1] + bass)
    assert main(["groove", str(one)]) == 0
    assert "1 note on MIDI channel 10 (drums) left out of the input's groove" in capsys.readouterr().out


def test_groove_reads_drum_voices_through_a_drum_map(tmp_path, capsys):
    src = write_notes(tmp_path / "kit.mid", [(0, 60, 100), (1, 38, 100)], channel=9)  # a kit with its kick on C4
    kit = tmp_path / "kit.json"
    kit.write_text(json.dumps({"name": "My kit", "voices": {"kick": {"output": 60, "input": [60]}}}))
    assert main(["groove", str(src), "--drum-map", str(kit)]) == 0
    kick, = _voice_rows(capsys.readouterr().out, "kick")
    assert _steps(kick) == "X" + "-" * 31


# ---------------------------------------------------------------- patterns and options


def test_patterns_add_saves_the_bar_asked_for(stub_engine, tmp_path, capsys):
    # Notes from bar 2 on: the file's own windows start at bars 2, 4, 6, 8.
    notes = [((bar - 1) * 4.0, 40, 100) for bar in range(2, 10)] + [(6 * 4.0 + 3.0, 52, 90)]  # a mark in bar 7
    src = write_notes(tmp_path / "late.mid", notes)
    assert main(["patterns", "add", "seven", str(src), "--bar", "7"]) == 0
    saved = json.loads((tmp_path / "data" / "patterns.json").read_text())["patterns"]
    assert saved[0]["source"] == "late.mid, bar 7"
    hits = [i for i, step in enumerate(saved[0]["groove"]) if step[0]]
    assert hits == [0, 12, 16]  # bar 7's downbeat and its mark on beat 4, bar 8's downbeat
    said = capsys.readouterr().out
    assert "'seven' (late.mid, bar 7)" in said and _steps(_voice_rows(said, "groove")[0]) == "X-----------x---X" + "-" * 15
    assert main(["patterns", "add", "first", str(src)]) == 0  # no --bar: the first 2 bars with notes
    assert json.loads((tmp_path / "data" / "patterns.json").read_text())["patterns"][1]["source"] == "late.mid, bar 2"
    assert main(["patterns", "add", "late", str(src), "--bar", "12"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "late.mid" in err and "no bar 12" in err


@pytest.mark.parametrize("name", ["", "   ", "two\nlines"])
def test_a_pattern_needs_a_name_one_can_type_and_pick(stub_engine, tmp_path, capsys, name):
    src = _riff(tmp_path / "riff.mid", 2)
    assert main(["patterns", "add", name, str(src)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "name" in err
    assert not (tmp_path / "data" / "patterns.json").exists()  # nothing saved under a name no one can use
    assert main(["patterns", "add", " verse ", str(src)]) == 0  # spaces around a name are dropped
    assert "saved pattern 'verse'" in capsys.readouterr().out


def test_a_pattern_comes_from_a_file_of_any_length(stub_engine, tmp_path, capsys):
    # only its first 2 bars with notes are read: a file too long to drumify whole still gives a pattern
    endless = write_notes(tmp_path / "endless.mid", [(4 * bar + 8, 40, 90) for bar in range(10_500)])
    assert main(["patterns", "add", "long", str(endless)]) == 0
    assert "'long' (endless.mid, bar 3)" in capsys.readouterr().out
    assert main(["interpolate", str(endless), str(_riff(tmp_path / "riff.mid", 2)), "-o", str(tmp_path / "i.mid")]) == 0


def test_a_broken_patterns_file_is_one_line(stub_engine, tmp_path, capsys):
    store = tmp_path / "data" / "patterns.json"
    store.parent.mkdir()
    for content, problem in ((b"{not json", "not valid JSON"), (b'{"format": "other"}', "not a ReaGroove patterns file")):
        store.write_bytes(content)
        assert main(["patterns", "list"]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and str(store) in err and problem in err
        assert store.read_bytes() == content  # left as it was


def test_a_threshold_for_one_voice_leaves_the_others_at_the_models_own(stub_engine, tmp_path, monkeypatch):
    tuned = [0.31, 0.32, 0.33, 0.34, 0.35, 0.36, 0.37, 0.38, 0.39]
    monkeypatch.setattr(stub_engine.model, "thresholds", np.asarray(tuned, np.float32), raising=False)
    src, saved = _riff(tmp_path / "riff.mid", 2), tmp_path / "s.json"
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--quiet", "--threshold", "kick=0.9",
                 "--save-settings", str(saved)]) == 0
    # not a flat 0.5 for the hats and the rest: that silenced them
    assert json.loads(saved.read_text())["settings"]["threshold"] == pytest.approx([0.9, *tuned[1:]])


def test_settings_options_round_trip_through_a_settings_file(stub_engine, tmp_path):
    src = _riff(tmp_path / "riff.mid", 2)
    saved = tmp_path / "s.json"
    argv = ["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--quiet"]
    assert main([*argv, "--threshold", "kick=0.3,ride=0.7", "--max-hits", "4", "--mute", "toms",
                 "--genre", "funk=0.7,jazz=0.3", "--save-settings", str(saved)]) == 0
    saved_doc = json.loads(saved.read_text())
    assert (saved_doc["format"], saved_doc["version"]) == ("reagroove-settings", 1)
    doc = saved_doc["settings"]
    assert doc["max_hits"] == [4] * 9 and doc["voice_groups"]["toms"] is False and doc["genre"]["funk"] == 0.7
    assert main([*argv, "--settings", str(saved), "--density", "0.2", "--save-settings", str(tmp_path / "t.json")]) == 0
    again = json.loads((tmp_path / "t.json").read_text())["settings"]
    assert again == {**doc, "density": 0.2}


def test_midi_files_as_patterns_a_and_b(stub_engine, tmp_path):
    a, b = _riff(tmp_path / "verse.mid", 2), _riff(tmp_path / "chorus.mid", 4, first_bar=3)
    saved = tmp_path / "s.json"
    assert main(["drumify", str(a), "-o", str(tmp_path / "d.mid"), "--quiet", "--pattern-a", str(a),
                 "--pattern-b", str(b), "--interpolate", "0.5", "--hold", "--save-settings", str(saved)]) == 0
    doc = json.loads(saved.read_text())["settings"]
    assert (doc["pattern_a"], doc["pattern_b"], doc["interpolate"], doc["hold"]) == (str(a.resolve()), str(b.resolve()), 0.5, True)  # the files, read again from any folder
    assert stub_engine.patterns.get("chorus").source == "chorus.mid, bar 3"  # its first bars with notes
    assert not (tmp_path / "data" / "patterns.json").exists()  # kept for this run only


@pytest.mark.parametrize(
    "options, problem",
    [
        (["--threshold", "kick=loud"], "--threshold: 'loud' for kick is not a number"),
        (["--max-hits", "many"], "--max-hits 'many' is not a number"),
        (["--interpolate", "0.5"], "--interpolate needs --pattern-b"),
        (["--pattern-a", "no_such_pattern"], "no pattern named 'no_such_pattern'"),
        (["--bars", "9-3"], "--bars: '9-3' is not a bar range"),
        (["--bars", "3-4"], "bar 3 is past the end of the music (2 bars)"),
        (["--genre", "funk=1e400"], "genre weight for funk"),
        (["--settings", "nope.json"], "nope.json"),
        (["--pattern-a", "missing.mid"], "missing.mid"),
    ],
)
def test_bad_generation_options_are_one_line(stub_engine, tmp_path, capsys, options, problem):
    src = _riff(tmp_path / "riff.mid", 2)
    out = tmp_path / "d.mid"
    assert main(["drumify", str(src), "-o", str(out), *options]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and problem in err
    assert not out.exists()


@pytest.mark.parametrize("bars", ["3-20", "3-"])
def test_bars_past_the_music_stop_where_it_ends(stub_engine, tmp_path, capsys, bars):
    src = _riff(tmp_path / "riff.mid", 4)
    out = tmp_path / "d.mid"
    assert main(["drumify", str(src), "-o", str(out), "--bars", bars]) == 0
    captured = capsys.readouterr()
    assert "1 loop" in captured.out  # bars 3-4: one window, no drums over bars the song never reaches
    if bars == "3-20":
        assert "the music ends in bar 4" in captured.out + captured.err
    drums = read_midi(out)
    assert drums.notes.start.min() >= 8.0 - 0.5 and drums.notes.start.max() < 16.0  # at the song's bars 3-4


def test_usage_mistakes_are_one_line_pointing_at_help(tmp_path):
    a = _riff(tmp_path / "a.mid", 2)
    for args, problem in [(["drumify", a, a], "give -o"),  # (one input without -o: its drums beside it)
                          (["interpolate", a, a, "-o", tmp_path / "i.mid", "--bpm", "0"], "tempo 0 BPM is outside 20..400 BPM"),
                          (["interpolate", a, a, "-o", tmp_path / "i.mid", "--bpm", "nan"], "tempo nan BPM is outside"),
                          (["nosuch"], "invalid choice")]:
        run = run_cli(*args)
        err = run.stderr.strip()
        assert run.returncode == 2 and len(err.splitlines()) == 1, err
        assert problem in err and "--help'" in err
    assert not (tmp_path / "i.mid").exists()


def test_a_file_faster_than_any_tempo_is_one_line(stub_engine, tmp_path, capsys):
    src = build_midi(tmp_path / "fast.mid", [(b, 40, 100, 0) for b in range(8)], tempos=((0, 1500.0),))
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "fast.mid" in err and "1500 BPM" in err


def test_a_midi_file_under_an_audio_name_is_drumified_as_midi(stub_engine, tmp_path, capsys):
    src = _riff(tmp_path / "riff.mid", 2)
    named_wav = tmp_path / "bass take.wav"
    named_wav.write_bytes(src.read_bytes())
    assert main(["drumify", str(named_wav), "-o", str(tmp_path / "d.mid")]) == 0
    assert "the file is MIDI despite its audio name" in capsys.readouterr().out
    assert read_midi(tmp_path / "d.mid").notes.start.size > 0


def test_drumify_and_interpolate_say_what_reading_a_midi_file_assumed(stub_engine, tmp_path, capsys):
    # the drums are written at the tempo read: a file without one must say that 120 BPM was assumed
    src = write_notes(tmp_path / "no_tempo.mid", [(b, 40, 100) for b in range(8)], tempo=False)
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid")]) == 0
    assert "no tempo in file; assuming 120 BPM" in capsys.readouterr().out
    assert main(["interpolate", str(src), str(src), "-o", str(tmp_path / "i.mid")]) == 0
    assert "no tempo in file; assuming 120 BPM" in capsys.readouterr().err


def test_interpolate_says_which_options_it_cannot_use(stub_engine, tmp_path, capsys):
    a = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["interpolate", a, a, "-o", str(tmp_path / "i.mid"), "--fill-every", "2", "--follow", "0.3"]) == 0
    assert "note: fills, --follow do not apply to interpolate" in capsys.readouterr().err
    assert main(["interpolate", a, a, "-o", str(tmp_path / "j.mid"), "--genre", "funk"]) == 0
    assert "do not apply" not in capsys.readouterr().err  # a genre does steer the path


def test_interpolate_says_a_waltz_becomes_4_4(stub_engine, tmp_path, capsys):
    waltz = build_midi(tmp_path / "waltz.mid", [(b, 40, 100, 0) for b in range(12)], time_signatures=((0, 3, 4),))
    assert main(["interpolate", str(waltz), str(_riff(tmp_path / "riff.mid", 2)), "-o", str(tmp_path / "i.mid")]) == 0
    assert "in 3/4; patterns and this path are 2 bars of 4/4" in capsys.readouterr().err
    assert main(["interpolate", str(tmp_path / "riff.mid"), str(tmp_path / "riff.mid"), "-o", str(tmp_path / "j.mid")]) == 0
    assert "4/4" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["save-settings", "json", "pattern-a", "interpolate"])
def test_no_output_option_ever_writes_over_a_file_the_command_reads(stub_engine, tmp_path, capsys, command):
    src = _riff(tmp_path / "riff.mid", 2)
    other = _riff(tmp_path / "other.mid", 2)
    victim = {"save-settings": src, "json": src, "pattern-a": other, "interpolate": other}[command]
    before = victim.read_bytes()
    argv = {
        "save-settings": ["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--save-settings", str(src)],
        "json": ["groove", str(src), "--json", str(src)],
        "pattern-a": ["drumify", str(src), "-o", str(other), "--pattern-a", str(other)],
        "interpolate": ["interpolate", str(src), str(src), "-o", str(other), "--pattern-a", str(other)],
    }[command]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "refusing to overwrite an input file" in err
    assert victim.read_bytes() == before


def test_inputs_of_the_same_name_in_different_folders_get_their_own_drums(stub_engine, tmp_path):
    for section in ("verse", "chorus"):
        (tmp_path / "parts" / section).mkdir(parents=True)
        _riff(tmp_path / "parts" / section / "bass.mid", 2)
    _riff(tmp_path / "parts" / "keys.mid", 2)
    assert main(["drumify", str(tmp_path / "parts"), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["chorus_bass_drums.mid", "keys_drums.mid", "verse_bass_drums.mid"]


@pytest.mark.parametrize("where", ["a folder", "a file in the way", "read-only folder"])
def test_an_output_that_cannot_be_written_is_one_line(stub_engine, tmp_path, capsys, monkeypatch, where):
    import reagroove.core.files as files

    src = _riff(tmp_path / "riff.mid", 2)
    (tmp_path / "folder.mid").mkdir()
    (tmp_path / "afile").write_text("x")
    out = {"a folder": tmp_path / "folder.mid", "a file in the way": tmp_path / "afile" / "d.mid",
           "read-only folder": tmp_path / "locked" / "d.mid"}[where]
    if where == "read-only folder":  # as the OS answers there (root would be let in, so it is stood in for)
        def refused(path):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(files, "_create_temp", refused)
    commands = (["drumify", str(src), "-o", str(out)], ["groove", str(src), "--json", str(out)])
    # drumify's -o takes a folder, even one named x.mid (tests/test_cli_output_folder_names.py); --json a file only
    for argv in commands[1:] if where == "a folder" else commands:
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and str(out) in err and "Traceback" not in err
    if where == "read-only folder":
        assert "permission denied" in err


@pytest.mark.parametrize("options, problem", [
    (["--beats-per-bar", "-2"], "--beats-per-bar must be"), (["--beats-per-bar", "0"], "--beats-per-bar must be"),
    (["--beats-per-bar", "100"], "--beats-per-bar must be"), (["--duration", "-1"], "--duration must be"),
])
def test_live_refuses_a_bar_or_duration_it_cannot_play_before_opening_ports(capsys, options, problem):
    assert main(["live", "--in", "nowhere", "--out", "nowhere", *options]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and problem in err


def test_interpolate_between_waltzes_writes_a_waltz(stub_engine, tmp_path, capsys):
    """A build between two 3/4 files came back as 2 bars of 4/4 a step, a 4/4 file to drag under a waltz. It
    is laid on the waltz's bars, as drumify lays its loops, and written in 3/4; files in two meters still get a
    4/4 path, said."""
    from reagroove.core.midi import read_midi

    waltz = build_midi(tmp_path / "waltz.mid", [(b, 40, 100, 0) for b in range(12)], time_signatures=((0, 3, 4),))
    other = build_midi(tmp_path / "waltz2.mid", [(b, 45, 90, 0) for b in range(0, 12, 3)], time_signatures=((0, 3, 4),))
    for b_end in (waltz, other):
        out = tmp_path / f"path_{b_end.stem}.mid"
        assert main(["interpolate", str(waltz), str(b_end), "--steps", "3", "-o", str(out)]) == 0
        said = capsys.readouterr()
        assert "in 3/4: so is the path, 2 bars a step" in said.out and "4/4" not in said.err
        written = read_midi(out)
        assert written.time_signatures == [(0.0, 3, 4)]
        assert written.notes.start.max() < 3 * 6.0  # 3 steps of 2 bars of 3/4: 18 beats
        kicks = written.notes.start[written.notes.pitch == 36]
        assert all(np.abs(kicks - line).min() < 0.1 for line in (0.0, 6.0, 12.0))  # each step's bar 1 on the waltz's
    six8 = build_midi(tmp_path / "six8.mid", [(b * 1.5, 40, 100, 0) for b in range(8)], time_signatures=((0, 6, 8),))
    assert main(["interpolate", str(waltz), str(six8), "-o", str(tmp_path / "mixed.mid")]) == 0
    assert "patterns and this path are 2 bars of 4/4" in capsys.readouterr().err


def test_a_swung_part_with_no_genre_is_told_of_the_jazz_ride(stub_engine, tmp_path, capsys):
    """A swung walking bass with no genre asked gets the network's shuffle, a backbeat on the hats: the swing note
    tips that the jazz genre plays a jazz ride. Asked for a genre, it says nothing of it."""
    out = tmp_path / "d.mid"
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(out)]) == 0
    assert "the drums swing with it (for a jazz ride, ask for the jazz genre)" in capsys.readouterr().out
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(out), "--genre", "funk"]) == 0
    said = capsys.readouterr().out
    assert "the part swings" in said and "jazz ride" not in said
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(out), "--mute", "cymbals"]) == 0
    assert "jazz ride" not in capsys.readouterr().out  # no ride to play it on
