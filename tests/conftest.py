"""Shared fixtures: small MIDI files built with mido in tmp_path, the engine on the shipped model (loaded once
for the run), and the desktop's font for the Qt panel's tests."""

from __future__ import annotations

import os
from pathlib import Path

import mido
import pytest


# CI clones the repository with shared/ beside it.
GMD_DIR = Path(os.environ.get("REAGROOVE_GMD") or Path(__file__).resolve().parents[2] / "shared" / "data" / "groove-midi")


def save_tracks(path, tracks, *, tpb=480, fmt=1):
    """Write a MIDI file from tracks given as lists of (absolute tick, mido message).

    Events keep their list order within a tick; each track gets an end_of_track.
    """
    mf = mido.MidiFile(type=fmt, ticks_per_beat=tpb)
    for events in tracks:
        track = mido.MidiTrack()
        now = 0
        for tick, msg in sorted(events, key=lambda e: e[0]):  # stable: same-tick order kept
            track.append(msg.copy(time=tick - now))
            now = tick
        track.append(mido.MetaMessage("end_of_track", time=0))
        mf.tracks.append(track)
    mf.save(path)
    return Path(path)


def build_midi(path, notes, *, tpb=480, tempos=((0, 120.0),), time_signatures=((0, 4, 4),), fmt=1, length=0.1):
    """Write notes given as (beat, pitch, velocity, channel[, track]) beats in quarter notes.

    Tempo (beat, bpm) and time signature (beat, num, den) events go to the first
    track; in a type 1 file notes go to track 1 + their track number.
    """
    meta = [(round(b * tpb), mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm))) for b, bpm in tempos]
    meta += [
        (round(b * tpb), mido.MetaMessage("time_signature", numerator=n, denominator=d)) for b, n, d in time_signatures
    ]
    by_track: dict[int, list] = {}
    for note in notes:
        beat, pitch, vel, chan = note[:4]
        trk = note[4] if len(note) > 4 else 0
        on = round(beat * tpb)
        off = on + max(1, round(length * tpb))
        by_track.setdefault(trk, []).extend(
            [
                (on, 2, mido.Message("note_on", note=pitch, velocity=vel, channel=chan)),
                (off, 1, mido.Message("note_off", note=pitch, velocity=0, channel=chan)),
            ]
        )
    # Within a tick: meta events, then note-offs, then note-ons.
    ordered = lambda evs: [(t, m) for t, _, m in sorted(evs, key=lambda e: (e[0], e[1]))]  # noqa: E731
    meta_events = [(t, 0, m) for t, m in meta]
    if fmt == 0:
        everything = meta_events + [e for evs in by_track.values() for e in evs]
        tracks = [ordered(everything)]
    else:
        n_tracks = max(by_track, default=-1) + 1
        tracks = [ordered(meta_events)] + [ordered(by_track.get(k, [])) for k in range(n_tracks)]
    return save_tracks(path, tracks, tpb=tpb, fmt=fmt)


@pytest.fixture
def make_midi(tmp_path):
    """make_midi(notes, name="song.mid", **build_midi options) -> path in tmp_path."""

    def make(notes, name="song.mid", **kw):
        return build_midi(tmp_path / name, notes, **kw)

    return make


@pytest.fixture
def make_tracks(tmp_path):
    """make_tracks(tracks, name="raw.mid", tpb=480, fmt=1) -> path; tracks of (tick, message)."""

    def make(tracks, name="raw.mid", **kw):
        return save_tracks(tmp_path / name, tracks, **kw)

    return make


@pytest.fixture(scope="session")
def gmd_sample():
    """About 30 Groove MIDI Dataset files spread over the collection; skips when it is missing."""
    if not GMD_DIR.is_dir():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD_DIR} (set REAGROOVE_GMD)")
    files = sorted(GMD_DIR.rglob("*.mid"))
    if not files:
        pytest.skip(f"no .mid files under {GMD_DIR}")
    n = 30
    if len(files) <= n:
        return files
    return [files[int(i * len(files) / n)] for i in range(n)]


@pytest.fixture(autouse=True)
def user_data_apart(tmp_path_factory, monkeypatch):
    """Every test's ReaGroove user data (patterns, hand edits, the editor's lock) in a folder of its own: a
    producer's saved data never reaches a test, and no test writes into the producer's. A test that sets
    REAGROOVE_DATA itself overrides this."""
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path_factory.mktemp("reagroove_data")))


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """The Engine on the shipped model and genre patterns, loaded once for the whole run.

    Shared by every test: the network and the genre patterns are only read, and the engine's one cache (the
    patterns' encodings) gives each test what it would have computed itself. The user's patterns file is an
    empty folder's, so a producer's own saved patterns never reach a test."""
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine
    from reagroove.models.weights import DEFAULT_WEIGHTS

    if not DEFAULT_WEIGHTS.is_file():
        pytest.skip("shipped weights not built yet")
    return default_engine(patterns_path=tmp_path_factory.mktemp("user_data") / "patterns.json")


@pytest.fixture
def desktop_font(qtbot):
    """The desktop's font at `points` for the test's widgets (restored after)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.font()

    def use(points: int):
        font = app.font()
        font.setPointSize(points)
        app.setFont(font)

    yield use
    app.setFont(before)
