"""A producer's tour of arranging a song in REAPER with ReaGroove: tempo maps, meters and take settings they
leave on their items, checked against what REAPER plays."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import render
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BPM = 100.0
SR = 44100
BEAT_S = 60.0 / BPM
LEAD_S = 0.3


@pytest.fixture(scope="module")
def dual_mono(tmp_path_factory):
    """A stereo file recorded from two inputs at once: a bass DI on the left (8ths, every third left out), a
    guitar on the right (offbeat 16ths, another rhythm): two items play it, each one side (I_CHANMODE)."""
    k = np.arange(60)
    bass = LEAD_S + k[k % 3 != 2][:40] * BEAT_S / 2
    gtr = LEAD_S + BEAT_S / 4 + np.arange(20) * BEAT_S
    left = render(bass, np.full(len(bass), 0.9), timbre="pluck", sr=SR, duration_s=12.0, seed=5)
    right = render(gtr, np.full(len(gtr), 0.9), timbre="pluck", sr=SR, duration_s=12.0, seed=6)
    path = tmp_path_factory.mktemp("dual") / "bass_and_gtr.wav"
    sf.write(path, np.stack([left, right], axis=1), SR)
    return {"path": str(path), "left": bass, "right": gtr}


@pytest.mark.parametrize("mode, side", [(3, "left"), (4, "right")])
def test_an_item_playing_one_channel_of_a_stereo_file_is_drummed_to_that_channel(dual_mono, mode, side):
    """Bass DI on the left, guitar on the right of one file; the bass item set to 'mono (left)' (take channel
    mode): its drums followed the guitar's offbeats too, as both channels were read. Now only the side REAPER
    plays is heard, the file untouched."""
    spec = ProjectSpec(bpm=BPM)
    spec.add_audio_item(spec.add_track("Bass"), dual_mono["path"], start_qn=8, length_qn=16, selected=True,
                        name=side)
    with open(dual_mono["path"], "rb") as f:
        before = f.read()
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(rpr.RPR_GetSelectedMediaItem(0, 0)), "I_CHANMODE", mode)
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        items = bridge.call("drum_track_items")["items"]
        kicks = np.array(sorted(n[0] for i in items for n in i["notes"] if n[2] == 36))
        heard = 8 + dual_mono[side][dual_mono[side] < 16 * BEAT_S - 0.02] / BEAT_S
        assert len(kicks) == len(heard) and np.abs(kicks - heard).max() < 0.13, (kicks, heard)
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]
    with open(dual_mono["path"], "rb") as f:
        assert f.read() == before
