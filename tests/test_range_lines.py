"""A range of bars is told the song's lines of sections and of fills moved for its own bars, the CLI's --bars as a
REAPER time selection: the line's writer (core/form_notes.py) words it again for the range (range_sections_said.py),
one implementation for both.

`reagroove drumify song.mid --fill-every 1 --bars 3-4` had printed "none in bars 3, 5, 7, 9; fills also end bars 4, 6,
8, 10", the whole song's fills, where a time selection over the same bars read "none in bar 3; a fill also ends bar
4"; and a time selection past the line's first four bars was told nothing of the fills in it (the line's wording,
re-read, listed only the song's first four)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_actions_use_panel_settings import panels  # noqa: F401 - the fixture
from test_reaper import PURGE

from reagroove.core.cli import main
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.models import commands

FILLS = "a fill every 2 bars counts its phrases again "
# a pickup, then a note on every beat from bar 2 (3 pitches), 96 BPM, 120 from bar 5 (beat 16): a fill every 2 bars
# counts again from bar 5, its fills moved off the plain count
SHORT = [(3.5, 40)] + [(4.0 + k, 40 + k % 3) for k in range(20)] + [(32.0 + k, 40) for k in range(6)]
LONG = [(3.5, 40)] + [(4.0 + k, 40 + k % 3) for k in range(92)]  # (to bar 24: its line lists the first four)
TEMPOS = ((0, 96.0), (16, 120.0))


@pytest.fixture
def cli(make_midi, monkeypatch, tmp_path, capsys):
    """cli(notes, bars) -> the lines `reagroove drumify --fill-every 1 [--bars BARS]` prints of fills and sections."""
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))

    def run(notes, bars=None):
        song = make_midi([(beat, pitch, 90, 0) for beat, pitch in notes], "song.mid", tempos=TEMPOS, length=0.5)
        capsys.readouterr()
        argv = ["drumify", str(song), "-o", str(tmp_path / "out.mid"), "--fill-every", "1"]
        assert main(argv + (["--bars", bars] if bars else [])) == 0
        said = capsys.readouterr()
        lines = [m.strip().removeprefix("note: ") for m in (said.out + said.err).splitlines()]
        return [m for m in lines if m.startswith(FILLS) or "new section" in m]

    return run


def fill_line(lines):
    return [m.split(": ", 1)[1] for m in lines if m.startswith(FILLS)]


def test_the_whole_song_is_told_all_its_fills_moved(cli):
    assert fill_line(cli(SHORT)) == ["none in bars 3, 5, 7, 9; fills also end bars 4, 6, 8, 10"]


@pytest.mark.parametrize("bars, said", [("3-4", ["none in bar 3; a fill also ends bar 4"]),
                                        ("5-6", ["none in bar 5; a fill also ends bar 6"]),
                                        ("1-2", [])])  # (no fill of it moved there: no line)
def test_bars_are_told_only_the_fills_moved_in_them(cli, bars, said):
    assert fill_line(cli(SHORT, bars)) == said


def test_bars_past_the_lines_first_four_are_told_theirs(cli):
    assert fill_line(cli(LONG)) == ["none in bars 3, 5, 7, 9, ...; fills also end bars 4, 6, 8, 10, ..."]
    assert fill_line(cli(LONG, "17-20")) == ["none in bars 17, 19; fills also end bars 18, 20"]
    assert fill_line(cli(LONG, "11-17")) == ["none in bars 11, 13, 15, 17; fills also end bars 12, 14, 16"]


def test_a_time_selection_is_told_what_the_same_bars_are_told_on_the_command_line(cli, panels):  # noqa: F811
    Settings(fill_every=1).save(panels.settings)
    spec = ProjectSpec(bpm=96)
    spec.tempo_marker(120, qn=16.0)
    synth = spec.add_track("Synth")
    spec.add_midi_item(synth, start_qn=0, length_qn=96, selected=True, name="clip",
                       notes=[(beat, 0.5, pitch, 90) for beat, pitch in LONG])
    with reapy_inside(spec, purge=PURGE) as s:
        # bars 3-4 (5-10 s at 96), 4-8 (the section on bar 5 inside), 17-20 (10 s for bars 1-4, then 2 s a bar)
        for (start, end), bars in (((5.0, 10.0), "3-4"), ((7.5, 18.0), "4-8"), ((34.0, 42.0), "17-20")):
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, start, end, False)
            before = len(s.reaper.console_text())
            assert panels.run(["reaper", "drumify", "--panel-settings"]) == 0
            said = s.reaper.console_text()[before:]
            assert f"drums for bars {bars} (the time selection)" in said, said
            lines = [m.strip().removeprefix("note: ") for m in said.splitlines()]
            reaper = [m for m in lines if m.startswith(FILLS) or "new section" in m]
            assert reaper == cli(LONG, bars), (bars, said)
            assert fill_line(reaper), said  # (each range holds fills moved)


def test_a_ranges_section_lines_come_in_bar_order():
    """--bars 5-12 with tempo changes on bars 5, 9 and 13 had said bar 9's line before bar 5's (C5's review)."""
    from reagroove.core.form_notes import SectionsLine

    line = SectionsLine("changes", [(b, f"from {90 + b} to {91 + b} BPM in bar {b}", ("tempo",)) for b in (5, 9, 13)])
    said = line.in_bars(5, 12)
    assert [int(s.split("in bar ")[1].split(")")[0]) for s in said] == [5, 9, 13], said
    assert said[0].endswith("(a crash on it)") and said[2].endswith("(bar 12 fills into it)"), said
