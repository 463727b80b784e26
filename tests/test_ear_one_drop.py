"""Reggae's one drop in plain 4/4, and reggae with disco (steppers), as their drummers play them.

Asked for reggae over the bundled funk bass in 4/4, the network played a funk beat (GMD's reggae drummers play
steppers): the kick on 1, the "a" of 1, 2, 3 and 4, the snare on 2 and 4 with 4-5 ghost notes a bar. A reggae
drummer drops the kick and the rim together on the 3, the 1 open, no other snare. Asked for disco and reggae alike in
half time, the one drop alone had played (disco's kick gone from the 1 and 2): the two together are steppers, the drop
over the kick on every beat."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_genres_every_bar import song_bars
from test_ear_meter_genres import WALTZ, meter_bars, six_eight, steps  # noqa: F401 (six_eight: a fixture)

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
DROP = 8  # a 4/4 bar's 3
BEATS = [0, 4, 8, 12]


def drumified(shipped, name, **settings):
    return shipped.drumify(read_midi(EXAMPLES / f"{name}.mid"), Settings(**settings))


@pytest.mark.parametrize("name", ["funk_bass", "shuffle_blues"])
@pytest.mark.parametrize("settings", [{}, {"seed": 3}, {"density": 0.2}, {"fill_every": 2}],
                         ids=["default", "seed3", "sparse", "fills"])
def test_reggae_in_4_4_plays_the_one_drop_in_every_bar(shipped, name, settings):
    """`--genre reggae` over a 4/4 part: the snare on the 3 alone, the kick with it and nowhere else but under a
    phrase's crash (the network's funk beat had kicked 5 times a bar under a backbeat on 2 and 4 and ghost notes)."""
    for bar in song_bars(drumified(shipped, name, genre={"reggae": 1.0}, **settings)):
        assert steps(bar, SNARE) == [DROP], steps(bar, SNARE)
        assert DROP in steps(bar, KICK), steps(bar, KICK)
        assert all(s == DROP or bar[s, CRASH] > 0.5 for s in steps(bar, KICK)), steps(bar, KICK)


def test_a_mix_reggae_does_not_lead_keeps_its_backbeat(shipped):
    for bar in song_bars(drumified(shipped, "funk_bass", genre={"reggae": 0.4, "rock": 0.6})):
        assert {4, 12} <= set(steps(bar, SNARE)), steps(bar, SNARE)


@pytest.mark.parametrize("feel", ["normal", "half"])
@pytest.mark.parametrize("name", ["funk_bass", "shuffle_blues"])
def test_disco_and_reggae_together_play_steppers(shipped, name, feel):
    """`--genre disco,reggae`: the kick on every beat with the rim's drop on the 3 (half time had played reggae's one
    drop alone, the 1 and 2 without a kick; 4/4 the network's funk snare)."""
    result = drumified(shipped, name, genre={"disco": 0.5, "reggae": 0.5}, feel=feel)
    bars = song_bars(result)
    for bar in bars:
        assert set(BEATS) <= set(steps(bar, KICK)), steps(bar, KICK)
        assert DROP in steps(bar, SNARE), steps(bar, SNARE)
    if feel == "normal":
        assert all(steps(bar, SNARE) == [DROP] for bar in bars)
    else:
        assert any("steppers" in m for m in result.messages), result.messages
        assert np.mean([set(steps(bar, SNARE)) & {4, 12} == set() for bar in bars]) == 1.0


@pytest.mark.parametrize("name, drop, beats", [("waltz", 8, [0, 4, 8]), ("six_eight", 6, [0, 6])])
def test_disco_and_reggae_together_in_a_waltz_or_6_8_play_steppers(shipped, name, drop, beats, request):
    """Over a waltz or a 6/8 part, disco with reggae had played reggae's drop alone (the 1 and 2 without a kick)."""
    content = read_midi(WALTZ) if name == "waltz" else request.getfixturevalue(name)
    for _, bar in meter_bars(shipped.drumify(content, Settings(genre={"disco": 0.5, "reggae": 0.5}))):
        assert set(beats) <= set(steps(bar, KICK)), steps(bar, KICK)
        assert steps(bar, SNARE) == [drop], steps(bar, SNARE)
