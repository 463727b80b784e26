"""Slow parts (60-65 BPM ballads) read at their own tempo, not at double (core/audio_tempo.py), on rendered audio."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part, render_notes

from reagroove.core.audio import read_audio


def _ballad(bpm: float, seed: int, keys: bool) -> np.ndarray:
    """A soul ballad bass line of held notes (root held through beats 1-2, a pickup, the fifth held through
    3-4), chords changing every bar, and with `keys` a comping right hand on beats 2 and 4."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    key = int(rng.integers(0, 12))
    hz = lambda m: float(440.0 * 2 ** ((m - 69) / 12))  # noqa: E731
    notes = []
    for bar in range(7):
        root = 28 + (key + int(rng.choice([0, 5, 7, 9]))) % 12
        t0 = 0.3 + bar * 4 * beat
        jit = lambda: float(rng.normal(0, 0.008))  # noqa: E731
        notes.append((t0 + jit(), 0.9, "bass", [hz(root)], 1.9 * beat, True))
        notes.append((t0 + 1.75 * beat + jit(), 0.6, "bass", [hz(root + 5)], 0.2 * beat, True))
        notes.append((t0 + 2 * beat + jit(), 0.8, "bass", [hz(root + 7)], 1.4 * beat, True))
        if rng.random() < 0.5:
            notes.append((t0 + 3.5 * beat + jit(), 0.6, "bass", [hz(root + 12)], 0.45 * beat, True))
        if keys:
            chord = [hz(60 + (root + c) % 12) for c in (0, 4, 7)]
            for b in (1, 3):
                notes.append((t0 + b * beat + jit(), 0.7, "keys", chord, 0.9 * beat, True))
    return render_notes(notes, duration_s=0.3 + 7 * 4 * beat + 1.0, seed=seed)


def _read(tmp_path, audio) -> float:
    path = tmp_path / "part.wav"
    sf.write(str(path), audio, 22050)
    return read_audio(path).bpm


@pytest.mark.parametrize("bpm, seed, keys", [(62.0, 1, False), (60.5, 2, False), (64.0, 3, True), (63.0, 4, True)])
def test_a_ballad_of_held_notes_is_read_at_its_own_slow_tempo(tmp_path, bpm, seed, keys):
    """A producer's 62 BPM soul ballad bass line came back at 124 BPM: twice the bars, hats twice too fast.
    Read at double tempo the part plays under one note a beat, which parts rarely do: such a reading is
    now weighed as likely twice too fast."""
    assert _read(tmp_path, _ballad(bpm, seed, keys)) == pytest.approx(bpm, rel=0.03)


@pytest.mark.parametrize("kind, bpm, seed, first_beat", [("bass", 63.88, 8972, 2), ("bass", 63.99, 8212, 2),
                                                         ("band", 64.59, 8234, 1), ("keys", 61.08, 9889, 1)])
def test_slow_band_parts_are_read_at_their_own_tempo(tmp_path, kind, bpm, seed, first_beat):
    """Rendered bass lines and bass-with-keys parts at 60-65 BPM, read at double tempo before."""
    audio, _ = make_part(kind, bpm, first_beat=first_beat, lead_s=0.5, seed=seed)
    assert _read(tmp_path, audio) == pytest.approx(bpm, rel=0.03)


@pytest.mark.parametrize("kind, bpm, seed", [("bass", 124.68, 8164), ("bass", 122.55, 9904), ("keys", 124.66, 5148),
                                             ("band", 128.3, 37), ("mix", 121.51, 5616)])
def test_parts_at_120_130_bpm_keep_their_own_tempo(tmp_path, kind, bpm, seed):
    """The cue that halves a too-fast reading must not halve a real 120-130 BPM part, sparse bass lines included."""
    audio, _ = make_part(kind, bpm, lead_s=0.5, seed=seed)
    assert _read(tmp_path, audio) == pytest.approx(bpm, rel=0.03)
