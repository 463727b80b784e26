"""Slow takes in three (a 60 BPM waltz, a slow 6/8 on the piano) read in bars of three quarter notes at their
tempo: their 3/4 reading at 3/4 of the 4/4 reading's tempo is taken when the octave above it, nearer the tempo
prior, shows no bar of three (core/audio_meter.py `beats_per_bar`)."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part
from scipy.signal import fftconvolve, lfilter

from reagroove.core.audio import read_audio

SR = 22050
CHORDS = ([40, 47, 52, 56, 59, 64], [48, 52, 55, 60, 64], [43, 47, 50, 55, 59, 67], [50, 57, 62, 66])  # E C G D


def _quarters_a_bar(content):
    (_, n, d), = content.time_signatures
    return n * 4 // d


# Each was read in 4/4 at 80 BPM: four of its beats a drum bar, the drums' bar lines across its bars.
@pytest.mark.parametrize("kind,seed", [("keys", 0), ("band", 0), ("mix", 1)])
def test_a_60_bpm_waltz_is_read_in_3_4_at_60(tmp_path, kind, seed):
    audio, downbeat = make_part(kind, 60.0, seed=seed, seconds=24.0, beats_per_bar=3)
    path = tmp_path / "w.wav"
    sf.write(path, audio, SR)
    content = read_audio(path)
    assert [(n, d) for _, n, d in content.time_signatures] == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(60.0, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)


def _piano_note(f, length, vel):
    """A piano-like note: slightly stretched partials dying faster the higher, a hammer's knock, held `length` s."""
    n = int((length + 0.15) * SR)
    t = np.arange(n) / SR
    partials = sum(np.sin(2 * np.pi * f * k * np.sqrt(1 + 0.0004 * k * k) * t) / k**1.3
                   * np.exp(-t * (0.5 + 0.25 * k + 0.2 * vel * k)) for k in range(1, 14) if f * k < 8000)
    knock = lfilter([0.3], [1, -0.7], np.random.default_rng(int(f * 100) % 1000).standard_normal(n))
    knock *= np.exp(-t / 0.004)
    held = np.where(t < length, 1.0, np.exp(-(t - length) / 0.05))
    return (partials * np.minimum(t / 0.003, 1) + 0.2 * knock) * held * vel**1.6


def _slow_six_eight(bpm, bars=10, lead_s=0.5, seed=25):
    """A slow 6/8 on the piano, pedal down through each bar: the left hand's octave on the dotted beats, chords
    on the other 8ths, a chord a bar. `bpm` counts quarter notes (70: 46.7 dotted quarters a minute)."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    out = np.zeros(int((lead_s + bars * 3 * beat + 2.0) * SR))
    for bar in range(bars):
        chord = CHORDS[bar % 4]
        root = chord[0] - 12 if chord[0] >= 45 else chord[0]
        for eighth in range(6):
            p = eighth / 2  # quarter notes into the bar
            left = eighth % 3 == 0
            pitches = [root + 12, root + 24] if left else [m + 12 for m in chord[-3:]]
            vel = (0.9 if eighth == 0 else 0.75) if left else (0.6 if eighth % 2 else 0.7)
            s = int(round((lead_s + (bar * 3 + p) * beat) * SR))
            for m in pitches:
                x = _piano_note(440.0 * 2 ** ((m - 69) / 12), (3 - p) * beat, vel)[: len(out) - s]
                out[s : s + len(x)] += 0.35 * x
    n = int(0.8 * SR)
    room = lfilter([0.4], [1, -0.6], rng.standard_normal(n) * np.exp(-np.arange(n) / SR / (0.8 / 6.9)))
    out = out + fftconvolve(out, room * 0.48 / np.sqrt(np.sum(room**2)))[: len(out)]
    return (out / np.abs(out).max() * 0.7).astype(np.float32), lead_s


def test_a_slow_6_8_on_the_piano_is_read_in_bars_of_its_length_at_its_tempo(tmp_path):
    """It was read in 4/4 at 93 BPM (4/3 of its tempo): a drum bar as long as its bar but its beats between the
    8ths. Now bars of three quarter notes at 70 from its downbeat (in 3/4: its 8ths' accents in threes show too
    faintly for 6/8)."""
    audio, downbeat = _slow_six_eight(70.0)
    path = tmp_path / "six_eight.wav"
    sf.write(path, audio, SR)
    content = read_audio(path)
    assert _quarters_a_bar(content) == 3
    assert content.tempos[0][1] == pytest.approx(70.0, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
