"""What the command line says of what a user types by mistake or drops on it: a name left empty by an unset
shell variable, a settings file that cannot be written, a seed that is no number, and strange MIDI files
(read or refused in one line, never a traceback)."""

import struct
from pathlib import Path

import pytest
from test_cli import stub_engine  # noqa: F401 - a fixture
from test_midi_damaged import vl

from reagroove.core.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BASS = str(EXAMPLES / "funk_bass.mid")


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_an_empty_input_name_is_refused_not_read_as_the_current_folder(stub_engine, tmp_path, monkeypatch,  # noqa: F811
                                                                       capsys):
    # `drumify "$BASS" -o drums/` with BASS unset drummed every file of the current folder into drums/
    here = tmp_path / "here"
    here.mkdir()
    (here / "song.mid").write_bytes(Path(BASS).read_bytes())
    monkeypatch.chdir(here)
    assert main(["drumify", "", "-o", "drums"]) == 2
    assert "input's name is empty" in one_line_error(capsys)
    assert sorted(p.name for p in here.iterdir()) == ["song.mid"]


def test_groove_of_an_empty_name_says_the_name_is_empty(capsys):
    # it said "reagroove: error: : no such file or folder", naming nothing
    assert main(["groove", ""]) == 2
    assert "input's name is empty" in one_line_error(capsys)


def test_an_empty_drum_map_is_refused_not_ignored(stub_engine, tmp_path, capsys):  # noqa: F811
    # `--drum-map "$KIT"` with KIT unset wrote General MIDI drums, unsaid, for a kit on other pads
    out = tmp_path / "a.mid"
    assert main(["drumify", BASS, "-o", str(out), "--drum-map", "", "--quiet"]) == 2
    assert "--drum-map is empty" in one_line_error(capsys)
    assert not out.exists()


def test_a_drum_map_naming_a_folder_says_so_even_with_the_output_inside_it(stub_engine, tmp_path, capsys):  # noqa: F811
    # the folder's files were taken as inputs: "refusing to overwrite an input file", not what was wrong
    kits = tmp_path / "kits"
    kits.mkdir()
    assert main(["drumify", BASS, "-o", str(kits / "drums.mid"), "--quiet"]) == 0  # drums written there before
    assert main(["drumify", BASS, "-o", str(kits / "drums.mid"), "--drum-map", str(kits), "--quiet"]) == 2
    err = one_line_error(capsys)
    assert "is a folder" in err and "input file" not in err, err


@pytest.mark.parametrize("where", ["folder", "under_a_file"])
def test_save_settings_that_cannot_be_written_is_refused_before_the_drums(stub_engine, tmp_path, capsys,  # noqa: F811
                                                                          where):
    # the run wrote its drums, then failed on the settings file: exit 2 with drums written and no settings
    target = tmp_path / "saved"
    target.mkdir()
    if where == "under_a_file":
        (tmp_path / "plain.json").write_text("{}")
        target = tmp_path / "plain.json" / "s.json"
    out = tmp_path / "a.mid"
    assert main(["drumify", BASS, "-o", str(out), "--save-settings", str(target), "--quiet"]) == 2
    one_line_error(capsys)
    assert not out.exists()


def test_a_seed_that_is_no_number_says_what_a_seed_is(stub_engine, tmp_path, capsys):  # noqa: F811
    with pytest.raises(SystemExit) as exit_:
        main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--seed", "abc"])
    assert exit_.value.code == 2
    assert "'abc' is not a seed: give a whole number from 0 to 4294967295" in one_line_error(capsys)


@pytest.mark.parametrize("option, typed, example", [("--max-hits", "=3", "kick=4"), ("--threshold", "=0.3", "kick=0.3")])
def test_a_value_without_its_voice_says_the_voice_is_missing(stub_engine, tmp_path, capsys, option, typed,  # noqa: F811
                                                             example):
    # it said "unknown voice ''"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), option, typed]) == 2
    err = one_line_error(capsys)
    assert f"'{typed}' names no voice" in err and example in err


def test_an_output_name_too_long_for_the_file_system_is_one_line(stub_engine, tmp_path, capsys):  # noqa: F811
    # a 300-letter -o was an OSError traceback (ENAMETOOLONG) from the check for a folder of that name
    for argv in (["drumify", BASS, "-o", str(tmp_path / ("a" * 300 + ".mid"))],
                 ["groove", BASS, "--json", str(tmp_path / ("b" * 300 + ".json")), "--quiet"]):
        assert main(argv) == 2
        assert "file name too long" in one_line_error(capsys)
    assert list(tmp_path.glob("*.mid")) == []


def test_a_midi_file_that_cannot_be_read_says_so_as_an_audio_file_does(tmp_path, monkeypatch, capsys):
    import reagroove.core.midi as midi

    path = tmp_path / "locked bass.mid"
    path.write_bytes(Path(BASS).read_bytes())

    def refuse(p, *a, **kw):  # as the OS answers a user without read permission (root would be let in)
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(midi, "open", refuse, raising=False)
    assert main(["groove", str(path)]) == 2
    assert f"{path}: cannot be read: permission denied" in one_line_error(capsys)  # it said "Permission denied"
    assert main(["groove", str(tmp_path / ("c" * 300 + ".mid"))]) == 2
    assert "file name too long" in one_line_error(capsys)  # it said "File name too long", as the OS words it


# ------------------------------------------------------------------ strange MIDI files, written byte by byte


def _smf(body: bytes, fmt: int = 0, division: int = 480, tracks: int = 1) -> bytes:
    return b"MThd" + struct.pack(">IHHH", 6, fmt, tracks, division) + b"MTrk" + struct.pack(">I", len(body)) + body


END = b"\x00\xff\x2f\x00"
# 16 eighth notes, every note-off a note-on at velocity 0 under running status
RUNNING = b"\x00\x90\x24\x64" + b"".join(vl(240) + bytes([0x24 + i % 5, 0, 0, 0x24 + (i + 1) % 5, 0x64])
                                          for i in range(15)) + vl(240) + bytes([0x24 + 15 % 5, 0])
NO_OFFS = b"".join(vl(0 if i == 0 else 240) + bytes([0x90, 0x24 + i % 7, 0x64]) for i in range(16))
SYSEX_AND_PRESSURE = b"\x00\xf0\x05\x7e\x7f\x09\x01\xf7\x00\xa0\x24\x40\x00\xd0\x30\x00\xe0\x00\x40" + RUNNING
TEMPO_EVERY_BEAT = b"".join(vl(0 if i == 0 else 240) + b"\xff\x51\x03" + int(60e6 / (90 + i)).to_bytes(3, "big")
                            + b"\x00\x90\x28\x64" + vl(240) + b"\x80\x28\x00" for i in range(16))
CONTROLLERS_ONLY = b"".join(vl(120) + bytes([0xB0, 1, i]) + vl(120) + bytes([0xE0, 0, i]) for i in range(16))


@pytest.mark.parametrize("name, data, said", [
    ("running status.mid", _smf(RUNNING + END), None),
    ("no note-offs.mid", _smf(NO_OFFS + END), "never switched off"),
    ("sysex and pressure.mid", _smf(SYSEX_AND_PRESSURE + END), None),
    ("tempo every beat.mid", _smf(TEMPO_EVERY_BEAT + END), None),
    ("trailing garbage.mid", _smf(RUNNING + END) + b"\x13\x37garbage" * 20, None),
    ("ベース ライン.mid", _smf(RUNNING + END), None),
])
def test_strange_but_valid_files_are_read(tmp_path, capsys, name, data, said):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["groove", str(path), "--json", str(tmp_path / "g.json")]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "16 notes" in out and (said is None or said in out), out
    assert path.read_bytes() == data  # nothing of the user's is changed


@pytest.mark.parametrize("name, data, said", [
    ("smpte.mid", _smf(RUNNING + END, division=0xE728), "SMPTE time division"),
    ("no ticks.mid", _smf(RUNNING + END, division=0), "0 ticks per beat"),
    ("cut.mid", _smf(RUNNING + END)[:40], "truncated"),
    ("controllers.mid", _smf(CONTROLLERS_ONLY + END), "no notes"),
    ("a bad wav.mid", b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40), "not a readable audio file"),
    ("words.mid", b"not a MIDI file at all\n", "not a Standard MIDI File"),
])
def test_strange_broken_files_are_refused_in_one_line_naming_the_file(tmp_path, capsys, name, data, said):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["groove", str(path)]) == 2
    err = one_line_error(capsys)
    assert str(path) in err and said in err, err


def test_an_output_folder_that_is_not_there_is_made_and_said(stub_engine, tmp_path, capsys):  # noqa: F811
    # a typo in -o's folder made a new folder tree without a word
    out = tmp_path / "drumz" / "verse" / "drums.mid"
    assert main(["drumify", BASS, "-o", str(out)]) == 0
    assert out.is_file()
    said = capsys.readouterr().out
    assert f"made the folder {tmp_path / 'drumz'} for the drums" in said
    assert main(["drumify", BASS, "-o", str(out)]) == 0  # there now: nothing more said of it
    assert "made the folder" not in capsys.readouterr().out
