"""Notes a file never switches off: each rings to its track's end, and reading how loud the band sounds on each
step must not cost memory for every step of every such note (a long file of stuck chords asked for hundreds of GB
and stopped with a MemoryError traceback)."""

from __future__ import annotations

import numpy as np

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows, sounding_levels
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import Notes

from test_midi_damaged import smf, track, vl

TPB = 480
SIXTEENTH = TPB // STEPS_PER_BEAT


def stuck_chords(steps: int, channels: int, pitches: int) -> tuple[bytes, int]:
    """A file of 4/4 whose chords (channels x pitches notes on each of its first `steps` 16ths) are never switched
    off: they ring to the track's end, a bar after the last. Also the loudest velocity played."""
    body, loudest = bytearray(), 0
    for step in range(steps):
        velocity = 40 + step % 61  # louder and softer chords, the loudest (100) among them
        loudest = max(loudest, velocity)
        for c in range(channels):
            for p in range(pitches):
                body += vl(SIXTEENTH if step and not (c or p) else 0) + bytes([0x90 | c, 40 + p, velocity])
    body += vl(4 * TPB) + b"\xff\x2f\x00"
    meter = vl(0) + b"\xff\x51\x03\x07\xa1\x20" + vl(0) + b"\xff\x58\x04\x04\x02\x18\x08"
    return smf(track(meter), track(bytes(body), eot=False)), loudest


def test_a_long_file_of_stuck_chords_is_read_and_sounds_held_to_its_end(tmp_path):
    data, loudest = stuck_chords(steps=6000 * 16, channels=1, pitches=2)  # 6,000 bars, 192,000 notes
    path = tmp_path / "stuck.mid"
    path.write_bytes(data)
    content = read_midi(path)
    assert len(content.notes) == 6000 * 16 * 2 and any("never switched off" in w for w in content.warnings)

    windows = extract_windows(content)  # was: MemoryError (70 GB, a cell for every step of every note)

    assert len(windows.starts) == 3000  # every bar of the song
    # every chord still rings at the track's end: the band sounds at its loudest chord's level there
    assert np.allclose(windows.sounding[-1], loudest / 127.0)
    assert np.allclose(windows.sounding[0, :4], [40 / 127.0, 41 / 127.0, 42 / 127.0, 43 / 127.0])


def test_sounding_levels_are_the_loudest_note_ringing_on_each_step():
    rng = np.random.default_rng(3)
    for _ in range(20):
        n = int(rng.integers(1, 60))
        start = np.sort(rng.uniform(-2.0, 40.0, n))
        end = start + rng.choice([0.0, 0.05, 0.25, 1.0, 9.0], n)
        velocity = rng.integers(1, 128, n)
        notes = Notes.from_lists(start, rng.integers(30, 90, n), velocity, end=end)
        starts = np.arange(0.0, 40.0, 8.0)

        got = sounding_levels(notes, starts)

        # each note from the step its onset snaps to up to the step its note-off falls in (within half a 16th of
        # a step's start: not that step), its own step at least
        cells = np.round(starts[:, None] * STEPS_PER_BEAT) + np.arange(got.shape[1])
        on = np.floor(start * STEPS_PER_BEAT + 0.5)
        off = np.maximum(np.ceil(end * STEPS_PER_BEAT - 0.5), on + 1)
        ringing = (cells[..., None] >= on) & (cells[..., None] < off)
        want = np.where(ringing, velocity / 127.0, 0.0).max(-1)
        assert np.allclose(got, want)
