"""Version 1 of `--variations` (and of Variations in REAPER and the editor) is the drums drumify plays, to the bit:
decoded in one batch with the other versions, a velocity of the shuffle example with --hold differed in its last bit."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


@pytest.fixture(scope="module")
def engine():
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


@pytest.mark.parametrize("name, settings", [("shuffle_blues.mid", Settings(hold=True)),
                                            ("piano_waltz.mid", Settings(fill_every=1, seed=2))])
def test_the_first_version_is_the_drumified_part(engine, name, settings):
    result = engine.drumify(read_midi(EXAMPLES / name), settings)
    versions = engine.variations_of(result, settings, 3)
    np.testing.assert_array_equal(versions[0], result.loops)
    assert not np.array_equal(versions[1], result.loops)  # the others are versions of their own
