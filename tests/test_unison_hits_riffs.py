"""Unison hits inside a riff: a bar the band plays again a riff's cycle away (freedoom's d_e3m2 bar 33, an 11-bar
riff's bar, played so in bars 11 and 22) is its riff, which the song's drummer plays as every bar around it; the
drums had dropped the hats and crashed inside it. A break the band repeats a section later is still caught."""

from pathlib import Path

import pytest
from test_unison_hits import BARS, hits, playing, song, stops_of

from reagroove.core.midi import read_midi

FREEDOOM = Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi"


def unison_bars(content):
    return {s.bar for s in stops_of(content) if s.unison}


def test_unison_hits_the_band_plays_again_an_odd_cycle_away_are_its_riff_a_section_away_a_break_again():
    for first, again in ((3, 14), (4, 9), (5, 8)):  # 11, 5 and 3 bars apart
        riff = song(playing([b for b in range(1, BARS + 1) if b not in (first, again)]) + hits(first) + hits(again))
        assert not unison_bars(riff) & {first, again}, (first, again)
    for first, again in ((4, 12), (2, 14)):  # 8 and 12 bars apart: a section played again, its break with it
        repeated = song(playing([b for b in range(1, BARS + 1) if b not in (first, again)]) + hits(first) +
                        hits(again))
        assert {first, again} <= unison_bars(repeated), (first, again)


@pytest.mark.skipif(not (FREEDOOM / "d_e3m2.mid").exists(), reason="freedoom-midi not present")
def test_freedoom_e3m2_bar_33_is_its_riff_and_map32_bar_96_still_hits():
    assert 33 not in unison_bars(read_midi(FREEDOOM / "d_e3m2.mid"))
    assert 96 in unison_bars(read_midi(FREEDOOM / "d_map32.mid"))  # its drummer crashes on every hit
