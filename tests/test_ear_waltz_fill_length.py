"""`--fill-length half` in a waltz as a drummer plays it: the fill over the bar's last two beats.

Half of a 3/4 bar rounded down had been one beat, the same fill as `--fill-length beat` (over the bundled piano
waltz the two wrote the same file), where a 4/4 half-bar fill takes two beats. A drummer's half-bar fill in a
waltz takes beats 2 and 3. 6/8's half is one dotted beat (its beat), a 7/8 bar's (2+2+3) its long last beat, as
before. The fill drawn over loop beats 2-4 for a waltz's last two beats must not strike the toms on the "e" and
"a" of the bar's 1 (meter.py folds the loop beat a waltz skips onto its 1), nor leave its last beat empty."""

import numpy as np
import pytest
from test_ear_meter_fills import DRUMS, FEWEST, fill_beats
from test_ear_meter_genres import WALTZ

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.phrases import timed_phrases
from reagroove.core.settings import Settings

TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
CRASH = VOICES.index("crash")


def fill_length_16ths(meter, fill_length) -> int:
    """The 16ths of the fill ending bar 2 of a part in `meter`, fills every 2 bars (a live session's plan, the
    same rule as drumify's)."""
    _, fill_at = timed_phrases(Settings(fill_every=1, fill_length=fill_length), meter, 0, 64)
    runs = np.flatnonzero(np.diff(np.concatenate([[0], fill_at.astype(int), [0]])))
    return int(runs[1] - runs[0])


@pytest.mark.parametrize("meter, beat, half, bar", [((3, 4), 4, 8, 12), ((4, 4), 4, 8, 16), ((6, 8), 6, 6, 12),
                                                    ((9, 8), 6, 12, 18), ((7, 8), 6, 6, 14)])
def test_a_half_bar_fill_takes_half_the_bar_a_waltz_two_of_its_three_beats(meter, beat, half, bar):
    assert [fill_length_16ths(meter, f) for f in ("beat", "half", "bar")] == [beat, half, bar]


def phrase_end_bars(result) -> list[np.ndarray]:
    """The second bar (12 steps, 27) of each window that ends a phrase (the next opening on a crash)."""
    out = []
    for w in range(len(result.loops) - 1):
        bars = result.meters[w]
        if bars is None or len(bars) != 2 or result.loops[w + 1, 0, CRASH] <= 0.5:
            continue
        start = round(bars[1][0] * 4)
        out.append(result.loops[w, start:start + 12])
    assert out, "no phrase ends"
    return out


@pytest.mark.parametrize("seed", [0, 3, 6])
def test_a_waltz_half_bar_fill_is_not_its_one_beat_fill(shipped, seed):
    """Over the bundled piano waltz, fills every 2 bars: the half-bar fill's bars differ from the one-beat fill's
    (they were the same), strike no tom on the bar's 1 (before the fill: a seed 6 fill had struck the high tom on
    the "a" of 1, then nothing on 3) and fill their last beat."""
    waltz = read_midi(WALTZ)
    half, beat = (shipped.drumify(waltz, Settings(fill_every=1, seed=seed, fill_length=f)) for f in ("half", "beat"))
    half_bars, beat_bars = phrase_end_bars(half), phrase_end_bars(beat)
    assert any(not np.array_equal(h[:, :9] > 0.5, b[:, :9] > 0.5) for h, b in zip(half_bars, beat_bars))
    for bar in half_bars:
        assert not (bar[:4, TOMS] > 0.5).any(), np.flatnonzero((bar[:, TOMS] > 0.5).any(1))
    struck = [int((last[:, DRUMS] > 0.5).any(1).sum()) for last in fill_beats(half)]
    assert min(struck) >= FEWEST, struck
