"""Drumify's removal of its own earlier drums after a shortened part (drums_around.drums_past_band) never takes
drums the producer wants: the keys muted, soloed out, faded down or routed away for a listen still play in the song
(their drums stay; before, bars 7-8 went and the line said "the part was shortened"); a live take's bars (a jam
over no recorded part) are not Drumify's to take (before, Drumify of a 2-bar bass deleted bars 3-8 of the jam);
a fill the producer played on the drum track over the old drums ends the run. Simulated REAPER, stand-in model."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_trimmed_part import BAR_S, BPM, drums, eight_bars, funk_bass, trim_bass

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_item_record import WRITER_KEY, written_by
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME


def _track(rpr, name):
    return next(rpr.RPR_GetTrack(0, t) for t in range(rpr.RPR_CountTracks(0))
                if rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, t), "", 256)[2] == name)


def _removed_lines(res) -> list:
    return [m for m in res["messages"] if "earlier drums" in m]


# the mix of the moment, not the arrangement: the keys still play bars 7-8 in the song
LISTENS = {
    "keys muted": lambda rpr: rpr.RPR_SetMediaTrackInfo_Value(_track(rpr, "Keys"), "B_MUTE", 1),
    "bass soloed": lambda rpr: rpr.RPR_SetMediaTrackInfo_Value(_track(rpr, "Bass"), "I_SOLO", 1),
    "keys fader at -inf": lambda rpr: rpr.RPR_SetMediaTrackInfo_Value(_track(rpr, "Keys"), "D_VOL", 0.0),
    "keys routed nowhere": lambda rpr: rpr.RPR_SetMediaTrackInfo_Value(_track(rpr, "Keys"), "B_MAINSEND", 0),
}


@pytest.mark.parametrize("listen", list(LISTENS))
def test_a_part_silenced_in_the_mix_keeps_its_drums(listen):
    """Bass and keys in bars 1-8, the bass trimmed to 6 bars, the keys silenced for a listen: Drumify of the bass
    leaves the drums of bars 7-8, which the keys play under, and says nothing was removed."""
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        trim_bass(s, 6)
        LISTENS[listen](rpr)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert drums(bridge)[-1] == before[-1] and before[-1][:2] == (24.0, 32.0)
        assert not _removed_lines(res)


def test_a_part_muted_itself_no_longer_plays_there():
    """The keys' item muted itself (the arrangement: it plays nowhere now) leaves bars 7-8 past every part: the
    earlier drums there go, as for a bass alone (the rule above takes the track's state only)."""
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        trim_bass(s, 6)
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(_track(rpr, "Keys"), 0), "B_MUTE", 1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert max(b for _, b, _ in drums(bridge)) == 24.0
        assert [m for m in _removed_lines(res) if "bars 7-8" in m and "Drumify's" in m]


def _live_jam(bridge, bars: int):
    """A live take's bars 1..bars, written as live follow writes them (no undo point until the take ends)."""
    items = [{"start_qn": 4.0 * b, "end_qn": 4.0 * b + 4, "name": "ReaGroove live", "settings": {},
              "notes": [[4.0 * b, 4.0 * b + 0.25, 36, 100], [4.0 * b + 2, 4.0 * b + 2.25, 38, 100]]}
             for b in range(bars)]
    bridge.call("write_drum_track", {"track_name": DRUMS_TRACK_NAME, "reuse": True, "items": items,
                                     "overwrite_edited": False, "undo": False})
    bridge.call("end_live_take")


@pytest.mark.parametrize("old_project", [False, True])
def test_a_live_jam_after_a_short_recorded_part_stays(old_project):
    """The producer jammed 8 bars with live follow on, recording nothing, then drew a 2-bar bass and drumified it:
    bars 3-8 of the jam stay (the take's items carry live follow's mark; an older project's, none: told by the
    name live follow always gave its bars)."""
    spec = ProjectSpec(bpm=BPM)
    spec.add_midi_item(spec.add_track("Bass"), funk_bass(2), start_qn=0, length_qn=8, selected=True, name="bass")
    with reapy_inside(spec, purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        _live_jam(bridge, 8)
        if old_project:
            for k in range(rpr.RPR_CountTrackMediaItems(_track(rpr, DRUMS_TRACK_NAME))):
                item = rpr.RPR_GetTrackMediaItem(_track(rpr, DRUMS_TRACK_NAME), k)
                rpr.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, "", True)
        before = drums(bridge)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        after = drums(bridge)
        assert [d for d in after if d[0] >= 8.0 - 1e-6] == [d for d in before if d[0] >= 8.0 - 1e-6]
        assert max(b for _, b, _ in after) == 32.0
        assert not _removed_lines(res)


def test_an_older_drumify_without_the_mark_is_still_told_apart():
    """Drumify's items from before the mark was kept are known by their name (not live follow's): bars 7-8 of a
    bass trimmed to 6 go, as for new ones."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        drum_track = _track(rpr, DRUMS_TRACK_NAME)
        for k in range(rpr.RPR_CountTrackMediaItems(drum_track)):
            item = rpr.RPR_GetTrackMediaItem(drum_track, k)
            assert rpr.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, "", False)[3] == "drumify"
            rpr.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, "", True)
        trim_bass(s, 6)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert max(b for _, b, _ in drums(bridge)) == 24.0
        assert [m for m in _removed_lines(res) if "bars 7-8" in m]


def test_a_piece_of_a_live_bar_kept_by_drumify_stays_live_follows():
    """Drumify writing up to mid-bar over a live bar keeps the rest of that bar in an item of its own: it is
    still live follow's (marked so), not Drumify's to take later."""
    spec = ProjectSpec(bpm=BPM)
    spec.add_midi_item(spec.add_track("Bass"), funk_bass(2), start_qn=0, length_qn=6, selected=True, name="bass")
    with reapy_inside(spec, purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        _live_jam(bridge, 2)
        actions.drumify_selection(bridge, engine(), Settings(seed=5))  # bars 1-1.5 (6 QN): the live bar 2 split
        drum_track = _track(rpr, DRUMS_TRACK_NAME)
        by = {}
        for k in range(rpr.RPR_CountTrackMediaItems(drum_track)):
            item = rpr.RPR_GetTrackMediaItem(drum_track, k)
            lo = round(rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")), 6)
            by[lo] = rpr.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, "", False)[3]
        assert by[0.0] == "drumify" and by[6.0] == "live", by


@pytest.mark.parametrize("fill_muted", [False, True])
def test_the_producers_fill_over_the_old_drums_ends_the_run(fill_muted):
    """A fill the producer played on the drum track over bars 7-8 (their own item, on top of ReaGroove's): the
    bass trimmed to 6 bars, Drumify leaves bars 7-8 (their fill plays with those drums). Their fill muted plays
    nothing: the old drums there go as before."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        item = rpr.RPR_CreateNewMIDIItemInProj(_track(rpr, DRUMS_TRACK_NAME), 6 * BAR_S, 8 * BAR_S, False)[0]
        rpr.RPR_MIDI_InsertNote(rpr.RPR_GetActiveTake(item), False, False, 0.0, 240.0, 9, 49, 110, False)
        rpr.RPR_SetMediaItemInfo_Value(item, "B_MUTE", 1 if fill_muted else 0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "fill", -1, -1)
        trim_bass(s, 6)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        if fill_muted:
            assert max(b for _, b, _ in drums(bridge)) == 24.0 and _removed_lines(res)
        else:
            assert drums(bridge)[-1] == before[-1] and not _removed_lines(res)


def test_variations_items_are_not_drumifys():
    """Variations' items carry their own mark (and an unmarked one its ' · var N' name), so one the producer
    brings onto the drum track is never taken as an earlier Drumify's leftovers."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        items = [rpr.RPR_GetTrackMediaItem(_track(rpr, f"ReaGroove Var {n}"), k) for n in (1, 2)
                 for k in range(rpr.RPR_CountTrackMediaItems(_track(rpr, f"ReaGroove Var {n}")))]
        assert items and {written_by(rpr, item) for item in items} == {"variations"}
        for item in items:
            rpr.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, "", True)
        assert {written_by(rpr, item) for item in items} == {"variations"}
