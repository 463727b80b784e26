"""A producer's tour of arranging a song in REAPER with ReaGroove: tempo maps, meters and take settings they
leave on their items, checked against what REAPER plays."""

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

BPM = 100.0
SR = 44100
BEAT_S = 60.0 / BPM
LEAD_S = 0.3


@pytest.fixture(scope="module")
def dual_mono(tmp_path_factory):
    """A stereo file recorded from two inputs at once: a bass DI on the left (8ths, every third left out), a
    guitar on the right (offbeat 16ths, another rhythm): two items play it, each one side (I_CHANMODE)."""
    k = np.arange(60)
    bass = LEAD_S + k[k % 3 != 2][:40] * BEAT_S / 2
    gtr = LEAD_S + BEAT_S / 4 + np.arange(20) * BEAT_S
    left = render(bass, np.full(len(bass), 0.9), timbre="pluck", sr=SR, duration_s=12.0, seed=5)
    right = render(gtr, np.full(len(gtr), 0.9), timbre="pluck", sr=SR, duration_s=12.0, seed=6)
    path = tmp_path_factory.mktemp("dual") / "bass_and_gtr.wav"
    sf.write(path, np.stack([left, right], axis=1), SR)
    return {"path": str(path), "left": bass, "right": gtr}


@pytest.mark.parametrize("mode, side", [(3, "left"), (4, "right")])
def test_an_item_playing_one_channel_of_a_stereo_file_is_drummed_to_that_channel(dual_mono, mode, side):
    """Bass DI on the left, guitar on the right of one file; the bass item set to 'mono (left)' (take channel
    mode): its drums followed the guitar's offbeats too, as both channels were read. Now only the side REAPER
    plays is heard, the file untouched."""
    spec = ProjectSpec(bpm=BPM)
    spec.add_audio_item(spec.add_track("Bass"), dual_mono["path"], start_qn=8, length_qn=16, selected=True,
                        name=side)
    with open(dual_mono["path"], "rb") as f:
        before = f.read()
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(rpr.RPR_GetSelectedMediaItem(0, 0)), "I_CHANMODE", mode)
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        items = bridge.call("drum_track_items")["items"]
        kicks = np.array(sorted(n[0] for i in items for n in i["notes"] if n[2] == 36))
        heard = 8 + dual_mono[side][dual_mono[side] < 16 * BEAT_S - 0.02] / BEAT_S
        assert len(kicks) == len(heard) and np.abs(kicks - heard).max() < 0.13, (kicks, heard)
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]
    with open(dual_mono["path"], "rb") as f:
        assert f.read() == before


def engine():
    return Engine(StubModel())


def drum_items(rpr, name="ReaGroove Drums"):
    """(start_qn, end_qn, position_s, end_s, kick times in seconds) of each item on the track named `name`."""
    track = next(t for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)))
                 if rpr.RPR_GetTrackName(t, "", 256)[2] == name)
    out = []
    for k in range(rpr.RPR_CountTrackMediaItems(track)):
        item = rpr.RPR_GetTrackMediaItem(track, k)
        take = rpr.RPR_GetActiveTake(item)
        pos = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        end = pos + rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
        kicks = [rpr.RPR_MIDI_GetProjTimeFromPPQPos(take, note[5]) for note in
                 (rpr.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0) for i in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]))
                 if note[8] == 36]
        out.append((round(rpr.RPR_TimeMap2_timeToQN(0, pos), 6), round(rpr.RPR_TimeMap2_timeToQN(0, end), 6), pos, end, kicks))
    return sorted(out)


def test_verse_on_the_bass_and_chorus_on_the_keys_across_a_tempo_change():
    """Verse on the bass track (bars 1-8, 120 BPM), chorus on the keys track (bars 9-16), both selected; the
    song slows to 90 BPM at bar 10, inside a drum loop. The drums sit on the bar lines of the tempo map, their
    kicks on the parts' notes in seconds, on one new track after both parts, in one undo point."""
    spec = ProjectSpec(bpm=120)
    spec.tempo_marker(90, qn=36)
    bass, keys = spec.add_track("Bass"), spec.add_track("Keys")
    spec.add_midi_item(bass, start_qn=0, length_qn=32, selected=True, name="verse",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(32)])
    spec.add_midi_item(keys, start_qn=32, length_qn=32, selected=True, name="chorus",
                       notes=[(k * 1.0, 0.5, 60, 100) for k in range(32)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
        assert names == ["Bass", "Keys", "ReaGroove Drums"]
        items = drum_items(rpr)
        assert [(lo, hi) for lo, hi, *_ in items] == [(q, q + 8.0) for q in range(0, 64, 8)]
        for lo, hi, pos, end, kicks in items:
            assert pos == pytest.approx(rpr.RPR_TimeMap2_QNToTime(0, lo)) and end == pytest.approx(rpr.RPR_TimeMap2_QNToTime(0, hi))
            played = [rpr.RPR_TimeMap2_QNToTime(0, float(q)) for q in range(int(lo), int(hi))]
            assert kicks and all(min(abs(k - p) for p in played) < 0.02 for k in kicks)
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]


def test_a_single_2_4_bar_inside_the_selected_item_keeps_the_drums_on_the_bar_lines():
    """4/4, one 2/4 bar (bar 5, QN 16-18), 4/4 again: the drum items start and end on the project's bar lines
    (after the short bar too), cover the item once, and their kicks sit on the bass notes."""
    spec = ProjectSpec(bpm=120)
    spec.tempo_marker(120, qn=16, timesig=(2, 4))
    spec.tempo_marker(120, qn=18, timesig=(4, 4))
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=34, selected=True, name="riff",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(34)])
    with reapy_inside(spec, purge=PURGE) as s:
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        items = drum_items(s.rpr)
        lines = {0.0, 4.0, 8.0, 12.0, 16.0, 18.0, 22.0, 26.0, 30.0, 34.0}
        assert items[0][0] == 0.0 and items[-1][1] == 34.0
        assert all(lo in lines and hi in lines for lo, hi, *_ in items)
        assert all(a[1] == b[0] for a, b in zip(items, items[1:]))
        kicks = [s.rpr.RPR_TimeMap2_timeToQN(0, k) for *_, ks in items for k in ks]
        assert kicks and all(abs(q - round(q)) < 0.05 for q in kicks)


def project_state(rpr):
    """Every track (name, mute, solo, folder depth, selection) with its items (span, mute, selection, notes)."""
    out = []
    for i in range(rpr.RPR_CountTracks(0)):
        t = rpr.RPR_GetTrack(0, i)
        items = []
        for k in range(rpr.RPR_CountTrackMediaItems(t)):
            it = rpr.RPR_GetTrackMediaItem(t, k)
            take = rpr.RPR_GetActiveTake(it)
            notes = [rpr.RPR_MIDI_GetNote(take, n, 0, 0, 0, 0, 0, 0, 0)[3:10]
                     for n in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2])]
            items.append([rpr.RPR_GetMediaItemInfo_Value(it, key) for key in ("D_POSITION", "D_LENGTH", "B_MUTE", "B_UISEL")]
                         + [rpr.RPR_GetTakeName(take), notes])
        out.append([rpr.RPR_GetTrackName(t, "", 256)[2]] + [rpr.RPR_GetMediaTrackInfo_Value(t, key) for key in
                   ("B_MUTE", "I_SOLO", "I_FOLDERDEPTH", "I_SELECTED")] + [items])
    return out


def test_variations_twice_then_drumify_each_undone_to_exactly_what_was_before():
    """Two rounds of variations, then Drumify (which mutes the variation heard): three undo points, one per
    action; each undo leaves the project exactly as it was before that action, and redo brings it all back."""
    spec = ProjectSpec(bpm=120)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=32, selected=True, name="verse",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(32)])
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        states = [project_state(rpr)]
        for run in (lambda: actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2),
                    lambda: actions.variations_of_selection(bridge, engine(), Settings(seed=2), 2),
                    lambda: actions.drumify_selection(bridge, engine(), Settings(seed=3))):
            run()
            states.append(project_state(rpr))
        assert s.reaper.undo_names == ["ReaGroove: 2 variations"] * 2 + ["ReaGroove: drumify (seed 3)"]
        var1_muted = [next(t[1] for t in state if t[0] == "ReaGroove Var 1") for state in states[2:]]
        assert var1_muted == [0.0, 1.0]  # heard after the variations, muted by Drumify
        for k in (2, 1, 0):
            rpr.RPR_Undo_DoUndo2(0)
            assert project_state(rpr) == states[k]
        for k in (1, 2, 3):
            rpr.RPR_Undo_DoRedo2(0)
            assert project_state(rpr) == states[k]
