"""Audio items as producers leave them in REAPER: trimmed, sped up, looped, split, on a tempo-changing
project. The drums must follow the take as it is heard (the item's view of its file), on the right bars,
with the source items and files untouched and one undo point.

A bass line of plucked notes is rendered to a WAV with a known rhythm; the stand-in model puts kicks on the
groove's hits, so the kicks must land where the notes are heard in the project.
"""

import json

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
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError

BPM = 100.0
SR = 44100
BEAT_S = 60.0 / BPM
LEAD_S = 0.3  # silence before the file's first note (an 8th at BPM)
N_NOTES = 40  # 8ths: 5 bars at BPM


def note_times():
    """Source seconds of the file's notes: 8ths at BPM, every third one left out (a rhythm, not a pulse)."""
    k = np.arange(N_NOTES * 3 // 2)
    k = k[k % 3 != 2][:N_NOTES]
    return LEAD_S + k * BEAT_S / 2


@pytest.fixture(scope="module")
def bass(tmp_path_factory):
    d = tmp_path_factory.mktemp("bass")
    t = note_times()
    audio = render(t, np.full(len(t), 0.9), timbre="pluck", sr=SR, duration_s=t[-1] + 0.5, seed=5)
    mono = d / "bass.wav"
    sf.write(mono, audio, SR)
    left = d / "bass_left.wav"
    sf.write(left, np.stack([audio, np.zeros_like(audio)], axis=1), SR)
    return {"mono": str(mono), "left": str(left), "length": len(audio) / SR}


def heard_qn(item_qn, startoffs, rate, length_s, times=None, bpm=BPM, loop_s=None):
    """Project QN where the file's notes are heard in an item at item_qn (constant tempo bpm)."""
    t = note_times() if times is None else np.asarray(times)
    if loop_s:
        t = np.concatenate([t + k * loop_s for k in range(0, 8)])
    u = (t - startoffs) / rate
    u = u[(u >= -1e-6) & (u < length_s - 0.02)]
    return np.sort(item_qn + u * bpm / 60.0)


def kicks(items):
    return np.array(sorted(n[0] for i in items for n in i["notes"] if n[2] == 36))


def assert_kicks_on(found, expected):
    """One kick per expected position, each within half a 16th of it, and none elsewhere."""
    exp = np.asarray(expected)
    assert len(found) == len(exp), (found, exp)
    assert np.abs(found - exp).max() < 0.13, (found, exp)


def drumify(s):
    bridge = LocalBridge()
    res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
    items = bridge.call("drum_track_items")["items"]
    assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]
    return res, items


def tracks_except_drums(s):
    return json.dumps([t for t in s.reaper.project.to_dict()["tracks"] if "Drums" not in t["name"]], sort_keys=True)


def one_take(bpm=BPM):
    spec = ProjectSpec(bpm=bpm, timesig=(4, 4))
    bass_track = spec.add_track("Bass", selected=True)
    spec.add_track("Keys")
    return spec, bass_track


def test_a_take_split_on_the_one_plays_each_note_once_and_none_past_its_end(bass):
    """A bass take split in REAPER at bar 9 (both items play the same file): the note on the split's one is
    the second item's; the first item's end, cut on that attack, adds no note past its bars (nor a message)."""
    spec, tr = one_take()
    split_s = 16 * BEAT_S
    spec.add_audio_item(tr, bass["mono"], start_qn=16, length_qn=16, startoffs=LEAD_S, selected=True, name="bass",
                        loop=False)
    # the second half ends on the attack of the note at QN 40 (cut there by a second split)
    spec.add_audio_item(tr, bass["mono"], start_qn=32, length_qn=8, startoffs=LEAD_S + split_s, selected=True,
                        name="bass", loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        before = tracks_except_drums(s)
        res, items = drumify(s)
        assert [(i["start_qn"], i["end_qn"]) for i in items] == [(16.0, 24.0), (24.0, 32.0), (32.0, 40.0)]
        assert res["messages"] == []
        assert_kicks_on(kicks(items), heard_qn(16, LEAD_S, 1.0, 24 * BEAT_S))
        assert tracks_except_drums(s) == before


def test_an_offline_take_is_left_out_with_a_line_and_the_others_get_their_drums(bass, tmp_path):
    """A guitar take whose file went missing (offline in REAPER) beside a bass take that plays: the bass gets
    its drums, the guitar is named in one line with its file; alone, it is the one-line error."""
    gone = tmp_path / "gtr_take_03.wav"
    spec, tr = one_take()
    spec.add_audio_item(tr, bass["mono"], start_qn=8, length_qn=16, startoffs=LEAD_S, selected=True, name="bass take",
                        loop=False)
    gtr = spec.add_track("Guitar")
    spec.add_audio_item(gtr, str(gone), start_qn=8, length_qn=16, selected=True, name="gtr take", loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        res, items = drumify(s)
        said = [m for m in res["messages"] if "gtr take" in m]
        assert len(said) == 1 and str(gone) in said[0] and "no such file" in said[0] and "\n" not in said[0]
        assert_kicks_on(kicks(items), heard_qn(8, LEAD_S, 1.0, 16 * BEAT_S))


@pytest.mark.parametrize("case", ["trimmed both ends", "playrate 1.1, pitch kept", "left channel only",
                                  "project at 120 BPM"])
def test_a_take_is_followed_as_heard(bass, case):
    """The item's view of its file, not the file from its start: a take trimmed at both ends (start offset
    mid-file), sped up 10% with its pitch kept, a stereo take with the bass on the left only, a take
    recorded at 100 BPM in a project at 120 (the notes fall where they fall; the drums follow them)."""
    bpm = 120.0 if "120" in case else BPM
    spec, tr = one_take(bpm)
    offs, rate, length_qn = LEAD_S, 1.0, 16
    if case.startswith("trimmed"):
        offs, length_qn = LEAD_S + 3 * BEAT_S, 10  # starts on the 4th note's beat, ends mid-file in bar 5
    if "1.1" in case:
        rate = 1.1
    path = bass["left" if "left" in case else "mono"]
    spec.add_audio_item(tr, path, start_qn=8, length_qn=length_qn, startoffs=offs, playrate=rate, selected=True,
                        name=case, loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        if "1.1" in case:
            s.rpr.RPR_SetMediaItemTakeInfo_Value(s.rpr.RPR_GetActiveTake(s.rpr.RPR_GetSelectedMediaItem(0, 0)),
                                                 "B_PPITCH", 1.0)
        before = tracks_except_drums(s)
        res, items = drumify(s)
        assert items[0]["start_qn"] == 8.0 and items[-1]["end_qn"] == 8.0 + length_qn
        assert_kicks_on(kicks(items), heard_qn(8, offs, rate, length_qn * 60.0 / bpm, bpm=bpm))
        assert tracks_except_drums(s) == before


def test_a_looped_take_repeats_its_file_past_its_end(bass):
    """An item dragged longer than its file with 'loop source' on: the second pass is followed as the first
    (bars by a section's fill, the band changing there, left unchecked)."""
    spec, tr = one_take()
    spec.add_audio_item(tr, bass["mono"], start_qn=8, length_qn=48, selected=True, name="loop", loop=True)
    with reapy_inside(spec, purge=PURGE) as s:
        _res, items = drumify(s)
        assert items[-1]["end_qn"] == 56.0
        found = kicks(items)
        expected = heard_qn(8, 0.0, 1.0, 48 * BEAT_S, loop_s=bass["length"])
        second = expected[expected > 8 + bass["length"] / BEAT_S + 4]  # the second pass, past the fill bar
        assert len(second) > 16
        assert all(np.abs(found - q).min() < 0.13 for q in second)
        assert all(np.abs(expected - q).min() < 0.13 for q in found)  # no kick where nothing plays


def test_a_tempo_change_mid_take_keeps_the_drums_on_its_notes(tmp_path):
    """A take played to a tempo map (100 BPM, then 120 from bar 5): its 8ths land on the project's 8ths on
    both sides of the change. The jump starts a section (core/sections.py tempo_sections): the drums fill over
    the bar before it (the item's bar 2, QN 12-16) and crash on it."""
    q = np.arange(0, 32, 0.5)
    q = q[(np.arange(len(q)) % 3) != 2]
    t = np.where(q < 8, q * 0.6, 4.8 + (q - 8) * 0.5)
    path = tmp_path / "bass_to_the_map.wav"
    sf.write(path, render(t, np.full(len(t), 0.9), timbre="pluck", sr=SR, duration_s=t[-1] + 0.5, seed=6), SR)
    spec, tr = one_take()
    spec.tempo_marker(120.0, qn=16)
    spec.add_audio_item(tr, str(path), start_qn=8, end_qn=40, selected=True, name="bass", loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        _res, items = drumify(s)
        assert [(i["start_qn"], i["end_qn"]) for i in items][::2] == [(8.0, 16.0), (24.0, 32.0)]
        found, fill = kicks(items), (8 + q >= 12) & (8 + q < 16)
        assert_kicks_on(found[(found < 12) | (found >= 16)], (8 + q)[~fill])
        assert all(np.abs(k - (8 + q)).min() < 0.13 for k in found)  # the fill's kicks on the take's notes too
        crashes = [n[0] for i in items for n in i["notes"] if n[2] == 49]
        assert any(abs(c - 16.0) < 0.13 for c in crashes)


def test_hand_edits_stay_with_a_reaper_selection_by_its_guids_and_a_change_in_it_is_said(tmp_path):
    """The editor keeps hand edits with REAPER's selection by its items' GUIDs (read with the selection, no
    round trip more): the same items give them back; a bass note moved in REAPER since is the same part
    changed, as a file edited is: its edits, made on other notes, are not put back, and the producer is told
    (before, it was silently another part, its edits lost without a word)."""
    from reagroove.reaper_ext.panel.edits import HandEdits
    from reagroove.reaper_ext.panel.input_groove import input_from_selection
    from reagroove.reaper_ext.panel.kept_edits import KeptEdits

    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    tr = spec.add_track("Bass", selected=True)
    spec.add_midi_item(tr, start_qn=0, length_qn=8, selected=True,
                       notes=[(q, 0.4, 36 + (k % 3) * 7, 100) for k, q in enumerate(np.arange(0, 8, 0.5))])
    kept = KeptEdits(tmp_path / "hand_edits.json")
    with reapy_inside(spec, purge=PURGE) as s:
        bridge = LocalBridge()
        part = input_from_selection(bridge).part
        assert bridge.round_trips == 1
        assert kept.keep(part, "REAPER selection", {1: HandEdits().set(0, 6, 4, 0.8)}) == ""
        again = input_from_selection(LocalBridge()).part
        edits, said = kept.restore(again, "REAPER selection")
        assert len(edits[1]) == 1 and "restored 1 hand edit" in said
        take = s.rpr.RPR_GetActiveTake(s.rpr.RPR_GetSelectedMediaItem(0, 0))
        res = s.rpr.RPR_MIDI_GetNote(take, 3, 0, 0, 0, 0, 0, 0, 0)
        s.rpr.RPR_MIDI_SetNote(take, 3, res[3], res[4], res[5] + 240, res[6] + 240, res[7], res[8], res[9], False)
        moved = input_from_selection(LocalBridge()).part
        assert moved[1] != part[1]  # its content changed
        edits, said = kept.restore(moved, "REAPER selection")
        assert edits == {} and "1 hand edit kept for REAPER selection not restored" in said
        assert "selection changed in REAPER" in said and "\n" not in said


def test_a_take_started_past_its_files_end_says_so(bass):
    """A take whose start offset was dragged past its file's end (no loop) plays silence: the producer is told
    that, in one line, not only that the selection 'holds no onsets'; another item still gets its drums."""
    spec, tr = one_take()
    spec.add_audio_item(tr, bass["mono"], start_qn=8, length_qn=16, startoffs=30.0, selected=True, name="past end",
                        loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        with pytest.raises(ReaperError) as err:
            drumify(s)
        msg = str(err.value)
        assert "'past end'" in msg and "past its end" in msg and "\n" not in msg
    spec.add_audio_item(tr, bass["mono"], start_qn=24, length_qn=8, startoffs=LEAD_S, selected=True, name="bass",
                        loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        res, items = drumify(s)
        assert [m for m in res["messages"] if "'past end'" in m and "past its end" in m]
        assert_kicks_on(kicks(items), heard_qn(24, LEAD_S, 1.0, 8 * BEAT_S))


def test_a_silent_take_is_named_in_the_error(tmp_path):
    """A take of room tone (silence) selected alone: the error names it, as an empty MIDI item's does, not only
    'the selected items hold no notes or onsets'."""
    silence = tmp_path / "room_tone.wav"
    sf.write(silence, np.zeros(SR * 10, np.float32), SR)
    spec, tr = one_take()
    spec.add_audio_item(tr, str(silence), start_qn=0, length_qn=16, selected=True, name="room tone", loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        with pytest.raises(ReaperError) as err:
            drumify(s)
    assert str(err.value) == "the selected items hold no notes or onsets ('room tone': no onsets found)"
