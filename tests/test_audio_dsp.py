"""core/audio_dsp.py: the mel and chroma filterbanks and the beat tracker the audio reader uses instead of
importing librosa (10-15 s of numba compiling in every process)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from reagroove.core.audio_dsp import (chroma_filterbank, hz_to_mel, mel_filterbank, mel_frequencies, mel_to_hz,
                                      savgol_smooth, track_beats)

SR, HOP = 22050, 256
FPS = SR / HOP


def sine_spectrum(hz: float, sr: int = SR, n_fft: int = 2048) -> np.ndarray:
    t = np.arange(n_fft) / sr
    return np.abs(np.fft.rfft(np.hanning(n_fft) * np.sin(2 * np.pi * hz * t))) ** 2


def test_the_mel_scale_is_slaney_s_linear_below_1_khz_and_logarithmic_above():
    assert hz_to_mel(1000.0) == pytest.approx(15.0)
    assert hz_to_mel(500.0) == pytest.approx(7.5)
    assert hz_to_mel(2000.0) == pytest.approx(15.0 + 27 * np.log(2) / np.log(6.4))
    hz = np.array([0.0, 30.0, 440.0, 999.0, 1000.0, 3000.0, 11025.0])
    assert np.allclose(mel_to_hz(hz_to_mel(hz)), hz)
    centres = mel_frequencies(42, fmin=30.0, fmax=8000.0)
    assert centres[0] == pytest.approx(30.0) and centres[-1] == pytest.approx(8000.0)
    assert np.allclose(np.diff(hz_to_mel(centres)), np.diff(hz_to_mel(centres))[0])  # evenly spaced in mels


@pytest.mark.parametrize("sr,n_fft,n_mels", [(22050, 2048, 40), (44100, 4096, 64), (8000, 512, 16)])
def test_a_sine_at_a_mel_band_s_centre_lands_in_that_band(sr, n_fft, n_mels):
    fmax = min(8000.0, sr / 2)
    bank = mel_filterbank(sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=30.0, fmax=fmax)
    assert bank.shape == (n_mels, 1 + n_fft // 2) and bank.dtype == np.float32
    assert bank.min() >= 0 and bank.max() <= 1
    centres = mel_frequencies(n_mels + 2, fmin=30.0, fmax=fmax)[1:-1]
    freqs = np.fft.rfftfreq(n_fft, 1 / sr)
    for band in range(n_mels):
        # a triangle: nothing outside the neighbouring centres, rising then falling
        edges = mel_frequencies(n_mels + 2, fmin=30.0, fmax=fmax)[[band, band + 2]]
        assert not bank[band, (freqs <= edges[0]) | (freqs >= edges[1])].any()
        if (freqs > edges[0]).sum() - (freqs >= edges[1]).sum() >= 3:  # bands wider than a bin or two
            response = bank @ sine_spectrum(centres[band], sr, n_fft)
            assert int(np.argmax(response)) == band


def test_chroma_puts_each_note_of_an_octave_in_its_own_pitch_class():
    bank = chroma_filterbank(sr=SR, n_fft=4096)
    assert bank.shape == (12, 2049) and bank.dtype == np.float32 and bank.min() >= 0
    for pitch_class in range(12):
        hz = 440.0 * 2 ** ((pitch_class - 9) / 12)  # C4 .. B4
        assert int(np.argmax(bank @ sine_spectrum(hz, n_fft=4096))) == pitch_class
    # octave 5 is weighed most, octaves far from it least
    a = [float((bank @ sine_spectrum(440.0 * 2 ** o, n_fft=4096))[9]) for o in (-3, 0, 1, 3)]
    assert a[0] < a[1] and a[3] < a[2]


def clicks(times_s, n_frames, rng=None, noise=0.0):
    env = np.zeros(n_frames)
    for t in times_s:
        f = int(round(t * FPS))
        if 0 <= f < n_frames:
            env[f] += 1.0
    if noise:
        env += noise * rng.random(n_frames)
    return env


def nearest_errors(beats, times):
    """Each beat's distance (s) to the nearest note, for the beats within the part (the noise around it may
    carry beats of its own: librosa's tracker, untrimmed, runs through the whole envelope)."""
    times = np.asarray(times)
    half = float(np.median(np.diff(times))) / 2
    inside = beats[(beats > times[0] - half) & (beats < times[-1] + half)]
    return np.array([np.min(np.abs(times - b)) for b in inside])


@pytest.mark.parametrize("bpm", [72.0, 100.0, 143.0])
def test_beats_land_on_a_steady_part_s_beats_one_each(bpm):
    rng = np.random.default_rng(int(bpm))
    period = 60.0 / bpm
    times = 1.0 + period * np.arange(40) + rng.normal(0, 0.008, 40)  # a played part: 8 ms of jitter
    env = clicks(times, int((times[-1] + 1.0) * FPS), rng, noise=0.05)
    # off-beat notes, softer: the tracker holds the beat, not every note
    env += 0.4 * clicks(times[:-1] + period / 2, len(env))
    beats = track_beats(env, sr=SR, hop_length=HOP, bpm=bpm, tightness=400.0)
    errors = nearest_errors(beats, times)  # the first and last beat may lean toward the noise around the part
    assert len(errors) == len(times) and np.max(errors[1:-1]) < 0.03
    inside = beats[(beats > times[0] - period / 2) & (beats < times[-1] + period / 2)]
    assert np.allclose(np.diff(inside[1:-1]), period, atol=0.04)


def test_beats_follow_a_part_that_speeds_up_given_a_tempo_per_frame():
    bpm = np.linspace(90.0, 125.0, 48)  # per beat: a take speeding up far
    times = 0.5 + np.concatenate([[0.0], np.cumsum(60.0 / bpm[:-1])])
    n = int((times[-1] + 1.0) * FPS)
    per_frame = np.interp(np.arange(n) / FPS, times, bpm)
    env = clicks(times, n, np.random.default_rng(0), noise=0.05)
    beats = track_beats(env, sr=SR, hop_length=HOP, bpm=per_frame, tightness=400.0)
    errors = nearest_errors(beats, times)
    assert np.max(errors[1:-1]) < 0.03 and len(errors) >= len(times) - 1
    at_one_tempo = track_beats(env, sr=SR, hop_length=HOP, bpm=float(np.mean(bpm)), tightness=400.0)
    assert np.max(nearest_errors(at_one_tempo, times)[1:-1]) > 0.1  # held to one tempo, it loses the beat


def test_no_beats_in_the_silence_before_and_after_a_part():
    times = 5.0 + 0.6 * np.arange(20)
    env = clicks(times, int(25.0 * FPS))
    beats = track_beats(env, sr=SR, hop_length=HOP, bpm=100.0, tightness=400.0)
    assert beats.min() > 4.0 and beats.max() < times[-1] + 1.0


def test_silence_has_no_beats_and_a_tempo_must_be_positive_and_fit_the_frames():
    assert len(track_beats(np.zeros(500), sr=SR, hop_length=HOP, bpm=100.0, tightness=400.0)) == 0
    env = clicks(0.6 * np.arange(10), 600)
    with pytest.raises(ValueError, match="bpm"):
        track_beats(env, sr=SR, hop_length=HOP, bpm=0.0, tightness=400.0)
    with pytest.raises(ValueError, match="bpm"):
        track_beats(env, sr=SR, hop_length=HOP, bpm=np.r_[np.full(599, 100.0), np.nan], tightness=400.0)
    with pytest.raises(ValueError, match="600 frames"):
        track_beats(env, sr=SR, hop_length=HOP, bpm=np.full(7, 100.0), tightness=400.0)


def test_smoothing_matches_scipy_s_savitzky_golay_and_keeps_a_smooth_drift_as_it_is():
    from scipy.signal import savgol_filter

    rng = np.random.default_rng(3)
    for n in (17, 18, 40, 333):
        y = np.cumsum(rng.uniform(0.4, 0.7, n)) + rng.normal(0, 0.01, n)
        assert np.allclose(savgol_smooth(y, 17, 2), savgol_filter(y, 17, 2, mode="interp"), atol=1e-9)
    k = np.arange(60.0)
    drift = 0.5 + 0.6 * k - 0.001 * k**2  # beats of a take slowing down: a quadratic is kept exactly
    assert np.allclose(savgol_smooth(drift, 17, 2), drift, atol=1e-9)


def test_reading_audio_imports_neither_librosa_nor_numba(tmp_path):
    """What made every audio command and every REAPER action on an audio item 10-15 s slower than now."""
    import soundfile as sf

    from audio_synth import make_part

    path = tmp_path / "take.wav"
    sf.write(path, make_part("bass", 100.0, seconds=24.0, seed=1, bpm_end=106.0)[0], SR)  # drifting: the tracker runs
    code = ("import sys; from reagroove.core.audio import read_audio; from reagroove.core import audio_drift; "
            "calls = []; real = audio_drift._tracked; "
            "audio_drift._tracked = lambda *a: calls.append(1) or real(*a); read_audio(sys.argv[1]); "
            "print(len(calls), [m for m in ('librosa', 'numba', 'scipy.signal') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
    tracked, imported = out.split(" ", 1)
    assert int(tracked) >= 1 and imported.strip() == "[]"


def test_a_click_on_every_beat_gets_a_beat_on_every_click_to_the_frame():
    frames = 100 + 52 * np.arange(30)  # 52 frames a beat: 99.4 BPM
    env = np.zeros(frames[-1] + 300)
    env[frames] = 1.0
    bpm = FPS * 60 / 52
    beats = track_beats(env, sr=SR, hop_length=HOP, bpm=bpm, tightness=400.0)
    # every click a beat, to the frame; as librosa's, the untrimmed tracker adds one beat either side, where the
    # onset strength smoothed over a beat is still (barely) above zero
    assert np.array_equal(beats[1:-1], frames * HOP / SR)
    assert np.allclose([frames[0] - beats[0] * FPS, beats[-1] * FPS - frames[-1]], 52, atol=3)
    # a tempo per frame, here the same all along, gives the same beats
    assert np.array_equal(track_beats(env, sr=SR, hop_length=HOP, bpm=np.full(len(env), bpm), tightness=400.0), beats)
