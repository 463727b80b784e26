"""A selection's audio item is decoded once: its onsets and its band levels (a new layer coming in starts a section,
reaper_ext/audio_item_bands.py) from the one read of its file, the levels bit for bit those a read of their own gives
(audio_items.audio_rows had read each file twice: the onset envelope, then audio_layers.band_levels). A take playing
one side of a stereo file hears that side's levels, as it hears that side's onsets (the downmix had heard the other
side's layers in it)."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import render
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE

import reagroove.core.audio_envelope as audio_envelope
import reagroove.core.audio_read as audio_read
from reagroove.core.audio_layers import band_levels
from reagroove.reaper_ext.audio_items import audio_rows
from reagroove.reaper_ext.bridge import LocalBridge

SR, BPM = 22050, 100.0
BEAT_S = 60.0 / BPM


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A bass on 8ths (left) and, from beat 16, a strum on the beats (right): as a stereo file, and each side alone."""
    d = tmp_path_factory.mktemp("read_once")
    bass_t = 0.3 + np.arange(64) * BEAT_S / 2
    strum_t = 0.3 + np.arange(16, 32) * BEAT_S
    left = render(bass_t, np.full(len(bass_t), 0.9), timbre="bass", sr=SR, duration_s=12.0, seed=1)
    right = render(strum_t, np.full(len(strum_t), 0.9), timbre="pluck", sr=SR, duration_s=12.0, seed=2)
    out = {}
    for name, audio in (("stereo", np.stack([left, right], axis=1)), ("left", left), ("right", right)):
        out[name] = str(d / f"{name}.wav")
        sf.write(out[name], audio, SR, subtype="PCM_16")
    return out


@pytest.fixture
def decodes(monkeypatch):
    """The files decoded (each read_blocks pass over one), in order."""
    seen = []
    original = audio_read.read_blocks

    def counting(f, *args, **kwargs):
        seen.append(f.name)
        return original(f, *args, **kwargs)

    monkeypatch.setattr(audio_read, "read_blocks", counting)
    monkeypatch.setattr(audio_envelope, "read_blocks", counting)
    return seen


def _item_bands(path, mode=0):
    """audio_rows on one item playing `path` from QN 0 (take channel mode `mode`): its (QN, levels) and notes."""
    spec = ProjectSpec(bpm=BPM)
    spec.add_audio_item(spec.add_track("Band"), path, start_qn=0, length_qn=32, selected=True, name="band")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(rpr.RPR_GetSelectedMediaItem(0, 0)), "I_CHANMODE", mode)
        bridge = LocalBridge()
        items = [i for i in bridge.call("read_selected_items")["items"] if not i["is_midi"]]
        messages = []
        assert audio_rows(bridge, items, messages) == []
    return items[0]["bands"], items[0]["notes"]


def test_an_audio_item_is_decoded_once_its_band_levels_as_a_read_of_their_own(files, decodes):
    (qn, levels), notes = _item_bands(files["stereo"])
    assert decodes == [files["stereo"]]  # one pass: the onsets and the levels
    assert notes
    times, own = band_levels(files["stereo"])  # what the second read had given: bit for bit
    assert levels.dtype == own.dtype and np.array_equal(levels, own[:len(levels)])
    assert len(levels) >= len(own) - 1  # every frame the item plays (its last, past the item's end, aside)
    np.testing.assert_allclose(qn, times[:len(qn)] * BPM / 60.0, atol=1e-9)  # at the file's own seconds


@pytest.mark.parametrize("mode, side", [(3, "left"), (4, "right")])
def test_a_take_playing_one_side_hears_that_sides_band_levels(files, decodes, mode, side):
    # mono (left) or mono (right): the levels of that channel, as a mono file of it reads; the downmix had put the
    # strum joining on the right into the bass's item on the left (and the bass under the strum's)
    (_, levels), _ = _item_bands(files["stereo"], mode)
    _, alone = band_levels(files[side])
    assert np.array_equal(levels, alone[:len(levels)])
    _, both = band_levels(files["stereo"])
    assert not np.array_equal(levels, both[:len(levels)])
