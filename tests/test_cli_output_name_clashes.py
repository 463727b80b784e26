"""drumify on a folder whose parts would give their drums the same name: each part gets its own drum file.

bass.mid beside bass.MID (a DAW's export beside a hand-named copy) both went to bass_mid_drums.mid (with the
folders' names in front: tmp_parts_bass_mid_drums.mid): the second part's drums replaced the first's, and
both were said as written there.
"""

from __future__ import annotations

import re

import test_cli
from test_cli import _riff

from reagroove.core.cli import main


stub_engine = test_cli.stub_engine  # the fixture: drumify on the small stand-in model

def written(out_text: str) -> dict[str, tuple[str, int]]:
    """input file name -> (output file name, loops), from drumify's 'IN -> OUT: N loops' lines."""
    found = {}
    for line in out_text.splitlines():
        if m := re.match(r"(\S+) -> (\S+): (\d+) loops?", line):
            found[m[1].rsplit("/", 1)[-1]] = (m[2].rsplit("/", 1)[-1], int(m[3]))
    return found


def test_parts_whose_names_differ_only_in_the_suffixs_case_get_a_drum_file_each(stub_engine, tmp_path, capsys):
    parts = tmp_path / "parts"
    parts.mkdir()
    _riff(parts / "bass.mid", 2)  # one 2-bar loop
    _riff(parts / "bass.MID", 4)  # two
    assert main(["drumify", str(parts), "-o", str(tmp_path / "out")]) == 0
    said = written(capsys.readouterr().out)
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(files) == 2 and len({f.casefold() for f in files}) == 2, files
    assert sorted(name for name, _ in said.values()) == files  # each said where it went, nowhere else
    assert said["bass.mid"][1] == 1 and said["bass.MID"][1] == 2
    for name in files:  # the part's own name, no folders of the temporary path in front
        assert name.startswith("bass_mid_") and name.endswith("_drums.mid"), files


def test_parts_in_two_folders_whose_names_differ_only_in_case_are_told_apart_by_their_folders(
        stub_engine, tmp_path, capsys):
    # On a disk that ignores case (macOS, Windows) Bass_drums.mid and bass_drums.mid are one file.
    for section, name in (("verse", "Bass.mid"), ("chorus", "bass.mid")):
        (tmp_path / "parts" / section).mkdir(parents=True)
        _riff(tmp_path / "parts" / section / name, 2)
    assert main(["drumify", str(tmp_path / "parts"), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["chorus_bass_drums.mid", "verse_Bass_drums.mid"]


def test_parts_of_different_names_keep_their_own_names(stub_engine, tmp_path):
    parts = tmp_path / "parts"
    parts.mkdir()
    for name in ("bass.mid", "keys.mid", "bass.wav.mid"):
        _riff(parts / name, 2)
    assert main(["drumify", str(parts), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "bass.wav_drums.mid", "bass_drums.mid", "keys_drums.mid"]
