"""An audio item playing at another tempo than the project's: a 120-BPM band bounce dropped into a 100-BPM project.

Its drums go on the project's beats, which its notes do not keep: the reviewer heard the kick drift off the bounce
(`X.....XXX.......` against `X.X..xX.X.X...X.` at the right tempo) and nothing was said. Now one line says the item's
tempo and the project's, and what to set; an item at the project's tempo (or its half or double, or sped to it with
its playback rate or stretch markers) says nothing.
"""

import pytest
import soundfile as sf
from audio_synth import make_part
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

TAKE_BPM = 120.0
SECONDS = 16.0  # 8 bars at TAKE_BPM


@pytest.fixture(scope="module")
def bounce(tmp_path_factory):
    audio, _first_downbeat = make_part("band", TAKE_BPM, seconds=SECONDS, seed=3)
    path = tmp_path_factory.mktemp("bounce") / "band bounce.wav"
    sf.write(path, audio, 22050)
    return str(path)


def project(path, bpm, playrate=1.0):
    spec = ProjectSpec(bpm=bpm)
    spec.add_audio_item(spec.add_track("Band"), path, start=0.0, length=SECONDS / playrate, playrate=playrate,
                        selected=True, name="band bounce")
    return spec


def tempo_lines(messages):
    return [m for m in messages if "plays at about" in m]


def test_a_bounce_at_120_in_a_100_bpm_project_is_said_first_with_the_tempo_to_set(bounce):
    with reapy_inside(project(bounce, 100.0), purge=PURGE):
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        assert tempo_lines(res["messages"]) == [
            "'band bounce' plays at about 120 BPM, the project at 100: its drums are on the project's beats, not the "
            "item's; set the project tempo to 120 (or the item's playback rate to 0.833, F2) and drumify again"]
        assert res["messages"].index(tempo_lines(res["messages"])[0]) <= 1  # ahead of the notes on the drums
        assert res["written"] > 0  # still written: undone, or heard to decide


def test_variations_say_what_to_run_again(bounce):
    with reapy_inside(project(bounce, 100.0), purge=PURGE):
        res = actions.variations_of_selection(LocalBridge(), Engine(StubModel()), Settings(), 2)
        said = tempo_lines(res["messages"])
        assert len(said) == 1 and said[0].endswith("and make variations again"), res["messages"]


@pytest.mark.parametrize("bpm", [90.0, 150.0])
def test_other_project_tempos_say_the_item_s_tempo(bounce, bpm):
    with reapy_inside(project(bounce, bpm), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        said = tempo_lines(res["messages"])
        assert len(said) == 1 and said[0].startswith(f"'band bounce' plays at about 120 BPM, the project at {bpm:.0f}:")


@pytest.mark.parametrize("bpm, playrate", [
    (120.0, 1.0),  # the project's tempo
    (119.0, 1.0),  # a hair under it: the same tempo
    (60.0, 1.0),  # half-time
    (240.0, 1.0),  # double-time
    (100.0, 100.0 / 120.0),  # slowed to the project with its playback rate
])
def test_an_item_heard_at_the_project_s_tempo_says_nothing_of_it(bounce, bpm, playrate):
    with reapy_inside(project(bounce, bpm, playrate), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        assert tempo_lines(res["messages"]) == [], res["messages"]


def drumify_stretched(bounce, length_s):
    """The drumify notes for the take spread over `length_s` seconds by two stretch markers, in a 100-BPM project."""
    with reapy_inside(project(bounce, 100.0), purge=PURGE) as s:
        rpr = s.rpr
        item = rpr.RPR_GetSelectedMediaItem(0, 0)
        rpr.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", length_s)
        take = rpr.RPR_GetActiveTake(item)
        rpr.RPR_SetTakeStretchMarker(take, -1, 0.0, 0.0)
        rpr.RPR_SetTakeStretchMarker(take, -1, length_s, SECONDS)
        return actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())["messages"]


def test_stretch_markers_fitting_the_take_to_the_project_s_tempo_are_heard(bounce):
    """Two stretch markers spreading the 16 s take over 19.2 s: it plays at 100 BPM in a 100-BPM project."""
    messages = drumify_stretched(bounce, SECONDS * 1.2)
    assert tempo_lines(messages) == [], messages


def test_stretch_markers_slowing_the_take_off_the_project_s_tempo_say_its_tempo_as_heard(bounce):
    """The 16 s take spread over 17.8 s by its markers plays at 108 BPM: that is the tempo said, not the file's."""
    said = tempo_lines(drumify_stretched(bounce, SECONDS / 0.9))
    assert len(said) == 1 and said[0].startswith("'band bounce' plays at about 108 BPM, the project at 100:"), said
