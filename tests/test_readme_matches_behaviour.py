"""README.md read by a new user and held against what the commands do: where crashes go,
how odd meters are grouped, what interpolate says it cannot use, what the architecture says audio_floor does.

Generation runs on the numpy stand-in model (tests/stub_model.py), as in test_readme_commands.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_engine_song_form import chord, groove_bars

from reagroove.core.cli import main
from reagroove.core.midi import read_midi

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CRASH = 49


@pytest.fixture
def stub(tmp_path, monkeypatch):
    """drumify and interpolate on the stand-in model, with the genre prototypes as patterns."""
    from stub_model import StubModel

    import reagroove.models.commands as commands
    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.models.drummer import genre_prototypes

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(
        StubModel(), PatternStore(genre_prototypes(), tmp_path / "data" / "patterns.json")))
    return tmp_path


def _bullet(start: str) -> str:
    """The README bullet (controls list) that starts with `start`, its lines joined."""
    text = README[README.index("\n- " + start):]
    return " ".join(text[1:text.index("\n- ", 3)].split())


def test_the_readme_names_the_crash_on_a_song_ending_on_one_held_chord(stub, make_midi, capsys):
    # The README said 'there are no crashes anywhere else' than phrase starts and the opening downbeat; a song
    # ending on one held chord gets one more, with its last hit.
    song = make_midi(sorted(groove_bars(range(1, 8)) + chord(8)), length=4.0)
    assert main(["drumify", str(song), "-o", "drums.mid", "--quiet"]) == 0
    drums = read_midi(stub / "drums.mid").notes
    crash_bars = sorted({int(b // 4) + 1 for b, p in zip(drums.start, drums.pitch) if p == CRASH})
    assert crash_bars[0] == 1 and crash_bars[-1] == 8  # the opening crash, and one on the held chord
    fills = _bullet("Fills and phrases")
    where_else = fills[:fills.index("no crashes anywhere else")]
    assert "held chord" in where_else, "README's fills bullet leaves out the crash on a song's last held chord"


def test_the_readme_says_odd_meters_are_grouped_as_the_part_plays_them():
    from reagroove.core.meter_read import GROUPINGS

    meters = _bullet("Meters")
    # 7/8 is no longer always 2+2+3: every grouping the reader hears is one the README admits
    assert "2+2+3 8ths" not in meters
    heard = "+".join(map(str, GROUPINGS[7][1]))  # the first grouping other than the default
    assert heard in meters, f"README's meters bullet does not say 7/8 may be grouped {heard}"


def test_the_readme_says_dotted_beats_keep_triplet_8ths_unless_the_part_plays_16ths(stub, make_midi, capsys):
    # 12/8 of triplet 8ths: the hats play at most the bar's 12 8ths, none between them
    song = make_midi([(bar * 6.0 + k / 2, 40, 100, 0) for bar in range(4) for k in range(12)],
                     time_signatures=((0, 12, 8),))
    assert main(["drumify", str(song), "-o", "drums.mid", "--quiet", "--density", "1"]) == 0
    drums = read_midi(stub / "drums.mid").notes
    hats = [b for b, p in zip(drums.start, drums.pitch) if p in (42, 44, 46)]
    assert hats and all(abs(b * 2 - round(b * 2)) < 0.05 for b in hats)  # on the triplet 8ths
    meters = _bullet("Meters")
    assert "where the loop's hats play 16ths" not in meters and "part itself plays 16ths" in meters

def test_every_option_interpolate_says_it_cannot_use_is_in_the_readmes_list(stub, make_midi, capsys):
    song = make_midi(sorted(groove_bars(range(1, 5))))
    assert main(["interpolate", str(song), "rock", "-o", "build.mid", "--quiet", "--fill-every", "2",
                 "--pattern-a", "funk", "--pattern-b", "jazz", "--interpolate", "0.5", "--follow", "0.3",
                 "--no-opening-crash"]) == 0
    note = capsys.readouterr().err
    said = note[note.index("note: ") + 6:note.index(" do not apply")].split(", ")
    words = {"fills": "fills", "--hold": "hold", "--pattern-a/-b": "patterns", "--follow": "follow",
             "--interpolate": "interpolate", "--no-opening-crash": "opening crash"}
    assert len(said) == 5  # all but --hold, which interpolate's parser does not take
    listed = " ".join(README.split("which of the drumify options it takes it cannot use (", 1)[1].split(")", 1)[0].split())
    missing = [name for name in said if words[name] not in listed]
    assert not missing, f"README's list of what interpolate cannot use leaves out {missing}"


def test_the_architecture_says_audio_floor_leaves_out_count_ins():
    from reagroove.core import audio_floor

    assert callable(audio_floor.without_count_in)
    arch = README[README.index("## Architecture"):]
    entry = " ".join(arch[arch.index("`audio_floor.py`"):].split(";", 1)[0].split())
    assert "count-in" in entry, "README's architecture: audio_floor.py also leaves out count-ins"


def test_the_quick_starts_groove_line_says_the_timing_row_it_prints(stub, capsys):
    example = ROOT / "core" / "examples" / "funk_bass.mid"
    assert main(["groove", str(example)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.count("|") == 3]
    timing = [line for line in rows if set(line.split("|")[1]) <= set(" .<>")]
    assert timing and len(timing) == len([line for line in rows if line.lstrip().startswith("bar ")])
    line = next(line for line in README.splitlines() if line.startswith("reagroove groove core/examples/funk_bass"))
    assert "one line per" not in line and "timing" in line, "the Quick start's groove line: a timing row per window"


def test_the_readme_says_a_triplet_part_gets_triplet_hats(stub, make_midi, capsys):
    # 4/4 bass in 8th-note triplets, the beat's note loudest: the hats play the middle triplet too
    song = make_midi([(bar * 4 + k / 3, 40 if k % 3 == 0 else 48, 100 if k % 3 == 0 else 70, 0)
                      for bar in range(4) for k in range(12)], tempos=((0, 90.0),))
    assert main(["drumify", str(song), "-o", "drums.mid", "--quiet"]) == 0
    drums = read_midi(stub / "drums.mid").notes
    hats = [b % 1 for b, p in zip(drums.start, drums.pitch) if p in (42, 44, 46, 51)]
    assert any(abs(frac - 1 / 3) < 0.05 for frac in hats)  # the middle triplet, which a shuffle leaves out
    swing = _bullet("Swing")
    assert "triplet 8ths of a beat" in swing, "README's swing bullet: a triplet part's hats play all three"


def test_the_charts_repeat_lines_are_quoted_as_printed(stub, capsys):
    # the README quoted them with two spaces before 'as'; the chart prints one
    example = ROOT / "core" / "examples" / "shuffle_blues.mid"
    # (--fill-bars 12: the song's last bar gets no phrase's fill of its own, and its 4 bars would not repeat)
    assert main(["drumify", str(example), "-o", "blues.mid", "--fill-every", "2", "--fill-bars", "12"]) == 0
    printed = [line.strip() for line in capsys.readouterr().out.splitlines() if " as bars " in line]
    assert printed, "the shuffle's 12 bars of 2-bar phrases repeat"
    form = re.compile(r"bars \d+-\d+ as bars \d+-\d+, \d+ times?$")
    assert all(form.match(line) for line in printed)
    quoted = re.findall(r"`(bars? \d+[^`]* as bars? [^`]*)`", README)
    assert len(quoted) >= 2 and all("  " not in q for q in quoted), quoted
    assert any(form.match(q) for q in quoted)


def test_the_architecture_names_every_command_models_commands_registers():
    # pyproject's entry points read by a pattern: tomllib is Python 3.11+, the set-up takes 3.10
    theirs = sorted(re.findall(r'^(\w+) = "reagroove\.models\.commands:', (ROOT / "pyproject.toml").read_text(), re.M))
    arch = README[README.index("## Architecture"):]
    entry = " ".join(arch[arch.index("`commands.py`: drumify"):].split(";", 1)[0].split())
    missing = [name for name in theirs if name not in entry]
    assert len(theirs) >= 5 and not missing, f"README's architecture: models/commands.py also runs {missing}"


def test_the_benchmarks_section_lists_every_benchmark_script():
    section = README[README.index("## Benchmarks"):]
    section = section[:section.index("\n## ", 3)]
    missing = [p.name for p in sorted((ROOT / "benchmarks").glob("*.py")) if f"benchmarks/{p.name}" not in section]
    assert not missing, f"README's Benchmarks section does not list {missing}"
