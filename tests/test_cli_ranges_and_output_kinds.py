"""The command line as a producer uses it: the ranges --help states are the ones refused, output written only under
its own kind's name, groove's notes, tracks with wrong length fields. Each test failed on the code before its fix."""

import pytest
from test_cli import _riff

from reagroove.core.cli import main


@pytest.fixture
def stub_engine(monkeypatch, tmp_path):
    """The generation commands on the numpy stand-in model, with their own user data folder."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))


def test_one_bar_asked_for_is_said_as_one_bar(stub_engine, tmp_path, capsys):
    # --bars 3-3 said "notes outside bars 3-3 left out"
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--bars", "3-3"]) == 0
    out = capsys.readouterr().out
    assert "outside bar 3 left out" in out and "3-3" not in out
    # past the end, one bar left: "drums for bar 4", not "bars 4-4"
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--bars", "4-9"]) == 0
    out = capsys.readouterr().out
    assert "the music ends in bar 4; drums for bar 4" in out and "4-4" not in out
    # a range stays a range
    assert main(["drumify", src, "-o", str(tmp_path / "c.mid"), "--bars", "2-3"]) == 0
    assert "outside bars 2-3 left out" in capsys.readouterr().out


def test_groove_notes_speak_of_the_groove_read_not_of_drums_played(stub_engine, tmp_path, capsys):
    # `groove` makes no drums, yet said "the drums follow its bars (loops ... laid onto them)", "the drum-part
    # model plays it", "the drums keep time through them"
    from conftest import build_midi

    waltz = build_midi(tmp_path / "waltz.mid", [(b * 1.0, 40, 100, 0) for b in range(12)],
                       time_signatures=((0, 3, 4),))
    assert main(["groove", str(waltz)]) == 0
    out = capsys.readouterr().out
    assert "music in 3/4" in out and "drums" not in out and "loops" not in out
    # drumify still says how its drums follow the bars
    assert main(["drumify", str(waltz), "-o", str(tmp_path / "w.mid")]) == 0
    assert "the drums follow its bars" in capsys.readouterr().out

    kit = build_midi(tmp_path / "kit.mid", [(b / 2, 36 if b % 4 == 0 else 42, 100, 9) for b in range(16)])
    assert main(["groove", str(kit)]) == 0
    out = capsys.readouterr().out
    assert "drum part (MIDI channel 10)" in out and "model plays it" not in out

    # a band with guide drums, and 18 bars of rest in the middle
    notes = [(b * 4.0, 40, 100, 0) for b in (0, 1, 20, 21)] + [(b * 4.0 + 1, 38, 90, 9) for b in (0, 1, 20, 21)]
    band = build_midi(tmp_path / "band.mid", notes)
    assert main(["groove", str(band)]) == 0
    out = capsys.readouterr().out
    assert "left out of the input's groove" in out and "have no notes" in out
    assert "the drums follow" not in out and "keep time" not in out


def _track(notes_at: int, pitch: int) -> bytes:
    body = b""
    for k in range(notes_at):  # 8th notes
        body += bytes([0 if k == 0 else 120, 0x90, pitch, 100, 120, 0x80, pitch, 0])
    return body + b"\x00\xff\x2f\x00"


def test_a_middle_track_whose_length_field_is_wrong_keeps_the_tracks_after_it(tmp_path, capsys):
    # the length field of track 1 of 3 runs into track 2 (or past the file's end): it swallowed the tracks
    # after it, "file is truncated: the header announces 3 tracks, the file holds 1" or their notes lost unsaid
    import struct

    tracks = [_track(8, 40), _track(4, 52), _track(2, 60)]
    head = b"MThd" + struct.pack(">IHHh", 6, 1, 3, 480)
    for extra in (12, 1000):  # into the next track; past the end of the file
        chunks = [b"MTrk" + struct.pack(">I", len(t) + (extra if i == 0 else 0)) + t for i, t in enumerate(tracks)]
        bad = tmp_path / f"bad_{extra}.mid"
        bad.write_bytes(head + b"".join(chunks))
        assert main(["groove", str(bad)]) == 0, capsys.readouterr().err
        out = capsys.readouterr().out
        assert "14 notes" in out, out  # 8 + 4 + 2: every track's notes
        assert "track 1: its length runs past its end-of-track into the next track" in out
    for short in (1, 8):  # too short: it stops mid-track, and the rest was read as chunks
        chunks = [b"MTrk" + struct.pack(">I", len(t) - (short if i == 0 else 0)) + t for i, t in enumerate(tracks)]
        bad = tmp_path / f"short_{short}.mid"
        bad.write_bytes(head + b"".join(chunks))
        assert main(["groove", str(bad)]) == 0, capsys.readouterr().err
        out = capsys.readouterr().out
        assert "14 notes" in out and "track 1: its length stops short of its end-of-track" in out
    # a last track without an end-of-track, zeros after it (padding): read as ever, nothing said of its length
    no_end = tracks[2][:-4]
    chunks = [b"MTrk" + struct.pack(">I", len(t)) + t for t in tracks[:2] + [no_end]]
    padded = tmp_path / "padded.mid"
    padded.write_bytes(head + b"".join(chunks) + bytes(7))
    assert main(["groove", str(padded)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "14 notes" in out and "length" not in out
    # a file cut inside its last track, after whole ones, is read up to the cut, saying in one line what was lost
    cut = tmp_path / "cut.mid"
    chunks = [b"MTrk" + struct.pack(">I", len(t)) + t for t in tracks]
    cut.write_bytes((head + b"".join(chunks))[:-6])
    assert main(["groove", str(cut)]) == 0, capsys.readouterr().err
    said = [line for line in capsys.readouterr().out.splitlines() if "cut short" in line]
    assert len(said) == 1 and "inside track 3" in said[0], said


def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())  # argparse's line wrapping undone


def test_help_says_each_options_range_as_the_checks_hold_it(capsys):
    # --variations, --steps, --bpm, --threshold, --max-hits, --seed, --fill-every gave no range: a producer
    # learnt it from the error; --bar-a BAR_A, a bare `name` for patterns add/remove
    from reagroove.core.engine import MAX_STEPS, MIN_STEPS
    from reagroove.core.settings import MAX_BPM, MIN_BPM

    bpm = f"{MIN_BPM:g} to {MAX_BPM:g}"
    drumify = _help(capsys, "drumify")
    assert "--variations N write N versions of the drum part, 1 to 64" in drumify
    assert f"tempo of audio inputs, {bpm}" in drumify
    assert "hit threshold 0..1" in drumify and "maximum hits per loop, 0 to 32" in drumify
    assert f"(0 to {2**32 - 1}; default 0)" in drumify and "phrases of N 2-bar loops, 0 to 64" in drumify
    # every NAME=value example names a real voice or genre (an example of 'hihat=16' was refused when typed)
    import re

    from reagroove.core.genres import GENRES
    from reagroove.core.loop import VOICES

    examples = set(re.findall(r"\b([a-z_]+)=[0-9]", drumify))
    assert examples and examples <= set(VOICES) | set(GENRES), examples - set(VOICES) - set(GENRES)
    interpolate = _help(capsys, "interpolate")
    assert f"--steps N loops on the path, both ends included, {MIN_STEPS} to {MAX_STEPS}" in interpolate
    assert "--bar-a BAR" in interpolate and "BAR_A" not in interpolate and "latent" not in interpolate
    assert f"tempo of the output, {bpm}" in interpolate
    assert f"internal clock tempo, {bpm}" in _help(capsys, "live")
    assert f"tempo of an audio file, {bpm}" in _help(capsys, "groove")
    add = _help(capsys, "patterns", "add")
    assert f"tempo of an audio file, {bpm}" in add and "name the name to save it under" in add
    assert "name a pattern you saved" in _help(capsys, "patterns", "remove")
    assert "--in/--out" in _help(capsys, "ports")
    live = _help(capsys, "live")  # --duration's default, where port names come from
    assert "(default: play until Ctrl-C)" in live and "'reagroove ports' lists" in live


@pytest.mark.parametrize("argv, said", [
    (["--variations", "65"], "--variations must be from 1 to 64"),
    (["--seed", str(2**32)], "seed must be a whole number from 0 to 4294967295"),
    (["--fill-every", "65"], "from 0 (no fills) to 64"),
    (["--max-hits", "33"], "--max-hits must be from 0 to 32"),
])
def test_the_ranges_said_in_help_are_the_ones_refused(stub_engine, tmp_path, capsys, argv, said):
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), *argv]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1


def test_midi_is_never_written_under_another_kinds_name_nor_onto_a_folder(stub_engine, tmp_path, monkeypatch,
                                                                             capsys):
    # interpolate -o build.wav wrote a MIDI file named .wav (REAPER reads it as audio), -o out/ a file named
    # 'out'; drumify -o drums.txt made a folder 'drums.txt'; live --record take.wav kept MIDI as .wav and
    # --record onto a folder lost the take at its end, after the play
    from helpers import MemoryInput, MemoryOutput

    from reagroove.core import livemidi

    monkeypatch.chdir(tmp_path)
    src = str(_riff(tmp_path / "riff.mid", 2))
    (tmp_path / "takes").mkdir()
    real_open = livemidi.open_live_player
    for argv, said in [
        (["interpolate", "rock", "funk", "-o", "build.wav"], "build.wav: the path of loops is written as MIDI: give -o a .mid file"),
        (["interpolate", "rock", "funk", "-o", "out/"], "out/: names a folder: give -o a .mid file"),
        (["interpolate", "rock", "funk", "-o", "takes"], "takes: names a folder"),
        (["drumify", src, "-o", "drums.txt"], "drums.txt: the drums are written as MIDI: give -o a .mid file or a folder"),
        (["live", "--in", "keys", "--out", "synth", "--duration", "0.2", "--record", "take.wav"],
         "take.wav: the take is written as MIDI: give --record a .mid file"),
        (["live", "--in", "keys", "--out", "synth", "--duration", "0.2", "--record", "takes"],
         "takes: names a folder: give --record a .mid file"),
    ]:
        ports = {"input": MemoryInput(), "output": MemoryOutput()}
        monkeypatch.setattr(livemidi, "open_live_player",
                            lambda *a, _ports=ports, **kw: real_open(*a, **kw, opener=lambda n, k: _ports[k]))
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert said in err and len(err.strip().splitlines()) == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["riff.mid", "takes"]  # nothing written
    # a folder given as drumify's -o is still where the drums go
    assert main(["drumify", src, "-o", "takes", "--quiet"]) == 0
    assert [p.name for p in (tmp_path / "takes").iterdir()] == ["riff_drums.mid"]


def test_json_is_never_written_under_a_midi_or_audio_name(stub_engine, tmp_path, monkeypatch, capsys):
    # groove --json bass_groove.mid and drumify --save-settings drums_settings.mid wrote JSON text under a
    # MIDI name (REAPER then fails on it), unsaid
    monkeypatch.chdir(tmp_path)
    src = str(_riff(tmp_path / "riff.mid", 2))
    for argv, said in [
        (["groove", src, "--json", "riff_groove.mid"], "riff_groove.mid: --json writes JSON text"),
        (["drumify", src, "-o", "d.mid", "--save-settings", "s.wav"], "s.wav: --save-settings writes JSON text"),
    ]:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert said in err and len(err.strip().splitlines()) == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["riff.mid"]
    assert main(["groove", src, "--json", "g.json", "--quiet"]) == 0 and (tmp_path / "g.json").exists()


def test_a_drum_map_without_its_voices_table_says_where_the_voices_go(tmp_path, capsys):
    # a kit written as [kick] output = 36 (the voices' table left out) was refused as "expected a 'voices'
    # table naming drum voices", with no word of how one is written
    src = str(_riff(tmp_path / "riff.mid", 2))
    kit = tmp_path / "kit.toml"
    kit.write_text("[kick]\noutput = 36\n")
    assert main(["groove", src, "--drum-map", str(kit), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "'kick' belongs in the 'voices' table: [voices.kick]" in err and len(err.strip().splitlines()) == 1
    kit.write_text("[voices.kick]\noutput = 36\n")  # as it says: read
    assert main(["groove", src, "--drum-map", str(kit), "--quiet"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("meter, said", [((12, 8), "6 windows of 1 bar"), ((2, 4), "2 windows of 4 bars"),
                                         ((3, 4), "3 windows of 2 bars"), ((4, 4), "3 windows of 2 bars")])
def test_groove_says_how_many_of_the_files_bars_a_window_holds(tmp_path, capsys, meter, said):
    # "6 windows of 2 bars" was said of 6 bars of 12/8 (a window holds one: 6 of its 8 quarter-note beats)
    from conftest import build_midi

    num, den = meter
    bar = num * 4 / den
    src = build_midi(tmp_path / "m.mid", [(b * bar + k * 4 / den, 40, 100, 0) for b in range(6) for k in range(num)],
                     time_signatures=((0, num, den),))
    assert main(["groove", str(src)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(said)


def test_a_pattern_name_typed_in_other_case_is_answered_with_the_name_meant(tmp_path, monkeypatch, capsys):
    # --pattern-a Rock said "no pattern named 'Rock' (patterns: afro, ..., rock, ...)": the one meant in a list
    import numpy as np
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import Pattern, PatternStore
    from reagroove.models import commands

    rock = np.zeros((32, 3), np.float32)
    rock[::4, 0], rock[::4, 1] = 1, 0.8
    store = PatternStore({"rock": Pattern("rock", rock)}, tmp_path / "patterns.json")
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel(), store))
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--pattern-a", "Rock"]) == 2
    err = capsys.readouterr().err
    assert "no pattern named 'Rock': did you mean 'rock'?" in err and len(err.strip().splitlines()) == 1
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--pattern-a", "blues"]) == 2
    assert "did you mean" not in capsys.readouterr().err  # no near name: none offered
