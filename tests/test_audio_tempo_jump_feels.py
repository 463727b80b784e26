"""A band that changes feel at one tempo (straight 8ths, then triplets in a 12/8 feel; straight, then swung 8ths)
is not said to jump tempo: the drums are at the take's tempo, and 'cut the take where it changes, or give --bpm'
would be wrong advice.

Before: the note read only the 16ths, and triplets or swung 8ths sit a third of a 16th off them, so of 27 rendered
takes changing feel at 88-112 BPM (seeds 1-3), 8 were said to jump (every one whose tempo was read as played);
now none is, and of 24 takes jumping tempo (tests/test_audio_tempo_jumps.py's renders) the same 10 are said as
before, over the same stretches. The takes are rendered at 11.025 kHz.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _CHORDS, _hz, render_notes
from test_audio_tempo_jumps import SAID

from reagroove.core.audio import read_audio
from reagroove.core.audio_tempo_jump import off_grid_stretch

SR = 11025


def feel_positions(feel, rng, swing):
    """Where a bar's comping notes fall (beats) in a feel: straight 8ths, 8th triplets, swung 8ths (the off-beat at
    `swing` of the beat), 16ths (a fill), or rubato (anywhere in the bar)."""
    if feel == "straight":
        return np.arange(0, 4, 0.5)
    if feel == "triplets":
        return np.arange(0, 4, 1 / 3)
    if feel == "swung":
        return np.sort(np.concatenate([np.arange(4.0), np.arange(4.0) + swing]))
    if feel == "sixteenths":
        return np.arange(0, 4, 0.25)
    return np.concatenate([[0.0], np.sort(rng.uniform(0.2, 4.0, 6))])  # rubato


def read_feel_take(tmp_path, sections, bpm, seed, lead_s=1.41):
    """Keys comping over a bass on every beat at one tempo, `sections` (feel, bars) in turn, 8 ms of jitter; some
    off-beat notes left out. Read as a file."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    key, swing = int(rng.integers(0, 12)), rng.uniform(0.6, 0.68)
    notes, bar_s = [], lead_s
    for bar, feel in enumerate(feel for feel, bars in sections for _ in range(bars)):
        chord = _CHORDS[(0, 5, 7, 9)[bar // 2 % 4]]
        pos = feel_positions(feel, rng, swing)
        pos = pos[(rng.random(len(pos)) > 0.12) | (pos % 1 == 0)]
        for p, nxt in zip(pos, [*pos[1:], 4.0]):
            vel = float(np.clip((0.85 if p % 1 == 0 else 0.65) + rng.uniform(-0.08, 0.06), 0.1, 1.0))
            freqs = list(_hz([60 + (key + c) % 12 for c in chord]))
            notes.append((bar_s + p * beat + rng.normal(0, 0.008), vel, "keys", freqs, (nxt - p) * beat * 0.9, True))
        for p in range(4):
            root = [float(_hz(36 + (key + chord[0]) % 12))]
            notes.append((bar_s + p * beat + rng.normal(0, 0.008), 0.9, "bass", root, beat * 0.9, True))
        bar_s += 4 * beat
    path = tmp_path / "take.wav"
    sf.write(path, render_notes(notes, sr=SR, duration_s=bar_s + 1.0, seed=seed), SR, subtype="PCM_16")
    return read_audio(path)


@pytest.mark.parametrize("sections,bpm,seed", [([("straight", 8), ("triplets", 8), ("straight", 8)], 88.0, 1),
                                               ([("straight", 14), ("triplets", 14)], 112.0, 3),
                                               ([("straight", 8), ("swung", 16)], 100.0, 2),
                                               ([("straight", 8), ("swung", 16)], 112.0, 2)])
def test_a_change_of_feel_at_one_tempo_is_not_said_to_jump(tmp_path, sections, bpm, seed):
    content = read_feel_take(tmp_path, sections, bpm, seed)
    assert len(content.tempos) == 1 and content.tempos[0][1] == pytest.approx(bpm, rel=0.01)  # read as played
    assert not any(SAID in w for w in content.warnings), content.warnings


@pytest.mark.parametrize("sections,bpm,seed", [([("straight", 12), ("rubato", 2), ("straight", 12)], 100.0, 1),
                                               ([("straight", 12), ("sixteenths", 8), ("straight", 4)], 88.0, 2)])
def test_a_free_bar_or_a_16th_fill_is_not_said_to_jump(tmp_path, sections, bpm, seed):
    content = read_feel_take(tmp_path, sections, bpm, seed)
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert not any(SAID in w for w in content.warnings), content.warnings


def test_triplets_after_straight_8ths_fit_their_grid_where_a_jump_s_8ths_do_not():
    """30 s of straight 8ths at 100 BPM, then 30 s of 8th triplets at 100 (a reviewer's case), or of 8ths at 125
    read at 100 (a jump): only the jump leaves every grid."""
    bpm = 100.0
    straight = np.arange(0, 50, 0.5)  # beats: 30 s
    for later, said in ((np.arange(50, 100, 1 / 3), False), (50 + np.arange(0, 62.5, 0.5) * bpm / 125.0, True)):
        beats = np.concatenate([straight, later])
        stretch = off_grid_stretch(beats * 60 / bpm, np.ones_like(beats), beats)
        assert (stretch is not None) == said
        if said:
            assert stretch[0] <= 30.0 and stretch[1] >= 54.0  # the later 30 s, within a window
