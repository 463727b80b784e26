"""An audio take whose bar 1 lies between the file's 16ths (any lead-in that is not a whole number of 16ths at
its tempo, as most recordings have) is drummed on its own 16ths (groove.grid_phase): its notes were snapped to
the file's 16ths instead, every groove step off by the same part of a 16th, so the drums, which copy a groove's
timing, played that much early (a bass at 96 BPM starting 0.4 s in: kicks 60 ms ahead of it), the drums
changed with the length of the silence before the music, and a shuffle's swing went unheard."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part
from test_audio_compound_meter import shuffle_part

from reagroove.core.audio import read_audio
from reagroove.core.groove import extract_windows
from reagroove.core.settings import Settings
from reagroove.core.swing import part_swing

SR = 22050
BPM = 96.0


def take(tmp_path, lead_s):
    """The same bass line after lead_s of silence, read at its tempo and bar 1 (told: the grid is the point)."""
    audio, downbeat = make_part("bass", BPM, lead_s=lead_s, seconds=16.0, seed=4, sr=SR)
    path = tmp_path / f"bass_{lead_s}.wav"
    sf.write(path, audio, SR)
    return read_audio(path, bpm=BPM, start=downbeat), downbeat


@pytest.mark.parametrize("lead_s", [0.4, 0.55])
def test_the_groove_of_a_take_starting_between_16ths_sits_on_its_steps(tmp_path, lead_s):
    content, downbeat = take(tmp_path, lead_s)
    assert (downbeat * BPM / 60 * 4) % 1 > 0.2  # bar 1 is well between the file's 16ths
    g = extract_windows(content).grooves
    played = g[..., 0] > 0.5
    # the part is played on its 16ths (8 ms of jitter): its timing is the jitter, not a share of a 16th
    assert abs(float(g[..., 2][played].mean())) < 0.1
    assert float(np.quantile(np.abs(g[..., 2][played]), 0.9)) < 0.2


def test_the_drums_land_with_the_take_whatever_its_lead_in(tmp_path, shipped):
    drums = {}
    for lead_s in (0.0, 0.4):
        content, downbeat = take(tmp_path, lead_s)
        res = shipped.drumify(content, Settings())
        kick = res.loops[..., 0] > 0.5
        on_time = res.loops[..., 18][kick] / 4 * 60 / BPM  # each kick's timing off its step, in seconds
        assert np.median(np.abs(on_time)) < 0.02, lead_s  # with the bass, not 60 ms ahead of it
        assert res.starts[0] == pytest.approx(downbeat * BPM / 60, abs=1e-6)
        drums[lead_s] = kick
    # the same part after another silence: the same kicks
    assert (drums[0.0] == drums[0.4]).mean() > 0.97


def test_a_shuffle_starting_between_16ths_is_heard_swung(tmp_path):
    path, downbeat = shuffle_part(tmp_path, 96.0, 2, bars=12, lead_s=0.4)
    content = read_audio(path, bpm=96.0, start=downbeat)
    swing = part_swing(extract_windows(content).grooves)
    assert swing is not None and 2.5 <= swing <= 2.8  # a triplet's 3rd 8th: 2.67 16ths
