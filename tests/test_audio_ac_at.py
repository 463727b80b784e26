"""The autocorrelation read at a lag (audio_tempo._ac_at), as bar jumps and tempo read it: a lag 3 or more frames
past the stretch reads nothing there (0), as audio_bar_jump's own reading did before the two shared one; the shared
one had read the stretch's last value in its place."""

from __future__ import annotations

import numpy as np

from reagroove.core.audio_bar_jump import _window_ac
from reagroove.core.audio_tempo import _ac_at, autocorr


def test_a_lag_past_the_stretch_reads_nothing():
    ac = np.array([1.0, 0.2, 0.5, 0.1, 0.3, 0.7])
    assert _ac_at(ac, 2.4) == 1.0  # the peak within 2 frames of the lag (frames 0..4)
    assert _ac_at(ac, 7.0) == 0.7  # the stretch's last frame within 2 frames
    assert _ac_at(ac, 8.0) == 0.0 and _ac_at(ac, 40.0) == 0.0  # before: 0.7, the last value


def test_bar_jump_windows_read_nothing_past_their_length():
    fps = 50.0
    flux = np.tile(np.r_[1.0, np.zeros(16)], 90).astype(np.float32)  # an onset every 17 frames, 30 s
    starts, rows = _window_ac(flux, fps, [17.0, 16 * fps + 5])  # (a window's last frame an onset: 800 = 47 * 17 + 1)
    assert len(starts) and np.all(rows[:, 0] > 0.9)  # the onsets repeat at their lag
    assert np.all(rows[:, 1] == 0.0)  # a lag longer than the window: nothing, as the windows' own reading was
    assert _ac_at(autocorr(flux[:100]), 150.0) == 0.0
