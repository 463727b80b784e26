"""Audio tempo and bar 1 of bands rendered as a producer bounces them (R8's review, stop 77): a band starting on its
bar 1 at 0 s read from there, a pickup at 0 s said with the option that starts bar 1 at the music's start, and a fast
part read at half tempo said with the option for its double."""

from pathlib import Path

import mido
import numpy as np
import soundfile as sf
from audio_synth import _hz, make_part, render_notes

from reagroove.core.audio import read_audio

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def _example_band(name: str, bars: int) -> tuple[np.ndarray, float]:
    """A bundled example's band (drums left out), its first `bars` 4/4 bars at the notes' own pitches, and its tempo."""
    mid = mido.MidiFile(EXAMPLES / f"{name}.mid")
    tpb, bpm = mid.ticks_per_beat, 120.0
    cut = bars * 4 * tpb
    notes = []
    for track in mid.tracks:
        now, held = 0, {}
        for msg in track:
            now += msg.time
            if msg.type == "set_tempo":
                bpm = mido.tempo2bpm(msg.tempo)
            if msg.type not in ("note_on", "note_off") or msg.channel == 9:
                continue
            if msg.type == "note_on" and msg.velocity and now < cut:
                held[msg.note] = (now, msg.velocity)
            elif msg.note in held:
                start, vel = held.pop(msg.note)
                notes.append((start, vel, msg.note, min(now, cut) - start))
    spb = 60.0 / bpm / tpb
    out = [(t * spb, v / 127, "bass" if p < 50 else "strum", [float(_hz(p))], n * spb, True) for t, v, p, n in notes]
    return render_notes(out, duration_s=bars * 4 * 60.0 / bpm + 1.0, seed=0), bpm


def test_a_funk_band_bounced_from_bar_1_is_read_from_there(tmp_path):
    # Its first note, at 0 s, falls on the "and" of the comb's grid: bar 1 was put 1.5 beats in (0.95 s), 3 notes
    # left out and the drums' snare on the "ands".
    audio, bpm = _example_band("funk_bass", 8)
    path = tmp_path / "funk.wav"
    sf.write(str(path), audio, 22050)
    got = read_audio(path)
    assert abs(got.bpm / bpm - 1) < 0.02
    assert got.start_s < 0.05, got.warnings
    assert not any("before bar 1" in w for w in got.warnings), got.warnings


def test_a_pickup_at_0_s_is_kept_and_the_start_at_0_offered(tmp_path):
    # A part starting on beat 2 at 0 s is a pickup (kept), yet a band bounced from bar 1 whose comp was heard as bar
    # lines reads the same way: the note offers --start 0. A lone pickup note is not questioned.
    said = []
    for first_beat in (2, 4):
        audio, downbeat = make_part("keys", 110 if first_beat == 2 else 100, first_beat=first_beat, seconds=12.0, seed=3)
        path = tmp_path / f"pickup{first_beat}.wav"
        sf.write(str(path), audio, 22050)
        got = read_audio(path)
        assert abs(got.start_s - downbeat) < 0.03
        said.append([w for w in got.warnings if "before bar 1" in w])
    assert said[0] and said[0][0].endswith("left out; the music starts the file: if bar 1 is there, --start 0"), said
    assert said[1] == ["1 onset before bar 1 (0.591 s) left out"], said


def test_a_fast_strum_read_at_half_tempo_offers_the_double(tmp_path):
    # A 165 BPM strum reads at 82.5, its double within a few points: the drums play half-time, and the bar numbers
    # in the notes are half the project's. The faster tempo is offered with the option that sets it.
    audio, _ = make_part("strum", 165.0, seconds=12.0, seed=2)
    path = tmp_path / "strum.wav"
    sf.write(str(path), audio, 22050)
    got = read_audio(path)
    offered = [w for w in got.warnings if w.startswith("or ") and w.endswith(" BPM, twice as fast: --bpm " + w.split()[1])]
    assert abs(got.bpm / 165.0 - 1) < 0.02 or (offered and abs(float(offered[0].split()[1]) / 165.0 - 1) < 0.02), got.warnings
