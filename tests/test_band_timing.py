"""A band part's drum timing (core/dynamics.band_timing): the network copies each step's timing from the part, but a
beat stays a beat and a voice plays no flams."""

import numpy as np
import pytest


def test_a_band_note_read_onto_a_beat_does_not_pull_the_drums_beat_early():
    """The network copies each step's timing from the band part: a neo-soul keys part's "a"s, late by half a
    16th, were read onto the next beat at -0.46 of a step, and every backbeat came 85 ms early, the hats
    beside them in flams. A beat's hit that early plays on the beat; a voice's neighbouring hits stay half a
    step apart; a small push, a band pushing every note, and an off-beat's timing, stay as they are."""
    from reagroove.core.dynamics import ANTICIPATION, band_timing

    hits = np.zeros((1, 32, 9), bool)
    off = np.zeros((1, 32, 9), np.float32)
    hits[0, ::4, 0] = True  # a kick on every beat, on time: the loop's own timing
    hits[0, [4, 12, 20], 1] = True  # snare backbeats
    off[0, [4, 12, 20], 1] = [-0.46, -0.2, -0.44]
    hits[0, [9, 10], 2] = True  # hats on neighbouring 16ths, 0.15 of a step apart
    off[0, [9, 10], 2] = [0.4, -0.45]
    hits[0, 6, 2], off[0, 6, 2] = True, -0.45  # an off-beat's timing is the part's feel
    out = band_timing(off, hits)
    feel = off[hits].mean()  # the loop's own timing, about on time
    assert -ANTICIPATION < feel <= 0
    assert out[0, [4, 12, 20], 1].tolist() == pytest.approx([feel, -0.2, feel])  # played at the loop's timing
    assert out[0, 10, 2] - out[0, 9, 2] + 1 >= 0.5 and out[0, 6, 2] == pytest.approx(-0.45)
    assert np.array_equal(band_timing(np.zeros_like(off), hits), np.zeros_like(off))
    # a band pushing every note by 0.35 of a 16th: the drums push with it, beats and 8ths alike
    pushed = np.where(hits, -0.35, 0.0).astype(np.float32)
    assert np.array_equal(band_timing(pushed, hits), pushed)


def test_a_neo_soul_keys_part_keeps_the_backbeat_on_the_beat(shipped, make_midi):
    """Keys stabbing the swung "a" (late by half a 16th) before beats 2 and 4, at 85 BPM: the backbeat snares
    came 85 ms early."""
    from reagroove.core import read_midi
    from reagroove.core.settings import Settings

    stabs = [(b * 4 + t, p, 80, 0) for b in range(8) for t in (0.0, 0.875, 1.5, 2.875, 3.5) for p in (60, 64, 67)]
    res = shipped.drumify(read_midi(make_midi(stabs, tempos=((0, 85.0),))), Settings())
    snare = res.loops[..., 1] > 0.5
    backbeat = snare & np.isin(np.arange(32) % 16, (4, 12))[None]
    assert backbeat.sum() >= len(res.loops) * 2
    assert (res.loops[..., 18 + 1][backbeat] > -0.3).all()
