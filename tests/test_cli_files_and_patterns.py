"""The command line as a producer uses it: files and folders as patterns and inputs, drum maps, where the drum file
ends, interpolate's chart, saved settings. Each test failed on the code before its fix."""

import json
import os

import numpy as np
import pytest
from conftest import build_midi
from test_cli import _riff

from reagroove.core.cli import main


@pytest.fixture
def fresh_engine(monkeypatch, tmp_path):
    """Each run on its own stand-in engine, as each `reagroove` process has (a run-only pattern is gone after
    it), with its own user data folder."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))


def test_settings_saved_with_a_pattern_file_play_the_same_drums_later(fresh_engine, tmp_path, monkeypatch, capsys):
    # --pattern-a beat.mid --save-settings s.json saved the run-only name 'beat': --settings s.json later
    # failed ("no pattern named 'beat'"); it saves the file, read again from any folder
    src = str(_riff(tmp_path / "riff.mid", 2))
    beat = build_midi(tmp_path / "beat.mid", [(b / 2, 36 if b % 4 == 0 else 42, 100, 9) for b in range(16)])
    saved = tmp_path / "s.json"
    monkeypatch.chdir(tmp_path)
    assert main(["drumify", src, "-o", "a.mid", "--pattern-a", "beat.mid", "--save-settings", str(saved)]) == 0
    capsys.readouterr()
    assert json.loads(saved.read_text())["settings"]["pattern_a"] == str(beat.resolve())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["drumify", src, "-o", "b.mid", "--settings", str(saved), "--quiet"]) == 0, capsys.readouterr().err
    assert (tmp_path / "a.mid").read_bytes() == (elsewhere / "b.mid").read_bytes()  # the same pattern, same drums


def test_a_file_pattern_as_typed_drums_the_files_it_matches(fresh_engine, tmp_path, capsys):
    # `drumify parts\*.mid -o out` in cmd or PowerShell (which hand the pattern over as typed), or quoted:
    # "parts/*.mid: no such file or folder"
    parts = tmp_path / "parts"
    parts.mkdir()
    _riff(parts / "bass.mid", 2)
    _riff(parts / "keys.mid", 2)
    (parts / "notes.txt").write_text("not a part")
    out = tmp_path / "out"
    assert main(["drumify", str(parts / "*.mid"), "-o", str(out), "--quiet"]) == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["bass_drums.mid", "keys_drums.mid"]
    # a pattern matching nothing is one line naming it
    assert main(["drumify", str(parts / "*.wav"), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "*.wav" in err and "matches" in err


def _length_beats(path) -> float:
    import mido

    mf = mido.MidiFile(path)
    return max(sum(m.time for m in t) for t in mf.tracks) / mf.ticks_per_beat


@pytest.mark.parametrize("meter, beats_per_bar", [((3, 4), 3.0), ((7, 8), 3.5), ((4, 4), 4.0)])
def test_the_drum_file_ends_on_the_bar_line_where_the_music_does(fresh_engine, tmp_path, meter, beats_per_bar):
    # 4 bars of 3/4 came back as a drum file 11.6 beats long (its last note-off): a DAW sizes the imported
    # item by it, and the drums drifted once looped or laid bar by bar
    n, d = meter
    step = 4 / d
    notes = [(k * step, 40, 100 if k % n == 0 else 60, 0) for k in range(4 * n)]  # 4 bars, a note a beat
    src = build_midi(tmp_path / "part.mid", notes, time_signatures=((0, n, d),))
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(src), "-o", str(out), "--quiet"]) == 0
    assert _length_beats(out) == pytest.approx(4 * beats_per_bar)
    assert main(["drumify", str(src), "-o", str(out), "--quiet", "--bars", "2-3"]) == 0
    assert _length_beats(out) == pytest.approx(3 * beats_per_bar)  # to bar 3's end, where --bars stops


@pytest.mark.parametrize("name, text, said", [
    # a sampler's chart names its pads by note: 'C1' was "outside 0..127", which it is not
    ("kit.toml", '[voices.kick]\noutput = "C1"\n', "pitch 'C1' is not a MIDI note number"),
    # a kit map in YAML was "not valid JSON: Expecting value", unsaid that a map is JSON or TOML
    ("kit.yaml", "voices:\n  kick: 36\n", "a drum map is a JSON (.json) or TOML (.toml) file"),
])
def test_a_drum_map_in_a_samplers_words_is_said_plainly(tmp_path, capsys, name, text, said):
    src = _riff(tmp_path / "riff.mid", 2)
    kit = tmp_path / name
    kit.write_text(text)
    assert main(["groove", str(src), "--drum-map", str(kit), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and said in err, err


def test_a_drum_map_written_with_whole_floats_is_read(tmp_path):
    # tools writing JSON numbers as 36.0 had their kit refused as "pitch 36.0 is outside 0..127"
    from reagroove.core.drummap import load_drum_map

    kit = tmp_path / "kit.json"
    kit.write_text(json.dumps({"voices": {"kick": {"output": 35.0, "input": [35.0, 36.0]}}}))
    assert load_drum_map(kit).output[0] == 35
    assert 36 in load_drum_map(kit).input[0]


def test_an_empty_output_is_refused_not_written_into_the_current_folder(fresh_engine, tmp_path, monkeypatch, capsys):
    # `-o "$OUT"` with OUT unset: drumify wrote riff_drums.mid into the current folder, unsaid
    src = str(_riff(tmp_path / "riff.mid", 2))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    for command in (["drumify", src], ["interpolate", src, src]):
        assert main([*command, "-o", ""]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "-o is empty" in err, err
    assert list(here.iterdir()) == []


def test_ctrl_c_in_a_folder_run_says_what_was_written_and_where_it_stopped(tmp_path, monkeypatch, capsys):
    # Ctrl-C in `drumify parts/ -o out/` said only 'interrupted': which drums were whole, and which part to
    # take the run up from, was left to a look in the folder
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    engine = Engine(StubModel())
    monkeypatch.setattr(commands, "_engine", lambda args: engine)
    parts = tmp_path / "parts"
    parts.mkdir()
    for name in ("a", "b", "c"):
        _riff(parts / f"{name}.mid", 2)
    real = engine.drumify

    def drumify(content, settings, **kw):
        if drumify.calls == 1:  # the second part: the producer presses Ctrl-C
            raise KeyboardInterrupt
        drumify.calls += 1
        return real(content, settings, **kw)

    drumify.calls = 0
    monkeypatch.setattr(engine, "drumify", drumify)
    out = tmp_path / "out"
    assert main(["drumify", str(parts), "-o", str(out), "--quiet"]) == 130
    err = capsys.readouterr().err
    assert f"stopped at {parts / 'b.mid'}: drums written for 1 of 3 files" in err, err
    assert [p.name for p in out.iterdir()] == ["a_drums.mid"]


def test_bars_up_to_a_bar_read_as_5_dash_reads_from_one(fresh_engine, tmp_path, capsys):
    # '5-' is bar 5 to the end, but '-2' (up to bar 2) was "not a bar range"
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["groove", src, "--bars", "-2"]) == 0, capsys.readouterr().err
    shown = capsys.readouterr().out
    assert "1 window" in shown and "bar 1" in shown and "bar 3" not in shown
    out = tmp_path / "d.mid"
    assert main(["drumify", src, "-o", str(out), "--bars", "-2"]) == 0
    assert "notes outside bars 1-2 left out" in capsys.readouterr().out
    assert _length_beats(out) == pytest.approx(8.0)


def test_interpolate_shows_the_path_it_wrote_as_a_drum_chart(fresh_engine, tmp_path, capsys):
    # interpolate said only 'i.mid: 4 loops from ...': the build was heard only once dragged into a song
    a = str(_riff(tmp_path / "a.mid", 2))
    b = str(build_midi(tmp_path / "b.mid", [(k / 2, 40, 100, 0) for k in range(16)]))
    out = tmp_path / "i.mid"
    assert main(["interpolate", a, b, "-o", str(out), "--steps", "3", "--seed", "3"]) == 0
    shown = capsys.readouterr().out
    assert "'-' rest  'o' soft  'x' medium  'X' loud" in shown
    rows = [line for line in shown.splitlines() if "|" in line]
    assert rows and all(line.count("|") == 3 for line in rows)  # two 4/4 bars a row, as written
    labels = [line.split()[0:2] for line in rows if line.lstrip().startswith("bar ")]
    assert labels and labels[0] == ["bar", "1"]  # each step under the bar it starts at in the file
    assert main(["interpolate", a, b, "-o", str(out), "--steps", "3", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_interpolate_walks_to_a_saved_pattern_or_a_genre_by_its_name(tmp_path, monkeypatch, capsys):
    # `patterns` keeps named patterns "(A/B for interpolation)", but `interpolate verse.mid chorus` said
    # "chorus: no such file or folder": only files were taken
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import Pattern, PatternStore
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    a = str(_riff(tmp_path / "verse.mid", 2))
    chorus = build_midi(tmp_path / "chorus.mid", [(k / 2, 40, 100, 0) for k in range(16)])
    assert main(["patterns", "add", "chorus", str(chorus)]) == 0
    rock = np.zeros((32, 3), np.float32)
    rock[::4, 0], rock[::4, 1] = 1, 0.8
    made = []

    def engine(args):
        made.append(Engine(StubModel(), PatternStore({"rock": Pattern("rock", rock)},
                                                      tmp_path / "data" / "patterns.json")))
        return made[-1]

    monkeypatch.setattr(commands, "_engine", engine)
    capsys.readouterr()
    out = tmp_path / "i.mid"
    assert main(["interpolate", a, "chorus", "-o", str(out), "--steps", "3"]) == 0, capsys.readouterr().err
    assert "to pattern 'chorus'" in capsys.readouterr().out
    by_name = out.read_bytes()
    assert main(["interpolate", a, str(chorus), "-o", str(out), "--steps", "3"]) == 0
    assert out.read_bytes() == by_name  # the saved pattern is the file's first 2 bars: the same path
    assert main(["interpolate", "rock", a, "-o", str(out), "--steps", "2", "--quiet"]) == 0
    # a name that is neither says both, in one line
    assert main(["interpolate", a, "chorsu", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "reagroove: error: chorsu: no such file, and no pattern named 'chorsu': did you mean 'chorus'? (patterns: chorus, rock)"


def test_live_idle_pattern_may_be_a_file_as_pattern_a_may(tmp_path, monkeypatch, capsys):
    # --pattern-a takes a MIDI file; --idle-pattern beat.mid said "no pattern named 'beat.mid'"
    from helpers import MemoryInput, MemoryOutput
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    ports = {"input": MemoryInput(), "output": MemoryOutput()}  # nothing played: the idle pattern plays
    real_open = livemidi.open_live_player
    monkeypatch.setattr(livemidi, "open_live_player",
                        lambda *a, **kw: real_open(*a, **kw, opener=lambda name, kind: ports[kind]))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    beat = build_midi(tmp_path / "beat.mid", [(b / 2, 36 if b % 4 == 0 else 42, 100, 9) for b in range(16)])
    take = tmp_path / "beat_take.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--bpm", "300", "--duration", "1.5",
                 "--idle-pattern", str(beat), "--record", str(take)]) == 0, capsys.readouterr().err
    assert any(m.type == "note_on" and m.velocity > 0 for m in ports["output"].sent)
    # the pattern's file is read, never written over by the take
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.1", "--idle-pattern", str(beat),
                 "--record", str(beat)]) == 2
    assert "refusing to overwrite an input file" in capsys.readouterr().err


def test_settings_are_never_saved_onto_the_drums_file(fresh_engine, tmp_path, capsys):
    # `-o d.mid --save-settings d.mid` (a slip of the shell history): the settings were saved, then the drums
    # written over them, and the run said nothing wrong
    src = str(_riff(tmp_path / "riff.mid", 2))
    out = tmp_path / "d.mid"
    runs = [["drumify", src, "-o", str(out)],
            ["drumify", src, "-o", str(tmp_path), "--variations", "2"],  # onto one of the versions
            ["interpolate", src, src, "-o", str(out)]]
    for run, onto in zip(runs, [out, tmp_path / "riff_drums_v2.mid", out]):
        assert main([*run, "--save-settings", str(onto)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "the drums are written to this file" in err, err
        assert not onto.exists()


@pytest.mark.parametrize("value, said", [("2.5", "--max-hits '2.5' is not a whole number"),
                                         ("kick=3.5", "--max-hits: '3.5' for kick is not a whole number")])
def test_a_hit_count_with_a_fraction_is_said_to_be_no_whole_number(fresh_engine, tmp_path, capsys, value, said):
    # "--max-hits kick=3.5: '3.5' for kick is not a number": it is one, only not a count
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--max-hits", value]) == 2
    assert capsys.readouterr().err.strip() == f"reagroove: error: {said}"


@pytest.mark.parametrize("meter", [(3, 4), (7, 8)])
def test_groove_counts_the_hits_it_shows(tmp_path, capsys, meter):
    # a 3/4 window's row showed 6 hits and said '8 hits': the count took the 2 beats its 8 reach into bar 3
    n, d = meter
    notes = [(k * 4 / d, 40, 100, 0) for k in range(4 * n)]  # a note on every beat (8th in 7/8) of 4 bars
    src = build_midi(tmp_path / "part.mid", notes, time_signatures=((0, n, d),))
    assert main(["groove", str(src)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "hit" in line and "|" in line]
    assert len(rows) == 2
    for row in rows:
        shown = sum(row.split("|")[k].count("x") + row.split("|")[k].count("X") for k in (1, 2))
        assert row.rstrip().endswith(f"{shown} hits"), row


def test_a_file_pattern_run_again_into_its_folder_leaves_out_the_drums_it_wrote(fresh_engine, tmp_path, capsys):
    # `drumify "parts/*.mid" -o parts/`, run again: the pattern matched the drums of the first run, and the
    # run refused ("parts/bass_drums.mid: refusing to overwrite an input file"), as `drumify parts/` does not
    parts = tmp_path / "parts"
    parts.mkdir()
    _riff(parts / "bass.mid", 2)
    args = ["drumify", str(parts / "*.mid"), "-o", str(parts), "--quiet"]
    assert main(args) == 0
    first = (parts / "bass_drums.mid").read_bytes()
    assert main(args) == 0, capsys.readouterr().err
    assert sorted(p.name for p in parts.iterdir()) == ["bass.mid", "bass_drums.mid"]
    assert (parts / "bass_drums.mid").read_bytes() == first
    # named on the command line, a drum file is a part as ever
    assert main(["drumify", str(parts / "bass_drums.mid"), "-o", str(tmp_path / "again.mid"), "--quiet"]) == 0


def test_a_damaged_patterns_file_stops_no_drumify_and_is_never_written_over(tmp_path, monkeypatch, capsys):
    # a hand-edited patterns.json with a typo stopped every drumify (patterns named or not) and `patterns list`
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    saved = tmp_path / "data" / "patterns.json"
    saved.parent.mkdir()
    saved.write_text('{"format": "reagroove-patterns", "patterns": [,]}')
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel(), PatternStore({}, saved)))
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid")]) == 0
    assert "your saved patterns are left out" in capsys.readouterr().err
    # listing or saving to it is one line naming it: the patterns in it are the producer's to mend
    for command in (["patterns", "list"], ["patterns", "add", "verse", src]):
        assert main(command) == 2
        assert "patterns.json: not valid JSON" in capsys.readouterr().err.splitlines()[-1]
    assert saved.read_text() == '{"format": "reagroove-patterns", "patterns": [,]}'


def test_a_folder_from_a_mac_drive_drums_its_parts_not_the_hidden_files(fresh_engine, tmp_path, capsys):
    # a folder copied from a Mac holds ._bass.mid (AppleDouble, not MIDI) beside bass.mid: the run said
    # "skipped ._bass.mid: not a Standard MIDI File" and ended in failure (exit 2) for a folder of good parts
    parts = tmp_path / "parts"
    (parts / ".Trashes").mkdir(parents=True)
    _riff(parts / "bass.mid", 2)
    (parts / "._bass.mid").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    _riff(parts / ".Trashes" / "old.mid", 2)
    out = tmp_path / "out"
    assert main(["drumify", str(parts), "-o", str(out), "--quiet"]) == 0, capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["bass_drums.mid"]


def test_a_track_whose_length_field_runs_past_the_file_is_read_to_its_end(tmp_path, capsys):
    # every event there up to end-of-track, only the chunk's length too big (as some old tools write it):
    # "file is truncated in track 1", refused; a file truly cut mid-track still is
    import struct

    body = b""
    for k in range(8):  # 8th notes
        body += bytes([0 if k == 0 else 120, 0x90, 40, 100, 120, 0x80, 40, 0])
    body += b"\x00\xff\x2f\x00"
    head = b"MThd" + struct.pack(">IHHh", 6, 0, 1, 480)
    bad = tmp_path / "bad_length.mid"
    bad.write_bytes(head + b"MTrk" + struct.pack(">I", len(body) + 64) + body)
    assert main(["groove", str(bad)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "8 notes" in out and "its length runs past the end of the file" in out
    cut = tmp_path / "cut.mid"
    cut.write_bytes(head + b"MTrk" + struct.pack(">I", len(body)) + body[:-10])
    assert main(["groove", str(cut)]) == 2
    assert "file is truncated in track 1" in capsys.readouterr().err


def test_a_folder_given_where_a_file_is_read_is_said_as_a_folder(tmp_path, capsys):
    # `groove parts/` said "parts: Is a directory" (Windows: "Permission denied")
    parts = tmp_path / "parts.mid"
    parts.mkdir()
    assert main(["groove", str(parts)]) == 2
    assert capsys.readouterr().err.strip() == (f"reagroove: error: {parts}: is a folder, not a file: "
                                               "give a MIDI or audio file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_links_pipes_and_devices_as_inputs_and_outputs(fresh_engine, tmp_path, capsys):
    """-o through a symlink replaced the link by a file and left its target old; -o linked to /dev/full put a
    copy of the device's mode on a new file; a named pipe as input waited forever for a writer. Now the drums
    are written through a link to a file, and a pipe or a device is refused in one line."""
    src = str(_riff(tmp_path / "riff.mid", 2))
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "drums.mid"
    assert main(["drumify", src, "-o", str(target), "--quiet"]) == 0
    before = target.read_bytes()
    link = tmp_path / "link.mid"
    link.symlink_to(target)
    assert main(["drumify", src, "-o", str(link), "--seed", "5", "--quiet"]) == 0
    assert link.is_symlink() and target.read_bytes() != before
    device = tmp_path / "full.mid"
    device.symlink_to(os.devnull)
    pipe = tmp_path / "pipe.mid"
    os.mkfifo(pipe)
    capsys.readouterr()
    for argv, named in ((["drumify", src, "-o", str(device)], device), (["drumify", str(pipe), "-o", "x.mid"], pipe),
                        (["groove", str(pipe)], pipe)):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and str(named) in err[0] and "not a regular file" in err[0], err
    assert device.is_symlink() and os.path.exists(os.devnull)
