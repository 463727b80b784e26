"""The command line's messages on options as a producer types them: values out of range said in the option's
words, options a command or a file kind cannot use, help texts; through drumify, groove, patterns, live and the
generation options (each test failed on the code before its fix)."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, render
from conftest import build_midi
from test_cli import _riff, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


def test_a_file_named_twice_is_drummed_once(stub_engine, tmp_path, capsys):
    # `drumify parts/ parts/bass.mid -o out/`: the file in the folder, named again
    parts = tmp_path / "parts"
    parts.mkdir()
    bass = _riff(parts / "bass.mid", 2)
    _riff(parts / "keys.mid", 2)
    out = tmp_path / "out"
    assert main(["drumify", str(parts), str(bass), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.count("bass.mid ->") == 1  # not drummed twice and written over itself
    assert sorted(p.name for p in out.iterdir()) == ["bass_drums.mid", "keys_drums.mid"]


def test_a_bad_value_for_every_voice_is_said_in_the_options_words(stub_engine, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 2))
    out = str(tmp_path / "d.mid")
    for options, said in [(["--threshold", "2"], "--threshold must be from 0 to 1, got 2"),  # as --help: 0..1
                          (["--max-hits", "40"], "--max-hits must be from 0 to 32, got 40"),
                          # one voice named: that voice is the one to say
                          (["--max-hits", "snare=40"], "--max-hits for snare must be from 0 to 32, got 40"),
                          (["--threshold", "kik=0.3"], "--threshold: unknown voice 'kik'")]:
        assert main(["drumify", src, "-o", out, *options]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("reagroove: error: " + said), err  # not 'for kick' when no voice was named


def test_bpm_and_start_given_for_a_midi_file_are_said_to_do_nothing(stub_engine, tmp_path, capsys):
    # --bpm/--start are an audio file's tempo and bar 1: on a MIDI file they did nothing, unsaid
    src = str(_riff(tmp_path / "riff.mid", 2))
    said = "for audio files: a MIDI file keeps its own tempo, bar 1 and meter"
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--bpm", "90"]) == 0
    assert "note: --bpm is " + said in capsys.readouterr().out
    assert main(["groove", src, "--bpm", "90", "--start", "0.5"]) == 0
    assert "note: --bpm and --start are " + said in capsys.readouterr().out
    assert main(["patterns", "add", "riff", src, "--start", "1"]) == 0
    assert "note: --start is " + said in capsys.readouterr().err
    assert main(["drumify", src, "-o", str(tmp_path / "e.mid")]) == 0
    assert said not in capsys.readouterr().out  # not given: nothing said
    wav = tmp_path / "take.wav"  # an audio file takes them: nothing said
    sf.write(wav, render(grid_onsets(range(0, 64, 4), 100.0), [0.8] * 16, timbre="bass"), 44100)
    assert main(["groove", str(wav), "--bpm", "100", "--start", "0"]) == 0
    assert said not in capsys.readouterr().out


def test_groove_of_audio_says_bar_1_not_the_drums_bar_1(stub_engine, tmp_path, capsys):
    # `groove take.wav` said "the drums' bar 1 is at 0.000 s of the audio", though groove makes no drums
    from audio_synth import make_part

    wav = tmp_path / "take.wav"
    audio, _ = make_part("bass", 100.0, seconds=10.0, sr=22050)
    sf.write(wav, audio, 22050)
    assert main(["groove", str(wav)]) == 0
    said = capsys.readouterr().out
    assert "; bar 1 is at " in said and "drums' bar 1" not in said
    assert main(["drumify", str(wav), "-o", str(tmp_path / "d.mid")]) == 0
    assert "; the drums' bar 1 is at " in capsys.readouterr().out  # drumify makes them: said as theirs
    # a pattern read from a take makes no drums either (`patterns add` had said "the drums' bar 1")
    assert main(["patterns", "add", "gtr", str(wav)]) == 0
    said = capsys.readouterr()
    assert "bar 1 is at " in said.out + said.err and "drums' bar 1" not in said.out + said.err


def test_removing_a_built_in_pattern_says_it_is_built_in(stub_engine, tmp_path, capsys):
    # `patterns list` shows 'funk'; removing it said "no saved pattern named 'funk'"
    assert main(["patterns", "remove", "funk"]) == 2
    assert "'funk' is a built-in pattern: only your saved patterns can be removed" in capsys.readouterr().err
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["patterns", "add", "funk", src]) == 0  # yours, in the built-in's place
    capsys.readouterr()
    assert main(["patterns", "remove", "funk"]) == 0
    assert "removed pattern 'funk' (the built-in 'funk' is back)" in capsys.readouterr().out
    assert main(["patterns", "add", " verse", src]) == 0  # saved as 'verse' (the name is stripped) ...
    capsys.readouterr()
    assert main(["patterns", "remove", "vers"]) == 2  # mistyped: the name meant, and what is saved
    assert "no saved pattern named 'vers': did you mean 'verse'? (saved: verse)" in capsys.readouterr().err
    assert main(["patterns", "remove", "chorus"]) == 2  # nothing near: no guess
    assert "no saved pattern named 'chorus' (saved: verse)" in capsys.readouterr().err
    assert main(["patterns", "remove", " verse"]) == 0  # ... and removed as typed


def test_live_never_records_over_a_file_it_reads(tmp_path, monkeypatch, capsys):
    # `live --pattern-a groove.mid --record groove.mid`: the take was written over the pattern's file
    from helpers import MemoryInput, MemoryOutput

    from reagroove.core import livemidi

    opened = []
    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: opened.append(kind) or
                        (MemoryInput() if kind == "input" else MemoryOutput()))
    groove = _riff(tmp_path / "groove.mid", 2)
    before = groove.read_bytes()
    assert main(["live", "--in", "keys", "--out", "synth", "--pattern-a", str(groove), "--record", str(groove),
                 "--duration", "0.1"]) == 2
    assert "refusing to overwrite an input file" in capsys.readouterr().err
    assert groove.read_bytes() == before and not opened  # refused before any port opened


def test_a_take_ended_by_a_port_error_says_it_was_recorded(tmp_path, monkeypatch, capsys):
    # the synth unplugged mid-take: the error line alone left the producer guessing whether the take was kept
    from helpers import MemoryInput, MemoryOutput
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput())
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))

    def unplugged(self, **kw):
        raise livemidi.PortError("MIDI output port 'Drum Synth' stopped taking notes: is it still connected?")

    monkeypatch.setattr(livemidi.LivePlayer, "run", unplugged)
    take = tmp_path / "jam.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--record", str(take)]) == 2
    said = capsys.readouterr()
    assert take.exists() and f"recorded {take}" in said.out
    assert said.err.strip().endswith("is it still connected?")


def test_two_variations_are_said_in_plain_words(stub_engine, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--variations", "2"]) == 0
    # every file written named by its ends, and version 1 said to be the plain drums (it is: not a new take)
    assert f"-> {tmp_path / 'd_v1.mid'} .. d_v2.mid (2 versions, v1 the plain drums): 1 loop" in capsys.readouterr().out
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--variations", "3"]) == 0
    assert ".. d_v3.mid (3 versions, v1 the plain drums)" in capsys.readouterr().out
    assert main(["drumify", src, "-o", str(tmp_path / "plain.mid")]) == 0
    assert (tmp_path / "plain.mid").read_bytes() == (tmp_path / "d_v1.mid").read_bytes()


def test_interpolate_steps_out_of_range_is_said_as_the_option_before_anything_else(stub_engine, tmp_path, capsys):
    # it said 'interpolation steps must be ...' after reading both files (and a note about a waltz's meter)
    waltz = build_midi(tmp_path / "waltz.mid", [(b, 40, 100, 0) for b in range(12)], time_signatures=((0, 3, 4),))
    riff = _riff(tmp_path / "riff.mid", 2)
    assert main(["interpolate", str(riff), str(waltz), "-o", str(tmp_path / "i.mid"), "--steps", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "reagroove: error: --steps must be from 2 to 256 (both ends included), got 1"
    assert not (tmp_path / "i.mid").exists()


def test_an_option_a_command_does_not_take_points_at_that_commands_help(tmp_path, capsys):
    # `drumify ... --swing 0.5` (before there was a --swing) pointed at 'reagroove --help', which lists only the commands
    import pytest

    for argv, said in [(["drumify", "a.mid", "-o", str(tmp_path / "d.mid"), "--groovy", "0.5"],
                        "reagroove drumify: error: unrecognized arguments: --groovy 0.5 (see 'reagroove drumify --help')"),
                       (["patterns", "add", "verse", "a.mid", "--foo"],
                        "reagroove patterns add: error: unrecognized arguments: --foo (see 'reagroove patterns add --help')"),
                       (["--foo"], "reagroove: error: unrecognized arguments: --foo (see 'reagroove --help')")]:
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2 and capsys.readouterr().err.strip() == said
    assert not (tmp_path / "d.mid").exists()


def test_a_window_of_one_hit_is_one_hit(tmp_path, capsys):
    # a waltz's one-note pickup was '1 hits'
    song = build_midi(tmp_path / "pickup.mid", [(0, 40, 100, 0), *((1 + b, 40, 100, 0) for b in range(6))],
                      time_signatures=((0, 1, 4), (1, 3, 4)))
    assert main(["groove", str(song)]) == 0
    pickup = next(line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("pickup"))
    assert pickup.endswith(" 1 hit")


def test_live_says_an_option_that_cannot_act(tmp_path, monkeypatch, capsys):
    # `live --fill-length bar` without fills, or --follow without a pattern, did nothing unsaid (drumify says so)
    from helpers import MemoryInput, MemoryOutput
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput())
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--fill-length", "bar",
                 "--follow", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "note: fill length has no effect" in out and "note: follow has no effect" in out
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--fill-every", "4"]) == 0
    assert "no effect" not in capsys.readouterr().out


def test_quiet_prints_nothing_for_a_pattern_file_either(stub_engine, tmp_path, capsys):
    # --quiet 'prints nothing but errors', yet a pattern file's reading notes came on stderr
    src = str(_riff(tmp_path / "riff.mid", 2))
    pattern = build_midi(tmp_path / "beat.mid", [(b / 2, 36, 100, 0) for b in range(16)], tempos=())
    argv = ["drumify", src, "-o", str(tmp_path / "d.mid"), "--pattern-a", str(pattern)]
    assert main(argv) == 0
    assert "note: pattern" in capsys.readouterr().err  # said without --quiet
    assert main([*argv, "--quiet"]) == 0
    said = capsys.readouterr()
    assert said.out == "" and said.err == ""


def test_groove_says_a_drum_map_it_cannot_read_even_for_a_file_without_drums(tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["groove", src, "--drum-map", str(tmp_path / "my_kti.json")]) == 2  # a typo: went unsaid
    assert "my_kti.json" in capsys.readouterr().err


def test_help_says_what_the_options_take(capsys):
    # --bars '5-' (bar 5 to the end), the files --variations writes and --temperature's top were in the README only
    import pytest

    from reagroove.core.settings import MAX_TEMPERATURE

    for command in ("drumify", "groove"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "5- is bar 5 to the end" in text
        if command == "drumify":
            assert "as OUT_v1.mid ... OUT_vN.mid" in text and f"up to {MAX_TEMPERATURE:g}" in text


def test_live_help_says_what_memory_does_in_a_players_words(capsys):
    # '--memory MEMORY  overdub memory per bar' told a producer nothing about what it changes
    import pytest

    with pytest.raises(SystemExit):
        main(["live", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--memory 0..1 how much of what you played the drums still follow a bar later" in text
    assert "--duration SECONDS stop after" in text
    # the idle pattern plays from the start too, before anything is played, not only 'when the input stops'
    assert "--idle-pattern NAME play this pattern while the input is silent: before you start and when you stop" in text



def test_a_settings_file_may_name_a_file_as_pattern(stub_engine, tmp_path, capsys, monkeypatch):
    # --pattern-a beat.mid --save-settings s.json saved the name 'beat', which lived for that run only, and
    # --settings s.json then failed with "no pattern named 'beat'" unsaid at saving; a settings file naming
    # the file itself was refused the same way
    import json

    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))  # a fresh run each time
    src = str(_riff(tmp_path / "riff.mid", 2))
    beat = build_midi(tmp_path / "beat.mid", [(b / 2, 36 if b % 4 == 0 else 42, 100, 9) for b in range(16)])
    saved = tmp_path / "s.json"
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--pattern-a", str(beat),
                 "--save-settings", str(saved)]) == 0
    assert "kept for this run only" not in capsys.readouterr().err  # the file's path is saved (test_cli_files_and_patterns)
    doc = json.loads(saved.read_text())
    doc["settings"]["pattern_a"] = str(beat)  # the file itself
    saved.write_text(json.dumps(doc))
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--quiet"]) == 0
    assert (tmp_path / "a.mid").read_bytes() == (tmp_path / "b.mid").read_bytes()  # the same pattern, the same drums


def test_save_settings_never_writes_over_a_newer_reagrooves_settings(stub_engine, tmp_path, capsys):
    # the panel leaves a settings file of a newer format as it is; --save-settings wrote over it, losing it
    import json

    from reagroove.core.settings import SETTINGS_FORMAT, SETTINGS_VERSION

    newer = tmp_path / "settings.json"
    newer.write_text(json.dumps({"format": SETTINGS_FORMAT, "version": SETTINGS_VERSION + 1, "settings": {}}))
    before = newer.read_text()
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--save-settings", str(newer)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"saved by a newer ReaGroove (settings format {SETTINGS_VERSION + 1})" in err and len(err.splitlines()) == 1
    assert newer.read_text() == before
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--save-settings", str(tmp_path / "mine.json")]) == 0


def test_patterns_add_says_a_waltz_pattern_is_8_beats_not_2_of_its_bars(stub_engine, tmp_path, capsys):
    # interpolate said so; patterns add saved 2 bars and 2 beats of a waltz as 'bar 1', unsaid
    waltz = build_midi(tmp_path / "waltz.mid", [(b, 40, 100, 0) for b in range(12)], time_signatures=((0, 3, 4),))
    assert main(["patterns", "add", "waltz", str(waltz)]) == 0
    assert "the file is in 3/4; a pattern is 8 quarter-note beats (2 bars of 4/4), not 2 of its bars" in capsys.readouterr().err
    assert main(["patterns", "add", "riff", str(_riff(tmp_path / "riff.mid", 2))]) == 0
    assert "quarter-note beats" not in capsys.readouterr().err


def test_a_file_skipped_for_its_bars_is_not_said_to_be_unreadable(stub_engine, tmp_path, capsys):
    # `drumify short.mid long.mid -o out/ --bars 5-6`: short.mid was read fine, its bars end before bar 5
    short, long = _riff(tmp_path / "short.mid", 2), _riff(tmp_path / "long.mid", 8)
    assert main(["drumify", str(short), str(long), "-o", str(tmp_path / "out"), "--bars", "5-6"]) == 2
    err = capsys.readouterr().err
    assert "skipped" in err and "bar 5 is past the end of the music (2 bars)" in err
    assert "1 of 2 files skipped (no drums written for it)" in err and "could not be read" not in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["long_drums.mid"]


def test_a_saved_pattern_named_like_a_file_can_be_picked(stub_engine, tmp_path, capsys, monkeypatch):
    # `patterns add groove.mid take.mid` saved it, yet --pattern-a groove.mid looked for a file and failed
    from reagroove.core.patterns import PatternStore
    from reagroove.models.drummer import user_patterns_path

    monkeypatch.chdir(tmp_path)
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["patterns", "add", "groove.mid", src]) == 0
    stub_engine.patterns = PatternStore({}, user_patterns_path())  # the user's saved patterns, as the CLI's engine
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--pattern-a", "groove.mid"]) == 0
    assert "no such file" not in capsys.readouterr().err


@pytest.mark.parametrize("args, named", [(["--port", "99999999"], "--port"), (["--port", "0"], "--port"),
                                         (["--timeout", "0"], "--timeout"), (["--timeout", "nan"], "--timeout")])
def test_reaper_actions_refuse_a_port_or_timeout_reaper_cannot_use_in_one_line(args, named, capsys):
    """`reagroove reaper status --port 99999999` (or --timeout 0) was taken and then said REAPER was not
    answering; it is refused as the panel refuses it, naming the option, before anything is tried."""
    from reagroove.core.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["reaper", "status", *args])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"argument {named}:" in err[0], err


def test_every_voice_muted_is_said_as_silence_not_as_a_setting_without_effect():
    from reagroove.core.settings import ignored_settings
    from reagroove.core.settings import Settings

    said = ignored_settings(Settings(voice_groups={g: False for g in Settings().voice_groups}))
    assert said == ["every voice group is muted: the drums are silent; unmute one"]


@pytest.mark.parametrize("out", ["drums.wav", "take.wav", "mix.FLAC"])
def test_an_audio_file_named_as_the_output_is_refused_before_anything_is_read(stub_engine, tmp_path, capsys, out):
    """-o drums.wav made a folder named drums.wav holding the MIDI file; -o take.wav (the input itself) read
    all the audio and then failed on 'a file stands where a folder is needed'. Refused at once, one line."""
    take = tmp_path / "take.wav"
    sf.write(str(take), np.zeros(4410, np.float32), 44100)
    assert main(["drumify", str(take), "-o", str(tmp_path / out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the drums are written as MIDI: give -o a .mid file or a folder" in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["take.wav"] and sf.info(str(take)).frames == 4410


def test_a_file_neither_midi_nor_audio_is_said_so(stub_engine, tmp_path, capsys):
    """A take.m4a (AAC, which libsndfile does not read) said 'not a Standard MIDI File (no MThd header)'."""
    m4a = tmp_path / "take.m4a"
    m4a.write_bytes(b"\x00\x00\x00\x20ftypM4A " + bytes(64))
    assert main(["drumify", str(m4a), "-o", str(tmp_path / "d.mid")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(m4a) in err[0] and "not a MIDI or audio file ReaGroove reads" in err[0], err
    midi_named_odd = tmp_path / "riff.txt"  # a MIDI file under another name is still read as MIDI
    midi_named_odd.write_bytes(_riff(tmp_path / "r.mid", 2).read_bytes())
    assert main(["drumify", str(midi_named_odd), "-o", str(tmp_path / "d2.mid"), "--quiet"]) == 0


def test_pattern_b_without_interpolate_is_said_to_play_nowhere(stub_engine, tmp_path, capsys):
    """--pattern-a verse.mid --pattern-b chorus.mid with no --interpolate: B did nothing, unsaid."""
    part = _riff(tmp_path / "bass.mid", 2)
    a, b = _riff(tmp_path / "verse.mid", 2), _riff(tmp_path / "chorus.mid", 4)
    args = ["drumify", str(part), "-o", str(tmp_path / "d.mid"), "--pattern-a", str(a), "--pattern-b", str(b)]
    assert main(args) == 0
    assert "note: pattern B plays only with --interpolate above 0" in capsys.readouterr().err
    assert main([*args, "--interpolate", "0.5"]) == 0
    assert "pattern B plays only" not in capsys.readouterr().err


def test_a_temperature_far_from_the_groove_is_said_and_a_moderate_one_is_not(stub_engine, tmp_path, capsys):
    # at --temperature 2.5 a funk bass line got a bar of 12 kicks with nothing said: QA took it for a fault
    src = str(_riff(tmp_path / "riff.mid", 2))
    out = str(tmp_path / "d.mid")
    for temperature, said in (("2.5", True), ("1", False), ("0", False)):
        assert main(["drumify", src, "-o", out, "--temperature", temperature, "--seed", "3"]) == 0
        text = capsys.readouterr().out
        assert ("far from the likeliest for this part" in text) is said, (temperature, text)
    with pytest.raises(SystemExit):
        main(["drumify", "--help"])
    assert "above 1.5 often leaves it" in " ".join(capsys.readouterr().out.split())


def test_live_memory_out_of_range_is_said_as_typed(capsys):
    """`--memory -1` said "got -1.0" where every other option says the value as typed ("got -1")."""
    assert main(["live", "--in", "a", "--out", "b", "--memory", "-1"]) == 2
    assert capsys.readouterr().err.strip() == "reagroove: error: --memory must be from 0 to 1, got -1"
