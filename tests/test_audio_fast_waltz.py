"""A fast waltz (150-200 BPM) read at its own tempo: its chords change every bar, so a reading at half its tempo,
whose bars hold two chords changing on the "and" of 2, is not taken (core/audio_bar_chords.py)."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _pluck, make_part, render_notes
from scipy.signal import fftconvolve, lfilter

from reagroove.core.audio import read_audio

SR = 22050


def _hz(midi):
    return float(440.0 * 2 ** ((midi - 69) / 12))


def _read(tmp_path, audio, name="w.wav"):
    path = tmp_path / name
    sf.write(path, audio, SR)
    return read_audio(path)


def _meter(content):
    return [(n, d) for _, n, d in content.time_signatures]


# Each was read in 3/4 (or 6/8) at half its tempo: a drum bar held two of the waltz's bars.
@pytest.mark.parametrize("kind,bpm,seed",
                         [("keys", 180.0, 0), ("strum", 170.0, 0), ("bass", 150.0, 0), ("band", 200.0, 0)])
def test_a_fast_waltz_is_read_in_3_4_at_its_own_tempo_with_bar_1_on_its_downbeat(tmp_path, kind, bpm, seed):
    audio, downbeat = make_part(kind, bpm, seed=seed, seconds=24.0, beats_per_bar=3)
    content = _read(tmp_path, audio)
    assert _meter(content) == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
    assert any(f"tempo {content.tempos[0][1]:.2f} BPM" in w and "3/4 time" in w for w in content.warnings)


def test_a_waltz_s_chords_tell_its_tempo_octave_fast_or_slow(tmp_path):
    """The same parts at 180 and at 90: each keeps a chord through its bar, so each reads at its own tempo (the
    slow one is not doubled: its bars' halves hold one chord)."""
    for bpm, seed in ((180.0, 1), (90.0, 0)):
        audio, downbeat = make_part("keys", bpm, seed=seed, seconds=24.0, beats_per_bar=3)
        content = _read(tmp_path, audio, f"keys{bpm:.0f}.wav")
        assert _meter(content) == [(3, 4)]
        assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
        assert content.start_s == pytest.approx(downbeat, abs=0.04)
    for bpm, seed in ((75.0, 1), (90.0, 1)):  # bass lines of roots: their chords say little; read as before
        audio, _ = make_part("bass", bpm, seed=seed, seconds=24.0, beats_per_bar=3)
        content = _read(tmp_path, audio, f"bass{bpm:.0f}.wav")
        assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)


CHORDS = ([40, 47, 52, 56, 59, 64], [48, 52, 55, 60, 64], [43, 47, 50, 55, 59, 67], [50, 57, 62, 66])  # E C G D


def _oom_pah_pah(bpm, bars=32, lead_s=0.4):
    """A fast waltz as a band plays it: a bass root on 1 and 3, guitar strums on 2 and 3, a chord a bar."""
    beat = 60.0 / bpm
    rng = np.random.default_rng(0)
    notes = []
    for bar in range(bars):
        chord = CHORDS[bar % 4]
        root = chord[0] - 12 if chord[0] >= 45 else chord[0]
        t0 = lead_s + bar * 3 * beat
        notes.append((t0, 1.0, "bass", [_hz(root)], 0.9 * beat, True))
        notes.append((t0 + 2 * beat, 0.85, "bass", [_hz(root)], 0.9 * beat, True))
        for k in (1, 2):
            notes.append((t0 + k * beat + rng.normal(0.0, 0.004), 0.8, "strum", [_hz(m) for m in chord], beat, True))
    return render_notes(notes, sr=SR, duration_s=lead_s + bars * 3 * beat + 1.5), lead_s


def test_an_oom_pah_pah_waltz_at_190_is_read_at_190(tmp_path):
    """It was read in 3/4 at 95: each drum bar two of its bars, the second's downbeat on the "and" of 2."""
    audio, downbeat = _oom_pah_pah(190.0)
    content = _read(tmp_path, audio)
    assert _meter(content) == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(190.0, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)


def _plucked_waltz(bpm, bars=32, lead_s=0.4, seed=190):
    """The same waltz with a plucked bass (its harmonics dying fast: a low root's attack is faint) and strings
    plucked one by one, in a small room."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    out = np.zeros(int((lead_s + bars * 3 * beat + 2.0) * SR))

    def add(x, t0, gain):
        s = int(round(t0 * SR))
        x = x[: len(out) - s]
        out[s : s + len(x)] += gain * x

    def bass(f, length, vel):
        t = np.arange(int((length + 0.03) * SR)) / SR
        x = sum(np.sin(2 * np.pi * f * k * t) / k * np.exp(-t * (0.8 + 0.9 * k)) for k in range(1, 16) if f * k <= 5000)
        return x * np.minimum(t / 0.002, 1) * np.exp(-t / 1.2) * np.clip((length + 0.03 - t) / 0.03, 0, 1) * vel ** 2

    def strum(chord):
        x, gap = np.zeros(int((beat + 0.1) * SR)), rng.uniform(0.007, 0.014)
        for i, m in enumerate(chord):
            y = _pluck(SR, rng, _hz(m), length_s=beat + 0.05)[: len(x) - int(i * gap * SR)]
            x[int(i * gap * SR) : int(i * gap * SR) + len(y)] += 0.8 * y
        return x / len(chord) * 2

    for bar in range(bars):
        chord = CHORDS[bar % 4]
        root = chord[0] - 12 if chord[0] >= 45 else chord[0]
        t0 = lead_s + bar * 3 * beat
        add(bass(_hz(root), 0.9 * beat, 1.0), t0, 0.9)
        add(bass(_hz(root), 0.9 * beat, 0.8), t0 + 2 * beat, 0.9)
        add(strum(chord), t0 + beat, 0.5)
        add(strum(chord), t0 + 2 * beat, 0.5)
    n = int(0.8 * SR)
    room = lfilter([0.4], [1, -0.6], rng.standard_normal(n) * np.exp(-np.arange(n) / SR / (0.8 / 6.9)))
    out = out + fftconvolve(out, room * 0.48 / np.sqrt(np.sum(room**2)))[: len(out)]
    return (out / np.abs(out).max() * 0.7).astype(np.float32), lead_s


def test_a_fast_waltz_counted_one_beat_a_bar_is_read_at_its_tempo(tmp_path):
    """At 200 BPM this waltz's bar (0.9 s) passed for a beat of 66.5 BPM: it was drummed in 4/4 at 66.5, four of its
    bars to a drum bar (at 100 its bar of three showed too faintly to be taken). Its chords change every 3 beats."""
    audio, downbeat = _plucked_waltz(200.0)
    content = _read(tmp_path, audio)
    assert _meter(content) == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(200.0, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
