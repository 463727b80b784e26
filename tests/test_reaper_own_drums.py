"""The producer's own drum track (a guide beat on channel 10) selected with the band, then Drumify.

Its notes are left out of what the new drums follow, as the README says, but it kept playing: the reviewer got a
'ReaGroove Drums' track playing over it, two kits at once, said only as "85 notes on MIDI channel 10 (drums) left out
of the input". Now the drum track is written muted (as Variations start muted where ReaGroove drums play), in the same
undo point, and one line says why and how to hear it instead; the producer's own track is never touched.
"""

from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME

BARS = 8


def band(guide_selected=True, guide_muted=False):
    """A bass riff and the producer's own guide beat (kick, snare, hats on channel 10), bars 1-8, on two tracks."""
    spec = ProjectSpec(bpm=110)
    riff = [(4.0 * b + q, 0.25, 40, 100) for b in range(BARS) for q in (0.0, 0.75, 1.5, 2.5, 3.0)]
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=4 * BARS, selected=True, name="bass", notes=riff)
    beat = [(4.0 * b + q, 0.1, 36 if q in (0.0, 2.0) else 38 if q in (1.0, 3.0) else 42, 100, 9)
            for b in range(BARS) for q in (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5)]
    spec.add_midi_item(spec.add_track("Drums (mine)"), start_qn=0, length_qn=4 * BARS, selected=guide_selected,
                       muted=guide_muted, name="guide beat", notes=beat)
    return spec


def track_named(rpr, name):
    return next(t for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)))
                if rpr.RPR_GetTrackName(t, "", 256)[2] == name)


def muted(rpr, name):
    return rpr.RPR_GetMediaTrackInfo_Value(track_named(rpr, name), "B_MUTE") == 1.0


def test_the_drum_track_is_written_muted_while_the_producer_s_own_drums_play_and_it_is_said():
    with reapy_inside(band(), purge=PURGE) as s:
        rpr = s.rpr
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        assert res["written"] > 0
        assert muted(rpr, DRUMS_TRACK_NAME) and not muted(rpr, "Drums (mine)")
        assert not rpr.RPR_GetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(track_named(rpr, "Drums (mine)"), 0),
                                                  "B_MUTE")
        said = [m for m in res["messages"] if "one kit plays" in m]
        assert said == [f"muted the '{DRUMS_TRACK_NAME}' track, so one kit plays: your drums 'guide beat' play these "
                        f"bars too (mute it and unmute '{DRUMS_TRACK_NAME}' to hear ReaGroove's; select without it to "
                        "hear both)"], res["messages"]
        assert not any("is not heard" in m for m in res["messages"])  # its own reason said, not a bare 'not heard'
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]  # the mute in the same undo point
        rpr.RPR_Undo_DoUndo2(0)
        assert rpr.RPR_CountTracks(0) == 2


def test_with_the_producer_s_drums_muted_the_drum_track_plays_again_on_the_next_drumify():
    """Heard the new drums: muted their own track and unmuted ReaGroove's, then Drumify again with the same
    selection. Their drums are silent now, so ReaGroove's stay playing."""
    with reapy_inside(band(), purge=PURGE) as s:
        rpr = s.rpr
        actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, "Drums (mine)"), "B_MUTE", 1.0)
        rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, DRUMS_TRACK_NAME), "B_MUTE", 0.0)
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings(seed=5))
        assert not muted(rpr, DRUMS_TRACK_NAME), res["messages"]
        assert not any("one kit plays" in m for m in res["messages"])


def test_the_band_alone_or_a_muted_guide_beat_leaves_the_drum_track_playing():
    for spec in (band(guide_selected=False), band(guide_muted=True)):
        with reapy_inside(spec, purge=PURGE) as s:
            res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
            assert not muted(s.rpr, DRUMS_TRACK_NAME)
            assert not any("one kit plays" in m for m in res["messages"])


def test_a_drum_intro_of_the_producer_s_over_two_of_eight_bars_leaves_the_drums_playing_and_says_where():
    """Their own 2-bar drum intro selected with the 8-bar bass: muting ReaGroove's whole track for it would silence
    bars 3-8, where only ReaGroove's play; the two bars where both kits play are said instead."""
    spec = band(guide_selected=False)
    intro = [(4.0 * b + q, 0.1, 36 if q == 0.0 else 38, 100, 9) for b in range(2) for q in (0.0, 1.0, 2.0, 3.0)]
    spec.add_midi_item(spec.add_track("Intro"), start_qn=0, length_qn=8, selected=True, name="drum intro", notes=intro)
    with reapy_inside(spec, purge=PURGE) as s:
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        assert not muted(s.rpr, DRUMS_TRACK_NAME)
        assert [m for m in res["messages"] if "two kits" in m] == [
            "your drums 'drum intro' also play in bars 1-2: two kits at once there; mute it (or the "
            f"'{DRUMS_TRACK_NAME}' items there) to hear one"], res["messages"]


def test_a_drum_part_selected_alone_is_re_drummed_playing():
    """The producer's beat selected alone is a drum part to re-drum: the new drums play (they had been written muted
    with advice to select without it, the only item selected), as Variations plays its first version."""
    spec = band()
    spec.data["tracks"][0]["items"][0]["selected"] = False  # the bass left out: the guide beat alone
    with reapy_inside(spec, purge=PURGE) as s:
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        assert res["written"] > 0 and not muted(s.rpr, DRUMS_TRACK_NAME)
        assert not any("one kit plays" in m or "two kits" in m for m in res["messages"]), res["messages"]
