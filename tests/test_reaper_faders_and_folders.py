"""Drumify, Variations and Set pattern as a producer runs them in REAPER: faders, folders, loops, takes."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError


def riff(spec, track, start_qn=0.0, length_qn=16.0, n=16, name="riff", pitch=40):
    """A selected bass riff: one note per `length_qn / n` QN from `start_qn`."""
    step = length_qn / n
    spec.add_midi_item(track, start_qn=start_qn, length_qn=length_qn, selected=True, name=name,
                       notes=[(k * step, step / 2, pitch, 100) for k in range(n)])


def track(rpr, i):
    return rpr.RPR_GetTrack(0, i)


# ---------------------------------------------------------------- a fader pulled down to -inf


@pytest.mark.parametrize("where", ["track", "folder"])
def test_an_item_on_a_track_whose_fader_is_down_is_not_heard_and_left_out(where):
    """Bass and keys selected, the keys' fader (or their folder's) pulled to -inf: the drums followed the keys
    nobody hears. They are left out, and the producer is told why."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_track("Keys bus")
    keys = spec.add_track("Keys")
    riff(spec, bass, name="bass")
    riff(spec, keys, n=64, name="keys", pitch=60)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 1), "I_FOLDERDEPTH", 1)
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 2), "I_FOLDERDEPTH", -1)
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 1 if where == "folder" else 2), "D_VOL", 0.0)
        sel = actions.read_selection(LocalBridge())
        assert sorted({int(p) for p in sel.content.notes.pitch}) == [40]
        assert f"skipped 1 item not heard ({where} fader down): 'keys'" in sel.messages


def test_only_items_whose_fader_is_down_selected_says_raise_the_fader():
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 0), "D_VOL", 0.0)
        with pytest.raises(ReaperError, match=r"\(track fader down\); unmute, unsolo, route or turn up one"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())


@pytest.mark.parametrize("mode, heard", [(0, False), (1, True), (3, True)])
def test_a_fader_down_with_a_pre_fader_send_is_still_heard(mode, heard):
    """The fader down on a bass that feeds the headphone mix through a pre-fader send (I_SENDMODE 1 or 3):
    the band hears it, so the drums follow it; a post-fader send (0) goes quiet with the fader."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    cue = spec.add_track("Cue mix")
    spec.add_send(bass, cue, mode=mode)
    riff(spec, bass)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 0), "D_VOL", 0.0)
        assert rpr.RPR_GetTrackSendInfo_Value(track(rpr, 0), 0, 0, "I_SENDMODE") == mode
        assert rpr.RPR_GetTrackSendInfo_Value(track(rpr, 1), -1, 0, "I_SENDMODE") == mode  # the cue's receive
        if heard:
            assert actions.read_selection(LocalBridge()).content.notes.pitch.size == 16
            # the send muted: the fader down silences it after all
            rpr.RPR_SetTrackSendInfo_Value(track(rpr, 0), 0, 0, "B_MUTE", 1)
        with pytest.raises(ReaperError, match="track fader down"):
            actions.read_selection(LocalBridge())


def test_drumify_onto_a_drum_track_whose_fader_is_down_says_so():
    """The drum track's fader pulled down while auditioning the band: Drumify wrote drums nobody hears and said
    nothing."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert not [m for m in res["messages"] if "not heard" in m]
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 1), "D_VOL", 0.0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert res["written"]
        assert [m for m in res["messages"] if "not heard" in m and "fader" in m]


# ---------------------------------------------------------------- an item's own volume at -inf


@pytest.mark.parametrize("whose", ["item", "take"])
def test_an_item_whose_volume_is_pulled_to_minus_inf_is_left_out(whose):
    """A doubled keys part silenced with its item volume handle (or its take volume) at -inf, not muted: the
    drums followed it. It is left out like a muted item; a take flipped in phase (negative volume) is heard."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"), name="bass")
    riff(spec, spec.add_track("Keys"), n=64, name="keys", pitch=60)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        item = rpr.RPR_GetTrackMediaItem(track(rpr, 1), 0)
        take = rpr.RPR_GetActiveTake(item)

        def set_volume(v):
            if whose == "item":
                rpr.RPR_SetMediaItemInfo_Value(item, "D_VOL", v)
            else:
                rpr.RPR_SetMediaItemTakeInfo_Value(take, "D_VOL", v)

        set_volume(0.0)
        sel = actions.read_selection(LocalBridge())
        assert sorted({int(p) for p in sel.content.notes.pitch}) == [40]
        assert "skipped 1 item not heard (item volume down): 'keys'" in sel.messages
        set_volume(-1.0 if whose == "take" else 0.5)
        assert 60 in {int(p) for p in actions.read_selection(LocalBridge()).content.notes.pitch}
        # the bass muted too: nothing heard is selected, and the producer is told how to hear one
        set_volume(0.0)
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(track(rpr, 0), 0), "B_MUTE", 1)
        with pytest.raises(ReaperError, match=r"no selected item is heard \(item volume down, muted\); unmute, "
                                              r"unsolo, route or turn up one"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert not s.reaper.undo_names


# ---------------------------------------------------------------- Variations, then Drumify


def test_drumify_after_variations_says_a_variation_still_plays_over_the_same_bars():
    """Variations auditioned (Var 1 plays), then Drumify for the drum track: both kits played at once and
    nothing said so. Drumify mutes the variation heard over its bars and says which; where the variations
    play other bars, nothing is muted or said."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    riff(spec, bass, 0, 16, name="verse")
    spec.add_midi_item(bass, start_qn=32, length_qn=16, name="chorus",
                       notes=[(k * 1.0, 0.5, 43, 100) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert [m for m in res["messages"] if "muted 'ReaGroove Var 1'" in m], res["messages"]
        assert not [m for m in res["messages"] if "Var 2" in m]  # muted: not heard
        var1 = next(rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0))
                    if rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] == "ReaGroove Var 1")
        assert rpr.RPR_GetMediaTrackInfo_Value(var1, "B_MUTE") == 1
        # the chorus alone: the variations play the verse, no clash
        verse, chorus = (rpr.RPR_GetTrackMediaItem(track(rpr, 0), k) for k in range(2))
        rpr.RPR_SetMediaItemSelected(verse, False)
        rpr.RPR_SetMediaItemSelected(chorus, True)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        assert res["written"] and not [m for m in res["messages"] if "also play" in m]


# ---------------------------------------------------------------- a soloed folder


def test_an_item_inside_a_soloed_folder_is_heard():
    """The band's folder soloed (bass and keys inside it) to hear the rhythm section: every item in it was
    skipped as 'another track soloed', and Drumify refused. Soloing a folder solos its tracks; a track outside
    it (the pad) is left out, and one with solo defeat is heard."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Band")
    riff(spec, spec.add_track("Bass"), name="bass")
    riff(spec, spec.add_track("Keys"), n=32, name="keys", pitch=60)
    riff(spec, spec.add_track("Pad"), n=8, name="pad", pitch=72)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        for i, depth in enumerate([1, 0, -1, 0]):
            rpr.RPR_SetMediaTrackInfo_Value(track(rpr, i), "I_FOLDERDEPTH", depth)
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 0), "I_SOLO", 2)  # solo in place
        sel = actions.read_selection(LocalBridge())
        assert sorted({int(p) for p in sel.content.notes.pitch}) == [40, 60]
        assert sel.messages == ["skipped 1 item not heard (another track soloed): 'pad'"]
        rpr.RPR_SetMediaTrackInfo_Value(track(rpr, 3), "B_SOLO_DEFEAT", 1)
        assert sorted({int(p) for p in actions.read_selection(LocalBridge()).content.notes.pitch}) == [40, 60, 72]
