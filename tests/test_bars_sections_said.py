"""The CLI's --bars is told only the sections its bars play or fill into, as a REAPER time selection is
(core/range_sections_said.py, from bar_range.range_of).

`reagroove drumify song.mid --bars 3-4` of a song whose tempo changes on bars 5 and 9 printed the whole song's line,
"the tempo changes (... in bar 5, ... in bar 9): each starts a new section (a fill into it, a crash on it)": crashes
the range does not play. A time selection over the same bars in REAPER is told "... in bar 5): it starts a new
section (bar 4 fills into it)"; --bars now says it too."""

import re

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.cli import main
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.models import commands
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

FIRST = "the tempo changes (from 96 to 120 BPM in bar 5)"
SECOND = "the tempo changes (from 120 to 140 BPM in bar 9)"
FILL_AND_CRASH = ": it starts a new section (a fill into it, a crash on it)"
# 12 bars of 4/4 at 96 BPM, 120 from bar 5 (beat 16), 140 from bar 9 (beat 32): a note on every beat, 3 pitches
NOTES = [(float(k), 40 + k % 3, 90, 0) for k in range(48)]
TEMPOS = ((0, 96.0), (16, 120.0), (32, 140.0))


@pytest.fixture
def tempo_song(make_midi, monkeypatch):
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    return make_midi(NOTES, "tempo.mid", tempos=TEMPOS)


def tempo_lines(song, tmp_path, capsys, bars: str) -> list[str]:
    """The lines `reagroove drumify song --bars BARS` prints of the tempo changes."""
    capsys.readouterr()
    assert main(["drumify", str(song), "-o", str(tmp_path / "out.mid"), "--bars", bars]) == 0
    said = capsys.readouterr()
    lines = [m.strip().removeprefix("note: ") for m in (said.out + said.err).splitlines()]
    return [m for m in lines if "tempo change" in m]


def test_bars_before_two_sections_say_only_the_fill_into_the_first(tempo_song, tmp_path, capsys):
    # bar 4 fills into bar 5; bar 5's crash and all of bar 9 are not drummed
    assert tempo_lines(tempo_song, tmp_path, capsys, "3-4") == [f"{FIRST}: it starts a new section (bar 4 fills into "
                                                                "it)"]


def test_bars_between_two_sections_say_neither(tempo_song, tmp_path, capsys):
    # bar 5's crash lies before bars 6-7, bar 9's fill is bar 8's
    assert tempo_lines(tempo_song, tmp_path, capsys, "6-7") == []


def test_bars_over_one_section_keep_it_and_fill_into_the_next(tempo_song, tmp_path, capsys):
    assert tempo_lines(tempo_song, tmp_path, capsys, "4-8") == [
        FIRST + FILL_AND_CRASH, f"{SECOND}: it starts a new section (bar 8 fills into it)"]


def test_bars_before_a_lone_section_say_their_fill_into_it(make_midi, monkeypatch, tmp_path, capsys):
    # one change on bar 5: its line named bar 5, one past bars 3-4, and was kept whole ("a crash on it")
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    song = make_midi(NOTES, "one.mid", tempos=TEMPOS[:2])
    assert tempo_lines(song, tmp_path, capsys, "3-4") == [f"{FIRST}: it starts a new section (bar 4 fills into it)"]
    assert tempo_lines(song, tmp_path, capsys, "6-7") == []


def test_the_whole_song_is_told_both_sections(tempo_song, tmp_path, capsys):
    assert tempo_lines(tempo_song, tmp_path, capsys, "1-12") == [
        "the tempo changes (from 96 to 120 BPM in bar 5, from 120 to 140 BPM in bar 9): each starts a new section "
        "(a fill into it, a crash on it)"]


@pytest.mark.parametrize("start_measure", [1, 5])
def test_a_time_selection_is_told_what_bars_of_the_song_are(tempo_song, tmp_path, capsys, start_measure):
    """The same bars time-selected in REAPER are told the same lines, their bars as REAPER's ruler numbers them
    (the project's start measure 5: the song's bar 5 is the ruler's 9)."""
    spec = ProjectSpec(bpm=96)
    spec.tempo_marker(120, qn=16.0)
    spec.tempo_marker(140, qn=32.0)
    spec.start_measure(start_measure)
    synth = spec.add_track("Synth")
    spec.add_midi_item(synth, start_qn=0, length_qn=48, selected=True, name="clip",
                       notes=[(at, 0.5, pitch, vel) for at, pitch, vel, _ in NOTES])
    shift = start_measure - 1

    def ruler(line: str) -> str:  # a --bars line with its bars as the ruler numbers them
        return re.sub(r"\bbar (\d+)", lambda found: f"bar {int(found[1]) + shift}", line)

    with reapy_inside(spec, purge=PURGE) as s:
        for bars, (start_s, end_s) in (("3-4", (5.0, 10.0)), ("6-7", (12.0, 16.0)), ("4-8", (7.5, 18.0))):
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, start_s, end_s, False)  # (2.5 s a bar at 96, 2 at 120)
            res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
            lo, hi = (int(b) + shift for b in bars.split("-"))
            assert f"drums for bars {lo}-{hi} (the time selection)" in res["messages"], res["messages"]
            assert [m for m in res["messages"] if "tempo change" in m] == \
                [ruler(m) for m in tempo_lines(tempo_song, tmp_path, capsys, bars)], bars
