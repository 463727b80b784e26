"""A marker keeps away only the band's sections inside the phrase next to it (given_sections.GIVEN_APART_BARS): a
"Pre-chorus" marker 4 bars before the chorus had taken the chorus's fill and crash away (8 bars either side)."""

from test_marked_song_sections import bar_hits, marked_song, reaper_band_drums
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.given_sections import clear_of_given
from reagroove.core.settings import Settings

TOM = 4
FORM = [("intro", 4), ("verse", 8), ("chorus", 8)]  # keys alone, the band on 5, the chorus (16ths) on 13


def test_a_pre_chorus_marker_leaves_the_chorus_its_fill_and_crash(tmp_path):
    for markers in ([], [(1, "Intro"), (5, "Verse")], [(1, "Intro"), (5, "Verse"), (9, "Pre-chorus")]):
        song = read_midi(marked_song(tmp_path / "song.mid", FORM, markers))
        res = Engine(BarEndFills()).drumify(song, Settings())
        crashes = crash_bars(res)
        assert 5 in crashes and 13 in crashes, (markers, crashes)
        assert bar_hits(res, 12)[12:, TOM].any(), markers  # the fill into the chorus


def test_a_pre_chorus_marker_in_reaper_leaves_the_chorus_its_crash():
    from test_reaper_live_section_markers import CRASH, TOM_PITCHES

    drums = reaper_band_drums(FORM, [(0.0, "Intro"), (16.0, "Verse"), (32.0, "Pre-chorus")])
    crashes = {int(n[0] // 4) + 1 for n in drums if n[2] == CRASH and n[0] % 4 < 0.1}
    toms = {int(n[0] // 4) + 1 for n in drums if n[2] in TOM_PITCHES}
    assert {5, 9, 13} <= crashes and 12 in toms, (sorted(crashes), sorted(toms))


def test_a_heard_section_a_phrase_from_a_marker_is_kept_nearer_it_is_the_marker_s():
    # (freedoom's drummers: 2 bars from a marker 0 of 2 heard sections crashed, 4 bars 2 of 2, before and after)
    assert clear_of_given([7, 11, 13, 17, 21], [9, 15]) == [21]
    assert clear_of_given([5, 13, 23, 29], [9, 25]) == [5, 13, 29]
    assert clear_of_given({13: "louder", 10: "riff"}, [9]) == {13: "louder"}
