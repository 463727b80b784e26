"""A REAPER time selection opening on the band's rest before a comeback fills and crashes as drumifying the whole
song does (its phrases counted by the CLI's --bars rule, phrases.song_phrase_start).

The bass plays bars 1-5 and comes back on bar 9 (two items): drumifying both fills bar 8 and crashes on 9. A time
selection from bar 6, 7 or 8 had counted the song's phrases from the comeback (bar 9, after the selection's first
bar): a crash on its first bar, a rest bar mid-phrase, and from bar 8 no fill into 9 and no crash on it."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_fill_phrase import drums, riff
from test_reaper_song_phrases import BARS, shifted
from test_reaper_time_selection_phrases import SETTINGS, marks

from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SECONDS_PER_BAR = 2.0  # 4/4 at 120 BPM


def resting_song():
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0.0, length_qn=20.0, selected=True, name="verse", notes=riff(range(5)))
    spec.add_midi_item(bass, start_qn=32.0, length_qn=(BARS - 8) * 4.0, selected=True, name="comeback",
                       notes=shifted(riff(range(8, BARS)), 32.0))
    return spec


@pytest.mark.parametrize("first", [6, 7, 8])
def test_a_selection_from_the_rest_fills_into_the_comeback_and_crashes_on_it(first):
    whole = tuple([b for b in bars if first <= b <= 16] for bars in drums(resting_song()))
    assert 8 in whole[0] and 9 in whole[1] and first not in whole[1]
    with reapy_inside(resting_song(), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (first - 1) * SECONDS_PER_BAR, 16 * SECONDS_PER_BAR, False)
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), SETTINGS)
        assert marks(bridge.call("drum_track_items")["items"]) == whole


def test_without_fills_asked_a_selection_from_the_rests_last_bar_still_fills_into_the_comeback():
    """Bar 8 alone is no rest to the selection (a rest is 2 bars): the comeback on 9 is the song's, given to it as
    a section, as the CLI's --bars 8-16 has it (it had lost the fill into 9 and the crash on it)."""
    from reagroove.core.settings import Settings

    plain = Settings(seed=1, temperature=0.0)

    def drummed(first=None):
        with reapy_inside(resting_song(), purge=PURGE) as s:
            if first is not None:
                s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (first - 1) * SECONDS_PER_BAR, 16 * SECONDS_PER_BAR,
                                                False)
            bridge = LocalBridge()
            actions.drumify_selection(bridge, engine(), plain)
            fills, crashes = marks(bridge.call("drum_track_items")["items"])
            return [b for b in fills if 8 <= b <= 16], [b for b in crashes if 8 <= b <= 16]

    whole = drummed()
    assert 8 in whole[0] and 9 in whole[1]
    assert drummed(8) == whole
