"""A MIDI item carrying a file's end marker (core/end_marker.py: one note at velocity 10 a bar after the final chord)
selected with an audio take: the MIDI-only selection ends on the final chord, the mixed one had read the marker as
music (the drums grooved on through the final chord's bar and into the marker's). Both now end as the song does."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import render
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BPM, SR = 100.0, 44100
FINAL = 28.0  # the final chord, on bar 8's 1; the marker on bar 9's


@pytest.fixture(scope="module")
def bass_take(tmp_path_factory):
    """A plucked bass on 8ths (every third left out) over the first 4 bars."""
    t = 0.3 + np.arange(30) * 30.0 / BPM
    t = t[np.arange(len(t)) % 3 != 2]
    path = tmp_path_factory.mktemp("take") / "bass.wav"
    sf.write(path, render(t, np.full(len(t), 0.9), timbre="pluck", sr=SR, duration_s=t[-1] + 0.5, seed=5), SR)
    return str(path)


def project(take, marker=10):
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    keys = spec.add_track("Keys", selected=True)
    notes = [(4.0 * b + t, 0.5, 40 + 2 * (t % 2), 100, 0) for b in range(7) for t in range(4)]  # a bass on each beat
    notes += [(4.0 * b, 0.5, p, 80, 1) for b in range(7) for p in (60, 64, 67)]  # a chord on each 1
    notes += [(FINAL, 0.5, p, 100, c) for p, c in ((40, 0), (60, 1), (64, 1), (67, 1))]
    if marker:
        notes.append((FINAL + 4, 0.5, 69, marker, 2))
    spec.add_midi_item(keys, notes, start_qn=0, length_qn=32.9, selected=True, name="song")
    if take:
        spec.add_audio_item(spec.add_track("Bass"), take, start_qn=0, length_qn=16, selected=True, name="bass")
    return spec


def drumify(spec):
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        hits = sorted(n[0] for i in bridge.call("drum_track_items")["items"] for n in i["notes"])
    return res, hits


def test_a_mixed_selection_ends_on_the_final_chord_as_the_midi_one_does(bass_take):
    res, hits = drumify(project(bass_take))
    assert hits and max(hits) < FINAL + 0.125, "drums after the final chord"
    assert any("end marker" in m and "bar 9" in m for m in res["messages"])
    _, unmarked = drumify(project(bass_take, marker=0))  # as the same band without its marker
    assert hits == unmarked
    _, midi_only = drumify(project(None))
    assert max(midi_only) < FINAL + 0.125


def test_a_soft_last_note_the_take_plays_past_is_music(bass_take):
    spec = project(None)
    spec.add_audio_item(spec.add_track("Bass"), bass_take, start_qn=20, length_qn=16, selected=True, name="bass")
    res, hits = drumify(spec)
    assert not any("end marker" in m for m in res["messages"])
    assert max(hits) > FINAL + 4 - 0.125
