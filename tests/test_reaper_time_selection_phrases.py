"""A time selection inside a longer part keeps the song's phrases: a producer drumifies a 24-bar bass with a fill
every 4 bars, then redoes bars 7-14 with a time selection. The new drums fill and crash where drumifying the
whole part put them (phrases counted from the part's first bar, not the selection's), open with no crash
mid-phrase, fill into the music after the selection, and no note says the selection's last bar ends the song.
Drumify and Variations alike."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SPQ = 0.5  # seconds per quarter note at 120 BPM
TOMS, CRASHES = {41, 43, 45, 47, 48, 50}, {49, 57}  # the stand-in model's fill is toms only
# a fill every 4 bars; no random extra hits, so toms are the fills' alone
SETTINGS = Settings(seed=1, fill_every=2, temperature=0.0)
WHOLE_FILLS, WHOLE_CRASHES = [4, 8, 12, 16, 20], [1, 5, 9, 13, 17, 21]  # drumifying all 24 bars


def riff_song(bars=24):
    spec = ProjectSpec(bpm=120)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0.0, length_qn=bars * 4.0, selected=True, name="bass",
                       notes=[(b * 4 + q, 0.3, 40, 100) for b in range(bars) for q in (0, 1.5, 2, 3.5)])
    return spec


def marks(items):
    """(bars holding a fill, bars holding a crash), bar 1 at QN 0."""
    notes = [n for i in items for n in i["notes"]]
    return (sorted({int(n[0] // 4) + 1 for n in notes if n[2] in TOMS}),
            sorted({int(n[0] // 4) + 1 for n in notes if n[2] in CRASHES}))


def within(bars, lo, hi):
    return [b for b in bars if lo <= b <= hi]


def drumify_bars(lo_bar=None, hi_bar=None):
    with reapy_inside(riff_song(), purge=PURGE) as s:
        if lo_bar is not None:
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (lo_bar - 1) * 4 * SPQ, hi_bar * 4 * SPQ, False)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), SETTINGS)
        return res, bridge.call("drum_track_items")["items"]


def test_the_whole_part_fills_every_4_bars():
    res, items = drumify_bars()
    assert marks(items) == (WHOLE_FILLS, WHOLE_CRASHES)
    assert any("bar 24 ends the song" in m for m in res["messages"])


def test_a_time_selection_mid_phrase_keeps_the_songs_fills_and_crashes():
    """Bars 7-14: fills end bars 8 and 12, crashes on 9 and 13, as over the whole part (they had moved to 10 and
    14, with a crash on bar 7 mid-phrase and 'bar 14 ends the song' though the bass runs to bar 24)."""
    res, items = drumify_bars(7, 14)
    assert (items[0]["start_qn"], items[-1]["end_qn"]) == (24.0, 56.0)
    assert marks(items) == (within(WHOLE_FILLS, 7, 14), within(WHOLE_CRASHES, 7, 14)) == ([8, 12], [9, 13])
    assert "drums for bars 7-14 (the time selection)" in res["messages"]
    assert not [m for m in res["messages"] if "ends the song" in m]


def test_a_time_selection_on_a_phrase_crashes_on_it_and_fills_into_the_music_after_it():
    """Bars 9-16: bar 9 opens a phrase of the song (its crash), and bar 17 another, so bar 16 ends in a fill."""
    res, items = drumify_bars(9, 16)
    assert marks(items) == ([12, 16], [9, 13])
    assert not [m for m in res["messages"] if "ends the song" in m]


def test_a_time_selection_to_the_parts_end_still_ends_the_song():
    """Bars 17-24: the part's last bar ends the song there too (no fill into nothing), on the song's phrases."""
    res, items = drumify_bars(17, 24)
    assert marks(items) == ([20], [17, 21])
    assert any("bar 24 ends the song" in m for m in res["messages"])


@pytest.mark.parametrize("lo, hi, fills, crashes", [(7, 14, [8, 12], [9, 13]), (9, 16, [12, 16], [9, 13])])
def test_variations_of_a_time_selection_keep_the_songs_phrases(lo, hi, fills, crashes):
    with reapy_inside(riff_song(), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (lo - 1) * 4 * SPQ, hi * 4 * SPQ, False)
        bridge = LocalBridge()
        res = actions.variations_of_selection(bridge, engine(), SETTINGS, 2)
        assert res["written"] == 2 * 4
        first = bridge.call("drum_track_items", "ReaGroove Var 1")["items"]
        assert marks(first) == (fills, crashes)
        assert not [m for m in res["messages"] if "ends the song" in m]


@pytest.mark.parametrize("lo, hi", [(7, 14), (9, 16)])
def test_the_editors_preview_of_a_time_selection_plays_what_drumify_writes(tmp_path, lo, hi):
    """The editor reading the same time selection drums it as Drumify does: its fills and crashes on the song's
    phrases (it had counted them from the selection's first bar: a crash on bar 7 mid-phrase, no fill into bar 17)."""
    import numpy as np

    from reagroove.reaper_ext.panel.controller import PanelController, input_from_selection
    from reagroove.reaper_ext.panel.store import PanelStore

    with reapy_inside(riff_song(), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (lo - 1) * 4 * SPQ, hi * 4 * SPQ, False)
        read = input_from_selection(LocalBridge())
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), SETTINGS)
        written = marks(bridge.call("drum_track_items")["items"])
    controller = PanelController(engine(), PanelStore(tmp_path / "config"))
    controller.input = read
    result, _ = controller.drum_part(SETTINGS, read.groove, **read.model_inputs())
    hits = result.loops[..., :9] > 0.5  # (windows, 32 steps, voices): 2 bars a window from bar lo
    bars = lambda voices: sorted({lo + 2 * w + t // 16 for w, t in zip(*np.nonzero(hits[..., voices].any(-1)))})  # noqa: E731
    assert (bars([4, 5, 6]), bars([7])) == written
