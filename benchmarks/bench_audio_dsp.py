"""core/audio_dsp.py against librosa, which it replaces: same results, and what each costs.

Compares, when librosa is installed (`.venv/bin/pip install librosa`; ReaGroove itself no longer needs it):
- the mel filterbank (norm=None), the mel band centres and the chroma filterbank over sample rates 8-96 kHz,
  FFT sizes 256-4096 and 16-64 mel bands: identical arrays, or not;
- the beat tracker (librosa.beat.beat_track(onset_envelope=, sr=, hop_length=, bpm=, tightness=400,
  trim=False, units="time")) on random onset envelopes (plain, click trains with jitter, silent ends, many
  ties), at one tempo and at a tempo per frame, and on the onset envelopes of rendered band takes
  (tests/audio_synth.py): how many give identical beats;
and prints the time of `import librosa.beat` in a fresh process (what every audio command paid) and each
tracker's total time.

Run: python benchmarks/bench_audio_dsp.py [--envelopes 300] [--takes 6]
Writes nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def random_envelope(rng: np.random.Generator, kind: int) -> np.ndarray:
    n = int(rng.integers(50, 6000))
    env = rng.random(n) ** 4
    if kind == 1:  # a click train with jitter over a little noise
        period = rng.uniform(20, 80)
        env = 0.05 * rng.random(n)
        for t in np.arange(rng.uniform(0, period), n, period):
            env[min(n - 1, int(t + rng.normal(0, 2)))] += rng.uniform(0.5, 2)
    elif kind == 2:  # silent ends
        env[: rng.integers(0, n // 3)] = 0
        env[n - rng.integers(0, n // 3):] = 0
    elif kind == 3:  # few distinct values: ties in the dynamic program
        env = np.round(env * 4) / 4
    return env


def take_envelopes(count: int) -> list[tuple[np.ndarray, int, int, float]]:
    """(flux, sample rate, hop, estimated tempo) of rendered band takes, as read_audio computes them."""
    import soundfile as sf
    from audio_synth import make_part

    from reagroove.core.audio_envelope import onset_envelope

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            bpm = 70.0 + 110.0 * i / max(1, count - 1)
            path = Path(tmp) / f"take{i}.wav"
            sf.write(path, make_part("band", bpm, seconds=30.0, seed=i)[0], 22050)
            env = onset_envelope(path)
            out.append((env.flux.astype(np.float64), env.sample_rate, env.hop, bpm))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envelopes", type=int, default=300, help="random onset envelopes (default 300)")
    parser.add_argument("--takes", type=int, default=6, help="rendered band takes at 70-180 BPM (default 6)")
    args = parser.parse_args()
    try:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import librosa.beat"], check=True, capture_output=True)  # (its
        # traceback where librosa is missing: said below in one line)
        import_s = time.perf_counter() - t0
        import librosa
        import librosa.beat
        import librosa.filters
    except (ImportError, subprocess.CalledProcessError):
        sys.exit("bench_audio_dsp: librosa is not installed (.venv/bin/pip install librosa): nothing to compare")
    from reagroove.core import audio_dsp

    same = total = 0
    for sr in (8000, 11025, 16000, 22050, 44100, 48000, 96000):
        for n_fft in (256, 512, 1024, 2048, 4096):
            fmax = min(8000.0, sr / 2)
            for n_mels in (16, 40, 64):
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")  # librosa's empty-filter warning at small FFT sizes
                    a = librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=min(30.0, fmax / 4), fmax=fmax, norm=None)
                    b = audio_dsp.mel_filterbank(sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=min(30.0, fmax / 4), fmax=fmax)
                c = librosa.mel_frequencies(n_mels=n_mels, fmin=30.0, fmax=fmax)
                d = audio_dsp.mel_frequencies(n_mels, fmin=30.0, fmax=fmax)
                same += int(a.dtype == b.dtype and np.array_equal(a, b) and np.array_equal(c, d))
                total += 1
            same += int(np.array_equal(librosa.filters.chroma(sr=sr, n_fft=n_fft), audio_dsp.chroma_filterbank(sr=sr, n_fft=n_fft)))
            total += 1
    print(f"filterbanks: {same} of {total} identical")

    rng = np.random.default_rng(0)
    cases = []
    for i in range(args.envelopes):
        env = random_envelope(rng, i % 4)
        hop = int(rng.choice([128, 256, 512]))
        bpm = rng.uniform(50, 200) if i % 3 else np.exp(np.linspace(np.log(rng.uniform(60, 120)), np.log(rng.uniform(60, 180)), len(env)))
        cases.append((env, 22050, hop, bpm))
    cases += take_envelopes(args.takes)
    same, t_librosa, t_numpy = 0, 0.0, 0.0
    for env, sr, hop, bpm in cases:
        t0 = time.perf_counter()
        _, a = librosa.beat.beat_track(onset_envelope=env, sr=sr, hop_length=hop, bpm=bpm, tightness=400.0, trim=False, units="time")
        t1 = time.perf_counter()
        b = audio_dsp.track_beats(env, sr=sr, hop_length=hop, bpm=bpm, tightness=400.0)
        t_librosa += t1 - t0
        t_numpy += time.perf_counter() - t1
        same += int(np.array_equal(a, b))
    print(f"beat tracker: {same} of {len(cases)} envelopes give identical beats "
          f"({args.envelopes} random, {args.takes} rendered takes)")
    print(f"time: import librosa.beat {import_s:.1f} s in a fresh process; tracking all of them "
          f"librosa {t_librosa:.2f} s, audio_dsp {t_numpy:.2f} s")


if __name__ == "__main__":
    main()
