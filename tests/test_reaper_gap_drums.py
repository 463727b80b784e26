"""An earlier Drumify's drums left in a gap between two parts, next to the bars just drummed, are said.

The band split in two items, the second moved a bar later and drumified alone: its old first bar's groove
stayed in the bar where no part plays now (a groove over silence, no fill into the comeback) and nothing was said.
They stay, as a break's drums do (drums_around.py), and a line names their bars and what to do
(drums_around.drums_in_gaps, write_lines.gap_kept). Drums before the first part (an intro), under a part still
playing, or the producer's, are not named. Simulated REAPER, stand-in model."""

from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_trimmed_part import BAR_S, drums, funk_bass

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def _gap_lines(res) -> list:
    return [m for m in res["messages"] if "from an earlier run" in m]


def _two_parts(keys=None):
    """Bass items A (bars 1-4) and B (bars 5-8), both selected; `keys`: (lo_qn, hi_qn) of a keys item not selected."""
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, funk_bass(4), start_qn=0, length_qn=16, selected=True, name="A")
    spec.add_midi_item(bass, funk_bass(4), start_qn=16, length_qn=16, selected=True, name="B")
    if keys:
        spec.add_midi_item(spec.add_track("Keys"), [(keys[0], keys[1] - keys[0], 60, 80)], start_qn=keys[0],
                           length_qn=keys[1] - keys[0], name="keys")
    return spec


def _select_only(rpr, k):
    rpr.RPR_SelectAllMediaItems(0, False)
    rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), k), True)


def _move_b(rpr, bars):
    item = rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 1)
    rpr.RPR_SetMediaItemInfo_Value(item, "D_POSITION", (4 + bars) * BAR_S)
    rpr.RPR_Undo_OnStateChangeEx2(0, "move", -1, -1)
    _select_only(rpr, 1)


def test_the_second_part_moved_a_bar_later_leaves_its_old_bar_said():
    with reapy_inside(_two_parts(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        _move_b(rpr, 1)
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert [d for d in drums(bridge) if d[0] < 20.0 - 1e-6 and d[1] > 16.0 + 1e-6 and d[2]]  # they stay
        assert _gap_lines(res) == ["bar 5 keeps drums from an earlier run, where no part plays now (kept as a "
                                   "break's; for one take through it, select the parts on both sides and Drumify)"], \
            res["messages"]


def test_two_bars_and_the_first_part_shortened_before_the_second():
    """Moved two bars: both bars named. The first part trimmed to 3 bars instead, drummed alone: the bar after it,
    before the second part, is named (not taken as drums past the band)."""
    with reapy_inside(_two_parts(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        _move_b(rpr, 2)
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert [m for m in _gap_lines(res) if m.startswith("bars 5-6 keep drums") and "through them" in m]
    with reapy_inside(_two_parts(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0), "D_LENGTH", 3 * BAR_S)
        _select_only(rpr, 0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert [m for m in _gap_lines(res) if m.startswith("bar 4 keeps drums")], res["messages"]
        assert not [m for m in res["messages"] if "earlier drums" in m]


def test_no_line_where_a_part_plays_the_drums_are_an_intro_or_nothing_was_written():
    # keys (not selected) over bar 5: a part plays there, its drums are its own
    with reapy_inside(_two_parts(keys=(16.0, 20.0)), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        _move_b(rpr, 1)
        assert not _gap_lines(actions.drumify_selection(bridge, engine(), Settings()))
    # the whole song moved a bar later: bar 1's drums are before every part, an intro
    with reapy_inside(_two_parts(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        for k in (1, 0):
            item = rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), k)
            rpr.RPR_SetMediaItemInfo_Value(item, "D_POSITION", (4 * k + 1) * BAR_S)
        rpr.RPR_SelectAllMediaItems(0, True)
        assert not _gap_lines(actions.drumify_selection(bridge, engine(), Settings()))
    # drumified again as it is: nothing written, nothing new meets the gap
    with reapy_inside(_two_parts(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        _move_b(rpr, 1)
        actions.drumify_selection(bridge, engine(), Settings())
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert res.get("unchanged") and not _gap_lines(res)


def test_a_fill_the_producer_played_over_the_gap_is_not_named():
    with reapy_inside(_two_parts(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        drum_track = next(rpr.RPR_GetTrack(0, t) for t in range(rpr.RPR_CountTracks(0))
                          if "Drums" in rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, t), "", 256)[2])
        item = rpr.RPR_CreateNewMIDIItemInProj(drum_track, 4 * BAR_S, 5 * BAR_S, False)[0]
        rpr.RPR_MIDI_InsertNote(rpr.RPR_GetActiveTake(item), False, False, 0.0, 240.0, 9, 49, 110, False)
        rpr.RPR_Undo_OnStateChangeEx2(0, "fill", -1, -1)
        _move_b(rpr, 1)
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert not _gap_lines(res), res["messages"]


def test_a_middle_section_redrummed_asks_only_the_parts_over_its_neighbours_whether_they_play(monkeypatch):
    """Re-drumming bars 13-16 of a song with other tracks read whether every item on every track plays (0.2 s of a
    0.9 s write over 100 tracks, in the undo point) to find no gap: now only items lying over the drums next to
    the bars written are asked, and the answer is the same (no line: the bass plays there)."""
    from reagroove.reaper_ext import drums_around, reaper_side

    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass")
    for k in range(6):
        spec.add_midi_item(bass, funk_bass(4), start_qn=16 * k, length_qn=16, selected=True)
    for t in range(4):
        pads = spec.add_track(f"Pads {t}")
        for k in range(12):
            spec.add_midi_item(pads, [(0, 1, 60, 80), (2, 1, 62, 80)], start_qn=8 * k, length_qn=8)
    asked, looking = [], []  # the items asked whether they play while drums_in_gaps looks
    plays, in_gaps = drums_around._plays, reaper_side.drums_in_gaps

    def plays_asked(r, item, track):
        if looking:
            asked.append(item)
        return plays(r, item, track)

    def gaps_looked(*args):
        looking.append(True)
        try:
            return in_gaps(*args)
        finally:
            looking.clear()

    monkeypatch.setattr(drums_around, "_plays", plays_asked)
    monkeypatch.setattr(reaper_side, "drums_in_gaps", gaps_looked)
    with reapy_inside(spec, purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        _select_only(rpr, 3)  # bars 13-16
        asked.clear()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=7))
        assert res["written"] and not _gap_lines(res), res["messages"]
        around = [(lo, hi) for lo, hi, _n in drums(bridge) if abs(hi - 48.0) < 1e-6 or abs(lo - 64.0) < 1e-6]
        assert len(around) == 2, drums(bridge)
        over = []
        for t in range(5):
            track = rpr.RPR_GetTrack(0, t)
            for k in range(rpr.RPR_CountTrackMediaItems(track)):
                item = rpr.RPR_GetTrackMediaItem(track, k)
                at = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
                lo, hi = (rpr.RPR_TimeMap2_timeToQN(0, t) for t in (at, at + rpr.RPR_GetMediaItemInfo_Value(
                    item, "D_LENGTH")))
                if any(lo < b - 1e-6 and hi > a + 1e-6 for a, b in around):
                    over.append(item)
        assert asked and set(asked) <= set(over), (len(asked), len(over))
