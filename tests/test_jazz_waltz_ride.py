"""Jazz over a waltz rides "ding, ding-ga, ding": the three beats and the skip note after 2, on the part's swing
(straight where the part is straight, as 4/4 jazz over straight 8ths). Over the bundled piano waltz the ride had
played plain quarters, "x--- x--- x---" (meter_genres.waltz_skip_note)."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

RIDE = VOICES.index("ride")
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
WALTZ = Path(__file__).resolve().parents[1] / "core" / "examples" / "piano_waltz.mid"
BAR = 12


def waltz_bars(result):
    """The 3/4 beat bars (no fill's toms) of a result, each its 12 steps (12, 27)."""
    out = []
    for loop, bars in zip(result.loops, result.meters):
        if bars is None or len(bars) != 2:  # (the pickup: a window of one bar)
            continue
        for offset, num, den in bars:
            assert (num, den) == (3, 4)
            bar = loop[round(offset * 4):round(offset * 4) + BAR]
            if not (bar[:, TOMS] > 0.5).any():
                out.append(bar)
    assert len(out) >= 4, len(out)
    return out


def swung_waltz(make_midi, swing: float):
    """8 bars of a 3/4 part at 150: a bass note on the 1, a chord on each beat and a note on each beat's "and"
    (`swing` of the beat: 0.5 straight, 2/3 swung)."""
    notes = [(3.0 * bar, 43, 100, 0) for bar in range(8)]
    notes += [(3.0 * bar + beat + at, pitch, vel, 0) for bar in range(8) for beat in range(3)
              for at, pitch, vel in ((0.0, 60, 80), (0.0, 64, 80), (swing, 67, 65))]
    return read_midi(make_midi(notes, tempos=[(0, 150.0)], time_signatures=[(0, 3, 4)], length=0.2))


def skip_notes(bar, step):
    """Whether a bar rides its three beats with the skip note on `step` (and none elsewhere in 2's second half)."""
    ride = bar[:, RIDE] > 0.5
    return bool(ride[[0, 4, 8]].all() and ride[step] and ride[5:8].sum() == 1)


def test_jazz_over_the_piano_waltz_rides_ding_ding_ga_ding(shipped):
    result = shipped.drumify(read_midi(WALTZ), Settings(genre={"jazz": 1.0}))
    bars = waltz_bars(result)
    riding = [bar for bar in bars if (bar[[0, 4, 8], RIDE] > 0.5).all()]
    assert len(riding) >= len(bars) - 1
    assert all(skip_notes(bar, 6) for bar in riding), [np.flatnonzero(b[:, RIDE] > 0.5).tolist() for b in riding]
    for bar in riding:  # a skip note: softer than the beat before it, on its timing (straight)
        assert bar[6, N_VOICES + RIDE] < bar[4, N_VOICES + RIDE]
        assert bar[6, 2 * N_VOICES + RIDE] == pytest.approx(bar[4, 2 * N_VOICES + RIDE])


@pytest.mark.parametrize("swing, step", [(0.5, 6), (2 / 3, 7)])
def test_the_skip_note_is_played_at_the_part_s_swing(shipped, make_midi, swing, step):
    result = shipped.drumify(swung_waltz(make_midi, swing), Settings(genre={"jazz": 1.0}))
    riding = [bar for bar in waltz_bars(result) if (bar[[0, 4, 8], RIDE] > 0.5).all()]
    assert len(riding) >= 4
    assert all(skip_notes(bar, step) for bar in riding), [np.flatnonzero(b[:, RIDE] > 0.5).tolist() for b in riding]
    if step == 7:  # the swung 8th: two thirds of the beat, a third of a 16th early on the beat's "a"
        assert np.median([bar[7, 2 * N_VOICES + RIDE] for bar in riding]) == pytest.approx(-1 / 3, abs=0.1)

