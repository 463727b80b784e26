"""The CLI's --bars drums the song's phrases: bars drummed again from mid-song fill and crash where the whole file's
drums do over those bars (REAPER's time selection has done so since song_phrases.py).

`reagroove drumify funk_bass.mid --bars 3-8 --fill-every 4bars` had counted its phrases from bar 3: a crash on bar 3
mid-phrase and a fill in bar 6, where the whole file fills bar 4 and crashes on bar 5. A section marker in the file
still starts a section as it does for the whole file. Judged on the bars of the fills and crashes, not the bytes:
the network hears other windows."""

from pathlib import Path

import numpy as np
import pytest
from test_engine_meter_tempo_sections import fills, riff
from test_meter_fills_and_backbeats import BarEndFills, band_part, crash_bars, with_marker

from reagroove.core import read_midi
from reagroove.core.cli import main
from reagroove.core.engine import Engine
from reagroove.core.groove import bar_grid
from reagroove.core.settings import Settings
from reagroove.models import commands

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
EVERY_4_BARS = Settings(fill_every=2)  # --fill-every 4bars: phrases of two 2-bar loops
CRASH_PITCHES = {49, 57}  # General MIDI's crashes
TOM_PITCHES = {41, 43, 45, 47, 48, 50}


def within(bars, first, last):
    return [b for b in bars if first <= b <= last]


def marks(res, first, last):
    """(fill bars, crash bars) of a drumify result in bars first..last."""
    return within(fills(res, range(first, last + 1)), first, last), within(crash_bars(res), first, last)


@pytest.fixture
def sixteen_bars(make_midi):
    return read_midi(band_part(make_midi, 4, 4, 16))


@pytest.mark.parametrize("first, last", [(3, 8), (2, 7), (6, 13), (9, 16), (5, 12)])
def test_bars_fill_and_crash_where_the_whole_file_does(sixteen_bars, first, last):
    engine = Engine(BarEndFills())
    whole = marks(engine.drumify(sixteen_bars, EVERY_4_BARS), first, last)
    assert marks(engine.drumify(sixteen_bars, EVERY_4_BARS, bars=(first, last)), first, last) == whole


def test_bars_3_8_keep_the_songs_phrases(sixteen_bars):
    """Phrases 1-4, 5-8, 9-12: bars 3-8 fill bars 4 and 8 (bar 9 follows) and crash on 5 only (they had
    crashed on 3 and 7 and filled bar 6)."""
    res = Engine(BarEndFills()).drumify(sixteen_bars, EVERY_4_BARS, bars=(3, 8))
    assert marks(res, 3, 8) == ([4, 8], [5])


def test_bars_on_a_phrase_start_open_with_its_crash_without_a_fill_every(sixteen_bars):
    """Without a fill every N bars the part's opening crash is the song's bar 1 only: bars 5-8 open with none,
    as the whole file plays none there; turned off, bars from bar 1 open without it still."""
    engine = Engine(BarEndFills())
    assert crash_bars(engine.drumify(sixteen_bars, Settings(), bars=(5, 8))) == []
    assert crash_bars(engine.drumify(sixteen_bars, Settings(), bars=(1, 8))) == [1]
    assert crash_bars(engine.drumify(sixteen_bars, Settings(opening_crash=False), bars=(1, 8))) == []
    # a phrase's crash is the song's, the opening crash turned off or not
    assert crash_bars(engine.drumify(sixteen_bars, Settings(fill_every=2, opening_crash=False), bars=(5, 8))) == [5]


@pytest.mark.parametrize("first, last", [(6, 13), (7, 12), (3, 10), (8, 14)])
def test_a_marker_in_the_file_starts_its_section_for_bars_as_for_the_whole_file(make_midi, first, last):
    """A marker on bar 7 (mid-phrase): phrases count again from it: the whole file crashes on 1, 5, 7, 11, 15 and
    fills 4, 6, 10, 14; bars drummed from mid-song keep those."""
    song = read_midi(with_marker(band_part(make_midi, 4, 4, 16), 6 * 4.0))
    engine = Engine(BarEndFills())
    whole = engine.drumify(song, EVERY_4_BARS)
    assert marks(whole, 1, 16) == ([4, 6, 10, 14], [1, 5, 7, 11, 15])
    res = engine.drumify(song, EVERY_4_BARS, bars=(first, last))
    assert marks(res, first, last) == marks(whole, first, last)
    said = any("section marker in the file" in m for m in res.messages)
    assert said == (first < 7 <= last)  # said where its fill is drummed, not of a marker opening the bars


@pytest.mark.parametrize("settings", [Settings(), EVERY_4_BARS], ids=["no fill every", "fill every 4 bars"])
@pytest.mark.parametrize("first", [9, 10, 11])
def test_bars_after_the_band_comes_back_count_from_its_comeback(make_midi, settings, first):
    """The band plays bars 1-5, rests 6-8 and comes back on bar 9: the whole file's drums crash there and count
    their phrases again from it; bars drummed from the comeback on do the same (bars 9-16 keep its crash, bars
    10-16 and 11-16 open without one and fill bar 12 as the whole file does)."""
    song = read_midi(make_midi(sorted(riff(0.0, 5, 4) + riff(8 * 4.0, 9, 4))))
    engine = Engine(BarEndFills())
    whole = engine.drumify(song, settings)
    assert 9 in crash_bars(whole)
    assert marks(engine.drumify(song, settings, bars=(first, 16)), first, 16) == marks(whole, first, 16)


@pytest.mark.parametrize("settings", [Settings(), EVERY_4_BARS], ids=["no fill every", "fill every 4 bars"])
@pytest.mark.parametrize("first", [6, 7, 8])
def test_bars_opening_on_the_rest_before_a_comeback_fill_into_it_and_crash_on_it(make_midi, settings, first):
    """The same song drummed from a bar of its rest (6, 7 or 8): no crash on that first bar (mid-phrase: bars 6-16
    and 7-16 had crashed there), the fill into bar 9 and the crash on it as the whole file (bars 8-16 had crashed
    on bar 8 instead, with no fill into 9 and no crash on it); every version opens the same way."""
    song = read_midi(make_midi(sorted(riff(0.0, 5, 4) + riff(8 * 4.0, 9, 4))))
    engine = Engine(BarEndFills())
    whole = marks(engine.drumify(song, settings), first, 16)
    assert 8 in whole[0] and 9 in whole[1] and first not in whole[1]
    res = engine.drumify(song, settings, bars=(first, 16))
    assert marks(res, first, 16) == whole
    for loops in engine.variations_of(res, settings, 2):
        version = type(res)(**{**res.__dict__, "loops": loops})
        assert within(crash_bars(version), first, 16) == whole[1]


def test_the_versions_of_bars_from_mid_song_open_as_the_drums_do(sixteen_bars):
    """--variations: every version of bars 3-8 crashes on 5 only (the others had crashed on bar 3 again)."""
    engine = Engine(BarEndFills())
    res = engine.drumify(sixteen_bars, EVERY_4_BARS, bars=(3, 8))
    for loops in engine.variations_of(res, EVERY_4_BARS, 3):
        version = type(res)(**{**res.__dict__, "loops": loops})
        assert crash_bars(version) == [5]


def written_marks(path, content, first=1):
    """(fill bars, crash bars) of a written drum file: the bars whose last beat strikes a tom, and those with a
    crash on their downbeat (numbered in the file's bars, on its band part's grid)."""
    grid = bar_grid(content.time_signatures, content.end_beat)
    lines = np.asarray(grid.lines[grid.first_bar:], float)
    notes = read_midi(path).notes
    crashes, toms = set(), set()
    for beat, pitch in zip(np.asarray(notes.start, float), np.asarray(notes.pitch)):
        bar = int(np.searchsorted(lines, beat + 0.125, side="right"))  # a hit played half a 16th early: its bar's
        if int(pitch) in CRASH_PITCHES and abs(beat - lines[bar - 1]) < 0.125:
            crashes.add(bar)
        if int(pitch) in TOM_PITCHES and bar < len(lines) and lines[bar] - beat <= 1.125:
            toms.add(bar)
    return sorted(toms), sorted(crashes)


def test_the_cli_drums_bars_3_8_of_the_funk_example_on_the_whole_songs_phrases(shipped, tmp_path, monkeypatch):
    """The shipped model through `reagroove drumify --bars 3-8 --fill-every 4bars`: the fill in bar 4 and the crash
    on bar 5, as the whole file's drums (they had filled bar 6 and crashed on bar 3 mid-phrase)."""
    monkeypatch.setattr(commands, "_engine", lambda args: shipped)  # the shipped model, loaded once
    content = read_midi(FUNK_BASS)
    whole, part = tmp_path / "whole.mid", tmp_path / "part.mid"
    assert main(["drumify", str(FUNK_BASS), "-o", str(whole), "--fill-every", "4bars", "--quiet"]) == 0
    assert main(["drumify", str(FUNK_BASS), "-o", str(part), "--fill-every", "4bars", "--bars", "3-8",
                 "--quiet"]) == 0
    fills_whole, crashes_whole = written_marks(whole, content)
    assert 4 in fills_whole and 5 in crashes_whole  # the file's phrases: 1-4, 5-8
    got = written_marks(part, content)
    assert got == (within(fills_whole, 3, 8), within(crashes_whole, 3, 8)) == ([4], [5])
