"""A take whose tempo jumps by 3:2 between sections (a strum going 120 -> 80 BPM, keys 135 -> 90), no click: the drums'
tempo map keeps each section at its own tempo, not an octave off it.

Before: the sections' tempos were read within 0.6-1.4 of the whole take's, where a section at 3:2 of the rest reads
as its alias at 4:3, an octave off: a strum going 120 -> 80 got a map of 120 -> 160, two drum beats to each of its
80 BPM half's; keys going 135 -> 90 got 67.5 -> 90, a drum beat to every two of the 135 BPM half's. Of 16 rendered
3:2 jumps (120 <-> 80, 90 <-> 135; band, strum, keys, bass; seed 1) 12 got a map, all 12 with a section an octave
off; now 14 get a map, each section at its own tempo, 13 of them with every drum beat within 30 ms of the band's
(seeds 2 and 3: 14 maps all an octave off, now 17 maps all at the sections' tempos). The takes are rendered at
11.025 kHz, as tests/test_audio_tempo_change.py's.
"""

import numpy as np
import pytest
from audio_synth import drum_beats_s
from test_audio_tempo_change import read_changing_take

from reagroove.core.audio_section_octave import gap_spread, map_follows


@pytest.mark.parametrize("kind,bpm,after,seed", [("strum", 120.0, 80.0, 1), ("keys", 135.0, 90.0, 1),
                                                 ("bass", 90.0, 135.0, 1), ("band", 80.0, 120.0, 1)])
def test_each_section_of_a_3_2_jump_gets_its_own_tempo_and_the_drums_its_beats(tmp_path, kind, bpm, after, seed):
    content, played = read_changing_take(tmp_path, kind, bpm, after, seed)
    tempos = np.array([t for _, t in content.tempos])
    assert len(tempos) > 2, content.warnings  # a map, not one tempo
    # every tempo of the map is one of the two sections' (a drift of a few %), none an octave off either
    near = np.minimum(np.abs(np.log(tempos / bpm)), np.abs(np.log(tempos / after)))
    assert np.median(near) < 0.02 and np.abs(np.log(tempos / bpm)).min() < 0.02 and np.abs(np.log(tempos / after)).min() < 0.02
    # the drums' beats are the band's, one for one, through both sections and the change
    off = np.abs(drum_beats_s(content, len(played) - 1) - played[:-1])
    assert off.max() < 0.04, f"drum beat {int(np.argmax(off))} {off.max() * 1000:.0f} ms off the band's"
    # a map that follows the jump is not said to miss it
    assert not any("misses it" in w for w in content.warnings)


def test_gaps_between_notes_are_counted_in_their_section_s_16ths():
    """8ths with a 16th pair each beat: the same spread at 120 and, played at 80, at 80; at 160 every gap doubles."""
    beat = np.array([0.0, 0.5, 0.75])  # in beats: 8th, 16th, 16th
    at = lambda bpm: (np.arange(24)[:, None] + beat[None, :]).ravel() * 60.0 / bpm  # noqa: E731
    assert np.allclose(gap_spread(at(120.0), 120.0), gap_spread(at(80.0), 80.0))
    assert np.abs(gap_spread(at(80.0), 160.0) - gap_spread(at(120.0), 120.0)).sum() > 1.0
    assert gap_spread(at(120.0)[:10], 120.0) is None  # too few gaps to say


def test_a_map_follows_a_jump_only_at_the_jump_s_tempo():
    knot_t = np.array([0.0, 10.0, 20.0, 30.0, 40.0])
    knot_b = np.concatenate([[0.0], np.cumsum([20.0, 20.0, 40.0 / 3, 40.0 / 3])])  # 120, 120, 80, 80 BPM
    assert map_follows(knot_t, knot_b, (20.0, 40.0, 80.0))
    assert not map_follows(knot_t, knot_b, (20.0, 40.0, 160.0))  # the section an octave off
    assert not map_follows(knot_t, knot_b, (0.0, 20.0, 80.0))  # the map at 120 there
