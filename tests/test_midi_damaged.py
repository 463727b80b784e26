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


def cc(ch: int, control: int, value: int, delta: int = 0) -> bytes:
    return vl(delta) + bytes([0xB0 | ch, control, value])


def test_gm2_drum_kit_on_channel_11_is_read_as_drums(tmp_path):
    """GM2 and XG files put percussion on other channels with a drum bank: a kick there is not a bass part."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.low_register import bass_notes

    kit = cc(10, 0, 120) + cc(10, 32, 0) + vl(0) + bytes([0xCA, 0]) + eighths(16, pitch=36, ch=10)
    keys = eighths(16, pitch=64, ch=0)
    path = tmp_path / "gm2.mid"
    path.write_bytes(smf(track(kit), track(keys)))
    content = read_midi(path)
    kick = content.notes.pitch == 36
    assert (content.notes.channel[kick] == 9).all()  # channel 10, counted from 0
    assert (content.notes.channel[~kick] == 0).all()
    assert any("channel 11" in w and "drum" in w for w in content.warnings)
    assert len(bass_notes(content.notes)) == 0  # the kick is no bass line
    windows = extract_windows(content)
    assert any("channel 10" in m and "left out" in m for m in windows.messages)


def test_channel_leaving_the_drum_bank_plays_notes_again(tmp_path):
    # a drum kit for two beats, then a melodic bank on the same channel
    body = cc(2, 0, 127) + eighths(4, pitch=38, ch=2) + cc(2, 0, 0, delta=120) + vl(0) + bytes([0x92, 60, 90]) + vl(240) + bytes([0x82, 60, 0])
    path = tmp_path / "xg.mid"
    path.write_bytes(smf(track(body), fmt=0))
    n = read_midi(path).notes
    assert n.channel[n.pitch == 38].tolist() == [9] * 4
    assert n.channel[n.pitch == 60].tolist() == [2]


def test_bank_select_without_a_drum_kit_changes_nothing(tmp_path):
    path = tmp_path / "plain.mid"
    path.write_bytes(smf(track(cc(3, 0, 0) + eighths(4, ch=3)), fmt=0))
    content = read_midi(path)
    assert np.unique(content.notes.channel).tolist() == [3]
    assert content.warnings == ["no tempo in file; assuming 120 BPM"]


def test_invalid_tempo_and_meter_events_are_said(tmp_path):
    """A meter of 4/2^7 or a zero tempo is ignored; the user is told, as the bars then differ from the DAW's."""
    body = vl(0) + b"\xff\x58\x04\x03\x02\x18\x08"  # 3/4
    body += vl(960) + b"\xff\x58\x04\x04\x07\x18\x08"  # 4/128: no such meter
    body += vl(0) + b"\xff\x51\x03\x00\x00\x00"  # 0 µs a beat
    body += eighths(8)
    path = tmp_path / "bad_meta.mid"
    path.write_bytes(smf(track(body), fmt=0))
    content = read_midi(path)
    assert content.time_signatures == [(0.0, 3, 4)]
    assert content.tempos == [(0.0, 120.0)]
    said = [w for w in content.warnings if "invalid" in w]
    assert len(said) == 1 and said[0].startswith("2 invalid") and "beat 3" in said[0]


def test_karaoke_files_in_a_folder_are_found_and_read(tmp_path):
    """.kar files are Standard MIDI Files with lyrics: a folder of them was 'a folder with no MIDI files'."""
    from reagroove.models.commands import _inputs

    lyrics = track(b"".join(vl(0 if k == 0 else 240) + b"\xff\x05\x03la " for k in range(8)))
    (tmp_path / "song.kar").write_bytes(smf(track(vl(0) + b"\xff\x01\x06@KMIDI"), lyrics, track(eighths(16))))
    (tmp_path / "notes.txt").write_text("not music")
    found = _inputs([str(tmp_path)])
    assert [p.name for p in found] == ["song.kar"]
    assert len(read_midi(found[0]).notes) == 16


@pytest.mark.parametrize("held, said", [(1, "1 note is never switched off; it ends at the end of its track"),
                                        (2, "2 notes are never switched off; they end at the end of their track")])
def test_notes_never_switched_off_are_said_in_plain_words(tmp_path, held, said):
    body = eighths(4) + b"".join(vl(0) + bytes([0x90, 70 + k, 90]) for k in range(held)) + vl(960) + b"\xff\x06\x01x"
    path = tmp_path / "held.mid"
    path.write_bytes(smf(track(body), fmt=0))
    content = read_midi(path)
    assert said in content.warnings
    assert content.notes.end[content.notes.pitch >= 70].tolist() == [3.75] * held  # held to the track's end (the marker)
