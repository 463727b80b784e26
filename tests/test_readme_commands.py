"""The commands README.md shows, run as written (with the bundled examples for its placeholder files), say and
write what the README says they do; and the README's architecture names every module there is.

Generation runs on the numpy stand-in model (tests/stub_model.py): what is checked is the command line, the
files written and the messages, not the shipped network's drums.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import mido
import pytest

from reagroove.core.cli import main
from reagroove.core.midi import read_midi

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "core" / "examples"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def song(tmp_path, monkeypatch):
    """A folder laid out like a producer's: the bundled examples under core/examples/ and as the README's
    placeholder files (bass.mid, keys.mid, verse.mid, chorus.mid, song_parts/); the generation commands on the
    stand-in model, with their own patterns folder."""
    from stub_model import StubModel

    import reagroove.models.commands as commands
    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.models.drummer import genre_prototypes

    shutil.copytree(EXAMPLES, tmp_path / "core" / "examples")
    for name, example in (("bass.mid", "funk_bass.mid"), ("keys.mid", "piano_waltz.mid"),
                          ("verse.mid", "shuffle_blues.mid"), ("chorus.mid", "funk_bass.mid")):
        shutil.copy(EXAMPLES / example, tmp_path / name)
    shutil.copytree(EXAMPLES, tmp_path / "song_parts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    # as the shipped engine: the genre prototypes and the patterns saved so far
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(
        StubModel(), PatternStore(genre_prototypes(), tmp_path / "data" / "patterns.json")))
    return tmp_path


def shown(command: str) -> list[str]:
    """The README's command line `reagroove ...` (as shown, its comment dropped), as main()'s arguments."""
    lines = [line for line in README.splitlines() if line.startswith("reagroove " + command)]
    assert len(lines) == 1, f"README shows `reagroove {command}` {len(lines)} times"
    import shlex

    return shlex.split(lines[0].split("  #")[0])[1:]


def notes_of(path) -> list[mido.Message]:
    return [m for t in mido.MidiFile(path).tracks for m in t if m.type == "note_on" and m.velocity > 0]


def test_quick_start_drumify_writes_the_drums_and_prints_their_chart(song, capsys):
    assert main(shown("drumify core/examples/funk_bass.mid")) == 0
    out = capsys.readouterr().out
    assert "core/examples/funk_bass.mid -> out/drums.mid: 4 loops" in out
    assert re.search(r"bar 1 kick +\|", out)  # the drum chart
    assert notes_of(song / "out/drums.mid") and {m.channel for m in notes_of(song / "out/drums.mid")} == {9}
    # "a drum file: one row per voice"
    assert main(shown("groove out/drums.mid")) == 0
    out = capsys.readouterr().out
    assert "the input is a drum part" in out and re.search(r"bar 1 kick +\|", out)


def test_quick_start_shuffle_swings_and_groove_prints_one_line_per_window(song, capsys):
    assert main(shown("drumify core/examples/shuffle_blues.mid")) == 0
    assert "the part swings" in capsys.readouterr().out
    assert (song / "out/blues.mid").is_file()
    assert main(shown("groove core/examples/funk_bass.mid ")) == 0
    out = capsys.readouterr().out
    assert "4 windows of 2 bars" in out
    assert [line.split()[:2] for line in out.splitlines() if line.strip().startswith("bar ")] == [
        ["bar", str(b)] for b in (1, 3, 5, 7)]


def test_quick_start_groove_of_bars_5_to_8_as_json(song, capsys):
    assert main(shown("groove core/examples/shuffle_blues.mid --bars")) == 0
    data = json.loads((song / "out/groove.json").read_text())
    assert [w["bar"] for w in data["windows"]] == [5, 7]
    assert "wrote out/groove.json" in capsys.readouterr().out


def test_a_folder_of_parts_gets_four_variations_each(song, capsys):
    assert main(shown("drumify song_parts/")) == 0
    written = sorted(p.name for p in (song / "drums").iterdir())
    assert written == [f"{stem}_drums_v{k}.mid" for stem in ("funk_bass", "piano_waltz", "shuffle_blues")
                       for k in range(1, 5)]


def test_variations_of_one_file_are_numbered_after_the_output(song, capsys):
    assert main(["drumify", "bass.mid", "-o", "drums.mid", "--variations", "3", "--quiet"]) == 0
    assert sorted(p.name for p in song.glob("drums*.mid")) == ["drums_v1.mid", "drums_v2.mid", "drums_v3.mid"]

def test_muted_toms_and_cymbals_are_not_written(song, capsys):
    assert main(shown("drumify keys.mid")) == 0
    pitches = {m.note for m in notes_of(song / "drums.mid")}
    assert pitches and not pitches & {41, 43, 45, 47, 48, 50, 49, 57, 51, 59, 52, 55}


def test_fill_every_4_ends_bar_8_with_a_fill_and_crashes_bar_9(song, capsys):
    assert main(shown("drumify verse.mid")) == 0
    drums = read_midi(song / "drums.mid").notes
    crash_bars = sorted({int(beat // 4) + 1 for beat, note in zip(drums.start, drums.pitch) if note == 49})
    assert crash_bars == [1, 9]  # the opening crash and the one after the fill ending bar 8


def test_interpolate_writes_a_10_bar_build(song, capsys):
    assert main(shown("interpolate verse.mid chorus.mid")) == 0
    assert "build.mid: 5 loops from verse.mid, bar 1 to chorus.mid, bar 1" in capsys.readouterr().out
    last = float(read_midi(song / "build.mid").notes.start.max())
    assert 36 <= last < 40  # 5 loops of 2 bars: 10 bars of 4/4


def test_interpolate_says_which_options_it_cannot_use(song, capsys):
    assert main(shown("interpolate verse.mid chorus.mid") + ["--follow", "0.3"]) == 0
    assert "note: --follow does not apply to interpolate" in capsys.readouterr().err
    assert main(shown("interpolate verse.mid chorus.mid") + ["--follow", "0.3", "--fill-every", "2"]) == 0
    assert "note: fills, --follow do not apply to interpolate" in capsys.readouterr().err


def test_a_saved_pattern_is_pattern_b_of_a_drumify(song, capsys):
    assert main(shown("drumify verse.mid")) == 0
    shutil.copy(song / "drums.mid", song / "verse_drums.mid")
    assert main(shown("patterns add verse")) == 0
    assert "saved pattern 'verse' (verse_drums.mid, bar 5)" in capsys.readouterr().out
    assert main(shown("drumify bass.mid -o drums.mid --pattern-a")) == 0
    assert "bass.mid -> drums.mid: 4 loops" in capsys.readouterr().out


def test_a_midi_file_with_an_audio_name_is_read_as_midi_with_a_note(song, capsys):
    shutil.copy(EXAMPLES / "funk_bass.mid", song / "guitar.wav")
    assert main(["drumify", "guitar.wav", "--bpm", "96", "-o", "drums.mid"]) == 0
    assert "the file is MIDI despite its audio name; read as MIDI" in capsys.readouterr().out


def test_a_missing_dataset_folder_is_one_line(tmp_path, capsys):
    assert main(["data", "build", "--gmd", str(tmp_path / "groove-midi"), "--cache-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "groove-midi: no such folder" in err[0]


def test_the_reaper_dry_run_changes_nothing(tmp_path):
    folder = tmp_path / "REAPER"
    folder.mkdir()
    (folder / "reaper.ini").write_text("[REAPER]\n")
    done = subprocess.run([sys.executable, str(ROOT / "install" / "reaper.py"), "--resource-path", str(folder),
                           "--dry-run"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "dry run: nothing was changed." in done.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["reaper.ini"]


# ---------------------------------------------------------------- the architecture section


def _architecture() -> str:
    start = README.index("## Architecture")
    return README[start:README.index("\n## ", start + 1)]


def test_the_architecture_names_every_module():
    text = _architecture()
    modules = [p for folder in ("core", "models", "reaper_ext") for p in (ROOT / folder).rglob("*.py")
               if p.name != "__init__.py"]
    missing = [str(p.relative_to(ROOT)) for p in modules if p.name not in text]
    assert not missing, f"README's architecture does not name {missing}"


def test_every_file_the_architecture_names_exists():
    names = set(re.findall(r"[\w/]+\.(?:py|txt)\b", _architecture()))
    files = {p.name for p in ROOT.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts}
    gone = sorted(n for n in names if n.rsplit("/", 1)[-1] not in files)
    assert not gone, f"README's architecture names files that are gone: {gone}"


# ---------------------------------------------------------------- models/README.md's training commands


def _training_commands() -> list[list[str]]:
    import shlex

    text = (ROOT / "models" / "README.md").read_text(encoding="utf-8")
    block = text.split("\n## Training the shipped model\n", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    joined = re.sub(r"\\\n\s*", " ", block)
    return [shlex.split(line.split("  #")[0]) for line in joined.splitlines() if line.startswith("reagroove ")]


def test_the_training_commands_parse_and_are_the_ones_the_shipped_weights_record():
    from reagroove.core.cli import build_parser

    commands = _training_commands()
    assert len(commands) == 3
    for args in commands:
        build_parser("train").parse_args(args[1:])  # every option exists and parses
    band = json.loads((ROOT / "models" / "weights" / "card.json").read_text())
    drums = json.loads((ROOT / "models" / "weights" / "drum_part" / "card.json").read_text())
    import shlex

    assert commands[0] == shlex.split(band["command"])
    assert commands[1] == shlex.split(band["calibration_command"])
    recorded = shlex.split(drums["command"])
    assert commands[2] == recorded[:-1] + ["models/weights/drum_part"]  # trained into OUT, shipped there


def test_the_models_readme_file_table_names_every_module():
    text = (ROOT / "models" / "README.md").read_text(encoding="utf-8")
    table = text.split("Files:\n", 1)[1].split("\n\n", 1)[0]
    missing = [p.name for p in (ROOT / "models").glob("*.py") if p.name != "__init__.py" and f"`{p.name}`" not in table]
    assert not missing, f"models/README.md's file table does not name {missing}"
