"""A tempo marker a producer drops mid-bar (120 to 100 BPM on beat 3 of bar 9): the drums follow it, yet nothing was
said, where the same jump on a bar line is said as a new section. Now it is said, with its beat and bar as REAPER's
ruler numbers them; a gradual transition (its marker's ramp, a point on every beat) says nothing of the kind."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BARS = 16


def song(marker_qn, linear=False, start_measure=None):
    spec = ProjectSpec(bpm=120)
    if linear:  # a gradual transition from bar 5 down to 100 at bar 9
        spec.tempo_marker(120, qn=16.0, linear=True)
    spec.tempo_marker(100, qn=marker_qn)
    if start_measure is not None:
        spec.start_measure(start_measure)
    riff = [(4.0 * b + q, 0.25, 40, 100) for b in range(BARS) for q in (0.0, 0.75, 1.5, 2.5, 3.0)]
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=4 * BARS, selected=True, name="bass", notes=riff)
    return spec


def said(spec):
    with reapy_inside(spec, purge=PURGE):
        return actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())["messages"]


def mid_bar(messages):
    return [m for m in messages if "not on a bar line" in m]


@pytest.mark.parametrize("start_measure, bar", [(None, 9), (5, 13)])
def test_a_tempo_change_on_beat_3_of_bar_9_is_said(start_measure, bar):
    assert mid_bar(said(song(34.0, start_measure=start_measure))) == [
        f"the tempo changes from 120 to 100 BPM on beat 3 of bar {bar}, not on a bar line: the drums follow it, with "
        "no new section there (a tempo marker on a bar line starts one: a fill into it, a crash on it)"]


def test_on_the_bar_line_it_is_a_section_as_before():
    messages = said(song(32.0))
    assert mid_bar(messages) == []
    assert any("from 120 to 100 BPM in bar 9" in m and "new section" in m for m in messages), messages


def test_a_gradual_transition_ending_mid_bar_says_no_jump():
    assert mid_bar(said(song(34.0, linear=True))) == []
