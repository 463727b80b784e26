"""Every plain generation tempers the network's hit probabilities with its model's blend toward the average drummer
held once per loaded model (Drummer.prior_parts, core/tempering.tempered): the same drums, bit for bit, as the one
definition models/train.py calibrates (tempering.temper), for both shipped networks; the held parts cannot be
written to, so they never drift from the model's average drummer and blend."""

import numpy as np
import pytest


@pytest.mark.parametrize("drum_part", [False, True], ids=["band network", "drum-part network"])
def test_the_held_blend_tempers_as_temper_does(drum_part):
    from reagroove.core.tempering import temper, tempered
    from reagroove.models import load_model

    m = load_model(None, drum_part=drum_part)
    keep, toward = m.prior_parts
    assert not keep.flags.writeable and not toward.flags.writeable
    probs = np.random.default_rng(0).random((3, 32, 9)).astype(np.float32) ** 3
    for loops in (probs[:1], probs):  # one loop (its quick path) and a batch
        for steady in (m.steady_time, 0.0):
            assert np.array_equal(tempered(loops, keep, toward, steady, None),
                                  temper(loops, m.average_pattern, m.prior_blend, steady, None))
