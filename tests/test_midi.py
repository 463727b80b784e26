"""MIDI files in and out: read_midi against hand-built files and mido, bad input, write_loops."""

from __future__ import annotations

import os
import struct
from collections import Counter

import mido
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reagroove.core.midi as core_midi
from reagroove.core import N_VOICES, STEPS, DrumMap, GM_DRUM_MAP, Loop, MidiFileError, ReaGrooveError, loops_from_notes, read_midi, write_loops

# (beat, pitch, velocity, channel, track)
NOTES = [
    (0.0, 36, 100, 9, 0),
    (1.5, 38, 90, 9, 0),
    (0.25, 60, 70, 0, 1),
    (2.75, 64, 50, 3, 1),
    (3.0, 42, 80, 9, 2),
    (3.0, 36, 127, 9, 0),
]


def note_rows(content):
    n = content.notes
    return sorted(
        zip(n.start.tolist(), n.end.tolist(), n.pitch.tolist(), n.velocity.tolist(), n.channel.tolist(), n.track.tolist())
    )


def snapshot(path):
    st_ = os.stat(path)
    return path.read_bytes(), st_.st_mtime_ns


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("tpb", [96, 480, 960])
def test_type1_tracks_and_channels(make_midi, tpb):
    path = make_midi(NOTES, tpb=tpb, length=0.5)
    before = snapshot(path)
    content = read_midi(path)
    assert snapshot(path) == before
    assert content.ticks_per_beat == tpb
    assert content.path == str(path)
    # track 0 holds tempo and meter; notes of track k are in file track k + 1
    expected = sorted((b, b + 0.5, p, v, c, t + 1) for b, p, v, c, t in NOTES)
    assert note_rows(content) == expected
    assert content.notes.start.dtype == np.float64
    assert content.bpm == pytest.approx(120.0)
    assert content.time_signatures == [(0.0, 4, 4)]
    assert content.warnings == []


@pytest.mark.parametrize("tpb", [96, 480, 960])
def test_type0(make_midi, tpb):
    path = make_midi(NOTES, tpb=tpb, fmt=0, length=0.25)
    assert mido.MidiFile(path).type == 0
    content = read_midi(path)
    expected = sorted((b, b + 0.25, p, v, c, 0) for b, p, v, c, _ in NOTES)
    assert note_rows(content) == expected
    assert content.ticks_per_beat == tpb


def test_odd_resolution_positions(make_midi):
    # 1/3 beat at 96 tpb is 32 ticks: positions are tick / tpb exactly
    path = make_midi([(1 / 3, 36, 64, 9), (2 + 2 / 3, 38, 64, 9)], tpb=96)
    starts = sorted(read_midi(path).notes.start.tolist())
    assert starts == [32 / 96, 256 / 96]


def on(note, vel, ch=9):
    return mido.Message("note_on", note=note, velocity=vel, channel=ch)


def off(note, ch=9):
    return mido.Message("note_off", note=note, velocity=64, channel=ch)


TEMPO = (0, mido.MetaMessage("set_tempo", tempo=500000))


def test_note_on_velocity_zero_is_note_off(make_tracks):
    path = make_tracks([[TEMPO, (0, on(36, 100)), (240, on(36, 0)), (480, on(36, 90)), (600, on(36, 0))]])
    content = read_midi(path)
    assert note_rows(content) == [(0.0, 0.5, 36, 100, 9, 0), (1.0, 1.25, 36, 90, 9, 0)]
    assert content.warnings == []


def test_overlapping_same_pitch_first_on_first_off(make_tracks):
    path = make_tracks([[(0, on(38, 100)), (240, on(38, 80)), (480, off(38)), (720, off(38))]])
    content = read_midi(path)
    assert note_rows(content) == [(0.0, 1.0, 38, 100, 9, 0), (0.5, 1.5, 38, 80, 9, 0)]


def test_same_pitch_on_other_channel_or_track_is_a_different_note(make_tracks):
    path = make_tracks(
        [
            [(0, on(40, 100, ch=0)), (480, off(40, ch=1)), (960, off(40, ch=0))],
            [(240, on(40, 50, ch=0)), (720, off(40, ch=0))],
        ]
    )
    rows = note_rows(read_midi(path))
    assert rows == [(0.0, 2.0, 40, 100, 0, 0), (0.5, 1.5, 40, 50, 0, 1)]


def test_note_never_switched_off_is_kept_with_warning(make_tracks):
    marker = mido.MetaMessage("marker", text="end")
    path = make_tracks([[TEMPO, (0, on(36, 100)), (240, off(36)), (480, on(42, 70)), (1920, marker)]])
    content = read_midi(path)
    rows = note_rows(content)
    assert (0.0, 0.5, 36, 100, 9, 0) in rows
    hats = [r for r in rows if r[2] == 42]
    assert len(hats) == 1
    start, end = hats[0][:2]
    assert start == 1.0
    assert end == 4.0  # ends where its track ends
    assert len(content.warnings) == 1
    assert "off" in content.warnings[0]


def test_tempo_changes_do_not_move_notes(make_midi):
    notes = [(1.0, 36, 100, 9), (3.0, 38, 100, 9), (6.5, 42, 100, 9)]
    steady = read_midi(make_midi(notes, name="a.mid"))
    changing = read_midi(make_midi(notes, name="b.mid", tempos=[(0, 120), (2, 60), (5, 180)]))
    assert changing.notes.start.tolist() == steady.notes.start.tolist() == [1.0, 3.0, 6.5]
    assert [b for b, _ in changing.tempos] == [0.0, 2.0, 5.0]
    assert [bpm for _, bpm in changing.tempos] == pytest.approx([120, 60, 180], rel=1e-5)
    assert changing.bpm == pytest.approx(120, rel=1e-5)


def test_time_signatures_read(make_midi):
    sigs = [(0, 3, 4), (6, 6, 8), (9, 4, 4)]
    content = read_midi(make_midi([(0, 36, 100, 9), (10, 36, 100, 9)], time_signatures=sigs))
    assert content.time_signatures == [(0.0, 3, 4), (6.0, 6, 8), (9.0, 4, 4)]


def test_no_time_signature_means_4_4(make_midi):
    content = read_midi(make_midi([(0, 36, 100, 9)], time_signatures=[]))
    assert content.time_signatures == [(0.0, 4, 4)]


def test_meta_events_in_other_tracks(make_tracks):
    """A tempo change or time signature in a note track counts like one in track 0."""
    t0 = [(0, mido.MetaMessage("set_tempo", tempo=500000))]
    t1 = [(0, on(36, 100)), (60, off(36)), (960, mido.MetaMessage("time_signature", numerator=7, denominator=8))]
    content = read_midi(make_tracks([t0, t1]))
    assert content.time_signatures == [(0.0, 4, 4), (2.0, 7, 8)]


def rmid(smf: bytes, trailing: bytes = b"") -> bytes:
    data = b"data" + struct.pack("<I", len(smf)) + smf + (b"\0" if len(smf) % 2 else b"")
    body = b"RMID" + data + trailing
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize("trailing", [b"", b"LIST" + struct.pack("<I", 12) + b"INFOINAM\x02\x00\x00x\x00"[:12]])
def test_rmid(make_midi, tmp_path, trailing):
    plain = make_midi(NOTES, tpb=480)
    wrapped = tmp_path / "song.rmi"
    wrapped.write_bytes(rmid(plain.read_bytes(), trailing))
    a, b = read_midi(plain), read_midi(wrapped)
    assert note_rows(b) == note_rows(a)
    assert len(b.notes) == len(NOTES)
    assert b.ticks_per_beat == 480


def mido_onsets(path):
    mf = mido.MidiFile(path)
    out = []
    for track in mf.tracks:
        tick = 0
        for msg in track:
            tick += msg.time
            if msg.type == "note_on" and msg.velocity > 0:
                out.append((tick / mf.ticks_per_beat, msg.note, msg.velocity, msg.channel))
    return Counter(out), mf.ticks_per_beat


def test_matches_mido_on_groove_midi_dataset(gmd_sample):
    assert len(gmd_sample) >= 10
    for path in gmd_sample:
        content = read_midi(path)
        ours = Counter(
            zip(content.notes.start.tolist(), content.notes.pitch.tolist(), content.notes.velocity.tolist(), content.notes.channel.tolist())
        )
        theirs, tpb = mido_onsets(path)
        assert content.ticks_per_beat == tpb, path
        assert len(theirs) > 0, path
        assert ours == theirs, path


def test_matches_mido_on_written_file(make_midi):
    path = make_midi(NOTES, tpb=960, tempos=[(0, 100), (2, 140)])
    content = read_midi(path)
    ours = Counter(
        zip(content.notes.start.tolist(), content.notes.pitch.tolist(), content.notes.velocity.tolist(), content.notes.channel.tolist())
    )
    assert ours == mido_onsets(path)[0]


# ---------------------------------------------------------------- bad input


def assert_midi_error(path, *words):
    path_str = os.fspath(path)
    existed = os.path.exists(path_str)
    if existed and os.path.isfile(path_str):
        before = snapshot(path)
    with pytest.raises(MidiFileError) as err:
        read_midi(path)
    msg = str(err.value)
    assert isinstance(err.value, ReaGrooveError)
    assert msg.startswith(path_str + ": "), msg
    assert "\n" not in msg and "\r" not in msg
    assert len(msg) > len(path_str) + 3
    assert err.value.path == path_str
    said = msg[len(path_str):].lower()  # (not the path: a test's folder is named after the test)
    for w in words:
        assert w.lower() in said, msg
    if existed and os.path.isfile(path_str):
        assert snapshot(path) == before
    return msg


def test_text_file(tmp_path):
    path = tmp_path / "notes.mid"
    path.write_text("this is not a MIDI file\nat all\n")
    assert_midi_error(path, "not a Standard MIDI File")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.mid"
    path.write_bytes(b"")
    assert_midi_error(path, "empty")


def test_nonexistent(tmp_path):
    assert_midi_error(tmp_path / "no" / "such.mid")


def test_directory(tmp_path):
    assert_midi_error(tmp_path)


def two_track_bytes(make_midi):
    path = make_midi([(b / 2, 36 + (b % 3) * 2, 100, 9) for b in range(16)], name="full.mid", tpb=480)
    return path.read_bytes()


def truncation_points(data):
    return sorted({1, 3, 4, 8, 12, 13, 15, 20, 21, 22, 25, len(data) // 3, len(data) // 2, len(data) - 3, len(data) - 1})


def test_truncated_files(make_midi, tmp_path):
    data = two_track_bytes(make_midi)
    for n in truncation_points(data):
        path = tmp_path / f"cut{n}.mid"
        path.write_bytes(data[:n])
        assert_midi_error(path)


def test_truncated_between_tracks(make_midi, tmp_path):
    """A file cut right after its first track lost the drum track: an error, not a silent empty read."""
    data = two_track_bytes(make_midi)
    (len0,) = struct.unpack(">I", data[18:22])
    n = 14 + 8 + len0
    assert data[n : n + 4] == b"MTrk"
    path = tmp_path / "cut.mid"
    path.write_bytes(data[:n])
    assert_midi_error(path, "truncated")


def test_truncated_real_file(gmd_sample, tmp_path):
    data = gmd_sample[0].read_bytes()
    for n in truncation_points(data):
        path = tmp_path / f"gmd{n}.mid"
        path.write_bytes(data[:n])
        assert_midi_error(path)


def test_format_2(tmp_path):
    mf = mido.MidiFile(type=2, ticks_per_beat=480)
    for _ in range(2):
        t = mido.MidiTrack()
        t.append(mido.Message("note_on", note=36, velocity=100, channel=9, time=0))
        t.append(mido.Message("note_off", note=36, velocity=0, channel=9, time=240))
        mf.tracks.append(t)
    path = tmp_path / "type2.mid"
    mf.save(path)
    assert_midi_error(path, "format 2")


def test_smpte_division(make_midi):
    path = make_midi([(0, 36, 100, 9)], name="smpte.mid")
    data = bytearray(path.read_bytes())
    data[12:14] = struct.pack(">h", -(25 << 8) + 40)  # 25 fps, 40 ticks per frame
    path.write_bytes(bytes(data))
    assert_midi_error(path, "SMPTE")
    data[12:14] = struct.pack(">h", 0)  # no ticks per beat at all: damaged, not SMPTE
    path.write_bytes(bytes(data))
    assert_midi_error(path, "0 ticks per beat")


def test_file_over_size_limit(make_midi, monkeypatch):
    path = make_midi(NOTES, name="big.mid")
    size = path.stat().st_size
    monkeypatch.setattr(core_midi, "MAX_MIDI_BYTES", size - 1)
    assert_midi_error(path)
    monkeypatch.setattr(core_midi, "MAX_MIDI_BYTES", size)
    assert len(read_midi(path).notes) == len(NOTES)


def test_no_tempo_means_120_with_warning(make_midi):
    path = make_midi([(0, 36, 100, 9), (1, 38, 100, 9)], tempos=[])
    before = snapshot(path)
    content = read_midi(path)
    assert snapshot(path) == before
    assert len(content.notes) == 2
    assert content.bpm == 120.0
    assert content.tempos == [(0.0, 120.0)]
    assert any("tempo" in w for w in content.warnings)


def test_reading_leaves_real_file_untouched(gmd_sample):
    path = gmd_sample[-1]
    before = snapshot(path)
    read_midi(path)
    assert snapshot(path) == before


# ---------------------------------------------------------------- writing


def loop_from_cells(cells):
    """cells: {(step, voice): (velocity, offset)}"""
    h, v, o = (np.zeros((STEPS, N_VOICES), np.float32) for _ in range(3))
    for (s, voice), (vel, off) in cells.items():
        h[s, voice], v[s, voice], o[s, voice] = 1, vel, off
    return Loop(h, v, o)


@st.composite
def loop_sets(draw):
    n = draw(st.integers(1, 3))
    hits = draw(hnp.arrays(np.bool_, (n, STEPS, N_VOICES), elements=st.booleans()))
    vel = draw(hnp.arrays(np.float64, (n, STEPS, N_VOICES), elements=st.floats(0.01, 1.0)))
    off = draw(hnp.arrays(np.float64, (n, STEPS, N_VOICES), elements=st.floats(-0.49, 0.49)))
    off[0, 0] = np.abs(off[0, 0])  # an early first note would be clamped to the start of the file
    return [Loop(h, np.where(h, v, 0), np.where(h, o, 0)) for h, v, o in zip(hits.astype(np.float32), vel, off)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loop_sets())
def test_write_read_round_trip(tmp_path, loops):
    path = tmp_path / "out.mid"
    write_loops(path, loops)
    content = read_midi(path)
    assert content.ticks_per_beat == 480
    hvo, unmapped = loops_from_notes(content.notes, np.arange(len(loops)) * 8.0)
    assert unmapped == 0
    assert hvo.shape == (len(loops), STEPS, 3 * N_VOICES)
    for got, loop in zip(hvo, loops):
        hits = loop.hits > 0
        np.testing.assert_array_equal(got[:, :N_VOICES], loop.hits)
        vel_err = np.abs(got[:, N_VOICES : 2 * N_VOICES] - loop.velocities)[hits]
        off_err = np.abs(got[:, 2 * N_VOICES :] - loop.offsets)[hits]
        assert vel_err.max(initial=0) <= 1 / 127 + 1e-6
        assert off_err.max(initial=0) <= 1 / 120 + 1e-6


def test_write_is_drum_channel_type1_with_tempo_and_meter(tmp_path):
    loop = loop_from_cells({(0, 0): (0.8, 0.0), (4, 1): (0.6, 0.1), (8, 2): (0.5, -0.2), (31, 8): (1.0, 0.0)})
    path = tmp_path / "drums.mid"
    write_loops(path, [loop], bpm=97, time_signature=(3, 4))
    mf = mido.MidiFile(path)
    assert mf.type == 1
    content = read_midi(path)
    assert set(content.notes.channel.tolist()) == {9}
    assert sorted(content.notes.pitch.tolist()) == [36, 38, 42, 51]
    assert content.bpm == pytest.approx(97, rel=1e-5)
    assert content.time_signatures[0] == (0.0, 3, 4)
    starts = dict(zip(content.notes.pitch.tolist(), content.notes.start.tolist()))
    assert starts[36] == 0.0
    assert starts[38] == pytest.approx((4 + 0.1) / 4, abs=1 / 960)
    assert starts[42] == pytest.approx((8 - 0.2) / 4, abs=1 / 960)
    vels = dict(zip(content.notes.pitch.tolist(), content.notes.velocity.tolist()))
    assert vels == {36: round(0.8 * 127), 38: round(0.6 * 127), 42: round(0.5 * 127), 51: 127}
    # every note ends after it starts and before the next hit of its pad
    assert np.all(content.notes.end > content.notes.start)


def test_write_uses_drum_map_outputs(tmp_path):
    outputs = list(GM_DRUM_MAP.output)
    outputs[0] = 35
    kit = DrumMap("kit", GM_DRUM_MAP.input, tuple(outputs))
    path = tmp_path / "kit.mid"
    write_loops(path, [loop_from_cells({(0, 0): (0.5, 0.0), (2, 1): (0.5, 0.0)})], drum_map=kit)
    assert sorted(read_midi(path).notes.pitch.tolist()) == [35, 38]


def test_early_first_note_clamped_to_zero(tmp_path):
    path = tmp_path / "early.mid"
    write_loops(path, [loop_from_cells({(0, 0): (0.5, -0.3), (4, 1): (0.5, 0.0)})])
    content = read_midi(path)
    assert sorted(content.notes.start.tolist()) == [0.0, 1.0]


def test_consecutive_loops_every_8_beats(tmp_path):
    loop = loop_from_cells({(0, 0): (0.5, 0.0)})
    path = tmp_path / "three.mid"
    write_loops(path, [loop, loop, loop])
    assert sorted(read_midi(path).notes.start.tolist()) == [0.0, 8.0, 16.0]


def test_write_replaces_existing_file_atomically(tmp_path):
    path = tmp_path / "out.mid"
    path.write_bytes(b"old contents, not MIDI")
    write_loops(path, [loop_from_cells({(0, 0): (0.5, 0.0)})])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mid"]
    assert len(read_midi(path).notes) == 1
    write_loops(path, [loop_from_cells({(0, 0): (0.5, 0.0), (8, 1): (0.5, 0.0)})])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mid"]
    assert len(read_midi(path).notes) == 2


def test_written_files_get_the_usual_permissions(tmp_path):
    # other programs (a DAW, a file manager) must be able to read what ReaGroove writes
    old = os.umask(0o022)
    try:
        new = tmp_path / "new.mid"
        write_loops(new, [loop_from_cells({(0, 0): (0.5, 0.0)})])
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.mid"
        kept.write_bytes(b"")
        kept.chmod(0o664)
        write_loops(kept, [loop_from_cells({(0, 0): (0.5, 0.0)})])
        assert kept.stat().st_mode & 0o777 == 0o664  # an existing file keeps its mode
    finally:
        os.umask(old)


def test_failed_write_keeps_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "out.mid"
    write_loops(path, [loop_from_cells({(0, 0): (0.5, 0.0)})])
    before = path.read_bytes()

    def broken_save(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mido.MidiFile, "save", broken_save)
    with pytest.raises(OSError):
        write_loops(path, [loop_from_cells({(4, 1): (0.9, 0.0)})])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mid"]


def test_failed_first_write_leaves_nothing(tmp_path, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mido.MidiFile, "save", broken_save)
    with pytest.raises(OSError):
        write_loops(tmp_path / "new.mid", [Loop.empty()])
    assert list(tmp_path.iterdir()) == []


def test_a_missing_file_is_said_in_the_words_every_command_uses(tmp_path):
    with pytest.raises(MidiFileError, match="no such file or folder"):
        read_midi(tmp_path / "missing.mid")
