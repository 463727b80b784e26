"""A rest of the selected items where items not selected play is said as the selection's, not the song's.

The band item moved two bars later and drumified alone, the bass and keys (not selected) playing on: the console
said "the music rests in bars 6-11, where the drums keep time alone", while the bass and keys played there. Now
the line says it is the selected items that rest, and where the others play (song_phrases.selection_rests); with
nothing else playing there (or only a muted item) it still says the music rests. Simulated REAPER, stand-in model.
"""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_bar_numbers import riff, ruler_bar

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

REST = (16.0, 24.0)  # QN: bars 5-6 of the selected riff (ruler, start measure 1)


def _song(start_measure=1, others=(), muted=False):
    """A selected riff over bars 1-12 resting in REST, and items not selected on a track of their own, each
    [(lo_qn, hi_qn)] a bass line on every beat."""
    spec = ProjectSpec(bpm=120)
    spec.start_measure(start_measure)
    riff(spec, spec.add_track("Band"), 0.0, 48.0, rest=REST)
    if others:
        bass = spec.add_track("Bass")
        for lo, hi in others:
            spec.add_midi_item(bass, start_qn=lo, length_qn=hi - lo, name="bass", muted=muted,
                               notes=[(float(k), 0.5, 36, 90) for k in range(int(hi - lo))])
    return spec


def _rest_lines(res) -> list:
    return [m for m in res["messages"] if "comes back in bar" in m or "come back in bar" in m]


@pytest.mark.parametrize("start_measure", [1, 5])
def test_the_selected_items_rest_where_others_play(start_measure):
    with reapy_inside(_song(start_measure, others=[(0.0, 48.0)]), purge=PURGE) as s:
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        back = ruler_bar(s.rpr, REST[1], start_measure)
        assert _rest_lines(res) == [
            f"the selected items rest in bars {back - 2}-{back - 1} (items not selected play there), where the drums "
            f"keep time alone, and come back in bar {back}: a fill into it, a crash on it"], res["messages"]


def test_others_playing_part_of_the_rest_are_said_with_their_bars():
    """The bass plays only bar 5 of the selection's two-bar rest: the line names that bar."""
    with reapy_inside(_song(others=[(16.0, 20.0)]), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [m for m in _rest_lines(res) if m.startswith("the selected items rest in bars 5-6 (items not selected "
                                                            "play in bar 5), where the drums keep time alone")]


@pytest.mark.parametrize("others, muted", [((), False), ([(0.0, 16.0), (24.0, 48.0)], False), ([(0.0, 48.0)], True)])
def test_a_rest_nothing_else_plays_in_is_still_the_musics(others, muted):
    """Nothing else at all, others only around the rest, or a muted item over it: the music rests there."""
    with reapy_inside(_song(others=others, muted=muted), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert _rest_lines(res) == ["the music rests in bars 5-6, where the drums keep time alone, and comes back in "
                                    "bar 7: a fill into it, a crash on it"], res["messages"]


def test_variations_say_it_alike():
    with reapy_inside(_song(others=[(0.0, 48.0)]), purge=PURGE):
        res = actions.variations_of_selection(LocalBridge(), engine(), Settings(), 1)
        assert [m for m in _rest_lines(res) if m.startswith("the selected items rest in bars 5-6 (items not selected "
                                                            "play there)")], res["messages"]


@pytest.mark.parametrize("line, said", [
    ("the band breaks for bar 5 and comes back in bar 6: a fill into it, a crash on it",
     "the selected items break for bar 5 (items not selected play there) and come back in bar 6: a fill into it, "
     "a crash on it"),
    ("the band plays no new note after the first half of bar 5 and comes back in bar 6: a fill into it, a crash on it",
     "the selected items play no new note after the first half of bar 5 (items not selected play there) and come "
     "back in bar 6: a fill into it, a crash on it"),
])
def test_a_breaks_line_is_said_of_the_selection_too(line, said):
    """The form's one-bar lines (core/form_notes.py) read alike; a bar others do not play in stays the band's."""
    from reagroove.reaper_ext.song_phrases import selection_rests

    project = {"time_signatures": [[0.0, 4, 4]], "measure_offset": 0}
    assert selection_rests({**project, "unselected": [[12.0, 24.0]]}, [line, "other"]) == [said, "other"]
    assert selection_rests({**project, "unselected": [[0.0, 16.0], [20.0, 48.0]]}, [line]) == [line]
