"""Drumify over an item from mid-song keeps the song's phrases: a producer drumifies the whole bass with a fill every
4 bars, then redoes the bass item that starts on bar 3. Its drums fill and crash where the whole song's do (phrases
counted from the project's first band item, reaper_ext/song_phrases.py), not from the item's own first bar: they
had filled into bars 7 and 11 (fills ending bars 6 and 10) with a crash on bar 3, mid-phrase. Drumify and
Variations alike; a project whose only item starts there counts from it, as before."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_time_selection_phrases import SETTINGS, marks, within

from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BARS = 16


def riff(bars):
    return [(b * 4 + q, 0.3, 40, 100) for b in bars for q in (0, 1.5, 2, 3.5)]


def split_song(select_first: bool, first_item: bool = True):
    """A 16-bar bass riff in two items, bars 1-2 and 3-16 (only the second selected, unless `select_first`); without
    `first_item` the song is the second item alone."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    if first_item:
        spec.add_midi_item(bass, start_qn=0.0, length_qn=8.0, selected=select_first, name="bass intro",
                           notes=riff(range(2)))
    spec.add_midi_item(bass, start_qn=8.0, length_qn=(BARS - 2) * 4.0, selected=True, name="bass",
                       notes=[(on - 8.0, *rest) for on, *rest in riff(range(2, BARS))])
    return spec


def drums(spec, variations: bool = False):
    """(bars holding a fill, bars holding a crash) of the drums written (Variations: its first version's)."""
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        if variations:
            actions.variations_of_selection(bridge, engine(), SETTINGS, 2)
            return marks(bridge.call("drum_track_items", "ReaGroove Var 1")["items"])
        actions.drumify_selection(bridge, engine(), SETTINGS)
        return marks(bridge.call("drum_track_items")["items"])


@pytest.mark.parametrize("variations", [False, True])
def test_an_item_from_bar_3_fills_and_crashes_where_the_whole_song_does(variations):
    whole_fills, whole_crashes = drums(split_song(select_first=True), variations)
    assert (whole_fills, whole_crashes) == ([4, 8, 12], [1, 5, 9, 13])
    fills, crashes = drums(split_song(select_first=False), variations)
    assert fills == within(whole_fills, 3, BARS) == [4, 8, 12]  # (counted from bar 3: 6 and 10)
    assert crashes == within(whole_crashes, 3, BARS)  # no crash on bar 3, mid-phrase


def test_a_song_that_starts_with_the_item_counts_from_it_as_before():
    fills, crashes = drums(split_song(select_first=False, first_item=False))
    assert (fills, crashes) == ([6, 10, 14], [3, 7, 11, 15])
