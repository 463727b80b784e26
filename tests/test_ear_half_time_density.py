"""Half time asked with fewer hits (`--feel half --density 0.2`) thins the hats as normal time does: a trap 808 part at
145 BPM whose line plays 16ths had half-time hats on every 16th at density 0.2 as at 0.8 (normal time at 0.2: 8ths),
so the density control never reached the voice that plays most."""

import pytest
from test_half_time_by_ear import CLOSED, hits, song_bars

from reagroove.core.feel import SPARSE_DENSITY, half_time_sixteenths
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

# an 808 line at 145, each bar: the 1 held, the "a" of 2, the "and" of 3 an octave up, the "a" of 4
TRAP_BAR = ((0.0, 36, 110), (1.75, 36, 100), (2.5, 48, 95), (3.75, 36, 90))


@pytest.fixture
def trap_808(make_midi):
    notes = [(4 * bar + beat, pitch, vel, 0) for bar in range(8) for beat, pitch, vel in TRAP_BAR]
    return read_midi(make_midi(notes, "trap_145.mid", tempos=((0, 145.0),), length=0.7))


def hat_sixteenths(result) -> int:
    """Closed-hat strokes on the song's 16ths between its 8ths, over the whole part."""
    return sum(int(hits(bar)[1::2, CLOSED].sum()) for bar in song_bars(result.loops, result.bars).values())


def hat_eighths(result) -> int:
    return sum(int(hits(bar)[0::2, CLOSED].sum()) for bar in song_bars(result.loops, result.bars).values())


def test_half_time_with_fewer_hits_asked_keeps_its_hats_on_the_eighths(shipped, trap_808):
    sparse = shipped.drumify(trap_808, Settings(feel="half", density=0.2))
    assert hat_sixteenths(sparse) == 0
    assert hat_eighths(sparse) >= 8 * 6  # time still kept on the song's 8ths in every bar
    # as normal time thins at that density
    assert hat_sixteenths(shipped.drumify(trap_808, Settings(density=0.2))) == 0


def test_half_time_at_the_inputs_density_or_busier_still_plays_its_16ths(shipped, trap_808):
    for density in (None, 0.8):
        assert hat_sixteenths(shipped.drumify(trap_808, Settings(feel="half", density=density))) >= 8 * 6, density


def test_the_density_decides_only_where_the_part_plays_16ths():
    assert not half_time_sixteenths(False, None) and not half_time_sixteenths(False, 1.0)
    assert half_time_sixteenths(True, None) and half_time_sixteenths(True, SPARSE_DENSITY)
    assert not half_time_sixteenths(True, SPARSE_DENSITY - 0.05)
