"""A selected item whose first bars are empty: recorded from bar 1, the bass coming in on bar 9.

It got 8 bars of drums before its first note, and two notes for the same silence ("the part opens with a quiet
intro ... softer" and "the music rests in bars 1-8 ... comes back in bar 9"), where the CLI's drums for the same
notes in a file start on bar 9. Now the drums come in with the first note, and one line says why the item's first
bars have none. A rest after the song has begun (an unselected item before it on the band's track, a time selection
opening on the band's rest: test_reaper_selection_on_a_rest.py) is still drummed through.
"""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def riff(first_bar, bars, beats=4):
    """A bass riff in bars first_bar.. (1-based), in bars of `beats` quarters, positions in QN from bar 1."""
    return [((first_bar - 1 + b) * beats + q, 0.25, 40, 100) for b in range(bars) for q in (0.0, 0.75, 1.5, 2.0)
            if q < beats]


def drum_spans(bridge):
    return sorted((i["start_qn"], i["end_qn"]) for i in bridge.call("drum_track_items")["items"])


def run(spec, action="drumify"):
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        if action == "drumify":
            res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        else:
            res = actions.variations_of_selection(bridge, Engine(StubModel()), Settings(), 1)
        return res["messages"], drum_spans(bridge) if action == "drumify" else None


@pytest.mark.parametrize("beats", [4, 3])
def test_an_item_from_bar_1_whose_bass_comes_in_on_bar_9_gets_drums_from_bar_9(beats):
    spec = ProjectSpec(bpm=100, timesig=(beats, 4))
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=16 * beats, selected=True, name="bass",
                       notes=riff(9, 8, beats))
    messages, spans = run(spec)
    assert spans[0][0] == 8 * beats and spans[-1][1] == 16 * beats, spans
    assert "the selected items play nothing in bars 1-8: the drums come in with their first note" in messages
    assert not any("quiet intro" in m or "rests in bars" in m for m in messages), messages


def test_a_pickup_on_the_last_empty_bar_leads_the_drums_in_on_the_bar_after():
    spec = ProjectSpec(bpm=100)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=64, selected=True, name="bass",
                       notes=[(31.0, 0.25, 38, 90), (31.5, 0.25, 39, 90)] + riff(9, 8))
    messages, spans = run(spec)
    assert spans[0][0] == 32.0, spans
    assert "the selection opens with a pickup into bar 9: the drums come in there" in messages


def test_variations_come_in_with_the_first_note_too():
    spec = ProjectSpec(bpm=100)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=64, selected=True, name="bass", notes=riff(9, 8))
    messages, _ = run(spec, "variations")
    assert "the selected items play nothing in bars 1-8: the drums come in with their first note" in messages


def test_empty_bars_after_the_band_s_earlier_item_are_a_rest_drummed_through():
    """The verse (bars 1-4, not selected) on the same track: bars 5-8 of the selected item are the band's rest."""
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, length_qn=16, selected=False, name="verse", notes=riff(1, 4))
    spec.add_midi_item(bass, start_qn=16, length_qn=48, selected=True, name="chorus",
                       notes=[(q - 16, d, p, v) for q, d, p, v in riff(9, 8)])
    messages, spans = run(spec)
    assert spans[0][0] == 16.0, spans
    assert not any("play nothing" in m for m in messages)


def test_a_time_selection_over_the_silent_opening_gets_drums_there():
    """A time selection drawn over bars 1-14 asks for drums there (a drum intro before the bass comes in on bar 9):
    they had been cut to bars 9-14 with nothing said of why."""
    spec = ProjectSpec(bpm=120)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=64, selected=True, name="bass",
                       notes=riff(9, 8))
    with reapy_inside(spec, purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0.0, 14 * 4 * 0.5, False)  # bars 1-14 at 120 BPM
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        spans = drum_spans(bridge)
    assert spans[0][0] == 0.0 and spans[-1][1] == 56.0, spans
    assert any("bars 1-14" in m for m in res["messages"]), res["messages"]
