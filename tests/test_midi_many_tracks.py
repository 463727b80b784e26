"""A file holding more tracks than a 16-bit number counts (a damaged header's count, a tool writing a track per
note): each note keeps the track it came from, so the band's parts (a track and channel each) stay apart."""

from __future__ import annotations

import numpy as np

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows

from test_midi_damaged import eighths, smf, track, vl

EMPTY_TRACKS = 33_000  # past 32,767: a track's number no longer fits in 16 bits


def test_parts_on_tracks_past_32767_stay_apart(tmp_path):
    meter = vl(0) + b"\xff\x58\x04\x04\x02\x18\x08"
    bass, chords = eighths(64, pitch=36), eighths(64, pitch=72, ch=1)
    path = tmp_path / "many.mid"
    path.write_bytes(smf(track(meter), *[track(b"")] * EMPTY_TRACKS, track(bass), track(chords)))

    content = read_midi(path)

    assert sorted(set(content.notes.track.tolist())) == [EMPTY_TRACKS + 1, EMPTY_TRACKS + 2]
    parts = content.notes.parts()
    assert (parts >= 0).all() and len(np.unique(parts)) == 2
    windows = extract_windows(content)
    # the bass and the chords in each of the song's four 2-bar windows (was: track numbers wrapped below 0, five
    # windows counted [0, 2, 2, 2, 2]; with more such tracks drumify stopped on "'list' argument must have no
    # negative elements")
    assert windows.parts.tolist() == [2] * 4
    assert (windows.bass[..., 0] > 0).sum() == 64  # the bass alone is the low register: its 64 8ths drive the kick
