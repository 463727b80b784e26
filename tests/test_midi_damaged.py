"""MIDI files as producers' tools really write them: damaged events, odd channels, odd meters."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from reagroove.core import MidiFileError, read_midi


def vl(n: int) -> bytes:
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    return bytes(reversed(out))


def track(body: bytes, eot: bool = True) -> bytes:
    if eot:
        body += b"\x00\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(body)) + body


def smf(*tracks: bytes, fmt: int = 1, tpb: int = 480) -> bytes:
    return b"MThd" + struct.pack(">IHHh", 6, fmt, len(tracks), tpb) + b"".join(tracks)


def eighths(n: int = 8, pitch: int = 60, ch: int = 0) -> bytes:
    """n 8th notes from the track's start, each a 16th long."""
    body = b""
    for k in range(n):
        body += vl(0 if k == 0 else 120) + bytes([0x90 | ch, pitch, 100]) + vl(120) + bytes([0x80 | ch, pitch, 0])
    return body


@pytest.mark.parametrize("event", [b"\xff\x03\x40ab", b"\xf0\x40\x7e\x7f"])
def test_event_running_past_its_track_end_keeps_the_song(tmp_path, event):
    """A damaged trailing text or sysex event (its length past the chunk) used to refuse the whole file."""
    first = track(vl(0) + b"\xff\x51\x03\x07\xa1\x20" + eighths(4) + vl(0) + event, eot=False)
    path = tmp_path / "damaged.mid"
    path.write_bytes(smf(first, track(eighths(8, pitch=40))))
    before = path.read_bytes()
    content = read_midi(path)
    assert path.read_bytes() == before
    assert len(content.notes) == 12  # the 4 notes before the damage and all of the next track
    assert sorted(content.notes.start[content.notes.track == 0].tolist()) == [0.0, 0.5, 1.0, 1.5]
    assert content.bpm == pytest.approx(120.0)
    assert any("track 1" in w and "past the end of its track" in w for w in content.warnings)


def test_truncated_file_is_still_refused(tmp_path):
    data = smf(track(eighths(8)))
    path = tmp_path / "cut.mid"
    path.write_bytes(data[:-6])
    with pytest.raises(MidiFileError, match="truncated"):
        read_midi(path)
