"""The command line as a producer meets it: README commands and options, odd output names, what is said."""

import os

import pytest
from conftest import build_midi
from test_cli import EXAMPLES, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


def _bass(path, bars=4):
    notes = []
    for bar in range(bars):
        notes += [(bar * 4.0, 40, 100, 0), (bar * 4.0 + 1.5, 52, 70, 0), (bar * 4.0 + 2.0, 40, 90, 0)]
    return build_midi(path, notes, fmt=0, tempos=((0, 100.0),))


# ---------------------------------------------------------------- -o - (standard output)


@pytest.mark.parametrize("command", ["drumify", "interpolate"])
def test_dash_as_output_is_refused_not_made_a_file_or_folder(stub_engine, tmp_path, capsys, monkeypatch, command):
    """`-o -` made a folder named '-' (drumify) or a file named '-' (interpolate), said as written there."""
    monkeypatch.chdir(tmp_path)
    bass = _bass(tmp_path / "bass.mid")
    args = [command, str(bass), "-o", "-"] if command == "drumify" else [command, str(bass), "rock", "-o", "-"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "standard output" in err and err.count("\n") == 1
    assert not os.path.exists(tmp_path / "-")


@pytest.mark.parametrize("option", ["--json", "--save-settings"])
def test_dash_as_json_output_is_refused(stub_engine, tmp_path, capsys, monkeypatch, option):
    monkeypatch.chdir(tmp_path)
    bass = _bass(tmp_path / "bass.mid")
    if option == "--json":
        args = ["groove", str(bass), "--json", "-"]
    else:
        args = ["drumify", str(bass), "-o", "drums.mid", "--save-settings", "-", "--quiet"]
    assert main(args) == 2
    assert "standard output" in capsys.readouterr().err
    assert not os.path.exists(tmp_path / "-")


# ---------------------------------------------------------------- Windows-style paths on '/' systems


@pytest.mark.skipif(os.sep == "\\", reason="backslashes are folders on Windows")
@pytest.mark.parametrize("output", [r"out\drums.mid", r"C:\Users\me\drums.mid"])
def test_windows_style_output_path_is_refused_not_written_as_one_odd_name(stub_engine, tmp_path, capsys, monkeypatch,
                                                                         output):
    """`-o out\\drums.mid` on Linux or macOS wrote a file named 'out\\drums.mid' in the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    bass = _bass(tmp_path / "bass.mid")
    assert main(["drumify", str(bass), "-o", output, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Windows-style path" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bass.mid", "out"]
    assert main(["groove", str(bass), "--json", r"out\g.json", "--quiet"]) == 2
    assert "Windows-style path" in capsys.readouterr().err


@pytest.mark.skipif(os.sep == "\\", reason="backslashes are folders on Windows")
@pytest.mark.parametrize("command", ["drumify", "groove", "patterns", "interpolate", "pattern-a", "glob"])
def test_windows_style_input_path_says_why_it_is_not_found(stub_engine, tmp_path, capsys, monkeypatch, command):
    """`drumify parts\\bass.mid` said only 'no such file or folder' of a file that is there as parts/bass.mid."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parts").mkdir()
    _bass(tmp_path / "parts" / "bass.mid")
    typed = r"parts\bass.mid"
    args = {"drumify": ["drumify", typed, "-o", "d.mid"], "groove": ["groove", typed],
            "patterns": ["patterns", "add", "verse", typed], "interpolate": ["interpolate", typed, "rock", "-o", "p.mid"],
            "pattern-a": ["drumify", "parts/bass.mid", "-o", "d.mid", "--pattern-a", typed],
            "glob": ["drumify", r"parts\*.mid", "-o", "out/"]}[command]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Windows-style path" in err and err.count("\n") == 1, err
    if command != "glob":
        assert "(parts/bass.mid)" in err


# ---------------------------------------------------------------- writing over files


@pytest.mark.parametrize("command", ["drumify", "interpolate"])
def test_own_midi_file_as_output_is_not_written_over(stub_engine, tmp_path, capsys, command):
    """`-o song.mid` naming the producer's own MIDI file (not drums ReaGroove wrote) replaced it, unsaid:
    ReaGroove says it never changes your files."""
    bass = _bass(tmp_path / "bass.mid")
    song = _bass(tmp_path / "song.mid", bars=8)
    before = song.read_bytes()
    args = ["drumify", str(bass)] if command == "drumify" else ["interpolate", str(bass), str(bass)]
    assert main([*args, "-o", str(song), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "did not write" in err and err.count("\n") == 1
    assert song.read_bytes() == before


@pytest.mark.parametrize("command", ["drumify", "interpolate"])
def test_drums_written_again_say_they_replace_the_earlier_file(stub_engine, tmp_path, capsys, command):
    bass = _bass(tmp_path / "bass.mid")
    out = tmp_path / "drums.mid"
    args = ["drumify", str(bass)] if command == "drumify" else ["interpolate", str(bass), str(bass)]
    assert main([*args, "-o", str(out)]) == 0
    assert "replacing" not in capsys.readouterr().out
    assert main([*args, "-o", str(out), "--seed", "3"]) == 0
    assert "replacing the earlier file" in capsys.readouterr().out


def test_fewer_variations_than_before_say_the_older_ones_are_still_there(stub_engine, tmp_path, capsys):
    """--variations 4, then --variations 2 into the same place: v3 and v4 of the first run stood beside the new
    v1 and v2, read as one run's four versions."""
    bass = _bass(tmp_path / "bass.mid")
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(bass), "-o", str(out), "--variations", "4"]) == 0
    capsys.readouterr()
    assert main(["drumify", str(bass), "-o", str(out), "--variations", "2", "--seed", "5"]) == 0
    said = capsys.readouterr().out
    note = next(line for line in said.splitlines() if "earlier run" in line)
    assert "drums_v3.mid" in note and "drums_v4.mid" in note and "drums_v2.mid" not in note
    assert "replacing earlier drums" in said


def test_a_variation_whose_name_is_taken_by_a_folder_is_refused_before_any_is_written(stub_engine, tmp_path, capsys):
    """--variations 3 where drums_v3.mid is a folder: refused in one line before anything is written (v1 and v2
    had been written, then the error, the set half made without a word)."""
    bass = _bass(tmp_path / "bass.mid")
    (tmp_path / "drums_v3.mid").mkdir()
    assert main(["drumify", str(bass), "-o", str(tmp_path / "drums.mid"), "--variations", "3"]) == 2
    err = capsys.readouterr().err
    assert "drums_v3.mid: is a folder, not a file" in err and err.count("\n") == 1
    assert not (tmp_path / "drums_v1.mid").exists() and not (tmp_path / "drums_v2.mid").exists()


def test_a_set_of_variations_stopped_midway_says_which_were_written(stub_engine, tmp_path, capsys, monkeypatch):
    """The disk fills while version 3 of 3 is written: the error names it, and a note says v1 and v2 were
    written (each whole) before it stopped."""
    import reagroove.core.midi_write as midi_write
    from reagroove.core.errors import OutputFileError

    real = midi_write.write_loops

    def third_fails(out, *a, **kw):
        if out.name.endswith("_v3.mid"):
            raise OutputFileError(out, "cannot write here: no space left on device")
        return real(out, *a, **kw)

    monkeypatch.setattr(midi_write, "write_loops", third_fails)
    bass = _bass(tmp_path / "bass.mid")
    assert main(["drumify", str(bass), "-o", str(tmp_path / "drums.mid"), "--variations", "3"]) == 2
    err = capsys.readouterr().err
    assert "note: drums_v1.mid, drums_v2.mid of the 3 variations written before it stopped" in err
    assert "drums_v3.mid: cannot write here: no space left on device" in err


# ---------------------------------------------------------------- --fill-every in bars


def test_fill_every_takes_bars_as_the_panels_show_them(stub_engine, tmp_path, capsys):
    """The panels show fills 'every 8 bars' (stored: 4 loops); the CLI's --fill-every 8 meant every 16 bars.
    --fill-every 8bars now says it in bars: the same drums and the same saved settings as --fill-every 4."""
    import json

    bass = _bass(tmp_path / "bass.mid", bars=16)
    for name, every in (("loops", "4"), ("bars", "8bars")):
        assert main(["drumify", str(bass), "-o", str(tmp_path / f"{name}.mid"), "--fill-every", every, "--quiet",
                     "--save-settings", str(tmp_path / f"{name}.json")]) == 0
    assert (tmp_path / "loops.mid").read_bytes() == (tmp_path / "bars.mid").read_bytes()
    saved = json.loads((tmp_path / "bars.json").read_text())["settings"]
    assert saved["fill_every"] == 4
    with pytest.raises(SystemExit) as exit_:
        main(["drumify", str(bass), "-o", str(tmp_path / "odd.mid"), "--fill-every", "7bars"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "6bars or 8bars" in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        main(["drumify", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "a fill every 2N bars" in helped and "8bars = 4" in helped


def test_interpolate_quiet_help_says_what_it_still_prints(stub_engine, tmp_path, capsys):
    """interpolate --help said --quiet prints 'nothing but errors', as drumify's does, but its notes (options it
    cannot use) still come: the help says so."""
    a = str(_bass(tmp_path / "a.mid"))
    assert main(["interpolate", a, a, "-o", str(tmp_path / "p.mid"), "--quiet", "--fill-every", "2"]) == 0
    said = capsys.readouterr()
    assert said.out == "" and "do not apply" in said.err
    with pytest.raises(SystemExit):
        main(["interpolate", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    quiet = helped[helped.index("--quiet ", helped.index("options:")):]
    assert "nothing but errors" not in quiet[:120] and "piano roll" in quiet[:120]


# ---------------------------------------------------------------- JSON outputs over other files


def test_save_settings_does_not_write_over_a_drum_map_or_other_json(stub_engine, tmp_path, capsys):
    """`--save-settings kit.json` replaced the drum map kit.json (not given to --drum-map this run), unsaid."""
    import json

    bass = str(_bass(tmp_path / "bass.mid"))
    kit = tmp_path / "kit.json"
    kit.write_text(json.dumps({"name": "my kit", "voices": {"kick": 36}}))
    other = tmp_path / "package.json"
    other.write_text('{"name": "song", "version": "1.0"}')
    for target, said in ((kit, "holds a drum map"), (other, "not written over")):
        before = target.read_bytes()
        assert main(["drumify", bass, "-o", str(tmp_path / "d.mid"), "--quiet", "--save-settings", str(target)]) == 2
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1 and target.read_bytes() == before
    # settings saved before are what --save-settings updates
    saved = tmp_path / "s.json"
    assert main(["drumify", bass, "-o", str(tmp_path / "d.mid"), "--quiet", "--save-settings", str(saved)]) == 0
    assert main(["drumify", bass, "-o", str(tmp_path / "d.mid"), "--quiet", "--density", "0.3",
                 "--save-settings", str(saved)]) == 0
    assert json.loads(saved.read_text())["settings"]["density"] == 0.3


def test_groove_json_does_not_write_over_saved_settings(tmp_path, capsys):
    bass = str(_bass(tmp_path / "bass.mid"))
    settings = tmp_path / "verse.json"
    settings.write_text('{"format": "reagroove-settings", "version": 1, "settings": {"density": 0.3}}')
    before = settings.read_bytes()
    assert main(["groove", bass, "--quiet", "--json", str(settings)]) == 2
    assert "holds ReaGroove settings" in capsys.readouterr().err and settings.read_bytes() == before
    out = tmp_path / "g.json"
    assert main(["groove", bass, "--quiet", "--json", str(out)]) == 0
    assert main(["groove", bass, "--quiet", "--json", str(out), "--bars", "1-2"]) == 0  # its own groove: rewritten


def test_interpolate_bpm_help_says_the_tempo_a_pattern_a_gets(stub_engine, tmp_path, capsys):
    """--bpm's help said the path defaults to A's tempo; with A a pattern's name (no tempo) it takes B's file's."""
    from reagroove.core.midi import read_midi

    from reagroove.core.patterns import Pattern, pattern_from_file

    a = pattern_from_file(str(_bass(tmp_path / "a.mid")))  # 100 BPM
    stub_engine.patterns.add(Pattern("verse", a.groove, a.loop, a.source), save=False)
    b = build_midi(tmp_path / "b.mid", [(0.0, 40, 100, 0), (2.0, 40, 90, 0), (4.0, 40, 100, 0)], fmt=0,
                   tempos=((0, 84.0),))
    capsys.readouterr()
    assert main(["interpolate", "verse", str(b), "-o", str(tmp_path / "p.mid"), "--quiet"]) == 0
    assert round(read_midi(tmp_path / "p.mid").bpm) == 84
    with pytest.raises(SystemExit):
        main(["interpolate", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "else B's" in helped[helped.index("--bpm BPM tempo of the output"):][:120]


@pytest.mark.parametrize("workers", ["-1", "0", "two"])
def test_data_build_workers_below_one_is_one_line(tmp_path, capsys, workers):
    """`data build --workers -1` was a ValueError traceback from the process pool."""
    with pytest.raises(SystemExit) as exit_:
        main(["data", "build", "--gmd", str(tmp_path), "--cache-dir", str(tmp_path / "c"), "--workers", workers])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--workers" in err and "1 or more" in err and err.count("\n") == 1


# ---------------------------------------------------------------- consoles that cannot show a file's name


def test_a_file_name_the_console_cannot_encode_is_printed_escaped_not_a_traceback(tmp_path):
    """On a cp1252 console or pipe (Windows' output redirected), a part named ベース.mid was a
    UnicodeEncodeError traceback."""
    import subprocess
    import sys

    bass = _bass(tmp_path / "ベース.mid")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "reagroove.core.cli", "groove", str(bass)], capture_output=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")[-300:]
    out = done.stdout.decode("cp1252")
    assert "\\u30d9" in out and "bar 1" in out  # the name escaped, the roll printed
    assert "Traceback" not in done.stderr.decode("cp1252", "replace")


def test_patterns_help_says_where_a_saved_pattern_plays(capsys):
    """`reagroove --help` said patterns are 'A/B for interpolation', and `patterns --help` said nothing of
    use: a saved pattern plays as drumify's and live's --pattern-a/-b too."""
    for argv in (["--help"], ["patterns", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        helped = " ".join(capsys.readouterr().out.split())
        said = helped[helped.index("patterns "):] if argv == ["--help"] else helped
        assert "--pattern-a" in said[:200], said[:200]


@pytest.mark.skipif(os.sep == "\\", reason="backslashes are folders on Windows")
@pytest.mark.parametrize("command, option", [("drumify", "--settings"), ("drumify", "--drum-map"),
                                             ("groove", "--drum-map")])
def test_windows_style_settings_and_drum_map_paths_say_why_they_are_not_found(stub_engine, tmp_path, capsys,
                                                                              monkeypatch, option, command):
    """--settings presets\\verse.json said 'cannot read this ReaGroove settings file: No such file or directory'."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "presets").mkdir()
    bass = str(_bass(tmp_path / "bass.mid"))
    args = ["drumify", bass, "-o", "d.mid"] if command == "drumify" else ["groove", bass]
    assert main([*args, option, r"presets\verse.json"]) == 2
    err = capsys.readouterr().err
    assert "Windows-style path" in err and "(presets/verse.json)" in err and err.count("\n") == 1


def test_readme_quick_start_blues_fills_end_the_bars_its_comment_names(stub_engine, tmp_path, monkeypatch, capsys):
    """The quick start's 12-bar shuffle line says where its fills end: the comment and the drums agree."""
    import re
    from pathlib import Path

    from reagroove.core.midi import read_midi

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    line = next(t for t in readme.splitlines() if t.startswith("reagroove drumify core/examples/shuffle_blues.mid"))
    command, comment = line.split("#", 1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "core").symlink_to(EXAMPLES.parent)
    assert main(command.split()[1:] + ["--quiet"]) == 0
    named = [int(b) for b in re.findall(r"\d+", comment.split("fills ending bars", 1)[1])]
    drums = read_midi(tmp_path / "out" / "blues.mid").notes
    crashes = sorted({int(beat // 4) + 1 for beat, pitch in zip(drums.start, drums.pitch) if pitch == 49})
    # a crash opens the bar after each fill (the last fill ends the part: nothing after it)
    assert crashes == [1] + [b + 1 for b in named if b < 12]


@pytest.mark.parametrize("command", ["drumify", "interpolate"])
def test_output_help_says_what_happens_to_a_file_already_there(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    said = helped[helped.index("--output OUT"):][:260]
    assert "replaced" in said and "refused" in said, said
