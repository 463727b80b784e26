"""A song whose bars change meter and include one too long for a loop (freedoom's d_map32: 5/4, 7/4, 3/4, then a
10/4 bar) is drummed through: the long bar's windows follow no bars (their meters are None) beside windows that do,
and drumify had stopped with a traceback ('NoneType' object is not iterable) wherever such a part has fills (here a
fill every 2 bars; d_map32 the fills into its sections), reading those windows for half-time bars, on every feel."""

import pytest
from test_engine_meter_tempo_sections import riff

from reagroove.core import read_midi
from reagroove.core.settings import Settings


def long_bar_song(make_midi):
    """Bars 1-4 in 5/4, 5-6 in 3/4, bar 7 in 10/4, bars 8-11 in 4/4."""
    notes = riff(0.0, 4, 5) + riff(20.0, 2, 3) + riff(26.0, 1, 10) + riff(36.0, 4, 4)
    return make_midi(sorted(notes), "long_bar.mid", time_signatures=((0, 5, 4), (20, 3, 4), (26, 10, 4), (36, 4, 4)))


@pytest.mark.parametrize("feel", ["normal", "half"])
def test_a_bar_too_long_for_a_loop_among_meter_changes_gets_drums(shipped, make_midi, feel):
    content = read_midi(long_bar_song(make_midi))
    res = shipped.drumify(content, Settings(feel=feel, fill_every=2))
    assert any(m is None for m in res.meters) and any(m is not None for m in res.meters)  # the mix d_map32 has
    played = res.loops[..., :9] > 0.5
    assert all(played[w].any() for w in range(len(res.bars)))  # every window, the long bar's too, is drummed
