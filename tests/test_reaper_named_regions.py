"""A REAPER region or marker named "Chorus" moves the drums' time-keeping off the closed hat onto the ride in its bars,
as a MIDI file's chorus marker does (core/named_sections.py): in the item Drumify writes and in every variation.
REAPER 7's GetRegionOrMarker and GetSetRegionOrMarkerInfo_String read the names (EnumProjectMarkers2's name is a
char** the Python wrapper cannot read); an older REAPER without them drums as before and says nothing.
Simulated REAPER under the real reapy (a stub network keeping time on the closed hat)."""

import numpy as np
from fake_reaper import ProjectSpec, reapy_inside
from test_named_sections import HatsKeepTime
from test_reaper import PURGE, note_rows

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.edits import EditedEngine, HandEdits

HATS, RIDE = {42, 46}, 51  # GM pitches
CLOSED, RIDE_VOICE = 2, 8  # the loop's voices


def band_project(names, *, regions=True):
    """24 bars of 4/4 at 120 (bass on 1 and 3, 8th chords) from QN 0, and 8-bar regions (or markers) `names`."""
    spec = ProjectSpec(bpm=120)
    notes = [(b * 4 + beat, 0.25, pitch, vel) for b in range(24)
             for beat, pitch, vel in [(0, 36, 100), (2, 36, 90)] + [(t * 0.5, 60 + t % 3, 70) for t in range(8)]]
    spec.add_midi_item(spec.add_track("Band", selected=True), start_qn=0, length_qn=96, selected=True, name="band",
                       notes=notes)
    for k, name in enumerate(names):
        spec.add_marker(32.0 * k, name, region_end_qn=32.0 * (k + 1) if regions else None)
    return spec


def bars_playing(notes, pitches) -> set[int]:
    """Bars where notes ((QN, ..., pitch, ...) or (QN, pitch)) of these pitches play."""
    return {int(n[0] // 4) + 1 for n in notes if n[2 if len(n) > 2 else 1] in pitches}


def drum_notes(bridge) -> list:
    return [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]


def test_a_region_named_chorus_plays_its_bars_on_the_ride_in_the_drums_drumify_writes():
    with reapy_inside(band_project(["Verse 1", "Chorus", "Verse 2"]), purge=PURGE):
        bridge = LocalBridge()
        assert bridge.call("read_selected_items")["section_names"] == [[0.0, "Verse 1"], [32.0, "Chorus"],
                                                                       [64.0, "Verse 2"], [96.0, ""]]  # (its end)
        res = actions.drumify_selection(bridge, Engine(HatsKeepTime()), Settings())
        lifted = drum_notes(bridge)
    with reapy_inside(band_project(["A", "B", "C"]), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(HatsKeepTime()), Settings())
        plain = drum_notes(bridge)
    assert bars_playing(plain, HATS) == set(range(1, 25)) and not bars_playing(plain, {RIDE})
    assert bars_playing(lifted, {RIDE}) == set(range(9, 17))  # the chorus on the ride, from its first bar
    assert bars_playing(lifted, HATS) == set(range(1, 9)) | set(range(17, 25))  # the hats again on bar 17
    # the ride where the hats were (not on the crash of its 1), the rest of the kit as drummed
    hats = {(n[0], n[3]) for n in plain if n[2] in HATS and 32 <= n[0] < 64}
    crash = {n[0] for n in plain if n[2] == 49}
    assert {(n[0], n[3]) for n in lifted if n[2] == RIDE} == {h for h in hats if h[0] not in crash}
    assert sorted(n for n in lifted if n[2] not in HATS | {RIDE}) == sorted(n for n in plain if n[2] not in HATS)
    assert "bar 9, 'Chorus': the hats move to the ride, the hats again from bar 17" in res["messages"]


def track_notes(rpr, track) -> list[tuple[float, int]]:
    """(QN, pitch) of a track's notes (the project at 120: 2 QN a second)."""
    out = []
    for k in range(rpr.RPR_CountTrackMediaItems(track)):
        item = rpr.RPR_GetTrackMediaItem(track, k)
        at = 2.0 * rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        out += [(at + n[0] / 960, n[3]) for n in note_rows(rpr, item)]
    return out


def test_a_chorus_marker_lifts_every_variation_and_an_older_reaper_reads_no_names(monkeypatch):
    with reapy_inside(band_project(["Intro", "Refrain", "Outro"], regions=False), purge=PURGE) as s:
        rpr = s.rpr
        actions.variations_of_selection(LocalBridge(), Engine(HatsKeepTime()), Settings(seed=1), 3)
        versions = [track_notes(rpr, rpr.RPR_GetTrack(0, t)) for t in (1, 2, 3)]  # "ReaGroove Var 1..3"
        assert len({tuple(v) for v in versions}) == 3
        for notes in versions:
            assert bars_playing(notes, {RIDE}) == set(range(9, 17))
            assert bars_playing(notes, HATS) == set(range(1, 9)) | set(range(17, 25))
    # REAPER before GetRegionOrMarker: no names read, the drums as before, nothing said of it
    with reapy_inside(band_project(["Verse", "Chorus", "Verse"]), purge=PURGE) as s:
        monkeypatch.delattr(s.rpr, "RPR_GetRegionOrMarker")
        bridge = LocalBridge()
        assert bridge.call("read_selected_items")["section_names"] == []
        res = actions.drumify_selection(bridge, Engine(HatsKeepTime()), Settings())
        assert not bars_playing(drum_notes(bridge), {RIDE}) and bars_playing(drum_notes(bridge), HATS)
        assert not [m for m in res["messages"] if "ride" in m or "name" in m]


def test_a_hat_drawn_in_the_editor_stays_a_hat_in_the_lifted_chorus():
    """The editor's hand edits go on the lifted drums (as on its versions): a closed hat drawn on bar 9's second 16th
    plays there as drawn, the chorus's own hats on the ride around it."""
    from reagroove.reaper_ext.song_phrases import selection_drums  # (actions.selection_drums)

    settings = Settings()
    with reapy_inside(band_project(["Verse", "Chorus", "Verse"]), purge=PURGE):
        sel = actions.read_selection(LocalBridge())
        wins, _ = actions.selection_windows(sel)
        wins, phrased, start, song_end, sections = actions.song_context(sel, wins, settings, actions.sections_of(sel))
        edited = EditedEngine(Engine(HatsKeepTime()), HandEdits().set(9, 1, CLOSED, 0.8))
        res = selection_drums(edited, sel, wins, phrased, sections, start, song_end, settings)
    w = int(np.flatnonzero(res.bars == 9)[0])
    hits = res.loops[w, :, :9] > 0.5
    assert hits[1, CLOSED] and res.loops[w, 1, 9 + CLOSED] == np.float32(0.8)  # the hat drawn
    assert hits[2:, RIDE_VOICE].any() and not hits[2:, CLOSED].any()  # the chorus's time on the ride


def test_a_time_selection_over_the_chorus_lifts_it_in_the_drums_and_the_variations():
    """Bars 5-20 time-selected (the whole items' drums there, selection_range.py): the chorus's bars 9-16 on the ride
    in Drumify's drums and in each variation (the whole items' versions)."""
    with reapy_inside(band_project(["Verse", "Chorus", "Verse"]), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 8.0, 40.0, False)  # bars 5-20 at 120
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(HatsKeepTime()), Settings())
        tracks = [drum_notes(bridge)]
        actions.variations_of_selection(bridge, Engine(HatsKeepTime()), Settings(seed=1), 2)
        tracks += [track_notes(s.rpr, s.rpr.RPR_GetTrack(0, t)) for t in range(s.rpr.RPR_CountTracks(0))
                   if "Var" in s.rpr.RPR_GetTrackName(s.rpr.RPR_GetTrack(0, t), "", 256)[2]]
    assert len(tracks) == 3
    for notes in tracks:
        assert bars_playing(notes, {RIDE}) == set(range(9, 17))
        assert bars_playing(notes, HATS) == {5, 6, 7, 8, 17, 18, 19, 20}


def test_a_chorus_region_with_no_region_after_it_ends_where_the_region_ends():
    """Regions "Verse 1" (bars 1-8) and "Chorus" (bars 9-16) over 24 bars of band: the unmarked bars after the
    chorus region are back on the hats (only region starts had been read: the chorus rode to the song's end)."""
    with reapy_inside(band_project(["Verse 1", "Chorus"]), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(HatsKeepTime()), Settings())
        lifted = drum_notes(bridge)
    assert bars_playing(lifted, {RIDE}) == set(range(9, 17))
    assert set(range(17, 25)) <= bars_playing(lifted, HATS)
