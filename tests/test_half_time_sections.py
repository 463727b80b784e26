"""A metal band dropping from 16th chugs to a loud, sparse, syncopated riff (a breakdown) is often drummed in half
time; drumify plays the song's feel unasked, and tells once which bars and how to ask for half time over them
(`--bars A-B --feel half`). Nothing is told of a quieter section, straight quarters, a two-bar break, half time
already asked, a drum part, or the bundled examples."""

from pathlib import Path

import pytest

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.half_time_sections import half_time_section_tip
from reagroove.core.settings import Settings
from stub_model import StubModel

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
CHUGS = tuple(k * 0.25 for k in range(16))
BREAKDOWN = (0.0, 0.75, 1.5, 3.0, 3.25, 3.5)  # the 1, the "a" of 1, the "and" of 2, the 4, its "e" and "and"
QUARTERS = (0.0, 1.0, 2.0, 3.0)


def band(make_midi, sections, name="metal.mid"):
    """Guitar fifths and a bass on each onset, section by section: (bars, onsets in a bar, velocity); a held chord
    ends the song."""
    notes, bar = [], 0
    for bars, onsets, vel in sections:
        for b in range(bar, bar + bars):
            for t in onsets:
                notes += [(4.0 * b + t, p, vel, 0) for p in (40, 47)] + [(4.0 * b + t, 28, vel, 1, 1)]
        bar += bars
    notes += [(4.0 * bar, p, 110, 0) for p in (40, 47, 52)]
    return extract_windows(read_midi(make_midi(sorted(notes), name, tempos=((0, 100.0),), length=0.2)))


def tip(w, feel="normal", shown=int):
    return half_time_section_tip(feel, w.grooves, w.meters, w.bars, shown)


def test_a_breakdown_after_chugs_is_told_its_bars_and_how_to_ask_for_half_time(make_midi):
    w = band(make_midi, [(8, CHUGS, 95), (8, BREAKDOWN, 115)])
    said = tip(w)
    assert len(said) == 1 and said[0].startswith("bars 9-16 drop to a loud, sparse riff (16 onsets a bar -> 6)")
    assert "--bars 9-16 --feel half" in said[0] and "Half time in the panels" in said[0]
    assert tip(w, shown=lambda b: b + 4)[0].startswith("bars 13-20")  # as REAPER's ruler numbers them
    assert tip(w, feel="half") == []  # asked for: nothing to tell
    assert half_time_section_tip("normal", None, w.meters, w.bars) == []  # a drum part's own feel


def test_two_breakdowns_are_told_in_one_line(make_midi):
    w = band(make_midi, [(8, CHUGS, 95), (8, BREAKDOWN, 115), (8, CHUGS, 95), (4, BREAKDOWN, 115)])
    said = tip(w)
    assert len(said) == 1 and said[0].startswith("bars 9-16 and 25-28 drop")


@pytest.mark.parametrize("sections", [
    [(8, CHUGS, 110), (8, BREAKDOWN, 80)],  # quieter: a breakdown drummed thinner and softer (breakdowns.py)
    [(8, CHUGS, 95), (8, QUARTERS, 115)],  # straight quarters: a bridge, no syncopated riff
    [(8, CHUGS, 95), (2, BREAKDOWN, 115), (6, CHUGS, 95)],  # a two-bar break
    [(8, BREAKDOWN, 115), (8, CHUGS, 95)],  # sparse from the start: no busier section before it
], ids=["quieter", "quarters", "two_bars", "opening"])
def test_other_sections_are_not_told(make_midi, sections):
    assert tip(band(make_midi, sections)) == []


@pytest.mark.parametrize("name", ["funk_bass", "piano_waltz", "shuffle_blues"])
def test_the_bundled_examples_are_not_told(name):
    assert tip(extract_windows(read_midi(EXAMPLES / f"{name}.mid"))) == []


def test_drumify_tells_the_breakdown_once_and_not_where_half_time_is_asked(make_midi):
    notes = [(4.0 * b + t, p, v, 0) for b, (onsets, v) in enumerate([(CHUGS, 95)] * 8 + [(BREAKDOWN, 115)] * 8)
             for t in onsets for p in (40, 47)] + [(64.0, 40, 110, 0)]
    song = read_midi(make_midi(sorted(notes), "metal.mid", tempos=((0, 100.0),), length=0.2))
    said = [m for m in Engine(StubModel()).drumify(song, Settings()).messages if "sparse riff" in m]
    assert len(said) == 1 and "--bars 9-16 --feel half" in said[0]
    assert not any("sparse riff" in m for m in Engine(StubModel()).drumify(song, Settings(feel="half")).messages)


def test_the_panels_say_the_breakdown_as_a_time_selection_with_half_time(make_midi):
    # the panels have no --bars: a time selection of the breakdown's bars with their Half time control
    from reagroove.reaper_ext.panel.note_words import in_panel_words

    notes = [(4.0 * b + t, p, v, 0) for b, (onsets, v) in enumerate([(CHUGS, 95)] * 8 + [(BREAKDOWN, 115)] * 8)
             for t in onsets for p in (40, 47)] + [(64.0, 40, 110, 0)]
    song = read_midi(make_midi(sorted(notes), "metal.mid", tempos=((0, 100.0),), length=0.2))
    said = [in_panel_words(m) for m in Engine(StubModel()).drumify(song, Settings()).messages if "sparse riff" in m]
    assert len(said) == 1 and said[0].endswith("(ask for it: Half time over a time selection of bars 9-16)")
