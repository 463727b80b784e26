"""`--start` below 0: a take bounced from mid-bar, its bar line before the audio. The help says the part bar plays
as a pickup and bar 1 is the next; this holds the drums to it: their first bar line on that grid, and drums in the
pickup from the audio's start (not silence).
"""

from __future__ import annotations

import mido
import pytest
import soundfile as sf
import test_cli
from audio_synth import make_part

from reagroove.core.cli import main

stub_engine = test_cli.stub_engine  # the fixture: drumify on the small stand-in model
SR = 22050


@pytest.fixture(scope="module")
def bass_wav(tmp_path_factory):
    audio, _ = make_part("bass", 120, seconds=10, seed=1, sr=SR)
    path = tmp_path_factory.mktemp("take") / "bass.wav"
    sf.write(path, audio, SR)
    return path


def drum_times(path):
    """(the first time signature's beat, the first drum note's beat) of a drum MIDI file."""
    midi = mido.MidiFile(path)
    signature = first_hit = None
    for track in midi.tracks:
        tick = 0
        for msg in track:
            tick += msg.time
            if msg.type == "time_signature" and signature is None:
                signature = tick / midi.ticks_per_beat
            if msg.type == "note_on" and msg.velocity and first_hit is None:
                first_hit = tick / midi.ticks_per_beat
    return signature, first_hit


@pytest.mark.parametrize("start", ["-1", "-3"])  # at 120 BPM a bar is 2 s: bar lines at 1 s, 3 s, ... of the audio
def test_bar_1_before_the_audio_puts_the_bar_lines_on_its_grid_and_plays_from_the_start(
        stub_engine, bass_wav, tmp_path, capsys, start):
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(bass_wav), "-o", str(out), "--bpm", "120", f"--start={start}", "--quiet"]) == 0, \
        capsys.readouterr().err
    signature, first_hit = drum_times(out)
    assert signature == pytest.approx(2.0)  # the first bar line inside the audio: 1 s, 2 beats in
    assert first_hit is not None and first_hit < 2.0  # the half bar before it is played, not left silent
