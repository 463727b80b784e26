"""A funk guitar whose open stabs push (on the "and" of 2 and 3) between ghost scratches (short muted noise bursts):
bar 1 where the take starts, on its first stab, not two and a half beats later.

Before: every line and 8th is played, the louder notes sat half a beat over the beat lines, and the take was read
on the offbeat grid: a 100 BPM take opening at 0.40 s had its bar 1 at 1.90 s, its first bar's 6 notes left out
"before bar 1" and the drums a beat and a half off the guitar from there on; one led in by a ghost scratch on the
"and" of 4 the same (its soft scratch, not its first stab, was where the take started). Of 10 other rendered takes
whose stabs push (92-110 BPM, other seeds), 2 had bar 1 right, 10 now. The takes are rendered at 22.05 kHz.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, _lowpass, _pluck, _room

from reagroove.core.audio import read_audio

SR = 22050
LEAD_S = 0.4


def pushed_funk(bpm: float, stabs, scratches, *, bars: int = 10, seed: int = 1, pickup=()) -> np.ndarray:
    """From bar 1 at LEAD_S: an open chord stab (five strings 2-5 ms apart, ringing 180 ms) on the 16th steps in
    `stabs`, a muted scratch (10 ms of band-passed noise, 9 dB softer) on those in `scratches`; 4 ms of jitter.
    `pickup`: steps of the bar before bar 1 scratched (a lead-in of ghost notes; those before 0 s are not heard)."""
    rng = np.random.default_rng(seed)
    step = 15.0 / bpm
    out = np.zeros(int((LEAD_S + bars * 16 * step + 1.5) * SR))
    steps = [s - 16 for s in pickup] + [b * 16 + s for b in range(bars) for s in sorted(set(stabs) | set(scratches))]
    for k in steps:
        t0 = LEAD_S + k * step + rng.normal(0, 0.004)
        if t0 < 0:
            continue
        down = k % 2 == 0
        if k % 16 in stabs and k >= 0:
            gap = rng.uniform(0.002, 0.005)
            for i, p in enumerate((52, 57, 60, 64, 67) if down else (67, 64, 60, 57, 52)):
                y = _pluck(SR, rng, float(_hz(p)), length_s=0.25)[: int(0.18 * SR)]
                y = y * np.minimum(1.0, (len(y) - np.arange(len(y))) / (0.005 * SR))
                s = int((t0 + i * gap) * SR)
                out[s : s + len(y)] += y[: len(out) - s] * (1.0 if down else 0.85)
        else:
            x = rng.standard_normal(int(0.06 * SR))
            x = (_lowpass(x, SR, 5000.0) - _lowpass(x, SR, 800.0)) * np.exp(-np.arange(len(x)) / SR / 0.010)
            s = int(t0 * SR)
            out[s : s + len(x)] += x[: len(out) - s] * 0.35 * (1.0 if down else 0.8)
    out = _room(out, SR, rng, 0.08, -60.0)
    return (out / np.abs(out).max() * 0.9).astype(np.float32)


@pytest.mark.parametrize("bpm,stabs,scratches,seed,pickup", [
    (100.0, (0, 6, 10), (2, 3, 4, 8, 12, 14), 1, ()),
    (96.0, (0, 3, 10), (1, 2, 4, 5, 6, 8, 12, 13, 14), 1, ()),
    (95.0, (0, 3, 6, 10), (2, 4, 8, 12, 14), 2, ()),
    (100.0, (0, 6, 10), (2, 3, 4, 8, 12, 14), 2, (12, 14)),  # a ghost scratch on the "and" of 4 leads in
])
def test_a_funk_take_with_pushed_stabs_starts_bar_1_on_its_first_stab(tmp_path, bpm, stabs, scratches, seed, pickup):
    path = tmp_path / "funk.wav"
    sf.write(path, pushed_funk(bpm, stabs, scratches, seed=seed, pickup=pickup), SR, subtype="PCM_16")
    got = read_audio(path)
    assert [t for _, t in got.tempos] == [pytest.approx(bpm, rel=0.01)]
    assert got.start_s == pytest.approx(LEAD_S, abs=0.02), got.warnings  # not on the push 2.5 beats later
    left_out = [w.split(" before bar 1")[0] for w in got.warnings if "before bar 1" in w]
    assert left_out == (["1 onset"] if pickup else [])  # the take's first bar is drummed: only a lead-in is not
    # bar 1 reads as the others do: its notes on the same 16ths as bar 2's
    steps = np.round((got.notes.start - got.time_signatures[0][0]) * 4).astype(int)
    assert set(steps[steps < 16]) == {s - 16 for s in steps[(steps >= 16) & (steps < 32)]}


@pytest.mark.parametrize("bpm,stabs,scratches", [(104.0, (0, 4, 7, 10, 12, 15), (1, 2, 3, 5, 6, 8, 9, 11, 13, 14)),
                                                 (108.0, (0, 7, 12), (2, 4, 6, 8, 10, 14, 15))])
def test_a_funk_take_with_stabs_on_its_beats_keeps_bar_1_on_its_start(tmp_path, bpm, stabs, scratches):
    path = tmp_path / "funk.wav"
    sf.write(path, pushed_funk(bpm, stabs, scratches, seed=2), SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.start_s == pytest.approx(LEAD_S, abs=0.02)
