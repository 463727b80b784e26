"""12/8 drums keep the part's subdivision: a part playing sextuplet 16ths gets its busier hats as 16ths, a part
playing triplet 8ths (a slow blues) gets triplet 8ths. The engine had never told the meter mapping which part
plays which, so every 12/8 part got triplet-8th hats."""

from __future__ import annotations

import numpy as np
import pytest

from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

pytest.importorskip("torch")

HAT_VOICES = (2, 3, 8)  # closed hat, open hat, ride


def part_12_8(make_midi, step: float, name: str):
    """4 bars of 12/8 at 60 BPM (6 quarter notes a bar), an arpeggio on every `step` quarter notes."""
    per_bar = round(6 / step)
    notes = [(bar * 6 + i * step, (52, 55, 59)[i % 3], 100 if i % per_bar == 0 else 75, 0)
             for bar in range(4) for i in range(per_bar)]
    return read_midi(make_midi(notes, name=name, tempos=((0, 60.0),), time_signatures=((0, 12, 8),)))


def sixteenths_between_8ths(result) -> int:
    """Time-keeper hits on the 16ths between a 12/8 bar's 8th notes (its 24 16th cells, odd ones)."""
    hits = np.asarray(result.loops)[..., :9] > 0.5
    keeper = hits[..., list(HAT_VOICES)].any(-1)  # (W, 32)
    return int(sum(keeper[w, 1:24:2].sum() for w in range(len(keeper))))


def test_a_part_in_sextuplets_gets_its_hats_as_16ths(shipped, make_midi):
    result = shipped.drumify(part_12_8(make_midi, 0.25, "six.mid"), Settings())
    assert sixteenths_between_8ths(result) >= 8


def test_a_slow_blues_in_triplet_8ths_keeps_triplet_8th_hats(shipped, make_midi):
    result = shipped.drumify(part_12_8(make_midi, 0.5, "blues.mid"), Settings())
    assert sixteenths_between_8ths(result) == 0
