"""Fills in 3/4 and 6/8 as a drummer plays them: the fill's beat filled, not one or two strokes.

A 3/4 or 6/8 fill (`--fill-length half`, the default) is a beat long, and the network had played it in 8ths or
fewer: over the bundled piano waltz with --fill-every 4bars 1-3 strokes (at seed 3 one mid-tom stroke), over a 6/8
part 2 tom strokes, where a 4/4 fill over the funk bass strikes 4-5 16ths (core/fill_landings.py)."""

import numpy as np
import pytest
from test_ear_meter_genres import WALTZ, six_eight  # noqa: F401 (six_eight: a fixture)

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

CRASH = VOICES.index("crash")
DRUMS = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]
LAST_BEAT = {(3, 4): 4, (6, 8): 6}  # the 16ths of the beat a fill takes (--fill-length half)
FEWEST = 3  # 16ths a drummer's one-beat fill strikes at the least (the 8ths and a 16th; 6/8's three 8ths)


def fill_beats(result) -> list[np.ndarray]:
    """The last beat (its steps, 27) of each bar that ends a phrase: the window's second bar, the next window
    opening on a crash."""
    out = []
    for w in range(len(result.loops) - 1):
        bars, after = result.meters[w], result.meters[w + 1]
        if bars is None or len(bars) != 2 or after is None or result.loops[w + 1, 0, CRASH] <= 0.5:
            continue
        offset, num, den = bars[1]
        end = round(offset * 4) + 12
        out.append(result.loops[w, end - LAST_BEAT[num, den]:end])
    assert out, "no phrase ends"
    return out


@pytest.mark.parametrize("name", ["waltz", "six_eight"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_3_4_or_6_8_fill_fills_its_beat(shipped, name, seed, request):
    content = read_midi(WALTZ) if name == "waltz" else request.getfixturevalue(name)
    result = shipped.drumify(content, Settings(fill_every=1, seed=seed))
    struck = [int((beat[:, DRUMS] > 0.5).any(1).sum()) for beat in fill_beats(result)]
    assert min(struck) >= FEWEST, struck
