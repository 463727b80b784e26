"""`--genre jazz,reggae` as one drummer plays it, in every meter: reggae's drop (kick and rim on the 3) at a drop's
level, under jazz's time on the ride.

Jazz's left-hand rule (comping.no_backbeat) softened the draw's snares to a comp note's level before the one drop
was laid, so over the bundled funk bass and shuffle the drop sounded soft ('o', 0.38) where reggae alone drops
loud ('X'); over the waltz jazz led meter_genres and no drop played at all (comping instead), where 4/4 and half
time play reggae's drop."""

from pathlib import Path

import pytest
from test_ear_genres_every_bar import song_bars
from test_ear_meter_genres import WALTZ, meter_bars, six_eight, steps  # noqa: F401 (six_eight: a fixture)

from reagroove.core.comping import LOUDEST
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, RIDE = (VOICES.index(v) for v in ("kick", "snare", "ride"))
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
JAZZ_REGGAE = {"jazz": 0.5, "reggae": 0.5}


@pytest.mark.parametrize("name", ["funk_bass", "shuffle_blues"])
@pytest.mark.parametrize("seed", [0, 3])
def test_jazz_and_reggae_in_4_4_drop_at_a_drop_level_under_the_ride(shipped, name, seed):
    result = shipped.drumify(read_midi(EXAMPLES / f"{name}.mid"), Settings(genre=JAZZ_REGGAE, seed=seed))
    for bar in song_bars(result):
        assert steps(bar, SNARE) == [8], steps(bar, SNARE)
        assert 8 in steps(bar, KICK), steps(bar, KICK)
        assert bar[8, N_VOICES + SNARE] > LOUDEST, bar[8, N_VOICES + SNARE]  # not a comp note's level
        assert len(steps(bar, RIDE)) >= 4, steps(bar, RIDE)  # jazz's time on the ride


@pytest.mark.parametrize("name, drop", [("waltz", 8), ("six_eight", 6)])
def test_jazz_and_reggae_in_a_waltz_or_6_8_drop_in_every_bar(shipped, name, drop, request):
    content = read_midi(WALTZ) if name == "waltz" else request.getfixturevalue(name)
    for _, bar in meter_bars(shipped.drumify(content, Settings(genre=JAZZ_REGGAE))):
        assert steps(bar, SNARE) == [drop], steps(bar, SNARE)
        assert drop in steps(bar, KICK), steps(bar, KICK)
        assert bar[drop, N_VOICES + SNARE] > LOUDEST, bar[drop, N_VOICES + SNARE]
