"""A REAPER time selection over some bars of a band item plays the whole item's drums there (core/bar_range.py,
actions.selection_drums), as the CLI's --bars does.

A bass item of 24 bars changes riff on bar 9 and thins out on bar 17. Drummed alone, a time selection over bars
9-16 could hear neither bar 8 nor bar 17: no crash on 9, no fill into 17, and a take's groove of its own."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE
import test_reaper_razor_edits
from test_reaper_razor_edits import deselect_all

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

pytest.importorskip("torch")

SPQ = 0.5  # seconds per quarter note at 120 BPM
razor = test_reaper_razor_edits.razor  # (the simulated razor edits, a fixture here)
CRASH = 49


def song():
    spec = ProjectSpec(bpm=120)
    notes = [((b - 1) * 4.0 + t, 0.3, 40, 100) for b in range(1, 9) for t in (0.0, 1.5, 2.0, 3.5)]
    notes += [((b - 1) * 4.0 + t, 0.2, 45, 100) for b in range(9, 17) for t in (0.0, 0.75, 1.5, 2.5, 3.0)]
    notes += [((b - 1) * 4.0 + t, 1.5, 40, 100) for b in range(17, 25) for t in (0.0, 2.0)]
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0.0, length_qn=96.0, selected=True, name="bass",
                       notes=notes)
    return spec


def drum_notes(lo_bar=None, hi_bar=None, variations=0):
    """{(QN to 1/16, pitch, velocity)} the drums written (Variations: per version) over bars lo_bar-hi_bar
    (None: no time selection)."""
    with reapy_inside(song(), purge=PURGE, ) as s:
        if lo_bar is not None:
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (lo_bar - 1) * 4 * SPQ, hi_bar * 4 * SPQ, False)
        bridge, engine = LocalBridge(), shipped_engine()
        if variations:
            actions.variations_of_selection(bridge, engine, Settings(seed=3), variations)
            tracks = [f"ReaGroove Var {k}" for k in range(1, variations + 1)]
        else:
            actions.drumify_selection(bridge, engine, Settings(seed=3))
            tracks = [None]
        out = []
        for track in tracks:
            items = bridge.call(*(["drum_track_items"] + ([track] if track else [])))["items"]
            out.append({(round(n[0] * 4) / 4, n[2], n[3]) for i in items for n in i["notes"]})
        return out if variations else out[0]


def shipped_engine():
    from reagroove.models.drummer import default_engine
    return default_engine()


def between(notes, lo_bar, hi_bar):
    return {n for n in notes if (lo_bar - 1) * 4 <= n[0] < hi_bar * 4}


def test_a_time_selection_plays_the_whole_items_drums_there():
    whole = drum_notes()
    clip = drum_notes(9, 16)
    assert clip == between(whole, 9, 16)
    assert any(q == 32.0 and pitch == CRASH for q, pitch, _ in clip)  # the new riff on bar 9, crashed on


def test_variations_over_a_time_selection_open_with_drumifys_and_differ_there():
    versions = drum_notes(9, 16, variations=3)
    assert versions[0] == between(drum_notes(), 9, 16)
    for a in range(3):
        for b in range(a + 1, 3):
            hits_a, hits_b = ({(q, p) for q, p, _ in versions[k]} for k in (a, b))
            assert len(hits_a ^ hits_b) >= 0.15 * max(len(hits_a), len(hits_b))



def test_razor_edits_on_two_tracks_hear_each_items_own_bars_not_the_whole_items(razor):
    """The bass marked in bars 1-4 and the keys in 5-8: the drums of 5-8 follow the keys, not the bass left unmarked
    there (drummed from the whole items, none of the 78 hits of bars 5-8 stayed when the unmarked bass went quiet)."""
    bar_s = 4 * SPQ

    def drums_after_bar_4(bass_bars: int):
        spec = ProjectSpec(bpm=120)
        riff = [((b - 1) * 4.0 + t, 0.2, 40 + b % 2 * 5, 100) for b in range(1, bass_bars + 1)
                for t in (0.0, 0.75, 1.5, 2.25, 2.5, 3.25, 3.5)]
        spec.add_midi_item(spec.add_track("Bass"), start_qn=0.0, length_qn=32.0, name="bass", notes=riff)
        spec.add_midi_item(spec.add_track("Keys"), start_qn=0.0, length_qn=32.0, name="keys",
                           notes=[(b * 4.0, 2.0, p, 80) for b in range(8) for p in (60, 64, 67)])
        with reapy_inside(spec, purge=PURGE) as s:
            deselect_all(s.rpr)
            razor(s, {"Bass": f'0 {4 * bar_s:.14f} ""', "Keys": f'{4 * bar_s:.14f} {8 * bar_s:.14f} ""'})
            actions.drumify_selection(LocalBridge(), shipped_engine(), Settings(seed=3))
            items = LocalBridge().call("drum_track_items")["items"]
            return {(round(n[0] * 4) / 4, n[2], n[3]) for i in items for n in i["notes"] if n[0] >= 16.0}

    assert drums_after_bar_4(8) == drums_after_bar_4(4)  # what the bass plays in bars 5-8, unmarked, is not heard


def test_an_end_marker_after_the_band_in_a_project_gets_no_fill_into_silence():
    """An "End" marker on the bar after the band's last note (as d_map14's file has one): the drums had filled
    the last bar into it; a marker past the music starts no section, as in a file (form_notes.within_music)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent))
    from test_marked_song_sections import reaper_band_drums
    from test_reaper_live_section_markers import TOM_PITCHES

    def toms_with(markers):
        drums = reaper_band_drums([("verse", 8), ("chorus", 8)], markers)
        return {int(n[0] // 4) + 1 for n in drums if n[2] in TOM_PITCHES}

    with_end = toms_with([(0.0, "Verse"), (32.0, "Chorus"), (64.0, "End")])
    assert 8 in with_end and 16 not in with_end
    assert with_end == toms_with([(0.0, "Verse"), (32.0, "Chorus")])
