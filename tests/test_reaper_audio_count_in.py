"""An audio item recorded with a count-in, drumified in REAPER: the clicks are no part of the groove (a file read
from the command line leaves them out too, core/audio_floor.count_in), and the console line says so. Before,
REAPER's Drumify put the stand-in's kicks on the four clicks, a bar of drums before the part comes in."""

import numpy as np
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


def test_a_count_in_on_an_audio_item_is_left_out_of_the_groove(tmp_path):
    first_s = 1.0
    onsets = grid_onsets(np.arange(24) * 2, BPM, first_s)  # 8ths for 3 bars
    line = render(onsets, np.where(np.arange(24) % 2 == 0, 1.0, 0.6), timbre="pluck", sr=SR,
                  duration_s=onsets[-1] + 0.6, seed=3)
    take, shift = with_count_in(line, first_s, BPM, sr=SR)
    path = tmp_path / "take.wav"
    sf.write(path, take, SR, subtype="PCM_16")
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    gtr = spec.add_track("Guitar")
    start_qn = PART_QN - (first_s + shift) * BPM / 60.0
    spec.add_audio_item(gtr, str(path), start_qn=start_qn, length_qn=PART_QN + 12.0 - start_qn, selected=True,
                        name="guitar take")
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings(seed=2, temperature=0.3))
        said = [m for m in res["messages"] if "count-in" in m]
        assert said == ["'guitar take': a count-in (4 clicks) left out of the groove"]
        kicks = sorted(n[0] for i in bridge.call("drum_track_items")["items"] for n in i["notes"] if n[2] == 36)
        assert kicks and min(kicks) >= PART_QN - 0.25, kicks  # nothing on the clicks of bar 3
