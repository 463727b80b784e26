"""Settings as a producer types and saves them: genre mixes, other ReaGroove files given as settings or patterns,
mistyped settings, lists, saving back. Each test failed on the code before its fix."""

from __future__ import annotations

import json

import pytest
from test_cli import _riff

from reagroove.core.cli import main
from reagroove.core.errors import InputFileError
from reagroove.core.settings import Settings, SettingsError, parse_genre_mix


@pytest.fixture
def stub_engine(monkeypatch, tmp_path):
    """The generation commands on the numpy stand-in model, with their own user data folder."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))


def test_a_genre_without_its_weight_inside_a_weighted_mix_is_refused(stub_engine, tmp_path, capsys):
    # 'funk=0.5,jazz' played jazz at 1.0, twice funk, unsaid
    with pytest.raises(SettingsError, match="gives jazz no weight"):
        parse_genre_mix("funk=0.5,jazz")
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", "funk=0.5,jazz"]) != 0
    err = capsys.readouterr().err.strip()
    assert "--genre 'funk=0.5,jazz' gives jazz no weight" in err and len(err.splitlines()) == 1
    # a bare name alone, or only bare names (an even mix), still plays
    assert parse_genre_mix("rock") == {"rock": 1.0}
    assert parse_genre_mix("funk,jazz") == {"funk": 1.0, "jazz": 1.0}
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--genre", "rock", "--quiet"]) == 0


def test_another_reagroove_file_given_as_settings_says_what_it_is_and_where_it_goes(tmp_path):
    # a drum map given to --settings said "unknown setting 'voices'"
    drum_map = tmp_path / "map.json"
    drum_map.write_text(json.dumps({"voices": {"kick": {"output": 36}}}))
    with pytest.raises(InputFileError, match="map.json: this looks like a drum map, not settings: give it to --drum-map"):
        Settings.load(drum_map)
    toml_map = tmp_path / "map.toml"
    toml_map.write_text("[voices.kick]\noutput = 36\n")
    with pytest.raises(InputFileError, match="this looks like a drum map"):
        Settings.load(toml_map)
    patterns = tmp_path / "patterns.json"
    patterns.write_text(json.dumps({"format": "reagroove-patterns", "version": 1, "patterns": []}))
    with pytest.raises(InputFileError, match="patterns file, not settings: its patterns play by name"):
        Settings.load(patterns)
    presets = tmp_path / "presets.json"
    presets.write_text(json.dumps({"format": "reagroove-panel-presets", "version": 2, "presets": {}}))
    with pytest.raises(InputFileError, match="presets file, not settings"):
        Settings.load(presets)
    with pytest.raises(InputFileError, match="a MIDI file, not settings: give it as a part to drum"):
        Settings.load(_riff(tmp_path / "bass.mid", 2))
    # settings, and a mistyped setting, read as before
    saved = tmp_path / "s.json"
    Settings(follow=0.3).save(saved)
    assert Settings.load(saved).follow == 0.3
    saved.write_text(json.dumps({"folow": 0.3}))
    with pytest.raises(InputFileError, match="unknown setting 'folow'"):
        Settings.load(saved)


def test_settings_or_a_drum_map_given_as_a_pattern_says_where_it_goes(stub_engine, tmp_path, capsys, monkeypatch):
    # --pattern-a settings.json said "no pattern named 'settings.json'"
    monkeypatch.chdir(tmp_path)
    src = str(_riff(tmp_path / "riff.mid", 2))
    Settings(follow=0.3).save("settings.json")
    (tmp_path / "map.json").write_text(json.dumps({"voices": {"kick": {"output": 36}}}))
    for given, said in (("settings.json", "this looks like settings, not a pattern: give it to --settings"),
                        ("map.json", "this looks like a drum map, not a pattern: give it to --drum-map")):
        assert main(["drumify", src, "-o", "a.mid", "--pattern-a", given]) != 0
        err = capsys.readouterr().err.strip()
        assert said in err and len(err.splitlines()) == 1, err


def test_pattern_b_alone_is_said_as_the_pattern_the_drums_lean_toward(stub_engine, tmp_path, capsys):
    # --pattern-b rock alone played rock as pattern A, where the help said "pattern B, for --interpolate"
    src = str(_riff(tmp_path / "riff.mid", 2))
    a, b = str(_riff(tmp_path / "a.mid", 2, first_bar=2)), str(_riff(tmp_path / "b.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "out.mid"), "--pattern-b", b]) == 0
    err = capsys.readouterr().err
    assert "pattern B alone is the pattern the drums lean toward, as pattern A" in err
    with pytest.raises(SystemExit):
        main(["drumify", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "given alone, the pattern the drums lean toward, as pattern A" in help_text
    # with A it is the far end of --interpolate, and nothing is said of B alone
    assert main(["drumify", src, "-o", str(tmp_path / "ab.mid"), "--pattern-a", a, "--pattern-b", b,
                 "--interpolate", "0.5"]) == 0
    assert "B alone" not in capsys.readouterr().err


@pytest.mark.parametrize("options, said", [
    # said without the option, or in Python's words, or as a weight of 0
    (["--mute", "tomz"], "--mute: unknown voice group 'tomz'"),
    (["--genre", "rokc"], "--genre: unknown genre 'rokc'"),
    (["--genre", "funk=-1"], "--genre weight for funk must be a number from 0 up, got -1"),
    (["--threshold", "kick=2"], "--threshold for kick must be from 0 to 1, got 2"),  # --help: 0..1, not 0.0 to 1.0
    (["--threshold", "1.5"], "--threshold must be from 0 to 1, got 1.5"),
])
def test_a_bad_setting_is_one_line_in_the_options_words_and_ranges(stub_engine, tmp_path, capsys, options, said):
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), *options]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reagroove: error: " + said) and "\n" not in err, err


def test_interpolate_takes_interpolate_as_an_option_that_does_not_apply(stub_engine, tmp_path, capsys):
    # `reagroove interpolate A B --interpolate 0.5` failed: "--interpolate needs --pattern-b (and --pattern-a)",
    # though the command walks its own A and B and says --interpolate does not apply to it
    a, b = str(_riff(tmp_path / "a.mid", 2)), str(_riff(tmp_path / "b.mid", 2))
    assert main(["interpolate", a, b, "-o", str(tmp_path / "path.mid"), "--interpolate", "0.5", "--quiet"]) == 0
    assert "--interpolate does not apply to interpolate" in capsys.readouterr().err
    # and a pattern B there is said not to apply, not as "pattern B plays only with --interpolate above 0"
    assert main(["interpolate", a, b, "-o", str(tmp_path / "p2.mid"), "--pattern-a", a, "--pattern-b", b]) == 0
    err = capsys.readouterr().err
    assert "--pattern-a/-b do not apply to interpolate" in err and "plays only with" not in err
    # drumify still refuses it without a pattern B
    assert main(["drumify", a, "-o", str(tmp_path / "d.mid"), "--interpolate", "0.5"]) == 2
    assert "--interpolate needs --pattern-b" in capsys.readouterr().err


def test_settings_started_from_can_be_saved_back_to_their_file(stub_engine, tmp_path, capsys):
    # `--settings verse.json --density 0.3 --save-settings verse.json` said "refusing to overwrite an input file"
    src = str(_riff(tmp_path / "riff.mid", 2))
    verse = tmp_path / "verse.json"
    Settings(follow=0.4, seed=3).save(verse)
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--quiet", "--settings", str(verse),
                 "--density", "0.3", "--save-settings", str(verse)]) == 0
    assert Settings.load(verse) == Settings(follow=0.4, seed=3, density=0.3)
    # the panel's state file holds more than settings: still never written over
    panel = tmp_path / "panel.json"
    panel.write_text(json.dumps({"format": "reagroove-panel", "version": 1, "settings": {}, "window": [1, 2]}))
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--quiet", "--settings", str(panel),
                 "--save-settings", str(panel)]) == 2
    assert "refusing to overwrite an input file" in capsys.readouterr().err
    assert "window" in json.loads(panel.read_text())


def test_a_saved_pattern_file_moved_since_is_said_as_the_settings_pattern(stub_engine, tmp_path, capsys):
    # "/x/beat.mid: no such file or folder" named a file the producer never typed on this command line
    src = str(_riff(tmp_path / "riff.mid", 2))
    beat = _riff(tmp_path / "beat.mid", 2)
    saved = tmp_path / "s.json"
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--quiet", "--pattern-a", str(beat),
                 "--save-settings", str(saved)]) == 0
    beat.unlink()
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--quiet", "--settings", str(saved)]) == 2
    err = capsys.readouterr().err.strip()
    assert "beat.mid" in err and f"pattern A in the settings file {saved}" in err and "\n" not in err, err


def test_a_mistyped_setting_in_a_file_says_the_one_meant(tmp_path):
    # "unknown setting 'fill_evry'" left the producer to guess the name a hand-edited file wants
    saved = tmp_path / "s.json"
    saved.write_text(json.dumps({"format": "reagroove-settings", "version": 1, "settings": {"fill_evry": 4}}))
    with pytest.raises(InputFileError, match="unknown setting 'fill_evry' \\(did you mean 'fill_every'\\?\\)"):
        Settings.load(saved)
    saved.write_text(json.dumps({"zzz": 1}))
    with pytest.raises(InputFileError, match="unknown setting 'zzz' \\(settings are: .*fill_every"):
        Settings.load(saved)


def test_lists_parted_by_spaces_read_as_fill_bars_do(stub_engine, tmp_path):
    # --genre 'funk=0.7 jazz=0.3' said "weight '0.7 jazz=0.3' for funk is not a number"; --mute 'toms cymbals'
    # said "unknown voice group 'toms cymbals'", where --fill-bars '8 16 24' is read
    assert parse_genre_mix("funk=0.7 jazz=0.3") == {"funk": 0.7, "jazz": 0.3}
    assert parse_genre_mix("funk = 0.7, jazz = 0.3") == {"funk": 0.7, "jazz": 0.3}
    src = str(_riff(tmp_path / "riff.mid", 2))
    saved = tmp_path / "s.json"
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--quiet", "--mute", "toms cymbals",
                 "--max-hits", "kick=3 snare=4", "--save-settings", str(saved)]) == 0
    s = Settings.load(saved)
    assert not s.voice_groups["toms"] and not s.voice_groups["cymbals"] and s.voice_groups["kick"]
    assert s.max_hits[:3] == (3, 4, 32)


def test_a_saved_hold_or_no_opening_crash_can_be_turned_back(stub_engine, tmp_path):
    # settings saved with --hold or --no-opening-crash held them for good: no option turned them back
    src = str(_riff(tmp_path / "riff.mid", 2))
    saved, again = tmp_path / "s.json", tmp_path / "t.json"
    run = ["drumify", src, "-o", str(tmp_path / "d.mid"), "--quiet"]
    assert main([*run, "--hold", "--no-opening-crash", "--save-settings", str(saved)]) == 0
    assert main([*run, "--settings", str(saved), "--save-settings", str(again)]) == 0
    kept = Settings.load(again)
    assert kept.hold and not kept.opening_crash  # kept when not given
    assert main([*run, "--settings", str(saved), "--no-hold", "--opening-crash", "--save-settings", str(again)]) == 0
    back = Settings.load(again)
    assert not back.hold and back.opening_crash


def test_a_settings_file_whose_pad_was_dragged_across_before_pattern_b_plays(stub_engine, tmp_path, capsys):
    """A panel's settings file with A <-> B moved while no pattern B was chosen (the slider greyed out, no effect):
    `drumify --settings` refused it ("--interpolate needs --pattern-b"), so every Drumify from that panel failed.
    The file plays, as the panel shows it; typed on the command line without a B it is still refused."""
    src = str(_riff(tmp_path / "riff.mid", 2))
    settings = tmp_path / "panel.json"
    Settings(interpolate=0.4).save(settings)
    assert main(["drumify", src, "-o", str(tmp_path / "d.mid"), "--settings", str(settings)]) == 0
    assert (tmp_path / "d.mid").is_file()
    assert main(["drumify", src, "-o", str(tmp_path / "e.mid"), "--interpolate", "0.4"]) == 2
    assert "--interpolate needs --pattern-b" in capsys.readouterr().err
