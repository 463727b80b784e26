"""An audio item recorded with a count-in, in REAPER: its clicks are left out of the bass too, not only of the
groove (the CLI's read_audio leaves them out of both). The low bands had kept the four clicks as bass notes, and a
time selection over bars 3-6 wrote a bar of drums over the count-in while the console said it was left out."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, render, with_count_in
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BPM, SR = 100.0, 44100
PART_QN = 12.0  # the part's first note on bar 4's downbeat; the count-in fills bar 3
FIRST_S = 1.0
BEAT = 60.0 / BPM


@pytest.fixture(scope="module")
def take(tmp_path_factory):
    """6 bars of plucked 8ths after a 4-click count-in; (path, seconds the count-in adds before the part)."""
    onsets = grid_onsets(np.arange(48) * 2, BPM, FIRST_S)
    line = render(onsets, np.where(np.arange(48) % 2 == 0, 1.0, 0.6), timbre="pluck", sr=SR,
                  duration_s=onsets[-1] + 0.6, seed=3)
    audio, shift = with_count_in(line, FIRST_S, BPM, sr=SR)
    path = tmp_path_factory.mktemp("count_in_bass") / "take.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    return str(path), shift


def _project(take):
    path, shift = take
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    gtr = spec.add_track("Guitar")
    start_qn = PART_QN - (FIRST_S + shift) * BPM / 60.0
    spec.add_audio_item(gtr, path, start_qn=start_qn, length_qn=PART_QN + 24.0 - start_qn, selected=True,
                        name="guitar take")
    return spec


def test_the_clicks_are_no_bass_notes(take):
    with reapy_inside(_project(take), purge=PURGE):
        content = actions.read_selection(LocalBridge()).content
        assert content.bass_part is not None and len(content.bass_part)
        assert content.bass_part.start.min() >= PART_QN - 0.25, content.bass_part.start[:6]  # not QN 8, 9, 10, 11
        assert content.notes.start.min() >= PART_QN - 0.25


def test_a_time_selection_over_the_count_in_writes_no_drums_on_it(take):
    with reapy_inside(_project(take), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 2 * 4 * BEAT, 6 * 4 * BEAT, False)  # bars 3-6
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        assert "'guitar take': a count-in (4 clicks) left out of the groove" in res["messages"]
        hits = sorted(n[0] for i in bridge.call("drum_track_items")["items"] for n in i["notes"])
        assert hits and min(hits) >= PART_QN - 0.25, hits[:8]  # the drums come in with the part, on bar 4
