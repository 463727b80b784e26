"""One take bounced at 22.05, 44.1 or 48 kHz reads the same: the same tempo, meter, bar 1 and notes (the envelope's
frame and hop are fixed in seconds, core/audio_envelope.py). Stop 77 had the bundled blues shuffle read as 3/4 at
75 BPM at 22.05 kHz and right at 44.1: the two renders were different audio (tests/audio_synth.py draws its noise
and tunes its plucked strings by the sample rate), not one take read two ways; resampled either way, each read as
it did at its own rate.

And the take's band levels (core/audio_layers.py, a new layer coming in) come from the onset envelope's read of
the file, not a second read, the same to the bit as a read of their own."""

import pathlib

import mido
import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, render_notes
from scipy.signal import resample_poly

from reagroove.core import audio_layers
from reagroove.core.audio import read_audio

BLUES = pathlib.Path(__file__).resolve().parents[1] / "core" / "examples" / "shuffle_blues.mid"
SR = 22050


def blues_band(bars: int = 8) -> tuple[np.ndarray, float]:
    """(mono audio at SR, BPM): the bundled blues shuffle's first `bars` bars, its bass track on the bass, its piano on
    keys, at the file's own tempo (100 BPM, 4/4)."""
    midi = mido.MidiFile(BLUES)
    bpm = next(mido.tempo2bpm(m.tempo) for t in midi.tracks for m in t if m.type == "set_tempo")
    beat, cut, notes = 60.0 / bpm, bars * 4 * midi.ticks_per_beat, []
    for track in midi.tracks:
        ticks, held = 0, {}
        for msg in track:
            ticks += msg.time
            if msg.type == "note_on" and msg.velocity > 0 and ticks < cut:
                held[msg.note] = (ticks, msg.velocity)
            elif msg.type in ("note_on", "note_off") and msg.note in held:
                on, vel = held.pop(msg.note)
                timbre = "bass" if track.name == "bass" else "keys"
                notes.append((on / midi.ticks_per_beat * beat, vel / 127, timbre, [float(_hz(msg.note))],
                              (min(ticks, cut) - on) / midi.ticks_per_beat * beat, True))
    return render_notes(notes, sr=SR, duration_s=bars * 4 * beat + 1.0, seed=0), bpm


def test_one_take_at_22_05_44_1_and_48_khz_reads_the_same_tempo_meter_bar_1_and_notes(tmp_path):
    audio, bpm = blues_band()
    read = {}
    for rate, (up, down) in {22050: (1, 1), 44100: (2, 1), 48000: (320, 147)}.items():
        path = tmp_path / f"blues_{rate}.wav"
        sf.write(path, audio if up == down else resample_poly(audio, up, down).astype(np.float32), rate)
        read[rate] = read_audio(path)
    for rate, content in read.items():
        assert content.tempos[0][1] == pytest.approx(bpm, rel=0.005), (rate, content.warnings)
        assert [tuple(ts[1:]) for ts in content.time_signatures] == [(4, 4)], (rate, content.warnings)
        assert content.start_s == pytest.approx(read[SR].start_s, abs=0.005), rate
        sixteenths = np.round(np.asarray(content.notes.start) * 4)  # the notes on the same 16ths
        assert np.array_equal(sixteenths, np.round(np.asarray(read[SR].notes.start) * 4)), rate


def test_a_take_s_band_levels_come_from_its_one_read_the_same_as_a_read_of_their_own(tmp_path, monkeypatch):
    audio, _ = blues_band(bars=4)
    path = tmp_path / "blues_stereo.wav"  # stereo, its right side softer: the band levels' own mix to mono
    sf.write(path, np.stack([audio, 0.6 * audio], axis=1), 44100)
    own = audio_layers.band_levels(path)
    reads = []
    monkeypatch.setattr(audio_layers, "band_levels", lambda p: reads.append(p) or own)
    content = read_audio(path)
    assert reads == []  # the file was read once, by the onset envelope
    beats, levels = content.band_levels
    assert levels.dtype == own[1].dtype and levels.tobytes() == own[1].tobytes()
    assert len(content.tempos) == 1 and np.allclose(beats, own[0] * content.tempos[0][1] / 60.0)  # on its beats
