"""Reggae's right hand in a waltz (3/4) and in 5/4: the hat on the "and"s, as the 4/4 one drop's.

Asked for reggae over the bundled piano waltz, the drop played on the waltz's 3 (kick and rim together, the 1 open)
under the network's hats accented on the 1 ("7-5-5-5-5-5-"); over a 5/4 part under hats accented on the beats
("Xxx- X-x- X-x- xxx- X-x-"). The 4/4 one drop's hat answers the skank: the "and"s accented (test_ear_reggae_hats).
A reggae drummer in 3/4 keeps the drop on the 3 (the waltz's backbeat, as the 4/4 drop is the backbeat's 3) and
the hat's accents on the "and"s of its three beats."""

import numpy as np
import pytest
from test_ear_meter_genres import WALTZ
from test_ear_reggae_fills import bars_of, five_four  # noqa: F401 (five_four: a fixture)
from test_ear_reggae_hats import hats

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]


def beat_bars(result):
    """(the bar's steps, its drop's step) of each bar of a result with no fill's toms."""
    for loops, w, lo, hi, drop in bars_of(result):
        bar = loops[w, lo:hi]
        if not (bar[:, TOMS] > 0.5).any():
            yield bar, drop - lo


@pytest.mark.parametrize("part, seed", [("waltz", 0), ("waltz", 1), ("waltz", 2), ("five_four", 0),
                                        ("five_four", 3)])
def test_reggae_in_3_4_and_5_4_accents_the_ands_on_the_hat_over_the_drop(shipped, part, seed, request):
    music = read_midi(WALTZ) if part == "waltz" else request.getfixturevalue(part)
    result = shipped.drumify(music, Settings(genre={"reggae": 1.0}, seed=seed))
    seen = 0
    for bar, drop in beat_bars(result):
        if len(bar) < 12:  # (the waltz's pickup)
            continue
        seen += 1
        assert np.flatnonzero(bar[:, SNARE] > 0.5).tolist() == [drop], "the drop alone on the snare"
        assert [s for s in np.flatnonzero(bar[:, KICK] > 0.5) if bar[s, CRASH] <= 0.5] == [drop], "the kick on it"
        level = hats(bar)
        ands, beats = np.arange(2, len(bar), 4), np.arange(0, len(bar), 4)
        beats = beats[level[beats] > 0]  # (the 1 under a phrase's crash may have none)
        assert (level[ands] > 0).all(), level.round(2)
        assert level[ands].min() > level[beats].max(), level.round(2)
    assert seen >= 6
