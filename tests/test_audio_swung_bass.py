"""A swung 4/4 part with no drums and no comping on its swung 8ths, bounced to audio, is read in 4/4 at its tempo
(core/audio_swung_bass.py): the bundled blues shuffle's bass (and the whole part) rendered to audio was read as
3/4 at 3/2 of its tempo (or at 3/4 of it, the tempo reading having taken two beats for one), its 1, 2, 2&, 3& a
waltz's bar, and drummed as a waltz. A waltz strummed evenly on 1, 2, 2& and 3& (its 4/4 reading at 2/3 of its
tempo swung the same way, the chords changing every two bars, so every four of that reading's beats) stays 3/4."""

import pathlib

import mido
import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, make_part, render_notes

from reagroove.core.audio import read_audio

BLUES = pathlib.Path(__file__).resolve().parents[1] / "core" / "examples" / "shuffle_blues.mid"
SR = 22050


def blues_take(tmp_path, bpm, tracks=("bass",), lead_s=0.5, seed=0):
    """(path, bar 1 s): core/examples/shuffle_blues.mid's `tracks` rendered to audio at `bpm`, 6 ms of jitter."""
    midi = mido.MidiFile(BLUES)
    rng = np.random.default_rng(seed)
    beat, notes, end = 60.0 / bpm, [], 0.0
    for track in midi.tracks:
        if track.name not in tracks:
            continue
        ticks, held = 0, {}
        for msg in track:
            ticks += msg.time
            if msg.type == "note_on" and msg.velocity > 0:
                held[msg.note] = (ticks, msg.velocity)
            elif msg.type in ("note_on", "note_off") and msg.note in held:
                on, vel = held.pop(msg.note)
                at, length = on / midi.ticks_per_beat * beat, (ticks - on) / midi.ticks_per_beat * beat
                timbre = "bass" if track.name == "bass" else "keys"
                notes.append((lead_s + at + rng.normal(0, 0.006), vel / 127, timbre, [float(_hz(msg.note))], length, True))
                end = max(end, lead_s + at + length)
    path = tmp_path / f"blues_{'_'.join(tracks)}_{bpm:g}.wav"
    sf.write(path, render_notes(notes, sr=SR, duration_s=end + 1.0, seed=seed), SR)
    return path, lead_s


# Before, the bass alone at 130 and 140 was read in 3/4 at 97.5 and 105, the whole part at 90 in 3/4 at 135.
@pytest.mark.parametrize("bpm, tracks", [(130.0, ("bass",)), (140.0, ("bass",)), (90.0, ("bass", "piano"))])
def test_the_bundled_blues_shuffle_bounced_to_audio_is_read_in_4_4_at_its_tempo(tmp_path, bpm, tracks):
    path, downbeat = blues_take(tmp_path, bpm, tracks, seed=int(bpm))
    content = read_audio(path)
    assert [tuple(ts[1:]) for ts in content.time_signatures] == [(4, 4)], content.warnings
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)


def test_a_waltz_strummed_evenly_on_1_2_2and_3and_stays_3_4_at_its_tempo(tmp_path):
    audio, downbeat = make_part("strum", 94.0, seed=15, seconds=24.0, beats_per_bar=3)
    path = tmp_path / "waltz.wav"
    sf.write(path, audio, SR)
    content = read_audio(path)
    assert [tuple(ts[1:]) for ts in content.time_signatures] == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(94.0, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
