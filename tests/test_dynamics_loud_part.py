"""A part written at the top of the velocity range still gets a drummer's accents: softer and harder strokes."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.dynamics import LEVEL_TOP, band_accents
from reagroove.core.limbs import CLOSED_HAT, KICK, SNARE
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

# a syncopated bass line, 8 bars: 8ths with a 16th pickup into beat 3 (dm05's kind of line)
LINE = [0, 0.5, 1.5, 1.75, 2, 2.5, 3, 3.5]


def bass_line(make_midi, velocity):
    notes = [(bar * 4 + beat, 40 + (i % 3) * 2, velocity, 0) for bar in range(8) for i, beat in enumerate(LINE)]
    return make_midi(notes, name=f"bass_{velocity}.mid", tempos=((0, 110.0),))


def voice(loops, v):
    hit = loops[..., v] > 0.5
    return loops[..., N_VOICES + v][hit]


def test_a_bass_line_at_127_gets_drums_with_accents_below_the_ceiling(shipped, make_midi):
    # written at 127 the drums had every kick at 127 (586 of 734 on freedoom's MAP05 line) and nothing to
    # accent with; the same line at 100 has its kicks 79-105 under a backbeat at the ceiling
    loud = shipped.drumify(read_midi(bass_line(make_midi, 127)), Settings()).loops
    kicks, hats, snares = voice(loud, KICK), voice(loud, CLOSED_HAT), voice(loud, SNARE)
    assert len(kicks) and len(hats) and len(snares)
    assert (kicks >= 126.5 / 127).mean() < 0.25, np.round(kicks * 127)
    assert (hats >= 126.5 / 127).mean() < 0.1, np.round(hats * 127)
    # the backbeat stays the loudest stroke: the hats' 8ths under it, the kick no louder than it
    assert np.median(hats) < np.median(snares) - 10 / 127
    assert np.median(kicks) <= np.median(snares)
    # and the loud line still plays louder than the line at 100
    soft = shipped.drumify(read_midi(bass_line(make_midi, 100)), Settings()).loops
    assert voice(loud, KICK).mean() > voice(soft, KICK).mean()
    assert voice(loud, CLOSED_HAT).mean() >= voice(soft, CLOSED_HAT).mean()


def test_band_accents_play_a_loop_louder_than_the_top_at_the_top_with_its_accents():
    rng = np.random.default_rng(0)
    hits = np.zeros((2, 32, N_VOICES), bool)
    hits[:, ::4, KICK] = hits[:, 4::8, SNARE] = hits[:, ::2, CLOSED_HAT] = True
    groove = np.zeros((2, 32, 3), np.float32)
    groove[:, ::2, 0] = 1.0
    groove[0, ::2, 1], groove[1, ::2, 1] = 1.0, 0.6  # a part at 127, one at 76
    vel = np.where(hits, np.float32(0.98) + rng.uniform(-0.02, 0.02, hits.shape).astype(np.float32), 0)
    vel[1] = np.where(hits[1], 0.6, 0)
    out = band_accents(vel.astype(np.float32), hits, groove)
    loud = out[0][hits[0]]
    assert loud.mean() <= LEVEL_TOP + 1e-6  # the loop's level at the top ...
    assert (loud >= 1.0).sum() <= hits[0, :, SNARE].sum()  # ... only the backbeat at the ceiling
    assert np.ptp(loud) > 0.2
    # a loop below the top keeps its level
    assert abs(out[1][hits[1]].mean() - 0.6) < 1e-4
