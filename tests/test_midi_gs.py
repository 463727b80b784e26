"""Roland GS files: a part other than 10 made a drum part by a system exclusive message ("USE FOR RHYTHM
PART", address 40 1x 15), the GS reset, and a part turned back to playing notes; XG's PART MODE message."""

from __future__ import annotations

import numpy as np
import pytest
from test_midi_damaged import cc, eighths, smf, track, vl

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows, is_drum_part
from reagroove.core.low_register import bass_notes

# GS part blocks (the x of address 40 1x ..) and the MIDI channel of the part, counted from 0:
# block 0 is part 10, blocks 1-9 are parts 1-9, blocks A-F are parts 11-16 (SC-55 owner's manual).
BLOCK_CHANNELS = [(0x1, 0), (0x9, 8), (0xA, 10), (0xF, 15)]


def dt1(address: bytes, data: bytes, dev: int = 0x10) -> bytes:
    """A GS data set (DT1) message's bytes after F0, with its checksum and F7."""
    body = address + data
    return bytes([0x41, dev, 0x42, 0x12]) + body + bytes([(128 - sum(body) % 128) % 128, 0xF7])


def sysex(payload: bytes, delta: int = 0) -> bytes:
    """A system exclusive event in a track: F0, the length, the bytes after F0."""
    return vl(delta) + b"\xf0" + vl(len(payload)) + payload


def rhythm_part(block: int, value: int, delta: int = 0) -> bytes:
    """USE FOR RHYTHM PART of part block `block`: 0 off (notes), 1 drum map 1, 2 drum map 2."""
    return sysex(dt1(bytes([0x40, 0x10 | block, 0x15]), bytes([value])), delta)


GS_RESET = sysex(dt1(b"\x40\x00\x7f", b"\x00"))
GM_ON = sysex(b"\x7e\x7f\x09\x01\xf7")


def test_the_checksums_are_roland_s():
    assert GS_RESET[3:] == bytes.fromhex("41 10 42 12 40 00 7F 00 41 F7")  # the GS reset every manual prints
    assert dt1(b"\x40\x1a\x15", b"\x02") == bytes.fromhex("41 10 42 12 40 1A 15 02 0F F7")


def write(tmp_path, *tracks, name="gs.mid", fmt=1):
    path = tmp_path / name
    path.write_bytes(smf(*tracks, fmt=fmt))
    return path


def test_a_gs_drum_part_on_channel_11_is_read_as_drums(tmp_path):
    """A GS file's second kit on channel 11: its kick was a bass part and the input groove."""
    setup = track(GS_RESET + rhythm_part(0xA, 2))
    kit = track(vl(0) + bytes([0xCA, 0]) + eighths(16, pitch=36, ch=10))
    keys = track(eighths(16, pitch=64, ch=0))
    content = read_midi(write(tmp_path, setup, kit, keys))
    kick = content.notes.pitch == 36
    assert (content.notes.channel[kick] == 9).all()  # channel 10, counted from 0
    assert (content.notes.channel[~kick] == 0).all()
    said = [w for w in content.warnings if "channel 11" in w]
    assert len(said) == 1 and "GS" in said[0] and "drums" in said[0]
    assert len(bass_notes(content.notes)) == 0
    windows = extract_windows(content)
    assert any("channel 10" in m and "left out" in m for m in windows.messages)
    assert not windows.drum_part


def test_a_gs_file_of_drums_alone_is_a_drum_part(tmp_path):
    content = read_midi(write(tmp_path, track(GS_RESET + rhythm_part(0xA, 1) + eighths(16, pitch=38, ch=10)), fmt=0))
    assert is_drum_part(content.notes)
    assert extract_windows(content).drum_part


@pytest.mark.parametrize("block, channel", BLOCK_CHANNELS)
def test_gs_part_blocks_name_their_channels(tmp_path, block, channel):
    """The part blocks do not follow the channels in order: block 0 is part 10, block A is part 11."""
    others = [c for c in (0, 8, 10, 15) if c != channel]
    body = rhythm_part(block, 1) + b"".join(eighths(2, pitch=40 + c, ch=c) for c in [channel, *others])
    n = read_midi(write(tmp_path, track(body), fmt=0)).notes
    assert n.channel[n.pitch == 40 + channel].tolist() == [9, 9]
    for c in others:
        assert n.channel[n.pitch == 40 + c].tolist() == [c, c]


def test_a_later_message_turns_the_part_back_to_notes(tmp_path):
    # drums for two beats, then USE FOR RHYTHM PART off at beat 2: a piano on the same part
    body = rhythm_part(0x1, 1) + eighths(4, pitch=38, ch=0)
    body += rhythm_part(0x1, 0, delta=120) + vl(0) + bytes([0x90, 60, 90]) + vl(240) + bytes([0x80, 60, 0])
    n = read_midi(write(tmp_path, track(body), fmt=0)).notes
    assert n.channel[n.pitch == 38].tolist() == [9] * 4
    assert n.channel[n.pitch == 60].tolist() == [0]


@pytest.mark.parametrize("reset", [GS_RESET, GM_ON], ids=["GS reset", "GM system on"])
def test_a_reset_gives_the_part_back_its_notes(tmp_path, reset):
    body = rhythm_part(0xA, 1) + eighths(4, pitch=38, ch=10) + vl(120) + reset[1:]
    body += vl(0) + bytes([0x9A, 60, 90]) + vl(240) + bytes([0x8A, 60, 0])
    content = read_midi(write(tmp_path, track(body), fmt=0))
    n = content.notes
    assert n.channel[n.pitch == 38].tolist() == [9] * 4
    assert n.channel[n.pitch == 60].tolist() == [10]


def test_a_message_at_the_note_s_own_tick_applies_to_it(tmp_path):
    """Sequencers write set-up messages just before the first note, at its tick, often in another track."""
    content = read_midi(write(tmp_path, track(rhythm_part(0xB, 1, delta=480)), track(eighths(4, pitch=36, ch=11))))
    n = content.notes
    assert n.channel[n.start < 1].tolist() == [11, 11]
    assert n.channel[n.start >= 1].tolist() == [9, 9]


def test_a_bulk_part_write_covering_the_rhythm_address_counts(tmp_path):
    """A part's parameters written in one message from 40 1x 10 on: its 6th byte is USE FOR RHYTHM PART."""
    bulk = sysex(dt1(b"\x40\x1c\x10", bytes([0, 0, 0, 0, 0, 2, 0x40])))
    n = read_midi(write(tmp_path, track(bulk + eighths(4, pitch=42, ch=12)), fmt=0)).notes
    assert n.channel.tolist() == [9] * 4


@pytest.mark.parametrize("payload", [
    dt1(b"\x40\x1a\x16", b"\x01"),  # the next parameter of the part
    dt1(b"\x41\x1a\x15", b"\x01"),  # a drum-setup address, not a part's
    bytes([0x41, 0x10, 0x16, 0x12, 0x40, 0x1A, 0x15, 0x01, 0x10, 0xF7]),  # an MT-32 model id
    bytes([0x43, 0x10, 0x4C, 0x08, 0x0A, 0x08, 0x01, 0xF7]),  # the XG part parameter after part mode
    bytes([0x7E, 0x7F, 0x09, 0x02, 0xF7]),  # GM System Off
])
def test_other_system_exclusive_messages_change_nothing(tmp_path, payload):
    content = read_midi(write(tmp_path, track(sysex(payload) + eighths(4, pitch=50, ch=10)), fmt=0))
    assert content.notes.channel.tolist() == [10] * 4
    assert content.warnings == ["no tempo in file; assuming 120 BPM"]


def test_in_gs_mode_bank_127_is_the_mt32_set_not_a_drum_kit(tmp_path):
    """After a GS reset, bank select 127 on a part picks the MT-32 sounds: notes, not an XG drum kit."""
    body = GS_RESET + cc(2, 0, 127) + vl(0) + bytes([0xC2, 5]) + eighths(4, pitch=60, ch=2)
    content = read_midi(write(tmp_path, track(body), fmt=0))
    assert content.notes.channel.tolist() == [2] * 4
    # a file that moves on to XG has its drum kits again
    xg_on = sysex(bytes([0x43, 0x10, 0x4C, 0x00, 0x00, 0x7E, 0x00, 0xF7]))
    body = GS_RESET + xg_on + cc(2, 0, 127) + eighths(4, pitch=38, ch=2)
    assert read_midi(write(tmp_path, track(body), name="xg.mid", fmt=0)).notes.channel.tolist() == [9] * 4


def test_part_10_turned_to_notes_is_said(tmp_path):
    """Part 10 playing notes: its notes are still read as drums (ReaGroove has one drum channel), and said."""
    content = read_midi(write(tmp_path, track(rhythm_part(0x0, 0) + eighths(4, pitch=60, ch=9)), fmt=0))
    assert content.notes.channel.tolist() == [9] * 4
    assert any("channel 10" in w and "GS" in w for w in content.warnings)


def test_a_kit_on_channel_11_without_a_bank_or_message_stays_a_band_part(tmp_path):
    """Nothing in such a file says channel 11 is drums (only a synth's own set-up would): its notes are a part."""
    content = read_midi(write(tmp_path, track(eighths(16, pitch=36, ch=10)), track(eighths(16, pitch=64, ch=0))))
    assert np.unique(content.notes.channel).tolist() == [0, 10]
    assert not any("drum" in w for w in content.warnings)


def test_an_xg_part_mode_message_makes_a_drum_part_until_a_bank_select(tmp_path):
    """XG sets a part's mode by message (08 nn 07) or by bank select (127: drums); the latest says."""
    xg_on = sysex(bytes([0x43, 0x10, 0x4C, 0x00, 0x00, 0x7E, 0x00, 0xF7]))
    part_mode = sysex(bytes([0x43, 0x10, 0x4C, 0x08, 0x02, 0x07, 0x01, 0xF7]))  # part 3 (channel 3): drums
    body = xg_on + part_mode + eighths(4, pitch=38, ch=2) + cc(2, 0, 0, delta=120) + eighths(2, pitch=60, ch=2)
    content = read_midi(write(tmp_path, track(body), fmt=0))
    n = content.notes
    assert n.channel[n.pitch == 38].tolist() == [9] * 4
    assert n.channel[n.pitch == 60].tolist() == [2, 2]
    assert any("channel 3" in w and "XG" in w and "drums" in w for w in content.warnings)

