"""Drumify and Variations over REAPER's time selection: a producer selects the 32-bar bass item and draws a time
selection over the chorus (bars 9-16) wanting drums there only. A stale time selection elsewhere changes
nothing."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine, note_rows

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError

BPM = 120
SPQ = 60.0 / BPM  # seconds per quarter note


def bass_song(bars=32):
    """A selected bass item over `bars` 4/4 bars from bar 1, eighth notes."""
    spec = ProjectSpec(bpm=BPM)
    bass = spec.add_track("Bass")
    notes = [(k * 0.5, 0.25, 40 + k % 3, 100) for k in range(bars * 8)]
    spec.add_midi_item(bass, start_qn=0.0, length_qn=bars * 4.0, selected=True, name="bass", notes=notes)
    return spec


def time_selection(rpr, lo_qn, hi_qn):
    rpr.RPR_GetSet_LoopTimeRange2(0, True, False, lo_qn * SPQ, hi_qn * SPQ, False)


def drum_spans(bridge):
    return [(i["start_qn"], i["end_qn"]) for i in bridge.call("drum_track_items")["items"]]


def chorus_notes(rpr):
    return note_rows(rpr, rpr.RPR_GetSelectedMediaItem(0, 0))


@pytest.mark.parametrize("lo, hi", [(32.0, 64.0), (31.6, 64.3), (32.4, 63.7)])
def test_drumify_writes_drums_only_over_the_time_selection_snapped_to_bars(lo, hi):
    """The complaint: a time selection over bars 9-16 (drawn on the bar lines, or a little off them) and Drumify
    wrote all 32 bars. Now the drums cover bars 9-16 only, in the same two round trips, one undo point, the bass
    untouched, and the message says which bars and why."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        rpr = s.rpr
        time_selection(rpr, lo, hi)
        before = chorus_notes(rpr)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert bridge.round_trips == 2  # the time selection read with the items
        assert drum_spans(bridge) == [(32.0, 40.0), (40.0, 48.0), (48.0, 56.0), (56.0, 64.0)]
        assert "drums for bars 9-16 (the time selection)" in res["messages"]
        assert chorus_notes(rpr) == before
        assert rpr.RPR_GetMediaItemInfo_Value(rpr.RPR_GetSelectedMediaItem(0, 0), "D_LENGTH") == pytest.approx(64.0)
        assert s.reaper.undo_names == ["ReaGroove: drumify bars 9-16 (seed 2)"]


def test_a_pickup_before_the_time_selection_is_not_in_the_groove():
    """Bar 8 ends with a pickup into the chorus: the drummer's loop starts on bar 9's line, so the groove read
    holds only the notes from there to the selection's end."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        time_selection(s.rpr, 31.5, 64.0)  # from the last eighth of bar 8
        sel = actions.read_selection(LocalBridge())
        starts = sel.content.notes.start
        assert sel.start_qn == 32.0 and sel.end_qn == 64.0
        assert starts.min() == pytest.approx(32.0) and starts.max() == pytest.approx(63.5)
        wins, until = actions.selection_windows(sel)
        assert list(wins.bars) == [9, 11, 13, 15] and until == 64.0


@pytest.mark.parametrize("lo, hi", [(160.0, 192.0), (0.0, 128.0), (0.0, 200.0)])
def test_a_time_selection_outside_the_items_or_over_all_of_them_changes_nothing(lo, hi):
    """A stale time selection left after the items (bars 41-48), or one over the whole part or beyond it:
    drums over all 32 bars, as without one, and no word of a time selection."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        time_selection(s.rpr, lo, hi)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        spans = drum_spans(bridge)
        assert spans[0][0] == 0.0 and spans[-1][1] == 128.0 and len(spans) == 16
        assert not [m for m in res["messages"] if "time selection" in m]


def test_a_time_selection_past_the_items_end_gives_drums_to_the_items_end():
    """Bars 25-40 selected on a 32-bar part: drums for bars 25-32, said so."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        time_selection(s.rpr, 96.0, 160.0)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert drum_spans(bridge) == [(96.0, 104.0), (104.0, 112.0), (112.0, 120.0), (120.0, 128.0)]
        assert "drums for bars 25-32 (the time selection)" in res["messages"]


def test_drumify_over_the_chorus_again_leaves_the_verse_drums_alone():
    """Drums for the whole song, then new drums for the chorus only (time selection bars 9-16, another seed):
    the verses keep the drums they had."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=2))
        first = {(i["start_qn"], i["end_qn"]): i["notes"] for i in bridge.call("drum_track_items")["items"]}
        time_selection(rpr, 32.0, 64.0)
        actions.drumify_selection(bridge, engine(), Settings(seed=7, density=0.9))
        after = {(i["start_qn"], i["end_qn"]): i for i in bridge.call("drum_track_items")["items"]}
        assert sorted(after) == sorted(first)
        outside = [span for span in after if not 32.0 <= span[0] < 64.0]
        assert len(outside) == 12 and all(after[span]["notes"] == first[span] for span in outside)
        assert all("seed 7" in after[span]["name"] for span in after if 32.0 <= span[0] < 64.0)
        assert all("seed 2" in after[span]["name"] for span in outside)


def test_variations_cover_only_the_time_selection():
    with reapy_inside(bass_song(), purge=PURGE) as s:
        rpr = s.rpr
        time_selection(rpr, 32.0, 64.0)
        bridge = LocalBridge()
        res = actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)
        assert bridge.round_trips == 2
        assert "drums for bars 9-16 (the time selection)" in res["messages"]
        for t in (1, 2):
            track = rpr.RPR_GetTrack(0, t)
            spans = [rpr.RPR_GetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(track, k), key) / SPQ
                     for k in range(rpr.RPR_CountTrackMediaItems(track)) for key in ("D_POSITION", "D_LENGTH")]
            starts, lengths = spans[0::2], spans[1::2]
            assert starts[0] == pytest.approx(32.0) and starts[-1] + lengths[-1] == pytest.approx(64.0)
        assert s.reaper.undo_names == ["ReaGroove: 2 variations, bars 9-16"]


def test_a_time_selection_over_bars_where_the_part_rests_says_so():
    """The bass rests in bars 9-16 and the time selection covers just those bars: a clear error, nothing
    written (not drums for the whole song)."""
    spec = ProjectSpec(bpm=BPM)
    bass = spec.add_track("Bass")
    notes = [(k * 0.5, 0.25, 40, 100) for k in range(32 * 8) if not 32.0 <= k * 0.5 < 64.0]
    spec.add_midi_item(bass, start_qn=0.0, length_qn=128.0, selected=True, name="bass", notes=notes)
    with reapy_inside(spec, purge=PURGE) as s:
        time_selection(s.rpr, 32.0, 64.0)
        with pytest.raises(ReaperError, match="no notes in the time selection"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert s.rpr.RPR_CountTracks(0) == 1 and s.reaper.undo_names == []


@pytest.mark.parametrize("lo, hi, spans, said", [
    (33.0, 34.5, [(32.0, 36.0)], "drums for bar 9 (the time selection)"),  # under a bar: the bar it lies in
    (16.0, 48.0, [(20.0, 28.0), (28.0, 36.0), (36.0, 44.0), (44.0, 48.0)], "drums for bars 6-12 (the time selection)"),
])
def test_a_short_time_selection_or_one_starting_before_the_items(lo, hi, spans, said):
    """Half a bar selected inside bar 9: drums for that bar. A time selection from bar 5 over an item starting
    at bar 6: drums from the item's start to the selection's end."""
    spec = ProjectSpec(bpm=BPM)
    bass = spec.add_track("Bass")
    start = 0.0 if lo > 30 else 20.0
    spec.add_midi_item(bass, start_qn=start, length_qn=128.0 - start, selected=True, name="bass",
                       notes=[(k * 0.5, 0.25, 40, 100) for k in range(int((128.0 - start) * 2))])
    with reapy_inside(spec, purge=PURGE) as s:
        time_selection(s.rpr, lo, hi)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert drum_spans(bridge) == spans
        assert said in res["messages"]


def test_a_recorded_audio_part_is_clipped_to_the_time_selection_too(tmp_path):
    """An 8-bar recorded guitar (8ths) with bars 3-4 time-selected: the onsets read are those bars' only, and the
    drums cover them."""
    import numpy as np
    import soundfile as sf
    from audio_synth import grid_onsets, render

    path = str(tmp_path / "gtr.wav")
    onsets = grid_onsets(np.arange(64) * 2, BPM, 0.0)
    sf.write(path, render(onsets, np.ones(64), timbre="pluck", sr=44100, duration_s=onsets[-1] + 0.6, seed=3), 44100)
    spec = ProjectSpec(bpm=BPM)
    spec.add_audio_item(spec.add_track("Guitar"), path, start_qn=0.0, length_qn=32.0, selected=True, name="gtr")
    with reapy_inside(spec, purge=PURGE) as s:
        time_selection(s.rpr, 8.0, 16.0)
        sel = actions.read_selection(LocalBridge())
        starts = np.asarray(sel.content.notes.start)
        assert starts.min() >= 8.0 - 0.125 and starts.max() < 16.0 and len(starts) >= 14
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert drum_spans(bridge) == [(8.0, 16.0)]
        assert "drums for bars 3-4 (the time selection)" in res["messages"]


def test_one_edited_item_under_two_windows_of_a_time_selection_is_said_as_one():
    """A drum item on bars 9-10 edited by hand, then a time selection over bars 8-11: its windows (8-9, 10-11)
    both meet the item; its bars keep their old drums (bars 8 and 11 are drummed again). The summary said "kept 2
    items you edited" of the one."""
    with reapy_inside(bass_song(bars=16), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        drums = rpr.RPR_GetTrack(0, 1)
        edited = next(rpr.RPR_GetTrackMediaItem(drums, i) for i in range(rpr.RPR_CountTrackMediaItems(drums))
                      if abs(rpr.RPR_GetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(drums, i), "D_POSITION")
                             - 32.0 * SPQ) < 1e-6)
        rpr.RPR_MIDI_SetNote(rpr.RPR_GetActiveTake(edited), 0, False, False, -1, -1, -1, -1, 33, False)
        time_selection(rpr, 28.0, 44.0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        assert len(res["kept_edited"]) == 2 and res["kept_items"] == 1
        assert actions.kept_note(res) == "; kept 1 item you edited"
