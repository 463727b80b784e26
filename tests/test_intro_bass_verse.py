"""A verse whose bass plays sparser than the chorus's is no bass "coming in with the band": the drums play under it
(intro_figure.BASS_BARS_SHARE). The bass on 1, the and of 2 and 3 in every verse bar, under 16ths in the chorus, had
had the drums lay out through the whole verse (bass, keys and a lead playing), with and without markers."""

import numpy as np
from test_marked_song_sections import bar_hits, marked_song
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

KICK, SNARE = 0, 1
FORM = [("verse", 8), ("chorus", 8)]


def drums(tmp_path, markers):
    song = read_midi(marked_song(tmp_path / "verse_chorus.mid", FORM, markers))
    return Engine(BarEndFills()).drumify(song, Settings())


def test_a_verse_with_a_sparse_bass_gets_a_groove_not_silence(tmp_path):
    for markers in ([], [(1, "Verse"), (9, "Chorus")]):
        res = drums(tmp_path, markers)
        verse = np.stack([bar_hits(res, b) for b in range(1, 9)])
        # every verse bar plays (kick and snare), softer at most; the fill into the chorus and its crash stay
        assert verse.any(2).any(1).all(), (markers, verse.any(2).any(1))
        assert verse[..., KICK].any(1).sum() >= 6 and verse[..., SNARE].any(1).sum() >= 6, markers
        assert 9 in crash_bars(res), (markers, crash_bars(res))
        assert not any("lay out through the intro" in m for m in res.messages), (markers, res.messages)


def test_a_pedal_note_every_other_bar_still_comes_in_with_the_band():
    """The bass nearly absent (d_e4m9: one low note every other bar under the pad, its drummer silent) still comes
    in with the band: the drums lay out; a note in every bar is the bass playing, however sparse."""
    from reagroove.core.intro_figure import laid_out_intro

    intro = np.array([True, True, True, True, False, False])
    bass = np.zeros((6, 32, 3), np.float32)
    bass[4:, ::2, 0] = 1.0  # the band's 8ths from bar 9
    bass[:4, 0, 0] = 1.0  # a note on bar 1, 3, 5, 7
    assert laid_out_intro(intro, bass) is not None
    bass[:4, 16, 0] = 1.0  # ... and on 2, 4, 6, 8: a note every bar (a share of 0.12 of the band's)
    assert laid_out_intro(intro, bass) is None
