"""Bars ReaGroove names in REAPER are the bars REAPER's ruler shows there.

REAPER numbers every measure from the project start, a short first bar (a pickup in 2/4 before the 4/4)
too, and adds the project's measure offset (Project Settings > 'Project start measure': projmeasoffs, the
start measure less 1): the ruler's number of the measure holding a position is TimeMap2_timeToBeats'
measure count + 1 + projmeasoffs (Cockos' own MCU control surface code displays it so). ReaGroove called
the first whole bar 1 and read no offset, so its messages named the bar before (or five after) the one
the producer found on the ruler.
"""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def ruler_bar(rpr, qn: float, start_measure: int = 1) -> int:
    """The number REAPER's ruler shows for the measure holding `qn`: its measure count (from 0 at the
    project start) + the project's start measure."""
    res = rpr.RPR_TimeMap2_timeToBeats(0, rpr.RPR_TimeMap2_QNToTime(0, qn) + 1e-9, 0, 0, 0, 0)
    return int(res[3]) + start_measure


def riff(spec, track, start_qn, length_qn, rest=None):
    """A selected bass item playing a quarter note on every beat from start_qn, none in [rest) (QN)."""
    onsets = [float(k) for k in range(int(length_qn))
              if rest is None or not rest[0] <= start_qn + k < rest[1]]
    spec.add_midi_item(track, start_qn=start_qn, length_qn=length_qn, selected=True, name="riff",
                       notes=[(q, 0.5, 40, 100) for q in onsets])


def pickup_project(start_measure=None):
    """A song opening with a 2/4 pickup bar (QN 0-2), then 4/4, one bar of 3/4 at QN 18-21, 4/4 again."""
    spec = ProjectSpec(bpm=120, timesig=(2, 4))
    spec.tempo_marker(120, qn=2, timesig=(4, 4))
    spec.tempo_marker(120, qn=18, timesig=(3, 4))
    spec.tempo_marker(120, qn=21, timesig=(4, 4))
    if start_measure is not None:
        spec.start_measure(start_measure)
    riff(spec, spec.add_track("Bass"), 2.0, 35.0)  # to QN 37: bars of 4/4, the 3/4 bar, 4/4
    return spec


def odd_meter_note(messages) -> str:
    return next(m for m in messages if m.startswith("music in 3/4"))


@pytest.mark.parametrize("start_measure", [None, 0, 5])
def test_the_bar_of_another_meter_is_named_as_the_ruler_numbers_it(start_measure):
    """'music in 3/4 (bar 5)' for the ruler's bar 6 (the 2/4 pickup is the ruler's bar 1); with the project's
    start measure 0 or 5, the ruler's 5 or 10 (start measure 0 and the pickup's bar cancel out: said as before)."""
    with reapy_inside(pickup_project(start_measure), purge=PURGE) as s:
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        want = ruler_bar(s.rpr, 18.0, 1 if start_measure is None else start_measure)
        assert odd_meter_note(res["messages"]) == f"music in 3/4 (bar {want}): the drums follow its bars " \
                                                  "(each loop plays whole bars, as many as fit in two 4/4 bars)"


def test_the_time_selection_and_a_pattern_name_the_ruler_bars():
    spec = pickup_project(start_measure=5)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, rpr.RPR_TimeMap2_QNToTime(0, 6.0),
                                      rpr.RPR_TimeMap2_QNToTime(0, 14.0), False)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        first, last = ruler_bar(rpr, 6.0, 5), ruler_bar(rpr, 13.0, 5)
        assert res["messages"][0] == f"drums for bars {first}-{last} (the time selection)"
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0.0, 0.0, False)
        pattern = actions.pattern_from_selection(LocalBridge(), "reaper-a")
        assert pattern.source == f"REAPER selection, bar {ruler_bar(rpr, 2.0, 5)}"


@pytest.mark.parametrize("start_measure", [1, 0, 5])
def test_a_comeback_after_a_rest_is_said_at_the_ruler_bar(start_measure):
    """The band rests two bars and comes back: the note names the bar where it does on the ruler."""
    spec = ProjectSpec(bpm=120)
    spec.start_measure(start_measure)
    riff(spec, spec.add_track("Bass"), 0.0, 48.0, rest=(16.0, 24.0))  # bars 5-6 (ruler, start 1) silent
    with reapy_inside(spec, purge=PURGE) as s:
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        back = ruler_bar(s.rpr, 24.0, start_measure)
        assert f"the music rests in bars {back - 2}-{back - 1}, where the drums keep time alone, and comes back in bar {back}: a fill into it, a crash on it" in res["messages"]


@pytest.mark.parametrize("start_measure", [None, 5])
def test_fill_bars_are_read_as_the_ruler_numbers_them(start_measure):
    """Fill bars typed from the ruler: its last bar is in the part, the bar after it is not, said with the
    part's bars as the ruler shows them."""
    with reapy_inside(pickup_project(start_measure), purge=PURGE) as s:
        rpr = s.rpr
        sm = 1 if start_measure is None else start_measure
        first, last = ruler_bar(rpr, 2.0, sm), ruler_bar(rpr, 36.9, sm)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings(fill_bars=(last,)))
        assert not [m for m in res["messages"] if "outside the part" in m]
        res = actions.drumify_selection(LocalBridge(), engine(), Settings(fill_bars=(last + 1,)),
                                        overwrite_edited=True)
        assert f"fill bar {last + 1} is outside the part (bars {first}-{last}): no fill there" in res["messages"]


def test_the_editor_names_the_selections_bars_as_the_ruler_does(tmp_path, qtbot):
    """The editor reading the same selection: its window label, its piano roll's bar ticks and cell names,
    its notes and a fill bar past the end (typed, and in the preview's notes) all name the ruler's bars
    (start measure 5), as Drumify's console does."""
    from reagroove.reaper_ext.panel.controller import PanelController, input_from_selection
    from reagroove.reaper_ext.panel.pianoroll import PianoRoll
    from reagroove.reaper_ext.panel.store import PanelStore

    with reapy_inside(pickup_project(5), purge=PURGE) as s:
        read = input_from_selection(LocalBridge())
        written = actions.drumify_selection(LocalBridge(), engine(), Settings())
        first = ruler_bar(s.rpr, float(read.starts[0]), 5)
        last = ruler_bar(s.rpr, 36.9, 5)
    assert read.label().startswith(f"REAPER selection · bars {first}-{first + 1} (1 of ")
    roll = PianoRoll()
    qtbot.addWidget(roll)
    roll.set_first_bar(int(read.bars[0]), read.bars_shown, read.bar_shift)
    major, _minor = roll.getPlotItem().getAxis("bottom")._tickLevels
    assert [text for _, text in major] == [str(first), str(first + 1)]
    assert roll.place(4, 1).endswith(f"at bar {first}, beat 2")
    controller = PanelController(engine(), PanelStore(tmp_path / "config"))
    controller.input = read
    assert odd_meter_note(read.messages) == odd_meter_note(written["messages"])
    result, _ = controller.drum_part(Settings(fill_bars=(last + 1,)), read.groove, **read.model_inputs())
    assert f"fill bar {last + 1} is outside the part (bars {first}-{last}): no fill there" in result.messages
    # the editor's own check says what Drumify says: the part ends with the music's last bar
    controller.set_fill_bars(f"{last} {last + 1}")
    assert controller.fills_past_end() == f"fill bar {last + 1} past the part's last bar ({last}): no fill there"
