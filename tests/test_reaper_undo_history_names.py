"""REAPER's Undo History names each Drumify and Variations run by what it did: every Drumify had been "ReaGroove:
drumify selected items" (the whole song, a jazz bridge over a time selection, a run with a fill bar), so a producer
scrolling the history could not tell which point to go back to. The name travels in the write request (run_names.py),
so an older REAPER side names the point alike; the docked panel still knows each run's point as its own."""

from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.reaper_names import DRUMIFY_UNDO_NAME

SPQ = 0.5  # seconds per quarter note at 120 BPM


def bass_song(bars=16):
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    notes = [(k * 0.5, 0.25, 40 + k % 3, 100) for k in range(bars * 8)]
    spec.add_midi_item(bass, start_qn=0.0, length_qn=bars * 4.0, selected=True, name="bass", notes=notes)
    return spec


def time_selection(rpr, first_bar, last_bar):
    rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (first_bar - 1) * 4 * SPQ, last_bar * 4 * SPQ, False)


def test_an_arranging_hours_runs_are_told_apart_in_the_undo_history():
    """The walkthrough's hour: the whole song, a jazz bridge over a time selection, variations of the chorus, the
    song again with a fill bar and the Dice's seed: four points, each saying its bars and what it played."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        time_selection(rpr, 9, 16)
        actions.drumify_selection(bridge, engine(), Settings(genre={"jazz": 1.0}, density=0.3))
        time_selection(rpr, 5, 8)
        actions.variations_of_selection(bridge, engine(), Settings(), 3)
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0, 0, False)  # cleared: the whole items again
        actions.drumify_selection(bridge, engine(), Settings(fill_bars=(8,), seed=4))
        assert s.reaper.undo_names == [DRUMIFY_UNDO_NAME,  # the defaults over the whole items: as always
                                       "ReaGroove: drumify bars 9-16 (Jazz, density 0.30)",
                                       "ReaGroove: 3 variations, bars 5-8",
                                       "ReaGroove: drumify (fill bar 8, seed 4)"]
        # each still the run's own to the docked panel (it reads the point back to see a run went well)
        names = s.reaper.undo_names
        assert [host.UNDO_NAMES[host.DRUMIFY](n) for n in names] == [True, True, False, True]
        assert [host.UNDO_NAMES[host.VARIATIONS](n) for n in names] == [False, False, True, False]


def test_genres_are_named_as_the_panels_show_them():
    from reagroove.reaper_ext.run_names import drumify_undo_name

    assert drumify_undo_name(Settings(genre={"hiphop": 1.0})) == "ReaGroove: drumify (Hip-Hop/R&B/Soul)"
    assert drumify_undo_name(Settings(genre={"funk": 0.7, "rock": 0.3}), "bar 9") == \
        "ReaGroove: drumify bar 9 (Funk 70% / Rock 30%)"


def test_a_long_name_fits_the_undo_history():
    """REAPER's Undo History shows about 60 characters: what does not fit is cut at a whole setting, with '…'."""
    from reagroove.reaper_ext.reaper_names import UNDO_NAME_MAX
    from reagroove.reaper_ext.run_names import drumify_undo_name, variations_run_name

    busy = Settings(genre={"hiphop": 0.5, "latin": 0.3, "jazz": 0.2}, density=0.25, feel="half", swing=62,
                    voice_groups={"toms": False}, fill_bars=(8, 16, 24), seed=12)
    for name in (drumify_undo_name(busy, "bars 101-116"), variations_run_name(12, busy, "bars 101-116")):
        assert len(name) <= UNDO_NAME_MAX and name.endswith("…)"), name
    assert drumify_undo_name(busy, "bars 101-116").startswith("ReaGroove: drumify bars 101-116 (Hip-Hop/R&B/Soul mix, ")


def test_the_dock_takes_no_other_point_for_a_run_with_bars():
    drumify, variations = host.UNDO_NAMES[host.DRUMIFY], host.UNDO_NAMES[host.VARIATIONS]
    assert variations("ReaGroove: 1 variation, bars 9-16") and variations("ReaGroove: 2 variations (Jazz)")
    assert not any(variations(n) for n in ("ReaGroove: 1 variations, bars 9-16", "ReaGroove: 3 variationsx",
                                           "ReaGroove: drumify bars 9-16"))
    assert not any(drumify(n) for n in ("ReaGroove: drumifyx", "ReaGroove: 3 variations, bars 9-16",
                                        "ReaGroove: live follow", "Insert new MIDI item"))


def test_a_setting_too_long_to_fit_hides_none_of_those_after_it():
    # a long pattern name had hidden density and half-time behind '(…)', and two Dice takes of a long fill list had
    # shared 'ReaGroove: drumify (…)' (C7's review)
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.run_names import drumify_undo_name

    long_pattern = drumify_undo_name(Settings(pattern_a="my very long pattern name groove", density=0.3, feel="half"),
                                     "bars 9-16")
    assert "density 0.30" in long_pattern and "half-time" in long_pattern and len(long_pattern) <= 60, long_pattern
    takes = {drumify_undo_name(Settings(fill_bars=tuple(range(4, 60, 4)), seed=s)) for s in (3, 4)}
    assert len(takes) == 2 and all(len(t) <= 60 for t in takes), takes
