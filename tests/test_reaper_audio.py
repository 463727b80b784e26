"""Audio items in REAPER: "Drumify selected items" follows a recorded part as it follows MIDI.

A plucked 8th-note line is rendered to a WAV, put on an audio item at bar 3
of a 100 BPM project with a take start offset, played at rate 1 and at rate 2
(the file then holds the line at half the tempo), and drumified inside REAPER
and over the socket. The stand-in model puts kicks on the groove's hits, so
kicks must land on the project positions where the 8ths are heard.
"""

import json

import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, render
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE, reaper_process  # noqa: F401  (the distant-mode fixture)

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge, ReaperError

BPM = 100.0  # the project's tempo
LEAD_S = 0.5  # silence before the first note in the file
SKIPPED = 2  # 8ths of the file before the take's start offset
ITEM_QN, ITEM_LEN_QN = 8.0, 16.0  # bars 3-6 of 4/4
PLAYED = np.arange(ITEM_QN, ITEM_QN + ITEM_LEN_QN, 0.5)  # where the 8ths are heard in the project
SR = 44100


def render_line(path, rate):
    """A file whose 8ths, played at `rate`, are 8ths at BPM; a few notes more than the item shows."""
    file_bpm = BPM / rate
    n = SKIPPED + len(PLAYED) + 3
    onsets = grid_onsets(np.arange(n) * 2, file_bpm, LEAD_S)
    vel = np.where(np.arange(n) % 2 == SKIPPED % 2, 1.0, 0.55)  # accents on the beats the item shows
    sf.write(path, render(onsets, vel, timbre="pluck", sr=SR, duration_s=onsets[-1] + 0.6, seed=3), SR)
    return LEAD_S + SKIPPED * 30.0 / file_bpm  # the take's start offset: on the third note


@pytest.fixture(scope="module")
def lines(tmp_path_factory):
    d = tmp_path_factory.mktemp("audio")
    return {rate: (str(d / f"line_x{rate:g}.wav"), render_line(d / f"line_x{rate:g}.wav", rate)) for rate in (1.0, 2.0)}


def audio_project(path, startoffs, rate, *, midi_notes=None):
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    gtr = spec.add_track("Guitar", selected=True)
    spec.add_audio_item(gtr, path, start_qn=ITEM_QN, length_qn=ITEM_LEN_QN, startoffs=startoffs, playrate=rate,
                        selected=True, name="guitar take")
    if midi_notes is not None:
        keys = spec.add_track("Keys")
        spec.add_midi_item(keys, start_qn=ITEM_QN, length_qn=8, selected=True, notes=midi_notes)
    spec.add_track("Pads")
    return spec


def engine():
    return Engine(StubModel())


def kicks(items):
    return np.array(sorted(n[0] for i in items for n in i["notes"] if n[2] == 36))


def assert_kicks_on(found, expected):
    """One kick per expected position, each within a 16th (0.25 QN) of it, and none elsewhere."""
    assert len(found) == len(expected), (found, expected)
    assert np.abs(found - np.asarray(expected)).max() < 0.25, (found, expected)


def guitar_track(project_dict):
    return json.dumps([t for t in project_dict["tracks"] if t["name"] == "Guitar"], sort_keys=True)


@pytest.mark.parametrize("rate", [1.0, 2.0])
def test_drumify_an_audio_item_inside(lines, rate):
    path, startoffs = lines[rate]
    with reapy_inside(audio_project(path, startoffs, rate), purge=PURGE) as s:
        before = guitar_track(s.reaper.project.to_dict())
        bridge = LocalBridge()
        # a temperature given: one draw (a seed alone would be drawn until it differs from seed 0's drums)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2, temperature=0.3))
        assert bridge.round_trips == 3  # read the selection, its onsets through the tempo map, write
        assert res["created"] and res["written"] == 2
        rpr = s.rpr
        names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
        assert names == ["Guitar", "ReaGroove Drums", "Pads"]
        items = bridge.call("drum_track_items")["items"]
        assert [(i["start_qn"], i["end_qn"]) for i in items] == [(8.0, 16.0), (16.0, 24.0)]  # the bar grid over the item
        assert_kicks_on(kicks(items), PLAYED)  # the heard 8ths, not the skipped ones nor those after the item
        assert guitar_track(s.reaper.project.to_dict()) == before  # the audio item is untouched
        assert s.reaper.undo_names == ["ReaGroove: drumify (temperature 0.30, seed 2)"]


def test_audio_and_midi_items_make_one_groove_and_velocity_follows_the_attacks(lines):
    path, startoffs = lines[1.0]
    offbeats = [(0.25 + k, 0.2, 60, 100) for k in range(8)]  # the keys play each beat's second 16th (bars 3-4)
    with reapy_inside(audio_project(path, startoffs, 1.0, midi_notes=offbeats), purge=PURGE) as s:
        bridge = LocalBridge()
        pattern = actions.pattern_from_selection(bridge, "reaper-A")
        hits = np.flatnonzero(pattern.groove[:, 0])
        assert set(hits) == set(range(0, 32, 2)) | set(range(1, 32, 4))  # guitar 8ths + keys 16ths
        vel = pattern.groove[:, 1]
        assert vel[0:32:4].mean() > vel[2:32:4].mean() + 0.15  # the accented notes on the beats are louder
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        assert bridge.round_trips == 3
        expected = sorted(set(PLAYED) | {ITEM_QN + q for q, *_ in offbeats})
        assert_kicks_on(kicks(bridge.call("drum_track_items")["items"]), expected)
        # one drum track, under the lowest selected item's track
        assert s.rpr.RPR_GetTrackName(s.rpr.RPR_GetTrack(0, 2), "", 256)[2] == "ReaGroove Drums"


def test_a_clipping_audio_item_is_drumified_with_a_note_saying_so(lines, tmp_path):
    path, startoffs = lines[1.0]
    audio, sr = sf.read(path)
    hot = tmp_path / "hot.wav"
    sf.write(hot, np.clip(audio / np.abs(audio).max() * 3.6, -1, 1), sr)  # driven 12 dB into the clip
    with reapy_inside(audio_project(str(hot), startoffs, 1.0), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings(seed=2))
        assert res["written"] == 2
        said = [m for m in res["messages"] if "clips heavily" in m]
        assert len(said) == 1 and said[0].startswith("'guitar take': ")


def test_missing_audio_file_is_one_clear_line(tmp_path):
    gone = tmp_path / "bounced_guitar.wav"
    with reapy_inside(audio_project(str(gone), 0.0, 1.0), purge=PURGE) as s:
        bridge = LocalBridge()
        with pytest.raises(ReaperError) as err:
            actions.drumify_selection(bridge, engine(), Settings())
        msg = str(err.value)
        assert "\n" not in msg and str(gone) in msg and "no such file" in msg and "guitar take" in msg
        assert s.rpr.RPR_CountTracks(0) == 2 and s.reaper.undo_names == []  # nothing written


def test_reversed_audio_is_left_out_with_a_message(lines):
    path, startoffs = lines[1.0]
    spec = ProjectSpec(bpm=BPM)
    gtr = spec.add_track("Guitar")
    spec.add_audio_item(gtr, path, start_qn=ITEM_QN, length_qn=8, selected=True, name="backwards",
                        section=(0.0, 8.0, True))
    with reapy_inside(spec, purge=PURGE):
        with pytest.raises(ReaperError, match="left out 'backwards': it plays its audio reversed"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())


def test_a_section_source_is_read_from_its_parent_file(lines):
    """A source section (as REAPER makes for 'item properties: section') starts at its offset in the file."""
    path, startoffs = lines[1.0]
    spec = ProjectSpec(bpm=BPM)
    gtr = spec.add_track("Guitar")
    # the section starts at the file's 3rd note; the take starts 2 notes (0.6 s) into the section
    spec.add_audio_item(gtr, path, start_qn=ITEM_QN, length_qn=8, startoffs=0.6, selected=True,
                        section=(startoffs, 30.0, False))
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        assert_kicks_on(kicks(bridge.call("drum_track_items")["items"]), PLAYED[:16])


def test_distant_drumify_of_an_audio_item(lines, reaper_process):  # noqa: F811
    path, startoffs = lines[2.0]
    proc, port = reaper_process(audio_project(path, startoffs, 2.0))
    before = guitar_track(proc.snapshot()["project"])
    proc.reset_stats()
    bridge = DistantBridge(port)
    res = actions.drumify_selection(bridge, engine(), Settings())
    assert res["written"] == 2 and bridge.round_trips == 3
    assert proc.round_trips() <= 3  # as REAPER counts them
    items = bridge.call("drum_track_items")["items"]
    assert [(i["start_qn"], i["end_qn"]) for i in items] == [(8.0, 16.0), (16.0, 24.0)]
    assert_kicks_on(kicks(items), PLAYED)
    snap = proc.snapshot()
    assert guitar_track(snap["project"]) == before
    assert snap["project"]["undo_names"] == ["ReaGroove: drumify selected items"]
    bridge.close()


def test_an_audio_band_item_gives_the_model_its_bass_part(tmp_path):
    """The low bands' onsets of a recorded band (bass with guitar or keys) reach the engine as the bass part,
    as a MIDI bass track's notes do."""
    from audio_synth import make_part

    from reagroove.core.groove import extract_windows

    audio, bar1_s = make_part("band", BPM, seconds=12.0, seed=4, sr=SR)
    path = tmp_path / "band.wav"
    sf.write(path, audio, SR)
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    band = spec.add_track("Band", selected=True)
    spec.add_audio_item(band, str(path), start_qn=ITEM_QN, length_qn=ITEM_LEN_QN, startoffs=bar1_s, playrate=1.0,
                        selected=True, name="band take")
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        sel = actions.read_selection(bridge)
        assert bridge.round_trips == 2  # the selection, then all onsets through the tempo map at once
        assert sel.content.bass_part is not None and len(sel.content.bass_part) > 0
        assert (sel.content.bass_part.pitch < 48).all()
        wins = extract_windows(sel.content)
        bass_steps = wins.bass[..., 0] > 0
        assert bass_steps.sum() >= 8  # a bass line, not a stray note
        # a bass note's attack is heard in the whole band too: most bass steps are groove onsets
        assert (bass_steps & (wins.grooves[..., 0] > 0)).sum() >= 0.7 * bass_steps.sum()
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert res["created"]
