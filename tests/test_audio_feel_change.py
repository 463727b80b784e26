"""A 4/4 take that goes from straight 8ths into 8th triplets at the same tempo (a 12/8 feel from its middle on):
read in 4/4 at its tempo, not as a waltz or 12/8 at 3/2 of it.

Before: the grid at 3/2 of the tempo holds both the straight 8ths and the triplets, the triplets' accents repeat
every 3 of its beats, and the take was read at 150 BPM in 3/4 (a strum) or 12/8 (keys, a bass) where it plays
100 BPM in 4/4: the drums' bars 1.2 s long over the band's 2.4 s. Read in 4/4, an 85 BPM take then got a tempo map
stepping from 170 (its 8ths as beats) to 127.5 (every other triplet): a change of feel followed as one of tempo.
Of 18 such takes at 85-140 BPM (keys, strum, bass) none was read right; 17 now (a 140 BPM strum reads at half tempo,
as before). The takes are rendered at 11.025 kHz.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, render_notes

from reagroove.core.audio import read_audio

SR = 11025
CHORDS = ((0, 4, 7), (5, 9, 12), (7, 11, 14), (0, 4, 7))


def straight_then_triplets(bpm: float, timbre: str, *, bars_each: int = 8, lead_s: float = 0.5, seed: int = 0):
    """`bars_each` bars of straight 8ths, then as many of 8th triplets, at `bpm` from bar 1 at `lead_s`; the chord
    changes every 2 bars, each beat's first note louder."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    notes = []
    for bar in range(2 * bars_each):
        per = 3 if bar >= bars_each else 2
        chord = CHORDS[bar // 2 % 4]
        for b in range(4):
            for k in range(per):
                t = lead_s + (bar * 4 + b + k / per) * beat + rng.normal(0, 0.006)
                vel = (0.9 if k == 0 else 0.6) * (1.05 if b == 0 else 1.0)
                freqs = [float(_hz(40 + chord[0]))] if timbre == "bass" else list(_hz([60 + c for c in chord]))
                notes.append((t, min(vel, 1.0), timbre, freqs, beat / per * 0.9, k == 0))
    return render_notes(notes, sr=SR, duration_s=lead_s + 2 * bars_each * 4 * beat + 1.0, seed=seed)


@pytest.mark.parametrize("bpm,timbre", [(100.0, "strum"), (100.0, "keys"), (120.0, "bass"), (85.0, "keys")])
def test_straight_8ths_into_triplets_stays_4_4_at_its_tempo(tmp_path, bpm, timbre):
    path = tmp_path / "take.wav"
    sf.write(path, straight_then_triplets(bpm, timbre), SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.time_signatures[0][1:] == (4, 4), got.warnings
    assert [t for _, t in got.tempos] == [pytest.approx(bpm, rel=0.01)]
    assert got.start_s == pytest.approx(0.5, abs=0.03)  # bar 1 where the take starts


def test_a_3_2_tempo_jump_followed_by_a_map_keeps_it(tmp_path):
    """A strum going 120 -> 80 BPM also sits on the steady grid's triplets (its 120 BPM 8ths are 80's triplets), but
    its louder notes come every other triplet, not every third: a tempo changing, whose map is kept."""
    from test_audio_tempo_change import read_changing_take

    content, _ = read_changing_take(tmp_path, "strum", 120.0, 80.0, 2)
    assert len(content.tempos) > 2 and content.tempos[1][1] == pytest.approx(120.0, rel=0.01)
