"""A band part's drums on other meters play at the part's level, as on 4/4: the loops of a 6/8 or 12/8 part had
kept the network's own level, 1.2 times the part's, and its backbeat at 1.65 times (4/4's 1.3): 117-120 of 127
beside keys at 57-98, where the same keys in 4/4 got a backbeat at 99, and 73-75 beside keys at 40-60 (4/4: 65)."""

from __future__ import annotations

import numpy as np
import pytest

from reagroove.core.cli import main
from reagroove.core.dynamics import voice_levels
from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi

SNARE = 38
KICK, HATS = 0, 2  # voice columns


def keys_part(num: int, den: int, lo: int, hi: int, bars: int = 8) -> list[tuple]:
    """A band part's notes (beat, pitch, velocity, channel): a bass note on each felt beat (a dotted quarter in
    x/8), chords on every 8th, the one on the beat at `hi`, the others at `lo`."""
    beat, per_beat = (1.0, 2) if den == 4 else (1.5, 3)
    felt = num if den == 4 else num // 3
    bar = felt * beat
    notes = []
    for b in range(bars):
        for i in range(felt):
            at = b * bar + i * beat
            notes.append((at, (40, 45, 47, 40)[b % 4], hi - 4 * (i % 2), 1))
            for k in range(per_beat):
                notes += [(at + k * 0.5, p, hi if k == 0 else lo, 0) for p in (64, 67, 71)]
    return notes


def backbeat(make_midi, tmp_path, num: int, den: int, lo: int, hi: int) -> tuple[float, float, float]:
    """(the backbeat's mean velocity, the drums' mean hit velocity, the part's mean velocity) of the part's
    drums at the defaults: the snare on each bar's felt beats 2 and 4 (4/4's quarters 2 and 4, 12/8's
    dotted quarters 2 and 4)."""
    part = keys_part(num, den, lo, hi)
    song = make_midi(part, name=f"keys_{num}_{den}_{lo}.mid", time_signatures=((0, num, den),),
                     tempos=((0, 90.0),))
    out = tmp_path / f"drums_{num}_{den}_{lo}.mid"
    assert main(["drumify", str(song), "-o", str(out), "--quiet"]) == 0
    notes = read_midi(out).notes
    beat = 1.0 if den == 4 else 1.5
    bar = num * 4 / den
    at = (notes.start % bar) / beat
    on_two_four = (np.abs(at - 1) < 0.1) | (np.abs(at - 3) < 0.1)
    snare = notes.velocity[(notes.pitch == SNARE) & on_two_four]
    assert len(snare) >= 8
    return float(snare.mean()), float(notes.velocity.mean()), float(np.mean([n[2] for n in part]))


@pytest.mark.parametrize("num, den", [(12, 8), (6, 8)])
@pytest.mark.parametrize("lo, hi", [(60, 95), (40, 60)], ids=["keys 60-95", "soft keys 40-60"])
def test_a_compound_meter_part_gets_its_backbeat_at_the_level_a_4_4_part_gets(shipped, make_midi, tmp_path, num, den,
                                                                             lo, hi):
    """The same keys' touch in 12/8 (6/8) and in 4/4: the backbeat at about the same velocity, not 12/8's at 120
    (6/8's 117) beside 4/4's 99, or 77 (75) beside 65 under soft keys; a quiet band gets a quieter drummer."""
    compound, drums, band = backbeat(make_midi, tmp_path, num, den, lo, hi)
    four, _, _ = backbeat(make_midi, tmp_path, 4, 4, lo, hi)
    assert compound <= four + 6, (compound, four)
    assert drums <= 1.1 * band, (drums, band)  # the drums' level is the part's (the network's own: 1.1-1.2 times it)


def test_voice_levels_keeps_the_touch_within_a_voice_at_the_parts_level():
    """Each voice's hits keep their order (the part's touch the meter's beats follow), the voices' shares are a
    drummer's (`level`), and the loop's mean hit velocity is the part's."""
    rng = np.random.default_rng(1)
    hits = np.zeros((1, 32, N_VOICES), bool)
    hits[0, ::2, HATS] = True
    hits[0, ::8, KICK] = True
    hits[0, 4::8, 1] = True  # the backbeat
    vel = np.where(hits, rng.uniform(0.4, 0.95, hits.shape), 0.0).astype(np.float32)
    level = np.where(hits, 0.5, 0.0).astype(np.float32)
    level[0, 4::8, 1] = 0.66  # a drummer's backbeat above the rest
    grooves = np.zeros((1, 32, 3), np.float32)
    grooves[0, ::2, 0], grooves[0, ::2, 1] = 1.0, 0.45
    out = voice_levels(vel, level, hits, grooves)
    for v in (KICK, 1, HATS):
        np.testing.assert_array_equal(np.argsort(out[0, hits[0, :, v], v]), np.argsort(vel[0, hits[0, :, v], v]))
    mean = lambda a, v: float(a[0, hits[0, :, v], v].mean())  # noqa: E731
    assert mean(out, 1) / mean(out, HATS) == pytest.approx(0.66 / 0.5, rel=1e-4)
    assert float(out[hits].mean()) == pytest.approx(0.45, rel=1e-4)
    # a loop under a silent groove: no level to take
    np.testing.assert_array_equal(voice_levels(vel, level, hits, np.zeros_like(grooves)), vel)
