"""Audio in compound meter read untold: a part whose 8ths go in threes (bass and accents on every third 8th, on
the & of 2 in a 3/4 reading) is read in 6/8 or 12/8 as `--meter` reads it, not drummed as a waltz; waltzes
stay 3/4 and 4/4 shuffles (swung 8ths: the triplet's middle 8th left out) stay 4/4 (core/audio_meter.py)."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _CHORDS, _hz, render_notes
from test_audio_told_meter import SR, six_eight_part
from test_audio_waltz_meter import _waltz

from reagroove.core.audio import read_audio


def shuffle_part(tmp_path, bpm, seed, bars=16, lead_s=0.4):
    """(path, bar 1 s): a 4/4 shuffle: bass on the beats (a boogie's swung 8ths for odd seeds), keys on the swung
    8ths (the 1st and 3rd triplet 8th of each beat) louder on 2 and 4, a chord change every bar, 6 ms of jitter."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    key = int(rng.integers(0, 12))
    notes = []
    for bar in range(bars):
        chord = _CHORDS[(0, 5, 0, 7)[bar % 4]]
        root = (key + chord[0]) % 12
        for b in range(4):
            for third in (0, 2):
                t = lead_s + (bar * 4 + b + third / 3) * beat + rng.normal(0, 0.006)
                accent = (0.95 if b == 0 else 0.85 if b % 2 else 0.75) if third == 0 else 0.55
                if third == 0 or seed % 2:
                    pitch = 28 + root + (0, 7, 9, 7)[b]
                    notes.append((t, accent, "bass", [float(_hz(pitch))], (0.6 if third == 0 else 0.3) * beat, True))
                notes.append((t, accent, "keys", list(_hz([60 + (key + c) % 12 for c in chord])), 0.3 * beat, True))
    path = tmp_path / f"shuffle_{bpm:g}_{seed}.wav"
    sf.write(path, render_notes(notes, sr=SR, duration_s=lead_s + bars * 4 * beat + 1.0, seed=seed), SR)
    return path, lead_s


def meter_of(content):
    return [(n, d) for _, n, d in content.time_signatures]


# Untold, these were read as 3/4 at the quarter-note tempo (12/8 at 80 and 55 with bar 1 on the 2nd dotted beat
# at 55): drummed as waltzes.
@pytest.mark.parametrize("dotted_bpm, seed, n", [(60.0, 1, 6), (84.0, 5, 6), (80.0, 2, 12), (55.0, 3, 12)])
def test_a_6_8_or_12_8_part_untold_is_read_as_meter_6_8_or_12_8_reads_it(tmp_path, dotted_bpm, seed, n):
    path, downbeat = six_eight_part(tmp_path, dotted_bpm, seed, eighths=n, bars=16 if n == 6 else 10)
    content = read_audio(path)
    assert meter_of(content) == [(n, 8)]
    assert content.tempos[0][1] == pytest.approx(dotted_bpm * 1.5, rel=0.01)  # quarter notes, as told 6/8's
    assert content.start_s == pytest.approx(downbeat, abs=0.03)
    told = read_audio(path, time_signature=(n, 8))
    assert content.time_signatures == told.time_signatures and content.start_s == pytest.approx(told.start_s)
    note = next(w for w in content.warnings if "estimated" in w)
    assert f"{n}/8 time" in note and "--meter 3/4 keeps 3/4" in note and "dotted quarters a minute" in note, note
    assert read_audio(path, time_signature=(3, 4)).time_signatures[0][1:] == (3, 4)  # the way back


def _bars(res, length):
    """Each bar of the drums (from the window's meters), `length` 16ths, as (bars, length, voices) hits."""
    return np.array([loop[int(m[0] * 4): int(m[0] * 4) + length] for loop, window in zip(res.loops, res.meters)
                     for m in window]) > 0.5


def test_untold_6_8_and_12_8_parts_get_a_compound_drummer_not_a_waltz(tmp_path, shipped):
    """6/8: the kick on 1 and the backbeat on the 4th 8th, not on a waltz's beat 3 (step 8 of 12); 12/8 (a slow
    blues): the backbeat on dotted beats 2 and 4, not on the waltz readings' beats 3 and second downbeat."""
    from reagroove.core.loop import VOICES
    from reagroove.core.settings import Settings

    kick, snare = VOICES.index("kick"), VOICES.index("snare")
    six, _ = six_eight_part(tmp_path, 66.0, 3)
    res = shipped.drumify(read_audio(six), Settings(genre={"rock": 1.0}))
    assert all(tuple(m[1:]) == (6, 8) for window in res.meters for m in window), res.meters
    bars = _bars(res, 12)
    assert len(bars) >= 12 and bars[:, 0, kick].mean() >= 0.9
    assert bars[:, 6, snare].mean() >= 0.75, bars[:, :, snare].sum(0)
    assert bars[:, 8, snare].mean() <= 0.1, bars[:, :, snare].sum(0)  # a waltz's beat 3
    blues, _ = six_eight_part(tmp_path, 60.0, 1, eighths=12, bars=10)
    res = shipped.drumify(read_audio(blues), Settings(genre={"rock": 1.0}))
    assert all(tuple(m[1:]) == (12, 8) for window in res.meters for m in window), res.meters
    bars = _bars(res, 24)
    assert len(bars) >= 8 and bars[:, 0, kick].mean() >= 0.9
    assert bars[:, (6, 18), snare].mean() >= 0.75, bars[:, :, snare].sum(0)
    assert bars[:, (8, 12, 20), snare].mean() <= 0.1, bars[:, :, snare].sum(0)  # waltz beats 3, its downbeat


# A waltz's 8ths go in twos (bass on 1, chords on 2 and 3); bass 96.4 is the waltz whose accents came nearest
# to a compound part's (its & of 2 is left out).
@pytest.mark.parametrize("kind, bpm, seed", [("keys", 127.0, 0), ("band", 114.0, 2), ("bass", 96.4, 1)])
def test_a_waltz_stays_3_4(tmp_path, kind, bpm, seed):
    path, downbeat = _waltz(tmp_path, kind, bpm, seed)  # audio_synth's waltz, 24 s
    content = read_audio(path)
    assert meter_of(content) == [(3, 4)]
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
    assert any("3/4 time" in w for w in content.warnings), content.warnings


# A shuffle also accents every 3rd triplet 8th, but leaves the middle one out: never 6/8 or 12/8 (shuffles whose
# bass swings too stay 4/4: tests/test_audio_shuffle_meter.py).
@pytest.mark.parametrize("bpm, seed", [(96.0, 2), (120.0, 4), (101.8, 5)])
def test_a_4_4_shuffle_is_not_read_as_6_8_or_12_8(tmp_path, bpm, seed):
    path, _ = shuffle_part(tmp_path, bpm, seed)
    content = read_audio(path)
    assert meter_of(content)[0][1] == 4, content.time_signatures
    if seed % 2 == 0:
        assert meter_of(content) == [(4, 4)]
        assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
