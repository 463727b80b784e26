"""Count-ins as producers record them: a waltz's 3 or 6 clicks, and a count-in whose last click carries the band's
pickup (on the last count, or an 8th after it). Before, only 4 or 8 clicks in 4/4 with nothing on them were left
out: these takes got drums on the clicks and bar 1 a bar early (or on the pickup)."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, _tick, make_part, render_notes, with_count_in

from reagroove.core.audio import read_audio

SR = 22050


def _clicks(audio, first_s, bpm, n, seed=0):
    """`audio` with `n` metronome clicks, one a beat, the last a beat before `first_s` (beat 1 accented every 3)."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    times = first_s - beat * np.arange(n, 0, -1)
    pad = int(round(max(0.0, 0.3 - times[0]) * SR))
    out = np.concatenate([np.zeros(pad), np.asarray(audio, np.float64)])
    for k, t in enumerate(times + pad / SR):
        tick = _tick(SR, rng, "click", k % 3 == 0) * 0.5 * (1.0 if k % 3 == 0 else 0.8)
        s = int(round(t * SR))
        out[s : s + len(tick)] += tick[: len(out) - s]
    return np.clip(out, -1, 1).astype(np.float32), pad / SR


def _waltz(bpm, seed, bars=10):
    """Oom-pah-pah: a held bass root on 1, a keys chord on 2 and 3; returns (audio, bar 1 s, note times)."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    start = 0.5
    notes = []
    for bar in range(bars):
        root = 36 + int(rng.choice([0, 5, 7, 9]))
        t0 = start + 3 * bar * beat
        notes.append((t0 + rng.normal(0, 0.005), 0.9, "bass", [float(_hz(root - 12))], 3 * beat, True))
        for k in (1, 2):
            notes.append((t0 + k * beat + rng.normal(0, 0.005), 0.7, "keys", list(_hz([root + 12, root + 16, root + 19])), 0.9 * beat, True))
    audio = render_notes(notes, sr=SR, duration_s=start + 3 * bars * beat + 1.0, seed=seed)
    return audio, notes[0][0], np.array(sorted(n[0] for n in notes))


def _said(got):
    return [w for w in got.warnings if "count-in" in w]


@pytest.mark.parametrize("clicks,bpm", [(3, 120), (6, 100)])
def test_a_waltz_count_in_is_left_out_and_bar_1_is_the_parts_first_note(tmp_path, clicks, bpm):
    audio, first, truth = _waltz(bpm, seed=clicks)
    take, shift = _clicks(audio, first, bpm, clicks)
    path = tmp_path / "waltz.wav"
    sf.write(path, take, SR, subtype="PCM_16")
    got = read_audio(path)
    assert abs(got.start_s - (first + shift)) < 0.03, f"bar 1 at {got.start_s:.3f} s, the waltz comes in at {first + shift:.3f} s"
    assert got.onsets.times.min() > first + shift - 0.03  # no click is a note of the groove
    said = _said(got)
    assert len(said) == 1 and f"{clicks} clicks" in said[0]


@pytest.mark.parametrize("kind,bpm,pickup", [("bass", 100, "on"), ("keys", 90, "on"), ("bass", 110, "after")])
def test_a_count_in_whose_last_click_carries_a_pickup_is_left_out(tmp_path, kind, bpm, pickup):
    # The band comes in on the last count (make_part's pickup on beat 4), or an 8th after it.
    audio, downbeat, notes = make_part(kind, bpm, first_beat=4 if pickup == "on" else 1, lead_s=1.0, seed=5, sr=SR,
                                       with_notes=True)
    beat = 60.0 / bpm
    if pickup == "after":  # a bass note on the "and" of the count's 4
        extra = render_notes([(downbeat - beat / 2, 0.8, "bass", [float(_hz(40))], beat / 2, True)], sr=SR,
                             duration_s=len(audio) / SR, noise_db=None, reverb=0.0, seed=9)
        audio = np.clip(audio + 0.6 * extra[: len(audio)], -1, 1)
    take, shift = with_count_in(audio, downbeat, bpm, sr=SR)
    path = tmp_path / "pickup.wav"
    sf.write(path, take, SR, subtype="PCM_16")
    got = read_audio(path)
    bar1 = downbeat + shift
    assert abs(got.start_s - bar1) < 0.03, f"bar 1 at {got.start_s:.3f} s, the part's bar 1 at {bar1:.3f} s"
    clicks = bar1 - beat * np.arange(2, 5)  # the clicks before the last (which the pickup shares)
    assert not any(np.any(np.abs(got.onsets.times - c) < 0.03) for c in clicks), "a click is a note of the groove"
    said = _said(got)
    assert len(said) == 1 and "4 clicks" in said[0]

