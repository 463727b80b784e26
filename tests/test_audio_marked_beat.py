"""A slow ballad's arpeggio (every 16th at 52-58 BPM) read at its own tempo: its bass notes and accents every fourth
note mark the beat, so the reading at twice it, where they fall on every other beat line, is not taken
(core/audio_marked_beat.py). The same notes as 8ths at 104-120 BPM, a bass note on every beat, keep their tempo."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import render_notes

from reagroove.core.audio import read_audio

SR = 22050
CHORDS = ([0, 4, 7], [5, 9, 12], [7, 11, 14], [9, 12, 16])  # I IV V vi over the key


def _hz(midi):
    return float(440.0 * 2 ** ((midi - 69) / 12))


def arpeggio(tmp_path, bpm, seed, per_beat, timbre="keys", bars=8):
    """(path, bar 1 s): `per_beat` notes a beat (4: 16ths, 2: 8ths) up a chord and back, a bass root on every beat,
    the beat's note accented, a chord a bar, 6 ms of jitter."""
    rng = np.random.default_rng(seed)
    key, lead = int(rng.integers(0, 12)), float(rng.uniform(0.2, 1.5))
    step = 60.0 / bpm / per_beat
    order = [0, 1, 2, 1] if seed % 2 else [0, 1, 2, 3]
    notes = []
    for bar in range(bars):
        chord = CHORDS[(bar + seed) % 4]
        pitches = [60 + key + c for c in chord] + [72 + key]
        for k in range(4 * per_beat):
            t = lead + (bar * 4 * per_beat + k) * step + rng.normal(0, 0.006)
            vel = 0.9 if k == 0 else 0.8 if k % per_beat == 0 else 0.6
            notes.append((t, vel, timbre, [_hz(pitches[order[k % 4]])], 1.5 * step, True))
            if k % per_beat == 0:
                notes.append((t, vel, "bass", [_hz(36 + (key + chord[0]) % 12)], 0.95 * 60.0 / bpm, True))
    path = tmp_path / f"arp {bpm:g} {per_beat} {seed}.wav"
    sf.write(path, render_notes(notes, sr=SR, duration_s=lead + bars * 4 * per_beat * step + 1.0, seed=seed), SR)
    return path, lead


# Each was read at twice its tempo: 104, 107.6, 114.9 BPM, the drums in double time.
@pytest.mark.parametrize("bpm,seed,timbre", [(52.0, 0, "keys"), (53.8, 1, "strum"), (57.5, 3, "strum")])
def test_a_slow_arpeggio_in_16ths_is_read_at_its_own_tempo(tmp_path, bpm, seed, timbre):
    path, bar1 = arpeggio(tmp_path, bpm, seed, per_beat=4, timbre=timbre)
    content = read_audio(path)
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(bar1, abs=0.04)


@pytest.mark.parametrize("bpm,seed,timbre", [(104.0, 0, "keys"), (118.5, 4, "keys"), (133.0, 8, "strum")])
def test_the_same_arpeggio_in_8ths_with_a_bass_note_on_every_beat_keeps_its_tempo(tmp_path, bpm, seed, timbre):
    path, bar1 = arpeggio(tmp_path, bpm, seed, per_beat=2, timbre=timbre)
    content = read_audio(path)
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(bar1, abs=0.04)
