"""Half time plays a band part's beat at the level the loop plays it: the hats the bar's 16ths add come in softer,
and the loop's own strokes (the hats on the quarters, the backbeat) are not pushed up to the ceiling to keep the
bar's mean. Over freedoom's e4m7 (--feel half) the hats had played every quarter at 117-127 ("9666 9676") where the
normal feel plays them at 91-103, the backbeat at 127 and the fills after it clipped flat there."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from reagroove.core.dynamics import ACCENTS, meter_accents
from reagroove.core.half_time import half_time_accents
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, HAT = (VOICES.index(v) for v in ("kick", "snare", "closed_hat"))
BASS = str(Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid")  # 16ths: 16th hats in half time
LEVEL = 0.55  # the loop's level (of 1): its strokes at LEVEL times GMD's accents, as band_accents plays them


def band_loop() -> np.ndarray:
    """A 2-bar 4/4 loop (1, 32, 27): the hats' 8ths, the kick on 1 and 3, the backbeat, at a drummer's accents."""
    loop = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    for step in range(32):
        voices = [HAT] if step % 2 == 0 else []
        voices += [KICK] if step % 8 == 0 else [SNARE] if step % 8 == 4 else []
        for v in voices:
            loop[0, step, v] = 1.0
            loop[0, step, N_VOICES + v] = LEVEL * ACCENTS[step % 16, v]
    return loop


def in_half_time(loop: np.ndarray) -> np.ndarray:
    """The loop's first bar at half speed over two half-time bars (loop step j on real step 2j), the hats keeping
    the bars' 16ths, each one added as soft as the softest of the loop's (as half_time.half_time_hats adds them)."""
    out = np.zeros_like(loop)
    out[0, 0:32:2] = loop[0, :16]
    soft = loop[0, :, N_VOICES + HAT][loop[0, :, HAT] > 0.5].min()
    for step in range(1, 32, 2):
        out[0, step, HAT], out[0, step, N_VOICES + HAT] = 1.0, soft
    return out


def test_half_time_hats_added_between_the_loops_strokes_do_not_raise_them():
    loop = band_loop()
    out = in_half_time(loop)
    profile = np.ones((32, N_VOICES), np.float32)
    half_time_accents(profile, [0, 16])
    played = meter_accents(loop, out.copy(), profile)[0]
    vel = played[:, N_VOICES:2 * N_VOICES]
    loop_vel = loop[0, :, N_VOICES:2 * N_VOICES]
    quarters = np.arange(0, 32, 4)
    # the hats on the bar's quarters and the backbeat at most as loud as the loop played its hats and backbeat
    assert vel[quarters, HAT].max() <= loop_vel[loop[0, :, HAT] > 0.5, HAT].max() + 0.5 / 127
    assert vel[[8, 24], SNARE].max() <= loop_vel[[4, 12], SNARE].max() + 0.5 / 127
    # a drummer's accents still: the backbeat loudest, the hats' quarters over the 16ths between them
    assert vel[[8, 24], SNARE].min() > vel[:, HAT].max()
    assert vel[quarters, HAT].min() > vel[1::2, HAT].max()


def test_half_time_hats_are_no_louder_than_the_same_parts_normal_feel(shipped):
    part = read_midi(BASS)
    levels = {}
    for feel in ("normal", "half"):
        loops = np.asarray(shipped.drumify(part, Settings(feel=feel)).loops)
        hats = loops[..., HAT] > 0.5
        levels[feel] = loops[..., N_VOICES + HAT][hats]
    # the quarters played as loud as the normal feel's loudest hats at most, the added 16ths softer under them
    assert levels["half"].max() <= levels["normal"].max()
    assert levels["half"].mean() < levels["normal"].mean()
