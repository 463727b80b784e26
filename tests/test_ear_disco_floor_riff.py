"""Disco's four on the floor in half time holds under a riff that strikes the 16th after a beat.

Half time moves a kick on an 8th the bass leaves out onto the bass's 16th after it (trap_kicks.onto_sixteenths).
Laid after disco's floor, it moved the floor's 2 and 4 onto their "e" under a riff like Freedoom's E4M5
(`X-XX -XXX -X-X -XXX`): the kick `X--- -XX- X--- -X--`, a limping floor."""

import numpy as np
import pytest
from test_ear_disco_half_time import KICK, beat_bars

from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

RIFF = "X-XX-XXX-X-X-XXX"


@pytest.fixture
def riff(make_midi):
    notes = [(4 * bar + s / 4, 40 if s % 4 == 0 else 43, 100, 0) for bar in range(8) for s, c in enumerate(RIFF)
             if c == "X"]
    return read_midi(make_midi(notes, "riff_110.mid", tempos=((0, 110.0),), length=0.2))


def test_a_riff_on_the_e_leaves_disco_half_times_floor_on_the_beats(shipped, riff):
    for settings in (Settings(genre={"disco": 1.0}, feel="half"), Settings(genre={"disco": 1.0}, feel="half", seed=2)):
        result = shipped.drumify(riff, settings)
        bars = beat_bars(result.loops, result.bars)
        assert len(bars) >= 4
        for h in bars:
            kick = np.flatnonzero(h[:, KICK]).tolist()
            assert {0, 4, 8, 12} <= set(kick), f"kick on steps {kick}: the floor limps"

